"""`python -m pipeline.normalize.train`: fit the domain model offline; write model.npz and calibration.json.

Rows: kaoping's own labelled rows (train.yaml and the invented schemes under own/) and the hand-checked rows of
the four corpus schemes, never unseen*.yaml, which are the measure. A part of the own rows (one scheme in
HOLDOUT, by a hash of its title) is never fitted on: it estimates generalisation.
1. Five-fold cross-validation over schemes on the fitted part gives every row a prediction from a model that
   did not see its scheme. On those predictions: the outside weight (classify.decide), the scheme context's
   strengths (context.py: best accuracy of rows read together), the confidence (a logistic model of "the answer
   is right", classify.FEATURE_NAMES, on rows read alone, read with their scheme, and read in a scheme mixed
   with another field's rows: mixed_schemes) and the review threshold (flag the most wrong answers while
   flagging at most MAX_RIGHT_FLAGGED of the right ones, among the answers not already flagged for resting on
   their category or scheme).
2. The model is fitted on the whole fitted part and written with its feature names. Deterministic: same rows,
   same files.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

import numpy as np
import yaml

from .classify import (CALIBRATION_PATH, FEATURE_NAMES, Verdict, class_of, features, gather, second_hand, verdict_of,
                       weigh)
from .context import Context, institutions_named, judicial_title, with_context
from .departments import department_fields
from .labelled import DOMAINS, ROOT, Row, key, own_rows, scheme_rows
from .model import MODEL_PATH, featurize
from .softmax import encode, fit, probabilities, vocabulary
from .taxonomy import FIELD_PREFIX, OTHER, Taxonomy, is_field, load_taxonomy

L2 = 1e-4  # ridge on the weights, per row
# n-grams are many and specific to the wordings of the rows fitted; the keyword scores and the department hint
# are few and general: n-gram weights are held shorter, so that what generalises carries the decision
NGRAM_RIDGE = 100.0
NGRAM_NAMESPACES = ("N:", "C:", "D:", "G:")
OFFSET_WEIGHT = 1.0  # the weighed keyword evidence's share of the logits (model.py), chosen on cross-validation
FOLDS = 5
MAX_RIGHT_FLAGGED = 0.08
CONTEXT_GRID = [Context(g, k, t) for g in (0.5, 0.8, 1.0) for k in (1.0, 2.0, 4.0, 8.0) for t in (3.0, 10.0, 30.0)]
OUTSIDE_GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
CONTEXT_NOISE = 0.002  # about half a standard error of a balanced accuracy over ~1,400 rows


@dataclass
class Example:
    fields: dict
    hint: str | None
    target: str
    accepted: list[str]
    source: str
    group: str
    part: str  # fit | holdout
    title: str | None = None


def answer_code(cls: str) -> str:
    return OTHER if cls == OTHER or is_field(cls) else cls


def _from_row(r: Row, taxonomy: Taxonomy) -> Example:
    hint, text = department_fields(r.fields.get("department"), taxonomy)
    target = FIELD_PREFIX + r.field if r.accepted[0] == OTHER and r.field else r.accepted[0]
    return Example({**r.fields, "department": text}, hint, target, r.accepted, r.source, r.group,
                   "holdout" if "holdout" in r.tags else "fit", r.title)


def corpus_examples(taxonomy: Taxonomy) -> list[Example]:
    """The corpus schemes' rows as the pipeline reads them (extract → indicator fields), with their labels."""
    from pipeline.extract import extract_table

    from .evaluate import CORPUS_DOCS
    from .scheme import group_key, indicator_fields

    out = []
    for name in CORPUS_DOCS:
        expected = yaml.safe_load((DOMAINS / f"{name}.yaml").read_text(encoding="utf-8"))["indicators"]
        pool: dict[str, list] = {}
        for entry in expected:
            pool.setdefault(key(entry[0]), []).append(entry)
        table = extract_table(ROOT / "corpus" / "docs" / f"{name}.docx")[1]
        for fields, hint in indicator_fields(table, taxonomy):
            if entries := pool.get(key(fields["name"])):
                entry = entries.pop(0)
                codes = [taxonomy.by_name(n).code for n in [entry[1], *(entry[2] if len(entry) > 2 else [])]]
                out.append(Example(fields, hint, codes[0], codes, name, group_key(fields), "fit", table.meta.title))
    return out


def examples(taxonomy: Taxonomy, with_corpus: bool = True) -> list[Example]:
    own, _ = own_rows()
    rows = [_from_row(r, taxonomy) for r in own + scheme_rows()]
    return rows + (corpus_examples(taxonomy) if with_corpus else [])


def _fold(ex: Example) -> int:
    unit = ex.source if ex.source != "train.yaml" else ex.fields["name"]  # a scheme's rows stay together
    return int(hashlib.sha256(unit.encode("utf-8")).hexdigest(), 16) % FOLDS


def offsets(exs: list[Example], classes: list[str], taxonomy: Taxonomy) -> np.ndarray:
    """Given examples and the class list, return their weighed keyword evidence (rows × classes, model.py)."""
    out = np.zeros((len(exs), len(classes)))
    for i, e in enumerate(exs):
        for cls, score in weigh(gather(e.fields, taxonomy, e.hint)).items():
            out[i, classes.index(cls)] = score
    return out


def train(exs: list[Example], feats: list[dict], offset: np.ndarray, classes: list[str]) -> tuple[dict[str, int],
                                                                                                     np.ndarray]:
    """Given examples, their features and keyword evidence, and the class list, return the feature index and
    fitted weights."""
    index = vocabulary(feats)
    y = np.array([classes.index(e.target) for e in exs])
    return index, fit(encode(feats, index), y, len(classes), ridge(index) * len(exs) / 1000,
                      offset=OFFSET_WEIGHT * offset)


def ridge(index: dict[str, int]) -> np.ndarray:
    """Given the feature index, return each feature's ridge strength (n-grams NGRAM_RIDGE times the others)."""
    out = np.full(len(index), L2)
    for name, i in index.items():
        if name[:2] in NGRAM_NAMESPACES:
            out[i] *= NGRAM_RIDGE
    return out


def predict(index: dict[str, int], w: np.ndarray, feats: list[dict], offset: np.ndarray,
            classes: list[str]) -> list[dict[str, float]]:
    from .softmax import logits

    p = probabilities(logits(encode(feats, index), w) + OFFSET_WEIGHT * offset)
    return [dict(zip(classes, row.tolist())) for row in p]


def verdicts(exs: list[Example], probs: list[dict], feats: list[dict], taxonomy: Taxonomy,
             outside_weight: float | None = None) -> list[Verdict]:
    return [verdict_of(p, gather(e.fields, taxonomy, e.hint), f, outside_weight) for e, p, f in zip(exs, probs, feats)]


def redecide(vs: list[Verdict], outside_weight: float) -> list[Verdict]:
    return [verdict_of(v.probs, v.evidence, v.feats, outside_weight) for v in vs]


def by_scheme(exs: list[Example], vs: list[Verdict], ctx: Context, outside_weight: float,
              taxonomy: Taxonomy, base: dict[str, float]) -> list[Verdict]:
    """Given examples and their verdicts alone, return the verdicts with each scheme read as a whole."""
    out: list[Verdict | None] = [None] * len(exs)
    for source in dict.fromkeys(e.source for e in exs):
        idx = [i for i, e in enumerate(exs) if e.source == source]
        if source == "train.yaml":  # loose rows, not a scheme
            for i in idx:
                out[i] = vs[i]
            continue
        for i, v in zip(idx, with_context([(exs[i].group, vs[i]) for i in idx], exs[idx[0]].title, ctx, base, taxonomy,
                                          outside_weight)):
            out[i] = v
    return out


GUESTS = 8  # rows of another field's scheme put into a scheme for calibration (mixed_schemes)


def _named(e: Example, v: Verdict) -> bool:
    """Given an example and its verdict alone, say whether a deciding word of its own or of its category names its
    class: its label holds in any scheme it is put in (its category goes with it)."""
    return e.target in {class_of(ev) for ev in v.evidence if not ev.generic}


def mixed_schemes(exs: list[Example], vs: list[Verdict], ctx: Context, outside_weight: float, taxonomy: Taxonomy,
                  base: dict[str, float]) -> tuple[list[Example], list[Verdict]]:
    """Given examples and their verdicts alone, return every scheme read as a whole with up to GUESTS rows of a
    scheme of the other kind put in (judicial ↔ another field), as real schemes mix them: own schemes are purer
    than real ones, and a confidence fitted on them alone trusts what a scheme fills in too much."""
    sources = [s for s in dict.fromkeys(e.source for e in exs) if s != "train.yaml"]
    members = {s: [i for i, e in enumerate(exs) if e.source == s] for s in sources}
    judicial = {s: np.mean([exs[i].accepted[0] != OTHER for i in members[s]]) > 0.5 for s in sources}
    out_exs: list[Example] = []
    out_vs: list[Verdict] = []
    for s in sources:
        partners = [t for t in sources if judicial[t] != judicial[s]]
        if not partners:
            continue
        t = partners[int(hashlib.sha256(s.encode("utf-8")).hexdigest(), 16) % len(partners)]
        title = exs[members[s][0]].title
        # guests whose label holds in the host (context.py): in another field's scheme, judicial rows that name an
        # institution; in a judicial scheme, other fields' rows unless its title makes every row judicial work
        guests = [i for i in members[t] if _named(exs[i], vs[i]) and (
            not judicial_title(title, taxonomy) if judicial[s]
            else exs[i].target in institutions_named(vs[i].evidence, taxonomy))][:GUESTS]
        if not guests:
            continue
        idx = members[s] + guests
        out_exs += [exs[i] for i in idx]
        out_vs += with_context([(exs[i].group, vs[i]) for i in idx], title, ctx, base, taxonomy, outside_weight)
    return out_exs, out_vs


def right(e: Example, v: Verdict) -> bool:
    return answer_code(v.cls if v.kind != "tie" else OTHER) in e.accepted


def balanced(exs: list[Example], vs: list[Verdict]) -> float:
    """Given examples and verdicts, return the mean of the judicial rows' and the out-of-field rows' accuracy."""
    parts = [[right(e, v) for e, v in zip(exs, vs) if (e.accepted[0] == OTHER) == other] for other in (False, True)]
    return float(np.mean([np.mean(p) for p in parts if p]))


def logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50) -> np.ndarray:
    """Given features (first column the bias) and 0/1 labels, return ridge logistic weights (Newton's method)."""
    w = np.zeros(x.shape[1])
    ridge = np.eye(x.shape[1]) * l2
    ridge[0, 0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        hess = (x.T * (p * (1 - p))) @ x + ridge + np.eye(x.shape[1]) * 1e-9
        w -= np.linalg.solve(hess, x.T @ (p - y) + ridge @ w)
    return w


def threshold(conf: np.ndarray, ok: np.ndarray) -> float:
    """Given confidences and rightness, return the review threshold (see the module docstring)."""
    best = 0.0
    for t in np.unique(np.round(conf, 3)):
        if np.mean(conf[ok] < t) <= MAX_RIGHT_FLAGGED:
            best = float(t)
    return best


def cross_validate(exs, feats, offset, classes, taxonomy) -> list[Verdict]:
    """Every fitted row's verdict from a model trained on the other folds."""
    probs: list[dict | None] = [None] * len(exs)
    folds = [_fold(e) for e in exs]
    for k in range(FOLDS):
        train_idx = [i for i, f in enumerate(folds) if f != k]
        test_idx = [i for i, f in enumerate(folds) if f == k]
        index, w = train([exs[i] for i in train_idx], [feats[i] for i in train_idx], offset[train_idx], classes)
        for i, p in zip(test_idx, predict(index, w, [feats[i] for i in test_idx], offset[test_idx], classes)):
            probs[i] = p
        print(f"  第 {k + 1}/{FOLDS} 折")
    return verdicts(exs, probs, feats, taxonomy, 1.0)


def main() -> int:
    taxonomy = load_taxonomy()
    exs = examples(taxonomy)
    fit_exs = [e for e in exs if e.part == "fit"]
    classes = sorted({e.target for e in fit_exs} | {d.code for d in taxonomy.domains}
                     | {FIELD_PREFIX + f.name for f in taxonomy.fields})
    feats = [featurize(e.fields) for e in fit_exs]
    print(f"训练行 {len(fit_exs)}（留出 {len(exs) - len(fit_exs)}），类别 {len(classes)}；交叉验证：")
    offset = offsets(fit_exs, classes, taxonomy)
    raw = cross_validate(fit_exs, feats, offset, classes, taxonomy)
    index, w = train(fit_exs, feats, offset, classes)
    base = predict(index, w, [{"B": 1.0}], np.zeros((1, len(classes))), classes)[0]  # a row that says nothing
    grid = {o: round(balanced(fit_exs, redecide(raw, o)), 4) for o in OUTSIDE_GRID}
    print(f"领域外权重（交叉验证逐行平均准确率）：{grid}")
    outside_weight = max(OUTSIDE_GRID, key=lambda o: (grid[o], o))
    alone = redecide(raw, outside_weight)
    scored = {i: balanced(fit_exs, by_scheme(fit_exs, alone, c, outside_weight, taxonomy, base))
              for i, c in enumerate(CONTEXT_GRID)}
    print("方案上下文（交叉验证按方案平均准确率）：" + "，".join(f"{c}: {scored[i]:.4f}" for i, c in enumerate(CONTEXT_GRID)))
    # settings whose scores differ by less than the noise of cross-validation are equal: the one that lets the
    # scheme override least (the smallest gamma) is taken, the best of its kind
    near = [i for i in scored if scored[i] >= max(scored.values()) - CONTEXT_NOISE]
    least = min(CONTEXT_GRID[i].gamma for i in near)
    ctx = CONTEXT_GRID[max((i for i in near if CONTEXT_GRID[i].gamma == least), key=lambda i: (round(scored[i], 4), -i))]
    together = by_scheme(fit_exs, alone, ctx, outside_weight, taxonomy, base)
    mixed_exs, mixed = mixed_schemes(fit_exs, alone, ctx, outside_weight, taxonomy, base)
    x = np.array([features(v) for v in alone + together + mixed])
    ok = np.array([right(e, v) for e, v in zip(fit_exs + fit_exs + mixed_exs, alone + together + mixed)])
    cw = logistic(x, ok.astype(float))
    conf = 1 / (1 + np.exp(-x @ cw))
    # the threshold decides on the answers the basis rule (classify.second_hand) does not already send for review
    rest = ~np.array([second_hand(v) for v in alone + together + mixed])
    t = threshold(conf[rest], ok[rest])
    names = np.array(sorted(index, key=index.get))
    np.savez_compressed(MODEL_PATH, features=names, classes=np.array(classes), weights=w.astype(np.float16),
                        offset_weight=np.array(OFFSET_WEIGHT))
    CALIBRATION_PATH.write_text(json.dumps(
        {"features": FEATURE_NAMES, "weights": [round(float(v), 4) for v in cw], "review_below": round(t, 3),
         "outside_weight": outside_weight, "context": asdict(ctx),
         "fitted_on": {"rows": len(fit_exs), "cross_validated_balanced_alone": round(balanced(fit_exs, alone), 4),
                       "cross_validated_balanced_together": round(balanced(fit_exs, together), 4)}},
        ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"交叉验证（司法行与领域外行准确率的平均）：逐行 {balanced(fit_exs, alone):.3f}，按方案 "
          f"{balanced(fit_exs, together):.3f}（领域外权重 {outside_weight}，方案上下文 {ctx}）；置信度权重 {dict(zip(FEATURE_NAMES, np.round(cw, 3)))}；"
          f"复核阈值 {t:.3f}；特征 {len(index)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
