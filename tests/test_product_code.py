import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ocop import PlaceError, ProductCodeError, places, product_code
from ocop.places import Era
from ocop.product_code import ProductCode


def problems(text):
    with pytest.raises(ProductCodeError) as caught:
        ProductCode.parse(text)
    return [problem.code for problem in caught.value.problems]


def test_a_26_2026_code_reads_province_commune_sequence_and_year():
    code = ProductCode.parse("91-30307-12-2026")
    assert code == ProductCode(province_code="91", commune_code="30307", sequence=12, year=2026)
    assert code.era is Era.PRESENT
    assert code.district_code is None
    assert code.province.name == "Tỉnh An Giang"
    assert code.commune.name == "Phường Long Xuyên"
    assert code.district is None


def test_a_legacy_code_carries_the_district_and_its_fourth_field_is_a_sequence():
    code = ProductCode.parse("83-829-28780-3-2022")
    assert (code.province_code, code.district_code, code.commune_code) == ("83", "829", "28780")
    assert code.sequence == 3
    assert code.year == 2022
    assert code.era is Era.LEGACY
    assert code.district is not None
    assert code.district.name == "Thành phố Bến Tre"
    assert code.commune.name == "Phường 7"


def test_a_code_formats_back_to_the_text_it_was_read_from():
    for text in ("91-30307-12-2026", "83-829-28780-3-2022"):
        assert str(ProductCode.parse(text)) == text
        assert ProductCode.parse(text).format() == text


def test_codes_may_be_given_as_ints_and_are_kept_zero_padded():
    code = ProductCode(province_code=1, commune_code=4, sequence=1, year=2026)
    assert (code.province_code, code.commune_code) == ("01", "00004")
    assert str(code) == "01-00004-1-2026"


@pytest.mark.parametrize(
    "text",
    [
        "91 - 30307 - 12 - 2026",
        "91–30307–12–2026",
        " 91-30307-0012-2026 ",
        "91\u201130307\u201112\u20112026",
    ],
    ids=["spaces", "en-dashes", "padded", "non-breaking-hyphens"],
)
def test_spaces_other_dashes_and_leading_zeros_are_accepted_and_standardised(text):
    assert product_code.validate(text) == "91-30307-12-2026"
    assert product_code.format(text) == "91-30307-12-2026"
    assert product_code.is_valid(text)


def test_compact_only_removes_spaces_and_unifies_dashes():
    assert product_code.compact(" 83 — 829 — 28780 — 3 — 2022") == "83-829-28780-3-2022"


@pytest.mark.parametrize(
    "text",
    [
        "91-30307-12",
        "91-30307-12-26",
        "9-30307-12-2026",
        "91-3030-12-2026",
        "91/30307/12/2026",
        "91-30307-1234567-2026",
        "OCOP-91-30307-12-2026",
        "",
        "٩١-30307-12-2026",
    ],
)
def test_text_of_neither_form_is_a_bad_format(text):
    assert problems(text) == ["product_code.bad_format"]


def test_a_value_that_is_not_text_is_a_bad_format():
    with pytest.raises(ProductCodeError) as caught:
        ProductCode.parse(91303071226)  # type: ignore[arg-type]
    assert caught.value.code == "product_code.bad_format"


def test_a_present_code_naming_a_commune_of_another_province_is_refused():
    # Phường Bến Tre (28789) is in Vĩnh Long (86), not in An Giang (91).
    assert problems("91-28789-3-2026") == ["product_code.commune_not_in_province"]


def test_a_present_code_naming_a_legacy_only_commune_is_refused():
    # Phường 7 of Bến Tre (28780) did not survive 1 July 2025 under its own code.
    assert problems("86-28780-3-2026") == ["product_code.unknown_commune"]


def test_a_legacy_code_is_checked_against_the_legacy_places():
    assert problems("83-883-28780-3-2022") == [
        "product_code.district_not_in_province",
        "product_code.commune_not_in_district",
    ]
    assert problems("89-883-28780-3-2022") == ["product_code.commune_not_in_district"]
    assert problems("83-999-28780-3-2022") == ["product_code.unknown_district"]
    assert problems("99-829-28780-3-2022") == ["product_code.unknown_province"]


def test_a_legacy_code_with_an_unknown_district_still_checks_the_commune_province():
    assert problems("89-999-28780-3-2022") == [
        "product_code.unknown_district",
        "product_code.commune_not_in_province",
    ]


def test_every_problem_of_a_code_is_reported_at_once_with_the_path_given():
    with pytest.raises(ProductCodeError) as caught:
        ProductCode.parse("99-99999-0-1999", path="$.products[0].code")
    error = caught.value
    assert [p.code for p in error.problems] == [
        "product_code.bad_sequence",
        "product_code.bad_year",
        "product_code.unknown_province",
        "product_code.unknown_commune",
    ]
    assert {p.path for p in error.problems} == {"$.products[0].code"}
    assert all(p.message_vi and p.message_en for p in error.problems)


def test_a_code_built_from_fields_reports_problems_at_the_fields():
    with pytest.raises(ProductCodeError) as caught:
        ProductCode(province_code="9x", commune_code=30307, sequence=0, year=2026)
    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("product_code.bad_format", "$.province_code"),
        ("product_code.bad_sequence", "$.sequence"),
    ]


@pytest.mark.parametrize(("year", "valid"), [(2017, False), (2018, True), (2025, True)])
def test_a_legacy_code_year_runs_from_the_first_ocop_year_to_2025(year, valid):
    assert product_code.is_valid(f"83-829-28780-3-{year}") is valid


def test_a_code_with_a_district_cannot_be_dated_after_the_districts_ended():
    assert problems("83-829-28780-3-2026") == ["product_code.year_outside_era"]


def test_a_code_without_a_district_cannot_be_dated_before_the_present_communes():
    assert problems("91-30307-12-2024") == ["product_code.year_outside_era"]
    assert product_code.is_valid("91-30307-12-2025")
    assert not product_code.is_valid("91-30307-12-2101")


def test_the_sequence_starts_at_one():
    assert problems("91-30307-0-2026") == ["product_code.bad_sequence"]
    assert product_code.is_valid("91-30307-1-2026")


def test_a_product_code_error_is_a_value_error():
    with pytest.raises(ValueError, match=r"product_code\.bad_format"):
        product_code.validate("not a code")


def test_codes_compare_and_hash_by_value():
    assert ProductCode.parse("91-30307-12-2026") == ProductCode.parse("91 - 30307 - 012 - 2026")
    assert len({ProductCode.parse("91-30307-12-2026"), ProductCode.parse("91-30307-12-2026")}) == 1


present_communes = st.sampled_from(places.communes())
legacy_communes = st.sampled_from(places.communes("legacy"))
sequences = st.integers(min_value=1, max_value=product_code.MAX_SEQUENCE)


@st.composite
def present_codes(draw):
    commune = draw(present_communes)
    return ProductCode(
        province_code=commune.province_code,
        commune_code=commune.code,
        sequence=draw(sequences),
        year=draw(st.integers(min_value=2025, max_value=2100)),
    )


@st.composite
def legacy_codes(draw):
    year = draw(st.integers(min_value=2018, max_value=2025))
    try:
        # The commune as the lists of the code's year name it, under the district of then.
        commune = places.commune(draw(legacy_communes).code, on=year)
    except PlaceError:
        assume(False)
    return ProductCode(
        province_code=commune.province_code,
        district_code=commune.district_code,
        commune_code=commune.code,
        sequence=draw(sequences),
        year=year,
    )


@given(st.one_of(present_codes(), legacy_codes()))
def test_reading_a_formatted_code_gives_the_same_code(code):
    assert ProductCode.parse(code.format()) == code
    assert product_code.format(str(code)) == str(code)
    assert product_code.validate(str(code)) == str(code)


@given(present_codes(), present_communes)
def test_a_present_code_is_valid_exactly_when_its_commune_is_in_its_province(code, other):
    text = f"{code.province_code}-{other.code}-{code.sequence}-{code.year}"
    assert product_code.is_valid(text) is (other.province_code == code.province_code)


@given(st.text(max_size=30))
def test_any_text_is_either_a_valid_code_or_refused_with_a_product_code_error(text):
    if product_code.is_valid(text):
        standard = product_code.validate(text)
        assert product_code.validate(standard) == standard
    else:
        with pytest.raises(ProductCodeError, match=r"\[product_code\."):
            product_code.validate(text)


# --- a legacy code is read with the units of its year -------------------------------------


@pytest.mark.parametrize(
    ("text", "province", "district", "commune"),
    [
        # Xã Thanh Xá, Thanh Hà, Hải Dương: merged in 2024.
        ("30-294-10852-1-2021", "Tỉnh Hải Dương", "Huyện Thanh Hà", "Xã Thanh Xá"),
        # Xã Hiếu Liêm, Vĩnh Cửu, Đồng Nai: merged before 2025.
        ("75-735-26203-2-2021", "Tỉnh Đồng Nai", "Huyện Vĩnh Cửu", "Xã Hiếu Liêm"),
        # Phường Thuận Hòa: in Thành phố Huế (474) until the city was split in 2025.
        ("46-474-19762-3-2021", "Tỉnh Thừa Thiên Huế", "Thành phố Huế", "Phường Thuận Hòa"),
        ("46-475-19762-3-2025", "Thành phố Huế", "Quận Phú Xuân", "Phường Thuận Hòa"),
    ],
)
def test_a_code_of_2021_decodes_with_the_names_of_its_year(text, province, district, commune):
    code = ProductCode.parse(text)
    assert (code.province.name, code.district.name, code.commune.name) == (
        province,
        district,
        commune,
    )


def test_a_code_names_a_unit_of_its_year_or_is_refused():
    # Quận Phú Xuân (475) was made in 2025: a 2021 code cannot name it.
    with pytest.raises(ProductCodeError) as caught:
        ProductCode.parse("46-475-19762-3-2021")
    assert [problem.code for problem in caught.value.problems] == ["product_code.unknown_district"]
    assert "2021" in caught.value.problems[0].message_en
    # Xã Tân An (07693), Bắc Giang city, first appears in the list of 4 January 2025.
    with pytest.raises(ProductCodeError) as caught:
        ProductCode.parse("24-213-07693-1-2021")
    assert [problem.code for problem in caught.value.problems] == ["product_code.unknown_commune"]
    assert product_code.is_valid("24-213-07693-1-2025")


def test_a_legacy_code_says_where_its_commune_is_now():
    merged = ProductCode.parse("30-294-10852-1-2021").present_place
    assert (merged.known, merged.province.name) == (False, "Thành phố Hải Phòng")
    kept = ProductCode.parse("83-829-28780-3-2022").present_place
    assert [unit.name for unit in kept.communes] == ["Phường Bến Tre"]
    assert ProductCode.parse("91-30307-12-2026").present_place is None
