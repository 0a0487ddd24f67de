"""One body row of a table read under its column roles: a category heading row, an indicator row, or the
rest of the row above (its 数据来源 row, its points cut off below it, its text cut by a page break)."""
from __future__ import annotations

import re
from itertools import islice

from schemas.common import ProvenanceItem
from schemas.indicators import Category, SectionRole
from schemas.raw import Table, TableCell

from .categories import parse_category
from .columns import Role, row_cells
from .drafting import Sections
from .rows import read_weight, split_number
from .sections import serial_depth, title_role
from .text import key, parse_points


class ItemRows(Sections):
    """Reading a table's body rows into the open section, under the column roles in force."""

    def __init__(self) -> None:
        super().__init__()
        self.warnings: list[str] = []
        self.skipped_rows: list[str] = []  # rows not read as indicators, with the reason

    def role_cell(self, row: list[TableCell | None], role: Role) -> TableCell | None:
        """Given a grid row, return its first filled cell in a column of ``role``."""
        assert self.roles is not None
        cells = [row[c] for c, rl in sorted(self.roles.items()) if rl is role and c < len(row)]
        return next((c for c in row_cells(cells) if key(c.text)), None)

    def role_text(self, row: list[TableCell | None], role: Role) -> str:
        """Given a grid row, return the text of its first filled cell in a column of ``role``."""
        cell = self.role_cell(row, role)
        return cell.text if cell else ""

    def group_row(self, grid: list[list[TableCell | None]], r: int) -> bool:
        """Given a body row numbered '一' or '（一）' without criteria, above rows numbered '1', read it as a
        category heading with its subtotal: '一 | 队伍建设 | | 30' heads '1. 政治理论学习 …'."""
        row = grid[r]
        depth = serial_depth(self.role_text(row, Role.NUMBER))
        if not depth or self.role_text(row, Role.CRITERIA):
            return False
        below = next((g for g in islice(grid, r + 1, None) if any(key(c.text) for c in row_cells(g))), None)
        if below is None or not re.match(r"^\d", key(self.role_text(below, Role.NUMBER))):
            return False
        label = next((c for c in (self.role_cell(row, f) for f in (Role.NAME, Role.CONTENT)) if c), None)
        group = parse_category(label.text, label.prov) if label else None
        if group is None:
            return False
        points = parse_points(self.role_text(row, Role.POINTS))
        if points is not None:
            group.points = points
        self.groups = [g for g in self.groups if g[0] < depth] + [(depth, group)]
        return True

    def category(self, row: list[TableCell | None], col: int) -> Category | None:
        """Given a grid row and a category column, return its category; a 分值 column beside it gives the points."""
        cell = row[col]
        if cell is None or not key(cell.text):
            return None
        category = parse_category(cell.text, cell.prov)
        # The category's 分值 cell: the one right beside it, or one merged over the same rows.
        def beside(role: Role) -> list[TableCell]:
            return [row[c] for c, rl in self.roles.items() if rl is role and c < len(row) and row[c] is not None
                    and (c == col + 1 or (row[c].row, row[c].row_span) == (cell.row, cell.row_span))]

        if category is not None and category.points is None and beside(Role.GROUP_POINTS):
            category.points = parse_points(beside(Role.GROUP_POINTS)[0].text)
        if category is not None and beside(Role.GROUP_WEIGHT):
            category.weight = read_weight(beside(Role.GROUP_WEIGHT)[0].text)[0]
        return category

    def indicator_row(self, row: list[TableCell | None], table: Table, r: int) -> None:
        """Given a body row and the column roles, append one indicator row to the current section."""
        assert self.roles is not None
        fields: dict[str, tuple[str, ProvenanceItem]] = {}
        for role in Role:
            cells = row_cells([row[c] for c, rl in sorted(self.roles.items()) if rl is role and c < len(row)])
            texts = [c.text.strip() for c in cells if key(c.text)]
            if texts:
                fields[role.value] = ("\n".join(texts), cells[0].prov)
        # Two 分值 cells in one row that disagree state no single value (never their digits run together).
        points_cells = row_cells([row[c] for c, rl in self.roles.items() if rl is Role.POINTS and c < len(row)])
        points_values = {parse_points(c.text) for c in points_cells if key(c.text)}
        cats = [self.category(row, c) for c, rl in sorted(self.roles.items()) if rl is Role.CATEGORY and c < len(row)]
        outer = next((c for c in cats if c is not None), None)
        if outer is not None:
            role = title_role(outer.name)
            # A category naming its role ('加分项目', '一票否决', '减分项' after 加分项目) starts that section.
            switches = role in (SectionRole.BONUS, SectionRole.BOTTOM_LINE) or (role is SectionRole.BASE and self.current is not None)
            if switches and (self.current is None or self.current.role is not role):
                self.groups = []
                self.open(outer.name, role, outer.points, None, outer.prov)
        if self.current is None:
            title, prov = self.plain_title or ("考评表", table.prov)
            self.open(title, SectionRole.BASE, prov=prov)
        path = self.categories.step(cats)
        if not any(k in fields for k in ("name", "content", "criteria", "points")):
            self.warnings.append(f"{table.prov.label()} 行{r + 1}：只有类别/序号，没有指标内容，已跳过")
            self.skipped_rows.append(f"{table.prov.label()} 行{r + 1}：只有类别/序号，没有指标内容")
            return
        outer_filled = not cats or cats[0] is None or (cats[0].prov is not None and cats[0].prov.row not in (None, r))
        present = set(self.roles.values())
        name_role = next((f for f in (Role.NAME, Role.CONTENT, Role.CRITERIA) if f in present), None)
        if name_role in (Role.NAME, Role.CONTENT) and name_role.value not in fields and ({"criteria", "points"} & set(fields)):
            # A category cell of this row alone, with criteria beside it and no item under it, is the item.
            inner = max((c for c, rl in self.roles.items() if rl is Role.CATEGORY and c < len(row)), default=None)
            cell = row[inner] if inner is not None else None
            if cell is not None and cell.row == r and cell.row_span == 1 and key(cell.text) and path:
                fields[name_role.value] = (path[-1].name, cell.prov)
                path = path[:-1]
        if self.same_item(fields, r, name_role):
            previous = self.current.rows[-1]["fields"]
            for f in ("content", "criteria", "timing"):
                if f in fields and fields[f][1].row in (None, r):
                    text, prov = previous.get(f, ("", fields[f][1]))
                    previous[f] = ((text + "\n" + fields[f][0]).strip(), prov)
            return
        if self.completes(row, fields, name_role, outer_filled, r):
            previous = self.current.rows[-1]["fields"]
            previous["points"] = fields["points"]
            if "criteria" in fields:
                text, prov = previous.get("criteria", ("", fields["criteria"][1]))
                previous["criteria"] = ((text + "\n" + fields["criteria"][0]).strip(), prov)
            self.warnings.append(f"{table.prov.label()} 行{r + 1}：无名称、无序号，分值补给上一行（上一行没有分值）")
            return
        # The row a text dump breaks off in is an item of its own, cut short, when the row above is whole
        # (its points and criteria read); above a row still open it is that row's rest.
        cut_here = table.recovery is not None and table.recovery.cut_row == r and bool(self.current and self.current.rows) \
            and {"points", "criteria"} <= set(self.current.rows[-1]["fields"])
        if self.continues(fields, present, outer_filled, r) and not cut_here:
            previous = self.current.rows[-1]["fields"]
            for f in ("name", "content", "criteria"):
                if f in fields:
                    text, prov = previous.get(f, ("", fields[f][1]))
                    previous[f] = ((text + "\n" + fields[f][0]).strip(), prov)
            self.warnings.append(f"{table.prov.label()} 行{r + 1}：无序号、无分值，视为上一行的续行")
            return
        if "department" in fields:
            self.last_department = (fields["department"][0], fields["department"][1])
        self.current.rows.append({"fields": fields, "path": path, "department": self.last_department,
                                  "groups": [g for _, g in self.groups],
                                  "name_field": name_role.value if name_role else None,
                                  "points_column": Role.POINTS in present,
                                  "cat_filled": outer_filled, "dept_filled": "department" not in fields,
                                  "points_values": points_values})

    def same_item(self, fields: dict, r: int, name_role: Role | None) -> bool:
        """Tell whether a row belongs to the item above: its naming cell (名称, or 内容 where that names the
        row), 序号 and 分值 cells are merged down from that item's row, only its criteria are its own (a
        '数据来源' row under the criteria row)."""
        naming = name_role.value if name_role in (Role.NAME, Role.CONTENT) else None
        if not self.current or not self.current.rows or naming not in fields:
            return False
        previous = self.current.rows[-1]["fields"]
        if previous.get(naming, (None, None))[1] != fields[naming][1] or fields[naming][1].row in (None, r):
            return False
        return not any(f in fields and fields[f][1].row in (None, r) for f in ("number", "points", "weight"))

    def completes(self, row: list[TableCell | None], fields: dict, name_role: Role | None, outer_filled: bool,
                  r: int) -> bool:
        """Tell whether a row holds only the 分值 (and criteria) the row above lacks: a cell the layout
        recovery cut in two, the item's text left above and its points below."""
        if not self.current or not self.current.rows or not outer_filled or name_role is None:
            return False
        if "points" not in fields or fields["points"][1].row not in (None, r):
            return False
        if any(f in fields for f in ("name", "number", "department")) or (name_role is Role.CONTENT and "content" in fields):
            return False
        lead = min(c for c, rl in self.roles.items() if rl is name_role)
        cell = row[lead] if lead < len(row) else None
        if cell is not None and key(cell.text):
            return False  # the row names an item of its own
        previous = self.current.rows[-1]["fields"]
        return name_role.value in previous and "points" not in previous and "weight" not in previous

    def continues(self, fields: dict, present: set[Role], outer_filled: bool, r: int) -> bool:
        """Tell whether a row is the rest of the row above, cut by a page break the extractor did not join."""
        if not self.current or not self.current.rows or not outer_filled:
            return False
        if not ({Role.NUMBER, Role.POINTS} & present) or {"number", "points"} & set(fields):
            return False
        if "department" in fields and fields["department"][1].row in (None, r):
            return False
        lead = next((fields[f][0] for f in ("name", "content", "criteria") if f in fields), "")
        if split_number(lead)[0] is not None:
            return False  # '5.工作日志记录情况…': a numbered item of its own, its 分值 cut off
        return Role.NAME not in present or "name" not in fields
