"""spc.qic's rules and verdict (Chart.signals, Chart.verdict) and spc.mdc, against the CLI and
the reference cases."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polars as pl
import pytest

import spc
from conftest import REFERENCE, ROOT
from test_api import CLI, SICK

SIGNAL_COLUMNS = ["rule", "part", "facet", "first_x", "last_x", "points", "direction"]
VERDICT_COLUMNS = ["facet", "part", "change", "improvement", "evidence", "split_at", "stable", "sentence"]
I_PART24 = REFERENCE / "qicharts2" / "cases" / "i_part24.input.csv"


def test_verdict_of_i_part24_in_norwegian() -> None:
    chart = spc.qic(I_PART24, x="x", y="y", chart="i", part=12, improvement="increase", lang="nb")
    v = chart.verdict
    assert v.columns == VERDICT_COLUMNS
    assert v.height == 1
    row = v.row(0, named=True)
    assert row["sentence"] == (
        "Etter endringen ved x = 13 ligger 12 punkter på rad over baseline-senterlinjen: "
        "en varig forbedring (Anhøj: lengste serie 12 > 8)."
    )
    assert (row["part"], row["change"], row["improvement"], row["split_at"], row["stable"]) == (2, "up", True, 13, True)
    assert row["facet"] is None and row["evidence"]
    # Lower is better: the same shift is a deterioration; neutral (the default): no direction.
    down = spc.qic(I_PART24, x="x", y="y", chart="i", part=12, improvement="decrease", lang="en")
    assert down.verdict["improvement"][0] is False
    neutral = spc.qic(I_PART24, x="x", y="y", chart="i", part=12, lang="en")
    assert neutral.verdict["sentence"][0] == (
        "After the change at x = 13, 12 points in a row lie above the baseline centre line: "
        "a sustained change (Anhøj: longest run 12 > 8)."
    )
    assert neutral.verdict["improvement"][0] is None


def test_verdict_with_a_part_column_or_a_frozen_baseline() -> None:
    # The chart keeps its input for the verdict whenever it has parts (by position or by a
    # column) or a frozen baseline.
    by_position = spc.qic(I_PART24, x="x", y="y", chart="i", part=12, lang="en").verdict
    frame = pl.read_csv(I_PART24).with_row_index("row")
    frame = frame.with_columns(phase=pl.when(pl.col("row") < 12).then(1).otherwise(2))
    by_column = spc.qic(frame, x="x", y="y", chart="i", part="phase", lang="en").verdict
    assert by_column.equals(by_position) and by_column.height == 1
    frozen = spc.qic(I_PART24, x="x", y="y", chart="i", freeze=12, lang="en").verdict
    assert frozen.height == 1
    assert (frozen["change"][0], frozen["split_at"][0], frozen["stable"][0]) == ("up", 13, True)


def test_no_verdict_without_parts_or_baseline() -> None:
    v = spc.qic(I_PART24, x="x", y="y", chart="i").verdict
    assert v.columns == VERDICT_COLUMNS and v.height == 0


def test_signals_of_the_sick_leave_chart() -> None:
    chart = spc.qic(pl.read_csv(SICK), x="kvartal", y="sykefravær_prosent", chart="i", part=16, rules="anhoej,nelson")
    s = chart.signals
    assert s.columns == SIGNAL_COLUMNS
    assert s.row(0) == (
        "anhoej_few_crossings", 1, "", "2000-04-01", "2004-01-01", ";".join(str(i) for i in range(1, 17)), "",
    )
    # A list of strings is the same as the comma-separated string.
    listed = spc.qic(pl.read_csv(SICK), x="kvartal", y="sykefravær_prosent", chart="i", part=16, rules=["anhoej", "nelson"])
    assert listed.signals.equals(s)


@pytest.mark.skipif(not CLI.exists(), reason="target/debug/spc is built by `cargo test` (make test)")
def test_signals_as_the_cli_writes_them(tmp_path: Path) -> None:
    args = ["chart", str(SICK), "--chart", "i", "--x", "kvartal", "--y", "sykefravær_prosent", "--part", "16"]
    for rules in ("anhoej,nelson", "mdc:shift=6", "western-electric"):
        path = tmp_path / "signals.csv"
        subprocess.run([CLI, *args, "--rules", rules, "--signals", path], capture_output=True, check=True)
        cli = pl.read_csv(path, infer_schema_length=0).fill_null("")
        assert cli.columns == SIGNAL_COLUMNS
        chart = spc.qic(SICK, x="kvartal", y="sykefravær_prosent", chart="i", part=16, rules=rules)
        ours = chart.signals.with_columns(pl.col("part").cast(pl.String))
        assert ours.rows() == cli.rows(), rules
        assert cli.height > 0


def test_bad_rules_improvement_and_lang() -> None:
    with pytest.raises(spc.UnknownOptionError):
        spc.qic(y=[1.0, 2.0, 3.0], rules="bogus")
    with pytest.raises(spc.UnknownOptionError, match="for improvement"):
        spc.qic(y=[1.0, 2.0, 3.0], improvement="up")
    with pytest.raises(spc.UnknownOptionError):
        spc.qic(y=[1.0, 2.0, 3.0], lang="de")
