"""Lists of items written inline in one sentence of a prose item: 'A（10分）、B（15分）、C（5分）' (items with
points, nested under a lead-in element whose points they add up to), and groups of named items without points
under a stated whole ('教师行为（呈现方式、问答过程）；学生行为（目标达成、体验探究）…，满分100分')."""
from __future__ import annotations

import re

from schemas.common import ProvenanceItem
from schemas.indicators import Category

from . import scoring
from .outline import PINYIN, Item
from .text import key

# (name, points, where, the element heading it)
Element = tuple[str, float | None, ProvenanceItem, Category | None]

# Lead-in words before the first element of an inline list ('分别从教学总量（10分）、…').
_LEAD_IN = re.compile(r"^(?:分别从|分別從|分别为|分別為|分别|分別|从|從|包括|主要包括|包含|分为|分為|即|其中|具体为|具體為)")
# A name may hold a bracket of words ('附加项(加、扣分)3分'), never one with the points.
_LIST_ELEMENT = re.compile(r"((?:[^、，,；;：:。（()）]|[（(][^（()）\d]{0,10}[）)]){2,20}?)"
                           r"\s*[（(]?\s*(\d+(?:\.\d+)?)\s*分\s*[）)]?(?=\s*[、，,；;。]|\s*等|$)")
# How a scheme states the whole its parts add up to: '考评总分为100分', '满分100分', '共100分'.
_LIST_TOTAL = re.compile(r"(?:总分|總分|满分|滿分|共计|共計|合计|合計|共)(?:值)?(?:为|為|是)?\s*(\d+(?:\.\d+)?)\s*分")
_NOT_ELEMENT = re.compile(r"^等|满分|滿分|总分|總分|合计|合計|共计|共計|扣|每")
_LIST_MARKS = {"、", "，", ",", "；", ";"}
MIN_LIST = 3  # an inline list of items with points has at least this many


def _pointed(item: Item) -> list[Element]:
    """Given an item, return the inline list of items with points in its text or body ('A（10分）、B（15分）、…'),
    each with the element heading it when the list nests ('共性指标50分，分别为A5分、B45分')."""
    for text, prov in [(item.text, item.prov)] + item.body:
        clean = PINYIN.sub("", text)
        sentences = re.split(r"[。；;]", clean)
        for n, sentence in enumerate(sentences):
            found = list(_LIST_ELEMENT.finditer(sentence))
            if len(found) < MIN_LIST:
                continue
            found = [m for m in found if not _NOT_ELEMENT.search(re.sub(r"[（(][^（()）]*[）)]", "", m.group(1)))]
            gaps = [sentence[a.end():b.start()] for a, b in zip(found, found[1:])]
            if len(found) < MIN_LIST or any(g.strip(" ") not in _LIST_MARKS for g in gaps):
                continue  # the allocations must follow one another, separated by list marks only
            out = []
            for m in found:
                name = re.split(r"[：:，,]", m.group(1).strip(" 、，,"))[-1]
                out.append((_LEAD_IN.sub("", name).strip(), float(m.group(2)), prov, bool(_LEAD_IN.match(name))))
            if all(out_name for out_name, _, _, _ in out):
                return _peers(_nest(out), sentences[n + 1:], prov)
    return []


# '个性指标50分，是针对…': a sentence opening with a part's name and points, and no list of its own.
_PEER = re.compile(r"^\s*([^、，,：:（()）\d]{2,12}?)\s*(\d+(?:\.\d+)?)\s*分\s*[，,]")


def _peers(found: list[Element], after: list[str], prov: ProvenanceItem) -> list[Element]:
    """Given a nested list ('共性指标50分，分别为A5分、…') and the sentences after it, add the parts those
    sentences state beside its heading with no items listed ('个性指标50分，是针对…'): named like the heading,
    they are one item each (their items are elsewhere)."""
    heads = {h.name for _, _, _, h in found if h is not None}
    for sentence in after:
        m = _PEER.match(sentence)
        if not m or _LIST_ELEMENT.search(sentence, m.end()) or m.group(1) in heads:
            continue
        if kin(m.group(1), list(heads)):
            found = found + [(m.group(1).strip(), float(m.group(2)), prov, None)]
    return found


def _nest(found: list[tuple[str, float, ProvenanceItem, bool]]) -> list[Element]:
    """Given a list's elements (name, points, where, whether a lead-in opened it), make an element whose points
    the ones after it add up to, from a lead-in ('…50分，分别为A5分、B45分'), the heading of those."""
    out: list[Element] = []
    n = 0
    while n < len(found):
        name, points, prov, _ = found[n]
        if n + 1 < len(found) and found[n + 1][3]:
            acc = 0.0
            for end in range(n + 1, len(found)):
                acc += found[end][1]
                if abs(acc - points) <= 1e-6 and end > n + 1:
                    head = Category(name=name, points=points, prov=prov)
                    out += [(a, b, c, head) for a, b, c, _ in found[n + 1:end + 1]]
                    n = end + 1
                    break
            else:
                out.append((name, points, prov, None))
                n += 1
            continue
        out.append((name, points, prov, None))
        n += 1
    return out


def list_points(item: Item, found: list[Element], alloc: scoring.Allocation | None) -> scoring.Allocation | None:
    """Given an item heading an inline list and the allocation its text makes, return its own points: the
    total the text states for the list when the list adds up to it ('考评总分为100分，分别为…'), the whole
    stated after groups without points ('…等三大方面十小项，满分100分'), else an allocation made before the list."""
    if all(p is None for _, p, _, _ in found):
        for text in [item.text] + [t for t, _ in item.body]:
            if m := _LIST_TOTAL.search(PINYIN.sub("", text)):
                return scoring.Allocation(float(m.group(1)), m.start(), m.end())
        return alloc
    total = round(sum(p for _, p, _, head in found if head is None) + sum(
        {id(h): h.points or 0.0 for _, _, _, h in found if h is not None}.values()), 6)
    text = PINYIN.sub("", item.text)
    for m in _LIST_TOTAL.finditer(text):
        if abs(float(m.group(1)) - total) <= 1e-6:
            return scoring.Allocation(total, m.start(), m.end())
    names = [name for name, _, _, _ in found] + [h.name for _, _, _, h in found if h is not None]
    first = min((at for name in names if (at := text.find(name)) >= 0), default=-1)
    return alloc if alloc is not None and (first < 0 or alloc.start < first) else None


# A group: a short name and a bracket of its items, '教师行为（呈现方式、问答过程、评价反馈）'.
_GROUP = re.compile(r"([^、，,；;：:。（()）]{2,12})[（(]([^（()）\d]{2,60})[）)]")
MIN_GROUPS = 2
MIN_GROUP_ITEMS = 2
WORD = 2  # a bracket of single words beside brackets of phrases lists the qualities one item looks for


def elements(item: Item) -> list[Element]:
    """Given an item, return the items its text or body lists inline (see the module), else []."""
    pointed = _pointed(item)
    return pointed if len(pointed) >= MIN_LIST else _grouped(item)


def _grouped(item: Item) -> list[Element]:
    """Given an item, return the items of a sentence of groups with no points of their own and a stated
    whole after them: each group is a category over its items, unless its bracket holds single words
    (和谐、民主、平等) beside brackets of phrases, which describe the group as one item."""
    for text, prov in [(item.text, item.prov)] + item.body:
        for sentence in re.split(r"[。]", PINYIN.sub("", text)):
            found = list(_GROUP.finditer(sentence))
            gaps = [sentence[a.end():b.start()] for a, b in zip(found, found[1:])]
            if len(found) < MIN_GROUPS or any(g.strip(" ") not in _LIST_MARKS for g in gaps):
                continue
            total = _LIST_TOTAL.search(sentence, found[-1].end())
            if total is None or re.search(r"\d\s*分", sentence[found[0].start():total.start()]):
                continue  # groups without a stated whole, or items that carry points of their own
            parts = [(_LEAD_IN.sub("", re.split(r"[：:]", m.group(1))[-1].strip()),
                      [e.strip() for e in re.split(r"[、，,]", m.group(2)) if e.strip()]) for m in found]
            if any(not name or len(items) < MIN_GROUP_ITEMS for name, items in parts):
                continue
            phrases = [all(len(e) <= WORD for e in items) for _, items in parts]
            out: list[Element] = []
            for (name, items), words in zip(parts, phrases):
                if words and not all(phrases):
                    out.append((name, None, prov, None))
                else:
                    head = Category(name=name, points=None, prov=prov)
                    out += [(e, None, prov, head) for e in items]
            return out
    return []


def kin(name: str, others: list[str]) -> bool:
    """Tell whether a heading ends in the same word as one of the others ('专项考核指标' beside '管理类指标'):
    a part of the same scheme, not a 附则 or 说明 beside the parts."""
    tail = key(PINYIN.sub("", name)).rstrip("。.：:")[-2:]
    return len(tail) == 2 and any(key(PINYIN.sub("", o)).rstrip("。.：:").endswith(tail) for o in others)
