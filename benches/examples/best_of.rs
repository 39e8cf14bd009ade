//! The best of 100 single calls, for comparing two builds on a noisy machine.
//!
//! ```text
//! cargo run --release -p spc-benches --example best_of [N] [KIND]
//! ```
//! KIND is `i` (the default), `run`, `p` or `xbar`, on the data of the criterion benches
//! (`spc_benches::chart_inputs`, N rows, default 1,000,000). For `i` it prints the I-chart kernel
//! (`spc_core::kernels::individuals`) and the whole chart through `compute_owned` and `compute`;
//! for the other kinds the whole chart both ways. Each figure is the shortest of 100 calls; each
//! chart is kept until three calls later, so that freeing it is not timed (criterion's figures
//! are means and include the freeing). On a shared VM the minimum moves much less than the mean
//! from run to run: to compare two commits, build this example at each and run them alternately.

use std::collections::VecDeque;
use std::hint::black_box;
use std::time::Instant;

use spc_benches::chart_inputs;
use spc_core::{Chart, ChartKind, ChartSpec, Input, RunsMethod};

const CALLS: usize = 100;

fn best_ms(mut call: impl FnMut() -> f64) -> f64 {
    (0..CALLS).map(|_| call()).fold(f64::INFINITY, f64::min)
}

/// Times one call, then keeps its chart for three more calls.
fn timed(kept: &mut VecDeque<Chart>, call: impl FnOnce() -> Chart) -> f64 {
    let t = Instant::now();
    let chart = call();
    let ms = t.elapsed().as_secs_f64() * 1e3;
    kept.push_back(chart);
    if kept.len() > 3 {
        kept.pop_front();
    }
    ms
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let name = args.next().unwrap_or_else(|| "i".to_string());
    let Ok(kind @ (ChartKind::I | ChartKind::Run | ChartKind::P | ChartKind::Xbar)) = name.parse::<ChartKind>() else {
        eprintln!("best_of: KIND must be i, run, p or xbar, not {name:?}");
        std::process::exit(2);
    };
    let input: Input = chart_inputs(kind, n);
    let spec = ChartSpec::new(kind);
    let mut kept = VecDeque::new();
    let owned = best_ms(|| {
        let taken = input.clone();
        timed(&mut kept, || spec.compute_owned(black_box(taken)).expect("valid input"))
    });
    let copied = best_ms(|| timed(&mut kept, || spec.compute(black_box(&input)).expect("valid input")));
    let kernel = if kind == ChartKind::I {
        let kernel = best_ms(|| {
            let t = Instant::now();
            black_box(spc_core::kernels::individuals(black_box(&input.y), true, RunsMethod::Anhoej));
            t.elapsed().as_secs_f64() * 1e3
        });
        format!("{name}_kernel {kernel:.3} ms, ")
    } else {
        String::new()
    };
    println!("n={n} best of {CALLS}: {kernel}{name} compute_owned {owned:.3} ms, {name} compute {copied:.3} ms");
}
