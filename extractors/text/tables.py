"""Delimited tables in text dumps (tab-separated or |pipe| rows) laid out on a grid with spans.

Conventions, shared with the DOCX extractor: a merged cell appears once, at its top-left, with
row_span/col_span. A dump writes a vertically merged cell once and leaves the rows below it
empty; in a grouping column (事项/类别/科室/部门… or a mostly empty first column) such an empty
cell extends the cell above (row_span) instead of becoming a cell of its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .decode import clean_cell, is_blank
from .grid import Cell, Found, Grid, squash
from .headers import GROUPING_NAME, SERIAL_NAME, is_header_name
from .normal import fold_text

_REMARK = re.compile(r"^(备注|说明|注)[:：]?$")
_LIST_MARK = re.compile(r"^[（(]?[\d一二三四五六七八九十]{1,3}[）)]?[.、．]?$")
_SERIAL = re.compile(r"^\d{1,3}$")
_HEADER_SHARE = 0.6
_BANNER_MIN_COLS = 3


@dataclass
class RawRow:
    """One delimited line: its 1-based line number and its cells as written."""

    line: int
    cells: list[str]


def split_row(line: str) -> list[str] | None:
    """Given a cleaned line, return its cells when it is a tab or |pipe| row, else None."""
    if "\t" in line:
        return line.split("\t")
    stripped = line.strip()
    if len(stripped) > 2 and stripped.startswith("|") and stripped.endswith("|"):
        return stripped[1:-1].split("|")
    return None


def is_header(cells: list[str]) -> bool:
    """Given a row's cells, tell whether they read as column names."""
    names = [fold_text(c) for c in cells if c.strip()]
    if len(names) < 2:
        return False
    hits = sum(1 for n in names if is_header_name(n))
    return hits / len(names) >= _HEADER_SHARE


def is_prose_run(rows: list[RawRow]) -> bool:
    """Given a delimited run, tell whether it is prose: one lone row, or numbers followed by a tab."""
    if len(rows) == 1:
        return not is_header(rows[0].cells)
    return all(
        sum(1 for c in r.cells if c.strip()) <= 2 and _LIST_MARK.match(r.cells[0].strip()) for r in rows
    )


def is_banner(cells: list[str]) -> bool:
    """Given a row's cells, tell whether only the first holds text across a wide row (title/section)."""
    return len(cells) >= _BANNER_MIN_COLS and bool(cells[0].strip()) and not any(c.strip() for c in cells[1:])


# A banner written on a line of its own (between rows a layout counts) is a short label, never a sentence.
BANNER_LABEL_MAX = 30
_SENTENCE_END = re.compile(r"[。；;：:]$")


def is_banner_label(text: str) -> bool:
    """Given a line of its own between table rows, tell whether it reads as a banner: a short label that
    does not end a sentence."""
    return len(text) <= BANNER_LABEL_MAX and not _SENTENCE_END.search(text)


def split_tables(rows: list[RawRow]) -> list[list[RawRow]]:
    """Given the rows of one delimited run, cut it where banner rows introduce a new header."""
    tables: list[list[RawRow]] = [[]]
    header: list[str] | None = None
    for row in rows:
        if is_header(row.cells):
            current = tables[-1]
            if header is not None:
                lead = 0
                while lead < len(current) and is_banner(current[len(current) - 1 - lead].cells):
                    lead += 1
                if lead and lead < len(current):
                    tables[-1], moved = current[:-lead], current[-lead:]
                    tables.append(moved)
                elif [squash(c) for c in row.cells] == header:
                    continue  # a header repeated on a new page
                else:
                    tables.append([])
            header = [squash(c) for c in row.cells]
        tables[-1].append(row)
    return [t for t in tables if t]


def _header_index(rows: list[RawRow]) -> int | None:
    """Given a table's rows, return the index of its header row, if any."""
    return next((i for i, r in enumerate(rows) if is_header(r.cells)), None)


def _serial_col(header: list[str]) -> int | None:
    """Given header cells, return the column named 序号/编号."""
    return next((i for i, c in enumerate(header) if SERIAL_NAME.match(fold_text(c))), None)


def _align(cells: list[str], width: int, serial_col: int | None) -> list[str]:
    """Given a short body row, pad it so that a leading serial number lands in the 序号 column."""
    cells = list(cells)
    if len(cells) < width and serial_col and _SERIAL.match(cells[0].strip()):
        cells = [""] * min(serial_col, width - len(cells)) + cells
    return cells + [""] * (width - len(cells))


def _shift_header(header: list[str], body: list[list[str]]) -> list[str]:
    """Given a header with trailing blanks while body rows fill the last column, right-align it."""
    trailing = 0
    for cell in reversed(header):
        if cell.strip():
            break
        trailing += 1
    filled_last = sum(1 for r in body if r and r[-1].strip())
    if trailing == 0 or trailing == len(header) or filled_last * 2 <= len(body):
        return header
    return [""] * trailing + header[: len(header) - trailing]


def _header_cells(cells: list[str], row: int, line: int) -> list[Cell]:
    """Given header texts, make cells; a blank name widens its left neighbour (the right one at the start)."""
    out: list[Cell] = []
    leading = 0
    for col, text in enumerate(cells):
        if text.strip():
            start = col - leading if not out else col
            out.append(Cell(row, start, clean_cell(text), line, col_span=col - start + 1, header=True))
            leading = 0
        elif out:
            out[-1].col_span += 1
        else:
            leading += 1
    return out


def _grouping_cols(header: list[str], body: list[list[str]]) -> set[int]:
    """Given header and body texts, return the columns whose blanks continue the cell above."""
    cols = {i for i, name in enumerate(header) if GROUPING_NAME.search(fold_text(name))}
    first = [r[0] for r in body if r]
    filled = sum(1 for t in first if t.strip())
    if filled and filled * 2 <= len(first) + 1:
        cols.add(0)
    return cols


def _continues_label(prev_serial: str, serial: str) -> bool:
    """Given the 序号 of two consecutive rows, tell whether numbering ran on (so a new label is a fragment)."""
    if not (_SERIAL.match(prev_serial) and _SERIAL.match(serial)):
        return False
    return int(serial) == int(prev_serial) + 1 > 1


def _relabel_cols(cells: list[list[str]], grouping: set[int], serial_col: int | None) -> set[int]:
    """Given body texts, return the grouping columns whose labels a page break may split.

    Only a group column left of a 序号 that restarts at 1 per group qualifies: there, a new label
    while the numbering runs on (普 … 法宣传工作, 序号 1 → 2) is the rest of the label above.
    """
    if serial_col is None:
        return set()
    serials = [r[serial_col].strip() for r in cells]
    if serials[1:].count("1") == 0:
        return set()
    return {c for c in grouping if c < serial_col}


def _body_cells(
    body: list[RawRow], cells: list[list[str]], first_row: int, grouping: set[int], serial_col: int | None
) -> list[Cell]:
    """Given aligned body rows, make cells: remark rows span, grouping blanks extend the cell above."""
    out: list[Cell] = []
    anchors: dict[int, Cell] = {}
    width = len(cells[0]) if cells else 0
    relabel = _relabel_cols(cells, grouping, serial_col)
    for i, (raw, texts) in enumerate(zip(body, cells)):
        row = first_row + i
        if is_banner(texts) or (_REMARK.match(squash(texts[0])) and not any(t.strip() for t in texts[2:])):
            span_from = 0 if is_banner(texts) else 1
            if span_from:
                out.append(Cell(row, 0, clean_cell(texts[0]), raw.line))
            text = clean_cell(texts[span_from])
            out.append(Cell(row, span_from, text, raw.line, col_span=width - span_from))
            anchors.clear()
            continue
        serial = texts[serial_col].strip() if serial_col is not None else ""
        prev_serial = cells[i - 1][serial_col].strip() if serial_col is not None and i else ""
        for col, text in enumerate(texts):
            anchor = anchors.get(col)
            if col in grouping and anchor is not None and not text.strip():
                anchor.row_span += 1
                continue
            if col in relabel and anchor is not None and _continues_label(prev_serial, serial):
                anchor.text = clean_cell(anchor.text + text)
                anchor.row_span += 1
                continue
            cell = Cell(row, col, clean_cell(text), raw.line)
            out.append(cell)
            if col in grouping and text.strip():
                anchors[col] = cell
    return out


def build_grid(rows: list[RawRow]) -> Grid:
    """Given the delimited rows of one table, lay them out as a grid of cells with spans."""
    width = max(len(r.cells) for r in rows)
    h = _header_index(rows)
    header = rows[h].cells + [""] * (width - len(rows[h].cells)) if h is not None else []
    serial_col = _serial_col(header) if header else None
    start = h + 1 if h is not None else 0
    body = rows[start:]
    texts = [_align(r.cells, width, serial_col) for r in body]
    cells: list[Cell] = []
    for i, raw in enumerate(rows[:start]):
        if i == h:
            cells += _header_cells(_shift_header(header, texts), i, raw.line)
        else:
            padded = raw.cells + [""] * (width - len(raw.cells))
            cells += _body_cells([raw], [padded], i, set(), None)
    grouping = _grouping_cols(header, texts) if header else set()
    cells += _body_cells(body, texts, start, grouping, serial_col)
    return Grid(cells=cells, num_rows=len(rows), num_cols=width, line=rows[0].line)


def adopt_heading(grid: Grid, text: str, line: int) -> bool:
    """Given a grid and the numbered heading line just above it, take the heading in as its section row.

    Returns whether it was taken. A heading repeated as the table's first banner row is dropped (the
    table keeps its own copy); a heading directly above a header row becomes a banner row, as the
    section rows of sibling tables are.
    """
    if grid.num_cols < _BANNER_MIN_COLS:
        return False
    first = [c for c in grid.cells if c.row == 0]
    if len(first) == 1 and first[0].col_span == grid.num_cols and squash(first[0].text) == squash(text):
        return True
    if first and all(c.header for c in first):
        for c in grid.cells:
            c.row += 1
        grid.cells.insert(0, Cell(0, 0, clean_cell(text), line, col_span=grid.num_cols))
        grid.num_rows += 1
        grid.line = line
        return True
    return False


def _delimited_run(lines: list[str], i: int) -> tuple[list[RawRow], int]:
    """Given the index of a delimited row, return the run's rows (blank lines inside allowed) and its end."""
    rows: list[RawRow] = []
    j = i
    while j < len(lines):
        if is_blank(lines[j]):
            j += 1
            continue
        cells = split_row(lines[j])
        if cells is None:
            break
        rows.append(RawRow(j + 1, cells))
        j += 1
    return rows, j


def find_delimited_table(lines: list[str], start: int) -> Found | None:
    """Given cleaned lines and an index, return the tab/|pipe| table whose rows start there.

    A run that reads as prose (one lone row, or list numbers followed by a tab) is no table.
    """
    if split_row(lines[start]) is None:
        return None
    rows, end = _delimited_run(lines, start)
    if is_prose_run(rows):
        return None
    return Found([build_grid(t) for t in split_tables(rows)], end)
