"""The table of moves is what an application allows: every entry of every era is a move that
succeeds and lands where the table says, every other move from a state of the table is refused,
and the docs draw the same table."""

from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from ocop.calendar import add_working_days
from ocop.dossier import CommuneAssessment, Dossier, Paper, Registration, SelfAssessment
from ocop.errors import ProcessError
from ocop.evaluation import Application, LevelResult, Recognition
from ocop.process import GUARDS, MOVES, Action, Actor, DossierState, document, steps
from ocop.product import Product
from ocop.ranking import Classification
from ocop.rating import StarRating
from ocop.regulation import DocumentKind, Level, eras
from ocop.subject import Representative, Subject

PAGE = Path(__file__).resolve().parent.parent / "docs" / "moves.md"
# A Monday in each era, well inside it.
FIRST_DAY = {
    "1048/2019": (2020, 3, 2),
    "148/2023": (2024, 3, 4),
    "148/2023+1489/2025": (2025, 9, 8),
    "26/2026": (2026, 9, 7),
}
OWNER = Subject(
    id="s1",
    name="Hộ kinh doanh Hoa",
    kind="household_business",
    representative=Representative(name="Nguyễn Thị Hoa", gender="female"),
)


def _paper(kind):
    from ocop.calendar import date

    return Paper(kind=kind, number="1", issued_on=date(2019, 1, 2), expires_on=date(2031, 1, 2))


def complete_dossier(regulation):
    """A dossier with every paper, form and sample any packet of the era asks for."""
    from ocop.calendar import date

    product = Product(
        id="p1", name="Dưa mắm", decision=regulation.rubric, set_no=7, subject_id="s1"
    )
    signed = date(2019, 6, 3)
    return Dossier(
        id="d1",
        subject=OWNER,
        product=product,
        evaluation_type="first",
        registration=Registration(
            subject=OWNER,
            product=product,
            evaluation_type="first",
            province="An Giang",
            year=2019,
            signed_on=signed,
            samples=5,
        ),
        self_assessment=SelfAssessment(
            subject=OWNER,
            product_description="Dưa mắm hũ 500 g",
            history="Từ 2015",
            organisation="Chủ hộ và 6 lao động",
            business_results="Doanh thu tăng",
            plan="Vào siêu thị",
            signed_on=signed,
            business_registration=True,
            quality_declared=True,
            food_safety_certified=True,
        ),
        commune_assessment=CommuneAssessment(
            commune="UBND xã Mỹ Hòa Hưng",
            local_raw_materials="Cải mua trong xã",
            local_labour="Lao động trong xã",
            idea_origin="Món truyền thống",
            local_identity="Cách muối của cù lao",
            signed_on=signed,
        ),
        papers=tuple(_paper(kind) for kind in DocumentKind),
        samples=5,
    )


def _stars_for(regulation, step):
    return step.stars[0] if step.stars else 5


def _classification(regulation, level, stars):
    """A result at ``level`` with ``stars``: below the level's threshold unless it is 5★."""
    score = {3: "60.00", 4: "80.00", 5: "95.00"}[stars]
    value = Decimal(score)
    if regulation.rule(level).forwards_at is not None and stars < 5:
        value = min(value, regulation.rule(level).forwards_at - 1)
    band = StarRating.for_score(value)
    return Classification(
        decision=regulation.rubric,
        set_no=7,
        product="p1",
        score=value,
        band=band,
        star=min(StarRating(stars=stars), band),  # a star is never above its score's band
        unmet=(),
    )


def standing(regulation, state, level, *, stars=5, resume=None, decided_by=None):
    """An application of the era in ``state``, held by ``level``, filed on its first day."""
    from ocop.calendar import date

    day = date(*FIRST_DAY[regulation.key])
    drafted = Application.draft(complete_dossier(regulation), on=day, regulation=regulation)
    if state is DossierState.DRAFTED:
        return drafted
    scored = () if level is None else (*reversed(regulation.previous_levels(level)), level)
    results = tuple(
        LevelResult(level=at, classification=_classification(regulation, at, stars), scored_on=day)
        for at in scored
        if regulation.rule(at).scores
    )
    decision = None
    if state is DossierState.RECOGNISED:
        decision = Recognition(
            level=level, stars=stars, decision_no="1/QĐ", decided_on=day, on_result_of=level
        )
    # The draft's own history is kept as it is: the state is set, not reached by moves.
    return attrs.evolve(
        drafted,
        state=state,
        level=level,
        filed_on=day,
        received_on=day,
        resume=resume,
        results=results if state in (DossierState.SCORED, DossierState.RECOGNISED) else (),
        decision=decision,
    )


def attempt(application, action, actor):
    """Make ``action`` by ``actor`` the next working day, with what the move needs."""
    day = add_working_days(application.last_day, 1)
    regulation = application.regulation
    if action is Action.FILE:
        return application.file(on=day, by=actor)
    if action is Action.ASSESS:
        return application.assess(application.dossier.commune_assessment, on=day, by=actor)
    if action is Action.FORWARD:
        return application.forward(on=day, by=actor)
    if action is Action.RETURN:
        return application.return_for_completion(on=day, by=actor, reasons="thiếu giấy tờ")
    if action is Action.RESUBMIT:
        return application.resubmit(application.dossier, on=day, by=actor)
    if action is Action.REVIEW:
        return application.review(on=day, by=actor)
    if action is Action.SCORE:
        level = application.level or Level.PROVINCE
        result = _classification(regulation, level, 5) if regulation.rule(level) else None
        return application.score(result, on=day, by=actor)
    if action is Action.RECOGNISE:
        return application.recognise(on=day, by=actor, decision_no="2/QĐ")
    if action is Action.REFUSE:
        return application.refuse(on=day, by=actor)
    if action is Action.SEND_UP:
        return application.send_up(on=day, by=actor)
    assert action is Action.CERTIFY
    return application.certify(on=day, by=actor, number="01/GCN", authority="UBND")


ENTRIES = [(regulation, step) for regulation in eras() for step in steps(regulation)]


@pytest.mark.parametrize(("regulation", "step"), ENTRIES, ids=[f"{r.key}: {s}" for r, s in ENTRIES])
def test_every_entry_of_every_era_is_a_move_that_lands_where_the_table_says(regulation, step):
    stars = _stars_for(regulation, step)
    resume = step.after if step.action is Action.RESUBMIT else None
    application = standing(regulation, step.before, step.at, stars=stars, resume=resume)
    moved = attempt(application, step.action, step.actor)
    assert (moved.state, moved.level) == (step.after, step.to)
    assert moved.events[-1].action is step.action
    assert moved.events[-1].actor is step.actor


def _nodes(regulation):
    table = steps(regulation)
    allowed = {(s.before, s.at, s.action, s.actor) for s in table}
    resumes = {(s.before, s.at): s.after for s in table if s.action is Action.RESUBMIT}
    nodes = {(s.before, s.at) for s in table} | {(s.after, s.to) for s in table}
    return allowed, resumes, sorted(nodes, key=str)


@pytest.mark.parametrize("regulation", eras(), ids=lambda r: r.key)
def test_every_move_the_era_table_does_not_list_is_refused(regulation):
    allowed, resumes, nodes = _nodes(regulation)
    checked = 0
    for state, level in nodes:
        for action in Action:
            if action is Action.DRAFT:
                continue
            for actor in Actor:
                if (state, level, action, actor) in allowed:
                    continue
                application = standing(
                    regulation, state, level, stars=3, resume=resumes.get((state, level))
                )
                with pytest.raises(ProcessError):
                    attempt(application, action, actor)
                checked += 1
    assert checked > 100


def test_the_table_names_only_guards_that_exist_and_every_guard_is_named():
    named = {name for row in MOVES for name in row.guards}
    assert named == set(GUARDS)


def test_every_action_but_the_draft_has_one_row():
    assert sorted(row.action for row in MOVES) == sorted(set(Action) - {Action.DRAFT})


def test_the_docs_page_draws_the_table_of_every_era():
    assert PAGE.read_text(encoding="utf-8") == document(), (
        "docs/moves.md differs from the table: run tools/build_process_docs.py"
    )
