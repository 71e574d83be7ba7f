from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop import InputError
from ocop.rating import StarRating, to_score


@pytest.mark.parametrize(
    ("score", "stars"),
    [
        # An Giang, round 1 of 2022 (ocop.angiang.gov.vn), and the national round of 2020.
        ("71.00", 4),
        ("65.10", 3),
        ("50.20", 3),
        ("72.80", 4),
        ("91.14", 5),
        # On and around each threshold.
        ("90", 5),
        ("89.99", 4),
        ("70.00", 4),
        ("69.995", 3),
        ("69.99", 3),
        ("50", 3),
        ("49.999", 2),
        ("30", 2),
        ("29.99", 1),
        ("0", 1),
        ("100", 5),
    ],
)
def test_the_band_of_a_score(score, stars):
    assert StarRating.for_score(score).stars == stars


def test_a_score_is_cut_at_two_decimals_never_rounded_up():
    assert to_score("69.999") == Decimal("69.99")
    assert to_score(89.9999) == Decimal("89.99")


@pytest.mark.parametrize("value", [-0.01, 100.01, "abc", None, True, float("nan")])
def test_a_score_outside_zero_to_hundred_or_not_a_number_is_refused(value):
    with pytest.raises(InputError) as caught:
        to_score(value, path="$.final_score")
    assert caught.value.path == "$.final_score"
    assert caught.value.code in {"score.out_of_range", "score.not_a_number"}


@pytest.mark.parametrize("stars", [0, 6, 3.0, True, "3"])
def test_a_star_rating_is_a_whole_number_from_one_to_five(stars):
    with pytest.raises(InputError) as caught:
        StarRating(stars=stars)
    assert caught.value.code == "star.out_of_range"


def test_only_three_stars_and_above_are_certifiable():
    assert [StarRating(stars=s).certifiable for s in range(1, 6)] == [
        False,
        False,
        True,
        True,
        True,
    ]


def test_star_ratings_are_ordered_values():
    assert StarRating(stars=3) < StarRating(stars=4)
    assert StarRating(stars=3) == StarRating(stars=3)
    assert str(StarRating(stars=5)) == "5★"


@given(
    st.decimals(min_value=0, max_value=100, places=3),
    st.decimals(min_value=0, max_value=100, places=3),
)
def test_a_higher_score_never_gives_a_lower_band(a, b):
    low, high = sorted((a, b))
    assert StarRating.for_score(low) <= StarRating.for_score(high)
