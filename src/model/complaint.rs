//! A complaint (pengaduan) and how it was handled.

use super::survey::non_empty;
use super::time::Timestamp;
use crate::error::{Error, Result};

/// One complaint: when it was filed, first answered and resolved, where, and its category.
///
/// Times must be in order: a first response or a resolution before the filing, or a
/// resolution before the first response, is an error. A complaint resolved without a recorded
/// first response counts its resolution as the first response.
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
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    category: Option<String>,
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
            category: None,
        })
    }

    /// In this category (which may set its own resolution target, e.g. `ringan`, `sedang`,
    /// `berat`).
    ///
    /// # Errors
    /// [`Error::Empty`] for a blank name.
    pub fn in_category(mut self, category: impl Into<String>) -> Result<Self> {
        self.category = Some(non_empty("category", category.into())?);
        Ok(self)
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
    /// [`Error::FinishedBeforeStarted`] when before the filing;
    /// [`Error::ResolvedBeforeResponse`] when after the resolution.
    pub fn first_response_at(mut self, at: Timestamp) -> Result<Self> {
        let at = self.after_filing(at)?;
        if let Some(resolved) = self.resolved_at
            && resolved < at
        {
            return Err(Error::ResolvedBeforeResponse {
                responded: at,
                resolved,
            });
        }
        self.first_response_at = Some(at);
        Ok(self)
    }

    /// Resolved at `at`.
    ///
    /// # Errors
    /// [`Error::FinishedBeforeStarted`] when before the filing;
    /// [`Error::ResolvedBeforeResponse`] when before the first response.
    pub fn resolved_at(mut self, at: Timestamp) -> Result<Self> {
        let at = self.after_filing(at)?;
        if let Some(responded) = self.first_response_at
            && at < responded
        {
            return Err(Error::ResolvedBeforeResponse {
                responded,
                resolved: at,
            });
        }
        self.resolved_at = Some(at);
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

    /// When it was first answered, if it was: the recorded first response, or else the
    /// resolution (resolving a complaint answers it).
    pub fn first_response(&self) -> Option<Timestamp> {
        self.first_response_at.or(self.resolved_at)
    }

    /// The category, if given.
    pub fn category(&self) -> Option<&str> {
        self.category.as_deref()
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    category: Option<String>,
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
        if let Some(category) = p.category {
            c = c.in_category(category)?;
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
            category: c.category,
        }
    }
}
