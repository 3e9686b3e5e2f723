"""Golden outputs: every command x every format x three datasets x both languages.

What a user sees is pinned byte for byte, so that moving code (views, printers, the
API) cannot change it by accident. Each case is one command line run through typer's
CliRunner at ``COLUMNS=100``, without colour, on a fixed date (``GAPCHECK_TODAY``), in
a folder that holds copies of the datasets under short names, so that no absolute path
enters an output:

- ``table32``: the report's dataset (``data/``), ``budgets``: ``docs/examples/budgets``,
  ``atomic``: the real portfolio in ``shared/`` (skipped where it is missing, as
  ``tests/realdata.py`` says);
- ``NAME-next``: the same data a version later (two initiatives gone, one of them the
  only initiative of a focus area, and one budget changed), for ``diff``, ``report
  --base`` and ``export navigator --diff``.

A golden file holds the exit code, stdout and stderr. An output over
:data:`FULL_LIMIT` bytes is pinned by its SHA-256, size and first lines instead of in
full (the Atomic Red Team matrix is megabytes). Workbooks are pinned by their cells,
files that a command writes (``init``, ``import``) by their text.

To regenerate on purpose (and say why in the commit)::

    GOLDEN_UPDATE=1 python -m pytest tests/test_golden.py -p no:randomly -q
    git diff --stat tests/golden
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
ATOMIC = REPO.parent / "shared" / "data" / "atomic-red-team"
SOURCES = {
    "table32": REPO / "data",
    "budgets": REPO / "docs" / "examples" / "budgets",
    "atomic": ATOMIC,
}
TODAY = "2026-06-15"
ENV: dict[str, str | None] = {
    "NO_COLOR": "1",
    "COLUMNS": "100",
    "FORCE_COLOR": None,
    "GAPCHECK_TODAY": TODAY,
}
FULL_LIMIT = 40_000
HEAD_LINES = 25

HUMAN = ("table", "markdown", "csv")
ALL_FORMATS = (*HUMAN, "json")
CI_FORMATS = (*ALL_FORMATS, "github", "sarif")


@dataclass(frozen=True)
class Case:
    """One command line, run in the datasets' folder; ``kind`` says what is pinned."""

    dataset: str  # "table32", "budgets", "atomic", or "once"
    lang: str
    name: str
    args: tuple[str, ...]
    #: "stdout", "xlsx" (the cells of out.xlsx), "docx" (the text of out.docx),
    #: "files" (a folder's text)
    kind: str = "stdout"

    @property
    def id(self) -> str:
        return f"{self.dataset}/{self.lang}/{self.name}"

    @property
    def path(self) -> Path:
        return GOLDEN / self.dataset / self.lang / f"{self.name}.txt"


def _dataset_cases(ds: str, lang: str) -> Iterator[Case]:
    d = ("--data", ds)
    la = ("--lang", lang)
    big = ds == "atomic"
    # The real portfolio in Danish: the human formats only (its JSON is the English one).
    formats = HUMAN if big and lang == "da" else ALL_FORMATS
    ci_formats = HUMAN if big and lang == "da" else CI_FORMATS

    for fmt in ("text", "json", "github", "sarif"):
        if big and lang == "da" and fmt != "text":
            continue
        yield Case(ds, lang, f"validate-{fmt}", ("validate", *d, "-f", fmt, *la))
    for fmt in formats:
        yield Case(ds, lang, f"matrix-{fmt}", ("matrix", *d, "-f", fmt, *la))
        yield Case(ds, lang, f"overlaps-{fmt}", ("overlaps", *d, "-f", fmt, *la))
        yield Case(ds, lang, f"timeline-{fmt}", ("timeline", *d, "-f", fmt, *la))
        yield Case(ds, lang, f"summary-{fmt}", ("summary", *d, "-f", fmt, *la))
        yield Case(ds, lang, f"spend-{fmt}", ("spend", *d, "-f", fmt, *la))
    yield Case(ds, lang, "matrix-by-owner", ("matrix", *d, "--by", "owner", *la))
    yield Case(ds, lang, "overlaps-top-10", ("overlaps", *d, "--top", "10", *la))
    yield Case(ds, lang, "gaps-all", ("gaps", *d, "--all", "--ids", *la))
    for fmt in ci_formats:
        yield Case(ds, lang, f"gaps-{fmt}", ("gaps", *d, "-f", fmt, *la))
        yield Case(ds, lang, f"critical-{fmt}", ("critical", *d, "-f", fmt, *la))
        yield Case(
            ds,
            lang,
            f"whatif-{fmt}",
            ("whatif", *d, "--without", _first_initiative(ds), "-f", fmt, *la),
        )
        yield Case(
            ds,
            lang,
            f"diff-{fmt}",
            ("diff", ds, "--data", f"{ds}-next", "-f", fmt, "--fail-on", "opened-gaps", *la),
        )
    if ds != "atomic":
        yield Case(ds, lang, "diff-years", ("diff", *d, "--from", "2006", "--to", "2025", *la))
    for fmt in ("html", "markdown"):
        yield Case(ds, lang, f"report-{fmt}", ("report", *d, "-f", fmt, "-o", "-", *la))
    yield Case(
        ds,
        lang,
        "report-base-markdown",
        ("report", "--data", f"{ds}-next", "--base", ds, "-f", "markdown", "-o", "-", *la),
    )
    # The Word report is pinned by its text (headings, paragraphs, table rows), not its bytes.
    yield Case(ds, lang, "report-docx", ("report", *d, "-f", "docx", "-o", "out.docx", *la), "docx")
    yield Case(
        ds,
        lang,
        "report-base-docx",
        ("report", "--data", f"{ds}-next", "--base", ds, "-f", "docx", "-o", "out.docx", *la),
        "docx",
    )
    if lang == "en" or not big:
        yield Case(ds, lang, "export-navigator", ("export", "navigator", *d, "-o", "-", *la))
        yield Case(
            ds,
            lang,
            "export-navigator-diff",
            ("export", "navigator", "--data", f"{ds}-next", "--diff", ds, "-o", "-", *la),
        )
        yield Case(ds, lang, "export-graphml", ("export", "graphml", *d, "-o", "-", *la))
        yield Case(
            ds, lang, "export-xlsx", ("export", "xlsx", *d, "-o", "out.xlsx", *la), kind="xlsx"
        )


def _once_cases() -> Iterator[Case]:
    for which in ("focus_areas", "initiatives"):
        yield Case("once", "en", f"schema-{which}", ("schema", which))
    yield Case("once", "en", "init", ("init", "out"), kind="files")
    yield Case("once", "en", "help", ("--help",))
    yield Case("once", "en", "import-xlsx", ("import", "table32.xlsx", "--to", "out"), kind="files")
    yield Case("once", "en", "import-csv", ("import", "table.csv", "--to", "out"), kind="files")


def cases() -> list[Case]:
    """Every golden case, in a stable order."""
    found: list[Case] = []
    for ds in SOURCES:
        for lang in ("en", "da"):
            found.extend(_dataset_cases(ds, lang))
    found.extend(_once_cases())
    return found


# ---------------------------------------------------------------- the datasets' folder

_FIRST: dict[str, str] = {}


def _first_initiative(ds: str) -> str:
    """The id of the dataset's first initiative (read from the source, once)."""
    if ds not in _FIRST:
        path = SOURCES[ds] / "initiatives.yaml"
        if not path.is_file():  # the real portfolio, missing: the case will skip
            return "missing"
        text = path.read_text(encoding="utf-8")
        _FIRST[ds] = _load(text)["initiatives"][0]["id"]
    return _FIRST[ds]


def _load(text: str) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


def _dump(value: Any) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(value, Dumper=dumper, sort_keys=False, allow_unicode=True, width=1000)


def _area_ids(initiative: dict[str, Any]) -> list[str]:
    return [m if isinstance(m, str) else m["id"] for m in initiative.get("focus_areas", [])]


def next_version(initiatives_yaml: str) -> str:
    """The data a version later: the only initiative of some focus area and the last
    initiative removed, and the first budget (if any) raised by 10 %."""
    data = _load(initiatives_yaml)
    items: list[dict[str, Any]] = data["initiatives"]
    counts: dict[str, int] = {}
    for item in items:
        for area in set(_area_ids(item)):
            counts[area] = counts.get(area, 0) + 1
    sole = next(
        (i for i, item in enumerate(items) if any(counts[a] == 1 for a in _area_ids(item))),
        0,
    )
    drop = {sole, len(items) - 1}
    kept = [item for i, item in enumerate(items) if i not in drop]
    for item in kept:
        budget = item.get("budget")
        if isinstance(budget, int):
            item["budget"] = budget + budget // 10
            break
    data["initiatives"] = kept
    return _dump(data)


TABLE_CSV = """\
Indsats;Viden;Eksport;Talent
Kontor i Bruxelles;X;;X
Eksportrådgivning;;X;
Talentprogram;x;;✓
"""


def prepare(root: Path) -> None:
    """Lay out the datasets' folder at ``root`` (the working directory of every case)."""
    for ds, source in SOURCES.items():
        if not (source / "initiatives.yaml").is_file():
            continue
        shutil.copytree(source, root / ds, ignore=shutil.ignore_patterns("*.md", "*.py"))
        nxt = root / f"{ds}-next"
        shutil.copytree(root / ds, nxt)
        text = (nxt / "initiatives.yaml").read_text(encoding="utf-8")
        (nxt / "initiatives.yaml").write_text(next_version(text), encoding="utf-8")
    (root / "table.csv").write_text(TABLE_CSV, encoding="utf-8")


# ---------------------------------------------------------------- what is pinned


def pin(exit_code: int, stdout: str, stderr: str) -> str:
    """The golden text of one run."""
    return f"exit: {exit_code}\n--- stdout\n{shown(stdout)}--- stderr\n{shown(stderr)}"


def shown(text: str) -> str:
    if not text.endswith("\n") and text:
        text += "\n[no newline at end]\n"
    data = text.encode("utf-8")
    if len(data) <= FULL_LIMIT:
        return text
    head = "".join(text.splitlines(keepends=True)[:HEAD_LINES])
    digest = hashlib.sha256(data).hexdigest()
    lines = text.count("\n")
    return f"[{len(data)} bytes, {lines} lines, sha256 {digest}; the first {HEAD_LINES}:]\n{head}"


def xlsx_cells(path: Path) -> str:
    """Every sheet's non-empty cells as ``Sheet!A1 = value`` lines."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    out: list[str] = []
    for sheet in book.worksheets:
        out.append(f"# {sheet.title}")
        for row in sheet.iter_rows():
            for cell in row:
                value = getattr(cell, "value", None)
                if value is not None:
                    out.append(f"{cell.coordinate} = {value!r}")
    book.close()
    return "\n".join(out) + "\n"


def docx_text(path: Path) -> str:
    """A Word document's body in order: each paragraph as ``[style] text``, each table
    row as its cells between ``|``."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    word = docx.Document(str(path))
    out: list[str] = []
    for block in word.iter_inner_content():
        if isinstance(block, Paragraph):
            if block.text:
                out.append(f"[{block.style.name if block.style else ''}] {block.text}")
        elif isinstance(block, Table):
            out.append("[table]")
            out += ["| " + " | ".join(cell.text for cell in row.cells) + " |" for row in block.rows]
    return "\n".join(out) + "\n"


def folder_text(path: Path) -> str:
    """Every file below ``path``, in order, with its name."""
    out: list[str] = []
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        out.append(f"=== {file.relative_to(path).as_posix()}")
        out.append(file.read_text(encoding="utf-8"))
    return "\n".join(out)


def update_requested() -> bool:
    return os.environ.get("GOLDEN_UPDATE") == "1"
