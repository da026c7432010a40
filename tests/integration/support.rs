//! Helpers every test module shares: instants, tolerances, `Debug` comparison of reports,
//! and the serde round trip.

use layanan::stats::{ProportionMethod, proportion_interval};
use layanan::{
    Completion, Instrument, Level, Money, ServiceStandard, Share, SkmAnswers, SkmTally, Standards,
    TimeSpan, Timestamp,
};

pub(crate) mod reference;

/// z for a two-sided 95 % interval, `Φ⁻¹(0.975)` (scipy).
pub(crate) const Z95: f64 = 1.959963984540054;

/// Relative tolerance for numbers that depend on a normal or t quantile, checked against
/// hand values computed with the exact quantile (`Z95`, t tables). The crate's quantiles are
/// pinned to scipy at 1e-10 relative (`tests/fixtures/stats_reference.json`); on this branch
/// the normal tail still comes from statrs' `erfc` (~1e-10), which puts z at
/// 1.9599639845208 (1e-11 off) and t(0.975, 2) at 4.3026527297 (4e-11 off).
pub(crate) const QUANTILE_TOL: f64 = 1e-10;

/// Random cases per property: `LAYANAN_PROPTEST_CASES`, default 256.
pub(crate) fn proptest_cases() -> u32 {
    std::env::var("LAYANAN_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(256)
}

/// An RFC 3339 instant.
#[track_caller]
pub(crate) fn at(text: &str) -> Timestamp {
    text.parse()
        .unwrap_or_else(|e| panic!("bad timestamp {text}: {e}"))
}

/// `base` plus `minutes` (may be fractional: milliseconds are kept).
pub(crate) fn plus_minutes(base: Timestamp, minutes: f64) -> Timestamp {
    Timestamp::from_unix_millis(base.unix_millis() + (minutes * 60_000.0).round() as i64)
}

/// The keys of the nine elements of the 2017 SKM instrument, in order.
pub(crate) const SKM_2017_KEYS: [&str; 9] = [
    "persyaratan",
    "prosedur",
    "waktu",
    "biaya",
    "produk",
    "kompetensi",
    "perilaku",
    "sarana",
    "pengaduan",
];

/// `ktp-el`: done within 60 minutes, waiting target 30 minutes, no fee; no other service.
pub(crate) fn ktp_el_standards() -> Standards {
    [ServiceStandard::new("ktp-el", Money::ZERO)
        .unwrap()
        .with_completion(Completion::Within(TimeSpan::from_minutes(60)))
        .with_max_wait(TimeSpan::from_minutes(30))]
    .into_iter()
    .collect()
}

/// A tally of `rows` on `instrument`: one questionnaire a row, `None` for a blank element.
pub(crate) fn skm_tally_of_rows(instrument: &Instrument, rows: &[Vec<Option<i64>>]) -> SkmTally {
    let mut tally = SkmTally::new(instrument.clone());
    for row in rows {
        tally
            .push_answers(&SkmAnswers::from_values(instrument, row).unwrap())
            .unwrap();
    }
    tally
}

/// One questionnaire's answers as written in the hand-worked tables: whole numbers separated
/// by spaces, `-` for a blank element.
#[track_caller]
pub(crate) fn skm_row(text: &str) -> Vec<Option<i64>> {
    text.split_whitespace()
        .map(|a| match a {
            "-" => None,
            n => Some(n.parse().unwrap_or_else(|e| panic!("answer {n}: {e}"))),
        })
        .collect()
}

/// The hand-worked three questionnaires of the nine-element SKM, the second with U1 and U9
/// blank (`skm_hand.rs`: IKM 82.41, grade B).
pub(crate) fn three_questionnaires_with_blanks() -> Vec<Vec<Option<i64>>> {
    [
        "4 3 3 4 3 4 4 3 4",
        "- 3 2 4 3 3 3 3 -",
        "2 4 3 4 4 4 4 3 2",
    ]
    .map(skm_row)
    .to_vec()
}

/// `share` is `count` of `of`, with the Wilson interval of that proportion at the default level.
#[track_caller]
pub(crate) fn assert_wilson_share(share: &Share, count: u64, of: u64) {
    assert_eq!((share.count, share.of), (count, of));
    assert_eq!(
        share.interval,
        proportion_interval(count, of, Level::default(), ProportionMethod::Wilson).unwrap()
    );
}

/// `|got − want| ≤ tol · max(|got|, |want|)` (exact equality always passes).
#[track_caller]
pub(crate) fn assert_close(got: f64, want: f64, tol: f64) {
    assert!(
        got == want || (got - want).abs() <= tol * got.abs().max(want.abs()),
        "got {got:?}, want {want:?} (relative tolerance {tol:e})"
    );
}

/// A piece of `Debug` text: text between numbers, an integer, or a float.
#[derive(Debug)]
enum Token<'a> {
    Text(&'a str),
    Int(&'a str),
    Float(f64),
}

/// Splits `Debug` output into numbers and the text between them. A number starts at a digit
/// (or a `-` before a digit) that does not continue a name such as `p90`; it is a float when
/// it has a `.` or an exponent, as `f64`'s `Debug` always writes.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut start) = (0, 0);
    let is_name = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    while i < b.len() {
        let begins = (b[i].is_ascii_digit()
            || (b[i] == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
            && (i == 0 || !is_name(b[i - 1]));
        if !begins {
            i += 1;
            continue;
        }
        if start < i {
            out.push(Token::Text(&text[start..i]));
        }
        let number_start = i;
        i += 1;
        let mut float = false;
        while i < b.len() {
            match b[i] {
                c if c.is_ascii_digit() => i += 1,
                b'.' | b'e' => {
                    float = true;
                    i += 1;
                    if b.get(i) == Some(&b'-') {
                        i += 1;
                    }
                }
                _ => break,
            }
        }
        let number = &text[number_start..i];
        out.push(if float {
            Token::Float(number.parse().unwrap_or_else(|e| panic!("{number}: {e}")))
        } else {
            Token::Int(number)
        });
        start = i;
    }
    if start < b.len() {
        out.push(Token::Text(&text[start..]));
    }
    out
}

/// `a` and `b` print the same `Debug` text except that floats may differ by `tol` relative
/// (plus `floor` absolute, for values that cancel to about 0, such as the lower bound of an
/// interval that starts near 0: pass 0 to compare purely relatively). Every count, name,
/// `None`/`Some` and enum variant must agree exactly.
#[cfg(feature = "rayon")]
#[track_caller]
pub(crate) fn assert_debug_close<T: std::fmt::Debug>(a: &T, b: &T, tol: f64, floor: f64) {
    if let Err(message) = debug_close(a, b, tol, floor) {
        panic!("{message}");
    }
}

/// [`assert_debug_close`] as a value: what differs, with both texts.
pub(crate) fn debug_close<T: std::fmt::Debug>(
    a: &T,
    b: &T,
    tol: f64,
    floor: f64,
) -> Result<(), String> {
    let (ta, tb) = (format!("{a:?}"), format!("{b:?}"));
    let (xa, xb) = (tokens(&ta), tokens(&tb));
    let context = || format!("\nleft:  {ta}\nright: {tb}");
    if xa.len() != xb.len() {
        return Err(format!("different shapes{}", context()));
    }
    for (x, y) in xa.iter().zip(&xb) {
        let agree = match (x, y) {
            (Token::Text(x), Token::Text(y)) | (Token::Int(x), Token::Int(y)) => x == y,
            (Token::Float(x), Token::Float(y)) => {
                x == y || (x - y).abs() <= tol * x.abs().max(y.abs()) + floor
            }
            _ => false,
        };
        if !agree {
            return Err(format!(
                "{x:?} against {y:?} (floats may differ by {tol:e} relative + {floor:e}){}",
                context()
            ));
        }
    }
    Ok(())
}

/// JSON round trips and rejections, for the `serde` feature.
#[cfg(feature = "serde")]
pub(crate) mod json {
    use serde::Serialize;
    use serde::de::DeserializeOwned;
    use serde_json::Value;

    /// Through `serde_json::Value` and through text, back to an equal value (the crate's
    /// dev-dependency has `float_roundtrip`, so floats come back exactly).
    #[track_caller]
    pub(crate) fn round_trip<T>(value: &T) -> Value
    where
        T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let json = serde_json::to_value(value).unwrap();
        let back: T =
            serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(&back, value);
        let text = serde_json::to_string(value).unwrap();
        let back: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(&back, value);
        json
    }

    /// `json` does not deserialise as `T`, with `message` in the error.
    #[track_caller]
    pub(crate) fn rejects<T: DeserializeOwned + std::fmt::Debug>(json: Value, message: &str) {
        let err = serde_json::from_value::<T>(json.clone())
            .expect_err(&format!("{json} should be rejected"));
        assert!(
            err.to_string().contains(message),
            "{json}: `{err}` does not contain `{message}`"
        );
    }
}
