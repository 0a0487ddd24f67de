"""The scoring events a clause is scanned for: one named alternative each, tried in this order at a place."""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon as lx
from .numbers import HALF, NUM
from .other import PATTERNS as OTHER

_ARABIC_RANGE = r"\d+(?:\.\d+)?(?:(?:-|至|到)\d+(?:\.\d+)?)?"
MASK = lx.MASK

# Scoring events, each a named alternative; the scan keeps the earliest one, the first alternative at a place.
ALTERNATIVES = [
    rf"(?P<base>{OTHER['base']})",
    rf"(?P<cap>{lx.CAP})",
    rf"(?P<money>{OTHER['money']})",
    rf"(?P<veto>一票否决(?!{lx.VETO_SYSTEM})|(?<=的)，?[^，；。]{{0,12}}?(?:实行|执行)[^，；。]{{0,6}}?一票否决{lx.VETO_SYSTEM}|直接(?:排名|名次)?(?:为|列为|定为)?倒数(?:第一)?"
    r"|(?:排名|名次)(?:为|列为|定为)倒数(?:第一)?(?![的名])|取消[^，；。]{0,40}?资格(?!条款|制度|规定|情形)"
    rf"|{lx.VETO_BAR})",
    rf"(?P<formula>{OTHER['formula']})",
    rf"(?P<amount>(?:{lx.DISCRETION}(?:予以)?)?(?P<verb>{lx.VERB})(?:{lx.AMOUNT_OBJECT}|(?<=[扣加])分(?=\d))?"
    rf"(?P<amt>{lx.AMOUNT_RANGE}|{MASK}|{HALF})(?P<alist>(?:[、和]{NUM})+(?=分))?(?P<fen>分)?(?:/(?P<slash>{lx.UNIT})|\(每(?P<slash5>{lx.UNIT})\))?)",
    rf"(?P<amount2>(?<![\d.])从?(?P<amt2>{_ARABIC_RANGE})分?(?P<within>以内|之内|内|之间|范围内)?"
    rf"(?:/(?P<slash2>{lx.UNIT}))?(?:予以|酌情|视情|追加|另行|另)?(?P<verb2>扣分|加分|赋分|扣减))",
    # 每次1分 / 每份2分 / 每月次10分: an amount per occurrence written without its verb
    rf"(?P<peramt>每(?P<pn>{NUM})?(?P<punit>{lx.UNIT})(?P<amt3>{NUM}|{HALF})分(?![点之]))",  # 每1个百分点: no amount
    # 迟报的，0.5分/次: the same with the unit after a slash
    rf"(?P<slashamt>(?<![\d.分])(?P<amt6>{NUM})分/(?P<slash4>{lx.UNIT}))",
    # 未签订(责任状)-10分 / +1: a signed cell after its condition
    rf"(?P<signed>(?<=[^\d.a-zA-Z%])(?P<sign>[-+])(?P<amt4>{NUM})分?(?=$|[，；。)]))",
    # 计分标准为1分、2分、3分: bare amounts listed for levels named before
    rf"(?P<blist>(?<![\d.]){NUM}分(?:[、和]{NUM}分){{2,}})",
    rf"(?P<zero>{lx.ZERO})",
    rf"(?P<prop>(?:实行|按照|按)?(?:等比例|(?:实际|超额|完成|相应)比例|比例)"
    r"(?P<pverb>赋分|计分|扣分|加分|得分|折算|打分|扣减|扣除|减分|核减|(?<=[成际额应]比例)计算(?:得分)?)"
    rf"|得分=(?:(?P<ppts3>{NUM})分?[*×xX])?(?:\([^()]*\)|[^，；。)])*?(?:[*×xX](?P<ppts4>{NUM})分)?(?=$|[，；。)])|(?<![\dA-Za-z.])(?P<ppts>{NUM})分?[*×xX](?![\dA-Za-z])[^，；。)]{{0,12}}"
    rf"|[^，；。*×]{{0,16}}+[*×](?P<ppts2>{NUM})分"  # possessive: the class holds no sign, nothing to give back
    # 完成率乘以该项分值: the item's points, not a number; 考核得分乘以15% / 结果折算(成百分制): a conversion
    rf"|(?:[^，；。*×乘]|乘(?!以)){{0,16}}+(?:[*×]|乘以)(?:(?:该项|本项|此项)?(?:指标)?(?:分值|权重|满分|分数)|(?!100%){NUM}%)"
    r"|(?:相应)?(?<!加权)(?P<conv>折算|折合|换算)(?:成|为)?(?P<scale>百分制|十分制)?"
    # 按考核得分的20%计入: a share of another score
    rf"|[按以][^，；。]{{0,16}}?的(?!100%){NUM}%(?:计入|折算|计算|计分))",
    rf"(?P<vague>{lx.DISCRETION}(?:予以)?(?P<vverb>扣分|加分|评分|给分|计分|打分|赋分|扣减|扣除|奖分|减分))",
    r"(?P<full>得满分|给满分|计满分|为满分)",
    # 分为优秀、良好…四个等次 / 分为A、B、C、D四级 (级 only after levels named by letter or grade word: see grammar)
    # 优秀（90分以上）、良好（80-89分）…: a level may carry its band in brackets
    rf"(?P<gcue>(?:分为)?(?P<glist>(?:(?:[^，；。：、\d(]|\([^()]*\))++、)++(?:[^，；。：、\d(]|\([^()]*\))+?|(?:[“\"][^”\"，；。]{{1,8}}[”\"]、?){{2,}})"
    rf"(?P<gn>{NUM})个?(?:等次|档次|档|等级|级)"
    # 考核等次分为好、较好、一般、差: the levels listed after the word, without a count
    rf"|(?:等次|等级|档次)(?:分为|分成|划分为)(?P<glist2>(?:[^，；。：、\d]++、)++[^，；。：、\d]+)(?=$|[，；。])"
    rf"|分[\d一二三四五六七八九]+[档等](?:计分|打分|评分|赋分|考核)?|按[^，；。]{{0,6}}等次(?:计分|打分|评分|赋分))",
    *(rf"(?P<{g}>{OTHER[g]})" for g in ("exempt", "nodouble", "uncapped", "mult", "down", "only")),
    # C级的不加分: a grade's nil amount (alone it states nothing)
    r"(?P<nil>不(?:予|再)?加分)",
    # 优秀10分、良好8分 / 好(5分)、较好(4分) / 全国文明单位10分、省级8分: labelled amounts with no verb (last: an
    # allocation it turns down leaves its place to the others)
    rf"(?P<vlist>{lx.VERBLESS_LIST})",
]
# The costly alternatives can start anywhere; a clause without any of their words skips them (same matches, less work).
_GATES = {
    "cap": ("最高", "最多", "至多", "上限", "为止", "即止", "封顶", "为限", "超过", "突破", "满分", "共", "合计", "总计",
            "扣至", "扣满", "扣完", "原则"),
    "prop": ("比例", "=", "*", "×", "x", "X", "乘以", "折算", "折合", "换算", "%"),
    "gcue": ("档", "等", "级"),
    "slashamt": ("分/",),
    "vlist": ("分、", "分，", "分；", "分)、", "分)，", "分)；"),
}
_GATED = [(i, _GATES.get(re.match(r"\(\?P<(\w+)>", a)[1])) for i, a in enumerate(ALTERNATIVES)]


@lru_cache(maxsize=None)
def _compiled(active: tuple[int, ...]) -> re.Pattern:
    """Given the alternatives a clause may hold, return them as one pattern (at most 2³ of them exist)."""
    return re.compile("|".join(ALTERNATIVES[i] for i in active))


def scan_for(t: str) -> re.Pattern:
    """Given a clause, return the scan pattern without the costly alternatives its words rule out."""
    return _compiled(tuple(i for i, gate in _GATED if gate is None or any(w in t for w in gate)))


OTHER_GROUPS = {"base", "money", "formula", "exempt", "nodouble", "uncapped", "mult", "down", "only"}
AMOUNT_GROUPS = ("amount", "amount2", "peramt", "slashamt", "signed")
