"""Vietnamese text: normalisation on the way in, and folding for name look-ups.

Two names that look the same must compare equal (:func:`nfc`). A name typed by a person
must find the unit whatever its diacritics, case, tone-mark placement ("Hòa" in the older
style, "Hoà" in the newer) or administrative prefix ("TP Long Xuyên", "Thành phố Long
Xuyên", "long xuyen"): :func:`fold` gives one key for all of them.

>>> fold("Thành phố Long Xuyên") == fold("TP. Long Xuyen") == fold("long xuyên")
True
>>> fold("Hòa", marks=True) == fold("Hoà", marks=True) != fold("Hóa", marks=True)
True
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

from ocop.errors import InputError, Problem

__all__ = [
    "BACKSLASH",
    "clean_name",
    "encodable",
    "fold",
    "fold_both",
    "fold_keys",
    "nfc",
    "prefix",
    "printable",
]

BACKSLASH: Final = ord("\\")
"""The backslash of JSON's escapes as a byte's value: ``BACKSLASH in line`` finds it in bytes
directly, where a one-byte needle (``b"\\\\"``) is first tried as an integer and refused, which
costs more than the search."""

# The five tone marks, as combining characters: huyền, sắc, ngã, hỏi, nặng. The other marks
# (circumflex, breve, horn) belong to the vowel itself and never move.
_TONES: Final = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Apostrophes join the parts of a syllable in minority names ("M'Đrắk", "Cư M’gar").
_APOSTROPHES: Final = frozenset("'’ʼ‘`´")

# Administrative prefixes as they are written or abbreviated, and the kind of unit each names.
_PREFIXES: Final = (
    ("thành phố", "thành phố"),
    ("thị xã", "thị xã"),
    ("thị trấn", "thị trấn"),
    ("đặc khu", "đặc khu"),
    ("tỉnh", "tỉnh"),
    ("tp", "thành phố"),
    ("tx", "thị xã"),
    ("tt", "thị trấn"),
    ("huyện", "huyện"),
    ("quận", "quận"),
    ("xã", "xã"),
    ("phường", "phường"),
)


def encodable(text: str, path: str = "$") -> str:
    """``text`` itself, if UTF-8 can write it: a lone surrogate (``"\\ud800"``) it cannot.

    Raises:
        InputError: ``text.unencodable``, with the text's unencodable characters escaped.
    """
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(
                Problem(
                    code="text.unencodable",
                    path=path,
                    value=printable(text[:200]),
                    message_vi="Chuỗi chứa ký tự không mã hoá được bằng UTF-8 (nửa cặp thay thế)",
                    message_en="the text holds a character UTF-8 cannot encode (a lone surrogate)",
                )
            ) from None
    return text


def printable(text: str) -> str:
    """``text`` with what UTF-8 cannot write shown as backslash escapes (``\\ud800``)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def nfc(text: str) -> str:
    """Text in Unicode NFC, trimmed: two strings that look the same compare equal.

    >>> nfc(" Ho\u0300a ") == "Hòa"
    True

    Raises:
        InputError: ``text.unencodable`` for text UTF-8 cannot write (see :func:`encodable`).
    """
    return unicodedata.normalize("NFC", encodable(text)).strip()


def clean_name(text: str) -> str:
    """A name in NFC, trimmed, with every run of spaces made one space.

    >>> clean_name("Phường  An Nhơn")
    'Phường An Nhơn'
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


_WORD: Final = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")


def _token_keys(text: str) -> list[tuple[str, str]]:
    """Each word of ``text`` as (key keeping its marks, key without any mark)."""
    folded = unicodedata.normalize("NFC", text).casefold()
    joined = "".join(char for char in folded if char not in _APOSTROPHES)
    return [_word_keys(word) for word in _WORD.findall(unicodedata.normalize("NFC", joined))]


@functools.lru_cache(maxsize=8192)
def _word_keys(word: str) -> tuple[str, str]:
    if word.isascii():
        return (
            (word.lstrip("0") or "0", word.lstrip("0") or "0") if word.isdigit() else (word, word)
        )
    chars = unicodedata.normalize("NFD", word)
    tones = [char for char in chars if char in _TONES]
    base = unicodedata.normalize("NFC", "".join(char for char in chars if char not in _TONES))
    bare = "".join(char for char in chars if not unicodedata.combining(char)).replace("đ", "d")
    # Wherever the tone mark sat in the syllable ("hòa", "hoà"), it goes last in the key.
    return base + "".join(tones[-1:]), bare


def _prefix_table(marks: bool) -> dict[tuple[str, ...], str]:
    return {
        tuple(pair[0] if marks else pair[1] for pair in _token_keys(written)): kind
        for written, kind in _PREFIXES
    }


_MARKED_PREFIXES: Final = _prefix_table(marks=True)
_BARE_PREFIXES: Final = _prefix_table(marks=False)


def _split(keys: list[tuple[str, str]]) -> tuple[str | None, int]:
    """The kind named by a leading prefix of ``keys`` and how many words it takes.

    Text written with diacritics must write the prefix with them too ("Tịnh Biên" and "Quan
    Sơn" have none); text written without any may have one ("tinh bien", "quan son").
    """
    marked_text = any(marked != bare for marked, bare in keys)
    table = _MARKED_PREFIXES if marked_text else _BARE_PREFIXES
    words = [marked if marked_text else bare for marked, bare in keys[:3]]
    for size in (2, 1):
        if len(keys) > size and (kind := table.get(tuple(words[:size]))):
            return kind, size
    return None, 0


def prefix(text: str) -> str | None:
    """The kind of unit that the prefix of ``text`` names, if it has one.

    >>> prefix("TP. Long Xuyên"), prefix("Thị xã Tịnh Biên"), prefix("Tịnh Biên")
    ('thành phố', 'thị xã', None)
    """
    return _split(_token_keys(text))[0]


def _join(keys: list[tuple[str, str]], marks: bool) -> str:
    return " ".join(marked if marks else bare for marked, bare in keys)


def fold(text: str, *, marks: bool = False) -> str:
    """The look-up key of a name: no prefix, lower case, words separated by one space.

    Without ``marks`` (the default) every diacritic goes and "đ" becomes "d"; with ``marks``
    the diacritics stay but each tone mark moves to the end of its word, so the older and the
    newer placements give the same key. Dashes, dots and other punctuation separate words,
    apostrophes do not, and numbers lose their leading zeros ("Phường 07" is "Phường 7").

    Args:
        text: a name as written ("Thành phố Long Xuyên", "P. 07", "Cư M’gar").
        marks: keep the diacritics.

    Returns:
        The key; names that differ only in what the key ignores have the same key.

    >>> fold("Tỉnh Bà Rịa – Vũng Tàu")
    'ba ria vung tau'
    >>> fold("Huyện Cư M'gar") == fold("cư m’gar")
    True
    >>> fold("Phường 07")
    '7'
    """
    keys = _token_keys(text)
    return _join(keys[_split(keys)[1] :], marks)


def fold_both(text: str) -> tuple[str, str]:
    """``fold(text, marks=True)`` and ``fold(text)``, for the cost of one.

    >>> fold_both("Phường Mỹ Hòa") == (fold("Mỹ Hoà", marks=True), "my hoa")
    True
    """
    keys = _token_keys(text)
    rest = keys[_split(keys)[1] :]
    return _join(rest, marks=True), _join(rest, marks=False)


def fold_keys(text: str, *, marks: bool = False) -> tuple[str, ...]:
    """Every key ``text`` may stand for: without its prefix and, if it has one, whole.

    A name typed without diacritics may start with what only looks like a prefix: "tinh bien"
    is "Tỉnh Biên" or "Tịnh Biên", so both keys are tried.

    >>> fold_keys("tinh bien")
    ('bien', 'tinh bien')
    >>> fold_keys("Tịnh Biên")
    ('tinh bien',)
    """
    keys = _token_keys(text)
    size = _split(keys)[1]
    whole = _join(keys, marks)
    return (_join(keys[size:], marks), whole) if size else (whole,)
