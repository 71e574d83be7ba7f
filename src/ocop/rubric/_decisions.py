"""The national decisions that enacted OCOP score sheets, their names, and which applies when.

Three Prime Minister's decisions enacted the score sheets:

* QĐ 1048/QĐ-TTg of 21/08/2019, in force on signing; QĐ 781/QĐ-TTg of 08/06/2020 amended its
  appendices (minimum criteria per star, the tourism group renamed) without new sheets;
* QĐ 148/QĐ-TTg of 24/02/2023, in force on signing, replacing 1048 and 781 (Art. 3);
  QĐ 1489/QĐ-TTg of 06/07/2025 amended its procedure, not its sheets;
* QĐ 26/2026/QĐ-TTg of 22/05/2026, in force on signing (Art. 11).

The transition of QĐ 26/2026/QĐ-TTg (Art. 11-12) is read as this policy:

* 148 and 1489 lapse 60 days after 22/05/2026. By the Civil Code 2015 (Art. 147-148) the day
  the period starts from is not counted and the period ends at the end of its last day, so the
  60th day, 21/07/2026, is the last day the old rules can apply, and the 30th, 21/06/2026, the
  last day for a re-evaluation.
* A dossier filed before 22/05/2026 and still pending for a first evaluation or an upgrade may
  finish under 148 until 21/07/2026; a pending re-evaluation until 21/06/2026. After that, and
  for every dossier filed from 22/05/2026 on, 26/2026 applies.
* Without both the evaluation type and the filing day, a day from 22/05/2026 on is under
  26/2026: the transition is an exception that the caller must claim.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from typing import Final

import attrs

from ocop.errors import Problem, RubricError

__all__ = [
    "DECISIONS",
    "EvaluationType",
    "decision_for",
    "decisions",
    "normalise_decision",
]


class EvaluationType(enum.StrEnum):
    """Why a product is evaluated (QĐ 26/2026/QĐ-TTg Mẫu số 01, item 4: "Lần đầu □ Nâng hạng □
    Đánh giá lại □")."""

    FIRST = "first"
    """Lần đầu: a first evaluation (Art. 6.1.a)."""
    UPGRADE = "upgrade"
    """Nâng hạng: a recognised product asks for more stars (Art. 6.1.b, 7.5)."""
    REEVALUATION = "re_evaluation"
    """Đánh giá lại: re-recognition as the certificate ends (Art. 6.1.c, 7.6)."""


"""A first evaluation (đánh giá lần đầu), an upgrade (nâng hạng) or a re-evaluation (đánh giá
lại) of a product whose recognition is about to expire."""

_EVALUATION_TYPES: Final = ("first", "upgrade", "re_evaluation")


@attrs.frozen(kw_only=True)
class Decision:
    """A decision that enacted a rubric: its key, full number and dates."""

    key: str
    number: str
    year: int
    title: str
    signed: dt.date
    effective_from: dt.date
    part_maxima: tuple[tuple[str, int], ...]
    file: str


DECISIONS: Final = {
    decision.key: decision
    for decision in (
        Decision(
            key="1048/2019",
            number="1048",
            year=2019,
            title="1048/QĐ-TTg",
            signed=dt.date(2019, 8, 21),
            effective_from=dt.date(2019, 8, 21),
            part_maxima=(("A", 35), ("B", 25), ("C", 40)),
            file="1048-2019.json",
        ),
        Decision(
            key="148/2023",
            number="148",
            year=2023,
            title="148/QĐ-TTg",
            signed=dt.date(2023, 2, 24),
            effective_from=dt.date(2023, 2, 24),
            part_maxima=(("A", 40), ("B", 25), ("C", 35)),
            file="148-2023.json",
        ),
        Decision(
            key="26/2026",
            number="26",
            year=2026,
            title="26/2026/QĐ-TTg",
            signed=dt.date(2026, 5, 22),
            effective_from=dt.date(2026, 5, 22),
            part_maxima=(("A", 40), ("B", 25), ("C", 35)),
            file="26-2026.json",
        ),
    )
}
_BY_NUMBER: Final = {decision.number: decision for decision in DECISIONS.values()}

# QĐ 781/QĐ-TTg amended the 1048 appendices from this day (no new sheets).
AMENDED_781: Final = dt.date(2020, 6, 8)
# QĐ 26/2026/QĐ-TTg Art. 11-12: 148 and 1489 lapse 60 days after it enters into force; pending
# first or upgrade evaluations may finish under them within 60 days, re-evaluations within 30.
TRANSITION_START: Final = DECISIONS["26/2026"].effective_from


def decisions() -> tuple[str, ...]:
    """The keys of the bundled rubrics, oldest first.

    >>> decisions()
    ('1048/2019', '148/2023', '26/2026')
    """
    return tuple(DECISIONS)


_PREFIX: Final = re.compile(r"^(?:quyet dinh|decision|qd)\s*(?:so|no\.?)?\s*")
_NAME: Final = re.compile(r"^(\d+)(?:/(\d{4}))?(?:/qd-ttg)?$")


def _unknown(name: object) -> RubricError:
    known = ", ".join(DECISIONS)
    return RubricError(
        Problem(
            code="rubric.unknown_decision",
            path="$.decision",
            value=name,
            message_vi=f"Không có bộ tiêu chí của quyết định '{name}' (có: {known})",
            message_en=f"there is no rubric for decision '{name}' (known: {known})",
        )
    )


def normalise_decision(name: str) -> str:
    """The key of a decision however it is written.

    Accepts the key, the bare number, the full number with or without "QĐ" (or "QD",
    "Quyết định"), in any case and spacing.

    Raises:
        RubricError: ``rubric.unknown_decision``.

    >>> [normalise_decision(n) for n in ("26", "26/2026/QĐ-TTg", "QĐ 148/QĐ-TTg", "1048")]
    ['26/2026', '26/2026', '148/2023', '1048/2019']
    >>> normalise_decision("Quyết định số 148/QĐ-TTg")
    '148/2023'
    >>> normalise_decision("26/2025")
    Traceback (most recent call last):
    ...
    ocop.errors.RubricError: $.decision: Không có bộ tiêu chí ...
    """
    if not isinstance(name, str):
        raise _unknown(name)
    folded = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(char for char in folded if not unicodedata.combining(char)).casefold()
    plain = re.sub(r"\s+", " ", plain).strip().replace(" /", "/").replace("/ ", "/")
    plain = _PREFIX.sub("", plain).replace(" ", "")
    found = _NAME.match(plain)
    decision = _BY_NUMBER.get(found.group(1)) if found else None
    if found is None or decision is None:
        raise _unknown(name)
    if found.group(2) is not None and int(found.group(2)) != decision.year:
        raise _unknown(name)
    return decision.key


def _local_day(day: object) -> dt.date:
    if isinstance(day, dt.date):
        from ocop.calendar import as_date

        # A moment is read in Vietnam's time (ocop.calendar.TZ).
        return as_date(day)
    raise RubricError(
        Problem(
            code="rubric.not_a_date",
            path="$.day",
            value=day,
            message_vi="Cần một ngày (date)",
            message_en="a date is needed",
        )
    )


def decision_for(
    day: dt.date,
    *,
    evaluation_type: EvaluationType | None = None,
    filed_on: dt.date | None = None,
) -> str:
    """The key of the rubric that applies to an evaluation on ``day``.

    1048/2019 from 21/08/2019 (as amended by QĐ 781/2020 from 08/06/2020), 148/2023 from
    24/02/2023, 26/2026 from 22/05/2026; a dossier filed before 22/05/2026 and pending may
    finish under 148/2023 within the transition of QĐ 26/2026/QĐ-TTg Art. 11-12 (see the
    module's policy).

    Args:
        day: the day of the evaluation (a ``datetime`` is taken in Vietnam's time).
        evaluation_type: ``"first"``, ``"upgrade"`` or ``"re_evaluation"``, to claim the
            transition.
        filed_on: the day the dossier was filed, to claim the transition.

    Raises:
        RubricError: ``rubric.no_decision`` before 21/08/2019, ``rubric.unknown_evaluation_type``,
            ``rubric.not_a_date``.

    >>> import datetime as dt
    >>> decision_for(dt.date(2020, 7, 1)), decision_for(dt.date(2026, 5, 22))
    ('1048/2019', '26/2026')
    >>> decision_for(dt.date(2026, 7, 21), evaluation_type="upgrade", filed_on=dt.date(2026, 5, 2))
    '148/2023'
    """
    when = _local_day(day)
    if evaluation_type is not None and evaluation_type not in _EVALUATION_TYPES:
        raise RubricError(
            Problem(
                code="rubric.unknown_evaluation_type",
                path="$.evaluation_type",
                value=evaluation_type,
                message_vi=(
                    "Loại đánh giá phải là 'first' (lần đầu), 'upgrade' (nâng hạng) hoặc "
                    "'re_evaluation' (đánh giá lại)"
                ),
                message_en="the evaluation type is 'first', 'upgrade' or 're_evaluation'",
            )
        )
    filed = None if filed_on is None else _local_day(filed_on)
    latest = None
    for decision in DECISIONS.values():
        if decision.effective_from <= when:
            latest = decision
    if latest is None:
        first = DECISIONS["1048/2019"].effective_from
        raise RubricError(
            Problem(
                code="rubric.no_decision",
                path="$.day",
                value=when.isoformat(),
                message_vi=(
                    f"Trước ngày {first:%d/%m/%Y} chưa có bộ tiêu chí OCOP quốc gia "
                    "(QĐ 1048/QĐ-TTg)"
                ),
                message_en=(
                    f"there was no national OCOP rubric before {first.isoformat()} (QĐ 1048/QĐ-TTg)"
                ),
            )
        )
    if (
        latest.key == "26/2026"
        and evaluation_type is not None
        and filed is not None
        and filed < TRANSITION_START
    ):
        # QĐ 26/2026/QĐ-TTg Art. 11-12, as the era that enacted it states it (ocop.regulation);
        # Civil Code 2015 Art. 147-148 for counting the days.
        from ocop.regulation import era

        transition = era("26/2026").transition
        assert transition is not None
        period = (
            transition.pending_reevaluation
            if evaluation_type == "re_evaluation"
            else transition.pending_first
        )
        if when <= period.after(TRANSITION_START):
            return "148/2023"
    return latest.key
