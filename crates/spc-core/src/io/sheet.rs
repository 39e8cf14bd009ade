//! Spreadsheets (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) as rows of text cells: the one
//! worksheet reader behind the chart input ([`super::Table::read_path`]) and the KOSTRA readers
//! ([`crate::kostra::read`]), so that a cell reads as the same text in both.
//!
//! A cell becomes text by [`cell_text`]: dates as ISO `YYYY-MM-DD`, date-times as
//! `YYYY-MM-DDTHH:MM:SS`, whole numbers without `.0`, booleans as `true`/`false`; a cell
//! holding a spreadsheet error (`#DIV/0!`, ...) is an error naming the worksheet and the cell.
//! Empty rows are skipped; the first filled row is the header.

use std::io::{Read, Seek};
use std::path::Path;

use calamine::{Data, Reader, Sheets};

use crate::error::{Error, Location, Result};

use super::Table;

/// Where a workbook is read from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Workbook<'a> {
    /// A file (its kind by the extension, as calamine sees it).
    Path(&'a Path),
    /// Bytes in memory (the kind detected from the container).
    Bytes(&'a [u8]),
}

/// One worksheet as text cells.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sheet {
    /// `FILE [WORKSHEET]`, the source for messages about its cells.
    pub(crate) source: String,
    /// The header: the first filled row.
    pub(crate) header: Vec<String>,
    /// The filled rows below the header.
    pub(crate) rows: Vec<Vec<String>>,
    /// The worksheet row number (1-based, as the spreadsheet shows it) of the header.
    pub(crate) header_row: usize,
    /// The worksheet row number of each data row.
    pub(crate) row_numbers: Vec<usize>,
}

impl Sheet {
    /// The sheet as a [`Table`] (numbers with a decimal comma or not, as given).
    pub(crate) fn into_table(self, decimal_comma: bool) -> Table {
        Table {
            source: self.source,
            header: self.header,
            rows: self.rows,
            decimal_comma,
            warnings: Vec::new(),
            first_line: self.header_row + 1,
            row_numbers: self.row_numbers,
        }
    }
}

/// Whether bytes are a workbook container: zip (`.xlsx`, `.xlsm`, `.xlsb`, `.ods`) or OLE
/// (`.xls`), after a UTF-8 byte-order mark if any.
pub(crate) fn is_workbook(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    body.starts_with(b"PK\x03\x04") || body.starts_with(b"\xd0\xcf\x11\xe0")
}

/// The text of a spreadsheet cell; `Err` with the reason for a cell holding an error.
pub(crate) fn cell_text(c: &Data) -> std::result::Result<String, String> {
    Ok(match c {
        Data::Empty => String::new(),
        Data::Int(v) => v.to_string(),
        // `Display` writes whole numbers without `.0` and others with the shortest exact digits.
        Data::Float(v) => format!("{v}"),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().format("%Y-%m-%d").to_string(),
            Some(t) => t.format("%Y-%m-%dT%H:%M:%S").to_string(),
            None => format!("{}", d.as_f64()),
        },
        Data::Error(e) => return Err(format!("the cell holds the spreadsheet error {e}")),
    })
}

/// The column letters of a 0-based column index (`0` -> `A`, `26` -> `AA`).
pub(crate) fn col_name(mut c: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, char::from(b'A' + (c % 26) as u8));
        if c < 26 {
            return s;
        }
        c = c / 26 - 1;
    }
}

fn io_err(source: &str, reason: impl Into<String>) -> Error {
    Error::Io { file: source.into(), reason: reason.into() }
}

/// Reads worksheet `sheet` (by name or 1-based number; the first when `None`) of a workbook;
/// `source` names the file in messages. A workbook calamine cannot parse (or panics on) is an
/// error, never a panic.
pub(crate) fn read_sheet(book: Workbook<'_>, source: &str, sheet: Option<&str>) -> Result<Sheet> {
    // calamine parses untrusted containers; a panic inside it must not take the caller down.
    let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match book {
        Workbook::Path(p) => match calamine::open_workbook_auto(p) {
            Ok(mut wb) => from_workbook(&mut wb, source, sheet),
            Err(e) => Err(io_err(source, format!("cannot read it as a spreadsheet: {e}"))),
        },
        Workbook::Bytes(b) => match calamine::open_workbook_auto_from_rs(std::io::Cursor::new(b)) {
            Ok(mut wb) => from_workbook(&mut wb, source, sheet),
            Err(e) => Err(io_err(source, format!("cannot read it as a spreadsheet: {e}"))),
        },
    }));
    res.unwrap_or_else(|_| Err(io_err(source, "cannot read it as a spreadsheet: the file is damaged")))
}

fn from_workbook<RS: Read + Seek>(wb: &mut Sheets<RS>, source: &str, sheet: Option<&str>) -> Result<Sheet> {
    let names = wb.sheet_names();
    if names.is_empty() {
        return Err(io_err(source, "the workbook has no worksheets"));
    }
    let name = match sheet {
        None => names[0].clone(),
        Some(s) => match names.iter().find(|n| *n == s) {
            Some(n) => n.clone(),
            None => match s.parse::<usize>() {
                Ok(k) if (1..=names.len()).contains(&k) => names[k - 1].clone(),
                _ => {
                    return Err(Error::InvalidArgument {
                        argument: "sheet",
                        reason: format!("no worksheet '{s}' in {source}; the sheets are: {}", names.join(", ")),
                    })
                }
            },
        },
    };
    let range =
        wb.worksheet_range(&name).map_err(|e| io_err(source, format!("worksheet '{name}': cannot read it: {e}")))?;
    let (row0, col0) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let src = format!("{source} [{name}]");
    let mut filled = range.rows().enumerate().filter(|(_, r)| r.iter().any(|c| !matches!(c, Data::Empty)));
    let Some((hr, hrow)) = filled.next() else {
        return Err(io_err(&src, "the worksheet is empty: expected a header row and data rows"));
    };
    // A cell error says where the cell is as every data error does (the row as the spreadsheet
    // shows it, the column by its header once the header is read), and the cell's reference.
    let text_row = |r: usize, row: &[Data], header: &[String]| -> Result<Vec<String>> {
        row.iter()
            .enumerate()
            .map(|(c, cell)| {
                cell_text(cell).map_err(|m| {
                    let (letter, n) = (col_name(col0 + c), row0 + r + 1);
                    let column = header.get(c).filter(|h| !h.is_empty()).cloned().unwrap_or_else(|| letter.clone());
                    let at = Location { row: Some(n), column: Some(column), file: None };
                    io_err(&src, format!("{at}{m} (cell {letter}{n})"))
                })
            })
            .collect()
    };
    let header = text_row(hr, hrow, &[])?;
    let (mut rows, mut row_numbers) = (Vec::new(), Vec::new());
    for (r, row) in filled {
        rows.push(text_row(r, row, &header)?);
        row_numbers.push(row0 + r + 1);
    }
    Ok(Sheet { source: src, header, rows, header_row: row0 + hr + 1, row_numbers })
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn column_letters() {
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(27), "AB");
    }

    #[test]
    fn a_workbook_reads_the_same_from_its_path_and_from_its_bytes() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/kostra/sheet_date.xlsx");
        let bytes = std::fs::read(&path).unwrap();
        assert!(is_workbook(&bytes) && !is_workbook(b"x,y\n1,2\n"));
        let from_path = read_sheet(Workbook::Path(&path), "d.xlsx", None).unwrap();
        assert_eq!(read_sheet(Workbook::Bytes(&bytes), "d.xlsx", None).unwrap(), from_path);
        assert_eq!(from_path.source, "d.xlsx [Datoer]");
        assert_eq!((from_path.header_row, from_path.row_numbers.as_slice()), (1, &[2, 3][..]));
        assert_eq!(from_path.rows[0], ["0101", "pop", "2021", "5", "2021-01-01"]);
        // the chart reader's CSV entry takes the bytes of a spreadsheet as one
        let t = Table::read_csv(&bytes[..], "d.xlsx", &super::super::ReadOptions::default()).unwrap();
        assert_eq!(t, from_path.into_table(false));
        // a sheet chosen by number or name, and one that is not there
        assert_eq!(read_sheet(Workbook::Bytes(&bytes), "d.xlsx", Some("1")).unwrap().source, "d.xlsx [Datoer]");
        let e = read_sheet(Workbook::Bytes(&bytes), "d.xlsx", Some("Ark2")).unwrap_err().to_string();
        assert!(e.contains("no worksheet 'Ark2' in d.xlsx; the sheets are: Datoer"), "{e}");
    }

    #[test]
    fn cells_as_text() {
        let date = |v: f64| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        assert_eq!(cell_text(&date(44197.0)).unwrap(), "2021-01-01");
        assert_eq!(cell_text(&date(44197.5)).unwrap(), "2021-01-01T12:00:00");
        assert_eq!(cell_text(&Data::Float(3.0)).unwrap(), "3");
        assert_eq!(cell_text(&Data::Float(6.9)).unwrap(), "6.9");
        assert_eq!(cell_text(&Data::Int(-4)).unwrap(), "-4");
        assert_eq!(cell_text(&Data::Bool(true)).unwrap(), "true");
        assert_eq!(cell_text(&Data::String(" Oslo ".into())).unwrap(), "Oslo");
        assert_eq!(cell_text(&Data::Empty).unwrap(), "");
        let e = cell_text(&Data::Error(calamine::CellErrorType::Div0)).unwrap_err();
        assert_eq!(e, "the cell holds the spreadsheet error #DIV/0!");
    }
}
