"""pandas DataFrames from plain rows, for the ``to_frame`` of the objects that have one.

pandas is an optional extra (``pip install 'ocop[pandas]'``): it is imported only when a frame
is made, and its absence is said with the extra to install.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["data_frame", "missing_extra"]


def missing_extra(module: str, extra: str) -> ImportError:
    """The error raised when an optional package is not installed, naming the extra."""
    return ImportError(
        f"{module} is needed here; install it with: pip install 'ocop[{extra}]' "
        f"(cần gói {module}: pip install 'ocop[{extra}]')"
    )


def pandas_module() -> Any:
    """pandas, imported on first use.

    Raises:
        ImportError: pandas is not installed (``pip install 'ocop[pandas]'``).
    """
    try:
        import pandas
    except ImportError:
        raise missing_extra("pandas", "pandas") from None
    return pandas


def data_frame(rows: Iterable[Mapping[str, object]]) -> Any:
    """A pandas DataFrame of ``rows``, one column per key.

    Raises:
        ImportError: pandas is not installed (``pip install 'ocop[pandas]'``).
    """
    return pandas_module().DataFrame([dict(row) for row in rows])
