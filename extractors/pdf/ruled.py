"""Ruled tables on a page: pdfplumber's cells, with a row left open by a page break closed first."""
from __future__ import annotations

from .tables import SNAP

OPEN_REACH = 5.0  # points: rulings that run this far past a table's outer line frame a row of it
MIN_WALLS = 2     # a row needs a ruling on either side


def table_boxes(page) -> list[list[tuple[float, float, float, float]]]:
    """Given a page, return each ruled table's cell boxes, top to bottom.

    A row cut by a page break often has no border on the cut side: the rulings between its cells
    run on past the table's first (or last) line to the cut. That row belongs to the table, so a
    closing line is drawn where those rulings end and the tables are found again.
    """
    tables = page.find_tables()
    if not tables:
        return []
    verticals = [e for e in page.edges if e["orientation"] == "v"]
    closing = [line for t in tables for line in _closing_lines(t.bbox, verticals)]
    if closing:
        tables = page.find_tables({"explicit_horizontal_lines": closing})
    return [t.cells for t in tables]


def _closing_lines(bbox: tuple[float, float, float, float], verticals: list[dict]) -> list[dict]:
    """Given a table's box and the page's vertical rulings, return the lines that close rows left open above or below."""
    x0, top, x1, bottom = bbox
    inside = [e for e in verticals if x0 - SNAP <= e["x0"] <= x1 + SNAP]
    above = [e for e in inside if e["top"] < top - OPEN_REACH and e["bottom"] >= top - SNAP]
    below = [e for e in inside if e["bottom"] > bottom + OPEN_REACH and e["top"] <= bottom + SNAP]
    out = []
    for walls, end in ((above, min), (below, max)):
        if len(walls) < MIN_WALLS:
            continue
        y = end(e["top"] if end is min else e["bottom"] for e in walls)
        reach = [e for e in walls if abs((e["top"] if end is min else e["bottom"]) - y) <= SNAP]
        if len(reach) >= MIN_WALLS:
            left, right = min(e["x0"] for e in reach), max(e["x0"] for e in reach)
            out.append({"object_type": "line", "x0": left, "x1": right, "top": y, "bottom": y,
                        "width": right - left, "height": 0})
    return out
