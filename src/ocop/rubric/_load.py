"""Reading a rubric file: parse, check the syntax (schema), check the meaning, build the model.

Every file, bundled or a user's, goes through the same checks; a file that fails them raises one
:class:`~ocop.errors.RubricError` holding every problem found. The bundled rubrics are checked
when they are built: ``tools/build_rubrics.py`` loads each file back through those checks and
then writes it again, prepared (:func:`prepare`), as one small file per sheet and one for the
rest of the decision. At run time a sheet is read from its prepared file alone, the first time
it is asked for, and kept; ``tests/test_rubric.py`` proves that the prepared files are those of
the checked files and give equal rubrics.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from functools import cache
from typing import Any

from ocop._data import packaged
from ocop.errors import DocumentError, Problem, RubricError
from ocop.rubric._decisions import DECISIONS
from ocop.rubric._integrity import check_document
from ocop.rubric.model import (
    Criterion,
    EliminationRule,
    FrozenMap,
    Group,
    Marker,
    MinimumCriteria,
    Option,
    Part,
    Rubric,
    Section,
    Sheet,
)

__all__ = [
    "bundled_sheet",
    "load_bundled",
    "load_bundled_sheet",
    "load_document",
    "load_path",
    "prepare",
]

Json = Mapping[str, Any]


def _schema_problems(document: Any) -> list[Problem]:
    from ocop._schema import schema_problems  # jsonschema is loaded with the first rubric

    return schema_problems("rubric", document)


def load_document(document: Any) -> Rubric:
    """A rubric from a parsed file, after its schema and integrity checks.

    Raises:
        RubricError: every problem found, schema problems (``schema.*``) first and alone;
            integrity problems (``rubric.*``) once the schema is satisfied.
    """
    problems = _schema_problems(document)
    if problems:
        raise RubricError(problems)
    decision = DECISIONS.get(document["decision"])
    check_document(document, decision).raise_if_any(RubricError)
    readings: Mapping[str, str] = document.get("readings", {})
    sheets = {
        sheet["no"]: _sheet(document["decision"], sheet, readings)
        for sheet in sorted(document["sheets"], key=lambda sheet: sheet["no"])
    }
    return _rubric(document, sheets)


PREPARED = "prepared"
"""The folder of ``data`` that holds the prepared rubrics, one folder per decision."""


def prepare(document: Json) -> dict[str, str]:
    """A checked rubric document split into prepared files, by name within its folder.

    ``rubric.json`` holds every member of the document but its sheets, and the numbers of the
    sets; ``NN.json`` holds sheet ``NN`` with the readings its elimination rules cite.
    """
    sheets = sorted(document["sheets"], key=lambda sheet: sheet["no"])
    header = {name: value for name, value in document.items() if name != "sheets"}
    header["sets"] = [sheet["no"] for sheet in sheets]
    readings: Mapping[str, str] = document.get("readings", {})
    files = {"rubric.json": _dump(header)}
    for sheet in sheets:
        cited = sorted({rule["reading"] for rule in sheet.get("eliminations", ())})
        files[f"{sheet['no']:02d}.json"] = _dump(
            {
                "decision": document["decision"],
                "readings": {name: readings[name] for name in cited},
                "sheet": sheet,
            }
        )
    return files


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _prepared(key: str, name: str) -> Any:
    folder = DECISIONS[key].file.removesuffix(".json")
    return json.loads(packaged("rubric", "data", PREPARED, folder, name))


@cache
def load_bundled_sheet(key: str, set_no: int) -> Sheet:
    """Sheet ``set_no`` of the bundled rubric of decision ``key``, read once from its file.

    Raises:
        FileNotFoundError: the decision has no such set.
    """
    prepared = _prepared(key, f"{set_no:02d}.json")
    return _sheet(prepared["decision"], prepared["sheet"], prepared["readings"])


@cache
def load_bundled(key: str) -> Rubric:
    """The bundled rubric of decision ``key`` (a normalised key), read once.

    Its sheets are those :func:`load_bundled_sheet` gives, the same objects.
    """
    header = _prepared(key, "rubric.json")
    return _rubric(header, {no: load_bundled_sheet(key, no) for no in header["sets"]})


def bundled_sheet(key: str, set_no: int) -> Sheet:
    """Sheet ``set_no`` of the bundled rubric of decision ``key`` (a normalised key), available
    or not: read from its own file, without the rest of the decision.

    Raises:
        RubricError: ``rubric.unknown_set``, said by the decision's rubric.
    """
    if type(set_no) is int and 1 <= set_no <= 26:
        try:
            return load_bundled_sheet(key, set_no)
        except FileNotFoundError:
            pass  # the decision's rubric says what is missing
    return load_bundled(key).sheet(set_no)


def _unreadable(source: object, why: str) -> RubricError:
    return RubricError(
        Problem(
            code="rubric.unreadable",
            path="$",
            value=str(source),
            message_vi=f"Không đọc được tệp bộ tiêu chí: {why}",
            message_en=f"the rubric file cannot be read: {why}",
        )
    )


def load_path(source: str | os.PathLike[str] | Json) -> Rubric:
    """A user's rubric, from a file path or an already parsed mapping."""
    from ocop._schema import parse

    if isinstance(source, Mapping):
        try:
            text = json.dumps(source, ensure_ascii=False)
        except (TypeError, ValueError) as error:
            raise RubricError(
                Problem(
                    code="rubric.not_json",
                    path="$",
                    value=None,
                    message_vi=f"Dữ liệu không biểu diễn được bằng JSON: {error}",
                    message_en=f"the mapping is not JSON data: {error}",
                )
            ) from None
    else:
        try:
            with open(source, "rb") as handle:  # noqa: PTH123 - accepts str and PathLike alike
                text = handle.read().decode("utf-8")
        except OSError as error:
            raise _unreadable(source, error.strerror or str(error)) from None
        except UnicodeDecodeError as error:
            raise _unreadable(source, f"not UTF-8 ({error.reason})") from None
    try:
        document = parse(text)
    except DocumentError as error:
        raise RubricError(error.problems) from None
    return load_document(document)


# -- building the model ------------------------------------------------------------------------


def _rubric(document: Json, sheets: dict[int, Sheet]) -> Rubric:
    minimum = document.get("minimum_criteria")
    return Rubric(
        decision=document["decision"],
        title=document["title"],
        signed=dt.date.fromisoformat(document["signed"]),
        effective_from=dt.date.fromisoformat(document["effective_from"]),
        sheets=FrozenMap(sheets),
        part_maxima=FrozenMap(document["part_maxima"]),
        provenance=document.get("provenance", ""),
        appendix=document.get("appendix", ""),
        notes=tuple(document.get("notes", ())),
        amended_by=tuple(document.get("amended_by", ())),
        minimum_criteria=None
        if minimum is None
        else MinimumCriteria(
            decision=minimum["decision"],
            title=minimum["title"],
            source=minimum["source"],
            complete=minimum["complete"],
            items=tuple(minimum["items"]),
            missing=minimum.get("missing", ""),
        ),
    )


def _sheet(decision: str, sheet: Json, readings: Mapping[str, str]) -> Sheet:
    eliminating = {
        (code, index)
        for rule in sheet.get("eliminations", ())
        for code, index in rule.get("options", ())
    }
    parts: list[Part] = []
    criteria: dict[str, Criterion] = {}
    notes_at: dict[str, list[str]] = {}
    markers: list[tuple[int, int, Marker]] = []
    for part in sheet["parts"]:
        sections = [
            _section(part["code"], section, eliminating, criteria, notes_at, markers)
            for section in part["sections"]
        ]
        parts.append(
            Part(
                code=part["code"],
                title=part["title"],
                max_points=part["max"],
                sections=tuple(sections),
                unattainable_points=_unattainable(part),
            )
        )
    eliminations = tuple(
        EliminationRule(
            at=rule["at"],
            note=notes_at[rule["at"]][rule["note"]],
            rule=rule["reading"],
            reading=readings[rule["reading"]],
            options=tuple((code, index) for code, index in rule.get("options", ())),
        )
        for rule in sheet.get("eliminations", ())
    )
    return Sheet(
        decision=decision,
        set_no=sheet["no"],
        name=sheet["name"],
        parts=tuple(parts),
        criteria=FrozenMap(criteria),
        # lowest star first, then in printed order (criterion, then option)
        markers=tuple(marker for _, _, marker in sorted(markers, key=lambda m: (m[0], m[1]))),
        notes=tuple(sheet.get("notes", ())),
        errata=tuple(f"{erratum['id']}: {erratum['text']}" for erratum in sheet.get("errata", ())),
        available=sheet.get("available", True),
        eliminations=eliminations,
    )


def _section(
    part_code: str,
    section: Json,
    eliminating: set[tuple[str, int]],
    criteria: dict[str, Criterion],
    notes_at: dict[str, list[str]],
    markers: list[tuple[int, int, Marker]],
) -> Section:
    """One section of a sheet; its criteria, notes and markers go to the sheet's collections."""
    groups = tuple(
        Group(
            code=group["code"],
            title=group["title"],
            max_points=group["max"],
            notes=tuple(group.get("notes", ())),
        )
        for group in section.get("groups", ())
    )
    for group in section.get("groups", ()):
        notes_at[group["code"]] = group.get("notes", [])
    built = []
    for node in section["criteria"]:
        criterion = _criterion(part_code, section["no"], node, eliminating)
        for index, option in enumerate(criterion.options):
            if option.min_star is not None:
                whole = node.get("criterion_min_star")
                marker = Marker(
                    star=option.min_star,
                    criterion=criterion.code,
                    points=option.points,
                    option=index,
                    whole_criterion=whole is not None and whole["option"] == index,
                )
                markers.append((option.min_star, len(markers), marker))
        notes_at[criterion.code] = node.get("notes", [])
        criteria[criterion.code] = criterion
        built.append(criterion)
    return Section(
        no=section["no"],
        title=section["title"],
        max_points=section["max"],
        criteria=tuple(built),
        notes=tuple(section.get("notes", ())),
        groups=groups,
        unattainable_points=_unattainable(section),
    )


def _unattainable(node: Json) -> int:
    extra = node.get("unattainable")
    return int(extra["points"]) if extra else 0


def _criterion(part: str, section: str, node: Json, eliminating: set[tuple[str, int]]) -> Criterion:
    code = node["code"]
    whole = node.get("criterion_min_star")
    options = tuple(
        Option(
            label=option["label"],
            points=option["points"],
            min_star=whole["star"]
            if whole is not None and whole["option"] == index
            else option.get("min_star"),
            eliminates=(code, index) in eliminating,
        )
        for index, option in enumerate(node["options"])
    )
    notes = tuple(node.get("notes", ()))
    condition = node.get("applies_when")
    return Criterion(
        code=code,
        title=node["title"],
        part=part,
        section=section,
        max_points=node["max"],
        options=options,
        alternative_group=node.get("alternative_group"),
        group=node.get("group"),
        applies_when=None if condition is None else notes[condition],
        notes=notes,
        binary=node.get("binary", False),
        criterion_min_star=None if whole is None else whole["star"],
        unattainable_points=_unattainable(node),
    )
