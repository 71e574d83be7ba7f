"""Ranking: the band of the final score, capped by the cumulative star markers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop import rubric
from ocop.ranking import (
    Classification,
    MarkerPolicy,
    Minima781,
    classify,
    minimum_criteria_781,
)
from ocop.rating import StarRating
from ocop.rubric.model import Criterion, Marker, Option, Part, Section, Sheet
from ocop.scoring import CardScore, ScoreCard, aggregate, score


def criterion(
    code: str,
    points: Sequence[int],
    *,
    part: str = "A",
    title: str | None = None,
    alt: str | None = None,
    applies_when: str | None = None,
    eliminates: Sequence[int] = (),
) -> Criterion:
    return Criterion(
        code=code,
        title=title or f"Tiêu chí {code}",
        part=part,
        section=code.split(".")[0],
        max_points=max(points),
        options=tuple(
            Option(label=f"Mức {p} của {code}", points=p, eliminates=i in eliminates)
            for i, p in enumerate(points)
        ),
        alternative_group=alt,
        applies_when=applies_when,
    )


def make_sheet(
    criteria: Sequence[Criterion],
    markers: Sequence[tuple[int, str, int]] = (),
    *,
    decision: str = "26/2026",
    name: str = "Bộ thử",
) -> Sheet:
    by_code = {item.code: item for item in criteria}
    layout: dict[str, dict[str, list[Criterion]]] = {}
    for item in criteria:
        layout.setdefault(item.part, {}).setdefault(item.section, []).append(item)

    def section_max(items: list[Criterion]) -> int:
        cases: dict[str, int] = {}
        for item in items:
            if item.alternative_group:
                cases[item.alternative_group] = max(
                    cases.get(item.alternative_group, 0), item.max_points
                )
        return sum(i.max_points for i in items if not i.alternative_group) + sum(cases.values())

    parts = []
    for code, sections in layout.items():
        built = tuple(
            Section(no=no, title=no, max_points=section_max(items), criteria=tuple(items))
            for no, items in sections.items()
        )
        parts.append(
            Part(code=code, title=code, max_points=sum(s.max_points for s in built), sections=built)
        )
    return Sheet(
        decision=decision,
        set_no=1,
        name=name,
        parts=tuple(parts),
        criteria=by_code,
        markers=tuple(
            Marker(
                star=star,
                criterion=code,
                points=points,
                option=by_code[code].option_with_points(points) or 0,
            )
            for star, code, points in sorted(markers)
        ),
    )


def card(
    sheet: Sheet, choices: Mapping[str, object], member: str = "m1", product: str = "p1"
) -> ScoreCard:
    return ScoreCard.from_dict(
        {
            "decision": sheet.decision,
            "set_no": sheet.set_no,
            "member": member,
            "product": product,
            "choices": choices,
        }
    )


# Six criteria worth up to 100: "1.1" carries the bulk, the others carry markers.
SHEET = make_sheet(
    [
        criterion("1.1", tuple(range(61)), title="1.1. Nguồn gốc sản phẩm"),
        criterion("1.5", (0, 1, 2, 3), title="1.5. Liên kết sản xuất"),
        criterion("2.3", (1, 2, 3)),
        criterion("5.1", (0, 1, 5), part="B"),
        criterion("5.2", (0, 1, 3), part="B", applies_when="Chỉ áp dụng khi có câu chuyện"),
        criterion("9", (0, 1, 2, 5), part="C", eliminates=(0,)),
        criterion("8.a", (0, 10, 21), part="C", alt="8"),
        criterion("8.b", (0, 10, 21), part="C", alt="8"),
    ],
    markers=[(3, "2.3", 1), (3, "9", 2), (4, "1.5", 2), (4, "5.2", 1), (5, "9", 5), (4, "8.b", 10)],
)

BEST = {"1.1": 60, "1.5": 3, "2.3": 3, "5.1": 5, "5.2": 3, "9": 5, "8.a": 21}


def ranked(choices: Mapping[str, object]) -> Classification:
    return classify(SHEET, score(SHEET, card(SHEET, choices)))


ONE_CRITERION = make_sheet([criterion("1", tuple(range(101)))])


def council(totals: Sequence[int]) -> Decimal:
    cards = [card(ONE_CRITERION, {"1": total}, member=f"m{i}") for i, total in enumerate(totals)]
    return aggregate(ONE_CRITERION, cards).score


@pytest.mark.parametrize(
    ("totals", "final", "stars"),
    [
        # An Giang, round 1/2022 (ocop.angiang.gov.vn): published finals and their ranks.
        ((71,) * 7, "71.00", 4),
        ((65, 66, 64, 66, 65, 65, 65, 65, 65, 65), "65.10", 3),
        ((50, 51, 50, 50, 50), "50.20", 3),
        ((73, 72, 74, 72, 73), "72.80", 4),
        # National 5-star round 2020: Thoại Sơn / Lộc Trời rice, 91.14.
        ((91, 92, 91, 91, 91, 91, 91), "91.14", 5),
        # Around the thresholds: a mean is cut, never rounded up.
        ((70, 70, 69), "69.66", 3),
        ((70,) * 3, "70.00", 4),
        ((90, 89), "89.50", 4),
        ((50, 49, 50), "49.66", 2),
    ],
)
def test_published_and_threshold_scores_fall_in_their_bands(
    totals: tuple[int, ...], final: str, stars: int
) -> None:
    assert council(totals) == Decimal(final)
    assert StarRating.for_score(council(totals)).stars == stars


def test_a_mean_of_69_995_is_kept_as_69_99_and_ranks_three_stars() -> None:
    totals = [70] * 199 + [69]  # 13,999 / 200 = 69.995
    assert council(totals) == Decimal("69.99")
    result = aggregate(
        ONE_CRITERION,
        [card(ONE_CRITERION, {"1": t}, member=f"m{i}") for i, t in enumerate(totals)],
    )
    assert classify(ONE_CRITERION, result).star == StarRating(stars=3)


def test_a_product_meeting_every_marker_ranks_at_its_band() -> None:
    result = ranked(BEST | {"1.1": 45})  # 45 + 3 + 3 + 5 + 3 + 5 + 21 = 85
    assert result.band == result.star == StarRating(stars=4)
    assert result.unmet == ()
    assert result.certifiable
    assert not result.capped


def test_a_missed_four_star_marker_caps_a_four_star_total_at_three() -> None:
    result = ranked(BEST | {"1.1": 45, "1.5": 1})
    assert result.band == StarRating(stars=4)
    assert result.star == StarRating(stars=3)
    assert result.capped
    assert result.certifiable
    (unmet,) = result.unmet
    assert (unmet.star, unmet.criterion, unmet.points, unmet.reached) == (
        4,
        "1.5",
        2,
        Decimal("1.00"),
    )
    assert unmet.title == "1.5 Liên kết sản xuất"
    assert unmet.option_label == "Mức 2 của 1.5"


def test_a_missed_three_star_marker_gives_two_stars_and_no_certificate() -> None:
    at_the_marks = ranked(BEST | {"1.1": 45, "2.3": 1, "9": 2})
    assert at_the_marks.star == StarRating(stars=4)
    result = ranked(BEST | {"1.1": 45, "9": 1})
    assert result.band == StarRating(stars=4)
    assert result.star == StarRating(stars=2)
    assert not result.certifiable
    assert [(check.star, check.criterion) for check in result.unmet] == [(3, "9")]


def test_markers_are_cumulative_so_a_missed_four_star_marker_caps_a_five_star_band_at_three() -> (
    None
):
    result = ranked(BEST | {"1.5": 1})
    assert result.band == StarRating(stars=5)
    assert result.star == StarRating(stars=3)
    assert [check.star for check in result.unmet] == [4]


def test_markers_above_the_band_are_not_reported() -> None:
    result = ranked(BEST | {"1.1": 40, "9": 2})  # 5★ marker on 9 missed, band 4★
    assert result.band == StarRating(stars=4)
    assert result.star == StarRating(stars=4)
    assert result.unmet == ()


def test_a_band_below_three_stars_is_kept_whatever_the_markers() -> None:
    result = ranked(BEST | {"1.1": 0, "8.a": 0, "2.3": 1, "1.5": 0})
    assert result.band == result.star == StarRating(stars=1)


def test_markers_are_judged_on_the_council_mean_by_default_and_on_every_card_on_request() -> None:
    cards = [
        card(SHEET, BEST | {"1.1": 45, "1.5": 3}, member="m1"),
        card(SHEET, BEST | {"1.1": 45, "1.5": 1}, member="m2"),
    ]
    result = aggregate(SHEET, cards)
    by_mean = classify(SHEET, result)
    assert by_mean.star == StarRating(stars=4)
    by_card = classify(SHEET, result, marker_policy=MarkerPolicy.EVERY_CARD)
    assert by_card.star == StarRating(stars=3)
    assert by_card.unmet[0].members == ("m2",)
    assert by_card.marker_policy is MarkerPolicy.EVERY_CARD


def test_a_marked_criterion_left_not_applicable_misses_its_marker() -> None:
    result = ranked(BEST | {"1.1": 45, "5.2": "n/a"})
    assert result.star == StarRating(stars=3)
    assert [(check.criterion, check.reached) for check in result.unmet] == [
        ("5.2", Decimal("0.00"))
    ]


def test_a_marker_on_an_alternative_case_nobody_chose_does_not_apply() -> None:
    chose_a = ranked(BEST | {"8.a": 0})
    assert chose_a.unmet == ()
    chose_b = ranked({k: v for k, v in BEST.items() if k != "8.a"} | {"1.1": 60, "8.b": 0})
    assert [check.criterion for check in chose_b.unmet] == ["8.b"]


def test_an_eliminating_option_eliminates_the_product_and_names_it() -> None:
    scored = score(SHEET, card(SHEET, BEST | {"9": 0}), allow_elimination=True)
    result = classify(SHEET, scored)
    assert result.star is None
    assert not result.certifiable
    (gone,) = result.eliminated
    assert (gone.member, gone.criterion, gone.option_label) == ("m1", "9", "Mức 0 của 9")
    assert "bị loại" in result.explain("vi")
    assert "eliminates the dossier" in result.explain("en")


def test_the_explanation_names_the_criterion_the_marked_option_and_what_was_reached() -> None:
    result = ranked(BEST | {"1.1": 45, "1.5": 1})
    assert result.explain("en").splitlines() == [
        "p1: 83.00 points, band 4★, ranked 3★ (certifiable).",
        "Unmet minima:",
        "- 4★ marker: 1.5 Liên kết sản xuất needs at least 2 points (Mức 2 của 1.5); reached 1.00",
    ]
    assert result.explain("vi").splitlines()[2] == (
        "- 4★ dấu sao: 1.5 Liên kết sản xuất cần tối thiểu 2 điểm (Mức 2 của 1.5); đạt 1.00"
    )


ANSWERS = st.fixed_dictionaries(
    {
        "1.1": st.integers(0, 60),
        "1.5": st.integers(0, 3),
        "2.3": st.integers(0, 2),
        "5.1": st.integers(0, 2),
        "5.2": st.integers(0, 2),
        "9": st.integers(1, 3),
        "8.a": st.integers(0, 2),
    }
)


def _card_score(answers: dict[str, int], member: str = "m1") -> CardScore:
    return score(SHEET, card(SHEET, {c: {"index": i} for c, i in answers.items()}, member))


@given(ANSWERS, st.sampled_from(("1.1", "1.5", "2.3", "5.1", "5.2", "9", "8.a")))
def test_a_higher_choice_never_gives_fewer_stars_and_the_star_never_exceeds_the_band(
    answers: dict[str, int], raised: str
) -> None:
    top = len(SHEET.criteria[raised].options) - 1
    before = classify(SHEET, _card_score(answers))
    after = classify(SHEET, _card_score(answers | {raised: min(top, answers[raised] + 1)}))
    for result in (before, after):
        assert result.star is not None
        assert result.star <= result.band
    assert after.star is not None
    assert before.star is not None
    assert after.star >= before.star


@given(ANSWERS, ANSWERS, st.sampled_from(list(MarkerPolicy)))
def test_a_council_rank_never_exceeds_its_band_and_every_card_is_the_stricter_policy(
    first: dict[str, int], second: dict[str, int], policy: MarkerPolicy
) -> None:
    result = aggregate(SHEET, [_card_score(first), _card_score(second, "m2")])
    by_policy = classify(SHEET, result, marker_policy=policy)
    assert by_policy.star is not None
    assert by_policy.star <= by_policy.band
    by_mean = classify(SHEET, result, marker_policy=MarkerPolicy.COUNCIL_MEAN)
    every = classify(SHEET, result, marker_policy=MarkerPolicy.EVERY_CARD)
    assert every.star is not None
    assert by_mean.star is not None
    assert every.star <= by_mean.star


# -- QĐ 781/2020 on 1048 sheets ------------------------------------------------------------------

SHEET_1048 = make_sheet(
    [
        criterion("1.1", tuple(range(71))),
        criterion("7", (0, 1, 3, 5), part="C", title="7. TÍNH ĐỘC ĐÁO (Chất lượng: …)"),
        criterion("8.1", (0, 1, 2, 3), part="C", title="8.1. Hồ sơ công bố chất lượng sản phẩm"),
        criterion("9", (0, 1, 2, 3, 4, 5), part="C", title="9. ĐẢM BẢO CHẤT LƯỢNG SẢN PHẨM"),
    ],
    decision="1048/2019",
    name="Chế biến từ rau, củ, quả, hạt",
)
LABELS = {
    "7": ("Trung bình", "Tương đối độc đáo", "Độc đáo", "Rất độc đáo"),
    "8.1": (
        "Không có bản tự công bố (hoặc có nhưng không đúng)",
        "Có bản tự công bố nhưng thiếu",
        "Có bản tiêu chuẩn sản phẩm",
        "Có bản tự công bố (hoặc tương đương), có tiêu chuẩn sản phẩm",
    ),
    "9": (
        "Không có hoạt động kiểm soát chất lượng sản phẩm",
        "Có kế hoạch kiểm soát chất lượng sản phẩm",
        "Có ghi hồ sơ lô sản xuất",
        "Có kế hoạch kiểm soát chất lượng sản phẩm, có ghi hồ sơ lô sản xuất",
        "Có chứng nhận quản lý chất lượng tiên tiến (ISO/GMP/HACCP/…)",
        "Có giấy chứng nhận đủ điều kiện ATTP cho xuất khẩu",
    ),
}


def _with_labels(sheet: Sheet) -> Sheet:
    criteria = {
        code: attrs.evolve(
            item,
            options=tuple(
                attrs.evolve(option, label=LABELS[code][i]) for i, option in enumerate(item.options)
            ),
        )
        if code in LABELS
        else item
        for code, item in sheet.criteria.items()
    }
    parts = tuple(
        attrs.evolve(
            part,
            sections=tuple(
                attrs.evolve(s, criteria=tuple(criteria[c.code] for c in s.criteria))
                for s in part.sections
            ),
        )
        for part in sheet.parts
    )
    return attrs.evolve(sheet, criteria=criteria, parts=parts)


SHEET_1048 = _with_labels(SHEET_1048)


def test_the_781_items_are_read_on_the_matching_criteria_of_a_1048_sheet() -> None:
    items = {item.item: item.marker for item in minimum_criteria_781(SHEET_1048)}
    assert items == {
        "C.3.1": Marker(star=3, criterion="8.1", points=3, option=3),
        "C.3.2": Marker(star=3, criterion="9", points=3, option=3),
        "C.4.2": Marker(star=4, criterion="7", points=3, option=2),
    }
    assert minimum_criteria_781(SHEET) == ()


def test_781_minima_are_reported_but_do_not_cap_the_star_by_default() -> None:
    scored = score(SHEET_1048, card(SHEET_1048, {"1.1": 70, "7": 1, "8.1": 2, "9": 1}))
    result = classify(SHEET_1048, scored)
    assert result.star == result.band == StarRating(stars=4)
    assert [(check.source, check.applied) for check in result.advisory] == [
        ("781 C.3.1", False),
        ("781 C.3.2", False),
        ("781 C.4.2", False),
    ]
    assert {note.code for note in result.notes} == {"781.incomplete", "781.advisory"}
    assert "QĐ 781/2020 item C.3.1" in result.explain("en")


def test_applying_the_781_minima_caps_the_star_like_markers() -> None:
    scored = score(SHEET_1048, card(SHEET_1048, {"1.1": 70, "7": 1, "8.1": 3, "9": 3}))
    result = classify(SHEET_1048, scored, minima_781=Minima781.APPLY)
    assert result.band == StarRating(stars=4)
    assert result.star == StarRating(stars=3)
    assert [check.source for check in result.unmet] == ["781 C.4.2"]
    assert result.advisory == ()


EXPECTED_781 = {
    # set: {item: (criterion, minimum points)} on the bundled QĐ 1048/2019 sheets.
    **{n: {"C.3.1": ("9.1", 2), "C.3.2": ("10", 3), "C.4.2": ("8", 3)} for n in (1, 3, 4)},
    2: {"C.3.1": ("9.1", 2), "C.3.2": ("10", 3), "C.4.2": ("7", 3)},
    **{
        n: {"C.3.1": ("8.1", 3), "C.3.2": ("9", 3), "C.4.2": ("7", 3)}
        for n in (5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18)
    },
    17: {"C.3.1": ("8.1", 3), "C.3.2": ("9", 3), "C.4.2": ("7", 5)},
    19: {"C.3.1": None, "C.3.2": ("12", 3), "C.4.2": ("11", 3)},
    20: {"C.3.1": ("6", 1), "C.3.2": ("12", 3), "C.4.2": ("10", 3)},
    **{n: {"C.3.1": ("6", 1), "C.3.2": ("12", 3), "C.4.2": ("11", 3)} for n in (21, 22)},
    **{n: {"C.2": None, "C.3.1": ("7", 3), "C.3.3": ("6.1", 3)} for n in (23, 24)},
    25: {"C.2": None, "C.3.1": None, "C.3.2": None, "C.4.2": None},
    26: {},
}


def test_the_781_items_read_on_each_bundled_1048_sheet_are_the_documented_ones() -> None:
    found = {
        set_no: {
            item.item: item.marker and (item.marker.criterion, item.marker.points)
            for item in minimum_criteria_781(sheet)
        }
        for set_no, sheet in rubric.load("1048/2019").sheets.items()
    }
    assert found == EXPECTED_781


def test_a_1048_textile_sheet_notes_the_781_items_it_cannot_check() -> None:
    sheet = rubric.sheet("1048/2019", 25)
    best = {
        code: max(o.points for o in item.options if not o.eliminates)
        for code, item in sheet.criteria.items()
        if not item.alternative_group or item.code.endswith("(1)")
    }
    result = classify(sheet, score(sheet, card(sheet, best)))
    assert [note.code for note in result.notes] == ["781.incomplete"] + ["781.not_readable"] * 4


# -- real 26/2026 sheets -------------------------------------------------------------------------


def _real_card(sheet: Sheet, changes: dict[str, int]) -> CardScore:
    best = {
        code: max(o.points for o in item.options if not o.eliminates)
        for code, item in sheet.criteria.items()
    }
    return score(sheet, card(sheet, best | changes))


def test_a_real_26_2026_sheet_caps_a_four_star_total_at_three_for_a_missed_four_star_marker() -> (
    None
):
    sheet = rubric.sheet("26/2026", 1)
    # Lower the best card to a 4★ total with linkage 1.5 below its 4★ marker (2 points).
    scored = _real_card(sheet, {"1.5": 1, "4.1": 3, "1.3": 2, "12": 1, "4.3": 2, "4.2": 1})
    assert scored.total == 88
    assert 70 <= scored.total < 90
    result = classify(sheet, scored)
    assert result.band == StarRating(stars=4)
    assert result.star == StarRating(stars=3)
    assert [(c.star, c.criterion) for c in result.unmet] == [(4, "1.5")]
    assert result.unmet[0].option_label == "Có hợp đồng liên kết trên 75% sản lượng tiêu thụ"


def test_a_real_26_2026_sheet_caps_a_five_star_total_at_two_for_a_missed_three_star_marker() -> (
    None
):
    sheet = rubric.sheet("26/2026", 1)
    scored = _real_card(sheet, {"9": 4, "10": 3, "4.1": 3, "3.5": 2, "2.2": 0})
    assert scored.total == 91
    result = classify(sheet, scored)
    assert result.band == StarRating(stars=5)
    assert result.star == StarRating(stars=2)
    assert not result.certifiable
    assert [(c.star, c.criterion) for c in result.unmet] == [(3, "2.2"), (5, "4.1")]
    assert result.unmet[0].option_label == "Đóng gói sáng tạo, bao bì đẹp"


def test_every_bundled_sheet_ranks_its_best_card_five_stars() -> None:
    for decision in ("148/2023", "26/2026"):
        for set_no in range(1, 27):
            sheet = rubric.sheet(decision, set_no)
            choices: dict[str, int] = {}
            for code, item in sheet.criteria.items():
                if item.alternative_group and code[-1] not in "a1(":
                    continue
                choices[code] = max(o.points for o in item.options if not o.eliminates)
            result = classify(sheet, score(sheet, card(sheet, choices)))
            assert result.star == StarRating(stars=5), (decision, set_no, result.unmet)


@pytest.mark.parametrize(
    ("changes", "code", "path"),
    [
        ({"score": Decimal("101")}, "result.bad_score", "$.score"),
        ({"score": Decimal("71.005")}, "result.bad_score", "$.score"),
        ({"score": Decimal("NaN")}, "result.bad_score", "$.score"),
        ({"band": StarRating(stars=5)}, "result.band_mismatch", "$.band"),
        ({"star": StarRating(stars=5)}, "result.star_above_band", "$.star"),
    ],
)
def test_a_ranking_that_classify_could_not_have_given_is_refused(changes, code, path):
    from ocop.errors import InputError

    fields = {
        "decision": "26/2026",
        "set_no": 1,
        "product": "p",
        "score": Decimal("71.00"),
        "band": StarRating(stars=4),
        "star": StarRating(stars=4),
        "unmet": (),
    }
    with pytest.raises(InputError) as caught:
        Classification(**{**fields, **changes})
    assert (code, path) in {(p.code, p.path) for p in caught.value.problems}


@given(ANSWERS, ANSWERS, st.sampled_from(list(MarkerPolicy)), st.sampled_from(list(Minima781)))
def test_classify_gives_the_ranking_the_constructor_would_build_from_the_same_fields(
    first: dict[str, int], second: dict[str, int], policy: MarkerPolicy, minima: Minima781
) -> None:
    result = aggregate(SHEET, [_card_score(first), _card_score(second, "m2")])
    ranked = classify(SHEET, result, marker_policy=policy, minima_781=minima)
    built = Classification(**attrs.asdict(ranked, recurse=False))
    assert ranked == built
    assert repr(ranked) == repr(built)
    assert type(ranked) is Classification


@pytest.mark.parametrize("score_", [Decimal("101"), Decimal("71.005"), Decimal("-1")])
def test_classify_refuses_a_council_whose_score_no_ranking_can_hold_as_the_constructor_does(
    score_: Decimal, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ocop import ranking
    from ocop.errors import InputError

    answers = {"1.1": 40, "1.5": 1, "2.3": 1, "5.1": 1, "5.2": 1, "9": 1, "8.a": 1}
    council = attrs.evolve(aggregate(SHEET, [_card_score(answers)]), score=score_)
    with pytest.raises(InputError) as caught:
        classify(SHEET, council)
    monkeypatch.setattr(ranking, "_DIRECT", False)
    with pytest.raises(InputError) as built:
        classify(SHEET, council)
    assert caught.value.problems == built.value.problems
    assert caught.value.problems
