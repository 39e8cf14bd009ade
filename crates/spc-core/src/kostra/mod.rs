//! KOSTRA and SSB statistics: read SSB's files into a tidy table with typed statuses,
//! normalise and classify region codes, and the periods SSB uses.
//!
//! Background, formats and sources: `docs/kostra.md` of the repository.

#[cfg(feature = "polars")]
mod frame;
mod period;
mod region;
mod status;
mod table;

pub use period::Period;
pub use read::{read_bytes, read_path};
pub use region::{split_code_name, Region, RegionType};
pub use status::Status;
pub use table::{KostraTable, Record, TIDY_COLUMNS};

pub mod aggregate;
pub mod compare;
mod funnel_input;
pub mod grouped;
pub mod read;
pub mod reform;
pub use funnel_input::{funnel_input, FunnelInput, FunnelRequest};
