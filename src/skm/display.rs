//! The SKM report as the official results table.

use std::fmt;

use super::report::SkmReport;

impl fmt::Display for SkmReport {
    /// The table of a published SKM result: per element n, answer distribution, NRR, weighted NRR
    /// and the element's score, then the index, IKM with its interval, the grade, Cronbach's α
    /// and the elements to follow up first.
    ///
    /// ```
    /// use layanan::{Instrument, SkmTally, Tally};
    ///
    /// let skm = Instrument::permenpanrb_14_2017();
    /// let mut tally = SkmTally::new(skm.clone());
    /// tally.push_answers(&skm.answers_from_row(&[4, 3, 3, 4, 3, 3, 4, 3, 2])?)?;
    /// let table = tally.report()?.to_string();
    /// assert!(table.contains("U1  Persyaratan"));
    /// assert!(table.contains("IKM (NIK)"));
    /// # Ok::<(), layanan::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name_width = self
            .elements
            .iter()
            .map(|e| e.name.chars().count())
            .max()
            .unwrap_or(5)
            .max(5);
        writeln!(f, "Survei Kepuasan Masyarakat — {}", self.instrument)?;
        writeln!(
            f,
            "Responden: {} ({} lengkap)",
            self.respondents, self.complete_responses
        )?;
        writeln!(f)?;
        writeln!(
            f,
            "{:<4}{:<name_width$}  {:>6} {:>6} {:>6} {:>6} {:>6}  {:>6}  {:>7}  {:>6}  Mutu",
            "", "Unsur", "n", "1", "2", "3", "4", "NRR", "NRR×w", "IKM"
        )?;
        for e in &self.elements {
            writeln!(
                f,
                "{:<4}{:<name_width$}  {:>6} {:>6} {:>6} {:>6} {:>6}  {:>6.3}  {:>7.4}  {:>6.2}  {}",
                e.code,
                e.name,
                e.n,
                e.counts[0],
                e.counts[1],
                e.counts[2],
                e.counts[3],
                e.nrr,
                e.weighted_nrr,
                e.ikm,
                e.mutu
            )?;
        }
        writeln!(f)?;
        writeln!(f, "Nilai indeks        {:.4}", self.index)?;
        match &self.interval {
            Some(ci) => writeln!(
                f,
                "IKM (NIK)           {:.2}   {:.0}% CI {ci}",
                self.ikm_rounded,
                ci.level().get() * 100.0
            )?,
            None => writeln!(f, "IKM (NIK)           {:.2}", self.ikm_rounded)?,
        }
        writeln!(
            f,
            "Mutu pelayanan      {} ({})",
            self.mutu,
            self.mutu.kinerja()
        )?;
        if let Some(p) = &self.printed {
            let weight = p.compatibility.weight().map_or_else(
                || "instrument weights".to_string(),
                |w| format!("weight {w}"),
            );
            writeln!(
                f,
                "Printed IKM         {:.2} ({}, {}; NRR {:?})",
                p.ikm_rounded,
                p.mutu,
                weight,
                p.compatibility.nrr()
            )?;
        }
        if let Some(alpha) = &self.alpha {
            write!(f, "Cronbach's α        {:.3}", alpha.alpha())?;
            if let Some(ci) = alpha.interval() {
                write!(f, "   {:.0}% CI {ci:.3}", ci.level().get() * 100.0)?;
            }
            writeln!(f, "   (n = {})", alpha.respondents())?;
        }
        if let Some(omega) = self.omega {
            writeln!(f, "McDonald's ω        {omega:.3}   (one factor)")?;
        }
        if let Some(s) = &self.sample {
            writeln!(
                f,
                "Sampel              {} of {} required for a population of {} (Krejcie–Morgan): {}",
                s.respondents,
                s.required,
                s.population,
                if s.met { "met" } else { "NOT met" }
            )?;
        }
        let firsts: Vec<String> = self
            .follow_up
            .iter()
            .take(3)
            .filter_map(|key| self.elements.iter().find(|e| &e.key == key))
            .map(|e| format!("{} {} ({:.2})", e.code, e.name, e.nrr))
            .collect();
        writeln!(f, "Prioritas perbaikan {}", firsts.join("; "))
    }
}
