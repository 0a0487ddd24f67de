"""Run-on tables whose rows open with their points, under labels that carry their own.

A table pasted into a notice can lose every break and has no 序号 to count its rows by: "考核项目考核内容
分值评分标准…工作保障(28分)组织领导(15分)6分成立领导小组(3分),…。3分制定工作制度…。队伍建设(3分)3分…".
The header says how to read it: the columns before 分值 are levels of category (cells merged over their
rows, each closed by its own "(N分)"), and a row is its bare points followed by the text of the column
after 分值. A label is a category only where it closes one row or category and opens the next (followed
at once by points or a deeper label); a "(3分)" inside a row's text is a share of that row. The rows under a
label add up to its points: a label they do not add up to (unless the text stops there) means this is not
the layout. Grade columns named under the header (优秀良好合格不合格) hold one score per grade, glued at
the end of the row's text ("…担任5432"), read off when they fall grade by grade.
"""
from __future__ import annotations

import re

from ..hanzi import HANZI
from .decode import clean_cell, is_blank
from .flat import find_header
from .grid import Cell, Found, Grid
from .headers import Role

_GRADE_WORDS = ("基本合格", "不合格", "优秀", "良好", "较好", "合格", "一般", "较差")
_GRADES = re.compile("(?:" + "|".join(_GRADE_WORDS) + ")")
# A category label closed by its points: a few words without a clause, a number or a bracket.
_BANNER = re.compile(rf"[{HANZI}“][^（()）。；;，,：:\d]{{1,30}}?[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")
# A row's own points, bare: '6分' followed by its text (not '得2分', not '(3分)', not '2016年').
_LEAD = re.compile(rf"(\d{{1,3}}(?:\.\d+)?)分(?=[{HANZI}“《（(])")
_BOUNDARY = set("。；;！!？?）) \u3000")
_CLOSED = re.compile(r"[。；;！!？?）)”]\s*$")
_MAX_LINES = 20
MIN_ROWS = 2


def _tokens(text: str) -> list[tuple[str, int, int, float]] | None:
    """Given the body text, return its banners and row leads as (kind, start, end, points) in order: a
    banner at a boundary followed at once by a lead or another banner; a lead at a boundary or right
    after a banner. None when the body does not open with a banner or a lead."""
    out: list[tuple[str, int, int, float]] = []
    at = 0
    while at < len(text):
        after = out[-1][0] if out and out[-1][2] == at else None  # what this position directly follows
        boundary = at == 0 or text[at - 1] in _BOUNDARY or after is not None
        # The text right after a row's points is that row's, however it ends: only a label may follow a label.
        banner = _BANNER.match(text, at) if boundary and after != "lead" else None
        if banner and (_LEAD.match(text, banner.end()) or _BANNER.match(text, banner.end())):
            out.append(("banner", at, banner.end(), float(banner.group(1))))
            at = banner.end()
            continue
        lead = _LEAD.match(text, at) if boundary else None
        if lead:
            out.append(("lead", at, lead.end(), float(lead.group(1))))
            at = lead.end()
            continue
        if not out and not text[at].isspace():
            return None
        at += 1
    return out


def _grades(text: str, count: int, points: float) -> tuple[str, list[str]]:
    """Given a row's text and how many grade columns the header names, read off the grade scores glued at
    its end ('…担任5432'): one digit per grade, falling grade by grade, the first at most the row's points."""
    m = re.search(rf"(\d{{{count}}})\s*$", text) if count >= 2 else None
    if m is None:
        return text, []
    scores = [int(d) for d in m.group(1)]
    if scores[0] > points or any(a <= b for a, b in zip(scores, scores[1:])):
        return text, []
    return text[:m.start()], [str(s) for s in scores]


def find_points_led_table(lines: list[str], start: int) -> Found | None:
    """Given cleaned lines and an index, rebuild a run-on table whose rows open with their points (see the
    module) after its header there."""
    head = find_header(lines, start)
    if head is None or Role.POINTS not in head.roles or Role.SERIAL in head.roles:
        return None
    points_col = head.roles.index(Role.POINTS)
    width = len(head.names)
    if points_col == 0 or points_col + 1 >= width:
        return None  # no category column before the points, or no column for the row's text after them
    end = head.end_line + 1
    while end < len(lines) and end - head.end_line < _MAX_LINES and not is_blank(lines[end]):
        end += 1
    body = lines[head.end_line][head.end_col:] + "".join(lines[head.end_line + 1:end])
    grades = _GRADES.match(body)
    graded = 0
    while grades:  # the grade columns' names, a second header row glued after the first
        graded += 1
        body = body[grades.end():]
        grades = _GRADES.match(body)
    tokens = _tokens(body)
    if not tokens or sum(1 for t in tokens if t[0] == "lead") < MIN_ROWS:
        return None
    cut = all(is_blank(x) for x in lines[end:])  # the table runs to the end of the text
    rows = _rows(body, tokens, points_col, cut)
    if rows is None:
        return None
    line = head.end_line + 1
    cells = [Cell(0, c, n, line, header=True) for c, n in enumerate(head.names)]
    text_col = points_col + 1
    merged: dict[int, Cell] = {}
    for r, (opens, written, points, text) in enumerate(rows, 1):
        for level in range(points_col):
            if level in opens:  # a category label, merged over its rows in its level's column
                merged[level] = Cell(r, level, opens[level], line)
                cells.append(merged[level])
            elif level in merged:
                merged[level].row_span += 1
        text, scores = _grades(text, graded, points)
        cells.append(Cell(r, points_col, written, line))
        cells.append(Cell(r, text_col, clean_cell(text), line))
        if scores and text_col + 1 < width:
            cells.append(Cell(r, text_col + 1, " ".join(scores), line))
    # A text that stops inside the table leaves its last row open: it may be cut short.
    open_end = cut and not _CLOSED.search(rows[-1][3])
    grid = Grid(cells=cells, num_rows=len(rows) + 1, num_cols=width, line=line, cut_row=len(rows) if open_end else None)
    return Found([grid], end, lead=head.lead)


def _rows(body: str, tokens: list[tuple[str, int, int, float]], levels: int,
          cut: bool) -> list[tuple[dict[int, str], str, float, str]] | None:
    """Given the body, its tokens and how many category levels the header has, return the rows as (the
    category labels opening at the row, by level; its points as written; their value; its text); None when a
    run of labels is deeper than the header's levels or a label's rows do not add up to its points (the text
    stopping short may leave the last ones short)."""
    path: list[tuple[str, float]] = [("", 0.0)] * levels
    sums: dict[int, float] = {}
    rows: list[tuple[dict[int, str], str, float, str]] = []
    run: list[tuple[str, float]] = []
    opens: dict[int, str] = {}
    closed: list[tuple[float, float]] = []  # (stated, summed) of each category as it closes
    for n, (kind, start, end, points) in enumerate(tokens):
        if kind == "banner":
            run.append((body[start:end], points))
            continue
        if run:
            if len(run) > levels:
                return None
            depth = levels - len(run)
            for level in range(depth, levels):
                if path[level][0]:
                    closed.append((path[level][1], sums.get(level, 0.0)))
                path[level], sums[level] = run[level - depth], 0.0
            opens, run = {level: path[level][0] for level in range(depth, levels)}, []
        stop = tokens[n + 1][1] if n + 1 < len(tokens) else len(body)
        rows.append((opens, body[start:end], points, body[end:stop]))
        opens = {}
        for level in range(levels):
            if path[level][0]:
                sums[level] = sums.get(level, 0.0) + points
    if not rows or run:
        return None
    last = [(path[level][1], sums.get(level, 0.0)) for level in range(levels) if path[level][0]]
    if any(abs(stated - summed) > 1e-6 for stated, summed in closed) \
            or any(summed > stated + 1e-6 or not cut and abs(stated - summed) > 1e-6 for stated, summed in last):
        return None
    return rows
