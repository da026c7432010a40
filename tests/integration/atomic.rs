//! A push is all or nothing (issue 15, item 12): a record refused by any part of a composite
//! changes no part, even when the refusal is a count at its limit in one part only; and
//! composites read back whose parts contradict each other are refused.
//!
//! Counts at their limits cannot be reached by pushing; they are read back from JSON (feature
//! `serde`, which this module needs), scaled from a real tally so that every relation between
//! the counts still holds.

use layanan::prelude::*;
use layanan::{EmpathyTally, Error, Instrument, Interaction, Scorecard, Standards, Timestamp};

fn visit() -> layanan::InteractionBuilder {
    Interaction::builder("ktp-el", "kel-a", Timestamp::from_unix_millis(0))
}

/// Every SKM answer 1, a recommend score of 0: one visit that every part counts.
fn answered() -> Interaction {
    let skm = Instrument::permenpanrb_14_2017();
    visit()
        .skm(skm.answers_from_row(&[1; 9]).unwrap())
        .recommend(0)
        .build()
        .unwrap()
}

/// An empathy tally whose courtesy count is at `u64::MAX` refuses one more visit, whatever the
/// visit carries, and stays as it was.
#[test]
fn an_empathy_tally_at_its_limit_refuses_and_stays_unchanged() {
    let mut tally = EmpathyTally::default();
    tally.push(&answered()).unwrap();
    let mut json = serde_json::to_value(&tally).unwrap();
    json["courtesy"] = serde_json::json!([u64::MAX, 0, 0, 0]);
    let mut full: EmpathyTally = serde_json::from_value(json).unwrap();
    let before = full.clone();
    for record in [answered(), visit().build().unwrap()] {
        assert_eq!(
            full.push(&record),
            Err(Error::Overflow {
                field: "empathy tally count".into()
            })
        );
        assert_eq!(full, before);
    }
}

mod read_back {
    use super::*;
    use serde_json::{Value, json};

    /// The JSON of a scorecard of `n` visits like [`answered`], without standards: the JSON of
    /// one such visit with every count multiplied by `n` (every answer is 1, so the SKM part's
    /// sums and products of answers are counts too).
    fn scorecard_of(n: u64) -> Value {
        let mut card = Scorecard::new(Standards::new());
        card.push(&answered()).unwrap();
        let mut json = serde_json::to_value(&card).unwrap();
        let scaled = [
            "/speed/counts",
            "/cost/counts",
            "/empathy/courtesy",
            "/empathy/complaint_handling",
            "/promises/counts",
            "/nps/counts",
            "/skm/responses",
            "/skm/counts",
            "/skm/pair_n",
            "/skm/pair_sum",
            "/skm/pair_product",
            "/skm/complete",
            "/skm/complete_sum",
            "/skm/complete_product",
        ];
        for path in scaled {
            scale(json.pointer_mut(path).unwrap(), n);
        }
        json
    }

    fn scale(value: &mut Value, n: u64) {
        match value {
            Value::Number(count) => *value = json!(count.as_u64().unwrap() * n),
            Value::Array(items) => items.iter_mut().for_each(|v| scale(v, n)),
            Value::Object(fields) => fields.values_mut().for_each(|v| scale(v, n)),
            _ => panic!("not a count: {value}"),
        }
    }

    /// The most questionnaires an SKM tally counts.
    const MAX_RESPONSES: u64 = u64::MAX / 16;

    /// The SKM part is at its limit, the others far from theirs: a visit with answers is
    /// refused by the SKM part alone, and no part counts it (the speed part used to count it
    /// before the SKM part refused: visits 1 → 2, and a scorecard that failed its own
    /// deserialiser). A visit without answers is still counted by every part.
    #[test]
    fn a_visit_one_part_refuses_is_counted_by_none() {
        let json = scorecard_of(MAX_RESPONSES);
        let mut card: Scorecard = serde_json::from_value(json).unwrap();
        assert_eq!(card.visits(), MAX_RESPONSES);
        assert_eq!(card.skm().responses(), MAX_RESPONSES);
        let before = card.clone();
        assert_eq!(
            card.push(&answered()),
            Err(Error::Overflow {
                field: "SKM tally count".into()
            })
        );
        assert_eq!(card, before);
        // The refused visit left the parts consistent: the scorecard reads back.
        let back: Scorecard = serde_json::from_value(serde_json::to_value(&card).unwrap())
            .expect("a scorecard after a refused push reads back");
        assert_eq!(back, before);
        // Every part counts a visit the SKM part has nothing to say about.
        card.push(&visit().recommend(10).build().unwrap()).unwrap();
        assert_eq!(card.visits(), MAX_RESPONSES + 1);
        assert_eq!(card.nps().counts()[10], 1);
        assert_eq!(card.skm().responses(), MAX_RESPONSES);
    }

    /// The scorecard: its cost part counts `u64::MAX` visits, its speed part one. It
    /// is refused when read, naming the counts, so it never reaches `push`.
    #[test]
    fn parts_that_counted_other_visits_are_refused_on_read() {
        let mut json = scorecard_of(1);
        json["cost"]["counts"]["visits"] = json!(u64::MAX);
        json["cost"]["counts"]["no_standard"] = json!(u64::MAX);
        let err = serde_json::from_value::<Scorecard>(json).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "inconsistent scorecard: the speed part counted 1 visits, the cost part {} and \
                 the promises part 1",
                u64::MAX
            )
        );
        // At every part's limit together the scorecard is consistent, and full.
        let json = scorecard_of(1);
        let mut full = json.clone();
        for path in ["/speed/counts", "/cost/counts", "/promises/counts"] {
            for count in full
                .pointer_mut(path)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .values_mut()
            {
                if count.as_u64() == Some(1) {
                    *count = json!(u64::MAX);
                }
            }
        }
        full["empathy"] = json["empathy"].clone();
        full["skm"] =
            serde_json::to_value(layanan::SkmTally::new(Instrument::permenpanrb_14_2017()))
                .unwrap();
        full["nps"]["counts"] = json!(vec![0; 11]);
        full["promises"]["counts"]["courteous_measured"] = json!(0);
        full["promises"]["counts"]["courtesy_from_skm"] = json!(0);
        full["empathy"]["courtesy"] = json!(vec![0; 4]);
        full["empathy"]["complaint_handling"] = json!(vec![0; 4]);
        let mut full: Scorecard = serde_json::from_value(full).unwrap();
        let before = full.clone();
        assert_eq!(
            full.push(&answered()),
            Err(Error::Overflow {
                field: "speed tally count".into()
            })
        );
        assert_eq!(full, before);
    }

    /// A scorecard per unit (a `Breakdown`'s cells, a `Grouped` by unit) is read through the
    /// scorecard's own checks: a unit with more recommend answers, empathy ratings or SKM
    /// questionnaires than visits is refused, naming its visits.
    #[test]
    fn per_unit_counts_larger_than_the_units_visits_are_refused_on_read() {
        use layanan::{Breakdown, ByUnit, Grouped};
        let mut cells = Breakdown::new(Scorecard::new(Standards::new()));
        let mut units = Grouped::new(ByUnit, Scorecard::new(Standards::new()));
        for unit in ["kel-a", "kel-b"] {
            let record = Interaction::builder("ktp-el", unit, Timestamp::from_unix_millis(0))
                .recommend(9)
                .build()
                .unwrap();
            cells.push(&record).unwrap();
            units.push(&record).unwrap();
        }
        let expected = "inconsistent scorecard: more answers than its 1 visits";
        let mut json = serde_json::to_value(&cells).unwrap();
        let back: Breakdown<Scorecard> = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back, cells);
        // cells.groups[1] is kel-b's (unit, service) cell: [key, scorecard].
        json["cells"]["groups"][1][1]["nps"]["counts"][9] = json!(2);
        let err = serde_json::from_value::<Breakdown<Scorecard>>(json).unwrap_err();
        assert_eq!(err.to_string(), expected);

        let mut json = serde_json::to_value(&units).unwrap();
        json["groups"][0][1]["nps"]["counts"][10] = json!(1);
        let err = serde_json::from_value::<Grouped<ByUnit, Scorecard>>(json.clone()).unwrap_err();
        assert_eq!(err.to_string(), expected);
        json["groups"][0][1]["nps"]["counts"][10] = json!(0);
        json["groups"][0][1]["empathy"]["ratings"] = json!([0, 0, 0, 1, 1]);
        let err = serde_json::from_value::<Grouped<ByUnit, Scorecard>>(json).unwrap_err();
        assert!(
            err.to_string().starts_with("inconsistent scorecard"),
            "{err}"
        );
    }
}
