"""Score-sheet workbooks: blank sheets for a council to fill in, filled ones read back, results.

Council secretaries keep the score sheets in Excel. :func:`score_sheet_workbook` makes the
blank workbook of a round or of some products: one tab per product with the sheet's criteria as
rows (part, section, code, title, the options with their points and their star markers
``***``/``****``/``*****``), one column per council member, a drop-down on each cell that
allows only that criterion's points, the totals per part and in all as formulas, the decision
and the set in the header, and A4 print set-up; in Vietnamese, or in English on request.

:func:`read_cards` reads filled workbooks back into score cards: the ones made here, and the
plain ones a province makes itself, either **long** (a tab with the columns product, member,
criterion, points, and optionally decision and set) or **wide** (a tab per product, criteria
as rows and members as columns, with the decision, set and product named above the table).
Every value is read as :mod:`ocop.tables` reads cells (nothing lossy is accepted, a blank cell
is no choice) and every refusal names the file, the tab and the cell: ``cards.xlsx!Tab!H12``.

:func:`results_workbook` writes the results: the council's summary per product (each member's
total, the mean, the band, the star and the unmet markers), the ranking, and the certificates
due.

Needs openpyxl: ``pip install 'ocop[excel]'``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Final

from ocop.errors import InputError, Lang, Problem, Problems, ScoreCardError
from ocop.tables import (
    Located,
    canonical_column,
    cards_from_located,
    choose_columns,
    is_blank,
    is_descriptive,
    missing_extra,
)

__all__ = [
    "read_cards",
    "results_workbook",
    "score_sheet_workbook",
    "write_results",
    "write_score_sheets",
]


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise missing_extra("openpyxl", "excel") from None
    return openpyxl


# -- words -------------------------------------------------------------------------------------

_WORDS: Final[dict[str, tuple[str, str]]] = {
    "title": ("PHIẾU ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP", "OCOP PRODUCT SCORE SHEET"),
    "decision": ("Quyết định", "Decision"),
    "set_no": ("Bộ sản phẩm", "Set"),
    "product": ("Sản phẩm", "Product"),
    "council": ("Hội đồng", "Council"),
    "member_names": ("Thành viên", "Members"),
    "part": ("Phần", "Part"),
    "section": ("Mục", "Section"),
    "criterion": ("Mã tiêu chí", "Criterion code"),
    "criterion_title": ("Tiêu chí", "Title"),
    "options": ("Phương án (điểm)", "Options (points)"),
    "markers": ("Dấu sao", "Markers"),
    "max": ("Điểm tối đa", "Max points"),
    "part_total": ("Tổng phần", "Total of part"),
    "total": ("TỔNG ĐIỂM", "TOTAL"),
    "signature": ("Chữ ký", "Signature"),
    "not_applicable": ("n/a: không áp dụng", "n/a: not applicable"),
    "pick": ("Chọn điểm", "Choose the points"),
    "pick_error": (
        "Chỉ được chọn số điểm in trên phiếu cho tiêu chí này",
        "only the points printed on the sheet for this criterion",
    ),
    "points": ("điểm", "points"),
    "eliminates": ("bị loại", "eliminates"),
}


def _t(key: str, lang: Lang) -> str:
    vi, en = _WORDS[key]
    return en if lang == "en" else vi


# The header rows of a score-sheet tab.
_HEAD: Final = {"decision": 2, "set_no": 3, "product": 4, "council": 5}
_NAMES_ROW: Final = 6
_TABLE_ROW: Final = 7
_FIRST_MEMBER_COLUMN: Final = 8  # H
_DESCRIPTIVE: Final = (
    "part",
    "section",
    "criterion",
    "criterion_title",
    "options",
    "markers",
    "max",
)


def _stars(count: int | None) -> str:
    return "*" * count if count else ""


def _options_text(criterion: Any, lang: Lang) -> str:
    lines = []
    for option in criterion.options:
        marks = f" {_stars(option.min_star)}" if option.min_star else ""
        gone = f" ({_t('eliminates', lang)})" if option.eliminates else ""
        lines.append(f"{option.points} {_t('points', lang)}: {option.label}{marks}{gone}")
    return "\n".join(lines)


def _markers_text(criterion: Any) -> str:
    return "\n".join(
        f"{option.points}: {_stars(option.min_star)}"
        for option in criterion.options
        if option.min_star
    )


def _allowed(criterion: Any) -> list[str]:
    points = sorted({option.points for option in criterion.options})
    allowed = [str(value) for value in points]
    if criterion.applies_when is not None or criterion.alternative_group is not None:
        allowed.append("n/a")
    return allowed


_BAD_TAB: Final = re.compile(r"[\[\]:*?/\\]")


def _tab_title(text: str, taken: set[str]) -> str:
    base = _BAD_TAB.sub("-", text).strip("'")[:31] or "sheet"
    title = base
    number = 2
    while title.casefold() in taken:
        suffix = f"~{number}"
        title = base[: 31 - len(suffix)] + suffix
        number += 1
    taken.add(title.casefold())
    return title


def _as_text(cell: Any) -> Any:
    """Keep text that starts with "=" as text: a name is never run as a formula."""
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def _put(tab: Any, row: int, column: int, value: object) -> Any:
    """Write a value into a cell, as text if it is text (never as a formula)."""
    return _as_text(tab.cell(row=row, column=column, value=value))


def _column(index: int) -> str:
    return str(_openpyxl().utils.get_column_letter(index))


# -- blank score sheets --------------------------------------------------------------------------


def _targets(products: Any) -> tuple[list[tuple[Any, Any]], Any]:
    """(product, sheet) pairs and the council, from a round, a product or products."""
    from ocop import rubric
    from ocop.evaluation import EvaluationRound
    from ocop.product import Product

    if isinstance(products, EvaluationRound):
        pairs = [
            (application.product, products.sheet(application.product))
            for application in products.applications
        ]
        return pairs, products.council
    items = [products] if isinstance(products, Product) else list(products)
    return [(product, rubric.sheet(product.decision, product.set_no)) for product in items], None


def _member_heads(members: Any, council: Any) -> list[tuple[str, str | None]]:
    """(id, name) of each member column."""
    from ocop.council import Council

    chosen = council if members is None else members
    if chosen is None:
        raise TypeError("give the council members (ids, Member objects or a Council)")
    if isinstance(chosen, Council):
        chosen = chosen.scorers
    heads: list[tuple[str, str | None]] = []
    for member in chosen:
        if isinstance(member, str):
            heads.append((member, None))
        else:
            heads.append((member.id, member.name))
    return heads


def score_sheet_workbook(
    products: Any,
    *,
    members: Iterable[Any] | Any = None,
    lang: Lang = "vi",
) -> Any:
    """A blank score-sheet workbook: one tab per product, one column per council member.

    Args:
        products: an :class:`~ocop.EvaluationRound` (its products, sheets and council), a
            :class:`~ocop.Product`, or products.
        members: the members who score: ids, :class:`~ocop.Member` objects or a
            :class:`~ocop.Council` (its scorers); by default the round's council.
        lang: ``"vi"`` (default) or ``"en"`` for the labels; the sheet's text stays as printed.

    Returns:
        An ``openpyxl.Workbook``; save it with ``.save(path)`` or use
        :func:`write_score_sheets`.
    """
    openpyxl = _openpyxl()
    pairs, council = _targets(products)
    heads = _member_heads(members, council)
    book = openpyxl.Workbook()
    book.remove(book.active)
    _add_styles(book)
    taken: set[str] = set()
    for product, sheet in pairs:
        tab = book.create_sheet(_tab_title(product.id, taken))
        _fill_tab(tab, product, sheet, heads, council, lang)
    return book


def write_score_sheets(
    target: str | os.PathLike[str] | IO[bytes],
    products: Any,
    *,
    members: Iterable[Any] | Any = None,
    lang: Lang = "vi",
) -> None:
    """Save the blank workbook of :func:`score_sheet_workbook` to a path or binary file."""
    score_sheet_workbook(products, members=members, lang=lang).save(target)


# The named styles of a score-sheet tab: one style object each, shared by every cell.
_HEADING: Final = "ocop heading"
_CRITERION: Final = "ocop criterion"
_SCORE: Final = "ocop score"


def _add_styles(book: Any) -> None:
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    book.add_named_style(
        NamedStyle(
            name=_HEADING,
            font=Font(bold=True),
            fill=PatternFill("solid", fgColor="DDDDDD"),
            border=box,
            alignment=wrap,
        )
    )
    book.add_named_style(NamedStyle(name=_CRITERION, border=box, alignment=wrap))
    book.add_named_style(
        NamedStyle(name=_SCORE, border=box, alignment=Alignment(horizontal="center"))
    )


def _fill_tab(
    tab: Any,
    product: Any,
    sheet: Any,
    heads: Sequence[tuple[str, str | None]],
    council: Any,
    lang: Lang,
) -> None:
    _write_header(tab, product, sheet, heads, council, lang)
    first = _TABLE_ROW + 1
    row = _write_criteria(tab, sheet, heads, lang, first)
    row = _write_totals(tab, sheet, heads, lang, first, row)
    _write_footer(tab, sheet, lang, row)
    _set_layout(tab, heads)


def _write_header(
    tab: Any,
    product: Any,
    sheet: Any,
    heads: Sequence[tuple[str, str | None]],
    council: Any,
    lang: Lang,
) -> None:
    """The title, the decision, set, product and council, the members' names and the table's
    heading row."""
    from openpyxl.styles import Font

    bold = Font(bold=True)
    last_column = _FIRST_MEMBER_COLUMN + len(heads) - 1
    tab["A1"] = _t("title", lang)
    tab["A1"].font = Font(bold=True, size=14)
    tab.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(last_column, 7))
    rows = {
        "decision": (sheet.decision, f"QĐ {sheet.decision}"),
        "set_no": (sheet.set_no, sheet.name),
        "product": (product.id, product.name),
    }
    if council is not None:
        rows["council"] = (council.id, council.name or "")
    for key, (value, text) in rows.items():
        row = _HEAD[key]
        tab.cell(row=row, column=1, value=_t(key, lang)).font = bold
        _put(tab, row, 2, value)
        _put(tab, row, 3, text)
    tab.cell(row=_NAMES_ROW, column=_FIRST_MEMBER_COLUMN - 1, value=_t("member_names", lang))
    for offset, (_, name) in enumerate(heads):
        _put(tab, _NAMES_ROW, _FIRST_MEMBER_COLUMN + offset, name)
    for offset, key in enumerate(_DESCRIPTIVE, start=1):
        tab.cell(row=_TABLE_ROW, column=offset, value=_t(key, lang)).style = _HEADING
    for offset, (member_id, _) in enumerate(heads):
        _put(tab, _TABLE_ROW, _FIRST_MEMBER_COLUMN + offset, member_id).style = _HEADING


def _write_criteria(
    tab: Any, sheet: Any, heads: Sequence[tuple[str, str | None]], lang: Lang, first: int
) -> int:
    """One row per criterion from ``first``, each member's cell with a drop-down of the
    criterion's points; the row after the last."""
    row = first
    lists: dict[str, Any] = {}
    for part in sheet.parts:
        for section in part.sections:
            for criterion in section.criteria:
                values = (
                    part.code,
                    section.no,
                    criterion.code,
                    criterion.title,
                    _options_text(criterion, lang),
                    _markers_text(criterion),
                    criterion.max_points,
                )
                for column, value in enumerate(values, start=1):
                    _put(tab, row, column, value).style = _CRITERION
                for offset in range(len(heads)):
                    tab.cell(row=row, column=_FIRST_MEMBER_COLUMN + offset).style = _SCORE
                if heads:
                    _validation(tab, lists, criterion, lang).add(
                        f"{_column(_FIRST_MEMBER_COLUMN)}{row}:"
                        f"{_column(_FIRST_MEMBER_COLUMN + len(heads) - 1)}{row}"
                    )
                row += 1
    return row


def _validation(tab: Any, lists: dict[str, Any], criterion: Any, lang: Lang) -> Any:
    """The drop-down allowing only ``criterion``'s points, one per list of points in a tab."""
    from openpyxl.worksheet.datavalidation import DataValidation

    allowed = ",".join(_allowed(criterion))
    validation = lists.get(allowed)
    if validation is None:
        validation = lists[allowed] = DataValidation(
            type="list",
            formula1=f'"{allowed}"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_t("pick", lang),
            error=_t("pick_error", lang),
            promptTitle=_t("pick", lang),
            prompt=allowed.replace(",", ", "),
            showInputMessage=True,
        )
        tab.add_data_validation(validation)
    return validation


def _write_totals(
    tab: Any,
    sheet: Any,
    heads: Sequence[tuple[str, str | None]],
    lang: Lang,
    first: int,
    row: int,
) -> int:
    """Each part's total and the sheet's total as formulas over the criteria rows ``first`` to
    ``row - 1``; the row after the total."""
    from openpyxl.styles import Font

    bold = Font(bold=True)
    last = row - 1
    for part in sheet.parts:
        tab.cell(row=row, column=4, value=f"{_t('part_total', lang)} {part.code}").font = bold
        tab.cell(row=row, column=7, value=part.max_points)
        for offset in range(len(heads)):
            letter = _column(_FIRST_MEMBER_COLUMN + offset)
            tab.cell(
                row=row,
                column=_FIRST_MEMBER_COLUMN + offset,
                value=f'=SUMIF($A${first}:$A${last},"{part.code}",{letter}{first}:{letter}{last})',
            )
        row += 1
    tab.cell(row=row, column=4, value=_t("total", lang)).font = bold
    tab.cell(row=row, column=7, value=sheet.max_points)
    for offset in range(len(heads)):
        letter = _column(_FIRST_MEMBER_COLUMN + offset)
        cell = tab.cell(
            row=row,
            column=_FIRST_MEMBER_COLUMN + offset,
            value=f"=SUM({letter}{first}:{letter}{last})",
        )
        cell.font = bold
    return row + 1


def _write_footer(tab: Any, sheet: Any, lang: Lang, row: int) -> None:
    """The signature line, and the note on criteria that may not apply."""
    from openpyxl.styles import Font

    row += 1
    tab.cell(row=row, column=4, value=_t("signature", lang)).font = Font(bold=True)
    if any(criterion.applies_when for criterion in sheet.criteria.values()):
        tab.cell(row=row + 3, column=4, value=_t("not_applicable", lang))


def _set_layout(tab: Any, heads: Sequence[tuple[str, str | None]]) -> None:
    """Column widths, frozen headings and the A4 landscape print set-up."""
    for letter, width in zip("ABCDEFG", (6, 6, 9, 40, 48, 10, 8), strict=True):
        tab.column_dimensions[letter].width = width
    for offset in range(len(heads)):
        tab.column_dimensions[_column(_FIRST_MEMBER_COLUMN + offset)].width = 10
    tab.freeze_panes = f"{_column(_FIRST_MEMBER_COLUMN)}{_TABLE_ROW + 1}"
    tab.print_title_rows = f"{_TABLE_ROW}:{_TABLE_ROW}"
    tab.page_setup.paperSize = tab.PAPERSIZE_A4
    tab.page_setup.orientation = "landscape"
    tab.page_setup.fitToWidth = 1
    tab.page_setup.fitToHeight = 0
    tab.sheet_properties.pageSetUpPr.fitToPage = True
    tab.print_options.gridLines = False
    tab.oddFooter.center.text = "&P / &N"


# -- reading filled workbooks ----------------------------------------------------------------------

_HEADER_SCAN: Final = 30


def _where(file: str, tab: str, row: int, column: int) -> str:
    return f"{file}!{tab}!{_column(column)}{row}"


def _header_row(tab: Any) -> int | None:
    for row in tab.iter_rows(min_row=1, max_row=_HEADER_SCAN):
        for cell in row:
            if canonical_column(cell.value) == "criterion":
                return int(cell.row)
    return None


def _meta(tab: Any, above: int, file: str) -> dict[str, Located]:
    """The decision, set and product named in column A/B above the table."""
    found: dict[str, Located] = {}
    for row in range(1, above):
        key = canonical_column(tab.cell(row=row, column=1).value)
        if key in ("decision", "set_no", "product") and key not in found:
            found[key] = Located(
                value=tab.cell(row=row, column=2).value, where=_where(file, tab.title, row, 2)
            )
    return found


def _tab_rows(tab: Any, file: str, header: int) -> Iterable[dict[str, Located]]:
    """Long rows (product, member, criterion, points, …) from a tab, in either shape."""
    heads = [(cell.column, cell.value) for cell in tab[header] if not is_blank(cell.value)]
    columns: dict[int, str] = choose_columns(heads)
    members = {
        column: str(value).strip()
        for column, value in heads
        if canonical_column(value) is None and not is_descriptive(value)
    }
    long = "points" in columns.values()
    meta = {} if long else _meta(tab, header, file)
    code_column = next(column for column, key in columns.items() if key == "criterion")
    for row in tab.iter_rows(min_row=header + 1):
        by_column = {cell.column: cell for cell in row}
        code = by_column.get(code_column)
        if code is None or is_blank(code.value):
            continue
        number = code.row
        if long:
            yield {
                key: Located(
                    value=by_column[column].value, where=_where(file, tab.title, number, column)
                )
                for column, key in columns.items()
                if column in by_column
            }
            continue
        for column, member in members.items():
            cell = by_column.get(column)
            value = None if cell is None else cell.value
            where = _where(file, tab.title, number, column)
            yield {
                **meta,
                "member": Located(value=member, where=where),
                "criterion": Located(
                    value=code.value, where=_where(file, tab.title, number, code_column)
                ),
                "points": Located(value=value, where=where),
                **({} if "product" in meta else {"product": Located(value=tab.title, where=where)}),
            }


def _open(source: Any) -> tuple[Any, str]:
    openpyxl = _openpyxl()
    if isinstance(source, openpyxl.Workbook):
        return source, "workbook"
    name = (
        Path(source).name
        if isinstance(source, str | os.PathLike)
        else getattr(source, "name", "workbook")
    )
    name = Path(str(name)).name
    try:
        return openpyxl.load_workbook(source, data_only=False), name
    except (OSError, KeyError, ValueError) as error:
        if isinstance(error, FileNotFoundError):
            raise
        raise InputError(
            Problem(
                code="workbook.unreadable",
                path=name,
                value=str(error),
                message_vi=f"Không đọc được tệp Excel {name}: {error}",
                message_en=f"{name} cannot be read as an Excel workbook: {error}",
            )
        ) from None
    except Exception as error:  # zipfile.BadZipFile and the like
        raise InputError(
            Problem(
                code="workbook.unreadable",
                path=name,
                value=type(error).__name__,
                message_vi=f"Không đọc được tệp Excel {name}: {error}",
                message_en=f"{name} cannot be read as an Excel workbook: {error}",
            )
        ) from None


def read_cards(
    source: str | os.PathLike[str] | IO[bytes] | Any,
    *,
    products: Mapping[str, Any] | Iterable[Any] | None = None,
    decision: str | None = None,
    set_no: int | None = None,
    tabs: Sequence[str] | None = None,
    check: bool = True,
) -> list[Any]:
    """The score cards of a filled workbook.

    Every tab with a criterion column (``Mã tiêu chí``, ``criterion``, …) in its first 30
    rows is read: a tab with a points column is long, any other is wide (its member columns
    are those that are neither the criterion column nor descriptive ones). A wide tab's
    decision, set and product are read from column B beside the labels above the table
    (``Quyết định``, ``Bộ sản phẩm``, ``Sản phẩm``), else from ``products``, ``decision`` and
    ``set_no``; its product is, failing all, the tab's name. Rows without a code (headings,
    totals) are skipped; a blank score is no choice, so the sheet's check reports it.

    Args:
        source: a path, a binary file, or an ``openpyxl.Workbook``.
        products: products (a list or a mapping by id), to know each one's sheet.
        decision: the decision of every card, when the workbook does not say.
        set_no: the product set of every card, when the workbook does not say.
        tabs: only these tabs.
        check: check each card against its sheet.

    Raises:
        ScoreCardError: every problem of the workbook, each at ``file!tab!cell``.
        InputError: ``workbook.unreadable``, ``workbook.no_table``.
    """
    book, name = _open(source)
    rows: list[dict[str, Located]] = []
    read_any = False
    found = Problems()
    for tab in book.worksheets:
        if tabs is not None and tab.title not in tabs:
            continue
        header = _header_row(tab)
        if header is None:
            continue
        read_any = True
        rows.extend(_tab_rows(tab, name, header))
    if not read_any:
        found.add(
            "workbook.no_table",
            name,
            None,
            vi=f"{name} không có bảng điểm nào (cần một cột “Mã tiêu chí” hoặc “criterion”)",
            en=f"{name} has no score table (a “Mã tiêu chí” or “criterion” column is needed)",
        )
        found.raise_if_any(InputError)
    try:
        return cards_from_located(
            rows, decision=decision, set_no=set_no, products=products, check=check, where=name
        )
    except ScoreCardError as error:
        found.extend(error.problems)
    found.raise_if_any(ScoreCardError)
    return []  # pragma: no cover - the line above raises


# -- results -----------------------------------------------------------------------------------

_RESULT_WORDS: Final[dict[str, tuple[str, str]]] = {
    "summary": ("Tổng hợp", "Summary"),
    "ranking": ("Xếp hạng", "Ranking"),
    "due": ("Chứng nhận", "Certificates due"),
    "reevaluation": ("Đến hạn đánh giá lại", "Due for re-evaluation"),
    "product": ("Sản phẩm", "Product"),
    "name": ("Tên sản phẩm", "Name"),
    "set_no": ("Bộ", "Set"),
    "mean": ("Điểm trung bình", "Mean"),
    "spread": ("Chênh lệch", "Spread"),
    "band": ("Khung sao", "Band"),
    "star": ("Hạng sao", "Star"),
    "unmet": ("Dấu sao chưa đạt", "Unmet markers"),
    "eliminated": ("Bị loại", "Eliminated"),
    "rank": ("Thứ hạng", "Rank"),
    "certifiable": ("Được công nhận", "Certifiable"),
    "number": ("Số giấy chứng nhận", "Certificate number"),
    "issued_on": ("Ngày cấp", "Issued on"),
    "expires_on": ("Hết hạn", "Expires on"),
    "yes": ("Có", "Yes"),
    "no": ("Không", "No"),
}


def _r(key: str, lang: Lang) -> str:
    vi, en = _RESULT_WORDS[key]
    return en if lang == "en" else vi


def _names(products: Mapping[str, Any] | Iterable[Any] | None) -> dict[str, str]:
    if products is None:
        return {}
    items: Iterable[Any] = products.values() if isinstance(products, Mapping) else products
    return {product.id: product.name for product in items}


def results_workbook(
    results: Iterable[tuple[Any, Any]],
    *,
    products: Mapping[str, Any] | Iterable[Any] | None = None,
    certificates: Iterable[Any] = (),
    lang: Lang = "vi",
) -> Any:
    """The results of a round as a workbook.

    Tabs: the summary (per product: each member's total, the mean, the spread, the band, the
    star and the unmet markers), the ranking (highest star, then highest score, first), the
    certificates due (the certifiable products), and, when ``certificates`` are given (e.g.
    from :func:`~ocop.due_for_reevaluation`), those certificates.

    Args:
        results: (:class:`~ocop.CouncilResult`, :class:`~ocop.Classification`) pairs, as
            :meth:`~ocop.EvaluationRound.result_for` gives them.
        products: products, for their names.
        certificates: certificates to list on their own tab.
        lang: ``"vi"`` or ``"en"``.
    """
    openpyxl = _openpyxl()
    pairs = list(results)
    names = _names(products)
    book = openpyxl.Workbook()
    summary = book.active
    summary.title = _r("summary", lang)
    _summary_tab(summary, pairs, names, lang)
    _ranking_tabs(book, pairs, names, lang)
    listed = list(certificates)
    if listed:
        _certificates_tab(book.create_sheet(_r("reevaluation", lang)), listed, names, lang)
    for tab in book.worksheets:
        _results_layout(tab)
    return book


def _summary_tab(
    summary: Any, pairs: Sequence[tuple[Any, Any]], names: Mapping[str, str], lang: Lang
) -> None:
    """Per product: each member's total, the mean, the spread, the band, the star, the unmet
    markers and whether it was eliminated."""
    members: list[str] = []
    for council, _ in pairs:
        for member in council.members:
            if member not in members:
                members.append(member)
    head = [_r(key, lang) for key in ("product", "name", "set_no")]
    head += members
    head += [_r(key, lang) for key in ("mean", "spread", "band", "star", "unmet", "eliminated")]
    summary.append(head)
    for council, ranked in pairs:
        totals = {card.member: card.total for card in council.cards}
        summary.append(
            [
                council.product,
                names.get(council.product, ""),
                council.set_no,
                *(totals.get(member) for member in members),
                float(council.score),
                council.spread,
                ranked.band.stars,
                None if ranked.star is None else ranked.star.stars,
                "; ".join(check.describe(lang) for check in ranked.unmet),
                _r("yes", lang) if ranked.eliminated else "",
            ]
        )


def _ranking_tabs(
    book: Any, pairs: Sequence[tuple[Any, Any]], names: Mapping[str, str], lang: Lang
) -> None:
    """The ranking, and the certifiable products whose certificates are due."""
    from ocop.tables import ranking_rows

    rows = ranking_rows([ranked for _, ranked in pairs])
    ranking = book.create_sheet(_r("ranking", lang))
    ranking.append(
        [_r(key, lang) for key in ("rank", "product", "name", "mean", "star", "certifiable")]
    )
    for row in rows:
        product = str(row["product"])
        ranking.append(
            [
                row["rank"],
                product,
                names.get(product, ""),
                row["score"],
                row["star"],
                _r("yes" if row["certifiable"] else "no", lang),
            ]
        )
    due = book.create_sheet(_r("due", lang))
    due.append([_r(key, lang) for key in ("product", "name", "star", "mean")])
    for row in rows:
        if row["certifiable"]:
            product = str(row["product"])
            due.append([product, names.get(product, ""), row["star"], row["score"]])


def _certificates_tab(
    window: Any, listed: Sequence[Any], names: Mapping[str, str], lang: Lang
) -> None:
    window.append(
        [_r(key, lang) for key in ("number", "product", "name", "star", "issued_on", "expires_on")]
    )
    for cert in listed:
        window.append(
            [
                cert.number,
                cert.product_id,
                cert.product_name or names.get(cert.product_id, ""),
                cert.stars.stars,
                cert.issued_on.isoformat(),
                cert.expires_on.isoformat(),
            ]
        )


def _results_layout(tab: Any) -> None:
    from openpyxl.styles import Font

    # Nothing in the results is a formula: names starting with "=" stay text.
    for line in tab.iter_rows():
        for cell in line:
            _as_text(cell)
    for cell in tab[1]:
        cell.font = Font(bold=True)
    tab.freeze_panes = "A2"
    tab.page_setup.paperSize = tab.PAPERSIZE_A4
    tab.page_setup.orientation = "landscape"
    for column in range(1, tab.max_column + 1):
        tab.column_dimensions[_column(column)].width = 14


def write_results(
    target: str | os.PathLike[str] | IO[bytes],
    results: Iterable[tuple[Any, Any]],
    *,
    products: Mapping[str, Any] | Iterable[Any] | None = None,
    certificates: Iterable[Any] = (),
    lang: Lang = "vi",
) -> None:
    """Save the workbook of :func:`results_workbook`."""
    results_workbook(results, products=products, certificates=certificates, lang=lang).save(target)
