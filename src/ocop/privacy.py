"""Personal data of subjects' representatives, masked in text unless explicitly revealed.

Vietnam's Law on Personal Data Protection (Luật Bảo vệ dữ liệu cá nhân, No. 91/2025/QH15) and
Decree 13/2023/NĐ-CP (Art. 2.3) count among basic personal data a person's phone number,
personal identification number, personal tax code and place of residence. An OCOP subject that
is a household or a household business is a person: its tax code is the householder's personal
identification number (12 digits, Circular 86/2024/TT-BTC) or, before 1 July 2025, personal tax
code, and its phone and address are the householder's own.

So ``ocop`` masks them in every text it writes for people — ``repr``, error messages and problem
values, the command's output — and in the shareable copy written by
``ocop.json.dump(..., redact=True)``. The data themselves stay whole in the objects and in the
ordinary JSON contract; revealing them in text is an explicit option (``reveal=True``,
``--reveal-personal-data``). The rule:

* a **personal identification number** — any 12-digit number, and the tax code of a household
  or household business — keeps its last three digits: ``001203012345`` → ``*********345``;
* a **phone number** keeps its last three digits and its separators:
  ``0912 345 678`` → ``**** *** 678``;
* the **address detail** (house number, street, hamlet) is replaced by ``***``; the commune,
  district and province stay, as product codes and published results show them.

The library cannot tell a cooperative's switchboard from its director's mobile, nor a
production place from the householder's home, so phones and address details are masked for
every subject and every place, not only households'.

>>> mask_number("001203012345")
'*********345'
>>> mask_phone("+84 912 345 678")
'+** *** *** 678'
>>> mask_text("CCCD 001203012345, mã 0312687878")
'CCCD *********345, mã 0312687878'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs

__all__ = [
    "ADDRESS_MASK",
    "KEEP",
    "mask_address",
    "mask_number",
    "mask_personal_number",
    "mask_phone",
    "mask_text",
    "mask_value",
    "masked_repr",
]

KEEP = 3
"""How many digits a masked number keeps at its end."""

ADDRESS_MASK = "***"
"""What an address detail is replaced by."""

_PERSONAL_NUMBER = re.compile(r"(?<![0-9])[0-9]{12}(?![0-9])")


def mask_number(text: str, keep: int = KEEP) -> str:
    """Every digit but the last ``keep`` replaced by ``*``; other characters kept."""
    digits = sum(char.isdigit() for char in text)
    out = []
    for char in text:
        if char.isdigit():
            out.append(char if digits <= keep else "*")
            digits -= 1
        else:
            out.append(char)
    return "".join(out)


def mask_personal_number(number: str) -> str:
    """A 12-digit personal identification number masked; any other number as it is.

    >>> mask_personal_number("001203012345"), mask_personal_number("0312687878")
    ('*********345', '0312687878')
    """
    return mask_number(number) if _PERSONAL_NUMBER.fullmatch(number.strip()) else number


def mask_phone(phone: str) -> str:
    """A phone number with every digit but the last three masked."""
    return mask_number(phone)


def mask_address(detail: str) -> str:
    """An address detail (house number, street, hamlet), replaced whole."""
    return ADDRESS_MASK


def mask_text(text: str) -> str:
    """Free text with every 12-digit number in it masked."""
    return _PERSONAL_NUMBER.sub(lambda found: mask_number(found.group()), text)


_BY_FIELD: dict[str, Callable[[str], str]] = {
    "tax_code": mask_number,
    "phone": mask_phone,
    "detail": mask_address,
}


def mask_value(path: str, value: object) -> object:
    """A problem's value as text may show it: masked by the field it was found in
    (``tax_code``, ``phone``, ``detail``), and any 12-digit number in text masked.

    >>> mask_value("$.contact.phone", "0912345678")
    '*******678'
    >>> mask_value("$.name", "Hộ Nguyễn Thị Hoa")
    'Hộ Nguyễn Thị Hoa'
    >>> mask_value("$.contact", {"phone": 912345678, "email": "hoa@example.vn"})
    {'phone': '******678', 'email': 'hoa@example.vn'}
    """
    field = re.split(r"[.\[]", path)[-1]
    mask = _BY_FIELD.get(field)
    if isinstance(value, dict):
        return {key: mask_value(f"{path}.{key}", item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [mask_value(path, item) for item in value]
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
        if mask is not None:
            return mask(text)
        return mask_number(text) if _PERSONAL_NUMBER.fullmatch(text) else value
    if not isinstance(value, str):
        return value
    return mask(value) if mask is not None else mask_text(value)


def masked_repr(value: Any, masks: Mapping[str, Callable[[Any], object]]) -> str:
    """An attrs object's repr, with the fields named in ``masks`` masked when set."""
    parts = []
    for field in attrs.fields(type(value)):
        if not field.repr:
            continue
        item = getattr(value, field.name)
        mask = masks.get(field.name)
        shown = mask(item) if mask is not None and item is not None else item
        parts.append(f"{field.name}={shown!r}")
    return f"{type(value).__qualname__}({', '.join(parts)})"
