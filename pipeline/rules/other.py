"""Rules that change no points by themselves: one `other` atom with its subtype and the numbers it states."""
from __future__ import annotations

import re

from schemas.rules import Direction, GradeTier, OtherSubtype, RuleAtom, RuleKind, Threshold

from .numbers import NUM, cn_number
from .trigger import comparisons, metric_at, upper_bounds

# One alternative per subtype, joined into the grammar's scan (group names are the subtypes' short names).
PATTERNS = {
    # 未发生…的不扣分 / 月度扣分免扣: nothing is deducted when the condition holds
    "exempt": r"(?:本项|该项|此项)?(?:不扣分|不予扣分|免予扣分|免于扣分|免扣|不作扣分)",
    # 同一问题不重复扣分 / 只扣一次
    # 同一项目按最高级别加分，不累计 / 就高不就低: one event counts once, at its highest level
    "nodouble": r"不(?:再|得)?重复(?:扣分|计分|记分|扣除|加分|计算|扣减|计|扣|记|加)|(?:只|仅)(?:扣|计|记)一次"
                r"|不(?:累计|叠加)(?:扣分|计分|记分|加分|(?=$|[，；。]))|(?:只|仅)?按一次(?:扣分|计分|计算)"
                r"|(?:按|以|取)最高(?:的)?(?:级别|等次|等级|奖项|标准|分值|一项|一次|级)(?:加分|计分|记分|计算|为准)"
                r"(?:，?不(?:重复|累计|叠加)(?:加分|计分|计算)?)?|就高不就低(?:的?原则)?(?:加分|计分|记分)?",
    # 扣分不封顶，可扣至负分: one rule however many ways it is said
    "uncapped": r"(?:(?:扣分|加分)?(?:上不封顶|不封顶)|不设(?:加分|扣分)?上限)(?:，?(?:可以?|允许)?扣(?:至|为|成)负分)?"
                r"|(?:可以?|允许)?扣(?:至|为|成)负分"
                # 扣分超过本项分值的，从总分中扣除: what the item cannot hold comes off the total
                r"|(?:扣分)?(?:超过|超出)(?:本项|该项|此项)(?:分值|分数)的?(?:部分)?，?(?:从|在)(?:总分|综合得分|考核总分)中"
                r"(?:继续)?(?:扣除|扣减|倒扣)",
    # 扣分加倍 / 超标加倍扣除 / 按2倍扣分 (原扣2分的现扣4分 is the example of the factor)
    "mult": rf"(?:(?:扣分|加分|扣除|分值|记分)?(?:加倍|翻倍|双倍)(?:扣分|扣除|计分|记分|计算|加分)?"
            rf"|(?:按|以)(?:[^，；。\d]{{0,8}}?的)?(?P<mfac>{NUM})倍(?:扣分|扣除|计分|记分|计算))"
            rf"(?:[，(]?(?:如|即)?原[扣加](?P<was>{NUM})分的?，?现[扣加](?P<now>{NUM})分\)?)?",
    # 年度考核等次降低一个档次 / 降一档
    "down": rf"(?:等次|等级|档次)?(?:降低|下降|下调|降)(?P<dn>{NUM})?个?(?:档次|等次|档|等级)",
    # 只减分不加分 / 本项目只作扣分，不作加分
    "only": r"只(?:作|做)?(?:减|扣)分?，?不(?:作|做)?加分?|只(?:作|做)?加分?，?不(?:作|做)?(?:减|扣)分?",
    # 每1分折合奖金100元 / 100元/分
    # 按每分80元计发 / 每分值100元 / 每得1分奖励50元: the money may follow the point directly
    "money": rf"每(?:得|计)?(?:{NUM})?分(?:值)?(?:(?:折合|折算|计|兑现|奖励|奖|合|对应|按|为)[^，；。\d]{{0,8}}?)?"
             rf"(?P<cash>{NUM})(?P<wan>万)?元"
             rf"|(?<![\d.])(?P<cash2>{NUM})(?P<wan2>万)?元/分",
    # 基础分为60分 / 总分为100分，实行扣分制
    "base": rf"(?:基础分|基本分|基准分|底分)(?:为|是|设为|定为)?(?P<bnum>{NUM})分"
            rf"|(?:总分|满分)(?:为|是)?(?P<bnum2>{NUM})分(?=[^。；]{{0,12}}?(?:扣分制|倒扣))",
    # 得分=各单项目标分值-扣分+加分: the usual arithmetic written out
    "formula": r"(?:得分|成绩|总分)=(?![^，；。]*[×÷*/])(?=[^，；。]*(?:扣分|加分|扣减分|奖励分|减分))[^，；。]*",
}
SUBTYPE = {"exempt": OtherSubtype.EXEMPT, "nodouble": OtherSubtype.NO_DOUBLE_COUNT, "uncapped": OtherSubtype.UNCAPPED,
           "mult": OtherSubtype.MULTIPLIER, "down": OtherSubtype.DOWNGRADE, "money": OtherSubtype.MONEY_PER_POINT,
           "base": OtherSubtype.BASE_SCORE, "formula": OtherSubtype.FORMULA}
# What the scorer does with `other` atoms (pipeline/scoring): fired by an event, or read where they stand (in an
# item, in the scheme's rules); lint reports the rest as needing a person.
FIRED = {OtherSubtype.EXEMPT, OtherSubtype.MULTIPLIER, OtherSubtype.DOWNGRADE}
APPLIED_IN_ITEM = FIRED | {OtherSubtype.BASE_SCORE, OtherSubtype.UNCAPPED, OtherSubtype.DEDUCT_ONLY,
                           OtherSubtype.ADD_ONLY, OtherSubtype.NO_DOUBLE_COUNT}
APPLIED_IN_SCHEME = FIRED | {OtherSubtype.BASE_SCORE, OtherSubtype.NO_DOUBLE_COUNT, OtherSubtype.GRADE_MAP,
                             OtherSubtype.MONEY_PER_POINT}
# Qualifiers of the clause's amounts: with an amount atom beside them they say nothing more (出现一例扣3分,不封顶).
QUALIFIERS = {OtherSubtype.EXEMPT, OtherSubtype.UNCAPPED}
# 90分以上为优秀 / 总得分≥80分为良好 / 60分以下为不合格单位: a score band named as a grade.
_NAMED = re.compile(r"(?:的)?(?:为|评为|评定为|确定为|定为|列为|认定为|記為|记为)(?P<grade>[^，；。、\d]{1,12})$")


def other_fields(group: str, m: re.Match) -> dict:
    """Given a subtype group and its match, return the atom fields it states (subtype, direction, numbers)."""
    subtype = OtherSubtype.DEDUCT_ONLY if group == "only" and re.match(r"只(?:作|做)?[减扣]", m.group()) else (
        OtherSubtype.ADD_ONLY if group == "only" else SUBTYPE[group])
    text = m.group()
    fields: dict = {"subtype": subtype}
    if subtype in (OtherSubtype.MULTIPLIER, OtherSubtype.UNCAPPED, OtherSubtype.DEDUCT_ONLY):
        fields["direction"] = Direction.ADD if (subtype is OtherSubtype.UNCAPPED and "扣" not in text) or (
            subtype is OtherSubtype.MULTIPLIER and "加分" in text and "扣" not in text) else Direction.DEDUCT
    if subtype is OtherSubtype.ADD_ONLY:
        fields["direction"] = Direction.ADD
    if subtype is OtherSubtype.MULTIPLIER:
        if m["was"] and m["now"] and cn_number(m["was"]):
            fields["factor"] = cn_number(m["now"]) / cn_number(m["was"])
        else:
            fields["factor"] = cn_number(m["mfac"]) if m["mfac"] else 2.0
    elif subtype is OtherSubtype.DOWNGRADE:
        fields["factor"] = cn_number(m["dn"]) if m["dn"] else 1.0
    elif subtype is OtherSubtype.MONEY_PER_POINT:
        money = m["cash"] or m["cash2"]
        fields["factor"] = cn_number(money) * (10000 if (m["wan"] or m["wan2"]) else 1)
    elif subtype is OtherSubtype.BASE_SCORE:
        fields["points"] = cn_number(m["bnum"] or m["bnum2"])
    return fields


def grade_map(t: str, shown: str) -> RuleAtom | None:
    """Given a clause with no amounts, return the score bands it names as grades (90分以上为优秀…), if any."""
    upper = upper_bounds(t)
    thresholds, grades, metric, pos = [], [], None, 0
    for piece in re.split(r"([，；])", t):
        named = _NAMED.search(piece)
        if named and piece not in "，；":
            found, _ = comparisons(piece[:named.start()], upper)
            if len(found) != 1:
                return None
            thresholds.append(Threshold(op=found[0][1], value=found[0][2]))
            grade = shown[pos + named.start("grade"):pos + named.end("grade")]
            grades.append(GradeTier(grade=re.sub(r"(?:等次|等级)$", "", grade)))
            metric = metric or metric_at(piece[:named.start()], found)
        pos += len(piece)
    if not thresholds:
        return None
    return RuleAtom(kind=RuleKind.OTHER, subtype=OtherSubtype.GRADE_MAP, thresholds=thresholds, grades=grades,
                    metric=metric, text=t)
