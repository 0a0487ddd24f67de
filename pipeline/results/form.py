"""Self-evaluation forms (绩效自评表) read from tables: budget block, 年度目标 blocks, 总分, 偏差/改进."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from schemas.common import ProvenanceItem
from schemas.indicators import ResultRow
from schemas.raw import Table, TableCell

from .text import ResultsReading, Summary, clean_cell, compact, points_in_label, to_float

# Header cell → column role. Order matters: '得分（20 分*执行率）' is the score, not the rate.
HEADER_ROLES: list[tuple[str, re.Pattern]] = [
    ("score", re.compile(r"得分|实得|自评分")),
    ("actual", re.compile(r"实际完成|完成值|实际值|执行数|实际数")),
    ("target", re.compile(r"目标值|指标值|计划值|预算数")),
    ("rate", re.compile(r"执行率|完成率")),
    ("level1", re.compile(r"一级指标")),
    ("level2", re.compile(r"二级指标")),
    ("name", re.compile(r"三级指标|指标名称|指标内容")),
    ("due", re.compile(r"^(?:分值|权重|满分|标准分)")),
]
# A block heading: 年度目标 1：（11 分）, 绩效目标二, 总体目标（30分）.
GROUP_LABEL = re.compile(r"目标\s*[0-9一二三四五六七八九十]+|^[^，。]{0,8}目标[：:]?\s*[（(]\s*[\d.]+\s*分")
TOTAL_LABELS = {"总分", "合计", "总计", "自评总分", "综合得分", "总得分", "自评得分"}


@dataclass
class _State:
    """Where the reader stands in the form while walking its rows."""

    group: str | None = None
    group_points: float | None = None
    group_prov: ProvenanceItem | None = None
    columns: dict[str, int] = field(default_factory=dict)
    budget: bool = False
    path: list[str] = field(default_factory=lambda: ["", ""])


def header_roles(cells: list[TableCell]) -> dict[str, int]:
    """Given a row's logical cells, return role → column for the cells that are column headers."""
    roles: dict[str, int] = {}
    for cell in cells:
        text = compact(cell.text)
        for role, pattern in HEADER_ROLES:
            if pattern.search(text) and role not in roles:
                roles[role] = cell.col
                break
    return roles


def is_header(roles: dict[str, int]) -> bool:
    """Given a row's header roles, tell whether the row is a column-header row."""
    return len(roles) >= 3 and ("name" in roles or {"target", "actual"} <= roles.keys())


def logical_row(grid_row: list[TableCell | None]) -> list[TableCell]:
    """Given one grid row, return its distinct cells left to right (a merged cell once)."""
    seen: list[TableCell] = []
    for cell in grid_row:
        if cell is not None and all(cell is not s for s in seen):
            seen.append(cell)
    return seen


def group_name(label: str) -> str:
    """Given a block label like '年度目标 1：（11 分）', return '年度目标1'."""
    text = compact(label)
    text = re.sub(r"[（(][^）)]*[)）]", "", text)
    return text.rstrip("：:")


def read_tables(tables: list[Table]) -> ResultsReading:
    """Given the tables of a self-evaluation form, return its rows, total and summaries."""
    reading = ResultsReading(kind="form")
    state = _State()
    for table in tables:
        grid = table.grid()
        for r, grid_row in enumerate(grid):
            cells = logical_row(grid_row)
            roles = header_roles(cells)
            if is_header(roles):
                roles = _widen(grid, r, roles)
            _read_row(cells, grid_row, roles, state, reading)
    return reading


def _widen(grid: list[list], r: int, roles: dict[str, int]) -> dict[str, int]:
    """Given a header row, add roles whose header text is split over the rows around it ('年初目标'/'值'/'（A）')."""
    window = [row for row in grid[max(0, r - 2) : r + 3]
              if not any(to_float(c.text) is not None for c in logical_row(row))]
    out = dict(roles)
    for col in range(len(grid[r])):
        if col in out.values():
            continue
        text = "".join(compact(c.text) for c in _distinct(row[col] for row in window) if c is not None)
        for role, pattern in HEADER_ROLES:
            if role not in out and pattern.search(text):
                out[role] = col
                break
    return out


def _distinct(cells) -> list:
    """Given cells down a column, return each merged cell once."""
    out: list = []
    for cell in cells:
        if cell is not None and all(cell is not s for s in out):
            out.append(cell)
    return out


def _read_row(cells: list[TableCell], grid_row: list, roles: dict[str, int], state: _State,
              reading: ResultsReading) -> None:
    """Given one row of the form and its header roles, update the reader's state or append what it holds."""
    if not cells:
        return
    first = compact(cells[0].text)
    if is_header(roles):
        state.columns = roles
        state.budget = "预算" in compact(_cell_at(grid_row, roles.get("target")).text or "")
        state.path = ["", ""]
        if state.budget and not header_roles(cells[:1]):
            _set_group(state, cells[0])
        return
    if GROUP_LABEL.search(first) and not is_header(roles):
        _set_group(state, cells[0])
        state.budget = False
        state.path = ["", ""]
        if len(cells) > 1:
            reading.group_texts[state.group] = clean_cell(cells[1].text)
        return
    if first in TOTAL_LABELS:
        numbers = [(to_float(c.text), c) for c in cells[1:] if to_float(c.text) is not None]
        if numbers:
            reading.total, reading.total_prov = numbers[-1][0], numbers[-1][1].prov
        state.columns = {}
        return
    if "原因" in first or "改进措施" in first or "整改措施" in first:
        text = "\n".join(c.text.strip() for c in cells[1:] if c.text.strip())
        if text:
            reading.summaries.append(Summary(clean_cell(cells[0].text), text, cells[1].prov))
        state.columns = {}
        return
    if state.columns:
        row = _data_row(grid_row, state, len(reading.rows) + 1)
        if row is not None:
            reading.rows.append(row)
            if row.points_got is None and _cell_text(grid_row, state.columns.get("score")):
                reading.warnings.append(f"{row.name}：得分“{_cell_text(grid_row, state.columns['score'])}”不是数字")


def _set_group(state: _State, label: TableCell) -> None:
    """Given a block's label cell, make it the current group."""
    state.group = group_name(label.text)
    state.group_points = points_in_label(compact(label.text))
    state.group_prov = label.prov


def _cell_at(grid_row: list, col: int | None) -> TableCell:
    """Given a grid row and a column (or None), return the cell there or an empty stand-in."""
    cell = grid_row[col] if col is not None and col < len(grid_row) else None
    return cell if cell is not None else _EMPTY


def _cell_text(grid_row: list, col: int | None) -> str:
    """Given a grid row and a column, return that cell's cleaned text ('' if none)."""
    return clean_cell(_cell_at(grid_row, col).text)


def _data_row(grid_row: list, state: _State, n: int) -> ResultRow | None:
    """Given a data row under a header, return its ResultRow, or None for a blank/label row."""
    cols = state.columns
    name_col = cols.get("name")
    if name_col is None:  # budget block: the row label sits just left of the first value
        first_value = min(cols[k] for k in ("target", "actual") if k in cols)
        name_col = first_value - 1
        if _cell_at(grid_row, name_col) is _cell_at(grid_row, 0) and name_col > 0:
            return None
    name_cell = _cell_at(grid_row, name_col)
    name = clean_cell(name_cell.text)
    if not name or any(p.search(compact(name)) for role, p in HEADER_ROLES if role.startswith(("level", "name"))):
        return None
    values = {k: _cell_at(grid_row, cols.get(k)) for k in ("target", "actual", "rate", "score", "due")}
    if state.budget and to_float(values["target"].text) is None and to_float(values["actual"].text) is None:
        return None
    for i, role in enumerate(("level1", "level2")):
        text = _cell_text(grid_row, cols.get(role))
        if text:  # merged 一级/二级 cells repeat in the grid; split ones are blank: fill down
            state.path[i] = text
    prov: dict[str, ProvenanceItem] = {"name": name_cell.prov}
    field_of = {"target": "target", "actual": "actual", "rate": "rate", "score": "points_got", "due": "points_due"}
    for role, cell in values.items():
        if cell is not _EMPTY and cell.text.strip():
            prov[field_of[role]] = cell.prov
    if state.group_prov is not None:
        prov["group_points"] = state.group_prov
    return ResultRow(
        id=f"res.{n}",
        group=state.group,
        group_points=state.group_points,
        path=[] if state.budget else [p for p in state.path if p],
        name=name,
        target=clean_cell(values["target"].text) or None,
        actual=clean_cell(values["actual"].text) or None,
        rate=clean_cell(values["rate"].text) or None,
        points_due=to_float(values["due"].text),
        points_got=to_float(values["score"].text),
        prov=prov,
    )


_EMPTY = TableCell(row=-1, col=-1, text="", prov=ProvenanceItem(file=""))
