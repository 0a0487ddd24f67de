"""Tables in PDF text dumps: cells broken over many lines, no separators, rebuilt from cues.

A PDF-to-text dump of an indicator table loses the grid: each cell comes out as a few short
lines, cells on one baseline are joined by a space, and a merged cell (category, department)
is printed once. The rebuild reads the header's column order, then cuts the token stream into
rows by what each token looks like:

- a points cell matches ``10分`` / ``3 分`` on its own;
- a department is a short name ending in 科/室/处/中心/所/股… after the points;
- a category label ends with ``（N分）`` and is printed only when the category changes;
- short punctuation-free fragments before the content are the indicator name (or, when a
  ``（N分）`` follows them, the category);
- lines after the points are the criteria until the department, or until the next row starts.
A department printed once for several rows of a category spans them (row_span), as in Word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..hanzi import HANZI
from .decode import clean_cell
from .headers import CATEGORY_NAME, DEPT_NAME, POINTS_NAME, ROLE_OF, can_lead
from .grid import Cell, Found, Grid, squash

# Column names a dump may break over lines; a header is matched by accumulating pieces of them.
STREAM_NAMES = frozenset(ROLE_OF)
_LEADING_NAMES = frozenset(n for n in ROLE_OF if can_lead(n))

_MIN_COLUMNS = 3
_HEADER_MAX_LINES = 24
_MIN_COMPLETE = 0.8
_MAX_ROWLESS_LINES = 12

_CJK_OR_PUNCT = f"[{HANZI}。；，、）”》]"
_CJK_OPEN = f"[{HANZI}“（《]"
_CELL_GAP = re.compile(rf"(?<={_CJK_OR_PUNCT})\s+(?={_CJK_OPEN})")
_BARE_NUMBER = re.compile(r"^\d{1,3}(?:\.\d+)?$")
_POINTS = re.compile(r"^\d+(?:\.\d+)?\s?分$")
_POINTS_AT = re.compile(r"(?:(?<=^)|(?<=[。；;.）)]\s))(\d+(?:\.\d+)?\s?分)(?=\s|$)")
_DEPT = re.compile(rf"^(?:[{HANZI}（）()]{{1,8}}(?:科|室|处|中心|所|股|办|队)|各科室|相关科室|各部门)$")
_LABEL_END = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]$")
_LABEL_MAX = 24
_FRAG_MAX = 6
_SENTENCE = re.compile(r"[。；;，,：:%]")
_NUMBERED = re.compile(r"^\d{1,2}\s*(?:[.．](?!\d)|、)")


@dataclass
class Token:
    line: int
    text: str
    kind: str  # points | dept | label | frag | text


@dataclass
class Row:
    category: list[Token] = field(default_factory=list)
    serial: Token | None = None
    name: list[Token] = field(default_factory=list)
    content: list[Token] = field(default_factory=list)
    points: Token | None = None
    criteria: list[Token] = field(default_factory=list)
    dept: Token | None = None


def segments(line: str) -> list[str]:
    """Given one dump line, split it where the PDF joined neighbouring cells with a space."""
    parts: list[str] = []
    for piece in _POINTS_AT.split(line.strip()):
        parts += [p for p in _CELL_GAP.split(piece.strip()) if p]
    return parts


def classify(text: str) -> str:
    """Given a segment, name what it looks like: points, dept, label, frag or text."""
    flat = squash(text)
    if _POINTS.match(text):
        return "points"
    if _BARE_NUMBER.match(flat):
        return "number"
    if _DEPT.match(flat):
        return "dept"
    if _LABEL_END.search(flat) and len(flat) <= _LABEL_MAX:
        return "label"
    if len(flat) <= _FRAG_MAX and not _SENTENCE.search(flat) and not _NUMBERED.match(flat):
        return "frag"
    return "text"


def tokenize(lines: list[str], start: int, stop: int | None = None) -> list[Token]:
    """Given cleaned lines (0-based list) and a [start, stop) range, return their tokens."""
    return [
        Token(i + 1, seg, classify(seg))
        for i in range(start, len(lines) if stop is None else min(stop, len(lines)))
        for seg in segments(lines[i])
    ]


def match_header(tokens: list[Token]) -> tuple[list[str], int] | None:
    """Given tokens from a candidate start, return (column names, tokens used) for a header."""
    names: list[str] = []
    buf = ""
    used = 0
    for tok in tokens:
        piece = squash(tok.text)
        for cand in (buf + piece, piece):
            fresh = cand == piece and bool(buf)  # starts a new name: the one in buf must be complete
            if any(n.startswith(cand) for n in STREAM_NAMES) and (not fresh or buf in STREAM_NAMES):
                if fresh:
                    names.append(buf)
                buf = cand
                break
        else:
            break
        used += 1
    if buf in STREAM_NAMES:
        names.append(buf)
    else:
        return None
    if len(names) < _MIN_COLUMNS or not any(POINTS_NAME.match(n) for n in names):
        return None
    return names, used


def drop_repeated_headers(tokens: list[Token], names: list[str]) -> list[Token]:
    """Given body tokens, drop the header a PDF repeats at the top of each page."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        if names[0].startswith(squash(tokens[i].text)):
            again = match_header(tokens[i : i + 4 * len(names)])
            if again is not None and again[0] == names:
                i += again[1]
                continue
        out.append(tokens[i])
        i += 1
    return out


def _new_row(rows: list[Row], row: Row) -> Row:
    """Given the rows so far and the row in progress, keep it if it holds anything; start another."""
    if row.points or row.content or row.criteria:
        rows.append(row)
    return Row()


def _number_kind(tok: Token, row: Row, pending: list[Token], has_serial: bool) -> str:
    """Given a bare number, tell whether it is the row's 序号, its points, or text."""
    if has_serial and row.serial is None and not (row.content or pending or row.points):
        return "serial"
    if has_serial and row.points is not None and row.criteria:
        return "next_serial"
    if row.points is None and (row.content or pending):
        return "points"
    return "text" if row.points is not None else "frag"


def cut_rows(tokens: list[Token], has_serial: bool = False) -> tuple[list[Row], int]:
    """Given body tokens, cut them into rows; return rows and the number of tokens they used."""
    rows: list[Row] = []
    row, pending, used, lines = Row(), [], 0, set()
    for i, tok in enumerate(tokens):
        if tok.kind == "number":
            kind = _number_kind(tok, row, pending, has_serial)
            if kind == "next_serial":
                row, lines = _new_row(rows, row), set()
                used, kind = i, "serial"
            if kind == "serial":
                row.serial = tok
                lines.add(tok.line)
                continue
            tok = Token(tok.line, tok.text, kind)
        after_points = row.points is not None
        if not after_points and tok.kind != "points":
            lines.add(tok.line)
            if len(lines) > _MAX_ROWLESS_LINES:
                break  # prose after the table: no points for too long
        if tok.kind == "points" and not after_points:
            if not row.content:
                row.name, pending = pending, []
            row.points = tok
        elif tok.kind == "dept" and after_points:
            row.dept = tok
            row, lines = _new_row(rows, row), set()
            used = i + 1
        elif tok.kind in ("frag", "label") and after_points:
            row, lines = _new_row(rows, row), {tok.line}
            used = i
            if tok.kind == "label":
                row.category, pending = [tok], []
            else:
                pending = [tok]
        elif tok.kind == "label" and not row.content:
            row.category, pending = pending + [tok], []
        elif tok.kind in ("frag", "dept") and not row.content:
            pending.append(tok)
        elif after_points:
            row.criteria.append(tok)
        else:
            if not row.content:
                row.name, pending = pending, []
            row.content.append(tok)
    else:
        if row.points is not None:
            rows.append(row)
            used = len(tokens)
    return rows, used


def _number(text: str) -> float | None:
    """Given a points cell or a category label, return its number of points."""
    m = re.search(r"(\d+(?:\.\d+)?)\s*分", text)
    return float(m.group(1)) if m else None


def regroup_by_points(rows: list[Row]) -> list[Row]:
    """Given rows, move each category label to where its rows' points add up to the label's （N分）.

    A PDF prints a vertically centred merged label beside a middle row, so its position in the
    stream is not where the category starts; the points total is. Kept as found when it does not add up.
    """
    labels = [r.category for r in rows if r.category]
    wanted = [_number(squash(toks[-1].text)) for toks in labels]
    points = [_number(r.points.text) if r.points else None for r in rows]
    if not labels or None in wanted or None in points:
        return rows
    starts, i = [], 0
    for total in wanted:
        starts.append(i)
        acc = 0.0
        while i < len(rows) and acc < total - 1e-9:
            acc += points[i]
            i += 1
        if abs(acc - total) > 1e-9:
            return rows
    if i != len(rows):
        return rows
    for r in rows:
        r.category = []
    for start, toks in zip(starts, labels):
        rows[start].category = toks
    return rows


def _join(tokens: list[Token], fragments: bool) -> str:
    """Given a cell's tokens, join wrapped lines; numbered items start a new line."""
    out = ""
    for tok in tokens:
        text = tok.text.strip()
        if out and not fragments and _NUMBERED.match(text):
            out += "\n"
        out += text
    return clean_cell(out)


def _roles(names: list[str]) -> dict[str, int | None]:
    """Given header names, return the column of each role: category, name, content, points, criteria, dept."""
    p = next(i for i, n in enumerate(names) if POINTS_NAME.match(n))
    cat = 0 if CATEGORY_NAME.search(names[0]) and p > 1 else None
    dept = next((i for i, n in enumerate(names) if DEPT_NAME.search(n) and i > p), None)
    serial = next((i for i, n in enumerate(names) if n in ("序号", "编号")), None)
    pre = [i for i in range(p) if i not in (cat, serial)]
    post = [i for i in range(p + 1, len(names)) if i not in (dept, serial)]
    return {
        "category": cat,
        "serial": serial,
        "name": pre[0] if len(pre) > 1 else None,
        "content": pre[-1] if pre else None,
        "points": p,
        "criteria": post[0] if post else None,
        "dept": dept,
    }


def _spanning(rows: list[Row], key, first_row: int, col: int) -> list[Cell]:
    """Given rows and a merged-column accessor, make spanning cells: a blank joins its group's stated cell.

    A blank row takes the cell stated above it in the same category, or else the first one stated
    below it in that category (a centred merged cell is printed beside a middle row).
    """
    group_of: list[int | None] = []
    for r in rows:
        group_of.append(id(r.category[-1]) if r.category else (group_of[-1] if group_of else None))
    cells: list[Cell] = []
    open_cell: Cell | None = None
    waiting: list[int] = []
    for i, r in enumerate(rows):
        same_group = i > 0 and group_of[i] == group_of[i - 1]
        if not same_group:
            open_cell, waiting = None, []
        toks = key(r)
        if toks:
            start = waiting[0] if waiting else i
            text = _join(toks, fragments=True)
            open_cell = Cell(first_row + start, col, text, toks[0].line, row_span=i - start + 1)
            cells.append(open_cell)
            waiting = []
        elif open_cell is not None:
            open_cell.row_span += 1
        else:
            waiting.append(i)
    return cells  # rows left blank get empty cells in build_stream_grid


def r_line(row: Row) -> int:
    """Given a row, return the line where it starts."""
    toks = row.category + ([row.serial] if row.serial else []) + row.name + row.content
    toks += ([row.points] if row.points else []) + row.criteria
    return toks[0].line if toks else 0


def build_stream_grid(names: list[str], header_line: int, rows: list[Row]) -> Grid:
    """Given header names and cut rows, lay them out on a grid (header row 0)."""
    roles = _roles(names)
    cells = [Cell(0, c, n, header_line, header=True) for c, n in enumerate(names)]
    plain = {
        "serial": lambda r: ([r.serial] if r.serial else [], True),
        "name": lambda r: (r.name, True),
        "content": lambda r: (r.content, False),
        "points": lambda r: ([r.points] if r.points else [], True),
        "criteria": lambda r: (r.criteria, False),
    }
    for role, get in plain.items():
        col = roles[role]
        if col is None:
            continue
        for i, r in enumerate(rows):
            toks, frag = get(r)
            cells.append(Cell(i + 1, col, _join(toks, frag), toks[0].line if toks else r_line(r)))
    if roles["category"] is not None:
        cells += _spanning(rows, lambda r: r.category, 1, roles["category"])
    if roles["dept"] is not None:
        cells += _spanning(rows, lambda r: [r.dept] if r.dept else [], 1, roles["dept"])
    covered = {(c.row + k, c.col) for c in cells for k in range(c.row_span)}
    for i in range(len(rows) + 1):
        for c in range(len(names)):
            if (i, c) not in covered:
                cells.append(Cell(i, c, "", r_line(rows[i - 1]) if i else header_line))
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid(cells=cells, num_rows=len(rows) + 1, num_cols=len(names), line=header_line)


def plausible(rows: list[Row], roles: dict[str, int | None]) -> bool:
    """Given cut rows, tell whether they read as a table rather than a column-interleaved layout dump.

    A dump that prints table lines side by side (pdftotext -layout, pdfplumber) mixes columns on
    every line; cut by cues it yields rows missing names or criteria. Then the lines stay prose.
    """
    if not rows or (roles["category"] is not None and not rows[0].category):
        return False
    complete = sum(
        1 for r in rows
        if r.content and r.points and (r.criteria or roles["criteria"] is None)
        and (r.name or roles["name"] is None)
    )
    return complete >= _MIN_COMPLETE * len(rows)


def find_stream_table(lines: list[str], start: int) -> Found | None:
    """Given cleaned lines and an index, rebuild a PDF-dump table whose header starts there.

    Returns None when no header starts here, and no grids when one does but its body does not
    read as a table.
    """
    first = segments(lines[start])
    if not first or not any(n.startswith(squash(first[0])) for n in _LEADING_NAMES):
        return None
    head = tokenize(lines, start, start + _HEADER_MAX_LINES)
    found = match_header(head)
    if found is None:
        return None
    names, used = found
    header_end = head[used - 1].line
    body = [t for t in head[used:] if t.line == header_end] + tokenize(lines, header_end)
    body = drop_repeated_headers(body, names)
    rows, body_used = cut_rows(body, has_serial="序号" in names or "编号" in names)
    rows = regroup_by_points(rows)
    if not plausible(rows, _roles(names)):
        return Found([], start)
    last = body[body_used - 1].line if body_used else head[used - 1].line
    return Found([build_stream_grid(names, head[0].line, rows)], last)
