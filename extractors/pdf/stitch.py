"""Stitch a table continued on the next page: same columns, repeated header dropped, split rows re-joined."""
from __future__ import annotations

from .tables import SNAP, PartCell, TablePart, nearest_line
from .text import join_lines

EDGE_TOL = 3 * SNAP
MAX_REPEATED_ROWS = 4
KEY_SHARE = 0.8


def same_columns(a: TablePart, b: TablePart) -> bool:
    """Given two parts, tell whether b's column lines are all column lines of a (same outer edges)."""
    if abs(a.xs[0] - b.xs[0]) > EDGE_TOL or abs(a.xs[-1] - b.xs[-1]) > EDGE_TOL:
        return False
    return all(min(abs(x - y) for y in a.xs) <= EDGE_TOL for x in b.xs)


def stitch(acc: TablePart, b: TablePart) -> None:
    """Append part ``b`` (next page) to ``acc`` in place."""
    cells = _onto_columns(b, acc.xs)
    skip = _repeated_rows(acc, b, cells)
    acc.header_rows = max(acc.header_rows, skip)
    cells = [c for c in cells if c.row >= skip]
    for c in cells:
        c.row -= skip
    first = [c for c in cells if c.row == 0]
    last_row = acc.num_rows - 1
    split = _is_split_row(acc, first, last_row)
    offset = acc.num_rows - 1 if split else acc.num_rows
    merged_cols = {c.col for c in acc.cells + cells if c.row_span > 1}
    consumed: set[int] = set()
    for cell in first:
        above = acc.covering(last_row, cell.col)
        if above is None:
            continue
        aligned = above.col == cell.col and above.col_span == cell.col_span
        if split:
            # A label centred in a cut cell may be drawn again on the new page.
            if cell.text != above.text:
                above.text = join_lines([above.text, cell.text])
            above.row_span += cell.row_span - 1 if aligned else 0
            consumed.add(id(cell))
        elif aligned and not cell.text and above.text and cell.col in merged_cols:
            # A merged cell cut by the page break: its text stays on the first page.
            above.row_span += cell.row_span
            consumed.add(id(cell))
    _extend_down(acc, cells, merged_cols, last_row, split)
    lifts = {} if split else _lifts(acc, first, merged_cols)
    for cell in cells:
        if id(cell) not in consumed:
            lift = lifts.get(id(cell), 0)
            cell.row += offset - lift
            cell.row_span += lift
            acc.cells.append(cell)
    acc.num_rows = offset + b.num_rows - skip
    acc.pages.append(b.page_no)


def _extend_down(acc: TablePart, cells: list[PartCell], merged_cols: set[int], last_row: int,
                 split: bool) -> None:
    """Given the continuation's cells, grow merged cells of the last row over positions the new page leaves bare.

    A text-aligned table has no cell at all where a merged cell continues, only a gap.
    """
    covered = {(r, col) for c in cells for r in range(c.row, c.row + c.row_span)
               for col in range(c.col, c.col + c.col_span)}
    rows = max((c.row + c.row_span for c in cells), default=0)
    for col in sorted(merged_cols):
        above = acc.covering(last_row, col)
        if above is None or above.col != col or not above.text:
            continue
        span = range(above.col, above.col + above.col_span)
        bare = 0
        while bare < rows and not any((bare, c) in covered for c in span):
            bare += 1
        above.row_span += bare - 1 if split and bare else bare


def _lifts(acc: TablePart, first: list[PartCell], merged_cols: set[int]) -> dict[int, int]:
    """Given the continuation's first row, find merged cells whose text landed on the new page.

    When a merged cell's label is centred, the rows above the break show it empty: a
    labelled cell at the top of the new page takes over the empty positions right above it.
    Those empty cells are removed from ``acc``; returns how many rows each cell grows up.
    """
    lifts: dict[int, int] = {}
    for cell in first:
        if not cell.text or cell.col not in merged_cols:
            continue
        cols = range(cell.col, cell.col + cell.col_span)
        row, doomed = acc.num_rows - 1, []
        while row >= acc.header_rows:
            above = {id(c): c for c in (acc.covering(row, col) for col in cols)}
            if any(c is not None and (c.text or c.row != row or c.row_span > 1) for c in above.values()):
                break
            doomed += [c for c in above.values() if c is not None]
            row -= 1
        if row < acc.num_rows - 1:
            lifts[id(cell)] = acc.num_rows - 1 - row
            acc.cells = [c for c in acc.cells if all(c is not d for d in doomed)]
    return lifts


def _onto_columns(b: TablePart, xs: list[float]) -> list[PartCell]:
    """Given a part and the column lines of the table it continues, re-index its cells onto them."""
    out = []
    for cell in b.cells:
        c0 = nearest_line(xs, b.xs[cell.col])
        c1 = nearest_line(xs, b.xs[cell.col + cell.col_span])
        out.append(PartCell(cell.row, c0, cell.row_span, max(c1 - c0, 1), cell.text, cell.bbox,
                            cell.page_no, cell.bold))
    return out


def _row_key(cells: list[PartCell], row: int) -> tuple:
    """Given cells, return the (column, text) signature of the cells starting in ``row``."""
    return tuple(sorted((c.col, c.text.replace(" ", "").replace("\n", "")) for c in cells if c.row == row))


def _repeated_rows(acc: TablePart, b: TablePart, cells: list[PartCell]) -> int:
    """Given the continuation's cells, count its leading rows that repeat the table's first rows."""
    count = 0
    for row in range(min(MAX_REPEATED_ROWS, b.num_rows - 1, acc.num_rows)):
        key = _row_key(cells, row)
        if not any(text for _, text in key) or key != _row_key(acc.cells, row):
            break
        count = row + 1
    return count


def _is_split_row(acc: TablePart, first: list[PartCell], last_row: int) -> bool:
    """Given the continuation's first row, tell whether it is the rest of the previous page's last row.

    A row cut by a page break leaves the cells that fitted empty on the new page: most
    single-row cells are empty where the row above had text, or a column that every row
    fills (a key column such as 序号 or 指标名称) is empty.
    """
    if not any(c.text for c in first):
        return False
    starts = {c.col: c for c in first}
    above_cells = {id(c): c for c in (acc.covering(last_row, col) for col in range(acc.num_cols)) if c}
    considered = empties = 0
    for above in above_cells.values():
        cell = starts.get(above.col)
        if not above.text or (cell is not None and cell.row_span > 1):
            continue
        considered += 1
        empties += cell is None or not cell.text
    if empties and 2 * empties >= considered:
        return True
    for col in _key_columns(acc):
        cell = next((c for c in first if c.col <= col < c.col + c.col_span), None)
        if cell is None or (not cell.text and cell.row_span == 1):
            return True
    return False


def _key_columns(acc: TablePart) -> list[int]:
    """Given a table, return the columns that (nearly) every row fills with its own cell."""
    counts = [0] * acc.num_cols
    for cell in acc.cells:
        if cell.col_span == 1 and cell.row_span == 1 and cell.text:
            counts[cell.col] += 1
    top = max(counts, default=0)
    return [col for col, n in enumerate(counts) if top and n >= KEY_SHARE * top]
