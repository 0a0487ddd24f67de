"""Domain normalizer, rows read alone (issue 15, round 7): a field word qualifying a judicial-sounding activity
makes it that field's own work; criteria naming one domain's institution outrank the category; the 司法局's duties
the taxonomy words once missed. Names are invented."""
from __future__ import annotations

import pytest

from pipeline.normalize.classify import classify
from pipeline.normalize.owner import qualified
from pipeline.normalize.fold import fold
from pipeline.normalize.taxonomy import load_taxonomy

# folded text → the domain words a field word before them qualifies, with that field
QUALIFIED = [
    ("林业行政执法案件办结率", {"行政执法": "field:生态环境保护"}),
    ("税务系统党风廉政建设责任制", {"党风廉政": "field:税务"}),
    ("交通领域信访事项按期办结", {"信访事项": "field:交通"}),
    ("农业农村领域信访事项按期办结", {"信访事项": "field:农业农村与口岸"}),  # a bureau named before 领域 (农业农村局)
    ("协调农业农村、民政等部门开展矛盾纠纷排查", {}),  # bureaus named as partners own nothing
    ("行政执法案卷评查合格率", {}),  # nothing qualifies it
    ("林业行政执法，配合开展行政执法", {}),  # the same word stands once unqualified: not only the field's
]


@pytest.mark.parametrize("text,expected", QUALIFIED)
def test_a_field_word_qualifies_the_activity_after_it(text, expected):
    assert qualified(fold(text), load_taxonomy()) == expected


# a row alone whose own words say whose work it is
OWNED = [
    ({"category": "依法行政", "name": "执法办案", "criteria": "林业行政执法案件依法办理，执法全过程记录"}, "other",
     "生态环境保护"),
    ({"category": "党建", "name": "责任制落实", "criteria": "税务系统党风廉政建设责任制落实"}, "other", "税务"),
    # a short name is a label its criteria spell out: whose 信访 it is, they say
    ({"category": "综合", "name": "信访", "criteria": "农业农村领域信访事项按期办结"}, "other", "农业农村与口岸"),
    # an institution the judicial administration runs keeps the row judicial, whatever field qualifies a word
    ({"category": "专业调解", "name": "交通事故纠纷", "criteria": "交通事故纠纷经人民调解委员会调处成功率80%"},
     "mediation", None),
]


@pytest.mark.parametrize("fields,code,field", OWNED)
def test_a_row_that_says_whose_work_it_is_is_read_so(fields, code, field):
    a = classify(fields)
    assert (a.code, a.field) == (code, field)


def test_criteria_naming_an_institution_outrank_the_category():
    # the category word 所务 names a law firm's and a 司法所's housekeeping alike; the criteria say whose
    a = classify({"category": "所务管理", "name": "档案", "criteria": "司法所档案分类归档，一年一整理"})
    assert a.code == "judicial_office"
    # criteria whose words are no institution do not overrule the category
    b = classify({"category": "律师执业管理", "name": "制度", "criteria": "收案登记、统一收费制度健全"})
    assert b.code == "lawyer_notary_forensics"


DUTIES = [
    ({"category": "人民陪审员工作", "name": "选任", "criteria": "协助法院完成人民陪审员选任"}, "rule_of_law"),
    ({"category": "人民监督员", "name": "培训", "criteria": "新任人民监督员培训"}, "rule_of_law"),
    ({"category": "仲裁", "name": "换届", "criteria": "仲裁委员会按期换届"}, "public_legal_service"),
    ({"category": "法律职业资格", "name": "考务", "criteria": "法律职业资格考试考务零差错"}, "lawyer_notary_forensics"),
    ({"category": "意识形态", "name": "舆情", "criteria": "网络舆情监测及时"}, "security_ideology"),
    ({"category": "安全", "name": "机关安全", "criteria": "机关消防设施每季度检查"}, "security_ideology"),
]


@pytest.mark.parametrize("fields,code", DUTIES)
def test_bureau_duties_once_missed(fields, code):
    assert classify(fields).code == code
