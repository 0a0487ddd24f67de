"""XLSX and HTML extractors: merged cells → spans, title rows, number display, encodings, order."""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from extractors.errors import CorruptFile, EmptyFile, ExtractionError
from extractors.html.document import extract_html
from extractors.registry import source_info
from extractors.sheet.xlsx import extract_xlsx
from extractors.sheet.xlsx_format import format_value
from schemas.common import InputFormat
from schemas.raw import BlockLabel, Table, TextBlock

VARIANTS = Path(__file__).resolve().parent.parent / "corpus" / "variants"


def xlsx(path: Path):
    return extract_xlsx(path, source_info(path, InputFormat.XLSX))


def html(path: Path):
    return extract_html(path, source_info(path, InputFormat.HTML))


def spans(table: Table) -> dict[tuple[int, int], tuple[str, int, int]]:
    return {(c.row, c.col): (c.text, c.row_span, c.col_span) for c in table.cells}


# --- XLSX ------------------------------------------------------------------------------------

FORMAT_CASES = [
    (10.0, "General", "10"),
    (10, "General", "10"),
    (3.5, "General", "3.5"),
    (0.1 + 0.2, "General", "0.3"),
    (0.95, "0%", "95%"),
    (0.125, "0.0%", "12.5%"),
    (3.5, "0.00", "3.50"),
    (12345.678, "#,##0.00", "12,345.68"),
    (12345.4, "#,##0", "12,345"),
    (True, "General", "TRUE"),
    (10, '0"分"', "10分"),
    (2.5, '"约"0.0"万元"', "约2.5万元"),
    (-5, "0;[Red]-0", "-5"),
    (-5, "0;[Red]0", "-5"),
    (dt.datetime(2021, 8, 5), "yyyy-mm-dd", "2021-08-05"),
    (dt.datetime(2021, 8, 5), 'yyyy"年"m"月"d"日"', "2021年8月5日"),
    ("  多行\r\n文本 ", "General", "多行\n文本"),
    (None, "General", ""),
]


@pytest.mark.parametrize("value,fmt,shown", FORMAT_CASES)
def test_values_display_as_the_sheet_shows_them(value, fmt, shown):
    assert format_value(value, fmt) == shown


def _scheme_sheet(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "细则"
    ws.append(["某区 2023 年考评细则"])
    ws.merge_cells("A1:D1")
    ws.append(["事项", "序号", "考评内容", "分值"])
    ws.append(["法律援助工作(40 分)", 1, "案件登记", 10.0])
    ws.append([None, 2, "卷宗评查", 0.5])
    ws.append([None, 3, "回访", 5])
    ws.merge_cells("A3:A5")
    ws.append(["备注", "每月最多扣 40 分"])
    ws.merge_cells("B6:D6")
    ws.append([])
    ws.append(["附表", "说明"])
    ws.append(["甲", "乙"])
    ws.print_title_rows = "2:2"
    hidden = wb.create_sheet("隐藏")
    hidden["A1"] = "不应出现"
    hidden.sheet_state = "hidden"
    notes = wb.create_sheet("说明")
    notes["A1"] = "第一行说明"
    notes["A2"] = "第二行说明"
    path = tmp_path / "scheme.xlsx"
    wb.save(path)
    return path


def test_xlsx_title_row_table_spans_and_split(tmp_path):
    doc = xlsx(_scheme_sheet(tmp_path))
    title = doc.body[0]
    assert isinstance(title, TextBlock) and title.label == BlockLabel.TITLE
    assert title.text == "某区 2023 年考评细则" and title.prov.sheet == "细则"
    first, second = doc.tables
    assert (first.num_rows, first.num_cols) == (5, 4)
    got = spans(first)
    assert got[(1, 0)] == ("法律援助工作(40 分)", 3, 1)
    assert got[(4, 1)] == ("每月最多扣 40 分", 1, 3)
    assert [got[(r, 3)][0] for r in (1, 2, 3)] == ["10", "0.5", "5"]
    assert [c.column_header for c in first.cells if c.col == 0] == [True, False, False]
    assert (second.num_rows, second.num_cols, second.table_no) == (2, 2, 1)
    cell = first.cells[-1]
    assert (cell.prov.sheet, cell.prov.table_no, cell.prov.row, cell.prov.col) == ("细则", 0, 4, 1)


def test_xlsx_hidden_sheets_skipped_and_single_column_is_text(tmp_path):
    doc = xlsx(_scheme_sheet(tmp_path))
    texts = [b.text for b in doc.blocks]
    assert "不应出现" not in texts and any("隐藏" in w for w in doc.warnings)
    assert texts[-2:] == ["第一行说明", "第二行说明"]
    assert [i for i, item in enumerate(doc.body)] == [item.prov.paragraph_no for item in doc.body]


def test_xlsx_frozen_rows_are_headers(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["指标", "分值"], ["甲", 1], ["乙", 2]):
        ws.append(row)
    ws.freeze_panes = "A2"
    path = tmp_path / "frozen.xlsx"
    wb.save(path)
    table = xlsx(path).tables[0]
    assert {c.row for c in table.cells if c.column_header} == {0}


def test_corpus_qiaocheng_xlsx():
    doc = xlsx(VARIANTS / "qiaocheng-2023-xize.xlsx")
    assert doc.body[0].label == BlockLabel.TITLE and "考评细则" in doc.body[0].text
    (table,) = doc.tables
    assert (table.num_rows, table.num_cols) == (64, 6)
    assert [c.text for c in table.cells if c.row == 0] == ["事项", "序号", "考评内容", "考评时间", "扣分标准", "分值"]
    assert all(c.column_header == (c.row == 0) for c in table.cells)
    col0 = [c for c in table.cells if c.col == 0 and c.row > 0]
    assert max(c.row_span for c in col0) == 17
    assert any(c.text == "普法宣传工作(40 分)" for c in col0)
    note = [c for c in table.cells if c.col_span == 5]
    assert len(note) == 1 and note[0].row == 63 and "\n" in note[0].text
    assert next(c for c in table.cells if (c.row, c.col) == (1, 1)).text == "1"


def _not_zip_xlsx(tmp_path):
    path = tmp_path / "坏表.xlsx"
    path.write_bytes(b"name,score\n")
    return path


def _zip_without_workbook(tmp_path):
    path = tmp_path / "noworkbook.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    return path


def _empty_xlsx(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    return path


XLSX_BROKEN = [
    (_not_zip_xlsx, CorruptFile, ["坏表.xlsx", "XLSX"]),
    (_zip_without_workbook, CorruptFile, ["xl/workbook.xml", "缺少"]),
    (_empty_xlsx, EmptyFile, ["为空"]),
]


@pytest.mark.parametrize("build,error,words", XLSX_BROKEN)
def test_xlsx_broken_inputs(tmp_path, build, error, words):
    with pytest.raises(error) as info:
        xlsx(build(tmp_path))
    assert info.value.hint
    for word in words:
        assert word in info.value.message()


# --- HTML ------------------------------------------------------------------------------------

def write_html(tmp_path: Path, body: str, head: str = "<meta charset='utf-8'>", encoding: str = "utf-8",
               name: str = "page.html", bom: bytes = b"") -> Path:
    path = tmp_path / name
    path.write_bytes(bom + f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode(encoding))
    return path


def test_html_grid_placement_with_rowspan_and_colspan(tmp_path):
    body = """<table>
      <tr><th>类别</th><th>项目</th><th colspan="2">分值</th></tr>
      <tr><td rowspan="2">甲</td><td>a</td><td>1</td><td rowspan="3">科室</td></tr>
      <tr><td>b</td><td>2</td></tr>
      <tr><td colspan="3">备注</td></tr>
    </table>"""
    table = html(write_html(tmp_path, body)).tables[0]
    assert (table.num_rows, table.num_cols) == (4, 4)
    got = spans(table)
    assert got[(0, 2)] == ("分值", 1, 2)
    assert got[(1, 0)] == ("甲", 2, 1)
    assert got[(1, 3)] == ("科室", 3, 1)
    assert got[(2, 1)] == ("b", 1, 1) and got[(2, 2)] == ("2", 1, 1)
    assert got[(3, 0)] == ("备注", 1, 3)
    assert [c.column_header for c in table.cells if c.row == 0] == [True, True, True]
    assert not any(c.column_header for c in table.cells if c.row > 0)


def test_html_thead_rows_and_bold_leading_rows_are_headers(tmp_path):
    body = """<table><thead><tr><td>序号</td><td>内容</td></tr></thead><tbody><tr><td>1</td><td>x</td></tr></tbody></table>
      <table><tr><td><b>序号</b></td><td><strong>内容</strong></td></tr><tr><td>1</td><td>y</td></tr></table>"""
    first, second = html(write_html(tmp_path, body)).tables
    assert [c.column_header for c in first.cells] == [True, True, False, False]
    assert [c.column_header for c in second.cells] == [True, True, False, False]


def test_html_blocks_in_order_with_labels(tmp_path):
    body = """<script>var x = "脚本";</script><style>p{color:#000}</style>
      <h1>考评办法</h1><div>前言文字<p>一、总体要求</p>散落文字</div>
      <h2>细则</h2><ul><li><p>第一项</p></li><li>第二项<ol><li>子项</li></ol></li></ul>
      <p>第一行<br>第二行</p><p style="display:none">隐藏</p>
      <p style="text-align:center;color:#e00000;font-size:30px;font-weight:bold">某区司法局</p>
      <table><tr><td>表格</td><td>2</td></tr></table><p>表后</p>"""
    doc = html(write_html(tmp_path, body))
    items = [(i.label, i.level, i.text) if isinstance(i, TextBlock) else "TABLE" for i in doc.body]
    assert items == [
        (BlockLabel.TITLE, None, "考评办法"),
        (BlockLabel.PARAGRAPH, None, "前言文字"),
        (BlockLabel.HEADING, 1, "一、总体要求"),
        (BlockLabel.PARAGRAPH, None, "散落文字"),
        (BlockLabel.HEADING, 1, "细则"),
        (BlockLabel.LIST_ITEM, 1, "第一项"),
        (BlockLabel.LIST_ITEM, 1, "第二项"),
        (BlockLabel.LIST_ITEM, 2, "子项"),
        (BlockLabel.PARAGRAPH, None, "第一行\n第二行"),
        (BlockLabel.PARAGRAPH, None, "某区司法局"),
        "TABLE",
        (BlockLabel.PARAGRAPH, None, "表后"),
    ]
    assert [item.prov.paragraph_no for item in doc.body] == list(range(len(doc.body)))


def test_html_centered_big_bold_line_is_title(tmp_path):
    prose = "<p>为推动各项重点工作任务顺利完成，制定本方案。</p>"
    body = prose + "<p style='text-align:center'><strong style='font-size:22pt'>关于印发方案的通知</strong></p>" + prose
    blocks = html(write_html(tmp_path, body)).blocks
    assert blocks[1].label == BlockLabel.TITLE


def test_html_cell_paragraphs_become_lines(tmp_path):
    body = "<table><tr><td><p>第一条</p><p>第二条<br>续行</p></td><td>10</td></tr></table>"
    table = html(write_html(tmp_path, body)).tables[0]
    assert table.cells[0].text == "第一条\n第二条\n续行"


def test_html_layout_tables_are_unwrapped(tmp_path):
    body = """<table><tr><td>导航</td><td>首页</td></tr></table>
      <table width="900"><tr><td><h1>通知标题</h1><p>正文。</p>
      <table border="1"><tr><td>序号</td><td>内容</td></tr><tr><td>1</td><td>甲</td></tr></table></td>
      <td>侧栏</td></tr></table>
      <table><tr><td><p>只有一个格子的框</p></td></tr></table>"""
    doc = html(write_html(tmp_path, body))
    items = [i.text if isinstance(i, TextBlock) else ("TABLE", i.num_rows, i.num_cols) for i in doc.body]
    assert items == [("TABLE", 1, 2), "通知标题", "正文。", ("TABLE", 2, 2), "侧栏", "只有一个格子的框"]
    assert [t.table_no for t in doc.tables] == [0, 1]


ENCODING_CASES = [
    ("<meta http-equiv='Content-Type' content='text/html; charset=gb2312'>", "gbk", b"", "gb18030"),
    ("<meta charset='GBK'>", "gbk", b"", "gb18030"),
    ("", "gbk", b"", "gb18030"),
    ("", "utf-8", b"\xef\xbb\xbf", "utf-8"),
    ("<meta charset='utf-8'>", "utf-8", b"", "utf-8"),
    ("<meta charset='gb2312'>", "utf-8", b"", "utf-8"),  # stale declaration
    ("<meta charset='utf-8'>", "gbk", b"", "gb18030"),  # wrong declaration
]


@pytest.mark.parametrize("head,encoding,bom,expected", ENCODING_CASES)
def test_html_encodings(tmp_path, head, encoding, bom, expected):
    path = write_html(tmp_path, "<p>考评细则：司法所工作</p>", head=head, encoding=encoding, bom=bom)
    doc = html(path)
    assert doc.blocks[0].text == "考评细则：司法所工作"
    assert doc.source.encoding == expected


def test_html_empty_file(tmp_path):
    path = tmp_path / "empty.html"
    path.write_bytes(b"  \n")
    with pytest.raises(EmptyFile) as info:
        html(path)
    assert "为空" in info.value.message() and isinstance(info.value, ExtractionError)


def test_corpus_songjiang_html():
    doc = html(VARIANTS / "songjiang-2021-kaoping.html")
    assert doc.source.encoding == "utf-8"
    blocks = doc.blocks
    assert blocks[0].text == "上海市松江区司法局" and blocks[0].label == BlockLabel.PARAGRAPH
    assert blocks[1].text == "沪松司发〔2021〕19号"
    titles = [b.text for b in blocks if b.text.startswith("松江区司法局关于印发")]
    assert len(titles) == 1, "page heading repeating the title is dropped"
    assert len(doc.tables) == 5
    annex1 = doc.tables[0]
    section_rows = [c for c in annex1.cells if c.col_span == 4]
    assert len(section_rows) == 11 and section_rows[1].text == "一、责任科室：办公室"
    assert {c.row for c in annex1.cells if c.column_header} == {0, 1, 2}
    assert any("\n" in c.text for c in annex1.cells)
    annex2 = doc.tables[2]
    assert max(c.row_span for c in annex2.cells) == 5
