"""The contract decisions of the rules issue's second round (clauses README D21-D25), each on wordings of our own
besides the one that raised it; and lint of a masked cap."""
from __future__ import annotations

import pytest

from pipeline.rules import parse_clause
from pipeline.rules.evaluate import comparable
from pipeline.rules.lint import lint_rulebook
from schemas.rules import RuleItem, Rulebook

from test_rules_parse import A

# D21: a band that awards nothing closes a table of awards as a tier of 0; after deductions, or alone, it is zero_item
ZERO_BANDS = [
    ("95%以下的不得分", [A("zero_item", thresholds=[("<=", 0.95, None)])]),
    ("准确率95%以上的得2分，90%-95%的得1分，90%以下的不得分",
     [A("tiered", thresholds=[(">=", 0.95, 2), (">=", 0.9, 1), ("<", 0.9, 0)])]),
    ("评议得分90分以上的加2分，80-90分的加1分，80分以下的不加分",
     [A("tiered", thresholds=[(">=", 90, 2), (">=", 80, 1), ("<", 80, 0)])]),
    ("优良率95%以上得3分，90%至95%得2分，90%以下得0分", [A("tiered", thresholds=[(">=", 0.95, 3), (">=", 0.9, 2),
                                                                    ("<", 0.9, 0)])]),
    ("年报公示率达到90%的得1分，未达到的不得分", [A("tiered", thresholds=[(">=", 0.9, 1), ("<", 0.9, 0)])]),
    ("经费5000元以上的记2分，否则不计分", [A("tiered", thresholds=[(">=", 5000, 2), ("<", 5000, 0)])]),
    ("完成率低于90%的扣2分，低于80%的扣4分，低于70%的本项不得分",
     [A("tiered", thresholds=[("<", 0.9, 2), ("<", 0.8, 4)]), A("zero_item", thresholds=[("<", 0.7, None)])]),
    ("达到省定标准的得3分，未达到的不得分", [A("add_fixed", 3), A("zero_item")]),  # no number: no tier
]
# D22: a trigger that says nothing but the failure refers back to the comparison before it
BACK_REFERENCES = [
    ("每年开展普法活动不少于2次，未达到的扣1分", [A("tiered", thresholds=[("<", 2, 1)])]),
    ("覆盖率需达到100%，达不到的扣2分", [A("tiered", thresholds=[("<", 1.0, 2)])]),
    ("受害率控制在0.9‰以内的得2分，超过的扣2分",
     [A("tiered", thresholds=[("<=", 0.0009, 2)]), A("tiered", thresholds=[(">", 0.0009, 2)])]),
    ("平均办案天数控制在30天以内，超出的扣1分", [A("tiered", thresholds=[(">", 30, 1)])]),
    # D5 stands: a counted shortfall is per, a failure in its own words is fixed
    ("全年开展不少于4场次，少一次扣0.5分", [A("deduct_per", 0.5, "次")]),
    ("办结率不低于95%，未达标的扣2分", [A("deduct_fixed", 2)]),
    ("每半年不少于一次，未开展的扣1分", [A("deduct_fixed", 1)]),
]
# D23: a cap that names its verb bounds that direction only; a masked cap is none
CAPS = [
    ("违规问题每件扣1分，整改到位的每件加0.5分，加分最多2分", [A("deduct_per", 1, "件"), A("add_per", 0.5, "件", cap=2)]),
    ("每处隐患扣0.2分，扣分最多2分，主动上报的每处加0.1分", [A("deduct_per", 0.2, "处", cap=2), A("add_per", 0.1, "处")]),
    ("每次扣1分，表现突出的每次加1分，加分最高3分", [A("deduct_per", 1, "次"), A("add_per", 1, "次", cap=3)]),
    ("高出均值每1个百分点加0.1分，每低1个百分点扣0.1分，加减分均以2分为限",
     [A("add_per", 0.1, "1个百分点", cap=2), A("deduct_per", 0.1, "1个百分点", cap=2)]),
    ("每少一人扣0.1分，最多只扣2分", [A("deduct_per", 0.1, "人", cap=2)]),
    ("每条加0.1分，最多加至2分", [A("add_per", 0.1, "条", cap=2)]),
    ("最高扣至0分", [A("cap_only", cap="item")]),
    ("每少一次扣0.2分，最高扣 xx 分", [A("deduct_per", 0.2, "次")]),
    ("每项加0.5分，最高加**分", [A("add_per", 0.5, "项")]),
]
# D24: per readings
PER_READINGS = [
    ("违规资金每万元扣0.1分", [A("deduct_per", 0.1, "1万元")]),
    ("挤占资金每十万元扣0.5分", [A("deduct_per", 0.5, "10万元")]),
    ("抽查不合格的每家扣2分，基本合格的每家扣1分", [A("deduct_per", 2, "家"), A("deduct_per", 1, "家")]),
    ("评定为优秀的每人加1分，良好的每人加0.5分", [A("add_per", 1, "人"), A("add_per", 0.5, "人")]),
    ("获国家级、省级、市级表彰的，分别加5、3、1分", [A("add_fixed", 5), A("add_fixed", 3), A("add_fixed", 1)]),
    ("获评优秀、良好、合格的，分别加3分、2分、1分", [A("grade")]),
    ("两项指标均下降的得3分，一项下降的得1.5分", [A("add_fixed", 3), A("add_fixed", 1.5)]),
    ("每起案件扣1分", [A("deduct_per", 1, "起")]),
    ("每个案件扣1分", [A("deduct_per", 1, "件")]),
    ("台账每缺一个月扣0.5分", [A("deduct_per", 0.5, "月")]),
    ("发案数超过20起的，每增加1起扣0.5分", [A("deduct_per", 0.5, "起", start=(">", 20))]),
    ("报送信息低于5条的，每少1条扣0.2分", [A("deduct_per", 0.2, "条", start=("<", 5))]),
    ("办结率低于95%的，每件扣0.5分", [A("tiered", per="件", thresholds=[("<", 0.95, 0.5)])]),  # D7 stands
]
# D25: proportions, other rules, system names
PROPORTIONS_AND_OTHERS = [
    ("完成目标的得3分，未完成的按完成比例得分", [A("add_fixed", 3), A("proportional", 3)]),
    ("拨付率达到90%的得3分，未达到的按实际比例得分", [A("tiered", thresholds=[(">=", 0.9, 3)]), A("proportional", 3)]),
    ("录用加4分，超额完成的按超额比例加分，最高加4分", [A("add_fixed", 4, cap=4), A("proportional", cap=4)]),
    ("按实际调整比例扣分", [A("proportional")]),
    ("按未完成任务的比例扣减本项分值", [A("proportional")]),
    ("扣分不封顶，可扣至负分", [A("other", subtype="uncapped")]),
    ("未按规定落实整改的，扣除相应分值", [A("unparsed")]),
    ("考核结果为优秀的，绩效系数为1.2，称职的为1.0，基本称职的为0.8", [A("grade")]),
    ("考核结果分为优秀、称职、基本称职、不称职四个等次，绩效系数分别为1.2、1.0、0.8、0", [A("grade")]),
    ("禁毒工作实行“一票否决”制度", []),
    ("建立健全“一票否决”工作机制", []),
    ("对发生群体性事件的乡镇实行一票否决制度", [A("veto")]),
    ("未落实“一票否决”制度的扣1分", [A("deduct_fixed", 1)]),
    ("建立市、县、乡三级网格", []),
    ("经营业绩考核结果分为A、B、C、D四级", [A("grade")]),
]
DIRECTIONS = [("按实际调整比例扣分", "deduct"), ("按差额比例扣减分值", "deduct"), ("按完成比例得分", "add"),
              ("违反工作纪律的罚0.5分", "deduct"), ("扣分不封顶，可扣至负分", "deduct")]

TABLES = {"zero bands": ZERO_BANDS, "back references": BACK_REFERENCES, "caps": CAPS, "per readings": PER_READINGS,
          "proportions and others": PROPORTIONS_AND_OTHERS}
CASES = [pytest.param(clause, atoms, id=f"{name}:{clause}") for name, rows in TABLES.items() for clause, atoms in rows]


@pytest.mark.parametrize("clause, expected", CASES)
def test_parse_clause_under_the_second_round_decisions(clause, expected):
    assert [comparable(a) for a in parse_clause(clause)] == expected


@pytest.mark.parametrize("clause, direction", DIRECTIONS, ids=[c for c, _ in DIRECTIONS])
def test_direction_comes_from_the_verb(clause, direction):
    assert parse_clause(clause)[0].direction.value == direction


def test_pay_factors_name_the_levels_without_points():
    (atom,) = parse_clause("考核结果为优秀的，绩效系数为1.2，称职的为1.0，基本称职的为0.8")
    assert [(g.grade, g.points) for g in atom.grades] == [("优秀", None), ("称职", None), ("基本称职", None)]


def test_lint_warns_of_a_masked_cap_and_not_of_a_plain_one():
    def lines(text: str) -> list[str]:
        book = Rulebook(items=[RuleItem(indicator_id="i1", path=["业务", "信息"], points=5, atoms=parse_clause(text))])
        return [i.line() for i in lint_rulebook(book)]

    assert any("上限缺失或被遮盖" in line for line in lines("每少一次扣0.2分，最高扣 xx 分"))
    assert not any("上限" in line for line in lines("每少一次扣0.2分，最高扣3分"))
