"""The common taxonomy (schemes/taxonomy.yaml): domains, fields outside it, generic words, and word lookup."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .fold import fold

TAXONOMY_PATH = Path(__file__).resolve().parents[2] / "schemas" / "taxonomy.yaml"
OTHER = "other"
FIELD_PREFIX = "field:"  # evidence classes for fields outside the taxonomy: field:河长制与水利
SUPPORTING = 1.5  # a word weighing less than this only supports a class other words name (taxonomy.yaml)


@dataclass(frozen=True)
class Domain:
    code: str
    name: str
    synonyms: tuple[str, ...]
    keywords: tuple[tuple[str, float], ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Field:
    """A field of work outside the taxonomy (河长制, 卫生 …): its words say an indicator is `other`."""

    name: str
    keywords: tuple[tuple[str, float], ...]
    form: bool = False  # a kind of document any field fills in (预算绩效): its words do not say which field
    issuers: tuple[str, ...] = ()  # folded words naming a bureau of the field (人社局), read in titles only


@dataclass(frozen=True, eq=False)  # hashed by identity: cached lexicons per loaded taxonomy
class Taxonomy:
    version: int
    domains: tuple[Domain, ...]
    departments: dict
    metrics: dict
    fields: tuple[Field, ...] = ()
    generic: frozenset[str] = frozenset()
    issuers: tuple[str, ...] = ()  # folded words naming a judicial bureau in a title (司法局): judicial, no domain
    # per domain, folded words naming an institution the judicial administration runs (the only words that place
    # a row of another field's scheme in a domain: context.py)
    institutions: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    def domain(self, code: str) -> Domain:
        """Given a code or a former code kept as an alias, return its domain (KeyError when unknown)."""
        found = next((d for d in self.domains if d.code == code or code in d.aliases), None)
        if found is None:
            raise KeyError(f"未知的领域代码：{code}")
        return found

    @property
    def forms(self) -> frozenset[str]:
        """The classes (field:NAME) of the fields that are kinds of document, not fields of work."""
        return frozenset(FIELD_PREFIX + f.name for f in self.fields if f.form)

    def by_name(self, name: str) -> Domain | None:
        return next((d for d in self.domains if d.name == name), None)


def resolve_code(code: str, taxonomy: Taxonomy | None = None) -> str:
    """Given a domain code as another tool wrote it (possibly a former one), return the current code."""
    return (taxonomy or load_taxonomy()).domain(code).code


def _words(spec: dict | None) -> tuple[tuple[str, float], ...]:
    return tuple((str(k), float(v)) for k, v in (spec or {}).items())


@lru_cache(maxsize=4)
def load_taxonomy(path: str | Path = TAXONOMY_PATH) -> Taxonomy:
    """Given the taxonomy YAML path, return it parsed (cached)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    domains = tuple(
        Domain(d["code"], d["name"], tuple(d.get("synonyms") or ()), _words(d.get("keywords")),
               tuple(d.get("aliases") or ()))
        for d in data["domains"]
    )
    fields = tuple(Field(f["name"], _words(f.get("keywords")), bool(f.get("form")),
                         tuple(fold(w) for w in f.get("issuers") or ())) for f in data.get("fields") or ())
    generic = frozenset(fold(w) for w in data.get("generic") or ())
    issuers = tuple(fold(w) for w in data.get("judicial_issuers") or ())
    institutions = {code: tuple(fold(str(w)) for w in words) for code, words in (data.get("institutions") or {}).items()}
    unknown = set(institutions) - {d.code for d in domains}
    if unknown:
        raise ValueError(f"taxonomy.yaml institutions 中有未知的领域代码：{'、'.join(sorted(unknown))}")
    return Taxonomy(int(data.get("version", 1)), domains, data.get("departments") or {}, data.get("metrics") or {},
                    fields, generic, issuers, institutions)


def field_class(name: str) -> str:
    return FIELD_PREFIX + name


def is_field(cls: str) -> bool:
    return cls.startswith(FIELD_PREFIX)


@lru_cache(maxsize=4)
def lexicon(taxonomy: Taxonomy) -> dict[str, dict[str, float]]:
    """Given a taxonomy, return every folded word with its weight per class (domain code or field:NAME)."""
    words: dict[str, dict[str, float]] = {}

    def put(word: str, cls: str, weight: float) -> None:
        key = fold(word)
        words.setdefault(key, {})[cls] = max(weight, words.get(key, {}).get(cls, 0.0))

    for d in taxonomy.domains:
        for word, weight in d.keywords:
            put(word, d.code, weight)
        for syn in d.synonyms:
            # A two-character synonym (党建, 综治) titles many things: it weighs less than a full title.
            put(syn, d.code, min(3.0, float(len(syn))))
    for code, names in taxonomy.institutions.items():
        for word in names:  # an institution the domain runs names its own work; a word listed already keeps its weights
            if fold(word) not in words:
                put(word, code, 3.0)
    for f in taxonomy.fields:
        for word, weight in f.keywords:
            put(word, field_class(f.name), weight)
    return words


@lru_cache(maxsize=4)
def _longest(taxonomy: Taxonomy) -> int:
    return max((len(w) for w in lexicon(taxonomy)), default=0)


def match_spans(folded: str, taxonomy: Taxonomy) -> list[tuple[int, str, dict[str, float]]]:
    """Given folded text, return every lexicon word in it by leftmost-longest matching, with where it starts."""
    words = lexicon(taxonomy)
    longest = _longest(taxonomy)
    out = []
    i = 0
    while i < len(folded):
        word = next((folded[i:i + n] for n in range(min(longest, len(folded) - i), 0, -1)
                     if folded[i:i + n] in words), None)
        if word:
            out.append((i, word, words[word]))
            i += len(word)
        else:
            i += 1
    return out


def match_words(folded: str, taxonomy: Taxonomy) -> list[tuple[str, dict[str, float]]]:
    """Given folded text, return the lexicon words in it by leftmost-longest matching, each once, in order."""
    return list({word: per_class for _, word, per_class in match_spans(folded, taxonomy)}.items())


def compact(text: str | None) -> str:
    """Given text, return it folded for matching (kept under its old name for the metric readers)."""
    return fold(text)


def find_words(text: str, taxonomy: Taxonomy) -> list[tuple[str, dict[str, float]]]:
    """Given text, return the taxonomy domain words in it (信息安全事故 → 信息安全), fields left out."""
    out = []
    for word, per_class in match_words(fold(text), taxonomy):
        domains = {c: w for c, w in per_class.items() if not is_field(c)}
        if domains:
            out.append((word, domains))
    return out
