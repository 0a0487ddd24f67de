"""The rulebook workbook's hidden 数据 sheet: every field of every record exactly, one leaf per row
(key, path steps, type, value) — plain cells, no JSON, floats as their exact text."""
from __future__ import annotations

from typing import Any, Iterator

from ..excel import read_cell

KEY = "行键"
EMPTY_KEY = "∅"


def headers(depth: int) -> list[str]:
    """The sheet's columns for paths ``depth`` steps deep."""
    return [KEY, *(f"路径{n}" for n in range(1, depth + 1)), "类型", "值"]


def depth_of(records: list[tuple[str, Any]]) -> int:
    """How many path steps the deepest leaf of these records needs."""
    return max((len(path) for _, record in records for path, _, _ in flatten(record)), default=1)


def flatten(value: Any, path_: tuple = ()) -> Iterator[tuple[tuple, str, Any]]:
    """Given JSON data, yield (path, type, value) for every leaf; empty containers are leaves too."""
    if isinstance(value, dict):
        if not value:
            yield path_, "空映射", None
        for k, v in value.items():
            yield from flatten(v, path_ + (k,))
    elif isinstance(value, list):
        if not value:
            yield path_, "空列表", None
        for i, v in enumerate(value):
            yield from flatten(v, path_ + (i,))
    elif value is None:
        yield path_, "空", None
    elif isinstance(value, bool):
        yield path_, "是否", "是" if value else "否"
    elif isinstance(value, int):
        yield path_, "整数", value
    elif isinstance(value, float):
        yield path_, "小数", repr(value)  # as text: exact to the last digit
    else:
        yield path_, "文本", value


def rows(machine: list[tuple[str, Any]], depth: int) -> Iterator[list]:
    """Given (key, record) pairs, yield the sheet's rows: one per leaf."""
    for key, record in machine:
        for path_, kind, value in flatten(record):
            yield [key, *map(_segment, path_), *([None] * (depth - len(path_))), kind, value]


def _segment(step):
    """A path step as a cell: list indexes are numbers; keys are text, '' written as ∅ (an empty cell reads as
    nothing) and a key starting with ∅ escaped by doubling it."""
    if isinstance(step, int):
        return step
    return EMPTY_KEY + step if step.startswith(EMPTY_KEY) or not step else step


def _step(cell):
    if not isinstance(cell, str):
        return int(cell)
    return "" if cell == EMPTY_KEY else cell[1:] if cell.startswith(EMPTY_KEY) else cell


def read(ws) -> dict[str, Any]:
    """Given the hidden 数据 sheet, return each record's exact JSON by key."""
    lines = ws.iter_rows(values_only=True)
    header = []
    for row in lines:
        if row and row[0] == KEY:
            header = list(row)
            break
    depth = header.index("类型") - 1 if "类型" in header else 0
    records: dict[str, Any] = {}
    for row in lines:
        row = [read_cell(v) for v in row] + [None] * (depth + 3)
        key, path_, kind, value = (row[0], [_step(p) for p in row[1:1 + depth] if p is not None], row[1 + depth],
                                   row[2 + depth])
        if key is None or kind is None:
            continue
        if kind in ("空", "空列表", "空映射"):
            leaf = {"空": None, "空列表": [], "空映射": {}}[kind]
        elif kind == "小数":
            leaf = float(value)
        elif kind == "是否":
            leaf = value == "是"
        elif kind == "文本":
            leaf = "" if value is None else str(value)
        else:
            leaf = int(value)
        if not path_:
            records[key] = leaf
            continue
        node = records.setdefault(key, {} if isinstance(path_[0], str) else [])
        for step, nxt in zip(path_, path_[1:]):
            node = _child(node, step, {} if isinstance(nxt, str) else [])
        _put(node, path_[-1], leaf)
    return records


def _child(node, step, empty):
    if isinstance(node, list):
        while len(node) <= step:
            node.append(None)
        if node[step] is None:
            node[step] = empty
        return node[step]
    return node.setdefault(step, empty)


def _put(node, step, leaf) -> None:
    if isinstance(node, list):
        while len(node) <= step:
            node.append(None)
    node[step] = leaf
