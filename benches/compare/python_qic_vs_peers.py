"""spc.qic from Python against the Python SPC peers on the same seeded data.

For each chart (i, run, p, xbar) and size (1e3 .. 1e6 rows) this times `spc.qic` on a polars
DataFrame (best of N calls, as python_peers.py times the peers) and divides the peers' best times
in results/peers.json (written by python_peers.py on the same data) by it. Target of the Python
issue: every peer at least 10x slower. Needs a release build of the package:

    (cd crates/spc-py && VIRTUAL_ENV=/tmp/pybench CARGO_TARGET_DIR=/tmp/target-release \\
        /tmp/pybench/bin/maturin develop --release)
    /tmp/pybench/bin/python benches/compare/python_qic_vs_peers.py [--peers FILE ...]

`--peers` takes one or more outputs of python_peers.py; a row of a later file replaces the same
(peer, chart, n) of an earlier one, so peers rerun on the day can be laid over an older full run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import polars as pl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import data  # noqa: E402
import spc  # noqa: E402

SIZES = (1_000, 10_000, 100_000, 1_000_000)


def frame(chart: str, n: int) -> tuple[pl.DataFrame, dict]:
    if chart in ("i", "run"):
        return pl.DataFrame({"x": data.positions(n), "y": data.normal(n)}), {"x": "x", "y": "y"}
    if chart == "p":
        y, d = data.proportions(n)
        return pl.DataFrame({"x": data.positions(n), "y": y, "n": d}), {"x": "x", "y": "y", "n": "n"}
    x, y = data.subgroups(n)
    return pl.DataFrame({"x": x, "y": y}), {"x": "x", "y": "y"}


def best(f, repeat: int) -> float:
    f()  # warm-up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def fmt(s: float) -> str:
    return f"{s * 1e3:.2f} ms" if s >= 1e-3 else f"{s * 1e6:.1f} µs"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--peers", nargs="+", default=[str(HERE / "results" / "peers.json")])
    args = ap.parse_args()
    merged: dict[tuple[str, str, int], dict] = {}
    for path in args.peers:
        for r in json.loads(Path(path).read_text())["rows"]:
            merged[(r["peer"], r["chart"], r["n"])] = r
    peers = list(merged.values())
    print("| chart | n | spc.qic (best) | " + " | ".join(f"{p} / spc.qic" for p in ("pyqicharts", "shewhart", "controlchartspy")) + " |")
    print("|---|---:|---:|---:|---:|---:|")
    for chart in ("i", "run", "p", "xbar"):
        for n in SIZES:
            df, cols = frame(chart, n)
            t = best(lambda: spc.qic(df, chart=chart, **cols), 7 if n < 1_000_000 else 5)
            cells = []
            for peer in ("pyqicharts", "shewhart", "controlchartspy"):
                row = next((r for r in peers if r["peer"] == peer and r["chart"] == chart and r["n"] == n), None)
                if row is None or row.get("status") != "ok":
                    status = "not run" if row is None else row.get("status", "?")
                    cells.append(status)
                else:
                    cells.append(f"{row['best_s'] / t:,.1f}x")
            print(f"| {chart} | {n:,} | {fmt(t)} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
