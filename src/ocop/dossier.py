"""The product dossier (hồ sơ sản phẩm): its forms, its papers, and whether it is complete.

Under QĐ 26/2026/QĐ-TTg a subject files Form 01 (registration) and Form 02 (self-assessment
report) with the commune (Art. 6.1); the commune adds Form 03 (its assessment of local raw
materials, local labour, idea origin and local identity), its request letter and five product
samples, except for the tourism set, and sends them to the province (Art. 6.2); the province
adds its own papers for a 5★ evaluation (Art. 6.3). The 1048 and 148 eras used older forms
(registration biểu 01/02, business plan biểu 03, organisation description biểu 04), kept
here as :class:`~ocop.regulation.DocumentKind` values.

:func:`check_dossier` lists every missing, expired or inconsistent item of a dossier for an
era, an evaluation type, a product set and a packet, in one :class:`DossierReport`;
:func:`require_complete` raises :class:`~ocop.errors.IncompleteDossierError` with all of them.

>>> from ocop.subject import Subject
>>> from ocop.product import Product
>>> hoa = Subject(id="s1", name="Hộ kinh doanh Hoa", kind="household")
>>> pickle = Product(id="p1", name="Dưa mắm", decision="26/2026", set_no=7, subject_id="s1")
>>> report = check_dossier(Dossier(id="d1", subject=hoa, product=pickle,
...     evaluation_type="first"), era("26/2026"), on=date(2026, 6, 1))
>>> for problem in report.problems:
...     print(problem.code, problem.value)
dossier.missing_document ['form_01']
dossier.missing_document ['form_02']
dossier.missing_document ['food_safety_certificate', 'food_safety_commitment']
dossier.missing_document ['quality_declaration']
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs
import pendulum

from ocop._fields import (
    OneOf,
    OptionalOneOf,
    SomeOf,
    TupleOf,
    day,
    fail,
    flag,
    located,
    optional_day,
    optional_flag,
    optional_text,
    text,
    texts,
)
from ocop.calendar import as_date
from ocop.calendar import date as date  # for the examples below
from ocop.certificate import Certificate
from ocop.errors import IncompleteDossierError, Lang, Problem, Problems, RubricError, join_path
from ocop.product import Product
from ocop.regulation import (
    Condition,
    DocumentKind,
    Packet,
    Regulation,
)
from ocop.regulation import era as era  # for the examples below
from ocop.rubric import EvaluationType
from ocop.subject import EnterpriseSize, Subject, SubjectKind

if TYPE_CHECKING:
    from ocop.rubric.model import Sheet

__all__ = [
    "CommuneAssessment",
    "Dossier",
    "DossierReport",
    "Evidence",
    "IpKind",
    "Paper",
    "Registration",
    "SelfAssessment",
    "UpdateTopic",
    "check_dossier",
    "require_complete",
]


class IpKind(enum.StrEnum):
    """Intellectual-property titles ticked in Form 02, Part I.7.d."""

    TRADEMARK = "trademark"
    """Giấy chứng nhận đăng ký nhãn hiệu."""
    COLLECTIVE_OR_GI = "collective_or_gi"
    """Quyền sử dụng chỉ dẫn địa lý, nhãn hiệu tập thể, nhãn hiệu chứng nhận."""
    PATENT = "patent"
    """Bằng sáng chế."""
    INDUSTRIAL_DESIGN = "industrial_design"
    """Bằng độc quyền kiểu dáng công nghiệp."""
    COPYRIGHT = "copyright"
    """Giấy chứng nhận bản quyền tác giả."""
    OTHER = "other"


class UpdateTopic(enum.StrEnum):
    """What a re-evaluation dossier must update since recognition (Art. 6.1.c)."""

    RAW_MATERIALS = "raw_materials"
    TECHNOLOGY = "technology"
    PACKAGING = "packaging"
    LABELS = "labels"
    QUALITY_DECLARATION = "quality_declaration"
    PERIODIC_TESTS = "periodic_tests"
    MARKET = "market"
    VOLUME = "volume"
    REVENUE = "revenue"
    LEGAL_PAPERS = "legal_papers"
    """Bổ sung minh chứng các giấy tờ pháp lý có thời hạn."""


# Small named converters (the attrs plugin of mypy reads their return types).
@attrs.frozen(kw_only=True)
class Paper:
    """A supporting document: what it is, who issued it, its number and dates.

    Attributes:
        kind: what it is.
        title: its title as printed.
        issuer: the authority or body that issued it.
        number: its number.
        issued_on: its issue date.
        expires_on: its expiry date, for a time-limited paper (food-safety certificate,
            trademark, quality-management certificate …).
        ip_kind: for an IP title, which kind.

    >>> Paper(kind="food_safety_certificate", issuer="Sở Y tế An Giang", number="12/ATTP",
    ...       issued_on=date(2024, 3, 1), expires_on=date(2027, 3, 1)).valid_on(date(2027, 3, 2))
    False
    """

    kind: DocumentKind = attrs.field(converter=OneOf[DocumentKind])
    title: str | None = attrs.field(default=None, converter=optional_text)
    issuer: str | None = attrs.field(default=None, converter=optional_text)
    number: str | None = attrs.field(default=None, converter=optional_text)
    issued_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    expires_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    ip_kind: IpKind | None = attrs.field(default=None, converter=OptionalOneOf[IpKind])

    @property
    def time_limited(self) -> bool:
        """Whether the paper has an expiry date."""
        return self.expires_on is not None

    def valid_on(self, day: dt.date) -> bool:
        """Whether the paper is issued and not expired on ``day``."""
        wanted = as_date(day)
        if self.issued_on is not None and self.issued_on > wanted:
            return False
        return self.expires_on is None or wanted <= self.expires_on


def _to_year(value: int, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 2018 <= value <= 2100:
        raise fail("form.bad_year", path, value, "Năm đăng ký không hợp lệ", "not a valid year")
    return value


if TYPE_CHECKING:

    def _year(value: int) -> int: ...

else:
    _year = located(_to_year)


def _to_samples(value: int, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise fail(
            "dossier.bad_samples",
            path,
            value,
            "Số sản phẩm mẫu phải là số nguyên không âm",
            "the number of samples is a whole number, not negative",
        )
    return value


if TYPE_CHECKING:

    def _samples(value: int) -> int: ...

else:
    _samples = located(_to_samples)


@attrs.frozen(kw_only=True)
class Registration:
    """Form 01, the registration (Phiếu đăng ký; QĐ 26/2026/QĐ-TTg Mẫu số 01).

    Attributes:
        subject: the registering unit and its legal representative (item 1).
        product: the product and its product set (items 2–3).
        evaluation_type: the box ticked in item 4.
        province: the province of the evaluation ("tỉnh … năm …").
        year: the year of the evaluation.
        signed_on: the day the representative signed it.
        position: the representative's position (chức vụ).
        samples: the number of samples declared (item 5).
        number: the number the commune gives it on receipt
            ("…-…/PĐK-(mã tỉnh)-(mã xã)-(năm)").
    """

    subject: Subject
    product: Product
    evaluation_type: EvaluationType = attrs.field(converter=OneOf[EvaluationType])
    province: str = attrs.field(converter=text)
    year: int = attrs.field(converter=_year)
    signed_on: pendulum.Date = attrs.field(converter=day)
    position: str | None = attrs.field(default=None, converter=optional_text)
    samples: int = attrs.field(default=0, converter=_samples)
    number: str | None = attrs.field(default=None, converter=optional_text)


def _to_points(value: int, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise fail(
            "form.bad_points",
            path,
            value,
            "Điểm tự chấm phải là số nguyên không âm",
            "a self-assessed score is a whole number, not negative",
        )
    return value


if TYPE_CHECKING:

    def _points(value: int) -> int: ...

else:
    _points = located(_to_points)


@attrs.frozen(kw_only=True)
class Evidence:
    """One line of Form 02, Part III: the points the subject gives itself on one criterion,
    described and proved.

    Attributes:
        criterion: the criterion's code on the product set's sheet ("1.5", "3.e").
        points: the points claimed (those of one printed option).
        evidence: the papers or descriptions that prove it, in the sheet's order.
        description: the subject's description of the result.
    """

    criterion: str = attrs.field(converter=text)
    points: int = attrs.field(converter=_points)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=texts)
    description: str | None = attrs.field(default=None, converter=optional_text)


@attrs.frozen(kw_only=True)
class SelfAssessment:
    """Form 02, the subject's self-assessment report (Báo cáo tự đánh giá; Mẫu số 02).

    Attributes:
        subject: general information (Part I.1–5): name, kind, address, contact, and the
            legal representative with gender and ethnicity.
        product_description: the product or service, its specification and standard (I.7).
        history: how the subject came to be (I.8).
        organisation: the subject's organisation (I.9).
        business_results: results of the business plan (Part II): raw-material area,
            technology, quality changes, markets, revenue and profit.
        claims: the self-scored criteria with their evidence (Part III), in the sheet's order.
        plan: the production and business plan ahead (Part IV).
        signed_on: the day the representative signed it.
        founded_on: the founding or business-registration day (I.6).
        registration_number: the business-registration number, if any (I.6).
        business_registration: ticked "Giấy đăng ký kinh doanh" (I.7.a).
        quality_declared: ticked "Đã công bố chất lượng sản phẩm" (I.7.b).
        food_safety_certified: ticked the food-safety facility certificate (I.7.c).
        production_conditions_certified: ticked the production-condition certificate, or
            ``None`` when the product needs none (I.7.c).
        ip_titles: the IP titles ticked (I.7.d).
        changes: for an upgrade, what changed since recognition, with its evidence
            (Art. 6.1.b).
        updates: for a re-evaluation, the topics the report updates (Art. 6.1.c).
    """

    subject: Subject
    product_description: str = attrs.field(converter=text)
    history: str = attrs.field(converter=text)
    organisation: str = attrs.field(converter=text)
    business_results: str = attrs.field(converter=text)
    claims: tuple[Evidence, ...] = attrs.field(default=(), converter=TupleOf[Evidence])
    plan: str = attrs.field(converter=text)
    signed_on: pendulum.Date = attrs.field(converter=day)
    founded_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    registration_number: str | None = attrs.field(default=None, converter=optional_text)
    business_registration: bool = attrs.field(default=False, converter=flag)
    quality_declared: bool = attrs.field(default=False, converter=flag)
    food_safety_certified: bool = attrs.field(default=False, converter=flag)
    production_conditions_certified: bool | None = attrs.field(
        default=None, converter=optional_flag
    )
    ip_titles: frozenset[IpKind] = attrs.field(default=frozenset(), converter=SomeOf[IpKind])
    changes: str | None = attrs.field(default=None, converter=optional_text)
    updates: frozenset[UpdateTopic] = attrs.field(
        default=frozenset(), converter=SomeOf[UpdateTopic]
    )

    @property
    def card(self) -> dict[str, int]:
        """The subject's own score card: criterion → points claimed."""
        return {claim.criterion: claim.points for claim in self.claims}

    @property
    def total(self) -> int:
        """The points the subject gives itself."""
        return sum(claim.points for claim in self.claims)


@attrs.frozen(kw_only=True)
class CommuneAssessment:
    """Form 03, the commune's assessment of some items of the dossier (Mẫu số 03; Art. 7.2.a).

    Attributes:
        commune: the commune-level People's Committee ("UBND xã Mỹ Hòa Hưng").
        local_raw_materials: the subject's use of local raw materials, as the commune finds it.
        local_labour: the subject's use of local labour.
        idea_origin: the origin of the product idea (traditional or new).
        local_identity: local identity and knowledge: cultural values, native varieties and
            materials, community experience, the local way of producing.
        signed_on: the day the report was signed.
        proposes: whether the commune proposes the province evaluate the product.
        signed_by: who signed for the committee.
    """

    commune: str = attrs.field(converter=text)
    local_raw_materials: str = attrs.field(converter=text)
    local_labour: str = attrs.field(converter=text)
    idea_origin: str = attrs.field(converter=text)
    local_identity: str = attrs.field(converter=text)
    signed_on: pendulum.Date = attrs.field(converter=day)
    proposes: bool = True
    signed_by: str | None = attrs.field(default=None, converter=optional_text)


@attrs.frozen(kw_only=True)
class Dossier:
    """A product's dossier: its forms, its papers and samples.

    Attributes:
        id: a stable identifier chosen by the caller.
        subject: the subject that registers.
        product: the product registered.
        evaluation_type: first, upgrade or re-evaluation.
        registration: Form 01, once filled.
        self_assessment: Form 02, once filled.
        commune_assessment: Form 03, once the commune has assessed.
        papers: every other paper, in the order filed.
        samples: the number of product samples supplied.
        previous: the certificate upgraded or re-evaluated.
    """

    id: str = attrs.field(converter=text)
    subject: Subject
    product: Product
    evaluation_type: EvaluationType = attrs.field(converter=OneOf[EvaluationType])
    registration: Registration | None = None
    self_assessment: SelfAssessment | None = None
    commune_assessment: CommuneAssessment | None = None
    papers: tuple[Paper, ...] = attrs.field(default=(), converter=TupleOf[Paper])
    samples: int = attrs.field(default=0, converter=_samples)
    previous: Certificate | None = None

    def with_papers(self, *papers: Paper) -> Dossier:
        """The dossier with ``papers`` added."""
        return attrs.evolve(self, papers=self.papers + papers)

    def with_commune_assessment(self, form: CommuneAssessment) -> Dossier:
        """The dossier with the commune's Form 03."""
        return attrs.evolve(self, commune_assessment=form)

    def kinds(self) -> frozenset[DocumentKind]:
        """Every kind of paper the dossier holds, its structured forms included."""
        held = {paper.kind for paper in self.papers}
        if self.registration is not None:
            held.add(DocumentKind.FORM_01)
        if self.self_assessment is not None:
            held.add(DocumentKind.FORM_02)
        if self.commune_assessment is not None:
            held.add(DocumentKind.FORM_03)
        return frozenset(held)

    def papers_of(self, kind: DocumentKind) -> tuple[Paper, ...]:
        """The papers of one kind."""
        return tuple(paper for paper in self.papers if paper.kind is kind)


@attrs.frozen(kw_only=True)
class DossierReport:
    """What :func:`check_dossier` found.

    Attributes:
        dossier_id: the dossier checked.
        era: the key of the era it was checked against.
        packet: the packet checked.
        checked_on: the day it was checked for.
        problems: every missing, expired or inconsistent item.
    """

    dossier_id: str
    era: str
    packet: Packet
    checked_on: pendulum.Date
    problems: tuple[Problem, ...]

    @property
    def complete(self) -> bool:
        """Whether nothing is missing, expired or inconsistent."""
        return not self.problems

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the problems, in order."""
        return tuple(problem.code for problem in self.problems)

    def describe(self, lang: Lang = "vi") -> str:
        """Every problem, one per line."""
        return "\n".join(problem.describe(lang) for problem in self.problems)

    def raise_if_incomplete(self) -> None:
        """Raise :class:`~ocop.errors.IncompleteDossierError` with every problem, if any."""
        if self.problems:
            raise IncompleteDossierError(self.problems)


# Subjects that hold a business registration by their kind (26/2026 Mẫu 02, Part III).
_REGISTERED_KINDS = frozenset(
    {SubjectKind.ENTERPRISE, SubjectKind.COOPERATIVE, SubjectKind.HOUSEHOLD_BUSINESS}
)


def _is_registered(subject: Subject) -> bool:
    return subject.tax_code is not None or subject.kind in _REGISTERED_KINDS


def _is_service(product: Product, regulation: Regulation, sheet: Sheet | None) -> bool:
    if sheet is not None:
        return "du lịch" in sheet.name.casefold()
    return product.set_no in regulation.service_sets


def _applies(
    condition: Condition,
    dossier: Dossier,
    regulation: Regulation,
    sheet: Sheet | None,
) -> bool:
    if condition is Condition.ALWAYS:
        return True
    if condition is Condition.REGISTERED_SUBJECT:
        return _is_registered(dossier.subject)
    if condition is Condition.FOOD:
        return dossier.product.set_no in regulation.food_sets and not _is_service(
            dossier.product, regulation, sheet
        )
    if condition is Condition.GOODS:
        return not _is_service(dossier.product, regulation, sheet)
    if condition is Condition.FIRST_OR_UPGRADE:
        return dossier.evaluation_type is not EvaluationType.REEVALUATION
    return dossier.evaluation_type is EvaluationType.REEVALUATION


def _sheet_for(product: Product) -> Sheet | None:
    try:
        from ocop import rubric
    except ImportError:  # pragma: no cover - the rubric ships with the package
        return None
    try:
        return rubric.sheet(product.decision, product.set_no)
    except (KeyError, LookupError, RubricError):
        return None


def check_dossier(
    dossier: Dossier,
    regulation: Regulation,
    *,
    on: dt.date,
    packet: Packet | str = Packet.FILING,
    sheet: Sheet | None = None,
    use_rubric: bool = True,
) -> DossierReport:
    """Every missing, expired or inconsistent item of ``dossier`` for an era and a packet.

    Checks, in order:

    * papers the era requires up to ``packet``, for the evaluation type and product set
      (``dossier.missing_document``; :attr:`Regulation.documents`);
    * product samples (``dossier.samples_short``; 26/2026 Art. 6.2.d, 6.3);
    * every paper: not issued yet, dates the wrong way round, expired on ``on``
      (``dossier.paper_not_yet_issued``, ``dossier.paper_dates_inconsistent``,
      ``dossier.paper_expired``);
    * the forms against the dossier: the same subject, product and evaluation type
      (``dossier.form_mismatch``), a representative with gender and ethnicity
      (``dossier.representative_missing``), and every box ticked in Form 02 backed by its
      paper (``dossier.declared_paper_missing``);
    * Form 02's own card against the product set's sheet when the rubric is available:
      criteria of that sheet (``dossier.unknown_criterion``), printed points
      (``dossier.points_not_an_option``), each once (``dossier.duplicate_criterion``), with
      evidence for every point claimed (``dossier.claim_without_evidence``);
    * the evaluation type: an upgrade or re-evaluation names the certificate it concerns
      (``dossier.previous_certificate_missing``) of the same product
      (``dossier.previous_certificate_mismatch``); an upgrade documents what changed
      (``dossier.changes_missing``) and starts below 5★ (``dossier.nothing_to_upgrade``); a
      re-evaluation updates every topic of Art. 6.1.c (``dossier.update_missing``) and brings
      lab results issued since recognition (``dossier.tests_not_updated``); a first
      evaluation of a product whose certificate is in force is refused
      (``dossier.already_recognised``);
    * the product's score sheets are the era's (``dossier.wrong_rubric``) and the subject may
      register in the era (``dossier.subject_not_eligible``; 26/2026 Art. 2.3).

    Args:
        dossier: the dossier.
        regulation: the era it is evaluated under.
        on: the day of the check (filing, forwarding …), for expiry.
        packet: how far the dossier has travelled: ``filing``, ``proposal`` or ``central``.
        sheet: the product set's score sheet; by default read from :mod:`ocop.rubric`.
        use_rubric: whether to read the sheet from the rubric when ``sheet`` is not given.

    Returns:
        A report; it is complete when it holds no problem.
    """
    day = as_date(on)
    stage = Packet(packet)
    if sheet is None and use_rubric:
        sheet = _sheet_for(dossier.product)
    found = Problems()
    _check_required(found, dossier, regulation, stage, sheet)
    _check_samples(found, dossier, regulation, stage, sheet)
    _check_papers(found, dossier, day)
    _check_forms(found, dossier)
    if dossier.self_assessment is not None and sheet is not None:
        _check_claims(found, dossier.self_assessment, sheet)
    _check_type(found, dossier, regulation, day, sheet)
    _check_era(found, dossier, regulation)
    return DossierReport(
        dossier_id=dossier.id,
        era=regulation.key,
        packet=stage,
        checked_on=day,
        problems=tuple(found),
    )


def require_complete(
    dossier: Dossier,
    regulation: Regulation,
    *,
    on: dt.date,
    packet: Packet | str = Packet.FILING,
    sheet: Sheet | None = None,
) -> DossierReport:
    """:func:`check_dossier`, raising when anything is wrong.

    Raises:
        IncompleteDossierError: holding every problem found.
    """
    report = check_dossier(dossier, regulation, on=on, packet=packet, sheet=sheet)
    report.raise_if_incomplete()
    return report


def _kind_names(kinds: Iterable[DocumentKind], lang: Lang) -> list[str]:
    return [kind.label(lang) for kind in sorted(kinds)]


def _check_required(
    found: Problems,
    dossier: Dossier,
    regulation: Regulation,
    packet: Packet,
    sheet: Sheet | None,
) -> None:
    held = dossier.kinds()
    for requirement in regulation.requirements(packet):
        if not _applies(requirement.condition, dossier, regulation, sheet):
            continue
        if requirement.kinds & held:
            continue
        found.add(
            "dossier.missing_document",
            "$.papers",
            sorted(kind.value for kind in requirement.kinds),
            vi=f"Thiếu giấy tờ: {' hoặc '.join(_kind_names(requirement.kinds, 'vi'))} "
            f"({requirement.article})",
            en=f"missing paper: {' or '.join(_kind_names(requirement.kinds, 'en'))} "
            f"({requirement.article})",
        )
    if dossier.evaluation_type is EvaluationType.UPGRADE:
        form = dossier.self_assessment
        described = form is not None and form.changes
        if not described and DocumentKind.CHANGE_REPORT not in held:
            found.add(
                "dossier.changes_missing",
                "$.self_assessment.changes",
                None,
                vi="Hồ sơ nâng hạng phải thể hiện rõ những thay đổi so với sản phẩm đã được "
                "công nhận và tài liệu minh chứng (Điều 6.1.b)",
                en="an upgrade dossier must show what changed since recognition, with "
                "evidence (Art. 6.1.b)",
            )


def _check_samples(
    found: Problems,
    dossier: Dossier,
    regulation: Regulation,
    packet: Packet,
    sheet: Sheet | None,
) -> None:
    rule = regulation.samples
    needed = any(stage.order <= packet.order for stage in rule.packets)
    if not needed or _is_service(dossier.product, regulation, sheet):
        return
    if dossier.product.set_no in rule.exempt_sets:
        return
    if dossier.samples < rule.count:
        found.add(
            "dossier.samples_short",
            "$.samples",
            dossier.samples,
            vi=f"Cần {rule.count} sản phẩm mẫu, mới có {dossier.samples} ({rule.article})",
            en=f"{rule.count} product samples are needed, {dossier.samples} given ({rule.article})",
        )


def _check_papers(found: Problems, dossier: Dossier, day: pendulum.Date) -> None:
    for at, paper in enumerate(dossier.papers):
        path = join_path("$.papers", at)
        name, name_en = paper.kind.label("vi"), paper.kind.label("en")
        if paper.issued_on is not None and paper.issued_on > day:
            found.add(
                "dossier.paper_not_yet_issued",
                join_path(path, "issued_on"),
                paper.issued_on.isoformat(),
                vi=f"Giấy tờ '{name}' có ngày cấp sau ngày {day.isoformat()}",
                en=f"the paper '{name_en}' is dated after {day.isoformat()}",
            )
        if (
            paper.issued_on is not None
            and paper.expires_on is not None
            and paper.expires_on < paper.issued_on
        ):
            found.add(
                "dossier.paper_dates_inconsistent",
                join_path(path, "expires_on"),
                paper.expires_on.isoformat(),
                vi=f"Giấy tờ '{name}' hết hạn trước ngày cấp",
                en=f"the paper '{name_en}' expires before it was issued",
            )
        elif paper.expires_on is not None and paper.expires_on < day:
            found.add(
                "dossier.paper_expired",
                join_path(path, "expires_on"),
                paper.expires_on.isoformat(),
                vi=f"Giấy tờ '{name}' đã hết hạn ngày {paper.expires_on.isoformat()}",
                en=f"the paper '{name_en}' expired on {paper.expires_on.isoformat()}",
            )


def _mismatch(found: Problems, path: str, value: object, what_vi: str, what_en: str) -> None:
    found.add(
        "dossier.form_mismatch",
        path,
        value,
        vi=f"{what_vi} không khớp với hồ sơ",
        en=f"{what_en} does not match the dossier",
    )


_DECLARED = (
    ("business_registration", DocumentKind.BUSINESS_REGISTRATION),
    ("quality_declared", DocumentKind.QUALITY_DECLARATION),
    ("food_safety_certified", DocumentKind.FOOD_SAFETY_CERTIFICATE),
    ("production_conditions_certified", DocumentKind.PRODUCTION_CONDITION_CERTIFICATE),
)


def _check_forms(found: Problems, dossier: Dossier) -> None:
    registration = dossier.registration
    if registration is not None:
        if registration.subject.id != dossier.subject.id:
            _mismatch(
                found,
                "$.registration.subject.id",
                registration.subject.id,
                "Chủ thể trong Mẫu số 01",
                "the subject of Form 01",
            )
        if registration.product.id != dossier.product.id:
            _mismatch(
                found,
                "$.registration.product.id",
                registration.product.id,
                "Sản phẩm trong Mẫu số 01",
                "the product of Form 01",
            )
        if registration.evaluation_type is not dossier.evaluation_type:
            _mismatch(
                found,
                "$.registration.evaluation_type",
                registration.evaluation_type.value,
                "Loại đánh giá trong Mẫu số 01",
                "the evaluation type ticked in Form 01",
            )
    form = dossier.self_assessment
    if form is None:
        return
    if form.subject.id != dossier.subject.id:
        _mismatch(
            found,
            "$.self_assessment.subject.id",
            form.subject.id,
            "Chủ thể trong Mẫu số 02",
            "the subject of Form 02",
        )
    if form.subject.representative is None:
        found.add(
            "dossier.representative_missing",
            "$.self_assessment.subject.representative",
            None,
            vi="Mẫu số 02 phải ghi người đại diện pháp luật, giới tính và dân tộc (Phần I.5)",
            en="Form 02 must name the legal representative, with gender and ethnicity (Part I.5)",
        )
    held = {paper.kind for paper in dossier.papers}
    for field, kind in _DECLARED:
        if getattr(form, field) is True and kind not in held:
            found.add(
                "dossier.declared_paper_missing",
                join_path("$.self_assessment", field),
                kind.value,
                vi=f"Mẫu số 02 đánh dấu '{kind.label('vi')}' nhưng hồ sơ không có bản sao",
                en=f"Form 02 ticks '{kind.label('en')}' but the dossier holds no copy",
            )
    titles = {paper.ip_kind for paper in dossier.papers_of(DocumentKind.IP_TITLE)}
    for ip in sorted(form.ip_titles):
        if ip not in titles:
            found.add(
                "dossier.declared_paper_missing",
                "$.self_assessment.ip_titles",
                ip.value,
                vi=f"Mẫu số 02 đánh dấu văn bằng {ip.value} nhưng hồ sơ không có bản sao",
                en=f"Form 02 ticks the IP title {ip.value} but the dossier holds no copy",
            )


def _check_claims(found: Problems, form: SelfAssessment, sheet: Sheet) -> None:
    seen: set[str] = set()
    for at, claim in enumerate(form.claims):
        path = join_path("$.self_assessment.claims", at)
        criterion = sheet.criteria.get(claim.criterion)
        if criterion is None:
            found.add(
                "dossier.unknown_criterion",
                join_path(path, "criterion"),
                claim.criterion,
                vi=f"Bộ {sheet.set_no} ({sheet.decision}) không có tiêu chí {claim.criterion}",
                en=f"set {sheet.set_no} ({sheet.decision}) has no criterion {claim.criterion}",
            )
            continue
        if claim.criterion in seen:
            found.add(
                "dossier.duplicate_criterion",
                join_path(path, "criterion"),
                claim.criterion,
                vi=f"Tiêu chí {claim.criterion} được tự chấm hai lần",
                en=f"criterion {claim.criterion} is self-scored twice",
            )
        seen.add(claim.criterion)
        printed = sorted({option.points for option in criterion.options} | {0})
        if claim.points not in printed and not (
            not criterion.options and claim.points <= criterion.max_points
        ):
            found.add(
                "dossier.points_not_an_option",
                join_path(path, "points"),
                claim.points,
                vi=f"Tiêu chí {claim.criterion} không có mức {claim.points} điểm "
                f"(các mức: {printed})",
                en=f"criterion {claim.criterion} has no {claim.points}-point option "
                f"(printed: {printed})",
            )
        if claim.points > 0 and not claim.evidence:
            found.add(
                "dossier.claim_without_evidence",
                join_path(path, "evidence"),
                claim.criterion,
                vi=f"Tiêu chí {claim.criterion} tự chấm {claim.points} điểm nhưng không có "
                "tài liệu minh chứng (Mẫu số 02, Phần III)",
                en=f"criterion {claim.criterion} claims {claim.points} points without "
                "evidence (Form 02, Part III)",
            )


def _check_type(
    found: Problems,
    dossier: Dossier,
    regulation: Regulation,
    day: pendulum.Date,
    sheet: Sheet | None,
) -> None:
    previous = dossier.previous
    kind = dossier.evaluation_type
    if kind is EvaluationType.FIRST:
        if previous is not None and previous.in_force(day):
            found.add(
                "dossier.already_recognised",
                "$.previous",
                previous.number,
                vi="Sản phẩm đang có giấy chứng nhận còn hiệu lực: đăng ký nâng hạng hoặc "
                "đánh giá lại",
                en="the product holds a certificate in force: register an upgrade or a "
                "re-evaluation",
            )
        return
    if previous is None:
        found.add(
            "dossier.previous_certificate_missing",
            "$.previous",
            None,
            vi="Hồ sơ nâng hạng hoặc đánh giá lại phải nêu giấy chứng nhận đã được cấp",
            en="an upgrade or re-evaluation dossier must name the certificate it concerns",
        )
        return
    if previous.product_id != dossier.product.id:
        found.add(
            "dossier.previous_certificate_mismatch",
            "$.previous.product_id",
            previous.product_id,
            vi="Giấy chứng nhận đã cấp thuộc sản phẩm khác",
            en="the certificate named is for another product",
        )
    if kind is EvaluationType.UPGRADE:
        if previous.stars.stars >= 5:
            found.add(
                "dossier.nothing_to_upgrade",
                "$.previous.stars",
                previous.stars.stars,
                vi="Sản phẩm 5 sao không thể nâng hạng",
                en="a 5★ product cannot be upgraded",
            )
        return
    form = dossier.self_assessment
    if form is not None:
        for topic in UpdateTopic:
            if topic not in form.updates:
                found.add(
                    "dossier.update_missing",
                    "$.self_assessment.updates",
                    topic.value,
                    vi=f"Hồ sơ đánh giá lại phải cập nhật: {topic.value} (Điều 6.1.c)",
                    en=f"a re-evaluation dossier must update: {topic.value} (Art. 6.1.c)",
                )
    if _is_service(dossier.product, regulation, sheet):
        return
    tests = dossier.papers_of(DocumentKind.LAB_RESULTS)
    if not any(
        paper.issued_on is not None and paper.issued_on > previous.issued_on for paper in tests
    ):
        found.add(
            "dossier.tests_not_updated",
            "$.papers",
            DocumentKind.LAB_RESULTS.value,
            vi="Hồ sơ đánh giá lại phải có phiếu kiểm nghiệm định kỳ sau ngày được công nhận "
            "(Điều 6.1.c)",
            en="a re-evaluation dossier needs periodic lab results issued since recognition "
            "(Art. 6.1.c)",
        )


def _check_era(found: Problems, dossier: Dossier, regulation: Regulation) -> None:
    if dossier.product.decision != regulation.rubric:
        found.add(
            "dossier.wrong_rubric",
            "$.product.decision",
            dossier.product.decision,
            vi=f"Sản phẩm được phân bộ theo QĐ {dossier.product.decision}, nhưng giai đoạn "
            f"{regulation.key} dùng bộ tiêu chí QĐ {regulation.rubric}",
            en=f"the product's set follows {dossier.product.decision}, but the "
            f"{regulation.key} era uses the {regulation.rubric} sheets",
        )
    subject = dossier.subject
    eligible = subject.kind.value in regulation.eligible_subjects
    if subject.kind is SubjectKind.TOURISM_ORGANISATION and regulation.service_sets:
        eligible = eligible and dossier.product.set_no in regulation.service_sets
    if (
        regulation.small_and_medium_only
        and subject.kind is SubjectKind.ENTERPRISE
        and subject.enterprise_size is EnterpriseSize.LARGE
    ):
        eligible = False
    if not eligible:
        found.add(
            "dossier.subject_not_eligible",
            "$.subject.kind",
            subject.kind.value,
            vi=f"Loại chủ thể này không được đăng ký trong giai đoạn {regulation.key} "
            f"({regulation.subjects_article})",
            en=f"this kind of subject may not register in the {regulation.key} era "
            f"({regulation.subjects_article})",
        )
