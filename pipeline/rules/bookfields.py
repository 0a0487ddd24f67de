"""The columns of the rulebook workbook: which model field each one shows, how, and how it reads back."""
from __future__ import annotations

from .. import labels
from ..excel import Column
from . import bookcells as c
from .bookcells import Field


def _same_value(value):
    return value


def _field(key: str, column: Column, show=_same_value, read=c.text) -> Field:
    return Field(key, column, show, read)


def _coded(key: str, header: str, table: dict[str, str], old: dict[str, str] | None = None, hint: str | None = None):
    show, read = c.coded(table, old)
    return Field(key, Column(header, choices=tuple(table.values()), hint=hint), show, read)


ITEM_FIELDS = [
    _field("indicator_id", Column("指标ID", hint="同一指标的几条规则写在相邻行、指标ID相同；新增指标请用新的ID")),
    _field("number", Column("序号", "code")),
    _field("path", Column("类别 ▸ 指标", width=30, hint="各级类别和指标名称，用 ▸ 分开"), c.show_path, c.read_path),
    _field("points", Column("指标分值", "number"), read=c.number),
    _coded("section_role", "部分", labels.SECTION_ROLE),
    _field("department", Column("责任部门")),
    _field("criteria", Column("评分标准", width=50)),
]

ATOM_FIELDS = [
    _field("text", Column("条款", width=40)),
    _coded("kind", "规则类型", labels.KIND, labels.KIND_OLD, hint="扣分、加分为一次性的分值；每次扣分、每次加分按次数乘"),
    _coded("subtype", "规则细类", labels.SUBTYPE, hint="“其他规则”说的是什么：免扣、不重复扣分、每分折合金额 …"),
    _coded("direction", "方向", labels.DIRECTION),
    _field("points", Column("分值", "number", hint="扣或加的分数（正数）"), read=c.number),
    _field("per", Column("计数单位", hint="每次扣分/加分按什么计数：次、件、人次、篇、1% …")),
    _field("start", Column("起点", hint="按步计分从哪里开始，如 <0.95（低于95%的，每下降1个百分点…）"),
           c.show_bound, c.read_bound),
    _field("occurrence", Column("第几次", "int", hint="这一档适用于第几次（第三次及以上写 3）"), read=c.integer),
    _field("cap", Column("上限", "number", hint=f"这条规则最多扣或加多少分；写“{c.ITEM_CAP}”表示扣到本项分值为止"),
           c.show_cap, c.read_cap),
    _field("range", Column("分值范围", hint="区间酌情的幅度，如 1-4"), c.show_range, c.read_range),
    _field("thresholds", Column("阈值", hint="比较符 数值:分值，多档用分号分开，如 <0.9:2; <0.7:4（比率可写 90%，无分值写 -）"),
           c.show_thresholds, c.read_thresholds),
    _coded("hit_policy", "命中方式", labels.HIT_POLICY),
    _field("ranks", Column("名次", hint="如 第1-3名:3; 倒数第1名:-"), c.show_ranks, c.read_ranks),
    _field("grades", Column("等次", hint="如 优秀:满分; 良好:8; 一般:-"), c.show_grades, c.read_grades),
    _field("weights", Column("权重", hint="如 局领导:60%; 科室互评:40%"), c.show_weights, c.read_weights),
    _field("values", Column("分项", hint="各部分的占比或分值，如 季度:20%; 业务考核:70分"), c.show_parts, c.read_parts),
    _field("factor", Column("系数", "number", hint="其他规则的比率：每分折合的元数、加倍的倍数、降低的档数"),
           read=c.number),
    _field("metric", Column("指标量", hint="分档、按比例、按名次的规则比较的量，如 调解成功率")),
    _field("condition", Column("触发条件", width=24)),
    _coded("period", "周期", labels.PERIOD),
    _field("prov", Column("位置", hint="原文中的位置，如 第2页 表1 行3 列5"), c.show_place, c.read_place),
]

SCHEME_GROUP = Column("编号", "int", hint="同一条方案规则的几条子规则写在相邻行、编号相同")
SCHEME_FIELDS = [
    _coded("kind", "类型", labels.SCHEME_RULE),
    _field("applies_to", Column("适用范围", hint="类别或部分的名称，用、分开"), c.show_list, c.read_list),
    _field("cap", Column("封顶分值", "number"), read=c.number),
    _coded("period", "封顶周期", labels.PERIOD),
    _coded("direction", "封顶方向", labels.DIRECTION),
    _field("weights", Column("测评权重", hint="如 局领导:60%; 科室互评:40%"), c.show_weights, c.read_weights),
    _field("grades", Column("等次划分", hint="如 优秀:满分; 良好:8"), c.show_grades, c.read_grades),
    _field("ranks", Column("名次范围", hint="如 第1-3名:3; 倒数第1-3名:-"), c.show_ranks, c.read_ranks),
    _field("reward", Column("奖励")),
    _field("text", Column("原文", width=50)),
    _field("prov", Column("原文位置"), c.show_place, c.read_place),
]

# (label, path in the rulebook's JSON, show, read): the 说明 sheet, one row each.
DOC_FIELDS = [
    ("标题", ("meta", "title"), _same_value, c.text),
    ("文号", ("meta", "doc_number"), _same_value, c.text),
    ("发文机关", ("meta", "issuer"), _same_value, c.text),
    ("年度", ("meta", "year"), _same_value, c.integer),
    ("计分方式", ("meta", "scoring_style"), *c.coded(labels.SCORING_STYLE)),
    ("考评频次", ("meta", "frequency"), *c.coded(labels.FREQUENCY)),
    ("计分期间", ("scoring", "period"), *c.coded(labels.PERIOD)),
    ("汇总方式", ("scoring", "aggregate"), *c.coded(labels.AGGREGATE)),
    ("扣完为止", ("scoring", "item_floor"), c.show_bool, c.read_bool),
    ("基础分", ("scoring", "base_score"), _same_value, c.number),
]
SOURCE_LABEL = "源文件"
# Kinds that say their direction themselves: editing the kind moves the direction with it.
IMPLIED_DIRECTION = {"deduct_fixed": "deduct", "deduct_per": "deduct", "add_fixed": "add", "add_per": "add"}
