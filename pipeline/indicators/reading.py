"""Interpretation by evidence: candidate readings of a table's columns, scored by how well the body fits.

A reading says which column names the row, which are category levels above it, which hold criteria,
points, weights, departments. The header's words propose one reading; the table's shape proposes others
(a column whose cells span or repeat over several rows is a level above; a column with one short
distinct text per row names the row; numbers are points; 扣/加/得…分 sentences are criteria; 科/室/局…
that recur are departments). Each reading is scored on the body; the best is kept and its lead over
the runner-up is the confidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from schemas.raw import TableCell

from .columns import Role, group_points, row_cells, runs
from .scoring import is_scoring
from .text import key, parse_points, squash, stated_points

_UNIT = re.compile(r"(?:科|室|局|办|委|部|中心|所|处|队|站|组|院|庭|团|会|公司|车间|办公室|街道|各单位|各部门)$")
_PERCENT = re.compile(r"\d\s*[%％]")
TEXT_ROLES = (Role.CATEGORY, Role.NAME, Role.CONTENT, Role.CRITERIA)
MAX_NAME_LEN = 30
MIN_NAME_COVERAGE = 0.8  # a column that names the rows has text on (nearly) every row
HEADER_AGREES = 0.6  # what a header word adds to a column read the way it says
GROUPS_ROWS = 1 / 3  # a column whose texts stand for a third of its rows or more groups them
RULES_SHARE = 0.3  # a criteria column holds rules when this share of its texts score (扣2分, 不得分 …)
ADDS_UP = 1.0  # what a category column whose stated points its rows add up to adds to a reading
OUTLINE_ABOVE = 1.5  # what a name column numbered a level above the 序号 column (一、 beside 1) costs a reading
NUMBERED = 0.5  # a column is numbered one way when this share of its texts are
_ARABIC = re.compile(r"^\d{1,3}(?:[.、．]|$)")
_CHAPTER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])")


@dataclass
class Stats:
    """How a column fills the body rows."""

    col: int
    body: int  # body rows
    rows: int  # body rows with text in this column
    blanks_below: int  # blank cells under a text (a text dump's merged cell: the text once, blanks below)
    cells: int  # distinct cells holding that text
    groups: int  # rows that share their text with the row above (merged or repeated)
    texts: list[str]
    mean_len: float
    points: float  # share of texts that read as points
    percent: float
    scoring: float
    units: float

    @property
    def one_per_row(self) -> float:
        return 1 - self.groups / self.rows if self.rows else 0.0

    @property
    def coverage(self) -> float:
        return self.rows / self.body if self.body else 0.0

    @property
    def distinct(self) -> float:
        return len(set(self.texts)) / len(self.texts) if self.texts else 0.0


def column_stats(grid: list[list[TableCell | None]], col: int, body: list[int]) -> Stats:
    """Given a grid, a column and the body rows, return how the column fills them."""
    texts: list[str] = []
    rows = cells = groups = blanks = 0
    previous_text = None
    seen: set[int] = set()
    for r in body:
        cell = grid[r][col] if col < len(grid[r]) else None
        if cell is None or cell.col != col or not key(cell.text):
            if cell is not None and cell.col == col and texts:
                blanks += 1
            previous_text = None
            continue
        text = key(cell.text)
        rows += 1
        if id(cell) in seen or (previous_text == text):
            groups += 1
        else:
            cells += 1
            texts.append(text)
        seen.add(id(cell))
        previous_text = text
    n = len(texts) or 1
    return Stats(
        col=col, body=len(body), rows=rows, blanks_below=blanks, cells=cells, groups=groups, texts=texts,
        mean_len=sum(map(len, texts)) / n,
        points=sum(1 for t in texts if parse_points(t) is not None) / n,
        percent=sum(1 for t in texts if _PERCENT.search(t)) / n,
        scoring=sum(1 for t in texts if is_scoring(t)) / n,
        units=sum(1 for t in texts if len(t) <= 16 and any(_UNIT.search(p) for p in re.split(r"[、,，/；;]", t))) / n,
    )


def _grouping(s: Stats) -> float:
    """Given a column's stats, return the share of its rows that belong to the text of a row above
    (merged, repeated, or printed once with blanks below)."""
    return (s.groups + s.blanks_below) / (s.rows + s.blanks_below) if s.rows else 0.0


def _fit(role: Role, s: Stats) -> float:
    """Given a role and a column's stats, return how well the column plays that role (about -1 … 1)."""
    if not s.rows:
        return 0.0
    if role is Role.NAME:
        short = 1.0 if s.mean_len <= MAX_NAME_LEN else (0.0 if s.mean_len <= 2 * MAX_NAME_LEN else -1.0)
        return 0.5 * s.one_per_row * s.coverage + 0.3 * s.distinct + 0.4 * short - 0.6 * s.points - 0.3 * s.scoring \
            - 0.8 * (1 - s.coverage)
    if role is Role.CATEGORY:
        return 1.2 * _grouping(s) - 0.5 + (0.2 if s.mean_len <= MAX_NAME_LEN else -0.3) - 0.6 * s.points
    if role in (Role.CRITERIA, Role.CONTENT):
        return 0.6 * s.scoring + (0.3 if s.mean_len > 8 else -0.2) - 0.6 * s.points
    if role in (Role.POINTS, Role.GROUP_POINTS):
        return 1.2 * s.points - 0.6
    if role in (Role.WEIGHT, Role.GROUP_WEIGHT):
        return 1.2 * max(s.points, s.percent) - 0.6
    if role is Role.DEPARTMENT:
        return 1.0 * s.units + 0.3 * (1 - s.distinct) - 0.5
    return 0.0


def score(roles: dict[int, Role], stats: dict[int, Stats], header: dict[int, Role]) -> float:
    """Given a reading, the columns' stats and the header's words, return the reading's score."""
    total = 0.0
    for col, role in roles.items():
        if col in stats:
            total += _fit(role, stats[col])
    # A header word over several columns (one cell spanning them) names them together: it agrees once
    # when one of them plays its role ('考核内容' over '场所设置 | 基础设施').
    for run in _header_runs(header):
        if any(_agrees(header[run[0]], roles.get(c)) for c in run if c in stats):
            total += HEADER_AGREES
    names = [c for c, r in roles.items() if r is Role.NAME]
    cats = [c for c, r in roles.items() if r is Role.CATEGORY]
    if names and any(c > min(names) for c in cats):
        total -= 1.0  # a category level stands left of the name it groups
    # A row has one name: of two name columns, one whose cells group rows is a level above the other.
    total -= 1.0 * sum(1 for c in sorted(names)[:-1] if c in stats and _grouping(stats[c]) >= GROUPS_ROWS)
    if not names and not any(r in (Role.CONTENT, Role.CRITERIA) for r in roles.values()):
        total -= 2.0
    # A name column numbered a level above the rows' 序号 ('一、水环境质量' beside 1, 2) whose cells group rows
    # heads those rows: it is a category, not their name.
    if any(r is Role.NUMBER and c in stats and _share(stats[c], _ARABIC) >= NUMBERED for c, r in roles.items()):
        total -= OUTLINE_ABOVE * sum(1 for c in names if c in stats and _grouping(stats[c]) >= GROUPS_ROWS
                                     and _share(stats[c], _CHAPTER) >= NUMBERED)
    return total


def _share(s: Stats, pattern: re.Pattern) -> float:
    """Given a column's stats, return the share of its texts that open with ``pattern``."""
    return sum(1 for t in s.texts if pattern.match(t)) / len(s.texts) if s.texts else 0.0


_SAME_WORD = {Role.GROUP_POINTS: Role.POINTS, Role.GROUP_WEIGHT: Role.WEIGHT}


def _agrees(said: Role, role: Role | None) -> bool:
    """Given the header's role for a column and a reading's, tell whether they agree ('分值' is a row's or
    a category's points by position, not by its word)."""
    return role is not None and _SAME_WORD.get(role, role) is said


def _header_runs(header: dict[int, Role]) -> list[list[int]]:
    """Given the header's roles by column, return runs of adjacent columns the header gives one role."""
    runs: list[list[int]] = []
    for col in sorted(header):
        if runs and runs[-1][-1] == col - 1 and header[runs[-1][0]] is header[col]:
            runs[-1].append(col)
        else:
            runs.append([col])
    return runs


def variants(roles: dict[int, Role], stats: dict[int, Stats]) -> list[dict[int, Role]]:
    """Given a reading, return the readings the shape suggests instead.

    A category column with one distinct short text per row names the row (the column named after it
    becomes its content); a name column whose cells group several rows is a category, and the next
    text column to its right (another name column among them: 三级指标 | 考核指标) names the rows.
    """
    out = []
    names = sorted(c for c, r in roles.items() if r is Role.NAME)
    for col in sorted(c for c, r in roles.items() if r is Role.CATEGORY):
        s = stats.get(col)
        if s and s.rows and s.groups == 0 and s.coverage >= MIN_NAME_COVERAGE and s.mean_len <= MAX_NAME_LEN and not any(
                roles.get(c) is Role.CATEGORY for c in range(col + 1, max(names + [col]) + 1)):
            alt = dict(roles)
            for n in names:
                alt[n] = Role.CONTENT
            alt[col] = Role.NAME
            out.append(alt)
    criteria = sorted(c for c, r in roles.items() if r is Role.CRITERIA)
    if not names and Role.CONTENT not in roles.values() and len(criteria) >= 2:
        # Several columns said to hold rules and none to name the row ('考核标准 | 考核细则'): the leftmost, short
        # and one distinct text per row, may name the rows the others rule on.
        s = stats.get(criteria[0])
        if s and s.rows and s.groups == 0 and s.mean_len <= MAX_NAME_LEN and s.distinct == 1.0:
            alt = dict(roles)
            alt[criteria[0]] = Role.NAME
            out.append(alt)
    if not names:
        # No column is said to name the row: an unlabelled text column, one cell per row, left of the rules.
        rules = min((c for c, r in roles.items() if r is Role.CRITERIA), default=None)
        for col, s in sorted(stats.items()):
            if col not in roles and s.rows and s.groups == 0 and s.points < 0.5 and (rules is None or col < rules):
                alt = dict(roles)
                alt[col] = Role.NAME
                out.append(alt)
    for col, role in sorted(roles.items()):
        # Two columns read alike side by side (one header cell over both): the left one, grouping rows, is a
        # level above the right one.
        s = stats.get(col)
        if role in (Role.NAME, Role.CONTENT) and roles.get(col + 1) is role and s and s.rows and _grouping(s) >= GROUPS_ROWS:
            alt = dict(roles)
            alt[col] = Role.CATEGORY
            out.append(alt)
    for col in names:
        s = stats.get(col)
        right = sorted(c for c, r in roles.items() if c > col and r in (Role.NAME, Role.CONTENT, Role.CRITERIA))
        if s and s.rows and _grouping(s) >= GROUPS_ROWS and right:
            alt = dict(roles)
            alt[col] = Role.CATEGORY
            alt[right[0]] = Role.NAME
            out.append(alt)
    return out


def _levels(roles: dict[int, Role], stats: dict[int, Stats]) -> dict[int, Role] | None:
    """Given a reading, return the one where the first text column with one distinct text per row names
    the rows and every text column left of it that groups rows is a level above ('大项 | 小项 | 具体项目 |
    具体内容', each level merged over the next); None when the shape shows no such levels."""
    text = sorted(c for c, r in roles.items() if r in TEXT_ROLES and c in stats)
    name = next((c for c in text if stats[c].rows and stats[c].groups == 0 and stats[c].coverage >= MIN_NAME_COVERAGE
                 and stats[c].distinct == 1.0), None)
    above = [c for c in text if name is not None and c < name]
    grouping = [_grouping(stats[c]) if stats[c].rows else 0.0 for c in above]
    # Levels nest: the outermost groups a third of the rows or more, each inner one groups some, and fewer.
    nested = bool(above) and grouping[0] >= GROUPS_ROWS and all(0 < b <= a for a, b in zip(grouping, grouping[1:]))
    if not nested or all(roles[c] is Role.CATEGORY for c in above):
        return None  # no levels, or the reading has them already (naming the rows by 名称 or 内容 reads alike)
    # Rules that name the rows stay rules: with no name column the builder names each row by them.
    alt = {**roles, **{c: Role.CATEGORY for c in above}, name: roles[name] if roles[name] is Role.CRITERIA else Role.NAME}
    for c in text:
        if c > name and alt[c] is Role.NAME:
            alt[c] = Role.CONTENT
    return alt if alt != roles else None


def _with_rules(roles: dict[int, Role], stats: dict[int, Stats]) -> dict[int, Role] | None:
    """Given a reading that names its rows, return it with the columns it leaves unread whose texts score
    ('扣0.5分') read as rules; None when there are none."""
    unread = [c for c, s in sorted(stats.items()) if c not in roles and s.rows and s.scoring >= RULES_SHARE]
    if not unread or not any(r in (Role.NAME, Role.CONTENT) for r in roles.values()):
        return None
    return {**roles, **{c: Role.CRITERIA for c in unread}}


def shape_readings(stats: dict[int, Stats]) -> list[dict[int, Role]]:
    """Given the columns' stats of a table whose header says nothing, return readings by shape alone."""
    numeric = {c for c, s in stats.items() if s.rows and max(s.points, s.percent) >= 0.7}
    text = [c for c, s in stats.items() if s.rows and c not in numeric]
    out = []
    for name in text:
        roles: dict[int, Role] = {}
        for c in numeric:
            roles[c] = Role.WEIGHT if stats[c].percent >= 0.7 else Role.POINTS
        for c in text:
            s = stats[c]
            if c < name:
                roles[c] = Role.CATEGORY
            elif c == name:
                roles[c] = Role.NAME
            elif s.units >= 0.6 and s.mean_len <= 12:
                roles[c] = Role.DEPARTMENT
            else:
                roles[c] = Role.CRITERIA if s.scoring >= 0.3 else Role.CONTENT
        out.append(roles)
    return out


def _scores_something(roles: dict[int, Role], stats: dict[int, Stats]) -> bool:
    """Tell whether a reading made by shape alone finds what a scoring table has: points or rules."""
    return any(r in (Role.POINTS, Role.WEIGHT) for r in roles.values()) or any(
        r is Role.CRITERIA and stats[c].scoring >= RULES_SHARE for c, r in roles.items())


def shape_scores(grid: list[list[TableCell | None]], roles: dict[int, Role], body: list[int]) -> bool:
    """Given a reading made by shape alone, tell whether the body has what a scoring table has beyond
    numbers beside words: a level of merged cells above the names, or rules that score."""
    stats = {c: column_stats(grid, c, body) for c in roles}
    return any(r is Role.CATEGORY and stats[c].rows and _grouping(stats[c]) >= GROUPS_ROWS for c, r in roles.items()) \
        or any(r is Role.CRITERIA and stats[c].scoring >= RULES_SHARE for c, r in roles.items())


def choose(grid: list[list[TableCell | None]], header: dict[int, Role], proposed: dict[int, Role] | None,
           body: list[int], ncols: int) -> tuple[dict[int, Role] | None, float]:
    """Given a table's grid, its header's roles, the reading they propose (or None) and the body rows,
    return the best-scoring reading and its margin over the runner-up (0 … 1, 1 when alone)."""
    stats = {c: column_stats(grid, c, body) for c in range(ncols)}
    candidates: list[dict[int, Role]] = []
    if proposed:
        candidates.append(proposed)
        candidates += variants(proposed, stats)
        levels = _levels(proposed, stats)
        # Rows whose 分值 is merged like the level above them have no points of their own: that level is one
        # item over several rows (its criteria row and its 数据来源 row), not a level.
        if levels is not None and (Role.POINTS not in levels.values()
                                   or Role.POINTS in group_points(levels, grid, body).values()):
            candidates.append(levels)
    if not proposed or len(header) < 2:
        candidates += [r for r in shape_readings(stats) if _scores_something(r, stats)]
    if not candidates:
        return None, 0.0
    candidates += [r for r in map(lambda c: _with_rules(c, stats), candidates) if r is not None]
    # A reading that finds a category column also finds the 分值 cells merged like it (the categories' points).
    candidates = [group_points(c, grid, body) for c in candidates]
    # The points count where the readings differ on them: a level all of them read alike adds nothing to the lead.
    sums = [adds_up(grid, r, body) for r in candidates]
    scored = sorted(((score(r, stats, header) + sums[n] - min(sums), n, r) for n, r in enumerate(candidates)),
                    key=lambda t: (-t[0], t[1]))
    best = scored[0]
    if len(scored) == 1:
        return best[2], 1.0
    runner = next((s for s in scored[1:] if s[2] != best[2] and _plausible(s[2], stats)), None)
    if runner is None:
        return best[2], 1.0
    spread = abs(best[0]) + abs(runner[0])
    return best[2], (best[0] - runner[0]) / spread if spread else 0.0


def adds_up(grid: list[list[TableCell | None]], roles: dict[int, Role], body: list[int]) -> float:
    """Given a reading, return what the points say of its levels: for each category column, the share of its
    cells over several rows whose stated points ('组织领导(15分)', or its cell in a level's 分值 column) the
    rows' 分值 beneath them add up to."""
    points = [c for c, r in roles.items() if r is Role.POINTS][:1]
    levels = [c for c, r in roles.items() if r is Role.GROUP_POINTS][:1]
    position = {r: n for n, r in enumerate(body)}

    def value(r: int, col: int) -> float | None:
        cell = grid[r][col] if col < len(grid[r]) else None
        return parse_points(cell.text) if cell is not None else None

    total = 0.0
    for col in (c for c, r in roles.items() if r is Role.CATEGORY):
        stated = []  # (the level's stated points, the rows' points beneath it) for each cell over several rows
        for first, n in runs(grid, col, body):
            said = stated_points(squash(grid[first][col].text))[1]
            if said is None and levels:  # the level's points in a 分值 column merged like it
                said = value(first, levels[0])
            if said is not None and n >= 2 and points:
                stated.append((said, [value(r, points[0]) for r in body[position[first]:position[first] + n]]))
        if stated:
            agree = sum(1 for said, rows in stated if None not in rows and abs(sum(rows) - said) < 1e-6)
            total += ADDS_UP * agree / len(stated)
    return total


def _plausible(roles: dict[int, Role], stats: dict[int, Stats]) -> bool:
    """Tell whether a losing reading is a real alternative, so that losing to it by little is a doubt: not one
    that names no row while several columns hold rules (each name would be several rule cells run together).
    A loser whose category column groups no rows stays one: categories of a single item are real, and on
    sealed documents setting it aside let wrong tables through unflagged."""
    return any(r in (Role.NAME, Role.CONTENT) for r in roles.values()) or \
        sum(1 for c, r in roles.items() if r is Role.CRITERIA and c in stats and stats[c].rows) < 2


def looks_like_header(grid: list[list[TableCell | None]], r: int) -> bool:
    """Given a row, tell whether it reads as a header by shape: short labels, no numbers, no rules, and
    the rows below fill the same columns with longer or numeric text."""
    cells = [c for c in row_cells(grid[r]) if key(c.text)]
    if len(cells) < 3 or r + 1 >= len(grid):
        return False
    if any(len(key(c.text)) > 8 or parse_points(c.text) is not None or is_scoring(c.text) for c in cells):
        return False
    below = [c for row in grid[r + 1:r + 4] for c in row_cells(row) if key(c.text) and c.row > r]
    return bool(below) and (sum(len(key(c.text)) for c in below) / len(below) > 1.5 * sum(len(key(c.text)) for c in cells) / len(cells)
                            or any(parse_points(c.text) is not None for c in below))
