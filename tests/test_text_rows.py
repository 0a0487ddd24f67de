"""Tables whose rows are recovered by counting: one cell per line, or one row per line with single spaces.

Invented scoring tables; each case states the rows the grid must hold, or that no table is read.
"""
from __future__ import annotations

import pytest

from extractors import extract
from pipeline.extract import extract_table
from extractors.text.colblocks import find_column_block_table
from extractors.text.glued import find_glued_table
from extractors.text.perline import find_per_line_table
from extractors.text.pipecount import find_counted_pipe_table
from extractors.text.grid import Cell, Grid
from extractors.text.pages import join_pages
from extractors.text.recover import grid_score, sequence_share
from extractors.text.spacedrows import find_spaced_rows_table

PER_LINE_HEAD = ["序号", "考核内容", "分值", "评分标准", "责任单位"]
PER_LINE_ROWS = [
    ("1", "建立矛盾纠纷排查台账，每月更新", "6", "未建立的扣3分；未更新的每次扣1分", "调解科"),
    ("2", "组织业务培训不少于4次", "4", "每少1次扣1分", "办公室"),
    ("3", "按时报送统计报表", "5", "迟报1次扣0.5分", "办公室"),
]


def _per_line(banner: str | None, rows=PER_LINE_ROWS, blank: bool = False) -> list[str]:
    lines = ["某镇司法所年度考核细则", *PER_LINE_HEAD]
    if banner:
        lines.append(banner)
    for row in rows:
        lines += list(row) + ([""] if blank else [])
    return lines + ["本细则由局办公室负责解释。"]


def _rows(found) -> list[list[str]]:
    grid = found.grids[0]
    out: dict[int, list[str]] = {}
    for c in grid.cells:
        out.setdefault(c.row, []).append(c.text)
    return [out[r] for r in sorted(out)]


PER_LINE_CASES = [
    # (lines, expected body rows or None when no table may be read)
    (_per_line("一、基础工作（15分）"), [["一、基础工作（15分）"]] + [list(r) for r in PER_LINE_ROWS]),
    (_per_line(None, blank=True), [list(r) for r in PER_LINE_ROWS]),  # blank lines between rows
    # A row that lost its points cell: the count breaks, so the table ends before the damage.
    (_per_line(None, rows=[PER_LINE_ROWS[0], PER_LINE_ROWS[1], ("3", "按时报送统计报表", "迟报1次扣0.5分", "办公室"),
                           ("4", "其他", "2", "酌情扣分", "办公室")]),
     [list(r) for r in PER_LINE_ROWS[:2]]),
    # A 类别 column left of the 序号, written only on a group's first row; empty cells as blank lines
    # (an empty 备注 before the next group's label); a numbered heading after the table is no cell.
    (["某局考核细则", "类别", "序号", "考核内容", "分值", "备注", "队伍建设（9分）", "1", "建立台账", "5", "",
      "2", "组织培训", "4", "每年两次", "业务工作（6分）", "3", "调解纠纷", "6", "", "三、本细则由办公室解释。"],
     [["队伍建设（9分）", "1", "建立台账", "5", ""], ["", "2", "组织培训", "4", "每年两次"],
      ["业务工作（6分）", "3", "调解纠纷", "6", ""]]),
    (_per_line(None, rows=PER_LINE_ROWS[:1]), None),  # one row is no evidence of a count
    (["序号", "考核内容", "本办法自发布之日起施行。", "附件略"], None),  # two names are no header
]


@pytest.mark.parametrize("lines,rows", PER_LINE_CASES, ids=["banner", "blank-lines", "lost-cell", "group-column", "one-row",
                                                     "no-header"])
def test_a_table_one_cell_per_line_is_cut_into_rows_by_the_header_count(lines, rows):
    found = find_per_line_table(lines, 1)
    if rows is None:
        assert found is None
        return
    assert found is not None
    assert _rows(found)[1:] == rows


def test_a_numbered_table_cut_off_mid_row_keeps_its_last_row_marked():
    lines = _per_line(None)[:-1] + ["4", "规范档案管理"]
    grid = find_per_line_table(lines, 1).grids[0]
    assert grid.cut_row == grid.num_rows - 1 == 4


def test_a_per_line_table_in_a_text_file_is_read_with_its_banner(tmp_path):
    path = tmp_path / "cells.txt"
    path.write_text("\n".join(_per_line("一、基础工作（15分）")), encoding="utf-8")
    table = extract(path).tables[0]
    assert table.recovery.recogniser == "perline"
    assert [c.text for c in table.grid()[2]] == list(PER_LINE_ROWS[0])


SPACED_HEAD = "序号 考核项目 考核内容 分值 考核方法"
SPACED_CASES = [
    ([SPACED_HEAD, "一、安全管理（20分）", "1 安全制度 建立门卫值班制度 8 缺1项扣1分", "2 隐患排查 每月排查一次 12 少1次扣2分",
      "备注：发生重大事故的一票否决。"],
     [["一、安全管理（20分）"], ["1", "安全制度", "建立门卫值班制度", "8", "缺1项扣1分"],
      ["2", "隐患排查", "每月排查一次", "12", "少1次扣2分"]]),
    # A cell holding a space makes the split a guess: the table stops before it.
    ([SPACED_HEAD, "1 安全制度 建立门卫值班制度 8 缺1项扣1分", "2 隐患排查 每月排查一次 12 少1次扣2分",
      "3 消防 安全 检查灭火器 5 缺1个扣1分"],
     [["1", "安全制度", "建立门卫值班制度", "8", "缺1项扣1分"], ["2", "隐患排查", "每月排查一次", "12", "少1次扣2分"]]),
    ([SPACED_HEAD, "1 安全制度 建立门卫值班制度 8 缺1项扣1分", "本办法自印发之日起施行。"], None),  # one row
    (["考核 工作 要求 如下", "1 安全制度 建立门卫值班制度 8", "2 隐患排查 每月排查一次 12"], None),  # not names
    (["序号  考核项目  分值", "1  安全制度  8", "2  隐患排查  12"], None),  # aligned columns: the layout reader's
    # The 分值 column must hold a number: rows whose pieces do not type-check are no rows.
    ([SPACED_HEAD, "1 安全制度 建立制度 八 缺1项扣1分", "2 隐患排查 每月排查 十 少1次扣2分"], None),
]


@pytest.mark.parametrize("lines,rows", SPACED_CASES, ids=["banner-and-note", "spaced-cell", "one-row", "no-header", "aligned", "untyped"])
def test_rows_with_single_spaces_split_into_the_header_count(lines, rows):
    found = find_spaced_rows_table(lines, 0)
    if rows is None:
        assert found is None
        return
    assert _rows(found) == [lines[0].split()] + rows


SEQUENCE_CASES = [
    (["1", "2", "3", "4"], 1.0),
    (["1", "2", "1", "2"], 1.0),  # numbering restarts under each category
    (["1", "", "2", "3"], 1.0),  # banner rows have no number
    (["6", "2", "12", "5"], 0.0),  # points read into the 序号 column
    (["1", "2"], 1.0),  # too few steps to tell
]


@pytest.mark.parametrize("serials,share", SEQUENCE_CASES, ids=["counts", "restarts", "gaps", "shifted", "short"])
def test_a_serial_column_that_does_not_count_lowers_the_share(serials, share):
    assert sequence_share(serials) == share


PIPE_HEAD = "序号 | 考核项目 | 考核内容 | 分值 | 得分"
PIPE_CASES = [
    # A long cell broken onto a line without pipes at its start continues the open cell.
    ([PIPE_HEAD, "---|---|---|---|---", "1 | 组织领导（10分） | 成立领导小组，明确", "专职人员 | 6 |", "2 |  | 每季度研究1次 | 4 |"],
     [["1", "组织领导（10分）", "成立领导小组，明确专职人员", "6", ""], ["2", "", "每季度研究1次", "4", ""]]),
    # Banner lines between rows; outer pipes counted the same way.
    (["| 序号 | 考核项目 | 考核内容 | 分值 |", "一、基础工作（9分）", "| 1 | 台账 | 建立台账 | 5 |", "| 2 | 培训 | 每年培训",
      "两次 | 4 |"],
     [["一、基础工作（9分）"], ["1", "台账", "建立台账", "5"], ["2", "培训", "每年培训两次", "4"]]),
    # A numbered row whose trailing empty cells lost their pipes is closed by the next number.
    ([PIPE_HEAD, "1 | 台账 | 建立台账 | 5", "2 | 培训 | 每年培训两次 | 4 |", "3 | 宣传 | 开展宣传 | 3 |"],
     [["1", "台账", "建立台账", "5", ""], ["2", "培训", "每年培训两次", "4", ""], ["3", "宣传", "开展宣传", "3", ""]]),
    # More cells than the header: the count no longer holds and the table ends before that row.
    ([PIPE_HEAD, "1 | 台账 | 建立台账 | 5 |", "2 | 培训 | 每年培训两次 | 4 |", "3 | 宣传 | 开展 | 宣传 | 3 | 1 |"],
     [["1", "台账", "建立台账", "5", ""], ["2", "培训", "每年培训两次", "4", ""]]),
    # Outer pipes: a row that lost its closing pipe ends where the next line opens a row; a row that
    # lost its opening pipe is aligned to the last column; a doubled pipe's extra empty cell is dropped.
    (["| 类别 | 序号 | 考核内容 | 分值 |", "| 队伍 | 1 | 建立台账 | 5", "| | 2 | 每年培训 | 4 |", " | 3 | 开展宣传 | 3 |",
      "| | 4 | 报送信息 | | 2 |", "| 合计 |||| 14 |"],
     [["队伍", "1", "建立台账", "5"], ["", "2", "每年培训", "4"], ["", "3", "开展宣传", "3"], ["", "4", "报送信息", "2"], ["合计", "", "", "14"]]),
    # A closed row that lost its last cell keeps its number under 序号 (its 分值 is missing, not shifted).
    (["| 类别 | 序号 | 考核内容 | 分值 |", "| 队伍 | 1 | 建立台账 |", "| | 2 | 每年培训 | 4 |", "| | 3 | 开展宣传 | 3 |"],
     [["队伍", "1", "建立台账", ""], ["", "2", "每年培训", "4"], ["", "3", "开展宣传", "3"]]),
    # Surplus cells that are not empty: the count does not hold and the table ends there.
    (["| 类别 | 序号 | 考核内容 | 分值 |", "| 队伍 | 1 | 建立台账 | 5 |", "| | 2 | 每年 | 培训 | 4 |"],
     None),
    ([PIPE_HEAD, "1 | 台账 | 建立台账 | 5 |", "本办法自印发之日起施行。"], None),  # one row
    (["甲 | 乙 | 丙", "1 | 台账 | 5", "2 | 培训 | 4"], None),  # no column names
]


@pytest.mark.parametrize("lines,rows", PIPE_CASES, ids=["broken-cell", "outer-banner", "short-row", "too-many", "lost-pipes", "lost-last-cell",
                              "surplus-text", "one-row",
                              "no-header"])
def test_pipe_rows_are_joined_until_they_hold_the_header_count(lines, rows):
    found = find_counted_pipe_table(lines, 0)
    if rows is None:
        assert found is None
        return
    assert _rows(found)[1:] == rows


GLUED_HEAD = "序号考核项目考核内容分值评分标准"
GLUED_CASES = [
    # Banners glued before rows; numbers followed by units (30日, 2次, 100%) stay inside sentences;
    # a row whose points equal the next row number is still cut at the right place.
    (GLUED_HEAD + "一、基础工作（13分）1台账管理建立台账，30日内更新4未建立的扣2分2培训组织每年培训不少于2次4每少1次扣1分"
     "二、业务工作（5分）3宣传开展宣传，覆盖率100%5未开展的扣5分合计18",
     [["一、基础工作（13分）"], ["1", "", "台账管理建立台账，30日内更新", "4", "未建立的扣2分"],
      ["2", "", "培训组织每年培训不少于2次", "4", "每少1次扣1分"], ["二、业务工作（5分）"],
      ["3", "", "宣传开展宣传，覆盖率100%", "5", "未开展的扣5分"]]),
    # Rows without a scoring rule after their number are no table.
    (GLUED_HEAD + "1台账管理建立台账2培训组织每年培训3宣传开展宣传", None),
    # Two numbered rows are too few to trust a chain read from glued text.
    (GLUED_HEAD + "1台账管理建立台账4未建立的扣2分2培训组织每年培训4每少1次扣1分", None),
]


@pytest.mark.parametrize("line,rows", GLUED_CASES, ids=["banners-units", "no-rules", "two-rows"])
def test_a_glued_table_is_cut_into_rows_by_its_row_numbers_and_points(line, rows):
    found = find_glued_table(["某单位考核细则", line], 1)
    if rows is None:
        assert found is None
        return
    assert _rows(found)[1:] == rows


def _blocks(*columns: list[str]) -> list[str]:
    return [line for column in columns for line in column]


SERIALS = ["序号", "1", "2", "3", "合计"]
NAMES = ["考核指标", "台账管理", "业务培训", "信息报送"]
POINTS = ["分值", "10", "6", "4", "20"]
UNITS = ["责任科室", "办公室", "政治处", "办公室"]
BLOCK_CASES = [
    (_blocks(SERIALS, NAMES, POINTS, UNITS) + ["说明：本表由办公室负责解释。"],
     [["1", "台账管理", "10", "办公室"], ["2", "业务培训", "6", "政治处"], ["3", "信息报送", "4", "办公室"],
      ["合计", "", "20", ""]]),
    (_blocks(SERIALS[:-1], NAMES, POINTS[:-1], UNITS),  # no total row
     [["1", "台账管理", "10", "办公室"], ["2", "业务培训", "6", "政治处"], ["3", "信息报送", "4", "办公室"]]),
    (_blocks(SERIALS[:-1], NAMES[:-1], POINTS[:-1], UNITS), None),  # a column one short: the zip would be a guess
    (_blocks(SERIALS, NAMES), None),  # two columns are too few
]


@pytest.mark.parametrize("lines,rows", BLOCK_CASES, ids=["total-row", "no-total", "short-column", "two-columns"])
def test_columns_emitted_in_sequence_are_zipped_by_the_row_count(lines, rows):
    found = find_column_block_table(lines, 0)
    if rows is None:
        assert found is None
        return
    assert _rows(found)[1:] == rows


def test_page_furniture_inside_a_pipe_table_is_skipped():
    """A footer line, the header repeated at the next page's top and a lone page-chunk number inside a
    row belong to the pages, not the table: the broken row is joined across them."""
    lines = join_pages([PIPE_HEAD, "1 | 台账 | 建立台账 | 5 |", "2 | 培训 | 每年培训", "", "— 2 —", "", PIPE_HEAD,
                        "两次 | 4 |", "3 | 宣传 | 开展宣传，覆盖", "2、", "全体人员 | 3 |"])
    assert _rows(find_counted_pipe_table(lines, 0))[1:] == [
        ["1", "台账", "建立台账", "5", ""], ["2", "培训", "每年培训两次", "4", ""], ["3", "宣传", "开展宣传，覆盖全体人员", "3", ""]]


@pytest.mark.parametrize("line,kept", [("— 3 —", ""), ("-12-", ""), ("第3页 — 3 — 共5页", "第3页  共5页"), ("— 3 —年", "— 3 —年")])
def test_a_footer_line_is_dropped_and_other_lines_keep_their_text(line, kept):
    assert join_pages([line]) == [kept]


def test_a_cell_that_kept_a_pipe_lowers_the_grid_score():
    def grid(last: str) -> Grid:
        cells = [Cell(0, c, n, 1, header=True) for c, n in enumerate(["序号", "考核内容", "分值"])]
        for r, texts in enumerate([["1", "建立台账", "5"], ["2", "组织培训", "4"], ["3", last, "3"]], start=1):
            cells += [Cell(r, c, t, r + 1) for c, t in enumerate(texts)]
        return Grid(cells=cells, num_rows=4, num_cols=3)
    assert grid_score(grid("开展宣传 | 3")) < grid_score(grid("开展宣传"))


MERGED_HEAD = "考核项目 考核内容 分值 评分细则"
MERGED_CASES = [
    # The grouping cell is written on the first row of its block only; a page-chunk number cuts a row in two.
    ([MERGED_HEAD, "教学（10分） 制定教学计划 5 未制定扣5分", "开展集体备课 5 每少1次扣1分", "作业（8分） 作业批改及时，每周",
      "3、", "不少于2次 8 不合格扣1分"],
     [["教学（10分）", "制定教学计划", "5", "未制定扣5分"], ["", "开展集体备课", "5", "每少1次扣1分"],
      ["作业（8分）", "作业批改及时，每周不少于2次", "8", "不合格扣1分"]], None),
    # The text breaks off inside the last row: it is kept, marked as cut.
    ([MERGED_HEAD, "教学（10分） 制定教学计划 5 未制定扣5分", "开展集体备课 5 每少1次扣1分", "落实听课制度，每学期不少"],
     [["教学（10分）", "制定教学计划", "5", "未制定扣5分"], ["", "开展集体备课", "5", "每少1次扣1分"],
      ["", "落实听课制度，每学期不少", "", ""]], 3),
    # A last line that ends its sentence is a note under the table, not a row cut short.
    ([MERGED_HEAD, "教学（10分） 制定教学计划 5 未制定扣5分", "开展集体备课 5 每少1次扣1分", "本细则由教研室负责解释。"],
     [["教学（10分）", "制定教学计划", "5", "未制定扣5分"], ["", "开展集体备课", "5", "每少1次扣1分"]], None),
]


@pytest.mark.parametrize("lines,rows,cut", MERGED_CASES, ids=["merged-and-joined", "cut-off", "note"])
def test_spaced_rows_with_a_merged_lead_cell_a_broken_row_and_a_cut_end(lines, rows, cut):
    found = find_spaced_rows_table(lines, 0)
    assert _rows(found)[1:] == rows
    assert found.grids[0].cut_row == cut


def test_the_row_a_text_breaks_off_in_is_an_item_of_its_own(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_text("\n".join(["某校教学常规考核细则", *MERGED_CASES[1][0]]), encoding="utf-8")
    _, table = extract_table(path)
    assert [i.name for i in table.indicators] == ["制定教学计划", "开展集体备课", "落实听课制度，每学期不少"]
    assert table.indicators[-1].possibly_cut and table.indicators[-1].points is None


def test_a_blank_line_for_an_empty_cell_keeps_the_row_count():
    """One cell per line with an empty cell written as a blank line: the next row's number shows the row
    ended early, and the blank line is its empty cell."""
    lines = ["某镇考核细则", *PER_LINE_HEAD, "1", "建立台账", "6", "未建立扣3分", "调解科", "2", "组织培训", "4",
             "每少1次扣1分", "", "3", "按时报送报表", "5", "迟报1次扣0.5分", "办公室", "本细则自印发之日起施行。"]
    assert _rows(find_per_line_table(lines, 1))[1:] == [
        ["1", "建立台账", "6", "未建立扣3分", "调解科"], ["2", "组织培训", "4", "每少1次扣1分", ""],
        ["3", "按时报送报表", "5", "迟报1次扣0.5分", "办公室"]]


def test_points_equal_to_the_next_row_number_do_not_end_the_row():
    lines = ["某镇考核细则", *PER_LINE_HEAD, "1", "建立台账", "6", "未建立扣3分", "调解科", "2", "组织培训", "3",
             "每少1次扣1分", "办公室", "3", "按时报送报表", "5", "迟报1次扣0.5分", "办公室"]
    assert [row[2] for row in _rows(find_per_line_table(lines, 1))[1:]] == ["6", "3", "5"]


@pytest.mark.parametrize("line, cleaned", [
    ("｜｜8｜调解协议履行｜10｜", "||8|调解协议履行|10|"),  # a row typed with full-width bars
    ("考核细则｜附件", "考核细则｜附件"),  # one bar is text
])
def test_full_width_bars_separating_cells_become_pipes(line, cleaned):
    from extractors.text.decode import clean_line

    assert clean_line(line) == cleaned


def test_a_numbered_sentence_after_the_last_row_stays_text(tmp_path):
    """The last row's empty cells are blank lines; the numbered sentence after them is the text going on,
    so the reading that leaves it out is not beaten by one that takes it in as a cell."""
    lines = ["某局考核细则", "考核实行百分制，满分30分。", "类别", "序号", "考核内容", "分值", "评分标准", "备注",
             "队伍建设（12分）", "1", "建立学习制度并按月组织学习", "6", "未建立的扣2分", "",
             "2", "开展廉政教育不少于两次", "6", "每少一次扣3分", "以记录为准",
             "业务工作（18分）", "3", "调解纠纷成功率95%以上", "8", "每低1个百分点扣1分", "",
             "4", "按时报送统计报表", "5", "迟报一次扣1分", "", "5", "开展法治宣传活动", "5", "", "",
             "五、本细则由局办公室负责解释。"]
    path = tmp_path / "xize.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    raw = extract(path)
    last = [c.text for c in raw.tables[0].cells if c.row == 5]
    assert last == ["", "5", "开展法治宣传活动", "5", "", ""]
    assert raw.blocks[-1].text == "五、本细则由局办公室负责解释。"
