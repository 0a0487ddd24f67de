"""The rules contract of issue 10, pattern by pattern, on wordings of our own (none copied from the blind set):
per-unit readings, one verb set for amounts and caps, multi-part structures, rules that change no points, damaged
text; then the new fields through the workbook and lint."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.rules import parse_clause
from pipeline.rules.bookio import read_rulebook, write_rulebook
from pipeline.rules.evaluate import comparable
from pipeline.rules.lint import lint_rulebook
from schemas.rules import RuleAtom, RuleItem, Rulebook

from test_rules_heldout import OPEN_SETS
from test_rules_parse import A

# ── 1. per-unit readings ─────────────────────────────────────────────────────────────────────────
RATE_STEPS = [
    ("结案率每下降2%扣0.3分，扣完为止", [A("deduct_per", 0.3, "2%", cap="item")]),
    ("调解成功率每低0.5%扣0.1分，最高扣2分", [A("deduct_per", 0.1, "0.5%", cap=2)]),
    ("群众满意率每下降一个百分点扣0.2分", [A("deduct_per", 0.2, "1个百分点")]),
    ("矛盾纠纷调处率每降低2个百分点扣0.5分", [A("deduct_per", 0.5, "2个百分点")]),
    ("超额完成的，每超出1个百分点加0.2分，最多加2分", [A("add_per", 0.2, "1个百分点", cap=2)]),
    ("考核得分每低1分扣0.1分", [A("deduct_per", 0.1, "1分")]),
    ("PM10浓度每超过5微克/立方米扣1分", [A("deduct_per", 1, "5微克/立方米")]),
    ("在10万元以上的每增加1万元加1.2分", [A("add_per", 1.2, "1万元", start=(">=", 10))]),
    ("每种植1亩扣2分", [A("deduct_per", 2, "1亩")]),
    ("资金支付进度每落后序时进度2%扣0.2分", [A("deduct_per", 0.2, "2%")]),
]
STARTS = [
    ("入户率低于90%的，每降低1个百分点扣0.4分，最多扣4分",
     [A("deduct_per", 0.4, "1个百分点", cap=4, start=("<", 0.9))]),
    ("办结率低于98%的，每下降0.2%扣0.1分", [A("deduct_per", 0.1, "0.2%", start=("<", 0.98))]),
    ("信息报送及时率达不到90%的，每少一个百分点扣0.3分，扣完为止",
     [A("deduct_per", 0.3, "1个百分点", cap="item", start=("<", 0.9))]),
    ("投诉率超过2%的，每超0.5个百分点扣1分", [A("deduct_per", 1, "0.5个百分点", start=(">", 0.02))]),
    ("考核得分80分以下的，每低1分扣0.1分", [A("deduct_per", 0.1, "1分", start=("<=", 80))]),
    # a requirement (达到/不低于) is a duty, not where the steps start
    ("覆盖率达到100%，每少1个百分点扣0.5分", [A("deduct_per", 0.5, "1个百分点")]),
    # a count per occurrence below a rate stays a tier with its unit (RULES 5)
    ("办结率低于95%的，每件扣0.5分", [A("tiered", per="件", thresholds=[("<", 0.95, 0.5)])]),
]
QUOTAS = [
    ("每月向县局报送调解案例1件，未报送的扣0.5分", [A("deduct_fixed", 0.5)]),
    ("被国家级媒体采用1篇，得4分", [A("add_fixed", 4)]),
    ("当月报送简报1期，未报送扣1分", [A("deduct_fixed", 1)]),
    ("每年组织1次培训的加1分", [A("add_fixed", 1)]),
    ("每季度报送典型经验材料2篇，少报1篇扣1分", [A("deduct_per", 1, "篇")]),
    ("被市级媒体刊发1篇的，加0.5分", [A("add_per", 0.5, "篇")]),
    ("上报信息一条加0.2分", [A("add_per", 0.2, "条")]),
    ("抽查一卷不规范的扣0.5分", [A("deduct_per", 0.5, "卷")]),
    ("至少开展一次培训，未开展的扣1分", [A("deduct_fixed", 1)]),
]
UNITS = [
    ("扣0.3分/辆次", [A("deduct_per", 0.3, "辆次")]),
    ("少举办一期业务培训班扣1分", [A("deduct_per", 1, "期")]),
    ("超过规定时限每1小时扣0.1分", [A("deduct_per", 0.1, "小时")]),
    ("每晚报2小时扣0.1分", [A("deduct_per", 0.1, "2小时")]),
    ("每3次迟到扣1分", [A("deduct_per", 1, "3次")]),
    ("监控设备故障的，每台次扣0.5分", [A("deduct_per", 0.5, "台次")]),
    ("帮扶走访未记录的，每户次扣0.2分", [A("deduct_per", 0.2, "户次")]),
    ("台账不全的，每一项/次扣0.2分", [A("deduct_per", 0.2, "项/次")]),
    ("档案年龄记载错误的，每差1岁扣0.5分", [A("deduct_per", 0.5, "岁")]),
    ("每有一项次未按要求整改的扣1分", [A("deduct_per", 1, "项次")]),
]
EACH_OF = [
    ("台账不全、资料归档不及时的，各扣0.5分", [A("deduct_fixed", 0.5)] * 2),
    ("获评市级、省级示范单位的，各加2分", [A("add_fixed", 2)] * 2),
    ("未制定方案、未召开会议、未开展督查的，分别扣1分", [A("deduct_fixed", 1)] * 3),
    ("无工作制度，无值班记录，无应急预案的，分别扣2分", [A("deduct_fixed", 2)] * 3),
    ("获得国家级、省级、市级表彰的，分别加5分、3分、1分", [A("add_fixed", 5), A("add_fixed", 3), A("add_fixed", 1)]),
    ("整改不到位的，分别扣2分", [A("deduct_fixed", 2)]),
]
OCCURRENCES = [
    ("第一次每人扣0.5分，第二次每人扣1分", [A("deduct_per", 0.5, "人", occurrence=1), A("deduct_per", 1, "人", occurrence=2)]),
    ("车辆违规的，第一次每辆次扣0.1分，第二次及以上每辆次扣0.3分",
     [A("deduct_per", 0.1, "辆次", occurrence=1), A("deduct_per", 0.3, "辆次", occurrence=2)]),
    # without a per unit an ordinal list stays one count tier (RULES 5)
    ("被投诉的，第一次扣1分，第二次扣2分", [A("tiered", thresholds=[(">=", 1, 1), (">=", 2, 2)])]),
]

# ── 2. one verb set for amounts, caps and discretion ─────────────────────────────────────────────
AMOUNTS_AND_CAPS = [
    ("每篇计3分", [A("add_per", 3, "篇")]),
    ("每项计0.5分", [A("add_per", 0.5, "项")]),
    ("按时报送月度报表，每次1分，全年合计12分", [A("add_per", 1, "次", cap=12)]),
    ("每次2分，最多6分", [A("add_per", 2, "次", cap=6)]),
    ("每推荐一条经验做法被采纳奖励0.3分，最高奖励3分", [A("add_per", 0.3, "条", cap=3)]),
    ("每项奖励0.5分，最多奖2分", [A("add_per", 0.5, "项", cap=2)]),
    ("每条信息被采用记1分，全年累计不超过10分", [A("add_per", 1, "条", cap=10)]),
    ("每发现一处扣0.2分，以扣完本项分值为原则", [A("deduct_per", 0.2, "处", cap="item")]),
    ("每起加0.5分，共计不超过3分", [A("add_per", 0.5, "起", cap=3)]),
    ("会议纪要齐全的计2分", [A("add_fixed", 2)]),
    ("未签订责任书-3分", [A("deduct_fixed", 3)]),
    ("获评先进+1", [A("add_fixed", 1)]),
    ("组织领导—10分", []),  # a dash after no failure is a separator, 10分 an allocation
    ("未建立工作台账的全扣", [A("zero_item")]),
    ("本项分值扣完后，另扣10分", [A("zero_item"), A("deduct_fixed", 10)]),
    ("工作推进不力的在3分内视情扣分", [A("discretionary", range=(0, 3))]),
    ("成效明显的酌情奖分", [A("discretionary")]),
    ("纪律松散的酌情扣3、2、1分", [A("discretionary", range=(1, 3))]),
    ("发现一次扣2、1分", [A("discretionary", per="次", range=(1, 2))]),
    ("发生重大失职的，取消该单位及其主要负责人当年度评先评优资格", [A("veto")]),
    ("未落实“一票否决”制度的扣1分", [A("deduct_fixed", 1)]),
    ("同时设置加分项目和取消评先资格条款", []),
]

# ── 3. multi-part structures ─────────────────────────────────────────────────────────────────────
PARTS = [
    ("年度成绩按第一季度20%、第二季度20%、第三季度30%、第四季度30%计算",
     [A("weight", values=[(0.2, None), (0.2, None), (0.3, None), (0.3, None)])]),
    ("以分管领导评分的70%和群众评议评分的30%之和为最终得分", [A("weight", values=[(0.7, None), (0.3, None)])]),
    ("分管领导评价占40%，服务对象评价占60%", [A("weight", values=[(0.4, None), (0.6, None)])]),
    ("综合考核成绩由日常考核(占40%)、年终考核(占50%)和群众评议(占10%)组成",
     [A("weight", values=[(0.4, None), (0.5, None), (0.1, None)])]),
    ("综合得分=S1×60%+S2×40%", [A("weight", values=[(0.6, None), (0.4, None)])]),
    ("业务指标（权重20%）", [A("weight", values=[(0.2, None)])]),
    ("总成绩=业务考核(70分)+作风评议(20分)+满意度测评(10分)",
     [A("weight", values=[(None, 70), (None, 20), (None, 10)])]),
    ("考评总分由基础工作(40分)、重点工作(40分)、创新工作(20分)三部分构成",
     [A("weight", values=[(None, 40), (None, 40), (None, 20)])]),
    ("实行千分制，其中党建工作300分，业务工作700分", [A("weight", values=[(None, 300), (None, 700)])]),
    # percentages that compare, step or deduct are no shares
    ("低于90%的扣2分，低于70%的扣4分", [A("tiered", thresholds=[("<", 0.9, 2), ("<", 0.7, 4)])]),
    ("未按规定整改的，扣减该项分值的30%", [A("unparsed")]),
    ("国家级加10分、省级8分", [A("add_fixed", 10), A("add_fixed", 8)]),
]
CONVERSIONS = [
    ("依据市应急局年终考评结果折算，最多扣8分", [A("proportional", cap=8)]),
    ("本项得分为上级部门考核得分乘以10%", [A("proportional")]),
    ("按市局通报排名相应折算本项得分", [A("proportional")]),
    ("按考核得分的20%计入总分", [A("proportional")]),
    ("以满分60分考评，结果折算成百分制", [A("proportional", 100)]),
    ("数量/总数*100%低于70%的扣5分", [A("tiered", thresholds=[("<", 0.7, 5)])]),  # *100% describes the rate
]
RANK_LISTS = [
    ("前五名的单位，分别加5、4、3、2、1分", [A("rank")]),
    ("排名前三的分别得10、8、6分", [A("rank")]),
    ("排名倒数第一、第二的分别扣3分、2分", [A("rank")]),
    ("考核排名后两位的，分别扣2分、1分", [A("rank")]),
    ("综合得分前三位的为年度先进集体", [A("rank")]),
    ("完成率按从高到低分别得6、4、2分", [A("rank")]),
    ("评比按获奖加3、2、1分", [A("grade")]),
]
RANK_TIERS = [
    ("前五名的单位，分别加5、4、3、2、1分", [(1, 1, 5.0, False), (2, 2, 4.0, False), (3, 3, 3.0, False),
                                            (4, 4, 2.0, False), (5, 5, 1.0, False)]),
    ("排名倒数第一、第二的分别扣3分、2分", [(1, 1, 3.0, True), (2, 2, 2.0, True)]),
    ("完成率按从高到低分别得6、4、2分", [(1, 1, 6.0, False), (2, 2, 4.0, False), (3, 3, 2.0, False)]),
    ("综合得分前三位的为年度先进集体", [(1, 3, None, False)]),
]
GRADE_LISTS = [
    ("按好、较好、一般、差4档评定，计分标准为4分、3分、2分、1分",
     [("好", 4.0), ("较好", 3.0), ("一般", 2.0), ("差", 1.0)]),
    ("评定等级达到优秀、良好、合格和不合格四个等次，分别得20、15、10和0分",
     [("优秀", 20.0), ("良好", 15.0), ("合格", 10.0), ("不合格", 0.0)]),
    ("评价为甲级的加2分，乙级的加1分，丙级的不加分", [("甲级", 2.0), ("乙级", 1.0), ("丙级", 0.0)]),
]

# ── 4. rules that change no points directly ──────────────────────────────────────────────────────
OTHERS = [
    ("同一问题被多个部门通报的，不重复扣分", [A("other", subtype="no_double_count")]),
    ("对同一事项只扣一次分", [A("other", subtype="no_double_count")]),
    ("每次加0.5分，同一成果不重复加分", [A("add_per", 0.5, "次"), A("other", subtype="no_double_count")]),
    ("未发生安全事故的不扣分", [A("other", subtype="exempt")]),
    ("年度目标完成的，季度扣分免扣", [A("other", subtype="exempt")]),
    ("发生一起扣2分，未发生的不扣分", [A("deduct_per", 2, "起")]),  # the amount says it: 不扣分 adds nothing
    ("考核结果每1分折合奖金100元", [A("other", subtype="money_per_point")]),
    ("每分奖励200元", [A("other", subtype="money_per_point")]),
    ("年度考核85分以上为优秀", [A("other", subtype="grade_map", thresholds=[(">=", 85, None)])]),
    ("考核得分90分及以上为优秀，80至89分为良好，80分以下为一般",
     [A("other", subtype="grade_map", thresholds=[(">=", 90, None), (">=", 80, None), ("<", 80, None)])]),
    ("基础分为6分", [A("other", 6, subtype="base_score")]),
    ("总分为100分，实行倒扣分制", [A("other", 100, subtype="base_score")]),
    ("加分不封顶", [A("other", subtype="uncapped")]),
    ("不设加分上限", [A("other", subtype="uncapped")]),
    ("出现一例扣3分，不封顶", [A("deduct_per", 3, "例")]),  # the amount's own cap is none
    ("上级督办事项扣分加倍，原扣2分的现扣4分", [A("other", subtype="multiplier")]),
    ("被通报批评的，扣分翻倍", [A("other", subtype="multiplier")]),
    ("发生舆情事件的，等次降一档", [A("other", subtype="downgrade")]),
    ("本项只扣分不加分", [A("other", subtype="deduct_only")]),
    ("得分=基础分-扣分+加分", [A("other", subtype="formula")]),
    ("按照要求做好信息报送工作", []),
]
OTHER_NUMBERS = [
    ("上级督办事项扣分加倍，原扣2分的现扣4分", "factor", 2.0),
    ("按3倍扣分", "factor", 3.0),
    ("考核结果每1分折合奖金100元", "factor", 100.0),
    ("每分奖励0.5万元", "factor", 5000.0),
    ("等次降低两个档次", "factor", 2.0),
    ("加分不封顶", "direction", "add"),
    ("扣分不封顶", "direction", "deduct"),
]
# `以下` is < only when the text gives its value to the band above
BELOW = [
    ("满意率90%以上的得2分，90%以下的扣1分", [A("tiered", thresholds=[(">=", 0.9, 2)]),
                                        A("tiered", thresholds=[("<", 0.9, 1)])]),
    ("得分85分以上（含85分）的不扣分，85分以下的扣2分", [A("tiered", thresholds=[("<", 85, 2)])]),
    # a 不得分 band closing a table of awards is a tier of 0 of that table (D21)
    ("得分80-90分的得3分，80分以下的不得分", [A("tiered", thresholds=[(">=", 80, 3), ("<", 80, 0)])]),
    ("查实率在5%以下的，加1分", [A("tiered", thresholds=[("<=", 0.05, 1)])]),
    ("60分及以下的不得分", [A("zero_item", thresholds=[("<=", 60, None)])]),
]

# ── 5. damaged text ──────────────────────────────────────────────────────────────────────────────
DAMAGED = [
    ("得 * 分", [A("add_fixed")]),
    ("迟报的扣xx分", [A("deduct_fixed")]),
    ("力口3分", [A("add_fixed", 3)]),
    ("扌口2分", [A("deduct_fixed", 2)]),
    ("满分IOO分", [A("cap_only", cap=100)]),
    ("满分10。分", [A("cap_only", cap=100)]),
    ("每缺乙个台账扣1分", [A("deduct_per", 1, "个")]),
    ("未達(dá)標(biāo)的扣2分", [A("deduct_fixed", 2)]),
    ("每缺一項扣0.5分", [A("deduct_per", 0.5, "項")]),  # the unit as written
    ("發生一起責任事故扣5分", [A("deduct_per", 5, "起")]),
    ("禁毒工作(18分,一票否決)", [A("veto")]),
    ("每少1次扣 查记录、查台账 1分", [A("deduct_per", 1, "次")]),  # another column cut the amount off
    ("对乙方未达要求的扣1分", [A("deduct_fixed", 1)]),  # 乙方 is a party, not a misread 一
]

TABLES = {"rate steps": RATE_STEPS, "starts": STARTS, "quotas": QUOTAS, "units": UNITS, "each of": EACH_OF,
          "occurrences": OCCURRENCES, "amounts and caps": AMOUNTS_AND_CAPS, "parts": PARTS,
          "conversions": CONVERSIONS, "rank lists": RANK_LISTS, "others": OTHERS, "below": BELOW,
          "damaged": DAMAGED}
CASES = [pytest.param(clause, atoms, id=f"{name}:{clause}") for name, rows in TABLES.items() for clause, atoms in rows]


@pytest.mark.parametrize("clause, expected", CASES)
def test_parse_clause_under_the_contract(clause, expected):
    assert [comparable(a) for a in parse_clause(clause)] == expected


@pytest.mark.parametrize("clause, tiers", RANK_TIERS, ids=[c for c, _ in RANK_TIERS])
def test_rank_lists_give_one_tier_per_amount(clause, tiers):
    (atom,) = parse_clause(clause)
    assert [(r.rank_from, r.rank_to, r.points, r.from_bottom) for r in atom.ranks] == tiers


@pytest.mark.parametrize("clause, grades", GRADE_LISTS, ids=[c for c, _ in GRADE_LISTS])
def test_listed_grades_take_the_listed_amounts(clause, grades):
    atom = parse_clause(clause)[0]
    assert atom.kind.value == "grade" and [(g.grade, g.points) for g in atom.grades] == grades


@pytest.mark.parametrize("clause, field, value", OTHER_NUMBERS, ids=[c for c, _, _ in OTHER_NUMBERS])
def test_other_atoms_carry_the_numbers_they_state(clause, field, value):
    (atom,) = parse_clause(clause)
    got = getattr(atom, field)
    assert (got.value if hasattr(got, "value") else got) == value


def test_weight_parts_are_labelled_and_shares_keep_the_old_mapping():
    (atom,) = parse_clause("考核分由分管领导评分占70%、群众测评占30%构成")
    assert [(v.label, v.weight) for v in atom.values] == [("分管领导评分", 0.7), ("群众测评", 0.3)]
    assert atom.weights == {"分管领导评分": 0.7, "群众测评": 0.3}
    (atom,) = parse_clause("总成绩=业务考核(70分)+作风评议(20分)")
    assert [(v.label, v.points) for v in atom.values] == [("业务考核", 70), ("作风评议", 20)] and not atom.weights


def test_grade_bands_name_their_grades_as_written():
    (atom,) = parse_clause("計分90分以上為先進單位，60分以下為不合格單位")
    assert [g.grade for g in atom.grades] == ["先進單位", "不合格單位"]
    assert [(t.op, t.value) for t in atom.thresholds] == [(">=", 90), ("<=", 60)]


def _book(atoms: list[RuleAtom]) -> Rulebook:
    return Rulebook(items=[RuleItem(indicator_id="i1", path=["业务工作", "安全生产"], points=10, atoms=atoms)])


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_new_fields_round_trip_through_yaml_and_the_workbook(tmp_path: Path, suffix: str):
    atoms = [a for text in ("入户率低于90%的，每降低1个百分点扣0.4分", "第二次每人扣1分", "上级督办事项扣分加倍",
                            "年度成绩按第一季度40%、第二季度60%计算", "年度考核85分以上为优秀", "基础分为6分")
             for a in parse_clause(text)]
    book = _book(atoms)
    path = tmp_path / f"book{suffix}"
    write_rulebook(book, path)
    again = read_rulebook(path)
    assert again.items[0].atoms == book.items[0].atoms


def test_lint_flags_other_atoms_the_scorer_cannot_apply_and_masked_amounts():
    atoms = [*parse_clause("得分=基础分-扣分+加分"), *parse_clause("年度考核85分以上为优秀"),
             *parse_clause("迟报的扣xx分"), *parse_clause("扣分加倍"), *parse_clause("加分不封顶")]
    lines = [i.line() for i in lint_rulebook(_book(atoms))]
    assert any("计分公式" in line and "不能自动计分" in line for line in lines)
    assert any("分数对应等次" in line for line in lines)  # a grade band inside an item: the scorer grades totals
    assert any("分值缺失或被遮盖" in line for line in lines)
    assert not any("加倍" in line or "不封顶" in line for line in lines), lines


def test_cli_parse_shows_the_new_fields_only_when_set():
    import json

    from click.testing import CliRunner

    from pipeline.commands.rules import rules

    lines = ["低于95%的，每下降1个百分点扣0.5分", "第二次每人扣1分", "扣分加倍", "未报扣5分"]
    result = CliRunner().invoke(rules, ["parse", "--stdin"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    (step,), (tier,), (other,), (plain,) = [json.loads(line) for line in result.output.splitlines()]
    assert step["per"] == "1个百分点" and step["start"] == {"op": "<", "value": 0.95}
    assert tier["occurrence"] == 2
    assert (other["kind"], other["subtype"], other["factor"]) == ("other", "multiplier", 2.0)
    assert not {"subtype", "start", "occurrence", "values", "factor"} & set(plain)


def test_skipping_costly_alternatives_changes_no_reading(monkeypatch):
    """The scan leaves out alternatives whose words a clause lacks (speed); every reading must stay the same."""
    import yaml

    import pipeline.rules.grammar as grammar
    from pipeline.rules import events

    clauses = [c.values[0] for c in CASES]
    for path in OPEN_SETS:
        clauses += [c["text"] for c in (yaml.safe_load(path.read_text(encoding="utf-8")).get("clauses") or [])]
    gated = [parse_clause(text) for text in clauses]
    everything = events._compiled(tuple(range(len(events.ALTERNATIVES))))
    monkeypatch.setattr(grammar, "scan_for", lambda t: everything)
    assert [parse_clause(text) for text in clauses] == gated
