"""Sections being filled as a document is read in order: section cues (附件 headings, titles with points,
责任科室 lines) from blocks and title rows, plain titles, and 备注 notes."""
from __future__ import annotations

import re

from schemas.common import ProvenanceItem
from schemas.indicators import Category, SectionRole
from schemas.raw import TextBlock

from .categories import CategoryFill
from .columns import Role
from .leaves import Leaf
from .metadata import is_date_line, parse_doc_number
from .sections import attachment_number, department_line, is_note, numbering_depth, section_title, title_role
from .text import key, squash

MAX_PLAIN_TITLE = 60
_NUMBERED = re.compile(r"^(?:\d{1,2}|[（(]\d{1,2}[）)])[.、．]")


class Draft:
    """A section being filled: the Section fields plus its indicators."""

    def __init__(self, title: str, role: SectionRole, attachment: int | None, points: float | None,
                 department: str | None, prov: ProvenanceItem | None):
        self.title, self.role, self.attachment, self.points = title, role, attachment, points
        self.department, self.prov = department, prov
        self.rows: list[dict] = []
        self.leaves: list[Leaf] = []  # indicators read whole (a rating sheet's criteria)


class Sections:
    """The section state carried across blocks and tables: drafts, the open section, the categories
    stated by titles above the rows, the attachment, the plain title, notes and section cues pending."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.current: Draft | None = None
        self.attachment: int | None = None
        # Titles with stated points that head the rows below ('业务工作（60 分）'), outermost first,
        # with their numbering depth: 0 none, 1 '一、', 2 '（一）', 3 '1.', 4 '（1）'.
        self.groups: list[tuple[int, Category]] = []
        self.plain_title: tuple[str, ProvenanceItem] | None = None
        self.categories = CategoryFill()
        self.last_department: tuple[str, ProvenanceItem] | None = None
        self.notes: list[str] = []
        self.in_note = False
        self.pending: list[tuple[str, ProvenanceItem]] = []  # section cues seen since the last table
        self.roles: dict[int, Role] | None = None  # the column reading in force; an attachment heading clears it

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
