"""Reading a document's blocks and tables in order: section cues, headers and column readings, rows
drafted as indicators (a draft per section), rating sheets, tables skipped and rows skipped with why."""
from __future__ import annotations

import re
from itertools import islice

from schemas.common import ProvenanceItem
from schemas.indicators import Category, SectionRole, SkippedTable
from schemas.raw import Table, TableCell, TextBlock

from .categories import CategoryFill, parse_category
from .columns import Role, header_roles, infer_roles, refine_roles, roles_fit, row_cells, settle_roles
from .kinds import skip_reason
from .leaves import Leaf
from .metadata import is_date_line, parse_doc_number
from .ratings import rating_leaves
from .reading import choose, looks_like_header, shape_scores
from .rows import read_weight, split_number
from .sections import (
    attachment_number,
    department_line,
    is_form_table,
    is_note,
    numbering_depth,
    section_title,
    serial_depth,
    title_role,
)
from .text import key, parse_points, squash

MAX_PLAIN_TITLE = 60
_TOTAL = re.compile(r"^(?:合计|总计|小计|总分|分值合计|总分值)[:：]?$")
_FOOTER = re.compile(r"^(?:工作亮点|特色亮点|亮点工作|考核意见|考核结论|考评意见|评定等次|考核等次)[:：]?$")
_SUBTOTAL = ("小计",)  # a category's subtotal, not the section's total
_FORM_FIELD = re.compile(r"[:：]$|签字|签名|盖章")  # '考核人签字：', '单位（盖章）': a form's blanks, no item
_NUMBERED = re.compile(r"^(?:\d{1,2}|[（(]\d{1,2}[）)])[.、．]")


def body_rows(grid: list[list[TableCell | None]], start: int, end: int) -> list[int]:
    """Given a grid and a row range, return the rows that hold items: two cells or more, no 合计/备注 row."""
    out = []
    for r in range(start, end):
        cells = [c for c in row_cells(grid[r]) if key(c.text)]
        if len(cells) >= 2 and not _TOTAL.match(key(cells[0].text)) and not is_note(cells[0].text):
            out.append(r)
    return out


class Draft:
    """A section being filled: the Section fields plus its indicators."""

    def __init__(self, title: str, role: SectionRole, attachment: int | None, points: float | None,
                 department: str | None, prov: ProvenanceItem | None):
        self.title, self.role, self.attachment, self.points = title, role, attachment, points
        self.department, self.prov = department, prov
        self.rows: list[dict] = []
        self.leaves: list[Leaf] = []  # indicators read whole (a rating sheet's criteria)


class Builder:
    """Reading state carried across blocks and tables in document order."""

    def __init__(self, column_roles: dict[int, dict[int, Role | None]] | None = None) -> None:
        # A person's reading of a table's columns (table_no → column → role, None = ignore) wins over the header.
        self.column_roles = column_roles or {}
        self.drafts: list[Draft] = []
        self.current: Draft | None = None
        self.attachment: int | None = None
        # Titles with stated points that head the rows below ('业务工作（60 分）'), outermost first,
        # with their numbering depth: 0 none, 1 '一、', 2 '（一）', 3 '1.', 4 '（1）'.
        self.groups: list[tuple[int, Category]] = []
        self.plain_title: tuple[str, ProvenanceItem] | None = None
        self.roles: dict[int, Role] | None = None
        self.roles_cols = 0
        self.categories = CategoryFill()
        self.last_department: tuple[str, ProvenanceItem] | None = None
        self.notes: list[str] = []
        self.warnings: list[str] = []
        self.in_note = False
        self.pending: list[tuple[str, ProvenanceItem]] = []  # section cues seen since the last table
        self.prose_verdict: str | None = None  # why the prose was not read as indicators
        self.skipped: list[SkippedTable] = []
        self.skipped_rows: list[str] = []  # rows not read as indicators, with the reason
        self.margins: list[tuple[int, float]] = []  # (table, lead of its chosen reading over the runner-up)
        self.rating_tables: set[int] = set()  # tables read as rating sheets (their points are left to fill)

    # -- sections -------------------------------------------------------------------------------
    def open(self, title: str, role: SectionRole, points: float | None = None, department: str | None = None,
             prov: ProvenanceItem | None = None) -> None:
        """Start a new section; category and department fill-down start afresh."""
        self.current = Draft(title, role, self.attachment, points, department, prov)
        self.drafts.append(self.current)
        self.categories.reset()
        self.last_department = None

    def cue(self, text: str, prov: ProvenanceItem, points: float | None = None) -> bool:
        """Given a title-like text (block or spanning row), switch attachment/section; tell if it was one.

        ``points`` is a total stated beside the title (a 分值 cell next to a spanning title cell).
        """
        number = attachment_number(text)
        if number is not None:
            self.attachment, self.groups, self.current, self.plain_title = number, [], None, None
            self.roles = None  # an attachment's table states its own header
            return True
        department = department_line(text)
        if department:
            role = self.current.role if self.current else SectionRole.BASE
            points = self.groups[-1][1].points if self.groups else None
            self.open(squash(text), role, points, department, prov)
            return True
        titled = section_title(text)
        if points is not None:
            titled = ((titled or (squash(text), None))[0], points)
        if titled and title_role(text) is SectionRole.FORM:
            self.plain_title = (squash(text), prov)  # the form opens its section when its table comes
            return True
        if titled:
            title, points = titled
            role = title_role(text) or SectionRole.BASE
            depth = numbering_depth(text)
            group = Category(name=title, points=points, prov=prov)
            outer = [g for g in self.groups if g[0] < depth]
            if depth and outer and self.current and role is self.current.role:
                self.groups = outer + [(depth, group)]  # a sub-heading: a category inside the section
                return True
            self.groups = [(depth, group)] if points is not None else []
            self.open(title, role, points, None, prov)
            return True
        return False

    # -- blocks ---------------------------------------------------------------------------------
    def block(self, block: TextBlock) -> None:
        """Given a text block, collect 备注 notes and section cues, and remember plain titles."""
        text = block.text.strip()
        if is_note(text):
            self.in_note = True
            self.add_notes(re.sub(r"^备注[:：]?|^注[:：]", "", text.strip()))
            return
        if self.in_note and _NUMBERED.match(key(text)):
            self.add_notes(text)
            return
        if self.in_note and self.notes and not self.notes[-1].endswith(("。", ".", "；")) \
                and attachment_number(text) is None:
            self.notes[-1] += text  # a note wrapped over several lines of a text dump
            return
        self.in_note = False
        k = key(text)
        if attachment_number(text) is not None:
            self.pending.clear()  # lines before an attachment heading never head its tables
            self.cue(text, block.prov)
        elif len(k) <= MAX_PLAIN_TITLE and (department_line(text) or section_title(text)):
            self.pending.append((text, block.prov))
        elif len(k) > MAX_PLAIN_TITLE:
            self.pending.clear()  # prose in between: those lines headed prose, not the next table
        elif len(k) >= 4 and not re.search(r"[。；：:，,]$", k) and "印发" not in k \
                and not parse_doc_number(text) and not is_date_line(text):
            self.plain_title = (squash(text), block.prov)

    def add_notes(self, text: str) -> None:
        """Given note text (one cell or block), keep each paragraph as a note."""
        # A paragraph break lost in extraction still shows as '。' before a lead-in such as '加分项：'.
        text = re.sub(r"(?<=。)\s*(?=[\u4e00-\u9fff]{2,6}[:：])", "\n", text)
        for line in re.split(r"\n+|</?p>", text):
            line = line.strip()
            if key(line):
                self.notes.append(line)

    # -- tables ---------------------------------------------------------------------------------
    def table(self, table: Table) -> None:
        """Given a table, read its header, title, note and indicator rows."""
        for text, prov in self.pending:
            self.cue(text, prov)
        self.pending.clear()
        if self.rating_sheet(table):
            return
        if is_form_table(table):
            self.skipped.append(SkippedTable(table_no=table.table_no, prov=table.prov,
                                             reason="待填写的表单（栏目名旁是空白），不含考核指标"))
            title = self.plain_title[0] if self.plain_title else "申报表"
            if not (self.current and self.current.role is SectionRole.FORM and not self.current.rows):
                self.open(title, SectionRole.FORM, prov=table.prov)
            return
        reason = skip_reason(table)
        if reason is not None:
            self.skipped.append(SkippedTable(table_no=table.table_no, reason=reason, prov=table.prov))
            self.roles = None
            return
        grid = table.grid()
        if self.roles is not None and (table.num_cols != self.roles_cols or not roles_fit(grid, self.roles)):
            self.roles = None  # not the previous table continued: a new table (a contact list …)
            self.categories.reset()  # whose rows inherit no category from the table before
        headers = [header_roles(row) for row in grid]  # once per row: a table may repeat its header on every page
        shape_header = None
        if self.roles is None and not any(headers):
            shape_header = next((r for r in range(min(3, len(grid))) if looks_like_header(grid, r)), None)
            if shape_header is not None:
                self.roles, margin = choose(grid, {}, None, body_rows(grid, shape_header + 1, len(grid)), table.num_cols)
                self.margins.append((table.table_no, margin))
                self.warnings.append(f"表{table.table_no + 1}：表头用词不常见，按各列内容判断了列的含义")
            else:
                self.roles = infer_roles(grid)
                if self.roles is not None:
                    self.warnings.append(f"表{table.table_no + 1}：没有表头，按内容推断了序号、分值等列")
                else:
                    # No header and no 序号: the columns' shape alone (a page of a table whose header was on
                    # the page before), kept only when it finds points, names, and a level above them or rules.
                    body = body_rows(grid, 0, len(grid))
                    roles, margin = choose(grid, {}, None, body, table.num_cols)
                    if roles and Role.POINTS in roles.values() and Role.NAME in roles.values() and shape_scores(grid, roles, body):
                        self.roles = roles
                        self.margins.append((table.table_no, margin))
                        self.warnings.append(f"表{table.table_no + 1}：没有表头，按各列内容判断了列的含义")
            if self.roles is not None:
                self.roles_cols = table.num_cols
        self.fix_roles(table)
        unread, last_header = 0, None
        for r, row in enumerate(grid):
            cells = [c for c in row_cells(row) if key(c.text)]
            if not cells or r == shape_header or all(c.row < r for c in cells):
                continue  # nothing of its own: a blank row inside cells merged from above
            found = headers[r]
            if found:
                if last_header is not None:  # a two-row header: the lower row refines the upper
                    found = {**last_header, **found}
                end = next((i for i in range(r + 1, len(grid)) if headers[i]), len(grid))
                proposed = settle_roles(refine_roles(table, grid, found, range(r + 1, end)), grid, range(r + 1, end))
                self.roles, margin = choose(grid, found, proposed, body_rows(grid, r + 1, end), table.num_cols)
                self.margins.append((table.table_no, margin))
                self.roles_cols, last_header = table.num_cols, found
                self.fix_roles(table)
                continue
            last_header = None
            if is_note(cells[0].text):
                self.add_notes("\n".join(c.text for c in cells[1:]) or re.sub(r"^备注[:：]?", "", cells[0].text))
                continue
            if _TOTAL.match(key(cells[0].text)) or _FOOTER.match(key(cells[0].text)):
                if _TOTAL.match(key(cells[0].text)) and not key(cells[0].text).startswith(_SUBTOTAL):
                    self.total_row(cells)
                self.skipped_rows.append(f"{table.prov.label()} 行{r + 1}：“{key(cells[0].text)}”行，不是指标")
                continue
            if len(cells) == 1 and self.title_row(cells[0], table):
                continue
            if all(_FORM_FIELD.search(key(c.text)) for c in cells):
                continue
            if self.titled_points_row(cells):
                continue
            if self.roles is None:
                unread += 1
                continue
            if self.group_row(grid, r):
                continue
            self.indicator_row(row, table, r)
        if unread:
            self.warnings.append(f"表{table.table_no + 1}：未识别表头，{unread} 行未读取")
            self.skipped_rows.append(f"表{table.table_no + 1}：{unread} 行未读取（未识别表头）")

    def rating_sheet(self, table: Table) -> bool:
        """Given a table, read it as a rating sheet (criteria as columns, or aspects with tick-box scales)."""
        leaves = rating_leaves(table)
        if not leaves:
            return False
        self.open(self.plain_title[0] if self.plain_title else "评价表", SectionRole.BASE, prov=table.prov)
        self.current.leaves = leaves
        self.rating_tables.add(table.table_no)
        self.roles = None
        return True

    def fix_roles(self, table: Table) -> None:
        """Apply the column roles a person set for this table over those read from its header."""
        fixed = self.column_roles.get(table.table_no)
        if not fixed:
            return
        roles = dict(self.roles or {})
        for col, role in fixed.items():
            if role is None:
                roles.pop(col, None)
            else:
                roles[col] = role
        self.roles, self.roles_cols = roles or None, table.num_cols

    def title_row(self, cell: TableCell, table: Table) -> bool:
        """Given the only filled cell of a row, treat it as a title when it spans or reads as one."""
        spans = cell.col_span >= max(2, table.num_cols - 1) or table.num_cols == 1
        if len(key(cell.text)) <= MAX_PLAIN_TITLE and self.cue(cell.text, cell.prov):
            return True
        if self.roles is None and len(key(cell.text)) <= MAX_PLAIN_TITLE:
            self.plain_title = (squash(cell.text), cell.prov)  # a title row above the header
            return True
        if self.roles is not None and spans:
            self.warnings.append(f"{cell.prov.label()}：跳过标题行“{squash(cell.text)[:30]}”")
            return True
        return False

    def total_row(self, cells: list[TableCell]) -> None:
        """Given a 合计 row, keep its total as the section's points: it is no indicator."""
        totals = [parse_points(c.text) for c in cells[1:] if self.roles and self.roles.get(c.col) is Role.POINTS]
        if self.current and self.current.points is None and totals and totals[0] is not None:
            self.current.points = totals[0]

    def titled_points_row(self, cells: list[TableCell]) -> bool:
        """Given a row's filled cells, read 'title spanning the text columns | 分值' as a titled group."""
        if len(cells) != 2 or cells[0].col_span < 2 or not self.roles:
            return False
        title, total = cells
        if self.roles.get(total.col) is not Role.POINTS or parse_points(total.text) is None:
            return False
        return len(key(title.text)) <= MAX_PLAIN_TITLE and self.cue(title.text, title.prov, parse_points(total.text))

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
