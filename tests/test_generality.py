"""Generality: realistic layouts unlike the corpus, each checked against a hand-written expected table.

The fixtures in tests/fixtures/generality/ are made by make_fixtures.py; their *.yaml files were
written by hand from the layouts (corpus/expected/README.md format), not from kaoping's output.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
import yaml

from pipeline.extract import extract_table
from pipeline.indicators import build_indicator_table
from pipeline.indicators.metadata import find_title, frequency, parse_date, parse_doc_number, parse_period, parse_region
from pipeline.indicators.text import parse_points
from schemas.common import InputFormat, ProvenanceItem, SourceInfo
from schemas.indicators import DocumentKind, Frequency
from schemas.raw import BlockLabel, RawDocument, Table, TableCell, TextBlock

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "generality"
SPECS = sorted(FIXTURES.glob("*.yaml"))
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．])")


def norm(text) -> str:
    """Given a text, fold width and drop white space (README comparison rule)."""
    return "" if text is None else "".join(unicodedata.normalize("NFKC", str(text)).split())


def cat_name(text) -> str:
    """Given a category name, compare it without its list numbering ('一、', '（二）')."""
    return _NUMBERING.sub("", norm(text))


def same(a, b) -> bool:
    """Given an expected and a predicted value, compare numbers as numbers and texts normalised."""
    if isinstance(a, (int, float)) and not isinstance(a, bool) or isinstance(b, float):
        return a is not None and b is not None and abs(float(a) - float(b)) < 1e-6
    if isinstance(a, date):
        return a == b
    return norm(a) == norm(b)


def differences(spec: dict, source: str) -> list[str]:
    """Given an expected spec and one of its inputs, run the input and list every difference (empty when all agree)."""
    _, table = extract_table(FIXTURES / source)
    out: list[str] = []
    meta = table.meta.model_dump()
    for field, want in (spec.get("meta") or {}).items():
        got = meta.get(field)
        if field == "region":
            got = {k: v for k, v in got.items() if v}
            if {k: norm(v) for k, v in want.items()} != {k: norm(v) for k, v in got.items()}:
                out.append(f"meta.region: {want} ≠ {got}")
        elif field in ("scoring_style", "frequency"):
            if want != got.value:
                out.append(f"meta.{field}: {want} ≠ {got.value}")
        elif not (got is None and want is None) and not same(want, got):
            out.append(f"meta.{field}: {want} ≠ {got}")
    if spec.get("kind") and spec["kind"] != table.meta.kind.value:
        out.append(f"kind: {spec['kind']} ≠ {table.meta.kind.value}")
    sections = spec.get("sections") or []
    if len(sections) != len(table.sections):
        out.append(f"sections: {len(sections)} ≠ {[(s.title, s.role.value) for s in table.sections]}")
    section_of = {}
    for want, got in zip(sections, table.sections):
        section_of[got.id] = want["id"]
        for field in ("title", "role", "points"):
            if field in want:
                value = got.role.value if field == "role" else getattr(got, field)
                if not (value is None and want[field] is None) and not same(want[field], value):
                    out.append(f"section {want['id']}.{field}: {want[field]} ≠ {value}")
    expected = spec.get("indicators") or []
    if len(expected) != len(table.indicators):
        out.append(f"indicators: {len(expected)} ≠ {[i.name for i in table.indicators]}")
    for n, (want, got) in enumerate(zip(expected, table.indicators), 1):
        have = {
            "section": section_of.get(got.section_id), "number": got.number, "name": got.name,
            "points": got.points, "department": got.department,
        }
        for field, value in have.items():
            if field in want and not (want[field] is None and value is None) and not same(want[field], value):
                out.append(f"indicator {n}.{field}: {want[field]} ≠ {value}")
        if "categories" in want:
            cats_want = [(cat_name(c["name"]), c.get("points")) for c in want["categories"]]
            cats_got = [(cat_name(c.name), c.points) for c in got.categories]
            if [c[0] for c in cats_want] != [c[0] for c in cats_got] or any(
                p is not None and not same(p, q) for (_, p), (_, q) in zip(cats_want, cats_got)
            ):
                out.append(f"indicator {n}.categories: {cats_want} ≠ {cats_got}")
    joined = norm("".join(table.notes))
    out += [f"note missing: {note}" for note in spec.get("notes") or [] if norm(note) not in joined]
    return out


CASES = [(spec, source) for spec in map(lambda p: yaml.safe_load(p.read_text(encoding="utf-8")), SPECS)
         for source in spec["inputs"]]


@pytest.mark.parametrize("spec,source", CASES, ids=[source for _, source in CASES])
def test_fixture_matches_hand_written_table(spec, source):
    assert differences(spec, source) == []


def test_fixture_inputs_exist():
    """Every spec names inputs that make_fixtures.py wrote."""
    assert len(SPECS) >= 12
    for spec, source in CASES:
        assert (FIXTURES / source).exists(), source


# -- results documents keep what is not a row: warnings, notes, the printed total ---------------------
CORPUS_DOCS = Path(__file__).resolve().parent.parent / "corpus" / "docs"


def test_results_document_keeps_notes_and_total():
    """Qiaokou's 自评表: the 备注 items and the 总分 row reach the IndicatorTable (pipeline.results.read.read_results)."""
    _, table = extract_table(CORPUS_DOCS / "qiaokou-2020-zipingbiao.docx")
    assert table.meta.kind is DocumentKind.RESULTS and table.stated_total == pytest.approx(99.23)
    assert len(table.notes) == 4 and table.notes[1].startswith("2.定量指标完成数汇总原则")


def test_results_document_keeps_warnings():
    """Jintan's slip '（应得10分，应得9分）' is reported, not silently dropped."""
    _, table = extract_table(CORPUS_DOCS / "jintan-2017-zhenggai.docx")
    assert any("应得10分，应得9分" in w for w in table.warnings)


# -- the general rules behind the fixtures, one case each --------------------------------------------
PERIOD_CASES = [
    ("考核周期：2022年1月至2022年12月。", (date(2022, 1, 1), date(2022, 12, 31))),
    ("考核时段为2023年1-6月", (date(2023, 1, 1), date(2023, 6, 30))),
    ("考核周期：2022.1.1—2022.12.31", (date(2022, 1, 1), date(2022, 12, 31))),
    ("2020年12月1日至2021年11月30日", (date(2020, 12, 1), date(2021, 11, 30))),
]


@pytest.mark.parametrize("text,value", PERIOD_CASES)
def test_period_variants(text, value):
    assert parse_period(text) == value


# Every bracket variant of the year reads as the standard 〔〕 (GB/T 9704), so one notice keeps
# one 文号 whether it was typed, exported or scanned.
DOC_NUMBER_CASES = [
    ("常武司字﹝2021﹞62号", "常武司字〔2021〕62号"),
    ("郫司发（2023）6号", "郫司发〔2023〕6号"),
    ("甬海司[2022]15号", "甬海司〔2022〕15号"),
    ("盐司发【2020】12号", "盐司发〔2020〕12号"),
]


@pytest.mark.parametrize("text,value", DOC_NUMBER_CASES)
def test_doc_number_brackets(text, value):
    assert parse_doc_number(text) == value


@pytest.mark.parametrize("text,value", [("30%", 30.0), ("12.5％", 12.5), ("（10分）", 10.0), ("95%以上", None)])
def test_weight_percentages_are_points(text, value):
    assert parse_points(text) == value


@pytest.mark.parametrize("text,value", [("二〇二二年元月十日", date(2022, 1, 10)), ("2023年元月5日", date(2023, 1, 5))])
def test_date_with_yuanyue(text, value):
    assert parse_date(text) == value


REGION_CASES = [  # the fuller form written elsewhere (signature, body) completes the issuer's region
    ("郸城县司法局", "河南省周口市郸城县司法局\n二〇二二年", {"province": "河南省", "city": "周口市", "district": "郸城县"}),
    ("赣州市章贡区司法局", "江西省赣州市章贡区司法局", {"province": "江西省", "city": "赣州市", "district": "章贡区"}),
    ("郸城县司法局", "根据上级要求，周口市郸城县司法局制定本办法", {"city": "周口市", "district": "郸城县"}),
    ("天宁区司法局", "为加强各科室管理天宁区司法局", {"district": "天宁区"}),
]


@pytest.mark.parametrize("organ,text,value", REGION_CASES)
def test_region_from_fuller_form(organ, text, value):
    assert {k: v for k, v in parse_region(organ, text).model_dump().items() if v} == value


FREQUENCY_CASES = [
    ("每月考核一次，年底汇总。", Frequency.MONTHLY),
    ("按季度进行考核。", Frequency.QUARTERLY),
    ("每季度开展一次法治讲座。", Frequency.UNKNOWN),
]


@pytest.mark.parametrize("prose,value", FREQUENCY_CASES)
def test_frequency_wordings(prose, value):
    assert frequency(prose) == value


def _blocks(*texts: str) -> list[TextBlock]:
    return [TextBlock(label=BlockLabel.PARAGRAPH, text=t, prov=ProvenanceItem(file="t", paragraph_no=n))
            for n, t in enumerate(texts)]


TITLE_CASES = [
    (["天宁区司法局关于印发2022年度目标考核细则的通知"], "2022年度目标考核细则"),
    (["某县司法局关于开展年度考核的通知", "附件：1.考核细则", "2.考核自评表"], "某县司法局关于开展年度考核的通知"),
    (["某区2022年度公共法律服务考评评分表"], "某区2022年度公共法律服务考评评分表"),
]


@pytest.mark.parametrize("texts,title", TITLE_CASES)
def test_title_variants(texts, title):
    assert find_title(_blocks(*texts))[0] == title


def _raw(*items) -> RawDocument:
    source = SourceInfo(file="t", format=InputFormat.DOCX, sha256="0", size_bytes=0, extractor_version="t")
    return RawDocument(source=source, body=list(items))


def _table(rows: list[list[str]], no: int = 0) -> Table:
    """Build a table; '^' continues the cell above (a vertical merge)."""
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text == "^":
                continue
            span = 1
            while r + span < len(rows) and rows[r + span][c] == "^":
                span += 1
            cells.append(TableCell(row=r, col=c, row_span=span, text=text,
                                   prov=ProvenanceItem(file="t", table_no=no, row=r, col=c)))
    return Table(table_no=no, num_rows=len(rows), num_cols=len(rows[0]), cells=cells,
                 prov=ProvenanceItem(file="t", table_no=no))


def test_headerless_table_continues_the_previous_one():
    """A table cut in two (no header in the second part) keeps the first part's columns."""
    first = _table([["序号", "考核内容", "分值", "考核科室"], ["1", "会风纪律", "10", "办公室"]])
    second = _table([["2", "车辆管理", "5", "办公室"]], no=1)
    out = build_indicator_table(_raw(first, second))
    assert [(i.name, i.points) for i in out.indicators] == [("会风纪律", 10.0), ("车辆管理", 5.0)]


def test_merged_points_beside_a_category_are_its_points():
    rows = [["考核项目", "分值", "考核内容", "评分标准"], ["基础建设", "40", "办公用房", "扣5分"], ["^", "^", "制度上墙", "扣1分"]]
    out = build_indicator_table(_raw(_table(rows)))
    assert [(i.category_path, i.categories[0].points, i.points) for i in out.indicators] == [
        (["基础建设"], 40.0, None), (["基础建设"], 40.0, None)]
