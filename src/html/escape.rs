//! Text from the data, made safe for a document: markup shown as text, and differences a reader
//! cannot see made visible (`kel-a\u{200b}` is not `kel-a`).

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` would act rather than show, or would not show at all: control characters,
/// zero-width and bidirectional formatting characters, the byte-order mark, the soft hyphen.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00ad}'
                | '\u{061c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// `text` with every control or invisible character written as `\u{…}`.
pub(crate) fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if hidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` escaped for HTML and XML text or attribute values, every control or invisible
/// character written as `\u{…}` so it shows.
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
