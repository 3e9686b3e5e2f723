"""The message catalogue's .po files: complete, consistent, readable by gettext's tools.

``src/gapcheck/locales/{en,da}.po`` hold every word a person reads; ``gapcheck.po``
reads them and ``gapcheck.i18n`` serves them. A translator edits these files, so a
mistake in one must show up here, by file and line, not as a wrong word in a report.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from components import missing
from gapcheck import i18n
from gapcheck.i18n import LANGS, LOCALES, NOUN_PREFIX
from gapcheck.po import (
    Entry,
    PoError,
    format_entry,
    format_po,
    parse_po,
    placeholders,
    problems,
    read_po,
)

FILES = {lang: LOCALES / f"{lang}.po" for lang in LANGS}


def _catalogues() -> dict[str, list[Entry]]:
    return {lang: read_po(path)[1] for lang, path in FILES.items()}


def test_the_shipped_catalogue_has_no_problems() -> None:
    """Every key in both languages, no empty text, no unknown placeholder, msgid current."""
    catalogues = _catalogues()
    assert problems("en", dict(catalogues)) == []
    assert len(catalogues["en"]) > 250  # the whole catalogue, not a stub
    assert [e.context for e in catalogues["en"]] == [e.context for e in catalogues["da"]]


def test_english_msgstr_is_msgid() -> None:
    """en.po's text is its msgid: the English is written once, and reviewed like Danish."""
    for entry in _catalogues()["en"]:
        assert entry.msgstr == [entry.msgid] + [entry.msgid_plural] * (
            entry.msgid_plural is not None
        )


def test_placeholders_are_flagged_for_msgfmt() -> None:
    """``python-brace-format`` makes ``msgfmt --check`` and Poedit compare placeholders;
    a translation that leaves one out says so (``no-python-brace-format``)."""
    for entry in _catalogues()["da"]:
        has = "{" in entry.msgid
        flagged = {"python-brace-format", "no-python-brace-format"} & set(entry.flags)
        assert bool(flagged) == has, entry.context
        if "no-python-brace-format" in flagged:
            assert set(placeholders(entry.msgstr[0])) < set(placeholders(entry.msgid))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda e: e.remove(next(x for x in e if x.context == "title.gaps")),
            "da.po: no entry for 'title.gaps'",
        ),
        (lambda e: e[-1].msgstr.__setitem__(0, ""), "empty msgstr"),
        (lambda e: e[-1].flags.append("fuzzy"), "marked fuzzy"),
        (lambda e: setattr(e[-1], "msgid", "Run it!"), "msgid is not en.po's text"),
        (
            lambda e: e.append(Entry("only.danish", "x", ["y"])),
            "'only.danish': not in en.po",
        ),
        (
            lambda e: next(x for x in e if x.context == "dataset.at").msgstr.__setitem__(
                0, "{navn}, pr. {year}"
            ),
            "placeholders ['{navn}'] are not in en.po's ['{name}', '{year}']",
        ),
    ],
)
def test_problems_are_found(change: object, expected: str) -> None:
    catalogues = _catalogues()
    change(catalogues["da"])  # type: ignore[operator]
    found = problems("en", dict(catalogues))
    assert any(expected in problem for problem in found), found


def test_writing_and_reading_agree() -> None:
    """format_po then parse_po gives the same entries: the tool's files read back whole."""
    header, entries = read_po(FILES["da"])
    tricky = Entry('say "hi"', 'a \\ backslash, a "quote"\nand a line ' + "long " * 30, ["ok"])
    text = format_po(["a comment"], header, [*entries, tricky])
    read_header, read = parse_po(text, "x.po")
    assert read_header == header
    assert [(e.context, e.msgid, e.msgstr, e.msgid_plural, e.comments, e.flags) for e in read] == [
        (e.context, e.msgid, e.msgstr, e.msgid_plural, e.comments, e.flags)
        for e in [*entries, tricky]
    ]
    assert all(len(line) <= 79 for line in format_entry(tricky).splitlines())


GOOD = 'msgid ""\nmsgstr "Language: da\\n"\n\nmsgctxt "a"\nmsgid "A"\nmsgstr "Å"\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD.replace('msgstr "Å"', 'msgstr "Å'), "x.po:4: cannot read the entry here"),
        (GOOD.replace('msgstr "Å"\n', ""), "x.po:4: cannot read the entry here"),
        (GOOD.replace('msgctxt "a"\n', ""), "x.po:4: an entry without msgctxt"),
        (GOOD + '\nmsgctxt "a"\nmsgid "A"\nmsgstr "B"\n', "x.po:8: msgctxt 'a' again"),
        (GOOD.replace('"Å"', '"\\q"'), "x.po:4: \\q is not an escape"),
        (GOOD.replace('msgstr "Å"', 'msgstr[0] "Å"'), "x.po:4: cannot read the entry here"),
        (
            GOOD.replace('msgstr "Å"', 'msgstr[0] "Å"\nmsgstr[1] "Å"'),
            "x.po:4: 'a': msgid_plural goes with msgstr[0] and msgstr[1]",
        ),
        (GOOD + "\nmsgstr nonsense\n", "x.po:8: cannot read the entry here ('msgstr nonsense')"),
        (GOOD.split("\n\n")[1], "x.po:1: no header"),
    ],
)
def test_a_corrupt_file_names_its_line(text: str, expected: str) -> None:
    assert parse_po(GOOD, "x.po")[1][0].msgstr == ["Å"]
    with pytest.raises(PoError) as raised:
        parse_po(text, "x.po")
    assert expected in str(raised.value)


def _text(lang: str, key: str) -> str:
    return next(e.msgstr[0] for e in read_po(FILES[lang])[1] if e.context == key)


def test_a_corrupt_catalogue_is_a_readable_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """gapcheck itself, given a broken da.po, says which file and line."""
    for lang, path in FILES.items():
        shutil.copy(path, tmp_path / f"{lang}.po")
    broken = tmp_path / "da.po"
    lines = broken.read_text(encoding="utf-8").splitlines()
    at = lines.index('msgctxt "title.gaps"')
    assert lines[at + 2].startswith('msgstr "')
    lines[at + 2] = lines[at + 2].rstrip('"')  # the closing quote forgotten
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES", tmp_path)
    i18n.catalogue.cache_clear()
    try:
        assert i18n.t("title.gaps", "en") == _text("en", "title.gaps")
        with pytest.raises(PoError, match=rf"da\.po:{at + 1}: cannot read the entry here"):
            i18n.t("title.gaps", "da")
    finally:
        i18n.catalogue.cache_clear()


def test_each_language_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import gapcheck.po

    read: list[Path] = []
    real = gapcheck.po.read_po
    monkeypatch.setattr(gapcheck.po, "read_po", lambda path: read.append(path) or real(path))
    i18n.catalogue.cache_clear()
    try:
        for _ in range(3):
            assert i18n.t("title.gaps", "da") == _text("da", "title.gaps")
            assert i18n.count("initiative", 2, "da") == "2 initiativer"
        assert read == [FILES["da"]]
    finally:
        i18n.catalogue.cache_clear()


def test_nouns_and_messages_keep_their_shape() -> None:
    """``NOUNS`` and ``MESSAGES`` are still there for code that wants every language."""
    assert i18n.NOUNS["initiative"] == {
        "en": ("initiative", "initiatives"),
        "da": ("initiativ", "initiativer"),
    }
    assert i18n.MESSAGES["dataset.at"] == {"en": "{name}, as of {year}", "da": "{name}, pr. {year}"}
    assert not any(key.startswith(NOUN_PREFIX) for key in i18n.MESSAGES)
    with pytest.raises(AttributeError):
        i18n.WORDS  # noqa: B018


@pytest.mark.parametrize("lang", LANGS)
def test_msgfmt_accepts_the_files(lang: str) -> None:
    """GNU gettext's own check: syntax, header, plural forms, python-brace-format."""
    if shutil.which("msgfmt") is None:
        missing("msgfmt (GNU gettext) is not installed: apt-get install gettext")
    ran = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(FILES[lang])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert "fuzzy" not in ran.stderr, ran.stderr
    assert "untranslated" not in ran.stderr, ran.stderr


def test_a_translation_may_leave_a_placeholder_out() -> None:
    """The Danish report names no command: leaving ``{command}`` out is no problem."""
    catalogues = _catalogues()
    entry = next(x for x in catalogues["da"] if x.context == "dataset.at")
    entry.msgstr[0] = "pr. {year}"
    assert problems("en", dict(catalogues)) == []
