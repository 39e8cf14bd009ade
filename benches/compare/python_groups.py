"""spc.qic on 400 groups x 20 rows against the Python peers, all timed in turns in one process.

The data is the faceted benchmark of benches/src/lib.rs (data.faceted(): facet s000..s399,
x = 1..20 within each facet, y ~ N(100, 10)). `spc.qic(df, x="x", y="y", facet="facet")` charts
every group in one call, on a polars DataFrame; it is timed without and with `.data` (the
per-point result as a DataFrame, which the peers also return). The peers have no facets
except controlchartspy (`indicators=`), so pyqicharts and shewhart chart each group of a pandas
groupby, as their users would:

  pyqicharts       qic_table(group, x, y, chart=...)  for each of the 400 groups
  shewhart         imr(group, value) / run_chart(group, value)  for each group
  controlchartspy  spc(df, keys, numerators, indicators="facet", return_objs="limits"),
                   one call (I chart only: its run chart has no indicators split)

Every callable is timed once per round, in turn, for --rounds rounds (spc's calls more often:
--spc-calls per round), so that the ratios compare the same minutes of this noisy machine; each
result is freed outside the timed call.
Best and median per callable, and each peer's best divided by spc.qic's best (with .data).
Needs a release build of the package (see python_binding.py) and the peers:

    /tmp/pybench/bin/pip install pyqicharts shewhart controlchartspy pandas
    /tmp/pybench/bin/python benches/compare/python_groups.py [--rounds 3] [--out FILE.md]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
import warnings
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data  # noqa: E402
import spc  # noqa: E402


def calls() -> dict[str, tuple[str, Callable[[], Any]]]:
    """name -> (chart, zero-argument callable)."""
    import pandas as pd

    x, y, facet = data.faceted()
    df = pl.DataFrame({"x": x, "y": y, "facet": facet})
    pdf = pd.DataFrame({"x": x, "y": y, "facet": facet})
    groups = [g for _, g in pdf.groupby("facet", sort=False)]
    out: dict[str, tuple[str, Callable[[], Any]]] = {}
    for chart in ("i", "run"):
        kw = {"x": "x", "y": "y", "facet": "facet", "chart": chart}
        out[f"spc.qic {chart}"] = (chart, lambda kw=kw: spc.qic(df, **kw))
        out[f"spc.qic {chart} + .data"] = (chart, lambda kw=kw: spc.qic(df, **kw).data)
    try:
        import pyqicharts as pq

        for chart in ("i", "run"):
            out[f"pyqicharts {chart}"] = (
                chart,
                lambda chart=chart: [pq.qic_table(g, x="x", y="y", chart=chart) for g in groups],
            )
    except ImportError as e:
        print(f"pyqicharts not timed: {e}", file=sys.stderr)
    try:
        import shewhart as sw

        out["shewhart i"] = ("i", lambda: [sw.imr(g, value="y") for g in groups])
        out["shewhart run"] = ("run", lambda: [sw.run_chart(g, value="y") for g in groups])
    except ImportError as e:
        print(f"shewhart not timed: {e}", file=sys.stderr)
    try:
        import controlchartspy as cc

        keyed = pdf.assign(k=[f"{i:05d}" for i in range(len(pdf))])
        out["controlchartspy i"] = (
            "i",
            lambda: cc.spc(keyed, keys="k", numerators="y", indicators="facet", spc_settings={"chart_type": "i"}, return_objs="limits"),
        )
    except ImportError as e:
        print(f"controlchartspy not timed: {e}", file=sys.stderr)
    return out


def fmt(s: float) -> str:
    if s >= 1.0:
        return f"{s:.2f} s"
    return f"{s * 1e3:.2f} ms" if s >= 1e-3 else f"{s * 1e6:.1f} µs"


def version(module: str) -> str:
    try:
        return metadata.version(module)
    except metadata.PackageNotFoundError:
        return "?"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3, help="rounds of every callable in turn (default 3)")
    ap.add_argument("--spc-calls", type=int, default=11, help="spc.qic calls per round (default 11)")
    ap.add_argument("--out", help="also write the table to this Markdown file")
    a = ap.parse_args()
    warnings.simplefilter("ignore")
    todo = calls()
    for _, f in todo.values():
        f()  # warm-up: imports, first allocations
    times: dict[str, list[float]] = {name: [] for name in todo}
    for _ in range(a.rounds):
        for name, (_, f) in todo.items():
            for _ in range(a.spc_calls if name.startswith("spc.") else 1):
                result = None  # the previous result is freed outside the timed call
                start = time.perf_counter()
                result = f()
                times[name].append(time.perf_counter() - start)
            result = None
    series, length = data.FACETED
    lines = [
        f"{series} groups x {length} rows, {a.rounds} rounds in turn ({a.spc_calls} spc.qic calls per round); "
        f"Python {platform.python_version()}, polars {version('polars')}, pandas {version('pandas')}, "
        f"pyqicharts {version('pyqicharts')}, shewhart {version('shewhart')}, controlchartspy {version('controlchartspy')}",
        "",
        "| call | chart | best | median | calls | best / spc.qic + .data best |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, (chart, _) in todo.items():
        ts = times[name]
        base = min(times[f"spc.qic {chart} + .data"])
        ratio = "" if name.startswith("spc.") else f"{min(ts) / base:,.0f}x"
        lines.append(f"| {name} | {chart} | {fmt(min(ts))} | {fmt(statistics.median(ts))} | {len(ts)} | {ratio} |")
    text = "\n".join(lines)
    print(text)
    if a.out:
        Path(a.out).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
