"""Tax identifiers of OCOP subjects (mã số thuế).

Three forms are in use:

* the 10-digit tax code of an enterprise, cooperative or other organisation, whose last digit
  is a check digit: weights 31 29 23 19 17 13 7 5 3 on the first nine digits, check digit
  ``10 - (sum mod 11)`` (Circular 105/2020/TT-BTC; a sum giving 10 is never issued);
* the 13-digit form of a dependent unit or branch: the parent's 10 digits, ``-`` and
  001..999 (``0312687878-001``);
* the 12-digit personal identification number that individuals, households and household
  businesses use as their tax code from 1 July 2025 (Circular 86/2024/TT-BTC): digits only,
  no check digit.

The functions follow python-stdnum's shape: ``compact``, ``validate``, ``is_valid``, ``format``.

>>> validate("0312 687 878")
'0312687878'
>>> format("0312687878001")
'0312687878-001'
>>> is_valid("0312687877")
False
"""

from __future__ import annotations

import re

from ocop.errors import Problem, TaxCodeError

__all__ = ["TaxCodeKind", "compact", "format", "is_valid", "kind", "validate"]

_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
_SEPARATORS = re.compile(r"[\s.\-]")

TaxCodeKind = str  # "enterprise", "branch" or "personal"


def compact(number: str) -> str:
    """The tax code without spaces, dots and dashes.

    >>> compact("0312687878-001")
    '0312687878001'
    """
    return _SEPARATORS.sub("", number).strip()


def _check_digit(first_nine: str) -> int:
    total = sum(w * int(d) for w, d in zip(_WEIGHTS, first_nine, strict=True))
    return 10 - total % 11  # 10 is never issued: no digit matches it


def _problem(code: str, value: object, path: str, vi: str, en: str) -> TaxCodeError:
    return TaxCodeError(Problem(code=code, path=path, value=value, message_vi=vi, message_en=en))


def validate(number: str, *, path: str = "$") -> str:
    """Check a tax code and return it in compact form.

    Args:
        number: the code as written (spaces, dots and one dash allowed).
        path: where the value came from, for the error.

    Raises:
        TaxCodeError: ``tax_code.not_digits``, ``tax_code.bad_length``,
            ``tax_code.bad_sequence``, ``tax_code.bad_checksum`` or ``tax_code.bad_branch``.
    """
    if not isinstance(number, str):
        raise _problem(
            "tax_code.not_a_string",
            number,
            path,
            "Mã số thuế phải là một chuỗi ký tự",
            "a tax code must be a string",
        )
    code = compact(number)
    if not code.isascii() or not code.isdigit():
        raise _problem(
            "tax_code.not_digits",
            number,
            path,
            "Mã số thuế chỉ gồm chữ số",
            "a tax code contains digits only",
        )
    if len(code) not in (10, 12, 13):
        raise _problem(
            "tax_code.bad_length",
            number,
            path,
            "Mã số thuế phải có 10, 13 chữ số (doanh nghiệp, chi nhánh) hoặc 12 chữ số "
            "(số định danh cá nhân)",
            "a tax code has 10 or 13 digits (organisation, branch) or 12 (personal "
            "identification number)",
        )
    if len(code) == 12:
        return code
    if code[2:9] == "0000000":
        raise _problem(
            "tax_code.bad_sequence",
            number,
            path,
            "Số thứ tự của mã số thuế (chữ số 3 đến 9) không thể toàn số 0",
            "a tax code's sequence number (digits 3 to 9) cannot be all zeros",
        )
    if int(code[9]) != _check_digit(code[:9]):
        raise _problem(
            "tax_code.bad_checksum",
            number,
            path,
            "Chữ số kiểm tra của mã số thuế không đúng",
            "the tax code's check digit is wrong",
        )
    if len(code) == 13 and code[10:] == "000":
        raise _problem(
            "tax_code.bad_branch",
            number,
            path,
            "Số thứ tự đơn vị phụ thuộc phải từ 001 đến 999",
            "a branch number runs from 001 to 999",
        )
    return code


def is_valid(number: str) -> bool:
    """Whether ``number`` is a valid tax code of any of the three forms."""
    try:
        validate(number)
    except TaxCodeError:
        return False
    return True


def kind(number: str) -> TaxCodeKind:
    """``"enterprise"``, ``"branch"`` or ``"personal"`` for a valid tax code.

    >>> kind("0312687878"), kind("0312687878-001"), kind("001203012345")
    ('enterprise', 'branch', 'personal')
    """
    code = validate(number)
    return {10: "enterprise", 13: "branch", 12: "personal"}[len(code)]


def format(number: str) -> str:
    """The tax code as usually written: ``0312687878`` or ``0312687878-001``."""
    code = validate(number)
    return f"{code[:10]}-{code[10:]}" if len(code) == 13 else code
