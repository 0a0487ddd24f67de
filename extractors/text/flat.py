"""Flattened tables: a header of column names, then the cells as a stream without a grid.

Copies of tables lose their grid in three common ways, which this reader takes as one: cells one per
line (empty cells simply absent), cells split by a stray separator (a Cyrillic letter, a tab, spaced
runs), and cells glued into one run of text per page ("…全覆盖。10(2)建立…"). The header is found as a
run of known column names, glued or not ("项目考核目标分值评分标准得分备注"). The text after it is cut
into pieces at every place a cell may end — line breaks, separators, sentence ends, a label's
（N分）, an outline number, a bare number between sentences — and `align.align_stream` fits the pieces
to the header's columns, joining pieces into cells and ending the table where they stop fitting.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..hanzi import HANZI
from .align import Piece, align_stream, kind
from .grid import Cell, Found, Grid
from .headers import Role, can_lead, glued_names, role_of, settle_roles
from .normal import Folded, fold, is_doubled

_HEAD_LINES = 24
_HEAD_MAX_CHARS = 120
_MIN_NAMES = 3
_MAX_LINES = 600
_MAX_PIECES = 1500
_CJK = HANZI
# Where a cell may end inside a line, and what joining across that place costs.
_SEPARATOR = re.compile(rf"\t|[|│┃]| {{2,}}|\u3000+|(?:(?<=[{_CJK}\d。，、；;）)])|^)[\u0400-\u04ff\u0370-\u03ff](?=[{_CJK}\d（(“])")
_SENTENCE_END = re.compile(r"[。；;！？!?][”’\"）)]*(?=\S)")
_ALLOCATION_END = re.compile(rf"[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)](?=[{_CJK}（(“0-9①-⑳])")
_MARKER = re.compile(
    r"(?<=[。；;）)\]”0-9分])"
    r"(?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|[（(]\d{1,2}[）)]|\d{1,2}[.、．](?!\d)|[①-⑳])"
)
_UNITS = "分年月日个次人项元万千百%％小天家所条件份名倍周岁级类批户公里米株起篇期位句本号届时"
_POINTS_TOKEN = re.compile(
    rf"(?:(?<=[。；;）)”])|(?<=\d分)|^)(\d{{1,3}}(?:\.\d+)?\s*分|\d{{1,3}}(?:\.\d+)?(?![\d.]))"
    rf"(?=[{_CJK}（(“]|\s|$)(?![{_UNITS}])"
)
# '…領導5分1、成立…': points glued between a label and the first numbered item after it.
_POINTS_BEFORE_ITEM = re.compile(rf"(?<=[{_CJK}])(\d{{1,3}}(?:\.\d+)?分)(?=\d{{1,2}}[、.．](?!\d)|[（(]\d{{1,2}}[）)]|[一二三四五六七八九十]{{1,2}}、)")
# '…扣2分。法律八进活动15分落实…': a short label with its points glued between a sentence and the next cell.
_LABEL_AFTER_SENTENCE = re.compile(rf"(?:(?<=[。；;！？!?])|^)[{_CJK}]{{2,12}}\d{{1,3}}(?:\.\d+)?分(?=[{_CJK}（(“])")
_ITEM_START = re.compile(r"^(?:[（(]?\d{1,2}[）)]?[、.．](?!\d)|[（(]\d{1,2}[）)]|[①-⑳])")
_ITEM_LEAD_MAX = 12
_GLUED_SERIAL = re.compile(rf"^(\d{{1,2}})(?=[{_CJK}])(?![{_UNITS}])")
_SOFT_SPACE = re.compile(rf"(?<=[{_CJK}。，、；;：:）)”%\d])\s(?=[{_CJK}（(“\d≥≤＞＜>])")
_VERB_END = re.compile(r"[扣得加计记减于达过第每共约前后满超低高]$")

JOIN_SENTENCE = 0.05
JOIN_ALLOCATION = 0.15
JOIN_SPACE = 0.15
JOIN_MARKER = 0.3
JOIN_NUMBER = 1.0
JOIN_SEPARATOR = 0.5
JOIN_SPACED = 0.8  # a space on a line spaced at every cell break: as sure a break as a number
JOIN_LINE = {True: 0.6, False: 0.1}
JOIN_SHORT_LINE = 1.0
_SPACED_MIN = 200
_SPACED_SHARE = 0.05
_WHOLE_LABEL = 8  # lines that each hold a cell, or lines a dump wrapped
_CELL_LINE_MAX = 40
_ALIGNED = re.compile(r"\S {3,}\S")
_ALIGNED_SHARE = 0.25
_SLICE_MAX = 120
_SLICE_LINES = 3
_INDENT = re.compile(r"^ {4,}\S")
_CELL_LINES_SHARE = 0.6


@dataclass
class Header:
    """Column names found at a line: their texts, roles, where the names start and where they end."""

    names: list[str]
    roles: list[Role]
    lead: str        # text of the first line before the names (a title run into them)
    end_line: int    # index of the line where the names end
    end_col: int     # offset in that line just after the names


def _folded_lines(lines: list[str], start: int) -> list[tuple[int, Folded]]:
    """Given lines and an index, return the folded, space-free views of the first few lines from there."""
    out, size = [], 0
    doubled = is_doubled("".join(lines[start: start + _HEAD_LINES]))
    for i in range(start, min(len(lines), start + _HEAD_LINES)):
        f = fold(lines[i], squash=True, undouble=doubled, drop=_SEPARATOR)
        out.append((i, f))
        size += len(f.text)
        if i > start and size > len(out[0][1].text) + _HEAD_MAX_CHARS:
            break
    return out


def _word_tail(lines: list[str], owner: list[tuple[int, Folded, int]], run: list[tuple[int, int, str]]) -> bool:
    """Given a run of names, tell whether its first name is the end of a longer word ('绩效指标 一级指标 …'):
    glued to the text before it while the names themselves stand apart."""
    (i, f, k), (j, g, e) = owner[run[0][0]], owner[run[0][1] - 1]
    (n, h, m) = owner[run[1][0]]
    at = f.index[k]
    glued = at > 0 and bool(re.match(rf"[{_CJK}]", lines[i][at - 1]))
    apart = n == j and bool(re.search(r"\s", lines[j][g.index[e] + 1: h.index[m]]))
    return glued and apart


def find_header(lines: list[str], start: int) -> Header | None:
    """Given lines and an index, return the run of column names that starts on that line, if any.

    The names may be glued to each other and to a title before them, or stand one per line; a run
    needs three names, one of them a 分值 or 评分标准 kind (or four names), and does not open with such
    a name (a title's 评分细则 is not a column).
    """
    views = _folded_lines(lines, start)
    if not views or not views[0][1].text:
        return None
    text = "".join(f.text for _, f in views)
    owner = [(i, f, k) for i, f in views for k in range(len(f.text))]
    first = len(views[0][1].text)
    for p in range(first):
        run = glued_names(text, p)
        while run and not can_lead(run[0][2]):
            run = run[1:]
        if len(run) < _MIN_NAMES or run[0][0] >= first or _word_tail(lines, owner, run):
            continue
        roles = settle_roles([n for _, _, n in run], [role_of(n) for _, _, n in run])
        if not ({Role.POINTS, Role.CRITERIA} & set(roles) or len(run) > _MIN_NAMES) or len(set(roles)) < 2:
            continue
        names = []
        for a, b, _ in run:
            (i, f, ka), (j, g, kb) = owner[a], owner[b - 1]
            names.append(lines[i][f.index[ka]:] + "".join(lines[i + 1:j]) + lines[j][: g.index[kb] + 1]
                         if i != j else lines[i][f.index[ka]: f.index[kb] + 1])
        i0, f0, k0 = owner[run[0][0]]
        j, g, kb = owner[run[-1][1] - 1]
        return Header([re.sub(r"\s+", "", n) for n in names], roles, lines[start][: f0.index[k0]] if i0 == start else "",
                      j, g.index[kb] + 1)
    return None


# A header cut off above a run-on table: the columns its rows show (a label, the item, its points, the rule).
_IMPLIED = (("项目", Role.GROUP), ("内容", Role.CONTENT), ("分值", Role.POINTS), ("评分标准", Role.CRITERIA))
_BARE_POINTS = re.compile(rf"(?<=[。；;！？!?）)”])\d{{1,3}}(?:\.\d+)?分(?=[{_CJK}（(“])")
_DEDUCTION = re.compile(r"扣\s*\d+(?:\.\d+)?\s*分")
_IMPLIED_MIN = 3


def implied_header(lines: list[str], start: int) -> Header | None:
    """Given lines and an index, return the usual columns when a run-on table whose header was cut off
    starts there: a line where bare 'N分' cells stand between sentences, followed by deductions."""
    text = lines[start]
    points = list(_BARE_POINTS.finditer(text))
    if len(points) < _IMPLIED_MIN or len(_DEDUCTION.findall(text[points[0].end():])) < _IMPLIED_MIN:
        return None
    return Header([n for n, _ in _IMPLIED], [r for _, r in _IMPLIED], "", start, 0)


def _is_repeat(line_fold: str, names: list[str]) -> tuple[int, int] | None:
    """Given a folded line and the header names, return where the header is repeated in it, if it is."""
    joined = "".join(fold(n, squash=True).text for n in names)
    at = line_fold.find(joined)
    return (at, at + len(joined)) if at >= 0 else None


def _cut_at(text: str, pattern: re.Pattern, join: float) -> list[tuple[int, float]]:
    """Given a segment and a cue pattern, return the offsets where a cell may end and the join costs."""
    return [(m.end(), join) for m in pattern.finditer(text) if 0 < m.end() < len(text)]


def _segment(text: str, line: int, first_join: float, space_join: float = JOIN_SPACE) -> list[Piece]:
    """Given a separator-free segment of one line, cut it at glue cues into pieces (joining across a
    space between words costs ``space_join``)."""
    cuts: dict[int, float] = {}
    for at, join in _cut_at(text, _SENTENCE_END, JOIN_SENTENCE) + _cut_at(text, _ALLOCATION_END, JOIN_ALLOCATION) \
            + [(m.start(), JOIN_MARKER) for m in _MARKER.finditer(text) if m.start() > 0] \
            + _cut_at(text, _LABEL_AFTER_SENTENCE, JOIN_ALLOCATION):
        cuts[at] = min(cuts.get(at, join), join)
    for m in list(_POINTS_TOKEN.finditer(text)) + list(_POINTS_BEFORE_ITEM.finditer(text)):
        for at in (m.start(1), m.end(1)):
            if 0 < at < len(text):
                cuts[at] = JOIN_NUMBER
    m = _GLUED_SERIAL.match(text)
    if m:
        cuts[m.end()] = JOIN_NUMBER
    for m in _SOFT_SPACE.finditer(text):
        left, right = text[: m.start()], text[m.end():]
        if _VERB_END.search(left) or re.match(r"\d+(?:\.\d+)?\s*分", right) and _VERB_END.search(left):
            continue
        if re.match(r"分", right) and re.search(r"\d$", left):
            continue  # '3 分' is one number
        cuts[m.start()] = min(cuts.get(m.start(), space_join), space_join)
    for at in list(cuts):
        lead = text[:at]
        start = max([0] + [c for c in cuts if c < at])
        head = lead[start:].strip()
        if cuts[at] == JOIN_SENTENCE and len(head) <= _ITEM_LEAD_MAX and _ITEM_START.match(head):
            del cuts[at]  # '4、有工作方案。每季召开…': an item's short title sentence stays with its body
    out, prev = [], 0
    for at in sorted(cuts):
        piece = text[prev:at].strip()
        if piece:
            out.append(Piece(piece, line, first_join if not out else cuts.get(prev, JOIN_SENTENCE)))
        prev = at
    last = text[prev:].strip()
    if last:
        out.append(Piece(last, line, first_join if not out else cuts.get(prev, JOIN_SENTENCE)))
    return out


def _spaced(text: str) -> bool:
    """Given a long line, tell whether single spaces separate its cells: a whole table copied onto one
    line with a space at nearly every cell break (words inside a cell are rarely spaced)."""
    return len(text) >= _SPACED_MIN and len(_SOFT_SPACE.findall(text)) >= _SPACED_SHARE * len(text)


def stream_pieces(texts: list[tuple[int, str]], cell_lines: bool) -> list[Piece]:
    """Given (line index, text) parts in order, return the pieces a flattened table may be cut into."""
    pieces: list[Piece] = []
    for i, text in texts:
        join = JOIN_LINE[cell_lines]
        if cell_lines and pieces and len(fold(pieces[-1].text, squash=True).text) <= _WHOLE_LABEL:
            join = JOIN_SHORT_LINE  # a short line ended there: a cell of its own, not the start of a wrapped one
        pos = 0
        space_join = JOIN_SPACED if _spaced(text) else JOIN_SPACE
        for m in list(_SEPARATOR.finditer(text)) + [None]:
            seg = text[pos: m.start() if m else len(text)]
            got = _segment(seg, i + 1, join, space_join)
            pieces += got
            if got:
                join = JOIN_SEPARATOR
            pos = m.end() if m else len(text)
    return pieces


_UNIT = rf"[{_CJK}]{{1,7}}?(?:局|办|委|队|部|院|中心|站|处|科|室)"
_UNITS_AT = re.compile(rf"^{_UNIT}(?:[、，,]{_UNIT})*")
_MAX_UNIT_CELLS = 3


def split_units(pieces: list[Piece]) -> list[Piece]:
    """Given pieces of a table with unit columns (责任单位/协助单位), cut the units glued between a sentence
    and the next row ('…以上。县教育局县禁毒办、禁毒大队对照…'): each run of units a cell of its own."""
    out: list[Piece] = []
    for p in pieces:
        rest, join = p.text, p.join
        after = bool(out) and (re.search(r"[。；;]$", out[-1].text) or _UNITS_AT.fullmatch(out[-1].text))
        for _ in range(_MAX_UNIT_CELLS if after else 0):
            m = _UNITS_AT.match(rest)
            if m is None:
                break
            out.append(Piece(m.group(0), p.line, join))
            rest, join = rest[m.end():], JOIN_ALLOCATION
        if rest:
            out.append(Piece(rest, p.line, join))
    return out


def _without_repeats(text: str, names: list[str]) -> str:
    """Given a body text, blank out the header a page repeats inside it."""
    while True:
        f = fold(text, squash=True)
        again = _is_repeat(f.text, names)
        if again is None:
            return text
        a, b = f.span(*again)
        text = text[:a] + " " + text[b:]


def _body_parts(lines: list[str], head: Header) -> tuple[list[tuple[int, str]], bool]:
    """Given lines and a header, return the table's body parts (line index, text) up to a different
    header or the line limit, repeated headers cut out, and whether the parts run to the end of the text."""
    parts: list[tuple[int, str]] = []
    rest = _without_repeats(lines[head.end_line][head.end_col:], head.names)
    if rest.strip():
        parts.append((head.end_line, rest))
    stop = min(len(lines), head.end_line + 1 + _MAX_LINES)
    for i in range(head.end_line + 1, stop):
        if not lines[i].strip():
            continue
        text = _without_repeats(lines[i], head.names)
        if text == lines[i] and find_header(lines, i) is not None:
            return parts, False
        if text.strip():
            parts.append((i, text))
    return parts, stop == len(lines)


def _cell_text(pieces: list[Piece]) -> str:
    """Given a cell's pieces, join them: numbered items start a new line, wrapped text runs on."""
    out = ""
    for p in pieces:
        if out and re.match(r"^(?:[（(]?\d{1,2}[）)]?[.、．](?!\d)|[（(]\d{1,2}[）)]|[①-⑳])", p.text):
            out += "\n"
        elif out and re.search(r"[A-Za-z0-9]$", out) and re.match(r"[A-Za-z0-9]", p.text):
            out += " "
        out += p.text
    return out


_MERGED = {Role.GROUP, Role.DEPT}


def build_flat_grid(head: Header, pieces: list[Piece], rows, cut: bool) -> Grid:
    """Given the header, the pieces and the aligned rows, lay them out with merged labels spanning."""
    ncol = len(head.names)
    cells = [Cell(0, c, n, head.end_line + 1, header=True) for c, n in enumerate(head.names)]
    merged = {c for c, r in enumerate(head.roles) if r in _MERGED}
    if Role.SERIAL in head.roles:
        s = head.roles.index(Role.SERIAL)
        if s + 1 < ncol and head.roles[s + 1] is Role.GROUP:
            merged.add(s)  # a group's 序号 stands once beside its label
    above: dict[int, Cell] = {}
    for r, row in enumerate(rows, start=1):
        by_col = {p.col: p for p in row}
        line = pieces[row[0].start].line
        for c in range(ncol):
            placed = by_col.get(c)
            if placed is None and c in merged and c in above:
                above[c].row_span += 1
                continue
            text = _cell_text(pieces[placed.start: placed.end]) if placed else ""
            cell = Cell(r, c, text, pieces[placed.start].line if placed else line)
            cells.append(cell)
            if c in merged and text:
                above[c] = cell
            elif c in merged:
                above.pop(c, None)
    grid = Grid(cells=cells, num_rows=len(rows) + 1, num_cols=ncol, line=head.end_line + 1)
    if cut and rows:
        grid.cut_row = len(rows)
    return grid


_RUN = 4
_LONG_RUN = 6


def _column_runs(pieces: list[Piece], run: int = _RUN) -> int:
    """Given pieces, count the runs of ``run`` numbers or more in a row (rows do not hold that many)."""
    count, length = 0, 0
    for p in pieces:
        length = length + 1 if kind(p.text) in ("integer", "number", "points", "allocation") else 0
        if length == run:
            count += 1
    return count


def _is_slice(text: str, ncol: int) -> bool:
    """Given a body line, tell whether it is a horizontal slice through all columns of a printed table
    (short, with as many space-separated pieces as there are columns), as a PDF copy interleaves them."""
    pieces = [p for p in text.split() if p]
    return len(text) <= _SLICE_MAX and len(pieces) >= max(3, ncol - 1)


def find_flat_table(lines: list[str], start: int) -> Found | None:
    """Given cleaned lines and an index, rebuild a flattened table whose column names start there."""
    head = find_header(lines, start) or implied_header(lines, start)
    if head is None:
        return None
    parts, to_end = _body_parts(lines, head)
    texts = [t for _, t in parts]
    aligned = sum(1 for t in texts if _ALIGNED.search(t.strip()) or _INDENT.match(t))
    if _ALIGNED.search(lines[start].strip()) or len(texts) >= _SLICE_LINES and aligned > _ALIGNED_SHARE * len(texts):
        return None  # columns kept apart by wide gaps: a layout dump, which the layout reader reads
    if re.search(r"[\t|│]", lines[start]):
        return None  # a header with tabs or pipes states its grid: the delimited readers read it
    if len(texts) >= _SLICE_LINES and any(_is_slice(t, len(head.names)) for t in texts):
        return None  # a line across every column between wrapped fragments: columns printed side by side
    short = sum(1 for t in texts if len(fold(t, squash=True).text) <= _CELL_LINE_MAX)
    cell_lines = bool(texts) and short >= _CELL_LINES_SHARE * len(texts)
    pieces = stream_pieces(parts, cell_lines)[:_MAX_PIECES]
    if Role.DEPT in head.roles:
        pieces = split_units(pieces)
    if not pieces:
        return Found([], start)
    if _column_runs(pieces) >= 2 or _column_runs(pieces, _LONG_RUN):
        return Found([], start)  # numbers in runs: columns copied one after another, not rows
    rows, used, misfit = align_stream(pieces, head.roles, cut=to_end)
    if not rows:
        return Found([], start)
    cut = to_end and used == len(pieces)
    grid = build_flat_grid(head, pieces, rows, cut)
    last = pieces[used - 1]
    end = last.line  # index of the line after the table's last piece
    tail = ""
    if used < len(pieces) and pieces[used].line == last.line:
        line_text = lines[last.line - 1]
        at = line_text.find(pieces[used].text)
        tail = line_text[at:] if at >= 0 else ""
    return Found([grid], end, lead=head.lead, tail=tail, misfit=misfit)
