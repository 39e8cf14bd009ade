"""spc.qic from Python on polars DataFrames, and the binding's overhead over the Rust compute.

Workloads (the seeded data of benches/src/lib.rs through data.py): an I chart of 1e5 and 1e6
rows (x = 1..n, y ~ N(100, 10)), a P chart of 1e6 rows (y out of n), and the faceted I chart of
400 facets x 20 rows. For each: the median wall time of `spc.qic(df, ...)`; inside it, the
seconds the Rust side spent converting the columns (`convert`) and in `spc_core` compute
(`compute`), as the binding measures them (`ChartResult._timings`); the overhead of the whole
call over the compute, `(qic - compute) / compute`; and the time of `chart.data` (the result as
a polars DataFrame in Python). Then the same without `.data`, the calls back to back (median of
at least 31).

Numbers mean something only for a release build of the package (about 10 minutes the first
time, polars in release):

    python3 -m venv /tmp/pybench
    /tmp/pybench/bin/pip install -r crates/spc-py/requirements-dev.txt
    (cd crates/spc-py && VIRTUAL_ENV=/tmp/pybench CARGO_TARGET_DIR=/tmp/target-release \\
        /tmp/pybench/bin/maturin develop --release)
    /tmp/pybench/bin/python benches/compare/python_binding.py [--repeat 7] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data  # noqa: E402  (benches/compare/data.py: the seeded data of the Rust benches)
import spc  # noqa: E402


def workloads() -> list[tuple[str, pl.DataFrame, dict[str, Any]]]:
    out = []
    for n in (100_000, 1_000_000):
        df = pl.DataFrame({"x": data.positions(n), "y": data.normal(n)})
        out.append((f"i chart, {n:,} rows", df, {"x": "x", "y": "y", "chart": "i"}))
    y, d = data.proportions(1_000_000)
    df = pl.DataFrame({"x": data.positions(1_000_000), "y": y, "n": d})
    out.append(("p chart, 1,000,000 rows", df, {"x": "x", "y": "y", "n": "n", "chart": "p"}))
    series, length = data.FACETED
    x, y, facet = data.faceted()
    df = pl.DataFrame({"x": x, "y": y, "facet": facet})
    out.append((f"i chart, {series} facets x {length} rows", df, {"x": "x", "y": "y", "facet": "facet", "chart": "i"}))
    return out


def fmt(s: float) -> str:
    return f"{s * 1e3:.2f} ms" if s >= 1e-3 else f"{s * 1e6:.1f} µs"


def measure(df: pl.DataFrame, kwargs: dict[str, Any], repeat: int, with_data: bool = True) -> dict[str, float]:
    spc.qic(df, **kwargs).data  # warm up: first calls load and allocate
    rows: list[dict[str, float]] = []
    chart = None
    for _ in range(repeat):
        chart = None  # free the previous result outside the timed call
        t0 = time.perf_counter()
        chart = spc.qic(df, **kwargs)
        t1 = time.perf_counter()
        if with_data:
            chart.data
        t2 = time.perf_counter()
        timings = chart._result._timings
        r = {"qic": t1 - t0, "data": t2 - t1, **timings}
        r["python_and_pyo3"] = r["qic"] - r["convert"] - r["compute"]
        r["overhead"] = (r["qic"] - r["compute"]) / r["compute"]
        r["overhead_with_data"] = (r["qic"] + r["data"] - r["compute"]) / r["compute"]
        rows.append(r)
    med: Callable[[str], float] = lambda k: statistics.median(r[k] for r in rows)  # noqa: E731
    return {k: med(k) for k in rows[0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    so = Path(spc._spc.__file__)
    print(f"spc {spc.__version__} ({so.name}), polars {pl.__version__}, Python {platform.python_version()}")
    print(f"median of {args.repeat} calls after a warm-up\n")
    print("| workload | spc.qic | Rust: convert | Rust: compute | Python + pyo3 | overhead over compute | .data | overhead incl. .data |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    results = {}
    for name, df, kwargs in workloads():
        m = measure(df, kwargs, args.repeat)
        results[name] = m
        print(
            f"| {name} | {fmt(m['qic'])} | {fmt(m['convert'])} | {fmt(m['compute'])} | {fmt(m['python_and_pyo3'])} "
            f"| {m['overhead']:.1%} | {fmt(m['data'])} | {m['overhead_with_data']:.1%} |"
        )
    # The same calls back to back, without reading `.data` in between: building the previous
    # chart's DataFrame leaves the caches cold and the allocator with pages to return, which
    # the table above counts in the next call's overhead.
    print("\nCalls back to back (no `.data` in between):\n")
    print("| workload | spc.qic | Rust: compute | Python + pyo3 | overhead over compute |")
    print("|---|---:|---:|---:|---:|")
    for name, df, kwargs in workloads():
        m = measure(df, kwargs, max(args.repeat, 31), with_data=False)
        results[name + " (back to back)"] = m
        print(f"| {name} | {fmt(m['qic'])} | {fmt(m['compute'])} | {fmt(m['python_and_pyo3'])} | {m['overhead']:.1%} |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
