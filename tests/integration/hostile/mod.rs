//! The bad-input catalogue (issue #7): 348 hostile inputs, each answered by the exact typed
//! error it must produce or, for degenerate but valid data, by a finite score in range: never a
//! panic, a loop or a NaN score.
//!
//! Every entry carries a label such as `"S07: answer 255"`: a letter for its area and a number.
//! The count above and the counts below are checked by [`the_catalogue_counts_what_it_says`].
//!
//! | area | letter | entries | what |
//! |---|---|---|---|
//! | [`survey`] | S | 36 | answers 0, 5, −1, 255 and the `i64` extremes, rows of the wrong length, duplicate and unknown elements, weights that do not sum to 1, weights of 0, above 1 or over 0, ages, one questionnaire, identical answers, printed weights |
//! | [`time`] | T | 41 | started before arrival, finished before started, complaints answered before filing, working days backwards, timestamps at the `i64` limits, dates outside 0000–9999, UTC offsets, texts that are not times or spans |
//! | [`money`] | M | 26 | negative amounts, `u64::MAX` and past it, texts that are not money (and the Indonesian forms that are), excess and waived sums past `u64::MAX` kept exact, one visit at the limits |
//! | [`stats`] | X | 71 | NaN and ±∞, empty and one-element samples, zero variance, levels, margins and probabilities of 0, 1 and outside, p-values outside [0, 1], quantile types, finite values at the limits of `f64` and `u64` |
//! | [`tallies`] | G | 31 | reports on empty tallies and groups, unknown services, scores out of range, merges that mismatch, one visit, groups that never succeed |
//! | [`json`] | J | 31 | (feature `serde`) malformed JSON, and well-formed JSON that is invalid: out-of-scale and duplicate answers, weights, finish before start, tampered SKM tallies, visit tallies and scorecards, tallies at their limit, format versions |
//! | [`files`] | F | 46 | the `report` example's CSV readers: missing, unknown and repeated columns, extra and missing fields, empty files, non-UTF-8, blank lines, bad answers, numbers, times, money and dates, blank tariffs, unknown services, bad arguments, flags given twice, escape sequences and invisible characters in names — each with its line and column |
//! | [`limits`] | L | 13 | work bounded by documented limits: instruments of 101 elements, trend series of 10,001 values, 1,001 items, 10^12 Fisher tables, 100,001 counters, counts at `u64::MAX`, day numbers at the `i64` limits |
//! | [`tampered`] | D | 53 | (feature `serde`) tallies, options and checked values read back from JSON that their constructors, builders, `push` and `merge` could not produce: counts that contradict each other (within a tally, or between a scorecard's parts), negative times, values off their scale, bounds out of order, targets and significance levels out of range |
//!
//! Errors are compared whole with `assert_eq!`; an error carrying a NaN (which is not equal to
//! itself) is compared through its `Debug` text, which names every field (see [`rejects`]).
//! The catalogue first ran with 16 entries marked as findings (inputs the library mishandled:
//! two aborts, an overflow panic, two runs of minutes, ±∞ and NaN results, nonsense accepted);
//! each was fixed in the library and its entry now asserts the exact outcome.
//!
//! Variants and messages that no hostile input here reaches are checked in `errors`, the
//! refusals particular to one statistical method in `stats_errors`, and serde rejections of
//! each model type in `model`.

use std::fmt::Debug;

mod files;
#[cfg(feature = "serde")]
mod json;
mod limits;
mod money;
mod stats;
mod survey;
mod tallies;
#[cfg(feature = "serde")]
mod tampered;
mod time;

/// Asserts that `result` is exactly `expected`: every field equal, NaN matching NaN.
#[track_caller]
pub(crate) fn rejects<T: Debug, E: Debug + PartialEq>(
    label: &str,
    result: Result<T, E>,
    expected: E,
) {
    let err = match result {
        Ok(value) => panic!("{label}: accepted, giving {value:?}; expected {expected:?}"),
        Err(err) => err,
    };
    if err != expected {
        // Equal but for NaN: `Debug` writes NaN as `NaN` on both sides.
        assert_eq!(format!("{err:?}"), format!("{expected:?}"), "{label}");
    }
}

/// As [`rejects`], and the message word for word (messages are part of the API).
#[track_caller]
pub(crate) fn rejects_saying<T: Debug, E: Debug + PartialEq + Clone + std::fmt::Display>(
    label: &str,
    result: Result<T, E>,
    expected: E,
    message: &str,
) {
    let err = result.as_ref().err().cloned();
    rejects(label, result, expected);
    assert_eq!(
        err.map(|e| e.to_string()).as_deref(),
        Some(message),
        "{label}"
    );
}

/// Asserts that a score is a number in `range` (degenerate data may give a score, never NaN).
#[track_caller]
pub(crate) fn in_range(label: &str, score: f64, range: std::ops::RangeInclusive<f64>) {
    assert!(
        score.is_finite() && range.contains(&score),
        "{label}: score {score} is not a finite number in {range:?}"
    );
}

/// Runs `f` on a thread of its own: it must return within `seconds`, without panicking (for
/// inputs that could make the library loop or abort).
#[track_caller]
pub(crate) fn within<T: Send + 'static>(
    label: &str,
    seconds: u64,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    use std::sync::mpsc::{RecvTimeoutError, channel};
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(std::time::Duration::from_secs(seconds)) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => panic!("{label}: still running after {seconds} s"),
        Err(RecvTimeoutError::Disconnected) => panic!("{label}: panicked"),
    }
}

/// Counts the labels of one area's source: `"X99:` with the area's letter.
fn count_labels(source: &str, letter: char) -> usize {
    let mut count = 0;
    for (i, _) in source.match_indices(&format!("\"{letter}")) {
        let rest = &source.as_bytes()[i + 2..];
        if rest.len() >= 3 && rest[..2].iter().all(u8::is_ascii_digit) && rest[2] == b':' {
            count += 1;
        }
    }
    count
}

/// The table above states how many entries each area has, and the first line their sum.
#[test]
fn the_catalogue_counts_what_it_says() {
    let doc = include_str!("mod.rs");
    let areas = [
        ("survey", 'S', include_str!("survey.rs")),
        ("time", 'T', include_str!("time.rs")),
        ("money", 'M', include_str!("money.rs")),
        ("stats", 'X', include_str!("stats.rs")),
        ("tallies", 'G', include_str!("tallies.rs")),
        ("json", 'J', include_str!("json.rs")),
        ("files", 'F', include_str!("files.rs")),
        ("limits", 'L', include_str!("limits.rs")),
        ("tampered", 'D', include_str!("tampered.rs")),
    ];
    let mut total = 0;
    for (area, letter, source) in areas {
        let count = count_labels(source, letter);
        let row = format!("//! | [`{area}`] | {letter} | {count} |");
        assert!(doc.contains(&row), "the table should say `{row}`");
        total += count;
    }
    let first = format!("//! The bad-input catalogue (issue #7): {total} hostile inputs,");
    assert!(doc.starts_with(&first), "the first line should say {total}");
    assert!(total >= 40, "the issue asks for at least 40, got {total}");
}
