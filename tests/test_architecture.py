"""The shape of the code: layers that import only from below, no private helper shared across
modules, short functions (docs/architecture.md)."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "ocop"
LONGEST = 80

# The layers from the ground up, as docs/architecture.md draws them. A module imports only from
# its own layer or below.
LAYERS = {
    "ground": (
        "ocop.errors",
        "ocop._text",
        "ocop.calendar",
        "ocop.identifiers",
        "ocop.rating",
        "ocop._fields",
        "ocop._slots",
        "ocop._data",
        "ocop._schema",
        "ocop._structure",
        "ocop.privacy",
        "ocop._html",
        "ocop._frames",
    ),
    "places": ("ocop.places", "ocop.product_code"),
    "rules": (
        "ocop.rubric",
        "ocop.rubric._decisions",
        "ocop.rubric._integrity",
        "ocop.rubric._load",
        "ocop.rubric.model",
        "ocop.regulation",
        "ocop.classification",
    ),
    "subjects": ("ocop.subject", "ocop.product"),
    "scoring": (
        "ocop.scoring",
        "ocop.ranking",
        "ocop.advisor",
        "ocop.rubric_diff",
        "ocop.council",
    ),
    "process": (
        "ocop.dossier",
        "ocop.certificate",
        "ocop.process",
        "ocop.evaluation",
        "ocop.audit",
    ),
    "programme": ("ocop._reach", "ocop.plan", "ocop.report"),
    "faces": (
        "ocop",
        "ocop.__main__",
        "ocop.json",
        "ocop.season",
        "ocop.signing",
        "ocop.store",
        "ocop._schemagen",
        "ocop._fastcard",
        "ocop._render",
        "ocop.cli",
        "ocop._progress",
        "ocop._manual",
        "ocop.demo",
        "ocop.examples",
        "ocop.tables",
        "ocop.excel",
        "ocop.plot",
        "ocop.printable",
    ),
}
RANK = {module: rank for rank, modules in enumerate(LAYERS.values()) for module in modules}
NAME_OF_RANK = dict(enumerate(LAYERS))


def _module_name(path: Path) -> str:
    parts = ["ocop", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    relative = Path(*name.split(".")[1:]) if "." in name else Path()
    return (PACKAGE / relative).with_suffix(".py").exists() or (PACKAGE / relative).is_dir()


def _modules() -> dict[str, ast.Module]:
    return {
        _module_name(path): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _imports(tree: ast.Module) -> list[tuple[str, str | None, int]]:
    """Every ocop import: (module, name imported from it or ``None``, line)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "ocop":
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if _is_module(full):
                    found.append((full, None, node.lineno))
                else:
                    found.append((node.module, alias.name, node.lineno))
        elif isinstance(node, ast.Import):
            found += [
                (alias.name, None, node.lineno)
                for alias in node.names
                if alias.name.split(".")[0] == "ocop"
            ]
    return found


def test_every_module_has_a_layer():
    assert set(_modules()) - set(RANK) == set()


def _upward(module: str, tree: ast.Module) -> list[str]:
    """The imports of ``module`` from a layer above its own."""
    return [
        f"{module}:{line} ({NAME_OF_RANK[RANK[module]]}) imports {imported} "
        f"({NAME_OF_RANK[RANK[imported]]})"
        for imported, _, line in _imports(tree)
        if RANK[imported] > RANK[module]
    ]


def test_no_module_imports_from_a_higher_layer():
    wrong = [found for module, tree in _modules().items() for found in _upward(module, tree)]
    assert wrong == []


def _private_uses(tree: ast.Module) -> list[str]:
    """Private names this module takes from another ocop module."""
    found = []
    modules: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "ocop":
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if _is_module(full):
                    modules[alias.asname or alias.name] = full
                elif alias.name.startswith("_"):
                    found.append(f"{full} (line {node.lineno})")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            found.append(f"{modules[node.value.id]}.{node.attr} (line {node.lineno})")
    return found


def test_no_module_uses_another_modules_private_helper():
    wrong = {module: uses for module, tree in _modules().items() if (uses := _private_uses(tree))}
    assert wrong == {}


def test_the_import_checks_see_the_imports():
    modules = _modules()
    assert ("ocop.scoring", "ScoreCard") in [
        (imported, name) for imported, name, _ in _imports(modules["ocop._fastcard"])
    ]
    upward = ast.parse("from ocop import places\nfrom ocop.evaluation import Application")
    assert len(_upward("ocop.subject", upward)) == 1
    sample = ast.parse("from ocop.plan import _where\nfrom ocop import scoring\nscoring._NA")
    assert len(_private_uses(sample)) == 2


def _code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]) -> int:
    """The lines of code of a function: not its docstring, blank lines or comments."""
    numbers = set(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    if ast.get_docstring(node, clean=False) is not None:
        first = node.body[0]
        numbers -= set(range(first.lineno, (first.end_lineno or first.lineno) + 1))
    return sum(
        1
        for number in numbers
        if lines[number - 1].strip() and not lines[number - 1].strip().startswith("#")
    )


def _function_lengths() -> dict[str, int]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                where = f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}"
                found[where] = _code_lines(node, lines)
    return found


def test_the_lengths_are_measured_on_every_function():
    lengths = _function_lengths()
    assert len(lengths) > 500
    assert max(lengths.values()) > 40


def test_no_function_is_longer_than_eighty_lines_of_code():
    long = {where: size for where, size in _function_lengths().items() if size > LONGEST}
    assert long == {}, "split these into one function per step"


def _layer_rows() -> list[str]:
    """The modules cell of each row of the layers' table in docs/architecture.md, in order."""
    page = (PACKAGE.parent.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| ")][1:]
    return [row.split("|")[2] for row in rows]


def test_the_architecture_page_names_every_module_in_its_layer():
    rows = _layer_rows()
    assert len(rows) == len(LAYERS)
    missing = [
        f"{module} ({layer})"
        for (layer, modules), row in zip(LAYERS.items(), rows, strict=True)
        for module in modules
        if module.count(".") == 1
        and module != "ocop.__main__"
        and f"`{module.split('.')[1]}`" not in row
    ]
    assert missing == []
