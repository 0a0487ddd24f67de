"""Numbers as Chinese scoring text writes them, and the fold that keeps offsets."""
from __future__ import annotations

import pytest

from pipeline.rules.numbers import cn_number, fold, rate_value, value_of

NUMBER_CASES = [
    ("0.5", 0.5), ("12", 12.0), ("二", 2.0), ("两", 2.0), ("十", 10.0), ("十二", 12.0), ("二十", 20.0),
    ("三十五", 35.0), ("一百", 100.0), ("六点三", 6.3), ("零点五", 0.5), ("〇", 0.0), ("一千", 1000.0),
]

RATE_CASES = [
    ("90%", 0.9), ("９０％", 0.9), ("0.8%", 0.008), ("百分之九十", 0.9), ("百分之五", 0.05),
    ("千分之五", 0.005), ("万分之六点三", 0.00063), ("万分之三", 0.0003), ("三分之一", 1 / 3),
    ("五分之二", 0.4), ("5‰", 0.005),
]

FOLD_CASES = [
    ("１２３", "123"), ("＜95％", "<95%"), ("≧80", "≥80"), ("（１）", "(1)"), ("1～3分", "1-3分"),
    ("扣1分,最高扣2分;", "扣1分，最高扣2分；"), ("统一着装", "统一着装"),
]


@pytest.mark.parametrize("span, value", NUMBER_CASES)
def test_cn_number(span, value):
    assert cn_number(span) == pytest.approx(value, abs=1e-12)


@pytest.mark.parametrize("span, value", RATE_CASES)
def test_rate_value(span, value):
    assert rate_value(span) == pytest.approx(value, abs=1e-12)
    assert value_of(span) == pytest.approx(value, abs=1e-12)


@pytest.mark.parametrize("text, folded", FOLD_CASES)
def test_fold_keeps_length(text, folded):
    assert fold(text) == folded and len(fold(text)) == len(text)


@pytest.mark.parametrize("span", ["统一", "", "分", "百分之"])
def test_not_a_number(span):
    with pytest.raises((ValueError, IndexError)):
        value_of(span)
