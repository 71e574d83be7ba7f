"""What a notebook shows: HTML for results, short reprs of big objects, frames of reports."""

import pandas as pd

from an_giang_round import an_giang
from ocop import rubric
from ocop.calendar import date
from ocop.plan import DateRange, progress
from ocop.report import periodic_report


def test_a_classification_shows_its_rank_and_reasons_as_html():
    _, ranked = an_giang().results[0]
    page = ranked._repr_html_()
    assert page.startswith("<table")
    assert str(ranked.score) in page
    assert "được công nhận / certifiable" in page
    # A 1048 product lists the QĐ 781/2020 notes among its reasons.
    assert "781" in page


def test_a_council_result_shows_each_member_and_keeps_its_repr_short():
    council, _ = an_giang().results[2]
    page = council._repr_html_()
    for card in council.cards:
        assert f">{card.member}<" in page
        assert f">{card.total}<" in page
    assert repr(council) == (
        "CouncilResult(decision='1048/2019', set_no=13, product='tra-xa-den', cards=9, "
        f"score=Decimal('{council.score}'))"
    )


def test_a_sheet_and_a_rubric_have_short_reprs_and_the_sheet_an_html_table():
    sheet = rubric.sheet("26/2026", 1)
    assert len(repr(sheet)) < 120
    assert repr(sheet).startswith("Sheet(decision='26/2026', set_no=1, ")
    assert repr(rubric.load("26/2026")) == (
        "Rubric(decision='26/2026', title='26/2026/QĐ-TTg', sheets=26)"
    )
    page = sheet._repr_html_()
    assert page.count("<tr>") == len(sheet.criteria) + 1
    assert "2 ****" in page  # criterion 1.5: the 4★ marker on the option of 2 points


def test_progress_shows_html_a_short_repr_and_a_frame():
    round_ = an_giang()
    done = progress(round_.plan, round_.records, on="2020-12-31", subjects=round_.subjects.values())
    assert repr(done) == "Progress(plan='180/KH-UBND', on='2020-12-31', targets=11, met=0)"
    assert "180/KH-UBND" in done._repr_html_()
    frame = done.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert frame["achieved"].sum() == 6
    assert set(frame["minimum"]) == {3}


def test_a_report_shows_html_a_short_repr_and_a_frame_of_every_table():
    round_ = an_giang()
    report = periodic_report(
        round_.products,
        period=DateRange.quarter(2020, 1),
        issuer="UBND tỉnh An Giang",
        province=89,
        subjects=round_.subjects.values(),
        records=round_.records,
        certificates=round_.province.certificates,
    )
    assert len(repr(report)) < 150
    assert "Q1 2020" in repr(report)
    assert "Tổng cộng" in report._repr_html_()
    frame = report.to_frame()
    assert set(frame["table"]) == {"star", "category", "group", "subject_kind", "unit"}
    total = frame[(frame["table"] == "unit") & (frame["key"] == "total")]
    assert int(total["recognised"].iloc[0]) == report.total.recognised == 6
    stars = frame[frame["table"] == "star"].set_index("key")
    assert int(stars.loc["4", "recognised"]) == 2
    assert report.to_frame(lang="vi")["label"].iloc[-1] == "Tổng cộng"


def test_html_escapes_what_it_shows():
    from ocop._html import table

    assert "<b>" not in table(("x",), [("<b>bold</b>",)])


def test_a_long_table_is_cut_with_a_count_of_the_rest():
    from ocop._html import table

    page = table(("n",), [(n,) for n in range(100)])
    assert page.count("<tr>") == 1 + 60 + 1
    assert "40 more" in page


def test_the_day_of_the_progress_is_printed_as_given():
    round_ = an_giang()
    done = progress(round_.plan, round_.records, on=date(2020, 3, 31))
    assert "2020-03-31" in done._repr_html_()


def test_a_round_its_applications_and_a_plan_have_short_reprs():
    round_ = an_giang()
    province = round_.province
    assert repr(province) == (
        "EvaluationRound(id='an-giang-2020-1', level='province', council='hd-an-giang', "
        f"starts_on='2020-03-02', applications={len(province.applications)}, "
        f"cards={len(province.cards)})"
    )
    shown = repr(round_.province.applications[0])
    assert shown.startswith("Application(id='hs-tranh-la-thot-not', product='tranh-la-thot-not'")
    assert len(shown) < 150
    assert repr(round_.plan) == (
        "Plan(issuer='UBND tỉnh An Giang', number='180/KH-UBND', period='2020', targets=11)"
    )
