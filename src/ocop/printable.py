"""Printable paper: the score sheet a member fills in and signs, and the council's minutes.

The council works on paper: each member ticks one box per criterion on the score sheet and
signs it (phiếu đánh giá, chấm điểm), the secretary sums the members' sheets (bảng tổng hợp) and
the council signs the minutes of its meeting (biên bản họp hội đồng). These functions make each
as one HTML page with print styles (A4, header rows repeated on every page, rows never cut),
ready to print from a browser or to turn into PDF:

* :func:`score_sheet_html`: the sheet blank, one member's filled card (the ticked boxes and the
  points), or the council's summary (every member's points and the mean, per criterion);
* :func:`minutes_html`: the council's summary minutes for one product: who scored, each
  member's totals by part, the mean, the band, the star and why, and the signatures.

Labels are in Vietnamese by default, in English with ``lang="en"``; the sheet's own text is
printed as the decision prints it. Needs Jinja2: ``pip install 'ocop[print]'``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from importlib import resources
from typing import Any, Final

from ocop.errors import Lang
from ocop.tables import missing_extra

__all__ = ["minutes_html", "score_sheet_html"]

_SHEET_WORDS: Final[dict[str, tuple[str, str]]] = {
    "title": ("Phiếu đánh giá, chấm điểm sản phẩm OCOP", "OCOP product score sheet"),
    "summary_title": ("Bảng tổng hợp điểm của hội đồng", "Council's summary of scores"),
    "decision": ("Quyết định", "Decision"),
    "set": ("Bộ sản phẩm", "Product set"),
    "product": ("Sản phẩm", "Product"),
    "member": ("Thành viên hội đồng", "Council member"),
    "code": ("Mã", "Code"),
    "criterion": ("Tiêu chí", "Criterion"),
    "options": ("Phương án", "Options"),
    "max": ("Tối đa", "Max"),
    "points": ("Điểm", "Points"),
    "mean": ("Trung bình", "Mean"),
    "part": ("Phần", "Part"),
    "part_total": ("Cộng phần", "Total of part"),
    "total": ("Tổng điểm", "Total"),
    "markers_note": (
        "Dấu sao (***, ****, *****) là yêu cầu tối thiểu phải đạt theo các cấp độ sao.",
        "The star markers (***, ****, *****) are the minimum each star level needs.",
    ),
    "signer": ("Thành viên hội đồng", "Council member"),
    "sign_hint": ("(Ký, ghi rõ họ tên)", "(Signature and full name)"),
    "secretary": ("Thư ký hội đồng", "Council secretary"),
    "chair": ("Chủ tịch hội đồng", "Council chair"),
}

_MINUTES_WORDS: Final[dict[str, tuple[str, str]]] = {
    "title": (
        "Biên bản họp hội đồng đánh giá, phân hạng sản phẩm OCOP",
        "Minutes of the OCOP council",
    ),
    "subtitle": ("Tổng hợp kết quả chấm điểm", "Summary of the scores"),
    "held": ("Hội đồng họp ngày", "The council met on"),
    "at": ("tại", "at"),
    "council": ("Hội đồng", "Council"),
    "present": ("Thành viên chấm điểm", "Members who scored"),
    "product": ("Sản phẩm", "Product"),
    "subject": ("Chủ thể", "Subject"),
    "sheet": ("Phiếu đánh giá", "Score sheet"),
    "set": ("bộ", "set"),
    "scores": ("Kết quả chấm điểm", "Scores"),
    "no": ("TT", "No."),
    "member": ("Thành viên", "Member"),
    "part": ("Phần", "Part"),
    "total": ("Tổng điểm", "Total"),
    "mean": ("Điểm trung bình (tổng điểm trung bình)", "Mean (average total)"),
    "conclusion": ("Kết luận", "Conclusion"),
    "band": ("Khung điểm", "Band"),
    "star": ("Hạng sao", "Star"),
    "spread": ("Chênh lệch giữa tổng điểm cao nhất và thấp nhất", "Highest total minus lowest"),
    "unmet": ("Chưa đạt yêu cầu tối thiểu (dấu sao)", "Unmet minima (star markers)"),
    "advisory": (
        "Chưa đạt tiêu chí tối thiểu QĐ 781/2020 (chỉ để tham khảo)",
        "QĐ 781/2020 minima not met (reported only)",
    ),
    "certifiable": ("đủ điều kiện công nhận", "certifiable"),
    "not_certifiable": ("không đủ điều kiện công nhận", "not certifiable"),
    "eliminated": ("bị loại", "eliminated"),
    "closing": (
        "Biên bản được lập và thông qua tại cuộc họp, các thành viên nhất trí ký tên.",
        "These minutes were drawn up and approved at the meeting and are signed below.",
    ),
    "secretary": ("Thư ký hội đồng", "Council secretary"),
    "chair": ("Chủ tịch hội đồng", "Council chair"),
}


def _words(table: dict[str, tuple[str, str]], lang: Lang) -> dict[str, str]:
    return {key: (en if lang == "en" else vi) for key, (vi, en) in table.items()}


def _environment() -> Any:
    try:
        import jinja2
    except ImportError:
        raise missing_extra("jinja2", "print") from None
    folder = resources.files("ocop") / "templates"

    def load(name: str) -> str:
        return (folder / name).read_text("utf-8")

    return jinja2.Environment(
        loader=jinja2.FunctionLoader(load),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _render(environment: Any, template: str, **values: Any) -> str:
    return str(environment.get_template(template).render(**values))


def _stars(count: int | None) -> str:
    return "*" * count if count else ""


def _mean(total: int, count: int) -> str:
    return str(Decimal(total * 100 // count).scaleb(-2)) if count else ""


def _criterion_row(
    criterion: Any, scored: Any, result: Any, cards: Sequence[Any]
) -> dict[str, Any]:
    """A criterion's row of a printed sheet: its options (the chosen one ticked), the member's
    points, and on a council's summary every member's points and the mean."""
    chosen = None if scored is None else scored.options.get(criterion.code)
    points: object = None if scored is None else scored.criteria.get(criterion.code)
    if scored is not None and criterion.code in scored.not_applicable:
        points = "n/a"
    values = [
        "n/a" if criterion.code in each.not_applicable else each.criteria.get(criterion.code, "")
        for each in cards
    ]
    answered = result.answered.get(criterion.code, 0) if result is not None else 0
    return {
        "code": criterion.code,
        "title": criterion.title,
        "applies_when": criterion.applies_when,
        "max_points": criterion.max_points,
        "options": [
            {
                "label": option.label,
                "points": option.points,
                "markers": _stars(option.min_star),
                "ticked": chosen == index,
            }
            for index, option in enumerate(criterion.options)
        ],
        "points": "" if points is None else points,
        "cells": values,
        "mean": _mean(result.criterion_totals.get(criterion.code, 0), answered)
        if result is not None
        else "",
    }


def _part_of(part: Any, scored: Any, result: Any, cards: Sequence[Any]) -> dict[str, Any]:
    """A part of a printed sheet: its criteria's rows and its totals."""
    rows = [
        _criterion_row(criterion, scored, result, cards)
        for section in part.sections
        for criterion in section.criteria
    ]
    part_values = [each.parts.get(part.code, 0) for each in cards]
    return {
        "code": part.code,
        "title": part.title,
        "max_points": part.max_points,
        "rows": rows,
        "points": "" if scored is None else scored.parts.get(part.code, 0),
        "cells": part_values,
        "mean": _mean(sum(part_values), len(cards)),
    }


def score_sheet_html(
    sheet: Any,
    *,
    product: Any = None,
    card: Any = None,
    result: Any = None,
    member: str | None = None,
    lang: Lang = "vi",
) -> str:
    """A score sheet as a printable HTML page: blank, one member's, or the council's summary.

    Args:
        sheet: the :class:`~ocop.Sheet`.
        product: the :class:`~ocop.Product` (or its name), for the heading.
        card: one member's :class:`~ocop.ScoreCard` (or its scored
            :class:`~ocop.CardScore`): the ticked boxes and points are printed.
        result: a :class:`~ocop.CouncilResult`: the council's summary, every member's points
            and the mean per criterion, part and in all.
        member: the member's name under the signature (else the card's member).
        lang: ``"vi"`` or ``"en"`` for the labels.

    Raises:
        ScoreCardError: the card does not fit the sheet.
    """
    from ocop.scoring import CardScore, score

    environment = _environment()
    words = _words(_SHEET_WORDS, lang)
    scored = (
        card
        if isinstance(card, CardScore) or card is None
        else score(sheet, card, allow_elimination=True)
    )
    mode = "council" if result is not None else "member"
    members: list[str] = (
        list(result.members)
        if result is not None
        else [member or scored.member]
        if scored is not None
        else ([member] if member else [])
    )
    if result is not None:
        words["title"] = words["summary_title"]
    cards = list(result.cards) if result is not None else []
    parts = [_part_of(part, scored, result, cards) for part in sheet.parts]
    if isinstance(product, str) or product is None:
        product_name, product_id = product or "……………………………………", None
    else:
        product_name, product_id = product.name, product.id
    return _render(
        environment,
        "score_sheet.html.j2",
        lang=lang,
        words=words,
        sheet=sheet,
        sheet_max=sheet.max_points,
        product_name=product_name,
        product_id=product_id,
        mode=mode,
        members=members,
        width=4 + (len(members) + 1 if mode == "council" else 1),
        parts=parts,
        total="" if scored is None else scored.total,
        totals=[each.total for each in cards],
        mean="" if result is None else str(result.score),
    )


def minutes_html(
    result: Any,
    ranked: Any,
    *,
    council: Any = None,
    product: Any = None,
    subject: Any = None,
    on: dt.date | None = None,
    place: str | None = None,
    lang: Lang = "vi",
) -> str:
    """The council's summary minutes for one product, as a printable HTML page.

    Args:
        result: the :class:`~ocop.CouncilResult`.
        ranked: its :class:`~ocop.Classification`.
        council: the :class:`~ocop.Council`, for its name, its members' names, the chair and
            the secretary.
        product: the :class:`~ocop.Product`, for its name.
        subject: the :class:`~ocop.Subject` (or its name).
        on: the day of the meeting.
        place: where the council met.
        lang: ``"vi"`` or ``"en"``.
    """
    from ocop import rubric

    environment = _environment()
    words = _words(_MINUTES_WORDS, lang)
    names: dict[str, str] = {}
    chair = secretary = ""
    council_name = None
    if council is not None:
        names = {person.id: person.name for person in council.everyone}
        chair = council.chair.name
        secretary = council.secretary.name if council.secretary is not None else ""
        council_name = council.name or council.id

    def who(member: str) -> str:
        return f"{names[member]} ({member})" if member in names else member

    parts: Sequence[str] = sorted({code for card in result.cards for code in card.parts})
    rows = [
        {
            "member": who(card.member),
            "parts": [card.parts.get(code, 0) for code in parts],
            "total": card.total,
        }
        for card in result.cards
    ]
    star = words["eliminated"] if ranked.star is None else str(ranked.star)
    verdict = words["certifiable"] if ranked.certifiable else words["not_certifiable"]
    eliminated = [
        f"{who(gone.member)}: {gone.title}: {gone.option_label} ({words['eliminated']})"
        for gone in ranked.eliminated
    ]
    if product is None or isinstance(product, str):
        product_name, product_id = product or result.product, None
    else:
        product_name, product_id = product.name, product.id
    set_name = rubric.load(result.decision).sheet(result.set_no).name
    subject_name = subject if isinstance(subject, str) or subject is None else subject.name
    day = "" if on is None else on.strftime("%d/%m/%Y") if lang == "vi" else on.isoformat()
    return _render(
        environment,
        "minutes.html.j2",
        lang=lang,
        words=words,
        day=day or "……/……/………",
        place=place,
        council=council_name,
        people=[who(member) for member in result.members],
        product_name=product_name,
        product_id=product_id,
        subject=subject_name,
        decision=result.decision,
        set_no=result.set_no,
        set_name=set_name,
        parts=parts,
        rows=rows,
        score=str(result.score),
        band=str(ranked.band),
        star=star,
        verdict=verdict,
        spread=result.spread,
        eliminated=eliminated,
        unmet=[check.describe(lang) for check in ranked.unmet],
        advisory=[check.describe(lang) for check in ranked.advisory],
        notes=[note.message(lang) for note in ranked.notes],
        chair=chair,
        secretary=secretary,
    )
