"""The core runs without MkDocs: every module of macros.claimkit, and the command-line
scripts contributors and pre-commit run, import with `mkdocs` and `mkdocs_macros` blocked.
Only the adapters (macros/macros_adapter.py, macros/course_macros.py, macros/hooks.py) may import them."""

from __future__ import annotations

import ast
import subprocess
import sys

from testpaths import PROJECT

CORE = PROJECT / "macros" / "claimkit"
ADAPTERS = {"macros/macros_adapter.py", "macros/course_macros.py", "macros/hooks.py"}
BLOCKED = ("mkdocs", "mkdocs_macros", "material")

BLOCKER = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split('.')[0] in {blocked!r}:
            raise ModuleNotFoundError(f"blocked for this test: {{name}}")
        return None
sys.meta_path.insert(0, Block())
import importlib
for name in {modules!r}:
    importlib.import_module(name)
print("imported", len({modules!r}))
"""


def _core_modules() -> list[str]:
    return sorted(f"macros.claimkit.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__") + ["macros.claimkit"]


def _script_modules() -> list[str]:
    return sorted(f"scripts.{p.stem}" for p in (PROJECT / "scripts").glob("*.py") if p.stem != "__init__")


def test_core_and_scripts_import_with_mkdocs_blocked():
    modules = ["macros"] + _core_modules() + _script_modules()
    done = subprocess.run([sys.executable, "-c", BLOCKER.format(blocked=BLOCKED, modules=modules)],
                          cwd=PROJECT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert f"imported {len(modules)}" in done.stdout


def test_the_blocker_really_blocks():
    """The same harness fails on an adapter, so the test above can fail."""
    done = subprocess.run([sys.executable, "-c", BLOCKER.format(blocked=BLOCKED, modules=["macros.macros_adapter"])],
                          cwd=PROJECT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode != 0
    assert "blocked for this test: mkdocs" in done.stderr


def test_only_the_adapters_name_mkdocs_in_imports():
    offenders = []
    for path in sorted((PROJECT / "macros").rglob("*.py")) + sorted((PROJECT / "scripts").glob("*.py")):
        rel = path.relative_to(PROJECT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            if any(n.split(".")[0] in BLOCKED for n in names) and rel not in ADAPTERS:
                offenders.append(f"{rel}:{node.lineno}")
    assert offenders == []
