import datetime as dt
import json
import pathlib

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import check_round_trip
from ocop import Address, DocumentError, Representative, Subject, SubjectKind
from ocop import json as ocop_json
from ocop._schema import Limits, schema_problems, validator
from ocop.product import Product

TOOLS = pathlib.Path(__file__).resolve().parent.parent / "tools"


def palmania() -> Subject:
    return Subject(
        id="palmania",
        name="Công ty Cổ phần Palmania",
        kind=SubjectKind.ENTERPRISE,
        representative=Representative(name="Chau Ngọc Dịu", gender="female", ethnicity="Khmer"),
        address=Address(era="legacy", commune_code="30544"),  # thị trấn Tri Tôn
    )


def test_every_kind_has_a_schema_with_a_stable_id():
    for kind in ocop_json.kinds():
        document = ocop_json.schema(kind)
        assert document["$id"] == f"https://ocop.dev/schemas/{kind}.schema.json"
        assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        validator(kind)  # the schema itself is valid Draft 2020-12


def test_the_shipped_schemas_match_the_classes():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_schemas", TOOLS / "build_schemas.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for kind in ocop_json.kinds():
        shipped = (module.FOLDER / f"{kind}.schema.json").read_text("utf-8")
        assert shipped == module.render(kind), f"run tools/build_schemas.py ({kind})"
    shipped = (module.FOLDER / "kinds.json").read_text("utf-8")
    assert shipped == module.render_kinds(), "run tools/build_schemas.py (kinds.json)"


def test_the_kinds_are_told_by_the_fields_their_schemas_name():
    from ocop._schema import _kind_fields

    assert _kind_fields() == tuple(
        (
            kind,
            frozenset(ocop_json.schema(kind).get("required", ())),
            frozenset(ocop_json.schema(kind).get("properties", ())),
        )
        for kind in ocop_json.kinds()
    )


def test_a_subject_round_trips_through_json_text():
    subject = palmania()
    text = ocop_json.dumps(subject)
    assert "Công ty Cổ phần Palmania" in text
    assert ocop_json.loads("subject", text) == subject


def test_an_address_with_the_day_it_was_written_round_trips():
    subject = attrs.evolve(
        palmania(), address=Address(era="legacy", commune_code="10852", written_on="2021-06-01")
    )
    dumped = ocop_json.dump(subject)
    assert dumped["address"]["written_on"] == "2021-06-01"
    assert schema_problems("subject", dumped) == []
    assert ocop_json.loads("subject", ocop_json.dumps(subject)) == subject


def test_a_dumped_subject_validates_against_its_schema():
    assert schema_problems("subject", ocop_json.dump(palmania())) == []


def test_vietnamese_text_is_nfc_after_a_round_trip():
    decomposed = "Ho\u0323\u0302 kinh doanh ANAS"
    subject = ocop_json.load(
        "subject", {"id": "a", "name": decomposed, "kind": "household_business"}
    )
    assert subject.name == "Hộ kinh doanh ANAS"


def test_a_product_with_a_product_code_round_trips():
    product = Product(
        id="p1",
        name="Bánh phồng",
        decision="148/2023",
        set_no=6,
        subject_id="s1",
        code="83-829-28780-3-2022",
    )
    data = ocop_json.dump(product)
    assert data["code"] == "83-829-28780-3-2022"
    assert ocop_json.load("product", data) == product


def test_every_problem_of_a_document_is_reported_at_once_with_its_path():
    with pytest.raises(DocumentError) as caught:
        ocop_json.load(
            "subject",
            {
                "id": "x",
                "name": "X",
                "kind": "enterprise",
                "tax_code": "0312687877",
                "representative": {"name": "A", "gender": "female", "disability": "no"},
            },
        )
    paths = {(p.path, p.code) for p in caught.value.problems}
    assert ("$.representative.disability", "schema.type") in paths


def test_meaning_errors_of_nested_objects_carry_their_full_path():
    with pytest.raises(DocumentError) as caught:
        ocop_json.load(
            "subject",
            {
                "id": "x",
                "name": "X",
                "kind": "enterprise",
                "tax_code": "0312687877",
                "address": {"era": "present", "commune_code": "99999"},
            },
        )
    found = {(p.path, p.code) for p in caught.value.problems}
    assert ("$.tax_code", "tax_code.bad_checksum") in found
    assert ("$.address.commune_code", "place.unknown_commune") in found


def test_an_unknown_kind_is_a_coded_error():
    with pytest.raises(DocumentError) as caught:
        ocop_json.load("nonsense", {})
    assert caught.value.code == "document.unknown_kind"


BAD = pathlib.Path(__file__).resolve().parent / "bad"


def _raised(item: object) -> object:
    if isinstance(item, DocumentError):
        raise item
    return item


def bad_cases():
    for path in sorted(BAD.glob("*.json")):
        case = json.loads(path.read_text("utf-8"))
        yield pytest.param(case, id=path.stem)


def _routes(case):
    """The document of a bad case through every route: parsed data, text, bytes and lines."""
    kind = case["kind"]
    text = case.get("text")
    if text is None:
        document = case["document"]
        yield lambda: ocop_json.load(kind, document)
        text = json.dumps(document, ensure_ascii=False)
    yield lambda: ocop_json.loads(kind, text)
    yield lambda: ocop_json.loads(kind, text.encode("utf-8", "surrogatepass"))
    yield lambda: _raised(next(ocop_json.iter_lines(kind, [text.replace("\n", " ")])))


@pytest.mark.parametrize("case", list(bad_cases()))
def test_each_bad_file_gives_its_coded_located_error_on_every_route(case):
    for route in _routes(case):
        with pytest.raises(DocumentError) as caught:
            route()
        found = {(p.path.replace("$[0]", "$", 1), p.code) for p in caught.value.problems}
        for expected in case["expect"]:
            assert (expected["path"], expected["code"]) in found, found


def test_a_huge_document_is_refused_before_it_is_parsed():
    with pytest.raises(DocumentError) as caught:
        ocop_json.loads("subject", b" " * 2048, limits=Limits(max_bytes=1024))
    assert caught.value.code == "document.too_large"


def test_a_deeply_nested_document_is_refused():
    deep = "[" * 100 + "]" * 100
    with pytest.raises(DocumentError) as caught:
        ocop_json.loads("subject", deep)
    assert caught.value.code == "document.too_deep"


def test_a_stack_busting_document_is_refused_without_a_traceback():
    deep = "[" * 200_000 + "]" * 200_000
    with pytest.raises(DocumentError) as caught:
        ocop_json.loads("subject", deep, limits=Limits(max_bytes=10**7))
    assert caught.value.code == "document.too_deep"


def test_a_long_array_is_refused():
    with pytest.raises(DocumentError) as caught:
        ocop_json.loads("subject", json.dumps({"x": list(range(50))}), limits=Limits(max_items=10))
    assert (caught.value.code, caught.value.path) == ("document.too_many_items", "$.x")


def test_text_that_is_not_json_is_a_coded_error():
    with pytest.raises(DocumentError) as caught:
        ocop_json.loads("subject", "{'id': 1}")
    assert caught.value.code == "document.not_json"


def test_json_lines_give_each_line_its_object_or_its_error():
    lines = [
        json.dumps({"id": "a", "name": "A", "kind": "farm"}),
        "",
        json.dumps({"id": "b", "name": "B", "kind": "nope"}),
    ]
    results = list(ocop_json.iter_lines("subject", lines))
    assert isinstance(results[0], Subject)
    assert isinstance(results[1], DocumentError)
    assert results[1].path == "$[2].kind"


names = st.text(
    alphabet=st.characters(categories=["L", "N", "Zs"], exclude_characters="\x00"), min_size=1
).filter(lambda s: s.strip())


@given(
    name=names,
    kind=st.sampled_from(list(SubjectKind)),
    gender=st.sampled_from(["female", "male"]),
    disability=st.booleans(),
)
def test_any_subject_round_trips(name, kind, gender, disability):
    subject = Subject(
        id="s",
        name=name,
        kind=kind,
        representative=Representative(name=name, gender=gender, disability=disability),
    )
    assert ocop_json.loads("subject", ocop_json.dumps(subject)) == subject


def test_a_council_result_round_trips(round_trip):
    from ocop import aggregate, classify, rubric
    from ocop.demo import load_example

    cards = [c for c in load_example("score_card", "cards.jsonl") if c.product == "tra-xa-den"]
    sheet = rubric.sheet(cards[0].decision, cards[0].set_no)
    round_trip("result", classify(sheet, aggregate(sheet, cards)))


choices = st.one_of(
    st.integers(min_value=0, max_value=30),
    st.builds(lambda i: {"index": i}, st.integers(min_value=0, max_value=15)),
    st.just("n/a"),
)


@given(
    st.dictionaries(st.from_regex(r"[1-9]\.[1-9]", fullmatch=True), choices, max_size=12),
    st.integers(min_value=1, max_value=26),
    st.sampled_from(["1048/2019", "148/2023", "26/2026"]),
)
def test_any_score_card_round_trips(raw_choices, set_no, decision):
    card = ocop_json.load(
        "score_card",
        {
            "decision": decision,
            "set_no": set_no,
            "member": "m",
            "product": "p",
            "choices": raw_choices,
        },
    )
    assert ocop_json.loads("score_card", ocop_json.dumps(card)) == card
    check_round_trip("score_card", card)


@given(
    stars=st.integers(min_value=3, max_value=5),
    issued=st.dates(min_value=dt.date(2019, 9, 1), max_value=dt.date(2030, 12, 31)),
    number=st.from_regex(r"[A-Z]{2}-20[0-9]{2}-[0-9]{1,4}", fullmatch=True),
    name=st.one_of(st.none(), names),
)
def test_any_certificate_round_trips(stars, issued, number, name):
    from ocop import Certificate
    from ocop.calendar import as_date

    level = "centre" if stars == 5 else "province"
    certificate = Certificate(
        number=number,
        product_id="p",
        subject_id="s",
        stars=stars,
        level=level,
        authority="UBND tỉnh An Giang" if level == "province" else "Bộ Nông nghiệp và Môi trường",
        decision_no="1/QĐ-UBND",
        decision_date=as_date(issued),
        issued_on=as_date(issued),
        product_name=name,
    )
    check_round_trip("certificate", certificate)


legacy_provinces = ["89", "83", "01", "79", "91", "46", "48"]


@given(
    province=st.sampled_from(legacy_provinces),
    minimum=st.integers(min_value=1, max_value=10),
    metric=st.sampled_from(["registered", "proposed", "evaluated", "certified"]),
    year=st.integers(min_value=2019, max_value=2024),
)
def test_any_plan_of_every_district_round_trips(province, minimum, metric, year):
    from ocop import DateRange, Plan, each_district
    from ocop.calendar import date

    plan = Plan(
        issuer="UBND tỉnh",
        number=f"{minimum}/KH-UBND",
        issued_on=date(year, 3, 1),
        title="Kế hoạch OCOP",
        period=DateRange.year(year),
        province_code=province,
        targets=each_district(
            province, minimum=minimum, metric=metric, deadline=date(year, 12, 31)
        ),
    )
    check_round_trip("plan", plan)


# -- what a hostile document cannot do --------------------------------------------------------

CARD = {"decision": "26/2026", "set_no": 1, "member": "m", "product": "p", "choices": {"1.1": 3}}


@pytest.mark.parametrize("kind", ocop_json.kinds())
@pytest.mark.parametrize("surrogate", ["\ud800", "a\udfffb"])
def test_a_lone_surrogate_anywhere_is_refused_with_its_path_on_every_route(kind, surrogate):
    document = {"id": surrogate, "name": "x", surrogate: 1}
    text = json.dumps(document)  # escaped: \ud800 in ASCII text
    raw = json.dumps(document, ensure_ascii=False)  # the lone surrogate itself
    for call in (
        lambda: ocop_json.load(kind, document),
        lambda: ocop_json.loads(kind, text),
        lambda: ocop_json.loads(kind, raw),
        lambda: ocop_json.loads(kind, raw.encode("utf-8", "surrogatepass")),
        lambda: _raised(next(ocop_json.iter_lines(kind, [text]))),
    ):
        with pytest.raises(DocumentError) as caught:
            call()
        found = {(p.code, p.path) for p in caught.value.problems}
        assert ("text.unencodable", "$.id") in {(c, p.replace("$[0]", "$")) for c, p in found}
        for problem in caught.value.problems:
            problem.describe("en").encode("utf-8")  # every message can be written


def test_a_lone_surrogate_in_a_score_card_is_refused_on_the_fast_path_too():
    for card in ({**CARD, "member": "\ud800"}, {**CARD, "choices": {"\ud800": 1}}):
        with pytest.raises(DocumentError) as caught:
            ocop_json.load("score_card", card)
        assert caught.value.code == "text.unencodable"
        (item,) = ocop_json.iter_lines("score_card", [json.dumps(card)])
        assert isinstance(item, DocumentError)
        assert item.code == "text.unencodable"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('{"id": "a", "name": "A", "kind": "farm", "id": "b"}', "document.duplicate_key"),
        ('{"id": "a", "name": "A", "kind": "farm", "x": NaN}', "number.not_finite"),
        ('{"id": "a", "name": "A", "kind": "farm", "x": Infinity}', "number.not_finite"),
        ('{"id": "a", "name": "A", "kind": "farm", "x": 1e400}', "number.not_finite"),
        ('{"id": "a", "name": "A", "kind": "farm", "x": 9007199254740992}', "number.too_large"),
    ],
)
def test_values_that_would_break_later_are_refused_as_they_come_in(text, code):
    with pytest.raises(DocumentError) as caught:
        ocop_json.loads("subject", text)
    assert (caught.value.code, caught.value.path) in {(code, "$.id"), (code, "$.x")}


def test_a_repeated_key_in_a_score_card_line_is_refused():
    line = json.dumps(CARD).replace('"member": "m"', '"member": "m", "member": "n"')
    (item,) = ocop_json.iter_lines("score_card", [line])
    assert isinstance(item, DocumentError)
    assert (item.code, item.path) == ("document.duplicate_key", "$[0].member")


def test_parsed_data_is_held_to_the_same_limits_as_text():
    deep: object = 0
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(DocumentError) as caught:
        ocop_json.load("subject", {"id": "a", "name": "A", "kind": "farm", "x": deep})
    assert caught.value.code == "document.too_deep"
    with pytest.raises(DocumentError) as caught:
        ocop_json.load("subject", {"id": "a", "name": "A", "kind": "farm", "x": 10**5000})
    assert (caught.value.code, caught.value.path) == ("number.too_large", "$.x")
    with pytest.raises(DocumentError) as caught:
        ocop_json.load(
            "subject",
            {"id": "a", "name": "A", "kind": "farm", "x": [0] * 50},
            limits=Limits(max_items=10),
        )
    assert caught.value.code == "document.too_many_items"
    with pytest.raises(DocumentError) as caught:
        ocop_json.load(
            "subject",
            {"id": "a", "name": "x" * 2000, "kind": "farm"},
            limits=Limits(max_bytes=1000),
        )
    assert caught.value.code == "document.too_large"


def test_the_problems_reported_are_the_first_few_then_a_count():
    document = {"id": "a", "name": "A", "kind": "farm", **{f"x{n}": n for n in range(50)}}
    with pytest.raises(DocumentError) as caught:
        ocop_json.load("subject", document, limits=Limits(max_problems=10))
    problems = caught.value.problems
    assert len(problems) == 11
    assert problems[-1].code == "document.more_problems"
    assert problems[-1].value >= 1


def test_a_list_of_two_hundred_thousand_zeros_is_refused_within_bounded_problems():
    text = json.dumps({"id": "a", "name": "A", "kind": "farm", "x": [0] * 200_000})
    with pytest.raises(DocumentError) as caught:
        ocop_json.loads("subject", text)
    assert len(caught.value.problems) <= Limits().max_problems + 1


def test_a_certificate_withdrawn_after_it_lapsed_round_trips():
    from ocop import Certificate

    withdrawn = Certificate(
        number="DT-2021-12",
        product_id="p",
        subject_id="s",
        stars=3,
        level="province",
        authority="UBND tỉnh Đồng Tháp",
        decision_no="1/QĐ-UBND-HC",
        decision_date=dt.date(2021, 12, 1),
        issued_on=dt.date(2021, 12, 1),
    ).withdraw(
        ground="not_reevaluated",
        decided_on=dt.date(2025, 2, 21),
        decision_no="(not published)",
        by="province",
    )
    dumped = ocop_json.dump(withdrawn)
    assert dumped["revocation"]["ground"] == "not_reevaluated"
    assert schema_problems("certificate", dumped) == []
    check_round_trip("certificate", withdrawn)
