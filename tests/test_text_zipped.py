"""Columns a PDF copy emitted as separate, interleaved runs: zipped by rank, points told by arithmetic.

Invented tables only. Each case writes the same table's columns in a different interleaving and
checks the rows; the negative cases lack the evidence (counts or sums) and must not be zipped.
"""
from __future__ import annotations

import pytest

from extractors import extract
from extractors.text.zipped import find_zipped_table, totals_and_items

ROWS = [
    # (section, serial, name, points, unit)
    ("一", "1", "健全工作机制", "2", "县司法局"),
    ("一", "2", "落实工作经费", "3", "县财政局"),
    ("一", "3", "开展业务培训", "1", "县司法局、县人社局"),
    ("二", "4", "推进矛盾纠纷排查", "4", "县信访局"),
    ("二", "5", "做好重点人员稳控", "4", "县公安局"),
    ("二", "6", "加强法治宣传", "2", "县委宣传部、县司法局"),
]
TITLES = {"一": "基础工作", "二": "重点任务"}
TOTALS = {"一": 6, "二": 10}


def _section(marker: str, layout: str) -> str:
    rows = [r for r in ROWS if r[0] == marker]
    serials = " ".join(r[1] for r in rows)
    names = " ".join(r[2] for r in rows)
    points = " ".join([str(TOTALS[marker])] + [r[3] for r in rows])
    units = " ".join(r[4] for r in rows)
    if layout == "runs":
        return f"{marker} {TITLES[marker]} {serials} {names} {points} {units}"
    # serial beside its name, points and units in runs after them
    pairs = " ".join(f"{r[1]} {r[2]}" for r in rows)
    return f"{marker} {TITLES[marker]} {pairs}\n{points}\n{units}"


def _text(layout: str, grand: bool) -> str:
    head = "序号 考核项目 分值 责任单位"
    body = "\n".join(_section(m, layout) for m in ("一", "二"))
    return f"某县平安建设考核项目\n\n{head}{' 总分 16' if grand else ''}\n{body}\n"


@pytest.mark.parametrize("layout", ["runs", "pairs"])
@pytest.mark.parametrize("grand", [True, False])
def test_interleaved_columns_are_zipped_by_rank(tmp_path, layout, grand):
    path = tmp_path / "copy.txt"
    path.write_text(_text(layout, grand), encoding="utf-8")
    table = extract(path).tables[0]
    assert table.recovery.recogniser == "zipped"
    grid = [[c.text if c is not None else "" for c in row] for row in table.grid()]
    items = [r for r in grid[1:] if r[0].isdigit()]
    assert items == [[s, n, p, u] for _, s, n, p, u in ROWS]
    sections = [r for r in grid[1:] if r[0] in TITLES]
    assert sections == [["一", "基础工作", "6", ""], ["二", "重点任务", "10", ""]]


def test_a_unit_list_cut_by_the_copy_is_joined():
    text = "序号 考核项目 分值 责任单位\n1 2 3 4 5 甲项工作 乙项工作 丙项工作 丁项工作 戊项工作\n15 3 3 3 3 3\n" \
           "县司法局 县委宣传部、县教 体局、县司法局 县公安局 县民政局 县司法局"
    grid = find_zipped_table(text.split("\n"), 0).grids[0]
    units = [c.text for c in grid.cells if c.col == 3 and c.row > 0 and c.text]
    assert units == ["县司法局", "县委宣传部、县教体局、县司法局", "县公安局", "县民政局", "县司法局"]


NOT_ZIPPED = [
    ("numbers that add up to nothing", "序号 考核项目 分值\n1 2 3 4 5 甲 乙 丙 丁 戊\n7 3 9 1 8"),
    ("a name missing", "序号 考核项目 分值\n1 2 3 4 5 甲项 乙项 丙项 丁项\n10 2 2 2 2 2"),
    ("too few rows", "序号 考核项目 分值\n1 2 3 甲项 乙项 丙项\n6 2 2 2"),
    ("no serial column", "考核项目 分值 评分标准\n1 2 3 4 5 甲项 乙项 丙项 丁项 戊项\n10 2 2 2 2 2"),
    ("rows copied row by row", "序号 考核项目 分值\n1 甲项 4\n2 乙项 2\n3 丙项 2\n4 丁项 6\n5 戊项 2\n6 己项 4"),
]


@pytest.mark.parametrize("case,text", NOT_ZIPPED, ids=[c for c, _ in NOT_ZIPPED])
def test_no_zip_without_counts_and_sums_that_agree(case, text):
    assert find_zipped_table(text.split("\n"), 0) is None


@pytest.mark.parametrize("numbers,parsed", [
    ([100, 40, 20, 20, 60, 30, 30], (100, [(40, [20, 20]), (60, [30, 30])])),
    ([40, 20, 20, 60, 30, 30], (None, [(40, [20, 20]), (60, [30, 30])])),
    ([40, 20, 20, 60, 30], (None, [(40, [20, 20]), (60, [30])])),  # cut inside the last section
    ([40, 20, 25, 60, 30, 30], None),  # overshoots its total
    ([90, 40, 20, 20, 60, 30, 30], None),  # a grand total the sections do not make
])
def test_totals_are_followed_by_the_items_that_add_up_to_them(numbers, parsed):
    got = totals_and_items([float(n) for n in numbers])
    assert got == (None if parsed is None else (parsed[0], [(t, [float(i) for i in items]) for t, items in parsed[1]]))


def test_points_beyond_the_visible_rows_mark_the_last_row_cut():
    text = "序号 考核项目 分值\n1 2 3 4 5 甲项 乙项 丙项 丁项 戊项\n12 2 2 2 2 2 2"
    grid = find_zipped_table(text.split("\n"), 0).grids[0]
    assert grid.cut_row == grid.num_rows - 1
