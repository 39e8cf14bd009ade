//! Speed of grouped SPC over a KOSTRA table: one chart per municipality x indicator.
//!
//! Run with `cargo bench -p spc-benches --bench kostra_grouped`. The table is synthetic and
//! seeded: 356 municipalities x 100 indicators x 20 years (712,000 cells) in SSB's order
//! (region, then year, then indicator), each series at its own level, y ~ N(level, level/10),
//! and about 1 % of the cells missing (`..`). The target: the whole table in under a
//! second on two cores, through `spc_core::kostra::grouped::charts`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use spc_benches::{std_normal, uniform, SEED};
use spc_core::kostra::grouped::{charts, GroupedSpec};
use spc_core::kostra::{KostraTable, Period, Record, RegionType, Status};
use spc_core::{ChartKind, ChartSpec};

/// Municipalities, indicators and years of the table.
const SHAPE: (usize, usize, usize) = (356, 100, 20);

/// The synthetic table (see the module docs).
fn table(regions: usize, indicators: usize, years: usize) -> KostraTable {
    let names: Vec<String> = (0..indicators).map(|k| format!("indicator_{k:03}")).collect();
    let mut records = Vec::with_capacity(regions * indicators * years);
    for r in 0..regions {
        let code = format!("{:04}", 101 + r);
        let name = format!("Kommune {r}");
        for t in 0..years {
            for (k, indicator) in names.iter().enumerate() {
                let i = ((r * indicators + k) * years + t) as u64;
                let level = 10.0 + 90.0 * uniform(SEED ^ 1, (r * indicators + k) as u64);
                let missing = uniform(SEED ^ 2, i) < 0.01;
                let value = (!missing).then(|| level + level / 10.0 * std_normal(SEED, i));
                records.push(Record {
                    region_code: code.clone(),
                    region_type: RegionType::Municipality,
                    region_name: name.clone(),
                    indicator: indicator.clone(),
                    period: Period::Year(2002 + t as i32),
                    value,
                    numerator: None,
                    denominator: None,
                    status: missing.then_some(Status::NotAvailable),
                });
            }
        }
    }
    KostraTable { records, warnings: Vec::new() }
}

fn grouped(c: &mut Criterion) {
    let (regions, indicators, years) = SHAPE;
    let t = table(regions, indicators, years);
    let mut group = c.benchmark_group("kostra_grouped");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Elements(t.records.len() as u64));
    for (name, kind) in [("i", ChartKind::I), ("run", ChartKind::Run)] {
        let spec = GroupedSpec::new(ChartSpec::new(kind));
        // One timed call first, as a user's single run sees it (cold caches, fresh memory),
        // and the time to free its result, which the criterion loop below includes.
        let start = Instant::now();
        let out = charts(&t, &spec).expect("the synthetic table charts");
        let computed = start.elapsed();
        assert_eq!(out.series.len(), regions * indicators);
        let (n_series, n_failed) = (out.series.len(), out.series.iter().filter(|s| s.chart.is_err()).count());
        let start = Instant::now();
        drop(out);
        eprintln!(
            "kostra_grouped/{name}: first call {:.1} ms (+ {:.1} ms to free the result), {n_series} series, {n_failed} without a chart",
            computed.as_secs_f64() * 1e3,
            start.elapsed().as_secs_f64() * 1e3,
        );
        let id = format!("{name}/{regions}x{indicators}x{years}");
        group.bench_function(&id, |b| b.iter(|| charts(black_box(&t), black_box(&spec))));
    }
    group.finish();
}

criterion_group!(benches, grouped);
criterion_main!(benches);
