"""The view of ``validate``: every problem, one line each, then the verdict.

The problems keep the order the loader gives them (file, line, column, code) and are
never capped: CI reads every one. Each is ``path:line:col: CODE message (hint: ...)``,
in ``--lang`` where the catalogue has the message (else in English, where its code is
documented). A problem's line quotes keys and values from the data within gapcheck's
words, so the whole line is marked as data. The verdict (valid, or how many errors
and warnings) closes the list: the last line a CI log shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from gapcheck.diagnostics import Diagnostic, ValidationReport
from gapcheck.i18n import Lang, count, problem_text, t
from gapcheck.views import document as doc
from gapcheck.views.options import Options, subject


def view(report: ValidationReport, options: Options) -> doc.Document:
    return _document(
        report.data,
        options.lang,
        (
            *_problems(report.diagnostics, options.lang),
            doc.Section(None, (_verdict(report, options.lang),)),
        ),
    )


def problems(diagnostics: Sequence[Diagnostic], options: Options) -> doc.Document:
    """The problems alone (the data another command could not use, or its warnings)."""
    return _document("", options.lang, _problems(diagnostics, options.lang))


def verdict(report: ValidationReport, options: Options) -> doc.Document:
    """The verdict alone (beside the GitHub or SARIF output, which lists the problems)."""
    return _document(
        report.data, options.lang, (doc.Section(None, (_verdict(report, options.lang),)),)
    )


def _document(data: str, lang: Lang, sections: tuple[doc.Section, ...]) -> doc.Document:
    named = subject(data, None, lang, None) if data else ""
    return doc.Document(t("title.validate", lang), named, lang, sections=sections)


def _problems(diagnostics: Sequence[Diagnostic], lang: Lang) -> tuple[doc.Section, ...]:
    if not diagnostics:
        return ()
    words = (t("problem.warning", lang), t("problem.hint", lang))
    lines = tuple(doc.data(_in(d, lang).format(words)) for d in diagnostics)
    return (doc.Section(None, (doc.BulletList(lines),)),)


def _in(diagnostic: Diagnostic, lang: Lang) -> Diagnostic:
    if lang == "en":
        return diagnostic
    hint = None if diagnostic.hint is None else problem_text(diagnostic.hint, lang)
    return replace(diagnostic, message=problem_text(diagnostic.message, lang), hint=hint)


def _verdict(report: ValidationReport, lang: Lang) -> doc.Paragraph:
    where = subject(report.data, None, lang, None)
    if report.valid:
        sizes = ""
        if report.focus_area_count is not None and report.initiative_count is not None:
            sizes = (
                f": {count('focus_area', report.focus_area_count, lang)},"
                f" {count('initiative', report.initiative_count, lang)}"
            )
        extra = f" ({count('warning', report.warnings, lang)})" if report.warnings else ""
        return doc.Paragraph.of(
            t("validate.valid", lang, data=where, sizes=sizes, warnings=extra), "good"
        )
    said = t(
        "validate.invalid",
        lang,
        data=where,
        errors=count("error", report.errors, lang),
        warnings=count("warning", report.warnings, lang),
        strict="" if report.errors else t("validate.strict", lang),
    )
    return doc.Paragraph.of(said, "bad")
