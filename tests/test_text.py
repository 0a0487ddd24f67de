"""Text-dump extractor: encodings, artefacts, the three table shapes, prose labels, the seeds."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from extractors import EmptyFile, EncodingError, extract
from schemas.raw import BlockLabel, RawDocument, Table

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "seeds"
WUJIN, QIAOCHENG, SONGJIANG, QIAOKOU, JINTAN = (
    SEEDS / "000_67115aa667669616.txt",
    SEEDS / "001_9d83ca59d9452420.txt",
    SEEDS / "002_a7ae75deea50d5dd.txt",
    SEEDS / "003_7d91254978dedfb0.txt",
    SEEDS / "004_5bd89f95e0055f0c.txt",
)


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "dump.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def at(table: Table, row: int, col: int):
    """The cell covering (row, col)."""
    return table.grid()[row][col]


def column(table: Table, col: int, first_row: int = 1) -> list[str]:
    """Texts of a column's anchored cells from first_row down (spanned positions skipped)."""
    return [c.text for c in sorted(table.cells, key=lambda c: c.row) if c.col == col and c.row >= first_row]


# ---------------------------------------------------------------- encodings and artefacts

ENCODINGS = [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("gbk", "gb18030"),
    ("gb18030", "gb18030"),
    ("utf-16", "utf-16"),
]

TAB_TABLE = (
    "考评细则\n"
    "事 项\t序 号\t考评内容\t分值\n"
    "人 民 调 解 工 作\t1\t建立台帐\t5\n"
    "\t2\t录入案卷\t5\n"
    "\n"
    "\t3\t组织培训\t\n"
    "普\t1\t开展宣讲\t5\n"
    "\n"
    "法 宣 传 工 作 (10 分)\t2\t旁听庭审\t5\n"
    "3\t法律七进\t5\n"
    "备注\t<p>每月最多扣 40 分</p> <p>加分另计</p>\t\t\n"
)


@pytest.mark.parametrize("encoding,recorded", ENCODINGS)
def test_encoding_is_detected_and_recorded(tmp_path, encoding, recorded):
    raw = extract(write(tmp_path, TAB_TABLE.replace("\n", "\r\n"), encoding))
    assert raw.source.encoding == recorded
    assert raw.blocks[0].text == "考评细则"
    assert raw.tables[0].num_rows == 8
    assert "\r" not in at(raw.tables[0], 7, 1).text


BROKEN = [
    ("garbage.txt", b"\x00\x01\x02\xff" + os.urandom(512) + b"\x00" * 16, ["garbage.txt", "编码", "UTF-8", "另存为"]),
    ("mixed.txt", "考评".encode("utf-8") + b"\x80\xff\x81 \xfe\xff", ["mixed.txt", "编码", "UTF-8"]),
    ("nul.txt", "考评细则".encode("utf-8") + b"\x00\x00\x00\x00", ["nul.txt", "编码"]),
]


@pytest.mark.parametrize("name,data,words", BROKEN)
def test_undecodable_input_raises_encoding_error(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(EncodingError) as info:
        extract(path)
    for word in words:
        assert word in info.value.message()


def test_blank_text_file_is_empty(tmp_path):
    with pytest.raises(EmptyFile) as info:
        extract(write(tmp_path, " \n\t\n\r\n", name="blank.txt"))
    assert "blank.txt" in info.value.message()


ARTEFACTS = [
    ("[bookmark: _GoBack]坛司发〔2017〕7号", "坛司发〔2017〕7号"),
    ("1. **业务工作。**完成市局考核工作任务。", "1. 业务工作。完成市局考核工作任务。"),
    ("6.**省网上信访信息系统运行情况(4分)。", "6.**省网上信访信息系统运行情况(4分)。"),  # a lone '**' is a redaction
    ("- 2、因工作失职造成重大工作失误的；", "2、因工作失职造成重大工作失误的；"),
    ("事 项 说 明", "事项说明"),
]


@pytest.mark.parametrize("line,text", ARTEFACTS)
def test_line_artefacts_are_dropped(tmp_path, line, text):
    raw = extract(write(tmp_path, f"{line}\n-----\n— 3 —\n"))
    assert [b.text for b in raw.blocks] == [text]


# ---------------------------------------------------------------- prose

PROSE = (
    "坛司发〔2017〕7号\n"
    "\n"
    "关于印发《金坛区司法局\n"
    "整改方案》的通知\n"
    "区局机关各科室：\n"
    "一、总体思想\n"
    "（一）公共法律服务\n"
    "- 1、律师执业监管；\n"
    "附件1\n"
    "现将方案印发给你们，请遵照执行。\n"
)

PROSE_BLOCKS = [
    (1, BlockLabel.PARAGRAPH, None, "坛司发〔2017〕7号"),
    (3, BlockLabel.TITLE, None, "关于印发《金坛区司法局整改方案》的通知"),
    (5, BlockLabel.PARAGRAPH, None, "区局机关各科室："),
    (6, BlockLabel.HEADING, 1, "一、总体思想"),
    (7, BlockLabel.HEADING, 2, "（一）公共法律服务"),
    (8, BlockLabel.LIST_ITEM, None, "1、律师执业监管；"),
    (9, BlockLabel.HEADING, 1, "附件1"),
    (10, BlockLabel.PARAGRAPH, None, "现将方案印发给你们，请遵照执行。"),
]


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_prose_lines_become_labelled_blocks(tmp_path, encoding):
    raw = extract(write(tmp_path, PROSE, encoding))
    got = [(b.prov.paragraph_no, b.label, b.level, b.text) for b in raw.blocks]
    assert got == PROSE_BLOCKS
    assert raw.tables == []


# ---------------------------------------------------------------- tab tables


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_tab_table_merges_group_cells_and_joins_split_labels(tmp_path, encoding):
    table = extract(write(tmp_path, TAB_TABLE, encoding)).tables[0]
    assert (table.num_rows, table.num_cols) == (8, 4)
    assert [c.text for c in table.cells if c.column_header] == ["事项", "序号", "考评内容", "分值"]
    first, second = at(table, 1, 0), at(table, 4, 0)
    assert (first.text, first.row, first.row_span) == ("人民调解工作", 1, 3)
    assert (second.text, second.row, second.row_span) == ("普法宣传工作 (10 分)", 4, 3)
    assert [at(table, r, 1).text for r in range(1, 7)] == ["1", "2", "3", "1", "2", "3"]
    assert at(table, 3, 3).text == ""  # an empty 分值 stays an empty cell, not a merge
    remark = at(table, 7, 1)
    assert (remark.text, remark.col_span) == ("每月最多扣 40 分\n加分另计", 3)
    assert at(table, 7, 0).text == "备注"
    assert at(table, 6, 2).prov.paragraph_no == 10
    assert at(table, 6, 2).prov.table_no == 0


SECTIONED = (
    "一、责任科室：办公室\n"
    "\n"
    "考评内容\t\t评分标准\t分值\n"
    "1\t**报送质量**\t<p>迟报扣 1 分</p> <p>漏报扣 2 分</p>\t10\n"
    "---\t----\t----\t---\n"
    "二、责任科室：政治处\t\t\t\n"
    "考评内容\t\t评分标准\t分值\n"
    "1\t教育培训\t未完成扣 2 分\t10\n"
    "考评内容\t\t评分标准\t分值\n"
    "2\t人事信息\t未报扣 1 分\t5\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_section_rows_split_tables_and_headings_are_taken_in(tmp_path, encoding):
    raw = extract(write(tmp_path, SECTIONED, encoding))
    assert raw.blocks == []
    first, second = raw.tables
    for table, section in ((first, "一、责任科室：办公室"), (second, "二、责任科室：政治处")):
        banner = at(table, 0, 0)
        assert (banner.text, banner.col_span) == (section, 4)
        header = at(table, 1, 0)
        assert (header.text, header.col_span, header.column_header) == ("考评内容", 2, True)
    assert at(first, 2, 2).text == "迟报扣 1 分\n漏报扣 2 分"
    assert at(first, 2, 1).text == "报送质量"
    assert first.num_rows == 3
    assert second.num_rows == 4  # the repeated header is dropped
    assert column(second, 3, 2) == ["10", "5"]


def test_header_missing_its_first_name_is_right_aligned(tmp_path):
    text = "考评内容\t评分标准\t分值\t\n1\t建立制度\t未建立扣 2 分\t10\n2\t报送信息\t迟报扣 1 分\t5\n"
    table = extract(write(tmp_path, text)).tables[0]
    header = at(table, 0, 0)
    assert (header.text, header.col_span) == ("考评内容", 2)
    assert at(table, 0, 3).text == "分值"
    assert column(table, 3) == ["10", "5"]


def test_department_column_blanks_extend_the_cell_above(tmp_path):
    text = "序号\t考核标准\t考评科室\n1\t发生违纪\t政治处\n2\t未请示\t办公室\n3\t信息事故\t\n4\t律师管理\t律公科\n"
    table = extract(write(tmp_path, text)).tables[0]
    office = at(table, 3, 2)
    assert (office.text, office.row, office.row_span) == ("办公室", 2, 2)
    assert column(table, 2) == ["政治处", "办公室", "律公科"]


def test_two_column_form_keeps_blank_values(tmp_path):
    text = "申报单位\t\n主要内容\t(300 字以内)\n\n<p>进展情况 和主要成效</p>\t<p>(1000 字以内)</p>\n"
    table = extract(write(tmp_path, text)).tables[0]
    assert (table.num_rows, table.num_cols) == (3, 2)
    assert at(table, 0, 1).text == ""
    assert at(table, 2, 0).text == "进展情况和主要成效"


def test_pipe_table(tmp_path):
    text = "| 序号 | 考核内容 | 分值 |\n|---|---|---|\n| 1 | 建立台帐 | 5 |\n| 2 | 组织培训 | 3 |\n"
    table = extract(write(tmp_path, text, name="dump.md")).tables[0]
    assert (table.num_rows, table.num_cols) == (3, 3)
    assert column(table, 2) == ["5", "3"]


def test_csv_file_is_one_table(tmp_path):
    text = '序号,考核内容,分值\n1,"建立台帐,按月报送",5\n2,组织培训,3\n'
    raw = extract(write(tmp_path, text, "gbk", name="xize.csv"))
    assert raw.source.encoding == "gb18030"
    table = raw.tables[0]
    assert at(table, 1, 1).text == "建立台帐,按月报送"
    assert at(table, 2, 1).prov.paragraph_no == 3


# ---------------------------------------------------------------- PDF-dump tables

STREAM_HEAD = "考核办法\n\n工作\n类别\n\n指标\n名称\n\n考核内容 分值 扣分标准\n责任\n部门\n\n"
STREAM_BODY = (
    "宣传\n\n工作\n\n（15分）\n\n信息工作\n\n报送信息稿件，完成录用\n得分目标。\n\n"
    "10分 按实际录用得分计分。 办公室\n\n新闻宣传\n\n在主流媒体宣传。 5分\n有一篇得 1分，满分 5分。\n"
    "执法\n监督\n（8分）\n复议工作\n1. 案件及时录入；\n2. 规范运用平台。\n8分\n"
    "1. 未录入的扣 1分；\n2. 发现一次扣\n1分。\n复议科\n"
)
# The same rows with the category label printed beside the middle of its merged cell.
STREAM_CENTRED = (
    "信息工作\n报送信息稿件。 10分\n按实际录用得分计分。\n宣传\n工作\n（15分）\n新闻宣传\n"
    "在主流媒体宣传。 5分\n有一篇得 1分。\n办公室\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_pdf_dump_table_is_rebuilt_from_cues(tmp_path, encoding):
    raw = extract(write(tmp_path, STREAM_HEAD + STREAM_BODY, encoding))
    assert [b.text for b in raw.blocks] == ["考核办法"]
    table = raw.tables[0]
    assert (table.num_rows, table.num_cols) == (4, 6)
    assert [c.text for c in table.cells if c.column_header] == ["工作类别", "指标名称", "考核内容", "分值", "扣分标准", "责任部门"]
    assert column(table, 1) == ["信息工作", "新闻宣传", "复议工作"]
    assert column(table, 3) == ["10分", "5分", "8分"]
    assert at(table, 1, 2).text == "报送信息稿件，完成录用得分目标。"
    assert at(table, 3, 2).text == "1. 案件及时录入；\n2. 规范运用平台。"
    assert at(table, 3, 4).text == "1. 未录入的扣 1分；\n2. 发现一次扣1分。"
    category = at(table, 1, 0)
    assert (category.text, category.row_span) == ("宣传工作（15分）", 2)
    office = at(table, 2, 5)
    assert (office.text, office.row, office.row_span) == ("办公室", 1, 2)
    assert at(table, 3, 5).text == "复议科"
    assert at(table, 3, 1).prov.paragraph_no == 33


def test_pdf_dump_centred_label_is_moved_to_where_its_points_add_up(tmp_path):
    table = extract(write(tmp_path, STREAM_HEAD + STREAM_CENTRED)).tables[0]
    category = at(table, 1, 0)
    assert (category.text, category.row, category.row_span) == ("宣传工作（15分）", 1, 2)
    office = at(table, 1, 5)
    assert (office.text, office.row, office.row_span) == ("办公室", 1, 2)


def test_prose_after_pdf_dump_table_stays_prose(tmp_path):
    tail = "".join(f"第{n}条说明文字，用于检查表格在何处结束\n" for n in range(1, 16))
    raw = extract(write(tmp_path, STREAM_HEAD + STREAM_BODY + tail))
    assert raw.tables[0].num_rows == 4
    assert raw.blocks[-1].text.startswith("第15条")


# ---------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seeds() -> dict[str, RawDocument]:
    return {p.name[:3]: extract(p) for p in (WUJIN, QIAOCHENG, SONGJIANG, QIAOKOU, JINTAN)}


def points(text: str) -> float:
    return float(text.replace("分", "").strip())


WUJIN_NAMES = [
    "信息工作", "新闻宣传工作", "行政复议应诉、执法监督工作", "普法责任制落实", "法治文化建设",
    "村（社区）法律顾问覆盖率", "公共法律服务质效", "“苏解纷”及非诉服务平台服务质效", "人民调解成效",
    "社区矫正", "安置帮教", "后续照管", "基础建设", "党风廉政建设", "司法所政法专编落实率",
    "教育培训合格率", "司法分类建设", "数字法治智慧司法平台应用", "法治文化建设", "新闻宣传",
    "政务信息", "大型司法所建设", "落实意识形态责任", "法律援助工作开展质效", "其他",
]


def test_seed_wujin_indicator_table(seeds):
    raw = seeds["000"]
    assert raw.source.encoding == "utf-8"
    (table,) = raw.tables
    assert (table.num_rows, table.num_cols) == (26, 6)
    assert column(table, 1) == WUJIN_NAMES
    categories = {c.text: (c.row, c.row_span) for c in table.cells if c.col == 0 and c.row > 0}
    assert categories["政务信息和新闻宣传工作（15分）"] == (1, 2)
    assert categories["公共法律服务体系（15分）"] == (6, 2)
    assert categories["加分项目（20分）"] == (19, 7)
    for c in table.cells:
        if c.col == 0 and c.row > 0:
            total = sum(points(at(table, r, 3).text) for r in range(c.row, c.row + c.row_span))
            assert f"（{total:g}分）" in c.text
    assert [at(table, r, 5).text for r in (6, 7, 10, 13, 25)] == ["法服科", "法服科", "矫正科", "矫正科", "各科室"]
    assert at(table, 1, 2).text.startswith("积极向区局办公室报送工作信息稿件")
    assert at(table, 7, 4).text.endswith("有一次扣 0.5分，最高扣 2分。")
    assert at(table, 1, 4).prov.paragraph_no == 48
    assert raw.blocks[0].text == "常武司字〔2021〕62号"


QIAOCHENG_GROUPS = [
    ("人民参与和促进法治股工作", 8), ("社区矫正工", 17), ("法律援助工作 (40 分)", 6),
    ("普法宣传工作 (40 分)", 12), ("信息", 4), ("机关效能建设和意识形", 5), ("平安建设工作 (40 分)", 4),
    ("法治建设", 2), ("扫黑除恶", 1), ("公共法律服务", 3),
]


def test_seed_qiaocheng_xize_table(seeds):
    (table,) = seeds["001"].tables
    assert (table.num_rows, table.num_cols) == (64, 6)
    groups = [(c.text, c.row_span) for c in table.cells if c.col == 0 and 0 < c.row < 63]
    assert groups == QIAOCHENG_GROUPS
    assert at(table, 32, 0).prov.paragraph_no == 114
    assert at(table, 17, 1).text == "9"  # a row written without its leading blank cell
    assert at(table, 17, 2).text == "出现因司法所工作疏漏造成社区矫正对象脱管"
    remark = at(table, 63, 1)
    assert remark.col_span == 5 and remark.text.startswith("法治工作、基层工作")
    assert remark.text.count("\n") == 1
    assert all(at(table, r, 5).text == "" for r in range(1, 63))


SONGJIANG_SECTIONS = ["办公室", "政治处", "执法监督科", "复议应诉科", "秘书科、普法科", "促进法治科",
                      "社区矫正（教育帮扶）科", "公服科", "律公科", "法律援助中心"]


def test_seed_songjiang_tables(seeds):
    raw = seeds["002"]
    tables = raw.tables
    assert len(tables) == 14
    business = tables[:10]
    assert at(business[0], 0, 0).text == "业务工作（60 分）"
    for table, section in zip(business, SONGJIANG_SECTIONS):
        header_row = next(c.row for c in table.cells if c.column_header)
        assert at(table, header_row - 1, 0).text.endswith("责任科室：" + section)
        assert sum(points(t) for t in column(table, 3, header_row + 1)) == 60
    team, special, bottom, form = tables[10:]
    assert team.num_rows == 7 and sum(points(t) for t in column(team, 2)) == 20
    assert (at(team, 6, 3).text, at(team, 6, 3).row_span) == ("政治处", 6)
    assert special.num_rows == 25 and at(special, 10, 2).text == "普法科"
    assert bottom.num_rows == 6 and at(bottom, 3, 2).text == "办公室"
    assert (form.num_rows, form.num_cols) == (5, 2)
    assert at(business[6], 3, 1).text == ""  # 考评内容 left blank in the seed
    assert "\n" in at(business[0], 8, 2).text  # <p> paragraphs inside one cell
    headings = [b.text for b in raw.blocks if b.label is BlockLabel.HEADING]
    assert "三、责任科室：执法监督科" not in headings  # printed twice in the seed, kept once
    assert ["附件 1", "附件 2", "附件 3", "附件 4"] == [h for h in headings if h.startswith("附件")]


def test_seed_qiaokou_form_lines_stay_blocks(seeds):
    raw = seeds["003"]
    assert raw.tables == []
    texts = [b.text for b in raw.blocks]
    assert "数量指标 民间纠纷调解数 7000 7110 2" in texts
    assert texts[0] == "2020 年度硚口区司法局整体绩效自评表"
    assert raw.blocks[0].label is BlockLabel.TITLE


def test_seed_jintan_prose_only(seeds):
    raw = seeds["004"]
    assert raw.tables == []
    first = raw.blocks[0]
    assert (first.text, first.prov.paragraph_no) == ("坛司发〔2017〕7号", 7)
    assert not any("bookmark" in b.text for b in raw.blocks)
    assert any(b.label is BlockLabel.HEADING and b.text == "三、工作要求" for b in raw.blocks)


def test_pdf_dump_table_with_serial_and_bare_points(tmp_path):
    text = (
        "序号\n考核内容\n分值\n考核标准\n责任科室\n"
        "1\n建立健全工作台帐，按月\n报送。\n10\n未建立的扣 2分。\n办公室\n"
        "2\n组织业务培训。\n5\n少一次扣 1分。\n政治处\n"
    )
    table = extract(write(tmp_path, text)).tables[0]
    assert (table.num_rows, table.num_cols) == (3, 5)
    assert [at(table, r, c).text for r in (1, 2) for c in range(5)] == [
        "1", "建立健全工作台帐，按月报送。", "10", "未建立的扣 2分。", "办公室",
        "2", "组织业务培训。", "5", "少一次扣 1分。", "政治处",
    ]


TABBED_PROSE = [
    ("常州市武进区司法局办公室\t\t2021年7月30日印发\n", ["常州市武进区司法局办公室 2021年7月30日印发"]),
    ("1.\t加强领导，提高认识。\n2.\t细化分工，责任到人。\n", ["1. 加强领导，提高认识。", "2. 细化分工，责任到人。"]),
]


@pytest.mark.parametrize("text,blocks", TABBED_PROSE)
def test_tabs_in_prose_do_not_make_tables(tmp_path, text, blocks):
    raw = extract(write(tmp_path, text))
    assert raw.tables == []
    assert [b.text for b in raw.blocks] == blocks


def test_attachment_heading_stays_outside_the_table(tmp_path):
    raw = extract(write(tmp_path, "附件1\n序号\t考核内容\t分值\n1\t建立台帐\t5\n2\t组织培训\t3\n"))
    assert [(b.label, b.text) for b in raw.blocks] == [(BlockLabel.HEADING, "附件1")]
    assert raw.tables[0].num_rows == 3


def test_wrapped_paragraph_is_joined(tmp_path):
    text = "（三）年度工作考评结果作为衡量各科室整体工作成效、评优评先的主要依据，作为对科室干部配备、调整、奖惩等建\n\n议的重要参考。\n年度\n"
    raw = extract(write(tmp_path, text))
    assert [(b.prov.paragraph_no, b.text) for b in raw.blocks] == [
        (1, "（三）年度工作考评结果作为衡量各科室整体工作成效、评优评先的主要依据，作为对科室干部配备、调整、奖惩等建议的重要参考。"),
        (4, "年度"),
    ]


def test_column_interleaved_layout_dump_stays_prose(tmp_path):
    text = (
        "工作类别 指标名称 考核内容 分值 扣分标准 责任部门\n"
        "积极向区局办公室报送工作信\n"
        "政务信息和 信息工作 法行政系统政务信息考评细 10分 按实际录用得分，满分为 10分。 办公室\n"
        "新闻宣传工 则》完成信息工作录用得分目\n"
        "作（15 标。\n"
        "分） 1. 在省级以上主流媒体新闻宣 1. 在省级以上主流媒体刊发稿件的，有一\n"
        "新闻宣传工作 传情况； 5分 篇得 1分，满分 5分； 普法科\n"
    )
    raw = extract(write(tmp_path, text))
    assert raw.tables == []
    assert raw.blocks[0].text == "工作类别 指标名称 考核内容 分值 扣分标准 责任部门"
    assert len(raw.warnings) == 1 and "第1行" in raw.warnings[0] and "表格" in raw.warnings[0]


# ---------------------------------------------------------------- space-aligned (pdftotext -layout) dumps

LAYOUT = Path(__file__).resolve().parent / "fixtures" / "text_layout"
EXPECTED = [Path(__file__).resolve().parent.parent / "corpus" / "expected",
            Path(__file__).resolve().parent / "fixtures" / "generality"]

# fixture stem → minimum (indicator-name F1, share of found rows with the right points, … department),
# measured against the hand-checked yaml of the same document; dumps made with `pdftotext -layout`.
LAYOUT_CASES = [
    ("f01-kaohe-xize", 1.0, 1.0, 1.0),
    ("f02-three-levels", 1.0, 1.0, 1.0),
    ("f03-points-in-name", 1.0, 1.0, 1.0),
    ("f04-two-row-header", 1.0, 1.0, 1.0),
    ("f05-numbered-groups", 1.0, 1.0, 1.0),
    ("f06-bonus-deduct", 1.0, 0.8, 1.0),
    ("f07-contact-form", 1.0, 1.0, 1.0),
    ("f11-hezhang", 1.0, 1.0, 1.0),
    ("f16-two-points", 1.0, 1.0, 1.0),
    ("f19-dotted-period", 1.0, 1.0, 1.0),
    ("wujin-2021-jixiao", 0.88, 1.0, 1.0),
    ("qiaocheng-2023-kaoping", 0.92, 1.0, 1.0),
    ("songjiang-2021-kaoping", 0.65, 1.0, 0.9),
]


def _flat(text) -> str | None:
    import unicodedata
    return "".join(unicodedata.normalize("NFKC", str(text)).split()) if text is not None else None


def layout_scores(stem: str) -> tuple[float, float, float]:
    """Name F1, and the shares of name-matched indicators whose points / department match a row of that name."""
    import yaml

    from pipeline.extract import extract_table

    expected = next(d / f"{stem}.yaml" for d in EXPECTED if (d / f"{stem}.yaml").exists())
    rows = yaml.safe_load(expected.read_text(encoding="utf-8"))["indicators"]
    raw, table = extract_table(LAYOUT / f"{stem}.txt")
    assert raw.tables and all(c.prov.paragraph_no for t in raw.tables for c in t.cells)
    want = {_flat(i["name"]) for i in rows}
    got = [i for i in table.indicators if _flat(i.name) in want]
    precision, recall = len(got) / len(table.indicators), len({_flat(i.name) for i in got}) / len(want)
    f1 = 2 * precision * recall / (precision + recall) if got else 0.0
    points = {(_flat(i["name"]), i["points"]) for i in rows}
    depts = {(_flat(i["name"]), _flat(i["department"])) for i in rows}
    ok_points = sum(1 for i in got if (_flat(i.name), i.points) in points)
    ok_depts = sum(1 for i in got if (_flat(i.name), _flat(i.department)) in depts)
    return f1, ok_points / max(len(got), 1), ok_depts / max(len(got), 1)


@pytest.mark.parametrize("stem,min_f1,min_points,min_dept", LAYOUT_CASES)
def test_layout_dump_gives_the_indicators_of_the_docx(stem, min_f1, min_points, min_dept):
    f1, points, dept = layout_scores(stem)
    assert f1 >= min_f1 and points >= min_points and dept >= min_dept


CENTRED = (
    "工作类别      指标名称      考核内容          分值     扣分标准              责任部门\n"
    "                        积极报送工作信\n"
    "政务信息和    信息工作      息稿件。          10 分    按实际录用得分。      办公室\n"
    "（15 分）                   完成目标。\n"
    "              新闻宣传工作  在省级媒体宣传；  5分      有一篇得 1 分；       普法科\n"
)


def test_centred_layout_rows_split_around_their_points():
    """A vertically centred cell has its 分值 mid-cell: lines above and below join the same row."""
    from extractors.text.document import build_body

    grid = build_body(CENTRED.split("\n"), "x.txt", [])[0]
    cells = {(c.row, c.col): c for c in grid.cells}
    assert (grid.num_rows, grid.num_cols) == (3, 6)
    assert cells[(1, 2)].text == "积极报送工作信息稿件。完成目标。"
    assert cells[(1, 0)].text == "政务信息和（15 分）"
    assert (cells[(2, 1)].text, cells[(2, 3)].text, cells[(2, 5)].text) == ("新闻宣传工作", "5分", "普法科")
    assert cells[(2, 0)].text == "" and cells[(1, 2)].line == 2


TWO_TABLES = (
    "序号   考核内容      评分标准        分值\n"
    "一     队伍建设                      30\n"
    "1.     政治学习      缺学一次扣 1     30\n"
    "                     分。\n"
    "二、加分项\n"
    "\n"
    "序号   加分内容      加分标准        分值\n"
    "1      获得表彰      省级加 5 分。   -5\n"
    "某某区司法局\n"
    "\n"
    "2021 年 5 月 8 日\n"
)


def test_layout_sections_next_table_and_signature():
    """A 一/二 serial is a group row; a 二、 line ends the table; a new header starts the next; a signature stays prose."""
    from extractors.text.document import build_body

    first, heading, second, *prose = build_body(TWO_TABLES.split("\n"), "x.txt", [])
    rows = {(c.row, c.col): c.text for c in first.cells}
    assert (rows[(1, 0)], rows[(1, 3)], rows[(2, 2)]) == ("一", "30", "缺学一次扣 1分。")
    assert heading.text == "二、加分项"
    assert {(c.row, c.col): c.text for c in second.cells}[(1, 3)] == "-5"
    assert [b.text for b in prose] == ["某某区司法局", "2021 年 5 月 8 日"]



def test_key_is_fold_without_white_space():
    from pipeline.indicators.text import fold, key

    for text in (" 加分項目\u3000（１５ 分）\n", "", "Ａ\xa0Ｂ\u2028c", "（）：；，ｘ"):
        assert key(text) == re.sub(r"\s+", "", fold(text))
    assert key(" 加分項目\u3000（１５ 分）\n") == "加分項目（15分）"
