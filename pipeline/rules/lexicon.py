"""The words of scoring clauses: units, verbs, comparison words, caps, grades — one place for the grammar."""
from __future__ import annotations

import re

from .numbers import NUM, RATE

# Counting units, longest first so that 人次 wins over 人 and 季度 over 季.
UNITS = sorted(
    ("次 起 件 人 人次 件次 项 条 篇 天 卷 例 名 场 个 月 季度 年 家 所 种 期 批 批次 份 处 宗 日 周 场次"
     " 户 户次 块 台 辆 座 套 张 位 笔 处次 项次 台次 辆次 车次 架次 篇次 月次 小时 分钟 岁 株 棵 只 头 本 册"
     " 小点 小项 课时 学时 栋 间 工作日 封 页 幢 层 艘 趟 遍 枚 部 首 幅 则").split(),
    key=len,
    reverse=True,
)
# Units that begin other words: 一部分 / 每部门 are no count of 部 (a work: 采用一部 / 每部微视频).
_GUARDED = {"部": "部(?![分门署委队位])"}
_UNIT_ALT = "|".join(_GUARDED.get(u, u) for u in UNITS)
UNIT = f"(?:{_UNIT_ALT})(?:/(?:{_UNIT_ALT}))?"  # 每一项/次: a pair is one unit
# 一个月 / 每个季度 / 15个工作日: 个 is the measure word of the unit, not the unit.
MEASURE_WORD = r"(?:个(?=月|季度|小时|工作日))?"
# Units of a measured quantity: a step of one keeps its size (每下降3%, 每差1微克/立方米, 每低1分).
MEASURES = sorted(
    ("% ‰ 个百分点 百分点 分 微克/立方米 毫克/立方米 立方米 平方米 平方公里 公里 千米 米 吨 千克 公斤 元 万元 亿元"
     " 亩 公顷 千瓦时 度 株").split(),
    key=len,
    reverse=True,
)
MEASURE = "(?:" + "|".join(re.escape(m) for m in MEASURES) + ")(?!钟)"  # 每超1分钟 counts minutes, not points
# A measured step is taken by a change: 每下降1个百分点, 每超过1小时, 每滞后序时进度1%, 每铲除200株.
CHANGE = ("(?:下降|降低|低于|低|少于|少|相差|差|提高|提升|增加|增长|上升|超过|超出|超期|超|高于|高|多|滞后|落后|减少|"
          "缺少|缺|晚报|迟报|晚|迟|逾期|延误|延迟|拖延|下滑|回落|偏离|降|升|增|减|欠)")
# Per units that also set the period (每月未录入 → month); 逾期一天 counts days, it sets no period.
PERIOD_UNITS = {"月": "month", "季度": "quarter", "年": "year", "周": "week"}

DEDUCT_VERBS = ("扣除", "扣减", "扣罚", "扣", "核减", "核扣", "倒扣", "减去", "减", "罚")
ADD_VERBS = ("加", "得", "奖励", "奖", "赋", "计", "记")


def deducts(verb: str) -> bool:
    """Given a scoring verb (扣, 减去, 罚, a minus sign, 扣分 of a cap), tell whether it deducts."""
    return verb.startswith(("扣", "减", "罚", "核", "倒", "-"))


# 应得5分/实得4分 report a score, they do not award one; 累计3次/合计12分/登记 are no award either.
VERB = "(?:" + "|".join(DEDUCT_VERBS + ADD_VERBS).replace("得", "(?<![应实总])得").replace(
    "计", "(?<![累合共统总小估预设])计").replace("记", "(?<![登笔标日])记") + ")"
# A trigger that states a failure: a bare amount after it deducts (未签订 -10分, 每月次10分 after 扣分…).
FAILURE = r"(?:未|没有|没|不|无|缺|少|漏|迟|错|违|瞒|谎|差|超|逾期|拒)"

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
TRIGGER_END = r"^(?:[的者时](?![^，；。扣加得减计记不视酌每])|或|且|$)"  # 10万元以上的村占比…: 的 + a noun qualifies it
# 60%及以上解决的: a short verb right after the value may close the trigger too; before a per amount, a failure
# (逾期一个月以上仍未办结的，每件再扣2分 — D7; 日均30分以上学习任务的，每人… describes the task).
VERB_END = r"^(?:[^，；。、\d]{1,4}[的者时]$|[^，；。、\d]{0,3}(?:未|没有|不)[^，；。、\d]{1,4}[的者时](?=，每))"
POST_OP = {"以上": ">=", "及以上": ">=", "以下": "<=", "及以下": "<=", "以内": "<=", "之内": "<="}
# Units a compared value may carry besides counts and rates (5000元以上, 100-300平方米).
# (40DDDs, 5mg/L, 2kWh: a unit in Latin letters, two at least, so that 3A级 stays a level)
VALUE_UNIT = (r"(?:[A-Za-z]{2,}(?:/[A-Za-z]+)?|万元|亿元|元|微克/立方米|毫克/立方米|立方米|平方米|平方公里|公里|千米|米|吨|公斤|千克|亩|公顷|"
              r"千瓦时|人民币)")
POST = "(?:及以上|及以下|以上|以下|以内|之内)"
INVERT = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
# 超过这一指标 / 未达到该标准: the failure of a requirement stated before.
BACK_REFERENCE = r"(?:超过|超出|高于|低于|未达到|达不到|未达)(?:这一|该|此|上述|以上)?(?:指标|标准|比例|要求|目标)?(?=[的者，]|$)"

# 90%（含）以上 / 90%以上（含）: the bound is included, which the op already says.
INCLUSIVE = rf"\(含(?:本数|{NUM}(?:%|分|个百分点)?)?\)"
AMOUNT_RANGE = rf"{NUM}(?:(?:-|至|到){NUM})?"
# What may stand between the verb and the amount: whose score or which one (扣减当月考核分5分, 核减该项目得分2分,
# 扣县（市、区）3分, 扣所在单位年度考核分1分).
_HOLDER = (r"(?:(?:该|本|此|所在|责任|相关|属地)?(?:项目|项|指标|单位|部门|乡镇|街道|县|市|区|镇|乡|村|社区|科室|司法所|"
           r"派出所|网点|支行|门店|企业|公司|医院|学校|院系|中心|站|所|队)(?:\([^()]{1,10}\))?的?)")
_SCORE = r"(?:(?:当月|当季|当年|年度|月度|季度)?(?:考核|考评|综合|绩效)?(?:总分|得分|分值|考核分|考评分|分数)|基本分|基础分)"
AMOUNT_OBJECT = rf"(?:{_HOLDER}?{_SCORE}|{_HOLDER})"
# A comparison may name the base between the word and the value: 低于常住人口万分之六点三.
COMPARISON = (rf"(?:(?P<op>{OP})(?:(?!有|的|每|部分|{OP}|[\d，；。、%]).){{0,6}}?)?(?P<val>{RATE}|{NUM})"
              rf"(?P<unit>%|‰|个百分点|{VALUE_UNIT}|{MEASURE_WORD}{UNIT}|分)?(?P<inc>{INCLUSIVE})?(?P<post>{POST})?(?P<inc2>{INCLUSIVE})?")

MASK = r"[*xX]{1,4}"  # 得*分 / 扣xx分: a number the copy hides
# Caps: what stays with the clause before it when split off, and what sets an atom's cap. A cap that names its
# verb (最多扣, 加分最多) bounds the amounts of that direction only; a masked one (最高扣xx分) bounds nothing known.
CAP_PATTERNS = [
    rf"(?:每[月季年周]度?)?(?:本项|此项|该项|本项目)?(?:累计)?(?:最高|最多|至多)(?:只|仅)?可?"
    rf"(?P<verb>扣除|扣减|扣|减|加|得|计|记|奖励|奖)(?:(?<=加)至)?(?:(?P<num>{NUM})|(?P<mask>{MASK}))分",
    rf"(?:本项|此项|该项|本项目)?(?:最高|最多|至多)(?:为|不超过)?(?P<num>{NUM})分",  # 每次2分，最多6分
    # 扣分上限：安全环保15分，节能5分 — a labelled list of caps (the further ones follow in the grammar)
    rf"(?:本项|此项|该项|本项目|(?P<verb>加分|扣分))?(?:分值)?上限(?:为|是|不超过|不得超过|：[^，；。\d]{{0,8}}?)?(?P<num>{NUM})分",
    rf"(?P<verb>[扣加])[完满](?:本项|该项|此项)?(?P<num>{NUM})分为止",
    # 封顶2分 / 2分封顶 / 以5分为限: the bound written as a limit rather than a verb.
    rf"(?:本项|此项|该项|本项目|加分|扣分|得分)?(?:累计)?(?:最高|最多)?封顶(?:为)?(?P<num>{NUM})分",
    rf"(?:本项|此项|该项|本项目|加分|扣分|得分)?(?:累计)?(?:最高|最多)?(?<![\d.])(?P<num>{NUM})分封顶",
    rf"(?:本项|此项|该项|本项目|加分|扣分|得分)?(?:累计)?(?:最高|最多)?以(?P<num>{NUM})分为限",
    rf"(?P<verb>得分|加分|扣分)(?:最多|至多|最高)(?:不超过|为)?(?P<num>{NUM})分",
    rf"(?:最多|至多|最高)(?P<verb>得分|加分|扣分)(?:不超过|为)?(?P<num>{NUM})分",
    rf"(?:(?P<verb>加分|扣分|得分)(?:累计)?|累计(?P<verb2>加分|扣分|得分)?)?(?:最多|最高)?不(?:得)?超过(?P<num>{NUM})分",
    rf"(?P<full>满分)(?:为|是)?(?P<num>{NUM})分",
    rf"共(?P<num>{NUM})分(?=，?扣完)",
    # 全年合计12分 / 共计5分 after a per rule: the most it adds up to
    rf"(?P<verb>加分|扣分|得分)?(?:全年|年度|全年度|本项|累计)?(?:合计|共计|总计)(?:最多|最高|不超过)?(?P<num>{NUM})分",
    r"(?P<verb>加分|扣分|得分)(?:累计)?不得?(?:突破|超过)(?P<item>(?:该项|本项|此项)?(?:权重|分值)(?:总额|总分)?)(?!的?[\d百])",
    r"(?P<item>扣完为止|扣完即止|以扣完(?:该|本|此)项(?:目)?(?:分值|分数)?为(?:原则|止|限)|扣完(?:该|本|此)项(?:目)?(?:分值|分数|得分)?为止|(?:最多|最高)?扣至[0零]分(?:为止)?|直至扣完|扣满为止"
    r"|(?:得分|加分|扣分)?不得?(?:突破|超过)(?:该项|本项|此项)?(?:权重|分值)(?:总额|总分)?(?!的?[\d百])"
    r"|(?:最多|最高)扣(?:完|至)?(?:该|本|此)项(?:目)?(?:分值|分数)(?:为止)?(?!的?[\d百])"
    r"|以(?:该|本|此)项(?:目)?(?:分值|分数|权重|满分)为限)",
]
CAP = "(?:" + "|".join(re.sub(r"\?P<\w+>", "?:", p) for p in CAP_PATTERNS) + ")"
# 最高扣xx分 / 上限**分: a cap whose number the copy hides (the atom keeps cap null; lint asks a person).
MASKED_CAP = rf"(?:最高|最多|至多|上限|封顶)[^，；。\d]{{0,4}}?{MASK}分"

# Discretion: 视情/酌情/视…情况 before the verb.
DISCRETION = r"(?:视情况|视情节|视情|酌情|根据情况|视[^，；。]{1,12}?(?:情况|程度))"

GRADE_WORDS = (
    "优秀 优良 良好 较好 好 合格 基本合格 不合格 一般 较差 差 中等 中 突出 先进 达标 基本达标 不达标 优胜 鼓励"
    " 称职 基本称职 不称职 优 良 满意 基本满意 较满意 不满意 非常满意"
).split()
# 一等奖/A档/一类/特等奖/五星/红色 (a risk level), or a grade word with its suffix (优秀等次, 优秀奖).
GRADE = r"(?:(?:[1-5]A|A{2,5})级|[A-Ea-e一二三四五六七八九特甲乙丙丁][档级等类]奖?|第[一二三四五六]档|[一二三四五]星级?|[红橙黄蓝绿]色|" + "|".join(
    sorted(GRADE_WORDS, key=len, reverse=True)) + r")(?:等次|等级|档次|奖)?"

# An amount with its label and no verb, opening its piece: 优秀10分 / 良好的8分 / “好”(5分) / 一级馆5分 / 省级8分
# (a list of them is read when the labels are levels or levels of an awarding body: lists.verbless_kind).
VERBLESS_ITEM = (r"(?:(?<![^，；：、(为是])|(?<=其中)|(?=[“\"]))[“\"]?(?P<label>(?:[^，；：、。\d()“”\"每扣加减得计记罚*奖为是]|奖(?![\d励])|[1-5](?=A))"
                 rf"{{1,8}}?)[”\"]?(?:的|者|为|：)?\(?(?P<num>{NUM})分\)?(?=$|[、，；。)])")
VERBLESS_LIST = "(?:{0})(?:[、，；](?:{0}))+".format(re.sub(r"\?P<\w+>", "?:", VERBLESS_ITEM))

# 扣分/加分 as the head of a noun (扣分情况, 加分项目, 扣分事项) is no cue.
SCORE_NOUN = "[标项制情值事细依原明说申范理规办内条表类]"
# 不扣分 / 不予加分 / 不重复加分 deny an amount.
NOT_NEGATED = "(?<!不)(?<!不再)(?<!不予)(?<!不另)(?<!不重复)(?<!不另行)(?<!不倒)"
# A bar from an honour or grade, read as a veto: 不得评为优秀/先进, 不得评先评优, 直接定为不合格.
VETO_BAR = (r"不得(?:评为|评定为|确定为|参评|参加)?(?:优秀|先进)(?:等次|单位|集体)?|不得(?:参加|参与)?评(?:优|先)(?:评(?:优|先))?"
            r"|直接(?:定为|评为|确定为|认定为|降为|判定为)(?:不合格|不称职|较差)(?:等次)?"
            r"|(?:考核|考评|等次)(?:结果)?(?:一律)?(?:定为|确定为|认定为|降为)(?:不合格|不称职|较差)(?:等次)?")
# The item's points are lost: 该项不得分, 此项计0分, 该项得分为零.
ZERO = (r"(?:该|本|此)项(?:目)?(?:不得分|不计分|(?:得|计|为)[0零]分|得分为[0零]分?|(?:全部)?分值全部扣除)"
        r"|扣除(?:(?:该|本|此)项(?:目)?(?:的)?)?全部(?:分值|分数|得分)|扣除(?:该|本|此)项(?:目)?(?:分值|分数|得分)(?![的\d])"
        # 本项全扣 / 未建立台账的全扣 / 本项分值扣完后(另扣10分): the item's points are gone
        r"|(?:(?:该|本|此)项(?:目)?(?:分值|分数)?|(?<=的))全扣(?:除)?(?![\d一二三四五六七八九十])"
        r"|(?:该|本|此)项(?:目)?(?:分值|分数|得分)?扣完后"
        r"|(?:该|本|此)项(?:目)?[0零]分(?![\d.至-])"
        r"|不得分|不计分|(?:得|计)[0零]分|得分为[0零]分?")
# 实行“一票否决”制度 names the system; it vetoes nobody by itself.
VETO_SYSTEM = r"[”\"’]?(?:工作|管理|考核)?(?:制度|制(?!定)|机制|条款|规定|办法|清单)"
SCORING_CUE = (
    rf"{VERB}{NUM}|(?<![\d.]){NUM}分?(?:扣分|加分)|不得分|否决(?!{VETO_SYSTEM})|(?:扣除|扣减|扣)相应(?:的)?(?:分值|分数|分)|倒数|取消[^，；。]{{0,40}}资格(?!条款|制度|规定|情形)|{VETO_BAR}|占{NUM}%|"
    rf"{ZERO}|(?:扣除|扣减|扣|核减)[^，；。]{{0,8}}?{NUM}(?:%|分)|{NOT_NEGATED}[扣加]分(?!{SCORE_NOUN})|视情|酌情|扣$|(?<![增追参附叠施添更])加$|比例[赋扣加]分|满分"
)
