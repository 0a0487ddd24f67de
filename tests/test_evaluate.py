"""The evaluator's own rules: name folding, two-pass pairing, negative controls."""
import pytest

from pipeline.evaluate import Score, norm, score_indicators

NORM_CASES = [
    ("考評細則", "考评细则"),
    ("發(fā)布 通知", "发布通知"),
    ("ＡＢＣ　１２", "ABC12"),
    (None, ""),
]


@pytest.mark.parametrize("text, folded", NORM_CASES)
def test_norm_folds_width_traditional_space_and_pinyin(text, folded):
    assert norm(text) == folded


def row(name, points=None, weight=None, department=None):
    return {"name": name, "points": points, "weight": weight, "department": department, "categories": []}


def test_exact_names_pair_first_then_prefixes():
    expected = [row("实行所务公开", 6), row("建立收案结案审批登记制度", 8)]
    predicted = [row("实行所务公开,开展承诺服务;收费标准上墙公布", 6), row("建立收案结案审批登记制度", 8)]
    s = score_indicators(expected, predicted)
    assert (s.matched, s.points_ok) == (2, 2)


def test_short_prefix_does_not_pair():
    s = score_indicators([row("组织")], [row("组织领导小组")])
    assert s.matched == 0


def test_weights_must_agree_with_points():
    s = score_indicators([row("质量", weight=0.4)], [row("质量", points=40)])
    assert (s.matched, s.points_ok) == (1, 0)


def test_negative_control_is_right_only_when_nothing_is_extracted():
    assert Score(expected=0, predicted=0).right
    assert not score_indicators([], [row("份数")]).right
