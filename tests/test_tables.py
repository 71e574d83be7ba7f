"""Score cards and records from tables: rows, pandas DataFrames, CSV files read by pandas.

The cards are An Giang's illustrative 2020 cards (``ocop/examples/an_giang_2020``); the
26/2026 sheet of set 1 is used where every criterion code looks like a number.
"""

import io
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop import InputError, ScoreCardError, rubric, score
from ocop.demo import PUBLISHED_STARS, load_example
from ocop.tables import (
    cards_from_frame,
    cards_from_rows,
    cards_from_wide,
    code_of,
    from_frame,
    from_rows,
    points_of,
    to_frame,
)


def an_giang_cards():
    return load_example("score_card", "cards.jsonl")


def long_rows(cards):
    return [
        {
            "product": card.product,
            "member": card.member,
            "criterion": code,
            "points": choice.points if choice.points is not None else "n/a",
        }
        for card in cards
        for code, choice in card.choices.items()
    ]


def full_card_rows(sheet, member="m1", product="p1"):
    """One valid card for ``sheet``: each criterion's best option with unique points."""
    rows = []
    chosen_groups = set()
    for criterion in sheet.criteria.values():
        if criterion.alternative_group is not None:
            if criterion.alternative_group in chosen_groups:
                continue
            chosen_groups.add(criterion.alternative_group)
        points = [option.points for option in criterion.options]
        best = max(p for p in points if points.count(p) == 1)
        rows.append(
            {"product": product, "member": member, "criterion": criterion.code, "points": best}
        )
    return rows


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (3, 3),
        (3.0, 3),
        ("3", 3),
        (" 3.0 ", 3),
        (Decimal("3"), 3),
        (np.int64(3), 3),
        (np.float64(3.0), 3),
        (np.float32(2.0), 2),
        ("n/a", "n/a"),
        ("Không áp dụng", "n/a"),
        (None, None),
        ("", None),
        (float("nan"), None),
        (np.float32("nan"), None),
        (pd.NA, None),
    ],
    ids=repr,
)
def test_lossless_forms_of_points_are_read_and_blanks_are_no_choice(cell, expected):
    assert points_of(cell) == expected


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        (2.5, "table.points_not_whole"),
        (np.float64(2.5), "table.points_not_whole"),
        ("2.5", "table.bad_points"),
        (True, "table.bad_points"),
        (-1, "table.bad_points"),
        ("three", "table.bad_points"),
    ],
    ids=repr,
)
def test_lossy_or_meaningless_points_are_refused_with_their_place(cell, code):
    with pytest.raises(ScoreCardError) as caught:
        points_of(cell, "$[4].points")
    assert (caught.value.code, caught.value.path) == (code, "$[4].points")
    assert caught.value.message("vi")
    assert caught.value.message("en")


def test_a_criterion_code_read_as_a_float_asks_for_the_column_as_text():
    with pytest.raises(ScoreCardError) as caught:
        code_of(1.1, "$[0].criterion")
    assert caught.value.code == "table.code_as_number"
    assert "dtype=str" in caught.value.message("en")
    assert "1.10" in caught.value.message("en")
    assert code_of(np.int64(7)) == "7"
    assert code_of("1.10") == "1.10"


def test_the_an_giang_cards_come_back_whole_from_long_rows():
    cards = an_giang_cards()
    products = load_example("product", "products.json")
    assert cards_from_rows(long_rows(cards), products=products) == cards


def test_a_blank_cell_is_never_read_as_zero():
    sheet = rubric.sheet("26/2026", 1)
    rows = full_card_rows(sheet)
    rows[3]["points"] = float("nan")
    with pytest.raises(ScoreCardError) as caught:
        cards_from_rows(rows, decision="26/2026", set_no=1)
    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("card.missing_criterion", "$[3].points")
    ]
    # Without the sheet's check, the card simply has no choice there.
    (card,) = cards_from_rows(rows, decision="26/2026", set_no=1, check=False)
    assert rows[3]["criterion"] not in card.choices


def test_every_bad_cell_of_a_table_is_reported_at_once_with_its_row_and_column():
    sheet = rubric.sheet("26/2026", 1)
    rows = full_card_rows(sheet)
    rows[0]["points"] = 2.5
    rows[1]["criterion"] = 1.2
    rows[2]["points"] = 99
    rows.append(dict(rows[5]))
    with pytest.raises(ScoreCardError) as caught:
        cards_from_rows(rows, decision="26/2026", set_no=1)
    found = {(p.code, p.path) for p in caught.value.problems}
    assert ("table.points_not_whole", "$[0].points") in found
    assert ("table.code_as_number", "$[1].criterion") in found


def test_a_card_with_readable_cells_is_checked_against_its_sheet_at_the_cells():
    sheet = rubric.sheet("26/2026", 1)
    rows = full_card_rows(sheet)
    rows[2]["points"] = 99
    rows.append(dict(rows[5]))
    rows.append({"product": "p1", "member": "m1", "criterion": "42", "points": 1})
    with pytest.raises(ScoreCardError) as caught:
        cards_from_rows(rows, decision="26/2026", set_no=1)
    found = [(p.code, p.path) for p in caught.value.problems]
    assert ("card.duplicate_choice", f"$[{len(rows) - 2}].points") in found
    assert ("card.no_such_option", "$[2].points") in found
    assert ("card.unknown_criterion", f"$[{len(rows) - 1}].points") in found


def test_a_table_without_a_sheet_says_which_product_needs_one():
    with pytest.raises(ScoreCardError) as caught:
        cards_from_rows([{"product": "p9", "member": "m1", "criterion": "1.1", "points": 1}])
    assert (caught.value.code, caught.value.path) == ("table.unknown_sheet", "$[0].product")


def test_columns_are_found_under_their_vietnamese_names():
    rows = [
        {
            "Sản phẩm": "p1",
            "Thành viên": "m1",
            "Mã tiêu chí": "1.1",
            "Điểm": 3,
            "Quyết định": "QĐ 26/2026/QĐ-TTg",
            "Bộ sản phẩm": 1.0,
        }
    ]
    (card,) = cards_from_rows(rows, check=False)
    assert (card.decision, card.set_no, card.member, dict(card.choices)["1.1"].points) == (
        "26/2026",
        1,
        "m1",
        3,
    )


def test_a_csv_read_by_pandas_with_default_dtypes_is_read_or_refused_as_it_deserves():
    sheet = rubric.sheet("26/2026", 1)
    rows = full_card_rows(sheet, member="m1") + full_card_rows(sheet, member="m2")
    rows[4]["points"] = None  # a blank cell: the column becomes float64
    text = io.StringIO()
    pd.DataFrame(rows).to_csv(text, index=False)
    # Every code of this sheet looks like a number, so pandas reads the codes as floats.
    frame = pd.read_csv(io.StringIO(text.getvalue()))
    assert frame["criterion"].dtype == np.float64
    assert frame["points"].dtype == np.float64
    with pytest.raises(ScoreCardError) as caught:
        cards_from_frame(frame, decision="26/2026", set_no=1)
    assert {p.code for p in caught.value.problems} == {"table.code_as_number"}
    assert caught.value.problems[0].path == "$[0].criterion"
    # Read as text, the codes are kept; the float points are whole; the blank is no choice.
    frame = pd.read_csv(io.StringIO(text.getvalue()), dtype={"criterion": str})
    with pytest.raises(ScoreCardError) as caught:
        cards_from_frame(frame, decision="26/2026", set_no=1)
    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("card.missing_criterion", "$[4].points")
    ]
    frame.loc[4, "points"] = sheet.criteria[frame.loc[4, "criterion"]].options[0].points
    first, second = cards_from_frame(frame, decision="26/2026", set_no=1)
    assert (first.member, second.member) == ("m1", "m2")
    assert len(first.choices) == len(sheet.criteria)


def test_the_an_giang_csv_is_read_with_default_dtypes():
    cards = an_giang_cards()
    text = io.StringIO()
    pd.DataFrame(long_rows(cards)).to_csv(text, index=False)
    frame = pd.read_csv(io.StringIO(text.getvalue()))
    # "3.2(1)" makes the criterion column text: nothing was lost.
    assert frame["criterion"].dtype != np.float64
    products = load_example("product", "products.json")
    assert cards_from_frame(frame, products=products) == cards


def test_a_wide_table_gives_one_card_per_member_column():
    cards = [card for card in an_giang_cards() if card.product == "tra-xa-den"]
    members = [card.member for card in cards]
    codes = list(cards[0].choices)
    rows = [
        {
            "Mã tiêu chí": code,
            "Tiêu chí": "…",
            **{card.member: card.choices[code].points for card in cards if code in card.choices},
        }
        for code in codes
    ]
    frame = pd.DataFrame(rows)  # a code missing on a card is NaN there
    back = cards_from_frame(frame, product="tra-xa-den", decision="1048", set_no=13)
    assert [card.member for card in back] == members
    assert back == cards
    assert cards_from_wide(rows, product="tra-xa-den", decision="1048", set_no=13) == cards


def test_a_wide_frame_without_its_product_is_refused():
    with pytest.raises(ScoreCardError) as caught:
        cards_from_frame(pd.DataFrame([{"criterion": "1.1", "m1": 3}]))
    assert caught.value.code == "table.wide_needs_product"


def test_products_subjects_and_records_come_from_flat_rows_and_frames():
    frame = pd.DataFrame(
        [
            {
                "id": "tra-xa-den",
                "name": "Trà xạ đen",
                "decision": "1048",
                "set_no": 13,
                "subject_id": "thao-an-khang",
                "place.era": "legacy",
                "place.district_code": "883",
                "code": None,
            },
        ]
    )
    (product,) = from_frame("product", frame)
    assert (product.set_no, product.place.district_code, product.code) == (13, "883", None)
    (subject,) = from_rows(
        "subject",
        [
            {
                "id": "s",
                "name": "HKD ANAS",
                "kind": "household_business",
                "address.era": "legacy",
                "address.commune_code": "30397",
            }
        ],
    )
    assert subject.address.describe().startswith("Xã Châu Phong")
    (record,) = from_rows(
        "product_record",
        [
            {
                "product.id": "p",
                "product.name": "Trà",
                "product.decision": "1048",
                "product.set_no": np.int64(13),
                "product.subject_id": "s",
                "evaluated_on": pd.Timestamp("2020-03-11"),
                "score": 63.88,
                "star": 3.0,
            }
        ],
    )
    assert (record.star, str(record.evaluated_on), record.score) == (
        3,
        "2020-03-11",
        Decimal("63.88"),
    )


def test_a_place_code_read_as_a_number_is_refused_since_a_zero_may_be_lost():
    with pytest.raises(InputError) as caught:
        from_rows(
            "product",
            [
                {
                    "id": "p",
                    "name": "x",
                    "decision": "26",
                    "set_no": 1,
                    "subject_id": "s",
                    "place.era": "legacy",
                    "place.district_code": 883,
                }
            ],
        )
    assert (caught.value.code, caught.value.path) == (
        "table.text_as_number",
        "$[0].place.district_code",
    )


def test_a_householders_number_and_phone_read_as_numbers_are_refused_and_shown_masked():
    row = {
        "id": "hoa",
        "name": "Hộ Nguyễn Thị Hoa",
        "kind": "household_business",
        "tax_code": 801203012345,
        "representative.name": "Nguyễn Thị Hoa",
        "representative.gender": "female",
        "address.era": "present",
        "address.commune_code": "30307",
        "contact.phone": 912345678,
    }
    with pytest.raises(InputError) as caught:
        from_rows("subject", [row])
    problems = {problem.path: problem for problem in caught.value.problems}
    assert {problem.code for problem in problems.values()} == {"table.text_as_number"}
    text = str(caught.value) + repr(caught.value)
    assert "801203012345" not in text
    assert "912345678" not in text
    assert problems["$[0].tax_code"].shown_value() == "*********345"
    assert problems["$[0].contact.phone"].shown_value(reveal=True) == 912345678


def test_every_bad_row_of_a_product_table_is_reported_with_its_index():
    with pytest.raises(InputError) as caught:
        from_rows(
            "product",
            [
                {"id": "p1", "name": "x", "decision": "26", "set_no": 1, "subject_id": "s"},
                {"id": "p2", "name": "x", "decision": "26", "set_no": 2.5, "subject_id": "s"},
                {"id": "p3", "decision": "26", "set_no": 1, "subject_id": "s"},
            ],
        )
    paths = {p.path for p in caught.value.problems}
    assert "$[1].set_no" in paths
    assert any(path.startswith("$[2]") for path in paths)


def test_a_ranking_is_a_frame_sorted_by_star_then_score():
    from ocop import aggregate, classify

    cards = an_giang_cards()
    ranked = []
    for product in {card.product for card in cards}:
        mine = [card for card in cards if card.product == product]
        sheet = rubric.sheet(mine[0].decision, mine[0].set_no)
        ranked.append(classify(sheet, aggregate(sheet, mine)))
    frame = to_frame(ranked)
    assert list(frame["rank"]) == list(range(1, len(ranked) + 1))
    assert list(frame["star"]) == sorted(
        (PUBLISHED_STARS[product] for product in frame["product"]), reverse=True
    )
    assert list(frame["score"].iloc[:2]) == sorted(frame["score"].iloc[:2], reverse=True)


def test_certificates_and_progress_become_frames():
    from ocop.demo import run_round
    from ocop.plan import progress, record_of

    subjects = {s.id: s for s in load_example("subject", "subjects.json")}
    products = load_example("product", "products.json")
    _, province = run_round(subjects, products, an_giang_cards())
    certificates = to_frame(province.certificates)
    assert set(certificates["stars"]) == {3, 4}
    assert set(certificates["expires_on"]) == {"2023-03-25"}
    (plan,) = load_example("plan", "plan.json")
    records = [record_of(application) for application in province.applications]
    done = progress(plan, records, on="2020-12-31", subjects=subjects.values())
    frame = done.to_frame()
    assert len(frame) == len(plan.targets)
    assert list(frame["achieved"]) == [item.achieved for item in done.targets]


def test_points_that_two_options_print_alike_are_kept_as_points_and_score():
    sheet = rubric.sheet("26/2026", 7)
    assert [option.points for option in sheet.criteria["3.1"].options] == [1, 1, 3]
    rows = full_card_rows(sheet)
    next(row for row in rows if row["criterion"] == "3.1")["points"] = 1.0
    (card,) = cards_from_rows(rows, decision="26/2026", set_no=7)
    assert card.choices["3.1"].points == 1
    assert score(sheet, card).criteria["3.1"] == 1


@given(st.integers(min_value=0, max_value=10**9))
def test_every_lossless_form_of_a_whole_number_reads_as_that_number(points):
    forms = [
        points,
        float(points),
        str(points),
        f"{points}.0",
        np.int64(points),
        np.float64(points),
        Decimal(points),
    ]
    assert {points_of(form) for form in forms} == {points}


@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: not x.is_integer()))
def test_a_number_with_a_fraction_is_never_read_as_points(value):
    with pytest.raises(ScoreCardError):
        points_of(value)
