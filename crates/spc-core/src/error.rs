//! The one error type of the crate.

/// Everything that can go wrong in `spc-core`.
///
/// Every variant names the argument, column or row at fault and what was expected, so the
/// message can be shown to a user as it is.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// A chart kind that is not known.
    #[error("unknown chart kind '{given}': expected one of {expected}")]
    UnknownChartKind {
        /// What was given.
        given: String,
        /// The accepted names.
        expected: &'static str,
    },
    /// A named option value that is not known (runs method, aggregation, ...).
    #[error("unknown value '{given}' for {argument}: expected one of {expected}")]
    UnknownOption {
        /// The argument, e.g. `method`.
        argument: &'static str,
        /// What was given.
        given: String,
        /// The accepted values.
        expected: &'static str,
    },
    /// A column that is not in the input.
    #[error("{file}column '{name}' not found; the columns are: {available}")]
    MissingColumn {
        /// The column asked for.
        name: String,
        /// The columns that are there, comma separated.
        available: String,
        /// `"FILE: "` or empty.
        file: String,
    },
    /// A chart kind that needs a denominator got none.
    #[error("a {chart} chart needs a denominator: give n (--n COLUMN)")]
    MissingDenominator {
        /// The chart kind.
        chart: String,
    },
    /// A negative denominator.
    #[error("negative denominator n = {value} in row {row}: denominators must be >= 0")]
    NegativeDenominator {
        /// 1-based data row.
        row: usize,
        /// The value.
        value: f64,
    },
    /// Input columns of different lengths.
    #[error("{what} has {got} values but y has {expected}")]
    LengthMismatch {
        /// Which input.
        what: &'static str,
        /// Its length.
        got: usize,
        /// The length of y.
        expected: usize,
    },
    /// `freeze` beyond the number of points.
    #[error("freeze = {freeze} is beyond the data: {facet}there are only {points} points after aggregation")]
    FreezeBeyondData {
        /// The freeze position.
        freeze: usize,
        /// The number of aggregated points.
        points: usize,
        /// `"facet F: "` or empty.
        facet: String,
    },
    /// A part position that does not split the data.
    #[error("part position {position} is out of range: {facet}it must be between 1 and {max} (the number of points minus one)")]
    PartOutOfRange {
        /// The position given.
        position: usize,
        /// The largest position allowed.
        max: usize,
        /// `"facet F: "` or empty.
        facet: String,
    },
    /// An exclude position outside the data.
    #[error("exclude position {position} is out of range: {facet}it must be between 1 and {max}")]
    ExcludeOutOfRange {
        /// The position given.
        position: usize,
        /// The number of points.
        max: usize,
        /// `"facet F: "` or empty.
        facet: String,
    },
    /// A per-part freeze list that does not match the parts.
    #[error("freeze_part has {got} values but there are {parts} parts{facet}")]
    FreezePartCount {
        /// Values given.
        got: usize,
        /// Parts in the data.
        parts: usize,
        /// `" in facet F"` or empty.
        facet: String,
    },
    /// Too few points to compute the limits at all.
    #[error("too few points for {what}: {needed} needed, {got} given{facet}")]
    TooFewPoints {
        /// What could not be computed.
        what: String,
        /// How many are needed.
        needed: usize,
        /// How many there are.
        got: usize,
        /// `" in facet F"` or empty.
        facet: String,
    },
    /// A value that cannot be read as a number.
    #[error("{file}row {row} (line {line}), column '{column}': '{value}' is not a number")]
    NotANumber {
        /// `"FILE: "` or empty.
        file: String,
        /// 1-based data row.
        row: usize,
        /// 1-based line in the file.
        line: usize,
        /// Column name.
        column: String,
        /// The text found.
        value: String,
    },
    /// An argument value that is out of its domain.
    #[error("invalid {argument}: {reason}")]
    InvalidArgument {
        /// The argument.
        argument: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// Values out of the chart's domain (e.g. times between events <= 0 on a T chart).
    #[error("{reason} (row {row})")]
    InvalidValue {
        /// 1-based input row.
        row: usize,
        /// What is wrong.
        reason: String,
    },
    /// A file could not be read or parsed.
    #[error("{file}: {reason}")]
    Io {
        /// The file.
        file: String,
        /// What went wrong.
        reason: String,
    },
    /// A region code that is none of the accepted spellings, or not valid where it is used.
    #[error(
        "unknown region code '{code}': expected a municipality (4 digits, e.g. 0301), county (2 digits), \
             0 or EAK for the country, EKGnn for a KOSTRA group, or a 6-digit KOSTRA code"
    )]
    UnknownRegion {
        /// The code as given.
        code: String,
    },
    /// An error from polars while building a DataFrame.
    #[error("polars: {0}")]
    Polars(String),
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// `"facet F: "` for messages, or empty when not faceted.
pub(crate) fn facet_prefix(facet: Option<&str>) -> String {
    facet.map(|f| format!("facet '{f}': ")).unwrap_or_default()
}

/// `" in facet F"` for messages, or empty when not faceted.
pub(crate) fn facet_suffix(facet: Option<&str>) -> String {
    facet.map(|f| format!(" in facet '{f}'")).unwrap_or_default()
}
