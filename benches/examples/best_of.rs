//! The best of 100 single calls, for comparing two builds on a noisy machine.
//!
//! ```text
//! cargo run --release -p spc-benches --example best_of [N]
//! ```
//! Prints, for y ~ N(100, 10) of N points (default 1,000,000; the data of the criterion
//! benches): the I-chart kernel (`spc_core::kernels::individuals`) and a whole I chart through
//! `compute_owned` and `compute`. Each figure is the shortest of 100 calls; each chart is kept
//! until three calls later, so that freeing it is not timed (criterion's figures are means and
//! include the freeing). On a shared VM the minimum moves much less than the mean from run to
//! run: to compare two commits, build this example at each and run them alternately.

use std::hint::black_box;
use std::time::Instant;

use spc_benches::{normal, SEED};
use spc_core::{ChartKind, ChartSpec, Input, RunsMethod};

const CALLS: usize = 100;

fn best_ms(mut call: impl FnMut() -> f64) -> f64 {
    (0..CALLS).map(|_| call()).fold(f64::INFINITY, f64::min)
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let y = normal(n, SEED, 100.0, 10.0);
    let kernel = best_ms(|| {
        let t = Instant::now();
        black_box(spc_core::kernels::individuals(black_box(&y), true, RunsMethod::Anhoej));
        t.elapsed().as_secs_f64() * 1e3
    });
    let spec = ChartSpec::new(ChartKind::I);
    let input = Input::from_y(y);
    let mut kept = std::collections::VecDeque::new();
    let owned = best_ms(|| {
        let taken = input.clone();
        let t = Instant::now();
        let chart = spec.compute_owned(black_box(taken)).expect("valid input");
        let ms = t.elapsed().as_secs_f64() * 1e3;
        kept.push_back(chart);
        if kept.len() > 3 {
            kept.pop_front();
        }
        ms
    });
    let copied = best_ms(|| {
        let t = Instant::now();
        let chart = spec.compute(black_box(&input)).expect("valid input");
        let ms = t.elapsed().as_secs_f64() * 1e3;
        kept.push_back(chart);
        if kept.len() > 3 {
            kept.pop_front();
        }
        ms
    });
    println!("n={n} best of {CALLS}: i_kernel {kernel:.3} ms, i compute_owned {owned:.3} ms, i compute {copied:.3} ms");
}
