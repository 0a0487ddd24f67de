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
from schemas.indicators import DocumentKind

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


def differences(spec: dict) -> list[str]:
    """Given an expected spec, run its input and list every difference (empty when all agree)."""
    _, table = extract_table(FIXTURES / spec["inputs"][0])
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


@pytest.mark.parametrize("spec_path", SPECS, ids=[p.stem for p in SPECS])
def test_fixture_matches_hand_written_table(spec_path):
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    assert differences(spec) == []


def test_fixture_inputs_exist():
    """Every spec names an input that make_fixtures.py wrote."""
    assert len(SPECS) >= 12
    for spec_path in SPECS:
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
        assert (FIXTURES / spec["inputs"][0]).exists(), spec_path.name


# -- results documents keep what is not a row: warnings, notes, the printed total ---------------------
CORPUS_DOCS = Path(__file__).resolve().parent.parent / "corpus" / "docs"


def test_results_document_keeps_notes_and_total():
    """Qiaokou's 自评表: the 备注 items and the 总分 row reach the IndicatorTable (pipeline.results.read_results)."""
    _, table = extract_table(CORPUS_DOCS / "qiaokou-2020-zipingbiao.docx")
    assert table.meta.kind is DocumentKind.RESULTS and table.stated_total == pytest.approx(99.23)
    assert len(table.notes) == 4 and table.notes[1].startswith("2.定量指标完成数汇总原则")


def test_results_document_keeps_warnings():
    """Jintan's slip '（应得10分，应得9分）' is reported, not silently dropped."""
    _, table = extract_table(CORPUS_DOCS / "jintan-2017-zhenggai.docx")
    assert any("应得10分，应得9分" in w for w in table.warnings)
