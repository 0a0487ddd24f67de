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

from .text_decode import clean_cell
from .text_tables import Cell, Grid, squash

STREAM_NAMES = (
    "工作类别", "类别", "考核类别", "事项", "项目", "考核项目", "考评项目", "序号", "指标名称", "指标",
    "考核内容", "考评内容", "工作内容", "分值", "分数", "标准分", "扣分标准", "评分标准", "考核标准",
    "考评标准", "计分方法", "考核方法", "考评时间", "责任部门", "责任科室", "责任单位", "考评科室",
    "牵头部门", "备注",
)
_POINTS_NAME = re.compile(r"^(分值|分数|标准分)$")
_CATEGORY_NAME = re.compile(r"(类别|事项|项目)$")
_DEPT_NAME = re.compile(r"(部门|科室|单位)$")
_MIN_COLUMNS = 3
_MAX_ROWLESS_LINES = 12

_CJK_OR_PUNCT = r"[\u3400-\u9fff。；，、）”》]"
_CJK_OPEN = r"[\u3400-\u9fff“（《]"
_CELL_GAP = re.compile(rf"(?<={_CJK_OR_PUNCT})\s+(?={_CJK_OPEN})")
_POINTS = re.compile(r"^\d+(?:\.\d+)?\s?分$")
_POINTS_AT = re.compile(r"(?:(?<=^)|(?<=[。；;.）)]\s))(\d+(?:\.\d+)?\s?分)(?=\s|$)")
_DEPT = re.compile(r"^(?:[\u4e00-\u9fff（）()]{1,8}(?:科|室|处|中心|所|股|办|队)|各科室|相关科室|各部门)$")
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
    if _DEPT.match(flat):
        return "dept"
    if _LABEL_END.search(flat) and len(flat) <= _LABEL_MAX:
        return "label"
    if len(flat) <= _FRAG_MAX and not _SENTENCE.search(flat) and not _NUMBERED.match(flat):
        return "frag"
    return "text"


def tokenize(lines: list[str], start: int) -> list[Token]:
    """Given cleaned lines (0-based list) and a start index, return the tokens of the rest."""
    return [
        Token(i + 1, seg, classify(seg))
        for i in range(start, len(lines))
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
            if any(n.startswith(cand) for n in STREAM_NAMES) and (cand != piece or not buf or buf in STREAM_NAMES):
                if cand == piece and buf:
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
    if len(names) < _MIN_COLUMNS or not any(_POINTS_NAME.match(n) for n in names):
        return None
    return names, used


def _new_row(rows: list[Row], row: Row) -> Row:
    """Given the rows so far and the row in progress, keep it if it holds anything; start another."""
    if row.points or row.content or row.criteria:
        rows.append(row)
    return Row()


def cut_rows(tokens: list[Token]) -> tuple[list[Row], int]:
    """Given body tokens, cut them into rows; return rows and the number of tokens they used."""
    rows: list[Row] = []
    row, pending, used, lines = Row(), [], 0, set()
    for i, tok in enumerate(tokens):
        after_points = row.points is not None
        if not after_points and tok.kind != "points":
            lines.add(tok.line)
            if len(lines) > _MAX_ROWLESS_LINES:
                break  # prose after the table: no points for too long
        if tok.kind == "points" and not after_points:
            row.name, pending = (pending, []) if not row.content else (row.name, pending)
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
    if not labels or None in wanted or None in points or not rows[0].category:
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
    p = next(i for i, n in enumerate(names) if _POINTS_NAME.match(n))
    cat = 0 if _CATEGORY_NAME.search(names[0]) and p > 1 else None
    dept = next((i for i, n in enumerate(names) if _DEPT_NAME.search(n) and i > p), None)
    pre = [i for i in range(p) if i != cat]
    post = [i for i in range(p + 1, len(names)) if i != dept]
    return {
        "category": cat,
        "name": pre[0] if len(pre) > 1 else None,
        "content": pre[-1] if pre else None,
        "points": p,
        "criteria": post[0] if post else None,
        "dept": dept,
    }


def _spanning(rows: list[Row], key, first_row: int, col: int, fill_forward: bool) -> list[Cell]:
    """Given rows and a merged-column accessor, make spanning cells: a blank joins its group's stated cell."""
    cells: list[Cell] = []
    group_of = [id(r.category[-1]) if r.category else None for r in rows]
    for i, r in enumerate(rows):
        if r.category:
            group_of[i] = id(r.category[-1])
        elif i:
            group_of[i] = group_of[i - 1]
    open_cell: Cell | None = None
    waiting: list[int] = []
    for i, r in enumerate(rows):
        toks = key(r)
        same_group = i and group_of[i] == group_of[i - 1]
        if toks:
            text = _join(toks, fragments=True)
            start = waiting[0] if waiting and same_group else i
            cells += [Cell(first_row + w, col, "", r_line(rows[w])) for w in waiting if w < start]
            open_cell = Cell(first_row + start, col, text, toks[0].line, row_span=i - start + 1)
            cells.append(open_cell)
            waiting = []
        elif fill_forward and open_cell is not None and same_group:
            open_cell.row_span += 1
        else:
            open_cell = None
            if waiting and not same_group:
                cells += [Cell(first_row + w, col, "", r_line(rows[w])) for w in waiting]
                waiting = []
            waiting.append(i)
    cells += [Cell(first_row + w, col, "", r_line(rows[w])) for w in waiting]
    return cells


def r_line(row: Row) -> int:
    """Given a row, return the line where it starts."""
    toks = row.category + row.name + row.content + ([row.points] if row.points else []) + row.criteria
    return toks[0].line if toks else 0


def build_stream_grid(names: list[str], header_line: int, rows: list[Row]) -> Grid:
    """Given header names and cut rows, lay them out on a grid (header row 0)."""
    roles = _roles(names)
    rows = regroup_by_points(rows)
    cells = [Cell(0, c, n, header_line, header=True) for c, n in enumerate(names)]
    plain = {
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
        cells += _spanning(rows, lambda r: r.category, 1, roles["category"], fill_forward=True)
    if roles["dept"] is not None:
        cells += _spanning(rows, lambda r: [r.dept] if r.dept else [], 1, roles["dept"], fill_forward=True)
    covered = {(c.row + k, c.col) for c in cells for k in range(c.row_span)}
    for i in range(len(rows) + 1):
        for c in range(len(names)):
            if (i, c) not in covered:
                cells.append(Cell(i, c, "", r_line(rows[i - 1]) if i else header_line))
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid(cells=cells, num_rows=len(rows) + 1, num_cols=len(names), line=header_line)


def find_stream_table(lines: list[str], start: int) -> tuple[Grid, int] | None:
    """Given cleaned lines and an index, rebuild a PDF-dump table whose header starts there.

    Returns (grid, index of the first line after the table) or None when no header starts here.
    """
    first = segments(lines[start])
    if not first or not any(n.startswith(squash(first[0])) for n in STREAM_NAMES):
        return None
    head = tokenize(lines, start)
    found = match_header(head[:40])
    if found is None:
        return None
    names, used = found
    rows, body_used = cut_rows(head[used:])
    if not rows:
        return None
    last = head[used + body_used - 1].line if body_used else head[used - 1].line
    return build_stream_grid(names, head[0].line, rows), last
