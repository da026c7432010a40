//! The tallies of visits on random visits (three services, three units, about ten weeks, waits,
//! durations up to two weeks, fees and payments, empathy ratings on three scales, recommend
//! scores, SKM answers on courtesy and complaint handling): speed, cost, empathy, NPS, the
//! scorecard, speed grouped by unit, and NPS grouped by unit and triwulan.

use layanan::{
    Calendar, Completion, CostTally, Date, EmpathyTally, Granularity, Grouped, Instrument,
    Interaction, Money, NpsTally, Period, Rating, RatingScale, Scorecard, ServiceStandard,
    SpeedTally, Standards, TimeSpan,
};
use proptest::prelude::*;

use super::{Case, EXACT, Exact, Groups, SCORES, case, config, laws};
use crate::scorecard::support::{at, debug_close, plus_minutes};

/// `ktp-el`: free, 60 minutes, wait at most 20; `izin`: Rp 350.000, 2 working days on a WITA
/// calendar with 31 March 2025 a holiday; `legalisir` has no standard.
pub(crate) fn standards() -> Standards {
    [
        ServiceStandard::new("ktp-el", Money::ZERO)
            .unwrap()
            .with_completion(Completion::Within(TimeSpan::from_minutes(60)))
            .with_max_wait(TimeSpan::from_minutes(20)),
        ServiceStandard::new("izin", Money::new(350_000))
            .unwrap()
            .with_completion(Completion::WorkingDays(2)),
    ]
    .into_iter()
    .collect::<Standards>()
    .with_calendar(Calendar::wita().with_holidays([Date::new(2025, 3, 31).unwrap()]))
}

/// The services of the random visits: a counter service in minutes with a waiting target,
/// a permit in working days, and a service without a standard.
const SERVICES: [&str; 3] = ["ktp-el", "izin", "legalisir"];

/// What a random visit is made of (kept plain so proptest can shrink it).
#[derive(Debug, Clone)]
struct VisitSpec {
    pub service: usize,
    pub unit: usize,
    /// Minutes after 2025-01-27T00:00Z (a Monday), spread over about ten weeks.
    pub arrived: u32,
    pub wait: Option<u32>,
    /// Minutes from start (or arrival) to finish: up to about two weeks.
    pub duration: Option<u32>,
    pub official_fee: Option<u64>,
    pub paid: Option<u64>,
    /// Scale index into [`SCALES`] and a position on it.
    pub empathy: Option<(usize, u8)>,
    pub recommend: Option<i64>,
    pub perilaku: Option<i64>,
    pub pengaduan: Option<i64>,
}

/// The empathy scales of the random visits.
const SCALES: [(u8, u8); 3] = [(1, 5), (0, 10), (1, 7)];

impl VisitSpec {
    fn build(&self) -> Interaction {
        let base = at("2025-01-27T00:00:00Z");
        let arrived = plus_minutes(base, f64::from(self.arrived));
        let mut b = Interaction::builder(
            SERVICES[self.service],
            format!("unit-{}", self.unit),
            arrived,
        );
        let mut clock = arrived;
        if let Some(w) = self.wait {
            clock = plus_minutes(arrived, f64::from(w));
            b = b.started_at(clock);
        }
        if let Some(d) = self.duration {
            b = b.finished_at(plus_minutes(clock, f64::from(d)));
        }
        if let Some(fee) = self.official_fee {
            b = b.official_fee(Money::new(fee));
        }
        if let Some(paid) = self.paid {
            b = b.paid(Money::new(paid));
        }
        if let Some((scale, step)) = self.empathy {
            let (lo, hi) = SCALES[scale];
            let scale = RatingScale::new(lo, hi).unwrap();
            b = b.empathy(scale.rating(i64::from(lo + step % (hi - lo + 1))).unwrap());
        }
        if let Some(r) = self.recommend {
            b = b.recommend(r);
        }
        if self.perilaku.is_some() || self.pengaduan.is_some() {
            let skm = Instrument::permenpanrb_14_2017();
            let mut answers = skm.answers();
            if let Some(v) = self.perilaku {
                answers = answers.set("perilaku", v).unwrap();
            }
            if let Some(v) = self.pengaduan {
                answers = answers.set("pengaduan", v).unwrap();
            }
            b = b.skm(answers.build());
        }
        b.build().unwrap()
    }
}

/// Amounts of money: mostly tariffs and round levies, so that exact payments are common.
fn amount() -> impl Strategy<Value = u64> {
    prop_oneof![
        3 => Just(0u64),
        2 => Just(10_000u64),
        2 => Just(350_000u64),
        2 => prop::sample::select(vec![5_000u64, 20_000, 50_000, 400_000]),
        1 => 0u64..1_000_000,
    ]
}

/// One random visit.
fn visit_spec() -> impl Strategy<Value = VisitSpec> {
    (
        (
            0..SERVICES.len(),
            0usize..3,
            0u32..70 * 24 * 60,
            prop::option::weighted(0.8, 0u32..90),
            prop::option::weighted(0.85, prop_oneof![3 => 0u32..300, 1 => 0u32..14 * 24 * 60]),
        ),
        (
            prop::option::weighted(0.3, amount()),
            prop::option::weighted(0.8, amount()),
            prop::option::weighted(0.6, (0..SCALES.len(), any::<u8>())),
            prop::option::weighted(0.6, 0i64..=10),
            prop::option::weighted(0.4, 1i64..=4),
            prop::option::weighted(0.4, 1i64..=4),
        ),
    )
        .prop_map(
            |(
                (service, unit, arrived, wait, duration),
                (official_fee, paid, empathy, recommend, perilaku, pengaduan),
            )| VisitSpec {
                service,
                unit,
                arrived,
                wait,
                duration,
                official_fee,
                paid,
                empathy,
                recommend,
                perilaku,
                pengaduan,
            },
        )
}

/// Up to 40 random visits.
fn visits() -> impl Strategy<Value = Case<Interaction>> {
    case(prop::collection::vec(
        visit_spec().prop_map(|spec| spec.build()),
        0..40,
    ))
}

/// What an empathy tally takes: a visit, or a SERVQUAL pair on one scale.
#[derive(Debug, Clone)]
enum Pleasant {
    Visit(Box<Interaction>),
    Servqual(Rating, Rating),
}

fn pleasant() -> impl Strategy<Value = Pleasant> {
    prop_oneof![
        3 => visit_spec().prop_map(|spec| Pleasant::Visit(Box::new(spec.build()))),
        1 => (0..SCALES.len(), any::<u8>(), any::<u8>()).prop_map(|(scale, p, e)| {
            let (lo, hi) = SCALES[scale];
            let scale = RatingScale::new(lo, hi).unwrap();
            let on_scale = |step: u8| scale.rating(i64::from(lo + step % (hi - lo + 1))).unwrap();
            Pleasant::Servqual(on_scale(p), on_scale(e))
        }),
    ]
}

/// Two dimensions with equal scores (say cost 50 and empathy 50) are both the weakest: which
/// one `weakest` names then depends on the last bit of a merged mean. This checks that
/// `weakest` names a dimension whose score is the lowest to 1e-10, then names the first such
/// dimension in both reports alike, so that the comparison of a merge with the whole is
/// exact on counts and close on floats, and not a coin toss on ties.
fn settle_ties(report: &mut layanan::ScorecardReport) {
    let groups = std::iter::once(&mut report.overall)
        .chain(report.by_unit.values_mut())
        .chain(report.by_service.values_mut());
    for group in groups {
        let Some(x) = group.excellence.as_mut() else {
            continue;
        };
        let lowest = x
            .components
            .iter()
            .map(|c| c.1)
            .fold(f64::INFINITY, f64::min);
        let tied = |score: f64| score <= lowest + 1e-10;
        let named = x.components.iter().find(|c| c.0 == x.weakest).unwrap();
        assert!(
            tied(named.1),
            "{:?} is not the weakest of {:?}",
            x.weakest,
            x.components
        );
        x.weakest = x.components.iter().find(|c| tied(c.1)).unwrap().0;
    }
}

proptest! {
    #![proptest_config(config())]

    /// Times are stored in arrival order; means and standard deviations depend on the order
    /// in their last bits, counts and quantiles (of sorted values) do not.
    #[test]
    fn speed_tally_laws(case in visits()) {
        let standards = standards();
        laws(
            SpeedTally::new(),
            |t: &mut SpeedTally, v: &Interaction| t.push(v, &standards),
            SpeedTally::report,
        )
        .exact(Exact::Sequence)
        .check(&case)?;
    }

    /// Excesses are stored in arrival order, but the report holds only counts, exact sums and
    /// a median: it does not depend on the order at all.
    #[test]
    fn cost_tally_laws(case in visits()) {
        let standards = standards();
        laws(
            CostTally::new(),
            |t: &mut CostTally, v: &Interaction| t.push(v, &standards),
            CostTally::report,
        )
        .exact(Exact::Sequence)
        .tolerance(EXACT)
        .check(&case)?;
    }

    #[test]
    fn nps_tally_laws(case in visits()) {
        laws(NpsTally::default(), NpsTally::push, NpsTally::report)
            .exact(Exact::Counts)
            .check(&case)?;
    }

    /// Ratings and SERVQUAL gaps are floating moments; scores are on 0–100.
    #[test]
    fn empathy_tally_laws(case in case(prop::collection::vec(pleasant(), 0..40))) {
        laws(
            EmpathyTally::new(),
            |t: &mut EmpathyTally, record: &Pleasant| match record {
                Pleasant::Visit(v) => t.push(v),
                Pleasant::Servqual(p, e) => t.push_servqual(*p, *e),
            },
            EmpathyTally::report,
        )
        .tolerance(SCORES)
        .check(&case)?;
    }

    /// Every tally of every group; ties for the weakest dimension are settled the same way in
    /// both reports (see `settle_ties`).
    #[test]
    fn scorecard_laws(case in visits()) {
        let standards = standards();
        let laws = laws(
            Scorecard::new(standards.clone()),
            Scorecard::push,
            |card: &Scorecard| {
                card.report().map(|mut report| {
                    settle_ties(&mut report);
                    report
                })
            },
        )
        .tolerance(SCORES)
        .batch("Scorecard::score", true, |visits: &[Interaction]| {
            Scorecard::score(visits, standards.clone()).unwrap()
        });
        #[cfg(feature = "rayon")]
        let laws = laws.batch("Scorecard::par_score", false, |visits: &[Interaction]| {
            Scorecard::par_score(visits, standards.clone()).unwrap()
        });
        laws.check(&case)?;
    }

    /// Speed by unit: each group's report and the total's; the total also reports as one
    /// tally of every visit.
    #[test]
    fn grouped_speed_tally_laws(case in visits()) {
        let standards = standards();
        let laws = laws(
            Groups(Grouped::new(SpeedTally::new())),
            |Groups(groups): &mut Groups<String, SpeedTally>, v: &Interaction| {
                groups.group_mut(v.unit().to_string()).push(v, &standards)
            },
            |Groups(groups): &Groups<String, SpeedTally>| {
                let each: Vec<_> = groups.iter().map(|(unit, t)| (unit.clone(), t.report())).collect();
                (each, groups.total().and_then(|t| t.report()))
            },
        )
        .exact(Exact::Sequence);
        laws.check(&case)?;

        let mut single = SpeedTally::new();
        for v in &case.records {
            single.push(v, &standards).unwrap();
        }
        let total = laws.tally(&case.records)?.0.total().unwrap();
        debug_close(&total.report(), &single.report(), 1e-12, 0.0)
            .map_err(proptest::test_runner::TestCaseError::fail)?;
    }

    /// NPS by unit and triwulan, the key of `Grouped`'s own example. Without the serde law:
    /// JSON cannot hold these keys (see below).
    #[test]
    fn grouped_nps_tally_laws(case in visits()) {
        let calendar = Calendar::wita();
        laws(
            Groups(Grouped::new(NpsTally::default())),
            |Groups(groups): &mut Groups<(String, Period), NpsTally>, v: &Interaction| {
                let quarter = calendar.period(v.arrived_at(), Granularity::Triwulan)?;
                groups.group_mut((v.unit().to_string(), quarter)).push(v)
            },
            |Groups(groups): &Groups<(String, Period), NpsTally>| {
                let each: Vec<_> = groups.iter().map(|(key, t)| (key.clone(), t.report())).collect();
                (each, groups.total().and_then(|t| t.report()))
            },
        )
        .exact(Exact::Counts)
        .without_json()
        .check(&case)?;
    }
}

/// `Grouped` writes its groups as `[key, tally]` pairs, so a `Grouped` keyed by a tuple with a
/// `Period` (as in its own documentation) round-trips through JSON, whose map keys would have
/// to be strings; a key given twice is refused.
#[cfg(feature = "serde")]
#[test]
fn grouped_by_unit_and_quarter_round_trips_through_json() {
    let at: layanan::Timestamp = "2025-03-31T10:00:00+07:00".parse().unwrap();
    let quarter = Calendar::wib().period(at, Granularity::Triwulan).unwrap();
    let mut groups = Grouped::new(NpsTally::default());
    groups
        .group_mut(("kel-a".to_string(), quarter))
        .push_score(9)
        .unwrap();
    let text = serde_json::to_string(&groups).unwrap();
    let back: Grouped<(String, Period), NpsTally> = serde_json::from_str(&text).unwrap();
    assert_eq!(back, groups);
    let mut twice: serde_json::Value = serde_json::from_str(&text).unwrap();
    let pair = twice["groups"][0].clone();
    twice["groups"].as_array_mut().unwrap().push(pair);
    let err = serde_json::from_value::<Grouped<(String, Period), NpsTally>>(twice).unwrap_err();
    assert_eq!(
        err.to_string(),
        "inconsistent grouped tally: a key is given more than once"
    );
}
