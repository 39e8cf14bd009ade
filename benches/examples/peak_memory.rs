//! Memory (and one-shot time) of one `compute` on seeded data.
//!
//! ```text
//! cargo run --release -p spc-benches --example peak_memory -- [KIND] [N] [REPEAT] [owned]
//! ```
//! KIND is `i` (default), `run`, `p` or `xbar`; `owned` computes with `compute_owned` (the
//! chart takes the input; the input is then counted in the result, not before it); N rows (default 1,000,000); REPEAT computes
//! that many times (for profilers; figures are of the last one). A counting allocator gives
//! the exact peak of live heap bytes during `compute`; `/proc/self` gives the peak RSS (reset
//! just before `compute`) and the minor page faults `compute` caused. One JSON line out.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Instant;

use spc_benches::{normal, peak_rss_bytes, positions, proportions, reset_peak_rss, rss_bytes, subgroups, SEED};
use spc_core::{ChartKind, ChartSpec, Input, XColumn};

struct Counting;

static LIVE: AtomicU64 = AtomicU64::new(0);
static PEAK: AtomicU64 = AtomicU64::new(0);
static TOTAL: AtomicU64 = AtomicU64::new(0);
static COUNT: AtomicU64 = AtomicU64::new(0);

fn grow(bytes: u64) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
    TOTAL.fetch_add(bytes, Relaxed);
    COUNT.fetch_add(1, Relaxed);
}

// SAFETY: every call is forwarded to `System` unchanged; only counters are updated.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size() as u64);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grow(layout.size() as u64);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as u64, Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_sub(layout.size() as u64, Relaxed);
        grow(new_size as u64);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Minor page faults of this process so far (field 10 of `/proc/self/stat`).
fn minor_faults() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the `(comm)` one; minflt is the 10th field overall, the 8th after it.
    stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().nth(7)).and_then(|v| v.parse().ok()).unwrap_or(0)
}

const MB: f64 = 1e6;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let kind_name = args.first().map_or("i", String::as_str);
    let n: usize = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let repeat: usize = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(1).max(1);
    let owned = args.get(3).is_some_and(|a| a == "owned");
    let (kind, input) = match kind_name {
        "run" => (ChartKind::Run, Input::from_y(normal(n, SEED, 100.0, 10.0))),
        "i" => (ChartKind::I, Input::from_y(normal(n, SEED, 100.0, 10.0))),
        "p" => {
            let (y, d) = proportions(n, SEED);
            (ChartKind::P, Input::new(XColumn::Number(spc_core::Values::from(positions(n))), y).with_n(d))
        }
        "xbar" => {
            let (x, y) = subgroups(n, SEED);
            (ChartKind::Xbar, Input::new(XColumn::Number(spc_core::Values::from(x)), y))
        }
        other => panic!("unknown kind {other}: use i, run, p or xbar"),
    };
    let columns = 2 + usize::from(input.n.is_some());
    let input_bytes = (columns * n * std::mem::size_of::<f64>()) as f64;
    let spec = ChartSpec::new(kind);
    for _ in 1..repeat {
        let chart = if owned { spec.compute_owned(input.clone()) } else { spec.compute(&input) };
        drop(chart.expect("valid input"));
    }
    // Owned: the copy handed over is made before counting starts and is counted as live
    // before `compute`; what the result adds to it is what `compute` costs.
    let handed = owned.then(|| input.clone());

    let live_before = LIVE.load(Relaxed);
    let rss_before = rss_bytes().unwrap_or(0);
    let rss_reset = reset_peak_rss().is_ok();
    PEAK.store(live_before, Relaxed);
    let (total0, count0, faults0) = (TOTAL.load(Relaxed), COUNT.load(Relaxed), minor_faults());
    let t0 = Instant::now();
    let chart = match handed {
        Some(input) => spec.compute_owned(input),
        None => spec.compute(&input),
    }
    .expect("valid input");
    let secs = t0.elapsed().as_secs_f64();
    let faults = minor_faults() - faults0;
    let heap_peak = PEAK.load(Relaxed) - live_before;
    // May be negative with `owned`: compute drops the parts of the input it does not keep.
    let heap_result = LIVE.load(Relaxed) as i64 - live_before as i64;
    let rss_peak = peak_rss_bytes().unwrap_or(0);
    let points = chart.y.len();
    drop(chart);
    println!(
        "{{\"kind\":\"{kind_name}\",\"owned\":{owned},\"rows\":{n},\"points\":{points},\"input_mb\":{:.1},\"compute_ms\":{:.2},\
\"heap_peak_during_compute_mb\":{:.1},\"heap_peak_copies_of_input\":{:.2},\"result_mb\":{:.1},\
\"heap_allocated_total_mb\":{:.1},\"allocations\":{},\"minor_page_faults\":{faults},\"fault_mb\":{:.1},\
\"rss_before_compute_mb\":{:.1},\"rss_peak_mb\":{:.1},\"rss_peak_reset_before_compute\":{rss_reset},\
\"rss_growth_during_compute_mb\":{:.1}}}",
        input_bytes / MB,
        secs * 1e3,
        heap_peak as f64 / MB,
        heap_peak as f64 / input_bytes,
        heap_result as f64 / MB,
        (TOTAL.load(Relaxed) - total0) as f64 / MB,
        COUNT.load(Relaxed) - count0,
        (faults * 4096) as f64 / MB,
        rss_before as f64 / MB,
        rss_peak as f64 / MB,
        rss_peak.saturating_sub(rss_before) as f64 / MB,
    );
}
