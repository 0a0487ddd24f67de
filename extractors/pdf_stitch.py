"""Stitch a table continued on the next page: same columns, repeated header dropped, split rows re-joined."""
from __future__ import annotations

from .pdf_tables import SNAP, PartCell, TablePart, _index
from .pdf_text import join_lines

EDGE_TOL = 3 * SNAP
MAX_REPEATED_ROWS = 4


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
            above.text = join_lines([above.text, cell.text])
            above.row_span += cell.row_span - 1 if aligned else 0
            consumed.add(id(cell))
        elif aligned and not cell.text and above.text and cell.col in merged_cols:
            # A merged cell cut by the page break: its text stays on the first page.
            above.row_span += cell.row_span
            consumed.add(id(cell))
    for cell in cells:
        if id(cell) not in consumed:
            cell.row += offset
            acc.cells.append(cell)
    acc.num_rows = offset + b.num_rows - skip
    acc.pages.append(b.page_no)


def _onto_columns(b: TablePart, xs: list[float]) -> list[PartCell]:
    """Given a part and the column lines of the table it continues, re-index its cells onto them."""
    out = []
    for cell in b.cells:
        c0 = _index(xs, b.xs[cell.col])
        c1 = _index(xs, b.xs[cell.col + cell.col_span])
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

    A row cut by a page break leaves the cells that fitted empty on the new page, so most
    single-row cells are empty where the row above had text; a new row fills them.
    """
    if not any(c.text for c in first):
        return False
    considered = []
    for cell in first:
        above = acc.covering(last_row, cell.col)
        if cell.row_span == 1 and above is not None and above.text:
            considered.append(cell)
    empties = sum(1 for c in considered if not c.text)
    return empties > 0 and 2 * empties >= len(considered)
