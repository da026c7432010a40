//! Text from the data, fit to be shown to a person: nothing in it acts on a terminal, and no
//! difference in it is invisible.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` would act rather than show (control characters: a terminal runs escape
/// sequences), or would look like nothing or like a plain space: zero-width and bidirectional
/// formatting characters, spaces other than U+0020, fillers, variation selectors, tags, the
/// byte-order mark and the soft hyphen.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{a0}'
                | '\u{ad}'
                | '\u{34f}'
                | '\u{61c}'
                | '\u{115f}'..='\u{1160}'
                | '\u{17b4}'..='\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{2000}'..='\u{200f}'
                | '\u{2028}'..='\u{202f}'
                | '\u{205f}'..='\u{206f}'
                | '\u{3000}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{1bca0}'..='\u{1bca3}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{e0000}'..='\u{e0fff}'
        )
}

/// `text` with every control or invisible character written as `\u{…}`, so a unit name with
/// a terminal escape sequence prints as text, and `kel-a\u{200b}` or `kel\u{a0}a` is visibly
/// not `kel-a` or `kel a`. Text without such characters is returned as it is.
///
/// What reports print of the data (unit, service and category names, suggestions) goes
/// through this; the HTML document's [`escape`](crate::html::escape) uses it too.
///
/// ```
/// use layanan::visible;
///
/// assert_eq!(visible("kel-a"), "kel-a");
/// assert_eq!(visible("kel-a\u{200b}"), "kel-a\\u{200b}");
/// assert_eq!(visible("\u{1b}[31mkel-red"), "\\u{1b}[31mkel-red");
/// assert_eq!(visible("kel\u{a0}b"), "kel\\u{a0}b");
/// ```
pub fn visible(text: &str) -> Cow<'_, str> {
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
