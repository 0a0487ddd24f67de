"""Document metadata: 文号, dates, periods, region, title, issuer, scoring style, frequency."""
from __future__ import annotations

from datetime import date

import pytest

from pipeline.indicators.metadata import (
    build_meta,
    frequency,
    parse_date,
    parse_doc_number,
    parse_period,
    parse_region,
    scoring_style,
)
from schemas.common import ProvenanceItem
from schemas.indicators import Frequency, ScoringStyle
from schemas.raw import BlockLabel, TextBlock

DOC_NUMBER_CASES = [
    ("常武司字〔2021〕62号", "常武司字〔2021〕62号"),
    ("谯司〔2023〕1 号", "谯司〔2023〕1号"),
    ("沪松司发〔2021〕19号", "沪松司发〔2021〕19号"),
    ("  坛司发〔2017〕7号", "坛司发〔2017〕7号"),
    ("常武司字 〔 2021 〕 62 号", "常武司字〔2021〕62号"),
    # Brackets as typed on other keyboards or read by OCR: one standard form.
    ("常武司字[2021]62号", "常武司字〔2021〕62号"),
    ("某司发【2022】3号", "某司发〔2022〕3号"),
    ("某司发（2022）第3号", "某司发〔2022〕第3号"),
    ("某司发﹝2022﹞3号", "某司发〔2022〕3号"),
    ("各司法所：", None),
]


@pytest.mark.parametrize("text,value", DOC_NUMBER_CASES)
def test_doc_number(text, value):
    assert parse_doc_number(text) == value


DATE_CASES = [
    ("2021年 7月 30日", date(2021, 7, 30)),
    ("2021 年 8 月 5 日", date(2021, 8, 5)),
    ("二〇一七年三月二十八日", date(2017, 3, 28)),
    ("二〇二〇年十二月十日", date(2020, 12, 10)),
    ("填报日期：2021 年 6月 20 日", date(2021, 6, 20)),
    ("2021年13月1日", None),
    ("无日期", None),
]


@pytest.mark.parametrize("text,value", DATE_CASES)
def test_parse_date(text, value):
    assert parse_date(text) == value


PERIOD_CASES = [
    ("2020年12月1日至2021年11月30日。", (date(2020, 12, 1), date(2021, 11, 30))),
    ("考评周期为2021年1月1日至12月31日", (date(2021, 1, 1), date(2021, 12, 31))),
    ("本考评方案自 2023 年 3 月份起执行。", (date(2023, 3, 1), None)),
    ("没有周期", (None, None)),
]


@pytest.mark.parametrize("text,value", PERIOD_CASES)
def test_parse_period(text, value):
    assert parse_period(text) == value


REGION_CASES = [
    ("常州市武进区司法局", "江苏省法律援助办理系统", ("江苏省", "常州市", "武进区")),
    ("亳州市谯城区司法局", "谯城区", (None, "亳州市", "谯城区")),  # 安徽 never written
    ("上海市松江区司法局", "上海市", (None, "上海市", "松江区")),  # 直辖市: city only
    ("金坛区司法局", "常州市局统一考核；江苏省财政厅", ("江苏省", "常州市", "金坛区")),
    ("硚口区司法局", "硚口区", (None, None, "硚口区")),
    ("浙江省杭州市西湖区司法局", "", ("浙江省", "杭州市", "西湖区")),
    ("某某县司法局", "", (None, None, "某某县")),
]


@pytest.mark.parametrize("organ,text,value", REGION_CASES)
def test_parse_region(organ, text, value):
    region = parse_region(organ, text)
    assert (region.province, region.city, region.district) == value


STYLE_CASES = [
    ("采用加扣分制。", [], ScoringStyle.ADD_DEDUCT),
    ("实行扣分制", [], ScoringStyle.DEDUCTION),
    ("按百分制计分", [], ScoringStyle.PERCENTAGE),
    ("", ["未上报扣 1分", "发现一起扣1分"], ScoringStyle.DEDUCTION),
    ("", ["未上报扣 1分", "每篇加 0.5 分"], ScoringStyle.ADD_DEDUCT),
    ("", ["参加培训"], ScoringStyle.UNKNOWN),
]


@pytest.mark.parametrize("prose,criteria,style", STYLE_CASES)
def test_scoring_style(prose, criteria, style):
    assert scoring_style(prose, criteria) is style


FREQUENCY_CASES = [
    ("实行月综合考评，年终综合排名", Frequency.MONTHLY),
    ("按季度考核", Frequency.QUARTERLY),
    ("2021 年度绩效监测评价办法", Frequency.YEARLY),
    ("考评办法", Frequency.UNKNOWN),
]


@pytest.mark.parametrize("prose,value", FREQUENCY_CASES)
def test_frequency(prose, value):
    assert frequency(prose) is value


def _blocks(lines: list[str]) -> list[TextBlock]:
    return [TextBlock(label=BlockLabel.PARAGRAPH, text=t, prov=ProvenanceItem(file="t", paragraph_no=n))
            for n, t in enumerate(lines)]


def test_notice_metadata():
    lines = [
        "常武司字〔2021〕62号",
        "关于印发《2021 年度基层司法行政\n高质量发展绩效监测评价办法》的通知",
        "各司法所，局各科（室、处）、直属事业单位：",
        "经局长办公会议讨论通过，现印发给你们，请遵照执行。",
        "常州市武进区司法局",
        "2021年 7月 30日",
        "常州市武进区司法局办公室\t2021年 7月 30日印发",
    ]
    blocks = _blocks(lines)
    meta = build_meta(blocks, blocks, "\n".join(lines), ["未组织的扣 1分"], "\n".join(lines) + "江苏省")
    assert meta.title == "2021年度基层司法行政高质量发展绩效监测评价办法"
    assert meta.doc_number == "常武司字〔2021〕62号"
    assert meta.issuer == "常州市武进区司法局"
    assert meta.addressees == "各司法所，局各科（室、处）、直属事业单位"
    assert (meta.region.province, meta.region.city, meta.region.district) == ("江苏省", "常州市", "武进区")
    assert (meta.year, meta.issue_date) == (2021, date(2021, 7, 30))
    assert meta.scoring_style is ScoringStyle.DEDUCTION and meta.frequency is Frequency.YEARLY
    assert meta.prov["doc_number"].paragraph_no == 0 and meta.prov["issue_date"].paragraph_no == 5


def test_title_line_and_prefix_issuer():
    lines = ["谯城区司法局 2023 年对基层司法所工作 综合考评方案", "谯司〔2023〕1 号", "各司法所，各股室（局、中心）：",
             "实行月综合考评。", "亳州市谯城区司法局", "2023 年 3 月 6 日"]
    meta = build_meta([], _blocks(lines), "\n".join(lines), [], "\n".join(lines))
    assert meta.title == "谯城区司法局2023年对基层司法所工作综合考评方案"
    assert meta.assessed_units == ["司法所"] and meta.frequency is Frequency.MONTHLY
    assert meta.issue_date == date(2023, 3, 6) and meta.issuer == "亳州市谯城区司法局"
    notice = _blocks(["坛司发〔2017〕7号", "关于印发《金坛区司法局关于省厅2016年绩效考评工作的整改方案》的通知",
                      "二〇一七年三月二十八日"])
    meta = build_meta(notice, notice, "", [], "")
    assert meta.issuer == "金坛区司法局" and meta.year == 2016 and meta.issue_date == date(2017, 3, 28)
