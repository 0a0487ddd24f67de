"""Domain model (issue 15, round 2): own labelled rows, the numpy softmax, the shipped model and its lazy load."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from pipeline.normalize.classify import calibration, classify
from pipeline.normalize.labelled import FIELDS, SHORT, own_rows, scheme_rows
from pipeline.normalize.model import featurize, load_model, ngrams, strip_marks
from pipeline.normalize.softmax import encode, fit, logits, probabilities, vocabulary
from pipeline.normalize.taxonomy import FIELD_PREFIX, load_taxonomy


def test_own_rows_cover_every_domain_and_field():
    rows = own_rows()[0] + scheme_rows()
    assert len(rows) >= 1500
    codes = {r.accepted[0] for r in rows}
    assert codes >= {d.code for d in load_taxonomy().domains}
    fields = {f.name for f in load_taxonomy().fields}
    assert {r.field for r in rows if r.field} <= fields and set(FIELDS.values()) <= fields
    assert set(SHORT.values()) == {d.code for d in load_taxonomy().domains}
    held = {r.source for r in scheme_rows() if "holdout" in r.tags}
    fitted = {r.source for r in scheme_rows() if "fit" in r.tags}
    assert held and not held & fitted  # a scheme is held out whole


def test_softmax_is_deterministic_and_learns():
    feats = [{"B": 1.0, "x:a": 1.0}, {"B": 1.0, "x:a": 1.0}, {"B": 1.0, "x:b": 1.0}, {"B": 1.0, "x:b": 1.0}]
    index = vocabulary(feats)
    x = encode(feats, index)
    y = np.array([0, 0, 1, 1])
    w1, w2 = fit(x, y, 2, 1e-3, steps=60), fit(x, y, 2, 1e-3, steps=60)
    assert np.array_equal(w1, w2)
    assert (probabilities(logits(x, w1)).argmax(axis=1) == y).all()


def test_features_are_named_and_scaled():
    f = featurize({"name": "社区矫正对象走访（10分）", "category": "三、刑事执行"})
    assert f["B"] == 1.0 and "N:社区矫" in f and any(k.startswith("G:") for k in f)
    assert not any("分" in k for k in f) and "G:三" not in f  # points and list numbering say nothing of the subject
    names = [k for k in f if k.startswith("N:")]
    assert abs(sum(f[k] ** 2 for k in names) - 1.0) < 1e-9  # each field's n-grams scaled to unit length
    assert strip_marks("基础设施(20分)") == "基础设施" and strip_marks("(三)法律援助") == "法律援助"
    assert ngrams("达到95%") == ngrams("达到98%")  # numbers say the same thing


def test_keyword_evidence_is_a_fixed_part_of_the_scores():
    model = load_model()
    assert model.offset_weight > 0
    feats = featurize({"name": "走访"})
    plain = dict(zip(model.classes, model.scores(feats)))
    told = dict(zip(model.classes, model.scores(feats, {"community_correction": 3.0})))
    assert told["community_correction"] - plain["community_correction"] == pytest.approx(3.0 * model.offset_weight)
    assert all(told[c] == plain[c] for c in model.classes if c != "community_correction")


def test_shipped_model_knows_every_class():
    model = load_model()
    taxonomy = load_taxonomy()
    assert set(model.classes) >= {d.code for d in taxonomy.domains} | {FIELD_PREFIX + f.name for f in taxonomy.fields}
    assert model.weights.shape == (len(model.index), len(model.classes))
    cal = calibration()
    assert set(cal) >= {"weights", "review_below", "outside_weight", "context"}


def test_evidence_names_the_ngrams_that_decided():
    a = classify({"name": "矫正对象每月走访", "category": "业务工作"})
    assert a.code == "community_correction"
    assert any(e.word.startswith("「") for e in a.evidence)  # the model's n-grams are shown, not only keywords


def test_cli_starts_without_the_model():
    code = "import sys, pipeline.cli; print('pipeline.normalize.model' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def test_calibration_schemes_are_mixed_with_rows_of_another_kind():
    from pipeline.normalize.classify import posterior
    from pipeline.normalize.context import Context
    from pipeline.normalize.train import Example, mixed_schemes

    taxonomy = load_taxonomy()

    def scheme(source, title, rows):
        return [Example({"category": g, "name": n}, None, target, ["other" if target.startswith(FIELD_PREFIX)
                                                                  else target], source, g, "fit", title)
                for g, n, target in rows]

    judicial = scheme("j", "某镇年度综合考核", [("日常监管", "社区矫正对象走访", "community_correction"),
                                           ("基础工作", "工作台账", "community_correction")])
    river = scheme("r", "某县河长制考核", [("河长履职", "河长巡河", FIELD_PREFIX + "河长制与水利"),
                                    ("基础工作", "领导小组", FIELD_PREFIX + "河长制与水利")])
    exs = judicial + river
    verdicts = [posterior(e.fields, taxonomy) for e in exs]
    got_exs, got = mixed_schemes(exs, verdicts, Context(0.5, 4.0, 10.0), 0.6, taxonomy,
                                 {c: 0.0 for c in load_model().classes})
    assert len(got_exs) == len(got)
    sources = [e.source for e in got_exs]
    # each scheme read with the rows of the other whose words (or category) name their class: 巡河, 走访
    assert sources.count("r") == 2 + 1 and sources.count("j") == 2 + 1
    assert [e.fields["name"] for e in got_exs[:3]] == ["社区矫正对象走访", "工作台账", "河长巡河"]
    # a title naming a judicial institution makes every row of its scheme judicial work: no guest's label holds
    titled = scheme("t", "某县社区矫正工作考核", [(e.group, e.fields["name"], e.target) for e in judicial])
    got_exs, _ = mixed_schemes(titled + river, [posterior(e.fields, taxonomy) for e in titled + river],
                               Context(0.5, 4.0, 10.0), 0.6, taxonomy, {c: 0.0 for c in load_model().classes})
    assert [e.source for e in got_exs] == ["r", "r", "t"]  # the river scheme with its guest, the titled one alone
