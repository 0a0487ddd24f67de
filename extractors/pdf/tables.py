"""One page's table as a grid: cell boxes → rows/columns with explicit spans and cell texts."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .text import group_lines, is_bold, join_lines, paragraph_breaks

SNAP = 2.0  # points: cell edges closer than this are the same grid line


@dataclass(slots=True)
class PartCell:
    """A cell of one page's piece of a table, in that piece's grid."""

    row: int
    col: int
    row_span: int
    col_span: int
    text: str
    bbox: tuple[float, float, float, float]
    page_no: int
    bold: bool = False


@dataclass
class TablePart:
    """The piece of a table that lies on one page."""

    page_no: int
    bbox: tuple[float, float, float, float]
    xs: list[float]
    num_rows: int
    cells: list[PartCell]
    header_rows: int = 0
    pages: list[int] = field(default_factory=list)
    ruled: bool = True

    @property
    def num_cols(self) -> int:
        return len(self.xs) - 1

    def covering(self, row: int, col: int) -> PartCell | None:
        """Return the cell that covers grid position (row, col), if any."""
        for cell in self.cells:
            if cell.row <= row < cell.row + cell.row_span and cell.col <= col < cell.col + cell.col_span:
                return cell
        return None

    def row_cells(self, row: int) -> list[PartCell]:
        """Return the cells that start in ``row``, left to right."""
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)


def snap(values: list[float], tol: float = SNAP) -> list[float]:
    """Given coordinates, merge those within ``tol`` of each other and return them sorted."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def nearest_line(lines: list[float], value: float) -> int:
    """Given sorted grid lines, return the index of the line nearest ``value``."""
    i = bisect_right(lines, value)
    if i > 0 and (i == len(lines) or value - lines[i - 1] <= lines[i] - value):
        return i - 1
    return i


@dataclass(slots=True)
class Grid:
    """Where a part's cells lie: its row and column lines and the cell that owns each position."""

    xs: list[float]
    ys: list[float]
    owner: dict[tuple[int, int], int]

    def cell_at(self, x: float, y: float) -> int | None:
        """Given a point, return the index of the cell it falls in, or None outside every cell."""
        return self.owner.get((bisect_right(self.ys, y) - 1, bisect_right(self.xs, x) - 1))


def layout_part(boxes: list[tuple[float, float, float, float]], page_no: int) -> tuple[TablePart, Grid]:
    """Given cell boxes of one table, return its empty part (cells with spans) and its grid.

    Spans come from the boxes: a box that crosses k grid lines spans k+1 rows or columns.
    """
    xs = snap([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = snap([b[1] for b in boxes] + [b[3] for b in boxes])
    grid: dict[tuple[int, int], int] = {}
    cells: list[PartCell] = []
    for box in sorted(boxes, key=lambda b: (b[1], b[0])):
        c0, c1 = nearest_line(xs, box[0]), nearest_line(xs, box[2])
        r0, r1 = nearest_line(ys, box[1]), nearest_line(ys, box[3])
        if c1 <= c0 or r1 <= r0 or (r0, c0) in grid:
            continue
        for r in range(r0, r1):
            for c in range(c0, c1):
                grid.setdefault((r, c), len(cells))
        cells.append(PartCell(r0, c0, r1 - r0, c1 - c0, "", box, page_no))
    part = TablePart(page_no, (xs[0], ys[0], xs[-1], ys[-1]), xs, len(ys) - 1, cells, pages=[page_no])
    return part, Grid(xs, ys, grid)


def fill_part(part: TablePart, per_cell: list[list[dict]]) -> TablePart:
    """Given an empty part and each cell's words, set the cells' texts and the part's header rows."""
    for cell, ws in zip(part.cells, per_cell):
        if ws:
            lines = group_lines(ws)
            cell.text = join_lines([line.text for line in lines], paragraph_breaks(lines))
            cell.bold = all(is_bold(w.get("fontname", "")) for w in ws)
    part.header_rows = _bold_header_rows(part) or _plain_header_row(part)
    return part


def build_part(boxes: list[tuple[float, float, float, float]], words: list[dict], page_no: int) -> TablePart:
    """Given cell boxes of one table and words already cut at its rulings (OCR), build its grid with texts.

    Each word goes to the cell its centre falls in.
    """
    part, grid = layout_part(boxes, page_no)
    per_cell: list[list[dict]] = [[] for _ in part.cells]
    for word in words:
        owner = grid.cell_at((word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2)
        if owner is not None:
            per_cell[owner].append(word)
    return fill_part(part, per_cell)


def _bold_header_rows(part: TablePart) -> int:
    """Given a part, count its leading rows whose texts are all bold (a styled header)."""
    count = 0
    for row in range(min(part.num_rows - 1, 3)):
        texts = [c for c in part.row_cells(row) if c.text]
        if not texts or not all(c.bold for c in texts):
            break
        count = row + 1 + max(c.row_span for c in part.row_cells(row)) - 1
    return count


HEADER_MAX_CHARS = 12


def _plain_header_row(part: TablePart) -> int:
    """Given a part with no styled header, return 1 when its first row reads as column names.

    Column names fill every column of the first row with short, non-numeric labels, while
    the rows below hold longer text or numbers.
    """
    first = part.row_cells(0)
    if part.num_rows < 3 or len(first) < 3 or sum(c.col_span for c in first) != part.num_cols:
        return 0
    texts = [c.text.replace("\n", "") for c in first]
    if not all(texts) or any(len(t) > HEADER_MAX_CHARS or t.replace(".", "").isdigit() for t in texts):
        return 0
    below = [c.text for c in part.cells if c.row > 0 and c.text]
    return int(any(len(t) > HEADER_MAX_CHARS or t.replace(".", "").isdigit() for t in below))


def words_in(words: list[dict], bbox: tuple[float, float, float, float]) -> list[dict]:
    """Given words and a box, return those whose centre lies inside the box."""
    x0, top, x1, bottom = bbox
    return [
        w for w in words
        if x0 <= (w["x0"] + w["x1"]) / 2 <= x1 and top <= (w["top"] + w["bottom"]) / 2 <= bottom
    ]
