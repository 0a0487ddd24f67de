"""XLSX extractor: each sheet's used area → title blocks and tables with merged-cell spans."""
from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

from schemas.common import ProvenanceItem, SourceInfo
from schemas.raw import BlockLabel, RawDocument, Table, TableCell, TextBlock

from ..errors import CorruptFile
from ..ooxml_safe import open_package
from .xlsx_format import format_value

WORKBOOK_PART = "xl/workbook.xml"


@dataclass
class Merge:
    """A merged range in 1-based sheet coordinates (inclusive)."""

    top: int
    left: int
    bottom: int
    right: int


@dataclass
class SheetGrid:
    """Non-empty displayed values and merges of one worksheet."""

    name: str
    values: dict[tuple[int, int], str]
    merges: dict[tuple[int, int], Merge]
    header_rows: set[int]


def _load_workbook(path: Path):
    """Given an .xlsx path, return an openpyxl workbook or raise a typed error."""
    import openpyxl  # heavy import, only when a workbook is read
    from openpyxl.utils.exceptions import InvalidFileException

    zf, _ = open_package(path, "xlsx", WORKBOOK_PART)
    zf.close()
    try:
        with warnings.catch_warnings():
            # openpyxl warns about every unsupported extension (data validation, slicers …).
            warnings.simplefilter("ignore")
            # read_only mode does not expose merged ranges; data_only gives cached formula results.
            return openpyxl.load_workbook(path, read_only=False, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError) as exc:
        raise CorruptFile(
            str(path), f"无法读取 Excel（XLSX）工作簿（{type(exc).__name__}: {exc}）",
            "请在 WPS/Excel 中打开后重新另存为 .xlsx 再处理",
        )


def _read_sheet(ws) -> SheetGrid:
    """Given an openpyxl worksheet, collect its displayed values, merges and header rows."""
    values: dict[tuple[int, int], str] = {}
    # ws._cells holds only cells that exist in the file; iter_rows would walk a styled
    # 1 048 576-row sheet cell by cell.
    for (r, c), cell in ws._cells.items():
        text = format_value(cell.value, cell.number_format)
        if text:
            values[(r, c)] = text
    merges = {}
    for rng in ws.merged_cells.ranges:
        merges[(rng.min_row, rng.min_col)] = Merge(rng.min_row, rng.min_col, rng.max_row, rng.max_col)
    return SheetGrid(ws.title, values, merges, _header_rows(ws))


def _header_rows(ws) -> set[int]:
    """Given a worksheet, return the rows it repeats when printing or freezes on screen."""
    rows: set[int] = set()
    titles = ws.print_title_rows
    if titles:
        first, _, last = titles.replace("$", "").partition(":")
        if first.isdigit() and (last or first).isdigit():
            rows.update(range(int(first), int(last or first) + 1))
    if not rows and ws.freeze_panes:
        from openpyxl.utils.cell import coordinate_from_string

        _, frozen = coordinate_from_string(ws.freeze_panes)
        rows.update(range(1, frozen))
    return rows


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
        """Given a rectangular run of rows, append it as a Table (every uncovered position is a cell)."""
        table_no = self.table_count
        self.table_count += 1
        covered: set[tuple[int, int]] = set()
        cells: list[TableCell] = []
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if (r, c) in covered:
                    continue
                m = grid.merges.get((r, c))
                rs = min(m.bottom, bottom) - r + 1 if m else 1
                cs = min(m.right, right) - c + 1 if m else 1
                covered.update((rr, cc) for rr in range(r, r + rs) for cc in range(c, c + cs))
                row, col = r - top, c - left
                cells.append(TableCell(
                    row=row, col=col, row_span=rs, col_span=cs, text=grid.values.get((r, c), ""),
                    column_header=r in grid.header_rows,
                    prov=ProvenanceItem(file=self.file, sheet=grid.name, table_no=table_no, row=row, col=col),
                ))
        prov = ProvenanceItem(file=self.file, sheet=grid.name, paragraph_no=len(self.body), table_no=table_no)
        self.body.append(Table(
            table_no=table_no, num_rows=bottom - top + 1, num_cols=right - left + 1, cells=cells, prov=prov,
        ))


def extract_xlsx(path: Path, source: SourceInfo) -> RawDocument:
    """Given an .xlsx path, return its RawDocument: per visible sheet, title blocks and tables."""
    path = Path(path)
    wb = _load_workbook(path)
    builder = _SheetBuilder(source.file)
    notes: list[str] = []
    try:
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                notes.append(f"已跳过隐藏的工作表“{ws.title}”")
                continue
            grid = _read_sheet(ws)
            if not grid.values:
                continue
            builder.add_sheet(grid)
    finally:
        wb.close()
    if not builder.body:
        notes.append("工作簿中没有任何内容")
    return RawDocument(source=source, body=builder.body, warnings=notes)
