"""Caps on what one file may make an extractor build, each judged on the real content, each with a
Chinese message that names the file and the limit. The bounded workers (pipeline/isolate.py) stop
whatever still runs away; these caps say precisely what was too big, and stop it early.
"""
from __future__ import annotations

from .errors import TooLarge

MB = 1024**2
# A scheme's text dump is tens to hundreds of KB (the largest in corpus/web is 130 KB).
MAX_TEXT_BYTES = 5 * MB
MAX_HTML_BYTES = 10 * MB
# A scheme's table is tens of rows by a dozen columns; these leave two orders of magnitude.
MAX_TABLE_CELLS = 50_000
MAX_TABLE_COLS = 500
# Grid positions (rows × columns) a table may cover once spans are placed.
MAX_GRID_POSITIONS = 1_000_000
# A page of text holds a few thousand characters and a ruled table a few hundred lines.
MAX_PAGE_CHARS = 100_000
MAX_PAGE_EDGES = 5_000
# One page physically holds about a thousand legible cells (60 rows × 15 columns).
MAX_PAGE_TABLE_CELLS = 5_000
# A4 at 150 dpi is 2.2 million pixels; A2 is 8.7 million.
MAX_OCR_PIXELS = 12_000_000
# A paragraph or cell of a scheme is at most a few thousand characters; the whole document a few
# hundred thousand. Text past these is not a scheme and makes every later stage crawl.
MAX_BLOCK_CHARS = 100_000
MAX_DOCUMENT_CHARS = 5_000_000
# Any one decompressed stream inside a file (PDF content streams, OOXML parts).
MAX_STREAM_BYTES = 64 * MB
_HINT = "该文件可能是恶意构造的或并非考评文件；如确需处理，请拆分后再试"


def size_text(n: float) -> str:
    return f"{n / MB:.3g} MB" if n >= MB else f"{n / 1024:.3g} KB"


def check_file_size(file: str, size: int, limit: int, what: str) -> None:
    """Raise TooLarge when a file of ``size`` bytes exceeds ``limit`` for its kind."""
    if size > limit:
        raise TooLarge(file, f"{what}过大（{size_text(size)}，上限 {size_text(limit)}）", _HINT)


def check_table(file: str, where: str, rows: int, cols: int, cells: int) -> None:
    """Raise TooLarge when one table has more cells, columns or grid positions than any scheme's."""
    if cells > MAX_TABLE_CELLS:
        raise TooLarge(file, f"{where}表格过大（{cells} 个单元格，上限 {MAX_TABLE_CELLS} 个）", _HINT)
    if cols > MAX_TABLE_COLS:
        raise TooLarge(file, f"{where}表格过宽（{cols} 列，上限 {MAX_TABLE_COLS} 列，单元格过多）", _HINT)
    if rows * cols > MAX_GRID_POSITIONS:
        raise TooLarge(file, f"{where}表格过大（{rows} 行 × {cols} 列，上限 {MAX_GRID_POSITIONS} 个单元格位置）", _HINT)


def stream_too_large(file: str, what: str) -> TooLarge:
    return TooLarge(file, f"{what}解压后超过 {size_text(MAX_STREAM_BYTES)} 上限（疑似“压缩炸弹”）", _HINT)


def check_grid(file: str, where: str, positions: int) -> None:
    """Raise TooLarge when spans placed so far cover more grid positions than the cap."""
    if positions > MAX_GRID_POSITIONS:
        raise TooLarge(file, f"{where}表格的合并单元格展开后过大（超过 {MAX_GRID_POSITIONS} 个单元格位置）", _HINT)


def check_document(file: str, raw) -> None:
    """Given an extracted RawDocument, raise TooLarge when one block or cell, or all text together,
    is longer than any scheme's."""
    total = 0
    for item in raw.body:
        texts = [item.text] if item.type == "block" else [c.text for c in item.cells]
        for text in texts:
            total += len(text)
            if len(text) > MAX_BLOCK_CHARS:
                raise TooLarge(file, f"文件中有一段文字过长（{len(text)} 字，上限 {MAX_BLOCK_CHARS} 字）", _HINT)
    if total > MAX_DOCUMENT_CHARS:
        raise TooLarge(file, f"文件的文字总量过大（{total} 字，上限 {MAX_DOCUMENT_CHARS} 字）", _HINT)
