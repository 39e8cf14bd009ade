//! Spreadsheets (`.xlsx`, `.xls`, `.ods`): the first worksheet as a table of text cells, then
//! read like a CSV file (tidy or StatBank layout).
//!
//! Files on disk go through [`crate::io::Table::read_path`]; bytes in memory (a zip or OLE
//! container) through calamine's reader of any workbook. Empty rows are skipped; a title row
//! (one filled cell above the header, as StatBank's Excel downloads have) is dropped.

use calamine::{Data, Reader};

use crate::error::Result;
use crate::io::Table;

use super::io_err;

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
pub(super) fn read_sheet_bytes(bytes: &[u8], source: &str) -> Result<Table> {
    // calamine parses untrusted containers; a panic inside it must not take the caller down.
    let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| first_sheet(bytes)));
    match res {
        Ok(Ok((name, header, rows, first_line))) => Ok(Table {
            source: format!("{source} [{name}]"),
            header,
            rows,
            decimal_comma: false,
            warnings: Vec::new(),
            first_line,
        }),
        Ok(Err(m)) => Err(io_err(source, m)),
        Err(_) => Err(io_err(source, "cannot read it as a spreadsheet: the file is damaged")),
    }
}

type Sheet = (String, Vec<String>, Vec<Vec<String>>, usize);

fn first_sheet(bytes: &[u8]) -> std::result::Result<Sheet, String> {
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| format!("cannot read it as a spreadsheet: {e}"))?;
    let name = wb.sheet_names().first().cloned().ok_or("the workbook has no worksheets")?;
    let range = wb.worksheet_range(&name).map_err(|e| format!("worksheet '{name}': cannot read it: {e}"))?;
    let row0 = range.start().map_or(0, |(r, _)| r as usize);
    let mut filled = range.rows().enumerate().filter(|(_, r)| r.iter().any(|c| !matches!(c, Data::Empty)));
    let Some((hr, hrow)) = filled.next() else {
        return Err(format!("worksheet '{name}' is empty: expected a header row and data rows"));
    };
    let text = |r: usize, row: &[Data]| -> std::result::Result<Vec<String>, String> {
        row.iter().map(|c| cell_text(c).map_err(|m| format!("worksheet '{name}', row {}: {m}", row0 + r + 1))).collect()
    };
    let header = text(hr, hrow)?;
    let mut rows = Vec::new();
    for (r, row) in filled {
        rows.push(text(r, row)?);
    }
    Ok((name.clone(), header, rows, row0 + hr + 2))
}

/// Drops a title row: a header with one filled cell over a wider table.
pub(super) fn fix_title_row(mut table: Table) -> Table {
    let filled = table.header.iter().filter(|h| !h.trim().is_empty()).count();
    if filled == 1 && table.header.len() > 1 && !table.rows.is_empty() {
        table.header = table.rows.remove(0);
        table.first_line += 1;
    }
    table
}
