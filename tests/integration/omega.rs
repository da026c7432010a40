//! McDonald's ω (`stats::mcdonald_omega`) against `tests/fixtures/reliability_reference.json`
//! (`generate_reliability.py`: the one-factor least-squares fit by scipy's Levenberg–Marquardt,
//! polished to the objective's stationary point, checked against BFGS on the same objective).
//! Tolerance: ω and the loadings within 1e-10 absolute, the respondents exactly.

use layanan::Level;
use layanan::stats::{Deletion, Error, cronbach_alpha, mcdonald_omega};
use serde_json::Value;

use crate::support::reference;

/// The cases of group `omega` of the fixture.
fn cases() -> &'static [Value] {
    reference::group("reliability_reference.json", "omega")
}

fn rows(case: &Value) -> Vec<Vec<Option<f64>>> {
    case["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            r.as_array()
                .expect("row")
                .iter()
                .map(Value::as_f64)
                .collect()
        })
        .collect()
}

#[test]
fn omega_matches_an_independent_least_squares_fit() {
    let cases = cases();
    let mut fitted = 0;
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let deletion = match case["deletion"].as_str().expect("deletion") {
            "pairwise" => Deletion::Pairwise,
            _ => Deletion::Listwise,
        };
        let result = mcdonald_omega(&rows(case), deletion);
        if case["expected_error"].as_bool() == Some(true) {
            let message = result.expect_err(name).to_string();
            assert!(message.contains("Heywood"), "{name}: {message}");
            continue;
        }
        let omega = result.expect(name);
        let want = case["omega"].as_f64().expect("omega");
        assert!(
            (omega.omega - want).abs() <= 1e-10,
            "{name}: ω {} vs {want}",
            omega.omega
        );
        let loadings: Vec<f64> = case["loadings"]
            .as_array()
            .expect("loadings")
            .iter()
            .map(|v| v.as_f64().expect("loading"))
            .collect();
        assert_eq!(omega.loadings.len(), loadings.len(), "{name}");
        for (got, want) in omega.loadings.iter().zip(&loadings) {
            assert!(
                (got - want).abs() <= 1e-10,
                "{name}: loading {got} vs {want}"
            );
        }
        assert_eq!(
            omega.respondents,
            case["respondents"].as_u64().expect("respondents"),
            "{name}"
        );
        for (l, psi) in omega.loadings.iter().zip(&omega.uniquenesses) {
            assert!((l * l + psi - 1.0).abs() < 1e-15);
        }
        fitted += 1;
    }
    assert_eq!(fitted, 9);
}

/// With equal loadings on standardised items, ω is the standardised α (Spearman–Brown); with
/// unequal ones α is below ω (α assumes τ-equivalence).
#[test]
fn omega_and_alpha_agree_only_under_tau_equivalence() {
    // Four items, every correlation 0.5: exactly one factor with equal loadings √0.5.
    let rows: Vec<Vec<Option<f64>>> = (0..16u32)
        .map(|i| {
            let bits: Vec<f64> = (0..4).map(|b| f64::from((i >> b) & 1)).collect();
            let common = f64::from(i.count_ones() % 2);
            bits.iter().map(|b| Some(b + common)).collect()
        })
        .collect();
    let omega = mcdonald_omega(&rows, Deletion::Listwise).expect("ω");
    let alpha = cronbach_alpha(&rows, Deletion::Listwise, Level::default()).expect("α");
    // Loadings all √0.5: ω = (4√0.5)² / ((4√0.5)² + 4·0.5) = 0.8 = 4·0.5 / (1 + 3·0.5).
    for l in &omega.loadings {
        assert!((l - 0.5f64.sqrt()).abs() < 1e-12, "{l}");
    }
    assert!((omega.omega - 0.8).abs() < 1e-12, "{}", omega.omega);
    let standardized = alpha.standardized().expect("standardised");
    assert!((standardized - 0.8).abs() < 1e-12, "{standardized}");
    assert!(alpha.alpha() <= omega.omega + 1e-12);
}

#[test]
fn omega_refuses_what_it_cannot_fit() {
    let constant = vec![
        vec![Some(1.0), Some(2.0)],
        vec![Some(1.0), Some(3.0)],
        vec![Some(1.0), Some(1.0)],
    ];
    assert!(matches!(
        mcdonald_omega(&constant, Deletion::Listwise),
        Err(Error::ZeroVariance { .. })
    ));
    let one_row = vec![vec![Some(1.0), Some(2.0), Some(3.0)]];
    assert!(matches!(
        mcdonald_omega(&one_row, Deletion::Listwise),
        Err(Error::InsufficientData { .. })
    ));
    let ragged = vec![vec![Some(1.0), Some(2.0)], vec![Some(1.0)]];
    assert!(mcdonald_omega(&ragged, Deletion::Listwise).is_err());
    let wide = vec![vec![Some(1.0); 201], vec![Some(2.0); 201]];
    assert!(matches!(
        mcdonald_omega(&wide, Deletion::Listwise),
        Err(Error::OutOfRange { .. })
    ));
}

#[test]
fn omega_refuses_a_fit_that_does_not_converge() {
    // Three items whose correlations (0.018, −0.529, 0.021) have a negative product: no
    // loadings reproduce them, and the fit does not settle within its 2000 steps (found by a
    // random search over small answer matrices: about 1 in 10,000 of them).
    let answers = [[0, 4, 4], [5, 3, 1], [0, 1, 4], [0, 4, 2], [1, 2, 0]];
    let rows: Vec<Vec<Option<f64>>> = answers
        .iter()
        .map(|r| r.iter().map(|&a| Some(f64::from(a))).collect())
        .collect();
    match mcdonald_omega(&rows, Deletion::Listwise) {
        Err(Error::NotApplicable { method, reason }) => {
            assert_eq!(method, "McDonald's omega");
            assert_eq!(reason, "the one-factor fit did not converge in 2000 steps");
        }
        other => panic!("expected no convergence, got {other:?}"),
    }
}

/// The SKM report gives ω beside α, from its complete questionnaires: the same as
/// `mcdonald_omega` on those rows, and the reference's.
#[test]
fn the_skm_report_gives_omega_beside_alpha() {
    use layanan::{Instrument, SkmTally, Tally};
    let cases = cases();
    let case = cases
        .iter()
        .find(|c| c["name"] == "SKM-like 9 items, n=200")
        .expect("case");
    let skm = Instrument::permenpanrb_14_2017();
    let mut tally = SkmTally::new(skm.clone());
    for row in rows(case) {
        let answers: Vec<i64> = row.iter().map(|a| a.expect("complete") as i64).collect();
        tally
            .push_answers(&skm.answers_from_row(&answers).expect("answers"))
            .expect("pushed");
    }
    let report = tally.report().expect("report");
    let omega = report.omega.expect("ω");
    let want = case["omega"].as_f64().expect("omega");
    assert!((omega - want).abs() <= 1e-10, "{omega} vs {want}");
    assert!(report.to_string().contains("McDonald's ω"));
}
