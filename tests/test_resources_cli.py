"""``gapcheck spend`` on the command line: every format, both languages, exit codes."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from clirun import gapcheck
from gapcheck.cli import app

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "docs" / "examples" / "budgets"
BUNDLED = REPO / "data"
ENV = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=ENV)


def spend_json(*args: str) -> dict[str, object]:
    result = run("spend", "--data", str(EXAMPLE), "-f", "json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_json_gives_exact_amounts_for_a_year() -> None:
    data = spend_json("--at", "2026")
    assert data["currency"] == "DKK"
    assert data["years"] == [2026]
    # 3,000,000 + 1,200,000 (the webshop's 2026) + 1,500,000 + 900,000 + 600,000
    assert data["total"] == "7200000.00"
    # Export is crowded (3 of 6 > 40%): 2,250,000 + 750,000 + 600,000, less the largest.
    assert data["crowded_spend"] == "1350000.00"
    areas = {a["focus_area"]: a for a in data["focus_areas"]}  # type: ignore[attr-defined]
    assert areas["export"]["direct"] == "3600000.00"
    assert areas["export"]["rolled_up"] == "4800000.00"  # with Digital export channels
    assert areas["talent"]["direct"] == "1650000.00"  # 750,000 + 900,000
    owners = [(o["owner"], o["spend"]) for o in data["owners"]]  # type: ignore[attr-defined]
    assert owners[0] == ("export-council", "3000000.00")
    assert data["unbudgeted"] == ["ambassadors"]


def test_json_timeline_reconciles_with_the_budgets() -> None:
    data = spend_json("--from", "2024", "--to", "2027")
    years = data["years_spend"]
    assert [(y["year"], y["total"]) for y in years] == [  # type: ignore[attr-defined]
        (2024, "6000000.00"),
        (2025, "6800000.00"),
        (2026, "7200000.00"),
        (2027, "7000000.00"),
    ]
    for year in years:  # type: ignore[attr-defined]
        areas = sum(Decimal(v) for v in year["focus_areas"].values())
        assert areas + Decimal(year["unallocated"]) == Decimal(year["total"])
    assert Decimal(str(data["total"])) == sum(Decimal(y["total"]) for y in years)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("lang", "total", "heading"),
    [("en", "7,200,000.00 DKK", "Spend"), ("da", "7.200.000,00 DKK", "Forbrug")],
)
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_human_formats_in_both_languages(fmt: str, lang: str, total: str, heading: str) -> None:
    result = run("spend", "--data", str(EXAMPLE), "--at", "2026", "-f", fmt, "--lang", lang)
    assert result.exit_code == 0, result.output
    assert heading in result.stdout
    assert total in result.stdout
    assert "National export council" in result.stdout  # data text, as written
    legend = "largest single spender" if lang == "en" else "initiativet med det største budget"
    assert legend in " ".join(result.stdout.split())


def test_csv_rows_add_up() -> None:
    result = run("spend", "--data", str(EXAMPLE), "--at", "2026", "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    total = next(Decimal(r["spend"]) for r in rows if r["kind"] == "total")
    unallocated = next(Decimal(r["spend"]) for r in rows if r["kind"] == "unallocated")
    areas = sum(Decimal(r["spend"]) for r in rows if r["kind"] == "focus_area")
    owners = sum(Decimal(r["spend"]) for r in rows if r["kind"] == "owner")
    assert total == areas + unallocated == owners == Decimal("7200000.00")


def test_data_without_budgets_says_how_to_add_them() -> None:
    result = run("spend", "--data", str(BUNDLED), "--lang", "da")
    assert result.exit_code == 0, result.output
    assert "Data har ingen budgetter" in result.stdout


@pytest.mark.parametrize(
    "args",
    [("--at", "2026", "--from", "2024"), ("--from", "2027", "--to", "2024"), ("--at", "99")],
)
def test_bad_years_are_usage_errors(args: tuple[str, ...]) -> None:
    assert run("spend", "--data", str(EXAMPLE), *args).exit_code == 2


def test_spend_in_a_real_process(tmp_path: Path) -> None:
    done = gapcheck("spend", "--data", str(EXAMPLE), "--at", "2025", "-f", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == "6800000.00"


def test_readme_spend_sample_matches_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = "gapcheck spend --data docs/examples/budgets --at 2026"
    start = readme.index(f"```console\n$ {command}\n") + len(f"```console\n$ {command}\n")
    sample = readme[start : readme.index("```", start)]
    monkeypatch.chdir(REPO)
    result = run(*command.split()[1:])
    assert result.exit_code == 0
    assert result.stdout == sample


def test_bundled_owners_quote_the_report_and_have_no_budgets() -> None:
    from gapcheck.loader import load_dataset

    dataset = load_dataset(BUNDLED).dataset
    assert dataset is not None
    assert all(owner.source and owner.source.startswith("Afsnit 3.") for owner in dataset.owners)
    eu_office = next(item for item in dataset.initiatives if item.id == "eu-kontor")
    entry = dataset.owner_of(eu_office)
    assert entry is not None
    assert "forankret i alle 19 midtjyske kommuner og Region Midtjylland" in str(entry.source)
    assert dataset.currency is None
    assert all(item.budget is None for item in dataset.initiatives)  # none invented


def test_whatif_without_owner_takes_an_owner_entry_by_name_or_id() -> None:
    by_name = run("whatif", "--data", str(BUNDLED), "--without-owner", "JOB-midt programmet")
    by_id = run("whatif", "--data", str(BUNDLED), "--without-owner", "job-midt")
    assert by_name.exit_code == by_id.exit_code == 0, by_name.output
    assert by_name.stdout == by_id.stdout
    assert "Modtageapparat" in by_name.stdout


def test_matrix_by_owner_in_json_and_csv() -> None:
    result = run("matrix", "--data", str(BUNDLED), "--by", "owner", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["by"] == "owner"
    rows = {row["id"]: row["focus_areas"] for row in data["initiatives"]}
    assert len(rows) == 7  # the two initiatives without an owner are left out
    assert rows["job-midt"] == [  # its two initiatives together
        "specialiseret-arbejdskraft",
        "hjemtagning-af-viden",
        "synlighed-og-branding",
    ]
    areas = {area["id"]: area for area in data["focus_areas"]}
    assert areas["hjemtagning-af-viden"]["direct"] == [
        "region-midtjylland",
        "midtjyske-kommuner-og-region",
        "eu-kommissionen",
        "job-midt",
        "aarhus-kommune-og-universitet",
        "vestdanske-regioner-og-invest-in-denmark",
    ]
    plain = run("matrix", "--data", str(BUNDLED), "-f", "json")
    assert json.loads(plain.stdout)["by"] == "initiative"
    table = run("matrix", "--data", str(EXAMPLE), "--by", "owner", "-f", "csv")
    assert table.stdout.splitlines()[0] == "owner,name,export,export-digital,talent,visibility"


@pytest.mark.parametrize(("lang", "word"), [("en", "Owner"), ("da", "Ejer")])
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_matrix_by_owner_in_human_formats(fmt: str, lang: str, word: str) -> None:
    result = run("matrix", "--data", str(BUNDLED), "--by", "owner", "-f", fmt, "--lang", lang)
    assert result.exit_code == 0, result.output
    assert word in result.stdout
    assert "JOB-midt programmet" in result.stdout
