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
    /// Whether an odd number of quotes has been handed out: a break then is inside a quoted
    /// field.
    quoted: bool,
    /// Newlines counted (those before the end of the last record).
    counted: u64,
    /// The last newline counted.
    last: Option<Break>,
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
            quoted: false,
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
            let here = Break {
                at,
                quoted: self.quoted,
            };
            match chunk.get(i) {
                Some(b'"') => self.quoted = !self.quoted,
                Some(b'\n') => self.pending.push_back(here),
                _ => match i.checked_add(1).and_then(|next| chunk.get(next)) {
                    Some(b'\n') => {}
                    Some(_) => self.pending.push_back(here),
                    None => self.cr = Some(here),
                },
            }
        }
        self.offset = start.saturating_add(u64::try_from(n).unwrap_or(u64::MAX));
        Ok(n)
    }
}
