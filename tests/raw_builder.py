"""Invented RawDocument parts for tests: tables from rows of texts (spans given by position), documents from
paragraphs, and the indicator reading of such a prose document."""
from __future__ import annotations

from pipeline.indicators import build_indicator_table
from schemas.common import InputFormat, ProvenanceItem, SourceInfo
from schemas.raw import BlockLabel, RawDocument, Table, TableCell, TextBlock


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


def paragraphs(*blocks: str | tuple[str, BlockLabel], file: str = "p.txt", fmt: InputFormat = InputFormat.TEXT,
               tables: tuple[Table, ...] = ()) -> RawDocument:
    """Given lines of text (or (text, label) pairs) and tables to follow them, build a document of one block
    per line, each with its provenance."""
    source = SourceInfo(file=file, format=fmt, sha256="0", size_bytes=0, extractor_version="t")
    pairs = [(b, BlockLabel.PARAGRAPH) if isinstance(b, str) else b for b in blocks]
    return RawDocument(source=source, body=[
        *(TextBlock(label=label, text=t, prov=ProvenanceItem(file=file, paragraph_no=n))
          for n, (t, label) in enumerate(pairs)), *tables])


def prose(*lines: str):
    """Given lines of a scheme written as prose, return its indicator reading."""
    return build_indicator_table(paragraphs(*lines))


def leaves(out) -> list[tuple]:
    """Given an indicator reading, return each indicator's name, points and category path."""
    return [(i.name, i.points, i.category_path) for i in out.indicators]
