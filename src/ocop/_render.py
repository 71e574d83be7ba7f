"""Plain-text tables for the command line, the demo and reports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

from ocop.errors import Lang


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """An aligned text table: a header line, a rule, then one line per row.

    >>> print(table(["Sao", "Số"], [["3★", 163], ["4★", 14]]))
    Sao  Số
    ---  ---
    3★   163
    4★   14
    """
    cells = [[str(value) for value in row] for row in rows]
    widths = [len(header) for header in headers]
    for row in cells:
        for index, value in enumerate(row):
            widths[index] = max(widths[index], len(value))
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines.extend(
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells
    )
    return "\n".join(lines)


class Writer:
    """Text written for people, in one language: lines, headings and tables."""

    def __init__(self, out: TextIO, lang: Lang = "vi") -> None:
        self.out = out
        self.lang = lang

    def t(self, vi: str, en: str) -> str:
        """The text in the chosen language."""
        return en if self.lang == "en" else vi

    def line(self, text: str = "") -> None:
        """Write one line."""
        print(text, file=self.out)

    def heading(self, vi: str, en: str) -> None:
        """Write a heading, underlined, after a blank line."""
        title = self.t(vi, en)
        self.line()
        self.line(title)
        self.line("=" * len(title))

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
        """Write an aligned text table."""
        self.line(table(headers, rows))
