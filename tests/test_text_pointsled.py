"""Run-on tables whose rows open with their points (extractors.text.pointsled), with invented texts."""
from __future__ import annotations

import pytest

from extractors.text.pointsled import find_points_led_table


def grid(found) -> list[list[str]]:
    """Given what was found, return its rows as texts by column, merged cells filled down, '' for empty."""
    g = found.grids[0]
    rows = [[""] * g.num_cols for _ in range(g.num_rows)]
    for c in g.cells:
        for r in range(c.row, c.row + c.row_span):
            rows[r][c.col] = c.text
    return rows


TWO_LEVELS = ("考核项目考核内容分值评分标准得分"
              "基础工作(20分)制度建设(12分)8分建立工作制度(4分),制度上墙(4分)。4分按时修订制度。队伍建设(8分)8分配齐人员,"
              "每缺1人扣2分。业务工作(10分)台账管理(10分)6分建立台账(6分)4分台账及时更新")
GRADED = ("示范点考核细则(50分)考核项目分值考核内容评分标准得分优秀良好合格不合格"
          "基本要求(10分)6分由主要领导担任负责人6420 4分制定年度工作计划")

CASES = [
    pytest.param(TWO_LEVELS, [
        ["基础工作(20分)", "制度建设(12分)", "8分", "建立工作制度(4分),制度上墙(4分)。", ""],
        ["基础工作(20分)", "制度建设(12分)", "4分", "按时修订制度。", ""],
        ["基础工作(20分)", "队伍建设(8分)", "8分", "配齐人员,每缺1人扣2分。", ""],
        ["业务工作(10分)", "台账管理(10分)", "6分", "建立台账(6分)", ""],
        ["业务工作(10分)", "台账管理(10分)", "4分", "台账及时更新", ""],
    ], id="two-levels-of-labels-with-shares-inside-rows"),
    pytest.param(GRADED, [
        ["基本要求(10分)", "6分", "由主要领导担任负责人", "6 4 2 0", ""],
        ["基本要求(10分)", "4分", "制定年度工作计划", "", ""],
    ], id="grade-scores-glued-after-the-text"),
]


@pytest.mark.parametrize("line,rows", CASES)
def test_rows_open_with_their_points(line, rows):
    found = find_points_led_table([line], 0)
    assert found is not None
    body = grid(found)[1:]
    assert [r[:len(rows[0])] for r in body] == rows


NEGATIVE = [
    # Rows that do not add up to their label's points, the text going on after it: another layout.
    pytest.param(TWO_LEVELS.replace("4分按时修订", "2分按时修订"), id="rows-not-adding-up"),
    # A 序号 column counts the rows: the glued reader's layout.
    pytest.param("序号考核项目分值评分标准基础工作(10分)1 6分建立制度2 4分修订制度", id="numbered-rows"),
    # No column before 分值 for the labels.
    pytest.param("分值考核内容评分标准6分建立制度。4分修订制度。", id="points-first-column"),
    # A single row is too little to read a layout from.
    pytest.param("考核项目分值考核内容评分标准基础工作(6分)6分建立制度", id="one-row"),
]


@pytest.mark.parametrize("line", NEGATIVE)
def test_not_this_layout(line):
    assert find_points_led_table([line], 0) is None


def test_a_label_is_no_category_unless_points_or_a_label_follow_it():
    # '(4分)' closing a sentence of a row is a share of the row, even after a sentence end.
    line = "考核项目分值考核内容评分标准基础工作(10分)6分建立制度。制度上墙(4分)。4分修订制度"
    body = grid(find_points_led_table([line], 0))[1:]
    assert [r[:3] for r in body] == [["基础工作(10分)", "6分", "建立制度。制度上墙(4分)。"],
                                     ["基础工作(10分)", "4分", "修订制度"]]
