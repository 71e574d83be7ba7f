"""Score-sheet workbooks: made by the library, made by hand (long and wide), filled, read back.

The round is An Giang's provincial round of 2020 as the demo runs it (9 members, 5 scored
products); the cards are the bundled illustrative ones.
"""

import io
from importlib import resources

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocop import InputError, ScoreCardError, aggregate, classify, excel, rubric
from ocop.demo import PUBLISHED_STARS, load_example, run_round

FIRST_ROW = 8  # the first criterion row of a tab the library makes
CODE_COLUMN = 3
FIRST_MEMBER = 8


@pytest.fixture(scope="module")
def an_giang():
    subjects = {s.id: s for s in load_example("subject", "subjects.json")}
    products = load_example("product", "products.json")
    cards = load_example("score_card", "cards.jsonl")
    _, province = run_round(subjects, products, cards)
    return products, cards, province


def as_members(cards, scorers):
    """The bundled cards under the provincial council's member ids (m1 … m9 in order)."""
    import attrs

    ids = {f"m{number}": scorer.id for number, scorer in enumerate(scorers, start=1)}
    return [attrs.evolve(card, member=ids[card.member]) for card in cards]


def rows_by_code(tab):
    return {
        tab.cell(row=row, column=CODE_COLUMN).value: row
        for row in range(FIRST_ROW, tab.max_row + 1)
        if tab.cell(row=row, column=CODE_COLUMN).value
    }


def fill(book, cards):
    for card in cards:
        tab = next(t for t in book.worksheets if t.cell(row=4, column=2).value == card.product)
        members = [tab.cell(row=7, column=c).value for c in range(FIRST_MEMBER, tab.max_column + 1)]
        column = FIRST_MEMBER + members.index(card.member)
        where = rows_by_code(tab)
        for code, choice in card.choices.items():
            value = choice.points if choice.points is not None else "n/a"
            tab.cell(row=where[code], column=column, value=value)


def saved(book, name="round.xlsx"):
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = name
    return data


def key(card):
    return (card.product, card.member)


def test_a_round_gets_one_tab_per_product_and_one_column_per_member(an_giang):
    _, _, province = an_giang
    book = excel.score_sheet_workbook(province)
    assert book.sheetnames == [a.product.id for a in province.applications]
    tab = book["tra-xa-den"]
    scorers = province.council.scorers
    assert [tab.cell(row=7, column=FIRST_MEMBER + i).value for i in range(len(scorers))] == [
        member.id for member in scorers
    ]
    assert tab.cell(row=6, column=FIRST_MEMBER).value == scorers[0].name
    assert (tab["A2"].value, tab["B2"].value, tab["B3"].value, tab["B4"].value) == (
        "Quyết định",
        "1048/2019",
        13,
        "tra-xa-den",
    )
    assert tab["C3"].value == "Các sản phẩm khác từ chè, trà"


def test_each_criterion_row_carries_its_options_markers_and_a_drop_down_of_its_points():
    sheet = rubric.sheet("26/2026", 1)
    from ocop import Product

    product = Product(
        id="p1", name="Xoài cát Hòa Lộc", decision="26/2026", set_no=1, subject_id="s1"
    )
    book = excel.score_sheet_workbook(product, members=["an", "binh", "chi"])
    tab = book["p1"]
    where = rows_by_code(tab)
    assert list(where) == list(sheet.criteria)
    linkage = sheet.criteria["1.5"]
    row = where["1.5"]
    assert [tab.cell(row=row, column=c).value for c in (1, 2, 3)] == ["A", "1", "1.5"]
    assert tab.cell(row=row, column=6).value == "2: ****\n3: *****"
    assert "****" in tab.cell(row=row, column=5).value
    allowed = {str(option.points) for option in linkage.options}
    validations = [
        dv
        for dv in tab.data_validations.dataValidation
        if f"H{row}:J{row}" in str(dv.sqref).split()
    ]
    assert len(validations) == 1
    assert set(validations[0].formula1.strip('"').split(",")) == allowed
    assert validations[0].showErrorMessage
    # A criterion that applies only under a condition also allows "n/a".
    conditional = next(c for c in sheet.criteria.values() if c.applies_when)
    row = where[conditional.code]
    (validation,) = [
        dv
        for dv in tab.data_validations.dataValidation
        if f"H{row}:J{row}" in str(dv.sqref).split()
    ]
    assert "n/a" in validation.formula1


def test_totals_are_formulas_per_part_and_in_all_and_the_page_is_a4():
    from ocop import Product

    product = Product(id="p1", name="x", decision="26/2026", set_no=1, subject_id="s1")
    tab = excel.score_sheet_workbook(product, members=["an"], lang="en")["p1"]
    last = FIRST_ROW + len(rubric.sheet("26/2026", 1).criteria) - 1
    labels = {tab.cell(row=r, column=4).value: r for r in range(last + 1, last + 6)}
    assert tab.cell(row=labels["Total of part A"], column=8).value == (
        f'=SUMIF($A${FIRST_ROW}:$A${last},"A",H{FIRST_ROW}:H{last})'
    )
    assert tab.cell(row=labels["TOTAL"], column=8).value == f"=SUM(H{FIRST_ROW}:H{last})"
    assert tab.cell(row=labels["TOTAL"], column=7).value == 100
    assert tab["A2"].value == "Decision"
    assert tab["C7"].value == "Criterion code"
    assert str(tab.page_setup.paperSize) == tab.PAPERSIZE_A4 == "9"
    assert tab.page_setup.orientation == "landscape"
    assert tab.print_title_rows == "$7:$7"


def test_a_workbook_written_filled_and_read_gives_the_same_cards(an_giang):
    _, cards, province = an_giang
    cards = as_members(cards, province.council.scorers)
    book = excel.score_sheet_workbook(province)
    fill(book, cards)
    back = excel.read_cards(saved(book))
    assert sorted(back, key=key) == sorted(cards, key=key)


def test_the_english_workbook_reads_back_the_same(an_giang):
    products, cards, _ = an_giang
    scored = [p for p in products if any(card.product == p.id for card in cards)]
    book = excel.score_sheet_workbook(scored, members=[f"m{n}" for n in range(1, 10)], lang="en")
    fill(book, cards)
    assert sorted(excel.read_cards(saved(book)), key=key) == sorted(cards, key=key)


def test_a_refusal_names_the_file_the_tab_and_the_cell(an_giang):
    _, cards, province = an_giang
    cards = as_members(cards, province.council.scorers)
    book = excel.score_sheet_workbook(province)
    fill(book, cards)
    tab = book["tra-xa-den"]
    where = rows_by_code(tab)
    tab.cell(row=where["1.1"], column=FIRST_MEMBER, value=2.5)  # not whole
    tab.cell(row=where["1.2"], column=FIRST_MEMBER + 1).value = None  # left blank
    tab.cell(row=where["2.1"], column=FIRST_MEMBER + 2, value=17)  # not on the sheet
    tab.cell(row=where["2.2"], column=CODE_COLUMN, value=2.2)  # typed as a number
    with pytest.raises(ScoreCardError) as caught:
        excel.read_cards(saved(book, "an-giang-2020.xlsx"))
    found = {(p.code, p.path) for p in caught.value.problems}
    assert ("table.points_not_whole", f"an-giang-2020.xlsx!tra-xa-den!H{where['1.1']}") in found
    assert ("card.missing_criterion", f"an-giang-2020.xlsx!tra-xa-den!I{where['1.2']}") in found
    assert ("card.no_such_option", f"an-giang-2020.xlsx!tra-xa-den!J{where['2.1']}") in found
    assert ("table.code_as_number", f"an-giang-2020.xlsx!tra-xa-den!C{where['2.2']}") in found
    for problem in caught.value.problems:
        assert problem.message_vi
        assert problem.message_en


def long_book():
    book = openpyxl.Workbook()
    tab = book.active
    tab.title = "Điểm"
    tab.append(["Bảng điểm hội đồng tỉnh An Giang 2020"])
    tab.append([])
    tab.append(["Sản phẩm", "Thành viên", "Mã tiêu chí", "Điểm"])
    return book, tab


def test_a_long_workbook_made_by_hand_gives_the_cards(an_giang):
    products, cards, _ = an_giang
    book, tab = long_book()
    for card in cards:
        for code, choice in card.choices.items():
            tab.append([card.product, card.member, code, choice.points])
    back = excel.read_cards(saved(book, "diem.xlsx"), products=products)
    assert back == cards


def test_a_long_workbook_made_by_hand_is_refused_cell_by_cell(an_giang):
    products, cards, _ = an_giang
    book, tab = long_book()
    card = cards[0]
    for code, choice in card.choices.items():
        tab.append([card.product, card.member, code, choice.points])
    tab["D4"] = "ba"  # words, not points
    tab["C5"] = 1.2  # a code typed as a number
    tab.append([card.product, card.member, "1.1", 3])  # scored twice
    with pytest.raises(ScoreCardError) as caught:
        excel.read_cards(saved(book, "diem.xlsx"), products=products)
    found = {(p.code, p.path) for p in caught.value.problems}
    assert ("table.bad_points", "diem.xlsx!Điểm!D4") in found
    assert ("table.code_as_number", "diem.xlsx!Điểm!C5") in found


def test_a_wide_workbook_made_by_hand_gives_the_cards(an_giang):
    _, cards, _ = an_giang
    book = openpyxl.Workbook()
    book.remove(book.active)
    for product in ("tra-xa-den", "lap-xuong-bo"):
        mine = [card for card in cards if card.product == product]
        tab = book.create_sheet(product[:10])
        tab.append(["Quyết định", "QĐ 1048/QĐ-TTg"])
        tab.append(["Bộ sản phẩm", mine[0].set_no])
        tab.append(["Sản phẩm", product])
        tab.append([])
        tab.append(["STT", "Mã tiêu chí", "Tiêu chí", *[card.member for card in mine]])
        for number, code in enumerate(mine[0].choices, start=1):
            tab.append(
                [
                    number,
                    code,
                    "…",
                    *[card.choices[code].points for card in mine if code in card.choices],
                ]
            )
        tab.append([None, None, "Tổng", *["=SUM(D6:D40)"] * len(mine)])
    back = excel.read_cards(saved(book, "tay.xlsx"))
    expected = [card for card in cards if card.product in ("tra-xa-den", "lap-xuong-bo")]
    assert sorted(back, key=key) == sorted(expected, key=key)


def test_a_wide_tab_without_its_sheet_named_is_refused_at_the_tab():
    book = openpyxl.Workbook()
    tab = book.active
    tab.title = "tra"
    tab.append(["Mã tiêu chí", "m1"])
    tab.append(["1.1", 3])
    with pytest.raises(ScoreCardError) as caught:
        excel.read_cards(saved(book, "tay.xlsx"))
    assert (caught.value.code, caught.value.path) == ("table.unknown_sheet", "tay.xlsx!tra!B2")


def test_a_file_that_is_no_workbook_or_has_no_table_is_refused_by_name(tmp_path):
    broken = tmp_path / "diem.xlsx"
    broken.write_text("not a workbook")
    with pytest.raises(InputError) as caught:
        excel.read_cards(broken)
    assert (caught.value.code, caught.value.path) == ("workbook.unreadable", "diem.xlsx")
    empty = tmp_path / "trong.xlsx"
    openpyxl.Workbook().save(empty)
    with pytest.raises(InputError) as caught:
        excel.read_cards(empty)
    assert (caught.value.code, caught.value.path) == ("workbook.no_table", "trong.xlsx")


def test_the_results_workbook_holds_the_summary_the_ranking_and_the_certificates_due(
    an_giang, tmp_path
):
    products, cards, province = an_giang
    results = []
    for product in {card.product for card in cards}:
        mine = [card for card in cards if card.product == product]
        sheet = rubric.sheet(mine[0].decision, mine[0].set_no)
        council = aggregate(sheet, mine)
        results.append((council, classify(sheet, council)))
    path = tmp_path / "ket-qua.xlsx"
    excel.write_results(path, results, products=products, certificates=province.certificates)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Tổng hợp", "Xếp hạng", "Chứng nhận", "Đến hạn đánh giá lại"]
    summary = list(book["Tổng hợp"].values)
    head = summary[0]
    assert head[:3] == ("Sản phẩm", "Tên sản phẩm", "Bộ")
    by_product = {row[0]: dict(zip(head, row, strict=True)) for row in summary[1:]}
    for council, ranked in results:
        row = by_product[council.product]
        assert [row[card.member] for card in council.cards] == [c.total for c in council.cards]
        assert row["Điểm trung bình"] == float(council.score)
        assert row["Hạng sao"] == ranked.star.stars
    ranking = list(book["Xếp hạng"].values)[1:]
    published = sorted((PUBLISHED_STARS[council.product] for council, _ in results), reverse=True)
    assert [row[4] for row in ranking] == published
    assert ranking[0][2] in {"Tranh lá thốt nốt", "Đường thốt nốt sệt Palmania"}
    due = list(book["Chứng nhận"].values)[1:]
    assert len(due) == sum(ranked.certifiable for _, ranked in results)


def test_the_bundled_workbook_and_product_list_hold_the_bundled_cards_and_products():
    import pandas as pd

    from ocop import tables

    folder = resources.files("ocop.examples") / "an_giang_2020"
    products = load_example("product", "products.json")
    cards = excel.read_cards(folder / "score-sheets.xlsx", products=products)
    assert cards == load_example("score_card", "cards.jsonl")
    frame = pd.read_csv(folder / "products.csv", dtype=str)
    assert tables.from_frame("product", frame) == products


def test_a_name_that_looks_like_a_formula_is_written_as_text(an_giang):
    from ocop import Product

    products, cards, _ = an_giang
    product = Product(
        id='=HYPERLINK("http://x")', name="=1+1", decision="1048", set_no=13, subject_id="s"
    )
    tab = excel.score_sheet_workbook(product, members=["=cmd|' /C calc'!A0"]).worksheets[0]
    assert (tab["B4"].data_type, tab["C4"].data_type, tab["H7"].data_type) == ("s", "s", "s")
    tea = [card for card in cards if card.product == "tra-xa-den"]
    sheet = rubric.sheet("1048", 13)
    council = aggregate(sheet, tea)
    import attrs

    named = attrs.evolve(next(p for p in products if p.id == "tra-xa-den"), name="=2+2")
    book = excel.results_workbook([(council, classify(sheet, council))], products=[named])
    cell = book.worksheets[0]["B2"]
    assert (cell.value, cell.data_type) == ("=2+2", "s")


@st.composite
def council_cards(draw):
    """Cards of 1–4 members for a product on any available sheet, each criterion answered with
    points printed on one option only (the form paper records), or n/a where it may be."""
    from ocop import ScoreCard

    decision = draw(st.sampled_from(["1048/2019", "148/2023", "26/2026"]))
    set_no = draw(st.integers(1, 26).filter(lambda n: (decision, n) != ("1048/2019", 3)))
    sheet = rubric.sheet(decision, set_no)
    groups = {}
    for criterion in sheet.criteria.values():
        if criterion.alternative_group is not None:
            groups.setdefault(criterion.alternative_group, []).append(criterion.code)
    cards = []
    for member in range(draw(st.integers(1, 4))):
        cases = {group: draw(st.sampled_from(codes)) for group, codes in groups.items()}
        choices = {}
        for criterion in sheet.criteria.values():
            group = criterion.alternative_group
            if group is not None and cases[group] != criterion.code:
                continue
            points = [option.points for option in criterion.options]
            unique = sorted({p for p in points if points.count(p) == 1})
            answers = [*unique, *(["n/a"] if criterion.applies_when else [])]
            choices[criterion.code] = draw(st.sampled_from(answers))
        cards.append(
            ScoreCard.from_dict(
                {
                    "decision": decision,
                    "set_no": set_no,
                    "member": f"m{member + 1}",
                    "product": "p",
                    "choices": choices,
                }
            )
        )
    return sheet, cards


@settings(max_examples=25)
@given(council_cards())
def test_any_council_s_cards_written_filled_and_read_come_back_the_same(drawn):
    from ocop import Product

    sheet, cards = drawn
    product = Product(
        id="p", name="Sản phẩm", decision=sheet.decision, set_no=sheet.set_no, subject_id="s"
    )
    book = excel.score_sheet_workbook(product, members=[card.member for card in cards])
    fill(book, cards)
    assert excel.read_cards(saved(book)) == cards


def test_a_heading_row_numbered_like_a_criterion_is_no_second_choice():
    cards = [
        card for card in load_example("score_card", "cards.jsonl") if card.product == "tra-xa-den"
    ][:2]
    book = openpyxl.Workbook()
    tab = book.active
    tab.title = "tra"
    tab.append(["Quyết định", "1048"])
    tab.append(["Bộ sản phẩm", 13])
    tab.append(["Sản phẩm", "tra-xa-den"])
    tab.append(["Mã", "Nội dung", "m1", "m2"])
    for code in cards[0].choices:
        if code == "7":
            tab.append(["7", "7. CÂU CHUYỆN (tiêu đề mục)"])  # a heading, left blank
        tab.append([code, "…", *[card.choices[code].points for card in cards]])
    assert excel.read_cards(saved(book, "tay.xlsx")) == cards
    tab.append(["7", "…", 1, None])  # scored a second time
    with pytest.raises(ScoreCardError) as caught:
        excel.read_cards(saved(book, "tay.xlsx"))
    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("card.duplicate_choice", f"tay.xlsx!tra!C{tab.max_row}")
    ]
