"""Overlaps between owners: focus areas served by several owners, owners alike."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest

from builders import area, initiative, portfolio
from gapcheck.analysis import OwnerGroup, SharedArea, find_overlaps
from gapcheck.graph import Portfolio
from gapcheck.model import Owner
from gapcheck.render import render


def _owned() -> Portfolio:
    """By hand: a is listed by x (r), y (m), z (m), u (Q), v (none) -> r, m, Q (3);
    b by x (r) and w (k) -> r, k (2); c by z (m) and u (Q) -> m, Q (2); d only by v,
    which has no owner -> not listed.
    Profiles: r = {a, b}; m = {a, c}; k = {b}; Q = {c, a} -> m and Q alike."""
    areas = [area("a"), area("b"), area("c"), area("d")]
    items = [
        initiative("x", "a", "b", owner="r"),
        initiative("y", "a", owner="m"),
        initiative("z", "a", "c", owner="m"),
        initiative("w", "b", owner="k"),
        initiative("u", "c", "a", owner="Q <b>"),
        initiative("v", "d", "a"),
    ]
    base = portfolio(areas, items)
    owners = (Owner(id="r", name="The region"), Owner(id="m", name="Municipalities"))
    return Portfolio(dataclasses.replace(base.dataset, owners=owners))


def test_areas_served_by_several_owners_and_owners_alike_by_hand() -> None:
    report = find_overlaps(_owned())
    assert report.has_owners
    assert report.coordination == (
        SharedArea("a", "Area a", ("r", "m", "Q <b>"), ("x", "y", "z", "u")),
        SharedArea("b", "Area b", ("r", "k"), ("x", "w")),
        SharedArea("c", "Area c", ("m", "Q <b>"), ("z", "u")),
    )
    assert report.identical_owners == (OwnerGroup(("a", "c"), ("m", "Q <b>")),)
    assert report.owner_names == {
        "r": "The region",
        "m": "Municipalities",
        "k": "k",
        "Q <b>": "Q <b>",
    }


def test_no_owners_no_owner_overlaps() -> None:
    report = find_overlaps(portfolio([area("a")], [initiative("x", "a"), initiative("y", "a")]))
    assert not report.has_owners
    assert report.coordination == report.identical_owners == ()
    data = json.loads(render(report, "json"))
    assert (data["has_owners"], data["coordination"], data["identical_owners"]) == (
        False,
        [],
        [],
    )
    assert "owners" not in render(report, "table").lower()


def test_json_and_csv_name_the_owners() -> None:
    report = find_overlaps(_owned())
    data = json.loads(render(report, "json"))
    assert data["coordination"][1] == {
        "focus_area": "b",
        "name": "Area b",
        "owners": [{"id": "r", "name": "The region"}, {"id": "k", "name": "k"}],
        "initiatives": ["x", "w"],
    }
    assert data["identical_owners"] == [
        {
            "focus_areas": ["a", "c"],
            "owners": [{"id": "m", "name": "Municipalities"}, {"id": "Q <b>", "name": "Q <b>"}],
        }
    ]
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    mine = [row for row in rows if row["kind"] in ("coordination", "identical_owners")]
    assert [(r["kind"], r["focus_areas"], r["count"], r["owners"]) for r in mine] == [
        ("coordination", "a", "3", "r;m;Q <b>"),
        ("coordination", "b", "2", "r;k"),
        ("coordination", "c", "2", "m;Q <b>"),
        ("identical_owners", "a;c", "2", "m;Q <b>"),
    ]
    assert all(row["owners"] == "" for row in rows if row["kind"] == "pair")


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("en", "Coordination needed"), ("da", "Koordinering nødvendig")],
)
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_human_formats_have_a_section_with_escaped_names(fmt: str, lang: str, heading: str) -> None:
    text = render(find_overlaps(_owned()), fmt, lang=lang)
    assert heading in text
    assert "The region" in text
    assert "Municipalities" in text
    if fmt == "markdown":
        assert "Q <b>" not in text  # data text is escaped
        assert "Q &lt;b&gt;" in text or "Q \\<b\\>" in text


def test_the_coordination_list_is_capped() -> None:
    areas = [area(f"a{n}") for n in range(30)]
    items = [
        initiative(f"i{n}{o}", *(f"a{k}" for k in range(30)), owner=f"o{o}")
        for n in range(1)
        for o in range(2)
    ]
    report = find_overlaps(portfolio(areas, items))
    assert len(report.coordination) == 30
    section = render(report, "markdown").split("### Coordination needed")[1].split("###")[0]
    assert section.count("| Area a") == 20
    assert "10 more" in section
