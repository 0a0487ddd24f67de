"""Tables whose cells a stray character separates and whose rows are numbered 1, 2, 3 …

Some copies keep every cell but replace the cell breaks with an odd character (a Cyrillic or Greek
letter, a symbol) and lose the start of the table with its header: "…Р署情况Р10分Р1Р认真贯彻…。Р5Р2Р…".
Neither the header (only its last names may be visible) nor line breaks give the rows; the row
numbers do. The separator is the one character foreign to the text that recurs between cells; the
rows are the longest chain 1, 2, 3 … of bare numbers each followed by text; what stands between two
numbers is the row: its text, then its points, then (before the next number) the label of the next
category, written over one or more cells and closed by that category's "N分". A lone "N分" right
after a row's points is its own category's total, printed late. Column names that are visible name
their columns; the others get the usual names.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from ..hanzi import HANZI
from .grid import Cell, Found, Grid
from .headers import Role, is_header_name, role_of
from .normal import fold_text

_MIN_SEPARATORS = 8
_MIN_ROWS = 3
_MAX_LINES = 400
_CJK = re.compile(f"[{HANZI}]")
_SERIAL = re.compile(r"^\d{1,3}$")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_ALLOCATION = re.compile(r"^\d+(?:\.\d+)?分$")
_SENTENCE = re.compile(r"[。；;，,：:！!？?]")
_LABEL_PIECE_MAX = 12
_LABEL_MAX = 30


def separator(text: str) -> str | None:
    """Given a text, return the character that separates its cells: a letter of another script or a
    symbol that recurs most, standing between non-blank characters."""
    counts = Counter(
        ch for ch in text
        if ord(ch) > 0x7F and not _CJK.match(ch)
        and (unicodedata.category(ch) in ("Lu", "Ll", "So", "Sm") and unicodedata.name(ch, "").split()[0]
             not in ("CJK", "FULLWIDTH", "LATIN", "HALFWIDTH"))
    )
    if not counts:
        return None
    ch, n = counts.most_common(1)[0]
    return ch if n >= _MIN_SEPARATORS else None


@dataclass
class Row:
    """One numbered row: its serial, text cells, points and the cells that followed them."""

    serial: str
    line: int
    text: list[str] = field(default_factory=list)
    points: str = ""
    rest: list[str] = field(default_factory=list)


def _filled(kinds: str) -> bool:
    """Given a row's cell kinds after its number (t text, n number), tell whether it holds text then a number."""
    return bool(re.match(r"t+n", kinds))


def chain(cells: list[str]) -> list[int]:
    """Given cells, return the positions of the longest run of row numbers 1, 2, 3 … each followed by
    text; of equally long runs, the one whose rows most often hold their text and then a number (a
    points cell followed by criteria text may look like the next row number)."""
    kinds = "".join("n" if _NUMBER.match(c) else "t" if _CJK.search(c) else "o" for c in cells)
    candidates: dict[int, list[int]] = {}
    for i in range(len(cells) - 1):
        if _SERIAL.match(cells[i]) and kinds[i + 1] == "t":
            candidates.setdefault(int(cells[i]), []).append(i)
    # levels[k - 1][i]: (rows filled, position of row k - 1) of the best run 1 … k ending at i
    levels: list[dict[int, tuple[int, int]]] = [{i: (0, -1) for i in candidates.get(1, [])}]
    while levels[-1] and candidates.get(len(levels) + 1):
        prev, step = levels[-1], {}
        for i in candidates[len(levels) + 1]:
            before = [(prev[j][0] + _filled(kinds[j + 1:i]), j) for j in prev if j < i]
            if before:
                step[i] = max(before)
        if not step:
            break
        levels.append(step)
    if not levels[-1]:
        return []
    at = max(levels[-1], key=lambda i: (levels[-1][i][0] + _filled(kinds[i + 1:]), -i))
    out = [at]
    for level in reversed(levels[1:]):
        at = level[at][1]
        out.append(at)
    return out[::-1]


def split_label(rest: list[str]) -> tuple[list[str], list[str], str]:
    """Given the cells after a row's points, return (its other text, the next category's label pieces,
    that label's points): the label is the short pieces at the end, closed by an optional 'N分'."""
    rest = list(rest)
    points = rest.pop() if rest and _ALLOCATION.match(fold_text(rest[-1])) else ""
    label: list[str] = []
    while rest and len(fold_text(rest[-1])) <= _LABEL_PIECE_MAX and not _SENTENCE.search(rest[-1]) \
            and _CJK.search(rest[-1]) and sum(map(len, label)) + len(rest[-1]) <= _LABEL_MAX:
        label.insert(0, rest.pop())
    return rest, label, points


def read_rows(cells: list[tuple[int, str]], at: list[int]) -> list[Row]:
    """Given the cells (line, text) and the positions of the row numbers, return the rows."""
    rows = []
    for n, a in enumerate(at):
        b = at[n + 1] if n + 1 < len(at) else len(cells)
        row = Row(cells[a][1], cells[a][0])
        body = [t for _, t in cells[a + 1:b]]
        while body and not _NUMBER.match(fold_text(body[0])):
            row.text.append(body.pop(0))
        if body:
            row.points = body.pop(0)
        row.rest = body
        rows.append(row)
    return rows


def _group(label: list[str], points: str) -> str:
    """Given a category's label pieces and its points, return its cell text ('应急管理体制建设（15分）')."""
    return "".join(label) + (f"（{points}）" if points else "")


def find_numbered_table(lines: list[str], start: int) -> Found | None:
    """Given cleaned lines and an index, rebuild the table whose cells a stray character separates there."""
    sep = separator(lines[start])
    if sep is None:
        return None
    end = start
    while end < min(len(lines), start + _MAX_LINES) and (sep in lines[end] or not lines[end].strip()):
        end += 1
    cells = [(i + 1, t.strip()) for i in range(start, end) for t in lines[i].split(sep) if t.strip()]
    at = chain([fold_text(t) for _, t in cells])
    if len(at) < _MIN_ROWS:
        return None
    before = [t for _, t in cells[:at[0]]]
    names = [t for t in before if is_header_name(fold_text(t))]
    _, label, label_points = split_label([t for t in before if t not in names])
    rows = read_rows(cells, at)
    categories = [[label, label_points]]  # label pieces and points, in order
    belongs: list[int] = []  # per row: the index of its category
    for row in rows:
        belongs.append(len(categories) - 1)
        row.rest, next_label, next_points = split_label(row.rest)
        if next_label:
            categories.append([next_label, next_points])
        elif next_points and not categories[-1][1]:
            categories[-1][1] = next_points  # the category's total printed after its first row
    return Found([_grid(rows, categories, belongs, names, cells[at[0]][0])], end)


def _grid(rows: list[Row], categories: list[list], belongs: list[int], names: list[str], line: int) -> Grid:
    """Given the rows, the categories they belong to and the visible column names, lay out the grid."""
    points_name = next((n for n in names if role_of(fold_text(n)) is Role.POINTS), "分值")
    columns = [("group", "项目")] if any(label for label, _ in categories) else []
    columns += [("serial", "序号"), ("text", "内容"), ("points", points_name)]
    if any(r.rest for r in rows):
        columns.append(("rest", "评分标准"))
    cells = [Cell(0, c, name, line, header=True) for c, (_, name) in enumerate(columns)]
    above: dict[int, Cell] = {}
    for r, (row, k) in enumerate(zip(rows, belongs), start=1):
        values = {"serial": row.serial, "text": "".join(row.text), "points": row.points, "rest": "".join(row.rest)}
        for c, (what, _) in enumerate(columns):
            if what != "group":
                cells.append(Cell(r, c, values[what], row.line))
            elif k in above:
                above[k].row_span += 1
            else:
                above[k] = Cell(r, c, _group(*categories[k]), row.line)
                cells.append(above[k])
    return Grid(cells=cells, num_rows=len(rows) + 1, num_cols=len(columns), line=line)
