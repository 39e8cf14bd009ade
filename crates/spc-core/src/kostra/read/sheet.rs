//! Spreadsheets (`.xlsx`, `.xls`, `.ods`): the first worksheet as a table of text cells, then
//! read like a CSV file (tidy or StatBank layout).
//!
//! calamine detects the kind of workbook from the bytes. Empty rows are skipped (messages give
//! the worksheet's own row numbers); a title row (one filled cell above the header, as
//! StatBank's Excel downloads have) is dropped.

use calamine::{Data, Reader};

use crate::error::{Location, Result};
use crate::io::Table;

use super::{io_err, Grid};

fn cell_text(c: &Data) -> std::result::Result<String, String> {
    Ok(match c {
        Data::Empty => String::new(),
        Data::Int(v) => v.to_string(),
        Data::Float(v) => format!("{v}"),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => format!("{}", d.as_f64()),
        Data::Error(e) => return Err(format!("the cell holds the spreadsheet error {e}")),
    })
}

/// Reads the first worksheet of a spreadsheet held in memory.
pub(super) fn read_sheet_bytes(bytes: &[u8], source: &str) -> Result<Grid> {
    // calamine parses untrusted containers; a panic inside it must not take the caller down.
    let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| first_sheet(bytes, source)));
    match res {
        Ok(Ok((name, header, rows, lines))) => Ok(Grid {
            table: Table {
                source: format!("{source} [{name}]"),
                header,
                rows,
                decimal_comma: false,
                warnings: Vec::new(),
                first_line: lines.first().copied().unwrap_or(2),
                row_numbers: lines,
            },
        }),
        Ok(Err(e)) => Err(e),
        Err(_) => Err(io_err(source, "cannot read it as a spreadsheet: the file is damaged")),
    }
}

/// Name, header, data rows and the worksheet row number of each.
type Sheet = (String, Vec<String>, Vec<Vec<String>>, Vec<usize>);

fn first_sheet(bytes: &[u8], source: &str) -> Result<Sheet> {
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| io_err(source, format!("cannot read it as a spreadsheet: {e}")))?;
    let name = wb.sheet_names().first().cloned().ok_or_else(|| io_err(source, "the workbook has no worksheets"))?;
    let range =
        wb.worksheet_range(&name).map_err(|e| io_err(source, format!("worksheet '{name}': cannot read it: {e}")))?;
    let row0 = range.start().map_or(0, |(r, _)| r as usize);
    let mut filled = range.rows().enumerate().filter(|(_, r)| r.iter().any(|c| !matches!(c, Data::Empty)));
    let Some((hr, hrow)) = filled.next() else {
        return Err(io_err(source, format!("worksheet '{name}' is empty: expected a header row and data rows")));
    };
    let src = format!("{source} [{name}]");
    let text = |r: usize, row: &[Data]| -> Result<Vec<String>> {
        row.iter()
            .map(|c| {
                cell_text(c).map_err(|m| {
                    io_err(&src, format!("{}{m}", Location { row: Some(row0 + r + 1), ..Location::default() }))
                })
            })
            .collect()
    };
    let header = text(hr, hrow)?;
    let (mut rows, mut lines) = (Vec::new(), Vec::new());
    for (r, row) in filled {
        rows.push(text(r, row)?);
        lines.push(row0 + r + 1);
    }
    Ok((name.clone(), header, rows, lines))
}

/// Drops a title row: a header with one filled cell over a wider table.
pub(super) fn fix_title_row(mut grid: Grid) -> Grid {
    let t = &mut grid.table;
    let filled = t.header.iter().filter(|h| !h.trim().is_empty()).count();
    if filled == 1 && t.header.len() > 1 && !t.rows.is_empty() {
        t.header = t.rows.remove(0);
        if !t.row_numbers.is_empty() {
            t.row_numbers.remove(0);
        }
        t.first_line = t.row_numbers.first().copied().unwrap_or(t.first_line + 1);
    }
    grid
}
