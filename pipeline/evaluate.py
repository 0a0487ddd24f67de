"""`make eval`: accuracy of kaoping against the hand-checked expectations in corpus/expected/.

Per document and input format: indicator precision/recall/F1, points and department exact-match
rates among matched indicators (results rows for results documents), then clause-level rule
accuracy. Exit status 1 when a target of the foundation issue is missed.
"""
from __future__ import annotations

import argparse
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
EXPECTED = CORPUS / "expected"

# Targets of the foundation issue, for the born-digital formats and seed text.
TARGET_F1 = 0.98
TARGET_POINTS = 0.99
TARGET_FORMATS = {"docx", "pdf", "txt"}


def norm(text) -> str:
    """Given a text, fold width and drop white space, so formats compare on content only."""
    if text is None:
        return ""
    return "".join(unicodedata.normalize("NFKC", str(text)).split())


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
        return self.points_ok / self.matched if self.matched else 0.0

    @property
    def dept_rate(self) -> float:
        return self.dept_ok / self.matched if self.matched else 0.0


def match(expected: list[dict], predicted: list[dict], key, tiebreak) -> list[tuple[dict, dict]]:
    """Given expected and predicted rows, pair them one-to-one by ``key``; among several
    candidates with the same key, prefer the one ``tiebreak`` scores highest."""
    pool: dict[str, list[dict]] = {}
    for p in predicted:
        pool.setdefault(key(p), []).append(p)
    pairs = []
    for e in expected:
        candidates = pool.get(key(e), [])
        if not candidates:
            continue
        best = max(candidates, key=lambda p: tiebreak(e, p))
        candidates.remove(best)
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
    return s


def score_indicators(expected: list[dict], predicted: list[dict]) -> Score:
    return _score(
        expected, predicted,
        lambda e, p: (_cat_names(e) == _cat_names(p), norm(e.get("number")) == norm(p.get("number"))),
        lambda e, p: same_number(e.get("points"), p.get("points")),
    )


def score_results(expected: list[dict], predicted: list[dict]) -> Score:
    return _score(
        expected, predicted,
        lambda e, p: (norm(e.get("group")) == norm(p.get("group")), norm(e.get("path")) == norm(p.get("path"))),
        lambda e, p: (same_number(e.get("points_got"), p.get("points_got"))
                      and same_number(e.get("points_due"), p.get("points_due"))),
    )


def predicted_rows(path: Path) -> tuple[list[dict], list[dict]]:
    """Run the pipeline on ``path``; return its indicators and results as plain dicts."""
    from .extract import extract_table

    _, table = extract_table(path)
    inds = [
        {
            "name": i.name, "number": i.number, "points": i.points, "department": i.department,
            "categories": [c.name for c in i.categories],
        }
        for i in table.indicators
    ]
    results = [r.model_dump() for r in table.results]
    return inds, results


def format_of(path: Path) -> str:
    return path.suffix.lstrip(".").lower()


def evaluate_document(spec: dict, only_formats: set[str] | None) -> list[tuple[str, str, Score, str]]:
    rows = []
    expected_inds = spec.get("indicators") or []
    expected_results = spec.get("results") or []
    for rel in spec.get("inputs") or []:
        path = CORPUS / rel
        fmt = format_of(path)
        if only_formats and fmt not in only_formats:
            continue
        try:
            inds, results = predicted_rows(path)
        except Exception as exc:  # an eval must report every input, whatever breaks
            rows.append((rel, fmt, Score(expected=len(expected_inds) or len(expected_results)), f"失败：{exc}"))
            continue
        if expected_results:
            rows.append((rel, fmt, score_results(expected_results, results), "结果行"))
        else:
            rows.append((rel, fmt, score_indicators(expected_inds, inds), "指标"))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--format", action="append", help="只评估这些格式（docx/pdf/txt/xlsx/html）")
    parser.add_argument("-v", "--verbose", action="store_true", help="列出漏提和多提的指标")
    args = parser.parse_args(argv)
    only = set(args.format) if args.format else None

    failures = []
    print(f"{'文件':<48}{'类型':<6}{'预期':>5}{'提取':>5}{'匹配':>5}{'P':>7}{'R':>7}{'F1':>7}{'分值':>7}{'部门':>7}")
    for spec_path in sorted(EXPECTED.glob("*.yaml")):
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
        for rel, fmt, s, what in evaluate_document(spec, only):
            print(
                f"{rel:<48}{what[:4]:<6}{s.expected:>5}{s.predicted:>5}{s.matched:>5}"
                f"{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.points_rate:>7.3f}{s.dept_rate:>7.3f}"
            )
            if what.startswith("失败"):
                print(f"    {what}")
            if args.verbose and (s.misses or s.extras):
                for m in s.misses:
                    print(f"    漏提：{m}")
                for x in s.extras:
                    print(f"    多提：{x}")
            if fmt in TARGET_FORMATS and (s.f1 < TARGET_F1 or s.points_rate < TARGET_POINTS):
                failures.append(rel)
    clause_ok = evaluate_rules()
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
        print(f"{path.name:<28}{r['clauses']:>6}{r['exact_match']:>9.1%}{r['unparsed_share']:>9.1%}{r['lost']:>6}")
    report = evaluate_clauses(files)
    print()
    print_report(report)
    return report["exact_match"] >= 0.97 and report["lost"] == 0


if __name__ == "__main__":
    sys.exit(main())
