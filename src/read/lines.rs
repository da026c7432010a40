//! Line numbers the `csv` crate gets wrong: it gives a record the line where its reading
//! started, before the blank lines it skips and before the `\n` of a CRLF left over from the
//! record before (rust-csv issues #208 and #395). The source is wrapped to note where its line
//! breaks are (`\n`, `\r\n`, or a `\r` alone as old Mac files have them); a record's line is
//! then counted back from where it ends. A quote left open at the end of the file takes the
//! last line break into its field: that break is the field's, not the record's end.

use std::collections::VecDeque;
use std::io;

/// A source that notes the byte offset of each `\n` it hands out.
#[derive(Debug)]
pub(crate) struct Lines<R> {
    inner: R,
    /// Bytes handed out so far.
    offset: u64,
    /// Line breaks handed out and not yet counted (at the `\n` of a `\r\n`).
    pending: VecDeque<Break>,
    /// A `\r` at the end of what was handed out: a line break unless a `\n` follows.
    cr: Option<Break>,
    /// Whether the bytes handed out end inside a quoted field, as the `csv` parser reads
    /// quotes: a break there is the field's.
    quotes: Quotes,
    /// The last byte handed out (`None` at the start of the file).
    last_byte: Option<u8>,
    /// Newlines counted (those before the end of the last record).
    counted: u64,
    /// The last newline counted.
    last: Option<Break>,
}

/// Where the bytes handed out leave the quoting, read as the `csv` parser (RFC 4180) reads
/// it: a quote opens a quoted field only as the field's first byte (elsewhere it is a plain
/// byte), and inside one a doubled quote is a quote while a single one closes it. Counting
/// quotes instead took a stray quote in an unquoted field for an opening one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quotes {
    /// Outside quotes.
    Outside,
    /// Inside a quoted field.
    Inside,
    /// Just after a quote inside a quoted field, at this offset: the next byte says whether it
    /// closed the field or was the first of a doubled quote.
    AfterQuote(u64),
}

/// A line break: its offset, and whether it is inside quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Break {
    at: u64,
    quoted: bool,
}

impl<R> Lines<R> {
    pub(crate) fn new(inner: R) -> Self {
        Self {
            inner,
            offset: 0,
            pending: VecDeque::new(),
            cr: None,
            quotes: Quotes::Outside,
            last_byte: None,
            counted: 0,
            last: None,
        }
    }

    /// Counts the newlines before byte `end`.
    fn count_to(&mut self, end: u64) {
        while let Some(&next) = self.pending.front() {
            if next.at >= end {
                break;
            }
            self.pending.pop_front();
            self.counted = self.counted.saturating_add(1);
            self.last = Some(next);
        }
    }

    /// The line (from 1) where a record begins, that the parser finished reading at byte `end`
    /// and that holds `inside` line breaks in its quoted fields. The record's own line break is
    /// before `end` when it is a `\n` or a lone `\r`; not when it is the `\r` of a `\r\n` (the
    /// `\n` is left for the next record), the end of the file, or a break inside a quote left
    /// open to the end of the file.
    ///
    /// `field_ends_in_break` says whether the record's last field ends with a line break: only
    /// then can its last break be the field's (a quote left open), which the quotes counted
    /// tell. (Counting quotes for every record would let one stray `"` in an unquoted field
    /// shift every line after it.)
    pub(crate) fn record_line(&mut self, end: u64, inside: u64, field_ends_in_break: bool) -> u64 {
        self.count_to(end);
        let terminated = end.checked_sub(1).is_some_and(|last_byte| {
            self.last
                .is_some_and(|last| last.at == last_byte && !(field_ends_in_break && last.quoted))
        });
        self.counted
            .saturating_add(1)
            .saturating_sub(inside)
            .saturating_sub(u64::from(terminated))
    }

    /// The line (from 1) the parser has reached at byte `end`.
    pub(crate) fn line_at(&mut self, end: u64) -> u64 {
        self.count_to(end);
        self.counted.saturating_add(1)
    }
}

/// The line breaks in `bytes`: each `\n`, and each `\r` not followed by one.
pub(crate) fn line_breaks(bytes: &[u8]) -> u64 {
    let mut count = 0u64;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        let crlf = bytes.get(i) == Some(&b'\r')
            && i.checked_add(1).and_then(|next| bytes.get(next)) == Some(&b'\n');
        if !crlf {
            count = count.saturating_add(1);
        }
    }
    count
}

impl<R: io::Read> io::Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let chunk = buf.get(..n).unwrap_or_default();
        let start = self.offset;
        if let Some(cr) = self.cr.take()
            && chunk.first() != Some(&b'\n')
        {
            self.pending.push_back(cr);
        }
        for i in memchr::memchr3_iter(b'\n', b'\r', b'"', chunk) {
            // `i < n ≤ usize::MAX`, and offsets are counted in u64.
            let at = start.saturating_add(u64::try_from(i).unwrap_or(u64::MAX));
            // A quote inside a quoted field followed by anything but a quote closed it.
            if let Quotes::AfterQuote(quote) = self.quotes
                && !(chunk.get(i) == Some(&b'"') && quote.checked_add(1) == Some(at))
            {
                self.quotes = Quotes::Outside;
            }
            let here = Break {
                at,
                quoted: self.quotes == Quotes::Inside,
            };
            match chunk.get(i) {
                Some(b'"') => {
                    let before = match i.checked_sub(1) {
                        Some(j) => chunk.get(j).copied(),
                        None => self.last_byte,
                    };
                    self.quotes = match self.quotes {
                        Quotes::Outside if field_start(before, at) => Quotes::Inside,
                        Quotes::Outside => Quotes::Outside,
                        Quotes::Inside => Quotes::AfterQuote(at),
                        // A doubled quote: still inside.
                        Quotes::AfterQuote(_) => Quotes::Inside,
                    };
                }
                Some(b'\n') => self.pending.push_back(here),
                _ => match i.checked_add(1).and_then(|next| chunk.get(next)) {
                    Some(b'\n') => {}
                    Some(_) => self.pending.push_back(here),
                    None => self.cr = Some(here),
                },
            }
        }
        if let Some(&last) = chunk.last() {
            self.last_byte = Some(last);
        }
        self.offset = start.saturating_add(u64::try_from(n).unwrap_or(u64::MAX));
        Ok(n)
    }
}

/// Whether a quote at offset `at`, after the byte `before`, is a field's first byte: at the
/// start of the file (or just after its byte-order mark), after a comma or a line break.
fn field_start(before: Option<u8>, at: u64) -> bool {
    match before {
        None => true,
        Some(b',' | b'\n' | b'\r') => true,
        // The `csv` reader drops a UTF-8 byte-order mark before the first field.
        Some(0xbf) => at == 3,
        Some(_) => false,
    }
}
