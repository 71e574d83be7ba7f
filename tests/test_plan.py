"""Programme plans, their targets, records of the programme, and progress on a day.

The real case: An Giang's plan 180/KH-UBND of 10 April 2020 asks each of the 11 districts,
towns and cities of the old province (89) to send at least three products to the provincial
evaluation. Round 1 of 2020 recognised six products: tranh lá thốt nốt (Thoại Sơn, 4★),
đường thốt nốt sệt Palmania (Tri Tôn, 4★), trà xạ đen (Long Xuyên, 3★), gạo thơm Ngọc Nhân
(Châu Thành, 3★), khô cá tra phồng (Châu Đốc, 3★) and lạp xưởng bò (Tân Châu, 3★). Chợ Mới's
district council scored three products on 9 June 2020 for the provincial round expected in
July 2020 (bánh hạnh nhân, nước ép xoài, khô cá lóc). The provincial council's meeting of
11 March 2020 is the one tests/test_evaluation.py uses; the deadline, the product sets, the
subjects and the other days are illustrative. Round 1 met before the plan was signed, so what
counts is read from the first day of the plan's year, not from its date.
"""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocop import InputError, PlaceError, _schemagen, _structure
from ocop.calendar import date
from ocop.dossier import Dossier, Paper
from ocop.evaluation import Application
from ocop.places import Era
from ocop.plan import (
    DateRange,
    Metric,
    Plan,
    ProductRecord,
    Progress,
    Target,
    each_commune,
    each_district,
    progress,
    record_of,
)
from ocop.product import Product
from ocop.ranking import Classification
from ocop.rating import StarRating
from ocop.regulation import Level
from ocop.subject import Address, Subject

AN_GIANG_DISTRICTS = ("883", "884", "886", "887", "888", "889", "890", "891", "892", "893", "894")
DEADLINE = date(2020, 12, 31)


def in_district(code):
    return Address(era="legacy", district_code=code)


def product(id, name, set_no, district, subject_id=None):
    return Product(
        id=id,
        name=name,
        decision="1048",
        set_no=set_no,
        subject_id=subject_id or f"s-{id}",
        place=in_district(district),
    )


ROUND_1 = (
    (product("tranh-la-thot-not", "Tranh lá thốt nốt", 23, "894"), 4),
    (product("duong-thot-not-palmania", "Đường thốt nốt sệt Palmania", 4, "891"), 4),
    (product("tra-xa-den", "Trà xạ đen", 13, "883"), 3),
    (product("gao-ngoc-nhan", "Gạo thơm Ngọc Nhân", 3, "892"), 3),
    (product("kho-ca-tra-phong", "Khô cá tra phồng", 9, "884"), 3),
    (product("lap-xuong-bo", "Lạp xưởng bò", 8, "887"), 3),
)
CHO_MOI = (
    product("banh-hanh-nhan", "Bánh hạnh nhân", 6, "893"),
    product("nuoc-ep-xoai", "Nước ép xoài", 18, "893"),
    product("kho-ca-loc-kim-loan", "Khô cá lóc", 9, "893"),
)


def round_1_records():
    return [
        ProductRecord(
            product=item,
            registered_on=date(2020, 1, 6),
            proposed_on=date(2020, 2, 14),
            evaluated_on=date(2020, 3, 11),
            star=star,
            certified_on=date(2020, 3, 25),
            certificate_number=f"AG-2020-{index:02d}",
        )
        for index, (item, star) in enumerate(ROUND_1, start=1)
    ]


def cho_moi_records():
    return [
        ProductRecord(
            product=item,
            registered_on=date(2020, 5, 4),
            proposed_on=date(2020, 7, 1),
        )
        for item in CHO_MOI
    ]


def plan_180(**changes):
    fields = {
        "issuer": "UBND tỉnh An Giang",
        "number": "180/KH-UBND",
        "issued_on": date(2020, 4, 10),
        "title": "Kế hoạch thực hiện Chương trình mỗi xã một sản phẩm năm 2020",
        "period": DateRange.year(2020),
        "province_code": "89",
        "targets": each_district(89, minimum=3, metric="proposed", deadline=DEADLINE),
    }
    fields.update(changes)
    return Plan(**fields)


# -- the An Giang plan of 2020 ------------------------------------------------------------------


def test_the_an_giang_plan_of_2020_names_the_eleven_legacy_districts():
    plan = plan_180()
    assert plan.era is Era.LEGACY
    assert [target.code for target in plan.targets] == list(AN_GIANG_DISTRICTS)
    assert {target.level for target in plan.targets} == {Level.DISTRICT}
    assert plan.unit_name(plan.targets[-1]) == "Huyện Thoại Sơn"


def test_a_plan_names_its_units_as_on_the_day_it_was_issued():
    # Tịnh Biên (890) was a huyện in 2020 and became a thị xã in 2023.
    plan = plan_180()
    tinh_bien = next(target for target in plan.targets if target.code == "890")
    assert plan.unit_name(tinh_bien) == "Huyện Tịnh Biên"
    later = Plan(
        issuer="UBND tỉnh An Giang",
        number="5/KH-UBND",
        issued_on=date(2024, 1, 10),
        title="Kế hoạch OCOP năm 2024",
        period=DateRange.year(2024),
        province_code="89",
        targets=(
            Target(
                level="district",
                code="890",
                metric="proposed",
                minimum=1,
                deadline=date(2024, 12, 31),
            ),
        ),
    )
    assert later.unit_name(later.targets[0]) == "Thị xã Tịnh Biên"


def test_after_round_one_every_district_of_an_giang_is_still_behind_its_three_products():
    now = progress(plan_180(), round_1_records(), on=date(2020, 6, 30))
    short = {gap.unit_code: gap.short for gap in now.behind}
    assert short == {
        "883": 2,
        "884": 2,
        "886": 3,
        "887": 2,
        "888": 3,
        "889": 3,
        "890": 3,
        "891": 2,
        "892": 2,
        "893": 3,
        "894": 2,
    }
    assert {gap.days_left for gap in now.behind} == {184}
    assert not now.met


def test_each_round_one_district_shows_its_product_at_every_step():
    now = progress(plan_180(), round_1_records(), on=date(2020, 6, 30))
    thoai_son = now.targets[-1]
    assert (thoai_son.planned, thoai_son.registered, thoai_son.proposed) == (3, 1, 1)
    assert (thoai_son.evaluated, thoai_son.certified) == (1, 1)
    assert thoai_son.products == ("tranh-la-thot-not",)


def test_cho_moi_meets_its_target_once_its_three_products_go_to_the_provincial_round():
    records = round_1_records() + cho_moi_records()
    before = progress(plan_180(), records, on=date(2020, 6, 30))
    after = progress(plan_180(), records, on=date(2020, 7, 31))
    cho_moi = AN_GIANG_DISTRICTS.index("893")
    assert (before.targets[cho_moi].proposed, before.targets[cho_moi].registered) == (0, 3)
    assert after.targets[cho_moi].met
    assert "893" not in {gap.unit_code for gap in after.behind}
    assert len(after.behind) == 10


def test_a_province_target_on_exactly_four_stars_counts_the_two_four_star_products():
    target = Target(
        level="province",
        code="89",
        metric="certified",
        minimum=2,
        min_stars=4,
        max_stars=4,
        deadline=DEADLINE,
    )
    now = progress(plan_180(targets=(target,)), round_1_records(), on=date(2020, 6, 30))
    assert now.targets[0].certified == 2
    assert now.targets[0].evaluated == 2
    assert now.targets[0].proposed == 6  # stars do not apply before a product is ranked
    assert set(now.targets[0].products) == {"tranh-la-thot-not", "duong-thot-not-palmania"}
    assert now.met


def test_a_category_target_counts_only_products_of_that_category():
    target = Target(
        level="province",
        code="89",
        metric="certified",
        minimum=1,
        category="Lưu niệm – nội thất – trang trí",
        deadline=DEADLINE,
    )
    now = progress(plan_180(targets=(target,)), round_1_records(), on=date(2020, 6, 30))
    assert now.targets[0].products == ("tranh-la-thot-not",)


def test_a_group_target_counts_1048_products_by_the_groups_of_its_phu_luc_i():
    target = Target(
        level="province",
        code="89",
        metric="registered",
        minimum=1,
        group="Thực phẩm chế biến",
        deadline=DEADLINE,
    )
    now = progress(plan_180(targets=(target,)), round_1_records(), on=date(2020, 6, 30))
    assert now.targets[0].products == ("kho-ca-tra-phong", "lap-xuong-bo")


def test_events_before_the_plan_s_period_or_after_the_deadline_do_not_count():
    early = ProductRecord(product=ROUND_1[0][0], proposed_on=date(2019, 12, 20))
    late = ProductRecord(product=ROUND_1[1][0], proposed_on=date(2021, 1, 5))
    now = progress(plan_180(), [early, late], on=date(2021, 6, 30))
    assert sum(item.proposed for item in now.targets) == 0


def test_a_product_with_two_records_counts_once():
    first, _ = ROUND_1[0]
    records = [
        ProductRecord(product=first, proposed_on=date(2020, 2, 14)),
        ProductRecord(product=first, proposed_on=date(2020, 9, 1)),
    ]
    now = progress(plan_180(), records, on=date(2020, 12, 31))
    assert now.targets[-1].proposed == 1


def test_a_product_without_a_place_is_placed_where_its_subject_sits():
    unplaced = Product(id="p", name="Mắm", decision="1048", set_no=10, subject_id="s")
    owner = Subject(id="s", name="Hộ Ba Lộc", kind="household", address=in_district("887"))
    record = ProductRecord(product=unplaced, proposed_on=date(2020, 5, 1))
    assert progress(plan_180(), [record], on=date(2020, 6, 1)).targets[3].proposed == 0
    now = progress(plan_180(), [record], on=date(2020, 6, 1), subjects=[owner])
    assert now.targets[3].proposed == 1


def test_the_progress_renders_as_a_table_in_both_languages():
    now = progress(plan_180(), round_1_records(), on=date(2020, 6, 30))
    vi, en = now.render("vi"), now.render("en")
    assert "Kế hoạch số 180/KH-UBND" in vi
    assert "đạt 0/11 chỉ tiêu" in vi
    assert "Huyện Thoại Sơn" in vi
    assert "0 of 11 targets met" in en
    assert len(en.splitlines()) == 1 + 2 + 11


# -- across 1 July 2025 -------------------------------------------------------------------------


def kien_giang_plan():
    return Plan(
        issuer="UBND tỉnh Kiên Giang",
        number="50/KH-UBND",
        issued_on=date(2025, 3, 1),
        title="Kế hoạch thực hiện Chương trình OCOP năm 2025",
        period=DateRange.year(2025),
        province_code="91",
        targets=(
            Target(
                level="district",
                code="899",
                metric="proposed",
                minimum=2,
                deadline=date(2025, 12, 31),
            ),
            Target(
                level="district",
                code="903",
                metric="proposed",
                minimum=2,
                deadline=date(2025, 12, 31),
            ),
        ),
    )


def test_a_legacy_district_target_counts_products_placed_in_present_communes_it_fed():
    # Phường Vĩnh Thông (30760) was made from communes of Rạch Giá (899) and Hòn Đất (903).
    shared = Product(
        id="p1",
        name="Nước mắm",
        decision="148",
        set_no=9,
        subject_id="s",
        place=Address(era="present", commune_code="30760"),
    )
    # Xã Mỹ Lâm (30844) of Hòn Đất, placed in its legacy commune.
    legacy = Product(
        id="p2",
        name="Khô cá",
        decision="148",
        set_no=8,
        subject_id="s",
        place=Address(era="legacy", commune_code="30844"),
    )
    records = [
        ProductRecord(product=shared, proposed_on=date(2025, 8, 1)),
        ProductRecord(product=legacy, proposed_on=date(2025, 5, 1)),
    ]
    now = progress(kien_giang_plan(), records, on=date(2025, 9, 1))
    assert [item.proposed for item in now.targets] == [1, 2]
    assert now.targets[1].products == ("p1", "p2")


def test_a_present_commune_target_counts_a_split_legacy_commune_for_its_main_successor_only():
    # Xã Vĩnh Châu (30334) of Châu Đốc went into Phường Châu Đốc (most) and Phường Vĩnh Tế.
    plan = Plan(
        issuer="UBND tỉnh An Giang",
        number="12/KH-UBND",
        issued_on=date(2026, 1, 15),
        title="Kế hoạch OCOP năm 2026",
        period=DateRange.year(2026),
        province_code="91",
        targets=(
            Target(
                level="commune",
                code="30316",
                metric="registered",
                minimum=1,
                deadline=date(2026, 12, 31),
            ),
            Target(
                level="commune",
                code="30325",
                metric="registered",
                minimum=1,
                deadline=date(2026, 12, 31),
            ),
        ),
    )
    assert plan.era is Era.PRESENT
    mango = Product(
        id="xoai",
        name="Mãng cầu hoàng hậu",
        decision="148/2023",  # registered before 26/2026; placed in the units of its day
        set_no=1,
        subject_id="s",
        place=Address(era="legacy", commune_code="30334"),
    )
    now = progress(
        plan, [ProductRecord(product=mango, registered_on=date(2026, 3, 2))], on=date(2026, 4, 1)
    )
    assert [plan.unit_name(item.target) for item in now.targets] == [
        "Phường Châu Đốc",
        "Phường Vĩnh Tế",
    ]
    assert [item.registered for item in now.targets] == [1, 0]


def test_every_commune_of_the_new_an_giang_gets_a_target():
    targets = each_commune(91, minimum=1, metric="certified", deadline=date(2026, 12, 31))
    assert len(targets) == 102
    assert {target.level for target in targets} == {Level.COMMUNE}


# -- validation ---------------------------------------------------------------------------------


def test_a_plan_reports_every_problem_of_its_targets_at_once_with_their_paths():
    targets = (
        Target(level="district", code="999", metric="proposed", minimum=3, deadline=DEADLINE),
        Target(level="district", code="829", metric="proposed", minimum=3, deadline=DEADLINE),
        Target(
            level="district", code="883", metric="proposed", minimum=3, deadline=date(2020, 1, 1)
        ),
        Target(level="district", code="884", metric="proposed", minimum=3, deadline=DEADLINE),
        Target(level="district", code="884", metric="proposed", minimum=3, deadline=DEADLINE),
    )
    with pytest.raises(InputError) as caught:
        plan_180(targets=targets)
    found = [(problem.code, problem.path) for problem in caught.value.problems]
    assert found == [
        ("place.unknown_district", "$.targets[0].code"),
        ("plan.unit_outside_province", "$.targets[1].code"),
        ("plan.deadline_before_plan", "$.targets[2].deadline"),
        ("plan.duplicate_target", "$.targets[4]"),
    ]
    assert all(problem.message_vi and problem.message_en for problem in caught.value.problems)


def test_a_plan_of_the_present_era_may_not_name_districts():
    with pytest.raises(InputError) as caught:
        plan_180(
            issued_on=date(2025, 8, 1),
            province_code="91",
            period=DateRange.year(2025),
            targets=each_district(91, minimum=1, metric="proposed", deadline="2025-12-31"),
        )
    assert {problem.code for problem in caught.value.problems} == {"plan.no_districts"}
    assert caught.value.problems[0].path == "$.targets[0].level"


def test_a_plan_needs_a_target_and_a_province_of_its_era():
    with pytest.raises(InputError) as caught:
        plan_180(targets=(), province_code="97")
    assert [problem.code for problem in caught.value.problems] == [
        "place.unknown_province",
        "plan.no_targets",
    ]


def test_a_plan_s_era_may_be_given_for_units_of_another_day():
    plan = plan_180(
        issued_on=date(2025, 8, 1),
        era="legacy",
        period=DateRange.year(2025),
        targets=each_district(89, minimum=1, metric="proposed", deadline="2025-12-31"),
    )
    assert plan.era is Era.LEGACY


@pytest.mark.parametrize(
    ("fields", "code", "path"),
    [
        ({"minimum": 0}, "plan.bad_minimum", "$.minimum"),
        ({"code": "88"}, "place.bad_code", "$.code"),
        ({"level": "centre"}, "plan.bad_unit_level", "$.level"),
        ({"metric": "sold"}, "value.not_allowed", "$.metric"),
        ({"min_stars": 3}, "plan.stars_without_result", "$.min_stars"),
        ({"metric": "certified", "min_stars": 6}, "star.out_of_range", "$.min_stars"),
        (
            {"metric": "certified", "min_stars": 4, "max_stars": 3},
            "plan.stars_reversed",
            "$.max_stars",
        ),
        ({"metric": "certified", "max_stars": 2}, "plan.stars_not_certifiable", "$.max_stars"),
        ({"category": "Điện tử"}, "plan.unknown_category", "$.category"),
        ({"group": "Hoa quả nhập khẩu"}, "plan.unknown_group", "$.group"),
        ({"deadline": "2020-02-30"}, "date.invalid", "$.deadline"),
    ],
)
def test_a_target_refuses_what_cannot_be_measured(fields, code, path):
    base = {"level": "district", "code": "883", "metric": "proposed", "minimum": 3}
    with pytest.raises(InputError) as caught:
        Target(**{**base, "deadline": DEADLINE, **fields})
    assert (caught.value.code, caught.value.path) == (code, path)


def test_each_district_refuses_a_province_of_the_present_era():
    with pytest.raises(PlaceError) as caught:
        each_district(places_province_present(), minimum=1, metric="proposed", deadline=DEADLINE)
    assert caught.value.code == "place.wrong_era"


def places_province_present():
    from ocop import places

    return places.province(91)


def test_a_category_is_matched_whatever_its_case_and_normalisation():
    target = Target(
        level="province",
        code="89",
        metric="certified",
        minimum=1,
        category="  THỰC PHẨM ",
        deadline=DEADLINE,
    )
    now = progress(plan_180(targets=(target,)), round_1_records(), on=date(2020, 6, 30))
    assert now.targets[0].certified == 5


# -- periods ------------------------------------------------------------------------------------


def test_a_quarter_a_half_and_a_month_are_named_as_reports_name_them():
    assert DateRange.quarter(2020, 4) == DateRange(start="2020-10-01", end="2020-12-31")
    assert DateRange.quarter(2020, 4).label() == "Quý IV/2020"
    assert DateRange.half(2020, 2).label() == "6 tháng cuối năm 2020"
    assert DateRange.month(2024, 2) == DateRange(start="2024-02-01", end="2024-02-29")
    assert DateRange.month(2024, 2).label("en") == "February 2024"
    assert DateRange.year(2020).label("en") == "2020"
    assert DateRange(start="2020-04-10", end="2020-05-15").label() == "10/04/2020 – 15/05/2020"


def test_a_period_cannot_end_before_it_starts_nor_have_a_fifth_quarter():
    with pytest.raises(InputError) as caught:
        DateRange(start="2020-05-01", end="2020-04-30")
    assert (caught.value.code, caught.value.path) == ("period.end_before_start", "$.end")
    with pytest.raises(InputError) as caught:
        DateRange.quarter(2020, 5)
    assert caught.value.code == "period.bad_quarter"


def test_a_period_contains_both_its_ends():
    quarter = DateRange.quarter(2020, 2)
    assert quarter.contains(date(2020, 4, 1))
    assert quarter.contains(date(2020, 6, 30))
    assert not quarter.contains(date(2020, 7, 1))


# -- records ------------------------------------------------------------------------------------


OLD_FORMS = (
    Paper(kind="product_registration", issued_on=date(2019, 1, 2)),
    Paper(kind="business_plan", issued_on=date(2019, 1, 2)),
    Paper(kind="organisation_description", issued_on=date(2019, 1, 2)),
    Paper(kind="business_registration", number="5203000123", issued_on=date(2019, 1, 2)),
)
DISTRICT_PAPERS = (
    Paper(kind="district_request", issued_on=date(2020, 2, 14)),
    Paper(kind="council_minutes", issued_on=date(2020, 2, 12)),
)


def ranked(item, score, stars):
    value = Decimal(score)
    return Classification(
        decision=item.decision,
        set_no=item.set_no,
        product=item.id,
        score=value,
        band=StarRating.for_score(value),
        star=None if stars is None else StarRating(stars=stars),
        unmet=(),
    )


def filed_1048(item):
    owner = Subject(id=item.subject_id, name="Cơ sở Bảy Ngọc", kind="household_business")
    dossier = Dossier(
        id=f"d-{item.id}",
        subject=owner,
        product=item,
        evaluation_type="first",
        papers=OLD_FORMS,
        samples=5,
    )
    return Application.draft(dossier, on=date(2020, 1, 2)).file(on=date(2020, 1, 6))


def test_a_record_reads_the_days_of_a_1048_dossier_from_filing_to_certificate():
    tea = ROUND_1[2][0]
    app = (
        filed_1048(tea)
        .review(on=date(2020, 2, 3), by="district")
        .score(ranked(tea, "62.00", 3), on=date(2020, 2, 12), by="district")
        .send_up(on=date(2020, 2, 14), by="district", papers=DISTRICT_PAPERS)
        .review(on=date(2020, 3, 2), by="province")
        .score(ranked(tea, "61.40", 3), on=date(2020, 3, 11), by="province")
        .recognise(on=date(2020, 3, 20), by="province", decision_no="600/QĐ-UBND")
        .certify(on=date(2020, 3, 25), by="province", number="AG-2020-03", authority="UBND tỉnh")
    )
    record = record_of(app)
    assert record == ProductRecord(
        product=tea,
        registered_on=date(2020, 1, 6),
        proposed_on=date(2020, 2, 14),
        evaluated_on=date(2020, 3, 11),  # the district's pre-scoring recognises nothing in 1048
        score=Decimal("61.40"),
        star=3,
        certified_on=date(2020, 3, 25),
        certificate_number="AG-2020-03",
    )


def test_a_record_of_a_dossier_still_at_the_district_has_only_its_filing():
    record = record_of(filed_1048(ROUND_1[0][0]).review(on=date(2020, 2, 3), by="district"))
    assert record.registered_on == date(2020, 1, 6)
    assert (record.proposed_on, record.evaluated_on, record.star) == (None, None, None)


def test_a_record_of_a_refused_dossier_keeps_its_ranked_star():
    rice = ROUND_1[3][0]
    app = (
        filed_1048(rice)
        .review(on=date(2020, 2, 3), by="district")
        .score(ranked(rice, "55.00", 3), on=date(2020, 2, 12), by="district")
        .send_up(on=date(2020, 2, 14), by="district", papers=DISTRICT_PAPERS)
        .review(on=date(2020, 3, 2), by="province")
        .score(ranked(rice, "45.00", 2), on=date(2020, 3, 11), by="province")
        .refuse(on=date(2020, 3, 20), by="province", decision_no="601/QĐ-UBND")
    )
    record = record_of(app)
    assert (record.star, record.score, record.certified_on) == (2, Decimal("45.00"), None)


@pytest.mark.parametrize(
    ("fields", "code", "path"),
    [
        (
            {"proposed_on": date(2020, 3, 1), "evaluated_on": date(2020, 2, 1)},
            "record.dates_out_of_order",
            "$.evaluated_on",
        ),
        ({"certified_on": date(2020, 3, 25)}, "record.star_missing", "$.star"),
        ({"certified_on": date(2020, 3, 25), "star": 2}, "record.not_certifiable", "$.star"),
        ({"certificate_number": "AG-1"}, "record.number_without_certificate", "$.certified_on"),
        ({"score": "101"}, "score.out_of_range", "$.score"),
    ],
)
def test_a_record_refuses_impossible_histories(fields, code, path):
    with pytest.raises(InputError) as caught:
        ProductRecord(product=ROUND_1[0][0], **fields)
    assert (caught.value.code, caught.value.path) == (code, path)


# -- JSON ---------------------------------------------------------------------------------------


def test_a_plan_and_its_progress_are_written_to_json_and_read_back_unchanged():
    plan = plan_180()
    now = progress(plan, round_1_records(), on=date(2020, 6, 30))
    for cls, value in ((Plan, plan), (Progress, now), (ProductRecord, round_1_records()[0])):
        data = _structure.unstructure(value)
        problems = []
        assert _structure.structure(cls, data, "$", problems) == value
        assert problems == []
    assert _structure.unstructure(plan)["targets"][0] == {
        "level": "district",
        "code": "883",
        "metric": "proposed",
        "minimum": 3,
        "deadline": "2020-12-31",
    }


def test_a_plan_has_a_json_schema_derived_from_its_fields():
    schema = _schemagen.schema_for("plan", Plan)
    assert schema["required"] == [
        "issuer",
        "number",
        "issued_on",
        "title",
        "period",
        "province_code",
        "targets",
    ]
    assert schema["$defs"]["Target"]["properties"]["metric"]["enum"] == [m.value for m in Metric]


def test_a_plan_read_from_json_reports_its_problems_at_their_paths():
    data = _structure.unstructure(plan_180())
    data["targets"][1]["minimum"] = 0
    data["targets"][2]["metric"] = "sold"
    problems = []
    assert _structure.failed(_structure.structure(Plan, data, "$", problems))
    assert [(p.code, p.path) for p in problems] == [
        ("plan.bad_minimum", "$.targets[1].minimum"),
        ("value.not_allowed", "$.targets[2].metric"),
    ]


# -- properties ---------------------------------------------------------------------------------

DAYS = st.dates(min_value=date(2019, 12, 1), max_value=date(2021, 2, 1)).map(
    lambda day: date(day.year, day.month, day.day)
)


@st.composite
def histories(draw):
    """A record with steps in order, each step reached or not."""
    district = draw(st.sampled_from(AN_GIANG_DISTRICTS))
    days = sorted(draw(st.lists(DAYS, min_size=4, max_size=4)))
    reached = draw(st.lists(st.booleans(), min_size=4, max_size=4))
    star = draw(st.integers(min_value=1, max_value=5))
    certified = reached[3] and star >= 3
    number = draw(st.integers(0, 3))
    item = product(f"{district}-{number}", "Sản phẩm", draw(st.integers(1, 26)), district)
    return ProductRecord(
        product=item,
        registered_on=days[0] if reached[0] else None,
        proposed_on=days[1] if reached[1] else None,
        evaluated_on=days[2] if reached[2] else None,
        star=star if reached[2] or certified else None,
        certified_on=days[3] if certified else None,
    )


PROPERTY_PLAN = plan_180(
    targets=(
        *each_district(89, minimum=3, metric="proposed", deadline=date(2020, 9, 30)),
        Target(
            level="province",
            code="89",
            metric="certified",
            minimum=5,
            min_stars=4,
            deadline=DEADLINE,
        ),
    )
)


@settings(max_examples=60, deadline=None)
@given(st.lists(histories(), max_size=25), DAYS, DAYS)
def test_counts_never_decrease_as_the_day_advances(records, one, other):
    earlier, later = sorted((one, other))
    before = progress(PROPERTY_PLAN, records, on=earlier)
    after = progress(PROPERTY_PLAN, records, on=later)
    for old, new in zip(before.targets, after.targets, strict=True):
        for metric in Metric:
            assert old.count(metric) <= new.count(metric)
        assert set(old.products) <= set(new.products)
    assert {gap.unit_code for gap in after.behind} <= {gap.unit_code for gap in before.behind}


@settings(max_examples=60, deadline=None)
@given(st.lists(histories(), max_size=25), DAYS)
def test_the_districts_add_up_to_the_province_when_every_product_has_one_district(records, day):
    districts = progress(PROPERTY_PLAN, records, on=day).targets[:11]
    whole = progress(
        plan_180(
            targets=(
                Target(
                    level="province",
                    code="89",
                    metric="proposed",
                    minimum=1,
                    deadline=date(2020, 9, 30),
                ),
            )
        ),
        records,
        on=day,
    ).targets[0]
    for metric in Metric:
        assert sum(item.count(metric) for item in districts) == whole.count(metric)


def test_a_product_at_an_address_of_2021_counts_in_the_district_and_province_of_then():
    # Xã Thanh Xá (10852), Thanh Hà (294), Hải Dương (30): merged in 2024, so only the units of
    # 2021 name it.
    vai = Product(
        id="p1",
        name="Vải thiều",
        decision="1048",
        set_no=1,
        subject_id="s",
        place=Address(era="legacy", commune_code="10852", written_on="2021-06-01"),
    )
    record = ProductRecord(product=vai, proposed_on=date(2025, 3, 1))
    target = {"metric": "proposed", "minimum": 1, "deadline": date(2025, 12, 31)}
    plan = Plan(
        issuer="UBND tỉnh Hải Dương",
        number="1/KH-UBND",
        issued_on=date(2025, 1, 2),
        title="Kế hoạch OCOP năm 2025",
        period=DateRange.year(2025),
        province_code="30",
        targets=(
            Target(level="district", code="294", **target),
            Target(level="province", code="30", **target),
        ),
    )
    now = progress(plan, [record], on=date(2025, 9, 1))
    assert [item.proposed for item in now.targets] == [1, 1]
