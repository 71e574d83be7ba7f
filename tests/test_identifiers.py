import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.vn import mst

from ocop import TaxCodeError, identifiers

# Tax codes of well-known enterprises, as printed on their invoices and registrations.
REAL_CODES = [
    "0100109106",  # Tập đoàn Công nghiệp - Viễn thông Quân đội (Viettel)
    "0100684378",  # Tập đoàn Bưu chính Viễn thông Việt Nam (VNPT)
    "0300588569",  # Công ty Cổ phần Sữa Việt Nam (Vinamilk)
    "0100107518",  # Tổng công ty Hàng không Việt Nam (Vietnam Airlines)
    "0101248141",  # Công ty Cổ phần FPT
]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_enterprise_tax_codes_are_valid(code):
    assert identifiers.validate(code) == code
    assert identifiers.kind(code) == "enterprise"


def test_a_branch_code_keeps_its_parent_and_formats_with_a_dash():
    assert identifiers.validate("0312687878-001") == "0312687878001"
    assert identifiers.format("0312687878001") == "0312687878-001"
    assert identifiers.kind("0312687878-001") == "branch"


def test_a_wrong_check_digit_is_reported_with_code_and_path():
    with pytest.raises(TaxCodeError) as caught:
        identifiers.validate("0312687877", path="$.subject.tax_code")
    assert caught.value.code == "tax_code.bad_checksum"
    assert caught.value.path == "$.subject.tax_code"
    assert caught.value.value == "0312687877"
    assert "check digit" in caught.value.message("en")
    assert "kiểm tra" in caught.value.message("vi")


def test_a_tax_code_error_is_also_a_value_error():
    with pytest.raises(ValueError, match=r"tax_code\.bad_length"):
        identifiers.validate("12345")


def test_a_personal_identification_number_is_a_household_tax_code():
    assert identifiers.kind("089203001234") == "personal"


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("03126878A8", "tax_code.not_digits"),
        ("031268787", "tax_code.bad_length"),
        ("0312687878-000", "tax_code.bad_branch"),
        ("0100000000", "tax_code.bad_sequence"),
    ],
)
def test_each_kind_of_bad_tax_code_has_its_own_code(number, code):
    with pytest.raises(TaxCodeError) as caught:
        identifiers.validate(number)
    assert caught.value.code == code


ten_digits = st.text(alphabet="0123456789", min_size=10, max_size=10)
branches = st.builds(lambda a, b: a + b, ten_digits, st.text("0123456789", min_size=3, max_size=3))


@given(st.one_of(ten_digits, branches))
def test_validity_agrees_with_python_stdnum_on_every_10_and_13_digit_code(number):
    assert identifiers.is_valid(number) == mst.is_valid(number)


@given(ten_digits)
def test_exactly_one_check_digit_or_none_completes_nine_digits(number):
    completions = [d for d in "0123456789" if identifiers.is_valid(number[:9] + d)]
    assert len(completions) <= 1
