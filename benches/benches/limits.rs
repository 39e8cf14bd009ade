//! Speed of `spc-core`: whole charts through the public API, and the I-chart kernel.
//!
//! Run with `cargo bench -p spc-benches` (a few minutes); medians land in
//! `target/criterion/<group>/<id>/new/estimates.json`. Data shapes are in [`SHAPES`].

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use spc_benches::{chart_inputs, faceted, normal, FACETED, SEED, SIZES};
use spc_core::runs::{anhoej_limits, runs_analysis, Runs};
use spc_core::stats::mean_na;
use spc_core::{ChartKind, ChartSpec, Input, RunsMethod, XColumn};

/// What each benchmark feeds `spc-core`. `n` is always the number of input rows, and
/// throughput is reported in input rows per second.
const SHAPES: &str = "\
run/n, i/n:      Input::from_y(y), y ~ N(100, 10), x = 1..n; n points, one part, no facet
run_owned/n, i_owned/n: the same through compute_owned (the chart keeps the input's x and y;
                 the input is cloned in the untimed setup of each iteration)
p/n:             x = 1..n, y ~ Binomial(d, 0.1) counts, n = d in 100..=200; n points
xbar/n:          n rows = n/5 subgroups of 5 (x = 1,1,1,1,1,2,...); the rows of one x are the subgroup
i_faceted/400x20: 8,000 rows, facet column s000..s399, x = 1..20 within each facet, y ~ N(100, 10)
i_kernel/n:      spc_core::kernels::individuals: mean, screened mean |diff(y)|, runs_analysis on a slice;
                 no aggregation, no output columns (what one numpy pass is compared with)
i_kernel_parts/*: the two halves of i_kernel at 1e6, and runs_reference (benches/src/lib.rs): the
                 same counts as runs_analysis without data-dependent branches, for comparison
anhoej_limits/k: spc_core::runs::anhoej_limits(k) (qbinom through statrs), called twice per part
fresh_24_columns/n: 24 x vec![NaN; n] live at once, then freed: fresh memory the size of the
                 heap peak of one I chart (examples/peak_memory.rs), with no arithmetic";

/// Measurement settings scaled to the size, so the whole run takes a few minutes.
fn tune(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, n: usize) {
    if n >= 100_000 {
        group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    } else {
        group.sample_size(30).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(1));
    }
}

fn charts(c: &mut Criterion) {
    eprintln!("benchmark shapes:\n{SHAPES}");
    for (name, kind) in [("run", ChartKind::Run), ("i", ChartKind::I), ("p", ChartKind::P), ("xbar", ChartKind::Xbar)] {
        let mut group = c.benchmark_group(name);
        let spec = ChartSpec::new(kind);
        for n in SIZES {
            let input = chart_inputs(kind, n);
            let expected_points = if kind == ChartKind::Xbar { n / spc_benches::SUBGROUP } else { n };
            let chart = spec.compute(&input).expect("benchmark input is valid");
            assert_eq!(chart.y.len(), expected_points, "{name}/{n}");
            tune(&mut group, n);
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::from_parameter(n), &input, |b, input| {
                b.iter(|| spec.compute(black_box(input)).expect("benchmark input is valid"));
            });
        }
        group.finish();
    }
}

/// Run and I charts through `compute_owned`, which keeps the input's x and y instead of
/// copying them: the input is cloned in the (untimed) setup of each iteration.
fn charts_owned(c: &mut Criterion) {
    for (name, kind) in [("run_owned", ChartKind::Run), ("i_owned", ChartKind::I)] {
        let mut group = c.benchmark_group(name);
        let spec = ChartSpec::new(kind);
        for n in SIZES {
            let input = chart_inputs(kind, n);
            tune(&mut group, n);
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::from_parameter(n), &input, |b, input| {
                b.iter_batched(
                    || input.clone(),
                    |input| spec.compute_owned(black_box(input)).expect("benchmark input is valid"),
                    BatchSize::LargeInput,
                );
            });
        }
        group.finish();
    }
}

fn charts_faceted(c: &mut Criterion) {
    let (series, len) = FACETED;
    let (x, y, facet) = faceted(series, len, SEED);
    let input = Input::new(XColumn::Number(spc_core::Values::from(x)), y).with_facet(facet);
    let spec = ChartSpec::new(ChartKind::I);
    let chart = spec.compute(&input).expect("benchmark input is valid");
    assert_eq!(chart.summary.len(), series);
    let mut group = c.benchmark_group("i_faceted");
    tune(&mut group, series * len);
    group.throughput(Throughput::Elements((series * len) as u64));
    group.bench_with_input(BenchmarkId::from_parameter(format!("{series}x{len}")), &input, |b, input| {
        b.iter(|| spec.compute(black_box(input)).expect("benchmark input is valid"));
    });
    group.finish();
}

/// The I-chart kernel exactly as `compute` runs it (`spc_core::kernels::individuals`): mean,
/// screened mean moving range, Anhøj runs analysis against the mean.
fn i_kernel(y: &[f64], _include: &[bool]) -> (f64, f64, Runs) {
    let (cl, sigma, runs) = spc_core::kernels::individuals(y, true, RunsMethod::Anhoej);
    (cl - 3.0 * sigma, cl + 3.0 * sigma, runs)
}

/// Centre line and sigma of an I chart without screening (the first half of the kernel).
fn i_lines(y: &[f64]) -> (f64, f64) {
    let cl = mean_na(y.iter().copied());
    let amr = mean_na(y.windows(2).map(|w| (w[1] - w[0]).abs()));
    (cl, amr / 1.128)
}

fn kernel(c: &mut Criterion) {
    let mut group = c.benchmark_group("i_kernel");
    for n in SIZES {
        let y = normal(n, SEED, 100.0, 10.0);
        let include = vec![true; n];
        tune(&mut group, n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &y, |b, y| {
            b.iter(|| i_kernel(black_box(y), black_box(&include)));
        });
    }
    group.finish();

    let n = 1_000_000;
    let y = normal(n, SEED, 100.0, 10.0);
    let include = vec![true; n];
    let (cl, _) = i_lines(&y);
    let mut group = c.benchmark_group("i_kernel_parts");
    tune(&mut group, n);
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("mean_and_mr_1e6", |b| b.iter(|| i_lines(black_box(&y))));
    group.bench_function("runs_analysis_1e6", |b| {
        b.iter(|| runs_analysis(black_box(&y), &[cl], black_box(&include), RunsMethod::Anhoej));
    });
    group.bench_function("runs_reference_branchless_1e6", |b| {
        b.iter(|| spc_benches::runs_reference(black_box(&y), cl, black_box(&include)));
    });
    group.finish();
}

/// Pieces that explain the whole-chart times: the Anhøj limits and fresh memory.
fn pieces(c: &mut Criterion) {
    let mut group = c.benchmark_group("anhoej_limits");
    group.sample_size(20).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(1));
    for k in [20_u32, 1_000, 10_000, 100_000, 1_000_000] {
        group.bench_with_input(BenchmarkId::from_parameter(k), &k, |b, &k| b.iter(|| anhoej_limits(black_box(k))));
    }
    group.finish();

    let mut group = c.benchmark_group("fresh_24_columns");
    for n in [100_000, 1_000_000] {
        tune(&mut group, n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, &n| {
            b.iter(|| (0..24).map(|_| vec![f64::NAN; black_box(n)]).collect::<Vec<_>>());
        });
    }
    group.finish();
}

criterion_group!(benches, kernel, pieces, charts, charts_owned, charts_faceted);
criterion_main!(benches);
