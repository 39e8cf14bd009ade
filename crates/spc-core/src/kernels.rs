//! The kernels behind the charts, on plain slices, for callers that already have clean
//! series (and for benchmarks): the same code `compute` runs, without aggregation or output
//! columns.

use crate::kind::RunsMethod;
use crate::runs::Runs;

/// The lines and runs analysis of an I chart of `y` (all points in the baseline, none
/// excluded): centre line, sigma (MR̄/1.128, Nelson-screened when `screen_mr`) and the Anhøj
/// runs analysis against the centre line. Missing values are `NaN`.
///
/// ```
/// let y = [5.0, 7.0, 6.0, 8.0, 7.0, 9.0, 6.0, 7.0, 8.0, 6.0];
/// let (cl, sigma, runs) = spc_core::kernels::individuals(&y, true, spc_core::RunsMethod::Anhoej);
/// assert!((cl - 6.9).abs() < 1e-12);
/// // Moving ranges 2 1 2 1 2 3 1 1 2: mean 15/9, none screened.
/// assert!((sigma - 15.0 / 9.0 / 1.128).abs() < 1e-12);
/// assert_eq!(runs.n_useful, 10);
/// ```
pub fn individuals(y: &[f64], screen_mr: bool, method: RunsMethod) -> (f64, f64, Runs) {
    let l = crate::limits::individuals_all(y, None, None, screen_mr, method);
    (l.cl, l.sigma, l.runs)
}
