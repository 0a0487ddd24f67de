"""Self-evaluation forms read from lines of text (a PDF text dump) where the table is gone.

Cells come as space-separated tokens on a line, and a wrapped cell continues on the next line.
The reader finds the form's landmarks (block headings, the header, 总分) on the text with white
space removed, then parses each block's rows: a row starts at a 二级指标 label from the national
performance-indicator framework (产出/效益/满意度/成本 ▸ 数量/质量/时效/…), and its value cells
are read from the right in the header's column order, a trailing plain number being the 得分.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from schemas.common import ProvenanceItem
from schemas.indicators import ResultRow
from schemas.raw import TextBlock

from .form import HEADER_ROLES
from .text import NUMBER, ResultsReading, Summary, is_cjk, join_lines, points_in_label, to_float

LEVEL1 = ["产出指标", "效益指标", "满意度指标", "成本指标", "效果指标", "过程指标", "投入指标", "决策指标", "管理指标"]
LEVEL2 = [
    "数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
    "经济效益指标", "社会效益指标", "生态效益指标", "环境效益指标", "可持续影响指标",
    "服务对象满意度指标", "社会公众或服务对象满意度指标", "满意度指标",
]
LABELS = sorted(set(LEVEL1) | set(LEVEL2), key=len, reverse=True)
UNITS = {"场", "件", "人", "个", "次", "家", "元", "万元", "户", "所", "篇", "期", "天", "小时", "项", "份", "名", "条"}

GROUP = re.compile(r"(?:年度|绩效|总体|项目|工作)?目标[0-9一二三四五六七八九十]+[：:]?[（(][\d.]+分[)）]")
GOAL_HEADER = re.compile(r"一级指标.{0,40}?三级指标.{0,40}?得分")
BUDGET_LABEL = re.compile(r"预算执行情况(?:[（(][^）)]{0,10}[)）])*")
# Its 得分 cell may be printed apart from the header (a merged cell a dump emits after the rows): the header
# then ends at the 执行率 column.
BUDGET_HEADER = re.compile(r"预算数(?:.{0,40}?得分(?:[（(][^）)]{0,20}[)）])?|.{0,40}?执行率(?:[（(][^）)]{0,20}[)）])?)")
TOTAL = re.compile(r"(?:自评总分|综合得分|总得分|总分|合计|总计)(\d+(?:\.\d+)?)")
SUMMARY = re.compile(r"[\u4e00-\u9fff]{0,10}原因(?:分析|说明)|改进措施及结果应用方案|改进措施[^。，；：:]{0,6}方案")
NOTES = re.compile(r"备注[：:]")


@dataclass(frozen=True)
class Token:
    """A space-separated piece of a line, with where it stands."""

    text: str
    block: int
    start: int
    end: int
    line_start: bool  # first token on its line
    whole_line: bool  # alone on its line


def tokenize(blocks: list[TextBlock]) -> list[Token]:
    """Given text blocks, return their tokens in reading order."""
    tokens: list[Token] = []
    for b, block in enumerate(blocks):
        pos = 0
        for line in block.text.splitlines(keepends=True):
            found = list(re.finditer(r"\S+", line))
            for i, m in enumerate(found):
                tokens.append(Token(m.group(), b, pos + m.start(), pos + m.end(), i == 0, len(found) == 1))
            pos += len(line)
    return tokens


def read_lines(blocks: list[TextBlock]) -> ResultsReading:
    """Given the text blocks of a self-evaluation form without tables, return its rows."""
    reading = ResultsReading(kind="form")
    tokens = tokenize(blocks)
    text, owner = _compact(tokens)
    events = _events(text)
    group = None
    group_points = group_prov = None
    for i, (start, end, kind, m) in enumerate(events):
        stop = events[i + 1][0] if i + 1 < len(events) else len(text)
        span = _tokens_between(owner, end, stop)
        where = _prov(blocks, tokens[owner[start]])
        if kind == "group":
            group = re.sub(r"[（(].*", "", m.group()).rstrip("：:")
            group_points, group_prov = points_in_label(m.group()), where
            reading.group_texts[group] = re.sub(r"年度绩效指标$", "", join_lines([t.text for t in tokens[span]]))
        elif kind == "budget_label":
            group, group_points, group_prov = re.sub(r"[（(].*", "", m.group()), points_in_label(m.group()), where
        elif kind in ("goal", "budget"):
            rows = budget_rows(tokens[span], budget_columns(m.group()), blocks, reading.doubts) if kind == "budget" \
                else _rows(tokens[span], _value_roles(m.group()), blocks)
            for row in rows:
                row.group, row.group_points = group, group_points
                if group_prov is not None:
                    row.prov["group_points"] = group_prov
                reading.rows.append(row.model_copy(update={"id": f"res.{len(reading.rows) + 1}"}))
        elif kind == "total":
            reading.total, reading.total_prov = float(m.group(1)), where
        elif kind == "summary":
            body = tokens[span]
            reading.summaries.append(Summary(m.group(), _join(body), _prov(blocks, body[0]) if body else where))
    return reading


def _compact(tokens: list[Token]) -> tuple[str, list[int]]:
    """Given tokens, return their concatenation and, per character, the token it came from."""
    owner = [i for i, t in enumerate(tokens) for _ in t.text]
    return "".join(t.text for t in tokens), owner


def _tokens_between(owner: list[int], start: int, stop: int) -> slice:
    """Given a [start, stop) span of the compact text, return the slice of tokens that lie in it."""
    if start >= stop or start >= len(owner):
        return slice(0, 0)
    first = owner[start] + (1 if start > 0 and owner[start - 1] == owner[start] else 0)
    last = owner[stop - 1] + (1 if stop >= len(owner) or owner[stop] != owner[stop - 1] else 0)
    return slice(first, last)


def _events(text: str) -> list[tuple[int, int, str, re.Match]]:
    """Given the compact text, return the form's landmarks in order (before the 备注)."""
    notes = NOTES.search(text)
    limit = notes.start() if notes else len(text)
    found = []
    for kind, pattern in (("group", GROUP), ("goal", GOAL_HEADER), ("budget_label", BUDGET_LABEL),
                          ("budget", BUDGET_HEADER), ("total", TOTAL), ("summary", SUMMARY)):
        found += [(m.start(), m.end(), kind, m) for m in pattern.finditer(text, 0, limit)]
    found.sort(key=lambda e: e[0])
    kept, end = [], -1
    for event in found:  # a landmark inside another (总分 inside a header) is not one
        if event[0] >= end:
            kept.append(event)
            end = event[1]
    if notes:
        kept.append((notes.start(), notes.end(), "notes", notes))
    return kept


def _value_roles(header: str) -> list[str]:
    """Given a compact header text, return the roles of the value columns after the name, in order."""
    pos = {}
    for role, pattern in HEADER_ROLES:
        m = pattern.search(header)
        if m and role not in ("level1", "level2", "name") and m.start() not in pos.values():
            pos[role] = m.start()
    return sorted(pos, key=pos.get)


def _glue(tokens: list[Token], wraps: bool) -> list[Token]:
    """Given a row's tokens, join number+unit ('8 场'), label+number lines and (if wraps) short wraps."""
    out: list[Token] = []
    for t in tokens:
        prev = out[-1] if out else None
        if prev is not None and not t.line_start and t.text in UNITS and NUMBER.match(prev.text):
            out[-1] = replace(prev, text=f"{prev.text} {t.text}", end=_end(prev, t), whole_line=False)
        elif (prev is not None and prev.whole_line and t.whole_line and _is_text(prev.text)
              and _is_value(t.text)):
            out[-1] = replace(prev, text=f"{prev.text} {t.text}", end=_end(prev, t), whole_line=False)
        elif (wraps and prev is not None and t.whole_line and len(t.text) <= 2 and _is_text(t.text)
              and "\u4e00" <= prev.text[-1] <= "\u9fff"):
            out[-1] = replace(prev, text=prev.text + t.text, end=_end(prev, t), whole_line=False)
        else:
            out.append(t)
    return out


def _end(prev: Token, t: Token) -> int:
    """Given two tokens being joined, return the end offset to keep (charspans stay in one block)."""
    return t.end if t.block == prev.block else prev.end


def _is_text(s: str) -> bool:
    """Given a token, tell whether it holds no digit."""
    return not any(ch.isdigit() for ch in s)


def _is_value(s: str) -> bool:
    """Given a token, tell whether it is a number or a percentage with an optional comparator."""
    return re.fullmatch(r"[≥≤＞＜><=]?\d+(?:\.\d+)?%?", s) is not None


def _anchors(tokens: list[Token]) -> list[tuple[int, int, str]]:
    """Given tokens, return (first, last, label) for runs of tokens that spell an indicator level."""
    found, i = [], 0
    while i < len(tokens):
        joined = ""
        match = None
        for j in range(i, min(i + 6, len(tokens))):
            joined += tokens[j].text
            if joined in LABELS:
                match = (i, j, joined)
            if len(joined) >= len(LABELS[0]):
                break
        if match:
            found.append(match)
            i = match[1] + 1
        else:
            i += 1
    return found


def _rows(tokens: list[Token], roles: list[str], blocks: list[TextBlock]) -> list[ResultRow]:
    """Given one goal block's data tokens and its value-column roles, return its rows."""
    glued = _glue(tokens, wraps=True)
    anchors = _anchors(glued)
    level1 = ""
    if anchors:
        lead = "".join(t.text for t in glued[: anchors[0][0]])
        level1 = next((label for label in LEVEL1 if lead and label.startswith(lead)), "")
    rows = []
    for k, (first, last, label) in enumerate(anchors):
        follows = k + 1 < len(anchors) and anchors[k + 1][0] == last + 1
        if label in LEVEL1 and (label not in LEVEL2 or follows):
            level1 = label
            if follows:
                continue
        stop = anchors[k + 1][0] if k + 1 < len(anchors) else len(glued)
        cells = _strip_level_tail(glued[last + 1 : stop])
        path = [p for p in (level1, label if label != level1 else "") if p]
        row = _row(cells, roles, path, blocks) or _row(_glue(_raw(cells, tokens), wraps=False), roles, path, blocks)
        if row:
            rows.append(row)
    return rows


# The budget header's columns, each with the role of its values ('initial' is the 年初 budget, not compared).
_BUDGET_COLUMNS = [("initial", r"年初预算数"), ("target", r"(?:全年|调整后)?预算数"), ("actual", r"(?:全年)?执行数|实际支出"),
                   ("due", r"分值|满分"), ("rate", r"执行率"), ("score", r"得分")]
_BUDGET_COLUMN = re.compile("|".join(f"(?P<{role}>{pattern})" for role, pattern in _BUDGET_COLUMNS))
_AMOUNT = re.compile(r"^[+-]?\d+(?:\.\d+)?(?:%|％|万元|元)?$")
_BUDGET_LABEL_MAX = 16  # a row label ('年度资金总额:', '部门整体 支出总额'), not the sentences of the goals after the block
_BREAKDOWN = re.compile(r"^其中")
FULL_RATE = 100.0


def budget_columns(header: str) -> list[str]:
    """Given the compact budget header, return its columns' roles in order (the words in brackets, such as
    '执行率(全年执行数/全年预算数)', explain a column and name none)."""
    return [m.lastgroup for m in _BUDGET_COLUMN.finditer(re.sub(r"[（(][^（）()]*[)）]", "", header))]


def budget_rows(tokens: list[Token], header_roles: list[str], blocks: list[TextBlock],
                doubts: list[str] | None = None) -> list[ResultRow]:
    """Given the tokens after a budget header, return its scored rows: each a label and the amounts after it,
    read in the header's column order. A row filling only some columns (the money of a '其中:' breakdown) or
    opening with 其中 details the row above and is no scored row of its own; one more number than the header
    has columns is the 得分 whose header cell stands apart."""
    columns = [r for r in header_roles if r in {role for role, _ in _BUDGET_COLUMNS}]
    rows: list[tuple[list[Token], list[Token]]] = []
    label: list[Token] = []
    values: list[Token] = []
    for t in tokens:
        if _AMOUNT.match(t.text) and label:
            values.append(t)
            continue
        if values:
            rows.append((label, values))
            label, values = [], []
        label.append(t)
        if len("".join(x.text for x in label)) > _BUDGET_LABEL_MAX:
            break
    if values:
        rows.append((label, values))
    out = []
    for label, values in rows:
        name = _join(label).rstrip(":：")
        roles = columns + ["score"] if "score" not in columns and len(values) == len(columns) + 1 else columns
        if _BREAKDOWN.match(name):
            continue
        if len(values) != len(roles):
            if doubts is not None and not out:
                # The block's own row (its first) unread: its cells do not fit the header.
                doubts.append(f"预算执行“{name}”一行有 {len(values)} 个数，与表头的 {len(roles)} 栏对不上，未读出；请对照原文补录")
            continue
        got = dict(zip(roles, values))
        row = ResultRow(id="res.0", path=[], name=name, target=_text(got, "target"), actual=_text(got, "actual"),
                        rate=_text(got, "rate"), points_due=to_float(_text(got, "due")),
                        points_got=to_float(_text(got, "score")),
                        prov={"name": _prov(blocks, label[0], label[-1])}
                        | {{"due": "points_due", "score": "points_got"}.get(r, r): _prov(blocks, t)
                           for r, t in got.items() if r != "initial"})
        out.append(_settle_due(row, doubts))
    return out


def _text(values: dict[str, Token], role: str) -> str | None:
    return values[role].text if role in values else None


def _settle_due(row: ResultRow, doubts: list[str] | None) -> ResultRow:
    """Given a budget row, drop a 分值 its own numbers contradict: at full execution the row earns its 分值, so
    a 得分 below it says the 分值 cell was misread (or misprinted); a person is asked to check."""
    rate = to_float((row.rate or "").rstrip("%％"))
    if row.points_due is None or row.points_got is None or rate is None or rate < FULL_RATE \
            or abs(row.points_due - row.points_got) < 1e-6:
        return row
    if doubts is not None:
        doubts.append(f"预算执行“{row.name}”执行率 {row.rate}、得分 {row.points_got:g}，读出的分值 {row.points_due:g} "
                      f"与之不符，未采用；请对照原文核对分值")
    return row.model_copy(update={"points_due": None, "prov": {k: v for k, v in row.prov.items() if k != "points_due"}})


def _raw(cells: list[Token], tokens: list[Token]) -> list[Token]:
    """Given glued tokens, return the original tokens they cover (to parse again without wraps)."""
    if not cells:
        return []
    lo, hi = (cells[0].block, cells[0].start), (cells[-1].block, cells[-1].end)
    return [t for t in tokens if (t.block, t.start) >= lo and (t.block, t.end) <= hi]


def _strip_level_tail(cells: list[Token]) -> list[Token]:
    """Given a row's tokens, drop a trailing piece of a wrapped 一级指标 cell ('指标')."""
    while cells and any(label.endswith(cells[-1].text) and label != cells[-1].text for label in LEVEL1):
        cells = cells[:-1]
    return cells


def _row(cells: list[Token], roles: list[str], path: list[str], blocks) -> ResultRow | None:
    """Given a row's tokens, read the value cells from the right in ``roles`` order; the rest is the name."""
    cells = list(cells)
    numbers = [i for i, t in enumerate(cells) if NUMBER.match(t.text)]
    trailing: list[Token] = []
    if "score" in roles and numbers and numbers[-1] >= len(roles):
        trailing, cells = cells[numbers[-1] + 1 :], cells[: numbers[-1] + 1]
    values: dict[str, Token] = {}
    for role in reversed(roles):
        if role in ("score", "due") and not (cells and NUMBER.match(cells[-1].text)):
            continue
        if len(cells) < 2:
            return None
        values[role] = cells.pop()
    name_tokens = cells + trailing
    if not name_tokens:
        return None
    field_of = {"score": "points_got", "due": "points_due"}
    prov = {"name": _prov(blocks, name_tokens[0], name_tokens[0])}
    prov.update({field_of.get(r, r): _prov(blocks, t) for r, t in values.items()})
    text = {r: t.text for r, t in values.items()}
    return ResultRow(
        id="res.0",
        path=path,
        name=_join(name_tokens),
        target=text.get("target"),
        actual=text.get("actual"),
        rate=text.get("rate"),
        points_due=to_float(text.get("due")),
        points_got=to_float(text.get("score")),
        prov=prov,
    )


def _join(tokens: list[Token]) -> str:
    """Given tokens of one cell, join them as written: a space within a line, none across CJK wraps."""
    out = ""
    for t in tokens:
        if out and (not t.line_start or not (is_cjk(out[-1]) or is_cjk(t.text[0]))):
            out += " "
        out += t.text
    return out


def _prov(blocks: list[TextBlock], first: Token, last: Token | None = None) -> ProvenanceItem:
    """Given a token (or a first..last run in one block), return its block's provenance with a charspan."""
    end = last.end if last is not None and last.block == first.block else first.end
    return blocks[first.block].prov.model_copy(update={"charspan": (first.start, end)})
