"""Layout recovery: every registered recogniser tries to rebuild a table at a line; the best grid is kept.

A text dump loses its table in many ways (tabs, pipes broken over lines, space-aligned columns, cells
one per line, cells glued into one line, box drawing, raw HTML …). Each recogniser knows one way and
says where its table starts and ends; the stage scores every grid it gets with the same yardstick —
header words, columns whose cells have the type their header names, rows that are filled — and keeps
the best, recording which recogniser gave it and that score as the table's confidence.

Recognisers live in a registry like the extractors' (``register``/``get``); a name that is not
registered is an error that lists the registered ones.
"""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Callable

from ..hanzi import HANZI
from .grid import Found, Grid
from .headers import Role, role_of
from .normal import fold_text

Recogniser = Callable[[list[str], int], "Found | None"]

# Structural readers first: when two grids score alike, the one read from explicit structure wins.
_BUILTIN: dict[str, str] = {
    "delimited": "extractors.text.tables:find_delimited_table",
    "csv": "extractors.text.csvrows:find_csv_table",
    "markup": "extractors.text.markup:find_markup_table",
    "records": "extractors.text.records:find_records_table",
    "boxdraw": "extractors.text.boxdraw:find_box_table",
    "pipes": "extractors.text.pipes:find_broken_pipe_table",
    "pipecount": "extractors.text.pipecount:find_counted_pipe_table",
    "layout": "extractors.text.layout:find_layout_table",
    "spacedrows": "extractors.text.spacedrows:find_spaced_rows_table",
    "perline": "extractors.text.perline:find_per_line_table",
    "stream": "extractors.text.stream:find_stream_table",
    "flat": "extractors.text.flat:find_flat_table",
    "numbered": "extractors.text.numbered:find_numbered_table",
    "glued": "extractors.text.glued:find_glued_table",
    "pointsled": "extractors.text.pointsled:find_points_led_table",
    "columns": "extractors.text.columns:find_column_table",
    "colblocks": "extractors.text.colblocks:find_column_block_table",
    "zipped": "extractors.text.zipped:find_zipped_table",
}
_REGISTRY: dict[str, Recogniser | str] = dict(_BUILTIN)
# Recognisers that infer cells from cues rather than read stated structure keep a grid only above this.
_MIN_SCORE: dict[str, float] = {"flat": 0.5}
COVER_WEIGHT = 0.3
MISFIT_WEIGHT = 0.5

_POINTS = re.compile(r"^[（(]?[-+]?\d+(?:\.\d+)?\s*分?[）)]?$")
_SERIAL = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)])[.、．]?$")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?%?$")
_DIGIT_SERIAL = re.compile(r"^(\d{1,3})[.、．]?$")
# How much a 序号 column that does not count 1, 2, 3 … lowers a grid's score.
SEQUENCE_WEIGHT = 0.5
_TEXT_ROLES = {Role.GROUP, Role.NAME, Role.CONTENT, Role.CRITERIA, Role.METHOD, Role.DEPT}


class UnknownRecogniser(KeyError):
    """A recogniser name that is not in the registry."""

    def __str__(self) -> str:
        return f"没有名为“{self.args[0]}”的版式识别器；已注册：{'、'.join(names())}"


def register(name: str, recogniser: Recogniser | str, min_score: float = 0.0) -> None:
    """Register (or replace) a recogniser: a callable or 'module:function', and the score below which
    its grids are not tables at all (for recognisers that infer cells from cues)."""
    _REGISTRY[name] = recogniser
    _MIN_SCORE[name] = min_score


def names() -> list[str]:
    """Return the registered recognisers in the order they are tried."""
    return list(_REGISTRY)


def get(name: str) -> Recogniser:
    """Given a registered name, return the recogniser (imported on first use)."""
    if name not in _REGISTRY:
        raise UnknownRecogniser(name)
    target = _REGISTRY[name]
    if isinstance(target, str):
        module, func = target.split(":")
        target = getattr(importlib.import_module(module), func)
        _REGISTRY[name] = target
    return target


def _cell_fits(role: Role | None, text: str) -> bool | None:
    """Given a column's role and a body cell's text, tell whether the text has that column's type."""
    flat = fold_text(text)
    if role is Role.POINTS:
        return bool(_POINTS.match(flat))
    if role is Role.SERIAL:
        return bool(_SERIAL.match(flat))
    if role in _TEXT_ROLES:
        return not _NUMBER.match(flat)
    return None


def grid_score(grid: Grid) -> float:
    """Given a grid, score it in [0, 1]: its header names columns, the cells under each name have
    that column's type, and its rows are filled."""
    header = [c for c in grid.cells if c.header]
    body_rows = len({c.row for c in grid.cells if not c.header})
    body = [c for c in grid.cells if not c.header and c.text.strip()]
    if not body:
        return 0.0
    roles: dict[int, Role | None] = {}
    for c in header:
        if c.col_span == 1:
            roles[c.col] = role_of(fold_text(c.text))
    named = sum(1 for c in header if role_of(fold_text(c.text)) is not None) / len(header) if header else 0.0
    checks = [ok for c in body if c.col_span == 1 and (ok := _cell_fits(roles.get(c.col), c.text)) is not None]
    typed = sum(checks) / len(checks) if checks else 0.5
    per_row: dict[int, int] = {}
    for c in body:
        # A banner spanning the whole width is a full row (a category line), not a row missing cells.
        per_row[c.row] = per_row.get(c.row, 0) + (2 if c.col_span == grid.num_cols else 1)
    full = sum(1 for n in per_row.values() if n >= 2 or grid.num_cols == 1) / body_rows
    # A cell holding a pipe kept a separator it should have been cut at (a row broken across lines).
    unsound = sum(1 for c in body if not balanced(c.text) or _GLUED_POINTS.search(c.text) or "|" in c.text)
    sound = max(0.0, 1.0 - (unsound + sum(1 for c in header if "|" in c.text)) / len(body))
    score = 0.3 * named + 0.4 * typed + 0.2 * full + 0.1 * min(1.0, body_rows / 3)
    counted = sequence_share([c.text for c in body if c.col_span == 1 and roles.get(c.col) is Role.SERIAL])
    return round(score * sound * sound * (1 - SEQUENCE_WEIGHT + SEQUENCE_WEIGHT * counted), 4)


def sequence_share(serials: list[str]) -> float:
    """Given a 序号 column's body cells in row order, return the share of steps between numbered rows
    that count on by one (or restart at 1 for a new category); 1.0 when there are too few to tell.
    Rows cut in the wrong places put other columns' numbers (points, counts) there, which do not count."""
    numbers = [int(m.group(1)) for t in serials if (m := _DIGIT_SERIAL.match(fold_text(t)))]
    steps = list(zip(numbers, numbers[1:]))
    if len(steps) < 2:
        return 1.0
    return sum(1 for a, b in steps if b in (a + 1, 1)) / len(steps)


_PAIRS = ("（）", "()", "《》", "“”", "【】", "〔〕")
# A cell holding a bare number between sentences holds two rows: '…制定方案。4无方案的扣4分。'
_GLUED_POINTS = re.compile(rf"[。；;]\s*\d{{1,3}}(?:\.\d+)?\s*分?[{HANZI}]")


def balanced(text: str) -> bool:
    """Given a cell text, tell whether its brackets and quotes pair up (a cell cut across columns breaks them)."""
    for a, b in _PAIRS:
        depth = 0
        for ch in text:
            if ch == a:
                depth += 1
            elif ch == b:
                depth -= 1
                if depth < 0:
                    return False
        if depth:
            return False
    return True


def found_score(found: Found) -> float:
    """Given what a recogniser found, return its score: its grids' mean, less its own misfit."""
    if not found.grids:
        return 0.0
    cells = [max(1, len(g.cells)) for g in found.grids]
    score = sum(grid_score(g) * n for g, n in zip(found.grids, cells)) / sum(cells)
    if found.misfit is not None:
        score *= 1.0 / (1.0 + MISFIT_WEIGHT * found.misfit)
    return round(score, 4)


@dataclass
class Recovery:
    """The kept reading at a line: what was found, by whom, its score; or only that a header was seen."""

    found: Found | None
    recogniser: str = ""
    score: float = 0.0
    header_seen: bool = False
    weighed: float = 0.0


def recover(lines: list[str], start: int) -> Recovery:
    """Given cleaned lines and an index, try every recogniser there and keep the best-scoring grid."""
    seen = False
    candidates: list[tuple[str, Found, float]] = []
    for name in names():
        found = get(name)(lines, start)
        if found is None:
            continue
        if not found.grids:
            seen = True  # a header, but a body this recogniser could not read
            continue
        score = found_score(found)
        if score >= _MIN_SCORE.get(name, 0.0):
            candidates.append((name, found, score))
    best = Recovery(None, header_seen=seen)
    ends = {name: _explained_end(lines, start, found.end) for name, found, _ in candidates}
    reach = max(ends.values(), default=start + 1) - start
    for name, found, score in candidates:
        # Of two readings at one line, the one that explains more of the lines that follow is preferred.
        weighed = score * (1 - COVER_WEIGHT + COVER_WEIGHT * (ends[name] - start) / max(1, reach))
        if best.found is None or weighed > best.weighed:
            best = Recovery(found, name, score, seen, weighed)
    if best.found is not None:
        for grid in best.found.grids:
            grid.recogniser, grid.confidence = best.recogniser, best.score
    return best


# A numbered sentence ('五、本细则由办公室负责解释。') after a table is the text going on, not a cell.
_HEADING_SENTENCE = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．].*[。；;]$")


def _explained_end(lines: list[str], start: int, end: int) -> int:
    """Given where a reading starts and ends, return the end of the lines it explains: a numbered
    sentence it took in as its last cell explains nothing (the text after a table goes on there)."""
    k = end
    while k > start + 1 and (not lines[k - 1].strip() or _HEADING_SENTENCE.match(lines[k - 1].strip())):
        if lines[k - 1].strip():
            return k - 1
        k -= 1
    return end


def starts_table(lines: list[str], start: int) -> bool:
    """Given cleaned lines and an index, tell whether a table (or a header a recogniser saw) starts there."""
    kept = recover(lines, start)
    return kept.found is not None or kept.header_seen
