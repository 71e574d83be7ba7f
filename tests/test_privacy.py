"""Personal data of households are masked in every text output unless revealed."""

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop import json as ocop_json
from ocop import privacy
from ocop.calendar import date
from ocop.certificate import Certificate
from ocop.cli import main
from ocop.dossier import Dossier, Registration
from ocop.errors import InputError, Problem
from ocop.evaluation import Application
from ocop.plan import DateRange
from ocop.product import Product
from ocop.report import periodic_report, rows, write_csv
from ocop.subject import Address, Contact, Representative, Subject

PERSONAL_NUMBER = "001203012345"
PHONE = "0912 345 678"
HOME = "Số 12, khóm Đông Thịnh"
SECRETS = (PERSONAL_NUMBER, PHONE, "345 678", HOME, "Đông Thịnh")


def household(tax_code=PERSONAL_NUMBER, kind="household_business"):
    return Subject(
        id="ho-hoa",
        name="Hộ kinh doanh Nguyễn Thị Hoa",
        kind=kind,
        tax_code=tax_code,
        representative=Representative(name="Nguyễn Thị Hoa", gender="female"),
        address=Address(era="legacy", commune_code="30307", detail=HOME),
        contact=Contact(phone=PHONE, email="hoa@example.vn"),
    )


def fish(owner):
    return Product(
        id="kho-ca-loc",
        name="Khô cá lóc",
        decision="26/2026",
        set_no=8,
        subject_id=owner.id,
        place=Address(era="present", commune_code="30307", detail=HOME),
    )


def application():
    owner = household()
    product = fish(owner)
    registration = Registration(
        subject=owner,
        product=product,
        evaluation_type="first",
        province="An Giang",
        year=2026,
        signed_on=date(2026, 6, 1),
    )
    dossier = Dossier(
        id="d1", subject=owner, product=product, evaluation_type="first", registration=registration
    )
    return Application.draft(dossier, on=date(2026, 6, 1))


def assert_masked(text):
    for secret in SECRETS:
        assert secret not in text, secret


def test_the_masking_rule_keeps_the_last_three_digits_and_hides_the_address_detail():
    assert privacy.mask_number(PERSONAL_NUMBER) == "*********345"
    assert privacy.mask_phone(PHONE) == "**** *** 678"
    assert privacy.mask_phone("+84 912 345 678") == "+** *** *** 678"
    assert privacy.mask_address(HOME) == "***"
    assert privacy.mask_text(f"CCCD {PERSONAL_NUMBER}; mã DN 0312687878; 1234567890123") == (
        "CCCD *********345; mã DN 0312687878; 1234567890123"
    )


def test_the_repr_of_subjects_products_and_applications_masks_personal_data():
    owner = household()
    for value in (owner, owner.contact, owner.address, fish(owner), application()):
        assert_masked(repr(value))
    assert "*********345" in repr(owner)
    assert "**** *** 678" in repr(owner)
    assert "detail='***'" in repr(owner.address)


def test_the_data_stay_whole_in_the_objects_and_in_the_json_contract():
    owner = household()
    assert (owner.tax_code, owner.contact.phone, owner.address.detail) == (
        PERSONAL_NUMBER,
        PHONE,
        HOME,
    )
    text = ocop_json.dumps(owner)
    for secret in (PERSONAL_NUMBER, PHONE, HOME):
        assert secret in text
    assert ocop_json.loads("subject", text) == owner


def test_a_household_s_ten_digit_tax_code_is_its_householder_s_and_is_masked():
    assert "*******878" in repr(household(tax_code="0312687878"))
    assert "0312687878" not in repr(household(tax_code="0312687878"))


def test_an_enterprise_s_tax_code_is_public_and_shown():
    palmania = Subject(
        id="p", name="Công ty Cổ phần Palmania", kind="enterprise", tax_code="0312687878"
    )
    assert "tax_code='0312687878'" in repr(palmania)
    assert ocop_json.dump(palmania, redact=True)["tax_code"] == "0312687878"


def test_the_address_is_written_masked_unless_revealed():
    place = household().address
    assert place.describe() == "***, Phường Mỹ Hòa, Thành phố Long Xuyên, Tỉnh An Giang"
    assert place.describe(reveal=True).startswith(HOME)


def test_a_redacted_dump_is_a_shareable_copy_of_a_whole_application():
    app = application()
    shared = ocop_json.dumps(app, redact=True)
    assert_masked(shared)
    data = json.loads(shared)
    assert data["dossier"]["subject"]["tax_code"] == "*********345"
    assert data["dossier"]["registration"]["subject"]["contact"]["phone"] == "**** *** 678"
    assert data["dossier"]["product"]["place"]["detail"] == "***"
    assert data["dossier"]["subject"]["contact"]["email"] == "hoa@example.vn"
    unredacted = ocop_json.dump(app)
    for path in (("history_hash",), ("dossier", "subject", "name"), ("events",)):
        here, there = data, unredacted
        for key in path:
            here, there = here[key], there[key]
        assert here == there


def test_errors_mask_personal_data_in_their_messages_values_and_repr():
    with pytest.raises(InputError) as raised:
        Contact(phone="0912 345 67x")
    error = raised.value
    assert error.value == "0912 345 67x"  # the data stay in the error, for the caller
    assert error.problems[0].shown_value() == "**** **5 67x"
    assert "0912 345 67" not in repr(error.problems[0])
    problem = Problem(
        code="x.y",
        path="$.note",
        value=f"CCCD {PERSONAL_NUMBER}",
        message_vi=f"Số {PERSONAL_NUMBER} đã dùng",
        message_en=f"{PERSONAL_NUMBER} used",
    )
    assert_masked(problem.describe("vi") + problem.describe("en") + repr(problem))
    assert PERSONAL_NUMBER in problem.describe("en", reveal=True)
    assert problem.shown_value(reveal=True) == f"CCCD {PERSONAL_NUMBER}"


def test_a_personal_number_given_as_a_number_is_masked_in_problems_too():
    with pytest.raises(InputError) as raised:
        ocop_json.load(
            "subject",
            {
                "id": "x",
                "name": "X",
                "kind": "household",
                "tax_code": 1203012345,
                "contact": {"phone": 912345678},
            },
        )
    shown = [problem.shown_value() for problem in raised.value.problems]
    assert set(shown) == {"******678", "*******345"}
    assert privacy.mask_value("$.note", 1203012345) == 1203012345
    assert privacy.mask_value("$.note", 120301234567) == "*********567"


def test_reports_rows_and_csv_carry_no_personal_data():
    owner = household()
    product = fish(owner)
    cert = Certificate(
        number="12/GCN-UBND",
        product_id=product.id,
        subject_id=owner.id,
        stars=4,
        level="province",
        authority="UBND tỉnh An Giang",
        decision_no="1234/QĐ-UBND",
        decision_date=date(2026, 6, 19),
        issued_on=date(2026, 6, 19),
    )
    report = periodic_report(
        [product],
        period=DateRange.year(2026),
        issuer="UBND tỉnh An Giang",
        subjects=[owner],
        certificates=[cert],
    )
    out = io.StringIO()
    table = rows([product], on=date(2026, 12, 31), subjects=[owner], certificates=[cert])
    write_csv(table, out)
    assert_masked(report.render("vi") + report.render("en") + repr(report) + out.getvalue())
    assert "Khô cá lóc" in out.getvalue()


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_the_command_masks_personal_data_in_problems_unless_asked_to_reveal(tmp_path):
    data = ocop_json.dump(household())
    data["contact"]["phone"] = "0912 345 67x"
    data["address"]["commune_code"] = "99999"
    path = tmp_path / "subject.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for argv in (
        ("validate", str(path), "--kind", "subject"),
        ("--json", "validate", str(path), "--kind", "subject"),
    ):
        code, out, err = _run(*argv)
        assert code == 1
        assert "0912 345 67" not in out + err
    code, out, _ = _run(
        "--json", "--reveal-personal-data", "validate", str(path), "--kind", "subject"
    )
    assert code == 1
    assert "0912 345 67x" in out


@given(st.from_regex(r"\A[0-9]{12}\Z"))
def test_no_personal_identification_number_shows_in_any_text_output(number):
    owner = household(tax_code=number)
    texts = [repr(owner), ocop_json.dumps(owner, redact=True), repr(application())]
    problem = Problem(
        code="c", path="$.tax_code", value=number, message_vi=number, message_en=f"({number})"
    )
    texts += [
        problem.describe("vi"),
        problem.describe("en"),
        repr(problem),
        str(problem.shown_value()),
    ]
    for text in texts:
        assert number not in text
