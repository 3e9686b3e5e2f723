"""Untrusted text in output: a hostile dataset through every command and format.

Names, notes, owners and sources (ids are restricted by the data format) carry
workflow commands after newlines, terminal escape sequences, C1 controls, HTML,
Markdown syntax and spreadsheet formulas. Whatever the command and format:

- no raw control character (C0 but tab and newline, DEL, C1) and no Unicode line
  separator or bidi control reaches any output but JSON;
- no line of output starts with ``::`` (a GitHub Actions workflow command) unless
  gapcheck wrote it in ``--format github``, with the data in it %-escaped;
- Markdown and HTML carry no raw ``<script`` or ``<img``;
- no CSV cell starts with ``=``, ``+``, ``-``, ``@``, tab or CR unless it is a number;
- JSON keeps the hostile strings exactly.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from gapcheck.cli import app

SRC = Path(__file__).resolve().parents[1] / "src"
ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}

#: One attack each; every one of them becomes a name, a note, an owner and a source.
HOSTILE = [
    "x\n::error file=x::pwned",
    "::add-mask::secret",
    "cr\r::warning::carriage",
    "\x1b]0;title\x07",
    "\x1b[2J cleared",
    "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\",
    "\x9b31mC1 CSI",
    "del\x7fete",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "pipe | and `tick` and *star* _under_ [link](http://evil)",
    '=HYPERLINK("http://evil")',
    "@SUM(A1)",
    "+1",
    "-2+3",
    "\tTab first",
    "nel\x85::error::nel",
    "ls\u2028::error::ls",
    "bidi \u202eevil\u202c \u2066iso\u2069",
    "   ::notice::indented",
    "legacy ##[error]v1 command ##[add-mask]x",
]
#: A control character, DEL, a C1 control, a line or paragraph separator or a bidi control.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")
FORMULA = tuple("=+-@\t\r")

# Focus areas a0..a19, one hostile name each. Initiatives i0..i19 likewise; their marks
# make a parent/child pair, crowded areas, identical groups, pairs, thin and uncovered
# areas, an orphan, and years for the timeline.
N = len(HOSTILE)


def _areas(count: int, *, offset: int = 0) -> list[dict[str, Any]]:
    areas: list[dict[str, Any]] = []
    for i in range(count):
        entry: dict[str, Any] = {
            "id": f"a{i}",
            "name": HOSTILE[(i + offset) % N],
            "description": HOSTILE[(i + 1) % N],
            "source": HOSTILE[(i + 2) % N],
        }
        if i == 1:
            entry["parent"] = "a0"
        areas.append(entry)
    return areas


def _initiatives(count: int, *, shift: int = 0) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for i in range(count):
        marks = sorted({"a0", f"a{(i + shift) % 12}", f"a{(i // 2) % 12}"})
        if i == count - 1:
            marks = []  # an orphan
        items.append(
            {
                "id": f"i{i}",
                "name": HOSTILE[i % N],
                "owner": HOSTILE[(i + 3) % N],
                "source": HOSTILE[(i + 4) % N],
                "start": 2000 + i % 5,
                "end": 2004 + i % 3,
                "focus_areas": [
                    {"id": mark, "note": HOSTILE[(i + k) % N]} for k, mark in enumerate(marks)
                ],
            }
        )
    return items


def write(directory: Path, areas: list[dict[str, Any]], items: list[dict[str, Any]]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in (
        ("focus_areas.yaml", {"focus_areas": areas}),
        ("initiatives.yaml", {"initiatives": items}),
    ):
        text = yaml.safe_dump(content, allow_unicode=False, sort_keys=False, width=10_000)
        (directory / name).write_text(text, encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(base, head): two versions of a hostile dataset that differ in every way a diff shows."""
    root = tmp_path_factory.mktemp("hostile")
    head = write(root / "head", _areas(N), _initiatives(N))
    base = write(root / "base", _areas(N - 2, offset=1), _initiatives(N - 3, shift=1))
    return base, head


def run(*args: str, width: int = 100) -> Result:
    env = {**ENV, "COLUMNS": str(width)}
    return CliRunner().invoke(app, list(args), env=env)


def check_text(text: str, *, github: bool = False) -> None:
    """No raw control characters; no line starting with ``::`` but gapcheck's own commands."""
    assert "##[" not in text  # the runner reads ##[command] anywhere in a line
    found = RAW_CONTROL.search(text)
    assert found is None, f"raw {found.group()!r} in {text[max(0, found.start() - 60) :][:120]!r}"
    for line in text.splitlines():
        if not line.lstrip().startswith("::"):
            continue
        assert github, f"line starts with '::': {line!r}"
        match = COMMAND.match(line)
        assert match, f"not a command gapcheck writes: {line!r}"
        for prop in match.group(2).split(","):
            name, _, value = prop.partition("=")
            assert name in {"file", "line", "col", "title"}, line
            assert not set(value) & {":", ","}, line
        # The data is %-encoded as the Actions toolkit does: no bare "%" is left.
        assert re.fullmatch(r"(?:[^%]|%25|%0D|%0A)*", match.group(3)), line


def check_markdown(text: str) -> None:
    check_text(text)
    lowered = text.lower()
    assert "<script" not in lowered
    assert "<img" not in lowered
    assert "[link](" not in text  # no live link from data
    columns = 0  # of the current table: every row has as many cells as its header
    for line in text.splitlines():
        if not line.startswith("|"):
            columns = 0
            continue
        cells = len(re.split(r"(?<!\\)\|", line))
        columns = columns or cells
        assert cells == columns, line


def check_csv(text: str) -> None:
    check_text(text)
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if cell.startswith(FORMULA):
                float(cell)  # only a real number may start with a sign


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def check_json(text: str, expected: set[str]) -> None:
    check_text(text)  # the text itself can be printed: controls and '##[' are \u-escaped
    found = set(strings(json.loads(text)))
    missing = {s for s in expected if s not in found}
    assert not missing, f"not kept exactly: {missing}"


def check(result: Result, fmt: str, expected: set[str] | None = None) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), result.output
    check_text(result.stderr)
    if fmt in ("json", "sarif"):
        check_json(result.stdout, expected or set())
    elif fmt == "markdown":
        check_markdown(result.stdout)
    elif fmt == "csv":
        check_csv(result.stdout)
    else:
        check_text(result.stdout, github=fmt == "github")


NAMES = set(HOSTILE)  # each is some initiative's and some area's name


@pytest.mark.parametrize("width", [100, 24])
@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "csv"])
@pytest.mark.parametrize("command", ["matrix", "overlaps"])
def test_matrix_and_overlaps(
    command: str, fmt: str, width: int, hostile: tuple[Path, Path]
) -> None:
    result = run(command, "--data", str(hostile[1]), "--format", fmt, width=width)
    expected = NAMES if command == "matrix" else set()
    check(result, fmt, expected)


@pytest.mark.parametrize("width", [100, 24])
@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "csv", "github"])
def test_gaps(fmt: str, width: int, hostile: tuple[Path, Path]) -> None:
    args = ("--format", fmt, "--min-initiatives", "3")
    result = run("gaps", "--data", str(hostile[1]), *args, width=width)
    check(result, fmt, {HOSTILE[N - 1]} if fmt == "json" else None)
    assert re.search(r"\d uncovered", result.stdout + result.stderr) or fmt in ("json", "csv")


@pytest.mark.parametrize("width", [100, 24])
@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "csv"])
def test_timeline(fmt: str, width: int, hostile: tuple[Path, Path]) -> None:
    args = ("--from", "1999", "--to", "2006")
    result = run("timeline", "--data", str(hostile[1]), "--format", fmt, *args, width=width)
    check(result, fmt, NAMES if fmt == "json" else None)


@pytest.mark.parametrize("width", [100, 24])
@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "csv", "github"])
def test_diff_between_directories(fmt: str, width: int, hostile: tuple[Path, Path]) -> None:
    base, head = hostile
    result = run("diff", str(base), str(head), "--format", fmt, width=width)
    check(result, fmt, set())
    report = json.loads(run("diff", str(base), str(head), "--format", "json").stdout)
    assert report["initiatives"]["added"]
    assert report["initiatives"]["changed"]
    assert report["focus_areas"]["added"]
    assert report["coverage"]


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "csv", "github"])
def test_diff_between_years(fmt: str, hostile: tuple[Path, Path]) -> None:
    args = ("--from", "2000", "--to", "2006", "--format", fmt)
    check(run("diff", "--data", str(hostile[1]), *args), fmt, None)


@pytest.mark.parametrize("lang", ["en", "da"])
def test_report_markdown(lang: str, hostile: tuple[Path, Path]) -> None:
    base, head = hostile
    args = ("--base", str(base), "--lang", lang, "-o", "-")
    result = run("report", "--data", str(head), "--format", "markdown", *args)
    check(result, "markdown")
    # The evidence of an ordinary name is still readable.
    assert "Tab first" in result.stdout


def test_report_html(hostile: tuple[Path, Path]) -> None:
    base, head = hostile
    result = run("report", "--data", str(head), "--base", str(base), "-o", "-")
    check(result, "html")
    lowered = result.stdout.lower()
    assert "<script" not in lowered
    assert "<img" not in lowered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout
    assert r"\x1b]0;title\x07" in result.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_validate_valid_hostile_data(fmt: str, hostile: tuple[Path, Path]) -> None:
    check(run("validate", "--data", str(hostile[1]), "--format", fmt), fmt, set())


# Invalid data whose keys and values end up quoted in validate's messages.
INVALID_AREAS = (
    "focus_areas:\n"
    '  - id: "bad\\e[2J\\n::error file=x::pwned"\n'
    '    name: "\\e]0;title\\a"\n'
    '    "\\e]8;;http://evil\\e\\\\key\\e]8;;\\e\\\\": 1\n'
    '  - id: "\\x9b::add-mask::secret"\n'
    "    name: ok\n"
    '    parent: "\\r::error::parent"\n'
    "  - id: fine\n"
    "    name: Fine\n"
    '    min_initiatives: "\\e[2J\\n::warning::x"\n'
)
INVALID_INITIATIVES = (
    "initiatives:\n"
    "  - id: one\n"
    "    name: One\n"
    '    "\\n::error file=x::key": x\n'
    '    start: "\\e[2J2001"\n'
    '    end: "=HYPERLINK(\\"x\\")\\u2028::error::y"\n'
    "    focus_areas:\n"
    "      - fine\n"
    '      - "fine\\x7f\\x85::error::z"\n'
    "      - finf\n"
    "      - fine.x\n"
)


@pytest.fixture(scope="module")
def invalid(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("invalid")
    (directory / "focus_areas.yaml").write_text(INVALID_AREAS, encoding="utf-8")
    (directory / "initiatives.yaml").write_text(INVALID_INITIATIVES, encoding="utf-8")
    return directory


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_validate_quotes_hostile_keys_and_values_safely(fmt: str, invalid: Path) -> None:
    result = run("validate", "--data", str(invalid), "--format", fmt)
    assert result.exit_code == 1, result.output
    check(result, fmt, set())
    problems = json.loads(run("validate", "--data", str(invalid), "--format", "json").stdout)
    messages = " ".join(p["message"] for p in problems["problems"])
    assert "\x1b" in messages  # the messages quote the hostile text: JSON keeps it
    assert len(problems["problems"]) >= 6


@pytest.mark.parametrize("command", ["matrix", "gaps", "report"])
def test_invalid_data_problems_on_stderr(command: str, invalid: Path) -> None:
    result = run(command, "--data", str(invalid), *(["-o", "-"] if command == "report" else []))
    assert result.exit_code == 1
    check_text(result.stderr)
    assert "GC202" in result.stderr


def test_colour_output_carries_no_escape_from_the_data(hostile: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(
        app,
        ["matrix", "--data", str(hostile[1])],
        env={"NO_COLOR": None, "FORCE_COLOR": "1", "COLUMNS": "100"},
    )
    assert "\x1b[0m" in result.stdout or "\x1b[1m" in result.stdout  # colour is on
    for raw in ("\x1b]", "\x1b[2J", "\x9b", "\x07", "\x7f", "\r"):
        assert raw not in result.stdout


def test_ordinary_names_are_unchanged(tmp_path: Path) -> None:
    areas = [{"id": "a", "name": "Grøn omstilling (æøå) – R&D: 2030"}]
    items = [{"id": "i", "name": "Vækst: én indsats", "focus_areas": ["a"]}]
    data = str(write(tmp_path, areas, items))
    table = run("matrix", "--data", data).stdout
    assert "Grøn omstilling (æøå) – R&D: 2030" in table
    assert "Vækst: én indsats" in table
    assert "Vækst: én indsats" in run("matrix", "--data", data, "--format", "csv").stdout
    markdown = run("matrix", "--data", data, "--format", "markdown").stdout
    assert "Vækst: én indsats" in markdown


def test_a_real_process_writes_no_raw_escape(hostile: tuple[Path, Path]) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env.update(NO_COLOR="1", COLUMNS="40", PYTHONIOENCODING="utf-8")
    env.pop("FORCE_COLOR", None)
    base, head = hostile
    for args in (
        ["gaps", "--data", str(head), "--min-initiatives", "3"],
        ["diff", str(base), str(head), "--format", "markdown"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "gapcheck", *args],
            env=env,
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert done.returncode in (0, 1), done.stderr
        for stream in (done.stdout, done.stderr):
            text = stream.decode("utf-8")
            check_text(text)
            assert b"\x1b" not in stream
            assert b"\r" not in stream


# --- the whole corpus through every command and format ---------------------------------

CORPUS = Path(__file__).resolve().parent / "corpus"
VALID_CASES = sorted(p for p in (CORPUS / "valid").iterdir() if p.is_dir())
INVALID_CASES = sorted(p for p in (CORPUS / "invalid").iterdir() if p.is_dir())
ANALYSES = (
    [
        (command, fmt)
        for command in ("matrix", "gaps", "overlaps", "timeline")
        for fmt in ("table", "json", "markdown", "csv")
    ]
    + [
        (command, fmt)
        for command in ("summary", "critical", "spend")
        for fmt in ("table", "json", "markdown", "csv")
    ]
    + [("gaps", "github"), ("gaps", "sarif"), ("critical", "sarif"), ("report", "markdown")]
)


@pytest.mark.parametrize("case", VALID_CASES, ids=[p.name for p in VALID_CASES])
def test_every_valid_case_through_every_command(case: Path, tmp_path: Path) -> None:
    for command, fmt in ANALYSES:
        extra = ["--output", "-"] if command == "report" else []
        check(run(command, "--data", str(case), "--format", fmt, *extra), fmt)
    check(run("diff", str(case), str(case), "--format", "markdown"), "markdown")
    html = tmp_path / "report.html"
    result = run("report", "--data", str(case), "--output", str(html))
    assert result.exit_code == 0, result.output
    check_text(html.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", INVALID_CASES, ids=[p.name for p in INVALID_CASES])
def test_every_invalid_case_is_reported_safely(case: Path) -> None:
    for fmt in ("text", "json", "github"):
        result = run("validate", "--data", str(case), "--format", fmt, "--strict")
        assert result.exit_code == 1, result.output  # warnings fail under --strict
        check(result, fmt)
    check(run("gaps", "--data", str(case)), "table")  # the problems, on stderr


# --- output size: axes the data can stretch ------------------------------------------------


@pytest.fixture(scope="module")
def millennia(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One initiative active from 1000 to 9999: 9,000 years of every focus area."""
    items = [{"id": "forever", "name": "Forever", "start": 1000, "end": 9999, "focus_areas": []}]
    items[0]["focus_areas"] = [{"id": "a0"}]
    areas = [{"id": f"a{i}", "name": f"Area {i}"} for i in range(30)]
    return write(tmp_path_factory.mktemp("millennia"), areas, items)


@pytest.mark.parametrize("fmt", ["json", "csv", "table", "markdown"])
def test_a_year_axis_spans_at_most_100_years(fmt: str, millennia: Path) -> None:
    from gapcheck.analysis.timeline import YEAR_AXIS

    result = run("timeline", "--data", str(millennia), "--format", fmt, "--all")
    assert result.exit_code == 0, result.output
    assert "1000-9999" in result.stderr  # said, not silent
    assert "--from" in result.stderr
    if fmt == "json":
        out = json.loads(result.stdout)
        assert out["clipped_from"] == [1000, 9999]
        assert len(out["years"]) == YEAR_AXIS
        assert out["years"][0] <= this_year() <= out["years"][-1]
    elif fmt == "csv":
        assert len(result.stdout.splitlines()) == YEAR_AXIS + 1
    assert len(result.stdout) < 50_000


def test_an_explicit_range_is_clipped_too(millennia: Path) -> None:
    result = run(
        "timeline", "--data", str(millennia), "--format", "json", "--from", "1000", "--to", "1500"
    )
    out = json.loads(result.stdout)
    assert out["years"] == list(range(1401, 1501))  # as near the counted year as it goes
    assert out["clipped_from"] == [1000, 1500]
    short = json.loads(
        run(
            "timeline",
            "--data",
            str(millennia),
            "--format",
            "json",
            "--from",
            "2000",
            "--to",
            "2099",
        ).stdout
    )
    assert short["clipped_from"] is None
    assert len(short["years"]) == 100


def test_report_and_workbook_timelines_are_clipped(millennia: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    report = run("report", "--data", str(millennia), "--format", "markdown", "-o", "-")
    assert report.exit_code == 0, report.output
    assert "1000" not in report.stdout.replace("1000-9999", "")
    out = tmp_path / "x.xlsx"
    result = run("export", "xlsx", "--data", str(millennia), "-o", str(out))
    assert result.exit_code == 0, result.output
    book = load_workbook(out, read_only=True)
    assert all((sheet.max_row or 0) <= 200 for sheet in book.worksheets)


def this_year() -> int:
    import datetime

    return datetime.date.today().year


def test_too_many_focus_areas_for_a_workbook_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past 16,382 focus areas, Excel and LibreOffice would drop columns silently."""
    from gapcheck.render import caps

    areas = [{"id": f"a{i}", "name": f"Area {i}"} for i in range(5)]
    data = write(tmp_path / "wide", areas, [{"id": "x", "name": "X", "focus_areas": ["a0"]}])
    monkeypatch.setattr(caps, "XLSX_AREAS", 4)
    result = run("export", "xlsx", "--data", str(data), "-o", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 2
    assert "5 focus areas" in result.stderr
    assert "matrix --format csv" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "x.xlsx").exists()


# --- look-alike names, mentions, separators ------------------------------------------------

LOOK_ALIKES = [
    "Caf\u00e9",
    "Cafe\u0301",
    "Ca\u200bfe",
    "Cafe",
    "Ca fe",
    "Ca\u00a0fe",
    "\u0406x",
    "Ix",
]


@pytest.fixture(scope="module")
def look_alikes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    areas = [{"id": f"a{i}", "name": name} for i, name in enumerate(LOOK_ALIKES)]
    items = [
        {"id": f"i{i}", "name": name, "focus_areas": [f"a{i}"]}
        for i, name in enumerate(LOOK_ALIKES)
    ]
    return write(tmp_path_factory.mktemp("alike"), areas, items)


@pytest.mark.parametrize("command", ["matrix", "gaps"])
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_look_alike_names_are_told_apart_by_their_ids(
    command: str, fmt: str, look_alikes: Path
) -> None:
    thin = ["--min-initiatives", "2"] if command == "gaps" else []
    result = run(command, "--data", str(look_alikes), "--format", fmt, *thin)
    assert result.exit_code in (0, 1), result.output
    out = result.stdout
    for i in (0, 1, 4, 5, 6):  # NFC/NFD, spaces, a Cyrillic letter: each shows its id
        assert f"i{i})" in out or f"a{i})" in out, (i, out)
    assert "\\u200b" in out  # the zero-width space is shown, not hidden


def test_markdown_notifies_nobody_and_links_nothing(tmp_path: Path) -> None:
    names = ["@user", "@org/team", "#1", "GH-2", "owner/repo#3", "https://evil.example", "www.x.dk"]
    areas = [{"id": f"a{i}", "name": name} for i, name in enumerate(names)]
    items = [{"id": f"i{i}", "name": n, "focus_areas": [f"a{i}"]} for i, n in enumerate(names)]
    data = write(tmp_path / "mentions", areas, items)
    for command in ("matrix", "gaps", "overlaps", "report"):
        args = ("-o", "-") if command == "report" else ()
        args += ("--min-initiatives", "2") if command in ("gaps", "report") else ()
        result = run(command, "--data", str(data), "--format", "markdown", *args)
        assert result.exit_code in (0, 1), result.output
        out = result.stdout
        assert "evil" in out or command == "overlaps"  # no overlap to name anyone in
        assert not re.search(r"@[\w-]", out), command
        assert not re.search(r"(?<!&)#\d|GH-\d|://|www\.", out), command


def test_a_formula_after_any_separator_is_neutralised(tmp_path: Path) -> None:
    names = ["B;=2*21;", "C\t=2*21", "D,=2*21", "E =2*21", "F|=2*21", 'G;"=2*21"']
    areas = [{"id": f"a{i}", "name": name} for i, name in enumerate(names)]
    items = [{"id": f"i{i}", "name": n, "focus_areas": [f"a{i}"]} for i, n in enumerate(names)]
    data = write(tmp_path / "separators", areas, items)
    text = run("matrix", "--data", str(data), "--format", "csv").stdout
    assert "\t" not in text
    for separator in ",; |":
        for line in text.splitlines():
            for part in line.split(separator):
                assert not part.strip(' "').startswith(FORMULA), (separator, part)


LONG = 1000 - 3  # the longest name the data format accepts, with a prefix of three


@pytest.fixture(scope="module")
def long_names(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("long")
    areas = [{"id": f"a{i}", "name": f"A{i:02}" + "x" * LONG} for i in range(60)]
    items = [
        {
            "id": f"i{k}",
            "name": f"I{k:02}" + "y" * LONG,
            "start": 2000 + k % 30,
            "budget": 1000,
            "focus_areas": [f"a{(k + m) % 40}" for m in range(3)],
        }
        for k in range(60)
    ]
    write(root, areas, items)
    path = root / "initiatives.yaml"
    path.write_text("currency: DKK\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    return root


@pytest.mark.parametrize("command", ["gaps", "matrix", "overlaps", "timeline", "spend", "report"])
def test_markdown_of_long_names_stays_within_its_budget(command: str, long_names: Path) -> None:
    from gapcheck.render.scale import MARKDOWN_LIMIT

    args = ["-o", "-"] if command == "report" else []
    result = run(command, "--data", str(long_names), "--format", "markdown", *args)
    assert result.exit_code in (0, 1), result.output
    assert len(result.stdout) <= MARKDOWN_LIMIT, len(result.stdout)
    assert "…" in result.stdout  # cut, and said to be


@pytest.mark.parametrize("command", ["matrix", "timeline", "report", "export"])
def test_no_output_past_the_byte_budget(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A general defence: whatever makes an output huge, it is refused, not written."""
    from gapcheck import limits

    data = write(
        tmp_path / "data",
        [{"id": f"a{i}", "name": f"Area {i}"} for i in range(100)],
        [{"id": "x", "name": "X", "start": 2020, "focus_areas": ["a0"]}],
    )
    monkeypatch.setattr(limits, "MAX_OUTPUT_BYTES", 300)
    target = tmp_path / "out"
    args = {
        "matrix": ["matrix", "--format", "csv", "--all"],
        "timeline": ["timeline", "--format", "json"],
        "report": ["report", "-o", str(target)],
        "export": ["export", "xlsx", "-o", str(target)],
    }[command]
    result = run(*args, "--data", str(data))
    assert result.exit_code == 2, result.output
    assert "budget of 300" in result.stderr
    assert result.stdout == ""
    assert not target.exists()
    monkeypatch.setattr(limits, "MAX_OUTPUT_BYTES", 10**6)
    assert run(*args, "--data", str(data)).exit_code == 0


@pytest.mark.parametrize(
    "command", ["matrix", "overlaps", "gaps", "timeline", "summary", "critical", "spend"]
)
def test_danish_csv(command: str, hostile: tuple[Path, Path]) -> None:
    """Danish CSV (``;``, decimal commas): no cell from the data starts a formula; a
    cell starting with a sign is a number gapcheck wrote (``-1,5``)."""
    result = run(command, "--data", str(hostile[1]), "--format", "csv", "--lang", "da")
    assert result.exit_code in (0, 1), result.output
    assert result.stdout.startswith("\ufeff")
    check_text(result.stdout)
    for row in csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff")), delimiter=";"):
        for cell in row:
            if cell.startswith(FORMULA):
                float(cell.replace(",", "."))
