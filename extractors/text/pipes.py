"""Pipe tables a copy broke: rows over several lines, rows without their outer pipes, filler lines.

Markdown-ish dumps of tables with merged or multi-line cells come out as:
- cells that each open with "| " on a line of their own, continued on the lines below, the row ended
  by a lone "|" (the row's first cell may have no pipe at all);
- complete rows "| a | b | c |" followed by filler lines ("|", "| |", "| ||") where a cell was empty;
- rows written without the leading pipe ("1 | 组织领导 | … |").
A merged cell is written once and left out of the rows below, so a row with fewer cells lost the
cells merged from above: its cells are placed under the columns their texts fit (`align.place_row`),
and the columns it lacks continue the cell above.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .align import kind, place_row
from .decode import clean_cell
from .grid import Cell, Found, Grid
from .headers import Role, role_of
from .normal import fold_text
from .tables import is_header

_FILLER = re.compile(r"^[\s|]*\|[\s|]*$")
_LOOKAHEAD = 3
_MIN_ROWS = 2


@dataclass
class _Row:
    line: int
    cells: list[str] = field(default_factory=list)
    open: bool = False  # the last cell may continue on the next line


def _pipe_cells(text: str) -> list[str]:
    """Given a line's text, return the texts between its pipes (outer ones dropped)."""
    inner = text.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    return [c.strip() for c in inner.split("|")]


def _complete(line: str) -> bool:
    """Given a line, tell whether it is a whole row: two pipes or more and a closing pipe."""
    s = line.strip()
    return s.count("|") >= 2 and s.endswith("|") and not _FILLER.match(s)


def _pipes_ahead(lines: list[str], i: int) -> bool:
    """Given an index, tell whether a line with a pipe comes within the next few lines."""
    return any("|" in lines[k] for k in range(i + 1, min(len(lines), i + 1 + _LOOKAHEAD)))


def read_rows(lines: list[str], start: int) -> tuple[list[_Row], int]:
    """Given lines and the index of a table's first line, return its rows and the index after it."""
    rows: list[_Row] = []
    row: _Row | None = None
    i = start
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s:
            if row is not None and row.open:
                i += 1
                continue
            if not _pipes_ahead(lines, i):
                break
            i += 1
            continue
        if _FILLER.match(s):
            if row is not None:
                rows.append(row)
            row = None
        elif _complete(line) and not (row is not None and row.open and s.startswith("|")):
            if row is not None:
                rows.append(row)
            rows.append(_Row(i + 1, _pipe_cells(line)))
            row = None
        elif s.startswith("|"):
            if row is None:
                row = _Row(i + 1)
            cells = s[1:].split("|")
            row.cells += [c.strip() for c in cells]
            row.open = not s.endswith("|") or s == "|"
            if s.endswith("|"):
                row.cells.pop()
        elif s.count("|") >= 2:
            if row is not None:
                rows.append(row)
            row = _Row(i + 1, _pipe_cells(line), open=True)  # a row without outer pipes, its last cell open
        elif row is not None and row.open:
            row.cells[-1] = f"{row.cells[-1]}\n{s}" if row.cells[-1] else s
        else:
            if rows and not _pipes_ahead(lines, i) or not rows and row is None and i > start:
                break
            if row is not None:
                rows.append(row)
            row = _Row(i + 1, [s], open=True)
        i += 1
    if row is not None:
        rows.append(row)
    return [r for r in rows if any(c.strip() for c in r.cells)], i


def _roles_from_rows(rows: list[list[str]], width: int) -> list[Role]:
    """Given the full-width rows of a table without header, read each column's role from its texts."""
    out = []
    full = [r for r in rows if len(r) == width]
    lengths = [sum(len(r[c]) for r in full) / max(1, len(full)) for c in range(width)]
    text_cols = [c for c in range(width) if lengths[c] > 15]
    longest = max(text_cols, key=lambda c: lengths[c]) if text_cols else None
    for c in range(width):
        kinds = [kind(r[c]) for r in full if r[c].strip()]
        top = max(set(kinds), key=kinds.count) if kinds else "short"
        if top in ("integer", "number", "points"):
            out.append(Role.POINTS)
        elif top == "serial":
            out.append(Role.SERIAL)
        elif top == "label" or (c == 0 and top == "short"):
            out.append(Role.GROUP)
        elif top == "dept":
            out.append(Role.DEPT)
        elif c == longest:
            out.append(Role.CONTENT)
        elif top == "rule":
            out.append(Role.CRITERIA)
        else:
            out.append(Role.NAME if lengths[c] <= 15 else Role.METHOD)
    return out


def unstack(text: str) -> str:
    """Given a cell text, join vertical writing (one character per line: 领/导/干/部)."""
    parts = text.split("\n")
    return "".join(parts) if len(parts) > 1 and all(len(p.strip()) <= 1 for p in parts) else text


def build_pipe_grid(rows: list[_Row], cut: bool) -> Grid | None:
    """Given pipe rows, lay them out: a header (or two) on top, short rows placed by their cells' kinds,
    the cells they lack merged from above (or, in the last row of a cut text, cut off after it)."""
    texts = [[unstack(clean_cell(c)) for c in r.cells] for r in rows]
    for t in texts:
        while len(t) > 1 and not t[-1].strip():
            t.pop()  # an empty last cell is the row's closing pipe or a blank score cell
    first = next((i for i in range(min(3, len(texts))) if is_header(texts[i])), None)
    banners = first if first is not None else 0
    heads = 0
    while first is not None and heads < 2 and first + heads < len(texts) and is_header(texts[first + heads]):
        heads += 1
    names = [[n for n in t if n.strip()] for t in texts[banners: banners + heads]]
    body = texts[banners + heads:]
    if len(body) < 1 or len(rows) < _MIN_ROWS:
        return None
    width = max([len(t) for t in body] + [sum(len(n) for n in names[:1]) + (len(names[1]) - 1 if heads == 2 else 0)])
    cells: list[Cell] = [Cell(r, 0, " ".join(x for x in texts[r] if x), rows[r].line, col_span=width)
                         for r in range(banners)]
    roles: list[Role]
    if heads:
        top = names[0]
        sub = names[1] if heads == 2 else []
        spans = [1] * len(top)
        if sub:
            spans[0] = len(sub)
        extra = width - sum(spans)
        if extra > 0:
            spans[0] += extra  # more cells than names: the first name stood over several columns
        col, roles = 0, []
        for name, span in zip(top, spans):
            # In a two-row header, a name with no sub-names under it stands over both rows (merged down).
            down = 2 if sub and col >= len(sub) else 1
            cells.append(Cell(banners, col, name, rows[banners].line, row_span=down, col_span=span, header=True))
            role = role_of(fold_text(name)) or Role.CONTENT
            roles += [Role.GROUP] * (span - 1) + [role]  # columns under one name nest, the outer first
            col += span
        for c, name in enumerate(sub):
            cells.append(Cell(banners + 1, c, name, rows[banners + 1].line, header=True))
            roles[c] = role_of(fold_text(name)) or roles[c]
        width = col
    else:
        roles = _roles_from_rows(body, width)
    longest = max(len(t) for t in body)
    examples = [[t[c] for t in body if len(t) == longest and c < longest] for c in range(width)]
    above: dict[int, Cell] = {}
    last = len(rows) - 1
    for r, (raw, t) in enumerate(zip(rows[banners + heads:], body), start=banners + heads):
        if len(t) > width:
            t = t[: width - 1] + ["\n".join(x for x in t[width - 1:] if x)]
        cut_here = cut and r == last
        if len(t) == width:
            cols = list(range(width))
        else:
            cols = place_row(t, roles, cut_here, examples) or list(range(width - len(t), width))
        by_col = dict(zip(cols, t))
        for c in range(width):
            if c not in by_col and c in above and not (cut_here and c > max(cols)):
                above[c].row_span += 1
                continue
            cell = Cell(r, c, by_col.get(c, ""), raw.line)
            cells.append(cell)
            above[c] = cell
    grid = Grid(cells=cells, num_rows=len(rows), num_cols=width, line=rows[0].line)
    if cut:
        grid.cut_row = last
    return grid


def split_at_headers(rows: list[_Row]) -> list[list[_Row]]:
    """Given the rows of one pipe region, cut it where a header row starts another table (banner rows
    just above that header, a title such as '单位名称', go with it)."""
    tables: list[list[_Row]] = [[]]
    for i, row in enumerate(rows):
        if i and is_header(row.cells) and not is_header(rows[i - 1].cells):
            current = tables[-1]
            lead = 0
            while lead < len(current) - 1 and sum(1 for c in current[-1 - lead].cells if c.strip()) == 1 \
                    and is_header([c for c in current[-1 - lead].cells] + ["", ""]) is False \
                    and not any(ch.isdigit() for ch in "".join(current[-1 - lead].cells)):
                lead += 1
            lead = min(lead, 1)
            tables[-1], moved = (current[:-lead], current[-lead:]) if lead else (current, [])
            tables.append(moved)
        tables[-1].append(row)
    return [t for t in tables if t]


def find_broken_pipe_table(lines: list[str], start: int) -> Found | None:
    """Given cleaned lines and an index, rebuild a broken pipe table whose first row starts there."""
    s = lines[start].strip()
    nxt = next((lines[k].strip() for k in range(start + 1, min(len(lines), start + 2)) if lines[k].strip()), "")
    if "|" not in s and (not nxt.startswith("|") or _complete(nxt)):
        return None  # a row's first cell without a pipe is followed by a broken row, never a whole one
    if "|" in s and not (s.startswith("|") or s.count("|") >= 2):
        return None
    rows, end = read_rows(lines, start)
    if len(rows) < _MIN_ROWS:
        return None
    cut = rows[-1].open and not any(line.strip() for line in lines[end:])
    parts = split_at_headers(rows)
    grids = [build_pipe_grid(part, cut and n == len(parts) - 1) for n, part in enumerate(parts)]
    grids = [g for g in grids if g is not None]
    return Found(grids, end) if grids else None
