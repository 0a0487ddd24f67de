"""Tables whose columns a PDF copy emitted as separate runs, interleaved: rebuilt by rank and by arithmetic.

A text layer written column by column, page by page, comes out as "1 2 3 4 5 完善组织体系 强化督察督办 …
100 16 1 3 2 2 1 … 市河长办 市审计局 …": the k-th row number, the k-th name, the k-th points and the k-th
unit belong together, whatever is interleaved between them. Each token is sorted into its column by what
it is: the row numbers are the chain 1, 2, 3 …; units end in 局/办/委/部…; section markers (一, 二 …)
come with their title; other text is a name. The points are told from the totals printed among them by
arithmetic: a total is followed by the items that add up to it (a grand total first, then each section's
total and its items), which also says which section each item is in. The reading is kept only when the
counts agree (a name for every row number) and the numbers add up: a wrong zip looks like a good table.
"""
from __future__ import annotations

import re

from ..hanzi import HANZI
from .flat import find_header
from .grid import Cell, Found, Grid
from .headers import Role, is_header_name
from .normal import fold_text

_MAX_LINES = 400
_MIN_ROWS = 5
_AHEAD_LINES = 30
_RUN_AHEAD = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d+)?(?:\s+\d{1,3}(?:\.\d+)?){2}(?![\d.])")
_RUN = 3  # row numbers side by side (or one more numbers in a row) that only a column copied as a run has
_CJK = HANZI
_GLUE = re.compile(rf"(?<=[{_CJK}])(?=\d)|(?<=\d)(?=[{_CJK}])")
_NUMBER = re.compile(r"^\d{1,3}(?:\.\d+)?$")
_MARKER = re.compile(r"^[一二三四五六七八九十]{1,3}$")
_UNIT_END = r"(?:局|办|委|部|院|中心|队|所|站|处|科|室)"
# A unit names its level first (市/县/区…): '强化督察督办' ends like one but is a task.
_UNIT = rf"(?:[市县区省镇乡]|团[市县]|街道)[{_CJK}]{{0,11}}?{_UNIT_END}"
_UNITS = re.compile(rf"^{_UNIT}(?:、{_UNIT})*$")
_UNITS_CUT = re.compile(rf"^{_UNIT}(?:、{_UNIT})*、[{_CJK}]{{1,4}}$")
_UNITS_REST = re.compile(rf"^[{_CJK}]{{1,4}}?{_UNIT_END}(?:、{_UNIT})*$")
_EPS = 1e-6


def tokens(lines: list[str], start: int, col: int, stop: int) -> list[tuple[int, str]]:
    """Given lines, where the header ends (line, column) and the line to stop at, return the (line, token)
    pairs after it: white-space words, split where digits are glued to characters ('市教6' → '市教', '6'),
    column names (repeated on each page) dropped."""
    texts = [(start, lines[start][col:])] + [(i, lines[i]) for i in range(start + 1, stop)]
    raw = [(i + 1, t) for i, text in texts for word in text.split() for t in _GLUE.split(word) if t]
    out, k = [], 0
    while k < len(raw):
        pair = fold_text(raw[k][1] + raw[k + 1][1]) if k + 1 < len(raw) else ""
        if pair and is_header_name(pair) and not _NUMBER.match(raw[k + 1][1]):
            k += 2  # '各项 分值': a column name broken by a space
        elif is_header_name(fold_text(raw[k][1])):
            k += 1
        else:
            out.append(raw[k])
            k += 1
    return out


def serial_chain(texts: list[str]) -> list[int]:
    """Given tokens, return the positions of the row numbers 1, 2, 3 …, each the first after the one before."""
    out, k, pos = [], 1, 0
    while True:
        at = next((i for i in range(pos, len(texts)) if texts[i] == str(k)), None)
        if at is None:
            return out
        out.append(at)
        k, pos = k + 1, at + 1


def _in_runs(texts: list[str], chain: list[int]) -> bool:
    """Given tokens and the row numbers' positions, tell whether a column was emitted as a run: row
    numbers side by side, or numbers in a row (a table copied row by row has neither)."""
    numbers = [bool(_NUMBER.match(t)) for t in texts]
    return any(chain[i + _RUN - 1] - chain[i] == _RUN - 1 for i in range(len(chain) - _RUN + 1)) or any(
        all(numbers[i:i + _RUN + 1]) for i in range(len(numbers) - _RUN))


def totals_and_items(numbers: list[float]) -> tuple[float | None, list[tuple[float, list[float]]]] | None:
    """Given the points in order, return the grand total (if printed first) and the blocks (total, items)
    in which each total is followed by items adding up to it; the last block may be cut short. None when
    the numbers do not parse so."""
    for lead in (0, 1):
        blocks, i = [], lead
        while i < len(numbers):
            total, got, j = numbers[i], 0.0, i + 1
            while j < len(numbers) and got < total - _EPS:
                got += numbers[j]
                j += 1
            if j == i + 1 or got > total + _EPS:
                break  # short of the total only where the numbers run out: a cut text
            blocks.append((total, numbers[i + 1:j]))
            i = j
        else:
            grand = numbers[0] if lead else None
            if blocks and (grand is None or abs(sum(t for t, _ in blocks) - grand) <= _EPS):
                return grand, blocks
    return None


def _units(items: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Given unit tokens in order, join a list cut after '、' with the next one ('市委宣传部、市教' + '体局、…')."""
    out: list[tuple[int, str]] = []
    for line, text in items:
        if out and _UNITS_CUT.match(out[-1][1]) and not _UNITS.match(out[-1][1]):
            out[-1] = (out[-1][0], out[-1][1] + text)
        else:
            out.append((line, text))
    return out


def find_zipped_table(lines: list[str], start: int) -> Found | None:
    """Given cleaned lines and an index, rebuild a table whose columns were emitted as interleaved runs."""
    if not _RUN_AHEAD.search("\n".join(lines[start:start + _AHEAD_LINES])):
        return None  # no numbers side by side soon after: no column copied as a run (and no header search)
    head = find_header(lines, start)
    if head is None or not any(r is Role.SERIAL for r in head.roles):
        return None
    stop = min(len(lines), head.end_line + _MAX_LINES)
    toks = tokens(lines, head.end_line, head.end_col, stop)
    texts = [t for _, t in toks]
    chain = serial_chain(texts)
    if len(chain) < _MIN_ROWS or not _in_runs(texts, chain):
        return None
    taken = set(chain)
    titles, names, units, numbers = [], [], [], []
    for k, (line, text) in enumerate(toks):
        if k in taken:
            continue
        if _MARKER.match(text) and k + 1 < len(toks) and re.search(f"[{_CJK}]", texts[k + 1]):
            titles.append((line, text, texts[k + 1]))
            taken.add(k + 1)
        elif _NUMBER.match(text):
            numbers.append(float(text))
        elif _UNITS.match(text) or _UNITS_CUT.match(text) or units and _UNITS_CUT.match(units[-1][1]) \
                and not _UNITS.match(units[-1][1]) and _UNITS_REST.match(text):
            units.append((line, text))
        elif re.search(f"[{_CJK}]", text):
            names.append((line, text))
    parsed = totals_and_items(numbers)
    n = len(chain)
    if parsed is None or len(names) < n:
        return None
    grand, blocks = parsed
    items = [(b, p) for b, (_, pts) in enumerate(blocks) for p in pts]
    if len(items) < n:
        return None
    grid = _grid(head, toks, chain, names, items, blocks, titles, _units(units), grand)
    if len(items) > n:  # points of rows whose numbers and names were cut off: the last visible row may be cut
        grid.cut_row = grid.num_rows - 1
    return Found([grid], stop, lead=head.lead)


def _number(value: float) -> str:
    """Given points, return them as written ('4', '2.5')."""
    return f"{value:g}"


def _grid(head, toks, chain, names, items, blocks, titles, units, grand) -> Grid:
    """Given what was sorted out, lay out 序号 | name | points | unit rows, a row per section before its items."""
    name_col = next((n for n, r in zip(head.names, head.roles) if r in (Role.GROUP, Role.NAME, Role.CONTENT)), "项目")
    dept_col = next((n for n, r in zip(head.names, head.roles) if r is Role.DEPT), "责任单位")
    columns = ["序号", name_col, "分值"] + ([dept_col] if units else [])
    line = head.end_line + 1
    cells = [Cell(0, c, text, line, header=True) for c, text in enumerate(columns)]
    rows: list[list[tuple[str, int]]] = []
    if grand is not None:
        rows.append([("", line), ("总分", line), (_number(grand), line)])
    shown = -1
    for r, at in enumerate(chain):
        block = items[r][0]
        if block != shown and block < len(titles):
            t_line, marker, title = titles[block]
            rows.append([(marker, t_line), (title, t_line), (_number(blocks[block][0]), t_line)])
        shown = block
        row = [(toks[at][1], toks[at][0]), (names[r][1], names[r][0]), (_number(items[r][1]), toks[at][0])]
        if units:
            row.append((units[r][1], units[r][0]) if r < len(units) else ("", toks[at][0]))
        rows.append(row)
    for r, row in enumerate(rows, start=1):
        row += [("", row[0][1])] * (len(columns) - len(row))
        cells += [Cell(r, c, text, ln) for c, (text, ln) in enumerate(row)]
    return Grid(cells=cells, num_rows=len(rows) + 1, num_cols=len(columns), line=line)
