"""The notebooks of notebooks/ run top to bottom (nbclient, the Python of this test run)."""

from __future__ import annotations

from pathlib import Path

import nbclient
import nbformat
import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_the_notebooks_are_there() -> None:
    names = [p.name for p in NOTEBOOKS]
    for name in ("01_is_it_an_improvement.ipynb", "02_control_chart_tour.ipynb", "03_kostra_indicators.ipynb"):
        assert name in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    charts = [
        o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if "image/svg+xml" in o.get("data", {})
    ]
    assert charts, f"{path.name} shows no chart inline"
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
