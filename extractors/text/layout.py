"""Space-aligned tables (pdftotext -layout, text copied from a PDF viewer): columns from x-positions.

A layout dump keeps a table's columns at fixed x-positions and separates them by runs of spaces.
The rebuild finds a header line of column-role words, takes the column boundaries from the gaps
that line up under it, cuts each line into column pieces, then cuts lines into rows at anchors
(a 序号 or 分值 value). Cells may be top-aligned (the anchor is a row's first line) or vertically
centred (the anchor sits mid-cell, so each column's lines are split around it). A merged cell
(category, department) is printed once; it stays on one row and the indicator builder fills it down.
Positions are measured in characters (pdftotext) or display width (CJK = 2), whichever lines up.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .decode import clean_cell, is_separator
from .headers import GROUPING_NAME, POINTS_NAME, SERIAL_NAME, is_header_name
from .grid import Cell, Found, Grid, squash
from .pieces import Span, cut_narrow_gaps, spans

_MIN_COLS = 3
_HEADER_SHARE = 0.6
_POINTS_VALUE = re.compile(r"^[-－+＋]?\d+(?:\.\d+)?\s*分?$")
# OCR reads 1 and 0 as l, I or O now and then ('l0'): a serial with one digit and such letters is a serial.
_SERIAL_VALUE = re.compile(r"^(?:\d{1,3}|(?=[lIO]?\d)[\dlIO]{2,3}|[一二三四五六七八九十]{1,3})[.、．]?$")
_MAX_BLANKS = 6
_PROSE_MIN = 30
_BLANK_COST = 0.75
_WRAP_NAME_MAX = 4
_LOOKAHEAD = 3
_SECTION = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]")


def header_spans(line: str, wide: bool) -> list[Span] | None:
    """Given a line, return its cells when they read as a header of column-role words, else None."""
    cells = spans(line, wide)
    if len(cells) < _MIN_COLS:
        return None
    hits = sum(1 for c in cells if is_header_name(squash(c.text)))
    return cells if hits >= _HEADER_SHARE * len(cells) else None


def full_header(lines: list[str], i: int, wide: bool) -> tuple[list[Span], int] | None:
    """Given a header line, return its cells and line count, taking in a sub-header line below it.

    In a two-row header (考核评分 over 评分标准 | 分值) the lower names replace the name they sit under.
    """
    top = header_spans(lines[i], wide)
    if top is None:
        return None
    below = spans(lines[i + 1], wide) if i + 1 < len(lines) else []
    if not below:
        return top, 1
    if not all(is_header_name(squash(c.text)) for c in below):
        return _wrapped_names(top, below), 1 + (_wrapped_names(top, below) is not top)
    kept = [c for c in top if not any(b.x0 < c.x1 and c.x0 < b.x1 for b in below)]
    return sorted(kept + below, key=lambda c: c.x0), 2


def _wrapped_names(top: list[Span], below: list[Span]) -> list[Span]:
    """Given header cells and the pieces of the next line, join short word-only pieces that sit
    under a header name to it (a name wrapped in its cell: 考核要求及评分标 / 准); else return top."""
    out = [Span(c.x0, c.x1, c.text) for c in top]
    for b in below:
        under = [c for c in out if b.x0 < c.x1 and c.x0 < b.x1]
        if len(under) != 1 or len(squash(b.text)) > _WRAP_NAME_MAX or re.search(r"\d", b.text):
            return top
        under[0].text += b.text
    return out


def boundaries(header: list[Span], body: list[list[Span]]) -> list[int]:
    """Given header cells and body line spans, return the x where each column after the first starts.

    Between two header names, the boundary is the x that the fewest body pieces cover (a gap
    that lines up), nearest the middle of the two names when several are free.
    """
    width = max([header[-1].x1] + [s.x1 for line in body for s in line]) + 1
    cover = [0] * width
    for line in body:
        for s in line:
            for x in range(s.x0, s.x1):
                cover[x] += 1
    out = []
    for left, right in zip(header, header[1:]):
        lo, hi = left.x1, max(left.x1, right.x0)
        mid = (lo + hi) / 2
        out.append(min(range(lo, hi + 1), key=lambda x: (cover[x], abs(x - mid))))
    return out


def _column(x: int, bounds: list[int]) -> int:
    """Given a piece's start x, return its column index."""
    return sum(1 for b in bounds if x >= b)


def _crossings(body: list[list[Span]], bounds: list[int]) -> int:
    """Given body spans and boundaries, count pieces that run over a boundary (misaligned columns).

    The only piece on a line that starts in the first column (a section banner, a note) runs over
    boundaries by nature: it is not counted."""
    lone = [len(line) == 1 and bool(bounds) and line[0].x0 < bounds[0] for line in body]
    return sum(1 for line, skip in zip(body, lone) if not skip for s in line for b in bounds if s.x0 < b < s.x1 - 1)


@dataclass
class Page:
    """One header and the lines under it (a table continues under a repeated header on each page)."""

    names: list[str]
    lines: list[tuple[int, list[str]]]
    banners: set[int]


def _is_repeat(line: str, names: list[str]) -> bool:
    """Given a line, tell whether it repeats the header names."""
    cells = header_spans(line, False)
    return cells is not None and [squash(c.text) for c in cells] == names


def _rows_follow(lines: list[str], start: int) -> bool:
    """Given an index, tell whether one of the next few non-blank lines has several pieces."""
    ahead = [line for line in lines[start:] if line.replace("\f", "").strip() and not is_separator(line)]
    return any(len(spans(line, False)) > 1 for line in ahead[:_LOOKAHEAD])


def _body_end(lines: list[str], start: int, names: list[str]) -> int:
    """Given the line after a header, return the index where the table's lines end.

    The table runs on through blank lines and page numbers only when a repeated header or more
    table text follows (after a page break, a line with columns goes on even without the header);
    a gapless line at the margin is prose after the table when it is long or when no line with
    columns follows soon (a signature, a date).
    """
    j, blanks, paged = start, 0, False
    while j < len(lines):
        line = lines[j].replace("\f", "")
        if not line.strip() or is_separator(line):
            blanks += 1
            paged = paged or lines[j].startswith("\f") or bool(line.strip())
            j += 1
            if blanks > _MAX_BLANKS:
                break
            continue
        gap = blanks >= 2 and not (paged and len(spans(line, False)) > 1)
        if (gap or header_spans(line, False) is not None) and not _is_repeat(line, names):
            break  # prose after a gap, or the header of the next table
        if not line.startswith(" ") and len(spans(line, False)) == 1 and (
            len(line.strip()) >= _PROSE_MIN or not _rows_follow(lines, j + 1)
        ):
            break
        blanks, paged = 0, False
        j += 1
    while j > start and (not lines[j - 1].replace("\f", "").strip() or is_separator(lines[j - 1])):
        j -= 1
    return j


def read_page(lines: list[str], header_at: int, end: int, names: list[str]) -> Page:
    """Given a header index and the end of its lines, cut each line into column texts."""
    skip = full_header(lines, header_at, False)[1]
    body_idx = [i for i in range(header_at + skip, end) if lines[i].replace("\f", "").strip()
                and not is_separator(lines[i])]
    best = None
    for wide in (False, True):
        head, _ = full_header(lines, header_at, wide)
        if names[0] == "":
            head = [Span(0, 0, "")] + head
        body = [spans(lines[i], wide) for i in body_idx]
        bounds = boundaries(head, body)
        body = [cut_narrow_gaps(line, bounds, wide) for line in body]
        # With as many pieces crossing a boundary either way, the measure that puts more numbers under
        # 分值 is the one the dump was aligned in (the other shifts them into a neighbour column).
        points = _roles(names)[1]
        fit = sum(1 for line in body for s in line
                  if _column(s.x0, bounds) in points and _POINTS_VALUE.match(s.text))
        score = (_crossings(body, bounds), -fit)
        if best is None or score < best[0]:
            best = (score, bounds, body)
    _, bounds, body = best
    serial = _roles(names)[0]
    rows, banners = [], set()
    for i, line_spans in zip(body_idx, body):
        texts = [""] * len(names)
        in_order = len(line_spans) == len(names)  # one piece per column: a squeezed row keeps its order
        for j, s in enumerate(line_spans):
            c = j if in_order else min(_column(s.x0, bounds), len(names) - 1)
            texts[c] = f"{texts[c]} {s.text}".strip()
        if len(line_spans) == 1 and _is_banner(line_spans[0], bounds, serial):
            banners.add(len(rows))
        rows.append((i + 1, texts))
    return Page(names, rows, banners)


def _is_banner(piece: Span, bounds: list[int], serial: int | None) -> bool:
    """Given the only piece on a line, tell whether it is a section row: it runs over a column
    boundary, is numbered 一、, or is words in the 序号 column."""
    if any(piece.x0 < b < piece.x1 - 1 for b in bounds) or _SECTION.match(piece.text):
        return True
    return serial is not None and _column(piece.x0, bounds) == serial and not _SERIAL_VALUE.match(piece.text)


def _roles(names: list[str]) -> tuple[int | None, list[int], set[int]]:
    """Given header names, return the 序号 column, the 分值 columns and the grouping columns."""
    serial = next((i for i, n in enumerate(names) if SERIAL_NAME.match(n) or not n), None)
    points = [i for i, n in enumerate(names) if POINTS_NAME.match(n)]
    grouping = {i for i, n in enumerate(names) if GROUPING_NAME.search(n) and i != serial}
    return serial, points, grouping


def _anchors(lines: list[tuple[int, list[str]]], serial: int | None, points: list[int]) -> list[int]:
    """Given a page's column texts, return the indexes of lines that carry a row's 序号 or 分值.

    With two 分值 columns (a category's and an indicator's), the one filled on more lines is the rows'.
    """
    if serial is not None:
        return _serial_anchors(lines, serial, points)
    if not points:
        return [i for i, (_, t) in enumerate(lines) if t[0]]
    found = [[i for i, (_, t) in enumerate(lines) if _POINTS_VALUE.match(t[c])] for c in points]
    return max(found, key=len)


def _serial_anchors(lines: list[tuple[int, list[str]]], serial: int, points: list[int]) -> list[int]:
    """Given a page's column texts, return the lines that carry a 序号; under the last of them, a line
    whose 分值 comes after that row already had one opens a row of its own (a 合计 line): a row has one
    分值 (the rows' column, the one filled on more lines)."""
    out = [i for i, (_, t) in enumerate(lines) if _SERIAL_VALUE.match(t[serial])]
    if not out or not points:
        return out
    col = max(points, key=lambda c: sum(1 for _, t in lines if _POINTS_VALUE.match(t[c])))
    scored = False
    for i in range(out[-1], len(lines)):
        has_points = bool(_POINTS_VALUE.match(lines[i][1][col]))
        if has_points and scored:
            return out + [i]
        scored = scored or has_points
    return out


def _cell_cost(filled: list[bool], s: int, e: int, anchor: int, centred: bool) -> float:
    """Given a column's filled lines, a cell's line range [s, e) and its anchor, return how badly they sit.

    A centred cell has its middle on the anchor line; a top-aligned cell starts there.
    """
    used = [i for i in range(s, e) if filled[i]]
    if not used:
        return _BLANK_COST
    at = (used[0] + used[-1]) / 2 if centred else used[0]
    return abs(at - anchor)


def column_cut(filled: list[bool], anchors: list[int], centred: bool) -> tuple[list[int], float]:
    """Given which lines of one column hold text and the anchor lines, return each line's row and the cost.

    A line on an anchor belongs to that row; lines between two anchors go to the upper or the
    lower row at the one cut (dynamic programming) that best centres (or top-aligns) every cell.
    """
    n, m = len(filled), len(anchors)
    best: list[dict[int, tuple[float, int]]] = []  # per row: end line -> (cost so far, start line)
    prev: dict[int, tuple[float, int]] = {0: (0.0, 0)}
    for k in range(m):
        ends = range(anchors[k] + 1, anchors[k + 1] + 1) if k + 1 < m else [n]
        cur = {t: min((c + _cell_cost(filled, s, t, anchors[k], centred), s) for s, (c, _) in prev.items())
               for t in ends}
        best.append(cur)
        prev = cur
    owner = [-1] * n
    t = n
    for k in range(m - 1, -1, -1):
        s = best[k][t][1]
        for i in range(s, t):
            owner[i] = k
        t = s
    return owner, best[-1][n][0]


def _table_lines(page: Page, anchors: list[int], grouping: set[int]) -> int:
    """Given a page and its anchors, return how many of its lines belong to the table.

    After the last row's anchor, a line with text only in the first column (a signature, a date)
    or a section line ends the table, unless the first column is a merged one.
    """
    for i in range(anchors[-1] + 1, len(page.lines)):
        texts = page.lines[i][1]
        only_first = bool(texts[0]) and not any(texts[1:])
        if i in page.banners or (only_first and 0 not in grouping):
            return i
    return len(page.lines)


def page_rows(page: Page) -> tuple[list[tuple[int, list[str], bool]], int]:
    """Given a page's column texts, return its rows (first line, cell texts, is section row) and
    the number of lines used; merged cells stay on one row."""
    serial, points, grouping = _roles(page.names)
    anchors = _anchors(page.lines, serial, points)
    if not anchors:
        return [], 0
    used = _table_lines(page, anchors, grouping)
    lines = [(n, [""] * len(t) if i in page.banners else t) for i, (n, t) in enumerate(page.lines[:used])]
    ncol = len(page.names)
    plain = [c for c in range(ncol) if c not in grouping]
    cuts = {}
    for centred in (False, True):
        found = [column_cut([bool(t[c]) for _, t in lines], anchors, centred) for c in plain]
        cuts[centred] = (sum(cost for _, cost in found), [owner for owner, _ in found])
    centred = cuts[True][0] < cuts[False][0]
    owners = dict(zip(plain, cuts[centred][1]))
    texts = [[""] * ncol for _ in anchors]
    starts = [lines[a][0] for a in anchors]
    for c in range(ncol):
        filled = [bool(t[c]) for _, t in lines]
        owner = owners[c] if c in owners else _group_owner(filled, anchors, centred)
        for i, k in enumerate(owner):
            if k >= 0 and lines[i][1][c]:
                texts[k][c] += lines[i][1][c]
                starts[k] = min(starts[k], lines[i][0])
    rows = [(line, t, False) for line, t in zip(starts, texts)]
    rows += [(page.lines[i][0], [" ".join(filter(None, page.lines[i][1]))], True) for i in page.banners if i < used]
    return sorted(rows, key=lambda r: r[0]), used


def _group_owner(filled: list[bool], anchors: list[int], centred: bool) -> list[int]:
    """Given a merged column's filled lines, give each run of lines to one row.

    Top-aligned, a run belongs to the row it starts in and a new anchor line starts a new run;
    centred, a run belongs to the row whose anchor is nearest its start.
    """
    owner = [-1] * len(filled)
    k = -1
    for i, f in enumerate(filled):
        fresh = i == 0 or not filled[i - 1] or (not centred and i in anchors)
        if f and fresh:
            if centred:
                k = min(range(len(anchors)), key=lambda j: (abs(anchors[j] - i), j))
            else:
                k = max(sum(1 for a in anchors if a <= i) - 1, 0)
        if f:
            owner[i] = k
    return owner


def _unnamed_serials(lines: list[str], first_x: int) -> bool:
    """Given the lines under a header and where its first name starts, tell whether numbers stand
    left of it, a space apart (a 序号 column printed without its name)."""
    found = 0
    for line in lines:
        pieces = spans(line, False)
        if pieces and pieces[0].x1 < first_x and _SERIAL_VALUE.match(pieces[0].text):
            found += 1
    return found >= 2


def find_layout_table(lines: list[str], start: int) -> Found | None:
    """Given cleaned lines and an index, rebuild a space-aligned table whose header is there.

    Returns None when no such header starts here.
    """
    found = full_header(lines, start, False)
    if found is None:
        return None
    names = [squash(c.text) for c in found[0]]
    top = [squash(c.text) for c in header_spans(lines[start], False) or []]
    end = _body_end(lines, start + 1, top)
    if _unnamed_serials(lines[start + found[1] : end], found[0][0].x0):
        names = [""] + names
    if not any(POINTS_NAME.match(n) or SERIAL_NAME.match(n) or not n for n in names):
        return None
    at = [start] + [i for i in range(start + 1, end) if _is_repeat(lines[i], top)]
    rows: list[tuple[int, list[str], bool]] = []
    for a, b in zip(at, at[1:] + [end]):
        page = read_page(lines, a, b, names)
        found_rows, used = page_rows(page)
        rows += found_rows
        if b == end and used < len(page.lines):
            end = page.lines[used][0] - 1  # prose after the table goes back to the text
    if not rows:
        return None
    cells = [Cell(0, c, n, start + 1, header=True) for c, n in enumerate(names)]
    for r, (line, texts, banner) in enumerate(rows, start=1):
        if banner:
            cells.append(Cell(r, 0, clean_cell(texts[0]), line, col_span=len(names)))
        else:
            cells += [Cell(r, c, clean_cell(t), line) for c, t in enumerate(texts)]
    return Found([Grid(cells=cells, num_rows=len(rows) + 1, num_cols=len(names), line=start + 1)], end)
