"""Excel output shared by every command: Chinese headers, frozen header row, readable widths, a filter.

Sheets are written as a stream (openpyxl's write-only mode): a score report can hold hundreds of
thousands of rows, and a workbook built cell by cell in memory takes minutes and gigabytes.
"""
from __future__ import annotations

from itertools import chain, islice
from pathlib import Path
from typing import Any, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_FONT = Font(bold=True)
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
WRAP = Alignment(wrap_text=True, vertical="top")

# Excel cannot show more than this in a cell; longer texts are cut with a marker.
MAX_CELL = 32000
# Column widths are fitted to the first rows; a sheet no longer than this also gets wrapped cells (a
# style on every cell costs more than the values themselves on a sheet of a hundred thousand rows).
SAMPLE_ROWS = 5000


def display_width(text: str) -> int:
    """Given a string, return its width in Excel character units (CJK counts double)."""
    # GB18030 spends two bytes on a Han character or full-width sign and one on ASCII: the same count, in C.
    return len(text.encode("gb18030", "replace"))


def add_sheet(
    wb: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    max_width: int = 60,
) -> None:
    """Append a sheet with a bold frozen header, widths fitted to content and a filter on every column."""
    ws = wb.create_sheet(title=title[:31])
    rows = iter(rows)
    sample = [[_cell_value(v) for v in row] for row in islice(rows, SAMPLE_ROWS)]
    widths = [display_width(str(h)) for h in headers]
    for values in sample:
        for i, v in enumerate(values[:len(widths)]):
            if v is not None:
                widths[i] = max(widths[i], max(display_width(part) for part in str(v).split("\n")))
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(6, min(max_width, width + 2))
    ws.freeze_panes = "A2"
    ws.append([_styled(ws, h, font=HEADER_FONT, fill=HEADER_FILL, alignment=HEADER_ALIGN) for h in headers])
    wrap = len(sample) < SAMPLE_ROWS
    count = 0
    for values in chain(sample, ([_cell_value(v) for v in row] for row in rows)):
        ws.append([_styled(ws, v, alignment=WRAP) for v in values] if wrap else values)
        count += 1
    if count:
        ws.auto_filter.ref = f"A1:{get_column_letter(max(len(headers), 1))}{count + 1}"


def _styled(ws, value: Any, **style) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def _cell_value(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        value = " ▸ ".join(str(v) for v in value if v not in (None, ""))
    if isinstance(value, str) and len(value) > MAX_CELL:
        return value[:MAX_CELL] + "…（已截断）"
    return value


def save(wb: Workbook, path: Path) -> Path:
    """Write the workbook, compressed lightly: level 6 (openpyxl's) costs a second on a large report and
    saves a few percent of its size."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    path.parent.mkdir(parents=True, exist_ok=True)
    with ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True, compresslevel=1) as archive:
        ExcelWriter(wb, archive).save()
    return path
