"""The package's layout rules, checked from its source.

* no module imports another module's underscore-private names (a helper two
  modules share is public in one of them);
* no import cycles between the package's modules at import time (imports
  inside functions are allowed: they are how a light command defers a heavy
  step);
* every subpackage says in its docstring which stage of the data's path it is.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "analysis"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "__pycache__" not in p.parts}


def _top_level_imports(tree: ast.Module):
    """Imports executed when the module is imported (not inside functions)."""
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, (ast.If, ast.Try)):
            # `if TYPE_CHECKING:` blocks never run; try/except imports do
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            for sub in ast.walk(node):
                if isinstance(sub, (ast.Import, ast.ImportFrom)):
                    yield sub


def _all_imports(tree: ast.Module):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node


def test_no_module_imports_another_modules_private_names():
    offences = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _all_imports(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analysis") and node.level == 0:
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        offences.append(f"{name} imports {node.module}.{alias.name}")
                    elif (alias.asname or "").startswith("_"):
                        # a public name renamed private reads like a private import
                        offences.append(f"{name} imports {node.module}.{alias.name} as {alias.asname}")
    assert offences == []


def _edges():
    graph = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _top_level_imports(tree):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for target in targets:
                if target in MODULES and target != name:
                    graph[name].add(target)
    return graph


def test_no_import_cycles():
    graph = _edges()
    # a package's __init__ importing its own submodules is not a cycle of logic
    for name in graph:
        graph[name] = {t for t in graph[name] if not (name.startswith(t + ".") and MODULES[t].name == "__init__.py")}
    state: dict[str, int] = {}
    cycles = []

    def visit(node, stack):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert cycles == [], " ; ".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize("package", sorted(n for n, p in MODULES.items() if p.name == "__init__.py"))
def test_every_subpackage_says_what_stage_it_is(package):
    doc = ast.get_docstring(ast.parse(MODULES[package].read_text(encoding="utf-8")))
    assert doc and len(doc) > 20, f"{package} has no docstring saying what it holds"


def test_top_level_reads_as_the_architecture():
    entries = {p.name for p in PACKAGE.iterdir() if not p.name.startswith(("_", ".")) or p.name in ("__init__.py", "__main__.py")}
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))}
    assert {"corpus", "text", "lexicon", "extract", "sources", "claims", "compare", "scale", "report", "explore", "cli"} <= folders
    loose = sorted(e for e in entries if e.endswith(".py") and e not in ("__init__.py", "__main__.py"))
    assert len(loose) <= 4, f"modules left at the top level: {loose}"
