"""A national OCOP season in seconds, measured against its floor and its rivals (``make bench``).

Generates (once, from a seed) a synthetic season under QĐ 26/2026/QĐ-TTg as JSON Lines, then
measures in the same run, in rounds: each round times every figure once, each ratio is taken
within a round, and the table gives the median of the rounds with their spread (lowest–highest):

1. the floor: ``json.loads`` of every line, and ``orjson.loads`` of the same lines;
2. the ocop pipeline: validated load (the published contract, ``ocop.json.iter_lines``),
   scoring, council aggregation per product and classification with markers, holding the
   season, and a streaming pass that keeps only the rankings; each with the decoder of
   ``ocop[fast]`` (orjson) and with the standard library's alone;
3. the validated load beside the routes a developer would write instead: ``jsonschema-rs``
   with ``orjson`` and ``ScoreCard.from_dict``, a plain pydantic v2 model, a strict one;
4. the ``ocop`` command on the season file, in a fresh process: time and peak memory; each
   round of the commands starts with a streaming pass timed in this process, which the
   command's ratio takes as its reference (moments apart, rather than minutes);
5. the advisor: the season's first 1,000 products to their next star, each plan checked by
   re-scoring, and the worst case over every sheet of the three decisions for a council of 15;
6. a cold start: a fresh process that imports ``ocop``, loads one sheet and scores one card,
   beside one that imports the runtime dependencies alone;
7. peak memory of the pipeline, and of a streaming pass that keeps only results.

Times are the CPU time of the process doing the work (``time.process_time``, or the children's
``getrusage`` for the command), so that a machine shared with other work slows the figures less
than it would their wall-clock time; the command's wall-clock time is printed beside it.

Usage::

    python benchmarks/season.py                  # 20,000 products, 160,000 cards
    python benchmarks/season.py --products 5000
    python benchmarks/season.py --quick          # a smoke run: small season, fewer runs

See ``docs/performance.md`` for what each figure means and the targets.
"""

from __future__ import annotations

import argparse
import contextlib
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
from collections.abc import Callable, Iterable, Iterator, Sequence
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
    _fastcard,
    advise,
    aggregate,
    classify,
    rubric,
)
from ocop import json as ocop_json  # noqa: E402
from ocop._progress import Progress  # noqa: E402
from ocop.season import read_season, score_season, summarise_season  # noqa: E402

DEPENDENCIES = ("attrs", "pendulum", "jsonschema", "holidays")
TARGETS = {
    "pipeline": 2.5,  # pipeline, season held ÷ json.loads
    "streaming": 2.2,  # streaming pass ÷ json.loads
    "pure": 3.0,  # either pass, standard library decoder alone ÷ json.loads
    "command": 1.3,  # ocop score ÷ the library's streaming pass
    "validate": 1.5,  # ocop validate ÷ ocop score
    "memory": 200.0,  # MB, the streaming pass and the command
    "cold": 1.5,  # import ocop, one sheet, one card ÷ importing the dependencies
    "rs": 0.5,  # ocop's validated load ÷ jsonschema-rs + orjson + ScoreCard.from_dict
    "plain": 1.0,  # ocop's validated load ÷ a plain pydantic v2 model
    "advisor": 25.0,  # ms a product, worst sheet, council of 15
}
COMMAND_TIMEOUT = 120.0  # seconds: a command run slower than this is stopped, and not run again

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


def plain_twin_cards(lines: Iterable[bytes]) -> tuple[dict[str, list[ScoreCard]], int]:
    """Every card through the plain pydantic model, grouped by product; and the refused lines."""
    import pydantic

    import _pydantic_twin

    read = _pydantic_twin.read_plain
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


def rs_cards(lines: Iterable[bytes]) -> tuple[dict[str, list[ScoreCard]], int]:
    """The route a speed-minded developer writes: orjson, jsonschema-rs, ``ScoreCard.from_dict``.

    The line is parsed by ``orjson``, checked against the published schema by ``jsonschema-rs``
    (``is_valid``: the problems are listed only for a refused card), then read by the public
    ``ScoreCard.from_dict``.
    """
    import jsonschema_rs
    import orjson

    from ocop._schema import schema

    loads = orjson.loads
    is_valid = jsonschema_rs.validator_for(schema("score_card")).is_valid
    from_dict = ScoreCard.from_dict
    councils: dict[str, list[ScoreCard]] = defaultdict(list)
    refused = 0
    for line in lines:
        data = loads(line)
        if not is_valid(data):
            refused += 1
            continue
        try:
            card = from_dict(data)
        except OcopError:
            refused += 1
            continue
        councils[card.product].append(card)
    return councils, refused


def cards_read(lines: Sequence[bytes]) -> int:
    return len(lines)


def orjson_floor(lines: Sequence[bytes]) -> int:
    """``orjson.loads`` of every line: the floor of a faster decoder."""
    import orjson

    loads = orjson.loads
    count = 0
    for line in lines:
        loads(line)
        count += 1
    return count


@contextlib.contextmanager
def decoder(name: str) -> Iterator[None]:
    """Read score-card lines with decoder ``name`` (``"json"`` or ``"orjson"``) in the block."""
    previous = _fastcard.use_decoder(name)
    try:
        yield
    finally:
        _fastcard.use_decoder(previous)


def pure(call: Callable[[], object]) -> Callable[[], object]:
    """``call`` with the standard library's decoder alone, as without ``ocop[fast]``."""

    def run() -> object:
        with decoder("json"):
            return call()

    return run


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
    councils: dict[str, list[ScoreCard]], sheets: Sheets, *, release: bool = False
) -> list[tuple[CouncilResult, Classification]]:
    """Score, aggregate and classify every product's council (eliminations are ranked, too).

    With ``release``, each product's cards are let go as soon as it is ranked.
    """
    ranked = []
    for product in list(councils):
        cards = councils.pop(product) if release else councils[product]
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
    """The season held: every card read, then every product ranked (its cards then let go)."""
    councils, _ = ocop_cards(lines)
    return rank(councils, Sheets(), release=True)


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


def season_outcomes(lines: Sequence[bytes]) -> Any:
    """``ocop.score_season`` over the lines, each product closed at its council's size."""
    return summarise_season(
        score_season(read_season(lines), council_size=_generate.MEMBERS, products=())
    )


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


def worst_councils(members: int = 15, seed: int = 2026) -> list[tuple[Sheet, CouncilResult]]:
    """For every sheet of the three decisions, a council of ``members`` scoring low.

    Each member picks, on every criterion, the lowest option that does not eliminate the
    dossier or the next one up (and the first case of each alternative group): every
    criterion can move and the target is far, the advisor's hardest case.
    """
    import random

    rng = random.Random(seed)
    found = []
    for decision in ("1048/2019", "148/2023", "26/2026"):
        for set_no in range(1, 27):
            sheet = rubric.sheet(decision, set_no)
            cards = []
            for member in range(members):
                choices: dict[str, object] = {}
                groups: set[str] = set()
                for code, criterion in sheet.criteria.items():
                    group = criterion.alternative_group
                    if group is not None:
                        if group in groups:
                            continue
                        groups.add(group)
                    kept = [i for i, o in enumerate(criterion.options) if not o.eliminates]
                    choices[code] = {"index": kept[min(len(kept) - 1, rng.choice((0, 0, 1)))]}
                cards.append(
                    ScoreCard.from_dict(
                        {
                            "decision": decision,
                            "set_no": set_no,
                            "member": f"tv-{member:02d}",
                            "product": f"{decision}-{set_no}",
                            "choices": choices,
                        }
                    )
                )
            found.append((sheet, aggregate(sheet, cards, allow_elimination=True)))
    return found


PROGRESS = Progress("benchmark")  # replaced in main(): drawn on standard error on a terminal


def advisor_worst(
    councils: list[tuple[Sheet, CouncilResult]], runs: int
) -> tuple[float, list[float], str]:
    """The slowest sheet's median time to advise its council to 5★ (s), its runs, its name."""
    worst: tuple[float, list[float], str] = (0.0, [], "")
    for sheet, council in councils:
        times = []
        for _ in range(runs):
            start = time.process_time()
            advise(sheet, council, 5)
            times.append(time.process_time() - start)
        middle = statistics.median(times)
        if middle > worst[0]:
            worst = (middle, times, f"{sheet.decision} set {sheet.set_no}")
    return worst


# -- measuring -------------------------------------------------------------------------------------


def rounds(figures: dict[str, Callable[[], object]], runs: int) -> dict[str, list[float]]:
    """Each figure's CPU time in each of ``runs`` rounds; a round times every figure once."""
    found: dict[str, list[float]] = {name: [] for name in figures}
    for run in range(runs):
        for name, call in figures.items():
            PROGRESS.note = f"{name} ({run + 1}/{runs})"
            PROGRESS.advance()
            gc.collect()
            start = time.process_time()
            call()
            found[name].append(time.process_time() - start)
    return found


def ratio(top: Sequence[float], bottom: Sequence[float]) -> tuple[float, float, float]:
    """The median of the round-by-round ratios, with the lowest and the highest."""
    each = [a / b for a, b in zip(top, bottom, strict=True)]
    return statistics.median(each), min(each), max(each)


def without_gc(call: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        gc.disable()
        try:
            return call()
        finally:
            gc.enable()

    return run


def in_fresh_interpreter(code: str) -> float:
    """Run ``code`` (which prints one number) in a fresh interpreter; the number."""
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return float(out.split()[-1])


def timed(code: str) -> str:
    return (
        "import time\nstart = time.process_time()\n"
        + code
        + "\nprint(time.process_time() - start)\n"
    )


IMPORT = timed("import {}")
COLD = timed(
    """import ocop
from ocop import ScoreCard, rubric, score
sheet = rubric.sheet("26/2026", 1)
card = ScoreCard.from_dict({"decision": "26/2026", "set_no": 1, "member": "tv-01",
    "product": "p", "choices": {code: {"index": 0} for code in sheet.criteria}})
score(sheet, card, allow_elimination=True)"""
)


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


RUN = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
try:
    done = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        timeout=float(sys.argv[1]))
    code = done.returncode
except subprocess.TimeoutExpired:
    code = None
wall = time.perf_counter() - start
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": used.ru_utime + used.ru_stime, "code": code,
    "peak": used.ru_maxrss / 1024}))
"""


def command(args: Sequence[str], timeout: float) -> dict[str, Any]:
    """Run the ``ocop`` command in a fresh process: wall and CPU seconds, peak MB, exit code.

    A small parent process runs it, so that the children's ``getrusage`` is the command's own.
    It runs as an installed command does, its modules' bytecode cached (``pip install`` writes
    it): a ``PYTHONDONTWRITEBYTECODE`` of the benchmark's own environment is not passed on.
    """
    ocop = str(Path(sys.executable).with_name("ocop"))
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run(
        [sys.executable, "-c", RUN, str(timeout), ocop, *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    found: dict[str, Any] = json.loads(out.splitlines()[-1])
    return found


def commands(
    path: Path, runs: int, timeout: float, beside: Callable[[], object] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """``ocop score``, ``ocop validate --kind score_card`` and ``ocop validate`` on ``path``.

    Each is run ``runs`` times, in rounds; one that takes longer than ``timeout`` is stopped
    and not run again. With ``beside``, it is timed in this process at the start of each
    round (under ``"beside"``), so that each run of the commands has a reference measured
    moments before it, on a machine in the same state.
    """
    forms = {
        "score": ["--json", "score", str(path)],
        "validate --kind": ["validate", str(path), "--kind", "score_card"],
        "validate": ["validate", str(path)],
    }
    found: dict[str, list[dict[str, Any]]] = {name: [] for name in forms}
    # As pip does on install: the package's bytecode is written before the command runs.
    package = str(Path(ocop_json.__file__).parent)
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], check=True)
    for _ in range(runs):
        if beside is not None:
            gc.collect()
            start = time.process_time()
            beside()
            found.setdefault("beside", []).append({"cpu": time.process_time() - start})
        for name, args in forms.items():
            if found[name] and found[name][-1]["code"] is None:
                continue
            found[name].append(command(args, timeout))
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
        PROGRESS.note = f"generating {path.name}"
        PROGRESS.advance()
        _generate.write(partial, products, seed=seed)
        PROGRESS.close()
        partial.replace(path)
        print(f"generated {path.name} in {time.perf_counter() - start:.1f} s")
    return path


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "NOT MET"


def spread(values: tuple[float, float, float], unit: str = "×", digits: int = 2) -> str:
    middle, low, high = values
    return f"{middle:.{digits}f}{unit} ({low:.{digits}f}–{high:.{digits}f})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=None, help="products (default 20,000)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=None, help="rounds (default 5)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 1,000 products")
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress line on standard error"
    )
    parser.add_argument("--memory", choices=("pipeline", "streaming"), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory:
        memory(args.memory, args.data)
        return 0

    products = args.products or (1_000 if args.quick else 20_000)
    runs = args.runs or (2 if args.quick else 5)
    advised = 100 if args.quick else 1_000

    global PROGRESS
    PROGRESS = Progress("benchmark", stream=sys.stderr, quiet=args.quiet, unit="runs")
    print(f"machine: {machine()}")
    print(f"decoder of ocop[fast]: {_fastcard.DECODER}")
    path = season_file(products, args.seed)
    small = season_file(max(products // 4, 1), args.seed)
    lines = path.read_bytes().splitlines(keepends=True)
    size = sum(map(len, lines))
    cards = len(lines)
    print(
        f"season: {products:,} products, {cards:,} cards, {size / 1e6:.1f} MB of JSON Lines "
        f"({path.relative_to(HERE.parent)}); {runs} rounds, medians (lowest–highest)"
    )

    # Every route reads the same cards and ranks the same products the same way; a broken
    # card is refused by both decoders and the twin, with the general route's problems.
    councils, refused = ocop_cards(lines)
    with decoder("json"):
        assert ocop_cards(lines) == (councils, refused), "the decoders read other cards"
    twins, twin_refused = twin_cards(lines)
    assert councils == twins, "the pydantic twin reads other cards"
    assert refused == twin_refused, (refused, twin_refused)
    rs, rs_refused = rs_cards(lines)
    assert rs == councils, "the jsonschema-rs route reads other cards"
    plain, plain_refused = plain_twin_cards(lines)
    # The plain model is lax: it also reads a few cards the contract refuses ("12" as 12).
    assert all(card in plain[product] for product, cards in councils.items() for card in cards)
    assert sum(map(len, plain.values())) + plain_refused == cards_read(lines)
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
    # Every product of the season has its outcome; only those with a broken card are refused.
    season_summary = season_outcomes(lines)
    assert season_summary.products == len(ranked), "score_season lost products"
    assert season_summary.refused <= refused, "score_season refused more than the broken cards"
    assert quick == [repr(item) for item in full_check(head, Sheets())], "scoring differs"

    # What is printed of the season's rankings, and the products the advisor is timed on (the
    # first below 5★ and not eliminated, to their next star), are kept; the rankings are not.
    stars: dict[str, int] = defaultdict(int)
    for _, ranking in ranked:
        stars[str(ranking.star) if ranking.star else "eliminated"] += 1
    capped = sum(ranking.capped for _, ranking in ranked)
    sheets = Sheets()
    items = [
        (sheets[council.decision, council.set_no], council, ranking.star.stars + 1)
        for council, ranking in ranked
        if ranking.star is not None and ranking.star.stars < 5
    ][:advised]

    # The checks' cards and the season's rankings are let go before anything is timed: a
    # process holding several seasons of cards, or the rankings of one, would make every pass
    # that allocates pay for walking them.
    del councils, twins, rs, plain, head, ranked
    gc.collect()
    tracked_at_start = len(gc.get_objects())
    before = len(gc.get_objects())
    held = ocop_cards(lines)
    gc.collect()
    tracked_cards = (len(gc.get_objects()) - before) / cards
    kept = rank(held[0], Sheets(), release=True)
    gc.collect()
    tracked_ranked = (len(gc.get_objects()) - before) / cards
    del held, kept

    figures = {
        "floor": lambda: floor(lines),
        "orjson": lambda: orjson_floor(lines),
        "kept": lambda: floor_kept(lines),
        "pipeline": lambda: ocop_pipeline(lines),
        "streaming": lambda: streaming(lines),
        "score_season": lambda: season_outcomes(lines),
        "pipeline, pure": pure(lambda: ocop_pipeline(lines)),
        "streaming, pure": pure(lambda: streaming(lines)),
        "pipeline, no gc": without_gc(lambda: ocop_pipeline(lines)),
        "load": lambda: ocop_cards(lines),
        "load, pure": pure(lambda: ocop_cards(lines)),
        "rs": lambda: rs_cards(lines),
        "plain": lambda: plain_twin_cards(lines),
        "twin": lambda: twin_cards(lines),
    }
    times = rounds(figures, runs)
    t_general = rounds({"general": lambda: general_route(sample)}, 1)["general"][0] / len(sample)

    # The advisor: the first products below 5★ and not eliminated, to their next star.
    councils, _ = ocop_cards(lines)
    advice = advise_all(items)
    checked, unreachable, failed = check_advice(items, advice, councils)
    t_advice = statistics.median(rounds({"advice": lambda: advise_all(items)}, runs)["advice"])
    worst_set = worst_councils()
    worst, worst_runs, worst_sheet = advisor_worst(worst_set, runs)
    # The advisor's season of cards is let go too, before the streaming pass is timed beside
    # the commands: held, it would slow that reference (see above).
    advised_products, worst_sheets = len(items), len(worst_set)
    del councils, advice, worst_set
    gc.collect()

    PROGRESS.note = "cold start"
    PROGRESS.advance()
    cold: list[float] = []
    deps: list[float] = []
    bare: list[float] = []
    for _ in range(max(runs, 5)):
        cold.append(in_fresh_interpreter(COLD))
        deps.append(in_fresh_interpreter(IMPORT.format(", ".join(DEPENDENCIES))))
        bare.append(in_fresh_interpreter(IMPORT.format("ocop")))
    eager_modules, eager_files = json.loads(
        subprocess.run(
            [sys.executable, "-c", LAZINESS], check=True, capture_output=True, text=True
        ).stdout
    )

    PROGRESS.note = "the command"
    PROGRESS.advance()
    ran = commands(path, runs, COMMAND_TIMEOUT, beside=lambda: streaming(lines))
    beside = [run["cpu"] for run in ran.pop("beside")]
    ran_small = commands(small, 1, COMMAND_TIMEOUT)

    PROGRESS.note = "memory"
    PROGRESS.advance()
    whole = memory_of("pipeline", path)
    stream = memory_of("streaming", path)
    stream_small = memory_of("streaming", small)
    PROGRESS.close()

    def row(name: str, seconds: Sequence[float], note: str = "") -> str:
        middle = statistics.median(seconds)
        return f"  {name:<46} {middle:>8.3f} s {middle / cards * 1e6:>8.2f} µs/card  {note}"

    print(
        f"refused: {refused:,} broken cards, by ocop (either decoder), the strict twin and "
        f"jsonschema-rs ({rs_refused:,}) alike, and {plain_refused:,} by the plain pydantic "
        "model; ocop's problems are the general route's, path and code"
    )
    print(
        f"scored: {len(quick):,} products ranked alike with each card's points added up in one "
        "pass and with the full check of each criterion"
    )
    print(
        "rankings: "
        + ", ".join(f"{name} {count:,}" for name, count in sorted(stars.items()))
        + f"; capped by a marker: {capped:,}"
    )
    print()
    print("figures (median CPU seconds for the whole season)")
    print(row("json.loads, line by line (the floor)", times["floor"]))
    print(row("  orjson.loads, line by line", times["orjson"]))
    print(row("  json.loads, every value kept", times["kept"]))
    print(row("ocop pipeline: load, score, aggregate, rank", times["pipeline"]))
    print(row("ocop streaming pass: ranks kept, cards let go", times["streaming"]))
    print(row("  ocop.score_season: outcomes, summary", times["score_season"]))
    print(row("  pipeline, standard library decoder alone", times["pipeline, pure"]))
    print(row("  streaming, standard library decoder alone", times["streaming, pure"]))
    print(row("  pipeline with the cyclic GC off", times["pipeline, no gc"]))
    print(row("ocop validated load", times["load"]))
    print(row("  the same, standard library decoder alone", times["load, pure"]))
    print(row("jsonschema-rs + orjson + ScoreCard.from_dict", times["rs"]))
    print(row("plain pydantic model + ScoreCard(...)", times["plain"]))
    print(row("strict pydantic twin + ScoreCard(...)", times["twin"]))
    print(
        f"  {'general route (jsonschema + fields), sample':<46} {'':>10} "
        f"{t_general * 1e6:>8.2f} µs/card  ({len(sample):,} cards)"
    )
    print(
        f"  {'objects tracked by the GC, season held':<46} {tracked_cards:>10.2f} a card"
        f" (cards read); {tracked_ranked:.2f} a card once ranked, the cards let go"
    )
    print(
        f"  {'objects tracked by the GC when timing starts':<46} {tracked_at_start:>10,}"
        " (the interpreter, the modules, the sheets; the lines are one list)"
    )
    print()
    print(
        f"  {'streaming pass, timed before each round below':<46} "
        f"{statistics.median(beside):>8.3f} s ({len(beside)} runs)"
    )
    for name, found in ran.items():
        done = [run for run in found if run["code"] is not None]
        if not done:
            print(f"  ocop {name:<41} stopped after {COMMAND_TIMEOUT:.0f} s")
            continue
        print(
            f"  ocop {name:<41} {statistics.median(r['cpu'] for r in done):>8.3f} s CPU, "
            f"{statistics.median(r['wall'] for r in done):.3f} s wall, "
            f"{max(r['peak'] for r in done):.0f} MB peak, exit {done[0]['code']} "
            f"({len(done)} runs); a quarter of the season: "
            + (
                f"{ran_small[name][0]['peak']:.0f} MB"
                if ran_small[name][0]["code"] is not None
                else "stopped"
            )
        )
    print(
        f"  {'advisor, season, to the next star':<46} {t_advice / advised_products * 1e3:>8.2f} ms "
        f"a product ({advised_products:,} products)"
    )
    print(
        f"  {'advisor, worst sheet, council of 15, to 5★':<46} {worst * 1e3:>8.2f} ms "
        f"a product ({worst_sheet}; {worst_sheets} sheets)"
    )
    print(
        f"  {'cold: import ocop, one sheet, one card':<46} {statistics.median(cold) * 1e3:>8.1f} ms"
        f"   its dependencies alone: {statistics.median(deps) * 1e3:.1f} ms; "
        f"import ocop alone: {statistics.median(bare) * 1e3:.1f} ms ({len(cold)} runs)"
    )
    print(
        f"  {'peak memory, whole season held':<46} {whole['peak']:>8.0f} MB"
        f"   (interpreter and rubric: {whole['base']:.0f} MB)"
    )
    print(
        f"  {'peak memory, streaming pass':<46} {stream['peak']:>8.0f} MB"
        f"   (a quarter of the season: {stream_small['peak']:.0f} MB)"
    )
    print()

    def command_ratio(top: str, bottom: Sequence[float]) -> tuple[float, float, float] | None:
        done = [run["cpu"] for run in ran[top] if run["code"] is not None]
        if len(done) != len(bottom):
            return None
        return ratio(done, bottom)

    score_cpu = [run["cpu"] for run in ran["score"] if run["code"] is not None]
    command_peak = max(
        [run["peak"] for found in (*ran.values(), *ran_small.values()) for run in found]
    )
    t = times
    worst_ms = (worst * 1e3, min(worst_runs) * 1e3, max(worst_runs) * 1e3)
    rows: list[tuple[str, tuple[float, float, float] | None, float, str]] = [
        ("pipeline ÷ json.loads", ratio(t["pipeline"], t["floor"]), TARGETS["pipeline"], "×"),
        ("  pipeline ÷ orjson.loads", ratio(t["pipeline"], t["orjson"]), 0, "×"),
        ("streaming ÷ json.loads", ratio(t["streaming"], t["floor"]), TARGETS["streaming"], "×"),
        ("  streaming ÷ orjson.loads", ratio(t["streaming"], t["orjson"]), 0, "×"),
        ("  score_season ÷ streaming pass", ratio(t["score_season"], t["streaming"]), 0, "×"),
        (
            "pipeline, json alone ÷ json.loads",
            ratio(t["pipeline, pure"], t["floor"]),
            TARGETS["pure"],
            "×",
        ),
        (
            "streaming, json alone ÷ json.loads",
            ratio(t["streaming, pure"], t["floor"]),
            TARGETS["pure"],
            "×",
        ),
        (
            "ocop score ÷ streaming pass",
            command_ratio("score", beside),
            TARGETS["command"],
            "×",
        ),
        (
            "ocop validate ÷ ocop score",
            command_ratio("validate", score_cpu),
            TARGETS["validate"],
            "×",
        ),
        ("  validate --kind ÷ ocop score", command_ratio("validate --kind", score_cpu), 0, "×"),
        ("peak memory, streaming pass", (stream["peak"],) * 3, TARGETS["memory"], " MB"),
        ("peak memory, ocop commands", (command_peak,) * 3, TARGETS["memory"], " MB"),
        ("cold start ÷ dependencies", ratio(cold, deps), TARGETS["cold"], "×"),
        ("validated load ÷ jsonschema-rs route", ratio(t["load"], t["rs"]), TARGETS["rs"], "×"),
        ("validated load ÷ plain pydantic", ratio(t["load"], t["plain"]), TARGETS["plain"], "×"),
        ("  validated load ÷ strict pydantic twin", ratio(t["load"], t["twin"]), 0, "×"),
        ("  json alone, load ÷ jsonschema-rs route", ratio(t["load, pure"], t["rs"]), 0, "×"),
        ("advisor, worst sheet, ms a product", worst_ms, TARGETS["advisor"], " ms"),
        ("  pipeline, GC off ÷ json.loads", ratio(t["pipeline, no gc"], t["floor"]), 0, "×"),
        ("  validated load ÷ json.loads", ratio(t["load"], t["floor"]), 0, "×"),
        ("  orjson.loads ÷ json.loads", ratio(t["orjson"], t["floor"]), 0, "×"),
    ]
    print(f"  {'ratios (median of the rounds, lowest–highest)':<46} {'value':>24}  target")
    unmet = 0
    for name, value, target, unit in rows:
        if value is None:
            shown = "not measured"
        elif unit == " MB":
            shown = f"{value[0]:.0f} MB"
        else:
            shown = spread(value, unit, 1 if unit == " ms" else 2)
        goal = f"≤ {target:g}{unit}" if target else ""
        met = "" if not target else ("met" if value and value[0] <= target else "NOT MET")
        unmet += met == "NOT MET"
        print(f"  {name:<46} {shown:>24}  {goal:<9} {met}")
    print()
    print(
        f"advisor: {checked:,} plans carried out and re-scored, {len(failed)} wrong; "
        f"{unreachable:,} products already there or out of reach"
    )
    laziness = "nothing" if not (eager_modules or eager_files) else f"{eager_modules} {eager_files}"
    print(f"import ocop loads jsonschema or reads package data: {laziness}")
    print(f"targets not met: {unmet}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
