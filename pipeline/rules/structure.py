"""Atoms that span several amounts: rank and grade tables, tier lists, count tiers; caps onto their atoms."""
from __future__ import annotations

import re

from schemas.rules import Direction, GradeTier, RankTier, RuleAtom, RuleKind, Threshold

from . import lexicon as lx
from .numbers import NUM, cn_number

_RANKS = [
    (re.compile(rf"倒数第(?P<a>{NUM})(?:名|位)?(?:、第?{NUM}(?:名|位)?)*、第?(?P<b>{NUM})(?:名|位)?"), True, False),
    (re.compile(rf"倒数第(?P<a>{NUM})(?:名|位)?"), True, False),
    # 排名1-10名的加2分，11-20名的加1分: a later band may be the piece by itself
    (re.compile(r"^(?P<a>\d+)(?:名|位)?(?:-|至|到)(?P<b>\d+)(?:名|位)(?:的|者)?(?:单位)?(?:的)?$"), False, False),
    (re.compile(r"(?:排名|名次|排在|位于|位列)[^，；。]{0,6}?(?P<a>\d+)(?:-|至|到)(?P<b>\d+)(?:名|位)?"), False, False),
    (re.compile(rf"第(?P<a>{NUM})(?:名|位)?(?:-|至|到)第?(?P<b>{NUM})(?:名|位)"), False, False),
    (re.compile(rf"第(?P<a>{NUM})(?:-|至|到)第(?P<b>{NUM})(?=的|者|$)"), False, False),  # 第四至第六的: 名 omitted
    (re.compile(rf"第(?P<a>{NUM})(?:、第?{NUM})*、第?(?P<b>{NUM})(?:名|位)"), False, False),  # 第二、三名
    (re.compile(rf"第(?P<a>{NUM})(?:名|位)|(?:排名|名次|排在|位于|位列)[^，；。]{{0,6}}?第(?P<b>{NUM})(?![\d.名位])"),
     False, False),
    (re.compile(rf"(?:后|倒数)(?P<a>{NUM})(?:名|位)"), True, True),  # 后五名 / 倒数三名: the bottom band
    (re.compile(rf"前(?P<a>{NUM})(?:名|位|(?=的|者))|(?:排名|名次|排在|位于|位列)[^，；。]{{0,6}}?前(?P<b>{NUM})"), False, True),
]
# 优秀的 / “好”的 / 良好的单位: a level named at the end of a trigger, maybe with whom it grades.
# 为A的 / A+的 / B-的: a letter grade after 为, or opening the piece, maybe with + or -.
_GRADE_AT_END = re.compile(rf"[“‘\"']?(?P<grade>{lx.GRADE}|(?:(?<=为)|^)[A-Ea-e][+-]?(?![A-Za-z]))[”’\"']?(?:的|者)?"
                           rf"(?:单位|集体|个人|学校|企业|乡镇|部门|县|区|市|村|社区|街道|镇|乡|标准)?(?:的|者)?$")
_LAST = re.compile(r"末位|末名|最后一名")  # the same as 倒数第一名
_OWN_SUBJECT = re.compile(r"(?:扣分|加分)(?:项目?|部分)$")
_CAP_PARTS = [re.compile(p) for p in lx.CAP_PATTERNS]
_BEYOND = re.compile(r"超")  # 超额完成的按超额比例加分 adds beyond the task: it has no whole to take
_PER_KINDS = (RuleKind.DEDUCT_PER, RuleKind.ADD_PER, RuleKind.DEDUCT_FIXED, RuleKind.ADD_FIXED)


def read_rank(segment: str) -> tuple[str, int, int, bool] | None:
    """Given the last piece of a trigger, return (prefix, rank_from, rank_to, from_bottom) if it names ranks."""
    segment = _LAST.sub("倒数第一名", segment)
    for pattern, bottom, band in _RANKS:
        m = pattern.search(segment)
        if not m:
            continue
        try:
            a = int(cn_number(m["a"] or m.groupdict().get("b")))
            b = int(cn_number(m["b"])) if not band and m.groupdict().get("b") else a
        except ValueError:
            continue
        return segment[: m.start()].strip("，、的"), 1 if band else a, b, bottom
    return None


def grade_of(segment: str) -> str | None:
    """Given the last piece of a trigger, return the grade it names at its end (优秀的 → 优秀)."""
    m = _GRADE_AT_END.search(segment.strip("，、：:"))
    return re.sub(r"(?:等次|等级|档次)$", "", m["grade"]) if m else None


def _runs(ctxs: list, test) -> list[tuple[int, int]]:
    """Given contexts and a pair test, return [start, end) index runs where consecutive pairs pass."""
    runs, i = [], 0
    while i < len(ctxs):
        j = i + 1
        while j < len(ctxs) and test(ctxs[j - 1], ctxs[j]):
            j += 1
        runs.append((i, j))
        i = j
    return runs


def _is_amount(ctx) -> bool:
    """Given a context, tell whether it is an amount event (not a cap, veto or other cue)."""
    return ctx.cap is None and ctx.atom.kind in _PER_KINDS + (RuleKind.TIERED, RuleKind.DISCRETIONARY)


# 通过标准化一级达标评审的加5分，二级加3分: the first level of a list may stand inside its trigger.
_LEVEL_IN = re.compile(r"(?:[1-5]A|A{1,5}|[A-E]|[一二三四五六七八九特甲乙丙丁])(?P<suffix>[档级等类星])")


def _level_named(ctx, like: str) -> str | None:
    """Given an ungraded amount and the level the next amount names, return the level of that kind its trigger's last
    piece names (…一级达标评审的 → 一级 before 二级; 创成5A级景区的 → 5A级 before 4A级), if any."""
    segment = re.split("[，；]", ctx.cond.rstrip("，"))[-1]
    found = [m.group() for m in _LEVEL_IN.finditer(segment) if like.endswith(m["suffix"])]
    return found[-1] if found else None


def _grades(ctxs: list) -> list:
    """Given contexts, fold runs of graded amounts (优秀的得满分，一般的得8分) into grade atoms."""
    for a, b in zip(ctxs, ctxs[1:]):
        if a.grade is None and b.grade and _is_amount(a) and _is_amount(b) and a.atom.direction == b.atom.direction:
            a.grade = _level_named(a, b.grade)

    def graded(c):
        return c.grade and (_is_amount(c) or c.extras.get("full") or c.atom.kind is RuleKind.ZERO_ITEM
                            or c.extras.get("nil"))

    out = []
    def joins(a, b):  # 不合格的不得分 closes a grade table whatever its direction
        return graded(a) and graded(b) and (b.atom.direction in (None, a.atom.direction)
                                            or b.atom.kind is RuleKind.ZERO_ITEM)

    for i, j in _runs(ctxs, joins):
        run = ctxs[i:j]
        # 全国先进的加5分，省级先进加3分: one level named by several bodies is no table of levels (D24)
        if graded(run[0]) and (len(run) > 1 and len({c.grade for c in run}) == len(run) or run[0].extras.get("full")):
            if out and out[-1].extras.get("cue"):
                out.pop()
            head = run[0]
            head.atom = head.atom.model_copy(update={
                "kind": RuleKind.GRADE, "points": None, "per": None, "range": None, "thresholds": [],
                "hit_policy": None, "grades": [GradeTier(grade=c.grade, points=_grade_points(c),
                                                         full=bool(c.extras.get("full"))) for c in run]})
            out.append(head)
        else:
            out.extend(run)
    return out


def _nothing(ctx) -> bool:
    """Given a context, tell whether it awards nothing (不得分, 得0分, 不加分); 不扣分 spares, it awards nothing."""
    return ctx.atom.kind is RuleKind.ZERO_ITEM or bool(ctx.extras.get("nil") and ctx.atom.subtype is None)


def _grade_points(ctx) -> float | None:
    """Given a graded context, return its points (不得分 / 不加分 → 0)."""
    return 0.0 if ctx.atom.kind is RuleKind.ZERO_ITEM or ctx.extras.get("nil") else ctx.atom.points


def _ranks(ctxs: list) -> list:
    """Given contexts, fold runs of ranked amounts (第一名加10分，第二名加8分) into rank atoms."""
    def same(a, b):
        return (a.rank and b.rank and _is_amount(a) and _is_amount(b) and a.atom.direction == b.atom.direction
                and not b.rank[0])

    out = []
    for i, j in _runs(ctxs, same):
        run = ctxs[i:j]
        if not (run[0].rank and _is_amount(run[0])):
            out.extend(run)
            continue
        head = run[0]
        head.atom = head.atom.model_copy(update={
            "kind": RuleKind.RANK, "points": None, "per": None, "thresholds": [], "hit_policy": None,
            "range": head.atom.range if len(run) == 1 else None,
            "ranks": [RankTier(rank_from=c.rank[1], rank_to=c.rank[2], points=c.atom.points,
                               from_bottom=c.rank[3]) for c in run]})
        out.append(head)
    return out


def _same_metric(first: str | None, later: str | None) -> bool:
    """Given the metrics of two tiers, tell whether the later one names the same (or none, or it short: 门诊患者满意度
    and then 85%≤满意度＜90%)."""
    return later is None or first is not None and (first.endswith(later) or later.endswith(first))


def _tiers(ctxs: list) -> list:
    """Given contexts, join consecutive tiers on one metric, and count tiers (一条加2分，两条加4分)."""
    out = []
    for ctx in ctxs:
        prev = out[-1] if out else None
        if (prev and prev.atom.kind is RuleKind.TIERED and ctx.atom.kind is RuleKind.TIERED
                and prev.atom.direction == ctx.atom.direction and _same_metric(prev.atom.metric, ctx.atom.metric)):
            prev.atom.thresholds.extend(ctx.atom.thresholds)
            prev.end = ctx.end
            continue
        if (prev and prev.atom.kind is RuleKind.TIERED and prev.atom.direction is Direction.ADD
                and ctx.atom.thresholds and _nothing(ctx)):  # …80分以下的不得分 closes a table of awards: a tier of 0
            prev.atom.thresholds.extend(t.model_copy(update={"points": 0.0}) for t in ctx.atom.thresholds)
            prev.end = ctx.end
            continue
        out.append(ctx)

    def counted(a, b):
        return (_is_amount(a) and _is_amount(b) and a.count and b.count and a.count[1] == b.count[1]
                and b.count[0] > a.count[0] and a.atom.direction == b.atom.direction
                and a.atom.range is None and b.atom.range is None)

    merged = []
    for i, j in _runs(out, counted):
        run = out[i:j]
        if len(run) < 2:
            merged.extend(run)
            continue
        head = run[0]
        head.atom = head.atom.model_copy(update={
            "kind": RuleKind.TIERED, "points": None, "per": None, "hit_policy": "max",
            "thresholds": [Threshold(op=">=", value=c.count[0], points=c.extras["amount"]) for c in run]})
        merged.append(head)
    return merged


def merge_atoms(ctxs: list) -> list:
    """Given event contexts in text order, fold multi-amount tables into single atoms."""
    return _tiers(_ranks(_grades(ctxs)))


def cap_of(t: str, m: re.Match) -> dict:
    """Given the clause and a cap match in it, return {value, verb, full}."""
    for pattern in _CAP_PARTS:
        part = pattern.match(t, m.start())
        if part and part.end() == m.end():
            groups = part.groupdict()
            value = "item" if groups.get("item") else None if groups.get("mask") else cn_number(groups["num"])
            verb = groups.get("verb") or groups.get("verb2")
            if value == "item" and not verb and part.group().startswith(("扣", "以扣", "最多扣", "最高扣", "直至扣")):
                verb = "扣"  # 扣完为止 bounds deductions
            return {"value": value, "verb": verb, "full": bool(groups.get("full"))}
    return {"value": "item", "verb": None, "full": False}


def _fits(cap: dict, atom: RuleAtom) -> bool:
    """Given a cap and an atom, tell whether the cap can bound it (direction and kind agree)."""
    if atom.kind in (RuleKind.VETO, RuleKind.ZERO_ITEM, RuleKind.UNPARSED, RuleKind.CAP_ONLY, RuleKind.OTHER,
                     RuleKind.WEIGHT):
        return False
    verb = cap["verb"]
    if not verb or atom.direction is None:
        return True
    return (atom.direction is Direction.DEDUCT) == lx.deducts(verb)


def _set_cap(cap: dict, atom: RuleAtom) -> None:
    """Given a cap and its atom, record it: a number beats 扣完为止; 满分 of a proportional rule is its points."""
    if cap["full"] and atom.kind is RuleKind.PROPORTIONAL:
        # 满分为10分 is a proportional rule's points; after 折算成百分制 it is the scale converted from
        atom.points = cap["value"] if atom.points is None else atom.points
        return
    if atom.direction is None and cap["verb"]:  # 依据…结果折算，最多扣6分: the cap says which way
        atom.direction = Direction.DEDUCT if lx.deducts(cap["verb"]) else Direction.ADD
    if cap["value"] == "item":
        atom.cap = atom.cap if atom.cap is not None else "item"
    else:
        atom.cap = cap["value"]


def attach_caps(ctxs: list, text: str) -> list[RuleAtom]:
    """Given contexts in text order, put each cap on the atoms since the previous cap, else on the next one."""
    atoms = [c.atom for c in ctxs if c.cap is None]
    out: list[RuleAtom] = []
    since: list[RuleAtom] = []
    targets: list[RuleAtom] = []  # what the previous cap bound: caps in a row share it
    for ctx in ctxs:
        if ctx.cap is None:
            out.append(ctx.atom)
            since.append(ctx.atom)
            continue
        cap = ctx.cap
        own = _OWN_SUBJECT.search(text, 0, ctx.start)  # 满分100分，扣分项扣完为止: a cap of its own
        if since or own or (cap["value"] != "item" and all(a.kind is RuleKind.CAP_ONLY for a in targets)):
            targets = [a for a in since if _fits(cap, a)]
        if not targets and not any(a.kind is RuleKind.CAP_ONLY for a in out):
            targets = [a for a in out if _fits(cap, a) and a.cap is None]
        if not targets:
            placed = {id(a) for a in out}  # identity: two atoms may be equal yet distinct
            targets = [a for a in atoms if id(a) not in placed and _fits(cap, a)][:1]
        if not targets:
            targets = [_cap_only(cap, text, ctx.start)]
            out.append(targets[0])
        for atom in targets:
            _set_cap(cap, atom)
        since = []
    return out


def _cap_only(cap: dict, text: str, start: int) -> RuleAtom:
    """Given a cap with no atom to bound, return a cap_only atom (每月最多扣40分 also sets the period)."""
    direction = None
    if cap["verb"]:
        direction = Direction.DEDUCT if lx.deducts(cap["verb"]) else Direction.ADD
    lead = text[max(0, start - 4):start + 4]
    period = next((p for w, p in (("每月", "month"), ("每季", "quarter"), ("每年", "year")) if w in lead), None)
    return RuleAtom(kind=RuleKind.CAP_ONLY, direction=direction, cap=cap["value"], period=period, text=text)


_MENTION = re.compile(rf"(?P<where>前|后|倒数第|第)(?P<a>{NUM})(?:名|位)(?:、第(?P<b>{NUM})(?:名|位))?")
# What ranks without points lead to: a reward, a talk, a grade.
_CONSEQUENCE = re.compile(r"奖|元|约谈|检讨|批评|通报|表彰|评为|评选|使用|诫勉|为[^，；。]{0,8}(?:先进|优秀|示范|标兵|红旗)")


def rank_mentions(text: str) -> list[RankTier]:
    """Given a clause with no amounts, return the rank bands it rewards or sanctions (前3名…奖励, 末位…约谈)."""
    if not _CONSEQUENCE.search(text):
        return []
    text = _LAST.sub("倒数第一名", text)
    tiers = []
    for m in _MENTION.finditer(text):
        try:
            a, b = int(cn_number(m["a"])), int(cn_number(m["b"] or m["a"]))
        except ValueError:
            continue
        band = m["where"] in ("前", "后")
        tiers.append(RankTier(rank_from=1 if band else a, rank_to=a if band else b,
                              from_bottom=m["where"] in ("后", "倒数第")))
    return tiers


def listed_grades(listing: str | None, shown: str | None = None) -> list[GradeTier]:
    """Given an enumeration of grades (优秀、优良、合格、不合格, 好(5分)、较好(4分)…) and its text as written, return
    them as tiers."""
    if not listing:
        return []
    shown = shown or listing
    if "“" in listing or '"' in listing:  # “好”“较好”“一般”“差”: quoted names, with or without 、
        return [GradeTier(grade=shown[m.start(1):m.end(1)]) for m in re.finditer(r"[“\"]([^”\"]+)[”\"]", listing)]
    pos = max((m.end() for m in re.finditer(r"分为|分成|划分为|包括|按|达到|[：:]", listing)), default=0)
    tiers = []
    for part in listing[pos:].split("、"):
        if part:  # 优秀(90分以上): the band in brackets is no part of the name; 好(5分) gives the level its amount
            amount = re.search(rf"\((?P<num>{NUM})分\)$", part)
            tiers.append(GradeTier(grade=re.sub(r"\([^()]*\)$", "", shown[pos:pos + len(part)]),
                                   points=cn_number(amount["num"]) if amount else None))
        pos += len(part) + 1
    return tiers


# 优秀的，绩效系数为1.2，称职的为1.0: levels given a pay factor (a number that is no 分 and no share).
_FACTOR = re.compile(rf"(?P<grade>{lx.GRADE})(?:的|者)?(?:单位|个人)?，?(?:(?:绩效|考核|奖励|奖金|分配|兑现)?系数)?"
                     rf"(?:分别)?(?:为|是|按)?(?P<n>{NUM})(?![\d.])(?!分|%)")


def factor_grades(t: str, shown: str) -> RuleAtom | None:
    """Given a clause with no amounts, return the levels it gives pay factors as a grade whose points are not stated
    (a factor is no 分), if it names two or more."""
    if "系数" not in t:
        return None
    found = list(_FACTOR.finditer(t))
    if len(found) < 2:
        return None
    return RuleAtom(kind=RuleKind.GRADE, text=t,
                    grades=[GradeTier(grade=shown[m.start("grade"):m.end("grade")]) for m in found])


def settle_proportions(atoms: list[RuleAtom]) -> None:
    """Given a clause's atoms, give proportions their direction (add unless a verb or cap deducts) and, after an award
    for the whole task, that award as their points (完成的得3分，未完成的按完成比例得分 / 按未完成比例扣分 → 3)."""
    for prev, atom in zip([None, *atoms], atoms):
        if atom.kind is not RuleKind.PROPORTIONAL:
            continue
        if atom.direction is None:
            atom.direction = Direction.ADD  # 依据…结果折算 adds what the conversion gives unless a cap deducts
        whole = prev.points if prev is not None and prev.kind is RuleKind.ADD_FIXED else (
            prev.thresholds[0].points if prev is not None and prev.kind is RuleKind.TIERED and len(prev.thresholds) == 1
            and prev.direction is Direction.ADD else None)
        if atom.points is None and not _BEYOND.search(atom.condition or ""):
            atom.points = whole  # 按未完成比例扣分 after it takes the shortfall's share of that award (D28)
