"""Tables copied column by column: all the numbers, then all the names, then all the points.

A PDF whose text layer was written column after column comes out as runs: "1 2 3 4 建立台账 组织培训
开展宣传 完成报送 5 3 2 10 …". After the header, the pieces are grouped into runs of one class (numbers
or words); when the runs line up with the header's columns and hold the same number of pieces each,
they are the columns, and zipping them gives the rows. Runs that do not line up are left alone (the
flat reader declines them too), since a wrong zip looks like a good table.
"""
from __future__ import annotations

import re

from .align import kind
from .flat import _body_parts, find_header, stream_pieces
from .grid import Cell, Found, Grid
from .headers import Role

_NUMERIC = {"integer", "number", "points", "allocation"}
_MIN_ROWS = 3


def _class(text_kind: str) -> str:
    """Given a piece's kind, return its run class: a number or words."""
    return "num" if text_kind in _NUMERIC else "word"


def _column_class(role: Role) -> str | None:
    """Given a column's role, return the class its cells have, or None for form blanks."""
    if role in (Role.SCORE, Role.NOTE):
        return None
    return "num" if role in (Role.SERIAL, Role.POINTS) else "word"


def runs(kinds: list[str]) -> list[tuple[str, int, int]]:
    """Given the pieces' kinds, return the maximal runs of one class as (class, start, end)."""
    out: list[tuple[str, int, int]] = []
    for i, k in enumerate(kinds):
        c = _class(k)
        if out and out[-1][0] == c:
            out[-1] = (c, out[-1][1], i + 1)
        else:
            out.append((c, i, i + 1))
    return out


def zip_runs(kinds: list[str], roles: list[Role]) -> tuple[list[int], list[list[int]]] | None:
    """Given the pieces' kinds and the header's roles, return the columns filled and, per row, the piece
    of each, when the pieces are the columns one after another; else None."""
    cols = [c for c, r in enumerate(roles) if _column_class(r) is not None]
    blocks: list[tuple[str, list[int]]] = []
    for c in cols:
        cls = _column_class(roles[c])
        if blocks and blocks[-1][0] == cls:
            blocks[-1][1].append(c)
        else:
            blocks.append((cls, [c]))
    found = runs(kinds)
    if len(found) != len(blocks) or any(f[0] != b[0] for f, b in zip(found, blocks)):
        return None
    sizes = {(end - start) / len(b[1]) for (_, start, end), b in zip(found, blocks)}
    if len(sizes) != 1:
        return None
    n = int(sizes.pop())
    if n < _MIN_ROWS or any((end - start) % n for _, start, end in found):
        return None
    order = [c for _, b in blocks for c in b]
    starts = [start + k * n for (_, start, _), b in zip(found, blocks) for k in range(len(b[1]))]
    return order, [[s + r for s in starts] for r in range(n)]


def find_column_table(lines: list[str], start: int) -> Found | None:
    """Given cleaned lines and an index, rebuild a table copied column by column whose header is there."""
    head = find_header(lines, start)
    if head is None or re.search(r"[\t|│]", lines[start]):
        return None  # a header with tabs or pipes states its grid: the delimited readers read it
    parts, _ = _body_parts(lines, head)
    pieces = stream_pieces(parts, cell_lines=False)
    if not pieces:
        return None
    kinds = [kind(p.text) for p in pieces]
    zipped = zip_runs(kinds, head.roles)
    if zipped is None:
        return None
    order, rows = zipped
    cells = [Cell(0, c, n, head.end_line + 1, header=True) for c, n in enumerate(head.names)]
    for r, row in enumerate(rows, start=1):
        texts = dict(zip(order, row))
        for c in range(len(head.names)):
            piece = pieces[texts[c]] if c in texts else None
            cells.append(Cell(r, c, piece.text if piece else "", piece.line if piece else pieces[row[0]].line))
    grid = Grid(cells=cells, num_rows=len(rows) + 1, num_cols=len(head.names), line=head.end_line + 1)
    return Found([grid], max(p.line for p in pieces), lead=head.lead)
