"""Hardened input, part III (issue 18): amplification, reading, sides of a diff, money.

Hostile inputs run in a subprocess under a memory limit (the helpers of
``test_hardening``); each is refused with a located message, never a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gapcheck.diagnostics import Code
from gapcheck.yamlread import MAX_ALIASED_CHARS, MAX_DISCARDED, Watcher, read_yaml
from test_hardening import (
    AREAS,
    INITIATIVES,
    INITIATIVES_HEAD,
    _problems,
    _run_limited,
    _validate,
    _write,
)

# --- amplification: aliases are counted in characters ----------------------------------


def aliased_text(size: int = 1_000_000, uses: int = 200) -> bytes:
    """A note and a source of ``size`` characters, anchored once, aliased by every initiative.

    Initiative ``n`` (from 0) starts on line 5 + 6n; its source is line 7 + 6n.
    """
    text = "n" * size
    first = (
        f"  - id: i0\n    name: I0\n    source: &s {text}\n"
        f"    focus_areas:\n      - id: talent\n        note: &n {text}\n"
    )
    rest = "".join(
        f"  - id: i{n}\n    name: I{n}\n    source: *s\n"
        f"    focus_areas:\n      - id: talent\n        note: *n\n"
        for n in range(1, uses)
    )
    return (INITIATIVES_HEAD + first + rest).encode()


def test_aliases_are_counted_by_the_characters_they_repeat() -> None:
    text = "a: &a xxxxxxxxxx\nb: [*a, *a]\n"  # 10 characters, repeated twice
    assert read_yaml(text, "f.yaml", max_aliased_chars=20).diagnostics == []
    result = read_yaml(text, "f.yaml", max_aliased_chars=19)
    assert result.value is None
    assert [(d.line, d.column, d.code) for d in result.diagnostics] == [(2, 9, Code.TOO_COMPLEX)]
    # A collection repeats the text of everything in it, keys included.
    nested = "a: &a {key: [xxxx, yyyy]}\nb: *a\n"
    assert read_yaml(nested, "f.yaml", max_aliased_chars=11).diagnostics == []
    assert read_yaml(nested, "f.yaml", max_aliased_chars=10).value is None


def test_one_aliased_megabyte_may_not_stand_for_gigabytes(tmp_path: Path) -> None:
    # 2 MB of file; expanded, 400 MB (the audit's 1.2 GB report). The budget is passed by
    # the source of the third initiative that aliases the text (i3, line 25).
    _write(tmp_path, AREAS, aliased_text())
    process = _run_limited(tmp_path)
    assert "Traceback" not in process.stderr
    assert process.returncode == 1, process.stderr
    (problem,) = json.loads(process.stdout)["problems"]
    assert (problem["file"].endswith("initiatives.yaml"), problem["line"]) == (True, 25)
    assert problem["code"] == "GC106"
    assert problem["message"] == (
        f"aliases repeat more than {MAX_ALIASED_CHARS:,} characters of text"
    )
    # Within the budget, the same aliases are fine.
    _write(tmp_path, AREAS, aliased_text(size=1_000, uses=200))
    assert _validate(tmp_path).exit_code == 0


# --- no value built under a key known to be wrong --------------------------------------


def test_a_value_under_an_unknown_key_is_not_built() -> None:
    text = "focus_areas: []\njunk: &j [1, 2, {a: 3}]\nalso: *j\n"
    result = read_yaml(text, "f.yaml", watcher=_KnownKeys())
    assert result.value == {"focus_areas": [], "junk": None, "also": None}
    assert result.source.key(("junk",)).line == 2  # the key stays, to be reported
    entries = "focus_areas:\n  - id: a\n    junk: [1, 2]\n    name: A\n"
    result = read_yaml(entries, "f.yaml", watcher=_KnownKeys())
    assert result.value == {"focus_areas": [{"id": "a", "junk": None, "name": "A"}]}


class _KnownKeys(Watcher):
    """Knows 'focus_areas' at the top, and 'id' and 'name' in its entries."""

    def key(self, key: str | int) -> int:
        return 0 if key == "focus_areas" else 1

    def known(self, listed: str | int, key: str | int) -> bool:
        return key in ("id", "name")


TEN_MB = 5_000_000  # "1," five million times


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (b"focus_areas: []\njunk: [" + b"1," * TEN_MB + b"1]\n", 2),
        (b"focus_areas:\n  - id: a\n    name: A\n    junk: [" + b"1," * TEN_MB + b"1]\n", 4),
        (b"focus_areas: []\njunk:\n" + b"  - 1\n" * (TEN_MB // 3), 2),
    ],
    ids=["top-level-flow", "in-an-entry", "top-level-block"],
)
def test_ten_megabytes_under_an_unknown_key_are_refused_at_once(
    text: bytes, line: int, tmp_path: Path
) -> None:
    _write(tmp_path, text, INITIATIVES)
    process = _run_limited(tmp_path)
    assert "Traceback" not in process.stderr
    assert process.returncode == 1, process.stderr
    problems = json.loads(process.stdout)["problems"]
    assert [p["code"] for p in problems] == ["GC202", "GC109"]
    assert problems[0]["line"] == line  # the key; GC109 where reading stopped
    assert f"more than {MAX_DISCARDED:,} values" in problems[1]["message"]


def test_an_unknown_key_with_a_short_value_is_reported_with_the_rest(tmp_path: Path) -> None:
    areas = b"focus_areas:\n  - id: a\n    name: A\n    junk: [1, 2]\n  - id: B\n    name: B\n"
    _write(tmp_path, areas, b"initiatives: []\n")
    problems = _problems(_validate(tmp_path))
    assert [(p["line"], p["code"]) for p in problems] == [(4, "GC202"), (5, "GC205")]
