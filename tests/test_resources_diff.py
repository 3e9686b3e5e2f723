"""diff with money: budget edits as exact field changes, spend per focus area (direct).

By hand, in 2026 on docs/examples/budgets: trade-missions 1,500,000 -> 1,000,000
(export and visibility split it evenly: 750,000 -> 500,000 each) and talent-desk
900,000 -> 1,200,000 (all on talent). Export 3,600,000 -> 3,350,000, talent
1,650,000 -> 1,950,000, visibility 750,000 -> 500,000; the total 7,200,000 -> 7,000,000.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gapcheck.analysis import FieldChange, SpendChange, diff_portfolios
from gapcheck.cli import app
from gapcheck.graph import Portfolio
from gapcheck.loader import load_dataset

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "budgets"
ENV = {"NO_COLOR": "1", "COLUMNS": "120", "FORCE_COLOR": None}


@pytest.fixture
def sides(tmp_path: Path) -> tuple[Path, Path]:
    base, head = tmp_path / "base", tmp_path / "head"
    shutil.copytree(EXAMPLE, base)
    shutil.copytree(EXAMPLE, head)
    path = head / "initiatives.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("budget: 1_500_000", "budget: 1_000_000", 1)
    text = text.replace("budget: 900_000", "budget: 1_200_000", 1)
    path.write_text(text, encoding="utf-8")
    return base, head


def _portfolio(path: Path) -> Portfolio:
    dataset = load_dataset(path).dataset
    assert dataset is not None
    return Portfolio(dataset, at=2026)


def test_budget_edits_and_spend_per_area_by_hand(sides: tuple[Path, Path]) -> None:
    base, head = sides
    report = diff_portfolios(
        _portfolio(base), _portfolio(head), base_label="base", head_label="head"
    )
    fields = {change.id: change.fields for change in report.initiatives_changed}
    assert fields == {
        "trade-missions": (FieldChange("budget", "1500000.00", "1000000.00"),),
        "talent-desk": (FieldChange("budget", "900000.00", "1200000.00"),),
    }
    assert (report.spend_before, report.spend_after) == (Decimal("7200000"), Decimal("7000000"))
    assert report.spend == (
        SpendChange("export", "Export readiness", Decimal("3600000"), Decimal("3350000")),
        SpendChange("talent", "International talent", Decimal("1650000"), Decimal("1950000")),
        SpendChange("visibility", "Visibility abroad", Decimal("750000"), Decimal("500000")),
    )
    assert report.changed


def test_without_budgets_no_spend(tmp_path: Path) -> None:
    bundled = Path(__file__).resolve().parents[1] / "data"
    one = _portfolio(bundled)
    report = diff_portfolios(one, one, base_label="a", head_label="b")
    assert not report.has_budgets
    assert report.spend == ()
    assert not report.changed


def _run(base: Path, head: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["diff", str(base), str(head), "--at", "2026", *args], env=ENV)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_format_has_the_spend(sides: tuple[Path, Path]) -> None:
    base, head = sides
    data = json.loads(_run(base, head, "-f", "json"))
    assert data["currency"] == "DKK"
    assert data["spend"]["before"] == "7200000.00"
    assert data["spend"]["after"] == "7000000.00"
    assert data["spend"]["focus_areas"][1] == {
        "focus_area": "talent",
        "name": "International talent",
        "before": "1650000.00",
        "after": "1950000.00",
    }
    rows = list(csv.reader(io.StringIO(_run(base, head, "-f", "csv"))))
    assert ["spend", "", "total", "7200000.00", "7000000.00", ""] in rows
    assert ["spend", "visibility", "changed", "750000.00", "500000.00", ""] in rows
    assert ["initiative", "talent-desk", "edited", "900000.00", "1200000.00", "budget"] in rows
    table = _run(base, head)
    assert "Total spend: 7,200,000.00 DKK → 7,000,000.00 DKK (-200,000.00)." in table
    assert "+300,000.00" in table
    markdown = _run(base, head, "-f", "markdown", "--lang", "da")
    assert "### Forbrug pr. fokusområde (direkte, DKK)" in markdown
    assert "| Visibility abroad | 750.000,00 | 500.000,00 | -250.000,00 |" in markdown


def test_a_budget_per_year_shows_only_the_years_that_changed(
    sides: tuple[Path, Path],
) -> None:
    base, head = sides
    path = head / "initiatives.yaml"
    text = path.read_text(encoding="utf-8")
    years = "budget: {2025: 800_000, 2026: 1_200_000, 2027: 1_000_000}"
    assert years in text
    path.write_text(text.replace(years, years.replace("1_000_000}", "1_100_000}")), "utf-8")
    table = _run(base, head, "--format", "markdown")
    assert "| budget | 2027: 1,000,000.00 | 2027: 1,100,000.00 |" in table
    assert "2025: 800,000.00" not in table  # the years that stayed are not repeated
    data = json.loads(_run(base, head, "--format", "json"))  # the contract: both whole
    [change] = [c for item in data["initiatives"]["changed"] for c in item["fields"]
                if c["field"] == "budget" and "2027: 1100000.00" in (c["after"] or "")]  # fmt: skip
    assert change["before"].startswith("2025: 800000.00")
