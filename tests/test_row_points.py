"""Points and weights a row states in its text: a bonus item that says how much it adds at most ("最高加3分")
but was read without points is doubted, an open-ended bonus ("每篇加1分") is not; a share is a weight only
when it is not a target the row measures; labels beside blanks never give a confident table. Invented tables as text."""
from __future__ import annotations

import pytest

from pipeline.extract import extract_table
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


FORMS = [
    "考核结果确认表\n项目\t得分\t备注\n基础分\t\t\n加分\t\t\n扣分\t\t\n最终得分\t\t\n",
    "考核结果签字表\n| 项目 | 得分 | 签字 |\n| 基础分 |  |  |\n| 加分 |  |  |\n| 最终得分 |  |  |\n",
]


@pytest.mark.parametrize("text", FORMS, ids=["tabs", "pipes"])
def test_labels_beside_blanks_never_give_a_confident_table(tmp_path, text):
    """A result or sign-off form read as items would have nothing but names: either no table, or one doubted."""
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    _, table = extract_table(path)
    assert not table.indicators or any("只有名称" in r for r in table.review_reasons), table.review_reasons
