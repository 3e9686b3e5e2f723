"""The commands' decisions, in the Python API (gapcheck.api), where Python users get them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import gapcheck
from clirun import python
from gapcheck.listener import Listener

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


class Heard(Listener):
    def __init__(self) -> None:
        self.heard: list[str] = []

    def bundled(self) -> None:
        self.heard.append("bundled")

    def created(self, path: Path) -> None:
        self.heard.append(path.name)


def test_readme_api_example_runs_and_prints_what_it_says(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(
        r"```python\n(import gapcheck\n\nchanges = .*?)```\n\n```text\n(.*?)```", readme, re.S
    )
    assert found, "no example of the commands' API in the README"
    shutil.copytree(DATA, tmp_path / "data")
    (tmp_path / "example.py").write_text(found.group(1), encoding="utf-8")
    done = python("example.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == found.group(2)


def test_compare_counts_both_sides_in_one_year_and_says_which(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "old")
    changes = gapcheck.compare(str(tmp_path / "old"), str(DATA), at=2006)
    assert (changes.result.base, changes.result.head) == (
        f"{tmp_path / 'old'}@2006",
        f"{DATA}@2006",
    )
    assert changes.positions["hjemtagning-af-viden"][0] == str(DATA / "focus_areas.yaml")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"base": "x", "first": 2006, "last": 2008}, "not both"),
        ({"first": 2006}, "--from and --to go together"),
        ({"first": 2006, "last": 2008, "at": 2007}, "--at compares versions"),
        ({}, "give what to compare"),
        ({"base": "x", "at": 2007, "all_years": True}, "give one of them"),
    ],
)
def test_compare_refuses_options_that_do_not_go_together(options: dict, message: str) -> None:
    with pytest.raises(gapcheck.UsageError, match=message):
        gapcheck.compare(data=DATA, **options)


def test_what_if_names_what_the_data_lacks() -> None:
    with pytest.raises(gapcheck.UsageError, match="name what to remove"):
        gapcheck.what_if(DATA)
    with pytest.raises(gapcheck.UsageError, match="no initiative has this owner"):
        gapcheck.what_if(DATA, without_owner=["Nobody"])


def test_the_bundled_dataset_is_told(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    heard = Heard()
    gapcheck.open_portfolio(listener=heard)
    assert heard.heard == ["bundled"]
    with pytest.raises(Exception, match="no data"):
        gapcheck.open_portfolio(demo=False)


def test_export_options_go_with_their_format() -> None:
    with pytest.raises(gapcheck.UsageError, match="go with 'export navigator'"):
        gapcheck.export("graphml", DATA, weighted=True)


def test_import_writes_and_never_replaces(tmp_path: Path) -> None:
    sheet = tmp_path / "t.csv"
    sheet.write_text("initiative,focus area\nOne,Research\n", encoding="utf-8")
    heard = Heard()
    imported = gapcheck.import_spreadsheet(sheet, tmp_path / "out", listener=heard)
    assert heard.heard == ["focus_areas.yaml", "initiatives.yaml"]
    assert len(imported.initiatives) == 1
    assert gapcheck.load(tmp_path / "out").initiatives[0].name == "One"
    # Into data that is there, an import merges (tests/test_import_merge.py): the same
    # sheet again changes nothing.
    heard.heard.clear()
    again = gapcheck.import_spreadsheet(sheet, tmp_path / "out", dry_run=True, listener=heard)
    assert again.merged
    assert not again.written
    assert heard.heard == []


def test_every_public_name_of_the_package_is_there_on_first_use() -> None:
    import gapcheck

    for name in gapcheck.__all__:
        assert getattr(gapcheck, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'find_everything'"):
        _ = gapcheck.find_everything  # type: ignore[attr-defined]
