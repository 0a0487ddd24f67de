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
UNSEEN2 = DOMAINS / "unseen2.yaml"  # a second blind set, written by another reader after round 2 began
UNSEEN3 = DOMAINS / "unseen3.yaml"  # a third, written before round 5: short names that need their scheme
UNSEEN4 = DOMAINS / "unseen4.yaml"  # a fourth, written before round 6; opened after its round-6 figure
UNSEEN5 = DOMAINS / "unseen5.yaml"  # a fifth, written before round 7 and sealed: the lead measures it
TRAIN = DOMAINS / "train.yaml"
DOCUMENT_SUFFIXES = {".txt", ".md", ".html", ".htm", ".doc", ".docx", ".wps", ".pdf", ".ofd", ".xls", ".xlsx", ".et",
                    ".csv", ".rtf", ".png", ".jpg", ".tif"}
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
    title: str | None = None  # the title of the row's document, when it has one

    @property
    def judicial(self) -> bool:
        return self.accepted[0] != "other"


def _group(category: str | None) -> str:
    return (category or "").split("▸")[0].strip()


def document_title(source: str) -> str | None:
    """Given a row's source (a scheme title, or a file named `<id>_<title>.<ext>`), return the document's title."""
    path = Path(source)
    if "/" not in source and path.suffix.lower() not in DOCUMENT_SUFFIXES:
        return source or None
    _, _, title = path.stem.partition("_")
    return title or None


def unseen_rows(read: set[str], path: Path = UNSEEN) -> list[Row]:
    """Given the documents read while writing the taxonomy words, return the blind rows, each tagged read/sealed.

    A row's document is its `source` file (unseen.yaml) or its scheme title (unseen2.yaml: invented schemes)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for r in data["indicators"]:
        # unseen2's source is the same word (own) for every row: its scheme title names the document
        source = str(r.get("scheme") or r.get("source") or r.get("title") or r.get("document") or "")
        doc = Path(source).name.split("_")[0]
        fields = {"category": r.get("category"), "name": r["name"], "criteria": r.get("criteria"),
                  "department": r.get("department")}
        also = r.get("also") or []
        out.append(Row(fields, [r["domain"], *([also] if isinstance(also, str) else also)], source,
                       _group(r.get("category")), r.get("field"), {"read" if doc in read else "sealed"},
                       r.get("title") or document_title(source)))
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


OWN = DOMAINS / "own"
# Short labels of own/*.yaml (see own/README.md): domain codes and, after "o/", fields outside the taxonomy.
SHORT = {"cc": "community_correction", "rs": "resettlement", "med": "mediation", "aid": "legal_aid",
         "pls": "public_legal_service", "edu": "legal_education", "rev": "administrative_review",
         "enf": "enforcement_supervision", "rol": "rule_of_law", "law": "lawyer_notary_forensics",
         "off": "judicial_office", "it": "informatization", "info": "government_information", "team": "team_building",
         "eff": "efficiency_discipline", "sec": "public_security", "ideo": "security_ideology", "other": "other"}
FIELDS = {"水利": "河长制与水利", "安全": "安全生产与应急管理", "交通": "交通", "卫生": "卫生与医疗", "生态": "生态环境保护",
          "教育": "教育", "审计": "审计", "预算": "预算绩效", "禁毒": "禁毒", "档案": "组织人事档案", "企业": "企业经营与质量",
          "民政": "社区与民政", "劳动": "劳动保障", "农业": "农业农村与口岸", "市场": "市场监管与统计",
          "公安": "公安", "税务": "税务", "城管": "城市管理", "文旅": "文化旅游", "群团": "妇女儿童与群团"}
_LABELS = re.compile(r"\s*=\s*(?P<code>\S+)?(?:\s*@(?P<also>\S+))?\s*$|\s+@(?P<also2>\S+)\s*$")


def _label(tag: str) -> tuple[str, str | None]:
    """Given a short label (cc, o/水利, other), return (code, field)."""
    if tag.startswith("o/"):
        return "other", FIELDS[tag[2:]]
    return SHORT[tag], None


def _split_labels(text: str) -> tuple[str, str | None, list[str]]:
    """Given a group key or row with optional "=label @also,also" at its end, return (text, label, also)."""
    m = _LABELS.search(text)
    if not m:
        return text.strip(), None, []
    also = m["also"] or m["also2"]
    return text[:m.start()].strip(), m["code"], also.split(",") if also else []


def scheme_rows() -> list[Row]:
    """Return the rows of the invented schemes under own/, each tagged fit or holdout by its scheme's title."""
    out = []
    for path in sorted(OWN.glob("*.yaml")):
        for scheme in yaml.safe_load(path.read_text(encoding="utf-8"))["schemes"]:
            tag = "holdout" if _held_out(scheme["title"]) else "fit"
            for key_, lines in scheme["groups"].items():
                category, group_label, group_also = _split_labels(key_)
                for line in lines:
                    text, label, also = _split_labels(line)
                    label = label or group_label
                    also = also if label != group_label or also else group_also
                    name, criteria, department = ([p.strip() or None for p in text.split("|")] + [None, None])[:3]
                    code, field = _label(label)
                    accepted = [code] + [_label(a)[0] for a in also if _label(a)[0] != code]
                    fields = {"category": category or None, "name": name, "criteria": criteria, "department": department}
                    out.append(Row(fields, accepted, f"{path.stem}:{scheme['title']}", _group(category), field,
                                   {tag, "scheme"}, scheme["title"]))
    return out
