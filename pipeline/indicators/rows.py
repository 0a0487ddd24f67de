"""Drafted rows → Indicator: the name column, points (from 分值 or stated in the name), 责任科室, provenance."""
from __future__ import annotations

from schemas.common import ProvenanceItem
from schemas.indicators import Indicator

from .text import parse_points, squash, stated_points


def to_indicator(row: dict, section_id: str, n: int, owner: tuple[str | None, ProvenanceItem | None],
                 warnings: list[str]) -> Indicator:
    """Given a drafted row and its section's (责任科室, provenance), return the Indicator with provenance per field."""
    fields = row["fields"]
    # The name column is fixed per table (README "name" rule): an empty cell stays None.
    name_field = row["name_field"] if row["name_field"] in fields else None
    points_text = fields.get("points", (None, None))[0]
    points = parse_points(points_text) if len(row["points_values"]) <= 1 else None
    if points_text and points is None:
        warnings.append(f"{fields['points'][1].label()}：分值“{points_text}”不是数字")
    categories = row["groups"] + row["path"]
    prov = {f: p for f, (_, p) in fields.items()}
    department = None
    if row["department"]:
        department, prov["department"] = row["department"]
    elif owner[0]:
        department = owner[0]
        if owner[1]:
            prov["department"] = owner[1]
    if name_field:
        prov["name"] = fields[name_field][1]
    if not row["points_column"] and name_field:
        # No 分值 column: a name such as '信息工作（10分）' states the points itself.
        _, points = stated_points(fields[name_field][0])
        points_text = fields[name_field][0] if points is not None else None
    return Indicator(
        id=f"{section_id}.i{n}",
        section_id=section_id,
        categories=categories,
        number=squash(fields["number"][0]) if "number" in fields else None,
        name=squash(fields[name_field][0]) if name_field else None,
        content=fields["content"][0] if "content" in fields else None,
        criteria=fields["criteria"][0] if "criteria" in fields else None,
        points=points,
        points_text=points_text,
        department=department,
        timing=squash(fields["timing"][0]) if "timing" in fields else None,
        prov=prov,
    )
