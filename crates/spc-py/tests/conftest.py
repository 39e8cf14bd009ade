"""Shared helpers: the repository's paths and the reference cases of tests/data/reference."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
REFERENCE = ROOT / "tests" / "data" / "reference"

# Relative tolerance of tests/data/reference/README.md (absolute 1e-12 near zero).
REL_TOL = 1e-9
ABS_TOL = 1e-12

# qicharts2's columns compared (its internals are left out, as in crates/spc-core/tests).
QIC_COLUMNS = [
    "x", "y", "n", "cl", "lcl", "ucl", "lcl.95", "ucl.95", "target", "part", "baseline",
    "include", "runs.signal", "sigma.signal", "longest.run", "longest.run.max", "n.crossings",
    "n.crossings.min", "n.obs", "n.useful",
]

# Columns where spc differs from qicharts2 on purpose: the pooled SD of X-bar and S charts
# leaves out subgroups with no values (Montgomery eq. 6.31); see
# crates/spc-core/tests/qicharts2.rs `pooled_sd_ignores_empty_subgroups`.
DELIBERATE_DIFFERENCES = {
    "xbar_na_test": {"lcl", "ucl", "lcl.95", "ucl.95"},
    "s_na_test": {"cl", "ucl", "lcl", "lcl.95", "ucl.95"},
}


@dataclass
class Case:
    """A reference case: its JSON and the paths of its input and expected CSVs."""

    id: str
    json: dict[str, Any]
    input: Path
    expected: Path

    @property
    def options(self) -> dict[str, Any]:
        o = self.json["options"]
        return o if isinstance(o, dict) else {}  # R writes an empty list as []

    def positions(self, name: str) -> list[int]:
        v = self.options.get(name)
        if v is None or isinstance(v, str):
            return []
        return [int(p) for p in (v if isinstance(v, list) else [v])]

    @property
    def facet_col(self) -> str | None:
        f = self.options.get("facets")
        return f.lstrip("~").strip() if f else None

    @property
    def part_col(self) -> str | None:
        p = self.options.get("part")
        return p if isinstance(p, str) else None

    def columns(self) -> dict[str, str]:
        """The spc.qic column arguments of the case (its part column is spc.qic's ``part``)."""
        cols = {"x": "x", "y": "y"}
        if self.json["has_n"]:
            cols["n"] = "n"
        if self.facet_col:
            cols["facet"] = self.facet_col
        if self.part_col:
            cols["part"] = self.part_col
        return cols

    def qic_kwargs(self) -> dict[str, Any]:
        """The spc.qic options of the case (as crates/spc-core/tests/common/mod.rs maps them)."""
        o = self.options
        kw: dict[str, Any] = {"chart": self.json["chart"]}
        if self.part_col is None and self.positions("part"):
            kw["part"] = self.positions("part")
        if self.positions("freeze"):
            kw["freeze"] = self.positions("freeze")[0]
        if self.positions("exclude"):
            kw["exclude"] = self.positions("exclude")
        if "multiply" in o:
            kw["multiply"] = o["multiply"]
        if "method" in o:
            kw["method"] = o["method"]
        if "agg.fun" in o:
            kw["agg"] = o["agg.fun"]
        if not self.json.get("qic_screenedmr", True):
            kw["screen_mr"] = False
        return kw


def cases(folder: str = "qicharts2") -> list[Case]:
    d = REFERENCE / folder / "cases"
    ids = sorted(p.name[: -len(".json")] for p in d.glob("*.json"))
    return [
        Case(i, json.loads((d / f"{i}.json").read_text()), d / f"{i}.input.csv", d / f"{i}.expected.csv")
        for i in ids
    ]


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v in ("", "NA", "NaN")


def cell_agrees(ours: Any, theirs: str) -> bool:
    """Both missing, equal text (booleans, dates), or numbers within the tolerance."""
    if _missing(ours) or _missing(theirs):
        return _missing(ours) and _missing(theirs)
    if isinstance(ours, bool):
        return str(ours).upper() == theirs.upper()
    if hasattr(ours, "isoformat"):
        return ours.isoformat() == theirs
    try:
        a, b = float(ours), float(theirs)
    except ValueError:
        return str(ours) == theirs
    return abs(a - b) <= ABS_TOL or abs(a - b) <= REL_TOL * max(abs(a), abs(b))
