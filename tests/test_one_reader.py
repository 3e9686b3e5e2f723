"""One reader, one set of rules: positions never change what is accepted.

Hypothesis writes YAML in flow and block style, with anchors and aliases in every
position, tags on scalars, lists and mappings, quoted keys, merge keys, comments and
odd scalars. For every document:

- the reader gives the same value and the same problems with and without positions;
- when it accepts a document, PyYAML's own loader (a third implementation) reads
  the same values from it;
- the loader's quick pass and its positioned pass give the same verdict, the same
  dataset and the same problems, on dataset-shaped documents.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gapcheck.diagnostics import Diagnostic
from gapcheck.loader import load_dataset
from gapcheck.yamlread import read_yaml

DIFFERENTIAL = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: Plain and quoted scalars that YAML 1.1 reads in many ways.
ODD_SCALARS = [
    "x", "talent", "Talent", "0", "7", "0123", "0o17", "0x1F", "0b101", "1_000", "1:20",
    "-1", "+1", "1e3", "1.5", ".inf", "-.Inf", ".nan", "~", "null", "NULL", "yes", "No",
    "on", "OFF", "true", "y", "n", "2001-12-14", "2001-12-14 21:59:43.10 -5", "=", "<<",
    "'single'", '"dou\\tble"', "''", '"é"', "ø", "'it''s'", "a b", "2008", "a#b", "-", "?x",
]  # fmt: skip
#: Keys that every YAML reader reads as the same text.
WORD_KEYS = ["id", "name", "k", "note", "'quoted'", '"dq"', "æble", "a-b"]
TAGS = [
    "!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq", "!foo", "!",
    "!!python/object:list", "!!binary", "!!timestamp", "!<tag:yaml.org,2002:str>",
]  # fmt: skip
ANCHORS = ["a", "b", "c"]


def _props(draw: st.DrawFn, tags: bool) -> str:
    parts = []
    if draw(st.integers(0, 3)) == 0:
        parts.append("&" + draw(st.sampled_from(ANCHORS)))
    if tags and draw(st.integers(0, 4)) == 0:
        parts.append(draw(st.sampled_from(TAGS)))
    return " ".join(parts)


@st.composite
def _tree(draw: st.DrawFn, depth: int = 0, *, tags: bool = True, odd_keys: bool = True) -> Any:
    """A node: ('scalar', props, text) | ('alias', name) | ('seq'|'map', props, flow, items)."""
    kinds = ["scalar", "alias"] + (["seq", "map"] if depth < 3 else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "alias":
        return ("alias", draw(st.sampled_from(ANCHORS)))
    props = _props(draw, tags)
    if kind == "scalar":
        return ("scalar", props, draw(st.sampled_from(ODD_SCALARS)))
    flow = draw(st.booleans())
    count = draw(st.integers(0, 3))
    children = [draw(_tree(depth + 1, tags=tags, odd_keys=odd_keys)) for _ in range(count)]
    if kind == "seq":
        return ("seq", props, flow, children)
    keys = ODD_SCALARS + WORD_KEYS if odd_keys else WORD_KEYS
    pairs = [(draw(st.sampled_from(keys)), child) for child in children]
    return ("map", props, flow, pairs)


def _flow(node: Any) -> str:
    if node[0] == "alias":
        return "*" + node[1]
    props = node[1] + " " if node[1] else ""
    if node[0] == "scalar":
        return props + node[2]
    if node[0] == "seq":
        return props + "[" + ", ".join(_flow(child) for child in node[3]) + "]"
    items = []
    for key, value in node[3]:
        # A quoted key may be followed by ':' and the value with no space between.
        glue = ":" if key.startswith(('"', "'")) else ": "
        items.append(f"{key}{glue}{_flow(value)}")
    return props + "{" + ", ".join(items) + "}"


def _block(node: Any, indent: int, comment: bool) -> str:
    """The text after 'key:' or '-': inline, or a newline and an indented collection."""
    if node[0] in ("alias", "scalar") or node[2] or not node[3]:
        return " " + _flow(node) + ("  # note" if comment else "")
    pad = " " * indent
    lines = [" " + node[1] if node[1] else ""]
    for item in node[3]:
        if node[0] == "seq":
            lines.append(f"\n{pad}-{_block(item, indent + 2, comment)}")
        else:
            key, value = item
            lines.append(f"\n{pad}{key}:{_block(value, indent + 2, comment)}")
    return "".join(lines)


@st.composite
def documents(draw: st.DrawFn, *, tags: bool = True, odd_keys: bool = True) -> str:
    root = draw(_tree(tags=tags, odd_keys=odd_keys))
    if draw(st.booleans()):
        return _flow(root) + "\n"
    return _block(root, 0, draw(st.booleans())).lstrip(" ").lstrip("\n") + "\n"


def _where(diagnostics: list[Diagnostic]) -> list[tuple[int, int, str, str | None]]:
    return [(d.line, d.column, d.code.value, d.hint) for d in diagnostics]


def _same(a: Any, b: Any) -> str:
    """A comparable form: NaN equals NaN, and dates and bytes compare by their text."""
    return json.dumps(a, default=repr, allow_nan=True)


@DIFFERENTIAL
@given(documents())
def test_positions_never_change_the_verdict(text: str) -> None:
    with_positions = read_yaml(text, "f.yaml", max_problems=10**9)
    without = read_yaml(text, "f.yaml", positions=False, max_problems=10**9)
    assert _same(with_positions.value, None) == _same(without.value, None)
    # The same problems at the same places; only a message that quotes another
    # position ("first at line 2") may say more when positions are kept.
    assert _where(with_positions.diagnostics) == _where(without.diagnostics)
    assert without.source.values == {}


@DIFFERENTIAL
@given(documents(odd_keys=False))
def test_what_the_reader_accepts_pyyaml_reads_the_same(text: str) -> None:
    result = read_yaml(text, "f.yaml")
    if result.diagnostics:
        return
    try:
        expected = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.composer.ComposerError as exc:
        reason = str(exc)
    else:
        assert _same(result.value, None) == _same(expected, None)
        return
    assert "duplicate anchor" in reason  # YAML 1.2 allows it; PyYAML does not


def test_nan_is_compared_as_text() -> None:  # the helper above must not hide a difference
    assert _same(math.nan, None) == _same(float("nan"), None)
    assert _same({"a": 1}, None) != _same({"a": "1"}, None)


# --- dataset-shaped documents through the loader ------------------------------------------


@st.composite
def _value(draw: st.DrawFn, text: str, anchors: list[str]) -> str:
    """``text`` as a flow value, maybe anchored, tagged, aliased or quoted."""
    choice = draw(st.integers(0, 9))
    if choice == 0 and anchors:
        return "*" + draw(st.sampled_from(anchors))
    if choice == 1:
        name = f"v{len(anchors)}"
        anchors.append(name)
        return f"&{name} {text}"
    if choice == 2:
        collection = text.startswith("[")
        tags = ["!!seq ", "!foo ", "!!python/object:list "] if collection else ["!!str ", "!foo "]
        return draw(st.sampled_from([*tags, "! "])) + text
    if choice == 3:
        return f'"{text}"'
    return text


@st.composite
def _mapping(
    draw: st.DrawFn, fields: list[tuple[str, str]], anchors: list[str], glued: bool
) -> str:
    """One entry as a flow mapping, with quoted keys glued to their values or not.

    ``glued``: every key is quoted and glued to its value ('"k":*a'), and nothing else
    is special: the form that once slipped past a pre-check of the text.
    """
    parts = []
    for key, value in fields:
        glue = '":' if glued else draw(st.sampled_from([": ", '":']))
        rendered = draw(_value(value, anchors))
        parts.append(f'"{key}":{rendered}' if glue == '":' else f"{key}: {rendered}")
    if not glued and draw(st.integers(0, 9)) == 0:
        parts.append("<<: {x: 1}")
    prefix = ""
    if not glued and draw(st.integers(0, 7)) == 0:
        prefix = draw(st.sampled_from(["!!map ", "!foo ", f"&e{len(anchors)} "]))
    return prefix + "{" + ", ".join(parts) + "}"


@st.composite
def portfolios(draw: st.DrawFn) -> tuple[str, str]:
    anchors: list[str] = []
    glued = draw(st.booleans())
    area_ids = [f"area-{n}" for n in range(draw(st.integers(1, 4)))]
    areas = []
    for number, area_id in enumerate(area_ids):
        fields = [("id", area_id), ("name", draw(st.sampled_from(["Talent", "Export", "2008"])))]
        if number and draw(st.booleans()):
            fields.append(("parent", draw(st.sampled_from(area_ids))))
        areas.append(draw(_mapping(fields, anchors, glued)))
    initiatives = []
    for number in range(draw(st.integers(0, 4))):
        refs = draw(st.lists(st.sampled_from([*area_ids, "unknown"]), max_size=3))
        fields = [("id", f"i-{number}"), ("name", "Council")]
        if draw(st.booleans()):
            fields.append(("start", draw(st.sampled_from(["2007", "2012", "0x7d7", "20_08"]))))
        fields.append(("focus_areas", "[" + ", ".join(refs) + "]"))
        initiatives.append(draw(_mapping(fields, anchors, glued)))
    comment = draw(st.sampled_from(["", "  # a comment"]))
    if not glued and draw(st.booleans()):
        areas_text = "focus_areas:" + comment + "\n" + "".join(f"  - {a}\n" for a in areas)
    else:
        top = draw(st.sampled_from(["", "!foo ", "!!seq ", "&top ", "!!python/object:list "]))
        areas_text = '{"focus_areas":' + top + "[" + ",\n ".join(areas) + "]}\n"
    if not glued and draw(st.booleans()):
        initiatives_text = "initiatives:\n" + "".join(f"  - {i}\n" for i in initiatives)
    else:
        initiatives_text = '{"initiatives":[' + ", ".join(initiatives) + "]" + "}\n"
    return areas_text, initiatives_text


@DIFFERENTIAL
@given(portfolios())
def test_quick_and_positioned_passes_agree(
    tmp_path_factory: pytest.TempPathFactory, files: tuple[str, str]
) -> None:
    directory = tmp_path_factory.getbasetemp() / "portfolio"  # one for all examples
    directory.mkdir(exist_ok=True)
    (directory / "focus_areas.yaml").write_text(files[0], encoding="utf-8")
    (directory / "initiatives.yaml").write_text(files[1], encoding="utf-8")
    quick = load_dataset(directory)
    careful = load_dataset(directory, careful=True)
    assert quick.diagnostics == careful.diagnostics
    assert (quick.dataset is None) == (careful.dataset is None)
    if quick.dataset is not None and careful.dataset is not None:
        assert quick.dataset.focus_areas == careful.dataset.focus_areas
        assert quick.dataset.initiatives == careful.dataset.initiatives
        assert quick.dataset.thresholds == careful.dataset.thresholds


def test_the_generators_reach_both_verdicts(tmp_path: Path) -> None:
    """The differential tests see accepted and refused documents, with every feature."""
    texts: list[str] = []
    verdicts = {"documents": set(), "portfolios": set()}

    @settings(max_examples=200, derandomize=True, database=None, deadline=None)
    @given(documents(odd_keys=False), portfolios())
    def collect(text: str, files: tuple[str, str]) -> None:
        texts.append(text)
        verdicts["documents"].add(not read_yaml(text, "f.yaml").diagnostics)
        (tmp_path / "focus_areas.yaml").write_text(files[0], encoding="utf-8")
        (tmp_path / "initiatives.yaml").write_text(files[1], encoding="utf-8")
        texts.append(files[0] + files[1])
        verdicts["portfolios"].add(load_dataset(tmp_path).dataset is not None)

    collect()
    assert verdicts == {"documents": {True, False}, "portfolios": {True, False}}
    joined = "".join(texts)
    features = ("&a", "*a", "&v", "*v", "!foo", "!!str", "!!map", "<<", '":', "# ", "{", "[", "- ")
    for feature in features:
        assert feature in joined, feature
