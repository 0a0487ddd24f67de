"""Headerless fragments of a self-evaluation form: the tail of a 绩效自评表 saved without its header, cells run
together on a line ('产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 时效指标按时发放率=100% 22.5 …
合计100 评价结论…').

With no header to name the columns, the evidence is the national indicator framework's level labels
(产出指标 ▸ 数量指标 …) opening the rows, each row's 指标值 written as a comparison after its name (=100%,
≤10次), and the numbers that follow it. Those numbers are read in the standard form's column order
(实际完成值, 分值, 得分, right-aligned): one number is the row's 分值, two are 分值 and 得分. Which column a
lone number stands in is not written, so the reading says so and asks for a check.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from schemas.indicators import ResultRow
from schemas.raw import TextBlock

from .lines import LEVEL1, LEVEL2, TOTAL, Token, _prov, tokenize
from .text import NUMBER, ResultsReading, to_float

_LABELS = sorted(set(LEVEL1) | set(LEVEL2), key=len, reverse=True)
# A 指标值 closing a cell: a comparison and an amount ('=100%', '≤10次', '≥95%', '不少于3场').
_TARGET = re.compile(r"(?:[=＝≥≤＞＜><]|不低于|不少于|不超过|不高于|低于|高于|大于|小于|达到)\s*\d+(?:\.\d+)?\s*"
                     r"(?:%|％|[\u4e00-\u9fff]{1,2})?$")
# What a filled-in self-evaluation writes beside its rows (a blank 申报表 has none of these).
_FILLED = re.compile(r"评价结论|存在问题|改进措施|偏差原因|自评")
_ROLES = {1: ("due",), 2: ("due", "score"), 3: ("actual", "due", "score")}
MIN_ROWS = 3
MIN_LABELS = 2
ACTUAL_MAX = 12
_CLAUSE = re.compile(r"[，,。；;：:]")  # a sentence of a report, not a value in a cell
DOUBT = ("表头缺失（只有结果表的片段），各行只有一个数，已按分值读出，得分未知；请对照原文确认这个数是分值还是得分")


@dataclass
class _Row:
    path: list[str]
    name: str
    target: str | None
    first: Token
    at: int  # where the name starts in its token's text
    actual: str | None = None  # a 实际完成值 written in words ('按期办结')
    values: list[Token] = field(default_factory=list)


def _strip_labels(text: str, path: list[str]) -> tuple[str, list[str], int]:
    """Given a cell's text and the open path, take the level labels it opens with; return the rest, the
    path they give and how many there were (a label of both levels, 满意度指标, is the outer one first)."""
    found = 0
    while label := next((lb for lb in _LABELS if text.startswith(lb)), None):
        outer = label in LEVEL1 and (label not in LEVEL2 or not path or found == 0 and text[len(label):].startswith(
            tuple(LEVEL2)))
        path = [label] if outer else path[:1] + [label]
        text, found = text[len(label):], found + 1
    return text, path, found


def _actual_in_words(row: _Row, text: str, after: list[Token]) -> bool:
    """Tell whether a text after a row's 指标值 and before its numbers is its 实际完成值 written in words
    ('按期办结'): short, no clause of a sentence."""
    return bool(row.target) and row.actual is None and not row.values and len(text) <= ACTUAL_MAX \
        and not _CLAUSE.search(text) and bool(after) and bool(NUMBER.match(after[0].text))


def _rows(tokens: list[Token]) -> tuple[list[_Row], int, float | None, str | None]:
    """Given tokens, return the rows opened under a level label and carrying numbers, how many labels were
    met, the total (合计N) that closes them, and the text where the rows stopped reading with numbers
    still to come (None when they ran to their end)."""
    rows: list[_Row] = []
    path: list[str] = []
    labels, total = 0, None
    for n, t in enumerate(tokens):
        if (m := TOTAL.fullmatch(t.text)) and rows:
            total = float(m.group(1))
            break
        rest, path, found = _strip_labels(t.text, path)
        labels += found
        current = rows[-1] if rows else None
        if not rest or not path:
            continue  # a label alone, or text before the first label
        if NUMBER.match(rest) and current is not None:
            current.values.append(t)
        elif current is not None and not current.values and current.target is None and _TARGET.fullmatch(rest):
            current.target = rest  # the 指标值 in a cell of its own
        elif current is not None and not found and _actual_in_words(current, rest, tokens[n + 1:n + 2]):
            current.actual = rest
        elif current is not None and not current.values:
            # Two names in a row: not the rows of a form, or a row whose cells the damage left unreadable.
            later = any(NUMBER.match(x.text) for x in tokens[n + 1:])
            return [r for r in rows if r.values], labels, total, current.name if later else None
        else:
            target = _TARGET.search(rest)
            glued = target is not None and target.start() > 0
            rows.append(_Row(list(path), rest[:target.start()] if glued else rest, target.group(0) if glued else None, t,
                             len(t.text) - len(rest)))
    return [r for r in rows if r.values], labels, total, None


def read_fragment(blocks: list[TextBlock]) -> ResultsReading:
    """Given the text blocks of a headerless fragment of a self-evaluation form, return its rows (none
    when the text does not read as one)."""
    reading = ResultsReading(kind="form")
    tokens = tokenize(blocks)
    if not _FILLED.search("".join(t.text for t in tokens)):
        return reading
    rows, labels, total, stopped = _rows(tokens)
    if len(rows) < MIN_ROWS or labels < MIN_LABELS or any(r.target is None for r in rows) \
            or any(len(r.values) not in _ROLES or r.actual and len(r.values) > 2 for r in rows):
        return reading
    for n, row in enumerate(rows, 1):
        values = dict(zip(_ROLES[len(row.values)], row.values))
        start = row.first.start + row.at
        prov = {"name": blocks[row.first.block].prov.model_copy(update={"charspan": (start, start + len(row.name))})}
        prov.update({{"due": "points_due", "score": "points_got"}.get(r, r): _prov(blocks, t) for r, t in values.items()})
        reading.rows.append(ResultRow(
            id=f"res.{n}", path=row.path, name=row.name, target=row.target,
            actual=values["actual"].text if "actual" in values else row.actual,
            points_due=to_float(values["due"].text), points_got=to_float(values["score"].text) if "score" in values else None,
            prov=prov))
    reading.total = total
    if any(len(r.values) == 1 for r in rows):
        reading.doubts.append(DOUBT)
    if stopped:
        reading.doubts.append(f"片段在“{stopped[:20]}”处读不通，其后还有数字未读出；请对照原文核对是否漏行")
    reading.doubts += _arithmetic(reading.rows, total)
    return reading


MAX_DUE = 100.0


def _arithmetic(rows: list[ResultRow], total: float | None) -> list[str]:
    """Given the rows read by column order alone, return what their numbers contradict: a 得分 above its
    分值, a 分值 above a whole form's 100, 分值 adding up to more than the stated total — a number read in
    the wrong column (an 实际完成值 taken for the 分值)."""
    dues = [r.points_due for r in rows if r.points_due is not None]
    wrong = [r.name for r in rows if r.points_due is not None and (
        r.points_due > MAX_DUE or r.points_got is not None and r.points_got > r.points_due)]
    gots = [r.points_got for r in rows if r.points_got is not None]
    # The 合计 is the 分值's whole (the fragment may miss rows) or the 得分's sum.
    over = total is not None and sum(dues) > total + 1e-6 and not (gots and abs(sum(gots) - total) < 1e-6)
    if wrong or over:
        return [f"各行的数按表格通常的栏序读出，但数目对不上（{'、'.join(wrong[:3]) or '分值合计超过总分'}），"
                "可能把完成值当成了分值；请对照原文核对各栏"]
    return []
