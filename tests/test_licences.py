"""The licences of what ``pip install ocop`` brings along.

A provincial application that imports ``ocop`` must not inherit copyleft terms, so every
runtime dependency, and theirs in turn, carries a permissive licence. The dependencies are read
from the installed distribution's metadata, as ``pip show`` reads them (with ``packaging``, which
pytest itself requires).
"""

import re
from importlib import metadata

from packaging.markers import default_environment
from packaging.requirements import Requirement

COPYLEFT = re.compile(r"\b(A|L)?GPL|General Public License|copyleft|EUPL|SSPL|OSL\b", re.I)
RUNTIME = {"attrs", "pendulum", "jsonschema", "holidays"}


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _requires(distribution: metadata.Distribution) -> list[str]:
    """The names a distribution needs at run time (no extras, markers of this machine)."""
    environment = {**default_environment(), "extra": ""}
    found = []
    for line in distribution.requires or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate(environment):
            found.append(_name(requirement.name))
    return found


def _closure(root: str) -> dict[str, metadata.Distribution]:
    seen: dict[str, metadata.Distribution] = {}
    waiting = [root]
    while waiting:
        name = waiting.pop()
        if name in seen:
            continue
        seen[name] = metadata.distribution(name)
        waiting.extend(_requires(seen[name]))
    return seen


def _licence(distribution: metadata.Distribution) -> str:
    meta = distribution.metadata
    words = [
        meta.get("License-Expression") or "",
        # A long "License" field is the licence's whole text; its first line names it.
        (meta.get("License") or "").splitlines()[0] if meta.get("License") else "",
        *(c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")),
    ]
    return " | ".join(word for word in words if word)


def test_the_runtime_dependencies_are_attrs_pendulum_jsonschema_and_holidays():
    assert set(_requires(metadata.distribution("ocop"))) == RUNTIME


def test_no_runtime_dependency_has_a_copyleft_licence():
    found = {name: _licence(dist) for name, dist in _closure("ocop").items()}
    assert "vietnam-provinces" not in found
    assert all(found.values()), [name for name, licence in found.items() if not licence]
    copyleft = {name: licence for name, licence in found.items() if COPYLEFT.search(licence)}
    assert copyleft == {}


def test_the_licence_check_would_see_a_gpl_licence():
    assert COPYLEFT.search("License :: OSI Approved :: GNU General Public License v3 (GPLv3)")
    assert COPYLEFT.search("GPL-3.0-or-later")
    assert not COPYLEFT.search("MIT | Apache-2.0 | BSD-3-Clause | MPL-2.0")
