//! A complaint (pengaduan) and how it was handled.

use super::survey::non_empty;
use super::time::Timestamp;
use crate::error::{Error, Result};

/// One complaint: when it was filed, first answered and resolved, and where.
///
/// ```
/// use layanan::{Complaint, Timestamp};
///
/// let at = |s: &str| s.parse::<Timestamp>();
/// let c = Complaint::filed("kel-mekarsari", at("2025-03-03T09:00:00+07:00")?)?
///     .first_response_at(at("2025-03-03T15:00:00+07:00")?)?
///     .resolved_at(at("2025-03-06T10:00:00+07:00")?)?;
/// assert!(c.is_resolved());
/// assert!(Complaint::filed("x", at("2025-03-03T09:00:00+07:00")?)?
///     .resolved_at(at("2025-03-01T09:00:00+07:00")?).is_err());
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ComplaintParts", into = "ComplaintParts")
)]
pub struct Complaint {
    unit: String,
    service: Option<String>,
    filed_at: Timestamp,
    first_response_at: Option<Timestamp>,
    resolved_at: Option<Timestamp>,
}

impl Complaint {
    /// A complaint about `unit`, filed at `filed_at`.
    ///
    /// # Errors
    /// [`Error::Empty`] for a blank unit.
    pub fn filed(unit: impl Into<String>, filed_at: Timestamp) -> Result<Self> {
        Ok(Self {
            unit: non_empty("unit", unit.into())?,
            service: None,
            filed_at,
            first_response_at: None,
            resolved_at: None,
        })
    }

    /// About this service.
    ///
    /// # Errors
    /// [`Error::Empty`] for a blank name.
    pub fn about_service(mut self, service: impl Into<String>) -> Result<Self> {
        self.service = Some(non_empty("service", service.into())?);
        Ok(self)
    }

    /// First answered at `at`.
    ///
    /// # Errors
    /// [`Error::FinishedBeforeStarted`] when before the filing.
    pub fn first_response_at(mut self, at: Timestamp) -> Result<Self> {
        self.first_response_at = Some(self.after_filing(at)?);
        Ok(self)
    }

    /// Resolved at `at`.
    ///
    /// # Errors
    /// [`Error::FinishedBeforeStarted`] when before the filing.
    pub fn resolved_at(mut self, at: Timestamp) -> Result<Self> {
        self.resolved_at = Some(self.after_filing(at)?);
        Ok(self)
    }

    fn after_filing(&self, at: Timestamp) -> Result<Timestamp> {
        if at < self.filed_at {
            return Err(Error::FinishedBeforeStarted {
                started: self.filed_at,
                finished: at,
            });
        }
        Ok(at)
    }

    /// The unit complained about.
    pub fn unit(&self) -> &str {
        &self.unit
    }

    /// The service, if known.
    pub fn service(&self) -> Option<&str> {
        self.service.as_deref()
    }

    /// When it was filed.
    pub fn filed_at(&self) -> Timestamp {
        self.filed_at
    }

    /// When it was first answered, if it was.
    pub fn first_response(&self) -> Option<Timestamp> {
        self.first_response_at
    }

    /// When it was resolved, if it was.
    pub fn resolution(&self) -> Option<Timestamp> {
        self.resolved_at
    }

    /// Whether it was resolved.
    pub fn is_resolved(&self) -> bool {
        self.resolved_at.is_some()
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct ComplaintParts {
    unit: String,
    #[serde(default)]
    service: Option<String>,
    filed_at: Timestamp,
    #[serde(default)]
    first_response_at: Option<Timestamp>,
    #[serde(default)]
    resolved_at: Option<Timestamp>,
}

#[cfg(feature = "serde")]
impl TryFrom<ComplaintParts> for Complaint {
    type Error = Error;
    fn try_from(p: ComplaintParts) -> Result<Self> {
        let mut c = Complaint::filed(p.unit, p.filed_at)?;
        if let Some(service) = p.service {
            c = c.about_service(service)?;
        }
        if let Some(at) = p.first_response_at {
            c = c.first_response_at(at)?;
        }
        if let Some(at) = p.resolved_at {
            c = c.resolved_at(at)?;
        }
        Ok(c)
    }
}

#[cfg(feature = "serde")]
impl From<Complaint> for ComplaintParts {
    fn from(c: Complaint) -> Self {
        ComplaintParts {
            unit: c.unit,
            service: c.service,
            filed_at: c.filed_at,
            first_response_at: c.first_response_at,
            resolved_at: c.resolved_at,
        }
    }
}
