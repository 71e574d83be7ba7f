"""A synthetic national OCOP season under QĐ 26/2026/QĐ-TTg, as JSON Lines of score cards.

The season is drawn from a seed, so the same arguments always write the same bytes. Each
product belongs to one of the 26 product sets (food far more often than tourism, as in the
national lists), is scored by a provincial council of eight members, and has a latent quality
that sets its consensus option on every criterion; each member then drifts a little from the
consensus. Totals cluster between 50 and 80 points with a tail past 90. Some products miss a
star marker on purpose, a few mark the product story "not applicable", a very few choose an
option that eliminates the dossier, and on the community-tourism sheet each council answers one
case of every alternative group. One card in a thousand arrives broken, as typed cards do: a
field missing or of the wrong type, a choice written "N/A", a negative or boolean choice.

Cards are written in the published ``score_card`` form (``ocop.json.dumps(card, indent=None)``),
province by province; within a council session of a few products, member by member, as the
cards of a session are typed in.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ocop import rubric
from ocop.rubric.model import Sheet

DECISION = "26/2026"
MEMBERS = 8
SESSION = 12  # products scored in one council session

# How often each product set occurs in a season: food (1-12) dominates, then drinks (13-17),
# herbal products (18-20), handicraft and textiles (21-22), flowers and pets (23-25), tourism.
SET_WEIGHTS: dict[int, float] = {
    1: 9, 2: 5, 3: 5, 4: 5, 5: 3, 6: 8, 7: 9, 8: 7, 9: 3, 10: 3, 11: 6, 12: 4,
    13: 4, 14: 3, 15: 3, 16: 1, 17: 3,
    18: 3, 19: 1, 20: 2,
    21: 5, 22: 2,
    23: 1, 24: 1, 25: 0.5,
    26: 2,
}  # fmt: skip

PROVINCES = (
    "01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "31", "33", "37",
    "38", "40", "42", "44", "46", "48", "51", "52", "56", "66", "68", "75", "79", "80", "82",
    "86", "91", "92", "96",
)  # fmt: skip


class _Ladder:
    """One criterion as the generator sees it: its options from worst to best."""

    __slots__ = ("ambiguous", "code", "eliminating", "group", "na_ok", "steps")

    def __init__(self, sheet: Sheet, code: str) -> None:
        criterion = sheet.criteria[code]
        options = list(enumerate(criterion.options))
        self.code = code
        self.group = criterion.alternative_group
        self.na_ok = criterion.applies_when is not None
        self.eliminating = [i for i, option in options if option.eliminates]
        # Worst to best, eliminating options left out (they are drawn on purpose, rarely).
        kept = [(option.points, i) for i, option in options if not option.eliminates]
        self.steps = [(points, i) for points, i in sorted(kept)]
        seen: dict[int, int] = {}
        for option in criterion.options:
            seen[option.points] = seen.get(option.points, 0) + 1
        self.ambiguous = {points for points, count in seen.items() if count > 1}


def _ladders(sheet: Sheet) -> list[_Ladder]:
    return [_Ladder(sheet, code) for code in sheet.criteria]


def _choice(ladder: _Ladder, option: int, points: int, style: float) -> Any:
    """A choice as a member's software records it: mostly printed points."""
    if points in ladder.ambiguous or style < 0.08:
        return {"index": option}
    if style < 0.12:
        return {"points": points}
    return points


def _product_cards(
    rng: random.Random,
    sheet: Sheet,
    ladders: list[_Ladder],
    product: str,
    members: list[str],
) -> list[dict[str, Any]]:
    # Latent quality: most products land between 50 and 80 points, a few past 90.
    quality = min(0.995, max(0.02, rng.betavariate(16, 11) + rng.gauss(0.0, 0.03)))
    groups = {ladder.group for ladder in ladders if ladder.group is not None}
    answered_case = {
        group: rng.choice([ladder.code for ladder in ladders if ladder.group == group])
        for group in groups
    }
    story_absent = rng.random() < 0.12
    by_code = {ladder.code: ladder for ladder in ladders}
    consensus: dict[str, int] = {}
    for ladder in ladders:
        level = min(0.999, max(0.0, quality + rng.gauss(0.0, 0.12)))
        consensus[ladder.code] = int(level * len(ladder.steps))
    total = sum(
        by_code[code].steps[step][0]
        for code, step in consensus.items()
        if by_code[code].group is None or answered_case[by_code[code].group] == code
    )
    band = 5 if total >= 90 else 4 if total >= 70 else 3 if total >= 50 else 2
    # A council that aims at a star meets its markers; members do not tick below them.
    floors: dict[str, int] = {}
    for marker in sheet.markers:
        ladder = by_code[marker.criterion]
        if marker.star > band or (story_absent and ladder.na_ok):
            continue
        step = next(
            (k for k, (points, _) in enumerate(ladder.steps) if points >= marker.points),
            len(ladder.steps) - 1,
        )
        floors[ladder.code] = max(floors.get(ladder.code, 0), step)
        consensus[ladder.code] = max(consensus[ladder.code], step)
    # Some products miss a marker of their band all the same: every member sees it.
    if floors and rng.random() < 0.10:
        code = rng.choice(sorted(floors))
        if floors[code] > 0:
            consensus[code] = rng.randrange(floors[code])
            floors[code] = 0
    doomed = None
    if rng.random() < 0.003:
        candidates = [ladder for ladder in ladders if ladder.eliminating]
        doomed = rng.choice(candidates).code if candidates else None

    cards = []
    for member in members:
        style = rng.random()
        choices: dict[str, Any] = {}
        for ladder in ladders:
            code = ladder.code
            if ladder.group is not None and answered_case[ladder.group] != code:
                continue  # the case of the alternative that does not describe the product
            if ladder.na_ok and story_absent:
                choices[code] = "n/a" if style < 0.9 else None
                continue
            if code == doomed:
                option = ladder.eliminating[0]
                choices[code] = {"index": option}
                continue
            step = consensus[code]
            drift = rng.random()
            if drift < 0.10:
                step -= 1
            elif drift < 0.20:
                step += 1
            step = min(len(ladder.steps) - 1, max(floors.get(code, 0), step))
            points, option = ladder.steps[step]
            choices[code] = _choice(ladder, option, points, style)
        cards.append(
            {
                "decision": DECISION,
                "set_no": sheet.set_no,
                "member": member,
                "product": product,
                "choices": choices,
            }
        )
    return cards


def _break(rng: random.Random, card: dict[str, Any]) -> dict[str, Any]:
    """The card as a hurried data entry leaves it: one thing wrong."""
    broken = {**card, "choices": dict(card["choices"])}
    code = rng.choice(sorted(broken["choices"]))
    how = rng.randrange(6)
    if how == 0:
        del broken["member"]
    elif how == 1:
        broken["set_no"] = str(card["set_no"])
    elif how == 2:
        broken["choices"][code] = "N/A"
    elif how == 3:
        broken["choices"][code] = -1
    elif how == 4:
        broken["choices"][code] = True
    else:
        broken["note"] = "chấm lại"
    return broken


def season(products: int, *, seed: int = 2026, broken: float = 0.001) -> Iterator[dict[str, Any]]:
    """The cards of a season of ``products`` products, in the order they are recorded.

    Args:
        products: how many products.
        seed: the seed the whole season is drawn from.
        broken: the share of cards that arrive broken (refused by the schema).
    """
    rng = random.Random(seed)
    sheets = {n: rubric.sheet(DECISION, n) for n in range(1, 27)}
    ladders = {n: _ladders(sheet) for n, sheet in sheets.items()}
    sets = list(SET_WEIGHTS)
    weights = list(SET_WEIGHTS.values())
    per_province = -(-products // len(PROVINCES))
    made = 0
    for province in PROVINCES:
        members = [f"{province}-hd-tv{k:02d}" for k in range(1, MEMBERS + 1)]
        count = min(per_province, products - made)
        numbers = range(made, made + count)
        made += count
        for start in range(0, count, SESSION):
            session = []
            for number in numbers[start : start + SESSION]:
                set_no = rng.choices(sets, weights)[0]
                product = f"{province}-{number + 1:06d}-2026"
                session.append(
                    _product_cards(rng, sheets[set_no], ladders[set_no], product, members)
                )
            # Member by member: member 1's cards for the whole session, then member 2's, …
            for k in range(MEMBERS):
                for cards in session:
                    yield _break(rng, cards[k]) if rng.random() < broken else cards[k]
        if made >= products:
            break


def write(path: Path, products: int, *, seed: int = 2026, broken: float = 0.001) -> int:
    """Write the season to ``path`` as JSON Lines; the number of bytes written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for card in season(products, seed=seed, broken=broken):
            line = json.dumps(card, ensure_ascii=False) + "\n"
            size += len(line.encode("utf-8"))
            out.write(line)
    return size
