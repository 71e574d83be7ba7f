"""Derive the QĐ 1048 cross-check fixtures the tests compare the bundled rubric with.

Maintainers run this by hand after the shared score-sheet data changes; nothing runs it at
install, import or test time. It reads the two transcriptions of the QĐ 1048/QĐ-TTg sheets in
the shared OCOP data:

* ``decision_text``: ``criteria_qd1048_2019_decision_text.json``, read from the decision's own
  text, numbered as the decision numbers its sets;
* ``app``: ``criteria_qd1048_2019.json``, a provincial application's database (Bến Tre, 2022),
  whose unnumbered product types are given the decision's numbers here.

and writes ``tests/data/qd1048_crosscheck.json``: for each source and each of the 26 sets,
whether the sheet prints a "Bị loại khi" header and, per criterion code, its printed maximum,
its options' points, the elimination readings of its notes and the options that eliminate (read
as ``tools/build_rubrics.py`` reads them; empty lists are left out). A code printed twice keeps
its second occurrence as ``"<code>#2"``. Sub-criterion group headings that carry an elimination
note appear with their readings only.

Usage::

    python tools/build_crosscheck_1048.py [SOURCE_DIR]

``SOURCE_DIR`` defaults to ``../shared/ocop`` beside the project.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_rubrics import DEFAULT_SOURCE, ROOT, eliminating, no_declaration, rule_of, text

TARGET = ROOT / "tests" / "data" / "qd1048_crosscheck.json"
# The provincial application's product types in the decision's set order (1..26).
APP_TYPES = [15, 18, 10, 11, 26, 2, 3, 4, 5, 23, 9, 1, 7, 6, 16, 24, 14, 25, 21, 12, 22, 17, 20, 19]
APP_TYPES += [13, 8]

Json = dict[str, Any]


def eliminated_options(reading: str, options: list[Json]) -> list[int]:
    """The options a note's reading makes eliminating, where the reading names options."""
    if reading == "foreign_matter":
        return [i for i, o in enumerate(options) if eliminating(o["label"])]
    if reading == "zero_points":
        return [i for i, o in enumerate(options) if o["score"] == 0]
    if reading == "no_quality_declaration":
        return [i for i, o in enumerate(options) if no_declaration(o["label"])]
    return []


def sheet(source: Json) -> Json:
    criteria: Json = {}
    listed: list[Json] = []
    for part in source["parts"]:
        for section in part["sections"]:
            listed = []
            for group in section.get("groups", []):
                readings = [r for n in group.get("notes") or [] if (r := rule_of(n))]
                if readings:
                    criteria[group["code"]] = {"eliminations": readings}
            for criterion in section["criteria"]:
                listed.append(criterion)
                code = criterion["code"]
                key = f"{code}#2" if code in criteria else code
                options = criterion["options"]
                readings = [r for n in criterion.get("notes", []) if (r := rule_of(n))]
                flagged: set[int] = set()
                for reading in readings:
                    flagged.update(eliminated_options(reading, options))
                criteria[key] = {
                    "max": int(criterion["max"]),
                    "points": [int(o["score"]) for o in options],
                    "eliminations": readings,
                    "eliminating": sorted(flagged),
                }
                if "zero_points_listed" in readings:
                    for earlier in listed[:-1]:
                        entry = criteria[earlier["code"]]
                        zeros = [i for i, o in enumerate(earlier["options"]) if o["score"] == 0]
                        entry["eliminating"] = sorted(set(entry["eliminating"]) | set(zeros))
                    criteria[key]["eliminating"] = sorted(
                        flagged | {i for i, o in enumerate(options) if o["score"] == 0}
                    )
    for entry in criteria.values():
        for field in ("eliminations", "eliminating"):
            if not entry.get(field, True):
                del entry[field]
    header = any(text(n).lower().startswith("bị loại khi") for n in source.get("set_notes", []))
    return {"name": text(source["name"]), "header": header, "criteria": criteria}


def dump(fixtures: Json) -> str:
    """JSON with one line per criterion, so that a change shows as a one-line diff."""

    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    lines = ["{", f' "about":{one(fixtures["about"])},']
    for s_index, source in enumerate(("decision_text", "app")):
        lines.append(f' "{source}":{{')
        sheets = fixtures[source]
        for n_index, (no, entry) in enumerate(sheets.items()):
            head = f'  "{no}":{{"name":{one(entry["name"])},"header":{one(entry["header"])}'
            lines.append(head + ',"criteria":{')
            rows = [f"   {one(code)}:{one(row)}" for code, row in entry["criteria"].items()]
            lines.append(",\n".join(rows))
            lines.append("  }}" + ("," if n_index < len(sheets) - 1 else ""))
        lines.append(" }" + ("," if s_index == 0 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    source_dir = Path(argv[0]) if argv else DEFAULT_SOURCE
    decision = json.loads((source_dir / "criteria_qd1048_2019_decision_text.json").read_text())
    app = json.loads((source_dir / "criteria_qd1048_2019.json").read_text("utf-8"))
    by_type = {s["source_product_type_id"]: s for s in app["sets"]}
    fixtures = {
        "about": "Derived by tools/build_crosscheck_1048.py from the shared QĐ 1048 score-sheet "
        "data: per source, per set, the printed maximum, options' points and elimination "
        "readings of every criterion (empty lists left out).",
        "decision_text": {str(s["no"]): sheet(s) for s in decision["sets"]},
        "app": {str(no): sheet(by_type[t]) for no, t in enumerate(APP_TYPES, start=1)},
    }
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(dump(fixtures), "utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {TARGET.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
