"""The README's Python example runs as it is written (from a copy of the repository's data)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.S)


def test_readme_has_a_python_example() -> None:
    assert python_blocks()


@pytest.mark.parametrize("i", range(len(python_blocks())))
def test_readme_python_example_runs(i: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(compile(python_blocks()[i], f"README.md python block {i + 1}", "exec"), {})
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert "I chart, 46 points" in out
    assert (tmp_path / "sykefravaer.png").read_bytes()[:4] == b"\x89PNG"
