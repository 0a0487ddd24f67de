"""The demo (`make run`): synthetic events for a real scheme, scored, written and summarised in Chinese."""
from __future__ import annotations

import json

from pipeline.demo import CORPUS, score_demo, summary
from schemas.scores import ScoreReport


def test_songjiang_demo_scores_its_own_offices(tmp_path):
    out = tmp_path / "score-songjiang"
    report = score_demo(CORPUS / "songjiang-2021-kaoping.docx", 10, ["2021"], out)
    assert {p.name for p in out.iterdir()} >= {"score.json", "score.xlsx", "score.说明.txt", "events.csv"}
    ScoreReport.model_validate(json.loads((out / "score.json").read_text(encoding="utf-8")))
    offices = {m["name"] for m in report["scheme_mappings"] if m["rule"] == "unit_scope" and m["status"] == "mapped"}
    assert len(offices) == 10  # the units are the scheme's own 科室, each with its section
    assert not [i for i in report["issues"] if "不考核" in i["reason"]]  # no events on another office's items
    lines = summary("松江", report)
    assert lines[0].startswith("【松江】10 个单位") and lines[1].startswith("  第1名")
    assert sum(u["grade"] == "优秀" for u in report["units"]) >= 3
