"""Progress of long work on a terminal: one line on standard error, redrawn a few times a second.

Shown only when the stream is a terminal (a pipe or a file gets nothing), and never under
``--quiet``; a finished task clears its line, so the output that follows starts clean.

>>> import io
>>> progress = Progress("reading", total=100, stream=io.StringIO())
>>> progress.enabled
False
>>> progress.advance(50)
>>> progress.done
50
"""

from __future__ import annotations

import time
from typing import TextIO

__all__ = ["Progress"]

_EVERY = 0.2  # seconds between redraws


class Progress:
    """A counter of work done, drawn on a terminal.

    Args:
        label: what is being done ("đọc season.jsonl").
        total: the amount of work when known (bytes, lines, products).
        stream: where to draw (standard error); nothing is drawn unless it is a terminal.
        quiet: draw nothing.
        unit: the unit of the counter, shown when there is no total.
    """

    def __init__(
        self,
        label: str,
        *,
        total: int | None = None,
        stream: TextIO | None = None,
        quiet: bool = False,
        unit: str = "",
    ) -> None:
        self.label = label
        self.total = total
        self.stream = stream
        self.unit = unit
        self.done = 0
        self.note = ""
        isatty = getattr(stream, "isatty", None)
        self.enabled = bool(stream is not None and not quiet and isatty is not None and isatty())
        self._next = 0.0
        self._drawn = False

    def advance(self, amount: int = 1) -> None:
        """Count ``amount`` more units of work; redraw when it is time."""
        self.done += amount
        if self.enabled:
            now = time.monotonic()
            if now >= self._next:
                self._next = now + _EVERY
                self._draw()

    def _draw(self) -> None:
        assert self.stream is not None
        if self.total:
            share = min(100, self.done * 100 // self.total)
            text = f"{self.label}: {share}%"
        else:
            text = f"{self.label}: {self.done:,} {self.unit}".rstrip()
        if self.note:
            text += f" — {self.note}"
        self.stream.write("\r" + text + "\x1b[K")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Clear the line drawn, if any."""
        if self._drawn and self.stream is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
