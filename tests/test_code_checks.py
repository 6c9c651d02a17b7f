"""The code passes its own lint (ruff) and the domain and the writers their type check (mypy).

Both read their rules from pyproject.toml ([tool.ruff], [tool.mypy]), so running `ruff check` or
`mypy` by hand in a checkout gives the same answer as the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the tools are installed beside the interpreter running the tests


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / command[0]), *command[1:]], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_ruff_finds_nothing():
    result = _run("ruff", "check", "--no-cache", "deskapp", "tests", "benchmarks", ".ci")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_the_domain_and_the_writers(tmp_path):
    # Its cache in the test's own folder: none left in the checkout, and no stale answer from one.
    result = _run("mypy", "--cache-dir", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found"), result.stdout  # it checked, and found none
