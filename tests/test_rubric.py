import copy
import datetime as dt
import json
import subprocess
import sys
from functools import cache
from importlib import resources
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocop import RubricError
from ocop.rubric import (
    Rubric,
    Sheet,
    decision_for,
    decisions,
    load,
    load_file,
    normalise_decision,
    sheet,
)

FILES = {"1048/2019": "1048-2019.json", "148/2023": "148-2023.json", "26/2026": "26-2026.json"}
MAXIMA = {
    "1048/2019": {"A": 35, "B": 25, "C": 40},
    "148/2023": {"A": 40, "B": 25, "C": 35},
    "26/2026": {"A": 40, "B": 25, "C": 35},
}
ALL_SHEETS = [(decision, no) for decision in FILES for no in range(1, 27)]


@cache
def _raw(decision: str) -> str:
    return resources.files("ocop.rubric").joinpath("data", FILES[decision]).read_text("utf-8")


def bundled(decision: str) -> dict[str, Any]:
    """A fresh, editable copy of a bundled rubric file."""
    document: dict[str, Any] = json.loads(_raw(decision))
    return document


def problems_of(document: Any) -> list[tuple[str, str]]:
    with pytest.raises(RubricError) as caught:
        load_file(document)
    for problem in caught.value.problems:
        assert problem.message_vi
        assert problem.message_en
    return [(problem.code, problem.path) for problem in caught.value.problems]


# -- every bundled sheet ------------------------------------------------------------------------


@pytest.mark.parametrize(("decision", "no"), ALL_SHEETS)
def test_every_bundled_sheet_adds_up_to_its_printed_maxima(decision: str, no: int) -> None:
    found = load(decision).sheet(no)
    assert found.available
    assert [part.code for part in found.parts] == ["A", "B", "C"]
    assert {part.code: part.max_points for part in found.parts} == MAXIMA[decision]
    assert found.max_points == 100
    for part in found.parts:
        sections = sum(section.max_points for section in part.sections)
        assert part.max_points == sections + part.unattainable_points
        for section in part.sections:
            plain = sum(c.max_points for c in section.criteria if c.alternative_group is None)
            cases: dict[str, int] = {}
            for c in section.criteria:
                if c.alternative_group is not None:
                    cases[c.alternative_group] = max(
                        cases.get(c.alternative_group, 0), c.max_points
                    )
            assert section.max_points == plain + sum(cases.values()) + section.unattainable_points
            for group in section.groups:
                members = [c for c in section.criteria if c.group == group.code]
                assert group.max_points == sum(c.max_points for c in members)
            for criterion in section.criteria:
                best = max(option.points for option in criterion.options)
                assert criterion.max_points == best + criterion.unattainable_points
                assert criterion.part == part.code
                assert criterion.section == section.no


@pytest.mark.parametrize(("decision", "no"), ALL_SHEETS)
def test_the_criteria_and_markers_of_a_sheet_are_complete_and_ordered(
    decision: str, no: int
) -> None:
    found = load(decision).sheet(no)
    printed = [c for part in found.parts for section in part.sections for c in section.criteria]
    assert list(found.criteria.values()) == printed
    assert len(found.criteria) == len(printed)  # codes are unique within a sheet
    order = {c.code: i for i, c in enumerate(printed)}
    expected = [
        (option.min_star, order[c.code], index)
        for c in printed
        for index, option in enumerate(c.options)
        if option.min_star is not None
    ]
    assert [(m.star, order[m.criterion], m.option) for m in found.markers] == sorted(expected)
    for marker in found.markers:
        assert found.criteria[marker.criterion].options[marker.option].points == marker.points
    for criterion in printed:
        stars = sorted((o.min_star, o.points) for o in criterion.options if o.min_star)
        assert [points for _, points in stars] == sorted({points for _, points in stars})
        assert len({star for star, _ in stars}) == len(stars)


def test_each_decision_has_26_sets_numbered_1_to_26_and_its_own_part_maxima() -> None:
    for decision, maxima in MAXIMA.items():
        rubric = load(decision)
        assert list(rubric.sheets) == list(range(1, 27))
        assert dict(rubric.part_maxima) == maxima
        assert [s.set_no for s in rubric.sheets.values()] == list(range(1, 27))


def test_part_maxima_that_do_not_make_100_are_refused() -> None:
    document = bundled("1048/2019")
    document["part_maxima"]["C"] = 41
    found = problems_of(document)
    assert found[:2] == [
        ("rubric.total_not_100", "$.part_maxima"),
        ("rubric.part_maxima_mismatch", "$.part_maxima"),
    ]
    # every available sheet's part C now disagrees with the file's own maxima
    assert found[2:] == [
        ("rubric.part_max_mismatch", f"$.sheets[{i}].parts[2].max") for i in range(26)
    ]


def test_the_bundled_decisions_are_listed_oldest_first() -> None:
    assert decisions() == ("1048/2019", "148/2023", "26/2026")
    assert [load(d).effective_from for d in decisions()] == [
        dt.date(2019, 8, 21),
        dt.date(2023, 2, 24),
        dt.date(2026, 5, 22),
    ]


def test_a_rubric_is_read_once_and_kept() -> None:
    assert load("26") is load("26/2026/QĐ-TTg")
    assert isinstance(load("26"), Rubric)


def test_importing_ocop_reads_no_rubric() -> None:
    code = (
        "import ocop, ocop.rubric, sys\n"
        "assert 'ocop.rubric._load' not in sys.modules, 'a rubric module was loaded'\n"
        "from ocop.rubric._load import load_bundled\n"
        "assert load_bundled.cache_info().currsize == 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("key", sorted(FILES))
def test_the_prepared_rubric_is_the_checked_file_split_by_sheet(key: str) -> None:
    from ocop.rubric._load import PREPARED, load_bundled, load_document, prepare

    data = resources.files("ocop.rubric").joinpath("data")
    document = json.loads(data.joinpath(FILES[key]).read_bytes())
    folder = data.joinpath(PREPARED, FILES[key].removesuffix(".json"))
    shipped = {item.name: item.read_text("utf-8") for item in folder.iterdir()}
    assert shipped == prepare(document), "run tools/build_rubrics.py --prepared"
    assert len(shipped) == 27
    checked = load_document(document)  # the schema and every integrity check
    assert load_bundled(key) == checked
    assert list(load_bundled(key).sheets) == list(checked.sheets) == list(range(1, 27))


def test_a_sheet_is_read_alone_without_jsonschema() -> None:
    code = (
        "import sys\n"
        "from ocop import rubric\n"
        "from ocop.rubric._load import load_bundled, load_bundled_sheet\n"
        "first = rubric.sheet('148', 5)\n"
        "assert load_bundled.cache_info().currsize == 0, 'the whole decision was read'\n"
        "assert load_bundled_sheet.cache_info().currsize == 1\n"
        "assert 'jsonschema' not in sys.modules\n"
        "assert rubric.load('148/2023').sheet(5) is first\n"
        "assert rubric.sheet('QĐ 148/QĐ-TTg', 5) is first\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("set_no", [0, 27, True, "1", 1.0])
def test_a_sheet_that_is_not_bundled_is_refused_as_the_rubric_refuses_it(set_no: Any) -> None:
    with pytest.raises(RubricError) as error:
        sheet("26/2026", set_no)
    assert error.value.problems[0].code == "rubric.unknown_set"


def test_sheets_and_rubrics_are_values_that_hash() -> None:
    first = load("148").sheet(1)
    assert hash(first) == hash(first)
    assert {first: 1}[first] == 1


# -- real values, against the printed text ---------------------------------------------------------


def test_26_2026_set_1_linkage_scores_0_to_3_with_4_stars_at_2_and_5_stars_at_3() -> None:
    linkage = sheet("26/2026", 1).criteria["1.5"]
    assert linkage.title == "1.5. Liên kết sản xuất"
    assert [(o.points, o.min_star) for o in linkage.options] == [
        (0, None),
        (1, None),
        (2, 4),
        (3, 5),
    ]


def test_26_2026_set_1_has_the_printed_section_maxima() -> None:
    found = sheet("26/2026", 1)
    assert [[s.max_points for s in part.sections] for part in found.parts] == [
        [18, 10, 12],
        [13, 12],
        [12, 3, 5, 5, 5, 2, 3],
    ]


def test_26_2026_set_7_sensory_markers_are_the_printed_ones() -> None:
    sensory = sheet("26", 7).parts[2].sections[0]
    assert sensory.max_points == 15
    assert {
        c.code: [(o.points, o.min_star) for o in c.options if o.min_star] for c in sensory.criteria
    } == {
        "6.1": [(2, 4)],
        "6.2": [],
        "6.3": [(2, 4), (3, 5)],
        "6.4": [(2, 4), (3, 5)],
        "6.5": [(3, 4), (5, 5)],
    }


def test_148_intellectual_property_is_marked_4_stars_as_a_whole() -> None:
    found = sheet("148/2023", 1)
    ip = found.criteria["3.e"]
    assert ip.title == "e) Sở hữu trí tuệ"
    assert ip.criterion_min_star == 4
    # read on the lowest option with points: a registered trademark
    assert [(o.points, o.min_star) for o in ip.options] == [(1, 4), (2, None)]
    whole = [m for m in found.markers if m.whole_criterion]
    assert [(m.star, m.criterion, m.points, m.option) for m in whole] == [(4, "3.e", 1, 0)]


def test_148_lettered_criteria_carry_their_section_number() -> None:
    found = sheet("148", 1)
    assert [c for c in found.criteria if c.startswith("1.")] == [
        "1.a",
        "1.b",
        "1.c",
        "1.d",
        "1.đ",
        "1.e",
    ]
    assert [o.points for o in found.criteria["1.a"].options] == [1, 3, 5]
    tea = sheet("148", 11)
    assert [(c.code, c.group) for c in tea.criteria.values() if c.section == "6"] == [
        ("6.a-1", "6.a"),
        ("6.a-2", "6.a"),
        ("6.b-1", "6.b"),
        ("6.b-2", "6.b"),
        ("6.b-3", "6.b"),
    ]
    assert [(g.code, g.max_points) for g in tea.parts[2].sections[0].groups] == [
        ("6.a", 4),
        ("6.b", 9),
    ]


def test_1048_set_1_is_the_fresh_produce_sheet_with_its_section_maxima() -> None:
    found = sheet("1048/2019", 1)
    assert found.name == "Rau, củ, quả, hạt tươi"
    assert [[s.max_points for s in part.sections] for part in found.parts] == [
        [18, 8, 9],
        [15, 10],
        [18, 2, 5, 5, 5, 5],
    ]
    assert found.markers == ()


def test_1048_sets_follow_the_decision_order() -> None:
    names = [s.name for s in load("1048").sheets.values()]
    assert names[:3] == ["Rau, củ, quả, hạt tươi", "Thịt, trứng, sữa tươi", "Gạo, ngũ cốc"]
    assert names[13:15] == ["Cà phê, Ca cao", "Rượu trắng"]
    assert names[-1] == "Dịch vụ du lịch cộng đồng và điểm du lịch"


def test_alternative_cases_are_coded_as_printed_and_share_a_group() -> None:
    tourism = sheet("26/2026", 26)
    assert [(c, tourism.criteria[c].alternative_group) for c in ("8.a", "8.b")] == [
        ("8.a", "8"),
        ("8.b", "8"),
    ]
    old = sheet("1048", 1)
    assert [(c.code, c.max_points) for c in old.criteria.values() if c.alternative_group] == [
        ("3.2(1)", 2),
        ("3.2(2)", 1),
    ]


def test_a_story_criterion_applies_only_when_there_is_a_story() -> None:
    structure = sheet("26/2026", 1).criteria["5.2"]
    assert structure.applies_when == "Chỉ áp dụng khi có câu chuyện sản phẩm"
    assert structure.applies_when in structure.notes


def test_the_bilingual_label_is_scored_0_or_its_maximum() -> None:
    label = sheet("26/2026", 1).criteria["2.4"]
    assert label.binary
    assert [(o.label, o.points) for o in label.options] == [("Không", 0), ("Có", 1)]
    assert any("2.4" in erratum and "supplied" in erratum for erratum in sheet("26", 1).errata)


def test_unacceptable_foreign_matter_eliminates_where_an_option_states_it() -> None:
    honey = sheet("26/2026", 4)
    matter = honey.criteria["6.1"]
    assert [(o.label, o.eliminates) for o in matter.options] == [
        ("Có tạp chất", True),
        ("Có rất ít tạp chất, chấp nhận được", False),
        ("Sạch, không phát hiện tạp chất", False),
    ]
    meat = sheet("26/2026", 2)
    rule = next(e for e in meat.eliminations if e.at == "6.1")
    assert rule.rule == "foreign_matter"
    assert rule.options == ()  # every option is "chấp nhận được": the finding is the council's
    assert not any(o.eliminates for o in meat.criteria["6.1"].options)


def test_zero_points_on_any_listed_criterion_stops_the_evaluation_of_mineral_water() -> None:
    water = sheet("26/2026", 16)
    rule = next(e for e in water.eliminations if e.rule == "zero_points_listed")
    assert rule.at == "6.4"
    assert rule.options == (("6.1", 0), ("6.2", 0), ("6.3", 0), ("6.4", 0))
    assert rule.note.startswith("Ghi chú: Nếu được 0 điểm")


def test_imported_raw_material_eliminates_without_an_option() -> None:
    processed = sheet("26/2026", 7)
    rule = next(e for e in processed.eliminations if e.at == "1.1")
    assert rule.rule == "raw_material"
    assert rule.options == ()
    assert "nguyên liệu nhập khẩu" in rule.note


# -- errata ----------------------------------------------------------------------------------------


def test_a_sheet_no_copy_of_which_is_known_loads_but_cannot_be_scored() -> None:
    document = bundled("1048/2019")
    rice = document["sheets"][2]
    rice["available"] = False
    rice["parts"] = []
    rice.pop("eliminations")
    rice["errata"] = [{"id": "x-1", "kind": "unavailable", "text": "No copy is known."}]
    unknown = load_file(document).sheet(3)
    assert (unknown.name, unknown.available, unknown.parts) == ("Gạo, ngũ cốc", False, ())
    assert unknown.criteria == {}
    with pytest.raises(RubricError) as caught:
        unknown.ensure_available()
    assert caught.value.code == "rubric.sheet_unavailable"


def test_every_bundled_sheet_is_available() -> None:
    assert all(found.available for d in decisions() for found in load(d).sheets.values())
    assert sheet("1048", 3).name == "Gạo, ngũ cốc"


@pytest.mark.parametrize(
    ("decision", "no", "points"),
    [("148/2023", 11, 3), ("148/2023", 12, 3), ("148/2023", 13, 2)],
)
def test_a_part_c_that_falls_short_of_its_maximum_is_an_erratum(
    decision: str, no: int, points: int
) -> None:
    found = sheet(decision, no)
    part_c = found.parts[2]
    assert part_c.max_points == MAXIMA[decision]["C"]
    assert part_c.unattainable_points == points
    assert found.unattainable_points == points
    assert any(
        erratum.split(":")[1].strip().startswith("Part C sums to") for erratum in found.errata
    )


def test_the_148_smell_criterion_of_set_7_keeps_its_printed_maximum_of_4() -> None:
    smell = sheet("148", 7).criteria["6.d"]
    assert smell.max_points == 4
    assert [o.points for o in smell.options] == [1, 2, 3]
    assert smell.unattainable_points == 1


def test_corrected_values_are_listed_with_what_was_printed() -> None:
    honey = sheet("26/2026", 4)
    assert [o.points for o in honey.criteria["7"].options][-1] == 3
    assert any("printed 13 points; set to 3" in erratum for erratum in honey.errata)


def test_148_sheet_headers_come_from_the_known_copies_only() -> None:
    assert sheet("148", 1).notes[0].startswith("Bị loại khi:")
    assert sheet("148", 3).notes[0].startswith("Hồ sơ bị loại khi:")
    assert sheet("148", 5).notes == ()
    assert any("no header notes" in erratum for erratum in sheet("148", 5).errata)


def test_the_781_minimum_criteria_are_carried_as_an_incomplete_excerpt() -> None:
    assert load("1048").amended_by == ("781/QĐ-TTg",)
    minimum = load("1048").minimum_criteria
    assert minimum is not None
    assert minimum.decision == "781/QĐ-TTg"
    assert not minimum.complete
    assert minimum.items[0].startswith("Hạng 2 sao")
    assert "5-star" in minimum.missing
    assert load("26").minimum_criteria is None


def test_every_rubric_states_how_it_reads_the_text() -> None:
    assert any("lowest option with points above 0" in note for note in load("148").notes)
    for decision in decisions():
        assert any("official gazette" in note for note in load(decision).notes)


# -- broken files ----------------------------------------------------------------------------------


def test_a_wrong_section_maximum_is_reported_with_its_exact_path() -> None:
    document = bundled("26/2026")
    document["sheets"][6]["parts"][2]["sections"][0]["max"] = 16
    assert problems_of(document) == [
        ("rubric.part_sum_mismatch", "$.sheets[6].parts[2].max"),
        ("rubric.section_max_mismatch", "$.sheets[6].parts[2].sections[0].max"),
    ]


def test_a_whole_criterion_marker_on_a_missing_option_is_refused() -> None:
    document = bundled("148/2023")
    ip = document["sheets"][0]["parts"][0]["sections"][2]["criteria"][5]
    assert ip["title"] == "e) Sở hữu trí tuệ"
    ip["criterion_min_star"]["option"] = 2
    assert problems_of(document) == [
        (
            "rubric.marker_on_missing_option",
            "$.sheets[0].parts[0].sections[2].criteria[5].criterion_min_star.option",
        )
    ]


def test_an_elimination_on_a_missing_option_or_criterion_is_refused() -> None:
    document = bundled("26/2026")
    rule = next(e for e in document["sheets"][3]["eliminations"] if e["at"] == "6.1")
    rule["options"] = [["6.1", 7], ["6.9", 0]]
    index = document["sheets"][3]["eliminations"].index(rule)
    assert problems_of(document) == [
        ("rubric.unknown_option", f"$.sheets[3].eliminations[{index}].options[0][1]"),
        ("rubric.unknown_criterion", f"$.sheets[3].eliminations[{index}].options[1][0]"),
    ]


def test_markers_that_fall_as_the_star_rises_are_refused() -> None:
    document = bundled("26/2026")
    linkage = document["sheets"][0]["parts"][0]["sections"][0]["criteria"][4]
    assert linkage["code"] == "1.5"
    linkage["options"][2]["min_star"], linkage["options"][3]["min_star"] = 5, 4
    path = "$.sheets[0].parts[0].sections[0].criteria[4].options[2].min_star"
    assert problems_of(document) == [("rubric.markers_not_increasing", path)]


def test_the_same_star_twice_on_a_criterion_is_refused() -> None:
    document = bundled("26/2026")
    linkage = document["sheets"][0]["parts"][0]["sections"][0]["criteria"][4]
    linkage["options"][3]["min_star"] = 4
    path = "$.sheets[0].parts[0].sections[0].criteria[4].options[3].min_star"
    assert problems_of(document) == [("rubric.duplicate_marker", path)]


def test_a_code_used_twice_in_a_sheet_is_refused() -> None:
    document = bundled("26/2026")
    criteria = document["sheets"][0]["parts"][0]["sections"][0]["criteria"]
    criteria[1]["code"] = "1.1"
    assert problems_of(document) == [
        ("rubric.duplicate_code", "$.sheets[0].parts[0].sections[0].criteria[1].code")
    ]


def test_a_part_maximum_other_than_the_decisions_is_refused() -> None:
    document = bundled("148/2023")
    document["sheets"][0]["parts"][0]["max"] = 41
    assert problems_of(document) == [
        ("rubric.part_max_mismatch", "$.sheets[0].parts[0].max"),
        ("rubric.part_sum_mismatch", "$.sheets[0].parts[0].max"),
    ]


def test_a_schema_violation_reports_every_problem_with_its_path() -> None:
    document = bundled("26/2026")
    option = document["sheets"][0]["parts"][0]["sections"][0]["criteria"][0]["options"][0]
    option["points"] = "1"
    option["stars"] = 3
    document["sheets"][2]["parts"][1]["sections"][0]["criteria"][0]["options"][1]["min_star"] = 6
    del document["sheets"][25]["name"]
    base = "$.sheets[0].parts[0].sections[0].criteria[0].options[0]"
    assert sorted(problems_of(document)) == sorted(
        [
            ("schema.type", f"{base}.points"),
            ("schema.unknown_field", f"{base}.stars"),
            (
                "schema.enum",
                "$.sheets[2].parts[1].sections[0].criteria[0].options[1].min_star",
            ),
            ("schema.required", "$.sheets[25].name"),
        ]
    )


def test_several_meaning_problems_are_reported_together() -> None:
    document = bundled("1048/2019")
    document["sheets"][0]["eliminations"][0]["note"] = 5
    document["sheets"][1]["no"] = 1
    document["sheets"][2]["parts"] = document["sheets"][0]["parts"]
    document["sheets"][2]["available"] = False
    criterion_10 = document["sheets"][18]["parts"][2]["sections"][4]["criteria"][0]
    criterion_10["unattainable"]["erratum"] = "nowhere"
    assert problems_of(document) == [
        ("rubric.unknown_note", "$.sheets[0].eliminations[0].note"),
        ("rubric.duplicate_set", "$.sheets[1].no"),
        ("rubric.unavailable_sheet_content", "$.sheets[2].parts"),
        ("rubric.unavailable_sheet_content", "$.sheets[2].errata"),
        (
            "rubric.unknown_erratum",
            "$.sheets[18].parts[2].sections[4].criteria[0].unattainable.erratum",
        ),
        ("rubric.missing_set", "$.sheets"),
    ]


def test_a_file_claiming_a_bundled_decision_must_match_it() -> None:
    document = bundled("26/2026")
    document["signed"] = "2026-05-21"
    document["sheets"].pop()
    assert problems_of(document) == [
        ("rubric.decision_mismatch", "$.signed"),
        ("rubric.sheet_count", "$.sheets"),
    ]


# -- your own file ---------------------------------------------------------------------------------


def test_a_provinces_variant_of_a_bundled_rubric_loads_from_a_file(tmp_path: Any) -> None:
    document = bundled("26/2026")
    document["provenance"] = "Bản áp dụng của tỉnh An Giang"
    document["sheets"][0]["parts"][0]["sections"][0]["criteria"][0]["title"] = "1.1. Nguồn gốc"
    path = tmp_path / "an-giang.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    variant = load_file(path)
    assert variant.provenance == "Bản áp dụng của tỉnh An Giang"
    assert variant.sheet(1).criteria["1.1"].title == "1.1. Nguồn gốc"
    assert variant is not load("26/2026")
    assert load_file(str(path)) == variant


def test_a_future_decision_brings_its_own_part_maxima() -> None:
    document = bundled("26/2026")
    document.update(decision="40/2030", title="40/2030/QĐ-TTg", signed="2030-01-02")
    document["effective_from"] = "2030-01-02"
    document["sheets"] = document["sheets"][:2]
    future = load_file(document)
    assert future.decision == "40/2030"
    assert list(future.sheets) == [1, 2]
    document["part_maxima"]["A"] = 45
    codes = {code for code, _ in problems_of(document)}
    assert codes == {"rubric.total_not_100", "rubric.part_max_mismatch"}


def test_a_file_that_is_not_json_or_not_there_is_a_rubric_error(tmp_path: Any) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", "utf-8")
    assert [code for code, _ in problems_of(broken)] == ["document.not_json"]
    assert [code for code, _ in problems_of(tmp_path / "missing.json")] == ["rubric.unreadable"]
    assert [code for code, _ in problems_of({"sheets": {1, 2}})] == ["rubric.not_json"]


def test_an_unknown_set_number_is_a_rubric_error() -> None:
    for wrong in (0, 27, True):
        with pytest.raises(RubricError) as caught:
            load("26").sheet(wrong)
        assert caught.value.code == "rubric.unknown_set"


@settings(max_examples=15, deadline=None)
@given(
    st.sampled_from(sorted(FILES)),
    st.integers(0, 25),
    st.data(),
    st.integers(1, 9),
)
def test_any_section_maximum_changed_is_found_at_its_path(
    decision: str, index: int, data: st.DataObject, delta: int
) -> None:
    document = bundled(decision)
    target = document["sheets"][index]
    if not target["parts"]:
        return
    p = data.draw(st.integers(0, len(target["parts"]) - 1))
    s = data.draw(st.integers(0, len(target["parts"][p]["sections"]) - 1))
    target["parts"][p]["sections"][s]["max"] += delta
    found = problems_of(document)
    assert (
        "rubric.section_max_mismatch",
        f"$.sheets[{index}].parts[{p}].sections[{s}].max",
    ) in found
    assert ("rubric.part_sum_mismatch", f"$.sheets[{index}].parts[{p}].max") in found


# -- choosing the rubric by date ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2019, 8, 21), "1048/2019"),
        (dt.date(2020, 6, 8), "1048/2019"),  # QĐ 781/2020 amends 1048; same sheets
        (dt.date(2023, 2, 23), "1048/2019"),
        (dt.date(2023, 2, 24), "148/2023"),
        (dt.date(2025, 7, 6), "148/2023"),  # QĐ 1489/2025 amends the procedure, not the sheets
        (dt.date(2026, 5, 21), "148/2023"),
        (dt.date(2026, 5, 22), "26/2026"),
    ],
)
def test_the_rubric_in_force_on_a_day(day: dt.date, expected: str) -> None:
    assert decision_for(day) == expected


def test_there_is_no_rubric_before_1048() -> None:
    with pytest.raises(RubricError) as caught:
        decision_for(dt.date(2019, 8, 20))
    assert caught.value.code == "rubric.no_decision"


@pytest.mark.parametrize(
    ("evaluation_type", "last_day_under_148"),
    [
        ("re_evaluation", dt.date(2026, 6, 21)),
        ("first", dt.date(2026, 7, 21)),
        ("upgrade", dt.date(2026, 7, 21)),
    ],
)
def test_a_pending_dossier_may_finish_under_148_until_the_transition_ends(
    evaluation_type: Any, last_day_under_148: dt.date
) -> None:
    filed = dt.date(2026, 5, 20)
    on_last = decision_for(last_day_under_148, evaluation_type=evaluation_type, filed_on=filed)
    day_after = last_day_under_148 + dt.timedelta(days=1)
    after = decision_for(day_after, evaluation_type=evaluation_type, filed_on=filed)
    assert (on_last, after) == ("148/2023", "26/2026")


def test_the_transition_needs_a_dossier_filed_before_26_2026_and_its_type() -> None:
    day = dt.date(2026, 6, 1)
    assert decision_for(day, evaluation_type="first", filed_on=dt.date(2026, 5, 22)) == "26/2026"
    assert decision_for(day, evaluation_type="first") == "26/2026"
    assert decision_for(day, filed_on=dt.date(2026, 5, 1)) == "26/2026"


def test_a_moment_is_read_in_vietnams_time() -> None:
    evening_utc = dt.datetime(2026, 5, 21, 20, 0, tzinfo=dt.UTC)  # 03:00 on 22/05 in VN
    assert decision_for(evening_utc) == "26/2026"
    assert decision_for(dt.datetime(2026, 5, 21, 23, 59)) == "148/2023"


def test_a_wrong_evaluation_type_or_day_is_a_rubric_error() -> None:
    with pytest.raises(RubricError) as caught:
        decision_for(dt.date(2026, 6, 1), evaluation_type="renewal", filed_on=dt.date(2026, 5, 1))  # type: ignore[arg-type]
    assert caught.value.code == "rubric.unknown_evaluation_type"
    with pytest.raises(RubricError) as again:
        decision_for("2026-06-01")  # type: ignore[arg-type]
    assert again.value.code == "rubric.not_a_date"


@given(st.dates(dt.date(2019, 8, 21), dt.date(2035, 12, 31)), st.integers(0, 400))
def test_a_later_day_never_gives_an_older_rubric(day: dt.date, later: int) -> None:
    order = decisions()
    first, second = decision_for(day), decision_for(day + dt.timedelta(days=later))
    assert order.index(first) <= order.index(second)
    assert (
        dt.date.fromisoformat(
            {"1048/2019": "2019-08-21", "148/2023": "2023-02-24", "26/2026": "2026-05-22"}[first]
        )
        <= day
    )


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("26", "26/2026"),
        ("26/2026", "26/2026"),
        ("26/2026/QĐ-TTg", "26/2026"),
        ("QĐ 26/2026/QĐ-TTg", "26/2026"),
        ("148", "148/2023"),
        ("QĐ 148/QĐ-TTg", "148/2023"),
        ("148/QD-TTg", "148/2023"),
        ("Quyết định số 148/QĐ-TTg", "148/2023"),
        ("1048", "1048/2019"),
        ("1048/QĐ-TTg", "1048/2019"),
        (" qđ 1048/qđ-ttg ", "1048/2019"),
    ],
)
def test_the_usual_ways_of_writing_a_decision_name_it(name: str, key: str) -> None:
    assert normalise_decision(name) == key


@pytest.mark.parametrize("name", ["781", "26/2025", "1489/QĐ-TTg", "", "QĐ"])
def test_a_decision_without_a_rubric_is_refused(name: str) -> None:
    with pytest.raises(RubricError) as caught:
        normalise_decision(name)
    assert caught.value.code == "rubric.unknown_decision"
    assert caught.value.path == "$.decision"


def test_a_sheet_is_found_by_any_name_of_its_decision() -> None:
    assert isinstance(sheet("QĐ 26/2026/QĐ-TTg", 26), Sheet)
    assert sheet("26", 26).name == "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"
    with pytest.raises(RubricError) as caught:
        load("781/QĐ-TTg")
    assert caught.value.code == "rubric.unknown_decision"


def test_editing_a_copy_of_a_bundled_file_leaves_the_bundled_rubric_alone() -> None:
    document = bundled("26/2026")
    pristine = copy.deepcopy(document)
    document["sheets"][0]["name"] = "Khác"
    assert load_file(document).sheet(1).name == "Khác"
    assert load("26").sheet(1).name == pristine["sheets"][0]["name"]
