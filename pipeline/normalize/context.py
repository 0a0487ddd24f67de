"""A scheme read as a whole: what a row does not say of itself is read from what its scheme is about.

A row's probabilities (classify.posterior) split in two. What its own evidence places: the domains, and the
fields its own words name (河道保洁 names 河长制). And what it leaves open: plain `other` (nothing spoke) and
fields only the category or the wording's shape suggested (产出指标 ▸ 受益人口数). The open part is what the
scheme fills: a share `gamma` of it goes to what the scheme is about, estimated as a hierarchy of evidence:
the row's group (the other rows under the same first-level category), backed off to the whole document (its
other rows), backed off to the document's title (its words: 社区矫正工作考核细则; 司法局 says judicial without a
domain). Each level is the pseudo-count prior of the one below (`group`, `title`: fitted offline,
calibration.json `context`).

Never the other way round: judicial domains are filled only when the document and its title are mostly judicial
(a 河长制 scheme's silent rows go to 河长制, never to a domain). A row's own words are overruled in two kinds of
document only: in another field's (its title or rows name the field), a domain the row names gives way to the field
unless the row names an institution the judicial administration runs (taxonomy.yaml `institutions`: the bureau's
own 行政执法 is not 执法监督, its 医疗纠纷人民调解委员会 is 人民调解); in one whose title names a judicial bureau or
institution, a field the row names gives way to the scheme (its 消防 is the bureau's own safety). A domain the
scheme gave a row is always flagged for review.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from schemas.normalized import DomainAssignment, DomainEvidence, EvidenceSource

from .classify import Verdict, assignment, baseline, calibration, own_classes, posterior, verdict_of
from .fold import fold
from .taxonomy import OTHER, SUPPORTING, Taxonomy, field_class, is_field, load_taxonomy, match_words

JUDICIAL = "judicial"  # a title word naming a judicial bureau (司法局): judicial, no domain
JUDICIAL_SHARE = 0.5  # a document fills judicial domains only when more than this share of its evidence is judicial
ISSUER = 3.0  # a title word naming the document's issuer (应急管理局, 人社局) counts this many times its weight
ISSUER_WORD = 3.0  # the weight of a field's issuer word (人社局): a word that names the field's own work
ISSUER_SUFFIXES = ("局", "委", "厅", "所", "院", "站", "中心", "大队", "支队")  # a field word before one names the issuer
FIELD, TITLED_JUDICIAL, MIXED = "field", "titled_judicial", "mixed"  # kinds of document (scheme_prior)
EVIDENCE = 0.5  # what a document says of a class counts when its rows (and title) give it half a row's probability


@dataclass(frozen=True)
class Context:
    """The fitted strengths (calibration.json `context`)."""

    gamma: float  # share of a row's open probability the scheme fills
    group: float  # pseudo-count of the document's distribution in a group's (in rows)
    title: float  # pseudo-count of the title's distribution in the document's (in rows)

    @classmethod
    def fitted(cls) -> Context:
        return cls(**calibration()["context"])


def institutions_named(evidence: list[DomainEvidence], taxonomy: Taxonomy) -> set[str]:
    """Given a row's keyword evidence, return the domains whose institutions its own words name (a word of the
    name, content or criteria containing one of taxonomy.yaml `institutions`: 人民调解委员会, 协助社区矫正)."""
    own = (EvidenceSource.NAME, EvidenceSource.CONTENT, EvidenceSource.CRITERIA)
    return {e.domain for e in evidence if e.source in own and not e.field
            and any(word in e.word for word in taxonomy.institutions.get(e.domain, ()))}


def overruled(cls: str, kind: str) -> bool:
    """Given a class and a kind of document, say whether the document's kind overrules the class where a row's
    own words do not place it (a domain in another field's document, a field in a titled judicial one)."""
    outside = cls == OTHER or is_field(cls)
    return (kind == FIELD and not outside) or (kind == TITLED_JUDICIAL and is_field(cls))


def split(v: Verdict, kind: str, taxonomy: Taxonomy) -> tuple[dict[str, float], float]:
    """Given a row's verdict alone and its kind of document, return what its own words place (class →
    probability: the classes they name; in another field's document, its fields and the domains whose institutions
    it names; in a titled judicial one, its domains) and what it leaves open (plain other, what only its category
    or the shape of its wording suggested)."""
    named = own_classes(v.evidence)
    if kind == FIELD:
        named = {c for c in named if is_field(c)} | institutions_named(v.evidence, taxonomy)
    elif kind == TITLED_JUDICIAL:
        named = {c for c in named if not is_field(c)}
    placed = {c: p for c, p in v.probs.items() if c in named}
    return placed, max(0.0, 1.0 - sum(placed.values()))


def judicial_title(title: str | None, taxonomy: Taxonomy) -> bool:
    """Given a document title, say whether it names a judicial bureau (司法局) or an institution the judicial
    administration runs (社区矫正, 律师事务所): then every row of the document is that administration's work."""
    text = re.sub(r"[\W_]", "", fold(title))  # quotes cut campaign names in titles ("八五"普法)
    return bool(text) and any(word in text for word in (*taxonomy.issuers, *sum(taxonomy.institutions.values(), ())))


def title_scores(title: str | None, taxonomy: Taxonomy) -> dict[str, float]:
    """Given a document title, return its evidence per class (non-generic keyword scores, JUDICIAL for 司法局; a
    field word naming the issuer, 应急管理局, counts ISSUER times, and so does a field's issuer word, 人社局: the
    bureau says whose work the rows are)."""
    text = fold(title)
    if not text:
        return {}
    out: dict[str, float] = {}
    for word, per_class in match_words(text, taxonomy):
        after = text[text.find(word) + len(word):]
        for c, w in per_class.items():
            if word not in taxonomy.generic and w >= SUPPORTING and c not in taxonomy.forms:
                issuer = is_field(c) and after.startswith(ISSUER_SUFFIXES)
                out[c] = out.get(c, 0.0) + w * (ISSUER if issuer else 1.0)
    if any(word in text for word in taxonomy.issuers):
        out[JUDICIAL] = out.get(JUDICIAL, 0.0) + 1.0
    for f in taxonomy.fields:
        if any(word in text for word in f.issuers):
            out[field_class(f.name)] = out.get(field_class(f.name), 0.0) + ISSUER_WORD * ISSUER
    total = sum(out.values())
    return {c: s / total for c, s in out.items()} if total else {}


def _add(*parts: tuple[float, dict[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for weight, dist in parts:
        for c, p in dist.items():
            out[c] = out.get(c, 0.0) + weight * p
    return out


def _normalized(dist: dict[str, float]) -> dict[str, float]:
    total = sum(dist.values())
    return {c: p / total for c, p in dist.items()} if total > 0 else {}


def scheme_prior(rows: list[tuple[str, Verdict]], title: dict[str, float], ctx: Context, baseline: dict[str, float],
                 forms: frozenset[str] = frozenset(), titled_judicial: bool = False) -> list[tuple[dict[str, float], str]]:
    """Given one scheme's rows as (group key, verdict alone), its title's evidence, the probabilities of a row
    that says nothing, the fields that are kinds of document and whether the title is judicial (judicial_title),
    return for each row the distribution of what its scheme (without it) is about, and what kind of document it is
    (FIELD, TITLED_JUDICIAL or MIXED). Judicial domains only in a judicial document; in another, its fields of work
    or, when it names none, plain other. A row tells what it holds above `baseline`: rows that say nothing add
    nothing."""
    about = [{c: max(0.0, p - baseline.get(c, 0.0)) for c, p in v.probs.items() if c != OTHER and c not in forms}
             for _, v in rows]
    document = _add(*((1.0, a) for a in about))
    groups: dict[str, dict[str, float]] = {}
    for (key, _), a in zip(rows, about):
        groups[key] = _add((1.0, groups.get(key, {})), (1.0, a))
    domains = [c for c in rows[0][1].probs if c != OTHER and not is_field(c)] if rows else []
    titled = bool(title)  # the title names something the taxonomy knows
    # a title naming a judicial bureau or institution says whose work every row is (its 消防 is the bureau's own
    # safety, its 纳税 a law firm's); such a document is never another field's
    kind = TITLED_JUDICIAL if titled_judicial else MIXED
    # 司法局 in a title says judicial, any domain: its share is spread evenly over the domains
    title = _add((1.0, {c: p for c, p in title.items() if c != JUDICIAL}),
                 (title.get(JUDICIAL, 0.0) / max(1, len(domains)), dict.fromkeys(domains, 1.0)))
    out = []
    for (key, _), a in zip(rows, about):
        doc = _add((1.0, document), (-1.0, a), (ctx.title, title))
        said = sum(doc.values())
        # a document is judicial when most of what it says is; without a title that speaks, its rows that say
        # nothing count against it (a scheme of another field may use no word the taxonomy knows)
        weight = said if titled else said + sum(1.0 - sum(b.values()) for b in about) - (1.0 - sum(a.values()))
        fields = sum(p for c, p in doc.items() if is_field(c))
        judicial = weight > 0 and (said - fields) / weight > JUDICIAL_SHARE
        prior = _add((1.0, groups[key]), (-1.0, a), (ctx.group, _normalized(doc)))
        # a class the document gives less than EVIDENCE rows' worth of probability is noise of the n-grams
        prior = _normalized({c: p for c, p in prior.items()
                             if p > 0 and doc.get(c, 0.0) >= EVIDENCE and (judicial or is_field(c))})
        # another field's document is one whose fields outweigh what it says of judicial work
        out.append((prior or ({} if judicial else {OTHER: 1.0}),
                    FIELD if kind != TITLED_JUDICIAL and fields > said - fields else kind))
    return out


def with_context(rows: list[tuple[str, Verdict]], title: str | None, ctx: Context, baseline: dict[str, float],
                 taxonomy: Taxonomy, outside_weight: float | None = None) -> list[Verdict]:
    """Given one scheme's rows as (group key, verdict alone), its title, the fitted strengths and the
    probabilities of a row that says nothing, return the verdicts with each row's open probability filled from
    its scheme."""
    out = []
    priors = scheme_prior(rows, title_scores(title, taxonomy), ctx, baseline, taxonomy.forms,
                          judicial_title(title, taxonomy))
    for (_, v), (prior, kind) in zip(rows, priors):
        if not prior:
            out.append(v)
            continue
        placed, _ = split(v, kind, taxonomy)
        # what the row keeps of itself: what its own words place, and a share of the rest, except what its kind
        # of document overrules (in another field's, a domain it does not place: the bureau's own 执法 is not
        # 执法监督; in a titled judicial one, a field: its 消防 is the bureau's own safety), which keeps nothing;
        # the scheme fills all it does not keep
        kept = {c: placed[c] if c in placed else 0.0 if overruled(c, kind) else (1 - ctx.gamma) * p
                for c, p in v.probs.items()}
        free = max(0.0, 1.0 - sum(kept.values()))
        probs = {c: k + free * prior.get(c, 0.0) for c, k in kept.items()}
        out.append(verdict_of(probs, v.evidence, v.feats, outside_weight, alone=v.probs))
    return out


def _context_evidence(alone: Verdict, together: Verdict, taxonomy: Taxonomy) -> list[DomainEvidence]:
    """The scheme's share of the answer, as evidence a person can read (同一方案：社区矫正 0.62)."""
    gained = together.probs.get(together.cls, 0.0) - alone.probs.get(together.cls, 0.0)
    if gained <= 0 or together.kind == "tie":
        return []
    field = together.cls.split(":", 1)[1] if is_field(together.cls) else None
    name = field or taxonomy.domain(together.cls).name
    return [DomainEvidence(source=EvidenceSource.GROUP, word=f"同一方案：{name}", domain=OTHER if field else together.cls,
                           field=field, weight=round(gained, 3))]


def classify_scheme(rows: list[tuple[str, dict, str | None]], taxonomy: Taxonomy | None = None,
                    alone: list[Verdict] | None = None, title: str | None = None) -> list[DomainAssignment]:
    """Given one scheme's rows as (group key, fields, department hint) and its title, return their assignments
    read together."""
    taxonomy = taxonomy or load_taxonomy()
    alone = alone or [posterior(fields, taxonomy, hint) for _, fields, hint in rows]
    together = with_context([(key, v) for (key, _, _), v in zip(rows, alone)], title, Context.fitted(), baseline(),
                            taxonomy)
    # a domain the scheme gave and the row alone did not have is shown for review; a row the scheme took out of
    # the domains (into its field) is as sure as its confidence says
    return [assignment(t, taxonomy, moved=t.kind == "domain" and (t.cls != a.cls or a.kind != "domain"),
                       context=_context_evidence(a, t, taxonomy))
            for a, t in zip(alone, together)]
