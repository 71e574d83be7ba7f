"""Ranking a scored product: the score band, capped by the star markers, explained.

The final score falls in a band (QĐ 26/2026/QĐ-TTg Art. 3.3; :class:`ocop.StarRating`). The
asterisks printed on a sheet are the minimum each star needs ("Dấu sao là yêu cầu tối thiểu
phải đạt theo các cấp độ sao", note under every 26/2026 sheet; 148 uses the same marks). They are
cumulative: a product is ranked ``k`` stars only if its score is in the ``k``-star band or above
**and** every marker of level ``k`` or lower is met. A product whose markers hold it below its
band is ranked at the highest star whose markers are all met, and never below 1★; the texts do
not say whether a product that misses a 3★ marker is "2★" or "not recognised", so
it is reported as 2★ (or its band, if lower), which is not certifiable either way.

Markers are judged, by default, on the council's averaged sheet: the mean of the members' points
on the criterion (:attr:`MarkerPolicy.COUNCIL_MEAN`). The national texts rank by the average
total ("tổng điểm trung bình") and print the asterisks on the sheet that the council averages;
no text says how markers are judged on several members' cards, so the stricter
reading, every member's card, is available as :attr:`MarkerPolicy.EVERY_CARD`.

Sheets of QĐ 1048/2019 carry no markers. QĐ 781/2020 added minimum criteria per star, of which
only a part-C excerpt is known; the items that can be read on a 1048 sheet are listed by
:func:`minimum_criteria_781` and, by default, only reported (:attr:`Minima781.ADVISORY`);
:attr:`Minima781.APPLY` lets them cap the star like markers.

>>> from ocop.rubric.model import Criterion, Marker, Option, Part, Section, Sheet
>>> from ocop.scoring import ScoreCard, score
>>> story = Criterion(code="5.1", title="Câu chuyện sản phẩm", part="B", section="5",
...     max_points=100, options=(Option(label="Không có", points=0),
...     Option(label="Có câu chuyện", points=60, min_star=3), Option(label="Đặc sắc", points=100)))
>>> sheet = Sheet(decision="26/2026", set_no=1, name="Example", criteria={"5.1": story},
...     markers=(Marker(star=3, criterion="5.1", points=60, option=1),),
...     parts=(Part(code="B", title="B", max_points=100, sections=(Section(no="5",
...     title="Câu chuyện", max_points=100, criteria=(story,)),)),))
>>> card = ScoreCard.from_dict({"decision": "26/2026", "set_no": 1, "member": "m",
...     "product": "p", "choices": {"5.1": 60}})
>>> ranked = classify(sheet, score(sheet, card))
>>> ranked.band, ranked.star, ranked.certifiable
(StarRating(stars=3), StarRating(stars=3), True)
"""

from __future__ import annotations

import enum
import functools
import operator
import re
import unicodedata
from collections.abc import Callable, Sequence
from decimal import ROUND_DOWN, Decimal
from typing import Any, Final

import attrs

from ocop._text import clean_name
from ocop.errors import InputError, Lang, Problem
from ocop.rating import MAX_SCORE, StarRating, band_floor
from ocop.rubric.model import Criterion, Marker, Sheet
from ocop.scoring import (
    CardScore,
    CouncilResult,
    cards_unmade,
    council_column,
    council_sums,
    points_at,
)

__all__ = [
    "Classification",
    "Elimination",
    "MarkerCheck",
    "MarkerPolicy",
    "Minima781",
    "Minimum781",
    "Note",
    "classify",
    "minimum_criteria_781",
]


class MarkerPolicy(enum.Enum):
    """Whose points a star marker is judged on, when a council scored the product."""

    COUNCIL_MEAN = "council_mean"
    """The mean of the members' points on the criterion, as on the averaged sheet (default)."""

    EVERY_CARD = "every_card"
    """Every member's card must reach the marked option on its own."""


class Minima781(enum.Enum):
    """What the QĐ 781/2020 minimum criteria do to a 1048-era ranking."""

    ADVISORY = "advisory"
    """Report whether each readable item is met; the star is not changed (default)."""

    APPLY = "apply"
    """Readable items cap the star as markers do; the unreadable ones are still reported."""


@attrs.frozen(kw_only=True)
class Note:
    """A remark attached to a ranking, in both languages."""

    code: str
    message_vi: str
    message_en: str

    def message(self, lang: Lang = "vi") -> str:
        """The remark in the chosen language."""
        return self.message_en if lang == "en" else self.message_vi


def _fold(text: str) -> str:
    return clean_name(text).casefold()


def _bare(text: str) -> str:
    """Lower case without diacritics ("đ" as "d"): the source has typos in the marks."""
    decomposed = unicodedata.normalize("NFD", _fold(text).replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# A leading printed number: "1.1. ", "6.1.1. ", "a) ", "8.a ", "3.2(1) ".
_NUMBERING: Final = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?(?:[a-zđ]\b\.?)?(?:\(\d+\))?|[a-zđ]\))\s*")


def heading(criterion: Criterion) -> str:
    """``"code title"`` with the title's own printed number, if any, left out.

    >>> from ocop.rubric.model import Criterion
    >>> heading(Criterion(code="1.5", title="1.5. Liên kết sản xuất", part="A", section="1",
    ...     max_points=3, options=()))
    '1.5 Liên kết sản xuất'
    """
    return f"{criterion.code} {_NUMBERING.sub('', clean_name(criterion.title), count=1)}"


# -- QĐ 781/2020 -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Rule781:
    item: str
    star: int
    groups: tuple[int, ...]
    text_vi: str
    text_en: str
    title_has: tuple[str, ...] = ()
    title_lacks: tuple[str, ...] = ()
    option: Callable[[str], bool] | None = None


def _declared_with_standard(label: str) -> bool:
    return (
        "cong bo" in label
        and ("tieu chuan" in label or "theo quy dinh" in label)
        and "khong" not in label
        and "thieu" not in label
    )


# The part-C excerpt of QĐ 781/2020, Phụ lục II mục 6 (criteria_qd1048_2019.json,
# "minimum_criteria_781"), item by item, with how each is read on a 1048 sheet. Groups are the
# six "ngành" of the 1048 era (QĐ 490/QĐ-TTg): 1 food, 2 drinks, 3 herbal, 4 textiles,
# 5 souvenirs/furnishing/decoration (handicrafts), 6 tourism (no 781 minima).
_RULES_781: Final = (
    _Rule781(
        item="C.2",
        star=2,
        groups=(4, 5),
        text_vi=(
            "Hạng 2 sao: Hồ sơ công bố chất lượng sản phẩm nhóm 4 và 5, có bản mô tả về tiêu "
            "chuẩn chất lượng sản phẩm."
        ),
        text_en=(
            "2★: quality declaration, groups 4 and 5: a description of the product's quality "
            "standard."
        ),
    ),
    _Rule781(
        item="C.3.1",
        star=3,
        groups=(1, 2, 3, 4, 5),
        text_vi=(
            "Hạng 3 sao: Hồ sơ công bố chất lượng sản phẩm có công bố tiêu chuẩn sản phẩm theo "
            "quy định."
        ),
        text_en="3★: a quality declaration that declares the product standard as required.",
        title_has=("cong bo",),
        title_lacks=("cam quan",),
        option=_declared_with_standard,
    ),
    _Rule781(
        item="C.3.2",
        star=3,
        groups=(1, 2, 3, 4),
        text_vi=(
            "Hạng 3 sao: Bảo đảm chất lượng sản phẩm: Nhóm 1, 2, 3 và 4: Có kế hoạch kiểm soát "
            "nội bộ gắn với truy suất nguồn gốc theo quy định của pháp luật."
        ),
        text_en=(
            "3★: quality assurance, groups 1–4: an internal control plan tied to traceability "
            "as the law requires."
        ),
        title_has=("dam bao chat luong",),
        option=lambda label: "ke hoach kiem soat" in label and "ho so lo" in label,
    ),
    _Rule781(
        item="C.3.3",
        star=3,
        groups=(5,),
        text_vi=("Hạng 3 sao: Mức độ tinh xảo/sắc nét: Nhóm 5: Có giá trị mỹ thuật, kỹ thuật."),
        text_en="3★: craftsmanship, group 5: artistic and technical value.",
        title_has=("tinh xao",),
        option=lambda label: "gia tri my thuat, ky thuat" in label,
    ),
    _Rule781(
        item="C.4.2",
        star=4,
        groups=(1, 2, 3, 4),
        text_vi=(
            "Hạng 4 sao: Tính độc đáo: Nhóm 1, 2, 3 và 4: Chất lượng sản phẩm độc đáo, mang "
            "tính đặc [trưng]."
        ),
        text_en="4★: uniqueness, groups 1–4: unique, characteristic product quality.",
        title_has=("tinh doc dao",),
        option=lambda label: label == "doc dao",
    ),
)


@attrs.frozen(kw_only=True)
class Minimum781:
    """One item of the QĐ 781/2020 minimum criteria, as it reads on one 1048 sheet.

    Attributes:
        item: the item's key: ``"C.3.1"`` is part C, 3 stars, first item.
        star: the star level that needs it.
        text_vi: the item as the excerpt prints it ("truy suất" included); the word the
            excerpt cuts off at its end is completed in brackets.
        text_en: the item in English.
        marker: the criterion and option that express it on this sheet, or ``None`` when no
            criterion of the sheet does (the item is then reported, never checked).
    """

    item: str
    star: int
    text_vi: str
    text_en: str
    marker: Marker | None


def _group_1048(sheet: Sheet) -> int:
    """The 1048-era "ngành" (QĐ 490/QĐ-TTg) of a sheet, read from the set's name."""
    name = _fold(sheet.name)
    if "du lịch" in name:
        return 6
    if "thủ công mỹ nghệ" in name:
        return 5
    if "vải" in name or "may mặc" in name:
        return 4
    if any(word in name for word in ("thảo dược", "dược liệu", "mỹ phẩm", "y tế")):
        return 3
    if any(word in name for word in ("rượu", "đồ uống", "nước khoáng", "nước uống")):
        return 2
    return 1


def _is_1048(sheet: Sheet) -> bool:
    return sheet.decision.startswith("1048")


def _resolve(sheet: Sheet, rule: _Rule781) -> Marker | None:
    if rule.option is None:
        return None
    for criterion in sheet.criteria.values():
        title = _bare(criterion.title)
        if criterion.part != "C" or not all(word in title for word in rule.title_has):
            continue
        if any(word in title for word in rule.title_lacks):
            continue
        ranked = sorted(enumerate(criterion.options), key=lambda pair: pair[1].points)
        for index, option in ranked:
            if rule.option(_bare(option.label)):
                return Marker(
                    star=rule.star, criterion=criterion.code, points=option.points, option=index
                )
    return None


_MINIMA_CACHE: dict[int, tuple[Sheet, tuple[Minimum781, ...]]] = {}


def minimum_criteria_781(sheet: Sheet) -> tuple[Minimum781, ...]:
    """The QĐ 781/2020 items that concern a 1048 sheet's product group, read on the sheet.

    Only the part-C excerpt for 2★, 3★ and the start of 4★ is known. An item is read on the
    first part-C criterion whose title names it, at the lowest option whose label says it
    (titles and labels compared in lower case without diacritics, as the source has typos in
    them, e.g. "tiêu chuấn"):

    * C.3.1 (all groups): the quality-declaration criterion ("công bố", not the sensory one),
      at the first option that declares the standard ("công bố" and "tiêu chuẩn" or "theo quy
      định", without "không"/"thiếu");
    * C.3.2 (groups 1–4): "Đảm bảo chất lượng sản phẩm" at "Có kế hoạch kiểm soát chất
      lượng sản phẩm, có ghi hồ sơ lô sản xuất" (batch records are the traceability);
    * C.3.3 (group 5): "Mức độ tinh xảo/sắc nét" at "… có giá trị mỹ thuật, kỹ thuật";
    * C.4.2 (groups 1–4): "Tính độc đáo" at "Độc đáo";
    * C.2 (groups 4, 5) has no matching option on any sheet and is never checked.

    Returns:
        The items, lowest star first; empty for other decisions and for tourism (group 6).
    """
    if not _is_1048(sheet):
        return ()
    cached = _MINIMA_CACHE.get(id(sheet))
    if cached is not None and cached[0] is sheet:
        return cached[1]
    group = _group_1048(sheet)
    items = tuple(
        Minimum781(
            item=rule.item,
            star=rule.star,
            text_vi=rule.text_vi,
            text_en=rule.text_en,
            marker=_resolve(sheet, rule),
        )
        for rule in _RULES_781
        if group in rule.groups
    )
    if len(_MINIMA_CACHE) > 256:
        _MINIMA_CACHE.clear()
    _MINIMA_CACHE[id(sheet)] = (sheet, items)
    return items


# -- markers ---------------------------------------------------------------------------------


_APPLIED_CACHE: dict[tuple[int, Minima781], tuple[Sheet, tuple[tuple[Marker, str], ...]]] = {}


def applied_markers(sheet: Sheet, minima_781: Minima781) -> tuple[tuple[Marker, str], ...]:
    """Every marker that caps the star, with its source (``"marker"`` or ``"781 C.3.1"``)."""
    cached = _APPLIED_CACHE.get((id(sheet), minima_781))
    if cached is not None and cached[0] is sheet:
        return cached[1]
    found = [(marker, "marker") for marker in sheet.markers]
    if minima_781 is Minima781.APPLY:
        found.extend(
            (item.marker, f"781 {item.item}")
            for item in minimum_criteria_781(sheet)
            if item.marker is not None
        )
    if len(_APPLIED_CACHE) > 256:
        _APPLIED_CACHE.clear()
    _APPLIED_CACHE[id(sheet), minima_781] = (sheet, tuple(found))
    return tuple(found)


@attrs.frozen(kw_only=True)
class MarkerCheck:
    """A star marker (or 781 minimum) that the product does not meet.

    Attributes:
        star: the star level that needs it.
        criterion: the criterion's code.
        title: the criterion's code and title.
        option_label: the marked option's label.
        points: the marked option's points (the minimum to reach).
        reached: what the product reached: the council mean (or the card's points).
        members: the members whose own card is below the marked option.
        source: ``"marker"`` for a printed asterisk, ``"781 C.3.1"`` for a QĐ 781 item.
        applied: whether it caps the star (``False`` for an advisory 781 item).
    """

    star: int
    criterion: str
    title: str
    option_label: str
    points: int
    reached: Decimal
    members: tuple[str, ...]
    source: str
    applied: bool

    def describe(self, lang: Lang = "vi") -> str:
        """One line: what is missing for which star."""
        if lang == "en":
            rule = "QĐ 781/2020 item " + self.source[4:] if self.source != "marker" else "marker"
            return (
                f"{self.star}★ {rule}: {self.title} needs at least {self.points} points "
                f"({self.option_label}); reached {self.reached}"
            )
        rule = "tiêu chí tối thiểu QĐ 781/2020 mục " + self.source[4:]
        rule = rule if self.source != "marker" else "dấu sao"
        return (
            f"{self.star}★ {rule}: {self.title} cần tối thiểu {self.points} điểm "
            f"({self.option_label}); đạt {self.reached}"
        )


def marker_check(
    sheet: Sheet,
    result: CouncilResult,
    marker: Marker,
    *,
    policy: MarkerPolicy,
    source: str = "marker",
    applied: bool = True,
) -> MarkerCheck | None:
    """The unmet marker, or ``None`` when it is met or does not apply.

    A marker on a case of an alternative group that no card chose does not apply. A criterion
    marked not applicable (its printed condition, e.g. a product story, is absent) counts 0:
    its marker is not met, since the marked option needs what the condition describes.
    """
    sums = council_sums(result)
    if sums is not None:
        # A council summed by columns: every card answered every criterion of its layout, and
        # each card's points are read from its column, without making its mappings.
        position, totals, count = sums
        at = position.get(marker.criterion)
        if at is None:
            return None
        total = totals[at]
        column = council_column(result, at)
        if column is not None:
            below = [member for member, points in column if points < marker.points]
        else:
            below = [
                card.member
                for card in result.cards
                if points_at(card, marker.criterion, at) < marker.points
            ]
    else:
        count = result.answered.get(marker.criterion, 0)
        if count == 0:
            return None
        below = []
        for card in result.cards:
            points = card.criteria.get(marker.criterion)
            if points is None:
                if marker.criterion not in card.not_applicable:
                    continue
                points = 0
            if points < marker.points:
                below.append(card.member)
        total = result.criterion_totals.get(marker.criterion, 0)
    mean_met = total >= marker.points * count
    if mean_met if policy is MarkerPolicy.COUNCIL_MEAN else not below:
        return None
    criterion = sheet.criteria[marker.criterion]
    return MarkerCheck(
        star=marker.star,
        criterion=marker.criterion,
        title=heading(criterion),
        option_label=criterion.options[marker.option].label,
        points=marker.points,
        reached=Decimal(total * 100 // count).scaleb(-2),
        members=tuple(below),
        source=source,
        applied=applied,
    )


# -- classification ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Elimination:
    """An option chosen on a card that eliminates the dossier."""

    member: str
    criterion: str
    title: str
    option_label: str


_ZERO: Final = Decimal(0)
_HUNDREDTH: Final = Decimal("0.01")
_BAND_FLOORS: Final = tuple((stars, band_floor(stars)) for stars in (5, 4, 3, 2, 1))


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _rankable(score: object) -> bool:
    """Whether a ranking can hold ``score``: a number from 0 to 100 at two decimals at most."""
    return (
        isinstance(score, Decimal)
        and score.is_finite()
        and _ZERO <= score <= MAX_SCORE
        and (_exponent(score) >= -2 or score == score.quantize(_HUNDREDTH, rounding=ROUND_DOWN))
    )


def _classification_problems(ranked: Classification) -> list[Problem]:
    """What makes a stored ranking one :func:`classify` could not have given.

    The score is a number from 0 to 100 at two decimals at most; the band is the score's
    (QĐ 26/2026/QĐ-TTg Art. 3.3); the star is no higher than the band, and there is none when
    an option eliminated the product.
    """
    found = []
    score = ranked.score
    if not _rankable(score):
        return [
            Problem(
                code="result.bad_score",
                path="$.score",
                value=str(score),
                message_vi="Điểm phải là số từ 0 đến 100, tối đa hai chữ số thập phân",
                message_en="a score is a number from 0 to 100 with at most two decimals",
            )
        ]
    stars = next(stars for stars, floor in _BAND_FLOORS if score >= floor)
    if not isinstance(ranked.band, StarRating) or ranked.band.stars != stars:
        found.append(
            Problem(
                code="result.band_mismatch",
                path="$.band",
                value=ranked.band.stars if isinstance(ranked.band, StarRating) else None,
                message_vi=f"Điểm {score} thuộc hạng {stars} sao",
                message_en=f"a score of {score} falls in the {stars}★ band",
            )
        )
    star = ranked.star
    if isinstance(star, StarRating) and isinstance(ranked.band, StarRating) and star > ranked.band:
        found.append(
            Problem(
                code="result.star_above_band",
                path="$.star",
                value=star.stars,
                message_vi="Hạng sao cao hơn hạng của điểm",
                message_en="the star is above the score's band",
            )
        )
    if star is not None and ranked.eliminated:
        found.append(
            Problem(
                code="result.star_despite_elimination",
                path="$.star",
                value=star.stars if isinstance(star, StarRating) else None,
                message_vi="Sản phẩm bị loại không có hạng sao",
                message_en="an eliminated product has no star",
            )
        )
    return found


@attrs.frozen(kw_only=True)
class Classification:
    """A product's rank and why.

    Attributes:
        decision: the sheet's decision.
        set_no: the product set.
        product: the product.
        score: the final score (two decimals, never rounded up).
        band: the band the score falls in.
        star: the rank: the band capped by the unmet markers; ``None`` when eliminated.
        unmet: the unmet markers of levels up to the band that cap the star, lowest first.
        advisory: QĐ 781/2020 items up to the band that are not met but only reported.
        eliminated: eliminating options chosen on the cards.
        notes: remarks (incomplete 781 text, items not readable on the sheet).
        marker_policy: how markers were judged.
        minima_781: how the QĐ 781/2020 items were used.
    """

    decision: str
    set_no: int
    product: str
    score: Decimal
    band: StarRating
    star: StarRating | None
    unmet: tuple[MarkerCheck, ...]
    advisory: tuple[MarkerCheck, ...] = ()
    eliminated: tuple[Elimination, ...] = ()
    notes: tuple[Note, ...] = ()
    marker_policy: MarkerPolicy = MarkerPolicy.COUNCIL_MEAN
    minima_781: Minima781 = Minima781.ADVISORY

    def __attrs_post_init__(self) -> None:
        problems = _classification_problems(self)
        if problems:
            raise InputError(problems)

    def _repr_html_(self) -> str:
        from ocop._html import classification

        return classification(self)

    @property
    def certifiable(self) -> bool:
        """Whether a certificate is issued: 3★ or more, not eliminated (Art. 4.1.a)."""
        return self.star is not None and self.star.certifiable

    @property
    def capped(self) -> bool:
        """Whether markers keep the product below its band."""
        return self.star is not None and self.star < self.band

    def standing(self, lang: Lang = "vi") -> str:
        """The words after the score in :meth:`explain`: the band, the star and whether it is
        certified.

        >>> from decimal import Decimal
        >>> Classification(decision="26/2026", set_no=1, product="p", score=Decimal("71.00"),
        ...     band=StarRating(stars=4), star=None, unmet=()).standing("en")
        'points, band 4★, eliminated.'
        """
        star = self.star
        return _standing(
            lang == "en", self.band.stars, None if star is None else star.stars, self.certifiable
        )

    def explain(self, lang: Lang = "vi", *, name: str | None = None) -> str:
        """The ranking in a few lines, in Vietnamese or English.

        ``name``, the product's name, is shown beside its identifier.

        >>> from decimal import Decimal
        >>> print(Classification(decision="26/2026", set_no=1, product="p",
        ...     score=Decimal("71.00"), band=StarRating(stars=4), star=StarRating(stars=4),
        ...     unmet=()).explain("en"))
        p: 71.00 points, band 4★, ranked 4★ (certifiable).
        """
        en = lang == "en"
        product = f"{self.product} ({name})" if name and name != self.product else self.product
        first = f"{product}: {self.score} {self.standing(lang)}"
        if not (self.eliminated or self.unmet or self.advisory or self.notes):
            return first
        lines = [first]
        for gone in self.eliminated:
            lines.append(
                f"- {gone.member}: {gone.title}: {gone.option_label} "
                + ("(eliminates the dossier)" if en else "(hồ sơ bị loại)")
            )
        if self.unmet:
            lines.append("Unmet minima:" if en else "Chưa đạt yêu cầu tối thiểu:")
            lines.extend(f"- {check.describe(lang)}" for check in self.unmet)
        if self.advisory:
            lines.append(
                "QĐ 781/2020 minima not met (reported only):"
                if en
                else "Chưa đạt tiêu chí tối thiểu QĐ 781/2020 (chỉ để tham khảo):"
            )
            lines.extend(f"- {check.describe(lang)}" for check in self.advisory)
        lines.extend(f"* {note.message(lang)}" for note in self.notes)
        return "\n".join(lines)


@functools.lru_cache(maxsize=64)
def _standing(en: bool, band: int, star: int | None, certifiable: bool) -> str:
    """A ranking's words after its score: ``points, band 4★, ranked 4★ (certifiable).``

    The same for many products, so each is written once.
    """
    if star is None:
        rank = "eliminated" if en else "bị loại"
    else:
        ranked = StarRating(stars=star)
        rank = (f"ranked {ranked}" if en else f"xếp hạng {ranked}") + (
            (" (certifiable)" if en else " (được công nhận)")
            if certifiable
            else (" (not certifiable)" if en else " (không được công nhận)")
        )
    shown = StarRating(stars=band)
    return f"points, band {shown}, {rank}." if en else f"điểm, khung {shown}, {rank}."


def _notes_781(sheet: Sheet, minima: Sequence[Minimum781], policy: Minima781) -> list[Note]:
    if not _is_1048(sheet):
        return []
    notes = [
        Note(
            code="781.incomplete",
            message_vi=(
                "Chỉ biết một phần tiêu chí tối thiểu theo hạng sao của QĐ 781/2020 (phần C cho "
                "2 sao, 3 sao và đầu 4 sao); phần A, B và 5 sao không được kiểm tra."
            ),
            message_en=(
                "Only part of the QĐ 781/2020 minimum criteria per star is known (part C for "
                "2★, 3★ and the start of 4★); parts A, B and 5★ are not checked."
            ),
        )
    ]
    if _group_1048(sheet) == 6:
        return notes
    for item in minima:
        if item.marker is None:
            notes.append(
                Note(
                    code="781.not_readable",
                    message_vi=(
                        f"Mục {item.item} QĐ 781/2020 không ứng với tiêu chí nào của phiếu này, "
                        f"không kiểm tra được: {item.text_vi}"
                    ),
                    message_en=(
                        f"QĐ 781/2020 item {item.item} matches no criterion of this sheet and is "
                        f"not checked: {item.text_en}"
                    ),
                )
            )
    if policy is Minima781.ADVISORY and any(item.marker is not None for item in minima):
        notes.append(
            Note(
                code="781.advisory",
                message_vi=(
                    "Tiêu chí tối thiểu QĐ 781/2020 chỉ được báo cáo, không giới hạn hạng sao."
                ),
                message_en="QĐ 781/2020 minima are reported only; they do not cap the star.",
            )
        )
    return notes


_eliminated_of = operator.attrgetter("eliminated")
# Star ratings are values: the rankings of a season share five of them.
_STARS: Final = {stars: StarRating(stars=stars) for stars in range(1, 6)}
# The band of each score met so far that a ranking can hold (_rankable), one of the shared ones.
_BANDS: dict[Decimal, StarRating] = {}


def _band(score: Decimal) -> StarRating:
    """``StarRating.for_score(score)``; for a finite ``Decimal``, one of the shared ratings."""
    if type(score) is not Decimal or not score.is_finite():
        return StarRating.for_score(score)
    band = _BANDS.get(score)
    if band is None:
        band = _STARS[StarRating.for_score(score).stars]
        if _rankable(score):
            if len(_BANDS) >= 20_000:
                _BANDS.clear()
            _BANDS[score] = band
    return band


def _direct() -> bool:
    """Whether :class:`Classification` still has the fields and checks read below.

    When it does, :func:`classify` stores the ranking it made without calling the constructor,
    whose only check is :func:`_classification_problems`: a band computed from a score a ranking
    can hold, a star no higher than it and none for an eliminated product pass it by
    construction. Otherwise the constructor is always called.
    """
    fields = attrs.fields(Classification)
    return (
        tuple(field.name for field in fields) == _RANKING_FIELDS
        and all(field.converter is None and field.validator is None for field in fields)
        and Classification.__attrs_post_init__ is _CHECKED_POST_INIT
        and not hasattr(Classification, "__attrs_pre_init__")
    )


_RANKING_FIELDS: Final = (
    "decision",
    "set_no",
    "product",
    "score",
    "band",
    "star",
    "unmet",
    "advisory",
    "eliminated",
    "notes",
    "marker_policy",
    "minima_781",
)
_CHECKED_POST_INIT: Final = Classification.__attrs_post_init__
_DIRECT: Final = _direct()
_RANKING_SLOTS: Final = tuple(Classification.__dict__[name].__set__ for name in _RANKING_FIELDS)
_new = object.__new__


def _ranking(values: tuple[Any, ...]) -> Classification:
    """The ranking of these field values (in ``_RANKING_FIELDS`` order), its slots set without
    the constructor (see :func:`_direct`)."""
    ranked: Classification = _new(Classification)
    for put, value in zip(_RANKING_SLOTS, values, strict=True):
        put(ranked, value)
    return ranked


def classify(
    sheet: Sheet,
    result: CouncilResult | CardScore,
    *,
    marker_policy: MarkerPolicy = MarkerPolicy.COUNCIL_MEAN,
    minima_781: Minima781 = Minima781.ADVISORY,
) -> Classification:
    """Rank a scored product: its band, capped by the cumulative star markers.

    A product ranks ``k`` stars when its score is at least the ``k``-star floor and every marker
    of level ``k`` or lower is met (QĐ 26/2026/QĐ-TTg Art. 3.3 and the note under each sheet).
    Missed markers lower the rank to the highest star whose markers are all met, never below
    1★. Any eliminating option on any card eliminates the product (``star`` is ``None``).

    Args:
        sheet: the sheet the product was scored on.
        result: a council's result, or one scored card (a council of one).
        marker_policy: how markers are judged on several cards.
        minima_781: how the QĐ 781/2020 minima act on 1048 sheets.
    """
    council = result if isinstance(result, CouncilResult) else CouncilResult.of_card(result)
    band = _band(council.score)
    unmet: list[MarkerCheck] = []
    sums = council_sums(council) if marker_policy is MarkerPolicy.COUNCIL_MEAN else None
    for marker, source in applied_markers(sheet, minima_781):
        if marker.star > band.stars:
            continue
        if sums is not None:
            # The council mean from the sums, as marker_check reads it; only a marker that is
            # not met needs the cards.
            position, totals, count = sums
            at = position.get(marker.criterion)
            if at is None or totals[at] >= marker.points * count:
                continue
        check = marker_check(sheet, council, marker, policy=marker_policy, source=source)
        if check is not None:
            unmet.append(check)
    unmet.sort(key=lambda check: (check.star, check.criterion))
    minima = minimum_criteria_781(sheet)
    advisory: list[MarkerCheck] = []
    if minima_781 is Minima781.ADVISORY:
        for item in minima:
            if item.marker is None or item.star > band.stars:
                continue
            check = marker_check(
                sheet,
                council,
                item.marker,
                policy=marker_policy,
                source=f"781 {item.item}",
                applied=False,
            )
            if check is not None:
                advisory.append(check)
    eliminated = (
        tuple(
            Elimination(
                member=member,
                criterion=code,
                title=heading(sheet.criteria[code]),
                option_label=sheet.criteria[code].options[card.options[code]].label,
            )
            for card in council.cards
            for member, code in ((card.member, code) for code in card.eliminated)
        )
        if not cards_unmade(council) and any(map(_eliminated_of, council.cards))
        else ()
    )
    qualified = min((check.star for check in unmet), default=6) - 1
    star = None if eliminated else _STARS[max(1, min(band.stars, qualified))]
    values: tuple[Any, ...] = (
        council.decision,
        council.set_no,
        council.product,
        council.score,
        band,
        star,
        tuple(unmet),
        tuple(advisory),
        eliminated,
        tuple(_notes_781(sheet, minima, minima_781)),
        marker_policy,
        minima_781,
    )
    if _DIRECT and _BANDS.get(council.score) is band:
        # The score is one a ranking can hold and the band is its own: nothing to check again.
        return _ranking(values)
    return Classification(**dict(zip(_RANKING_FIELDS, values, strict=True)))
