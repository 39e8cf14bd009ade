//! SSB's status symbols on table cells, as a typed [`Status`].

use std::fmt;

/// Why a cell has no value, or what is special about its value.
///
/// SSB's current standard has three symbols (`.`, `..`, `:`); older tables use more
/// (`...`, `-`, `*`, series breaks). Cells keep their status through every step; a missing
/// value is never silently a NaN or a zero. The variants after [`Status::SeriesBreak`] are this
/// library's own reasons (not SSB symbols) for values it could not compute or read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// `.` Ikke mulig å oppgi tall: the category was not in use (e.g. the municipality did not exist).
    NotApplicable,
    /// `..` Tallgrunnlag mangler: not received, or too uncertain to publish.
    NotAvailable,
    /// `...` Oppgave mangler / not yet available.
    NotYetAvailable,
    /// `:` Vises ikke av konfidensialitetshensyn: suppressed for confidentiality.
    Confidential,
    /// `-` Null: an exact zero (the cell's value is 0).
    Nil,
    /// `*` Foreløpige tall: a provisional value (the value is kept).
    Provisional,
    /// `—` or `|`: a break in the series (the value, if any, is kept).
    SeriesBreak,
    /// An empty cell whose SSB symbol was lost before the file reached us.
    Unknown,
    /// A ratio whose denominator is zero.
    ZeroDenominator,
    /// A ratio whose numerator is missing.
    NumeratorMissing,
    /// A ratio whose denominator is missing.
    DenominatorMissing,
    /// A ratio without numerator and denominator that cannot be rebuilt on new borders.
    NotHarmonisable,
}

impl Status {
    /// All statuses, in order.
    pub const ALL: [Status; 12] = [
        Status::NotApplicable,
        Status::NotAvailable,
        Status::NotYetAvailable,
        Status::Confidential,
        Status::Nil,
        Status::Provisional,
        Status::SeriesBreak,
        Status::Unknown,
        Status::ZeroDenominator,
        Status::NumeratorMissing,
        Status::DenominatorMissing,
        Status::NotHarmonisable,
    ];

    /// The text written in the `status` column: the SSB symbol, or a word for this library's
    /// own reasons (`missing`, `zero_denominator`, ...).
    pub fn symbol(self) -> &'static str {
        match self {
            Status::NotApplicable => ".",
            Status::NotAvailable => "..",
            Status::NotYetAvailable => "...",
            Status::Confidential => ":",
            Status::Nil => "-",
            Status::Provisional => "*",
            Status::SeriesBreak => "|",
            Status::Unknown => "missing",
            Status::ZeroDenominator => "zero_denominator",
            Status::NumeratorMissing => "numerator_missing",
            Status::DenominatorMissing => "denominator_missing",
            Status::NotHarmonisable => "not_harmonisable",
        }
    }

    /// A short explanation in English.
    pub fn describe(self) -> &'static str {
        match self {
            Status::NotApplicable => "not applicable (category not in use)",
            Status::NotAvailable => "data not available",
            Status::NotYetAvailable => "not yet available",
            Status::Confidential => "suppressed for confidentiality",
            Status::Nil => "nil (exact zero)",
            Status::Provisional => "provisional",
            Status::SeriesBreak => "break in the series",
            Status::Unknown => "missing, reason unknown",
            Status::ZeroDenominator => "denominator is zero",
            Status::NumeratorMissing => "numerator missing",
            Status::DenominatorMissing => "denominator missing",
            Status::NotHarmonisable => "ratio without numerator and denominator: cannot be harmonised",
        }
    }

    /// Whether a cell with this status has no value.
    pub fn is_missing(self) -> bool {
        !matches!(self, Status::Nil | Status::Provisional | Status::SeriesBreak)
    }

    /// Parses a status symbol as SSB writes it in a cell (`.`, `..`, `...`, `....` to
    /// `......` (PX files), `:`, `-`, `*`, `—`, `|`) or one of this library's words
    /// (`missing`, `zero_denominator`, ...). `None` when the text is not a status.
    pub fn parse(s: &str) -> Option<Status> {
        let s = s.trim().trim_matches('"');
        Some(match s {
            "." => Status::NotApplicable,
            ".." => Status::NotAvailable,
            "..." | "...." | "....." | "......" => Status::NotYetAvailable,
            ":" => Status::Confidential,
            "-" => Status::Nil,
            "*" => Status::Provisional,
            "|" | "—" => Status::SeriesBreak,
            _ => return Status::ALL.into_iter().find(|st| st.symbol() == s && s.len() > 1),
        })
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_round_trip() {
        for st in Status::ALL {
            assert_eq!(Status::parse(st.symbol()), Some(st), "{st:?}");
        }
        assert_eq!(Status::parse("...."), Some(Status::NotYetAvailable));
        assert_eq!(Status::parse("\"..\""), Some(Status::NotAvailable));
        assert_eq!(Status::parse("12"), None);
        assert_eq!(Status::parse(""), None);
        assert!(Status::Confidential.is_missing());
        assert!(!Status::Nil.is_missing());
    }
}
