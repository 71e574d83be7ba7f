"""The story of An Giang's first OCOP round of 2020, told on bundled data.

Published facts (Kế hoạch 180/KH-UBND; the provincial council of 11 March 2020 with 9 members;
the six products certified and their stars; the subjects named in the press) come with their
sources in ``ocop/examples/an_giang_2020/SOURCES.md``. The council members' individual score
cards were never published: the cards bundled here are illustrative, made so that each
product's council mean falls in the band of its published star, and the demo says so.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from typing import Any, TextIO

from ocop import json as ocop_json
from ocop import places, rubric
from ocop.classify import classify
from ocop.errors import Lang
from ocop.product import Product
from ocop.scoring import ScoreCard, aggregate
from ocop.subject import Subject

__all__ = ["PUBLISHED_STARS", "load_example", "run"]

EXAMPLE = "an_giang_2020"

PUBLISHED_STARS: dict[str, int] = {
    "tranh-la-thot-not": 4,
    "duong-thot-not-set-palmania": 4,
    "tra-xa-den": 3,
    "gao-thom-ngoc-nhan": 3,
    "kho-ca-tra-phong": 3,
    "lap-xuong-bo": 3,
}
"""The stars of round 1/2020 as published (Sở NN&PTNT An Giang; see SOURCES.md)."""


def _text(name: str) -> str:
    return (resources.files("ocop.examples") / EXAMPLE / name).read_text("utf-8")


def load_example(kind: str, name: str) -> list[Any]:
    """The documents of one bundled file, loaded through the JSON contract."""
    text = _text(name)
    if name.endswith(".jsonl"):
        loaded = []
        for item in ocop_json.iter_lines(kind, text.splitlines()):
            if isinstance(item, Exception):
                raise item
            loaded.append(item)
        return loaded
    return [
        ocop_json.load(kind, data, path=f"$[{index}]")
        for index, data in enumerate(json.loads(text))
    ]


class _Writer:
    def __init__(self, out: TextIO, lang: Lang) -> None:
        self.out, self.lang = out, lang

    def t(self, vi: str, en: str) -> str:
        return en if self.lang == "en" else vi

    def line(self, text: str = "") -> None:
        print(text, file=self.out)

    def heading(self, vi: str, en: str) -> None:
        title = self.t(vi, en)
        self.line()
        self.line(title)
        self.line("=" * len(title))

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        widths = [
            max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
            for i, h in enumerate(headers)
        ]
        self.line("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
        self.line("  ".join("-" * w for w in widths))
        for row in rows:
            self.line("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def _place_then(product: Product) -> str:
    place = product.place
    if place is None:
        return "—"
    names = []
    if place.commune_code is not None:
        names.append(places.commune(place.commune_code, era=place.era).name)
    if place.district_code is not None:
        names.append(places.district(place.district_code).short_name)
    return ", ".join(names)


def _place_now(product: Product) -> str:
    place = product.place
    if place is None:
        return "—"
    present = place.present()
    province = places.province(present[0].province_code).name
    if len(present) == 1:
        return f"{present[0].name}, {province}"
    return f"{len(present)} xã/phường (communes), {province}"


def _sections(writer: _Writer) -> Iterator[None]:
    subjects = {subject.id: subject for subject in load_example("subject", "subjects.json")}
    products: list[Product] = load_example("product", "products.json")
    cards: list[ScoreCard] = load_example("score_card", "cards.jsonl")

    writer.heading(
        "An Giang — đánh giá, phân hạng sản phẩm OCOP cấp tỉnh, đợt 1 năm 2020",
        "An Giang — provincial OCOP evaluation, round 1 of 2020",
    )
    writer.line(
        writer.t(
            "Hội đồng cấp tỉnh họp ngày 11/3/2020 với 9 thành viên, chấm các sản phẩm đã được "
            "hội đồng cấp huyện đánh giá từ 3 sao; bộ tiêu chí QĐ 1048/QĐ-TTg (sửa đổi bởi "
            "QĐ 781/2020).",
            "The provincial council met on 11 March 2020 with 9 members, on products its "
            "district councils had rated 3★ or more; score sheets of QĐ 1048/QĐ-TTg (amended "
            "by QĐ 781/2020).",
        )
    )
    yield None

    writer.heading("Sản phẩm và chủ thể", "Products and subjects")
    rows = []
    for product in products:
        subject: Subject | None = subjects.get(product.subject_id)
        sheet = rubric.load(product.decision).sheet(product.set_no)
        rows.append(
            [
                product.name,
                subject.name if subject else writer.t("(chưa công bố)", "(not published)"),
                f"{product.set_no}. {sheet.name}",
                _place_then(product),
                _place_now(product),
            ]
        )
    writer.table(
        [
            writer.t("Sản phẩm", "Product"),
            writer.t("Chủ thể", "Subject"),
            writer.t("Bộ sản phẩm (QĐ 1048)", "Product set (QĐ 1048)"),
            writer.t("Địa bàn năm 2020", "Place in 2020"),
            writer.t("Đơn vị hiện nay (từ 1/7/2025)", "Present unit (since 1 July 2025)"),
        ],
        rows,
    )
    yield None

    writer.heading(
        "Chấm điểm (phiếu chấm minh họa — phiếu thật không được công bố)",
        "Scoring (illustrative cards — the real cards were not published)",
    )
    reasons: list[str] = []
    notes: dict[str, None] = {}
    by_product: dict[str, list[ScoreCard]] = {}
    for card in cards:
        by_product.setdefault(card.product, []).append(card)
    rows = []
    for product in products:
        published = PUBLISHED_STARS[product.id]
        sheet = rubric.load(product.decision).sheet(product.set_no)
        if not sheet.available:
            rows.append(
                [
                    product.name,
                    "—",
                    "—",
                    f"{published}★",
                    writer.t(
                        "phiếu bộ 'Gạo, ngũ cốc' của QĐ 1048 chưa có bản công khai",
                        "QĐ 1048's 'Gạo, ngũ cốc' sheet has no public copy",
                    ),
                ]
            )
            continue
        result = aggregate(sheet, by_product[product.id])
        ranking = classify(sheet, result)
        for line in ranking.explain(writer.lang).splitlines():
            if line.startswith("* "):
                notes.setdefault(line)
            else:
                reasons.append(line)
        totals = "/".join(str(card.total) for card in result.cards)
        star = "—" if ranking.star is None else str(ranking.star)
        rows.append(
            [
                product.name,
                f"{result.score}",
                star,
                f"{published}★",
                f"{len(result.cards)} {writer.t('phiếu', 'cards')}: {totals}",
            ]
        )
    writer.table(
        [
            writer.t("Sản phẩm", "Product"),
            writer.t("Điểm TB", "Mean"),
            writer.t("Hạng", "Star"),
            writer.t("Công bố", "Published"),
            writer.t("Tổng điểm từng thành viên", "Members' totals"),
        ],
        rows,
    )
    writer.line()
    writer.line(writer.t("Lý do:", "Why:"))
    for line in [*reasons, *notes]:
        writer.line(f"  {line}")
    yield None


def run(out: TextIO, *, lang: Lang = "vi") -> None:
    """Tell the story of the round on ``out``."""
    writer = _Writer(out, lang)
    for _ in _sections(writer):
        pass
