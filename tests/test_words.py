"""The words people read: Danish a civil servant would write, numbers in the reader's
language, and the data's own terms (``terms:``) in every human output.

The report is handed to people who never run the tool; the Danish report is checked
against a list of English and tool words. ``terms:`` is checked across every human
output of gaps, matrix, overlaps, summary and the report, in both languages.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gapcheck import i18n
from gapcheck.cli import app

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "data"
BUDGETS = REPO / "docs" / "examples" / "budgets"
ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None}

TERMS = """\
terms:
  en: {initiative: [detection, detections], focus_area: [technique, techniques]}
  da:
    initiative: [indsats, indsatser, indsatsen, indsatserne]
    focus_area: [indsatsområde, indsatsområder, indsatsområdet, indsatsområderne]
"""


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env=ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.fixture(autouse=True)
def own_words() -> Iterator[None]:
    """Every test starts, and leaves, with the catalogue's own words."""
    i18n.use_terms(None)
    yield
    i18n.use_terms(None)


# --- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "digits", "en", "da"),
    [
        (1957, None, "1,957", "1.957"),
        (1.957, 3, "1.957", "1,957"),
        (10.5, None, "10.5", "10,5"),
        (12.0, None, "12", "12"),
        (Decimal("6100000.00"), None, "6,100,000.00", "6.100.000,00"),
    ],
)
def test_one_function_writes_numbers_per_language(
    value: float | Decimal, digits: int | None, en: str, da: str
) -> None:
    assert i18n.num(value, "en", digits) == en
    assert i18n.num(value, "da", digits) == da


def test_danish_measures_counts_and_diff_amounts_use_danish_separators(tmp_path: Path) -> None:
    summary = run("summary", "--data", str(BUNDLED), "--lang", "da")
    assert "│ 1,444 " in summary  # Shannon's H of the bundled data, not one thousand ...
    assert "1.444" not in summary
    head = tmp_path / "head"
    shutil.copytree(BUDGETS, head)
    path = head / "initiatives.yaml"
    text = path.read_text("utf-8").replace("budget: 3_000_000", "budget: 6_100_000")
    path.write_text(text, "utf-8")
    diff = run("diff", str(BUDGETS), str(head), "--lang", "da")
    assert "6.100.000,00" in diff, diff
    assert "6100000" not in diff


def test_a_diff_writes_amounts_as_money_and_years_as_years() -> None:
    from gapcheck.render import words

    assert words.field_value(2028, "da") == "2028"
    assert words.field_value(0.25, "da") == "0,25"
    assert words.field_value("Version 2.5", "da") == "Version 2.5"


# --- the Danish report speaks to people who do not run the tool --------------------------

#: English words and tool words no Danish report may hold (whole words, any case).
FORBIDDEN = (
    "gap",
    "gaps",
    "focus area",
    "focus areas",
    "initiative",
    "initiatives",
    "thin",
    "weak",
    "crowded",
    "uncovered",
    "significant",
    "partial",
    "minimal",
    "HEAD",
    "gapcheck",
    "manko",
    "Accepter",
)
FORBIDDEN_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, FORBIDDEN)) + r")\b", re.IGNORECASE)
TOOL = re.compile(r"--[a-z]|\.ya?ml\b|docs/|\b[a-z0-9]+(?:-[a-z0-9]+)+\b")


class _Text(HTMLParser):
    """The text a reader sees on the page: no tags, attributes, styles or scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.skip += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def seen(page: str, fmt: str) -> str:
    if fmt == "markdown":
        return re.sub(r"^\|?(?: ?-{3,} ?\|)+$", "", page, flags=re.MULTILINE)  # table rules
    parser = _Text()
    parser.feed(page)
    return " ".join(parser.parts)


@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize("data", [BUNDLED, BUDGETS], ids=["bundled", "budgets"])
def test_the_danish_report_holds_no_english_or_tool_words(fmt: str, data: Path) -> None:
    text = seen(run("report", "--data", str(data), "--lang", "da", "-f", fmt, "-o", "-"), fmt)
    assert "fokusområde" in text  # the report was read
    assert FORBIDDEN_RE.findall(text) == []
    assert TOOL.findall(text) == []


def test_the_danish_report_of_changes_names_no_revision_or_folder(tmp_path: Path) -> None:
    base = tmp_path / "before-the-council"
    shutil.copytree(BUNDLED, base)
    for fmt in ("html", "markdown"):
        page = run(
            "report",
            "--data",
            str(BUNDLED),
            "--base",
            str(base),
            "--lang",
            "da",
            "-f",
            fmt,
            "-o",
            "-",
        )
        text = seen(page, fmt)
        assert "fra den tidligere version til denne" in text
        assert "before-the-council" not in text
        assert FORBIDDEN_RE.findall(text) == []


def test_the_danish_export_uses_the_report_s_words() -> None:
    from gapcheck.render.xlsx import LABELS

    danish = " ".join(LABELS["da"].values())
    assert "Indsats" not in danish
    assert "Overfyldte" not in danish
    assert "Initiativ" in danish


# --- terms: -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def termed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("terms") / "data"
    shutil.copytree(BUDGETS, directory)
    path = directory / "focus_areas.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("focus_areas:\n", TERMS + "focus_areas:\n", 1), "utf-8")
    return directory


#: The catalogue's own nouns, which data with terms: never sees.
OWN = {
    "en": re.compile(r"\b(?:initiatives?|focus[ -]areas?)\b", re.IGNORECASE),
    "da": re.compile(r"initiativ|fokusområd", re.IGNORECASE),
}
NEW = {"en": ("detection", "technique"), "da": ("indsats", "indsatsområd")}
OUTPUTS = [
    ("gaps", "table"),
    ("gaps", "markdown"),
    ("matrix", "table"),
    ("matrix", "markdown"),
    ("overlaps", "table"),
    ("overlaps", "markdown"),
    ("summary", "table"),
    ("summary", "markdown"),
    ("report", "html"),
    ("report", "markdown"),
]


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize(("command", "fmt"), OUTPUTS)
def test_terms_rename_the_nouns_in_every_human_output(
    termed: Path, command: str, fmt: str, lang: str
) -> None:
    extra = ["-o", "-"] if command == "report" else []
    text = run(command, "--data", str(termed), "--lang", lang, "-f", fmt, *extra)
    if fmt == "html":
        text = seen(text, fmt)
    assert OWN[lang].findall(text) == []
    assert all(word in text.lower() for word in NEW[lang]), text


def test_a_base_s_terms_do_not_name_the_data_as_it_is_now(termed: Path) -> None:
    text = run("diff", str(termed), str(BUDGETS), "--lang", "da")
    assert "indsats" not in text.lower()


def test_english_articles_follow_the_new_noun() -> None:
    i18n.use_terms({"en": {"initiative": ["action", "actions"], "focus_area": ["goal", "goals"]}})
    assert i18n.t("rule.uncovered.short") == "A goal that no action serves."
    assert i18n.t("critical.sole", initiative="X", areas="Y").startswith(
        "X is the sole action of Y"
    )
    assert i18n.count("critical_initiative", 2) == "2 critical actions"
    # Fields to fill in are never renamed: {initiatives} stays a field.
    assert "{initiatives}" in i18n.MESSAGES["orphans.one"]["en"]
    assert i18n.t("orphans.one", "en", initiatives="2 actions") == "2 actions serves no goal."


def test_danish_determiners_follow_the_gender_of_the_new_noun() -> None:
    i18n.use_terms(
        {
            "da": {
                "initiative": ["indsats", "indsatser", "indsatsen", "indsatserne"],
                "focus_area": ["teknik", "teknikker", "teknikken", "teknikkerne"],
            }
        }
    )
    assert i18n.t("rule.uncovered.short", "da") == "En teknik, som ingen indsats dækker."
    assert i18n.t("rule.critical-sole.short", "da") == (
        "Den eneste indsats for en teknik: uden indsatsen står området udækket."
    )
    assert i18n.t("gaps.none.one", "da", initiatives="2 indsatser") == (
        "Ingen huller: den ene teknik dækkes af mindst 2 indsatser."
    )
    assert i18n.t("critical.sole", "da", initiative="A", areas="B") == (
        "A er den eneste indsats for B: uden denne indsats står de udækkede"
    )
    assert i18n.count("critical_initiative", 1, "da") == "1 kritisk indsats"
    assert i18n.t("col.focus_areas", "da") == "Teknikker"
    assert "teknikkens" in i18n.relabel("fokusområdets minimum", "da")


def test_terms_in_the_data_are_checked_with_their_place(tmp_path: Path) -> None:
    directory = tmp_path / "data"
    shutil.copytree(BUDGETS, directory)
    path = directory / "focus_areas.yaml"
    bad = """\
terms:
  en: {initiative: [detection], focus_area: ["<b>x</b>", techniques]}
  fr: {}
  da: {initiative: [indsats, indsatser, indsatsa, indsatserne], program: [a, b, c, d]}
"""
    path.write_text(path.read_text("utf-8").replace("focus_areas:\n", bad + "focus_areas:\n"))
    result = CliRunner().invoke(app, ["validate", "--data", str(directory)], env=ENV)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "GC207" in line]
    assert len(lines) == 5, result.output
    joined = "\n".join(lines)
    assert "'terms.en.initiative' must list 2 forms: singular, plural, got 1" in joined
    assert "'terms.en.focus_area.0' must be a word" in joined
    assert "unknown language 'fr'" in joined
    assert "must end in -en or -et, got 'indsatsa'" in joined
    assert "unknown noun 'program'" in joined
    assert all(line.startswith(str(path)) for line in lines)


# --- init --lang da ------------------------------------------------------------------------


def test_init_in_danish_writes_a_danish_start_with_an_owner_and_a_budget(tmp_path: Path) -> None:
    directory = tmp_path / "data"
    result = CliRunner().invoke(app, ["init", str(directory), "--lang", "da"], env=ENV)
    assert result.exit_code == 0, result.output
    areas = (directory / "focus_areas.yaml").read_text("utf-8")
    initiatives = (directory / "initiatives.yaml").read_text("utf-8")
    assert "Fokusområderne (mål og udfordringer)" in areas
    assert "owner: vaekstforum" in initiatives
    assert "budget: 1_500_000" in initiatives
    assert "currency: DKK" in initiatives
    comments = " ".join(
        line.partition("#")[2] for line in (areas + initiatives).splitlines() if "#" in line
    )
    assert not re.search(r"\b(?:the|optional|focus areas|served|programmes)\b", comments)
    valid = CliRunner().invoke(app, ["validate", "--data", str(directory)], env=ENV)
    assert valid.exit_code == 0, valid.output
    spend = run("spend", "--data", str(directory), "--lang", "da", "--at", "2025")
    assert "1.900.000,00 DKK" in spend
    # The commented terms: example is valid as it stands, once uncommented.
    uncommented = re.sub(r"^# ( *)(terms:|da:|initiative:|focus_area:)", r"\1\2", areas, flags=re.M)
    (directory / "focus_areas.yaml").write_text(uncommented, "utf-8")
    assert "indsatsområde" in run("gaps", "--data", str(directory), "--lang", "da")
