import copy

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop import AuthorityError, DeadlineError, InputError, TransitionError
from ocop.calendar import date
from ocop.certificate import (
    Certificate,
    CertificateStatus,
    RevocationGround,
    due_for_reevaluation,
    expiring_within,
    valid_on,
)
from ocop.regulation import GraceScope, Level, era


def certificate(**changes):
    fields = {
        "number": "01/GCN-OCOP",
        "product_id": "p1",
        "subject_id": "s1",
        "stars": 4,
        "level": "province",
        "authority": "UBND tỉnh An Giang",
        "decision_no": "1234/QĐ-UBND",
        "decision_date": date(2026, 6, 19),
        "issued_on": date(2026, 6, 19),
    }
    fields.update(changes)
    return Certificate(**fields)


def test_a_certificate_is_valid_for_thirty_six_months_through_its_last_day():
    cert = certificate(issued_on=date(2025, 6, 19), decision_date=date(2025, 6, 19))
    assert cert.expires_on == date(2028, 6, 19)
    assert cert.in_force(date(2028, 6, 19))
    assert cert.status(date(2028, 6, 20)) is CertificateStatus.EXPIRED


def test_a_certificate_is_not_in_force_before_it_is_issued():
    assert certificate().status(date(2026, 6, 18)) is CertificateStatus.NOT_YET_ISSUED


def test_only_three_stars_and_more_are_certified():
    with pytest.raises(InputError) as caught:
        certificate(stars=2)
    assert caught.value.code == "certificate.not_certifiable"


def test_a_certificate_cannot_be_issued_before_its_decision():
    with pytest.raises(InputError) as caught:
        certificate(decision_date=date(2026, 6, 20))
    assert caught.value.code == "certificate.issued_before_decision"


def test_the_reevaluation_window_is_a_status_of_a_valid_certificate():
    cert = certificate()  # expires 2029-06-19: window 2028-12-21 .. 2029-02-19
    assert cert.status(date(2028, 12, 20)) is CertificateStatus.VALID
    assert cert.status(date(2028, 12, 21)) is CertificateStatus.REEVALUATION_WINDOW
    assert cert.status(date(2029, 2, 19)) is CertificateStatus.REEVALUATION_WINDOW
    assert cert.status(date(2029, 2, 20)) is CertificateStatus.VALID
    assert cert.status(date(2029, 2, 20)).in_force


def test_a_certificate_issued_before_26_2026_may_be_kept_in_force_by_a_late_filing():
    # Issued under 148 by a district; its window under 26/2026 closed on 2026-02-28.
    cert = certificate(
        stars=3,
        level="district",
        authority="UBND huyện Chợ Mới",
        issued_on=date(2023, 6, 28),
        decision_date=date(2023, 6, 28),
    )
    assert cert.expires_on == date(2026, 6, 28)
    late = cert.with_late_filing(date(2026, 6, 1))
    assert late.status(date(2026, 7, 15)) is CertificateStatus.GRACE
    assert late.grace_until() == date(2026, 12, 25)
    assert late.status(date(2026, 12, 26)) is CertificateStatus.EXPIRED
    assert cert.status(date(2026, 7, 15)) is CertificateStatus.EXPIRED


def test_the_grace_ends_when_the_late_reevaluation_is_decided():
    cert = certificate(issued_on=date(2023, 6, 28), decision_date=date(2023, 6, 28))
    decided = cert.with_late_filing(date(2026, 6, 1)).with_renewal_decided(date(2026, 8, 3))
    assert decided.status(date(2026, 8, 3)) is CertificateStatus.GRACE
    assert decided.status(date(2026, 8, 4)) is CertificateStatus.EXPIRED


def test_a_certificate_issued_under_26_2026_has_no_grace():
    cert = certificate()
    before = copy.deepcopy(cert)
    with pytest.raises(DeadlineError) as caught:
        cert.with_late_filing(date(2029, 3, 1))
    assert caught.value.code == "certificate.no_grace"
    assert cert == before


def test_a_filing_inside_the_window_is_not_a_late_filing():
    cert = certificate(issued_on=date(2024, 1, 10), decision_date=date(2024, 1, 10))
    with pytest.raises(DeadlineError) as caught:
        cert.with_late_filing(date(2026, 8, 1))
    assert caught.value.code == "certificate.not_late"


def test_the_narrow_grace_scope_covers_only_windows_closed_when_26_2026_took_effect():
    narrow = attrs.evolve(
        era("26/2026"),
        transition=attrs.evolve(
            era("26/2026").transition, grace_scope=GraceScope.WINDOW_UNREACHABLE
        ),
    )
    reachable = certificate(issued_on=date(2024, 1, 10), decision_date=date(2024, 1, 10))
    with pytest.raises(DeadlineError):
        reachable.with_late_filing(date(2026, 10, 1), narrow)
    unreachable = certificate(issued_on=date(2023, 6, 28), decision_date=date(2023, 6, 28))
    assert unreachable.with_late_filing(date(2026, 6, 1), narrow).late_filing_on is not None


@pytest.mark.parametrize("ground", [ground for ground in RevocationGround if not ground.lapse])
def test_the_province_revokes_a_four_star_certificate_on_any_of_the_six_grounds(ground):
    revoked = certificate().revoke(
        ground=ground,
        found_on=date(2027, 3, 1),
        decided_on=date(2027, 3, 16),
        decision_no="55/QĐ-UBND",
        by="province",
    )
    assert revoked.status(date(2027, 3, 15)) is CertificateStatus.VALID
    assert revoked.status(date(2027, 3, 16)) is CertificateStatus.REVOKED
    assert revoked.revocation is not None
    assert revoked.revocation.ground.point in {"a", "b", "c", "d", "đ", "e"}


def test_there_are_six_revocation_grounds_and_two_grounds_of_a_lapse():
    points = [ground.point for ground in RevocationGround if not ground.lapse]
    assert points == ["a", "b", "c", "d", "đ", "e"]
    lapses = [ground for ground in RevocationGround if ground.lapse]
    assert lapses == [RevocationGround.NOT_REEVALUATED, RevocationGround.FAILED_REEVALUATION]
    assert all(ground.point is None for ground in lapses)


def test_only_the_ministry_revokes_a_five_star_certificate():
    cert = certificate(stars=5, level="centre", authority="Bộ Nông nghiệp và Môi trường")
    before = copy.deepcopy(cert)
    with pytest.raises(AuthorityError) as caught:
        cert.revoke(
            ground="mark_misuse",
            found_on=date(2027, 3, 1),
            decided_on=date(2027, 3, 5),
            decision_no="9/QĐ-UBND",
            by=Level.PROVINCE,
        )
    assert caught.value.code == "certificate.revocation_authority"
    assert cert == before
    revoked = cert.revoke(
        ground="mark_misuse",
        found_on=date(2027, 3, 1),
        decided_on=date(2027, 3, 5),
        decision_no="9/QĐ-BNNMT",
        by=Level.CENTRE,
    )
    assert revoked.status(date(2027, 3, 5)) is CertificateStatus.REVOKED


def test_a_district_three_star_certificate_is_revoked_by_the_province_after_july_2025():
    cert = certificate(
        stars=3,
        level="district",
        authority="UBND huyện Cư Jút",
        issued_on=date(2025, 5, 20),
        decision_date=date(2025, 5, 20),
    )
    with pytest.raises(AuthorityError):
        cert.revoke(
            ground="stopped_producing",
            found_on=date(2026, 7, 1),
            decided_on=date(2026, 7, 10),
            decision_no="1/QĐ-UBND",
            by="district",
        )
    revoked = cert.revoke(
        ground="stopped_producing",
        found_on=date(2026, 7, 1),
        decided_on=date(2026, 7, 10),
        decision_no="2/QĐ-UBND",
        by="province",
    )
    assert revoked.revocation is not None


def test_a_revocation_after_fifteen_days_is_late_and_changes_nothing():
    cert = certificate()
    before = copy.deepcopy(cert)
    with pytest.raises(DeadlineError) as caught:
        cert.revoke(
            ground="legal_violation",
            found_on=date(2027, 3, 1),
            decided_on=date(2027, 3, 17),
            decision_no="55/QĐ-UBND",
            by="province",
        )
    assert caught.value.code == "certificate.revocation_late"
    assert cert == before


def test_a_revocation_cannot_precede_its_finding():
    with pytest.raises(InputError) as caught:
        certificate().revoke(
            ground="false_dossier",
            found_on=date(2027, 3, 10),
            decided_on=date(2027, 3, 9),
            decision_no="1",
            by="province",
        )
    assert caught.value.code == "certificate.revocation_before_finding"


def test_a_certificate_is_revoked_only_once():
    revoked = certificate().revoke(
        ground="false_dossier",
        found_on=date(2027, 3, 1),
        decided_on=date(2027, 3, 2),
        decision_no="1",
        by="province",
    )
    before = copy.deepcopy(revoked)
    with pytest.raises(TransitionError) as caught:
        revoked.revoke(
            ground="mark_misuse",
            found_on=date(2027, 3, 3),
            decided_on=date(2027, 3, 4),
            decision_no="2",
            by="province",
        )
    assert caught.value.code == "certificate.already_revoked"
    assert revoked == before


def test_an_expired_certificate_cannot_be_revoked():
    with pytest.raises(TransitionError) as caught:
        certificate().revoke(
            ground="stopped_producing",
            found_on=date(2029, 7, 1),
            decided_on=date(2029, 7, 2),
            decision_no="1",
            by="province",
        )
    assert caught.value.code == "certificate.not_in_force"


def test_an_upgrade_supersedes_the_old_certificate_from_the_day_the_new_one_is_issued():
    old = certificate(stars=3)
    new = certificate(
        number="02/GCN-OCOP",
        stars=4,
        decision_date=date(2027, 12, 1),
        issued_on=date(2027, 12, 1),
    )
    superseded = old.supersede(new)
    assert superseded.status(date(2027, 11, 30)) is CertificateStatus.VALID
    assert superseded.status(date(2027, 12, 1)) is CertificateStatus.SUPERSEDED
    assert superseded.superseded_by == "02/GCN-OCOP"


def test_a_certificate_is_superseded_only_by_a_later_one_of_the_same_product():
    old = certificate()
    with pytest.raises(TransitionError) as caught:
        old.supersede(certificate(number="9", product_id="p2"))
    assert caught.value.code == "certificate.not_same_product"
    with pytest.raises(TransitionError) as caught:
        old.supersede(
            certificate(number="9", issued_on=date(2026, 1, 1), decision_date=date(2026, 1, 1))
        )
    assert caught.value.code == "certificate.not_later"


def register():
    return [
        certificate(number="A", issued_on=date(2023, 9, 1), decision_date=date(2023, 9, 1)),
        certificate(number="B", issued_on=date(2024, 3, 1), decision_date=date(2024, 3, 1)),
        certificate(number="C", issued_on=date(2026, 6, 19)),
        # Revoked by the province in January 2026 (148 as amended by 1489).
        certificate(
            number="D", issued_on=date(2023, 11, 1), decision_date=date(2023, 11, 1)
        ).revoke(
            ground="stopped_producing",
            found_on=date(2026, 1, 5),
            decided_on=date(2026, 1, 10),
            decision_no="3/QĐ-UBND",
            by="province",
        ),
    ]


def test_the_office_lists_certificates_expiring_in_the_next_months_soonest_first():
    found = expiring_within(register(), date(2026, 7, 1), 6)
    assert [cert.number for cert in found] == ["A"]
    found = expiring_within(register(), date(2026, 7, 1), 24)
    assert [cert.number for cert in found] == ["A", "B"]


def test_the_office_lists_the_subjects_that_must_file_now():
    # A expires 2026-09-01: its window is 2026-03-05 .. 2026-05-04.
    assert [cert.number for cert in due_for_reevaluation(register(), date(2026, 4, 1))] == []
    # B expires 2027-03-01: its window is 2026-09-02 .. 2026-10-31.
    assert [cert.number for cert in due_for_reevaluation(register(), date(2026, 10, 1))] == ["B"]


def test_the_office_lists_the_products_valid_on_a_day():
    assert [cert.number for cert in valid_on(register(), date(2026, 1, 9))] == ["A", "B", "D"]
    assert [cert.number for cert in valid_on(register(), date(2026, 7, 1))] == ["A", "B", "C"]


@given(st.dates(min_value=date(2019, 9, 1), max_value=date(2035, 1, 1)))
def test_a_certificate_is_in_force_exactly_from_issue_to_expiry(issued):
    cert = certificate(issued_on=issued, decision_date=issued)
    assert cert.in_force(issued)
    assert cert.in_force(cert.expires_on)
    assert not cert.in_force(cert.expires_on.add(days=1))
    assert not cert.in_force(cert.issued_on.subtract(days=1))
    assert (cert.expires_on.year - issued.year) * 12 + cert.expires_on.month - issued.month == 36


def test_a_certificate_issued_before_decision_1048_still_has_a_status():
    early = certificate(
        stars=3,
        level="province",
        issued_on=date(2019, 3, 1),
        decision_date=date(2019, 3, 1),
    )
    assert early.status(date(2019, 5, 1)) is CertificateStatus.VALID
    assert early.status(date(2022, 3, 2)) is CertificateStatus.EXPIRED


@pytest.mark.parametrize("months", [36.0, -36, 0, 10**9, True, "36"])
def test_a_validity_that_is_not_a_whole_number_of_months_up_to_ten_years_is_refused(months):

    with pytest.raises(InputError) as caught:
        Certificate(
            number="1",
            product_id="p",
            subject_id="s",
            stars=4,
            level="province",
            authority="UBND tỉnh An Giang",
            decision_no="1/QĐ-UBND",
            decision_date=date(2020, 3, 20),
            issued_on=date(2020, 3, 25),
            valid_months=months,
        )
    assert (caught.value.code, caught.value.path) == ("certificate.bad_validity", "$.valid_months")


def test_a_certificate_expiring_after_the_last_supported_day_is_refused_when_made():

    with pytest.raises(InputError) as caught:
        Certificate(
            number="1",
            product_id="p",
            subject_id="s",
            stars=4,
            level="province",
            authority="UBND tỉnh An Giang",
            decision_no="1/QĐ-UBND",
            decision_date=date(2099, 12, 1),
            issued_on=date(2099, 12, 31),
        )
    assert (caught.value.code, caught.value.path) == ("date.out_of_range", "$.issued_on")


# --- the rules of their day: the grace of Art. 12.3 across 22 May 2026 ---------------------


def test_a_certificate_that_expired_in_october_2025_is_expired_the_next_day_whatever_was_filed():
    # Issued under 148; expired on 10 October 2025, months before 26/2026 existed.
    cert = certificate(issued_on=date(2022, 10, 10), decision_date=date(2022, 10, 10))
    assert cert.expires_on == date(2025, 10, 10)
    recorded = attrs.evolve(cert, late_filing_on=date(2025, 9, 1))
    assert recorded.grace_until() is None
    assert recorded.status(date(2025, 10, 11)) is CertificateStatus.EXPIRED
    assert recorded.status(date(2026, 6, 1)) is CertificateStatus.EXPIRED
    for day in (date(2025, 9, 1), date(2026, 6, 1)):
        with pytest.raises(DeadlineError) as caught:
            cert.with_late_filing(day)
        assert caught.value.code == "certificate.no_grace"


def test_a_late_filing_recorded_in_2024_or_2025_gives_no_grace():
    # Still valid on 22 May 2026 (expires 28 June 2026), but the filing predates 26/2026.
    cert = certificate(issued_on=date(2023, 6, 28), decision_date=date(2023, 6, 28))
    for filed in (date(2024, 12, 1), date(2025, 11, 3), date(2026, 5, 21)):
        recorded = attrs.evolve(cert, late_filing_on=filed)
        assert recorded.grace_until() is None
        assert recorded.status(date(2026, 6, 29)) is CertificateStatus.EXPIRED
        with pytest.raises(DeadlineError) as caught:
            cert.with_late_filing(filed)
        assert caught.value.code == "certificate.no_grace"


def test_the_grace_exists_from_22_may_2026_for_a_certificate_still_valid_that_day():
    # The day before 26/2026: no grace. The day it takes effect: grace, 180 days past expiry.
    cert = certificate(issued_on=date(2023, 5, 22), decision_date=date(2023, 5, 22))
    assert cert.expires_on == date(2026, 5, 22)
    with pytest.raises(DeadlineError):
        cert.with_late_filing(date(2026, 5, 21))
    late = cert.with_late_filing(date(2026, 5, 22))
    assert late.grace_until() == date(2026, 11, 18)
    assert late.status(date(2026, 5, 23)) is CertificateStatus.GRACE
    assert late.status(date(2026, 11, 19)) is CertificateStatus.EXPIRED


def test_a_certificate_expired_the_day_before_26_2026_has_no_grace():
    cert = certificate(issued_on=date(2023, 5, 21), decision_date=date(2023, 5, 21))
    assert cert.expires_on == date(2026, 5, 21)
    with pytest.raises(DeadlineError) as caught:
        cert.with_late_filing(date(2026, 5, 22))
    assert caught.value.code == "certificate.no_grace"
    assert cert.status(date(2026, 5, 22)) is CertificateStatus.EXPIRED


# --- revocation by the authority of its day, withdrawal of lapsed certificates ---------------


def dong_thap_2021(**changes):
    # A 3★ certificate of Đồng Tháp's 2021 rounds, recognised by the province under QĐ 1048.
    fields = {
        "stars": 3,
        "level": "province",
        "authority": "UBND tỉnh Đồng Tháp",
        "decision_no": "1/QĐ-UBND-HC",
        "issued_on": date(2021, 12, 1),
        "decision_date": date(2021, 12, 1),
    }
    return certificate(**{**fields, **changes})


def test_a_province_withdraws_a_certificate_that_lapsed_without_reevaluation():
    # UBND tỉnh Đồng Tháp, February 2025: 47 certificates of 2021 withdrawn, 41 of them not
    # re-evaluated within their 36 months (nhandan.vn, 23 February 2025; the decision's number
    # was not published).
    cert = dong_thap_2021()
    gone = cert.withdraw(
        ground="not_reevaluated",
        decided_on=date(2025, 2, 21),
        decision_no="(not published)",
        by="province",
        note="không tham gia đánh giá lại theo thời hạn 36 tháng",
    )
    assert gone.revocation.ground is RevocationGround.NOT_REEVALUATED
    assert (gone.revocation.decided_on, gone.revocation.level) == (
        date(2025, 2, 21),
        Level.PROVINCE,
    )
    assert gone.revocation.found_on == date(2024, 12, 2)  # the first day it was expired
    assert gone.status(date(2025, 2, 20)) is CertificateStatus.EXPIRED
    assert gone.status(date(2025, 2, 21)) is CertificateStatus.REVOKED


def test_decision_58_of_dong_thap_withdrew_certificates_of_2019_under_decision_1048():
    # Quyết định số 58 of UBND tỉnh Đồng Tháp (reported 15 February 2023): 25 certificates of
    # 2019, 15 not re-evaluated in 2022, 10 that failed the re-evaluation.
    cert = dong_thap_2021(issued_on=date(2019, 11, 15), decision_date=date(2019, 11, 15), stars=4)
    for ground in ("not_reevaluated", "failed_reevaluation"):
        gone = cert.withdraw(
            ground=ground, decided_on=date(2023, 2, 15), decision_no="58", by="province"
        )
        assert gone.revocation.decision_no == "58"


def test_a_certificate_in_force_or_in_grace_is_not_withdrawn_for_a_lapse():
    with pytest.raises(TransitionError) as caught:
        dong_thap_2021().withdraw(
            ground="not_reevaluated", decided_on=date(2024, 6, 1), decision_no="1", by="province"
        )
    assert caught.value.code == "certificate.not_expired"
    late = certificate(
        issued_on=date(2023, 6, 28), decision_date=date(2023, 6, 28)
    ).with_late_filing(date(2026, 6, 1))
    with pytest.raises(TransitionError) as caught:
        late.withdraw(
            ground="not_reevaluated", decided_on=date(2026, 7, 1), decision_no="1", by="province"
        )
    assert caught.value.code == "certificate.not_expired"


def test_a_lapse_is_withdrawn_and_a_ground_of_article_8_is_revoked():
    with pytest.raises(InputError) as caught:
        dong_thap_2021().withdraw(
            ground="stopped_producing", decided_on=date(2025, 2, 21), decision_no="1", by="province"
        )
    assert caught.value.code == "certificate.not_a_lapse"
    with pytest.raises(InputError) as caught:
        certificate().revoke(
            ground="not_reevaluated",
            found_on=date(2027, 3, 1),
            decided_on=date(2027, 3, 2),
            decision_no="1",
            by="province",
        )
    assert caught.value.code == "certificate.lapse_not_revocation"


def test_before_26_2026_the_level_that_issued_a_certificate_revokes_it():
    # Under 148 a district recognised 3★, but a 3★ certificate the province issued under 1048
    # is the province's to revoke (the texts name no revocation authority).
    cert = dong_thap_2021(issued_on=date(2021, 6, 1), decision_date=date(2021, 6, 1))
    with pytest.raises(AuthorityError) as caught:
        cert.revoke(
            ground="stopped_producing",
            found_on=date(2023, 9, 1),
            decided_on=date(2023, 9, 5),
            decision_no="1",
            by="district",
        )
    message = caught.value.message("vi")
    assert "Cấp huyện không có thẩm quyền" in message
    assert "Cấp cấp" not in message
    assert "cấp tỉnh" in message
    revoked = cert.revoke(
        ground="stopped_producing",
        found_on=date(2023, 9, 1),
        decided_on=date(2023, 9, 5),
        decision_no="2",
        by="province",
    )
    assert revoked.revocation.level is Level.PROVINCE
    with pytest.raises(AuthorityError):
        cert.withdraw(
            ground="not_reevaluated", decided_on=date(2025, 2, 21), decision_no="3", by="district"
        )


def test_a_district_certificate_of_148_is_revoked_by_the_district_until_july_2025():
    cert = certificate(
        stars=3,
        level="district",
        authority="UBND huyện Cư Jút",
        issued_on=date(2024, 5, 20),
        decision_date=date(2024, 5, 20),
    )
    kept = cert.revoke(
        ground="mark_misuse",
        found_on=date(2025, 3, 1),
        decided_on=date(2025, 3, 5),
        decision_no="1",
        by="district",
    )
    assert kept.revocation.level is Level.DISTRICT
    with pytest.raises(AuthorityError):
        cert.revoke(
            ground="mark_misuse",
            found_on=date(2025, 8, 1),
            decided_on=date(2025, 8, 5),
            decision_no="1",
            by="district",
        )


# --- re-evaluation before 26/2026 ------------------------------------------------------------


def test_the_eras_before_26_2026_say_what_they_required_instead_of_a_window():
    decision_1048 = dong_thap_2021(issued_on=date(2020, 3, 11), decision_date=date(2020, 3, 11))
    terms = decision_1048.reevaluation_terms()
    assert (terms.era, terms.window, terms.notice_by) == ("1048/2019", None, None)
    assert "chu trình OCOP" in terms.rule_vi
    assert "QĐ 1048/QĐ-TTg" in terms.article
    decision_148 = dong_thap_2021(issued_on=date(2023, 6, 28), decision_date=date(2023, 6, 28))
    terms = decision_148.reevaluation_terms()
    assert terms.window is None
    assert terms.notice_by == date(2026, 5, 29)  # 30 days before expiry, by the issuer
    assert "30 days" in terms.describe("en")
    current = certificate().reevaluation_terms()
    assert current.window == (date(2028, 12, 21), date(2029, 2, 19))
    assert current.article == "QĐ 26/2026/QĐ-TTg, Art. 7.6.a"
    assert decision_1048.reevaluation_window() is None
