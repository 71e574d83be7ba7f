"""The OCOP score sheets (bộ tiêu chí) of each decision, as checked, versioned data.

Three rubrics are bundled, one file per decision: QĐ 1048/QĐ-TTg (2019, as amended by
QĐ 781/QĐ-TTg in 2020), QĐ 148/QĐ-TTg (2023) and QĐ 26/2026/QĐ-TTg (2026), 26 score sheets
each. They are checked against their schema and integrity rules when they are built, and
shipped prepared, one file per sheet. Nothing is read at ``import ocop``: a sheet is read the
first time it is asked for (:func:`sheet` reads that sheet alone), and kept.

>>> rubric = load("26/2026")
>>> rubric.title, rubric.part_maxima["A"], len(rubric.sheets)
('26/2026/QĐ-TTg', 40, 26)
>>> linkage = sheet("26", 1).criteria["1.5"]
>>> [(option.points, option.min_star) for option in linkage.options]
[(0, None), (1, None), (2, 4), (3, 5)]
>>> import datetime as dt
>>> decision_for(dt.date(2024, 3, 1))
'148/2023'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ocop.rubric._decisions import (
    EvaluationType,
    decision_for,
    decisions,
    normalise_decision,
)
from ocop.rubric.model import (
    Criterion,
    EliminationRule,
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
    "Criterion",
    "EliminationRule",
    "EvaluationType",
    "Group",
    "Marker",
    "MinimumCriteria",
    "Option",
    "Part",
    "Rubric",
    "Section",
    "Sheet",
    "decision_for",
    "decisions",
    "load",
    "load_file",
    "normalise_decision",
    "sheet",
]


def load(decision: str) -> Rubric:
    """The bundled rubric of a decision, read and checked on first use, then kept.

    Args:
        decision: the decision's key or any usual way of writing it (``"26"``,
            ``"26/2026/QĐ-TTg"``, ``"QĐ 148/QĐ-TTg"``).

    Raises:
        RubricError: ``rubric.unknown_decision``.

    >>> load("QĐ 148/QĐ-TTg").sheet(1).criteria["3.e"].criterion_min_star
    4
    """
    from ocop.rubric._load import load_bundled

    return load_bundled(normalise_decision(decision))


def load_file(source: str | os.PathLike[str] | Mapping[str, Any]) -> Rubric:
    """A rubric of your own (a province's variant, a future decision), through the same checks.

    The file has the format of the bundled ones (schema ``rubric.schema.json``). A file that
    claims a bundled decision must also have that decision's title, dates, part maxima and 26
    sets; any other decision key is accepted with its own ``part_maxima``.

    Args:
        source: a path to a UTF-8 JSON file, or the parsed content as a mapping.

    Raises:
        RubricError: every problem found: ``rubric.unreadable``, ``document.*`` (not JSON, too
            large or too deep), ``schema.*`` (syntax, with the path of each), then
            ``rubric.*`` (meaning: maxima that do not add up, markers that do not rise with
            the star level, repeated codes, …).
    """
    from ocop.rubric._load import load_path

    return load_path(source)


def sheet(decision: str, set_no: int) -> Sheet:
    """The score sheet of product set ``set_no`` (1..26) of a bundled decision, ready to score.

    Raises:
        RubricError: ``rubric.unknown_decision``, ``rubric.unknown_set``, or
            ``rubric.sheet_unavailable`` for a sheet whose text is not known (every bundled
            sheet is known; a rubric file of your own may carry one).

    >>> sheet("1048", 1).name
    'Rau, củ, quả, hạt tươi'
    >>> sheet("1048", 3).name
    'Gạo, ngũ cốc'
    """
    from ocop.rubric._load import bundled_sheet

    return bundled_sheet(normalise_decision(decision), set_no).ensure_available()
