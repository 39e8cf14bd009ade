"""One spec format for both front ends (spc_core::request::ChartRequest): every key of a spec
file round-trips. `spc chart ... --print-spec` read by spc.from_spec writes the same files as
the command (data, summary, signals, baseline, image: byte for byte), and a spec written from
Python-side options (spc.to_spec) runs in the CLI to the chart spc.qic computes."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import spc
from conftest import ROOT

SICK_XLSX = ROOT / "tests" / "data" / "excel" / "sick_leave.xlsx"

# Every key of `spc chart`'s spec (the long flags), as --print-spec writes them.
EVERY_KEY = {
    "input", "chart", "x", "y", "n", "facet", "freeze", "freeze-part", "part", "part-col", "exclude",
    "multiply", "cl", "target", "method", "rules", "signals", "astronomical", "improvement",
    "save-baseline", "baseline", "no-screen-mr", "no-y-neg", "agg", "lambda", "width", "k", "h",
    "sigma", "data", "summary", "sep", "decimal", "encoding", "sheet", "output", "title",
    "subtitle", "caption", "xlab", "ylab", "note", "notes", "goal", "lang", "poster", "size",
    "scales", "batch", "out-dir", "format",
}


def _binary() -> Path:
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    binary = target / "debug" / "spc"
    if not binary.exists():
        pytest.skip("the spc CLI is not built (cargo test builds it)")
    return binary


def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(_binary()), *args], cwd=cwd, check=True, capture_output=True, text=True)


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    """a.csv: Latin-1, ';', decimal comma (one value per week); b.csv: two units' counts and
    patients over 12 weeks, before and after a change; notes.csv; a saved baseline."""
    d = tmp_path / "in"
    d.mkdir()
    a = d / "a.csv"
    rows = ["uke;målt"] + [f"{i};{1 + ((i * 7) % 5) / 10 + (0.5 if i > 12 else 0):.1f}".replace(".", ",") for i in range(1, 25)]
    a.write_bytes(("\n".join(rows) + "\n").encode("latin-1"))
    b = d / "b.csv"
    lines = ["uke,tilfeller,pasienter,enhet,fase"]
    for unit, base in (("Nord", 30), ("Sør", 50)):
        for w in range(1, 13):
            lines.append(f"{w},{base // 10 + (w * 3) % 7},{base + w},{unit},{'før' if w <= 6 else 'etter'}")
    b.write_text("\n".join(lines) + "\n", encoding="utf-8")
    notes = d / "notes.csv"
    notes.write_text("x,label\n8,Ny rutine\n", encoding="utf-8")
    baseline = d / "b.json"
    _cli(["chart", str(a), "--chart", "i", "--x", "uke", "--y", "målt", "--sep", ";", "--encoding", "latin1",
          "--freeze", "12", "--save-baseline", str(baseline)], d)
    return {"a": a, "b": b, "notes": notes, "baseline": baseline}


def _commands(i: dict[str, Path]) -> dict[str, tuple[list[str], list[str]]]:
    """Commands that together give every key but the batch ones, and the files each writes
    (compared byte for byte)."""
    every_option = [
        str(i["a"]), "--chart", "i", "--x", "uke", "--y", "målt", "--freeze-part", "8,0", "--part", "12",
        "--exclude", "3", "--multiply", "10", "--target", "15", "--method", "bestbox", "--rules", "anhoej,nelson",
        "--signals", "g.csv", "--astronomical", "20", "--improvement", "decrease", "--save-baseline", "b.json",
        "--no-screen-mr", "--no-y-neg", "--agg", "median", "--lambda", "0.3", "--width", "2.5", "--k", "1",
        "--h", "4", "--sigma", "0.5", "--data", "d.csv", "--summary", "s.csv", "--sep", ";", "--decimal", ",",
        "--encoding", "latin1", "-o", "a.svg", "--title", "Tittel", "--subtitle", "Under", "--caption", "Kilde",
        "--xlab", "Uke", "--ylab", "Målt", "--note", "5=Merknad", "--notes", str(i["notes"]), "--goal", "12",
        "--lang", "nb", "--size", "1600x900",
    ]
    facets_parts_and_a_poster = [
        str(i["b"]), "--chart", "p", "--x", "uke", "--y", "tilfeller", "--n", "pasienter", "--facet", "enhet",
        "--part-col", "fase", "--freeze", "4", "--cl", "0.15", "--scales", "free_y", "--poster", "--size", "a4",
        "-o", "b.png", "--data", "d.csv", "--lang", "en",
    ]
    a_saved_baseline_and_a_worksheet = [
        str(SICK_XLSX), "--sheet", "Kvartal", "--chart", "i", "--x", "kvartal", "--y", "sykefravær",
        "--baseline", str(i["baseline"]), "--data", "d.csv", "--signals", "g.csv", "-o", "c.svg",
    ]
    return {
        "every_option": (every_option, ["d.csv", "s.csv", "g.csv", "b.json", "a.svg"]),
        "facets_parts_and_a_poster": (facets_parts_and_a_poster, ["d.csv", "b.png"]),
        "a_saved_baseline_and_a_worksheet": (a_saved_baseline_and_a_worksheet, ["d.csv", "g.csv", "c.svg"]),
    }


def _keys(spec: str) -> set[str]:
    return {line.split(" = ")[0] for line in spec.splitlines() if " = " in line}


@pytest.mark.parametrize("name", ["every_option", "facets_parts_and_a_poster", "a_saved_baseline_and_a_worksheet"])
def test_print_spec_read_by_from_spec_writes_the_command_s_files(
    tmp_path: Path, inputs: dict[str, Path], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    args, files = _commands(inputs)[name]
    cli_dir, py_dir = tmp_path / "cli", tmp_path / "py"
    cli_dir.mkdir()
    py_dir.mkdir()
    spec = _cli(["chart", *args, "--print-spec"], cli_dir).stdout
    _cli(["chart", *args], cli_dir)
    monkeypatch.chdir(py_dir)
    chart = spc.from_spec(spec)  # the TOML text; the files named in it are written here
    for f in files:
        assert (py_dir / f).read_bytes() == (cli_dir / f).read_bytes(), f
    cli = pl.read_csv(cli_dir / "d.csv", infer_schema_length=0)
    ours = pl.read_csv(py_dir / "d.csv", infer_schema_length=0)
    assert ours.equals(cli)
    assert chart.data.height == cli.height
    # The same chart from the spec file (a path) as from its text.
    (tmp_path / "s.toml").write_text(spec, encoding="utf-8")
    assert spc.from_spec(tmp_path / "s.toml").data.equals(chart.data)


def test_the_commands_give_every_key(inputs: dict[str, Path], tmp_path: Path) -> None:
    keys: set[str] = set()
    for args, _ in _commands(inputs).values():
        keys |= _keys(_cli(["chart", *args, "--print-spec"], tmp_path).stdout)
    batch = _cli(["chart", str(inputs["b"]), "--x", "uke", "--y", "tilfeller", "--batch", "enhet", "--out-dir", "imgs", "--format", "svg", "--print-spec"], tmp_path).stdout
    keys |= _keys(batch)
    assert keys == EVERY_KEY


def test_batch_keys_are_read_and_batch_is_the_command_line_s(inputs: dict[str, Path], tmp_path: Path) -> None:
    args = [str(inputs["b"]), "--x", "uke", "--y", "tilfeller", "--batch", "enhet", "--out-dir", "imgs", "--format", "svg"]
    spec = _cli(["chart", *args, "--print-spec"], tmp_path).stdout
    assert {"batch", "out-dir", "format"} <= _keys(spec)
    with pytest.raises(spc.InvalidArgumentError, match=r"^invalid batch: one image per value is written by `spc chart --spec FILE`"):
        spc.from_spec(spec)
    # Without batch, out-dir and format are read and left to it, as on the command line.
    chart = spc.from_spec(spec.replace('batch = "enhet"\n', ""))
    assert chart.data.height == 12  # rows that share a week aggregated


def test_a_spec_written_from_python_runs_in_the_cli(tmp_path: Path, inputs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    options: dict[str, Any] = dict(
        x="uke", y="målt", chart="i", freeze_part=[8, 0], part=[12], exclude=[3], multiply=10, target=15,
        method="bestbox", rules=["anhoej", "nelson"], astronomical=[20], improvement="decrease", screen_mr=False,
        y_neg=False, agg="median", lambda_=0.3, width=2.5, k=1, h=4, sigma=0.5, sep=";", decimal=",",
        encoding="latin1", title="Tittel", subtitle="Under", caption="Kilde", xlab="Uke", ylab="Målt",
        notes={5: "Merknad", "8": "Ny rutine"}, lang="nb",
    )
    picture: dict[str, Any] = dict(goal=12, scales="free_y")
    files = dict(output="a.svg", data_csv="d.csv", summary_csv="s.csv", signals_csv="g.csv", save_baseline="b.json")
    spec = spc.to_spec(inputs["a"], **options, **picture, size="1600x900", **files)
    assert 'lambda = 0.3' in spec and 'no-screen-mr = true' in spec and 'note = ["5=Merknad", "8=Ny rutine"]' in spec
    cli_dir, py_dir = tmp_path / "cli", tmp_path / "py"
    cli_dir.mkdir()
    py_dir.mkdir()
    (tmp_path / "s.toml").write_text(spec, encoding="utf-8")
    _cli(["chart", "--spec", str(tmp_path / "s.toml")], cli_dir)
    # The chart of spc.qic with the same options, its files written by the library's writers.
    chart = spc.qic(inputs["a"], **options)
    chart.save(py_dir / "a.svg", width=1600, height=900, **picture)
    for what, f in (("data", "d.csv"), ("summary", "s.csv"), ("signals", "g.csv"), ("baseline", "b.json")):
        chart._result.write(what, str(py_dir / f))
    for f in ("d.csv", "s.csv", "g.csv", "b.json", "a.svg"):
        assert (py_dir / f).read_bytes() == (cli_dir / f).read_bytes(), f
    # And spc.from_spec of the same spec.
    again = tmp_path / "again"
    again.mkdir()
    monkeypatch.chdir(again)
    assert spc.from_spec(spec).data.equals(chart.data)
    for f in ("d.csv", "s.csv", "g.csv", "b.json", "a.svg"):
        assert (again / f).read_bytes() == (cli_dir / f).read_bytes(), f


def test_overrides_win_over_the_file_as_flags_do(tmp_path: Path, inputs: dict[str, Path]) -> None:
    spec = spc.to_spec(inputs["b"], x="uke", y="tilfeller", n="pasienter", facet="enhet", chart="p", part="fase", multiply=100)
    cli = _cli(["chart", "--spec", str(_write(tmp_path, spec)), "--chart", "u", "--multiply", "1000", "--data", "-"], tmp_path).stdout
    ours = spc.from_spec(spec, chart="u", multiply=1000)
    assert ours.chart == "u"
    cli_data = pl.read_csv(cli.encode(), infer_schema_length=0)
    assert [float(v) for v in cli_data["cl"]] == pytest.approx(ours.data["cl"].to_list(), rel=1e-12)
    # A DataFrame as data (not a key of the file) and a column given as values.
    df = pl.read_csv(inputs["b"])
    assert spc.from_spec(spec, data=df, chart="u", multiply=1000).data.equals(ours.data)
    # An unknown keyword is an error naming it, as an unknown key is.
    with pytest.raises(spc.InvalidArgumentError, match="unknown option 'colour'"):
        spc.from_spec(spec, colour="red")


def _write(tmp_path: Path, spec: str) -> Path:
    p = tmp_path / "spec.toml"
    p.write_text(spec, encoding="utf-8")
    return p


def test_unknown_keys_and_bad_values_name_the_key(tmp_path: Path) -> None:
    for text, message in [
        ('chart = "i"\ncolour = "red"\n', "unknown key 'colour'"),
        ('save_baselin = "b.json"\n', "unknown key 'save_baselin'"),
        ('part-col = "a"\npart_col = "b"\n', "'part_col' is given twice"),
        ('freeze = "abc"\n', "key 'freeze': expected a whole number >= 0, got 'abc'"),
        ('lambda = true\n', "key 'lambda': expected a number, got true"),
    ]:
        with pytest.raises(spc.InvalidArgumentError, match=message):
            spc.from_spec(text + "\n")
        with pytest.raises(spc.InvalidArgumentError, match=message):
            spc.from_spec(_write(tmp_path, text))
    with pytest.raises(spc.SpcIOError, match="not valid TOML"):
        spc.from_spec("chart = \n\n")
    with pytest.raises(spc.InvalidArgumentError, match="invalid x: a spec names columns and files"):
        spc.to_spec("a.csv", x=[1, 2, 3], y="y")
