import attrs
import pytest

from ocop import InputError, PlaceError, TaxCodeError
from ocop.subject import (
    Address,
    Contact,
    EnterpriseSize,
    Gender,
    Representative,
    Subject,
    SubjectKind,
)


def test_a_subject_name_is_trimmed_and_nfc_normalised():
    decomposed = "Co\u0302ng ty Co\u0302\u0309 pha\u0302\u0300n Palmania"
    subject = Subject(id="s1", name=f"  {decomposed} ", kind="enterprise")
    assert subject.name == "Công ty Cổ phần Palmania"
    assert subject == Subject(id="s1", name="Công ty Cổ phần Palmania", kind="enterprise")


def test_a_subject_is_immutable_and_changes_only_through_evolve():
    subject = Subject(id="s1", name="HTX A", kind=SubjectKind.COOPERATIVE)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        subject.name = "HTX B"  # type: ignore[misc]
    renamed = attrs.evolve(subject, name="HTX B")
    assert renamed.name == "HTX B"
    assert subject.name == "HTX A"


def test_an_unknown_kind_names_the_field_and_the_allowed_values():
    with pytest.raises(InputError) as caught:
        Subject(id="s1", name="X", kind="company")
    assert caught.value.path == "$.kind"
    assert caught.value.code == "value.not_allowed"
    assert "cooperative" in caught.value.message("en")


def test_a_bad_tax_code_names_the_tax_code_field():
    with pytest.raises(TaxCodeError) as caught:
        Subject(id="s1", name="X", kind="enterprise", tax_code="0312687877")
    assert caught.value.path == "$.tax_code"


def test_a_household_business_may_use_a_personal_identification_number():
    subject = Subject(
        id="anas", name="Hộ kinh doanh ANAS", kind="household_business", tax_code="089203001234"
    )
    assert subject.tax_code == "089203001234"


def test_an_empty_name_is_refused():
    with pytest.raises(InputError) as caught:
        Subject(id="s1", name="   ", kind="farm")
    assert (caught.value.code, caught.value.path) == ("text.empty", "$.name")


def test_only_enterprises_have_a_size():
    assert Subject(id="e", name="E", kind="enterprise", enterprise_size="small").enterprise_size
    with pytest.raises(InputError) as caught:
        Subject(id="c", name="C", kind="cooperative", enterprise_size=EnterpriseSize.SMALL)
    assert caught.value.code == "subject.size_without_enterprise"


@pytest.mark.parametrize(
    ("gender", "ethnicity", "disability", "priority"),
    [
        (Gender.FEMALE, "Kinh", False, True),
        (Gender.MALE, "Khmer", False, True),
        (Gender.MALE, "Kinh", True, True),
        (Gender.MALE, "Kinh", False, False),
        (Gender.MALE, "kinh", False, False),
    ],
)
def test_the_representatives_priority_point(gender, ethnicity, disability, priority):
    rep = Representative(name="A", gender=gender, ethnicity=ethnicity, disability=disability)
    assert rep.scores_priority is priority


def test_a_legacy_address_knows_its_district_and_where_it_went_in_2025():
    # Phường Mỹ Hòa, TP Long Xuyên (30307) became Phường Long Xuyên, which kept the code.
    address = Address(era="legacy", commune_code=30307)
    assert address.commune_code == "30307"
    assert address.district_code == "883"
    assert address.province_code == "89"
    assert [unit.code for unit in address.present()] == ["30307"]
    assert address.present()[0].province_code == "91"


def test_a_legacy_address_may_name_only_its_district():
    address = Address(era="legacy", district_code="894")  # huyện Thoại Sơn
    assert address.describe() == "Huyện Thoại Sơn, Tỉnh An Giang"
    assert {unit.province_code for unit in address.present()} == {"91"}


def test_an_address_written_in_2021_is_read_with_the_units_of_2021():
    # Xã Thanh Xá, Thanh Hà, Hải Dương: merged in 2024, unknown to the units of June 2025.
    with pytest.raises(PlaceError):
        Address(era="legacy", commune_code="10852")
    address = Address(era="legacy", commune_code="10852", written_on="2021-06-01")
    assert address.district_code == "294"
    assert address.province_code == "30"
    assert address.describe() == "Xã Thanh Xá, Huyện Thanh Hà, Tỉnh Hải Dương"
    assert address.present() == ()  # the lists do not say which commune took it
    hue = Address(era="legacy", commune_code="19762", written_on="2021-06-01")
    assert hue.describe() == "Phường Thuận Hòa, Thành phố Huế, Tỉnh Thừa Thiên Huế"
    assert [unit.name for unit in hue.present()] == ["Phường Phú Xuân"]


def test_an_address_written_after_the_reform_cannot_be_a_legacy_one():
    with pytest.raises(InputError) as caught:
        Address(era="legacy", commune_code="30307", written_on="2025-07-01")
    assert (caught.value.code, caught.value.path) == ("place.wrong_era", "$.written_on")


def test_a_present_address_has_no_district():
    with pytest.raises(InputError) as caught:
        Address(era="present", commune_code="30307", district_code="883")
    assert caught.value.code == "place.no_districts"


def test_a_commune_outside_the_named_district_is_refused():
    with pytest.raises(InputError) as caught:
        Address(era="legacy", commune_code="30307", district_code="884")
    assert caught.value.code == "place.commune_not_in_district"


def test_an_unknown_commune_is_a_place_error_at_the_commune_code():
    with pytest.raises(PlaceError) as caught:
        Address(era="present", commune_code="99999")
    assert caught.value.path == "$.commune_code"


def test_an_address_needs_a_place():
    with pytest.raises(InputError) as caught:
        Address(era="legacy")
    assert caught.value.code == "place.missing"


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [("phone", "abc", "contact.bad_phone"), ("email", "not-an-email", "contact.bad_email")],
)
def test_contacts_are_checked(field, value, code):
    with pytest.raises(InputError) as caught:
        Contact(**{field: value})
    assert (caught.value.code, caught.value.path) == (code, f"$.{field}")


def test_a_good_contact_is_kept():
    contact = Contact(phone="0296 3852 123", email="info@palmania.vn")
    assert contact.email == "info@palmania.vn"
