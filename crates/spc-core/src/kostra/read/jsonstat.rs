//! JSON-stat 1.x and 2.0 (being written).

use crate::error::Result;
use crate::kostra::KostraTable;

use super::io_err;

/// Reads a JSON-stat document.
pub(super) fn read_json(_bytes: &[u8], source: &str) -> Result<KostraTable> {
    Err(io_err(source, "JSON-stat is not read yet"))
}
