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

import attrs

from ocop import json as ocop_json
from ocop import places, rubric
from ocop._render import Writer
from ocop.calendar import date, today
from ocop.council import Council, Member
from ocop.dossier import Dossier, Paper
from ocop.errors import Lang, MissingExtraError, Problem
from ocop.evaluation import Application, EvaluationRound
from ocop.plan import Plan, progress, record_of
from ocop.product import Product
from ocop.ranking import classify
from ocop.regulation import ReevaluationTerms, era
from ocop.scoring import ScoreCard, aggregate
from ocop.subject import Subject

__all__ = ["PUBLISHED_STARS", "load_example", "run", "run_round"]

EXAMPLE = "an_giang_2020"

_AFTER_ROUND = date(2020, 3, 31)
"""The day the plan's progress is read on: the end of the round."""

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
    data = json.loads(text)
    if isinstance(data, dict):
        return [ocop_json.load(kind, data)]
    return [ocop_json.load(kind, item, path=f"$[{index}]") for index, item in enumerate(data)]


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


def _place_now(product: Product, writer: Writer) -> str:
    place = product.place
    if place is None:
        return "—"
    present = place.present()
    province = places.province(present[0].province_code).name
    if len(present) == 1:
        return f"{present[0].name}, {province}"
    return writer.t(f"{len(present)} xã/phường, {province}", f"{len(present)} communes, {province}")


def _sections(writer: Writer) -> Iterator[None]:
    """The demo's sections, one at a time (the command pauses between them)."""
    subjects = {subject.id: subject for subject in load_example("subject", "subjects.json")}
    products: list[Product] = load_example("product", "products.json")
    cards: list[ScoreCard] = load_example("score_card", "cards.jsonl")
    plan: Plan = load_example("plan", "plan.json")[0]
    _the_round(writer, plan)
    yield None
    _products_and_subjects(writer, products, subjects)
    yield None
    _scoring(writer, products, cards)
    yield None
    province = _the_process(writer, subjects, products, cards)
    yield None
    _the_plan_progress(writer, plan, province, subjects)
    yield None
    _certificates_and_renewal(writer, province)
    yield None


def _the_round(writer: Writer, plan: Plan) -> None:
    """The round of An Giang's provincial council on 11 March 2020, and the plan behind it."""
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
    writer.line()
    writer.line(
        writer.t(
            f"Kế hoạch {plan.number} ngày {plan.issued_on:%d/%m/%Y} của {plan.issuer}: mỗi "
            f"huyện, thị xã, thành phố có ít nhất {plan.targets[0].minimum} sản phẩm tham gia "
            f"đánh giá cấp tỉnh ({len(plan.targets)} đơn vị).",
            f"Plan {plan.number} of {plan.issued_on:%d %B %Y} by {plan.issuer}: each district, "
            f"town and city sends at least {plan.targets[0].minimum} products to the provincial "
            f"evaluation ({len(plan.targets)} units).",
        )
    )


def _products_and_subjects(
    writer: Writer, products: list[Product], subjects: dict[str, Subject]
) -> None:
    """Each product, its subject, its product set and its place then and now."""

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
                _place_now(product, writer),
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


def _scoring(writer: Writer, products: list[Product], cards: list[ScoreCard]) -> None:
    """Each product scored on its sheet from the members' cards, against its published star."""

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


def _the_process(
    writer: Writer,
    subjects: dict[str, Subject],
    products: list[Product],
    cards: list[ScoreCard],
) -> EvaluationRound:
    """The round run through the QĐ 1048 process: districts, province, recognition."""

    writer.heading(
        "Quy trình QĐ 1048/2019: cấp huyện sơ loại, cấp tỉnh công nhận và cấp giấy chứng nhận",
        "The QĐ 1048/2019 process: the districts pre-screen, the province recognises and certifies",
    )
    _district_rounds, province = run_round(subjects, products, cards)
    writer.line(
        writer.t(
            "Hội đồng cấp huyện (5 thành viên, minh họa) chuyển lên tỉnh sản phẩm đạt từ 50 điểm; "
            "Hội đồng tỉnh (9 thành viên) chấm ngày 11/3/2020; UBND tỉnh công nhận 3–4 sao.",
            "District councils (5 members, illustrative) forward products of 50 points or more; "
            "the provincial council (9 members) scored on 11 March 2020; the province recognises "
            "3★–4★.",
        )
    )
    rows = []
    for application in province.applications:
        history = " → ".join(event.action.label(writer.lang) for event in application.events)
        rows.append([application.product.name, application.state.label(writer.lang), history])
    writer.table(
        [
            writer.t("Sản phẩm", "Product"),
            writer.t("Trạng thái", "State"),
            writer.t("Diễn biến", "Events"),
        ],
        rows,
    )
    return province


def _the_plan_progress(
    writer: Writer, plan: Plan, province: EvaluationRound, subjects: dict[str, Subject]
) -> None:
    """The plan's progress per district after the round."""

    writer.heading(
        "Tiến độ kế hoạch theo huyện (ngày 31/3/2020, sau đợt 1)",
        "The plan's progress per district (31 March 2020, after round 1)",
    )
    records = [record_of(application) for application in province.applications]
    status = progress(plan, records, on=_AFTER_ROUND, subjects=subjects.values())
    writer.line(status.render(writer.lang))
    behind = status.behind
    writer.line(
        writer.t(
            f"{len(behind)} đơn vị chưa đạt chỉ tiêu; còn {behind[0].days_left} ngày.",
            f"{len(behind)} units behind; {behind[0].days_left} days left.",
        )
        if behind
        else writer.t("Mọi đơn vị đã đạt chỉ tiêu.", "Every unit has met its target.")
    )


def _certificates_and_renewal(writer: Writer, province: EvaluationRound) -> None:
    """The certificates issued, when each expires and when its re-evaluation is filed."""

    writer.heading(
        "Giấy chứng nhận và hạn đánh giá lại (số, ngày minh họa)",
        "Certificates and their renewal (numbers and days illustrative)",
    )
    rows = []
    day = today()
    for certificate in province.certificates:
        terms = certificate.reevaluation_terms()
        rows.append(
            [
                certificate.product_name or certificate.product_id,
                str(certificate.stars),
                certificate.number,
                certificate.issued_on.isoformat(),
                certificate.expires_on.isoformat(),
                _renewal(terms, writer),
                certificate.status(day).label(writer.lang),
            ]
        )
    writer.table(
        [
            writer.t("Sản phẩm", "Product"),
            writer.t("Hạng", "Star"),
            writer.t("Số GCN", "Number"),
            writer.t("Cấp ngày", "Issued"),
            writer.t("Hết hạn", "Expires"),
            writer.t("Nộp đánh giá lại", "File re-evaluation"),
            writer.t(f"Tình trạng {day:%d/%m/%Y}", f"Status on {day.isoformat()}"),
        ],
        rows,
    )


def _renewal(terms: ReevaluationTerms, writer: Writer) -> str:
    """When to file the re-evaluation, as the era of the certificate's expiry required."""
    if terms.window is not None:
        return f"{terms.window[0].isoformat()} → {terms.window[1].isoformat()}"
    if terms.notice_by is not None:
        return writer.t("báo trước ", "notice by ") + terms.notice_by.isoformat()
    return writer.t(f"không quy định hạn ({terms.era})", f"no window ({terms.era})")


# -- the round through the process of the 1048 era -------------------------------------------

# Dates and numbers the press did not publish are illustrative and marked so where shown.
_DISTRICT_MEETING = date(2020, 2, 12)
_PROVINCE_MEETING = date(2020, 3, 11)  # published: 11 March 2020, 9 members
_DECISION_DAY = date(2020, 3, 20)
_CERTIFIED_DAY = date(2020, 3, 25)


def _council(id: str, level: str, size: int, organisation: str) -> Council:
    chair = Member(id=f"{id}-m1", name="Chủ tịch Hội đồng", organisation=organisation, role="chair")
    members = tuple(
        Member(id=f"{id}-m{number}", name=f"Thành viên {number}", organisation=organisation)
        for number in range(2, size + 1)
    )
    return Council(id=id, level=level, chair=chair, members=members)


def _papers() -> tuple[Paper, ...]:
    # QĐ 1048/2019 dossier: registration form, business plan, organisation description and the
    # business registration; the issue day is illustrative.
    return tuple(
        Paper(kind=kind, issued_on=date(2020, 1, 6))
        for kind in (
            "product_registration",
            "business_plan",
            "organisation_description",
            "business_registration",
        )
    )


def _as_member(card: ScoreCard, member: str) -> ScoreCard:
    return attrs.evolve(card, member=member)


def _district_round(
    code: str,
    products: list[Product],
    subjects: dict[str, Subject],
    by_product: dict[str, list[ScoreCard]],
) -> EvaluationRound:
    """One district's round of 2020: its council pre-screens the district's products."""
    regulation = era("1048/2019")
    name = places.district(code).name
    council = _council(f"hd-{code}", "district", 5, f"UBND {name}")
    council.check_size(regulation)  # 5 to 7 members (QĐ 1048/QĐ-TTg, Phụ lục II)
    round_ = EvaluationRound(
        id=f"{code}-2020",
        level="district",
        regulation=regulation,
        council=council,
        starts_on=date(2020, 2, 3),
        finishes_by=date(2020, 2, 28),
    )
    for product in products:
        owner = subjects[product.subject_id]
        dossier = Dossier(
            id=f"hs-{product.id}",
            subject=owner,
            product=product,
            evaluation_type="first",
            papers=_papers(),
            samples=5,
        )
        application = Application.draft(dossier, on=date(2020, 1, 6)).file(on=date(2020, 1, 13))
        round_ = round_.admit(application, on=date(2020, 2, 3))
        for scorer, card in zip(council.scorers, by_product[product.id], strict=False):
            round_ = round_.submit(_as_member(card, scorer.id), on=_DISTRICT_MEETING)
    round_ = round_.close(on=_DISTRICT_MEETING)
    return round_.decide(
        on=date(2020, 2, 14),
        decision_no=f"{code}/QĐ-UBND (minh họa)",
        papers={
            application.id: (
                Paper(kind="district_request", issued_on=date(2020, 2, 14)),
                Paper(kind="council_minutes", issued_on=date(2020, 2, 12)),
            )
            for application in round_.applications
        },
    )


def run_round(
    subjects: dict[str, Subject], products: list[Product], cards: list[ScoreCard]
) -> tuple[list[EvaluationRound], EvaluationRound]:
    """The district rounds and the provincial round of 2020 under QĐ 1048, on the bundled data.

    Each district council (5 members, illustrative) pre-screens its products and forwards those
    of 50 points or more; the provincial council (9 members, 11 March 2020) scores them with
    the bundled illustrative cards, the province recognises 3★ and 4★ and certifies.
    """
    regulation = era("1048/2019")
    by_product: dict[str, list[ScoreCard]] = {}
    for card in cards:
        by_product.setdefault(card.product, []).append(card)
    scored = [product for product in products if product.id in by_product]
    districts: dict[str, list[Product]] = {}
    for product in scored:
        district_code = product.place.district_code if product.place else None
        if district_code is not None:
            districts.setdefault(district_code, []).append(product)

    district_rounds = [
        _district_round(code, members_products, subjects, by_product)
        for code, members_products in districts.items()
    ]
    forwarded = [application for round_ in district_rounds for application in round_.sent_up]

    council = _council("hd-an-giang", "province", 9, "UBND tỉnh An Giang")
    council.check_size(regulation)  # 9 to 11 members (QĐ 1048/QĐ-TTg, Phụ lục II)
    province = EvaluationRound(
        id="an-giang-2020-1",
        level="province",
        regulation=regulation,
        council=council,
        starts_on=date(2020, 3, 2),
        finishes_by=date(2020, 3, 31),
    )
    for application in forwarded:
        province = province.admit(application, on=date(2020, 3, 2))
    province = province.attend(member.id for member in council.scorers)
    for application in forwarded:
        for scorer, card in zip(council.scorers, by_product[application.product.id], strict=True):
            province = province.submit(_as_member(card, scorer.id), on=_PROVINCE_MEETING)
    province = province.close(on=_PROVINCE_MEETING)
    province = province.decide(on=_DECISION_DAY, decision_no="(minh họa)/QĐ-UBND")
    province = province.certify(
        on=_CERTIFIED_DAY,
        numbers={
            application.id: f"AG-2020-{number:02d} (minh họa)"
            for number, application in enumerate(province.applications, start=1)
        },
        authority="UBND tỉnh An Giang",
    )
    return district_rounds, province


def run(out: TextIO, *, lang: Lang = "vi") -> None:
    """Tell the story of the round on ``out``."""
    writer = Writer(out, lang)
    for _ in _sections(writer):
        pass


def keep(path: str, out: TextIO, *, lang: Lang = "vi") -> None:
    """Keep the round in the store at ``path`` (``ocop[store]``) and tell what it gives back.

    Keeping it twice adds nothing: the store is keyed by each document's identifier.

    Raises:
        MissingExtraError: ``extra.missing`` without the ``store`` extra.
        StoreError: ``store.cannot_open``.
    """
    try:
        from ocop.store import Store
    except ModuleNotFoundError:
        raise MissingExtraError(
            Problem(
                code="extra.missing",
                path="$",
                value="store",
                message_vi="Cần cài gói tùy chọn 'store' (SQLAlchemy, pg8000): "
                "pip install 'ocop[store]'",
                message_en="this needs the optional extra 'store' (SQLAlchemy, pg8000): "
                "pip install 'ocop[store]'",
            )
        ) from None

    writer = Writer(out, lang)
    subjects = load_example("subject", "subjects.json")
    products: list[Product] = load_example("product", "products.json")
    cards: list[ScoreCard] = load_example("score_card", "cards.jsonl")
    districts, province = run_round({s.id: s for s in subjects}, products, cards)
    applications = {a.id: a for r in (*districts, province) for a in r.applications}
    kept = {
        "subject": subjects,
        "product": products,
        "score_card": cards,
        "council": [province.council, *(r.council for r in districts)],
        "application": list(applications.values()),
        "certificate": [a.certificate for a in province.applications if a.certificate],
        "plan": load_example("plan", "plan.json"),
        "product_record": [record_of(application) for application in province.applications],
    }
    writer.heading("Lưu vào cơ sở dữ liệu", "Kept in a database")
    with Store.open(path) as store:
        rows = []
        for kind, values in kept.items():
            report = store.add_all(values)
            back = list(store.all(kind))
            same = len(back) == len(values) and all(value in back for value in values)
            rows.append([kind, report.added, report.unchanged, len(back), "=" if same else "≠"])
        writer.table(
            [
                writer.t("Loại", "Kind"),
                writer.t("Thêm", "Added"),
                writer.t("Đã có", "Already kept"),
                writer.t("Đọc lại", "Read back"),
                writer.t("Như đã lưu", "As kept"),
            ],
            rows,
        )
        day = _CERTIFIED_DAY.add(months=1)
        in_force = store.in_force(day, era="legacy", province="89")
        writer.line(
            writer.t(
                f"{path}: {len(in_force)} giấy chứng nhận còn hiệu lực ngày "
                f"{day.format('DD/MM/YYYY')} tại tỉnh An Giang; tìm 'tra xa den': "
                + ", ".join(p.name for p in store.search("tra xa den")),
                f"{path}: {len(in_force)} certificates in force on {day.isoformat()} in An "
                "Giang; search 'tra xa den': "
                + ", ".join(p.name for p in store.search("tra xa den")),
            )
        )
