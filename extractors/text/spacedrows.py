"""Tables written one row per line with cells separated by single spaces.

A scheme re-typed into a plain editor, or converted by a web tool, keeps each row on its line but
separates the cells by one space: "序号 考核项目 考核内容 分值" then "1 安全制度 建立……制度 7 缺1项扣1分".
The layout reader needs runs of two spaces and the delimited one tabs or pipes, so neither sees it.
The evidence here is the count: a header line of column names gives the column count, and body lines
that split into exactly that many pieces, again and again, are its rows. A one-piece line between
rows ("一、组织管理（30分）") is a full-width banner; anything else ends the table, since a cell that
holds a space would make the split a guess.
"""
from __future__ import annotations

import re

from .decode import clean_cell, is_blank
from .grid import Cell, Found, Grid
from .headers import is_header_name
from .normal import fold_text

_MIN_COLS = 3
_MIN_ROWS = 2
_BANNER_MAX = 30
# A lone piece that ends a sentence is a note under the table, not a banner row inside it.
_SENTENCE_END = re.compile(r"[。；;：:]$")


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
    return len(pieces) == 1 and len(pieces[0]) <= _BANNER_MAX and not _SENTENCE_END.search(pieces[0])


def find_spaced_rows_table(lines: list[str], start: int) -> Found | None:
    """Given cleaned lines and an index, rebuild a single-space table whose header line is there."""
    names = header_names(lines[start])
    if names is None:
        return None
    width = len(names)
    cells = [Cell(0, c, n, start + 1, header=True) for c, n in enumerate(names)]
    rows, full, end, i = 1, 0, start + 1, start + 1
    while i < len(lines):
        if is_blank(lines[i]):
            i += 1
            continue
        pieces = lines[i].split()
        if len(pieces) == width:
            cells += [Cell(rows, c, clean_cell(p), i + 1) for c, p in enumerate(pieces)]
            full += 1
        elif _is_banner(pieces):
            cells.append(Cell(rows, 0, clean_cell(pieces[0]), i + 1, col_span=width))
        else:
            break
        rows += 1
        i += 1
        end = i
    while rows > 1 and cells[-1].col_span == width:  # a banner after the last row heads nothing
        cells.pop()
        rows -= 1
        end = cells[-1].line
    if full < _MIN_ROWS:
        return None
    return Found([Grid(cells=cells, num_rows=rows, num_cols=width, line=start + 1)], end)
