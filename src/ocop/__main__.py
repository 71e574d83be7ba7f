"""``python -m ocop``: the ``ocop`` command."""

from ocop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
