"""The shared workbook writer: text is never a formula, numbers are numbers, widths, frozen bold headers,
drop-downs, colour scales, bounded memory and width sampling on large sheets, readable errors."""
from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from pipeline import excel
from pipeline.excel import CUT_MARK, MAX_CELL, SAMPLE_ROWS, Book, Column, WorkbookError, read_cell, safe_sheet_name

# Text a spreadsheet would take for a formula or mangle, and text XML cannot hold as it is.
RISKY = ["=1+1", "=HYPERLINK(\"http://x\",\"y\")", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "a\x01b", "_x0041_",
         " leading", "trailing ", "\ufffe", "line\nbreak", "http://example.com", "1e5", "0012"]


def _open(path):
    return load_workbook(path)


@pytest.mark.parametrize("streamed", [True, False])
@pytest.mark.parametrize("kind", ["text", "int", "number", "percent", "quantity", "code"])
def test_risky_text_is_written_as_text_in_every_kind_of_column(tmp_path, kind, streamed):
    # streamed books hold inline strings (escapes left to read_cell), the others a shared string table (openpyxl
    # undoes them): read_cell must give the written text back from both
    values = RISKY
    path = tmp_path / "t.xlsx"
    with Book(path, streamed=streamed) as book:
        book.sheet("表", [Column("值", kind)], [[v] for v in values])
    ws = _open(path)["表"]
    for row, value in enumerate(values, start=2):
        cell = ws.cell(row, 1)
        if cell.data_type == "n":  # a numeric column may read a plain number ('+1', '0012'), nothing else
            assert kind not in ("text", "code") or value == "0012", value
            assert re.fullmatch(r"[+-]?\d+", value) and cell.value == int(value)
            continue
        assert cell.data_type == "s", (value, cell.data_type)
        assert read_cell(cell.value) == value
        if value.startswith(("=", "+", "-", "@", "\t", "\r")):
            assert cell.quotePrefix  # Excel keeps it text even after the cell is edited


def test_columns_type_their_cells(tmp_path):
    path = tmp_path / "t.xlsx"
    rows = [[1, 12.5, 0.125, "520场", "12", "是"], [2, "8", "95%", "95%", "一", None], [3, None, None, "≥95%", 7, None],
            [4, 3, 1, "7000", "0012", None], [5, 2, 0.5, "8 场", "1.2", None]]
    with Book(path) as book:
        book.sheet("表", [Column("序", "int"), Column("分值", "number"), Column("执行率", "percent"),
                         Column("目标值", "quantity"), Column("编号", "code"), Column("说明")], rows)
    ws = _open(path)["表"]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert values[0][:5] == [1, 12.5, 0.125, 520, "12"] or values[0][:5] == [1, 12.5, 0.125, 520, 12]
    assert values[1][1:5] == [8, 0.95, 0.95, "一"]
    assert values[2][3] == "≥95%" and values[2][4] == 7
    assert values[3][3] == 7000 and values[3][4] == "0012"
    assert ws["C2"].number_format == "0.0%" and ws["D3"].number_format == "0%"
    assert "场" in ws["D2"].number_format and ws["D2"].value == 520
    assert ws["D6"].value == 8 and '" 场"' in ws["D6"].number_format
    assert ws["E2"].value == 12 and ws["E6"].value == "1.2"


def test_header_is_bold_frozen_filtered_and_columns_have_widths(tmp_path):
    path = tmp_path / "t.xlsx"
    with Book(path) as book:
        book.sheet("表", ["短", "很长的列"], [["a", "汉字" * 20], ["b", "x"]], title="标题", notes=["说明一行"])
    ws = _open(path)["表"]
    assert ws["A1"].value == "标题" and ws["A2"].value == "说明一行"
    assert [c.value for c in ws[3]] == ["短", "很长的列"] and all(c.font.b for c in ws[3])
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref == "A3:B5"
    widths = _widths(ws)
    assert widths[1] >= 6 and widths[2] > 60 - 1 and widths[2] <= 61


def _widths(ws) -> dict[int, float]:
    """Column index → width, from the <cols> ranges openpyxl groups."""
    out = {}
    for dim in ws.column_dimensions.values():
        if dim.width:
            for i in range(dim.min, dim.max + 1):
                out[i] = dim.width
    return out


def test_choices_hints_heat_and_flagged_rows(tmp_path):
    path = tmp_path / "t.xlsx"
    with Book(path) as book:
        book.sheet("表", [Column("结论", choices=("一致", "不一致"), hint="选一个"), Column("占比", "percent", heat=True)],
                   [["一致", 0.1], ["不一致", 0.9]], flag=("结论", "不一致"))
    ws = _open(path)["表"]
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert lists and lists[0].formula1 == '"一致,不一致"' and lists[0].prompt == "选一个"
    rules = [r for rng in ws.conditional_formatting for r in rng.rules]
    assert {r.type for r in rules} == {"colorScale", "expression"}
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)  # a rule's test is not a cell formula


def test_mappings_are_refused_lists_joined_and_long_text_cut(tmp_path):
    path = tmp_path / "t.xlsx"
    with Book(path) as book:
        with pytest.raises(TypeError):
            book.sheet("坏", ["值"], [[{"a": 1}]])
        book.sheet("表", ["值"], [[["甲", "乙", None]], ["字" * (MAX_CELL + 10)]])
    ws = _open(path)["表"]
    assert ws["A2"].value == "甲 ▸ 乙"
    assert len(ws["A3"].value) == MAX_CELL and ws["A3"].value.endswith(CUT_MARK)


def test_large_sheet_streams_and_widths_come_from_a_sample(tmp_path):
    path = tmp_path / "big.xlsx"
    n = 30_000
    rows = ([i, "单位" + str(i % 300), i * 0.5, "长" * 80 if i == SAMPLE_ROWS + 5 else "短"] for i in range(n))
    with Book(path) as book:
        book.sheet("明细", [Column("序", "int"), Column("单位"), Column("分值", "number"), Column("说明")], rows)
    wb = load_workbook(path, read_only=True)
    ws = wb["明细"]
    assert ws.max_row == n + 1
    wb.close()
    widths = _widths(_open(path)["明细"])
    assert widths[4] < 10  # the long text after the sample does not widen the column


def test_sheet_names_are_valid_and_unique():
    taken: set[str] = set()
    names = [safe_sheet_name(t, taken) for t in ["排名", "排名", "a/b:c", "x" * 40, "'引号'", "排名"]]
    assert names[0] == "排名" and names[1] == "排名-2" and names[5] == "排名-3"
    assert names[2] == "a_b_c" and len(names[3]) == 31 and names[4] == "引号"
    assert len({n.lower() for n in names}) == len(names)


def test_unwritable_path_is_a_workbook_error(tmp_path):
    folder = tmp_path / "已存在的文件夹.xlsx"
    folder.mkdir()
    book = Book(folder)
    book.sheet("表", ["值"], [[1]])
    with pytest.raises(WorkbookError) as info:
        book.close()
    assert "无法写入" in str(info.value.strerror)


def test_rows_beyond_the_sheet_limit_are_counted_said_and_still_read(tmp_path, monkeypatch):
    monkeypatch.setattr(excel, "EXCEL_ROWS", 12)  # Excel's real limit, a million rows, is too slow for a test
    read = []

    def rows():
        for i in range(30):
            read.append(i)
            yield [i, f"第{i}项"]

    path = tmp_path / "t.xlsx"
    with Book(path) as book:
        book.sheet("表", [Column("序", "int"), Column("说明")], rows(), title="标题", overflow="旁边的 JSON")
        book.sheet("刚好", ["值"], [[i] for i in range(10)])  # header + 10 rows + the kept last row: nothing cut
    wb = _open(path)
    ws = wb["表"]
    assert read == list(range(30))  # a generator that writes other files as it goes is run to its end
    assert ws.max_row == 12 and [ws.cell(r, 1).value for r in range(3, 12)] == list(range(9))
    assert ws.cell(12, 1).value == "…… 以下 21 行超出 Excel 每张表 12 行的上限，未列入本表，完整内容见 旁边的 JSON"
    assert ws.auto_filter.ref == "A2:B11"  # the closing line is not filtered or sorted with the data
    assert wb["刚好"].max_row == 11 and wb["刚好"].cell(11, 1).value == 9
