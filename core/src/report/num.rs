//! Numbers as text, deterministically: fixed decimals, no `-0.0`, and "—" for anything missing or
//! not finite (never `NaN` or `inf`).

/// What a missing or non-finite value is shown as.
pub(crate) const DASH: &str = "—";

/// `value` with `decimals` fixed decimals, "—" when not finite; a value that rounds to zero has
/// no minus sign.
pub(crate) fn fixed(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return DASH.to_owned();
    }
    let text = format!("{value:.decimals$}");
    match text.strip_prefix('-') {
        Some(unsigned) if unsigned.bytes().all(|b| b == b'0' || b == b'.') => unsigned.to_owned(),
        _ => text,
    }
}

/// A share in `0..=1` as a percentage with one decimal: `0.82` → `82.0%`.
pub(crate) fn pct(share: f64) -> String {
    if share.is_finite() {
        format!("{}%", fixed(share * 100.0, 1))
    } else {
        DASH.to_owned()
    }
}

/// An optional share as a percentage.
pub(crate) fn opt_pct(share: Option<f64>) -> String {
    share.map_or_else(|| DASH.to_owned(), pct)
}

/// A change with an explicit sign and one decimal, then `suffix`: `+2.5 pp`, `−1.0 days`.
pub(crate) fn signed(value: f64, suffix: &str) -> String {
    if !value.is_finite() {
        return DASH.to_owned();
    }
    let text = fixed(value, 1);
    let body = match text.strip_prefix('-') {
        Some(magnitude) => format!("−{magnitude}"),
        None if text.bytes().all(|b| b == b'0' || b == b'.') => text,
        None => format!("+{text}"),
    };
    if suffix.is_empty() {
        body
    } else {
        format!("{body} {suffix}")
    }
}

/// A finite value, or `None`.
pub(crate) fn finite(value: Option<f64>) -> Option<f64> {
    value.filter(|v| v.is_finite())
}

/// A value of an indicator in its units: a share as a percentage, else one decimal and the unit
/// (`52.0 pts`, `82.0%`, `2.0 days`). Not escaped: the unit is caller text.
pub(crate) fn value(v: f64, percent: bool, unit: &str) -> String {
    if !v.is_finite() {
        DASH.to_owned()
    } else if percent {
        pct(v)
    } else if unit.is_empty() || unit == "%" {
        format!("{}{unit}", fixed(v, 1))
    } else {
        format!("{} {unit}", fixed(v, 1))
    }
}

/// The unit of a change in an indicator: percentage points for shares and percentages.
pub(crate) fn change_unit(percent: bool, unit: &str) -> &str {
    if percent || unit == "%" { "pp" } else { unit }
}

/// An SVG coordinate with one decimal (non-finite coordinates are never computed; `0.0` if one
/// slipped through, so the markup stays valid).
pub(crate) fn coord(value: f64) -> String {
    if value.is_finite() {
        fixed(value, 1)
    } else {
        "0.0".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_decimals_and_dashes() {
        assert_eq!(fixed(1.25, 1), "1.2");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(-0.0, 0), "0");
        assert_eq!(fixed(f64::NAN, 1), DASH);
        assert_eq!(fixed(f64::INFINITY, 1), DASH);
        assert_eq!(pct(0.82), "82.0%");
        assert_eq!(pct(0.1234), "12.3%");
        assert_eq!(opt_pct(None), DASH);
        assert_eq!(signed(0.025 * 100.0, "pp"), "+2.5 pp");
        assert_eq!(signed(-1.0, "days"), "−1.0 days");
        assert_eq!(signed(-0.01, ""), "0.0");
        assert_eq!(signed(f64::NAN, "pp"), DASH);
        assert_eq!(coord(f64::NAN), "0.0");
        assert_eq!(value(0.82, true, "pts"), "82.0%");
        assert_eq!(value(82.0, false, "%"), "82.0%");
        assert_eq!(value(52.0, false, "pts"), "52.0 pts");
        assert_eq!(value(3.0, false, ""), "3.0");
        assert_eq!(value(f64::NAN, true, ""), DASH);
        assert_eq!(change_unit(true, ""), "pp");
        assert_eq!(change_unit(false, "days"), "days");
    }
}
