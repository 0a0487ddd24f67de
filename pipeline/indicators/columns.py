"""Column roles: which column of a scoring table holds the category, name, criteria, points …"""
from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

from schemas.raw import Table, TableCell

from .text import key, parse_points, simplified


class Role(str, Enum):
    CATEGORY = "category"
    NUMBER = "number"
    NAME = "name"
    CONTENT = "content"
    CRITERIA = "criteria"
    POINTS = "points"
    DEPARTMENT = "department"
    TIMING = "timing"
    TARGET = "target"
    ACTUAL = "actual"
    SCORE = "score"
    GROUP_POINTS = "group_points"  # a 分值 column that states the category's points, not the row's
    WEIGHT = "weight"  # 权重: a share of the whole, not points
    GROUP_WEIGHT = "group_weight"  # a 权重 column that states the category's weight


# First match wins, so the specific words come before the generic ones they contain.
HEADER_WORDS: list[tuple[Role, tuple[str, ...]]] = [
    (Role.TARGET, ("年初目标值", "目标值", "预期目标")),
    (Role.ACTUAL, ("实际完成值", "完成值", "完成情况")),
    (Role.SCORE, ("实得分", "自评分", "得分")),
    (Role.TIMING, ("考评时间", "考核时间", "时间节点", "完成时限", "时间")),
    (Role.WEIGHT, ("权重", "比重", "占比")),
    (Role.POINTS, ("分值", "分数", "标准分", "满分", "应得分", "基本分")),
    (Role.NUMBER, ("序号", "编号")),
    (Role.DEPARTMENT, ("责任部门", "责任科室", "考评科室", "考核科室", "牵头单位", "责任单位",
                       "考评单位", "考核部门", "考评部门", "考核单位", "牵头部门", "责任股室", "部门",
                       "科室")),
    (Role.CRITERIA, ("赋分办法", "赋分标准", "打分方法", "扣分标准", "评分标准", "考核标准", "考评标准", "计分办法", "评分办法",
                     "评分细则", "扣分细则", "考核细则", "加分标准", "计分标准", "评分方法", "考核办法",
                     "扣分办法", "评分规则", "扣分规则", "计分规则", "考核规则", "计分方法", "计分方式", "评分方式",
                     "赋分方式", "标准")),
    (Role.NAME, ("指标名称", "三级指标", "考核指标", "指标内容", "项目名称", "名称")),
    (Role.CATEGORY, ("工作类别", "一级指标", "二级指标", "考核项目", "考评项目", "类别", "事项",
                     "项目", "类型")),
    (Role.CONTENT, ("考核内容", "考评内容", "工作内容", "工作任务", "目标任务", "工作目标", "考核要点",
                    "要求", "内容", "指标", "目标")),
]

MAX_HEADER_LEN = 12
_STATES_POINTS = re.compile(r"[（(]\d+(?:\.\d+)?分[）)]")
_PAREN = re.compile(r"[（(][^（）()]*[）)]")
_INTEGER = re.compile(r"^\d{1,3}[.、]?$")
_LEVEL = re.compile(r"^[一二三四五][级級](?!.*(?:单位|單位|部门|部門|机构|機構))[\u4e00-\u9fff]{1,4}$")  # '二级单位' is a unit


@lru_cache(maxsize=4096)  # every row of every table is tried as a header; the same cells recur
def header_role(text: str) -> Role | None:
    """Given a header cell ('事 项', '工作\\n类别', '年初目标值（A）'), return its role or None."""
    k = _PAREN.sub("", key(text))
    if not k or len(k) > MAX_HEADER_LEN:
        return None
    k = simplified(k)  # '考核項目', '評分細則': the words are recognised in either script
    for role, words in HEADER_WORDS:
        if any(w in k for w in words):
            return role
    # '一级要素', '二级项目': a level of a hierarchy whatever it is called (the innermost may name the rows).
    return Role.CATEGORY if _LEVEL.match(k) else None


def row_cells(grid_row: list[TableCell | None]) -> list[TableCell]:
    """Given one row of a dense grid, return its distinct cells left to right."""
    return _distinct(grid_row)


def _distinct(cells) -> list[TableCell]:
    """Given cells in order (None and repeats of a spanning cell among them), return each cell once, first seen first."""
    # Identity, not equality: two merged cells may hold the same text. A set keeps this linear in the cells.
    seen: set[int] = set()
    out: list[TableCell] = []
    for cell in cells:
        if cell is not None and id(cell) not in seen:
            seen.add(id(cell))
            out.append(cell)
    return out


def header_roles(grid_row: list[TableCell | None]) -> dict[int, Role] | None:
    """Given a grid row, return column → role when it reads as a header row, else None."""
    cells = [c for c in row_cells(grid_row) if key(c.text)]
    if len(cells) < 2:
        return None
    roles = {id(c): header_role(c.text) for c in cells}
    if sum(r is not None for r in roles.values()) < 2:
        return None
    if any(parse_points(c.text) is not None or len(key(c.text)) > 2 * MAX_HEADER_LEN or _STATES_POINTS.search(key(c.text))
           for c in cells):
        return None  # a header names columns; a cell stating points ('部门决策(25分)') is a row of items
    contents = [c for c in cells if roles[id(c)] is Role.CONTENT]
    if len(contents) >= 2 and Role.NAME not in roles.values():
        roles[id(contents[0])] = Role.NAME  # '考核内容 | 考核要求': the first names the row, the second is its content
    out: dict[int, Role] = {}
    for col, cell in enumerate(grid_row):
        if cell is not None and roles.get(id(cell)) is not None:
            out[col] = roles[id(cell)]
    return out


def _column_texts(grid: list[list[TableCell | None]], col: int, rows: range) -> list[str]:
    """Given a grid, return the non-empty texts of one-column cells in ``col`` over ``rows`` (no title rows)."""
    cells = _distinct(grid[r][col] for r in rows)
    texts = (key(c.text) for c in cells if c.col == col and c.col_span == 1)
    return [t for t in texts if t]


def content_role(texts: list[str]) -> Role | None:
    """Given a column's texts, say whether they read as 序号 (1, 2, 3 …) or 分值 (10分, 5 …)."""
    if not texts:
        return None
    integers = [t for t in texts if _INTEGER.match(t)]
    if len(integers) >= 0.7 * len(texts):
        values = [int(re.sub(r"\D", "", t)) for t in integers]
        ascending = sum(b > a or b == 1 for a, b in zip(values, values[1:]))  # 1 restarts a block
        if values and values[0] <= 2 and ascending >= 0.6 * max(len(values) - 1, 1):
            return Role.NUMBER
    points = [t for t in texts if parse_points(t) is not None]
    if (len(points) >= 0.7 * len(texts) and any("分" in t for t in texts)) or len(points) == len(texts):
        return Role.POINTS
    return None


def refine_roles(
    table: Table, grid: list[list[TableCell | None]], roles: dict[int, Role], body: range
) -> dict[int, Role]:
    """Given header roles, settle the columns a spanning header shares and unlabelled ones by content."""
    out = dict(roles)
    for col in range(table.num_cols):
        role = roles.get(col)
        spanned = role is not None and any(roles.get(c) is role for c in range(table.num_cols) if c != col)
        if role is not None and not spanned:
            continue  # a header cell of its own says it all
        texts = _column_texts(grid, col, body)
        guess = content_role(texts)
        # An unlabelled second column of points is a level's when its cells each stand over several rows
        # ('总分' beside '分值').
        if guess is not None and (guess not in (out.get(c) for c in range(table.num_cols) if c != col)
                                  or (guess is Role.POINTS and role is None and _over_rows(grid, col, body))):
            out[col] = guess
        elif spanned and not texts:
            out.pop(col)
    return out


def settle_roles(roles: dict[int, Role], grid: list[list[TableCell | None]], body: range) -> dict[int, Role]:
    """Given a table's column roles, settle what the header leaves to position.

    Without a name or content column, the innermost of several category columns (一级指标 | 二级指标)
    names the row. A 分值 column states the category's points, not the row's, when it sits left of
    the row's text with another 分值 column further right ('考核项目 | 分值 | 考核内容 | 分值'), or when
    its cells are merged exactly like the category cells ('基础建设 | 40' over several rows).
    """
    out = group_points(roles, grid, body)
    categories = sorted(c for c, r in out.items() if r is Role.CATEGORY)
    if len(categories) >= 2 and not {Role.NAME, Role.CONTENT} & set(out.values()):
        out[categories[-1]] = Role.NAME
    text_cols = [c for c, r in out.items() if r in (Role.NAME, Role.CONTENT, Role.CRITERIA)]
    points = sorted(c for c, r in out.items() if r is Role.POINTS)
    if text_cols and len(points) >= 2:
        first_text = min(text_cols)
        for col in points:
            if col < first_text and any(p > first_text for p in points) and out.get(col - 1) is Role.CATEGORY:
                out[col] = Role.GROUP_POINTS
    return out


def group_points(roles: dict[int, Role], grid: list[list[TableCell | None]], body) -> dict[int, Role]:
    """Given a reading, return it with a 分值/权重 column whose cells are merged exactly like the category
    cells ('基础建设 | 40' over several rows) read as the categories' points or weights."""
    out = dict(roles)
    for col in [c for c, r in out.items() if r in (Role.POINTS, Role.WEIGHT)]:
        if _merged_like_categories(grid, out, col, body):
            out[col] = Role.GROUP_POINTS if out[col] is Role.POINTS else Role.GROUP_WEIGHT
    return out


def runs(grid: list[list[TableCell | None]], col: int, body) -> list[tuple[int, int]]:
    """Given a column, return (first row, rows) of each filled cell over the body: the rows it spans, and in a
    text dump the empty cells under it (a merged cell printed once)."""
    out: list[tuple[int, int]] = []
    owner = None
    for r in body:
        cell = grid[r][col] if col < len(grid[r]) else None
        if cell is not None and cell.col == col and key(cell.text) and id(cell) != owner:
            owner = id(cell)
            out.append((r, 1))
        elif out and owner is not None:
            out[-1] = (out[-1][0], out[-1][1] + 1)
    return out


def _over_rows(grid: list[list[TableCell | None]], col: int, body) -> bool:
    """Given a column, tell whether most of its cells stand over several rows."""
    found = runs(grid, col, body)
    return bool(found) and sum(1 for _, n in found if n > 1) >= len(found) / 2


def _merged_like_categories(grid: list[list[TableCell | None]], roles: dict[int, Role], col: int, body) -> bool:
    """Given a 分值 column, tell whether its body cells mostly stand over several rows, each like a category cell."""
    spans = {run for c, r in roles.items() if r is Role.CATEGORY for run in runs(grid, c, body)}
    points = runs(grid, col, body)
    merged = [run for run in points if run[1] > 1]
    return len(merged) >= max(1, len(points) / 2) and all(run in spans for run in merged)


def roles_fit(grid: list[list[TableCell | None]], roles: dict[int, Role]) -> bool:
    """Given a table without its own header and the previous table's roles, tell whether its columns
    still read that way: where the 分值 column holds text, it must mostly be points."""
    if not grid:
        return True
    for col, role in roles.items():
        texts = _column_texts(grid, col, range(len(grid))) if col < len(grid[0]) else []
        if role is Role.POINTS and texts and sum(parse_points(t) is not None for t in texts) < 0.5 * len(texts):
            return False
    return True


MAX_DEPARTMENT_LEN = 10


def infer_roles(grid: list[list[TableCell | None]]) -> dict[int, Role] | None:
    """Given a table without a header row, read its columns by content, or None when they do not say.

    It takes one 序号 column (1, 2, 3 …) and one 分值 column (10分 …): the text column with the
    longest cells is the criteria, the first other one left of it the name, a short one right of the
    分值 column the department.
    """
    if not grid:
        return None
    rows = range(len(grid))
    texts = {c: _column_texts(grid, c, rows) for c in range(len(grid[0]))}
    guesses = {c: content_role(t) for c, t in texts.items()}
    number = [c for c, r in guesses.items() if r is Role.NUMBER]
    points = [c for c, r in guesses.items() if r is Role.POINTS]
    if len(number) != 1 or len(points) != 1:
        return None
    out = {number[0]: Role.NUMBER, points[0]: Role.POINTS}
    words = {c: t for c, t in texts.items() if guesses[c] is None and t}
    mean = {c: sum(map(len, t)) / len(t) for c, t in words.items()}
    if not mean:
        return None
    criteria = max(mean, key=mean.get)
    out[criteria] = Role.CRITERIA
    name = next((c for c in sorted(mean) if c < criteria), None)
    if name is not None:
        out[name] = Role.NAME
    department = next((c for c in sorted(mean) if c > points[0] and c != criteria and mean[c] <= MAX_DEPARTMENT_LEN), None)
    if department is not None:
        out[department] = Role.DEPARTMENT
    return out
