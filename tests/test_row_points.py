"""Points and weights a row states in its text: a bonus item that says how much it adds at most ("最高加3分")
but was read without points is doubted, an open-ended bonus ("每篇加1分") is not; a share is a weight only
when it is not a target the row measures; items with nothing but names are doubted. Invented tables as text."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from pipeline.extract import extract_table
from pipeline.indicators.check import _names_only
from pipeline.indicators.rows import stated_share

HEAD = "序号\t指标类别\t指标名称\t权重\t评分标准"
ROWS = [
    "1\t财务指标\t利润总额\t40%\t完成目标得满分，每低1%扣权重分的1%",
    "2\t财务指标\t营业收入\t30%\t完成目标得满分",
    "3\t管理指标\t安全生产\t30%\t发生事故的本项不得分",
]
CASES = [
    ("4\t加分项\t创新成果\t—\t获省级奖励的每项加1分，最高加3分", True),
    ("4\t加分项\t创新成果\t—\t获省级奖励的每项加1分", False),
]


@pytest.mark.parametrize("bonus,doubted", CASES, ids=["capped", "open-ended"])
def test_a_capped_bonus_read_without_points_is_doubted(tmp_path, bonus, doubted):
    path = tmp_path / "weights.txt"
    path.write_text("\n".join(["某公司经营业绩考核指标评分表", HEAD, *ROWS, bonus]), encoding="utf-8")
    _, table = extract_table(path)
    bonus_item = [i for i in table.indicators if i.name == "创新成果"]
    assert bonus_item
    said = any("加分项写明了加分" in r for r in table.review_reasons)
    assert said is (doubted and bonus_item[0].points is None)


SHARE_CASES = [
    ("占考核分值40%", 0.4),
    ("权重20%", 0.2),
    ("网上办件占办件总量比例达到60%以上得满分", None),  # a target the row measures
    ("注册人数占常住人口达到15%", None),
    ("建立工作台账", None),
]


@pytest.mark.parametrize("text,share", SHARE_CASES, ids=["share", "weight", "ratio-target", "reach-target", "none"])
def test_a_share_is_a_weight_only_when_it_is_not_a_target(text, share):
    assert stated_share(text) == share


NAMES_ONLY_CASES = [
    ([("基础分", None, None, None), ("加分", None, None, None), ("最终得分", None, None, None)], True),
    ([("建立台账", 5, None, None), ("组织培训", None, None, None)], False),  # points on one item
    ([("利润总额", None, 0.6, None), ("营业收入", None, 0.4, None)], False),  # weights
    ([("建立台账", None, None, "未建立的扣2分"), ("组织培训", None, None, "每少1次扣1分")], False),  # deductions
]


@pytest.mark.parametrize("items,doubted", NAMES_ONLY_CASES, ids=["labels", "points", "weights", "criteria"])
def test_items_with_nothing_but_names_are_doubted(items, doubted):
    """Labels beside blanks (a result sign-off form) read as items: none has points, weight or content."""
    read = [SimpleNamespace(name=n, points=p, weight=w, content=None, criteria=c) for n, p, w, c in items]
    assert bool(_names_only(read)) is doubted
