"""HTML tables: place <td>/<th> on a grid with rowspan/colspan, the way browsers do."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from lxml import html as lxml_html

from schemas.common import ProvenanceItem
from schemas.raw import Table, TableCell

from ..limits import check_grid, check_table

MAX_SPAN = 1000  # browsers clamp colspan at 1000 and rowspan at 65534; a typo must not explode the grid


@dataclass
class HtmlCell:
    row: int
    col: int
    row_span: int
    col_span: int
    text: str
    header: bool


@dataclass
class HtmlGrid:
    """A placed table (tables holding tables are page frames, unwrapped before this point)."""

    cells: list[HtmlCell] = field(default_factory=list)
    num_rows: int = 0
    num_cols: int = 0

    def to_table(self, file: str, table_no: int, paragraph_no: int) -> Table:
        """Given numbering, return the schema Table."""
        cells = [
            TableCell(
                row=c.row, col=c.col, row_span=c.row_span, col_span=c.col_span, text=c.text,
                column_header=c.header,
                prov=ProvenanceItem(file=file, table_no=table_no, row=c.row, col=c.col),
            )
            for c in self.cells
        ]
        prov = ProvenanceItem(file=file, paragraph_no=paragraph_no, table_no=table_no)
        return Table(table_no=table_no, num_rows=self.num_rows, num_cols=self.num_cols, cells=cells, prov=prov)


def table_rows(table: lxml_html.HtmlElement) -> list[tuple[lxml_html.HtmlElement, bool]]:
    """Given a <table>, return its own rows as (tr, in_thead): thead first, body, then tfoot."""
    head, body, foot = [], [], []
    for child in table:
        if child.tag == "tr":
            body.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows = [tr for tr in child if tr.tag == "tr"]
            {"thead": head, "tbody": body, "tfoot": foot}[child.tag].extend(rows)
    return [(tr, True) for tr in head] + [(tr, False) for tr in body + foot]


def layout_cells(table: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement] | None:
    """Given a <table>, return its cells when it only lays out the page (else None).

    A table marked presentational, with a single cell, or holding other tables in its cells
    frames content rather than tabulating it: old government sites wrap whole articles in one.
    """
    cells = [c for tr, _ in table_rows(table) for c in tr if c.tag in ("td", "th")]
    role = (table.get("role") or "").lower()
    if role in ("presentation", "none") or len(cells) == 1 or any(c.find(".//table") is not None for c in cells):
        return cells
    return None


def _span(cell: lxml_html.HtmlElement, attr: str) -> int:
    """Given a cell, return its rowspan/colspan as a positive int (0 is taken as 1)."""
    try:
        value = int(str(cell.get(attr, "1")).strip().rstrip(";") or 1)
    except ValueError:
        return 1
    return min(max(value, 1), MAX_SPAN)


def read_html_table(
    table: lxml_html.HtmlElement,
    cell_text: Callable[[lxml_html.HtmlElement], str],
    is_bold: Callable[[lxml_html.HtmlElement], bool],
    file: str = "",
    where: str = "",
) -> HtmlGrid:
    """Given a <table>, return its cells placed on the grid with spans and header flags.

    Spans are clamped to the real grid: a colspan to the most cells any row has, a rowspan to the
    rows left, so a typo or a hostile page cannot declare a grid its cells do not fill.
    """
    grid = HtmlGrid()
    occupied: set[tuple[int, int]] = set()
    rows = table_rows(table)
    row_cells = [[c for c in tr if c.tag in ("td", "th")] for tr, _ in rows]
    widest = max((len(cells) for cells in row_cells), default=0)
    check_table(file, where, len(rows), widest, sum(len(cells) for cells in row_cells))
    bold_rows: list[bool] = []
    for r, ((tr, in_head), cells) in enumerate(zip(rows, row_cells)):
        all_th = bool(cells) and all(c.tag == "th" for c in cells)
        texts = [cell_text(c) for c in cells]
        bold_rows.append(bool(cells) and all(is_bold(c) for c, t in zip(cells, texts) if t) and any(texts))
        col = 0
        for cell, text in zip(cells, texts):
            while (r, col) in occupied:
                col += 1
            rs = min(_span(cell, "rowspan"), len(rows) - r)
            cs = min(_span(cell, "colspan"), widest)
            check_grid(file, where, len(occupied) + rs * cs)
            occupied.update((rr, cc) for rr in range(r, r + rs) for cc in range(col, col + cs))
            grid.cells.append(HtmlCell(r, col, rs, cs, text, in_head or all_th))
            col += cs
        grid.num_cols = max(grid.num_cols, col)
    grid.num_rows = len(rows)
    if grid.num_cols:
        grid.num_cols = max(c for _, c in occupied) + 1
    _mark_bold_header_rows(grid, bold_rows)
    return grid


def _mark_bold_header_rows(grid: HtmlGrid, bold_rows: list[bool]) -> None:
    """Given a grid without explicit headers, flag its leading all-bold rows as column headers."""
    if any(c.header for c in grid.cells):
        return
    lead = 0
    while lead < len(bold_rows) and bold_rows[lead]:
        lead += 1
    if 0 < lead < len(bold_rows):
        for c in grid.cells:
            c.header = c.row < lead
