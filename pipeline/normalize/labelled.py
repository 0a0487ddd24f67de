"""Hand-labelled indicator rows for the domain normalizer: the blind set, kaoping's own rows, the corpus files."""
from __future__ import annotations

import hashlib
import re
import dataclasses
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOMAINS = ROOT / "corpus" / "expected" / "domains"
UNSEEN = DOMAINS / "unseen.yaml"
TRAIN = DOMAINS / "train.yaml"
HOLDOUT = 4  # one own row in HOLDOUT is kept out of fitting (by a hash of its name) to estimate generalisation


@dataclass
class Row:
    """An indicator with the domains a reader accepts for it."""

    fields: dict[str, str | None]
    accepted: list[str]  # first the reader's domain (a code or other), then the other accepted codes
    source: str = ""
    group: str = ""
    field: str | None = None
    tags: set[str] = dataclasses.field(default_factory=set)

    @property
    def judicial(self) -> bool:
        return self.accepted[0] != "other"


def _group(category: str | None) -> str:
    return (category or "").split("▸")[0].strip()


def unseen_rows(read: set[str]) -> list[Row]:
    """Given the documents read while writing the taxonomy words, return the blind rows, each tagged read/sealed."""
    data = yaml.safe_load(UNSEEN.read_text(encoding="utf-8"))
    out = []
    for r in data["indicators"]:
        doc = Path(r["source"]).name.split("_")[0]
        fields = {"category": r.get("category"), "name": r["name"], "criteria": r.get("criteria"),
                  "department": r.get("department")}
        out.append(Row(fields, [r["domain"], *(r.get("also") or [])], r["source"], _group(r.get("category")),
                       r.get("field"), {"read" if doc in read else "sealed"}))
    return out


def _held_out(name: str) -> bool:
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % HOLDOUT == 0


def own_rows() -> tuple[list[Row], set[str]]:
    """Return kaoping's own labelled rows (tagged fit/holdout) and the set of documents read for wordings."""
    data = yaml.safe_load(TRAIN.read_text(encoding="utf-8"))
    rows = []
    for answer, lines in data["rows"].items():
        code, _, fld = answer.partition(":")
        for line in lines:
            parts = [p.strip() for p in line.split("|")]
            also = parts.pop()[1:].split(",") if parts[-1].startswith("@") else []
            name, category, criteria = (parts + [None, None])[:3]
            fields = {"category": category or None, "name": name, "criteria": criteria or None}
            rows.append(Row(fields, [code, *also], "train.yaml", _group(category), fld or None,
                            {"holdout" if _held_out(name) else "fit"}))
    return rows, set(data.get("read") or ())


def key(name: str | None) -> str:
    return re.sub(r"\s+", "", name or "")[:24]
