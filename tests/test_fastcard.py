"""The fast score-card path against the general route: same verdicts, same cards, same problems.

The general route is the JSON contract as every other kind of document reads it: jsonschema's
Draft 2020-12 validator for the syntax, then the domain classes field by field. Each property
below draws valid and broken cards alike and asserts that both routes agree exactly.
"""

import contextlib
import copy
import json
import math
import subprocess
import sys
from collections import OrderedDict
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocop import DocumentError, OcopError, ScoreCard, _fastcard, _schema, rubric, score
from ocop import json as ocop_json
from ocop._schema import MAX_INTEGER, Limits, parse, schema_problems, validator

FIELDS = ("decision", "set_no", "member", "product", "choices")
NA_WORDS = ("n/a", "na", "không áp dụng", "not applicable")

# -- what the cards are made of ------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
)
junk = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
whole_floats = st.integers(min_value=-3, max_value=40).map(float)
texts = st.one_of(
    st.sampled_from(["m1", "tv-01", "91-000123-2026", " padded ", "", "   ", "Hội đồng"]),
    st.text(max_size=10),
    st.just("Ho\u0300a"),  # not in NFC
)
decisions = st.one_of(
    st.sampled_from(["26/2026", "148/2023", "1048/2019", "26", "QĐ 148/QĐ-TTg", " 26/2026"]),
    st.sampled_from(["26/2025", "", "   ", "Quyết định số 148/QĐ-TTg"]),
    st.text(max_size=8),
)
index_choice = st.builds(lambda i: {"index": i}, st.integers(min_value=0, max_value=40))
points_choice = st.builds(lambda p: {"points": p}, st.integers(min_value=0, max_value=40))
valid_choices = st.one_of(
    st.integers(min_value=0, max_value=35),
    st.integers(min_value=0, max_value=MAX_INTEGER),
    index_choice,
    points_choice,
    st.none(),
    st.sampled_from(NA_WORDS),
)
broken_choices = st.one_of(
    st.integers(max_value=-1),
    st.booleans(),
    whole_floats,
    st.floats(),
    st.sampled_from(["N/A", "NA", "x", "", "khong ap dung", "kho\u0302ng a\u0301p du\u0323ng"]),
    st.sampled_from([{}, {"index": 1, "points": 1}, {"Index": 1}, {"index": -1}, {"index": True}]),
    st.sampled_from([{"points": 2.0}, {"index": "1"}, {"index": None}, {"index": [1]}, [1], []]),
    st.dictionaries(st.text(max_size=6), junk, max_size=2),
    junk,
)
codes = st.one_of(
    st.sampled_from(["1.1", "1.2", "5.2", "8.a", "6.1.1"]),
    st.text(max_size=6),  # unicode keys, empty keys, keys that are not identifiers
)
valid_cards = st.fixed_dictionaries(
    {
        "decision": decisions,
        "set_no": st.integers(min_value=1, max_value=26),
        "member": texts,
        "product": texts,
        "choices": st.dictionaries(codes, valid_choices, max_size=8),
    }
)


# Cards as a season holds them: a known decision, plain identifiers.
plain_cards = valid_cards.map(
    lambda card: {**card, "decision": "26/2026", "member": "tv-01", "product": "p-000001"}
)

# The values at the edges of the schema and of the constructor, field by field.
edge_set_no = st.sampled_from(
    [True, False, 0, 27, -1, 1.0, 26.0, 1.5, "1", None, 2**70, math.nan, [1], {}]
)
edge_texts = st.sampled_from(
    ["", " ", " m", "m ", "m\n", "Ho\u0300a", "Hòa", "\u3000m", 1, None, True, [], {}, 1.0]
)
edge_decisions = st.sampled_from(
    ["26/2026", "26/2026 ", "26", "QĐ 26/2026/QĐ-TTg", "26/2025", "", 26, None, ["26/2026"]]
)
edge_choices = st.sampled_from(
    [
        -1, 31, 2**70, -(2**70), True, False, 0.0, 2.0, -0.0, 2.5, math.nan, math.inf,
        "N/A", "n/a", "NA", "na", "x", "", " n/a", "không áp dụng",
        "kho\u0302ng a\u0301p du\u0323ng",
        "not applicable", "Not Applicable", None, {}, [], [1],
        {"index": 1}, {"index": 40}, {"index": 1.0}, {"index": True}, {"index": -1},
        {"index": None}, {"index": "1"}, {"points": 2}, {"points": 2**70}, {"points": 2.0},
        {"Index": 1}, {"index": 1, "points": 1}, {"index": {"index": 1}}, {1: 1},
    ]
)  # fmt: skip
edits = st.sampled_from(["field", "field", "drop", "extra", "choice", "choice", "choices"])


@st.composite
def cards(draw):
    """A card broken, or not, at one or two edges of the schema or of the constructor."""
    card = draw(st.one_of(plain_cards, valid_cards))
    for edit in draw(st.lists(edits, min_size=1, max_size=2)):
        if edit == "field":
            name = draw(st.sampled_from(FIELDS[:4]))
            if name == "set_no":
                card[name] = draw(edge_set_no)
            elif name == "decision":
                card[name] = draw(edge_decisions)
            else:
                card[name] = draw(edge_texts)
        elif edit == "drop":
            card.pop(draw(st.sampled_from(FIELDS)), None)
        elif edit == "extra":
            card[draw(st.one_of(st.text(max_size=6), st.sampled_from(["Member", "note"])))] = draw(
                junk
            )
        elif edit == "choice" and isinstance(card.get("choices"), dict):
            card["choices"][draw(codes)] = draw(st.one_of(edge_choices, broken_choices))
        else:
            card["choices"] = draw(junk)
    return card


documents = st.one_of(plain_cards, valid_cards, cards(), cards(), junk)


def described(problems):
    """Problems as comparable tuples (a NaN value is not equal to itself)."""
    return [(p.code, p.path, p.message_vi, p.message_en, repr(p.value)) for p in problems]


def outcome(call):
    """What a load gives: the object, or the problems of its error."""
    try:
        return ("ok", call())
    except DocumentError as error:
        return ("error", described(error.problems))


def general_lines(lines, limits=None):
    """``iter_lines`` for score cards as the general route reads them, line by line."""
    found = []
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        try:
            found.append(ocop_json._load("score_card", parse(line, limits=limits), f"$[{number}]"))
        except OcopError as error:
            found.append(
                DocumentError(
                    [
                        problem
                        if problem.path.startswith(f"$[{number}]")
                        else problem.under(f"$[{number}]")
                        for problem in error.problems
                    ]
                )
            )
    return found


def comparable(items):
    return [described(item.problems) if isinstance(item, DocumentError) else item for item in items]


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- the schema ----------------------------------------------------------------------------------


@SETTINGS
@given(documents)
def test_the_hand_written_check_accepts_and_rejects_exactly_what_the_schema_does(data):
    verdict = _fastcard._verdict(data)
    assert verdict is not None, "a JSON value is decided by hand, not handed on"
    assert verdict == validator("score_card").is_valid(data)
    assert _fastcard.is_valid(data) == verdict


@SETTINGS
@given(documents)
def test_a_rejected_card_has_the_problems_of_the_jsonschema_route(data):
    for base, limit in (("$", None), ("$[7]", None), ("$", 1), ("$[7]", 2)):
        expected = schema_problems("score_card", data, base=base, limit=limit)
        found = _fastcard.problems(data, base=base, limit=limit)
        assert described(found) == described(expected)


# -- the schema's problems, by hand ------------------------------------------------------------

object_choices = st.dictionaries(
    st.sampled_from(["index", "points", "Index", "note", ""]),
    st.one_of(edge_choices, junk, st.integers(min_value=-(2**70), max_value=2**70)),
    max_size=3,
)
many_choices = st.dictionaries(
    codes, st.one_of(valid_choices, edge_choices, broken_choices, object_choices), max_size=12
)


@st.composite
def near_cards(draw):
    """A card broken anywhere (many choices at once, too), its objects perhaps marked for a
    repeated key as :data:`ocop._schema.DECODER` marks them."""
    card = draw(documents)
    if isinstance(card, dict) and draw(st.booleans()):
        card["choices"] = draw(many_choices)
    return draw(marked(card))


@st.composite
def marked(draw, value):
    """``value`` with some of its objects read from a text that names their first key twice."""
    if isinstance(value, list):
        return [draw(marked(item)) for item in value]
    if not isinstance(value, dict):
        return value
    inner = {key: draw(marked(item)) for key, item in value.items()}
    if inner and draw(st.booleans()):
        first = next(iter(inner))
        return _schema._pairs([(first, None), *inner.items()])
    return inner


BASES = ("$", "$[7]", "$[12]")
LIMITS = (None, 0, 1, 2, 3, 5, 100)


@SETTINGS
@given(near_cards())
def test_the_problems_found_by_hand_are_those_of_the_jsonschema_route(data):
    for base in BASES:
        for limit in LIMITS:
            expected = schema_problems("score_card", data, base=base, limit=limit)
            found = _fastcard._problems_by_hand(data, base, limit)
            if found is None:  # only when the cut may fall among the choices
                assert limit is not None
                assert len(expected) == limit + 1
                assert expected[-1].code == "document.more_problems"
            else:
                assert described(found) == described(expected)
            assert described(_fastcard.problems(data, base=base, limit=limit)) == described(
                expected
            )


def test_a_card_whose_cut_falls_among_its_choices_is_refused_by_jsonschema_itself():
    choices = {f"1.{n}": n % 4 for n in range(30)}
    card = {"decision": "26/2026", "set_no": 0, "member": "m", "product": "p", "choices": choices}
    card["choices"] = {**choices, "1.4": True, "2.1": {"index": 1}, "2.2": "N/A", "2.3": -1}
    card["note"] = "chấm lại"
    # set_no, then the three broken choices in jsonschema's order, then the unknown field
    assert _fastcard._problems_by_hand(card, "$", 2) is None
    assert _fastcard._problems_by_hand(card, "$", 3) is None
    for limit in (None, 0, 1, 4, 5, 6):
        found = _fastcard._problems_by_hand(card, "$", limit)
        assert found is not None
        assert described(found) == described(schema_problems("score_card", card, limit=limit))
    for limit in (None, 0, 1, 2, 3, 4, 5, 6):
        expected = schema_problems("score_card", card, limit=limit)
        assert described(_fastcard.problems(card, limit=limit)) == described(expected)


def test_each_broken_choice_says_what_the_form_it_was_meant_for_wants():
    choices = {"1.1": -1, "1.2": -2.0, "1.3": 2.5, "1.4": True, "1.5": "N/A", "1.6": {"index": -1}}
    card = {"decision": "26/2026", "set_no": 1, "member": "m", "product": "p", "choices": choices}
    found = _fastcard._problems_by_hand(card, "$[3]", None)
    assert [(p.path, p.code, p.value) for p in found] == [
        ('$[3].choices["1.1"]', "schema.minimum", -1),
        ('$[3].choices["1.2"]', "schema.minimum", -2.0),
        ('$[3].choices["1.3"]', "schema.anyOf", 2.5),
        ('$[3].choices["1.4"]', "schema.anyOf", True),
        ('$[3].choices["1.5"]', "schema.enum", "N/A"),
        ('$[3].choices["1.6"]', "schema.anyOf", None),
    ]
    assert described(found) == described(schema_problems("score_card", card, base="$[3]"))


def test_a_card_that_names_a_key_twice_is_judged_by_hand():
    text = (
        '{"decision": "26/2026", "set_no": 1, "set_no": 0, "member": "m", "product": "p",'
        ' "choices": {"1.1": {"index": 1, "index": -1}, "1.2": 2, "1.2": 3}}'
    )
    data = _schema.decode(text)
    assert (data.repeated, data["choices"].repeated) == (("set_no",), ("1.2",))
    assert _fastcard._verdict(data) is False
    assert _fastcard._choice_verdict(data["choices"]["1.1"]) is False  # decided, not handed on
    found = _fastcard._problems_by_hand(data, "$", None)
    assert [(p.path, p.code) for p in found] == [
        ('$.choices["1.1"]', "schema.anyOf"),
        ("$.set_no", "schema.minimum"),
    ]
    assert described(found) == described(schema_problems("score_card", data))


def test_refusing_the_broken_cards_of_a_season_does_not_load_jsonschema():
    script = """
import json, sys
from ocop import SeasonLines, score_season
from ocop import json as ocop_json
card = {"decision": "26/2026", "set_no": 2, "member": "m1", "product": "p1",
        "choices": {"1.1": 2, "1.2": {"index": 0}, "1.3": None}}
broken = [{"set_no": "2"}, {"set_no": 0}, {"set_no": 27}, {"set_no": 2.5}, {"set_no": True},
          {"decision": 26}, {"member": None}, {"note": "x"}, {"choices": [1]},
          {"choices": {"1.1": -1, "1.2": True, "1.3": "N/A", "1.4": 2.5, "1.5": []}},
          {"choices": {"1.1": {"index": -1}, "1.2": {"index": 1, "note": "x"}}}]
lines = [json.dumps({**card, **change}) for change in broken]
lines += [json.dumps({k: v for k, v in card.items() if k != drop}) for drop in card]
lines += ['[1, 2]', '{"decision": "26/2026", "set_no": 2, "set_no": 3, "member": "m",'
          ' "product": "p", "choices": {"1.1": {"index": 1, "index": -1}}}']
refused = [item for item in ocop_json.iter_lines("score_card", lines)
           if isinstance(item, ocop_json.DocumentError)]
outcomes = list(score_season([SeasonLines(lines, file="s.jsonl")]))
print(len(lines), len(refused), len(outcomes), sum(o.status == "refused" for o in outcomes))
print("jsonschema" in sys.modules)
"""
    found = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout
    counts, loaded = found.splitlines()
    lines, refused, outcomes, refused_outcomes = map(int, counts.split())
    assert refused == lines == 18
    # p1, p (the line that names set_no twice), and the two lines that name no product
    assert refused_outcomes == outcomes == 4
    assert loaded == "False"


@pytest.mark.parametrize(
    "data",
    [
        {"decision": "26/2026", "set_no": 1, "member": "m", "product": "p", "choices": ()},
        {"decision": "26/2026", "set_no": Decimal(1), "member": "m", "product": "p", "choices": {}},
        {"decision": "26/2026", "set_no": 1, "member": "m", "product": "p", "choices": {"1": ()}},
        OrderedDict(decision="26", set_no=1, member="m", product="p", choices={}),
        {
            "decision": "26",
            "set_no": 1,
            "member": "m",
            "product": "p",
            "choices": {"1": Fraction(3)},
        },
        ("decision", "26/2026"),
    ],
)
def test_values_outside_the_json_model_are_judged_by_jsonschema_itself(data):
    assert _fastcard._verdict(data) is None
    assert _fastcard.is_valid(data) == validator("score_card").is_valid(data)


def test_the_schema_edge_cases_are_read_as_jsonschema_reads_them():
    card = {"decision": "26/2026", "set_no": 26.0, "member": "", "product": "", "choices": {}}
    assert _fastcard.is_valid(card)  # 26.0 is an integer; emptiness is a meaning problem
    for value in (math.nan, math.inf, -0.5, True, "N/A", {"index": 1, "points": 1}):
        card["choices"] = {"1.1": value}
        assert not _fastcard.is_valid(card), value
    card["choices"] = {"1.1": -0.0}
    assert _fastcard.is_valid(card)


# -- cards built -----------------------------------------------------------------------------------


@SETTINGS
@given(documents)
def test_loading_a_card_gives_what_the_general_route_gives(data):
    before = copy.deepcopy(data)
    fast = outcome(lambda: ocop_json.load("score_card", data))
    general = outcome(lambda: ocop_json._general("score_card", data, "$", Limits()))
    assert fast == general
    assert repr(data) == repr(before), "the caller's document is not changed"


@SETTINGS
@given(documents)
def test_a_card_is_built_fast_only_when_the_schema_accepts_it(data):
    card = _fastcard.build(data)
    if card is not None:
        assert validator("score_card").is_valid(data)
        assert card == ocop_json._load("score_card", data, "$")


@SETTINGS
@given(plain_cards)
def test_valid_cards_in_plain_ascii_take_the_fast_path(data):
    card = _fastcard.build(data)
    assert card is not None
    assert card == ocop_json._load("score_card", data, "$")


def test_a_card_built_fast_is_the_card_the_constructor_builds():
    assert _fastcard._DIRECT, "ScoreCard changed: review ocop._fastcard._card"
    data = {
        "decision": "26/2026",
        "set_no": 1,
        "member": "m1",
        "product": "p1",
        "choices": {"1.1": 3, "1.2": {"index": 0}, "5.2": "n/a"},
    }
    card = _fastcard.build(data)
    assert card == ScoreCard.from_dict(data)
    assert hash(attrs_tuple(card)) == hash(attrs_tuple(ScoreCard.from_dict(data)))
    sheet = rubric.sheet("26/2026", 1)
    data["choices"] = {
        code: criterion.options[-1].points for code, criterion in sheet.criteria.items()
    }
    assert score(sheet, _fastcard.build(data)) == score(sheet, ScoreCard.from_dict(data))


def attrs_tuple(card):
    return (card.decision, card.set_no, card.member, card.product, tuple(card.choices.items()))


# -- lines -----------------------------------------------------------------------------------------

endings = st.sampled_from(["", "\n", "\r\n", " \n", "\t", "\n\n"])
limits = st.one_of(
    st.none(),
    st.just(Limits()),
    st.builds(
        Limits,
        max_bytes=st.one_of(st.integers(min_value=1, max_value=600), st.just(10**6)),
        max_depth=st.integers(min_value=1, max_value=5),
        max_items=st.integers(min_value=1, max_value=12),
    ),
)


@st.composite
def lines(draw):
    """One line of JSON Lines: a card as text or bytes, or something that is not quite one."""
    data = draw(st.one_of(plain_cards, valid_cards, cards(), junk))
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    text = draw(st.sampled_from(["", "", "", " ", "\ufeff"])) + text + draw(endings)
    form = draw(
        st.sampled_from(["str", "str", "utf-8", "utf-8", "utf-8-sig", "utf-16", "cut", "junk"])
    )
    if form == "str":
        return text
    if form == "cut":
        return text[: draw(st.integers(min_value=0, max_value=len(text)))]
    if form == "junk":
        return draw(st.one_of(st.text(max_size=20), st.binary(max_size=20)))
    return text.encode(form)


# Both decoders of the fast path: the standard library's scanner and orjson (``ocop[fast]``).
DECODERS = ("json", "orjson")


@contextlib.contextmanager
def decoding(name):
    """Read lines with decoder ``name`` inside the block."""
    previous = _fastcard.use_decoder(name)
    try:
        yield
    finally:
        _fastcard.use_decoder(previous)


def read_with(name, batch, limits=None):
    with decoding(name):
        return list(ocop_json.iter_lines("score_card", batch, limits=limits))


def test_orjson_is_the_decoder_when_installed():
    assert _fastcard.DECODER == "orjson"


@pytest.mark.parametrize("decoder", DECODERS)
@SETTINGS
@given(st.lists(lines(), max_size=4), limits)
def test_reading_lines_gives_what_the_general_route_gives(decoder, batch, bounds):
    fast = read_with(decoder, batch, limits=bounds)
    assert comparable(fast) == comparable(general_lines(batch, limits=bounds))


@SETTINGS
@given(st.lists(lines(), max_size=4), limits)
def test_both_decoders_accept_refuse_and_report_the_same_lines(batch, bounds):
    pure, fast = (read_with(decoder, batch, limits=bounds) for decoder in DECODERS)
    assert comparable(pure) == comparable(fast)
    assert [type(item) for item in pure] == [type(item) for item in fast]


CARD = '"set_no": 1, "member": "m", "product": "p", "choices": {"1.1": 3}}'
HEAD = '{"decision": "26/2026", "set_no": 1, "member": "m", "product": "p", '
EDGES = [
    '{"decision": "26/2026", ' + CARD,
    ' {"decision": "26/2026", ' + CARD + " \t\r\n",
    '{"decision": "26/2026", "decision": "148/2023", ' + CARD,
    HEAD + '"choices": {"1.1": 3, "1.1": 2, "1.2": NaN}}',
    HEAD + '"choices": {"1.1": 3, "1.2": 1, "1.1": 2}}',
    HEAD + '"choices": {"1.1": {"index": 1, "index": 2}}}',
    HEAD + '"choices": {"1.1": {"points": 1}, "1.1": {"points": 2}}}',
    '{"decision": "26/2026", "set_no": 1, "member": "m:n", "product": "p:q", "choices": {}}',
    HEAD + '"choices": {"1.1": 18446744073709551616, "1.2": -9223372036854775809}}',
    HEAD + '"choices": {"1.1": 9007199254740991, "1.2": {"points": 9007199254740991}}}',
    HEAD + '"choices": {"1.1": 9007199254740992}}',
    HEAD + '"choices": {"1.1": {"index": 9007199254740992}}}',
    HEAD + '"choices": {"1.1": {"points": 18446744073709551615}}}',
    HEAD + '"choices": {"1.1": Infinity, "1.2": 1e400, "1.3": -0, "1.4": 0.0}}',
    HEAD + '"choices": {"1.1": -Infinity}}',
    HEAD + '"choices": {"1.1": NaN}}',
    '{"decision": "26/2026", "set_no": 1.0, "member": "m", "product": "p", "choices": {}}',
    '{"decision": "26/2026", "set_no": 9007199254740993, "member": "m", "product": "p", '
    '"choices": {}}',
    '{"decision": "26/2026", "set_no": 1, "member": "\\ud800", "product": "p", "choices": {}}',
    '{"decision": "26/2026", "set_no": 1, "member": "m", "product": "\\udfff", "choices": {}}',
    HEAD + '"choices": {"\\ud800": 1}}',
    HEAD + '"choices": {"1.1": "\\udc00"}}',
    '{"decision": "26/2026", "set_no": 1, "member": "\\ud83d\\ude00", "product": "p", '
    '"choices": {}}',
    '{"decision": "26/2026", "set_no": 1, "member": "H\\u00f2a", "product": "p", "choices": {}}',
    "\ufeff" + '{"decision": "26/2026", ' + CARD,
    '{"decision": "26/2026", ' + CARD + " x",
    '{"decision": "26/2026", ' + CARD + '{"decision": "26/2026", ' + CARD,
    "[" * 2000 + "]" * 2000,
    "",
    "null",
    # Choices read in a few passes: points alone, not-applicable marks, objects of one key.
    HEAD + '"choices": {"1.1": 3, "1.2": true, "1.3": 0}}',
    HEAD + '"choices": {"1.1": 3, "1.2": false}}',
    HEAD + '"choices": {"1.1": 3, "1.2": 3.0}}',
    HEAD + '"choices": {"1.1": 3, "1.2": -1}}',
    HEAD + '"choices": {"1.1": 3, "1.2": 255, "1.3": 256, "1.4": 999999999999999}}',
    HEAD + '"choices": {"1.1": 1000000000000000, "1.2": 9007199254740991}}',
    HEAD + '"choices": {"1.1": 3, "1.2": 9007199254740992}}',
    HEAD + '"choices": {"1.1": 3, "1.2": 1e2}}',
    HEAD + '"choices": {"1.1": 3, "1.2": [1]}}',
    HEAD + '"choices": {"1.1": 3, "1.2": [], "1.3": "n/a"}}',
    HEAD
    + '"choices": {"1.1": 3, "1.2": "n/a", "1.3": null, "1.4": "kh\\u00f4ng \\u00e1p d\\u1ee5ng"}}',
    HEAD + '"choices": {"1.1": 3, "1.2": "N/A"}}',
    HEAD + '"choices": {"1.1": 3, "1.2": "n/a\\",\\"n/a"}}',
    HEAD + '"choices": {"1.1": 3, "1.2": "\\udc00"}}',
    HEAD + '"choices": {"\\ud800": 3, "1.2": 1}}',
    HEAD + '"choices": {"1.1": 3, "1.2": 1, "1.2": 2}}',
    HEAD + '"choices": {"1.1": 3, "1.2": null, "1.2": "n/a"}}',
    HEAD + '"choices": {"1.1": {"index": 0}, "1.2": {"index": 2}}}',
    HEAD + '"choices": {"1.1": {"points": 0}, "1.2": {"points": 9007199254740991}}}',
    HEAD + '"choices": {"1.1": {"index": 1}, "1.2": {"points": 2}}}',
    HEAD + '"choices": {"1.1": {"index": 1}, "1.2": {"index": true}}}',
    HEAD + '"choices": {"1.1": {"index": 1}, "1.2": {"index": -1}}}',
    HEAD + '"choices": {"1.1": {"index": 1}, "1.2": {"index": 1.0}}}',
    HEAD + '"choices": {"1.1": {"index": 1}, "1.2": {"Index": 1}}}',
    HEAD + '"choices": {"1.1": {"index": 1}, "1.2": {"index": 1, "index": 2}}}',
    HEAD + '"choices": {"1.1": {"index": 1}, "1.1": {"index": 2}}}',
    HEAD + '"choices": {"1.1": {"index": 1}, "1.2": {}}}',
    HEAD + '"choices": {"1.1": {"index": 1}, "1.2": 2}}',
    HEAD + '"choices": {"1.1": {"index": 1}, "1.2": "n/a"}}',
    HEAD + '"choices": {"1.1": {"index": 1}, "1.2": {"index": 9007199254740992}}}',
    '{"decision": "26/2026", "set_no": 1, "member": "m:n", "product": "p", '
    '"choices": {"1.1": {"index": 1}}}',
    '{"decision": "26/2026", "set_no": 1, "member": "m:n", "product": "p", "choices": {"1.1": 1}}',
    '{"decision": "26/2026", "set_no": 1, "member": "\\u006d", "product": "p", '
    '"choices": {"1.1": 1, "1.2": "n/a"}}',
]


@pytest.mark.parametrize("decoder", DECODERS)
@pytest.mark.parametrize("encode", [False, True])
def test_each_decoder_reads_the_edges_of_json_as_the_general_route(decoder, encode):
    batch = [line.encode() if encode else line for line in EDGES]
    assert comparable(read_with(decoder, batch)) == comparable(general_lines(batch))


@pytest.mark.parametrize("decoder", DECODERS)
@pytest.mark.parametrize("encode", [False, True])
def test_each_decoder_refuses_what_the_document_checks_refuse(decoder, encode):
    refused = {
        '{"decision": "26/2026", "decision": "148/2023", ' + CARD: "document.duplicate_key",
        HEAD + '"choices": {"1.1": 3, "1.2": 1, "1.1": 2}}': "document.duplicate_key",
        HEAD + '"choices": {"1.1": {"index": 1, "index": 1}}}': "document.duplicate_key",
        HEAD + '"choices": {"1.1": NaN}}': "number.not_finite",
        HEAD + '"choices": {"1.1": -Infinity}}': "number.not_finite",
        HEAD + '"choices": {"1.1": 9007199254740992}}': "number.too_large",
        HEAD + '"choices": {"1.1": {"points": 18446744073709551616}}}': "number.too_large",
        '{"decision": "26/2026", "set_no": 1, "member": "\\ud800", "product": "p", '
        '"choices": {}}': "text.unencodable",
    }
    batch = [line.encode() if encode else line for line in refused]
    found = read_with(decoder, batch)
    assert [
        code in {problem.code for problem in item.problems}
        for item, code in zip(found, refused.values(), strict=True)
    ] == [True] * len(refused)
    assert comparable(found) == comparable(general_lines(batch))


@pytest.mark.parametrize("decoder", DECODERS)
@pytest.mark.parametrize("member", ["\ud800", "\\ud800"])
def test_a_line_with_a_lone_surrogate_is_refused_as_the_general_route_refuses_it(decoder, member):
    line = '{"decision": "26/2026", "set_no": 1, "member": "%s", "product": "p", "choices": {}}'
    (general,) = general_lines([line % member])
    (fast,) = read_with(decoder, [line % member])
    assert comparable([fast]) == comparable([general])
    assert (fast.code, fast.path) == ("text.unencodable", "$[0].member")


def test_without_orjson_the_standard_library_reads_the_lines():
    script = """
import sys
sys.modules["orjson"] = None  # as if it were not installed
from ocop import _fastcard, json
line = b'{"decision": "26/2026", "set_no": 1, "member": "m", "product": "p", "choices": {}}'
(card,) = json.iter_lines("score_card", [line])
print(_fastcard.DECODER, len(_fastcard._READERS), card.member)
"""
    found = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout
    assert found.split() == ["json", "1", "m"]


small_values = st.one_of(
    st.integers(min_value=-3, max_value=300),
    st.sampled_from([0, 255, 256, 10**15 - 1, 10**15, MAX_INTEGER, MAX_INTEGER + 1, 2**64]),
    st.booleans(),
    whole_floats,
    st.none(),
    st.sampled_from([*NA_WORDS, "N/A", "x", "", "\ud800", 'n/a","n/a']),
    st.sampled_from([[1], [], {"index": 1}, {"points": 2}, {}, {"index": True}]),
)


@pytest.mark.parametrize(
    "check", [_fastcard._small_integers_pure, _fastcard._small_integers_orjson()]
)
@SETTINGS
@given(st.lists(small_values, max_size=6))
def test_values_taken_as_their_own_atoms_are_integers_within_the_bounds(check, values):
    found = check(tuple(values))
    assert found == (found and all(type(v) is int and 0 <= v <= MAX_INTEGER for v in values))
    if all(type(v) is int and 0 <= v <= 255 for v in values):
        assert found


choice_values = st.one_of(
    small_values,
    st.builds(lambda key, value: {key: value}, st.sampled_from(["index", "points"]), small_values),
)


@SETTINGS
@given(st.dictionaries(codes, choice_values, max_size=6))
def test_choices_read_in_a_few_passes_give_the_atoms_read_one_by_one(choices):
    objects = sum(type(value) is dict and len(value) for value in choices.values())
    atoms = _fastcard._batch_atoms(tuple(choices.values()), objects)
    one_by_one = copy.deepcopy(choices)
    found = _fastcard._atomise(one_by_one, plain=True)
    if atoms is not None:
        assert found == objects
        assert atoms == tuple(one_by_one.values())
        assert [type(atom) for atom in atoms] == [type(atom) for atom in one_by_one.values()]


@pytest.mark.parametrize("decoder", DECODERS)
@pytest.mark.parametrize("member", ["m1", "le-van-e"])
@pytest.mark.parametrize("value", ["2", "true", "false", "2.0", "256", "null", '"na"'])
def test_a_plain_line_is_read_alike_whatever_the_e_of_its_texts(decoder, member, value):
    # Without orjson, a plain line whose only e's are those of the field names is known to
    # hold no boolean; a boolean, or an e in a text, sends it to the check of every value.
    card = '{"decision": "26/2026", "set_no": 1, "member": "MEMBER", "product": "p", "choices": '
    line = card.replace("MEMBER", member) + '{"1.1": ' + value + ', "1.2": 1}}'
    for form in (line, line.encode()):
        assert comparable(read_with(decoder, [form])) == comparable(general_lines([form]))


def test_a_decoder_that_is_not_installed_is_refused():
    with pytest.raises(KeyError):
        _fastcard.use_decoder("simdjson")
    assert _fastcard.DECODER == "orjson"


@pytest.mark.parametrize("decoder", DECODERS)
@SETTINGS
@given(
    plain_cards,
    st.builds(
        Limits,
        max_bytes=st.integers(min_value=40, max_value=400),
        max_depth=st.integers(min_value=1, max_value=4),
        max_items=st.integers(min_value=1, max_value=10),
    ),
    st.booleans(),
)
def test_a_valid_line_beyond_the_limits_is_refused_as_the_general_route_refuses_it(
    decoder, data, bounds, as_bytes
):
    text = json.dumps(data, ensure_ascii=False) + "\n"
    line = text.encode() if as_bytes else text
    fast = read_with(decoder, [line], limits=bounds)
    assert comparable(fast) == comparable(general_lines([line], limits=bounds))


@pytest.mark.parametrize("decoder", DECODERS)
@pytest.mark.parametrize("as_bytes", [False, True])
def test_a_line_is_read_up_to_max_bytes_and_refused_one_byte_beyond(decoder, as_bytes):
    text = json.dumps(
        {"decision": "26", "set_no": 1, "member": "Hòa", "product": "p", "choices": {"1": None}},
        ensure_ascii=False,
    )
    line = text.encode() if as_bytes else text
    size = len(text.encode())
    for max_bytes, fits in ((size, True), (size - 1, False)):
        bounds = Limits(max_bytes=max_bytes)
        (item,) = read_with(decoder, [line], limits=bounds)
        assert isinstance(item, ScoreCard) == fits
        assert comparable([item]) == comparable(general_lines([line], limits=bounds))


def test_a_card_listing_its_sheets_first_codes_keeps_its_atoms_alone_and_reads_the_same():
    import pickle

    import attrs

    from ocop import scoring

    sheet = rubric.sheet("26/2026", 26)
    chosen = {}
    for code, item in sheet.criteria.items():
        if item.alternative_group and code[-1] not in "a1(":
            continue
        chosen[code] = max(o.points for o in item.options if not o.eliminates)
    orders = (list(chosen), list(chosen), list(reversed(chosen)))
    lines = [
        json.dumps(
            {
                "decision": "26/2026",
                "set_no": 26,
                "member": f"m{n}",
                "product": "p",
                "choices": {code: chosen[code] for code in order},
            }
        )
        for n, order in enumerate(orders)
    ]
    cards = list(ocop_json.iter_lines("score_card", lines))
    general = [ocop_json.load("score_card", json.loads(line)) for line in lines]
    first = scoring._FIRST_CODES["26/2026"][26]
    for card, order in zip(cards, orders, strict=True):
        stored = scoring._CHOICES.__get__(card)
        assert (stored[0] is not scoring._COMPACT) == (tuple(order) == first)
    assert sum(scoring._CHOICES.__get__(card)[0] is scoring._COMPACT for card in cards) in (1, 3)
    assert cards == general
    assert [score(sheet, card) for card in cards] == [score(sheet, card) for card in general]
    again = next(ocop_json.iter_lines("score_card", lines[:1]))
    assert pickle.loads(pickle.dumps(again)) == general[0]
    moved = next(ocop_json.iter_lines("score_card", lines[:1]))
    assert attrs.evolve(moved, set_no=13).choices == general[0].choices
    assert list(moved.choices) == orders[0]
