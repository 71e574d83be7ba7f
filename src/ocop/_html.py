"""HTML for notebooks: the ``_repr_html_`` of the results a notebook shows, and short reprs.

Jupyter shows an object by calling its ``_repr_html_``; these functions make that HTML with the
standard library only (every value escaped), so the core needs no template engine. Labels are
in Vietnamese with the English beside them, as a notebook is read by both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any, Final

_STYLE: Final = (
    "border-collapse:collapse;font-size:0.9em;"
    "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif"
)
_ROWS_SHOWN: Final = 60


def _cell(value: object, tag: str = "td") -> str:
    shown = "" if value is None else str(value)
    align = "right" if isinstance(value, int | float) and not isinstance(value, bool) else "left"
    return f'<{tag} style="text-align:{align};padding:2px 8px">{escape(shown)}</{tag}>'


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """An HTML table; beyond 60 rows, the rest is counted, not shown."""
    lines = list(rows)
    body = "".join(
        "<tr>" + "".join(_cell(value) for value in row) + "</tr>" for row in lines[:_ROWS_SHOWN]
    )
    more = (
        f'<tr><td colspan="{len(headers)}">… {len(lines) - _ROWS_SHOWN} more</td></tr>'
        if len(lines) > _ROWS_SHOWN
        else ""
    )
    head = "<tr>" + "".join(_cell(name, "th") for name in headers) + "</tr>"
    return f'<table style="{_STYLE}"><thead>{head}</thead><tbody>{body}{more}</tbody></table>'


def _title(text: str) -> str:
    return f"<p><strong>{escape(text)}</strong></p>"


def _lines(items: Iterable[str]) -> str:
    shown = "".join(f"<li>{escape(item)}</li>" for item in items)
    return f"<ul>{shown}</ul>" if shown else ""


def classification(ranked: Any) -> str:
    """A product's rank, with the reasons: unmet markers, eliminations, notes."""
    star = "—" if ranked.star is None else str(ranked.star)
    status = (
        "được công nhận / certifiable"
        if ranked.certifiable
        else "không được công nhận / not certifiable"
    )
    rows = [
        ("Sản phẩm / Product", ranked.product),
        ("Phiếu / Sheet", f"QĐ {ranked.decision}, bộ/set {ranked.set_no}"),
        ("Điểm / Score", str(ranked.score)),
        ("Khung / Band", str(ranked.band)),
        ("Hạng / Rank", f"{star} ({status})"),
    ]
    reasons = [
        f"{gone.member}: {gone.title}: {gone.option_label} (bị loại / eliminates)"
        for gone in ranked.eliminated
    ]
    reasons += [check.describe("vi") for check in ranked.unmet]
    reasons += [f"(781) {check.describe('vi')}" for check in ranked.advisory]
    reasons += [note.message("vi") for note in ranked.notes]
    return table(("", ""), rows) + _lines(reasons)


def council_result(result: Any) -> str:
    """A council's result: each member's total and parts, and the mean."""
    parts = sorted({part for card in result.cards for part in card.parts})
    rows = [
        (card.member, *(card.parts[part] for part in parts), card.total) for card in result.cards
    ]
    return _title(
        f"{result.product} — QĐ {result.decision}, bộ/set {result.set_no}: "
        f"điểm trung bình / mean {result.score}, chênh lệch / spread {result.spread}"
    ) + table(("Thành viên / Member", *parts, "Tổng / Total"), rows)


def progress(done: Any) -> str:
    """A plan's progress, one row per target."""
    rows = [
        (
            done.plan.unit_name(item.target),
            item.target.metric.label("vi"),
            item.planned,
            item.achieved,
            "✓" if item.met else "",
        )
        for item in done.targets
    ]
    met = sum(item.met for item in done.targets)
    return _title(
        f"{done.plan.issuer}, {done.plan.number} — {done.on.isoformat()}: {met}/{len(done.targets)}"
    ) + table(
        ("Đơn vị / Unit", "Chỉ tiêu / Target", "Kế hoạch / Planned", "Đạt / Achieved", ""), rows
    )


def report(made: Any) -> str:
    """A periodic report: its star and unit tables and its certificates."""
    headers = ("", "Đánh giá / Evaluated", "Công nhận / Recognised", "Còn hiệu lực / In force")

    def lines(tallies: Iterable[Any]) -> list[tuple[object, ...]]:
        return [
            (line.label("vi"), line.evaluated, line.recognised, line.in_force) for line in tallies
        ]

    certs = made.certificates
    return (
        _title(f"{made.title('vi')} — {made.issuer}")
        + table(headers, lines(made.by_star))
        + table(headers, lines((*made.by_unit, made.total)))
        + _lines(
            [
                f"Cấp mới / issued: {len(certs.issued)}",
                f"Đến hạn / reaching expiry: {len(certs.expiring)}",
                f"Hết hiệu lực / expired: {len(certs.expired)}",
                f"Thu hồi / revoked: {len(certs.revoked)}",
            ]
        )
    )


def _stars(count: int | None) -> str:
    return "*" * count if count else ""


def sheet(shown: Any) -> str:
    """A score sheet: its criteria, options with points and star markers."""
    rows = [
        (
            criterion.part,
            criterion.code,
            criterion.title,
            "; ".join(
                f"{option.points}{(' ' + _stars(option.min_star)) if option.min_star else ''}"
                for option in criterion.options
            ),
            criterion.max_points,
        )
        for criterion in shown.criteria.values()
    ]
    return _title(
        f"QĐ {shown.decision}, bộ/set {shown.set_no}: {shown.name} ({shown.max_points})"
    ) + table(("Phần", "Mã / Code", "Tiêu chí / Criterion", "Điểm / Points", "Max"), rows)
