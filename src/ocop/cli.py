"""The ``ocop`` command: score sheets, validation, a season's scoring, advice and the demo.

Human-readable text by default, ``--json`` for machines, Vietnamese or English output
(``--lang``); options go before or after the command. Exit codes (``ocop help exit-codes``):
0 done; 1 the input has problems (each printed with its file, line, product and JSON path) or a
product was refused; 2 the command line is wrong; 3 a file cannot be read; 4 the rules refuse a
step; 70 an internal error of ``ocop`` itself (a bug, reported with its traceback); 130
interrupted; 141 standard output was closed early (``ocop … | head``). Personal identification
numbers, phone numbers and address details in problems are masked unless
``--reveal-personal-data`` is given (:mod:`ocop.privacy`).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Final, TextIO

from ocop._progress import Progress
from ocop._render import Writer
from ocop.errors import InputError, Lang, OcopError, Problem, ProcessError

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3
EXIT_REFUSED = 4
EXIT_INTERNAL = 70  # EX_SOFTWARE of sysexits.h
EXIT_INTERRUPTED = 130  # 128 + SIGINT
EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE, as a command killed by a closed pipe

JSON_LINES = (".jsonl", ".ndjson")


class _Output(Writer):
    """Where a command writes, in which language, as JSON or not, and whether it is quiet."""

    def __init__(self, out: TextIO, err: TextIO, lang: Lang, *, as_json: bool, quiet: bool) -> None:
        super().__init__(out, lang)
        self.err = err
        self.as_json = as_json
        self.quiet = quiet
        self.current: Progress | None = None
        self.reveal = False
        """Whether personal data are shown unmasked (``--reveal-personal-data``)."""

    def json(self, value: Any) -> None:
        """Write a JSON value."""
        self.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")

    def line(self, text: str = "") -> None:
        """Write one line, after clearing the progress line if one is drawn."""
        self.write(text + "\n")

    def write(self, text: str) -> None:
        """Write text as it is, after clearing the progress line if one is drawn."""
        if self.current is not None:
            self.current.close()
        self.out.write(text)

    def progress(self, label: str, *, total: int | None = None, unit: str = "") -> Progress:
        """A progress line on standard error, drawn only on a terminal and never when quiet."""
        self.current = Progress(label, total=total, stream=self.err, quiet=self.quiet, unit=unit)
        return self.current

    def note(self, text: str) -> None:
        """Add a note to the progress line being drawn (``1,200 products``)."""
        if self.current is not None:
            self.current.note = text

    @property
    def drawing(self) -> bool:
        """Whether a progress line is drawn (on a terminal, not quiet)."""
        return self.current is not None and self.current.enabled


class _UnreadableError(Exception):
    """A file that cannot be read."""


class _RefusedError(Exception):
    """Documents with problems, each located in its file."""

    def __init__(self, problems: Sequence[Any]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = list(problems)


# -- reading files ----------------------------------------------------------------------------


def _is_lines(path: str) -> bool:
    return path == "-" or path.endswith(JSON_LINES)


def _counted(lines: Iterable[bytes], progress: Progress) -> Iterable[bytes]:
    """The lines, counted by bytes as they are read when the progress line is drawn."""
    if not progress.enabled:
        return lines
    return _counting(lines, progress)


def _counting(lines: Iterable[bytes], progress: Progress) -> Iterator[bytes]:
    for line in lines:
        progress.advance(len(line))
        yield line


_READ_BUFFER: Final = 1 << 20
"""Bytes read from a file at once: a season's lines come a megabyte at a time, not eight
kilobytes, which halves what reading them costs."""


@contextlib.contextmanager
def _opened(path: str, out: _Output, label: str) -> Iterator[Iterable[bytes]]:
    """The lines of a file (``-`` is standard input), with progress by bytes read."""
    if path == "-":
        with out.progress(label, unit="B") as progress:
            yield _counted(sys.stdin.buffer, progress)
        return
    try:
        handle: IO[bytes] = Path(path).open("rb", buffering=_READ_BUFFER)  # noqa: SIM115
        size = os.fstat(handle.fileno()).st_size
    except OSError as error:
        raise _UnreadableError(f"{path}: {error.strerror or error}") from None
    with handle, out.progress(label, total=size or None) as progress:
        try:
            yield _counted(handle, progress)
        except OSError as error:
            if isinstance(error, BrokenPipeError):
                raise
            raise _UnreadableError(f"{path}: {error.strerror or error}") from None


def _read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise _UnreadableError(f"{path}: {error}") from None
    except OSError as error:
        raise _UnreadableError(f"{path}: {error.strerror or error}") from None


def _element_lines(text: str) -> list[int]:
    """The line (from 1) where each element of a top-level JSON array starts."""
    decoder = json.JSONDecoder()
    space = re.compile(r"[ \t\n\r]*")
    lines: list[int] = []
    at = space.match(text, 0).end() + 1  # type: ignore[union-attr]
    line = text.count("\n", 0, at) + 1
    counted = at
    while True:
        at = space.match(text, at).end()  # type: ignore[union-attr]
        if at >= len(text) or text[at] == "]":
            return lines
        line += text.count("\n", counted, at)
        counted = at
        lines.append(line)
        _, at = decoder.raw_decode(text, at)
        at = space.match(text, at).end()  # type: ignore[union-attr]
        if at < len(text) and text[at] == ",":
            at += 1


_WHOLE_FILE: Final = frozenset(
    {"document.too_deep", "document.too_many_items", "document.too_large"}
)
"""The limits of a file as a whole (:func:`ocop._schema.check_document` stops at them)."""


def _documents(path: str, kind: str | None) -> list[Any]:
    """The documents of a JSON file (one object or an array of them), read as entries.

    The file as a whole is held to the size and shape limits; what each document holds
    (text, numbers, repeated keys) is checked with that document, located at its line.
    """
    from ocop._schema import check_document, decode
    from ocop.season import SeasonEntry

    text = _read_text(path)
    try:
        data = decode(text)
    except OcopError as error:
        return [SeasonEntry(kind=kind, file=path, line=1, problems=error.problems)]
    if not isinstance(data, list):
        return [SeasonEntry.of(data, file=path, line=1, kind=kind)]
    try:
        check_document(data)
    except OcopError as error:
        if _WHOLE_FILE & {problem.code for problem in error.problems}:
            return [SeasonEntry(kind=kind, file=path, line=1, problems=error.problems)]
    lines = _element_lines(text)
    return [
        SeasonEntry.of(item, file=path, line=line, kind=kind)
        for item, line in zip(data, lines, strict=True)
    ]


def _entries(
    path: str,
    out: _Output,
    *,
    kind: str | None = None,
    ends: dict[str, int] | None = None,
    whole: bool = False,
) -> Iterator[Any]:
    """Every document of a file, as season entries, located at their lines; with ``whole``,
    a JSON Lines file is given whole (:class:`ocop.season.SeasonLines`), for scoring."""
    from ocop.season import SeasonLines, read_season

    if not _is_lines(path):
        yield from _documents(path, kind)
        return
    with _opened(path, out, out.t(f"đọc {path}", f"reading {path}")) as lines:
        if whole:
            yield SeasonLines(lines, file=path, kind=kind, ends=ends)
        else:
            yield from read_season(lines, file=path, kind=kind, ends=ends)


def _season(
    paths: Sequence[str], out: _Output, *, kind: str | None = None, whole: bool = False
) -> Iterator[Any]:
    """The entries of every file, each product's last one marked, read in a streaming pass
    (with ``whole``, each JSON Lines file given whole, as :func:`_entries` gives it).

    A first, cheap pass over each JSON Lines file finds the line of each product's last
    document, so that the product is ranked as soon as it is read and then let go.
    """
    from ocop.season import last_lines

    if "-" in paths:  # standard input is read once: products close at its end
        for path in paths:
            yield from _entries(path, out, kind=kind, whole=whole)
        return
    held: dict[int, list[Any]] = {}
    lasts: list[dict[str, int]] = []
    for index, path in enumerate(paths):
        if _is_lines(path):
            with _opened(path, out, out.t(f"xem trước {path}", f"scanning {path}")) as lines:
                lasts.append(last_lines(lines))
        else:
            held[index] = _documents(path, kind)
            lasts.append({e.product: e.line for e in held[index] if e.product is not None})
    final = {product: index for index, last in enumerate(lasts) for product in last}
    for index, path in enumerate(paths):
        ends = {p: line for p, line in lasts[index].items() if final[p] == index}
        if index not in held:
            yield from _entries(path, out, kind=kind, ends=ends, whole=whole)
            continue
        for entry in held.pop(index):
            if entry.product is not None and ends.get(entry.product) == entry.line:
                import attrs

                entry = attrs.evolve(entry, last=True)
            yield entry


def _located(entries: Iterable[Any]) -> list[Any]:
    """The problems of entries, each located at its file and line."""
    from ocop.season import SeasonProblem

    return [
        SeasonProblem(
            problem=problem,
            file=entry.file,
            line=entry.line,
            product=entry.product,
            kind=entry.kind,
        )
        for entry in entries
        for problem in entry.problems
    ]


def _values(paths: Sequence[str], out: _Output, kind: str) -> list[Any]:
    """Every document of ``kind`` in the files; all their problems at once if any."""
    entries = [entry for path in paths for entry in _entries(path, out, kind=kind)]
    problems = _located(entries)
    if problems:
        raise _RefusedError(problems)
    return [entry.value for entry in entries]


def _one(path: str, out: _Output, kind: str, code: str, vi: str, en: str) -> Any:
    """The one document of ``kind`` a file must hold."""
    from ocop.season import SeasonProblem

    entries = list(_entries(path, out, kind=kind))
    if len(entries) != 1:
        problem = Problem(code=code, path="$", value=len(entries), message_vi=vi, message_en=en)
        raise _RefusedError([SeasonProblem(problem=problem, file=path, line=1)])
    return _values_of(entries)[0]


def _values_of(entries: list[Any]) -> list[Any]:
    problems = _located(entries)
    if problems:
        raise _RefusedError(problems)
    return [entry.value for entry in entries]


def _problems_out(out: _Output, problems: Sequence[Any]) -> None:
    """Problems of files (located) or of the command line, on standard output as JSON or text."""
    from ocop.season import SeasonProblem

    located = [
        problem if isinstance(problem, SeasonProblem) else SeasonProblem(problem=problem)
        for problem in problems
    ]
    if out.as_json:
        out.json(
            {
                "ok": False,
                "problems": [problem.as_json(out.lang, reveal=out.reveal) for problem in located],
            }
        )
        return
    for problem in located:
        where = f"{problem.where}: " if problem.file else "ocop: "
        about = f"{problem.about}: " if problem.about else ""
        print(
            f"{where}{about}{problem.problem.describe(out.lang, reveal=out.reveal)}", file=out.err
        )


# -- dates ------------------------------------------------------------------------------------

_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _day(text: str | None, option: str) -> Any:
    """A day written ``YYYY-MM-DD`` or ``DD/MM/YYYY``, as Vietnamese offices write it; today
    when left out."""
    from ocop.calendar import parse_date, today

    if text is None:
        return today()
    written = text.strip()
    match = _DMY.fullmatch(written)
    if match is not None:
        day, month, year = match.groups()
        written = f"{year}-{int(month):02d}-{int(day):02d}"
    try:
        return parse_date(written, path=option)
    except InputError as error:
        if error.problems[0].code != "date.invalid":
            raise  # a real day outside the supported years says so
        raise InputError(
            Problem(
                code="date.invalid",
                path=option,
                value=text,
                message_vi="Ngày không hợp lệ (cần dạng NNNN-TT-NN hoặc NN/TT/NNNN)",
                message_en="not a valid date (expected YYYY-MM-DD or DD/MM/YYYY)",
            )
        ) from None


# -- rubric -----------------------------------------------------------------------------------


def _rubric_list(args: argparse.Namespace, out: _Output) -> int:
    from ocop import rubric

    decisions = [rubric.normalise_decision(args.decision)] if args.decision else rubric.decisions()
    rows = []
    for key in decisions:
        for set_no, sheet in rubric.load(key).sheets.items():
            rows.append(
                {
                    "decision": key,
                    "set_no": set_no,
                    "name": sheet.name,
                    "available": sheet.available,
                    "criteria": len(sheet.criteria),
                    "markers": len(sheet.markers),
                }
            )
    if out.as_json:
        out.json(rows)
        return EXIT_OK
    out.table(
        [
            out.t("Quyết định", "Decision"),
            out.t("Bộ", "Set"),
            out.t("Tên bộ sản phẩm", "Product set"),
            out.t("Tiêu chí", "Criteria"),
            out.t("Dấu sao", "Markers"),
        ],
        [
            (
                row["decision"],
                row["set_no"],
                row["name"]
                if row["available"]
                else f"{row['name']} ({out.t('chưa có phiếu', 'no sheet')})",
                row["criteria"],
                row["markers"],
            )
            for row in rows
        ],
    )
    return EXIT_OK


def _rubric_show(args: argparse.Namespace, out: _Output) -> int:
    from ocop import _structure, rubric

    sheet = rubric.sheet(args.decision, args.set_no)
    if out.as_json:
        out.json(_structure.unstructure(sheet))
        return EXIT_OK
    sheet.ensure_available()
    stars = {3: "***", 4: "****", 5: "*****"}
    out.line(
        f"{out.t('Phiếu đánh giá', 'Score sheet')} {sheet.decision} — {sheet.set_no}. {sheet.name}"
    )
    for part in sheet.parts:
        out.line()
        out.line(f"{part.code}. {part.title} ({part.max_points})")
        for section in part.sections:
            out.line(f"  {section.title} ({section.max_points})")
            for criterion in section.criteria:
                if criterion.title != section.title:
                    out.line(f"    [{criterion.code}] {criterion.title} ({criterion.max_points})")
                for option in criterion.options:
                    marker = f" {stars[option.min_star]}" if option.min_star else ""
                    cut = f" ({out.t('bị loại', 'eliminates')})" if option.eliminates else ""
                    out.line(f"      {option.points:>2}  {option.label}{marker}{cut}")
    return EXIT_OK


def _rubric_diff(args: argparse.Namespace, out: _Output) -> int:
    from ocop import _structure, rubric
    from ocop.rubric_diff import diff_sheets

    difference = diff_sheets(
        rubric.sheet(args.old, args.set_no), rubric.sheet(args.new, args.set_no)
    )
    if out.as_json:
        out.json(_structure.unstructure(difference))
    else:
        out.line(difference.render(out.lang))
    return EXIT_OK


# -- schema and validate ----------------------------------------------------------------------


def _schema(args: argparse.Namespace, out: _Output) -> int:
    from ocop._schema import schema

    out.json(schema(args.name))
    return EXIT_OK


def _kind_runs(entries: Iterable[Any], runs: list[dict[str, Any]]) -> Iterator[Any]:
    """Pass entries through, recording runs of consecutive lines of one kind per file."""
    for entry in entries:
        kind = entry.kind or "?"
        last = runs[-1] if runs else None
        if last is not None and last["file"] == entry.file and last["kind"] == kind:
            last["lines"][1] = entry.line
            last["count"] += 1
        else:
            runs.append({"file": entry.file, "kind": kind, "lines": [entry.line, entry.line]})
            runs[-1]["count"] = 1
        yield entry


def _checked(
    entries: Iterable[Any], problems: list[Any], args: argparse.Namespace
) -> Iterator[Any]:
    """Season documents go on to be scored; any other document's problems are kept."""
    from ocop.season import SEASON_KINDS

    for entry in entries:
        if entry.kind in SEASON_KINDS or (entry.kind is None and entry.product is not None):
            yield entry
        else:
            problems.extend(_located([entry]))


def _validate(args: argparse.Namespace, out: _Output) -> int:
    from ocop.season import score_season, summarise_season

    if args.kind is not None:
        _known_kind(args.kind)
    runs: list[dict[str, Any]] = []
    problems: list[Any] = []
    entries = _kind_runs(_season([args.file], out, kind=args.kind), runs)
    outcomes = score_season(
        _checked(entries, problems, args),
        council_size=args.council_size,
        marker_policy=_policy(args),
    )

    def gathered() -> Iterator[Any]:
        for outcome in outcomes:
            problems.extend(outcome.problems)
            yield outcome

    summary = summarise_season(gathered())
    problems.sort(key=lambda problem: (problem.file or "", problem.line or 0))
    counts: dict[str, int] = {}
    for run in runs:
        counts[run["kind"]] = counts.get(run["kind"], 0) + run["count"]
    if out.as_json:
        out.json(
            {
                "ok": not problems,
                "file": args.file,
                "kinds": counts,
                "lines": [
                    {"kind": run["kind"], "first": run["lines"][0], "last": run["lines"][1]}
                    for run in runs
                ],
                "season": summary.as_json() if summary.products else None,
                "problems": [problem.as_json(out.lang, reveal=out.reveal) for problem in problems],
            }
        )
        return EXIT_INVALID if problems else EXIT_OK
    for run in runs[:12]:
        first, last = run["lines"]
        span = f"{out.t('dòng', 'line')} {first}"
        if first != last:
            span = f"{out.t('dòng', 'lines')} {first}–{last}"
        out.line(f"{args.file}: {span}: {run['kind']}")
    if len(runs) > 12:
        out.line(
            out.t(
                f"{args.file}: … và {len(runs) - 12} đoạn nữa (--json liệt kê hết)",
                f"{args.file}: … and {len(runs) - 12} more runs (--json lists them all)",
            )
        )
    for problem in problems:
        about = f"{problem.about}: " if problem.about else ""
        kind = f"[{problem.kind}] " if problem.kind else ""
        described = problem.problem.describe(out.lang, reveal=out.reveal)
        out.line(f"{problem.where}: {kind}{about}{described}")
    found = ", ".join(f"{count} × {kind}" for kind, count in sorted(counts.items()))
    if problems:
        out.line(
            out.t(
                f"{args.file}: {len(problems)} vấn đề ({found})",
                f"{args.file}: {len(problems)} problems ({found})",
            )
        )
        return EXIT_INVALID
    out.line(f"{args.file}: {out.t('hợp lệ', 'valid')} ({found})")
    return EXIT_OK


def _known_kind(kind: str) -> None:
    from ocop import json as ocop_json

    if kind not in ocop_json.kinds():
        known = ", ".join(ocop_json.kinds())
        raise InputError(
            Problem(
                code="document.unknown_kind",
                path="--kind",
                value=kind,
                message_vi=f"Không có loại tài liệu '{kind}'; các loại: {known}",
                message_en=f"there is no kind of document '{kind}'; kinds: {known}",
            )
        )


# -- score and advise -------------------------------------------------------------------------


def _policy(args: argparse.Namespace) -> Any:
    from ocop.ranking import MarkerPolicy

    return (
        MarkerPolicy.EVERY_CARD if args.marker_policy == "every-card" else MarkerPolicy.COUNCIL_MEAN
    )


def _outcomes(args: argparse.Namespace, out: _Output) -> Iterator[Any]:
    from ocop.season import score_season

    return score_season(
        _season(args.files, out, whole=True),
        council_size=args.council_size,
        marker_policy=_policy(args),
    )


_HELD: Final = 256
"""How many outcomes are written at once when no terminal shows them as they come."""


def _shown(out: _Output, outcomes: Iterable[Any], text: Callable[[Any], str]) -> Iterator[Any]:
    """Pass outcomes through, writing each as it comes; the progress line counts them.

    Into a pipe or a file, a few hundred outcomes are written at once; on a terminal, each as
    it comes (before the progress line is drawn again). Those held are written when the
    outcomes end, or stop.
    """
    held: list[str] = []
    at_once = 1 if _is_terminal(out.out) else _HELD
    try:
        for count, outcome in enumerate(outcomes, start=1):
            if out.as_json:
                held.append(
                    ("\n" if count == 1 else ",\n") + outcome.json_text(out.lang, reveal=out.reveal)
                )
            else:
                held.append(text(outcome))
            if out.drawing:
                out.write("".join(held))
                held.clear()
                out.note(out.t(f"{count:,} sản phẩm", f"{count:,} products"))
            elif len(held) >= at_once:
                out.write("".join(held))
                held.clear()
            yield outcome
    finally:
        if held:
            out.write("".join(held))


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _season_command(
    args: argparse.Namespace, out: _Output, outcomes: Iterable[Any], text: Callable[[Any], str]
) -> int:
    """Write every outcome as it comes, then the summary; JSON is one document, streamed.

    The JSON form is ``{"products": [...], "summary": {...}}``, one product a line.
    """
    from ocop.season import summarise_season

    if out.as_json:
        out.write('{"products": [')
    summary = summarise_season(_shown(out, outcomes, text))
    if out.as_json:
        out.write('\n],\n"summary": ' + _dumps(summary.as_json()) + "}\n")
    else:
        out.line(summary.render(out.lang))
    return EXIT_INVALID if summary.refused else EXIT_OK


def _score(args: argparse.Namespace, out: _Output) -> int:
    def text(outcome: Any) -> str:
        return f"{outcome.heading(out.lang)}\n{outcome.explain(out.lang, reveal=out.reveal)}\n\n"

    return _season_command(args, out, _outcomes(args, out), text)


def _advise(args: argparse.Namespace, out: _Output) -> int:
    from ocop import rubric
    from ocop.advisor import advise

    def advised(outcomes: Iterable[Any]) -> Iterator[_Advised]:
        for outcome in outcomes:
            advice = None
            if outcome.council is not None and outcome.classification.star is not None:
                sheet = rubric.sheet(outcome.decision, outcome.set_no)
                advice = advise(sheet, outcome.council, args.target, marker_policy=_policy(args))
            yield _Advised(outcome, advice)

    def text(item: _Advised) -> str:
        if item.advice is None:
            told = item.explain(out.lang, reveal=out.reveal)
        else:
            told = item.advice.explain(out.lang)
        return f"{item.heading(out.lang)}\n{told}\n\n"

    return _season_command(args, out, advised(_outcomes(args, out)), text)


class _Advised:
    """An outcome with the advice to reach the target star, when it could be computed."""

    def __init__(self, outcome: Any, advice: Any) -> None:
        self.outcome = outcome
        self.advice = advice
        self.status = outcome.status
        self.product = outcome.product
        self.cards = outcome.cards
        self.problems = outcome.problems
        self.classification = outcome.classification

    def heading(self, lang: Lang) -> str:
        return str(self.outcome.heading(lang))

    def explain(self, lang: Lang, *, reveal: bool = False) -> str:
        return str(self.outcome.explain(lang, reveal=reveal))

    def as_json(self, lang: Lang, *, reveal: bool = False) -> dict[str, Any]:
        from ocop import _structure
        from ocop import json as ocop_json  # noqa: F401  (the contract's hooks: a star as its number)

        found: dict[str, Any] = self.outcome.as_json(lang, reveal=reveal)
        if self.advice is not None:
            found["advice"] = _structure.unstructure(self.advice)
        return found

    def json_text(self, lang: Lang, *, reveal: bool = False) -> str:
        return _dumps(self.as_json(lang, reveal=reveal))


# -- rounds and certificates ------------------------------------------------------------------

_NEXT_STEP = {
    "drafted": ("nộp hồ sơ cho UBND cấp xã", "file with the commune"),
    "filed": ("UBND cấp xã đánh giá (Mẫu 03)", "the commune assesses (Form 03)"),
    "commune_assessed": ("chuyển hồ sơ lên cấp trên", "forward to the next level"),
    "forwarded": ("đưa vào đợt đánh giá", "admit to a round"),
    "returned": ("chủ thể bổ sung, nộp lại", "the subject completes and resubmits"),
    "under_review": ("hội đồng chấm điểm", "the council scores"),
    "recognised": ("cấp giấy chứng nhận", "issue the certificate"),
    "not_recognised": ("—", "—"),
    "certified": ("—", "—"),
}


def _next_step(application: Any, out: _Output) -> str:
    state = application.state.value
    if state != "scored":
        vi, en = _NEXT_STEP[state]
        return out.t(vi, en)
    result = application.result
    star = None if result is None else result.classification.star
    regulation = application.regulation
    level = application.level
    if result is not None and level is not None:
        upper = regulation.rule(level)
        if (
            upper is not None
            and upper.forwards_at is not None
            and result.score >= upper.forwards_at
            and regulation.next_level(level) is not None
        ):
            return out.t("chuyển lên cấp trên", "send up to the next level")
    if star is None or not star.certifiable:
        return out.t("không công nhận", "not recognised")
    recogniser = regulation.recognising_level(star.stars)
    name = recogniser.label(out.lang) if recogniser is not None else "—"
    return out.t(f"công nhận {star} ({name})", f"recognise {star} ({name})")


def _round_report(args: argparse.Namespace, out: _Output) -> int:
    from ocop.evaluation import DossierState

    round_ = _one(
        args.file,
        out,
        "evaluation_round",
        "document.one_round",
        "Tệp phải chứa đúng một đợt đánh giá",
        "the file must hold exactly one evaluation round",
    )
    rows = []
    for application in round_.applications:
        result = application.result
        star = None if result is None else result.classification.star
        certifier = (
            None
            if star is None or not star.certifiable
            else application.regulation.recognising_level(star.stars)
        )
        rows.append(
            {
                "dossier": application.id,
                "product": application.product.name,
                "state": application.state.value,
                "score": None if result is None else float(result.score),
                "star": None if star is None else star.stars,
                "certifying_level": None if certifier is None else certifier.value,
                "next_step": _next_step(application, out),
            }
        )
    if out.as_json:
        out.json({"round": round_.id, "level": round_.level.value, "products": rows})
        return EXIT_OK
    from ocop.regulation import Level

    out.line(
        f"{out.t('Đợt', 'Round')} {round_.id} — {round_.level.label(out.lang)}, "
        f"{round_.regulation.key}, {round_.starts_on} → {round_.finishes_by}"
    )
    out.table(
        [
            out.t("Hồ sơ", "Dossier"),
            out.t("Sản phẩm", "Product"),
            out.t("Trạng thái", "State"),
            out.t("Điểm TB", "Mean"),
            out.t("Hạng", "Star"),
            out.t("Cấp công nhận", "Certifying level"),
            out.t("Bước tiếp theo", "Next step"),
        ],
        [
            (
                row["dossier"],
                row["product"],
                DossierState(str(row["state"])).label(out.lang),
                "—" if row["score"] is None else f"{row['score']:.2f}",
                "—" if row["star"] is None else f"{row['star']}★",
                "—"
                if row["certifying_level"] is None
                else Level(row["certifying_level"]).label(out.lang),
                row["next_step"],
            )
            for row in rows
        ],
    )
    return EXIT_OK


def _certificates_due(args: argparse.Namespace, out: _Output) -> int:
    from ocop.certificate import CertificateStatus, due_for_reevaluation, expiring_within

    as_of = _day(args.as_of, "--as-of")
    certificates = _values(args.files, out, "certificate")
    expiring = expiring_within(certificates, as_of, months=args.within)
    must_file = {certificate.number for certificate in due_for_reevaluation(certificates, as_of)}
    rows = [
        {
            "number": certificate.number,
            "product": certificate.product_name or certificate.product_id,
            "subject": certificate.subject_id,
            "star": certificate.stars.stars,
            "expires_on": certificate.expires_on.isoformat(),
            "status": certificate.status(as_of).value,
            "file_now": certificate.number in must_file,
        }
        for certificate in expiring
    ]
    if out.as_json:
        out.json({"as_of": as_of.isoformat(), "within_months": args.within, "certificates": rows})
        return EXIT_OK
    out.line(
        out.t(
            f"Giấy chứng nhận hết hạn trong {args.within} tháng kể từ {as_of:%d/%m/%Y}: "
            f"{len(rows)}",
            f"Certificates expiring within {args.within} months of {as_of.isoformat()}: "
            f"{len(rows)}",
        )
    )
    if not rows:
        return EXIT_OK
    out.table(
        [
            out.t("Số GCN", "Certificate"),
            out.t("Sản phẩm", "Product"),
            out.t("Hạng", "Star"),
            out.t("Hết hạn", "Expires"),
            out.t("Tình trạng", "Status"),
            out.t("Phải nộp ngay", "File now"),
        ],
        [
            (
                row["number"],
                row["product"],
                f"{row['star']}★",
                row["expires_on"],
                CertificateStatus(str(row["status"])).label(out.lang),
                out.t("có", "yes") if row["file_now"] else "",
            )
            for row in rows
        ],
    )
    return EXIT_OK


def _public_key(text: str) -> str | bytes:
    """The office's public key: its published text (``ed25519:…``), or a PEM file's path."""
    return text if text.startswith("ed25519:") else _read_text(text).encode("utf-8")


def _signed_certificates(path: str, out: _Output) -> tuple[list[Any], list[Any]]:
    """The signed certificates of a file, and the problems of the documents that are not."""
    from ocop.season import SeasonProblem

    signed, problems = [], []
    for entry in _entries(path, out):
        if entry.kind == "signed_certificate" and not entry.problems:
            signed.append((entry, entry.value))
        elif entry.kind == "certificate" and not entry.problems:
            problem = Problem(
                code="signature.missing",
                path="$",
                value=None,
                message_vi="Giấy chứng nhận này không có chữ ký (cần tài liệu signed_certificate)",
                message_en="this certificate carries no signature (a signed_certificate "
                "document is needed)",
            )
            problems.append(SeasonProblem(problem=problem, file=path, line=entry.line))
        elif entry.problems:
            problems.extend(_located([entry]))
        else:
            problem = Problem(
                code="document.wrong_kind",
                path="$",
                value=entry.kind,
                message_vi=f"Cần giấy chứng nhận có chữ ký, không phải {entry.kind}",
                message_en=f"a signed certificate is needed, not a {entry.kind}",
            )
            problems.append(SeasonProblem(problem=problem, file=path, line=entry.line))
    return signed, problems


def _certificates_verify(args: argparse.Namespace, out: _Output) -> int:
    from ocop import signing
    from ocop.errors import SignatureError
    from ocop.season import SeasonProblem

    key = _public_key(args.key)
    signed, problems = _signed_certificates(args.file, out)
    verified = []
    for entry, document in signed:
        try:
            verified.append(signing.verify(document, key))
        except SignatureError as error:
            problems.extend(
                SeasonProblem(problem=problem, file=args.file, line=entry.line)
                for problem in error.problems
            )
    if problems:
        raise _RefusedError(problems)
    rows = [
        {
            "number": certificate.number,
            "product": certificate.product_name or certificate.product_id,
            "star": certificate.stars.stars,
            "authority": certificate.authority,
            "expires_on": certificate.expires_on.isoformat(),
        }
        for certificate in verified
    ]
    if out.as_json:
        out.json({"ok": True, "key_id": signing.key_id(key), "certificates": rows})
        return EXIT_OK
    out.line(
        out.t(
            f"Chữ ký hợp lệ (khóa {signing.key_id(key)}):",
            f"Signatures valid (key {signing.key_id(key)}):",
        )
    )
    out.table(
        [
            out.t("Số GCN", "Certificate"),
            out.t("Sản phẩm", "Product"),
            out.t("Hạng", "Star"),
            out.t("Cơ quan cấp", "Issued by"),
            out.t("Hết hạn", "Expires"),
        ],
        [
            (row["number"], row["product"], f"{row['star']}★", row["authority"], row["expires_on"])
            for row in rows
        ],
    )
    return EXIT_OK


def _certificates_stamp(args: argparse.Namespace, out: _Output) -> int:
    from ocop import signing

    stamp = signing.verify_stamp(args.text, _public_key(args.key))
    fields = {
        "product": stamp.product,
        "star": stamp.stars,
        "expires_on": stamp.expires_on.isoformat(),
        "number": stamp.number,
        "key_id": stamp.key_id,
    }
    if out.as_json:
        out.json({"ok": True, **fields})
        return EXIT_OK
    out.line(
        out.t(
            f"Tem hợp lệ: {stamp.product}, {stamp.stars}★, số {stamp.number}, hết hạn "
            f"{fields['expires_on']} (khóa {stamp.key_id})",
            f"Stamp valid: {stamp.product}, {stamp.stars}★, number {stamp.number}, expires "
            f"{fields['expires_on']} (key {stamp.key_id})",
        )
    )
    return EXIT_OK


# -- plans ------------------------------------------------------------------------------------

_RECORD_KINDS = ("product_record", "application", "evaluation_round", "subject")


def _records(paths: Sequence[str], out: _Output) -> tuple[list[Any], list[Any]]:
    """Product records (from records, applications or whole rounds) and subjects, from files."""
    from ocop.plan import record_of
    from ocop.season import SeasonEntry

    entries = [entry for path in paths for entry in _entries(path, out)]
    wrong = [
        entry
        if entry.problems
        else SeasonEntry(
            kind=entry.kind,
            file=entry.file,
            line=entry.line,
            problems=(
                Problem(
                    code="document.unexpected_kind",
                    path="$",
                    value=entry.kind,
                    message_vi=f"Cần hồ sơ sản phẩm, đợt đánh giá hoặc chủ thể, không phải "
                    f"{entry.kind}",
                    message_en=f"expected product records, applications, rounds or subjects, "
                    f"not {entry.kind}",
                ),
            ),
        )
        for entry in entries
        if entry.problems or entry.kind not in _RECORD_KINDS
    ]
    if wrong:
        raise _RefusedError(_located(wrong))
    records: list[Any] = []
    subjects: list[Any] = []
    for entry in entries:
        if entry.kind == "product_record":
            records.append(entry.value)
        elif entry.kind == "application":
            records.append(record_of(entry.value))
        elif entry.kind == "evaluation_round":
            records.extend(record_of(application) for application in entry.value.applications)
        else:
            subjects.append(entry.value)
    return records, subjects


def _plan_progress(args: argparse.Namespace, out: _Output) -> int:
    from ocop import json as ocop_json
    from ocop.plan import progress

    as_of = _day(args.as_of, "--as-of")
    plan = _one(
        args.plan,
        out,
        "plan",
        "document.one_plan",
        "Tệp kế hoạch phải chứa đúng một kế hoạch",
        "the plan file must hold exactly one plan",
    )
    records, subjects = _records(args.records, out)
    subjects.extend(_values(args.subjects, out, "subject"))
    status = progress(plan, records, on=as_of, subjects=subjects)
    if out.as_json:
        out.json(ocop_json.dump(status))
    else:
        out.line(status.render(out.lang))
    return EXIT_OK


# -- the demo, help and completion ------------------------------------------------------------


def _demo(args: argparse.Namespace, out: _Output) -> int:
    from ocop.demo import keep, run

    run(out.out, lang=out.lang)
    if args.store:
        keep(args.store, out.out, lang=out.lang)
    return EXIT_OK


def _help(args: argparse.Namespace, out: _Output) -> int:
    from ocop._manual import TOPICS, topic

    if args.topic is None:
        out.line(out.t("Các chủ đề (ocop help CHỦ_ĐỀ):", "Topics (ocop help TOPIC):"))
        for name, (vi, en) in TOPICS.items():
            out.line(f"  {name:<12} {out.t(vi, en)}")
        out.line(out.t("  LỆNH         trợ giúp của một lệnh", "  COMMAND      a command's help"))
        return EXIT_OK
    text = topic(args.topic, out.lang)
    if text is None:
        found = _subcommands(_parser()).get(args.topic)
        if found is None:
            raise InputError(
                Problem(
                    code="help.unknown_topic",
                    path="TOPIC",
                    value=args.topic,
                    message_vi=f"Không có chủ đề '{args.topic}'; các chủ đề: {', '.join(TOPICS)}",
                    message_en=f"there is no topic '{args.topic}'; topics: {', '.join(TOPICS)}",
                )
            )
        text = found.format_help()
    out.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


def _completion(args: argparse.Namespace, out: _Output) -> int:
    from ocop._manual import completion

    out.write(completion(_parser(), args.shell))
    return EXIT_OK


# -- wiring -----------------------------------------------------------------------------------


def _common() -> argparse.ArgumentParser:
    """The options every command takes, before or after its name."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang", choices=["vi", "en"], default=argparse.SUPPRESS, help="output language (vi)"
    )
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="write JSON for machines"
    )
    common.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=argparse.SUPPRESS,
        help="no progress on standard error",
    )
    common.add_argument(
        "--reveal-personal-data",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show personal identification numbers, phones and address details unmasked",
    )
    return common


_Run = Callable[[argparse.Namespace, _Output], int]


class _Commands:
    """Adds commands to a group of subcommands, each taking the options every command takes."""

    def __init__(self, group: Any, common: argparse.ArgumentParser) -> None:
        self.group = group
        self.common = common

    def add(self, name: str, text: str, run: _Run | None) -> argparse.ArgumentParser:
        """A command ``name``, described by ``text``, run by ``run`` (``None`` for a group)."""
        found: argparse.ArgumentParser = self.group.add_parser(
            name, help=text, description=text, parents=[self.common]
        )
        if run is not None:
            found.set_defaults(run=run)
        return found

    def group_of(self, name: str, text: str, dest: str) -> _Commands:
        """A command ``name`` whose actions are subcommands of their own."""
        found = self.add(name, text, None)
        actions = found.add_subparsers(dest=dest, required=True, metavar="ACTION")
        return _Commands(actions, self.common)


def _parser() -> argparse.ArgumentParser:
    import ocop

    common = _common()
    parser = argparse.ArgumentParser(
        prog="ocop",
        description="OCOP (Mỗi xã một sản phẩm): score sheets, scoring, rounds and certificates.",
        epilog="Options go before or after the command. Exit codes: ocop help exit-codes.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"ocop {ocop.__version__}")
    commands = _Commands(
        parser.add_subparsers(dest="command", required=True, metavar="COMMAND"), common
    )
    _rubric_commands(commands)
    _document_commands(commands)
    _scoring_commands(commands)
    _round_commands(commands)
    _certificate_commands(commands)
    _plan_commands(commands)
    _other_commands(commands)
    return parser


def _rubric_commands(commands: _Commands) -> None:
    """``ocop rubric list | show | diff``."""
    rubric = commands.group_of("rubric", "score sheets of each decision", "rubric_command")
    listing = rubric.add("list", "the product sets and their sheets", _rubric_list)
    listing.add_argument("decision", nargs="?", help="e.g. 26/2026, 148, 1048")
    show = rubric.add("show", "one sheet with its options and markers", _rubric_show)
    show.add_argument("decision")
    show.add_argument("set_no", type=int)
    diff = rubric.add("diff", "what changed for a set between two decisions", _rubric_diff)
    diff.add_argument("old")
    diff.add_argument("new")
    diff.add_argument("set_no", type=int)


def _document_commands(commands: _Commands) -> None:
    """``ocop schema`` and ``ocop validate``."""
    schema = commands.add("schema", "print the JSON Schema of a kind of document", _schema)
    schema.add_argument("name")
    validate = commands.add(
        "validate",
        "check a file: every problem, with its line; the same checks as score",
        _validate,
    )
    validate.add_argument("file", help="a .json file (object or array) or JSON Lines (- for stdin)")
    validate.add_argument("--kind", help="read every document as this kind (told by its fields)")
    _season_options(validate)


def _scoring_commands(commands: _Commands) -> None:
    """``ocop score`` and ``ocop advise``."""
    for name, function, text in (
        ("score", _score, "rank every product of a season; cards of one product are a council"),
        ("advise", _advise, "the cheapest way to a target star, per product"),
    ):
        scoring = commands.add(name, text, function)
        scoring.add_argument(
            "files",
            nargs="+",
            metavar="FILE",
            help="cards and products (.json, arrays, or .jsonl; - for stdin)",
        )
        _season_options(scoring)
        if name == "advise":
            scoring.add_argument(
                "--target", type=int, required=True, choices=range(1, 6), help="target star"
            )


def _round_commands(commands: _Commands) -> None:
    """``ocop round report``."""
    rounds = commands.group_of("round", "evaluation rounds", "round_command")
    report = rounds.add("report", "per product: score, star, level, next step", _round_report)
    report.add_argument("file", help="an evaluation_round document")


def _certificate_commands(commands: _Commands) -> None:
    """``ocop certificates due | verify | stamp``."""
    certificates = commands.group_of("certificates", "certificates", "certificates_command")
    due = certificates.add("due", "which certificates expire soon", _certificates_due)
    due.add_argument("files", nargs="+", help="certificate documents (.json, arrays, .jsonl)")
    due.add_argument("--as-of", help="the day, YYYY-MM-DD or DD/MM/YYYY (today)")
    due.add_argument("--within", type=int, default=6, help="months ahead (6)")
    verify = certificates.add(
        "verify",
        "check signed certificates with the issuing office's public key",
        _certificates_verify,
    )
    verify.add_argument("file", help="signed_certificate documents (.json, an array, .jsonl)")
    verify.add_argument("--key", required=True, help="the public key (ed25519:…) or a PEM file")
    stamp = certificates.add(
        "stamp", "check the text read from an OCOP stamp's QR code", _certificates_stamp
    )
    stamp.add_argument("text", help="the stamp's text, OCOP1|…")
    stamp.add_argument("--key", required=True, help="the public key (ed25519:…) or a PEM file")


def _plan_commands(commands: _Commands) -> None:
    """``ocop plan progress``."""
    plans = commands.group_of("plan", "programme plans", "plan_command")
    progress = plans.add("progress", "a plan's progress on a day", _plan_progress)
    progress.add_argument("plan", help="a plan document")
    progress.add_argument(
        "records",
        nargs="*",
        help="product records, applications, rounds or subjects (.json, .jsonl)",
    )
    progress.add_argument(
        "--subjects",
        action="append",
        default=[],
        metavar="FILE",
        help="subjects, to place products that have no place of their own (repeatable)",
    )
    progress.add_argument("--as-of", help="the day, YYYY-MM-DD or DD/MM/YYYY (today)")


def _other_commands(commands: _Commands) -> None:
    """``ocop demo``, ``ocop help`` and ``ocop completion``."""
    demo = commands.add("demo", "the An Giang 2020 round, end to end", _demo)
    demo.add_argument("--store", help="also keep the round in this database and read it back")
    manual = commands.add("help", "topics: exit codes, files, dates, seasons", _help)
    manual.add_argument("topic", nargs="?", help="a topic or a command")
    shells = commands.add("completion", "a shell completion script", _completion)
    shells.add_argument("shell", choices=["bash", "zsh"])


def _season_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--marker-policy",
        choices=["council-mean", "every-card"],
        default="council-mean",
        help="judge star markers on the council's mean (default) or on every card",
    )
    parser.add_argument(
        "--council-size",
        type=int,
        metavar="N",
        help="rank a product as soon as it has N cards (for standard input)",
    )


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Every command by its words (``"rubric show"``), for ``ocop help COMMAND``."""
    found: dict[str, argparse.ArgumentParser] = {}

    def walk(current: argparse.ArgumentParser, words: str) -> None:
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    key = f"{words} {name}".strip()
                    found[key] = child
                    walk(child, key)

    walk(parser, "")
    return found


def _run(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> int:
    parser = _parser()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    output = _Output(
        out,
        err,
        getattr(args, "lang", "vi"),
        as_json=getattr(args, "json", False),
        quiet=getattr(args, "quiet", False),
    )
    output.reveal = getattr(args, "reveal_personal_data", False)
    runner: Callable[[argparse.Namespace, _Output], int] = args.run
    try:
        code = runner(args, output)
    except (BrokenPipeError, KeyboardInterrupt):
        raise
    except _UnreadableError as error:
        print(
            output.t(f"ocop: không đọc được tệp {error}", f"ocop: cannot read file {error}"),
            file=output.err,
        )
        code = EXIT_UNREADABLE
    except _RefusedError as error:
        _problems_out(output, error.problems)
        code = EXIT_INVALID
    except ProcessError as error:
        _problems_out(output, error.problems)
        code = EXIT_REFUSED
    except OcopError as error:
        _problems_out(output, error.problems)
        code = EXIT_INVALID
    except Exception:
        print(
            output.t(
                "ocop: lỗi nội bộ của ocop (lỗi chương trình, không phải lỗi dữ liệu); "
                "xin báo lỗi kèm dòng lệnh và các dòng dưới đây:",
                "ocop: internal error in ocop (a bug, not a problem of the input); please "
                "report it with the command line and what follows:",
            ),
            file=output.err,
        )
        traceback.print_exc(file=output.err)
        code = EXIT_INTERNAL
    out.flush()
    return code


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the ``ocop`` command; returns the exit code (``ocop help exit-codes``)."""
    stdout = out or sys.stdout
    try:
        return _run(argv, stdout, err or sys.stderr)
    except BrokenPipeError:
        # The reader went away (``ocop … | head``): stop quietly, as commands killed by
        # SIGPIPE do. Python flushes standard output once more at exit; point it at devnull.
        if stdout is sys.stdout:
            with contextlib.suppress(OSError, ValueError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
        return EXIT_CLOSED_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
