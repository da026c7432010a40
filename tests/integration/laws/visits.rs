//! The tallies of visits on random visits (three services, three units, about ten weeks, waits,
//! durations up to two weeks, some visits still open, fees and payments, empathy ratings,
//! recommend scores, SKM answers on courtesy and complaint handling): speed, cost, empathy,
//! promises, NPS, the scorecard, speed grouped by unit, NPS grouped by unit and triwulan, and
//! the overall/unit/service breakdown of the scorecard.

use layanan::{
    Breakdown, ByPeriod, ByUnit, Calendar, Completion, CostTally, Date, EmpathyTally, Granularity,
    Grouped, Instrument, Interaction, Money, NpsTally, PromiseTally, RatingScale, Scorecard,
    ServiceStandard, SpeedTally, Standards, Tally, Tariff, TimeSpan,
};
use proptest::prelude::*;

use super::{Case, EXACT, Exact, SCORES, case, config, laws};
use crate::support::{at, debug_close, plus_minutes};

/// `ktp-el`: free, 60 minutes, wait at most 20; `izin`: Rp 350.000, 2 working days on a WITA
/// calendar with 31 March 2025 a holiday (`unit-2` keeps WIT time); `pbg`: assessed per case
/// under a ceiling of Rp 400.000, 5 working days; `legalisir` has no standard.
pub(crate) fn standards() -> Standards {
    [
        ServiceStandard::new("ktp-el", Money::ZERO)
            .unwrap()
            .with_completion(Completion::Within(TimeSpan::from_minutes(60)))
            .with_max_wait(TimeSpan::from_minutes(20)),
        ServiceStandard::new("izin", Money::new(350_000))
            .unwrap()
            .with_completion(Completion::WorkingDays(2)),
        ServiceStandard::new(
            "pbg",
            Tariff::Assessed {
                ceiling: Some(Money::new(400_000)),
            },
        )
        .unwrap()
        .with_completion(Completion::WorkingDays(5)),
    ]
    .into_iter()
    .collect::<Standards>()
    .with_calendar(Calendar::wita().with_holidays([Date::new(2025, 3, 31).unwrap()]))
    .with_unit_calendar("unit-2", Calendar::wit())
}

/// The services of the random visits: a counter service in minutes with a waiting target,
/// a permit in working days, an assessed fee, and a service without a standard.
const SERVICES: [&str; 4] = ["ktp-el", "izin", "pbg", "legalisir"];

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
    /// A position on the visit's empathy scale.
    pub empathy: Option<u8>,
    pub recommend: Option<i64>,
    pub perilaku: Option<i64>,
    pub pengaduan: Option<i64>,
}

/// The empathy scales random visits may be rated on (one scale per set of visits).
const SCALES: [(u8, u8); 3] = [(1, 5), (0, 10), (1, 7)];

impl VisitSpec {
    /// The visit, its empathy rated on 1–5.
    fn build(&self) -> Interaction {
        self.build_on(RatingScale::FIVE_POINT)
    }

    /// The visit, its empathy rated on `scale`.
    fn build_on(&self, scale: RatingScale) -> Interaction {
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
        if let Some(step) = self.empathy {
            let (lo, hi) = (scale.min(), scale.max());
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
        2 => prop::sample::select(vec![5_000u64, 20_000, 50_000, 400_000, 450_000]),
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
            prop::option::weighted(0.6, any::<u8>()),
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

/// Up to 40 random visits, rated on 1–5.
pub(crate) fn visits() -> impl Strategy<Value = Case<Interaction>> {
    case(prop::collection::vec(
        visit_spec().prop_map(|spec| spec.build()),
        0..40,
    ))
}

/// A scale of [`SCALES`] and up to 40 random visits rated on it.
fn rated_visits() -> impl Strategy<Value = (RatingScale, Case<Interaction>)> {
    prop::sample::select(SCALES.to_vec()).prop_flat_map(|(lo, hi)| {
        let scale = RatingScale::new(lo, hi).unwrap();
        let visits =
            prop::collection::vec(visit_spec().prop_map(move |s| s.build_on(scale)), 0..40);
        (Just(scale), case(visits))
    })
}

proptest! {
    #![proptest_config(config())]

    /// Times and deadlines are stored in arrival order; means and standard deviations depend
    /// on the order in their last bits, counts and quantiles (of sorted values) do not.
    #[test]
    fn speed_tally_laws(case in visits()) {
        laws(SpeedTally::new(standards()))
            .exact(Exact::Sequence)
            .check(&case)?;
        // Judged as of an instant long after the data: every open visit is late.
        let later = layanan::SpeedOptions::default().as_of(at("2026-01-01T00:00:00Z"));
        laws(SpeedTally::new(standards()))
            .exact(Exact::Sequence)
            .options(later)
            .check(&case)?;
    }

    /// Excesses are stored in arrival order, but the report holds only counts, exact sums and
    /// an exact median: it does not depend on the order at all.
    #[test]
    fn cost_tally_laws(case in visits()) {
        laws(CostTally::new(standards()))
            .exact(Exact::Sequence)
            .tolerance(EXACT)
            .check(&case)?;
    }

    /// Counts only: every law holds exactly, and the report does not depend on the order.
    #[test]
    fn promise_tally_laws(case in visits()) {
        laws(PromiseTally::new(standards()))
            .exact(Exact::Sequence)
            .tolerance(EXACT)
            .check(&case)?;
    }

    #[test]
    fn nps_tally_laws(case in visits()) {
        laws(NpsTally::default())
            .exact(Exact::Counts)
            .check(&case)?;
    }

    /// Counts of ratings on one of three scales and of SKM answers: exact.
    #[test]
    fn empathy_tally_laws((scale, case) in rated_visits()) {
        laws(EmpathyTally::new(scale, Instrument::permenpanrb_14_2017()))
            .exact(Exact::Counts)
            .check(&case)?;
    }

    /// Every part of the scorecard; with `rayon`, `par_tally` gives the same reports.
    #[test]
    fn scorecard_laws(case in visits()) {
        let laws = laws(Scorecard::new(standards()))
            .exact(Exact::Sequence)
            .tolerance(SCORES);
        #[cfg(feature = "rayon")]
        let laws = laws.batch("par_tally", false, |visits: &[Interaction]| {
            layanan::par_tally(Scorecard::new(standards()), visits).unwrap()
        });
        laws.check(&case)?;
    }

    /// Speed by unit: each group's report; the total also reports as one tally of every visit.
    #[test]
    fn grouped_speed_tally_laws(case in visits()) {
        let laws = laws(Grouped::new(ByUnit, SpeedTally::new(standards())))
            .exact(Exact::Sequence);
        laws.check(&case)?;

        let mut single = SpeedTally::new(standards());
        single.push_all(&case.records).unwrap();
        let total = laws.tally(&case.records)?.total().unwrap();
        debug_close(&total.report(), &single.report(), 1e-12, 0.0)
            .map_err(proptest::test_runner::TestCaseError::fail)?;
    }

    /// NPS by unit and triwulan, the key of `Grouped`'s own example.
    #[test]
    fn grouped_nps_tally_laws(case in visits()) {
        let by = (ByUnit, ByPeriod::new(Calendar::wita(), Granularity::Triwulan));
        laws(Grouped::new(by, NpsTally::default()))
            .exact(Exact::Counts)
            .check(&case)?;
    }

    /// The scorecard overall, per unit and per service, from (unit, service) cells.
    #[test]
    fn breakdown_laws(case in visits()) {
        laws(Breakdown::new(Scorecard::new(standards())))
            .exact(Exact::Sequence)
            .tolerance(SCORES)
            .check(&case)?;
    }
}
