"""XLSX extractor: each sheet's used area → title blocks and tables with merged-cell spans."""
from __future__ import annotations

from pathlib import Path

from schemas.common import ProvenanceItem, SourceInfo
from schemas.raw import BlockLabel, RawDocument, Table, TableCell, TextBlock

from ..limits import check_table
from ..ooxml_safe import open_package
from .grid import SheetGrid
from .xlsx_read import MAX_WORKBOOK_CELLS, read_sheet, read_workbook

WORKBOOK_PART = "xl/workbook.xml"


def _segments(grid: SheetGrid) -> list[tuple[int, int]]:
    """Given a sheet grid, return [first, last] row runs separated by fully empty rows."""
    used: set[int] = {r for r, _ in grid.values}
    for (r, c), m in grid.merges.items():
        if (r, c) in grid.values:
            used.update(range(m.top, m.bottom + 1))
    runs: list[tuple[int, int]] = []
    for r in sorted(used):
        if runs and r == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return runs


def _columns(grid: SheetGrid, top: int, bottom: int) -> tuple[int, int]:
    """Given a row run, return the first and last used column in it (merges included)."""
    cols = [c for r, c in grid.values if top <= r <= bottom]
    cols += [m.right for (r, _), m in grid.merges.items() if top <= r <= bottom and (r, m.left) in grid.values]
    return min(cols), max(cols)


def _banner_row(grid: SheetGrid, r: int, left: int, right: int) -> tuple[str, int] | None:
    """Given a row, return (text, last row) when one value spans the whole width, as a title row does."""
    filled = [c for c in range(left, right + 1) if (r, c) in grid.values]
    if len(filled) != 1:
        return None
    m = grid.merges.get((r, filled[0]))
    if m is not None and m.left <= left and m.right >= right:
        return grid.values[(r, filled[0])], m.bottom
    return (grid.values[(r, left)], r) if left == right else None


# Empty columns between filled ones are kept when the gap is this narrow (a spacer column the sheet
# shows); a wider gap is not part of any table and is dropped.
MAX_COLUMN_GAP = 8


def _table_columns(grid: SheetGrid, top: int, bottom: int, left: int, right: int) -> list[int]:
    """Given a row run, return the sheet columns its table has: those holding a value or a merged
    value, and the narrow gaps between them. A sheet with only A1 and XFD1 has two columns."""
    used = {c for r, c in grid.values if top <= r <= bottom and left <= c <= right}
    for (r, c), m in grid.merges.items():
        if top <= r <= bottom and (r, c) in grid.values:
            used.update(range(max(m.left, left), min(m.right, right) + 1))
    cols: list[int] = []
    for c in sorted(used):
        if cols and 1 < c - cols[-1] <= MAX_COLUMN_GAP + 1:
            cols.extend(range(cols[-1] + 1, c))
        cols.append(c)
    return cols


class _SheetBuilder:
    """Turns sheet grids into body items numbered across the workbook."""

    def __init__(self, file: str):
        self.file = file
        self.body: list[TextBlock | Table] = []
        self.table_count = 0

    def add_sheet(self, grid: SheetGrid) -> None:
        """Given a sheet grid, append each row run as title blocks followed by a table."""
        for top, bottom in _segments(grid):
            left, right = _columns(grid, top, bottom)
            banner = _banner_row(grid, top, left, right)
            if left == right or (banner is not None and banner[1] >= bottom):
                # One column, or one value alone, is lines of text rather than a table.
                for key in sorted(k for k in grid.values if top <= k[0] <= bottom):
                    self._block(grid.name, grid.values[key], BlockLabel.PARAGRAPH)
                continue
            label = BlockLabel.TITLE
            while banner is not None and banner[1] < bottom:
                self._block(grid.name, banner[0], label)
                label = BlockLabel.PARAGRAPH
                top = banner[1] + 1
                banner = _banner_row(grid, top, left, right)
            left, right = _columns(grid, top, bottom)
            self._table(grid, top, bottom, left, right)

    def _block(self, sheet: str, text: str, label: BlockLabel) -> None:
        """Given a title/caption row's text, append it as a TextBlock."""
        prov = ProvenanceItem(file=self.file, sheet=sheet, paragraph_no=len(self.body))
        self.body.append(TextBlock(label=label, text=text, prov=prov))

    def _table(self, grid: SheetGrid, top: int, bottom: int, left: int, right: int) -> None:
        """Given a rectangular run of rows, append it as a Table. Only columns that hold a value (or
        start a merged value) become columns: a sheet with A1 and XFD1 is a table of two columns."""
        table_no = self.table_count
        self.table_count += 1
        cols = _table_columns(grid, top, bottom, left, right)
        index = {c: i for i, c in enumerate(cols)}
        check_table(self.file, f"工作表“{grid.name}”的", bottom - top + 1, len(cols),
                    sum(1 for r, _ in grid.values if top <= r <= bottom))
        covered: set[tuple[int, int]] = set()
        cells: list[TableCell] = []
        for r in range(top, bottom + 1):
            for c in cols:
                if (r, c) in covered:
                    continue
                m = grid.merges.get((r, c))
                rs = min(m.bottom, bottom) - r + 1 if m else 1
                spanned = [cc for cc in cols[index[c]:] if cc <= min(m.right, right)] if m else [c]
                covered.update((rr, cc) for rr in range(r, r + rs) for cc in spanned)
                row, col = r - top, index[c]
                cells.append(TableCell(
                    row=row, col=col, row_span=rs, col_span=len(spanned), text=grid.values.get((r, c), ""),
                    column_header=r in grid.header_rows,
                    prov=ProvenanceItem(file=self.file, sheet=grid.name, table_no=table_no, row=row, col=col),
                ))
        prov = ProvenanceItem(file=self.file, sheet=grid.name, paragraph_no=len(self.body), table_no=table_no)
        self.body.append(Table(
            table_no=table_no, num_rows=bottom - top + 1, num_cols=len(cols), cells=cells, prov=prov,
        ))


def extract_xlsx(path: Path, source: SourceInfo) -> RawDocument:
    """Given an .xlsx path, return its RawDocument: per visible sheet, title blocks and tables."""
    path = Path(path)
    zf, main = open_package(path, "xlsx", WORKBOOK_PART)
    builder = _SheetBuilder(source.file)
    notes: list[str] = []
    budget = [MAX_WORKBOOK_CELLS]
    with zf:
        book = read_workbook(zf, main, path)
        for index, sheet in enumerate(book.sheets):
            if not sheet.visible:
                notes.append(f"已跳过隐藏的工作表“{sheet.name}”")
                continue
            grid = read_sheet(zf, sheet, index, book, path, source.file, budget)
            if grid.values:
                builder.add_sheet(grid)
    if not builder.body:
        notes.append("工作簿中没有任何内容")
    return RawDocument(source=source, body=builder.body, warnings=notes)
