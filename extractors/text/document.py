"""Text dumps (.txt/.md/.csv/.tsv): decode, clean artefacts, rebuild tables, label prose lines.

Each line outside a table is one block (a title split inside 《…》 and a paragraph wrapped at
the page width are joined); provenance paragraph_no is the 1-based line where the block starts.
Tables come from four shapes: tab/pipe-delimited rows (text_tables), space-aligned layout dumps
(text_layout), PDF dumps whose cells are broken over lines (text_stream), and whole .csv files.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from schemas.common import ProvenanceItem, SourceInfo
from schemas.raw import BlockLabel, RawDocument, Table, TableCell, TextBlock

from ..docx.labels import label_text, outline_level
from ..errors import EmptyFile
from ..limits import MAX_TABLE_CELLS, MAX_TABLE_COLS, MAX_TEXT_BYTES, check_file_size, check_table
from .decode import clean_line, decode_bytes, is_separator, normalise_newlines, unspace_letters
from .layout import find_layout_table
from .stream import find_stream_table
from .tables import (
    Grid, RawRow, adopt_heading, build_grid, is_prose_run, split_row, split_tables, squash,
)

_ATTACHMENT = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*[:：]?$")
_TITLE_WORDS = re.compile(r"(通知|方案|办法|细则|标准|自评表|申报表|意见|规定|决定|报告|计划|要点|评价表)[》」]?$")
_TITLE_MAX = 60
_SENTENCE = re.compile(r"[。；;！!？?：:]$")
_JOIN_MAX_LINES = 3
_WRAP_MIN = 25
_WRAP_MAX_BLANKS = 2
_PROSE_MARK = re.compile(r"[。；;，,！!？?]")
_LAYOUT_GAP = re.compile(r"\s{3,}")


def _is_blank(line: str) -> bool:
    """Given a cleaned line, tell whether it holds nothing a reader would see."""
    return not line.strip() or is_separator(line)


def label_line(text: str) -> tuple[BlockLabel, int | None]:
    """Given one prose line, label it: attachment heading, title, numbered heading/list item, paragraph."""
    if _ATTACHMENT.match(text):
        return BlockLabel.HEADING, 1
    label, level = label_text(text)
    if label is not BlockLabel.PARAGRAPH or level is not None:
        return label, level
    if len(text) <= _TITLE_MAX and not text.startswith(("《", "附")) and not _SENTENCE.search(text):
        if _TITLE_WORDS.search(text):
            return BlockLabel.TITLE, None
    return BlockLabel.PARAGRAPH, None


def _joined_title(lines: list[str], i: int) -> tuple[str, int]:
    """Given a line that opens 《 without closing it, join the next lines until it closes."""
    text = lines[i].strip()
    j = i
    while text.count("《") > text.count("》") and j + 1 < len(lines) and j - i < _JOIN_MAX_LINES:
        if _is_blank(lines[j + 1]) or split_row(lines[j + 1]) is not None:
            break
        j += 1
        text += lines[j].strip()
    return (text, j) if text.count("《") == text.count("》") else (lines[i].strip(), i)


def _wraps(lines: list[str], j: int) -> int | None:
    """Given the last line of a paragraph, return the line it wraps onto, or None.

    A PDF dump cuts paragraphs at the page width (often with blank lines between the pieces):
    a long line with no closing punctuation, followed by a plain unnumbered line, goes on.
    """
    line = lines[j]
    if len(squash(line)) < _WRAP_MIN or _LAYOUT_GAP.search(line.strip()) or _SENTENCE.search(line.strip()):
        return None
    k = j + 1
    while k < len(lines) and _is_blank(lines[k]) and k - j <= _WRAP_MAX_BLANKS:
        k += 1
    if k >= len(lines) or _is_blank(lines[k]) or split_row(lines[k]) is not None:
        return None
    nxt = unspace_letters(lines[k].strip())
    if nxt.startswith("附") or label_line(nxt) != (BlockLabel.PARAGRAPH, None):
        return None
    if not _PROSE_MARK.search(nxt):
        return None  # a short label or a form value, not the rest of a sentence
    stream = find_stream_table(lines, k)
    return k if stream is None or stream[0] is None else None


def _paragraph(lines: list[str], i: int) -> tuple[str, int]:
    """Given a prose block's first line, return its text and last line (《 titles, wrapped lines joined)."""
    text, j = _joined_title(lines, i)
    if label_line(unspace_letters(text))[0] is BlockLabel.TITLE:
        return text, j
    while (k := _wraps(lines, j)) is not None:
        text += lines[k].strip()
        j = k
    return text, j


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
    return Table(
        table_no=table_no, num_rows=grid.num_rows, num_cols=grid.num_cols, cells=cells,
        prov=ProvenanceItem(file=file, paragraph_no=grid.line, table_no=table_no),
    )


def _delimited_run(lines: list[str], i: int, file: str) -> tuple[list[RawRow], int]:
    """Given the index of a delimited row, return the run's rows (blank lines inside allowed) and its end."""
    rows: list[RawRow] = []
    count = 0
    j = i
    while j < len(lines):
        if _is_blank(lines[j]):
            j += 1
            continue
        cells = split_row(lines[j])
        if cells is None:
            break
        rows.append(RawRow(j + 1, cells))
        count += len(cells)
        if len(cells) > MAX_TABLE_COLS or count > MAX_TABLE_CELLS:
            # Checked while reading: a runaway row must not be laid out before it is refused.
            check_table(file, f"第{i + 1}行起的", len(rows), len(cells), count)
        j += 1
    return rows, j


def _heading_above(body: list[TextBlock | Grid], lines: list[str], i: int) -> TextBlock | None:
    """Given the body so far and a table start, return the numbered heading right above it, if any."""
    k = i - 1
    while k >= 0 and _is_blank(lines[k]):
        k -= 1
    last = body[-1] if body else None
    if isinstance(last, TextBlock) and last.prov.paragraph_no == k + 1:
        if last.label is BlockLabel.HEADING and outline_level(last.text) in (1, 2):
            return last
    return None


def _block(text: str, line: int, file: str) -> TextBlock:
    """Given one prose line and its 1-based number, return its labelled block."""
    text = unspace_letters(text.strip())
    label, level = label_line(text)
    return TextBlock(label=label, text=text, level=level, prov=ProvenanceItem(file=file, paragraph_no=line))


def build_body(lines: list[str], file: str, warnings: list[str]) -> list[TextBlock | Grid]:
    """Given cleaned lines, return blocks and grids in reading order (appending to warnings)."""
    body: list[TextBlock | Grid] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_blank(line):
            i += 1
            continue
        if split_row(line) is not None:
            rows, i_end = _delimited_run(lines, i, file)
            if is_prose_run(rows):
                texts = [" ".join(filter(None, (c.strip() for c in r.cells))) for r in rows]
                body += [_block(text, r.line, file) for text, r in zip(texts, rows)]
                i = i_end
                continue
            tables = split_tables(rows)
            heading = _heading_above(body, lines, i)
            if heading is not None:
                tables[0], taken = adopt_heading(tables[0], heading.text, heading.prov.paragraph_no)
                if taken:
                    body.pop()
            body += [build_grid(t) for t in tables]
            i = i_end
            continue
        layout = find_layout_table(lines, i)
        if layout is not None:
            body.append(layout[0])
            i = layout[1]
            continue
        stream = find_stream_table(lines, i)
        if stream is not None and stream[0] is not None:
            body.append(stream[0])
            i = stream[1]
            continue
        if stream is not None:
            warnings.append(f"第{i + 1}行起像是表格，但无法从文本还原行列，已按段落输出；如有原始 DOCX/PDF 请改用原文件")
        text, last = _paragraph(lines, i)
        body.append(_block(text, i + 1, file))
        i = last + 1
    return body


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
        items = build_body([clean_line(line) for line in text.split("\n")], source.file, warnings)
    body = []
    for item in items:
        if isinstance(item, Grid):
            body.append(_table(item, sum(1 for b in body if isinstance(b, Table)), source.file))
        else:
            body.append(item)
    return RawDocument(source=source, body=body, warnings=warnings)
