"""``gapcheck import`` of hostile workbooks and CSV files: wall time, CPU and peak memory.

    python benchmarks/import_hostile.py [--out DIR]

Builds each file of issue 18, item 3 (and the worst cases at import's limits) in
``benchmarks/out/hostile/`` and runs ``python -m gapcheck import FILE --to DIR`` on
each as a fresh subprocess, printing its exit code, wall time, CPU time (user +
system, which the machine's load changes less), peak memory (max RSS, of that child
alone) and the first line it wrote to stderr. Results: docs/performance.md, "Import
of hostile files".
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = (
    '<row r="1"><c r="B1" t="inlineStr"><is><t>Export</t></is></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>Council</t></is></c>'
    '<c r="B2" t="inlineStr"><is><t>X</t></is></c></row>'
)
MIB = 1024**2
SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{SHEET}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SHEET}.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml"'
    f' ContentType="{SHEET}.sharedStrings+xml"/></Types>'
)


def workbook(
    path: Path, rows: Iterable[str], strings: Iterable[str] = (), before: str = ""
) -> Path:
    """An XLSX file written part by part (as no spreadsheet program would write it);
    ``before`` comes before the sheet's root element."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/officeDocument"'
            ' Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{RELS}">'
            f'<Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>",
        )
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as stream:
            stream.write(f'<sst xmlns="{MAIN}">'.encode())
            for text in strings:
                stream.write(b"<si><t>" + text.encode() + b"</t></si>")
            stream.write(b"</sst>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as stream:
            stream.write(f'{before}<worksheet xmlns="{MAIN}"><sheetData>'.encode())
            for row in rows:
                stream.write(row.encode())
            stream.write(b"</sheetData></worksheet>")
    return path


def far_empty(path: Path) -> None:  # as openpyxl writes it
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([None, "Export"])
    sheet.append(["Council", "X"])
    sheet.cell(row=50_000, column=400).font = Font(bold=True)
    book.save(path)


def formula(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([None, "Export", "Talent"])
    sheet.append(["Council", "X", '=IF(1,"X","")'])
    book.save(path)


def dense(path: Path) -> None:
    """1,790 x 691, every cell marked (shared strings): 1.24 million filled cells."""
    from openpyxl.utils import get_column_letter

    names = [get_column_letter(c) for c in range(1, 693)]  # names[c]: column c + 1

    def rows() -> Iterable[str]:
        yield (
            '<row r="1">'
            + "".join(f'<c r="{names[c]}1" t="s"><v>{c}</v></c>' for c in range(1, 692))
            + "</row>"
        )
        for r in range(2, 1792):
            cells = "".join(f'<c r="{names[c]}{r}" t="s"><v>0</v></c>' for c in range(1, 692))
            yield f'<row r="{r}"><c r="A{r}" t="s"><v>{690 + r}</v></c>{cells}</row>'

    strings = ["X"] + [f"Area {c}" for c in range(1, 692)] + [f"I{r}" for r in range(2, 1792)]
    workbook(path, rows(), strings)


CASES: dict[str, Callable[[Path], None]] = {
    "far-empty-cell.xlsx": far_empty,
    "far-filled-cell.xlsx": lambda p: workbook(
        p, [HEAD, '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>']
    ),
    "cell-50-mib.xlsx": lambda p: workbook(
        p,
        [HEAD, '<row r="3"><c r="C3" t="inlineStr"><is><t>', "a" * 50 * MIB, "</t></is></c></row>"],
    ),
    "string-300-mib.xlsx": lambda p: workbook(
        p, [HEAD, '<row r="3"><c r="C3" t="s"><v>0</v></c></row>'], ["a" * 300 * MIB]
    ),
    "formula-no-value.xlsx": formula,
    "empty-cells-5m.xlsx": lambda p: workbook(
        p, [HEAD] + [f'<row r="{r}">' + "<c/>" * 400 + "</row>" for r in range(3, 15_003)]
    ),
    "dense-1790x691.xlsx": dense,
    "wide-blank.csv": lambda p: p.write_text("x" + "," * 16_000 + "\n" + "\n" * 16_000),
    "blank-lines-120-mib.csv": lambda p: p.write_text("\n" * 120 * MIB),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "hostile")
    parser.add_argument("--build", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.build:  # in a child, so that this process stays small for the children it times
        CASES[args.build](args.out / args.build)
        return
    src = Path(__file__).resolve().parents[1] / "src"
    env = {**os.environ, "PYTHONPATH": str(src), "NO_COLOR": "1"}
    for name in CASES:
        path = args.out / name
        if not path.exists():
            build = [sys.executable, __file__, "--out", str(args.out), "--build", name]
            subprocess.run(build, check=True)
        target = args.out / "imported"
        shutil.rmtree(target, ignore_errors=True)
        start = time.perf_counter()
        with tempfile.TemporaryFile("w+") as stderr:
            child = subprocess.Popen(
                [sys.executable, "-m", "gapcheck", "import", str(path), "--to", str(target)],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                env=env,
            )
            _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage
            wall = time.perf_counter() - start
            stderr.seek(0)
            text = stderr.read()
        code = os.waitstatus_to_exitcode(status)
        cpu = usage.ru_utime + usage.ru_stime
        first = (text.splitlines() or [""])[0].replace(str(args.out) + "/", "")
        print(
            f"{name:24} {path.stat().st_size:>11,} B  exit {code}  {wall:6.2f} s"
            f"  cpu {cpu:5.2f} s  {usage.ru_maxrss // 1024:4} MB  {first[:90]}"
        )


if __name__ == "__main__":
    main()
