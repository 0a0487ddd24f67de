"""Pipe tables whose rows break across lines, read by counting pipes: the header gives the count.

A pipe table copied with long cells comes out with rows broken wherever the editor wrapped them:
"1 | 组织领导（15分） | 成立领导小组，明确" then "专（兼）职安全员 | 未成立扣3分 | 5 |". Whatever the line
breaks, every row holds as many pipes as the header line does (with or without outer pipes; an empty
last cell still leaves its pipe). So lines are joined until a row has the header's count, a line
without pipes between rows is a banner ("一、社会救助（30分）"), and a row that would exceed the
count ends the table. When a row is numbered and the next line starts with the next number, the row
ended early (a writer dropped the pipes of empty trailing cells): it is closed and padded.
"""
from __future__ import annotations

import re

from .decode import clean_cell, is_blank
from .grid import Cell, Found, Grid, squash
from .headers import Role, is_header_name, role_of
from .normal import fold_text
from .tables import is_banner_label

_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")  # a markdown separator line
_MIN_COLS = 3
_MIN_ROWS = 2
_LEADING_NUMBER = re.compile(r"^\|?\s*(\d{1,3})\s*\|")
_ROW_NUMBER = re.compile(r"^\d{1,3}$")
_HEADER_SHARE = 0.6
_FILLER = re.compile(r"^[\s|]*\|[\s|]*$")
# A page-chunk number a document site left alone on a line ("2、"): inside a row it is no cell text.
_CHUNK_MARK = re.compile(r"^\d{1,3}、$")


def _cells(text: str, outer: bool) -> list[str]:
    """Given a row's joined text, return its cells (the outer pipes dropped when the table has them)."""
    inner = text.strip()
    if outer:
        inner = inner[1:-1] if inner.endswith("|") and len(inner) > 1 else inner[1:]
    return [c.strip() for c in inner.split("|")]


def _header(line: str) -> tuple[list[str], int, bool] | None:
    """Given a line, return its column names, its pipe count and whether it has outer pipes, when it
    is a pipe header of column names; else None."""
    s = line.strip()
    outer = s.startswith("|") and s.endswith("|")
    names = _cells(s, outer) if "|" in s else []
    filled = [n for n in names if n]
    if len(names) < _MIN_COLS or len(filled) < _MIN_COLS:
        return None
    if sum(1 for n in filled if is_header_name(fold_text(n))) < _HEADER_SHARE * len(filled):
        return None
    return names, s.count("|"), outer


def _spare_empties(cells: list[str], surplus: int) -> bool:
    """Given a one-line row's cells and how many more it has than the header, tell whether empty cells
    after the first can make up the surplus (a doubled pipe wrote an extra empty cell)."""
    return sum(1 for c in cells[1:-1] if not c) >= surplus


def _fit(cells: list[str], width: int, closed: bool, serial: int | None) -> list[str]:
    """Given a row's cells, the header's width, whether the row ends with its closing pipe and the 序号
    column, return exactly width cells: surplus empty cells dropped from the right; a short row placed
    so that its number lands under 序号, else (closed) aligned to the last column, the cells it lacks
    being the leading merged ones; any other short row padded at the end."""
    cells = list(cells)
    k = len(cells) - 2
    while len(cells) > width and k > 0:
        if not cells[k]:
            del cells[k]
        k -= 1
    lead = width - len(cells) if closed else 0
    number = next((j for j, c in enumerate(cells) if _ROW_NUMBER.match(c)), None)
    if len(cells) < width and serial is not None and number is not None and 0 <= serial - number <= width - len(cells):
        lead = serial - number
    if len(cells) < width:
        return [""] * lead + cells + [""] * (width - len(cells) - lead)
    return cells[:width]


def _number(text: str) -> int | None:
    """Given a row's text, return the number in its first cell, or None."""
    m = _LEADING_NUMBER.match(text.strip())
    return int(m.group(1)) if m else None


def _rows(
    lines: list[str], start: int, pipes: int, serial: bool, outer: bool
) -> tuple[list[tuple[int, str, bool]], int]:
    """Given lines, the body's first index, the header's pipe count, whether rows are numbered and
    whether they have outer pipes,
    return the rows as (first line index, joined text, is a banner) and the index after the table.
    The header repeated at a page top, and a page-chunk number inside a row, are page furniture."""
    rows: list[tuple[int, str, bool]] = []
    header = squash(lines[start - 1])
    open_at, text, i = None, "", start
    while i < len(lines):
        s = lines[i].strip()
        if is_blank(s) or _RULE.match(s) or squash(s) == header or (open_at is not None and _CHUNK_MARK.match(s)):
            i += 1
            continue
        if _FILLER.match(s):
            break  # filler lines stand for cells left out: the count does not hold (the pipes reader reads them)
        number = _number(text) if open_at is not None and serial else None
        if number is not None and _number(s) == number + 1:
            rows.append((open_at, text, False))  # the row ended without its trailing pipes
            open_at, text = None, ""
        if open_at is None:
            if "|" not in s:
                if not is_banner_label(s):
                    break
                rows.append((i, s, True))
                i += 1
                continue
            open_at, text = i, s
        elif outer and s.startswith("|") and text.count("|") + s.count("|") > pipes:
            rows.append((open_at, text, False))  # the open row lost a pipe; this line opens the next row
            open_at, text = i, s
        else:
            text += s
        count = text.count("|")
        if count > pipes and not (open_at == i and _spare_empties(_cells(text, outer), count - pipes)):
            return rows, open_at  # more cells than the header has: the count no longer holds
        if count == pipes:
            rows.append((open_at, text, False))
            open_at, text = None, ""
        i += 1
    if open_at is not None:
        rows.append((open_at, text, False))
    return rows, i


def find_counted_pipe_table(lines: list[str], start: int) -> Found | None:
    """Given cleaned lines and an index, rebuild a pipe table whose header is there, row by pipe count."""
    head = _header(lines[start])
    if head is None:
        return None
    names, pipes, outer = head
    width = len(names)
    roles = [role_of(fold_text(n)) for n in names]
    serial = roles[0] is Role.SERIAL
    serial_col = roles.index(Role.SERIAL) if Role.SERIAL in roles else None
    rows, end = _rows(lines, start + 1, pipes, serial, outer)
    while rows and rows[-1][2]:  # a banner after the last row heads nothing
        end = rows.pop()[0]
    cells = [Cell(0, c, n, start + 1, header=True) for c, n in enumerate(names)]
    full = 0
    for r, (at, text, banner) in enumerate(rows, start=1):
        if banner:
            cells.append(Cell(r, 0, clean_cell(text), at + 1, col_span=width))
            continue
        texts = _cells(text, outer)
        full += len(texts) == width
        texts = _fit(texts, width, outer and text.rstrip().endswith("|"), serial_col)
        cells += [Cell(r, c, clean_cell(texts[c]), at + 1) for c in range(width)]
    if full < _MIN_ROWS:
        return None
    return Found([Grid(cells=cells, num_rows=len(rows) + 1, num_cols=width, line=start + 1)], end)
