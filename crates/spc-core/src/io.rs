//! Reading chart input from CSV (the results are written through [`crate::schema`]);
//! [`write_atomic`], which every output file of the front ends goes through.
//!
//! Input: a CSV file with a header. The separator (`,`, `;` or tab) is detected from the
//! header line; with `;` a decimal comma is accepted. Empty cells and `NA` are missing. x is
//! read as numbers if every value is a number, else as ISO dates (`YYYY-MM-DD`) if every value
//! is one, else as text (categories).
//!
//! Spreadsheets (`.xlsx`, `.xls`, `.ods`, by extension or content) are read by one worksheet
//! reader, `io/sheet.rs`, which the KOSTRA readers ([`crate::kostra::read`]) use too, as they
//! use [`Table::read_csv`] for CSV: a cell reads as the same text in both.

use std::io::{Read, Write};

use chrono::NaiveDate;

use crate::error::{Error, Location, Result};
use crate::input::{Input, XColumn};
use crate::result::Chart;

pub(crate) mod read;
mod write;
pub use read::{is_spreadsheet, parse_sep, Encoding, ReadOptions};
pub use write::write_atomic;

pub(crate) mod sheet;

/// Which columns of a table make the chart input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    /// The x column.
    pub x: String,
    /// The y column.
    pub y: String,
    /// The denominator column.
    pub n: Option<String>,
    /// The facet column.
    pub facet: Option<String>,
    /// The part column.
    pub part: Option<String>,
}

/// A table of text cells read from a CSV file.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Where it came from (file name), for messages.
    pub source: String,
    /// Column names.
    pub header: Vec<String>,
    /// Cells, row by row.
    pub rows: Vec<Vec<String>>,
    /// Whether numbers use a decimal comma.
    pub decimal_comma: bool,
    /// Things the reader noticed (damaged characters, ...), to show the user.
    pub warnings: Vec<String>,
    /// File line (1-based) of the first data row, for messages.
    pub first_line: usize,
    /// The row of each data row in its file, as a spreadsheet shows it (see [`Location`]):
    /// for CSV the line where the record starts, for a worksheet its row number.
    pub row_numbers: Vec<usize>,
}

/// Values that mean "missing" in a cell.
pub fn is_missing_cell(s: &str) -> bool {
    matches!(s.trim(), "" | "NA" | "NaN" | "nan" | "N/A" | "null" | "NULL")
}

impl Table {
    /// Reads a CSV table from `reader` (separator, decimal comma and encoding detected);
    /// `source` names it in messages.
    pub fn from_reader(reader: impl Read, source: &str) -> Result<Table> {
        Table::read_csv(reader, source, &ReadOptions::default())
    }

    /// Reads a CSV file (or a spreadsheet, by its extension) with detected settings.
    pub fn from_path(path: &std::path::Path) -> Result<Table> {
        Table::read_path(path, &ReadOptions::default())
    }

    /// The index of column `name`.
    pub fn column(&self, name: &str) -> Result<usize> {
        if let [only] = self.header.as_slice() {
            if only != name {
                if let Some(sep) = [';', '\t', ','].into_iter().find(|&c| only.contains(c)) {
                    let sep = if sep == '\t' { "tab".to_string() } else { format!("'{sep}'") };
                    return Err(Error::Io {
                        file: self.source.clone(),
                        reason: format!(
                            "the header has one column '{only}', so the separator is wrong: the file seems to use {sep} (--sep)"
                        ),
                    });
                }
            }
        }
        self.header.iter().position(|h| h == name).ok_or_else(|| Error::MissingColumn {
            name: name.into(),
            available: self.header.join(", "),
            file: format!("{}: ", self.source),
        })
    }

    fn cells(&self, col: usize) -> impl Iterator<Item = &str> {
        self.rows.iter().map(move |r| r[col].as_str())
    }

    /// The row in the file of data row `i` (0-based), as a spreadsheet shows it.
    pub fn row_number(&self, i: usize) -> usize {
        self.row_numbers.get(i).copied().unwrap_or(self.first_line + i)
    }

    /// Where cell (`i`, `column`) is, for messages.
    pub fn at(&self, i: usize, column: &str) -> Location {
        Location::cell(self.row_number(i), column).in_file(&self.source)
    }

    /// An error about a value of this table's rows (from [`Input`]s it made) placed in it:
    /// the file is this table's and a column named by its role (`x`, `y`, `n`, `facet`,
    /// `part`) gets its name in `cols`. See [`Error::located`].
    #[must_use]
    pub fn locate(&self, e: Error, cols: &Columns) -> Error {
        e.located(Some(&self.source), |role| {
            match role {
                "x" => Some(&cols.x),
                "y" => Some(&cols.y),
                "n" => cols.n.as_ref(),
                "facet" => cols.facet.as_ref(),
                "part" => cols.part.as_ref(),
                _ => None,
            }
            .cloned()
        })
    }

    /// Column `name` as numbers (missing cells as `NaN`).
    pub fn numbers(&self, name: &str) -> Result<Vec<f64>> {
        let c = self.column(name)?;
        self.cells(c)
            .enumerate()
            .map(|(i, s)| {
                parse_number(s, self.decimal_comma)
                    .ok_or_else(|| Error::NotANumber { at: self.at(i, name), value: s.into() })
            })
            .collect()
    }

    /// Column `name` as text.
    pub fn texts(&self, name: &str) -> Result<Vec<String>> {
        let c = self.column(name)?;
        Ok(self.cells(c).map(|s| s.trim().to_string()).collect())
    }

    /// Column `name` as x values: numbers, ISO dates, or text.
    pub fn x_column(&self, name: &str) -> Result<XColumn> {
        let c = self.column(name)?;
        let cells: Vec<&str> = self.cells(c).collect();
        let present = || cells.iter().filter(|s| !is_missing_cell(s));
        if present().all(|s| parse_number(s, self.decimal_comma).is_some()) {
            return Ok(XColumn::Number(
                cells.iter().map(|s| parse_number(s, self.decimal_comma).unwrap_or(f64::NAN)).collect(),
            ));
        }
        if present().all(|s| parse_date(s).is_some()) {
            return Ok(XColumn::Date(cells.iter().map(|s| parse_date(s)).collect()));
        }
        Ok(XColumn::Text(cells.iter().map(|s| (!is_missing_cell(s)).then(|| s.trim().to_string())).collect()))
    }

    /// The chart input made of the named columns.
    pub fn input(&self, cols: &Columns) -> Result<Input> {
        if self.rows.is_empty() {
            return Err(Error::Io { file: self.source.clone(), reason: "no data rows after the header".into() });
        }
        let mut input = Input::new(self.x_column(&cols.x)?, self.numbers(&cols.y)?).with_rows(self.row_numbers.clone());
        if let Some(n) = &cols.n {
            input.n = Some(self.numbers(n)?);
        }
        if let Some(f) = &cols.facet {
            input.facet = Some(self.texts(f)?);
        }
        if let Some(p) = &cols.part {
            input.part = Some(self.texts(p)?);
        }
        Ok(input)
    }
}

/// Parses a number; `Some(NaN)` for a missing cell, `None` for text that is not a number.
pub fn parse_number(s: &str, decimal_comma: bool) -> Option<f64> {
    let t = s.trim();
    if is_missing_cell(t) {
        return Some(f64::NAN);
    }
    let owned;
    let t = if decimal_comma && t.contains(',') {
        owned = t.replace(['.', ' ', '\u{a0}'], "").replace(',', ".");
        owned.as_str()
    } else {
        t
    };
    t.parse::<f64>().ok().filter(|v| !v.is_infinite() || t.to_ascii_lowercase().contains("inf"))
}

/// Parses a date: ISO `YYYY-MM-DD` (a time part after it is ignored), `YYYY-MM`, or SSB
/// periods `2008K1` (quarter, its first day) and `2020M01` (month, its first day).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    if let Some(d) = t.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
        return Some(d);
    }
    let year = |y: &str| (y.len() == 4).then(|| y.parse::<i32>().ok()).flatten();
    let (y, rest) = (t.get(..4)?, t.get(4..)?);
    let y = year(y)?;
    let month = if let Some(q) = rest.strip_prefix('K').or_else(|| rest.strip_prefix('Q')) {
        let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
        3 * q - 2
    } else if let Some(m) = rest.strip_prefix('M').or_else(|| rest.strip_prefix('-')) {
        if m.len() != 2 {
            return None;
        }
        m.parse().ok()?
    } else {
        return None;
    };
    NaiveDate::from_ymd_opt(y, month, 1)
}

/// Writes the per-point result as CSV ([`crate::schema::chart_data`]).
pub fn write_data_csv(chart: &Chart, w: impl Write) -> std::io::Result<()> {
    crate::schema::chart_data(chart).write_csv(w)
}

/// Writes the summary, one row per facet and part ([`crate::schema::chart_summary`]).
pub fn write_summary_csv(chart: &Chart, w: impl Write) -> std::io::Result<()> {
    crate::schema::chart_summary(chart).write_csv(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_semicolons_and_decimal_commas() {
        let t = Table::from_reader("måned;verdi\n2021-01-01;1,5\n2021-02-01;NA\n".as_bytes(), "t.csv").unwrap();
        assert_eq!(t.header, ["måned", "verdi"]);
        let y = t.numbers("verdi").unwrap();
        assert_eq!(y[0], 1.5);
        assert!(y[1].is_nan());
        assert!(matches!(t.x_column("måned").unwrap(), XColumn::Date(_)));
    }

    #[test]
    fn ssb_periods_are_dates() {
        assert_eq!(parse_date("2008K1"), NaiveDate::from_ymd_opt(2008, 1, 1));
        assert_eq!(parse_date("2011K3"), NaiveDate::from_ymd_opt(2011, 7, 1));
        assert_eq!(parse_date("2020M01"), NaiveDate::from_ymd_opt(2020, 1, 1));
        assert_eq!(parse_date("2020-12"), NaiveDate::from_ymd_opt(2020, 12, 1));
        assert_eq!(parse_date("2020K5"), None);
        assert_eq!(parse_date("Oslo"), None);
    }

    #[test]
    fn text_in_a_number_column_names_row_and_column() {
        let t = Table::from_reader("x,y\n1,2\n2,abc\n".as_bytes(), "d.csv").unwrap();
        let msg = t.numbers("y").unwrap_err().to_string();
        assert_eq!(msg, "d.csv: row 3, column 'y': 'abc' is not a number");
    }

    /// `x,y,y`: which y a chart would read cannot be known, so the file is refused, naming the
    /// column and the file. Unnamed columns (Excel's trailing `;;`) may repeat.
    #[test]
    fn a_column_named_twice_is_an_error_naming_it_and_the_file() {
        let e = Table::from_reader("x,y,y\n1,2,3\n".as_bytes(), "d.csv").unwrap_err().to_string();
        assert_eq!(e, "d.csv: column 'y': the header names two columns so (columns 2 and 3); rename one of them");
        let e = Table::from_reader("x;y;n;Y; y \n1;2;3;4;5\n".as_bytes(), "d.csv").unwrap_err().to_string();
        assert_eq!(e, "d.csv: column 'y': the header names two columns so (columns 2 and 5); rename one of them");
        let t = Table::from_reader("x;y;;\n1;2;;\n".as_bytes(), "d.csv").unwrap();
        assert_eq!(t.header, ["x", "y", "", ""]);
    }

    /// Rows are numbered as a spreadsheet shows them: the header is row 1, blank lines and
    /// title lines count, a record is numbered by the line where it starts.
    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let t = Table::from_reader("x,y\n1,2\n\n\n2,3\n3,\"a\nb\"\n4,5\n".as_bytes(), "d.csv").unwrap();
        assert_eq!(t.row_numbers, [2, 5, 6, 8]);
        let t = Table::from_reader("\"Title\"\n\nx;y\r\n1;2\r\n\r\n3;abc\r\n".as_bytes(), "d.csv").unwrap();
        assert_eq!(t.row_numbers, [4, 6]);
        assert_eq!(t.numbers("y").unwrap_err().to_string(), "d.csv: row 6, column 'y': 'abc' is not a number");
    }

    /// An error the computation finds in a value names the file's row and the column's name
    /// once the table places it ([`Table::locate`]).
    #[test]
    fn computation_errors_are_placed_in_the_file() {
        let t = Table::from_reader("week;count;size\n1;3;10\n\n2;4;-10\n".as_bytes(), "d.csv").unwrap();
        let cols = Columns { x: "week".into(), y: "count".into(), n: Some("size".into()), ..Columns::default() };
        let e = crate::ChartSpec::new(crate::ChartKind::P).compute(&t.input(&cols).unwrap()).unwrap_err();
        assert_eq!(e.to_string(), "row 4, column 'n': negative denominator -10: denominators must be >= 0");
        assert_eq!(
            t.locate(e, &cols).to_string(),
            "d.csv: row 4, column 'size': negative denominator -10: denominators must be >= 0"
        );
        let t = Table::from_reader("x,y\n1,3\n2,inf\n".as_bytes(), "d.csv").unwrap();
        let cols = Columns { x: "x".into(), y: "y".into(), ..Columns::default() };
        let e = crate::ChartSpec::new(crate::ChartKind::I).compute(&t.input(&cols).unwrap()).unwrap_err();
        assert_eq!(t.locate(e, &cols).to_string(), "d.csv: row 3, column 'y': value is inf; values must be finite");
    }

    #[test]
    fn ragged_rows_are_an_error_naming_the_row() {
        let e = Table::from_reader("x,y\n1,2\n2\n".as_bytes(), "r.csv").unwrap_err().to_string();
        assert_eq!(e, "r.csv: row 3: 1 field(s) where the header has 2");
    }
}
