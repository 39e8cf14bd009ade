//! # spc-cli
//!
//! The library half of the `spc` command: [`render`] draws a computed [`spc_core::Chart`] as
//! SVG, PNG or PDF (the Python package calls the same functions).

pub mod dashboard;
pub mod render;
