"""The words of scoring clauses: units, verbs, comparison words, caps, grades — one place for the grammar."""
from __future__ import annotations

import re

from .numbers import NUM, RATE

# Counting units, longest first so that 人次 wins over 人 and 季度 over 季.
UNITS = sorted(
    ("次 起 件 人 人次 件次 项 条 篇 天 卷 例 名 场 个 月 季度 年 家 所 种 期 批 批次 份 处 宗 日 周 场次 百分点 个百分点"
     " 户 户次 块 台 辆 座 套 张 位 笔 处次").split(),
    key=len,
    reverse=True,
)
UNIT = "(?:" + "|".join(UNITS) + ")"
UNIT_NAME = {"个百分点": "百分点"}  # the written form → the per unit reported
# Per units that also set the period (每月未录入 → month); 逾期一天 counts days, it sets no period.
PERIOD_UNITS = {"月": "month", "季度": "quarter", "年": "year", "周": "week"}

DEDUCT_VERBS = ("扣除", "扣减", "扣", "减去", "减")
ADD_VERBS = ("加", "得", "奖励", "奖", "赋")
# 应得5分/实得4分 report a score, they do not award one.
VERB = "(?:" + "|".join(DEDUCT_VERBS + ADD_VERBS).replace("得", "(?<![应实总])得") + ")"

# Comparison words → op. Longer words first: 不低于 before 低于, 未达到 before 达到.
OP_WORDS: list[tuple[str, str]] = [
    ("不低于", ">="), ("不少于", ">="), ("不超过", "<="), ("不高于", "<="), ("不大于", "<="), ("不小于", ">="),
    ("未达到", "<"), ("没有达到", "<"), ("未达", "<"), ("达不到", "<"), ("低于", "<"), ("少于", "<"), ("不足", "<"),
    ("小于", "<"), ("超过", ">"), ("高于", ">"), ("大于", ">"), ("超出", ">"), ("多于", ">"),
    ("至少", ">="), ("最少", ">="), ("控制在", "<="), ("控降在", "<="), ("保持在", "<="), ("达到", ">="), ("达", ">="),
    ("≥", ">="), (">=", ">="), ("≤", "<="), ("<=", "<="), ("<", "<"), (">", ">"), ("=", "=="),
]
OP_OF = dict(OP_WORDS)
OP = "(?:" + "|".join(w for w, _ in OP_WORDS) + ")"
# Ops that state a requirement rather than a failure: a trigger only when they close the condition.
REQUIREMENT_OPS = {">=", "<="}
# What may follow a requirement comparison that still closes the trigger (达80%的 / 达95%以上或…).
TRIGGER_END = r"^(?:[的者时]|或|且|$)"
POST_OP = {"以上": ">=", "及以上": ">=", "以下": "<=", "及以下": "<=", "以内": "<=", "之内": "<="}
POST = "(?:及以上|及以下|以上|以下|以内|之内)"
INVERT = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
# 超过这一指标 / 未达到该标准: the failure of a requirement stated before.
BACK_REFERENCE = r"(?:超过|超出|高于|低于|未达到|达不到|未达)(?:这一|该|此|上述|以上)?(?:指标|标准|比例|要求|目标)?(?=[的者，]|$)"

# 90%（含）以上 / 90%以上（含）: the bound is included, which the op already says.
INCLUSIVE = r"(?:\(含\)|（含）)"
AMOUNT_RANGE = rf"{NUM}(?:(?:-|至|到){NUM})?"
# What may stand between the verb and the amount: 扣减当月考核分5分, 扣除年度总分3分.
AMOUNT_OBJECT = r"(?:(?:当月|当季|当年|年度|本项|该项)?(?:考核|考评|综合)?(?:总分|得分|分值|考核分|考评分))"
# A comparison may name the base between the word and the value: 低于常住人口万分之六点三.
COMPARISON = rf"(?:(?P<op>{OP})(?:(?!有|的|每|部分|{OP}|[\d，；。、%]).){{0,6}}?)?(?P<val>{RATE}|{NUM})(?P<unit>%|‰|分|个百分点|{UNIT})?{INCLUSIVE}?(?P<post>{POST})?{INCLUSIVE}?"

# Caps: what stays with the clause before it when split off, and what sets an atom's cap.
CAP_PATTERNS = [
    rf"(?:每[月季年周]度?)?(?:本项|此项|该项|本项目)?(?:累计)?(?:最高|最多|至多)可?(?P<verb>扣除|扣|加|得|计)(?P<num>{NUM})分",
    rf"(?:本项|此项|该项|本项目|加分|扣分)?(?:分值)?上限(?:为|是|不超过|不得超过)?(?P<num>{NUM})分",
    rf"(?P<verb>[扣加])[完满](?P<num>{NUM})分为止",
    # 封顶2分 / 2分封顶 / 以5分为限: the bound written as a limit rather than a verb.
    rf"(?:本项|此项|该项|本项目|加分|扣分|得分)?(?:累计)?(?:最高|最多)?封顶(?:为)?(?P<num>{NUM})分",
    rf"(?:本项|此项|该项|本项目|加分|扣分|得分)?(?:累计)?(?:最高|最多)?(?P<num>{NUM})分封顶",
    rf"(?:本项|此项|该项|本项目|加分|扣分|得分)?(?:累计)?(?:最高|最多)?以(?P<num>{NUM})分为限",
    rf"(?:得分|加分|扣分)(?:最多|至多|最高)(?:不超过|为)?(?P<num>{NUM})分",
    rf"(?:最多|至多|最高)(?:得分|加分|扣分)(?:不超过|为)?(?P<num>{NUM})分",
    rf"(?:(?P<verb>加分|扣分|得分)(?:累计)?|累计(?P<verb2>加分|扣分|得分)?)?(?:最多|最高)?不(?:得)?超过(?P<num>{NUM})分",
    rf"(?P<full>满分)(?:为|是)?(?P<num>{NUM})分",
    rf"共(?P<num>{NUM})分(?=，?扣完)",
    r"(?P<item>扣完为止|扣完即止|扣完(?:该|本|此)项(?:目)?(?:分值|分数|得分)?为止|(?:最多|最高)?扣至[0零]分(?:为止)?|直至扣完|扣满为止"
    r"|(?:得分|加分|扣分)?不得?(?:突破|超过)(?:该项|本项|此项)?(?:权重|分值)(?:总额|总分)?"
    r"|以(?:该|本|此)项(?:目)?(?:分值|分数|权重)为限)",
]
CAP = "(?:" + "|".join(re.sub(r"\?P<\w+>", "?:", p) for p in CAP_PATTERNS) + ")"

# Discretion: 视情/酌情/视…情况 before the verb.
DISCRETION = r"(?:视情况|视情节|视情|酌情|根据情况|视[^，；。]{1,12}?(?:情况|程度))"

GRADE_WORDS = (
    "优秀 优良 良好 较好 好 合格 基本合格 不合格 一般 较差 差 中等 中 突出 先进 达标 基本达标 不达标 优胜 鼓励"
).split()
# 一等奖/A档/一类/特等奖, or a grade word with its suffix (优秀等次, 优秀奖).
GRADE = r"(?:[A-Ea-e一二三四五六七八九特][档级等类]奖?|第[一二三四五六]档|" + "|".join(
    sorted(GRADE_WORDS, key=len, reverse=True)) + r")(?:等次|等级|档次|奖)?"

# 扣分/加分 as the head of a noun (扣分情况, 加分项目, 扣分事项) is no cue.
SCORE_NOUN = "[标项制情值事细依原明说申范理规办内条表类]"
# 不扣分 / 不予加分 / 不重复加分 deny an amount.
NOT_NEGATED = "(?<!不)(?<!不再)(?<!不予)(?<!不另)(?<!不重复)(?<!不另行)"
# A bar from an honour or grade, read as a veto: 不得评为优秀/先进, 不得评先评优, 直接定为不合格.
VETO_BAR = (r"不得(?:评为|评定为|确定为|参评|参加)?(?:优秀|先进)(?:等次|单位|集体)?|不得评优(?:评先)?|不得评先(?:评优)?"
            r"|直接(?:定为|评为|确定为|认定为|降为|判定为)(?:不合格|不称职|较差)(?:等次)?"
            r"|(?:考核|考评|等次)(?:结果)?(?:一律)?(?:定为|确定为|认定为|降为)(?:不合格|不称职|较差)(?:等次)?")
# The item's points are lost: 该项不得分, 此项计0分, 该项得分为零.
ZERO = (r"(?:该|本|此)项(?:目)?(?:不得分|不计分|(?:得|计|为)[0零]分|得分为[0零]分?|(?:全部)?分值全部扣除)"
        r"|扣除(?:该|本|此)项(?:目)?(?:的)?全部(?:分值|分数|得分)"
        r"|不得分|(?:得|计)[0零]分|得分为[0零]分?")
SCORING_CUE = (
    rf"{VERB}{NUM}|{NUM}分?(?:扣分|加分)|不得分|否决|倒数|取消[^，；。]{{0,12}}资格|{VETO_BAR}|占{NUM}%|"
    rf"{ZERO}|(?:扣除|扣减|扣)[^，；。]{{0,8}}?{NUM}(?:%|分)|{NOT_NEGATED}[扣加]分(?!{SCORE_NOUN})|视情|酌情|扣$|加$|比例[赋扣加]分|满分"
)
