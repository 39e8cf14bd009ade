//! Readers of SSB and KOSTRA files into the tidy [`KostraTable`].
//!
//! One entry point, [`read_path`] (or [`read_bytes`] for bytes already in memory), detects the
//! format:
//! - **JSON-stat** 2.0 and 1.x (SSB's PxWebApi responses): the text starts with `{`;
//! - **spreadsheets** (`.xlsx`, `.xls`, `.ods`, or the bytes of one): the first worksheet, its
//!   cells as text by the chart reader's [`crate::io`] worksheet reader (dates `YYYY-MM-DD`),
//!   then read as the CSV layouts below;
//! - **tidy CSV**: a header with `region_code`, `indicator`, `period` and `value` (optional
//!   `region_name`, `numerator`, `denominator`, `status`, `region_type`), as `spc kostra read`
//!   writes it and as `data/kostra/*.csv` are;
//! - **SSB StatBank CSV**: any other header, in every variant StatBank downloads come in
//!   (separator `,` `;` or tab, quoted or not, title line, UTF-8 or Latin-1, wide with one
//!   column per period or long with a period column).
//!
//! Cells: a number (decimal point, or decimal comma when the separator is not `,`; space and
//! no-break-space thousands separators are accepted), an empty cell (missing, reason
//! unknown: [`Status::Unknown`]) or an SSB symbol (`.`, `..`, `...`, `:`, `-` = 0 with
//! [`Status::Nil`]). Any other text is an error naming the file, row, column and text.
//!
//! Every error names the file and where in it; warnings (lost letters, `K-` series) are in
//! [`KostraTable::warnings`].

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::io::{is_spreadsheet, ReadOptions, Table};

use super::{KostraTable, Period, Record, Region, Status};

mod jsonstat;
mod sheet;
mod statbank;
mod tidy;

/// Reads an SSB / KOSTRA file, its format detected from the extension and the content (see the
/// module docs).
pub fn read_path(path: &Path) -> Result<KostraTable> {
    let source = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| io_err(&source, e.to_string()))?;
    if is_spreadsheet(path) {
        return from_grid(&sheet::fix_title_row(sheet::read_sheet_bytes(&bytes, &source)?));
    }
    read_bytes(&bytes, &source)
}

/// Reads an SSB / KOSTRA file from bytes; `source` names it in messages. The format is
/// detected from the content: JSON-stat, a spreadsheet (zip or OLE container), else CSV.
pub fn read_bytes(bytes: &[u8], source: &str) -> Result<KostraTable> {
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if crate::io::sheet::is_workbook(body) {
        return from_grid(&sheet::fix_title_row(sheet::read_sheet_bytes(bytes, source)?));
    }
    if body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
        return jsonstat::read_json(body, source);
    }
    let table = Table::read_csv(bytes, source, &ReadOptions::default())?;
    from_grid(&Grid::csv(table))
}

/// Parses a table of text cells (CSV or worksheet) as tidy or StatBank layout.
fn from_grid(grid: &Grid) -> Result<KostraTable> {
    // Columns are found by name ignoring case: two names that differ only in case are one too many.
    crate::io::read::check_header(&grid.table.header, &grid.table.source, true)?;
    if tidy::is_tidy(&grid.table.header) {
        tidy::read(grid)
    } else {
        statbank::read(grid)
    }
}

pub(crate) fn io_err(source: &str, reason: impl Into<String>) -> Error {
    Error::Io { file: source.into(), reason: reason.into() }
}

/// An error about one cell: `FILE: row R, column 'C': 'TEXT' WHAT` (`at` = `row R`).
fn cell_err(source: &str, at: &str, column: &str, text: &str, what: &str) -> Error {
    io_err(source, format!("{at}, column '{column}': '{text}' {what}"))
}

/// A table of text cells (CSV or worksheet); [`Table::row_numbers`] says where each data row
/// is in the file.
pub(crate) struct Grid {
    /// The cells.
    pub(crate) table: Table,
}

impl Grid {
    /// A CSV table.
    fn csv(table: Table) -> Grid {
        Grid { table }
    }

    /// Where data row `i` is: `row 12`, the row a spreadsheet shows (see [`crate::Location`]).
    pub(crate) fn at(&self, i: usize) -> String {
        format!("row {}", self.table.row_number(i))
    }
}

/// Parses a number as SSB and Norwegian spreadsheets write them: `12`, `-3.5`, `4,7` (with
/// `decimal_comma`), `2 829 083` (space or no-break-space thousands separators), `1.5e3`.
/// `None` for anything else (including `NaN` and `inf`).
pub(crate) fn parse_number(s: &str, decimal_comma: bool) -> Option<f64> {
    let t = s.trim();
    let mut buf = String::with_capacity(t.len());
    let mut prev_digit = false;
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' => {
                // A thousands separator only between digits, in groups of three.
                let next_digits = chars[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
                if !prev_digit || next_digits != 3 {
                    return None;
                }
            }
            ',' if decimal_comma => {
                buf.push('.');
                prev_digit = false;
            }
            '0'..='9' | '.' | '-' | '+' | 'e' | 'E' => {
                buf.push(c);
                prev_digit = c.is_ascii_digit();
            }
            '\u{2212}' => {
                buf.push('-');
                prev_digit = false;
            }
            _ => return None,
        }
    }
    if !buf.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    buf.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Parses an SSB period code. Period codes are ASCII; other text is refused here before
/// [`Period`]'s parser sees it (it slices by bytes).
pub(crate) fn parse_period(s: &str) -> Option<Period> {
    let t = s.trim();
    if t.is_ascii() {
        t.parse().ok()
    } else {
        None
    }
}

/// What a value cell holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cell {
    /// A number.
    Value(f64),
    /// Empty.
    Empty,
    /// An SSB symbol with the value it implies (`-` is `Some(0.0)` with [`Status::Nil`]).
    Symbol(Option<f64>, Status),
}

/// Parses a value cell: number, empty, or SSB symbol; `Err(())` for other text.
pub(crate) fn parse_cell(s: &str, decimal_comma: bool) -> std::result::Result<Cell, ()> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(Cell::Empty);
    }
    if let Some(v) = parse_number(t, decimal_comma) {
        return Ok(Cell::Value(v));
    }
    match Status::parse(t) {
        Some(Status::Nil) => Ok(Cell::Symbol(Some(0.0), Status::Nil)),
        Some(st) => Ok(Cell::Symbol(None, st)),
        None => Err(()),
    }
}

/// A record of a value cell: without numerator and denominator (StatBank and JSON-stat
/// give none).
pub(crate) fn record(
    region: &Region,
    region_name: String,
    indicator: String,
    period: Period,
    value: Option<f64>,
    status: Option<Status>,
) -> Record {
    Record {
        region_code: region.code.clone(),
        region_type: region.kind,
        region_name,
        indicator,
        period,
        value,
        numerator: None,
        denominator: None,
        status,
    }
}

/// Where a record came from, for messages.
pub(crate) type Location = String;

/// Collects records, checking for duplicate keys and noting `K-` series.
pub(crate) struct Builder<'a> {
    source: &'a str,
    table: KostraTable,
    seen: HashMap<(String, String, Period), Location>,
    k_series: usize,
}

impl<'a> Builder<'a> {
    pub(crate) fn new(source: &'a str, warnings: Vec<String>) -> Self {
        Builder { source, table: KostraTable { records: Vec::new(), warnings }, seen: HashMap::new(), k_series: 0 }
    }

    /// Parses a region code; the error names the place.
    pub(crate) fn region(&mut self, code: &str, loc: &str) -> Result<Region> {
        let r = Region::parse(code).map_err(|e| io_err(self.source, format!("{loc}: {e}")))?;
        if r.aggregated_series {
            self.k_series += 1;
        }
        Ok(r)
    }

    /// Adds a record; an error names both places of a duplicate key.
    pub(crate) fn push(&mut self, rec: Record, loc: Location) -> Result<()> {
        if rec.value.is_none() && rec.status.is_none() {
            return Err(io_err(self.source, format!("{loc}: a missing value without a status (internal)")));
        }
        let key = (rec.region_code.clone(), rec.indicator.clone(), rec.period);
        if let Some(first) = self.seen.get(&key) {
            return Err(io_err(
                self.source,
                format!(
                    "{loc} repeats region {}, indicator '{}', period {} of {first}: each cell must be given once",
                    rec.region_code, rec.indicator, rec.period
                ),
            ));
        }
        self.seen.insert(key, loc);
        self.table.records.push(rec);
        Ok(())
    }

    /// The table, with a warning when `K-` codes were read.
    pub(crate) fn finish(mut self) -> KostraTable {
        if self.k_series > 0 {
            self.table.warnings.push(format!(
                "{}: {} rows have K- region codes: SSB's aggregated time series (predecessor municipalities summed into \
                 the borders of the table's newest year); the K- prefix was removed from the codes",
                self.source, self.k_series
            ));
        }
        self.table
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number("2 829 083", false), Some(2_829_083.0));
        assert_eq!(parse_number("2\u{a0}829\u{a0}083", true), Some(2_829_083.0));
        assert_eq!(parse_number("4,7", true), Some(4.7));
        assert_eq!(parse_number("1 234,5", true), Some(1234.5));
        assert_eq!(parse_number("4.7", false), Some(4.7));
        assert_eq!(parse_number("-3", false), Some(-3.0));
        assert_eq!(parse_number("4,7", false), None);
        assert_eq!(parse_number("12 34", false), None);
        for bad in ["NaN", "inf", "x", "n/a", "", ".", "-", "1e999"] {
            assert_eq!(parse_number(bad, true), None, "{bad}");
        }
    }

    #[test]
    fn cells() {
        assert_eq!(parse_cell("..", false), Ok(Cell::Symbol(None, Status::NotAvailable)));
        assert_eq!(parse_cell("-", false), Ok(Cell::Symbol(Some(0.0), Status::Nil)));
        assert_eq!(parse_cell(" ", false), Ok(Cell::Empty));
        assert_eq!(parse_cell("x", false), Err(()));
    }
}
