"""Write docs/moves.md, the table of a dossier's moves drawn for every era.

Run after changing the table or an era's levels: ``.venv/bin/python tools/build_process_docs.py``.
``tests/test_process.py`` fails while the page differs from the table.
"""

from __future__ import annotations

import pathlib

from ocop.process import document

PAGE = pathlib.Path(__file__).resolve().parent.parent / "docs" / "moves.md"


def main() -> None:
    """Write the page."""
    PAGE.write_text(document(), encoding="utf-8")
    print(f"wrote {PAGE.name}")


if __name__ == "__main__":
    main()
