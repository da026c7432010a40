//! Erlang A (`stats::ErlangA`) against `tests/fixtures/queue_reference.json`
//! (`generate_queue.py`: the same model at 80 digits by other routes — the product form
//! cross-checked with a solve of the generator, the service level from the closed-form
//! passage time cross-checked with matrix exponentials). Tolerance 1e-10 relative; staffing
//! exactly.

use layanan::stats::{ErlangA, ErlangC, Error};

use crate::support::reference::{assert_rel, group, num};

/// The fixture of this module.
const FIXTURE: &str = "queue_reference.json";

/// `|got − want| ≤ 1e-10·|want| + 1e-300`.
#[track_caller]
fn close(what: &str, got: f64, want: f64) {
    assert_rel(what, got, want, 1e-10, 1e-300);
}

#[test]
fn erlang_a_matches_the_80_digit_reference() {
    let cases = group(FIXTURE, "erlang_a");
    assert_eq!(cases.len(), 7);
    let mut thresholds = 0;
    for case in cases {
        let servers = case["servers"].as_u64().expect("servers") as u32;
        let q = ErlangA::new(
            num(case, "arrivals_per_hour"),
            num(case, "mean_service_minutes"),
            num(case, "mean_patience_minutes"),
            servers,
        )
        .expect("queue");
        let what = format!("{case:.0}");
        close(
            &format!("{what} P(wait)"),
            q.probability_of_waiting(),
            num(case, "probability_of_waiting"),
        );
        close(
            &format!("{what} queue"),
            q.mean_queue(),
            num(case, "mean_queue"),
        );
        close(
            &format!("{what} P(abandon)"),
            q.probability_of_abandonment(),
            num(case, "probability_of_abandonment"),
        );
        close(
            &format!("{what} wait"),
            q.average_wait_minutes(),
            num(case, "average_wait_minutes"),
        );
        for s in case["served_within"].as_array().expect("served") {
            let t = num(s, "threshold_seconds");
            close(
                &format!("{what} served within {t} s"),
                q.served_within(t).expect("t"),
                num(s, "share"),
            );
            thresholds += 1;
        }
    }
    assert_eq!(thresholds, 35);
}

#[test]
fn staffing_is_the_fewest_counters_meeting_both_targets() {
    for case in group(FIXTURE, "erlang_a_staffing") {
        let n = ErlangA::servers_for(
            num(case, "arrivals_per_hour"),
            num(case, "mean_service_minutes"),
            num(case, "mean_patience_minutes"),
            num(case, "target"),
            num(case, "threshold_seconds"),
            num(case, "max_abandonment"),
        )
        .expect("staffing");
        assert_eq!(
            u64::from(n),
            case["servers"].as_u64().expect("servers"),
            "{case}"
        );
    }
}

/// With very patient citizens Erlang A becomes Erlang C: the same probability of waiting and
/// service level, within what a patience of 10⁷ minutes leaves.
#[test]
fn patient_citizens_make_it_erlang_c() {
    let a = ErlangA::new(60.0, 5.0, 1e7, 7).expect("A");
    let c = ErlangC::new(60.0, 5.0, 7).expect("C");
    assert!((a.probability_of_waiting() - c.probability_of_waiting()).abs() < 1e-6);
    assert!((a.served_within(120.0).unwrap() - c.service_level(120.0).unwrap()).abs() < 1e-6);
    assert!(a.probability_of_abandonment() < 1e-6);
}

#[test]
fn bad_input_is_refused_by_name() {
    let field = |e: Error| match e {
        Error::InvalidValue { field, .. } | Error::NotFinite { field, .. } => field,
        Error::OutOfRange { field, .. } => field,
        other => panic!("unexpected {other:?}"),
    };
    assert_eq!(
        field(ErlangA::new(0.0, 5.0, 10.0, 3).unwrap_err()),
        "arrivals per hour"
    );
    assert_eq!(
        field(ErlangA::new(60.0, -5.0, 10.0, 3).unwrap_err()),
        "mean service minutes"
    );
    assert_eq!(
        field(ErlangA::new(60.0, 5.0, f64::NAN, 3).unwrap_err()),
        "mean patience minutes"
    );
    assert_eq!(
        field(ErlangA::new(60.0, 5.0, 10.0, 0).unwrap_err()),
        "servers"
    );
    let q = ErlangA::new(60.0, 5.0, 10.0, 6).unwrap();
    assert_eq!(
        field(q.served_within(-1.0).unwrap_err()),
        "threshold seconds"
    );
    assert!(matches!(
        ErlangA::servers_for(60.0, 5.0, 10.0, 1.5, 60.0, 0.05),
        Err(Error::InvalidProbability { .. })
    ));
    // Overloaded counters and citizens who never give up: more than the states kept.
    assert!(matches!(
        ErlangA::new(6000.0, 5.0, 1e9, 1),
        Err(Error::NotApplicable { .. })
    ));
}

#[test]
fn a_threshold_too_long_for_the_work_bound_is_refused() {
    // 67 waiting states at a fastest rate of 7.9 a minute: ten years' threshold takes about
    // 4·10⁷ uniformization steps, 2.6·10⁹ units of work, past the bound of 2·10⁹.
    let q = ErlangA::new(60.0, 5.0, 10.0, 6).unwrap();
    assert!(q.served_within(3600.0).is_ok());
    match q.served_within(3e8) {
        Err(Error::NotApplicable { method, reason }) => {
            assert_eq!(method, "Erlang A service level");
            assert!(reason.ends_with(
                " steps over 67 queue states: the threshold is too long against the queue's rates"
            ));
            let steps: f64 = reason.split(' ').next().unwrap().parse().unwrap();
            assert!(steps * 67.0 > 2e9, "{reason}");
        }
        other => panic!("expected the work bound, got {other:?}"),
    }
}
