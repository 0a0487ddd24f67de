"""Rectification prose (整改方案): domains, items and sub-items with 应得/实得, 失分原因, 整改措施, 科室."""
from __future__ import annotations

import re
from dataclasses import dataclass

from schemas.indicators import ResultRow
from schemas.raw import TextBlock

from .text import Claim, ResultsReading, Stream

NUM = r"(\d+(?:\.\d+)?)"
CN = "一二三四五六七八九十"
DUE_WORDS = "应得|满分|分值|标准分|应得分"
GOT_WORDS = "实得|得分|实际得分|实得分"
LOST_WORDS = "扣分|扣|失分|扣除"
# Sub-item heading tail: （应得5分，实得4.7分） — also the slip （应得10分，应得9分）.
SCORE = re.compile(
    rf"[（(](?P<due_w>{DUE_WORDS}){NUM}分?[，,、；;](?P<got_w>{GOT_WORDS}|{LOST_WORDS}|{DUE_WORDS}){NUM}分[)）][：:]?"
)
# Heading styles, outermost first: 一、 ▸ （一） ▸ 1、/1. — a heading's name ends at a colon or its block's end.
HEADINGS = [
    ("cn", re.compile(rf"(?<![{CN}])[{CN}]{{1,3}}、")),
    ("paren", re.compile(rf"[（(][{CN}]{{1,3}}[)）]")),
    ("num", re.compile(r"(?<![\d.])\d{1,2}[、.．](?!\d)")),
]
HEADING_NAME = re.compile(r"[^：:。；，,（）()]{1,24}")
DEPT = re.compile(
    rf"以上(?:(?P<items>\d+)条)?(?P<subs>\d+)项[，,]?(?:整改)?责任(?:科室|部门|单位)[：:]"
    rf"(?P<dept>.+?)(?=\d{{1,2}}、|[（(][{CN}]+[)）]|[{CN}]{{1,3}}、|以上|$)"
)
CLAIM = re.compile(r"(\d+)大项(\d+)小项(\d+)个?子项(?:目)?")
REASON = re.compile(r"(?:失分|扣分)原因[：:]|问题[：:]")
MEASURES = re.compile(r"(?:整改|改进)措施[：:]")
# The name of a sub-item runs back from its score to the previous sentence or heading end.
NAME_STOP = "：:。；;"


@dataclass
class _Mark:
    """A structural mark found in the stream, sorted by position."""

    start: int
    end: int
    kind: str  # cn | paren | num (headings), sub (scored sub-item), dept (以上N项…科室)
    match: re.Match
    name: str = ""
    name_span: tuple[int, int] = (0, 0)


def read_prose(blocks: list[TextBlock]) -> ResultsReading:
    """Given the text blocks of a 整改方案, return one row per scored sub-item plus its claims."""
    stream = Stream.of(blocks)
    text = stream.text
    reading = ResultsReading(kind="prose")
    marks = _marks(stream)
    levels = _levels(marks, text)
    current: dict[str, _Mark] = {}
    pending: list[ResultRow] = []
    for i, mark in enumerate(marks):
        if mark.kind in levels:
            for deeper in levels[levels.index(mark.kind):]:
                current.pop(deeper, None)
            current[mark.kind] = mark
        elif mark.kind == "dept":
            _assign(mark, pending, stream, reading)
            pending = []
        elif mark.kind == "sub":
            nxt = marks[i + 1] if i + 1 < len(marks) else None
            end = len(text) if nxt is None else _name_start(text, nxt.start) if nxt.kind == "sub" else nxt.start
            heads = [current[k] for k in levels if k in current]
            outer = len(levels) > 1 and heads and heads[0].kind == levels[0]  # one style only: items, no domain
            group, inner = (heads[0].name, heads[1:]) if outer else (None, heads)
            row = _sub_item(mark, max(end, mark.end), group, [h.name for h in inner], stream,
                            len(reading.rows) + 1, reading)
            if inner:
                row.prov["path"] = stream.where(*inner[-1].name_span)
            reading.rows.append(row)
            pending.append(row)
    for m in CLAIM.finditer(text):
        reading.claims.append(Claim(m.group(0), [int(g) for g in m.groups()], prov=stream.where(m.start(), m.end())))
    return reading


def _levels(marks: list[_Mark], text: str) -> list[str]:
    """Given the marks, return the heading styles that organise the scored sub-items, outermost first.

    These are the styles used between the first and the last sub-item, plus the run of headings
    that directly leads into the first one (（一）公共法律服务：1、律师执业监管：…).
    """
    subs = [i for i, m in enumerate(marks) if m.kind == "sub"]
    if not subs:
        return []
    heads = [m for m in marks if m.kind in dict(HEADINGS)]
    used = {m.kind for m in heads if marks[subs[0]].start <= m.start <= marks[subs[-1]].start}
    lead = [m for m in heads if m.start < marks[subs[0]].start]
    for k in range(len(lead) - 1, -1, -1):
        later_start = lead[k + 1].start if k + 1 < len(lead) else None
        if later_start is not None and text[lead[k].end : later_start].strip("：:"):
            break
        used.add(lead[k].kind)
    return [kind for kind, _ in HEADINGS if kind in used]


def _marks(stream: Stream) -> list[_Mark]:
    """Given the stream, return every heading, sub-item score and 科室 line in order."""
    text = stream.text
    marks = [_Mark(m.start(), m.end(), "sub", m) for m in SCORE.finditer(text)]
    inside = lambda pos: any(s.start <= pos < s.end for s in marks if s.kind == "sub")
    for m in DEPT.finditer(text):
        marks.append(_Mark(m.start(), m.end(), "dept", m))
    for kind, pattern in HEADINGS:
        for m in pattern.finditer(text):
            if not _is_heading(stream, m.start()) or inside(m.start()):
                continue  # 第三、四季度 is a list inside a sentence, not a heading
            name = HEADING_NAME.match(text, m.end())
            if name is None or not _name_closed(stream, name.end()):
                continue
            marks.append(_Mark(m.start(), name.end(), kind, m, name.group(), name.span()))
    return sorted(marks, key=lambda k: k.start)


def _name_closed(stream: Stream, end: int) -> bool:
    """Given where a heading's name stops, tell whether a colon or the end of its block follows."""
    return end >= len(stream.text) or stream.text[end] in "：:" or stream.owner[end] != stream.owner[end - 1]


def _is_heading(stream: Stream, pos: int) -> bool:
    """Given a stream position, tell whether it opens a block or follows a sentence end."""
    return pos == 0 or stream.owner[pos] != stream.owner[pos - 1] or stream.text[pos - 1] in "。；：:！？"


def _name_start(text: str, score_start: int) -> int:
    """Given where a sub-item's score starts, return where its name starts."""
    return max(text.rfind(ch, 0, score_start) for ch in NAME_STOP) + 1


def _sub_item(mark: _Mark, end: int, group: str | None, path: list[str], stream: Stream, n: int,
              reading: ResultsReading) -> ResultRow:
    """Given a sub-item's score mark and where its text ends, return its ResultRow."""
    text, m = stream.text, mark.match
    name_start = _name_start(text, mark.start)
    name = text[name_start : mark.start]
    due = float(m.group(2))
    got = float(m.group(4))
    prov = {
        "name": stream.where(name_start, mark.start),
        "points_due": stream.where(m.start(2), m.end(2)),
        "points_got": stream.where(m.start(4), m.end(4)),
    }
    if re.fullmatch(LOST_WORDS, m.group("got_w")):
        got = due - got
    elif re.fullmatch(DUE_WORDS, m.group("got_w")):
        reading.warnings.append(
            f"“{name}”写作“{m.group(0).rstrip('：:')}”，第二个数按实得分处理（{stream.where(m.start(), m.end()).label()}）"
        )
    body = text[mark.end : end]
    reason = measures = None
    rm, mm = REASON.search(body), MEASURES.search(body)
    if rm and (not mm or rm.start() < mm.start()):
        stop = mm.start() if mm else len(body)
        reason = body[rm.end() : stop].rstrip("；;。，,")
        prov["reason"] = stream.where(mark.end + rm.end(), mark.end + stop)
    if mm:
        measures = body[mm.end() :].strip()
        prov["measures"] = stream.where(mark.end + mm.end(), end)
    return ResultRow(
        id=f"res.{n}",
        group=group,
        path=path,
        name=name,
        points_due=due,
        points_got=got,
        reason=reason or None,
        measures=measures or None,
        prov={k: v for k, v in prov.items() if v is not None},
    )


def _assign(mark: _Mark, pending: list[ResultRow], stream: Stream, reading: ResultsReading) -> None:
    """Given a '以上N项，整改责任科室：X' mark, give X to the rows since the previous such line."""
    m = mark.match
    dept = m.group("dept").rstrip("。；;，,")
    where = stream.where(m.start("dept"), m.end("dept"))
    counts = [int(g) for g in (m.group("items"), m.group("subs")) if g]  # text order: 条 then 项
    reading.claims.append(Claim(m.group(0), counts, [r.id for r in pending], stream.where(m.start(), m.end())))
    for row in pending:
        row.department = dept
        if where is not None:
            row.prov["department"] = where
