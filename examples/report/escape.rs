//! Text from the data, made safe to print: a unit name is shown as text, never as terminal
//! control sequences, and differences a reader cannot see are made visible
//! ([`layanan::visible`]).

/// `text` with every control or invisible character written as `\u{…}`: `kel-a\u{200b}` is
/// visibly not `kel-a`, and an escape sequence prints as text.
pub fn show(text: &str) -> String {
    layanan::visible(text).into_owned()
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
