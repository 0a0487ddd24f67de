"""Fitting cell texts to a header's columns when the dump lost where cells begin and end.

Every column name says what its cells hold (`headers.Role`): a 分值 column a number, a 序号 column a
serial, a 类别 column a short label with its （N分）, a 评分标准 column sentences that deduct or award
points. A piece of text has a kind (`kind`), and `cost` says how badly a kind sits in a role. Two
readers share that model:

- `align_stream` cuts a stream of pieces (cells one per line, cells glued into one line, cells split
  by a stray separator) into rows: a dynamic programme over (piece, column) that may join neighbouring
  pieces into one cell, leaves merged or empty columns blank, and ends the table where pieces stop
  fitting any column;
- `place_row` puts a short row's cells under the columns they fit (the others were merged away).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from ..hanzi import HANZI
from .headers import Role
from .normal import fold

INF = math.inf
_NUM_CN = "一二三四五六七八九十"
_SERIAL = re.compile(rf"^(?:[{_NUM_CN}]{{1,3}}[、.．]?|[（(](?:\d{{1,2}}|[{_NUM_CN}]{{1,3}})[）)]|\d{{1,2}}[.、．]|[①-⑳])$")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?%?$")
_POINTS = re.compile(r"^[（(]?[-+]?\d+(?:\.\d+)?分[）)]?$")
_ALLOCATION = re.compile(r"(?:[（(][^（）()]{0,8}?\d+(?:\.\d+)?分[^（）()]{0,4}[）)]|\d+(?:\.\d+)?分)$")
_SENTENCE = re.compile(r"[。；;，,：:]")
_RULE = re.compile(r"扣\s*[\d.一二三四五六七八九十]+|减\s*[\d.]+\s*分|不得分|不计分|不记分|酌情|视情|扣完为止|每.{0,12}扣|扣分")
_DEDUCTION = re.compile(r"扣\s*[\d.一二三四五六七八九十]+(?:\s*[-—~～至到]\s*[\d.]+)?\s*分")  # '…不到位扣1-2分' is no label
_AWARD = re.compile(r"[得加计记]\s*[\d.]+\s*分|加分")
_DEPT = re.compile(rf"^(?:[{HANZI}（）()“”\"]{{1,16}}(?:局|办|委|科|室|中心|所|队|部|院|站|厅|会|组|处|股|单位)[、,，]?)+$")
_ITEMS = re.compile(r"(?:^|\n)\s*(?:[（(]?\d{1,2}[）)]?[.、．](?!\d)|[（(]\d{1,2}[）)]|[①-⑳])")
_POINTS_ONLY = re.compile(r"^\d+(?:\.\d+)?分")
LABEL_MAX = 30
SHORT_MAX = 15

# How badly a kind of text sits in a column of each role (0 = where it belongs).
_COST: dict[Role, dict[str, float]] = {
    Role.SERIAL: {"serial": 0.0, "integer": 0.3},
    Role.POINTS: {"points": 0.0, "integer": 0.1, "number": 0.1, "allocation": 0.3},
    Role.GROUP: {"label": 0.0, "short": 0.7, "dept": 1.0, "text": 2.0, "rule": 2.5, "serial": 1.5, "list": 2.5,
                 "allocation": 1.0, "award": 2.0},
    Role.NAME: {"short": 0.2, "label": 0.6, "text": 0.6, "dept": 0.8, "rule": 1.6, "serial": 2.0, "list": 1.5,
                "award": 1.0},
    Role.CONTENT: {"text": 0.2, "short": 0.5, "label": 0.9, "dept": 1.0, "rule": 1.0, "serial": 2.0, "list": 0.4,
                   "award": 0.3},
    Role.CRITERIA: {"rule": 0.0, "text": 0.7, "short": 1.0, "label": 1.5, "dept": 1.5, "serial": 2.0, "list": 0.2,
                    "award": 0.3},
    Role.METHOD: {"text": 0.5, "short": 0.5, "dept": 1.0, "rule": 1.2, "label": 1.5, "serial": 2.0, "list": 0.6,
                  "award": 1.0},
    Role.DEPT: {"dept": 0.0, "short": 1.2, "text": 2.5, "rule": 3.0, "label": 2.0, "serial": 2.0, "list": 3.0,
                "award": 3.0},
    Role.SCORE: {"integer": 2.0, "number": 2.0, "points": 2.0, "allocation": 2.0},
    Role.NOTE: {"short": 2.0, "text": 2.5},
    Role.TIME: {"short": 0.5, "text": 0.8, "integer": 1.0, "number": 1.0, "list": 1.0},
    Role.TARGET: {"short": 0.5, "text": 0.8, "integer": 0.3, "number": 0.3, "points": 1.0, "list": 1.0,
                  "allocation": 1.0},
    Role.ACTUAL: {"short": 0.5, "text": 0.8, "integer": 0.3, "number": 0.3, "points": 1.0, "list": 1.0,
                  "allocation": 1.0},
}
# What leaving a column blank in a row costs: merged labels and form blanks are blank by nature.
_SKIP: dict[Role, float] = {
    Role.SERIAL: 0.3, Role.GROUP: 0.0, Role.NAME: 0.6, Role.CONTENT: 0.6, Role.POINTS: 0.9,
    Role.CRITERIA: 0.6, Role.METHOD: 0.2, Role.DEPT: 0.2, Role.SCORE: 0.0, Role.NOTE: 0.0, Role.TIME: 0.2,
    Role.TARGET: 0.4, Role.ACTUAL: 0.4,
}
_SINGLE = {Role.SERIAL, Role.POINTS}  # one number per cell: never joined from several pieces
ROW_COST = 0.3
FIRST_GROUP_SKIP = 0.8
PIECE_GAIN = 1.2  # what taking one more piece into the table is worth: it ends where pieces fit worse
MAX_JOIN = 12


def kind(text: str) -> str:
    """Given a cell text, name its kind: serial, integer, number, points, label, dept, rule, short, text."""
    flat = fold(text, squash=True).text
    if not flat:
        return "empty"
    if _SERIAL.match(flat):
        return "serial"
    if _NUMBER.match(flat):
        return "integer" if flat.isdigit() and len(flat) <= 3 else "number"
    if _POINTS.match(flat):
        return "allocation" if flat[0] in "(（" else "points"
    sentence = _SENTENCE.search(flat[:-1]) is not None
    if _DEDUCTION.search(flat):
        return "rule"
    if len(flat) <= LABEL_MAX and _ALLOCATION.search(flat) and not sentence and not _POINTS_ONLY.match(flat) \
            and len(re.findall(r"\d分", flat)) == 1:
        return "label"
    if len(flat) <= 2 * SHORT_MAX and _DEPT.match(flat):
        return "dept"
    if _RULE.search(flat):
        return "rule"
    if _AWARD.search(flat):
        return "award"
    if len(_ITEMS.findall(text)) >= 2:
        return "list"
    if len(flat) <= SHORT_MAX and not sentence:
        return "short"
    return "text"


def cost(role: Role, text_kind: str) -> float:
    """Given a column role and a text kind, return how badly the text sits there (INF: never)."""
    return _COST.get(role, {}).get(text_kind, 3.0 if role in (Role.SCORE, Role.NOTE) else INF)


def skip_cost(role: Role) -> float:
    """Given a column role, return what leaving it blank in a row costs."""
    return _SKIP.get(role, 0.5)


@dataclass
class Piece:
    """A piece of a flattened table: its text, its 1-based line, and what joining it to the previous
    piece into one cell costs (a sentence break is cheap to join across, a separator dear)."""

    text: str
    line: int
    join: float = 0.0


_MARK = re.compile(rf"^(?:([{_NUM_CN}]{{1,3}})、|[（(]([{_NUM_CN}]{{1,3}})[）)]|[（(](\d{{1,2}})[）)]|(\d{{1,2}})[.、．](?!\d)|([①-⑳]))")
SIBLING_COST = 1.0
STRAY_WEIGHT = 1.0
STRAY_CAP = 3.0
_SIBLING_WINDOW = 60


def _marker(text: str) -> tuple[int, int] | None:
    """Given a piece, return its leading outline number as (style, value), or None."""
    m = _MARK.match(text)
    if m is None:
        return None
    style = next(i for i in range(1, 6) if m.group(i))
    raw = m.group(style)
    if style in (1, 2):
        value = _NUM_CN.index(raw[-1]) + 1 + (10 if len(raw) > 1 and raw[0] == "十" else 0)
    elif style == 5:
        value = ord(raw) - ord("①") + 1
    else:
        value = int(raw)
    return style, value


def _restarts(pieces: list["Piece"]) -> list[int | None]:
    """Given pieces, return for each piece numbered 1 (1、, （一）…) the index of the nearest earlier
    piece of the same numbering style: a list that starts again is another cell's list."""
    marks = [_marker(p.text) for p in pieces]
    out: list[int | None] = []
    for i, m in enumerate(marks):
        prev = None
        if m is not None and m[1] == 1:
            prev = next((j for j in range(i - 1, max(-1, i - _SIBLING_WINDOW), -1)
                         if marks[j] is not None and marks[j][0] == m[0]), None)
        out.append(prev)
    return out


def _siblings(pieces: list["Piece"]) -> list[int | None]:
    """Given pieces, return for each numbered piece (2., （三）…) the index of the one numbered just
    before it in the same style: items of one list sit in one cell, or each in the same column."""
    marks = [_marker(p.text) for p in pieces]
    out: list[int | None] = []
    for i, m in enumerate(marks):
        prev = None
        if m is not None and m[1] > 1:
            prev = next((j for j in range(i - 1, max(-1, i - _SIBLING_WINDOW), -1)
                         if marks[j] == (m[0], m[1] - 1)), None)
        out.append(prev)
    return out


@dataclass
class Placed:
    """A cell of an aligned row: its column, the pieces [start, end) it joins, its text."""

    col: int
    start: int
    end: int


def _siblings_together(rows: list[list[Placed]], roles: list[Role], sibling: list[int | None]) -> None:
    """Given aligned rows, move a cell that opens with the next number of a list (2、 after 1、) into
    the column where that list's previous item opened a cell, when both columns play the same role and
    the row leaves room: items of one list stand in one column."""
    opened = {c.start: c.col for row in rows for c in row}
    for row in rows:
        for n, c in enumerate(row):
            prev = sibling[c.start]
            target = opened.get(prev) if prev is not None else None
            if target is None or target == c.col or roles[target] is not roles[c.col]:
                continue
            low = row[n - 1].col if n else -1
            high = row[n + 1].col if n + 1 < len(row) else len(roles)
            if low < target < high:
                c.col = target
                opened[c.start] = target


def align_stream(pieces: list[Piece], roles: list[Role], cut: bool) -> tuple[list[list[Placed]], int, float]:
    """Given pieces and the header's column roles, return the rows, the number of pieces the table
    takes and its mean cost per piece. ``cut``: the text ends with these pieces, so the last row may
    stop short without its missing cells costing anything.

    A category column's labels are alike: once the first reading shows what kind of text this table's
    labels are (short names without points, say), that kind fits the column as well as a label does,
    so the labels further down are not glued onto the names beside them.
    """
    # A results form (实际完成值 beside 得分) fills every column but its notes: its 得分 holds a number
    # as 分值 does, and a target or actual value left out is as unlikely as a points cell left out.
    form = Role.ACTUAL in roles and Role.SCORE in roles
    if form:
        roles = [Role.POINTS if r is Role.SCORE else r for r in roles]
    rows, used, misfit = _align(pieces, roles, cut, {}, form)
    seen = Counter((c.col, kind("".join(p.text for p in pieces[c.start:c.end]))) for row in rows for c in row
                   if roles[c.col] is Role.GROUP)
    per_col = Counter(col for col, _ in seen.elements())
    # What most of a column's labels are, not what one stray cell placed there was.
    learned = {(col, k) for (col, k), n in seen.items()
               if cost(Role.GROUP, k) > LEARNED_COST and k in ("short", "dept") and 2 * n >= per_col[col]}
    if not learned:
        return rows, used, misfit
    return _align(pieces, roles, cut, {key: LEARNED_COST for key in learned}, form)


LEARNED_COST = 0.0
OUTER_GROUP_COST = 0.1


def _align(pieces: list[Piece], roles: list[Role], cut: bool, learned: dict[tuple[int, str], float],
           form: bool = False) -> tuple[list[list[Placed]], int, float]:
    """Given pieces, roles, costs learned for (column, kind) and whether it is a results form, align them."""
    n, k_cols = len(pieces), len(roles)
    if not n or not k_cols:
        return [], 0, INF
    skips = [skip_cost(Role.POINTS if form and r in (Role.TARGET, Role.ACTUAL) else r) for r in roles]
    prefix = [0.0]
    for s in skips:
        prefix.append(prefix[-1] + s)

    def skipped(a: int, b: int) -> float:
        return prefix[b] - prefix[a] if b > a else 0.0

    # move[k][k2]: from a cell in column k (k = k_cols: before the first row) to the next cell in k2.
    move = [[INF] * k_cols for _ in range(k_cols + 1)]
    for k in range(k_cols + 1):
        for k2 in range(k_cols):
            if k == k_cols:
                # The first row has nothing above it to merge from: its category is written there.
                move[k][k2] = skipped(0, k2) + FIRST_GROUP_SKIP * sum(1 for r in roles[:k2] if r is Role.GROUP)
            elif k2 > k:
                move[k][k2] = skipped(k + 1, k2)
            else:
                move[k][k2] = skipped(k + 1, k_cols) + ROW_COST + skipped(0, k2)
    kinds: dict[tuple[int, int], str] = {}
    # Of nested category columns the outer one is merged over more rows: a plain label is likelier inner.
    outer = [OUTER_GROUP_COST * sum(1 for r in roles[k + 1:] if r is Role.GROUP) if roles[k] is Role.GROUP else 0.0
             for k in range(k_cols)]
    sibling = _siblings(pieces)
    restart = _restarts(pieces)
    own = [kind(p.text) for p in pieces]
    fits = [min(cost(r, k) for r in roles) for k in own]

    def stray(k2: int, i: int) -> float:
        """A piece joined into a cell of a column its kind does not fit, while another column fits it."""
        here = cost(roles[k2], own[i])
        return STRAY_WEIGHT * (min(here, STRAY_CAP) - fits[i]) if here > fits[i] else 0.0

    def cell(k2: int, a: int, b: int) -> float:
        if b - a > 1 and roles[k2] in _SINGLE:
            return INF
        if (a, b) not in kinds:
            kinds[(a, b)] = kind("".join(p.text for p in pieces[a:b]))
        c = learned.get((k2, kinds[(a, b)]), cost(roles[k2], kinds[(a, b)]) + outer[k2] * (kinds[(a, b)] != "label"))
        strays = sum(1 for i in range(a + 1, b) if sibling[i] is not None and sibling[i] < a
                     or restart[i] is not None and restart[i] >= a)
        misfits = sum(stray(k2, i) for i in range(a, b)) if b - a > 1 else 0.0
        return c + sum(p.join for p in pieces[a + 1:b]) + SIBLING_COST * strays + misfits - PIECE_GAIN * (b - a)

    best: list[list[float]] = [[INF] * (k_cols + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (k_cols + 1) for _ in range(n + 1)]
    best[0][k_cols] = 0.0
    for a in range(n):
        entry = [min((best[a][k] + move[k][k2], k) for k in range(k_cols + 1)) for k2 in range(k_cols)]
        for k2, (base, k_prev) in enumerate(entry):
            if base == INF:
                continue
            for b in range(a + 1, min(n, a + MAX_JOIN) + 1):
                c = cell(k2, a, b)
                if c == INF:
                    continue
                total = base + c
                if total < best[b][k2]:
                    best[b][k2] = total
                    back[b][k2] = (a, k_prev)
    ends = []
    for b in range(1, n + 1):
        for k in range(k_cols):
            if best[b][k] == INF:
                continue
            tail = 0.0 if (cut and b == n) else skipped(k + 1, k_cols)
            ends.append((best[b][k] + tail, -b, k))
    if not ends:
        return [], 0, INF
    total, neg_b, k = min(ends)
    b = -neg_b
    cells: list[Placed] = []
    while b > 0 and k < k_cols:
        a, k_prev = back[b][k]
        cells.append(Placed(k, a, b))
        b, k = a, k_prev
    cells.reverse()
    rows: list[list[Placed]] = []
    for c in cells:
        if not rows or c.col <= rows[-1][-1].col:
            rows.append([])
        rows[-1].append(c)
    _siblings_together(rows, roles, sibling)
    used = cells[-1].end
    return rows, used, (total + PIECE_GAIN * used) / used


HOLE_COST = 0.3   # a column left out between two cells: merged from the row above, or empty
TRAIL_COST = 0.5  # a column left out after the last cell, unless it is a form blank or the text is cut


PROFILE_BONUS = 0.4  # a kind already seen in a column fits it better than its name alone says
LIKENESS_BONUS = 0.8  # cells of one column share their wording ('…提供相关材料')
LENGTH_WEIGHT = 0.3   # … and their length


def _bigrams(text: str) -> set[str]:
    """Given a text, return its character pairs (white space and punctuation dropped)."""
    flat = re.sub(r"[\s\W_]+", "", fold(text, squash=True).text)
    return {flat[i:i + 2] for i in range(len(flat) - 1)}


def place_row(texts: list[str], roles: list[Role], cut: bool = False,
              examples: list[list[str]] | None = None) -> list[int] | None:
    """Given a short row's cell texts (in order) and the columns' roles, return the column of each
    cell, keeping their order, or None when they fit nowhere.

    Cells left out before the first were merged from the rows above (free); left out between cells
    they were merged or empty; left out at the end they were empty (or cut off with ``cut``).
    Among equal fits the cells stand as far right as they can. ``examples``: each column's texts in
    the table's full rows; a cell of the same kind or wording as a column's fits it better.
    """
    kinds = [kind(t) for t in texts]
    seen = [{kind(t) for t in col if t.strip()} for col in examples] if examples else None
    words = [set().union(*(_bigrams(t) for t in col)) if col else set() for col in examples] if examples else None
    sizes = [sum(len(t) for t in col) / len(col) if col else 0.0 for col in examples] if examples else [0.0] * len(roles)

    def fit(c: int, i: int) -> float:
        base = cost(roles[c], kinds[i])
        if base == INF or seen is None:
            return base
        if kinds[i] in seen[c]:
            base -= PROFILE_BONUS
        mine = _bigrams(texts[i])
        if mine and words[c]:
            base -= LIKENESS_BONUS * len(mine & words[c]) / len(mine)
        if sizes[c]:
            base += LENGTH_WEIGHT * abs(math.log((len(texts[i]) + 4) / (sizes[c] + 4)))
        return max(0.0, base)

    n, k_cols = len(kinds), len(roles)
    if not n or n > k_cols:
        return None
    trail = [0.0] * (k_cols + 1)
    for c in range(k_cols - 1, -1, -1):
        blank = cut or roles[c] in (Role.SCORE, Role.NOTE)
        trail[c] = trail[c + 1] + (0.0 if blank else TRAIL_COST)
    # best[i][c]: cells [0, i] placed with cell i in column c.
    best = [[INF] * k_cols for _ in range(n)]
    back = [[-1] * k_cols for _ in range(n)]
    for c in range(k_cols):
        best[0][c] = fit(c, 0)
    for i in range(1, n):
        for c in range(i, k_cols):
            here = fit(c, i)
            if here == INF:
                continue
            for p in range(i - 1, c):
                total = best[i - 1][p] + HOLE_COST * (c - p - 1) + here
                if total <= best[i][c]:
                    best[i][c], back[i][c] = total, p
    ends = [(best[n - 1][c] + trail[c + 1], -c) for c in range(k_cols) if best[n - 1][c] < INF]
    if not ends:
        return None
    _, neg = min(ends)
    out, c = [], -neg
    for i in range(n - 1, -1, -1):
        out.append(c)
        c = back[i][c]
    return out[::-1]
