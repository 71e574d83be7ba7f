import copy
import unicodedata
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop import ConflictOfInterestError, InputError
from ocop.council import Council, CouncilPolicy, Member, Role, Tie, TieKind
from ocop.errors import ProcessError
from ocop.regulation import Level, era
from ocop.subject import Representative, Subject

PALM_SUGAR = Subject(
    id="s-palm",
    name="Công ty Cổ phần Thốt Nốt Tri Tôn",
    kind="enterprise",
    representative=Representative(name="Chau Sóc Khum", gender="male", ethnicity="Khmer"),
)


def an_giang_2020():
    """The provincial council that met on 11 March 2020 had nine members (An Giang's OCOP
    news of 2020); names and posts here are placeholders."""
    chair = Member(
        id="chair",
        name="Phó Chủ tịch UBND tỉnh",
        organisation="UBND tỉnh An Giang",
        role="chair",
    )
    members = tuple(
        Member(id=f"m{at}", name=f"Thành viên {at}", organisation=organisation)
        for at, organisation in enumerate(
            (
                "Sở Nông nghiệp và Phát triển nông thôn",
                "Sở Công Thương",
                "Sở Y tế",
                "Sở Khoa học và Công nghệ",
                "Sở Văn hóa, Thể thao và Du lịch",
                "Sở Tài nguyên và Môi trường",
                "Liên minh Hợp tác xã tỉnh",
                "Trường Đại học An Giang",
            ),
            start=2,
        )
    )
    return Council(
        id="hd-ocop-ag",
        level="province",
        chair=chair,
        members=members,
        secretary=Member(
            id="sec",
            name="Thư ký",
            organisation="Văn phòng Điều phối nông thôn mới tỉnh",
            role="secretary",
        ),
        advisory=(Member(id="adv1", name="Tổ tư vấn", organisation="Sở NN&PTNT", role="adviser"),),
        experts=(
            Member(id="exp1", name="Chuyên gia", organisation="Viện lúa ĐBSCL", role="expert"),
        ),
        name="Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh An Giang",
    )


def test_the_an_giang_council_has_nine_scorers_and_a_quorum_of_seven():
    council = an_giang_2020()
    assert len(council.scorers) == 9
    assert council.quorum == 7
    assert council.accountable is council.chair


def test_the_secretary_and_invited_experts_score_only_if_the_policy_says_so():
    council = an_giang_2020()
    assert "sec" not in {member.id for member in council.scorers}
    generous = Council(
        id=council.id,
        level=council.level,
        chair=council.chair,
        members=council.members,
        secretary=council.secretary,
        experts=council.experts,
        policy=CouncilPolicy(secretary_scores=True, experts_score=True),
    )
    assert {"sec", "exp1"} <= {member.id for member in generous.scorers}


def test_a_delegated_department_head_chairs_and_stays_accountable():
    chair = Member(
        id="gd",
        name="Giám đốc Sở Nông nghiệp và Môi trường",
        organisation="Sở Nông nghiệp và Môi trường tỉnh An Giang",
        role="chair",
        delegated_by="Chủ tịch UBND tỉnh An Giang",
    )
    council = Council(id="hd", level="province", chair=chair)
    assert council.accountable.delegated_by == "Chủ tịch UBND tỉnh An Giang"


def test_only_the_chair_holds_a_delegation():
    with pytest.raises(InputError) as caught:
        Member(id="m", name="A", organisation="Sở Y tế", delegated_by="Chủ tịch UBND tỉnh")
    assert caught.value.code == "council.delegation_not_chair"


def test_a_council_has_one_chair_and_no_member_twice():
    chair = Member(id="c", name="A", organisation="UBND tỉnh", role="chair")
    with pytest.raises(InputError) as caught:
        Council(id="hd", level="province", chair=chair, members=(chair,))
    assert caught.value.code == "council.duplicate_member"
    with pytest.raises(InputError) as caught:
        Council(
            id="hd",
            level="province",
            chair=chair,
            members=(Member(id="c2", name="B", organisation="UBND tỉnh", role="chair"),),
        )
    assert caught.value.code == "council.two_chairs"
    with pytest.raises(InputError) as caught:
        Council(id="hd", level="province", chair=Member(id="x", name="X", organisation="Y"))
    assert caught.value.code == "council.chair_role"


def test_the_commune_sets_up_no_council():
    chair = Member(id="c", name="A", organisation="UBND xã", role="chair")
    with pytest.raises(InputError) as caught:
        Council(id="hd", level=Level.COMMUNE, chair=chair)
    assert caught.value.code == "council.commune_level"


@pytest.mark.parametrize(
    ("member", "tie"),
    [
        (
            Member(id="m", name="Lê Văn Tám", organisation="Công ty Cổ phần Thốt Nốt Tri Tôn"),
            TieKind.EMPLOYEE,
        ),
        (
            Member(
                id="m",
                name="Chau Sóc Ry",
                organisation="Sở Công Thương",
                # The name as typed in decomposed Unicode still finds the representative.
                ties=(Tie(kind="relative", person=unicodedata.normalize("NFD", "Chau Sóc Khum")),),
            ),
            TieKind.RELATIVE,
        ),
        (
            Member(
                id="m",
                name="Trần Minh",
                organisation="Trường Đại học An Giang",
                ties=(Tie(kind="adviser", subject_id="s-palm", note="built the dossier"),),
            ),
            TieKind.ADVISER,
        ),
        (
            Member(
                id="m",
                name="Võ Thị Lan",
                organisation="Sở Tài chính",
                ties=(Tie(kind="owner", subject_id="s-palm"),),
            ),
            TieKind.OWNER,
        ),
    ],
)
def test_a_member_tied_to_the_subject_may_not_score_its_product(member, tie):
    chair = Member(id="c", name="A", organisation="UBND tỉnh", role="chair")
    council = Council(id="hd", level="province", chair=chair, members=(member,))
    before = copy.deepcopy(council)
    assert member.tie_to(PALM_SUGAR).kind is tie
    with pytest.raises(ConflictOfInterestError) as caught:
        council.check_independence("m", PALM_SUGAR)
    assert caught.value.code == "council.conflict_of_interest"
    assert caught.value.value == {"member": "m", "subject": "s-palm", "tie": tie.value}
    assert council == before
    assert member not in council.independent_scorers(PALM_SUGAR)


def test_a_member_tied_to_another_subject_may_score():
    council = an_giang_2020()
    member = Member(
        id="m9",
        name="Nguyễn Hữu",
        organisation="Sở Y tế",
        ties=(Tie(kind="adviser", subject_id="s-other"),),
    )
    council = Council(id=council.id, level=council.level, chair=council.chair, members=(member,))
    council.check_independence("m9", PALM_SUGAR)


def test_a_tie_names_a_subject_or_a_person():
    with pytest.raises(InputError) as caught:
        Tie(kind="relative")
    assert caught.value.code == "council.tie_without_party"


def test_an_unknown_member_is_an_input_error():
    with pytest.raises(InputError) as caught:
        an_giang_2020().check_independence("nobody", PALM_SUGAR)
    assert caught.value.code == "council.unknown_member"


def test_the_quorum_needs_three_quarters_of_the_scorers_and_the_chair():
    council = an_giang_2020()
    seven = ["chair", "m2", "m3", "m4", "m5", "m6", "m7"]
    assert council.quorum_problems(seven) == ()
    assert [problem.code for problem in council.quorum_problems(seven[:6])] == ["council.no_quorum"]
    assert [problem.code for problem in council.quorum_problems([*seven[1:], "m8"])] == [
        "council.chair_absent"
    ]


def test_the_secretary_does_not_count_towards_the_quorum():
    council = an_giang_2020()
    six_and_secretary = ["chair", "m2", "m3", "m4", "m5", "m6", "sec"]
    assert [problem.code for problem in council.quorum_problems(six_and_secretary)] == [
        "council.no_quorum"
    ]


def test_a_province_may_set_its_own_quorum_without_the_chair():
    policy = CouncilPolicy(quorum="2/3", chair_required=False)
    assert policy.quorum == Fraction(2, 3)
    assert policy.quorum_for(9) == 6


def test_members_totals_may_differ_by_ten_points_but_not_more():
    policy = CouncilPolicy()
    assert policy.spread_allowed(10)
    assert not policy.spread_allowed(11)
    assert CouncilPolicy(max_spread="15").spread_allowed(12)


def test_the_published_score_is_cut_at_two_decimals_never_rounded_up():
    policy = CouncilPolicy()
    assert policy.publish(638, 7) == Decimal("91.14")
    assert policy.publish(629, 9) == Decimal("69.88")
    assert policy.publish(209, 3) == Decimal("69.66")  # 69.666…, still 3★
    assert CouncilPolicy(places=1, rounding="ROUND_HALF_UP").publish(209, 3) == Decimal("69.7")


@pytest.mark.parametrize(
    "changes",
    [
        {"quorum": "0"},
        {"quorum": "5/4"},
        {"quorum": "three quarters"},
        {"max_spread": "-1"},
        {"places": 7},
        {"rounding": "ROUND_NEAREST"},
    ],
)
def test_a_policy_with_impossible_values_is_refused(changes):
    with pytest.raises(InputError):
        CouncilPolicy(**changes)


def test_roles_cover_the_council_its_team_and_its_guests():
    assert {role.value for role in Role} == {
        "chair",
        "vice_chair",
        "member",
        "secretary",
        "adviser",
        "expert",
    }
    assert [person.id for person in an_giang_2020().everyone][-2:] == ["adv1", "exp1"]


@given(st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=15))
def test_the_published_score_never_exceeds_the_true_mean(totals):
    published = CouncilPolicy().publish(sum(totals), len(totals))
    true_mean = Fraction(sum(totals), len(totals))
    assert Fraction(published) <= true_mean < Fraction(published) + Fraction(1, 100)


# -- what QĐ 1048/QĐ-TTg Phụ lục II says itself ---------------------------------------------


def test_the_1048_process_rules_cite_the_paragraphs_of_phu_luc_ii() -> None:
    regulation = era("1048/2019")
    assert regulation.fallback
    assert regulation.fallback_article.startswith("QĐ 1048/QĐ-TTg, Phụ lục II, điểm 1.c")
    assert "[reading]" not in regulation.fallback_article
    rules = regulation.council
    assert rules is not None
    sizes = {level: rules.size(level) for level in (Level.DISTRICT, Level.PROVINCE, Level.CENTRE)}
    assert {level: (s.min_members, s.max_members) for level, s in sizes.items() if s} == {
        Level.DISTRICT: (5, 7),
        Level.PROVINCE: (9, 11),
        Level.CENTRE: (9, 11),
    }
    assert CouncilPolicy.for_era(regulation, "province").max_spread == Decimal(10)
    assert "4.b(2)(3), 4.c(2)(3)" in CouncilPolicy.for_era(regulation, "centre").source
    assert era("26/2026").council is None


def numbered(n: int) -> Member:
    return Member(id=f"m{n}", name=f"Thành viên {n}", organisation="Sở")


def test_a_1048_provincial_council_of_8_members_is_refused_and_one_of_9_stands() -> None:
    chair = Member(id="chair", name="Chủ tịch", organisation="UBND tỉnh", role="chair")
    small = Council(id="hd", level="province", chair=chair, members=[numbered(n) for n in range(7)])
    with pytest.raises(ProcessError) as refused:
        small.check_size(era("1048"))
    assert [p.code for p in refused.value.problems] == ["council.size"]
    full = Council(id="hd", level="province", chair=chair, members=[numbered(n) for n in range(8)])
    full.check_size(era("1048"))
    small.check_size(era("26/2026"))  # the later decisions set no size
