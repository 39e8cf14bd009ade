"""Shared data paths and helpers of the spc.kostra tests (test_kostra_tables.py, test_kostra_charts.py)."""

from __future__ import annotations

import csv
import math
import warnings
from pathlib import Path
from typing import Any, Optional

import polars as pl

import spc
from conftest import ROOT


KOSTRA = ROOT / "data" / "kostra"
POPULATION = KOSTRA / "ssb_07459_population_municipality_2005_2021.csv"
EIENDOM = KOSTRA / "ssb_kostra_eiendom_2015.csv"
GROUPS = KOSTRA / "ssb_kostra_groups_2015.csv"
ESTIMATES = KOSTRA / "ssb_kostra_eiendom_2015_group_estimates.csv"
SAMPLES = ROOT / "tests" / "data" / "samples"
FIXTURES = ROOT / "tests" / "data" / "kostra"

# The ratio of the property data: 1000 NOK gross operating expenses per inhabitant.
EXPENSES_PER_INHABITANT = (
    "DERIVED ratio: Brutto driftsutgifter kommunal eiendomsforvaltning konsern / Folkemengde i alt"
)
REL = 1e-9


def close(a: Optional[float], b: float, rel: float = REL) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=rel, abs_tol=1e-12)


def num(text: str) -> Optional[float]:
    return float(text) if text.strip() else None


def tidy_rows(path: Path) -> list[dict[str, Any]]:
    """A tidy CSV of data/kostra as dicts with numbers (None when empty), codes as text."""
    with open(path, newline="", encoding="utf-8") as f:
        return [
            {**r, "value": num(r["value"]), "numerator": num(r["numerator"]), "denominator": num(r["denominator"])}
            for r in csv.DictReader(f)
        ]


def kostra_groups() -> dict[str, int]:
    """Municipality -> KOSTRA group (the 2013-based grouping, the file's first group column)."""
    with open(GROUPS, newline="", encoding="utf-8") as f:
        return {r["region_code"]: int(r["kostra_group_new"]) for r in csv.DictReader(f) if r["kostra_group_new"]}


def one(df: pl.DataFrame, **eq: str) -> dict[str, Any]:
    rows = df.filter(*[pl.col(k) == v for k, v in eq.items()]).to_dicts()
    assert len(rows) == 1, (eq, rows)
    return rows[0]


def read_quietly(path: Path) -> pl.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return spc.kostra.read(path)
