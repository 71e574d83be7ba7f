"""The audit trail of an application: a hash chain over its events.

Each :class:`~ocop.evaluation.Event` of an application carries in ``previous`` the hash of the
event before it (``None`` for the first), and the application carries in ``history_hash`` the
hash of its last event, which seals the whole history. An event's hash is the SHA-256, in
lowercase hexadecimal, of its **canonical JSON**: its published JSON form (what
:func:`ocop.json.dump` writes, ``previous`` included), with the keys sorted by code point, no
whitespace, non-ASCII text as itself, encoded as UTF-8 (:func:`canonical_json`).

So a stored history that was edited (any field of any event), reordered, cut at either end or
lengthened without its seal is refused when the application is built — by a move, by its
constructor, or by :func:`ocop.json.load` — with a :class:`~ocop.errors.HistoryError` (a
``history.*`` problem in a :class:`~ocop.errors.DocumentError` on load) whose path names the
first event that can no longer be trusted.

The chain is kept in the document itself: it catches a history changed by hand or by a program
that does not know the rule; one who recomputes every hash is caught only by comparing the seal
with a copy kept elsewhere (a database, a decision, a signed record).

>>> import attrs
>>> from ocop import Application, Dossier, HistoryError, Product, Subject
>>> from ocop.calendar import date
>>> hoa = Subject(id="s1", name="Hộ Nguyễn Thị Hoa", kind="household")
>>> fish = Product(id="p1", name="Khô cá lóc", decision="26/2026", set_no=8, subject_id="s1")
>>> draft = Application.draft(Dossier(id="d1", subject=hoa, product=fish,
...     evaluation_type="first"), on=date(2026, 6, 1))
>>> canonical_json(draft.events[0]).decode()
'{"action":"draft","actor":"subject","after":"drafted","before":null,"on":"2026-06-01"}'
>>> draft.history_hash == event_hash(draft.events[0])
True
>>> edited = attrs.evolve(draft.events[0], on=date(2026, 5, 1))
>>> try:
...     attrs.evolve(draft, events=(edited,))
... except HistoryError as error:
...     print(error.path, error.code)
$.events[0] history.broken
"""

from __future__ import annotations

import hashlib
import json as _json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from ocop import _structure
from ocop._fields import fail, located, to_optional_text
from ocop.errors import HistoryError, Problem, join_path

__all__ = [
    "HASH_PATTERN",
    "canonical_json",
    "check_history",
    "event_hash",
    "history_problems",
    "last_hash",
    "to_optional_hash",
]

HASH_PATTERN = re.compile(r"^[0-9a-f]{64}$")
"""An event's hash: 64 lowercase hexadecimal digits."""


class _Linked(Protocol):
    @property
    def previous(self) -> str | None: ...


def canonical_json(value: Any) -> bytes:
    """The canonical JSON of a domain object (or of plain JSON values): its published JSON form,
    keys sorted, no whitespace, UTF-8."""
    data = value if isinstance(value, dict) else _structure.unstructure(value)
    return _json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def event_hash(event: object) -> str:
    """The SHA-256 of an event's canonical JSON, as 64 lowercase hexadecimal digits."""
    return hashlib.sha256(canonical_json(event)).hexdigest()


def last_hash(events: Sequence[object]) -> str | None:
    """The hash of the last event: what the next event's ``previous`` holds, and the seal of
    the history; ``None`` when there is no event."""
    return event_hash(events[-1]) if events else None


def to_optional_hash(value: str | None, path: str) -> str | None:
    """A stored hash: ``None`` or 64 lowercase hexadecimal digits."""
    text = to_optional_text(value, path)
    if text is not None and not HASH_PATTERN.match(text):
        raise fail(
            "history.bad_hash",
            path,
            value,
            "Mã băm của sự kiện gồm 64 chữ số thập lục phân viết thường (SHA-256)",
            "an event hash is 64 lowercase hexadecimal digits (SHA-256)",
        )
    return text


if TYPE_CHECKING:

    def optional_hash(value: str | None) -> str | None:
        """A field's stored hash: ``None`` or 64 lowercase hexadecimal digits."""

else:
    optional_hash = located(to_optional_hash)


def _problem(code: str, at: int | None, vi: str, en: str) -> Problem:
    path = "$.history_hash" if at is None else join_path("$.events", at)
    return Problem(code=code, path=path, value=at, message_vi=vi, message_en=en)


def history_problems(events: Sequence[_Linked], seal: str | None) -> list[Problem]:
    """The first break in a history's chain, if any, as a one-item list (empty when sound).

    The problem's path is that of the first event that can no longer be trusted, and its
    value that event's index.
    """
    hashes = [event_hash(event) for event in events]
    where = {digest: at for at, digest in enumerate(hashes)}
    for at, event in enumerate(events):
        expected = hashes[at - 1] if at else None
        if event.previous != expected:
            return _link_problems(at, event, where)
    if not events:
        return []
    return _seal_problems(seal, hashes, where)


def _link_problems(at: int, event: _Linked, where: dict[str, int]) -> list[Problem]:
    """Why event ``at`` does not follow the event before it: cut, unlinked, reordered, or the
    event before it changed."""
    if at == 0:
        return [
            _problem(
                "history.cut",
                0,
                "Lịch sử hồ sơ không bắt đầu từ sự kiện đầu tiên: các sự kiện trước đó đã bị xóa",
                "the history does not start at its first event: the events before it were removed",
            )
        ]
    if event.previous is None:
        return [
            _problem(
                "history.unlinked",
                at,
                f"Sự kiện {at} không mang mã băm của sự kiện trước nó",
                f"event {at} carries no hash of the event before it",
            )
        ]
    follows = where.get(event.previous)
    if follows is not None:
        return [
            _problem(
                "history.reordered",
                at,
                f"Sự kiện {at} sai thứ tự: nó nối tiếp sự kiện {follows}",
                f"event {at} is out of order: it follows event {follows}",
            )
        ]
    return [
        _problem(
            "history.broken",
            at - 1,
            f"Sự kiện {at - 1} đã bị sửa, hoặc các sự kiện sau nó đã bị xóa (sự kiện {at} "
            "không nối tiếp nó)",
            f"event {at - 1} was changed, or events after it were removed (event {at} does "
            "not follow it)",
        )
    ]


def _seal_problems(seal: str | None, hashes: list[str], where: dict[str, int]) -> list[Problem]:
    """Whether the seal is the hash of the last event; if not, what was done after sealing."""
    last = len(hashes) - 1
    if seal is None:
        return [
            _problem(
                "history.unsealed",
                None,
                "Lịch sử hồ sơ thiếu mã băm của sự kiện cuối (history_hash)",
                "the history lacks the hash of its last event (history_hash)",
            )
        ]
    if seal == hashes[last]:
        return []
    sealed_at = where.get(seal)
    if sealed_at is not None:
        return [
            _problem(
                "history.appended",
                sealed_at + 1,
                f"Các sự kiện từ {sealed_at + 1} được thêm vào sau khi lịch sử được niêm phong",
                f"the events from {sealed_at + 1} on were added after the history was sealed",
            )
        ]
    return [
        _problem(
            "history.broken",
            last,
            f"Sự kiện cuối ({last}) đã bị sửa, hoặc các sự kiện sau nó đã bị xóa",
            f"the last event ({last}) was changed, or events after it were removed",
        )
    ]


def check_history(events: Sequence[_Linked], seal: str | None) -> None:
    """Refuse a history whose chain is broken.

    Raises:
        HistoryError: ``history.cut``, ``history.unlinked``, ``history.reordered``,
            ``history.broken``, ``history.appended`` or ``history.unsealed``, at the first
            event that can no longer be trusted.
    """
    problems = history_problems(events, seal)
    if problems:
        raise HistoryError(problems)
