"""Schemes written as numbered outlines (issue 9, round 4c): one case table per general cause, every input
invented here (no corpus file is read), with negative cases that must give no indicator or keep a reading."""
from __future__ import annotations

import pytest

from pipeline.indicators import build_indicator_table
from raw_builder import leaves, paragraphs, prose
from schemas.common import InputFormat
from schemas.raw import BlockLabel


UNWRITTEN_PART_CASES = [
    pytest.param(
        ["一、考核指标", "（一）业务类指标", "1.办案质量指标（权重60%）：", "（1）结案率100%；",
         "2.办案效率指标（权重40%）：", "（1）按期办结率100%。", "（二）专项工作指标", "1.专项督查指标。",
         "（三）否决性指标", "发生重大责任事故的，扣10分，只减分不加分。"],
        [("办案质量指标", None, ["业务类指标"]), ("办案效率指标", None, ["业务类指标"]),
         ("专项督查指标", None, ["专项工作指标"]), ("否决性指标", None, [])],
        id="a-part-named-like-its-scored-siblings-keeps-its-bare-items",
    ),
    pytest.param(
        ["一、考核内容", "（一）基础工作（40分）", "1.建立台账（20分）。未建立的扣20分。",
         "2.报送信息（20分）。每少报一次扣2分。", "（二）业务工作（60分）", "1.调解案件（60分）。每少一件扣3分。",
         "（三）附则", "1.本细则由局办公室负责解释。", "2.本细则自发布之日起施行。"],
        [("建立台账", 20.0, ["基础工作"]), ("报送信息", 20.0, ["基础工作"]), ("调解案件", 60.0, ["业务工作"])],
        id="closing-provisions-beside-the-parts-give-no-items",
    ),
]


@pytest.mark.parametrize("lines,expected", UNWRITTEN_PART_CASES)
def test_unwritten_parts(lines, expected):
    assert leaves(prose(*lines)) == expected


CUT_POINTS_CASES = [
    pytest.param(
        ["一、宣传工作（6分）", "1、制作宣传展板2块以上的,2分", "2、发放宣传资料500份以上的,2分",
         "3、在市级以上媒体刊发稿件1篇以上的,2……"],
        ("在市级以上媒体刊发稿件1篇以上的", 2.0, True),
        id="an-excerpt-that-stops-after-the-number",
    ),
    pytest.param(
        ["一、宣传工作（6分）", "1、制作宣传展板2块以上的,2分", "2、发放宣传资料500份以上的,2分",
         "3、在市级以上媒体刊发稿件1篇以上的,2分"],
        ("在市级以上媒体刊发稿件1篇以上的", 2.0, False),
        id="the-same-item-whole",
    ),
]


@pytest.mark.parametrize("lines,last", CUT_POINTS_CASES)
def test_points_whose_unit_an_excerpt_cut(lines, last):
    out = prose(*lines)
    ind = out.indicators[-1]
    assert (ind.name, ind.points, ind.possibly_cut) == last


WRAPPED_CASES = [
    pytest.param(
        ["一、组织领导（8分）", "1、召开专题会议研究部署工作,2分", "2、制定年度工作计划,2分", "3、落实工作经费,2分",
         "4、村（社区）向镇党委、政府",
         "报告工作情况,提请研究解决实际问题,2分；未报告的不得分。"],
        ("村（社区）向镇党委、政府报告工作情况,提请研究解决实际问题", 2.0),
        id="an-item-whose-line-wrapped-before-its-points",
    ),
    pytest.param(
        ["一、组织领导（8分）", "1、召开专题会议研究部署工作（2分）", "2、制定年度工作计划（2分）", "3、落实工作经费（2分）",
         "4、信息报送", "按时报送信息的,2分；未报送的不得分。"],
        ("信息报送", None),
        id="a-heading-over-its-rule-where-items-bracket-their-points",
    ),
]


@pytest.mark.parametrize("lines,last", WRAPPED_CASES)
def test_wrapped_items(lines, last):
    ind = prose(*lines).indicators[-1]
    assert (ind.name, ind.points) == last


def test_a_notice_with_numbered_paragraphs_and_no_points_gives_no_indicators():
    out = prose("关于开展年度考核工作的通知", "一、考核对象", "各司法所、机关各科室。", "二、考核时间",
                "1、12月10日前完成自查。", "2、12月20日前完成复查。", "三、工作要求", "（一）高度重视。", "（二）严格纪律。")
    assert out.indicators == []


NUMBERING_CASES = [
    pytest.param(
        ["一、道路巡查（4分）", "1）路口隐患排查（1分）", "3）减速带设置率（1分）", "4）标志标线完好率（1分）",
         "2）占道经营清理（1分）"],
        ["路口隐患排查", "减速带设置率", "标志标线完好率", "占道经营清理"],
        id="an-item-listed-late-fills-the-gap-its-number-left",
    ),
    pytest.param(
        ["一、违法查处（3分）", "1）酒驾醉驾查处情况（1分）", "2）3类重点违法查处情况（2分）"],
        ["酒驾醉驾查处情况", "3类重点违法查处情况"],
        id="an-item-opening-with-a-count",
    ),
    pytest.param(
        ["一、队伍建设（10分）", "1、配齐专职人员（4分）。", "2、建立培训制度：⑴每年培训不少于2次（3分）；⑵培训档案齐全（3分）。"],
        ["配齐专职人员", "每年培训不少于2次", "培训档案齐全"],
        id="parenthesized-number-glyphs-inline",
    ),
    pytest.param(
        ["一、安全管理（6分）", "⑴台账完整（2分）", "⑵隐患整改及时（2分）", "⑶演练每年1次（2分）"],
        ["台账完整", "隐患整改及时", "演练每年1次"],
        id="parenthesized-number-glyphs-on-lines-of-their-own",
    ),
]


@pytest.mark.parametrize("lines,names", NUMBERING_CASES)
def test_numbering(lines, names):
    assert [i.name for i in prose(*lines).indicators] == names


# A part with points of its own beside the grouped one: a scheme, not a list of aims.
SCORED_PART = ["一、备课检查", "分别从教案数量（40分）、教学目标（30分）、教学反思（30分）等三项考评。"]
SCORED_ROWS = [("教案数量", ["备课检查"]), ("教学目标", ["备课检查"]), ("教学反思", ["备课检查"])]

GROUPED_LIST_CASES = [
    pytest.param(
        ["二、课堂考评", "主要分：教师行为（讲解清晰、提问有效）；学生行为（参与程度、合作学习）等两大方面，满分100分。"],
        [("讲解清晰", ["课堂考评", "教师行为"]), ("提问有效", ["课堂考评", "教师行为"]),
         ("参与程度", ["课堂考评", "学生行为"]), ("合作学习", ["课堂考评", "学生行为"])],
        100.0,
        id="groups-of-named-items-under-a-stated-whole",
    ),
    pytest.param(
        ["二、窗口服务", "包括服务态度（文明用语、主动引导、耐心解答），办事效率（按时办结、一次告知），"
                     "服务环境（整洁、明亮、有序），共100分。"],
        [("文明用语", ["窗口服务", "服务态度"]), ("主动引导", ["窗口服务", "服务态度"]),
         ("耐心解答", ["窗口服务", "服务态度"]), ("按时办结", ["窗口服务", "办事效率"]),
         ("一次告知", ["窗口服务", "办事效率"]), ("服务环境", ["窗口服务"])],
        100.0,
        id="a-bracket-of-single-words-describes-one-item",
    ),
]


@pytest.mark.parametrize("lines,expected,whole", GROUPED_LIST_CASES)
def test_grouped_lists(lines, expected, whole):
    out = prose(*SCORED_PART, *lines)
    assert [(i.name, i.category_path) for i in out.indicators] == SCORED_ROWS + expected
    grouped = out.indicators[len(SCORED_ROWS):]
    assert all(i.points is None for i in grouped) and grouped[0].categories[0].points == whole
    assert out.needs_review  # items without points under a whole: a person assigns them


@pytest.mark.parametrize("lines", [
    pytest.param(["二、工作要求", "加强两项建设：组织建设（班子、队伍）；制度建设（台账、档案）。"], id="no-stated-whole"),
    pytest.param(["二、工作目标", "做到两个确保：确保安全（人员、财产），确保稳定（信访、舆情），力争年度考评得分在90分以上。"],
                 id="a-score-aimed-at-is-no-whole"),
])
def test_groups_that_are_no_scheme(lines):
    assert [i.name for i in prose(*SCORED_PART, *lines).indicators] == [n for n, _ in SCORED_ROWS]


PEER_PART_CASES = [
    pytest.param(
        "二、部门考评。共性指标60分，分别为党建工作20分、队伍建设30分、信息宣传10分。个性指标40分，由各单位按职能另行制定。",
        [("党建工作", 20.0), ("队伍建设", 30.0), ("信息宣传", 10.0), ("个性指标", 40.0)],
        id="a-part-named-like-the-list-heading-with-its-items-elsewhere",
    ),
    pytest.param(
        "二、部门考评。共性指标60分，分别为党建工作20分、队伍建设30分、信息宣传10分。年终总结10分，计入下一年度。",
        [("党建工作", 20.0), ("队伍建设", 30.0), ("信息宣传", 10.0)],
        id="a-sentence-with-other-points-is-no-part",
    ),
]


@pytest.mark.parametrize("line,expected", PEER_PART_CASES)
def test_peer_parts(line, expected):
    assert [(i.name, i.points) for i in prose(line).indicators] == expected


WORDING_CASES = [
    pytest.param(
        ["三、社会事业（20分）", "第1项 民生保障。低保对象动态管理到位，计10分。", "第2项 环境整治。村庄环境整洁，计10分。"],
        [("民生保障", 10.0, ["社会事业"]), ("环境整治", 10.0, ["社会事业"])],
        id="items-numbered-di-n-xiang",
    ),
    pytest.param(
        ["一、工作纪律 基础分40分", "1. 上下班纪律：无迟到早退现象。发现一次扣1分。（20分）",
         "2. 会议纪律：按时参加会议。缺席一次扣2分。（20分）"],
        [("上下班纪律", 20.0, ["工作纪律"]), ("会议纪律", 20.0, ["工作纪律"])],
        id="a-title-before-its-description-and-a-points-label",
    ),
    pytest.param(
        ["一、工作纪律（20分）", "1. 上下班纪律（10分）。迟到一次扣1分。", "2. 会议纪律（10分）。缺席一次扣2分。",
         "二、奖励分", "1. 受到省级表彰的加5分。", "2. 受到市级表彰的加3分。"],
        [("上下班纪律", 10.0, ["工作纪律"]), ("会议纪律", 10.0, ["工作纪律"]),
         ("受到省级表彰的", 5.0, ["奖励分"]), ("受到市级表彰的", 3.0, ["奖励分"])],
        id="a-bonus-part-gives-each-item-its-bonus",
    ),
    pytest.param(
        ["二、教学常规（10分）", "1.按时上课，第二项检查合格的，计5分。", "2.按时批改作业，计5分。"],
        [("按时上课，第二项检查合格的", 5.0, ["教学常规"]), ("按时批改作业", 5.0, ["教学常规"])],
        id="di-n-xiang-inside-a-sentence-refers-to-an-item",
    ),
    pytest.param(
        ["二、矛盾化解（30分）", "1.矛盾纠纷排查", "考核分值：15分。", "评分标准：每月排查一次，少一次扣1分。",
         "2.信访工作", "分值：15分", "评分标准：发生越级上访的，每起扣3分。"],
        [("矛盾纠纷排查", 15.0, ["矛盾化解"]), ("信访工作", 15.0, ["矛盾化解"])],
        id="points-on-a-labelled-line-under-the-item",
    ),
    pytest.param(
        ["安全生产【20分】", "1.建立台账【10分】。未建立的扣10分。", "2.组织演练〔10分〕。未组织的扣10分。"],
        [("建立台账", 10.0, ["安全生产"]), ("组织演练", 10.0, ["安全生产"])],
        id="points-in-square-brackets",
    ),
    pytest.param(
        ["一、基础工作(20分)", "1.建立台账，满分10分。未建立的扣10分。", "2.制度建设，分值：10分。制度不全的扣5分。"],
        [("建立台账", 10.0, ["基础工作"]), ("制度建设", 10.0, ["基础工作"])],
        id="a-points-label-after-a-comma",
    ),
]


@pytest.mark.parametrize("lines,expected", WORDING_CASES)
def test_wordings(lines, expected):
    assert leaves(prose(*lines)) == expected


def test_a_notice_with_one_scoring_sentence_gives_no_indicators():
    out = prose("关于召开年度工作会议的通知", "一、会议时间", "1月10日上午9时。", "二、有关要求",
                "（一）请各单位于1月8日前报送名单。", "（二）参会人员不得无故缺席，缺席一次在年度考核中扣1分。")
    assert out.indicators == []
    assert "通知中的一句要求" in out.warnings[-1]


@pytest.mark.parametrize("closing", ["四、附则 本细则由镇安办负责解释。", "四、结果运用", "四、考核方式 采取日常与年终相结合。",
                                     "四、结果运用 考核结果与评优挂钩。附件：考核评分细则（100分）"])
def test_the_schemes_own_procedure_beside_scored_parts_is_no_item(closing):
    out = prose("一、组织领导（20分）", "1.成立领导小组（10分）。未成立的扣10分。", "2.制定工作方案（10分）。未制定的扣10分。",
                "二、隐患排查（50分）", "1.企业排查（30分）。少一次扣3分。", "2.村居排查（20分）。少一次扣2分。",
                "三、宣传培训（30分）", "1.开展宣传活动（30分）。未开展的扣10分。", closing)
    assert [i.name for i in out.indicators] == ["成立领导小组", "制定工作方案", "企业排查", "村居排查", "开展宣传活动"]


PROSE_WEIGHT_CASES = [
    pytest.param("1、日常考核，占考核分值40%。", 0.4, id="share-of-the-score-named"),
    pytest.param("1、日常考核，占年度考核总分的40%。", 0.4, id="share-of-the-yearly-total"),
    pytest.param("1、日常考核，占比40%。", 0.4, id="zhan-bi"),
    pytest.param("1、日常考核，权重为40%。", 0.4, id="quanzhong"),
]


@pytest.mark.parametrize("line,weight", PROSE_WEIGHT_CASES)
def test_weights_in_prose(line, weight):
    out = prose("一、考核构成", line, "2、年终考核，权重60%。")
    assert [(i.name, i.weight) for i in out.indicators] == [("日常考核", weight), ("年终考核", 0.6)]


def test_a_share_of_people_is_no_weight():
    out = prose("一、队伍建设（10分）", "1、人员培训（10分）。未参训人数占总人数的10%以上的扣2分。")
    assert [(i.name, i.points, i.weight) for i in out.indicators] == [("人员培训", 10.0, None)]


ONLY_ITEM_CASES = [
    pytest.param(
        ["一、平台应用（1.5分）", "1.预警拦截情况（2分）", "1）预警拦截率（2分）", "2.布控车辆检查情况（-0.5分）",
         "1）布控车辆检查情况（扣分项）"],
        [("预警拦截率", 2.0), ("布控车辆检查情况", -0.5)],
        id="a-deduction-part-over-its-one-item",
    ),
    pytest.param(
        ["一、平台应用（20分）", "（一）基础工作（10分）", "1.建立台账，未建立的扣5分。", "（二）业务工作（10分）",
         "2.办理案件，超期一件扣1分。"],
        [("建立台账", 10.0), ("办理案件", None)],
        id="a-lone-second-item-is-an-excerpt",
    ),
]


@pytest.mark.parametrize("lines,expected", ONLY_ITEM_CASES)
def test_a_part_with_one_item(lines, expected):
    assert [(i.name, i.points) for i in prose(*lines).indicators] == expected


def test_a_scored_part_named_like_a_procedure_word_stays():
    out = prose("一、业务工作（20分）", "1.办理案件（10分）。超期一件扣1分。", "2.其他工作（10分）。未完成的扣5分。")
    assert [i.name for i in out.indicators] == ["办理案件", "其他工作"]


def _styled(*blocks: tuple[str, BlockLabel]):
    return build_indicator_table(paragraphs(*blocks, file="o.docx", fmt=InputFormat.DOCX))


H, P = BlockLabel.HEADING, BlockLabel.PARAGRAPH


@pytest.mark.parametrize("blocks,paths", [
    pytest.param([("党建工作", H), ("1.组织生活（10分）。缺一次扣2分。", P), ("2.廉政建设（10分）。违纪的不得分。", P),
                  ("业务工作", H), ("1.重点任务（50分）。未完成一项扣5分。", P), ("2.日常工作（30分）。差错一次扣2分。", P)],
                 [["党建工作"], ["党建工作"], ["业务工作"], ["业务工作"]], id="word-headings-over-numbered-items"),
    pytest.param([("组织生活", P), ("1.按时参加（10分）。缺一次扣2分。", P), ("2.按时交纳党费（10分）。未交的扣2分。", P)],
                 [[], []], id="a-plain-paragraph-is-no-heading"),
    pytest.param([("附件1", H), ("1.按时参加（10分）。缺一次扣2分。", P), ("2.按时交纳党费（10分）。未交的扣2分。", P)],
                 [[], []], id="an-attachment-heading-is-no-category"),
])
def test_styled_headings(blocks, paths):
    assert [i.category_path for i in _styled(*blocks).indicators] == paths


# A heading naming a kind of items (加分项目, 扣分项目) over an unnumbered scoring sentence heads that rule; any
# other heading over its rule stays the item itself.
KIND_HEADING_CASES = [
    pytest.param(["一、日常工作（10分）", "1、按时报送信息（10分）。", "二、扣分项目", "发生安全事故的，扣5分；被通报的，每次扣2分。"],
                 [("按时报送信息", ["日常工作"]), ("发生安全事故的", ["扣分项目"])], id="deduction-heading-over-its-rule"),
    pytest.param(["一、日常工作（10分）", "1、按时报送信息（10分）。", "二、加分项目", "获得市级表彰的，加3分。"],
                 [("按时报送信息", ["日常工作"]), ("获得市级表彰的", ["加分项目"])], id="bonus-heading-over-its-rule"),
    pytest.param(["一、日常工作（10分）", "1、按时报送信息（10分）。", "二、组织领导", "未成立领导小组的，扣5分。"],
                 [("按时报送信息", ["日常工作"]), ("组织领导", [])], id="an-item-heading-keeps-its-rule-below"),
    pytest.param(["一、日常工作（10分）", "1、按时报送信息（10分）。", "二、扣分项目", "具体标准另行制定。"],
                 [("按时报送信息", ["日常工作"])], id="deduction-heading-without-a-rule-gives-no-item"),
]


@pytest.mark.parametrize("lines,rows", KIND_HEADING_CASES)
def test_kind_heading_over_its_rule(lines, rows):
    assert [(i.name, [c.name for c in i.categories]) for i in prose(*lines).indicators] == rows


# A procedure heading whose points are stated as a whole ('满分100分') states the scheme's total, not an item's.
WHOLE_CASES = [
    pytest.param(["一、考核方式：日常考核与年终考核相结合，满分100分。", "二、考核内容", "1、建立工作台账（50分）。",
                  "2、按时报送信息（50分）。"], ["建立工作台账", "按时报送信息"], id="a-whole-under-a-procedure-heading"),
    pytest.param(["一、工作台账（5分）。建立台账的得5分。", "二、考核程序（5分）。按程序开展自查的得5分。"],
                 ["工作台账", "考核程序"], id="a-procedure-named-item-with-its-own-points-stays"),
]


@pytest.mark.parametrize("lines,names", WHOLE_CASES)
def test_whole_stated_under_a_procedure_heading(lines, names):
    assert [i.name for i in prose(*lines).indicators] == names
