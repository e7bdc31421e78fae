"""The layers of the package, checked by walking every import statement.

- the core imports nothing from Qt, the window or the command line;
- fetching, feed parsing and extraction (``net``, ``feeds``, ``extract``) never reach storage;
- the window, the command line and the demo launcher use the core only through its door,
  ``newsreader.core``;
- no module imports itself through others.

Imports for type checkers only count too: a module that names another's types depends on it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "newsreader"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _statements(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node


def imports_of(name: str) -> set[str]:
    """Every module ``name`` imports, as absolute names (lazy imports inside functions too)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _statements(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            anchor = package.split(".")
            anchor = anchor[: len(anchor) - (node.level - 1)]
            base = ".".join([*anchor, base] if base else anchor)
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            found.add(sub if sub in MODULES else base)
    return found


def _inside(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_the_walk_sees_the_package() -> None:
    assert "newsreader.core.library" in MODULES
    assert "newsreader.core.storage.writer" in imports_of("newsreader.core.library")


@pytest.mark.parametrize("name", sorted(m for m in MODULES if _inside(m, "newsreader.core")))
def test_core_is_free_of_qt_ui_and_cli(name: str) -> None:
    bad = {
        imp
        for imp in imports_of(name)
        if any(_inside(imp, p) for p in ("PySide6", "newsreader.ui", "newsreader.cli"))
    }
    assert not bad, f"{name} imports {sorted(bad)}"


@pytest.mark.parametrize(
    "name",
    sorted(
        m
        for m in MODULES
        if any(_inside(m, f"newsreader.core.{p}") for p in ("net", "feeds", "extract"))
    ),
)
def test_fetching_parsing_and_extraction_never_reach_storage(name: str) -> None:
    bad = {imp for imp in imports_of(name) if _inside(imp, "newsreader.core.storage")}
    assert not bad, f"{name} imports {sorted(bad)}"


@pytest.mark.parametrize(
    "name",
    sorted(
        m
        for m in MODULES
        if _inside(m, "newsreader.ui") or _inside(m, "newsreader.cli") or m == "newsreader.demo"
    ),
)
def test_window_and_command_line_use_only_the_door(name: str) -> None:
    bad = {
        imp
        for imp in imports_of(name)
        if _inside(imp, "newsreader.core") and imp != "newsreader.core"
    }
    assert not bad, f"{name} goes past the door to {sorted(bad)}"


def _cycles() -> list[list[str]]:
    graph = {m: sorted(i for i in imports_of(m) if i in MODULES and i != m) for m in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycles() -> None:
    assert _cycles() == []
