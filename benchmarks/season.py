"""A national OCOP season in seconds, measured against its floor and its rival (``make bench``).

Generates (once, from a seed) a synthetic season under QĐ 26/2026/QĐ-TTg as JSON Lines, then
measures in the same run, each figure the median of several runs:

1. the floor: ``json.loads`` of every line;
2. the ocop pipeline: validated load (the published contract, ``ocop.json.iter_lines``),
   scoring, council aggregation per product and classification with markers;
3. the same pipeline with a pydantic v2 model of the card doing the validated load;
4. the advisor, on 1,000 products, to their next star, each plan checked by re-scoring;
5. ``import ocop`` in a fresh interpreter, beside its runtime dependencies alone;
6. peak memory of the pipeline, and of a streaming pass that keeps only results.

Usage::

    python benchmarks/season.py                  # 20,000 products, 160,000 cards
    python benchmarks/season.py --products 5000
    python benchmarks/season.py --quick          # a smoke run: small season, fewer runs

See ``docs/performance.md`` for what each figure means and the targets.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "_data"
sys.path.insert(0, str(HERE))

import _generate  # noqa: E402
from ocop import (  # noqa: E402
    Choice,
    Classification,
    CouncilResult,
    DocumentError,
    OcopError,
    ScoreCard,
    Sheet,
    advise,
    aggregate,
    classify,
    rubric,
)
from ocop import json as ocop_json  # noqa: E402

DEPENDENCIES = ("attrs", "pendulum", "jsonschema", "holidays", "vietnam_provinces")
TARGETS = {
    "pipeline": 4.0,  # pipeline ÷ json.loads
    "rival": 1.0,  # ocop ÷ pydantic twin
    "advisor": 50.0,  # ms per product
    "import": 1.3,  # import ocop ÷ its dependencies
    "streaming": 200.0,  # MB
}

# -- the passes ----------------------------------------------------------------------------------


class Sheets(dict[tuple[str, int], Sheet]):
    """The score sheets met so far, by decision and set (each is looked up once)."""

    def __missing__(self, key: tuple[str, int]) -> Sheet:
        sheet = self[key] = rubric.sheet(*key)
        return sheet


def floor(lines: Sequence[bytes]) -> int:
    """``json.loads`` of every line: reading the file and nothing more."""
    loads = json.loads
    count = 0
    for line in lines:
        loads(line)
        count += 1
    return count


def floor_kept(lines: Sequence[bytes]) -> list[Any]:
    """``json.loads`` of every line, keeping what it reads, as a pipeline keeps its cards."""
    return [json.loads(line) for line in lines]


def ocop_cards(lines: Iterable[bytes]) -> tuple[dict[str, list[ScoreCard]], int]:
    """Every card through the published contract, grouped by product; and the refused lines."""
    councils: dict[str, list[ScoreCard]] = defaultdict(list)
    refused = 0
    for item in ocop_json.iter_lines("score_card", lines):
        if isinstance(item, DocumentError):
            refused += 1
        else:
            councils[item.product].append(item)
    return councils, refused


def twin_cards(lines: Iterable[bytes]) -> tuple[dict[str, list[ScoreCard]], int]:
    """Every card through the pydantic twin, grouped by product; and the refused lines."""
    import pydantic

    import _pydantic_twin

    read = _pydantic_twin.read
    councils: dict[str, list[ScoreCard]] = defaultdict(list)
    refused = 0
    for line in lines:
        try:
            card = read(line)
        except (pydantic.ValidationError, OcopError):
            refused += 1
            continue
        councils[card.product].append(card)
    return councils, refused


def refused_lines(lines: Sequence[bytes]) -> dict[int, list[tuple[str, str]]]:
    """The lines the contract refuses, with each problem's path and code."""
    return {
        number: [(problem.path, problem.code) for problem in item.problems]
        for number, item in enumerate(ocop_json.iter_lines("score_card", lines))
        if isinstance(item, DocumentError)
    }


def refused_by_the_general_route(
    lines: Sequence[bytes], numbers: Iterable[int]
) -> dict[int, list[tuple[str, str]]]:
    """The same lines' problems as the general route gives them."""
    from ocop._schema import parse

    found = {}
    for number in numbers:
        try:
            ocop_json._load("score_card", parse(lines[number]), f"$[{number}]")
        except DocumentError as error:
            found[number] = [(problem.path, problem.code) for problem in error.problems]
    return found


def rank(
    councils: dict[str, list[ScoreCard]], sheets: Sheets
) -> list[tuple[CouncilResult, Classification]]:
    """Score, aggregate and classify every product's council (eliminations are ranked, too)."""
    ranked = []
    for cards in councils.values():
        first = cards[0]
        sheet = sheets[first.decision, first.set_no]
        council = aggregate(sheet, cards, allow_elimination=True)
        ranked.append((council, classify(sheet, council)))
    return ranked


def full_check(
    councils: dict[str, list[ScoreCard]], sheets: Sheets
) -> list[tuple[CouncilResult, Classification]]:
    """The same ranking with every card checked criterion by criterion.

    Scoring adds up a plain card's points in one pass; a card whose choices come as a read-only
    view, like any unusual card, takes the full check instead.
    """
    viewed = {
        product: [
            ScoreCard(
                decision=card.decision,
                set_no=card.set_no,
                member=card.member,
                product=card.product,
                choices=MappingProxyType(dict(card.choices)),
            )
            for card in cards
        ]
        for product, cards in councils.items()
    }
    return rank(viewed, sheets)


def ocop_pipeline(lines: Sequence[bytes]) -> list[tuple[CouncilResult, Classification]]:
    councils, _ = ocop_cards(lines)
    return rank(councils, Sheets())


def twin_pipeline(lines: Sequence[bytes]) -> list[tuple[CouncilResult, Classification]]:
    councils, _ = twin_cards(lines)
    return rank(councils, Sheets())


def streaming(lines: Iterable[bytes], *, council_size: int = _generate.MEMBERS) -> list[Any]:
    """Rank each product as soon as its council's cards are in; keep only the rankings."""
    sheets = Sheets()
    pending: dict[str, list[ScoreCard]] = {}
    ranked: list[Classification] = []

    def close(cards: list[ScoreCard]) -> None:
        sheet = sheets[cards[0].decision, cards[0].set_no]
        ranked.append(classify(sheet, aggregate(sheet, cards, allow_elimination=True)))

    for item in ocop_json.iter_lines("score_card", lines):
        if isinstance(item, DocumentError):
            continue
        cards = pending.setdefault(item.product, [])
        cards.append(item)
        if len(cards) == council_size:
            close(pending.pop(item.product))
    for cards in pending.values():
        close(cards)
    return ranked


def general_route(lines: Sequence[bytes]) -> list[Any]:
    """The contract's general route (jsonschema, then field by field), for comparison."""
    from ocop._schema import parse

    return [ocop_json._load("score_card", parse(line), "$") for line in lines]


# -- the advisor -----------------------------------------------------------------------------------


def advise_all(
    items: list[tuple[Sheet, CouncilResult, int]],
) -> list[Any]:
    return [advise(sheet, council, target) for sheet, council, target in items]


def check_advice(
    items: list[tuple[Sheet, CouncilResult, int]],
    advice: list[Any],
    councils: dict[str, list[ScoreCard]],
) -> tuple[int, int, list[str]]:
    """Carry out every reachable plan on the cards and re-score: the plan must do what it says.

    Returns the plans checked, the products already at or out of reach of their target, and
    the products whose plan failed.
    """
    checked = unreachable = 0
    failed = []
    for (sheet, council, target), plan in zip(items, advice, strict=True):
        if not plan.reachable or not plan.steps:
            unreachable += 1
            continue
        moved = {
            step.criterion: (step.to_points, Choice.parse({"index": step.to_option}))
            for step in plan.steps
        }
        cards = []
        for card, scored in zip(councils[council.product], council.cards, strict=True):
            choices = dict(card.choices)
            for code, (points, choice) in moved.items():
                # A member below the step's option takes it; the others keep their choice.
                if code in choices and scored.criteria.get(code, 0) < points:
                    choices[code] = choice
            cards.append(
                ScoreCard(
                    decision=card.decision,
                    set_no=card.set_no,
                    member=card.member,
                    product=card.product,
                    choices=choices,
                )
            )
        after = aggregate(sheet, cards, allow_elimination=True)
        star = classify(sheet, after).star
        if after.score != plan.expected_score or star is None or star.stars < target:
            failed.append(council.product)
        checked += 1
    return checked, unreachable, failed


# -- measuring -------------------------------------------------------------------------------------


def median_time(call: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_fresh_interpreter(code: str, runs: int) -> list[float]:
    """Run ``code`` (which prints one number) in a fresh interpreter ``runs`` times."""
    found = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        ).stdout
        found.append(float(out.split()[-1]))
    return found


IMPORT = "import time; start = time.perf_counter(); import {}; print(time.perf_counter() - start)"

LAZINESS = """
import json, os, sys
opened = []
root = os.path.dirname(__import__("importlib.util").util.find_spec("ocop").origin)
def hook(event, args):
    if event == "open" and isinstance(args[0], str) and args[0].startswith(root):
        if not args[0].endswith((".py", ".pyc")):
            opened.append(os.path.relpath(args[0], root))
sys.addaudithook(hook)
import ocop
eager = sorted(m for m in sys.modules if m.split(".")[0] in ("jsonschema", "referencing"))
print(json.dumps([eager, opened]))
"""


def peak_rss() -> float:
    """This process's peak resident memory in MB.

    On Linux, ``VmHWM`` of the process's own address space: ``ru_maxrss`` would also count the
    parent's memory at the fork that started this process.
    """
    try:
        for row in Path("/proc/self/status").read_text().splitlines():
            if row.startswith("VmHWM:"):
                return int(row.split()[1]) / 1024
    except OSError:
        pass
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def memory(mode: str, path: Path) -> None:
    """Print the peak resident memory (MB) of one pass over ``path``, with the baseline."""
    Sheets()[_generate.DECISION, 1]  # the rubric is read before the baseline
    base = peak_rss()
    with path.open("rb") as lines:
        if mode == "pipeline":
            kept: Any = ocop_pipeline(list(lines))
        else:
            kept = streaming(lines)
    print(json.dumps({"base": base, "peak": peak_rss(), "products": len(kept)}))


def memory_of(mode: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--memory", mode, "--data", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found: dict[str, float] = json.loads(out.splitlines()[-1])
    return found


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for row in Path("/proc/cpuinfo").read_text().splitlines():
            if row.startswith("model name"):
                cpu = row.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.platform()}; {cpu}; {os.cpu_count()} CPUs; "
        f"Python {platform.python_version()} ({platform.python_implementation()})"
    )


# -- the run ---------------------------------------------------------------------------------------


def season_file(products: int, seed: int) -> Path:
    """The season's JSON Lines, written once per size, seed and version of the generator."""
    version = hashlib.sha256((HERE / "_generate.py").read_bytes()).hexdigest()[:8]
    path = DATA / f"season-{products}-{seed}-{version}.jsonl"
    if not path.exists():
        start = time.perf_counter()
        partial = path.with_suffix(".part")
        _generate.write(partial, products, seed=seed)
        partial.replace(path)
        print(f"generated {path.name} in {time.perf_counter() - start:.1f} s")
    return path


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "NOT MET"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=None, help="products (default 20,000)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 5)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 1,000 products")
    parser.add_argument("--memory", choices=("pipeline", "streaming"), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory:
        memory(args.memory, args.data)
        return 0

    products = args.products or (1_000 if args.quick else 20_000)
    runs = args.runs or (2 if args.quick else 5)
    import_runs = 3 if args.quick else 9
    advised = 100 if args.quick else 1_000

    print(f"machine: {machine()}")
    path = season_file(products, args.seed)
    small = season_file(max(products // 4, 1), args.seed)
    lines = path.read_bytes().splitlines(keepends=True)
    size = sum(map(len, lines))
    cards = len(lines)
    print(
        f"season: {products:,} products, {cards:,} cards, {size / 1e6:.1f} MB of JSON Lines "
        f"({path.relative_to(HERE.parent)}); {runs} runs per figure, medians"
    )

    # Every route reads the same cards and ranks the same products the same way; a broken
    # card is refused by both, with the general route's problems, path and code.
    councils, refused = ocop_cards(lines)
    twins, twin_refused = twin_cards(lines)
    assert councils == twins, "the pydantic twin reads other cards"
    assert refused == twin_refused, (refused, twin_refused)
    problems = refused_lines(lines)
    assert problems == refused_by_the_general_route(lines, problems), "problems differ"
    ranked = rank(councils, Sheets())
    sample = [line for n, line in enumerate(lines) if n not in problems][
        : 800 if args.quick else 2_000
    ]
    assert list(ocop_json.iter_lines("score_card", sample)) == general_route(sample)
    # Scores, councils and rankings (every mapping, in its order) are those of the full check.
    head, _ = ocop_cards(lines[: 1_600 if args.quick else 16_000])
    quick = [repr(item) for item in rank(head, Sheets())]
    assert quick == [repr(item) for item in full_check(head, Sheets())], "scoring differs"

    t_floor = median_time(lambda: floor(lines), runs)
    t_floor_kept = median_time(lambda: floor_kept(lines), runs)
    t_ocop = median_time(lambda: ocop_pipeline(lines), runs)
    t_stream = median_time(lambda: streaming(lines), runs)
    gc.disable()
    try:
        t_no_gc = median_time(lambda: ocop_pipeline(lines), max(1, runs // 2))
    finally:
        gc.enable()
    t_twin = median_time(lambda: twin_pipeline(lines), runs)
    t_ocop_load = median_time(lambda: ocop_cards(lines), runs)
    t_twin_load = median_time(lambda: twin_cards(lines), runs)
    t_general = median_time(lambda: general_route(sample), max(1, runs // 2)) / len(sample)

    # The advisor: the first products below 5★ and not eliminated, to their next star.
    sheets = Sheets()
    items = [
        (sheets[council.decision, council.set_no], council, ranking.star.stars + 1)
        for council, ranking in ranked
        if ranking.star is not None and ranking.star.stars < 5
    ][:advised]
    advice = advise_all(items)
    checked, unreachable, failed = check_advice(items, advice, councils)
    t_advice = median_time(lambda: advise_all(items), max(1, runs // 2)) / len(items)
    advice_ms = t_advice * 1e3

    imports = in_fresh_interpreter(IMPORT.format("ocop"), import_runs)
    deps = in_fresh_interpreter(IMPORT.format(", ".join(DEPENDENCIES)), import_runs)
    eager_modules, eager_files = json.loads(
        subprocess.run(
            [sys.executable, "-c", LAZINESS], check=True, capture_output=True, text=True
        ).stdout
    )
    t_import, t_deps = statistics.median(imports), statistics.median(deps)

    whole = memory_of("pipeline", path)
    stream = memory_of("streaming", path)
    stream_small = memory_of("streaming", small)

    def row(name: str, seconds: float, note: str = "") -> str:
        return f"  {name:<44} {seconds:>9.3f} s {seconds / cards * 1e6:>8.2f} µs/card  {note}"

    print(
        f"refused: {refused:,} broken cards, by ocop and by the twin alike; ocop's problems are "
        "the general route's, path and code"
    )
    print(
        f"scored: {len(quick):,} products ranked alike with each card's points added up in one "
        "pass and with the full check of each criterion"
    )
    stars: dict[str, int] = defaultdict(int)
    for _, ranking in ranked:
        stars[str(ranking.star) if ranking.star else "eliminated"] += 1
    print(
        "rankings: "
        + ", ".join(f"{name} {count:,}" for name, count in sorted(stars.items()))
        + f"; capped by a marker: {sum(r.capped for _, r in ranked):,}"
    )
    print()
    print("figures (median seconds for the whole season)")
    print(row("json.loads, line by line (the floor)", t_floor))
    print(row("  json.loads, every value kept", t_floor_kept))
    print(row("ocop pipeline: load, score, aggregate, rank", t_ocop))
    print(row("pydantic twin pipeline", t_twin))
    print(row("  ocop, streaming: ranks kept, cards let go", t_stream))
    print(row("  ocop pipeline with the cyclic GC off", t_no_gc))
    print(row("  ocop validated load alone", t_ocop_load))
    print(row("  pydantic validated load alone", t_twin_load))
    print(
        f"  {'general route (jsonschema + fields), sample':<44} {'':>11} "
        f"{t_general * 1e6:>8.2f} µs/card  ({len(sample):,} cards)"
    )
    print(
        f"  {'advisor, to the next star':<44} {t_advice * len(items):>9.3f} s "
        f"{advice_ms:>8.2f} ms/product ({len(items):,} products)"
    )
    print(
        f"  {'import ocop (fresh interpreter)':<44} {t_import * 1e3:>9.1f} ms"
        f"   its dependencies alone: {t_deps * 1e3:.1f} ms ({import_runs} runs)"
    )
    print(
        f"  {'peak memory, whole season held':<44} {whole['peak']:>9.0f} MB"
        f"   (interpreter and rubric: {whole['base']:.0f} MB)"
    )
    print(
        f"  {'peak memory, streaming pass':<44} {stream['peak']:>9.0f} MB"
        f"   (a quarter of the season: {stream_small['peak']:.0f} MB)"
    )
    print()
    ratios = [
        ("pipeline ÷ json.loads", t_ocop / t_floor, TARGETS["pipeline"], "×"),
        ("ocop ÷ pydantic twin (pipeline)", t_ocop / t_twin, TARGETS["rival"], "×"),
        ("advisor, ms per product", advice_ms, TARGETS["advisor"], " ms"),
        ("import ocop ÷ dependencies", t_import / t_deps, TARGETS["import"], "×"),
        ("streaming peak, MB", stream["peak"], TARGETS["streaming"], " MB"),
    ]
    print(f"  {'ratios':<40} {'value':>11}  target")
    for name, value, target, unit in ratios:
        shown = f"{value:.2f}{unit}" if unit == "×" else f"{value:.1f}{unit}"
        print(
            f"  {name:<40} {shown:>11}  {'≤ ' + f'{target:g}{unit}':<10} {verdict(value, target)}"
        )
    for name, value in (
        ("  streaming pass ÷ json.loads", t_stream / t_floor),
        ("  pipeline, GC off ÷ json.loads", t_no_gc / t_floor),
        ("  validated load alone ÷ json.loads", t_ocop_load / t_floor),
        ("  ocop ÷ pydantic, validated load alone", t_ocop_load / t_twin_load),
    ):
        print(f"  {name:<40} {value:>10.2f}×")
    print()
    print(
        f"advisor: {checked:,} plans carried out and re-scored, {len(failed)} wrong; "
        f"{unreachable:,} products already there or out of reach"
    )
    laziness = "nothing" if not (eager_modules or eager_files) else f"{eager_modules} {eager_files}"
    print(f"import ocop loads jsonschema or reads package data: {laziness}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
