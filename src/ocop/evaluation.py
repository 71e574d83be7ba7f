"""The life of a dossier and the evaluation rounds that score it.

An :class:`Application` is a dossier on its way through the levels of its era. Every move is a
method that checks who makes it, from which state, on which day, and returns a new application
with the move recorded as a dated :class:`Event`; a move the rules do not allow raises a
:class:`~ocop.errors.ProcessError` and changes nothing::

    drafted ─file─► filed ─assess─► commune_assessed ─forward─► forwarded ─review─► under_review
       (the 1048 and 148 eras file with the district, which reviews and scores directly)
    under_review ─score─► scored ─recognise─► recognised ─certify─► certified
                                 ─refuse───► not_recognised
                                 ─send_up──► forwarded (to the next level: the centre)
    filed, commune_assessed, forwarded, under_review ─return_for_completion─► returned
    returned ─resubmit─► the state it was returned from

Which move is allowed from which state, by whom, under which guards, is the table of
:mod:`ocop.process` (:data:`~ocop.process.MOVES`); an application applies a move by looking it
up there, and the guards are the functions of that module.

An :class:`EvaluationRound` is one level's round (đợt đánh giá): its council, the applications
admitted, the members' score cards, and the results computed by :func:`ocop.scoring.aggregate`
and :func:`ocop.ranking.classify` under the council's :class:`~ocop.council.CouncilPolicy`.

Under QĐ 26/2026/QĐ-TTg: the commune checks, assesses and forwards within 15 working days
(Art. 7.2); the province holds rounds finishing before 30 June and 30 December for proposals
made before 30 April and 30 October, the ministry before 30 September and 30 March for
proposals before 30 July and 30 January (Art. 5); the province recognises 3★–4★ and sends
results of 90 or more to the ministry, which recognises 5★; on a central result below 90 the
province may recognise 3★–4★ (Art. 4.1, 7.3–7.4); a re-evaluation is filed 180 to 120 days
before expiry (Art. 7.6.a) and decided within 45 days of a complete dossier (Art. 7.6.g).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, cast

import attrs
import pendulum

from ocop import audit, process
from ocop._fields import (
    OneOf,
    OptionalOneOf,
    SetOf,
    TupleOf,
    day,
    fail,
    located,
    optional_day,
    optional_text,
    text,
    to_choice,
    to_day,
)
from ocop.calendar import as_date
from ocop.calendar import date as date  # for the examples below
from ocop.certificate import Certificate
from ocop.council import Council
from ocop.dossier import CommuneAssessment, Dossier, Paper
from ocop.errors import DeadlineError, Problem, TransitionError
from ocop.errors import OcopError as OcopError  # for the examples below
from ocop.process import Action as Action
from ocop.process import Actor as Actor
from ocop.process import DossierState as DossierState
from ocop.product import Product
from ocop.ranking import Classification, classify
from ocop.regulation import (
    Level,
    Regulation,
    regulation_for,
)
from ocop.regulation import era as era  # for the examples below
from ocop.rubric.model import Sheet
from ocop.scoring import CouncilResult, ScoreCard, aggregate, validate_card

__all__ = [
    "Action",
    "Actor",
    "Application",
    "DossierState",
    "EvaluationRound",
    "Event",
    "LevelResult",
    "Recognition",
]


def _to_actor(value: Actor | Level | str, path: str) -> Actor:
    """Who acts: an actor, or the level whose office acts."""
    if isinstance(value, Level):
        return Actor.of(value)
    return to_choice(Actor, value, path)


if TYPE_CHECKING:

    def _actor(value: Actor | Level | str) -> Actor: ...

else:
    _actor = located(_to_actor)


_HASH_SCHEMA = {"pattern": audit.HASH_PATTERN.pattern}


@attrs.frozen(kw_only=True)
class Event:
    """One dated move in a dossier's life.

    Attributes:
        on: the day.
        action: the move.
        actor: who made it.
        before: the state before (``None`` for the draft).
        after: the state after.
        level: the level holding the dossier after the move.
        note: what the move recorded (a decision number, the reasons for a return …).
        previous: the hash of the event before (``None`` for the first): the audit trail of
            :mod:`ocop.audit`.
    """

    on: pendulum.Date = attrs.field(converter=day)
    action: Action = attrs.field(converter=OneOf[Action])
    actor: Actor = attrs.field(converter=_actor)
    before: DossierState | None = attrs.field(converter=OptionalOneOf[DossierState])
    after: DossierState = attrs.field(converter=OneOf[DossierState])
    level: Level | None = attrs.field(default=None, converter=OptionalOneOf[Level])
    note: str | None = attrs.field(default=None, converter=optional_text)
    previous: str | None = attrs.field(
        default=None, converter=audit.optional_hash, metadata={"schema": _HASH_SCHEMA}
    )


@attrs.frozen(kw_only=True)
class LevelResult:
    """A level's result for the dossier.

    Attributes:
        level: the level whose council scored.
        classification: the ranking (:func:`ocop.ranking.classify`).
        scored_on: the day.
        council: the council's averaged result, when a round computed it.
    """

    level: Level = attrs.field(converter=OneOf[Level])
    classification: Classification
    scored_on: pendulum.Date = attrs.field(converter=day)
    council: CouncilResult | None = None

    def __attrs_post_init__(self) -> None:
        council, ranked = self.council, self.classification
        if council is not None and (
            council.score != ranked.score
            or (council.decision, council.set_no, council.product)
            != (ranked.decision, ranked.set_no, ranked.product)
        ):
            raise fail(
                "result.council_mismatch",
                "$.classification.score",
                str(ranked.score),
                f"Kết quả xếp hạng không khớp bảng tổng hợp điểm ({council.score})",
                f"the ranking does not match the council's result ({council.score})",
            )

    @property
    def score(self) -> Decimal:
        """The final score."""
        return self.classification.score


@attrs.frozen(kw_only=True)
class Recognition:
    """A decision recognising (or not) the dossier's result.

    Attributes:
        level: the level that decided.
        stars: the stars recognised (``None`` for a refusal).
        decision_no: the decision's number (a refusal may have none).
        decided_on: its day.
        on_result_of: the level whose result the decision rests on (the centre's, when the
            province recognises on a central result below 90; Art. 7.4).
    """

    level: Level = attrs.field(converter=OneOf[Level])
    stars: int | None
    decision_no: str | None = attrs.field(converter=optional_text)
    decided_on: pendulum.Date = attrs.field(converter=day)
    on_result_of: Level = attrs.field(converter=OneOf[Level])


def _problem(code: str, path: str, value: object, vi: str, en: str) -> Problem:
    return Problem(code=code, path=path, value=value, message_vi=vi, message_en=en)


@attrs.frozen(kw_only=True)
class Application:
    """A dossier on its way through the levels of its era.

    Attributes:
        dossier: the dossier, as it stands.
        regulation: the era that governs it: the one in force the day it was filed
            (26/2026 Art. 12.2), or one given explicitly.
        state: where it is.
        level: the level that holds it.
        filed_on: the day it was first filed.
        received_on: the day the level holding it received it complete (the start of the
            commune's 15 working days and of the 45 days of a re-evaluation).
        resume: for a returned dossier, the state it goes back to.
        late_filing: a re-evaluation filed after its window, under the grace of Art. 12.3.
        era_chosen: whether the era was given explicitly rather than read from the filing day.
        results: each level's result, in order.
        decision: the recognition or refusal.
        certificate: the certificate issued.
        events: every move, in order, each with the hash of the one before.
        history_hash: the hash of the last event, which seals the history: an edited,
            reordered or cut history is refused (:mod:`ocop.audit`).

    >>> from ocop.subject import Subject
    >>> from ocop.product import Product
    >>> subject = Subject(id="s1", name="Hộ Nguyễn Thị Hoa", kind="household")
    >>> product = Product(id="p1", name="Khô cá lóc", decision="26/2026", set_no=8,
    ...                   subject_id="s1")
    >>> draft = Application.draft(Dossier(id="d1", subject=subject, product=product,
    ...     evaluation_type="first"), on=date(2026, 6, 1))
    >>> draft.state, draft.regulation.key
    (<DossierState.DRAFTED: 'drafted'>, '26/2026')
    >>> try:
    ...     draft.file(on=date(2026, 6, 2))
    ... except OcopError as error:
    ...     print(type(error).__name__, error.code)
    IncompleteDossierError dossier.missing_document
    """

    dossier: Dossier
    regulation: Regulation
    state: DossierState = attrs.field(default=DossierState.DRAFTED, converter=OneOf[DossierState])
    level: Level | None = attrs.field(default=None, converter=OptionalOneOf[Level])
    filed_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    received_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    resume: DossierState | None = attrs.field(default=None, converter=OptionalOneOf[DossierState])
    late_filing: bool = False
    era_chosen: bool = False
    results: tuple[LevelResult, ...] = attrs.field(default=(), converter=TupleOf[LevelResult])
    decision: Recognition | None = None
    certificate: Certificate | None = None
    events: tuple[Event, ...] = attrs.field(default=(), converter=TupleOf[Event])
    history_hash: str | None = attrs.field(
        default=None, converter=audit.optional_hash, metadata={"schema": _HASH_SCHEMA}
    )

    def __attrs_post_init__(self) -> None:
        audit.check_history(self.events, self.history_hash)
        problems = _date_problems(self)
        if problems:
            raise TransitionError(problems)

    # -- reading ------------------------------------------------------------------------------

    @property
    def id(self) -> str:
        """The dossier's identifier."""
        return self.dossier.id

    @property
    def product(self) -> Product:
        """The product evaluated."""
        return self.dossier.product

    @property
    def result(self) -> LevelResult | None:
        """The latest level's result, if scored."""
        return self.results[-1] if self.results else None

    @property
    def sent_to_centre(self) -> bool:
        """Whether the dossier awaits the centre's evaluation."""
        return self.state is DossierState.FORWARDED and self.level is Level.CENTRE

    @property
    def last_day(self) -> pendulum.Date | None:
        """The day of the latest move."""
        return self.events[-1].on if self.events else None

    # -- moves --------------------------------------------------------------------------------

    @classmethod
    def draft(
        cls, dossier: Dossier, *, on: dt.date, regulation: Regulation | None = None
    ) -> Application:
        """A dossier the subject is preparing.

        Args:
            dossier: the dossier.
            on: the day the draft starts.
            regulation: the era to apply; by default the one in force on the filing day.
        """
        day = as_date(on)
        rules = regulation or regulation_for(day)
        first = Event(
            on=day,
            action=Action.DRAFT,
            actor=Actor.SUBJECT,
            before=None,
            after=DossierState.DRAFTED,
        )
        return cls(
            dossier=dossier,
            regulation=rules,
            era_chosen=regulation is not None,
            events=(first,),
            history_hash=audit.event_hash(first),
        )

    def file(self, *, on: dt.date, by: Actor | str = Actor.SUBJECT) -> Application:
        """The subject files the dossier with the receiving level (Art. 7.1).

        The era is the one in force on ``on`` unless the draft was given one. A re-evaluation
        is filed no earlier than 180 and no later than 120 days before the certificate expires
        (Art. 7.6.a); a later filing is accepted only under the transition grace (Art. 12.3).

        Raises:
            TransitionError: not a draft, not the subject, or out of date order.
            IncompleteDossierError: the papers of the filing packet are not complete.
            DeadlineError: ``application.filed_too_early`` / ``application.filed_too_late``.
        """
        attempt = self._attempt(Action.FILE, on, by)
        rules = self.regulation if self.era_chosen else regulation_for(attempt.day)
        attempt = attrs.evolve(attempt, regulation=rules)
        process.guard(attempt)
        late = process.late_filing(attempt)
        return self._move(
            attempt,
            level=rules.receiving_level,
            regulation=rules,
            filed_on=attempt.day,
            received_on=attempt.day,
            late_filing=late,
            note="late re-evaluation under Art. 12.3" if late else None,
        )

    def assess(
        self, form: CommuneAssessment, *, on: dt.date, by: Actor | str = Actor.COMMUNE
    ) -> Application:
        """The commune writes its assessment, Form 03 (Art. 7.2.a), within its period.

        Raises:
            TransitionError: not filed with a commune that pre-assesses, not the commune.
            DeadlineError: ``application.commune_late`` after 15 working days (Art. 7.2).
        """
        attempt = self._attempt(Action.ASSESS, on, by)
        process.guard(attempt)
        return self._move(
            attempt, level=Level.COMMUNE, dossier=self.dossier.with_commune_assessment(form)
        )

    def forward(
        self,
        *,
        on: dt.date,
        by: Actor | str = Actor.COMMUNE,
        papers: Iterable[Paper] = (),
    ) -> Application:
        """The commune sends the dossier with its request, Form 03 and the samples to the
        province (Art. 6.2, 7.2.b), within its period.

        Args:
            on: the day of the commune's request.
            by: the commune.
            papers: the papers the commune adds (its request letter).

        Raises:
            TransitionError: not assessed by the commune, or not the commune.
            IncompleteDossierError: the proposal packet is not complete.
            DeadlineError: ``application.commune_late``.
        """
        attempt = self._attempt(Action.FORWARD, on, by, papers=papers)
        process.guard(attempt)
        return self._move(
            attempt,
            level=self.regulation.next_level(Level.COMMUNE),
            received_on=attempt.day,
            dossier=attempt.dossier,
        )

    def return_for_completion(
        self, *, on: dt.date, by: Actor | str, reasons: Iterable[Problem] | str
    ) -> Application:
        """The level holding the dossier sends it back to be completed (Art. 7.3.a, 10.4.a).

        Raises:
            TransitionError: not in a state that can be returned, or not the holding level.
        """
        attempt = self._attempt(Action.RETURN, on, by)
        process.guard(attempt)
        if isinstance(reasons, str):
            note = reasons
        else:
            note = "; ".join(problem.describe("vi") for problem in reasons)
        return self._move(attempt, level=self.level, resume=self.state, note=note or None)

    def resubmit(
        self, dossier: Dossier, *, on: dt.date, by: Actor | str = Actor.SUBJECT
    ) -> Application:
        """The completed dossier goes back to the level that returned it; its period runs
        again from the day it is received.

        Raises:
            TransitionError: not returned; or the dossier is another one.
            IncompleteDossierError: the packet of the state it resumes is still incomplete.
        """
        attempt = attrs.evolve(self._attempt(Action.RESUBMIT, on, by), dossier=dossier)
        process.guard(attempt)
        return self._move(
            attempt,
            level=self.level,
            dossier=dossier,
            received_on=attempt.day,
            resume=None,
        )

    def review(self, *, on: dt.date, by: Actor | str) -> Application:
        """The scoring level admits the dossier to a round; its advisory team reviews it
        (Art. 7.3.c).

        Raises:
            TransitionError: not received by a scoring level, or not that level.
        """
        attempt = self._attempt(Action.REVIEW, on, by)
        process.guard(attempt)
        return self._move(attempt, level=self.level)

    def score(
        self,
        classification: Classification,
        *,
        on: dt.date,
        by: Actor | str,
        council: CouncilResult | None = None,
    ) -> Application:
        """The level's council has scored the product.

        Raises:
            TransitionError: not under review, not the holding level, or a result for
                another product (``application.other_product``).
        """
        attempt = attrs.evolve(self._attempt(Action.SCORE, on, by), classification=classification)
        process.guard(attempt)
        level = self.level
        assert level is not None
        result = LevelResult(
            level=level, classification=classification, scored_on=attempt.day, council=council
        )
        return self._move(
            attempt,
            level=level,
            results=(*self.results, result),
            note=f"{classification.score} → {classification.star or 'eliminated'}",
        )

    def recognise(self, *, on: dt.date, by: Actor | Level | str, decision_no: str) -> Application:
        """The competent level recognises the stars of the latest result.

        The level that scored recognises the stars its era gives it, unless the score reaches
        its forwarding threshold (a result of 90 or more at the province goes to the centre).
        A level below it that handled the dossier may recognise the stars it is given on this
        result when the era allows (26/2026 Art. 7.4: the province on a central result below 90).

        Raises:
            TransitionError: not scored, or out of date order.
            AuthorityError: ``application.not_certifiable``, ``application.must_go_up``,
                ``application.authority``.
            DeadlineError: past the 45 days of a re-evaluation, or the transition's limit.
        """
        attempt = self._attempt(Action.RECOGNISE, on, by)
        process.guard(attempt)
        result = self.result
        assert result is not None
        star = result.classification.star
        assert star is not None
        level = attempt.actor.level
        assert level is not None
        recognition = Recognition(
            level=level,
            stars=star.stars,
            decision_no=decision_no,
            decided_on=attempt.day,
            on_result_of=result.level,
        )
        return self._move(attempt, level=level, decision=recognition, note=f"{decision_no}: {star}")

    def refuse(
        self,
        *,
        on: dt.date,
        by: Actor | Level | str,
        decision_no: str | None = None,
        reason: str | None = None,
    ) -> Application:
        """The level decides not to recognise the product.

        The scoring level may refuse; a level below it may too, on a higher result it could
        have recognised (26/2026 Art. 7.4).

        Raises:
            TransitionError: not scored, or out of date order.
            AuthorityError: ``application.authority`` for a level with no say.
            DeadlineError: past the 45 days of a re-evaluation, or the transition's limit.
        """
        attempt = self._attempt(Action.REFUSE, on, by)
        process.guard(attempt)
        result = self.result
        assert result is not None
        level = attempt.actor.level
        assert level is not None
        recognition = Recognition(
            level=level,
            stars=None,
            decision_no=decision_no,
            decided_on=attempt.day,
            on_result_of=result.level,
        )
        return self._move(attempt, level=level, decision=recognition, note=reason)

    def send_up(
        self, *, on: dt.date, by: Actor | Level | str, papers: Iterable[Paper] = ()
    ) -> Application:
        """The scoring level sends a result at or above its threshold to the next level
        (1048: district ≥50 to province; 148: district ≥70, province ≥90; 1489 and 26/2026:
        province ≥90 to the centre, with the papers of Art. 6.3).

        Args:
            on: the day of the request to the next level.
            by: the level that scored.
            papers: the papers it adds (request letter, council report or minutes, the
                chairman's approval of the result, the advisory team's report).

        Raises:
            TransitionError: not scored, not the scoring level, or below the threshold
                (``application.below_threshold``).
            IncompleteDossierError: the next packet is not complete.
        """
        attempt = self._attempt(Action.SEND_UP, on, by, papers=papers)
        process.guard(attempt)
        result = self.result
        assert result is not None
        assert self.level is not None
        rule = self.regulation.rule(self.level)
        assert rule is not None
        return self._move(
            attempt,
            level=rule.forwards_to,
            received_on=attempt.day,
            dossier=attempt.dossier,
            note=f"{result.score} ≥ {rule.forwards_at}",
        )

    def certify(
        self,
        *,
        on: dt.date,
        by: Actor | Level | str,
        number: str,
        authority: str,
    ) -> Application:
        """The recognising level issues the certificate (Art. 4.1, 4.3).

        Raises:
            TransitionError: not recognised, or out of date order.
            AuthorityError: ``application.authority`` when another level issues it.
        """
        attempt = self._attempt(Action.CERTIFY, on, by)
        process.guard(attempt)
        decision = self.decision
        assert decision is not None
        assert decision.stars is not None
        certificate = Certificate(
            number=number,
            product_id=self.product.id,
            subject_id=self.dossier.subject.id,
            product_name=self.product.name,
            stars=decision.stars,
            level=decision.level,
            authority=authority,
            # A recognition carries its decision's number (recognise takes one).
            decision_no=cast(str, decision.decision_no),
            decision_date=decision.decided_on,
            issued_on=attempt.day,
            valid_months=self.regulation.deadlines.certificate.amount,
        )
        return self._move(attempt, level=decision.level, certificate=certificate, note=number)

    # -- applying a move ----------------------------------------------------------------------

    def _attempt(
        self,
        action: Action,
        on: dt.date,
        by: Actor | Level | str,
        papers: Iterable[Paper] = (),
    ) -> process.Attempt:
        """The move ``action`` by ``by`` on ``on``, once its row of the table allows it."""
        day = to_day(on, "$.on")
        actor = _to_actor(by, "$.by")
        row = process.check(self, action, day, actor)
        papers = tuple(papers)
        return process.Attempt(
            application=self,
            row=row,
            day=day,
            actor=actor,
            regulation=self.regulation,
            dossier=self.dossier.with_papers(*papers) if papers else self.dossier,
        )

    def _move(
        self,
        attempt: process.Attempt,
        *,
        level: Level | None,
        note: str | None = None,
        **changes: Any,
    ) -> Application:
        after = attempt.row.after or self.resume or DossierState.FILED
        event = Event(
            on=attempt.day,
            action=attempt.row.action,
            actor=attempt.actor,
            before=self.state,
            after=after,
            level=level,
            note=note,
            previous=self.history_hash,
        )
        return attrs.evolve(
            self,
            state=after,
            level=level,
            events=(*self.events, event),
            history_hash=audit.event_hash(event),
            **changes,
        )


# The moves that apply an era's rules: none may be dated before the era is in force. Drafting
# and filing may be (a dossier filed before a decision takes effect and then evaluated under
# it, where the era is chosen; 26/2026 Art. 12.2).
_RULED: Final = frozenset(
    {Action.SCORE, Action.RECOGNISE, Action.REFUSE, Action.SEND_UP, Action.CERTIFY}
)


def _dated(code: str, path: str, day: dt.date, vi: str, en: str) -> Problem:
    return _problem(code, path, day.isoformat(), vi, en)


def _date_problems(application: Application) -> list[Problem]:
    """Every move of a (stored) application dated out of the order its life allows.

    Moves follow one another in time; none after the filing is dated before it; the results,
    the decision and the certificate come no earlier than the filing, the decision no earlier
    than the result it rests on, and no move that applies the era's rules is dated before the
    era is in force (its ``effective_from``).
    """
    return [
        *_event_date_problems(application),
        *_result_date_problems(application),
        *_decision_date_problems(application),
    ]


def _event_date_problems(application: Application) -> list[Problem]:
    """The moves in the order of time, after the filing, and within the era's force."""
    found: list[Problem] = []
    previous: pendulum.Date | None = None
    filed = application.filed_on
    start = application.regulation.effective_from
    for index, event in enumerate(application.events):
        path = f"$.events[{index}].on"
        if previous is not None and event.on < previous:
            found.append(
                _dated(
                    "application.out_of_order",
                    path,
                    event.on,
                    f"Ngày {event.on.isoformat()} trước bước trước đó ({previous.isoformat()})",
                    f"{event.on.isoformat()} is before the previous move ({previous.isoformat()})",
                )
            )
        if filed is not None and event.action is not Action.DRAFT and event.on < filed:
            found.append(
                _dated(
                    "application.before_filing",
                    path,
                    event.on,
                    f"Bước {event.action.value} trước ngày nộp hồ sơ ({filed.isoformat()})",
                    f"the {event.action.value} move is before the filing ({filed.isoformat()})",
                )
            )
        if event.action in _RULED and event.on < start:
            found.append(_before_era(path, event.on, application.regulation))
        previous = event.on
    received = application.received_on
    if filed is not None and received is not None and received < filed:
        found.append(
            _dated(
                "application.before_filing",
                "$.received_on",
                received,
                f"Ngày nhận hồ sơ trước ngày nộp ({filed.isoformat()})",
                f"received before it was filed ({filed.isoformat()})",
            )
        )
    return found


def _result_date_problems(application: Application) -> list[Problem]:
    """The results scored after the filing and within the era's force."""
    found: list[Problem] = []
    filed = application.filed_on
    start = application.regulation.effective_from
    for index, result in enumerate(application.results):
        path = f"$.results[{index}].scored_on"
        if filed is not None and result.scored_on < filed:
            found.append(
                _dated(
                    "application.before_filing",
                    path,
                    result.scored_on,
                    f"Chấm điểm trước ngày nộp hồ sơ ({filed.isoformat()})",
                    f"scored before the dossier was filed ({filed.isoformat()})",
                )
            )
        if result.scored_on < start:
            found.append(_before_era(path, result.scored_on, application.regulation))
    return found


def _decision_date_problems(application: Application) -> list[Problem]:
    """The decision after the result it rests on and the filing, and within the era's force."""
    found: list[Problem] = []
    filed = application.filed_on
    start = application.regulation.effective_from
    scored = max((result.scored_on for result in application.results), default=None)
    decision = application.decision
    if decision is not None:
        decided = decision.decided_on
        if scored is not None and decided < scored:
            found.append(
                _dated(
                    "application.decided_before_scored",
                    "$.decision.decided_on",
                    decided,
                    f"Quyết định trước ngày chấm điểm ({scored.isoformat()})",
                    f"decided before the dossier was scored ({scored.isoformat()})",
                )
            )
        if filed is not None and decided < filed:
            found.append(
                _dated(
                    "application.before_filing",
                    "$.decision.decided_on",
                    decided,
                    f"Quyết định trước ngày nộp hồ sơ ({filed.isoformat()})",
                    f"decided before the dossier was filed ({filed.isoformat()})",
                )
            )
        if decided < start:
            found.append(_before_era("$.decision.decided_on", decided, application.regulation))
    certificate = application.certificate
    if (
        certificate is not None
        and decision is not None
        and certificate.decision_date != decision.decided_on
    ):
        found.append(
            _dated(
                "application.certificate_decision",
                "$.certificate.decision_date",
                certificate.decision_date,
                f"Giấy chứng nhận ghi ngày quyết định khác ({decision.decided_on.isoformat()})",
                f"the certificate names another decision day ({decision.decided_on.isoformat()})",
            )
        )
    return found


def _before_era(path: str, day: dt.date, regulation: Regulation) -> Problem:
    since = regulation.effective_from.isoformat()
    return _dated(
        "application.before_era",
        path,
        day,
        f"Ngày này trước khi quy định {regulation.key} có hiệu lực ({since})",
        f"a day before the {regulation.key} rules were in force ({since})",
    )


# -- rounds -------------------------------------------------------------------------------------


def _rubric_sheet(product: Product) -> Sheet:
    from ocop import rubric

    return rubric.sheet(product.decision, product.set_no)


@attrs.frozen(kw_only=True)
class EvaluationRound:
    """One level's evaluation round (đợt đánh giá, phân hạng).

    Attributes:
        id: a stable identifier.
        level: the level holding the round.
        regulation: the era its dossiers are evaluated under.
        council: the level's council.
        starts_on: the day the round opens.
        finishes_by: the last day the round may finish.
        proposals_by: the last day a proposal may be dated for this round.
        number: the regular round's number (Art. 5), if it is one.
        extra: whether it is an extra round (Art. 5.1, second paragraph).
        applications: the dossiers admitted.
        cards: the members' score cards.
        attendance: the scorers who took part; by default those who handed in a card.
        sheets: score sheets to use instead of the bundled rubric's, matched by decision and
            product set.
    """

    id: str = attrs.field(converter=text)
    level: Level = attrs.field(converter=OneOf[Level])
    regulation: Regulation
    council: Council
    starts_on: pendulum.Date = attrs.field(converter=day)
    finishes_by: pendulum.Date = attrs.field(converter=day)
    proposals_by: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    number: int | None = None
    extra: bool = False
    applications: tuple[Application, ...] = attrs.field(default=(), converter=TupleOf[Application])
    cards: tuple[ScoreCard, ...] = attrs.field(default=(), converter=TupleOf[ScoreCard])
    attendance: frozenset[str] = attrs.field(default=frozenset(), converter=SetOf[str])
    sheets: tuple[Sheet, ...] = attrs.field(default=(), converter=TupleOf[Sheet])

    def __attrs_post_init__(self) -> None:
        rule = self.regulation.rule(self.level)
        if rule is None or not rule.scores:
            raise fail(
                "round.level_does_not_score",
                "$.level",
                self.level.value,
                f"Cấp {self.level.label_vi} không tổ chức đánh giá trong giai đoạn "
                f"{self.regulation.key}",
                f"the {self.level.value} level holds no rounds in the {self.regulation.key} era",
            )
        if self.council.level is not self.level:
            raise fail(
                "round.council_level",
                "$.council.level",
                self.council.level.value,
                "Hội đồng không thuộc cấp của đợt đánh giá",
                "the council is not of the round's level",
            )
        if self.finishes_by < self.starts_on:
            raise fail(
                "round.dates",
                "$.finishes_by",
                self.finishes_by.isoformat(),
                "Ngày kết thúc trước ngày bắt đầu",
                "the round finishes before it starts",
            )
        self._check_moves_in_round()
        windows = self.regulation.round_windows(self.level)
        if self.extra and not self.regulation.extra_rounds:
            raise DeadlineError(
                _problem(
                    "round.extra_not_allowed",
                    "$.extra",
                    True,
                    "Giai đoạn này không cho phép tổ chức thêm đợt đánh giá",
                    "this era allows no extra rounds",
                )
            )
        if windows and not self.extra:
            window = (
                None
                if self.number is None
                else self.regulation.round_window(self.level, self.number)
            )
            reading = self.regulation.window_reading
            if (
                window is None
                or self.finishes_by != window.finish_due(self.finishes_by.year, reading)
                or self.proposals_by != window.proposals_due(self.finishes_by.year, reading)
            ):
                raise DeadlineError(
                    _problem(
                        "round.outside_windows",
                        "$.finishes_by",
                        self.finishes_by.isoformat(),
                        "Đợt đánh giá không theo thời gian của Điều 5; đợt thêm phải được quy "
                        "định trong Quy chế hoạt động của Hội đồng (extra=True)",
                        "the round does not follow the windows of Art. 5; an extra round must "
                        "be set in the council's regulation (extra=True)",
                    )
                )

    @classmethod
    def regular(
        cls,
        *,
        id: str,
        level: Level | str,
        regulation: Regulation,
        council: Council,
        year: int,
        number: int,
        starts_on: dt.date,
    ) -> EvaluationRound:
        """A regular round of Art. 5, named by the year it finishes in.

        Raises:
            InputError: ``round.no_such_window`` when the era sets no such round.

        >>> from ocop.council import Member
        >>> council = Council(id="hd", level="province",
        ...     chair=Member(id="c", name="A", organisation="UBND tỉnh", role="chair"))
        >>> first = EvaluationRound.regular(id="2026-1", level="province",
        ...     regulation=era("26/2026"), council=council, year=2026, number=2,
        ...     starts_on=date(2026, 11, 2))
        >>> first.proposals_by, first.finishes_by
        (Date(2026, 10, 29), Date(2026, 12, 29))
        """
        wanted = to_choice(Level, level, "$.level")
        window = regulation.round_window(wanted, number)
        if window is None:
            raise fail(
                "round.no_such_window",
                "$.number",
                number,
                f"Giai đoạn {regulation.key} không có đợt {number} ở {wanted.label_vi}",
                f"the {regulation.key} era has no round {number} at the {wanted.value} level",
            )
        reading = regulation.window_reading
        return cls(
            id=id,
            level=wanted,
            regulation=regulation,
            council=council,
            starts_on=starts_on,
            finishes_by=window.finish_due(year, reading),
            proposals_by=window.proposals_due(year, reading),
            number=number,
        )

    # -- reading ------------------------------------------------------------------------------

    def application(self, application_id: str) -> Application:
        """The admitted application with ``application_id``.

        Raises:
            InputError: ``round.unknown_application``.
        """
        for application in self.applications:
            if application.id == application_id:
                return application
        raise fail(
            "round.unknown_application",
            "$.application",
            application_id,
            f"Đợt {self.id} không có hồ sơ {application_id}",
            f"round {self.id} has no dossier {application_id}",
        )

    def _for_product(self, product_id: str) -> Application | None:
        for application in self.applications:
            if application.product.id == product_id:
                return application
        return None

    def sheet(self, product: Product) -> Sheet:
        """The score sheet of ``product``: one of :attr:`sheets`, else the bundled rubric's."""
        for sheet in self.sheets:
            if sheet.decision == product.decision and sheet.set_no == product.set_no:
                return sheet
        return _rubric_sheet(product)

    def cards_for(self, product_id: str) -> tuple[ScoreCard, ...]:
        """The cards handed in for a product, in order."""
        return tuple(card for card in self.cards if card.product == product_id)

    @property
    def present(self) -> frozenset[str]:
        """The scorers taking part: the attendance, or else those who handed in a card."""
        return self.attendance or frozenset(card.member for card in self.cards)

    # -- moves --------------------------------------------------------------------------------

    def replace(self, application: Application) -> EvaluationRound:
        """The round with an admitted application replaced by its newer self."""
        self.application(application.id)
        return attrs.evolve(
            self,
            applications=tuple(
                application if item.id == application.id else item for item in self.applications
            ),
        )

    def admit(self, application: Application, *, on: dt.date) -> EvaluationRound:
        """Admit a dossier received by this level; its advisory team starts the review.

        Raises:
            TransitionError: ``round.already_admitted``, ``round.other_era``, or a dossier
                not held by this level.
            DeadlineError: ``round.proposal_too_late`` (proposed after the round's
                proposals day, Art. 5), ``round.closed``.
        """
        day = to_day(on, "$.on")
        if any(item.id == application.id for item in self.applications):
            raise TransitionError(
                _problem(
                    "round.already_admitted",
                    "$.application",
                    application.id,
                    "Hồ sơ đã có trong đợt đánh giá",
                    "the dossier is already in the round",
                )
            )
        if application.regulation.key != self.regulation.key:
            raise TransitionError(
                _problem(
                    "round.other_era",
                    "$.application.regulation",
                    application.regulation.key,
                    f"Hồ sơ theo quy định {application.regulation.key}, đợt đánh giá theo "
                    f"{self.regulation.key}",
                    f"the dossier is under {application.regulation.key}, the round under "
                    f"{self.regulation.key}",
                )
            )
        if application.level is not self.level:
            raise process.illegal(application, Action.REVIEW)
        received = application.received_on
        if self.proposals_by is not None and received is not None and received > self.proposals_by:
            raise DeadlineError(
                _problem(
                    "round.proposal_too_late",
                    "$.application.received_on",
                    received.isoformat(),
                    f"Hồ sơ đề nghị sau ngày {self.proposals_by.isoformat()}: xét ở đợt sau "
                    "(Điều 5)",
                    f"proposed after {self.proposals_by.isoformat()}: it goes to the next "
                    "round (Art. 5)",
                )
            )
        self._check_open(day)
        reviewed = application.review(on=day, by=Actor.of(self.level))
        return attrs.evolve(self, applications=(*self.applications, reviewed))

    def attend(self, members: Iterable[str]) -> EvaluationRound:
        """Record the scorers taking part.

        Raises:
            InputError: ``council.unknown_member``, ``round.not_a_scorer``.
        """
        present = set(self.attendance)
        for member_id in members:
            self.council.person(member_id)
            if not self.council.is_scorer(member_id):
                raise fail(
                    "round.not_a_scorer",
                    "$.attendance",
                    member_id,
                    f"{member_id} không chấm điểm trong Hội đồng",
                    f"{member_id} does not score on the council",
                )
            present.add(member_id)
        return attrs.evolve(self, attendance=frozenset(present))

    def submit(self, card: ScoreCard, *, on: dt.date) -> EvaluationRound:
        """A member hands in a score card; a second card of the same member for the same
        product replaces the first (re-scoring after discussion).

        Raises:
            TransitionError: ``round.unknown_product``, ``round.not_a_scorer``,
                ``round.absent_member``, or a dossier no longer under review.
            ConflictOfInterestError: the member is tied to the product's subject.
            ScoreCardError: the card does not fit the product's sheet.
            DeadlineError: ``round.closed``.
        """
        day = to_day(on, "$.on")
        application = self._for_product(card.product)
        if application is None:
            raise TransitionError(
                _problem(
                    "round.unknown_product",
                    "$.card.product",
                    card.product,
                    f"Sản phẩm {card.product} không có trong đợt đánh giá",
                    f"product {card.product} is not in the round",
                )
            )
        if application.state is not DossierState.UNDER_REVIEW:
            raise process.illegal(application, Action.SCORE)
        self.council.person(card.member)
        if not self.council.is_scorer(card.member):
            raise TransitionError(
                _problem(
                    "round.not_a_scorer",
                    "$.card.member",
                    card.member,
                    f"{card.member} không chấm điểm trong Hội đồng",
                    f"{card.member} does not score on the council",
                )
            )
        if self.attendance and card.member not in self.attendance:
            raise TransitionError(
                _problem(
                    "round.absent_member",
                    "$.card.member",
                    card.member,
                    f"{card.member} không có mặt trong đợt đánh giá",
                    f"{card.member} is not taking part in the round",
                )
            )
        self.council.check_independence(card.member, application.dossier.subject)
        self._check_open(day)
        product = application.product
        if card.decision != product.decision or card.set_no != product.set_no:
            raise TransitionError(
                _problem(
                    "round.wrong_sheet",
                    "$.card",
                    {"decision": card.decision, "set_no": card.set_no},
                    f"Phiếu chấm không dùng bộ {product.set_no} của QĐ {product.decision}",
                    f"the card is not on set {product.set_no} of {product.decision}",
                )
            )
        validate_card(self.sheet(product), card)
        kept = tuple(
            item
            for item in self.cards
            if not (item.member == card.member and item.product == card.product)
        )
        return attrs.evolve(self, cards=(*kept, card))

    def result_for(self, application_id: str) -> tuple[CouncilResult, Classification]:
        """The council's result and the ranking for one dossier, under the council's policy.

        Raises:
            TransitionError: every problem at once: ``council.no_quorum``,
                ``council.chair_absent``, ``round.card_missing`` (a scorer taking part and not
                tied to the subject has not scored), ``council.spread_exceeded`` (discuss and
                re-score).
        """
        application = self.application(application_id)
        problems = self._result_problems(application)
        if problems:
            raise TransitionError(problems)
        return self._compute(application)

    def close(self, *, on: dt.date) -> EvaluationRound:
        """The council's meeting ends: every dossier under review is scored.

        All dossiers are checked first; if any fails, nothing is scored and every problem
        of every dossier is raised together.

        Raises:
            TransitionError: the problems of :meth:`result_for`, under each dossier's id.
            DeadlineError: ``round.closed`` after the round's last day.
        """
        day = to_day(on, "$.on")
        self._check_open(day)
        pending = [item for item in self.applications if item.state is DossierState.UNDER_REVIEW]
        problems: list[Problem] = []
        for application in pending:
            problems.extend(
                problem.under(f"$.applications.{application.id}")
                if application.id.isidentifier()
                else problem.under(f'$.applications["{application.id}"]')
                for problem in self._result_problems(application)
            )
        if problems:
            raise TransitionError(problems)
        scored = {}
        for application in pending:
            council, ranked = self._compute(application)
            scored[application.id] = application.score(
                ranked, on=day, by=Actor.of(self.level), council=council
            )
        return attrs.evolve(
            self,
            applications=tuple(scored.get(item.id, item) for item in self.applications),
        )

    def decide(
        self,
        *,
        on: dt.date,
        decision_no: str,
        papers: Mapping[str, Iterable[Paper]] | None = None,
    ) -> EvaluationRound:
        """The level decides on every scored dossier of the round under one decision.

        A result at or above the level's threshold goes up, with the papers given for it; a
        certifiable star within the level's authority is recognised; a result that is not
        certifiable is refused. A result that only a level below may recognise (a central
        result below 90) stays scored, for that level to decide
        (:meth:`Application.recognise`).

        Args:
            on: the day of the decision.
            decision_no: the decision's number.
            papers: for the dossiers sent up, the papers added, by dossier id.

        Raises:
            IncompleteDossierError: a dossier sent up without the papers its next packet
                needs; nothing is decided.
            DeadlineError: ``round.not_started``: a decision dated before the round opened.
        """
        day = to_day(on, "$.on")
        self._check_started(day)
        actor = Actor.of(self.level)
        rule = self.regulation.rule(self.level)
        assert rule is not None
        decided = []
        for application in self.applications:
            result = application.result
            if (
                application.state is not DossierState.SCORED
                or result is None
                or result.level is not self.level
            ):
                decided.append(application)
                continue
            ranked = result.classification
            if rule.forwards_at is not None and result.score >= rule.forwards_at:
                extra = () if papers is None else tuple(papers.get(application.id, ()))
                decided.append(application.send_up(on=day, by=actor, papers=extra))
            elif (
                ranked.star is not None
                and self.regulation.may_recognise(self.level, ranked.star.stars)
                and ranked.certifiable
            ):
                decided.append(application.recognise(on=day, by=actor, decision_no=decision_no))
            elif ranked.certifiable and self._lower_may_recognise(application, ranked):
                decided.append(application)
            else:
                decided.append(
                    application.refuse(
                        on=day,
                        by=actor,
                        decision_no=decision_no,
                        reason=ranked.explain("vi"),
                    )
                )
        return attrs.evolve(self, applications=tuple(decided))

    def certify(
        self,
        *,
        on: dt.date,
        numbers: Mapping[str, str],
        authority: str,
    ) -> EvaluationRound:
        """Issue the certificates of the dossiers this level recognised.

        Args:
            on: the day of issue.
            numbers: the certificate number of each dossier, by dossier id.
            authority: the issuing authority as printed.

        Raises:
            InputError: ``round.number_missing`` for a recognised dossier without a number.
            DeadlineError: ``round.not_started``: certificates dated before the round opened.
        """
        day = to_day(on, "$.on")
        self._check_started(day)
        done = []
        for application in self.applications:
            decision = application.decision
            if (
                application.state is not DossierState.RECOGNISED
                or decision is None
                or decision.level is not self.level
            ):
                done.append(application)
                continue
            number = numbers.get(application.id)
            if number is None:
                raise fail(
                    "round.number_missing",
                    "$.numbers",
                    application.id,
                    f"Thiếu số giấy chứng nhận của hồ sơ {application.id}",
                    f"no certificate number for dossier {application.id}",
                )
            done.append(
                application.certify(
                    on=day, by=Actor.of(self.level), number=number, authority=authority
                )
            )
        return attrs.evolve(self, applications=tuple(done))

    @property
    def certificates(self) -> tuple[Certificate, ...]:
        """The certificates issued in the round."""
        return tuple(item.certificate for item in self.applications if item.certificate is not None)

    @property
    def sent_up(self) -> tuple[Application, ...]:
        """The dossiers sent to the next level."""
        return tuple(
            item
            for item in self.applications
            if item.state is DossierState.FORWARDED and item.level is not self.level
        )

    # -- helpers ------------------------------------------------------------------------------

    def _lower_may_recognise(self, application: Application, ranked: Classification) -> bool:
        if ranked.star is None:
            return False
        return (
            any(
                self.regulation.may_recognise(level, ranked.star.stars)
                for level in self.regulation.previous_levels(self.level)
                if level in {item.level for item in application.results}
            )
            and self.regulation.fallback
        )

    def _check_moves_in_round(self) -> None:
        """Refuse a stored round whose own moves are dated before it opened.

        The moves are this level's latest result of each dossier, and the decision and
        certificate this level made for it.
        """
        found = []
        for index, application in enumerate(self.applications):
            path = f"$.applications[{index}]"
            days: list[tuple[str, pendulum.Date]] = []
            own = [
                number
                for number, result in enumerate(application.results)
                if result.level is self.level
            ]
            if own:
                latest = application.results[own[-1]]
                days.append((f"{path}.results[{own[-1]}].scored_on", latest.scored_on))
            decision = application.decision
            if decision is not None and decision.level is self.level:
                days.append((f"{path}.decision.decided_on", decision.decided_on))
                certificate = application.certificate
                if certificate is not None:
                    days.append((f"{path}.certificate.issued_on", certificate.issued_on))
            for where, moved in days:
                if moved < self.starts_on:
                    found.append(
                        _problem(
                            "round.move_before_start",
                            where,
                            moved.isoformat(),
                            f"Ngày {moved.isoformat()} trước khi đợt đánh giá bắt đầu "
                            f"({self.starts_on.isoformat()})",
                            f"{moved.isoformat()} is before the round started "
                            f"({self.starts_on.isoformat()})",
                        )
                    )
        if found:
            raise TransitionError(found)

    def _check_started(self, day: pendulum.Date) -> None:
        if day < self.starts_on:
            raise DeadlineError(
                _problem(
                    "round.not_started",
                    "$.on",
                    day.isoformat(),
                    f"Đợt đánh giá bắt đầu từ {self.starts_on.isoformat()}",
                    f"the round starts on {self.starts_on.isoformat()}",
                )
            )

    def _check_open(self, day: pendulum.Date) -> None:
        if day > self.finishes_by:
            raise DeadlineError(
                _problem(
                    "round.closed",
                    "$.on",
                    day.isoformat(),
                    f"Đợt đánh giá phải kết thúc trước {self.finishes_by.isoformat()}",
                    f"the round must finish by {self.finishes_by.isoformat()}",
                )
            )
        self._check_started(day)

    def _result_problems(self, application: Application) -> tuple[Problem, ...]:
        problems = list(self.council.quorum_problems(self.present))
        subject = application.dossier.subject
        cards = self.cards_for(application.product.id)
        handed = {card.member for card in cards}
        for member in self.council.independent_scorers(subject):
            if member.id in self.present and member.id not in handed:
                problems.append(
                    _problem(
                        "round.card_missing",
                        "$.cards",
                        member.id,
                        f"{member.name} chưa nộp phiếu chấm cho {application.product.name}",
                        f"{member.name} has not scored {application.product.name}",
                    )
                )
        if not cards:
            problems.append(
                _problem(
                    "round.no_cards",
                    "$.cards",
                    application.product.id,
                    f"Chưa có phiếu chấm nào cho {application.product.name}",
                    f"no card for {application.product.name}",
                )
            )
            return tuple(problems)
        spread = aggregate(self.sheet(application.product), cards).spread
        if not self.council.policy.spread_allowed(spread):
            problems.append(
                _problem(
                    "council.spread_exceeded",
                    "$.cards",
                    spread,
                    f"Tổng điểm của các thành viên chênh nhau {spread} điểm, quá "
                    f"{self.council.policy.max_spread}: Hội đồng thảo luận và chấm lại",
                    f"members' totals differ by {spread}, more than "
                    f"{self.council.policy.max_spread}: the council discusses and re-scores",
                )
            )
        return tuple(problems)

    def _compute(self, application: Application) -> tuple[CouncilResult, Classification]:
        product = application.product
        used = self.sheet(product)
        council = aggregate(used, self.cards_for(product.id))
        total = sum(card.total for card in council.cards)
        published = self.council.policy.publish(total, len(council.cards))
        council = attrs.evolve(council, score=published)
        return council, classify(used, council)
