"""Compare parsed atoms with the hand-checked clause expectations (corpus/expected/clauses/*.yaml)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Iterable

from schemas.rules import RuleAtom

from .grammar import parse_clause

# The fields that decide points are compared exactly; labels of weight parts, metric, condition, period,
# ranks, grades and the old weights mapping are looser (people name a rater group in several ways).
COMPARED = ("kind", "points", "per", "cap", "range", "thresholds", "subtype", "start", "occurrence", "values")
# The blind figure of unseen.yaml was recorded on these, before the new fields existed.
COMPARED_BEFORE = COMPARED[:6]
_TOLERANCE = 1e-9


def _same(a, b) -> bool:
    """Given two JSON-like values, compare them with float tolerance and lists in order."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= _TOLERANCE
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return a == b


def comparable(atom: RuleAtom | dict, fields: tuple[str, ...] = COMPARED) -> dict:
    """Given an atom (model or expected mapping), return the compared fields in JSON form."""
    data = atom.model_dump(mode="json") if isinstance(atom, RuleAtom) else RuleAtom.model_validate(
        {k: v for k, v in atom.items()}).model_dump(mode="json")
    out = {key: data.get(key) for key in fields}
    out["thresholds"] = [{"op": t["op"], "value": t["value"], "points": t.get("points")} for t in out["thresholds"]]
    if "values" in out:  # a part's numbers decide the score; its label is matched loosely, like weights
        out["values"] = [{"weight": v["weight"], "points": v["points"]} for v in out["values"]]
    return out


def _load(paths: Iterable[str | Path]) -> list[tuple[str, dict]]:
    """Given expectation files or folders, return (document, clause entry) pairs."""
    import yaml

    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    entries = []
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        for clause in data.get("clauses") or []:
            entries.append((data.get("document", file.stem), clause))
    return entries


def evaluate_clauses(paths: Iterable[str | Path], fields: tuple[str, ...] = COMPARED) -> dict:
    """Given expectation files, return exact-match rates overall and per expected kind, the unparsed share
    and how many clauses with expected atoms got none at all (``lost``); ``fields`` are compared exactly."""
    entries = _load(paths)
    per_kind: Counter = Counter()
    per_kind_ok: Counter = Counter()
    clause_ok = unparsed = lost = 0
    mismatches = []
    for document, clause in entries:
        got = [comparable(a, fields) for a in parse_clause(clause["text"])]
        want = [comparable(a, fields) for a in clause.get("atoms") or []]
        ok = _same(got, want)
        clause_ok += ok
        unparsed += any(a["kind"] == "unparsed" for a in got)
        lost += bool(want) and not got
        for i, atom in enumerate(want):
            per_kind[atom["kind"]] += 1
            per_kind_ok[atom["kind"]] += i < len(got) and _same(got[i], atom)
        if not want:
            per_kind["(none)"] += 1
            per_kind_ok["(none)"] += ok
        if not ok:
            mismatches.append({"document": document, "where": clause.get("where"), "text": clause["text"],
                               "expected": want, "got": got})
    total = len(entries) or 1
    return {
        "clauses": len(entries),
        "exact_match": clause_ok / total,
        "per_kind": {k: {"atoms": n, "exact_match": per_kind_ok[k] / n} for k, n in sorted(per_kind.items())},
        "unparsed_share": unparsed / total,
        "lost": lost,
        "mismatches": mismatches,
    }


def print_report(report: dict, show: int = 20) -> None:
    """Given an evaluate_clauses report, print it in Chinese with the first mismatches."""
    print(f"条款规则：{report['clauses']} 条，完全一致 {report['exact_match']:.1%}，"
          f"无法解析 {report['unparsed_share']:.1%}，丢失 {report['lost']} 条")
    for kind, row in report["per_kind"].items():
        print(f"  {kind:<14} {row['atoms']:>4} 个  一致 {row['exact_match']:.1%}")
    for miss in report["mismatches"][:show]:
        print(f"  ✗ {miss['document']} {miss['where']}：{miss['text']}")
        print(f"      期望 {miss['expected']}")
        print(f"      得到 {miss['got']}")


if __name__ == "__main__":
    import sys

    print_report(evaluate_clauses(sys.argv[1:] or ["corpus/expected/clauses"]), show=1000)
