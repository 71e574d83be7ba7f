"""Constructor calls as type checkers see them: each line marked ``# wrong`` must be reported.

Checked by mypy and pyright from ``tests/test_typing.py``; never run. Every unmarked line is a
call that users make and must type-check cleanly: text for enums, ints for codes, ISO text or
dates for days.
"""

import datetime as dt
from decimal import Decimal

from ocop import (
    Certificate,
    Council,
    Dossier,
    Member,
    Paper,
    Product,
    Subject,
)
from ocop.calendar import date
from ocop.evaluation import Event
from ocop.season import SeasonStatus, SeasonSummary
from ocop.signing import Stamp
from ocop.subject import Address

hoa = Subject(id="s1", name="Hộ kinh doanh Hoa", kind="household", tax_code="0312687878")
tea = Product(id="p1", name="Trà xạ đen", decision="26", set_no=13, subject_id="s1")
tea_with_code = Product(
    id="p2", name="Trà", decision="26/2026", set_no=13, subject_id="s1", code="91-30307-12-2026"
)
paper = Paper(
    kind="food_safety_certificate", issued_on="2024-03-01", expires_on=dt.date(2027, 3, 1)
)
dossier = Dossier(id="d1", subject=hoa, product=tea, evaluation_type="first", papers=[paper])
member = Member(id="m1", name="Nguyễn Văn A", organisation="Sở Nông nghiệp", role="chair")
council = Council(id="c1", level="province", chair=member, members=[member])
certificate = Certificate(
    number="01/GCN",
    product_id="p1",
    subject_id="s1",
    stars=4,
    level="province",
    authority="UBND tỉnh An Giang",
    decision_no="123/QĐ-UBND",
    decision_date=date(2026, 6, 1),
    issued_on="2026-06-01",
)
event = Event(on="2026-06-01", action="file", actor="subject", before=None, after="filed")
share = Decimal("0.75")
home = Address(era="legacy", commune_code=10852, written_on="2021-06-01")
seal = Stamp(
    product="89-30307-12-2026",
    stars=4,
    expires_on=dt.date(2029, 6, 19),
    number="12/GCN-UBND",
    key_id="0123456789abcdef",
    signature="A" * 86,
)

Product(
    id=1,  # wrong
    name=None,  # wrong
    decision=26,  # wrong
    set_no="seven",  # wrong
    subject_id=[],  # wrong
)
Subject(
    id="s2",
    name="Công ty",
    kind=3,  # wrong
    tax_code=312687878,  # wrong
)
Paper(
    kind="trademark",
    issued_on=20240301,  # wrong
    ip_kind=1,  # wrong
)
Dossier(
    id="d2",
    subject=hoa,
    product=tea,
    evaluation_type="first",
    papers=paper,  # wrong
    samples="five",  # wrong
)
Member(
    id="m2",
    name="Trần Thị B",
    organisation="Sở Công Thương",
    ties="employee",  # wrong
)
Certificate(
    number="02/GCN",
    product_id="p1",
    subject_id="s1",
    stars="four",  # wrong
    level="province",
    authority="UBND tỉnh An Giang",
    decision_no=123,  # wrong
    decision_date=date(2026, 6, 1),
    issued_on=2026,  # wrong
)
Address(
    era="legacy",
    commune_code="10852",
    written_on=2021,  # wrong
)
Stamp(
    product="p",
    stars="4",  # wrong
    expires_on=20290619,  # wrong
    number="n",
    key_id="0123456789abcdef",
    signature=None,  # wrong
)
summary = SeasonSummary(products=6, statuses={SeasonStatus.RANKED: 5}, stars={3: 3, 4: 2})
summary_of_a_list = SeasonSummary(products=6, stars=[3, 4])  # wrong
