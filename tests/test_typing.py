"""Constructors have real types: mypy and pyright report every wrong call, and only those.

``tests/typing/constructors.py`` holds calls that users make and calls that are wrong, each
wrong one on a line ending in ``# wrong``. A converter typed with ``Any`` would let the wrong
ones through; a converter typed too narrowly would flag the right ones.
"""

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CALLS = Path(__file__).parent / "typing" / "constructors.py"
WRONG = re.compile(r"#\s*wrong$")


def _wrong_lines() -> set[int]:
    lines = CALLS.read_text(encoding="utf-8").splitlines()
    return {number for number, line in enumerate(lines, start=1) if WRONG.search(line)}


def test_the_calls_file_marks_wrong_calls():
    assert len(_wrong_lines()) >= 15


@pytest.mark.skipif(
    importlib.util.find_spec("mypy") is None, reason="mypy is not installed (the test extra)"
)
def test_mypy_reports_exactly_the_wrong_calls():
    from mypy import api

    out, _, _ = api.run(["--strict", "--no-error-summary", "--hide-error-context", str(CALLS)])
    reported = {
        int(found.group(1))
        for found in re.finditer(r"^[^\n]*constructors\.py:(\d+): error:", out, re.MULTILINE)
    }
    assert reported == _wrong_lines(), out


def _pyright() -> str | None:
    here = Path(sys.executable).parent / "pyright"
    return str(here) if here.exists() else shutil.which("pyright")


@pytest.mark.skipif(_pyright() is None, reason="pyright is not installed (the test extra)")
def test_pyright_reports_exactly_the_wrong_calls():
    run = subprocess.run(
        [_pyright(), "--outputjson", "--pythonpath", sys.executable, str(CALLS)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    found = json.loads(run.stdout)
    reported = {
        problem["range"]["start"]["line"] + 1
        for problem in found["generalDiagnostics"]
        if problem["severity"] == "error"
    }
    assert reported == _wrong_lines(), run.stdout
