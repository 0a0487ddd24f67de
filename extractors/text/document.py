"""Text dumps (.txt/.md/.csv/.tsv): decode, clean artefacts, rebuild tables, label prose lines.

Each line outside a table is one block (a title split inside 《…》 and a paragraph wrapped at
the page width are joined); provenance paragraph_no is the 1-based line where the block starts.
Tables are rebuilt by the layout recognisers of recover.py (delimited rows, sheets saved as CSV,
space-aligned layouts, cells one per line, …); a whole .csv file is read as one table.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from schemas.common import ProvenanceItem, SourceInfo
from schemas.raw import BlockLabel, RawDocument, Recovery, Table, TableCell, TextBlock

from ..docx.labels import outline_level
from ..errors import EmptyFile
from ..limits import MAX_TEXT_BYTES, check_file_size, check_table
from .csvrows import csv_row
from .decode import clean_line, decode_bytes, is_blank, normalise_newlines
from .grid import Grid
from .normal import strip_debris
from .pages import join_pages
from .outline import split_outline
from .prose import block, paragraph
from .recover import recover
from .source import is_source, literal_lines
from .tables import RawRow, adopt_heading, build_grid, split_row

def _table(grid: Grid, table_no: int, file: str) -> Table:
    """Given a rebuilt grid, return the schema Table with per-cell provenance."""
    check_table(file, f"第{table_no + 1}个", grid.num_rows, grid.num_cols, len(grid.cells))
    cells = [
        TableCell(
            row=c.row, col=c.col, row_span=c.row_span, col_span=c.col_span, text=c.text,
            column_header=c.header,
            prov=ProvenanceItem(file=file, paragraph_no=c.line, table_no=table_no, row=c.row, col=c.col),
        )
        for c in grid.cells
    ]
    recovery = Recovery(recogniser=grid.recogniser, confidence=grid.confidence, cut_row=grid.cut_row) \
        if grid.recogniser else None
    return Table(
        table_no=table_no, num_rows=grid.num_rows, num_cols=grid.num_cols, cells=cells, recovery=recovery,
        prov=ProvenanceItem(file=file, paragraph_no=grid.line, table_no=table_no),
    )


def _adopt_heading(body: list[TextBlock | Grid], lines: list[str], grid: Grid, start: int) -> None:
    """Given the body so far and a delimited table starting at ``start``, take in the numbered
    heading right above it as the table's section row (and drop it from the prose)."""
    k = start - 1
    while k >= 0 and is_blank(lines[k]):
        k -= 1
    last = body[-1] if body else None
    if isinstance(last, TextBlock) and last.prov.paragraph_no == k + 1:
        if last.label is BlockLabel.HEADING and outline_level(last.text) in (1, 2):
            if adopt_heading(grid, last.text, last.prov.paragraph_no):
                body.pop()


def _row_cells(line: str) -> list[str] | None:
    """Given a line outside a table, return its cells when it is a delimited or saved-sheet row."""
    cells = split_row(line)
    return cells if cells is not None else csv_row(line)


def _prose_text(line: str) -> str:
    """Given a prose line, return its text; a lone delimited row reads as its cells joined by spaces."""
    cells = _row_cells(line)
    return " ".join(filter(None, (c.strip() for c in cells))) if cells is not None else line


def _blocks(text: str, line: int, file: str) -> list[TextBlock]:
    """Given prose text from one line on, return its blocks: one per outline item run into it."""
    return [block(piece, line, file) for piece in split_outline(text)]


def build_body(lines: list[str], file: str, warnings: list[str]) -> list[TextBlock | Grid]:
    """Given cleaned lines, return blocks and grids in reading order (appending to warnings)."""
    body: list[TextBlock | Grid] = []
    i = 0
    while i < len(lines):
        if is_blank(lines[i]):
            i += 1
            continue
        kept = recover(lines, i)
        if kept.found is not None:
            found = kept.found
            if found.lead.strip():
                body += _blocks(found.lead, i + 1, file)
            if kept.recogniser == "delimited":
                _adopt_heading(body, lines, found.grids[0], i)
            body += found.grids
            if found.tail.strip():
                body += _blocks(found.tail, found.end, file)
            i = found.end
            continue
        if kept.header_seen:
            warnings.append(f"第{i + 1}行起像是表格，但无法从文本还原行列，已按段落输出；如有原始 DOCX/PDF 请改用原文件")
        if _row_cells(lines[i]) is not None:
            body.append(block(_prose_text(lines[i]), i + 1, file))
            i += 1
            continue
        text, last = paragraph(lines, i)
        body += _blocks(text, i + 1, file)
        i = last + 1
    return body


# A numbered item with no mark closing it ('(2)廉政') does not end a document: its text was cut.
_OPEN_ITEM = re.compile(r"^(?:[（(]\d{1,2}[）)]|\d{1,2}[.．、](?!\d)|[（(][一二三四五六七八九十]{1,3}[）)])[^。；;！!？?）)」”\]》:：]*$")
_FINISHED = re.compile(r"[。；;！!？?）)」”\]》]$|^[^\s,，、;；]{0,12}$|\d+\s*[年月日号]$|[:：]$")


def _mark_cut(items: list[TextBlock | Grid]) -> None:
    """Given the body of a text, mark its last item as possibly cut when the text stops mid-sentence
    (a copy cut after its first pages): a table that runs to the end keeps its last row marked."""
    if not items:
        return
    last = items[-1]
    if isinstance(last, Grid):
        if last.cut_row is None and not last.closed and last.num_rows > 1:
            texts = [c.text.strip() for c in last.cells if c.row == last.num_rows - 1 and c.text.strip()]
            if not texts or not _FINISHED.search(texts[-1]):
                last.cut_row = last.num_rows - 1
    elif not _FINISHED.search(last.text.strip()) or _OPEN_ITEM.match(last.text.strip()):
        last.cut = True


def _csv_body(text: str, file: str) -> list[TextBlock | Grid] | None:
    """Given a whole .csv file, return it as one grid (delimiter sniffed among , ; and tab), or None
    when it does not parse as CSV (it is then read as lines of text)."""
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        rows = [RawRow(reader.line_num, cells) for cells in reader if any(c.strip() for c in cells)]
    except csv.Error:
        # An unbalanced quote swallows the rest of the file into one field: not a table.
        return None
    if rows:
        check_table(file, "", len(rows), max(len(r.cells) for r in rows), sum(len(r.cells) for r in rows))
    return [build_grid(rows)] if rows else []


def extract_text(path: Path, source: SourceInfo) -> RawDocument:
    """Given a text dump and its SourceInfo, return its RawDocument (encoding recorded in source)."""
    path = Path(path)
    check_file_size(source.file, path.stat().st_size, MAX_TEXT_BYTES, "文本文件")
    warnings: list[str] = []
    text, encoding = decode_bytes(path.read_bytes(), source.file, warnings)
    source = source.model_copy(update={"encoding": encoding})
    text = normalise_newlines(text)
    if not text.strip():
        raise EmptyFile(source.file, "文件中没有文字内容", "请确认导出的文本文件不是空白的")
    items = _csv_body(text, source.file) if path.suffix.lower() == ".csv" else None
    if items is None:
        lines = text.split("\n")
        if is_source(lines):
            lines = literal_lines(lines)
        lines = join_pages([strip_debris(clean_line(line)) for line in lines])
        items = build_body(lines, source.file, warnings)
        _mark_cut(items)
    body = []
    for item in items:
        if isinstance(item, Grid):
            body.append(_table(item, sum(1 for b in body if isinstance(b, Table)), source.file))
        else:
            body.append(item)
    return RawDocument(source=source, body=body, warnings=warnings)
