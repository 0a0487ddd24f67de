"""Memory of a long PDF: what extraction and the indicator builder hold grows with what the document says
(its cells and lines), not with the pages pdfplumber has read or the builder's working copies.

Compared in-process with tracemalloc at two sizes of one invented scheme, so the figure is steady however
busy the machine is (the wall-clock side lives in `make bench`).
"""
from __future__ import annotations

import copy
import pickle
import tracemalloc
from pathlib import Path

import pytest

from pipeline.extract import extract_table
from pipeline.indicators import metadata
from schemas.common import BoundingBox, ProvenanceItem
from schemas.raw import RawDocument, Table, TableCell
from schemas.common import InputFormat, SourceInfo
from tests.pdf_builder import Page, write

SIZES = (8, 32)
# Traced peak growth per byte of RawDocument JSON growth. Today about 2.5: the document's pydantic objects
# and the indicators read from them. Holding each page's chars (a kilobyte a character) gives about 50;
# a whole-document working copy kept per pass would also go past it.
MAX_PEAK_PER_JSON_BYTE = 10


def _scheme_page(n: int) -> Page:
    """Given a page number, draw one page of an invented scheme: a heading, a ruled table of scored items
    and a paragraph under it."""
    page = Page().text(72, 60, f"第{n}部分 业务工作考核（14分）", 14)
    rows = [["序号", "考核项目", "评分标准", "分值"]]
    rows += [[str(r), f"第{n}类工作第{r}项", f"未按时完成的扣{r}分，发现一起扣0.5分，扣完为止", "2"] for r in range(1, 8)]
    page.grid([60, 100, 220, 470, 535], [100 + 40 * r for r in range(len(rows) + 1)], rows)
    return page.text(72, 480, f"本部分共{n}类内容，由各科室按季度报送台账，年终汇总计分。")


def _peak(path: Path) -> tuple[int, int]:
    """Given a PDF, return the traced peak of reading its indicator table, and its RawDocument's JSON size."""
    tracemalloc.start()
    try:
        raw, table = extract_table(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert table.indicators, "the invented scheme must be read as indicators, or the builder is not measured"
    return peak, len(raw.model_dump_json())


def test_peak_grows_with_content_not_pages(tmp_path):
    paths = {n: write(tmp_path / f"{n}.pdf", [_scheme_page(p) for p in range(1, n + 1)]) for n in SIZES}
    _peak(paths[SIZES[0]])  # imports and first-use caches are not the document's
    (small, small_json), (large, large_json) = (_peak(paths[n]) for n in SIZES)
    ratio = (large - small) / (large_json - small_json)
    assert ratio <= MAX_PEAK_PER_JSON_BYTE, (
        f"{SIZES[1]} 页比 {SIZES[0]} 页多占 {(large - small) / 2**20:.1f} MiB，"
        f"是原始文档 JSON 增量的 {ratio:.1f} 倍（上限 {MAX_PEAK_PER_JSON_BYTE}）")


# Traced bytes per table cell (cell, provenance, box, four coordinates, a short text). Today about 880: each
# model's values sit in a dict whose keys its class's instances share. A dict of its own per instance, as
# pydantic gives, makes it about 1,200.
MAX_BYTES_PER_CELL = 1000


def _cell(n: int) -> TableCell:
    """Given a number, return an invented table cell with its provenance, as the PDF extractor builds one."""
    box = BoundingBox(x0=60.0 + n % 7, top=100.0 + n, x1=220.5 + n % 7, bottom=140.25 + n)
    prov = ProvenanceItem(file="方案.pdf", page_no=1 + n // 40, table_no=n // 400, row=n, col=n % 7, bbox=box)
    return TableCell(row=n, col=n % 7, text=f"考核内容{n}", prov=prov)


def _traced(n_cells: int) -> int:
    """Given a count, return the traced bytes of that many cells held at once."""
    tracemalloc.start()
    try:
        cells = [_cell(n) for n in range(n_cells)]
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(cells) == n_cells
    return held


def test_schema_instances_hold_their_values_compactly():
    _traced(10)  # first-use caches are not the cells'
    small, large = _traced(1_000), _traced(5_000)
    per_cell = (large - small) / 4_000
    assert per_cell <= MAX_BYTES_PER_CELL, f"每个表格单元格占 {per_cell:.0f} 字节（上限 {MAX_BYTES_PER_CELL}）"


# Traced bytes per table cell of a whole document at rest. Today about 170: a table keeps its cells packed
# by column and builds the models when read. Three models per cell at rest (cell, provenance, box), as
# extractors build them, make it about 900.
MAX_BYTES_PER_CELL_AT_REST = 400
ROWS_PER_TABLE = 60


def _document(n_tables: int) -> RawDocument:
    """Given a count, return an invented document of that many 60-row tables of seven columns."""
    source = SourceInfo(file="方案.pdf", format=InputFormat.PDF, sha256="0" * 64, size_bytes=1, extractor_version="0")
    tables = []
    for t in range(n_tables):
        cells = [_cell(n) for n in range(t * ROWS_PER_TABLE * 7, (t + 1) * ROWS_PER_TABLE * 7)]
        tables.append(Table(table_no=t, num_rows=ROWS_PER_TABLE, num_cols=7, cells=cells,
                            prov=ProvenanceItem(file="方案.pdf", table_no=t)))
    return RawDocument(source=source, body=tables)


def _held(n_tables: int) -> int:
    """Given a count, return the traced bytes of a document of that many tables held at rest."""
    tracemalloc.start()
    try:
        doc = _document(n_tables)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(doc.tables) == n_tables
    return held


def test_table_cells_are_packed_at_rest():
    _held(1)  # first-use caches are not the document's
    small, large = _held(5), _held(25)
    per_cell = (large - small) / (20 * ROWS_PER_TABLE * 7)
    assert per_cell <= MAX_BYTES_PER_CELL_AT_REST, (
        f"整份文档中每个表格单元格占 {per_cell:.0f} 字节（上限 {MAX_BYTES_PER_CELL_AT_REST}）：单元格又按完整模型存放了")


COPIES = [copy.copy, copy.deepcopy, lambda c: c.model_copy(), lambda c: pickle.loads(pickle.dumps(c)),
          lambda c: TableCell.model_validate_json(c.model_dump_json()), lambda c: TableCell(**c.model_dump())]


@pytest.mark.parametrize("make_copy", COPIES)
def test_compact_values_read_write_and_copy_as_pydantic_does(make_copy):
    cell = _cell(300)
    twin = make_copy(cell)
    assert twin == cell and twin.model_dump_json() == cell.model_dump_json()
    twin.text, twin.prov.bbox.x1 = "改后", 999.5
    assert (twin.text, twin.prov.bbox.x1, list(twin.model_dump())) == ("改后", 999.5, list(TableCell.model_fields))
    assert twin.model_copy(update={"row": 3}).row == 3 and cell.row == 300


@pytest.mark.parametrize("text", [
    "", "甲", "考核　内容\n\n评分 标准\r\n", "ＡＢ１\r\n \t乙\x0b丙\u2028丁 \n", "行一\r\n行二\r行三\n" * 40,
])
@pytest.mark.parametrize("slice_chars", [1, 2, 5, 64 * 1024])
def test_line_keys_read_in_slices_as_in_one_pass(monkeypatch, text, slice_chars):
    whole = metadata._INNER_BLANK.sub("", metadata._LINE_BREAK.sub("\n", metadata.fold(text)))
    monkeypatch.setattr(metadata, "_LINE_SLICE", slice_chars)
    assert metadata.line_keys(text) == whole
