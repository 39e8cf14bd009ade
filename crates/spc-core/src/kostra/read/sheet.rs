//! Spreadsheets (being written).

use crate::error::Result;
use crate::io::Table;

use super::io_err;

/// Reads the first worksheet of a spreadsheet in memory.
pub(super) fn read_sheet_bytes(_bytes: &[u8], source: &str) -> Result<Table> {
    Err(io_err(source, "spreadsheets in memory are not read yet"))
}

/// Drops a title row above the header.
pub(super) fn fix_title_row(table: Table) -> Table {
    table
}
