"""What a trigger says: its per unit or measured step, the count that closes it, its comparisons, metric, period."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import lexicon as lx
from .numbers import CN_DIGITS, HALF, NUM, RATE, cn_number, value_of

_COMPARISON = re.compile(lx.COMPARISON)
_MEASURE_WORD = lx.MEASURE_WORD
_BACK_REFERENCE = re.compile(lx.BACK_REFERENCE)
_EACH = re.compile(rf"每(?P<mid>[^，；。、\d一二两三四五六七八九十半]{{0,4}}?)(?P<n>{NUM})?{_MEASURE_WORD}(?P<unit>{lx.UNIT})"
                   rf"(?P<noun>案件|案例|项目)?")
# 每下降3% / 每低1个百分点 / 每超过1小时 / 每差1微克/立方米 / 每滞后序时进度1%: a step of what is measured.
# The step may follow any short verb (每种植1亩, 每铲除200株) but not a period, which states a duty (每年组织1次).
_STEP = re.compile(rf"每(?:(?P<mid>{lx.CHANGE}[^，；。、\d]{{0,10}}?(?P<ref>{RATE})?)|(?P<verb>(?![年月季周日天半])[^，；。、\d{CN_DIGITS}每]{{1,10}}?)(?={NUM}))?"
                   rf"(?P<n>\d+(?:\.\d+)?[万千亿]|{NUM}|{HALF})?{_MEASURE_WORD}(?P<unit>{lx.MEASURE}|{lx.UNIT})(?P<tail>[^，；。\d]{{0,8}}?)[的，]?$")
_COUNT = re.compile(rf"(?<![第每至满近前后\d.])(?P<n>{NUM}){_MEASURE_WORD}(?P<unit>{lx.UNIT})(?P<post>及以上|以上)?(?![一内后前以性百])")
# 第二次扣2分，第三次及以上扣3分: an ordinal occurrence is a count tier, never a per unit (第一季度, 第一名).
_ORDINAL = re.compile(rf"第(?P<n>{NUM})(?P<unit>次|起|件|件次|人次|条|篇|项|例|宗|批次)(?P<post>及以上|以上)?")
# A count after an occurrence verb is the failure itself, not a duty: 出现两次以上迟报, 累计3次以上.
_OCCURRED = re.compile(r"(?:出现|发生|累计|发现|被通报|受到|遭到|收到|被)$")
# 被采用一篇加1分 / 刊播一部作品加2分: one of a thing right before the amount, maybe with its noun, counts it.
_RIGHT_BEFORE = r"[^，；。、\d的]{1,4}|(?:的，?)?"  # 一项下降的得1.5分: a predicate with 的 names one of the parts
_NOT_PER_BEFORE = re.compile(r"(?:至少|不少于|不低于|最少|最多|超过|低于|达到|每半?[年月周日天]|每季度|开展|举办)[^，；。]{0,2}$")
# One of a thing counts only after a verb of occurrence or shortfall (发现一起, 少一次, 有1个, 迟报一卷) or right
# before the amount (被采用一篇加1分); elsewhere it is a quota (每月报送案例1件，未报送的扣0.5分).
_OCCURRENCE_VERB = re.compile(r"(?:(?<![没])有|(?<![至最不多])少|缺|漏|迟|错|出现|发现|发生|瞒报|谎报|违反|造成|导致|受到|"
                              r"被通报|查实|查处|退回|差|丢失|遗失|(?<![不])超)[^，；。\d一二两三四五六七八九十]{0,3}$")
# 90%-95%得3分 / 80分至90分为合格 / 100-300平方米: a band, read as its lower bound (tiers combine with hit_policy max).
# 95%(含)-100% / 30件至50件: the bound's inclusion and a counted unit may be written too.
_BAND = re.compile(rf"(?<![\d.])(?P<lo>{NUM})(?P<u1>[%分]|{lx.VALUE_UNIT}|{lx.UNIT})?(?:{lx.INCLUSIVE})?(?:-|至|到)"
                   rf"(?P<hi>{NUM})(?P<u2>[%分]|{lx.VALUE_UNIT}|{lx.UNIT})(?![\d.])")
# 80分≤评估分值<90分: a band written around its metric.
# 9天<平均住院日≤10天: the bound may carry its unit.
_AROUND = re.compile(rf"(?<![\d.])(?P<lo>{NUM})(?P<u1>[%分]|{lx.VALUE_UNIT}|{lx.UNIT})?(?P<op>≤|<=|<)"
                     rf"(?P<metric>[^，；。\d<≤]{{1,12}}?)(?:<|≤|<=)(?P<hi>{NUM})")
# 每月未录入 counts months; 每月不少于1次 states the duty, so 不 must not open a requirement word.
_PER_AFTER_PERIOD = re.compile(r"^(?:(?!不[少低超高多小大]于|不得[少低超])[未没少缺漏迟不无]|可?$|视情|酌情)")
_PERIODS = [(name, re.compile(pattern)) for name, pattern in (
    ("month", r"每月|当月|月度|本月|每个月"), ("quarter", r"每季度?|季度|当季"),
    ("year", r"每年|当年|年度|全年|年内"), ("week", r"每周"), ("day", r"每日|每天|当日|当天"))]
_NOUN_UNIT = {"案件": "件", "案例": "例", "项目": "项"}
_DUTY = re.compile(r"[^，；。]{0,6}?(?:至少|不少于|不低于|最少|应当|必须|须)")
# A failing comparison closes its trigger (低于90%的 / 超过3次扣…); 低于近三年全国平均通过率 names a reference.
_CLOSES = re.compile(r"(?:$|[的者时，、；)]|或|且|[扣加得减计记]|每|不|视情|酌情|为|则|即|并|未)")
# A value the text gives to an upper band (90分以上, 80-90分, ≥75): `以下` of the same value is then `<`.
# The value may carry its unit (1万元至5万元, 5起以上): `1万元以下` before it is `<` too.
_UPPER = re.compile(rf"(?:≥|>=|不低于|不少于|达到)(?P<a>{NUM})|(?<![\d.])(?P<b>{NUM})(?:%|分|个百分点|{lx.VALUE_UNIT}|{_MEASURE_WORD}{lx.UNIT})?"
                    rf"(?:{lx.INCLUSIVE})?(?:及以上|以上)|(?<![\d.])(?P<c>{NUM})(?:%|分|{lx.VALUE_UNIT}|{lx.UNIT})?(?:{lx.INCLUSIVE})?"
                    rf"(?:-|至|到){NUM}")
_INSIDE_BRACKETS = re.compile(r"\([^()]{3,}\)")


@dataclass
class PerReading:
    """The counting a trigger states: unit as reported, count tier, whether it is a measured step or a counted one
    taken by a change (每增加1起), and where."""

    unit: str | None = None
    count: tuple[float, str, bool] | None = None
    step: bool = False
    at: int = -1
    changed: bool = False
    ref: tuple[str, float] | None = None  # 每低于85%一个百分点: the steps count from 85%


def _fmt(value: float) -> str:
    """Given a number, return it as the text a step is reported with (1, 0.5)."""
    return f"{value:g}"


def _number(span: str) -> float | None:
    """Given a number span, return its value, None if it is none."""
    try:
        return cn_number(span)
    except ValueError:
        return None


def _step(cond: str, shown: str) -> PerReading | None:
    """Given a trigger, return the measured step that ends it (每下降3% → '3%'), if any."""
    m = _STEP.search(cond)
    if not m:
        return None
    unit = shown[m.start("unit"):m.end("unit")]
    measured = re.fullmatch(lx.MEASURE, m["unit"]) is not None
    if m["verb"] and (re.search(lx.OP, m["verb"]) or re.fullmatch(lx.MEASURE, m["unit"]) and m["unit"] in (
            "%", "‰", "分", "个百分点", "百分点")):
        return None  # 每项得分低于80分: a comparison, not a step; a rate steps only by a change (每下降1%)
    if measured and m["unit"] in ("%", "‰", "分") and (not m["n"] or m["mid"] is None and m["tail"]):
        return None  # 每月得分… / 每1分折合…: a score word, not a step of one
    if not measured and not m["n"]:
        return None  # 每超过一次: counted by the unit alone, read with the other per cues
    scaled = re.fullmatch(r"(?P<k>.*?)(?P<s>[万千亿])", m["n"] or "")
    # 每万元 → 1万元, 每十万元 → 10万元, 每增加1万人 → 1万人: the scale is the unit's
    if scaled and (f"{scaled['s']}{m['unit']}" in lx.MEASURES or not measured):
        try:
            n = cn_number(scaled["k"]) if scaled["k"] else 1.0
        except ValueError:
            return None
        return PerReading(unit=f"{_fmt(n)}{scaled['s']}{unit}", step=measured or f"{scaled['s']}{m['unit']}" in lx.MEASURES,
                          at=m.start(), changed=not measured and m["mid"] is not None)
    try:
        n = cn_number(m["n"]) if m["n"] else 1.0
    except ValueError:
        return None
    changed = not measured and m["mid"] is not None
    if m["ref"] and measured:  # 每低于85%一个百分点 / 每超过3%一个百分点: below or above the rate written
        op = "<" if re.match(r"低|少|下|降|减|缺|差|落后|滞后|欠", m["mid"]) else ">"
        return PerReading(unit=f"{_fmt(n)}{unit}", step=True, at=m.start(), ref=(op, value_of(m["ref"])))
    if not measured and n == 1:
        return PerReading(unit=unit, step=False, at=m.start(), changed=changed)  # 每超过1小时 → 小时
    if not m["n"]:  # 每亩 / 每吨 / 每平方米: no size written, the unit as written (每1亩 → 1亩; D28)
        return PerReading(unit=unit, step=True, at=m.start())
    return PerReading(unit=f"{_fmt(n)}{unit}", step=measured, at=m.start(), changed=changed)


def read_per(cond: str, shown: str) -> PerReading:
    """Given a trigger (and its text as written), return its per unit (the cue nearest the amount) and count."""
    step = _step(cond, shown)
    best: tuple[int, str] | None = None
    at = -1
    for m in _EACH.finditer(cond):
        unit = shown[m.start("unit"):m.end("unit")]
        if m["unit"] == "个":  # 每个案件 → 件; 每起案件 keeps 起
            unit = _NOUN_UNIT.get(m["noun"] or "", unit)
        if m["n"] and _number(m["n"]) not in (None, 1.0):  # 每3次扣1分: the step of three is the unit
            unit = f"{_fmt(_number(m['n']))}{unit}"
        if m["unit"] in lx.PERIOD_UNITS and not m["n"] and not m["mid"]:
            if not _PER_AFTER_PERIOD.search(cond[m.end():]):
                continue
        if _DUTY.match(cond, m.end()):  # 每人每年至少包案1件: whom a duty binds, not what is counted
            continue
        if (m.end(), unit) > (best or (-1, "")):
            best, at = (m.end(), unit), m.start()
    count = None
    for m in sorted([*_COUNT.finditer(cond), *_ORDINAL.finditer(cond)], key=lambda m: m.start()):
        try:
            n = cn_number(m["n"])
        except ValueError:
            continue
        rest = cond[m.end():].rstrip("，、")
        if len(rest) <= 12 and not re.search("[，；。]", rest):  # 上稿一条 / 三条及以上: a count tier
            count = (n, m["unit"], bool(m["post"]))
        if n == 1 and m.re is _COUNT and (_OCCURRENCE_VERB.search(cond, 0, m.start()) or (
                not _NOT_PER_BEFORE.search(cond[: m.start()]) and (
                    re.fullmatch(_RIGHT_BEFORE if not m["post"] else r"(?:的，?)?", cond[m.end():])
                    or re.match(lx.FAILURE, cond[m.end():])))):  # 一卷不合格 / 回访一件不满意: each failing one
            unit = shown[m.start("unit"):m.end("unit")]
            if (m.end(), unit) > (best or (-1, "")):
                best, at = (m.end(), unit), m.start()
    if step and (best is None or step.at >= at):
        return replace(step, count=count)
    return PerReading(best[1] if best else None, count, False, at)


def step_start(reading: PerReading, found: list, cond: str, prior: str, upper: set[float]) -> tuple | None:
    """Given a trigger's per reading and comparisons, the trigger and the clause before it, return (where the steps
    start as (op, value) or None, metric) when the reading steps, None when the comparisons stay tiers:
    低于95%的，每下降1个百分点 → (<, 0.95); 超过20起的，每增加1起 → (>, 20); 每低于85%一个百分点 → (<, 0.85);
    达到99%的得2分，未达到的每低1个百分点 → (<, 0.99), where the comparison referred back to fails (a counted
    shortfall, 至少报送2条，未达到的每少一条, counts from the duty: D5)."""
    seen = cond[:reading.at]
    if reading.ref:
        return reading.ref, rate_metric(seen)
    unit, before = (reading.unit or "").lstrip("0123456789."), [f for f in found if f[0] < reading.at][-1:]
    if not before and reading.step:  # 达不到的，每低1个百分点: the piece that refers back may end in a comma
        seen = prior + seen
        before = referred(seen, re.split("[，；]", seen.rstrip("，、"))[-1], upper)
    if not (reading.step or reading.changed and before and unit in seen[before[0][0]:]):
        return None
    return ((before[0][1], before[0][2]) if before else None), (metric_at(seen, before) if before else rate_metric(seen))


def period_of(cond: str, per: str | None) -> str | None:
    """Given a trigger and per unit, return the period it sets, if any."""
    if per in lx.PERIOD_UNITS:
        return lx.PERIOD_UNITS[per]
    for name, pattern in _PERIODS:
        if pattern.search(cond):
            return name
    return None


def period_marks(text: str) -> dict[str, int]:
    """Given a clause, return where each period it names is first named (for triggers that do not repeat it)."""
    return {name: m.start() for name, pattern in _PERIODS if (m := pattern.search(text))}


def upper_bounds(text: str) -> set[float]:
    """Given a clause, return the values it gives to an upper band (90分以上, 80-90分, ≥75)."""
    out = set()
    for m in _UPPER.finditer(text):
        try:
            out.add(cn_number(m["a"] or m["b"] or m["c"]))
        except ValueError:
            continue
    return out


def _op(m: re.Match, upper: set[float], number: float) -> str:
    """Given a comparison match, return its op: (含) includes the bound, 以下 is < below a stated upper band."""
    op = lx.OP_OF[m["op"]] if m["op"] else lx.POST_OP[m["post"]]
    inclusive = bool(m["inc"] or m["inc2"])
    if m["op"] in ("超过", "超出", "高于", "大于"):
        op = ">=" if inclusive else ">"
    elif m["op"] in ("低于", "少于", "小于", "不足") and inclusive:
        op = "<="
    elif not m["op"] and m["post"] == "以下" and number in upper:
        op = "<"
    return op


def comparisons(cond: str, upper: set[float] = frozenset(), counted: bool = False) -> tuple[list, list]:
    """Given a trigger, return (found, requirements) comparisons as (position, op, value, metric or None).

    超出的 / 未达到的 refer back to a requirement stated before; a counted shortfall (每少一条) already
    measures that failure, so the back reference adds no tier then. A comparison inside a bracketed aside
    (抽查10%(不足4所,以4所计算)) describes the sample, and one taken by 每 (每超过1小时) is a step."""
    found: list[tuple[int, str, float, str | None]] = []
    requirements: list[tuple[int, str, float, str | None]] = []
    asides = [b.span() for b in _INSIDE_BRACKETS.finditer(cond)] if "(" in cond else []
    taken: list[tuple[int, int]] = []
    for m in _AROUND.finditer(cond):
        try:
            value = value_of(m["lo"] + ("%" if m["u1"] == "%" else ""))
        except ValueError:
            continue
        found.append((m.start(), ">=" if m["op"] != "<" else ">", value, m["metric"]))
        taken.append(m.span())
    for m in _COMPARISON.finditer(cond):
        if not (m["op"] or m["post"]) or any(a < m.start() < b for a, b in asides + taken):
            continue
        if m["op"] and cond[max(0, m.start() - 1):m.start()] == "每":
            continue
        chinese_only = not re.search(r"\d", m["val"]) and "分之" not in m["val"] and m["unit"] not in ("%", "‰")
        if chinese_only and not (m["unit"] or m["post"]):
            continue
        try:
            value = value_of(m["val"] + ("%" if m["unit"] == "%" else "‰" if m["unit"] == "‰" else ""))
        except ValueError:
            continue
        try:
            number = cn_number(m["val"].rstrip("%‰ "))  # as written, to compare with the clause's bands
        except ValueError:
            number = None
        op = _op(m, upper, number)
        if m["op"] and op not in lx.REQUIREMENT_OPS and not m["post"] and not _CLOSES.match(cond, m.end()):
            continue
        occurred = not m["op"] and m["unit"] and _OCCURRED.search(cond, 0, m.start())  # 出现两次以上迟报的
        closes = re.match(lx.TRIGGER_END, cond[m.end():].strip("，、")) or re.match(lx.VERB_END, cond[m.end():])
        if op in lx.REQUIREMENT_OPS and not occurred and not closes:
            requirements.append((m.start(), op, value, None))
            continue
        found.append((m.start(), op, value, None))
    for m in _BAND.finditer(cond):
        if re.fullmatch(r"[的者时]?", cond[m.end():].strip("，、")) and m["u1"] in (None, m["u2"]) and m["u2"] not in (
                "名", "位"):  # 11-20名的: a band of ranks (kind 3), no value
            found.append((m.start(), ">=", value_of(m["lo"] + ("%" if m["u2"] == "%" else "")), None))
    back = _BACK_REFERENCE.search(cond)
    if back and requirements and not counted:
        before = [r for r in requirements if r[0] < back.start()]
        pos, op, value, _ = max(before) if before else requirements[-1]
        found.append((pos, lx.INVERT[op], value, None))
    return sorted(found), requirements


# 超过的 / 未达到的 / 否则 alone: the failure of the comparison the clause stated before (…以内的得2分，超过的扣2分).
_BACK_ALONE = re.compile(rf"^(?:(?:{lx.BACK_REFERENCE})的?|否则)$")


def referred(before: str, segment: str, upper: set[float]) -> list:
    """Given the clause before a trigger and the trigger's last piece, return the comparison the piece refers back
    to, inverted, when it says nothing but the failure (超过的, 未达到的, 否则)."""
    if not _BACK_ALONE.match(segment):
        return []
    found, requirements = comparisons(before, upper)
    prior = max(found + requirements, default=None)
    return [(prior[0], lx.INVERT[prior[1]], prior[2], prior[3])] if prior else []


def shortfall(reading: PerReading, cond: str) -> bool:
    """Given a trigger's per reading, tell whether it counts the failure itself: a step (每低1个百分点) or a count
    taken by a change or shortfall (每少一条, 少一次, 每超过一天), not a count of another thing (每笔, 每人)."""
    if reading.step or reading.changed:
        return True
    if reading.at < 0:
        return False
    if cond.startswith("每", reading.at):
        return bool(re.match(rf"每{lx.CHANGE}", cond[reading.at:]))
    return bool(re.search(rf"{lx.CHANGE}$", cond[:reading.at]))


def gated(found: list, source: str, per: str) -> tuple[list, tuple | None]:
    """Given the comparison a failure refers back to before a count per occurrence (…，超出的每笔), return (tiers,
    start): a rate of the whole unit gates the count, a tier with its unit (差错率控制在万分之三以内，超出的每笔 → D7); a
    bound in the counted unit starts the count (不超过5件，超过的每件 → start {>, 5}); a duty each counted one meets
    (每月不少于8小时，未达到的每人次) is what the count counts: neither (D28)."""
    pos, op, value, _ = found[0]
    m = _COMPARISON.match(source, pos)
    if m and (m["unit"] in ("%", "‰", "个百分点") or re.search(r"[%‰]|分之", m["val"])):
        return found, None
    if m and m["unit"] and m["unit"].lstrip("个") == per:
        return [], (op, value)
    return [], None


def metric_at(cond: str, found: list) -> str | None:
    """Given a trigger and its comparisons, return the metric named before the first one."""
    if not found:
        return None
    if found[0][3]:
        return found[0][3]
    from .nlp import metric_before

    return metric_before(cond, found[0][0])


def rate_metric(text: str) -> str | None:
    """Given text, return the last rate it names (执行率), if any."""
    if "率" not in text:
        return None
    from .nlp import metric_before

    return metric_before(text, len(text))
