"""Cross-scheme comparison: alignment labels, rule differences, report outputs, `kaoping diff`, rendering."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pipeline.commands.compare import compare, diff
from pipeline.compare.report import SCORING_NOTE
from pipeline.compare.align import align, diff_segments
from pipeline.compare.html import render, write_html
from pipeline.compare.report import compare_report, metric_section
from pipeline.compare.rulediff import rule_changes
from pipeline.compare.xlsx import write_xlsx
from pipeline.extract import extract_table
from pipeline.normalize.scheme import normalize_table
from schemas.common import InputFormat, SourceInfo
from schemas.indicators import Category, DocumentMeta, Indicator, IndicatorTable, Region, Section, SectionRole

CORPUS_DOCS = ["wujin-2021-jixiao", "qiaocheng-2023-kaoping", "songjiang-2021-kaoping", "qiaokou-2020-zipingbiao"]
CHROMIUM = Path("/usr/bin/chromium")


def _table(district: str, rows: list[tuple[str, str, str, float]]) -> IndicatorTable:
    """Given (category, name, criteria, points) rows, return a minimal scheme table."""
    source = SourceInfo(file=f"{district}.json", format=InputFormat.TEXT, sha256="0" * 64, size_bytes=0,
                        extractor_version="test")
    return IndicatorTable(
        source=source, meta=DocumentMeta(region=Region(district=district), year=2022),
        sections=[Section(id="s1", title="细则", role=SectionRole.BASE)],
        indicators=[Indicator(id=f"s1.i{k}", section_id="s1", categories=[Category(name=c)], name=n, criteria=t,
                              points=p) for k, (c, n, t, p) in enumerate(rows, 1)])


# (left indicator, right indicator, expected label): hand-made pairs.
PAIRS = [
    (("法律援助工作", "法律援助卷宗评查", "一卷不合格或收费扣10分", 10.0),
     ("法律援助工作", "法律援助卷宗评查", "一卷不合格或收费扣 10 分。", 10.0), "equal"),
    (("社区矫正工作", "社区矫正对象个人卷宗及台账", "缺一项扣1分", 5.0),
     ("社区矫正工作", "社区矫正对象个人档案及台账管理", "缺一项扣0.5分", 5.0), "similar"),
    (("法律援助工作", "法律援助卷宗评查", "一卷不合格扣10分", 10.0),
     ("法律援助工作", "法律援助卷宗评查", "一卷不合格扣5分", 10.0), "similar"),
    (("刑事执行体系", "社区矫正", "当年重新犯罪率控降在0.1%以内，超过的扣1-8分", 12.0),
     ("社区矫正工作", "社区矫正工作成效明显", "社区矫正对象再犯罪率低于全市平均水平的得2分", 12.0), "similar"),
    (("信息", "一机两用", "每通报一次扣10分", 10.0),
     ("法律援助工作", "法律援助案件回访工作", "回访一件不满意扣5分", 5.0), "only"),
    (("队伍建设", "教育培训合格率", "年度教育培训考试通过率未达到100%，扣1分", 3.0),
     ("平安建设工作", "安全生产", "发生安全事故的一票否决", 10.0), "only"),
]


@pytest.mark.parametrize("left,right,label", PAIRS)
def test_alignment_labels(left, right, label):
    a = normalize_table(_table("甲区", [left])).indicators
    b = normalize_table(_table("乙区", [right])).indicators
    labels = sorted(p.label for p in align(a, b))
    assert labels == (["only_left", "only_right"] if label == "only" else [label])


def test_alignment_is_one_to_one_and_prefers_best_match():
    a = normalize_table(_table("甲区", [("普法", "法治文化建设", "未开展活动扣1分", 4.0),
                                       ("普法", "普法责任制落实", "制度未落实的扣1分", 4.0)])).indicators
    b = normalize_table(_table("乙区", [("普法", "普法责任制落实情况", "未落实的扣2分", 4.0),
                                       ("普法", "法治文化阵地建设", "没有创建的扣5分", 5.0)])).indicators
    matched = {(p.left.name, p.right.name) for p in align(a, b) if p.left and p.right}
    assert matched == {("法治文化建设", "法治文化阵地建设"), ("普法责任制落实", "普法责任制落实情况")}


def test_diff_segments_mark_only_the_change():
    left, right = diff_segments("每有一次不达标扣0.2分，最高扣2分", "每有一次不达标扣0.5分，最高扣3分")
    assert [t for t, d in left if d] == ["2", "2"] and [t for t, d in right if d] == ["5", "3"]
    assert "".join(t for t, _ in right) == "每有一次不达标扣0.5分，最高扣3分"


RULE_CASES = [
    # left criteria, right criteria, expected (field, verdict)
    ("迟报一次扣1分", "迟报一次扣2分", ("分值", "右更严")),
    ("当年重新犯罪率超过0.1%的视情扣1-8分", "当年重新犯罪率超过0.8%的视情扣1-8分", ("阈值", "左更严")),
    ("成功率低于95%扣5分", "成功率低于90%扣5分", ("阈值", "左更严")),
    ("每有一次不达标扣0.2分，最高扣2分", "每有一次不达标扣0.2分，最高扣4分", ("封顶", "右更严")),
    ("有一篇得1分，满分5分", "有一篇得2分，满分5分", ("分值", "左更严")),
]


@pytest.mark.parametrize("left,right,expected", RULE_CASES)
def test_rule_changes(left, right, expected):
    a = normalize_table(_table("甲区", [("工作", "某项工作", left, 10.0)])).indicators[0]
    b = normalize_table(_table("乙区", [("工作", "某项工作", right, 10.0)])).indicators[0]
    assert [(c.field, c.verdict) for c in rule_changes(a, b)] == [expected]


@pytest.fixture(scope="module")
def corpus_tables(corpus) -> dict[str, IndicatorTable]:
    return {name: extract_table(corpus / "docs" / f"{name}.docx")[1] for name in CORPUS_DOCS}


@pytest.fixture(scope="module")
def corpus_report(corpus_tables):
    return compare_report([normalize_table(corpus_tables[n]) for n in CORPUS_DOCS], scoring_note=SCORING_NOTE)


def test_corpus_summary_names_weights_and_strictness(corpus_report):
    text = "\n".join(corpus_report.summary)
    assert re.search(r"社区矫正：武进区 2021 占 [\d.]+%（16 分），谯城区 2023 占", text)
    assert "重新犯罪率（社区矫正）：武进区 2021 ≤0.1%，硚口区 2020 ≤0.5%；武进区 2021 最严。" in text
    titles = [s.title for s in corpus_report.sections]
    assert titles[:3] == ["各领域分值占比", "领域 × 方案 热力图", "考核指标阈值对比"]


def test_metric_table_says_who_is_stricter(corpus_tables):
    schemes = [normalize_table(corpus_tables[n]) for n in ("wujin-2021-jixiao", "songjiang-2021-kaoping")]
    section, _ = metric_section(schemes)
    rows = {r[0]: r for r in section.tables[0].rows}
    assert rows["重新犯罪率（安置帮教）"][2:] == ["≤0.8%", "≤1%", "武进区 2021"]
    assert rows["重新犯罪率（社区矫正）"][2:] == ["≤0.1%", "—", ""]


def test_html_is_self_contained(corpus_report, tmp_path):
    html = render(corpus_report)
    assert html.count("<svg") == 2 and "<script" not in html
    assert not re.search(r"(?:src|href)=\"https?://", html) and "@import" not in html
    assert "考评方案跨地区比较" in html and "<mark>" in html


def test_xlsx_has_the_same_tables(corpus_report, tmp_path):
    path = write_xlsx(corpus_report, tmp_path / "r.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames[:4] == ["摘要", "各领域分值占比", "领域 × 方案 热力图", "考核指标阈值对比"]
    assert wb["各领域分值占比"]["A1"].value == "领域"


def test_compare_command_writes_html_from_json(corpus_tables, tmp_path):
    inputs = []
    for name in ("wujin-2021-jixiao", "qiaokou-2020-zipingbiao"):
        path = tmp_path / f"{name}.json"
        path.write_text(corpus_tables[name].model_dump_json(), encoding="utf-8")
        inputs.append(str(path))
    result = CliRunner().invoke(compare, inputs + ["-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert "报告已写出" in result.output and (tmp_path / "r.html").stat().st_size > 10_000
    bad = CliRunner().invoke(compare, inputs + ["-o", str(tmp_path / "r.pdf")])
    assert bad.exit_code == 1 and "不支持的输出格式" in bad.output


def test_diff_docx_against_modified_json(corpus, corpus_tables, tmp_path):
    table = corpus_tables["wujin-2021-jixiao"].model_copy(deep=True)
    by_name = {i.name: i for i in table.indicators}
    table.indicators.remove(by_name["法治文化建设"])  # removed (the base one; the bonus one stays)
    by_name["司法所政法专编落实率"].criteria = "司法所政法专编落实率未达标的扣 3分。"  # 2 → 3 points
    by_name["社区矫正"].criteria = by_name["社区矫正"].criteria.replace("0.1%以内", "0.2%以内").replace(
        "扣 1-8分", "扣 1-10分")
    by_name["信息工作"].content = "积极向区局办公室报送工作信息稿件，完成信息工作录用得分目标。"  # reworded
    table.indicators.append(Indicator(id="s1.i99", section_id="s1", categories=[Category(name="刑事执行体系")],
                                      name="社区矫正对象教育帮扶", criteria="未开展集中教育的扣 1分", points=2))
    new = tmp_path / "wujin-2022.json"
    new.write_text(table.model_dump_json(), encoding="utf-8")
    result = CliRunner().invoke(diff, [str(corpus / "docs" / "wujin-2021-jixiao.docx"), str(new),
                                       "-o", str(tmp_path / "diff.xlsx")])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "新增 1 项，删除 1 项" in out
    assert "社区矫正对象教育帮扶" in out.split("【新增指标】")[1].split("【")[0]
    assert "法治文化建设" in out.split("【删除指标】")[1].split("【")[0]
    reworded = out.split("【改写的指标】")[1].split("【")[0]
    assert "信息工作" in reworded and "社区矫正" in reworded
    changes = out.split("【规则参数变化】")[1]
    assert "司法所政法专编落实率 | 司法所政法专编落实率 | 定额扣分 | 分值 | 2 | 3 | 新版 更严" in changes
    assert "阈值 | >0.001 | >0.002 | 旧版 更严" in changes
    assert "幅度 | 1–8 | 1–10 | 新版 更严" in changes
    assert load_workbook(tmp_path / "diff.xlsx").sheetnames[0] == "摘要"


EVENTS = """单位,日期,指标,事项,次数
甲司法所,2023-03-05,,出现因司法所工作疏漏造成社区矫正对象脱管,1
乙司法所,2023-05-02,,行政应诉案件未能及时录入系统,2
"""


def test_same_facts_scored_under_each_scheme(corpus_tables, tmp_path):
    from pipeline.compare.facts import same_facts_section

    events = tmp_path / "events.csv"
    events.write_text(EVENTS, encoding="utf-8")
    tables = [corpus_tables["wujin-2021-jixiao"], corpus_tables["qiaocheng-2023-kaoping"]]
    section = same_facts_section(tables, ["武进", "谯城"], events)
    rows = {r[0]: r[1:] for r in section.tables[0].rows}
    assert rows["甲司法所"][0] == "无对应事件" and "扣 10" in rows["甲司法所"][1]  # 脱管: 谯城 出现一起扣 10 分
    assert "扣 2" in rows["乙司法所"][0]  # 武进: 行政应诉案件未能及时录入系统的，发现一起扣 1分 × 2


def test_report_renders_in_headless_chromium(corpus_report, tmp_path):
    from PIL import Image

    # make test installs it (make system-deps): never skipped, a missing browser is a failure to fix
    assert CHROMIUM.exists(), "需要 /usr/bin/chromium 与中文字体：请运行 make system-deps"

    html = write_html(corpus_report, tmp_path / "report.html")
    png = tmp_path / "report.png"
    profile = tempfile.mkdtemp()
    try:
        subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", f"--user-data-dir={profile}", f"--screenshot={png}",
                        "--window-size=1400,2400", html.resolve().as_uri()],
                       capture_output=True, timeout=120, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert png.exists()
    image = Image.open(png).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000)
    assert image.size == (1400, 2400) and colours is not None and len(colours) > 50


def test_palette_survives_greyscale_printing():
    from itertools import combinations

    from pipeline.compare.html import PALETTE, grey

    greys = [grey(c) for c in PALETTE]
    assert min(abs(a - b) for a, b in combinations(greys, 2)) >= 20  # every pair tells apart in grey
    assert min(abs(a - b) for a, b in zip(greys, greys[1:])) >= 60  # neighbours in a bar jump dark ↔ light


def test_stacked_bars_hatch_colours_used_twice():
    from pipeline.compare.html import PALETTE, stacked_bars
    from pipeline.compare.report import Chart

    names = [f"领域{k}" for k in range(len(PALETTE) + 3)]
    svg = stacked_bars(Chart("stacked", ["甲", "乙"], names, [[1 / len(names)] * len(names)] * 2))
    assert svg.count('fill="url(#hatch') >= 6 and "<pattern" in svg


def test_report_names_documents_by_their_titles(corpus_report):
    assert "《2021年度基层司法行政高质量发展绩效监测评价办法》" in corpus_report.summary[0]
    assert "wujin-2021" not in " ".join(corpus_report.summary)

