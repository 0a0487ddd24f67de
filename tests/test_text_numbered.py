"""Cells split by a stray character, rows found by their numbers 1, 2, 3 … (invented inputs only)."""
from __future__ import annotations

import pytest

from extractors import extract
from extractors.text.numbered import find_numbered_table, separator


def _rows(tmp_path, text: str) -> list[list[str]]:
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    tables = extract(path).tables
    assert len(tables) == 1
    assert tables[0].recovery.recogniser == "numbered"
    return [[c.text if c is not None else "" for c in row] for row in tables[0].grid()]


# Categories written over two cells and closed by their 'N分'; the second category's total printed
# after its first row; the last category without points; the text cut inside the last row.
CATEGORY_CELLS = ["标准分", "考核分", "组织", "领导", "8分",
                  "1", "成立工作领导小组。", "5", "2", "明确分管领导。", "3",
                  "队伍", "建设", "3", "配齐专职人员。", "6", "10分", "4", "开展业务培训。", "4",
                  "加分项", "5", "获得市级表彰的,加2分。", "6", "被上级部门通报批评的,每次"]
CATEGORY_ROWS = [
    ["项目", "序号", "内容", "标准分"],
    ["组织领导（8分）", "1", "成立工作领导小组。", "5"],
    ["组织领导（8分）", "2", "明确分管领导。", "3"],
    ["队伍建设（10分）", "3", "配齐专职人员。", "6"],
    ["队伍建设（10分）", "4", "开展业务培训。", "4"],
    ["加分项", "5", "获得市级表彰的,加2分。", ""],
    ["加分项", "6", "被上级部门通报批评的,每次", ""],
]


@pytest.mark.parametrize("sep", ["Р", "Ж", "Ω", "♦", "■"])
def test_categories_and_rows_are_rebuilt_whatever_the_separator(tmp_path, sep):
    assert _rows(tmp_path, sep + sep.join(CATEGORY_CELLS)) == CATEGORY_ROWS


def test_the_last_row_of_a_cut_stream_is_marked(tmp_path):
    path = tmp_path / "copy.txt"
    path.write_text("Р".join(CATEGORY_CELLS), encoding="utf-8")
    assert extract(path).tables[0].recovery.cut_row == len(CATEGORY_ROWS) - 1


def test_rows_with_criteria_after_their_points_and_no_header(tmp_path):
    """Without any visible column name the columns get the usual names; text after the points is criteria."""
    cells = ["1", "建立工作台账", "4", "未建立的扣4分。",
             "2", "按月报送信息", "3", "每迟报一次扣1分。",
             "3", "开展督导检查", "5", "少一次扣2分。"]
    rows = _rows(tmp_path, "Ж".join(cells))
    assert rows == [["序号", "内容", "分值", "评分标准"],
                    ["1", "建立工作台账", "4", "未建立的扣4分。"],
                    ["2", "按月报送信息", "3", "每迟报一次扣1分。"],
                    ["3", "开展督导检查", "5", "少一次扣2分。"]]


NOT_NUMBERED = [
    ("too few separators", "1Р建立台账。Р5Р2Р组织培训。Р3"),
    ("numbers that do not run on", "Р".join(["1", "建立台账", "5", "3", "组织培训", "2", "7", "开展宣传", "4", "9", "报送"])),
    ("two rows only", "Р".join(["说明", "一", "二", "三", "1", "建立台账", "5", "2", "组织培训", "3", "4", "5"])),
    ("ratings in prose", "服务态度★★★★★,办理效率★★★★,环境卫生★★★★★,总体评价良好。"),
    ("latin letters are words", "1 Word 文档 2 PDF 文件 3 Excel 表格 Word Word Word Word Word Word Word Word"),
]


@pytest.mark.parametrize("case,text", NOT_NUMBERED, ids=[c for c, _ in NOT_NUMBERED])
def test_no_numbered_table_where_the_evidence_is_missing(case, text):
    lines = text.split("\n")
    assert all(find_numbered_table(lines, i) is None for i in range(len(lines)))


@pytest.mark.parametrize("text,sep", [("甲Р乙Р丙Р丁Р戊Р己Р庚Р辛Р壬", "Р"), ("甲,乙,丙。", None), ("甲Ω乙Ω丙", None)])
def test_the_separator_is_the_foreign_character_that_recurs(text, sep):
    assert separator(text) == sep
