//! Reading the interchange CSV files: SKM questionnaires, visits, service standards,
//! complaints and holidays (feature `csv`).
//!
//! Each reader streams from any [`io::Read`](std::io::Read) — a file, a socket, a `&[u8]` — and
//! is an iterator of `Result` records, read one row at a time into one reused buffer: a file of
//! any size is read in the memory of one row.
//!
//! | reader | yields | columns (optional in brackets) |
//! |---|---|---|
//! | [`SkmReader`] | [`SkmResponse`](crate::SkmResponse) | `service,unit,submitted_at,u1,…,u9` (`u1,…,u14` for the 2004 instrument) `[,gender,age,education,occupation,saran]` |
//! | [`InteractionReader`] | [`Interaction`](crate::Interaction) | `service,unit,arrived_at,started_at,finished_at,official_fee,paid` `[,id,channel,u1,…,u9,empathy,recommend]` |
//! | [`VisitBatches`] | batches of [`VisitColumns`](crate::columns::VisitColumns), for the [columnar path](crate::columns) | as `InteractionReader` |
//! | [`StandardReader`] | [`ServiceStandard`](crate::ServiceStandard) (collect into [`Standards`](crate::Standards)) | `service,max_wait_minutes,completion,tariff` |
//! | [`ComplaintReader`] | [`Complaint`](crate::Complaint) | `unit,service,filed_at,first_response_at,resolved_at` `[,category]` |
//! | [`HolidayReader`] | [`Date`](crate::Date) (for [`Calendar::with_holidays`](crate::Calendar::with_holidays)) | `date` `[,kind]` |
//!
//! What every reader accepts:
//!
//! * **Header.** The first line names the columns, in any order and any ASCII case, each at most
//!   once; a column the format does not have is an error, as is a required one missing (both
//!   list what the format expects). A UTF-8 byte-order mark before it is ignored.
//! * **Fields** are trimmed; a blank field is *not given* (not answered, not finished, not
//!   recorded …), which only some fields may be. Fields may be quoted (`"Rp 1.500.000"`,
//!   `"saran, dengan koma"`). Lines may end in LF or CRLF; blank lines are skipped.
//! * **Times** are whole Unix seconds (`1741050900`), RFC 3339 (`2025-03-04T08:15:00+07:00`), or,
//!   with a [calendar](ReadOptions::with_calendar), local `YYYY-MM-DD HH:MM[:SS]` read at its UTC
//!   offset (WIB, WITA, WIT): see [`Calendar::parse_time`](crate::Calendar::parse_time). Without
//!   a calendar a local time is an error saying so.
//! * **Money** is whole rupiah: `15000`, `15.000` or `Rp 15.000`
//!   ([`Money::parse_field`](crate::Money::parse_field)).
//! * **An empty file, or one with only a header, yields nothing**: the iterator is simply
//!   empty. `reader.next().is_none()` right after `new` means the file has no rows; a bad
//!   header is an error from `new`, never an empty iterator.
//!
//! The parsing of each field is the model's own
//! ([`Calendar::parse_time`](crate::Calendar::parse_time),
//! [`Timestamp::parse_instant`](crate::Timestamp::parse_instant),
//! [`Money::parse_field`](crate::Money::parse_field), the [`FromStr`](std::str::FromStr) of
//! [`Tariff`](crate::Tariff), [`Completion`](crate::Completion), [`Date`](crate::Date),
//! [`Gender`](crate::Gender), [`Education`](crate::Education) and
//! [`Occupation`](crate::Occupation), [`SkmAnswers::from_values`](crate::SkmAnswers::from_values)),
//! so rows that arrive already split (from a database, a spreadsheet library, JSON) are read the
//! same way without this feature.
//!
//! # Errors
//!
//! Every error of a file is an [`Error::InFile`](crate::Error::InFile) naming the file, the line,
//! and the column and its name when the error is in one field; its source is the field's own
//! error, with the value:
//!
//! ```
//! use layanan::read::{ReadOptions, SkmReader};
//! use layanan::Error;
//!
//! let file = "service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9\n\
//!             ktp-el,kel-sukamaju,,4,4,4,4,5,4,4,4,4\n";
//! let options = ReadOptions::new().with_file_name("skm.csv");
//! let err = SkmReader::new(file.as_bytes(), &options)?.next().unwrap().unwrap_err();
//! assert_eq!(
//!     err,
//!     Error::InFile {
//!         file: "skm.csv".into(),
//!         line: 2,
//!         column: Some(8),
//!         field: Some("u5".into()),
//!         source: Box::new(Error::RatingOutOfScale { element: "produk".into(), value: 5, max: 4 }),
//!     }
//! );
//! assert_eq!(
//!     err.to_string(),
//!     "skm.csv, line 2, column 8 (u5): answer 5 to element `produk` is out of scale 1..=4"
//! );
//! # Ok::<(), layanan::Error>(())
//! ```
//!
//! A problem with the header is returned by the reader's `new`; a problem with a row is that
//! row's item, and reading goes on with the next row (collect into a `Result` to stop at the
//! first, or keep the good rows and report the bad ones). A failure to read the file itself
//! ([`Error::Io`](crate::Error::Io)) ends the iteration.
//!
//! # Reading a file
//!
//! ```
//! use layanan::read::{ReadOptions, StandardReader};
//! use layanan::Standards;
//!
//! # let dir = std::env::temp_dir().join(format!("layanan-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir)?;
//! let path = dir.join("standards.csv");
//! std::fs::write(&path, "service,max_wait_minutes,completion,tariff\nktp-el,30,60m,0\n")?;
//!
//! let options = ReadOptions::new().with_file_name(path.display().to_string());
//! let file = std::fs::File::open(&path)?; // `csv` buffers: no BufReader needed
//! let standards: Standards = StandardReader::new(file, &options)?.collect::<Result<_, _>>()?;
//! assert_eq!(standards.len(), 1);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod batches;
mod complaints;
mod field;
mod header;
mod holidays;
mod interactions;
mod lines;
mod options;
mod records;
mod skm;
mod standards;

pub use batches::VisitBatches;
pub use complaints::ComplaintReader;
pub use holidays::HolidayReader;
pub use interactions::InteractionReader;
pub use options::ReadOptions;
pub use skm::SkmReader;
pub use standards::StandardReader;
