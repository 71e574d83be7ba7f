from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop import InputError
from ocop.calendar import date, is_working_day, working_days_between
from ocop.regulation import (
    DocumentKind,
    Level,
    Packet,
    WindowReading,
    _load,
    era,
    eras,
    regulation_for,
)


@pytest.mark.parametrize(
    ("day", "key"),
    [
        (date(2019, 8, 21), "1048/2019"),
        (date(2020, 3, 11), "1048/2019"),  # An Giang's provincial council met under 1048
        (date(2023, 2, 23), "1048/2019"),
        (date(2023, 2, 24), "148/2023"),
        (date(2025, 6, 30), "148/2023"),
        (date(2025, 7, 1), "148/2023+1489/2025"),  # districts ceased on 1 July 2025
        (date(2026, 5, 21), "148/2023+1489/2025"),
        (date(2026, 5, 22), "26/2026"),
        (date(2030, 1, 1), "26/2026"),
    ],
)
def test_the_era_is_chosen_by_the_day(day, key):
    assert regulation_for(day).key == key


def test_no_era_governs_a_day_before_decision_1048():
    with pytest.raises(InputError) as caught:
        regulation_for(date(2019, 8, 20))
    assert caught.value.code == "regulation.none_in_force"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("1048", "1048/2019"),
        ("781/2020", "1048/2019"),
        ("148", "148/2023"),
        ("1489", "148/2023+1489/2025"),
        ("148/2023+1489/2025", "148/2023+1489/2025"),
        ("26/2026/QĐ-TTg", "26/2026"),
        (" 26 ", "26/2026"),
    ],
)
def test_an_era_is_found_by_any_usual_name(name, key):
    assert era(name).key == key


def test_an_unknown_era_is_an_input_error_listing_the_known_ones():
    with pytest.raises(InputError) as caught:
        era("490/2018")
    assert caught.value.code == "regulation.unknown"
    assert "26/2026" in caught.value.message("en")


def test_the_eras_use_their_own_score_sheets():
    assert [regulation.rubric for regulation in eras()] == [
        "1048/2019",
        "148/2023",
        "148/2023",
        "26/2026",
    ]


@pytest.mark.parametrize(
    ("key", "stars", "level"),
    [
        ("1048/2019", 3, Level.PROVINCE),
        ("1048/2019", 4, Level.PROVINCE),
        ("1048/2019", 5, Level.CENTRE),
        ("148/2023", 3, Level.DISTRICT),
        ("148/2023", 4, Level.PROVINCE),
        ("148/2023", 5, Level.CENTRE),
        ("148/2023+1489/2025", 3, Level.PROVINCE),
        ("148/2023+1489/2025", 5, Level.CENTRE),
        ("26/2026", 3, Level.PROVINCE),
        ("26/2026", 4, Level.PROVINCE),
        ("26/2026", 5, Level.CENTRE),
    ],
)
def test_each_era_names_the_level_that_recognises_each_star(key, stars, level):
    assert era(key).recognising_level(stars) is level


@pytest.mark.parametrize("key", ["1048/2019", "148/2023", "148/2023+1489/2025", "26/2026"])
@pytest.mark.parametrize("stars", [1, 2])
def test_no_level_recognises_one_or_two_stars(key, stars):
    assert era(key).recognising_level(stars) is None


@pytest.mark.parametrize(
    ("key", "level", "threshold", "to"),
    [
        ("1048/2019", Level.DISTRICT, Decimal(50), Level.PROVINCE),
        ("1048/2019", Level.PROVINCE, Decimal(90), Level.CENTRE),
        ("148/2023", Level.DISTRICT, Decimal(70), Level.PROVINCE),
        ("148/2023", Level.PROVINCE, Decimal(90), Level.CENTRE),
        ("26/2026", Level.PROVINCE, Decimal(90), Level.CENTRE),
    ],
)
def test_each_scoring_level_forwards_from_its_threshold(key, level, threshold, to):
    rule = era(key).rule(level)
    assert rule is not None
    assert (rule.forwards_at, rule.forwards_to) == (threshold, to)


def test_districts_are_gone_after_july_2025_and_the_commune_only_pre_assesses():
    for key in ("148/2023+1489/2025", "26/2026"):
        regulation = era(key)
        assert not regulation.has_level(Level.DISTRICT)
        assert regulation.receiving_level is Level.COMMUNE
        commune = regulation.rule(Level.COMMUNE)
        assert commune is not None
        assert not commune.scores
        assert commune.recognises == frozenset()
        assert commune.forwards_to is Level.PROVINCE


def test_before_july_2025_the_subject_files_with_the_district_that_scores():
    for key in ("1048/2019", "148/2023"):
        regulation = era(key)
        assert regulation.receiving_level is Level.DISTRICT
        assert not regulation.has_level(Level.COMMUNE)


def test_every_rule_of_every_era_cites_its_article():
    for regulation in eras():
        assert all(rule.article for rule in regulation.levels)
        assert all(requirement.article for requirement in regulation.documents)
        assert regulation.deadlines.certificate.article
        assert regulation.samples.article
        assert regulation.fallback_article


def test_the_commune_has_fifteen_working_days_that_skip_tet_binh_ngo():
    # Filed on Tuesday 10 February 2026; Tết Bính Ngọ closes offices 16 to 20 February.
    due = era("26/2026").commune_due(date(2026, 2, 10))
    assert due == date(2026, 3, 10)
    assert working_days_between(date(2026, 2, 10), due) == 15
    assert not is_working_day(date(2026, 2, 17))


def test_eras_without_a_commune_period_give_no_commune_deadline():
    assert era("148/2023+1489/2025").commune_due(date(2026, 2, 10)) is None


def test_a_certificate_lasts_thirty_six_calendar_months():
    assert era("26/2026").certificate_expiry(date(2025, 6, 19)) == date(2028, 6, 19)
    assert era("1048/2019").certificate_expiry(date(2020, 2, 29)) == date(2023, 2, 28)


def test_the_reevaluation_window_runs_from_180_to_120_days_before_expiry():
    opens, closes = era("26/2026").reevaluation_window(date(2029, 6, 19))
    assert (date(2029, 6, 19) - opens).days == 180
    assert (date(2029, 6, 19) - closes).days == 120


def test_older_eras_set_no_reevaluation_window_nor_revocation_period():
    for key in ("1048/2019", "148/2023", "148/2023+1489/2025"):
        regulation = era(key)
        assert regulation.reevaluation_window(date(2027, 1, 1)) is None
        assert regulation.deadlines.revocation_limit is None


def test_the_26_2026_deadlines_are_those_of_articles_4_7_and_8():
    deadlines = era("26/2026").deadlines
    assert deadlines.certificate.amount == 36
    assert deadlines.commune_review is not None
    assert deadlines.commune_review.amount == 15
    assert deadlines.reevaluation_limit is not None
    assert deadlines.reevaluation_limit.amount == 45
    assert deadlines.revocation_limit is not None
    assert deadlines.revocation_limit.after(date(2026, 6, 1)) == date(2026, 6, 16)


def test_the_transition_of_26_2026_ends_sixty_and_thirty_days_after_it_took_effect():
    transition = era("26/2026").transition
    assert transition is not None
    start = era("26/2026").effective_from
    assert transition.pending_first.after(start) == date(2026, 7, 21)
    assert transition.pending_reevaluation.after(start) == date(2026, 6, 21)
    assert transition.grace.after(date(2026, 7, 1)) == date(2026, 12, 28)


@pytest.mark.parametrize(
    ("level", "number", "year", "proposals", "finish"),
    [
        (Level.PROVINCE, 1, 2026, date(2026, 4, 29), date(2026, 6, 29)),
        (Level.PROVINCE, 2, 2026, date(2026, 10, 29), date(2026, 12, 29)),
        (Level.CENTRE, 1, 2026, date(2026, 7, 29), date(2026, 9, 29)),
        (Level.CENTRE, 2, 2027, date(2027, 1, 29), date(2027, 3, 29)),
    ],
)
def test_round_windows_read_truoc_ngay_as_strictly_before(level, number, year, proposals, finish):
    window = era("26/2026").round_window(level, number)
    assert window is not None
    assert window.proposals_due(year) == proposals
    assert window.finish_due(year) == finish


def test_a_province_may_read_the_round_windows_as_by_the_day():
    window = era("26/2026").round_window(Level.PROVINCE, 1)
    assert window is not None
    assert window.finish_due(2026, WindowReading.BY) == date(2026, 6, 30)
    assert window.proposals_due(2026, WindowReading.BY) == date(2026, 4, 30)


def test_only_26_2026_sets_round_windows():
    assert [bool(regulation.rounds) for regulation in eras()] == [False, False, False, True]


def test_26_2026_requires_forms_01_and_02_at_filing_and_form_03_with_the_proposal():
    regulation = era("26/2026")
    filing = {kind for req in regulation.requirements(Packet.FILING) for kind in req.kinds}
    proposal = {kind for req in regulation.requirements(Packet.PROPOSAL) for kind in req.kinds}
    assert {DocumentKind.FORM_01, DocumentKind.FORM_02} <= filing
    assert DocumentKind.FORM_03 not in filing
    assert {DocumentKind.FORM_03, DocumentKind.COMMUNE_REQUEST} <= proposal


def test_the_older_eras_accept_the_older_forms():
    filing = {kind for req in era("1048/2019").requirements(Packet.FILING) for kind in req.kinds}
    assert {
        DocumentKind.IDEA_REGISTRATION,
        DocumentKind.PRODUCT_REGISTRATION,
        DocumentKind.BUSINESS_PLAN,
        DocumentKind.ORGANISATION_DESCRIPTION,
    } <= filing


def test_five_samples_are_needed_except_for_the_tourism_set():
    for regulation in eras():
        assert regulation.samples.count == 5
        assert 26 in regulation.samples.exempt_sets


def test_a_province_builds_its_own_reading_as_a_new_regulation():
    strict = attrs.evolve(era("26/2026"), fallback=False, window_reading=WindowReading.BY)
    assert not strict.fallback
    assert era("26/2026").fallback


@given(st.dates(min_value=date(2019, 8, 21), max_value=date(2035, 12, 31)))
def test_every_day_since_1048_has_exactly_one_era(day):
    regulation = regulation_for(day)
    later = [item for item in eras() if item.effective_from > regulation.effective_from]
    assert regulation.effective_from <= day
    assert all(item.effective_from > day for item in later)


def test_a_malformed_regulation_file_is_refused_with_a_located_error():
    with pytest.raises(InputError) as caught:
        _load([{"key": "x"}])
    assert (caught.value.code, caught.value.path) == ("regulation.bad_data", "$.eras[0]")
