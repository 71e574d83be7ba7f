"""A plain card is scored by a quick sum; every result must be the full check's, exactly."""

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocop import OcopError, ScoreCard, aggregate, classify, rubric, score, scoring
from ocop import json as ocop_json
from ocop.ranking import MarkerPolicy
from ocop.rubric.model import FrozenMap

SHEETS = [
    (decision, set_no)
    for decision in ("1048/2019", "148/2023", "26/2026")
    for set_no in range(1, 27)
]


@st.composite
def councils(draw):
    decision, set_no = draw(st.sampled_from(SHEETS))
    sheet = rubric.sheet(decision, set_no)
    size = draw(st.integers(min_value=1, max_value=4))
    cards = []
    for member in range(size):
        choices = {}
        seen_groups = set()
        # Most cards are plain (every criterion, one case per alternative, printed points);
        # the others stray in every way a paper card can.
        stray = draw(st.integers(min_value=0, max_value=3)) == 0
        for code, criterion in sheet.criteria.items():
            if criterion.alternative_group is not None:
                if criterion.alternative_group in seen_groups and (
                    not stray or draw(st.booleans())
                ):
                    continue
                seen_groups.add(criterion.alternative_group)
            form = draw(st.integers(min_value=0, max_value=9)) if stray else 9
            if form == 0:
                continue  # a missing criterion: the full check reports it
            if form == 1:
                choices[code] = "n/a"
            elif form == 2:
                choices[code] = {"index": draw(st.integers(0, len(criterion.options)))}
            else:
                options = criterion.options
                if not stray:
                    options = tuple(o for o in options if not o.eliminates) or options
                choices[code] = draw(st.sampled_from(options)).points
        if stray and draw(st.booleans()):
            choices["99.9"] = 1  # an unknown criterion
        cards.append(
            {
                "decision": decision,
                "set_no": set_no,
                "member": f"m{member}",
                "product": "p",
                "choices": choices,
            }
        )
    return sheet, cards


def outcome(sheet, raw_cards):
    cards = [ocop_json.load("score_card", card) for card in raw_cards]
    try:
        result = aggregate(sheet, cards, allow_elimination=True)
    except OcopError as error:
        return ("refused", [(p.path, p.code) for p in error.problems])
    # Ranked first, before any of the council's mappings or cards is read.
    every = classify(sheet, result, marker_policy=MarkerPolicy.EVERY_CARD)
    mean = classify(sheet, result)
    return (
        "scored",
        repr(mean),
        repr(every),
        mean.explain("en"),
        repr(result),
        dict(result.criterion_totals),
        [dict(card.sections) for card in result.cards],
    )


@settings(max_examples=150, deadline=None)
@given(councils())
def test_the_quick_sum_gives_exactly_what_the_full_check_gives(council):
    sheet, raw_cards = council
    quick = outcome(sheet, raw_cards)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scoring, "_PLAIN_CARD_SCORE", False)
        full = outcome(sheet, raw_cards)
    assert quick == full


def test_a_council_summed_by_columns_makes_its_scored_cards_only_when_read():
    sheet = rubric.sheet("26/2026", 6)
    cards = [
        ScoreCard.from_dict(
            {
                "decision": "26/2026",
                "set_no": 6,
                "member": f"tv-{member}",
                "product": "p",
                "choices": {
                    code: {"index": kept[-1 - member % min(2, len(kept))]}
                    for code, criterion in sheet.criteria.items()
                    for kept in [[i for i, o in enumerate(criterion.options) if not o.eliminates]]
                },
            }
        )
        for member in range(5)
    ]
    council = aggregate(sheet, cards)
    assert scoring.cards_unmade(council)
    ranked = classify(sheet, council, marker_policy=MarkerPolicy.EVERY_CARD)
    assert ranked.unmet, "some members are below a marker"
    assert scoring.cards_unmade(council), "a ranking makes no scored card"
    unmade = scoring.card_totals(council)
    assert scoring.cards_unmade(council), "the members' totals make no scored card"
    assert council.cards == tuple(score(sheet, card) for card in cards)
    assert unmade == scoring.card_totals(council) == tuple(score(sheet, c).total for c in cards)
    assert not scoring.cards_unmade(council)
    assert pickle.loads(pickle.dumps(council)) == council
    assert council.members == tuple(f"tv-{member}" for member in range(5))


def test_a_council_summed_by_columns_is_read_only_and_hashes_as_the_full_check_s():
    sheet = rubric.sheet("148/2023", 2)
    cards = [
        ScoreCard.from_dict(
            {
                "decision": "148/2023",
                "set_no": 2,
                "member": f"tv-{member}",
                "product": "p",
                "choices": {
                    code: {"index": kept[member % len(kept)]}
                    for code, criterion in sheet.criteria.items()
                    for kept in [[i for i, o in enumerate(criterion.options) if not o.eliminates]]
                },
            }
        )
        for member in range(3)
    ]
    council = aggregate(sheet, cards)
    assert scoring.cards_unmade(council)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scoring, "_PLAIN_CARD_SCORE", False)
        full = aggregate(sheet, cards)
    assert hash(council) == hash(full)
    assert council == full
    with pytest.raises(AttributeError):
        council.cards = ()  # type: ignore[misc]
    for card in council.cards:
        for mapping in (card.criteria, card.options, card.sections, card.parts):
            assert isinstance(mapping, FrozenMap)
            with pytest.raises(TypeError):
                mapping["x"] = 1  # type: ignore[index]
    assert isinstance(council.criterion_totals, FrozenMap)
    assert isinstance(council.answered, FrozenMap)
