//! Completion targets, tariffs, service standards and the standards of a city.

use super::*;

// =============================================================================================
// Completion, ServiceStandard, Standards
// =============================================================================================

#[test]
fn completion_parse() {
    for (text, expected) in [
        ("90m", Completion::Within(TimeSpan::from_minutes(90))),
        ("90min", Completion::Within(TimeSpan::from_minutes(90))),
        ("2h", Completion::Within(TimeSpan::from_hours(2))),
        ("0m", Completion::Within(TimeSpan::from_millis(0))),
        ("14wd", Completion::WorkingDays(14)),
        ("14hk", Completion::WorkingDays(14)),
        (" 14wd ", Completion::WorkingDays(14)),
        ("4294967295wd", Completion::WorkingDays(u32::MAX)),
    ] {
        assert_eq!(text.parse::<Completion>().unwrap(), expected, "{text}");
    }
    for text in [
        "14x",
        "14",
        "wd",
        "14 wd",
        "14WD",
        "-1wd",
        "4294967296wd",
        "1.5h",
        "90sec",
    ] {
        assert!(
            matches!(text.parse::<Completion>(), Err(Error::Parse { .. })),
            "{text}"
        );
    }
}

#[test]
fn completion_display_round_trips() {
    for (completion, text) in [
        (Completion::Within(TimeSpan::from_minutes(90)), "90m"),
        (Completion::Within(TimeSpan::from_hours(2)), "120m"),
        (Completion::Within(TimeSpan::from_millis(0)), "0m"),
        (Completion::WorkingDays(14), "14wd"),
        (Completion::WorkingDays(0), "0wd"),
    ] {
        assert_eq!(completion.to_string(), text);
        assert_eq!(text.parse::<Completion>().unwrap(), completion);
    }
    for text in ["90m", "2h", "14wd", "14hk", "90min"] {
        let c: Completion = text.parse().unwrap();
        assert_eq!(c.to_string().parse::<Completion>().unwrap(), c, "{text}");
    }
}

/// A span that is not a whole number of minutes displays in seconds (`90s`) and parses back.
#[test]
fn completion_display_of_seconds_round_trips() {
    let c = Completion::Within(TimeSpan::from_seconds(90));
    assert_eq!(c.to_string().parse::<Completion>().unwrap(), c);
}

#[test]
fn service_standards() {
    let ktp = ServiceStandard::new("ktp-el", Money::ZERO).unwrap();
    assert_eq!(ktp.service(), "ktp-el");
    assert!(ktp.tariff().is_free());
    assert_eq!(ktp.completion(), None);
    assert_eq!(ktp.max_wait(), None);
    let ktp = ktp
        .with_completion("60m".parse().unwrap())
        .with_max_wait(TimeSpan::from_minutes(30));
    assert_eq!(
        ktp.completion(),
        Some(Completion::Within(TimeSpan::from_minutes(60)))
    );
    assert_eq!(ktp.max_wait(), Some(TimeSpan::from_minutes(30)));

    let paspor = ServiceStandard::new("paspor", Money::new(350_000))
        .unwrap()
        .with_completion(Completion::WorkingDays(4));
    let mut standards: Standards = [paspor.clone(), ktp.clone()].into_iter().collect();
    assert_eq!(standards.len(), 2);
    assert!(!standards.is_empty());
    assert_eq!(standards.get("ktp-el").unwrap(), &ktp);
    assert_eq!(
        standards.get("paspor").unwrap().tariff(),
        Tariff::Fixed(Money::new(350_000))
    );
    // Iteration is by service name.
    let names: Vec<&str> = standards.iter().map(ServiceStandard::service).collect();
    assert_eq!(names, ["ktp-el", "paspor"]);
    // Inserting the same service replaces it.
    let cheaper = ServiceStandard::new("paspor", Money::new(300_000)).unwrap();
    standards.insert(cheaper.clone());
    assert_eq!(standards.len(), 2);
    assert_eq!(standards.get("paspor").unwrap(), &cheaper);
    // Extend and the Vec conversions.
    standards.extend([ServiceStandard::new("akta", Money::ZERO).unwrap()]);
    assert_eq!(standards.len(), 3);
    let list: Vec<ServiceStandard> = standards.clone().into();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0].service(), "akta");
    assert_eq!(Standards::from(list), standards);
    assert!(Standards::new().is_empty());
    assert_eq!(Standards::default(), Standards::new());
}
