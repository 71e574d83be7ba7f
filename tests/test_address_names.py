"""Addresses from the names of their units, as forms and spreadsheets write them."""

import pytest

from ocop import PlaceError
from ocop.subject import Address


def test_a_present_commune_is_found_by_its_names():
    address = Address.from_names("Xã Châu Phong", "An Giang")
    assert address.era.value == "present"
    assert address.describe() == "Xã Châu Phong, Tỉnh An Giang"


def test_names_without_diacritics_or_prefix_and_either_tone_placement_find_the_same_unit():
    expected = Address.from_names("Phường Mỹ Hòa", "An Giang", district="Long Xuyên")
    assert Address.from_names("my hoa", "an giang", district="TP Long Xuyen") == expected
    assert Address.from_names("Mỹ Hoà", "Tỉnh An Giang", district="Long Xuyên") == expected
    assert expected.commune_code == "30307"
    assert expected.era.value == "legacy"


def test_a_district_alone_gives_a_legacy_district_address():
    address = Address.from_names(district="Thoại Sơn", province="An Giang", detail="ấp Phú Hữu")
    assert (address.district_code, address.commune_code, address.detail) == (
        "894",
        None,
        "ấp Phú Hữu",
    )


def test_an_unknown_or_ambiguous_name_is_refused_at_its_field():
    with pytest.raises(PlaceError) as caught:
        Address.from_names("Xã Không Có", "An Giang")
    assert (caught.value.code, caught.value.path) == ("place.unknown_commune", "$.commune")
    with pytest.raises(PlaceError) as caught:
        Address.from_names("Châu Phong", "Tỉnh Không Có")
    assert (caught.value.code, caught.value.path) == ("place.unknown_province", "$.province")
    with pytest.raises(PlaceError) as caught:
        Address.from_names("Tân An", era="legacy")
    assert caught.value.code == "place.ambiguous_name"


def test_an_address_needs_a_commune_or_a_district():
    with pytest.raises(ValueError, match="commune") as caught:
        Address.from_names(province="An Giang")
    assert caught.value.code == "place.missing"
