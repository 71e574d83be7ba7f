"""Evaluation councils (Hội đồng đánh giá, phân hạng sản phẩm OCOP) and their rules.

A provincial council is chaired by a leader of the provincial People's Committee, or by the
head of a provincial department the chairman delegates, who then answers for the results;
its members come from the departments of agriculture and environment, industry and trade,
health, science and technology, culture, sports and tourism, food safety where one exists,
and the provincial OCOP office; experts and associations may be invited; an advisory team
(Tổ tư vấn) reviews the dossiers first (QĐ 26/2026/QĐ-TTg Art. 7.3.b–c). The central council
is built the same way around a ministry leader (Art. 7.4.b).

The national texts leave the council's working rules to its own regulation (Quy chế hoạt
động). :class:`CouncilPolicy` holds the ones this library applies, with defaults read from
the provincial regulations of Tây Ninh and Đồng Tháp: a quorum of three quarters of the
members including the chair, members' totals within 10 points of each other (else the council
discusses and members re-score), and a published score of two decimals, cut at the third.

A member tied to a subject — working for it, related to its legal representative, advising it,
holding a share in it — may not score its product (:meth:`Council.check_independence`).

>>> chair = Member(id="chair", name="Trần Anh Thư", organisation="UBND tỉnh An Giang",
...                role="chair")
>>> adviser = Member(id="m2", name="Lê Văn Hai", organisation="Trường Đại học An Giang",
...                  ties=(Tie(kind="adviser", subject_id="s1"),))
>>> council = Council(id="hd-ag-2020", level="province", chair=chair, members=(adviser,))
>>> council.policy.quorum_for(9)
7
>>> from ocop.subject import Subject
>>> subject = Subject(id="s1", name="Công ty TNHH Lộc Trời", kind="enterprise")
>>> council.check_independence("m2", subject)
Traceback (most recent call last):
...
ocop.errors.ConflictOfInterestError: $.member: ...
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs
import pendulum

from ocop._fields import (
    OneOf,
    TupleOf,
    fail,
    located,
    optional_day,
    optional_text,
    text,
    to_choice,
)
from ocop._text import nfc
from ocop.errors import ConflictOfInterestError, Problem, ProcessError
from ocop.regulation import Level, Regulation
from ocop.subject import Subject

__all__ = [
    "Council",
    "CouncilPolicy",
    "Member",
    "Role",
    "Tie",
    "TieKind",
]


class Role(enum.StrEnum):
    """A member's role on the council."""

    CHAIR = "chair"
    """Chủ tịch Hội đồng."""
    VICE_CHAIR = "vice_chair"
    """Phó Chủ tịch Hội đồng."""
    MEMBER = "member"
    """Ủy viên."""
    SECRETARY = "secretary"
    """Thư ký (usually from the OCOP office)."""
    ADVISER = "adviser"
    """Thành viên Tổ tư vấn: reviews dossiers, does not score."""
    EXPERT = "expert"
    """Chuyên gia được mời (Art. 7.3.b)."""


class TieKind(enum.StrEnum):
    """How a person is tied to a subject."""

    EMPLOYEE = "employee"
    """Works for the subject or holds a post in it."""
    RELATIVE = "relative"
    """Related to the subject's legal representative."""
    ADVISER = "adviser"
    """Advises or consults for the subject (e.g. helped build its dossier)."""
    OWNER = "owner"
    """Holds capital or a share in the subject."""
    OTHER = "other"
    """Any other interest the member declares."""


@attrs.frozen(kw_only=True)
class Tie:
    """A declared tie between a member and a subject, or a person of it.

    Attributes:
        kind: what the tie is.
        subject_id: the subject tied to.
        person: a person tied to (the subject's legal representative, for a relative).
        note: what the member declared.
    """

    kind: TieKind = attrs.field(converter=OneOf[TieKind])
    subject_id: str | None = attrs.field(default=None, converter=optional_text)
    person: str | None = attrs.field(default=None, converter=optional_text)
    note: str | None = attrs.field(default=None, converter=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.subject_id is None and self.person is None:
            raise fail(
                "council.tie_without_party",
                "$",
                None,
                "Quan hệ phải nêu chủ thể hoặc người có liên quan",
                "a tie names a subject or a person",
            )

    def binds(self, subject: Subject) -> bool:
        """Whether this tie concerns ``subject`` or its legal representative."""
        if self.subject_id is not None and self.subject_id == subject.id:
            return True
        representative = subject.representative
        return (
            self.person is not None
            and representative is not None
            and nfc(self.person).casefold() == nfc(representative.name).casefold()
        )


@attrs.frozen(kw_only=True)
class Member:
    """A person on a council, its advisory team, or invited to it.

    Attributes:
        id: a stable identifier.
        name: the person's name.
        organisation: the body the person represents ("Sở Y tế tỉnh An Giang").
        position: the person's post there ("Phó Giám đốc").
        role: chair, vice-chair, member, secretary, adviser or expert.
        ties: ties the person declared to subjects.
        delegated_by: for a chair who heads a department, the provincial leader who delegated
            the chair (Art. 7.3.b); the delegated chair remains accountable for the results.
    """

    id: str = attrs.field(converter=text)
    name: str = attrs.field(converter=text)
    organisation: str = attrs.field(converter=text)
    position: str | None = attrs.field(default=None, converter=optional_text)
    role: Role = attrs.field(default=Role.MEMBER, converter=OneOf[Role])
    ties: tuple[Tie, ...] = attrs.field(default=(), converter=TupleOf[Tie])
    delegated_by: str | None = attrs.field(default=None, converter=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.delegated_by is not None and self.role is not Role.CHAIR:
            raise fail(
                "council.delegation_not_chair",
                "$.delegated_by",
                self.delegated_by,
                "Chỉ Chủ tịch Hội đồng mới được ủy quyền làm chủ tịch",
                "only the chair holds a delegation",
            )

    def tie_to(self, subject: Subject) -> Tie | None:
        """The member's tie to ``subject``, if any.

        A declared tie to the subject or its representative counts; so does representing the
        subject itself (the member's organisation is the subject's registered name).
        """
        for tie in self.ties:
            if tie.binds(subject):
                return tie
        if nfc(self.organisation).casefold() == nfc(subject.name).casefold():
            return Tie(kind=TieKind.EMPLOYEE, subject_id=subject.id, note=self.organisation)
        return None


def _to_fraction(value: Fraction | Decimal | float | str, path: str) -> Fraction:
    try:
        share = value if isinstance(value, Fraction) else Fraction(str(value))
    except (TypeError, ValueError, ZeroDivisionError):
        raise fail(
            "council.bad_quorum", path, value, "Tỷ lệ không hợp lệ", "not a valid share"
        ) from None
    if not 0 < share <= 1:
        raise fail(
            "council.bad_quorum",
            path,
            str(value),
            "Tỷ lệ túc số phải lớn hơn 0 và không quá 1",
            "a quorum is a share above 0 and at most 1",
        )
    return share


if TYPE_CHECKING:

    def _fraction(value: Fraction | Decimal | float | str) -> Fraction: ...

else:
    _fraction = located(_to_fraction)


def _to_spread(value: Decimal | float | str, path: str) -> Decimal:
    try:
        spread = Decimal(str(value))
    except ArithmeticError:
        raise fail("council.bad_spread", path, value, "Số không hợp lệ", "not a number") from None
    if not spread.is_finite() or spread < 0:
        raise fail(
            "council.bad_spread",
            path,
            value,
            "Độ lệch tối đa phải là số không âm",
            "the maximum spread is a number, not negative",
        )
    return spread


if TYPE_CHECKING:

    def _spread(value: Decimal | float | str) -> Decimal: ...

else:
    _spread = located(_to_spread)


_ROUNDINGS = frozenset(
    {
        "ROUND_DOWN",
        "ROUND_HALF_UP",
        "ROUND_HALF_EVEN",
        "ROUND_CEILING",
        "ROUND_FLOOR",
        "ROUND_UP",
        "ROUND_HALF_DOWN",
        "ROUND_05UP",
    }
)


def _to_rounding(value: str, path: str) -> str:
    if value not in _ROUNDINGS:
        raise fail(
            "council.bad_rounding",
            path,
            value,
            "Cách làm tròn không hợp lệ",
            "not a decimal rounding mode",
        )
    return str(value)


if TYPE_CHECKING:

    def _rounding(value: str) -> str: ...

else:
    _rounding = located(_to_rounding)


def _to_places(value: int, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 4:
        raise fail(
            "council.bad_places",
            path,
            value,
            "Số chữ số thập phân phải từ 0 đến 4",
            "the decimals are 0 to 4",
        )
    return value


if TYPE_CHECKING:

    def _places(value: int) -> int: ...

else:
    _places = located(_to_places)


@attrs.frozen(kw_only=True)
class CouncilPolicy:
    """The working rules a council's own regulation sets (Quy chế hoạt động của Hội đồng).

    Attributes:
        quorum: the share of scoring members who must take part (3/4).
        chair_required: whether the chair must be among them.
        max_spread: the largest allowed difference between the highest and the lowest
            member's total; beyond it the council discusses and members re-score (10 points).
        places: the decimals of the published score (2).
        rounding: the :mod:`decimal` rounding of the published score (``ROUND_DOWN``: cut,
            never rounded up across a star threshold).
        secretary_scores: whether the secretary scores (no: the secretary keeps the minutes).
        experts_score: whether invited experts score (no: they advise the council).
        source: where the defaults come from.
    """

    quorum: Fraction = attrs.field(default=Fraction(3, 4), converter=_fraction)
    chair_required: bool = True
    max_spread: Decimal = attrs.field(default=Decimal(10), converter=_spread)
    places: int = attrs.field(default=2, converter=_places)
    rounding: str = attrs.field(default=ROUND_DOWN, converter=_rounding)
    secretary_scores: bool = False
    experts_score: bool = False
    source: str = attrs.field(
        default=(
            "Quy chế hoạt động của Hội đồng đánh giá và xếp hạng sản phẩm OCOP tỉnh Tây Ninh; "
            "Hội đồng đánh giá, xếp hạng sản phẩm OCOP tỉnh Đồng Tháp"
        ),
        converter=text,
    )

    @classmethod
    def for_era(cls, regulation: Regulation, level: Level | str) -> CouncilPolicy:
        """The default policy, with the spread limit the era's own text sets for ``level``.

        QĐ 1048/QĐ-TTg, Phụ lục II, 4.b(2)(3) and 4.c(2)(3), limits the spread of the members'
        totals to 10 points at the province and the centre; the later decisions leave it to
        the council's regulation, and so does 1048 for the district.

        >>> from ocop.regulation import era
        >>> policy = CouncilPolicy.for_era(era("1048"), "province")
        >>> policy.max_spread, policy.source.split(":")[0]
        (Decimal('10'), 'QĐ 1048/QĐ-TTg, Phụ lục II, điểm 4.b(2)(3), 4.c(2)(3)')
        >>> CouncilPolicy.for_era(era("26/2026"), "province") == CouncilPolicy()
        True
        """
        rules = regulation.council
        stage = to_choice(Level, level, "$.level")
        if rules is None or rules.max_spread is None or stage not in rules.spread_levels:
            return cls()
        default = attrs.fields(cls).source.default
        return cls(max_spread=rules.max_spread, source=f"{rules.spread_article}; {default}")

    def quorum_for(self, members: int) -> int:
        """How many of ``members`` scoring members must take part.

        >>> CouncilPolicy().quorum_for(9), CouncilPolicy().quorum_for(8)
        (7, 6)
        """
        return math.ceil(self.quorum * members)

    def publish(self, total: int, cards: int) -> Decimal:
        """The published score: the mean of ``cards`` totals adding to ``total``.

        >>> CouncilPolicy().publish(214, 3)
        Decimal('71.33')
        >>> CouncilPolicy(places=1, rounding="ROUND_HALF_UP").publish(214, 3)
        Decimal('71.3')
        """
        exponent = Decimal(1).scaleb(-self.places)
        return (Decimal(total) / Decimal(cards)).quantize(exponent, rounding=self.rounding)

    def spread_allowed(self, spread: Decimal | int) -> bool:
        """Whether members' totals this far apart may stand without re-scoring."""
        return Decimal(spread) <= self.max_spread


@attrs.frozen(kw_only=True)
class Council:
    """An evaluation council of one level.

    Attributes:
        id: a stable identifier.
        level: the level it evaluates for.
        chair: its chair.
        members: its other members (vice-chairs included).
        secretary: its secretary.
        advisory: its advisory team (Tổ tư vấn).
        experts: experts and associations invited (Art. 7.3.b).
        policy: its working rules.
        name: its name as established.
        established_by: the decision that set it up.
        established_on: the day of that decision.
    """

    id: str = attrs.field(converter=text)
    level: Level = attrs.field(converter=OneOf[Level])
    chair: Member
    members: tuple[Member, ...] = attrs.field(default=(), converter=TupleOf[Member])
    secretary: Member | None = None
    advisory: tuple[Member, ...] = attrs.field(default=(), converter=TupleOf[Member])
    experts: tuple[Member, ...] = attrs.field(default=(), converter=TupleOf[Member])
    policy: CouncilPolicy = attrs.field(factory=CouncilPolicy)
    name: str | None = attrs.field(default=None, converter=optional_text)
    established_by: str | None = attrs.field(default=None, converter=optional_text)
    established_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)

    def __attrs_post_init__(self) -> None:
        if self.chair.role is not Role.CHAIR:
            raise fail(
                "council.chair_role",
                "$.chair.role",
                self.chair.role.value,
                "Chủ tịch Hội đồng phải có vai trò chủ tịch",
                "the chair must have the chair's role",
            )
        if self.level is Level.COMMUNE:
            raise fail(
                "council.commune_level",
                "$.level",
                self.level.value,
                "Cấp xã không lập Hội đồng đánh giá, phân hạng",
                "the commune sets up no evaluation council",
            )
        seen: set[str] = set()
        for person in self.everyone:
            if person.id in seen:
                raise fail(
                    "council.duplicate_member",
                    "$.members",
                    person.id,
                    f"Thành viên {person.id} có mặt hai lần",
                    f"member {person.id} is listed twice",
                )
            seen.add(person.id)
        for at, member in enumerate(self.members):
            if member.role is Role.CHAIR:
                raise fail(
                    "council.two_chairs",
                    f"$.members[{at}].role",
                    member.id,
                    "Hội đồng chỉ có một chủ tịch",
                    "a council has one chair",
                )

    @property
    def everyone(self) -> tuple[Member, ...]:
        """Every person of the council, its team and its guests."""
        secretary = () if self.secretary is None else (self.secretary,)
        return (self.chair, *self.members, *secretary, *self.advisory, *self.experts)

    @property
    def scorers(self) -> tuple[Member, ...]:
        """The people who score: the chair, the members, and the secretary and experts if
        the policy lets them."""
        found = [self.chair, *self.members]
        if self.policy.secretary_scores and self.secretary is not None:
            found.append(self.secretary)
        if self.policy.experts_score:
            found.extend(self.experts)
        return tuple(found)

    @property
    def accountable(self) -> Member:
        """Who answers for the council's results: the chair, delegated or not (Art. 7.3.b)."""
        return self.chair

    @property
    def quorum(self) -> int:
        """How many scorers must take part."""
        return self.policy.quorum_for(len(self.scorers))

    def person(self, member_id: str) -> Member:
        """The person with ``member_id``.

        Raises:
            InputError: ``council.unknown_member``.
        """
        for member in self.everyone:
            if member.id == member_id:
                return member
        raise fail(
            "council.unknown_member",
            "$.member",
            member_id,
            f"Hội đồng {self.id} không có thành viên {member_id}",
            f"council {self.id} has no member {member_id}",
        )

    def is_scorer(self, member_id: str) -> bool:
        """Whether ``member_id`` scores on this council."""
        return any(member.id == member_id for member in self.scorers)

    @property
    def size(self) -> int:
        """The council's members: the chair, the other members and the secretary.

        The advisory team and invited experts are not members of the council.
        """
        return 1 + len(self.members) + (self.secretary is not None)

    def check_size(self, regulation: Regulation) -> None:
        """Refuse a council whose size is outside what the era's text gives its level.

        QĐ 1048/QĐ-TTg, Phụ lục II: 5 to 7 members at the district, 9 to 11 at the province
        and the centre. The later decisions set no size; nothing is checked for them.

        Raises:
            ProcessError: ``council.size``.
        """
        rules = regulation.council
        size = None if rules is None else rules.size(self.level)
        if rules is None or size is None:
            return
        if not size.min_members <= self.size <= size.max_members:
            raise ProcessError(
                Problem(
                    code="council.size",
                    path="$.members",
                    value=self.size,
                    message_vi=f"Hội đồng {self.id} có {self.size} thành viên; "
                    f"{rules.sizes_article}",
                    message_en=f"council {self.id} has {self.size} members; the "
                    f"{self.level.value} council has {size.min_members} to "
                    f"{size.max_members} in the {regulation.key} era ({rules.sizes_article})",
                )
            )

    def check_independence(self, member_id: str, subject: Subject) -> None:
        """Refuse a member tied to ``subject`` as a scorer of its product.

        Raises:
            ConflictOfInterestError: ``council.conflict_of_interest``.
            InputError: ``council.unknown_member``.
        """
        member = self.person(member_id)
        tie = member.tie_to(subject)
        if tie is not None:
            raise ConflictOfInterestError(
                Problem(
                    code="council.conflict_of_interest",
                    path="$.member",
                    value={"member": member.id, "subject": subject.id, "tie": tie.kind.value},
                    message_vi=f"{member.name} có quan hệ ({tie.kind.value}) với chủ thể "
                    f"{subject.name}, không được chấm điểm sản phẩm của chủ thể này",
                    message_en=f"{member.name} is tied ({tie.kind.value}) to {subject.name} "
                    "and may not score its product",
                )
            )

    def independent_scorers(self, subject: Subject) -> tuple[Member, ...]:
        """The scorers not tied to ``subject``."""
        return tuple(member for member in self.scorers if member.tie_to(subject) is None)

    def quorum_problems(self, present: Iterable[str]) -> tuple[Problem, ...]:
        """Why the members ``present`` do not make a quorum; empty if they do."""
        attending = set(present)
        scoring = [member for member in self.scorers if member.id in attending]
        problems: list[Problem] = []
        if len(scoring) < self.quorum:
            problems.append(
                Problem(
                    code="council.no_quorum",
                    path="$.attendance",
                    value=len(scoring),
                    message_vi=f"Cần ít nhất {self.quorum}/{len(self.scorers)} thành viên, "
                    f"có {len(scoring)}",
                    message_en=f"at least {self.quorum} of {len(self.scorers)} members are "
                    f"needed, {len(scoring)} took part",
                )
            )
        if self.policy.chair_required and self.chair.id not in attending:
            problems.append(
                Problem(
                    code="council.chair_absent",
                    path="$.attendance",
                    value=self.chair.id,
                    message_vi="Chủ tịch Hội đồng phải có mặt",
                    message_en="the chair must take part",
                )
            )
        return tuple(problems)
