"""Nothing inside a public object moves: every container is read-only, and equal objects hash equal.

The objects are those of a whole round (every kind of document, loaded from the An Giang 2020
example and what its round makes), plus scores, results, advice, sheets, diffs, places and
errors; every public attrs class of ``ocop.__all__`` is met there or, for the few that need
a paper-by-paper dossier to exist, read from its field types.
"""

import typing
from collections.abc import Iterator, Mapping
from types import MappingProxyType

import attrs
import pytest

import ocop
from fuzzing import seeds
from ocop import demo, places, rubric
from ocop import json as ocop_json
from ocop.calendar import date
from ocop.classification import product_set
from ocop.council import Tie
from ocop.product_code import ProductCode
from ocop.regulation import era
from ocop.rubric.model import FrozenMap
from ocop.subject import Contact

PUBLIC = tuple(
    cls for name in ocop.__all__ if isinstance(cls := getattr(ocop, name), type) and attrs.has(cls)
)
READ_ONLY = (tuple, frozenset, str, bytes, FrozenMap, MappingProxyType)
MUTABLE = (dict, list, set, bytearray)


def _corpus() -> Iterator[object]:
    for kind, documents in seeds().items():
        for document in documents:
            yield ocop_json.load(kind, document)
    cards = demo.load_example("score_card", "cards.jsonl")
    sheet = rubric.sheet(cards[0].decision, cards[0].set_no)
    council = ocop.aggregate(sheet, [card for card in cards if card.product == cards[0].product])
    yield from (sheet, rubric.load("26/2026"), council, ocop.score(sheet, cards[0]))
    yield ocop.classify(sheet, council)
    yield ocop.advise(sheet, council, 5)
    yield ocop.diff_sheets(rubric.sheet("148/2023", 1), rubric.sheet("26/2026", 1))
    yield from (places.province("89", "legacy"), places.district("883"), places.commune("30544"))
    yield product_set("26/2026", 1)
    yield ProductCode.parse("83-829-28780-3-2022")
    yield Contact(phone="0912345678")
    yield Tie(kind="employee", person="Nguyễn Văn A")
    try:
        ocop_json.load("subject", {"id": 1})
    except ocop.DocumentError as error:
        yield from error.problems
    round_ = ocop_json.load("evaluation_round", seeds()["evaluation_round"][0])
    application = round_.applications[0]
    yield ocop.check_dossier(application.dossier, era("1048/2019"), on=date(2020, 1, 13))
    yield from _season()
    certificate = round_.certificates[0]
    yield certificate.revoke(
        ground="false_dossier",
        found_on=date(2021, 1, 4),
        decided_on=date(2021, 1, 5),
        decision_no="1/QĐ-UBND",
        by="province",
    )


def _season() -> Iterator[object]:
    """The An Giang round as a season, one card broken: entries, outcomes and the summary."""
    lines = [ocop_json.dumps(p, indent=None) for p in demo.load_example("product", "products.json")]
    lines += [
        ocop_json.dumps(c, indent=None) for c in demo.load_example("score_card", "cards.jsonl")
    ]
    lines[-1] = lines[-1].replace('"choices": {', '"choices": {"9.9": 1, ', 1)
    entries = list(ocop.read_season(lines, file="season.jsonl"))
    outcomes = list(ocop.score_season(entries))
    yield from (*entries, *outcomes, ocop.summarise_season(outcomes))


def _instances() -> dict[type, list[object]]:
    found: dict[type, list[object]] = {}
    seen: set[int] = set()
    stack = list(_corpus())
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if attrs.has(type(item)):
            found.setdefault(type(item), []).append(item)
            stack.extend(getattr(item, field.name) for field in attrs.fields(type(item)))
        elif isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, tuple | frozenset | list | set):
            stack.extend(item)
    return found


INSTANCES = _instances()


def _mutations(value: object) -> Iterator[tuple[str, typing.Callable[[], object]]]:
    """Every way a caller might try to change a container in place."""
    yield "setitem", lambda: value.__setitem__("x", 1)  # type: ignore[attr-defined]
    yield "delitem", lambda: value.__delitem__(next(iter(value)))  # type: ignore[call-overload]
    for method, args in (
        ("append", (1,)),
        ("extend", ([1],)),
        ("add", (1,)),
        ("update", ({"x": 1},)),
        ("clear", ()),
        ("pop", ()),
        ("popitem", ()),
        ("setdefault", ("x", 1)),
        ("discard", (1,)),
        ("remove", (1,)),
        ("insert", (0, 1)),
        ("sort", ()),
        ("reverse", ()),
    ):
        yield method, lambda method=method, args=args: getattr(value, method)(*args)


def _refused(mutate: typing.Callable[[], object]) -> bool:
    try:
        mutate()
    except (TypeError, AttributeError):
        return True
    return False


def _containers(instance: object) -> Iterator[tuple[str, object]]:
    for field in attrs.fields(type(instance)):
        value = getattr(instance, field.name)
        if isinstance(
            value, Mapping | tuple | list | set | frozenset | bytearray
        ) and not isinstance(value, str):
            yield field.name, value


def test_the_corpus_meets_most_public_classes():
    met = [cls for cls in PUBLIC if cls in INSTANCES]
    assert len(met) >= len(PUBLIC) - 6, sorted(c.__name__ for c in PUBLIC if c not in INSTANCES)


@pytest.mark.parametrize(
    "cls", [cls for cls in PUBLIC if cls in INSTANCES], ids=lambda c: c.__name__
)
def test_no_container_of_a_public_object_can_be_changed(cls):
    for instance in INSTANCES[cls][:20]:
        before = hash(instance)
        for name, value in _containers(instance):
            assert not isinstance(value, MUTABLE), f"{cls.__name__}.{name} is a {type(value)}"
            assert isinstance(value, READ_ONLY), f"{cls.__name__}.{name} is a {type(value)}"
            if not value:
                continue
            for how, mutate in _mutations(value):
                assert _refused(mutate), f"{cls.__name__}.{name}.{how} changed it"
        for field in attrs.fields(cls):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(instance, field.name, None)
        assert hash(instance) == before


@pytest.mark.parametrize(
    "cls", [cls for cls in PUBLIC if cls in INSTANCES], ids=lambda c: c.__name__
)
def test_equal_public_objects_hash_equal(cls):
    for instance in INSTANCES[cls][:20]:
        twin = attrs.evolve(instance)
        assert twin == instance
        assert hash(twin) == hash(instance)


@pytest.mark.parametrize("cls", PUBLIC, ids=lambda c: c.__name__)
def test_no_public_class_declares_a_mutable_container(cls):
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        origin = typing.get_origin(hints.get(field.name)) or hints.get(field.name)
        assert origin not in MUTABLE, f"{cls.__name__}.{field.name}"


def test_a_score_card_s_choices_cannot_be_changed_after_it_is_checked():
    card = demo.load_example("score_card", "cards.jsonl")[0]
    sheet = rubric.sheet(card.decision, card.set_no)
    total = ocop.score(sheet, card).total
    with pytest.raises(TypeError):
        card.choices["1.1"] = ocop.Choice(points=1)  # type: ignore[index]
    assert ocop.score(sheet, card).total == total


def test_a_card_score_and_a_council_result_are_hashable_values():
    cards = demo.load_example("score_card", "cards.jsonl")
    sheet = rubric.sheet(cards[0].decision, cards[0].set_no)
    same = [card for card in cards if card.product == cards[0].product]
    first, again = ocop.aggregate(sheet, same), ocop.aggregate(sheet, list(same))
    assert first == again
    assert len({first, again}) == 1
    assert len({ocop.score(sheet, card) for card in same + same}) == len(same)
