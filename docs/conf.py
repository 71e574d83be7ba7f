"""Sphinx configuration for the ocop documentation."""

project = "ocop"
author = "The ocop developers"
copyright = "2026, The ocop developers"
release = "0.1.0"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinxcontrib.mermaid",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist"]
html_theme = "furo"
html_title = "ocop — Mỗi xã một sản phẩm"
language = "en"
exclude_patterns = ["_build"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
nitpicky = False
suppress_warnings = ["myst.header"]
intersphinx_mapping: dict[str, tuple[str, None]] = {}
