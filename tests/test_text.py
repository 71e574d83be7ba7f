import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop._text import clean_name, fold, fold_both, fold_keys, nfc, prefix

# Letters of the Vietnamese alphabet with every tone, precomposed, and a few separators.
VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
words = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper(), min_size=1, max_size=8)
names = st.lists(words, min_size=1, max_size=5).map(" ".join)


def test_nfc_makes_a_decomposed_name_equal_to_the_composed_one_and_trims_it():
    decomposed = unicodedata.normalize("NFD", "  Phường Mỹ Hòa ")
    assert nfc(decomposed) == "Phường Mỹ Hòa"


def test_nfc_keeps_line_breaks_inside_a_text():
    assert nfc(" dòng một\ndòng hai ") == "dòng một\ndòng hai"


def test_a_clean_name_has_single_spaces():
    assert clean_name(" Phường  An\tNhơn ") == "Phường An Nhơn"


@pytest.mark.parametrize("written", ["Hòa", "Hoà", "hoa", "HOÀ", "Ho\u0300a", "ho\u0300a"])
def test_fold_ignores_diacritics_case_and_where_the_tone_mark_sits(written):
    assert fold(written) == "hoa"


def test_fold_with_marks_ignores_where_the_tone_mark_sits_but_not_which_mark_it_is():
    assert fold("Hòa", marks=True) == fold("Hoà", marks=True)
    assert fold("Thủy", marks=True) == fold("Thuỷ", marks=True)
    assert fold("Hòa", marks=True) != fold("Hóa", marks=True)
    assert fold("Hòa", marks=True) != fold("Hoa", marks=True)


@pytest.mark.parametrize(
    "written",
    [
        "Thành phố Long Xuyên",
        "TP Long Xuyên",
        "TP. Long Xuyên",
        "Tp.Long Xuyên",
        "long xuyen",
        "LONG XUYÊN",
        "thanh pho long xuyen",
    ],
)
def test_fold_drops_the_prefix_however_it_is_written(written):
    assert fold(written) == "long xuyen"


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("Tỉnh An Giang", "tỉnh"),
        ("Thành phố Cần Thơ", "thành phố"),
        ("Huyện Thoại Sơn", "huyện"),
        ("Quận 1", "quận"),
        ("Thị xã Tân Châu", "thị xã"),
        ("TX Tân Châu", "thị xã"),
        ("Thị trấn Núi Sập", "thị trấn"),
        ("TT Núi Sập", "thị trấn"),
        ("Xã Mỹ Khánh", "xã"),
        ("Phường Bình Đức", "phường"),
        ("Đặc khu Phú Quốc", "đặc khu"),
        ("Thị Xã Việt Yên", "thị xã"),
    ],
)
def test_every_administrative_prefix_is_recognised(written, kind):
    assert prefix(written) == kind


def test_a_name_that_only_starts_like_a_prefix_keeps_its_first_word():
    # Tịnh Biên (An Giang) and Quan Sơn (Thanh Hóa) are names, not "Tỉnh …" and "Quận …".
    assert fold("Thị xã Tịnh Biên") == fold("Tịnh Biên") == "tinh bien"
    assert fold("Huyện Quan Sơn") == fold("Quan Sơn") == "quan son"
    assert prefix("Tịnh Biên") is None


def test_a_name_typed_without_diacritics_is_tried_with_and_without_its_first_word():
    assert fold_keys("tinh bien") == ("bien", "tinh bien")
    assert fold_keys("Tịnh Biên") == ("tinh bien",)


def test_a_prefix_alone_is_a_name_and_not_dropped():
    assert fold("Xã") == "xa"


def test_numbers_lose_their_leading_zeros():
    assert fold("Phường 07") == fold("phuong 7") != fold("Phường 17")
    assert fold("Phường 07") == "7"


def test_dashes_and_apostrophes_of_every_kind_fold_alike():
    assert fold("Xã Chân Mây – Lăng Cô") == fold("Chân Mây - Lăng Cô") == "chan may lang co"
    assert fold("Huyện Cư M'gar") == fold("Cư M’gar") == fold("cu mgar")


def test_fold_both_is_fold_with_and_without_marks():
    assert fold_both("Phường Mỹ Hòa") == (fold("Mỹ Hòa", marks=True), fold("Mỹ Hòa"))


@given(names)
def test_fold_is_the_same_for_composed_and_decomposed_text(name):
    assert fold(unicodedata.normalize("NFD", name)) == fold(name)
    assert fold(unicodedata.normalize("NFD", name), marks=True) == fold(name, marks=True)


@given(names)
def test_fold_ignores_case(name):
    assert fold(name.upper()) == fold(name.lower())
    assert fold(name.upper(), marks=True) == fold(name.lower(), marks=True)


@given(names)
def test_fold_without_marks_leaves_plain_ascii(name):
    assert fold(name).isascii()


@given(names)
def test_a_marked_prefix_is_always_dropped_from_a_name(name):
    assert fold("Phường " + name) == fold("Xã " + name) == fold("Tỉnh " + name)
