"""pandas DataFrames from plain rows, for the ``to_frame`` of the objects that have one.

pandas is an optional extra (``pip install 'ocop[pandas]'``): it is imported only when a frame
is made, and its absence is said with the extra to install.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ocop.errors import MissingExtraError, Problem

__all__ = ["data_frame", "missing_extra"]


def missing_extra(module: str, extra: str) -> MissingExtraError:
    """The error raised when an optional package is not installed (``extra.missing``), naming
    the extra to install, as for every extra of the library.

    >>> print(missing_extra("pandas", "pandas").problems[0].message("en"))
    this needs the optional extra 'pandas' (pandas): pip install 'ocop[pandas]'
    """
    return MissingExtraError(
        Problem(
            code="extra.missing",
            path="$",
            value=extra,
            message_vi=f"Cần cài gói tùy chọn '{extra}' ({module}): pip install 'ocop[{extra}]'",
            message_en=f"this needs the optional extra '{extra}' ({module}): "
            f"pip install 'ocop[{extra}]'",
        )
    )


def pandas_module() -> Any:
    """pandas, imported on first use.

    Raises:
        MissingExtraError: ``extra.missing``, pandas is not installed (``pip install
            'ocop[pandas]'``).
    """
    try:
        import pandas
    except ImportError:
        raise missing_extra("pandas", "pandas") from None
    return pandas


def data_frame(rows: Iterable[Mapping[str, object]]) -> Any:
    """A pandas DataFrame of ``rows``, one column per key.

    Raises:
        MissingExtraError: ``extra.missing``, pandas is not installed (``pip install
            'ocop[pandas]'``).
    """
    return pandas_module().DataFrame([dict(row) for row in rows])
