"""Character n-gram similarity: Chinese has no word boundaries, so compare 1- and 2-grams."""
from __future__ import annotations

import re
from functools import lru_cache

# Amounts and punctuation say nothing about *what* happened; drop them before comparing.
_AMOUNT = re.compile(r"(扣|加|得)\s*[\d０-９.．]+\s*分?|[\d０-９.．]+\s*(分|%|％)")
_NOISE = re.compile(r"[\s\u3000，。、；：！？“”‘’（）()\[\]【】《》〈〉,.;:!?\"'/\\\-—…·]+")


def normalize(text: str | None) -> str:
    """Given any text, return it without white space, punctuation or amounts."""
    if not text:
        return ""
    return _NOISE.sub("", _AMOUNT.sub("", str(text))).lower()


@lru_cache(maxsize=65536)
def grams(text: str) -> frozenset[str]:
    """Given normalized text, return its set of characters and character bigrams."""
    return frozenset(text) | frozenset(text[i : i + 2] for i in range(len(text) - 1))


def similarity(a: str | None, b: str | None) -> float:
    """Given two texts, return 0-1: mean of Dice and containment of their n-gram sets."""
    ga, gb = grams(normalize(a)), grams(normalize(b))
    if not ga or not gb:
        return 0.0
    common = len(ga & gb)
    return round((2 * common / (len(ga) + len(gb)) + common / min(len(ga), len(gb))) / 2, 4)
