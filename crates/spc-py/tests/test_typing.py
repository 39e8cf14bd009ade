"""The stub matches the compiled module (mypy.stubtest) and the package type-checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "python" / "spc"


def test_stub_matches_the_compiled_module() -> None:
    r = subprocess.run([sys.executable, "-m", "mypy.stubtest", "spc._spc"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_package_type_checks() -> None:
    r = subprocess.run([sys.executable, "-m", "mypy", str(PACKAGE)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_py_typed_is_shipped() -> None:
    assert (PACKAGE / "py.typed").exists()
