"""Comma-separated rows inside a text dump: a 自评表 or 细则 saved as CSV by Excel/WPS and kept as .txt.

Excel and WPS write every row of a sheet with the same number of fields (trailing empty cells become
trailing commas), quote a cell that holds a comma, a quote or a line break, and double a quote inside
it. A whole ``.csv`` file is read as one table by the text extractor; this recogniser finds such rows
in any text (a title line above them, a note below) and reads them with the ``csv`` module, so quoted
commas and cells broken over lines stay in their cell.

A run starts at a header row (column names) and goes on while lines read as records of the header's
width; a shorter record counts only when it shows the marks of a saved sheet (an empty field or a
quoted one) or carries the next row number, so a sentence with ASCII commas after the table is not a row.
"""
from __future__ import annotations

import csv
import re

from .grid import Found
from .headers import SERIAL_NAME
from .normal import fold_text
from .tables import RawRow, build_grid, is_header

# A header with fewer fields is a sentence with commas, not a sheet.
MIN_FIELDS = 3
# A quoted cell rarely runs over more lines than this; an unbalanced quote would swallow the rest.
MAX_RECORD_LINES = 12
# A title or form line of a saved sheet leaves this many empty fields at least; prose leaves none.
MIN_EMPTY = 2
_SAVED_MARKS = re.compile(r'(?:^|,)(?:,|"|$)')


def _record(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """Given lines and an index, return the CSV record starting there and the index after it, or None
    when the line holds no comma or a quote stays open too long."""
    if "," not in lines[i]:
        return None
    text = lines[i]
    j = i + 1
    # An odd number of quotes leaves a quoted cell open: its line break is part of the cell.
    while text.count('"') % 2 and j < len(lines) and j - i < MAX_RECORD_LINES:
        text += "\n" + lines[j]
        j += 1
    if text.count('"') % 2:
        return None
    fields = next(csv.reader([text], strict=False), [])
    return fields, j


def _is_row(fields: list[str], raw: str, width: int, serial: int | None, last: int | None) -> bool:
    """Given a record, its raw text, the header's width, its 序号 column and the last row's number, tell
    whether it is a row of the sheet: full width, or shorter with the marks of a saved sheet or with
    the next number in its 序号 column (trailing empty cells trimmed by hand)."""
    if len(fields) == width:
        return True
    if not 2 <= len(fields) < width:
        return False
    return bool(_SAVED_MARKS.search(raw)) or _serial(fields, serial) == (last or 0) + 1


def _serial(fields: list[str], serial: int | None) -> int | None:
    """Given a record and its 序号 column, return the row number written there, or None."""
    if serial is None or serial >= len(fields) or not fields[serial].strip().isdigit():
        return None
    return int(fields[serial].strip())


def csv_row(line: str) -> list[str] | None:
    """Given one line outside a table, return its fields when it reads as a saved sheet's row (a title
    or a form line: several fields, at least two of them empty), else None. Prose with ASCII commas,
    quotes, or a comma where a line wrapped, is no sheet row."""
    found = _record([line], 0)
    if found is None or len(found[0]) < MIN_FIELDS or sum(1 for f in found[0] if not f.strip()) < MIN_EMPTY:
        return None
    return found[0]


def find_csv_table(lines: list[str], start: int) -> Found | None:
    """Given cleaned lines and an index, return the comma-separated table whose header row is there."""
    first = _record(lines, start)
    if first is None or len(first[0]) < MIN_FIELDS or not is_header(first[0]):
        return None
    header, i = first
    serial = next((c for c, name in enumerate(header) if SERIAL_NAME.match(fold_text(name))), None)
    rows = [RawRow(start + 1, header)]
    last = None
    while i < len(lines) and lines[i].strip():
        record = _record(lines, i)
        if record is None or not _is_row(record[0], "\n".join(lines[i:record[1]]), len(header), serial, last):
            break
        if any(f.strip() for f in record[0]):
            rows.append(RawRow(i + 1, record[0]))
            last = _serial(record[0], serial) or last
        i = record[1]
    if len(rows) < 2:
        return Found([], i)
    return Found([build_grid(rows)], i)
