"""One-way imports in the ingest layer (issue 22): no module of `newsgraph.ingest` reaches
itself again through the imports of others, not even through imports inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

import newsgraph

PACKAGE = Path(newsgraph.__file__).parent


def imports_of(path: Path) -> set[str]:
    """The `newsgraph` modules a file imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("newsgraph.")}


def ingest_graph() -> dict[str, set[str]]:
    modules = {f"newsgraph.ingest.{p.stem}": p for p in (PACKAGE / "ingest").glob("*.py")}
    modules["newsgraph.model"] = PACKAGE / "model.py"
    return {name: imports_of(path) & set(modules) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt] if nxt in path else [node, nxt]
            if nxt not in state and (cycle := visit(nxt, [*path, nxt])):
                return cycle
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start, [start])):
            return cycle
    return None


def test_ingest_imports_have_no_cycle() -> None:
    graph = ingest_graph()
    assert graph["newsgraph.ingest.read"]  # the front door does import the readers
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_model_imports_nothing_from_ingest() -> None:
    assert not ingest_graph()["newsgraph.model"]
