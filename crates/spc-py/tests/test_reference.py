"""Every qicharts2 reference case through spc.qic, every column at relative 1e-9, with
polars, pandas and plain-list input (tests/data/reference/README.md)."""

from __future__ import annotations

import csv
from typing import Any

import pandas as pd
import polars as pl
import pytest

import spc
from conftest import DELIBERATE_DIFFERENCES, QIC_COLUMNS, Case, cases, cell_agrees

CASES = cases("qicharts2")


def test_the_reference_set_is_complete() -> None:
    assert len(CASES) == 47, "tests/data/reference/qicharts2 has 47 cases"


def _polars(case: Case) -> pl.DataFrame:
    return pl.read_csv(case.input, null_values="NA", try_parse_dates=True)


def run(case: Case, kind: str) -> spc.Chart:
    cols = case.columns()
    kw = case.qic_kwargs()
    if kind == "polars":
        return spc.qic(_polars(case), **cols, **kw)
    if kind == "pandas":
        dates = ["x"] if case.json["x_type"] == "date" else []
        df = pd.read_csv(case.input, parse_dates=dates)
        if case.facet_col:
            df[case.facet_col] = df[case.facet_col].astype(str)
        return spc.qic(df, **cols, **kw)
    if kind == "lists":
        df = _polars(case)
        values: dict[str, Any] = {role: df[c].to_list() for role, c in cols.items()}
        return spc.qic(**values, **kw)
    raise AssertionError(kind)


def differences(case: Case, chart: spc.Chart) -> list[str]:
    with case.expected.open(newline="") as f:
        rows = list(csv.DictReader(f))
    ours = chart.data
    names = QIC_COLUMNS + (["facet1"] if case.facet_col else [])
    out = []
    for col in names:
        if col in DELIBERATE_DIFFERENCES.get(case.id, set()):
            continue
        our = "facet" if col == "facet1" else col.replace(".", "_")
        if our not in ours.columns:
            out.append(f"column {our} missing")
            continue
        mine = ours[our].to_list()
        theirs = [r[col] for r in rows]
        if len(mine) != len(theirs):
            out.append(f"{col}: {len(mine)} rows, expected {len(theirs)}")
            continue
        for i, (a, b) in enumerate(zip(mine, theirs)):
            if not cell_agrees(a, b):
                out.append(f"row {i + 1} column {col}: ours {a!r}, qicharts2 {b!r}")
                break
    return out


@pytest.mark.parametrize("kind", ["polars", "pandas", "lists"])
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_matches_qicharts2(case: Case, kind: str) -> None:
    chart = run(case, kind)
    assert differences(case, chart) == []


@pytest.mark.parametrize("case_id", sorted(DELIBERATE_DIFFERENCES))
def test_deliberate_differences_still_differ(case_id: str) -> None:
    """The skips are still needed: some skipped column differs from qicharts2 (the pooled SD)."""
    case = next(c for c in CASES if c.id == case_id)
    with case.expected.open(newline="") as f:
        rows = list(csv.DictReader(f))
    data = run(case, "polars").data
    differing = [
        col
        for col in DELIBERATE_DIFFERENCES[case_id]
        if not all(cell_agrees(a, r[col]) for a, r in zip(data[col.replace(".", "_")].to_list(), rows))
    ]
    assert "ucl" in differing, differing
