"""The ``ocop`` command: score sheets, validation, scoring, advice and the demo, from a shell.

Human-readable tables by default, ``--json`` for machines, Vietnamese or English output
(``--lang``). Exit codes: 0 success; 1 the input has problems (each printed with its path and
code); 2 the command line is wrong; 3 a file cannot be read; 4 the rules refuse a step.
Personal identification numbers, phone numbers and address details in problems are masked
unless ``--reveal-personal-data`` is given (:mod:`ocop.privacy`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from ocop._render import Writer
from ocop.errors import InputError, Lang, OcopError, Problem, ProcessError

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3
EXIT_REFUSED = 4


class _Output(Writer):
    """Where a command writes, in which language, and whether as JSON."""

    def __init__(self, out: TextIO, err: TextIO, lang: Lang, as_json: bool) -> None:
        super().__init__(out, lang)
        self.err = err
        self.as_json = as_json
        self.reveal = False
        """Whether personal data are shown unmasked (``--reveal-personal-data``)."""

    def json(self, value: Any) -> None:
        """Write a JSON value."""
        print(json.dumps(value, ensure_ascii=False, indent=2), file=self.out)


class _UnreadableError(Exception):
    """A file that cannot be read."""


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _UnreadableError(f"{path}: {error}") from None


def _documents(path: str) -> list[tuple[str, Any]]:
    """The JSON documents in a file: one object, an array of them, or JSON Lines."""
    from ocop._schema import parse

    text = _read(path)
    if path.endswith(".jsonl"):
        return [
            (f"$[{number}]", parse(line))
            for number, line in enumerate(text.splitlines())
            if line.strip()
        ]
    data = parse(text)
    if isinstance(data, list):
        return [(f"$[{index}]", item) for index, item in enumerate(data)]
    return [("$", data)]


def _problems_out(out: _Output, problems: Sequence[Problem], source: str) -> None:
    if out.as_json:
        out.json(
            {
                "ok": False,
                "file": source,
                "problems": [
                    {
                        "path": problem.path,
                        "code": problem.code,
                        "message": problem.message(out.lang),
                        "value": _shown(problem, out.reveal),
                    }
                    for problem in problems
                ],
            }
        )
        return
    for problem in problems:
        print(f"{source}: {problem.describe(out.lang, reveal=out.reveal)}", file=out.err)


def _shown(problem: Problem, reveal: bool) -> object:
    """A problem's value for the output, personal data masked unless revealed."""
    value = problem.shown_value(reveal=reveal)
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


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


def _guess_kind(data: Any) -> str | None:
    from ocop import json as ocop_json
    from ocop._schema import schema_problems

    fits = [kind for kind in ocop_json.kinds() if not schema_problems(kind, data)]
    return fits[0] if len(fits) == 1 else None


def _validate(args: argparse.Namespace, out: _Output) -> int:
    from ocop import json as ocop_json

    documents = _documents(args.file)
    problems: list[Problem] = []
    kinds: list[str] = []
    for path, data in documents:
        kind = args.kind or _guess_kind(data)
        if kind is None:
            problems.append(
                Problem(
                    code="document.unknown_kind",
                    path=path,
                    value=None,
                    message_vi="Không xác định được loại tài liệu; hãy dùng --kind",
                    message_en="cannot tell the kind of document; use --kind",
                )
            )
            continue
        kinds.append(kind)
        try:
            ocop_json.load(kind, data, path=path)
        except OcopError as error:
            problems.extend(error.problems)
    if problems:
        _problems_out(out, problems, args.file)
        return EXIT_INVALID
    if out.as_json:
        out.json({"ok": True, "file": args.file, "kinds": kinds})
    else:
        found = ", ".join(sorted(set(kinds)))
        out.line(f"{args.file}: {out.t('hợp lệ', 'valid')} ({len(kinds)} × {found})")
    return EXIT_OK


# -- score and advise -------------------------------------------------------------------------


def _cards(paths: Sequence[str]) -> dict[tuple[str, int, str], list[Any]]:
    from ocop import json as ocop_json

    groups: dict[tuple[str, int, str], list[Any]] = {}
    problems: list[Problem] = []
    for source in paths:
        for path, data in _documents(source):
            try:
                card = ocop_json.load("score_card", data, path=path)
            except OcopError as error:
                problems.extend(attrs_under(problem, source) for problem in error.problems)
                continue
            groups.setdefault((card.decision, card.set_no, card.product), []).append(card)
    if problems:
        raise InputError(problems)
    return groups


def attrs_under(problem: Problem, source: str) -> Problem:
    """The problem with the file it came from before its path."""
    import attrs

    return attrs.evolve(problem, path=f"{source}:{problem.path}")


def _policy(args: argparse.Namespace) -> Any:
    from ocop.ranking import MarkerPolicy

    return (
        MarkerPolicy.EVERY_CARD if args.marker_policy == "every-card" else MarkerPolicy.COUNCIL_MEAN
    )


def _score(args: argparse.Namespace, out: _Output) -> int:
    from ocop import rubric
    from ocop.ranking import classify
    from ocop.scoring import aggregate

    results = []
    for (decision, set_no, product), cards in _cards(args.cards).items():
        sheet = rubric.sheet(decision, set_no)
        result = aggregate(sheet, cards)
        ranking = classify(sheet, result, marker_policy=_policy(args))
        results.append((product, sheet, result, ranking))
    if out.as_json:
        out.json(
            [
                {
                    "product": product,
                    "decision": sheet.decision,
                    "set_no": sheet.set_no,
                    "cards": len(result.cards),
                    "score": float(result.score),
                    "totals": [card.total for card in result.cards],
                    "band": ranking.band.stars,
                    "star": None if ranking.star is None else ranking.star.stars,
                    "certifiable": ranking.certifiable,
                    "explanation": ranking.explain(out.lang),
                }
                for product, sheet, result, ranking in results
            ]
        )
        return EXIT_OK
    for product, sheet, _result, ranking in results:
        out.line(f"{product} — {sheet.decision}, {out.t('bộ', 'set')} {sheet.set_no}: {sheet.name}")
        out.line(ranking.explain(out.lang))
        out.line()
    return EXIT_OK


def _advise(args: argparse.Namespace, out: _Output) -> int:
    from ocop import _structure, rubric
    from ocop.advisor import advise
    from ocop.scoring import aggregate

    advice_list = []
    for (decision, set_no, product), cards in _cards(args.cards).items():
        sheet = rubric.sheet(decision, set_no)
        advice = advise(sheet, aggregate(sheet, cards), args.target, marker_policy=_policy(args))
        advice_list.append((product, advice))
    if out.as_json:
        out.json(
            [
                {"product": product, **_structure.unstructure(advice)}
                for product, advice in advice_list
            ]
        )
        return EXIT_OK
    for product, advice in advice_list:
        out.line(f"{product}:")
        out.line(advice.explain(out.lang))
        out.line()
    return EXIT_OK


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
    name = recogniser.value if recogniser is not None else "—"
    return out.t(f"công nhận {star} ({name})", f"recognise {star} ({name})")


def _round_report(args: argparse.Namespace, out: _Output) -> int:
    from ocop import json as ocop_json
    from ocop.evaluation import DossierState

    (path, data), *rest = _documents(args.file)
    if rest:
        raise InputError(
            Problem(
                code="document.one_round",
                path="$",
                value=None,
                message_vi="Tệp phải chứa đúng một đợt đánh giá",
                message_en="the file must hold exactly one evaluation round",
            )
        )
    round_ = ocop_json.load("evaluation_round", data, path=path)
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
    out.line(
        f"{out.t('Đợt', 'Round')} {round_.id} — {round_.level.value}, "
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
                row["certifying_level"] or "—",
                row["next_step"],
            )
            for row in rows
        ],
    )
    return EXIT_OK


def _certificates_due(args: argparse.Namespace, out: _Output) -> int:
    from ocop import json as ocop_json
    from ocop.calendar import parse_date
    from ocop.certificate import CertificateStatus, due_for_reevaluation, expiring_within

    as_of = parse_date(args.as_of, path="--as-of")
    certificates = [
        ocop_json.load("certificate", data, path=path)
        for source in args.files
        for path, data in _documents(source)
    ]
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
    return text if text.startswith("ed25519:") else _read(text).encode("utf-8")


def _certificates_verify(args: argparse.Namespace, out: _Output) -> int:
    from ocop import json as ocop_json
    from ocop import signing
    from ocop._schema import schema_problems
    from ocop.errors import SignatureError

    key = _public_key(args.key)
    verified = []
    problems: list[Problem] = []
    for path, data in _documents(args.file):
        if not schema_problems("certificate", data):
            problems.append(
                Problem(
                    code="signature.missing",
                    path=path,
                    value=None,
                    message_vi="Giấy chứng nhận này không có chữ ký (cần tài liệu "
                    "signed_certificate)",
                    message_en="this certificate carries no signature (a signed_certificate "
                    "document is needed)",
                )
            )
            continue
        try:
            signed = ocop_json.load("signed_certificate", data, path=path)
            verified.append(signing.verify(signed, key))
        except SignatureError as error:
            problems.extend(problem.under(path) for problem in error.problems)
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        _problems_out(out, problems, args.file)
        return EXIT_INVALID
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


def _records(paths: Sequence[str]) -> list[Any]:
    """Product records from files of records, applications or whole rounds."""
    from ocop import json as ocop_json
    from ocop._schema import schema_problems
    from ocop.plan import record_of

    found: list[Any] = []
    for source in paths:
        for path, data in _documents(source):
            kind = next(
                (
                    name
                    for name in ("product_record", "application", "evaluation_round")
                    if not schema_problems(name, data)
                ),
                "product_record",
            )
            value = ocop_json.load(kind, data, path=path)
            if kind == "product_record":
                found.append(value)
            elif kind == "application":
                found.append(record_of(value))
            else:
                found.extend(record_of(application) for application in value.applications)
    return found


def _plan_progress(args: argparse.Namespace, out: _Output) -> int:
    from ocop import json as ocop_json
    from ocop.calendar import parse_date
    from ocop.plan import progress

    as_of = parse_date(args.as_of, path="--as-of")
    (path, data), *rest = _documents(args.plan)
    if rest:
        raise InputError(
            Problem(
                code="document.one_plan",
                path="$",
                value=None,
                message_vi="Tệp kế hoạch phải chứa đúng một kế hoạch",
                message_en="the plan file must hold exactly one plan",
            )
        )
    plan = ocop_json.load("plan", data, path=path)
    status = progress(plan, _records(args.records), on=as_of)
    if out.as_json:
        out.json(ocop_json.dump(status))
    else:
        out.line(status.render(out.lang))
    return EXIT_OK


# -- the demo ---------------------------------------------------------------------------------


def _demo(args: argparse.Namespace, out: _Output) -> int:
    from ocop.demo import keep, run

    run(out.out, lang=out.lang)
    if args.store:
        keep(args.store, out.out, lang=out.lang)
    return EXIT_OK


# -- wiring -----------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ocop",
        description="OCOP (Mỗi xã một sản phẩm): score sheets, scoring, rounds and certificates.",
    )
    parser.add_argument("--lang", choices=["vi", "en"], default="vi", help="output language (vi)")
    parser.add_argument("--json", action="store_true", help="write JSON for machines")
    parser.add_argument(
        "--reveal-personal-data",
        action="store_true",
        help="show personal identification numbers, phones and address details unmasked",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _rubric_commands(commands)
    _document_commands(commands)
    _scoring_commands(commands)
    _round_commands(commands)
    _certificate_commands(commands)
    _plan_commands(commands)
    demo = commands.add_parser("demo", help="the An Giang 2020 round, end to end")
    demo.add_argument("--store", help="also keep the round in this database and read it back")
    demo.set_defaults(run=_demo)
    return parser


def _rubric_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``ocop rubric list | show | diff``."""
    rubric_parser = commands.add_parser("rubric", help="score sheets of each decision")
    rubric_commands = rubric_parser.add_subparsers(
        dest="rubric_command", required=True, metavar="ACTION"
    )
    listing = rubric_commands.add_parser("list", help="the product sets and their sheets")
    listing.add_argument("decision", nargs="?", help="e.g. 26/2026, 148, 1048")
    listing.set_defaults(run=_rubric_list)
    show = rubric_commands.add_parser("show", help="one sheet with its options and markers")
    show.add_argument("decision")
    show.add_argument("set_no", type=int)
    show.set_defaults(run=_rubric_show)
    diff = rubric_commands.add_parser("diff", help="what changed for a set between two decisions")
    diff.add_argument("old")
    diff.add_argument("new")
    diff.add_argument("set_no", type=int)
    diff.set_defaults(run=_rubric_diff)


def _document_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``ocop schema`` and ``ocop validate``."""
    schema = commands.add_parser("schema", help="print the JSON Schema of a kind of document")
    schema.add_argument("name")
    schema.set_defaults(run=_schema)
    validate = commands.add_parser("validate", help="check a JSON or JSON Lines file")
    validate.add_argument("file")
    validate.add_argument("--kind", help="the kind of document (guessed when left out)")
    validate.set_defaults(run=_validate)


def _scoring_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``ocop score`` and ``ocop advise``."""
    for name, function, text in (
        ("score", _score, "score cards; several cards of one product are a council"),
        ("advise", _advise, "the cheapest way to a target star"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("cards", nargs="+", help="card files (.json, arrays, or .jsonl)")
        command.add_argument(
            "--marker-policy",
            choices=["council-mean", "every-card"],
            default="council-mean",
            help="judge star markers on the council's mean (default) or on every card",
        )
        if name == "advise":
            command.add_argument("--target", type=int, required=True, help="target star, 1..5")
        command.set_defaults(run=function)


def _round_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``ocop round report``."""
    round_parser = commands.add_parser("round", help="evaluation rounds")
    round_commands = round_parser.add_subparsers(
        dest="round_command", required=True, metavar="ACTION"
    )
    report = round_commands.add_parser("report", help="per product: score, star, level, next step")
    report.add_argument("file", help="an evaluation_round document")
    report.set_defaults(run=_round_report)


def _certificate_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``ocop certificates due | verify | stamp``."""
    certificates = commands.add_parser("certificates", help="certificates")
    certificate_commands = certificates.add_subparsers(
        dest="certificates_command", required=True, metavar="ACTION"
    )
    due = certificate_commands.add_parser("due", help="which certificates expire soon")
    due.add_argument("files", nargs="+", help="certificate documents (.json, arrays, .jsonl)")
    due.add_argument("--as-of", required=True, help="the day, YYYY-MM-DD")
    due.add_argument("--within", type=int, default=6, help="months ahead (6)")
    due.set_defaults(run=_certificates_due)
    verify = certificate_commands.add_parser(
        "verify", help="check signed certificates with the issuing office's public key"
    )
    verify.add_argument("file", help="signed_certificate documents (.json, an array, .jsonl)")
    verify.add_argument("--key", required=True, help="the public key (ed25519:…) or a PEM file")
    verify.set_defaults(run=_certificates_verify)
    stamp = certificate_commands.add_parser(
        "stamp", help="check the text read from an OCOP stamp's QR code"
    )
    stamp.add_argument("text", help="the stamp's text, OCOP1|…")
    stamp.add_argument("--key", required=True, help="the public key (ed25519:…) or a PEM file")
    stamp.set_defaults(run=_certificates_stamp)


def _plan_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``ocop plan progress``."""
    plan_parser = commands.add_parser("plan", help="programme plans")
    plan_commands = plan_parser.add_subparsers(dest="plan_command", required=True, metavar="ACTION")
    plan_progress = plan_commands.add_parser("progress", help="a plan's progress on a day")
    plan_progress.add_argument("plan", help="a plan document")
    plan_progress.add_argument(
        "records", nargs="*", help="product records, applications or rounds (.json, .jsonl)"
    )
    plan_progress.add_argument("--as-of", required=True, help="the day, YYYY-MM-DD")
    plan_progress.set_defaults(run=_plan_progress)


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the ``ocop`` command; returns the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return int(stop.code or 0)
    output = _Output(out or sys.stdout, err or sys.stderr, args.lang, args.json)
    output.reveal = args.reveal_personal_data
    runner: Callable[[argparse.Namespace, _Output], int] = args.run
    try:
        return runner(args, output)
    except _UnreadableError as error:
        print(
            output.t(f"Không đọc được tệp: {error}", f"cannot read file: {error}"), file=output.err
        )
        return EXIT_UNREADABLE
    except ProcessError as error:
        _problems_out(output, error.problems, getattr(args, "file", "ocop"))
        return EXIT_REFUSED
    except OcopError as error:
        _problems_out(output, error.problems, getattr(args, "file", "ocop"))
        return EXIT_INVALID
