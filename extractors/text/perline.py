"""Tables flattened one cell per line, read by count: the header lines give the column count.

A table copied out of a web page or a word processor often comes out one cell per line: "序号",
"考评内容", "分值", … then "1", "司法所人员…", "6", … A full-width banner row ("一、队伍建设（20分）")
takes one line between rows. The evidence is arithmetic, not wording: N header lines mean every row
takes N lines; a 序号 column must count 1, 2, 3 … (a restart at 1 under a banner is a new category),
and a 分值 column must hold numbers. A line where the next row's number should be is a banner when it
is short and not a sentence; anything else ends the table. Whatever breaks the count ends the table
too, so a row that lost a cell never shifts the rest of the table into the wrong columns.
"""
from __future__ import annotations

import re

from .decode import clean_cell, is_blank
from .grid import Cell, Found, Grid
from .headers import Role, is_header_name, role_of
from .normal import fold_text
from .tables import BANNER_LABEL_MAX, is_banner_label

_MIN_COLS = 3
_MIN_ROWS = 2
_SECTION = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]")
_SERIAL = re.compile(r"^(\d{1,3})[.、．]?$")
_POINTS = re.compile(r"^[-+]?\d+(?:\.\d+)?\s*分?$")


def _header(lines: list[str], start: int) -> list[str]:
    """Given lines and an index, return the run of lines from there that are each one column name."""
    names: list[str] = []
    i = start
    while i < len(lines) and not is_blank(lines[i]) and is_header_name(fold_text(lines[i])):
        names.append(lines[i].strip())
        i += 1
    return names


def _is_banner(text: str, serial_column: bool) -> bool:
    """Given a line where a row should start, tell whether it is a banner row: a section heading, or,
    when rows are numbered, any short label that is not a sentence."""
    text = text.strip()
    if _SECTION.match(text) and len(text) <= BANNER_LABEL_MAX:
        return True
    return serial_column and is_banner_label(text)


def _next_serial(text: str, last: int | None) -> int | None:
    """Given a line and the last row number, return its number when it continues the count (or
    restarts it at 1), else None."""
    m = _SERIAL.match(text.strip())
    if m is None:
        return None
    n = int(m.group(1))
    return n if last is None or n in (last + 1, 1) else None


Row = list[tuple[int, str]]


def _with_blank_cells(lines: list[str], cells: Row, width: int, number: int, lead: int) -> Row:
    """Given a numbered row's cells read from non-blank lines, return them with the blank lines kept as
    empty cells when the lines up to the next row fill the row exactly (a dump writes an empty cell as
    a blank line). The next row starts at its number, or up to ``lead`` label lines before it (its
    merged group cells); with no next row that fits, a blank-line reading is kept when the other would
    take a section heading after the table as the row's last cell."""
    cells, ahead = cells[:width], cells  # the next number may stand after the next row's group labels
    # The next number may also be a value of this row ('5' points before row 5): each is tried.
    found = [j for j, (_, t) in enumerate(ahead) if j and t == str(number + 1)]
    for at in found:
        for labels in range(min(lead, at - 1) + 1):
            span = [(i, lines[i].strip()) for i in range(cells[0][0], ahead[at - labels][0])]
            while len(span) > width and not span[-1][1]:
                span.pop()  # blank lines between rows
            if len(span) == width:
                return span
    span = [(i, lines[i].strip()) for i in range(cells[0][0], min(len(lines), cells[0][0] + width))]
    taken = cells[len([t for _, t in span if t]):]
    return span if any(_SECTION.match(t) for _, t in taken) else cells


def _group_cells(lines: list[str], lines_at: list[int], k: int, lead: int, last: int | None) -> int:
    """Given the index of a row's first non-blank line, return how many label lines open it before its
    number: the merged group cells a dump writes only on a group's first row (0 when none)."""
    for labels in range(min(lead, len(lines_at) - k - 1), 0, -1):
        heads = [lines[i].strip() for i in lines_at[k:k + labels]]
        number = lines[lines_at[k + labels]]
        if _next_serial(number, last) is not None and all(is_banner_label(t) and not _SERIAL.match(t) for t in heads):
            return labels
    return 0


def _body(lines: list[str], start: int, roles: list[Role | None]) -> tuple[list[Row], int, bool]:
    """Given lines, where the body starts and the columns' roles, return the rows as (line index,
    text) per cell — a banner as one cell — the index after the table and whether a row was cut by
    the end of the text. Columns left of the 序号 are merged group cells: a row may leave them out."""
    width, serial = len(roles), Role.SERIAL in roles
    lead = roles.index(Role.SERIAL) if serial else 0
    rows: list[Row] = []
    lines_at = [i for i in range(start, len(lines)) if not is_blank(lines[i])]
    k, last = 0, None
    while k < len(lines_at):
        at = lines_at[k]
        text = lines[at].strip()
        groups: Row = []
        if serial:
            labels = _group_cells(lines, lines_at, k, lead, last)
            groups = [(i, lines[i].strip()) for i in lines_at[k:k + labels]]
            k += labels
            at = lines_at[k]
            text = lines[at].strip()
            number = _next_serial(text, last)
            if number is None:
                if not _is_banner(text, True):
                    break
                rows.append([(at, text)])
                k += 1
                continue
        elif _is_banner(text, False):
            rows.append([(at, text)])
            k += 1
            continue
        own = width - lead if serial else width
        cells = [(i, lines[i].strip()) for i in lines_at[k:k + own + lead]]
        if serial:
            cells = _with_blank_cells(lines, cells, own, number, lead)
            cells = (groups + [(at, "")] * (lead - len(groups)) if lead else []) + cells
        else:
            cells = cells[:own]
        if any(r is Role.POINTS and c < len(cells) and not _POINTS.match(fold_text(cells[c][1]))
               for c, r in enumerate(roles)):
            break
        rows.append(cells)
        k += sum(1 for _, t in cells[lead:] if t) if serial else sum(1 for _, t in cells if t)
        if len(cells) < width:
            return rows, len(lines), True
        if serial:
            last = number
    end = lines_at[k] if k < len(lines_at) else len(lines)
    while rows and len(rows[-1]) == 1:  # a banner after the last row heads nothing
        end = rows.pop()[0][0]
    return rows, end, False


def find_per_line_table(lines: list[str], start: int) -> Found | None:
    """Given cleaned lines and an index, rebuild a table written one cell per line whose header starts there."""
    if start > 0 and not is_blank(lines[start - 1]) and is_header_name(fold_text(lines[start - 1])):
        return None  # the header started on an earlier line
    names = _header(lines, start)
    if len(names) < _MIN_COLS:
        return None
    roles = [role_of(fold_text(n)) for n in names]
    rows, end, cut = _body(lines, start + len(names), roles)
    width = len(names)
    if sum(1 for row in rows if len(row) == width) < _MIN_ROWS:
        return None
    cells = [Cell(0, c, n, start + 1 + c, header=True) for c, n in enumerate(names)]
    for r, row in enumerate(rows, start=1):
        if len(row) == 1:
            cells.append(Cell(r, 0, clean_cell(row[0][1]), row[0][0] + 1, col_span=width))
            continue
        cells += [Cell(r, c, clean_cell(row[c][1]), row[c][0] + 1) if c < len(row)
                  else Cell(r, c, "", row[-1][0] + 1) for c in range(width)]
    grid = Grid(cells=cells, num_rows=len(rows) + 1, num_cols=width, line=start + 1,
                cut_row=len(rows) if cut else None)
    return Found([grid], end)
