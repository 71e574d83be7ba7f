"""OCOP certificates (giấy chứng nhận): validity, re-evaluation window, revocation, queries.

A certificate is issued for a product ranked 3★ or more by the level whose authority covers
that star (QĐ 26/2026/QĐ-TTg Art. 4.1) and lasts 36 calendar months from the day it is issued
(Art. 4.3). Counted as the Civil Code counts periods (Art. 147–148), the first day is not
counted and the period ends at the end of its last day: a certificate issued on 19 June 2025
is valid through 19 June 2028.

On any day a certificate is in one :class:`CertificateStatus`:

* ``valid``; or ``reevaluation_window`` when the holder must file its re-evaluation, no earlier
  than 180 and no later than 120 days before expiry (Art. 7.6.a) — still valid;
* ``expired``; or ``grace`` when the holder of a certificate issued before 26/2026 took effect
  and still valid on that day filed late, from 22 May 2026 on, which keeps it valid until
  decided, at most 180 days past expiry (Art. 12.3);
* ``revoked`` (Art. 8), or withdrawn after it lapsed without re-evaluation (:meth:`withdraw`),
  or ``superseded`` by a later certificate for the same product.

Each step is judged by the rules of its day: the window of Art. 7.6.a and the grace of
Art. 12.3 exist from 22 May 2026 only; the eras before set no filing window
(:meth:`Certificate.reevaluation_terms` says what they required); and a revocation goes to the
authority of the era it is decided in (:meth:`~ocop.regulation.Regulation.revoking_level`).

>>> cert = Certificate(number="12/GCN-UBND", product_id="p1", subject_id="s1", stars=4,
...     level="province", authority="UBND tỉnh An Giang", decision_no="1234/QĐ-UBND",
...     decision_date=date(2026, 6, 19), issued_on=date(2026, 6, 19))
>>> cert.expires_on
Date(2029, 6, 19)
>>> [cert.status(day).value for day in (date(2027, 1, 1), date(2029, 1, 10), date(2029, 6, 20))]
['valid', 'reevaluation_window', 'expired']
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

import attrs
import pendulum

from ocop._fields import OneOf, day, located, optional_day, optional_text, text
from ocop.calendar import LAST_DAY, add_months, as_date
from ocop.calendar import date as date  # for the examples below
from ocop.errors import AuthorityError, DeadlineError, InputError, Lang, Problem, TransitionError
from ocop.rating import StarRating
from ocop.regulation import (
    GraceScope,
    Level,
    ReevaluationTerms,
    Regulation,
    eras,
    regulation_for,
)

__all__ = [
    "Certificate",
    "CertificateStatus",
    "Revocation",
    "RevocationGround",
    "due_for_reevaluation",
    "expiring_within",
    "valid_on",
]


class CertificateStatus(enum.StrEnum):
    """Where a certificate stands on a given day."""

    NOT_YET_ISSUED = "not_yet_issued"
    VALID = "valid"
    REEVALUATION_WINDOW = "reevaluation_window"
    """Valid, and in the 180..120-day window to file the re-evaluation (Art. 7.6.a)."""
    EXPIRED = "expired"
    GRACE = "grace"
    """Past expiry, kept valid for a late filer until decided, ≤180 days (Art. 12.3)."""
    REVOKED = "revoked"
    SUPERSEDED = "superseded"
    """Replaced by a later certificate for the same product (upgrade or re-evaluation)."""

    def label(self, lang: Lang = "vi") -> str:
        """The status in words.

        >>> CertificateStatus.GRACE.label("vi")
        'gia hạn chuyển tiếp'
        """
        vi, en = _STATUS_LABELS[self]
        return en if lang == "en" else vi

    @property
    def in_force(self) -> bool:
        """Whether the product may be sold as OCOP on that day."""
        return self in (
            CertificateStatus.VALID,
            CertificateStatus.REEVALUATION_WINDOW,
            CertificateStatus.GRACE,
        )


_STATUS_LABELS = {
    CertificateStatus.NOT_YET_ISSUED: ("chưa cấp", "not yet issued"),
    CertificateStatus.VALID: ("còn hiệu lực", "valid"),
    CertificateStatus.REEVALUATION_WINDOW: ("trong hạn nộp đánh giá lại", "re-evaluation window"),
    CertificateStatus.EXPIRED: ("hết hạn", "expired"),
    CertificateStatus.GRACE: ("gia hạn chuyển tiếp", "transition grace"),
    CertificateStatus.REVOKED: ("bị thu hồi", "revoked"),
    CertificateStatus.SUPERSEDED: ("đã được thay thế", "superseded"),
}


class RevocationGround(enum.StrEnum):
    """Why a certificate is revoked: the six grounds of QĐ 26/2026/QĐ-TTg Art. 8.1, and the
    two on which provinces withdraw certificates that lapsed without a new recognition."""

    FALSE_DOSSIER = "false_dossier"
    """a) untruthful information or forged documents in the dossier."""
    CRITERIA_NO_LONGER_MET = "criteria_no_longer_met"
    """b) no longer meets the criteria, by an inspection's conclusion."""
    LEGAL_VIOLATION = "legal_violation"
    """c) violates the law on quality, food safety, environment, IP, labelling or other law."""
    MARK_MISUSE = "mark_misuse"
    """d) uses the OCOP mark wrongly, misleading about the recognised product."""
    STOPPED_PRODUCING = "stopped_producing"
    """đ) the subject no longer produces the product."""
    AUTHORITY_CONCLUSION = "authority_conclusion"
    """e) another competent authority concludes it no longer qualifies."""
    NOT_REEVALUATED = "not_reevaluated"
    """The certificate expired and its holder did not file for re-evaluation (không tham gia
    đánh giá lại): a withdrawal of a lapsed certificate, see :meth:`Certificate.withdraw`."""
    FAILED_REEVALUATION = "failed_reevaluation"
    """The certificate expired and its re-evaluation did not meet the criteria (tham gia đánh
    giá lại nhưng không đáp ứng): a withdrawal of a lapsed certificate."""

    @property
    def point(self) -> str | None:
        """The point of Art. 8.1 ("a" … "e", "đ"); ``None`` for the grounds of a lapse."""
        return _GROUND_POINT.get(self)

    @property
    def lapse(self) -> bool:
        """Whether the ground is a lapse: it applies to an expired certificate only."""
        return self in _LAPSE_GROUNDS

    def label(self, lang: Lang = "vi") -> str:
        """The ground in words.

        >>> RevocationGround.NOT_REEVALUATED.label("en")
        'expired without re-evaluation'
        """
        vi, en = _GROUND_LABELS[self]
        return en if lang == "en" else vi


_GROUND_POINT = {
    RevocationGround.FALSE_DOSSIER: "a",
    RevocationGround.CRITERIA_NO_LONGER_MET: "b",
    RevocationGround.LEGAL_VIOLATION: "c",
    RevocationGround.MARK_MISUSE: "d",
    RevocationGround.STOPPED_PRODUCING: "đ",
    RevocationGround.AUTHORITY_CONCLUSION: "e",
}
_LAPSE_GROUNDS = frozenset({RevocationGround.NOT_REEVALUATED, RevocationGround.FAILED_REEVALUATION})
_GROUND_LABELS = {
    RevocationGround.FALSE_DOSSIER: ("hồ sơ không trung thực, giả mạo", "false or forged dossier"),
    RevocationGround.CRITERIA_NO_LONGER_MET: (
        "không còn đáp ứng tiêu chí",
        "criteria no longer met",
    ),
    RevocationGround.LEGAL_VIOLATION: ("vi phạm quy định pháp luật", "violation of the law"),
    RevocationGround.MARK_MISUSE: ("sử dụng nhãn hiệu OCOP không đúng", "misuse of the OCOP mark"),
    RevocationGround.STOPPED_PRODUCING: ("không còn sản xuất", "production stopped"),
    RevocationGround.AUTHORITY_CONCLUSION: (
        "theo kết luận của cơ quan có thẩm quyền",
        "another authority's conclusion",
    ),
    RevocationGround.NOT_REEVALUATED: (
        "hết hạn, không tham gia đánh giá lại",
        "expired without re-evaluation",
    ),
    RevocationGround.FAILED_REEVALUATION: (
        "hết hạn, đánh giá lại không đạt",
        "expired, re-evaluation failed",
    ),
}


def _to_stars(value: StarRating | int, path: str) -> StarRating:
    """Stars that a certificate may carry: 3 and more."""
    rating = value if isinstance(value, StarRating) else StarRating(stars=value)
    if not rating.certifiable:
        raise InputError(
            Problem(
                code="certificate.not_certifiable",
                path=path,
                value=rating.stars,
                message_vi="Chỉ cấp giấy chứng nhận cho sản phẩm từ 3 sao (Điều 4.1.a)",
                message_en="certificates are issued from 3 stars only (Art. 4.1.a)",
            )
        )
    return rating


if TYPE_CHECKING:

    def _stars(value: StarRating | int) -> StarRating: ...

else:
    _stars = located(_to_stars)


@attrs.frozen(kw_only=True)
class Revocation:
    """A decision revoking a certificate (quyết định thu hồi; Art. 8), or withdrawing one that
    lapsed without a new recognition.

    Attributes:
        ground: one of the six grounds of Art. 8.1, or a lapse (:attr:`RevocationGround.lapse`).
        found_on: the day of the competent conclusion, or of the commune's confirmation that
            the subject stopped producing, from which the 15 days run (Art. 8.4); for a lapse,
            the first day the certificate was expired.
        decided_on: the day of the revocation decision.
        decision_no: its number.
        level: the level that decided.
        note: what was found.
    """

    ground: RevocationGround = attrs.field(converter=OneOf[RevocationGround])
    found_on: pendulum.Date = attrs.field(converter=day)
    decided_on: pendulum.Date = attrs.field(converter=day)
    decision_no: str = attrs.field(converter=text)
    level: Level = attrs.field(converter=OneOf[Level])
    note: str | None = attrs.field(default=None, converter=optional_text)


MAX_VALID_MONTHS: Final = 120
"""The longest validity a certificate may state: every decision sets 36 months (QĐ 26/2026/QĐ-TTg
Art. 4.3, as QĐ 148/2023 and QĐ 1048/2019 before it); ten years bounds the arithmetic."""


def _check_valid_months(instance: object, attribute: object, value: object) -> None:
    if type(value) is not int or not 1 <= value <= MAX_VALID_MONTHS:
        raise InputError(
            Problem(
                code="certificate.bad_validity",
                path="$.valid_months",
                value=value if type(value) is int else repr(value)[:50],
                message_vi=f"Thời hạn phải là số tháng nguyên từ 1 đến {MAX_VALID_MONTHS}",
                message_en=f"the validity is a whole number of months from 1 to {MAX_VALID_MONTHS}",
            )
        )


@attrs.frozen(kw_only=True)
class Certificate:
    """A certificate of an OCOP product's star rating.

    Attributes:
        number: its number as printed.
        product_id: the product certified.
        subject_id: the subject that owns the product.
        stars: the rating, 3★ to 5★.
        level: the level that issued it.
        authority: the issuing authority as printed ("UBND tỉnh An Giang").
        decision_no: the number of the recognition decision.
        decision_date: the day of that decision.
        issued_on: the day the certificate was issued; validity runs from it.
        product_name: the product's name as printed, if kept.
        valid_months: its validity (36 months, Art. 4.3).
        revocation: the revocation decision, if any.
        superseded_by: the number of the certificate that replaced it, if any.
        superseded_on: the day that certificate was issued.
        late_filing_on: the day a re-evaluation was filed after the window closed, for the
            transition grace (Art. 12.3).
        renewal_decided_on: the day the competent authority decided that late re-evaluation;
            the grace ends then.
    """

    number: str = attrs.field(converter=text)
    product_id: str = attrs.field(converter=text)
    subject_id: str = attrs.field(converter=text)
    stars: StarRating = attrs.field(converter=_stars)
    level: Level = attrs.field(converter=OneOf[Level])
    authority: str = attrs.field(converter=text)
    decision_no: str = attrs.field(converter=text)
    decision_date: pendulum.Date = attrs.field(converter=day)
    issued_on: pendulum.Date = attrs.field(converter=day)
    product_name: str | None = attrs.field(default=None, converter=optional_text)
    valid_months: int = attrs.field(
        default=36,
        validator=_check_valid_months,
        metadata={"schema": {"minimum": 1, "maximum": MAX_VALID_MONTHS}},
    )
    revocation: Revocation | None = None
    superseded_by: str | None = attrs.field(default=None, converter=optional_text)
    superseded_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    late_filing_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    renewal_decided_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)

    def __attrs_post_init__(self) -> None:
        try:  # the expiry must lie within the supported days
            add_months(self.issued_on, self.valid_months)
        except InputError:
            raise InputError(
                Problem(
                    code="date.out_of_range",
                    path="$.issued_on",
                    value=self.issued_on.isoformat(),
                    message_vi=f"Giấy chứng nhận hết hạn sau ngày cuối được hỗ trợ ({LAST_DAY})",
                    message_en=f"the certificate expires after the last supported day ({LAST_DAY})",
                )
            ) from None
        if self.issued_on < self.decision_date:
            raise InputError(
                Problem(
                    code="certificate.issued_before_decision",
                    path="$.issued_on",
                    value=self.issued_on.isoformat(),
                    message_vi="Giấy chứng nhận không thể cấp trước ngày quyết định công nhận",
                    message_en="a certificate cannot be issued before its recognition decision",
                )
            )

    @property
    def expires_on(self) -> pendulum.Date:
        """The last day of validity: 36 calendar months after issue (Art. 4.3)."""
        return add_months(self.issued_on, self.valid_months)

    def reevaluation_window(
        self, regulation: Regulation | None = None
    ) -> tuple[pendulum.Date, pendulum.Date] | None:
        """The first and last day to file the re-evaluation (Art. 7.6.a), under ``regulation``
        (by default the era in force 180 days before expiry); ``None`` if it sets no window."""
        rules = regulation or _era_around(self.expires_on)
        return rules.reevaluation_window(self.expires_on)

    def reevaluation_terms(self, regulation: Regulation | None = None) -> ReevaluationTerms:
        """What the rules required of this certificate's re-evaluation: the filing window of
        26/2026 (Art. 7.6.a), or what an earlier era asked instead (no window; under QĐ 148 the
        issuer's notice 30 days before expiry). By default the era in force 180 days before
        expiry.

        >>> cert = Certificate(number="1", product_id="p", subject_id="s", stars=3,
        ...     level="district", authority="UBND huyện Chợ Mới", decision_no="768/QĐ-UBND",
        ...     decision_date=date(2023, 6, 1), issued_on=date(2023, 6, 1))
        >>> terms = cert.reevaluation_terms()
        >>> terms.era, terms.window, terms.notice_by
        ('148/2023+1489/2025', None, Date(2026, 5, 2))
        """
        rules = regulation or _era_around(self.expires_on)
        return rules.reevaluation_terms(self.expires_on)

    def _grace_rules(self, regulation: Regulation | None) -> Regulation | None:
        """The era whose transition grace (Art. 12.3) covers this certificate, if any.

        The grace is a transitional rule: it covers a certificate issued before the era took
        effect and still valid on that day (Art. 12.1: such certificates "tiếp tục có giá trị";
        one that had already expired has nothing to continue), within the era's
        :class:`~ocop.regulation.GraceScope`.
        """
        for rules in (regulation,) if regulation is not None else eras():
            transition = rules.transition
            if transition is None or self.issued_on >= rules.effective_from:
                continue
            if self.expires_on < rules.effective_from:
                continue
            if transition.grace_scope is GraceScope.WINDOW_UNREACHABLE:
                window = rules.reevaluation_window(self.expires_on)
                if window is None or window[1] >= rules.effective_from:
                    continue
            return rules
        return None

    def grace_until(self, regulation: Regulation | None = None) -> pendulum.Date | None:
        """The last day of the transition grace (Art. 12.3), if this certificate has one.

        It has one when an era with a transition took effect after the certificate was issued
        and before it expired (within the era's :class:`~ocop.regulation.GraceScope`), and the
        holder filed the re-evaluation after the window closed, on or after the day that era
        took effect: a filing recorded before 22 May 2026 is a pending re-evaluation under the
        old rules (Art. 12.2.b), not a late one. The grace ends when the re-evaluation is
        decided, and 180 days after expiry at the latest.
        """
        rules = self._grace_rules(regulation)
        if self.late_filing_on is None or rules is None or rules.transition is None:
            return None
        if self.late_filing_on < rules.effective_from:
            return None
        last = rules.transition.grace.after(self.expires_on)
        if self.renewal_decided_on is not None:
            last = min(last, self.renewal_decided_on)
        return last

    def status(self, on: dt.date, regulation: Regulation | None = None) -> CertificateStatus:
        """Where the certificate stands on ``on``.

        Args:
            on: the day asked about.
            regulation: the rules to read the window and grace by; by default the era in force
                on ``on`` for the window and every era with a transition for the grace.
        """
        day = as_date(on)
        if day < self.issued_on:
            return CertificateStatus.NOT_YET_ISSUED
        if self.revocation is not None and day >= self.revocation.decided_on:
            return CertificateStatus.REVOKED
        if self.superseded_on is not None and day >= self.superseded_on:
            return CertificateStatus.SUPERSEDED
        if day <= self.expires_on:
            rules = regulation or _era_on(day)
            window = None if rules is None else rules.reevaluation_window(self.expires_on)
            if window is not None and window[0] <= day <= window[1]:
                return CertificateStatus.REEVALUATION_WINDOW
            return CertificateStatus.VALID
        grace = self.grace_until(regulation)
        if grace is not None and day <= grace:
            return CertificateStatus.GRACE
        return CertificateStatus.EXPIRED

    def in_force(self, on: dt.date, regulation: Regulation | None = None) -> bool:
        """Whether the product is a recognised OCOP product on ``on``."""
        return self.status(on, regulation).in_force

    def revoke(
        self,
        *,
        ground: RevocationGround | str,
        found_on: dt.date,
        decided_on: dt.date,
        decision_no: str,
        by: Level | str,
        note: str | None = None,
        regulation: Regulation | None = None,
    ) -> Certificate:
        """The certificate revoked (QĐ 26/2026/QĐ-TTg Art. 8).

        Args:
            ground: one of the six grounds of Art. 8.1 (a lapsed certificate is withdrawn with
                :meth:`withdraw`).
            found_on: the day of the conclusion or the commune's confirmation.
            decided_on: the day of the revocation decision.
            decision_no: its number.
            by: the level deciding: the one the rules in force on ``decided_on`` name
                (:meth:`~ocop.regulation.Regulation.revoking_level`; Art. 8.2: province for
                3★–4★, ministry for 5★; before 26/2026, the level that issued it).
            note: what was found.
            regulation: the rules to apply, by default those in force on ``decided_on``.

        Raises:
            TransitionError: ``certificate.already_revoked``, ``certificate.not_in_force``.
            InputError: ``certificate.revocation_before_finding``,
                ``certificate.lapse_not_revocation``.
            AuthorityError: ``certificate.revocation_authority``.
            DeadlineError: ``certificate.revocation_late`` (after 15 days, Art. 8.4).
        """
        if RevocationGround(ground).lapse:
            raise InputError(
                _problem(
                    "certificate.lapse_not_revocation",
                    "$.ground",
                    str(ground),
                    "Thu hồi giấy chứng nhận đã hết hạn do không đánh giá lại: dùng withdraw",
                    "a lapsed certificate is withdrawn with withdraw(), not revoked",
                )
            )
        level = Level(by)
        revocation = Revocation(
            ground=ground,
            found_on=found_on,
            decided_on=decided_on,
            decision_no=decision_no,
            level=level,
            note=note,
        )
        rules = regulation or regulation_for(revocation.decided_on)
        self._check_revocable(revocation, rules)
        self._check_authority(level, rules)
        _check_revocation_deadline(revocation, rules)
        return attrs.evolve(self, revocation=revocation)

    def _check_revocable(self, revocation: Revocation, rules: Regulation) -> None:
        """Refuse a revocation of a certificate revoked already or no longer in force, or one
        decided before its finding."""
        if self.revocation is not None:
            raise TransitionError(
                _problem(
                    "certificate.already_revoked",
                    "$.revocation",
                    self.revocation.decision_no,
                    "Giấy chứng nhận đã bị thu hồi",
                    "the certificate is already revoked",
                )
            )
        if revocation.decided_on < revocation.found_on:
            raise InputError(
                _problem(
                    "certificate.revocation_before_finding",
                    "$.decided_on",
                    revocation.decided_on.isoformat(),
                    "Quyết định thu hồi không thể trước ngày có kết luận",
                    "a revocation cannot be decided before the finding",
                )
            )
        if not self.in_force(revocation.decided_on, rules):
            raise TransitionError(
                _problem(
                    "certificate.not_in_force",
                    "$.decided_on",
                    self.status(revocation.decided_on, rules).value,
                    "Giấy chứng nhận không còn hiệu lực vào ngày quyết định thu hồi",
                    "the certificate is not in force on the day of the revocation",
                )
            )

    def _check_authority(self, level: Level, rules: Regulation) -> None:
        competent = rules.revoking_level(self.stars.stars, self.level)
        if competent is level:
            return
        who_vi = "không có" if competent is None else competent.label_vi
        who_en = "none" if competent is None else competent.value
        raise AuthorityError(
            _problem(
                "certificate.revocation_authority",
                "$.by",
                level.value,
                f"{level.label_vi.capitalize()} không có thẩm quyền thu hồi giấy chứng nhận "
                f"{self.stars} cấp bởi {self.level.label_vi} (thẩm quyền: {who_vi}; "
                f"{rules.revocation_article})",
                f"the {level.value} level may not revoke a {self.stars} certificate issued by "
                f"the {self.level.value} level (competent: {who_en}; {rules.revocation_article})",
            )
        )

    def withdraw(
        self,
        *,
        ground: RevocationGround | str,
        decided_on: dt.date,
        decision_no: str,
        by: Level | str,
        note: str | None = None,
        regulation: Regulation | None = None,
    ) -> Certificate:
        """The certificate withdrawn after it lapsed without a new recognition.

        Provinces record by decision the certificates that expired and were not renewed: UBND
        tỉnh Đồng Tháp withdrew by its Quyết định số 58 (February 2023) 25 certificates of
        2019, 15 of them not re-evaluated, and in February 2025 the certificates of 47 products
        of 2021, 41 of them not re-evaluated within their 36 months and 6 that failed their
        re-evaluation. The withdrawal is kept as the certificate's :class:`Revocation`, found
        on the first day the certificate was expired; the authority is the one a revocation
        has on ``decided_on``.

        Args:
            ground: :attr:`RevocationGround.NOT_REEVALUATED` or
                :attr:`RevocationGround.FAILED_REEVALUATION`.
            decided_on: the day of the withdrawal decision.
            decision_no: its number.
            by: the level deciding.
            note: what the decision says.
            regulation: the rules to apply, by default those in force on ``decided_on``.

        Raises:
            InputError: ``certificate.not_a_lapse`` for a ground of Art. 8.1.
            TransitionError: ``certificate.not_expired`` (still in force, or not issued, on
                ``decided_on``), ``certificate.already_revoked``,
                ``certificate.already_superseded``.
            AuthorityError: ``certificate.revocation_authority``.

        >>> cert = Certificate(number="12/GCN", product_id="p", subject_id="s", stars=3,
        ...     level="province", authority="UBND tỉnh Đồng Tháp", decision_no="1/QĐ-UBND-HC",
        ...     decision_date=date(2021, 12, 1), issued_on=date(2021, 12, 1))
        >>> gone = cert.withdraw(ground="not_reevaluated", decided_on=date(2025, 2, 21),
        ...     decision_no="(not published)", by="province")
        >>> [gone.status(day).value for day in (date(2025, 2, 20), date(2025, 2, 21))]
        ['expired', 'revoked']
        """
        chosen = RevocationGround(ground)
        if not chosen.lapse:
            raise InputError(
                _problem(
                    "certificate.not_a_lapse",
                    "$.ground",
                    chosen.value,
                    "Căn cứ thu hồi theo Điều 8.1 áp dụng cho giấy chứng nhận còn hiệu lực: "
                    "dùng revoke",
                    "a ground of Art. 8.1 applies to a certificate in force: use revoke()",
                )
            )
        day = as_date(decided_on)
        rules = regulation or regulation_for(day)
        status = self.status(day, rules)
        if self.revocation is not None:
            raise TransitionError(
                _problem(
                    "certificate.already_revoked",
                    "$.revocation",
                    self.revocation.decision_no,
                    "Giấy chứng nhận đã bị thu hồi",
                    "the certificate is already revoked",
                )
            )
        if status is not CertificateStatus.EXPIRED:
            raise TransitionError(
                _problem(
                    "certificate.not_expired",
                    "$.decided_on",
                    status.value,
                    f"Chỉ thu hồi giấy chứng nhận đã hết hạn (hết hạn ngày "
                    f"{self.expires_on.isoformat()}; ngày quyết định: {status.label('vi')})",
                    f"only an expired certificate is withdrawn for a lapse (it expires on "
                    f"{self.expires_on.isoformat()}; on that day it is {status.label('en')})",
                )
            )
        level = Level(by)
        self._check_authority(level, rules)
        revocation = Revocation(
            ground=chosen,
            found_on=self.expires_on.add(days=1),
            decided_on=day,
            decision_no=decision_no,
            level=level,
            note=note,
        )
        return attrs.evolve(self, revocation=revocation)

    def supersede(self, by: Certificate) -> Certificate:
        """The certificate replaced by ``by``, a later one for the same product.

        Raises:
            TransitionError: ``certificate.not_same_product``, ``certificate.not_later``,
                ``certificate.already_revoked``, ``certificate.already_superseded``.
        """
        problem = None
        if by.product_id != self.product_id:
            problem = _problem(
                "certificate.not_same_product",
                "$.product_id",
                by.product_id,
                "Giấy chứng nhận mới không cùng sản phẩm",
                "the new certificate is for another product",
            )
        elif by.issued_on < self.issued_on or by.number == self.number:
            problem = _problem(
                "certificate.not_later",
                "$.issued_on",
                by.issued_on.isoformat(),
                "Giấy chứng nhận mới phải được cấp sau giấy chứng nhận cũ",
                "the new certificate must be issued after the old one",
            )
        elif self.revocation is not None:
            problem = _problem(
                "certificate.already_revoked",
                "$.revocation",
                self.revocation.decision_no,
                "Giấy chứng nhận đã bị thu hồi",
                "the certificate is already revoked",
            )
        elif self.superseded_by is not None:
            problem = _problem(
                "certificate.already_superseded",
                "$.superseded_by",
                self.superseded_by,
                "Giấy chứng nhận đã được thay thế",
                "the certificate is already superseded",
            )
        if problem is not None:
            raise TransitionError(problem)
        return attrs.evolve(self, superseded_by=by.number, superseded_on=by.issued_on)

    def with_late_filing(self, on: dt.date, regulation: Regulation | None = None) -> Certificate:
        """The certificate after its holder filed the re-evaluation late (Art. 12.3).

        Raises:
            DeadlineError: ``certificate.no_grace`` when no transition grace covers this
                certificate (issued after 26/2026 took effect, or expired before it), when the
                filing is before 22 May 2026, or when its grace is over; ``certificate.not_late``
                when the filing is within or before the window (an ordinary filing).
        """
        day = as_date(on)
        rules = self._grace_rules(regulation)
        last = (
            None
            if rules is None or rules.transition is None
            else rules.transition.grace.after(self.expires_on)
        )
        # Art. 12.3 exists from the day 26/2026 took effect: a filing before it is no late one.
        if rules is None or last is None or day > last or day < rules.effective_from:
            raise DeadlineError(
                _problem(
                    "certificate.no_grace",
                    "$.late_filing_on",
                    day.isoformat(),
                    "Giấy chứng nhận này không được kéo dài hiệu lực theo Điều 12.3",
                    "no transition grace (Art. 12.3) covers this certificate on that day",
                )
            )
        window = rules.reevaluation_window(self.expires_on)
        if window is not None and day <= window[1]:
            raise DeadlineError(
                _problem(
                    "certificate.not_late",
                    "$.late_filing_on",
                    day.isoformat(),
                    "Hồ sơ nộp trong hoặc trước thời hạn, không phải nộp muộn",
                    "the filing is within or before the window, not late",
                )
            )
        return attrs.evolve(self, late_filing_on=day)

    def with_renewal_decided(self, on: dt.date) -> Certificate:
        """The certificate once the late re-evaluation was decided: its grace ends on ``on``."""
        return attrs.evolve(self, renewal_decided_on=as_date(on))


def _check_revocation_deadline(revocation: Revocation, rules: Regulation) -> None:
    """Refuse a revocation decided after the era's period from the finding (Art. 8.4)."""
    limit = rules.deadlines.revocation_limit
    if limit is not None and revocation.decided_on > limit.after(revocation.found_on):
        due = limit.after(revocation.found_on)
        raise DeadlineError(
            _problem(
                "certificate.revocation_late",
                "$.decided_on",
                revocation.decided_on.isoformat(),
                f"Quá thời hạn thu hồi {limit.amount} ngày kể từ ngày có kết luận "
                f"(hạn cuối {due.isoformat()}; {limit.article})",
                f"past the {limit.amount}-day revocation period from the finding "
                f"(last day {due.isoformat()}; {limit.article})",
            )
        )


def _problem(code: str, path: str, value: object, vi: str, en: str) -> Problem:
    return Problem(code=code, path=path, value=value, message_vi=vi, message_en=en)


def _era_on(day: pendulum.Date) -> Regulation | None:
    """The era in force on ``day``, or ``None`` before the first one."""
    return regulation_for(day) if day >= eras()[0].effective_from else None


def _era_around(expires: dt.date) -> Regulation:
    """The era in force when the window of a certificate expiring on ``expires`` opens."""
    day = as_date(expires).subtract(days=180)
    first = eras()[0].effective_from
    return regulation_for(max(day, first))


def valid_on(certificates: Iterable[Certificate], day: dt.date) -> tuple[Certificate, ...]:
    """The certificates in force on ``day`` (valid, in their window, or in grace).

    >>> cert = Certificate(number="1", product_id="p", subject_id="s", stars=3,
    ...     level="district", authority="UBND huyện Chợ Mới", decision_no="768/QĐ-UBND",
    ...     decision_date=date(2023, 6, 1), issued_on=date(2023, 6, 1))
    >>> [c.number for c in valid_on([cert], date(2026, 6, 1))], valid_on([cert], date(2026, 6, 2))
    (['1'], ())
    """
    return tuple(cert for cert in certificates if cert.in_force(day))


def expiring_within(
    certificates: Iterable[Certificate], on: dt.date, months: int
) -> tuple[Certificate, ...]:
    """The certificates in force on ``on`` that expire in the next ``months`` months,
    soonest first.
    """
    day = as_date(on)
    until = add_months(day, months)
    found = [
        cert
        for cert in certificates
        if cert.in_force(day) and day <= cert.expires_on <= until and cert.superseded_by is None
    ]
    return tuple(sorted(found, key=lambda cert: (cert.expires_on, cert.number)))


def due_for_reevaluation(
    certificates: Iterable[Certificate], on: dt.date
) -> tuple[Certificate, ...]:
    """The certificates whose holders must file their re-evaluation now (Art. 7.6.a), the
    window closing soonest first.
    """
    day = as_date(on)
    found = [
        cert for cert in certificates if cert.status(day) is CertificateStatus.REEVALUATION_WINDOW
    ]

    def closes(cert: Certificate) -> pendulum.Date:
        rules = _era_on(day)
        window = None if rules is None else cert.reevaluation_window(rules)
        return window[1] if window is not None else cert.expires_on

    return tuple(sorted(found, key=lambda cert: (closes(cert), cert.number)))
