"""Excel output shared by every command: Chinese headers, frozen header row, readable widths."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_FONT = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")

# Excel cannot show more than this in a cell; longer texts are cut with a marker.
MAX_CELL = 32000


def display_width(text: str) -> int:
    """Given a string, return its width in Excel character units (CJK counts double)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def add_sheet(
    wb: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    max_width: int = 60,
) -> None:
    """Append a sheet with a bold frozen header, wrapped cells and widths fitted to content."""
    ws = wb.create_sheet(title=title[:31])
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [display_width(str(h)) for h in headers]
    for row in rows:
        values = [_cell_value(v) for v in row]
        ws.append(values)
        for i, v in enumerate(values):
            if v is not None:
                longest = max((display_width(part) for part in str(v).split("\n")), default=0)
                widths[i] = max(widths[i], longest)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(6, min(max_width, width + 2))
    ws.freeze_panes = "A2"
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions


def new_workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def _cell_value(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        value = " ▸ ".join(str(v) for v in value if v not in (None, ""))
    if isinstance(value, str) and len(value) > MAX_CELL:
        return value[:MAX_CELL] + "…（已截断）"
    return value


def save(wb: Workbook, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
