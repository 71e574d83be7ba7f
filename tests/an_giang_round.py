"""An Giang's round 1 of 2020 on the bundled example data, built once for the tests that draw,
print and tabulate it: the products, subjects and illustrative cards, the provincial round as
the demo runs it, each product's council result and classification, and the plan's records.
"""

import functools

import attrs

from ocop import aggregate, classify, rubric
from ocop.demo import load_example, run_round
from ocop.plan import record_of


@attrs.frozen
class Round:
    subjects: dict
    products: list
    cards: list
    province: object
    results: list  # (CouncilResult, Classification) per scored product
    plan: object
    records: list


@functools.cache
def an_giang() -> Round:
    subjects = {s.id: s for s in load_example("subject", "subjects.json")}
    products = load_example("product", "products.json")
    cards = load_example("score_card", "cards.jsonl")
    _, province = run_round(subjects, products, cards)
    results = []
    for product in products:
        mine = [card for card in cards if card.product == product.id]
        if not mine:
            continue
        sheet = rubric.sheet(product.decision, product.set_no)
        council = aggregate(sheet, mine)
        results.append((council, classify(sheet, council)))
    (plan,) = load_example("plan", "plan.json")
    records = [record_of(application) for application in province.applications]
    return Round(
        subjects=subjects,
        products=products,
        cards=cards,
        province=province,
        results=results,
        plan=plan,
        records=records,
    )
