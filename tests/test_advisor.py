"""The advisor: the cheapest criterion improvements that reach a target star."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocop import rubric
from ocop.advisor import Advice, advise
from ocop.errors import InputError
from ocop.ranking import MarkerPolicy, Minima781, classify
from ocop.rating import StarRating, band_floor
from ocop.rubric.model import Criterion, Marker, Option, Part, Section, Sheet
from ocop.scoring import CardScore, CouncilResult, ScoreCard, aggregate, score


def make_sheet(
    ladders: Sequence[Sequence[int]],
    markers: Sequence[tuple[int, int, int]] = (),
    *,
    applies_when: Sequence[int] = (),
    eliminates: Sequence[tuple[int, int]] = (),
) -> Sheet:
    """Criteria "1".."n" in one section; markers as (star, criterion number, option index)."""
    criteria = tuple(
        Criterion(
            code=str(n),
            title=f"Tiêu chí {n}",
            part="A",
            section="1",
            max_points=max(points),
            options=tuple(
                Option(label=f"Phương án {n}/{i}", points=p, eliminates=(n, i) in eliminates)
                for i, p in enumerate(points)
            ),
            applies_when="Chỉ áp dụng khi có câu chuyện" if n in applies_when else None,
        )
        for n, points in enumerate(ladders, start=1)
    )
    total = sum(c.max_points for c in criteria)
    return Sheet(
        decision="26/2026",
        set_no=1,
        name="Bộ thử",
        parts=(
            Part(
                code="A",
                title="A",
                max_points=total,
                sections=(Section(no="1", title="1", max_points=total, criteria=criteria),),
            ),
        ),
        criteria={c.code: c for c in criteria},
        markers=tuple(
            Marker(star=star, criterion=str(n), points=ladders[n - 1][i], option=i)
            for star, n, i in sorted(markers)
        ),
    )


def scored(sheet: Sheet, indices: Sequence[int | None], member: str = "m1") -> CardScore:
    choices: dict[str, object] = {
        str(n): ("n/a" if i is None else {"index": i}) for n, i in enumerate(indices, start=1)
    }
    card = ScoreCard.from_dict(
        {"decision": "26/2026", "set_no": 1, "member": member, "product": "p", "choices": choices}
    )
    return score(sheet, card, allow_elimination=True)


def apply(sheet: Sheet, result: CouncilResult, advice: Advice) -> CouncilResult:
    """Every card that answers a stepped criterion with fewer points takes the step's option."""
    moved = {step.criterion: step for step in advice.steps}
    cards = []
    for card in result.cards:
        indices = [
            moved[code].to_option
            if code in moved and card.criteria.get(code, 0) < moved[code].to_points
            else card.options.get(code)
            for code in sheet.criteria
        ]
        cards.append(scored(sheet, indices, card.member))
    return aggregate(sheet, cards)


# Four criteria of 0..25 points: thresholds 30, 50, 70, 90 are all in play.
LADDER = st.lists(st.integers(0, 25), min_size=2, max_size=4, unique=True).map(sorted)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Sheet, list[int], int]:
    ladders = draw(st.lists(LADDER, min_size=3, max_size=4))
    markers = draw(
        st.lists(
            st.tuples(
                st.integers(3, 5),
                st.integers(1, len(ladders)),
                st.integers(0, 3),
            ).filter(lambda m: m[2] < len(ladders[m[1] - 1])),
            min_size=1,
            max_size=4,
            unique_by=lambda m: (m[0], m[1]),
        )
    )
    sheet = make_sheet(ladders, markers)
    card = [draw(st.integers(0, len(ladder) - 1)) for ladder in ladders]
    return sheet, card, draw(st.sampled_from((1, 2, 3, 3, 4, 4, 4, 5)))


def _cost(sheet: Sheet, before: CardScore, after: CardScore) -> tuple[int, int]:
    changed = sum(1 for code in sheet.criteria if before.options[code] != after.options[code])
    return after.total - before.total, changed


@settings(max_examples=300, suppress_health_check=[HealthCheck.filter_too_much])
@given(cases())
def test_the_plan_reaches_its_target_and_no_cheaper_plan_exists(
    case: tuple[Sheet, list[int], int],
) -> None:
    sheet, indices, target = case
    now = scored(sheet, indices)
    advice = advise(sheet, now, target)
    reaching: list[tuple[int, int]] = []
    choices_per_criterion = [
        [i for i, option in enumerate(criterion.options) if i == now.options[criterion.code]]
        + [
            i
            for i, option in enumerate(criterion.options)
            if option.points > criterion.options[now.options[criterion.code]].points
        ]
        for criterion in sheet.criteria.values()
    ]
    for combination in itertools.product(*choices_per_criterion):
        after = scored(sheet, combination)
        star = classify(sheet, after).star
        if star is not None and star.stars >= target:
            reaching.append(_cost(sheet, now, after))
    if not reaching:
        assert not advice.reachable
        assert advice.best_possible is not None
        assert advice.best_possible < band_floor(target)
        return
    assert advice.reachable
    cheapest = min(reaching)
    gained = apply(sheet, CouncilResult.of_card(now), advice)
    ranked = classify(sheet, gained)
    assert ranked.star is not None
    assert ranked.star.stars >= target
    assert (gained.cards[0].total - now.total, len(advice.steps)) == cheapest
    assert advice.expected_score == gained.score


@settings(max_examples=200, suppress_health_check=[HealthCheck.filter_too_much])
@given(cases(), st.lists(st.integers(0, 3), min_size=4, max_size=4), st.sampled_from(MarkerPolicy))
def test_for_a_council_the_plan_on_the_means_reaches_its_target_and_is_cheapest(
    case: tuple[Sheet, list[int], int], other: list[int], policy: MarkerPolicy
) -> None:
    sheet, indices, target = case
    second = [
        min(i, len(c.options) - 1)
        for i, c in zip(other[: len(sheet.criteria)], sheet.criteria.values(), strict=True)
    ]
    council = aggregate(sheet, [scored(sheet, indices), scored(sheet, second, "m2")])
    advice = advise(sheet, council, target, marker_policy=policy)
    now = classify(sheet, council, marker_policy=policy)
    required = {
        marker.criterion: max(
            m.points for m in sheet.markers if m.criterion == marker.criterion and m.star <= target
        )
        for marker in sheet.markers
        if marker.star <= target
    }
    unmet = {check.criterion for check in _unmet_up_to(sheet, council, target, policy)}
    options: list[list[int | None]] = []
    for criterion in sheet.criteria.values():
        code = criterion.code
        moves: list[int | None] = [] if code in unmet else [None]
        for i, option in enumerate(criterion.options):
            if option.points < required.get(code, 0):
                continue
            first = criterion.option_with_points(option.points) == i
            below = any(card.criteria[code] < option.points for card in council.cards)
            if first and (code in unmet or below):
                moves.append(i)
        options.append(moves)
    reaching = []
    for combination in itertools.product(*options):
        cards = [
            scored(
                sheet,
                [
                    card.options[c]
                    if i is None or card.criteria[c] >= sheet.criteria[c].options[i].points
                    else i
                    for c, i in zip(sheet.criteria, combination, strict=True)
                ],
                card.member,
            )
            for card in council.cards
        ]
        after = aggregate(sheet, cards)
        star = classify(sheet, after, marker_policy=policy).star
        if star is not None and star.stars >= target:
            gain = sum(c.total for c in after.cards) - sum(c.total for c in council.cards)
            reaching.append((gain, sum(1 for i in combination if i is not None)))
    if now.star is not None and now.star.stars >= target:
        assert advice.steps == ()
        return
    assert advice.reachable == bool(reaching)
    if reaching:
        gained = apply(sheet, council, advice)
        star = classify(sheet, gained, marker_policy=policy).star
        assert star is not None
        assert star.stars >= target
        gain = sum(c.total for c in gained.cards) - sum(c.total for c in council.cards)
        assert (gain, len(advice.steps)) == min(reaching)
        assert advice.expected_score == gained.score  # no member's choice was lowered


def _unmet_up_to(
    sheet: Sheet, council: CouncilResult, target: int, policy: MarkerPolicy
) -> list[Marker]:
    unmet = []
    for marker in sheet.markers:
        if marker.star > target:
            continue
        points = [card.criteria[marker.criterion] for card in council.cards]
        if policy is MarkerPolicy.COUNCIL_MEAN:
            met = sum(points) >= marker.points * len(points)
        else:
            met = min(points) >= marker.points
        if not met:
            unmet.append(marker)
    return unmet


SHEET = make_sheet(
    [(0, 10, 20, 40), (0, 1, 2, 3), (0, 10, 30), (0, 5, 10, 27)],
    markers=[(3, 2, 1), (4, 2, 2), (4, 4, 2)],
    applies_when=(4,),
)


def test_markers_force_their_criteria_to_the_marked_option_first() -> None:
    now = scored(SHEET, [3, 0, 2, 3])  # 40 + 0 + 30 + 27 = 97, but 2 misses its 3★ marker
    assert classify(SHEET, now).star == StarRating(stars=2)
    advice = advise(SHEET, now, 4)
    assert [(s.criterion, s.to_points, s.required_by) for s in advice.steps] == [("2", 2, 3)]
    assert advice.points_to_gain == Decimal("2.00")
    assert advice.expected_score == Decimal("99.00")


def test_the_cheapest_plan_prefers_fewer_points_then_fewer_criteria() -> None:
    now = scored(SHEET, [1, 2, 1, 2])  # 10 + 2 + 10 + 10 = 32: 18 points short of 3★
    advice = advise(SHEET, now, 3)  # 2 → 3 and 4 → 27 gain exactly 18; 3 → 30 alone gains 20
    assert [(s.criterion, s.to_points) for s in advice.steps] == [("2", 3), ("4", 27)]
    assert advice.points_to_gain == Decimal("18.00")
    assert advice.criteria_changed == 2
    advice = advise(SHEET, scored(SHEET, [1, 2, 1, 3]), 3)  # 49: one point short
    assert [(s.criterion, s.to_points) for s in advice.steps] == [("2", 3)]


def test_a_step_reads_as_an_action_in_both_languages() -> None:
    advice = advise(SHEET, scored(SHEET, [1, 2, 1, 3]), 3)
    (step,) = advice.steps
    assert step.describe("en") == "2 Tiêu chí 2: from 2 to 3 points — Phương án 2/3"
    assert step.describe("vi") == "2 Tiêu chí 2: từ 2 lên 3 điểm — Phương án 2/3"
    assert step.from_label == "Phương án 2/2"
    assert advice.explain("en").splitlines() == [
        "p: 49.00 points (2★), target 3★",
        "Gain 1 point on 1 criterion, reaching 50.00:",
        "- 2 Tiêu chí 2: from 2 to 3 points — Phương án 2/3",
    ]


def test_a_forced_step_says_which_star_requires_it() -> None:
    advice = advise(SHEET, scored(SHEET, [3, 0, 2, 3]), 4)
    assert advice.steps[0].describe("en").endswith("(required for 3★)")
    assert advice.steps[0].describe("vi").endswith("(bắt buộc để đạt 3★)")


def test_a_criterion_left_not_applicable_can_be_made_to_apply() -> None:
    now = scored(SHEET, [3, 3, 2, None])  # 73, but 4 misses its 4★ marker
    assert classify(SHEET, now).star == StarRating(stars=3)
    (step,) = advise(SHEET, now, 4).steps
    assert (step.criterion, step.not_applicable, step.to_points) == ("4", True, 10)
    assert step.describe("en") == (
        "4 Tiêu chí 4: from not applicable to 10 points — Phương án 4/2 (required for 4★)"
    )


def test_a_target_beyond_the_best_possible_score_is_unreachable() -> None:
    small = make_sheet([(0, 10, 20), (0, 30)])
    advice = advise(small, scored(small, [0, 0]), 4)
    assert not advice.reachable
    assert advice.best_possible == Decimal("50.00")
    assert advice.reason_en == "4★ is out of reach: the best possible score is 50.00, below 70."
    assert "Không thể đạt 4★" in advice.explain("vi")


def test_an_eliminated_product_cannot_be_advised() -> None:
    eliminating = make_sheet([(0, 10, 60), (0, 40)], eliminates=[(2, 0)])
    advice = advise(eliminating, scored(eliminating, [2, 0]), 3)
    assert not advice.reachable
    assert advice.current_star is None
    assert advice.reason_en == "The dossier is eliminated (criterion 2); it cannot be ranked."


def test_a_marker_only_an_eliminating_option_meets_makes_the_target_unreachable() -> None:
    trap = make_sheet([(0, 40, 60), (0, 5)], markers=[(3, 2, 1)], eliminates=[(2, 1)])
    advice = advise(trap, scored(trap, [2, 0]), 3)
    assert not advice.reachable
    assert advice.reason_en == (
        "3★ is out of reach: criterion 2 has no option that meets its marker without "
        "eliminating the dossier."
    )


def test_a_target_already_reached_needs_no_step() -> None:
    advice = advise(SHEET, scored(SHEET, [3, 3, 2, 3]), 5)
    assert advice.reachable
    assert advice.steps == ()
    assert advice.expected_score == Decimal("100.00")
    assert advice.reason_en == "The product already ranks 5★."


def test_advice_for_a_council_is_given_on_the_criterion_means() -> None:
    council = aggregate(SHEET, [scored(SHEET, [1, 2, 1, 3]), scored(SHEET, [1, 1, 1, 3], "m2")])
    assert council.score == Decimal("48.50")
    advice = advise(SHEET, council, 3)
    (step,) = advice.steps
    assert (step.criterion, step.from_points, step.from_label, step.to_points) == (
        "2",
        Decimal("1.50"),
        None,
        3,
    )
    assert step.gain == Decimal("1.50")
    assert step.describe("en").startswith("2 Tiêu chí 2: from 1.50 to 3 points")


def test_the_781_minima_bind_the_advice_only_when_applied() -> None:
    sheet = rubric.sheet("1048/2019", 5)
    best = {
        code: max(o.points for o in item.options if not o.eliminates)
        for code, item in sheet.criteria.items()
        if item.code != "3.2(2)"
    }
    card = ScoreCard.from_dict(
        {"decision": "1048/2019", "set_no": 5, "member": "m", "product": "p", "choices": best}
    )
    now = score(sheet, card)
    lowered = score(
        sheet,
        ScoreCard.from_dict(
            {
                "decision": "1048/2019",
                "set_no": 5,
                "member": "m",
                "product": "p",
                "choices": best | {"7": 1, "1.1": 1},
            }
        ),
    )
    assert now.total >= lowered.total >= 70
    assert advise(sheet, lowered, 4).steps == ()
    applied = advise(sheet, lowered, 4, minima_781=Minima781.APPLY)
    assert [(s.criterion, s.to_points, s.required_by) for s in applied.steps] == [("7", 3, 4)]


def test_a_bad_target_is_refused() -> None:
    for bad in (0, 6, True, "4"):
        with pytest.raises(InputError) as caught:
            advise(SHEET, scored(SHEET, [0, 0, 0, 0]), bad)  # type: ignore[arg-type]
        assert caught.value.code == "advice.bad_target"


@pytest.mark.parametrize("set_no", range(1, 27))
def test_advice_on_every_26_2026_sheet_reaches_five_stars_from_the_lowest_card(set_no: int) -> None:
    sheet = rubric.sheet("26/2026", set_no)
    lowest: dict[str, object] = {}
    for code, item in sheet.criteria.items():
        if item.alternative_group and not code.endswith("a"):
            continue
        lowest[code] = min(o.points for o in item.options if not o.eliminates)
    card = ScoreCard.from_dict(
        {"decision": "26/2026", "set_no": set_no, "member": "m", "product": "p", "choices": lowest}
    )
    now = score(sheet, card)
    advice = advise(sheet, now, 5)
    assert advice.reachable
    choices = lowest | {step.criterion: {"index": step.to_option} for step in advice.steps}
    after = score(
        sheet,
        ScoreCard.from_dict(
            {
                "decision": "26/2026",
                "set_no": set_no,
                "member": "m",
                "product": "p",
                "choices": choices,
            }
        ),
    )
    assert classify(sheet, after).star == StarRating(stars=5)
    assert Decimal(after.total) == advice.expected_score
    assert all(step.to_points > step.from_points for step in advice.steps)
