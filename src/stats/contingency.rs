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
    let rows = table.len();
    let cols = table.first().map_or(0, |r| r.as_ref().len());
    if rows < 2 || cols < 2 {
        return Err(Error::InsufficientData {
            what: "chi-square test (rows and columns)".into(),
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
    for (r, row) in table.iter().enumerate() {
        for (c, &count) in row.as_ref().iter().enumerate() {
            if let Some(s) = row_sums.get_mut(r) {
                *s = s.checked_add(count).ok_or_else(overflow)?;
            }
            if let Some(s) = col_sums.get_mut(c) {
                *s = s.checked_add(count).ok_or_else(overflow)?;
            }
        }
    }
    if row_sums.iter().chain(&col_sums).any(|&s| s == 0) {
        return Err(Error::InsufficientData {
            what: "chi-square test (a row or column with no counts)".into(),
            needed: 1,
            got: 0,
        });
    }
    let total: f64 = row_sums.iter().map(|&s| s as f64).sum();
    let df = (rows as f64 - 1.0) * (cols as f64 - 1.0);
    let yates = df == 1.0;
    let mut statistic = 0.0;
    for (row, &rs) in table.iter().zip(&row_sums) {
        for (&count, &cs) in row.as_ref().iter().zip(&col_sums) {
            let expected = rs as f64 * cs as f64 / total;
            let mut diff = count as f64 - expected;
            if yates {
                diff = diff.signum() * (diff.abs() - 0.5).max(0.0);
            }
            statistic += diff * diff / expected;
        }
    }
    Ok(TestResult {
        method: TestMethod::ChiSquareIndependence,
        statistic,
        df: Some(df),
        p_value: dist::chi2_sf(statistic, df)?,
        alternative: Alternative::TwoSided,
    })
}
