"""Resources: budgets, shares, currency and owners (the data format, the spend analysis)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from gapcheck.diagnostics import Code
from gapcheck.loader import load_dataset

FOCUS = "focus_areas:\n  - id: a\n    name: A\n  - id: b\n    name: B\n"


def test_amounts_are_exact_decimals_and_years_are_numbers(tmp_path: Path) -> None:
    result = load_dataset(_write(tmp_path, "budget: {2008: 0.1, 2009: 2_500_000}\n    start: 2008"))
    assert result.diagnostics == []
    assert result.dataset is not None
    item = result.dataset.initiatives[0]
    assert item.budget == {2008: Decimal("0.1"), 2009: Decimal(2_500_000)}
    assert item.budget_in(2008) == Decimal("0.1")
    assert item.budget_in(2010) == 0
    assert item.budget_in(2007) == 0  # not active yet
    assert result.dataset.currency == "DKK"


def _write(tmp_path: Path, budget_line: str, owner: str = "region") -> Path:
    (tmp_path / "focus_areas.yaml").write_text(FOCUS, encoding="utf-8")
    (tmp_path / "initiatives.yaml").write_text(
        "currency: DKK\nowners:\n  - id: region\n    name: Region\n    level: regional\n"
        f"initiatives:\n  - id: x\n    name: X\n    owner: {owner}\n    {budget_line}\n"
        "    focus_areas:\n      - id: a\n        share: 0.25\n      - b\n",
        encoding="utf-8",
    )
    return tmp_path


def test_owner_by_id_and_plain_text_owners(tmp_path: Path) -> None:
    result = load_dataset(_write(tmp_path, "budget: 100", owner="region"))
    assert result.dataset is not None
    owner = result.dataset.owner_of(result.dataset.initiatives[0])
    assert owner is not None
    assert (owner.name, owner.level) == ("Region", "regional")
    text = load_dataset(_write(tmp_path, "budget: 100", owner='"Some Municipality"'))
    assert text.diagnostics == []
    assert text.dataset is not None
    assert text.dataset.owner_of(text.dataset.initiatives[0]) is None


def test_unknown_owner_id_suggests_the_close_one(tmp_path: Path) -> None:
    result = load_dataset(_write(tmp_path, "budget: 100", owner="regoin"))
    (problem,) = result.diagnostics
    assert problem.code is Code.UNKNOWN_OWNER
    assert problem.hint == "did you mean 'region'?"
    assert (problem.line, problem.column) == (9, 12)


def test_quoted_amount_and_too_many_decimals_are_gc209(tmp_path: Path) -> None:
    quoted = load_dataset(_write(tmp_path, 'budget: "100"'))
    assert [d.code for d in quoted.diagnostics] == [Code.INVALID_RESOURCE]
    assert quoted.diagnostics[0].hint is not None
    assert "remove the quotes" in quoted.diagnostics[0].hint
    cents = load_dataset(_write(tmp_path, "budget: 10.001"))
    assert [d.code for d in cents.diagnostics] == [Code.INVALID_RESOURCE]
    assert "minor unit" in cents.diagnostics[0].message


def test_version_one_data_has_no_currency_and_no_owners(tmp_path: Path) -> None:
    (tmp_path / "focus_areas.yaml").write_text(FOCUS, encoding="utf-8")
    (tmp_path / "initiatives.yaml").write_text(
        "initiatives:\n  - id: x\n    name: X\n    owner: Region\n    focus_areas: [a]\n",
        encoding="utf-8",
    )
    result = load_dataset(tmp_path)
    assert result.dataset is not None
    assert result.dataset.currency is None
    assert result.dataset.owners == ()
