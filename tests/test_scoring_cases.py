"""YAML scoring cases (OpenFisca style): rulebook + events + measures → expected scores, ranks, issues."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from pipeline.scoring.engine import score
from pipeline.scoring.events_io import read_events, read_measures
from pipeline.scoring.mappings import RULEBOOK_FILE
from schemas.rules import Rulebook
from schemas.scores import ScoreReport

CASES_DIR = Path(__file__).parent / "scoring_cases"
CORPUS_DOCS = Path(__file__).parents[1] / "corpus" / "docs"
EVENT_HEADERS = {"unit": "单位", "date": "日期", "period": "期间", "indicator": "指标", "text": "事项",
                 "count": "次数", "value": "数值", "decided": "扣分", "note": "备注"}
MEASURE_HEADERS = {"unit": "单位", "period": "期间", "metric": "指标", "value": "数值", "target": "目标",
                   "rater": "测评主体"}


def load_cases() -> list:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")) + sorted((CASES_DIR / "corpus").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append(pytest.param(case, id=f"{path.relative_to(CASES_DIR).with_suffix('')}:{case['name']}"))
    return cases


CASES = load_cases()


def write_rows(path: Path, rows: list[dict], headers: dict[str, str], period: str | None) -> Path:
    """Write rows as a CSV with Chinese headers; rows without date or period get the case's period."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers.values())
        for row in rows:
            row = dict(row)
            if period and not row.get("date") and not row.get("period"):
                row["period"] = period
            writer.writerow(["" if row.get(k) is None else row.get(k) for k in headers])
    return path


@lru_cache(maxsize=None)
def corpus_rulebook(name: str) -> Rulebook:
    """The rulebook of a real corpus document, built once per test module (extraction is the slow part)."""
    from pipeline.extract import extract_table
    from pipeline.scoring.forms import form_rulebook

    raw, table = extract_table(CORPUS_DOCS / f"{name}.docx")
    return form_rulebook(table, raw)


def case_rulebook(case: dict) -> Rulebook:
    """The case's rulebook: a fixture name, an inline rulebook, or {corpus: <document>} built from the DOCX."""
    spec = case["rulebook"]
    if isinstance(spec, dict) and "corpus" in spec:
        book = corpus_rulebook(spec["corpus"]).model_copy(deep=True)
        for item in book.items:  # weights the form does not print, given by the case
            item.points = (case.get("item_points") or {}).get(item.indicator_id, item.points)
        return book
    data = yaml.safe_load((CASES_DIR / "rulebooks" / f"{spec}.yaml").read_text(encoding="utf-8")) \
        if isinstance(spec, str) else spec
    data.update(case.get("rulebook_patch") or {})
    return Rulebook.model_validate(data)


def run_case(case: dict, tmp_path: Path) -> dict:
    book = case_rulebook(case)
    if "raw_events" in case:
        events_path = tmp_path / "events.csv"
        events_path.write_text(case["raw_events"], encoding="utf-8")
    else:
        events_path = write_rows(tmp_path / "events.csv", case.get("events") or [], EVENT_HEADERS, case.get("period"))
    events, issues = read_events(events_path)
    measures = None
    if case.get("measures"):
        measures, more = read_measures(write_rows(tmp_path / "measures.csv", case["measures"], MEASURE_HEADERS,
                                                  case.get("period")))
        issues += more
    result = score(book, events, measures, issues)
    ScoreReport.model_validate(result)  # the JSON always fits the published schema
    return result


def close(a, b) -> bool:
    return abs(float(a) - float(b)) < 1e-6


@pytest.mark.parametrize("case", CASES)
def test_case(case, tmp_path):
    result = run_case(case, tmp_path)
    expected = case["expected"]
    units = {u["unit"]: u for u in result["units"]}
    for unit, want in (expected.get("units") or {}).items():
        got = units[unit]
        for field, value in want.items():
            if field == "vetoed":
                assert bool(got["vetoes"]) == value, (unit, got["vetoes"])
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                assert close(got[field], value), (unit, field, got[field], value)
            else:
                assert got[field] == value, (unit, field, got[field], value)
    cells = {(c["unit"], c["period"]): c for c in result["period_scores"]}
    for unit, periods in (expected.get("periods") or {}).items():
        for period, total in periods.items():
            assert close(cells[(unit, str(period))]["total"], total), (unit, period, cells[(unit, str(period))]["total"])
    for unit, items in (expected.get("items") or {}).items():
        for key, want in items.items():
            period, _, item_id = key.rpartition("/")
            cell = cells[(unit, str(period or case.get("period") or result["periods"][0]))]
            entry = next(i for i in cell["indicators"] if i["indicator_id"] == item_id)
            want = want if isinstance(want, dict) else {"final": want}
            for field, value in want.items():
                assert close(entry[field], value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
                    else entry[field] == value, (unit, key, field, entry[field], value)
    for want in expected.get("issues") or []:
        found = [i for i in result["issues"] if all(i.get(k) == v for k, v in want.items())]
        assert found, (want, result["issues"])
    if expected.get("no_issues"):  # about input rows; the rulebook's own mapping gaps are checked by `mappings`
        assert [i for i in result["issues"] if i["file"] != RULEBOOK_FILE] == []
    lines = [a["explanation"] for c in result["period_scores"] for i in c["indicators"] for a in i["applied"]]
    lines += [cap["explanation"] for c in result["period_scores"] for cap in c["caps"]]
    for text in expected.get("explanations_contain") or []:
        assert any(text in line for line in lines), (text, lines)
    for unit, caps in (expected.get("caps") or {}).items():
        got = [cap for c in result["period_scores"] if c["unit"] == unit for cap in c["caps"]]
        got += units[unit]["caps"]
        for want in caps:
            assert any(all(close(g[k], v) if isinstance(v, (int, float)) else g[k] == v for k, v in want.items())
                       for g in got), (want, got)
    for want in expected.get("mappings") or []:
        found = [m for m in result["scheme_mappings"] if all(m.get(k) == v for k, v in want.items())]
        assert found, (want, result["scheme_mappings"])
    for unit, want in (expected.get("matches") or {}).items():
        applied = [a for c in result["period_scores"] if c["unit"] == unit for i in c["indicators"] for a in i["applied"]]
        assert any(a["atom"] == want["atom"] and a["match"]["method"] == want["method"] for a in applied), applied
