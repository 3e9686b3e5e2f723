"""Resources: budgets, shares, currency and owners (the data format, the spend analysis)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from builders import area
from gapcheck.analysis import spend
from gapcheck.diagnostics import Code
from gapcheck.loader import load_dataset
from gapcheck.model import Dataset, FocusArea, Initiative, Owner

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


# --- the spend analysis, by hand ------------------------------------------------------


def _item(item_id: str, *marks: object, **keys: object) -> Initiative:
    """An initiative through the model's own validation: marks are ids or (id, share)."""
    refs = [m if isinstance(m, str) else {"id": m[0], "share": m[1]} for m in marks]  # type: ignore[index]
    return Initiative.model_validate(
        {"id": item_id, "name": item_id.upper(), "focus_areas": refs, **keys}
    )


def _data(*items: Initiative, currency: str = "DKK", areas: tuple[FocusArea, ...] = ()) -> Dataset:
    areas = areas or (area("a"), area("b"), area("c"))
    return Dataset("test", areas, items, currency=currency)


def _money(text: str) -> Decimal:
    return Decimal(text)


def test_a_share_takes_its_fraction_and_the_rest_is_split_evenly() -> None:
    report = spend(_data(_item("x", ("a", 0.25), "b", "c", budget=1000)))
    assert [a.direct for a in report.areas] == [
        _money("250.00"),
        _money("375.00"),
        _money("375.00"),
    ]
    assert report.total == _money("1000.00")
    assert report.unallocated == 0


def test_the_remainder_of_an_even_split_goes_to_the_first_mark_without_a_share() -> None:
    report = spend(_data(_item("x", "a", "b", "c", budget=100)))
    assert [str(a.direct) for a in report.areas] == ["33.34", "33.33", "33.33"]
    assert sum(a.direct for a in report.areas) == report.total == _money("100.00")


def test_a_currency_without_minor_unit_splits_whole_units() -> None:
    report = spend(_data(_item("x", "a", "b", "c", budget=10), currency="JPY"))
    assert [str(a.direct) for a in report.areas] == ["4", "3", "3"]
    assert report.minor_unit == 0


def test_shares_adding_up_to_one_give_the_rounding_to_the_first_mark() -> None:
    # 3 øre at 50% each: floor(1.5) = 1 each, and the 1 øre left goes to the first mark.
    report = spend(_data(_item("x", ("a", 0.5), ("b", 0.5), budget=0.03)))
    assert [str(a.direct) for a in report.areas] == ["0.02", "0.01", "0.00"]
    assert report.unallocated == 0


def test_money_no_mark_takes_is_unallocated() -> None:
    report = spend(_data(_item("x", ("a", 0.6), budget=100), _item("y", budget=50)))
    assert report.areas[0].direct == _money("60.00")
    assert report.unallocated == _money("90.00")  # 40 of x, all 50 of y (no focus area)
    assert report.total == _money("150.00")


def test_budgets_follow_the_activity_rule_year_by_year() -> None:
    data = _data(
        _item("x", "a", budget=100, start=2008, end=2009),
        _item("y", "b", budget={2008: 10, 2010: 30}, start=2008),
    )
    report = spend(data, [2007, 2008, 2009, 2010])
    assert [(y.year, str(y.total)) for y in report.per_year] == [
        (2007, "0.00"),
        (2008, "110.00"),
        (2009, "100.00"),
        (2010, "30.00"),
    ]
    assert report.total == _money("240.00")
    assert [str(a.direct) for a in report.areas] == ["200.00", "40.00", "0.00"]
    # Data without years counts a single amount once and a mapping not at all.
    assert spend(data).total == _money("100.00")


def test_crowded_spend_is_all_but_the_largest_spender() -> None:
    data = _data(
        _item("x", "a", budget=100),
        _item("y", "a", budget=300),
        _item("z", "a", "b", budget=200),  # 100 on a, 100 on b
    )
    report = spend(data)
    # a: 3 of 3 initiatives > 50%: crowded; its spenders 100, 300, 100 -> 200 used twice.
    assert report.crowded == ("a",)
    assert report.areas[0].crowded_spend == _money("200.00")
    assert report.crowded_spend == _money("200.00")
    assert report.areas[1].crowded_spend == 0  # b: 1 of 3, not crowded


def test_crowded_spend_is_counted_in_the_years_an_area_is_crowded() -> None:
    data = _data(
        _item("x", "a", budget=100, start=2008),
        _item("y", "a", budget=40, start=2009),
    )
    report = spend(data, [2008, 2009, 2010], max_share=0.5)
    assert report.areas[0].crowded_years == (2008, 2009, 2010)  # 1 of 1, then 2 of 2
    assert report.crowded_spend == _money("80.00")  # 2008: 0; 2009 and 2010: 40 each


def test_money_rolls_up_to_parents_once() -> None:
    areas = (area("top"), area("sub1", parent="top"), area("sub2", parent="top"))
    report = spend(_data(_item("x", "top", "sub1", "sub2", budget=90), areas=areas))
    assert [str(a.direct) for a in report.areas] == ["30.00", "30.00", "30.00"]
    assert [str(a.rolled_up) for a in report.areas] == ["90.00", "30.00", "30.00"]


def test_money_per_owner_by_id_text_and_none() -> None:
    owners = (Owner(id="region", name="Region", level="regional"),)
    data = dataclasses.replace(
        _data(
            _item("x", "a", budget=100, owner="region"),
            _item("y", "b", budget=300, owner="Kommune"),
            _item("z", "c", budget=1000),
            _item("w", "a", budget=50, owner="region"),
        ),
        owners=owners,
    )
    report = spend(data)
    assert [(o.owner, o.name, o.level, o.initiatives, str(o.spend)) for o in report.owners] == [
        ("Kommune", "Kommune", None, ("y",), "300.00"),
        ("region", "Region", "regional", ("x", "w"), "150.00"),
        (None, "", None, ("z",), "1000.00"),
    ]


def test_areas_with_initiatives_but_no_money_are_unfunded() -> None:
    report = spend(_data(_item("x", "a", budget=100), _item("y", "b")))
    assert report.unfunded == ("b",)  # c has no initiative at all: not "unfunded"
    assert report.unbudgeted == ("y",)


def test_totals_reconcile_exactly_in_every_year() -> None:
    items = [
        _item(f"i{n}", *marks, budget=budget, start=2000 + n % 4)
        for n, (marks, budget) in enumerate(
            [
                (("a", ("b", 0.3333)), 1000.01),
                ((("a", 0.5), ("b", 0.5)), 0.07),
                (("a", "b", "c"), 999.99),
                ((("c", 0.1),), 12345.67),
                ((), 5.55),
                (("b", "c"), {2003: 7.01, 2004: 0.01}),
            ]
        )
    ]
    data = _data(*items)
    years = list(range(1999, 2006))
    report = spend(data, years)
    for year in report.per_year:
        assert sum(year.areas, Decimal(0)) + year.unallocated == year.total
        assert year.year is not None
        budgets = sum((item.budget_in(year.year) for item in items), Decimal(0))
        assert year.total == budgets
    assert sum(a.direct for a in report.areas) + report.unallocated == report.total
    assert report.total == sum((y.total for y in report.per_year), Decimal(0))
    assert sum(o.spend for o in report.owners) == report.total
