"""Box-drawing tables (┌┬┐│├┼┤└┴┘, as DOS-era tools and some PDF converters print them).

Rules ─ ┼ separate the rows; within a row, every line is cut at the vertical bars and each column's
pieces are joined, since a cell's text wraps over several lines, mid-word ("县(区│" / "│)得10分").
"""
from __future__ import annotations

import re

from .grid import Found
from .tables import RawRow, build_grid

_BOX = "┌┬┐├┼┤└┴┘─━┏┓┗┛┣┫┳┻╋═╔╗╚╝╠╣╦╩╬"
_BAR = re.compile(r"[│┃║]")
_RULE = re.compile(rf"^[\s{_BOX}│┃║+\-=]*[{_BOX}][\s{_BOX}│┃║+\-=]*$")
_MIN_ROWS = 2


def _is_box_line(line: str) -> bool:
    """Given a line, tell whether it belongs to a box table: a rule or a line cut by vertical bars."""
    s = line.strip()
    return bool(s) and (bool(_RULE.match(s)) or len(_BAR.findall(s)) >= 2)


def _join(pieces: list[str]) -> str:
    """Given a column's pieces from the lines of one row, join them as one wrapped text."""
    out = ""
    for p in (x.strip() for x in pieces):
        if not p:
            continue
        if out and re.search(r"[A-Za-z0-9]$", out) and re.match(r"[A-Za-z0-9]", p):
            out += " "
        out += p
    return out


def find_box_table(lines: list[str], start: int) -> Found | None:
    """Given cleaned lines and an index, rebuild the box-drawing table whose first line is there."""
    if not _is_box_line(lines[start]):
        return None
    rows: list[RawRow] = []
    pending: list[list[str]] = []
    first_line = 0
    end = start
    while end < len(lines) and _is_box_line(lines[end]):
        s = lines[end].strip()
        if _RULE.match(s):
            if pending:
                width = max(len(p) for p in pending)
                cells = [_join([p[c] if c < len(p) else "" for p in pending]) for c in range(width)]
                rows.append(RawRow(first_line, cells))
                pending = []
        else:
            parts = _BAR.split(s)
            if parts and not parts[0].strip():
                parts = parts[1:]
            if parts and not parts[-1].strip():
                parts = parts[:-1]
            if not pending:
                first_line = end + 1
            pending.append(parts)
        end += 1
    if pending:
        width = max(len(p) for p in pending)
        rows.append(RawRow(first_line, [_join([p[c] if c < len(p) else "" for p in pending]) for c in range(width)]))
    if len(rows) < _MIN_ROWS:
        return None
    grid = build_grid(rows)
    if not any(line.strip() for line in lines[end:]) and not _RULE.match(lines[end - 1].strip()):
        grid.cut_row = grid.num_rows - 1
    elif not any(line.strip() for line in lines[end:]) and lines[end - 1].strip()[:1] not in "└╚┗":
        grid.cut_row = grid.num_rows - 1  # the text stops before the table's bottom rule
    return Found([grid], end)
