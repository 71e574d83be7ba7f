"""The legal eras of OCOP: who evaluates and recognises which stars, with which papers, by when.

Four sets of rules have governed OCOP evaluation, each chosen by date:

- ``1048/2019`` (from 2019-08-21; QĐ 1048/QĐ-TTg, amended by 781/QĐ-TTg): the district
  council pre-scores and forwards products of 50 points or more; the province recognises
  3★–4★; the centre 5★.
- ``148/2023`` (from 2023-02-24; QĐ 148/QĐ-TTg, Phụ lục II): the district recognises 3★ and
  forwards 70 points or more; the province recognises 4★ and forwards 90 or more; the centre 5★.
- ``148/2023+1489/2025`` (from 2025-07-01, when districts ceased; QĐ 1489/QĐ-TTg of 6 July
  2025): the commune pre-assesses; the province recognises 3★–4★; the centre 5★.
- ``26/2026`` (from 2026-05-22; QĐ 26/2026/QĐ-TTg, Art. 4–12): as 1489, with deadlines, round
  windows and transition rules.

Each era is one immutable :class:`Regulation` read from ``data/regulations.json``: its score
sheets (rubric decision), its levels and the stars each may recognise, its document list, its
deadlines, its round windows and, for 26/2026, its transition rules. Every rule carries the
article that enacts it. A province that reads an open point differently builds its own era with
:func:`attrs.evolve`.

>>> regulation_for(date(2020, 3, 11)).key
'1048/2019'
>>> era("148").recognising_level(3)
<Level.DISTRICT: 'district'>
>>> current = era("26/2026")
>>> current.recognising_level(4), current.recognising_level(5)
(<Level.PROVINCE: 'province'>, <Level.CENTRE: 'centre'>)
>>> current.commune_due(date(2026, 2, 10))  # 15 working days, Tết Bính Ngọ skipped
Date(2026, 3, 10)
>>> current.certificate_expiry(date(2026, 6, 19))
Date(2029, 6, 19)
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any

import attrs
import pendulum

from ocop._fields import OneOf
from ocop._fields import to_day as to_day
from ocop._fields import to_optional_day as to_optional_day
from ocop.calendar import add_months, add_working_days, as_date, parse_date
from ocop.calendar import date as date  # for the examples below
from ocop.errors import InputError, Lang, Problem

__all__ = [
    "Condition",
    "CouncilRules",
    "CouncilSize",
    "Deadlines",
    "DocumentKind",
    "GraceScope",
    "Level",
    "LevelRule",
    "Packet",
    "Period",
    "ReevaluationTerms",
    "Regulation",
    "Requirement",
    "RevocationAuthority",
    "RoundWindow",
    "SampleRule",
    "Transition",
    "Unit",
    "WindowReading",
    "era",
    "eras",
    "regulation_for",
]


def _fail(code: str, path: str, value: object, vi: str, en: str) -> InputError:
    return InputError(Problem(code=code, path=path, value=value, message_vi=vi, message_en=en))


class Level(enum.StrEnum):
    """A tier of government that handles OCOP dossiers (cấp)."""

    COMMUNE = "commune"
    """Cấp xã: receives dossiers and, from 1 July 2025, pre-assesses them."""
    DISTRICT = "district"
    """Cấp huyện: scored dossiers until 30 June 2025 (recognised 3★ under QĐ 148/2023)."""
    PROVINCE = "province"
    """Cấp tỉnh."""
    CENTRE = "centre"
    """Cấp trung ương: the ministry in charge of OCOP."""

    @property
    def label_vi(self) -> str:
        """The Vietnamese name of the level."""
        return _LEVEL_VI[self]

    def label(self, lang: Lang = "vi") -> str:
        """The level in words.

        >>> Level.PROVINCE.label("vi"), Level.PROVINCE.label("en")
        ('cấp tỉnh', 'province')
        """
        return self.value if lang == "en" else _LEVEL_VI[self]

    @property
    def rank(self) -> int:
        """0 for the commune up to 3 for the centre."""
        return _LEVEL_RANK[self]


_LEVEL_VI = {
    Level.COMMUNE: "cấp xã",
    Level.DISTRICT: "cấp huyện",
    Level.PROVINCE: "cấp tỉnh",
    Level.CENTRE: "cấp trung ương",
}
_LEVEL_RANK = {Level.COMMUNE: 0, Level.DISTRICT: 1, Level.PROVINCE: 2, Level.CENTRE: 3}


class DocumentKind(enum.StrEnum):
    """The kinds of paper an OCOP dossier is made of, across the eras."""

    FORM_01 = "form_01"
    """Phiếu đăng ký (QĐ 26/2026/QĐ-TTg, Mẫu số 01)."""
    FORM_02 = "form_02"
    """Báo cáo tự đánh giá về sản phẩm (Mẫu số 02)."""
    FORM_03 = "form_03"
    """Báo cáo đánh giá một số nội dung của hồ sơ, by the commune (Mẫu số 03)."""
    IDEA_REGISTRATION = "idea_registration"
    """Phiếu đăng ký ý tưởng sản phẩm (QĐ 1048/2019, biểu 01)."""
    PRODUCT_REGISTRATION = "product_registration"
    """Phiếu đăng ký sản phẩm (QĐ 1048/2019, biểu 02)."""
    BUSINESS_PLAN = "business_plan"
    """Phương án, dự án sản xuất kinh doanh (QĐ 1048/2019, biểu 03)."""
    ORGANISATION_DESCRIPTION = "organisation_description"
    """Bản mô tả chung về chủ thể và sản phẩm (QĐ 1048/2019, biểu 04)."""
    BUSINESS_REGISTRATION = "business_registration"
    """Giấy chứng nhận đăng ký kinh doanh / doanh nghiệp / hợp tác xã."""
    FOOD_SAFETY_CERTIFICATE = "food_safety_certificate"
    """Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm."""
    FOOD_SAFETY_COMMITMENT = "food_safety_commitment"
    """Bản cam kết bảo đảm an toàn thực phẩm, for facilities the law exempts from the
    certificate (Decree 15/2018/NĐ-CP, Art. 12)."""
    PRODUCTION_CONDITION_CERTIFICATE = "production_condition_certificate"
    """Giấy chứng nhận cơ sở đủ điều kiện sản xuất, where the product needs one."""
    QUALITY_DECLARATION = "quality_declaration"
    """Bản tự công bố / công bố chất lượng sản phẩm."""
    PRODUCT_STANDARD = "product_standard"
    """Tiêu chuẩn cơ sở / tiêu chuẩn sản phẩm."""
    LAB_RESULTS = "lab_results"
    """Phiếu kết quả kiểm nghiệm chỉ tiêu chất lượng, an toàn thực phẩm."""
    IP_TITLE = "ip_title"
    """Văn bằng sở hữu trí tuệ: trademark, geographical indication, patent, design, copyright."""
    TRACEABILITY = "traceability"
    """Mã số mã vạch, tem truy xuất nguồn gốc."""
    RAW_MATERIAL_ORIGIN = "raw_material_origin"
    """Nguồn gốc nguyên liệu, vùng nguyên liệu."""
    LINKAGE_CONTRACT = "linkage_contract"
    """Hợp đồng, thỏa thuận liên kết chuỗi."""
    QUALITY_MANAGEMENT = "quality_management"
    """Chứng nhận hệ thống quản lý chất lượng (ISO, HACCP, VietGAP, hữu cơ…)."""
    ENVIRONMENTAL_PAPERS = "environmental_papers"
    """Hồ sơ, thủ tục về môi trường."""
    LABOUR_LIST = "labour_list"
    """Danh sách lao động đóng bảo hiểm, with residence."""
    FINANCIAL_REPORTS = "financial_reports"
    """Báo cáo tài chính hai năm gần nhất, or the cooperative's classification."""
    MARKET_EVIDENCE = "market_evidence"
    """Hợp đồng, hóa đơn, chứng từ phân phối, xuất khẩu, xúc tiến thương mại."""
    PROMOTION_EVIDENCE = "promotion_evidence"
    """Minh chứng về website, hoạt động quảng bá."""
    PRODUCT_STORY = "product_story"
    """Tờ rơi, hình ảnh, phim… về câu chuyện sản phẩm."""
    AWARDS = "awards"
    """Giải thưởng, bình chọn."""
    CHANGE_REPORT = "change_report"
    """Tài liệu minh chứng những thay đổi so với sản phẩm đã được công nhận (an upgrade)."""
    COMMUNE_REQUEST = "commune_request"
    """Văn bản của UBND cấp xã đề nghị UBND cấp tỉnh đánh giá (Art. 6.2.a)."""
    DISTRICT_REQUEST = "district_request"
    """Văn bản của UBND cấp huyện đề nghị tỉnh đánh giá (1048, 148)."""
    COUNCIL_MINUTES = "council_minutes"
    """Biên bản, kết quả của Hội đồng cấp huyện (1048, 148)."""
    PROVINCE_REQUEST = "province_request"
    """Văn bản của UBND cấp tỉnh đề nghị Bộ đánh giá 5★ (Art. 6.3)."""
    ADVISORY_REPORT = "advisory_report"
    """Báo cáo đánh giá của Tổ tư vấn Hội đồng cấp tỉnh (Art. 6.3.a)."""
    COUNCIL_REPORT = "council_report"
    """Báo cáo đánh giá của Hội đồng cấp tỉnh (Art. 6.3.a)."""
    APPROVAL_DECISION = "approval_decision"
    """Quyết định phê duyệt kết quả đánh giá của Chủ tịch UBND cấp tỉnh (Art. 6.3.a)."""
    OCOP_OFFICE_REPORT = "ocop_office_report"
    """Báo cáo của cơ quan tham mưu quản lý OCOP cấp tỉnh, for a 5★ re-evaluation (Art. 6.3.b)."""
    EXTRA_TESTS = "extra_tests"
    """Văn bản xác nhận kiểm tra, kiểm nghiệm bổ sung của cấp tỉnh (Art. 6.3, if any)."""
    OTHER = "other"
    """Any other supporting paper."""

    def label(self, lang: Lang = "vi") -> str:
        """The paper's name in words.

        >>> DocumentKind.COMMUNE_REQUEST.label("vi")
        'văn bản đề nghị của UBND cấp xã'
        >>> DocumentKind.COMMUNE_REQUEST.label("en")
        "the commune's request"
        """
        vi, en = _DOCUMENT_WORDS[self]
        return en if lang == "en" else vi


_DOCUMENT_WORDS: dict[DocumentKind, tuple[str, str]] = {
    DocumentKind.FORM_01: ("phiếu đăng ký (Mẫu số 01)", "registration form (Form 01)"),
    DocumentKind.FORM_02: (
        "báo cáo tự đánh giá (Mẫu số 02)",
        "self-assessment report (Form 02)",
    ),
    DocumentKind.FORM_03: (
        "báo cáo đánh giá của UBND cấp xã (Mẫu số 03)",
        "the commune's assessment (Form 03)",
    ),
    DocumentKind.IDEA_REGISTRATION: ("phiếu đăng ký ý tưởng sản phẩm", "product idea form"),
    DocumentKind.PRODUCT_REGISTRATION: ("phiếu đăng ký sản phẩm", "product registration form"),
    DocumentKind.BUSINESS_PLAN: (
        "phương án, dự án sản xuất kinh doanh",
        "production and business plan",
    ),
    DocumentKind.ORGANISATION_DESCRIPTION: (
        "bản mô tả chung về chủ thể và sản phẩm",
        "description of the subject and product",
    ),
    DocumentKind.BUSINESS_REGISTRATION: (
        "giấy chứng nhận đăng ký kinh doanh",
        "business registration certificate",
    ),
    DocumentKind.FOOD_SAFETY_CERTIFICATE: (
        "giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
        "food safety certificate",
    ),
    DocumentKind.FOOD_SAFETY_COMMITMENT: (
        "bản cam kết bảo đảm an toàn thực phẩm",
        "food safety commitment",
    ),
    DocumentKind.PRODUCTION_CONDITION_CERTIFICATE: (
        "giấy chứng nhận cơ sở đủ điều kiện sản xuất",
        "production conditions certificate",
    ),
    DocumentKind.QUALITY_DECLARATION: (
        "bản công bố chất lượng sản phẩm",
        "product quality declaration",
    ),
    DocumentKind.PRODUCT_STANDARD: ("tiêu chuẩn cơ sở của sản phẩm", "product standard"),
    DocumentKind.LAB_RESULTS: ("phiếu kết quả kiểm nghiệm", "laboratory test results"),
    DocumentKind.IP_TITLE: ("văn bằng sở hữu trí tuệ", "intellectual property title"),
    DocumentKind.TRACEABILITY: (
        "mã số mã vạch, tem truy xuất nguồn gốc",
        "barcode and traceability stamp",
    ),
    DocumentKind.RAW_MATERIAL_ORIGIN: ("nguồn gốc nguyên liệu", "origin of raw materials"),
    DocumentKind.LINKAGE_CONTRACT: ("hợp đồng liên kết chuỗi", "value-chain linkage contract"),
    DocumentKind.QUALITY_MANAGEMENT: (
        "chứng nhận hệ thống quản lý chất lượng",
        "quality management certification",
    ),
    DocumentKind.ENVIRONMENTAL_PAPERS: ("hồ sơ, thủ tục về môi trường", "environmental papers"),
    DocumentKind.LABOUR_LIST: ("danh sách lao động", "list of workers"),
    DocumentKind.FINANCIAL_REPORTS: ("báo cáo tài chính", "financial reports"),
    DocumentKind.MARKET_EVIDENCE: (
        "chứng từ phân phối, xuất khẩu, xúc tiến thương mại",
        "evidence of distribution, export and trade promotion",
    ),
    DocumentKind.PROMOTION_EVIDENCE: ("minh chứng quảng bá", "evidence of promotion"),
    DocumentKind.PRODUCT_STORY: ("câu chuyện sản phẩm", "product story"),
    DocumentKind.AWARDS: ("giải thưởng, bình chọn", "awards"),
    DocumentKind.CHANGE_REPORT: (
        "minh chứng những thay đổi so với sản phẩm đã được công nhận",
        "evidence of the changes since recognition",
    ),
    DocumentKind.COMMUNE_REQUEST: ("văn bản đề nghị của UBND cấp xã", "the commune's request"),
    DocumentKind.DISTRICT_REQUEST: (
        "văn bản đề nghị của UBND cấp huyện",
        "the district's request",
    ),
    DocumentKind.COUNCIL_MINUTES: ("biên bản Hội đồng cấp huyện", "the district council's minutes"),
    DocumentKind.PROVINCE_REQUEST: ("văn bản đề nghị của UBND cấp tỉnh", "the province's request"),
    DocumentKind.ADVISORY_REPORT: (
        "báo cáo của Tổ tư vấn cấp tỉnh",
        "the provincial advisory team's report",
    ),
    DocumentKind.COUNCIL_REPORT: (
        "báo cáo của Hội đồng cấp tỉnh",
        "the provincial council's report",
    ),
    DocumentKind.APPROVAL_DECISION: (
        "quyết định phê duyệt kết quả đánh giá",
        "decision approving the results",
    ),
    DocumentKind.OCOP_OFFICE_REPORT: (
        "báo cáo của cơ quan tham mưu OCOP cấp tỉnh",
        "the provincial OCOP office's report",
    ),
    DocumentKind.EXTRA_TESTS: (
        "văn bản xác nhận kiểm tra, kiểm nghiệm bổ sung",
        "confirmation of further tests",
    ),
    DocumentKind.OTHER: ("giấy tờ khác", "other paper"),
}


class Packet(enum.StrEnum):
    """The bundles a dossier travels in, each adding papers to the one before."""

    FILING = "filing"
    """What the subject files (hồ sơ sản phẩm; 26/2026 Art. 6.1)."""
    PROPOSAL = "proposal"
    """What the commune (or, before July 2025, the district) sends the province (Art. 6.2)."""
    CENTRAL = "central"
    """What the province sends the ministry for 5★ (Art. 6.3)."""

    @property
    def order(self) -> int:
        """0, 1, 2: a later packet includes the papers of the earlier ones."""
        return _PACKET_ORDER[self]


_PACKET_ORDER = {Packet.FILING: 0, Packet.PROPOSAL: 1, Packet.CENTRAL: 2}


class Condition(enum.StrEnum):
    """When a required paper applies."""

    ALWAYS = "always"
    REGISTERED_SUBJECT = "registered_subject"
    """The subject is registered (has a tax code, or is a kind that must register)."""
    FOOD = "food"
    """The product set is a food or drink set of the era (``Regulation.food_sets``)."""
    GOODS = "goods"
    """The product is goods, not the tourism service set (``Regulation.service_sets``)."""
    FIRST_OR_UPGRADE = "first_or_upgrade"
    REEVALUATION = "reevaluation"


class Unit(enum.StrEnum):
    """How a period is counted."""

    WORKING_DAYS = "working_days"
    DAYS = "days"
    MONTHS = "months"


@attrs.frozen(kw_only=True)
class Period:
    """A legal period ("15 ngày làm việc", "36 tháng") and the article that sets it.

    A period counted from a day does not count that day and ends at the end of its last day
    (Civil Code 2015, Art. 147–148): :meth:`after` is that last day.

    >>> Period(amount=36, unit=Unit.MONTHS, article="Art. 4.3").after(date(2025, 6, 19))
    Date(2028, 6, 19)
    >>> Period(amount=15, unit=Unit.DAYS, article="Art. 8.4").after(date(2026, 6, 1))
    Date(2026, 6, 16)
    """

    amount: int
    unit: Unit = attrs.field(converter=OneOf[Unit])
    article: str

    def after(self, start: dt.date) -> pendulum.Date:
        """The last day of the period that starts the day after ``start``."""
        day = as_date(start)
        if self.unit is Unit.WORKING_DAYS:
            return add_working_days(day, self.amount)
        if self.unit is Unit.MONTHS:
            return add_months(day, self.amount)
        return day.add(days=self.amount)

    def before(self, end: dt.date) -> pendulum.Date:
        """The day ``amount`` calendar days (or months) before ``end``."""
        day = as_date(end)
        if self.unit is Unit.MONTHS:
            return add_months(day, -self.amount)
        if self.unit is Unit.DAYS:
            return day.subtract(days=self.amount)
        raise ValueError("working-day periods are counted forwards only")


@attrs.frozen(kw_only=True)
class Deadlines:
    """The periods of an era; ``None`` where its texts set none.

    Attributes:
        certificate: how long a certificate lasts (26/2026 Art. 4.3: 36 months).
        commune_review: the commune's time to check, assess and forward a dossier
            (26/2026 Art. 7.2: 15 working days from receipt).
        reevaluation_opens: how long before expiry a re-evaluation may be filed at the
            earliest (Art. 7.6.a: 180 days).
        reevaluation_closes: how long before expiry it must be filed at the latest (120 days).
        reevaluation_limit: how long the re-evaluation may take from a complete dossier
            (Art. 7.6.g: 45 days).
        revocation_limit: how long after the finding a revocation is decided (Art. 8.4: 15 days).
        reevaluation_notice: how long before expiry, at the latest, the issuing body tells the
            holder its certificate is ending (QĐ 148/QĐ-TTg: 30 days).
    """

    certificate: Period
    commune_review: Period | None = None
    reevaluation_opens: Period | None = None
    reevaluation_closes: Period | None = None
    reevaluation_limit: Period | None = None
    revocation_limit: Period | None = None
    reevaluation_notice: Period | None = None


class RevocationAuthority(enum.StrEnum):
    """Who revokes (thu hồi) a certificate in an era."""

    BY_STAR = "by_star"
    """The level that recognises the certificate's star in the era (26/2026 Art. 8.2: the
    provincial chairman for 3★–4★, the Minister for 5★), whoever issued it."""
    ISSUER = "issuer"
    """The level that issued the certificate; where that level no longer exists in the era
    (a district after 1 July 2025), the level that recognises its star. The reading for the
    eras whose texts name no revocation authority."""


@attrs.frozen(kw_only=True)
class ReevaluationTerms:
    """What an era required of a certificate's re-evaluation (đánh giá, phân hạng lại).

    Attributes:
        era: the key of the era.
        window: the first and last day the holder may file (26/2026 Art. 7.6.a), or ``None``
            where the era set no filing window.
        notice_by: the last day the issuing body tells the holder the certificate is ending
            (QĐ 148/QĐ-TTg), or ``None`` where the era set no notice.
        rule_vi: what the era required, in Vietnamese.
        rule_en: the same in English.
        article: the article, or the source, behind it.

    >>> terms = era("148").reevaluation_terms(date(2026, 6, 28))
    >>> terms.window, terms.notice_by
    (None, Date(2026, 5, 29))
    """

    era: str
    window: tuple[pendulum.Date, pendulum.Date] | None
    notice_by: pendulum.Date | None
    rule_vi: str
    rule_en: str
    article: str

    def describe(self, lang: str = "vi") -> str:
        """The terms in words, with their days.

        >>> print(era("1048").reevaluation_terms(date(2023, 3, 11)).describe("en"))
        ... # doctest: +ELLIPSIS
        1048/2019: no filing window: the certificate lasts 36 months ...
        >>> print(era("148").reevaluation_terms(date(2026, 6, 28)).describe("en"))
        ... # doctest: +ELLIPSIS
        148/2023: no filing window: ... (notice by 2026-05-29)
        """
        words = self.rule_en if lang == "en" else self.rule_vi
        days: list[str] = []
        if self.window is not None:
            first, last = (day.isoformat() for day in self.window)
            days.append(f"{first} → {last}")
        if self.notice_by is not None:
            days.append(
                f"notice by {self.notice_by.isoformat()}"
                if lang == "en"
                else f"thông báo chậm nhất {self.notice_by.isoformat()}"
            )
        shown = f" ({'; '.join(days)})" if days else ""
        return f"{self.era}: {words}{shown}"


class WindowReading(enum.StrEnum):
    """How "trước ngày 30 tháng 6" (Art. 5) is read."""

    BEFORE = "before"
    """Literally: the last allowed day is the 29th (the default)."""
    BY = "by"
    """As "by": the 30th itself is allowed."""


@attrs.frozen(kw_only=True)
class RoundWindow:
    """A regular evaluation round of one level (26/2026 Art. 5).

    Attributes:
        level: the level that holds the round.
        number: 1 or 2, the order the article gives.
        proposals_before: (month, day) the proposals must come before.
        finishes_before: (month, day) the round must finish before.
        article: the article.

    A round is named by the year it finishes in: the ministry's second round of ``2027``
    takes proposals until 30 January 2027 and finishes by 30 March 2027.
    """

    level: Level = attrs.field(converter=OneOf[Level])
    number: int
    proposals_before: tuple[int, int]
    finishes_before: tuple[int, int]
    article: str

    def proposals_due(
        self, year: int, reading: WindowReading = WindowReading.BEFORE
    ) -> pendulum.Date:
        """The last day a proposal may be dated for the round finishing in ``year``."""
        return _last_day(year, self.proposals_before, reading)

    def finish_due(self, year: int, reading: WindowReading = WindowReading.BEFORE) -> pendulum.Date:
        """The last day the round finishing in ``year`` may finish."""
        return _last_day(year, self.finishes_before, reading)


def _last_day(year: int, month_day: tuple[int, int], reading: WindowReading) -> pendulum.Date:
    printed = pendulum.Date(year, *month_day)
    return printed if reading is WindowReading.BY else printed.subtract(days=1)


@attrs.frozen(kw_only=True)
class Requirement:
    """A paper a dossier must hold: any one of ``kinds``, in ``packet``, when ``condition``."""

    kinds: frozenset[DocumentKind]
    packet: Packet = attrs.field(converter=OneOf[Packet])
    condition: Condition = attrs.field(converter=OneOf[Condition])
    article: str


@attrs.frozen(kw_only=True)
class SampleRule:
    """Product samples (sản phẩm mẫu): how many, in which packets, which sets are exempt."""

    count: int
    packets: frozenset[Packet]
    exempt_sets: frozenset[int]
    article: str


class GraceScope(enum.StrEnum):
    """Which certificates the 180-day grace of 26/2026 Art. 12.3 covers.

    In either scope the certificate must have been issued before the era took effect and
    still be valid that day (Art. 12.1: it "continues" to its expiry), and the late filing
    must be made on or after that day: the grace is a rule of the transition, with no effect
    on days before it.
    """

    ISSUED_BEFORE = "issued_before"
    """Every such certificate (Art. 12.1's certificates; the default)."""
    WINDOW_UNREACHABLE = "window_unreachable"
    """Only those whose 180..120-day window had already closed when the era took effect."""


@attrs.frozen(kw_only=True)
class Transition:
    """How an era treats what was under way when it took effect (26/2026 Art. 11–12).

    Attributes:
        previous_lapse: when the previous texts lapse (Art. 11.2: 60 days).
        pending_first: first and upgrade dossiers filed earlier finish within it (Art. 12.2.a).
        pending_reevaluation: re-evaluation dossiers filed earlier finish within it (12.2.b).
        grace: how long past expiry a certificate stays valid for a holder who filed its
            re-evaluation late (Art. 12.3: 180 days, until decided).
        grace_scope: which certificates the grace covers.
    """

    previous_lapse: Period
    pending_first: Period
    pending_reevaluation: Period
    grace: Period
    grace_scope: GraceScope = attrs.field(
        default=GraceScope.ISSUED_BEFORE, converter=OneOf[GraceScope]
    )


@attrs.frozen(kw_only=True)
class LevelRule:
    """What one level does in an era.

    Attributes:
        level: the level.
        authority_vi: who decides at that level ("Chủ tịch UBND cấp tỉnh").
        authority_en: the same in English.
        scores: whether the level holds a council that scores dossiers (the commune of
            1489 and 26/2026 only pre-assesses some items).
        recognises: the stars the level may recognise, certify and revoke.
        forwards_at: a score from which a result must go to the next level.
        forwards_to: the next level, if any.
        article: the article that gives the level its role.
    """

    level: Level = attrs.field(converter=OneOf[Level])
    authority_vi: str
    authority_en: str
    scores: bool
    recognises: frozenset[int]
    forwards_at: Decimal | None
    forwards_to: Level | None
    article: str


@attrs.frozen(kw_only=True)
class CouncilSize:
    """How many members an era's text gives the council of one level.

    Attributes:
        level: the level.
        min_members: the fewest members.
        max_members: the most members.
    """

    level: Level = attrs.field(converter=OneOf[Level])
    min_members: int
    max_members: int


@attrs.frozen(kw_only=True)
class CouncilRules:
    """What an era's own text says of its councils, where it says anything.

    QĐ 1048/QĐ-TTg Phụ lục II gives council sizes (5–7 members at the district, 9–11 at the
    province and the centre) and limits the spread of the members' totals to 10 points at the
    province and the centre (4.b(2)(3), 4.c(2)(3)). The later decisions leave both to each
    council's own regulation (:class:`ocop.council.CouncilPolicy`).

    Attributes:
        sizes: the size of each level's council.
        sizes_article: the text that sets the sizes.
        max_spread: the largest allowed difference between the members' totals, if set.
        spread_levels: the levels whose councils the spread limit binds.
        spread_article: the text that sets the spread limit.
    """

    sizes: tuple[CouncilSize, ...] = ()
    sizes_article: str = ""
    max_spread: Decimal | None = None
    spread_levels: frozenset[Level] = frozenset()
    spread_article: str = ""

    def size(self, level: Level) -> CouncilSize | None:
        """The size the text gives ``level``'s council, if it gives one."""
        for size in self.sizes:
            if size.level is level:
                return size
        return None


@attrs.frozen(kw_only=True)
class Regulation:
    """One legal era of OCOP evaluation.

    Attributes:
        key: ``"1048/2019"``, ``"148/2023"``, ``"148/2023+1489/2025"`` or ``"26/2026"``.
        title: the instruments, as cited.
        instruments: each instrument with its date.
        effective_from: the first day the era governs new dossiers.
        rubric: the decision whose score sheets the era uses.
        receiving_level: where a subject files its dossier.
        levels: the levels in order, lowest first.
        fallback: whether a lower level may recognise the stars it may on a higher level's
            result below that level's threshold (26/2026 Art. 7.4).
        fallback_article: the article, or the reading, behind ``fallback``.
        deadlines: the era's periods.
        revocation_authority: who revokes a certificate in the era.
        revocation_article: the article, or the reading, behind ``revocation_authority``.
        reevaluation_rule_vi: what the era requires of a re-evaluation, in Vietnamese.
        reevaluation_rule_en: the same in English.
        reevaluation_article: the article, or the source, behind it.
        rounds: the regular round windows.
        extra_rounds: whether rounds outside the windows may be held.
        extra_rounds_article: the article behind ``extra_rounds``.
        window_reading: how "trước ngày" in the round windows is read.
        documents: the papers the dossier needs.
        samples: the product-sample rule.
        food_sets: the product sets that are food or drink.
        service_sets: the product sets that are services (tourism).
        eligible_subjects: the kinds of subject that may register.
        small_and_medium_only: whether only small and medium enterprises may register.
        subjects_article: the article on who may register.
        transition: what the era does with what was under way, if it says.
        council: what the era's own text says of council sizes and spreads, if anything.
    """

    key: str
    title: str
    instruments: tuple[str, ...]
    effective_from: pendulum.Date
    rubric: str
    receiving_level: Level
    levels: tuple[LevelRule, ...]
    fallback: bool
    fallback_article: str
    deadlines: Deadlines
    revocation_authority: RevocationAuthority = RevocationAuthority.BY_STAR
    revocation_article: str = ""
    reevaluation_rule_vi: str = ""
    reevaluation_rule_en: str = ""
    reevaluation_article: str = ""
    rounds: tuple[RoundWindow, ...] = ()
    extra_rounds: bool = True
    extra_rounds_article: str = ""
    window_reading: WindowReading = WindowReading.BEFORE
    documents: tuple[Requirement, ...] = ()
    samples: SampleRule
    food_sets: frozenset[int] = frozenset()
    service_sets: frozenset[int] = frozenset()
    eligible_subjects: frozenset[str] = frozenset()
    small_and_medium_only: bool = False
    subjects_article: str = ""
    transition: Transition | None = None
    council: CouncilRules | None = None

    def __str__(self) -> str:
        return self.key

    def rule(self, level: Level) -> LevelRule | None:
        """What ``level`` does in this era, or ``None`` if the era has no such level."""
        for rule in self.levels:
            if rule.level is level:
                return rule
        return None

    def has_level(self, level: Level) -> bool:
        """Whether the era has ``level`` in its process."""
        return self.rule(level) is not None

    def recognising_level(self, stars: int) -> Level | None:
        """The level that recognises, certifies and revokes ``stars`` stars, if any.

        >>> era("148/2023").recognising_level(4)
        <Level.PROVINCE: 'province'>
        >>> era("26/2026").recognising_level(2) is None
        True
        """
        for rule in self.levels:
            if stars in rule.recognises:
                return rule.level
        return None

    def may_recognise(self, level: Level, stars: int) -> bool:
        """Whether ``level`` may recognise ``stars`` stars in this era."""
        rule = self.rule(level)
        return rule is not None and stars in rule.recognises

    def next_level(self, level: Level) -> Level | None:
        """Where ``level`` sends dossiers on, if anywhere."""
        rule = self.rule(level)
        return None if rule is None else rule.forwards_to

    def previous_levels(self, level: Level) -> tuple[Level, ...]:
        """The levels below ``level`` in this era, nearest first."""
        return tuple(
            rule.level
            for rule in reversed(self.levels)
            if rule.level.rank < level.rank and rule.scores
        )

    def commune_due(self, received: dt.date) -> pendulum.Date | None:
        """The last day the commune may forward a dossier received on ``received``.

        ``None`` if the era sets no such period.
        """
        period = self.deadlines.commune_review
        return None if period is None else period.after(received)

    def certificate_expiry(self, issued: dt.date) -> pendulum.Date:
        """The last day of validity of a certificate issued on ``issued``."""
        return self.deadlines.certificate.after(issued)

    def reevaluation_window(self, expires: dt.date) -> tuple[pendulum.Date, pendulum.Date] | None:
        """The first and last day a re-evaluation may be filed for a certificate that
        expires on ``expires`` (26/2026 Art. 7.6.a), or ``None`` if the era sets no window.

        >>> era("26/2026").reevaluation_window(date(2029, 6, 19))
        (Date(2028, 12, 21), Date(2029, 2, 19))
        """
        opens, closes = self.deadlines.reevaluation_opens, self.deadlines.reevaluation_closes
        if opens is None or closes is None:
            return None
        return opens.before(expires), closes.before(expires)

    def reevaluation_terms(self, expires: dt.date) -> ReevaluationTerms:
        """What this era required of the re-evaluation of a certificate expiring on
        ``expires``: its filing window, the issuer's notice, and the rule in words.

        Before 26/2026 no era set a filing window: under QĐ 1048 a holder registered again in
        the province's OCOP cycle; under QĐ 148 (and 1489) the issuing body told the holder,
        30 days before expiry at the latest, that the certificate was ending.

        >>> era("26/2026").reevaluation_terms(date(2029, 6, 19)).window
        (Date(2028, 12, 21), Date(2029, 2, 19))
        """
        notice = self.deadlines.reevaluation_notice
        return ReevaluationTerms(
            era=self.key,
            window=self.reevaluation_window(expires),
            notice_by=None if notice is None else notice.before(expires),
            rule_vi=self.reevaluation_rule_vi,
            rule_en=self.reevaluation_rule_en,
            article=self.reevaluation_article,
        )

    def revoking_level(self, stars: int, issued_by: Level) -> Level | None:
        """The level that revokes a ``stars`` certificate issued by ``issued_by`` in this era.

        >>> era("148").revoking_level(3, Level.PROVINCE)  # issued under 1048 by the province
        <Level.PROVINCE: 'province'>
        >>> era("1489").revoking_level(3, Level.DISTRICT)  # districts ended on 1 July 2025
        <Level.PROVINCE: 'province'>
        >>> era("26/2026").revoking_level(3, Level.DISTRICT)  # Art. 8.2.a
        <Level.PROVINCE: 'province'>
        """
        if self.revocation_authority is RevocationAuthority.ISSUER and self.has_level(issued_by):
            return issued_by
        return self.recognising_level(stars)

    def requirements(self, packet: Packet) -> tuple[Requirement, ...]:
        """The papers required up to and including ``packet``."""
        return tuple(req for req in self.documents if req.packet.order <= packet.order)

    def round_windows(self, level: Level) -> tuple[RoundWindow, ...]:
        """The regular rounds of ``level``, in the article's order."""
        return tuple(window for window in self.rounds if window.level is level)

    def round_window(self, level: Level, number: int) -> RoundWindow | None:
        """The regular round ``number`` of ``level``, if the era sets one."""
        for window in self.round_windows(level):
            if window.number == number:
                return window
        return None


def _period(raw: Any, path: str) -> Period:
    try:
        return Period(amount=int(raw["amount"]), unit=raw["unit"], article=str(raw["article"]))
    except (KeyError, TypeError, ValueError):
        raise _fail(
            "regulation.bad_period",
            path,
            raw,
            "Thời hạn không hợp lệ",
            "not a valid period",
        ) from None


def _optional_period(raw: Any, path: str) -> Period | None:
    return None if raw is None else _period(raw, path)


def _decimal(raw: Any, path: str) -> Decimal | None:
    if raw is None:
        return None
    try:
        return Decimal(str(raw))
    except InvalidOperation:
        raise _fail(
            "regulation.bad_number", path, raw, "Số không hợp lệ", "not a valid number"
        ) from None


def _month_day(raw: str) -> tuple[int, int]:
    month, day = raw.split("-")
    return int(month), int(day)


def _levels(raw: list[dict[str, Any]], path: str) -> tuple[LevelRule, ...]:
    """An era's levels, lowest first."""
    return tuple(
        LevelRule(
            level=item["level"],
            authority_vi=item["authority_vi"],
            authority_en=item["authority_en"],
            scores=bool(item["scores"]),
            recognises=frozenset(int(star) for star in item["recognises"]),
            forwards_at=_decimal(item["forwards_at"], f"{path}.levels[{at}]"),
            forwards_to=None if item["forwards_to"] is None else Level(item["forwards_to"]),
            article=item["article"],
        )
        for at, item in enumerate(raw)
    )


def _deadlines(raw: dict[str, Any], path: str) -> Deadlines:
    """An era's deadlines."""
    return Deadlines(
        certificate=_period(raw["certificate"], f"{path}.deadlines.certificate"),
        **{
            name: _optional_period(raw.get(name), f"{path}.deadlines.{name}")
            for name in (
                "commune_review",
                "reevaluation_opens",
                "reevaluation_closes",
                "reevaluation_limit",
                "revocation_limit",
                "reevaluation_notice",
            )
        },
    )


def _transition(raw: dict[str, Any] | None, path: str) -> Transition | None:
    """An era's transition from the one before, if it has one."""
    if raw is None:
        return None
    return Transition(
        previous_lapse=_period(raw["previous_lapse"], f"{path}.transition"),
        pending_first=_period(raw["pending_first"], f"{path}.transition"),
        pending_reevaluation=_period(raw["pending_reevaluation"], f"{path}.transition"),
        grace=_period(raw["grace"], f"{path}.transition"),
        grace_scope=raw["grace_scope"],
    )


def _council(raw: dict[str, Any] | None, path: str) -> CouncilRules | None:
    """What an era's text says of its councils, if it says anything."""
    if raw is None:
        return None
    return CouncilRules(
        sizes=tuple(
            CouncilSize(
                level=item["level"], min_members=int(item["min"]), max_members=int(item["max"])
            )
            for item in raw["sizes"]
        ),
        sizes_article=raw["sizes_article"],
        max_spread=_decimal(raw["max_spread"], f"{path}.council.max_spread"),
        spread_levels=frozenset(Level(level) for level in raw["spread_levels"]),
        spread_article=raw["spread_article"],
    )


def _build(raw: dict[str, Any], index: int) -> Regulation:
    path = f"$.eras[{index}]"
    try:
        return Regulation(
            key=raw["key"],
            title=raw["title"],
            instruments=tuple(raw["instruments"]),
            effective_from=parse_date(raw["effective_from"], path=f"{path}.effective_from"),
            rubric=raw["rubric"],
            receiving_level=Level(raw["receiving_level"]),
            levels=_levels(raw["levels"], path),
            fallback=bool(raw["fallback"]["allowed"]),
            fallback_article=raw["fallback"]["article"],
            deadlines=_deadlines(raw["deadlines"], path),
            revocation_authority=RevocationAuthority(raw["revocation"]["authority"]),
            revocation_article=raw["revocation"]["article"],
            reevaluation_rule_vi=raw["reevaluation"]["rule_vi"],
            reevaluation_rule_en=raw["reevaluation"]["rule_en"],
            reevaluation_article=raw["reevaluation"]["article"],
            rounds=tuple(
                RoundWindow(
                    level=item["level"],
                    number=int(item["number"]),
                    proposals_before=_month_day(item["proposals_before"]),
                    finishes_before=_month_day(item["finishes_before"]),
                    article=item["article"],
                )
                for item in raw["rounds"]
            ),
            extra_rounds=bool(raw["extra_rounds"]["allowed"]),
            extra_rounds_article=raw["extra_rounds"]["article"],
            documents=tuple(
                Requirement(
                    kinds=frozenset(DocumentKind(kind) for kind in item["kinds"]),
                    packet=item["packet"],
                    condition=item["condition"],
                    article=item["article"],
                )
                for item in raw["documents"]
            ),
            samples=SampleRule(
                count=int(raw["samples"]["count"]),
                packets=frozenset(Packet(packet) for packet in raw["samples"]["packets"]),
                exempt_sets=frozenset(int(no) for no in raw["samples"]["exempt_sets"]),
                article=raw["samples"]["article"],
            ),
            food_sets=frozenset(int(no) for no in raw["food_sets"]),
            service_sets=frozenset(int(no) for no in raw["service_sets"]),
            eligible_subjects=frozenset(raw["eligible_subjects"]),
            small_and_medium_only=bool(raw["small_and_medium_only"]),
            subjects_article=raw["subjects_article"],
            transition=_transition(raw.get("transition"), path),
            council=_council(raw.get("council"), path),
        )
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, InputError):
            raise
        raise _fail(
            "regulation.bad_data",
            path,
            repr(error),
            "Dữ liệu quy định không hợp lệ",
            "the regulation data is not valid",
        ) from None


def _load(raw: Iterable[dict[str, Any]]) -> tuple[Regulation, ...]:
    built = tuple(_build(item, index) for index, item in enumerate(raw))
    return tuple(sorted(built, key=lambda regulation: regulation.effective_from))


@cache
def eras() -> tuple[Regulation, ...]:
    """Every era, oldest first.

    >>> [regulation.key for regulation in eras()]
    ['1048/2019', '148/2023', '148/2023+1489/2025', '26/2026']
    """
    text = resources.files("ocop").joinpath("data/regulations.json").read_text("utf-8")
    return _load(json.loads(text)["eras"])


_ALIASES = {
    "1048": "1048/2019",
    "1048/qđ-ttg": "1048/2019",
    "781": "1048/2019",
    "781/2020": "1048/2019",
    "1048/2019+781/2020": "1048/2019",
    "148": "148/2023",
    "148/qđ-ttg": "148/2023",
    "1489": "148/2023+1489/2025",
    "1489/2025": "148/2023+1489/2025",
    "1489/qđ-ttg": "148/2023+1489/2025",
    "148+1489": "148/2023+1489/2025",
    "26": "26/2026",
    "26/2026/qđ-ttg": "26/2026",
}


def era(key: str) -> Regulation:
    """The era named ``key`` (``"26/2026"``, ``"148"``, ``"1489"``, ``"1048/2019"`` …).

    Raises:
        InputError: ``regulation.unknown`` for a key that names no era.

    >>> era("1489").key
    '148/2023+1489/2025'
    """
    folded = key.strip().casefold().replace(" ", "")
    wanted = _ALIASES.get(folded, folded)
    for regulation in eras():
        if regulation.key.casefold() == wanted:
            return regulation
    allowed = ", ".join(regulation.key for regulation in eras())
    raise _fail(
        "regulation.unknown",
        "$.era",
        key,
        f"Không có quy định này; có: {allowed}",
        f"no such regulation; known: {allowed}",
    )


def regulation_for(day: dt.date) -> Regulation:
    """The era that governs a dossier filed, or a step taken, on ``day``.

    A dossier filed before an era took effect keeps the rules it was filed under
    (26/2026 Art. 12.2); pass its filing day.

    Raises:
        InputError: ``regulation.none_in_force`` before 21 August 2019.

    >>> regulation_for(date(2025, 6, 30)).key, regulation_for(date(2025, 7, 1)).key
    ('148/2023', '148/2023+1489/2025')
    >>> regulation_for(date(2026, 5, 21)).key, regulation_for(date(2026, 5, 22)).key
    ('148/2023+1489/2025', '26/2026')
    """
    wanted = as_date(day)
    found = [regulation for regulation in eras() if regulation.effective_from <= wanted]
    if not found:
        raise _fail(
            "regulation.none_in_force",
            "$.date",
            wanted.isoformat(),
            "Chưa có bộ tiêu chí OCOP nào có hiệu lực vào ngày này",
            "no OCOP regulation was in force on that day",
        )
    return found[-1]
