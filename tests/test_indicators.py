"""Indicator extraction: column roles, category labels, sections and end-to-end DOCX checks."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from pipeline.indicators import build_indicator_table
from pipeline.indicators.categories import parse_category
from pipeline.indicators.columns import Role, content_role, header_role
from pipeline.indicators.sections import attachment_number, department_line, section_title, title_role
from pipeline.indicators.text import parse_points
from schemas.common import InputFormat, ProvenanceItem, SourceInfo
from schemas.indicators import SectionRole
from schemas.raw import BlockLabel, RawDocument, TextBlock
from raw_builder import table as _table

DOCS = Path(__file__).resolve().parent.parent / "corpus" / "docs"

HEADER_CASES = [
    ("工作类别", Role.CATEGORY),
    ("工作\n类别", Role.CATEGORY),
    ("事 项", Role.CATEGORY),
    ("一级指标", Role.CATEGORY),
    ("序 号", Role.NUMBER),
    ("指标\n名称", Role.NAME),
    ("三级指标", Role.NAME),
    ("考核内容", Role.CONTENT),
    ("考评内容", Role.CONTENT),
    ("扣分标准", Role.CRITERIA),
    ("评分标准", Role.CRITERIA),
    ("评分规则", Role.CRITERIA),
    ("考核标准", Role.CRITERIA),
    ("计分办法", Role.CRITERIA),
    ("分值", Role.POINTS),
    ("分 数", Role.POINTS),
    ("权重", Role.WEIGHT),
    ("责任\n部门", Role.DEPARTMENT),
    ("考评 科室", Role.DEPARTMENT),
    ("牵头单位", Role.DEPARTMENT),
    ("考核单位", Role.DEPARTMENT),
    ("考核内容及评分标准", Role.CRITERIA),
    ("分值（分）", Role.POINTS),
    ("考评时间", Role.TIMING),
    ("时间节点", Role.TIMING),
    ("年初目标值（A）", Role.TARGET),
    ("实际完成值（B）", Role.ACTUAL),
    ("得分", Role.SCORE),
    ("評分細則", Role.CRITERIA),  # traditional characters: the same words
    ("考核項目", Role.CATEGORY),
    ("責任單位", Role.DEPARTMENT),
    ("政务信息和新闻宣传工作（15分）", None),
    ("办公室", None),
    ("10分", None),
]


@pytest.mark.parametrize("text,role", HEADER_CASES)
def test_header_role(text, role):
    assert header_role(text) == role


CONTENT_CASES = [
    (["1", "2", "3", "4"], Role.NUMBER),
    (["10分", "5分", "8分", "3 分"], Role.POINTS),
    (["10", "15", "10", "5"], Role.POINTS),
    (["办公室", "普法科"], None),
    ([], None),
]


@pytest.mark.parametrize("texts,role", CONTENT_CASES)
def test_content_role(texts, role):
    assert content_role(texts) == role


CATEGORY_CASES = [
    ("政务信息和新闻宣传工作（15分）", "政务信息和新闻宣传工作", 15.0),
    ("法律援助工作(40 分)", "法律援助工作", 40.0),
    ("人 民 参 与 和 促 进 法 治 股 工 作", "人民参与和促进法治股工作", None),
    ("政务\n信息和\n新闻宣\n传工作\n（15分）", "政务信息和新闻宣传工作", 15.0),
    ("加分\n项目\n（20分）", "加分项目", 20.0),
    ("社区矫正工", "社区矫正工", None),
]


@pytest.mark.parametrize("text,name,points", CATEGORY_CASES)
def test_parse_category(text, name, points):
    cat = parse_category(text)
    assert (cat.name, cat.points) == (name, points)


POINTS_CASES = [("10分", 10.0), ("3 分", 3.0), ("10", 10.0), ("0.5分", 0.5), ("１０分", 10.0), ("", None),
                ("视情况", None), ("10分（每项2分）", 10.0), ("1-5分", None),
                # Score bands of a grading table bound a grade: no item's points.
                ("85分以上（含85分）", None), ("60分至84分", None), ("60分以下", None), ("75分-84分", None),
                ("80分及以上", None), ("8分（含加分2分）", 8.0)]


@pytest.mark.parametrize("text,value", POINTS_CASES)
def test_parse_points(text, value):
    assert parse_points(text) == value


SECTION_CASES = [
    ("业务工作（60 分）", ("业务工作", 60.0), SectionRole.BASE),
    ("队伍建设（20分）", ("队伍建设", 20.0), SectionRole.BASE),
    ("加分项目（20分）", ("加分项目", 20.0), SectionRole.BONUS),
    ("（特色工作）", ("特色工作", None), SectionRole.BONUS),
    ("2021 年度机关科室工作考评标准 (突破底线扣分)", ("突破底线扣分", None), SectionRole.BOTTOM_LINE),
    ("2021 年度区司法行政特色工作申报表", ("2021年度区司法行政特色工作申报表", None), SectionRole.FORM),
]


@pytest.mark.parametrize("text,title,role", SECTION_CASES)
def test_section_title(text, title, role):
    assert section_title(text) == title
    assert (title_role(text) or SectionRole.BASE) is role


def test_attachment_and_department_lines():
    assert attachment_number("附件 1") == 1
    assert attachment_number("附件: 1. 2021 年度机关科室工作考评标准") is None
    assert department_line("一、责任科室：办公室") == "办公室"
    assert department_line("七、责任科室：社区矫正（教育帮扶）科") == "社区矫正（教育帮扶）科"
    assert department_line("办公室") is None


# -- synthetic documents: the same rules on any format's RawDocument ------------------------------
SOURCE = SourceInfo(file="t.txt", format=InputFormat.TEXT, sha256="0", size_bytes=0, extractor_version="t")


def _prov(**kw) -> ProvenanceItem:
    return ProvenanceItem(file="t.txt", **kw)


def _block(text: str, n: int) -> TextBlock:
    return TextBlock(label=BlockLabel.PARAGRAPH, text=text, prov=_prov(paragraph_no=n))


def test_text_dump_fill_down_and_repeated_header():
    """A text dump gives empty cells instead of spans and repeats the header after a page break."""
    header = ["工作\n类别", "指标名称", "考核内容", "分值", "扣分标准", "责任\n部门"]
    rows = [
        header,
        ["政务信息（15分）", "信息工作", "报送信息", "10分", "按比例赋分", "办公室"],
        ["", "新闻宣传", "宣传", "5 分", "有一篇得 1分", ""],
        header,
        ["加分\n项目\n（20分）", "其他", "接待检查", "2分", "1次加 0.2分", "各科室"],
        ["", "新闻", "超额录用", "待定", "加分", ""],
    ]
    raw = RawDocument(source=SOURCE, body=[_block("考评办法", 0), _table(rows)])
    out = build_indicator_table(raw)
    assert [s.role for s in out.sections] == [SectionRole.BASE, SectionRole.BONUS]
    assert [(s.title, s.points) for s in out.sections] == [("考评办法", None), ("加分项目", 20.0)]
    got = [(i.id, i.category_path, i.name, i.points, i.department) for i in out.indicators]
    assert got == [
        ("s1.i1", ["政务信息"], "信息工作", 10.0, "办公室"),
        ("s1.i2", ["政务信息"], "新闻宣传", 5.0, "办公室"),
        ("s2.i1", ["加分项目"], "其他", 2.0, "各科室"),
        ("s2.i2", ["加分项目"], "新闻", None, "各科室"),
    ]
    assert out.indicators[1].points_text == "5 分"
    assert out.indicators[0].prov["points"].row == 1 and out.indicators[0].prov["name"].col == 1
    assert any("待定" in w for w in out.warnings)


def test_section_rows_notes_and_form():
    """Spanning rows switch section and 科室; 备注 rows become notes; a blank form is no indicator."""
    rows = [
        ["业务工作（60 分）", None, None, None],
        ["一、责任科室：办公室", None, None, None],
        ["考评内容", None, "评分标准", "分值"],
        ["1", "会风纪律", "每次扣 2 分", "40"],
        ["2", "车辆管理", "每次扣 1 分", "20"],
        ["二、责任科室：政治处", None, None, None],
        ["1", "教育培训", "每次扣 2 分", "60"],
        ["备注", "每月最多扣 40 分。", None, None],
    ]
    spans = {(0, 0): (1, 4), (1, 0): (1, 4), (2, 0): (1, 2), (5, 0): (1, 4), (7, 1): (1, 3)}
    form = _table([["申报单位", ""], ["特色工作名称", ""], ["主要内容", "(300 字以内)"]], no=1)
    raw = RawDocument(source=SOURCE, body=[_block("附件 1", 0), _table(rows, spans=spans),
                                           _block("附件 4", 1), _block("特色工作申报表", 2), form])
    out = build_indicator_table(raw)
    assert [(s.title, s.role, s.attachment, s.points, s.department) for s in out.sections] == [
        ("一、责任科室：办公室", SectionRole.BASE, 1, 60.0, "办公室"),
        ("二、责任科室：政治处", SectionRole.BASE, 1, 60.0, "政治处"),
        ("特色工作申报表", SectionRole.FORM, 4, None, None),
    ]
    got = [(i.section_id, i.number, i.name, i.points, i.department, i.category_path) for i in out.indicators]
    assert got == [
        ("s1", "1", "会风纪律", 40.0, "办公室", ["业务工作"]),
        ("s1", "2", "车辆管理", 20.0, "办公室", ["业务工作"]),
        ("s2", "1", "教育培训", 60.0, "政治处", ["业务工作"]),
    ]
    assert out.notes == ["每月最多扣 40 分。"]


def test_continuation_row_and_two_row_header():
    """A row cut by a page break (no 序号, no 分值) joins the row above; a two-row header merges."""
    rows = [
        ["序号", "评分标准", None],
        [None, "扣分标准", "分值"],
        ["1", "未报送的扣 1 分；", "5"],
        ["", "迟报的扣 0.5 分。", ""],
        ["2", "未参会的扣 2 分。", "5"],
    ]
    raw = RawDocument(source=SOURCE, body=[_table(rows, spans={(0, 1): (1, 2)})])
    out = build_indicator_table(raw)
    assert [(i.number, i.criteria, i.points) for i in out.indicators] == [
        ("1", "未报送的扣 1 分；\n迟报的扣 0.5 分。", 5.0),
        ("2", "未参会的扣 2 分。", 5.0),
    ]
    assert any("续行" in w for w in out.warnings)


def test_nested_titles_and_spanning_title_with_points():
    """'一、' titles open sections; a deeper '（一）' title is a category; a title may state points in 分值."""
    rows = [
        ["序号", "考核内容", "分值"],
        ["一、业务工作", None, "60"],
        ["（一）法治建设（30分）", None, None],
        ["1", "复议", "30"],
        ["（二）普法（30分）", None, None],
        ["1", "宣传", "30"],
        ["二、队伍建设（40分）", None, None],
        ["1", "廉政", "40"],
    ]
    spans = {(1, 0): (1, 2), (2, 0): (1, 3), (4, 0): (1, 3), (6, 0): (1, 3)}
    out = build_indicator_table(RawDocument(source=SOURCE, body=[_table(rows, spans=spans)]))
    assert [(s.title, s.points) for s in out.sections] == [("一、业务工作", 60.0), ("二、队伍建设", 40.0)]
    assert [(i.section_id, i.category_path) for i in out.indicators] == [
        ("s1", ["一、业务工作", "（一）法治建设"]),
        ("s1", ["一、业务工作", "（二）普法"]),
        ("s2", ["二、队伍建设"]),
    ]


def test_total_row_is_the_section_total():
    rows = [["序号", "考核内容", "分值"], ["1", "会风纪律", "40分"], ["2", "车辆管理", "60分"], ["合计", None, "100分"]]
    out = build_indicator_table(RawDocument(source=SOURCE, body=[_table(rows, spans={(3, 0): (1, 2)})]))
    assert len(out.indicators) == 2 and out.sections[0].points == 100.0


def test_points_stated_in_name_without_points_column():
    rows = [["序号", "指标名称", "考核内容"], ["1", "信息工作（10分）", "报送信息"]]
    out = build_indicator_table(RawDocument(source=SOURCE, body=[_table(rows)]))
    assert (out.indicators[0].name, out.indicators[0].points) == ("信息工作（10分）", 10.0)


def test_stated_points_move_a_filled_row_to_the_next_label():
    """A text dump prints a merged label mid-span: the stated points say where the row belongs."""
    rows = [
        ["类别", "指标名称", "分值", "责任部门"],
        ["法治宣传（8分）", "普法", "4分", "普法科"],
        ["", "文化", "4分", ""],
        ["", "顾问", "5分", ""],
        ["公共服务（15分）", "质效", "10分", "法服科"],
    ]
    out = build_indicator_table(RawDocument(source=SOURCE, body=[_table(rows)]))
    got = [(i.name, i.category_path, i.department) for i in out.indicators]
    assert got[2] == ("顾问", ["公共服务"], "法服科")
    assert got[1] == ("文化", ["法治宣传"], "普法科")


def test_table_without_roles_warns():
    raw = RawDocument(source=SOURCE, body=[_table([["甲", "乙"], ["一段很长的文字说明内容", "另一段文字说明"]])])
    out = build_indicator_table(raw)
    assert out.indicators == [] and any("未识别表头" in w for w in out.warnings)


# -- end to end on the DOCX corpus -----------------------------------------------------------------
def _docx(name: str):
    from extractors import extract

    path = DOCS / f"{name}.docx"
    if not path.exists():
        pytest.fail(f"missing corpus file {path}")
    return build_indicator_table(extract(path))


def test_wujin_docx_sums():
    out = _docx("wujin-2021-jixiao")
    roles = {s.id: s.role for s in out.sections}
    base = [i for i in out.indicators if roles[i.section_id] is SectionRole.BASE]
    bonus = [i for i in out.indicators if roles[i.section_id] is SectionRole.BONUS]
    assert (len(base), len(bonus)) == (18, 7)
    stated = {i.categories[0].name: i.categories[0].points for i in base}
    assert sum(stated.values()) == 100
    assert sum(i.points for i in base) == 100 and sum(i.points for i in bonus) == 20
    per_category = defaultdict(float)
    for i in base:
        per_category[i.categories[0].name] += i.points
    assert per_category == stated
    assert all(i.department for i in out.indicators)
    assert out.meta.doc_number == "常武司字〔2021〕62号" and out.meta.issuer == "常州市武进区司法局"


def test_songjiang_docx_departments_sum_to_60():
    out = _docx("songjiang-2021-kaoping")
    assert len(out.indicators) == 87
    by_section = defaultdict(float)
    for i in out.indicators:
        by_section[i.section_id] += i.points or 0
    offices = [s for s in out.sections if s.department]
    assert len(offices) == 10
    assert all(by_section[s.id] == 60 == s.points for s in offices)
    assert [s.role for s in out.sections[-3:]] == [SectionRole.BONUS, SectionRole.BOTTOM_LINE, SectionRole.FORM]


def test_qiaocheng_docx_categories_and_notes():
    out = _docx("qiaocheng-2023-kaoping")
    assert len(out.indicators) == 62
    counts = defaultdict(int)
    for i in out.indicators:
        counts[i.category_path[0]] += 1
    assert counts["社区矫正工"] == 17 and counts["人民参与和促进法治股工作"] == 8
    assert all(i.points is None for i in out.indicators)
    assert len(out.notes) == 2 and out.meta.frequency.value == "monthly"


# -- the builder stays linear in table rows ---------------------------------------------------------
def _long_table(n: int) -> RawDocument:
    """A scoring table of ``n`` rows under one header, categories merged over five rows, an unlabelled 序号 column."""
    rows: list[list[str | None]] = [["", "考核项目", "考核内容", "评分标准", "分值", "责任部门"]]
    spans = {}
    for r in range(1, n + 1):
        first = (r - 1) % 5 == 0
        if first:
            spans[(r, 1)] = (min(5, n + 1 - r), 1)
        rows.append([str(r), f"类别{r}（10分）" if first else None, f"内容{r}", f"未完成的扣{r % 3 + 1}分", "2", "办公室"])
    return RawDocument(source=SOURCE, body=[_table(rows, spans=spans)])


def _calls(fn) -> int:
    """Given a zero-argument function, return how many Python and C calls (generator steps included) it makes."""
    import sys

    count = 0

    def profile(frame, event, arg):
        nonlocal count
        count += 1

    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return count


def test_builder_is_linear_in_rows():
    """Four times the rows cost at most ~4.5 times the calls: deduplicating cells by scanning the cells seen so far
    (quadratic) made it 12× at these sizes. Counted, not timed, so a busy machine cannot fail it."""
    small, large = _long_table(250), _long_table(1000)
    assert len(build_indicator_table(large).indicators) == 1000
    ratio = _calls(lambda: build_indicator_table(large)) / _calls(lambda: build_indicator_table(small))
    assert ratio < 4.6, ratio
