"""One grammar for a scoring clause: find the scoring events in text order, read each one's trigger, build atoms."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from schemas.common import ProvenanceItem
from schemas.rules import Bound, Direction, GradeTier, RuleAtom, RuleKind, Threshold

from . import lexicon as lx
from .clean import rejoined, repaired, simplified
from .events import AMOUNT_GROUPS, MASK, OTHER_GROUPS, scan_for
from .lists import continued, each_listed, graded_list, list_atom, listed_conditions, values_of, verbless_kind
from .numbers import NUM, cn_number, fold
from .other import QUALIFIERS, grade_map, other_fields
from .parts import weight_parts
from .split import NUMBERING
from .structure import (attach_caps, cap_of, factor_grades, grade_of, listed_grades, merge_atoms, rank_mentions,
                        read_rank, settle_proportions)
from .trigger import (comparisons, gated, metric_at, period_marks, period_of, rate_metric, read_per, referred, shortfall,
                      step_start, upper_bounds)

# 扣分上限：安全环保15分，节能5分 — the further labelled caps of a list
_MORE_CAPS = re.compile(rf"，(?P<label>[^，；。()\d]{{1,8}}?)(?P<num>{NUM})分(?=$|[，；。)])")
_CLAUSE_COMMA = re.compile(r"[，；]")
_RANGE_SIGN = re.compile(r"-|至|到")
_SCORING_CUE = re.compile(lx.SCORING_CUE)
# 不重复加分 / 不予扣分 deny an amount: a negated verb at the end is no dangling cue.
_DANGLING = re.compile(rf"{lx.NOT_NEGATED}(?:[扣加]除?|[扣加减]分)$(?<![增追参附叠施添更]加)")
_FAILURE = re.compile(lx.FAILURE)
# 相应给予减分（扣分上限：…）: a verb phrase with no amount before a cap (扣分扣完为止 is the cap's own subject)
_GIVEN = re.compile(r"(?:给予|予以|进行|相应|追加)(?:[扣加减]分|扣除|扣减)$")
_ORDINAL_TIME = re.compile(rf"第(?P<n>{NUM})次(?:及以上|以上)?")
_DISTRIBUTIVE = re.compile(r"(?:分别|各)(?:予以|给予)?$")
_LEVEL = re.compile(rf"[A-Ea-e]|{lx.GRADE}")
_VERBLESS_ITEM = re.compile(lx.VERBLESS_ITEM)


def _segment(cond: str) -> str:
    """Given a trigger, return its last comma piece, past a trailing 分别/各 (排名前五名的，分别加…)."""
    return _CLAUSE_COMMA.split(_DISTRIBUTIVE.sub("", cond.rstrip("，")).rstrip("，"))[-1]


@dataclass
class Clause:
    """A clause read two ways: ``t`` is matched (simplified, repaired), ``shown`` is as written (same offsets);
    with what every trigger reads of the whole clause: values given to an upper band, where periods are named."""

    t: str
    shown: str
    upper: set[float] = field(default_factory=set)
    periods: dict[str, int] = field(default_factory=dict)

    def period_before(self, pos: int) -> str | None:
        """Given an offset, return the period the clause names before it (每周…，迟报一次扣1分 → week)."""
        return next((name for name, at in self.periods.items() if at < pos), None)

    def cut(self, start: int, end: int) -> str:
        """Given bounds, return the text as written without edge punctuation (a trigger or condition)."""
        return self.shown[start:end].strip("，、；。：:").removesuffix("视情").strip("，、")


@dataclass
class Ctx:
    """An amount event with what the grammar read from its trigger."""

    start: int
    end: int
    atom: RuleAtom
    cond: str
    count: tuple[float, str, bool] | None = None
    rank: tuple | None = None
    grade: str | None = None
    cap: dict | None = None
    extras: dict = field(default_factory=dict)


def _views(text: str) -> tuple[str, str]:
    """Given a clause as written, return (matched text, shown text): folded, blanks and numbering dropped."""
    shown = repaired(re.sub(r"\s+", "", rejoined(fold(text))))
    m = NUMBERING.match(shown)
    shown = shown[m.end():] if m else shown
    return simplified(shown), shown


def normalize(text: str) -> str:
    """Given a clause as written, fold full width, drop white space and leading numbering, read damage."""
    return _views(text)[0]


def _direction(verb: str) -> Direction:
    """Given a scoring verb, return deduct or add."""
    return Direction.DEDUCT if lx.deducts(verb) else Direction.ADD


def _amount(span: str) -> tuple[float | None, float | None]:
    """Given '1', '1-8', '1至5', '一到三' (or a mask), return (lo, hi)."""
    if re.fullmatch(MASK, span):
        return None, None
    parts = _RANGE_SIGN.split(span)
    lo = cn_number(parts[0])
    return lo, cn_number(parts[-1]) if len(parts) > 1 else lo


def _bare_direction(c: Clause, cond: str, end: int) -> Direction:
    """Given an amount written without a verb, return its direction: a failure, a 扣分 heading (事故扣分：一级事故10分)
    or a 扣分 note after it deducts."""
    if _FAILURE.search(_segment(cond)) or re.search(r"(?:扣分|扣除|扣减|减分)[^，；。]{0,4}：$", cond) or re.match(r"扣|减", c.t[end:]) or re.search(r"扣分|扣完", c.t[end:]):
        return Direction.DEDUCT
    return Direction.ADD


def _compared(c: Clause, cond_start: int, end: int, counted: bool = False, per_at: int = -1) -> tuple[list, str]:
    """Given a trigger's span, return its comparisons (its own, else the one it refers back to) and the text their
    offsets are in; a counted shortfall (每少一条) measures the failure itself and refers back to nothing, while a
    count of another thing after a failure that refers back (超出的每笔) is gated by it (D7, D22)."""
    cond = c.t[cond_start:end]
    found, _ = comparisons(cond, c.upper, counted=counted)
    if found or counted:
        return found, cond
    return referred(c.t[:cond_start], _segment(cond[:per_at] if per_at > 0 else cond), c.upper), c.t


def _amount_atom(c: Clause, m: re.Match, cond_start: int) -> Ctx:
    """Given an amount match and where its trigger starts, build its atom and reading."""
    t = c.t
    cond, shown = t[cond_start:m.start()], c.shown[cond_start:m.start()]
    group = m.lastgroup
    slash = m["slash4"] if group == "slashamt" else None
    if group in ("peramt", "slashamt"):
        lo = hi = cn_number(m["amt3"] if group == "peramt" else m["amt6"])
        at = m.start("amt3") if group == "peramt" else m.start()
        cond, shown = t[cond_start:at], c.shown[cond_start:at]
        direction = _bare_direction(c, cond, m.end())
    elif group == "signed":
        lo = hi = cn_number(m["amt4"])
        direction = _direction(m["sign"])
    else:
        verb = m["verb"] or m["verb2"]
        lo, hi = _amount(m["amt"] or m["amt2"])
        if m["within"] and lo == hi and m["within"] != "之间":
            lo = 0.0  # 在3分内视情扣分: anything up to 3
        direction = _direction(verb)
    reading = read_per(cond, shown)
    per = m["slash"] or m["slash2"] or slash or m["slash5"] or reading.unit  # 扣1分/次, 0.5分/次, 扣1分(每次)
    ranged = hi != lo
    counted = per is not None and shortfall(reading, cond)
    found, source = _compared(c, cond_start, m.start(), counted=counted, per_at=reading.at if per else -1)
    start, metric = None, metric_at(source, found)
    if per and not counted and found and not comparisons(cond, c.upper, counted=True)[0]:
        found, bound = gated(found, source, per)  # 控制在万分之三以内，超出的每笔: the failure referred back gates it
        start = Bound(op=bound[0], value=bound[1]) if bound else None
        metric = metric if found or bound else None
    if stepped := step_start(reading, found, cond, t[:cond_start], c.upper):
        bound, metric = stepped
        start = Bound(op=bound[0], value=bound[1]) if bound else None
        found = []
    occurrence = None
    ordinal = _ORDINAL_TIME.search(cond)
    if ordinal and per:  # 第三次及以上的每人扣2分: 及以上 is how far the ordinal's tier reaches, no compared value
        found = [f for f in found if source[f[0] - 1:f[0]] != "第"]
    thresholds = [Threshold(op=op, value=value, points=None if ranged else lo) for _, op, value, _ in found]
    if ordinal and per and not thresholds:  # 第二次每辆次扣0.5分: a tier of occurrences that keeps its unit
        occurrence = int(cn_number(ordinal["n"]))
    if ranged:
        kind = RuleKind.DISCRETIONARY
    elif thresholds:
        kind = RuleKind.TIERED
    elif per:
        kind = RuleKind.DEDUCT_PER if direction is Direction.DEDUCT else RuleKind.ADD_PER
    else:
        kind = RuleKind.DEDUCT_FIXED if direction is Direction.DEDUCT else RuleKind.ADD_FIXED
    atom = RuleAtom(
        kind=kind, direction=direction, points=None if ranged or thresholds else lo, per=per,
        range=(lo, hi) if ranged else None, thresholds=thresholds, start=start, occurrence=occurrence,
        hit_policy="max" if kind is RuleKind.TIERED else None, metric=metric,
        condition=c.cut(cond_start, m.start()) or None, text=t,
        period=period_of(cond, per) or c.period_before(cond_start),  # 每周…，少报一次扣2分，迟报一次扣1分
    )
    segment = _segment(cond)
    ctx = Ctx(m.start(), m.end(), atom, cond, count=None if occurrence else reading.count, rank=read_rank(segment),
              grade=grade_of(segment), extras={"amount": lo})
    if group == "amount" and m["alist"]:
        values = values_of(m["amt"], m["alist"])
        ctx.extras["values"] = values
        ctx.atom = list_atom(atom, values, segment, ctx.rank)
        ctx.rank = None if ctx.atom.kind is RuleKind.RANK else ctx.rank
    return ctx


def _simple(kind: RuleKind, c: Clause, m: re.Match, cond_start: int, **fields) -> Ctx:
    """Given a non-amount event, build its atom with the trigger before it."""
    cond = c.t[cond_start:m.start()]
    atom = RuleAtom(kind=kind, condition=c.cut(cond_start, m.start()) or None,
                    period=period_of(cond, None), text=c.t, **fields)
    return Ctx(m.start(), m.end(), atom, cond, grade=grade_of(_segment(cond)))


def _amounts(c: Clause, m: re.Match, cond_start: int) -> list[Ctx]:
    """Given an amount match, return its context and those of amounts listed after it (分别, 各, 、)."""
    ctx = _amount_atom(c, m, cond_start)
    if ctx.atom.kind is RuleKind.RANK:
        return [ctx]
    if "values" in ctx.extras:  # 获国家级、省级、市级表彰的，分别加5、3、1分: one amount for each listed condition
        if ctx.atom.kind is RuleKind.DISCRETIONARY and (each := _each_listed(c, m, ctx, ctx.extras["values"])):
            return each
        return [ctx]
    more = [Ctx(nxt.start(), nxt.end(), ctx.atom.model_copy(update={"points": cn_number(nxt["amt"])}), ctx.cond,
                grade=grade_of(nxt.groupdict().get("label") or ""), extras={"cont": True})
            for nxt in continued(c.t, m.start(), m.end(), _segment(ctx.cond))]
    values = [ctx.atom.points, *(x.atom.points for x in more)]
    if more and not ctx.rank and (each := _each_listed(c, m, ctx, values)) and len(each) == 1:
        return [Ctx(m.start(), more[-1].end, each[0].atom, ctx.cond)]  # 评定为优秀、良好、合格的，分别加3分、2分、1分
    if more and ctx.rank and ctx.rank[2] - ctx.rank[1] == len(more):  # 前三名分别加3分、2分、1分: one rank each
        prefix, first, _, bottom = ctx.rank
        for i, each in enumerate([ctx, *more]):
            each.rank = (prefix if i == 0 else "", first + i, first + i, bottom)
    elif more:  # 分为五星、四星、三星三个等级，分别加3分、2分、1分: the amounts may be the levels' (see _graded_lists)
        ctx.extras["values"] = [ctx.atom.points, *(x.atom.points for x in more)]
    if not more and ctx.rank is None:  # 台账不全、归档不及时的，各扣0.5分: one atom per listed condition
        k = len(listed_conditions(c.t, m.start(), ctx.cond))
        more = [Ctx(m.start(), m.end(), ctx.atom.model_copy(), ctx.cond) for _ in range(k - 1)]
    return [ctx, *more]


def _each_listed(c: Clause, m: re.Match, ctx: Ctx, values: list) -> list[Ctx]:
    """Given a list of amounts after 分别/各, return one context per listed condition (a grade when they are levels),
    or none when the conditions listed are not as many as the amounts."""
    conditions = listed_conditions(c.t, m.start(), ctx.cond)
    if len(conditions) != len(values) or len(values) < 2:
        return []
    return [Ctx(m.start(), m.end(), atom, ctx.cond)
            for atom in each_listed(ctx.atom, values, [grade_of(x) for x in conditions])]


def _proportional(c: Clause, m: re.Match, cond_start: int) -> Ctx:
    """Given a proportional cue (等比例赋分, 20分*执行率, 得分=权重*B/A, 折算), return its context."""
    direction = Direction.DEDUCT if "扣" in (m["pverb"] or "") else None if m["conv"] else Direction.ADD
    stated = m["ppts"] or m["ppts2"] or m["ppts3"] or m["ppts4"]  # 得分=完成数÷任务数×15分: the points end it
    points = cn_number(stated) if stated else {"百分制": 100.0, "十分制": 10.0}.get(m["scale"] or "")
    ctx = _simple(RuleKind.PROPORTIONAL, c, m, cond_start, direction=direction, points=points)
    if m["ppts2"] or m["ppts4"]:  # 实际完成数/任务数×8分: the measure stands before the sign (after 得分=)
        formula = re.match(r"(?:按照|按|[^=]*=)?([^*×]+)", m.group())
    else:  # 20分*执行率, 得分=权重*B/A: after it
        formula = re.search(r"[*×xX]([^，；。()*×]+)$", m.group())
    ctx.atom.metric = (formula[1].strip() if formula else None) or rate_metric(m.group()) or rate_metric(ctx.cond)
    return ctx


def _event(group: str, c: Clause, m: re.Match, cond_start: int) -> Ctx:
    """Given a non-amount event, return its context."""
    t = c.t
    if group == "cap":
        return Ctx(m.start(), m.end(), RuleAtom(kind=RuleKind.CAP_ONLY, text=t), "", cap=cap_of(t, m))
    if group in ("zero", "nil"):  # 80分以下的不得分 / 不加分: a band of nothing, which may close a tier table
        found, source = _compared(c, cond_start, m.start())
        fields = {"metric": metric_at(source, found), "thresholds": [Threshold(op=op, value=v) for _, op, v, _ in found]}
        if group == "zero":
            return _simple(RuleKind.ZERO_ITEM, c, m, cond_start, direction=Direction.DEDUCT, **fields)
        ctx = _simple(RuleKind.OTHER, c, m, cond_start, direction=Direction.ADD, **fields)
        ctx.extras.update(other=True, nil=True)
        return ctx
    if group == "prop":
        return _proportional(c, m, cond_start)
    if group == "vague":
        return _simple(RuleKind.DISCRETIONARY, c, m, cond_start, direction=_direction(m["vverb"]))
    if group == "full":
        ctx = _simple(RuleKind.GRADE, c, m, cond_start, direction=Direction.ADD)
        ctx.extras["full"] = True
        return ctx
    if group == "gcue":
        # 分三档计分 scores by grade; 分为优秀、合格…四个等次 only names the grades (no direction)
        scored = re.search(r"档|计分|打分|评分|赋分", m.group())
        listing = "glist" if m["glist"] else "glist2"
        shown = c.shown[m.start(listing):m.end(listing)] if m[listing] else None
        grades = listed_grades(m[listing], shown)
        ctx = _simple(RuleKind.GRADE, c, m, cond_start, grades=grades,
                      direction=Direction.ADD if scored or any(g.points is not None for g in grades) else None)
        ctx.extras["cue"] = True
        ctx.extras["stated"] = int(cn_number(m["gn"])) if m["gn"] else None
        return ctx
    if group == "blist":
        values = [cn_number(v) for v in re.findall(NUM, m.group())]
        ctx = _simple(RuleKind.DISCRETIONARY, c, m, cond_start, direction=Direction.ADD,
                      range=(min(values), max(values)))
        ctx.extras["values"] = values
        return ctx
    if group in OTHER_GROUPS:
        ctx = _simple(RuleKind.OTHER, c, m, cond_start, **other_fields(group, m))
        ctx.extras["other"] = True
        ctx.extras["nil"] = group == "exempt"  # 优秀的不扣分: a grade's tier of 0
        return ctx
    return _simple(RuleKind.VETO, c, m, cond_start)


def _graded_lists(ctxs: list[Ctx]) -> list[Ctx]:
    """Given contexts, give a grade cue's listed grades the amounts listed right after it (…五个等次,分别得60、45…)."""
    out: list[Ctx] = []
    folded = False
    for ctx in ctxs:
        if folded and ctx.extras.get("cont"):
            continue  # an amount of the list the grades took
        folded = False
        prev = out[-1] if out else None
        if prev and prev.extras.get("cue") and prev.atom.grades and "values" in ctx.extras:
            grades = graded_list(prev.atom.grades, ctx.extras["values"], prev.extras.get("stated"))
            if grades is not None:
                prev.atom = prev.atom.model_copy(update={"grades": grades, "direction": Direction.ADD})
                prev.extras["cue"] = False
                folded = True
                continue
        out.append(ctx)
    return out


def _verbless(c: Clause, m: re.Match, cond_start: int, ctxs: list[Ctx]) -> list[Ctx]:
    """Given labelled amounts listed without a verb, return their contexts: after a graded amount they continue its list
    (一等奖加3分，二等奖2分); levels make a grade (评价结果：优秀10分、良好8分), levels of an awarding body an amount each
    (全国文明单位10分、省级8分), all in the direction of their trigger; nothing for an allocation."""
    items = list(_VERBLESS_ITEM.finditer(c.t, m.start(), m.end()))
    kind = verbless_kind([i["label"] for i in items])
    prev = ctxs[-1] if ctxs else None
    if kind == "grade" and prev and prev.grade and re.fullmatch("[，、；]", c.t[cond_start:m.start()]):
        return [Ctx(i.start(), i.end(), prev.atom.model_copy(update={"points": cn_number(i["num"])}), prev.cond,
                    grade=i["label"].removesuffix("的"), extras={"cont": True}) for i in items]
    direction = _bare_direction(c, c.t[cond_start:m.start()], m.end())
    if kind == "grade":
        grades = [GradeTier(grade=c.shown[i.start("label"):i.end("label")].removesuffix("的"), points=cn_number(i["num"]))
                  for i in items]
        return [_simple(RuleKind.GRADE, c, m, cond_start, grades=grades, direction=direction)]
    fixed = RuleKind.DEDUCT_FIXED if direction is Direction.DEDUCT else RuleKind.ADD_FIXED
    return [Ctx(i.start(), i.end(), RuleAtom(kind=fixed, direction=direction, points=cn_number(i["num"]), text=c.t,
                                             condition=c.cut(cond_start, i.start()) or None), "")
            for i in items] if kind == "each" else []


def _scan(c: Clause, ctxs: list[Ctx]) -> int:
    """Given a clause, append the contexts of its events in text order; return where the last trigger ends."""
    t = c.t
    cond_start = pos = 0
    events = scan_for(t)
    while (m := events.search(t, pos)):
        group = m.lastgroup
        if group == "signed" and not (m["sign"] == "+" or _FAILURE.search(t, cond_start, m.start())):
            pos = m.start() + 1  # a dash after no failure is a separator (组织领导—10分: an allocation)
            continue
        if group == "gcue" and m.group().endswith("级") and not m.group().endswith("等级") and not all(
                _LEVEL.fullmatch(g.grade) for g in listed_grades(m["glist"])):
            pos = m.start() + 1  # 分为A、B、C、D四级 grades; 建立市、县、乡三级网格 names tiers of government
            continue
        if group in AMOUNT_GROUPS:
            closed = re.match(r"[，、；。]|$", t[m.end():])  # 扣2 at a cut-off cell's end: 分 omitted
            if group == "amount" and not (m["fen"] or m["slash"] or closed):
                pos = m.start() + 1
                continue
            ctxs.extend(_amounts(c, m, cond_start))
        elif group == "vlist":
            if not (found := _verbless(c, m, cond_start, ctxs)):
                pos = m.start() + 1  # 标识规范5分、制度健全3分: an allocation, no rule
                continue
            ctxs.extend(found)
        elif not (group == "veto" and any(x.atom.kind is RuleKind.VETO for x in ctxs)):
            before = t[cond_start:m.start()].rstrip("(，、")
            if group == "cap" and _GIVEN.search(before):  # 相应给予减分（扣分上限：…）: the cue has no amount
                ctxs.append(Ctx(m.start(), m.start(), RuleAtom(kind=RuleKind.UNPARSED, text=t,
                                                              condition=c.cut(cond_start, m.start()).rstrip("(")), ""))
            ctxs.append(_event(group, c, m, cond_start))
            if group == "cap" and "上限：" in m.group():
                ctxs.extend(Ctx(more.start(), more.end(), RuleAtom(kind=RuleKind.CAP_ONLY, text=t), "",
                                cap={**ctxs[-1].cap, "value": cn_number(more["num"])})
                            for more in _more_caps(t, m.end()))
        cond_start = pos = ctxs[-1].end if ctxs and ctxs[-1].end > m.start() else m.end()
    return cond_start


def _more_caps(t: str, pos: int) -> list[re.Match]:
    """Given where a labelled cap list's first cap ends, return the caps that follow it (，节能5分)."""
    found = []
    while (m := _MORE_CAPS.match(t, pos)):
        found.append(m)
        pos = m.end()
    return found


def _settle(c: Clause, ctxs: list[Ctx]) -> list[RuleAtom]:
    """Given the contexts of a clause, fold tables, place caps and drop qualifiers said by the amounts."""
    t = c.t
    cues = [x for x in ctxs if x.cap is None and not x.extras.get("other")]
    if len(cues) == 1 and cues[0].extras.get("cue"):  # 前3名评选为优秀: which ranks get the first grade
        cues[0].atom.ranks = rank_mentions(t)
    elif not cues:
        ranks = rank_mentions(t)  # 前3名…奖励: ranks with consequences but no points
        if ranks:
            direction = Direction.DEDUCT if all(r.from_bottom for r in ranks) else Direction.ADD
            ctxs.insert(0, Ctx(0, 0, RuleAtom(kind=RuleKind.RANK, ranks=ranks, text=t, direction=direction), t))
    atoms = attach_caps(merge_atoms(_graded_lists(ctxs)), t)
    amounts = [a for a in atoms if a.kind not in (RuleKind.OTHER, RuleKind.CAP_ONLY, RuleKind.UNPARSED)]
    atoms = [a for a in atoms if not (a.kind is RuleKind.OTHER and (
        a.subtype is None or amounts and a.subtype in QUALIFIERS))]
    settle_proportions(atoms)
    if not atoms and (named := grade_map(t, c.shown) or factor_grades(t, c.shown)):
        atoms = [named]
    return atoms


def parse_clause(text: str, prov: ProvenanceItem | None = None) -> list[RuleAtom]:
    """Given one clause, return its rule atoms in text order (unparsed when a cue is unexplained)."""
    t, shown = _views(text)
    ctxs: list[Ctx] = []
    parts = weight_parts(t)
    clause = Clause(t, shown, upper_bounds(t), period_marks(t))
    scan = clause
    if parts:
        values, (a, b) = parts
        weights = {p.label: p.weight for p in values if p.weight is not None}
        ctxs.append(Ctx(a, a, RuleAtom(kind=RuleKind.WEIGHT, weights=weights, values=values, text=t), ""))
        # the parts' numbers are no amounts
        scan = Clause(t[:a] + "_" * (b - a) + t[b:], shown, clause.upper, clause.periods)
    cond_start = _scan(scan, ctxs)
    ctxs.sort(key=lambda x: x.start)
    atoms = _settle(clause, ctxs)
    leftover = scan.t[cond_start:]
    if _DANGLING.search(leftover.rstrip("，、。；")):
        atoms.append(RuleAtom(kind=RuleKind.UNPARSED, condition=shown[cond_start:].strip("，、。；"), text=t))
    elif not atoms and _SCORING_CUE.search(scan.t):
        atoms.append(RuleAtom(kind=RuleKind.UNPARSED, condition=text.strip(), text=t))
    for atom in atoms:
        atom.text = text.strip()
        atom.prov = prov
    return atoms
