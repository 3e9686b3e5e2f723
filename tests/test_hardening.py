"""Hardened input (issue 4): every kind of broken input gets a code, a place and a hint.

Three parts, all through the command line (``gapcheck validate --format json``):

1. A corpus of broken inputs built here from bytes: each case names its two files'
   bytes, the exit code and the exact problems as (file, line, code).
2. Hostile inputs (alias bombs, deep nesting, huge numbers, long lines) run in a
   subprocess under a 1 GiB address-space limit: refused, without a traceback or a
   MemoryError. The timeout there only guards against a hang.
3. Hypothesis mutations of valid files, of their bytes and of their structure: never a
   traceback, never an exit code other than 0, 1 or 2, never a run of more than a few
   seconds, and with exit 1 always a JSON list of placed problems.
"""

from __future__ import annotations

import copy
import json
import os
import random
import re
import resource
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

import gapcheck
from clirun import limited
from gapcheck.cli import app

REPO = Path(__file__).resolve().parents[1]
SRC = Path(gapcheck.__file__).resolve().parents[1]  # the code under test
DATA = REPO / "data"
ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}

A = "focus_areas.yaml"
I = "initiatives.yaml"  # noqa: E741 - a file name, beside A

# Valid files. The helpers below add one entry after these, so that the entry's first
# line is line 4 of focus_areas.yaml and line 5 of initiatives.yaml.
AREAS_HEAD = "focus_areas:\n  - id: talent\n    name: Talent\n"
INITIATIVES_HEAD = "initiatives:\n  - id: council\n    name: Council\n    focus_areas: [talent]\n"
AREAS = AREAS_HEAD.encode()
INITIATIVES = INITIATIVES_HEAD.encode()
NO_INITIATIVES = b"initiatives: []\n"  # refers to nothing, so cannot add an unknown reference


def areas(entry: str) -> bytes:
    """focus_areas.yaml with ``entry`` (YAML text) starting on line 4."""
    return (AREAS_HEAD + entry).encode("utf-8")


def initiatives(entry: str) -> bytes:
    """initiatives.yaml with ``entry`` (YAML text) starting on line 5."""
    return (INITIATIVES_HEAD + entry).encode("utf-8")


def area(field: str) -> bytes:
    """An area whose last line (line 6) is ``field``: ``areas`` with id and name first."""
    return areas(f"  - id: export\n    name: Export\n    {field}\n")


def initiative(field: str) -> bytes:
    """An initiative whose last line (line 8) is ``field``."""
    return initiatives(f"  - id: fund\n    name: Fund\n    focus_areas: [talent]\n    {field}\n")


def named_area(line: str) -> bytes:
    """An area whose id and name are given as ``line`` (line 4) and a name on line 5."""
    return areas(f"  - {line}\n    name: Export\n")


# --- hostile documents, shared by the corpus and the resource check --------------------


def billion_laughs(levels: int = 9) -> bytes:
    """Nine levels of nine aliases each: 9**9 values from 11 short lines."""
    # Under a key the file may have: what is under an unknown key is never built.
    lines = ["focus_areas: []\ntitle:\n", "  a0: &a0 [" + ", ".join(["lol"] * 9) + "]\n"]
    for level in range(1, levels + 1):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"  a{level}: &a{level} [{aliases}]\n")
    return "".join(lines).encode()


def quadratic_blowup(items: int = 1000, aliases: int = 5000) -> bytes:
    """One anchored list of ``items`` values, aliased ``aliases`` times on one line."""
    big = ", ".join(["lol"] * items)
    uses = ", ".join(["*big"] * aliases)
    return f"focus_areas: []\ntitle:\n  big: &big [{big}]\n  use: [{uses}]\n".encode()


def block_nesting(levels: int) -> bytes:
    """Mappings nested ``levels`` deep, one level per line."""
    lines = "".join(" " * depth + f"k{depth}:\n" for depth in range(1, levels + 1))
    return b"focus_areas:\n" + lines.encode() + b" " * (levels + 1) + b"x\n"


def compact_nesting(levels: int) -> bytes:
    """Block sequences nested ``levels`` deep on one line: '- - - ... x'."""
    return b"focus_areas:\n" + b"- " * levels + b"x\n"


def flow_nesting(levels: int, opening: bytes = b"[", closing: bytes = b"]") -> bytes:
    return b"focus_areas: " + opening * levels + closing * levels + b"\n"


def year(text: str) -> bytes:
    """An initiative whose start year (line 8) is ``text``."""
    return initiative(f"start: {text}")


RANDOM_BYTES = random.Random(4).randbytes(4096)  # starts with a byte that is not UTF-8
BINARY = bytes(range(256)) * 4  # NUL and every control character, then 0x80 on line 3
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(200)
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(100)


# --- the corpus -------------------------------------------------------------------------


class Case(NamedTuple):
    """Broken input: the two files' bytes (None: absent), the exit code, the problems."""

    name: str
    areas: bytes | None
    initiatives: bytes | None
    exit: int
    problems: list[tuple[str, int, str]]
    args: tuple[str, ...] = ()


CASES = [
    # Bytes that are not UTF-8 text, or characters YAML forbids.
    Case("random-bytes", RANDOM_BYTES, INITIATIVES, 1, [(A, 1, "GC102")]),
    Case("binary-with-nuls", BINARY, INITIATIVES, 1, [(A, 3, "GC102")]),
    Case("only-nuls", bytes(64), INITIATIVES, 1, [(A, 1, "GC102")]),
    Case("nul-in-a-value", areas("  - id: export\n    name: Ex\x00port\n"), INITIATIVES, 1,
         [(A, 5, "GC102")]),
    Case("png-header", PNG, INITIATIVES, 1, [(A, 1, "GC102")]),
    Case("zip-header", AREAS, ZIP, 1, [(I, 1, "GC102")]),
    Case("utf-16-with-bom", "focus_areas: []\n".encode("utf-16"), INITIATIVES, 1,
         [(A, 1, "GC102")]),
    Case("utf-16-without-bom", "focus_areas: []\n".encode("utf-16-le"), INITIATIVES, 1,
         [(A, 1, "GC102")]),
    Case("latin-1", areas("  - id: aarhus\n    name: Århus\n").decode().encode("latin-1"),
         INITIATIVES, 1, [(A, 5, "GC102")]),
    Case("windows-1252-quotes", AREAS,
         INITIATIVES + b"  - id: fund\n    name: \x93Fund\x94\n    focus_areas: []\n", 1,
         [(I, 6, "GC102")]),
    Case("lone-surrogate", AREAS + b"  - id: export\n    name: \xed\xa0\x80\n", INITIATIVES, 1,
         [(A, 5, "GC102")]),
    Case("overlong-utf-8", AREAS + b"  - id: export\n    name: \xc0\xaf\n", INITIATIVES, 1,
         [(A, 5, "GC102")]),
    Case("truncated-utf-8-at-the-end", AREAS + b"  - id: export\n    name: \xc3", INITIATIVES,
         1, [(A, 5, "GC102")]),
    Case("bell-character", area("description: ring \x07"), INITIATIVES, 1, [(A, 6, "GC102")]),
    Case("delete-character", area("description: \x7f"), INITIATIVES, 1, [(A, 6, "GC102")]),
    # A lone CR ends a line, for the reader's errors as for libyaml's own.
    Case("control-character-after-cr-line-ends", b"focus_areas: []\r\x07", INITIATIVES, 1,
         [(A, 2, "GC102")]),
    # Valid, however they look: a byte-order mark, CRLF or CR line ends.
    Case("bom-and-crlf-are-valid", b"\xef\xbb\xbf" + AREAS.replace(b"\n", b"\r\n"),
         b"\xef\xbb\xbf" + INITIATIVES.replace(b"\n", b"\r\n"), 0, []),
    Case("cr-line-ends-are-valid", AREAS.replace(b"\n", b"\r"), INITIATIVES, 0, []),
    Case("bom-and-crlf-keep-positions",
         b"\xef\xbb\xbf" + area("colour: red").replace(b"\n", b"\r\n"), INITIATIVES, 1,
         [(A, 6, "GC202")]),
    # YAML syntax.
    Case("tab-indentation", b"focus_areas:\n\t- id: talent\n", INITIATIVES, 1, [(A, 2, "GC103")]),
    Case("tab-before-a-key", areas("  - id: export\n\tname: Export\n"), INITIATIVES, 1,
         [(A, 5, "GC103")]),
    Case("unclosed-quote", areas('  - id: export\n    name: "Export\n'), INITIATIVES, 1,
         [(A, 6, "GC103")]),
    Case("unclosed-flow-list", AREAS, initiatives(
        "  - id: fund\n    name: Fund\n    focus_areas: [talent\n"), 1, [(I, 8, "GC103")]),
    Case("bad-indentation", areas("  - id: export\n   name: Export\n"), INITIATIVES, 1,
         [(A, 5, "GC103")]),
    Case("colon-in-plain-text", area("description: note: this"), INITIATIVES, 1,
         [(A, 6, "GC103")]),
    # libyaml places an error at the end of a last line without a newline on the line
    # after it, which no editor shows: it is placed at the end of the last line.
    Case("syntax-error-in-a-last-line-without-newline", AREAS + b"    f", INITIATIVES, 1,
         [(A, 4, "GC103")]),
    Case("stray-closing-bracket", b"focus_areas: []]\n", INITIATIVES, 1, [(A, 1, "GC103")]),
    Case("unknown-alias", area("description: *nowhere"), INITIATIVES, 1, [(A, 6, "GC103")]),
    Case("alias-to-itself", b"focus_areas: &a [*a]\n", NO_INITIATIVES, 1, [(A, 1, "GC103")]),
    Case("yaml-2-directive", b"%YAML 2.0\n---\n" + AREAS, INITIATIVES, 1, [(A, 1, "GC103")]),
    Case("unknown-directive", b"%FOO bar\n---\n" + AREAS, INITIATIVES, 1, [(A, 1, "GC103")]),
    # Duplicate keys, reported at the second.
    Case("duplicate-key", area("name: Again"), INITIATIVES, 1, [(A, 6, "GC104")]),
    Case("duplicate-key-quoted-differently", area('"name": Again'), INITIATIVES, 1,
         [(A, 6, "GC104")]),
    Case("duplicate-top-level-key", AREAS + b"focus_areas: []\n", INITIATIVES, 1,
         [(A, 4, "GC104")]),
    Case("duplicate-key-in-flow-mapping", AREAS,
         initiatives("  - {id: fund, name: Fund, focus_areas: [], id: other}\n"), 1,
         [(I, 5, "GC104")]),
    # Several documents, and no document at all.
    Case("two-documents", AREAS + b"---\nfocus_areas: []\n", INITIATIVES, 1, [(A, 4, "GC107")]),
    Case("document-end-then-another", AREAS, INITIATIVES + b"...\n---\ninitiatives: []\n", 1,
         [(I, 6, "GC107")]),
    Case("only-document-start", b"---\n", INITIATIVES, 1, [(A, 1, "GC105")]),
    Case("only-comments", b"# focus areas\n# to come\n", INITIATIVES, 1, [(A, 1, "GC105")]),
    Case("only-whitespace", AREAS, b"  \n\n   \n", 1, [(I, 1, "GC105")]),
    Case("only-crlf", b"\r\n\r\n", INITIATIVES, 1, [(A, 1, "GC105")]),
    Case("only-bom", b"\xef\xbb\xbf", INITIATIVES, 1, [(A, 1, "GC105")]),
    Case("both-empty", b"", b"", 1, [(A, 1, "GC105"), (I, 1, "GC105")]),
    Case("focus-areas-missing", None, INITIATIVES, 1, [(A, 1, "GC101")]),
    Case("both-missing", None, None, 1, [(A, 1, "GC101"), (I, 1, "GC101")]),
    # Tags: only the standard scalar ones are read.
    Case("python-object-apply-os-system", AREAS,
         initiatives("  - !!python/object/apply:os.system ['echo pwned']\n"), 1,
         [(I, 5, "GC108")]),
    Case("python-object-new-mapping", areas("  - !!python/object/new:os.system\n"
                                            "    args: ['echo pwned']\n"), INITIATIVES, 1,
         [(A, 4, "GC108"), (A, 4, "GC203"), (A, 4, "GC203"), (A, 5, "GC202")]),
    Case("python-name", area("description: !!python/name:os.system"), INITIATIVES, 1,
         [(A, 6, "GC108")]),
    Case("tag-directive-to-python", b"%TAG !py! tag:yaml.org,2002:python/\n---\n"
         b"focus_areas: !py!object:os.system x\n", INITIATIVES, 1, [(A, 3, "GC108")]),
    Case("binary", area("description: !!binary aGVsbG8="), INITIATIVES, 1, [(A, 6, "GC108")]),
    Case("set", b"focus_areas: !!set {talent, export}\n", INITIATIVES, 1,
         [(A, 1, "GC108"), (A, 1, "GC201")]),
    Case("omap", b"focus_areas: !!omap\n  - id: talent\n    name: Talent\n", INITIATIVES, 1,
         [(A, 1, "GC108")]),
    Case("custom-tag-on-scalar", area("description: !foo text"), INITIATIVES, 1,
         [(A, 6, "GC108")]),
    Case("custom-tag-on-sequence", AREAS, initiatives(
        "  - id: fund\n    name: Fund\n    focus_areas: !foo [talent]\n"), 1, [(I, 7, "GC108")]),
    Case("custom-tag-on-mapping", areas("  - !foo\n    id: export\n    name: Export\n"),
         INITIATIVES, 1, [(A, 4, "GC108")]),
    Case("verbatim-tag", area("description: !<tag:example.com,2000:x> text"), INITIATIVES, 1,
         [(A, 6, "GC108")]),
    Case("explicit-bool-tag-on-a-word", area("description: !!bool maybe"), INITIATIVES, 1,
         [(A, 6, "GC108")]),
    Case("explicit-timestamp-tag-on-a-word", area("description: !!timestamp soon"),
         INITIATIVES, 1, [(A, 6, "GC108")]),
    Case("explicit-int-tag-on-nothing", AREAS, year('!!int ""'), 1, [(I, 8, "GC108")]),
    Case("explicit-str-tag-on-a-year", AREAS, year("!!str 2008"), 1, [(I, 8, "GC206")]),
    Case("impossible-date", AREAS, year("2008-13-45"), 1, [(I, 8, "GC108")]),
    Case("merge-key", areas("  - &base {id: export, name: Export}\n  - <<: *base\n    id: more\n"),
         INITIATIVES, 1, [(A, 5, "GC108"), (A, 5, "GC203")]),
    # Documents that stand for far more than they hold.
    Case("billion-laughs", billion_laughs(), INITIATIVES, 1, [(A, 8, "GC106")]),
    Case("quadratic-blowup", quadratic_blowup(), INITIATIVES, 1, [(A, 4, "GC106")]),
    Case("block-nesting-200", block_nesting(200), INITIATIVES, 1, [(A, 101, "GC106")]),
    Case("compact-nesting-10000", compact_nesting(10_000), INITIATIVES, 1, [(A, 2, "GC106")]),
    Case("flow-nesting-200", flow_nesting(200), INITIATIVES, 1, [(A, 1, "GC106")]),
    Case("flow-nesting-10000", flow_nesting(10_000), INITIATIVES, 1, [(A, 1, "GC106")]),
    Case("flow-mapping-nesting-10000", flow_nesting(10_000, b"{a: ", b"}"), INITIATIVES, 1,
         [(A, 1, "GC106")]),
    Case("unclosed-flow-nesting-10000", b"focus_areas: " + b"[" * 10_000, INITIATIVES, 1,
         [(A, 1, "GC106")]),
    # Numbers: huge, not finite, not whole, out of range.
    Case("year-1e999999", AREAS, year("1e999999"), 1, [(I, 8, "GC206")]),
    Case("year-1.0e+999999", AREAS, year("1.0e+999999"), 1, [(I, 8, "GC206")]),
    Case("year-of-5000-digits", AREAS, year("1" + "0" * 4999), 1, [(I, 8, "GC108")]),
    Case("year-of-5000-hex-digits", AREAS, year("0x" + "f" * 5000), 1, [(I, 8, "GC108")]),
    Case("year-of-20000-binary-digits", AREAS, year("0b" + "1" * 20_000), 1, [(I, 8, "GC108")]),
    Case("year-base-60-of-5000-places", AREAS, year("1" + ":59" * 5000), 1, [(I, 8, "GC108")]),
    Case("year-base-60-of-1000-places", AREAS, year("1" + ":59" * 1000), 1, [(I, 8, "GC206")]),
    Case("year-inf", AREAS, year(".inf"), 1, [(I, 8, "GC206")]),
    Case("year-minus-inf", AREAS, year("-.inf"), 1, [(I, 8, "GC206")]),
    Case("year-nan", AREAS, year(".nan"), 1, [(I, 8, "GC206")]),
    Case("year-negative", AREAS, year("-2008"), 1, [(I, 8, "GC206")]),
    Case("year-0", AREAS, initiative("end: 0"), 1, [(I, 8, "GC206")]),
    Case("year-99999", AREAS, year("99999"), 1, [(I, 8, "GC206")]),
    Case("year-2008.0", AREAS, year("2008.0"), 1, [(I, 8, "GC206")]),
    Case("year-quoted", AREAS, year('"2008"'), 1, [(I, 8, "GC206")]),
    Case("year-yes", AREAS, initiative("end: yes"), 1, [(I, 8, "GC206")]),
    Case("year-date", AREAS, year("2008-01-01"), 1, [(I, 8, "GC206")]),
    Case("year-list", AREAS, year("[2008]"), 1, [(I, 8, "GC206")]),
    Case("year-mapping", AREAS, initiative("end: {year: 2008}"), 1, [(I, 8, "GC206")]),
    Case("start-after-end", AREAS, initiatives(
        "  - id: fund\n    name: Fund\n    focus_areas: []\n    start: 2010\n    end: 2007\n"),
         1, [(I, 9, "GC305")]),
    Case("min-initiatives-0", area("min_initiatives: 0"), INITIATIVES, 1, [(A, 6, "GC207")]),
    Case("min-initiatives-1.5", area("min_initiatives: 1.5"), INITIATIVES, 1,
         [(A, 6, "GC207")]),
    Case("min-initiatives-text", area('min_initiatives: "2"'), INITIATIVES, 1,
         [(A, 6, "GC207")]),
    Case("min-initiatives-huge", area("min_initiatives: 9" + "9" * 5000), INITIATIVES, 1,
         [(A, 6, "GC108")]),
    Case("max-share-nan", b"thresholds: {max_share: .nan}\n" + AREAS, INITIATIVES, 1,
         [(A, 1, "GC207")]),
    Case("max-share-2", b"thresholds:\n  max_share: 2\n" + AREAS, INITIATIVES, 1,
         [(A, 2, "GC207")]),
    Case("thresholds-a-list", b"thresholds: [2, 0.5]\n" + AREAS, INITIATIVES, 1,
         [(A, 1, "GC204")]),
    # Wrong types in every field.
    Case("id-a-boolean", named_area("id: yes"), INITIATIVES, 1, [(A, 4, "GC204")]),
    Case("id-null", named_area("id: null"), INITIATIVES, 1, [(A, 4, "GC204")]),
    Case("id-a-number", named_area("id: 12"), INITIATIVES, 1, [(A, 4, "GC204")]),
    Case("id-a-date", named_area("id: 2008-01-01"), INITIATIVES, 1, [(A, 4, "GC204")]),
    Case("id-a-list", named_area("id: [export]"), INITIATIVES, 1, [(A, 4, "GC204")]),
    Case("id-a-mapping", named_area("id: {export: 1}"), INITIATIVES, 1, [(A, 4, "GC204")]),
    Case("name-no", areas("  - id: export\n    name: no\n"), INITIATIVES, 1, [(A, 5, "GC204")]),
    Case("name-a-number", AREAS, initiatives(
        "  - id: fund\n    name: 2008\n    focus_areas: []\n"), 1, [(I, 6, "GC204")]),
    Case("name-null", areas("  - id: export\n    name: ~\n"), INITIATIVES, 1, [(A, 5, "GC204")]),
    Case("name-a-list", areas("  - id: export\n    name: [a, b]\n"), INITIATIVES, 1,
         [(A, 5, "GC204")]),
    Case("name-a-mapping", areas("  - id: export\n    name:\n      a: b\n"), INITIATIVES, 1,
         [(A, 6, "GC204")]),
    Case("name-empty", areas('  - id: export\n    name: ""\n'), INITIATIVES, 1,
         [(A, 5, "GC207")]),
    Case("name-of-1001-characters", areas("  - id: export\n    name: " + "n" * 1001 + "\n"),
         INITIATIVES, 1, [(A, 5, "GC207")]),
    Case("parent-a-boolean", area("parent: on"), INITIATIVES, 1, [(A, 6, "GC204")]),
    Case("parent-a-list", area("parent: [talent]"), INITIATIVES, 1, [(A, 6, "GC204")]),
    Case("description-a-mapping", area("description: {a: 1}"), INITIATIVES, 1,
         [(A, 6, "GC204")]),
    Case("source-a-date", area("source: 2009-05-01"), INITIATIVES, 1, [(A, 6, "GC204")]),
    Case("owner-a-float", AREAS, initiative("owner: 1.5"), 1, [(I, 8, "GC204")]),
    Case("source-a-list", AREAS, initiative("source: [a, b]"), 1, [(I, 8, "GC204")]),
    Case("note-a-boolean", AREAS, initiatives(
        "  - id: fund\n    name: Fund\n    focus_areas:\n      - id: talent\n        note: yes\n"),
         1, [(I, 9, "GC204")]),
    Case("focus-areas-text", AREAS, initiatives(
        "  - id: fund\n    name: Fund\n    focus_areas: talent\n"), 1, [(I, 7, "GC204")]),
    Case("focus-areas-null", AREAS, initiatives(
        "  - id: fund\n    name: Fund\n    focus_areas:\n"), 1, [(I, 7, "GC204")]),
    Case("focus-areas-a-mapping", AREAS, initiatives(
        "  - id: fund\n    name: Fund\n    focus_areas: {id: talent}\n"), 1, [(I, 7, "GC204")]),
    Case("focus-area-references-of-every-type", AREAS, initiatives(
        "  - id: fund\n    name: Fund\n    focus_areas: [yes, 12, null, [talent]]\n"), 1,
         [(I, 7, "GC204"), (I, 7, "GC204"), (I, 7, "GC204"), (I, 7, "GC204")]),
    Case("focus-area-reference-without-id", AREAS, initiatives(
        "  - id: fund\n    name: Fund\n    focus_areas:\n      - note: why\n"), 1,
         [(I, 8, "GC203")]),
    Case("initiative-without-name", AREAS, initiatives(
        "  - id: fund\n    focus_areas: []\n"), 1, [(I, 5, "GC203")]),
    Case("top-level-list", b"- id: talent\n  name: Talent\n", INITIATIVES, 1,
         [(A, 1, "GC201")]),
    Case("top-level-text", AREAS, b"initiatives\n", 1, [(I, 1, "GC201")]),
    Case("top-level-key-missing", b"thresholds: {}\n", INITIATIVES, 1, [(A, 1, "GC201")]),
    Case("top-level-list-a-mapping", b"focus_areas: {talent: Talent}\n", INITIATIVES, 1,
         [(A, 1, "GC201")]),
    Case("top-level-list-a-number", AREAS, b"initiatives: 12\n", 1, [(I, 1, "GC201")]),
    Case("entries-of-every-type", b"focus_areas: [talent, 1, null, [x], true]\n", NO_INITIATIVES, 1,
         [(A, 1, "GC204")] * 5),
    # Ids that break the pattern.
    Case("id-uppercase", named_area("id: Export"), INITIATIVES, 1, [(A, 4, "GC205")]),
    Case("id-with-spaces", AREAS, initiatives(
        "  - id: export council\n    name: Fund\n    focus_areas: []\n"), 1, [(I, 5, "GC205")]),
    Case("id-leading-dash", named_area("id: -export"), INITIATIVES, 1, [(A, 4, "GC205")]),
    Case("id-leading-dot", named_area("id: .export"), INITIATIVES, 1, [(A, 4, "GC205")]),
    Case("id-unicode", named_area("id: eksport-ø"), INITIATIVES, 1, [(A, 4, "GC205")]),
    Case("id-empty", named_area('id: ""'), INITIATIVES, 1, [(A, 4, "GC205")]),
    Case("id-with-a-trailing-newline", named_area('id: "export\\n"'), INITIATIVES, 1,
         [(A, 4, "GC205")]),
    # An id that is too long breaks a limit, not the pattern: an invalid value.
    Case("id-of-201-characters", named_area("id: " + "x" * 201), INITIATIVES, 1,
         [(A, 4, "GC207")]),
    Case("reference-uppercase", AREAS, initiative("owner: Council").replace(
        b"[talent]\n    owner", b"[Talent]\n    owner"), 1, [(I, 7, "GC205")]),
    Case("parent-uppercase", area("parent: Talent"), INITIATIVES, 1, [(A, 6, "GC205")]),
    # Keys that are not plain words.
    Case("key-a-number", area("1: x"), INITIATIVES, 1, [(A, 6, "GC202")]),
    Case("key-null", b"null: x\n" + AREAS, INITIATIVES, 1, [(A, 1, "GC202")]),
    Case("key-true", AREAS, b"true: 1\n" + INITIATIVES, 1, [(I, 1, "GC202")]),
    Case("key-empty", area('"": x'), INITIATIVES, 1, [(A, 6, "GC202")]),
    Case("key-a-list", area("? [a]\n    : x"), INITIATIVES, 1, [(A, 6, "GC108")]),
    Case("key-a-mapping", AREAS, b"? {a: 1}\n: x\n" + INITIATIVES, 1, [(I, 1, "GC108")]),
    Case("unknown-key", area("colour: red"), INITIATIVES, 1, [(A, 6, "GC202")]),
    Case("swapped-files", INITIATIVES, AREAS, 1, [(A, 1, "GC202"), (I, 1, "GC202")]),
    # References across the files.
    Case("unknown-reference", AREAS, initiatives(
        "  - id: fund\n    name: Fund\n    focus_areas: [talnet]\n"), 1, [(I, 7, "GC302")]),
    Case("unknown-parent", area("parent: talnet"), INITIATIVES, 1, [(A, 6, "GC303")]),
    Case("parent-cycle", areas("  - id: export\n    name: Export\n    parent: export\n"),
         INITIATIVES, 1, [(A, 6, "GC304")]),
    Case("duplicate-id", named_area("id: talent"), INITIATIVES, 1, [(A, 4, "GC301")]),
    Case("repeated-reference-warns", AREAS, initiatives(
        "  - id: fund\n    name: Fund\n    focus_areas: [talent, talent]\n"), 0,
         [(I, 7, "GC306")]),
    Case("repeated-reference-fails-when-strict", AREAS, initiatives(
        "  - id: fund\n    name: Fund\n    focus_areas: [talent, talent]\n"), 1,
         [(I, 7, "GC306")], ("--strict",)),
    # The size limit: refused before parsing (so the billion laughs are not even read).
    Case("over-max-bytes", billion_laughs(), INITIATIVES, 1, [(A, 1, "GC102")],
         ("--max-bytes", "200")),
    Case("both-over-max-bytes", AREAS, INITIATIVES, 1, [(A, 1, "GC102"), (I, 1, "GC102")],
         ("--max-bytes", "10")),
    Case("at-max-bytes", AREAS, INITIATIVES, 0, [], ("--max-bytes", str(len(INITIATIVES)))),
    Case("max-bytes-0-is-a-usage-error", AREAS, INITIATIVES, 2, [], ("--max-bytes", "0")),
]  # fmt: skip


def _write(directory: Path, focus_areas: bytes | None, initiatives: bytes | None) -> Path:
    for name, data in ((A, focus_areas), (I, initiatives)):
        if data is not None:
            (directory / name).write_bytes(data)
    return directory


def _validate(directory: Path, *args: str) -> Result:
    return CliRunner().invoke(
        app, ["validate", "--data", str(directory), "--format", "json", *args], env=ENV
    )


def _problems(result: Result) -> list[dict[str, Any]]:
    """The problems of a JSON report, each checked for a full, plausible place."""
    report = json.loads(result.stdout)
    assert report["valid"] is (result.exit_code == 0)
    problems: list[dict[str, Any]] = report["problems"]
    for problem in problems:
        assert {"file", "line", "column", "code", "message", "hint"} <= problem.keys()
        assert problem["line"] >= 1
        assert problem["column"] >= 1
        assert re.fullmatch(r"GC[1-3][0-9]{2}", problem["code"]), problem
    return problems


def _no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def test_the_corpus_is_large_and_its_cases_distinct() -> None:
    names = [case.name for case in CASES]
    assert len(set(names)) == len(names)
    broken = {(c.areas, c.initiatives, c.args) for c in CASES if c.exit != 0}
    assert len(broken) >= 60


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_input(case: Case, tmp_path: Path) -> None:
    result = _validate(_write(tmp_path, case.areas, case.initiatives), *case.args)
    _no_traceback(result)
    assert result.exit_code == case.exit, result.output
    if case.exit == 2:  # a usage error: no report
        assert result.stdout == ""
        return
    problems = _problems(result)
    found = [(os.path.basename(p["file"]), p["line"], p["code"]) for p in problems]
    assert found == case.problems, result.stdout
    for problem in problems:
        assert problem["hint"], f"{problem['code']} without a hint: {problem['message']}"
        assert len(problem["message"]) <= 300
        assert len(problem["hint"]) <= 300


def _one(case_name: str, tmp_path: Path) -> dict[str, Any]:
    case = next(case for case in CASES if case.name == case_name)
    (problem,) = _problems(_validate(_write(tmp_path, case.areas, case.initiatives)))
    return problem


@pytest.mark.parametrize(
    ("case", "hint"),
    [
        ("tab-indentation", "YAML indentation must use spaces, not tabs"),
        ("tab-before-a-key", "YAML indentation must use spaces, not tabs"),
        ("name-no", 'quote it: name: "no"'),
        ("name-a-number", 'quote it: name: "2008"'),
        ("parent-a-boolean", 'quote it: parent: "on"'),
        ("id-a-boolean", 'quote it: id: "yes"'),
        ("note-a-boolean", 'quote it: note: "yes"'),
        (
            "unknown-key",
            "allowed keys: id, name, parent, description, source, min_initiatives,"
            " min_strength, priority, accepted, url, attributes",
        ),
        ("unknown-reference", "did you mean 'talent'?"),
        ("unknown-parent", "did you mean 'talent'?"),
        ("id-uppercase", "use lowercase letters, digits, '.', '_' and '-', starting with a"
         " letter or digit; did you mean 'export'?"),
        ("year-quoted", "remove the quotes: start: 2008"),
        ("year-date", "write start: 2008"),
        ("duplicate-key", "remove one of them; only the first is used"),
        (
            "key-null",
            "the keys here are 'title', 'thresholds', 'as_of', 'rollup', 'catalogue',"
            " 'terms', 'focus_areas'",
        ),
    ],
)  # fmt: skip
def test_hints_say_what_to_do(case: str, hint: str, tmp_path: Path) -> None:
    assert _one(case, tmp_path)["hint"] == hint


def test_unsupported_tags_are_named_as_written(tmp_path: Path) -> None:
    problem = _one("python-object-apply-os-system", tmp_path)
    assert problem["message"].startswith("unsupported tag '!!python/object/apply:os.sy")
    assert "remove the tag" in problem["hint"]


def test_messages_name_the_line_of_a_cr_only_file(tmp_path: Path) -> None:
    problem = _one("control-character-after-cr-line-ends", tmp_path)
    assert (problem["line"], problem["column"]) == (2, 1)


def test_an_error_at_the_end_of_the_file_is_placed_inside_it(tmp_path: Path) -> None:
    problem = _one("syntax-error-in-a-last-line-without-newline", tmp_path)
    assert (problem["line"], problem["column"]) == (4, 6)


def test_invalid_ids_are_not_suggested(tmp_path: Path) -> None:
    # 'export\n' is known (its entry is reported once, as an invalid id), but it is no
    # id to copy: the reference to 'export' is not told "did you mean 'export\n'?".
    references = initiatives("  - id: fund\n    name: Fund\n    focus_areas: [export]\n")
    _write(tmp_path, named_area('id: "export\\n"'), references)
    problems = _problems(_validate(tmp_path))
    assert [(p["code"], p["hint"]) for p in problems] == [
        (
            "GC205",
            "use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit;"
            " did you mean 'export'?",
        ),
        ("GC302", "add it to focus_areas.yaml, or use one of its ids"),
    ]


def test_suggestions_stay_fast_for_many_unknown_ids(tmp_path: Path) -> None:
    """'did you mean' over 3,000 areas for 3,000 unknown ids and parents: not minutes."""
    count = 3000
    entries = "".join(f"  - {{id: area-{n}, name: A, parent: missing-{n}}}\n" for n in range(count))
    refs = "".join(f"  - {{id: i-{n}, name: I, focus_areas: [areas-{n}]}}\n" for n in range(count))
    _write(tmp_path, f"focus_areas:\n{entries}".encode(), f"initiatives:\n{refs}".encode())
    with _alarm(10):  # took over 10 s before suggestions had a budget
        result = _validate(tmp_path)
    _no_traceback(result)  # a hang shows here, as the exception the alarm raised
    problems = _problems(result)
    shown = 1000  # per file; GC109 then says that more were left out
    assert [p["code"] for p in problems] == (
        ["GC303"] * shown + ["GC109"] + ["GC302"] * shown + ["GC109"]
    )
    assert problems[shown + 1]["hint"] == "did you mean 'area-0'?"  # for 'areas-0'
    assert problems[-2]["hint"] == "add it to focus_areas.yaml, or use one of its ids"
    assert all(p["hint"] for p in problems)


# --- unusable paths: exit 2 (or 1 where the file is simply absent) ------------------------

GIB = 1024**3


def _limit_memory() -> None:  # runs in the child, before it executes Python
    resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))


def _run_limited(directory: Path) -> subprocess.CompletedProcess[str]:
    """``gapcheck validate --data directory -f json`` with 1 GiB of memory and 20 s."""
    return subprocess.run(
        [sys.executable, "-m", "gapcheck", "validate", "--data", str(directory), "-f", "json"],
        capture_output=True,
        text=True,
        timeout=20,  # a hang guard, not a speed test
        preexec_fn=_limit_memory,  # the test process starts no threads
        env={**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"},
        check=False,
    )


def _directory_named_like_the_file(root: Path) -> None:
    (root / A).mkdir()
    (root / I).write_bytes(INITIATIVES)


def _symlink_loop(root: Path) -> None:
    (root / A).symlink_to(I)
    (root / I).symlink_to(A)


def _self_link(root: Path) -> None:
    (root / A).symlink_to(A)
    (root / I).write_bytes(INITIATIVES)


def _fifo(root: Path) -> None:  # reading it would block forever
    os.mkfifo(root / A)
    (root / I).write_bytes(INITIATIVES)


def _device(root: Path) -> None:  # reading it would never end
    (root / A).symlink_to("/dev/zero")
    (root / I).write_bytes(INITIATIVES)


PATH_CASES: list[tuple[str, Callable[[Path], None], str]] = [
    ("directory-named-like-the-file", _directory_named_like_the_file, "is a directory"),
    # The OS refuses to follow the links (ELOOP): the path is unusable, exit 2.
    ("symlink-loop", _symlink_loop, "Too many levels of symbolic links"),
    ("symlink-to-itself", _self_link, "Too many levels of symbolic links"),
    ("named-pipe", _fifo, "not a regular file"),
    ("device", _device, "not a regular file"),
]


@pytest.mark.parametrize(
    ("setup", "message"),
    [case[1:] for case in PATH_CASES],
    ids=[case[0] for case in PATH_CASES],
)
def test_unusable_path_exits_2(setup: Callable[[Path], None], message: str, tmp_path: Path) -> None:
    setup(tmp_path)
    # In a subprocess under a memory limit: reading a pipe or a device would hang or
    # exhaust the memory of the test run itself.
    process = _run_limited(tmp_path)
    assert "Traceback" not in process.stderr
    assert process.returncode == 2, process.stderr
    assert process.stdout == ""
    assert f"error: {tmp_path / A}: {message}" in process.stderr


def test_dangling_symlink_is_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / A).symlink_to("gone.yaml")
    (tmp_path / I).write_bytes(INITIATIVES)
    result = _validate(tmp_path)
    assert result.exit_code == 1
    (problem,) = _problems(result)
    assert (problem["code"], problem["line"]) == ("GC101", 1)
    assert problem["hint"] == "it is a symbolic link to 'gone.yaml', which does not exist"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_an_unusable_path(tmp_path: Path) -> None:
    _write(tmp_path, AREAS, INITIATIVES)
    (tmp_path / A).chmod(0)
    result = _validate(tmp_path)
    assert result.exit_code == 2
    assert "Permission denied" in result.stderr


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_data_directory_that_is_not_one(kind: str, tmp_path: Path) -> None:
    target = tmp_path / "data"
    if kind == "file":
        target.write_bytes(AREAS)
    result = _validate(target)
    _no_traceback(result)
    assert result.exit_code == 2


# --- hostile inputs under a memory limit ------------------------------------------------

HOSTILE: list[tuple[str, bytes, bytes, str, int]] = [
    ("billion-laughs", billion_laughs(), INITIATIVES, "GC106", 8),
    ("quadratic-blowup", quadratic_blowup(2000, 20_000), INITIATIVES, "GC106", 4),
    ("block-nesting-10000", block_nesting(10_000), INITIATIVES, "GC106", 101),
    ("compact-nesting-10000", compact_nesting(10_000), INITIATIVES, "GC106", 2),
    ("flow-nesting-10000", flow_nesting(10_000), INITIATIVES, "GC106", 1),
    ("decimal-of-1000000-digits", AREAS, year("1" * 1_000_000), "GC108", 8),
    ("hex-of-5000000-digits", AREAS, year("0x" + "f" * 5_000_000), "GC108", 8),
    ("base-60-of-1600000-places", AREAS, year("1" + ":59" * 1_600_000), "GC108", 8),
    ("5-mb-line-of-text", areas("  - id: x\n    name: " + "x" * 5_000_000 + "\n"), INITIATIVES,
     "GC207", 5),
    ("5-mb-line-of-comment", AREAS + b"#" * 5_000_000 + b"\x07\n", INITIATIVES, "GC102", 4),
    ("5-mb-plain-key", AREAS + b"k" * 5_000_000 + b": 1\n", INITIATIVES, "GC103", 4),
]  # fmt: skip


@pytest.mark.parametrize(
    ("areas_bytes", "initiatives_bytes", "code", "line"),
    [case[1:] for case in HOSTILE],
    ids=[case[0] for case in HOSTILE],
)
def test_hostile_input_within_a_memory_limit(
    areas_bytes: bytes, initiatives_bytes: bytes, code: str, line: int, tmp_path: Path
) -> None:
    _write(tmp_path, areas_bytes, initiatives_bytes)
    process = _run_limited(tmp_path)
    assert "Traceback" not in process.stderr
    assert "MemoryError" not in process.stderr
    assert process.returncode == 1, process.stderr
    problems = json.loads(process.stdout)["problems"]
    assert {p["code"] for p in problems} == {code}
    assert problems[0]["line"] == line
    assert all(len(p["message"]) <= 300 for p in problems)


def flow_billion_laughs(levels: int = 9) -> bytes:
    """Anchors and aliases right after quoted keys, in one line of flow style."""
    text = '{"focus_areas":[{"id":"talent","name":"Talent"}],"title":{"x":&a0 {"a":"lol","b":"lol"}'
    for level in range(1, levels + 1):
        aliases = ",".join(f'"{key}":*a{level - 1}' for key in "abcdefghi")
        text += f',"k{level}":&a{level} {{{aliases}}}'
    return (text + "}}\n").encode()


#: Tens of megabytes that are wrong from the first line to the last: reading stops at
#: the first line (a list at the top) or once the file has 1,000 problems.
MB60 = 15_000_000
LARGE_AND_HOPELESS: list[tuple[str, Callable[[], bytes], set[str]]] = [
    ("flow-billion-laughs-quoted-keys", flow_billion_laughs, {"GC106"}),
    ("60-mb-of-list-items", lambda: b"- x\n" * MB60, {"GC201"}),
    ("60-mb-of-wrong-entries", lambda: b"focus_areas:\n" + b"- x\n" * MB60, {"GC204", "GC109"}),
    ("60-mb-of-flow-entries", lambda: b"focus_areas: [" + b"x, " * (MB60 // 2) + b"x]\n",
     {"GC204", "GC109"}),
    ("60-mb-of-duplicate-keys", lambda: b"focus_areas: []\n" + b"k: 1\n" * (MB60 * 4 // 5),
     {"GC202", "GC104", "GC109"}),
    ("60-mb-of-unknown-keys",
     lambda: b"focus_areas: []\n" + b"".join(b"k%07d: 1\n" % n for n in range(MB60 // 3)),
     {"GC202", "GC109"}),
    ("60-mb-of-tags", lambda: b"focus_areas:\n" + b"- !x a\n" * (MB60 * 4 // 7),
     {"GC108", "GC109"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "codes"),
    [case[1:] for case in LARGE_AND_HOPELESS],
    ids=[case[0] for case in LARGE_AND_HOPELESS],
)
def test_hopeless_input_stops_early_within_bounded_memory(
    make: Callable[[], bytes], codes: set[str], tmp_path: Path
) -> None:
    _write(tmp_path, make(), INITIATIVES)
    # The child limits its own memory, runs 'gapcheck validate', and records its peak.
    process, peak = limited(
        ["validate", "--data", str(tmp_path), "-f", "json"], tmp_path / "peak", memory=GIB
    )
    stdout, stderr = process.stdout, process.stderr
    assert "Traceback" not in stderr
    assert process.returncode == 1, stderr
    problems = json.loads(stdout)["problems"]
    assert {p["code"] for p in problems} == codes
    assert len(problems) <= 1001
    # The file itself (60 MB) is read and decoded once; nothing grows with its length.
    assert peak < 600 * 1024**2


# --- hypothesis: mutations of valid files ----------------------------------------------


class _Hang(Exception):
    pass


@contextmanager
def _alarm(seconds: int) -> Iterator[None]:
    """Fail (rather than hang) if the block runs longer than ``seconds``."""

    def expire(signum: int, frame: object) -> None:
        raise _Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


SEEDS: list[tuple[bytes, bytes]] = [
    ((DATA / A).read_bytes(), (DATA / I).read_bytes()),
    (AREAS, INITIATIVES),
    (
        b"thresholds:\n  min_initiatives: 2\n  max_share: 0.5\nfocus_areas:\n"
        b"  - id: a\n    name: A\n    min_initiatives: 1\n  - id: b\n    name: B\n    parent: a\n",
        b"initiatives:\n  - id: x\n    name: X\n    start: 2008\n    end: 2012\n"
        b"    focus_areas:\n      - a\n      - id: b\n        note: why\n"
        b"  - {id: y, name: Y, owner: O, source: S, focus_areas: []}\n",
    ),
]
PUNCTUATION = [
    b":", b": ", b"-", b"- ", b"[", b"]", b"{", b"}", b",", b"&a", b"*a", b"!", b"!!", b"|",
    b">", b"'", b'"', b"#", b"%", b"?", b"@", b"`", b"<<", b"---", b"...", b"\t", b"\r",
    b"\r\n", b"\n", b"\x00", b"\xef\xbb\xbf", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xe2\x80\xa8",
    b"\xc2\x85", b"  ", b"~", b"null", b"yes", b"no", b"1e999", b"0x" + b"f" * 100,
    b"!!python/object:os.system", b"!!binary", b"!!set", b"!foo", b"&a [*a, *a]",
    b"!!bool ", b"!!int ", b"!!float ", b"!!timestamp ", b"!!null ", b"!!str ", b"1:59:59",
]  # fmt: skip

_offsets = st.integers(min_value=0, max_value=10**6)
_byte_edits = st.lists(
    st.one_of(
        st.tuples(st.just("flip"), _offsets, st.integers(1, 255)),
        st.tuples(st.just("insert"), _offsets, st.sampled_from(PUNCTUATION)),
        st.tuples(st.just("insert"), _offsets, st.binary(min_size=1, max_size=8)),
        st.tuples(st.just("delete"), _offsets, st.integers(1, 16)),
        st.tuples(st.just("cut"), _offsets, st.just(0)),
    ),
    min_size=1,
    max_size=6,
)


def _edit_bytes(data: bytes, edits: list[tuple[str, int, Any]]) -> bytes:
    buffer = bytearray(data)
    for kind, offset, arg in edits:
        at = offset % (len(buffer) + 1)
        if kind == "flip" and at < len(buffer):
            buffer[at] ^= arg
        elif kind == "insert":
            buffer[at:at] = arg
        elif kind == "delete":
            del buffer[at : at + arg]
        elif kind == "cut":
            del buffer[at:]
    return bytes(buffer)


WRONG_VALUES: list[Any] = [
    None, True, False, 0, -1, 2008, 10**30, 1.5, float("inf"), float("nan"), "", "X Y",
    "2008", "-x", "ø", "x" * 201, [], ["talent"], [[1]], {}, {"id": "x"}, {"a": {"b": [1]}},
]  # fmt: skip
_choices = st.integers(min_value=0, max_value=10**6)
_tree_edits = st.lists(
    st.tuples(
        st.sampled_from(["replace", "delete", "duplicate", "rename", "wrap"]),
        _choices,
        st.sampled_from(WRONG_VALUES),
    ),
    min_size=1,
    max_size=4,
)


def _nodes(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) of a tree, in document order."""
    found: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        for key in list(value):
            found.append((value, key))
            found.extend(_nodes(value[key]))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.append((value, index))
            found.extend(_nodes(item))
    return found


def _edit_tree(data: bytes, edits: list[tuple[str, int, Any]]) -> bytes:
    tree = yaml.safe_load(data)
    for kind, choice, value in edits:
        wrong = copy.deepcopy(value)  # the edits below may change it in place
        nodes = _nodes(tree)
        if not nodes:
            tree = wrong
            continue
        container, key = nodes[choice % len(nodes)]
        if kind == "replace":
            container[key] = wrong
        elif kind == "delete":
            del container[key]
        elif kind == "duplicate" and isinstance(container, list):
            container.insert(key, container[key])
        elif kind == "duplicate":  # the same object twice: dumped as an anchor and alias
            container[f"{key}2"] = container[key]
        elif kind == "rename" and isinstance(container, dict):
            container[wrong if isinstance(wrong, str | int | bool) else "ende"] = container.pop(key)
        else:
            container[key] = [container[key]]
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)
    return text.encode("utf-8")


def _lines(data: bytes) -> int:
    """How many lines YAML sees in ``data``: CRLF, CR, LF, NEL, LS and PS end a line."""
    breaks = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
    breaks += sum(data.count(mark) for mark in (b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9"))
    return breaks + 1


def _check_validate(result: Result, files: dict[str, bytes]) -> None:
    _no_traceback(result)
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    problems = _problems(result)
    assert bool(problems) or result.exit_code == 0
    for problem in problems:
        assert problem["hint"], problem
        assert problem["line"] <= _lines(files[os.path.basename(problem["file"])]), problem


def _run_both(focus_areas: bytes, initiatives: bytes) -> None:
    """validate and gaps on the two files: no crash, and they agree on validity."""
    with tempfile.TemporaryDirectory() as name:
        _write(Path(name), focus_areas, initiatives)
        with _alarm(5):
            checked = CliRunner().invoke(app, ["validate", "--data", name, "-f", "json"], env=ENV)
        _check_validate(checked, {A: focus_areas, I: initiatives})
        with _alarm(5):
            result = CliRunner().invoke(app, ["gaps", "--data", name, "-f", "json"], env=ENV)
        _no_traceback(result)
        assert result.exit_code == checked.exit_code, result.output
        if result.exit_code == 0:
            assert json.loads(result.stdout)["gaps"] is not None


FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(
    seed=st.sampled_from(range(len(SEEDS))),
    which=st.sampled_from(["areas", "initiatives", "both"]),
    edits=_byte_edits,
)
def test_byte_mutations_never_crash(seed: int, which: str, edits: list[Any]) -> None:
    focus_areas, initiatives = SEEDS[seed]
    if which in ("areas", "both"):
        focus_areas = _edit_bytes(focus_areas, edits)
    if which in ("initiatives", "both"):
        initiatives = _edit_bytes(initiatives, edits)
    _run_both(focus_areas, initiatives)


@FUZZ
@given(
    seed=st.sampled_from(range(len(SEEDS))),
    which=st.sampled_from(["areas", "initiatives"]),
    edits=_tree_edits,
)
def test_structure_mutations_never_crash(seed: int, which: str, edits: list[Any]) -> None:
    focus_areas, initiatives = SEEDS[seed]
    if which == "areas":
        focus_areas = _edit_tree(focus_areas, edits)
    else:
        initiatives = _edit_tree(initiatives, edits)
    _run_both(focus_areas, initiatives)


def test_the_seeds_are_valid() -> None:
    """The mutations start from valid data: a failure below is the mutation's."""
    for focus_areas, initiatives in SEEDS:
        with tempfile.TemporaryDirectory() as name:
            result = _validate(_write(Path(name), focus_areas, initiatives))
            assert result.exit_code == 0, result.stdout
