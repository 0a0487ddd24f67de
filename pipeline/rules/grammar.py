"""One grammar for a scoring clause: find the scoring events in text order, read each one's trigger, build atoms."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from schemas.common import ProvenanceItem
from schemas.rules import Direction, RuleAtom, RuleKind, Threshold

from . import lexicon as lx
from .numbers import NUM, RATE, cn_number, fold, value_of
from .split import NUMBERING
from .structure import attach_caps, grade_of, listed_grades, merge_atoms, rank_mentions, read_rank

_ARABIC_RANGE = r"\d+(?:\.\d+)?(?:(?:-|至|到)\d+(?:\.\d+)?)?"

# Scoring events, each a named alternative; the scan keeps the earliest, longest one at each place.
EVENTS = re.compile(
    "|".join([
        rf"(?P<cap>{lx.CAP})",
        r"(?P<veto>一票否决|直接(?:排名|名次)?(?:为|列为|定为)?倒数(?:第一)?|(?:排名|名次)(?:为|列为|定为)倒数(?:第一)?(?![的名])|取消[^，；。]{0,12}?资格"
        rf"|{lx.VETO_BAR})",
        rf"(?P<amount>(?:{lx.DISCRETION}(?:予以)?)?(?P<verb>{lx.VERB}){lx.AMOUNT_OBJECT}?(?P<amt>{lx.AMOUNT_RANGE})"
        rf"(?P<fen>分)?(?:/(?P<slash>{lx.UNIT}))?)",
        rf"(?P<amount2>(?<![\d.])从?(?P<amt2>{_ARABIC_RANGE})分?(?:内|之间|范围内)?(?:予以|酌情|视情)?"
        r"(?P<verb2>扣分|加分|赋分|扣减))",
        rf"(?P<zero>{lx.ZERO})",
        rf"(?P<prop>(?:实行|按照|按)?(?:等比例|(?:实际|超额|完成|相应)比例|比例)(?P<pverb>赋分|计分|扣分|加分|得分|折算|打分)"
        rf"|得分=(?:(?P<ppts3>{NUM})分?[*×xX])?[^，；。)]*|(?P<ppts>{NUM})分?[*×xX][^，；。)]{{0,12}}"
        rf"|[^，；。*×]{{0,16}}[*×](?P<ppts2>{NUM})分"
        # 完成率乘以该项分值: the item's points, not a number
        rf"|[^，；。*×]{{0,16}}?(?:[*×]|乘以)(?:该项|本项|此项)?(?:指标)?(?:分值|权重|满分|分数))",
        rf"(?P<vague>{lx.DISCRETION}(?:予以)?(?P<vverb>扣分|加分|评分|给分|计分|打分|赋分|扣减|扣除))",
        r"(?P<full>得满分|给满分|计满分|为满分)",
        rf"(?P<gcue>(?:分为)?(?P<glist>(?:[^，；。：、]+、)+[^，；。：、]+?){NUM}个?(?:等次|档次|档|等级)"
        rf"|分[\d一二三四五六七八九]+[档等](?:计分|打分|评分|赋分|考核)?|按[^，；。]{{0,6}}等次(?:计分|打分|评分|赋分))",
    ])
)
_CAP_PARTS = [re.compile(p) for p in lx.CAP_PATTERNS]
_COMPARISON = re.compile(lx.COMPARISON)
_BACK_REFERENCE = re.compile(lx.BACK_REFERENCE)
_EACH = re.compile(rf"每(?P<mid>[^，；。、\d一二两三四五六七八九十半]{{0,4}}?)(?P<n>{NUM})?(?P<unit>{lx.UNIT})(?P<noun>案件|案例|项目)?")
_COUNT = re.compile(rf"(?<![第每至满近前后])(?P<n>{NUM})(?P<unit>{lx.UNIT})(?P<post>及以上|以上)?(?![一内后前以性])")
# 第二次扣2分，第三次及以上扣3分: an ordinal occurrence is a count tier, never a per unit (第一季度, 第一名).
_ORDINAL = re.compile(rf"第(?P<n>{NUM})(?P<unit>次|起|件|件次|人次|条|篇|项|例|宗|批次)(?P<post>及以上|以上)?")
# A count after an occurrence verb is the failure itself, not a duty: 出现两次以上迟报, 累计3次以上.
_OCCURRED = re.compile(r"(?:出现|发生|累计|发现|被通报)$")
_NOT_PER_BEFORE = re.compile(r"(?:至少|不少于|不低于|最少|最多|超过|低于|达到|每半?[年月周日天]|每季度|开展|举办)[^，；。]{0,2}$")
# 90%-95%得3分: a band, read as its lower bound (tiers combine with hit_policy max).
_BAND = re.compile(rf"(?<![\d.])(?P<lo>{NUM})(?P<u1>[%分])?-(?P<hi>{NUM})(?P<u2>[%分])(?![\d.])")
# 每月未录入 counts months; 每月不少于1次 states the duty, so 不 must not open a requirement word.
_PER_AFTER_PERIOD = re.compile(r"^(?:(?!不[少低超高多小大]于|不得[少低超])[未没少缺漏迟不无]|可?$|视情|酌情)")
_PERIODS = [(name, re.compile(pattern)) for name, pattern in (
    ("month", r"每月|当月|月度|本月|每个月"), ("quarter", r"每季度?|季度|当季"),
    ("year", r"每年|当年|年度|全年|年内"), ("week", r"每周"), ("day", r"每日|每天|当日|当天"))]
_CLAUSE_COMMA = re.compile(r"[，；]")
_RANGE_SIGN = re.compile(r"-|至|到")
_SCORING_CUE = re.compile(lx.SCORING_CUE)
# 不重复加分 / 不予扣分 deny an amount: a negated verb at the end is no dangling cue.
_DANGLING = re.compile(rf"{lx.NOT_NEGATED}(?:[扣加]除?|[扣加]分)$")
_WEIGHT = re.compile(rf"(?P<name>[^，；。：]{{1,24}}?)占(?P<val>{RATE})")
_NOUN_UNIT = {"案件": "件", "案例": "例", "项目": "项"}


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


def normalize(text: str) -> str:
    """Given a clause as written, fold full width, drop white space and leading numbering."""
    t = re.sub(r"\s+", "", fold(text))
    m = NUMBERING.match(t)
    return t[m.end():] if m else t


def _direction(verb: str) -> Direction:
    """Given a scoring verb, return deduct or add."""
    return Direction.DEDUCT if verb.startswith(("扣", "减")) else Direction.ADD


def _amount(span: str) -> tuple[float, float]:
    """Given '1', '1-8', '1至5', '一到三', return (lo, hi)."""
    parts = _RANGE_SIGN.split(span)
    lo = cn_number(parts[0])
    return lo, cn_number(parts[-1]) if len(parts) > 1 else lo


def _period(cond: str, per: str | None) -> str | None:
    """Given a trigger and per unit, return the period it sets, if any."""
    if per in lx.PERIOD_UNITS:
        return lx.PERIOD_UNITS[per]
    for name, pattern in _PERIODS:
        if pattern.search(cond):
            return name
    return None


def _per(cond: str) -> tuple[str | None, tuple[float, str, bool] | None]:
    """Given a trigger, return its per unit (the cue nearest the amount) and the count that closes it, if any."""
    best: tuple[int, str] | None = None
    for m in _EACH.finditer(cond):
        unit = _NOUN_UNIT.get(m["noun"] or "", m["unit"])
        if m["unit"] in lx.PERIOD_UNITS and not m["n"] and not m["mid"]:
            if not _PER_AFTER_PERIOD.search(cond[m.end():]):
                continue
        best = max(best or (-1, ""), (m.end(), unit))
    count = None
    for m in sorted([*_COUNT.finditer(cond), *_ORDINAL.finditer(cond)], key=lambda m: m.start()):
        try:
            n = cn_number(m["n"])
        except ValueError:
            continue
        rest = cond[m.end():].rstrip("，、")
        if len(rest) <= 12 and not re.search("[，；。]", rest):  # 上稿一条 / 三条及以上: a count tier
            count = (n, m["unit"], bool(m["post"]))
        if n == 1 and m.re is _COUNT and not _NOT_PER_BEFORE.search(cond[: m.start()]):
            best = max(best or (-1, ""), (m.end(), m["unit"]))
    return (lx.UNIT_NAME.get(best[1], best[1]) if best else None), count


def _thresholds(cond: str, points: float | None, counted: bool = False) -> tuple[list[Threshold], str | None]:
    """Given a trigger, the amount after it and whether it counts occurrences, return comparisons and metric.

    超出的 / 未达到的 refer back to a requirement stated before; a counted shortfall (每少一条) already
    measures that failure, so the back reference adds no tier then."""
    from .nlp import metric_before

    found: list[tuple[int, str, float]] = []
    requirements: list[tuple[int, str, float]] = []
    for m in _COMPARISON.finditer(cond):
        if not (m["op"] or m["post"]):
            continue
        chinese_only = not re.search(r"\d", m["val"]) and "分之" not in m["val"] and m["unit"] not in ("%", "‰")
        if chinese_only and not (m["unit"] or m["post"]):
            continue
        op = lx.OP_OF[m["op"]] if m["op"] else lx.POST_OP[m["post"]]
        if m["op"] in ("超过", "超出", "高于", "大于") and m["post"] in ("以上", "及以上"):
            op = ">"
        try:
            value = value_of(m["val"] + ("%" if m["unit"] == "%" else "‰" if m["unit"] == "‰" else ""))
        except ValueError:
            continue
        occurred = not m["op"] and m["unit"] and _OCCURRED.search(cond, 0, m.start())  # 出现两次以上迟报的
        if op in lx.REQUIREMENT_OPS and not occurred and not re.match(lx.TRIGGER_END, cond[m.end():].strip("，、")):
            requirements.append((m.start(), op, value))
            continue
        found.append((m.start(), op, value))
    for m in _BAND.finditer(cond):
        if re.fullmatch(r"[的者时]?", cond[m.end():].strip("，、")) and m["u1"] in (None, m["u2"]):
            found.append((m.start(), ">=", value_of(m["lo"] + ("%" if m["u2"] == "%" else ""))))
    back = _BACK_REFERENCE.search(cond)
    if back and requirements and not counted:
        pos, op, value = max(r for r in requirements if r[0] < back.start()) if any(
            r[0] < back.start() for r in requirements) else requirements[-1]
        found.append((pos, lx.INVERT[op], value))
    if not found:
        return [], None
    metric = metric_before(cond, found[0][0])
    return [Threshold(op=op, value=value, points=points) for _, op, value in found], metric


def _rate_metric(text: str) -> str | None:
    """Given text, return the last rate it names (执行率), if any."""
    if "率" not in text:
        return None
    from .nlp import metric_before

    return metric_before(text, len(text))


def _weights(t: str) -> dict[str, float]:
    """Given a clause, return rater or part shares (局领导占60% → {局领导: 0.6})."""
    weights = {}
    for m in _WEIGHT.finditer(t):
        # 平时考核成绩（占60%）和年终测评成绩（占40%）: the name stands before the bracket
        name = re.split(r"按照|按|其中|即|为|由|：", m["name"])[-1].strip("，、()（）")
        name = re.split(r"[()（）]", name)[-1].lstrip("和及与、")
        if name:
            weights[name] = value_of(m["val"])
    return weights


def _condition(t: str, start: int, end: int) -> str:
    """Given the clause and a trigger's bounds, return the trigger text without edge punctuation."""
    return t[start:end].strip("，、；。：:").removesuffix("视情").strip("，、")


def _cap_of(t: str, m: re.Match) -> dict:
    """Given the clause and a cap match in it, return {value, verb, full}."""
    for pattern in _CAP_PARTS:
        part = pattern.match(t, m.start())
        if part and part.end() == m.end():
            groups = part.groupdict()
            value = "item" if groups.get("item") else cn_number(groups["num"])
            verb = groups.get("verb") or groups.get("verb2")
            return {"value": value, "verb": verb, "full": bool(groups.get("full"))}
    return {"value": "item", "verb": None, "full": False}


def _amount_atom(t: str, m: re.Match, cond_start: int) -> Ctx:
    """Given an amount match and where its trigger starts, build its atom and reading."""
    verb = m["verb"] or m["verb2"]
    lo, hi = _amount(m["amt"] or m["amt2"])
    cond = t[cond_start:m.start()]
    per, count = _per(cond)
    per = m["slash"] or per
    direction = _direction(verb)
    ranged = hi != lo
    thresholds, metric = _thresholds(cond, None if ranged else lo, counted=per is not None)
    if ranged:
        kind = RuleKind.DISCRETIONARY
    elif thresholds:
        kind = RuleKind.TIERED
    elif per:
        kind = RuleKind.DEDUCT_PER if direction is Direction.DEDUCT else RuleKind.ADD_PER
    else:
        kind = RuleKind.DEDUCT_FIXED if direction is Direction.DEDUCT else RuleKind.ADD_FIXED
    points = None if ranged or thresholds else lo
    atom = RuleAtom(
        kind=kind, direction=direction, points=points, per=per, range=(lo, hi) if ranged else None,
        thresholds=thresholds, hit_policy="max" if kind is RuleKind.TIERED else None, metric=metric,
        condition=_condition(t, cond_start, m.start()) or None, period=_period(cond, per), text=t,
    )
    segment = _CLAUSE_COMMA.split(cond.rstrip("，"))[-1]
    return Ctx(m.start(), m.end(), atom, cond, count=count, rank=read_rank(segment), grade=grade_of(segment),
               extras={"amount": lo})


def _simple(kind: RuleKind, t: str, m: re.Match, cond_start: int, **fields) -> Ctx:
    """Given a non-amount event, build its atom with the trigger before it."""
    cond = t[cond_start:m.start()]
    atom = RuleAtom(kind=kind, condition=_condition(t, cond_start, m.start()) or None,
                    period=_period(cond, None), text=t, **fields)
    segment = _CLAUSE_COMMA.split(cond.rstrip("，"))[-1]
    return Ctx(m.start(), m.end(), atom, cond, grade=grade_of(segment))


def _continued(t: str, m: re.Match) -> list[re.Match]:
    """Given an amount after 分别, return the further amounts listed after it (加10分和5分)."""
    if "分别" not in t[max(0, m.start() - 4):m.start()]:
        return []
    more = re.compile(rf"[、和及与](?P<amt>{NUM})分")
    found, pos = [], m.end()
    while (nxt := more.match(t, pos)):
        found.append(nxt)
        pos = nxt.end()
    return found


def _amounts(t: str, m: re.Match, cond_start: int) -> list[Ctx]:
    """Given an amount match, return its context and those of amounts listed after it with 分别."""
    ctx = _amount_atom(t, m, cond_start)
    more = [Ctx(nxt.start(), nxt.end(), ctx.atom.model_copy(update={"points": cn_number(nxt["amt"])}), ctx.cond)
            for nxt in _continued(t, m)]
    if more and ctx.rank and ctx.rank[2] - ctx.rank[1] == len(more):  # 前三名分别加3分、2分、1分: one rank each
        prefix, first, _, bottom = ctx.rank
        for i, each in enumerate([ctx, *more]):
            each.rank = (prefix if i == 0 else "", first + i, first + i, bottom)
    return [ctx, *more]


def _proportional(t: str, m: re.Match, cond_start: int) -> Ctx:
    """Given a proportional cue (等比例赋分, 20分*执行率, 得分=权重*B/A), return its context."""
    direction = Direction.DEDUCT if "扣" in (m["pverb"] or "") else Direction.ADD
    stated = m["ppts"] or m["ppts2"] or m["ppts3"]
    ctx = _simple(RuleKind.PROPORTIONAL, t, m, cond_start, direction=direction,
                  points=cn_number(stated) if stated else None)
    if m["ppts2"]:  # 实际完成数/任务数×8分: the measure stands before the sign
        formula = re.match(r"(?:按照|按)?([^*×]+)", m.group())
    else:  # 20分*执行率, 得分=权重*B/A: after it
        formula = re.search(r"[*×xX]([^，；。()*×]+)$", m.group())
    ctx.atom.metric = (formula[1].strip() if formula else None) or _rate_metric(m.group()) or _rate_metric(ctx.cond)
    return ctx


def _event(group: str, t: str, m: re.Match, cond_start: int) -> Ctx:
    """Given a non-amount event, return its context."""
    if group == "cap":
        return Ctx(m.start(), m.end(), RuleAtom(kind=RuleKind.CAP_ONLY, text=t), "", cap=_cap_of(t, m))
    if group == "zero":
        thresholds, metric = _thresholds(t[cond_start:m.start()], None)
        return _simple(RuleKind.ZERO_ITEM, t, m, cond_start, direction=Direction.DEDUCT, thresholds=thresholds,
                       metric=metric)
    if group == "prop":
        return _proportional(t, m, cond_start)
    if group == "vague":
        return _simple(RuleKind.DISCRETIONARY, t, m, cond_start, direction=_direction(m["vverb"]))
    if group == "full":
        ctx = _simple(RuleKind.GRADE, t, m, cond_start, direction=Direction.ADD)
        ctx.extras["full"] = True
        return ctx
    if group == "gcue":
        # 分三档计分 scores by grade; 分为优秀、合格…四个等次 only names the grades (no direction)
        scored = re.search(r"档|计分|打分|评分|赋分", m.group())
        ctx = _simple(RuleKind.GRADE, t, m, cond_start, grades=listed_grades(m["glist"]),
                      direction=Direction.ADD if scored else None)
        ctx.extras["cue"] = True
        return ctx
    return _simple(RuleKind.VETO, t, m, cond_start)


def parse_clause(text: str, prov: ProvenanceItem | None = None) -> list[RuleAtom]:
    """Given one clause, return its rule atoms in text order (unparsed when a cue is unexplained)."""
    t = normalize(text)
    ctxs: list[Ctx] = []
    weights = _weights(t)
    if weights:
        ctxs.append(Ctx(0, 0, RuleAtom(kind=RuleKind.WEIGHT, weights=weights, text=t), ""))
    cond_start = pos = 0
    while (m := EVENTS.search(t, pos)):
        if m["amount"] is not None or m["amount2"] is not None:
            closed = re.match(r"[，、；。]|$", t[m.end():])  # 扣2 at a cut-off cell's end: 分 omitted
            if m["amount"] is not None and not (m["fen"] or m["slash"] or closed):
                pos = m.start() + 1
                continue
            ctxs.extend(_amounts(t, m, cond_start))
        elif not (m.lastgroup == "veto" and any(c.atom.kind is RuleKind.VETO for c in ctxs)):
            ctxs.append(_event(m.lastgroup, t, m, cond_start))
        cond_start = pos = ctxs[-1].end if ctxs and ctxs[-1].end > m.start() else m.end()
    cues = [c for c in ctxs if c.cap is None]
    if len(cues) == 1 and cues[0].extras.get("cue"):  # 前3名评选为优秀: which ranks get the first grade
        cues[0].atom.ranks = rank_mentions(t)
    elif not cues:
        ranks = rank_mentions(t)  # 前3名…奖励: ranks with consequences but no points
        if ranks:
            direction = Direction.DEDUCT if all(r.from_bottom for r in ranks) else Direction.ADD
            ctxs.insert(0, Ctx(0, 0, RuleAtom(kind=RuleKind.RANK, ranks=ranks, text=t, direction=direction), t))
    atoms = attach_caps(merge_atoms(ctxs), t)
    leftover = t[cond_start:]
    if _DANGLING.search(leftover.rstrip("，、。；")):
        atoms.append(RuleAtom(kind=RuleKind.UNPARSED, condition=leftover.strip("，、。；"), text=t))
    elif not atoms and _SCORING_CUE.search(t):
        atoms.append(RuleAtom(kind=RuleKind.UNPARSED, condition=text.strip(), text=t))
    for atom in atoms:
        atom.text = text.strip()
        atom.prov = prov
    return atoms
