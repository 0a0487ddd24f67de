"""Assembly: read a RawDocument's blocks and tables (reader.Builder), then make the IndicatorTable: sections
and indicators from the drafts, from prose outlines, the metadata, a results reading, the self-check."""
from __future__ import annotations

from schemas.indicators import DocumentKind, IndicatorTable, Section, SectionRole
from schemas.common import InputFormat
from schemas.raw import BlockLabel, RawDocument, Table, TextBlock

from .categories import rebalance
from .check import MAX_NAME, RULE, is_cut_off, run_check, stated_total
from .columns import Role
from .leaves import beside_tables, leaf_indicator, leaf_sections
from .metadata import build_meta
from .prose import prose_verdict, read_prose
from .reader import Builder
from .rows import to_indicator, weights_as_points
from .sections import stated_total as section_total
from .subitems import split_subitems
from .text import key, parse_points


def _results(raw: RawDocument):
    """Return pipeline.results.read' reading (rows, notes, warnings …) when it says this is a results document, else None."""
    try:
        from pipeline.results.read import is_results_document, read_results
    except ImportError:  # the results reader is optional
        return None
    return read_results(raw) if is_results_document(raw) else None


def build_indicator_table(raw: RawDocument, *, column_roles: dict[int, dict[int, Role | None]] | None = None,
                          skip_tables: frozenset[int] = frozenset()) -> IndicatorTable:
    """Given a RawDocument of any format, return its IndicatorTable (sections, indicators, meta);
    ``column_roles`` and ``skip_tables`` carry a person's corrections (pipeline.corrections).

    The grid of a text dump is itself a guess: its tables are also read as the lines of text they came
    from, and the reading whose points reconcile better is kept (the other's lead is its confidence).
    """
    table = _read(raw, column_roles, skip_tables)
    if raw.source.format is not InputFormat.TEXT or not raw.tables or column_roles or skip_tables:
        return table
    lines = _read(as_lines(raw), None, frozenset())
    mine, theirs = quality(table), quality(lines)
    if theirs > mine and lines.indicators and pointed(lines) >= pointed(table) and not holds_together(table):
        # The grid did not hold together: the lines read better, but a person should look at either.
        lines.review_reasons.append("文本中的表格未能按行列读通，已改按逐行文字读取，请对照原文核对各项")
        lines.needs_review = True
        table, mine, theirs = lines, theirs, mine
    if table.indicators and mine - theirs < MIN_LEAD * max(abs(mine), 1.0) and abs(mine - theirs) > 0:
        table.review_reasons.append("按表格读和按逐行文字读，结果不同而把握接近，请对照原文核对各项")
        table.needs_review = True
    return table


MIN_LEAD = 0.1
MIN_NAMED = 0.7


def as_lines(raw: RawDocument) -> RawDocument:
    """Given a text dump, return it with each table turned back into lines of text, one per row."""
    body = []
    for item in raw.body:
        if not isinstance(item, Table):
            body.append(item)
            continue
        for r, row in enumerate(item.grid()):
            # A merged cell's text stands once, on its first row, as the line it was read from.
            cells = [c for n, c in enumerate(row) if c is not None and c.row == r and (n == 0 or row[n - 1] is not c)]
            text = " ".join(c.text.strip() for c in cells if c.text.strip())
            if text:
                body.append(TextBlock(label=BlockLabel.PARAGRAPH, text=text, prov=cells[0].prov))
    return raw.model_copy(update={"body": body})


def holds_together(table: IndicatorTable) -> bool:
    """Given a reading, tell whether it stands on its own: items found, most of them named by a short
    name (not a rule or a paragraph), and every category that states points adds up."""
    if not table.indicators:
        return False
    named = sum(1 for i in table.indicators if _named(i))
    return named >= MIN_NAMED * len(table.indicators) and all(c.ok for c in table.check.categories)


def _named(ind) -> bool:
    return bool(ind.name) and len(key(ind.name)) <= MAX_NAME and not RULE.search(ind.name)


def pointed(table: IndicatorTable) -> int:
    """Given a reading, count its items with points or a weight."""
    return sum(1 for i in table.indicators if i.points is not None or i.weight is not None)


def quality(table: IndicatorTable) -> float:
    """Given a reading, score how well it holds together: items named (not by a rule or a paragraph) and
    with points or a weight, categories whose stated points their items add up to."""
    score = 0.0
    for ind in table.indicators:
        score += (0.3 + (ind.points is not None or ind.weight is not None)) if _named(ind) else -0.5
    for c in table.check.categories:
        score += 1.5 if c.ok else -1.5
    return score


def _read(raw: RawDocument, column_roles, skip_tables: frozenset[int]) -> IndicatorTable:
    """Given a RawDocument (and a person's corrections), return its IndicatorTable read as it stands."""
    builder = Builder(column_roles)
    for item in raw.body:
        if isinstance(item, Table):
            if item.table_no in skip_tables:
                continue
            builder.in_note = False
            builder.table(item)
        else:
            builder.block(item)
    prose = "\n".join(b.text for b in raw.blocks)
    warnings = builder.warnings
    sections, indicators = _from_drafts(builder, prose, warnings)
    if raw.blocks:
        _from_prose(raw, builder, sections, indicators)
    role_of = {s.id: s.role for s in sections}
    base_criteria = [i.criteria or i.name or "" for i in indicators if role_of[i.section_id] is SectionRole.BASE]
    all_text = prose + "\n".join(c.text for t in raw.tables for c in t.cells)
    first_table = next((n for n, item in enumerate(raw.body) if isinstance(item, Table)), len(raw.body))
    head = [b for b in raw.body[:first_table] if isinstance(b, TextBlock)]
    meta = build_meta(head, raw.blocks, prose, base_criteria, all_text)
    table = IndicatorTable(source=raw.source, meta=meta, sections=sections, indicators=indicators,
                           notes=builder.notes, tables_found=len(raw.tables), warnings=warnings)
    reading = _results(raw)
    # A results reading without rows does not outweigh indicators: a scheme may list a 自评表 among its attachments.
    if reading is not None and (reading.rows or not indicators):
        table.meta.kind = DocumentKind.RESULTS
        table.results = reading.rows
        # The form's rows are results, not unread indicators: the builder's warnings about them do not apply.
        table.indicators, table.warnings = [], list(reading.warnings)
        table.notes = reading.notes or table.notes
        table.stated_total = reading.total
        table.sections = [Section(id="s1", title=meta.title or "结果", role=SectionRole.RESULTS)]
    elif not indicators:
        table.warnings.append("未找到指标表：" + _why_none(raw, builder))
    if table.meta.kind is not DocumentKind.RESULTS and table.stated_total is None:
        table.stated_total = stated_total(raw, table.sections)
    run_check(table, raw, builder.skipped, builder.margins, builder.skipped_rows, builder.rating_tables)
    if table.results and reading.doubts:
        table.review_reasons += reading.doubts  # what the results reading itself could not tell
        table.needs_review = True
    # What the extractor could not read faithfully (OCR pages, skipped sheets) comes first: a user
    # reading the table must know its text may differ from the original.
    table.warnings[:0] = raw.warnings
    return table


def _from_drafts(builder: Builder, prose: str, warnings: list[str]) -> tuple[list[Section], list]:
    """Given the builder after its pass over the body, return the sections and indicators of its drafts.

    Each draft is dropped once turned into indicators: a long document's drafts (rows of fields and
    paths) would otherwise stay beside the indicators and the whole-document passes that follow.
    """
    sections: list[Section] = []
    indicators: list = []
    drafts, builder.drafts, builder.current = builder.drafts, [], None
    drafts.reverse()
    while drafts:
        draft = drafts.pop()
        if not draft.rows and not draft.leaves and draft.role is not SectionRole.FORM:
            continue
        sid = f"s{len(sections) + 1}"
        for n in rebalance(draft.rows, lambda row: parse_points(row["fields"].get("points", ("",))[0])):
            warnings.append(f"{draft.title}：第{n + 1}行按分值合计归入“{draft.rows[n]['path'][0].name}”")
        if weights_as_points(draft.rows):
            warnings.append(f"{draft.title}：权重之和等于各类别的分值，权重同时作为分值")
        points = draft.points if draft.points is not None else section_total(draft.title, prose)
        sections.append(Section(id=sid, title=draft.title, role=draft.role, attachment=draft.attachment,
                                points=points, department=draft.department, prov=draft.prov))
        owner = (draft.department, draft.prov)
        rows = [split for n, row in enumerate(draft.rows, 1) for split in split_subitems(to_indicator(row, sid, n, owner, warnings))]
        for n, ind in enumerate(rows, 1):
            ind.id = f"{sid}.i{n}"  # sub-items split from a row take the numbers after it
        indicators += rows
        indicators += [leaf_indicator(leaf, sid, n) for n, leaf in enumerate(draft.leaves, len(rows) + 1)]
    return sections, indicators


def _from_prose(raw: RawDocument, builder: Builder, sections: list[Section], indicators: list) -> None:
    """Given the document and what its tables gave, add what its numbered prose outline states.

    The scheme may be written as a numbered outline with points in its items: the whole of it when no
    table holds indicators; beside a table, the weights or points its prose gives. The outline's rows are
    let go on return, before the whole-document passes.
    """
    rows = read_prose(raw.blocks, cut=is_cut_off(raw))
    why_not = prose_verdict(rows)
    if why_not is not None:
        builder.prose_verdict = why_not
        return
    if indicators:
        rows = beside_tables(rows, indicators, sections)
    title = builder.plain_title[0] if builder.plain_title else "正文"
    more, found = leaf_sections(rows, title, len(sections) + 1)
    sections += more
    indicators += found


def _why_none(raw: RawDocument, builder: Builder) -> str:
    """Given a document that gave no indicators, say why in a few Chinese words."""
    parts = [f"表{t.table_no + 1}是{t.reason}" for t in builder.skipped]
    if not raw.tables:
        parts.append("文档中没有表格")
    elif len(builder.skipped) < len(raw.tables):
        parts.append("其余表格没有可识别的考核项目和分值")
    if builder.prose_verdict:
        parts.append(builder.prose_verdict)
    elif raw.blocks:
        parts.append("正文没有带分值或计分规则的编号条目")
    return "；".join(parts)
