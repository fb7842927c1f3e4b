//! The HTML evaluation report: bilingual order, escaping, charts (gaps, map orientation), empty
//! and broken data, self-containment and the JSON contract. Expected coordinates are worked out
//! by hand from the chart geometry in `core/src/report/svg.rs`.

use chrono::NaiveDate;
use huzhu::report::*;
use proptest::prelude::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Two KPIs over three periods, plus one of everything else.
fn sample() -> ReportData {
    ReportData {
        title_zh: "东湖街道社区服务评估".into(),
        title_en: "Donghu street community services evaluation".into(),
        place: "东湖街道 Donghu street".into(),
        generated: Some(date(2026, 10, 8)),
        periods: vec!["2026 Q1".into(), "2026 Q2".into(), "2026 Q3".into()],
        index: vec![Some(58.0), Some(61.5), Some(66.0)],
        kpis: vec![
            KpiLine {
                code: "match_rate".into(),
                name_zh: "供需匹配率".into(),
                name_en: "Match rate".into(),
                percent: true,
                baseline: Some(0.55),
                target: 0.82,
                deadline: Some(date(2027, 12, 31)),
                phase: Some("推广期 roll-out".into()),
                series: vec![Some(0.55), None, Some(0.70)],
                latest: Some(0.70),
                progress: Some(0.15 / 0.27),
                on_track: Some(false),
                needed_per_period: Some(0.025),
                ..KpiLine::default()
            },
            KpiLine {
                code: "handling_days".into(),
                name_zh: "平均办理时长".into(),
                name_en: "Average handling time".into(),
                unit: "days".into(),
                baseline: Some(7.0),
                target: 2.0,
                higher_is_better: false,
                series: vec![Some(7.0), Some(4.0), Some(1.5)],
                latest: Some(1.5),
                progress: Some(1.1),
                on_track: Some(true),
                met: true,
                ..KpiLine::default()
            },
        ],
        changes: vec![
            ChangeLine {
                code: "match_rate".into(),
                name_zh: "供需匹配率".into(),
                name_en: "Match rate".into(),
                before: "48/80".into(),
                after: "56/70".into(),
                change: Some(0.2),
                low: Some(0.0524),
                high: Some(0.3339),
                significant: true,
            },
            ChangeLine {
                code: "satisfaction".into(),
                name_zh: "满意率".into(),
                name_en: "Satisfaction".into(),
                before: "3/4".into(),
                after: "2/3".into(),
                change: Some(2.0 / 3.0 - 0.75),
                low: Some(-0.5),
                high: Some(0.4),
                significant: false,
            },
        ],
        levels: vec![
            LevelLine {
                id: "S1".into(),
                name: "东湖街道".into(),
                level: "street".into(),
                depth: 0,
                residents: 12_000,
                demand: 300,
                unmet: 54,
                match_rate: Some(0.82),
                response_compliance: Some(0.9),
                satisfaction: Some(0.823),
            },
            LevelLine {
                id: "C1".into(),
                name: "桃园社区".into(),
                level: "community".into(),
                depth: 1,
                residents: 4_000,
                demand: 120,
                unmet: 30,
                ..LevelLine::default()
            },
            LevelLine {
                id: "G3".into(),
                name: "第三网格".into(),
                level: "grid".into(),
                depth: 2,
                residents: 800,
                demand: 40,
                unmet: 10,
                ..LevelLine::default()
            },
        ],
        grids: vec![
            GridCell {
                grid: "South".into(),
                lat: 31.20,
                lon: 121.52,
                demand: 40,
                unmet: 10,
            },
            GridCell {
                grid: "North".into(),
                lat: 31.25,
                lon: 121.50,
                demand: 20,
                unmet: 15,
            },
        ],
        alerts: vec![
            AlertLine {
                subject: "Day care A".into(),
                verdict_zh: "整改".into(),
                verdict_en: "Correct".into(),
                share: Some(0.58),
                answers: 50,
                action_zh: "已更换供应商".into(),
                action_en: "Supplier replaced".into(),
                open: false,
            },
            AlertLine {
                subject: "Canteen B".into(),
                verdict_zh: "退出".into(),
                verdict_en: "Retire".into(),
                share: Some(0.55),
                answers: 40,
                action_zh: "停止服务并另选机构".into(),
                action_en: "Stop and choose another provider".into(),
                open: true,
            },
        ],
        advice: vec![AdviceLine {
            text_zh: "在第三网格招募两名助餐志愿者".into(),
            text_en: "Recruit two meal volunteers in grid 3".into(),
            recruits: 2,
            needs_met: 5,
            grid: "G3".into(),
            skill: "meals".into(),
        }],
        staffing: vec![
            NormLine {
                name_zh: "社区工作者（每万人）".into(),
                name_en: "Community workers per 10,000".into(),
                actual: "14".into(),
                norm: "≥ 18".into(),
                meets: Some(false),
            },
            NormLine {
                name_zh: "社工（每500人）".into(),
                name_en: "Social workers per 500".into(),
                actual: "25".into(),
                norm: "≥ 24".into(),
                meets: Some(true),
            },
            NormLine {
                name_zh: "志愿者占比".into(),
                name_en: "Volunteer share".into(),
                actual: "—".into(),
                norm: "5%".into(),
                meets: None,
            },
        ],
    }
}

/// The text of `<section id="{id}" …>…</section>`.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<section id=\"{id}\""))
        .unwrap_or_else(|| panic!("no section #{id}"));
    let end = start + html[start..].find("</section>").unwrap();
    &html[start..end]
}

/// The value of the first `attr="…"` after `from` in `text`.
fn attr_after<'a>(text: &'a str, from: &str, attr: &str) -> &'a str {
    let at = text.find(from).unwrap_or_else(|| panic!("no {from}"));
    let key = format!(" {attr}=\"");
    let start = at + text[at..].find(&key).unwrap() + key.len();
    let end = start + text[start..].find('"').unwrap();
    &text[start..end]
}

fn position(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("missing {needle:?}"))
}

#[test]
fn document_shell_is_self_contained_and_printable() {
    let html = render_html(&sample());
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains(
        "<title>东湖街道社区服务评估 · Donghu street community services evaluation</title>"
    ));
    assert!(html.contains(
        "\"Noto Sans CJK SC\", \"Noto Sans SC\", \"Source Han Sans SC\", \"PingFang SC\", \
         \"Microsoft YaHei\", sans-serif"
    ));
    assert!(html.contains("@page { size: A4; margin: 15mm; }"));
    let print = &html[position(&html, "@media print")..];
    assert!(print.contains("-webkit-print-color-adjust: exact; print-color-adjust: exact;"));
    assert!(print.contains("break-before: page"));
    assert!(html.contains("报告日期 · Date：</b>2026-10-08"));
    for banned in ["<script", "<link", "@import", "url(", "<img", "<iframe"] {
        assert!(!html.contains(banned), "{banned}");
    }
    let without_ns = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!without_ns.contains("http://") && !without_ns.contains("https://"));
}

#[test]
fn chinese_comes_before_english() {
    let html = render_html(&sample());
    assert!(html.contains("<h2>关键指标 · Key indicators</h2>"));
    for (zh, en) in [
        ("供需匹配率", "Match rate"),
        ("平均办理时长", "Average handling time"),
        ("关键指标", "Key indicators"),
        ("质量预警与整改", "Quality alerts and corrective actions"),
        ("社区工作者（每万人）", "Community workers per 10,000"),
        (
            "在第三网格招募两名助餐志愿者",
            "Recruit two meal volunteers in grid 3",
        ),
    ] {
        assert!(position(&html, zh) < position(&html, en), "{zh} / {en}");
    }
    // Within the KPI table row, too.
    let kpis = section(&html, "kpis");
    assert!(kpis.contains("供需匹配率<span class=\"en\" lang=\"en\">Match rate</span>"));
    assert!(
        kpis.contains("平均办理时长<span class=\"en\" lang=\"en\">Average handling time</span>")
    );
}

#[test]
fn kpi_table_shows_targets_progress_status_and_need() {
    let html = render_html(&sample());
    let kpis = section(&html, "kpis");
    let row = |code: &str| {
        let start = position(kpis, &format!("<tr data-code=\"{code}\">"));
        &kpis[start..start + kpis[start..].find("</tr>").unwrap()]
    };
    let match_rate = row("match_rate");
    assert!(match_rate.contains("55.0% → 82.0%"));
    assert!(match_rate.contains("2027-12-31<span class=\"en\">推广期 roll-out</span>"));
    assert!(match_rate.contains(">70.0%<"));
    // 0.15 of the 0.27 way: 55.6%.
    assert!(match_rate.contains("55.6%<span class=\"progress\"><span style=\"width:55.6%\">"));
    assert!(match_rate.contains("滞后 · Behind"));
    // 0.025 a period is 2.5 percentage points.
    assert!(match_rate.contains("+2.5 pp"));

    let days = row("handling_days");
    assert!(days.contains("7.0 days → 2.0 days"));
    assert!(days.contains(">1.5 days<"));
    // Progress beyond the target is printed as it is, the bar is full.
    assert!(days.contains("110.0%<span class=\"progress\"><span style=\"width:100.0%\">"));
    assert!(days.contains("已达成 · Met"));
    // One trend chart per KPI.
    assert_eq!(kpis.matches("<svg ").count(), 2);
}

#[test]
fn summary_counts_index_kpis_and_open_alerts() {
    let html = render_html(&sample());
    let summary = &html[position(&html, "<dl class=\"summary\"")..position(&html, "</dl>")];
    assert!(summary.contains("最新综合指数 · Latest index</dt><dd>66.0 <small>2026 Q3</small>"));
    assert!(summary.contains("指标已达成 · KPIs met</dt><dd>1 <small>/ 2</small>"));
    assert!(summary.contains("进度正常 · On track</dt><dd>0<"));
    assert!(summary.contains("滞后或未达标 · Behind or below target</dt><dd>1<"));
    assert!(summary.contains("待整改预警 · Open alerts</dt><dd>1<"));
}

#[test]
fn a_norm_below_target_without_baseline_is_not_on_track() {
    let mut data = sample();
    // A measured value, not met, and no pace to judge (no baseline): below target.
    data.kpis[0].on_track = None;
    data.kpis[0].baseline = None;
    let html = render_html(&data);
    assert!(html.contains("未达标 · Below target"));
    let summary = &html[position(&html, "<dl class=\"summary\"")..position(&html, "</dl>")];
    assert!(summary.contains("滞后或未达标 · Behind or below target</dt><dd>1<"));
    // Without a value it is not judged.
    data.kpis[0].latest = None;
    assert!(render_html(&data).contains("未评估 · Not judged"));
}

#[test]
fn caller_text_is_escaped() {
    let mut data = sample();
    data.place = "<script>alert('x')</script> & co".into();
    data.kpis[0].name_en = "Match \"rate\"".into();
    data.grids[0].grid = "<G1>".into();
    let html = render_html(&data);
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
    assert!(!html.contains("<script"));
    assert!(html.contains("Match &quot;rate&quot;"));
    assert!(html.contains("data-grid=\"&lt;G1&gt;\""));
    assert!(!html.contains("<G1>"));
}

#[test]
fn a_missing_value_breaks_the_trend_line() {
    let html = render_html(&sample());
    let kpis = section(&html, "kpis");
    // The first chart is the match rate: series [0.55, None, 0.70], baseline 0.55, target 0.82.
    // Plot 240 × 114 at (54, 14); y domain 0.55..0.82 padded by 12% of 0.27 on both sides, so
    // 0.5176..0.8524: 0.55 → 128 − 0.0324/0.3348·114 = 117.0, 0.70 → 128 − 0.1824/0.3348·114
    // = 65.9. Three periods: x = 54, 174, 294.
    let d = attr_after(kpis, "class=\"series\"", "d");
    assert_eq!(d, "M54.0 117.0 M294.0 65.9");
    assert_eq!(d.matches('M').count(), 2, "two segments");
    assert!(!d.contains('L'));
    // The target is dashed at 0.82 → 128 − 0.3024/0.3348·114 = 25.0; the baseline dotted at 117.0.
    let target = &kpis[position(kpis, "class=\"target\"")..];
    assert!(
        target.starts_with("class=\"target\" x1=\"54.0\" y1=\"25.0\" x2=\"294.0\" y2=\"25.0\"")
    );
    assert!(target.contains("stroke-dasharray=\"5 3\""));
    assert!(target.contains(">82.0%</text>"));
    let baseline = &kpis[position(kpis, "class=\"baseline\"")..];
    assert!(baseline.starts_with("class=\"baseline\" x1=\"54.0\" y1=\"117.0\""));
    assert!(baseline.contains("stroke-dasharray=\"1 3\""));
    // The second chart has no gap: one move, two lines.
    let second = &kpis[kpis.rfind("<svg ").unwrap()..];
    let d2 = attr_after(second, "class=\"series\"", "d");
    assert_eq!(d2.matches('M').count(), 1);
    assert_eq!(d2.matches('L').count(), 2);
    // Each known value is a point, the gap is not.
    assert_eq!(kpis.matches("<circle ").count(), 2 + 3);
}

#[test]
fn index_is_a_bar_per_period() {
    let mut data = sample();
    data.index[1] = None;
    let html = render_html(&data);
    let index = section(&html, "index");
    assert!(index.contains("role=\"img\""));
    // Two bars; the missing period gets a dash. Three slots of (360 − 44)/3 = 105.3, bars 60% of
    // that but at most 44 wide; 66.0 of a 154-high plot from y = 18: top at 172 − 101.64 = 70.4.
    assert_eq!(index.matches("class=\"bar\"").count(), 2);
    assert!(index.contains("y=\"70.4\" width=\"44.0\" height=\"101.6\""));
    assert!(index.contains(">66.0</text>"));
    assert!(index.contains(">—</text>"));
}

#[test]
fn the_map_puts_north_up() {
    let html = render_html(&sample());
    let map = section(&html, "map");
    let north_y: f64 = attr_after(map, "data-grid=\"North\"", "cy")
        .parse()
        .unwrap();
    let south_y: f64 = attr_after(map, "data-grid=\"South\"", "cy")
        .parse()
        .unwrap();
    assert!(north_y < south_y, "north {north_y}, south {south_y}");
    // The latitude span (0.05°) is the tighter fit: it fills the 320-high frame from y = 46.
    assert!((north_y - 46.0).abs() < 1e-9 && (south_y - 366.0).abs() < 1e-9);
    // East (larger longitude) is to the right.
    let north_x: f64 = attr_after(map, "data-grid=\"North\"", "cx")
        .parse()
        .unwrap();
    let south_x: f64 = attr_after(map, "data-grid=\"South\"", "cx")
        .parse()
        .unwrap();
    assert!(south_x > north_x);
    // Area ∝ unmet: the largest (North, 15) has radius 30, South (10) 30·√(10/15) = 24.5.
    assert_eq!(attr_after(map, "data-grid=\"North\"", "r"), "30.0");
    assert_eq!(attr_after(map, "data-grid=\"South\"", "r"), "24.5");
    // Darker for the larger unmet share: North 75% is darker than South 25%.
    assert_eq!(attr_after(map, "data-grid=\"North\"", "fill"), "#bb4546");
    assert_eq!(attr_after(map, "data-grid=\"South\"", "fill"), "#e8b0a8");
    assert!(map.contains(">North</text>") && map.contains("未满足占比 · Unmet share"));
    // The table lists the largest unmet first, with the share.
    assert!(position(map, "<td>North</td>") < position(map, "<td>South</td>"));
    assert!(map.contains("<td>North</td><td class=\"num\">20</td><td class=\"num\">15</td><td class=\"num\">75.0%</td>"));
}

#[test]
fn the_map_handles_one_cell_none_and_no_coordinates() {
    let mut data = sample();
    data.grids.truncate(1);
    let html = render_html(&data);
    let map = section(&html, "map");
    // A single cell sits in the middle of the frame (60 + 520/2, 46 + 320/2).
    assert_eq!(attr_after(map, "data-grid=\"South\"", "cx"), "320.0");
    assert_eq!(attr_after(map, "data-grid=\"South\"", "cy"), "206.0");

    data.grids[0].lat = f64::NAN;
    let html = render_html(&data);
    let map = section(&html, "map");
    assert!(!map.contains("<svg"));
    assert!(map.contains("No coordinates to map") && map.contains("<td>South</td>"));

    data.grids.clear();
    let html = render_html(&data);
    assert!(section(&html, "map").contains("暂无数据 · No data"));
}

#[test]
fn changes_mark_significance() {
    let html = render_html(&sample());
    let changes = section(&html, "changes");
    let row = |code: &str| {
        let start = position(changes, &format!("<tr data-code=\"{code}\">"));
        &changes[start..start + changes[start..].find("</tr>").unwrap()]
    };
    let rate = row("match_rate");
    assert!(rate.contains(">48/80<") && rate.contains(">56/70<"));
    assert!(rate.contains(">+20.0 pp<"));
    assert!(rate.contains(">+5.2 … +33.4 pp<"));
    assert!(rate.contains("显著 · Significant"));
    let satisfaction = row("satisfaction");
    assert!(satisfaction.contains(">−8.3 pp<"));
    assert!(satisfaction.contains(">−50.0 … +40.0 pp<"));
    assert!(satisfaction.contains("不显著 · Within noise"));
}

#[test]
fn levels_are_indented_by_depth() {
    let html = render_html(&sample());
    let levels = section(&html, "levels");
    assert!(levels.contains("<td style=\"padding-left:8px\">东湖街道<span class=\"id\">S1</span>"));
    assert!(levels.contains("<td style=\"padding-left:26px\">桃园社区"));
    assert!(levels.contains("<td style=\"padding-left:44px\">第三网格"));
    assert!(levels.contains("街道 · Street") && levels.contains("网格 · Grid"));
    assert!(levels.contains(">12000<") && levels.contains(">82.0%<") && levels.contains(">82.3%<"));
    assert!(position(levels, "东湖街道") < position(levels, "桃园社区"));
    assert!(position(levels, "桃园社区") < position(levels, "第三网格"));
}

#[test]
fn open_alerts_come_first_and_staffing_has_verdicts() {
    let html = render_html(&sample());
    let alerts = section(&html, "alerts");
    assert!(position(alerts, "Canteen B") < position(alerts, "Day care A"));
    assert!(alerts.contains("未完成 · Open") && alerts.contains("已完成 · Closed"));
    assert!(alerts.contains(">55.0%<") && alerts.contains(">40<"));
    assert!(alerts.contains("停止服务并另选机构<span class=\"en\" lang=\"en\">Stop and choose"));

    let advice = section(&html, "advice");
    assert!(advice.contains("招募 · Recruit：2") && advice.contains("可满足需求 · Needs met：5"));
    assert!(advice.contains("网格 · Grid：G3") && advice.contains("技能 · Skill：meals"));

    let staffing = section(&html, "staffing");
    assert!(staffing.contains("未达标 · Below"));
    assert!(staffing.contains("达标 · Met"));
    assert!(staffing.contains("无数据 · No data"));
    assert!(staffing.contains(">≥ 18<"));
}

#[test]
fn empty_data_renders_every_section_as_no_data() {
    let html = render_html(&ReportData::default());
    assert!(html.contains("<title>社区服务评估报告 · Community service evaluation report</title>"));
    for id in [
        "kpis", "index", "changes", "levels", "map", "alerts", "advice", "staffing",
    ] {
        assert!(
            section(&html, id).contains("<p class=\"nodata\">暂无数据 · No data</p>"),
            "#{id}"
        );
    }
    assert!(!html.contains("<svg"));
    assert!(html.ends_with("</html>\n"));
}

#[test]
fn non_finite_numbers_never_show() {
    let mut data = sample();
    data.index = vec![Some(f64::NAN), Some(f64::INFINITY), None];
    let kpi = &mut data.kpis[0];
    kpi.baseline = Some(f64::NAN);
    kpi.target = f64::INFINITY;
    kpi.series = vec![Some(f64::NAN), Some(f64::NEG_INFINITY), Some(0.6)];
    kpi.latest = Some(f64::NAN);
    kpi.progress = Some(f64::INFINITY);
    kpi.needed_per_period = Some(f64::NAN);
    data.changes[0].change = Some(f64::NAN);
    data.changes[0].low = Some(f64::NEG_INFINITY);
    data.levels[0].match_rate = Some(f64::NAN);
    data.alerts[0].share = Some(f64::INFINITY);
    data.grids[0].lat = f64::NAN;
    data.grids[1].lon = f64::INFINITY;
    let html = render_html(&data);
    assert!(!html.contains("NaN"));
    for bad in [">inf", "\"inf", "inf%", "-inf", "inf "] {
        assert!(!html.contains(bad), "{bad}");
    }
    assert!(section(&html, "kpis").contains("— → —"));
    assert!(section(&html, "index").contains("暂无数据 · No data"));
    assert!(section(&html, "changes").contains("无数据 · No data"));
    // The one finite point of the broken KPI is still drawn.
    assert_eq!(
        attr_after(section(&html, "kpis"), "class=\"series\"", "d")
            .matches('M')
            .count(),
        1
    );
}

#[test]
fn every_chart_is_an_accessible_inline_svg() {
    let html = render_html(&sample());
    let charts: Vec<&str> = html.split("<svg ").skip(1).collect();
    assert_eq!(charts.len(), 2 + 1 + 1);
    for chart in charts {
        assert!(chart.starts_with("xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(chart.contains(" viewBox=\"") && chart.contains(" role=\"img\""));
        let open_end = chart.find('>').unwrap();
        assert!(chart[open_end + 1..].starts_with("<title>"));
        let title =
            &chart[open_end + 8..open_end + 8 + chart[open_end + 8..].find("</title>").unwrap()];
        assert!(title.contains(" · "), "bilingual title: {title}");
    }
    assert!(html.contains("<title>趋势：供需匹配率 · Trend: Match rate</title>"));
}

#[test]
fn rendering_is_deterministic() {
    let data = sample();
    assert_eq!(render_html(&data), render_html(&data.clone()));
}

#[cfg(feature = "serde")]
#[test]
fn json_contract_is_partial_and_strict() {
    let json = r#"{
        "title_zh": "评估", "place": "Demo", "generated": "2026-10-08",
        "periods": ["2026 Q1"], "index": [61.5],
        "kpis": [{"code": "match_rate", "percent": true, "target": 0.82, "series": [0.6, null]}],
        "staffing": [{"name_en": "Social workers", "meets": true}]
    }"#;
    let data: ReportData = serde_json::from_str(json).unwrap();
    assert_eq!(data.generated, Some(date(2026, 10, 8)));
    assert_eq!(data.title_en, "");
    assert_eq!(data.index, vec![Some(61.5)]);
    assert!(
        data.kpis[0].higher_is_better,
        "defaults to higher is better"
    );
    assert_eq!(data.kpis[0].series, vec![Some(0.6), None]);
    assert_eq!(data.staffing[0].meets, Some(true));
    assert!(render_html(&data).contains("82.0%"));

    let err = serde_json::from_str::<ReportData>(r#"{"title_zh": "x", "titel_en": "y"}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown field `titel_en`"), "{err}");
    let err = serde_json::from_str::<ReportData>(r#"{"kpis": [{"code": "a", "nmae_zh": "b"}]}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown field `nmae_zh`"), "{err}");

    // What goes out comes back.
    let sample = sample();
    let back: ReportData = serde_json::from_str(&serde_json::to_string(&sample).unwrap()).unwrap();
    assert_eq!(back, sample);
}

/// Any float at all: ordinary, huge, tiny, infinite or NaN.
fn any_float() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1.0e3..1.0e3f64,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::MAX),
        Just(f64::MIN),
        Just(-0.0),
        proptest::num::f64::ANY,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever the numbers, the report renders every section, shows no NaN or infinity, and
    /// is the same twice.
    #[test]
    fn any_numbers_render_cleanly(
        series in proptest::collection::vec(proptest::option::of(any_float()), 0..6),
        index in proptest::collection::vec(proptest::option::of(any_float()), 0..6),
        periods in 0usize..6,
        base in any_float(),
        target in any_float(),
        progress in proptest::option::of(any_float()),
        cells in proptest::collection::vec((any_float(), any_float(), 0u64..50, 0u64..50), 0..5),
    ) {
        let mut data = sample();
        data.periods = (0..periods).map(|i| format!("P{i}")).collect();
        data.index = index;
        data.kpis[0].series = series;
        data.kpis[0].baseline = Some(base);
        data.kpis[0].target = target;
        data.kpis[0].progress = progress;
        data.grids = cells
            .into_iter()
            .enumerate()
            .map(|(i, (lat, lon, demand, unmet))| GridCell { grid: format!("G{i}"), lat, lon, demand, unmet })
            .collect();
        let html = render_html(&data);
        prop_assert!(!html.contains("NaN"));
        prop_assert!(!html.contains("inf"), "infinity shown");
        for id in ["kpis", "index", "changes", "levels", "map", "alerts", "advice", "staffing"] {
            let open = format!("<section id=\"{id}\"");
            prop_assert!(html.contains(&open), "no #{}", id);
        }
        prop_assert_eq!(&html, &render_html(&data));
    }
}
