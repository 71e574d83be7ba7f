"""Errors raised by ``ocop``.

Every error carries data, not only a sentence: one or more :class:`Problem` objects, each with
a stable ``code`` that frontends key on (``"tax_code.bad_checksum"``), a JSON-style ``path``
that says where (``$.subject.tax_code``), the offending ``value``, and a message in Vietnamese
and in English. When a whole document is checked, the error holds every problem found.

The exception tree::

    OcopError                      root of everything ocop raises
    ├── InputError (ValueError)    bad input: a value, an object, a document
    │   ├── TaxCodeError           a tax identifier (mã số thuế)
    │   ├── PlaceError             an administrative unit that does not exist
    │   ├── ProductCodeError       an OCOP product code (mã số sản phẩm)
    │   ├── RubricError            a score-sheet (rubric) file that fails its checks
    │   ├── ScoreCardError         a council member's score card
    │   ├── DocumentError          a JSON document (schema, size, depth)
    │   ├── SignatureError         a signed certificate or stamp that does not verify
    │   └── HistoryError           an application's history edited, reordered or cut
    ├── ProcessError               a step the rules of the era do not allow
    │   ├── TransitionError        an illegal move in a dossier's life
    │   ├── AuthorityError         a level recognising stars it may not
    │   ├── ConflictOfInterestError  a member tied to the subject scoring its product
    │   ├── IncompleteDossierError a dossier missing, or with expired, papers
    │   └── DeadlineError          a step taken outside its legal window
    ├── MissingExtraError          an optional extra (``pip install 'ocop[sign]'``) is missing
    └── StoreError                 a database that cannot do what was asked (ocop.store)
        ├── StaleWriteError        a write made on an out-of-date copy, refused
        ├── HistoryRewriteError    an application's kept history changed instead of extended
        └── SchemaVersionError     a database written by a newer ocop

>>> try:
...     raise TaxCodeError(Problem(
...         code="tax_code.bad_checksum", path="$.tax_code", value="0312687877",
...         message_vi="Chữ số kiểm tra của mã số thuế không đúng",
...         message_en="the tax code's check digit is wrong"))
... except ValueError as error:
...     print(error.code, error.path)
tax_code.bad_checksum $.tax_code
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

import attrs

from ocop import privacy

__all__ = [
    "AuthorityError",
    "ConflictOfInterestError",
    "DeadlineError",
    "DocumentError",
    "HistoryError",
    "HistoryRewriteError",
    "IncompleteDossierError",
    "InputError",
    "Lang",
    "MissingExtraError",
    "OcopError",
    "PlaceError",
    "Problem",
    "Problems",
    "ProcessError",
    "ProductCodeError",
    "RubricError",
    "SchemaVersionError",
    "ScoreCardError",
    "SignatureError",
    "StaleWriteError",
    "StoreError",
    "TaxCodeError",
    "TransitionError",
    "join_path",
]

Lang = Literal["vi", "en"]


def join_path(base: str, *parts: str | int) -> str:
    """Extend a JSON-style path: ``join_path("$.cards", 2, "1.5")`` is ``$.cards[2]["1.5"]``.

    >>> join_path("$", "subject", "tax_code")
    '$.subject.tax_code'
    >>> join_path("$.cards", 2, "1.5")
    '$.cards[2]["1.5"]'
    """
    path = base
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.isidentifier():
            path += f".{part}"
        else:
            path += f'["{part}"]'
    return path


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an input, where it is, and what it is, in two languages."""

    code: str
    path: str = "$"
    message_vi: str
    message_en: str
    value: object = None

    def message(self, lang: Lang = "vi") -> str:
        """The message in the chosen language (Vietnamese by default)."""
        return self.message_en if lang == "en" else self.message_vi

    def under(self, prefix: str) -> Problem:
        """The same problem seen from an enclosing document whose path to it is ``prefix``.

        >>> Problem(code="c", path="$.name", message_vi="v", message_en="e").under("$.subject").path
        '$.subject.name'
        """
        rest = self.path[1:] if self.path.startswith("$") else self.path
        return attrs.evolve(self, path=prefix + rest)

    def describe(self, lang: Lang = "vi", *, reveal: bool = False) -> str:
        """A one-line description: ``path: message [code]``, personal identification numbers
        in the message masked unless ``reveal`` (:mod:`ocop.privacy`)."""
        message = self.message(lang)
        return f"{self.path}: {message if reveal else privacy.mask_text(message)} [{self.code}]"

    def shown_value(self, *, reveal: bool = False) -> object:
        """The value as text may show it: a personal identification number, phone number or
        address detail masked unless ``reveal`` (:func:`ocop.privacy.mask_value`).

        >>> Problem(code="contact.bad_phone", path="$.contact.phone", value="0912 345 67x",
        ...     message_vi="v", message_en="e").shown_value()
        '**** **5 67x'
        """
        return self.value if reveal else privacy.mask_value(self.path, self.value)

    def __repr__(self) -> str:
        return privacy.masked_repr(
            self,
            {
                "message_vi": privacy.mask_text,
                "message_en": privacy.mask_text,
                "value": lambda value: self.shown_value(),
            },
        )


class OcopError(Exception):
    """Root of every error ``ocop`` raises. Holds one or more problems."""

    problems: tuple[Problem, ...]

    def __init__(self, problems: Problem | Iterable[Problem]) -> None:
        found = (problems,) if isinstance(problems, Problem) else tuple(problems)
        if not found:
            raise TypeError("an OcopError needs at least one Problem")
        self.problems = found
        super().__init__(self.describe("vi") + "\n" + self.describe("en"))

    @property
    def code(self) -> str:
        """The stable code of the first problem."""
        return self.problems[0].code

    @property
    def path(self) -> str:
        """Where the first problem is."""
        return self.problems[0].path

    @property
    def value(self) -> object:
        """The offending value of the first problem."""
        return self.problems[0].value

    def message(self, lang: Lang = "vi") -> str:
        """The first problem's message in the chosen language."""
        return self.problems[0].message(lang)

    def describe(self, lang: Lang = "vi", *, reveal: bool = False) -> str:
        """Every problem, one per line, in the chosen language (personal data masked unless
        ``reveal``)."""
        return "\n".join(problem.describe(lang, reveal=reveal) for problem in self.problems)

    def __reduce__(self) -> tuple[type[OcopError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


class InputError(OcopError, ValueError):
    """Input that cannot be accepted: a bad value, object or document."""


class TaxCodeError(InputError):
    """A tax identifier that is not valid."""


class PlaceError(InputError):
    """An administrative unit that does not exist in the era asked for."""


class ProductCodeError(InputError):
    """An OCOP product code that cannot be parsed or does not match its places."""


class RubricError(InputError):
    """A rubric (score-sheet) file that fails its schema or integrity checks."""


class ScoreCardError(InputError):
    """A score card that does not fit its sheet."""


class DocumentError(InputError):
    """A JSON document that does not satisfy its schema or the loader's limits."""


class SignatureError(InputError):
    """A signed certificate or a stamp whose signature does not verify with the key given."""


class HistoryError(InputError):
    """An application's stored history that was edited, reordered or cut (its hash chain)."""


class MissingExtraError(OcopError):
    """An optional extra that a function needs is not installed."""


class ProcessError(OcopError):
    """A step that the rules of the era do not allow; nothing was changed."""


class TransitionError(ProcessError):
    """A dossier move that is not allowed from its current state, by this actor, on this day."""


class AuthorityError(ProcessError):
    """A level that tries to recognise or revoke stars its era does not give it."""


class ConflictOfInterestError(ProcessError):
    """A council member tied to the subject may not score its product."""


class IncompleteDossierError(ProcessError):
    """A dossier with missing, expired or inconsistent items."""


class DeadlineError(ProcessError):
    """A step taken outside the window the rules allow."""


class StoreError(OcopError):
    """A database that cannot do what was asked: nothing was written (see :mod:`ocop.store`)."""


class StaleWriteError(StoreError):
    """A write made on a copy that someone else updated since it was read (optimistic
    versioning): read the latest copy and make the change on it."""


class HistoryRewriteError(StoreError):
    """An application whose new state does not keep every event already kept, in order."""


class SchemaVersionError(StoreError):
    """A database whose schema a newer version of ``ocop`` wrote."""


@attrs.define
class Problems:
    """Collects problems while a whole document is checked, then raises them together.

    >>> found = Problems()
    >>> found.add("x.bad", "$.x", 1, vi="x sai", en="x is wrong")
    >>> found.add("y.bad", "$.y", 2, vi="y sai", en="y is wrong")
    >>> try:
    ...     found.raise_if_any(InputError)
    ... except InputError as error:
    ...     print([problem.code for problem in error.problems])
    ['x.bad', 'y.bad']
    """

    items: list[Problem] = attrs.field(factory=list)

    def add(self, code: str, path: str, value: object, *, vi: str, en: str) -> None:
        """Record one problem."""
        self.items.append(Problem(code=code, path=path, value=value, message_vi=vi, message_en=en))

    def extend(self, problems: Iterable[Problem], prefix: str | None = None) -> None:
        """Record problems found by another check, re-rooted under ``prefix`` if given."""
        for problem in problems:
            self.items.append(problem if prefix is None else problem.under(prefix))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def raise_if_any(self, error: type[OcopError]) -> None:
        """Raise ``error`` holding every recorded problem, if there is any."""
        if self.items:
            raise error(self.items)
