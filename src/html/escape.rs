//! Text from the data, made safe for a document: markup shown as text, and differences a reader
//! cannot see made visible (`kel-a\u{200b}` is not `kel-a`).

pub(crate) use crate::visible::visible;

/// `text` escaped for HTML and XML text or attribute values, every control or invisible
/// character written as `\u{…}` so it shows ([`visible`](crate::visible())).
///
/// ```
/// # #[cfg(feature = "html")] {
/// use layanan::html::escape;
///
/// assert_eq!(escape("<b>kel-a</b> & \"co\""), "&lt;b&gt;kel-a&lt;/b&gt; &amp; &quot;co&quot;");
/// assert_eq!(escape("kel-a\u{200b}"), "kel-a\\u{200b}");
/// assert_eq!(escape("\u{1b}[31mred"), "\\u{1b}[31mred");
/// # }
/// ```
pub fn escape(text: &str) -> String {
    let shown = visible(text);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
