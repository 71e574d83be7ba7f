"""A season's scoring: every product ranked, or told why it has no star, never losing the rest.

A season is what a province, or the whole country, scores in a round: products and the score
cards of their councils' members, often a hundred thousand cards in one JSON Lines file. One
eliminated product, one card typed wrong, one sheet with no public copy must not cost the other
products their stars, so :func:`score_season` gives one :class:`Outcome` per product:

* ``ranked``: the council's mean, band and star, capped by the markers (QĐ 26/2026/QĐ-TTg
  Art. 3.3 and the note under each sheet);
* ``eliminated``: a member chose an option that eliminates the dossier;
* ``refused``: a card or the product's document has problems (each located at its file, line,
  product and JSON path), so no mean is computed from an incomplete council;
* ``no_sheet``: the product set's sheet has no known copy (a sheet marked unavailable);
* ``no_cards``: the product is listed but no card was read for it.

It streams: a product is ranked as soon as its last card is read (:func:`last_lines` finds
each product's last line of a file in a first, cheap pass), or when its council has
``council_size`` cards, and then let go; only the councils still open are held.

>>> lines = [
...     '{"id": "p1", "name": "Trà xạ đen", "decision": "1048", "set_no": 13,'
...     ' "subject_id": "s1"}',
...     '{"decision": "1048", "set_no": 13, "member": "m1", "product": "p1",'
...     ' "choices": {"1.1": 99}}',
... ]
>>> for outcome in score_season(read_season(lines, file="season.jsonl")):
...     print(outcome.status, outcome.label)
...     for problem in outcome.problems[:2]:
...         print(problem.where, problem.name, problem.path, problem.code)
refused p1 (Trà xạ đen)
season.jsonl:2 Trà xạ đen $.choices["1.1"] card.no_such_option
season.jsonl:2 Trà xạ đen $.choices["1.2"] card.missing_criterion
"""

from __future__ import annotations

import enum
import json
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from ocop._slots import slot_setters, stores_as_given
from ocop._text import BACKSLASH, nfc, printable
from ocop.errors import InputError, Lang, OcopError, Problem
from ocop.ranking import Classification, MarkerPolicy, Minima781, classify
from ocop.rubric.model import FrozenMap, Sheet, read_only
from ocop.scoring import CouncilResult, ScoreCard, aggregate, card_totals

if TYPE_CHECKING:
    from ocop.product import Product

__all__ = [
    "Outcome",
    "SeasonEntry",
    "SeasonLines",
    "SeasonProblem",
    "SeasonStatus",
    "SeasonSummary",
    "last_lines",
    "read_season",
    "score_season",
    "summarise_season",
]

SEASON_KINDS: Final = frozenset({"product", "score_card"})
"""The kinds of document a season is made of."""


class SeasonStatus(enum.StrEnum):
    """Why a product of a season has its star, or has none."""

    RANKED = "ranked"
    ELIMINATED = "eliminated"
    REFUSED = "refused"
    NO_SHEET = "no_sheet"
    NO_CARDS = "no_cards"

    def label(self, lang: Lang = "vi") -> str:
        """The status in words.

        >>> SeasonStatus.NO_SHEET.label("en")
        'no score sheet'
        """
        vi, en = _STATUS_WORDS[self]
        return en if lang == "en" else vi


_STATUS_WORDS: Final = {
    SeasonStatus.RANKED: ("xếp hạng", "ranked"),
    SeasonStatus.ELIMINATED: ("bị loại", "eliminated"),
    SeasonStatus.REFUSED: ("bị từ chối", "refused"),
    SeasonStatus.NO_SHEET: ("chưa có phiếu chấm", "no score sheet"),
    SeasonStatus.NO_CARDS: ("không có phiếu chấm", "no cards"),
}


def _named(product: str | None, name: str | None) -> str:
    if product is None:
        return name or "—"
    return f"{product} ({name})" if name and name != product else product


@attrs.frozen(kw_only=True)
class SeasonProblem:
    """A problem of a season, located: file and line, product, then the JSON path.

    Attributes:
        problem: what is wrong, with its path inside the line's document.
        file: the file it was read from, if any.
        line: the line (from 1) of JSON Lines, or of the document's start in a JSON array.
        product: the product the document is about, when it can be read.
        name: the product's name, when its document was read.
        kind: the kind of the document (``"score_card"``, ``"product"``), when known.
    """

    problem: Problem
    file: str | None = None
    line: int | None = None
    product: str | None = None
    name: str | None = None
    kind: str | None = None

    @property
    def code(self) -> str:
        """The problem's stable code."""
        return self.problem.code

    @property
    def path(self) -> str:
        """The JSON path inside the line's document."""
        return self.problem.path

    @property
    def where(self) -> str:
        """``file:line``, as compilers and linters write it.

        >>> SeasonProblem(problem=Problem(code="c", message_vi="v", message_en="e"),
        ...     file="season.jsonl", line=12).where
        'season.jsonl:12'
        """
        if self.line is None:
            return self.file or "-"
        return f"{self.file or '-'}:{self.line}"

    @property
    def about(self) -> str | None:
        """The product with its name, ``p1 (Trà xạ đen)``, when the document names one."""
        return None if self.product is None else _named(self.product, self.name)

    def describe(self, lang: Lang = "vi", *, reveal: bool = False) -> str:
        """``file:line: product (name): path: message [code]``, personal data masked unless
        ``reveal`` (:mod:`ocop.privacy`)."""
        about = "" if self.about is None else f"{self.about}: "
        return f"{self.where}: {about}{self.problem.describe(lang, reveal=reveal)}"

    def as_json(self, lang: Lang = "vi", *, reveal: bool = False) -> dict[str, Any]:
        """The problem as plain JSON values, its message in ``lang``, its value masked when it
        is personal data unless ``reveal``."""
        value = self.problem.shown_value(reveal=reveal)
        plain = value if isinstance(value, str | int | float | bool | type(None)) else str(value)
        return {
            "file": self.file,
            "line": self.line,
            "product": self.product,
            "name": self.name,
            "kind": self.kind,
            "path": self.problem.path,
            "code": self.problem.code,
            "message": self.problem.message(lang),
            "value": plain,
        }


@attrs.frozen(kw_only=True)
class SeasonEntry:
    """One document of a season as it was read: where, of what kind, and what was wrong.

    Attributes:
        kind: ``"score_card"``, ``"product"``, another kind of document, or ``None`` when
            the kind cannot be told.
        value: the card or product read; ``None`` when it has problems.
        product: the product the document is about (a card's ``product``, a product's
            ``id``) when it can be read, even from a document with problems.
        file: the file it comes from.
        line: its line in that file (from 1).
        problems: what is wrong with it, with paths inside the document.
        last: whether it is the product's last document in the input (the product is
            ranked as soon as it is read).
    """

    kind: str | None
    value: Any = None
    product: str | None = None
    file: str | None = None
    line: int | None = None
    problems: tuple[Problem, ...] = ()
    last: bool = False

    @classmethod
    def of(
        cls,
        data: object,
        *,
        file: str | None = None,
        line: int | None = None,
        kind: str | None = None,
        limits: Any = None,
    ) -> SeasonEntry:
        """Read one parsed JSON document of a season through the published contract.

        The document is checked as :func:`ocop.json.load` checks any (lone surrogates,
        repeated keys, numbers that are not finite or too large, ``limits``), after its kind
        and product are told, so that its problems count against its product.

        Args:
            data: the document, as :func:`json.loads` (or :data:`ocop._schema.DECODER`,
                which marks repeated keys) gives it.
            file: where it comes from.
            line: its line.
            kind: its kind; told by its fields (:func:`ocop.json.guess_kind`) when left out.
            limits: the size and shape limits of the document (:class:`ocop.json.Limits`).
        """
        from ocop._schema import Limits, check_document, guess_kind

        found = kind or guess_kind(data)
        product = _product_of(data, found)
        if found is None:
            problem = Problem(
                code="document.unknown_kind",
                path="$",
                value=_keys(data) if isinstance(data, dict) else type(data).__name__,
                message_vi="Không xác định được loại tài liệu (thẻ chấm điểm, sản phẩm, …)",
                message_en="cannot tell the kind of document (score card, product, …)",
            )
            try:
                check_document(data, limits)
            except OcopError as error:
                problems = (problem, *error.problems)
            else:
                problems = (problem,)
            return cls(kind=None, product=product, file=file, line=line, problems=problems)
        if found == "score_card":
            # A card's own route, as ocop.json.load takes it: a broken card is refused without
            # the rest of the contract.
            from ocop import _fastcard

            try:
                card = _fastcard.checked(data, "$", limits or Limits())
            except OcopError as error:
                return cls(
                    kind=found, product=product, file=file, line=line, problems=error.problems
                )
            if card is not None:
                return cls(kind=found, value=card, product=product, file=file, line=line)
        from ocop import json as ocop_json

        try:
            value = ocop_json.load(found, data, limits=limits)
        except OcopError as error:
            return cls(kind=found, product=product, file=file, line=line, problems=error.problems)
        return cls(kind=found, value=value, product=product, file=file, line=line)


_new: Final = object.__new__
# Whether an entry is only its fields: no converter, validator or hook to run on them.
_PLAIN_ENTRY: Final = all(
    field.converter is None and field.validator is None for field in attrs.fields(SeasonEntry)
) and not hasattr(SeasonEntry, "__attrs_post_init__")
_SET_KIND, _SET_VALUE, _SET_PRODUCT, _SET_FILE, _SET_LINE, _SET_PROBLEMS, _SET_LAST = (
    SeasonEntry.__dict__[field.name].__set__ for field in attrs.fields(SeasonEntry)
)


def _card_entry(
    card: ScoreCard, product: str, file: str | None, line: int, last: bool
) -> SeasonEntry:
    """The entry of a card read without a problem, as ``SeasonEntry(...)`` would make it.

    A season holds a card a line, so its entries are made by setting their slots while the
    class has neither converters nor validators (``tests/test_season.py`` checks they are
    equal); otherwise by the constructor.
    """
    if not _PLAIN_ENTRY:
        return SeasonEntry(
            kind="score_card", value=card, product=product, file=file, line=line, last=last
        )
    entry: SeasonEntry = _new(SeasonEntry)
    _SET_KIND(entry, "score_card")
    _SET_VALUE(entry, card)
    _SET_PRODUCT(entry, product)
    _SET_FILE(entry, file)
    _SET_LINE(entry, line)
    _SET_PROBLEMS(entry, ())
    _SET_LAST(entry, last)
    return entry


def _keys(data: dict[Any, Any]) -> list[str]:
    """The keys of an object of unknown kind, sorted, as text that can be written."""
    return sorted(printable(key) for key in data)


def _product_of(data: object, kind: str | None) -> str | None:
    """The product a document is about, read as the domain classes would normalise it.

    ``None`` when it names none, or names it in text UTF-8 cannot write (a lone surrogate).
    """
    if not isinstance(data, dict):
        return None
    raw = data.get("id") if kind == "product" else data.get("product")
    if not isinstance(raw, str) or not raw.strip():
        return None
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return nfc(raw)


# A JSON string's body written as runs of plain characters between escapes, which the regular
# expression engine reads faster than an alternative tried at every character.
_PRODUCT_FIELD: Final = re.compile(rb'"product"\s*:\s*"([^"\\]*(?:\\.[^"\\]*)*)"')


def last_lines(lines: Iterable[bytes | str]) -> dict[str, int]:
    """The line (from 1) of each product's last document, in a first, cheap pass.

    Only the ``product`` field of a card is looked for (a product document's ``id`` when it
    has none); a line where it cannot be found at once is parsed as JSON.

    >>> last_lines(['{"product": "p1", "member": "a"}', '{"product": "p2"}',
    ...     '{"product": "p1", "member": "b"}'])
    {'p1': 3, 'p2': 2}
    """
    last: dict[str, int] = {}
    named: dict[bytes, str | None] = {}  # each product's field as written, read once
    # The usual line's product field as written, and the last line that writes it so; read
    # as text once each, when every line is seen.
    written_last: dict[bytes, int] = {}
    for number, line in enumerate(lines, start=1):
        raw = line if type(line) is bytes else _raw(line)
        # The usual line names its product once, as ``"product": "…"``: the text up to the
        # next quote is its product, unless it holds an escape (the line then takes the
        # pattern's route).
        at = raw.find(b'"product": "')
        if at >= 0 and raw.count(b'"product"') == 1:
            end = raw.find(b'"', at + 12)
            if end >= 0:
                written = raw[at + 12 : end]
                if BACKSLASH not in written:
                    written_last[written] = number
                    continue
        product = _product_on(raw, named)
        if product:
            last[product] = number
    for written, number in written_last.items():
        product = _plain_product(written)  # None for a text that is not UTF-8
        if product and number > last.get(product, 0):
            last[product] = number
    return last


def _raw(line: bytes | str) -> bytes:
    return line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass")


def _product_on(raw: bytes, named: dict[bytes, str | None]) -> str | None:
    """The product a line names, found by the pattern of its field, or else by parsing it
    (``named``: the product fields read so far, as written)."""
    import json

    from ocop import json as ocop_json

    found = _PRODUCT_FIELD.findall(raw)
    product: str | None = None
    if len(found) == 1:
        written = found[0]
        if written not in named:
            named[written] = _plain_product(written)
        product = named[written]
    if product is None and raw.strip():
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            return None
        product = _product_of(data, ocop_json.guess_kind(data))
    return product


def _plain_product(written: bytes) -> str | None:
    """A product field written without escapes, read as text; ``None`` when it has some."""
    if BACKSLASH in written:
        return None
    try:
        return nfc(written.decode())
    except UnicodeDecodeError:
        return None


def read_season(
    lines: Iterable[bytes | str],
    *,
    file: str | None = None,
    kind: str | None = None,
    ends: Mapping[str, int] | None = None,
    limits: Any = None,
) -> Iterator[SeasonEntry]:
    """Read a season's JSON Lines, one :class:`SeasonEntry` per non-blank line.

    Score cards take the contract's fast path; any other line is parsed within ``limits``
    (:class:`ocop.json.Limits`), its kind told by its fields unless ``kind`` is given, and
    checked as :func:`ocop.json.load` checks any document (:meth:`SeasonEntry.of`).

    Args:
        lines: the lines, as bytes or text (a file opened in binary mode is fastest).
        file: the file's name, for locating problems.
        kind: read every line as this kind of document.
        ends: each product's last line (:func:`last_lines`), to rank products as soon as
            their last card is read.
        limits: the size and shape limits of one line (:class:`ocop.json.Limits`).
    """
    for item in _read_lines(SeasonLines(lines, file=file, kind=kind, ends=ends, limits=limits)):
        yield item if type(item) is SeasonEntry else _entry_of(item)


@attrs.frozen(eq=False)
class SeasonLines:
    """A file of a season's JSON Lines, handed whole to :func:`score_season`.

    It is read as :func:`read_season` reads it, with the same arguments, and gives the same
    outcomes as its entries would; a card read without a problem is not made into an entry
    first, which spares a national season a few percent.

    >>> lines = ['{"decision": "1048", "set_no": 13, "member": "m1", "product": "p1",'
    ...     ' "choices": {"1.1": 99}}']
    >>> [o.status for o in score_season([SeasonLines(lines, file="s.jsonl")])]
    [<SeasonStatus.REFUSED: 'refused'>]
    """

    lines: Iterable[bytes | str]
    file: str | None = attrs.field(default=None, kw_only=True)
    kind: str | None = attrs.field(default=None, kw_only=True)
    ends: Mapping[str, int] | None = attrs.field(default=None, kw_only=True)
    limits: Any = attrs.field(default=None, kw_only=True)


# A card read without a problem, where it was read: the card, its file, its line, and whether
# it is its product's last document.
_CardAt = tuple[ScoreCard, "str | None", int, bool]


def _read_lines(source: SeasonLines) -> Iterator[SeasonEntry | _CardAt]:
    """The entries of a file's lines; a card read without a problem as a :data:`_CardAt`."""
    from ocop import _fastcard
    from ocop._schema import Limits

    file, kind = source.file, source.kind
    bounds = source.limits or Limits()
    fast = kind in (None, "score_card")
    ends = source.ends or {}
    read_line = _fastcard.read_line
    for number, line in enumerate(source.lines, start=1):
        card = read_line(line, bounds) if fast else None
        if card is not None:
            yield (card, file, number, ends.get(card.product) == number)
            continue
        entry = _line_entry(line, number, source, bounds, ends)
        if entry is not None:
            yield entry


def _line_entry(
    line: bytes | str, number: int, source: SeasonLines, bounds: Any, ends: Mapping[str, int]
) -> SeasonEntry | None:
    """The entry of a line the fast path does not read as a card; ``None`` for a blank line."""
    from ocop._schema import decode

    if not line.strip():
        return None
    file, kind = source.file, source.kind
    try:
        data = decode(line, limits=bounds)
    except OcopError as error:
        return SeasonEntry(kind=kind, file=file, line=number, problems=error.problems)
    entry = SeasonEntry.of(data, file=file, line=number, kind=kind, limits=bounds)
    if entry.product is not None and ends.get(entry.product) == number:
        entry = attrs.evolve(entry, last=True)
    return entry


def _entry_of(item: SeasonEntry | _CardAt) -> SeasonEntry:
    if type(item) is SeasonEntry:
        return item
    card, file, line, last = item  # type: ignore[misc]
    return _card_entry(card, card.product, file, line, last)


# -- outcomes ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Outcome:
    """What became of one product of a season.

    Attributes:
        product: the product's identifier; ``None`` for a document that names no product.
        name: the product's name, when its document was read.
        status: ranked, eliminated, refused, no sheet or no cards.
        decision: the decision whose sheet the product is scored on.
        set_no: the product set.
        sheet_name: the product set's name.
        cards: how many cards were read for it.
        council: the council's result, when it was computed.
        classification: the band, star and why, when ranked or eliminated.
        problems: every problem of its documents, located.
    """

    product: str | None
    name: str | None = None
    status: SeasonStatus
    decision: str | None = None
    set_no: int | None = None
    sheet_name: str | None = None
    cards: int = 0
    council: CouncilResult | None = None
    classification: Classification | None = None
    problems: tuple[SeasonProblem, ...] = ()

    @property
    def label(self) -> str:
        """The product's identifier with its name: ``p1 (Trà xạ đen)``; for a document that
        names no product, where it is."""
        if self.product is None and self.problems:
            return self.problems[0].where
        return _named(self.product, self.name)

    @property
    def refused(self) -> bool:
        """Whether the product was refused for problems in its documents."""
        return self.status is SeasonStatus.REFUSED

    def heading(self, lang: Lang = "vi") -> str:
        """``p1 (Trà xạ đen) — 1048/2019, bộ 13: Các sản phẩm khác từ chè, trà``."""
        if self.decision is None:
            return self.label
        word = "set" if lang == "en" else "bộ"
        sheet = f": {self.sheet_name}" if self.sheet_name else ""
        return f"{self.label} — {self.decision}, {word} {self.set_no}{sheet}"

    def explain(self, lang: Lang = "vi", *, reveal: bool = False) -> str:
        """The product's star and why, or why it has none, with every problem located (personal
        data masked unless ``reveal``)."""
        en = lang == "en"
        if self.classification is not None:
            return self.classification.explain(lang, name=self.name)
        if self.status is SeasonStatus.NO_CARDS:
            reason = "no score card was read for it" if en else "không có phiếu chấm nào"
        elif self.status is SeasonStatus.NO_SHEET:
            reason = (
                "its score sheet has no public copy; it cannot be scored"
                if en
                else "phiếu chấm của bộ sản phẩm chưa có bản công khai, không chấm được"
            )
        else:
            count = len(self.problems)
            reason = (
                f"refused: {count} problem{'s' if count != 1 else ''}, no star computed"
                if en
                else f"bị từ chối: {count} vấn đề, không tính hạng sao"
            )
        lines = [f"{self.label}: {reason}."]
        lines.extend(f"- {problem.describe(lang, reveal=reveal)}" for problem in self.problems)
        return "\n".join(lines)

    def as_json(self, lang: Lang = "vi", *, reveal: bool = False) -> dict[str, Any]:
        """The outcome as plain JSON values, texts in ``lang``, personal data masked unless
        ``reveal``."""
        ranking = self.classification
        council = self.council
        return {
            "product": self.product,
            "name": self.name,
            "status": self.status.value,
            "decision": self.decision,
            "set_no": self.set_no,
            "sheet": self.sheet_name,
            "cards": self.cards,
            "score": None if council is None else float(council.score),
            "totals": None if council is None else list(card_totals(council)),
            "band": None if ranking is None else ranking.band.stars,
            "star": None if ranking is None or ranking.star is None else ranking.star.stars,
            "certifiable": False if ranking is None else ranking.certifiable,
            "explanation": self.explain(lang, reveal=reveal),
            "problems": [problem.as_json(lang, reveal=reveal) for problem in self.problems],
        }

    def json_text(self, lang: Lang = "vi", *, reveal: bool = False) -> str:
        """The outcome as one line of JSON text, exactly
        ``json.dumps(self.as_json(lang, reveal=reveal), ensure_ascii=False)``.

        A ranked or eliminated product with no problem, a season's usual outcome, is written
        straight from its fields (a season writes one a product).
        """
        ranking = self.classification
        council = self.council
        if self.problems or ranking is None or council is None:
            return json.dumps(self.as_json(lang, reveal=reveal), ensure_ascii=False)
        text = _JSON_TEXT
        star = ranking.star
        # What many products share is written once: their sheet, and their band and star.
        status = self.status
        sheet_key = (status._value_, self.decision, self.set_no, self.sheet_name)
        sheet = _SHEET_TEXTS.get(sheet_key)
        if sheet is None:
            sheet = (
                f'"status": {text(status.value)}, "decision": {_json_or_null(self.decision)}, '
                f'"set_no": {_json_int(self.set_no)}, "sheet": {_json_or_null(self.sheet_name)}, '
            )
            _SHEET_TEXTS[sheet_key] = _held(_SHEET_TEXTS, sheet)
        certifiable = ranking.certifiable
        en = lang == "en"
        rank_key = (en, ranking.band.stars, None if star is None else star.stars, certifiable)
        held = _RANK_TEXTS.get(rank_key)
        if held is None:
            rank = (
                f'"band": {ranking.band.stars!r}, '
                f'"star": {"null" if star is None else repr(star.stars)}, '
                f'"certifiable": {"true" if certifiable else "false"}, '
            )
            # The words after the score in the explanation, as JSON text without its quotes.
            words = text(" " + ranking.standing(lang))[1:-1]
            held = _RANK_TEXTS[rank_key] = _held(_RANK_TEXTS, (rank, words))
        rank, words = held
        # The council's score as the JSON number ``float`` writes, by value (equal scores
        # write alike).
        score = _SCORE_TEXTS.get(council.score)
        if score is None:
            # Room for every score at two decimals, 0.00 to 100.00.
            score = _SCORE_TEXTS[council.score] = _held(
                _SCORE_TEXTS, repr(float(council.score)), 16384
            )
        product = _json_or_null(self.product)
        name = self.name
        about = ranking.product
        if (
            ranking.eliminated
            or ranking.unmet
            or ranking.advisory
            or ranking.notes
            or (name and name != about)
        ):
            explanation = text(self.explain(lang, reveal=reveal))
        else:
            # The explanation's one line, ``p1: 71.00 điểm, khung 4★, …``, written in place.
            named = product if about == self.product else text(about)
            explanation = f'{named[:-1]}: {ranking.score}{words}"'
        return (
            f'{{"product": {product}, "name": {_json_or_null(name)}, '
            f'{sheet}"cards": {int(self.cards)!r}, "score": {score}, '
            f'"totals": {list(card_totals(council))!r}, {rank}'
            f'"explanation": {explanation}, "problems": []}}'
        )


# The JSON text of the fields many outcomes share, by their values (a few hundred at most).
_SHEET_TEXTS: Final[dict[tuple[Any, ...], str]] = {}
_RANK_TEXTS: Final[dict[tuple[Any, ...], tuple[str, str]]] = {}
_SCORE_TEXTS: Final[dict[Any, str]] = {}


T = TypeVar("T")


def _held(texts: dict[Any, T], text: T, room: int = 1024) -> T:
    """``text``, once ``texts`` has room for it."""
    if len(texts) >= room:
        texts.clear()
    return text


_JSON_TEXT: Final[Callable[[str], str]] = json.encoder.encode_basestring


def _json_or_null(text: str | None) -> str:
    return "null" if text is None else _JSON_TEXT(text)


def _json_int(number: int | None) -> str:
    return "null" if number is None else repr(int(number))


class _Council:
    """The documents of one product read so far.

    ``plain`` stays true while every document is a card read without a problem: such a
    council, its cards all on one sheet, is ranked without looking at each document.
    """

    __slots__ = ("document", "entries", "others", "plain", "product")

    def __init__(self, product: str) -> None:
        self.product = product
        # Its documents as read: a card read without a problem is appended as it is (its
        # entry, or the card where it was read), and counts as a card.
        self.entries: list[SeasonEntry | _CardAt] = []
        self.document: Product | None = None
        self.others = 0  # the entries that are not score cards
        self.plain = True

    @property
    def cards(self) -> int:
        """How many of its documents are score cards."""
        return len(self.entries) - self.others

    def add(self, entry: SeasonEntry) -> None:
        if entry.kind == "product":
            from ocop.product import Product

            if isinstance(entry.value, Product):
                self.document = entry.value
        if entry.kind != "score_card":
            self.others += 1
        self.plain = False
        self.entries.append(entry)

    def settled(self) -> list[SeasonEntry]:
        """Every document as its entry."""
        return [_entry_of(item) for item in self.entries]


def _located(entry: SeasonEntry, problem: Problem, name: str | None) -> SeasonProblem:
    return SeasonProblem(
        problem=problem,
        file=entry.file,
        line=entry.line,
        product=entry.product,
        name=name,
        kind=entry.kind,
    )


_CARD_PATH: Final = re.compile(r"^\$\.cards\[(\d+)\](.*)$")


def _card_problems(
    error: OcopError, cards: list[SeasonEntry], name: str | None
) -> Iterator[SeasonProblem]:
    """A council's problems, each moved from ``$.cards[i]`` to card i's file and line."""
    seen: dict[object, int] = {}
    for problem in error.problems:
        match = _CARD_PATH.match(problem.path)
        if match is not None:
            entry = cards[int(match.group(1))]
            yield _located(entry, attrs.evolve(problem, path="$" + match.group(2)), name)
            continue
        at = cards[0]
        if problem.code == "council.duplicate_member":
            # The second card of the member is the one too many.
            twice = [e for e in cards if getattr(e.value, "member", None) == problem.value]
            seen[problem.value] = seen.get(problem.value, 0) + 1
            at = twice[min(len(twice) - 1, seen[problem.value])]
            problem = attrs.evolve(problem, path="$.member")
        yield _located(at, problem, name)


def _wrong_sheet(card: ScoreCard, decision: str, set_no: int) -> Problem:
    return Problem(
        code="season.other_sheet",
        path="$.set_no" if card.decision == decision else "$.decision",
        value={"decision": card.decision, "set_no": card.set_no},
        message_vi=f"Phiếu chấm theo bộ {card.set_no} của QĐ {card.decision}, nhưng sản phẩm "
        f"được chấm theo bộ {set_no} của QĐ {decision}",
        message_en=f"the card is for set {card.set_no} of {card.decision}, but the product "
        f"is scored on set {set_no} of {decision}",
    )


def _close(
    council: _Council,
    known: Mapping[str, Product],
    marker_policy: MarkerPolicy,
    minima_781: Minima781,
    sheets: dict[tuple[str, int], Sheet | OcopError],
) -> Outcome:
    """Rank one product, or say why it has no star (``sheets``: those looked up so far)."""
    if council.plain and council.product not in known:
        ranked = _close_plain(council, marker_policy, minima_781, sheets)
        if ranked is not None:
            return ranked
    entries = council.settled()
    document = council.document or known.get(council.product)
    name = None if document is None else document.name
    problems = [_located(entry, problem, name) for entry in entries for problem in entry.problems]
    cards = [e for e in entries if e.kind == "score_card" and e.value is not None]
    read = council.cards
    if document is not None:
        decision, set_no = document.decision, document.set_no
    elif cards:
        decision, set_no = cards[0].value.decision, cards[0].value.set_no
    else:
        status = SeasonStatus.REFUSED if problems else SeasonStatus.NO_CARDS
        return Outcome(product=council.product, status=status, cards=read, problems=tuple(problems))
    fitting = []
    for entry in cards:
        card: ScoreCard = entry.value
        if (card.decision, card.set_no) == (decision, set_no):
            fitting.append(entry)
        else:
            problems.append(_located(entry, _wrong_sheet(card, decision, set_no), name))
    base: dict[str, Any] = {
        "product": council.product,
        "name": name,
        "decision": decision,
        "set_no": set_no,
    }
    sheet = sheets.get((decision, set_no))
    if sheet is None:
        sheet = sheets[decision, set_no] = _sheet(decision, set_no)
    if isinstance(sheet, OcopError):
        at = entries[0]
        problems.extend(_located(at, problem, name) for problem in sheet.problems)
        return Outcome(**base, status=SeasonStatus.REFUSED, cards=read, problems=tuple(problems))
    base["sheet_name"] = sheet.name
    if not sheet.available:
        # Not a problem of the input: the product is told it has no sheet, and nothing else.
        status = SeasonStatus.REFUSED if problems else SeasonStatus.NO_SHEET
        return Outcome(**base, status=status, cards=read, problems=tuple(problems))
    if not cards and not problems:
        return Outcome(**base, status=SeasonStatus.NO_CARDS, cards=read)
    result: CouncilResult | None = None
    if fitting:
        try:
            result = aggregate(sheet, [e.value for e in fitting], allow_elimination=True)
        except InputError as error:
            problems.extend(_card_problems(error, fitting, name))
    if problems or result is None:
        return Outcome(**base, status=SeasonStatus.REFUSED, cards=read, problems=tuple(problems))
    ranking = classify(sheet, result, marker_policy=marker_policy, minima_781=minima_781)
    return Outcome(
        **base,
        status=SeasonStatus.ELIMINATED if ranking.star is None else SeasonStatus.RANKED,
        cards=read,
        council=result,
        classification=ranking,
    )


def _close_plain(
    council: _Council,
    marker_policy: MarkerPolicy,
    minima_781: Minima781,
    sheets: dict[tuple[str, int], Sheet | OcopError],
) -> Outcome | None:
    """Rank a council of cards read without a problem, none of whose documents was read;
    ``None`` when the general route must say what went wrong (cards on several sheets, among
    others)."""
    entries = council.entries
    try:  # a file's cards, each held where it was read: the card first
        cards: list[ScoreCard] = list(map(_FIRST, entries))  # type: ignore[arg-type]
    except TypeError:  # entries among them
        cards = [
            item[0] if type(item) is tuple else item.value  # type: ignore[union-attr]
            for item in entries
        ]
    # The first card names the sheet; aggregate refuses a card on another.
    decision, set_no = cards[0].decision, cards[0].set_no
    sheet = sheets.get((decision, set_no))
    if sheet is None:
        sheet = sheets[decision, set_no] = _sheet(decision, set_no)
    if isinstance(sheet, OcopError) or not sheet.available:
        return None
    try:
        result = aggregate(sheet, cards, allow_elimination=True)
    except InputError:
        return None
    ranking = classify(sheet, result, marker_policy=marker_policy, minima_781=minima_781)
    status = SeasonStatus.ELIMINATED if ranking.star is None else SeasonStatus.RANKED
    if not _OUTCOME_DIRECT:
        return Outcome(
            product=council.product,
            status=status,
            decision=decision,
            set_no=set_no,
            sheet_name=sheet.name,
            cards=council.cards,
            council=result,
            classification=ranking,
        )
    # What the constructor would store, each slot written directly (a season makes one a
    # product).
    outcome: Outcome = _new(Outcome)
    (
        set_product,
        set_name,
        set_status,
        set_decision,
        set_set_no,
        set_sheet_name,
        set_cards,
        set_council,
        set_classification,
        set_problems,
    ) = _OUTCOME_SLOTS
    set_product(outcome, council.product)
    set_name(outcome, None)
    set_status(outcome, status)
    set_decision(outcome, decision)
    set_set_no(outcome, set_no)
    set_sheet_name(outcome, sheet.name)
    set_cards(outcome, council.cards)
    set_council(outcome, result)
    set_classification(outcome, ranking)
    set_problems(outcome, ())
    return outcome


# Whether Outcome stores its fields as given, in this order (tests/test_season.py checks the
# outcomes made so equal those of the constructor); if it ever does not, the constructor is
# always called.
_OUTCOME_DIRECT: Final = stores_as_given(Outcome) and tuple(
    field.name for field in attrs.fields(Outcome)
) == (
    "product",
    "name",
    "status",
    "decision",
    "set_no",
    "sheet_name",
    "cards",
    "council",
    "classification",
    "problems",
)
_OUTCOME_SLOTS: Final = tuple(slot_setters(Outcome).values())
_FIRST: Final = operator.itemgetter(0)


def _sheet(decision: str, set_no: int) -> Sheet | OcopError:
    """The sheet a product is scored on, or why there is none (a bundled sheet is read from
    its own file, without the rest of its decision)."""
    from ocop.rubric import normalise_decision
    from ocop.rubric._load import bundled_sheet

    try:
        return bundled_sheet(normalise_decision(decision), set_no)
    except OcopError as error:
        return error


def _late(entry: SeasonEntry) -> Outcome:
    problem = Problem(
        code="season.late_document",
        path="$",
        value=entry.product,
        message_vi="Tài liệu đến sau khi sản phẩm đã được xếp hạng (hội đồng đã đủ phiếu); "
        "nó không được tính",
        message_en="the document comes after the product was ranked (its council was "
        "complete); it is not counted",
    )
    located = [_located(entry, problem, None)]
    located.extend(_located(entry, other, None) for other in entry.problems)
    return Outcome(product=entry.product, status=SeasonStatus.REFUSED, problems=tuple(located))


def score_season(
    documents: Iterable[SeasonEntry | ScoreCard | Product | SeasonLines],
    *,
    products: Iterable[Product] = (),
    council_size: int | None = None,
    marker_policy: MarkerPolicy = MarkerPolicy.COUNCIL_MEAN,
    minima_781: Minima781 = Minima781.ADVISORY,
) -> Iterator[Outcome]:
    """Rank every product of a season, one :class:`Outcome` each, never stopping at a problem.

    Cards are grouped by product into councils; a council is ranked when the product's last
    document is read (:attr:`SeasonEntry.last`), when it holds ``council_size`` cards, or at
    the end.
    Each product is scored on the sheet its product document names (or its first card's);
    every card is checked against that sheet (every problem reported, located); an
    eliminating option ranks the product eliminated without refusing it (QĐ 26/2026/QĐ-TTg,
    notes under each sheet); a product any of whose documents has a problem is refused, and
    the others are ranked all the same.

    Args:
        documents: entries read by :func:`read_season`, cards and products as objects, or
            whole files of lines (:class:`SeasonLines`), read as :func:`read_season` reads them.
        products: products known beforehand (names and sheets), e.g. from a register.
        council_size: how many cards make a council, when it is known.
        marker_policy: how markers are judged on several cards (:func:`ocop.classify`).
        minima_781: how the QĐ 781/2020 minima act on 1048 sheets.

    Yields:
        One outcome per product, in the order their councils close; then, for every product of
        ``products`` no document named, a ``no_cards`` outcome. A document that names no
        product gives an outcome of its own, with ``product`` ``None``.
    """
    season = _Season(
        known={product.id: product for product in products},
        council_size=council_size,
        marker_policy=marker_policy,
        minima_781=minima_781,
    )
    for position, item in enumerate(documents, start=1):
        if type(item) is SeasonLines:
            yield from season.read(item)
            continue
        outcome = season.take(_as_entry(item, position))  # type: ignore[arg-type]
        if outcome is not None:
            yield outcome
    yield from _close_the_rest(
        season.pending, season.closed, season.known, marker_policy, minima_781, season.sheets
    )


class _Season:
    """The councils of a season being scored: those open, and the products already ranked."""

    __slots__ = (
        "closed",
        "council_size",
        "known",
        "marker_policy",
        "minima_781",
        "pending",
        "sheets",
    )

    def __init__(
        self,
        *,
        known: dict[str, Product],
        council_size: int | None,
        marker_policy: MarkerPolicy,
        minima_781: Minima781,
    ) -> None:
        self.known = known
        self.council_size = council_size
        self.marker_policy = marker_policy
        self.minima_781 = minima_781
        self.pending: dict[str, _Council] = {}
        self.closed: set[str] = set()
        self.sheets: dict[tuple[str, int], Sheet | OcopError] = {}

    def close(self, council: _Council) -> Outcome:
        """Rank a council whose last document was read, and let it go."""
        del self.pending[council.product]
        self.closed.add(council.product)
        return _close(council, self.known, self.marker_policy, self.minima_781, self.sheets)

    def take(self, entry: SeasonEntry) -> Outcome | None:
        """Add one document; the outcome it closes or makes, if any."""
        about, card = entry.product, entry.value
        if about is None:
            if entry.problems:
                return Outcome(
                    product=None,
                    status=SeasonStatus.REFUSED,
                    problems=tuple(_located(entry, p, None) for p in entry.problems),
                )
            return None
        kind = entry.kind
        if kind not in SEASON_KINDS and kind is not None:
            return None
        if about in self.closed:
            return _late(entry)
        council = self.pending.get(about)
        if council is None:
            council = self.pending[about] = _Council(about)
        if kind == "score_card" and type(card) is ScoreCard and not entry.problems:
            council.entries.append(entry)
        else:
            council.add(entry)
        size = self.council_size
        if entry.last or (size is not None and council.cards >= size):
            return self.close(council)
        return None

    def read(self, source: SeasonLines) -> Iterator[Outcome]:
        """Add a file's documents line by line, as :func:`read_season` reads them; the
        outcomes they close or make.

        A card read without a problem is held where it was read (:data:`_CardAt`): no entry
        is made for it.
        """
        from ocop import _fastcard
        from ocop._schema import Limits

        file = source.file
        bounds = source.limits or Limits()
        ends = source.ends or {}
        read_line = _fastcard.read_line if source.kind in (None, "score_card") else _no_card
        ends_get = ends.get
        pending, closed, size = self.pending, self.closed, self.council_size
        for number, line in enumerate(source.lines, start=1):
            card = read_line(line, bounds)
            if card is None:
                entry = _line_entry(line, number, source, bounds, ends)
                outcome = None if entry is None else self.take(entry)
                if outcome is not None:
                    yield outcome
                continue
            about = card.product
            last = ends_get(about) == number
            council = pending.get(about)
            if council is None:
                if about in closed:
                    yield _late(_card_entry(card, about, file, number, last))
                    continue
                council = pending[about] = _Council(about)
            council.entries.append((card, file, number, last))
            if last or (size is not None and council.cards >= size):
                yield self.close(council)


def _no_card(line: bytes | str, limits: Any) -> None:
    """No line is read as a card (the lines are of another kind)."""


def _close_the_rest(
    pending: dict[str, _Council],
    closed: set[str],
    known: Mapping[str, Product],
    marker_policy: MarkerPolicy,
    minima_781: Minima781,
    sheets: dict[tuple[str, int], Sheet | OcopError],
) -> Iterator[Outcome]:
    """The councils still open at the end, then the known products no document named."""
    for council in pending.values():
        closed.add(council.product)
        yield _close(council, known, marker_policy, minima_781, sheets)
    for product_id, product in known.items():
        if product_id not in closed:
            yield Outcome(
                product=product_id,
                name=product.name,
                status=SeasonStatus.NO_CARDS,
                decision=product.decision,
                set_no=product.set_no,
            )


def _as_entry(item: SeasonEntry | ScoreCard | Product, position: int) -> SeasonEntry:
    if isinstance(item, SeasonEntry):
        return item
    if isinstance(item, ScoreCard):
        return SeasonEntry(kind="score_card", value=item, product=item.product, line=position)
    from ocop.product import Product

    if isinstance(item, Product):
        return SeasonEntry(kind="product", value=item, product=item.id, line=position)
    raise TypeError(f"a season is made of entries, cards and products, not {type(item).__name__}")


# -- the summary ------------------------------------------------------------------------------

if TYPE_CHECKING:

    def _statuses(value: Mapping[SeasonStatus, int]) -> Mapping[SeasonStatus, int]: ...
    def _stars(value: Mapping[int, int]) -> Mapping[int, int]: ...

else:
    _statuses = _stars = read_only


@attrs.frozen(kw_only=True)
class SeasonSummary:
    """How a season went: products by status and by star, cards read, problems found.

    Attributes:
        products: outcomes about a product.
        statuses: how many products had each status.
        stars: how many ranked products had each star (1 to 5).
        certifiable: how many products rank 3★ or more.
        cards: the cards read.
        problems: the problems found, located.
    """

    products: int = 0
    statuses: Mapping[SeasonStatus, int] = attrs.field(factory=FrozenMap, converter=_statuses)
    stars: Mapping[int, int] = attrs.field(factory=FrozenMap, converter=_stars)
    certifiable: int = 0
    cards: int = 0
    problems: int = 0

    @property
    def refused(self) -> int:
        """How many products, or documents naming none, were refused."""
        return self.statuses.get(SeasonStatus.REFUSED, 0)

    def render(self, lang: Lang = "vi") -> str:
        """One line: ``2000 products: 1990 ranked (3★ 1200, 4★ 700, …), 5 eliminated, …``."""
        en = lang == "en"
        parts = []
        for status in SeasonStatus:
            count = self.statuses.get(status, 0)
            if not count and status is not SeasonStatus.RANKED:
                continue
            text = f"{count} {status.label(lang)}"
            if status is SeasonStatus.RANKED and self.stars:
                text += " (" + ", ".join(f"{s}★ {n}" for s, n in sorted(self.stars.items())) + ")"
            parts.append(text)
        products = f"{self.products} {_counted(self.products, 'product') if en else 'sản phẩm'}"
        cards = f"{self.cards} {_counted(self.cards, 'card') if en else 'phiếu chấm'}"
        problems = f"{self.problems} {_counted(self.problems, 'problem') if en else 'vấn đề'}"
        certifiable = f"{self.certifiable} {'certifiable' if en else 'được công nhận'}"
        return f"{products}: {', '.join(parts)}; {certifiable}; {cards}, {problems}."

    def as_json(self) -> dict[str, Any]:
        """The summary as plain JSON values."""
        return {
            "products": self.products,
            "statuses": {status.value: self.statuses.get(status, 0) for status in SeasonStatus},
            "stars": {str(stars): count for stars, count in sorted(self.stars.items())},
            "certifiable": self.certifiable,
            "cards": self.cards,
            "problems": self.problems,
        }


def _counted(count: int, noun: str) -> str:
    """The English noun for ``count`` of it: singular for one."""
    return noun if count == 1 else f"{noun}s"


def summarise_season(outcomes: Iterable[Outcome]) -> SeasonSummary:
    """Count a season's outcomes (a generator is consumed once, as it runs).

    >>> summarise_season([Outcome(product="p", status=SeasonStatus.NO_CARDS)]).render("en")
    '1 product: 0 ranked, 1 no cards; 0 certifiable; 0 cards, 0 problems.'
    """
    statuses: dict[SeasonStatus, int] = {}
    stars: dict[int, int] = {}
    products = certifiable = cards = problems = 0
    for outcome in outcomes:
        statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
        products += outcome.product is not None
        cards += outcome.cards
        problems += len(outcome.problems)
        ranking = outcome.classification
        if ranking is not None and ranking.star is not None:
            stars[ranking.star.stars] = stars.get(ranking.star.stars, 0) + 1
            certifiable += ranking.certifiable
    return SeasonSummary(
        products=products,
        statuses=statuses,
        stars=stars,
        certifiable=certifiable,
        cards=cards,
        problems=problems,
    )
