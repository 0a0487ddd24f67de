"""Invented RawDocument tables for tests: rows of texts, with spans given by position."""
from __future__ import annotations

from schemas.common import ProvenanceItem
from schemas.raw import Table, TableCell


def table(rows: list[list[str | None]], spans: dict[tuple[int, int], tuple[int, int]] | None = None, no: int = 0,
          file: str = "t.txt") -> Table:
    """Given rows of texts (None marks a position covered by a span) and (row, col) → (row_span, col_span),
    build a Table with provenance on every cell."""
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is None:
                continue
            rs, cs = (spans or {}).get((r, c), (1, 1))
            cells.append(TableCell(row=r, col=c, row_span=rs, col_span=cs, text=text,
                                   prov=ProvenanceItem(file=file, table_no=no, row=r, col=c)))
    return Table(table_no=no, num_rows=len(rows), num_cols=max(len(r) for r in rows), cells=cells,
                 prov=ProvenanceItem(file=file, table_no=no))
