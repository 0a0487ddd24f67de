"""Reading a document's blocks and tables in order: each table's header and column reading (from its
header words, or its columns' shape when it has none), title, total and note rows, rating sheets, tables
skipped with why. Sections and notes: drafting.Sections; each body row: itemrows.ItemRows."""
from __future__ import annotations

import re

from schemas.indicators import SectionRole, SkippedTable
from schemas.raw import Table, TableCell

from .columns import Role, header_roles, infer_roles, refine_roles, roles_fit, row_cells, settle_roles
from .drafting import MAX_PLAIN_TITLE
from .itemrows import ItemRows
from .kinds import skip_reason
from .ratings import rating_leaves
from .reading import choose, looks_like_header, shape_scores
from .sections import is_form_table, is_note
from .text import key, parse_points, squash

_TOTAL = re.compile(r"^(?:合计|总计|小计|总分|分值合计|总分值)[:：]?$")
_FOOTER = re.compile(r"^(?:工作亮点|特色亮点|亮点工作|考核意见|考核结论|考评意见|评定等次|考核等次)[:：]?$")
_SUBTOTAL = ("小计",)  # a category's subtotal, not the section's total
_FORM_FIELD = re.compile(r"[:：]$|签字|签名|盖章")  # '考核人签字：', '单位（盖章）': a form's blanks, no item


def body_rows(grid: list[list[TableCell | None]], start: int, end: int) -> list[int]:
    """Given a grid and a row range, return the rows that hold items: two cells or more, no 合计/备注 row."""
    out = []
    for r in range(start, end):
        cells = [c for c in row_cells(grid[r]) if key(c.text)]
        if len(cells) >= 2 and not _TOTAL.match(key(_lead(cells, r).text)) and not is_note(cells[0].text):
            out.append(r)
    return out


def _lead(cells: list[TableCell], r: int) -> TableCell:
    """Given a row's filled cells, return the first that starts on row ``r``: cells merged down from above
    label the rows they span, so a '小计' beside them still makes this row a subtotal."""
    return next((c for c in cells if c.row == r), cells[0])


class Builder(ItemRows):
    """Reading state carried across blocks and tables in document order."""

    def __init__(self, column_roles: dict[int, dict[int, Role | None]] | None = None) -> None:
        super().__init__()
        # A person's reading of a table's columns (table_no → column → role, None = ignore) wins over the header.
        self.column_roles = column_roles or {}
        self.roles_cols = 0
        self.prose_verdict: str | None = None  # why the prose was not read as indicators
        self.skipped: list[SkippedTable] = []
        self.margins: list[tuple[int, float]] = []  # (table, lead of its chosen reading over the runner-up)
        self.rating_tables: set[int] = set()  # tables read as rating sheets (their points are left to fill)

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
        shape_header = self.unheaded(table, grid) if self.roles is None and not any(headers) else None
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
            lead = _lead(cells, r)
            if _TOTAL.match(key(lead.text)) or _FOOTER.match(key(lead.text)):
                if _TOTAL.match(key(lead.text)) and not key(lead.text).startswith(_SUBTOTAL):
                    self.total_row(cells[cells.index(lead):])
                self.skipped_rows.append(f"{table.prov.label()} 行{r + 1}：“{key(lead.text)}”行，不是指标")
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

    def unheaded(self, table: Table, grid: list[list[TableCell | None]]) -> int | None:
        """Given a table without header words, read its columns from their shape; return the row that
        looks like an uncommon header, if one does."""
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
        return shape_header

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
