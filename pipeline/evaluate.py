"""`make eval`: accuracy of kaoping against the hand-checked expectations in corpus/expected/.

Three groups: `corpus` (the five schemes in every rendition, corpus/expected/*.yaml), `wild` (real binary
documents from other organisations, expected/wild/) and `web` (real scheme texts as found, expected/web/).
Per input: indicator precision/recall/F1, points and department exact-match rates among matched
indicators (results rows for results documents); per group the same figures over all rows, how many
documents came out right, how many crashed, and the blind figure recorded before tuning
(expected/blind.yaml). Then clause-level rule accuracy. Exit status 1 when a corpus target is missed.
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
EXPECTED = CORPUS / "expected"
GROUPS = {"corpus": EXPECTED, "wild": EXPECTED / "wild", "web": EXPECTED / "web", "blind2": EXPECTED / "blind2",
          "blind3": EXPECTED / "blind3", "blind4": EXPECTED / "blind4", "blind5": EXPECTED / "blind5"}
BLIND = EXPECTED / "blind.yaml"
# Extraction sets still sealed: measured only when named, and then as a summary alone, so that running the
# evaluation never shows a developer which sealed document went wrong.
SEALED_GROUPS = {"blind4", "blind5"}
# Clause sets kept blind: printed by `make eval`, never asserted by a test nor tuned on.
BLIND_CLAUSE_SETS = {"unseen4.yaml"}

# Targets of the foundation issue, for the born-digital formats and seed text of the corpus.
TARGET_F1 = 0.98
TARGET_POINTS = 0.99
TARGET_FORMATS = {"docx", "pdf", "txt"}
# A document from elsewhere "came out right" at these rates (the extraction issue's targets).
RIGHT_F1 = 0.90
RIGHT_POINTS = 0.95
# A name pairs with one it is a prefix of only when the shorter has at least this many characters.
MIN_PREFIX = 4

# Pinyin left behind by web converters after a character: 發(fā)布.
_PINYIN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")


def norm(text) -> str:
    """Given a text, fold width and traditional forms and drop white space and pinyin debris, so formats
    compare on content only. Kept apart from kaoping's own folding so the evaluation does not depend on
    the code it measures."""
    if text is None:
        return ""
    import zhconv

    folded = "".join(unicodedata.normalize("NFKC", str(text)).split())
    return _PINYIN.sub("", zhconv.convert(folded, "zh-hans"))


def same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-6


@dataclass
class Score:
    expected: int = 0
    predicted: int = 0
    matched: int = 0
    points_ok: int = 0
    dept_ok: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong_points: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in ("expected", "predicted", "matched", "points_ok", "dept_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def points_rate(self) -> float:
        return self.points_ok / self.matched if self.matched else (1.0 if not self.expected else 0.0)

    @property
    def dept_rate(self) -> float:
        return self.dept_ok / self.matched if self.matched else (1.0 if not self.expected else 0.0)

    @property
    def right(self) -> bool:
        return self.f1 >= RIGHT_F1 and self.points_rate >= RIGHT_POINTS


def _prefix_related(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return len(short) >= MIN_PREFIX and long_.startswith(short)


def match(expected: list[dict], predicted: list[dict], key, tiebreak) -> list[tuple[dict, dict]]:
    """Given expected and predicted rows, pair them one-to-one: first by equal ``key``, then the rest by
    a key that is a prefix of the other's; among several candidates prefer the one ``tiebreak`` scores
    highest, then the earliest."""
    pairs: list[tuple[dict, dict]] = []
    free = list(predicted)
    paired: set[int] = set()
    for related in (str.__eq__, _prefix_related):
        for e in expected:
            if id(e) in paired:
                continue
            candidates = [p for p in free if related(key(e), key(p))]
            if not candidates:
                continue
            best = max(candidates, key=lambda p: tiebreak(e, p))
            free.remove(best)
            paired.add(id(e))
            pairs.append((e, best))
    return pairs


def _cat_names(row: dict) -> list[str]:
    return [norm(c["name"] if isinstance(c, dict) else c) for c in row.get("categories") or []]


def _score(expected: list[dict], predicted: list[dict], tiebreak, points_equal) -> Score:
    """Given expected and predicted rows matched by name (``tiebreak`` among equal names),
    count matches, equal points (``points_equal``) and equal departments."""
    pairs = match(expected, predicted, lambda r: norm(r.get("name")), tiebreak)
    s = Score(expected=len(expected), predicted=len(predicted), matched=len(pairs))
    s.points_ok = sum(points_equal(e, p) for e, p in pairs)
    s.dept_ok = sum(norm(e.get("department")) == norm(p.get("department")) for e, p in pairs)
    matched_e = {id(e) for e, _ in pairs}
    matched_p = {id(p) for _, p in pairs}
    s.misses = [str(e.get("name"))[:40] for e in expected if id(e) not in matched_e]
    s.extras = [str(p.get("name"))[:40] for p in predicted if id(p) not in matched_p]
    s.wrong_points = [f"{str(e.get('name'))[:30]}：预期 {e.get('points')}/{e.get('weight')}，"
                      f"提取 {p.get('points')}/{p.get('weight')}" for e, p in pairs if not points_equal(e, p)]
    return s


def _indicator_points_equal(e: dict, p: dict) -> bool:
    """Points must agree, and so must weights wherever either side has one."""
    return same_number(e.get("points"), p.get("points")) and same_number(e.get("weight"), p.get("weight"))


def score_indicators(expected: list[dict], predicted: list[dict]) -> Score:
    return _score(
        expected, predicted,
        lambda e, p: (_cat_names(e) == _cat_names(p), norm(e.get("number")) == norm(p.get("number"))),
        _indicator_points_equal,
    )


def score_results(expected: list[dict], predicted: list[dict]) -> Score:
    return _score(
        expected, predicted,
        lambda e, p: (norm(e.get("group")) == norm(p.get("group")), norm(e.get("path")) == norm(p.get("path"))),
        lambda e, p: (same_number(e.get("points_got"), p.get("points_got"))
                      and same_number(e.get("points_due"), p.get("points_due"))),
    )


@dataclass
class Outcome:
    """What one input gave: its score, whether it crashed, whether kaoping asked for review."""

    rel: str
    fmt: str
    what: str
    score: Score
    crashed: str | None = None
    review: bool = False


def predicted_rows(path: Path) -> tuple[list[dict], list[dict], bool]:
    """Run the pipeline on ``path``; return its indicators and results as plain dicts, and whether the
    table asks for a person's review."""
    from .extract import extract_table

    _, table = extract_table(path)
    inds = [
        {
            "name": i.name, "number": i.number, "points": i.points, "department": i.department,
            "weight": getattr(i, "weight", None), "categories": [c.name for c in i.categories],
        }
        for i in table.indicators
    ]
    results = [r.model_dump() for r in table.results]
    return inds, results, bool(getattr(table, "needs_review", False))


def format_of(path: Path) -> str:
    return path.suffix.lstrip(".").lower()


def evaluate_document(spec: dict, only_formats: set[str] | None) -> list[Outcome]:
    outcomes = []
    expected_inds = spec.get("indicators") or []
    expected_results = spec.get("results") or []
    for rel in spec.get("inputs") or []:
        path = CORPUS / rel
        fmt = format_of(path)
        if only_formats and fmt not in only_formats:
            continue
        what = "结果行" if expected_results else ("无指标" if spec.get("kind") == "none" else "指标")
        try:
            inds, results, review = predicted_rows(path)
        except Exception as exc:  # an eval must report every input, whatever breaks
            empty = Score(expected=len(expected_inds) or len(expected_results))
            outcomes.append(Outcome(rel, fmt, what, empty, crashed=f"{type(exc).__name__}: {exc}"[:200]))
            continue
        if expected_results:
            s = score_results(expected_results, results)
        else:
            s = score_indicators(expected_inds, inds)
        outcomes.append(Outcome(rel, fmt, what, s, review=review))
    return outcomes


def load_specs(group: str) -> list[dict]:
    folder = GROUPS[group]
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))
            if p.name != BLIND.name]


def summarize(outcomes: list[Outcome]) -> dict:
    """Given the outcomes of a group, return its row-level totals and document counts."""
    total = Score()
    for o in outcomes:
        total.add(o.score)
    wrong = [o for o in outcomes if o.crashed or not o.score.right]
    right = [o for o in outcomes if not (o.crashed or not o.score.right)]
    return {
        "inputs": len(outcomes), "right": len(outcomes) - len(wrong),
        "crashes": sum(1 for o in outcomes if o.crashed),
        "wrong_unflagged": sum(1 for o in wrong if not o.review),
        # How much the 需复核 mark tells a person: right documents it spares, wrong ones it catches.
        "right_flagged": sum(1 for o in right if o.review),
        "wrong_flagged": sum(1 for o in wrong if o.review),
        "f1": round(total.f1, 3), "points": round(total.points_rate, 3), "department": round(total.dept_rate, 3),
        "expected": total.expected, "predicted": total.predicted, "matched": total.matched,
    }


def _print_outcome(o: Outcome, verbose: bool) -> None:
    s = o.score
    flag = "需复核" if o.review else ""
    print(f"{o.rel[:52]:<54}{o.what:<5}{s.expected:>5}{s.predicted:>5}{s.matched:>5}"
          f"{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.points_rate:>7.3f}{s.dept_rate:>7.3f}  {flag}")
    if o.crashed:
        print(f"    失败：{o.crashed}")
    if verbose:
        for m in s.misses:
            print(f"    漏提：{m}")
        for x in s.extras:
            print(f"    多提：{x}")
        for w in s.wrong_points:
            print(f"    分值：{w}")


def _print_summary(group: str, summary: dict, blind: dict | None) -> None:
    def line(label: str, d: dict) -> str:
        return (f"  {label:<6} 文件 {d['inputs']:>3}  正确 {d['right']:>3}  崩溃 {d['crashes']:>2}  "
                f"错而未标复核 {d.get('wrong_unflagged', '—'):>3}  F1 {d['f1']:.3f}  分值 {d['points']:.3f}  "
                f"部门 {d['department']:.3f}")
    print(f"【{group}】")
    if blind:
        print(line("盲测", blind) + f"  （{blind.get('date', '')}）")
    print(line("现在", summary))
    right_unflagged = summary["right"] - summary["right_flagged"]
    print(f"  需复核  对而标 {summary['right_flagged']:>3}  对而未标 {right_unflagged:>3}  "
          f"错而标 {summary['wrong_flagged']:>3}  错而未标 {summary['wrong_unflagged']:>3}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--format", action="append", help="只评估这些格式（docx/pdf/txt/xlsx/html）")
    parser.add_argument("--group", action="append", choices=sorted(GROUPS),
                        help="只评估这些组（封存组只在点名时评估，且只打印汇总）")
    parser.add_argument("-v", "--verbose", action="store_true", help="列出漏提、多提和分值不符的指标")
    parser.add_argument("--no-rules", action="store_true", help="不评估规则条款")
    args = parser.parse_args(argv)
    only = set(args.format) if args.format else None
    groups = args.group or [g for g in GROUPS if g not in SEALED_GROUPS]
    blind = yaml.safe_load(BLIND.read_text(encoding="utf-8")) if BLIND.exists() else {}

    failures = []
    summaries = {}
    for group in groups:
        if group not in SEALED_GROUPS:
            print(f"\n{'文件':<54}{'类型':<5}{'预期':>5}{'提取':>5}{'匹配':>5}{'P':>7}{'R':>7}{'F1':>7}{'分值':>7}{'部门':>7}")
        outcomes = []
        for spec in load_specs(group):
            for o in evaluate_document(spec, only):
                outcomes.append(o)
                if group not in SEALED_GROUPS:
                    _print_outcome(o, args.verbose)
                if (group == "corpus" and o.fmt in TARGET_FORMATS
                        and (o.score.f1 < TARGET_F1 or o.score.points_rate < TARGET_POINTS)):
                    failures.append(o.rel)
        summaries[group] = summarize(outcomes)
    print()
    for group, summary in summaries.items():
        _print_summary(group, summary, (blind.get("groups") or {}).get(group))
    clause_ok = True if args.no_rules else evaluate_rules()
    if failures:
        print(f"\n未达目标（F1 ≥ {TARGET_F1}，分值 ≥ {TARGET_POINTS}）：" + "、".join(failures))
    return 1 if failures or not clause_ok else 0


def evaluate_rules() -> bool:
    """Clause-level rule accuracy against corpus/expected/clauses, per file and overall."""
    files = sorted((EXPECTED / "clauses").glob("*.yaml"))
    if not files:
        return True
    from .rules.evaluate import evaluate_clauses, print_report

    print(f"\n{'条款文件':<28}{'条款':>6}{'一致':>9}{'未解析':>9}{'丢失':>6}")
    for path in files:
        r = evaluate_clauses([path])
        if not r["clauses"]:
            print(f"{path.name:<28}{0:>6}{'—':>9}{'—':>9}{'—':>6}")
            continue
        mark = "  盲测" if path.name in BLIND_CLAUSE_SETS else ""
        print(f"{path.name:<28}{r['clauses']:>6}{r['exact_match']:>9.1%}{r['unparsed_share']:>9.1%}{r['lost']:>6}{mark}")
    open_files = [p for p in files if p.name not in BLIND_CLAUSE_SETS]
    report = evaluate_clauses(open_files)
    print("\n开放条款集（开发时可见）：")
    print_report(report)
    return report["exact_match"] >= 0.97 and report["lost"] == 0


if __name__ == "__main__":
    sys.exit(main())
