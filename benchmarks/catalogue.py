"""What reading the message catalogue costs a process, one way against another.

    python benchmarks/catalogue.py [--runs 15] [--dict-form FILE]

Each way runs in a fresh process (bytecode cached, after an unmeasured warm-up) that
has imported typer (as every command has: ``re``, ``dataclasses`` and ``gettext`` come
with it), then times, from inside, the import of what the way needs and the reading
of the catalogue (``--langs``: English, as one run reads; ``en,da`` for both); the
figure is the median CPU time over the runs, in milliseconds. The ways:

- ``gapcheck.po``: gapcheck's own reader of the ``.po`` subset it writes (what
  ``gapcheck.i18n`` uses);
- ``polib`` and ``babel``: ``polib.pofile`` and ``babel.messages.pofile.read_po``
  (measured when installed: ``pip install polib babel``);
- ``gettext .mo``: the files compiled by ``msgfmt`` beforehand (as a build hook would),
  read by the standard library's ``gettext.GNUTranslations``;
- ``dict module``: the catalogue as Python dictionaries (``--dict-form``: an
  ``i18n.py`` of before the ``.po`` files, e.g. from ``git show REV:src/gapcheck/i18n.py``).
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "src" / "gapcheck" / "locales"
TIMED = """
import sys, time
import typer  # imported by every command before its first word: re, dataclasses, gettext
start = time.process_time()
LANGS = {langs!r}
{body}
print((time.process_time() - start) * 1000)
"""
WAYS = {
    "gapcheck.po (own reader)": """
from gapcheck.po import read_po
from pathlib import Path
words = {{lang: read_po(Path({locales!r}) / f"{{lang}}.po") for lang in LANGS}}
""",
    "polib": """
import polib
words = {{lang: {{e.msgctxt: e.msgstr for e in polib.pofile({locales!r} + f"/{{lang}}.po")}}
         for lang in LANGS}}
""",
    "babel read_po": """
from babel.messages.pofile import read_po
words = {{}}
for lang in LANGS:
    with open({locales!r} + f"/{{lang}}.po", "rb") as file:
        words[lang] = {{(m.context, m.id): m.string for m in read_po(file)}}
""",
    "gettext .mo (compiled at build)": """
import gettext
words = {{}}
for lang in LANGS:
    with open({mo!r} + f"/{{lang}}.mo", "rb") as file:
        words[lang] = gettext.GNUTranslations(file)
""",
    "dict module (i18n.py before)": """
sys.path.insert(0, {dict_dir!r})
import i18n_dict
words = i18n_dict.MESSAGES
""",
}


def median_ms(body: str, runs: int, path: str, langs: tuple[str, ...]) -> float:
    code = TIMED.format(body=body, langs=langs)
    env = {"PYTHONPATH": path}
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, env=env)
    return statistics.median(
        float(
            subprocess.run(
                [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
            ).stdout
        )
        for _ in range(runs)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--dict-form", type=Path, help="an i18n.py of the dictionary form")
    parser.add_argument("--langs", default="en", help="languages read (default en, as a run)")
    args = parser.parse_args()
    langs = tuple(args.langs.split(","))
    with tempfile.TemporaryDirectory() as work:
        values = {"locales": str(LOCALES), "mo": work, "dict_dir": work}
        available = {
            "polib": importlib.util.find_spec("polib") is not None,
            "babel read_po": importlib.util.find_spec("babel") is not None,
            "gettext .mo (compiled at build)": shutil.which("msgfmt") is not None,
            "dict module (i18n.py before)": args.dict_form is not None,
        }
        for lang in ("en", "da") * available["gettext .mo (compiled at build)"]:
            mo = f"{work}/{lang}.mo"
            subprocess.run(["msgfmt", "-o", mo, str(LOCALES / f"{lang}.po")], check=True)
        if args.dict_form:
            shutil.copy(args.dict_form, Path(work) / "i18n_dict.py")
        print(f"{'way (' + args.langs + ', import included)':40} {'cpu ms':>7}")
        for name, body in WAYS.items():
            if not available.get(name, True):
                print(f"{name:40} {'-':>7}  (not available)")
                continue
            ms = median_ms(body.format(**values), args.runs, str(ROOT / "src"), langs)
            print(f"{name:40} {ms:7.2f}")


if __name__ == "__main__":
    main()
