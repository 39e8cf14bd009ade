//! SSB StatBank CSV downloads (being written).

use crate::error::Result;
use crate::io::Table;
use crate::kostra::KostraTable;

use super::io_err;

/// Reads a StatBank table.
pub(super) fn read(table: &Table) -> Result<KostraTable> {
    Err(io_err(&table.source, "not a tidy table (region_code, indicator, period, value)"))
}
