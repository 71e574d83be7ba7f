"""What changed for a product set between two decisions' score sheets."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from ocop import rubric
from ocop.rubric.model import Criterion, Marker, Option, Part, Section, Sheet
from ocop.rubric_diff import OptionRef, diff_sheets, normalise_title

Spec = tuple[str, str, str, Sequence[tuple[str, int]]]  # code, section, title, options


def make_sheet(
    decision: str,
    specs: Sequence[Spec],
    markers: Sequence[tuple[int, str, int]] = (),
    *,
    section_titles: dict[str, str] | None = None,
) -> Sheet:
    criteria = {
        code: Criterion(
            code=code,
            title=title,
            part="A",
            section=section,
            max_points=max(points for _, points in options),
            options=tuple(Option(label=label, points=points) for label, points in options),
        )
        for code, section, title, options in specs
    }
    sections: dict[str, list[Criterion]] = {}
    for item in criteria.values():
        sections.setdefault(item.section, []).append(item)
    titles = section_titles or {}
    built = tuple(
        Section(
            no=no,
            title=titles.get(no, f"{no}. MỤC {no}"),
            max_points=sum(c.max_points for c in items),
            criteria=tuple(items),
        )
        for no, items in sections.items()
    )
    return Sheet(
        decision=decision,
        set_no=1,
        name="Rau, củ, quả, hạt tươi",
        parts=(
            Part(
                code="A",
                title="Phần A",
                max_points=sum(s.max_points for s in built),
                sections=built,
            ),
        ),
        criteria=criteria,
        markers=tuple(
            Marker(star=star, criterion=code, points=criteria[code].options[i].points, option=i)
            for star, code, i in sorted(markers)
        ),
    )


ORIGIN_OLD = [("Dưới 50%", 1), ("Từ 50% đến dưới 75%", 3), ("Từ 75% đến 100%", 5)]
ORIGIN_NEW = [("Dưới 50%", 1), ("Từ 50% đến dưới 75%", 2), ("Từ 75% đến 100%", 3)]
LINK = [("Không có liên kết", 0), ("Có hợp đồng liên kết", 1), ("Liên kết trên 75%", 2)]

OLD = make_sheet(
    "148/2023",
    [
        ("1.a", "1", "a) Nguồn gốc sản phẩm", ORIGIN_OLD),
        ("1.d", "1", "d) Liên kết sản xuất", LINK),
        ("3.b", "3", "b) Đại diện pháp luật của chủ thể là nữ/đồng bào dân tộc thiểu số", LINK),
        ("3.đ", "3", "đ) Kế toán", [("Không", 0), ("Có", 1)]),
        ("9.a", "9", "a) Công bố tiêu chuẩn sản phẩm của cơ sở sản xuất", LINK),
    ],
    markers=[(4, "1.d", 2)],
    section_titles={"9": "9. CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM"},
)
NEW = make_sheet(
    "26/2026",
    [
        ("1.1", "1", "1.1. Nguồn gốc sản phẩm", ORIGIN_NEW),
        ("1.2", "1", "1.2. Vùng nguyên liệu được cấp chứng nhận", [("Không", 0), ("Có", 2)]),
        ("1.5", "1", "1.5. Liên kết sản xuất", LINK),
        (
            "3.2",
            "3",
            "3.2. Đại diện pháp luật của chủ thể là nữ; hoặc đồng bào dân tộc thiểu số",
            LINK,
        ),
        ("9", "9", "9. CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM", LINK),
    ],
    markers=[(3, "1.5", 1), (4, "1.5", 2)],
    section_titles={"9": "9. CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM"},
)
DIFF = diff_sheets(OLD, NEW)


def test_a_title_is_normalised_without_its_number_remarks_case_or_punctuation() -> None:
    assert normalise_title("1.1. Nguồn gốc sản phẩm") == "nguồn gốc sản phẩm"
    assert normalise_title("đ) Kế toán") == "kế toán"
    assert normalise_title("3.2(1) Sự tham gia (Lựa chọn một)") == "sự tham gia"
    assert normalise_title("8.a Trường hợp 1:  Có") == "trường hợp 1 có"
    assert normalise_title("CẢM QUAN") == normalise_title("Cảm quan")


def test_criteria_renumbered_between_decisions_are_matched_by_title() -> None:
    pairs = [(change.old.code, change.new.code, change.rule) for change in DIFF.matched]
    assert pairs == [
        ("1.a", "1.1", "same title"),
        ("1.d", "1.5", "same title"),
        ("3.b", "3.2", "similar title"),
        ("9.a", "9", "same section"),
    ]
    assert DIFF.matched[2].similarity >= 0.75


def test_criteria_only_in_one_sheet_are_added_or_removed() -> None:
    assert [ref.code for ref in DIFF.added] == ["1.2"]
    assert [ref.code for ref in DIFF.removed] == ["3.đ"]
    assert DIFF.removed[0].title == "3.đ Kế toán"


def test_a_reweighted_criterion_and_its_repointed_options_are_reported() -> None:
    (origin,) = DIFF.reweighted
    assert (origin.old.max_points, origin.new.max_points) == (5, 3)
    assert [(c.old.points, c.new.points) for c in origin.options_changed] == [(3, 2), (5, 3)]
    assert origin.options_added == origin.options_removed == ()


def test_markers_moved_between_options_are_reported() -> None:
    (linkage,) = DIFF.markers_moved
    assert linkage.new.code == "1.5"
    assert [(m.star, m.points) for m in linkage.markers_old] == [(4, 2)]
    assert [(m.star, m.points) for m in linkage.markers_new] == [(3, 1), (4, 2)]


def test_reworded_options_with_the_same_points_are_paired_and_new_ones_added() -> None:
    old = make_sheet("148/2023", [("4.a", "4", "a) Khu vực phân phối", LINK)])
    new_options = [
        ("Không có liên kết sản xuất", 0),
        ("Có hợp đồng liên kết ổn định", 1),
        ("Thị trường quốc tế", 3),
    ]
    new = make_sheet("26/2026", [("4.1", "4", "4.1. Khu vực phân phối", new_options)])
    (change,) = diff_sheets(old, new).changed
    assert change.options_added == (OptionRef(label="Thị trường quốc tế", points=3),)
    assert change.options_removed == (OptionRef(label="Liên kết trên 75%", points=2),)
    assert [c.new.label for c in change.options_changed] == [
        "Không có liên kết sản xuất",
        "Có hợp đồng liên kết ổn định",
    ]


def test_very_different_titles_are_not_matched() -> None:
    old = make_sheet("148/2023", [("3.đ", "3", "đ) Kế toán", LINK)])
    new = make_sheet("26/2026", [("3.5", "3", "3.5. Sở hữu trí tuệ", LINK)])
    diff = diff_sheets(old, new)
    assert diff.matched == ()
    assert [ref.code for ref in diff.added] == ["3.5"]


def test_part_and_section_maxima_changes_are_listed() -> None:
    assert [(m.level, m.old_key, m.new_key, m.old_max, m.new_max) for m in DIFF.maxima] == [
        ("part", "A", "A", 12, 11),
        ("section", "3", "3", 3, 2),
    ]
    assert "  section 3 3. MỤC 3: 3 → 2" in DIFF.render("en")
    assert "  mục 3 3. MỤC 3: 3 → 2" in DIFF.render("vi")


def test_identical_sheets_have_no_differences() -> None:
    same = diff_sheets(NEW, NEW)
    assert same.changed == ()
    assert same.added == ()
    assert same.removed == ()
    assert same.maxima == ()
    assert len(same.matched) == len(NEW.criteria)
    assert same.render("en").splitlines()[-1] == "No differences."
    assert same.render("vi").splitlines()[-1] == "Không có khác biệt."


def test_the_rendering_lists_every_change_in_vietnamese_and_english() -> None:
    english = DIFF.render("en")
    assert english.splitlines()[0] == (
        "Set 1 (Rau, củ, quả, hạt tươi), 148/2023 → set 1 (Rau, củ, quả, hạt tươi), 26/2026"
    )
    assert "  + 1.2 Vùng nguyên liệu được cấp chứng nhận (2)" in english
    assert "  - 3.đ Kế toán (1)" in english
    assert "  1.a → 1.1 Nguồn gốc sản phẩm" in english
    assert "    maximum: 5 → 3" in english
    assert "    ~ Từ 75% đến 100% (5) → Từ 75% đến 100% (3)" in english
    assert "    markers: 4★ ≥ 2 → 3★ ≥ 1, 4★ ≥ 2" in english
    vietnamese = DIFF.render("vi")
    assert vietnamese.splitlines()[0].startswith("Bộ 1 (Rau, củ, quả, hạt tươi), QĐ 148/2023")
    assert "Tiêu chí mới:" in vietnamese
    assert "    điểm tối đa: 5 → 3" in vietnamese
    assert "    dấu sao: 4★ ≥ 2 → 3★ ≥ 1, 4★ ≥ 2" in vietnamese


# -- the bundled decisions -------------------------------------------------------------------


def test_set_1_from_148_to_26_2026_drops_accounting_and_adds_bilingual_labelling() -> None:
    diff = diff_sheets(rubric.sheet("148/2023", 1), rubric.sheet("26/2026", 1))
    assert {ref.code for ref in diff.removed} == {"3.đ", "9.b"}
    assert {ref.code for ref in diff.added} == {"1.2", "2.4"}
    by_old = {change.old.code: change for change in diff.matched}
    assert by_old["1.a"].new.code == "1.1"
    assert (by_old["1.a"].old.max_points, by_old["1.a"].new.max_points) == (5, 3)
    assert by_old["5.b"].new.code == "5.3"
    assert by_old["3.e"].new.code == "3.5"
    assert by_old["3.e"].markers_moved
    sections = {(m.old_key, m.new_key): (m.old_max, m.new_max) for m in diff.maxima}
    assert sections[("6", "6")] == (13, 12)
    assert "Kế toán" in diff.render("vi")


@pytest.mark.parametrize("set_no", range(1, 27))
def test_most_criteria_of_every_set_are_matched_from_148_to_26_2026(set_no: int) -> None:
    diff = diff_sheets(rubric.sheet("148/2023", set_no), rubric.sheet("26/2026", set_no))
    assert len(diff.matched) >= 0.85 * len(rubric.sheet("26/2026", set_no).criteria)
    assert all(change.old.part == change.new.part for change in diff.matched)
    assert len({change.new.code for change in diff.matched}) == len(diff.matched)


def test_the_1048_fresh_produce_sheet_is_compared_with_148() -> None:
    diff = diff_sheets(rubric.sheet("1048/2019", 1), rubric.sheet("148/2023", 1))
    parts = {m.new_key: (m.old_max, m.new_max) for m in diff.maxima if m.level == "part"}
    assert parts == {"A": (35, 40), "C": (40, 35)}
    assert diff.matched
