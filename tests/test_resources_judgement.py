"""Money in the judgements: whatif frees, critical initiatives cost, the summary spends.

Hand-computed on docs/examples/budgets in 2026: export-advice 3,000,000 (export 0.75,
talent the rest), webshop-programme 1,200,000 (2026 of its mapping), trade-missions
1,500,000, talent-desk 900,000, fair-pool 600,000, ambassadors no budget.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from gapcheck.cli import app

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = str(REPO / "docs" / "examples" / "budgets")
BUNDLED = str(REPO / "data")
ENV = {"NO_COLOR": "1", "COLUMNS": "120", "FORCE_COLOR": None}


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args), env=ENV)
    assert result.exit_code == 0, result.output
    return result


def as_json(*args: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(run(*args, "-f", "json").stdout)
    return data


def test_whatif_frees_the_budgets_of_the_year_counted() -> None:
    args = ("whatif", "--data", EXAMPLE, "--without", "export-advice", "--without")
    data = as_json(*args, "talent-desk", "--at", "2026")
    assert (data["freed"], data["currency"]) == ("3900000.00", "DKK")  # 3,000,000 + 900,000
    # webshop-programme ends in 2027: nothing of it is freed in 2028; in 2025, 800,000.
    assert as_json(*args[:4], "webshop-programme", "--at", "2028")["freed"] == "0.00"
    assert as_json(*args[:4], "webshop-programme", "--at", "2025")["freed"] == "800000.00"


@pytest.mark.parametrize(
    ("fmt", "lang", "line"),
    [
        ("table", "en", "Money freed in 2026: 3,900,000.00 DKK."),
        ("markdown", "da", "Penge frigjort i 2026: 3.900.000,00 DKK."),
    ],
)
def test_whatif_says_the_money_freed(fmt: str, lang: str, line: str) -> None:
    args = ("whatif", "--data", EXAMPLE, "--without", "export-advice", "--without")
    assert line in run(*args, "talent-desk", "--at", "2026", "-f", fmt, "--lang", lang).stdout


def test_critical_initiatives_carry_their_budget() -> None:
    data = as_json("critical", "--data", EXAMPLE, "--at", "2026")
    budgets = {item["initiative"]: item["budget"] for item in data["critical"]}  # type: ignore[attr-defined]
    assert budgets == {
        "webshop-programme": "1200000.00",  # the sole initiative of its focus area
        "export-advice": "3000000.00",
        "trade-missions": "1500000.00",
        "talent-desk": "900000.00",
        "ambassadors": "0.00",
    }
    table = run("critical", "--data", EXAMPLE, "--at", "2026", "-f", "markdown").stdout
    assert "| Budget in 2026 (DKK) |" in table
    assert "| Export advice for SMEs |  | International talent | 3 | 3,000,000.00 |" in table
    rows = list(
        csv.DictReader(
            io.StringIO(run("critical", "--data", EXAMPLE, "--at", "2026", "-f", "csv").stdout)
        )
    )
    assert next(r["budget"] for r in rows if r["kind"] == "critical") == "1200000.00"
    assert [r["sole"] for r in rows if r["kind"] == "critical"][:2] == ["export-digital", ""]


def test_summary_says_the_spend_and_the_money_spent_twice() -> None:
    data = as_json("summary", "--data", EXAMPLE, "--at", "2026")
    # 3,000,000 + 1,200,000 + 1,500,000 + 900,000 + 600,000; export is crowded (3 of 6
    # > 0.4): 2,250,000 + 750,000 + 600,000, all but the largest = 1,350,000.
    assert (data["spend"], data["crowded_spend"]) == ("7200000.00", "1350000.00")
    text = run("summary", "--data", EXAMPLE, "--at", "2026").stdout
    assert "Spend in 2026: 7,200,000.00 DKK." in text
    assert "Spent twice on crowded focus areas: 1,350,000.00 DKK (rule:" in text
    rows = dict(
        csv.reader(
            io.StringIO(run("summary", "--data", EXAMPLE, "--at", "2026", "-f", "csv").stdout)
        )
    )
    assert (rows["spend"], rows["crowded_spend"]) == ("7200000.00", "1350000.00")


def test_no_budgets_no_money() -> None:
    assert as_json("summary", "--data", BUNDLED)["spend"] is None
    assert as_json("whatif", "--data", BUNDLED, "--without", "interreg")["freed"] is None
    critical = as_json("critical", "--data", BUNDLED, "--min-initiatives", "1")
    assert all(item["budget"] is None for item in critical["critical"])  # type: ignore[attr-defined]
    for command in (("summary",), ("whatif", "--without", "interreg")):
        text = run(*command, "--data", BUNDLED, "-f", "markdown").stdout
        assert "DKK" not in text
        assert "Money freed" not in text
        assert "Spend " not in text
    assert "Budget" not in run("critical", "--data", BUNDLED, "--min-initiatives", "1").stdout


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "en",
            "Spend in 2026: 7,200,000.00 DKK.",
        ),
        (
            "da",
            "Forbrug i 2026: 7.200.000,00 DKK.",
        ),
    ],
)
def test_the_html_report_says_the_spend_in_its_summary(lang: str, line: str) -> None:
    page = run("report", "--data", EXAMPLE, "--at", "2026", "--lang", lang, "-o", "-").stdout
    summary = page.split('<section id="summary">', 1)[1].split("</section>", 1)[0]
    assert f">{line}</span></p>" in summary  # among the summary's sentences


def test_the_html_report_of_data_without_budgets_has_no_money() -> None:
    page = run("report", "--data", BUNDLED, "-o", "-").stdout
    assert "spent twice" not in page
    assert "Spend in" not in page


def test_gaps_carry_the_money_on_each_gap_area() -> None:
    # In 2026 with a minimum of 3: export-digital (webshop 1,200,000), talent
    # (export-advice 3,000,000 - 0.75 of it on export = 750,000, + talent-desk 900,000),
    # visibility (half of trade-missions' 1,500,000; ambassadors has no budget).
    args = ("gaps", "--data", EXAMPLE, "--at", "2026", "--min-initiatives", "3")
    data = as_json(*args)
    assert data["currency"] == "DKK"
    assert {gap["focus_area"]: gap["spend"] for gap in data["gaps"]} == {  # type: ignore[attr-defined]
        "export-digital": "1200000.00",
        "talent": "1650000.00",
        "visibility": "750000.00",
    }
    rows = list(csv.DictReader(io.StringIO(run(*args, "-f", "csv").stdout)))
    assert [row["spend"] for row in rows] == ["1200000.00", "1650000.00", "750000.00"]
    markdown = run(*args, "-f", "markdown", "--lang", "da").stdout
    assert "| Penge i 2026 (DKK) |" in markdown
    assert "| 1.650.000,00 |" in markdown
    bundled = as_json("gaps", "--data", BUNDLED)
    assert bundled["currency"] is None
    assert all(gap["spend"] is None for gap in bundled["gaps"])  # type: ignore[attr-defined]
    assert "Money" not in run("gaps", "--data", BUNDLED).stdout
