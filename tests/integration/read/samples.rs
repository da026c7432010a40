//! The sample city of `examples/data/` read whole: what the report example scores.

use layanan::read::{
    ComplaintReader, HolidayReader, InteractionReader, ReadOptions, SkmReader, StandardReader,
};
use layanan::{Calendar, Standards};

fn open(name: &str) -> (std::fs::File, ReadOptions) {
    let path = format!("{}/examples/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let file = std::fs::File::open(&path).unwrap();
    (
        file,
        ReadOptions::new()
            .with_file_name(path)
            .with_calendar(Calendar::wib()),
    )
}

#[test]
fn the_sample_city_reads_without_error() {
    let (file, options) = open("holidays.csv");
    let holidays = HolidayReader::new(file, &options)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(holidays.len(), 28);

    let (file, options) = open("standards.csv");
    let standards: Standards = StandardReader::new(file, &options)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(standards.len(), 8);

    let (file, options) = open("skm.csv");
    let responses = SkmReader::new(file, &options)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(responses.len(), 700);

    let (file, options) = open("interactions.csv");
    let visits = InteractionReader::new(file, &options)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(visits.len(), 2400);
    // One service of the sample city publishes no standard, as the report example shows.
    let without: Vec<_> = visits
        .iter()
        .filter(|v| standards.get(v.service()).is_err())
        .collect();
    assert_eq!(without.len(), 76);
    assert!(without.iter().all(|v| v.service() == "legalisir"));

    let (file, options) = open("complaints.csv");
    let complaints = ComplaintReader::new(file, &options)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(complaints.len(), 150);
}
