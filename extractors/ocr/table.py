"""Tables from a scanned page: ruling lines → cell boxes (a missing inner line is a span), OCR text → cells."""
from __future__ import annotations

from dataclasses import dataclass

from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

from .image import Segment
from ..pdf.tables import TablePart, build_part, words_in

JOIN_PX = 8  # a line broken by a speck or a faint stretch is still one line
TOUCH_PX = 4  # line ends stop short of the line they meet by about its thickness


@dataclass
class OcrLine:
    """One recognised line of text: its pieces (characters or Latin words) with their pixel boxes."""

    pieces: list[str]
    boxes: list[tuple[float, float, float, float]]


def cell_boxes(horizontal: list[Segment], vertical: list[Segment]) -> list[list[tuple[float, float, float, float]]]:
    """Given ruling lines in pixels, return each table's cell boxes; a cell with no inner line spans."""
    edges = [_edge("h", s) for s in horizontal] + [_edge("v", s) for s in vertical]
    if not edges:
        return []
    edges = merge_edges(edges, snap_x_tolerance=3, snap_y_tolerance=3,
                        join_x_tolerance=JOIN_PX, join_y_tolerance=JOIN_PX)
    cells = intersections_to_cells(edges_to_intersections(edges, TOUCH_PX, TOUCH_PX))
    # A lone framed box (a stamp, a boxed note) is not a table.
    return [t for t in cells_to_tables(cells) if len(t) > 1]


def _edge(orientation: str, seg: Segment) -> dict:
    """Given a segment, return it as a pdfplumber edge, stretched to reach the lines it meets."""
    start, end = seg.start - TOUCH_PX, seg.end + TOUCH_PX
    if orientation == "h":
        return {"x0": start, "x1": end, "top": seg.pos, "bottom": seg.pos, "width": end - start,
                "height": 0, "orientation": "h"}
    return {"x0": seg.pos, "x1": seg.pos, "top": start, "bottom": end, "width": 0,
            "height": end - start, "orientation": "v"}


def split_words(lines: list[OcrLine], vertical: list[Segment], scale: float) -> list[dict]:
    """Given OCR lines and vertical ruling lines, return words in points, cut where a ruling line runs between pieces.

    The detector sometimes reads across a thin cell border ("10分按实际…"); the pieces' own boxes
    show on which side of the border each character lies.
    """
    words = []
    for line in lines:
        mid = (min(b[1] for b in line.boxes) + max(b[3] for b in line.boxes)) / 2
        walls = [s.pos for s in vertical if s.start - TOUCH_PX <= mid <= s.end + TOUCH_PX]
        run: list[int] = []
        for i in range(len(line.pieces)):
            if run and _wall_between(line.boxes[run[-1]], line.boxes[i], walls):
                words.append(_word(line, run, scale))
                run = []
            run.append(i)
        if run:
            words.append(_word(line, run, scale))
    return [w for w in words if w["text"].strip()]


def _wall_between(left: tuple, right: tuple, walls: list[float]) -> bool:
    """Given two neighbouring piece boxes, tell whether a ruling line runs between their centres."""
    a, b = (left[0] + left[2]) / 2, (right[0] + right[2]) / 2
    return any(a < x < b for x in walls)


def _word(line: OcrLine, idx: list[int], scale: float) -> dict:
    """Given a line and a run of its pieces, return a pdfplumber-like word in points."""
    boxes = [line.boxes[i] for i in idx]
    x0, top = min(b[0] for b in boxes) / scale, min(b[1] for b in boxes) / scale
    x1, bottom = max(b[2] for b in boxes) / scale, max(b[3] for b in boxes) / scale
    # Glyph boxes are about the font size tall; the prose layout compares sizes, not absolute values.
    return {"text": "".join(line.pieces[i] for i in idx), "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "size": round(bottom - top, 1), "fontname": "", "upright": True}


def table_parts(tables: list[list[tuple]], words: list[dict], page_no: int, scale: float) -> list[TablePart]:
    """Given tables' cell boxes in pixels and the page's words in points, build one TablePart per table."""
    parts = []
    for boxes in tables:
        boxes_pt = [tuple(v / scale for v in box) for box in boxes]
        bbox = (min(b[0] for b in boxes_pt), min(b[1] for b in boxes_pt),
                max(b[2] for b in boxes_pt), max(b[3] for b in boxes_pt))
        parts.append(build_part(boxes_pt, words_in(words, bbox), page_no))
    return parts
