"""Align the indicators of two schemes: n-gram candidates, an alignment score, equal/similar/only-in-one."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from schemas.normalized import NormalizedIndicator

# Punctuation and numbering carry no meaning for "is this the same indicator".
_NOISE = re.compile(r"[\s\d.、，,。；;：:（）()“”\"'《》【】\[\]\-—·/％%]+")
_PUNCT = re.compile(r"[\s、，,。；;：:（）()“”\"'《》【】\[\]—·]+")  # equality keeps numbers: 扣5分 ≠ 扣10分
CANDIDATE_MIN = 0.2  # n-gram similarity of names or bodies below which two indicators are not compared
ACCEPT = 0.4  # alignment score from which a pair counts as the same indicator, reworded
BODY_CHARS = 300  # long criteria would drown the name: compare their head
CONTAINED_MIN = 4  # bigrams a name needs before "contained in the other name" counts (not 信息, 其他)
CONTAINED_WEIGHT = 0.75
MIN_EQUAL_RUN = 2  # shorter common runs between two changes are shown as part of the change

Label = Literal["equal", "similar", "only_left", "only_right"]
LABELS_ZH = {"equal": "相同", "similar": "相近", "only_left": "仅左方有", "only_right": "仅右方有"}


@dataclass
class Pair:
    left: NormalizedIndicator | None
    right: NormalizedIndicator | None
    label: Label
    score: float = 0.0
    name_similarity: float = 0.0


def clean(text: str | None) -> str:
    """Given text, return it without white space, digits and punctuation."""
    return _NOISE.sub("", text or "")


def ngrams(text: str, n: int = 2) -> set[str]:
    """Given cleaned text, return its character n-grams (the text itself when shorter than n)."""
    if len(text) < n:
        return {text} if text else set()
    return {text[i:i + n] for i in range(len(text) - n + 1)}


def dice(a: str, b: str) -> float:
    """Given two texts, return the Dice coefficient of their character bigrams."""
    ga, gb = ngrams(clean(a)), ngrams(clean(b))
    if not ga or not gb:
        return 0.0
    return 2 * len(ga & gb) / (len(ga) + len(gb))


def name_similarity(a: str, b: str) -> float:
    """Given two names, return their similarity; a short name wholly inside a long one still scores."""
    ga, gb = ngrams(clean(a)), ngrams(clean(b))
    if not ga or not gb:
        return 0.0
    shared = len(ga & gb)
    score = 2 * shared / (len(ga) + len(gb))
    if min(len(ga), len(gb)) >= CONTAINED_MIN:
        score = max(score, CONTAINED_WEIGHT * shared / min(len(ga), len(gb)))
    return score


def body(ind: NormalizedIndicator) -> str:
    """Given an indicator, return the text that states it: name, content and criteria (head)."""
    parts = [ind.name, ind.content or "", ind.criteria or ""]
    return "".join(dict.fromkeys(p for p in parts if p))[:BODY_CHARS]


def full_text(ind: NormalizedIndicator) -> str:
    """Given an indicator, return name, content and criteria joined (a part repeating another once), for diffs."""
    parts: dict[str, str] = {}
    for part in (ind.name, ind.content, ind.criteria):
        if part and clean(part) not in parts:
            parts[clean(part)] = part
    return "\n".join(parts.values())


def alignment_score(a: NormalizedIndicator, b: NormalizedIndicator) -> tuple[float, float]:
    """Given two indicators, return (alignment score 0–1, name similarity)."""
    name_sim = name_similarity(a.name, b.name)
    body_sim = dice(body(a), body(b))
    same_domain = 1.0 if a.domain.code == b.domain.code and a.domain.code != "other" else 0.0
    metrics_a, metrics_b = {m.metric for m in a.metrics}, {m.metric for m in b.metrics}
    shared_metric = 1.0 if metrics_a & metrics_b else 0.0
    score = 0.5 * name_sim + 0.25 * body_sim + 0.15 * same_domain + 0.1 * shared_metric
    if max(name_sim, body_sim) < CANDIDATE_MIN:
        score = 0.0
    return round(score, 3), round(name_sim, 3)


def label_of(a: NormalizedIndicator, b: NormalizedIndicator) -> Label:
    """Given two aligned indicators, return 'equal' when their texts match once spaces and punctuation are ignored."""
    same = _PUNCT.sub("", full_text(a)) == _PUNCT.sub("", full_text(b))
    return "equal" if same else "similar"


def align(left: list[NormalizedIndicator], right: list[NormalizedIndicator], *,
          accept: float = ACCEPT) -> list[Pair]:
    """Given two indicator lists, return pairs: best-scoring one-to-one matches, then the unmatched ones."""
    scored = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            score, name_sim = alignment_score(a, b)
            if score >= accept:
                scored.append((score, name_sim, i, j))
    scored.sort(key=lambda s: (-s[0], -s[1], s[2], s[3]))
    used_left, used_right = set(), set()
    matched: dict[int, Pair] = {}
    for score, name_sim, i, j in scored:
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        matched[i] = Pair(left[i], right[j], label_of(left[i], right[j]), score, name_sim)
    pairs = [matched.get(i) or Pair(a, None, "only_left") for i, a in enumerate(left)]
    pairs += [Pair(None, b, "only_right") for j, b in enumerate(right) if j not in used_right]
    return pairs


def diff_segments(a: str, b: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Given two texts, return each as (piece, differs) segments so the differing parts can be marked.

    A one-character match between two changes (扣, 分) is marked as changed too: readers see
    whole changed phrases instead of confetti."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    left: list[tuple[str, bool]] = []
    right: list[tuple[str, bool]] = []
    opcodes = matcher.get_opcodes()
    for k, (op, i1, i2, j1, j2) in enumerate(opcodes):
        inner = 0 < k < len(opcodes) - 1
        differs = op != "equal" or (inner and i2 - i1 < MIN_EQUAL_RUN)
        _append(left, a[i1:i2], differs)
        _append(right, b[j1:j2], differs)
    return left, right


def _append(segments: list[tuple[str, bool]], text: str, differs: bool) -> None:
    """Append text to segments, joining it with the last segment when both have the same mark."""
    if not text:
        return
    if segments and segments[-1][1] == differs:
        segments[-1] = (segments[-1][0] + text, differs)
    else:
        segments.append((text, differs))
