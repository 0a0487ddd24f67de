"""The language of scoring, in simplified or traditional characters: allocations ('（10分）', '6分,',
'计4分'), weights ('权重15%', '占40%'), scoring clauses ('扣2分', '每少一次扣1分', '不得分') and formulas."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import PINYIN

_NUM = r"(\d+(?:\.\d+)?)"
_SP = r"[ \t\u3000]*"
# '（10分）', '(共60分,扣完为止)', '（15分+5分）', '(18分,一票否决)', '（满分10分）', '【20分】', '（-0.5分）'
_PAREN_ALLOC = re.compile(
    rf"[（(【〔]{_SP}(?:共|计|計|满分|滿分|分值|占|基本分|标准分|標準分)?{_SP}[-－]?{_NUM}{_SP}分"
    rf"(?:{_SP}[+＋]{_SP}{_NUM}{_SP}分)?{_SP}(?:[,，;；、][^（）()【】〔〕]{{0,24}})?[）)】〕]"
)
# A bare 'N分' closing the item's head: '制度建设30分', '…人手一册6分,每缺一项扣2分', '机关党建5分(…)', '计4分'.
_BARE_ALLOC = re.compile(rf"{_NUM}{_SP}分(?={_SP}(?:[,，。；;:：（()）、]|$))")
_NOT_BEFORE_ALLOC = set("扣减減加得每各至到~～-—－、或和与與及.．/")
_COUNT_VERBS = set("记記计計")
_SCALE = re.compile(rf"{_NUM}{_SP}分(?:{_SP}[、，,]{_SP}{_NUM}{_SP}分){{2,}}")
_RATE_BEFORE = re.compile(r"每[^\s\d，,。；;、：:（()）]{1,2}$")  # '省级每份2分', '每人次1分': a rate, not an allocation
# '总分为100分': the scheme's (or a part's) whole, stated in passing, not the points of the item it stands in.
_TOTAL_BEFORE = re.compile(r"(?:总分|總分)(?:值)?(?:为|為|是|共)?[ \t\u3000:：]*$")
_CAP_AFTER = re.compile(rf"{_SP}[,，;；]?{_SP}扣完(?:为|為)止")  # '共6分，扣完为止': the rule's cap, not a share
# 登记/统计/合计/会计/日记…: 记/计 after these is part of a noun, not a verb that counts points.
_NOUN_BEFORE_COUNT = "登统統合总總设設会會日笔筆标標"
# '占考核分值40%', '占总分的60%': the whole a share is of may be named; only a score's, never '占总人数的10%'.
_SHARE_OF = r"(?:(?:考核|考评|考評|年度|综合|綜合){0,2}(?:总分|總分|分值|总成绩|總成績|得分|总评|總評)(?:的)?)?"
_WEIGHT = re.compile(
    rf"(?:权重|權重|(?:占|佔){_SHARE_OF}|比重)(?:为|為|是|比例为|比例為|比例|比为|比為|比)?{_SP}[:：]?{_SP}{_NUM}{_SP}[%％]"
    rf"|[（(]{_SP}{_NUM}{_SP}[%％]{_SP}[）)]"
)
_VERB = rf"(?:扣|减|減|加|得|(?<![{_NOUN_BEFORE_COUNT}])(?:记|記|计|計))(?:除|去)?"
_AMOUNT = rf"{_NUM}(?:{_SP}[-—－~～至到、]{_SP}\d+(?:\.\d+)?)*{_SP}分"
_SCORING = re.compile(
    rf"{_VERB}{_SP}{_AMOUNT}"
    r"|不得分|不计分|不計分|扣分|减分|減分|(?:记|記|计|計)分(?!办法|辦法|方法|标准|標準|细则|細則)|扣完为止|扣完為止|一票否决|一票否決|酌情|视情|視情|据情|據情|倒扣"
)
_NOT_SCORING = re.compile(r"(?:加分|扣分|减分|減分)(?:项|項|事项|事項|指标|指標|项目|項目)")
_AWARD = rf"{_SP}{_NUM}{_SP}分(?![、\d])"
_DELIMITERS = set("，,。；;（(：:")
_TRAIL = " \t\u3000,，。；;：:、"
_HEADING_SENTENCE = re.compile(r"^([^。：:；;，,（(]{2,12})[。：:]")
MIN_DESCRIPTION = 10


@dataclass
class Allocation:
    """Points stated for an item, where they stand, and a bonus on top ('15分+5分')."""

    points: float
    start: int
    end: int
    bonus: float | None = None


def _debris(text: str) -> set[int]:
    return {j for p in PINYIN.finditer(text) for j in range(p.start(), p.end())}


def _bare_allocations(text: str):
    """Given a text, yield the bare 'N分' that allocate points: not an amount taken or given ('扣2分',
    '每次1分', '3、2、1分'); '计4分' and '共6分' allocate, '登记2分' is a noun before the points."""
    for m in _BARE_ALLOC.finditer(text):
        i = m.start() - 1
        while i >= 0 and text[i] in " \t\u3000":
            i -= 1
        before = text[i] if i >= 0 else ""
        if before.isdigit() or before in _NOT_BEFORE_ALLOC or _RATE_BEFORE.search(text, 0, i + 1) \
                or _TOTAL_BEFORE.search(text, 0, i + 1):
            continue
        if before in _COUNT_VERBS and (i == 0 or text[i - 1] not in _NOUN_BEFORE_COUNT):
            yield m, i
            continue
        yield m, m.start()


def _paren(m: re.Match) -> Allocation:
    """Given a bracketed allocation, return it; '（-0.5分）' is a deduction item's (negative) points."""
    sign = -1.0 if m.string[m.start(1) - 1] in "-－" else 1.0
    return Allocation(sign * float(m.group(1)), m.start(), m.end(), float(m.group(2)) if m.group(2) else None)


def allocation(text: str) -> Allocation | None:
    """Given an item's text, return the points it allocates to itself (the first allocation), or None."""
    found = []
    m = _PAREN_ALLOC.search(text)
    if m:
        found.append(_paren(m))
    bare = next(_bare_allocations(text), None)
    if bare:
        scale = _SCALE.match(text, bare[0].start())
        if scale:  # '计分标准为1分、2分、3分、4分、5分': a graded scale is worth its top step
            steps = [float(v) for v in re.findall(r"\d+(?:\.\d+)?", scale.group(0))]
            found.append(Allocation(max(steps), bare[1], scale.end()))
        else:
            found.append(Allocation(float(bare[0].group(1)), bare[1], bare[0].end()))
    return min(found, key=lambda a: a.start) if found else None


def own_points(text: str) -> Allocation | None:
    """Given a content or criteria cell, return the points it states for its row: '（3分）' opening or
    closing the cell, never a number inside a rule ('满分为10分', '扣2分')."""
    stripped = text.strip()
    for m in _PAREN_ALLOC.finditer(stripped):
        if m.start() == 0 or not stripped[m.end():].strip(_TRAIL):
            return _paren(m)
    return None


TITLE_MAX = 30
_SENTENCE_MARK = re.compile(r"[。；;！!？?]")


def title_points(text: str) -> Allocation | None:
    """Given a content cell, return the points closing its title phrase ('河道断面水质考核（60分）根据…'): the
    cell's only bracketed allocation, within its first words or closing its first sentence, no sentence or
    rule before it."""
    stripped = text.strip()
    found = list(_PAREN_ALLOC.finditer(stripped))
    # Further in, the allocation must close the cell's first sentence ('…有巡路记录（15分）。每少1次扣1分。').
    if len(found) != 1 or found[0].start() == 0 or (
            found[0].start() > TITLE_MAX and not _SENTENCE_MARK.match(stripped, found[0].end())):
        return None
    head = stripped[:found[0].start()]
    if _SENTENCE_MARK.search(head) or _SCORING.search(head):
        return None
    m = found[0]
    return _paren(m)


def point_allocations(text: str) -> list[float]:
    """Given a text, return the points it allocates, in order ('（10分）', '计4分', '制度建设30分')."""
    parens = [(m.start(), m.end(), _paren(m).points) for m in _PAREN_ALLOC.finditer(text)]
    spans = [(a, b) for a, b, _ in parens] + [m.span() for m in _WEIGHT.finditer(text)]
    # '记2分' after '(2分)' awards the item its points; only allocations of their own count here.
    bare = [(m.start(), m.end(), float(m.group(1))) for m, at in _bare_allocations(text)
            if at == m.start() and not any(a <= m.start() < b for a, b in spans) and not _CAP_AFTER.match(text, m.end())]
    return [v for _, _, v in sorted(parens + bare)]


def allocation_count(text: str) -> int:
    """Given a text, count the points and weights it allocates (a sentence sharing them out has several)."""
    return len(point_allocations(text)) + sum(1 for _ in _WEIGHT.finditer(text))


def weight(text: str) -> tuple[float, int] | None:
    """Given a text, return its first stated weight as a share (0.15 for 15%) and where it starts."""
    m = _WEIGHT.search(text)
    if not m:
        return None
    value = float(next(g for g in m.groups() if g is not None))
    return (value / 100 if value <= 100 else None), m.start()


def weights(text: str) -> list[float]:
    """Given a text, return every weight it states, as shares."""
    out = []
    for m in _WEIGHT.finditer(text):
        value = float(next(g for g in m.groups() if g is not None))
        if value <= 100:
            out.append(value / 100)
    return out


def scoring_clause(text: str) -> re.Match | None:
    """Given a text, return its first scoring phrase ('扣2分', '不得分', '酌情扣分'), or None."""
    for m in _SCORING.finditer(text):
        window = text[max(0, m.start() - 1):m.end() + 3]
        if _NOT_SCORING.search(window):
            continue  # '加分项目' names a section, it does not score
        return m
    return None


def is_scoring(text: str) -> bool:
    """Tell whether a text states how points are given or taken."""
    return scoring_clause(text) is not None


def clause_start(text: str, pos: int) -> int:
    """Given a position in a text, return the start of its clause (after the last delimiter before it)."""
    debris = _debris(text)
    for i in range(pos - 1, -1, -1):
        if text[i] in _DELIMITERS and i not in debris:
            return i + 1
    return 0


def single_award(text: str, verb: str = "得") -> float | None:
    """Given an item's text without an allocation, return N when it awards the item once ('…的利益,得5分';
    '…产生重大影响的,加5分' with verb '加'), not per occurrence nor on a scale."""
    pattern = re.compile(verb + _AWARD)
    found = pattern.findall(text)
    if len(found) != 1:
        return None
    m = pattern.search(text)
    clause = text[clause_start(text, m.start()):m.start()]
    return None if re.search(r"每|以上|以下|超过|不足|达到|達到|低于|高于|%", clause) else float(found[0])


def head_name(text: str, alloc: Allocation | None, weight_at: int | None) -> str:
    """Given an item's text, return its name: the text before its own allocation or its first scoring
    clause, whichever comes first, without trailing punctuation or a bracket left open."""
    ends = [len(text)]
    if alloc is not None:
        ends.append(alloc.start)
    if weight_at is not None:
        ends.append(weight_at if text[weight_at] in "（(" else clause_start(text, weight_at))
    clause = scoring_clause(text)
    if clause is not None:
        ends.append(clause_start(text, clause.start()))
    name = _close(text[:min(ends)])
    if not name and clause is not None:
        name = _close(text[:clause.start()])
    # '业务工作。完成市局考核工作任务……': a short heading sentence names the item the rest describes.
    m = _HEADING_SENTENCE.match(name)
    if m and len(name) - m.end() >= MIN_DESCRIPTION:
        return m.group(1)
    return name


def _close(name: str) -> str:
    """Given a name cut at a clause, drop trailing punctuation and an opening bracket left dangling."""
    name = name.strip(_TRAIL)
    while name.count("（") + name.count("(") > name.count("）") + name.count(")"):
        cut = max(name.rfind("（"), name.rfind("("))
        name = name[:cut].strip(_TRAIL)
    return name
