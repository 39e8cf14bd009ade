//! # spc-core
//!
//! The engine of spc: statistics, data model, readers and output schemas. The `spc` command
//! (crate `spc-cli`) and the Python package (crate `spc-py`) only translate to it; pictures are
//! drawn by `spc-render` from its results. See `docs/architecture.md` for the way of a chart
//! and `docs/methods.md` for every formula with its source.
//!
//! - Charts: run charts and Shewhart charts (I, MR, X-bar, S, R, T, P, P', NP, C, U, U', G,
//!   I') computed exactly as R's qicharts2 computes them, EWMA and CUSUM
//!   ([`ChartSpec::compute`] → [`Chart`]), with the Anhøj runs analysis ([`runs`]).
//! - Rules and judgement: the rule sets Anhøj, IHI, Western Electric, Nelson and MDC
//!   ([`rules`]), the improvement verdict on each part after a baseline ([`verdict`]), the
//!   summary in English or Norwegian ([`summary_text_lang`]), saved baselines for monitoring
//!   ([`baseline`]).
//! - NHS Making Data Count charts with their variation and assurance icons, as
//!   NHSRplotthedots computes them ([`mdc`]); funnel plots for comparing units ([`funnel`]).
//! - KOSTRA: SSB's municipal statistics read from StatBank CSV, JSON-stat and sheets, codes
//!   harmonised across reforms, aggregated to groups, compared and charted per region
//!   ([`kostra`]).
//! - Input and output: CSV and spreadsheet readers ([`io`]); every output table defined once
//!   ([`schema`]), written as CSV or built as a polars DataFrame (feature `polars`).
//!
//! ```
//! use spc_core::{ChartKind, ChartSpec, Input};
//!
//! // Montgomery's weekly cost data (qicharts2 `ex_6.5`), baseline of the first 20 weeks.
//! let y = vec![
//!     310., 288., 297., 298., 307., 303., 294., 297., 308., 306., 294., 299., 297., 299., 314., 295.,
//!     293., 306., 301., 304., 305., 282., 305., 296., 314., 295., 287., 301., 298., 311., 310., 292.,
//!     305., 299., 304., 310., 304., 305., 333., 328.,
//! ];
//! let chart = ChartSpec::new(ChartKind::I).freeze(20).compute(&Input::from_y(y)).unwrap();
//! assert!((chart.cl[0] - 300.5).abs() < 1e-9);
//! assert!((chart.ucl[0] - 321.216685).abs() < 1e-6);
//! assert!(chart.sigma_signal[38] && chart.sigma_signal[39]); // weeks 39 and 40
//! ```
//!
//! Modules: `compute` (the pipeline, behind [`ChartSpec::compute`]), `limits` per chart family
//! (behind [`ChartKind`]), [`runs`] (Anhøj rules), [`constants`] (c4, d2, ...), [`kernels`]
//! (the limits on plain slices), [`io`] (CSV and sheets in), [`schema`] (every output table:
//! its columns, its CSV and its DataFrame).

pub mod baseline;
mod compute;
pub mod constants;
mod error;
mod flags;
pub mod funnel;
mod input;
pub mod io;
pub mod kernels;
mod kind;
pub mod kostra;
mod lang;
mod limits;
pub mod line;
pub mod mdc;
mod report;
pub mod request;
mod result;
pub mod rules;
pub mod runs;
pub mod schema;
mod spec;
pub mod stats;
mod values;
pub mod verdict;
mod warnings;

pub use compute::{compute, compute_owned};
pub use error::{Error, Location, Result};
pub use flags::Flags;
pub use input::{Input, XColumn};
pub use kind::{Agg, ChartKind, RunsMethod, CHART_NAMES};
pub use lang::Lang;
pub use line::Line;
pub use report::{facet_label, summary_text, summary_text_lang};
pub use result::{Chart, PartSummary};
pub use spec::ChartSpec;
pub use values::Values;

/// The README's Rust example, compiled and run as a doctest.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// The polars crate this one builds its DataFrames with.
#[cfg(feature = "polars")]
pub use polars;
