"""The shape of the code: short functions, one step each."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "ocop"
LONGEST = 80


def _code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]) -> int:
    """The lines of code of a function: not its docstring, blank lines or comments."""
    numbers = set(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    if ast.get_docstring(node, clean=False) is not None:
        first = node.body[0]
        numbers -= set(range(first.lineno, (first.end_lineno or first.lineno) + 1))
    return sum(
        1
        for number in numbers
        if lines[number - 1].strip() and not lines[number - 1].strip().startswith("#")
    )


def _function_lengths() -> dict[str, int]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                where = f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}"
                found[where] = _code_lines(node, lines)
    return found


def test_the_lengths_are_measured_on_every_function():
    lengths = _function_lengths()
    assert len(lengths) > 500
    assert max(lengths.values()) > 40


def test_no_function_is_longer_than_eighty_lines_of_code():
    long = {where: size for where, size in _function_lengths().items() if size > LONGEST}
    assert long == {}, "split these into one function per step"
