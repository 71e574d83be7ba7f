"""QĐ 1048/QĐ-TTg sheets: the bundled rubric against both transcriptions, and its corrections.

The bundled sheets are read from the decision's own text (Phụ lục III). A provincial
application's copy of the same sheets (Bến Tre, 2022) was their earlier source. Both are
reduced by ``tools/build_crosscheck_1048.py`` to ``tests/data/qd1048_crosscheck.json``: per
set and criterion, the printed maximum, the options' points and the elimination readings. Every
difference between the bundled rubric and either source must be explained below: a departure
from the decision text by the erratum of the sheet that records it, a departure from the
application's copy by the reason the decision text is followed. An unexplained difference, or
an explanation that no longer matches a difference, fails.

The eighth correction, the process rules of the decision's Phụ lục II, is pinned in
``tests/test_council.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ocop import ScoreCard, ScoreCardError, rubric, score
from ocop.classification import product_set, product_sets
from ocop.rubric import Sheet

FIXTURES = json.loads(
    (Path(__file__).parent / "data" / "qd1048_crosscheck.json").read_text("utf-8")
)
SETS = range(1, 27)

Difference = tuple[int, str, str]  # (set, criterion code or "header", field)


def shipped(sheet: Sheet) -> tuple[bool, dict[str, dict[str, Any]]]:
    """The bundled sheet reduced as the fixtures reduce a source."""
    rows: dict[str, dict[str, Any]] = {}
    for part in sheet.parts:
        for section in part.sections:
            for group in section.groups:
                readings = [e.rule for e in sheet.eliminations if e.at == group.code]
                if readings:
                    rows[group.code] = {"eliminations": readings}
    for code, criterion in sheet.criteria.items():
        row: dict[str, Any] = {
            "max": criterion.max_points,
            "points": [option.points for option in criterion.options],
        }
        readings = [e.rule for e in sheet.eliminations if e.at == code]
        if readings:
            row["eliminations"] = readings
        flagged = [i for i, option in enumerate(criterion.options) if option.eliminates]
        if flagged:
            row["eliminating"] = flagged
        rows[code] = row
    header = any(note.lower().startswith("bị loại khi") for note in sheet.notes)
    return header, rows


def differences(source: str) -> set[Difference]:
    found: set[Difference] = set()
    for no, sheet in rubric.load("1048/2019").sheets.items():
        header, mine = shipped(sheet)
        theirs = FIXTURES[source][str(no)]
        if header != theirs["header"]:
            found.add((no, "header", "header"))
        for code in set(mine) | set(theirs["criteria"]):
            ours, other = mine.get(code), theirs["criteria"].get(code)
            if ours is None or other is None:
                found.add((no, code, "missing here" if ours is None else "missing there"))
                continue
            for field in ("max", "points", "eliminations", "eliminating"):
                if ours.get(field) != other.get(field):
                    found.add((no, code, field))
    return found


def whole_sheet(source: str, no: int) -> set[Difference]:
    """Every difference of one sheet, for a sheet that differs as a whole."""
    return {item for item in differences(source) if item[0] == no}


# Departures from the decision text: each is recorded by the erratum named.
FROM_DECISION_TEXT: dict[Difference, str] = {
    (4, "9.1", "max"): "1048-04-1",
    (7, "3.1", "points"): "1048-07-1",
    (13, "6.3", "max"): "1048-13-1",
    (14, "6.1.3#2", "missing here"): "1048-14-1",
    (14, "6.1.4", "max"): "1048-14-1",
    (14, "6.1.4", "points"): "1048-14-1",
    (14, "6.1.5", "missing there"): "1048-14-1",
    (17, "6.1", "max"): "1048-17-1",
    (25, "6.5", "max"): "1048-25-1",
}
TOURISM_ERRATUM = "1048-26-2"  # the 781/2020 tourism sheet replaces the decision's set 26

# Departures from the provincial application's copy: the decision text is followed.
HEADER = 'the decision prints the "Bị loại khi: …" header on every sheet but tourism'
FROM_APPLICATION: dict[Difference, str] = {
    **{(no, "header", "header"): HEADER for no in range(1, 26)},
    (1, "1.1", "eliminations"): "the decision prints the raw-material elimination note",
    (2, "1.1", "eliminations"): "the decision prints the raw-material elimination note",
    (2, "2.1", "eliminations"): "the decision prints the copied-product elimination note",
    (4, "6.1", "eliminations"): "the decision prints the foreign-matter note on 6.1",
    (6, "6.1", "eliminating"): "the decision's first option is unacceptable foreign matter",
    (10, "7", "max"): "the decision prints TÍNH ĐỘC ĐÁO 0/1/3/5",
    (10, "7", "points"): "the decision prints TÍNH ĐỘC ĐÁO 0/1/3/5",
    (12, "6.1", "missing here"): "the decision prints the foreign-matter note on 6.1.1",
    (12, "6.1.1", "eliminations"): "the decision prints the foreign-matter note on 6.1.1",
    (14, "6.1", "missing here"): "the decision prints the foreign-matter note on 6.1.1",
    (14, "6.1.1", "eliminations"): "the decision prints the foreign-matter note on 6.1.1",
    (16, "6.2", "points"): "the decision's sensory block of set 16, not set 18's",
    (16, "6.3", "points"): "the decision's sensory block of set 16, not set 18's",
    (16, "6.5", "max"): "the decision's sensory block of set 16, not set 18's",
    (16, "6.5", "points"): "the decision's sensory block of set 16, not set 18's",
    (16, "7", "points"): "the decision prints TÍNH ĐỘC ĐÁO 0/2/3/5",
    (19, "10", "max"): "the decision prints maximum 5 (erratum 1048-19-1)",
}
SET_3_ABSENT = "the application's copy has no sheet for set 3"


def test_the_bundled_sheets_differ_from_the_decision_text_only_where_an_erratum_says() -> None:
    found = differences("decision_text")
    tourism = whole_sheet("decision_text", 26)
    assert tourism, "the 2019 tourism sheet differs from the 781 sheet as a whole"
    assert found - tourism == set(FROM_DECISION_TEXT)
    sheets = rubric.load("1048/2019").sheets
    for (no, _, _), erratum in {**FROM_DECISION_TEXT, (26, "*", "*"): TOURISM_ERRATUM}.items():
        assert any(entry.startswith(f"{erratum}: ") for entry in sheets[no].errata)


def test_the_bundled_sheets_differ_from_the_application_copy_only_where_explained() -> None:
    found = differences("app")
    absent = {item for item in whole_sheet("app", 3) if item[1] != "header"}
    assert absent, SET_3_ABSENT
    assert all(field == "missing there" for _, _, field in absent), SET_3_ABSENT
    assert found - absent == set(FROM_APPLICATION)


@pytest.mark.parametrize("no", SETS)
def test_every_1048_sheet_ships_and_adds_up_to_100(no: int) -> None:
    sheet = rubric.sheet("1048/2019", no)
    assert sheet.available
    assert sheet.max_points == 100
    assert {part.code: part.max_points for part in sheet.parts} == {"A": 35, "B": 25, "C": 40}
    assert sheet.name == FIXTURES["decision_text"][str(no)]["name"] or no in (15, 26)


# -- the eight corrections, one by one ---------------------------------------------------------


def points(no: int, code: str) -> list[int]:
    return [option.points for option in rubric.sheet("1048/2019", no).criteria[code].options]


def test_set_10_scores_uniqueness_0_1_3_5_and_part_c_reaches_40() -> None:
    sheet = rubric.sheet("1048/2019", 10)
    assert points(10, "7") == [0, 1, 3, 5]
    assert sheet.criteria["7"].max_points == 5
    assert sheet.unattainable_points == 0


def test_set_16_has_its_own_sensory_block_and_part_c_reaches_40() -> None:
    sheet = rubric.sheet("1048/2019", 16)
    assert (points(16, "6.2"), points(16, "6.3"), points(16, "6.5")) == (
        [0, 1, 2, 3],
        [0, 1, 2, 4, 6],
        [0, 1, 3, 5, 8],
    )
    assert "6.4" not in sheet.criteria
    assert points(16, "7") == [0, 2, 3, 5]
    assert sheet.unattainable_points == 0


def test_set_19_lacks_2_points_on_criterion_10_as_the_decision_prints_it() -> None:
    sheet = rubric.sheet("1048/2019", 19)
    inspection = sheet.criteria["10"]
    assert (inspection.max_points, points(19, "10")) == (5, [0, 1, 3])
    assert inspection.unattainable_points == 2 == sheet.unattainable_points
    assert any(e.startswith("1048-19-1: 10. KIỂM TRA ĐỊNH KỲ") for e in sheet.errata)


def card(no: int, choices: dict[str, int]) -> ScoreCard:
    sheet = rubric.sheet("1048/2019", no)
    best = {
        code: max(o.points for o in item.options if not o.eliminates)
        for code, item in sheet.criteria.items()
        if not item.alternative_group or code.endswith("(1)")
    }
    return ScoreCard.from_dict(
        {
            "decision": "1048/2019",
            "set_no": no,
            "member": "m",
            "product": "p",
            "choices": {**best, **choices},
        }
    )


def test_set_6_unacceptable_foreign_matter_is_refused_or_flagged() -> None:
    sheet = rubric.sheet("1048/2019", 6)
    first = sheet.criteria["6.1"].options[0]
    assert (first.label, first.points, first.eliminates) == (
        "Có tạp chất, không nhận được",
        0,
        True,
    )
    with pytest.raises(ScoreCardError) as refused:
        score(sheet, card(6, {"6.1": 0}))
    assert [p.code for p in refused.value.problems] == ["card.eliminated"]
    assert score(sheet, card(6, {"6.1": 0}), allow_elimination=True).eliminated == ("6.1",)


def test_the_elimination_notes_of_sets_1_2_and_4_and_every_header_are_kept() -> None:
    def rules(no: int) -> set[tuple[str, str]]:
        return {(e.at, e.rule) for e in rubric.sheet("1048/2019", no).eliminations}

    assert ("1.1", "raw_material") in rules(1) & rules(2)
    assert ("2.1", "copied_product") in rules(2)
    assert ("6.1", "foreign_matter") in rules(4)
    for no in range(1, 26):
        assert rubric.sheet("1048/2019", no).notes[0].startswith("Bị loại khi")
    assert rubric.sheet("1048/2019", 26).notes == ()


def test_sets_23_and_25_are_numbered_as_the_decision_numbers_them() -> None:
    names = {no: rubric.sheet("1048/2019", no).name for no in (23, 24, 25)}
    assert names == {
        23: "Thủ công mỹ nghệ, trang trí",
        24: "Thủ công mỹ nghệ gia dụng",
        25: "Vải, may mặc",
    }


def test_1048_sets_have_the_groups_subgroups_and_ministries_of_phu_luc_i() -> None:
    rice = product_set("1048", 3)
    assert (rice.category, rice.group, rice.subgroup, rice.ministries) == (
        "Thực phẩm",
        "Thực phẩm thô, sơ chế",
        "Gạo, ngũ cốc",
        ("Bộ Nông nghiệp và Phát triển nông thôn",),
    )
    assert product_set("1048", 8).ministries == (
        "Bộ Nông nghiệp và Phát triển nông thôn",
        "Bộ Công Thương",
    )
    assert product_set("1048", 23).ministries == ("Bộ Khoa học và Công nghệ",)
    assert product_set("1048", 25).group == "Vải, may mặc"
    assert all(s.group and s.ministries for s in product_sets("1048"))
