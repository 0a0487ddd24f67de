"""XLSX parts read directly with the safe OOXML parser (no DTD, no entities, bounded parts): the
workbook's sheets, shared strings, number formats, and each sheet's real cells and merges.

Only cells present in the file are read, and merges are clamped to them: a sheet whose dimension
or merge claims all 17 billion positions costs what its few cells cost.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import CorruptFile, TooLarge
from ..limits import MAX_TABLE_CELLS
from ..ooxml_safe import read_xml, relations
from .grid import Merge, SheetGrid, clamp_merges
from .xlsx_format import format_value

S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MAX_ROW, MAX_COL = 1_048_576, 16_384
# Every sheet of a workbook together: a scheme workbook has a few thousand cells.
MAX_WORKBOOK_CELLS = 4 * MAX_TABLE_CELLS
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_ROWS = re.compile(r"\$?(\d+):\$?(\d+)")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_HINT = "请在 WPS/Excel 中打开后重新另存为 .xlsx 再处理"


@dataclass
class SheetRef:
    name: str
    part: str | None
    visible: bool


@dataclass
class Workbook:
    sheets: list[SheetRef]
    strings: list[str]
    formats: list[str | None]  # cellXfs index → number format code
    date1904: bool
    print_rows: dict[int, set[int]]  # sheet index → rows repeated when printing


def cell_position(ref: str | None) -> tuple[int, int] | None:
    """Given 'B12', return (12, 2); None for anything that is not a cell inside the sheet grid."""
    m = _REF.match(ref or "")
    if not m:
        return None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    row = int(m.group(2))
    return (row, col) if 1 <= row <= MAX_ROW and 1 <= col <= MAX_COL else None


def read_workbook(zf, main: str, path: Path) -> Workbook:
    """Given the open package and its workbook part, return sheets, strings, formats and print titles."""
    root = read_xml(zf, main, path)
    by_id = _relations_by_id(zf, main, path)
    kinds = relations(zf, main, path)
    sheets = []
    for el in root.iterfind(f"{S}sheets/{S}sheet"):
        sheets.append(SheetRef(el.get("name") or "", by_id.get(el.get(R_ID) or ""),
                               (el.get("state") or "visible") == "visible"))
    pr = root.find(f"{S}workbookPr")
    date1904 = pr is not None and (pr.get("date1904") or "").lower() in ("1", "true")
    strings = _shared_strings(read_xml(zf, kinds["sharedStrings"], path)) if "sharedStrings" in kinds else []
    formats = _formats(read_xml(zf, kinds["styles"], path)) if "styles" in kinds else []
    return Workbook(sheets, strings, formats, date1904, _print_rows(root))


def _relations_by_id(zf, part: str, path: Path) -> dict[str, str]:
    """Given a part, return {relationship id: target part} from its .rels."""
    folder, base = posixpath.split(part)
    root = read_xml(zf, posixpath.join(folder, "_rels", f"{base}.rels"), path)
    out: dict[str, str] = {}
    for rel in root if root is not None else []:
        target = rel.get("Target") or ""
        if target and rel.get("TargetMode") != "External":
            out[rel.get("Id") or ""] = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(folder, target))
    return out


def _text(el: etree._Element) -> str:
    """Given an <si> or <is>, return its text (rich-text runs joined, phonetic guides left out)."""
    return unescape("".join(t.text or "" for t in el.iter(f"{S}t") if t.getparent().tag != f"{S}rPh"))


def unescape(text: str) -> str:
    """Given spreadsheet text, turn the _xHHHH_ escapes Excel writes for characters XML cannot hold
    (a carriage return is _x000D_) back into characters."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _shared_strings(root: etree._Element | None) -> list[str]:
    return [] if root is None else [_text(si) for si in root.iterfind(f"{S}si")]


def _formats(root: etree._Element | None) -> list[str | None]:
    """Given styles.xml, return each cell style's number format code."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    if root is None:
        return []
    custom = {}
    for fmt in root.iterfind(f"{S}numFmts/{S}numFmt"):
        try:
            custom[int(fmt.get("numFmtId") or "")] = fmt.get("formatCode")
        except ValueError:
            continue
    out = []
    for xf in root.iterfind(f"{S}cellXfs/{S}xf"):
        try:
            num = int(xf.get("numFmtId") or 0)
        except ValueError:
            num = 0
        out.append(custom.get(num, BUILTIN_FORMATS.get(num)))
    return out


def _print_rows(root: etree._Element) -> dict[int, set[int]]:
    """Given workbook.xml, return the print-title rows of each sheet (by index)."""
    out: dict[int, set[int]] = {}
    for name in root.iterfind(f"{S}definedNames/{S}definedName"):
        if (name.get("name") or "").lower() != "_xlnm.print_titles":
            continue
        try:
            index = int(name.get("localSheetId") or "")
        except ValueError:
            continue
        m = _ROWS.search(name.text or "")
        if m and int(m.group(1)) <= int(m.group(2)) <= MAX_ROW:
            out.setdefault(index, set()).update(range(int(m.group(1)), int(m.group(2)) + 1))
    return out


def read_sheet(zf, sheet: SheetRef, index: int, book: Workbook, path: Path, file: str, budget: list[int]) -> SheetGrid:
    """Given a sheet, return its displayed values (only cells present), merges and header rows.

    ``budget`` holds the cells the workbook may still have; past it the file is refused.
    """
    root = read_xml(zf, sheet.part, path) if sheet.part else None
    if root is None:
        return SheetGrid(sheet.name, {}, {}, set())
    values: dict[tuple[int, int], str] = {}
    for row_el in root.iterfind(f"{S}sheetData/{S}row"):
        try:
            row = int(row_el.get("r") or 0)
        except ValueError:
            row = 0
        col = 0
        for c in row_el.iterfind(f"{S}c"):
            pos = cell_position(c.get("r"))
            if pos is None:  # no (or a bad) reference: the cell after the previous one in its row
                pos = (row, col + 1) if 1 <= row <= MAX_ROW and col < MAX_COL else None
            if pos is None:
                continue
            col = pos[1]
            text = _cell_text(c, book)
            if text:
                values[pos] = text
                budget[0] -= 1
                if budget[0] < 0:
                    raise TooLarge(file, f"工作簿中的单元格过多（工作表“{sheet.name}”处超过上限 {MAX_WORKBOOK_CELLS} 个）",
                                   "该文件可能是恶意构造的或并非考评文件；如确需处理，请拆分后再试")
    merges = {}
    for m in root.iterfind(f"{S}mergeCells/{S}mergeCell"):
        a, _, b = (m.get("ref") or "").partition(":")
        first, last = cell_position(a), cell_position(b or a)
        if first and last:
            top, bottom = sorted((first[0], last[0]))
            left, right = sorted((first[1], last[1]))
            merges[(top, left)] = Merge(top, left, bottom, right)
    header = set(book.print_rows.get(index, set())) or _frozen_rows(root)
    return SheetGrid(sheet.name, values, clamp_merges(values, merges), header)


def _frozen_rows(root: etree._Element) -> set[int]:
    pane = root.find(f"{S}sheetViews/{S}sheetView/{S}pane")
    if pane is None or pane.get("state") not in ("frozen", "frozenSplit"):
        return set()
    try:
        rows = int(float(pane.get("ySplit") or 0))
    except ValueError:
        return set()
    return set(range(1, min(rows, 100) + 1))


def _cell_text(c: etree._Element, book: Workbook) -> str:
    """Given a <c>, return the text the sheet displays for it."""
    kind = c.get("t") or "n"
    if kind == "inlineStr":
        inline = c.find(f"{S}is")
        return format_value(_text(inline) if inline is not None else "", None)
    v = c.find(f"{S}v")
    raw = v.text if v is not None else None
    if raw is None or kind == "e":
        return ""
    if kind == "s":
        try:
            return format_value(book.strings[int(raw)], None)
        except (ValueError, IndexError):
            return ""
    if kind in ("str", "d"):
        return format_value(unescape(raw), None)
    if kind == "b":
        return format_value(raw.strip() in ("1", "true"), None)
    try:
        number: float | int = float(raw)
    except ValueError:
        return format_value(raw, None)
    if number.is_integer() and abs(number) < 1e15:
        number = int(number)
    try:
        fmt = book.formats[int(c.get("s") or 0)]
    except (ValueError, IndexError):
        fmt = None
    return format_value(_as_date(number, fmt, book.date1904), fmt)


def _as_date(number: float, fmt: str | None, date1904: bool):
    """Given a cell number and its format, return a datetime when the format shows a date."""
    from openpyxl.styles.numbers import is_date_format
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

    if not fmt or not is_date_format(fmt) or not 0 <= number < 2_958_466:  # 9999-12-31
        return number
    try:
        return from_excel(number, CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900)
    except (ValueError, OverflowError):
        return number


def open_error(path: Path, exc: Exception) -> CorruptFile:
    return CorruptFile(str(path), f"无法读取 Excel（XLSX）工作簿（{type(exc).__name__}: {exc}）", _HINT)
