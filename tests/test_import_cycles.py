"""No module of gapcheck imports another that imports it back, at any depth.

Imports inside functions count (they run when called); imports under
``if TYPE_CHECKING:`` do not (they never run). ``from package import submodule``
is an import of the submodule (the package's ``__init__`` runs first, but it is not
what the importer depends on). The graph comes from the source, with
``ast``, so the test sees every import, not only those one run happens to make.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

SRC = Path(__file__).resolve().parents[1] / "src"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(node: ast.AST) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, modules: set[str], package: str) -> set[str]:
    """The gapcheck modules ``tree`` imports, outside ``if TYPE_CHECKING:``."""
    found: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if _type_checking_only(node):
            assert isinstance(node, ast.If)
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:  # a submodule by name, else a name of the module
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in modules else base)
        stack.extend(ast.iter_child_nodes(node))
    return found & modules


def import_graph() -> nx.DiGraph:
    paths = sorted((SRC / "gapcheck").rglob("*.py"))
    modules = {_module_name(path) for path in paths}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for path in paths:
        name = _module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph.add_edges_from((name, other) for other in _imports(tree, modules, package))
    graph.remove_edges_from(nx.selfloop_edges(graph))
    return graph


def test_the_graph_sees_imports() -> None:
    graph = import_graph()
    assert graph.has_edge("gapcheck.analysis.spend", "gapcheck.analysis.coverage")
    assert graph.has_edge("gapcheck.cli", "gapcheck.diagnostics")  # a top-level import
    assert graph.has_edge("gapcheck.api", "gapcheck.graph")  # one inside a function


def test_no_import_cycles() -> None:
    cycles = sorted(sorted(cycle) for cycle in nx.simple_cycles(import_graph()))
    assert cycles == []
