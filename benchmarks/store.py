"""A national season kept in SQLite, measured against a bare ``executemany`` (``make bench``).

Imports the benchmark's season (``_generate.py``: 20,000 products, 160,000 score cards) into a
new SQLite file with :meth:`ocop.store.Store.import_lines` (one transaction, every line checked
by the published contract), and writes the very same rows into the very same tables with a bare
``sqlite3`` ``executemany``, in the same run. The two sides:

* the import is given the file's lines as bytes in memory, on a store already opened (its
  tables made); timed is everything ``import_lines`` does: each line read and checked by
  ``ocop.json.iter_lines`` (the score cards' fast path), its row made (key, indexed columns,
  the line's own text), a look into the empty table, one ``executemany`` per batch of 1,000
  lines on the transaction's own ``sqlite3`` connection, the commit;
* the bare insert is given the rows already made, as the tuples the import stored (read back
  from its file before the clock starts), on a new file with the same tables and indexes and
  the same page cache; timed are ``BEGIN IMMEDIATE``, one ``executemany`` of the same
  ``INSERT`` and the ``COMMIT``: no line is read, nothing is checked.

One more import, instrumented (each part's clock read around it, so it is not one of the timed
runs), says where an import's time goes, per card: the contract's read, each line's row, the
driver's ``executemany``, the look at the keys, the ``COMMIT``. With ``--overlap`` it also times
the store's rows written three ways after the same read, in one transaction each: in the
reading thread (as the import does), by a writer thread running ``executemany`` on each batch
while the reader checks the next one, and by a writer thread handing SQLite each batch as one
JSON text (``INSERT … SELECT … FROM json_each(?)``, one step per batch).

Then it keeps what a provincial office keeps of
that season (a subject, a product with its place and a classification per product, a
certificate for each product of 3★ or more, a product record each, a plan per commune of one
province) and times the weekly questions, each the median of several runs: cold, on a store
that remembers no document it read, so that every document the question needs is read from
its stored JSON text (by the domain classes' constructors, the text being the one the store
wrote: see ``docs/store.md``); warm, on the documents already read.

Usage::

    python benchmarks/store.py                  # 20,000 products, 160,000 cards
    python benchmarks/store.py --products 2000
    python benchmarks/store.py --products 2000 --overlap   # and the writer threads
"""

from __future__ import annotations

import argparse
import json
import queue
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import season  # noqa: E402
from ocop import (  # noqa: E402
    Address,
    Certificate,
    DateRange,
    Plan,
    Product,
    ProductRecord,
    Subject,
    each_commune,
    places,
    progress,
)
from ocop import json as ocop_json  # noqa: E402
from ocop import store as ocop_store  # noqa: E402
from ocop.calendar import date  # noqa: E402
from ocop.certificate import valid_on  # noqa: E402
from ocop.store import Store  # noqa: E402

TARGETS = {"import": 2.0, "query": 50.0}  # import ÷ executemany; ms per weekly question
ON = date(2026, 6, 1)
PROVINCE = "91"  # An Giang, present era


def median_time(call: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_season(lines: list[bytes], folder: Path, run: int) -> float:
    path = folder / f"import-{run}.db"
    store = Store.open(path)
    start = time.perf_counter()
    report = store.import_lines("score_card", lines, keep_good=True)
    spent = time.perf_counter() - start
    store.close()
    assert report.added + len(report.refused) >= len(lines) * 0.99, report
    return spent


def bare_executemany(rows: list[tuple[Any, ...]], folder: Path, run: int) -> float:
    """The same rows into the same (empty) tables with sqlite3 alone, in one transaction."""
    path = folder / f"bare-{run}.db"
    Store.open(path).close()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA cache_size = -65536")  # as the store sets it
    start = time.perf_counter()
    db.execute("BEGIN IMMEDIATE")
    db.executemany(
        "INSERT INTO score_cards (id, product, member, decision, set_no, document, version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    db.execute("COMMIT")
    spent = time.perf_counter() - start
    db.close()
    return spent


INSERT = (
    "INSERT INTO score_cards (id, product, member, decision, set_no, document, version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def import_parts(lines: list[bytes], folder: Path) -> dict[str, float]:
    """Seconds spent in each part of one import, each part's clock read around its calls."""
    spent = dict.fromkeys(("read", "read and rows", "batches", "executemany", "commit"), 0.0)

    def clocked(generator: Iterator[Any], part: str) -> Iterator[Any]:
        while True:
            start = time.perf_counter()
            item = next(generator, None)
            spent[part] += time.perf_counter() - start
            if item is None:
                return
            yield item

    def timing(call: Callable[..., Any], part: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                spent[part] += time.perf_counter() - start

        return timed

    store = Store.open(folder / "parts.db")
    patched = [
        (ocop_store.ocop_json, "iter_lines"),
        (ocop_store.Store, "_read"),
        (ocop_store.Store, "_flush"),
        (ocop_store, "_executemany"),
        (type(store._engine.dialect), "do_commit"),
    ]
    saved = [(owner, name, owner.__dict__.get(name)) for owner, name in patched]
    iter_lines, read, flush = ocop_json.iter_lines, Store._read, Store._flush
    try:
        ocop_store.ocop_json.iter_lines = lambda *a, **k: clocked(iter_lines(*a, **k), "read")
        ocop_store.Store._read = staticmethod(
            lambda *a, **k: clocked(read(*a, **k), "read and rows")
        )
        ocop_store.Store._flush = timing(flush, "batches")
        ocop_store._executemany = timing(ocop_store._executemany, "executemany")
        dialect = type(store._engine.dialect)
        dialect.do_commit = timing(dialect.do_commit, "commit")
        start = time.perf_counter()
        store.import_lines("score_card", lines, keep_good=True)
        total = time.perf_counter() - start
    finally:
        for owner, name, value in saved:
            if value is None:
                delattr(owner, name)
            else:
                setattr(owner, name, value)
        store.close()
    return {
        "total": total,
        "the contract's read": spent["read"],
        "each line's row": spent["read and rows"] - spent["read"],
        "the driver's executemany": spent["executemany"],
        "the look at the keys, batching": spent["batches"] - spent["executemany"],
        "COMMIT": spent["commit"],
    }


def the_rows(lines: list[bytes]) -> Iterator[list[tuple[Any, ...]]]:
    """The store's rows of the cards, read and made as the import makes them, by batch."""
    batch: list[tuple[Any, ...]] = []
    for _, row in Store._read(ocop_store._KINDS["score_card"], lines, None):
        if isinstance(row, ocop_json.DocumentError):
            continue
        batch.append(row.params)
        if len(batch) >= ocop_store._BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


_JSON_INSERT = (
    "INSERT INTO score_cards (id, product, member, decision, set_no, document, version) "
    "SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6 "
    "FROM json_each(?)"
)


def written(lines: list[bytes], folder: Path, how: str, run: int) -> float:
    """Seconds to read the cards, make their rows and write them ``how``, in one transaction."""
    path = folder / f"{how}-{run}.db"
    Store.open(path).close()
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA cache_size = -65536")
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    start = time.perf_counter()
    db.execute("BEGIN IMMEDIATE")
    if how == "none":
        for _ in the_rows(lines):
            pass
    elif how == "serial":
        for batch in the_rows(lines):
            db.executemany(INSERT, batch)
    else:
        waiting: queue.Queue[Any] = queue.Queue(maxsize=2)

        def writer() -> None:
            while (batch := waiting.get()) is not None:
                if how == "thread":
                    db.executemany(INSERT, batch)
                else:
                    db.execute(_JSON_INSERT, (batch,))

        thread = threading.Thread(target=writer)
        thread.start()
        for batch in the_rows(lines):
            waiting.put(batch if how == "thread" else encode(batch))
        waiting.put(None)
        thread.join()
    db.execute("COMMIT")
    spent = time.perf_counter() - start
    db.close()
    path.unlink()
    return spent


def validated_read(lines: list[bytes]) -> int:
    return sum(1 for _ in ocop_json.iter_lines("score_card", lines))


def the_office(lines: list[bytes], ranked: list[Any]) -> dict[str, list[Any]]:
    """What an office keeps of the season: subjects, products, results, certificates, records."""
    communes: dict[str, tuple[places.Commune, ...]] = {}
    subjects, products, results, certificates, records = [], [], [], [], []
    for n, (_, result) in enumerate(ranked):
        province = result.product[:2]
        units = communes.setdefault(province, places.communes(province=province))
        place = Address(era="present", commune_code=units[n % len(units)].code)
        subject = Subject(id=f"s-{result.product}", name=f"Hợp tác xã số {n}", kind="cooperative")
        product = Product(
            id=result.product,
            name=f"Sản phẩm {n} Trà xạ đen" if n % 97 == 0 else f"Sản phẩm số {n}",
            decision=result.decision,
            set_no=result.set_no,
            subject_id=subject.id,
            place=place,
        )
        subjects.append(subject)
        products.append(product)
        results.append(result)
        star = None if result.star is None else result.star.stars
        issued = date(2023, 1, 1).add(days=(n * 7) % 1260)
        if star is not None and star >= 3:
            certificates.append(
                Certificate(
                    number=f"{result.product}/GCN",
                    product_id=product.id,
                    subject_id=subject.id,
                    stars=star,
                    level="centre" if star == 5 else "province",
                    authority="UBND tỉnh",
                    decision_no=f"{n}/QĐ-UBND",
                    decision_date=issued,
                    issued_on=issued,
                )
            )
        records.append(
            ProductRecord(
                product=product,
                registered_on=issued.subtract(days=60),
                evaluated_on=issued.subtract(days=10),
                star=star,
                certified_on=issued if star is not None and star >= 3 else None,
            )
        )
    plan = Plan(
        issuer="UBND tỉnh An Giang",
        number="1/KH-UBND",
        issued_on=date(2026, 1, 5),
        title="Kế hoạch thực hiện Chương trình OCOP năm 2026",
        period=DateRange.year(2026),
        province_code=PROVINCE,
        targets=each_commune(PROVINCE, minimum=1, metric="certified", deadline=date(2026, 12, 31)),
    )
    return {
        "subject": subjects,
        "product": products,
        "result": results,
        "certificate": certificates,
        "product_record": records,
        "plan": [plan],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--overlap", action="store_true", help="also time the rows written by a writer thread"
    )
    args = parser.parse_args(argv)

    print(f"machine: {season.machine()}")
    path = season.season_file(args.products, args.seed)
    lines = path.read_bytes().splitlines()
    print(f"season: {args.products:,} products, {len(lines):,} cards ({path.name})")

    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as temporary:
        folder = Path(temporary)
        validated_read(lines)  # every score sheet loaded once, before any figure
        t_import = statistics.median(import_season(lines, folder, run) for run in range(args.runs))
        db = sqlite3.connect(folder / "import-0.db")
        rows = db.execute(
            "SELECT id, product, member, decision, set_no, document, version FROM score_cards"
        ).fetchall()
        db.close()
        t_bare = statistics.median(bare_executemany(rows, folder, run) for run in range(args.runs))
        t_read = median_time(lambda: validated_read(lines), args.runs)
        parts = import_parts(lines, folder)
        ways = {
            "none": "not written: the read and the rows alone",
            "serial": "in the reading thread, as the import",
            "thread": "by a writer thread, executemany a batch",
            "json": "by a writer thread, json_each a batch",
        }
        overlap: dict[str, list[float]] = {how: [] for how in ways}
        for run in range(args.runs if args.overlap else 0):
            for how in ways:
                overlap[how].append(written(lines, folder, how, run))

        councils, _ = season.ocop_cards(lines)
        office = the_office(lines, season.rank(councils, season.Sheets()))
        store = Store.open(folder / "office.db")
        store.import_lines("score_card", lines, keep_good=True)
        start = time.perf_counter()
        for values in office.values():
            store.add_all(values)
        t_office = time.perf_counter() - start
        commune = office["product"][0].place.commune_code
        first = office["product"][0]
        plan = office["plan"][0]
        p = PROVINCE
        records = [r for r in office["product_record"] if r.product.id.startswith(p)]
        held = [c for c in office["certificate"] if c.product_id.startswith(p)]
        due, advance = store.due_for_reevaluation, store.progress
        questions: list[tuple[str, Callable[[], Any]]] = [
            ("certificates in force, one province", lambda: store.in_force(ON, province=p)),
            ("  in force, one commune", lambda: store.in_force(ON, commune=commune)),
            ("expiring within 6 months, one province", lambda: store.expiring(ON, 6, province=p)),
            ("due for re-evaluation, one province", lambda: due(ON, province=p)),
            ("star distribution, one province", lambda: store.star_distribution(province=p)),
            ("star distribution, the nation", lambda: store.star_distribution()),
            ("products of a subject", lambda: store.products_of(first.subject_id)),
            ("name search 'tra xa den'", lambda: store.search("tra xa den")),
            ("plan progress, every commune", lambda: advance(plan.issuer, plan.number, on=ON)),
            ("  the policy alone: ocop.plan.progress", lambda: progress(plan, records, on=ON)),
            ("  the policy alone: valid_on, one province", lambda: valid_on(held, ON)),
        ]  # fmt: skip
        answers = {name: size(call()) for name, call in questions}
        timings = {name: median_time(call, max(args.runs, 5)) for name, call in questions}
        cold = {
            name: median_time(lambda call=call: forget_then(store, call), max(args.runs, 5))
            for name, call in questions
        }
        store.close()

    cards = len(lines)

    def row(name: str, seconds: float) -> str:
        return f"  {name:<44} {seconds:>8.3f} s {seconds / cards * 1e6:>7.2f} µs/card"

    print()
    print("figures (median seconds)")
    print(row("import_lines, one transaction, checked", t_import))
    print(row("bare sqlite3 executemany of the same rows", t_bare))
    print(row("  the contract's validated read alone", t_read))
    print(f"  {'keeping the office (add_all, six kinds)':<44} {t_office:>8.3f} s")
    print()
    print("  where an import's time goes (one more import, instrumented)")
    for name, seconds in parts.items():
        print(row(f"  {name}", seconds))
    if args.overlap:
        print()
        print("  the store's rows after the same read, written (median seconds)")
        for how, name in ways.items():
            print(row(f"  {name}", statistics.median(overlap[how])))
    print()
    print(f"  {'weekly questions on SQLite, ms':<44} {'cold':>8} {'warm':>8}  answers")
    for name, _ in questions:
        ms, first = timings[name] * 1e3, cold[name] * 1e3
        verdict = season.verdict(first, TARGETS["query"])
        print(f"  {name:<44} {first:>8.1f} {ms:>8.1f}  {answers[name]:>7,}  {verdict}")
    print("  (cold: every document read from its stored JSON text; warm: documents read before)")
    print()
    ratio = t_import / t_bare
    writing = (t_import - t_read) / t_bare
    verdict = season.verdict(ratio, TARGETS["import"])
    print(
        f"  {'import ÷ bare executemany':<44} {ratio:>7.2f}×  ≤ {TARGETS['import']:g}×  {verdict}"
    )
    print(f"  {'  (import − validated read) ÷ executemany':<44} {writing:>7.2f}×")
    return 0


def forget_then(store: Store, call: Callable[[], Any]) -> Any:
    """``call`` on a store that remembers no document it read."""
    store._known.clear()
    return call()


def size(answer: Any) -> int:
    """How many things an answer holds (a progress: its targets; a distribution: products)."""
    if isinstance(answer, dict):
        return sum(sum(stars.values()) for stars in answer.values())
    if hasattr(answer, "targets"):
        return len(answer.targets)
    return len(answer)


if __name__ == "__main__":
    raise SystemExit(main())
