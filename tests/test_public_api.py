"""Every module of both packages has a sorted ``__all__`` naming things that exist."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import pytest

import claims
import workbench

# Streamlit page scripts run top to bottom when imported; they are not library modules.
SCRIPTS = ("workbench.dashboard.app", "workbench.dashboard.screens", "workbench.__main__")


def _modules() -> list[str]:
    names: list[str] = []
    for package in (claims, workbench):
        names.append(package.__name__)
        prefix = package.__name__ + "."
        for info in pkgutil.walk_packages(package.__path__, prefix):
            if not info.name.startswith(SCRIPTS):
                names.append(info.name)
    return sorted(names)


@pytest.mark.parametrize("name", _modules())
def test_module_has_sorted_all(name: str) -> None:
    module: ModuleType = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    assert list(exported) == sorted(exported), f"{name}.__all__ is not sorted"
    assert len(set(exported)) == len(exported), f"{name}.__all__ has duplicates"
    missing = [n for n in exported if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names missing objects: {missing}"


def test_engine_never_imports_the_application() -> None:
    import ast
    from pathlib import Path

    root = Path(claims.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            mods = []
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                mods = [node.module]
            offenders += [f"{path.name}: {m}" for m in mods if m.split(".")[0] == "workbench"]
    assert not offenders, offenders


def test_guard_sees_the_stage_modules() -> None:
    # The guard above is only worth something if it actually walks the stages.
    found = set(_modules())
    for stage in (
        "claims.ingest",
        "claims.segment",
        "claims.embed",
        "claims.cluster",
        "claims.compare",
        "workbench.store",
        "workbench.cli",
    ):
        assert stage in found
