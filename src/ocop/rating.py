"""Star ratings and the 100-point score they are read from.

The five bands are the same in every decision (QĐ 1048/2019 Phụ lục; QĐ 148/2023 Art. 1;
QĐ 26/2026/QĐ-TTg Art. 3.3): 5★ 90–100, 4★ 70–<90, 3★ 50–<70, 2★ 30–<50, 1★ <30. The older
texts print "70–89"; with decimal averages the bands are read as half-open intervals. A score is
kept at two decimals and is never rounded up across a threshold: 69.995 is 69.99, a 3★ score.

>>> StarRating.for_score("70.00")
StarRating(stars=4)
>>> StarRating.for_score("69.995").stars
3
>>> StarRating(stars=3).certifiable, StarRating(stars=2).certifiable
(True, False)
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal, InvalidOperation

import attrs

from ocop.errors import InputError, Problem

__all__ = ["MAX_SCORE", "StarRating", "band_floor", "to_score"]

MAX_SCORE = Decimal(100)
_HUNDREDTH = Decimal("0.01")

# Lower bound of each band, highest first (QĐ 26/2026/QĐ-TTg Art. 3.3).
_FLOORS: tuple[tuple[int, Decimal], ...] = (
    (5, Decimal(90)),
    (4, Decimal(70)),
    (3, Decimal(50)),
    (2, Decimal(30)),
    (1, Decimal(0)),
)
_FLOOR_OF = dict(_FLOORS)


def to_score(value: object, *, path: str = "$") -> Decimal:
    """A 100-point score kept at two decimals, cut (never rounded) at the third.

    Args:
        value: an int, a ``Decimal``, a float or a numeric string.
        path: where the value came from, for the error.

    Raises:
        InputError: ``score.not_a_number`` or ``score.out_of_range`` (outside 0..100).

    >>> to_score(69.999)
    Decimal('69.99')
    >>> to_score("91.14")
    Decimal('91.14')
    """
    try:
        if isinstance(value, bool):
            raise TypeError
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)  # type: ignore[arg-type]
        if not number.is_finite():
            raise InvalidOperation
    except (TypeError, ValueError, InvalidOperation):
        raise InputError(
            Problem(
                code="score.not_a_number",
                path=path,
                value=value,
                message_vi="Điểm phải là một số",
                message_en="a score must be a number",
            )
        ) from None
    if not Decimal(0) <= number <= MAX_SCORE:
        raise InputError(
            Problem(
                code="score.out_of_range",
                path=path,
                value=value,
                message_vi="Điểm phải nằm trong khoảng 0 đến 100",
                message_en="a score must lie between 0 and 100",
            )
        )
    return number.quantize(_HUNDREDTH, rounding=ROUND_DOWN)


def band_floor(stars: int) -> Decimal:
    """The lowest score of a star band: 90, 70, 50, 30 or 0.

    >>> band_floor(4)
    Decimal('70')
    """
    return _FLOOR_OF[stars]


def _check_stars(instance: StarRating, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise InputError(
            Problem(
                code="star.out_of_range",
                path="$.stars",
                value=value,
                message_vi="Hạng sao phải là số nguyên từ 1 đến 5",
                message_en="a star rating must be a whole number from 1 to 5",
            )
        )


@attrs.frozen(kw_only=True, order=True)
class StarRating:
    """An OCOP rank of 1 to 5 stars (hạng sao)."""

    stars: int = attrs.field(validator=_check_stars)

    @classmethod
    def for_score(cls, score: object) -> StarRating:
        """The band a score falls in, without any marker (see :func:`ocop.ranking.classify`)."""
        value = to_score(score)
        for stars, floor in _FLOORS:
            if value >= floor:
                return cls(stars=stars)
        raise AssertionError("unreachable: the 1★ band starts at 0")  # pragma: no cover

    @property
    def certifiable(self) -> bool:
        """Whether a certificate is issued: only from 3★ (QĐ 26/2026/QĐ-TTg Art. 4.1.a)."""
        return self.stars >= 3

    @property
    def floor(self) -> Decimal:
        """The lowest score of this band."""
        return _FLOOR_OF[self.stars]

    def __str__(self) -> str:
        return f"{self.stars}★"
