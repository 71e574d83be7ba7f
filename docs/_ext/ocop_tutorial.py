"""Run the tutorial while the documentation builds, and draw its charts.

The examples of ``tutorial.md`` run as a doctest when the build starts; a failing example fails
the build. Every matplotlib figure the tutorial leaves in a variable is saved as
``_generated/<variable>.png``, which the page shows, so the charts are always those of the code
on the page.
"""

from __future__ import annotations

import doctest
import os
import pathlib
import tempfile
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

PAGE = "tutorial.md"
FOLDER = "_generated"


def draw(app: Sphinx) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    source = pathlib.Path(app.srcdir, PAGE)
    test = doctest.DocTestParser().get_doctest(
        source.read_text("utf-8"), {}, PAGE, str(source), 0
    )
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as scratch:
        os.chdir(scratch)
        try:
            result = runner.run(test, out=report.append, clear_globs=False)
        finally:
            os.chdir(here)
    if result.failed:
        raise ExtensionError(f"{PAGE} does not run:\n" + "".join(report))
    target = pathlib.Path(app.srcdir, FOLDER)
    target.mkdir(exist_ok=True)
    for name, value in test.globs.items():
        if isinstance(value, Figure):
            value.savefig(target / f"{name}.png", dpi=90)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", draw)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
