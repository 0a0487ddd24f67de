"""Tables without ruling lines: columns from whitespace rivers, rows from horizontal gaps."""
from __future__ import annotations

from statistics import median

from .tables import PartCell, TablePart
from .text import Line, group_lines, is_furniture, join_lines, join_words

MIN_GRID_LINES = 3        # lines with >= 3 separated runs needed before a page counts as tabular
MAX_GRID_GAP = 6          # lines between two grid lines of one table, at most
CONTINUE_FIT = 0.9        # share of runs that must fit the previous page's columns to continue them
REACH = 0.3               # share of a column a run must cover to count as spanning into it
MIN_SUPPORT = 3           # runs needed to make a column
MIN_RIVER = 3.0           # points: narrower white columns are word gaps, not column gaps
BUSY_SHARE = 0.3          # a row gap may be crossed by text in this share of columns (merged cells)


class Segment:
    """A run of words on one line with no wide gap inside: the text of one cell on that line."""

    def __init__(self, words: list[dict]):
        self.words = words
        self.x0 = words[0]["x0"]
        self.x1 = max(w["x1"] for w in words)
        self.top = min(w["top"] for w in words)
        self.bottom = max(w["bottom"] for w in words)
        self.text = join_words(words)


def find_unruled(words: list[dict], page_no: int, height: float,
                 prev_xs: list[float] | None = None) -> list[TablePart]:
    """Given a page's words (no ruled table on it), return a text-aligned table if the page has one.

    ``prev_xs`` are the columns of a text-aligned table ending on the previous page: when this
    page's runs fit them, the table continues and keeps them, so the pieces stitch.
    """
    lines = [l for l in group_lines(words) if not is_furniture(l, height)]
    if not lines:
        return []
    size = median(l.size for l in lines)
    runs = [_segments(line, size) for line in lines]
    grid = _grid_lines(lines, runs, size)
    if len(grid) >= MIN_GRID_LINES:
        grid_segments = [s for i in grid for s in runs[i]]
        bounds = (min(s.x0 for s in grid_segments), max(s.x1 for s in grid_segments))
        first, last = _region(lines, runs, grid, size, bounds)
        segments = [s for segs in runs[first:last + 1] for s in segs]
        xs = _columns(grid_segments, segments)
        if prev_xs and _fit(grid_segments, prev_xs) >= max(CONTINUE_FIT, _fit(grid_segments, xs)):
            xs = prev_xs
    elif prev_xs and not _is_prose(lines[0], runs[0], (prev_xs[0], prev_xs[-1]), size):
        # The tail of a table from the previous page: too few columns here to vote, so its columns hold.
        first, last = _region(lines, runs, [0], size, (prev_xs[0], prev_xs[-1]))
        segments = [s for segs in runs[first:last + 1] for s in segs]
        xs = prev_xs
    else:
        return []
    if len(xs) < 4:
        return []
    ys = _rows(segments, xs, size)
    return [_build(segments, xs, ys, page_no, size)]


def _grid_lines(lines: list[Line], runs: list[list[Segment]], size: float) -> list[int]:
    """Given lines and their runs, return the largest cluster of lines with three or more runs.

    Grid lines far apart or with prose between them are not one table.
    """
    many = [i for i, segs in enumerate(runs) if len(segs) >= 3]
    if not many:
        return []
    segs = [s for i in many for s in runs[i]]
    bounds = (min(s.x0 for s in segs), max(s.x1 for s in segs))
    clusters: list[list[int]] = []
    for i in many:
        prev = clusters[-1][-1] if clusters else None
        if prev is not None and i - prev <= MAX_GRID_GAP and not any(
                _is_prose(lines[j], runs[j], bounds, size) for j in range(prev + 1, i)):
            clusters[-1].append(i)
        else:
            clusters.append([i])
    return max(clusters, key=len)


def _segments(line: Line, size: float) -> list[Segment]:
    """Given a line, split it where the gap between words is wider than a character."""
    out: list[list[dict]] = [[line.words[0]]]
    for word in line.words[1:]:
        if word["x0"] - out[-1][-1]["x1"] > size:
            out.append([word])
        else:
            out[-1].append(word)
    return [Segment(ws) for ws in out]


def _region(lines: list[Line], runs: list[list[Segment]], grid: list[int], size: float,
            bounds: tuple[float, float]) -> tuple[int, int]:
    """Given lines, their runs, the grid lines and the table's x-bounds, return its first and last line.

    From the grid lines the table grows up and down over lines that sit close and are not
    prose, display text, or wider than the table.
    """
    def belongs(i: int, j: int) -> bool:
        line, near = lines[i], lines[j]
        gap = max(line.top - near.bottom, near.top - line.bottom)
        return gap <= 2.5 * size and not _is_prose(line, runs[i], bounds, size)

    first, last = grid[0], grid[-1]
    while first > 0 and belongs(first - 1, first):
        first -= 1
    while last + 1 < len(lines) and belongs(last + 1, last):
        last += 1
    return first, last


def _is_prose(line: Line, runs: list[Segment], bounds: tuple[float, float], size: float) -> bool:
    """Given a line and the table's x-bounds, tell whether the line is prose or display text, not a row.

    Prose is one run from the left edge across most of the width; a line starting left of
    the table (a form's caption line), or set larger, is not part of it either.
    """
    left, right = bounds
    prose = len(runs) == 1 and line.x0 <= left + size and line.x1 - line.x0 > 0.5 * (right - left)
    return prose or line.x0 < left - size / 2 or line.size > 1.15 * size


def _columns(grid_segments: list[Segment], segments: list[Segment]) -> list[float]:
    """Given the runs of grid lines, return column lines between the x-bands the runs stack into.

    Only lines with several runs vote (a lone run is often a merged cell's centred text).
    Narrow runs go first so the true columns form before a run that spans several of them
    (a merged cell) is seen; such a run touches two bands and is left out.
    """
    bands: list[list[float]] = []  # [x0, x1, support]
    for seg in sorted(grid_segments, key=lambda s: s.x1 - s.x0):
        hits = [b for b in bands if seg.x0 < b[1] and b[0] < seg.x1]
        if not hits:
            bands.append([seg.x0, seg.x1, 1])
        elif len(hits) == 1:
            band = hits[0]
            band[0], band[1], band[2] = min(band[0], seg.x0), max(band[1], seg.x1), band[2] + 1
    cols = sorted(b for b in bands if b[2] >= MIN_SUPPORT)
    # Text centred in a cell merged over two columns forms a thin band midway between them.
    cols = [b for i, b in enumerate(cols) if not (0 < i < len(cols) - 1 and _squeezed(cols[i - 1], b, cols[i + 1]))]
    xs = [min(s.x0 for s in segments) - 1]
    xs += [(a[1] + b[0]) / 2 for a, b in zip(cols, cols[1:])]
    xs.append(max(s.x1 for s in segments) + 1)
    return xs


def _fit(segments: list[Segment], xs: list[float]) -> float:
    """Given runs and column lines, return the share of runs that stay inside one column."""
    inside = sum(1 for s in segments if _span(s, xs)[1] - _span(s, xs)[0] == 1)
    return inside / len(segments)


def _squeezed(left: list[float], band: list[float], right: list[float]) -> bool:
    """Given three neighbouring bands, tell whether the middle one just fills the gap, centred."""
    centred = abs((band[0] + band[1]) - (left[0] + right[1])) < 2 * MIN_RIVER
    return centred and band[0] - left[1] < 2 * MIN_RIVER and right[0] - band[1] < 2 * MIN_RIVER


def _span(seg: Segment, xs: list[float]) -> tuple[int, int]:
    """Given a run and column lines, return the [first, last) columns it overlaps by more than a little."""
    # A run reaches into a column only if it covers a fair part of it (positions are approximate).
    cols = [i for i in range(len(xs) - 1)
            if min(seg.x1, xs[i + 1]) - max(seg.x0, xs[i]) > max(MIN_RIVER, REACH * (xs[i + 1] - xs[i]))]
    if not cols:
        centre = (seg.x0 + seg.x1) / 2
        cols = [max(i for i in range(len(xs) - 1) if xs[i] <= centre)]
    return cols[0], cols[-1] + 1


def _rows(segments: list[Segment], xs: list[float], size: float) -> list[float]:
    """Given runs and columns, return row lines in horizontal gaps that most columns share."""
    top = min(s.top for s in segments)
    bottom = max(s.bottom for s in segments)
    ncols = len(xs) - 1
    busy = [set() for _ in range(int((bottom - top) * 2) + 2)]
    for seg in segments:
        c0, c1 = _span(seg, xs)
        for y in range(int((seg.top - top) * 2), int((seg.bottom - top) * 2) + 1):
            busy[y].update(range(c0, c1))
    # Half-point rows where a run spanning several columns (a wide cell's line) sits.
    wide = set()
    for seg in segments:
        c0, c1 = _span(seg, xs)
        if c1 - c0 > 1:
            wide.add(int(((seg.top + seg.bottom) / 2 - top) * 2))
    limit = BUSY_SHARE * ncols
    ys = [top - 1]
    for start, stop in _runs([len(cols) <= limit for cols in busy]):
        if start == 0 or stop == len(busy):
            continue  # a quiet stretch at the table's top or bottom edge divides nothing
        # Inside a quiet stretch, blank gaps split rows; a stretch crossed only by merged
        # cells' text (no blank gap) is one boundary in its middle, unless a wide cell's
        # short last line is what made it quiet.
        blanks = [(a, b) for a, b in _runs([not busy[y] for y in range(start, stop)])
                  if (b - a) / 2 >= 0.55 * size]
        if blanks:
            ys += [top + (start + (a + b) / 2) / 2 for a, b in blanks]
        elif (stop - start) / 2 >= 0.55 * size and not any(start <= y < stop for y in wide):
            ys.append(top + (start + stop) / 4)
    ys.append(bottom + 1)
    return ys


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """Given flags, return the [start, stop) index ranges where they are true."""
    out, start = [], None
    for i, flag in enumerate(flags + [False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            out.append((start, i))
            start = None
    return out


def _build(segments: list[Segment], xs: list[float], ys: list[float], page_no: int, size: float) -> TablePart:
    """Given runs, columns and rows, group runs into cells, merging runs that continue down a column."""
    placed: list[tuple[int, int, int, Segment]] = []
    for seg in segments:
        centre = (seg.top + seg.bottom) / 2
        row = max(i for i in range(len(ys) - 1) if ys[i] <= centre)
        c0, c1 = _span(seg, xs)
        placed.append((row, c0, c1, seg))
    cells: list[dict] = []
    for row, c0, c1, seg in sorted(placed, key=lambda p: (p[3].top, p[1])):
        owner = next((c for c in cells if c["c0"] < c1 and c0 < c["c1"]
                      and (c["r1"] > row or seg.top - c["bottom"] < 0.55 * size)), None)
        if owner is None:
            cells.append({"r0": row, "r1": row + 1, "c0": c0, "c1": c1, "segs": [seg], "bottom": seg.bottom})
            continue
        owner["segs"].append(seg)
        owner.update(r1=max(owner["r1"], row + 1), c0=min(owner["c0"], c0), c1=max(owner["c1"], c1),
                     bottom=max(owner["bottom"], seg.bottom))
    ys, cells = _drop_empty_rows(ys, cells)
    nrows = len(ys) - 1
    taken = {(r, col) for c in cells for r in range(c["r0"], c["r1"]) for col in range(c["c0"], c["c1"])}
    for cell in cells:
        _centre_across(cell, xs, taken, size)
    for cell in cells:
        _widen_to_edge(cell, len(xs) - 1, taken)
    for cell in cells:
        _grow_down_and_up(cell, nrows, taken)
    merge_cols = {(c["c0"], c["c1"]): True for c in cells if c["r1"] - c["r0"] > 1}
    for cell in cells:
        _grow_one_side(cell, nrows, taken, merge_cols)
    out = []
    for c in cells:
        segs = sorted(c["segs"], key=lambda s: (round(s.top), s.x0))
        text = join_lines(_line_texts(segs))
        box = (xs[c["c0"]], ys[c["r0"]], xs[c["c1"]], ys[c["r1"]])
        out.append(PartCell(c["r0"], c["c0"], c["r1"] - c["r0"], c["c1"] - c["c0"], text, box, page_no))
    return TablePart(page_no, (xs[0], ys[0], xs[-1], ys[-1]), xs, nrows, out, pages=[page_no], ruled=False)


def _drop_empty_rows(ys: list[float], cells: list[dict]) -> tuple[list[float], list[dict]]:
    """Given row lines and cells, remove the rows where no cell starts (gaps inside a merged cell)."""
    keep = sorted({c["r0"] for c in cells})
    new_index = {r: i for i, r in enumerate(keep)}
    for c in cells:
        c["r0"] = new_index[c["r0"]]
        c["r1"] = max(i for i, r in enumerate(keep) if r < c["r1"]) + 1
    # A dropped row's space goes to the kept row above it, so the lines stay in order.
    new_ys = [ys[r] for r in keep] + [ys[-1]]
    return new_ys, cells


def _line_texts(segs: list[Segment]) -> list[str]:
    """Given one cell's runs, return its line texts top to bottom (runs on one line joined)."""
    lines: list[list[Segment]] = []
    for seg in segs:
        if lines and seg.top < lines[-1][-1].bottom - 0.5 * (seg.bottom - seg.top):
            lines[-1].append(seg)
        else:
            lines.append([seg])
    return ["".join(s.text for s in sorted(line, key=lambda s: s.x0)) for line in lines]


def _free(taken: set, rows: range, cols: range) -> bool:
    return not any((r, c) in taken for r in rows for c in cols)


def _claim(cell: dict, taken: set, r0: int, r1: int, c0: int, c1: int) -> None:
    """Given a cell and its new extent, record the positions it now covers."""
    cell.update(r0=r0, r1=r1, c0=c0, c1=c1)
    taken.update((r, c) for r in range(r0, r1) for c in range(c0, c1))


def _centre_across(cell: dict, xs: list[float], taken: set, size: float) -> None:
    """Given a cell whose text is centred, widen it over empty columns until the text sits in its middle.

    Without borders a merged cell shows only as text centred over several columns; text that
    starts at its column's left edge is left-aligned and stays put.
    """
    x0 = min(s.x0 for s in cell["segs"])
    x1 = max(s.x1 for s in cell["segs"])
    centre = (x0 + x1) / 2
    rows = range(cell["r0"], cell["r1"])
    best = (abs((xs[cell["c0"]] + xs[cell["c1"]]) / 2 - centre), cell["c0"], cell["c1"])
    if 0 <= x0 - xs[cell["c0"]] <= size:
        return
    for a in range(cell["c0"], -1, -1):
        if a < cell["c0"] and not _free(taken, rows, range(a, a + 1)):
            break
        for b in range(cell["c1"], len(xs)):
            if b > cell["c1"] and not _free(taken, rows, range(b - 1, b)):
                break
            off = abs((xs[a] + xs[b]) / 2 - centre)
            if off < best[0] - size:
                best = (off, a, b)
    if (best[1], best[2]) != (cell["c0"], cell["c1"]):
        _claim(cell, taken, cell["r0"], cell["r1"], best[1], best[2])


def _widen_to_edge(cell: dict, ncols: int, taken: set) -> None:
    """Given a cell already merged across columns, extend it over the empty rest of its rows."""
    if cell["c1"] - cell["c0"] < 2:
        return
    rows = range(cell["r0"], cell["r1"])
    if _free(taken, rows, range(cell["c1"], ncols)):
        _claim(cell, taken, cell["r0"], cell["r1"], cell["c0"], ncols)


def _grow_down_and_up(cell: dict, nrows: int, taken: set) -> None:
    """Given a cell, extend it one row up and down at a time while both are empty in its columns.

    A merged cell's text is centred vertically, so its rows lie evenly above and below it.
    """
    cols = range(cell["c0"], cell["c1"])
    r0, r1 = cell["r0"], cell["r1"]
    while r0 > 0 and r1 < nrows and _free(taken, range(r0 - 1, r0), cols) and _free(taken, range(r1, r1 + 1), cols):
        r0, r1 = r0 - 1, r1 + 1
    if (r0, r1) != (cell["r0"], cell["r1"]):
        _claim(cell, taken, r0, r1, cell["c0"], cell["c1"])


def _grow_one_side(cell: dict, nrows: int, taken: set, merge_cols: dict) -> None:
    """Given a cell already merged over rows, extend it over the empty rows left on one side.

    Row heights differ, so a merged cell's centred text may not split its rows evenly; once
    one side is blocked the empty positions on the other still belong to it.
    """
    cols = range(cell["c0"], cell["c1"])
    r0, r1 = cell["r0"], cell["r1"]
    if r1 - r0 < 2:
        # A one-row label in a column of merged cells heads a block cut off by the page end.
        if not merge_cols.get((cell["c0"], cell["c1"])) or not _free(taken, range(r1, nrows), cols):
            return
    while r0 > 0 and r1 - r0 > 1 and _free(taken, range(r0 - 1, r0), cols):
        r0 -= 1
    while r1 < nrows and _free(taken, range(r1, r1 + 1), cols):
        r1 += 1
    if (r0, r1) != (cell["r0"], cell["r1"]):
        _claim(cell, taken, r0, r1, cell["c0"], cell["c1"])
