"""The two front ends give one answer: for every qicharts2 and NHSRplotthedots reference case,
`spc chart` / `spc mdc` and the Python call with the same options give the same rows, the
same signals and (charts) byte-identical SVG. Both only translate to the library, so any
difference here is a default, a check or a drawing owned by a front end."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import spc
from conftest import ROOT, Case, cases

CLI = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target") / "debug" / "spc"
QIC = cases("qicharts2")
PTD = cases("plotthedots")

# Options beyond each case's own, the same on both sides (the title, the language and the
# rule sets all reach the picture and the signals).
RULES = "anhoej,nelson"
IMPROVEMENT = "increase"


@pytest.fixture(scope="module")
def cli() -> Path:
    if not CLI.exists():
        message = f"{CLI} is built by `cargo test` (make test runs it before pytest)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CLI


def _cli_args(case: Case) -> list[str]:
    """The `spc chart` flags of a case: the same mapping as `Case.qic_kwargs`."""
    kw = case.qic_kwargs()
    args = ["--chart", kw.pop("chart"), "--x", "x", "--y", "y"]
    if case.json["has_n"]:
        args += ["--n", "n"]
    if case.facet_col:
        args += ["--facet", case.facet_col]
    if case.part_col:
        args += ["--part-col", case.part_col]
    for key, value in kw.items():
        if key == "screen_mr":
            assert value is False
            args.append("--no-screen-mr")
        elif isinstance(value, list):
            args += [f"--{key.replace('_', '-')}", ",".join(str(v) for v in value)]
        else:
            args += [f"--{key.replace('_', '-')}", str(value)]
    return args


def _python_kwargs(case: Case) -> dict[str, Any]:
    cols: dict[str, Any] = {"x": "x", "y": "y"}
    if case.json["has_n"]:
        cols["n"] = "n"
    if case.facet_col:
        cols["facet"] = case.facet_col
    if case.part_col:
        cols["part"] = case.part_col
    return {**cols, **case.qic_kwargs()}


def _read(path: Path) -> pl.DataFrame:
    return pl.read_csv(path, infer_schema_length=0).fill_null("")


def _as_text(df: pl.DataFrame) -> pl.DataFrame:
    """The frame as the CSV writer writes it: text cells, missing values empty."""
    return _read_csv_text(df.write_csv())


def _read_csv_text(text: str) -> pl.DataFrame:
    from io import StringIO

    return pl.read_csv(StringIO(text), infer_schema_length=0).fill_null("")


def _numbers_agree(a: pl.DataFrame, b: pl.DataFrame) -> list[str]:
    """Cell by cell: equal text, or the same number (the CSV writer and polars may spell a
    float differently, e.g. `1e-5` and `0.00001`, but not its value)."""
    out = []
    if a.columns != b.columns:
        return [f"columns {a.columns} != {b.columns}"]
    if a.height != b.height:
        return [f"{a.height} rows != {b.height} rows"]
    for col in a.columns:
        for i, (p, q) in enumerate(zip(a[col].to_list(), b[col].to_list())):
            if p == q:
                continue
            try:
                if float(p) == float(q):
                    continue
            except ValueError:
                pass
            out.append(f"row {i + 1} column {col}: {p!r} != {q!r}")
            break
    return out


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("case", QIC, ids=[c.id for c in QIC])
def test_chart_rows_signals_and_svg_are_the_same_from_both_front_ends(
    case: Case, lang: str, cli: Path, tmp_path: Path
) -> None:
    title = f"{case.id} – {lang}"
    data_csv, signals_csv, svg = tmp_path / "data.csv", tmp_path / "signals.csv", tmp_path / "chart.svg"
    run = subprocess.run(
        [cli, "chart", case.input, *_cli_args(case), "--rules", RULES, "--improvement", IMPROVEMENT,
         "--lang", lang, "--title", title, "--data", data_csv, "--signals", signals_csv, "-o", svg],
        capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stderr
    chart = spc.qic(
        case.input, **_python_kwargs(case), rules=RULES, improvement=IMPROVEMENT, lang=lang, title=title
    )
    assert not _numbers_agree(_read(data_csv), _as_text(chart.data))
    assert _read(signals_csv).rows() == _as_text(chart.signals).rows()
    ours = chart.to_svg()
    assert ours == svg.read_text(encoding="utf-8"), f"{case.id}: the SVGs differ"
    # A chart judged against a baseline carries the verdict sentence on both sides.
    verdict = chart.verdict
    if verdict.height:
        first = verdict["sentence"][0]
        assert _svg_text(first) in ours


def _svg_text(s: str) -> str:
    """How plotters writes text into an SVG: XML-escaped."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").split(" (")[0]


def test_a_case_with_a_baseline_is_among_them() -> None:
    """The SVG comparison above covers verdict sentences: some cases have parts or a freeze."""
    judged = [c for c in QIC if "part" in c.options or "freeze" in c.options]
    assert len(judged) >= 10


def test_the_default_title_is_the_same_from_both_front_ends(cli: Path, tmp_path: Path) -> None:
    case = next(c for c in QIC if c.id.startswith("i_"))
    svg = tmp_path / "chart.svg"
    subprocess.run([cli, "chart", case.input, *_cli_args(case), "--lang", "en", "-o", svg], check=True,
                   capture_output=True)
    chart = spc.qic(case.input, **_python_kwargs(case), lang="en")
    assert chart.to_svg() == svg.read_text(encoding="utf-8")
    assert "I chart – y" in chart.to_svg()


@pytest.mark.parametrize("case", PTD, ids=[c.id for c in PTD])
def test_mdc_rows_and_icons_are_the_same_from_both_front_ends(case: Case, cli: Path, tmp_path: Path) -> None:
    o = case.options
    faceted = bool(case.json.get("facet"))
    improvement = o.get("improvement_direction", "increase")
    args = [cli, "mdc", case.input, "--x", "date", "--y", "value", "--improvement", improvement]
    if faceted:
        args += ["--facet", "facet"]
    if o.get("target") is not None:
        args += ["--target", str(o["target"])]
    if "rebase" in o:
        args += ["--rebase", str(o["rebase"])]
    data_csv, icons_csv = tmp_path / "data.csv", tmp_path / "icons.csv"
    run = subprocess.run([*args, "--data", data_csv, "--icons", icons_csv], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    chart = spc.mdc(
        case.input, x="date", y="value", facet="facet" if faceted else None, improvement=improvement,
        target=o.get("target"), rebase=[o["rebase"]] if "rebase" in o else None,
    )
    assert not _numbers_agree(_read(data_csv), _as_text(chart.data))
    assert not _numbers_agree(_read(icons_csv), _as_text(chart.icons))
