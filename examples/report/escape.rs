//! Text from the data, made safe to print: a unit name is shown as text, never as terminal
//! control sequences, and differences a reader cannot see are made visible.

/// Whether `c` would act on the terminal or be invisible: control characters, zero-width and
/// bidirectional formatting characters, the byte-order mark and the soft hyphen.
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

/// `text` with every control or invisible character written as `\u{…}`: `kel-a\u{200b}` is
/// visibly not `kel-a`, and an escape sequence prints as text.
pub fn show(text: &str) -> String {
    if !text.chars().any(hidden) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if hidden(c) {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `text` shown and padded to `width` characters, for a table column (never cut: two names
/// cut alike would look like one).
pub fn cell(text: &str, width: usize) -> String {
    format!("{:<width$}", show(text))
}

/// The width a column needs for `names` (at least `min`).
pub fn width<'a>(names: impl IntoIterator<Item = &'a str>, min: usize) -> usize {
    names
        .into_iter()
        .map(|n| show(n).chars().count())
        .fold(min, usize::max)
}
