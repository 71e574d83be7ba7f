"""Dossiers from filing to certificate, in each era, and every refusal on the way.

Real facts used: An Giang's provincial council met on 11 March 2020 with nine members on
products rated 3★ or more by their district councils, under QĐ 1048 (An Giang's OCOP news of
2020); the national council scored An Giang's rice 91.14 in 2020. Tết Canh Tý (23–29 January
2020), Tết Bính Ngọ (16–20 February 2026) and Tết Đinh Mùi (4–10 February 2027) close offices.
Product names, the other dates and the scores are illustrative.
"""

import copy
from decimal import Decimal

import attrs
import pytest

from ocop import (
    AuthorityError,
    ConflictOfInterestError,
    DeadlineError,
    IncompleteDossierError,
    InputError,
    TransitionError,
)
from ocop.calendar import add_working_days, date
from ocop.certificate import Certificate
from ocop.council import Council, Member, Tie
from ocop.dossier import CommuneAssessment, Dossier, Paper, Registration, SelfAssessment
from ocop.errors import OcopError
from ocop.evaluation import (
    Action,
    Actor,
    Application,
    DossierState,
    EvaluationRound,
    Event,
    Recognition,
)
from ocop.product import Product
from ocop.ranking import Classification
from ocop.rating import StarRating
from ocop.regulation import Level, era
from ocop.rubric import sheet as rubric_sheet
from ocop.scoring import ScoreCard
from ocop.subject import Representative, Subject
from sealing import seal, seal_round

# -- builders ----------------------------------------------------------------------------------


def card_for(product, member, total, star):
    """A complete card on the product's real sheet adding up to ``total`` and meeting every
    marker up to ``star``: the best option everywhere, then lowered from the end."""
    sheet = rubric_sheet(product.decision, product.set_no)
    floors = {}
    for marker in sheet.markers:
        if marker.star <= star:
            floors[marker.criterion] = max(floors.get(marker.criterion, 0), marker.points)
    choices, points, groups = {}, {}, set()
    for code, criterion in sheet.criteria.items():
        if criterion.alternative_group in groups:
            choices[code] = "n/a"
            continue
        if criterion.alternative_group is not None:
            groups.add(criterion.alternative_group)
        best = max(
            (i for i, option in enumerate(criterion.options) if not option.eliminates),
            key=lambda i, criterion=criterion: criterion.options[i].points,
        )
        choices[code] = {"index": best}
        points[code] = criterion.options[best].points
    current = sum(points.values())
    for code in reversed(list(points)):
        criterion = sheet.criteria[code]
        fitting = [
            (i, option.points)
            for i, option in enumerate(criterion.options)
            if not option.eliminates
            and floors.get(code, 0) <= option.points <= points[code]
            and current - points[code] + option.points >= total
        ]
        if fitting:
            i, lowered = min(fitting, key=lambda pair: pair[1])
            current += lowered - points[code]
            points[code] = lowered
            choices[code] = {"index": i}
    assert current == total
    return ScoreCard.from_dict(
        {
            "decision": product.decision,
            "set_no": product.set_no,
            "member": member,
            "product": product.id,
            "choices": choices,
        }
    )


def make_council(id, level, size, organisation):
    chair = Member(id=f"{id}-chair", name=f"Chủ tịch {id}", organisation=organisation, role="chair")
    members = tuple(
        Member(id=f"{id}-m{at}", name=f"Thành viên {at}", organisation=f"Sở {at}")
        for at in range(2, size + 1)
    )
    return Council(id=id, level=level, chair=chair, members=members)


def score(round_, product, totals, star, on):
    for member, total in zip(round_.council.scorers, totals, strict=True):
        round_ = round_.submit(card_for(product, member.id, total, star), on=on)
    return round_


def subject(id, name, kind="household_business"):
    return Subject(
        id=id,
        name=name,
        kind=kind,
        representative=Representative(name=f"Đại diện {name}", gender="female"),
    )


def paper(kind, **fields):
    return Paper(kind=kind, issued_on=fields.pop("issued_on", date(2019, 1, 2)), **fields)


OLD_FORMS = (
    paper("product_registration"),
    paper("business_plan"),
    paper("organisation_description"),
    paper("business_registration", number="5203000123"),
)
FOOD_PAPERS = (
    paper("food_safety_certificate", number="ATTP", expires_on=date(2031, 1, 1)),
    paper("quality_declaration", number="TCB"),
)
DISTRICT_PAPERS = (paper("district_request"), paper("council_minutes"))
PROVINCE_PAPERS = (
    paper("province_request"),
    paper("advisory_report"),
    paper("council_report"),
    paper("approval_decision"),
)


def old_dossier(id, product, owner, papers=OLD_FORMS):
    return Dossier(
        id=id,
        subject=owner,
        product=product,
        evaluation_type="first",
        papers=papers,
        samples=5,
    )


def new_dossier(id, product, owner, kind="first", signed=None, **changes):
    signed = signed or date(2027, 1, 25)
    fields = {
        "id": id,
        "subject": owner,
        "product": product,
        "evaluation_type": kind,
        "registration": Registration(
            subject=owner,
            product=product,
            evaluation_type=kind,
            province="An Giang",
            year=signed.year,
            signed_on=signed,
            samples=5,
        ),
        "self_assessment": SelfAssessment(
            subject=owner,
            product_description=product.name,
            history="Thành lập năm 2015",
            organisation="Chủ hộ và 12 lao động",
            business_results="Doanh thu tăng đều",
            plan="Mở rộng thị trường",
            signed_on=signed,
            business_registration=True,
            quality_declared=True,
            food_safety_certified=True,
        ),
        "papers": (paper("business_registration", number="1600999"), *FOOD_PAPERS),
        "samples": 5,
    }
    fields.update(changes)
    return Dossier(**fields)


def form_03(on):
    return CommuneAssessment(
        commune="UBND xã Mỹ Hòa Hưng",
        local_raw_materials="Nguyên liệu mua trong xã",
        local_labour="Lao động thường trú tại xã",
        idea_origin="Sản phẩm truyền thống",
        local_identity="Cách làm truyền thống của địa phương",
        signed_on=on,
    )


def classification(product, score_, stars):
    value = Decimal(score_)
    return Classification(
        decision=product.decision,
        set_no=product.set_no,
        product=product.id,
        score=value,
        band=StarRating.for_score(value),
        star=None if stars is None else StarRating(stars=stars),
        unmet=(),
    )


def unchanged(call, error, *objects):
    """Run ``call``, expect ``error``, and check that no object changed."""
    before = [copy.deepcopy(item) for item in objects]
    with pytest.raises(error) as caught:
        call()
    assert list(objects) == before
    return caught.value


# -- 1048/2019: An Giang, 2020 -----------------------------------------------------------------


def test_a_1048_round_runs_from_district_filing_to_provincial_and_national_certificates(round_trip):
    regulation = era("1048/2019")
    owner = subject("s-ag", "Cơ sở Hai Thành")
    fish = Product(id="p-fish", name="Khô cá lóc", decision="1048", set_no=9, subject_id="s-ag")
    pickle = Product(id="p-dua", name="Dưa mắm", decision="1048", set_no=7, subject_id="s-ag")
    rice = Product(id="p-rice", name="Gạo chế biến", decision="1048", set_no=6, subject_id="s-ag")
    greens = Product(id="p-rau", name="Rau muống", decision="1048", set_no=1, subject_id="s-ag")
    products = (fish, pickle, rice, greens)

    # Filed with the district on Monday 20 January 2020, just before Tết Canh Tý.
    filed = [
        Application.draft(old_dossier(f"d-{p.id}", p, owner), on=date(2020, 1, 10)).file(
            on=date(2020, 1, 20)
        )
        for p in products
    ]
    assert {app.level for app in filed} == {Level.DISTRICT}
    assert filed[0].regulation.key == "1048/2019"

    district = EvaluationRound(
        id="cho-moi-2020",
        level="district",
        regulation=regulation,
        council=make_council("hd-cm", "district", 5, "UBND huyện Chợ Mới"),
        starts_on=date(2020, 2, 3),
        finishes_by=date(2020, 2, 28),
    )
    for app in filed:
        district = district.admit(app, on=date(2020, 2, 3))
    meeting = date(2020, 2, 12)
    district = score(district, fish, [68] * 5, 4, meeting)
    district = score(district, pickle, [58] * 5, 3, meeting)
    district = score(district, rice, [93] * 5, 5, meeting)
    district = score(district, greens, [45] * 5, 2, meeting)
    district = district.close(on=meeting)
    district = district.decide(
        on=date(2020, 2, 14),
        decision_no="120/QĐ-UBND",
        papers={app.id: DISTRICT_PAPERS for app in filed},
    )
    # 50 points or more go to the province; the district recognises nothing in 1048.
    assert [app.state for app in district.applications] == [
        DossierState.FORWARDED,
        DossierState.FORWARDED,
        DossierState.FORWARDED,
        DossierState.NOT_RECOGNISED,
    ]
    assert district.certificates == ()

    # The provincial council met on 11 March 2020 with nine members.
    province = EvaluationRound(
        id="an-giang-2020-1",
        level="province",
        regulation=regulation,
        council=make_council("hd-ag", "province", 9, "UBND tỉnh An Giang"),
        starts_on=date(2020, 3, 2),
        finishes_by=date(2020, 3, 31),
    )
    assert len(province.council.scorers) == 9
    for app in district.sent_up:
        province = province.admit(app, on=date(2020, 3, 2))
    meeting = date(2020, 3, 11)
    province = province.attend(member.id for member in province.council.scorers)
    province = score(province, fish, [71, 72, 73, 72, 72, 71, 73, 72, 72], 4, meeting)
    province = score(province, pickle, [61] * 9, 3, meeting)
    province = score(province, rice, [92] * 9, 5, meeting)
    province = province.close(on=meeting)
    assert province.application("d-p-fish").result.score == Decimal("72.00")
    province = province.decide(
        on=date(2020, 3, 20),
        decision_no="600/QĐ-UBND",
        papers={"d-p-rice": PROVINCE_PAPERS},
    )
    province = province.certify(
        on=date(2020, 3, 25),
        numbers={"d-p-fish": "AG-2020-01", "d-p-dua": "AG-2020-02"},
        authority="UBND tỉnh An Giang",
    )
    certificates = {cert.product_id: cert for cert in province.certificates}
    assert {key: cert.stars.stars for key, cert in certificates.items()} == {
        "p-fish": 4,
        "p-dua": 3,
    }
    assert certificates["p-fish"].level is Level.PROVINCE
    assert certificates["p-fish"].expires_on == date(2023, 3, 25)
    assert [app.id for app in province.sent_up] == ["d-p-rice"]

    # The national council scores the rice 91.14 (the 2020 result for An Giang's rice).
    centre = EvaluationRound(
        id="quoc-gia-2020",
        level="centre",
        regulation=regulation,
        council=make_council("hd-tw", "centre", 7, "Bộ Nông nghiệp và Phát triển nông thôn"),
        starts_on=date(2020, 10, 1),
        finishes_by=date(2020, 12, 31),
    )
    centre = centre.admit(province.sent_up[0], on=date(2020, 10, 1))
    centre = score(centre, rice, [91, 91, 91, 91, 91, 91, 92], 5, date(2020, 11, 5))
    centre = centre.close(on=date(2020, 11, 5))
    assert centre.application("d-p-rice").result.score == Decimal("91.14")
    centre = centre.decide(on=date(2020, 12, 1), decision_no="5000/QĐ-BNN")
    centre = centre.certify(
        on=date(2020, 12, 1),
        numbers={"d-p-rice": "TW-2020-07"},
        authority="Bộ Nông nghiệp và Phát triển nông thôn",
    )
    national = centre.application("d-p-rice")
    assert national.state is DossierState.CERTIFIED
    assert national.certificate.stars.stars == 5
    assert [result.level for result in national.results] == [
        Level.DISTRICT,
        Level.PROVINCE,
        Level.CENTRE,
    ]
    assert [event.action for event in national.events] == [
        Action.DRAFT,
        Action.FILE,
        Action.REVIEW,
        Action.SCORE,
        Action.SEND_UP,
        Action.REVIEW,
        Action.SCORE,
        Action.SEND_UP,
        Action.REVIEW,
        Action.SCORE,
        Action.RECOGNISE,
        Action.CERTIFY,
    ]
    round_trip("application", national)


# -- 148/2023: three levels, the district recognising 3★ ---------------------------------------


def test_a_148_round_has_the_district_recognise_three_stars_and_the_province_four(round_trip):
    regulation = era("148/2023")
    owner = subject("s-cm", "Hợp tác xã Kiến An", kind="cooperative")
    rice = Product(id="p1", name="Gạo Kiến An", decision="148", set_no=3, subject_id="s-cm")
    fish = Product(id="p2", name="Mắm cá linh", decision="148", set_no=9, subject_id="s-cm")
    chips = Product(id="p3", name="Chuối sấy", decision="148", set_no=7, subject_id="s-cm")
    papers = (*OLD_FORMS[:2], OLD_FORMS[3], *FOOD_PAPERS)
    filed = [
        Application.draft(old_dossier(f"d-{p.id}", p, owner, papers), on=date(2024, 3, 1)).file(
            on=date(2024, 3, 4)
        )
        for p in (rice, fish, chips)
    ]
    district = EvaluationRound(
        id="cho-moi-2024",
        level="district",
        regulation=regulation,
        council=make_council("hd-cm", "district", 5, "UBND huyện Chợ Mới"),
        starts_on=date(2024, 4, 1),
        finishes_by=date(2024, 4, 30),
    )
    for app in filed:
        district = district.admit(app, on=date(2024, 4, 1))
    district = score(district, rice, [66] * 5, 3, date(2024, 4, 10))
    district = score(district, fish, [78] * 5, 4, date(2024, 4, 10))
    district = score(district, chips, [72] * 5, 4, date(2024, 4, 10))
    district = district.close(on=date(2024, 4, 10))
    district = district.decide(
        on=date(2024, 4, 15),
        decision_no="768/QĐ-UBND",
        papers={"d-p2": DISTRICT_PAPERS, "d-p3": DISTRICT_PAPERS},
    )
    district = district.certify(
        on=date(2024, 4, 20), numbers={"d-p1": "CM-2024-01"}, authority="UBND huyện Chợ Mới"
    )
    assert [cert.stars.stars for cert in district.certificates] == [3]
    assert district.certificates[0].level is Level.DISTRICT

    province = EvaluationRound(
        id="an-giang-2024",
        level="province",
        regulation=regulation,
        council=make_council("hd-ag", "province", 9, "UBND tỉnh An Giang"),
        starts_on=date(2024, 5, 6),
        finishes_by=date(2024, 6, 30),
    )
    for app in district.sent_up:
        province = province.admit(app, on=date(2024, 5, 6))
    province = score(province, fish, [74] * 9, 4, date(2024, 5, 20))
    province = score(province, chips, [65] * 9, 3, date(2024, 5, 20))
    province = province.close(on=date(2024, 5, 20))
    province = province.decide(on=date(2024, 5, 30), decision_no="1500/QĐ-UBND")
    province = province.certify(
        on=date(2024, 6, 3), numbers={"d-p2": "AG-2024-09"}, authority="UBND tỉnh An Giang"
    )
    assert province.application("d-p2").certificate.stars.stars == 4

    # 65 at the province is a 3★ result the province may not recognise in 148 ...
    chips_app = province.application("d-p3")
    assert chips_app.state is DossierState.SCORED
    unchanged(
        lambda: chips_app.recognise(on=date(2024, 6, 1), by="province", decision_no="x"),
        AuthorityError,
        chips_app,
    )
    # ... the district recognises it on the provincial result.
    done = chips_app.recognise(on=date(2024, 6, 5), by="district", decision_no="900/QĐ-UBND")
    done = done.certify(
        on=date(2024, 6, 6), by="district", number="CM-2024-02", authority="UBND huyện Chợ Mới"
    )
    assert done.decision.on_result_of is Level.PROVINCE
    assert (done.certificate.level, done.certificate.stars.stars) == (Level.DISTRICT, 3)
    round_trip("application", done)


# -- 148/2023 + 1489/2025: the commune pre-assesses, the province certifies 3★–4★ -------------


def test_a_1489_round_runs_from_a_commune_filing_before_tet_binh_ngo_to_certificates(round_trip):
    regulation = era("1489")
    owner = subject("s-tt", "Cơ sở đường thốt nốt Ba Chúc")
    papers = (*OLD_FORMS[:2], OLD_FORMS[3], *FOOD_PAPERS)
    sugar = Product(id="p1", name="Đường thốt nốt", decision="148", set_no=4, subject_id="s-tt")
    salt = Product(id="p2", name="Muối ớt", decision="148", set_no=10, subject_id="s-tt")
    fish = Product(id="p3", name="Khô cá tra phồng", decision="148", set_no=9, subject_id="s-tt")
    forwarded = []
    for product in (sugar, salt, fish):
        app = Application.draft(
            old_dossier(f"d-{product.id}", product, owner, papers), on=date(2026, 2, 2)
        ).file(on=date(2026, 2, 10))
        assert (app.regulation.key, app.level) == ("148/2023+1489/2025", Level.COMMUNE)
        app = app.assess(form_03(date(2026, 3, 2)), on=date(2026, 3, 2))
        app = app.forward(on=date(2026, 3, 9), papers=(paper("commune_request"),))
        forwarded.append(app)
    assert {app.level for app in forwarded} == {Level.PROVINCE}

    province = EvaluationRound(
        id="an-giang-2026-1",
        level="province",
        regulation=regulation,
        council=make_council("hd-ag", "province", 9, "UBND tỉnh An Giang"),
        starts_on=date(2026, 3, 16),
        finishes_by=date(2026, 4, 30),
    )
    for app in forwarded:
        province = province.admit(app, on=date(2026, 3, 16))
    province = score(province, sugar, [77] * 9, 4, date(2026, 4, 8))
    province = score(province, salt, [58] * 9, 3, date(2026, 4, 8))
    province = score(province, fish, [93] * 9, 5, date(2026, 4, 8))
    province = province.close(on=date(2026, 4, 8))
    province = province.decide(
        on=date(2026, 4, 15), decision_no="800/QĐ-UBND", papers={"d-p3": PROVINCE_PAPERS}
    )
    province = province.certify(
        on=date(2026, 4, 17),
        numbers={"d-p1": "AG-2026-01", "d-p2": "AG-2026-02"},
        authority="UBND tỉnh An Giang",
    )
    assert [(c.stars.stars, c.level) for c in province.certificates] == [
        (4, Level.PROVINCE),
        (3, Level.PROVINCE),
    ]

    centre = EvaluationRound(
        id="quoc-gia-2026",
        level="centre",
        regulation=regulation,
        council=make_council("hd-tw", "centre", 7, "Bộ Nông nghiệp và Môi trường"),
        starts_on=date(2026, 4, 20),
        finishes_by=date(2026, 5, 20),
    )
    centre = centre.admit(province.sent_up[0], on=date(2026, 4, 20))
    centre = score(centre, fish, [86] * 7, 4, date(2026, 5, 12))
    centre = centre.close(on=date(2026, 5, 12))
    centre = centre.decide(on=date(2026, 5, 14), decision_no="2000/QĐ-BNNMT")
    below = centre.application("d-p3")
    # Below 90 at the centre: the province may recognise 4★ on the central result.
    assert below.state is DossierState.SCORED
    recognised = below.recognise(on=date(2026, 5, 19), by="province", decision_no="950/QĐ-UBND")
    certified = recognised.certify(
        on=date(2026, 5, 20), by="province", number="AG-2026-03", authority="UBND tỉnh An Giang"
    )
    assert (certified.certificate.stars.stars, certified.decision.on_result_of) == (
        4,
        Level.CENTRE,
    )
    round_trip("evaluation_round", centre)
    round_trip("application", certified)


# -- 26/2026: windows, working days across Tết Đinh Mùi, province and ministry -----------------


def filed_with_commune(id, product, owner, on=None):
    on = on or date(2027, 2, 1)
    app = Application.draft(new_dossier(id, product, owner), on=date(2027, 1, 25))
    return app.file(on=on)


def test_a_26_2026_round_runs_from_commune_filing_to_provincial_and_ministry_certificates(
    round_trip,
):
    regulation = era("26/2026")
    owner = subject("s-mhh", "Hợp tác xã Mỹ Hòa Hưng", kind="cooperative")
    specs = {
        "p1": ("Dưa cải muối", 7, [76] * 9, 4),
        "p2": ("Xoài cát Hòa Lộc", 1, [55] * 9, 3),
        "p3": ("Khô cá lóc", 8, [94] * 9, 5),
        "p4": ("Cà phê rang", 13, [91] * 9, 5),
        "p5": ("Thịt heo tươi", 2, [45] * 9, 2),
    }
    products = {
        key: Product(id=key, name=name, decision="26/2026", set_no=no, subject_id="s-mhh")
        for key, (name, no, _, _) in specs.items()
    }
    # Filed on Monday 1 February 2027; Tết Đinh Mùi closes offices 4 to 10 February, so the
    # commune's 15 working days end on 1 March 2027.
    filed = [filed_with_commune(f"d-{key}", p, owner) for key, p in products.items()]
    assert regulation.commune_due(date(2027, 2, 1)) == date(2027, 3, 1)
    assert add_working_days(date(2027, 2, 1), 15) == date(2027, 3, 1)
    forwarded = [
        app.assess(form_03(date(2027, 2, 25)), on=date(2027, 2, 25)).forward(
            on=date(2027, 3, 1), papers=(paper("commune_request", issued_on=date(2027, 3, 1)),)
        )
        for app in filed
    ]

    province = EvaluationRound.regular(
        id="an-giang-2027-1",
        level="province",
        regulation=regulation,
        council=make_council("hd-ag", "province", 9, "UBND tỉnh An Giang"),
        year=2027,
        number=1,
        starts_on=date(2027, 5, 3),
    )
    assert (province.proposals_by, province.finishes_by) == (date(2027, 4, 29), date(2027, 6, 29))
    for app in forwarded:
        province = province.admit(app, on=date(2027, 5, 3))
    for key, (_, _, totals, star) in specs.items():
        province = score(province, products[key], totals, star, date(2027, 6, 10))
    province = province.close(on=date(2027, 6, 10))
    province = province.decide(
        on=date(2027, 6, 20),
        decision_no="1100/QĐ-UBND",
        papers={"d-p3": PROVINCE_PAPERS, "d-p4": PROVINCE_PAPERS},
    )
    states = {app.id: app.state for app in province.applications}
    assert states == {
        "d-p1": DossierState.RECOGNISED,
        "d-p2": DossierState.RECOGNISED,
        "d-p3": DossierState.FORWARDED,
        "d-p4": DossierState.FORWARDED,
        "d-p5": DossierState.NOT_RECOGNISED,
    }
    assert all(app.sent_to_centre for app in province.sent_up)
    province = province.certify(
        on=date(2027, 6, 25),
        numbers={"d-p1": "AG-2027-01", "d-p2": "AG-2027-02"},
        authority="UBND tỉnh An Giang",
    )
    first = province.application("d-p1").certificate
    assert (first.stars.stars, first.expires_on) == (4, date(2030, 6, 25))

    centre = EvaluationRound.regular(
        id="quoc-gia-2027-1",
        level="centre",
        regulation=regulation,
        council=make_council("hd-tw", "centre", 7, "Bộ Nông nghiệp và Môi trường"),
        year=2027,
        number=1,
        starts_on=date(2027, 7, 5),
    )
    for app in province.sent_up:
        centre = centre.admit(app, on=date(2027, 7, 5))
    centre = score(centre, products["p3"], [92] * 7, 5, date(2027, 9, 10))
    centre = score(centre, products["p4"], [86] * 7, 4, date(2027, 9, 10))
    centre = centre.close(on=date(2027, 9, 10))
    centre = centre.decide(on=date(2027, 9, 15), decision_no="3000/QĐ-BNNMT")
    centre = centre.certify(
        on=date(2027, 9, 20),
        numbers={"d-p3": "TW-2027-11"},
        authority="Bộ Nông nghiệp và Môi trường",
    )
    assert centre.application("d-p3").certificate.stars.stars == 5
    assert centre.application("d-p3").certificate.level is Level.CENTRE
    coffee = centre.application("d-p4").recognise(
        on=date(2027, 9, 25), by="province", decision_no="1500/QĐ-UBND"
    )
    assert (coffee.decision.level, coffee.decision.stars) == (Level.PROVINCE, 4)
    # Every object of the round survives a trip through its published JSON form.
    round_trip("evaluation_round", province)
    round_trip("evaluation_round", centre)
    round_trip("application", coffee)
    round_trip("council", province.council)
    round_trip("certificate", first)
    round_trip("dossier", coffee.dossier)


def test_the_commune_that_forwards_after_fifteen_working_days_is_late_and_nothing_changes():
    owner = subject("s1", "Hộ kinh doanh Năm Lợi")
    product = Product(id="p1", name="Mắm thái", decision="26/2026", set_no=9, subject_id="s1")
    assessed = filed_with_commune("d1", product, owner).assess(
        form_03(date(2027, 2, 26)), on=date(2027, 2, 26)
    )
    error = unchanged(
        lambda: assessed.forward(on=date(2027, 3, 2), papers=(paper("commune_request"),)),
        DeadlineError,
        assessed,
    )
    assert error.code == "application.commune_late"
    assert "2027-03-01" in error.message("en")


def test_a_commune_assessment_after_its_period_is_late():
    owner = subject("s1", "Hộ kinh doanh Năm Lợi")
    product = Product(id="p1", name="Mắm thái", decision="26/2026", set_no=9, subject_id="s1")
    filed = filed_with_commune("d1", product, owner)
    error = unchanged(
        lambda: filed.assess(form_03(date(2027, 3, 2)), on=date(2027, 3, 2)),
        DeadlineError,
        filed,
    )
    assert error.code == "application.commune_late"


def test_a_proposal_after_the_round_s_day_waits_for_the_next_round():
    owner = subject("s1", "Hộ kinh doanh Năm Lợi")
    product = Product(id="p1", name="Mắm thái", decision="26/2026", set_no=9, subject_id="s1")
    late = (
        filed_with_commune("d1", product, owner, on=date(2027, 4, 20))
        .assess(form_03(date(2027, 4, 26)), on=date(2027, 4, 26))
        .forward(on=date(2027, 4, 30), papers=(paper("commune_request"),))
    )
    round_1 = EvaluationRound.regular(
        id="r1",
        level="province",
        regulation=era("26/2026"),
        council=make_council("hd", "province", 5, "UBND tỉnh"),
        year=2027,
        number=1,
        starts_on=date(2027, 5, 3),
    )
    error = unchanged(
        lambda: round_1.admit(late, on=date(2027, 5, 3)), DeadlineError, round_1, late
    )
    assert error.code == "round.proposal_too_late"
    round_2 = EvaluationRound.regular(
        id="r2",
        level="province",
        regulation=era("26/2026"),
        council=make_council("hd", "province", 5, "UBND tỉnh"),
        year=2027,
        number=2,
        starts_on=date(2027, 11, 2),
    )
    assert (
        round_2.admit(late, on=date(2027, 11, 2)).applications[0].state is DossierState.UNDER_REVIEW
    )


def test_a_round_outside_the_windows_of_article_5_must_be_an_extra_round():
    council = make_council("hd", "province", 5, "UBND tỉnh")
    with pytest.raises(DeadlineError) as caught:
        EvaluationRound(
            id="r",
            level="province",
            regulation=era("26/2026"),
            council=council,
            starts_on=date(2027, 8, 1),
            finishes_by=date(2027, 8, 31),
        )
    assert caught.value.code == "round.outside_windows"
    extra = EvaluationRound(
        id="r",
        level="province",
        regulation=era("26/2026"),
        council=council,
        starts_on=date(2027, 8, 1),
        finishes_by=date(2027, 8, 31),
        extra=True,
    )
    assert extra.extra
    no_extras = attrs.evolve(era("26/2026"), extra_rounds=False)
    with pytest.raises(DeadlineError) as caught:
        attrs.evolve(extra, regulation=no_extras)
    assert caught.value.code == "round.extra_not_allowed"


def test_the_commune_holds_no_round_in_the_two_level_eras():
    with pytest.raises(InputError) as caught:
        EvaluationRound(
            id="r",
            level="district",
            regulation=era("26/2026"),
            council=make_council("hd", "district", 5, "UBND huyện"),
            starts_on=date(2027, 5, 1),
            finishes_by=date(2027, 6, 29),
        )
    assert caught.value.code == "round.level_does_not_score"


# -- refusals in a round -----------------------------------------------------------------------


def province_round_with(app, council=None):
    council = council or make_council("hd", "province", 5, "UBND tỉnh An Giang")
    round_ = EvaluationRound.regular(
        id="r1",
        level="province",
        regulation=era("26/2026"),
        council=council,
        year=2027,
        number=1,
        starts_on=date(2027, 5, 3),
    )
    return round_.admit(app, on=date(2027, 5, 3))


def forwarded_app(owner=None, product=None):
    owner = owner or subject("s1", "Hộ kinh doanh Năm Lợi")
    product = product or Product(
        id="p1", name="Mắm thái", decision="26/2026", set_no=9, subject_id=owner.id
    )
    return (
        filed_with_commune("d1", product, owner)
        .assess(form_03(date(2027, 2, 25)), on=date(2027, 2, 25))
        .forward(on=date(2027, 3, 1), papers=(paper("commune_request"),))
    )


def test_the_round_refuses_a_card_from_a_member_tied_to_the_subject_and_nothing_changes():
    owner = subject("s1", "Hộ kinh doanh Năm Lợi")
    council = make_council("hd", "province", 5, "UBND tỉnh An Giang")
    tied = Member(
        id="hd-m6",
        name="Lê Thị Sáu",
        organisation="Trường Đại học An Giang",
        ties=(Tie(kind="adviser", subject_id="s1", note="wrote the business plan"),),
    )
    council = attrs.evolve(council, members=(*council.members, tied))
    round_ = province_round_with(forwarded_app(owner), council)
    product = round_.applications[0].product
    error = unchanged(
        lambda: round_.submit(card_for(product, "hd-m6", 75, 4), on=date(2027, 6, 10)),
        ConflictOfInterestError,
        round_,
    )
    assert error.code == "council.conflict_of_interest"
    # The recused member is not waited for: the others score and the round closes.
    round_ = score_some(round_, [member.id for member in council.independent_scorers(owner)], 75)
    closed = round_.close(on=date(2027, 6, 10))
    assert closed.applications[0].result.score == Decimal("75.00")


def test_closing_without_a_quorum_or_with_a_wide_spread_is_refused_with_every_problem():
    round_ = province_round_with(forwarded_app())
    product = round_.applications[0].product
    round_ = round_.attend(["hd-chair", "hd-m2", "hd-m3", "hd-m4"])
    round_ = round_.submit(card_for(product, "hd-chair", 80, 4), on=date(2027, 6, 10))
    round_ = round_.submit(card_for(product, "hd-m2", 68, 3), on=date(2027, 6, 10))
    round_ = round_.submit(card_for(product, "hd-m3", 75, 4), on=date(2027, 6, 10))
    error = unchanged(lambda: round_.close(on=date(2027, 6, 10)), TransitionError, round_)
    assert [problem.code for problem in error.problems] == [
        "round.card_missing",
        "council.spread_exceeded",
    ]
    assert error.problems[0].path.startswith("$.applications.")
    # After discussion the members re-score; a new card replaces the old one.
    round_ = round_.submit(card_for(product, "hd-m2", 72, 4), on=date(2027, 6, 10))
    round_ = round_.submit(card_for(product, "hd-m4", 76, 4), on=date(2027, 6, 10))
    assert len(round_.cards_for(product.id)) == 4
    closed = round_.close(on=date(2027, 6, 10))
    assert closed.applications[0].result.score == Decimal("75.75")

    thin = province_round_with(forwarded_app()).attend(["hd-chair", "hd-m2", "hd-m3"])
    thin = score_some(thin, ["hd-chair", "hd-m2", "hd-m3"], 75)
    error = unchanged(lambda: thin.close(on=date(2027, 6, 10)), TransitionError, thin)
    assert [problem.code for problem in error.problems] == ["council.no_quorum"]


def score_some(round_, members, total):
    product = round_.applications[0].product
    for member in members:
        round_ = round_.submit(card_for(product, member, total, 4), on=date(2027, 6, 10))
    return round_


def test_a_card_from_an_absent_member_or_the_secretary_is_refused():
    council = attrs.evolve(
        make_council("hd", "province", 5, "UBND tỉnh"),
        secretary=Member(id="sec", name="Thư ký", organisation="Văn phòng OCOP", role="secretary"),
    )
    round_ = province_round_with(forwarded_app(), council).attend(["hd-chair", "hd-m2"])
    product = round_.applications[0].product
    for member, code in (("hd-m3", "round.absent_member"), ("sec", "round.not_a_scorer")):
        error = unchanged(
            lambda member=member: round_.submit(
                card_for(product, member, 75, 4), on=date(2027, 6, 10)
            ),
            TransitionError,
            round_,
        )
        assert error.code == code


def test_a_round_closed_after_its_last_day_is_late():
    round_ = province_round_with(forwarded_app())
    round_ = score(round_, round_.applications[0].product, [75] * 5, 4, date(2027, 6, 10))
    error = unchanged(lambda: round_.close(on=date(2027, 6, 30)), DeadlineError, round_)
    assert error.code == "round.closed"


# -- refusals of single moves --------------------------------------------------------------------


def scored_app(score_, stars, *, product=None, level_changes=None):
    app = forwarded_app(product=product).review(on=date(2027, 5, 3), by="province")
    return app.score(
        classification(app.product, score_, stars), on=date(2027, 6, 10), by="province"
    )


def test_the_province_may_not_recognise_five_stars_and_must_send_ninety_up():
    app = scored_app("92.00", 5)
    error = unchanged(
        lambda: app.recognise(on=date(2027, 6, 20), by="province", decision_no="1"),
        AuthorityError,
        app,
    )
    assert error.code == "application.must_go_up"
    capped = scored_app("91.00", 4)  # markers keep it at 4★, but 90 or more still goes up
    error = unchanged(
        lambda: capped.recognise(on=date(2027, 6, 20), by="province", decision_no="1"),
        AuthorityError,
        capped,
    )
    assert error.code == "application.must_go_up"


def test_only_the_competent_level_recognises():
    app = scored_app("75.00", 4)
    for who in ("commune", "centre", "district", "subject"):
        error = unchanged(
            lambda who=who: app.recognise(on=date(2027, 6, 20), by=who, decision_no="1"),
            AuthorityError,
            app,
        )
        assert error.code == "application.authority"


def test_a_result_below_three_stars_is_never_recognised():
    app = scored_app("45.00", 2)
    error = unchanged(
        lambda: app.recognise(on=date(2027, 6, 20), by="province", decision_no="1"),
        AuthorityError,
        app,
    )
    assert error.code == "application.not_certifiable"
    refused = app.refuse(on=date(2027, 6, 20), by="province", decision_no="2", reason="2★")
    assert refused.state is DossierState.NOT_RECOGNISED
    assert refused.state.final


def test_a_result_below_the_threshold_is_not_sent_up():
    app = scored_app("89.99", 4)
    error = unchanged(
        lambda: app.send_up(on=date(2027, 6, 20), by="province", papers=PROVINCE_PAPERS),
        TransitionError,
        app,
    )
    assert error.code == "application.below_threshold"


def test_sending_up_without_the_province_s_papers_is_incomplete():
    app = scored_app("93.00", 5)
    error = unchanged(
        lambda: app.send_up(on=date(2027, 6, 20), by="province"), IncompleteDossierError, app
    )
    assert {tuple(problem.value) for problem in error.problems} == {
        ("province_request",),
        ("advisory_report",),
        ("council_report",),
        ("approval_decision",),
    }


def test_only_the_recognising_level_issues_the_certificate():
    app = scored_app("75.00", 4).recognise(on=date(2027, 6, 20), by="province", decision_no="1")
    error = unchanged(
        lambda: app.certify(on=date(2027, 6, 21), by="centre", number="x", authority="Bộ"),
        AuthorityError,
        app,
    )
    assert error.code == "application.authority"


@pytest.mark.parametrize(
    "move",
    [
        pytest.param(
            lambda app: app.assess(form_03(date(2027, 1, 26)), on=date(2027, 1, 26)), id="assess"
        ),
        pytest.param(lambda app: app.forward(on=date(2027, 1, 26)), id="forward"),
        pytest.param(lambda app: app.review(on=date(2027, 1, 26), by="province"), id="review"),
        pytest.param(
            lambda app: app.recognise(on=date(2027, 1, 26), by="province", decision_no="1"),
            id="recognise",
        ),
        pytest.param(lambda app: app.refuse(on=date(2027, 1, 26), by="province"), id="refuse"),
        pytest.param(lambda app: app.send_up(on=date(2027, 1, 26), by="province"), id="send_up"),
        pytest.param(
            lambda app: app.certify(on=date(2027, 1, 26), by="province", number="1", authority="A"),
            id="certify",
        ),
        pytest.param(lambda app: app.resubmit(app.dossier, on=date(2027, 1, 26)), id="resubmit"),
    ],
)
def test_an_illegal_move_from_a_draft_is_refused_and_changes_nothing(move):
    owner = subject("s1", "Hộ kinh doanh Năm Lợi")
    product = Product(id="p1", name="Mắm thái", decision="26/2026", set_no=9, subject_id="s1")
    draft = Application.draft(new_dossier("d1", product, owner), on=date(2027, 1, 25))
    error = unchanged(lambda: move(draft), TransitionError, draft)
    assert error.code in {"application.illegal_transition", "application.wrong_actor"}


def test_filing_twice_is_an_illegal_transition():
    app = forwarded_app()
    error = unchanged(lambda: app.file(on=date(2027, 3, 2)), TransitionError, app)
    assert error.code == "application.illegal_transition"
    assert error.value == {"state": "forwarded", "action": "file"}


def test_the_commune_may_not_file_for_the_subject():
    owner = subject("s1", "Hộ kinh doanh Năm Lợi")
    product = Product(id="p1", name="Mắm thái", decision="26/2026", set_no=9, subject_id="s1")
    draft = Application.draft(new_dossier("d1", product, owner), on=date(2027, 1, 25))
    error = unchanged(lambda: draft.file(on=date(2027, 2, 1), by="commune"), TransitionError, draft)
    assert error.code == "application.wrong_actor"


def test_a_move_dated_before_the_previous_one_is_refused():
    app = forwarded_app()
    error = unchanged(lambda: app.review(on=date(2027, 2, 28), by="province"), TransitionError, app)
    assert error.code == "application.out_of_order"


def test_an_incomplete_dossier_cannot_be_filed():
    owner = subject("s1", "Hộ kinh doanh Năm Lợi")
    product = Product(id="p1", name="Mắm thái", decision="26/2026", set_no=9, subject_id="s1")
    draft = Application.draft(
        new_dossier("d1", product, owner, registration=None, papers=()), on=date(2027, 1, 25)
    )
    error = unchanged(lambda: draft.file(on=date(2027, 2, 1)), IncompleteDossierError, draft)
    assert [problem.code for problem in error.problems] == [
        "dossier.missing_document",  # Form 01
        "dossier.missing_document",  # business registration
        "dossier.missing_document",  # food safety
        "dossier.missing_document",  # quality declaration
        "dossier.declared_paper_missing",
        "dossier.declared_paper_missing",
        "dossier.declared_paper_missing",
    ]


def test_a_returned_dossier_comes_back_completed_and_its_period_runs_again():
    owner = subject("s1", "Hộ kinh doanh Năm Lợi")
    product = Product(id="p1", name="Mắm thái", decision="26/2026", set_no=9, subject_id="s1")
    filed = filed_with_commune("d1", product, owner)
    returned = filed.return_for_completion(
        on=date(2027, 2, 15), by="commune", reasons="Thiếu danh sách lao động địa phương"
    )
    assert (returned.state, returned.resume) == (DossierState.RETURNED, DossierState.FILED)
    completed = returned.dossier.with_papers(paper("labour_list", issued_on=date(2027, 3, 1)))
    back = returned.resubmit(completed, on=date(2027, 3, 3))
    assert (back.state, back.received_on) == (DossierState.FILED, date(2027, 3, 3))
    # 15 working days from 3 March 2027.
    assert back.assess(form_03(date(2027, 3, 24)), on=date(2027, 3, 24)).state is (
        DossierState.COMMUNE_ASSESSED
    )
    other = attrs.evolve(completed, id="d2")
    error = unchanged(
        lambda: returned.resubmit(other, on=date(2027, 3, 3)), TransitionError, returned
    )
    assert error.code == "application.other_dossier"


def test_the_province_returns_a_dossier_under_review_and_gets_it_back_under_review():
    app = forwarded_app().review(on=date(2027, 5, 3), by="province")
    returned = app.return_for_completion(
        on=date(2027, 5, 10), by="province", reasons="Bổ sung phiếu kiểm nghiệm"
    )
    back = returned.resubmit(
        returned.dossier.with_papers(paper("lab_results", issued_on=date(2027, 5, 12))),
        on=date(2027, 5, 14),
        by="commune",
    )
    assert (back.state, back.level) == (DossierState.UNDER_REVIEW, Level.PROVINCE)
    assert [event.action for event in back.events][-2:] == [Action.RETURN, Action.RESUBMIT]


def test_a_dossier_filed_before_26_2026_keeps_the_old_rules_within_the_transition():
    owner = subject("s1", "Cơ sở đường thốt nốt Ba Chúc")
    product = Product(id="p1", name="Đường thốt nốt", decision="148", set_no=4, subject_id="s1")
    papers = (*OLD_FORMS[:2], OLD_FORMS[3], *FOOD_PAPERS)
    app = (
        Application.draft(old_dossier("d1", product, owner, papers), on=date(2026, 5, 4))
        .file(on=date(2026, 5, 11))
        .assess(form_03(date(2026, 5, 18)), on=date(2026, 5, 18))
        .forward(on=date(2026, 5, 20), papers=(paper("commune_request"),))
        .review(on=date(2026, 6, 1), by="province")
    )
    assert app.regulation.key == "148/2023+1489/2025"
    app = app.score(classification(product, "74.00", 4), on=date(2026, 7, 10), by="province")
    on_time = app.recognise(on=date(2026, 7, 21), by="province", decision_no="1")
    assert on_time.state is DossierState.RECOGNISED
    error = unchanged(
        lambda: app.recognise(on=date(2026, 7, 22), by="province", decision_no="1"),
        DeadlineError,
        app,
    )
    assert error.code == "application.transition_over"


# -- re-evaluation ----------------------------------------------------------------------------


def reevaluation(previous, filed_on, signed=None):
    owner = subject("s1", "Hộ kinh doanh Năm Lợi")
    product = Product(id="p1", name="Mắm thái", decision="26/2026", set_no=9, subject_id="s1")
    signed = signed or filed_on
    dossier = new_dossier(
        "d1",
        product,
        owner,
        kind="re_evaluation",
        signed=signed,
        previous=previous,
        self_assessment=SelfAssessment(
            subject=owner,
            product_description="Mắm thái hũ 500 g",
            history="Từ 2010",
            organisation="Hộ và 8 lao động",
            business_results="Sau 3 năm: thêm 2 siêu thị",
            plan="Xuất khẩu",
            signed_on=signed,
            business_registration=True,
            quality_declared=True,
            food_safety_certified=True,
            updates={
                "raw_materials",
                "technology",
                "packaging",
                "labels",
                "quality_declaration",
                "periodic_tests",
                "market",
                "volume",
                "revenue",
                "legal_papers",
            },
        ),
    ).with_papers(paper("lab_results", issued_on=signed))
    return Application.draft(dossier, on=signed)


def held(issued):
    return Certificate(
        number="AG-01",
        product_id="p1",
        subject_id="s1",
        stars=4,
        level="province",
        authority="UBND tỉnh An Giang",
        decision_no="1/QĐ-UBND",
        decision_date=issued,
        issued_on=issued,
    )


def test_a_reevaluation_is_filed_180_to_120_days_before_expiry():
    cert = held(date(2026, 6, 25))  # expires 2029-06-25: window 2028-12-27 .. 2029-02-25
    early = reevaluation(cert, date(2028, 12, 26))
    error = unchanged(lambda: early.file(on=date(2028, 12, 26)), DeadlineError, early)
    assert error.code == "application.filed_too_early"
    late = reevaluation(cert, date(2029, 2, 26))
    error = unchanged(lambda: late.file(on=date(2029, 2, 26)), DeadlineError, late)
    assert error.code == "application.filed_too_late"
    on_time = reevaluation(cert, date(2029, 2, 25)).file(on=date(2029, 2, 25))
    assert (on_time.state, on_time.late_filing) == (DossierState.FILED, False)


def test_a_late_reevaluation_of_a_certificate_issued_before_26_2026_is_accepted_in_grace():
    cert = held(date(2023, 6, 28))  # expires 2026-06-28; its window closed on 2026-02-28
    app = reevaluation(cert, date(2026, 6, 1)).file(on=date(2026, 6, 1))
    assert app.late_filing
    assert app.events[-1].note == "late re-evaluation under Art. 12.3"


def test_a_reevaluation_is_decided_within_45_days_of_the_complete_dossier():
    cert = held(date(2026, 6, 25))
    app = (
        reevaluation(cert, date(2029, 1, 11))
        .file(on=date(2029, 1, 11))
        .assess(form_03(date(2029, 1, 25)), on=date(2029, 1, 25))
        .forward(on=date(2029, 1, 29), papers=(paper("commune_request"),))
        .review(on=date(2029, 2, 1), by="province")
    )
    app = app.score(classification(app.product, "80.00", 4), on=date(2029, 3, 1), by="province")
    assert app.recognise(on=date(2029, 3, 15), by="province", decision_no="1").decision
    error = unchanged(
        lambda: app.recognise(on=date(2029, 3, 16), by="province", decision_no="1"),
        DeadlineError,
        app,
    )
    assert error.code == "application.reevaluation_late"


def test_the_new_certificate_supersedes_the_old_one():
    cert = held(date(2026, 6, 25))
    app = (
        reevaluation(cert, date(2029, 1, 11))
        .file(on=date(2029, 1, 11))
        .assess(form_03(date(2029, 1, 25)), on=date(2029, 1, 25))
        .forward(on=date(2029, 1, 29), papers=(paper("commune_request"),))
        .review(on=date(2029, 2, 1), by="province")
    )
    app = app.score(classification(app.product, "80.00", 4), on=date(2029, 3, 1), by="province")
    app = app.recognise(on=date(2029, 3, 10), by="province", decision_no="77/QĐ-UBND")
    app = app.certify(on=date(2029, 3, 12), by="province", number="AG-02", authority="UBND")
    old = cert.supersede(app.certificate)
    assert old.status(date(2029, 3, 12)).value == "superseded"
    assert app.certificate.expires_on == date(2032, 3, 12)


def test_the_actors_are_the_subject_and_the_levels():
    assert Actor.of(Level.PROVINCE) is Actor.PROVINCE
    assert Actor.SUBJECT.level is None


# -- stored rounds and applications keep to the order of time -----------------------------------


def _stored_round() -> dict:
    from fuzzing import seeds

    return copy.deepcopy(seeds()["evaluation_round"][0])


def test_a_round_decided_and_certified_on_2000_01_01_before_it_was_held_is_refused():
    from ocop import json as ocop_json

    document = _stored_round()
    for application in document["applications"]:
        for event in application["events"]:
            if event["action"] in ("recognise", "certify"):
                event["on"] = "2000-01-01"
        application["decision"]["decided_on"] = "2000-01-01"
        application["certificate"]["decision_date"] = "2000-01-01"
        application["certificate"]["issued_on"] = "2000-01-01"
    seal_round(document)
    with pytest.raises(OcopError) as caught:
        ocop_json.load("evaluation_round", document)
    codes = {problem.code for problem in caught.value.problems}
    assert {
        "application.out_of_order",
        "application.before_filing",
        "application.decided_before_scored",
    } <= codes


def test_a_stored_round_whose_scoring_came_before_it_opened_is_refused():
    from ocop import json as ocop_json

    document = _stored_round()
    document["starts_on"] = "2020-03-12"  # the council met on 11 March
    with pytest.raises(OcopError) as caught:
        ocop_json.load("evaluation_round", document)
    assert "round.move_before_start" in {problem.code for problem in caught.value.problems}


def test_a_move_that_applies_an_era_s_rules_before_the_era_was_in_force_is_refused():
    from ocop import json as ocop_json

    document = _stored_round()["applications"][0]
    scored = next(event for event in document["events"] if event["action"] == "score")
    for event in document["events"]:
        event["on"] = "2019-08-01"  # QĐ 1048/2019 took effect on 21 August 2019
    document["filed_on"] = document["received_on"] = "2019-08-01"
    for result in document["results"]:
        result["scored_on"] = "2019-08-01"
    document["decision"]["decided_on"] = "2019-08-01"
    document["certificate"]["decision_date"] = document["certificate"]["issued_on"] = "2019-08-01"
    assert scored["on"] == "2019-08-01"
    seal(document)
    with pytest.raises(OcopError) as caught:
        ocop_json.load("application", document)
    assert "application.before_era" in {problem.code for problem in caught.value.problems}


def test_stored_council_points_that_no_option_of_the_sheet_offers_are_refused():
    from ocop import json as ocop_json

    document = _stored_round()
    card = document["applications"][0]["results"][-1]["council"]["cards"][0]
    code = next(iter(card["criteria"]))
    card["total"] += 77 - card["criteria"][code]
    card["criteria"][code] = 77
    with pytest.raises(OcopError) as caught:
        ocop_json.load("evaluation_round", document)
    assert "result.points_not_offered" in {problem.code for problem in caught.value.problems}


def test_a_round_cannot_decide_or_certify_before_it_opens():
    from ocop import json as ocop_json
    from ocop.errors import DeadlineError

    held = ocop_json.load("evaluation_round", _stored_round())
    with pytest.raises(DeadlineError) as caught:
        held.decide(on=date(2000, 1, 1), decision_no="1/QĐ-UBND")
    assert caught.value.code == "round.not_started"
    with pytest.raises(DeadlineError) as caught:
        held.certify(on=date(2000, 1, 1), numbers={}, authority="UBND tỉnh An Giang")
    assert caught.value.code == "round.not_started"


@pytest.mark.parametrize(
    ("make", "path"),
    [
        (
            lambda: Event(
                on="2026-06-01", action="file", actor="nobody", before=None, after="filed"
            ),
            "$.actor",
        ),
        (
            lambda: Event(
                on="2026-06-01", action="file", actor="subject", before="x", after="filed"
            ),
            "$.before",
        ),
        (
            lambda: Event(on="2026-06-01", action="file", actor="subject", before=None, after="x"),
            "$.after",
        ),
        (
            lambda: Recognition(
                level="province",
                stars=4,
                decision_no="1/QĐ",
                decided_on="2026-06-01",
                on_result_of="nowhere",
            ),
            "$.on_result_of",
        ),
        (
            lambda: Recognition(
                level="province",
                stars=4,
                decision_no="1/QĐ",
                decided_on="June",
                on_result_of="province",
            ),
            "$.decided_on",
        ),
    ],
)
def test_an_event_or_a_recognition_names_the_field_that_is_wrong(make, path):
    with pytest.raises(InputError) as caught:
        make()
    assert caught.value.path == path
