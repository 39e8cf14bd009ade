//! Spreadsheets (`.xlsx`, `.xls`, `.ods`): the first worksheet as a table of text cells, then
//! read like a CSV file (tidy or StatBank layout).
//!
//! calamine detects the kind of workbook from the bytes. Empty rows are skipped (messages give
//! the worksheet's own row numbers); a title row (one filled cell above the header, as
//! StatBank's Excel downloads have) is dropped.

use crate::error::Result;
use crate::io::sheet::{read_sheet, Workbook};

use super::Grid;

/// Reads the first worksheet of a spreadsheet held in memory (cells as text by
/// [`crate::io::sheet::cell_text`], as the chart reader reads them; the worksheet's row
/// numbers in [`crate::io::Table::row_numbers`]).
pub(super) fn read_sheet_bytes(bytes: &[u8], source: &str) -> Result<Grid> {
    let sheet = read_sheet(Workbook::Bytes(bytes), source, None)?;
    Ok(Grid { table: sheet.into_table(false) })
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
