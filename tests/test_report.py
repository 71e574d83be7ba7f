"""Periodic reports and rows for analysis, on An Giang's first OCOP products of 2020.

Real facts: round 1 of 2020 in An Giang recognised six products — tranh lá thốt nốt
(Thoại Sơn, 4★), đường thốt nốt sệt Palmania (Tri Tôn, 4★), trà xạ đen (Long Xuyên, 3★), gạo
thơm Ngọc Nhân (Châu Thành, 3★), khô cá tra phồng (Châu Đốc, 3★), lạp xưởng bò (Tân Châu, 3★);
certificates last 36 months. Certificate numbers, days, product sets and subjects' kinds are
illustrative.
"""

import csv
import io
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocop import InputError, PlaceError, _structure, places
from ocop.calendar import date
from ocop.certificate import Certificate, Revocation
from ocop.plan import DateRange, ProductRecord
from ocop.product import Product
from ocop.report import COLUMNS, Report, periodic_report, rows, write_csv
from ocop.subject import Address, Subject

AN_GIANG_DISTRICTS = ("883", "884", "886", "887", "888", "889", "890", "891", "892", "893", "894")
ROUND_1 = (
    ("tranh-la-thot-not", "Tranh lá thốt nốt", 23, "894", 4, "household_business"),
    ("duong-thot-not-palmania", "Đường thốt nốt sệt Palmania", 4, "891", 4, "enterprise"),
    ("tra-xa-den", "Trà xạ đen", 13, "883", 3, "enterprise"),
    ("gao-ngoc-nhan", "Gạo thơm Ngọc Nhân", 3, "892", 3, "cooperative"),
    ("kho-ca-tra-phong", "Khô cá tra phồng", 9, "884", 3, "household_business"),
    ("lap-xuong-bo", "Lạp xưởng bò", 8, "887", 3, "household_business"),
)


def products():
    return [
        Product(
            id=id,
            name=name,
            decision="1048",
            set_no=set_no,
            subject_id=f"s-{id}",
            place=Address(era="legacy", district_code=district),
        )
        for id, name, set_no, district, _, _ in ROUND_1
    ]


def subjects():
    return [
        Subject(id=f"s-{id}", name=f"Chủ thể {name}", kind=kind)
        for id, name, _, _, _, kind in ROUND_1
    ]


ROUND_1_ISSUED = date(2020, 3, 25)


def certificate(product_id, stars, number, issued=ROUND_1_ISSUED, **changes):
    fields = {
        "number": number,
        "product_id": product_id,
        "subject_id": f"s-{product_id}",
        "stars": stars,
        "level": "province",
        "authority": "UBND tỉnh An Giang",
        "decision_no": "600/QĐ-UBND",
        "decision_date": issued,
        "issued_on": issued,
    }
    fields.update(changes)
    return Certificate(**fields)


def certificates():
    return [
        certificate(id, stars, f"AG-2020-{index:02d}")
        for index, (id, _, _, _, stars, _) in enumerate(ROUND_1, start=1)
    ]


def records():
    return [
        ProductRecord(
            product=item,
            proposed_on=date(2020, 2, 14),
            evaluated_on=date(2020, 3, 11),
            score=Decimal("72.50") if stars == 4 else Decimal("61.00"),
            star=stars,
            certified_on=date(2020, 3, 25),
            certificate_number=f"AG-2020-{index:02d}",
        )
        for index, (item, (_, _, _, _, stars, _)) in enumerate(
            zip(products(), ROUND_1, strict=True), start=1
        )
    ]


def quarter_1(**changes):
    fields = {
        "period": DateRange.quarter(2020, 1),
        "issuer": "UBND tỉnh An Giang",
        "province": 89,
        "subjects": subjects(),
        "records": records(),
        "certificates": certificates(),
        "number": "45/BC-UBND",
    }
    fields.update(changes)
    return periodic_report(products(), **fields)


def line(table, key):
    return next(item for item in table if item.key == key)


# -- the quarterly report -----------------------------------------------------------------------


def test_the_first_quarter_of_2020_reports_two_four_star_and_four_three_star_products():
    report = quarter_1()
    stars = {item.key: (item.evaluated, item.recognised, item.in_force) for item in report.by_star}
    assert stars == {"5": (0, 0, 0), "4": (2, 2, 2), "3": (4, 4, 4)}
    assert [item.key for item in report.by_star] == ["5", "4", "3"]
    assert report.certificates.issued == tuple(f"AG-2020-{n:02d}" for n in range(1, 7))


def test_the_report_lists_every_legacy_district_of_an_giang_with_the_six_that_have_products():
    report = quarter_1()
    assert [item.key for item in report.by_unit] == list(AN_GIANG_DISTRICTS)
    with_products = {item.label_vi for item in report.by_unit if item.recognised}
    assert with_products == {
        "Thành phố Long Xuyên",
        "Thành phố Châu Đốc",
        "Thị xã Tân Châu",
        "Huyện Tri Tôn",
        "Huyện Châu Thành",
        "Huyện Thoại Sơn",
    }
    assert report.total.recognised == 6


def test_the_report_counts_by_category_group_and_kind_of_subject():
    report = quarter_1()
    assert [(item.key, item.recognised) for item in report.by_category] == [
        ("Thực phẩm", 5),
        ("Lưu niệm – nội thất – trang trí", 1),
    ]
    assert [(item.key, item.recognised) for item in report.by_group] == [
        ("Thực phẩm thô, sơ chế", 2),
        ("Thực phẩm chế biến", 2),
        ("Chè", 1),
        ("Thủ công mỹ nghệ, trang trí", 1),
    ]
    kinds = {item.key: item.recognised for item in report.by_subject_kind}
    assert kinds == {"cooperative": 1, "enterprise": 2, "household_business": 3}


def test_the_second_quarter_has_no_new_product_but_six_still_in_force():
    report = quarter_1(period=DateRange.quarter(2020, 2))
    assert (report.total.evaluated, report.total.recognised, report.total.in_force) == (0, 0, 6)
    assert report.certificates.issued == ()


def test_the_first_quarter_of_2023_reports_the_certificates_reaching_expiry():
    renewed = certificate("tra-xa-den", 3, "AG-2023-11", issued=date(2023, 3, 1))
    old = [
        cert.supersede(renewed) if cert.product_id == "tra-xa-den" else cert
        for cert in certificates()
    ]
    report = quarter_1(period=DateRange.quarter(2023, 1), certificates=[*old, renewed])
    assert report.certificates.expiring == tuple(f"AG-2020-{n:02d}" for n in range(1, 7))
    assert "AG-2020-03" not in report.certificates.expired  # superseded by its renewal
    assert len(report.certificates.expired) == 5
    assert report.certificates.issued == ("AG-2023-11",)
    assert report.total.in_force == 1


def test_a_revocation_in_the_period_is_reported():
    revoked = certificate(
        "lap-xuong-bo",
        3,
        "AG-2020-06",
        revocation=Revocation(
            ground="stopped_producing",
            found_on=date(2021, 5, 3),
            decided_on=date(2021, 5, 10),
            decision_no="1000/QĐ-UBND",
            level="province",
        ),
    )
    others = [cert for cert in certificates() if cert.number != "AG-2020-06"]
    report = quarter_1(period=DateRange.quarter(2021, 2), certificates=[*others, revoked])
    assert report.certificates.revoked == ("AG-2020-06",)
    assert line(report.by_unit, "887").in_force == 0
    assert report.total.in_force == 5


def test_an_eliminated_product_is_counted_as_evaluated_without_a_star():
    failed = Product(
        id="gao-mam",
        name="Gạo nảy mầm",
        decision="1048",
        set_no=3,
        subject_id="s-x",
        place=Address(era="legacy", district_code="894"),
    )
    report = quarter_1(
        records=[*records(), ProductRecord(product=failed, evaluated_on=date(2020, 3, 11))]
    )
    assert line(report.by_star, "unranked").evaluated == 1
    assert report.total.evaluated == 7
    assert line(report.by_subject_kind, "").evaluated == 1  # its subject is not given


def test_the_report_leaves_out_products_of_other_provinces():
    elsewhere = Product(
        id="keo-dua",
        name="Kẹo dừa",
        decision="1048",
        set_no=7,
        subject_id="s-bt",
        place=Address(era="legacy", commune_code="28780"),
    )
    report = quarter_1(
        records=[*records(), ProductRecord(product=elsewhere, evaluated_on=date(2020, 3, 1))]
    )
    assert report.total.evaluated == 6


def test_a_present_era_report_counts_by_commune_and_places_legacy_products_in_their_successors():
    tea = Product(
        id="tra",
        name="Trà xạ đen",
        decision="148",
        set_no=12,
        subject_id="s",
        place=Address(era="legacy", commune_code="30307"),
    )
    cert = certificate("tra", 3, "AG-2025-01", issued=date(2025, 8, 4))
    report = periodic_report(
        [tea],
        period=DateRange.quarter(2025, 3),
        issuer="UBND tỉnh An Giang",
        province=91,
        certificates=[cert],
    )
    assert report.era is places.Era.PRESENT
    assert [(item.key, item.label_vi, item.recognised) for item in report.by_unit] == [
        ("30307", "Phường Long Xuyên", 1)
    ]


def test_a_report_without_a_province_counts_by_province():
    report = periodic_report(
        products(), period=DateRange.year(2020), issuer="Bộ NN&PTNT", certificates=certificates()
    )
    assert [(item.key, item.in_force) for item in report.by_unit] == [("89", 6)]
    assert report.province_code is None
    assert "Toàn quốc" in report.render()


def test_a_product_of_a_present_commune_made_from_two_districts_is_under_the_unknown_unit():
    shared = Product(
        id="p",
        name="Nước mắm",
        decision="148",
        set_no=9,
        subject_id="s",
        place=Address(era="present", commune_code="30760"),
    )
    report = periodic_report(
        [shared],
        period=DateRange.half(2025, 1),
        issuer="UBND tỉnh Kiên Giang",
        province=91,
        era="legacy",
        records=[ProductRecord(product=shared, evaluated_on=date(2025, 3, 3), star=3)],
    )
    assert line(report.by_unit, "").evaluated == 1
    assert report.total.evaluated == 1


def test_a_certificate_of_a_product_not_given_is_refused_at_its_path():
    stray = certificate("khong-co", 3, "AG-9")
    with pytest.raises(InputError) as caught:
        quarter_1(certificates=[*certificates(), stray])
    assert (caught.value.code, caught.value.path) == (
        "report.unknown_product",
        "$.certificates[6].product_id",
    )


def test_a_province_of_the_wrong_era_is_refused():
    with pytest.raises(PlaceError) as caught:
        quarter_1(province=places.province(91))
    assert caught.value.code == "place.wrong_era"


def test_the_report_renders_in_vietnamese_and_english():
    report = quarter_1()
    vi, en = report.render("vi"), report.render("en")
    assert vi.splitlines()[0] == "Báo cáo kết quả thực hiện Chương trình OCOP — Quý I/2020"
    assert "UBND tỉnh An Giang; số 45/BC-UBND; Tỉnh An Giang (89); 01/01/2020 – 31/03/2020" in vi
    assert "- Cấp mới trong kỳ: 6 (AG-2020-01" in vi
    assert en.splitlines()[0] == "Report on the OCOP programme — Q1 2020"
    total = next(row for row in en.splitlines() if row.startswith("Total"))
    assert total.split()[1:] == ["6", "6", "6"]


def test_a_report_is_written_to_json_and_read_back_unchanged():
    report = quarter_1()
    data = _structure.unstructure(report)
    problems = []
    assert _structure.structure(Report, data, "$", problems) == report
    assert problems == []
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


# -- rows ---------------------------------------------------------------------------------------


def test_rows_have_the_stable_columns_and_plain_values():
    found = rows(
        products(),
        on=date(2020, 6, 30),
        subjects=subjects(),
        records=records(),
        certificates=certificates(),
    )
    assert len(found) == 6
    assert all(tuple(row) == COLUMNS for row in found)
    assert all(
        value is None or type(value) in (str, int, float) for row in found for value in row.values()
    )
    palmania = found[1]
    assert palmania["product_name"] == "Đường thốt nốt sệt Palmania"
    assert (palmania["decision"], palmania["set_no"]) == ("1048/2019", 4)
    assert (palmania["district_code"], palmania["district"]) == ("891", "Huyện Tri Tôn")
    assert (palmania["legacy_province_code"], palmania["province_code"]) == ("89", "91")
    assert palmania["commune_code"] is None  # a district alone names no present commune
    assert (palmania["star"], palmania["score"]) == (4, 72.5)
    assert palmania["certificate_expires_on"] == "2023-03-25"
    assert palmania["certificate_status"] == "valid"
    assert palmania["subject_kind"] == "enterprise"


def test_rows_show_things_as_they_stood_on_the_day_asked():
    early = rows(products(), on=date(2020, 3, 1), records=records(), certificates=certificates())
    assert early[0]["proposed_on"] == "2020-02-14"
    assert early[0]["evaluated_on"] is None
    assert (early[0]["star"], early[0]["score"], early[0]["certificate_number"]) == (
        None,
        None,
        None,
    )
    late = rows(products(), on=date(2023, 6, 1), certificates=certificates())
    assert {row["certificate_status"] for row in late} == {"expired"}


def test_a_product_placed_in_a_legacy_commune_has_its_present_commune():
    tea = Product(
        id="tra",
        name="Trà",
        decision="1048",
        set_no=13,
        subject_id="s",
        place=Address(era="legacy", commune_code="30307"),
    )
    (row,) = rows([tea], on=date(2026, 1, 1))
    assert (row["legacy_commune_code"], row["legacy_commune"]) == ("30307", "Phường Mỹ Hòa")
    assert (row["commune_code"], row["commune"]) == ("30307", "Phường Long Xuyên")
    assert (row["district"], row["province"]) == ("Thành phố Long Xuyên", "Tỉnh An Giang")


def test_rows_go_to_csv_with_a_byte_order_mark_for_excel_and_read_back(tmp_path):
    found = rows(products(), on=date(2020, 6, 30), subjects=subjects(), records=records())
    path = tmp_path / "ocop.csv"
    write_csv(found, path, bom=True)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as file:
        read = list(csv.DictReader(file))
    assert list(read[0]) == list(COLUMNS)
    assert read[0]["product_name"] == "Tranh lá thốt nốt"
    assert read[0]["certificate_number"] == ""
    assert [row["star"] for row in read] == ["4", "4", "3", "3", "3", "3"]


def test_rows_go_to_an_open_text_file_and_an_empty_list_still_has_its_header():
    out = io.StringIO()
    write_csv([], out)
    assert out.getvalue() == ",".join(COLUMNS) + "\r\n"
    marked = io.StringIO()
    write_csv([{"a": "Châu Đốc"}], marked, bom=True)
    assert marked.getvalue() == "\ufeffa\r\nChâu Đốc\r\n"


def test_rows_refuse_a_certificate_of_a_product_not_given():
    with pytest.raises(InputError) as caught:
        rows([], on=date(2020, 6, 30), certificates=certificates()[:1])
    assert caught.value.code == "report.unknown_product"


# -- properties ---------------------------------------------------------------------------------

DAYS = st.dates(min_value=date(2019, 10, 1), max_value=date(2021, 3, 31)).map(
    lambda day: date(day.year, day.month, day.day)
)
KINDS = ("household_business", "enterprise", "cooperative")


@st.composite
def programmes(draw):
    """Products placed in An Giang's districts (or nowhere), with records and certificates."""
    count = draw(st.integers(min_value=0, max_value=12))
    items, history, certs, owners = [], [], [], []
    for n in range(count):
        district = draw(st.sampled_from((*AN_GIANG_DISTRICTS, None)))
        set_no = draw(st.integers(min_value=1, max_value=26))
        place = None if district is None else Address(era="legacy", district_code=district)
        item = Product(
            id=f"p{n}",
            name="Sản phẩm",
            decision="1048",
            set_no=set_no,
            subject_id=f"s{n}",
            place=place,
        )
        items.append(item)
        if draw(st.booleans()):
            owners.append(Subject(id=f"s{n}", name="Chủ thể", kind=draw(st.sampled_from(KINDS))))
        for _ in range(draw(st.integers(min_value=0, max_value=2))):
            star = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=5)))
            history.append(ProductRecord(product=item, evaluated_on=draw(DAYS), star=star))
        for k in range(draw(st.integers(min_value=0, max_value=2))):
            certs.append(
                certificate(
                    item.id,
                    draw(st.integers(min_value=3, max_value=5)),
                    f"C{n}-{k}",
                    issued=draw(DAYS),
                )
            )
    return items, history, certs, owners


PERIODS = st.sampled_from(
    (
        DateRange.quarter(2020, 1),
        DateRange.quarter(2020, 3),
        DateRange.year(2020),
        DateRange.half(2021, 1),
    )
)


@settings(max_examples=60, deadline=None)
@given(programmes(), PERIODS)
def test_every_table_adds_up_to_the_province_total(programme, period):
    items, history, certs, owners = programme
    report = periodic_report(
        items,
        period=period,
        issuer="UBND tỉnh An Giang",
        province=89,
        subjects=owners,
        records=history,
        certificates=certs,
    )
    evaluated = {r.product.id for r in history if period.contains(r.evaluated_on)}
    recognised = {c.product_id for c in certs if period.contains(c.issued_on)}
    in_force = {c.product_id for c in certs if c.in_force(period.end)}
    expected = (len(evaluated), len(recognised), len(in_force))
    for table in (
        report.by_unit,
        report.by_star,
        report.by_category,
        report.by_group,
        report.by_subject_kind,
    ):
        sums = tuple(
            sum(getattr(item, column) for item in table)
            for column in ("evaluated", "recognised", "in_force")
        )
        assert sums == expected
    total = report.total
    assert (total.evaluated, total.recognised, total.in_force) == expected


@settings(max_examples=40, deadline=None)
@given(programmes(), DAYS)
def test_rows_survive_a_trip_through_csv(programme, day):
    items, history, certs, owners = programme
    found = rows(items, on=day, subjects=owners, records=history, certificates=certs)
    out = io.StringIO()
    write_csv(found, out)
    read = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert read == [
        {key: "" if value is None else str(value) for key, value in row.items()} for row in found
    ]


def test_a_row_names_the_legacy_units_of_the_day_its_address_was_written():
    from ocop import Address, Product
    from ocop.calendar import date
    from ocop.plan import ProductRecord
    from ocop.report import rows

    vai = Product(
        id="p1",
        name="Vải thiều",
        decision="1048",
        set_no=1,
        subject_id="s",
        place=Address(era="legacy", commune_code="10852", written_on="2021-06-01"),
    )
    record = ProductRecord(product=vai, proposed_on=date(2021, 6, 1))
    (row,) = rows([vai], records=[record], on=date(2021, 12, 31))
    assert (row["legacy_province"], row["district"], row["legacy_commune"]) == (
        "Tỉnh Hải Dương",
        "Huyện Thanh Hà",
        "Xã Thanh Xá",
    )
    assert (row["province"], row["commune"]) == ("Thành phố Hải Phòng", None)
