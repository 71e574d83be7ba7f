"""The score card as a pydantic v2 model: the tool a developer would reach for instead.

The model states the published schema in pydantic's terms (strict types, no extra fields, the
five forms of a choice as a union) and reads each line with ``model_validate_json``, parsing
and validating in Rust. Its cards are then handed to ocop as a developer would hand them:
:class:`ocop.ScoreCard` built from the model's fields, each choice read by the public
:meth:`ocop.Choice.parse`. Scoring, aggregation and classification are ocop's, the same calls
as in the ocop pipeline.

It is close to the schema, not identical: pydantic's strict integers refuse ``3.0`` (the schema
accepts it and the card is refused later, by its meaning), and its errors have other paths and
codes. For a season of valid cards both read exactly the same cards.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ocop import Choice, ScoreCard

NonNegative = Annotated[int, Field(ge=0)]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class IndexChoice(_Strict):
    """``{"index": i}``: the option's position, from 0."""

    index: NonNegative


class PointsChoice(_Strict):
    """``{"points": p}``: the option's printed points."""

    points: NonNegative


NotApplicable = Literal["n/a", "na", "không áp dụng", "not applicable"]
ChoiceValue = NonNegative | IndexChoice | PointsChoice | NotApplicable | None


class ScoreCardModel(_Strict):
    """One council member's score card, as ``score_card.schema.json`` describes it."""

    decision: str
    set_no: Annotated[int, Field(ge=1, le=26)]
    member: str
    product: str
    choices: dict[str, ChoiceValue]


def _choice(value: Any) -> Choice:
    if isinstance(value, IndexChoice):
        return Choice.parse({"index": value.index})
    if isinstance(value, PointsChoice):
        return Choice.parse({"points": value.points})
    return Choice.parse(value)  # printed points, None or a not-applicable word


def read(line: bytes | str) -> ScoreCard:
    """The ocop card of one line, validated by pydantic.

    Raises:
        pydantic.ValidationError: the line breaks the model.
        ocop.ScoreCardError: a field breaks the card's meaning (an empty member, …).
    """
    model = ScoreCardModel.model_validate_json(line)
    return ScoreCard(
        decision=model.decision,
        set_no=model.set_no,
        member=model.member,
        product=model.product,
        choices={code: _choice(value) for code, value in model.choices.items()},
    )


# -- the card as a developer writes it first -------------------------------------------------------


class PlainCardModel(BaseModel):
    """The card as a developer would first write it: pydantic's defaults, a choice as a union.

    Lax, as pydantic is by default: it turns ``"12"`` into 12 and ``true`` into 1 where the
    published schema refuses both, so it accepts a few cards the contract refuses; every card
    the contract accepts, it reads alike.
    """

    decision: str
    set_no: int = Field(ge=1, le=26)
    member: str
    product: str
    choices: dict[str, int | dict[str, int] | str | None]


def read_plain(line: bytes | str) -> ScoreCard:
    """The ocop card of one line, read by :class:`PlainCardModel` and the public constructor.

    Raises:
        pydantic.ValidationError: the line breaks the model.
        ocop.ScoreCardError: a field or a choice breaks the card's meaning.
    """
    model = PlainCardModel.model_validate_json(line)
    return ScoreCard(
        decision=model.decision,
        set_no=model.set_no,
        member=model.member,
        product=model.product,
        choices={code: Choice.parse(value) for code, value in model.choices.items()},
    )
