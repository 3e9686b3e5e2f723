"""The loader and its validation: the example corpus, plus focused checks.

Every directory under ``tests/corpus/valid`` must load with no diagnostics; every
directory under ``tests/corpus/invalid`` must give exactly the diagnostics its
``expected.txt`` lists, one per line as ``FILE:LINE:COL CODE`` (``#`` starts a
comment line). Adding a directory adds a test.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from gapcheck.diagnostics import Code, Diagnostic, Severity
from gapcheck.loader import InputError, LoadResult, load_dataset, with_stale_acceptances
from gapcheck.yamlread import read_yaml

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
REPORT_DATA = HERE.parent / "data"
WARNING_CODES = {Code.REPEATED_REFERENCE.value, Code.STALE_ACCEPTANCE.value}
_EXPECTED_LINE = re.compile(
    r"^(focus_areas|initiatives)\.yaml:[1-9][0-9]*:[1-9][0-9]* GC[1-3][0-9]{2}$"
)

MAX_TEXT = 300  # no message or hint may be longer, however large the bad value


def _cases(kind: str) -> list[Path]:
    return sorted(path for path in (CORPUS / kind).iterdir() if path.is_dir())


def _expected(case: Path) -> list[str]:
    lines = []
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        assert _EXPECTED_LINE.match(line), f"{case.name}/expected.txt: bad line {line!r}"
        lines.append(line)
    return lines


def _actual(result: LoadResult) -> list[str]:
    return [
        f"{os.path.basename(d.file)}:{d.line}:{d.column} {d.code.value}" for d in result.diagnostics
    ]


def _one(
    result: LoadResult, code: Code, line: int | None = None, file: str | None = None
) -> Diagnostic:
    """The one diagnostic with ``code`` (on ``line`` of ``file``, if given)."""
    found = [
        d
        for d in result.diagnostics
        if d.code is code
        and (line is None or d.line == line)
        and (file is None or os.path.basename(d.file) == file)
    ]
    assert len(found) == 1, [d.format() for d in result.diagnostics]
    return found[0]


def _write(directory: Path, focus_areas: str | bytes, initiatives: str | bytes) -> Path:
    for name, content in (("focus_areas.yaml", focus_areas), ("initiatives.yaml", initiatives)):
        data = content.encode("utf-8") if isinstance(content, str) else content
        (directory / name).write_bytes(data)
    return directory


AREAS = "focus_areas:\n  - id: export\n    name: Export\n  - id: talent\n    name: Talent\n"
INITIATIVES = "initiatives:\n  - id: council\n    name: Council\n    focus_areas: [export]\n"


# --- the corpus -----------------------------------------------------------------------


@pytest.mark.parametrize("case", _cases("valid"), ids=lambda path: path.name)
def test_valid_case_loads_cleanly(case: Path) -> None:
    result = load_dataset(case)
    assert _actual(result) == []
    assert result.dataset is not None
    assert result.dataset.label == str(case)


@pytest.mark.parametrize("case", _cases("invalid"), ids=lambda path: path.name)
def test_invalid_case_gives_expected_diagnostics(case: Path) -> None:
    expected = _expected(case)
    # As validate checks: the files, then acceptances against the gaps (GC307).
    result = with_stale_acceptances(load_dataset(case), 2026)
    assert _actual(result) == expected
    only_warnings = all(line.rsplit(" ", 1)[1] in WARNING_CODES for line in expected)
    assert (result.dataset is not None) == only_warnings


def test_corpus_has_a_case_for_every_code() -> None:
    codes = {line.rsplit(" ", 1)[1] for case in _cases("invalid") for line in _expected(case)}
    assert codes == {code.value for code in Code}


def test_corpus_is_not_empty() -> None:
    assert len(_cases("valid")) >= 8
    assert len(_cases("invalid")) >= len(Code)


# --- the report's own data ------------------------------------------------------------


def test_report_data_loads() -> None:
    result = load_dataset(REPORT_DATA, label="Tabel 3.2")
    assert result.diagnostics == []
    dataset = result.dataset
    assert dataset is not None
    assert dataset.label == "Tabel 3.2"
    assert len(dataset.initiatives) == 10
    assert len(dataset.focus_areas) == 5
    assert sum(len(item.focus_area_ids) for item in dataset.initiatives) == 22
    assert dataset.focus_areas[0].id == "mmv-globale-spillere"
    assert dataset.initiatives[-1].id == "vestdansk-investeringsfremme"
    assert dataset.initiatives[1].start == 2007


# --- unusable paths -------------------------------------------------------------------


def test_missing_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such directory"):
        load_dataset(tmp_path / "nowhere")


def test_file_instead_of_directory_is_an_input_error(tmp_path: Path) -> None:
    file = tmp_path / "focus_areas.yaml"
    file.write_text(AREAS, encoding="utf-8")
    with pytest.raises(InputError, match="not a directory"):
        load_dataset(file)


def test_directory_instead_of_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "focus_areas.yaml").mkdir()
    (tmp_path / "initiatives.yaml").write_text(INITIATIVES, encoding="utf-8")
    with pytest.raises(InputError, match="is a directory"):
        load_dataset(tmp_path)


# --- hints ----------------------------------------------------------------------------


def test_did_you_mean_hints() -> None:
    keys = load_dataset(CORPUS / "invalid" / "gc202-unknown-keys")
    assert _one(keys, Code.UNKNOWN_KEY, 4, "focus_areas.yaml").hint == (
        "did you mean 'description'?"
    )
    assert _one(keys, Code.UNKNOWN_KEY, 4, "initiatives.yaml").hint == (
        "allowed keys: id, name, owner, source, start, end, focus_areas, budget, url, attributes"
    )
    assert _one(keys, Code.UNKNOWN_KEY, 7).hint == "did you mean 'note'?"
    assert _one(keys, Code.UNKNOWN_KEY, 8).hint == (
        "the keys here are 'currency', 'owners', 'initiatives'"
    )
    top = load_dataset(CORPUS / "invalid" / "gc202-top-level-typo")
    assert _one(top, Code.UNKNOWN_KEY).hint == "did you mean 'focus_areas'?"
    refs = load_dataset(CORPUS / "invalid" / "gc302-unknown-references")
    assert _one(refs, Code.UNKNOWN_FOCUS_AREA, 5).hint == "did you mean 'export'?"
    assert _one(refs, Code.UNKNOWN_FOCUS_AREA, 6).hint == (
        "add it to focus_areas.yaml, or use one of its ids"
    )
    parents = load_dataset(CORPUS / "invalid" / "gc303-unknown-parent")
    assert _one(parents, Code.UNKNOWN_PARENT, 4).hint == "did you mean 'export'?"
    ids = load_dataset(CORPUS / "invalid" / "gc205-invalid-ids")
    hint = _one(ids, Code.INVALID_ID, 4, "focus_areas.yaml").hint
    assert hint is not None
    assert hint.endswith("; did you mean 'talent-pool'?")
    assert _one(ids, Code.INVALID_ID, 6).hint == (
        "use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit;"
        " did you mean 'dash'?"
    )


def test_initiative_id_used_as_focus_area_is_named_as_such() -> None:
    result = load_dataset(CORPUS / "invalid" / "gc302-unknown-references")
    assert _one(result, Code.UNKNOWN_FOCUS_AREA, 7).hint == (
        "'export-council' is an initiative; list focus areas from focus_areas.yaml"
    )


def test_misnamed_files_hint_at_the_rename() -> None:
    result = load_dataset(CORPUS / "invalid" / "gc101-misnamed-files")
    hints = [d.hint for d in result.diagnostics]
    assert hints == [
        "rename 'focus_area.yaml' to 'focus_areas.yaml'",
        "rename 'initiatives.yml' to 'initiatives.yaml'",
    ]


def test_swapped_files_hint_names_the_right_file() -> None:
    result = load_dataset(CORPUS / "invalid" / "gc202-swapped-files")
    assert [d.hint for d in result.diagnostics] == [
        "the initiatives belong in initiatives.yaml; this is focus_areas.yaml",
        "the focus areas belong in focus_areas.yaml; this is initiatives.yaml",
    ]


def test_yaml_words_get_a_quote_hint() -> None:
    result = load_dataset(CORPUS / "invalid" / "gc204-wrong-types")
    no = _one(result, Code.WRONG_TYPE, 3)
    assert no.message == "'name' must be text, got the true/false value false"
    assert no.hint == 'quote it: name: "no"'
    assert _one(result, Code.WRONG_TYPE, 5).hint == 'quote it: name: "2008"'
    # In a flow mapping the word ends at the brace.
    assert _one(result, Code.WRONG_TYPE, 7, "focus_areas.yaml").hint == 'quote it: name: "yes"'


def test_tab_indentation_hint_mentions_tabs() -> None:
    diagnostic = _one(load_dataset(CORPUS / "invalid" / "gc103-tab-indentation"), Code.YAML_SYNTAX)
    assert diagnostic.hint is not None
    assert "tabs" in diagnostic.hint
    other = _one(load_dataset(CORPUS / "invalid" / "gc103-bad-indentation"), Code.YAML_SYNTAX)
    assert other.hint is not None
    assert "tab" not in other.hint


def test_year_hints() -> None:
    result = load_dataset(CORPUS / "invalid" / "gc206-invalid-years")
    hints = [d.hint for d in result.diagnostics]
    assert hints == [
        "remove the quotes: start: 2008",
        "write start: 2008",
        "write a year, e.g. 2008",
        "write the year with four digits",
        "write start: 2008",
        "write the year with four digits",
    ]


def test_duplicates_point_at_the_second_and_name_the_first() -> None:
    key = _one(load_dataset(CORPUS / "invalid" / "gc104-duplicate-key"), Code.DUPLICATE_KEY)
    assert (key.line, key.message) == (5, "duplicate key 'description' (first at line 4)")
    ids = load_dataset(CORPUS / "invalid" / "gc301-duplicate-ids")
    assert [d.message for d in ids.diagnostics] == [
        "duplicate focus area id 'export' (first at line 2)",
        "duplicate initiative id 'export-council' (first at line 2)",
    ]


def test_parent_cycles_are_spelled_out() -> None:
    result = load_dataset(CORPUS / "invalid" / "gc304-parent-cycles")
    assert [d.message for d in result.diagnostics] == [
        "parent cycle: a -> b -> a",
        "parent cycle: self -> self",
    ]


def test_keys_are_read_as_written() -> None:
    result = load_dataset(CORPUS / "invalid" / "gc202-keys-that-look-like-values")
    assert [d.message for d in result.diagnostics] == ["unknown key 'no'", "unknown key '2008'"]


# --- huge values are never echoed back --------------------------------------------------

MB = 1024 * 1024
_ITEM = "focus_areas:\n  - id: export\n    name: Export\n"
_KEY = "k" * MB
# (case, an addition to focus_areas.yaml, one to the initiative, the codes expected)
_HUGE = [
    ("id", "  - id: " + "A" * MB + "\n    name: X\n", "", [Code.INVALID_VALUE]),
    ("name", "  - id: x\n    name: " + "n" * MB + "\n", "", [Code.INVALID_VALUE]),
    ("unknown-key", f"    ? {_KEY}\n    : 1\n", "", [Code.UNKNOWN_KEY]),
    ("top-level-key", f"? {_KEY}\n: 1\n", "", [Code.UNKNOWN_KEY]),
    (
        "duplicate-key",
        f"    ? {_KEY}\n    : 1\n    ? {_KEY}\n    : 2\n",
        "",
        [Code.UNKNOWN_KEY, Code.DUPLICATE_KEY],
    ),
    ("tag", "  - id: x\n    name: !" + "t" * MB + " X\n", "", [Code.UNSUPPORTED_VALUE]),
    ("alias", "  - id: x\n    name: *" + "a" * MB + "\n", "", [Code.YAML_SYNTAX]),
    ("quoted-year", "", '    start: "' + "1" * MB + '"\n', [Code.INVALID_YEAR]),
    ("long-year", "", "    start: 1" + "0" * 4000 + "\n", [Code.INVALID_YEAR]),
    ("decimal-year", "", "    start: 2008." + "5" * MB + "\n", [Code.INVALID_YEAR]),
    ("hex-year", "", "    end: 0x" + "f" * MB + "\n", [Code.UNSUPPORTED_VALUE]),
    ("text-for-list", "", "    owner: [" + "o" * MB + "]\n", [Code.WRONG_TYPE]),
    ("reference", "", "    focus_areas: [" + "r" * MB + "]\n", [Code.INVALID_VALUE]),
]


@pytest.mark.parametrize(
    ("areas", "extra", "codes"),
    [case[1:] for case in _HUGE],
    ids=[case[0] for case in _HUGE],
)
def test_messages_stay_short_for_huge_values(
    tmp_path: Path, areas: str, extra: str, codes: list[Code]
) -> None:
    initiatives = "initiatives:\n  - id: council\n    name: Council\n"
    if "focus_areas:" not in extra:
        initiatives += "    focus_areas: [export]\n"
    _write(tmp_path, _ITEM + areas, initiatives + extra)
    result = load_dataset(tmp_path)
    assert [d.code for d in result.diagnostics] == codes
    for diagnostic in result.diagnostics:
        assert len(diagnostic.message) <= MAX_TEXT
        assert len(diagnostic.hint or "") <= MAX_TEXT


def test_long_parent_cycle_message_stays_short(tmp_path: Path) -> None:
    count = 300
    ids = [f"area-{n:03d}-" + "x" * 180 for n in range(count)]
    areas = "focus_areas:\n" + "".join(
        f"  - id: {ids[n]}\n    name: A{n}\n    parent: {ids[(n + 1) % count]}\n"
        for n in range(count)
    )
    _write(tmp_path, areas, "initiatives: []\n")
    result = load_dataset(tmp_path)
    diagnostic = _one(result, Code.PARENT_CYCLE)
    assert diagnostic.message.startswith(f"parent cycle: {ids[0]} -> ")
    assert len(diagnostic.message) <= MAX_TEXT


# --- warnings, and everything in one run ------------------------------------------------


def test_warnings_leave_the_dataset_usable() -> None:
    result = load_dataset(CORPUS / "invalid" / "gc306-repeated-reference")
    assert [d.severity for d in result.diagnostics] == [Severity.WARNING]
    assert result.dataset is not None
    (initiative,) = result.dataset.initiatives
    assert initiative.focus_area_ids == ("export", "talent")


def test_every_problem_is_reported_in_one_run() -> None:
    result = load_dataset(CORPUS / "invalid" / "many-problems-in-one-run")
    assert result.dataset is None
    codes = [d.code.value for d in result.diagnostics]
    assert sorted(set(codes)) == [
        "GC103", "GC104", "GC107", "GC108",
        "GC202", "GC203", "GC204", "GC205", "GC206", "GC207",
        "GC301", "GC302", "GC303", "GC304", "GC305", "GC306",
    ]  # fmt: skip
    places = [(os.path.basename(d.file), d.line, d.column) for d in result.diagnostics]
    assert places == sorted(places)
    assert places[0][0] == "focus_areas.yaml"
    assert places[-1][0] == "initiatives.yaml"


def test_both_files_are_checked_when_one_is_unreadable() -> None:
    result = load_dataset(CORPUS / "invalid" / "gc202-swapped-files")
    assert {os.path.basename(d.file) for d in result.diagnostics} == {
        "focus_areas.yaml",
        "initiatives.yaml",
    }


# --- budgets ---------------------------------------------------------------------------


def test_billion_laughs_is_refused() -> None:
    result = load_dataset(CORPUS / "invalid" / "gc106-billion-laughs")
    diagnostic = _one(result, Code.TOO_COMPLEX)
    assert diagnostic.message == "aliases repeat more than 100,000 values"
    assert result.dataset is None


def test_node_budget_counts_aliases_as_what_they_repeat() -> None:
    text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: [*a, *a, *a]\n"
    assert read_yaml(text, "f.yaml", max_nodes=100).diagnostics == []
    result = read_yaml(text, "f.yaml", max_nodes=35)
    assert result.value is None
    assert [(d.line, d.column, d.code) for d in result.diagnostics] == [(2, 13, Code.TOO_COMPLEX)]


def test_deep_nesting_is_refused() -> None:
    result = load_dataset(CORPUS / "invalid" / "gc106-deep-block-nesting")
    assert _one(result, Code.TOO_COMPLEX).message == "nesting is deeper than 100 levels"
    text = "x: " + "[" * 150 + "]" * 150 + "\n"
    flow = read_yaml(text, "f.yaml")
    assert flow.value is None
    assert [(d.column, d.code) for d in flow.diagnostics] == [(3 + 100, Code.TOO_COMPLEX)]
    assert read_yaml(text, "f.yaml", max_depth=200).diagnostics == []


# --- positions ------------------------------------------------------------------------


def test_source_map_positions() -> None:
    text = "initiatives:\n  - id: a\n    focus_areas:\n      - x\n      - id: y\n"
    result = read_yaml(text, "f.yaml")
    source = result.source
    assert (source.key(("initiatives",)).line, source.key(("initiatives",)).column) == (1, 1)
    mark = source.value(("initiatives", 0, "id"))
    assert (mark.line, mark.column) == (2, 9)
    mark = source.value(("initiatives", 0, "focus_areas", 0))
    assert (mark.line, mark.column) == (4, 9)
    mark = source.value(("initiatives", 0, "focus_areas", 1, "id"))
    assert (mark.line, mark.column) == (5, 13)
    # A path that was never written falls back to its nearest ancestor.
    mark = source.value(("initiatives", 0, "focus_areas", 0, "id"))
    assert (mark.line, mark.column) == (4, 9)


def test_bom_and_crlf_keep_positions(tmp_path: Path) -> None:
    areas = "\ufefffocus_areas:\r\n  - id: export\r\n    name: Export\r\n    colour: red\r\n"
    _write(tmp_path, areas.encode("utf-8"), INITIATIVES)
    result = load_dataset(tmp_path)
    assert _actual(result) == ["focus_areas.yaml:4:5 GC202"]
