"""The wording families behind the second blind set's last misses (clauses README, unseen2), each as a general rule
on variants of our own: occurrence tiers that reach on (第三次及以上), counts of works (一部/一首/一则), formulas that
end in their points, one-character change verbs, levels named inside a trigger, decimal weights, verbless amounts that
continue a list, no_double_count by the highest level, and whose score stands between verb and amount."""
from __future__ import annotations

import pytest

from pipeline.rules import parse_clause
from pipeline.rules.evaluate import comparable

from test_rules_parse import A

OCCURRENCES = [
    ("社区矫正对象第一次违反监管规定的每人扣0.5分，第二次违反的每人扣1分，第三次及以上的每人扣2分",
     [A("deduct_per", 0.5, "人", occurrence=1), A("deduct_per", 1, "人", occurrence=2),
      A("deduct_per", 2, "人", occurrence=3)]),
    ("同一车辆第一次违规的每辆次扣0.2分，第二次及以上的每辆次扣0.5分",
     [A("deduct_per", 0.2, "辆次", occurrence=1), A("deduct_per", 0.5, "辆次", occurrence=2)]),
    ("第2次以上的，每车次扣1分", [A("deduct_per", 1, "车次", occurrence=2)]),  # the ordinal before a comma
    ("累计第四次及以上被通报的，每次扣2分", [A("deduct_per", 2, "次", occurrence=4)]),
    ("第三次以上未按时报送的，每件扣1分", [A("deduct_per", 1, "件", occurrence=3)]),
    ("第一次未按时报到的每人次扣0.3分，第二次每人次扣0.6分，第三次及以上每人次扣1分",
     [A("deduct_per", 0.3, "人次", occurrence=1), A("deduct_per", 0.6, "人次", occurrence=2),
      A("deduct_per", 1, "人次", occurrence=3)]),
    ("同一问题第二次及以上被通报的，每次扣1分", [A("deduct_per", 1, "次", occurrence=2)]),
    # without a per unit the ordinals stay a count tier (RULES 5)
    ("第三次及以上扣3分", [A("tiered", thresholds=[(">=", 3, 3)])]),
    ("一年内受到2次以上通报批评的，扣3分", [A("tiered", thresholds=[(">=", 2, 3)])]),  # a count of what befell it
    ("第一次扣1分，第二次扣2分，第三次及以上扣3分", [A("tiered", thresholds=[(">=", 1, 1), (">=", 2, 2), (">=", 3, 3)])]),
]
WORKS = [
    ("普法微视频被省级以上平台采用一部加1分，满分３分", [A("add_per", 1, "部", cap=3)]),
    ("创作的普法短视频被市级平台播出一部加0.5分", [A("add_per", 0.5, "部")]),
    ("原创普法歌曲被采用一首加1分", [A("add_per", 1, "首")]),
    ("漫画作品入选省级展览一幅加0.5分", [A("add_per", 0.5, "幅")]),
    ("信息被市委办录用一则加0.3分", [A("add_per", 0.3, "则")]),
    ("每部作品获奖加2分", [A("add_per", 2, "部")]),
    ("被省级以上媒体刊播一部作品加2分", [A("add_per", 2, "部")]),  # the counted noun may follow its unit
    ("作品入选全国展播的，每部加3分，最多加6分", [A("add_per", 3, "部", cap=6)]),
    ("信息每被采用一则加0.2分", [A("add_per", 0.2, "则")]),
    ("两项指标均下降的得3分，一项下降的得1.5分", [A("add_fixed", 3), A("add_fixed", 1.5)]),  # one of the parts (D24)
    ("组织1次以上专题培训加1分", [A("add_fixed", 1)]),
    ("部分单位未按时报送的扣1分", [A("deduct_fixed", 1)]),  # 部分 counts nothing
    ("各部门未报送的扣0.5分", [A("deduct_fixed", 0.5)]),
]
FORMULAS = [
    ("得分＝实际完成数÷任务数×15分，最高不超过15分", [A("proportional", 15, cap=15)]),
    ("本项得分=(实际完成值/目标值)×10分", [A("proportional", 10)]),
    ("考核得分=已办结件数÷受理件数×8分", [A("proportional", 8)]),
    ("得分=完成数/任务数×本项分值", [A("proportional")]),
    ("得分=(1-差错率)×10分，最低0分", [A("proportional", 10)]),  # a factor and a floor are no parts of a total
    ("得分=15分×完成率", [A("proportional", 15)]),
    ("得分＝（实际完成数÷计划任务数）×20分", [A("proportional", 20)]),
    ("得分=实际完成值÷目标值×权重分", [A("proportional")]),
]
CHANGES = [
    ("房屋市政工程质量投诉按期处理率每降1个百分点扣0.2分，扣至0分", [A("deduct_per", 0.2, "1个百分点", cap="item")]),
    ("满意率每降0.5个百分点扣0.1分", [A("deduct_per", 0.1, "0.5个百分点")]),
    ("完成率每升1个百分点加0.1分，最多加1分", [A("add_per", 0.1, "1个百分点", cap=1)]),
    ("参保人数每增1000人加0.2分", [A("add_per", 0.2, "1000人")]),
    ("综合得分每下滑1分扣0.5分", [A("deduct_per", 0.5, "1分")]),
    ("办案周期每增1天扣0.1分", [A("deduct_per", 0.1, "天")]),
    ("结案率较上年每降1个百分点扣0.2分", [A("deduct_per", 0.2, "1个百分点")]),
    ("群众满意率每低于全市平均1个百分点扣0.3分", [A("deduct_per", 0.3, "1个百分点")]),  # 1个 is no count here
    ("执行率每偏离目标值1个百分点扣0.2分", [A("deduct_per", 0.2, "1个百分点")]),
    ("接警到场超过15分钟的，每超1分钟扣0.1分", [A("deduct_per", 0.1, "分钟", start=(">", 15))]),  # minutes, not 分
    ("每追回违规医保基金10万元加0.5分，最高加2分", [A("add_per", 0.5, "10万元", cap=2)]),  # a longer verb phrase
    ("社保卡持卡人数每增加1万人加0.1分", [A("add_per", 0.1, "1万人")]),  # the scale is the unit's, counted too
    ("每十万人加1分", [A("add_per", 1, "10万人")]),
    # a step after a failure that refers back starts where the comparison before fails (D22 + start)
    ("养老保险待遇社会化发放率达到99%的得2分，未达到的每低1个百分点扣0.5分",
     [A("tiered", thresholds=[(">=", 0.99, 2)]), A("deduct_per", 0.5, "1个百分点", start=("<", 0.99))]),
    ("投诉办结率应达到95%，达不到的每低1个百分点扣0.2分", [A("deduct_per", 0.2, "1个百分点", start=("<", 0.95))]),
    # the rate the steps count from written inside the step
    ("一审服判息诉率每低于85%一个百分点扣0.5分", [A("deduct_per", 0.5, "1个百分点", start=("<", 0.85))]),
    ("药占比每超过30%一个百分点扣0.2分，最多扣2分", [A("deduct_per", 0.2, "1个百分点", cap=2, start=(">", 0.3))]),
    # a counted shortfall counts from the duty (D5): no start
    ("平均办理时限控制在5天以内，超过的每超0.5天扣0.1分", [A("deduct_per", 0.1, "0.5天")]),
    ("每月至少报送2条信息，未达到的每少一条扣0.5分", [A("deduct_per", 0.5, "条")]),
]
LEVELS = [
    ("通过安全生产标准化一级达标评审的加5分，二级加3分，三级加1分", [A("grade")]),
    ("创成国家5A级旅游景区的加5分，4A级加3分", [A("grade")]),
    ("被评为AAA级信用企业的加3分，AA级加2分", [A("grade")]),
    ("首次通过二级甲等医院评审的加5分，二级乙等加3分", [A("grade")]),
    ("检查评定为一类的加2分，二类的加1分，三类的不加分", [A("grade")]),
    ("被评为一级档案室的加2分，二级加1分", [A("grade")]),
    ("一等奖加3分，二等奖2分，三等奖1分", [A("grade")]),
    ("学科评估结果为A+的加5分，A的加4分，A-的加3分，B+的加2分", [A("grade")]),  # letter grades with + and -
    # levels of the awarding body are amounts each (D24)
    ("获得国家级表彰的加3分，省级加2分", [A("add_fixed", 3), A("add_fixed", 2)]),
    ("被评为全国先进的加5分，省级先进加3分，市级先进1分", [A("add_fixed", 5), A("add_fixed", 3), A("add_fixed", 1)]),
]
LEVEL_NAMES = [
    ("学科评估结果为A+的加5分，A的加4分，A-的加3分", [("A+", 5), ("A", 4), ("A-", 3)]),
    ("通过安全生产标准化一级达标评审的加5分，二级加3分，三级加1分", [("一级", 5), ("二级", 3), ("三级", 1)]),
    ("创成国家5A级旅游景区的加5分，4A级加3分", [("5A级", 5), ("4A级", 3)]),
    ("被评为AAA级信用企业的加3分，AA级加2分", [("AAA级", 3), ("AA级", 2)]),
]
DECIMAL_WEIGHTS = [
    ("供应商综合评分=质量×0.4+交付×0.3+价格×0.2+服务×0.1",
     [A("weight", values=[(0.4, None), (0.3, None), (0.2, None), (0.1, None)])]),
    ("综合得分=0.6×业务考核得分+0.4×群众评议得分", [A("weight", values=[(0.6, None), (0.4, None)])]),
    ("年终得分=(自评得分)×0.3+(复核得分)×0.7", [A("weight", values=[(0.3, None), (0.7, None)])]),
    ("考核结果按日常考核权重0.4、年终考核权重0.6计算", [A("weight", values=[(0.4, None), (0.6, None)])]),
    ("业务指标（权重0.2）", [A("weight", values=[(0.2, None)])]),
    # decimals that do not weight a total: a factor of one term, pay factors of levels
    ("得分=完成率×0.5", [A("proportional")]),
    ("综合得分=自评分*0.2+考评组评分*0.8", [A("weight", values=[(0.2, None), (0.8, None)])]),
    ("得分=完成率×0.5", [A("proportional")]),
    ("考核结果为优秀的，绩效系数为1.2，称职的为1.0", [A("grade")]),
]
LISTS = [
    ("获得国家级表彰的加3分，省级2分，市级1分，同一项目按最高级别加分，不累计",
     [A("add_fixed", 3), A("add_fixed", 2), A("add_fixed", 1), A("other", subtype="no_double_count")]),
    ("被中央媒体报道的加2分，省级1分", [A("add_fixed", 2), A("add_fixed", 1)]),
    ("获得全国表彰的加5分，省部级3分，市级1分", [A("add_fixed", 5), A("add_fixed", 3), A("add_fixed", 1)]),
    ("被国家级媒体报道的加3分，省级媒体2分，市级媒体1分", [A("add_fixed", 3), A("add_fixed", 2), A("add_fixed", 1)]),
    ("迟报一次扣0.5分，漏报一次1分", [A("deduct_per", 0.5, "次"), A("deduct_per", 1, "次")]),
    ("迟报扣1分，漏报2分", [A("deduct_fixed", 1), A("deduct_fixed", 2)]),
    ("一般案例加2分，较大案例3分，重大案例5分", [A("add_fixed", 2), A("add_fixed", 3), A("add_fixed", 5)]),
    ("优秀的得5分，良好的3分，合格的1分", [A("grade")]),
    # a cap, a base score or a part after the comma continues nothing
    ("每次加1分，满分5分", [A("add_per", 1, "次", cap=5)]),
    ("获评先进的加2分，基础分60分", [A("add_fixed", 2), A("other", 60, subtype="base_score")]),
    ("同一项目按最高级别加分", [A("other", subtype="no_double_count")]),
    ("同一成果多次获奖的，按最高奖项计分，不重复加分", [A("other", subtype="no_double_count")]),
    ("同一荣誉按就高不就低原则加分", [A("other", subtype="no_double_count")]),
    ("扣分不累计", [A("other", subtype="no_double_count")]),
]
OBJECTS = [
    ("项目资金未按进度拨付的，核减该项目得分2分", [A("deduct_fixed", 2)]),
    ("未按期整改的，扣减该单位当月考评分3分", [A("deduct_fixed", 3)]),
    ("发生一起扣所在单位年度考核分1分", [A("deduct_per", 1, "起")]),
    ("进京非接访登记一人次扣县（市、区）3分，到省非接访登记一人次扣1分",
     [A("deduct_per", 3, "人次"), A("deduct_per", 1, "人次")]),
    ("每发现一次扣该乡镇1分", [A("deduct_per", 1, "次")]),
    ("核扣责任单位2分", [A("deduct_fixed", 2)]),
    ("核减该乡镇年度考核分5分", [A("deduct_fixed", 5)]),
    ("到市集体访一批次扣该镇1分", [A("deduct_per", 1, "批次")]),
    ("加强队伍建设10分", []),  # 加强 is no verb of an amount, and 10分 follows no holder
    ("违规的扣罚1分", [A("deduct_fixed", 1)]),
    ("倒扣2分", [A("deduct_fixed", 2)]),
    ("员工违规受到纪律处分的，每人次扣网点2分", [A("deduct_per", 2, "人次")]),
    ("被投诉查实的，扣该门店当月考核分1分", [A("deduct_fixed", 1)]),
]

# a value may carry a unit written in Latin letters (two at least: 3A级 is a level)
LATIN_UNITS = [
    ("住院患者抗菌药物使用强度超过40DDDs的扣2分", [A("tiered", thresholds=[(">", 40, 2)])]),
    ("出水氨氮浓度高于5mg/L的，扣1分", [A("tiered", thresholds=[(">", 5, 1)])]),
    ("单位GDP能耗低于0.5tce的加1分", [A("tiered", thresholds=[("<", 0.5, 1)])]),
]

# the families in damaged copies: traditional characters, blanks, full-width digits (units reported as written)
DAMAGED = [
    ("項目資金未按進度撥付的，核減該項目得分2分", [A("deduct_fixed", 2)]),
    ("進京非接訪登記一人次扣縣（市、區） 3 分", [A("deduct_per", 3, "人次")]),
    ("按期處理率每降 1 個百分點扣 0.2 分", [A("deduct_per", 0.2, "1個百分點")]),
    ("第三次及以上的每人扣２分", [A("deduct_per", 2, "人", occurrence=3)]),
    ("得分＝實際完成數÷任務數×15分", [A("proportional", 15)]),
    ("獲得國家級表彰的加3分，省級2分，市級1分", [A("add_fixed", 3), A("add_fixed", 2), A("add_fixed", 1)]),
    ("通過安全生產標準化一級達標評審的加5分，二級加3分", [A("grade")]),
    ("綜合評分=質量×0.4+交付×0.6", [A("weight", values=[(0.4, None), (0.6, None)])]),
    ("普法微視頻被採用一部加1分", [A("add_per", 1, "部")]),
]
# what an item cannot hold comes off the total: uncapped, and beside an amount it adds nothing (RULES 12)
UNCAPPED = [
    ("扣分超过本项分值的，从总分中扣除", [A("other", subtype="uncapped")]),
    ("每发现一起扣2分，扣分超出该项分值的部分在总分中扣减", [A("deduct_per", 2, "起")]),
]

# an amount per unit written without its verb takes the direction of its trigger (RULES `direction`); caps by a share
BARE_AMOUNTS = [
    ("迟报的，0.5分/次", [A("deduct_per", 0.5, "次")]),
    ("信息被采用的，1分/篇", [A("add_per", 1, "篇")]),
    ("未按要求整改的扣1分（每处）", [A("deduct_per", 1, "处")]),
    ("单项扣分最多不超过该项分值的50%", [A("unparsed")]),  # a share of the item's points is no cap
    ("每项指标最高扣该项分值，不倒扣", [A("cap_only", cap="item")]),
]

TABLES = {"occurrences": OCCURRENCES, "works": WORKS, "formulas": FORMULAS, "changes": CHANGES, "levels": LEVELS,
          "decimal weights": DECIMAL_WEIGHTS, "lists": LISTS, "objects": OBJECTS, "latin units": LATIN_UNITS,
          "damaged": DAMAGED, "uncapped": UNCAPPED, "bare amounts": BARE_AMOUNTS}
CASES = [pytest.param(clause, atoms, id=f"{name}:{clause}") for name, rows in TABLES.items() for clause, atoms in rows]


@pytest.mark.parametrize("clause, expected", CASES)
def test_parse_clause_by_wording_family(clause, expected):
    assert [comparable(a) for a in parse_clause(clause)] == expected


@pytest.mark.parametrize("clause, grades", LEVEL_NAMES, ids=[c for c, _ in LEVEL_NAMES])
def test_a_level_named_inside_its_trigger_opens_the_grade_list(clause, grades):
    (atom,) = parse_clause(clause)
    assert [(g.grade, g.points) for g in atom.grades] == grades


def test_decimal_weights_keep_their_labels():
    (atom,) = parse_clause("供应商综合评分=质量×0.4+交付×0.3+价格×0.2+服务×0.1")
    assert [(v.label, v.weight) for v in atom.values] == [("质量", 0.4), ("交付", 0.3), ("价格", 0.2), ("服务", 0.1)]


@pytest.mark.parametrize("clause, verb", [("核减该项目得分2分", "核减"), ("倒扣2分", "倒扣"), ("扣县（市、区）3分", "扣")])
def test_the_condition_stops_at_the_whole_verb(clause, verb):
    (atom,) = parse_clause("未按要求整改的，" + clause)
    assert atom.condition == "未按要求整改的" and atom.direction.value == "deduct"
