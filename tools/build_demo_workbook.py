"""Write the An Giang 2020 demo's office files: the filled score-sheet workbook and the CSV of
products, as a council secretary would keep them.

``score-sheets.xlsx`` is the blank workbook that :func:`ocop.excel.score_sheet_workbook` makes
for the scored products and the nine members, filled with the illustrative cards of
``cards.jsonl``. ``products.csv`` is ``products.json`` written flat (one column per field, a
dotted column for the place). Both are derived from the JSON files; a test checks that reading
them back gives the JSON files' objects.

Run: ``.venv/bin/python tools/build_demo_workbook.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import pathlib

from ocop import excel
from ocop.demo import load_example

FOLDER = pathlib.Path(__file__).resolve().parent.parent / "src/ocop/examples/an_giang_2020"
MEMBERS = [f"m{number}" for number in range(1, 10)]
FIRST_ROW = 8  # the first criterion row of a tab the library makes
CODE_COLUMN = 3
FIRST_MEMBER = 8


def workbook() -> None:
    cards = load_example("score_card", "cards.jsonl")
    scored = {card.product for card in cards}
    products = [p for p in load_example("product", "products.json") if p.id in scored]
    book = excel.score_sheet_workbook(products, members=MEMBERS)
    for card in cards:
        tab = book[card.product]
        rows = {
            tab.cell(row=row, column=CODE_COLUMN).value: row
            for row in range(FIRST_ROW, tab.max_row + 1)
        }
        column = FIRST_MEMBER + MEMBERS.index(card.member)
        for code, choice in card.choices.items():
            value = choice.points if choice.points is not None else "n/a"
            tab.cell(row=rows[code], column=column, value=value)
    moment = dt.datetime(2020, 3, 11, 8, 0)
    book.properties.created = moment
    book.properties.modified = moment
    book.properties.creator = "ocop"
    book.save(FOLDER / "score-sheets.xlsx")


def products_csv() -> None:
    data = json.loads((FOLDER / "products.json").read_text("utf-8"))
    columns = [
        "id",
        "name",
        "decision",
        "set_no",
        "subject_id",
        "place.era",
        "place.commune_code",
        "place.district_code",
    ]
    with (FOLDER / "products.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(columns)
        for item in data:
            flat = {**item, **{f"place.{key}": value for key, value in item["place"].items()}}
            writer.writerow([flat.get(column, "") for column in columns])


if __name__ == "__main__":
    workbook()
    products_csv()
