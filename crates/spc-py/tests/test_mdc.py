"""spc.mdc on every NHSRplotthedots reference case (tests/data/reference/plotthedots), mapped as
crates/spc-core/tests/plotthedots.rs maps them: numbers to relative 1e-9, point types and icons
exactly."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

import spc
from conftest import Case, cases, cell_agrees

PTD = cases("plotthedots")
DATA_COLUMNS = ["x", "y", "cl", "lcl", "ucl", "part", "point_type", "target"]


def run(case: Case) -> spc.MdcChart:
    o = case.options
    faceted = bool(case.json.get("facet"))
    return spc.mdc(
        case.input,
        x="date",
        y="value",
        facet="facet" if faceted else None,
        improvement=o.get("improvement_direction", "increase"),
        target=o.get("target"),
        rebase=[o["rebase"]] if "rebase" in o else None,
    )


def test_nine_cases() -> None:
    assert len(PTD) == 9


@pytest.mark.parametrize("case", PTD, ids=[c.id for c in PTD])
def test_plotthedots_case(case: Case) -> None:
    chart = run(case)
    faceted = bool(case.json.get("facet"))
    cols = DATA_COLUMNS[:1] + (["facet"] if faceted else []) + DATA_COLUMNS[1:]
    assert chart.data.columns == cols
    assert chart.icons.columns == (["facet"] if faceted else []) + ["x", "variation_icon", "assurance_icon"]
    exp = pl.read_csv(case.expected, infer_schema_length=0)
    assert chart.data.height == exp.height
    mapping = {"y": "y", "x": "x", "cl": "mean_col", "lcl": "lpl", "ucl": "upl", "target": "target"}
    diffs = []
    for i, row in enumerate(chart.data.iter_rows(named=True)):
        for ours, theirs in mapping.items():
            if not cell_agrees(row[ours], exp[theirs][i]):
                diffs.append(f"row {i + 1} {ours}: {row[ours]!r} vs {exp[theirs][i]!r}")
        if str(row["part"] - 1) != exp["rebase_group"][i]:
            diffs.append(f"row {i + 1} part")
        if row["point_type"] != exp["point_type"][i]:
            diffs.append(f"row {i + 1} point_type: {row['point_type']} vs {exp['point_type'][i]}")
        if faceted and row["facet"] != exp["f"][i]:
            diffs.append(f"row {i + 1} facet")
    facets = pl.read_csv(case.expected.with_name(f"{case.id}.facets.csv"), infer_schema_length=0)
    assert chart.icons.height == facets.height
    for k, icon in enumerate(chart.icons.iter_rows(named=True)):
        if icon["x"].isoformat() != facets["last_x"][k]:
            diffs.append(f"icon {k} last_x")
        if icon["variation_icon"] != facets["variation_icon"][k]:
            diffs.append(f"icon {k} variation: {icon['variation_icon']} vs {facets['variation_icon'][k]}")
        if not cell_agrees(icon["assurance_icon"], facets["assurance_icon"][k] or ""):
            diffs.append(f"icon {k} assurance: {icon['assurance_icon']} vs {facets['assurance_icon'][k]}")
        if faceted and icon["facet"] != facets["f"][k]:
            diffs.append(f"icon {k} facet")
    assert not diffs, "\n".join(diffs)
    assert all(isinstance(w, str) for w in chart.warnings)


def test_mdc_from_values_and_options() -> None:
    case = next(c for c in PTD if c.id == "ptd_shift_rebase")
    df = pl.read_csv(case.input, try_parse_dates=True)
    from_file = run(case)
    from_values = spc.mdc(x=df["date"], y=df["value"].to_list(), rebase=[dt.date(2021, 1, 1)])
    assert from_values.data.equals(from_file.data)
    # A target per facet, and no assurance icon without a target.
    ae = next(c for c in PTD if c.id == "ptd_ae_facets")
    per_facet = spc.mdc(ae.input, x="date", y="value", facet="facet", target={"RJ7": 0.95, "RJC": 0.95, "RRK": 0.95})
    assert per_facet.icons.equals(run(ae).icons)
    assert spc.mdc(ae.input, x="date", y="value", facet="facet").icons["assurance_icon"].null_count() == per_facet.icons.height
    with pytest.raises(spc.UnknownOptionError):
        spc.mdc(ae.input, x="date", y="value", improvement="up")


def test_mdc_target_that_is_not_a_number_names_the_argument() -> None:
    ae = next(c for c in PTD if c.id == "ptd_ae_facets")
    for target in ("high", {"RJ7": "high"}):
        with pytest.raises(spc.InvalidArgumentError) as info:
            spc.mdc(ae.input, x="date", y="value", facet="facet", target=target)
        assert str(info.value) == "invalid target: expected a number, got 'high'"


def test_mdc_option_the_binding_cannot_take_names_it() -> None:
    ae = next(c for c in PTD if c.id == "ptd_ae_facets")
    with pytest.raises(spc.InvalidArgumentError) as info:
        spc.mdc(ae.input, x="date", y="value", improvement=3)  # type: ignore[arg-type]
    assert str(info.value) == "invalid improvement: got 3: 'int' object is not an instance of 'str'"
