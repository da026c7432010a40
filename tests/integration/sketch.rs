//! The speed tally's duration sketch: quantiles within the stated relative error of the exact
//! ones on skewed durations from one millisecond to days, while n, mean, standard deviation,
//! maximum, counts and shares stay exactly those of the exact tally; merges exact and
//! order-free; a tampered sketch refused when read back.

use layanan::prelude::*;
use layanan::{
    Error, Interaction, Scorecard, SpeedOptions, SpeedReport, SpeedTally, Summary, TimeSpan,
    Timestamp,
};

use crate::support::{assert_close, ktp_el_standards};

/// A generator with no dependency: SplitMix64.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A log-uniform duration in seconds between 1 and ~3 days, with some exact zeros.
    fn seconds(&mut self) -> i64 {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        if u < 0.02 { 0 } else { (12.5 * u).exp() as i64 }
    }
}

/// `n` visits waiting and served random durations; every tenth unfinished.
fn visits(seed: u64, n: usize) -> Vec<Interaction> {
    let mut mix = Mix(seed);
    let base = 1_741_050_000;
    (0..n)
        .map(|i| {
            let arrived = base + 60 * i as i64;
            let started = arrived + mix.seconds();
            let finished = started + mix.seconds();
            let at = |s| Timestamp::from_unix_seconds(s).unwrap();
            let b =
                Interaction::builder("ktp-el", "kel-sukamaju", at(arrived)).started_at(at(started));
            if i % 10 == 9 {
                b
            } else {
                b.finished_at(at(finished))
            }
            .build()
            .unwrap()
        })
        .collect()
}

fn tally(visits: &[Interaction], accuracy: Option<f64>) -> SpeedTally {
    let mut t = SpeedTally::new(ktp_el_standards());
    if let Some(a) = accuracy {
        t = t.with_duration_sketch(a).unwrap();
    }
    for v in visits {
        t.push(v).unwrap();
    }
    t
}

fn report(t: &SpeedTally) -> SpeedReport {
    let last = Timestamp::from_unix_seconds(1_741_050_000 + 60 * 100_000 + 10 * 86_400).unwrap();
    t.report_with(
        &SpeedOptions::default()
            .as_of(last)
            .apdex_threshold(TimeSpan::from_minutes(15)),
    )
    .unwrap()
}

/// Quantiles within α (and a rounding margin), everything else exact.
#[track_caller]
fn assert_within(sketched: &Summary, exact: &Summary, alpha: f64) {
    assert_eq!(sketched.n, exact.n);
    assert_eq!(sketched.max, exact.max);
    assert_close(sketched.mean, exact.mean, 1e-12);
    assert_close(sketched.sd.unwrap(), exact.sd.unwrap(), 1e-10);
    for (got, want) in [
        (sketched.median, exact.median),
        (sketched.p90, exact.p90),
        (sketched.p95, exact.p95),
    ] {
        assert!(
            (got - want).abs() <= alpha * want * (1.0 + 1e-9),
            "{got} is not within {alpha} of {want}"
        );
    }
    assert_eq!(sketched.relative_error, Some(alpha));
    assert_eq!(exact.relative_error, None);
    // The quantiles' intervals: the same order statistics, each within α.
    for (got, want) in [
        (sketched.median_interval, exact.median_interval),
        (sketched.p90_interval, exact.p90_interval),
    ] {
        let (got, want) = (got.unwrap(), want.unwrap());
        for (g, w) in [(got.lower(), want.lower()), (got.upper(), want.upper())] {
            let (g, w) = (g.unwrap(), w.unwrap());
            assert!(
                (g - w).abs() <= alpha * w * (1.0 + 1e-9),
                "{g} is not within {alpha} of {w}"
            );
        }
    }
}

/// The median and p90 intervals of exact durations are the order statistics of
/// `stats::quantile_interval` (checked against scipy's `quantile_test` in `effects`).
#[test]
fn median_and_p90_intervals_are_the_order_statistic_intervals() {
    use layanan::Level;
    use layanan::stats::quantile_interval;
    for n in [1, 2, 5, 35, 36, 200, 2_001] {
        let data = visits(11, n);
        let r = report(&tally(&data, None));
        let minutes: Vec<f64> = data
            .iter()
            .filter_map(|v| v.turnaround())
            .map(|d| d.as_minutes())
            .collect();
        let summary = r.turnaround.unwrap();
        for (p, got) in [(0.5, summary.median_interval), (0.9, summary.p90_interval)] {
            let want = quantile_interval(&minutes, p, Level::default()).unwrap();
            let got = got.unwrap();
            let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (Some(a), Some(b)) => (a - b).abs() <= 1e-12 * b.abs().max(1.0),
                (None, None) => true,
                _ => false,
            };
            assert!(
                close(got.lower(), want.lower()) && close(got.upper(), want.upper()),
                "n {n}, p {p}: {got:?} vs {want:?}"
            );
        }
        // "90 % wait less than X": with 36 values or more the p90 has both ends.
        assert_eq!(
            summary.p90_interval.unwrap().upper().is_some(),
            minutes.len() >= 36,
            "n {}",
            minutes.len()
        );
    }
}

#[test]
fn quantiles_within_the_stated_error_and_the_rest_exact() {
    let data = visits(7, 20_000);
    let exact = report(&tally(&data, None));
    for alpha in [0.0001, 0.001, 0.01, 0.05, 0.2] {
        let sketched = report(&tally(&data, Some(alpha)));
        for (s, e) in [
            (&sketched.wait, &exact.wait),
            (&sketched.service, &exact.service),
            (&sketched.turnaround, &exact.turnaround),
        ] {
            assert_within(s.as_ref().unwrap(), e.as_ref().unwrap(), alpha);
        }
        // Judging does not depend on how the durations are kept.
        assert_eq!(
            (
                sketched.on_time,
                sketched.late,
                sketched.pending,
                &sketched.on_time_share
            ),
            (
                exact.on_time,
                exact.late,
                exact.pending,
                &exact.on_time_share
            )
        );
        assert_eq!(sketched.within_wait_target, exact.within_wait_target);
        let (a, b) = (sketched.apdex.unwrap(), exact.apdex.unwrap());
        assert_eq!(
            (a.n, a.relative_error, b.relative_error),
            (b.n, Some(alpha), None)
        );
        // A visit is misplaced only when within α of T or 4T.
        let near = |t: f64| {
            data.iter()
                .filter_map(|v| v.turnaround())
                .filter(|d| (d.as_minutes() - t).abs() <= alpha * t * 1.001)
                .count() as u64
        };
        let slack = near(15.0) + near(60.0);
        assert!(a.satisfied.abs_diff(b.satisfied) <= slack);
        assert!(a.tolerating.abs_diff(b.tolerating) <= 2 * slack);
    }
}

#[test]
fn small_samples_and_zeros() {
    // One visit, and visits all of zero duration: quantiles are the durations themselves.
    let at = |s| Timestamp::from_unix_seconds(s).unwrap();
    let one = Interaction::builder("ktp-el", "kel-sukamaju", at(1_741_050_000))
        .started_at(at(1_741_050_000))
        .finished_at(at(1_741_050_061))
        .build()
        .unwrap();
    let r = report(&tally(std::slice::from_ref(&one), Some(0.01)));
    let wait = r.wait.unwrap();
    assert_eq!(
        (wait.n, wait.median, wait.max, wait.sd),
        (1, 0.0, 0.0, None)
    );
    let service = r.service.unwrap();
    assert!((service.median - 61.0 / 60.0).abs() <= 0.01 * 61.0 / 60.0);
    assert_eq!(service.max, 61.0 / 60.0);
    // An empty sketched tally reports no data, as an exact one does.
    assert!(matches!(
        SpeedTally::default()
            .with_duration_sketch(0.01)
            .unwrap()
            .report(),
        Err(Error::NoData { .. })
    ));
}

#[test]
fn merges_are_exact_and_order_free() {
    let data = visits(11, 3_000);
    let whole = tally(&data, Some(0.01));
    let (a, b) = data.split_at(1_234);
    let mut ab = tally(a, Some(0.01));
    ab.merge(&tally(b, Some(0.01))).unwrap();
    let mut ba = tally(b, Some(0.01));
    ba.merge(&tally(a, Some(0.01))).unwrap();
    assert_eq!(report(&ab), report(&whole));
    assert_eq!(report(&ba), report(&whole));
    // Durations counted before the sketch was chosen move into it.
    let later = tally(&data, None).with_duration_sketch(0.01).unwrap();
    assert_eq!(report(&later), report(&whole));
}

#[test]
fn mixed_keeping_does_not_merge() {
    let data = visits(3, 10);
    for (mut a, b) in [
        (tally(&data, None), tally(&data, Some(0.01))),
        (tally(&data, Some(0.01)), tally(&data, None)),
        (tally(&data, Some(0.01)), tally(&data, Some(0.02))),
    ] {
        let before = a.clone();
        let err = a.merge(&b).unwrap_err();
        assert!(matches!(err, Error::MergeMismatch { .. }), "{err}");
        assert!(err.to_string().contains("sketch"), "{err}");
        assert_eq!(a, before);
    }
}

#[test]
fn accuracy_out_of_range_is_refused() {
    for bad in [0.0, 0.00001, 0.21, 1.0, -0.01, f64::NAN, f64::INFINITY] {
        let err = SpeedTally::default().with_duration_sketch(bad).unwrap_err();
        assert!(matches!(err, Error::InvalidValue { .. }), "{bad}: {err}");
        assert!(err.to_string().contains("sketch accuracy"), "{err}");
    }
    let sketched = SpeedTally::default().with_duration_sketch(0.01).unwrap();
    assert!(sketched.clone().with_duration_sketch(0.01).is_ok());
    assert!(sketched.with_duration_sketch(0.02).is_err());
}

#[test]
fn the_report_marks_sketched_quantiles() {
    let r = report(&tally(&visits(5, 200), Some(0.01)));
    let text = r.to_string();
    assert!(text.contains("median ≈"), "{text}");
    assert!(text.contains("(quantiles within 1.00%)"), "{text}");
    assert!(text.contains("Apdex ≈"), "{text}");
    let exact = report(&tally(&visits(5, 200), None)).to_string();
    assert!(!exact.contains('≈'), "{exact}");
}

#[test]
fn scorecard_keeps_its_speed_part_sketched() {
    let data = visits(9, 500);
    let mut card = Scorecard::new(ktp_el_standards())
        .with_duration_sketch(0.01)
        .unwrap();
    for v in &data {
        card.push(v).unwrap();
    }
    assert_eq!(card.speed(), &tally(&data, Some(0.01)));
}

#[cfg(feature = "serde")]
mod serde_forms {
    use super::*;
    use crate::support::json::{rejects, round_trip};

    #[test]
    fn a_sketch_is_small_and_reads_back() {
        let data = visits(13, 20_000);
        let sketched = tally(&data, Some(0.01));
        let json = round_trip(&sketched);
        let size = json.to_string().len();
        let exact = serde_json::to_string(&tally(&data, None)).unwrap().len();
        eprintln!("sketch {size} B against exact {exact} B");
        assert!(size * 10 < exact, "sketch {size} B against exact {exact} B");
    }

    #[test]
    fn a_tampered_sketch_is_refused() {
        let sketched = tally(&visits(17, 50), Some(0.01));
        let json = serde_json::to_value(&sketched).unwrap();
        let tamper = |path: &[&str], value: serde_json::Value| {
            let mut j = json.clone();
            let mut node = &mut j;
            for key in path {
                node = node
                    .get_mut(*key)
                    .unwrap_or_else(|| panic!("{key} in {json}"));
            }
            *node = value;
            j
        };
        let sketch = ["turnaround", "Sketch"];
        for (field, value) in [
            ("n", serde_json::json!(999)),
            ("ppm", serde_json::json!(5)),
            ("max", serde_json::json!(0)),
            ("zeros", serde_json::json!(7)),
        ] {
            let path = [&sketch[..], &[field]].concat();
            rejects::<SpeedTally>(tamper(&path, value), "contradict");
        }
        // The three durations kept in different ways.
        rejects::<SpeedTally>(
            tamper(&["wait"], serde_json::json!({ "Exact": [] })),
            "contradict",
        );
    }
}
