//! KOSTRA and SSB statistics, from SSB's files to comparisons and charts per municipality.
//!
//! - [`read`]: SSB StatBank CSV (every variant), JSON-stat 1.x/2.0, the tidy layout and
//!   spreadsheets into a [`KostraTable`] (one [`Record`] per source cell, SSB's symbols as a typed
//!   [`Status`], codes normalised and classified by [`Region`], periods as [`Period`]);
//! - [`reform`]: the municipality changes 2017-2024 and [`reform::harmonise`] (series on one
//!   year's borders);
//! - [`aggregate`]: county, country and KOSTRA-group values (Σnumerator/Σdenominator, sums,
//!   population weights) with the method and the members used and missing;
//! - [`compare`]: one municipality against its group, county and country, and z-scores;
//! - [`funnel_input`]: the units of a funnel plot ([`crate::funnel`]) from a table;
//! - [`grouped`]: one run or control chart per region x indicator, in parallel.
//!
//! Background, formats and sources: `docs/kostra.md` of the repository.

mod period;
mod region;
mod status;
mod table;

pub use period::Period;
pub use read::{read_bytes, read_path};
pub use region::{split_code_name, Region, RegionType};
pub use status::Status;
pub use table::{KostraTable, Record};

pub mod aggregate;
pub mod compare;
mod funnel_input;
pub mod grouped;
pub mod read;
pub mod reform;
pub use funnel_input::{funnel_input, FunnelInput, FunnelRequest};
