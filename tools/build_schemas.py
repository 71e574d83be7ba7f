"""Write the JSON Schema of every kind of document to src/ocop/schemas/, and the table of each
kind's top-level fields (``kinds.json``) that tells a document's kind without reading them.

Run after changing a domain class: ``.venv/bin/python tools/build_schemas.py``.
``tests/test_json.py`` fails while a shipped schema or the table differs from the classes.
"""

from __future__ import annotations

import json
import pathlib

from ocop import json as ocop_json
from ocop._schemagen import schema_for

FOLDER = pathlib.Path(__file__).resolve().parent.parent / "src" / "ocop" / "schemas"


def render(name: str) -> str:
    """The text of the schema file of kind ``name``."""
    document = schema_for(name, ocop_json._class(name))
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_kinds() -> str:
    """The text of ``kinds.json``: each kind's required and allowed top-level fields, as its
    schema says."""
    table = {}
    for name in ocop_json.kinds():
        document = schema_for(name, ocop_json._class(name))
        table[name] = {
            "required": sorted(document.get("required", ())),
            "properties": sorted(document.get("properties", ())),
        }
    return json.dumps(table, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    """Write every kind's schema file, then the table of their fields."""
    for name in ocop_json.kinds():
        (FOLDER / f"{name}.schema.json").write_text(render(name), encoding="utf-8")
        print(f"wrote {name}.schema.json")
    (FOLDER / "kinds.json").write_text(render_kinds(), encoding="utf-8")
    print("wrote kinds.json")


if __name__ == "__main__":
    main()
