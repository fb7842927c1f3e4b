//! The document: head and print style, header and summary, then one `<section>` per part of the
//! report with its table (the charts come from [`svg`](super::svg)).

use super::data::{AlertLine, KpiLine, ReportData};
use super::escape::esc;
use super::num::{DASH, change_unit, finite, fixed, opt_pct, pct, signed, value};
use super::svg;

const NO_DATA: &str = "<p class=\"nodata\">暂无数据 · No data</p>";
const DEFAULT_TITLE_ZH: &str = "社区服务评估报告";
const DEFAULT_TITLE_EN: &str = "Community service evaluation report";

const STYLE: &str = r#"
:root { --ink: #1f2933; --muted: #6b7280; --accent: #9f1d20; --line: #e5e2dc; --paper: #faf9f6; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1080px; padding: 24px 32px 40px; color: var(--ink); background: #fff;
  font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  font-size: 14px; line-height: 1.55; }
header.report { border-bottom: 3px solid var(--accent); padding-bottom: 12px; margin-bottom: 18px; }
h1 { font-size: 26px; margin: 0; color: var(--accent); letter-spacing: .02em; }
.subtitle { font-size: 17px; color: var(--muted); margin: 2px 0 10px; }
.meta { display: flex; flex-wrap: wrap; gap: 8px 28px; font-size: 13px; margin: 0; }
.meta b { font-weight: 600; }
h2 { font-size: 18px; margin: 30px 0 12px; padding-left: 10px; border-left: 4px solid var(--accent); }
h3 { font-size: 14px; margin: 18px 0 8px; color: var(--muted); }
.en { display: block; color: var(--muted); font-size: .86em; }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin: 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: var(--paper); margin: 0; }
.card dt { font-size: 12px; color: var(--muted); }
.card dd { margin: 2px 0 0; font-size: 22px; font-weight: 700; font-variant-numeric: tabular-nums; }
.card dd small { font-size: 12px; font-weight: 400; color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f3f1ec; font-weight: 600; }
th .en { font-weight: 400; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; white-space: nowrap; color: #fff; }
.badge.good { background: #1b7f3b; } .badge.fine { background: #1f4e79; }
.badge.bad { background: #b91c1c; } .badge.grey { background: #8a8f98; }
.progress { display: block; width: 80px; height: 6px; margin: 4px 0 0 auto; background: #ece9e2; border-radius: 3px; }
.progress > span { display: block; height: 6px; background: var(--accent); border-radius: 3px; }
.trends { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 12px; margin-top: 16px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
figcaption { font-size: 13px; margin-bottom: 4px; }
figcaption .en { display: inline; margin-left: .4em; }
svg { display: block; width: 100%; height: auto; }
svg.bars, svg.map { width: auto; max-width: 100%; height: auto; } svg.map { margin-bottom: 12px; }
.nodata { color: var(--muted); font-style: italic; }
ol.advice { padding-left: 1.4em; } ol.advice li { margin-bottom: 10px; }
.facts { display: block; font-size: 12px; color: var(--muted); margin-top: 2px; }
.facts span + span::before { content: " ｜ "; }
.id { color: var(--muted); font-size: 12px; margin-left: .4em; }
footer { margin-top: 36px; padding-top: 8px; border-top: 1px solid var(--line); font-size: 12px; color: var(--muted); }
@page { size: A4; margin: 15mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  section { break-before: page; page-break-before: always; }
  section.first { break-before: auto; page-break-before: auto; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, figure, .card, li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .trends { grid-template-columns: 1fr 1fr; }
}
"#;

/// `zh` then `en` (on its own line, marked English), escaped; whichever of the two is there.
fn pair(zh: &str, en: &str) -> String {
    match (zh.is_empty(), en.is_empty()) {
        (false, false) => format!(
            "{}<span class=\"en\" lang=\"en\">{}</span>",
            esc(zh),
            esc(en)
        ),
        (false, true) => esc(zh).to_string(),
        _ => format!("<span lang=\"en\">{}</span>", esc(en)),
    }
}

/// A header cell with a Chinese and an English label (both ours, not escaped).
fn th(zh: &str, en: &str, numeric: bool) -> String {
    let class = if numeric { " class=\"num\"" } else { "" };
    format!("<th{class}>{zh}<span class=\"en\" lang=\"en\">{en}</span></th>")
}

fn badge(kind: &str, zh: &str, en: &str) -> String {
    format!("<span class=\"badge {kind}\">{zh} · {en}</span>")
}

fn open_section(out: &mut String, id: &str, zh: &str, en: &str, first: bool) {
    let class = if first { " class=\"first\"" } else { "" };
    w!(out, "<section id=\"{id}\"{class}><h2>{zh} · {en}</h2>");
}

fn table_head(out: &mut String, columns: &[(&str, &str, bool)]) {
    out.push_str("<table><thead><tr>");
    for (zh, en, numeric) in columns {
        out.push_str(&th(zh, en, *numeric));
    }
    out.push_str("</tr></thead><tbody>");
}

/// The whole report as one HTML document.
pub(crate) fn document(data: &ReportData) -> String {
    let mut out = String::with_capacity(32 * 1024);
    let title_zh = if data.title_zh.is_empty() {
        DEFAULT_TITLE_ZH
    } else {
        &data.title_zh
    };
    let title_en = if data.title_en.is_empty() {
        DEFAULT_TITLE_EN
    } else {
        &data.title_en
    };
    w!(
        &mut out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(title_zh),
        esc(title_en)
    );
    header(&mut out, data, title_zh, title_en);
    summary(&mut out, data);
    kpis(&mut out, data);
    index(&mut out, data);
    changes(&mut out, data);
    levels(&mut out, data);
    map(&mut out, data);
    alerts(&mut out, data);
    advice(&mut out, data);
    staffing(&mut out, data);
    out.push_str(
        "<footer>本报告由 huzhu 根据调用方提供的数据生成，图表内嵌，可在浏览器中打印为 PDF。\
         <span class=\"en\" lang=\"en\">Generated by huzhu from the data supplied; charts are \
         embedded; print to PDF from the browser.</span></footer>\n</body>\n</html>\n",
    );
    out
}

fn header(out: &mut String, data: &ReportData, title_zh: &str, title_en: &str) {
    w!(
        out,
        "<header class=\"report\"><h1>{}</h1><p class=\"subtitle\" lang=\"en\">{}</p>\
         <p class=\"meta\">",
        esc(title_zh),
        esc(title_en)
    );
    if !data.place.is_empty() {
        w!(
            out,
            "<span><b>地区 · Place：</b>{}</span>",
            esc(&data.place)
        );
    }
    if let Some(date) = data.generated {
        w!(
            out,
            "<span><b>报告日期 · Date：</b>{}</span>",
            date.format("%Y-%m-%d")
        );
    }
    if let (Some(first), Some(last)) = (data.periods.first(), data.periods.last()) {
        let range = if data.periods.len() == 1 {
            esc(first).to_string()
        } else {
            format!("{} – {}", esc(first), esc(last))
        };
        w!(out, "<span><b>评估期 · Periods：</b>{range}</span>");
    }
    out.push_str("</p></header>\n");
}

/// Where an indicator stands: met, on track, behind, below a target it has no baseline to be
/// judged against, or not judged (no value).
fn status(kpi: &KpiLine) -> (&'static str, &'static str, &'static str) {
    let measured = kpi.latest.is_some_and(f64::is_finite);
    match (kpi.met, kpi.on_track) {
        (true, _) => ("good", "已达成", "Met"),
        (false, Some(true)) => ("fine", "正常", "On track"),
        (false, Some(false)) => ("bad", "滞后", "Behind"),
        (false, None) if measured => ("bad", "未达标", "Below target"),
        (false, None) => ("grey", "未评估", "Not judged"),
    }
}

fn card(out: &mut String, zh: &str, en: &str, value: &str) {
    w!(
        out,
        "<div class=\"card\"><dt>{zh} · {en}</dt><dd>{value}</dd></div>"
    );
}

fn summary(out: &mut String, data: &ReportData) {
    out.push_str("<dl class=\"summary\" aria-label=\"摘要 · Summary\">");
    let latest = data
        .index
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, v)| finite(*v).map(|v| (i, v)));
    let index_text = match latest {
        Some((i, v)) => match data.periods.get(i) {
            Some(label) => format!("{} <small>{}</small>", fixed(v, 1), esc(label)),
            None => fixed(v, 1),
        },
        None => DASH.to_owned(),
    };
    card(out, "最新综合指数", "Latest index", &index_text);
    let count = |kind| {
        data.kpis
            .iter()
            .filter(|k| status(k).0 == kind)
            .count()
            .to_string()
    };
    let total = data.kpis.len();
    card(
        out,
        "指标已达成",
        "KPIs met",
        &format!("{} <small>/ {total}</small>", count("good")),
    );
    card(out, "进度正常", "On track", &count("fine"));
    card(out, "滞后或未达标", "Behind or below target", &count("bad"));
    let open = data.alerts.iter().filter(|a| a.open).count();
    card(out, "待整改预警", "Open alerts", &open.to_string());
    out.push_str("</dl>\n");
}

fn kpis(out: &mut String, data: &ReportData) {
    open_section(out, "kpis", "关键指标", "Key indicators", true);
    if data.kpis.is_empty() {
        out.push_str(NO_DATA);
        out.push_str("</section>\n");
        return;
    }
    table_head(
        out,
        &[
            ("指标", "Indicator", false),
            ("基线 → 目标", "Baseline → target", true),
            ("期限 / 阶段", "Deadline / phase", false),
            ("最新值", "Latest", true),
            ("进度", "Progress", true),
            ("状态", "Status", false),
            ("每期需提升", "Needed per period", true),
        ],
    );
    for k in &data.kpis {
        let shown = |v: f64| esc(&value(v, k.percent, &k.unit)).to_string();
        let deadline = k
            .deadline
            .map_or_else(|| DASH.to_owned(), |d| d.format("%Y-%m-%d").to_string());
        let phase = k
            .phase
            .as_deref()
            .filter(|p| !p.is_empty())
            .map(|p| format!("<span class=\"en\">{}</span>", esc(p)))
            .unwrap_or_default();
        let latest = finite(k.latest).map_or_else(|| DASH.to_owned(), shown);
        let progress = match finite(k.progress) {
            Some(p) => format!(
                "{}<span class=\"progress\"><span style=\"width:{}%\"></span></span>",
                pct(p),
                fixed(p.clamp(0.0, 1.0) * 100.0, 1)
            ),
            None => DASH.to_owned(),
        };
        let (kind, zh, en) = status(k);
        let scale = if k.percent { 100.0 } else { 1.0 };
        let needed = finite(k.needed_per_period).map_or_else(
            || DASH.to_owned(),
            |n| esc(&signed(n * scale, change_unit(k.percent, &k.unit))).to_string(),
        );
        w!(
            out,
            "<tr data-code=\"{}\"><td>{}</td><td class=\"num\">{} → {}</td><td>{deadline}{phase}</td>\
             <td class=\"num\">{latest}</td><td class=\"num\">{progress}</td><td>{}</td>\
             <td class=\"num\">{needed}</td></tr>",
            esc(&k.code),
            pair(&k.name_zh, &k.name_en),
            k.baseline.map_or_else(|| DASH.to_owned(), shown),
            shown(k.target),
            badge(kind, zh, en)
        );
    }
    out.push_str("</tbody></table>");
    out.push_str("<h3>趋势 · Trends</h3><div class=\"trends\">");
    for k in &data.kpis {
        w!(
            out,
            "<figure><figcaption>{}</figcaption>",
            pair(&k.name_zh, &k.name_en)
        );
        svg::trend(out, k, &data.periods);
        out.push_str("</figure>");
    }
    out.push_str("</div></section>\n");
}

fn index(out: &mut String, data: &ReportData) {
    open_section(out, "index", "综合指数", "Composite index", false);
    if data.index.iter().all(|v| finite(*v).is_none()) {
        out.push_str(NO_DATA);
    } else {
        svg::index_bars(out, &data.periods, &data.index);
    }
    out.push_str("</section>\n");
}

fn changes(out: &mut String, data: &ReportData) {
    open_section(
        out,
        "changes",
        "两期变化",
        "Change between the last two periods",
        false,
    );
    if data.changes.is_empty() {
        out.push_str(NO_DATA);
        out.push_str("</section>\n");
        return;
    }
    table_head(
        out,
        &[
            ("指标", "Rate", false),
            ("上期", "Before", true),
            ("本期", "After", true),
            ("变化", "Change", true),
            ("区间", "Interval", true),
            ("判断", "Verdict", false),
        ],
    );
    for c in &data.changes {
        let change = finite(c.change).map_or_else(|| DASH.to_owned(), |v| signed(v * 100.0, "pp"));
        let interval = match (finite(c.low), finite(c.high)) {
            (Some(low), Some(high)) => format!(
                "{} … {}",
                signed(low * 100.0, ""),
                signed(high * 100.0, "pp")
            ),
            _ => DASH.to_owned(),
        };
        let verdict = match (finite(c.change), c.significant) {
            (None, _) => badge("grey", "无数据", "No data"),
            (Some(_), true) => badge("fine", "显著", "Significant"),
            (Some(_), false) => badge("grey", "不显著", "Within noise"),
        };
        w!(
            out,
            "<tr data-code=\"{}\"><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{change}</td><td class=\"num\">{interval}</td><td>{verdict}</td></tr>",
            esc(&c.code),
            pair(&c.name_zh, &c.name_en),
            esc(&c.before),
            esc(&c.after)
        );
    }
    out.push_str("</tbody></table></section>\n");
}

/// A level's name in both languages, or the caller's text as it is.
fn level_name(level: &str) -> String {
    let (zh, en) = match level {
        "grid" => ("网格", "Grid"),
        "community" => ("社区", "Community"),
        "street" => ("街道", "Street"),
        "district" => ("区", "District"),
        "city" => ("市", "City"),
        other => return esc(other).to_string(),
    };
    format!("{zh} · {en}")
}

fn levels(out: &mut String, data: &ReportData) {
    open_section(out, "levels", "分级评分", "Scorecard by level", false);
    if data.levels.is_empty() {
        out.push_str(NO_DATA);
        out.push_str("</section>\n");
        return;
    }
    table_head(
        out,
        &[
            ("单位", "Unit", false),
            ("层级", "Level", false),
            ("居民", "Residents", true),
            ("需求", "Demand", true),
            ("未满足", "Unmet", true),
            ("匹配率", "Match rate", true),
            ("按时响应", "On-time response", true),
            ("满意度", "Satisfaction", true),
        ],
    );
    for l in &data.levels {
        let indent = 8 + 18 * l.depth.min(8);
        let id = if l.id.is_empty() || l.id == l.name {
            String::new()
        } else {
            format!("<span class=\"id\">{}</span>", esc(&l.id))
        };
        w!(
            out,
            "<tr class=\"depth-{}\"><td style=\"padding-left:{indent}px\">{}{id}</td><td>{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            l.depth,
            esc(&l.name),
            level_name(&l.level),
            l.residents,
            l.demand,
            l.unmet,
            opt_pct(finite(l.match_rate)),
            opt_pct(finite(l.response_compliance)),
            opt_pct(finite(l.satisfaction))
        );
    }
    out.push_str("</tbody></table></section>\n");
}

fn map(out: &mut String, data: &ReportData) {
    open_section(
        out,
        "map",
        "未满足需求分布",
        "Map of unmet need by grid",
        false,
    );
    if data.grids.is_empty() {
        out.push_str(NO_DATA);
        out.push_str("</section>\n");
        return;
    }
    if !svg::map(out, &data.grids) {
        out.push_str("<p class=\"nodata\">网格无坐标，无法绘图 · No coordinates to map</p>");
    }
    let mut rows: Vec<_> = data.grids.iter().collect();
    rows.sort_by_key(|g| std::cmp::Reverse(g.unmet));
    table_head(
        out,
        &[
            ("网格", "Grid", false),
            ("需求", "Demand", true),
            ("未满足", "Unmet", true),
            ("未满足占比", "Unmet share", true),
        ],
    );
    for g in rows {
        w!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td></tr>",
            esc(&g.grid),
            g.demand,
            g.unmet,
            pct(svg::unmet_share(g))
        );
    }
    out.push_str("</tbody></table></section>\n");
}

fn alerts(out: &mut String, data: &ReportData) {
    open_section(
        out,
        "alerts",
        "质量预警与整改",
        "Quality alerts and corrective actions",
        false,
    );
    if data.alerts.is_empty() {
        out.push_str(NO_DATA);
        out.push_str("</section>\n");
        return;
    }
    table_head(
        out,
        &[
            ("对象", "Subject", false),
            ("判定", "Verdict", false),
            ("满意率", "Satisfied", true),
            ("答卷", "Answers", true),
            ("整改措施", "Corrective action", false),
            ("状态", "Status", false),
        ],
    );
    let mut rows: Vec<&AlertLine> = data.alerts.iter().collect();
    rows.sort_by_key(|a| !a.open);
    for a in rows {
        let state = if a.open {
            badge("bad", "未完成", "Open")
        } else {
            badge("good", "已完成", "Closed")
        };
        w!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td>{}</td><td>{state}</td></tr>",
            esc(&a.subject),
            pair(&a.verdict_zh, &a.verdict_en),
            opt_pct(finite(a.share)),
            a.answers,
            pair(&a.action_zh, &a.action_en)
        );
    }
    out.push_str("</tbody></table></section>\n");
}

fn advice(out: &mut String, data: &ReportData) {
    open_section(out, "advice", "人员配置建议", "Staffing advice", false);
    if data.advice.is_empty() {
        out.push_str(NO_DATA);
        out.push_str("</section>\n");
        return;
    }
    out.push_str("<ol class=\"advice\">");
    for a in &data.advice {
        w!(
            out,
            "<li>{}<span class=\"facts\">",
            pair(&a.text_zh, &a.text_en)
        );
        if !a.grid.is_empty() {
            w!(out, "<span>网格 · Grid：{}</span>", esc(&a.grid));
        }
        if !a.skill.is_empty() {
            w!(out, "<span>技能 · Skill：{}</span>", esc(&a.skill));
        }
        w!(
            out,
            "<span>招募 · Recruit：{}</span>\
             <span>可满足需求 · Needs met：{}</span></span></li>",
            a.recruits,
            a.needs_met
        );
    }
    out.push_str("</ol></section>\n");
}

fn staffing(out: &mut String, data: &ReportData) {
    open_section(
        out,
        "staffing",
        "人员配备标准",
        "Staffing against the norms",
        false,
    );
    if data.staffing.is_empty() {
        out.push_str(NO_DATA);
        out.push_str("</section>\n");
        return;
    }
    table_head(
        out,
        &[
            ("项目", "Item", false),
            ("实有", "Actual", true),
            ("标准", "Norm", true),
            ("判定", "Verdict", false),
        ],
    );
    for n in &data.staffing {
        let verdict = match n.meets {
            Some(true) => badge("good", "达标", "Met"),
            Some(false) => badge("bad", "未达标", "Below"),
            None => badge("grey", "无数据", "No data"),
        };
        w!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{verdict}</td></tr>",
            pair(&n.name_zh, &n.name_en),
            esc(&n.actual),
            esc(&n.norm)
        );
    }
    out.push_str("</tbody></table></section>\n");
}
