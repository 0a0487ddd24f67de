"""Tables run together on one line with their cells glued, cut into rows by the row numbers.

A table pasted into a plain field can lose every break: "序号考核项目考核内容分值评分标准一、组织体系（15分）
1河长体系建设镇、村两级河长全覆盖5河长缺位的每处扣1分2河长公示牌…合计100". No separator is left; the
evidence is in the numbers. Rows count 1, 2, 3 … (a row number stands alone, between a row's last text
and the next row's first); inside a row, the points are the bare number followed by the scoring rule
(a number followed by a unit — 30日, 2次, 1分, 100% — is part of a sentence); a label closed by its
"（N分）" before the next row number is the next category's banner. The text between a row number and
its points holds the row's name and content, which nothing separates: it stays whole in the content
column, and the columns the split cannot fill stay empty, so the builder's self-check sees them.
"""
from __future__ import annotations

import re

from ..hanzi import HANZI
from .decode import clean_cell, is_blank
from .flat import find_header
from .grid import Cell, Found, Grid
from .headers import Role

_UNITS = "分年月日个次人项元万千百%％小天家所条件份名倍周岁级类批户公里米株起篇期位句本号届时处块期栋辆座"
_MAX_LINES = 20
_MIN_ROWS = 3
_BANNER = re.compile(r"[一二三四五六七八九十]{1,3}[、.．][^、。；;]{1,20}?[（(]\d+(?:\.\d+)?分[）)]$")
_POINTS = re.compile(rf"(?<=[{HANZI}，。；;、）)”%])(\d{{1,3}}(?:\.\d+)?)(?![\d.])(?![{_UNITS}])(?=[{HANZI}“（(])")
_RULE_WORD = re.compile(r"扣|得分|加分|不得分|分")
_FOOTER = re.compile(r"(?:合计|总计|总分|小计)[:：]?\s*\d+(?:\.\d+)?\s*分?\s*$")


def _serials(text: str, k: int, start: int) -> list[int]:
    """Given the body text, a row number and where to look from, return where that number stands as a
    row number (not inside a longer number, not followed by a unit)."""
    pattern = re.compile(rf"(?<![\d.]){k}(?![\d.])(?![{_UNITS}])(?=[{HANZI}“（(])")
    return [m.start() for m in pattern.finditer(text, start)]


def _split(segment: str) -> tuple[str, str, str] | None:
    """Given a row's text after its number, return (name and content, points, rule), or None when no
    number in it is followed by a scoring rule."""
    for m in _POINTS.finditer(segment):
        rule = segment[m.end():]
        if m.start() >= 2 and _RULE_WORD.search(rule):
            return segment[:m.start()], m.group(1), rule
    return None


def _rows(text: str) -> list[tuple[str, str, str, str, str]]:
    """Given the body text, return its rows as (banner before, number, text, points, rule), chained by
    row number from 1 while each row holds points followed by a rule."""
    starts = _serials(text, 1, 0)
    if not starts:
        return []
    banner = text[:starts[0]].strip()
    rows, k, at = [], 1, starts[0]
    while True:
        body = at + len(str(k))
        for nxt in _serials(text, k + 1, body):
            segment = text[body:nxt]
            next_banner = _BANNER.search(segment)
            cut = segment[: next_banner.start()] if next_banner else segment
            split = _split(cut)
            if split:
                rows.append((banner if _BANNER.search(banner) else "", str(k), *split))
                banner, at, k = next_banner.group(0) if next_banner else "", nxt, k + 1
                break
        else:
            tail = _FOOTER.sub("", text[body:])
            split = _split(tail)
            if split:
                rows.append((banner if _BANNER.search(banner) else "", str(k), *split))
            return rows


def find_glued_table(lines: list[str], start: int) -> Found | None:
    """Given cleaned lines and an index, rebuild a numbered table glued onto one line (or a few) after
    its header there."""
    head = find_header(lines, start)
    if head is None or head.roles[0] is not Role.SERIAL or Role.POINTS not in head.roles:
        return None
    if head.end_line != start or not lines[start][head.end_col:].strip():
        return None  # names on lines of their own head a table with its own breaks: other readers read it
    end = head.end_line + 1
    while end < len(lines) and end - head.end_line < _MAX_LINES and not is_blank(lines[end]):
        end += 1
    text = lines[head.end_line][head.end_col:] + "".join(lines[head.end_line + 1:end])
    rows = _rows(text)
    if not rows or len(rows) < _MIN_ROWS:
        return None
    width, points = len(head.names), head.roles.index(Role.POINTS)
    content = max((c for c in range(1, points)), default=None)
    if content is None or points == width - 1:
        return None  # no column before the points for the row's text, or none after it for the rule
    line = head.end_line + 1
    cells = [Cell(0, c, n, line, header=True) for c, n in enumerate(head.names)]
    r = 1
    for banner, number, item, value, rule in rows:
        if banner:
            cells.append(Cell(r, 0, clean_cell(banner), line, col_span=width))
            r += 1
        texts = {0: number, content: item, points: value, points + 1: rule}
        cells += [Cell(r, c, clean_cell(texts.get(c, "")), line) for c in range(width)]
        r += 1
    return Found([Grid(cells=cells, num_rows=r, num_cols=width, line=line)], end, lead=head.lead)
