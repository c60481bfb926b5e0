"""The store's modules import one way: no cycle among them (type-only imports count too),
and none imports `newsgraph.link`, which builds on the store."""

from __future__ import annotations

import ast
from pathlib import Path

import newsgraph.store

STORE = Path(newsgraph.store.__file__).parent


def _store_modules() -> dict[str, Path]:
    modules = {}
    for path in STORE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(STORE.parent.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    return modules


def _imports(path: Path) -> set[str]:
    """Every module named in an import anywhere in the file (functions, TYPE_CHECKING too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_no_store_module_imports_link() -> None:
    offenders = {name for name, path in _store_modules().items()
                 if any(m == "newsgraph.link" or m.startswith("newsgraph.link.")
                        for m in _imports(path))}
    assert offenders == set()


def test_store_modules_import_without_a_cycle() -> None:
    modules = _store_modules()
    assert "newsgraph.store.queries" in modules and "newsgraph.store.database" in modules
    # The package's __init__ gathers the public names: it may import every module.
    graph = {name: {m for m in _imports(path) if m in modules and m != "newsgraph.store"}
             for name, path in modules.items() if name != "newsgraph.store"}
    visiting: list[str] = []
    done: set[str] = set()

    def visit(name: str) -> None:
        if name in done:
            return
        assert name not in visiting, " -> ".join([*visiting[visiting.index(name):], name])
        visiting.append(name)
        for imported in sorted(graph.get(name, ())):
            visit(imported)
        visiting.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)


def test_result_cache_is_keyed_by_its_stamp_function() -> None:
    from newsgraph.store.cache import ResultCache

    stamp = [1]
    cache = ResultCache(lambda: stamp[0], size=4, seconds=60)
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert cache.get("k", compute) == 1
    assert cache.get("k", compute) == 1  # same stamp: remembered
    stamp[0] = 2
    assert cache.get("k", compute) == 2  # the data changed: computed again
