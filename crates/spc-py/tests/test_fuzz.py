"""Fuzz-style: random DataFrames, arrays and options only ever give a chart or an SpcError.

Seeded, so a failure is reproducible: the message names the seed and the call.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import numpy as np
import pandas as pd
import polars as pl

import spc

KINDS = [k.strip() for k in spc.CHART_NAMES.split(",")] + ["zz", "P", "xmr"]
SPECIAL = [0.0, -1.0, 1e300, -1e300, 1e-300, float("nan"), float("inf"), float("-inf"), None, 3.5, 1e9]


def _value(r: random.Random) -> Any:
    if r.random() < 0.15:
        return r.choice(SPECIAL)
    return r.choice([r.randint(-5, 50), r.gauss(10, 5), r.random()])


def _x(r: random.Random, m: int) -> list[Any]:
    kind = r.choice(["num", "date", "text", "dup", "none", "ssb"])
    if kind == "num":
        return [float(i) if r.random() > 0.05 else None for i in range(m)]
    if kind == "date":
        start = dt.date(2020, 1, 1)
        return [start + dt.timedelta(days=r.randint(0, 400)) for _ in range(m)]
    if kind == "text":
        return [r.choice(["a", "b", "c", "Oslo", "", None]) for _ in range(m)]
    if kind == "ssb":
        return [f"{2000 + i // 4}K{i % 4 + 1}" for i in range(m)]
    if kind == "dup":
        return [float(r.randint(0, max(1, m // 3))) for _ in range(m)]
    return [None] * m


def _options(r: random.Random, m: int) -> dict[str, Any]:
    o: dict[str, Any] = {"chart": r.choice(KINDS)}
    pos = lambda: r.randint(-1, m + 2)  # noqa: E731
    if r.random() < 0.3:
        o["freeze"] = pos()
    if r.random() < 0.3:
        o["part"] = sorted({pos() for _ in range(r.randint(1, 3))})
    if r.random() < 0.2:
        o["exclude"] = [pos() for _ in range(r.randint(1, 3))]
    if r.random() < 0.1:
        o["freeze_part"] = [r.randint(0, m) for _ in range(r.randint(1, 3))]
    if r.random() < 0.2:
        o["multiply"] = r.choice([100, 0, -1, 1e-6, float("nan")])
    if r.random() < 0.1:
        o["cl"] = r.choice([0.5, -3.0, float("inf")])
    if r.random() < 0.1:
        o["target"] = r.choice([0.5, 10.0])
    if r.random() < 0.2:
        o["method"] = r.choice(["anhoej", "bestbox", "cutbox", "zz"])
    if r.random() < 0.2:
        o["agg"] = r.choice(["mean", "median", "sum", "zz"])
    if r.random() < 0.1:
        o["lambda_"] = r.choice([0.2, 1.0, 0.0, 2.0, 1e-9])
    if r.random() < 0.1:
        o["sigma"] = r.choice([1.0, 0.0, -1.0, 1e-300])
    if r.random() < 0.1:
        o["k"], o["h"] = r.choice([(0.5, 5.0), (0.0, 0.0), (-1.0, 5.0)])
    o["screen_mr"] = r.random() < 0.8
    o["y_neg"] = r.random() < 0.8
    return o


def _call(r: random.Random) -> tuple[str, dict[str, Any]]:
    m = r.choice([0, 1, 2, 3, 5, 12, 30, 80])
    cols: dict[str, Any] = {"x": _x(r, m), "y": [_value(r) for _ in range(m)]}
    if r.random() < 0.6:
        cols["n"] = [_value(r) for _ in range(m)]
    if r.random() < 0.2:
        cols["g"] = [r.choice(["A", "B", None]) for _ in range(m)]
    if r.random() < 0.1:
        cols["phase"] = [r.choice(["pre", "post"]) for _ in range(m)]
    if r.random() < 0.05:  # a column of another length
        cols["y"] = cols["y"][: max(0, m - 1)]
    opts = _options(r, m)
    names = {"x": "x", "y": "y"}
    if "n" in cols:
        names["n"] = "n"
    if "g" in cols:
        names["facet"] = "g"
    if "phase" in cols and "part" not in opts:
        names["part"] = "phase"
    how = r.choice(["lists", "numpy", "polars", "pandas"])
    if how == "lists" or len({len(v) for v in cols.values()}) > 1:
        kwargs = {role: cols[c] for role, c in names.items()}
        return "lists", {**kwargs, **opts}
    if how == "numpy":
        kwargs = {
            role: np.array([np.nan if v is None else v for v in cols[c]], dtype=float)
            if role in ("y", "n")
            else cols[c]
            for role, c in names.items()
        }
        return "numpy", {**kwargs, **opts}
    df = pl.DataFrame(cols, strict=False)
    if how == "pandas":
        return "pandas", {"data": df.to_pandas(), **names, **opts}
    return "polars", {"data": df, **names, **opts}


def test_random_input_gives_a_chart_or_an_spc_error() -> None:
    outcomes = {"chart": 0, "error": 0, "internal": 0}
    internal = []
    for seed in range(2000):
        r = random.Random(seed)
        how, kwargs = _call(r)
        try:
            chart = spc.qic(**kwargs)
            chart.data, chart.summary, chart.summary_text()
            outcomes["chart"] += 1
        except spc.InternalError as e:  # a panic in Rust, caught: report it, do not crash
            internal.append(f"seed {seed} ({how}): {e}")
            outcomes["internal"] += 1
        except spc.SpcError:
            outcomes["error"] += 1
        except BaseException as e:  # noqa: BLE001
            raise AssertionError(f"seed {seed} ({how}): {type(e).__name__}: {e}\n{kwargs!r}") from e
    print(outcomes, *internal, sep="\n")
    assert outcomes["chart"] > 200 and outcomes["error"] > 200, outcomes


def test_random_charts_draw_or_raise_spc_error() -> None:
    for seed in range(60):
        r = random.Random(10_000 + seed)
        _, kwargs = _call(r)
        try:
            chart = spc.qic(**kwargs)
            chart.to_svg()
        except spc.SpcError:
            pass


def test_pandas_object_columns_of_mixed_types() -> None:
    df = pd.DataFrame({"x": [1, "a", 2.5, None], "y": [1, "2", None, 4.0]})
    try:
        spc.qic(df, x="x", y="y")
    except spc.SpcError:
        pass
