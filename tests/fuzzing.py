"""A mutation fuzzer for every kind of document and for the ``ocop`` command.

Seeds are real documents: the bundled An Giang 2020 example (subjects, products, cards, the
plan and a record), and the documents its round makes (councils, dossiers, applications, the
rounds, certificates, a result, a report, a progress), each dumped through the JSON contract.
Hypothesis mutates them: it replaces a value anywhere in the tree by a hostile one (a lone
surrogate, a number too big for a float, ``NaN``, a day at the end of the calendar, a long
list, a deep nest, an empty collection, another seed's subtree), removes or adds a field, or
repeats a key in the text. Each input goes through ``load`` (parsed data), ``loads`` (text and
bytes) and ``iter_lines``; a sample goes through the command, in process.

An input is *accepted* (an object, which must then dump to strict JSON and hash), *refused*
(an :class:`ocop.OcopError` whose every problem has a code and a path), a *crash* (any other
exception, or an accepted object that cannot be written back) or *slow* (over the time limit).

``tests/test_fuzz.py`` runs a few hundred inputs in ``make test``; ``make fuzz`` runs this
file as a script, many thousands per kind, and prints the tally::

    python tests/fuzzing.py --per-kind 4000
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import pathlib
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import seed as use_seed
from hypothesis import strategies as st

from ocop import cli, demo, signing
from ocop import json as ocop_json
from ocop.calendar import date
from ocop.errors import OcopError
from ocop.plan import progress, record_of
from ocop.ranking import classify
from ocop.report import periodic_report
from ocop.rubric import sheet
from ocop.scoring import aggregate

SLOW_SECONDS = 2.0
"""An input that one route (or one command) takes longer than this to settle is slow."""


# -- seeds -------------------------------------------------------------------------------------


OFFICE_KEY = bytes(range(32))
"""The private key the seeds' certificates are signed with (an example office's)."""


@cache
def seeds() -> dict[str, tuple[Any, ...]]:
    """Real documents of every kind, as parsed JSON values."""
    subjects = demo.load_example("subject", "subjects.json")
    products = demo.load_example("product", "products.json")
    cards = demo.load_example("score_card", "cards.jsonl")
    plans = demo.load_example("plan", "plan.json")
    districts, province = demo.run_round({s.id: s for s in subjects}, products, cards)
    applications = province.applications
    certificates = province.certificates
    record_list = [record_of(application) for application in applications]
    first = cards[0]
    card_sheet = sheet(first.decision, first.set_no)
    same = [card for card in cards if card.product == first.product]
    result = classify(card_sheet, aggregate(card_sheet, same))
    report = periodic_report(
        products,
        period=ocop_json.load("plan", ocop_json.dump(plans[0])).period,
        issuer="UBND tỉnh An Giang",
        subjects=subjects,
        records=record_list,
        certificates=certificates,
    )
    progress_ = progress(plans[0], record_list, on=date(2020, 12, 31), subjects=subjects)
    objects: dict[str, list[Any]] = {
        "subject": list(subjects),
        "product": list(products),
        "score_card": list(cards[:6]),
        "result": [result],
        "council": [province.council, districts[0].council],
        "dossier": [application.dossier for application in applications[:2]],
        "application": list(applications[:2]),
        "evaluation_round": [province, districts[0]],
        "certificate": list(certificates[:2]),
        "signed_certificate": [signing.sign(c, OFFICE_KEY) for c in certificates[:2]],
        "plan": list(plans),
        "product_record": record_list[:2],
        "progress": [progress_],
        "report": [report],
    }
    return {
        kind: tuple(ocop_json.dump(value) for value in values) for kind, values in objects.items()
    }


# -- mutations ---------------------------------------------------------------------------------

HOSTILE: tuple[Any, ...] = (
    "\ud800",
    "a\udfffb",
    "\x00",
    "\u202e",
    "",
    " ",
    "x" * 5000,
    0,
    -1,
    -36,
    36.0,
    0.5,
    10**9,
    10**30,
    -(10**30),
    1e308,
    math.inf,
    -math.inf,
    math.nan,
    True,
    False,
    None,
    [],
    {},
    [0] * 3000,
    {"": None},
    "0001-01-01",
    "9999-12-31",
    "9996-12-31",
    "2000-01-01",
    "2026-02-30",
    "10000-01-01",
    "0001-01-01T00:00:00+07:00",
    "9999-12-31T23:59:59-12:00",
    "n/a",
    "26/2026",
    "1048/2019",
    "province",
    "first",
    "99999",
)


def _paths(value: Any) -> list[tuple[Any, ...]]:
    """The paths of a tree's nodes, down to a few levels and the first items of long lists."""
    found: list[tuple[Any, ...]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(value, ())]
    while stack:
        node, prefix = stack.pop()
        found.append(prefix)
        if len(prefix) >= 12:
            continue
        if isinstance(node, dict):
            stack.extend((item, (*prefix, key)) for key, item in node.items())
        elif isinstance(node, list):
            stack.extend((item, (*prefix, index)) for index, item in enumerate(node[:20]))
    return found


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        copy = dict(value)
        copy[head] = _replace(value[head], rest, new)
        return copy
    copy_list = list(value)
    copy_list[head] = _replace(value[head], rest, new)
    return copy_list


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


def _nest(depth: int) -> Any:
    value: Any = 0
    for _ in range(depth):
        value = [value]
    return value


@st.composite
def _mutated(draw: st.DrawFn, kind: str) -> Any:
    """A seed of ``kind`` with one to four mutations."""
    pool = seeds()
    document = draw(st.sampled_from(pool[kind]))
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(document)
        path = draw(st.sampled_from(paths))
        target = _get(document, path)
        how = draw(st.integers(0, 9))
        if how <= 3:
            new = draw(st.sampled_from(HOSTILE))
        elif how == 4:
            new = draw(
                st.one_of(
                    st.text(max_size=12),
                    st.integers(),
                    st.floats(),
                    st.dates().map(lambda day: day.isoformat()),
                )
            )
        elif how == 5:
            other = draw(st.sampled_from(sorted(pool)))
            donor = draw(st.sampled_from(pool[other]))
            new = _get(donor, draw(st.sampled_from(_paths(donor))))
        elif how == 6 and isinstance(target, dict) and target:
            key = draw(st.sampled_from(sorted(target)))
            new = {name: item for name, item in target.items() if name != key}
        elif how == 7 and isinstance(target, dict):
            new = {
                **target,
                draw(st.sampled_from(["x", "\ud800", "id", ""])): draw(st.sampled_from(HOSTILE)),
            }
        elif how == 8 and isinstance(target, list):
            new = draw(st.sampled_from([[], target * 5, target[::-1], target[:1]]))
        elif how == 9:
            new = _nest(draw(st.sampled_from([40, 1000, 100_000])))
        else:
            new = draw(st.sampled_from(HOSTILE))
        document = _replace(document, path, new)
    return Input(document)


class Input:
    """A mutated document, shown shortly (a 10^5-deep list has no printable repr)."""

    def __init__(self, document: Any) -> None:
        self.document = document

    def __repr__(self) -> str:
        return f"Input({_safe_text(self.document)[:2000]})"


# -- routes ------------------------------------------------------------------------------------


def _text(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False)


def _with_repeated_key(text: str) -> str:
    """The text with its first key written twice (JSON allows it; the contract refuses it)."""
    start = text.find('{"')
    if start < 0:
        return text
    end = text.find(",", start)
    if end < 0:
        return text
    return text[: end + 1] + text[start + 1 : end + 1] + text[end + 1 :]


def _outcome(call: Callable[[], Any]) -> tuple[str, str]:
    """``("accepted"|"refused"|"crash", detail)`` for one call."""
    try:
        value = call()
    except OcopError as error:
        for problem in error.problems:
            if not problem.code or not problem.path.startswith("$"):
                return "crash", f"problem without code or path: {problem!r}"
            problem.describe("vi").encode("utf-8", "backslashreplace")
            problem.describe("en")
        return "refused", ""
    except Exception:  # whatever it is, it is a crash
        return "crash", traceback.format_exc(limit=-3)
    values = value if isinstance(value, list) else [value]
    for item in values:
        if isinstance(item, OcopError):
            continue
        try:
            json.dumps(ocop_json.dump(item), allow_nan=False, ensure_ascii=False).encode()
            hash(item)
        except Exception:  # an accepted object must write back and hash
            return "crash", "accepted but " + traceback.format_exc(limit=-3)
    return "accepted", ""


def routes(kind: str, document: Any) -> Iterator[tuple[str, Callable[[], Any]]]:
    """Every library route a document of ``kind`` can take."""
    yield "load", lambda: ocop_json.load(kind, document)
    try:
        text = _text(document)
    except (ValueError, RecursionError):
        return
    yield "loads", lambda: ocop_json.loads(kind, text)
    yield "loads-bytes", lambda: ocop_json.loads(kind, text.encode("utf-8", "surrogatepass"))
    yield "loads-repeated-key", lambda: ocop_json.loads(kind, _with_repeated_key(text))
    yield "iter_lines", lambda: list(ocop_json.iter_lines(kind, [text.replace("\n", " ")]))


_COMMANDS: dict[str, list[list[str]]] = {
    "score_card": [
        ["score", "{file}"],
        ["advise", "--target", "4", "{file}"],
        ["--json", "score", "{file}"],
    ],
    "evaluation_round": [["round", "report", "{file}"], ["--json", "round", "report", "{file}"]],
    "certificate": [["certificates", "due", "{file}", "--as-of", "2026-01-01"]],
    "plan": [["plan", "progress", "{file}", "--as-of", "2020-12-31"]],
}


_SEASON_COMMANDS: list[list[str]] = [["validate", "{lines}"], ["--json", "score", "{lines}"]]


def command_outcome(kind: str, document: Any) -> tuple[str, str]:
    """Run the command on the document written to a file; a traceback or a bad code is a crash."""
    try:
        text = _text(document)
    except (ValueError, RecursionError):
        return "refused", ""
    commands = [
        ["validate", "--kind", kind, "{file}"],
        *_COMMANDS.get(kind, []),
        *_SEASON_COMMANDS,
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = str(pathlib.Path(folder) / "document.json")
        pathlib.Path(path).write_text(text, encoding="utf-8", errors="surrogatepass")
        # The same document as a season of one line, its text escaped as ASCII: read by the
        # season reader (the fast path for cards, then the general checks).
        lines = str(pathlib.Path(folder) / "season.jsonl")
        pathlib.Path(lines).write_text(json.dumps(document) + "\n", encoding="ascii")
        verdict = "accepted"
        for command in commands:
            argv = [part.replace("{file}", path).replace("{lines}", lines) for part in command]
            out, err = io.StringIO(), io.StringIO()
            try:
                code = cli.main(argv, out=out, err=err)
            except BaseException:  # a traceback out of the command is a crash
                return "crash", f"{argv[:3]}: " + traceback.format_exc(limit=-3)
            if code not in (0, 1, 3, 4):
                return "crash", f"{argv[:3]} exit {code}: {err.getvalue()[-300:]}"
            printed = out.getvalue() + err.getvalue()
            try:
                printed.encode("utf-8")
            except UnicodeEncodeError:
                return "crash", f"{argv[:3]}: output that cannot be written as UTF-8"
            if "--json" in argv and code == 0:
                try:
                    json.loads(out.getvalue(), parse_constant=_no_constant)
                except ValueError as error:
                    return "crash", f"{argv[:3]}: --json output is not strict JSON ({error})"
            if code != 0:
                verdict = "refused"
        return verdict, ""


def _no_constant(name: str) -> Any:
    raise ValueError(f"bare {name}")


# -- the tally ---------------------------------------------------------------------------------


@dataclass
class Tally:
    """What happened to the inputs of one kind."""

    tried: int = 0
    refused: int = 0
    accepted: int = 0
    crashes: int = 0
    slow: int = 0
    signatures: dict[str, Any] = field(default_factory=dict)

    def record(self, kind: str, document: Any, *, command: bool) -> list[str]:
        """Run one input through every route; the crash details found (empty when none)."""
        self.tried += 1
        verdicts = []
        crashes = []
        slowest = 0.0
        for route, call in routes(kind, document):
            started = time.perf_counter()
            verdict, detail = _outcome(call)
            slowest = max(slowest, time.perf_counter() - started)
            verdicts.append(verdict)
            if verdict == "crash":
                crashes.append(f"{route}: {detail}")
        if command:
            started = time.perf_counter()
            verdict, detail = command_outcome(kind, document)
            slowest = max(slowest, (time.perf_counter() - started) / 2)  # two commands or more
            verdicts.append(verdict)
            if verdict == "crash":
                crashes.append(f"command: {detail}")
        if slowest > SLOW_SECONDS:
            self.slow += 1
        if crashes:
            self.crashes += 1
            for crash in crashes:
                signature = _signature(crash)
                previous = self.signatures.get(signature)
                if previous is None or len(_safe_text(document)) < len(_safe_text(previous[0])):
                    self.signatures[signature] = (document, crash)
        elif verdicts[0] == "accepted":
            self.accepted += 1
        else:
            self.refused += 1
        return crashes


def _signature(crash: str) -> str:
    """The route, the exception's type and the place it was raised: one per kind of crash."""
    lines = crash.strip().splitlines()
    frames = [line.strip() for line in lines if line.strip().startswith("File ")]
    where = re.sub(r"^File \"[^\"]*/(src|tests)/", "", frames[-1]) if frames else ""
    return f"{lines[0].split(':')[0]}: {lines[-1].split(':')[0]} at {where}"


def _safe_text(document: Any) -> str:
    try:
        return _text(document)
    except (ValueError, RecursionError):
        try:
            return repr(document)[:10_000]
        except RecursionError:
            return "<nested too deep to show>"


def fuzz(kind: str, examples: int, *, command_every: int = 10, seed: int | None = None) -> Tally:
    """Run ``examples`` mutated documents of ``kind``; every tenth also through the command."""
    tally = Tally()

    @settings(
        max_examples=examples,
        database=None,
        derandomize=seed is None,
        suppress_health_check=list(HealthCheck),
        deadline=None,
        phases=["generate"],
    )
    @given(document=_mutated(kind))
    def run(document: Input) -> None:
        tally.record(kind, document.document, command=tally.tried % command_every == 0)

    if seed is not None:
        run = use_seed(seed)(run)
    run()
    return tally


def main(argv: list[str] | None = None) -> int:
    """``make fuzz``: fuzz every kind and print the tally; exit 1 on any crash or slow input."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=4000, help="inputs of each kind")
    parser.add_argument("--kind", action="append", help="only these kinds")
    parser.add_argument("--seed", type=int, default=None, help="random seed (fixed when left out)")
    parser.add_argument("--show", type=int, default=3, help="crash details shown per kind")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    kinds = args.kind or list(ocop_json.kinds())
    header = (
        f"{'kind':<18}{'tried':>8}{'refused':>9}{'accepted':>10}{'crashes':>9}{'slow':>6}{'s':>8}"
    )
    print(header)
    total = Tally()
    details = []
    for kind in kinds:
        started = time.perf_counter()
        with contextlib.redirect_stderr(io.StringIO()):
            tally = fuzz(kind, args.per_kind, seed=args.seed)
        seconds = time.perf_counter() - started
        print(
            f"{kind:<18}{tally.tried:>8}{tally.refused:>9}{tally.accepted:>10}"
            f"{tally.crashes:>9}{tally.slow:>6}{seconds:>8.1f}",
            flush=True,
        )
        for name in ("tried", "refused", "accepted", "crashes", "slow"):
            setattr(total, name, getattr(total, name) + getattr(tally, name))
        for signature, (document, crash) in list(tally.signatures.items())[: args.show]:
            details.append(f"--- {kind}: {signature}\n{_safe_text(document)[:600]}\n{crash}")
    print(
        f"{'total':<18}{total.tried:>8}{total.refused:>9}{total.accepted:>10}"
        f"{total.crashes:>9}{total.slow:>6}"
    )
    for detail in details:
        print(detail)
    return 1 if total.crashes or total.slow else 0


if __name__ == "__main__":
    sys.exit(main())
