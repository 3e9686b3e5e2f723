"""render/safe.py: the helpers for untrusted text, one per output kind."""

from __future__ import annotations

import json
import re

import pytest

from gapcheck.render import safe

ORDINARY = [
    "Grøn omstilling (æøå) – R&D: 2030",
    "Tom & Jerry",
    "Vækst, én indsats. 50% af budget",
    "a-b.c",
    "",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert safe.line(text) == text
    assert safe.lines(text) == text
    assert safe.annotation(text) == text
    assert safe.markdown(text) == text
    assert safe.csv_cell(text) == text
    assert safe.html(text) == text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J", "\\x1b[2J"),
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("a\x00b", "a\\x00b"),
        ("del\x7f", "del\\x7f"),
        ("\x9b31m", "\\x9b31m"),
        ("nel\x85", "nel\\x85"),
        ("a\rb", "a\\rb"),
        ("a\nb", "a\\nb"),
        ("ls\u2028ps\u2029", "ls\\u2028ps\\u2029"),
        ("\u202eevil\u202c \u2066x\u2069", "\\u202eevil\\u202c \\u2066x\\u2069"),
        ("tab\tstays", "tab\tstays"),
    ],
)
def test_line_shows_control_characters_as_escapes(raw: str, shown: str) -> None:
    assert safe.line(raw) == shown


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("::error file=x::pwned", "\\x3a:error file=x\\x3a:pwned"),
        ("x\n::add-mask::secret", "x\\n\\x3a:add-mask\\x3a:secret"),
        (":leading", "\\x3aleading"),
        ("a::b", "a\\x3a:b"),
        (":::", "\\x3a\\x3a:"),
        ("one: two", "one: two"),
        ("legacy ##[error]x", "legacy #\\x23[error]x"),
    ],
)
def test_line_breaks_up_workflow_commands(raw: str, shown: str) -> None:
    assert safe.line(raw) == shown
    assert "::" not in shown.replace("\\x3a", "")


def test_line_is_idempotent() -> None:
    for text in ("::x", "\x1b::\n::", "a ##[b", ":"):
        once = safe.line(text)
        assert safe.line(once) == once


def test_lines_keep_newlines_but_no_line_starts_with_a_command() -> None:
    text = safe.lines("first\n::error::x\n  ::warning::y\r::notice::z")
    assert text == "first\n\\x3a:error\\x3a:x\n  \\x3a:warning\\x3a:y\\r\\x3a:notice\\x3a:z"
    assert not any(line.lstrip().startswith("::") for line in text.splitlines())


def test_annotation_leaves_cr_and_lf_to_the_percent_encoding() -> None:
    assert safe.annotation("a\r\nb\x1b[2J ##[x") == "a\r\nb\\x1b[2J #\\x23[x"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("a | b", "a \\| b"),
        ("`code`", "\\`code\\`"),
        ("*b* _i_ ~s~", "\\*b\\* \\_i\\_ \\~s\\~"),
        ("[x](http://evil)", "\\[x\\](http:&#8203;//evil)"),
        ("back\\slash", "back\\\\slash"),
        ("&#x202e;&lt;", "&amp;#x202e;&amp;lt;"),
        ("line\nbreak\r\nand\rmore\u2028", "line break and more "),
        ("\x1b[2J", "\\x1b\\[2J"),
        ("æøå ÆØÅ", "æøå ÆØÅ"),
    ],
)
def test_markdown(raw: str, shown: str) -> None:
    assert safe.markdown(raw) == shown


@pytest.mark.parametrize(
    ("raw", "cell"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("\tx", "\\tx"),  # a tab is shown as an escape: no spreadsheet splits on it
        ("\r=1", "\\r=1"),  # shown as an escape: no longer a CR at the start
        ("\uff1d1+1", "'\uff1d1+1"),
        ("a\nb", "a\\nb"),
        ("x\x1b[2J", "x\\x1b[2J"),
        ("a-b", "a-b"),
        ("X", "X"),
        # A formula after any separator a spreadsheet may split on: each part is safe.
        ("B;=2*21;", "B;'=2*21;"),
        ("C\t=2*21", "C\\t=2*21"),
        ("D,=2*21", "D,'=2*21"),
        ("E =2*21", "E '=2*21"),
        ("F|@SUM(A1)", "F|'@SUM(A1)"),
        ('G;"=2*21"', 'G;"\'=2*21"'),
        ("=1;=2", "'=1;'=2"),
        ("R&D - Nord", "R&D - Nord"),  # a sign before a space starts no formula
        ("1 -> 0", "1 -> 0"),
        ("x -2+3", "x '-2+3"),
    ],
)
def test_csv_cell_neutralises_text(raw: str, cell: str) -> None:
    assert safe.csv_cell(raw) == cell


@pytest.mark.parametrize("number", [-2, 0, 3, -0.5, 1.25])
def test_csv_cell_keeps_numbers(number: float) -> None:
    assert safe.csv_cell(number) is number


def test_html_turns_breaks_into_spaces_and_shows_controls() -> None:
    assert safe.html("a\nb\r\nc\x1b]0;t\x07 ##[x") == "a b c\\x1b]0;t\\x07 #\\x23[x"


@pytest.mark.parametrize(
    ("row", "cells"),
    [
        (["x", "Name", "X", "(X)", ""], ["x", "Name", "X", "(X)", ""]),
        (["x", "-2+3", "X"], ["x", "'-2+3", "X"]),
        (["x", "a\nb", "X"], ["x", "a\\nb", "X"]),
        (["x", "a\n=b"], ["x", "a\\n=b"]),
        (["x", "ok ##[error]y"], ["x", "ok #\\x23[error]y"]),
        (["x", "\x9b"], ["x", "\\x9b"]),
        (["coverage", "a", -2, 3, "+1"], ["coverage", "a", -2, 3, "'+1"]),
        ([], []),
    ],
)
def test_csv_row_is_csv_cell_on_every_cell(row: list[object], cells: list[object]) -> None:
    assert list(safe.csv_row(row)) == cells
    assert [safe.csv_cell(value) for value in row] == cells


@pytest.mark.parametrize(
    "value",
    ["plain æøå", "x\x7f\x9b\u202e\u2028 ##[error] \x1b]0;t\x07", "#", "##", "a##[b##[c", ""],
)
def test_json_text_keeps_strings_exact_and_prints_safely(value: str) -> None:
    text = safe.json_text(json.dumps({"name": value, value: [value]}, ensure_ascii=False))
    assert json.loads(text) == {"name": value, value: [value]}
    assert "##[" not in text
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]", text)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("@user", "@&#8203;user"),
        ("cc @org/team please", "cc @&#8203;org/team please"),
        ("mail a@b.dk", "mail a@&#8203;b.dk"),
        ("see #1", "see #&#8203;1"),
        ("GH-2 and gh-3", "GH&#8203;-2 and gh&#8203;-3"),
        ("owner/repo#3", "owner/repo#&#8203;3"),
        ("https://evil.example/x", "https:&#8203;//evil.example/x"),
        ("www.evil.example", "www&#8203;.evil.example"),
        ("C# and #x and GH-x", "C# and #x and GH-x"),  # nothing GitHub links
        ("v1@2026", "v1@2026"),  # a revision and a year: neither a mention nor an address
        ("(@user)", "(@&#8203;user)"),
    ],
)
def test_markdown_makes_no_mention_reference_or_link(raw: str, shown: str) -> None:
    assert safe.markdown(raw) == shown


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u061c"])
def test_invisible_characters_are_shown(char: str) -> None:
    code = f"\\x{ord(char):02x}" if ord(char) <= 0xFF else f"\\u{ord(char):04x}"
    assert safe.line(f"Ca{char}fe") == f"Ca{code}fe"
    assert safe.markdown(f"Ca{char}fe") == f"Ca{code}fe"
    assert safe.csv_cell(f"Ca{char}fe") == f"Ca{code}fe"
    assert json.loads(safe.json_text(json.dumps(f"Ca{char}fe"))) == f"Ca{char}fe"


def test_markdown_cuts_long_text() -> None:
    text = safe.markdown("x" * 1000)
    assert len(text) == safe.MARKDOWN_CHARS
    assert text.endswith("…")
    assert safe.markdown("y" * safe.MARKDOWN_CHARS) == "y" * safe.MARKDOWN_CHARS


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Caf\u00e9", "Cafe\u0301"),  # NFC and NFD
        ("Ca\u200bfe", "Cafe"),  # a zero-width space
        ("Ca\u00a0fe", "Ca fe"),  # a no-break space
        ("\uff21rea", "Area"),  # full-width
        ("Area  one", "area one"),
    ],
)
def test_look_alikes_fold_alike(a: str, b: str) -> None:
    assert safe.fold(a) == safe.fold(b)


def test_mixed_scripts() -> None:
    assert safe.mixed_scripts("\u0406nnovation")  # a Cyrillic I
    assert not safe.mixed_scripts("Innovation")
    assert not safe.mixed_scripts("Fokusområder")
    assert not safe.mixed_scripts("\u041c\u043e\u0441\u043a\u0432\u0430")  # all Cyrillic


def test_docx_text_is_one_line_without_controls() -> None:
    """A Word run of data: line breaks as spaces, every other control as an escape."""
    assert safe.docx("a\nb\r\nc\u2028d") == "a b c d"
    assert safe.docx("\x1b[31mred\x07\ttab") == "\\x1b[31mred\\x07\\ttab"
    assert safe.docx("bidi \u202eevil") == "bidi \\u202eevil"
    assert safe.docx("legacy ##[error]") == "legacy #\\x23[error]"
    assert safe.docx('=HYPERLINK("http://evil")') == '=HYPERLINK("http://evil")'  # text
