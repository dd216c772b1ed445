"""The import graph between the portal's packages, read from the source (AST), not by importing.

Every module of the portal is parsed, every ``import``/``from … import`` is read wherever it
stands (module level, inside functions and methods, under ``if TYPE_CHECKING``), relative
imports are resolved, and so are ``importlib.import_module("…")`` calls with a constant name.
Each module belongs to one package (a node):

    kelurahan, lokakarya, sosialisasi, tipp, blm   the apps
    plpbk                                          the project: settings, urls, views*, middleware, formats
    plpbk.dasbor                                   the dashboard app
    plpbk.common                                   domain-free helpers

The rules (docs/architecture.md): no cycle between packages, and plpbk.common imports no
other package of the portal. ``tests/test_import_graph.py`` fails on either.

    .venv/bin/python -m bench.import_graph          # prints the edges, cycles and breaches
    .venv/bin/python -m bench.import_graph --why    # also the modules behind each edge
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "plpbk"
DASBOR = "plpbk.dasbor"
COMMON = "plpbk.common"
# Packages inside the project folder that are nodes of their own.
SUBPACKAGES = (DASBOR, COMMON)
# Top-level folders holding Python that are not the portal.
NOT_PORTAL = {"tests", "bench"}

# Edges known to close a cycle today, being removed by other work. Each entry is
# (from package, to package): "why". The check prints what it lets through; an entry
# that no longer matches an edge fails the test, so the list can only shrink.
ALLOWED: dict[tuple[str, str], str] = {}


def top_level(root: Path = ROOT) -> tuple[str, ...]:
    """The portal's top-level packages: the project and every app beside it (found, not listed,
    so a new app is checked from its first commit)."""
    return tuple(sorted(p.parent.name for p in root.glob("*/__init__.py") if p.parent.name not in NOT_PORTAL))


def nodes(root: Path = ROOT) -> tuple[str, ...]:
    return (*top_level(root), *SUBPACKAGES)


def node_of(module: str, tops: tuple[str, ...]) -> str | None:
    """The package a dotted module name belongs to, or None outside the portal."""
    for name in SUBPACKAGES:
        if module == name or module.startswith(name + "."):
            return name
    top = module.split(".", 1)[0]
    return top if top in tops else None


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, level: int, target: str | None) -> str:
    """The absolute name of a relative import ``from .{level}{target} import …``."""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, target] if target else base)


def imports_of(path: Path, root: Path = ROOT) -> list[tuple[str, str, int]]:
    """(module as written, what it names, line) for every import in the file, at any depth.
    What it names is ``module.name`` for ``from module import name`` (the name may be a
    submodule: ``from plpbk import dasbor``)."""
    module = module_name(path, root)
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node.level, node.module) if node.level else node.module
            for alias in node.names:
                found.append((base, f"{base}.{alias.name}" if alias.name != "*" else base, node.lineno))
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                or (isinstance(node.func, ast.Name) and node.func.id in {"import_module", "__import__"})
            )
        ):
            found.append((node.args[0].value, node.args[0].value, node.lineno))
    return found


@dataclass
class Graph:
    nodes: tuple[str, ...]
    # (from package, to package) -> ["file.py:line -> imported.module", …]
    edges: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))

    def successors(self, node: str) -> set[str]:
        return {b for (a, b) in self.edges if a == node}


def build(root: Path = ROOT) -> Graph:
    tops = top_level(root)
    graph = Graph(nodes=nodes(root))
    for top in tops:
        for path in sorted((root / top).rglob("*.py")):
            source = node_of(module_name(path, root), tops)
            for written, named, line in imports_of(path, root):
                target = node_of(named, tops)
                if target is None or target == source:
                    continue
                shown = written if node_of(written, tops) == target else named
                site = f"{path.relative_to(root)}:{line} -> {shown}"
                if site not in graph.edges[(source, target)]:
                    graph.edges[(source, target)].append(site)
    return graph


def strongly_connected(nodes, successors) -> list[list[str]]:
    """Tarjan's algorithm: the groups of packages that reach each other (size > 1 = a cycle)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(successors(v)):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            groups.append(sorted(group))

    for v in nodes:
        if v not in index:
            visit(v)
    return groups


def cycles(graph: Graph, allowed=ALLOWED) -> list[list[str]]:
    """Groups of packages importing each other, ignoring the allowed edges."""

    def successors(node):
        return {b for b in graph.successors(node) if (node, b) not in allowed}

    return [g for g in strongly_connected(graph.nodes, successors) if len(g) > 1]


def common_breaches(graph: Graph) -> list[tuple[str, str]]:
    """Edges from the helpers to any other package of the portal (never allowed)."""
    return sorted((a, b) for (a, b) in graph.edges if a == COMMON)


def stale_allowances(graph: Graph, allowed=ALLOWED) -> list[tuple[str, str]]:
    return sorted(edge for edge in allowed if edge not in graph.edges)


def report(graph: Graph, why: bool = False, allowed=ALLOWED) -> str:
    lines = ["Import graph between the portal's packages (from -> to, modules importing):"]
    for a in graph.nodes:
        targets = sorted(b for (x, b) in graph.edges if x == a)
        lines.append(f"  {a:<13} -> {', '.join(targets) if targets else '(nothing of the portal)'}")
        if why:
            for b in targets:
                for site in graph.edges[(a, b)]:
                    lines.append(f"        {site}")
    if allowed:
        lines.append("Allowed for now (known edges closing a cycle, being removed):")
        for (a, b), reason in sorted(allowed.items()):
            sites = graph.edges.get((a, b), [])
            lines.append(f"  {a} -> {b}: {reason}")
            lines.extend(f"        {site}" for site in sites)
    found = cycles(graph, allowed)
    lines.append("Cycles: " + ("; ".join(" <-> ".join(g) for g in found) if found else "none"))
    breaches = common_breaches(graph)
    lines.append(
        f"{COMMON} importing the portal: " + (", ".join(f"{a} -> {b}" for a, b in breaches) if breaches else "none")
    )
    stale = stale_allowances(graph, allowed)
    if stale:
        lines.append("Allowed edges that no longer exist (remove them): " + ", ".join(f"{a} -> {b}" for a, b in stale))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    graph = build()
    print(report(graph, why="--why" in argv))
    return 1 if cycles(graph) or common_breaches(graph) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
