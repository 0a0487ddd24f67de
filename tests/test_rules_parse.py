"""Clause → rule atoms, on wordings of our own (not copied from the corpus), and the `rules parse` CLI."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.rules import parse_clause, split_clauses
from pipeline.rules.evaluate import comparable


def A(kind, points=None, per=None, cap=None, range=None, thresholds=(), subtype=None, start=None, occurrence=None,
      values=()):
    """One expected atom: the compared fields, thresholds as (op, value, points) tuples, start as (op, value),
    values as the (weight, points) of each part."""
    return {"kind": kind, "points": points, "per": per, "cap": cap, "range": list(range) if range else None,
            "thresholds": [{"op": o, "value": v, "points": p} for o, v, p in thresholds], "subtype": subtype,
            "start": {"op": start[0], "value": start[1]} if start else None, "occurrence": occurrence,
            "values": [{"weight": w, "points": p} for w, p in values]}


PARSE_CASES = [
    # deduct_fixed / add_fixed
    ("未按期报送年度工作计划的扣3分", [A("deduct_fixed", 3)]),
    ("台账不全扣二分", [A("deduct_fixed", 2)]),
    ("会议缺席扣两分", [A("deduct_fixed", 2)]),
    ("迟报扣1.5分，漏报扣3分", [A("deduct_fixed", 1.5), A("deduct_fixed", 3)]),
    ("获评市级先进集体的，加2分", [A("add_fixed", 2)]),
    ("经验做法被省厅推广的得 4 分", [A("add_fixed", 4)]),
    ("国家级表彰加8分、省级表彰加5分、市级表彰加3分", [A("add_fixed", 8), A("add_fixed", 5), A("add_fixed", 3)]),
    ("调研报告被市委和市政府采纳，分别加 6 分和 4 分", [A("add_fixed", 6), A("add_fixed", 4)]),
    ("数据上报错误扣０．５分", [A("deduct_fixed", 0.5)]),
    ("年内至少召开一次专题会议，未召开的扣2分", [A("deduct_fixed", 2)]),
    ("材料报送不及时扣除3分", [A("deduct_fixed", 3)]),
    # deduct_per / add_per with every cue and unit
    ("每发现一起违规行为扣2分", [A("deduct_per", 2, "起")]),
    ("档案缺失的，每件扣0.5分", [A("deduct_per", 0.5, "件")]),
    ("无故缺训每人扣1分", [A("deduct_per", 1, "人")]),
    ("迟到早退的每1人次扣0.2分", [A("deduct_per", 0.2, "人次")]),
    ("检查不合格的扣1分/件次", [A("deduct_per", 1, "件次")]),
    ("整改不到位的，每项扣1分", [A("deduct_per", 1, "项")]),
    ("信息漏报一条扣0.5分", [A("deduct_per", 0.5, "条")]),
    ("被采用一篇加1分", [A("add_per", 1, "篇")]),
    ("逾期一天扣0.1分", [A("deduct_per", 0.1, "天")]),
    ("案卷评查不合格的每卷扣2分", [A("deduct_per", 2, "卷")]),
    ("出现一例脱管扣5分", [A("deduct_per", 5, "例")]),
    ("每推荐1名先进个人加0.5分", [A("add_per", 0.5, "名")]),
    ("少组织一场培训扣1分", [A("deduct_per", 1, "场")]),
    ("有一个站点未挂牌扣0.3分", [A("deduct_per", 0.3, "个")]),
    ("系统每月未更新扣1分", [A("deduct_per", 1, "月")]),
    ("每季度未报送分析报告扣1分", [A("deduct_per", 1, "季度")]),
    ("每新增一家示范单位加1分", [A("add_per", 1, "家")]),
    ("每创建1所规范化司法所加2分", [A("add_per", 2, "所")]),
    ("缺少一次记录扣0.5分", [A("deduct_per", 0.5, "次")]),
    ("漏报1次扣3分", [A("deduct_per", 3, "次")]),
    ("发生一起有效投诉，扣除4分", [A("deduct_per", 4, "起")]),
    # caps
    ("每缺一项扣1分，最多扣5分", [A("deduct_per", 1, "项", cap=5)]),
    ("每少一次扣0.5分，扣完为止", [A("deduct_per", 0.5, "次", cap="item")]),
    ("每条加0.2分，最高加2分", [A("add_per", 0.2, "条", cap=2)]),
    ("每篇加1分，上限为3分", [A("add_per", 1, "篇", cap=3)]),
    ("每起扣2分，扣完10分为止", [A("deduct_per", 2, "起", cap=10)]),
    ("有一篇得0.5分，满分2分", [A("add_per", 0.5, "篇", cap=2)]),
    ("每漏一项扣0.5分，扣完为止，满分为3分", [A("deduct_per", 0.5, "项", cap=3)]),
    ("被表扬的每次加1分，得分最多4分", [A("add_per", 1, "次", cap=4)]),
    ("每次加0.5分。上限为2分", [A("add_per", 0.5, "次", cap=2)]),
    # discretionary
    ("工作落实不到位的，视情扣1-3分", [A("discretionary", range=(1, 3))]),
    ("造成不良影响的，扣2至6分", [A("discretionary", range=(2, 6))]),
    ("成效突出的，加1到2分", [A("discretionary", range=(1, 2))]),
    ("视情况加0.5-1.5分", [A("discretionary", range=(0.5, 1.5))]),
    ("每起视情扣2-5分", [A("discretionary", per="起", range=(2, 5))]),
    ("酌情扣1-2分/人次", [A("discretionary", per="人次", range=(1, 2))]),
    ("每项加0.2-0.5，上限为2分", [A("discretionary", per="项", cap=2, range=(0.2, 0.5))]),
    ("视完成情况酌情扣分", [A("discretionary")]),
    ("结案率低于百分之九十的视情扣1-2分", [A("discretionary", range=(1, 2), thresholds=[("<", 0.9, None)])]),
    # tiered and every op / number form
    ("结案率低于95%的扣1分，低于85%的扣3分", [A("tiered", thresholds=[("<", 0.95, 1), ("<", 0.85, 3)])]),
    ("满意率不足９０％扣2分", [A("tiered", thresholds=[("<", 0.9, 2)])]),
    ("知晓率小于百分之八十扣1分", [A("tiered", thresholds=[("<", 0.8, 1)])]),
    ("差错率超过千分之五的扣2分", [A("tiered", thresholds=[(">", 0.005, 2)])]),
    ("投诉率高于万分之三的扣1分", [A("tiered", thresholds=[(">", 0.0003, 1)])]),
    ("核查率＜98%扣0.5分", [A("tiered", thresholds=[("<", 0.98, 0.5)])]),
    ("办结率≥95%的加1分", [A("tiered", thresholds=[(">=", 0.95, 1)])]),
    ("覆盖率达到100%的得2分", [A("tiered", thresholds=[(">=", 1.0, 2)])]),
    ("回访率不低于90%的，加1分", [A("tiered", thresholds=[(">=", 0.9, 1)])]),
    ("积案数控制在3件以内的，加1分", [A("tiered", thresholds=[("<=", 3, 1)])]),
    ("复议纠错率控制在2%以内，超出的扣2分", [A("tiered", thresholds=[(">", 0.02, 2)])]),
    ("考核得分低于60分的，扣3分", [A("tiered", thresholds=[("<", 60, 3)])]),
    ("培训少于3次的扣1分", [A("tiered", thresholds=[("<", 3, 1)])]),
    ("报送一篇加1分，两篇加2分，三篇及以上加3分",
     [A("tiered", thresholds=[(">=", 1, 1), (">=", 2, 2), (">=", 3, 3)])]),
    ("调处率低于80%的，每月扣0.5分", [A("tiered", per="月", thresholds=[("<", 0.8, 0.5)])]),
    ("办案量低于辖区人口万分之二的扣1分", [A("tiered", thresholds=[("<", 0.0002, 1)])]),
    # proportional
    ("按完成比例计分", [A("proportional")]),
    ("依据实际完成数实行等比例赋分，满分为8分", [A("proportional", 8)]),
    ("15分*结案率", [A("proportional", 15)]),
    ("未完成任务的按实际比例扣分，最高扣6分", [A("proportional", cap=6)]),
    # zero_item
    ("发生重大责任事故的，本项不得分", [A("zero_item")]),
    ("弄虚作假的，此项目不得分", [A("zero_item")]),
    ("未按时完成的不得分", [A("zero_item")]),
    ("达标率低于百分之六十的不得分", [A("zero_item", thresholds=[("<", 0.6, None)])]),
    # veto
    ("发生重大安全事故的，实行一票否决", [A("veto")]),
    ("被上级通报批评的，取消年度评先评优资格", [A("veto")]),
    ("出现违纪违法问题的，不得评为优秀等次", [A("veto")]),
    ("发生群体性事件的，一票否决并扣10分", [A("veto"), A("deduct_fixed", 10)]),
    # rank
    ("全区排名第一名加3分，第二名加2分，第三名加1分", [A("rank")]),
    ("排名1-3的得2分，排名4-6的得1分", [A("rank")]),
    ("排名后3名的按名次从1至3分扣分", [A("rank", range=(1, 3))]),
    ("考评前5名的单位予以通报表扬并奖励2000元", [A("rank")]),
    # grade
    ("检查结果为优秀的得满分，良好的得6分，合格的得4分", [A("grade")]),
    ("按评估等次计分，A档得10分，B档得7分，C档得4分", [A("grade")]),
    ("根据工作质量分三档计分", [A("grade")]),
    # wordings found while probing
    # a rate step is the per unit, the comparison before it where the steps start (contract of issue 10)
    ("群众满意度低于85%的，每降低1个百分点扣0.5分", [A("deduct_per", 0.5, "1个百分点", start=("<", 0.85))]),
    ("违反规定的，扣减当月考核分5分", [A("deduct_fixed", 5)]),
    ("每少报一次扣1分，最多扣至0分", [A("deduct_per", 1, "次", cap="item")]),
    ("工作成效显著的，视情加0.5-2分，累计不超过5分", [A("discretionary", cap=5, range=(0.5, 2))]),
    ("按照实际完成数/任务数×8分计分", [A("proportional", 8)]),
    ("结案率≥95%得4分，90%-95%得3分", [A("tiered", thresholds=[(">=", 0.95, 4), (">=", 0.9, 3)])]),
    ("档案应得5分，实得4分", []),
    # wordings added with the held-out set: cap forms, veto bars, units, rank and grade forms
    ("每起扣1分，封顶4分", [A("deduct_per", 1, "起", cap=4)]),
    ("每次加0.5分，加分3分封顶", [A("add_per", 0.5, "次", cap=3)]),
    ("每处扣0.5分，以3分为限", [A("deduct_per", 0.5, "处", cap=3)]),
    ("每件扣0.2分，扣完该项分值为止", [A("deduct_per", 0.2, "件", cap="item")]),
    ("每条加1分，加满4分为止", [A("add_per", 1, "条", cap=4)]),
    ("每篇加0.5分，最高可加2分", [A("add_per", 0.5, "篇", cap=2)]),
    ("出现严重失职的，年度考核直接定为不合格", [A("veto")]),
    ("发生重大责任事故的，不得评为先进单位", [A("veto")]),
    ("存在弄虚作假的，不得评先评优", [A("veto")]),
    ("每少一批次扣0.5分", [A("deduct_per", 0.5, "批次")]),
    ("每新增一户示范户加0.5分", [A("add_per", 0.5, "户")]),
    ("标识牌缺失的，发现一块扣0.1分", [A("deduct_per", 0.1, "块")]),
    ("执法车辆违规使用的，每辆扣1分", [A("deduct_per", 1, "辆")]),
    ("专题学习每月不少于1次，未开展的扣1分", [A("deduct_fixed", 1)]),
    ("按完成率计分，得分=8分×完成率", [A("proportional", 8)]),
    ("测评得分90分以上的得3分，80-90分的得2分", [A("tiered", thresholds=[(">=", 90, 3), (">=", 80, 2)])]),
    ("每半年组织一次评查，未组织的扣1分", [A("deduct_fixed", 1)]),
    ("一次性办结率达到95%（含）以上的，加1分", [A("tiered", thresholds=[(">=", 0.95, 1)])]),
    ("扣分超过该项分值的，以该项分值为限", [A("cap_only", cap="item")]),
    ("每次加0.5分，同一事项不重复加分", [A("add_per", 0.5, "次"), A("other", subtype="no_double_count")]),
    ("按实际完成率乘以该项分值计分", [A("proportional")]),
    ("未按规定整改的，扣减该项分值的30%", [A("unparsed")]),
    ("经查实的，第一次扣0.5分，第二次扣1分，第三次及以上扣2分",
     [A("tiered", thresholds=[(">=", 1, 0.5), (">=", 2, 1), (">=", 3, 2)])]),
    ("第一季度未报送的扣1分", [A("deduct_fixed", 1)]),
    ("台账未建立的，扣除该项全部分值", [A("zero_item")]),
    ("全年出现三次以上漏报的，该项不得分", [A("zero_item", thresholds=[(">=", 3, None)])]),
    ("每季度通报一次，排名末位的扣1分", [A("rank")]),
    ("考评满分100分，扣分项扣完为止，加分项最高加10分", [A("cap_only", cap=100), A("cap_only", cap="item"),
                                                A("cap_only", cap=10)]),
    # cap_only, weight, unparsed, none
    ("本项最多扣8分", [A("cap_only", cap=8)]),
    ("该项上限5分", [A("cap_only", cap=5)]),
    ("考核分由分管领导评分占70%、群众测评占30%构成", [A("weight", values=[(0.7, None), (0.3, None)])]),
    ("考评时由考核组另行确定扣分", [A("unparsed")]),
    ("按照要求做好信息报送工作", []),
    ("社区矫正对象统一着装参加集中教育", []),
]


@pytest.mark.parametrize("clause, expected", PARSE_CASES, ids=[c for c, _ in PARSE_CASES])
def test_parse_clause(clause, expected):
    assert [comparable(a) for a in parse_clause(clause)] == expected


DETAIL_CASES = [
    ("排名1-3的得2分，排名4-6的得1分", "ranks", [(1, 3, 2.0, False), (4, 6, 1.0, False)]),
    ("全区排名第一名加3分，第二名加2分，第三名加1分", "ranks", [(1, 1, 3.0, False), (2, 2, 2.0, False), (3, 3, 1.0, False)]),
    ("排名后3名的按名次从1至3分扣分", "ranks", [(1, 3, None, True)]),
    ("检查结果为优秀的得满分，良好的得6分，合格的得4分", "grades", [("优秀", None, True), ("良好", 6.0, False), ("合格", 4.0, False)]),
    ("按评估等次计分，A档得10分，B档得7分，C档得4分", "grades", [("A档", 10.0, False), ("B档", 7.0, False), ("C档", 4.0, False)]),
    ("根据工作质量分三档计分", "grades", []),
    ("测评排名全区第一的加2分，第二名加1分", "ranks", [(1, 1, 2.0, False), (2, 2, 1.0, False)]),
    ("评议结果为“好”的得3分，“一般”的得1分，“差”的不得分", "grades",
     [("好", 3.0, False), ("一般", 1.0, False), ("差", 0.0, False)]),
    ("评定为一类的得6分，二类的得4分", "grades", [("一类", 6.0, False), ("二类", 4.0, False)]),
    ("获一等奖的加3分，获优秀奖的加1分", "grades", [("一等奖", 3.0, False), ("优秀奖", 1.0, False)]),
    ("分为好、较好、一般三个等次", "grades", [("好", None, False), ("较好", None, False), ("一般", None, False)]),
    ("排名第一的加2分，第二至第四名的加1分", "ranks", [(1, 1, 2.0, False), (2, 4, 1.0, False)]),
    ("排名前三名的分别加3分、2分、1分", "ranks", [(1, 1, 3.0, False), (2, 2, 2.0, False), (3, 3, 1.0, False)]),
    ("位列第一名的加2分，第二、三名的加1分", "ranks", [(1, 1, 2.0, False), (2, 3, 1.0, False)]),
    ("获得优秀等次的加3分，获得良好等次的加1分", "grades", [("优秀", 3.0, False), ("良好", 1.0, False)]),
]


@pytest.mark.parametrize("clause, field, expected", DETAIL_CASES, ids=[c for c, _, _ in DETAIL_CASES])
def test_rank_and_grade_tables(clause, field, expected):
    (atom,) = parse_clause(clause)
    assert [tuple(item.model_dump().values()) for item in getattr(atom, field)] == expected


def test_weights_metric_direction_period():
    (weight,) = parse_clause("考核分由分管领导评分占70%、群众测评占30%构成")
    assert weight.weights == {"分管领导评分": 0.7, "群众测评": 0.3}
    (tier,) = parse_clause("当年重新犯罪率超过0.5%的扣4分")
    assert (tier.metric, tier.direction.value, tier.period.value, tier.hit_policy) == ("重新犯罪率", "deduct", "year", "max")
    (grade,) = parse_clause("检查结果为优秀的得满分，良好的得6分")
    assert grade.direction.value == "add" and grade.points is None


def test_loose_fields_of_newer_wordings():
    (weight,) = parse_clause("年终成绩由平时成绩（占60%）和测评成绩（占40%）组成")
    assert weight.weights == {"平时成绩": 0.6, "测评成绩": 0.4}
    (zero,) = parse_clause("抽查合格率低于80%的，此项不得分")
    assert (zero.direction.value, zero.metric) == ("deduct", "合格率")
    (tier,) = parse_clause("抽查不合格率超过10%的，扣2分")
    assert tier.metric == "不合格率"
    (cap,) = parse_clause("本项累计扣分不超过5分")
    assert (cap.cap, cap.direction.value) == (5, "deduct")
    (grade,) = parse_clause("年度考评结果分为优秀、合格、不合格三个等次，得分前2名评为优秀")
    assert grade.direction is None and [g.grade for g in grade.grades] == ["优秀", "合格", "不合格"]
    assert [(r.rank_from, r.rank_to) for r in grade.ranks] == [(1, 2)]


def test_unparsed_keeps_text_and_provenance():
    from schemas.common import ProvenanceItem

    prov = ProvenanceItem(file="方案.docx", table_no=0, row=3, col=4, charspan=(0, 9))
    (atom,) = parse_clause("考评时由考核组另行确定扣分", prov=prov)
    assert atom.condition == "考评时由考核组另行确定扣分" and atom.prov == prov


def test_a_cut_off_amount_is_kept_as_unparsed():
    atoms = parse_clause("迟报扣2分，漏报扣")
    assert [a.kind.value for a in atoms] == ["deduct_fixed", "unparsed"]


def test_split_then_parse_keeps_clause_order():
    text = "1.每缺一项扣1分，最多扣5分；\n2.视情扣1-2分。\n（3）发生事故的，一票否决。"
    kinds = [[a.kind.value for a in parse_clause(t)] for t, _ in split_clauses(text)]
    assert kinds == [["deduct_per"], ["discretionary"], ["veto"]]


# ── CLI ──────────────────────────────────────────────────────────────────────────────────────────
STABLE_KEYS = {"kind", "direction", "points", "per", "cap", "range", "thresholds", "hit_policy", "metric",
               "condition", "period"}


def _rules():
    from pipeline.commands.rules import rules

    return rules


def test_cli_parse_one_clause():
    result = CliRunner().invoke(_rules(), ["parse", "每有一起扣0.5分，最高扣3分"])
    assert result.exit_code == 0, result.output
    (atom,) = json.loads(result.output)
    assert set(atom) == STABLE_KEYS
    assert (atom["kind"], atom["points"], atom["per"], atom["cap"]) == ("deduct_per", 0.5, "起", 3)


def test_cli_parse_keeps_keys_for_unknown_wording():
    result = CliRunner().invoke(_rules(), ["parse", "由考核组综合评定后扣分"])
    assert result.exit_code == 0
    (atom,) = json.loads(result.output)
    assert atom["kind"] == "unparsed" and set(atom) == STABLE_KEYS


def test_cli_parse_stdin_one_array_per_line_in_order():
    lines = ["未报扣5分", "", "按照要求做好工作", "排名1-3的得2分，排名4-6的得1分", "视情扣1-2分"]
    result = CliRunner().invoke(_rules(), ["parse", "--stdin"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [[a["kind"] for a in row] for row in rows] == [["deduct_fixed"], [], [], ["rank"], ["discretionary"]]
    assert rows[3][0]["ranks"][1] == {"rank_from": 4, "rank_to": 6, "points": 1.0, "from_bottom": False}


def test_cli_parse_split_gives_charspans():
    text = "迟报扣1分；漏报扣2分"
    result = CliRunner().invoke(_rules(), ["parse", "--split", text])
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [text[slice(*r["charspan"])] for r in rows] == ["迟报扣1分", "漏报扣2分"]


@pytest.mark.parametrize("args", [["parse"], ["parse", "--stdin", "扣1分"]])
def test_cli_parse_needs_exactly_one_source(args):
    result = CliRunner().invoke(_rules(), args)
    assert result.exit_code == 1
    assert "请给出一条评分条款" in result.output


SPLIT_CASES = [
    ("迟报扣1分；漏报扣2分。", ["迟报扣1分", "漏报扣2分"]),
    ("每有一次不达标扣0.2分，最高扣2分", ["每有一次不达标扣0.2分，最高扣2分"]),
    ("每次加0.5分；每条加1分。上限为3分。", ["每次加0.5分", "每条加1分。上限为3分"]),
    ("每项扣1分。扣完为止", ["每项扣1分。扣完为止"]),
    ("1.迟报扣1分\n2.漏报扣2分", ["迟报扣1分", "漏报扣2分"]),
    ("1、未建档扣1分 2、未更新扣0.5分", ["未建档扣1分", "未更新扣0.5分"]),
    ("（1）未报扣3分（2）错报扣1分", ["未报扣3分", "错报扣1分"]),
    ("①未报扣3分；②错报扣1分", ["未报扣3分", "错报扣1分"]),
    ("扣2.5分；3.未组织的扣1分", ["扣2.5分", "未组织的扣1分"]),
    ("有一篇\n得1分，满分5分", ["有一篇\n得1分，满分5分"]),
    ("未报扣2分\n未更新扣1分", ["未报扣2分", "未更新扣1分"]),
    ("（检查发现台账缺失的扣2分。资料不全扣1分）", ["（检查发现台账缺失的扣2分", "资料不全扣1分）"]),
    ("每项扣1分，扣完为止（以市局通报为准。）", ["每项扣1分，扣完为止（以市局通报为准"]),
    ("加1分。总加分上限为3分", ["加1分。总加分上限为3分"]),
    ("每起扣1分；以5分为限", ["每起扣1分；以5分为限"]),
    ("每篇加1分。封顶3分", ["每篇加1分。封顶3分"]),
    ("每件扣0.5分；扣完该项分值为止", ["每件扣0.5分；扣完该项分值为止"]),
    ("信息化建设：\n未建成的每项扣2分", ["信息化建设：", "未建成的每项扣2分"]),
    ("", []),
]


@pytest.mark.parametrize("text, clauses", SPLIT_CASES, ids=[t or "(空)" for t, _ in SPLIT_CASES])
def test_split_clauses(text, clauses):
    pieces = split_clauses(text)
    assert [piece for piece, _ in pieces] == clauses
    assert all(text[start:end] == piece for piece, (start, end) in pieces)
