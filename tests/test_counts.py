"""Every counted phrase, for 0, 1 and 2, in English and Danish.

The rule (documented in ``gapcheck/i18n.py``): a noun or adjective counted by a
number takes the singular for exactly 1 and the plural for 0 and for more, in both
languages. The singular and plural forms are written out here, apart from the
catalogue, so that a form missing from it is caught too.
"""

from __future__ import annotations

import re
from itertools import product

import pytest

from gapcheck.analysis import CrowdedArea, DiffReport, Gap, GapReport, OverlapPair, OverlapReport
from gapcheck.analysis.coverage import AreaCoverage, CoverageMatrix, InitiativeCoverage
from gapcheck.analysis.diff import CoverageChange
from gapcheck.analysis.report import Finding
from gapcheck.diagnostics import Code, Diagnostic, Severity, ValidationReport
from gapcheck.i18n import LANGS, NOUNS, Lang, count
from gapcheck.render import text, words
from gapcheck.views import Options, validate

#: (singular, plural) of every counted word, per language; where both are the same
#: (English adjectives, Danish "fejl", "par") there is nothing to get wrong.
FORMS: dict[Lang, list[tuple[str, str]]] = {
    "en": [
        ("initiative", "initiatives"),
        ("focus area", "focus areas"),
        ("gap", "gaps"),
        ("mark", "marks"),
        ("group", "groups"),
        ("crowded focus area", "crowded focus areas"),
        ("overlapping pair", "overlapping pairs"),
        ("error", "errors"),
        ("warning", "warnings"),
    ],
    "da": [
        ("initiativ", "initiativer"),
        ("fokusområde", "fokusområder"),
        ("hul", "huller"),
        ("markering", "markeringer"),
        ("gruppe", "grupper"),
        ("overbelastet fokusområde", "overbelastede fokusområder"),
        ("udækket", "udækkede"),
        ("tyndt dækket", "tyndt dækkede"),
        ("advarsel", "advarsler"),
    ],
}
NUMBERS = (0, 1, 2)


def assert_grammatical(sentence: str, lang: Lang) -> None:
    """No ``1 <plural>``, no ``0``/``2``/... ``<singular>`` in ``sentence``."""
    for one, many in FORMS[lang]:
        one_many = re.search(rf"(?<![\d,.])1 {re.escape(many)}(?!\w)", sentence)
        assert one_many is None, f"{lang}: plural after 1 in {sentence!r}"
        many_one = re.search(rf"(?<![\d,.])(0|[2-9]|\d\d+) {re.escape(one)}(?!\w)", sentence)
        assert many_one is None, f"{lang}: singular after {many_one.group(1)} in {sentence!r}"


def test_the_check_can_fail() -> None:
    with pytest.raises(AssertionError):
        assert_grammatical("1 gap among 5 focus areas: 0 uncovered, 1 tyndt dækkede.", "da")
    with pytest.raises(AssertionError):
        assert_grammatical("2 initiative", "en")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("noun", sorted(NOUNS))
def test_count_takes_the_singular_for_one_only(noun: str, lang: Lang) -> None:
    one, many = NOUNS[noun][lang]
    assert count(noun, 1, lang) == f"1 {one}"
    assert count(noun, 0, lang) == f"0 {many}"
    assert count(noun, 2, lang) == f"2 {many}"


def _gap(kind: str, index: int, number: int) -> Gap:
    return Gap(f"{kind}{index}", f"Area {index}", kind, number, 2, ())  # type: ignore[arg-type]


def _gap_reports() -> list[GapReport]:
    reports = []
    for uncovered, thin, orphans, areas, minimum in product(
        NUMBERS, NUMBERS, NUMBERS, NUMBERS, (1, 2)
    ):
        gaps = tuple(_gap("uncovered", n, 0) for n in range(uncovered)) + tuple(
            _gap("thin", n, 1) for n in range(thin)
        )
        total = max(areas, len(gaps))
        orphan_ids = tuple(f"o{n}" for n in range(orphans))
        reports.append(GapReport("data", None, minimum, total, gaps, orphan_ids))
    return reports


@pytest.mark.parametrize("lang", LANGS)
def test_gaps_summary(lang: Lang) -> None:
    for report in _gap_reports():
        assert_grammatical(words.gaps_summary(report, lang), lang)
        for gap in report.gaps:
            assert_grammatical(words.gap_reason(gap, lang), lang)


def test_danish_one_thin_area_is_singular() -> None:
    report = GapReport("data", None, 2, 5, (_gap("thin", 0, 1),), ())
    assert words.gaps_summary(report, "da") == (
        "1 hul blandt 5 fokusområder: 0 udækkede, 1 tyndt dækket (færre end 2 initiativer)."
    )
    assert words.gaps_summary(report, "en") == (
        "1 gap among 5 focus areas: 0 uncovered, 1 thin (fewer than 2 initiatives)."
    )


def test_no_gaps_among_one_or_no_focus_area() -> None:
    one = GapReport("data", None, 2, 1, (), ())
    assert words.gaps_summary(one, "en") == (
        "No gaps: the one focus area is served by at least 2 initiatives."
    )
    assert words.gaps_summary(one, "da") == (
        "Ingen huller: det ene fokusområde dækkes af mindst 2 initiativer."
    )
    none = GapReport("data", None, 2, 0, (), ())
    assert words.gaps_summary(none, "en") == "No gaps: there are no focus areas."


def _overlap_reports() -> list[OverlapReport]:
    reports = []
    for crowded, pairs, wanted, total in product(NUMBERS, NUMBERS, NUMBERS, (1, 2, 3)):
        shown = min(wanted, pairs)
        areas = tuple(
            CrowdedArea(f"a{n}", f"A{n}", min(total, 1 + n), 0.9, ()) for n in range(crowded)
        )
        listed = tuple(OverlapPair(f"i{n}", f"j{n}", ("a",), 0.5) for n in range(shown))
        reports.append(OverlapReport("data", None, 0.5, total, areas, (), listed, pairs))
    return reports


@pytest.mark.parametrize("lang", LANGS)
def test_overlaps_summary_and_crowded_reasons(lang: Lang) -> None:
    for report in _overlap_reports():
        assert_grammatical(words.overlaps_summary(report, lang), lang)
        for area in report.crowded:
            assert_grammatical(words.crowded_reason(area, report, lang), lang)


def test_crowded_reason_of_one_initiative() -> None:
    report = OverlapReport("data", None, 0.5, 1, (), (), (), 0)
    area = CrowdedArea("a", "A", 1, 1.0, ("i",))
    assert words.crowded_reason(area, report, "en").startswith("1 of 1 initiative (100%)")
    assert words.crowded_reason(area, report, "da").startswith("1 af 1 initiativ (100%)")


def test_one_pair_shown() -> None:
    pair = OverlapPair("i", "j", ("a",), 0.5)
    report = OverlapReport("data", None, 0.5, 3, (), (), (pair,), 2)
    assert words.overlaps_summary(report, "da").endswith("2 overlappende par (det største vist).")
    assert words.overlaps_summary(report, "en").endswith("2 overlapping pairs (the top one shown).")


@pytest.mark.parametrize("lang", LANGS)
def test_matrix_summary(lang: Lang) -> None:
    for initiatives, areas, marks in product(NUMBERS, NUMBERS, NUMBERS):
        items = tuple(InitiativeCoverage(f"i{n}", "I", ()) for n in range(initiatives))
        marked = tuple(f"i{n}" for n in range(marks))
        columns = tuple(
            AreaCoverage(f"a{n}", "A", None, marked if n == 0 else (), ()) for n in range(areas)
        )
        summary = words.matrix_summary(CoverageMatrix("data", None, columns, items), lang)
        assert_grammatical(summary, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_diff_headline(lang: Lang) -> None:
    for opened, closed, added, coverage in product(NUMBERS, NUMBERS, NUMBERS, NUMBERS):
        report = DiffReport(
            "a",
            "b",
            2,
            tuple(f"i{n}" for n in range(added)),
            (),
            (),
            (),
            (),
            tuple(CoverageChange(f"a{n}", "A", 1, 2) for n in range(coverage)),
            tuple(f"o{n}" for n in range(opened)),
            tuple(f"c{n}" for n in range(closed)),
        )
        assert_grammatical(words.diff_headline(report, lang), lang)


@pytest.mark.parametrize("lang", LANGS)
def test_report_findings(lang: Lang) -> None:
    for kind, number, total in product(("thin", "crowded", "identical"), (1, 2, 3), (1, 2, 3)):
        if kind == "identical" and number < 2:
            continue  # a group of one is no group
        finding = Finding(kind, ("a",), ("i", "j"), number, max(number, total), 2, "x")  # type: ignore[arg-type]
        assert_grammatical(words.finding(finding, {}, {"a": "A"}, lang), lang)


def test_one_crowding_initiative_works() -> None:
    finding = Finding("crowded", ("a",), ("i",), 1, 1, 0.5, "x")
    assert words.finding(finding, {}, {"a": "A"}, "en") == "1 of 1 initiative works on A."
    assert words.finding(finding, {}, {"a": "A"}, "da") == "1 af 1 initiativ arbejder med A."


@pytest.mark.parametrize("lang", LANGS)
def test_validate_summary(lang: Lang) -> None:
    for errors, warnings, sizes in product(NUMBERS, NUMBERS, NUMBERS):
        problems = tuple(
            Diagnostic("f", 1, 1, Code.DUPLICATE_ID, "m", None, Severity.ERROR)
            for _ in range(errors)
        ) + tuple(
            Diagnostic("f", 1, 1, Code.REPEATED_REFERENCE, "m", None, Severity.WARNING)
            for _ in range(warnings)
        )
        report = ValidationReport("data", problems, False, sizes, sizes)
        assert_grammatical(text.render(validate.verdict(report, Options(lang))), lang)
