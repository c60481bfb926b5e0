"""The code's shape, read from the source with `ast`: short functions, imports one way."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
MAX_FUNCTION_LINES = 120


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module under src/."""
    found = {}
    for path in SRC.rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imported(path: Path, module: str, known: dict[str, Path]) -> set[str]:
    """The project modules `module` imports anywhere: at the top, in functions, and
    under `if TYPE_CHECKING:` (`from package import module` counts as the module)."""

    def project_module(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    targets: set[str | None] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(project_module(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                targets.add(full if full in known else project_module(base))
    targets.discard(None)
    targets.discard(module)
    return targets  # type: ignore[return-value]


def import_cycles() -> list[frozenset[str]]:
    """The strongly connected groups of more than one module in the import graph."""
    known = modules()
    graph = {name: imported(path, name, known) for name, path in known.items()}
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[frozenset[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        order[node] = low[node] = len(order)
        stack.append(node)
        for target in graph[node]:
            if target not in order:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], order[target])
        if low[node] == order[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                cycles.append(frozenset(group))

    for name in graph:
        if name not in order:
            visit(name)
    return cycles


def test_no_import_cycles_at_run_time_or_through_type_only_imports():
    assert [sorted(c) for c in import_cycles()] == []


def test_the_cycle_finder_finds_a_cycle_through_a_type_only_import(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.b import thing\n")
    (package / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                  "    from pkg import a\nthing = 1\n")
    (package / "c.py").write_text("from . import a\n")
    monkeypatch.setitem(globals(), "SRC", tmp_path)
    assert import_cycles() == [frozenset({"pkg.a", "pkg.b"})]


def test_no_stage_imports_the_runner():
    known = modules()
    for name, path in known.items():
        if name.startswith("newsgraph.stages"):
            assert "newsgraph.pipeline" not in imported(path, name, known), name


def test_no_function_is_longer_than_the_limit():
    long = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(SRC)}:{node.lineno} {node.name} {lines}")
    assert long == []


def head_identity_checks(path: Path) -> list[int]:
    """Lines of `path` that compare a token's `.head` with `is` / `is not`."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Compare) and any(
                isinstance(op, (ast.Is, ast.IsNot)) for op in node.ops):
            sides = [node.left, *node.comparators]
            if any(isinstance(side, ast.Attribute) and side.attr == "head" for side in sides):
                lines.append(node.lineno)
    return lines


def test_tokens_are_compared_by_position_not_identity():
    """spaCy makes a new Token object on every access, so `token.head is token` is never
    true, even at the root: compare positions (`token.head.i == token.i`) instead."""
    found = {f"{path.relative_to(SRC)}:{line}" for path in SRC.rglob("*.py")
             for line in head_identity_checks(path)}
    assert not found, sorted(found)
