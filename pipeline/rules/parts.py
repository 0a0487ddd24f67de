"""Parts of a weighted total: shares (第一季度20%、第二季度20%…) or points (业务考核(70分)+作风评议(20分)…)."""
from __future__ import annotations

import re

from schemas.rules import WeightPart

from . import lexicon as lx
from .numbers import NUM, cn_number

# A share: N%, or a decimal named as a weight (日常考核权重0.4) — a bare decimal may be a factor of pay or a score.
_PERCENT = re.compile(rf"(?<![\d.])(?P<val>{NUM})%|(?P<lead>权重|比重)(?:为|占|是)?(?P<dec>0?\.\d+)(?![\d.%])")
# 综合评分=质量×0.4+交付×0.3+…: decimals that weight the terms of a sum (they must add up to 1).
_TERM = re.compile(r"^(?:(?P<label>[^=+×*\d]{1,16}|[^=+×*]{0,16}\([^()]*\))[×*](?P<w>0?\.\d+)|"
                   r"(?P<w2>0?\.\d+)[×*](?P<label2>[^=+×*\d]{1,16}|\([^()]*\)))$")
# Where an item of a share list may start: a hard stop, or a joining word after the previous item.
_HARD = re.compile(r"[，；。：=]")
_LEAD = re.compile(r"^[)、和及与+，]+")
_INTRO = re.compile(r"^.*?(?:按照|按|以|由|其中|即|根据)(?=.)")
# Weight words around a share: 占 / 权重 / 比重 / × / 占该项得分的 / 的.
_WEIGHT_WORD = re.compile(r"(?:\(?(?:占|权重(?:为|占)?|比重(?:为)?)(?:该项|本项|总)?(?:得分|成绩|分数)?的?|[×*]|的)$")
_EXPLICIT = re.compile(r"占|权重|比重")
# A percent that belongs to a comparison, a step or a deduction is no share.
_COMPARE = "|".join(w for w, _ in lx.OP_WORDS if w != "=")  # = opens a formula (P=P1×40%+…), it compares nothing
_NOT_SHARE_BEFORE = re.compile(rf"(?:(?:{_COMPARE}|每)[^，；、]{{0,6}}|率|[扣减加得]|[\d%][-至到~])$")
_NOT_SHARE_AFTER = re.compile(r"^(?:\(含\))?(?:及以上|以上|及以下|以下|以内|之内|之间|[-至到~]|的?，?[扣加得减])")
# A list of parts with points: 总成绩=A(60分)+B(20分) / 分别为A5分、B27分 / 其中A50分,B50分 / 分别从A(10分)、B(15分)…等12项.
_POINTS_INTRO = re.compile(r"=|分别为|分别从|分为|其中|包括|由|(?:构成|组成)(?:为|：)")
_POINTS_ITEM = re.compile(rf"^(?P<label>(?:[^()每]|\([^()]*\)){{1,24}}?)(?<![\d.])(?:\((?P<a>{NUM})分\)|(?P<b>{NUM})分)(?P<tail>(?:等|{NUM}(?:个|大)?(?:部分|项|方面|块|类)|$).*)$")
_AMOUNT_END = re.compile(rf"(?:{lx.VERB}|为)$")  # 省级加5分 is an amount, not a part
# 得分=(1-差错率)×10分，最低0分: a factor of a formula and a bound are no parts
_NOT_PART = re.compile(r"[×*/÷xX]$|^(?:最低|最高|最多|至多|满分|上限|封顶)")


def _segments(text: str, start: int) -> list[tuple[int, int]]:
    """Given text and an offset, return the top-level items after it, split at 、，+ outside brackets."""
    items, depth, begin = [], 0, start
    for i in range(start, len(text)):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif depth == 0 and (ch in "、，+；。" or ch in "和及与" and text[i - 1] == ")"):  # A(20分)和B(80分)
            items.append((begin, i))
            begin = i + 1
            if ch in "；。":
                return items
    items.append((begin, len(text)))
    return items


def _points_parts(t: str) -> tuple[list[WeightPart], tuple[int, int]] | None:
    """Given a clause, return the parts of a points list and its span, if it states one."""
    for intro in _POINTS_INTRO.finditer(t):
        parts, end = [], intro.end()
        for a, b in _segments(t, intro.end()):
            m = _POINTS_ITEM.match(t[a:b])
            if not m or re.search(lx.OP, m["label"]) or (m["b"] and _AMOUNT_END.search(m["label"])) or (
                    _NOT_PART.search(m["label"])):
                break
            label = re.sub(r"\([^()]*\)", "", m["label"]).strip("、，")
            parts.append(WeightPart(label=label, points=cn_number(m["a"] or m["b"])))
            end = a + m.start("tail")
            if m["tail"]:
                break
        if len(parts) >= 2 and not all(re.fullmatch(lx.GRADE, p.label) for p in parts):  # 分为优秀10分、良好8分: levels
            return parts, (intro.start(), end)
    return None


def _label(t: str, start: int, end: int) -> str:
    """Given the text before a share, return the part it names (中间 weight words and intro dropped)."""
    segment = _LEAD.sub("", t[start:end])
    segment = _INTRO.sub("", segment)
    while (m := _WEIGHT_WORD.search(segment)) and m.group():
        segment = segment[:m.start()]
    return re.split(r"\(", segment)[0].strip("、，")


def _share_parts(t: str) -> tuple[list[WeightPart], tuple[int, int]] | None:
    """Given a clause, return the shares it lists (with labels) and their span, if they make a weighting."""
    parts: list[WeightPart] = []
    explicit, first, last, prev_end = False, None, 0, 0
    hard_at = [h.end() for h in _HARD.finditer(t)]
    for m in _PERCENT.finditer(t):
        before = t[max(0, m.start() - 12):m.start()]  # what decides is next to it: a long clause costs no more
        if _NOT_SHARE_BEFORE.search(before) or _NOT_SHARE_AFTER.match(t[m.end():].lstrip(")")) or (
                before.endswith(("*", "×", "/")) and cn_number(m["val"]) == 100):  # 数量/总数*100%: a formula
            continue
        hard = max((h for h in hard_at if h <= m.start()), default=0)
        start = max(hard, prev_end)
        label = _label(t, start, m.start())
        if not label and hard:  # 总经理评分，权重占该项得分的30%: the part is named before the comma
            prior = max((h for h in hard_at if h < hard), default=0)
            label = _label(t, prior, hard - 1)
        explicit |= bool(m["lead"] or _EXPLICIT.search(t, max(start, m.start() - 12), m.start()))
        share = float(m["dec"]) if m["dec"] else cn_number(m["val"]) / 100
        parts.append(WeightPart(label=label or f"第{len(parts) + 1}部分", weight=share))
        first = start if first is None else first
        prev_end = last = m.end() + (1 if t[m.end():m.end() + 1] == ")" else 0)
    if not parts:
        return None
    total = sum(p.weight for p in parts)
    if first and t[first - 1] == "=":  # 综合得分=S1×60%+S2×40%: the whole formula is the weighting
        first = max((h.end() for h in _HARD.finditer(t, 0, first - 1)), default=0)
    if explicit or (len(parts) >= 2 and abs(total - 1) < 0.011):
        return parts, (first, last)
    return None


def _decimal_parts(t: str) -> tuple[list[WeightPart], tuple[int, int]] | None:
    """Given a clause, return the terms of a sum weighted by decimals (=A×0.4+B×0.6) and its span, if they add to 1."""
    eq = t.find("=")
    stop = _HARD.search(t, eq + 1)
    end = stop.start() if stop else len(t)
    parts = []
    for term in t[eq + 1:end].split("+"):
        m = _TERM.match(term)
        if not m:
            return None
        label = re.sub(r"^\((.*)\)$", r"\1", m["label"] or m["label2"])
        parts.append(WeightPart(label=label, weight=float(m["w"] or m["w2"])))
    if len(parts) < 2 or abs(sum(p.weight for p in parts) - 1) >= 0.011:
        return None
    return parts, (max((h.end() for h in _HARD.finditer(t, 0, eq)), default=0), end)


def weight_parts(t: str) -> tuple[list[WeightPart], tuple[int, int]] | None:
    """Given a clause, return the parts of the total it weights (shares or points) and their span, if any."""
    if "%" in t or "权重" in t or "比重" in t:
        found = _share_parts(t)
        if found:
            return found
    if "=" in t and "." in t and (found := _decimal_parts(t)):
        return found
    if "分" in t:
        return _points_parts(t)
    return None
