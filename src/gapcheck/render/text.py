"""Plain-text rendering of validation results: one ``path:line:col: CODE message`` a line."""

from __future__ import annotations

from gapcheck.diagnostics import Diagnostic, ValidationReport
from gapcheck.render import words


def problems(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> str:
    return "".join(d.format() + "\n" for d in diagnostics)


def summary(report: ValidationReport) -> str:
    where = words.dataset(report.data)
    counts = f"{words.plural(report.errors, 'error')}, {words.plural(report.warnings, 'warning')}"
    if report.valid:
        sizes = ""
        if report.focus_area_count is not None and report.initiative_count is not None:
            sizes = (
                f": {words.plural(report.focus_area_count, 'focus area')},"
                f" {words.plural(report.initiative_count, 'initiative')}"
            )
        extra = f" ({words.plural(report.warnings, 'warning')})" if report.warnings else ""
        return f"{where} is valid{sizes}{extra}\n"
    strict = " (--strict: warnings fail)" if not report.errors else ""
    return f"{where} is not valid: {counts}{strict}\n"


def render(report: ValidationReport) -> str:
    return problems(report.diagnostics) + summary(report)
