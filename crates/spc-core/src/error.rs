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
    #[error("{at}negative denominator {value}: denominators must be >= 0")]
    NegativeDenominator {
        /// Where it is (the column is the denominator's).
        at: Location,
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
    #[error("{at}'{value}' is not a number")]
    NotANumber {
        /// Where it is.
        at: Location,
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
    #[error("{at}{reason}")]
    InvalidValue {
        /// Where it is.
        at: Location,
        /// What is wrong, e.g. `value is inf; values must be finite`.
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

/// Where in the input a data error is: the file, the row and the column, each when known.
///
/// Every error about a value says where the value is in one format, written before the message:
/// `FILE: row R, column 'C': ` (parts that are not known are left out). The row is the one a
/// spreadsheet program shows when it opens the file: for a CSV file the line where the record
/// starts (the header is row 1 when it is the first line; title and blank lines count), for a
/// worksheet its row number. Values given without a file (Python lists and DataFrames) are
/// numbered 1, 2, ... in the order given. The column is the file's (or the DataFrame's) name;
/// before the front end names it, the role (`x`, `y`, `n`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// The file (`book.xlsx [Ark1]` for a worksheet), when the values came from one.
    pub file: Option<String>,
    /// The row (see above).
    pub row: Option<usize>,
    /// The column.
    pub column: Option<String>,
}

impl Location {
    /// Row `row` of column `column`, in no file yet.
    pub fn cell(row: usize, column: impl Into<String>) -> Location {
        Location { file: None, row: Some(row), column: Some(column.into()) }
    }

    /// Row `row` of `file` (no column).
    pub fn row_of(file: &str, row: usize) -> Location {
        Location { file: Some(file.into()), row: Some(row), column: None }
    }

    /// `self` in `file`.
    #[must_use]
    pub fn in_file(mut self, file: &str) -> Location {
        self.file = Some(file.into());
        self
    }
}

impl std::fmt::Display for Location {
    /// `FILE: row R, column 'C': ` with the parts that are known, or nothing.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}: ")?;
        }
        match (self.row, &self.column) {
            (Some(r), Some(c)) => write!(f, "row {r}, column '{c}': "),
            (Some(r), None) => write!(f, "row {r}: "),
            (None, Some(c)) => write!(f, "column '{c}': "),
            (None, None) => Ok(()),
        }
    }
}

impl Error {
    /// Where the value at fault is, for errors about a value.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::NotANumber { at, .. } | Error::NegativeDenominator { at, .. } | Error::InvalidValue { at, .. } => {
                Some(at)
            }
            _ => None,
        }
    }

    /// Places an error about a value where the front end knows it is: in `file` (when given and
    /// not yet set), and a column named by its role (`x`, `y`, `n`, ...) gets its name,
    /// `column(role)` (when that is `Some`). Other errors are returned as they are. The front
    /// ends call this where they know the file and the names (the core's computations only
    /// know rows and roles).
    #[must_use]
    pub fn located(mut self, file: Option<&str>, column: impl Fn(&str) -> Option<String>) -> Error {
        if let Error::NotANumber { at, .. } | Error::NegativeDenominator { at, .. } | Error::InvalidValue { at, .. } =
            &mut self
        {
            if at.file.is_none() {
                at.file = file.map(str::to_string);
                if let Some(name) = at.column.as_deref().and_then(&column) {
                    at.column = Some(name);
                }
            }
        }
        self
    }

    /// The row of an error about a value counted as the positions 1, 2, ... of `rows`,
    /// renumbered as `rows` numbers them (the rows of the file; see [`Location`]).
    #[must_use]
    pub fn renumbered(mut self, rows: &[usize]) -> Error {
        if let Error::NotANumber { at, .. } | Error::NegativeDenominator { at, .. } | Error::InvalidValue { at, .. } =
            &mut self
        {
            if let Some(r) = at.row.and_then(|r| rows.get(r.wrapping_sub(1))) {
                at.row = Some(*r);
            }
        }
        self
    }
}

/// `"facet F: "` for messages, or empty when not faceted.
pub(crate) fn facet_prefix(facet: Option<&str>) -> String {
    facet.map(|f| format!("facet '{f}': ")).unwrap_or_default()
}

/// `" in facet F"` for messages, or empty when not faceted.
pub(crate) fn facet_suffix(facet: Option<&str>) -> String {
    facet.map(|f| format!(" in facet '{f}'")).unwrap_or_default()
}
