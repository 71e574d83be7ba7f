"""Score-sheet workbooks and tables: ocop's cost over the work it cannot avoid (``make bench``).

Makes (from a seed) a provincial round under QĐ 26/2026/QĐ-TTg — products on random sheets,
nine members each, every card filled — and measures in the same run, each figure the median of
several runs:

1. writing the blank workbook (``ocop.excel.score_sheet_workbook`` and saving it), against
   openpyxl writing the same cells' values alone;
2. reading the filled workbook into checked score cards (``ocop.excel.read_cards``), against
   openpyxl loading the file and reading every cell's value;
3. reading the same cards from a pandas DataFrame in long form (``ocop.tables.cards_from_frame``,
   every cell located and checked), against the frame's records grouped by hand into the JSON
   contract's cards (``ScoreCard.from_dict`` and ``validate_card``), which trusts every cell.

Usage::

    python benchmarks/workbooks.py              # 60 products, 540 cards
    python benchmarks/workbooks.py --quick      # a smoke run
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

import openpyxl
import pandas as pd

from ocop import Product, ScoreCard, excel, rubric, tables, validate_card

MEMBERS = [f"m{number}" for number in range(1, 10)]
FIRST_ROW = 8
CODE_COLUMN = 3
FIRST_MEMBER = 8


def make_round(count: int, seed: int) -> tuple[list[Product], list[ScoreCard]]:
    rng = random.Random(seed)
    products = [
        Product(
            id=f"p{number:04d}",
            name=f"Sản phẩm {number}",
            decision="26/2026",
            set_no=rng.randint(1, 26),
            subject_id="s",
        )
        for number in range(count)
    ]
    cards = []
    for product in products:
        sheet = rubric.sheet(product.decision, product.set_no)
        for member in MEMBERS:
            seen: set[str] = set()
            choices: dict[str, Any] = {}
            for criterion in sheet.criteria.values():
                group = criterion.alternative_group
                if group is not None:
                    if group in seen:
                        continue
                    seen.add(group)
                points = [option.points for option in criterion.options]
                choices[criterion.code] = rng.choice([p for p in points if points.count(p) == 1])
            cards.append(
                ScoreCard.from_dict(
                    {
                        "decision": product.decision,
                        "set_no": product.set_no,
                        "member": member,
                        "product": product.id,
                        "choices": choices,
                    }
                )
            )
    return products, cards


def filled_workbook(products: list[Product], cards: list[ScoreCard]) -> bytes:
    book = excel.score_sheet_workbook(products, members=MEMBERS)
    for card in cards:
        tab = book[card.product]
        rows = {
            tab.cell(row=row, column=CODE_COLUMN).value: row
            for row in range(FIRST_ROW, tab.max_row + 1)
        }
        column = FIRST_MEMBER + MEMBERS.index(card.member)
        for code, choice in card.choices.items():
            tab.cell(row=rows[code], column=column, value=choice.points)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def median_time(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    options = parser.parse_args()
    count, runs = (8, 1) if options.quick else (options.products, options.runs)
    products, cards = make_round(count, seed=2026)
    data = filled_workbook(products, cards)

    def write_ocop() -> None:
        excel.score_sheet_workbook(products, members=MEMBERS).save(io.BytesIO())

    blank = excel.score_sheet_workbook(products, members=MEMBERS)
    grids = [[[cell.value for cell in row] for row in tab.iter_rows()] for tab in blank]

    def write_floor() -> None:
        book = openpyxl.Workbook()
        for tab_rows in grids:
            tab = book.create_sheet()
            for row in tab_rows:
                tab.append(row)
        book.save(io.BytesIO())

    def read_ocop() -> object:
        source = io.BytesIO(data)
        source.name = "round.xlsx"
        return excel.read_cards(source)

    def read_floor() -> object:
        book = openpyxl.load_workbook(io.BytesIO(data))
        return [[cell.value for row in tab.iter_rows() for cell in row] for tab in book]

    rows = [
        {"product": card.product, "member": card.member, "criterion": code, "points": choice.points}
        for card in cards
        for code, choice in card.choices.items()
    ]
    frame = pd.DataFrame(rows).astype({"criterion": str})

    def frame_ocop() -> object:
        return tables.cards_from_frame(frame, decision="26/2026", products=products)

    def frame_floor() -> object:
        grouped: dict[tuple[str, str], dict[str, Any]] = {}
        for row in frame.to_dict("records"):
            grouped.setdefault((row["product"], row["member"]), {})[row["criterion"]] = int(
                row["points"]
            )
        sets = {product.id: product.set_no for product in products}
        found = []
        for (product, member), choices in grouped.items():
            card = ScoreCard.from_dict(
                {
                    "decision": "26/2026",
                    "set_no": sets[product],
                    "member": member,
                    "product": product,
                    "choices": choices,
                }
            )
            validate_card(rubric.sheet(card.decision, card.set_no), card, allow_elimination=True)
            found.append(card)
        return found

    assert sorted(read_ocop(), key=lambda c: (c.product, c.member)) == sorted(
        cards, key=lambda c: (c.product, c.member)
    )
    assert frame_ocop() == cards
    print(f"{count} products, {len(cards)} cards, {len(rows)} cells; medians of {runs} runs")
    print(f"{'measure':<44}{'ocop':>10}{'floor':>10}{'ratio':>8}")
    for name, ours, floor in (
        ("blank workbook, written and saved", write_ocop, write_floor),
        ("filled workbook read into checked cards", read_ocop, read_floor),
        ("cards from a long DataFrame", frame_ocop, frame_floor),
    ):
        mine, base = median_time(ours, runs), median_time(floor, runs)
        print(f"{name:<44}{mine * 1000:>8.0f}ms{base * 1000:>8.0f}ms{mine / base:>7.2f}×")


if __name__ == "__main__":
    main()
