"""Build the place data shipped in ``src/ocop/data/`` from the published lists of units.

Run by hand when the source data changes, never at run or test time::

    python tools/build_places.py path/to/places/

The folder holds three inputs:

* ``legacy_units_2025_mapping.json``: every commune-level unit that existed before 1 July 2025
  (province, district, commune, GSO codes) and the present commune(s) each went into
  (``becomes``); from the dataset of the PyPI package ``vietnamadminunits`` 1.0.4 (MIT
  licence), target codes matched by name to the official list of QĐ 19/2025/QĐ-TTg;
* ``present_units_2025.json``: the 34 provinces and 3,321 communes since 1 July 2025, official
  codes, names and kinds of QĐ 19/2025/QĐ-TTg, with a centre point and an area from
  ``vietnamadminunits`` 1.0.4;
* ``units_2020_2025.json``: every province, district and commune code of the official lists
  (Danh mục đơn vị hành chính, GSO) of 2020-02-25, 2021-02-03, 2023-05-07 and 2025-01-04, with
  its spans ``[name, parent code, first list, last list]``.

The MIT notice of ``vietnamadminunits`` travels in ``src/ocop/data/NOTICE``. Three gzip JSON
documents come out, small and quick to load (codes are integers; format them zero-padded to 2,
3 and 5 digits)::

    places_legacy.json.gz     # the units that went into the reform, and where they went
      {"format": 1, "source": "...",
       "provinces": [[code, name], ...],
       "districts": [[code, province_code, name], ...],
       "communes": [[code, district_code, name, target, ...], ...]}

    places_present.json.gz    # the units since 1 July 2025
      {"format": 1, "source": "...",
       "provinces": [[code, name, lat, lon], ...],
       "communes": [[code, province_code, name, lat, lon, area_km2], ...]}

    places_history.json.gz    # the units of each list, 2020 to 30 June 2025
      {"format": 1, "source": "...", "lists": ["2020-02-25", ..., "2025-06-30"],
       "provinces": [[code, [name, first, last], ...], ...],
       "districts": [[code, [name, parent, first, last], ...], ...],
       "communes": [[code, [name, parent, first, last], ...], ...]}

In the conversion file ``target`` are the present commune codes the legacy commune went into,
the default one (which took most of it) first. In the history, ``first`` and ``last`` are
indexes into ``lists``; the last list, dated 30 June 2025, is the conversion file's own legacy
units (the units in force on the eve of the reform), so the history ends where the conversion
begins.

The script checks what it writes: every code unique, one default per commune, every target a
present commune in the province the input names, every span well ordered. It writes the same
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

DATA = Path(__file__).resolve().parent.parent / "src" / "ocop" / "data"

LEGACY_SOURCE = (
    "Administrative units of Vietnam before 1 July 2025 (GSO codes) and the 2025 conversion "
    "table, from the dataset of the PyPI package vietnamadminunits 1.0.4 (MIT licence, "
    "github.com/tranngocminhhieu/vietnamadminunits); present commune codes per QĐ 19/2025/QĐ-TTg."
)
PRESENT_SOURCE = (
    "Administrative units of Vietnam from 1 July 2025: codes, names and kinds of the official "
    "list of QĐ 19/2025/QĐ-TTg; centre points and areas from the dataset of the PyPI package "
    "vietnamadminunits 1.0.4 (MIT licence, Copyright (c) 2025 Tran Ngoc Minh Hieu)."
)
HISTORY_SOURCE = (
    "Codes and names of the official lists of administrative units (Danh mục đơn vị hành chính "
    "Việt Nam, General Statistics Office) of 2020-02-25, 2021-02-03, 2023-05-07 and "
    "2025-01-04; the list of 2025-06-30 is the legacy side of the 2025 conversion table."
)
EVE_OF_REFORM = "2025-06-30"

# Targets that the mapping keeps under the source's own code because its name match failed:
# the source spells "Xã Chân Mây - Lăng Cô" with a hyphen where the official list has an en
# dash, and "Phường An Nhơn" where the official list has a double space. In both cases the
# present unit of that name is the only one no legacy unit points to.
REPAIRS: dict[tuple[str, str], str] = {
    # Xã Chân Mây – Lăng Cô (Huế): from TT Lăng Cô, xã Lộc Vĩnh, Lộc Thủy, Lộc Tiến.
    ("46", "20137"): "20152",
    # Phường An Nhơn (Hồ Chí Minh City): from Phường 5 and Phường 6 of Quận Gò Vấp.
    ("79", "26876"): "26887",
}

# Some names in the inputs capitalise the second word of a prefix ("Thị Xã Việt Yên").
PREFIX_CASE = {"Thị Xã ": "Thị xã ", "Thị Trấn ": "Thị trấn ", "Thành Phố ": "Thành phố "}
COMMUNE_PREFIXES = ("Xã ", "Phường ", "Thị trấn ", "Đặc khu ")
DISTRICT_PREFIXES = ("Quận ", "Huyện ", "Thị xã ", "Thành phố ")


def clean(name: str) -> str:
    """NFC, single spaces, prefix written as in the official lists."""
    text = " ".join(unicodedata.normalize("NFC", name).split())
    for wrong, right in PREFIX_CASE.items():
        if text.startswith(wrong):
            return right + text[len(wrong) :]
    return text


def build_present(raw: dict[str, Any]) -> dict[str, Any]:
    """The present units: province names with their prefix, communes with centre and area."""
    provinces = []
    for code, (name, kind, lat, lon) in sorted(raw["provinces"].items()):
        written = clean(name)
        if kind == "tỉnh":
            written = f"Tỉnh {written}"
        elif not written.startswith("Thành phố "):
            raise SystemExit(f"province {code}: a city without its prefix")
        provinces.append([int(code), written, lat, lon])
    known = {code for code, *_ in provinces}
    communes = []
    for code, (name, _kind, province, lat, lon, area) in sorted(raw["communes"].items()):
        written = clean(name)
        if not written.startswith(COMMUNE_PREFIXES):
            raise SystemExit(f"commune {code}: no known prefix in {written!r}")
        if int(province) not in known:
            raise SystemExit(f"commune {code}: unknown province {province}")
        if not (8 <= lat <= 24 and 102 <= lon <= 118):
            raise SystemExit(f"commune {code}: centre {lat}, {lon} is outside Vietnam")
        communes.append([int(code), int(province), written, lat, lon, area])
    return {
        "format": 1,
        "source": PRESENT_SOURCE,
        "provinces": provinces,
        "communes": communes,
    }


def build_legacy(
    rows: list[dict[str, Any]], present: dict[int, int]
) -> tuple[dict[str, Any], list[str]]:
    """The conversion document and a report of what was repaired or noticed."""
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
        "source": LEGACY_SOURCE,
        "provinces": [[code, name] for code, name in sorted(provinces.items())],
        "districts": [[code, p, name] for code, (p, name) in sorted(districts.items())],
        "communes": [
            [code, district, name, *targets] for code, district, name, targets in communes
        ],
    }
    return document, notes


def _spans(
    listed: dict[str, list[list[str]]], lists: list[str], parent: bool
) -> dict[int, list[list[Any]]]:
    """The spans of one level, with list dates as indexes, names cleaned, checked in order."""
    found: dict[int, list[list[Any]]] = {}
    for code, spans in listed.items():
        rows: list[list[Any]] = []
        for span in spans:
            name, *rest = span
            first, last = lists.index(rest[-2]), lists.index(rest[-1])
            if first > last or (rows and rows[-1][-1] >= first):
                raise SystemExit(f"{code}: spans out of order")
            rows.append([clean(name), *([int(rest[0])] if parent else []), first, last])
        found[int(code)] = rows
    return found


def _extend(spans: dict[int, list[list[Any]]], code: int, state: list[Any], eve: int) -> None:
    """Add the eve-of-reform state of a unit: lengthen its last span or start a new one."""
    rows = spans.setdefault(code, [])
    if rows and rows[-1][-1] == eve - 1 and rows[-1][:-2] == state:
        rows[-1][-1] = eve
    else:
        rows.append([*state, eve, eve])


def build_history(raw: dict[str, Any], legacy: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The units of every list, the conversion's legacy side added as the list of 30 June 2025."""
    lists = [*raw["snapshots"], EVE_OF_REFORM]
    eve = len(lists) - 1
    provinces = _spans(raw["provinces"], lists, parent=False)
    districts = _spans(raw["districts"], lists, parent=True)
    communes = _spans(raw["communes"], lists, parent=True)
    for code, name in legacy["provinces"]:
        _extend(provinces, code, [name], eve)
    for code, province, name in legacy["districts"]:
        _extend(districts, code, [name, province], eve)
    for code, district, name, *_ in legacy["communes"]:
        _extend(communes, code, [name, district], eve)
    for level, table in (("district", districts), ("commune", communes)):
        for code, rows in table.items():
            for _name, _parent, first, last in rows:
                if first > last:
                    raise SystemExit(f"{level} {code}: a span ends before it starts")
    gone = sum(1 for rows in communes.values() if rows[-1][-1] < eve)
    notes = [
        f"history: {len(provinces)} provinces, {len(districts)} districts, "
        f"{len(communes)} communes; {gone} communes ended before the reform"
    ]
    document = {
        "format": 1,
        "source": HISTORY_SOURCE,
        "lists": lists,
        "provinces": [[code, *rows] for code, rows in sorted(provinces.items())],
        "districts": [[code, *rows] for code, rows in sorted(districts.items())],
        "communes": [[code, *rows] for code, rows in sorted(communes.items())],
    }
    return document, notes


def _write(document: dict[str, Any], path: Path) -> int:
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    data = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    path.write_bytes(data)
    return len(data)


def main(argv: list[str] | None = None) -> int:
    """Read the three inputs, write the three compact files, print what was noticed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the folder of the three input files")
    parser.add_argument("-o", "--output", type=Path, default=DATA, help="where to write")
    args = parser.parse_args(argv)

    def read(name: str) -> Any:
        return json.loads((args.folder / name).read_text(encoding="utf-8"))

    present = build_present(read("present_units_2025.json"))
    province_of = {code: province for code, province, *_ in present["communes"]}
    legacy, notes = build_legacy(read("legacy_units_2025_mapping.json")["wards"], province_of)
    history, history_notes = build_history(read("units_2020_2025.json"), legacy)
    for name, document in (
        ("places_legacy.json.gz", legacy),
        ("places_present.json.gz", present),
        ("places_history.json.gz", history),
    ):
        size = _write(document, args.output / name)
        notes.append(f"wrote {args.output / name} ({size:,} bytes)")
    for note in [*notes, *history_notes]:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
