"""Write the illustrative score cards of the An Giang 2020 demo.

The provincial council's individual score cards of round 1/2020 were not published, only the
stars. These cards are made up so that each product's council mean lands in the band of its
published star; they are labelled illustrative wherever they are shown. Deterministic.

Run: ``.venv/bin/python tools/build_demo_cards.py``.
"""

from __future__ import annotations

import json
import pathlib
import random

from ocop import rubric
from ocop.ranking import minimum_criteria_781
from ocop.rubric.model import Criterion, Sheet

FOLDER = pathlib.Path(__file__).resolve().parent.parent / "src/ocop/examples/an_giang_2020"
MEMBERS = [f"m{number}" for number in range(1, 10)]  # the council met with 9 members

# Product, set under QĐ 1048, and the council mean each product's illustrative cards aim at
# (inside the band of the published star: 4★ 70–<90, 3★ 50–<70), and that star.
TARGETS = {
    "tranh-la-thot-not": (23, 74, 4),
    "duong-thot-not-set-palmania": (4, 76, 4),
    "tra-xa-den": (13, 63, 3),
    "gao-thom-ngoc-nhan": (3, 60, 3),
    "kho-ca-tra-phong": (9, 58, 3),
    "lap-xuong-bo": (8, 61, 3),
}


def _answerable(sheet: Sheet) -> list[Criterion]:
    seen_groups: set[str] = set()
    chosen = []
    for criterion in sheet.criteria.values():
        group = criterion.alternative_group
        if group is not None:
            if group in seen_groups:
                continue
            seen_groups.add(group)
        chosen.append(criterion)
    return chosen


def _card(
    sheet: Sheet, product: str, member: str, target: int, star: int, rng: random.Random
) -> dict[str, object]:
    criteria = _answerable(sheet)
    ladders = {c.code: sorted({o.points for o in c.options if not o.eliminates}) for c in criteria}
    level = dict.fromkeys(ladders, 0)
    # A certified product met the QĐ 781/2020 minima of its star that a sheet can express.
    for item in minimum_criteria_781(sheet):
        if item.marker is not None and item.star <= star and item.marker.criterion in ladders:
            ladder = ladders[item.marker.criterion]
            level[item.marker.criterion] = next(
                index for index, points in enumerate(ladder) if points >= item.marker.points
            )
    total = sum(ladders[code][level[code]] for code in ladders)
    while total < target:
        code = rng.choice(
            [code for code, ladder in ladders.items() if level[code] + 1 < len(ladder)]
        )
        ladder = ladders[code]
        total += ladder[level[code] + 1] - ladder[level[code]]
        level[code] += 1
    return {
        "decision": sheet.decision,
        "set_no": sheet.set_no,
        "member": member,
        "product": product,
        "choices": {code: ladders[code][level[code]] for code in ladders},
    }


def main() -> None:
    """Write cards.jsonl, one card per line."""
    rng = random.Random(2020_03_11)
    lines = []
    for product, (set_no, mean, star) in TARGETS.items():
        sheet = rubric.sheet("1048/2019", set_no)
        for member in MEMBERS:
            card = _card(sheet, product, member, mean + rng.randint(-3, 3), star, rng)
            lines.append(json.dumps(card, ensure_ascii=False))
    (FOLDER / "cards.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} cards")


if __name__ == "__main__":
    main()
