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
    "readers/attack.py",
    "readers/sigma.py",
    "spreadsheet.py",
    "xlsxread.py",
    "interchange.py",
    "importers.py",
    "merge.py",
    "selection.py",
    "analysis/compare.py",
]
#: Calls whose first argument is a catalogue key.
BY_KEY = {
    "_fail",
    "_say",
    "_said",
    "said",
    "Sentence",
    "UsageError",
    "InputError",
    "ImportProblem",
    "Failed",
    "NotComparable",
    "NotMergeable",
    "NotACondition",
    "problems.add",  # a sheet's problems (spreadsheet._Problems)
    "_line",  # a change an import makes (merge.py)
}
#: Calls that write or raise text already made (or sentences of the catalogue): no
#: literal words may be in their arguments.
WRITERS = {"_err", "_unreadable", "_too_large", "ValueError"}


def _name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        owner = func.value
        if isinstance(owner, ast.Name) and owner.id == "problems" and func.attr == "add":
            return "problems.add"
        return func.attr
    return getattr(func, "id", "")


def _has_words(node: ast.AST) -> bool:
    """Whether ``node`` holds a string literal with a letter in it (English written
    inline); the key of a call in it that takes one (``Sentence("import.nul")``) is
    checked as that call."""
    nodes = [node]
    while nodes:
        inner = nodes.pop()
        if not (isinstance(inner, ast.Call) and _name(inner) in BY_KEY):
            nodes.extend(ast.iter_child_nodes(inner))
        text = inner.value if isinstance(inner, ast.Constant) else None
        if isinstance(text, str) and any(char.isalpha() for char in text):
            return True
    return False


def _key_problems(key: ast.expr) -> list[str]:
    """What is wrong with a call's key: a literal in the catalogue, either of two such
    (``"a" if x else "b"``), or the parameter ``key`` (``problem``) of a function that
    passes it on."""
    if isinstance(key, ast.IfExp):
        return _key_problems(key.body) + _key_problems(key.orelse)
    if isinstance(key, ast.Name) and key.id in ("key", "problem"):
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
        'raise ImportProblem(f"{path} is CSV, which has no sheets")',
        'raise Failed(f"error: {target} exists", ExitCode.USAGE)',
        'raise NotComparable("--split takes KEY or KEY=VALUE")',
        'raise NotMergeable(f"{folder} holds data that does not validate")',
        'problems.add(f"{grid.ref(row, column)}: empty cell")',
        'raise _unreadable(path, "no zip directory")',
        'raise ValueError(f"expected KEY=VALUE, got {text!r}")',
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


def test_import_speaks_english_unless_told() -> None:
    code, stderr = _run("import", "one.xlsx", "two.xlsx", "--to", "out")
    assert (code, stderr) == (2, said("error.import_one", "en") + "\n")
    code, stderr = _run("import", "one.xlsx", "two.xlsx", "--to", "out", "--lang", "da")
    assert (code, stderr) == (2, said("error.import_one", "da") + "\n")


def test_a_sheets_problems_are_said_at_their_cells_in_the_language_of_lang(
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "book.csv"
    sheet.write_text("Initiative,Area A,Area B\nOne,X,maybe\nTwo,,X\nTwo,X,\n", encoding="utf-8")
    target = tmp_path / "out"
    said_ = {
        lang: _run("import", str(sheet), "--to", str(target), "--lang", lang)
        for lang in ("en", "da")
    }
    english, danish = said_["en"][1].splitlines(), said_["da"][1].splitlines()
    assert said_["en"][0] == said_["da"][0] == 1
    assert english == [
        "book.csv!C2: 'maybe' is not a mark (hint: X, ✓, 1 or a strength: minimal, partial,"
        " significant; leave the cell empty for none)",
        "book.csv!A3, book.csv!A4: the initiative 'Two' is named in 2 rows (hint: name each"
        " initiative once; tell them apart in the name)",
        f"error: {sheet} cannot be imported",
    ]
    assert danish[0].startswith("book.csv!C2: 'maybe' er ikke en markering (tip: ")
    assert danish[1].startswith(
        "book.csv!A3, book.csv!A4: initiativet 'Two' er navngivet i 2 rækker"
    )
    assert danish[2] == f"fejl: {sheet} kan ikke importeres"
    assert not target.exists()


def test_import_attack_and_sigma_speak_the_language_of_lang(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle.json"
    bundle.write_text("not json", encoding="utf-8")
    code, danish = _run(
        "import", "attack", str(bundle), "--to", str(tmp_path / "o"), "--lang", "da"
    )
    assert code == 1
    assert danish == (
        f"{bundle}:1:1: ikke JSON (Expecting value) (tip: MITRE udgiver enterprise-attack.json"
        f" som et STIX 2.1-bundle)\nfejl: {bundle} kan ikke importeres\n"
    )
    code, danish = _run("import", "sigma", "--to", str(tmp_path / "o"), "--lang", "da")
    assert (code, danish) == (2, said("error.import_sigma_paths", "da") + "\n")


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (["gaps", "--where", "platforms"], "where.not_key_value"),
        (["gaps", "--where-initiative", "=x"], "where.not_key_value"),
        (["compare", "--split", "kind="], "compare.split_form"),
        (["compare", "--split", "owner"], "compare.split_values"),
    ],
)
def test_where_and_split_reasons_are_said_in_the_language_of_lang(
    args: list[str], key: str
) -> None:
    code, english = _run(*args, "--data", str(DATA))
    code_da, danish = _run(*args, "--data", str(DATA), "--lang", "da")
    assert code == code_da == 2
    for lang, text in (("en", english), ("da", danish)):
        words = re.split(r"\{[^}]*\}", catalogue(lang).messages[key])
        assert all(part in text for part in words), (lang, text)


def test_an_imports_changes_are_said_in_the_language_of_lang(tmp_path: Path) -> None:
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("Initiative,Area A,Area B\nOne,X,partial\nTwo,,X\n", encoding="utf-8")
    second.write_text("Initiative,Area A,Area C\nOne,X,X\n", encoding="utf-8")
    target = str(tmp_path / "data")
    assert _run("import", str(first), "--to", target)[0] == 0
    runner = CliRunner()
    env = {"NO_COLOR": "1", "COLUMNS": "100"}
    said_ = {
        lang: runner.invoke(
            app, ["import", str(second), "--to", target, "--dry-run", "--lang", lang], env=env
        )
        for lang in ("en", "da")
    }
    assert said_["en"].stdout.splitlines()[1:] == [
        "  + focus area 'Area C' (area-c)",
        "  + mark: one -> 'Area C'",
        "  - mark: one -> 'Area B' (its note goes too)",
        "kept what the sheet does not say: 3 notes",
    ]
    assert said_["da"].stdout.splitlines()[1:] == [
        "  + fokusområde 'Area C' (area-c)",
        "  + markering: one -> 'Area C'",
        "  - markering: one -> 'Area B' (dens note forsvinder også)",
        "beholdt det, arket ikke angiver: 3 noter",
    ]
    assert "  - initiativ 'Two' (two)\n" in said_["da"].stderr
    assert "  - initiative 'Two' (two)\n" in said_["en"].stderr


def test_import_problems_keep_their_kind_through_pickling() -> None:
    from gapcheck.importers import Failed
    from gapcheck.interchange import ImportProblem

    problem = ImportProblem("import.nul", usage=False, path="x.csv")
    again = pickle.loads(pickle.dumps(problem))
    assert (type(again), again.usage, str(again)) == (ImportProblem, False, str(problem))
    assert str(problem) == "x.csv is not a spreadsheet: it holds NUL bytes"
    assert problem.text("da") == "x.csv er ikke et regneark: den indeholder NUL-byte"
    failed = Failed("error.import_no_path", code=1, path="rules")
    assert (failed.code, failed.text("da")) == (1, "fejl: rules: filen eller mappen findes ikke")


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
