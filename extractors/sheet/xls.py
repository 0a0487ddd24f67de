"""Legacy Excel 97–2003 (.xls) with xlrd: each sheet becomes the same SheetGrid the XLSX extractor lays out."""
from __future__ import annotations

import struct
from pathlib import Path

from schemas.common import SourceInfo
from schemas.raw import RawDocument

from ..errors import CorruptFile, EncryptedFile
from .grid import Merge, SheetGrid, clamp_merges
from .xlsx import _SheetBuilder
from .xlsx_format import format_value

_HINT = "请在 WPS/Excel 中打开后另存为 .xlsx 再处理"


def _open_book(path: Path):
    """Given an .xls path, return an xlrd book with formatting (merges, number formats) or raise a typed error."""
    import xlrd

    try:
        return xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, ragged_rows=True)
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise EncryptedFile(path.name, "Excel 工作簿已加密，需要密码才能打开", "请在 Excel 中输入密码后另存一份未加密的副本") from exc
        raise CorruptFile(path.name, f"无法读取 Excel（XLS）工作簿（{exc}）", _HINT) from exc
    except (OSError, ValueError, KeyError, IndexError, AssertionError, xlrd.compdoc.CompDocError, struct.error) as exc:
        # xlrd reports damaged BIFF records with whatever exception the parser happens to hit.
        raise CorruptFile(path.name, f"Excel（XLS）文件已损坏（{type(exc).__name__}）", _HINT) from exc


def read_sheet(book, sheet) -> SheetGrid:
    """Given an xlrd book and sheet, collect its displayed values, merges and header rows (1-based)."""
    import xlrd

    values: dict[tuple[int, int], str] = {}
    for r in range(sheet.nrows):
        # Ragged rows: a row is as long as its last cell, not as the widest row of the sheet.
        for c, cell in enumerate(sheet.row_slice(r, 0, sheet.row_len(r))):
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                continue
            value = cell.value
            if cell.ctype == xlrd.XL_CELL_DATE:
                value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                value = bool(value)
            text = format_value(value, _number_format(book, sheet, r, c))
            if text:
                values[(r + 1, c + 1)] = text
    # xlrd ranges are 0-based and half-open: (first row, row after last, first col, col after last).
    merges = {(r0 + 1, c0 + 1): Merge(r0 + 1, c0 + 1, r1, c1) for r0, r1, c0, c1 in sheet.merged_cells}
    return SheetGrid(sheet.name, values, clamp_merges(values, merges), _header_rows(book, sheet))


def _number_format(book, sheet, r: int, c: int) -> str | None:
    """Given a cell position, return its number format string ("0.0", "0%" …), if recorded."""
    xf = book.xf_list[sheet.cell_xf_index(r, c)]
    fmt = book.format_map.get(xf.format_key)
    return fmt.format_str if fmt else None


def _header_rows(book, sheet) -> set[int]:
    """Given a sheet, return the 1-based rows it repeats when printing, else those frozen on screen."""
    index = book.sheet_names().index(sheet.name)
    rows: set[int] = set()
    for name in book.name_obj_list:
        if name.scope != index or name.name.lower() not in ("print_titles", "_xlnm.print_titles"):
            continue
        try:
            _, r0, r1, _, _ = name.area2d()
        except Exception:  # xlrd raises bare XLRDError/ValueError for names that are not one plain area
            continue
        rows.update(range(r0 + 1, r1 + 1))
    if not rows and sheet.panes_are_frozen:
        rows.update(range(1, sheet.horz_split_pos + 1))
    return rows


def extract_xls(path: Path, source: SourceInfo) -> RawDocument:
    """Given an .xls path, return its RawDocument: per visible sheet, title blocks and tables."""
    path = Path(path)
    book = _open_book(path)
    builder = _SheetBuilder(source.file)
    notes: list[str] = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.visibility != 0:
                notes.append(f"已跳过隐藏的工作表“{sheet.name}”")
                continue
            grid = read_sheet(book, sheet)
            if grid.values:
                builder.add_sheet(grid)
    finally:
        book.release_resources()
    if not builder.body:
        notes.append("工作簿中没有任何内容")
    return RawDocument(source=source, body=builder.body, warnings=notes)
