"""Score cards, scoring against a sheet, and a council's averaged result."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop import rubric
from ocop.errors import ScoreCardError
from ocop.rubric.model import Criterion, Option, Part, Section, Sheet
from ocop.scoring import (
    NOT_APPLICABLE,
    CardScore,
    Choice,
    ScoreCard,
    aggregate,
    score,
    validate_card,
)


def criterion(
    code: str,
    points: Sequence[int],
    *,
    part: str = "A",
    section: str = "1",
    alt: str | None = None,
    applies_when: str | None = None,
    eliminates: Sequence[int] = (),
) -> Criterion:
    options = tuple(
        Option(label=f"{code} mức {points_}", points=points_, eliminates=i in eliminates)
        for i, points_ in enumerate(points)
    )
    return Criterion(
        code=code,
        title=f"Tiêu chí {code}",
        part=part,
        section=section,
        max_points=max(points),
        options=options,
        alternative_group=alt,
        applies_when=applies_when,
    )


def make_sheet(criteria: Sequence[Criterion], *, decision: str = "26/2026") -> Sheet:
    layout: dict[str, dict[str, list[Criterion]]] = {}
    for item in criteria:
        layout.setdefault(item.part, {}).setdefault(item.section, []).append(item)

    def section_max(items: list[Criterion]) -> int:
        alternatives: dict[str, int] = {}
        plain = 0
        for item in items:
            if item.alternative_group is None:
                plain += item.max_points
            else:
                group = item.alternative_group
                alternatives[group] = max(alternatives.get(group, 0), item.max_points)
        return plain + sum(alternatives.values())

    parts = []
    for code, sections in layout.items():
        built = tuple(
            Section(no=no, title=f"{no}. MỤC", max_points=section_max(items), criteria=tuple(items))
            for no, items in sections.items()
        )
        parts.append(
            Part(
                code=code,
                title=f"Phần {code}",
                max_points=sum(s.max_points for s in built),
                sections=built,
            )
        )
    return Sheet(
        decision=decision,
        set_no=1,
        name="Bộ thử",
        parts=tuple(parts),
        criteria={item.code: item for item in criteria},
        markers=(),
    )


SHEET = make_sheet(
    [
        criterion("1.1", (1, 2, 3)),
        criterion("1.2", (0, 1, 2, 3)),
        criterion("2.1", (0, 2, 5), section="2"),
        criterion("5.1", (0, 3, 5), part="B", section="5"),
        criterion(
            "5.2", (0, 1, 2), part="B", section="5", applies_when="Chỉ áp dụng khi có câu chuyện"
        ),
        criterion("8.a", (0, 2, 4), part="C", section="8", alt="8"),
        criterion("8.b", (1, 4), part="C", section="8", alt="8"),
        criterion("9", (0, 3, 5), part="C", section="9", eliminates=(0,)),
    ]
)


def card(choices: Mapping[str, object], *, member: str = "m1", product: str = "p1") -> ScoreCard:
    return ScoreCard.from_dict(
        {
            "decision": "26/2026",
            "set_no": 1,
            "member": member,
            "product": product,
            "choices": choices,
        }
    )


GOOD = {"1.1": 3, "1.2": 2, "2.1": 5, "5.1": 3, "5.2": 1, "8.a": 4, "9": 5}


def codes(error: ScoreCardError) -> list[tuple[str, str]]:
    return [(problem.code, problem.path) for problem in error.problems]


def test_a_card_scores_the_points_of_each_chosen_option_by_section_part_and_total() -> None:
    result = score(SHEET, card(GOOD))
    assert result.criteria == {"1.1": 3, "1.2": 2, "2.1": 5, "5.1": 3, "5.2": 1, "8.a": 4, "9": 5}
    assert result.sections == {"1": 5, "2": 5, "5": 4, "8": 4, "9": 5}
    assert result.parts == {"A": 10, "B": 4, "C": 9}
    assert result.total == 23
    assert result.options["1.1"] == 2


def test_an_option_named_by_its_position_scores_like_one_named_by_its_points() -> None:
    by_position = dict(GOOD, **{"1.1": {"index": 2}, "1.2": {"points": 2}})
    assert score(SHEET, card(by_position)) == score(SHEET, card(GOOD))


def test_a_criterion_with_a_printed_condition_may_be_not_applicable_and_scores_zero() -> None:
    result = score(SHEET, card(dict(GOOD, **{"5.2": "n/a"})))
    assert result.not_applicable == {"5.2"}
    assert "5.2" not in result.criteria
    assert result.total == 22


def test_not_applicable_on_a_criterion_that_always_applies_is_refused() -> None:
    with pytest.raises(ScoreCardError) as caught:
        score(SHEET, card(dict(GOOD, **{"1.1": None})))
    assert codes(caught.value) == [("card.always_applies", '$.choices["1.1"]')]


def test_every_problem_of_a_card_is_reported_at_once() -> None:
    choices = {"1.1": 4, "1.2": {"index": 9}, "2.1": 5, "5.1": "n/a", "7.7": 1}
    choices |= {"5.2": 1, "8.a": 2, "8.b": 4}
    with pytest.raises(ScoreCardError) as caught:
        validate_card(SHEET, card(choices))
    assert codes(caught.value) == [
        ("card.no_such_option", '$.choices["1.1"]'),
        ("card.no_such_option", '$.choices["1.2"]'),
        ("card.always_applies", '$.choices["5.1"]'),
        ("card.unknown_criterion", '$.choices["7.7"]'),
        ("card.missing_criterion", '$.choices["9"]'),
        ("card.alternative_answered_twice", '$.choices["8.b"]'),
    ]
    assert "1, 2, 3" in caught.value.problems[0].message_vi


def test_problems_carry_messages_in_vietnamese_and_english() -> None:
    with pytest.raises(ScoreCardError) as caught:
        score(SHEET, card(dict(GOOD, **{"1.1": 4})))
    problem = caught.value.problems[0]
    assert problem.message("vi").startswith("Tiêu chí 1.1 không có phương án này")
    assert problem.message("en").startswith("criterion 1.1 has no such option")
    assert problem.value == 4


def test_an_alternative_group_left_unanswered_is_reported() -> None:
    choices = {key: value for key, value in GOOD.items() if key != "8.a"}
    with pytest.raises(ScoreCardError) as caught:
        score(SHEET, card(choices))
    assert codes(caught.value) == [("card.alternative_unanswered", '$.choices["8.a"]')]


def test_only_the_answered_case_of_an_alternative_group_counts() -> None:
    other_case = {key: value for key, value in GOOD.items() if key != "8.a"} | {"8.b": 1}
    result = score(SHEET, card(other_case | {"8.a": "n/a"}))
    assert result.sections["8"] == 1
    assert "8.a" not in result.criteria
    assert "8.a" not in result.not_applicable


def test_a_criterion_chosen_twice_in_raw_pairs_is_reported_with_the_sheet_problems() -> None:
    pairs = [*GOOD.items(), ("1.1", 1), ("2.2", 1)]
    with pytest.raises(ScoreCardError) as caught:
        ScoreCard.from_pairs(
            decision="26/2026", set_no=1, member="m", product="p", pairs=pairs, sheet=SHEET
        )
    assert codes(caught.value) == [
        ("card.duplicate_choice", '$.choices["1.1"]'),
        ("card.unknown_criterion", '$.choices["2.2"]'),
    ]


def test_a_card_for_another_sheet_is_refused() -> None:
    other = ScoreCard.from_dict(
        {"decision": "148/2023", "set_no": 1, "member": "m", "product": "p", "choices": GOOD}
    )
    with pytest.raises(ScoreCardError) as caught:
        score(SHEET, other)
    assert caught.value.code == "card.wrong_sheet"


def test_an_eliminating_option_is_refused_unless_elimination_is_allowed() -> None:
    eliminating = card(dict(GOOD, **{"9": 0}))
    with pytest.raises(ScoreCardError) as caught:
        score(SHEET, eliminating)
    assert codes(caught.value) == [("card.eliminated", '$.choices["9"]')]
    assert score(SHEET, eliminating, allow_elimination=True).eliminated == ("9",)


def test_points_shared_by_an_eliminating_and_another_option_must_be_named_by_position() -> None:
    shared = make_sheet([criterion("6.1", (0, 0, 2), eliminates=(0,))])
    choices = {"decision": "26/2026", "set_no": 1, "member": "m", "product": "p"}
    with pytest.raises(ScoreCardError) as caught:
        score(shared, ScoreCard.from_dict(choices | {"choices": {"6.1": 0}}))
    assert caught.value.code == "card.ambiguous_points"
    named = ScoreCard.from_dict(choices | {"choices": {"6.1": {"index": 1}}})
    assert score(shared, named).total == 0


def test_reading_a_card_reports_every_malformed_field_and_choice() -> None:
    with pytest.raises(ScoreCardError) as caught:
        ScoreCard.from_dict(
            {"decision": "", "set_no": 27, "member": 5, "choices": {"1.1": True, "1.2": -1}},
            path="$.cards[3]",
        )
    assert sorted(codes(caught.value)) == [
        ("card.bad_choice", '$.cards[3].choices["1.1"]'),
        ("card.bad_choice", '$.cards[3].choices["1.2"]'),
        ("card.bad_field", "$.cards[3].decision"),
        ("card.bad_field", "$.cards[3].member"),
        ("card.bad_field", "$.cards[3].product"),
        ("card.bad_field", "$.cards[3].set_no"),
    ]


def test_a_choice_is_read_from_its_points_its_position_or_not_applicable() -> None:
    assert Choice.parse(3) == Choice(points=3)
    assert Choice.parse({"points": 40}) == Choice(points=40)
    assert Choice.parse({"index": 1}) == Choice(index=1)
    assert Choice.parse("Không áp dụng") is NOT_APPLICABLE
    assert Choice.parse(None) is NOT_APPLICABLE
    for bad in (True, -1, 2.5, "ba", {"index": 1, "points": 2}, {"rank": 1}):
        with pytest.raises(ScoreCardError):
            Choice.parse(bad)
    with pytest.raises(ScoreCardError):
        Choice(points=1, index=0)


def test_member_and_product_are_normalised_to_nfc() -> None:
    scored = card(GOOD, member=" Nguye\u0302\u0303n ")
    assert scored.member == "Nguyễn"


def test_the_council_score_is_the_mean_of_the_members_totals_cut_at_two_decimals() -> None:
    sheet = make_sheet([criterion("1", tuple(range(101)))])
    cards = [card({"1": total}, member=f"m{i}") for i, total in enumerate((70, 70, 69))]
    result = aggregate(sheet, cards)
    assert result.score == Decimal("69.66")
    assert result.criterion_means == {"1": Decimal("69.66")}
    assert result.spread == 1
    assert result.members == ("m0", "m1", "m2")
    assert [scored.total for scored in result.cards] == [70, 70, 69]


def test_a_council_accepts_cards_already_scored() -> None:
    scored = score(SHEET, card(GOOD))
    result = aggregate(SHEET, [scored, card(GOOD, member="m2")])
    assert result.score == Decimal("23.00")


def test_every_cards_problems_are_reported_under_its_position() -> None:
    cards = [card(GOOD), card(dict(GOOD, **{"1.1": 9}), member="m2"), card({}, member="m3")]
    with pytest.raises(ScoreCardError) as caught:
        aggregate(SHEET, cards)
    paths = [problem.path for problem in caught.value.problems]
    assert paths[0] == '$.cards[1].choices["1.1"]'
    assert all(path.startswith("$.cards[2]") for path in paths[1:])
    assert len(paths) == 1 + 7


def test_cards_of_several_products_or_a_member_twice_are_refused() -> None:
    cards = [card(GOOD), card(GOOD, product="p2", member="m2"), card(GOOD)]
    with pytest.raises(ScoreCardError) as caught:
        aggregate(SHEET, cards)
    assert [problem.code for problem in caught.value.problems] == [
        "council.mixed_products",
        "council.duplicate_member",
    ]


def test_a_council_without_cards_is_refused() -> None:
    with pytest.raises(ScoreCardError) as caught:
        aggregate(SHEET, [])
    assert caught.value.code == "council.no_cards"


def test_criterion_means_count_not_applicable_as_zero_and_only_the_cards_of_a_case() -> None:
    first = card(GOOD | {"5.2": 2})
    second = card(
        {k: v for k, v in GOOD.items() if k != "8.a"} | {"5.2": "n/a", "8.b": 1}, member="m2"
    )
    result = aggregate(SHEET, [first, second])
    assert result.criterion_means["5.2"] == Decimal("1.00")
    assert result.answered["8.a"] == 1
    assert result.criterion_means["8.a"] == Decimal("4.00")
    assert result.criterion_means["8.b"] == Decimal("1.00")
    assert result.score == Decimal("21.50")


ANSWERS = st.fixed_dictionaries(
    {
        code: st.integers(min_value=0, max_value=len(item.options) - 1)
        for code, item in SHEET.criteria.items()
        if code not in {"8.b", "9"}
    }
)


@given(ANSWERS, st.sampled_from(sorted(set(SHEET.criteria) - {"8.b"})))
def test_raising_one_choice_never_lowers_the_total(answers: dict[str, int], raised: str) -> None:
    answers = answers | {"9": 1}
    before = score(SHEET, card({code: {"index": i} for code, i in answers.items()}))
    top = len(SHEET.criteria[raised].options) - 1
    higher = answers | {raised: min(answers[raised] + 1, top)}
    after = score(SHEET, card({code: {"index": i} for code, i in higher.items()}))
    assert after.total >= before.total
    assert after.total == sum(after.parts.values()) == sum(after.sections.values())
    assert after.total <= SHEET.max_points


def _best_card(sheet: Sheet) -> dict[str, object]:
    """The highest option of every criterion, the best case of each alternative group."""
    choices: dict[str, object] = {}
    best_case: dict[str, Criterion] = {}
    for item in sheet.criteria.values():
        if item.alternative_group is None:
            choices[item.code] = _top(item)
        elif item.alternative_group not in best_case or _top(item) > _top(
            best_case[item.alternative_group]
        ):
            best_case[item.alternative_group] = item
    for item in best_case.values():
        choices[item.code] = _top(item)
    return choices


def _top(item: Criterion) -> int:
    return max(option.points for option in item.options)


AVAILABLE = [
    (decision, set_no)
    for decision in ("1048/2019", "148/2023", "26/2026")
    for set_no, sheet in rubric.load(decision).sheets.items()
    if sheet.available
]


@pytest.mark.parametrize(("decision", "set_no"), AVAILABLE)
def test_the_best_options_of_a_real_sheet_score_its_attainable_maximum(
    decision: str, set_no: int
) -> None:
    sheet = rubric.sheet(decision, set_no)
    best = ScoreCard.from_dict(
        {
            "decision": decision,
            "set_no": set_no,
            "member": "m",
            "product": "p",
            "choices": _best_card(sheet),
        }
    )
    result = score(sheet, best)
    assert result.total == sheet.max_points - sheet.unattainable_points
    assert result.parts == {
        part.code: part.max_points
        - part.unattainable_points
        - sum(
            section.unattainable_points + sum(c.unattainable_points for c in section.criteria)
            for section in part.sections
        )
        for part in sheet.parts
    }


def test_all_seventy_eight_sheets_can_be_scored() -> None:
    assert len(AVAILABLE) == 78
    assert ("1048/2019", 3) in AVAILABLE


def test_a_card_on_a_sheet_with_no_known_text_is_refused() -> None:
    rice = rubric.load("1048/2019").sheet(3)
    empty = attrs.evolve(rice, parts=(), criteria={}, available=False)
    blank = ScoreCard.from_dict(
        {"decision": "1048/2019", "set_no": 3, "member": "m", "product": "p", "choices": {}}
    )
    with pytest.raises(ScoreCardError) as caught:
        score(empty, blank)
    assert caught.value.code == "card.empty_sheet"


def test_a_real_26_2026_card_names_its_linkage_option_by_the_printed_points() -> None:
    sheet = rubric.sheet("26/2026", 1)
    choices = {
        code: min(option.points for option in item.options if not option.eliminates)
        for code, item in sheet.criteria.items()
    }
    result = score(
        sheet,
        ScoreCard.from_dict(
            {
                "decision": "26/2026",
                "set_no": 1,
                "member": "m",
                "product": "p",
                "choices": choices | {"1.5": 2, "5.2": "n/a"},
            }
        ),
    )
    assert result.criteria["1.5"] == 2
    assert result.options["1.5"] == 2
    assert isinstance(result, CardScore)
