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
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
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
