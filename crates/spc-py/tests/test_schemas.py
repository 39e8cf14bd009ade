"""One schema per output (spc_core::schema): every table the package returns is the table the
`spc` command writes, built by the same definition. The DataFrames come from Rust as typed
columns (no CSV in between): numbers Float64, counts Int64 (KOSTRA) or UInt32 (charts), flags
Boolean, x and periods' dates Date. And cell by cell they are the CLI's CSV."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import spc
from conftest import ROOT, cases
from kostra_common import EIENDOM, GROUPS, POPULATION

CLI = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target") / "debug" / "spc"
needs_cli = pytest.mark.skipif(not CLI.exists(), reason="target/debug/spc is built by `cargo test` (make test)")


def cli_csv(tmp_path: Path, args: list[Any], schema: pl.Schema, flag: str = "-o") -> pl.DataFrame:
    """The CSV the CLI writes with `args` (to a file given by `flag`), read with `schema`."""
    out = tmp_path / "out.csv"
    subprocess.run([CLI, *map(str, args), flag, out], capture_output=True, check=True)
    return pl.read_csv(out, schema=schema)


def same_cells(ours: pl.DataFrame, cli: pl.DataFrame) -> None:
    """Equal cell by cell; an empty text is an empty CSV cell, read back as null."""
    assert ours.columns == cli.columns
    blank = ours.with_columns(pl.col(pl.String).replace("", None))
    assert blank.equals(cli), (blank, cli)


@pytest.mark.filterwarnings("ignore:1 municipalities have no KOSTRA group")
def test_types_of_the_kostra_tables() -> None:
    agg = spc.kostra.aggregate(EIENDOM, "group", groups=GROUPS)
    assert dict(agg.schema) == {
        "region_code": pl.String, "region_name": pl.String, "indicator": pl.String, "period": pl.String,
        "value": pl.Float64, "numerator": pl.Float64, "denominator": pl.Float64, "method": pl.String,
        "n_units": pl.Int64, "n_missing": pl.Int64,
    }
    cmp = spc.kostra.compare(EIENDOM, "0101", GROUPS)
    assert (cmp.schema["rank"], cmp.schema["n_ranked"], cmp.schema["difference"]) == (pl.Int64, pl.Int64, pl.Float64)
    z = spc.kostra.zscores(EIENDOM, "0101", GROUPS)
    assert (z.schema["z"], z.schema["n_members"], z.schema["reason"]) == (pl.Float64, pl.Int64, pl.String)
    data = spc.kostra.charts(POPULATION, chart="p", regions=["0301"], indicators="share_aged_80plus_pct")
    assert (data.schema["x"], data.schema["part"], data.schema["signal"]) == (pl.Date, pl.UInt32, pl.Boolean)
    assert data["x"][0].isoformat() == "2005-01-01" and data["period"][0] == "2005"
    summary = spc.kostra.charts(POPULATION, chart="p", regions=["0301"], summary=True)
    assert (summary.schema["n_obs"], summary.schema["runs_signal"], summary.schema["error"]) == (
        pl.Int64, pl.Boolean, pl.String,
    )
    f = spc.kostra.funnel(POPULATION, "share_aged_80plus_pct", period=2021)
    assert (f.data.schema["lcl_99_8"], f.data.schema["flag"]) == (pl.Float64, pl.String)
    # A plotted municipality has no status: null, not an empty text.
    assert f.data["status"].null_count() == (f.data["flag"].is_not_null()).sum() > 300


@needs_cli
@pytest.mark.filterwarnings("ignore:1 municipalities have no KOSTRA group")
def test_kostra_tables_are_the_cli_tables(tmp_path: Path) -> None:
    agg = spc.kostra.aggregate(EIENDOM, "group", groups=GROUPS)
    same_cells(agg, cli_csv(tmp_path, ["kostra", "aggregate", EIENDOM, "--to", "group", "--groups", GROUPS], agg.schema))
    cmp = spc.kostra.compare(EIENDOM, "0101", GROUPS)
    same_cells(cmp, cli_csv(tmp_path, ["kostra", "compare", EIENDOM, "--region", "0101", "--groups", GROUPS], cmp.schema))
    z = spc.kostra.zscores(EIENDOM, "0101", GROUPS)
    args = ["kostra", "compare", EIENDOM, "--region", "0101", "--groups", GROUPS, "--zscores"]
    same_cells(z, cli_csv(tmp_path, args, z.schema))
    f = spc.kostra.funnel(POPULATION, "share_aged_80plus_pct", period=2021)
    args = ["kostra", "funnel", POPULATION, "--indicator", "share_aged_80plus_pct", "--years", "2021"]
    same_cells(f.data, cli_csv(tmp_path, args, f.data.schema, "--data"))


@needs_cli
def test_grouped_charts_are_the_cli_tables_with_uncharted_series(tmp_path: Path) -> None:
    # Halden is 0101 up to 2019: in 2019-2021 it has one value, too few for a chart, and keeps its
    # row (x, y, n and no chart values), as in `spc kostra chart --data`.
    kw: dict[str, Any] = dict(chart="p", regions=["0101", "0301"], years="2019-2021")
    data = spc.kostra.charts(POPULATION, **kw)
    halden = data.filter(pl.col("region_code") == "0101")
    assert halden.height > 0 and halden["cl"].null_count() == halden.height and halden["y"].null_count() < halden.height
    summary = spc.kostra.charts(POPULATION, summary=True, **kw)
    assert summary.filter(pl.col("region_code") == "0101")["error"].str.contains("too few values").all()
    args = ["kostra", "chart", POPULATION, "--chart", "p", "--region", "0101,0301", "--years", "2019-2021"]
    same_cells(data, cli_csv(tmp_path, args, data.schema, "--data"))
    same_cells(summary, cli_csv(tmp_path, args, summary.schema, "--summary"))


@needs_cli
@pytest.mark.parametrize("case", cases("plotthedots"), ids=lambda c: c.id)
def test_mdc_tables_are_the_cli_tables(case: Any, tmp_path: Path) -> None:
    o = case.options
    faceted = bool(case.json.get("facet"))
    chart = spc.mdc(
        case.input, x="date", y="value", facet="facet" if faceted else None,
        improvement=o.get("improvement_direction", "increase"), target=o.get("target"),
    )
    args: list[Any] = ["mdc", case.input, "--x", "date", "--y", "value"]
    if faceted:
        args += ["--facet", "facet"]
    args += ["--improvement", o.get("improvement_direction", "increase")]
    if o.get("target") is not None:
        args += ["--target", o["target"]]
    assert (chart.data.schema["x"], chart.data.schema["part"], chart.data.schema["y"]) == (pl.Date, pl.UInt32, pl.Float64)
    same_cells(chart.data, cli_csv(tmp_path, args, chart.data.schema, "--data"))
    same_cells(chart.icons, cli_csv(tmp_path, args, chart.icons.schema, "--icons"))
