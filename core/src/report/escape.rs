//! HTML escaping of caller text: every string from [`ReportData`](super::ReportData) goes through
//! [`esc`] before it reaches the page, in element content and in attribute values alike.

use std::fmt;

/// Caller text, escaped when displayed: `&`, `<`, `>`, `"` and `'` become entities.
#[derive(Clone, Copy)]
pub(crate) struct Esc<'a>(&'a str);

/// Wraps `text` so that formatting it writes it escaped.
pub(crate) fn esc(text: &str) -> Esc<'_> {
    Esc(text)
}

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_the_five_characters() {
        assert_eq!(
            esc(r#"<a href="x">Tom & 'Jerry'</a>"#).to_string(),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(esc("社区 · ok").to_string(), "社区 · ok");
        assert_eq!(esc("").to_string(), "");
    }
}
