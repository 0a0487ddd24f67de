"""Engine internals: vectorised outcomes equal the one-at-a-time semantics; matching and cap grouping."""
from __future__ import annotations

import numpy as np
import pytest

from pipeline.scoring import vector
from pipeline.scoring.caps import cap_groups
from pipeline.scoring.engine import compute, settings_of
from pipeline.scoring.events_io import read_events, read_measures
from pipeline.scoring.match import RuleIndex
from pipeline.scoring.synth import demo_rulebook, synthesize, write_csv
from pipeline.scoring.text import similarity
from schemas.rules import Period, Rulebook


def test_vector_path_equals_reference_semantics(tmp_path, monkeypatch):
    book = demo_rulebook(categories=4)
    events, measures = synthesize(book, 25, ["2023-01", "2023-02", "2023-03"], seed=11, n_events=6000)
    frame, issues = read_events(write_csv(events, tmp_path / "e.csv"))
    measure_frame, more = read_measures(write_csv(measures, tmp_path / "m.csv"))
    _, fast = compute(book, frame, measure_frame, issues + more)
    monkeypatch.setattr(vector, "_vector", lambda *args: False)  # every slot through semantics.apply
    _, slow = compute(book, frame, measure_frame, issues + more)
    for a, b in zip(fast["period_scores"], slow["period_scores"]):
        assert (a["unit"], a["period"]) == (b["unit"], b["period"])
        assert np.isclose([a["total"], a["low"], a["high"]], [b["total"], b["low"], b["high"]]).all()
    assert [u["unit"] for u in fast["units"]] == [u["unit"] for u in slow["units"]]
    assert any(c["caps"] for c in fast["period_scores"])  # the data does reach the category caps


CATEGORY_CAPS = [("法援工作", "法律援助工作"), ("社区矫正工作", "社区矫正工"), ("信息工作", "信息"),
                 ("法治工作", "人民参与和促进法治股工作")]


@pytest.mark.parametrize("written, category", CATEGORY_CAPS)
def test_cap_names_find_cut_off_categories(written, category):
    book = Rulebook.model_validate({
        "items": [{"indicator_id": "x", "path": [category, "某项"], "atoms": []},
                  {"indicator_id": "y", "path": ["公共法律服务", "某项"], "atoms": []}],
        "scheme_rules": [{"kind": "category_cap", "applies_to": [written], "cap": 40}]})
    groups, _ = cap_groups(book, book.items, Period.MONTH)
    assert [(g.scope, sorted(g.items)) for g in groups] == [(written, ["x"])]


def test_similarity_ignores_amounts_but_not_ordinals():
    assert similarity("发现一起扣1分", "发现一起扣2分") == 1.0
    assert similarity("第2项迟报", "第3项迟报") < 1.0


def test_ambiguous_text_lists_candidates():
    book = Rulebook.model_validate({"items": [
        {"indicator_id": "a", "path": ["统计", "报表"], "atoms": [{"kind": "deduct_fixed", "points": 2, "condition": "迟报"}]},
        {"indicator_id": "b", "path": ["信息", "简报"], "atoms": [{"kind": "deduct_fixed", "points": 1, "condition": "迟报"}]}]})
    index = RuleIndex(book)
    match = index.match_event("", "迟报")
    assert match.issue == "ambiguous" and len(match.candidates) == 2
    assert index.match_event("a", "迟报").targets[0].key == "a#0"
    assert index.match_event("简报", "迟报").method == "name"


SETTINGS = [({"meta": {"frequency": "monthly"}}, "month", "sum"), ({"meta": {"frequency": "yearly"}}, "year", "sum"),
            ({"scoring": {"period": "quarter", "aggregate": "mean"}}, "quarter", "mean")]


@pytest.mark.parametrize("data, period, aggregate", SETTINGS)
def test_settings_defaults(data, period, aggregate):
    cfg = settings_of(Rulebook.model_validate(data))
    assert (cfg.granularity.value, cfg.aggregate) == (period, aggregate)
