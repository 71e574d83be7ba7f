import copy

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop import IncompleteDossierError, InputError
from ocop.calendar import date
from ocop.certificate import Certificate
from ocop.dossier import (
    CommuneAssessment,
    Dossier,
    EvaluationType,
    Evidence,
    IpKind,
    Paper,
    Registration,
    SelfAssessment,
    UpdateTopic,
    check_dossier,
    require_complete,
)
from ocop.product import Product
from ocop.regulation import DocumentKind, Packet, era
from ocop.subject import Representative, Subject

REGULATION = era("26/2026")


def subject(**changes):
    fields = {
        "id": "s1",
        "name": "Hợp tác xã Nông nghiệp Mỹ Hòa Hưng",
        "kind": "cooperative",
        "representative": Representative(name="Nguyễn Thị Thu", gender="female", ethnicity="Kinh"),
    }
    fields.update(changes)
    return Subject(**fields)


def product(**changes):
    fields = {
        "id": "p1",
        "name": "Dưa cải muối Mỹ Hòa Hưng",
        "decision": "26/2026",
        "set_no": 7,
        "subject_id": "s1",
    }
    fields.update(changes)
    return Product(**fields)


def claims():
    return (
        Evidence(criterion="1.1", points=3, evidence=("Hợp đồng mua rau với 12 hộ trong xã",)),
        Evidence(criterion="2.2", points=2, evidence=("Ảnh bao bì",)),
        Evidence(criterion="8", points=2, evidence=("Bản tự công bố 01/2026",)),
        Evidence(criterion="9", points=1, evidence=("Giấy chứng nhận ATTP 12/2024",)),
    )


def self_assessment(**changes):
    fields = {
        "subject": subject(),
        "product_description": "Dưa cải muối chua, túi 500 g, TCCS 01:2026",
        "history": "Thành lập năm 2018 từ tổ hợp tác trồng rau",
        "organisation": "Ban giám đốc, tổ sản xuất, tổ tiêu thụ",
        "business_results": "Doanh thu 2025 tăng 12 %",
        "claims": claims(),
        "plan": "Mở rộng vùng rau VietGAP",
        "signed_on": date(2026, 6, 20),
        "business_registration": True,
        "quality_declared": True,
        "food_safety_certified": True,
        "ip_titles": {"trademark"},
    }
    fields.update(changes)
    return SelfAssessment(**fields)


def papers():
    return (
        Paper(
            kind="business_registration",
            issuer="UBND xã Mỹ Hòa Hưng",
            number="1600123456",
            issued_on=date(2018, 5, 2),
        ),
        Paper(kind="quality_declaration", number="01/2026/HTX", issued_on=date(2026, 1, 5)),
        Paper(
            kind="food_safety_certificate",
            issuer="Sở Y tế tỉnh An Giang",
            number="12/2024/ATTP-CNĐK",
            issued_on=date(2024, 3, 1),
            expires_on=date(2027, 3, 1),
        ),
        Paper(
            kind="ip_title",
            ip_kind="trademark",
            issuer="Cục Sở hữu trí tuệ",
            number="4-0456789-000",
            issued_on=date(2022, 8, 1),
            expires_on=date(2032, 8, 1),
        ),
    )


def dossier(**changes):
    fields = {
        "id": "d1",
        "subject": subject(),
        "product": product(),
        "evaluation_type": "first",
        "registration": Registration(
            subject=subject(),
            product=product(),
            evaluation_type="first",
            province="An Giang",
            year=2026,
            signed_on=date(2026, 6, 20),
            samples=5,
        ),
        "self_assessment": self_assessment(),
        "papers": papers(),
        "samples": 5,
    }
    fields.update(changes)
    return Dossier(**fields)


def form_03():
    return CommuneAssessment(
        commune="UBND xã Mỹ Hòa Hưng",
        local_raw_materials="Rau cải mua của các hộ trong xã",
        local_labour="18 trong 20 lao động thường trú tại xã",
        idea_origin="Món dưa cải truyền thống của cù lao",
        local_identity="Cách muối dưa của người Mỹ Hòa Hưng",
        signed_on=date(2026, 7, 1),
    )


def previous(**changes):
    fields = {
        "number": "05/GCN-UBND",
        "product_id": "p1",
        "subject_id": "s1",
        "stars": 3,
        "level": "province",
        "authority": "UBND tỉnh An Giang",
        "decision_no": "900/QĐ-UBND",
        "decision_date": date(2023, 12, 20),
        "issued_on": date(2023, 12, 20),
    }
    fields.update(changes)
    return Certificate(**fields)


def test_a_complete_first_dossier_has_no_problem_at_filing():
    report = check_dossier(dossier(), REGULATION, on=date(2026, 6, 22))
    assert report.complete, report.describe("en")
    assert report.era == "26/2026"
    assert report.packet is Packet.FILING


def test_the_commune_adds_form_03_its_letter_and_samples_for_the_province():
    complete = (
        dossier()
        .with_commune_assessment(form_03())
        .with_papers(Paper(kind="commune_request", number="45/UBND", issued_on=date(2026, 7, 1)))
    )
    report = check_dossier(complete, REGULATION, on=date(2026, 7, 1), packet="proposal")
    assert report.complete, report.describe("en")
    missing = check_dossier(dossier(), REGULATION, on=date(2026, 7, 1), packet="proposal")
    assert [problem.value for problem in missing.problems] == [
        ["commune_request"],
        ["form_03"],
    ]


def test_every_problem_is_reported_at_once():
    expired = Paper(
        kind="food_safety_certificate",
        number="3/2021/ATTP",
        issued_on=date(2021, 3, 1),
        expires_on=date(2024, 3, 1),
    )
    bad = dossier(
        registration=None,
        papers=(papers()[0], papers()[1], expired),
        samples=2,
        self_assessment=self_assessment(
            claims=(
                Evidence(criterion="1.1", points=4, evidence=("x",)),
                Evidence(criterion="99", points=1, evidence=("x",)),
                Evidence(criterion="1.5", points=2),
            )
        ),
    )
    report = check_dossier(bad, REGULATION, on=date(2026, 7, 1), packet="proposal")
    assert report.codes == (
        "dossier.missing_document",  # Form 01
        "dossier.missing_document",  # commune letter
        "dossier.missing_document",  # Form 03
        "dossier.samples_short",
        "dossier.paper_expired",
        "dossier.declared_paper_missing",  # the trademark ticked in Form 02
        "dossier.points_not_an_option",
        "dossier.unknown_criterion",
        "dossier.claim_without_evidence",
    )
    with pytest.raises(IncompleteDossierError) as caught:
        report.raise_if_incomplete()
    assert len(caught.value.problems) == 9


def test_an_expired_food_safety_certificate_is_a_problem_with_its_path():
    expired = Paper(
        kind="food_safety_certificate",
        number="3/2021/ATTP",
        issued_on=date(2021, 3, 1),
        expires_on=date(2024, 3, 1),
    )
    report = check_dossier(
        dossier(papers=(*papers()[:2], expired, papers()[3])), REGULATION, on=date(2026, 6, 22)
    )
    assert report.codes == ("dossier.paper_expired",)
    assert report.problems[0].path == "$.papers[2].expires_on"
    assert report.problems[0].message("en").startswith("the paper 'food safety certificate'")


def test_a_missing_paper_is_named_in_words_of_the_language_asked():
    report = check_dossier(dossier(papers=papers()[:2]), REGULATION, on=date(2026, 6, 22))
    missing = next(p for p in report.problems if p.code == "dossier.missing_document")
    assert "_" not in missing.message("vi")
    assert "_" not in missing.message("en")
    from ocop import DocumentKind

    assert {DocumentKind(kind) for kind in missing.value}  # the value keeps the stable names


def test_a_food_product_needs_a_food_safety_paper_but_a_commitment_will_do():
    without = [
        paper for paper in papers() if paper.kind is not DocumentKind.FOOD_SAFETY_CERTIFICATE
    ]
    form = self_assessment(food_safety_certified=False)
    report = check_dossier(
        dossier(papers=tuple(without), self_assessment=form), REGULATION, on=date(2026, 6, 22)
    )
    assert report.codes == ("dossier.missing_document",)
    committed = (*without, Paper(kind="food_safety_commitment", issued_on=date(2025, 1, 2)))
    report = check_dossier(
        dossier(papers=committed, self_assessment=form), REGULATION, on=date(2026, 6, 22)
    )
    assert report.complete


def test_the_tourism_set_needs_no_samples_nor_food_safety_nor_quality_declaration():
    tour = product(id="p9", name="Du lịch cộng đồng Mỹ Hòa Hưng", set_no=26)
    homestay = subject(kind="tourism_organisation", name="Trung tâm du lịch Mỹ Hòa Hưng")
    bare = (
        Dossier(
            id="d9",
            subject=homestay,
            product=tour,
            evaluation_type="first",
            registration=Registration(
                subject=homestay,
                product=tour,
                evaluation_type="first",
                province="An Giang",
                year=2026,
                signed_on=date(2026, 6, 20),
            ),
            self_assessment=self_assessment(
                subject=homestay, claims=(), ip_titles=set(), food_safety_certified=False
            ),
            papers=(papers()[0], papers()[1]),
        )
        .with_commune_assessment(form_03())
        .with_papers(Paper(kind="commune_request"))
    )
    report = check_dossier(bare, REGULATION, on=date(2026, 7, 1), packet="proposal")
    assert report.complete, report.describe("en")


def test_a_tourism_organisation_may_register_only_the_tourism_set():
    report = check_dossier(
        dossier(subject=subject(kind="tourism_organisation")), REGULATION, on=date(2026, 6, 22)
    )
    assert "dossier.subject_not_eligible" in report.codes


def test_a_large_enterprise_may_not_register_under_26_2026_but_could_under_148():
    big = subject(kind="enterprise", enterprise_size="large")
    report = check_dossier(dossier(subject=big), REGULATION, on=date(2026, 6, 22))
    assert "dossier.subject_not_eligible" in report.codes
    old = dossier(subject=big, product=product(decision="148/2023"))
    assert (
        "dossier.subject_not_eligible"
        not in check_dossier(old, era("148/2023"), on=date(2024, 6, 22)).codes
    )


def test_a_product_classified_under_another_decision_is_inconsistent():
    report = check_dossier(
        dossier(product=product(decision="148/2023")), REGULATION, on=date(2026, 6, 22)
    )
    assert "dossier.wrong_rubric" in report.codes


def test_forms_must_name_the_dossier_s_subject_product_and_type():
    other = Registration(
        subject=subject(id="s2"),
        product=product(id="p2"),
        evaluation_type="upgrade",
        province="An Giang",
        year=2026,
        signed_on=date(2026, 6, 20),
    )
    report = check_dossier(dossier(registration=other), REGULATION, on=date(2026, 6, 22))
    assert [problem.path for problem in report.problems] == [
        "$.registration.subject.id",
        "$.registration.product.id",
        "$.registration.evaluation_type",
    ]


def test_form_02_names_the_representative_with_gender_and_ethnicity():
    nobody = subject(representative=None)
    report = check_dossier(
        dossier(self_assessment=self_assessment(subject=nobody)), REGULATION, on=date(2026, 6, 22)
    )
    assert report.codes == ("dossier.representative_missing",)


def test_form_02_keeps_the_subject_s_own_card():
    form = self_assessment()
    assert form.card == {"1.1": 3, "2.2": 2, "8": 2, "9": 1}
    assert form.total == 8


def test_a_claim_may_be_checked_against_a_given_sheet_without_the_rubric():
    report = check_dossier(dossier(), REGULATION, on=date(2026, 6, 22), use_rubric=False)
    assert report.complete
    strange = self_assessment(claims=(Evidence(criterion="zz", points=1, evidence=("x",)),))
    report = check_dossier(
        dossier(self_assessment=strange), REGULATION, on=date(2026, 6, 22), use_rubric=False
    )
    assert report.complete


def test_an_upgrade_must_show_what_changed_and_name_its_certificate():
    upgrade = dossier(
        evaluation_type="upgrade",
        registration=attrs.evolve(dossier().registration, evaluation_type="upgrade"),
    )
    report = check_dossier(upgrade, REGULATION, on=date(2026, 6, 22))
    assert report.codes == ("dossier.changes_missing", "dossier.previous_certificate_missing")
    fixed = attrs.evolve(
        upgrade,
        previous=previous(),
        self_assessment=self_assessment(changes="Bao bì mới, đạt ISO 22000 năm 2026"),
    )
    assert check_dossier(fixed, REGULATION, on=date(2026, 6, 22)).complete


def test_a_five_star_product_cannot_be_upgraded():
    upgrade = dossier(
        evaluation_type="upgrade",
        registration=attrs.evolve(dossier().registration, evaluation_type="upgrade"),
        previous=previous(stars=5, level="centre"),
        self_assessment=self_assessment(changes="Mở rộng xuất khẩu"),
    )
    assert check_dossier(upgrade, REGULATION, on=date(2026, 6, 22)).codes == (
        "dossier.nothing_to_upgrade",
    )


def test_a_reevaluation_must_update_every_topic_and_bring_new_lab_results():
    again = dossier(
        evaluation_type="re_evaluation",
        registration=attrs.evolve(dossier().registration, evaluation_type="re_evaluation"),
        previous=previous(),
        self_assessment=self_assessment(updates={"raw_materials", "packaging"}),
    )
    report = check_dossier(again, REGULATION, on=date(2026, 7, 1))
    missing = [
        problem.value for problem in report.problems if problem.code == "dossier.update_missing"
    ]
    assert set(missing) == {topic.value for topic in UpdateTopic} - {"raw_materials", "packaging"}
    assert report.codes[-1] == "dossier.tests_not_updated"
    updated = attrs.evolve(
        again,
        self_assessment=self_assessment(updates=set(UpdateTopic)),
        papers=(
            *papers(),
            Paper(kind="lab_results", issuer="Quatest 3", issued_on=date(2026, 5, 15)),
        ),
    )
    assert check_dossier(updated, REGULATION, on=date(2026, 7, 1)).complete


def test_a_reevaluation_with_an_expired_time_limited_paper_is_incomplete():
    again = dossier(
        evaluation_type="re_evaluation",
        registration=attrs.evolve(dossier().registration, evaluation_type="re_evaluation"),
        previous=previous(),
        self_assessment=self_assessment(updates=set(UpdateTopic)),
        papers=(
            *papers(),
            Paper(kind="lab_results", issued_on=date(2026, 5, 15)),
            Paper(kind="quality_management", number="ISO 22000", expires_on=date(2026, 6, 30)),
        ),
    )
    assert check_dossier(again, REGULATION, on=date(2026, 7, 1)).codes == ("dossier.paper_expired",)


def test_a_first_evaluation_of_a_product_still_recognised_is_inconsistent():
    report = check_dossier(dossier(previous=previous()), REGULATION, on=date(2026, 6, 22))
    assert report.codes == ("dossier.already_recognised",)


def test_a_paper_dated_after_the_check_or_expiring_before_issue_is_inconsistent():
    odd = (
        Paper(kind="awards", issued_on=date(2026, 8, 1)),
        Paper(kind="traceability", issued_on=date(2026, 1, 1), expires_on=date(2025, 1, 1)),
    )
    report = check_dossier(dossier().with_papers(*odd), REGULATION, on=date(2026, 6, 22))
    assert report.codes == (
        "dossier.paper_not_yet_issued",
        "dossier.paper_dates_inconsistent",
    )


def test_the_1048_era_asks_for_the_older_forms():
    old_product = product(decision="1048/2019", set_no=7)
    old = Dossier(
        id="d-2020",
        subject=subject(),
        product=old_product,
        evaluation_type="first",
        samples=5,
    )
    report = check_dossier(old, era("1048/2019"), on=date(2020, 2, 3))
    assert [problem.value for problem in report.problems] == [
        ["form_01", "idea_registration", "product_registration"],
        ["business_plan"],
        ["organisation_description"],
        ["business_registration"],
    ]
    complete = old.with_papers(
        Paper(kind="product_registration", title="Phiếu đăng ký sản phẩm (biểu 02)"),
        Paper(kind="business_plan", title="Phương án kinh doanh (biểu 03)"),
        Paper(kind="organisation_description", title="Bản mô tả (biểu 04)"),
        Paper(kind="business_registration", number="5203000123"),
    )
    assert check_dossier(complete, era("1048/2019"), on=date(2020, 2, 3)).complete


def test_require_complete_raises_with_every_problem_and_changes_nothing():
    incomplete = dossier(registration=None, self_assessment=None)
    before = copy.deepcopy(incomplete)
    with pytest.raises(IncompleteDossierError) as caught:
        require_complete(incomplete, REGULATION, on=date(2026, 6, 22))
    assert [problem.value for problem in caught.value.problems] == [["form_01"], ["form_02"]]
    assert incomplete == before


def test_bad_values_in_a_form_are_input_errors():
    with pytest.raises(InputError):
        Evidence(criterion="1.1", points=-1)
    with pytest.raises(InputError):
        Paper(kind="passport")
    with pytest.raises(InputError):
        self_assessment(ip_titles={"secret_recipe"})


def test_the_evaluation_types_match_the_rubric_s():
    assert [kind.value for kind in EvaluationType] == ["first", "upgrade", "re_evaluation"]
    assert IpKind("trademark") is IpKind.TRADEMARK


FILING_KINDS = (
    "business_registration",
    "food_safety_certificate",
    "quality_declaration",
)


@given(st.sets(st.sampled_from(FILING_KINDS)))
def test_a_required_paper_is_reported_missing_exactly_when_the_dossier_lacks_it(held):
    form = self_assessment(
        business_registration=False,
        quality_declared=False,
        food_safety_certified=False,
        ip_titles=set(),
    )
    given_papers = tuple(Paper(kind=kind, issued_on=date(2025, 1, 2)) for kind in sorted(held))
    report = check_dossier(
        dossier(self_assessment=form, papers=given_papers), REGULATION, on=date(2026, 6, 22)
    )
    missing = {
        kind
        for problem in report.problems
        if problem.code == "dossier.missing_document"
        for kind in problem.value
    }
    assert missing & set(FILING_KINDS) == set(FILING_KINDS) - held
    assert report.complete == (held == set(FILING_KINDS))
