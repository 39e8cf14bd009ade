"""spc.from_spec: the TOML spec of `spc chart --spec` gives the same chart in Python."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import polars as pl
import pytest

import spc

ROOT = Path(__file__).resolve().parents[3]
SICK = ROOT / "data" / "sykefravaer_totalt.csv"


def _spc_binary() -> Path:
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "debug" / "spc"


def _write_spec(tmp_path: Path) -> Path:
    spec = tmp_path / "chart.toml"
    spec.write_text(
        f'input = "{SICK.as_posix()}"\n'
        'chart = "i"\nx = "kvartal"\ny = "sykefravær_prosent"\npart = [16]\n'
        'improvement = "decrease"\nrules = "anhoej,nelson"\nlang = "nb"\n'
        'note = ["2004K2=Endret sykmeldingsregelverk"]\ngoal = 6.5\nposter = true\n',
        encoding="utf-8",
    )
    return spec


def test_spec_gives_the_cli_numbers(tmp_path: Path) -> None:
    spec = _write_spec(tmp_path)
    chart = spc.from_spec(spec)
    assert chart.summary["cl"].to_list() == pytest.approx([7.6625, 6.933333333333334], rel=1e-12)
    assert chart.verdict["sentence"][0].startswith("Etter endringen i 2004K2 ligger 19 punkter på rad under")
    binary = _spc_binary()
    if not binary.exists():
        pytest.skip("the spc CLI is not built")
    out = tmp_path / "cli.csv"
    subprocess.run([str(binary), "chart", "--spec", str(spec), "--data", str(out)], check=True, capture_output=True)
    cli = pl.read_csv(out)
    ours = chart.data
    for col in ("y", "cl", "lcl", "ucl"):
        assert ours[col].to_list() == pytest.approx(cli[col].to_list(), rel=1e-12)


def test_overrides_and_output(tmp_path: Path) -> None:
    spec = _write_spec(tmp_path)
    png = tmp_path / "plakat.png"
    chart = spc.from_spec(spec, chart="run", output=str(png))
    # The medians of the 16 quarters before and the 30 after, computed with statistics.median.
    assert chart.summary["cl"].to_list() == pytest.approx([7.65, 6.95], rel=1e-12)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_unknown_key_names_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('chart = "i"\ncolour = "red"\n', encoding="utf-8")
    with pytest.raises(spc.InvalidArgumentError, match=r"unknown key 'colour'"):
        spc.from_spec(bad)
