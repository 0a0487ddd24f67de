"""Chinese labels for the codes people see in workbooks, reports and messages: one table per code list.

Each table maps a code (schemas/) to the label shown; ``code_of`` reads a label back (older labels too)."""
from __future__ import annotations

KIND = {
    "deduct_fixed": "扣分", "deduct_per": "每次扣分", "add_fixed": "加分", "add_per": "每次加分",
    "zero_item": "该项不得分", "proportional": "按比例", "tiered": "分档", "discretionary": "区间酌情",
    "rank": "按名次", "grade": "按等次", "veto": "一票否决", "cap_only": "仅上限", "weight": "权重",
    "other": "其他规则", "unparsed": "无法解析",
}
SUBTYPE = {
    "exempt": "免扣", "no_double_count": "不重复扣分", "money_per_point": "每分折合金额", "grade_map": "分数对应等次",
    "base_score": "基础分", "uncapped": "不封顶", "multiplier": "加倍", "downgrade": "降档", "deduct_only": "只扣不加",
    "add_only": "只加不扣", "formula": "计分公式",
}
# Labels earlier versions wrote (rulebook workbooks people still have), read as the same codes.
KIND_OLD = {"固定扣分": "deduct_fixed", "按次扣分": "deduct_per", "固定加分": "add_fixed", "按次加分": "add_per",
            "酌情": "discretionary", "视情": "discretionary", "否决": "veto", "封顶": "cap_only", "加权": "weight",
            "未解析": "unparsed"}
DIRECTION = {"deduct": "扣分", "add": "加分"}
PERIOD = {"month": "月", "quarter": "季度", "year": "年", "week": "周", "day": "日"}
PERIOD_EACH = {"month": "每月", "quarter": "每季度", "year": "每年", "week": "每周", "day": "每日"}
HIT_POLICY = {"max": "取最严一档", "first": "取第一档", "sum": "各档相加"}
SECTION_ROLE = {"base": "基础指标", "bonus": "加分项目", "bottom_line": "突破底线扣分", "form": "表单",
                "results": "结果", "note": "备注"}
SCHEME_RULE = {"category_cap": "类别封顶", "base_points": "满分", "bonus_cap": "加分上限", "rater_weights": "测评权重",
               "grades": "等次", "grade_bar": "不得评优", "rank_reward": "名次奖励", "veto": "一票否决",
               "general": "一般"}
SCORING_STYLE = {"deduction": "扣分制", "add_deduct": "加扣分制", "percentage": "百分制", "unknown": "未写明"}
FREQUENCY = {"monthly": "月度", "quarterly": "季度", "yearly": "年度", "unknown": "未写明"}
DOC_KIND = {"scheme": "考评方案", "results": "自评表/整改方案", "other": "其他"}
AGGREGATE = {"sum": "各期相加", "mean": "各期平均"}


def label(table: dict[str, str], code) -> str | None:
    """Given a label table and a code (or enum), return its label; unknown codes pass through."""
    if code is None:
        return None
    code = getattr(code, "value", code)
    return table.get(code, code)


def code_of(table: dict[str, str], text, old: dict[str, str] | None = None) -> str | None:
    """Given a label table and a cell (label, code or older label), return the code; None if unknown."""
    value = str(text).strip()
    if value in table:
        return value
    for code, shown in table.items():
        if shown == value:
            return code
    return (old or {}).get(value)
