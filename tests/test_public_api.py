"""Every module of both packages has a sorted ``__all__`` naming things that exist."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path
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
        "workbench.store_tx",
        "workbench.store_articles",
        "workbench.store_clustering",
        "workbench.store_embeddings",
        "workbench.store_states",
        "workbench.cli",
        "workbench.commands.clustering",
        "workbench.commands.serve",
        "claims.lang.suffixes",
    ):
        assert stage in found


BENCHMARK_HELPERS = sorted((Path(__file__).resolve().parents[1] / "benchmarks").glob("_*.py"))


def _declared_all(path: Path) -> tuple[list[str], set[str]]:
    """A module's literal ``__all__`` and the names its top level defines (read, not run)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exported: list[str] = []
    defined: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            defined.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            defined.update(names)
            if "__all__" in names and node.value is not None:
                exported = list(ast.literal_eval(node.value))
    return exported, defined


@pytest.mark.parametrize("path", BENCHMARK_HELPERS, ids=lambda p: p.name)
def test_benchmark_helper_has_sorted_all(path: Path) -> None:
    # The benchmark scripts' shared helpers are imported by several scripts: same rule.
    exported, defined = _declared_all(path)
    assert exported, f"{path.name} has no __all__"
    assert exported == sorted(exported), f"{path.name}.__all__ is not sorted"
    assert not set(exported) - defined, f"{path.name}.__all__ names missing objects"


def test_benchmark_helpers_are_found() -> None:
    assert {p.name for p in BENCHMARK_HELPERS} >= {"_common.py", "_synthetic.py"}
