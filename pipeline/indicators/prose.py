"""Indicator tables written as prose: a numbered outline whose items carry '（N分）', '权重20%' or
scoring sentences (扣/加/得…分) is read as categories (items with scored items below them) and
indicators (scored items without), with names cut before the item's own points or first rule."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from schemas.common import ProvenanceItem
from schemas.indicators import Category, SectionRole
from schemas.raw import TextBlock

from . import inline, scoring
from .evidence import names_structure
from .leaves import Leaf
from .outline import PINYIN, Item, parse_outline, walk
from .sections import title_role
from .text import key

# '(机关党委牵头,人事科配合考核)' right after an item's points names who assesses it.
_OWNER = re.compile(r"^\s*[（(]([^（）()]{2,40}?(?:牵头|負責|负责|配合|考核|考评|考評)[^（）()]{0,20})[）)]")
_UNIT_END = re.compile(r"(?:科|室|局|办|辦|委|部|中心|所|处|處|队|隊|组|組|院|会|會|站|庭|团|團)")
_CUT_ALLOC = re.compile(r"[，,]\s*(\d+(?:\.\d+)?)\s*(?:…+|\.{3,}|。{3,})\s*$")
MAX_NAME = 120


@dataclass
class _Reading:
    """What an item says about itself: points, weight, rule, name."""

    alloc: scoring.Allocation | None
    weight: float | None
    scored: bool
    name: str
    department: str | None
    kind: str = "none"  # category | indicator | none
    cut: bool = False  # the last item of a text that stops short
    elements: list[inline.Element] = field(default_factory=list)


def _read(item: Item) -> _Reading:
    """Given an item, read its allocation, weight, scoring rule, name and owner."""
    text = item.text
    alloc = scoring.allocation(text)
    own = scoring.weight(text)
    # A weight in the paragraphs under an item is the item's when it is the only one stated there; several
    # ('局领导占60%，各部门占40%') share the item's score among raters.
    below = [w for t, _ in item.body for w in scoring.weights(t)]
    weight_value = own[0] if own else (below[0] if len(below) == 1 else None)
    weight_at = own[1] if own else None
    body = " ".join(t for t, _ in item.body)
    scored = alloc is not None or weight_value is not None or scoring.is_scoring(text) or scoring.is_scoring(body)
    name = _title(scoring.head_name(text, alloc, weight_at))
    department = None
    if alloc is not None:
        m = _OWNER.match(text[alloc.end:])
        if m and _UNIT_END.search(m.group(1)):
            department = m.group(1).strip()
    if alloc is None and scoring.is_scoring(text):
        award = scoring.single_award(text)
        if award is not None:
            alloc = scoring.Allocation(award, len(text), len(text))
    labelled = [m for t, _ in item.body if (m := _LABELLED_POINTS.match(PINYIN.sub("", t)))]
    if alloc is None and len(labelled) == 1 and not item.children:
        # '开展矛盾纠纷排查' over '考核分值：15分。': the points a labelled line under the item gives it.
        alloc, scored = scoring.Allocation(float(labelled[0].group(1)), len(text), len(text)), True
    cut = False
    if alloc is None and (m := _CUT_ALLOC.search(text)):
        # '…稿件1条以上的,2……': the item's closing ',N分' with its unit lost where an excerpt stops.
        alloc, scored, cut = scoring.Allocation(float(m.group(1)), m.start(), m.end()), True, True
        name = _title(scoring.head_name(text, alloc, None))
    return _Reading(alloc, weight_value, scored, name, department, cut=cut)


_LABELLED_POINTS = re.compile(r"^\s*(?:考核|考评|考評|评分|評分)?(?:分值|标准分|標準分|满分|滿分|基础分|基礎分|基本分|分数|分數)"
                             r"\s*[:：]\s*(\d+(?:\.\d+)?)\s*分\s*[。；;]?\s*$")
# '安全稳定。全年无重大安全事故', '上下班纪律：无迟到早退现象': a short title, then what it asks for.
_TITLE_FIRST = re.compile(r"^([^。：:；;，,、（(）)]{2,12})[。：:]\s*(?=\S{4})")
# '工作纪律 基础分40分': the label of the points the name was cut before.
_POINTS_LABEL = re.compile(r"\s*(?:基础分|基礎分|基本分|标准分|標準分|分值|满分|滿分)\s*[:：]?$")


def _title(name: str) -> str:
    """Given an item's name as cut before its points or rules, return its title without the description
    or the points label that trail it."""
    name = _POINTS_LABEL.sub("", name).rstrip(" \t\u3000,，、；;：:")
    m = _TITLE_FIRST.match(name)
    return m.group(1) if m else name


def _classify(item: Item, readings: dict[int, _Reading]) -> None:
    """Given an item, decide bottom-up whether it is a category, an indicator or neither."""
    for child in item.children:
        _classify(child, readings)
    r = readings[id(item)]
    kids = [readings[id(c)] for c in item.children]
    if any(k.kind in ("category", "indicator") for k in kids):
        r.kind = "category"
        # An unscored leaf among scored siblings is an item whose rule was not written (or was cut off).
        scored = [k for k in kids if k.kind in ("indicator", "category")]
        if len(scored) < 2 or len(scored) < 2 * (len(kids) - len(scored)):
            return
        for child, k in zip(item.children, kids):
            if k.kind != "none" or not _named_stub(child, k):
                continue
            # '（二）专项考核指标' over '1.专项活动指标。' beside scored parts: a part whose items carry no rule yet.
            grand = [readings[id(g)] for g in child.children]
            if not child.children:
                k.kind = "indicator"
            elif inline.kin(k.name, [s.name for s in scored]) \
                    and all(g.kind == "none" and not c.children and _named_stub(c, g) for c, g in zip(child.children, grand)):
                k.kind = "category"
                for g in grand:
                    g.kind = "indicator"
        return
    r.elements = inline.elements(item)
    if r.elements:
        r.kind = "category"
        r.alloc = inline.list_points(item, r.elements, r.alloc)
        # The heading is what comes before the list: its first clause ('县(市)考评指标体系。考评总分为…').
        r.name = re.split(r"[。；;：:，,]", PINYIN.sub("", item.text).strip(), maxsplit=1)[0].strip() or r.name
    elif r.scored and r.name and not _distribution(item) and not (r.alloc is None and names_structure(r.name)) \
            and not _procedure_heading(r.name, item.text, r.alloc):
        r.kind = "indicator"  # an unscored '三、计分办法' with a formula under it is the scheme's own part


STUB_NAME = 40  # a name, not a sentence: an unscored item this short may be an item whose rule was not written
STUB_BODY = 60


# The parts of a scheme's own procedure beside its scored parts: '四、附则', '五、结果运用', '三、考核方式'.
_PROCEDURE = re.compile(r"^(?:附则|附則|说明|說明|备注|備註|其他|其它|附件|结果运用|結果運用|奖惩|獎懲|工作要求|有关要求|有關要求"
                        r"|(?:考核|考评|考評|评分|評分)(?:方式|方法|办法|辦法|程序|步骤|步驟|时间|時間|对象|對象|等次|等级|等級"
                        r"|结果|結果|组织|組織))")


def _named_stub(item: Item, r: _Reading) -> bool:
    """Tell whether an unscored item reads as a bare name (short, little or no text under it), not a part
    of the scheme's procedure."""
    return len(" ".join(t for t, _ in item.body)) < STUB_BODY and 0 < len(key(r.name)) <= STUB_NAME \
        and not _PROCEDURE.match(key(PINYIN.sub("", r.name)))


_WHOLE = re.compile(r"(?:满分|滿分|总分|總分|总计|總計|共计|共計)(?:为|為)?\s*$")


def _procedure_heading(name: str, text: str = "", alloc: scoring.Allocation | None = None) -> bool:
    """Tell whether a name is a procedure heading and the text after it ('结果运用 考核成果纳入…'), or one whose
    points are stated as a whole ('考评方式：…满分100分'): its points are the scheme's, not the heading's."""
    name = PINYIN.sub("", name).strip()
    m = _PROCEDURE.match(name)
    if m and alloc is not None and m.end() == len(name) and _WHOLE.search(text[:alloc.start]):
        return True
    return bool(m) and m.end() < len(name) and name[m.end()] in " \u3000：:，,。"


def _distribution(item: Item) -> bool:
    """Tell whether an item states how points or weights are shared ('其中A权重90%，B权重10%'), not an item.

    An item that allocates its points first and then names amounts that do not add up to them ('发表文章10分、
    省级每份1分、市级0.5分') states its own points and the rates of its rule."""
    text = PINYIN.sub("", item.text)
    if scoring.allocation_count(text) < 2:
        return False
    points = scoring.point_allocations(text)
    if scoring.weights(text) or len(points) < 2:
        return True
    return abs(sum(points[1:]) - points[0]) < 1e-6


def read_prose(blocks: list[TextBlock], cut: bool = False) -> list[Leaf]:
    """Given a document's prose blocks, return the indicators its numbered outline states; ``cut`` says the
    text stops short, so its last item is kept even without points (marked as possibly cut)."""
    top = parse_outline(blocks)
    _join_wrapped(top)
    for item in list(walk(top)):
        _lift_titled_body(item)
    readings = {id(item): _read(item) for item in walk(top)}
    root = Item(None, "", ProvenanceItem(file=""), children=top)
    readings[id(root)] = _Reading(None, None, False, "", None)
    _classify(root, readings)
    last = next(reversed(list(walk(top))), None)
    if cut and last is not None and readings[id(last)].kind == "none" and readings[id(last)].name:
        _keep_cut(last, readings)
    # A lone unscored heading over the whole outline ('一、考核内容及标准') is a wrapper, not a category.
    level = [c for c in top if readings[id(c)].kind != "none"]
    wrappers: set[int] = set()
    while len(level) == 1 and readings[id(level[0])].kind == "category" and readings[id(level[0])].alloc is None \
            and readings[id(level[0])].weight is None and not readings[id(level[0])].elements:
        wrappers.add(id(level[0]))
        level = [c for c in level[0].children if readings[id(c)].kind != "none"]
    rows: list[Leaf] = []
    _collect(root, [], readings, wrappers, rows)
    return _dedupe(rows)


def _keep_cut(last: Item, readings: dict) -> None:
    """Given the unscored last item of a text cut short, keep it (marked as cut) when it stands under a
    category, through headings opened just before the cut ('3、食品安全事故' over '(1)、…中毒事')."""
    opened = []
    parent = last.parent
    while parent is not None and id(parent) in readings and readings[id(parent)].kind == "none" \
            and parent.children[-1] is (opened[-1] if opened else last) and readings[id(parent)].name:
        opened.append(parent)
        parent = parent.parent
    if parent is None or id(parent) not in readings or readings[id(parent)].kind != "category":
        return
    for heading in opened:
        readings[id(heading)].kind = "category"
    readings[id(last)].kind = "indicator"
    readings[id(last)].cut = True


_OPEN_END = re.compile(r"[\u4e00-\u9fff、]$")
_CLOSING_ALLOC = re.compile(r"[，,]\s*\d+(?:\.\d+)?\s*分$")
MIN_PEERS = 3
PEER_SHARE = 0.6


def _join_wrapped(top: list[Item]) -> None:
    """Given the outline, put back the rest of an item's sentence that a wrapped line left in its body:
    '1、村社区向镇党委、政府' over '汇报禁毒工作,提请研究解决…,1分;…' when the items of its style close their
    own text with ',N分' and this one's text stops mid-sentence while its next line closes that way."""
    items = list(walk(top))
    closing: dict[str, list[bool]] = {}
    for item in items:
        if item.marker is not None:
            closing.setdefault(item.marker.style, []).append(bool(_CLOSING_ALLOC.search(_first_clause(item.text))))
    for item in items:
        peers = closing.get(item.marker.style if item.marker else "", [])
        if sum(peers) < MIN_PEERS or sum(peers) < PEER_SHARE * len(peers) or not item.body:
            continue
        text = PINYIN.sub("", item.text).strip()
        if scoring.allocation(text) is None and _OPEN_END.search(text) \
                and _CLOSING_ALLOC.search(_first_clause(PINYIN.sub("", item.body[0][0]))):
            item.text += item.body[0][0].strip()
            item.body = item.body[1:]


def _first_clause(text: str) -> str:
    return re.split(r"[。；;]", text.strip(), maxsplit=1)[0].strip()


def _lift_titled_body(item: Item) -> None:
    """Given an outline item without items under it, make the unnumbered text after its heading an item of
    its own when that text opens with a title holding all of the item's points: '(二)机构建设(5分)' over
    '全面推行群众工作统揽信访工作(5分)。乡镇建立…' is a category with one unnumbered item; so is a heading
    that names a kind of items (加分项目, 扣分项目) over a scoring sentence."""
    if item.children:
        return
    own = scoring.allocation(PINYIN.sub("", item.text))
    if own is None:
        if item.body and title_role(PINYIN.sub("", item.text)) not in (None, SectionRole.FORM) \
                and scoring.is_scoring(item.body[0][0]):
            # '第四条 扣分项目' over '发生…的，扣5分': a heading naming a kind of items heads the rule below it.
            (text, prov), body = item.body[0], item.body[1:]
            item.children, item.body = [Item(None, text, prov, depth=item.depth + 1, body=body, parent=item)], []
        return
    rest = item.text[own.end:].strip()
    if rest:
        text, prov, body = rest, item.prov, item.body
    elif item.body:
        (text, prov), body = item.body[0], item.body[1:]
    else:
        return
    head = scoring.title_points(text)  # a bracketed allocation closing a title; '…零产量计15分' is a rule's award
    if head is None or head.points != own.points or re.search(r"[，,]", text[:head.start]) \
            or key(text[:head.start]) == key(item.text[:own.start]):
        return  # another amount, a clause, or the heading printed twice
    item.children = [Item(None, text, prov, depth=item.depth + 1, body=body, parent=item)]
    item.text, item.body = item.text[:own.end], []


def _category(item: Item, r: _Reading) -> Category:
    return Category(name=r.name or key(item.text)[:MAX_NAME], points=r.alloc.points if r.alloc else None,
                    weight=r.weight, prov=item.prov)


def _collect(item: Item, path: list[Category], readings: dict, wrappers: set[int], rows: list[Leaf],
             owner: str | None = None) -> None:
    """Given an item, its category path and the unit a category above names as responsible, append the
    indicators below it in document order."""
    for child in item.children:
        r = readings[id(child)]
        if r.kind == "category":
            inner = path if id(child) in wrappers else path + [_category(child, r)]
            for name, points, prov, head in r.elements:
                rows.append(Leaf(name, None, points, None, None, None, None, inner + ([head] if head else []), prov))
            # '2.党风廉政建设10分(机关党委负责考核)': its items are assessed by that unit unless they say otherwise.
            _collect(child, inner, readings, wrappers, rows, r.department or owner)
        elif r.kind == "indicator":
            rows.append(_row(child, r, path, owner))


def _row(item: Item, r: _Reading, path: list[Category], owner: str | None = None) -> Leaf:
    """Given an indicator item, return its row: name, points, weight, criteria (its text after the name)."""
    criteria_parts = [item.text] + [t for t, _ in item.body] + [c.text for c in walk(item.children)]
    criteria = "\n".join(p for p in criteria_parts if p.strip()) or None
    weight = r.weight
    if weight is None:
        weight = next((c.weight for c in reversed(path) if c.weight is not None), None)
    points = r.alloc.points if r.alloc else None
    if points is None and any(title_role(PINYIN.sub("", c.name)) is SectionRole.BONUS for c in path):
        points = scoring.single_award(item.text, verb="加")  # a bonus item gives its fixed bonus: '…的，加5分'
    if points is None and path and path[-1].points is not None and item.parent is not None \
            and len(item.parent.children) == 1 and not r.cut and (item.marker is None or item.marker.ordinal == 1):
        # '3.…情况（-0.5分）' over its one item '1）…情况（扣分项）': the part is its item ('（二）' alone is an excerpt)
        points = path[-1].points
    return Leaf(r.name[:MAX_NAME], item.number, points, r.alloc.bonus if r.alloc else None, weight,
                r.department or owner, criteria, path, item.prov, possibly_cut=r.cut)


def _dedupe(rows: list[Leaf]) -> list[Leaf]:
    """Given rows in order, drop an outline read twice (a 提纲 then the body): a row whose name repeats an
    earlier one's, keeping the one that says more (categories, points)."""
    out: list[Leaf] = []
    seen_categories: set[str] = set()
    for row in rows:
        k = key(PINYIN.sub("", row.name))
        if k in seen_categories and not row.categories:
            continue  # '一、认真抓好…(30分)' again, the body repeating a heading of the outline above
        seen_categories |= {key(PINYIN.sub("", c.name)) for c in row.categories}
        # The same item again: same name under the same categories (or none), or same number and name under a
        # heading a summary ran together with the text before it ('…体系环境质量指标' for '环境质量指标').
        twin = next((n for n, o in enumerate(out) if _same_name(key(PINYIN.sub("", o.name)), k)
                     and (not o.categories or not row.categories or _paths(o) == _paths(row)
                          or (row.number is not None and o.number == row.number and _glued(o, row)))), None)
        if twin is None:
            out.append(row)
            continue
        old = out[twin]
        if (len(row.categories), row.points is not None) >= (len(old.categories), old.points is not None):
            out[twin] = row
    return _drop_repeated_run(out)


MIN_REPEATED_RUN = 5  # an outline given twice (a summary, then the body) repeats at least this many items in order


def _drop_repeated_run(rows: list[Leaf]) -> list[Leaf]:
    """Given rows, drop an earlier run of items that a later run repeats item for item (number and name):
    the summary before the body, whose headings ran into its text."""
    sig = [(r.number, key(PINYIN.sub("", r.name))) for r in rows]
    where: dict[tuple, list[int]] = {}
    for n, s in enumerate(sig):
        where.setdefault(s, []).append(n)
    for start, s in enumerate(sig):
        if s[0] is None:
            continue
        for later in where[s]:
            if later <= start:
                continue
            length = 0
            while start + length < later and later + length < len(sig) and sig[start + length] == sig[later + length]:
                length += 1
            if length >= MIN_REPEATED_RUN:
                return rows[:start] + rows[start + length:]
    return rows


def _glued(a: Leaf, b: Leaf) -> bool:
    """Tell whether two rows' innermost headings are one heading, once with text run into its start."""
    x, y = _paths(a)[-1], _paths(b)[-1]
    return a.categories[-1].points == b.categories[-1].points and (x.endswith(y) or y.endswith(x))


def _paths(row: Leaf) -> list[str]:
    return [key(PINYIN.sub("", c.name)) for c in row.categories]


def _same_name(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return short == long_ or (len(short) >= 6 and long_.startswith(short))


_NUMERIC_RULE = re.compile(r"(?:扣|减|減|加|得|记|記|计|計)(?:除|去)?\s*\d+(?:\.\d+)?\s*(?:[-—－~～至、]\s*\d+(?:\.\d+)?\s*)*分")
MIN_SHARE = 0.5


def prose_verdict(rows: list[Leaf]) -> str | None:
    """Given the rows an outline gave, return None when they read as an indicator table, else why not.

    A scheme in prose gives most items points or a weight, or a rule with an amount (扣2分); a regulation's
    articles mention 记分 or 处罚 without either, and cutting them at those words leaves stubs for names.
    """
    if not rows:
        return "正文没有带分值或计分规则的编号条目"
    # An item without points of its own under a part that states them ('…等十小项，满分100分') is scored.
    stated = sum(1 for r in rows if r.points is not None or r.weight is not None
                 or any(c.points is not None for c in r.categories))
    ruled = sum(1 for r in rows if r.criteria and _NUMERIC_RULE.search(r.criteria))
    # The last item of a text cut short may be a stub of its name ('(2)廉政'): that is the cut, not a regulation.
    stubs = sum(1 for r in rows if r.points is None and len(key(PINYIN.sub("", r.name))) < 3 and not r.possibly_cut)
    if len(rows) == 1 and not stated:
        return "正文只有 1 个带计分规则的编号条目，没有分值，像是通知中的一句要求"
    if max(stated, ruled) < MIN_SHARE * len(rows):
        return f"正文的 {len(rows)} 个编号条目多数既无分值也无计分规则，像是制度条文"
    if stubs > len(rows) / 4:
        return f"正文的 {len(rows)} 个编号条目中 {stubs} 个读不出名称"
    return None
