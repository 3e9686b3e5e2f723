"""Problems found in input data, as values.

A :class:`Diagnostic` names a file, a 1-based line and column, a stable code and a
message with an optional hint. Loaders return diagnostics; they never print.
Every code is listed, with its meaning, in ``docs/data-format.md`` (a test checks).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import ClassVar

from gapcheck.contract import OMIT, Entry


class ExitCode(IntEnum):
    """Process exit codes of the command line."""

    OK = 0
    FINDINGS = 1  # invalid data, or a check (``gaps --fail``) failed
    USAGE = 2  # bad options, or an input path that cannot be used


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Code(StrEnum):
    """Stable codes, one per kind of problem. Never renumber; only add."""

    # The file as a whole, and YAML itself.
    FILE_MISSING = "GC101"
    FILE_UNREADABLE = "GC102"
    YAML_SYNTAX = "GC103"
    DUPLICATE_KEY = "GC104"
    EMPTY_FILE = "GC105"
    TOO_COMPLEX = "GC106"
    MULTIPLE_DOCUMENTS = "GC107"
    UNSUPPORTED_VALUE = "GC108"
    TOO_MANY_PROBLEMS = "GC109"
    # The shape of the data.
    TOP_LEVEL = "GC201"
    UNKNOWN_KEY = "GC202"
    MISSING_KEY = "GC203"
    WRONG_TYPE = "GC204"
    INVALID_ID = "GC205"
    INVALID_YEAR = "GC206"
    INVALID_VALUE = "GC207"
    INVALID_JUDGEMENT = "GC208"  # strength, min_strength, priority or accepted.until
    INVALID_RESOURCE = "GC209"  # budget, share, currency, an owner's level
    # Consistency across items and files.
    DUPLICATE_ID = "GC301"
    UNKNOWN_FOCUS_AREA = "GC302"
    UNKNOWN_PARENT = "GC303"
    PARENT_CYCLE = "GC304"
    START_AFTER_END = "GC305"
    REPEATED_REFERENCE = "GC306"
    # Found by ``validate`` after counting coverage (a warning).
    STALE_ACCEPTANCE = "GC307"
    # Resources: money and owners.
    SHARES_OVER_ONE = "GC308"
    UNKNOWN_OWNER = "GC309"
    NO_CURRENCY = "GC310"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place in one file."""

    JSON: ClassVar[tuple[Entry, ...]] = (
        *("file", "line", "column", "code", "severity", "message", "hint"),
        ("cell", lambda d, _: OMIT if d.cell is None else d.cell),  # in a workbook only
    )

    file: str
    line: int
    column: int
    code: Code
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR
    #: In a workbook: the sheet, ``line`` and ``column`` being the cell's row and column.
    sheet: str | None = None
    #: Where to say the problem is, when that is not in the file checked: the sheet cell
    #: an import would write it from (``Oversigt!C7``).
    place: str | None = None

    @property
    def sort_key(self) -> tuple[str, str, int, int, str]:
        return (self.file, self.sheet or "", self.line, self.column, self.code.value)

    @property
    def where(self) -> str:
        """``path:line:col``, or ``book.xlsx:Sheet!C7`` in a workbook."""
        if self.place is not None:
            return self.place
        if self.sheet is not None:
            return f"{self.file}:{self.cell}"
        return f"{self.file}:{self.line}:{self.column}"

    @property
    def cell(self) -> str | None:
        """``Sheet!C7`` in a workbook, else ``None``."""
        if self.sheet is None:
            return None
        return f"{self.sheet}!{column_letter(self.column)}{self.line}"

    def format(self, words: tuple[str, str] = ("warning", "hint")) -> str:
        """``path:line:col: CODE message (hint: ...)``: the one-line text form (``words``:
        how to say 'warning' and 'hint')."""
        warning = f"{words[0]}: " if self.severity is Severity.WARNING else ""
        text = f"{self.where}: {self.code.value} {warning}{self.message}"
        if self.hint:
            text += f" ({words[1]}: {self.hint})"
        return text


def column_letter(column: int) -> str:
    """A spreadsheet column's letters: 1 -> A, 27 -> AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sort by file, line, column and code; drop exact repeats."""
    return sorted(set(diagnostics), key=lambda d: d.sort_key)


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def shorten(value: object, limit: int = 40) -> str:
    """A value for a message: never echo a huge input back."""
    text = value if isinstance(value, str) else repr(value)
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of ``gapcheck validate``: every problem found in a data directory."""

    JSON: ClassVar[tuple[Entry, ...]] = ("data", "valid", ("problems", "diagnostics"))

    data: str
    diagnostics: tuple[Diagnostic, ...]
    strict: bool = False
    focus_area_count: int | None = None  # known when the data is valid
    initiative_count: int | None = None

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)

    @property
    def valid(self) -> bool:
        """No errors, and no warnings either when strict."""
        return not self.errors and not (self.strict and self.warnings)
