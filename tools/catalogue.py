"""Write and check the message catalogue: ``src/gapcheck/locales/{en,da}.po``.

    python tools/catalogue.py dump [--rev REV | --file PATH] [--since BASE]
    python tools/catalogue.py check [--msgfmt]

``dump`` turns the dictionary form of the catalogue (``MESSAGES`` and ``NOUNS`` in a
``gapcheck/i18n.py`` of before the ``.po`` files: at git revision REV, default HEAD,
or in the file PATH) into the ``.po`` files, in the dictionaries' order. ``#.``
comments come from the Python comments above each key, from gapcheck's rules (counted
nouns, ``.one`` variants) and from the ``.po`` files already there (a translator's
notes are kept). With ``--since BASE`` (a git revision of the dictionary form, e.g.
the merge base of a branch that still adds words to the dictionaries), only the
entries that changed between BASE and REV are written into the files as they are;
every other entry stays.

``check`` reads the files as gapcheck does and lists what is wrong: a key missing in
a language, an empty text, placeholders that differ, a ``msgid`` that is not the
current English, a fuzzy entry; ``--msgfmt`` also runs GNU gettext's ``msgfmt
--check`` on each file. Exit 0 when all is well, 1 when not.
"""

from __future__ import annotations

import argparse
import ast
import io
import shutil
import subprocess
import sys
import tokenize
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gapcheck.i18n import LANGS, LOCALES, NOUN_PREFIX  # noqa: E402
from gapcheck.po import Entry, PoError, format_po, placeholders, problems, read_po  # noqa: E402

LANGUAGE_NAMES = {"en": "English", "da": "Danish"}
PREAMBLE = [
    "{language} words of gapcheck: every heading, label and sentence a person reads.",
    "",
    "msgctxt is the message's key in the code, msgid the English text, msgstr the",
    "{language} text. Placeholders in braces ({{year}}, {{name}}, {{span:,}}) are filled in",
    "by gapcheck: keep each one, written exactly so, wherever the sentence needs it.",
    "A counted phrase arrives whole, number and noun ('3 initiativer'): the nouns are",
    "the entries with msgid_plural (the singular after exactly 1, the plural after 0",
    "and any other number); a key ending in .one is the variant for exactly 1.",
    "Check after editing: python tools/catalogue.py check (docs/architecture.md).",
]
HEADER = {
    "Project-Id-Version": "gapcheck",
    "PO-Revision-Date": "{date}",
    "Last-Translator": "gapcheck developers",
    "Language-Team": "{language}",
    "Language": "{lang}",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}
NOUN_NOTE = "Counted: the singular after exactly 1, the plural after 0 and any other number."


def dict_source(rev: str | None, file: Path | None) -> tuple[str, str]:
    """The text of the dictionary-form ``i18n.py`` and a name for it."""
    if file is not None:
        return file.read_text(encoding="utf-8"), str(file)
    name = f"{rev}:src/gapcheck/i18n.py"
    shown = subprocess.run(
        ["git", "-C", str(ROOT), "show", name], capture_output=True, text=True, check=False
    )
    if shown.returncode != 0:
        sys.exit(f"catalogue: git show {name} failed: {shown.stderr.strip()}")
    return shown.stdout, name


def key_comments(source: str) -> dict[str, list[str]]:
    """The ``#`` comment lines right above each message or noun key of ``source``."""
    comment_lines = {
        token.start[0]: token.string.lstrip("#").strip()
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT and token.line.strip().startswith("#")
    }
    keys: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            keys += [
                (key.value, key.lineno)
                for key in node.keys
                if isinstance(key, ast.Constant) and isinstance(key.value, str)
            ]
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            keys.append((str(node.slice.value), node.lineno))
    found: dict[str, list[str]] = {}
    for key, line in keys:
        above: list[str] = []
        while line - 1 - len(above) in comment_lines:
            above.insert(0, comment_lines[line - 1 - len(above)])
        if above:
            found.setdefault(key, above)
    return found


def dict_catalogue(source: str, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """``MESSAGES`` and ``NOUNS`` of the dictionary-form ``source``."""
    assigned = {
        target.id
        for node in ast.parse(source).body
        if isinstance(node, ast.AnnAssign | ast.Assign) and isinstance(node.value, ast.Dict)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }
    if not {"MESSAGES", "NOUNS"} <= assigned:
        sys.exit(
            f"catalogue: {name} has no MESSAGES and NOUNS dictionaries: it is not the"
            " dictionary form (the .po files are the catalogue since then)"
        )
    namespace: dict[str, Any] = {"__name__": "gapcheck_i18n_dict"}
    exec(compile(source, name, "exec"), namespace)  # our own source, at a revision of ours
    messages, nouns = namespace["MESSAGES"], namespace["NOUNS"]
    return messages, nouns


def revision_date(lang: str) -> str:
    """The ``PO-Revision-Date`` of the file there (a translator's tool sets it), or now."""
    path = LOCALES / f"{lang}.po"
    if path.exists():
        date = read_po(path)[0].get("PO-Revision-Date")
        if date:
            return date
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")


def kept_comments(lang: str) -> dict[str, list[str]]:
    """The ``#.`` comments of the ``.po`` file of ``lang`` already there, by key."""
    path = LOCALES / f"{lang}.po"
    if not path.exists():
        return {}
    return {entry.context: entry.comments for entry in read_po(path)[1]}


def entries(
    lang: str, messages: dict[str, Any], nouns: dict[str, Any], notes: dict[str, list[str]]
) -> list[Entry]:
    """The entries of ``lang``: nouns first, then messages, each in its dictionary's order."""
    kept = kept_comments(lang)

    def comments(key: str, *generated: str) -> list[str]:
        found = [*notes.get(key, []), *generated]
        return found + [line for line in kept.get(key, []) if line not in found]

    made = [
        Entry(
            NOUN_PREFIX + key,
            forms["en"][0],
            list(forms[lang]),
            forms["en"][1],
            comments(NOUN_PREFIX + key, NOUN_NOTE),
        )
        for key, forms in nouns.items()
    ]
    for key, texts in messages.items():
        one = f"Used for exactly 1; otherwise {key.removesuffix('.one')}." * key.endswith(".one")
        made.append(
            Entry(
                key,
                texts["en"],
                [texts[lang]],
                comments=comments(key, *[one] * bool(one)),
                flags=format_flags(texts["en"], texts[lang]),
            )
        )
    return made


def format_flags(english: str, text: str) -> list[str]:
    """``python-brace-format`` where the text has placeholders; a translation that leaves
    one out (the Danish report names no command or folder) is marked
    ``no-python-brace-format``, so that msgfmt does not demand it; ``check`` still
    refuses a placeholder the English lacks."""
    if not placeholders(english):
        return []
    if set(placeholders(text)) == set(placeholders(english)):
        return ["python-brace-format"]
    return ["no-python-brace-format"]


def dict_entries(rev: str | None, file: Path | None) -> tuple[dict[str, list[Entry]], str]:
    """The entries of each language, from the dictionary form at ``rev`` or in ``file``."""
    source, name = dict_source(rev, file)
    messages, nouns = dict_catalogue(source, name)
    notes = key_comments(source)
    for key in nouns:
        notes[NOUN_PREFIX + key] = notes.pop(key, [])
    return {lang: entries(lang, messages, nouns, notes) for lang in LANGS}, name


def _texts(entry: Entry) -> tuple[str, str | None, list[str]]:
    return entry.msgid, entry.msgid_plural, entry.msgstr


def changes_only(
    made: dict[str, list[Entry]], since: str, name: str
) -> tuple[dict[str, list[Entry]], str]:
    """The ``.po`` files there with only what ``made`` changed since revision ``since``.

    For a branch still in the dictionary form, merged after the ``.po`` files: its new
    and changed words go in, its removed ones go out, every other entry stays as the
    files have it (a fix made there since is not undone).
    """
    before, _ = dict_entries(since, None)
    changed: set[str] = set()
    for lang in LANGS:
        old = {entry.context: _texts(entry) for entry in before[lang]}
        changed |= {
            entry.context for entry in made[lang] if old.get(entry.context) != _texts(entry)
        }
    removed = {e.context for e in before["en"]} - {e.context for e in made["en"]}
    result: dict[str, list[Entry]] = {}
    for lang in LANGS:
        new = {entry.context: entry for entry in made[lang]}
        there = read_po(LOCALES / f"{lang}.po")[1]
        kept = [new[e.context] if e.context in changed else e for e in there]
        known = {e.context for e in there}
        result[lang] = [e for e in kept if e.context not in removed] + [
            entry for entry in made[lang] if entry.context in changed - known
        ]
    summary = f"{len(changed)} changed or new, {len(removed)} removed since {since}, from {name}"
    return result, summary


def dump(rev: str | None, file: Path | None, since: str | None) -> int:
    made, name = dict_entries(rev, file)
    summary = f"every entry from {name}"
    if since is not None:
        made, summary = changes_only(made, since, name)
    LOCALES.mkdir(exist_ok=True)
    for lang in LANGS:
        language = LANGUAGE_NAMES[lang]
        text = format_po(
            [line.format(language=language) for line in PREAMBLE],
            {
                key: value.format(lang=lang, language=language, date=revision_date(lang))
                for key, value in HEADER.items()
            },
            made[lang],
        )
        (LOCALES / f"{lang}.po").write_text(text, encoding="utf-8")
    print(f"catalogue: wrote {LOCALES.relative_to(ROOT)}/{{{','.join(LANGS)}}}.po: {summary}")
    return check(msgfmt=False)


def check(msgfmt: bool) -> int:
    try:
        catalogues = {lang: read_po(LOCALES / f"{lang}.po")[1] for lang in LANGS}
    except PoError as error:
        print(f"catalogue: {error}", file=sys.stderr)
        return 1
    found = problems("en", dict(catalogues))
    if msgfmt:
        if shutil.which("msgfmt") is None:
            found.append("msgfmt not found: apt-get install gettext")
        for lang in LANGS * (shutil.which("msgfmt") is not None):
            ran = subprocess.run(
                ["msgfmt", "--check", "-o", "/dev/null", str(LOCALES / f"{lang}.po")],
                capture_output=True,
                text=True,
                check=False,
            )
            found += [line for line in ran.stderr.splitlines() if ran.returncode != 0]
    for problem in found:
        print(f"catalogue: {problem}", file=sys.stderr)
    counts = ", ".join(f"{len(entries)} in {lang}.po" for lang, entries in catalogues.items())
    print(f"catalogue: {counts}: " + (f"{len(found)} problems" if found else "all well"))
    return 1 if found else 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump", help="write the .po files from the dictionary form")
    where = dumping.add_mutually_exclusive_group()
    where.add_argument("--rev", default="HEAD", help="git revision of i18n.py (default HEAD)")
    where.add_argument("--file", type=Path, help="an i18n.py file of the dictionary form")
    dumping.add_argument(
        "--since",
        metavar="BASE",
        help="write only what changed between BASE and REV (a branch merged after the .po files)",
    )
    checking = commands.add_parser("check", help="check the .po files")
    checking.add_argument("--msgfmt", action="store_true", help="also run msgfmt --check")
    args = parser.parse_args()
    if args.command == "dump":
        sys.exit(dump(None if args.file else args.rev, args.file, args.since))
    sys.exit(check(args.msgfmt))


if __name__ == "__main__":
    main()
