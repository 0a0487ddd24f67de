"""The self-check on bonus items: one that says how much it adds at most ('最高加3分') but was read without
points is doubted; an open-ended bonus ('每篇加1分') is not. Invented weighted tables written as text."""
from __future__ import annotations

import pytest

from pipeline.extract import extract_table

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
