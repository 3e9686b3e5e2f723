"""Money spent twice by the rule a council understands: identical initiatives (the same
focus areas), all but the largest budget in each group; hand-computed."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

from builders import area, dataset, initiative
from clirun import in_process
from gapcheck.analysis import spend
from gapcheck.model import Dataset

COUNCIL = Path(__file__).parent / "data" / "council"


def _budgeted(data: Dataset, budgets: dict[str, object]) -> Dataset:
    items = tuple(
        item.model_copy(update={"budget": budgets[item.id]}) if item.id in budgets else item
        for item in data.initiatives
    )
    return dataclasses.replace(data, initiatives=items, currency="DKK")


def test_all_but_the_largest_budget_of_each_group() -> None:
    data = _budgeted(
        dataset(
            [area("a"), area("b"), area("c")],
            [
                initiative("one", "a", "b"),
                initiative("two", "b", "a"),  # the same set, in another order
                initiative("three", "a", "b"),
                initiative("four", "c"),
                initiative("five", "c"),
                initiative("six", "a"),  # alone with {a}: no group
                initiative("none"),  # no focus area: never a group
                initiative("none-2"),
            ],
        ),
        {
            "one": Decimal(100),
            "two": Decimal(300),
            "three": Decimal("50.25"),
            "four": Decimal(7),
            "five": Decimal(7),
            "six": Decimal(1_000),
            "none": Decimal(5),
            "none-2": Decimal(5),
        },
    )
    report = spend(data)
    # {a, b}: 100 + 300 + 50.25 - 300 = 150.25; {c}: 7 + 7 - 7 = 7.
    assert report.identical_spend == Decimal("157.25")
    assert report.identical_groups == (("one", "two", "three"), ("four", "five"))


def test_identical_groups_are_judged_in_each_year() -> None:
    data = _budgeted(
        dataset(
            [area("a")],
            [
                initiative("old", "a", start=2020, end=2024),
                initiative("new", "a", start=2024, end=2026),
                initiative("later", "a", start=2025, end=2026),
            ],
        ),
        {"old": Decimal(10), "new": Decimal(30), "later": Decimal(20)},
    )
    # 2023: old alone. 2024: old + new -> 10. 2025: new + later -> 20.
    assert spend(data, [2023]).identical_spend == 0
    assert spend(data, [2024]).identical_spend == Decimal(10)
    assert spend(data, [2023, 2024, 2025]).identical_spend == Decimal(30)


def test_the_council_portfolio_spends_twice_on_identical_initiatives() -> None:
    result = in_process("spend", "--data", str(COUNCIL), "--format", "json", cwd=COUNCIL)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    # Eight talent offices: 2,200,000 - 500,000; the fairs pair: 1,600,000 - 1,000,000.
    assert data["identical_spend"] == "2300000.00"
    assert data["crowded_spend"] == "0.00"  # 8 of 21 is not more than half
    assert len(data["identical_groups"]) == 2
    summary = json.loads(
        in_process("summary", "--data", str(COUNCIL), "--format", "json", cwd=COUNCIL).stdout
    )
    assert summary["identical_spend"] == "2300000.00"


def test_each_figure_has_its_rule_and_threshold_beside_it() -> None:
    for command in ("spend", "summary"):
        result = in_process(
            command, "--data", str(COUNCIL), "--lang", "da", cwd=COUNCIL, env={"COLUMNS": "300"}
        )
        lines = result.stdout.splitlines()
        (crowded,) = [line for line in lines if line.startswith("Brugt dobbelt på")]
        assert "0,00 DKK" in crowded
        assert "mere end 50%" in crowded
        (identical,) = [line for line in lines if line.startswith("Brugt på identiske initiativer")]
        assert "2.300.000,00 DKK" in identical
        assert "2 grupper" in identical
        assert "største budget" in identical


def test_the_spend_csv_has_a_row_of_the_identical_money() -> None:
    result = in_process("spend", "--data", str(COUNCIL), "-f", "csv", cwd=COUNCIL)
    (row,) = [line for line in result.stdout.splitlines() if line.startswith("identical,")]
    assert row.split(",")[4] == "2300000.00"
    assert row.endswith(",talent-1;talent-2;talent-3;talent-4;talent-5;talent-6;talent-7;talent-8"
                        " | messer;fremmoeder")  # fmt: skip
