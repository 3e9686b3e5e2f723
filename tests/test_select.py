"""Roll-up policies, --where and --where-initiative, on hand-worked toys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import area, dataset, initiative
from gapcheck.analysis import coverage_matrix, find_gaps
from gapcheck.cli import app
from gapcheck.graph import Portfolio
from gapcheck.model import FocusArea, Initiative
from gapcheck.selection import Selection, parse_condition, select


def tagged(item: FocusArea | Initiative, **attributes: str | tuple[str, ...]) -> FocusArea:
    return item.model_copy(update={"attributes": attributes})  # type: ignore[return-value]


# t1001 has three sub-techniques; detection serves .003, test serves .002 (the case).
# t1003 has two; both are served (.001 by d2, .002 by t2). t1005 has its own mark only.
AREAS = [
    area("t1001"),
    area("t1001.001", parent="t1001"),
    area("t1001.002", parent="t1001"),
    area("t1001.003", parent="t1001"),
    area("t1003"),
    area("t1003.001", parent="t1003"),
    area("t1003.002", parent="t1003"),
    area("t1005"),
]
ITEMS = [
    initiative("d1", "t1001.003"),
    initiative("t1", "t1001.002"),
    initiative("d2", "t1003.001"),
    initiative("t2", "t1003.002"),
    initiative("x", "t1005"),
]


def served(policy: str) -> dict[str, tuple[str, ...]]:
    data = select(dataset(AREAS, ITEMS), rollup=policy)  # type: ignore[arg-type]
    portfolio = Portfolio(data)
    return {a.id: portfolio.rolled_up(a.id) for a in AREAS if a.parent is None}


def test_any_counts_every_sub_area() -> None:
    assert served("any") == {"t1001": ("d1", "t1"), "t1003": ("d2", "t2"), "t1005": ("x",)}


def test_own_counts_only_the_parents_own_marks() -> None:
    assert served("own") == {"t1001": (), "t1003": (), "t1005": ("x",)}


def test_all_counts_sub_areas_once_every_one_is_served() -> None:
    # t1001.001 has nothing: t1001 is not served; both sub-areas of t1003 are.
    assert served("all") == {"t1001": (), "t1003": ("d2", "t2"), "t1005": ("x",)}


def test_the_data_says_the_policy_and_the_option_wins() -> None:
    from dataclasses import replace

    data = replace(dataset(AREAS, ITEMS), rollup="own")
    assert find_gaps(Portfolio(data)).rollup == "own"
    uncovered = [g.focus_area for g in find_gaps(Portfolio(data)).gaps if g.kind == "uncovered"]
    assert uncovered == ["t1001", "t1001.001", "t1003"]
    overridden = Selection(rollup="any").apply(data)
    again = find_gaps(Portfolio(overridden))
    assert again.rollup == "any"
    assert [g.focus_area for g in again.gaps if g.kind == "uncovered"] == ["t1001.001"]
    assert Portfolio(dataset(AREAS, ITEMS)).rollup == "any"


def test_where_keeps_matching_areas_and_still_rolls_up_over_all() -> None:
    areas = [
        tagged(AREAS[0], platforms=("Windows", "linux")),
        *AREAS[1:4],
        tagged(AREAS[4], platforms="macos"),
        *AREAS[5:],
    ]
    data = select(dataset(areas, ITEMS), where=[parse_condition("platforms=WINDOWS")])
    matrix = coverage_matrix(Portfolio(data))
    assert [a.id for a in matrix.focus_areas] == ["t1001"]
    assert matrix.focus_areas[0].initiatives == ("d1", "t1")  # its sub-areas still count
    assert matrix.where == ("platforms=WINDOWS",)


def test_where_initiative_leaves_the_others_out() -> None:
    items = [
        tagged(item, kind="detection" if item.id.startswith("d") else "test") for item in ITEMS
    ]
    data = select(dataset(AREAS, items), where_initiative=[parse_condition("kind=detection")])
    portfolio = Portfolio(data)
    assert [item.id for item in portfolio.initiatives] == ["d1", "d2"]
    assert portfolio.rolled_up("t1001") == ("d1",)
    owner = select(dataset(AREAS, ITEMS), where_initiative=[parse_condition("id=x")])
    assert [item.id for item in Portfolio(owner).initiatives] == ["x"]


@pytest.mark.parametrize("text", ["platforms", "=x", "platforms=", ""])
def test_a_condition_must_be_key_value(text: str) -> None:
    with pytest.raises(ValueError, match="KEY=VALUE"):
        parse_condition(text)


def write_parent_and_child(folder: Path, policy: str = "") -> None:
    """A parent p (tactics: execution) and its sub-area p.1, served by one test."""
    (folder / "focus_areas.yaml").write_text(
        policy + "focus_areas:\n  - {id: p, name: P, attributes: {tactics: [execution]}}\n"
        "  - {id: p.1, name: P1, parent: p}\n",
        encoding="utf-8",
    )
    (folder / "initiatives.yaml").write_text(
        "initiatives:\n  - {id: a, name: A, focus_areas: [p.1], attributes: {kind: test}}\n",
        encoding="utf-8",
    )


def test_the_command_line_says_what_counted(tmp_path: Path) -> None:
    write_parent_and_child(tmp_path, "rollup: own\n")
    runner = CliRunner()
    out = runner.invoke(app, ["gaps", "-d", str(tmp_path), "-f", "json"])
    doc = json.loads(out.stdout)
    assert doc["rollup"] == "own"
    assert [g["focus_area"] for g in doc["gaps"]] == ["p", "p.1"]
    out = runner.invoke(
        app,
        [
            "gaps",
            "-d",
            str(tmp_path),
            "-f",
            "json",
            "--rollup",
            "any",
            "--where",
            "Tactics=EXECUTION",
        ],
    )
    doc = json.loads(out.stdout)
    assert doc["rollup"] == "any"
    assert doc["where"] == ["tactics=EXECUTION"]
    assert [(g["focus_area"], g["kind"]) for g in doc["gaps"]] == [("p", "thin")]
    out = runner.invoke(app, ["gaps", "-d", str(tmp_path), "--where-initiative", "kind=detection"])
    assert "uncovered" in out.stdout.lower()
    out = runner.invoke(app, ["gaps", "-d", str(tmp_path), "--where", "tactics"])
    assert out.exit_code == 2
    assert "KEY=VALUE" in out.stderr


def test_the_python_api_selects_the_same_way() -> None:
    import gapcheck

    data = dataset([tagged(AREAS[0], platforms="windows"), *AREAS[1:]], ITEMS)
    chosen = gapcheck.select(data, where=["platforms=Windows"], rollup="own")
    gaps = gapcheck.find_gaps(chosen)
    assert (gaps.rollup, gaps.where, gaps.focus_area_count) == ("own", ("platforms=Windows",), 1)


@pytest.mark.parametrize(
    "command",
    [
        ("matrix",),
        ("overlaps",),
        ("timeline",),
        ("critical",),
        ("summary",),
        ("spend",),
        ("report", "-o", "-", "-f", "markdown"),
        ("export", "xlsx", "-o", "out.xlsx"),
    ],
)
def test_every_analysis_takes_the_selection(
    tmp_path: Path, command: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    # A parent chosen, its sub-area not: marks on the sub-area still count, nowhere fails.
    (tmp_path / "focus_areas.yaml").write_text(
        "focus_areas:\n  - {id: p, name: P, attributes: {tactics: [execution]}}\n"
        "  - {id: p.1, name: P1, parent: p}\n  - {id: q, name: Q}\n",
        encoding="utf-8",
    )
    (tmp_path / "initiatives.yaml").write_text(
        "initiatives:\n  - {id: a, name: A, focus_areas: [p.1, q], attributes: {kind: test}}\n"
        "  - {id: b, name: B, focus_areas: [p.1, q], attributes: {kind: test}}\n",
        encoding="utf-8",
    )
    out = CliRunner().invoke(
        app,
        [
            *command,
            "-d",
            str(tmp_path),
            "--where",
            "tactics=execution",
            "--where-initiative",
            "kind=test",
            "--rollup",
            "all",
        ],
    )
    assert out.exit_code == 0, out.output


def test_gaps_by_an_attribute(tmp_path: Path) -> None:
    # Windows: a (uncovered), b (thin); Linux: b (thin), c (covered). A list counts under each.
    (tmp_path / "focus_areas.yaml").write_text(
        "focus_areas:\n"
        "  - {id: a, name: A, attributes: {platforms: [Windows]}}\n"
        "  - {id: b, name: B, attributes: {platforms: [windows, Linux]}}\n"
        "  - {id: c, name: C, attributes: {platforms: Linux}}\n"
        "  - {id: d, name: D}\n",
        encoding="utf-8",
    )
    (tmp_path / "initiatives.yaml").write_text(
        "initiatives:\n  - {id: x, name: X, focus_areas: [b, c]}\n"
        "  - {id: y, name: Y, focus_areas: [c]}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    out = runner.invoke(app, ["gaps", "-d", str(tmp_path), "--by", "Platforms", "-f", "json"])
    doc = json.loads(out.stdout)
    assert doc["by_key"] == "Platforms"
    assert doc["by"] == [
        {"value": "Windows", "focus_areas": 2, "uncovered": 1, "weak": 0, "thin": 1, "gaps": 2},
        {"value": "Linux", "focus_areas": 2, "uncovered": 0, "weak": 0, "thin": 1, "gaps": 1},
    ]
    assert "by" not in json.loads(
        runner.invoke(app, ["gaps", "-d", str(tmp_path), "-f", "json"]).stdout
    )
    for fmt in ("table", "markdown"):
        shown = runner.invoke(app, ["gaps", "-d", str(tmp_path), "--by", "platforms", "-f", fmt])
        assert "Gaps by platforms" in shown.stdout
        assert "Windows" in shown.stdout


def test_matrix_by_an_attribute_follows_the_catalogues_order(tmp_path: Path) -> None:
    (tmp_path / "focus_areas.yaml").write_text(
        "catalogue: {name: Toy, order: {tactics: [recon, execution, impact]}}\n"
        "focus_areas:\n"
        "  - {id: a, name: A, attributes: {tactics: [execution, impact]}}\n"
        "  - {id: b, name: B, attributes: {tactics: [Recon]}}\n"
        "  - {id: c, name: C}\n",
        encoding="utf-8",
    )
    (tmp_path / "initiatives.yaml").write_text(
        "initiatives:\n  - {id: x, name: X, focus_areas: [a]}\n", encoding="utf-8"
    )
    runner = CliRunner()
    doc = json.loads(
        runner.invoke(app, ["matrix", "-d", str(tmp_path), "--by", "tactics", "-f", "json"]).stdout
    )
    assert [(c["value"], [a["id"] for a in c["focus_areas"]]) for c in doc["columns"]] == [
        ("recon", ["b"]),
        ("execution", ["a"]),
        ("impact", ["a"]),
    ]
    assert doc["columns"][0]["focus_areas"][0]["gap"] == "uncovered"
    assert doc["columns"][1]["focus_areas"][0]["initiatives"] == ["x"]
    assert doc["without"] == ["c"]
    for fmt in ("table", "markdown", "csv"):
        out = runner.invoke(app, ["matrix", "-d", str(tmp_path), "--by", "tactics", "-f", fmt])
        assert out.exit_code == 0, out.output
        assert "execution" in out.stdout
    owners = runner.invoke(app, ["matrix", "-d", str(tmp_path), "--by", "owner", "-f", "json"])
    assert json.loads(owners.stdout)["by"] == "owner"


def test_people_are_told_what_counted(tmp_path: Path) -> None:
    # A policy other than any and the --where conditions are said in every human view.
    write_parent_and_child(tmp_path)
    runner = CliRunner()
    chosen = ["--rollup", "own", "--where-initiative", "kind=test"]
    for command in ("gaps", "matrix", "timeline", "critical", "summary"):
        for fmt in ("table", "markdown"):
            out = runner.invoke(app, [command, "-d", str(tmp_path), "-f", fmt, *chosen])
            assert out.exit_code in (0, 1), out.output
            text = " ".join(out.stdout.split())
            assert "Roll-up: own" in text, (command, fmt)
            assert "Only the initiatives where kind=test." in text, (command, fmt)
        plain = runner.invoke(app, [command, "-d", str(tmp_path)])
        assert "Roll-up" not in plain.stdout
        assert "Only the" not in plain.stdout


def test_gaps_by_is_a_section_of_the_view(tmp_path: Path) -> None:
    (tmp_path / "focus_areas.yaml").write_text(
        "focus_areas:\n  - {id: a, name: A, attributes: {platforms: [Windows]}}\n"
        "  - {id: b, name: B, attributes: {platforms: [Linux]}}\n",
        encoding="utf-8",
    )
    (tmp_path / "initiatives.yaml").write_text(
        "initiatives:\n  - {id: x, name: X, focus_areas: [b]}\n", encoding="utf-8"
    )
    out = CliRunner().invoke(
        app, ["gaps", "-d", str(tmp_path), "--by", "platforms", "-f", "markdown"]
    )
    lines = out.stdout.splitlines()
    start = lines.index("### Gaps by platforms")
    assert lines[start + 2 : start + 6] == [
        "| platforms | Focus areas | Gaps | Uncovered | Weak | Thin |",
        "| --- | --- | --- | --- | --- | --- |",
        "| Windows | 1 | 1 | 1 | 0 | 0 |",
        "| Linux | 1 | 1 | 0 | 0 | 1 |",
    ]
    none = CliRunner().invoke(app, ["gaps", "-d", str(tmp_path), "--by", "kind", "-f", "markdown"])
    assert "No focus area looked at has kind." in none.stdout
