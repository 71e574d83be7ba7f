"""Tables in and out: score cards and records from rows or pandas DataFrames, and frames back.

Council secretaries keep score cards in spreadsheets and analysts read them with pandas, so the
values that arrive are not always the JSON contract's: a point read as ``3.0`` or
``numpy.int64(3)``, a blank cell read as ``NaN``, a criterion code read as the float ``1.1``.
This module reads them with one rule: **a value is accepted when nothing was lost on the way,
and refused with a located, coded error when something may have been**.

* points: ``3``, ``3.0``, ``"3"``, ``"3.0"``, numpy integers and whole numpy floats are 3;
  ``3.5`` is refused (``table.points_not_whole``); ``True`` is refused; ``"n/a"`` is "not
  applicable"; a blank cell (``None``, ``""``, ``NaN``, ``pandas.NA``) is **no choice**, never
  zero, so the sheet's check reports the criterion as not scored;
* criterion codes: text, or a whole number (criterion ``7`` of a 1048 sheet); a float is
  refused (``table.code_as_number``): ``1.1`` could have been ``1.10``, so the column must be
  read as text (``pandas.read_csv(..., dtype={"criterion": str})``);
* identifiers (product, member): text or whole numbers;
* fields that the JSON contract types as text (codes of places, tax codes, product codes):
  numbers are refused (``table.text_as_number``), because a leading zero may have been lost.

Two shapes of score table are read (column names in Vietnamese or English, with or without
diacritics; see :data:`LONG_COLUMNS`):

* **long**: one row per product, member and criterion, with the points;
* **wide**: one product's table, one row per criterion and one column per member.

>>> cards = cards_from_rows(
...     [{"product": "p1", "member": "m1", "criterion": "1.1", "points": 3.0},
...      {"product": "p1", "member": "m1", "criterion": 7, "points": "2"}],
...     decision="1048", set_no=25, check=False)
>>> {code: choice.points for code, choice in cards[0].choices.items()}
{'1.1': 3, '7': 2}
>>> try:
...     cards_from_rows([{"product": "p1", "member": "m1", "criterion": 1.1, "points": 2.5}],
...                     decision="1048", set_no=25, check=False)
... except ScoreCardError as error:
...     print([(problem.code, problem.path) for problem in error.problems])
[('table.code_as_number', '$[0].criterion'), ('table.points_not_whole', '$[0].points')]

Everything here works on plain iterables of mappings; pandas is needed only by
:func:`to_frame` and is imported there (``pip install 'ocop[pandas]'``).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import numbers
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, Final, TypeAlias

import attrs

from ocop._frames import data_frame, missing_extra
from ocop._text import fold, nfc
from ocop.errors import InputError, Lang, Problem, Problems, ScoreCardError, join_path

__all__ = [
    "LONG_COLUMNS",
    "Located",
    "cards_from_frame",
    "cards_from_rows",
    "cards_from_wide",
    "code_of",
    "from_frame",
    "from_rows",
    "is_blank",
    "missing_extra",
    "points_of",
    "to_frame",
]


# -- single values -----------------------------------------------------------------------------


def is_blank(value: object) -> bool:
    """Whether a cell holds nothing: ``None``, empty text, ``NaN``, ``pandas.NA`` or ``NaT``.

    >>> is_blank(None), is_blank(" "), is_blank(float("nan")), is_blank(0)
    (True, True, True, False)
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if type(value).__name__ in ("NAType", "NaTType"):
        return True
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral):
        try:
            return math.isnan(float(value))
        except (TypeError, ValueError):
            return False
    return False


def _problem(code: str, path: str, value: object, vi: str, en: str) -> Problem:
    return Problem(code=code, path=path, value=value, message_vi=vi, message_en=en)


def _plain(value: object) -> object:
    """A numpy scalar as the Python value it holds; anything else unchanged."""
    item = getattr(value, "item", None)
    if item is not None and type(value).__module__ == "numpy":
        return item()
    return value


def _whole(value: object) -> int | None:
    """The whole number a number or numeric text holds without loss, else ``None``."""
    value = _plain(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, Decimal):
        return int(value) if value.is_finite() and value == value.to_integral_value() else None
    if isinstance(value, str):
        text = value.strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
        if not number.is_finite() or number != number.to_integral_value():
            return None
        return int(number)
    return None


_NA_WORDS: Final = frozenset({"n/a", "na", "không áp dụng", "not applicable", "kad"})


def points_of(value: object, path: str = "$") -> object:
    """A cell of points as the raw choice a score card takes, or ``None`` for no choice.

    Returns the whole number of points, ``"n/a"``, or ``None`` when the cell is blank.

    Raises:
        ScoreCardError: ``table.points_not_whole`` (``2.5``), ``table.bad_points``.

    >>> points_of(3.0), points_of("3"), points_of(" n/a "), points_of(float("nan"))
    (3, 3, 'n/a', None)
    """
    if is_blank(value):
        return None
    if isinstance(value, str) and nfc(value).casefold() in _NA_WORDS:
        return "n/a"
    whole = _whole(value)
    if whole is not None and whole >= 0:
        return whole
    plain = _plain(value)
    if isinstance(plain, float | Decimal) and not isinstance(plain, bool):
        raise ScoreCardError(
            _problem(
                "table.points_not_whole",
                path,
                plain,
                f"Điểm phải là số nguyên như in trên phiếu, không phải {plain}",
                f"points are a whole number as printed on the sheet, not {plain}",
            )
        )
    raise ScoreCardError(
        _problem(
            "table.bad_points",
            path,
            plain if isinstance(plain, str | int | float) else repr(plain),
            "Điểm phải là số điểm của một phương án, “n/a” hoặc để trống",
            "points are an option's points, “n/a”, or blank",
        )
    )


def code_of(value: object, path: str = "$") -> str:
    """A cell holding a criterion code, as text.

    Raises:
        ScoreCardError: ``table.code_as_number`` for a float (``1.1`` may have been ``1.10``),
            ``table.missing_code`` for a blank cell, ``table.bad_code``.

    >>> code_of("1.10"), code_of(7)
    ('1.10', '7')
    """
    if is_blank(value):
        raise ScoreCardError(
            _problem(
                "table.missing_code",
                path,
                None,
                "Thiếu mã tiêu chí",
                "the criterion code is missing",
            )
        )
    plain = _plain(value)
    if isinstance(plain, str):
        return nfc(plain)
    if isinstance(plain, int) and not isinstance(plain, bool):
        return str(plain)
    if isinstance(plain, float | Decimal):
        raise ScoreCardError(
            _problem(
                "table.code_as_number",
                path,
                plain,
                f"Mã tiêu chí {plain} đã bị đọc thành số (1.1 có thể là 1.10): hãy đọc cột này "
                "dưới dạng văn bản, ví dụ pandas.read_csv(..., dtype=str)",
                f"the criterion code {plain} was read as a number (1.1 could have been 1.10): "
                "read this column as text, e.g. pandas.read_csv(..., dtype=str)",
            )
        )
    raise ScoreCardError(
        _problem("table.bad_code", path, repr(plain), "Mã tiêu chí không hợp lệ", "not a code")
    )


def _identifier(value: object, path: str, what_vi: str, what_en: str) -> str:
    if is_blank(value):
        raise ScoreCardError(
            _problem(
                "table.missing_value", path, None, f"Thiếu {what_vi}", f"the {what_en} is missing"
            )
        )
    plain = _plain(value)
    if isinstance(plain, str):
        return nfc(plain)
    if isinstance(plain, int) and not isinstance(plain, bool):
        return str(plain)
    whole = _whole(plain)
    if isinstance(plain, float) and whole is not None:
        return str(whole)
    raise ScoreCardError(
        _problem(
            "table.bad_value",
            path,
            repr(plain),
            f"{what_vi.capitalize()} phải là văn bản",
            f"the {what_en} must be text",
        )
    )


# -- located cells -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Located:
    """A cell's value and where it was read (``$[3].points``, ``cards.xlsx!Tab!G12``)."""

    value: object
    where: str


LocatedRow: TypeAlias = Mapping[str, Located]

# The columns of a long table, each with the names it may be written under (compared folded).
LONG_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "product": ("product", "product_id", "sản phẩm", "mã sản phẩm", "id sản phẩm"),
    "member": ("member", "member_id", "thành viên", "người chấm", "mã thành viên"),
    "criterion": ("criterion", "code", "criterion code", "tiêu chí", "mã tiêu chí", "mã"),
    "points": ("points", "điểm", "số điểm", "điểm chấm"),
    "decision": ("decision", "quyết định", "qđ"),
    "set_no": ("set_no", "set", "set no", "bộ", "bộ sản phẩm", "số bộ"),
}


@functools.lru_cache(maxsize=1024)
def _column_key(name: str) -> str:
    return " ".join(fold(name.replace("_", " ")).split())


_ALIASES: Final = {
    _column_key(alias): key for key, names in LONG_COLUMNS.items() for alias in names
}


def canonical_column(name: object) -> str | None:
    """The long-table column a header names, if any (``"Mã tiêu chí"`` is ``"criterion"``)."""
    if not isinstance(name, str):
        return None
    return _ALIASES.get(_column_key(name))


def choose_columns(headers: Iterable[tuple[Any, object]]) -> dict[Any, str]:
    """Which long-table column each header names, one header per column.

    When several headers name the same column, the first wins, except for the criterion: a
    header that says "code" or "mã" ("Mã tiêu chí") wins over one that does not ("Tiêu chí",
    which then names a title column).

    >>> choose_columns([("D", "Tiêu chí"), ("C", "Mã tiêu chí"), ("H", "m1")])
    {'C': 'criterion'}
    """
    chosen: dict[str, tuple[Any, bool]] = {}
    for position, name in headers:
        key = canonical_column(name)
        if key is None:
            continue
        words = set(_column_key(str(name)).split())
        specific = bool(words & {"ma", "code"})
        held = chosen.get(key)
        if held is None or (key == "criterion" and specific and not held[1]):
            chosen[key] = (position, specific)
    return {position: key for key, (position, _) in chosen.items()}


def _locate(
    rows: Iterable[Mapping[Any, object]], *, dotted: bool = False
) -> Iterator[dict[str, Located]]:
    """Each row's cells with their paths; ``dotted`` columns name nested fields."""
    for index, row in enumerate(rows):
        yield {
            str(name): Located(
                value=value,
                where=join_path(f"$[{index}]", *(str(name).split(".") if dotted else (str(name),))),
            )
            for name, value in row.items()
        }


# -- score cards -------------------------------------------------------------------------------


def _sheet_for(decision: str, set_no: int) -> Any:
    from ocop import rubric

    return rubric.sheet(decision, set_no)


@attrs.define
class _Building:
    decision: str
    set_no: int
    member: str
    product: str
    where: str
    pairs: list[tuple[str, object, str]] = attrs.field(factory=list)
    unreadable: set[str] = attrs.field(factory=set)
    """Codes whose points could not be read (their problem is already recorded)."""
    unknown_code: bool = False
    """Whether a row of the card has a code that could not be read."""


def _codes_in(path: str) -> list[str]:
    """The criterion code of a path ``$.choices["1.1"]``, if it is one."""
    prefix = '$.choices["'
    return [path[len(prefix) : -2]] if path.startswith(prefix) and path.endswith('"]') else []


_FOLLOWING: Final = frozenset({"card.missing_criterion", "card.alternative_unanswered"})


def _card_problems(
    card_where: str,
    cells: Mapping[str, str],
    problems: Iterable[Problem],
    item: _Building | None = None,
) -> list[Problem]:
    """Problems of a card's check, each moved from ``$.choices["1.1"]`` to its cell.

    A criterion reported missing only because its cell, or a code, could not be read is left
    out: that cell's own problem says it.
    """
    moved = []
    for problem in problems:
        if item is not None and problem.code in _FOLLOWING:
            if problem.code == "card.alternative_unanswered" and (
                item.unreadable or item.unknown_code
            ):
                continue
            unread = [*item.unreadable]
            if item.unknown_code:
                # The unreadable code may be any criterion that has no row of its own.
                unread += [code for code in _codes_in(problem.path) if code not in cells]
            if any(problem.path == join_path("$", "choices", code) for code in unread):
                continue
        where = card_where
        for code, cell in cells.items():
            if problem.path == join_path("$", "choices", code):
                where = cell
                break
        moved.append(attrs.evolve(problem, path=where))
    return moved


def build_cards(building: Iterable[_Building], *, check: bool, found: Problems) -> list[Any]:
    """Score cards from the collected choices; every problem goes to ``found``."""
    from ocop.scoring import ScoreCard, validate_card

    cards = []
    for item in building:
        choices: dict[str, object] = {}
        cells: dict[str, str] = {}
        for code, raw, where in item.pairs:
            if raw is None and code in cells:
                continue  # a blank row again, e.g. a section heading numbered like a criterion
            if code in choices:
                found.add(
                    "card.duplicate_choice",
                    where,
                    code,
                    vi=f"Tiêu chí {code} được chấm hai lần trên phiếu của {item.member}",
                    en=f"criterion {code} is scored twice on {item.member}'s card",
                )
                continue
            cells[code] = where
            if raw is not None:
                choices[code] = raw
        try:
            card = ScoreCard.from_dict(
                {
                    "decision": item.decision,
                    "set_no": item.set_no,
                    "member": item.member,
                    "product": item.product,
                    "choices": choices,
                }
            )
        except ScoreCardError as error:
            found.extend(_card_problems(item.where, cells, error.problems, item))
            continue
        if check:
            try:
                sheet = _sheet_for(card.decision, card.set_no)
                validate_card(sheet, card, allow_elimination=True)
            except InputError as error:
                found.extend(_card_problems(item.where, cells, error.problems, item))
                continue
        if not item.unreadable and not item.unknown_code:
            cards.append(card)
    return cards


_FAILED: Final = object()


def _catch(found: Problems, read: Callable[..., Any], *args: Any) -> Any:
    """``read(*args)``, or :data:`_FAILED` with its problems recorded."""
    try:
        return read(*args)
    except InputError as error:
        found.extend(error.problems)
        return _FAILED


def _product_info(
    products: Mapping[str, Any] | Iterable[Any] | None,
) -> dict[str, tuple[str, int]]:
    if products is None:
        return {}
    items: Iterable[Any] = products.values() if isinstance(products, Mapping) else products
    return {product.id: (product.decision, product.set_no) for product in items}


def cards_from_located(
    rows: Iterable[LocatedRow],
    *,
    decision: str | None = None,
    set_no: int | None = None,
    products: Mapping[str, Any] | Iterable[Any] | None = None,
    check: bool = True,
    where: str = "$",
) -> list[Any]:
    """Score cards from long rows whose cells know where they were read.

    The rows' keys are the long-table columns (see :data:`LONG_COLUMNS`). The sheet of each
    card comes from the row's ``decision`` and ``set_no``, else the arguments, else the
    product's (``products``).

    Raises:
        ScoreCardError: every problem of every row and card, each at its cell.
    """
    found = Problems()
    known = _product_info(products)
    cards: dict[tuple[str, str], _Building] = {}
    for row in rows:
        cell = dict(row)
        product = _catch(found, _cell_id, cell, "product", "sản phẩm", "product", where)
        member = _catch(found, _cell_id, cell, "member", "thành viên", "member", where)
        code = _catch(found, _cell_code, cell, where)
        points_cell = cell.get("points")
        raw: object = _FAILED
        if points_cell is None:
            found.add(
                "table.missing_column",
                where,
                "points",
                vi="Bảng thiếu cột điểm",
                en="the table has no points column",
            )
        else:
            raw = _catch(found, points_of, points_cell.value, points_cell.where)
        if _FAILED in (product, member):
            continue
        sheet = _sheet_of_row(cell, product, decision, set_no, known, found)
        if sheet is None:
            continue
        key = (product, member)
        building = cards.get(key)
        if building is None:
            first = cell["member"].where
            building = cards[key] = _Building(
                decision=sheet[0], set_no=sheet[1], member=member, product=product, where=first
            )
        elif (building.decision, building.set_no) != sheet:
            found.add(
                "table.mixed_sheets",
                cell["product"].where,
                {"decision": sheet[0], "set_no": sheet[1]},
                vi=f"Phiếu của {member} cho {product} ghi hai bộ tiêu chí khác nhau",
                en=f"{member}'s card for {product} names two different sheets",
            )
            continue
        if code is _FAILED:
            building.unknown_code = True
            continue
        if raw is _FAILED:
            building.unreadable.add(code)
            continue
        building.pairs.append((code, raw, cell["points"].where if "points" in cell else where))
    built = build_cards(cards.values(), check=check, found=found)
    # A missing column is found on every row: say it once.
    once: dict[tuple[str, str], Problem] = {}
    for problem in found.items:
        once.setdefault((problem.code, problem.path), problem)
    found.items = list(once.values())
    found.raise_if_any(ScoreCardError)
    return built


def _cell_id(cell: Mapping[str, Located], key: str, vi: str, en: str, where: str) -> str:
    if key not in cell:
        raise ScoreCardError(
            _problem(
                "table.missing_column",
                where,
                key,
                f"Bảng thiếu cột {vi}",
                f"the table has no {en} column",
            )
        )
    return _identifier(cell[key].value, cell[key].where, vi, en)


def _cell_code(cell: Mapping[str, Located], where: str) -> str:
    if "criterion" not in cell:
        raise ScoreCardError(
            _problem(
                "table.missing_column",
                where,
                "criterion",
                "Bảng thiếu cột mã tiêu chí",
                "the table has no criterion column",
            )
        )
    return code_of(cell["criterion"].value, cell["criterion"].where)


@functools.lru_cache(maxsize=64)
def _decision_key(text: str) -> str:
    from ocop.rubric import normalise_decision

    return normalise_decision(text)


def _sheet_of_row(
    cell: Mapping[str, Located],
    product: str,
    decision: str | None,
    set_no: int | None,
    known: Mapping[str, tuple[str, int]],
    found: Problems,
) -> tuple[str, int] | None:
    chosen_decision: object = decision
    chosen_set: object = set_no
    if product in known:
        chosen_decision, chosen_set = known[product]
    decision_cell = cell.get("decision")
    if decision_cell is not None and not is_blank(decision_cell.value):
        chosen_decision = _plain(decision_cell.value)
    set_cell = cell.get("set_no")
    if set_cell is not None and not is_blank(set_cell.value):
        whole = _whole(set_cell.value)
        if whole is None:
            found.add(
                "table.bad_set_no",
                set_cell.where,
                repr(_plain(set_cell.value)),
                vi="Số bộ sản phẩm phải là số nguyên từ 1 đến 26",
                en="the product set is a whole number from 1 to 26",
            )
            return None
        chosen_set = whole
    where = cell["product"].where
    if chosen_decision is None or chosen_set is None:
        found.add(
            "table.unknown_sheet",
            where,
            product,
            vi=f"Không biết sản phẩm {product} chấm theo phiếu nào: hãy ghi quyết định và bộ",
            en=f"which sheet {product} is scored on is not known: give the decision and set",
        )
        return None
    try:
        key = _decision_key(str(chosen_decision))
    except InputError as error:
        found.extend(attrs.evolve(problem, path=where) for problem in error.problems)
        return None
    if not isinstance(chosen_set, int) or isinstance(chosen_set, bool):
        return None
    return key, chosen_set


def _long_rows(rows: Iterable[Mapping[Any, object]]) -> Iterator[dict[str, Located]]:
    chosen: dict[tuple[str, ...], dict[str, str]] = {}
    for located in _locate(rows):
        names = tuple(located)
        columns = chosen.get(names)
        if columns is None:
            columns = chosen[names] = choose_columns((name, name) for name in names)
        yield {key: located[name] for name, key in columns.items()}


def cards_from_rows(
    rows: Iterable[Mapping[Any, object]],
    *,
    decision: str | None = None,
    set_no: int | None = None,
    products: Mapping[str, Any] | Iterable[Any] | None = None,
    check: bool = True,
) -> list[Any]:
    """Score cards from a long table: one row per product, member and criterion.

    Args:
        rows: mappings with the columns product, member, criterion and points, and
            optionally decision and set_no (names as in :data:`LONG_COLUMNS`).
        decision: the decision of every card, when the rows do not say.
        set_no: the product set of every card, when the rows do not say.
        products: products (a list or a mapping by id) whose decision and set are used.
        check: check each card against its sheet (every problem reported at its cell).

    Returns:
        One :class:`~ocop.ScoreCard` per (product, member), in the order first seen.

    Raises:
        ScoreCardError: every problem found, each with its row and column (``$[3].points``).
    """
    return cards_from_located(
        _long_rows(rows), decision=decision, set_no=set_no, products=products, check=check
    )


# The descriptive columns of a wide table, which are not members.
_WIDE_DESCRIPTIVE: Final = frozenset(
    _column_key(name)
    for name in (
        "part",
        "phần",
        "section",
        "mục",
        "title",
        "tên tiêu chí",
        "nội dung",
        "options",
        "options (points)",
        "phương án",
        "phương án (điểm)",
        "markers",
        "dấu sao",
        "max",
        "max points",
        "điểm tối đa",
        "stt",
        "no",
    )
)


def is_descriptive(name: object) -> bool:
    """Whether a wide table's column describes the criteria rather than naming a member."""
    return isinstance(name, str) and _column_key(name) in _WIDE_DESCRIPTIVE


def cards_from_wide(
    rows: Iterable[Mapping[Any, object]],
    *,
    product: str,
    decision: str,
    set_no: int,
    members: Sequence[str] | None = None,
    check: bool = True,
) -> list[Any]:
    """Score cards from one product's wide table: a row per criterion, a column per member.

    Args:
        rows: mappings with a criterion column (``criterion``, ``Mã tiêu chí``, …) and one
            column per member holding the points.
        product: the product scored.
        decision: the sheet's decision.
        set_no: the sheet's product set.
        members: the member columns; by default every column that is neither the criterion
            column nor a descriptive one (part, section, title, options, markers).
        check: check each card against its sheet.

    Raises:
        ScoreCardError: every problem found, each at its row and column.
    """
    long: list[dict[str, Located]] = []
    for located in _locate(rows):
        columns = choose_columns((name, name) for name in located)
        code_cell = next(
            (located[name] for name, key in columns.items() if key == "criterion"), None
        )
        if code_cell is None:
            raise ScoreCardError(
                _problem(
                    "table.missing_column",
                    "$",
                    "criterion",
                    "Bảng thiếu cột mã tiêu chí",
                    "the table has no criterion column",
                )
            )
        names = (
            list(members)
            if members is not None
            else [
                name
                for name in located
                if canonical_column(name) is None and not is_descriptive(name)
            ]
        )
        for name in names:
            cell = located.get(str(name))
            if cell is None:
                continue
            long.append(
                {
                    "product": Located(value=product, where=cell.where),
                    "member": Located(value=str(name), where=cell.where),
                    "criterion": code_cell,
                    "points": cell,
                }
            )
    return cards_from_located(long, decision=decision, set_no=set_no, check=check)


def _records(frame: Any) -> list[Mapping[Any, object]]:
    to_dict = getattr(frame, "to_dict", None)
    if to_dict is None:
        return list(frame)
    records: list[Mapping[Any, object]] = to_dict("records")
    return records


def cards_from_frame(
    frame: Any,
    *,
    decision: str | None = None,
    set_no: int | None = None,
    product: str | None = None,
    products: Mapping[str, Any] | Iterable[Any] | None = None,
    check: bool = True,
) -> list[Any]:
    """Score cards from a pandas DataFrame (or any rows), long or wide.

    The frame is long when it has a points column (see :func:`cards_from_rows`), else wide
    (see :func:`cards_from_wide`, which needs ``product``, ``decision`` and ``set_no``).
    Errors name the frame's row position (from 0) and column: ``$[12].points``.

    Raises:
        ScoreCardError: every problem found.
    """
    records = _records(frame)
    columns = list(getattr(frame, "columns", records[0].keys() if records else ()))
    if any(canonical_column(name) == "points" for name in columns):
        return cards_from_rows(
            records, decision=decision, set_no=set_no, products=products, check=check
        )
    if product is None or decision is None or set_no is None:
        raise ScoreCardError(
            _problem(
                "table.wide_needs_product",
                "$",
                None,
                "Bảng dạng rộng (tiêu chí × thành viên) cần sản phẩm, quyết định và bộ",
                "a wide table (criteria × members) needs the product, decision and set",
            )
        )
    return cards_from_wide(records, product=product, decision=decision, set_no=set_no, check=check)


# -- other documents from rows -------------------------------------------------------------------


def _schema_at(schema: Mapping[str, Any], defs: Mapping[str, Any], path: Sequence[str]) -> Any:
    node: Any = schema
    for name in path:
        node = _resolve(node, defs)
        props = node.get("properties") if isinstance(node, Mapping) else None
        if not isinstance(props, Mapping) or name not in props:
            return None
        node = props[name]
    return _resolve(node, defs)


def _resolve(node: Any, defs: Mapping[str, Any]) -> Any:
    while isinstance(node, Mapping):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            node = defs.get(ref.removeprefix("#/$defs/"), {})
            continue
        choices = node.get("anyOf")
        if isinstance(choices, list):
            others = [item for item in choices if item != {"type": "null"}]
            if len(others) == 1:
                node = others[0]
                continue
        return node
    return node


def _types(node: Any) -> set[str]:
    kind = node.get("type") if isinstance(node, Mapping) else None
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {str(item) for item in kind}
    return set()


def _cell_value(value: object, node: Any, where: str, found: Problems) -> object:
    """A cell as the JSON value its field's schema expects, when that loses nothing."""
    plain = _plain(value)
    kinds = _types(node)
    if isinstance(plain, dt.datetime):
        return plain.date().isoformat() if "string" in kinds else plain
    if isinstance(plain, dt.date):
        return plain.isoformat()
    if "integer" in kinds and not isinstance(plain, bool):
        whole = _whole(plain)
        if whole is not None:
            return whole
    if "number" in kinds and isinstance(plain, Decimal):
        return float(plain)
    if (
        "string" in kinds
        and not kinds & {"integer", "number"}
        and isinstance(plain, int | float | Decimal)
        and not isinstance(plain, bool)
    ):
        found.add(
            "table.text_as_number",
            where,
            plain,
            # The value stays out of the message: a phone or a personal number read as a
            # number is shown only through the problem's value, masked unless revealed.
            vi="Giá trị đã bị đọc thành số (có thể mất số 0 ở đầu): hãy đọc cột này "
            "dưới dạng văn bản, ví dụ pandas.read_csv(..., dtype=str)",
            en="the value was read as a number (a leading zero may be lost): read "
            "this column as text, e.g. pandas.read_csv(..., dtype=str)",
        )
        return None
    return plain


def _nested(
    row: Mapping[str, Located], schema: Mapping[str, Any], found: Problems
) -> dict[str, Any]:
    defs = schema.get("$defs", {})
    data: dict[str, Any] = {}
    for name, cell in row.items():
        if is_blank(cell.value):
            continue
        path = name.split(".")
        node = _schema_at(schema, defs, path)
        value = _cell_value(cell.value, node, cell.where, found)
        if value is None:
            continue
        target = data
        for part in path[:-1]:
            target = target.setdefault(part, {})
            if not isinstance(target, dict):
                break
        else:
            target[path[-1]] = value
    return data


def from_rows(kind: str, rows: Iterable[Mapping[Any, object]]) -> list[Any]:
    """Documents of one kind (``"subject"``, ``"product"``, ``"product_record"``, …) from rows.

    Each row is one document of the JSON contract (:mod:`ocop.json`) written flat: a nested
    field is a dotted column (``place.era``, ``place.commune_code``,
    ``product.id``). Blank cells are left out; whole numbers in integer fields are read
    whatever their form (``13.0``, ``numpy.int64(13)``, ``"13"``); numbers in text fields are
    refused (``table.text_as_number``), since a code may have lost a leading zero.

    Raises:
        InputError: every problem of every row, with its path (``$[2].place.commune_code``).

    >>> [product.set_no for product in from_rows("product", [{"id": "p1", "name": "Trà",
    ...     "decision": "1048", "set_no": 13.0, "subject_id": "s1", "place.era": "legacy",
    ...     "place.district_code": "883"}])]
    [13]
    """
    from ocop import json as ocop_json

    schema = ocop_json.schema(kind)
    found = Problems()
    loaded = []
    for index, row in enumerate(_locate(rows, dotted=True)):
        data = _nested(row, schema, found)
        try:
            loaded.append(ocop_json.load(kind, data, path=f"$[{index}]"))
        except InputError as error:
            found.extend(error.problems)
    found.raise_if_any(InputError)
    return loaded


def from_frame(kind: str, frame: Any) -> list[Any]:
    """Documents of one kind from a pandas DataFrame (see :func:`from_rows`)."""
    return from_rows(kind, _records(frame))


# -- frames out ----------------------------------------------------------------------------------


def frame_rows(value: Any, lang: Lang = "en") -> list[dict[str, object]]:
    """The rows :func:`to_frame` makes, as plain dicts (no pandas needed)."""
    from ocop.certificate import Certificate
    from ocop.plan import Progress, progress_rows
    from ocop.ranking import Classification
    from ocop.report import Report, report_rows
    from ocop.scoring import CouncilResult

    if isinstance(value, Report):
        return report_rows(value, lang)
    if isinstance(value, Progress):
        return progress_rows(value)
    if isinstance(value, CouncilResult):
        return [
            {"product": value.product, "member": card.member, "total": card.total, **card.parts}
            for card in value.cards
        ]
    items = list(value)
    if all(isinstance(item, Classification) for item in items):
        return ranking_rows(items)
    if all(isinstance(item, Certificate) for item in items):
        return [_certificate_row(item) for item in items]
    if all(isinstance(item, Mapping) for item in items):
        return [dict(item) for item in items]
    raise TypeError(
        "to_frame takes a Report, a Progress, a CouncilResult, classifications, "
        "certificates or rows"
    )


def to_frame(value: Any, *, lang: Lang = "en") -> Any:
    """A pandas DataFrame of a report, a plan's progress, a council result, a ranking (an
    iterable of classifications), a list of certificates, or rows.

    Raises:
        MissingExtraError: ``extra.missing``, pandas is not installed (``pip install
            'ocop[pandas]'``).
    """
    return data_frame(frame_rows(value, lang))


def ranking_rows(items: Sequence[Any]) -> list[dict[str, object]]:
    """Classifications as the rows of a ranking: by star, then by score, each with its rank."""
    ordered = sorted(
        items,
        key=lambda item: (item.star is None, -(item.star.stars if item.star else 0), -item.score),
    )
    return [
        {
            "rank": position,
            "product": item.product,
            "decision": item.decision,
            "set_no": item.set_no,
            "score": float(item.score),
            "band": item.band.stars,
            "star": None if item.star is None else item.star.stars,
            "certifiable": item.certifiable,
            "unmet": "; ".join(f"{check.star}★ {check.criterion}" for check in item.unmet),
            "eliminated": bool(item.eliminated),
        }
        for position, item in enumerate(ordered, start=1)
    ]


def _certificate_row(cert: Any) -> dict[str, object]:
    return {
        "number": cert.number,
        "product_id": cert.product_id,
        "product_name": cert.product_name,
        "subject_id": cert.subject_id,
        "stars": cert.stars.stars,
        "level": cert.level.value,
        "authority": cert.authority,
        "issued_on": cert.issued_on.isoformat(),
        "expires_on": cert.expires_on.isoformat(),
    }
