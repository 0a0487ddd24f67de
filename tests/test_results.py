"""Results documents: 自评表 forms (tables and lines), 整改方案 prose, detection, and `kaoping check`."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractors.registry import extract
from pipeline.cli import cli
from pipeline.results.read import extract_results, is_results_document, read_results
from pipeline.results.check import OK, reconcile
from schemas.common import InputFormat, ProvenanceItem, SourceInfo
from schemas.raw import BlockLabel, RawDocument, TextBlock
from raw_builder import table

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SOURCE = SourceInfo(file="t.txt", format=InputFormat.TEXT, sha256="0", size_bytes=1, extractor_version="t")


def block(text: str, n: int = 0, label: BlockLabel = BlockLabel.PARAGRAPH) -> TextBlock:
    return TextBlock(label=label, text=text, prov=ProvenanceItem(file="t.txt", paragraph_no=n))


def doc(*items) -> RawDocument:
    return RawDocument(source=SOURCE, body=list(items))


# A different bureau's form: one goal block, header without 一级 column merged, PDF-style blank
# cells instead of spans below the first 一级/二级, a 分值 column, and 合计 instead of 总分.
FORM_ROWS = [
    ["预算执行情况（万元）（10分）", "", "全年预算数", "全年执行数", "执行率", "得分"],
    [None, "项目支出", "200", "180", "90%", "9"],
    ["绩效目标一（30分）", "做好人民调解工作", None, None, None, None],
    ["一级指标", "二级指标", "三级指标", "分值", "指标值", "实际完成值", "得分"][:6],
    ["产出指标", "数量指标", "调解案件数", "1000件", "800件", "16"],
    ["", "", "回访率", "≥90%", "95%", "10"],
    ["", "质量指标", "调解成功率", "98%", "99%", "4"],
    ["合计", None, None, None, None, "39"],
    ["偏差原因分析", "受疫情影响，调解案件少于预期", None, None, None, None],
]
FORM_SPANS = {(0, 0): (2, 1), (2, 1): (1, 5), (7, 0): (1, 5), (8, 1): (1, 5)}


def form_rows():
    rows = [list(r) for r in FORM_ROWS]
    rows[3] = ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "得分"]
    return rows


def test_form_table_rows_fill_down_and_provenance():
    raw = doc(block("2021年度某某区司法局绩效自评表", 0, BlockLabel.TITLE), table(form_rows(), FORM_SPANS))
    reading = read_results(raw)
    budget, *goal = reading.rows
    assert (budget.group, budget.group_points, budget.name) == ("预算执行情况", 10, "项目支出")
    assert (budget.target, budget.actual, budget.rate, budget.points_got) == ("200", "180", "90%", 9)
    assert [r.name for r in goal] == ["调解案件数", "回访率", "调解成功率"]
    assert [r.path for r in goal] == [["产出指标", "数量指标"], ["产出指标", "数量指标"], ["产出指标", "质量指标"]]
    assert {r.group for r in goal} == {"绩效目标一"} and goal[0].group_points == 30
    assert goal[0].prov["points_got"].row == 4 and goal[0].prov["points_got"].col == 5
    assert reading.total == 39 and reading.summaries[0].text.startswith("受疫情影响")


def test_form_check_budget_rate_and_proportional_row():
    rec = reconcile(read_results(doc(table(form_rows(), FORM_SPANS))))
    by_scope = {f.scope: f for f in rec.findings}
    assert by_scope["预算执行情况"].verdict == OK  # 10 × 90% = 9
    assert by_scope["绩效目标一"].verdict == OK  # 16 + 10 + 4 = 30
    assert by_scope["调解案件数"].stated == 20 and by_scope["调解案件数"].verdict == OK  # 20 × 800/1000 = 16
    assert {l.label: l.lost for l in rec.losses} == {"预算执行情况·项目支出": 1, "绩效目标一·调解案件数": 4}


# Text-dump lines: cells split by spaces, wrapped cells on their own lines, a block without 得分.
LINES = """年度目标 1：（5 分）
普及法律知识
一级
指标
二级指标 三级指标
年初目标值
（A）
实际完成值
（B）
得分
产出
指标
数量指标 举办讲座
场次
12 场 10 场 2
效益
指标
社会效益
指标
群众法治意识
提升 达成预期指
标
达成预期指
标
3
年度目标 2：（0 分）
一级指标 二级指标 三级指标 年初目标值（A） 实际完成值（B） 得分
产出指标 质量指标 参与率 100% 100%
总分 5"""


def test_form_lines_read_wrapped_cells():
    raw = doc(*[block(line, i + 1) for i, line in enumerate(LINES.splitlines())])
    reading = read_results(raw)
    rows = reading.rows
    assert [(r.group, r.name, r.target, r.actual, r.points_got) for r in rows] == [
        ("年度目标1", "举办讲座场次", "12 场", "10 场", 2),
        ("年度目标1", "群众法治意识提升", "达成预期指标", "达成预期指标", 3),
        ("年度目标2", "参与率", "100%", "100%", None),
    ]
    assert rows[0].path == ["产出指标", "数量指标"] and rows[1].path == ["效益指标", "社会效益指标"]
    assert rows[0].prov["points_got"].paragraph_no == 15
    assert reading.total == 5


PROSE = [
    "关于2020年度考核扣分情况的整改报告",
    "（一）人民调解：",
    "1、调解质量：案件回访（满分4分，得分3分）：扣分原因：回访记录不全；整改措施：建立回访台账。",
    "卷宗归档（分值6分，扣1.5分）：扣分原因：归档不及时；整改措施：按月归档",
    "以上2项，责任科室：人民参与和促进法治科",
    "（二）法治宣传：",
    "1、 普法阵地：阵地建设（应得5分，应得4分）：失分原因：阵地少；整改措施：新建2个。",
    "以上1项，整改责任科室：普法科",
    "二、工作要求",
    "1、加强领导。",
]


def test_prose_rows_departments_and_slip():
    reading = read_results(doc(*[block(t, i) for i, t in enumerate(PROSE)]))
    rows = reading.rows
    assert [(r.group, r.path, r.name, r.points_due, r.points_got) for r in rows] == [
        ("人民调解", ["调解质量"], "案件回访", 4, 3),
        ("人民调解", ["调解质量"], "卷宗归档", 6, 4.5),
        ("法治宣传", ["普法阵地"], "阵地建设", 5, 4),
    ]
    assert rows[0].reason == "回访记录不全" and rows[0].measures == "建立回访台账。"
    assert rows[1].measures == "按月归档"
    assert [r.department for r in rows] == ["人民参与和促进法治科"] * 2 + ["普法科"]
    assert rows[2].prov["points_got"].paragraph_no == 6
    assert PROSE[6][slice(*rows[2].prov["points_got"].charspan)] == "4"
    assert len(reading.warnings) == 1 and "阵地建设" in reading.warnings[0]


def test_prose_split_across_lines_reads_the_same():
    """PDF lines break inside '（应得 5\\n分，实得 4 分）'; the parser reads the joined text."""
    text = "".join(PROSE[1:5])
    pieces = [text[i : i + 17] for i in range(0, len(text), 17)]
    rows = extract_results(doc(*[block(p, i) for i, p in enumerate(pieces)]))
    assert [(r.name, r.points_got, r.department) for r in rows] == [
        ("案件回访", 3, "人民参与和促进法治科"), ("卷宗归档", 4.5, "人民参与和促进法治科")]


DETECT_CASES = [
    ([block("某区司法局2020年度绩效考评自查报告", 0, BlockLabel.TITLE)], True),
    ([block("关于印发《2021年度综合考评方案》的通知", 0, BlockLabel.TITLE), block("考评结果运用" * 20)], False),
    ([block("工作情况"), block("规范执法（应得10分，实得9分）"), block("规范定位（应得5分，实得3.5分）")], True),
    ([block("考核细则"), table([["序号", "考评内容", "扣分标准", "分值"], ["1", "信息报送", "迟报扣1分", "5"]])], False),
    # A notice that lists a self-evaluation form among its attachments is not itself one.
    ([block("关于开展2021年度绩效考评的通知", 0, BlockLabel.TITLE), block("附件：1.考评细则"),
      block("2.2021年度绩效自评表")], False),
]


@pytest.mark.parametrize("items,expected", DETECT_CASES)
def test_is_results_document(items, expected):
    assert is_results_document(doc(*items)) is expected


CORPUS_CASES = [
    ("docs/qiaokou-2020-zipingbiao.docx", 49, 99.23),
    ("seeds/003_7d91254978dedfb0.txt", 49, 99.23),
    ("docs/jintan-2017-zhenggai.docx", 25, None),
    ("seeds/004_5bd89f95e0055f0c.txt", 25, None),
    ("docs/wujin-2021-jixiao.docx", 0, None),
]


@pytest.mark.parametrize("rel,count,total", CORPUS_CASES)
def test_corpus_rows(rel, count, total):
    raw = extract(CORPUS / rel)
    reading = read_results(raw)
    assert is_results_document(raw) is (count > 0)
    assert len(reading.rows) == count and reading.total == total


def test_qiaokou_keeps_form_as_written():
    rows = extract_results(extract(CORPUS / "docs/qiaokou-2020-zipingbiao.docx"))
    goal5 = [r for r in rows if r.group == "年度目标5"]
    assert goal5[0].group_points == 10 and sum(r.points_got for r in goal5) == 9
    assert all(r.points_got is None for r in rows if r.group == "年度目标6")


def run(*args):
    return CliRunner().invoke(cli, ["check", *map(str, args)])


def test_cli_check_qiaokou(tmp_path):
    result = run(CORPUS / "seeds/003_7d91254978dedfb0.txt", "-o", tmp_path)
    assert result.exit_code == 2, result.output
    assert "年度目标5" in result.output and "不一致" in result.output
    assert "权重4 → 3.23" in result.output
    assert len(list(tmp_path.glob("*.xlsx"))) == 1
    ET.parse(next(tmp_path.glob("*.svg")))  # well-formed SVG


def test_check_chart_has_the_losses_its_text_lists_under_the_documents_title(tmp_path):
    result = run(CORPUS / "docs/qiaokou-2020-zipingbiao.docx", "-o", tmp_path)
    assert "【各小项失分】" in result.output and "【各部分失分】" in result.output
    svg = next(tmp_path.glob("*.svg")).read_text(encoding="utf-8")
    assert "2020年度硚口区司法局整体绩效自评表：失分分布" in svg and "qiaokou-2020" not in svg
    assert "各小项失分" in svg and "讲座场次" in svg
    assert "各部分失分" in svg and "年度目标5" in svg  # a section-level loss no row explains
    from openpyxl import load_workbook

    wb = load_workbook(next(tmp_path.glob("*.xlsx")))
    assert wb.sheetnames == ["结果行", "核对", "失分"]
    checks = wb["核对"]
    assert any(r.type == "expression" for rng in checks.conditional_formatting for r in rng.rules)  # 不一致 rows red
    assert isinstance(checks["C2"].value, (int, float)) and isinstance(wb["失分"]["E2"].value, (int, float))


def test_cli_check_jintan_counts(tmp_path):
    result = run(CORPUS / "docs/jintan-2017-zhenggai.docx", "-o", tmp_path)
    assert result.exit_code == 2
    assert "4/13/25 vs 实列 4/13/25" in result.output
    assert "文中项数 3 vs 实列 2" in result.output  # 社会组织培育发展 claims 3 but lists 2
    svg = next(tmp_path.glob("*.svg")).read_text(encoding="utf-8")
    assert "社区矫正教育矫正" in svg


def test_cli_check_consistent_exits_zero(tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text("\n".join(PROSE[:5]), encoding="utf-8")
    result = run(path)
    assert result.exit_code == 0, result.output
    assert "全部一致" in result.output


CLI_ERRORS = [
    ("docs/wujin-2021-jixiao.docx", "没有找到结果行"),
    ("docs/no-such-file.docx", "文件不存在"),
]


@pytest.mark.parametrize("rel,message", CLI_ERRORS)
def test_cli_check_errors(rel, message):
    result = run(CORPUS / rel)
    assert result.exit_code == 1
    assert message in result.output


def test_form_header_split_over_rows():
    """Text-line tables (unruled PDFs) split '年初目标值（A）' over rows around the header."""
    rows = [
        ["年度目标 1：（3 分）", "提升服务", "", "", "", ""],
        ["", "", "", "年初目标", "实际完成", ""],
        ["一级指标", "二级指标", "三级指标", "值", "值", "得分"],
        ["", "", "", "（A）", "（B）", ""],
        ["产出指标", "数量指标", "咨询人次", "100", "120", "3"],
    ]
    (row,) = extract_results(doc(table(rows)))
    assert (row.name, row.target, row.actual, row.points_got) == ("咨询人次", "100", "120", 3)


def test_prose_heading_styles_follow_the_document():
    """Another bureau writes domains as 一、 and items as （一）; the levels follow what is used."""
    texts = ["二、扣分情况及整改", "一、行政执法监督", "（一）案卷评查：卷宗规范（应得3分，实得2分）：扣分原因：缺页。",
             "二、法律服务", "（一）公证质量：差错率（应得4分，实得4分）。"]
    rows = extract_results(doc(*[block(t, i) for i, t in enumerate(texts)]))
    assert [(r.group, r.path, r.name) for r in rows] == [
        ("行政执法监督", ["案卷评查"], "卷宗规范"), ("法律服务", ["公证质量"], "差错率")]


def test_jintan_same_rows_in_every_format():
    key = lambda r: ("".join(r.name.split()), r.group, r.path, r.points_got, r.department)
    docx = [key(r) for r in extract_results(extract(CORPUS / "docs/jintan-2017-zhenggai.docx"))]
    seed = [key(r) for r in extract_results(extract(CORPUS / "seeds/004_5bd89f95e0055f0c.txt"))]
    assert docx == seed and len({r[1] for r in docx}) == 4


def test_form_weight_column_is_points_due_and_used_by_check():
    rows = [
        ["一级指标", "二级指标", "三级指标", "分值", "年初目标值", "实际完成值", "得分"],
        ["产出指标", "数量指标", "培训场次", "6分", "10", "8", "4.8分"],
        ["", "时效指标", "按时办结率", "4", "≤5天", "4天", "4"],
    ]
    first, second = extract_results(doc(table(rows)))
    assert (first.points_due, first.points_got, second.points_due) == (6, 4.8, 4)
    rec = reconcile(read_results(doc(table(rows))))
    (finding,) = [f for f in rec.findings if f.scope == "培训场次"]
    assert finding.verdict == OK and "权重取自表中分值" in finding.note
