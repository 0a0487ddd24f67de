"""`python -m pipeline.normalize.evaluate` (part of `make eval`): how the domain normalizer does on labelled rows.

Sets: the blind sets (corpus/expected/domains/unseen.yaml and, once written, unseen2.yaml, labelled by separate
readers; rows from documents read while writing the taxonomy words are reported apart from the sealed ones),
kaoping's own rows (train.yaml and own/: the part the model was fitted on and the held-out part), and the corpus
schemes' files (fitted on too: a check that the pipeline still reads them, not a measure).
Figures: judicial rows put in an accepted domain, out-of-taxonomy rows left `other`, all rows right, AUROC of
the confidence (right vs wrong), and the review flag: share of wrong answers flagged, share of right ones flagged.
Two modes for the blind sets: `row` (each row alone, as `kaoping normalize --stdin` does) and `scheme` (rows of one
document together, the others a prior for each, as `normalize_table` does).
"""
from __future__ import annotations

import argparse
from dataclasses import dataclass

import yaml

from schemas.normalized import DomainAssignment

from .classify import classify
from .context import classify_scheme
from .departments import department_fields
from .labelled import DOMAINS, ROOT, UNSEEN, UNSEEN2, UNSEEN3, UNSEEN4, UNSEEN5, Row, key, own_rows, scheme_rows, unseen_rows
from .taxonomy import Taxonomy, load_taxonomy

BLIND = {"judicial": 0.525, "other_kept": 0.658, "auroc": 0.369}  # corpus/expected/domains/BLIND.md, never rewritten
OPEN = (UNSEEN2, UNSEEN3, UNSEEN4)  # blind sets opened to developers after their blind figure (BLIND.md)
LEAD_ONLY = (UNSEEN5,)  # sealed sets the lead measures between rounds: run only when named (--set), never by default
CORPUS_DOCS = ["wujin-2021-jixiao", "qiaocheng-2023-kaoping", "songjiang-2021-kaoping", "qiaokou-2020-zipingbiao"]


def classify_row(row: Row, taxonomy: Taxonomy) -> DomainAssignment:
    """Given a labelled row, return its assignment from its own fields (department hint as the CLI gives it)."""
    hint, text = department_fields(row.fields.get("department"), taxonomy)
    return classify({**row.fields, "department": text}, department_domain=hint, taxonomy=taxonomy)


def classify_schemes(rows: list[Row], taxonomy: Taxonomy) -> list[DomainAssignment]:
    """Given rows, return their assignments with each document's rows read together."""
    out: list[DomainAssignment | None] = [None] * len(rows)
    for source in dict.fromkeys(r.source for r in rows):
        idx = [i for i, r in enumerate(rows) if r.source == source]
        prepared = []
        for i in idx:
            hint, text = department_fields(rows[i].fields.get("department"), taxonomy)
            prepared.append((rows[i].group, {**rows[i].fields, "department": text}, hint))
        for i, a in zip(idx, classify_scheme(prepared, taxonomy, title=rows[idx[0]].title)):
            out[i] = a
    return out


def auroc(pairs: list[tuple[float, bool]]) -> float | None:
    """Given (confidence, right) pairs, return the probability a right answer is ranked above a wrong one."""
    pos = [c for c, ok in pairs if ok]
    neg = [c for c, ok in pairs if not ok]
    if not pos or not neg:
        return None
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))


@dataclass
class Figures:
    judicial: tuple[int, int]
    other_kept: tuple[int, int]
    right: tuple[int, int]
    auroc: float | None
    wrong_flagged: tuple[int, int]
    right_flagged: tuple[int, int]
    wrong: list[tuple[Row, DomainAssignment]]


def figures(rows: list[Row], assigned: list[DomainAssignment]) -> Figures:
    """Given labelled rows and their assignments, return the figures."""
    oks = [a.code in r.accepted for r, a in zip(rows, assigned)]
    jud = [(ok, r) for ok, r in zip(oks, rows) if r.judicial]
    oth = [a.code == "other" for r, a in zip(rows, assigned) if not r.judicial]
    wrong = [(r, a) for ok, r, a in zip(oks, rows, assigned) if not ok]
    right_flags = [a.review for ok, a in zip(oks, assigned) if ok]
    return Figures((sum(ok for ok, _ in jud), len(jud)), (sum(oth), len(oth)), (sum(oks), len(oks)),
                   auroc([(a.confidence, ok) for ok, a in zip(oks, assigned)]),
                   (sum(a.review for _, a in wrong), len(wrong)), (sum(right_flags), len(right_flags)), wrong)


def _rate(pair: tuple[int, int]) -> str:
    n, d = pair
    return f"{n}/{d} = {n / d:.3f}" if d else "—"


def line(label: str, f: Figures) -> str:
    auc = f"{f.auroc:.3f}" if f.auroc is not None else "—"
    return (f"{label:<28} 司法领域行归对 {_rate(f.judicial):<17} 领域外行留作其他 {_rate(f.other_kept):<17} "
            f"全部 {_rate(f.right):<17} AUROC {auc:<6} 错答标复核 {_rate(f.wrong_flagged):<15} "
            f"对答标复核 {_rate(f.right_flagged)}")


def corpus_rows(taxonomy: Taxonomy) -> tuple[list[Row], list[DomainAssignment]]:
    """Rows of the corpus domain files with the assignments of the full pipeline (extract → normalize_table)."""
    from pipeline.extract import extract_table

    from .scheme import normalize_table

    rows, assigned = [], []
    for name in CORPUS_DOCS:
        expected = yaml.safe_load((DOMAINS / f"{name}.yaml").read_text(encoding="utf-8"))["indicators"]
        scheme = normalize_table(extract_table(ROOT / "corpus" / "docs" / f"{name}.docx")[1], taxonomy)
        pool: dict[str, list] = {}
        for entry in expected:
            pool.setdefault(key(entry[0]), []).append(entry)
        for ind in scheme.indicators:
            if entries := pool.get(key(ind.name)):
                entry = entries.pop(0)
                codes = [taxonomy.by_name(n).code for n in [entry[1], *(entry[2] if len(entry) > 2 else [])]]
                rows.append(Row({"name": ind.name}, codes, name, tags={name}))
                assigned.append(ind.domain)
    return rows, assigned


def _blind(label: str, blind: list[Row], taxonomy: Taxonomy) -> list[tuple[str, Figures]]:
    results = []
    by_row = [classify_row(r, taxonomy) for r in blind]
    by_scheme = classify_schemes(blind, taxonomy)
    for mode, assigned in (("逐行", by_row), ("按方案", by_scheme)):
        for part in ("all", "sealed", "read"):
            idx = [i for i, r in enumerate(blind) if part == "all" or part in r.tags]
            if idx and (part == "all" or len(idx) < len(blind)):  # a part that is the whole set is not repeated
                name = f"{label} {mode} {dict(all='全部', sealed='未读文档', read='读过文档')[part]}（{len(idx)}）"
                results.append((name, figures([blind[i] for i in idx], [assigned[i] for i in idx])))
    return results


def report(show_wrong: str | None = None, with_corpus: bool = True, blind: bool = True,
           files: tuple[str, ...] = (), sealed: bool = True, only: tuple[str, ...] = ()) -> list[tuple[str, Figures]]:
    """Print the figures of every set; return them (label, figures). `files`: own/ files also reported alone
    (new rows get their first figure so, before they are fitted on); `sealed` False runs only the opened blind sets
    (OPEN); `only` names the blind sets to run alone (own rows and corpus skipped), the one way LEAD_ONLY sets run."""
    taxonomy = load_taxonomy()
    own, read = own_rows()
    results = []
    print(f"基线（盲测记录，BLIND.md）：司法领域行归对 {BLIND['judicial']}，领域外行留作其他 {BLIND['other_kept']}，"
          f"AUROC {BLIND['auroc']}")
    for label, path in (("unseen", UNSEEN), ("unseen2", UNSEEN2), ("unseen3", UNSEEN3),
                        ("unseen4", UNSEEN4), ("unseen5", UNSEEN5)):
        named = label in only
        by_default = not only and blind and path.exists() and path not in LEAD_ONLY and (sealed or path in OPEN)
        if named or by_default:
            results += _blind(label, unseen_rows(read, path), taxonomy)
    if only:
        for label, f in results:
            print(line(label, f))
        return results
    own_assigned = [classify_row(r, taxonomy) for r in own]
    for part in ("fit", "holdout"):
        idx = [i for i, r in enumerate(own) if part in r.tags]
        results.append((f"train.yaml {dict(fit='拟合部分', holdout='留出部分')[part]}（{len(idx)}）",
                        figures([own[i] for i in idx], [own_assigned[i] for i in idx])))
    schemes = scheme_rows()
    alone = [classify_row(r, taxonomy) for r in schemes]
    together = classify_schemes(schemes, taxonomy)
    for part in ("fit", "holdout"):
        idx = [i for i, r in enumerate(schemes) if part in r.tags]
        for mode, assigned in (("逐行", alone), ("按方案", together)):
            results.append((f"own/ {mode} {dict(fit='拟合部分', holdout='留出部分')[part]}（{len(idx)}）",
                            figures([schemes[i] for i in idx], [assigned[i] for i in idx])))
    for stem in files:
        idx = [i for i, r in enumerate(schemes) if r.source.split(":")[0] == stem]
        for mode, assigned in (("逐行", alone), ("按方案", together)):
            results.append((f"own/{stem} {mode}（{len(idx)}）", figures([schemes[i] for i in idx],
                                                                    [assigned[i] for i in idx])))
    if with_corpus:
        rows, assigned = corpus_rows(taxonomy)
        results.append((f"语料四份方案（{len(rows)}）", figures(rows, assigned)))
    for label, f in results:
        print(line(label, f))
    if show_wrong:
        for label, f in results:
            # the blind sets are a measure, not a to-do list: their wrong rows are never listed
            if label.startswith(show_wrong) and not label.startswith("unseen"):
                for r, a in f.wrong:
                    print(f"  ✗ {r.accepted} ← {a.code}/{a.field} {a.confidence:.2f} {r.fields.get('category')} ▸ "
                          f"{r.fields['name'][:40]} {a.words[:4]}")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="领域归类评估")
    parser.add_argument("--wrong", help="列出某一组（按标签开头匹配，如 train 或 语料；盲测集不列出）的错答")
    parser.add_argument("--no-corpus", action="store_true", help="不提取语料方案（更快）")
    parser.add_argument("--no-blind", action="store_true", help="不跑盲测集（开发时只看自有数据）")
    parser.add_argument("--no-sealed", action="store_true",
                        help="不跑封存的盲测集（unseen.yaml 的未读部分每轮只在最后量一次，新的密封集由负责人量），只跑已开放的 unseen2、unseen3、unseen4")
    parser.add_argument("--file", action="append", default=[], help="另外单列 own/ 下某个文件（如 judicial-8）的数字")
    parser.add_argument("--set", action="append", default=[], help="只跑点名的盲测集（如 unseen5，新的密封集只能这样跑，只打印汇总）")
    args = parser.parse_args(argv)
    report(args.wrong, not args.no_corpus, not args.no_blind, tuple(args.file), not args.no_sealed, tuple(args.set))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
