"""spaCy blank("zh") with jieba and the domain dictionary; an EntityRuler marks the metrics (…率, …满意度)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

USERDICT = Path(__file__).with_name("userdict.txt")


@lru_cache(maxsize=1)
def get_nlp():
    """Build the pipeline once per process (spaCy and jieba load only when a clause needs them)."""
    import jieba
    import spacy

    jieba.setLogLevel(60)  # jieba prints its dictionary build to stderr otherwise
    jieba.load_userdict(str(USERDICT))
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [{"label": "METRIC", "pattern": [{"TEXT": {"REGEX": r"^[\u4e00-\u9fff]+率$"}}]},
         # 不合格率 is split 不/合格率 by jieba: keep the negation, it inverts the metric
         {"label": "METRIC", "pattern": [{"TEXT": "不"}, {"TEXT": {"REGEX": r"^[\u4e00-\u9fff]+率$"}}]},
         {"label": "METRIC", "pattern": [{"TEXT": {"REGEX": r"^[\u4e00-\u9fff]+$"}}, {"TEXT": "率"}]},
         {"label": "METRIC", "pattern": [{"TEXT": {"REGEX": r"^[\u4e00-\u9fff]+$"}}, {"TEXT": "满意度"}]}]
    )  # only metrics: units and triggers are read by the grammar's regexes, marking them cost time per clause
    return nlp


# Words that qualify a metric's subject or time rather than name it.
_QUALIFIERS = ("当年", "年度", "全年", "年内", "整体", "每月", "月度", "日均", "实际", "平均")


def metric_before(text: str, pos: int) -> str | None:
    """Given clause text and the offset of a comparison, return the metric named just before it."""
    doc = get_nlp()(text[:pos])
    metrics = [ent for ent in doc.ents if ent.label_ == "METRIC"]
    if metrics:
        return _short(metrics[-1].text)
    words = [t.text for t in doc if t.text.strip() and t.text not in "，、；的在为是均" and t.is_alpha]
    return _short(words[-1]) if words else None


def _short(metric: str) -> str:
    """Given a metric as written, drop leading time and subject qualifiers (当年重新犯罪率 → 重新犯罪率)."""
    for word in _QUALIFIERS:
        if metric.startswith(word) and len(metric) > len(word) + 1:
            metric = metric[len(word):]
    return metric
