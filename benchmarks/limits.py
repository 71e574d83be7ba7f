"""What reading costs as documents grow, and what refusing a hostile one costs (``make bench``).

Measured in one run, each figure the best of five: the time to read ``n`` and ``10 n`` items
of a few kinds of document (score cards as JSON Lines, a round's applications, a council of
wrong members that is refused), their ratio (linear reading gives about 10), and the time and
peak memory to refuse a 400 KB document holding one list of 200,000 zeros.

Usage::

    python benchmarks/limits.py
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fuzzing import seeds
from ocop import json as ocop_json
from test_limits import card_lines, members_of, round_of


def best(work: Callable[[], object], runs: int = 5) -> float:
    """The shortest of ``runs`` timings of ``work``, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with contextlib.suppress(ocop_json.DocumentError):
            work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    """Print the growth table and the cost of one refusal."""
    print(f"{'document':<34}{'n':>8}{'t(n) ms':>10}{'t(10n) ms':>11}{'ratio':>7}")
    for name, build, n in (
        ("score cards, as lines", card_lines, 2000),
        ("a round's applications", round_of, 2),
        ("a council of wrong members", members_of, 20000),
    ):
        best(build(n), runs=1)  # once, for what is built once
        small, large = best(build(n)), best(build(10 * n))
        print(f"{name:<34}{n:>8}{small * 1000:>10.1f}{large * 1000:>11.1f}{large / small:>7.1f}")
    document = {**seeds()["council"][0], "members": [0] * 200_000}
    text = json.dumps(document, separators=(",", ":"))
    seconds = best(lambda: ocop_json.loads("council", text))
    tracemalloc.start()
    with contextlib.suppress(ocop_json.DocumentError):
        ocop_json.loads("council", text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"refusing {len(text) / 1000:.0f} KB with 200,000 wrong items: "
        f"{seconds * 1000:.0f} ms, peak {peak / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
