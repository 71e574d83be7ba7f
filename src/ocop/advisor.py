"""The cheapest way to a target star: which criteria to improve, and to which option.

:func:`advise` finds, exactly, the set of criterion improvements that reaches a target star
with the fewest points to gain and, among those, the fewest criteria changed. Reaching ``k``
stars needs both the ``k``-star score floor and every marker of level ``k`` or lower
(:mod:`ocop.ranking`); a criterion below one of its markers must move at least to the marked
option, every other criterion may stay or move to any higher option. The search is a dynamic
programme over the criteria, with the total gain as its state, so its answer is optimal. A plan
only raises choices, never lowers one.

For a council the advice is given on the averaged sheet: a step "criterion ``c`` to option
``o``" means every member who answered ``c`` with fewer points would choose ``o`` (a member who
gave as many points or more keeps the choice), and the final score moves by the members' gain.
Of an alternative group only the answered case is kept; a criterion marked not applicable may
be made applicable (a product story, for instance) and moved to any option.

>>> from ocop.rubric.model import Criterion, Marker, Option, Part, Section, Sheet
>>> from ocop.scoring import ScoreCard, score
>>> def crit(code, title, *points):
...     options = tuple(Option(label=f"{title} {p}", points=p) for p in points)
...     return Criterion(code=code, title=title, part="A", section="1",
...                      max_points=max(points), options=options)
>>> criteria = (crit("1.1", "Nguồn gốc", 10, 40, 50), crit("1.2", "Liên kết", 0, 20, 50))
>>> sheet = Sheet(decision="26/2026", set_no=1, name="Example", markers=(),
...     criteria={c.code: c for c in criteria},
...     parts=(Part(code="A", title="A", max_points=100, sections=(
...         Section(no="1", title="One", max_points=100, criteria=criteria),)),))
>>> card = ScoreCard.from_dict({"decision": "26/2026", "set_no": 1, "member": "m",
...     "product": "p", "choices": {"1.1": 40, "1.2": 0}})
>>> advice = advise(sheet, score(sheet, card), 4)
>>> [(step.criterion, step.to_points) for step in advice.steps]
[('1.1', 50), ('1.2', 20)]
>>> print(advice.steps[1].describe("en"))
1.2 Liên kết: from 0 to 20 points — Liên kết 20
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final

import attrs

from ocop.errors import InputError, Lang, Problem
from ocop.ranking import (
    MarkerPolicy,
    Minima781,
    applied_markers,
    classify,
    heading,
    marker_check,
)
from ocop.rating import StarRating, band_floor, to_score
from ocop.rubric.model import Sheet
from ocop.scoring import CardScore, CouncilResult

__all__ = ["Advice", "Step", "advise"]

_HUNDREDTH: Final = Decimal("0.01")


def _points(value: Decimal) -> str:
    """Points as printed: ``2`` rather than ``2.00``, ``1.67`` kept."""
    return str(value.to_integral_value()) if value == value.to_integral_value() else str(value)


@attrs.frozen(kw_only=True)
class Step:
    """Move one criterion to a higher option.

    Attributes:
        criterion: the criterion's code.
        title: the criterion's code and title.
        from_points: the points now (the council mean for a council); 0 when not applicable.
        from_label: the option chosen now, when every answering card chose the same one.
        not_applicable: whether the criterion is now marked not applicable.
        to_option: the index of the option to reach.
        to_label: that option's label.
        to_points: that option's points.
        gain: how much the final score rises (rounded to two decimals for display).
        required_by: the lowest star whose marker forces this step, if one does.
    """

    criterion: str
    title: str
    from_points: Decimal
    from_label: str | None
    not_applicable: bool = False
    to_option: int
    to_label: str
    to_points: int
    gain: Decimal
    required_by: int | None = None

    def describe(self, lang: Lang = "vi") -> str:
        """One line a subject can act on.

        ``1.5 Liên kết sản xuất: from 1 to 2 points — Có hợp đồng liên kết trên 75% …``
        """
        en = lang == "en"
        if self.not_applicable:
            start = "not applicable" if en else "không áp dụng"
        else:
            start = _points(self.from_points)
        move = (
            f"from {start} to {self.to_points} points"
            if en
            else f"từ {start} lên {self.to_points} điểm"
        )
        line = f"{self.title}: {move} — {self.to_label}"
        if self.required_by is not None:
            line += (
                f" (required for {self.required_by}★)"
                if en
                else f" (bắt buộc để đạt {self.required_by}★)"
            )
        return line


@attrs.frozen(kw_only=True)
class Advice:
    """How to reach a target star, or why it cannot be reached.

    Attributes:
        product: the product.
        target: the star asked for.
        reachable: whether some plan reaches it.
        steps: the cheapest plan, in the sheet's order; empty when already reached.
        current_score: the final score now.
        current_star: the rank now (``None`` when eliminated).
        expected_score: the final score once the plan is carried out.
        points_to_gain: how much the final score rises with the plan.
        best_possible: the highest final score the sheet allows while keeping what cannot
            change (alternative case answered), when the target is out of reach.
        reason_vi: why the target cannot be reached, or that it already is.
        reason_en: the same in English.
    """

    product: str
    target: StarRating
    reachable: bool
    steps: tuple[Step, ...] = ()
    current_score: Decimal
    current_star: StarRating | None
    expected_score: Decimal | None = None
    points_to_gain: Decimal = Decimal("0.00")
    best_possible: Decimal | None = None
    reason_vi: str = ""
    reason_en: str = ""

    @property
    def criteria_changed(self) -> int:
        """How many criteria the plan changes."""
        return len(self.steps)

    def explain(self, lang: Lang = "vi") -> str:
        """The advice in a few lines, in Vietnamese or English."""
        en = lang == "en"
        now = self.current_star if self.current_star is not None else "-"
        head = (
            f"{self.product}: {self.current_score} points ({now}), target {self.target}"
            if en
            else f"{self.product}: {self.current_score} điểm ({now}), mục tiêu {self.target}"
        )
        lines = [head]
        if not self.reachable or not self.steps:
            lines.append(self.reason_en if en else self.reason_vi)
            return "\n".join(lines)
        gain, count = _points(self.points_to_gain), len(self.steps)
        lines.append(
            f"Gain {gain} point{'' if gain == '1' else 's'} on {count} "
            f"criteri{'on' if count == 1 else 'a'}, reaching {self.expected_score}:"
            if en
            else f"Tăng {gain} điểm ở {count} tiêu chí, đạt {self.expected_score}:"
        )
        lines.extend(f"- {step.describe(lang)}" for step in self.steps)
        return "\n".join(lines)


class _Moves:
    """The options a criterion can move to: first option of each points value, not eliminating."""

    __slots__ = ("code", "ladder")

    def __init__(self, code: str, ladder: tuple[tuple[int, int], ...]) -> None:
        self.code = code
        self.ladder = ladder  # (points, option index), ascending points


_LADDERS: dict[int, tuple[Sheet, tuple[_Moves, ...]]] = {}


def _ladders(sheet: Sheet) -> tuple[_Moves, ...]:
    cached = _LADDERS.get(id(sheet))
    if cached is not None and cached[0] is sheet:
        return cached[1]
    ladders = []
    for criterion in sheet.criteria.values():
        best: dict[int, int] = {}
        for index, option in enumerate(criterion.options):
            if not option.eliminates and option.points not in best:
                best[option.points] = index
        ladders.append(_Moves(criterion.code, tuple(sorted(best.items()))))
    found = tuple(ladders)
    if len(_LADDERS) > 256:
        _LADDERS.clear()
    _LADDERS[id(sheet)] = (sheet, found)
    return found


def _target(value: int | StarRating) -> StarRating:
    if isinstance(value, StarRating):
        return value
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise InputError(
            Problem(
                code="advice.bad_target",
                path="$.target_star",
                value=value,
                message_vi="Hạng sao mục tiêu phải là số nguyên từ 1 đến 5",
                message_en="the target star must be a whole number from 1 to 5",
            )
        )
    return StarRating(stars=value)


def _display(total: int, count: int) -> Decimal:
    return (Decimal(total) / Decimal(count)).quantize(_HUNDREDTH, rounding=ROUND_HALF_EVEN)


def _truncated(total: int, count: int) -> Decimal:
    return Decimal(total * 100 // count).scaleb(-2)


def advise(
    sheet: Sheet,
    result: CouncilResult | CardScore,
    target_star: int | StarRating,
    *,
    marker_policy: MarkerPolicy = MarkerPolicy.COUNCIL_MEAN,
    minima_781: Minima781 = Minima781.ADVISORY,
) -> Advice:
    """The cheapest set of criterion improvements that ranks the product ``target_star``.

    Plans are ranked by the points the final score must gain, then by the number of criteria
    changed; the plan returned is optimal for both (exact dynamic programme, not a heuristic).

    Args:
        sheet: the sheet the product was scored on.
        result: a council's result (advice on the averaged sheet) or one scored card.
        target_star: 1..5.
        marker_policy: as in :func:`ocop.ranking.classify`.
        minima_781: as in :func:`ocop.ranking.classify`; with ``APPLY`` the readable QĐ 781
            items must be met too.

    Raises:
        InputError: ``advice.bad_target``.
    """
    target = _target(target_star)
    council = result if isinstance(result, CouncilResult) else CouncilResult.of_card(result)
    now = classify(sheet, council, marker_policy=marker_policy, minima_781=minima_781)
    base = Advice(
        product=council.product,
        target=target,
        reachable=True,
        current_score=council.score,
        current_star=now.star,
    )
    if now.star is None:
        codes = ", ".join(sorted({gone.criterion for gone in now.eliminated}))
        return attrs.evolve(
            base,
            reachable=False,
            reason_vi=f"Hồ sơ bị loại (tiêu chí {codes}); không thể xếp hạng sao.",
            reason_en=f"The dossier is eliminated (criterion {codes}); it cannot be ranked.",
        )
    if now.star >= target:
        return attrs.evolve(
            base,
            expected_score=council.score,
            reason_vi=f"Sản phẩm đã đạt {now.star}.",
            reason_en=f"The product already ranks {now.star}.",
        )
    return _plan(sheet, council, target, base, marker_policy, minima_781)


_Mover = tuple[_Moves, bool, list[tuple[int, int, int]]]
"""A criterion that can change: its ladder, whether a marker forces it, and its moves as
(gain in card points, points, option)."""


def _plan(
    sheet: Sheet,
    council: CouncilResult,
    target: StarRating,
    base: Advice,
    marker_policy: MarkerPolicy,
    minima_781: Minima781,
) -> Advice:
    """The fewest changes of option that reach ``target``: the markers it must meet, the moves
    each criterion allows, the gains reachable with each number of changes, and the moves of
    the best gain."""
    count = len(council.cards)
    total = sum(card.total for card in council.cards)
    need = int(band_floor(target.stars)) * count - total  # in card points (sum over cards)
    required, forced_at = _markers_to_meet(sheet, council, target, marker_policy, minima_781)
    movers, blocked = _movers(sheet, council, required, forced_at)
    if blocked is not None:
        # The marked option itself eliminates the dossier: no option both meets the
        # marker and keeps the product in the evaluation.
        return attrs.evolve(
            base,
            reachable=False,
            reason_vi=f"Không thể đạt {target}: tiêu chí {blocked} không có phương án "
            "nào vừa đạt dấu sao vừa không loại hồ sơ.",
            reason_en=f"{target} is out of reach: criterion {blocked} has no option that "
            "meets its marker without eliminating the dossier.",
        )
    low = sum(min(0, *(gain for gain, _, _ in moves)) for _, _, moves in movers)
    layers = _reachable_gains(movers, low)
    found = _best_gain(layers[-1], max(need, low) - low)
    if found is None:
        everything = 0
        for reach in layers[-1]:
            everything |= reach
        best_possible = _truncated(total + everything.bit_length() - 1 + low, count)
        floor_score = band_floor(target.stars)
        return attrs.evolve(
            base,
            reachable=False,
            best_possible=best_possible,
            reason_vi=(
                f"Không thể đạt {target}: điểm cao nhất có thể là {best_possible}, "
                f"thấp hơn {floor_score} điểm."
            ),
            reason_en=(
                f"{target} is out of reach: the best possible score is {best_possible}, "
                f"below {floor_score}."
            ),
        )
    best, fewest = found
    steps = _steps_to(sheet, council, movers, layers, best, fewest, forced_at)
    gained = best + low
    return attrs.evolve(
        base,
        steps=tuple(steps),
        expected_score=to_score(_truncated(total + gained, count)),
        points_to_gain=_display(gained, count),
    )


def _markers_to_meet(
    sheet: Sheet,
    council: CouncilResult,
    target: StarRating,
    marker_policy: MarkerPolicy,
    minima_781: Minima781,
) -> tuple[dict[str, int], dict[str, int]]:
    """The points each marked criterion needs for ``target``, and the lowest star whose marker
    each criterion fails now."""
    required: dict[str, int] = {}
    forced_at: dict[str, int] = {}
    for marker, source in applied_markers(sheet, minima_781):
        if marker.star > target.stars or council.answered.get(marker.criterion, 0) == 0:
            continue
        code = marker.criterion
        required[code] = max(required.get(code, 0), marker.points)
        if marker_check(sheet, council, marker, policy=marker_policy, source=source):
            forced_at[code] = min(forced_at.get(code, 6), marker.star)
    return required, forced_at


def _movers(
    sheet: Sheet, council: CouncilResult, required: dict[str, int], forced_at: dict[str, int]
) -> tuple[list[_Mover], str | None]:
    """Each criterion that can change, with its moves; or the code of a forced criterion that
    has no move at all."""
    movers: list[_Mover] = []
    answers = [(card.criteria, card.not_applicable) for card in council.cards]
    for ladder in _ladders(sheet):
        code = ladder.code
        if council.answered.get(code, 0) == 0:
            continue  # a case of an alternative group that no card chose
        forced = code in forced_at
        floor = required.get(code, 0)
        # Each answering member's points now (0 when not applicable); a step raises the
        # members below its option to it and leaves the others as they are.
        now = [
            criteria.get(code, 0)
            for criteria, not_applicable in answers
            if code in criteria or code in not_applicable
        ]
        moves = []
        for points, option in ladder.ladder:
            if points < floor:
                continue
            gain = sum(points - before for before in now if before < points)
            if forced or gain > 0:
                moves.append((gain, points, option))
        if not moves:
            if forced:
                return movers, code
            continue
        movers.append((ladder, forced, moves))
    return movers, None


def _reachable_gains(movers: list[_Mover], low: int) -> list[list[int]]:
    """For each criterion in turn, the gains reachable with each number of changes, as bit
    sets: ``layer[c]`` has bit ``g - low`` set when changing exactly ``c`` criteria among those
    seen so far can gain ``g`` card points in all."""
    layers: list[list[int]] = [[1 << -low]]
    for _, forced, moves in movers:
        previous = layers[-1]
        row = [0] * (len(previous) + 1) if forced else [*previous, 0]
        for changes, reach in enumerate(previous):
            if not reach:
                continue
            moved = 0
            for gain, _, _ in moves:
                moved |= reach << gain if gain >= 0 else reach >> -gain
            row[changes + 1] |= moved
        layers.append(row)
    return layers


def _best_gain(last: list[int], first_ok: int) -> tuple[int, int] | None:
    """The lowest gain (offset) at or above ``first_ok`` and the fewest changes that give it;
    ``None`` when no gain reaches it."""
    best: int | None = None
    fewest = 0
    above = ~((1 << first_ok) - 1)
    for changes, reach in enumerate(last):
        found = reach & above
        if found:
            lowest = (found & -found).bit_length() - 1
            if best is None or lowest < best:
                best, fewest = lowest, changes
    return None if best is None else (best, fewest)


def _steps_to(
    sheet: Sheet,
    council: CouncilResult,
    movers: list[_Mover],
    layers: list[list[int]],
    best: int,
    fewest: int,
    forced_at: dict[str, int],
) -> list[Step]:
    """The moves that give the gain ``best`` in ``fewest`` changes, read back from the last
    criterion."""
    steps: list[Step] = []
    position, changed = best, fewest
    for layer in range(len(movers), 0, -1):
        ladder, forced, moves = movers[layer - 1]
        previous = layers[layer - 1]
        if not forced and changed < len(previous) and previous[changed] >> position & 1:
            continue
        for gain, points, option in moves:
            before = position - gain
            if changed and before >= 0 and previous[changed - 1] >> before & 1:
                steps.append(_step(sheet, council, ladder.code, gain, points, option, forced_at))
                position, changed = before, changed - 1
                break
    steps.reverse()
    return steps


def _step(
    sheet: Sheet,
    council: CouncilResult,
    code: str,
    gain: int,
    points: int,
    option: int,
    forced_at: dict[str, int],
) -> Step:
    criterion = sheet.criteria[code]
    scope = council.answered[code]
    chosen = {card.options[code] for card in council.cards if code in card.options}
    not_applicable = all(
        code in card.not_applicable for card in council.cards if _answers(card, code)
    )
    from_label = None
    if len(chosen) == 1 and not any(code in card.not_applicable for card in council.cards):
        from_label = criterion.options[chosen.pop()].label
    return Step(
        criterion=code,
        title=heading(criterion),
        from_points=_truncated(council.criterion_totals.get(code, 0), scope),
        from_label=from_label,
        not_applicable=not_applicable,
        to_option=option,
        to_label=criterion.options[option].label,
        to_points=points,
        gain=_display(gain, len(council.cards)),
        required_by=forced_at.get(code),
    )


def _answers(card: CardScore, code: str) -> bool:
    return code in card.criteria or code in card.not_applicable
