"""The cost of the place data: loading each file once, and a look-up once loaded.

Each figure is measured in the same run as its floor and given as a ratio to it, the median
of several runs:

1. loading: the first look-up of each kind (present units, the units of 30 June 2025 with
   the conversion table, the units through time) in a fresh interpreter, against
   decompressing and ``json.loads`` of the same file alone;
2. a look-up once loaded: ``places.commune(code)``, ``places.commune(code, on=year)`` and
   ``ProductCode.parse`` of a present and of a 2021 code, against a plain ``dict`` look-up
   and against ``json.loads`` of the code written as a JSON string.

Usage::

    python benchmarks/places.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import timeit

RUNS = 5

LOAD = {
    "present units": ("places_present.json.gz", "p.commune(30307)"),
    "units of 30 June 2025": ("places_legacy.json.gz", "p.commune(30307, era='legacy')"),
    "units through time": ("places_history.json.gz", "p.commune(10852, on=2021)"),
}
LOOK_UPS = {
    "commune(30307)": "p.commune(30307)",
    "commune(10852, on=2021)": "p.commune(10852, on=2021)",
    "parse present code": "P.parse('91-30307-12-2026')",
    "parse 2021 code": "P.parse('30-294-10852-1-2021')",
}
SETUP = (
    "import json; from ocop import places as p; from ocop.product_code import ProductCode as P; "
    "p.commune(30307); p.commune(30307, era='legacy'); p.commune(10852, on=2021); "
    "P.parse('91-30307-12-2026'); P.parse('30-294-10852-1-2021'); d = {'30307': 1}"
)


def _fresh(statement: str) -> float:
    """Seconds a statement takes in a fresh interpreter, after ``import ocop.places``."""
    script = (
        "import time, ocop.places as p, gzip, json\n"
        "from importlib.resources import files\n"
        f"start = time.perf_counter(); {statement}; print(time.perf_counter() - start)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    return float(result.stdout.strip())


def _median(statement: str) -> float:
    return statistics.median(_fresh(statement) for _ in range(RUNS))


def _per_call(statement: str) -> float:
    timer = timeit.Timer(statement, setup=SETUP)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=RUNS, number=number)) / number


def main() -> int:
    """Print the table of loading and look-up costs."""
    print(f"{'loading':28} {'ocop ms':>9} {'floor ms':>9} {'ratio':>7}")
    for name, (file, statement) in LOAD.items():
        floor = _median(
            f"json.loads(gzip.decompress((files('ocop') / 'data' / '{file}').read_bytes()))"
        )
        cost = _median(statement)
        print(f"{name:28} {cost * 1e3:9.1f} {floor * 1e3:9.1f} {cost / floor:7.1f}")
    dict_floor = _per_call("d.get('30307')")
    json_floor = _per_call("json.loads('\"30-294-10852-1-2021\"')")
    print(f"\n{'look-up':28} {'µs':>9} {'÷ dict':>9} {'÷ json':>7}")
    for name, statement in LOOK_UPS.items():
        cost = _per_call(statement)
        print(f"{name:28} {cost * 1e6:9.2f} {cost / dict_floor:9.0f} {cost / json_floor:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
