"""Scheme rules meet the scorer: sentences → scheme rules (producer), names → table categories (consumer)."""
from __future__ import annotations

import pytest

from pipeline.rules.book import clause_atoms
from pipeline.rules.scheme import scheme_rules
from pipeline.scoring.forms import target_of
from pipeline.scoring.output import explanation_lines, write_lines
from pipeline.scoring.scopes import department_sections, map_name, unit_scope
from schemas.rules import RuleItem


def rules_of(sentence: str) -> list:
    return [r for clause, atoms in clause_atoms(sentence, None) for r in scheme_rules(clause, atoms, None)]


def test_top_three_grade_is_a_rank_band_with_the_listed_grades():
    (rule,) = rules_of("各科室年度考评结果分为优秀、优良、合格、不合格四个等次,根据考评得分前3名评选为优秀")
    assert rule.kind.value == "grades"
    assert [g.grade for g in rule.grades] == ["优秀", "优良", "合格", "不合格"]
    assert [(r.rank_from, r.rank_to) for r in rule.ranks] == [(1, 3)]


def test_score_bar_grades():
    (rule,) = rules_of("考评结果分为优秀、合格、不合格三个等次，90分以上为优秀")
    assert {g.grade: g.points for g in rule.grades}["优秀"] == 90


def test_section_cap_leading_a_clause_is_a_bonus_cap_for_that_section():
    rules = rules_of("特色工作分值上限为10分，特色工作被市局考核认可并获得市局加分的，在5-10分内予以加分")
    cap = next(r for r in rules if r.kind.value == "bonus_cap")
    assert (cap.applies_to, cap.cap) == (["特色工作"], 10)
    general = next(r for r in rules if r.kind.value == "general")
    assert general.applies_to == ["特色工作"] and general.atoms[0].cap is None  # the cap is the section's


def test_each_rank_band_gets_its_own_reward():
    rules = rules_of("给予综合考评前 3 名司法所各 3000 元奖励，第 4 名、第 5 名司法所各 2000 元奖励")
    assert [((r.ranks[0].rank_from, r.ranks[-1].rank_to), r.reward) for r in rules] == [((1, 3), "3000元"),
                                                                                           ((4, 5), "2000元")]


def test_bottom_band_consequence_is_a_rank_reward_from_the_bottom():
    (rule,) = rules_of("对年终综合考评后 3 名司法所局主要负责人进行约谈")
    assert rule.kind.value == "rank_reward" and rule.ranks[0].from_bottom and rule.reward == "进行约谈"


def test_cap_without_a_period_in_its_sentence_keeps_none_for_the_scorer_to_default():
    rules = rules_of("信息工作、机关效能工作和意识形态工作最多扣 20 分，平安建设工作每月最多扣 40 分")
    assert [(r.applies_to, r.period and r.period.value) for r in rules] == [
        (["信息工作", "机关效能工作", "意识形态工作"], None), (["平安建设工作"], "month")]


QIAOCHENG_CATEGORIES = ["人民参与和促进法治股工作", "社区矫正工", "法律援助工作", "普法宣传工作", "信息",
                        "机关效能建设和意识形", "平安建设工作", "法治建设", "扫黑除恶", "公共法律服务"]
NAMES = [("法援工作", "mapped", ["法律援助工作"]), ("社区矫正工作", "mapped", ["社区矫正工"]),
         ("普法工作", "mapped", ["普法宣传工作"]), ("意识形态工作", "mapped", ["机关效能建设和意识形"]),
         ("基层工作", "unmapped", [])]


@pytest.mark.parametrize("name, status, mapped", NAMES)
def test_names_map_to_the_tables_categories_or_are_reported(name, status, mapped):
    found = map_name(name, QIAOCHENG_CATEGORIES)
    assert (found.status, list(found.mapped)) == (status, mapped)


def test_a_name_equally_close_to_two_categories_is_ambiguous():
    found = map_name("调解工作", ["人民调解", "行政调解"])
    assert found.status == "ambiguous" and set(found.candidates) == {"人民调解", "行政调解"}


def item(iid, section, dept, category="业务工作", points=10.0):
    return RuleItem(indicator_id=iid, section_id=section, path=[category, iid], department=dept, points=points)


def test_units_are_scoped_to_their_own_department_sections():
    items = [item("a", "s1", "办公室"), item("b", "s2", "秘书科、普法科"), item("c", "s3", "政治处", "队伍建设")]
    assert department_sections(items) == {"s1": "办公室", "s2": "秘书科、普法科"}
    scope = unit_scope(items, ["秘书科", "宣传处"])
    assert scope.owned == {"秘书科": {"s2"}} and scope.unmatched == ["宣传处"]
    assert [scope.allows("秘书科", i) for i in items] == [False, True, True]  # 队伍建设 is everyone's


TARGETS = [("≥90%", ">=", 0.9), ("＜2%", "<", 0.02), ("520 场", ">=", 520), ("达到预期目标", None, None)]


@pytest.mark.parametrize("text, op, value", TARGETS)
def test_form_targets(text, op, value):
    found = target_of(text)
    assert (found.op, found.value) == (op, pytest.approx(value)) if op else found is None


def test_streamed_lines_equal_the_listed_lines(tmp_path):
    report = {"units": [{"unit": "甲", "rank": 1, "total": 9.5, "low": 9, "high": 9.5, "provisional": True,
                         "grade": "优秀", "reward": ["3000元"], "vetoes": [], "grade_notes": [], "caps": []}],
              "period_scores": [{"unit": "甲", "period": "2023-01", "caps": [], "indicators": [
                  {"applied": [{"explanation": f"扣{k}分：某事"} for k in range(5)]}]}],
              "issues": [{"kind": "unmatched", "file": "e.csv", "line": 3, "reason": "找不到"}]}
    path = tmp_path / "out.txt"
    assert write_lines(report, path, chunk=2) == len(explanation_lines(report)) == 8
    assert path.read_text(encoding="utf-8").splitlines() == explanation_lines(report)
