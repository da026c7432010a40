//! Pearson's χ² test of independence on a contingency table.

use super::dist;
use super::error::{Error, Result};
use super::hypothesis::{Alternative, TestMethod, TestResult};

/// The χ² test of independence of an `r × c` table of counts (rows given as slices), with
/// Yates' continuity correction when the table has one degree of freedom (2×2), as scipy's
/// `chi2_contingency(correction=True)`: each observed count moves toward its expected count by
/// at most ½.
///
/// ```
/// use layanan::stats::chi_square_independence;
///
/// // Overcharged or not, by office.
/// let table = [[12, 68], [3, 87]];
/// let test = chi_square_independence(&table)?;
/// assert_eq!(test.df, Some(1.0));
/// assert!(test.p_value < 0.05);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for fewer than 2 rows or columns, or a row or column summing to
/// zero; [`Error::LengthMismatch`] for rows of different lengths; [`Error::Overflow`].
pub fn chi_square_independence<R: AsRef<[u64]>>(table: &[R]) -> Result<TestResult> {
    let checked = Table::new(table, "chi-square test")?;
    let df = (checked.rows() as f64 - 1.0) * (checked.cols() as f64 - 1.0);
    let statistic = checked.pearson(df == 1.0);
    Ok(TestResult {
        method: TestMethod::ChiSquareIndependence,
        statistic,
        df: Some(df),
        p_value: dist::chi2_sf(statistic, df)?,
        alternative: Alternative::TwoSided,
    })
}

/// A contingency table that passed the checks every statistic on it needs: at least 2 rows and
/// columns, rows of one length, margins that fit in `u64` and none of them 0.
pub(super) struct Table<'a, R> {
    table: &'a [R],
    row_sums: Vec<u64>,
    col_sums: Vec<u64>,
    total: f64,
}

impl<'a, R: AsRef<[u64]>> Table<'a, R> {
    /// Checks `table` and sums its margins; `method` names the statistic in the errors.
    ///
    /// # Errors
    /// [`Error::InsufficientData`] for fewer than 2 rows or columns, or a row or column summing
    /// to zero; [`Error::LengthMismatch`] for rows of different lengths; [`Error::Overflow`].
    pub(super) fn new(table: &'a [R], method: &str) -> Result<Self> {
        let rows = table.len();
        let cols = table.first().map_or(0, |r| r.as_ref().len());
        if rows < 2 || cols < 2 {
            return Err(Error::InsufficientData {
                what: format!("{method} (rows and columns)"),
                needed: 2,
                got: rows.min(cols) as u64,
            });
        }
        if let Some(bad) = table.iter().find(|r| r.as_ref().len() != cols) {
            return Err(Error::LengthMismatch {
                what: "contingency table row".into(),
                expected: cols,
                got: bad.as_ref().len(),
            });
        }
        let overflow = || Error::Overflow {
            field: "contingency table total".into(),
        };
        let mut row_sums = vec![0u64; rows];
        let mut col_sums = vec![0u64; cols];
        for (row, rs) in table.iter().zip(row_sums.iter_mut()) {
            for (&count, cs) in row.as_ref().iter().zip(col_sums.iter_mut()) {
                *rs = rs.checked_add(count).ok_or_else(overflow)?;
                *cs = cs.checked_add(count).ok_or_else(overflow)?;
            }
        }
        if row_sums.iter().chain(&col_sums).any(|&s| s == 0) {
            return Err(Error::InsufficientData {
                what: format!("{method} (a row or column with no counts)"),
                needed: 1,
                got: 0,
            });
        }
        let total = row_sums.iter().map(|&s| s as f64).sum();
        Ok(Self {
            table,
            row_sums,
            col_sums,
            total,
        })
    }

    /// The number of rows (at least 2).
    pub(super) fn rows(&self) -> usize {
        self.row_sums.len()
    }

    /// The number of columns (at least 2).
    pub(super) fn cols(&self) -> usize {
        self.col_sums.len()
    }

    /// The total count (positive).
    pub(super) fn total(&self) -> f64 {
        self.total
    }

    /// Pearson's `χ² = Σ (O − E)²/E` with `E` = row sum × column sum / total; with `yates`, each
    /// `|O − E|` first shrinks by ½ (not below 0), Yates' continuity correction.
    pub(super) fn pearson(&self, yates: bool) -> f64 {
        let mut statistic = 0.0;
        for (row, &rs) in self.table.iter().zip(&self.row_sums) {
            for (&count, &cs) in row.as_ref().iter().zip(&self.col_sums) {
                let expected = rs as f64 * cs as f64 / self.total;
                let mut diff = count as f64 - expected;
                if yates {
                    diff = diff.signum() * (diff.abs() - 0.5).max(0.0);
                }
                statistic += diff * diff / expected;
            }
        }
        statistic
    }
}
