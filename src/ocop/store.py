"""Domain objects kept in a database: SQLite by default, PostgreSQL for a province or a nation.

A :class:`Store` keeps subjects, products, applications with their whole history, score cards,
classifications, councils, certificates, plans and product records. Each object is kept as its
document of the published JSON contract (:mod:`ocop.json`, the same schemas), beside indexed
columns for what is asked; loading it back gives an object equal to the one saved. The store
never decides what an object means: the weekly questions (certificates in force, expiring or
due for re-evaluation, a plan's progress) are answered by the library's own policies
(:mod:`ocop.certificate`, :mod:`ocop.plan`) on the documents that the database filters.

What it promises:

* an import is one transaction: a bad line refuses the whole file with every problem listed,
  or, when the caller asks, the good lines are kept and the bad ones returned; a process killed
  in the middle leaves the database as it was;
* a write made on a stale copy is refused (:class:`~ocop.errors.StaleWriteError`), and an
  application's history is only ever appended to (:class:`~ocop.errors.HistoryRewriteError`);
* importing the same file twice adds nothing (documents are keyed by their identifiers);
* a document is read back as the contract reads it: by the domain classes' constructors alone
  when its text is the one the store wrote (its digest intact), through the whole contract
  otherwise, so that one edited in the database into something invalid is refused;
* only parameterised SQL;
* the schema carries its version and upgrades itself forward; a database written by a newer
  ``ocop`` is refused (:class:`~ocop.errors.SchemaVersionError`).

It needs the ``store`` extra (SQLAlchemy 2, and pg8000 for PostgreSQL):
``pip install 'ocop[store]'``.

>>> from ocop import Product, Subject
>>> with Store.open(":memory:") as store:
...     stored = store.add(Subject(id="s1", name="HTX Trà Xạ Đen", kind="cooperative"))
...     _ = store.add(Product(id="p1", name="Trà xạ đen", decision="1048", set_no=13,
...                           subject_id="s1"))
...     [product.name for product in store.search("tra xa den")]
['Trà xạ đen']
"""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import json as _json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Final, Generic, NamedTuple, Self, TypeVar

import attrs

try:
    import sqlalchemy as sa
    from sqlalchemy import event
    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.pool import StaticPool
except ModuleNotFoundError as missing:  # pragma: no cover - exercised in a subprocess
    raise ModuleNotFoundError(
        "ocop.store needs SQLAlchemy 2: install the extra with pip install 'ocop[store]'",
        name=missing.name,
    ) from missing

from ocop import _structure
from ocop import json as ocop_json
from ocop._reach import reach
from ocop._text import fold
from ocop.calendar import as_date
from ocop.certificate import Certificate, due_for_reevaluation, expiring_within, valid_on
from ocop.council import Council
from ocop.errors import (
    DocumentError,
    HistoryRewriteError,
    OcopError,
    Problem,
    SchemaVersionError,
    StaleWriteError,
    StoreError,
)
from ocop.places import Era
from ocop.plan import Plan, ProductRecord, Progress, progress
from ocop.product import Product
from ocop.ranking import Classification
from ocop.regulation import Level
from ocop.subject import Address, Subject

__all__ = ["SCHEMA_VERSION", "ImportReport", "Store", "Stored"]

T = TypeVar("T")

_SEP: Final = "\x1f"
"""Joins the parts of a composite document key (the ASCII unit separator)."""

_BATCH: Final = 1000
"""Lines read, checked and written together during an import."""

_LOCK: Final = 0x6F636F70
"""The PostgreSQL advisory lock held while a schema is upgraded ("ocop" in ASCII)."""

_CACHED: Final = 50_000
"""Objects a store remembers having read, at most."""

# -- the tables --------------------------------------------------------------------------------

_metadata = sa.MetaData()


def _documents(name: str, *columns: sa.Column[Any], digest: bool = True) -> sa.Table:
    """A table of documents: key, indexed columns, the JSON document and its version, and
    (unless ``digest`` is false) the digest of the document's text as the store wrote it."""
    return sa.Table(
        name,
        _metadata,
        sa.Column("id", sa.Text, primary_key=True),
        *columns,
        *((sa.Column("digest", sa.Text),) if digest else ()),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )


_meta = sa.Table(
    "ocop_meta",
    _metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
_subjects = _documents(
    "subjects",
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("name_folded", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("tax_code", sa.Text),
)
_products = _documents(
    "products",
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("name_folded", sa.Text, nullable=False),
    sa.Column("subject_id", sa.Text, nullable=False, index=True),
    sa.Column("decision", sa.Text, nullable=False),
    sa.Column("set_no", sa.Integer, nullable=False),
    sa.Column("code", sa.Text),
    sa.Column("placed", sa.Boolean, nullable=False),
)
_places = sa.Table(
    "places",
    _metadata,
    sa.Column("owner", sa.Text, primary_key=True),
    sa.Column("owner_id", sa.Text, primary_key=True),
    sa.Column("era", sa.Text, primary_key=True),
    sa.Column("level", sa.Text, primary_key=True),
    sa.Column("code", sa.Text, primary_key=True),
    # Covering, so that the owners of a unit are read from the index alone.
    sa.Index("places_unit", "code", "level", "era", "owner", "owner_id"),
)
_applications = _documents(
    "applications",
    sa.Column("product_id", sa.Text, nullable=False, index=True),
    sa.Column("subject_id", sa.Text, nullable=False),
    sa.Column("state", sa.Text, nullable=False),
    sa.Column("level", sa.Text),
    sa.Column("filed_on", sa.Date),
    digest=False,
)
_events = sa.Table(
    "application_events",
    _metadata,
    sa.Column("application_id", sa.Text, primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("on", sa.Date, nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("after", sa.Text, nullable=False),
    sa.Column("document", sa.Text, nullable=False),
)
_cards = _documents(
    "score_cards",
    sa.Column("product", sa.Text, nullable=False, index=True),
    sa.Column("member", sa.Text, nullable=False),
    sa.Column("decision", sa.Text, nullable=False),
    sa.Column("set_no", sa.Integer, nullable=False),
    digest=False,
)
_results = _documents(
    "results",
    sa.Column("product", sa.Text, nullable=False, index=True),
    sa.Column("decision", sa.Text, nullable=False),
    sa.Column("set_no", sa.Integer, nullable=False),
    sa.Column("star", sa.Integer),
    sa.Column("score", sa.Text, nullable=False),
)
_councils = _documents("councils", sa.Column("level", sa.Text, nullable=False))
_certificates = _documents(
    "certificates",
    sa.Column("product_id", sa.Text, nullable=False, index=True),
    sa.Column("subject_id", sa.Text, nullable=False, index=True),
    sa.Column("stars", sa.Integer, nullable=False),
    sa.Column("level", sa.Text, nullable=False),
    sa.Column("issued_on", sa.Date, nullable=False),
    sa.Column("expires_on", sa.Date, nullable=False, index=True),
    sa.Column("ended_on", sa.Date),
)
_plans = _documents(
    "plans",
    sa.Column("province_code", sa.Text, nullable=False),
    sa.Column("era", sa.Text, nullable=False),
)
_records = _documents(
    "product_records",
    sa.Column("product_id", sa.Text, nullable=False, index=True),
    sa.Column("subject_id", sa.Text, nullable=False, index=True),
    sa.Column("placed", sa.Boolean, nullable=False),
)

# -- the kinds of document kept ----------------------------------------------------------------


def _first_day(record: ProductRecord) -> str:
    days = (record.registered_on, record.proposed_on, record.evaluated_on, record.certified_on)
    return next((day.isoformat() for day in days if day is not None), "")


def _ended_on(cert: Certificate) -> dt.date | None:
    ends = [day for day in (cert.superseded_on,) if day is not None]
    if cert.revocation is not None:
        ends.append(cert.revocation.decided_on)
    return min(ends) if ends else None


@attrs.frozen
class _Kind:
    """How one kind of document is kept: its table, its key and its indexed columns."""

    name: str
    table: sa.Table
    key: Callable[[Any], str]
    columns: Callable[[Any], dict[str, Any]]

    @property
    def digested(self) -> bool:
        """Whether each document's digest is kept (see :func:`_digest`)."""
        return "digest" in self.table.c


_CLASSES: Final[dict[str, type]] = {
    "subject": Subject,
    "product": Product,
    "result": Classification,
    "council": Council,
    "certificate": Certificate,
    "plan": Plan,
    "product_record": ProductRecord,
}
"""The class of each kind whose documents keep their digest."""

_KINDS: Final = {
    kind.name: kind
    for kind in (
        _Kind(
            "subject",
            _subjects,
            lambda s: s.id,
            lambda s: {
                "name": s.name,
                "name_folded": fold(s.name),
                "kind": s.kind.value,
                "tax_code": s.tax_code,
            },
        ),
        _Kind(
            "product",
            _products,
            lambda p: p.id,
            lambda p: {
                "name": p.name,
                "name_folded": fold(p.name),
                "subject_id": p.subject_id,
                "decision": p.decision,
                "set_no": p.set_no,
                "code": None if p.code is None else p.code.format(),
                "placed": p.place is not None,
            },
        ),
        _Kind(
            "application",
            _applications,
            lambda a: a.id,
            lambda a: {
                "product_id": a.product.id,
                "subject_id": a.dossier.subject.id,
                "state": a.state.value,
                "level": None if a.level is None else a.level.value,
                "filed_on": a.filed_on,
            },
        ),
        _Kind(
            "score_card",
            _cards,
            lambda c: _SEP.join((c.product, c.member, c.decision)),
            lambda c: {
                "product": c.product,
                "member": c.member,
                "decision": c.decision,
                "set_no": c.set_no,
            },
        ),
        _Kind(
            "result",
            _results,
            lambda r: _SEP.join((r.product, r.decision)),
            lambda r: {
                "product": r.product,
                "decision": r.decision,
                "set_no": r.set_no,
                "star": None if r.star is None else r.star.stars,
                "score": str(r.score),
            },
        ),
        _Kind("council", _councils, lambda c: c.id, lambda c: {"level": c.level.value}),
        _Kind(
            "certificate",
            _certificates,
            lambda c: c.number,
            lambda c: {
                "product_id": c.product_id,
                "subject_id": c.subject_id,
                "stars": c.stars.stars,
                "level": c.level.value,
                "issued_on": c.issued_on,
                "expires_on": c.expires_on,
                "ended_on": _ended_on(c),
            },
        ),
        _Kind(
            "plan",
            _plans,
            lambda p: _SEP.join((p.issuer, p.number)),
            lambda p: {"province_code": p.province_code, "era": p.era.value},
        ),
        _Kind(
            "product_record",
            _records,
            lambda r: _SEP.join((r.product.id, _first_day(r))),
            lambda r: {
                "product_id": r.product.id,
                "subject_id": r.product.subject_id,
                "placed": r.product.place is not None,
            },
        ),
    )
}

# -- the schema's versions ---------------------------------------------------------------------


def _step_tables(conn: Connection) -> None:
    """Version 1: every table, keyed, with the indexes its look-ups by key need."""
    _metadata.create_all(conn)


def _step_name_indexes(conn: Connection) -> None:
    """Version 2: the folded names indexed, for the name search."""
    conn.execute(
        sa.text("CREATE INDEX IF NOT EXISTS subjects_name_folded ON subjects (name_folded)")
    )
    conn.execute(
        sa.text("CREATE INDEX IF NOT EXISTS products_name_folded ON products (name_folded)")
    )


def _step_digests(conn: Connection) -> None:
    """Version 3: each document's digest (see :func:`_trusted`). The documents kept before are
    read through the whole contract once, here; each one it accepts gets its digest, and one it
    refuses is left without (it is refused, as before, whenever it is read)."""
    for kind in _KINDS.values():
        if not kind.digested:
            continue
        table = kind.table
        found = {column["name"] for column in sa.inspect(conn).get_columns(table.name)}
        if "digest" not in found:
            conn.execute(sa.text(f'ALTER TABLE "{table.name}" ADD COLUMN digest TEXT'))
        change = (
            table.update()
            .where(table.c.id == sa.bindparam("_key"))
            .values(digest=sa.bindparam("_digest"))
        )
        last = ""
        while True:
            rows = conn.execute(
                sa.select(table.c.id, table.c.document)
                .where(table.c.digest.is_(None), table.c.id > last)
                .order_by(table.c.id)
                .limit(_BATCH)
            ).all()
            if not rows:
                break
            last = rows[-1].id
            checked = []
            for key, text in rows:
                try:
                    ocop_json.load(kind.name, _json.loads(text))
                except (OcopError, ValueError):
                    continue
                checked.append({"_key": key, "_digest": _digest(text)})
            if checked:
                conn.execute(change, checked)


_STEPS: Final[tuple[Callable[[Connection], None], ...]] = (
    _step_tables,
    _step_name_indexes,
    _step_digests,
)

SCHEMA_VERSION: Final = len(_STEPS)
"""The version of the database schema this library writes; older ones are upgraded."""


def _stored_version(conn: Connection) -> int:
    if not sa.inspect(conn).has_table(_meta.name):
        return 0
    value = conn.execute(
        sa.select(_meta.c.value).where(_meta.c.key == "schema_version")
    ).scalar_one_or_none()
    return 0 if value is None else int(value)


def _upgrade(conn: Connection, to: int = SCHEMA_VERSION) -> int:
    """Run the schema's steps from the stored version up to ``to``; the version found."""
    found = _stored_version(conn)
    if found > SCHEMA_VERSION:
        raise SchemaVersionError(
            Problem(
                code="store.newer_schema",
                path="$.schema_version",
                value=found,
                message_vi=f"Cơ sở dữ liệu có lược đồ phiên bản {found}, mới hơn phiên bản "
                f"{SCHEMA_VERSION} mà thư viện ocop này hiểu; hãy nâng cấp ocop",
                message_en=f"the database has schema version {found}, newer than the version "
                f"{SCHEMA_VERSION} this ocop understands; upgrade ocop",
            )
        )
    if found >= to:
        return found
    if found == 0:
        _meta.create(conn, checkfirst=True)
    for step in _STEPS[found:to]:
        step(conn)
    values = {"key": "schema_version", "value": str(to)}
    if found == 0:
        conn.execute(_meta.insert(), values)
    else:
        conn.execute(_meta.update().where(_meta.c.key == "schema_version").values(value=str(to)))
    return found


# -- what the store gives back -----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Stored(Generic[T]):
    """An object as the store keeps it, with the version its next update must name.

    Attributes:
        kind: the kind of document (``"application"``).
        id: its key in the store.
        version: its version: 1 when added, one more on each update.
        value: the domain object.
    """

    kind: str
    id: str
    version: int
    value: T


@attrs.frozen(kw_only=True)
class ImportReport:
    """What an import did.

    Attributes:
        kind: the kind of document imported.
        added: documents new to the store.
        updated: documents replaced, or applications whose history grew.
        unchanged: documents already stored as they are in the file.
        refused: the problems of the lines left out (only when the good lines were kept),
            each at its line (``$[12].set_no`` is line 13).
    """

    kind: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: tuple[Problem, ...] = ()


def _problem(code: str, path: str, value: object, vi: str, en: str) -> Problem:
    return Problem(code=code, path=path, value=value, message_vi=vi, message_en=en)


def _not_found(kind: str, key: str) -> StoreError:
    return StoreError(
        _problem(
            "store.not_found",
            "$.id",
            key,
            f"Không có {kind} '{key}' trong cơ sở dữ liệu",
            f"no {kind} '{key}' is stored",
        )
    )


def _stale(kind: str, key: str, version: int) -> StaleWriteError:
    return StaleWriteError(
        _problem(
            "store.stale_write",
            "$.version",
            version,
            f"{kind} '{key}' đã được người khác cập nhật sau phiên bản {version}; hãy đọc lại "
            "bản mới nhất rồi sửa trên đó",
            f"{kind} '{key}' was updated by someone else after version {version}; read the "
            "latest copy and make the change on it",
        )
    )


def _already(kind: str, key: str) -> StaleWriteError:
    return StaleWriteError(
        _problem(
            "store.already_stored",
            "$.id",
            key,
            f"{kind} '{key}' đã có trong cơ sở dữ liệu với nội dung khác; hãy cập nhật từ bản "
            "đã lưu",
            f"{kind} '{key}' is already stored with other content; update it from its stored copy",
        )
    )


def _cannot_open(target: str | os.PathLike[str], error: BaseException) -> StoreError:
    shown = sa.engine.make_url(_url(target)).render_as_string() if "://" in str(target) else target
    return StoreError(
        _problem(
            "store.cannot_open",
            "$",
            str(shown),
            f"Không mở được cơ sở dữ liệu {shown}: {error}",
            f"cannot open the database {shown}: {error}",
        )
    )


def _rewritten(key: str, seq: int) -> HistoryRewriteError:
    return HistoryRewriteError(
        _problem(
            "store.history_rewritten",
            f"$.events[{seq}]",
            key,
            f"Hồ sơ '{key}': sự kiện thứ {seq + 1} khác với sự kiện đã lưu; lịch sử hồ sơ chỉ "
            "được ghi thêm, không được sửa",
            f"application '{key}': event {seq + 1} differs from the stored one; a dossier's "
            "history is only ever appended to",
        )
    )


# -- encoding documents ------------------------------------------------------------------------

_encode: Final = _json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class _Row(NamedTuple):
    """One document ready to be written: its key and JSON text, the values of its ``INSERT``
    (key, indexed columns in the table's order, text, version 1), the names of those columns
    and, for applications, its events; the object itself only when writing needs it."""

    key: str
    text: str
    params: tuple[Any, ...]
    names: tuple[str, ...]
    events: tuple[dict[str, Any], ...] = ()
    value: Any = None

    @property
    def columns(self) -> dict[str, Any]:
        return dict(zip(self.names, self.params[1:-2], strict=True))


def _row(kind: _Kind, value: Any, text: str | None = None) -> _Row:
    """The row of ``value``; ``text`` is its document's JSON text when already known."""
    events: tuple[dict[str, Any], ...] = ()
    if kind.name == "application":
        document = ocop_json.dump(value)
        events = tuple(document.pop("events"))
        text = _encode(document)
    elif text is None:
        text = _encode(ocop_json.dump(value))
    # Rows of an import wait in batches; those whose object is not needed to write them let it
    # go at once (a season's cards would otherwise keep the garbage collector busy).
    kept = value if kind.name in _PLACED or kind.name == "application" else None
    key, columns = kind.key(value), kind.columns(value)
    if kind.digested:
        columns["digest"] = _digest(text)
    return _Row(key, text, (key, *columns.values(), text, 1), tuple(columns), events, kept)


def _digests(table: sa.Table) -> Any:
    """The column of a table's digests, or ``NULL`` for a table that keeps none."""
    return table.c.digest if "digest" in table.c else sa.null().label("digest")


def _digest(text: str) -> str:
    """The digest the store keeps beside a document it wrote: BLAKE2b (RFC 7693, 16 bytes) of
    its text in UTF-8. A text changed in the database by anything else no longer matches it."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _trusted(kind: _Kind, text: str, digest: str | None) -> Any:
    """The object of a document's text: read by the domain classes' constructors alone when
    the text is the one the store wrote (its digest matches), else through the whole contract.

    A document the store wrote was checked by the contract (an imported line) or is the
    contract's text of an object its constructors made (an added one); the constructors still
    check every value of it. Anything else, a text edited in the database above all, goes
    through the contract (:func:`ocop.json.load`: limits, schema, constructors), which refuses
    it with every problem (``DocumentError``).
    """
    data = _json.loads(text)
    if digest is not None and digest == _digest(text):
        value = _structure.build(_CLASSES[kind.name], data)
        if value is not None:
            return value
    return ocop_json.load(kind.name, data)


def _own_text(line: str | bytes) -> str | None:
    """The text of a line the contract accepted, to be kept as its document's JSON; ``None``
    when it must be written anew: bytes in another encoding than UTF-8 (which the contract
    detects, RFC 8259 §8.1) or a byte order mark. Any other accepted line reads back as the
    contract read it: the same decoding of the same JSON value, whitespace around it aside."""
    if isinstance(line, bytes):
        if b"\x00" in line[:4]:
            return None  # UTF-16 or UTF-32 without a byte order mark, as json.detect_encoding
        try:
            line = line.decode()
        except UnicodeDecodeError:
            return None
    text = line.strip()
    return None if text.startswith("\ufeff") else text


_PLACED: Final = frozenset({"product", "subject", "product_record"})


def _value(kind: _Kind, row: _Row) -> Any:
    """The object a row was made from (read again from its text if the row let it go)."""
    if row.value is not None:
        return row.value
    return ocop_json.load(kind.name, _json.loads(row.text))


def _event_rows(key: str, events: Sequence[dict[str, Any]], start: int) -> list[dict[str, Any]]:
    return [
        {
            "application_id": key,
            "seq": seq,
            "on": dt.date.fromisoformat(event["on"]),
            "action": event["action"],
            "actor": event["actor"],
            "after": event["after"],
            "document": _encode(event),
        }
        for seq, event in enumerate(events[start:], start)
    ]


def _place_rows(owner: str, key: str, place: Address | None) -> list[dict[str, Any]]:
    if place is None:
        return []
    where = reach(place)
    rows = []
    for era in Era:
        for level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):
            for code in sorted(where.units(era, level)):
                rows.append(
                    {
                        "owner": owner,
                        "owner_id": key,
                        "era": era.value,
                        "level": level.value,
                        "code": code,
                    }
                )
    return rows


def _kind_named(name: str) -> _Kind:
    if name not in _KINDS:
        known = ", ".join(sorted(_KINDS))
        raise StoreError(
            _problem(
                "store.unknown_kind",
                "$",
                name,
                f"Cơ sở dữ liệu không lưu loại tài liệu '{name}'; các loại: {known}",
                f"the store keeps no kind of document '{name}'; kinds: {known}",
            )
        )
    return _KINDS[name]


def _kind_of(value: object) -> _Kind:
    return _kind_named(ocop_json.kind_of(value))


def _insert_rows(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows, parameterised."""
    conn.execute(table.insert(), rows)


def _insert_documents(conn: Connection, table: sa.Table, rows: Sequence[_Row]) -> None:
    """Insert new documents at version 1, parameterised; on SQLite, rows of text and numbers go
    straight through the driver's ``executemany`` on the transaction's own connection, which
    spares SQLAlchemy's per-row work on the large imports."""
    statement = None
    if conn.dialect.name == "sqlite":
        statement = _plain_insert(table, rows[0].names)
    if statement is None:
        _insert_rows(
            conn,
            table,
            [{"id": row.key, **row.columns, "document": row.text, "version": 1} for row in rows],
        )
        return
    _executemany(conn, statement, [row.params for row in rows])


def _executemany(conn: Connection, statement: str, params: list[tuple[Any, ...]]) -> None:
    """One prepared statement for every row, by the DBAPI cursor of the transaction's own
    connection (SQLite's: no rows are counted or returned)."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(statement, params)
    finally:
        cursor.close()


_PLAIN_INSERTS: Final[dict[tuple[str, tuple[str, ...]], str | None]] = {}


def _plain_insert(table: sa.Table, columns: tuple[str, ...]) -> str | None:
    """The SQLite ``INSERT`` of a document with these indexed columns, one ``?`` for each value,
    if every column of its table is text or a number; made once per table."""
    key = (table.name, columns)
    if key not in _PLAIN_INSERTS:
        plain = all(isinstance(column.type, (sa.Text, sa.Integer)) for column in table.columns)
        names = ", ".join(f'"{name}"' for name in ("id", *columns, "document", "version"))
        marks = ", ".join("?" for _ in range(len(columns) + 3))
        _PLAIN_INSERTS[key] = (
            f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})' if plain else None
        )
    return _PLAIN_INSERTS[key]


# -- opening -----------------------------------------------------------------------------------


def _url(target: str | os.PathLike[str]) -> str:
    text = os.fspath(target)
    if text == ":memory:":
        return "sqlite://"
    if "://" not in text:
        return f"sqlite:///{text}"
    scheme, _, rest = text.partition("://")
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+{_pg_driver()}://{rest}"
    return text


def _pg_driver() -> str:
    """The PostgreSQL driver to use: psycopg 3 if installed, else pg8000 (the extra's)."""
    import importlib.util

    return "psycopg" if importlib.util.find_spec("psycopg") is not None else "pg8000"


def _engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return sa.create_engine(url)
    memory = url in ("sqlite://", "sqlite:///:memory:")
    engine = sa.create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 30},
        poolclass=StaticPool if memory else None,
    )

    # pysqlite starts transactions itself only before writes; the store starts them, so that a
    # read and the write it leads to are one transaction.
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _: Any) -> None:
        dbapi_connection.isolation_level = None
        # A page cache of 64 MB: an import's B-tree pages stay in memory until it commits.
        dbapi_connection.execute("PRAGMA cache_size = -65536")

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("ocop_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


class Store:
    """Domain objects kept in a SQLite or PostgreSQL database.

    Open one with :meth:`open`; close it with :meth:`close` or a ``with`` block.
    """

    def __init__(self, engine: Engine) -> None:
        """A store on an SQLAlchemy engine whose schema is already current (see :meth:`open`)."""
        self._engine = engine
        # Objects already read, by kind and key, with the text they were read from: the same
        # text always gives the same (immutable) object, so it is read only once.
        self._known: dict[tuple[str, str], tuple[str, Any]] = {}

    @classmethod
    def open(cls, target: str | os.PathLike[str]) -> Self:
        """Open (or create) the store at ``target``, upgrading its schema if it is older.

        Args:
            target: a SQLite file's path, ``":memory:"``, or a database URL
                (``"postgresql://user@host/db"``, ``"sqlite:///ocop.db"``).

        Raises:
            SchemaVersionError: ``store.newer_schema`` if a newer ``ocop`` wrote the database.
            StoreError: ``store.cannot_open`` if the database cannot be reached or created.
        """
        try:
            engine = _engine(_url(target))
        except (sa.exc.ArgumentError, ModuleNotFoundError) as error:
            raise _cannot_open(target, error) from None
        try:
            with engine.connect().execution_options(ocop_write=True) as conn, conn.begin():
                if conn.dialect.name == "postgresql":
                    # Two processes opening a new database at once upgrade it one after the
                    # other (SQLite's BEGIN IMMEDIATE does the same).
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
                _upgrade(conn)
        except sa.exc.DBAPIError as error:
            engine.dispose()
            raise _cannot_open(target, error.orig or error) from None
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        """Close every connection to the database."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The version of the database's schema."""
        with self._engine.connect() as conn:
            return _stored_version(conn)

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._engine.connect().execution_options(ocop_write=True) as conn, conn.begin():
            yield conn

    # -- one object at a time -------------------------------------------------------------------

    def add(self, value: T) -> Stored[T]:
        """Keep a new object; adding one already kept as it is changes nothing.

        Raises:
            StaleWriteError: ``store.already_stored`` when an object with its key is kept with
                other content (update that one instead).
        """
        kind = _kind_of(value)
        row = _row(kind, value)
        with self._write() as conn:
            found = self._current(conn, kind, row.key)
            if found is not None:
                if found.value != value:
                    raise _already(kind.name, row.key)
                return found
            self._insert(conn, kind, [row])
        return Stored(kind=kind.name, id=row.key, version=1, value=value)

    def update(self, stored: Stored[T], value: T) -> Stored[T]:
        """Replace a kept object by its new state, if nobody changed it since ``stored`` was read.

        An application's new state must keep every event of the stored one, in order: its
        history is only appended to.

        Raises:
            StaleWriteError: ``store.stale_write`` when the kept object's version is no longer
                ``stored.version``.
            HistoryRewriteError: ``store.history_rewritten``.
            StoreError: ``store.not_found``; ``store.key_changed`` when ``value`` has another
                key than ``stored``.
        """
        kind = _kind_named(stored.kind)
        row = _row(kind, value)
        if row.key != stored.id or kind is not _kind_of(value):
            raise StoreError(
                _problem(
                    "store.key_changed",
                    "$.id",
                    row.key,
                    f"Đối tượng mới có khoá '{row.key}', khác với '{stored.id}'",
                    f"the new object's key '{row.key}' is not '{stored.id}'",
                )
            )
        with self._write() as conn:
            self._replace(conn, kind, row, stored.version)
        return Stored(kind=kind.name, id=row.key, version=stored.version + 1, value=value)

    def get(self, kind: str, key: str) -> Stored[Any]:
        """The object of ``kind`` kept under ``key``, with its version.

        Raises:
            StoreError: ``store.not_found``.
        """
        found = self.find(kind, key)
        if found is None:
            raise _not_found(kind, key)
        return found

    def find(self, kind: str, key: str) -> Stored[Any] | None:
        """The object of ``kind`` kept under ``key``, or ``None``."""
        with self._engine.connect() as conn:
            return self._current(conn, _kind_named(kind), key)

    def _current(self, conn: Connection, kind: _Kind, key: str) -> Stored[Any] | None:
        table = kind.table
        found = conn.execute(
            sa.select(table.c.document, table.c.version, _digests(table)).where(table.c.id == key)
        ).one_or_none()
        if found is None:
            return None
        value = self._decode(conn, kind, key, found.document, found.digest)
        return Stored(kind=kind.name, id=key, version=found.version, value=value)

    def _decode(
        self, conn: Connection, kind: _Kind, key: str, text: str, digest: str | None
    ) -> Any:
        if kind.name == "application":
            return self._decode_application(conn, key, text)
        known = self._known.get((kind.name, key))
        if known is not None and known[0] == text:
            return known[1]
        value = _trusted(kind, text, digest)
        if len(self._known) >= _CACHED:
            self._known.clear()
        self._known[kind.name, key] = (text, value)
        return value

    def _decode_application(self, conn: Connection, key: str, text: str) -> Any:
        document = _json.loads(text)
        document["events"] = [
            _json.loads(line)
            for line in conn.execute(
                sa.select(_events.c.document)
                .where(_events.c.application_id == key)
                .order_by(_events.c.seq)
            ).scalars()
        ]
        return ocop_json.load("application", document)

    def _insert(self, conn: Connection, kind: _Kind, rows: Sequence[_Row]) -> None:
        if not rows:
            return
        _insert_documents(conn, kind.table, rows)
        places: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        for row in rows:
            places.extend(self._places_of(conn, kind, row))
            if row.events:
                events.extend(_event_rows(row.key, row.events, 0))
        if places:
            conn.execute(_places.insert(), places)
        if events:
            conn.execute(_events.insert(), events)

    def _places_of(self, conn: Connection, kind: _Kind, row: _Row) -> list[dict[str, Any]]:
        if kind.name == "product":
            return _place_rows("product", row.key, row.value.place)
        if kind.name == "subject":
            return _place_rows("subject", row.key, row.value.address)
        if kind.name == "product_record":
            return _place_rows("product_record", row.key, row.value.product.place)
        return []

    def _replace(self, conn: Connection, kind: _Kind, row: _Row, version: int) -> None:
        table = kind.table
        if kind.name == "application":
            self._append_events(conn, row)
        done = conn.execute(
            table.update()
            .where(table.c.id == row.key, table.c.version == version)
            .values(**row.columns, document=row.text, version=table.c.version + 1)
        )
        if done.rowcount != 1:
            exists = conn.execute(sa.select(table.c.id).where(table.c.id == row.key)).first()
            raise _stale(kind.name, row.key, version) if exists else _not_found(kind.name, row.key)
        if kind.name in _PLACED:
            conn.execute(
                _places.delete().where(_places.c.owner == kind.name, _places.c.owner_id == row.key)
            )
            places = self._places_of(conn, kind, row)
            if places:
                conn.execute(_places.insert(), places)

    def _append_events(self, conn: Connection, row: _Row) -> None:
        stored = conn.execute(
            sa.select(_events.c.document)
            .where(_events.c.application_id == row.key)
            .order_by(_events.c.seq)
        ).scalars()
        count = 0
        for seq, text in enumerate(stored):
            if seq >= len(row.events) or _json.loads(text) != row.events[seq]:
                raise _rewritten(row.key, seq)
            count += 1
        rows = _event_rows(row.key, row.events, count)
        if rows:
            conn.execute(_events.insert(), rows)

    # -- many at once -------------------------------------------------------------------------

    def add_all(self, values: Iterable[Any]) -> ImportReport:
        """Keep many objects of one kind in one transaction, as :meth:`import_lines` does.

        Raises:
            ocop.errors.DocumentError: ``store.conflict`` for each object kept with other
                content under its key; nothing is written then.
        """
        items = iter(values)
        first = next(items, None)
        if first is None:
            return ImportReport(kind="")
        kind = _kind_of(first)
        pairs = ((n, _row(kind, value)) for n, value in enumerate((first, *items)))
        return self._import(kind, pairs, keep_good=False, replace=False, progress=None)

    def import_lines(
        self,
        kind: str,
        lines: Iterable[str | bytes],
        *,
        keep_good: bool = False,
        replace: bool = False,
        limits: ocop_json.Limits | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> ImportReport:
        """Import a JSON Lines file of documents of ``kind`` in one transaction.

        Every line is read and checked by the published contract
        (:func:`ocop.json.iter_lines`). A document already kept as it is in the file is left
        alone, so importing the same file twice adds nothing. A document kept with other
        content is a conflict, unless ``replace``; an application whose kept history is the
        start of the file's is updated, its new events appended.

        Args:
            kind: the kind of document on every line (``"score_card"``, ``"product"`` …).
            lines: the lines, as text or bytes.
            keep_good: keep the good lines and return the bad ones' problems; by default one
                bad line refuses the whole file.
            replace: let a line replace a document kept with other content.
            limits: the limits on each line's size and shape.
            progress: called with the number of lines read after each batch is written.

        Raises:
            ocop.errors.DocumentError: every problem of every bad line, each at its line
                (``$[12].set_no`` is line 13), unless ``keep_good``; nothing is written then.
        """
        spec = _kind_named(kind)
        return self._import(
            spec, self._read(spec, lines, limits), keep_good, replace, progress=progress
        )

    @staticmethod
    def _read(
        kind: _Kind, lines: Iterable[str | bytes], limits: ocop_json.Limits | None
    ) -> Iterator[tuple[int, _Row | DocumentError]]:
        # The lines that are not blank, by number, as the contract reads them: it gives one
        # object or error for each, in order.
        pending: collections.deque[tuple[int, str | bytes]] = collections.deque()
        keep = pending.append

        def feed() -> Iterator[str | bytes]:
            for number, line in enumerate(lines):
                if line.strip():
                    keep((number, line))
                yield line

        # A document that is neither placed nor an application is written from its line's own
        # text, and its object let go at once (see _row).
        plain = kind.name not in _PLACED and kind.name != "application"
        key, columns, digested = kind.key, kind.columns, kind.digested
        names: tuple[str, ...] | None = None
        read = ocop_json.iter_lines(kind.name, feed(), limits=limits)
        for item, (number, line) in zip(read, iter(pending.popleft, None), strict=False):
            if isinstance(item, DocumentError):
                yield number, item
                continue
            text = _own_text(line)
            if text is None:
                yield number, _row(kind, item)
            elif plain:
                indexed, id_ = columns(item), key(item)
                if digested:
                    indexed["digest"] = _digest(text)
                if names is None:
                    names = tuple(indexed)
                yield number, _Row(id_, text, (id_, *indexed.values(), text, 1), names)
            else:
                yield number, _row(kind, item, text)

    def _import(
        self,
        kind: _Kind,
        items: Iterable[tuple[int, _Row | DocumentError]],
        keep_good: bool,
        replace: bool,
        progress: Callable[[int], None] | None,
    ) -> ImportReport:
        counts = collections.Counter[str]()
        problems: list[Problem] = []
        read = 0
        with self._write() as conn:
            # Into a table with nothing in it, only the keys this import wrote need a look.
            written: set[str] | None = None
            if conn.execute(sa.select(kind.table.c.id).limit(1)).first() is None:
                written = set()
            batch: list[tuple[int, _Row]] = []
            for number, item in items:
                read = number + 1
                if isinstance(item, DocumentError):
                    problems.extend(item.problems)
                else:
                    batch.append((number, item))
                if len(batch) >= _BATCH:
                    problems.extend(self._flush(conn, kind, batch, replace, counts, written))
                    batch = []
                    if progress is not None:
                        progress(read)
            problems.extend(self._flush(conn, kind, batch, replace, counts, written))
            if progress is not None:
                progress(read)
            if problems and not keep_good:
                conn.rollback()
                raise DocumentError(problems)
        return ImportReport(
            kind=kind.name,
            added=counts["added"],
            updated=counts["updated"],
            unchanged=counts["unchanged"],
            refused=tuple(problems),
        )

    def _flush(
        self,
        conn: Connection,
        kind: _Kind,
        batch: Sequence[tuple[int, _Row]],
        replace: bool,
        counts: collections.Counter[str],
        written: set[str] | None,
    ) -> list[Problem]:
        """Write one batch of good lines; the problems of those that conflict."""
        if not batch:
            return []
        table = kind.table
        seen: dict[str, _Row] = {}
        keys = list({row.key: None for _, row in batch})
        asked = keys if written is None else [key for key in keys if key in written]
        if written is not None:
            written.update(keys)
        kept: dict[str, tuple[str, int, str | None]] = {}
        for start in range(0, len(asked), 500):
            chunk = asked[start : start + 500]
            kept.update(
                (key, (document, version, digest))
                for key, document, version, digest in conn.execute(
                    sa.select(table.c.id, table.c.document, table.c.version, _digests(table)).where(
                        table.c.id.in_(chunk)
                    )
                )
            )
        problems: list[Problem] = []
        new: list[_Row] = []
        if not kept and len(keys) == len(batch):
            # Nothing of this batch is kept yet, and no key repeats within it.
            self._insert(conn, kind, [row for _, row in batch])
            counts["added"] += len(batch)
            return []
        for number, row in batch:
            earlier = seen.get(row.key)
            if earlier is not None:
                if not self._same(kind, earlier, row):
                    problems.append(self._conflict(kind, row.key, number))
                else:
                    counts["unchanged"] += 1
                continue
            seen[row.key] = row
            if row.key not in kept:
                new.append(row)
                counts["added"] += 1
                continue
            document, version, digest = kept[row.key]
            if row.text == document and not row.events:
                counts["unchanged"] += 1
            elif kind.name == "application":
                stored = self._decode(conn, kind, row.key, document, digest)
                if stored == row.value:
                    counts["unchanged"] += 1
                    continue
                try:
                    self._replace(conn, kind, row, version)
                except HistoryRewriteError as error:
                    problems.extend(p.under(f"$[{number}]") for p in error.problems)
                    continue
                counts["updated"] += 1
            elif self._decode(conn, kind, row.key, document, digest) == _value(kind, row):
                counts["unchanged"] += 1
            elif replace:
                self._replace(conn, kind, row, version)
                counts["updated"] += 1
            else:
                problems.append(self._conflict(kind, row.key, number))
        self._insert(conn, kind, new)
        return problems

    @staticmethod
    def _same(kind: _Kind, one: _Row, other: _Row) -> bool:
        same_text = one.text == other.text and one.events == other.events
        return bool(same_text or _value(kind, one) == _value(kind, other))

    @staticmethod
    def _conflict(kind: _Kind, key: str, number: int) -> Problem:
        return _problem(
            "store.conflict",
            f"$[{number}]",
            key,
            f"{kind.name} '{key}' đã có trong cơ sở dữ liệu (hoặc ở dòng trước) với nội dung khác",
            f"{kind.name} '{key}' is already stored (or on an earlier line) with other content",
        )

    # -- reading many ---------------------------------------------------------------------------

    def all(self, kind: str) -> Iterator[Any]:
        """Every object of ``kind``, in the order of their keys."""
        spec = _kind_named(kind)
        return iter(self._load(spec, sa.true()))

    def _load(self, kind: _Kind, where: Any, order: Any = None) -> list[Any]:
        table = kind.table
        query = sa.select(table.c.id, table.c.document, _digests(table)).where(where)
        query = query.order_by(order if order is not None else table.c.id)
        with self._engine.connect() as conn:
            return [
                self._decode(conn, kind, key, document, digest)
                for key, document, digest in conn.execute(query).all()
            ]

    def products_of(self, subject_id: str) -> tuple[Product, ...]:
        """The products of a subject, by name."""
        kind = _KINDS["product"]
        return tuple(
            self._load(kind, _products.c.subject_id == subject_id, _products.c.name_folded)
        )

    def search(self, name: str, *, kind: str = "product") -> tuple[Any, ...]:
        """Products (or subjects, with ``kind="subject"``) whose name contains ``name``,
        whatever its diacritics, case or spacing ("tra xa den" finds "Trà xạ đen").
        """
        spec = _kind_named(kind)
        if spec.name not in ("product", "subject"):
            raise ValueError("only products and subjects are searched by name")
        words = fold(name)
        if not words:
            return ()
        escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        column = spec.table.c.name_folded
        return tuple(self._load(spec, column.like(f"%{escaped}%", escape="\\"), column))

    # -- where ----------------------------------------------------------------------------------

    @staticmethod
    def _unit(
        owner: str, era: Era | str, province: str | None, district: str | None, commune: str | None
    ) -> Any:
        """The owners of ``owner`` kind placed in the unit named (``None``: no condition)."""
        chosen = [
            (level, code)
            for level, code in (
                (Level.COMMUNE, commune),
                (Level.DISTRICT, district),
                (Level.PROVINCE, province),
            )
            if code is not None
        ]
        if not chosen:
            return None
        level, code = chosen[0]
        return sa.select(_places.c.owner_id).where(
            _places.c.owner == owner,
            _places.c.era == Era(era).value,
            _places.c.level == level.value,
            _places.c.code == code,
        )

    def _products_in(
        self,
        era: Era | str,
        province: str | None,
        district: str | None,
        commune: str | None,
        table: sa.Table = _products,
        owner: str = "product",
    ) -> Any:
        """Products (or records) placed in the unit: by their place, or by their subject's if
        they have none; ``None`` when no unit is named."""
        own = self._unit(owner, era, province, district, commune)
        if own is None:
            return None
        owners = self._unit("subject", era, province, district, commune)
        # Two selects joined, each led by an index, rather than one with OR.
        by_subject = sa.select(table.c.id).where(
            table.c.subject_id.in_(owners), sa.not_(table.c.placed)
        )
        return sa.union(own, by_subject)

    def _certificates(
        self,
        on: dt.date,
        *,
        era: Era | str,
        province: str | None,
        district: str | None,
        commune: str | None,
        until: dt.date | None = None,
    ) -> list[Certificate]:
        """Certificates that may be in force on ``on``: issued, not ended, expiring at most
        a year before (the longest grace) and, with ``until``, no later than it."""
        table = _certificates
        day = as_date(on)
        conditions = [
            table.c.issued_on <= day,
            sa.or_(table.c.ended_on.is_(None), table.c.ended_on > day),
            table.c.expires_on >= day.subtract(years=1),
        ]
        if until is not None:
            conditions.append(table.c.expires_on <= until)
        products = self._products_in(era, province, district, commune)
        if products is not None:
            # A certificate counts where its product does; one whose product is not kept,
            # where its subject sits.
            subjects = self._unit("subject", era, province, district, commune)
            orphans = sa.select(table.c.id).where(
                table.c.subject_id.in_(subjects),
                ~sa.exists().where(_products.c.id == table.c.product_id),
            )
            placed = sa.select(table.c.id).where(table.c.product_id.in_(products))
            conditions.append(table.c.id.in_(sa.union(placed, orphans)))
        return self._load(_KINDS["certificate"], sa.and_(*conditions))

    def in_force(
        self,
        on: dt.date,
        *,
        era: Era | str = Era.PRESENT,
        province: str | None = None,
        district: str | None = None,
        commune: str | None = None,
    ) -> tuple[Certificate, ...]:
        """Certificates in force on ``on`` (:func:`ocop.certificate.valid_on`), in a unit.

        Args:
            on: the day.
            era: the era of the unit's code (``"present"`` by default, or ``"legacy"``).
            province: a province's code; ``district`` (legacy) and ``commune`` narrow it.
            district: a legacy district's code.
            commune: a commune's code.
        """
        found = self._certificates(
            on, era=era, province=province, district=district, commune=commune
        )
        return valid_on(found, on)

    def expiring(
        self,
        on: dt.date,
        months: int,
        *,
        era: Era | str = Era.PRESENT,
        province: str | None = None,
        district: str | None = None,
        commune: str | None = None,
    ) -> tuple[Certificate, ...]:
        """Certificates in force on ``on`` that expire within ``months`` months, soonest first
        (:func:`ocop.certificate.expiring_within`); the unit as for :meth:`in_force`."""
        until = as_date(on).add(months=months, days=1)
        found = self._certificates(
            on, era=era, province=province, district=district, commune=commune, until=until
        )
        return expiring_within(found, on, months)

    def due_for_reevaluation(
        self,
        on: dt.date,
        *,
        era: Era | str = Era.PRESENT,
        province: str | None = None,
        district: str | None = None,
        commune: str | None = None,
    ) -> tuple[Certificate, ...]:
        """Certificates whose holders must file their re-evaluation on ``on`` (Art. 7.6.a;
        :func:`ocop.certificate.due_for_reevaluation`); the unit as for :meth:`in_force`."""
        day = as_date(on)
        found = self._certificates(
            day,
            era=era,
            province=province,
            district=district,
            commune=commune,
            until=day.add(years=1),
        )
        return due_for_reevaluation(found, day)

    def star_distribution(
        self,
        *,
        era: Era | str = Era.PRESENT,
        province: str | None = None,
        district: str | None = None,
        commune: str | None = None,
    ) -> dict[str, dict[int | None, int]]:
        """How many products each star was given, per decision, from the kept classifications
        of the unit's products (``None`` counts the eliminated ones).

        Returns:
            ``{decision: {star: products}}``, decisions and stars in order.
        """
        table = _results
        query = sa.select(table.c.decision, table.c.star, sa.func.count()).group_by(
            table.c.decision, table.c.star
        )
        products = self._products_in(era, province, district, commune)
        if products is not None:
            query = query.where(table.c.product.in_(products))
        found: dict[str, dict[int | None, int]] = {}
        with self._engine.connect() as conn:
            rows = conn.execute(query).all()
        for decision, star, count in sorted(rows, key=lambda r: (r[0], r[1] or 0)):
            found.setdefault(decision, {})[star] = count
        return found

    def progress(self, issuer: str, number: str, *, on: dt.date | str) -> Progress:
        """A kept plan's progress on ``on``, from the kept product records and subjects
        (:func:`ocop.plan.progress`).

        Raises:
            StoreError: ``store.not_found``.
        """
        plan: Plan = self.get("plan", _SEP.join((issuer, number))).value
        placed = self._products_in(
            plan.era, plan.province_code, None, None, _records, "product_record"
        )
        records = self._load(_KINDS["product_record"], _records.c.id.in_(placed))
        # The policy places a product by its subject only when it has no place of its own.
        owners = {r.product.subject_id for r in records if r.product.place is None}
        subjects = (
            self._load(_KINDS["subject"], _subjects.c.id.in_(sorted(owners))) if owners else []
        )
        return progress(plan, records, on=on, subjects=subjects)
