"""Drafted rows → Indicator: the name column, points (from 分值 or stated in the row's own text), weights,
责任科室 (a cell of several lines is a list of units), provenance."""
from __future__ import annotations

import re
from collections import defaultdict

from schemas.common import ProvenanceItem
from schemas.indicators import Indicator

from .outline import _marker_at
from .scoring import allocation, is_scoring, own_points, title_points
from .text import key, parse_points, squash, stated_points

MAX_NAME_WITH_POINTS = 40
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
_TARGET_WORDS = re.compile(r"达|不低于|不少于|低于|高于|超过|不足")
_THRESHOLD = ("以上", "以下", "及以上", "及以下")
_SHARE = re.compile(r"(?:占|佔|权重|權重|比重)[^，,。；;%％\d]{0,8}?(\d+(?:\.\d+)?)\s*[%％]")
_PLAIN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:分)?\s*$")
_UNIT_SPLIT = re.compile(r"\s*(?:\n|、|；|;|，|,|/)\s*")


def read_weight(text: str | None) -> tuple[float | None, float | None]:
    """Given a 权重 cell ('40%', '40', '0.4', '40%\\n40'), return (weight as a share, points stated beside it)."""
    if not text or not key(text):
        return None, None
    lines = [ln for ln in text.split("\n") if key(ln)]
    weight = points = None
    for line in lines:
        m = _PERCENT.search(line)
        if m and weight is None:
            weight = float(m.group(1)) / 100
            continue
        m = _PLAIN.match(line)
        if m:
            value = float(m.group(1))
            if weight is None and len(lines) == 1:
                weight = value / 100 if value > 1 else value
            elif points is None:
                points = value
    return weight, points


def stated_share(text: str | None) -> float | None:
    """Given a row's text, return a weight it states for itself ('占考核分值40%', '权重20%')."""
    k = key(text or "")
    for m in _SHARE.finditer(k):
        # '占信访总量比例达到60%以上' is a target the row must reach, not its share of the scheme.
        if not _TARGET_WORDS.search(m.group(0)) and not k.startswith(_THRESHOLD, m.end()):
            return float(m.group(1)) / 100
    return None


def split_number(text: str) -> tuple[str | None, str]:
    """Given a name cell ('1.1.1总床位数', '（二）宣传'), return (its outline number, the name after it)."""
    m = _marker_at(text, len(text) - len(text.lstrip()))
    if m is None or m.style == "chap":
        return None, text
    return re.sub(r"[、.．\s]+$", "", m.text), text[m.end:]


def departments(text: str | None) -> list[str]:
    """Given a department cell, return its units: one per line or per 、/；/, ('县委宣传部\\n县教育局')."""
    if not text:
        return []
    if not re.search(r"[\n、；;，,/]", text.strip()):
        return [squash(text)]
    return [squash(u) for u in _UNIT_SPLIT.split(text.strip()) if key(u)]


def to_indicator(row: dict, section_id: str, n: int, owner: tuple[str | None, ProvenanceItem | None],
                 warnings: list[str]) -> Indicator:
    """Given a drafted row and its section's (责任科室, provenance), return the Indicator with provenance per field."""
    fields = row["fields"]
    # The name column is fixed per table (README "name" rule): an empty cell stays None.
    name_field = row["name_field"] if row["name_field"] in fields else None
    points_text = fields.get("points", (None, None))[0]
    points = parse_points(points_text) if len(row["points_values"]) <= 1 else None
    bonus = None
    if points_text and points is None:
        found = allocation(points_text)
        if found is not None:
            points, bonus = found.points, found.bonus
        else:
            warnings.append(f"{fields['points'][1].label()}：分值“{points_text}”不是数字")
    weight, weight_points = read_weight(fields.get("weight", (None, None))[0])
    if points is None and weight_points is not None:
        points = weight_points
    if points is None and row.get("weight_as_points") and "weight" in fields:
        points = parse_points(fields["weight"][0])
    categories = row["groups"] + row["path"]
    prov = {f: p for f, (_, p) in fields.items()}
    units: list[str] = []
    department = None
    if row["department"]:
        units = departments(row["department"][0])
        # As written, one line per unit shown with a space between them; the list holds the units.
        department = " ".join(squash(ln) for ln in row["department"][0].splitlines() if key(ln))
        prov["department"] = row["department"][1]
    elif owner[0]:
        units, department = [owner[0]], owner[0]
        if owner[1]:
            prov["department"] = owner[1]
    if name_field:
        prov["name"] = fields[name_field][1]
    if not row["points_column"]:
        # No 分值 column: the row's own text states its points ('建立工作台账（3分）', '（15分+5分）').
        for field in [name_field, "content", "criteria"]:
            if field in fields:
                text = fields[field][0]
                # A short name states its points anywhere ('信息工作10分'); longer text only in a bracket
                # opening or closing it, never a number inside a rule ('上限为3分').
                found = allocation(text) if field == "name" and len(key(text)) <= MAX_NAME_WITH_POINTS else own_points(text)
                title = title_points(text) if field in (name_field, "content") else None
                if found is None:
                    found = title
                if found is not None and found.start > 0:
                    rest = text.strip()[found.end:].lstrip(" \t\u3000,，。；;")
                    titled = title is not None and title.start == found.start
                    if titled and field == name_field and key(rest) and "content" not in fields:
                        # '河道断面水质考核（60分）根据…': the title closed by its points names the row, the
                        # text after it is its content, or its rules when they score and it has none.
                        head, where = text.strip()[:found.start], fields[field][1]
                        if field == "criteria":  # a row named by its rules cell: the title names it, the rest rules
                            fields["name"], fields["criteria"], name_field = (head, where), (rest, where), "name"
                        else:
                            after = "criteria" if is_scoring(rest) and "criteria" not in fields else "content"
                            fields[after], fields[field] = (rest, where), (head, where)
                    points, bonus, points_text = found.points, found.bonus, text
                    prov["points"] = fields[field][1]
                    # The last of several levels written alike ('部门决策(25分) | 目标任务(15分) | 相关性(5分)')
                    # is named as its levels are, without its points.
                    closes = field == name_field == "name" and not text.strip()[found.end:].strip()
                    if closes and row["path"] and all(c.points is not None for c in row["path"]):
                        fields[field] = (text.strip()[:found.start], fields[field][1])
                    break
    if weight is None:
        weight = next((w for f in (name_field, "content", "criteria") if f in fields
                       and (w := stated_share(fields[f][0])) is not None), None)
    if weight is None:
        weight = next((c.weight for c in reversed(categories) if c.weight is not None), None)
    number = squash(fields["number"][0]) if "number" in fields else None
    name = squash(fields[name_field][0]) if name_field else None
    if name and row["points_column"] and points is not None:
        bare, said = stated_points(name)
        if said == points and key(bare) and name.endswith(("）", ")")):
            name = bare  # '工作方案（10分）' beside 分值 10: the points said twice, the name is '工作方案'

    if name and number is not None and _numbered_otherwise(name, number):
        number = None  # '1 | (1)建立…': the 序号 numbers the level above, the row's own number opens its text
    if name and number is None:
        number, rest = split_number(name)
        name = squash(rest) if number and key(rest) else name
        number = number if key(rest) else None
    return Indicator(
        id=f"{section_id}.i{n}",
        section_id=section_id,
        categories=categories,
        number=number,
        name=name,
        content=fields["content"][0] if "content" in fields else None,
        criteria=fields["criteria"][0] if "criteria" in fields else None,
        points=points,
        points_text=points_text,
        bonus_points=bonus,
        weight=weight,
        department=department,
        departments=units,
        timing=squash(fields["timing"][0]) if "timing" in fields else None,
        prov=prov,
    )


def _numbered_otherwise(name: str, number: str) -> bool:
    """Given a row's name and its 序号, tell whether the name opens with a number of another style ('(1)' in
    a row numbered '1')."""
    own = _marker_at(name, 0)
    mark = _marker_at(number.rstrip("、.． ") + "、项", 0)  # the 序号 as an item would open with it
    return own is not None and own.style != "chap" and mark is not None and key(name[own.end:]) != "" \
        and own.style != mark.style


def weights_as_points(rows: list[dict]) -> bool:
    """Given a section's drafted rows, tell whether their 权重 numbers are the rows' points: true when there
    is no 分值 column and, under every category that states its points, the 权重 numbers add up to them
    ('党的建设（20分）' over 权重 5 + 5 + 10). Marks the rows so."""
    weighted = [r for r in rows if "weight" in r["fields"] and not r["points_column"]]
    if not weighted:
        return False
    sums: dict[str, float] = defaultdict(float)
    stated: dict[str, float] = {}
    for row in weighted:
        text = row["fields"]["weight"][0]
        value = parse_points(text)
        if value is None or "%" in text or "％" in text:
            return False
        top = (row["groups"] + row["path"])[:1]
        if not top or top[0].points is None:
            continue
        sums[key(top[0].name)] += value
        stated[key(top[0].name)] = top[0].points
    if not stated or any(abs(sums[k] - v) > 1e-6 for k, v in stated.items()):
        return False
    for row in weighted:
        row["weight_as_points"] = True
    return True
