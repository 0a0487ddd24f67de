"""Layout recovery of text dumps: the registry, and a case table per layout a copy leaves a table in.

Every input here is invented and built at test time; each case names the layout, the text, and what
the rebuilt grid must hold (cells by row and column after merged cells are filled down).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors import extract
from extractors.text import recover
from extractors.text.align import kind, place_row
from extractors.text.grid import Found, Grid
from extractors.text.headers import Role, glued_names, is_header_name, role_of
from extractors.text.normal import fold, fold_text, is_doubled, strip_debris
from extractors.text.outline import split_outline
from extractors.text.pages import join_pages
from schemas.raw import Table

WEB = Path(__file__).resolve().parent.parent / "corpus" / "web"


def write(tmp_path: Path, text: str, name: str = "dump.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def cells(table: Table) -> list[list[str]]:
    """The table as rows of texts, merged cells repeated where they span."""
    return [[c.text if c is not None else "" for c in row] for row in table.grid()]


def only_table(tmp_path: Path, text: str) -> Table:
    raw = extract(write(tmp_path, text))
    assert len(raw.tables) == 1, [b.text for b in raw.blocks]
    return raw.tables[0]


# ---------------------------------------------------------------- the registry

def test_registry_lists_recognisers_in_order_and_names_the_unknown_one():
    assert recover.names()[:3] == ["delimited", "csv", "markup"]
    assert {"flat", "pipes", "boxdraw", "layout", "stream"} <= set(recover.names())
    with pytest.raises(recover.UnknownRecogniser) as err:
        recover.get("no-such-layout")
    assert "no-such-layout" in str(err.value) and "flat" in str(err.value)


def test_a_registered_recogniser_competes_on_score(tmp_path):
    """A new recogniser joins the stage; the best-scoring grid at a line wins and says who read it."""
    def colon_rows(lines, start):
        if "：" not in lines[start] or "分" not in lines[start]:
            return None
        end = start
        while end < len(lines) and "：" in lines[end]:
            end += 1
        rows = [lines[i].split("：") for i in range(start, end)]
        from extractors.text.grid import Cell
        grid_cells = [Cell(0, 0, "考核内容", start + 1, header=True), Cell(0, 1, "分值", start + 1, header=True)]
        grid_cells += [Cell(r + 1, c, t, start + r + 1) for r, row in enumerate(rows) for c, t in enumerate(row)]
        return Found([Grid(grid_cells, len(rows) + 1, 2, start + 1)], end)

    recover.register("colon", colon_rows)
    try:
        table = only_table(tmp_path, "建立台账：5分\n组织培训：3分\n")
        assert table.recovery.recogniser == "colon" and 0 < table.recovery.confidence <= 1
        assert cells(table)[1:] == [["建立台账", "5分"], ["组织培训", "3分"]]
    finally:
        del recover._REGISTRY["colon"]


# ---------------------------------------------------------------- header words, one vocabulary

HEADER_CASES = [
    ("分值", Role.POINTS), ("标准分", Role.POINTS), ("考评分值(分)", Role.POINTS), ("权重", Role.POINTS),
    ("评分标准", Role.CRITERIA), ("扣分细则", Role.CRITERIA), ("评分规则", Role.CRITERIA),
    ("考核内容", Role.CONTENT), ("考核要求", Role.CONTENT), ("目标任务", Role.CONTENT),
    ("考核项目", Role.GROUP), ("类别", Role.GROUP), ("专案", Role.GROUP), ("一级指标", Role.GROUP),
    ("指标名称", Role.NAME), ("三级指标", Role.NAME), ("子项", Role.NAME),
    ("责任单位", Role.DEPT), ("牵头部门", Role.DEPT), ("自评得分", Role.SCORE), ("备注", Role.NOTE),
    ("序号", Role.SERIAL), ("考评方式", Role.METHOD), ("发文机关", None),
]


@pytest.mark.parametrize("name,role", HEADER_CASES)
def test_header_word_roles(name, role):
    assert role_of(name) is role
    assert is_header_name(name) is (role is not None)


GLUED_CASES = [
    ("项目考核目标分值评分标准得分备注", ["项目", "考核目标", "分值", "评分标准", "得分", "备注"]),
    ("序号专案标准分目标任务考核标准", ["序号", "专案", "标准分", "目标任务", "考核标准"]),
    ("考核项目考核内容及计分标准标准分扣分标准", ["考核项目", "考核内容及计分标准", "标准分", "扣分标准"]),
    ("类别项目考核内容计分方法自评分考核分", ["类别", "项目", "考核内容", "计分方法", "自评分", "考核分"]),
    ("主要考评方面具体考评内容考评分值(分)考评标准", ["主要考评方面", "具体考评内容", "考评分值", "考评标准"]),
]


@pytest.mark.parametrize("text,names", GLUED_CASES)
def test_glued_header_words_are_segmented(text, names):
    assert [n for _, _, n in glued_names(text, 0)] == names


# ---------------------------------------------------------------- damaged text, folded for recognition

FOLD_CASES = [
    ("考核內(nèi)容", "考核内容"),       # traditional with pinyin debris
    ("評分細則", "评分细则"),
    ("扣??分??标??准", "扣分标准"),        # mojibake inside a word
    ("１０分", "10分"),                    # full-width digits
]


@pytest.mark.parametrize("damaged,folded", FOLD_CASES)
def test_folding_for_recognition(damaged, folded):
    assert fold_text(damaged) == folded


def test_folded_positions_map_back_to_the_original():
    original = "甲、考核內(nèi)容 分值"
    view = fold(original, squash=True)
    at = view.text.index("考核内容")
    assert view.cut(at, at + 4) == "考核內(nèi)容"


def test_doubled_characters_are_recognised_and_collapsed_only_for_matching():
    text = "关于印发泰泰州市应应急急管理工工作目标管管理考核办法的通知知各市人人民政府府"
    normal = "各单位要常常对照考核细则开展自查，人人参与，按季度报送台账资料，年终由考核组统一组织检查评分。"
    assert is_doubled(text) and not is_doubled(normal)
    assert "应急管理" in fold(text, undouble=True).text


def test_pinyin_debris_leaves_output_but_traditional_characters_stay(tmp_path):
    table = only_table(tmp_path, "考核項目考核內(nèi)容分值評分細則基礎工作(50分)制度健全(nèi)。5每缺一項扣0.5分。\n")
    assert cells(table)[0] == ["考核項目", "考核內容", "分值", "評分細則"]
    assert cells(table)[1] == ["基礎工作(50分)", "制度健全。", "5", "每缺一項扣0.5分。"]


PAGE_CASES = [
    # doc-site pages: '1、' opens page 1, '2、' continues the text cut mid-word
    ("站点说明\n1、" + "考核细则正文" * 40 + "建立工作台\n2、账，扣1分。",
     ["站点说明", "\f" + "考核细则正文" * 40 + "建立工作台账，扣1分。"]),
    # a document's own long numbered paragraphs end their sentences: left alone
    ("1、" + "第一项要求。" * 40 + "\n说明\n2、" + "第二项要求。" * 40,
     ["1、" + "第一项要求。" * 40, "说明", "2、" + "第二项要求。" * 40]),
    # a footer between words of a PDF copy
    ("持续推进城乡垃圾治理 — 1 — 序号 考核项目", ["持续推进城乡垃圾治理  序号 考核项目"]),
    # a running head on every page (after a form feed or a page-number footer): later copies go, the break stays
    ("某某局    某发〔2020〕3号\n正文一\n\f某某局    某发〔2020〕3号\n正文二\n第 2 页\n某某局    某发〔2020〕3号\n正文三",
     ["某某局    某发〔2020〕3号", "正文一", "\f", "正文二", "第 2 页", "正文三"]),
    # a table header repeated at each page top is the table's, not a running head
    ("序号    考核内容    分值\n1    台账    5\n\f序号    考核内容    分值\n2    培训    3",
     ["序号    考核内容    分值", "1    台账    5", "\f序号    考核内容    分值", "2    培训    3"]),
    # a line that opens only one later page is text
    ("标题\n正文一\n\f附表\n正文二", ["标题", "正文一", "\f附表", "正文二"]),
]


@pytest.mark.parametrize("text,joined", PAGE_CASES)
def test_page_artefacts_are_removed(text, joined):
    assert [line for line in join_pages(text.split("\n")) if line] == joined


# ---------------------------------------------------------------- the layouts

# (layout, text, expected rows from the header down: merged cells filled, blanks "")
LAYOUT_CASES = [
    (
        "one cell per line",
        "附件2\n考核评分标准\n序号\n项 目\n内 容\n标准分\n评 分 标 准\n自评分\n"
        "一\n队伍建设(20分)\n学习制度\n10\n未建立学习制度的扣2分。\n"
        "廉政教育\n10\n每少一次扣1分。\n"
        "二\n业务工作(10分)\n案件办理\n10\n超期一件扣1分。\n",
        [["序号", "项目", "内容", "标准分", "评分标准", "自评分"],
         ["一", "队伍建设(20分)", "学习制度", "10", "未建立学习制度的扣2分。", ""],
         ["一", "队伍建设(20分)", "廉政教育", "10", "每少一次扣1分。", ""],
         ["二", "业务工作(10分)", "案件办理", "10", "超期一件扣1分。", ""]],
    ),
    (
        "one cell per line with blank lines",
        "考核项目\n\n考核内容\n\n分值\n\n评分标准\n\n组织领导(10分)\n\n成立领导小组。\n\n6\n\n未成立的扣6分。\n\n"
        "制定工作方案。\n\n4\n\n无方案的扣4分。\n",
        [["考核项目", "考核内容", "分值", "评分标准"],
         ["组织领导(10分)", "成立领导小组。", "6", "未成立的扣6分。"],
         ["组织领导(10分)", "制定工作方案。", "4", "无方案的扣4分。"]],
    ),
    (
        "cells split by a stray letter",
        "考核内容Р分值Р评分标准Р建立巡查制度。Р5Р未建立的扣5分。Р开展应急演练。Р3Р每少一次扣1分。\n",
        [["考核内容", "分值", "评分标准"],
         ["建立巡查制度。", "5", "未建立的扣5分。"],
         ["开展应急演练。", "3", "每少一次扣1分。"]],
    ),
    (
        "glued run with bare points",
        "某局河湖管理考核评分表考核类别考核内容分值备注一、制度建设(15分)(1)建立河湖巡查制度。10(2)设立公示牌。5"
        "二、水质保护(10分)(1)完成水质达标计划。10\n",
        [["考核类别", "考核内容", "分值", "备注"],
         ["一、制度建设(15分)", "(1)建立河湖巡查制度。", "10", ""],
         ["一、制度建设(15分)", "(2)设立公示牌。", "5", ""],
         ["二、水质保护(10分)", "(1)完成水质达标计划。", "10", ""]],
    ),
    (
        "glued run, points between requirement and rule",
        "考核项目考核要求分值评分细则基础工作(30分)按时出台实施方案。5每缺一项扣1分。"
        "建立工作台账,更新及时。10台账不全的酌情扣分。\n",
        [["考核项目", "考核要求", "分值", "评分细则"],
         ["基础工作(30分)", "按时出台实施方案。", "5", "每缺一项扣1分。"],
         ["基础工作(30分)", "建立工作台账,更新及时。", "10", "台账不全的酌情扣分。"]],
    ),
    (
        "glued run split by doc-site pages, header repeated",
        "站点首页\n1、某县村法律顾问考评表项目考核目标分值评分标准得分备注1.制定服务计划律师在担任村法律顾问时,"
        + "应对该村的基本情况、组织机构、经济发展等情况进行详细了解," * 4
        + "并制定计划。6分未制定计划的,扣3分。2.开展定期服务每月到村服务不少于一次。12分每少一次扣1分。"
        + "3\n2、.开展义务服务提供法律咨询。10分每起扣2分。项目考核目标分值评分标准得分备注4.报告重大事项及时报告。4分每起扣1分。\n",
        None,  # checked below: rows 1–4 numbered in order, the repeated header gone
    ),
    (
        "pipe cells each on a line, rows ended by a lone pipe",
        "附件\n考核内容\n| 分值\n| 考核标准\n| 扣分标准\n|\n场所建设\n| 20\n| 1.设有接待室(5分)\n2.设有档案室(5分)\n"
        "| 1.未设接待室扣5分\n2.未设档案室扣5分\n|\n人员配备\n| 10\n| 专职人员不少于2人\n| 缺1人扣5分\n|\n",
        [["考核内容", "分值", "考核标准", "扣分标准"],
         ["场所建设", "20", "1.设有接待室(5分)\n2.设有档案室(5分)", "1.未设接待室扣5分\n2.未设档案室扣5分"],
         ["人员配备", "10", "专职人员不少于2人", "缺1人扣5分"]],
    ),
    (
        "pipe rows with merged cells left out and filler lines",
        "| 一级指标 | 二级指标 | 三级指标 | 得分 |\n| 部门决策(20分) | 目标设定(10分) | 相关性(5分) |\n|\n"
        "| 明确性(5分) |\n| ||\n| 预算编制(10分) | 测算依据(10分) |\n| |\n",
        [["一级指标", "二级指标", "三级指标", "得分"],
         ["部门决策(20分)", "目标设定(10分)", "相关性(5分)", ""],
         ["部门决策(20分)", "目标设定(10分)", "明确性(5分)", ""],
         ["部门决策(20分)", "预算编制(10分)", "测算依据(10分)", ""]],
    ),
    (
        "pipe rows under a two-row header: names without sub-names stand over both header rows",
        "考核要素 | 分值 | 评分标准 | 得分 | ||\n大项 | 小项 | ||||||\n"
        "队伍建设(20分) | 学习制度(10分) | 10分 | 未建立扣10分。 | |\n| 廉政教育(10分) | 10分 | 每少一次扣1分。 | |\n",
        [["考核要素", "考核要素", "分值", "评分标准", "得分"],
         ["大项", "小项", "分值", "评分标准", "得分"],
         ["队伍建设(20分)", "学习制度(10分)", "10分", "未建立扣10分。", ""],
         ["队伍建设(20分)", "廉政教育(10分)", "10分", "每少一次扣1分。", ""]],
    ),
    (
        "pipe rows without the outer pipes",
        "序号 | 项目 | 具体内容 | 分值 | 打分方法 |\n1 | 组织领导(6分) | 召开专题会议。 | 3 | 每次得1分。 |\n"
        "2 | 出台工作方案。 | 3 | 未出台不得分。 |\n",
        [["序号", "项目", "具体内容", "分值", "打分方法"],
         ["1", "组织领导(6分)", "召开专题会议。", "3", "每次得1分。"],
         ["2", "组织领导(6分)", "出台工作方案。", "3", "未出台不得分。"]],
    ),
    (
        "columns copied one after another",
        "考核项目汇总\n序号 考核项目 分值 责任单位\n1 2 3 4\n建立工作台账 组织业务培训 开展普法宣传 按时报送信息\n"
        "5 3 2 10\n办公室 政治处 普法科 办公室\n",
        [["序号", "考核项目", "分值", "责任单位"], ["1", "建立工作台账", "5", "办公室"], ["2", "组织业务培训", "3", "政治处"],
         ["3", "开展普法宣传", "2", "普法科"], ["4", "按时报送信息", "10", "办公室"]],
    ),
    (
        "box drawing with wrapped cells",
        "┌──┬─────┬──┬──────────┐\n│序号│ 指 标 │分值│赋分办法        │\n├──┼─────┼──┼──────────┤\n"
        "│ 1 │教育经费  │ 20 │达到要求得10分,不达│\n│  │          │    │要求不得分。      │\n"
        "├──┼─────┼──┼──────────┤\n│ 2 │标准化    │ 10 │按排序分别得10、8│\n│  │学校建设  │    │、6分。           │\n"
        "└──┴─────┴──┴──────────┘\n",
        [["序号", "指标", "分值", "赋分办法"],
         ["1", "教育经费", "20", "达到要求得10分,不达要求不得分。"],
         ["2", "标准化学校建设", "10", "按排序分别得10、8、6分。"]],
    ),
]


@pytest.mark.parametrize("layout,text,rows", [c for c in LAYOUT_CASES if c[2] is not None],
                         ids=[c[0] for c in LAYOUT_CASES if c[2] is not None])
def test_layout_is_rebuilt(tmp_path, layout, text, rows):
    table = extract(write(tmp_path, text)).tables[-1]
    got = cells(table)
    header = next(r for r, row in enumerate(table.grid()) if any(c is not None and c.column_header for c in row))
    assert [[t.replace(" ", "") for t in row] for row in got[header:]] == [[t.replace(" ", "") for t in row] for row in rows]
    assert table.recovery is not None and 0 < table.recovery.confidence <= 1


def test_glued_pages_give_their_rows_in_order(tmp_path):
    text = next(c[1] for c in LAYOUT_CASES if c[0].startswith("glued run split"))
    raw = extract(write(tmp_path, text))
    table = raw.tables[0]
    rows = cells(table)
    assert rows[0] == ["项目", "考核目标", "分值", "评分标准", "得分", "备注"]
    numbers = [next(t for t in row if t)[:2] for row in rows[1:]]
    assert numbers == ["1.", "2.", "3.", "4."]
    assert all(row[2].endswith("分") for row in rows[1:])
    assert not any("项目考核目标" in t for row in rows[1:] for t in row)
    assert raw.blocks[0].text == "站点首页" and "考评表" in raw.blocks[-1].text


def test_raw_html_table_after_text_is_read_with_its_spans(tmp_path):
    lead = "".join(f"这是网页上的第{i}行说明文字。\n" for i in range(40))  # the table starts after 512 bytes
    html = ('<div class="title">考核表</div>\n<table>\n<tr><th>类别</th><th>考核内容</th><th>分值</th></tr>\n'
            '<tr><td rowspan="2">组织领导（10分）</td><td>建立台账</td><td>5</td></tr>\n'
            '<tr><td>开展培训${item.note}</td><td>5</td></tr>\n</table>\n结束语。\n')
    raw = extract(write(tmp_path, lead + html))
    table = raw.tables[0]
    assert table.recovery.recogniser == "markup"
    assert cells(table) == [["类别", "考核内容", "分值"], ["组织领导（10分）", "建立台账", "5"],
                            ["组织领导（10分）", "开展培训", "5"]]
    assert table.cells[3].row_span == 2
    assert raw.blocks[-1].text == "结束语。" and any(b.text == "考核表" for b in raw.blocks)


# ---------------------------------------------------------------- what must stay prose

PROSE_CASES = [
    ("a sentence naming columns", "请按考核内容、分值、评分标准填写自评表，并于月底前报送。\n"),
    ("columns one after another that do not line up (a subtotal among the points)",
     "序号 考核项目 分值 责任单位\n一 基础工作 1 2 3 4 建立工作台账 组织业务培训 开展普法宣传 按时报送信息 20 5 3 2 10 "
     "办公室 政治处 普法科 办公室\n"),
    ("columns printed side by side, wrapped",
     "工作类别 考核内容 分值 扣分标准 责任部门\n信息 报送工作 10分 未报送的 办公室\n工作（15 信息稿件。 扣1分。\n分） 新闻宣传 5分 每少一篇扣1分 普法科\n"),
]


@pytest.mark.parametrize("case,text", PROSE_CASES)
def test_no_table_where_none_can_be_read(tmp_path, case, text):
    assert extract(write(tmp_path, text)).tables == []


# ---------------------------------------------------------------- a short row's cells go where they fit

PLACE_CASES = [
    # roles, the texts of the table's full rows, the short row's texts, their columns
    ([Role.GROUP, Role.NAME, Role.POINTS, Role.CRITERIA], [], ["资金使用", "5", "超支扣5分。"], [1, 2, 3]),
    ([Role.GROUP, Role.GROUP, Role.NAME, Role.SCORE], [["部门决策(20分)", "目标设定(10分)", "相关性(5分)", ""]],
     ["明确性(5分)"], [2]),
    ([Role.SERIAL, Role.GROUP, Role.CONTENT, Role.POINTS, Role.CRITERIA], [],
     ["2", "出台工作方案。", "3", "未出台不得分。"], [0, 2, 3, 4]),
    ([Role.GROUP, Role.NAME, Role.POINTS, Role.CONTENT, Role.METHOD],
     [["干部", "制度建立", "1", "制定领导干部学法用法工作意见或实施方案(0.5分)。", "组织部提供相关材料"],
      ["干部", "法制讲座", "1", "建立领导干部法制讲座制度,每年不少于2次。", "司法局提供相关材料"]],
     ["任前考试", "1.5", "实施任前法律知识考试制度(1分)。", "人大办提供相关材料"], [1, 2, 3, 4]),
]


@pytest.mark.parametrize("roles,full,texts,cols", PLACE_CASES)
def test_short_rows_are_placed_by_what_their_cells_hold(roles, full, texts, cols):
    examples = [[row[c] for row in full] for c in range(len(roles))] if full else None
    assert place_row(texts, roles, examples=examples) == cols


KIND_CASES = [
    ("10", "integer"), ("0.5", "number"), ("5分", "points"), ("(5分)", "allocation"), ("一", "serial"), ("(3)", "serial"),
    ("组织领导(15分)", "label"), ("1、律师事务所建设情况(8分)", "label"), ("市河长办", "dept"),
    ("每缺一项扣0.5分。", "rule"), ("有责任制,计3分。", "award"), ("应急管理机构", "short"),
]


@pytest.mark.parametrize("text,expected", KIND_CASES)
def test_cell_kinds(text, expected):
    assert kind(text) == expected


# ---------------------------------------------------------------- cut-off texts

def test_cut_off_table_keeps_its_visible_rows_and_marks_the_last(tmp_path):
    text = "考核项目考核要求分值评分细则基础工作(20分)建立制度。5每缺一项扣1分。完善台账,包括组织领导、日常管理"
    table = only_table(tmp_path, text)
    assert cells(table)[-1][:2] == ["基础工作(20分)", "完善台账,包括组织领导、日常管理"]
    assert table.recovery.cut_row == table.num_rows - 1


@pytest.mark.parametrize("last", ["2、制定工作方案,未制定", "(2)廉政", "（二）队伍"])
def test_cut_off_prose_marks_its_last_block(tmp_path, last):
    """A sentence left open is cut; so is a numbered item with nothing closing it, however short."""
    raw = extract(write(tmp_path, f"一、组织领导(10分)\n1、成立领导小组,计5分。\n{last}"))
    assert [b.cut for b in raw.blocks] == [False, False, True]


@pytest.mark.parametrize("last", ["附则", "2021年8月5日", "某县司法局"])
def test_prose_ending_on_a_short_line_is_not_cut(tmp_path, last):
    raw = extract(write(tmp_path, f"一、组织领导(10分)\n1、成立领导小组,计5分。\n{last}"))
    assert not raw.blocks[-1].cut


# ---------------------------------------------------------------- run-on prose

OUTLINE_CASES = [
    ("二、考核内容(一)制度建设(10分)1、建立台账(3分);2、按时报送(4分);3、健全制度(3分)。(二)业务工作(20分)",
     ["二、考核内容", "(一)制度建设(10分)", "1、建立台账(3分);", "2、按时报送(4分);", "3、健全制度(3分)。",
      "(二)业务工作(20分)"]),
    ("实行百分制。 一、组织领导 1、成立小组6分,每缺一项扣2分。 2、制定方案4分。",
     ["实行百分制。", "一、组织领导", "1、成立小组6分,每缺一项扣2分。", "2、制定方案4分。"]),
    ("按从高到低排序,分别得10、8、6、4分;第1、2项另计。", ["按从高到低排序,分别得10、8、6、4分;第1、2项另计。"]),
    ("附件: 1. 考评标准 2. 自评表", ["附件: 1. 考评标准", "2. 自评表"]),
    ("（含(1)项)不计入。", ["（含(1)项)不计入。"]),
    ("1、培训制度(6分)⑴每年培训2次(3分);⑵档案齐全(3分)。", ["1、培训制度(6分)", "⑴每年培训2次(3分);", "⑵档案齐全(3分)。"]),
    ("按⑴⑵两项计分。", ["按⑴⑵两项计分。"]),
]


@pytest.mark.parametrize("text,pieces", OUTLINE_CASES)
def test_run_on_prose_is_cut_at_its_outline(text, pieces):
    assert split_outline(text) == pieces


# ---------------------------------------------------------------- schemes kept as program data

def test_scheme_inside_program_source_reads_as_its_outline(tmp_path):
    source = (
        "const tree = [\n  {\n    'id': 1, 'label': '一、组织领导（10分）', 'prop': 'p_1',\n    'children': [\n"
        "      { 'id': 2, 'label': '1.成立领导小组（4分）', 'score': 4 },\n"
        "      { 'id': 3, 'label': \"2.制定工作方案（6分）\", 'score': 6 }\n    ]\n  }\n];\nexport default tree;\n"
    )
    raw = extract(write(tmp_path, source, "tree.js.txt"))
    assert [b.text for b in raw.blocks] == ["一、组织领导（10分）", "1.成立领导小组（4分）", "2.制定工作方案（6分）"]
    assert [b.prov.paragraph_no for b in raw.blocks] == [3, 5, 6]


def test_prose_with_colons_is_not_taken_for_source(tmp_path):
    text = "单位名称：某局\n填报日期：2021年\n一、组织领导（10分）\n1、成立领导小组,计5分。\n2、制定方案,计5分。\n"
    raw = extract(write(tmp_path, text))
    assert raw.blocks[0].text == "单位名称：某局"


# ---------------------------------------------------------------- real copies from the web

@pytest.mark.parametrize("path", sorted(WEB.glob("*.txt")), ids=lambda p: p.stem[:12])
def test_every_web_text_extracts(path):
    raw = extract(path)
    assert raw.body
    assert strip_debris(raw.body[0].text if hasattr(raw.body[0], "text") else "") is not None


def _wide_pad(text: str, width: int) -> str:
    """The text padded to a display width (a CJK character is two columns wide), as a PDF viewer aligns."""
    return text + " " * (width - sum(2 if ord(ch) > 0x2E80 else 1 for ch in text))


def _wide_line(*cells: str) -> str:
    return "  " + "".join(_wide_pad(c, w) for c, w in zip(cells, (16, 20, 26, 8, 22, 12))).rstrip()


def test_layout_aligned_by_display_width_over_pages_with_a_running_head(tmp_path):
    """Columns lined up by display width (long header names over short cells, so counting characters
    shifts every number into the next column) put each 分值 under its name; a running head and a page
    footer between pages do not cut the table, and a category runs on over the page break."""
    head = _wide_line("考核维度", "考核指标", "指标定义/目标值", "分值", "评分方法", "责任科室")
    running = "某某县人民医院                                        某医发〔2021〕5号"
    text = "\n".join([
        running, "", head, "",
        _wide_line("质量", "病历", "≥95%", "6", "每降1点扣1分", "质控科"),
        _wide_line("（12分）"),
        _wide_line("", "处方", "≥90%", "6", "每降1点扣1分", "药剂科"),
        "", "                                          第 1 页 共 2 页",
        "\f" + running, "", head, "",
        _wide_line("", "会诊", "≤2日", "4", "超时扣0.5分", "医务科"),
        _wide_line("满意", "门诊", "≥90%", "8", "每降1点扣1分", "党办"),
        _wide_line("（8分）"),
        "", "                                          第 2 页 共 2 页",
    ])
    table = only_table(tmp_path, text)
    rows = cells(table)
    assert [r[1] for r in rows[1:]] == ["病历", "处方", "会诊", "门诊"]
    assert [r[3] for r in rows[1:]] == ["6", "6", "4", "8"]
    assert rows[3][5] == "医务科" and rows[1][0] == "质量（12分）"


OCR_TABLE = (
    "口 序号  考核项目   考核内容                          分值  扣分标准\n"
    "一、基础建设（2 0分）\n"
    " 1   台账管理   工作台账按月更新，资料齐全             8    缺一项扣1分\n"
    " 2   制度建设 口 各项制度上墙，落实到位                1 2   未上墙的扣2分\n"
    "二、业务工作（1 5分）\n"
    " 3   调解工作囗 矛盾纠纷调解成功率9 5%以上             5    每低1个百分点扣1分\n"
    " l4  法律援助   援助案件按期结案                       1 0   超期一件扣2分\n"
    "                              一 3 一\n"
    "说明：满分3 5分。\n"
)


def test_an_ocr_read_layout_keeps_its_rows(tmp_path):
    """A scanned table read by OCR: lone 口 specks, a column gap narrowed to one space, a serial read as
    'l4', digits split by spaces and a page number whose dashes became 一."""
    rows = cells(only_table(tmp_path, OCR_TABLE))
    assert rows[0] == ["序号", "考核项目", "考核内容", "分值", "扣分标准"]
    body = [r for r in rows[1:] if r[0] != r[1]]  # section banners span the row
    assert [r[1] for r in body] == ["台账管理", "制度建设", "调解工作囗", "法律援助"]
    assert [r[3] for r in body] == ["8", "1 2", "5", "1 0"]
    assert body[3][0] == "l4" and body[3][4] == "超期一件扣2分"


@pytest.mark.parametrize("line, pieces", [
    # a single space between two words where a boundary falls: two cells
    ("1   调解工作囗 矛盾纠纷调解", ["1", "调解工作囗", "矛盾纠纷调解"]),
    # a space next to a number stays inside its cell
    ("1   调解   扣 5 分", ["1", "调解", "扣 5 分"]),
    # a line of one piece (a banner) is never cut
    ("一、基础建设 工作", ["一、基础建设 工作"]),
])
def test_narrow_gaps_are_cut_only_between_words_at_a_boundary(line, pieces):
    from extractors.text.pieces import cut_narrow_gaps, spans

    assert [s.text for s in cut_narrow_gaps(spans(line, False), [4, 10], False)] == pieces


@pytest.mark.parametrize("line, page_number", [
    ("        一 2 一", True), ("— 12 —", True), ("一、2", False), ("一 2 二", False), ("一2一", False),
])
def test_page_numbers_read_by_ocr(line, page_number):
    from extractors.text.decode import is_separator

    assert is_separator(line) is page_number


def test_a_total_line_under_the_last_numbered_row_is_a_row_of_its_own(tmp_path):
    """A row has one 分值: a 合计 line with a second value under the last numbered row is no part of it."""
    text = (
        "序号   考评项目   考评内容及评分标准                  分值   考评科室\n"
        " 1     队伍建设   人员配备到位，变动未报备的          5      政治处\n"
        "                  扣1分。\n"
        " 2     信息报送   按时报送信息，被采用的每条          10     办公室\n"
        "                  加0.5分。\n"
        "                               合计                   15\n"
    )
    rows = cells(only_table(tmp_path, text))
    assert [r[3] for r in rows[1:]] == ["5", "10", "15"]
    assert rows[2][2] == "按时报送信息，被采用的每条加0.5分。" and rows[3][2] == "合计"


@pytest.mark.parametrize("repeat_header", [True, False])
def test_a_layout_table_runs_on_over_a_page_break(tmp_path, repeat_header):
    """After a page break (footer, form feed, running head) the rows go on, with or without the header
    printed again on the new page; a sentence after a gap still ends the table."""
    head = _wide_line("考核维度", "考核指标", "指标定义/目标值", "分值", "评分方法", "责任科室")
    running = "某某县人民医院                                        某医发〔2021〕5号"
    text = "\n".join([
        running, "", head, "",
        _wide_line("质量", "病历", "≥95%", "6", "每降1点扣1分", "质控科"),
        _wide_line("", "处方", "≥90%", "6", "每降1点扣1分", "药剂科"),
        "", "                                          第 1 页 共 2 页",
        "\f" + running, "", *([head, ""] if repeat_header else []),
        _wide_line("", "会诊", "≤2日", "4", "超时扣0.5分", "医务科"),
        _wide_line("满意", "门诊", "≥90%", "8", "每降1点扣1分", "党办"),
        "", "", "本表由绩效办负责解释，各科室应按月报送考核资料，逾期不报的按零分计。",
    ])
    raw = extract(write(tmp_path, text))
    assert [r[1] for r in cells(raw.tables[0])[1:]] == ["病历", "处方", "会诊", "门诊"]
    assert raw.blocks[-1].text.startswith("本表由绩效办负责解释")
