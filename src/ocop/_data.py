"""The package's own data files, read by the loader that imported the package.

A package imported from files or from a zip archive reads its data this way without the
machinery of :mod:`importlib.resources`, which costs a command's start more than the file.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["packaged"]

_ROOT = Path(__file__).parent


def packaged(*parts: str) -> bytes:
    """The bytes of the file at ``parts`` under the package (``packaged("schemas", "x.json")``).

    Raises:
        OSError: no such file (``FileNotFoundError`` for a package imported from files).
    """
    get_data = getattr(__spec__.loader, "get_data", None)
    if get_data is None:  # a loader without data: the general route
        from importlib import resources

        return resources.files(__package__).joinpath(*parts).read_bytes()
    data: bytes = get_data(str(_ROOT.joinpath(*parts)))
    return data
