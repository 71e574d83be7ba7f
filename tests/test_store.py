import itertools
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import attrs
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import _postgres
from fuzzing import _mutated, seeds
from ocop import (
    Address,
    Certificate,
    DateRange,
    DocumentError,
    Plan,
    Product,
    ProductRecord,
    StaleWriteError,
    Subject,
    SubjectKind,
    _structure,
    aggregate,
    classify,
    each_district,
    progress,
    rubric,
)
from ocop import json as ocop_json
from ocop._reach import reach
from ocop.audit import event_hash
from ocop.calendar import date
from ocop.certificate import due_for_reevaluation, expiring_within, valid_on
from ocop.demo import load_example, run_round
from ocop.errors import HistoryRewriteError, OcopError, SchemaVersionError, StoreError
from ocop.places import Era
from ocop.plan import record_of
from ocop.regulation import Level, regulation_for
from ocop.store import _CLASSES, _KINDS, SCHEMA_VERSION, Store, _digest, _upgrade
from test_fastcard import lines as card_lines

# -- the databases ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_url():
    """A PostgreSQL server started for this run, or a skip that says why (a failure under CI)."""
    try:
        with _postgres.server() as url:
            yield url
    except (RuntimeError, subprocess.CalledProcessError) as error:
        output = getattr(error, "stderr", None)
        reason = output.decode(errors="replace").strip() if output else str(error)
        message = f"PostgreSQL tests not run: {reason}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


_databases = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """A new, empty store on SQLite (a file) and on a real PostgreSQL server."""
    if request.param == "sqlite":
        opened = Store.open(tmp_path / "ocop.db")
    else:
        url = request.getfixturevalue("postgres_url")
        name = f"ocop_test_{os.getpid()}_{next(_databases)}"
        admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        admin.dispose()
        opened = Store.open(url.replace("/postgres?", f"/{name}?"))
    yield opened
    opened.close()


# -- the An Giang round of 2020, as kept by a province ----------------------------------------


@pytest.fixture(scope="module")
def an_giang():
    subjects = load_example("subject", "subjects.json")
    products = load_example("product", "products.json")
    cards = load_example("score_card", "cards.jsonl")
    districts, province = run_round({s.id: s for s in subjects}, products, cards)
    applications = [a for round_ in districts for a in round_.applications]
    applications = [a for a in applications if a.id not in {b.id for b in province.applications}]
    applications += list(province.applications)
    by_product = {}
    for card in cards:
        by_product.setdefault(card.product, []).append(card)
    results = []
    for group in by_product.values():
        sheet = rubric.sheet(group[0].decision, group[0].set_no)
        results.append(classify(sheet, aggregate(sheet, group)))
    return {
        "subject": subjects,
        "product": products,
        "score_card": cards,
        "result": results,
        "council": [province.council, *(r.council for r in districts)],
        "application": applications,
        "certificate": [a.certificate for a in province.applications if a.certificate],
        "plan": load_example("plan", "plan.json"),
        "product_record": [record_of(application) for application in province.applications],
    }


def chained(application, events):
    """The application with these events, each linked to the one before and the last sealed,
    as a program that recomputes the audit chain would write it."""
    linked, previous = [], None
    for event in events:
        linked.append(attrs.evolve(event, previous=previous))
        previous = event_hash(linked[-1])
    return attrs.evolve(application, events=tuple(linked), history_hash=previous)


def keep_all(store, documents):
    for values in documents.values():
        report = store.add_all(values)
        assert report.added == len(values)


def test_every_kind_of_document_is_loaded_back_equal_to_what_was_kept(store, an_giang):
    keep_all(store, an_giang)
    for kind, values in an_giang.items():
        assert list(store.all(kind)) == sorted(values, key=_key), kind


def _key(value):
    from ocop.store import _kind_of

    return _kind_of(value).key(value)


def test_an_application_keeps_its_whole_history_in_order(store, an_giang):
    keep_all(store, an_giang)
    application = an_giang["application"][-1]
    kept = store.get("application", application.id)
    assert kept.value.events == application.events
    assert len(kept.value.events) >= 5
    assert kept.version == 1


# -- properties: what is kept is what comes back ------------------------------------------------

names = st.text(
    alphabet=st.characters(categories=["L", "N", "Zs", "P"], exclude_characters="\x00"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())
legacy_communes = ["30307", "30280", "28780", "00004"]
present_communes = ["30307", "28789", "00004"]
places_ = st.one_of(
    st.none(),
    st.builds(lambda c: Address(era="legacy", commune_code=c), st.sampled_from(legacy_communes)),
    st.builds(lambda c: Address(era="present", commune_code=c), st.sampled_from(present_communes)),
    st.just(Address(era="legacy", district_code="894")),
    # Written in 2021 in Xã Thanh Xá, Huyện Thanh Hà (Hải Dương), a commune merged away in 2024.
    st.just(Address(era="legacy", commune_code="10852", written_on=date(2021, 6, 1))),
    st.just(Address(era="legacy", district_code="294", written_on=date(2021, 6, 1))),
)


@settings(max_examples=40)
@given(
    name=names,
    kind=st.sampled_from(list(SubjectKind)),
    place=places_,
    product_name=names,
    set_no=st.integers(1, 26),
    decision=st.sampled_from(["1048/2019", "148/2023", "26/2026"]),
    stars=st.integers(3, 5),
    issued=st.dates(min_value=date(2019, 9, 1), max_value=date(2030, 12, 31)),
    withdrawn=st.booleans(),
)
def test_any_subject_product_and_certificate_come_back_equal(
    name, kind, place, product_name, set_no, decision, stars, issued, withdrawn
):
    subject = Subject(id=name, name=name, kind=kind, address=place)
    product = Product(
        id=product_name,
        name=product_name,
        decision=decision,
        set_no=set_no,
        subject_id=subject.id,
        # a product under 26/2026 lies in the units of 1 July 2025, never in the older ones
        place=None if decision == "26/2026" and place and place.era.value == "legacy" else place,
    )
    day = date(issued.year, issued.month, issued.day)
    certificate = Certificate(
        number=product_name,
        product_id=product.id,
        subject_id=subject.id,
        stars=stars,
        level="centre" if stars == 5 else "province",
        authority="UBND tỉnh",
        decision_no="1/QĐ-UBND",
        decision_date=day,
        issued_on=day,
        product_name=product_name,
    )
    if withdrawn:
        # Lapsed without a new recognition, withdrawn two years after its expiry.
        decided = certificate.expires_on.add(years=2)
        certificate = certificate.withdraw(
            ground="not_reevaluated",
            decided_on=decided,
            decision_no="2/QĐ-UBND",
            by=regulation_for(decided).revoking_level(stars, certificate.level),
        )
    with Store.open(":memory:") as store:
        for value in (subject, product, certificate):
            added = store.add(value)
            assert store.get(added.kind, added.id).value == value
        assert store.products_of(subject.id) == (product,)


@settings(max_examples=25)
@given(st.data())
def test_any_score_card_of_the_bench_season_comes_back_equal(data):
    benchmarks = str(Path(__file__).parents[1] / "benchmarks")
    if benchmarks not in sys.path:
        sys.path.insert(0, benchmarks)
    import _generate

    seed = data.draw(st.integers(0, 10_000))
    cards = list(itertools.islice(_generate.season(3, seed=seed, broken=0), 24))
    lines = [json.dumps(card, ensure_ascii=False) for card in cards]
    with Store.open(":memory:") as store:
        report = store.import_lines("score_card", lines)
        assert report.added == len(lines)
        assert list(store.all("score_card")) == sorted(
            ocop_json.iter_lines("score_card", lines),
            key=lambda c: (c.product, c.member, c.decision),
        )


# -- what is checked when a document is read ----------------------------------------------------

DIGESTED = sorted(name for name, kind in _KINDS.items() if kind.digested)


def kept_rows(store, kind):
    table = _KINDS[kind].table
    with store._engine.connect() as conn:
        return conn.execute(sa.select(table.c.id, table.c.document, table.c.digest)).all()


def edit(store, kind, key, text, digest=None):
    """The document's text changed in the database, as SQL or a tool would change it; with
    ``digest``, its digest too."""
    table = _KINDS[kind].table
    values = {"document": text} if digest is None else {"document": text, "digest": digest}
    with store._engine.begin() as conn:
        conn.execute(table.update().where(table.c.id == key).values(**values))
    store._known.clear()


def outcome(call):
    try:
        return "read", call()
    except OcopError as error:
        return "refused", [(p.code, p.path) for p in error.problems]


def test_every_kind_but_score_cards_and_applications_keeps_its_documents_digests(an_giang):
    assert DIGESTED == [
        "certificate", "council", "plan", "product", "product_record", "result", "subject"
    ]  # fmt: skip
    assert sorted(_CLASSES) == DIGESTED
    for kind in DIGESTED:
        assert {type(value) for value in an_giang[kind]} == {_CLASSES[kind]}, kind


def test_a_document_the_store_wrote_is_read_to_the_object_the_contract_reads(store, an_giang):
    keep_all(store, an_giang)
    # Written three more ways: updated, imported from lines kept as their own text, replaced.
    kept = store.get("certificate", an_giang["certificate"][0].number)
    revoked = kept.value.revoke(
        ground="false_dossier",
        found_on=date(2021, 5, 3),
        decided_on=date(2021, 5, 10),
        decision_no="12/QĐ-UBND",
        by="province",
    )
    store.update(kept, revoked)
    lines = [f"  {line}  " for line in subject_lines()]
    store.import_lines("subject", lines)
    renamed = {**json.loads(lines[0]), "name": "Hộ kinh doanh đổi tên"}
    store.import_lines("subject", [json.dumps(renamed, ensure_ascii=False)], replace=True)
    for kind in DIGESTED:
        rows = kept_rows(store, kind)
        assert rows, kind
        for key, text, digest in rows:
            assert digest == _digest(text), (kind, key)
            store._known.clear()
            read = store.get(kind, key).value
            assert read == ocop_json.load(kind, json.loads(text)), (kind, key)
            cls = type(read)
            assert _structure.build(cls, json.loads(text)) == read, (kind, key)


@pytest.mark.parametrize("kind", DIGESTED)
def test_a_document_edited_in_the_database_is_read_as_the_contract_reads_it(kind):
    """Whatever the edit (the fuzzer's mutations of a real document), the store gives the
    object the contract reads from the edited text, or refuses it with the same problems."""
    cls = type(ocop_json.load(kind, seeds()[kind][0]))

    @settings(
        max_examples=30,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(_mutated(kind))
    def check(edited):
        try:
            text = json.dumps(edited.document, allow_nan=False)
            data = json.loads(text)
        except (ValueError, RecursionError):
            assume(False)
        with Store.open(":memory:") as store:
            store_one(store, kind)
            key = kept_rows(store, kind)[0].id
            edit(store, kind, key, text)
            expected = outcome(lambda: ocop_json.load(kind, data))
            assert outcome(lambda: store.get(kind, key).value) == expected
        # What the contract accepts, the constructors alone build to the same object (or leave
        # to the contract).
        built = _structure.build(cls, data)
        if expected[0] == "read" and built is not None:
            assert built == expected[1]

    check()


def store_one(store, kind):
    """The fuzzer's first real document of ``kind``, kept in ``store``."""
    store.add(ocop_json.load(kind, seeds()[kind][0]))


def test_a_certificate_edited_into_something_invalid_is_refused_wherever_it_is_read(store):
    certificate = a_certificate("1/GCN", "p", "s", date(2024, 3, 1))
    store.add(certificate)
    document = ocop_json.dump(certificate)
    for edited, problems in (
        ({**document, "stars": 7}, [("schema.maximum", "$.stars")]),
        ({**document, "stars": "5"}, [("schema.type", "$.stars")]),
        ({**document, "note": "sửa tay"}, [("schema.unknown_field", "$.note")]),
        ({**document, "issued_on": "2024-02-30"}, [("schema.format", "$.issued_on")]),
    ):
        edit(store, "certificate", "1/GCN", json.dumps(edited, ensure_ascii=False))
        for read in (
            lambda: store.get("certificate", "1/GCN"),
            lambda: store.in_force(date(2025, 1, 1)),
            lambda: list(store.all("certificate")),
        ):
            with pytest.raises(DocumentError) as caught:
                read()
            assert [(p.code, p.path) for p in caught.value.problems] == problems
    edit(store, "certificate", "1/GCN", json.dumps(document, ensure_ascii=False))
    assert store.get("certificate", "1/GCN").value == certificate


def test_a_value_the_constructors_refuse_is_refused_even_with_its_digest_rewritten(store):
    certificate = a_certificate("1/GCN", "p", "s", date(2024, 3, 1))
    store.add(certificate)
    document = ocop_json.dump(certificate)
    for edited, problems in (
        ({**document, "stars": 7}, [("schema.maximum", "$.stars")]),
        ({**document, "note": "sửa tay"}, [("schema.unknown_field", "$.note")]),
        (
            {**document, "issued_on": "2023-01-01"},
            [("certificate.issued_before_decision", "$.issued_on")],
        ),
    ):
        text = json.dumps(edited, ensure_ascii=False)
        edit(store, "certificate", "1/GCN", text, digest=_digest(text))
        with pytest.raises(DocumentError) as caught:
            store.get("certificate", "1/GCN")
        assert [(p.code, p.path) for p in caught.value.problems] == problems


# -- imports ------------------------------------------------------------------------------------


def subject_lines():
    return [
        json.dumps({"id": f"s{n}", "name": f"Hộ kinh doanh số {n}", "kind": "household"})
        for n in range(5)
    ]


def test_a_file_saved_with_a_byte_order_mark_is_imported_without_it(store):
    lines = [line.encode("utf-8") for line in subject_lines()]
    lines[0] = b"\xef\xbb\xbf" + lines[0]
    assert store.import_lines("subject", lines).added == 5
    assert store.get("subject", "s0").value == Subject(
        id="s0", name="Hộ kinh doanh số 0", kind="household"
    )
    with store._engine.connect() as conn:
        texts = conn.execute(sa.text("SELECT document FROM subjects")).scalars().all()
    assert not any(text.startswith("\ufeff") for text in texts)
    assert store.import_lines("subject", lines).unchanged == 5


def test_a_bad_line_refuses_the_whole_file_with_every_problem_listed(store):
    lines = subject_lines()
    lines[1] = json.dumps({"id": "x", "name": "X", "kind": "company"})
    lines[3] = json.dumps({"id": "y", "kind": "household", "tax_code": "0312687877"})
    with pytest.raises(DocumentError) as caught:
        store.import_lines("subject", lines)
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("$[1].kind", "schema.enum"),
        ("$[3].name", "schema.required"),
    ]
    assert list(store.all("subject")) == []


def test_the_caller_may_keep_the_good_lines_and_get_the_bad_ones_back(store):
    lines = subject_lines()
    lines[2] = "{not json"
    report = store.import_lines("subject", lines, keep_good=True)
    assert (report.added, report.unchanged) == (4, 0)
    assert [p.path for p in report.refused] == ["$[2]"]
    assert [s.id for s in store.all("subject")] == ["s0", "s1", "s3", "s4"]


def test_importing_the_same_file_twice_adds_nothing(store):
    lines = subject_lines()
    assert store.import_lines("subject", lines).added == 5
    again = store.import_lines("subject", [line.encode() for line in lines])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    assert len(list(store.all("subject"))) == 5


def test_a_line_that_changes_a_kept_document_is_a_conflict_unless_replacing(store):
    store.import_lines("subject", subject_lines())
    changed = [json.dumps({"id": "s1", "name": "HTX Mới", "kind": "cooperative"})]
    with pytest.raises(DocumentError) as caught:
        store.import_lines("subject", changed)
    assert caught.value.code == "store.conflict"
    assert caught.value.path == "$[0]"
    report = store.import_lines("subject", changed, replace=True)
    assert report.updated == 1
    kept = store.get("subject", "s1")
    assert (kept.value.name, kept.version) == ("HTX Mới", 2)


def test_the_same_id_twice_in_one_file_with_other_content_is_a_conflict(store):
    lines = [*subject_lines(), json.dumps({"id": "s0", "name": "Khác", "kind": "farm"})]
    with pytest.raises(DocumentError) as caught:
        store.import_lines("subject", lines)
    assert [(p.path, p.code) for p in caught.value.problems] == [("$[5]", "store.conflict")]


KILLED_IMPORT = """
import sys, time
from ocop.store import Store

def stop(count):
    print("written", count, flush=True)
    time.sleep(120)

with Store.open(sys.argv[1]) as store:
    lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
    store.import_lines("subject", lines, progress=stop)
"""


def test_a_process_killed_in_the_middle_of_an_import_leaves_the_database_as_it_was(tmp_path):
    path = tmp_path / "ocop.db"
    with Store.open(path) as store:
        store.import_lines("subject", subject_lines())
    big = tmp_path / "subjects.jsonl"
    big.write_text(
        "\n".join(
            json.dumps({"id": f"new{n}", "name": f"Cơ sở {n}", "kind": "farm"}) for n in range(2500)
        ),
        encoding="utf-8",
    )
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_IMPORT, str(path), str(big)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().split() == ["written", "1000"]
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    with Store.open(path) as store:
        assert [s.id for s in store.all("subject")] == [f"s{n}" for n in range(5)]


# -- updates ------------------------------------------------------------------------------------


def test_the_second_clerk_writing_on_a_stale_copy_is_refused(store, an_giang):
    store.add_all(an_giang["certificate"])
    certificate = an_giang["certificate"][0]
    first = store.get("certificate", certificate.number)
    second = store.get("certificate", certificate.number)
    revoked = first.value.revoke(
        ground="false_dossier",
        found_on=date(2021, 5, 3),
        decided_on=date(2021, 5, 10),
        decision_no="12/QĐ-UBND",
        by="province",
    )
    assert store.update(first, revoked).version == 2
    renamed = attrs.evolve(second.value, product_name="Tên khác")
    with pytest.raises(StaleWriteError) as caught:
        store.update(second, renamed)
    assert caught.value.code == "store.stale_write"
    assert store.get("certificate", certificate.number).value == revoked
    assert isinstance(caught.value, StoreError)


def test_adding_another_object_under_a_kept_key_is_refused(store):
    store.add(Subject(id="s1", name="A", kind="farm"))
    assert store.add(Subject(id="s1", name="A", kind="farm")).version == 1
    with pytest.raises(StaleWriteError) as caught:
        store.add(Subject(id="s1", name="B", kind="farm"))
    assert caught.value.code == "store.already_stored"


def test_an_application_s_history_is_appended_to_never_rewritten(store, an_giang):
    application = an_giang["application"][-1]
    short = chained(application, application.events[:3])
    kept = store.add(short)
    grown = store.update(kept, application)
    assert grown.version == 2
    assert store.get("application", application.id).value == application
    changed = attrs.evolve(application.events[1], note="sửa lại")
    events = (*application.events[:1], changed, *application.events[2:])
    with pytest.raises(HistoryRewriteError) as caught:
        store.update(grown, chained(application, events))
    assert (caught.value.code, caught.value.path) == ("store.history_rewritten", "$.events[1]")
    assert store.get("application", application.id).value == application


def test_updating_what_was_never_kept_says_so(store):
    from ocop.store import Stored

    ghost = Stored(kind="subject", id="s9", version=1, value=None)
    with pytest.raises(StoreError) as caught:
        store.update(ghost, Subject(id="s9", name="A", kind="farm"))
    assert caught.value.code == "store.not_found"
    with pytest.raises(StoreError) as caught:
        store.get("subject", "nobody")
    assert caught.value.code == "store.not_found"


# -- text is text -------------------------------------------------------------------------------


def test_a_name_written_as_sql_is_kept_and_found_as_text(store):
    evil = "'; DROP TABLE products; --"
    store.add(Subject(id=evil, name=evil, kind="farm"))
    store.add(Product(id=evil, name=evil, decision="26/2026", set_no=1, subject_id=evil))
    odd = Product(id="p%_", name="100% tự nhiên_", decision="26/2026", set_no=1, subject_id=evil)
    store.add(odd)
    assert [p.name for p in store.search("drop table products")] == [evil]
    assert [p.id for p in store.products_of(evil)] == ["p%_", evil]
    assert [p.id for p in store.search("100%")] == ["p%_"]
    assert store.search("%") == store.search("") == ()
    assert store.get("subject", evil).value.name == evil


def test_a_name_is_found_whatever_its_diacritics_and_case(store, an_giang):
    keep_all(store, an_giang)
    assert [p.name for p in store.search("tra xa den")] == ["Trà xạ đen"]
    assert [p.name for p in store.search("TRÀ XẠ")] == ["Trà xạ đen"]
    assert store.search("trà xạ đen đỏ") == ()
    subjects = store.search("thao an khang", kind="subject")
    assert [s.id for s in subjects] == [p.subject_id for p in store.search("tra xa den")]


# -- the schema's version -----------------------------------------------------------------------


def test_a_database_of_an_older_schema_is_upgraded_when_opened(tmp_path):
    path = tmp_path / "old.db"
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        _upgrade(conn, to=1)
    assert not any(
        index["name"] == "products_name_folded"
        for index in sa.inspect(engine).get_indexes("products")
    )
    engine.dispose()
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION == 3
        store.add(Product(id="p", name="Trà xạ đen", decision="1048", set_no=13, subject_id="s"))
        assert len(store.search("tra xa den")) == 1
    engine = sa.create_engine(f"sqlite:///{path}")
    assert "products_name_folded" in {
        index["name"] for index in sa.inspect(engine).get_indexes("products")
    }
    engine.dispose()


def test_documents_kept_before_digests_get_theirs_when_the_contract_accepts_them(store):
    good = a_certificate("1/GCN", "p", "s", date(2024, 3, 1))
    store.add_all([good, a_certificate("2/GCN", "p", "s", date(2024, 3, 1))])
    store.add(Subject(id="s", name="HTX Trà Xạ Đen", kind="cooperative"))
    bad = {**ocop_json.dump(good), "number": "2/GCN", "stars": 7}
    with store._engine.begin() as conn:
        # As version 2 kept them: no digests, and a certificate edited into something invalid.
        for kind in DIGESTED:
            conn.execute(sa.text(f'ALTER TABLE "{_KINDS[kind].table.name}" DROP COLUMN digest'))
        conn.execute(sa.text("UPDATE ocop_meta SET value = '2' WHERE key = 'schema_version'"))
        conn.execute(
            sa.text("UPDATE certificates SET document = :text WHERE id = '2/GCN'"),
            {"text": json.dumps(bad)},
        )
    with store._engine.begin() as conn:
        assert _upgrade(conn) == 2
    store._known.clear()
    assert store.schema_version == 3
    rows = {key: (text, digest) for key, text, digest in kept_rows(store, "certificate")}
    assert rows["1/GCN"][1] == _digest(rows["1/GCN"][0])
    assert rows["2/GCN"][1] is None
    assert [digest for _, _, digest in kept_rows(store, "subject")] != [None]
    assert store.get("certificate", "1/GCN").value == good
    with pytest.raises(DocumentError) as caught:
        store.get("certificate", "2/GCN")
    assert [(p.code, p.path) for p in caught.value.problems] == [("schema.maximum", "$.stars")]


def test_a_database_written_by_a_newer_ocop_is_refused(store):
    with store._engine.begin() as conn:
        conn.execute(sa.text("UPDATE ocop_meta SET value = :v"), {"v": str(SCHEMA_VERSION + 1)})
    url = store._engine.url.render_as_string(hide_password=False)
    with pytest.raises(SchemaVersionError) as caught:
        Store.open(url)
    assert caught.value.code == "store.newer_schema"
    assert f"version {SCHEMA_VERSION + 1}" in caught.value.message("en")


def test_a_missing_sqlalchemy_names_the_extra_to_install():
    code = textwrap.dedent(
        """
        import sys
        sys.modules["sqlalchemy"] = None
        try:
            import ocop.store
        except ModuleNotFoundError as error:
            print(error)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'ocop[store]'" in out.stdout


def test_a_postgresql_url_without_a_driver_gets_one():
    from ocop.store import _url

    assert _url("postgresql://ocop@/db").startswith(("postgresql+pg8000://", "postgresql+psycopg"))
    assert _url(":memory:") == "sqlite://"
    assert _url("ocop.db") == "sqlite:///ocop.db"


# -- the weekly questions -----------------------------------------------------------------------


def a_certificate(number, product, subject, issued, stars=3):
    return Certificate(
        number=number,
        product_id=product,
        subject_id=subject,
        stars=stars,
        level="province",
        authority="UBND tỉnh An Giang",
        decision_no=f"{number}/QĐ-UBND",
        decision_date=issued,
        issued_on=issued,
    )


@pytest.fixture
def province_office(store, an_giang):
    """The An Giang round, and certificates of other years for its products and elsewhere."""
    keep_all(store, an_giang)
    elsewhere = Subject(
        id="ben-tre",
        name="HTX Dừa Bến Tre",
        kind="cooperative",
        address=Address(era="legacy", commune_code="28780"),
    )
    store.add(elsewhere)
    candy = Product(id="keo-dua", name="Kẹo dừa", decision="1048", set_no=2, subject_id="ben-tre")
    store.add(candy)
    extra = [
        a_certificate(f"X-{n}", product.id, product.subject_id, date(2019 + n % 5, 1 + n % 12, 5))
        for n, product in enumerate(an_giang["product"])
    ]
    extra.append(a_certificate("BT-1", "keo-dua", "ben-tre", date(2022, 3, 1), stars=4))
    store.add_all(extra)
    return store, [*an_giang["certificate"], *extra]


def in_unit(store, certificate, era, level, code):
    product = store.find("product", certificate.product_id).value
    place = product.place or store.get("subject", product.subject_id).value.address
    return code in reach(place).units(Era(era), Level(level))


DAYS = [date(2020, 6, 1), date(2022, 3, 1), date(2023, 1, 15), date(2024, 2, 20), date(2025, 8, 1)]
UNITS = [
    ("present", "province", "91"),
    ("legacy", "province", "89"),
    ("legacy", "district", "894"),
    ("present", "province", "86"),
    ("legacy", "commune", "28780"),
]


def test_certificates_in_force_expiring_and_due_are_those_the_policies_give(province_office):
    store, certificates = province_office
    for day, (era, level, code) in itertools.product(DAYS, UNITS):
        unit = [c for c in certificates if in_unit(store, c, era, level, code)]
        where = {"era": era, level: code}
        assert store.in_force(day, **where) == valid_on(unit, day)
        assert store.expiring(day, 6, **where) == expiring_within(unit, day, 6)
        assert store.due_for_reevaluation(day, **where) == due_for_reevaluation(unit, day)
    assert len(store.in_force(date(2020, 6, 1), era="legacy", province="89")) == 9
    assert store.in_force(date(2020, 6, 1)) == valid_on(certificates, date(2020, 6, 1))


def test_the_star_distribution_counts_each_unit_s_products_per_decision(province_office):
    store, _ = province_office
    results = list(store.all("result"))
    for era, level, code in [(None, None, None), *UNITS]:
        expected = {}
        for result in results:
            product = store.get("product", result.product).value
            place = product.place or store.get("subject", product.subject_id).value.address
            if code is None or code in reach(place).units(Era(era), Level(level)):
                stars = expected.setdefault(result.decision, {})
                star = None if result.star is None else result.star.stars
                stars[star] = stars.get(star, 0) + 1
        where = {} if code is None else {"era": era, level: code}
        assert store.star_distribution(**where) == expected
    assert store.star_distribution() == {"1048/2019": {3: 4, 4: 2}}
    assert store.star_distribution(era="present", province="86") == {}


def test_a_certificate_withdrawn_after_it_lapsed_is_kept_with_its_withdrawal(province_office):
    store, certificates = province_office
    # Like UBND tỉnh Đồng Tháp's withdrawals of February 2025: a certificate of round 1 of 2020,
    # expired in March 2023 without a new recognition, withdrawn by the province.
    lapsed = store.get("certificate", certificates[0].number)
    gone = lapsed.value.withdraw(
        ground="not_reevaluated",
        decided_on=date(2024, 2, 20),
        decision_no="9/QĐ-UBND",
        by="province",
    )
    assert store.update(lapsed, gone).version == 2
    assert store.get("certificate", gone.number).value == gone
    kept = [gone, *certificates[1:]]
    for day in DAYS:
        assert store.in_force(day, era="legacy", province="89") == valid_on(
            [c for c in kept if in_unit(store, c, "legacy", "province", "89")], day
        )


def test_a_product_placed_at_an_address_of_its_day_counts_in_the_units_of_that_day(store):
    # Xã Thanh Xá (10852), Huyện Thanh Hà, Tỉnh Hải Dương on the lists of 2021; merged into
    # another commune in 2024, its province into Thành phố Hải Phòng in 2025.
    written = Address(era="legacy", commune_code="10852", written_on=date(2021, 6, 1))
    store.add(Subject(id="thanh-xa", name="HTX Vải Thanh Xá", kind="cooperative"))
    product = Product(
        id="vai-thieu",
        name="Vải thiều Thanh Hà",
        decision="1048",
        set_no=1,
        subject_id="thanh-xa",
        place=written,
    )
    store.add(product)
    certificate = a_certificate("HD-1", "vai-thieu", "thanh-xa", date(2021, 9, 1), stars=4)
    store.add(certificate)
    assert store.get("product", "vai-thieu").value.place == written
    day = date(2022, 6, 1)
    for where in (
        {"era": "legacy", "commune": "10852"},
        {"era": "legacy", "district": "294"},
        {"era": "legacy", "province": "30"},
        {"era": "present", "province": "31"},
    ):
        assert store.in_force(day, **where) == (certificate,), where
    assert store.in_force(day, era="legacy", province="31") == ()


def test_an_application_edited_in_the_database_is_refused_when_read(store, an_giang):
    application = an_giang["application"][-1]
    store.add(application)
    with store._engine.begin() as conn:
        conn.execute(
            sa.text(
                "UPDATE application_events SET document = :edited "
                "WHERE application_id = :key AND seq = 1"
            ),
            {
                "edited": json.dumps(
                    ocop_json.dump(attrs.evolve(application.events[1], note="sửa trong CSDL")),
                    ensure_ascii=False,
                ),
                "key": application.id,
            },
        )
    with pytest.raises(DocumentError) as caught:
        store.get("application", application.id)
    assert [(p.code, p.path) for p in caught.value.problems] == [("history.broken", "$.events[1]")]


def test_a_kept_plan_s_progress_is_the_plan_module_s(province_office, an_giang):
    store, _ = province_office
    plan = an_giang["plan"][0]
    on = date(2020, 6, 30)
    assert store.progress(plan.issuer, plan.number, on=on) == progress(
        plan, an_giang["product_record"], on=on, subjects=an_giang["subject"]
    )


def test_a_plan_elsewhere_counts_no_product_of_an_giang(store, an_giang):
    keep_all(store, an_giang)
    other = Plan(
        issuer="UBND tỉnh Bến Tre",
        number="1/KH-UBND",
        issued_on=date(2020, 3, 1),
        title="Kế hoạch OCOP",
        period=DateRange.year(2020),
        province_code="83",
        targets=each_district("83", minimum=1, metric="proposed", deadline=date(2020, 12, 31)),
    )
    store.add(other)
    found = store.progress(other.issuer, other.number, on=date(2020, 12, 31))
    assert all(item.proposed == 0 for item in found.targets)


def test_records_of_a_product_evaluated_twice_are_both_kept(store, an_giang):
    record = an_giang["product_record"][0]
    again = ProductRecord(product=record.product, registered_on=date(2023, 2, 1))
    assert store.add_all([record, again]).added == 2


def test_two_clerks_moving_the_same_application_the_second_is_refused(store, an_giang):
    application = an_giang["application"][-1]
    store.add(chained(application, application.events[:-1]))
    first = store.get("application", application.id)
    second = store.get("application", application.id)
    assert store.update(first, application).version == 2
    with pytest.raises(StaleWriteError):
        store.update(second, application)
    assert store.get("application", application.id).value == application


def test_the_core_never_imports_the_database_layer():
    code = (
        "import sys, ocop, ocop.json, ocop.cli, ocop.demo, ocop.plan, ocop.certificate; "
        "print('sqlalchemy' in sys.modules, 'ocop.store' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_the_demo_keeps_its_round_and_reads_it_back_once(tmp_path):
    import io

    from ocop.cli import main

    path = tmp_path / "demo.db"
    first, second = io.StringIO(), io.StringIO()
    assert main(["--lang", "en", "demo", "--store", str(path)], out=first) == 0
    assert main(["--lang", "en", "demo", "--store", str(path)], out=second) == 0
    kept = first.getvalue().split("Kept in a database")[1].splitlines()
    again = second.getvalue().split("Kept in a database")[1].splitlines()
    assert "application     6      0             6          =" in kept
    assert "application     0      6             6          =" in again
    assert "≠" not in first.getvalue() + second.getvalue()
    assert "search 'tra xa den': Trà xạ đen" in again[-1]


def test_an_imported_application_s_history_grows_and_is_never_rewritten(store, an_giang):
    application = an_giang["application"][-1]
    short = chained(application, application.events[:2])
    changed = chained(
        application,
        (attrs.evolve(application.events[0], note="khác"), *application.events[1:]),
    )

    def line(value):
        return ocop_json.dumps(value, indent=None)

    assert store.import_lines("application", [line(short)]).added == 1
    grown = store.import_lines("application", [line(application)])
    assert (grown.added, grown.updated, grown.unchanged) == (0, 1, 0)
    assert store.import_lines("application", [line(application)]).unchanged == 1
    with pytest.raises(DocumentError) as caught:
        store.import_lines("application", [line(application), line(changed)])
    assert [(p.path, p.code) for p in caught.value.problems] == [("$[1]", "store.conflict")]
    with pytest.raises(DocumentError) as caught:
        store.import_lines("application", [line(changed)])
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("$[0].events[0]", "store.history_rewritten")
    ]
    kept = store.get("application", application.id)
    assert (kept.value, kept.version) == (application, 2)


def test_a_database_that_cannot_be_opened_is_a_coded_error(tmp_path):
    with pytest.raises(StoreError) as caught:
        Store.open(tmp_path / "no" / "such" / "folder" / "ocop.db")
    assert caught.value.code == "store.cannot_open"
    with pytest.raises(StoreError) as caught:
        Store.open("postgresql://nobody:secret@/nodb?unix_sock=/nonexistent/socket")
    assert caught.value.code == "store.cannot_open"
    assert "secret" not in str(caught.value)


def test_the_demo_without_the_store_extra_says_which_to_install(tmp_path):
    code = textwrap.dedent(
        f"""
        import sys
        sys.modules["sqlalchemy"] = None
        from ocop.cli import main
        sys.exit(main(["--lang", "en", "demo", "--store", {str(tmp_path / "x.db")!r}]))
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode != 0
    assert "pip install 'ocop[store]' [extra.missing]" in done.stderr
    assert "Traceback" not in done.stderr


@settings(max_examples=150, deadline=None)
@given(st.lists(card_lines(), max_size=6))
def test_each_score_card_line_kept_from_its_own_text_loads_back_as_the_contract_read_it(batch):
    # Lines as files hold them: text or bytes (UTF-8, with a byte order mark, UTF-16), with
    # or without escapes, spaces and line endings; broken ones among them.
    expected = {}
    for item in ocop_json.iter_lines("score_card", batch):
        if not isinstance(item, DocumentError):
            expected.setdefault((item.product, item.member, item.decision), item)
    with Store.open(":memory:") as store:
        store.import_lines("score_card", batch, keep_good=True)
        with store._engine.connect() as conn:
            kept = conn.exec_driver_sql("SELECT document FROM score_cards").scalars().all()
    again = [ocop_json.load("score_card", json.loads(document)) for document in kept]
    assert {(c.product, c.member, c.decision): c for c in again} == expected


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32-le", "utf-8-sig"])
def test_a_score_card_line_in_another_encoding_is_kept_as_json_text(store, encoding):
    card = {"decision": "26/2026", "set_no": 1, "member": "m", "product": "p", "choices": {}}
    assert store.import_lines("score_card", [json.dumps(card).encode(encoding)]).added == 1
    (kept,) = store.all("score_card")
    assert kept == ocop_json.load("score_card", card)
