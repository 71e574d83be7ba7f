"""The core works without the optional packages; each edge module names its extra."""

import subprocess
import sys
import textwrap

BLOCK = textwrap.dedent(
    """
    import sys
    for name in ("openpyxl", "pandas", "numpy", "matplotlib", "jinja2"):
        sys.modules[name] = None  # an import of it now fails as if it were not installed
    """
)


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_core_imports_and_scores_without_any_extra():
    done = run(
        """
        import ocop
        from ocop import aggregate, classify, rubric, tables
        from ocop.demo import load_example
        from ocop.subject import Address
        cards = [c for c in load_example("score_card", "cards.jsonl") if c.product == "tra-xa-den"]
        sheet = rubric.sheet("1048", 13)
        ranked = classify(sheet, aggregate(sheet, cards))
        rows = [
            {"product": c.product, "member": c.member, "criterion": k, "points": float(v.points)}
            for c in cards
            for k, v in c.choices.items()
        ]
        assert tables.cards_from_rows(rows, decision="1048", set_no=13) == cards
        assert "<table" in ranked._repr_html_()
        print(ranked.star, Address.from_names("Xã Châu Phong", "An Giang").commune_code)
        modules = (ocop.excel, ocop.plot, ocop.printable, ocop.tables)  # loaded, not used
        from ocop import *  # noqa: F403
        loaded = [name for name in ("openpyxl", "pandas", "matplotlib", "jinja2")
                  if sys.modules.get(name) is not None]
        print("loaded:", loaded)
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["3★ 30403", "loaded: []"]


def test_each_edge_module_names_the_extra_to_install():
    done = run(
        """
        from ocop import MissingExtraError, excel, plot, printable, tables
        from ocop.demo import load_example
        from ocop import rubric
        for call in (
            lambda: excel.read_cards("x.xlsx"),
            lambda: excel.score_sheet_workbook([], members=[]),
            lambda: excel.results_workbook([]),
            lambda: plot.star_distribution([]),
            lambda: plot.plan_progress(None, []),
            lambda: plot.council_spread([]),
            lambda: plot.product_map([]),
            lambda: printable.score_sheet_html(rubric.sheet("1048", 13)),
            lambda: printable.minutes_html(None, None),
            lambda: tables.to_frame([]),
        ):
            try:
                call()
            except MissingExtraError as error:
                print(error.code, error.problems[0].message("en").split(": ")[1])
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        *["extra.missing pip install 'ocop[excel]'"] * 3,
        *["extra.missing pip install 'ocop[plot]'"] * 4,
        *["extra.missing pip install 'ocop[print]'"] * 2,
        "extra.missing pip install 'ocop[pandas]'",
    ]
