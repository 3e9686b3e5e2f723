"""The command line's own sentences (errors, notes, next steps) come from the catalogue,
in the language of the command's --lang; the Python API raises them without a language."""

from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import gapcheck
from gapcheck.cli import app
from gapcheck.i18n import MESSAGES, Said, catalogue, said

SRC = Path(__file__).resolve().parents[1] / "src" / "gapcheck"
DATA = SRC.parents[1] / "data"
#: The modules that write to the user or raise what the command line writes.
SPEAKERS = [
    "cli.py",
    "api.py",
    "loader.py",
    "locate.py",
    "gitsource.py",
    "scaffold.py",
    "readers/data.py",
    "readers/workbook.py",
]
#: Calls whose first argument is a catalogue key.
BY_KEY = {"_fail", "_say", "_said", "said", "Sentence", "UsageError", "InputError"}
#: Calls that write text already made: no literal words may be in their argument.
WRITERS = {"_err"}


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _has_words(node: ast.AST) -> bool:
    """Whether ``node`` holds a string literal with a letter in it (English written inline)."""
    for inner in ast.walk(node):
        text = inner.value if isinstance(inner, ast.Constant) else None
        if isinstance(text, str) and any(char.isalpha() for char in text):
            return True
    return False


def _key_problems(key: ast.expr) -> list[str]:
    """What is wrong with a call's key: a literal in the catalogue, either of two such
    (``"a" if x else "b"``), or the parameter ``key`` of a function that passes it on."""
    if isinstance(key, ast.IfExp):
        return _key_problems(key.body) + _key_problems(key.orelse)
    if isinstance(key, ast.Name) and key.id == "key":
        return []
    if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
        return ["the first argument is not a catalogue key"]
    return [] if key.value in MESSAGES else [f"{key.value!r} is not in the catalogue"]


def _findings(source: str, where: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node)
        place = f"{where}:{node.lineno}: {name}"
        if name in BY_KEY and node.args:
            found += [f"{place}: {problem}" for problem in _key_problems(node.args[0])]
        if name in WRITERS and any(_has_words(arg) for arg in node.args):
            found.append(f"{place}: English written inline (use _say with a catalogue key)")
    return found


@pytest.mark.parametrize("module", SPEAKERS)
def test_no_sentence_is_written_past_the_catalogue(module: str) -> None:
    assert _findings((SRC / module).read_text(encoding="utf-8"), module) == []


@pytest.mark.parametrize(
    "source",
    [
        '_fail(f"error: --from {first} is after --to {last}", ExitCode.USAGE)',
        '_err("dry run: nothing written")',
        '_err(f"note: {note}")',
        'raise UsageError("--from and --to go together")',
        'raise InputError(f"{path}: no such file")',
        'raise UsageError("usage.no_such_key")',
    ],
)
def test_the_scan_finds_english_written_inline(source: str) -> None:
    assert _findings(source, "x.py") != []


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "100"})
    return result.exit_code, result.stderr


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (["gaps", "--at", "2030", "--all-years"], "usage.at_or_all_years"),
        (["gaps", "--limit", "3", "--all"], "error.limit_or_all"),
        (["timeline", "--from", "2030", "--to", "2020"], "error.from_after_to"),
        (["whatif", "--data", str(DATA)], "usage.what_to_remove"),
        (["gaps", "--data", "/no/such/folder"], "input.no_directory"),
    ],
)
def test_errors_are_said_in_the_language_of_lang(args: list[str], key: str) -> None:
    code, english = _run(*args)
    code_da, danish = _run(*args, "--lang", "da")
    assert code == code_da == 2
    assert english.startswith("error: ")
    assert danish.startswith("fejl: ")
    for lang, said_ in (("en", english), ("da", danish)):
        words = re.split(r"\{[^}]*\}", catalogue(lang).messages[key])
        assert all(part in said_ for part in words)
    assert english.replace("error: ", "fejl: ") != danish


def test_commands_without_lang_speak_english() -> None:
    code, stderr = _run("import", "one.xlsx", "two.xlsx", "--to", "out")
    assert (code, stderr) == (2, said("error.import_one", "en") + "\n")


def test_the_api_raises_without_a_language_and_says_it_in_any() -> None:
    with pytest.raises(gapcheck.UsageError) as caught:
        gapcheck.what_if(DATA)
    exc = caught.value
    assert str(exc) == "name what to remove: --without ID or --without-owner NAME"
    assert exc.text("da") == catalogue("da").messages["usage.what_to_remove"]
    assert exc.key == "usage.what_to_remove"
    again = pickle.loads(pickle.dumps(exc))
    assert type(again) is gapcheck.UsageError
    assert str(again) == str(exc)


def test_a_message_in_a_message_is_said_in_its_language() -> None:
    inner = Said("usage.from_to_together")
    assert said("error", "da", reason=inner) == "fejl: --from og --to skal angives sammen"
    assert said("error.over_budget", "da", where="x", size=1234567, most=1000).startswith(
        "fejl: outputtet (x) ville fylde 1.234.567 byte"
    )
