"""Rating sheets: indicator tables turned sideways or written as tick boxes.

Criteria as columns: one row per rater, unit or part, one column per criterion, the body left blank (or
ticked) for the assessor — the column headings are the indicators. Scales as rows: an aspect on each
row with a scale of options to tick ('□迅速准确 □基本按时到位'). Weights come from the heading itself
('工作作风（10%）') or from a formula such as '综合得分＝P1×40%＋P2×40%＋P3×20%'.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from schemas.common import ProvenanceItem
from schemas.indicators import Category
from schemas.raw import Table, TableCell

from .categories import parse_category
from .columns import row_cells
from .leaves import Leaf
from .text import key, squash, stated_points

_SCORE_HEAD = re.compile(r"^(?:打分|得分|评分|分数|分值|自评分?|考评分?|实得分?|评价)$")
_NOT_CRITERION = re.compile(r"序号|编号|名称|日期|时间|姓名|单位|部门|科室|备注|签字|签名|合计|总分|综合|(?:考评|考核|评价|评定|评估|最终|检验)结果|等级|排名|"
                            r"金额|原因|No\.?$|Name|Date|Dept", re.I)
_BLANKISH = re.compile(r"^(?:[□☐■☑✓√✗×○●]|是|否|通过|不通过|合格|不合格|[\d.]+|/|—|-)*$")
_CHECKBOX = "□☐"
_DESCRIPTION = re.compile(r"能否|是否|考核|考评|评价|评估|重点|主要|要求|情况|标准|[。；;]")
_FORMULA = re.compile(r"[PpＰ]\s*(\d)\s*[×xX*＊]\s*(\d+(?:\.\d+)?)\s*[%％]")
_WEIGHT_IN_HEAD = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*[%％]\s*[）)]")
_ENGLISH_TAIL = re.compile(r"\s+[A-Za-z][A-Za-z .,/&()'-]*$")
_SIGN_ROW = re.compile(r"签字|签名|填表人|考评人|审核|批准|日期")
_FORM_BLANK = re.compile(r"[:：]$|_{2,}")
MAX_CRITERION = 16


@dataclass
class Criterion:
    """A criterion read from a rating sheet: its heading, weight, description and where it stands."""

    name: str
    weight: float | None
    criteria: str | None
    prov: ProvenanceItem
    points: float | None = None
    group: Category | None = None  # a heading spanning this criterion's column and its neighbours'


def _chinese(text: str) -> str:
    """Given a heading with an English gloss on its second line, return the Chinese part."""
    lines = [ln for ln in text.split("\n") if not re.fullmatch(r"[\sA-Za-z0-9 .,/&()'-]+", ln)]
    return _ENGLISH_TAIL.sub("", squash("".join(lines))).strip()


def _formula_weights(table: Table) -> list[float]:
    """Given a table, return the weights of a 'P1×40%＋P2×40%＋P3×20%' formula in it, in P order."""
    for cell in table.cells:
        found = _FORMULA.findall(key(cell.text))
        if len(found) >= 2:
            ordered = sorted({int(n): float(w) for n, w in found}.items())
            return [w / 100 for _, w in ordered]
    return []


def criteria_columns(table: Table) -> list[Criterion] | None:
    """Given a table, return its criteria when it is a rating sheet with criteria as columns, else None."""
    grid = table.grid()
    rows = [row_cells(r) for r in grid]
    for h in range(min(6, len(rows))):
        # The lower row of a two-row header holds the criteria; a cell merged down over both rows (序号, 单位)
        # belongs to it as well.
        head = [c for c in rows[h] if key(c.text) and (c.row == h or c.row + c.row_span - 1 == h)]
        found = _read_head(head, rows[h + 1:], grid, h)
        if found:
            weights = _formula_weights(table)
            if len(weights) == len(found) and all(c.weight is None for c in found):
                for c, w in zip(found, weights):
                    c.weight = w
            return found
    return None


def _read_head(head: list[TableCell], below: list[list[TableCell]], grid, h: int) -> list[Criterion] | None:
    """Given a candidate heading row and the rows below it, return the criteria when the evidence holds."""
    if len(head) < 3 or len(below) < 2:
        return None
    key_col = head[0]
    scored_pairs = {id(c) for a, c in zip(head, head[1:]) if _SCORE_HEAD.match(key(c.text)) and not _SCORE_HEAD.match(key(a.text))}
    candidates = [c for c in head[1:] if id(c) not in scored_pairs and not _SCORE_HEAD.match(key(c.text))
                  and not _NOT_CRITERION.search(_chinese(c.text)) and 2 <= len(key(_chinese(c.text))) <= MAX_CRITERION]
    # Columns right beside the key column, filled on every row ('街道', '所名'), name the rated rows as 单位
    # or 姓名 would.
    edge = key_col.col + key_col.col_span
    while candidates and candidates[0].col == edge and _labels_rows(candidates[0], below, h):
        edge = candidates[0].col + candidates[0].col_span
        candidates.pop(0)
    if len(candidates) < 2:
        return None
    cols = {c.col for c in candidates}
    descriptions: dict[int, TableCell] = {}
    body_rows = 0
    for row in below:
        if any(_SIGN_ROW.search(key(c.text)) for c in row):
            break  # the sign-off row closes the sheet
        keyed = [c for c in row if c.col == key_col.col and key(c.text)]
        for c in row:
            if c.col not in cols or c.row <= h or not key(c.text) or _BLANKISH.match(key(c.text)):
                continue
            if descriptions.get(c.col) is c:
                continue  # the description merged down the column
            first = not descriptions.get(c.col) and c.row == h + 1 + (head_span(head) - 1)
            if first and len(key(c.text)) >= 8 and _DESCRIPTION.search(c.text):
                descriptions[c.col] = c
            else:
                return None  # a criterion column holding other text: not a blank rating sheet
        if keyed or any(c.col in cols for c in row):
            body_rows += 1
    if body_rows < 2:
        return None
    checkboxes = any(ch in c.text for row in below for c in row if c.col in cols for ch in _CHECKBOX)
    headed_scores = sum(1 for c in candidates if re.search(r"得分|评分|打分", key(c.text)))
    # Every criterion heading stating its points ('工作部署（5分）'): the columns are what is scored.
    headed_points = sum(1 for c in candidates if stated_points(squash(c.text))[1] is not None)
    evidence = bool(descriptions) + bool(checkboxes) + bool(scored_pairs) + (headed_scores == len(candidates)) \
        + (headed_points == len(candidates))
    if evidence < 1:
        return None
    if any(c.row < h for c in head) and headed_points < len(candidates):
        # Under a two-row header only criteria that state their points are taken: columns of '…得分' under a
        # group heading are a results summary's sums to fill in.
        return None
    out = []
    for c in candidates:
        m = _WEIGHT_IN_HEAD.search(key(c.text))
        desc = descriptions.get(c.col)
        name, points = stated_points(_WEIGHT_IN_HEAD.sub("", squash(c.text)).strip())
        out.append(Criterion(name, float(m.group(1)) / 100 if m else None, desc.text.strip() if desc else None,
                             c.prov, points, _group_above(grid, c)))
    return out


def _group_above(grid, cell: TableCell) -> Category | None:
    """Given a criterion heading, return the heading right above it that ends on the row before (a group
    header over several criteria, '组织推进（15分）'), as its category."""
    if cell.row == 0:
        return None
    above = grid[cell.row - 1][cell.col]
    if above is None or above is cell or above.row + above.row_span != cell.row or not key(above.text):
        return None
    group = parse_category(above.text, above.prov)
    # A group states its points or spans several criteria; a form's '填表日期：' above a criterion is neither.
    if group is None or _FORM_BLANK.search(key(above.text)) or (group.points is None and above.col_span < 2):
        return None
    return group


def _labels_rows(cell: TableCell, below: list[list[TableCell]], h: int) -> bool:
    """Given a heading and the rows below it, tell whether its column holds a label on every row below."""
    cells = [c for row in below for c in row if c.col == cell.col and c.row > h]
    # One cell merged down the column is a criterion's description, not a label per row.
    distinct = len({id(c) for c in cells}) == len(cells)
    return len(cells) >= 2 and distinct and all(key(c.text) and not _BLANKISH.match(key(c.text)) for c in cells)


def head_span(head: list[TableCell]) -> int:
    """Given a heading row, return how many rows it covers (its tallest cell)."""
    return max(c.row_span for c in head)


_SCALE = re.compile(r"[□☐]")


@dataclass
class ScaleRow:
    """An aspect rated on a scale of tick boxes, under the categories its label cells give."""

    name: str
    categories: list[tuple[str, ProvenanceItem]]
    criteria: str
    prov: ProvenanceItem


def scale_rows(table: Table) -> list[ScaleRow] | None:
    """Given a table, return its aspects when most filled rows are 'label | □option □option …', else None.

    Rows whose value cell is blank are record fields (名称, 地点 …), not aspects. A label cell merged over
    several rows with a narrower label beside it is the category; the aspect is the innermost label, and
    the rows under one aspect cell (two sub-scales) are one aspect.
    """
    grid = table.grid()
    out: list[ScaleRow] = []
    seen: set[int] = set()
    rated = fields = 0
    for r, row in enumerate(grid):
        cells = [c for c in row_cells(row) if key(c.text)]
        scale = [c for c in cells if len(_SCALE.findall(c.text)) >= 2 or (_SCALE.search(c.text) and c.col > 0)]
        labels = [c for c in row_cells(row) if c not in scale and key(c.text) and not _SCALE.search(c.text)]
        if not scale:
            if labels and len(labels) <= 2 and all(len(key(c.text)) <= 30 for c in labels):
                fields += 1
            continue
        rated += 1
        if not labels:
            if out:
                out[-1].criteria += "\n" + scale[0].text.strip()
            continue
        aspect = labels[-1]
        if id(aspect) in seen:
            out[-1].criteria += "\n" + scale[0].text.strip()
            continue
        seen.add(id(aspect))
        cats = [(squash(c.text), c.prov) for c in labels[:-1]]
        out.append(ScaleRow(squash(aspect.text), cats, scale[0].text.strip(), aspect.prov))
    if rated < 3 or rated < fields:
        return None
    return out


def rating_leaves(table: Table) -> list[Leaf] | None:
    """Given a table, return its indicators when it is a rating sheet of either kind, else None."""
    columns = criteria_columns(table)
    if columns:
        return [Leaf(c.name, None, c.points, None, c.weight, None, c.criteria, [c.group] if c.group else [], c.prov)
                for c in columns]
    scales = scale_rows(table)
    if not scales:
        return None
    return [Leaf(s.name, None, None, None, None, None, s.criteria, [Category(name=n, prov=p) for n, p in s.categories],
                 s.prov) for s in scales]
