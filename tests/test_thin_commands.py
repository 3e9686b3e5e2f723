"""Commands only wire: each parses its options, calls the Python API, prints.

Measured on the source with ``ast``: no command's body (after its docstring) is longer
than :data:`LIMIT` lines; the decisions live in ``gapcheck.api``, where Python users
get them too.
"""

from __future__ import annotations

import ast
from pathlib import Path

CLI = Path(__file__).resolve().parents[1] / "src" / "gapcheck" / "cli.py"
LIMIT = 30


def command_bodies() -> dict[str, int]:
    """The body length in lines (docstring excluded) of each command: a function
    decorated with ``@_command()`` (or typer's ``@app.command``)."""
    found = {}
    for node in ast.parse(CLI.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.FunctionDef):
            continue
        if not any(
            isinstance(d, ast.Call)
            and (
                (isinstance(d.func, ast.Attribute) and d.func.attr == "command")
                or (isinstance(d.func, ast.Name) and d.func.id == "_command")
            )
            for d in node.decorator_list
        ):
            continue
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]
        assert node.end_lineno is not None
        found[node.name] = node.end_lineno - body[0].lineno + 1 if body else 0
    return found


def test_the_measure_sees_every_command() -> None:
    bodies = command_bodies()
    assert {"validate", "gaps", "diff", "report", "export", "import_"} <= set(bodies)
    assert all(lines > 0 for lines in bodies.values())


def test_no_command_body_is_longer_than_the_limit() -> None:
    long = {name: lines for name, lines in command_bodies().items() if lines > LIMIT}
    assert long == {}, f"move the decisions into gapcheck.api (limit {LIMIT} lines)"
