//! Calendars: working days between instants and deadlines across weekends and holidays, and periods (day to year).

use super::*;

// =============================================================================================
// Calendar: working days
// =============================================================================================

/// A civil date walked one day at a time with its weekday, independently of the crate.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Walker {
    y: i32,
    m: u8,
    d: u8,
    /// Monday 0 … Sunday 6.
    wd: u8,
}

impl Walker {
    /// 2023-01-01 was a Sunday.
    fn new_year_2023() -> Self {
        Self {
            y: 2023,
            m: 1,
            d: 1,
            wd: 6,
        }
    }

    fn days_in_month(&self) -> u8 {
        let leap = self.y % 4 == 0 && (self.y % 100 != 0 || self.y % 400 == 0);
        match self.m {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    fn next(mut self) -> Self {
        self.wd = (self.wd + 1) % 7;
        if self.d < self.days_in_month() {
            self.d += 1;
        } else if self.m < 12 {
            self.d = 1;
            self.m += 1;
        } else {
            self.d = 1;
            self.m = 1;
            self.y += 1;
        }
        self
    }

    fn is(&self, y: i32, m: u8, d: u8) -> bool {
        (self.y, self.m, self.d) == (y, m, d)
    }

    fn date(&self) -> Date {
        date(self.y, self.m, self.d)
    }

    fn walk_to(self, y: i32, m: u8, d: u8) -> Self {
        let mut w = self;
        while !w.is(y, m, d) {
            w = w.next();
        }
        w
    }
}

/// Working days after `from` up to and including `to` (local dates), counted day by day.
fn count_by_hand(from: (i32, u8, u8), to: (i32, u8, u8), weekend: &[u8], holidays: &[Date]) -> u32 {
    let mut w = Walker::new_year_2023().walk_to(from.0, from.1, from.2);
    let mut count = 0;
    while !w.is(to.0, to.1, to.2) {
        w = w.next();
        if !weekend.contains(&w.wd) && !holidays.contains(&w.date()) {
            count += 1;
        }
    }
    count
}

/// Public holidays and joint leave of 2025 (SKB 3 Menteri), four of which fall on a weekend.
pub(super) fn holidays_2025() -> Vec<Date> {
    [
        (1, 1),
        (1, 27),
        (1, 29),
        (3, 29), // Saturday: Nyepi
        (3, 31),
        (4, 1),
        (4, 18),
        (4, 20), // Sunday: Easter
        (5, 1),
        (5, 12),
        (5, 29),
        (6, 1), // Sunday: Pancasila
        (6, 6),
        (6, 27),
        (8, 17), // Sunday: Independence Day
        (9, 5),
        (12, 25),
    ]
    .into_iter()
    .map(|(m, d)| date(2025, m, d))
    .collect()
}

/// The three Indonesian zones with the RFC 3339 suffix of their offset.
fn zones() -> [(Calendar, &'static str); 3] {
    [
        (Calendar::wib(), "+07:00"),
        (Calendar::wita(), "+08:00"),
        (Calendar::wit(), "+09:00"),
    ]
}

fn local(day: (i32, u8, u8), clock: &str, offset: &str) -> Timestamp {
    ts(&format!(
        "{:04}-{:02}-{:02}T{clock}{offset}",
        day.0, day.1, day.2
    ))
}

#[test]
fn calendar_zones() {
    assert_eq!(Calendar::wib().offset_minutes(), 420);
    assert_eq!(Calendar::wita().offset_minutes(), 480);
    assert_eq!(Calendar::wit().offset_minutes(), 540);
    assert_eq!(Calendar::default(), Calendar::wib());
    assert_eq!(Calendar::new(420).unwrap(), Calendar::wib());
    assert_eq!(Calendar::new(540).unwrap(), Calendar::wit());
    for (cal, _) in zones() {
        assert_eq!(cal.weekend(), [Weekday::Saturday, Weekday::Sunday]);
        assert!(cal.holidays().is_empty());
    }
}

#[test]
fn calendar_local_date_differs_by_zone_near_midnight() {
    // 16:30 UTC is 23:30 WIB, 00:30 WITA and 01:30 WIT the next day.
    let at = ts("2025-08-14T16:30:00Z");
    assert_eq!(Calendar::wib().local_date(at).unwrap(), date(2025, 8, 14));
    assert_eq!(Calendar::wita().local_date(at).unwrap(), date(2025, 8, 15));
    assert_eq!(Calendar::wit().local_date(at).unwrap(), date(2025, 8, 15));
    // 15:30 UTC is 23:30 WITA but already 00:30 WIT.
    let at = ts("2025-08-14T15:30:00Z");
    assert_eq!(Calendar::wita().local_date(at).unwrap(), date(2025, 8, 14));
    assert_eq!(Calendar::wit().local_date(at).unwrap(), date(2025, 8, 15));
    // Exactly local midnight belongs to the new day; a millisecond before to the old one.
    let midnight = ts("2025-08-15T00:00:00+07:00");
    assert_eq!(
        Calendar::wib().local_date(midnight).unwrap(),
        date(2025, 8, 15)
    );
    let before = Timestamp::from_unix_millis(midnight.unix_millis() - 1);
    assert_eq!(
        Calendar::wib().local_date(before).unwrap(),
        date(2025, 8, 14)
    );
    // West of UTC.
    let cal = Calendar::new(-210).unwrap();
    assert_eq!(
        cal.local_date(ts("2025-01-01T02:00:00Z")).unwrap(),
        date(2024, 12, 31)
    );
}

#[test]
fn working_days_same_day_is_zero() {
    for (cal, offset) in zones() {
        let day = (2025, 8, 13); // Wednesday
        let from = local(day, "08:00:00", offset);
        let to = local(day, "23:59:59.999", offset);
        assert_eq!(cal.working_days_between(from, to).unwrap(), 0);
        assert_eq!(cal.working_days_between(from, from).unwrap(), 0);
    }
}

#[test]
fn working_days_friday_to_monday_is_one() {
    for (cal, offset) in zones() {
        let from = local((2025, 8, 8), "16:00:00", offset); // Friday
        let to = local((2025, 8, 11), "08:00:00", offset); // Monday
        assert_eq!(cal.working_days_between(from, to).unwrap(), 1);
        // Friday to Saturday or Sunday: nothing yet.
        let sat = local((2025, 8, 9), "10:00:00", offset);
        let sun = local((2025, 8, 10), "10:00:00", offset);
        assert_eq!(cal.working_days_between(from, sat).unwrap(), 0);
        assert_eq!(cal.working_days_between(from, sun).unwrap(), 0);
        assert_eq!(cal.working_days_between(sat, sun).unwrap(), 0);
        // Submitted on a Saturday, done on Monday.
        assert_eq!(cal.working_days_between(sat, to).unwrap(), 1);
        // One week: five working days, whatever the weekday.
        for start in 4..=10u8 {
            let a = local((2025, 8, start), "09:00:00", offset);
            let b = local((2025, 8, start + 7), "09:00:00", offset);
            assert_eq!(cal.working_days_between(a, b).unwrap(), 5, "from 8/{start}");
        }
    }
}

#[test]
fn working_days_at_an_instant_near_midnight_utc() {
    // Thursday 14 August 2025 16:30 UTC: Thursday 23:30 in WIB, Friday 00:30 in WITA and WIT.
    let thursday_evening = ts("2025-08-14T16:30:00Z");
    // Friday 15 August, 10:00 in each zone.
    let friday = |offset: &str| local((2025, 8, 15), "10:00:00", offset);
    assert_eq!(
        Calendar::wib()
            .working_days_between(thursday_evening, friday("+07:00"))
            .unwrap(),
        1
    );
    assert_eq!(
        Calendar::wita()
            .working_days_between(thursday_evening, friday("+08:00"))
            .unwrap(),
        0
    );
    assert_eq!(
        Calendar::wit()
            .working_days_between(thursday_evening, friday("+09:00"))
            .unwrap(),
        0
    );
    // The same instant as the end: from Monday 11 August, 09:00 local.
    let monday = |offset: &str| local((2025, 8, 11), "09:00:00", offset);
    assert_eq!(
        Calendar::wib()
            .working_days_between(monday("+07:00"), thursday_evening)
            .unwrap(),
        3
    );
    assert_eq!(
        Calendar::wita()
            .working_days_between(monday("+08:00"), thursday_evening)
            .unwrap(),
        4
    );
    assert_eq!(
        Calendar::wit()
            .working_days_between(monday("+09:00"), thursday_evening)
            .unwrap(),
        4
    );
    // 15:30 UTC separates WITA (Thursday 23:30) from WIT (Friday 00:30).
    let at = ts("2025-08-14T15:30:00Z");
    assert_eq!(
        Calendar::wita()
            .working_days_between(monday("+08:00"), at)
            .unwrap(),
        3
    );
    assert_eq!(
        Calendar::wit()
            .working_days_between(monday("+09:00"), at)
            .unwrap(),
        4
    );
}

#[test]
fn working_days_skip_holidays_without_double_counting_weekends() {
    for (cal, offset) in zones() {
        let friday = local((2025, 8, 15), "10:00:00", offset);
        let wednesday = local((2025, 8, 20), "09:00:00", offset);
        // Weekend only: Monday, Tuesday, Wednesday.
        assert_eq!(cal.working_days_between(friday, wednesday).unwrap(), 3);
        // 17 August 2025 is a Sunday: already off, so nothing changes.
        let sunday_holiday = cal.clone().with_holidays([date(2025, 8, 17)]);
        assert_eq!(
            sunday_holiday
                .working_days_between(friday, wednesday)
                .unwrap(),
            3
        );
        // The Monday after, declared joint leave, is one day less.
        let with_leave = cal.with_holidays([date(2025, 8, 17), date(2025, 8, 18)]);
        assert_eq!(
            with_leave.working_days_between(friday, wednesday).unwrap(),
            2
        );
        // A holiday on the start date itself does not count either way.
        let from_holiday = with_leave.clone().with_holidays([date(2025, 8, 15)]);
        assert_eq!(
            from_holiday
                .working_days_between(friday, wednesday)
                .unwrap(),
            2
        );
        // A holiday on the end date is not a working day.
        let to_holiday = with_leave.with_holidays([date(2025, 8, 20)]);
        assert_eq!(
            to_holiday.working_days_between(friday, wednesday).unwrap(),
            1
        );
    }
}

#[test]
fn working_days_across_month_and_year_ends() {
    for (cal, offset) in zones() {
        let cal = cal.with_holidays([date(2025, 1, 1)]);
        // Tuesday 31 Dec 2024 → Thursday 2 Jan 2025, New Year's Day off: 1.
        let a = local((2024, 12, 31), "14:00:00", offset);
        let b = local((2025, 1, 2), "09:00:00", offset);
        assert_eq!(cal.working_days_between(a, b).unwrap(), 1);
        // Wednesday 28 Feb 2024 → Friday 1 Mar 2024: the leap day and 1 March.
        let a = local((2024, 2, 28), "09:00:00", offset);
        let b = local((2024, 3, 1), "09:00:00", offset);
        assert_eq!(cal.working_days_between(a, b).unwrap(), 2);
        // Friday 28 Feb 2025 → Monday 3 Mar 2025: 1.
        let a = local((2025, 2, 28), "09:00:00", offset);
        let b = local((2025, 3, 3), "09:00:00", offset);
        assert_eq!(cal.working_days_between(a, b).unwrap(), 1);
        // Monday 30 Jun → Tuesday 1 Jul 2025 (a semester end): 1.
        let a = local((2025, 6, 30), "09:00:00", offset);
        let b = local((2025, 7, 1), "09:00:00", offset);
        assert_eq!(cal.working_days_between(a, b).unwrap(), 1);
    }
}

#[test]
fn working_days_of_the_year_2025() {
    let holidays = holidays_2025();
    for (cal, offset) in zones() {
        let cal = cal.with_holidays(holidays.clone());
        let from = local((2024, 12, 31), "12:00:00", offset);
        let to = local((2025, 12, 31), "12:00:00", offset);
        // 261 weekdays, 13 of them holidays (the other 4 holidays fall on weekends).
        assert_eq!(cal.working_days_between(from, to).unwrap(), 248);
        assert_eq!(
            count_by_hand((2024, 12, 31), (2025, 12, 31), &[5, 6], &holidays),
            248
        );
    }
}

#[test]
fn working_days_match_a_day_by_day_count_over_a_year() {
    let holidays = holidays_2025();
    for (cal, offset) in zones() {
        let cal = cal.with_holidays(holidays.clone());
        // Every start in December 2024 and January 2025 against ends a year on.
        let mut start = Walker::new_year_2023().walk_to(2024, 12, 1);
        for _ in 0..62 {
            let from = (start.y, start.m, start.d);
            let mut end = start;
            for span in 0..400 {
                if span % 37 == 0 || span > 360 {
                    let to = (end.y, end.m, end.d);
                    let expected = count_by_hand(from, to, &[5, 6], &holidays);
                    let got = cal
                        .working_days_between(
                            local(from, "23:59:00", offset),
                            local(to, "23:59:59.999", offset),
                        )
                        .unwrap();
                    assert_eq!(got, expected, "{from:?} → {to:?} at {offset}");
                }
                end = end.next();
            }
            start = start.next();
        }
    }
}

#[test]
fn working_days_with_custom_weekends() {
    let from = ts("2025-08-11T09:00:00+07:00"); // Monday
    let to = ts("2025-08-25T09:00:00+07:00"); // Monday two weeks on
    // Sunday only: a six-day week.
    let six = Calendar::wib().with_weekend([Weekday::Sunday]).unwrap();
    assert_eq!(six.weekend(), [Weekday::Sunday]);
    assert_eq!(six.working_days_between(from, to).unwrap(), 12);
    // Friday and Saturday.
    let fri_sat = Calendar::wib()
        .with_weekend([Weekday::Saturday, Weekday::Friday])
        .unwrap();
    assert_eq!(fri_sat.weekend(), [Weekday::Friday, Weekday::Saturday]);
    assert_eq!(fri_sat.working_days_between(from, to).unwrap(), 10);
    // No weekend: every day works, holidays still do not.
    let every = Calendar::wib().with_weekend([]).unwrap();
    assert!(every.weekend().is_empty());
    assert_eq!(every.working_days_between(from, to).unwrap(), 14);
    let every = every.with_holidays([date(2025, 8, 17)]);
    assert_eq!(every.working_days_between(from, to).unwrap(), 13);
    // A holiday on a custom weekend day is not subtracted twice.
    let six = six.with_holidays([date(2025, 8, 17), date(2025, 8, 16)]); // Sunday, Saturday
    assert_eq!(six.working_days_between(from, to).unwrap(), 11);
    // A weekend of all seven days is refused (the hostile-input catalogue checks the error).
    // Repeated days are one.
    let twice = Calendar::wib()
        .with_weekend([Weekday::Sunday, Weekday::Sunday])
        .unwrap();
    assert_eq!(twice.weekend(), [Weekday::Sunday]);
}

#[test]
fn calendar_holidays_are_sorted_and_deduplicated() {
    let cal = Calendar::wita()
        .with_holidays([date(2025, 12, 25), date(2025, 1, 1)])
        .with_holidays([date(2025, 1, 1), date(2025, 8, 17)]);
    assert_eq!(
        cal.holidays(),
        [date(2025, 1, 1), date(2025, 8, 17), date(2025, 12, 25)]
    );
    assert!(!cal.is_working_day(date(2025, 12, 25)));
    assert!(!cal.is_working_day(date(2025, 8, 16))); // Saturday
    assert!(cal.is_working_day(date(2025, 8, 18)));
    assert_eq!(
        cal,
        Calendar::wita().with_holidays([date(2025, 8, 17), date(2025, 12, 25), date(2025, 1, 1)])
    );
}

proptest! {
    #[test]
    fn working_days_match_a_day_by_day_count(
        start in 0u32..800,
        span in 0u32..120,
        holiday_offsets in proptest::collection::vec(0u32..900, 0..12),
        weekend_mask in 0u8..128,
        zone in 0usize..3,
        from_clock in 0u32..86_400,
        to_clock in 0u32..86_400,
    ) {
        let weekend: Vec<u8> = (0..7).filter(|i| weekend_mask & (1 << i) != 0).collect();
        let base = Walker::new_year_2023();
        let mut a = base;
        for _ in 0..start { a = a.next(); }
        let mut b = a;
        for _ in 0..span { b = b.next(); }
        let holidays: Vec<Date> = holiday_offsets
            .iter()
            .map(|k| { let mut w = base; for _ in 0..*k { w = w.next(); } w.date() })
            .collect();
        let weekdays: Vec<Weekday> = weekend
            .iter()
            .map(|i| match i { 0 => Weekday::Monday, 1 => Weekday::Tuesday, 2 => Weekday::Wednesday,
                3 => Weekday::Thursday, 4 => Weekday::Friday, 5 => Weekday::Saturday, _ => Weekday::Sunday })
            .collect();
        let (cal, offset) = zones()[zone].clone();
        // Seven weekend days is an error (checked in the hostile-input catalogue).
        prop_assume!(weekend.len() < 7);
        let cal = cal.with_weekend(weekdays).unwrap().with_holidays(holidays.clone());
        let clock = |s: u32| format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
        let from = local((a.y, a.m, a.d), &clock(from_clock), offset);
        let to = local((b.y, b.m, b.d), &clock(to_clock), offset);
        let expected = count_by_hand((a.y, a.m, a.d), (b.y, b.m, b.d), &weekend, &holidays);
        match cal.working_days_between(from, to) {
            Ok(got) => prop_assert_eq!(got, expected),
            // Only a same-day span with the end's clock before the start's is reversed.
            Err(Error::FinishedBeforeStarted { .. }) => prop_assert!(span == 0 && to_clock < from_clock),
            Err(e) => prop_assert!(false, "unexpected {e:?}"),
        }
    }
}

// =============================================================================================
// Calendar: periods
// =============================================================================================

fn periods_of(cal: &Calendar, at: Timestamp) -> [Period; 5] {
    [
        Granularity::Day,
        Granularity::Month,
        Granularity::Triwulan,
        Granularity::Semester,
        Granularity::Year,
    ]
    .map(|g| cal.period(at, g).unwrap())
}

fn all_periods(d: Date, quarter: u8, semester: u8) -> [Period; 5] {
    let year = d.year();
    [
        Period::Day(d),
        Period::Month {
            year,
            month: d.month(),
        },
        Period::Triwulan { year, quarter },
        Period::Semester { year, semester },
        Period::Year(year),
    ]
}

#[test]
fn periods_at_a_year_end_in_each_zone() {
    // 31 Dec 2024 15:30 UTC: 22:30 WIB, 23:30 WITA, 00:30 WIT on 1 Jan 2025.
    let at = ts("2024-12-31T15:30:00Z");
    let old_year = all_periods(date(2024, 12, 31), 4, 2);
    let new_year = all_periods(date(2025, 1, 1), 1, 1);
    assert_eq!(periods_of(&Calendar::wib(), at), old_year);
    assert_eq!(periods_of(&Calendar::wita(), at), old_year);
    assert_eq!(periods_of(&Calendar::wit(), at), new_year);
    // An hour earlier it is still 2024 in WIT; an hour later 2025 in WITA too.
    let earlier = ts("2024-12-31T14:30:00Z");
    assert_eq!(periods_of(&Calendar::wit(), earlier), old_year);
    let later = ts("2024-12-31T16:30:00Z");
    assert_eq!(periods_of(&Calendar::wita(), later), new_year);
    assert_eq!(periods_of(&Calendar::wib(), later), old_year);
    let latest = ts("2024-12-31T17:00:00Z");
    assert_eq!(periods_of(&Calendar::wib(), latest), new_year);
}

#[test]
fn periods_at_quarter_and_month_ends_in_each_zone() {
    // 31 March 16:30 UTC: WIB 23:30 (Q1), WITA and WIT 1 April (Q2).
    let at = ts("2025-03-31T16:30:00Z");
    assert_eq!(
        periods_of(&Calendar::wib(), at),
        all_periods(date(2025, 3, 31), 1, 1)
    );
    for cal in [Calendar::wita(), Calendar::wit()] {
        assert_eq!(periods_of(&cal, at), all_periods(date(2025, 4, 1), 2, 1));
    }
    // 30 June 16:30 UTC: semester 1 in WIB, semester 2 and Q3 in WITA and WIT.
    let at = ts("2025-06-30T16:30:00Z");
    assert_eq!(
        periods_of(&Calendar::wib(), at),
        all_periods(date(2025, 6, 30), 2, 1)
    );
    for cal in [Calendar::wita(), Calendar::wit()] {
        assert_eq!(periods_of(&cal, at), all_periods(date(2025, 7, 1), 3, 2));
    }
    // 30 September 15:30 UTC: Q3 in WIB and WITA, Q4 in WIT.
    let at = ts("2025-09-30T15:30:00Z");
    for cal in [Calendar::wib(), Calendar::wita()] {
        assert_eq!(periods_of(&cal, at), all_periods(date(2025, 9, 30), 3, 2));
    }
    assert_eq!(
        periods_of(&Calendar::wit(), at),
        all_periods(date(2025, 10, 1), 4, 2)
    );
    // 28 February 2025 (not a leap year) becomes 1 March in the east.
    let at = ts("2025-02-28T15:30:00Z");
    assert_eq!(
        periods_of(&Calendar::wita(), at),
        all_periods(date(2025, 2, 28), 1, 1)
    );
    assert_eq!(
        periods_of(&Calendar::wit(), at),
        all_periods(date(2025, 3, 1), 1, 1)
    );
    // In a leap year it becomes the 29th.
    let at = ts("2024-02-28T15:30:00Z");
    assert_eq!(
        periods_of(&Calendar::wit(), at),
        all_periods(date(2024, 2, 29), 1, 1)
    );
}

#[test]
fn every_month_maps_to_its_quarter_and_semester() {
    for month in 1..=12u8 {
        for (cal, offset) in zones() {
            let at = local((2025, month, 15), "12:00:00", offset);
            let quarter = (month - 1) / 3 + 1;
            let semester = if month <= 6 { 1 } else { 2 };
            assert_eq!(
                periods_of(&cal, at),
                all_periods(date(2025, month, 15), quarter, semester)
            );
        }
    }
}

#[test]
fn period_display() {
    assert_eq!(Period::Day(date(2025, 3, 4)).to_string(), "2025-03-04");
    assert_eq!(
        Period::Month {
            year: 2025,
            month: 3
        }
        .to_string(),
        "2025-03"
    );
    assert_eq!(
        Period::Month {
            year: 2025,
            month: 12
        }
        .to_string(),
        "2025-12"
    );
    assert_eq!(
        Period::Triwulan {
            year: 2025,
            quarter: 1
        }
        .to_string(),
        "2025-Q1"
    );
    assert_eq!(
        Period::Semester {
            year: 2025,
            semester: 2
        }
        .to_string(),
        "2025-S2"
    );
    assert_eq!(Period::Year(2025).to_string(), "2025");
    assert_eq!(Period::Year(5).to_string(), "0005");
    assert_eq!(Period::Month { year: 5, month: 1 }.to_string(), "0005-01");
}

#[test]
fn periods_of_one_granularity_sort_chronologically() {
    let mut months = [
        Period::Month {
            year: 2025,
            month: 1,
        },
        Period::Month {
            year: 2024,
            month: 12,
        },
        Period::Month {
            year: 2025,
            month: 10,
        },
        Period::Month {
            year: 2025,
            month: 2,
        },
    ];
    months.sort();
    let shown: Vec<String> = months.iter().map(Period::to_string).collect();
    assert_eq!(shown, ["2024-12", "2025-01", "2025-02", "2025-10"]);

    let mut quarters = [
        Period::Triwulan {
            year: 2025,
            quarter: 1,
        },
        Period::Triwulan {
            year: 2024,
            quarter: 4,
        },
        Period::Triwulan {
            year: 2024,
            quarter: 2,
        },
    ];
    quarters.sort();
    let shown: Vec<String> = quarters.iter().map(Period::to_string).collect();
    assert_eq!(shown, ["2024-Q2", "2024-Q4", "2025-Q1"]);

    assert!(
        Period::Semester {
            year: 2024,
            semester: 2
        } < Period::Semester {
            year: 2025,
            semester: 1
        }
    );
    assert!(Period::Year(2024) < Period::Year(2025));
    assert!(Period::Day(date(2024, 12, 31)) < Period::Day(date(2025, 1, 1)));

    // Periods computed from sorted instants come out sorted.
    let cal = Calendar::wit();
    let instants = [
        "2024-11-30T20:00:00Z",
        "2024-12-31T15:30:00Z",
        "2025-03-31T15:00:00Z",
    ];
    let periods: Vec<Period> = instants
        .iter()
        .map(|t| cal.period(ts(t), Granularity::Triwulan).unwrap())
        .collect();
    assert!(periods.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(
        periods.iter().map(Period::to_string).collect::<Vec<_>>(),
        ["2024-Q4", "2025-Q1", "2025-Q2"]
    );
}
