"""A season is scored product by product; no problem costs the other products their stars."""

import json
import re
import subprocess
import sys
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocop import StarRating
from ocop import json as ocop_json
from ocop.demo import PUBLISHED_STARS, load_example
from ocop.season import (
    Outcome,
    SeasonEntry,
    SeasonLines,
    SeasonStatus,
    _product_on,
    last_lines,
    read_season,
    score_season,
    summarise_season,
)

CARDS = load_example("score_card", "cards.jsonl")
PRODUCTS = load_example("product", "products.json")
NAMES = {product.id: product.name for product in PRODUCTS}


def card_lines(eliminate=False, break_card=False, missing_member=False, other_set=False):
    """The An Giang round as a season: products first, then the cards, as JSON Lines."""
    lines = [ocop_json.dumps(product, indent=None) for product in PRODUCTS]
    for card in CARDS:
        data = ocop_json.dump(card)
        if card.product == "kho-ca-tra-phong" and card.member.endswith("1") and eliminate:
            data["choices"]["6.1"] = {"index": 0}  # "Có tạp chất": eliminates the dossier
        if card.product == "tra-xa-den" and card.member.endswith("3"):
            if break_card:
                data["choices"]["9.9"] = 1
            if missing_member:
                del data["member"]
            if other_set:
                data["set_no"] = 12  # a card on another sheet than its council's first card
        lines.append(json.dumps(data, ensure_ascii=False))
    return lines


def by_product(outcomes):
    return {outcome.product: outcome for outcome in outcomes}


def test_every_product_of_the_an_giang_round_gets_its_published_star():
    outcomes = by_product(score_season(read_season(card_lines())))
    for product, stars in PUBLISHED_STARS.items():
        assert outcomes[product].status is SeasonStatus.RANKED
        assert outcomes[product].classification.star.stars == stars


def test_an_eliminated_product_costs_no_other_product_its_star():
    outcomes = by_product(score_season(read_season(card_lines(eliminate=True))))
    assert outcomes["kho-ca-tra-phong"].status is SeasonStatus.ELIMINATED
    assert "Khô cá tra phồng" in outcomes["kho-ca-tra-phong"].explain("en")
    assert "eliminates the dossier" in outcomes["kho-ca-tra-phong"].explain("en")
    ranked = {p for p, o in outcomes.items() if o.status is SeasonStatus.RANKED}
    assert ranked == set(PUBLISHED_STARS) - {"kho-ca-tra-phong"}


def test_a_card_with_a_criterion_the_sheet_lacks_refuses_its_product_located_by_line():
    lines = card_lines(break_card=True)
    outcomes = by_product(score_season(read_season(lines, file="season.jsonl")))
    refused = outcomes["tra-xa-den"]
    assert refused.status is SeasonStatus.REFUSED
    (problem,) = refused.problems
    assert problem.code == "card.unknown_criterion"
    assert problem.path == '$.choices["9.9"]'
    assert problem.file == "season.jsonl"
    assert "9.9" in lines[problem.line - 1]
    assert problem.describe("en").startswith(
        f"season.jsonl:{problem.line}: tra-xa-den (Trà xạ đen)"
    )
    assert outcomes["lap-xuong-bo"].status is SeasonStatus.RANKED


def test_a_card_missing_its_member_is_still_read_as_a_card_of_its_product():
    outcomes = by_product(score_season(read_season(card_lines(missing_member=True))))
    (problem,) = outcomes["tra-xa-den"].problems
    assert (problem.kind, problem.path, problem.code) == (
        "score_card",
        "$.member",
        "schema.required",
    )


def test_products_are_ranked_as_soon_as_their_last_line_is_read():
    lines = card_lines()
    ends = last_lines(lines)
    assert ends["tranh-la-thot-not"] < ends["lap-xuong-bo"]
    read = 0

    def counted():
        nonlocal read
        for entry in read_season(lines, ends=ends):
            read += 1
            yield entry

    for outcome in score_season(counted()):
        if outcome.product == "tranh-la-thot-not":
            assert read == ends["tranh-la-thot-not"]  # not the whole season
            break
    else:
        pytest.fail("the product was never ranked")


def test_a_card_after_its_council_closed_is_reported_not_counted_twice():
    cards = [card for card in CARDS if card.product == "tra-xa-den"]
    outcomes = list(score_season(cards, council_size=8))
    assert [outcome.status for outcome in outcomes] == [
        SeasonStatus.RANKED,
        SeasonStatus.REFUSED,
    ]
    assert outcomes[1].problems[0].code == "season.late_document"


def test_objects_and_a_register_of_products_work_as_well_as_lines():
    cards = [card for card in CARDS if card.product != "gao-thom-ngoc-nhan"]
    outcomes = by_product(score_season(cards, products=PRODUCTS))
    assert outcomes["tra-xa-den"].name == "Trà xạ đen"
    assert outcomes["gao-thom-ngoc-nhan"].status is SeasonStatus.NO_CARDS


def test_a_card_on_another_sheet_than_its_councils_first_card_is_refused_where_it_is():
    # No product document: the first card names the sheet, and the card on another is told.
    outcomes = by_product(score_season(read_season(cards_only(other_set=True), file="s.jsonl")))
    refused = outcomes["tra-xa-den"]
    assert refused.status is SeasonStatus.REFUSED
    assert [(problem.code, problem.line) for problem in refused.problems] == [
        ("season.other_sheet", line)
        for line, text in enumerate(cards_only(other_set=True), start=1)
        if '"set_no": 12' in text
    ]
    assert sum(o.status is SeasonStatus.RANKED for o in outcomes.values()) == len(outcomes) - 1


def test_a_card_on_another_sheet_than_its_product_is_refused():
    lines = card_lines()
    products = [json.loads(line) for line in lines[: len(PRODUCTS)]]
    products[2]["set_no"] = 12  # tra-xa-den declared in another product set
    lines[2] = json.dumps(products[2], ensure_ascii=False)
    refused = by_product(score_season(read_season(lines)))["tra-xa-den"]
    assert refused.status is SeasonStatus.REFUSED
    assert {problem.code for problem in refused.problems} == {"season.other_sheet"}
    assert len(refused.problems) == 9


def test_a_line_that_is_not_json_is_refused_on_its_own():
    outcomes = list(score_season(read_season(['{"product": ', *card_lines()], file="s.jsonl")))
    orphan = [outcome for outcome in outcomes if outcome.product is None]
    assert [problem.where for problem in orphan[0].problems] == ["s.jsonl:1"]
    assert orphan[0].problems[0].code == "document.not_json"


def test_the_summary_counts_statuses_and_stars():
    summary = summarise_season(score_season(read_season(card_lines(eliminate=True))))
    assert summary.products == 6
    assert summary.statuses[SeasonStatus.ELIMINATED] == 1
    assert SeasonStatus.NO_SHEET not in summary.statuses
    assert summary.stars == {4: 2, 3: 3}
    assert summary.refused == 0
    assert "1 eliminated" in summary.render("en")
    assert "1 bị loại" in summary.render("vi")


def test_the_summary_says_one_product_card_and_problem_in_the_singular():
    broken = cards_only(break_card=True)
    line = next(text for text in broken if '"9.9"' in text)
    summary = summarise_season(score_season(read_season([line])))
    assert summary.render("en") == (
        "1 product: 0 ranked, 1 refused; 0 certifiable; 1 card, 1 problem."
    )
    assert summary.render("vi") == (
        "1 sản phẩm: 0 xếp hạng, 1 bị từ chối; 0 được công nhận; 1 phiếu chấm, 1 vấn đề."
    )


def test_an_entry_of_an_unknown_kind_says_so():
    entry = SeasonEntry.of({"colour": "red"}, file="x.json", line=3)
    assert entry.kind is None
    assert entry.problems[0].code == "document.unknown_kind"


def _tra_xa_den_card(line):
    return '"product": "tra-xa-den"' in line and '"member": "m3"' in line


def _first_choice(value):
    return lambda line: re.sub(r'"1\.1": \d+', f'"1.1": {value}', line)


@pytest.mark.parametrize(
    ("change", "path", "code"),
    [
        (lambda line: line.replace('"m3"', '"m3\\ud800"'), "$.member", "text.unencodable"),
        (lambda line: line[:-1] + ', "member": "m3"}', "$.member", "document.duplicate_key"),
        (_first_choice("NaN"), '$.choices["1.1"]', "number.not_finite"),
        (_first_choice("1e400"), '$.choices["1.1"]', "number.not_finite"),
        (_first_choice(2**53), '$.choices["1.1"]', "number.too_large"),
    ],
    ids=["lone-surrogate", "repeated-key", "nan", "1e400", "2**53"],
)
def test_a_card_holding_what_no_document_may_refuses_its_product_whole(change, path, code):
    lines = card_lines()
    changed = next(n for n, line in enumerate(lines, 1) if _tra_xa_den_card(line))
    lines[changed - 1] = change(lines[changed - 1])
    outcomes = by_product(score_season(read_season(lines, file="s.jsonl")))
    refused = outcomes["tra-xa-den"]
    assert refused.status is SeasonStatus.REFUSED  # not ranked on the cards that are left
    assert [(p.where, p.kind, p.path, p.code) for p in refused.problems] == [
        (f"s.jsonl:{changed}", "score_card", path, code)
    ]
    assert refused.problems[0].describe("en").encode("utf-8")
    assert outcomes["lap-xuong-bo"].status is SeasonStatus.RANKED
    assert None not in outcomes


def test_a_document_of_unknown_kind_is_also_told_what_it_holds_that_no_document_may():
    entry = SeasonEntry.of({"colour": "r\ud800d", "\udc00": 1}, file="x.json", line=3)
    assert [problem.code for problem in entry.problems] == [
        "document.unknown_kind",
        "text.unencodable",
        "text.unencodable",
    ]
    assert json.dumps(entry.problems[0].value, ensure_ascii=False).encode("utf-8")


def test_a_card_naming_its_product_in_text_utf8_cannot_write_names_no_product():
    line = next(line for line in card_lines() if _tra_xa_den_card(line))
    broken = line.replace('"tra-xa-den"', '"tra-\\udc00"')
    (entry,) = read_season([broken])
    assert entry.product is None
    assert entry.problems[0].code == "text.unencodable"
    assert last_lines([broken]) == {}


def cards_only(**changes):
    """The round's card lines alone: no product document, so councils are ranked plainly."""
    return [line for line in card_lines(**changes) if '"member"' in line]


@pytest.mark.parametrize(
    "changes",
    [{}, {"eliminate": True}, {"break_card": True}, {"other_set": True}],
    ids=["ranked", "eliminated", "refused", "other-sheet"],
)
def test_councils_of_plain_cards_are_ranked_as_the_general_route_ranks_them(changes):
    # With the products given, every council takes the general route; without, the plain
    # councils take the short one. The outcomes differ only by the products' names.
    plain = by_product(score_season(read_season(cards_only(**changes), file="s.jsonl")))
    general = by_product(
        score_season(read_season(cards_only(**changes), file="s.jsonl"), products=PRODUCTS)
    )
    assert plain.keys() == general.keys()
    for product, outcome in plain.items():
        assert outcome == attrs.evolve(
            general[product],
            name=None,
            problems=tuple(attrs.evolve(p, name=None) for p in general[product].problems),
        )


def test_a_plain_councils_outcome_is_the_one_the_constructor_would_make():
    from ocop import season

    assert season._OUTCOME_DIRECT  # the slots are written directly: this test reaches them
    for outcome in score_season(read_season(cards_only(eliminate=True), file="s.jsonl")):
        made = Outcome(
            **{field.name: getattr(outcome, field.name) for field in attrs.fields(Outcome)}
        )
        assert outcome == made
        assert hash(outcome) == hash(made)
        assert repr(outcome) == repr(made)
        assert outcome.json_text("en") == json.dumps(outcome.as_json("en"), ensure_ascii=False)


def test_a_card_read_on_the_fast_path_has_the_entry_the_class_would_make():
    line = cards_only()[0]
    ends = last_lines([line])
    (entry,) = read_season([line], file="s.jsonl", ends=ends)
    made = SeasonEntry(
        kind="score_card", value=entry.value, product=entry.value.product, file="s.jsonl",
        line=1, last=True,
    )  # fmt: skip
    assert entry == made
    assert hash(entry) == hash(made)
    assert repr(entry) == repr(made)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("reveal", [False, True])
def test_an_outcome_is_written_as_json_of_its_json_form(lang, reveal):
    outcomes = [
        *score_season(read_season(card_lines(eliminate=True), file="s.jsonl")),
        *score_season(read_season(cards_only(break_card=True), file="s.jsonl")),
        *score_season([], products=PRODUCTS[:1]),
    ]
    ranked = next(o for o in outcomes if o.status is SeasonStatus.RANKED)
    odd = ['Trà "xạ" đen\n\t\\', "\u0000\u2028😀", ""]
    outcomes += [attrs.evolve(ranked, name=name, product=name or "p") for name in odd]
    outcomes.append(attrs.evolve(ranked, name=None, sheet_name=None))
    # A ranking explained in one line (no unmet marker, no note), for identifiers that JSON
    # escapes, with and without a name, and for each band and star.
    plain = attrs.evolve(ranked.classification, unmet=(), advisory=(), eliminated=(), notes=())
    for product, name in [("p", None), (odd[0], None), (odd[1], odd[1]), ("p\\1", "Trà")]:
        ranking = attrs.evolve(plain, product=product)
        outcomes.append(attrs.evolve(ranked, product=product, name=name, classification=ranking))
    outcomes.append(attrs.evolve(ranked, product="q", name=None, classification=plain))
    for stars, score in zip(range(1, 6), ["20.00", "40.50", "60", "74.77", "95.25"], strict=True):
        rating = StarRating(stars=stars)
        ranking = attrs.evolve(plain, score=Decimal(score), band=rating, star=rating)
        outcomes.append(attrs.evolve(ranked, classification=ranking))
    # Outcomes sharing some of their sheet, band and star with those written before them.
    outcomes.append(attrs.evolve(ranked, set_no=ranked.set_no + 1))
    outcomes.append(attrs.evolve(ranked, decision="148/2023"))
    outcomes.append(attrs.evolve(ranked, status=SeasonStatus.ELIMINATED))
    outcomes.append(
        attrs.evolve(ranked, classification=attrs.evolve(ranked.classification, star=None))
    )
    assert {o.status for o in outcomes} == set(SeasonStatus) - {SeasonStatus.NO_SHEET}
    for outcome in outcomes:
        expected = json.dumps(outcome.as_json(lang, reveal=reveal), ensure_ascii=False)
        assert outcome.json_text(lang, reveal=reveal) == expected


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"eliminate": True},
        {"break_card": True},
        {"missing_member": True},
        {"other_set": True},
    ],
    ids=["ranked", "eliminated", "refused", "no-member", "other-sheet"],
)
def test_a_file_handed_whole_gives_the_outcomes_of_its_entries(changes):
    lines = [*card_lines(**changes), "", '{"product": ', "[1, 2]"]
    ends = last_lines(lines)
    by_entries = list(score_season(read_season(lines, file="s.jsonl", ends=ends)))
    whole = list(score_season([SeasonLines(lines, file="s.jsonl", ends=ends)]))
    assert whole == by_entries
    # A card after its council closed is late either way, and files mix with objects.
    twice = [SeasonLines(cards_only(), file="a.jsonl"), SeasonLines(cards_only(), file="b.jsonl")]
    mixed = [*read_season(cards_only(), file="a.jsonl"), *read_season(cards_only(), file="b.jsonl")]
    assert list(score_season(twice, council_size=9, products=PRODUCTS)) == list(
        score_season(mixed, council_size=9, products=PRODUCTS)
    )


# Pieces of JSON Lines a first pass may meet: fields written with and without spaces, escaped
# quotes, nested "product" keys, product documents, empty products, bytes that are not UTF-8,
# lines cut short, Windows line ends.
_PIECES = st.sampled_from(
    [
        b'{"product": "p1"', b'{"product": "p2", "member": "a"}', b'"product": "', b'"product":"',
        b'"product" : "', b'"product"', b'"id": "p3"', b'{"id": "p4", "name": "x"}', b"p1",
        b'"', b"\\", b'\\"', b"\\u0070", b"{", b"}", b", ", b": ", b"[", b"]", b" ", b"\t",
        b"\r\n", b"\n", b'"decision": "1048", "set_no": 13', b'"choices": {"product": "p5"}',
        b'"product": ""', b'"product": " "', b"\xff", b"\xc3\xa9", b"e\xcc\x81", b"null",
        b'"product": "p1"}', b'"product": "a\\"b"}', b'{"subject_id": "s1", "id": "p6"}',
    ]
)  # fmt: skip
_WORDS = st.text(alphabet=st.sampled_from('p1 "\\/\u00e9e\u0301\ud800\n'), max_size=4)
_DOCUMENTS = st.recursive(
    st.dictionaries(st.sampled_from(["product", "id", "member", "name"]), _WORDS, max_size=3),
    lambda inner: st.dictionaries(st.sampled_from(["product", "choices", "id"]), inner, max_size=2),
    max_leaves=4,
)
_LINES = st.one_of(
    st.lists(_PIECES, max_size=8).map(b"".join),
    st.builds(
        lambda document, separators, ascii, end: (
            json.dumps(document, separators=separators, ensure_ascii=ascii).encode(
                "utf-8", "surrogatepass"
            )
            + end
        ),
        _DOCUMENTS,
        st.sampled_from([(", ", ": "), (",", ":"), (" , ", " : ")]),
        st.booleans(),
        st.sampled_from([b"", b"\n", b"\r\n"]),
    ),
    st.binary(max_size=12),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINES, max_size=8), st.booleans())
def test_the_first_pass_finds_what_reading_every_line_by_its_pattern_or_as_json_finds(
    lines, as_text
):
    # Text lines are read as UTF-8 with lone surrogates (what "surrogateescape" decodes to).
    read = [line.decode("utf-8", "surrogateescape") for line in lines] if as_text else lines
    expected = {}
    for number, line in enumerate(read, start=1):
        raw = line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass")
        product = _product_on(raw, {})
        if product:
            expected[product] = number
    assert last_lines(read) == expected


def test_scoring_a_season_of_cards_needs_neither_dates_nor_product_documents():
    code = (
        "import sys\n"
        "from ocop.season import SeasonLines, last_lines, score_season\n"
        "lines = sys.stdin.buffer.read().splitlines()\n"
        "outcomes = list(score_season([SeasonLines(lines, ends=last_lines(lines))]))\n"
        "assert outcomes and all(o.classification is not None for o in outcomes)\n"
        "assert 'pendulum' not in sys.modules, 'pendulum was imported'\n"
        "assert 'ocop.product' not in sys.modules, 'ocop.product was imported'\n"
        "from ocop._fields import day\n"
        "assert day.converter is not None and 'pendulum' in sys.modules\n"
    )
    lines = "\n".join(cards_only()).encode()
    subprocess.run([sys.executable, "-c", code], input=lines, check=True)


def test_refusing_the_broken_cards_of_a_season_needs_no_more_of_the_contract():
    code = (
        "import sys\n"
        "from ocop.season import SeasonLines, last_lines, score_season, summarise_season\n"
        "lines = sys.stdin.buffer.read().splitlines()\n"
        "outcomes = list(score_season([SeasonLines(lines, ends=last_lines(lines))]))\n"
        "texts = [o.json_text('en') + o.explain('vi') for o in outcomes]\n"
        "assert summarise_season(outcomes).refused == 2, summarise_season(outcomes)\n"
        "loaded = {'jsonschema', 'ocop.json', 'pendulum'} & set(sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    card = json.loads(cards_only()[0])
    broken = [
        {**card, "set_no": 0, "note": "x"},
        {**card, "member": "m9", "choices": {**card["choices"], "1.1": -1}},
        {key: value for key, value in card.items() if key != "member"} | {"product": "q"},
    ]
    lines = [*cards_only(), *(json.dumps(document) for document in broken)]
    subprocess.run([sys.executable, "-c", code], input="\n".join(lines).encode(), check=True)
