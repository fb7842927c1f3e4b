//! The charts, as inline SVG: a trend per indicator, the index by period, and the map of unmet
//! need by grid.
//!
//! Every chart is `<svg xmlns=… viewBox=… role="img">` with a bilingual `<title>` first, colours
//! as attributes (so a copied chart keeps them), and coordinates with one decimal, so the same
//! data gives the same bytes.

use super::data::{GridCell, KpiLine};
use super::escape::esc;
use super::num::{DASH, coord, finite, fixed, pct, value};

const NS: &str = "http://www.w3.org/2000/svg";
const ACCENT: &str = "#9f1d20";
const INK: &str = "#1f2933";
const MUTED: &str = "#6b7280";
const SERIES: &str = "#1f4e79";
const NO_DATA: &str = "暂无数据 · No data";

/// Opens an SVG of `width` × `height` with its title; `natural` also gives it that size in
/// pixels (charts in a grid of cards have none and fill their card).
fn open(out: &mut String, class: &str, (width, height): (f64, f64), natural: bool, title: &str) {
    let (w, h) = (coord(width), coord(height));
    let size = if natural {
        format!(" width=\"{w}\" height=\"{h}\"")
    } else {
        String::new()
    };
    w!(
        out,
        "<svg xmlns=\"{NS}\" class=\"{class}\" viewBox=\"0 0 {w} {h}\"{size} role=\"img\" \
         font-size=\"10\" fill=\"{INK}\"><title>{}</title>",
        esc(title)
    );
}

/// Which of `n` period labels to print so that at most about six fit: every one up to six,
/// else every `step`-th and the last.
fn label_shown(i: usize, n: usize) -> bool {
    if n <= 6 {
        return true;
    }
    let step = (n - 1).div_ceil(5);
    i.is_multiple_of(step) || i == n - 1
}

/// The trend of one indicator: its series as a line with points (a missing value breaks the line
/// into separate `M` segments of one path), the target as a dashed line and the baseline as a
/// dotted one.
pub(crate) fn trend(out: &mut String, kpi: &KpiLine, periods: &[String]) {
    const W: f64 = 320.0;
    const H: f64 = 176.0;
    const LEFT: f64 = 54.0;
    const RIGHT: f64 = 26.0;
    const TOP: f64 = 14.0;
    const BOTTOM: f64 = 48.0;
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let title = format!(
        "趋势：{} · Trend: {}",
        if kpi.name_zh.is_empty() {
            &kpi.code
        } else {
            &kpi.name_zh
        },
        if kpi.name_en.is_empty() {
            &kpi.code
        } else {
            &kpi.name_en
        }
    );
    open(out, "trend", (W, H), false, &title);
    w!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f7f7f5\"/>",
        coord(LEFT),
        coord(TOP),
        coord(pw),
        coord(ph)
    );

    let count = periods.len().max(kpi.series.len());
    let points: Vec<Option<f64>> = (0..count)
        .map(|i| finite(kpi.series.get(i).copied().flatten()))
        .collect();
    let baseline = finite(kpi.baseline);
    let target = finite(Some(kpi.target));
    let known = points.iter().flatten().chain(&baseline).chain(&target);
    let (lo, hi) = known.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
        (lo.min(v), hi.max(v))
    });
    let (lo, hi) = if lo > hi {
        (0.0, 1.0)
    } else if hi - lo < 1e-12 {
        let pad = if kpi.percent {
            0.05
        } else {
            (hi.abs() * 0.1).max(1.0)
        };
        (lo - pad, hi + pad)
    } else {
        let pad = (hi - lo) * 0.12;
        (lo - pad, hi + pad)
    };
    let y_at = |v: f64| TOP + ph - (v - lo) / (hi - lo) * ph;
    let x_at = |i: usize| {
        if count <= 1 {
            LEFT + pw / 2.0
        } else {
            LEFT + i as f64 * pw / (count - 1) as f64
        }
    };
    let shown = |v: f64| value(v, kpi.percent, &kpi.unit);

    // Target and baseline as lines across the plot, their values at the left axis (moved apart
    // when they would overlap).
    let (yt, yb) = (target.map(y_at), baseline.map(y_at));
    let (mut label_t, mut label_b) = (yt.map(|y| y + 3.0), yb.map(|y| y + 3.0));
    if let (Some(t), Some(b)) = (yt, yb)
        && (t - b).abs() < 10.0
    {
        let mid = t.midpoint(b) + 3.0;
        let up = if t <= b { -5.0 } else { 5.0 };
        (label_t, label_b) = (Some(mid + up), Some(mid - up));
    }
    for (class, at, label, v, colour, dash) in [
        ("baseline", yb, label_b, baseline, MUTED, "1 3"),
        ("target", yt, label_t, target, ACCENT, "5 3"),
    ] {
        let (Some(y), Some(label_y), Some(v)) = (at, label, v) else {
            continue;
        };
        w!(
            out,
            "<line class=\"{class}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{colour}\" \
             stroke-width=\"1.2\" stroke-dasharray=\"{dash}\"/><text x=\"{}\" y=\"{}\" \
             text-anchor=\"end\" font-size=\"9\" fill=\"{colour}\">{}</text>",
            coord(LEFT),
            coord(y),
            coord(LEFT + pw),
            coord(y),
            coord(LEFT - 4.0),
            coord(label_y),
            esc(&shown(v))
        );
    }

    let mut path = String::new();
    let mut previous = false;
    for (i, v) in points.iter().enumerate() {
        match v {
            Some(v) => {
                if !path.is_empty() {
                    path.push(' ');
                }
                path.push(if previous { 'L' } else { 'M' });
                w!(&mut path, "{} {}", coord(x_at(i)), coord(y_at(*v)));
                previous = true;
            }
            None => previous = false,
        }
    }
    if path.is_empty() {
        w!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{MUTED}\">{NO_DATA}</text>",
            coord(LEFT + pw / 2.0),
            coord(TOP + ph / 2.0)
        );
    } else {
        w!(
            out,
            "<path class=\"series\" d=\"{path}\" fill=\"none\" stroke=\"{SERIES}\" \
             stroke-width=\"2\" stroke-linejoin=\"round\"/>"
        );
    }
    let last = points.iter().rposition(Option::is_some);
    for (i, v) in points.iter().enumerate() {
        let Some(v) = *v else { continue };
        let label = periods.get(i).map_or("", String::as_str);
        w!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{SERIES}\" stroke=\"#fff\" \
             stroke-width=\"1\"><title>{}: {}</title></circle>",
            coord(x_at(i)),
            coord(y_at(v)),
            esc(label),
            esc(&shown(v))
        );
        if Some(i) == last {
            w!(
                out,
                "<text class=\"latest\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" \
                 font-weight=\"bold\" fill=\"{SERIES}\">{}</text>",
                coord(x_at(i)),
                coord(y_at(v) - 7.0),
                esc(&shown(v))
            );
        }
    }
    for i in (0..count).filter(|&i| label_shown(i, count)) {
        let label = periods.get(i).map_or("", String::as_str);
        w!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{MUTED}\">{}</text>",
            coord(x_at(i)),
            coord(TOP + ph + 14.0),
            esc(label)
        );
    }
    // Legend.
    let ly = H - 8.0;
    for (k, (colour, dash, width, text)) in [
        (SERIES, "none", "2", "实际 Actual"),
        (ACCENT, "5 3", "1.2", "目标 Target"),
        (MUTED, "1 3", "1.2", "基线 Baseline"),
    ]
    .into_iter()
    .enumerate()
    {
        let lx = LEFT + k as f64 * 84.0;
        w!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{colour}\" \
             stroke-width=\"{width}\" stroke-dasharray=\"{dash}\"/><text x=\"{}\" y=\"{}\" \
             font-size=\"9\" fill=\"{MUTED}\">{text}</text>",
            coord(lx),
            coord(ly - 3.0),
            coord(lx + 16.0),
            coord(ly - 3.0),
            coord(lx + 20.0),
            coord(ly)
        );
    }
    out.push_str("</svg>");
}

/// The composite index per period as bars on a fixed 0–100 scale, the value above each bar;
/// a missing value is a "—" and no bar.
pub(crate) fn index_bars(out: &mut String, periods: &[String], index: &[Option<f64>]) {
    const SLOT: f64 = 72.0;
    const LEFT: f64 = 34.0;
    const RIGHT: f64 = 10.0;
    const TOP: f64 = 18.0;
    const BOTTOM: f64 = 28.0;
    const H: f64 = 200.0;
    let n = periods.len().max(index.len());
    let width = (LEFT + RIGHT + SLOT * n as f64).max(360.0);
    let slot = (width - LEFT - RIGHT) / n.max(1) as f64;
    let ph = H - TOP - BOTTOM;
    let y = |v: f64| TOP + ph - v.clamp(0.0, 100.0) / 100.0 * ph;
    let bar = (slot * 0.6).min(44.0);
    open(
        out,
        "bars",
        (width, H),
        true,
        "综合指数 (0–100) · Composite index (0–100)",
    );
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        w!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#e5e7eb\" stroke-width=\"1\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{MUTED}\">{}</text>",
            coord(LEFT),
            coord(y(tick)),
            coord(width - RIGHT),
            coord(y(tick)),
            coord(LEFT - 4.0),
            coord(y(tick) + 3.5),
            fixed(tick, 0)
        );
    }
    for i in 0..n {
        let centre = LEFT + slot * (i as f64 + 0.5);
        let v = finite(index.get(i).copied().flatten());
        let label = periods.get(i).map_or("", String::as_str);
        match v {
            Some(v) => {
                let top = y(v);
                w!(
                    out,
                    "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" \
                     fill=\"{ACCENT}\"><title>{}: {}</title></rect>",
                    coord(centre - bar / 2.0),
                    coord(top),
                    coord(bar),
                    coord(y(0.0) - top),
                    esc(label),
                    fixed(v, 1)
                );
                w!(
                    out,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>",
                    coord(centre),
                    coord(top - 4.0),
                    fixed(v, 1)
                );
            }
            None => w!(
                out,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{MUTED}\">{DASH}</text>",
                coord(centre),
                coord(y(0.0) - 4.0)
            ),
        }
        if label_shown(i, n) {
            w!(
                out,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{MUTED}\">{}</text>",
                coord(centre),
                coord(H - 10.0),
                esc(label)
            );
        }
    }
    out.push_str("</svg>");
}

/// Share of a grid's demand left unmet, in `0..=1` (all of it when there was no recorded demand
/// but unmet need).
pub(crate) fn unmet_share(cell: &GridCell) -> f64 {
    if cell.demand == 0 {
        if cell.unmet == 0 { 0.0 } else { 1.0 }
    } else {
        (cell.unmet as f64 / cell.demand as f64).min(1.0)
    }
}

/// Light to dark red by `share` in `0..=1`.
fn red(share: f64) -> String {
    const LIGHT: [f64; 3] = [254.0, 229.0, 217.0];
    const DARK: [f64; 3] = [165.0, 15.0, 21.0];
    let t = if share.is_finite() {
        share.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let [r, g, b] = [0, 1, 2].map(|c| (LIGHT[c] + (DARK[c] - LIGHT[c]) * t).round() as u8);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The map of unmet need: grid centres in an equirectangular projection (longitude scaled by the
/// cosine of the mean latitude, one scale for both axes) fitted into the frame with a margin; a
/// circle per grid with its area proportional to unmet need and its colour by the unmet share;
/// names as labels; a legend. Cells without finite coordinates are left off the map. Writes
/// nothing and returns `false` when no cell can be placed.
pub(crate) fn map(out: &mut String, grids: &[GridCell]) -> bool {
    const W: f64 = 640.0;
    const H: f64 = 470.0;
    const X0: f64 = 60.0;
    const Y0: f64 = 46.0;
    const BOX_W: f64 = 520.0;
    const BOX_H: f64 = 320.0;
    const R_MAX: f64 = 30.0;
    let placed: Vec<(usize, &GridCell)> = grids
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.lat.is_finite() && c.lon.is_finite() && c.lat.abs() <= 90.0 && c.lon.abs() <= 360.0
        })
        .collect();
    if placed.is_empty() {
        return false;
    }
    let mean_lat = placed.iter().map(|(_, c)| c.lat).sum::<f64>() / placed.len() as f64;
    let kx = mean_lat.to_radians().cos().max(0.01);
    let project = |c: &GridCell| (c.lon * kx, c.lat);
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
    );
    for (_, c) in &placed {
        let (px, py) = project(c);
        min_x = min_x.min(px);
        max_x = max_x.max(px);
        min_y = min_y.min(py);
        max_y = max_y.max(py);
    }
    let (span_x, span_y) = (max_x - min_x, max_y - min_y);
    let scale = match (span_x > 1e-12, span_y > 1e-12) {
        (true, true) => (BOX_W / span_x).min(BOX_H / span_y),
        (true, false) => BOX_W / span_x,
        (false, true) => BOX_H / span_y,
        (false, false) => 0.0,
    };
    let off_x = X0 + (BOX_W - span_x * scale) / 2.0;
    let off_y = Y0 + (BOX_H - span_y * scale) / 2.0;
    let place = |c: &GridCell| {
        let (px, py) = project(c);
        (off_x + (px - min_x) * scale, off_y + (max_y - py) * scale)
    };
    let max_unmet = placed.iter().map(|(_, c)| c.unmet).max().unwrap_or(0);

    open(
        out,
        "map",
        (W, H),
        true,
        "按网格的未满足需求分布 · Map of unmet need by grid",
    );
    w!(
        out,
        "<rect x=\"0.5\" y=\"0.5\" width=\"{}\" height=\"{}\" fill=\"#fbfaf7\" \
         stroke=\"#d6d3cc\"/>",
        coord(W - 1.0),
        coord(H - 1.0)
    );
    // North arrow.
    w!(
        out,
        "<g class=\"north\" fill=\"{MUTED}\"><path d=\"M{} {} L{} {} L{} {} Z\"/>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">北 N</text></g>",
        coord(W - 30.0),
        coord(14.0),
        coord(W - 36.0),
        coord(30.0),
        coord(W - 24.0),
        coord(30.0),
        coord(W - 30.0),
        coord(42.0)
    );
    // Largest circles first, so smaller ones stay visible on top.
    let mut order = placed.clone();
    order.sort_by(|(i, a), (j, b)| b.unmet.cmp(&a.unmet).then(i.cmp(j)));
    for (_, c) in &order {
        let (cx, cy) = place(c);
        let share = unmet_share(c);
        let tip = format!(
            "{}: 未满足 unmet {} / 需求 demand {} ({})",
            c.grid,
            c.unmet,
            c.demand,
            pct(share)
        );
        w!(out, "<g class=\"cell\" data-grid=\"{}\">", esc(&c.grid));
        let r = if c.unmet == 0 || max_unmet == 0 {
            w!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"3.0\" fill=\"#fff\" stroke=\"{MUTED}\" \
                 stroke-width=\"1\"><title>{}</title></circle>",
                coord(cx),
                coord(cy),
                esc(&tip)
            );
            3.0
        } else {
            let r = R_MAX * (c.unmet as f64 / max_unmet as f64).sqrt();
            w!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" fill-opacity=\"0.9\" \
                 stroke=\"#67000d\" stroke-width=\"0.8\"><title>{}</title></circle>",
                coord(cx),
                coord(cy),
                coord(r),
                red(share),
                esc(&tip)
            );
            r
        };
        w!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" stroke=\"#fff\" \
             stroke-width=\"3\" paint-order=\"stroke\">{}</text></g>",
            coord(cx),
            coord(cy + r + 12.0),
            esc(&c.grid)
        );
    }
    // Legend: colour by share, size by count.
    let ly = H - 44.0;
    w!(
        out,
        "<g class=\"legend\"><text x=\"16\" y=\"{}\" fill=\"{MUTED}\">\
         未满足占比 · Unmet share of demand</text>",
        coord(ly - 6.0)
    );
    for (k, share) in [0.0, 0.25, 0.5, 0.75, 1.0].into_iter().enumerate() {
        let lx = 16.0 + k as f64 * 46.0;
        w!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"40\" height=\"12\" fill=\"{}\" stroke=\"#d6d3cc\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{MUTED}\">{}</text>",
            coord(lx),
            coord(ly),
            red(share),
            coord(lx + 20.0),
            coord(ly + 24.0),
            fixed(share * 100.0, 0) + "%"
        );
    }
    if max_unmet > 0 {
        let (cx, cy) = (300.0 + R_MAX, H - 8.0 - R_MAX);
        w!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{MUTED}\" \
             stroke-dasharray=\"3 2\"/><text x=\"{}\" y=\"{}\" fill=\"{MUTED}\">\
             面积 ∝ 未满足需求；此圆 = {max_unmet}</text><text x=\"{}\" y=\"{}\" \
             fill=\"{MUTED}\">Area ∝ unmet need; this circle = {max_unmet}</text>",
            coord(cx),
            coord(cy),
            coord(R_MAX),
            coord(cx + R_MAX + 8.0),
            coord(cy - 3.0),
            coord(cx + R_MAX + 8.0),
            coord(cy + 10.0)
        );
    }
    out.push_str("</g></svg>");
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_scale_runs_light_to_dark_red() {
        assert_eq!(red(0.0), "#fee5d9");
        assert_eq!(red(1.0), "#a50f15");
        assert_eq!(red(f64::NAN), "#fee5d9");
        assert_eq!(red(7.0), "#a50f15");
    }

    #[test]
    fn labels_thin_out_beyond_six_periods() {
        assert!((0..6).all(|i| label_shown(i, 6)));
        let shown: Vec<usize> = (0..12).filter(|&i| label_shown(i, 12)).collect();
        assert_eq!(shown, [0, 3, 6, 9, 11]);
    }

    #[test]
    fn unmet_share_handles_no_demand() {
        let cell = |demand, unmet| GridCell {
            demand,
            unmet,
            ..GridCell::default()
        };
        assert!((unmet_share(&cell(0, 0))).abs() < f64::EPSILON);
        assert!((unmet_share(&cell(0, 2)) - 1.0).abs() < f64::EPSILON);
        assert!((unmet_share(&cell(8, 2)) - 0.25).abs() < f64::EPSILON);
    }
}
