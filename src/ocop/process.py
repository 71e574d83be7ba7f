"""The life of a dossier as data: which move each era allows, from where, by whom, to where.

A move is a row of :data:`MOVES`: from which states (:class:`DossierState`), which action
(:class:`Action`), by whom (:class:`Who`: the subject, the commune, the level holding the
dossier, or any level whose authority the guards then judge), to which state, and the named
guards that apply, in the order they are checked. The guards are the small functions below,
each citing its article: the authority for the stars, the deadlines in working days, the
windows, the papers of each packet. An :class:`~ocop.evaluation.Application` keeps its data and
applies a move by looking it up here.

Each era reads the same rows through its own levels (:func:`steps`): under QĐ 1048 and 148 the
dossier is filed with the district, which reviews and scores it; since 1 July 2025 it is filed
with the commune, which assesses it and forwards it to the province. :func:`steps` spells the
table out per era as states held by a level, and :func:`mermaid` draws it, so the docs show
what the code allows.

>>> from ocop.regulation import era
>>> [str(step) for step in steps(era("26/2026")) if step.action is Action.SEND_UP]
['scored@province ─send_up (province)─► forwarded@centre']
>>> move(Action.RECOGNISE).guards
('certifiable', 'authority', 'decision_in_time')
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

import attrs
import pendulum

from ocop.errors import (
    AuthorityError,
    DeadlineError,
    Lang,
    Problem,
    TransitionError,
)
from ocop.regulation import Level, Packet, Regulation, eras
from ocop.rubric import EvaluationType

if TYPE_CHECKING:
    from collections.abc import Callable

    from ocop.dossier import Dossier
    from ocop.evaluation import Application, LevelResult
    from ocop.ranking import Classification

__all__ = [
    "GUARDS",
    "MOVES",
    "Action",
    "Actor",
    "Attempt",
    "DossierState",
    "Move",
    "Step",
    "Who",
    "document",
    "levels_table",
    "markdown_table",
    "mermaid",
    "move",
    "steps",
]


class Actor(enum.StrEnum):
    """Who makes a move: the subject, or a level of government."""

    SUBJECT = "subject"
    COMMUNE = "commune"
    DISTRICT = "district"
    PROVINCE = "province"
    CENTRE = "centre"

    @classmethod
    def of(cls, level: Level) -> Actor:
        """The actor that acts for ``level``."""
        return cls(level.value)

    @property
    def level(self) -> Level | None:
        """The level this actor acts for (``None`` for the subject)."""
        return None if self is Actor.SUBJECT else Level(self.value)


class DossierState(enum.StrEnum):
    """Where a dossier is in its life."""

    DRAFTED = "drafted"
    FILED = "filed"
    """Filed with the receiving level (the commune; the district before July 2025)."""
    COMMUNE_ASSESSED = "commune_assessed"
    """The commune has written Form 03 (Art. 7.2.a)."""
    FORWARDED = "forwarded"
    """Received by a scoring level from the level below."""
    RETURNED = "returned"
    """Sent back to be completed."""
    UNDER_REVIEW = "under_review"
    """Admitted to a round; the advisory team reviews it (Art. 7.3.c)."""
    SCORED = "scored"
    RECOGNISED = "recognised"
    NOT_RECOGNISED = "not_recognised"
    CERTIFIED = "certified"

    def label(self, lang: Lang = "vi") -> str:
        """The state in words.

        >>> DossierState.COMMUNE_ASSESSED.label("vi")
        'UBND cấp xã đã đánh giá'
        """
        vi, en = _STATE_LABELS[self]
        return en if lang == "en" else vi

    @property
    def final(self) -> bool:
        """Whether nothing more happens to the dossier."""
        return self in (DossierState.NOT_RECOGNISED, DossierState.CERTIFIED)


_STATE_LABELS = {
    DossierState.DRAFTED: ("đang soạn", "drafted"),
    DossierState.FILED: ("đã nộp", "filed"),
    DossierState.COMMUNE_ASSESSED: ("UBND cấp xã đã đánh giá", "assessed by the commune"),
    DossierState.FORWARDED: ("đã chuyển lên", "forwarded"),
    DossierState.RETURNED: ("trả lại để bổ sung", "returned for completion"),
    DossierState.UNDER_REVIEW: ("tổ tư vấn đang xem xét", "under advisory review"),
    DossierState.SCORED: ("đã chấm điểm", "scored"),
    DossierState.RECOGNISED: ("đã công nhận", "recognised"),
    DossierState.NOT_RECOGNISED: ("không công nhận", "not recognised"),
    DossierState.CERTIFIED: ("đã cấp giấy chứng nhận", "certified"),
}


class Action(enum.StrEnum):
    """The moves of a dossier's life."""

    DRAFT = "draft"
    FILE = "file"
    ASSESS = "assess"
    FORWARD = "forward"
    RETURN = "return_for_completion"
    RESUBMIT = "resubmit"
    REVIEW = "review"
    SCORE = "score"
    RECOGNISE = "recognise"
    REFUSE = "refuse"
    SEND_UP = "send_up"
    CERTIFY = "certify"

    def label(self, lang: Lang = "vi") -> str:
        """The move in words.

        >>> Action.SEND_UP.label("en")
        'send up'
        """
        vi, en = _ACTION_LABELS[self]
        return en if lang == "en" else vi


_ACTION_LABELS = {
    Action.DRAFT: ("soạn", "draft"),
    Action.FILE: ("nộp", "file"),
    Action.ASSESS: ("xã đánh giá", "assess"),
    Action.FORWARD: ("chuyển", "forward"),
    Action.RETURN: ("trả lại", "return"),
    Action.RESUBMIT: ("nộp lại", "resubmit"),
    Action.REVIEW: ("xem xét", "review"),
    Action.SCORE: ("chấm điểm", "score"),
    Action.RECOGNISE: ("công nhận", "recognise"),
    Action.REFUSE: ("không công nhận", "refuse"),
    Action.SEND_UP: ("gửi lên", "send up"),
    Action.CERTIFY: ("cấp giấy", "certify"),
}


class Who(enum.StrEnum):
    """Who may make a move, in the table's terms."""

    SUBJECT = "subject"
    COMMUNE = "commune"
    HOLDER = "holder"
    """The level holding the dossier."""
    ANY = "any"
    """Any level: the move's guards judge its authority."""


@attrs.frozen(kw_only=True)
class Move:
    """One row of the table: from which states, by whom, to which state, under which guards.

    Attributes:
        action: the move.
        before: the states it may be made from.
        by: who may make it.
        after: the state it leads to; ``None`` for the state the dossier was returned from.
        guards: the names of the guards that apply, in the order they are checked
            (:data:`GUARDS`).
        article: where the 26/2026 text sets the move (the older eras' articles are those of
            their levels, :attr:`ocop.regulation.LevelRule.article`).
    """

    action: Action
    before: tuple[DossierState, ...]
    by: tuple[Who, ...]
    after: DossierState | None
    guards: tuple[str, ...] = ()
    article: str = ""


_RETURNABLE: Final = (
    DossierState.FILED,
    DossierState.COMMUNE_ASSESSED,
    DossierState.FORWARDED,
    DossierState.UNDER_REVIEW,
)

MOVES: Final[tuple[Move, ...]] = (
    Move(
        action=Action.FILE,
        before=(DossierState.DRAFTED,),
        by=(Who.SUBJECT,),
        after=DossierState.FILED,
        guards=("papers_complete", "reevaluation_window"),
        article="Art. 6.1, 7.1, 7.6.a",
    ),
    Move(
        action=Action.ASSESS,
        before=(DossierState.FILED,),
        by=(Who.COMMUNE,),
        after=DossierState.COMMUNE_ASSESSED,
        guards=("held_by_commune", "commune_in_time"),
        article="Art. 7.2.a",
    ),
    Move(
        action=Action.FORWARD,
        before=(DossierState.COMMUNE_ASSESSED,),
        by=(Who.COMMUNE,),
        after=DossierState.FORWARDED,
        guards=("commune_in_time", "next_level", "papers_complete"),
        article="Art. 6.2, 7.2.b",
    ),
    Move(
        action=Action.RETURN,
        before=_RETURNABLE,
        by=(Who.HOLDER,),
        after=DossierState.RETURNED,
        article="Art. 7.3.a, 10.4.a",
    ),
    Move(
        action=Action.RESUBMIT,
        before=(DossierState.RETURNED,),
        by=(Who.SUBJECT, Who.COMMUNE),
        after=None,
        guards=("same_dossier", "papers_complete"),
        article="Art. 7.3.a",
    ),
    Move(
        action=Action.REVIEW,
        before=(DossierState.FILED, DossierState.FORWARDED),
        by=(Who.HOLDER,),
        after=DossierState.UNDER_REVIEW,
        guards=("level_scores",),
        article="Art. 7.3.c",
    ),
    Move(
        action=Action.SCORE,
        before=(DossierState.UNDER_REVIEW,),
        by=(Who.HOLDER,),
        after=DossierState.SCORED,
        guards=("same_product",),
        article="Art. 7.3",
    ),
    Move(
        action=Action.RECOGNISE,
        before=(DossierState.SCORED,),
        by=(Who.ANY,),
        after=DossierState.RECOGNISED,
        guards=("certifiable", "authority", "decision_in_time"),
        article="Art. 4.1, 7.3.e, 7.4",
    ),
    Move(
        action=Action.REFUSE,
        before=(DossierState.SCORED,),
        by=(Who.ANY,),
        after=DossierState.NOT_RECOGNISED,
        guards=("say", "decision_in_time"),
        article="Art. 7.3.e, 7.4",
    ),
    Move(
        action=Action.SEND_UP,
        before=(DossierState.SCORED,),
        by=(Who.HOLDER,),
        after=DossierState.FORWARDED,
        guards=("level_sends_up", "threshold", "papers_complete"),
        article="Art. 6.3, 7.3.e",
    ),
    Move(
        action=Action.CERTIFY,
        before=(DossierState.RECOGNISED,),
        by=(Who.ANY,),
        after=DossierState.CERTIFIED,
        guards=("recognising_level",),
        article="Art. 4.1, 4.3",
    ),
)
"""Every move of a dossier's life but the draft, which starts it."""

_BY_ACTION: Final = {row.action: row for row in MOVES}


def move(action: Action) -> Move:
    """The row of :data:`MOVES` for ``action``."""
    return _BY_ACTION[action]


# -- applying a move ----------------------------------------------------------------------------


def _problem(code: str, path: str, value: object, vi: str, en: str) -> Problem:
    return Problem(code=code, path=path, value=value, message_vi=vi, message_en=en)


def holder(application: Application) -> Actor:
    """The actor holding the dossier: the subject until it is filed, then its level."""
    return Actor.SUBJECT if application.level is None else Actor.of(application.level)


def allowed(row: Move, application: Application) -> tuple[Actor, ...]:
    """The actors who may make ``row``'s move on ``application``, in the table's order."""
    found: list[Actor] = []
    for who in row.by:
        if who is Who.ANY:
            found.extend(Actor)
        elif who is Who.HOLDER:
            found.append(holder(application))
        else:
            found.append(Actor(who.value))
    return tuple(found)


def illegal(application: Application, action: Action) -> TransitionError:
    """The error of a move the table does not allow from the application's state."""
    state = application.state
    return TransitionError(
        _problem(
            "application.illegal_transition",
            "$.state",
            {"state": state.value, "action": action.value},
            f"Không thể {action.value} hồ sơ ở trạng thái {state.value}",
            f"cannot {action.value} a dossier that is {state.value}",
        )
    )


def check(application: Application, action: Action, day: pendulum.Date, actor: Actor) -> Move:
    """The row of the move, once the state, the actor and the day allow it.

    Raises:
        TransitionError: ``application.illegal_transition`` from a state the row does not
            list, ``application.wrong_actor`` for an actor it does not allow,
            ``application.out_of_order`` before the previous move.
    """
    row = move(action)
    if application.state not in row.before:
        raise illegal(application, action)
    actors = allowed(row, application)
    if actor not in actors:
        names = ", ".join(item.value for item in actors)
        raise TransitionError(
            _problem(
                "application.wrong_actor",
                "$.by",
                actor.value,
                f"{actor.value} không được {action.value} hồ sơ này (được: {names})",
                f"{actor.value} may not {action.value} this dossier (may: {names})",
            )
        )
    last = application.last_day
    if last is not None and day < last:
        raise TransitionError(
            _problem(
                "application.out_of_order",
                "$.on",
                day.isoformat(),
                f"Ngày {day.isoformat()} trước bước trước đó ({last.isoformat()})",
                f"{day.isoformat()} is before the previous move ({last.isoformat()})",
            )
        )
    return row


@attrs.frozen(kw_only=True)
class Attempt:
    """A move being tried, with what its guards judge.

    Attributes:
        application: the application as it stands.
        row: the move's row of :data:`MOVES`.
        day: the day of the move.
        actor: who makes it.
        regulation: the era it is judged under (for a filing, the era in force that day
            unless the draft was given one).
        dossier: the dossier as the move would leave it (with the papers it adds).
        classification: the result scored, for a score.
    """

    application: Application
    row: Move
    day: pendulum.Date
    actor: Actor
    regulation: Regulation
    dossier: Dossier
    classification: Classification | None = None


def guard(attempt: Attempt) -> None:
    """Run the guards of the attempt's row, in order; the first that fails raises."""
    for name in attempt.row.guards:
        GUARDS[name](attempt)


# -- the guards ---------------------------------------------------------------------------------


def packet(attempt: Attempt) -> Packet:
    """The packet of papers the move must complete (Art. 6).

    Filing completes the filing packet; forwarding from the commune, the proposal packet;
    sending up, the proposal or, to the centre, the central packet; a resubmission, the packet
    of the level that returned the dossier.
    """
    application = attempt.application
    action = attempt.row.action
    if action is Action.FILE:
        return Packet.FILING
    if action is Action.FORWARD:
        return Packet.PROPOSAL
    if action is Action.SEND_UP:
        assert application.level is not None
        rule = application.regulation.rule(application.level)
        assert rule is not None
        return Packet.CENTRAL if rule.forwards_to is Level.CENTRE else Packet.PROPOSAL
    if application.level is application.regulation.receiving_level:
        return Packet.FILING
    if application.level is Level.CENTRE:
        return Packet.CENTRAL
    return Packet.PROPOSAL


def papers_complete(attempt: Attempt) -> None:
    """The dossier holds every paper of the move's packet (Art. 6).

    Raises:
        IncompleteDossierError: with every missing, expired or inconsistent item.
    """
    from ocop.dossier import check_dossier

    check_dossier(
        attempt.dossier, attempt.regulation, on=attempt.day, packet=packet(attempt)
    ).raise_if_incomplete()


def late_filing(attempt: Attempt) -> bool:
    """Whether a re-evaluation is filed after its window, under the transition's grace."""
    application = attempt.application
    previous = application.dossier.previous
    if application.dossier.evaluation_type is not EvaluationType.REEVALUATION or previous is None:
        return False
    window = attempt.regulation.reevaluation_window(previous.expires_on)
    return window is not None and attempt.day > window[1]


def reevaluation_window(attempt: Attempt) -> None:
    """A re-evaluation is filed no earlier than 180 and no later than 120 days before the
    certificate expires (Art. 7.6.a); a later filing only under the grace of Art. 12.3.

    Raises:
        DeadlineError: ``application.filed_too_early`` / ``application.filed_too_late``.
    """
    day = attempt.day
    previous = attempt.application.dossier.previous
    if attempt.application.dossier.evaluation_type is not EvaluationType.REEVALUATION:
        return
    if previous is None:
        return
    window = attempt.regulation.reevaluation_window(previous.expires_on)
    if window is None:
        return
    opens, closes = window
    if day < opens:
        raise DeadlineError(
            _problem(
                "application.filed_too_early",
                "$.on",
                day.isoformat(),
                f"Hồ sơ đánh giá lại nộp không sớm hơn 180 ngày trước khi giấy chứng nhận "
                f"hết hạn (từ {opens.isoformat()}; Điều 7.6.a)",
                f"a re-evaluation is filed no earlier than 180 days before expiry (from "
                f"{opens.isoformat()}; Art. 7.6.a)",
            )
        )
    if day <= closes:
        return
    try:
        previous.with_late_filing(day)
    except DeadlineError:
        raise DeadlineError(
            _problem(
                "application.filed_too_late",
                "$.on",
                day.isoformat(),
                f"Hồ sơ đánh giá lại nộp không muộn hơn 120 ngày trước khi giấy chứng nhận "
                f"hết hạn (đến {closes.isoformat()}; Điều 7.6.a)",
                f"a re-evaluation is filed no later than 120 days before expiry (until "
                f"{closes.isoformat()}; Art. 7.6.a)",
            )
        ) from None


def held_by_commune(attempt: Attempt) -> None:
    """Only a commune that holds the dossier assesses it (Art. 7.2.a; not before July 2025).

    Raises:
        TransitionError: ``application.illegal_transition``.
    """
    if attempt.application.level is not Level.COMMUNE:
        raise illegal(attempt.application, attempt.row.action)


def commune_in_time(attempt: Attempt) -> None:
    """The commune acts within its working days of receiving the dossier (Art. 7.2).

    Raises:
        DeadlineError: ``application.commune_late``.
    """
    application = attempt.application
    day = attempt.day
    received = application.received_on
    assert received is not None
    due = application.regulation.commune_due(received)
    period = application.regulation.deadlines.commune_review
    if due is not None and period is not None and day > due:
        raise DeadlineError(
            _problem(
                "application.commune_late",
                "$.on",
                day.isoformat(),
                f"UBND cấp xã phải xử lý hồ sơ trong {period.amount} ngày làm việc kể từ "
                f"ngày {received.isoformat()} (hạn cuối {due.isoformat()}; "
                f"{period.article})",
                f"the commune must act within {period.amount} working days of "
                f"{received.isoformat()} (last day {due.isoformat()}; "
                f"{period.article})",
            )
        )


def next_level(attempt: Attempt) -> None:
    """The era has a level above the commune to forward to.

    Raises:
        TransitionError: ``application.illegal_transition``.
    """
    if attempt.application.regulation.next_level(Level.COMMUNE) is None:  # pragma: no cover
        raise illegal(attempt.application, attempt.row.action)


def same_dossier(attempt: Attempt) -> None:
    """The completed dossier is the same product's, of the same subject.

    Raises:
        TransitionError: ``application.other_dossier``.
    """
    dossier = attempt.dossier
    current = attempt.application.dossier
    if (
        dossier.id != current.id
        or dossier.product.id != current.product.id
        or dossier.subject.id != current.subject.id
    ):
        raise TransitionError(
            _problem(
                "application.other_dossier",
                "$.dossier",
                dossier.id,
                "Hồ sơ bổ sung phải là hồ sơ của cùng sản phẩm, cùng chủ thể",
                "the completed dossier must be the same product's, of the same subject",
            )
        )


def level_scores(attempt: Attempt) -> None:
    """The level holding the dossier has a council that scores (Art. 7.3.c).

    Raises:
        TransitionError: ``application.illegal_transition``.
    """
    application = attempt.application
    rule = application.regulation.rule(application.level) if application.level else None
    if rule is None or not rule.scores:
        raise illegal(application, attempt.row.action)


def same_product(attempt: Attempt) -> None:
    """The result scored is the application's product's.

    Raises:
        TransitionError: ``application.other_product``.
    """
    classification = attempt.classification
    assert classification is not None
    if classification.product != attempt.application.product.id:
        raise TransitionError(
            _problem(
                "application.other_product",
                "$.classification.product",
                classification.product,
                "Kết quả chấm điểm thuộc sản phẩm khác",
                "the result is for another product",
            )
        )


def _latest(attempt: Attempt) -> LevelResult:
    result = attempt.application.result
    assert result is not None
    return result


def certifiable(attempt: Attempt) -> None:
    """Only a product of 3★ or more, not eliminated, is recognised (Art. 4.1.a).

    Raises:
        AuthorityError: ``application.not_certifiable``.
    """
    classification = _latest(attempt).classification
    star = classification.star
    if star is None or not classification.certifiable:
        raise AuthorityError(
            _problem(
                "application.not_certifiable",
                "$.result.star",
                None if star is None else star.stars,
                "Sản phẩm dưới 3 sao hoặc bị loại: không ban hành quyết định công nhận "
                "(Điều 4.1.a)",
                "a product below 3★ or eliminated gets no recognition (Art. 4.1.a)",
            )
        )


def may_fall_back(application: Application, actor: Actor, result: LevelResult) -> bool:
    """Whether a level below the one that scored, which handled the dossier, may decide on its
    result (26/2026 Art. 7.4: the province on a central result below 90)."""
    level = actor.level
    if level is None or not application.regulation.fallback:
        return False
    handled = {item.level for item in application.results}
    return level in application.regulation.previous_levels(result.level) and level in handled


def no_authority(application: Application, actor: Actor, stars: int | None) -> AuthorityError:
    """The error of a level deciding what its era does not give it."""
    regulation = application.regulation
    what = "ra quyết định" if stars is None else f"công nhận {stars} sao"
    what_en = "decide" if stars is None else f"recognise {stars}★"
    competent = None if stars is None else regulation.recognising_level(stars)
    return AuthorityError(
        _problem(
            "application.authority",
            "$.by",
            actor.value,
            f"{actor.value} không có thẩm quyền {what} cho hồ sơ này trong giai đoạn "
            f"{regulation.key} (thẩm quyền: {competent or '-'})",
            f"{actor.value} may not {what_en} for this dossier in the "
            f"{regulation.key} era (competent: {competent or '-'})",
        )
    )


def authority(attempt: Attempt) -> None:
    """The level recognises the stars its era gives it, on its own result or, where the era
    allows, on a higher level's result below that level's threshold; a result at or above the
    threshold goes up (1048 and 148: Phụ lục II; 26/2026: Art. 4.1, 7.3.e, 7.4).

    Raises:
        AuthorityError: ``application.must_go_up`` / ``application.authority``.
    """
    application = attempt.application
    actor = attempt.actor
    result = _latest(attempt)
    star = result.classification.star
    assert star is not None
    stars = star.stars
    rule = application.regulation.rule(result.level)
    assert rule is not None
    if rule.forwards_at is not None and result.score >= rule.forwards_at:
        raise AuthorityError(
            _problem(
                "application.must_go_up",
                "$.result.score",
                str(result.score),
                f"Kết quả từ {rule.forwards_at} điểm phải chuyển lên {rule.forwards_to} "
                f"({rule.article})",
                f"a result of {rule.forwards_at} or more goes to the {rule.forwards_to} "
                f"({rule.article})",
            )
        )
    level = actor.level
    if level is None:
        raise no_authority(application, actor, stars)
    own = actor is Actor.of(result.level)
    if not (own or may_fall_back(application, actor, result)):
        raise no_authority(application, actor, stars)
    if not application.regulation.may_recognise(level, stars):
        raise no_authority(application, actor, stars)


def say(attempt: Attempt) -> None:
    """The level that scored may refuse, and a level below it that could have decided
    (26/2026 Art. 7.4).

    Raises:
        AuthorityError: ``application.authority``.
    """
    application = attempt.application
    actor = attempt.actor
    result = _latest(attempt)
    if actor is not Actor.of(result.level) and not may_fall_back(application, actor, result):
        raise no_authority(application, actor, None)


def decision_in_time(attempt: Attempt) -> None:
    """A re-evaluation is decided within its days of a complete dossier (26/2026 Art. 7.6.g);
    a dossier filed before a new era is decided by the transition's last day (Art. 12.2).

    Raises:
        DeadlineError: ``application.reevaluation_late`` / ``application.transition_over``.
    """
    application = attempt.application
    day = attempt.day
    rules = application.regulation
    reevaluation = application.dossier.evaluation_type is EvaluationType.REEVALUATION
    limit = rules.deadlines.reevaluation_limit
    received = application.received_on
    if reevaluation and limit is not None and received is not None and day > limit.after(received):
        raise DeadlineError(
            _problem(
                "application.reevaluation_late",
                "$.on",
                day.isoformat(),
                f"Đánh giá lại không quá {limit.amount} ngày kể từ ngày nhận đủ hồ sơ "
                f"(hạn cuối {limit.after(received).isoformat()}; {limit.article})",
                f"a re-evaluation takes at most {limit.amount} days from a complete "
                f"dossier (last day {limit.after(received).isoformat()}; "
                f"{limit.article})",
            )
        )
    filed = application.filed_on
    if filed is None:
        return
    for later in eras():
        transition = later.transition
        if transition is None or later.key == rules.key:
            continue
        if not filed < later.effective_from <= day:
            continue
        period = transition.pending_reevaluation if reevaluation else transition.pending_first
        due = period.after(later.effective_from)
        if day > due:
            raise DeadlineError(
                _problem(
                    "application.transition_over",
                    "$.on",
                    day.isoformat(),
                    f"Hồ sơ nộp trước {later.effective_from.isoformat()} phải hoàn thành "
                    f"đánh giá đến {due.isoformat()} ({period.article})",
                    f"a dossier filed before {later.effective_from.isoformat()} must be "
                    f"decided by {due.isoformat()} ({period.article})",
                )
            )


def level_sends_up(attempt: Attempt) -> None:
    """The level that scored has a level above it to send results to.

    Raises:
        TransitionError: ``application.illegal_transition``.
    """
    application = attempt.application
    assert application.level is not None
    rule = application.regulation.rule(application.level)
    if rule is None or rule.forwards_at is None or rule.forwards_to is None:
        raise illegal(application, attempt.row.action)


def threshold(attempt: Attempt) -> None:
    """Only a result at or above the level's threshold goes up (1048: district 50, province
    90; 148: district 70, province 90; since 1489: province 90).

    Raises:
        TransitionError: ``application.below_threshold``.
    """
    application = attempt.application
    result = _latest(attempt)
    assert application.level is not None
    rule = application.regulation.rule(application.level)
    assert rule is not None
    assert rule.forwards_at is not None
    if result.score < rule.forwards_at:
        raise TransitionError(
            _problem(
                "application.below_threshold",
                "$.result.score",
                str(result.score),
                f"Chỉ chuyển lên cấp trên sản phẩm đạt từ {rule.forwards_at} điểm ({rule.article})",
                f"only results of {rule.forwards_at} or more go up ({rule.article})",
            )
        )


def recognising_level(attempt: Attempt) -> None:
    """The level that recognised the stars issues the certificate (Art. 4.1).

    Raises:
        AuthorityError: ``application.authority``.
    """
    decision = attempt.application.decision
    assert decision is not None
    assert decision.stars is not None
    if attempt.actor is not Actor.of(decision.level):
        raise no_authority(attempt.application, attempt.actor, decision.stars)


GUARDS: Final[dict[str, Callable[[Attempt], None]]] = {
    "papers_complete": papers_complete,
    "reevaluation_window": reevaluation_window,
    "held_by_commune": held_by_commune,
    "commune_in_time": commune_in_time,
    "next_level": next_level,
    "same_dossier": same_dossier,
    "level_scores": level_scores,
    "same_product": same_product,
    "certifiable": certifiable,
    "authority": authority,
    "say": say,
    "decision_in_time": decision_in_time,
    "level_sends_up": level_sends_up,
    "threshold": threshold,
    "recognising_level": recognising_level,
}
"""Every guard by the name the table gives it."""


# -- the table of an era ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Step:
    """One move of an era's table: from a state held by a level, by an actor, to a state.

    Attributes:
        before: the state moved from.
        at: the level holding the dossier then (``None`` for a draft).
        action: the move.
        actor: who makes it.
        after: the state moved to.
        to: the level holding the dossier after.
        guards: the guards that apply (:data:`GUARDS`), in order.
        stars: for a recognition, the stars this actor may recognise in the era.
        article: where the move is set.
    """

    before: DossierState
    at: Level | None
    action: Action
    actor: Actor
    after: DossierState
    to: Level | None
    guards: tuple[str, ...]
    stars: tuple[int, ...] = ()
    article: str = ""

    def __str__(self) -> str:
        return (
            f"{_node(self.before, self.at)} ─{self.action.value} ({self.actor.value})─► "
            f"{_node(self.after, self.to)}"
        )


def _node(state: DossierState, level: Level | None) -> str:
    return state.value if level is None else f"{state.value}@{level.value}"


def _deciders(regulation: Regulation, level: Level, scored: frozenset[Level]) -> list[Level]:
    """The levels that may decide on ``level``'s result: itself and, where the era allows, a
    level below it that scored the dossier before (the ``may_fall_back`` guard)."""
    found = [level]
    if regulation.fallback:
        found += [item for item in regulation.previous_levels(level) if item in scored]
    return found


def _targets(
    regulation: Regulation,
    row: Move,
    state: DossierState,
    level: Level | None,
    scored: frozenset[Level],
) -> Iterator[tuple[Actor, Level | None, tuple[int, ...]]]:
    """Who may make ``row``'s move from ``state`` at ``level`` in the era, the level that holds
    the dossier after, and the stars at stake: the table read through the era's levels and its
    guards that depend on them alone."""
    rule = regulation.rule(level) if level is not None else None
    action = row.action
    if action is Action.FILE:
        yield Actor.SUBJECT, regulation.receiving_level, ()
    elif action in (Action.ASSESS, Action.FORWARD):
        if level is Level.COMMUNE:  # held_by_commune; next_level
            to = level if action is Action.ASSESS else regulation.next_level(level)
            yield Actor.COMMUNE, to, ()
    elif action in (Action.RETURN, Action.REVIEW, Action.SCORE):
        assert level is not None
        scores = rule is not None and rule.scores  # level_scores
        if action is Action.RETURN or scores:
            yield Actor.of(level), level, ()
    elif action is Action.RESUBMIT:
        for who in row.by:
            yield Actor(who.value), level, ()
    elif action is Action.SEND_UP:
        if rule is not None and rule.forwards_at is not None and rule.forwards_to is not None:
            yield Actor.of(rule.level), rule.forwards_to, ()  # level_sends_up
    elif action in (Action.RECOGNISE, Action.REFUSE):
        assert level is not None
        for decider in _deciders(regulation, level, scored):  # authority; say
            stars = tuple(star for star in (3, 4, 5) if regulation.may_recognise(decider, star))
            if action is Action.REFUSE or stars:
                yield Actor.of(decider), decider, stars if action is Action.RECOGNISE else ()
    elif action is Action.CERTIFY:
        assert level is not None
        yield Actor.of(level), level, ()  # recognising_level


def steps(regulation: Regulation) -> tuple[Step, ...]:
    """Every move the era allows, from every state a dossier can reach in it.

    The rows of :data:`MOVES`, read through the era's levels: who receives the dossier, which
    level scores, where each sends its results, who may recognise which stars. A return leads
    back, on resubmission, to the state it was returned from.
    """
    found: list[Step] = []
    seen: set[tuple[DossierState, Level | None]] = set()
    queue: list[tuple[DossierState, Level | None, frozenset[Level]]] = [
        (DossierState.DRAFTED, None, frozenset())
    ]
    returned: dict[Level | None, list[DossierState]] = {}
    while queue:
        state, level, scored = queue.pop(0)
        if (state, level) in seen:
            continue
        seen.add((state, level))
        for row in MOVES:
            if state not in row.before or row.action is Action.RESUBMIT:
                continue
            for actor, to, stars in _targets(regulation, row, state, level, scored):
                assert row.after is not None
                found.append(
                    Step(
                        before=state,
                        at=level,
                        action=row.action,
                        actor=actor,
                        after=row.after,
                        to=to,
                        guards=row.guards,
                        stars=stars,
                        article=row.article,
                    )
                )
                now = scored | {level} if row.action is Action.SCORE and level else scored
                if row.action is Action.RETURN:
                    returned.setdefault(level, []).append(state)
                queue.append((row.after, to, now))
    resubmit = move(Action.RESUBMIT)
    for level, states in returned.items():
        for state in states:
            for actor, _, _ in _targets(
                regulation, resubmit, DossierState.RETURNED, level, frozenset()
            ):
                found.append(
                    Step(
                        before=DossierState.RETURNED,
                        at=level,
                        action=Action.RESUBMIT,
                        actor=actor,
                        after=state,
                        to=level,
                        guards=resubmit.guards,
                        article=resubmit.article,
                    )
                )
    return tuple(found)


# -- drawing the table --------------------------------------------------------------------------


def _id(state: DossierState, level: Level | None) -> str:
    return state.value if level is None else f"{state.value}_{level.value}"


def _stars(stars: tuple[int, ...]) -> str:
    if not stars:
        return ""
    return f" {stars[0]}★" if len(stars) == 1 else f" {stars[0]}–{stars[-1]}★"


def mermaid(regulation: Regulation) -> str:
    """The era's table as a Mermaid state diagram: a state held by a level is a box, a move an
    arrow labelled with the action and who makes it.

    >>> from ocop.regulation import era
    >>> lines = mermaid(era("26/2026")).splitlines()
    >>> print(lines[0]); print(next(line for line in lines if line.startswith("    drafted")))
    stateDiagram-v2
        drafted --> filed_commune : file (subject)
    """
    lines = ["stateDiagram-v2", "    direction TB"]
    nodes: dict[str, str] = {}
    edges: dict[tuple[str, str, str], list[str]] = {}
    for step in steps(regulation):
        for state, level in ((step.before, step.at), (step.after, step.to)):
            label = state.value if level is None else f"{state.value} · {level.value}"
            nodes.setdefault(_id(state, level), label)
        key = (_id(step.before, step.at), _id(step.after, step.to), step.action.value)
        who = edges.setdefault(key, [])
        who.append(step.actor.value + _stars(step.stars))
    for node, label in nodes.items():
        if node != label:
            lines.append(f'    state "{label}" as {node}')
    lines.append(f"    [*] --> {DossierState.DRAFTED.value}")
    for (source, target, action), who in edges.items():
        lines.append(f"    {source} --> {target} : {action} ({', '.join(who)})")
    for node in nodes:
        if node.startswith((DossierState.CERTIFIED.value, DossierState.NOT_RECOGNISED.value)):
            lines.append(f"    {node} --> [*]")
    return "\n".join(lines)


def markdown_table(regulation: Regulation) -> str:
    """The era's table in Markdown: one line per move, with its guards.

    >>> from ocop.regulation import era
    >>> markdown_table(era("26/2026")).splitlines()[2].split(" | ")[1:4]
    ['file', 'subject', 'filed · commune']
    """
    lines = [
        "| From | Move | By | To | Guards | Article (QĐ 26/2026) |",
        "|---|---|---|---|---|---|",
    ]
    for step in steps(regulation):
        before = _label(step.before, step.at)
        after = _label(step.after, step.to)
        who = step.actor.value + _stars(step.stars)
        guards = ", ".join(step.guards) or "-"
        lines.append(
            f"| {before} | {step.action.value} | {who} | {after} | {guards} | {step.article} |"
        )
    return "\n".join(lines)


def levels_table(regulation: Regulation) -> str:
    """The era's levels in Markdown: who decides, whether it scores, the stars it recognises,
    where its results go, and the article that gives it its role; the moves follow from them.

    >>> from ocop.regulation import era
    >>> levels_table(era("148")).splitlines()[2].split(" | ")[:5]
    ['| district', 'Chủ tịch UBND cấp huyện', 'yes', '3★', 'from 70 to province']
    """
    lines = [
        "| Level | Decides | Scores | Recognises | Sends up | Article |",
        "|---|---|---|---|---|---|",
    ]
    for rule in regulation.levels:
        stars = ", ".join(f"{star}★" for star in sorted(rule.recognises)) or "-"
        if rule.forwards_to is None:
            sends = "-"
        elif rule.forwards_at is None:
            sends = f"to {rule.forwards_to.value}"
        else:
            sends = f"from {rule.forwards_at} to {rule.forwards_to.value}"
        scores = "yes" if rule.scores else "no"
        lines.append(
            f"| {rule.level.value} | {rule.authority_vi} | {scores} | {stars} | {sends} "
            f"| {rule.article} |"
        )
    return "\n".join(lines)


def _label(state: DossierState, level: Level | None) -> str:
    return state.value if level is None else f"{state.value} · {level.value}"


def document() -> str:
    """The page of the docs that draws every era's table (``docs/moves.md``)."""
    parts = [
        "# The moves of a dossier, era by era",
        "",
        "Generated from `ocop.process` by `tools/build_process_docs.py`; a test fails when this",
        "page and the table differ. Each era reads the same moves (`ocop.process.MOVES`) through",
        "its own levels: a box is a state and the level that holds the dossier in it, an arrow a",
        "move and who makes it (with the stars a level may recognise). The guards are those of",
        "`ocop.process.GUARDS`; *returned* leads back, on resubmission, to the state the dossier",
        "was returned from. The articles of the moves are those of QĐ 26/2026/QĐ-TTg; each era's",
        "levels, which decide its moves, cite its own text.",
    ]
    for regulation in eras():
        parts += [
            "",
            f"## {regulation.key}",
            "",
            f"{regulation.title}.",
            "",
            levels_table(regulation),
            "",
            (
                f"A level that scored the dossier before may decide on a higher level's result: "
                f"{regulation.fallback_article}."
                if regulation.fallback
                else "Only the level that scored decides on its result."
            ),
            "",
            "```{mermaid}",
            mermaid(regulation),
            "```",
            "",
            markdown_table(regulation),
        ]
    return "\n".join(parts) + "\n"
