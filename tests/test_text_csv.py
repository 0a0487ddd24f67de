"""Sheets saved as CSV by Excel/WPS and kept in a text dump: quoted commas and line breaks, trailing
empty fields, GBK, title and note lines around the rows. Every input is invented here."""
from __future__ import annotations

import pytest

from extractors import extract
from extractors.text.csvrows import csv_row, find_csv_table
from pipeline.indicators import build_indicator_table
from schemas.raw import BlockLabel, Table

HEADER = "类别,序号,考核指标,考核要求,分值,自评分,备注"
ROWS = [
    '队伍建设（12分）,1,学习培训,"每季度组织集中学习,全年不少于4次",7,7,',
    ',2,值班值守,"落实24小时值班，',  # a cell broken over two lines inside its quotes
    '节假日领导带班",5,4.5,"抽查1次脱岗,扣0.5分"',
    '业务工作（8分）,3,台账管理,"台账“一事一档”，按月归档",8,8,',
    "合计,,,,20,19.5,",
]
SHEET = "\n".join(["某某局2024年度科室考核自评表,,,,,,", "填报科室：办公室,,,,,填报日期：2025年1月6日,", HEADER,
                   *ROWS, '"注：加分项另行填报。",,,,,,', "负责人：,,,,填表人：,,"])


def _table(path) -> Table:
    tables = extract(path).tables
    assert len(tables) == 1
    return tables[0]


def _text(table: Table, row: int, col: int) -> str:
    return table.grid()[row][col].text


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_sheet_rows_in_a_text_dump(tmp_path, encoding):
    path = tmp_path / "ziping.txt"
    path.write_bytes(SHEET.replace("\n", "\r\n").encode(encoding))
    table = _table(path)
    assert table.recovery.recogniser == "csv"
    assert table.num_cols == 7
    assert _text(table, 1, 3) == "每季度组织集中学习,全年不少于4次"
    assert _text(table, 2, 3) == "落实24小时值班，\n节假日领导带班"
    assert _text(table, 2, 6) == "抽查1次脱岗,扣0.5分"
    assert _text(table, 2, 0) == "队伍建设（12分）"  # left blank below its first row: filled down
    assert _text(table, 3, 0) == "业务工作（8分）"
    # The row after the broken cell keeps its own source line.
    assert next(c for c in table.cells if c.row == 3 and c.col == 2).prov.paragraph_no == 7


def test_sheet_lines_around_the_table_read_as_prose(tmp_path):
    path = tmp_path / "ziping.txt"
    path.write_text(SHEET, encoding="utf-8")
    blocks = [b for b in extract(path).body if not isinstance(b, Table)]
    assert blocks[0].text == "某某局2024年度科室考核自评表" and blocks[0].label is BlockLabel.TITLE
    assert blocks[1].text == "填报科室：办公室 填报日期：2025年1月6日"


def test_sheet_gives_indicators_with_points_not_self_scores(tmp_path):
    path = tmp_path / "ziping.txt"
    path.write_text(SHEET, encoding="utf-8")
    table = build_indicator_table(extract(path))
    got = [(i.name, i.points, [c.name for c in i.categories]) for i in table.indicators]
    assert got == [("学习培训", 7, ["队伍建设"]), ("值班值守", 5, ["队伍建设"]), ("台账管理", 8, ["业务工作"])]


@pytest.mark.parametrize("lines, expected_rows", [
    # Trailing empty fields dropped by a hand edit: a shorter row with an empty field still counts.
    ([HEADER, "一、综合,1,值班,按时值班,5,,", "二、业务,2,台账,按月归档,3,"], 3),
    # Every trailing empty field trimmed by hand: a shorter row counts when its 序号 counts on.
    ([HEADER, "队伍,1,值班,按时值班,5,5", "业务,2,台账,按月归档,3,3", "注：本表由办公室填报,各科室配合,按时报送"], 3),
    # Commas in a sentence after the table: not a row.
    ([HEADER, "队伍,1,值班,按时值班,5,5,", "以上指标由办公室负责解释, 请各科室遵照执行"], 2),
    # A blank line ends the table.
    ([HEADER, "队伍,1,值班,按时值班,5,5,", "", "队伍,2,台账,按月归档,3,3,"], 2),
])
def test_run_ends_where_the_sheet_ends(lines, expected_rows):
    found = find_csv_table(lines, 0)
    assert found is not None and found.grids[0].num_rows == expected_rows


@pytest.mark.parametrize("lines", [
    ["我们要求, 各单位, 认真落实, 按时报送"],  # prose with ASCII commas: no header
    ["序号,内容"],  # two fields: a sentence, not a sheet
    ['序号,考核内容,分值', '1,"未闭合的引号,5', *["正文继续"] * 20],  # a quote left open swallows nothing
])
def test_not_a_sheet(lines):
    found = find_csv_table(lines, 0)
    assert found is None or not found.grids


@pytest.mark.parametrize("line, fields", [
    ("标题,,,,", ["标题", "", "", "", ""]),
    ('"注：见附件,另行填报",,', ["注：见附件,另行填报", "", ""]),
    ("填报单位：某所,,,填报日期：1月6日,", ["填报单位：某所", "", "", "填报日期：1月6日", ""]),
    ("甲, 乙, 丙", None),  # no empty field: prose
    ('按照规定,做到"有牌子、有场所",落实经费', None),  # ASCII quotes after a comma in prose
    ("各单位要认真组织,按时报送,", None),  # a line wrapped after a comma
    ("只有一个,逗号", None),
])
def test_csv_row(line, fields):
    assert csv_row(line) == fields
