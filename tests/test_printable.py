"""Printable score sheets and minutes, on An Giang's trà xạ đen of 2020 (9 members)."""

import re

from an_giang_round import an_giang
from ocop import printable, rubric
from ocop.calendar import date


def tea():
    round_ = an_giang()
    product = next(p for p in round_.products if p.id == "tra-xa-den")
    council, ranked = next(pair for pair in round_.results if pair[0].product == product.id)
    return product, rubric.sheet(product.decision, product.set_no), council, ranked


def test_a_blank_sheet_has_every_criterion_and_option_unticked_with_print_styles():
    product, sheet, _, _ = tea()
    page = printable.score_sheet_html(sheet, product=product)
    assert "@page { size: A4" in page
    assert page.count("☐") == sum(len(c.options) for c in sheet.criteria.values())
    assert "☑" not in page
    for criterion in sheet.criteria.values():
        assert f"<td>{criterion.code}</td>" in page
    assert "Trà xạ đen" in page
    assert "(Ký, ghi rõ họ tên)" in page


def test_a_members_filled_sheet_ticks_one_box_per_criterion_and_prints_the_total():
    product, sheet, council, _ = tea()
    card = next(c for c in an_giang().cards if c.product == product.id and c.member == "m1")
    scored = council.cards[0]
    page = printable.score_sheet_html(sheet, product=product, card=card, member="Thành viên 1")
    assert page.count("☑") == len(scored.options)
    assert f'<td class="num">{scored.total}</td>' in page
    assert "Thành viên 1" in page


def test_the_councils_summary_sheet_has_each_members_points_and_the_mean():
    product, sheet, council, _ = tea()
    page = printable.score_sheet_html(sheet, product=product, result=council, lang="en")
    assert "Council&#39;s summary of scores" in page
    for card in council.cards:
        assert f'<th class="num">{card.member}</th>' in page
    assert f'<td class="num">{council.score}</td>' in page
    assert "Council chair" in page


def test_the_minutes_name_the_members_their_totals_the_mean_and_the_star():
    from ocop import Council, Member

    product, _, council, ranked = tea()
    people = Council(
        id="hd",
        level="province",
        name="Hội đồng OCOP tỉnh An Giang",
        chair=Member(id="m1", name="Nguyễn Văn A", organisation="UBND tỉnh", role="chair"),
        members=tuple(
            Member(id=f"m{n}", name=f"Thành viên {n}", organisation="Sở") for n in range(2, 10)
        ),
        secretary=Member(id="tk", name="Trần Thị B", organisation="Sở", role="secretary"),
    )
    page = printable.minutes_html(
        council, ranked, council=people, product=product, on=date(2020, 3, 11), place="Long Xuyên"
    )
    assert "11/03/2020" in page
    assert "bộ 13 (Các sản phẩm khác từ chè, trà)" in page
    assert "Nguyễn Văn A" in page
    assert "Trần Thị B" in page
    assert re.search(rf'<td class="num">{council.score}</td>', page)
    assert "3★" in page
    assert "đủ điều kiện công nhận" in page
    for card in council.cards:
        assert f'<td class="num">{card.total}</td>' in page


def test_text_on_the_page_is_escaped():
    from ocop import Product

    _, sheet, _, _ = tea()
    product = Product(
        id="x", name="<script>alert(1)</script>", decision="1048", set_no=13, subject_id="s"
    )
    page = printable.score_sheet_html(sheet, product=product)
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
