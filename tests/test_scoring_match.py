"""Matching event text to clauses when the event names no indicator."""
import pytest

from pipeline.scoring.match import RuleIndex
from schemas.rules import RuleAtom, RuleItem, Rulebook, RuleKind

NAME = "创新“枫桥经验”，加强专业性、行业性调解组织建设，加强人民调解员队伍建设"


def book() -> Rulebook:
    atoms = [
        RuleAtom(kind=RuleKind.ADD_FIXED, points=2, condition="一般案例", text="一般案例加2分"),
        RuleAtom(kind=RuleKind.ADD_FIXED, points=3, condition="较大案例", text="较大案例加3分"),
        RuleAtom(kind=RuleKind.ADD_FIXED, points=5, condition="重大疑难复杂", text="重大疑难复杂加5分"),
    ]
    other = RuleItem(indicator_id="s1.i2", path=["人民调解", "调解员季度培训"],
                     atoms=[RuleAtom(kind=RuleKind.DEDUCT_FIXED, points=4, condition="迟报", text="迟报扣4分")])
    return Rulebook(items=[RuleItem(indicator_id="s1.i1", path=["人民调解", NAME], atoms=atoms), other])


# event text (no indicator) → the clause it must fire, or None when it must be reported ambiguous
CASES = [
    (NAME + "一般案例", "一般案例"),
    (NAME + "：较大案例", "较大案例"),
    ("重大疑难复杂" + NAME, "重大疑难复杂"),
    (NAME, None),  # names the indicator but not which of its clauses
]


@pytest.mark.parametrize("text,condition", CASES)
def test_text_naming_one_indicator_is_decided_by_the_rest_of_the_text(text, condition):
    match = RuleIndex(book()).match_event("", text)
    if condition is None:
        assert match.issue == "ambiguous"
    else:
        assert match.issue is None, match.reason
        assert match.targets[0].atom.condition == condition
