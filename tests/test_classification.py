import attrs
import pytest

from ocop import RubricError, rubric
from ocop.classification import ProductSet, product_set, product_sets

MAE = "Bộ Nông nghiệp và Môi trường"
MARD = "Bộ Nông nghiệp và Phát triển nông thôn"
MOIT = "Bộ Công Thương"
MOH = "Bộ Y tế"
MCST = "Bộ Văn hóa, Thể thao và Du lịch"


@pytest.mark.parametrize("decision", rubric.decisions())
def test_each_decision_classifies_26_sets_named_as_their_score_sheets(decision: str) -> None:
    sets = product_sets(decision)
    assert [s.no for s in sets] == list(range(1, 27))
    assert {s.decision for s in sets} == {decision}
    sheets = rubric.load(decision).sheets
    assert [s.name for s in sets] == [sheets[no].name for no in range(1, 27)]


def test_26_2026_has_six_categories_seventeen_groups_and_twenty_six_sets() -> None:
    sets = product_sets("26/2026")
    assert len({s.category for s in sets}) == 6
    assert len({(s.category, s.group) for s in sets}) == 17
    assert [s.category for s in sets[::5]] == [
        "Thực phẩm",
        "Thực phẩm",
        "Thực phẩm",
        "Đồ uống",
        "Hàng thủ công mỹ nghệ",
        "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
    ]


@pytest.mark.parametrize(
    ("no", "group", "subgroup", "ministries"),
    [
        (1, "Thực phẩm tươi sống", "Rau, củ, quả, hạt tươi", (MAE,)),
        (5, "Thực phẩm chế biến", "Đồ ăn nhanh", (MOIT,)),
        (6, "Thực phẩm chế biến", "Chế biến từ gạo, ngũ cốc", (MAE, MOIT)),
        (13, "Cà phê, ca cao", None, (MAE,)),
        (16, "Đồ uống không cồn", "Nước khoáng thiên nhiên, nước uống đóng chai", (MOH,)),
        (20, "Tinh dầu và dược liệu khác", None, (MOH, MOIT)),
        (21, "Thủ công mỹ nghệ gia dụng, trang trí", None, (MOIT, MAE)),
        (25, "Động vật cảnh", None, (MAE,)),
        (26, "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch", None, (MCST, MAE)),
    ],
)
def test_a_26_2026_set_sits_in_appendix_i_with_its_managing_ministries(
    no: int, group: str, subgroup: str | None, ministries: tuple[str, ...]
) -> None:
    found = product_set("26/2026", no)
    assert (found.group, found.subgroup, found.ministries) == (group, subgroup, ministries)


def test_148_has_the_same_structure_with_the_old_ministry_of_agriculture() -> None:
    old, new = product_sets("148/2023"), product_sets("26/2026")
    assert [s.category for s in old] == [s.category for s in new]
    for before, after in zip(old, new, strict=True):
        assert before.ministries == tuple(MARD if m == MAE else m for m in after.ministries)
    assert MAE not in {m for s in old for m in s.ministries}
    assert product_set("148", 19).group == "Mỹ phẩm có thành phần từ thảo dược"


def test_1048_has_six_branches_and_the_groups_of_its_phu_luc_i() -> None:
    sets = product_sets("1048/2019")
    assert list(dict.fromkeys(s.category for s in sets)) == [
        "Thực phẩm",
        "Đồ uống",
        "Thảo dược",
        "Lưu niệm – nội thất – trang trí",
        "Vải và may mặc",
        "Dịch vụ du lịch cộng đồng và điểm du lịch",
    ]
    assert [s.no for s in sets if s.category == "Đồ uống"] == [15, 16, 17, 18]
    assert [s.no for s in sets if s.category == "Vải và may mặc"] == [25]
    assert [s.group for s in sets[14:18]] == ["Đồ uống có cồn"] * 2 + ["Đồ uống không cồn"] * 2
    assert product_set("1048", 17).ministries == ("Bộ Y tế",)
    assert product_set("1048", 26).ministries == ("Bộ Văn hóa, Thể thao và Du lịch",)


def test_a_product_set_is_a_frozen_value() -> None:
    found = product_set("QĐ 26/2026/QĐ-TTg", 3)
    assert found == product_set("26", 3)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        found.no = 4  # type: ignore[misc]
    with pytest.raises(ValueError, match=r"numbered 1\.\.26"):
        ProductSet(decision="26/2026", no=27, name="x", category="y")


@pytest.mark.parametrize(
    ("decision", "no", "code"),
    [
        ("781", 1, "rubric.unknown_decision"),
        ("26", 0, "rubric.unknown_set"),
        ("26", 27, "rubric.unknown_set"),
    ],
)
def test_an_unknown_decision_or_set_is_a_rubric_error(decision: str, no: int, code: str) -> None:
    with pytest.raises(RubricError) as caught:
        product_set(decision, no)
    assert caught.value.code == code
