"""Tables emitted column after column, each column under its own name: "序号 1 2 3 … 考核指标 … 分值 …".

Some PDF and web extractors write a table one column at a time, one cell per line, each column
opened by its header name. The evidence is the count: every column holds one cell per row, so the
blocks between names have the same length, and the 序号 column (when there is one) says how many
rows there are. A 序号 block ending in 合计/总分 has a total row, which only the columns with a total
fill (their blocks are one longer). Blocks whose lengths do not fit the count are not read: a wrong
zip looks like a good table.
"""
from __future__ import annotations

import re
from collections import Counter

from .decode import clean_cell, is_blank
from .grid import Cell, Found, Grid
from .headers import Role, is_header_name, role_of
from .normal import fold_text

_MIN_BLOCKS = 3
_MIN_ROWS = 3
_MAX_ROWS = 200
_TOTAL = re.compile(r"^(?:合计|总计|总分|小计)$")
_SENTENCE = re.compile(r"[。；;：:]")


def _is_name(line: str) -> bool:
    """Given a line, tell whether it is a column name on its own."""
    return not is_blank(line) and is_header_name(fold_text(line))


def _blocks(lines: list[str], start: int) -> tuple[list[tuple[int, str, list[int]]], int]:
    """Given lines and an index, return the blocks from there as (name line, name, value lines) while
    names and values alternate, and the index after the last name's values (the last block runs to
    the first blank line or name)."""
    blocks: list[tuple[int, str, list[int]]] = []
    i = start
    while i < len(lines) and _is_name(lines[i]):
        values, j = [], i + 1
        while j < len(lines) and not is_blank(lines[j]) and not _is_name(lines[j]) and len(values) <= _MAX_ROWS:
            values.append(j)
            j += 1
        if not values:
            break
        blocks.append((i, lines[i].strip(), values))
        i = j
    return blocks, i


def _row_count(blocks: list[tuple[int, str, list[int]]], lines: list[str]) -> tuple[int, bool] | None:
    """Given the blocks, return the number of rows and whether a total row follows them, from the 序号
    block when there is one, else from the most common block length."""
    for _, name, values in blocks:
        if role_of(fold_text(name)) is Role.SERIAL:
            texts = [fold_text(lines[v]) for v in values]
            total = bool(texts) and bool(_TOTAL.match(texts[-1]))
            return len(texts) - total, total
    lengths = Counter(len(v) for _, _, v in blocks[:-1])
    return (lengths.most_common(1)[0][0], False) if lengths else None


def find_column_block_table(lines: list[str], start: int) -> Found | None:
    """Given cleaned lines and an index, rebuild a table written column by column under its names there."""
    blocks, _ = _blocks(lines, start)
    if len(blocks) < _MIN_BLOCKS:
        return None
    counted = _row_count(blocks, lines)
    if counted is None or counted[0] < _MIN_ROWS:
        return None
    n, total = counted
    last_line, last_name, last_values = blocks[-1]
    # The last column runs into the text below it: it takes its count, and a total only when the
    # line after its rows reads like a cell, not a note.
    keep = n + (total and len(last_values) > n and not _SENTENCE.search(lines[last_values[n]]))
    blocks[-1] = (last_line, last_name, last_values[:keep])
    if any(len(v) not in ((n, n + 1) if total else (n,)) for _, _, v in blocks):
        return None
    width, rows = len(blocks), n + total
    cells = [Cell(0, c, name, at + 1, header=True) for c, (at, name, _) in enumerate(blocks)]
    for r in range(rows):
        for c, (_, _, values) in enumerate(blocks):
            line = values[min(r, len(values) - 1)]
            cells.append(Cell(r + 1, c, clean_cell(lines[line]) if r < len(values) else "", line + 1))
    return Found([Grid(cells=cells, num_rows=rows + 1, num_cols=width, line=start + 1)], blocks[-1][2][-1] + 1)
