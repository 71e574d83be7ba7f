"""Write the JSON Schema of every kind of document to src/ocop/schemas/.

Run after changing a domain class: ``.venv/bin/python tools/build_schemas.py``.
``tests/test_json.py`` fails while a shipped schema differs from its class.
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


def main() -> None:
    """Write every kind's schema file."""
    for name in ocop_json.kinds():
        (FOLDER / f"{name}.schema.json").write_text(render(name), encoding="utf-8")
        print(f"wrote {name}.schema.json")


if __name__ == "__main__":
    main()
