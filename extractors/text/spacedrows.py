"""Tables written one row per line with cells separated by single spaces.

A scheme re-typed into a plain editor, or converted by a web tool, keeps each row on its line but
separates the cells by one space: "序号 考核项目 考核内容 分值" then "1 安全制度 建立……制度 7 缺1项扣1分".
The layout reader needs runs of two spaces and the delimited one tabs or pipes, so neither sees it.
The evidence here is the count and the types: a header line of column names gives the column count,
and body lines that split into exactly that many pieces, again and again, with a number where the
分值 column is, are its rows. A row whose leading grouping cell was merged from above (考核项目 written
on the first row of its block) has one piece less. A line between rows that is a section heading
("一、组织管理（30分）") or a short label is a banner; a row that a page break cut in two is joined
when the two halves together make a row; a lone page-chunk number ("2、") is page furniture; a row
the end of the text cut short is kept and marked. Anything else ends the table, since a cell that
holds a space would make the split a guess.
"""
from __future__ import annotations

import re

from .decode import clean_cell, is_blank
from .grid import Cell, Found, Grid
from .headers import Role, is_header_name, role_of
from .normal import fold_text
from .tables import is_banner_label

_MIN_COLS = 3
_MIN_ROWS = 2
# A lone piece that ends a sentence is a note under the table, not a banner row inside it.
_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]|[（(]\d+(?:\.\d+)?分[）)]$")
_CHUNK_MARK = re.compile(r"^\d{1,3}、$")
_FINISHED = re.compile(r"[。；;！!？?）)」”]$")  # a last line ending its sentence is a note, not a row cut short
_POINTS = re.compile(r"^[-+]?\d+(?:\.\d+)?分?$")


def header_names(line: str) -> list[str] | None:
    """Given a line, return its space-separated pieces when every one is a column name, else None."""
    if re.search(r"[\t|│┃]", line) or re.search(r"\S {2,}\S", line.strip()):
        return None  # tabs, pipes and aligned columns state their grid: other readers read them
    pieces = line.split()
    if len(pieces) < _MIN_COLS or not all(is_header_name(fold_text(p)) for p in pieces):
        return None
    return pieces


def _is_banner(pieces: list[str]) -> bool:
    """Given a body line's pieces, tell whether it is a full-width banner (one short label)."""
    return len(pieces) == 1 and is_banner_label(pieces[0])


def _fit(pieces: list[str], roles: list[Role | None]) -> list[str] | None:
    """Given a line's pieces and the columns' roles, return the row's cells when they make a row: one
    piece per column, or all but a leading grouping cell merged from above; a 分值 column holds a number."""
    if len(pieces) == len(roles):
        cells = pieces
    elif len(pieces) == len(roles) - 1 and roles[0] is Role.GROUP:
        cells = [""] + pieces
    else:
        return None
    if any(r is Role.POINTS and not _POINTS.match(fold_text(c)) for r, c in zip(roles, cells)):
        return None
    return cells


def _next_line(lines: list[str], i: int) -> int | None:
    """Given an index, return the index of the next line that is neither blank nor page furniture."""
    i += 1
    while i < len(lines) and (is_blank(lines[i]) or _CHUNK_MARK.match(lines[i].strip())):
        i += 1
    return i if i < len(lines) else None


def _body(lines: list[str], start: int, roles: list[Role | None]) -> tuple[list[tuple[int, list[str]]], int, bool]:
    """Given lines, the body's first index and the columns' roles, return the rows as (line index,
    cells; a banner as one cell), the index after the table and whether its last row was cut short."""
    rows: list[tuple[int, list[str]]] = []
    i = start if not (is_blank(lines[start]) or _CHUNK_MARK.match(lines[start].strip())) else _next_line(lines, start)
    while i is not None:
        pieces = lines[i].split()
        after = _next_line(lines, i)
        cells = _fit(pieces, roles)
        if cells is None and not (len(pieces) == 1 and _HEADING.search(pieces[0])) and after is not None:
            more = lines[after].split()
            cells = _fit(pieces[:-1] + [pieces[-1] + more[0]] + more[1:], roles) if more else None
            if cells is not None:
                rows.append((i, cells))
                i = _next_line(lines, after)
                continue
        if cells is not None:
            rows.append((i, cells))
        elif _is_banner(pieces) and (after is not None or _HEADING.search(pieces[0])):
            rows.append((i, [pieces[0]]))
        elif after is None and rows and len(pieces) < len(roles) and not _FINISHED.search(pieces[-1]):
            lead = 1 if roles[0] is Role.GROUP else 0
            rows.append((i, [""] * lead + pieces + [""] * (len(roles) - lead - len(pieces))))
            return rows, len(lines), True
        else:
            return rows, i, False
        i = after
    return rows, len(lines), False


def find_spaced_rows_table(lines: list[str], start: int) -> Found | None:
    """Given cleaned lines and an index, rebuild a single-space table whose header line is there."""
    names = header_names(lines[start])
    if names is None or start + 1 >= len(lines):
        return None
    width = len(names)
    roles = [role_of(fold_text(n)) for n in names]
    rows, end, cut = _body(lines, start + 1, roles)
    while rows and len(rows[-1][1]) == 1:  # a banner after the last row heads nothing
        end = rows.pop()[0]
        cut = False
    if sum(1 for _, texts in rows if len(texts) == width) < _MIN_ROWS:
        return None
    cells = [Cell(0, c, n, start + 1, header=True) for c, n in enumerate(names)]
    for r, (at, texts) in enumerate(rows, start=1):
        if len(texts) == 1:
            cells.append(Cell(r, 0, clean_cell(texts[0]), at + 1, col_span=width))
        else:
            cells += [Cell(r, c, clean_cell(t), at + 1) for c, t in enumerate(texts)]
    return Found([Grid(cells=cells, num_rows=len(rows) + 1, num_cols=width, line=start + 1,
                       cut_row=len(rows) if cut else None)], end)
