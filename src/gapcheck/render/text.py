"""Plain-text rendering of validation results: one ``path:line:col: CODE message`` a line.

Problems and the closing summary follow ``--lang`` (a problem the catalogue lacks
stays in English, where its code is documented).
"""

from __future__ import annotations

from gapcheck.diagnostics import Diagnostic, ValidationReport
from gapcheck.i18n import Lang, count, problem_text, t
from gapcheck.render import safe, words


def problems(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic], lang: Lang = "en") -> str:
    """One line a problem; the keys and values its message quotes are shown escaped."""
    words = (t("problem.warning", lang), t("problem.hint", lang))
    return "".join(safe.line(_in(d, lang).format(words)) + "\n" for d in diagnostics)


def _in(diagnostic: Diagnostic, lang: Lang) -> Diagnostic:
    if lang == "en":
        return diagnostic
    from dataclasses import replace

    hint = None if diagnostic.hint is None else problem_text(diagnostic.hint, lang)
    return replace(diagnostic, message=problem_text(diagnostic.message, lang), hint=hint)


def summary(report: ValidationReport, lang: Lang = "en") -> str:
    where = words.dataset(safe.line(report.data), lang=lang)
    if report.valid:
        sizes = ""
        if report.focus_area_count is not None and report.initiative_count is not None:
            sizes = (
                f": {count('focus_area', report.focus_area_count, lang)},"
                f" {count('initiative', report.initiative_count, lang)}"
            )
        extra = f" ({count('warning', report.warnings, lang)})" if report.warnings else ""
        return t("validate.valid", lang, data=where, sizes=sizes, warnings=extra) + "\n"
    return (
        t(
            "validate.invalid",
            lang,
            data=where,
            errors=count("error", report.errors, lang),
            warnings=count("warning", report.warnings, lang),
            strict="" if report.errors else t("validate.strict", lang),
        )
        + "\n"
    )


def render(report: ValidationReport, lang: Lang = "en") -> str:
    return problems(report.diagnostics, lang) + summary(report, lang)
