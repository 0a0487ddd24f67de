"""Write an IndicatorTable as JSON and as an Excel workbook a 政治处 can open."""
from __future__ import annotations

from pathlib import Path

from schemas.indicators import IndicatorTable

from . import labels
from .excel import Book, Column

INDICATOR_COLUMNS = [
    Column("序", "int"), Column("部分"), Column("类别路径"), Column("类别分值", "number"), Column("编号", "code"),
    Column("指标名称"), Column("考核内容"), Column("评分标准"), Column("分值", "number"), Column("权重", "percent"),
    Column("责任部门"), Column("考评时间"), Column("来源位置"), Column("提醒"), Column("人工更正（原提取值）"),
]
# Stated and extracted figures as numbers; shares such as 85% become percent-formatted numbers.
CHECK_COLUMNS = [Column("项目"), Column("文件所述", "quantity"), Column("提取结果", "quantity"), Column("核对")]

CORRECTION_COLUMNS = [Column("序", "int"), Column("操作"), Column("指标"), Column("字段/位置"), Column("提取值", "quantity"),
                      Column("更正值", "quantity"), Column("更正人"), Column("时间"), Column("状态"), Column("说明")]
OP_ZH = {"set": "修改", "split": "拆分", "merge": "与下一行合并", "column_role": "列的作用",
         "not_indicator_table": "不是指标表", "atom": "规则"}

RESULT_COLUMNS = [
    Column("序", "int"), Column("分组"), Column("分组分值", "number"), Column("指标层级"), Column("指标"),
    Column("目标值/应得依据", "quantity"), Column("实际值", "quantity"), Column("执行率", "quantity"),
    Column("应得分", "number"), Column("实得分", "number"), Column("失分原因"), Column("整改措施"), Column("责任部门"),
    Column("来源位置"),
]


def write_json(table: IndicatorTable, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(table.model_dump_json(indent=2), encoding="utf-8")
    return path


def write_xlsx(table: IndicatorTable, path: Path) -> Path:
    """One row per indicator with its category path, points, criteria, department, source and the person's
    corrections (what was extracted before), then the corrections themselves and the document's facts."""
    from .corrections import corrections_by_indicator

    sections = {s.id: s for s in table.sections}
    changed = corrections_by_indicator(table)
    with Book(path) as book:
        if table.indicators or not table.results:
            book.sheet("指标", INDICATOR_COLUMNS, (
                [
                    n,
                    _section_label(sections.get(ind.section_id)),
                    ind.category_path,
                    _category_points(ind),
                    ind.number,
                    ind.name,
                    ind.content,
                    ind.criteria,
                    ind.points,
                    ind.weight,
                    ind.department,
                    ind.timing,
                    _location(ind.prov),
                    _reminder(ind),
                    "\n".join(correction_note(c) for c in changed.get(ind.id, [])) or None,
                ]
                for n, ind in enumerate(table.indicators, start=1)
            ))
        if table.results:
            result_sheet(book, "结果", table.results)
        if table.corrections:
            book.sheet("更正记录", CORRECTION_COLUMNS, (
                [n, OP_ZH.get(c.op.value, c.op.value), c.target, _correction_where(c), value_text(c.before),
                 value_text(c.value), c.author, c.created_at.strftime("%Y-%m-%d %H:%M"),
                 "已应用" if c.status.value == "applied" else "未应用", c.note]
                for n, c in enumerate(table.corrections, start=1)
            ))
        book.sheet("自检", CHECK_COLUMNS, check_rows(table), max_width=80)
        book.sheet("文档信息", ["项目", "内容"], _meta_rows(table), max_width=80)
    return path


def result_sheet(book: Book, name: str, rows) -> str:
    """Write result rows (自评表 / 整改方案) as a sheet: targets and rates as numbers, with their source."""
    return book.sheet(name, RESULT_COLUMNS, (
        [n, row.group, row.group_points, row.path, row.name, row.target, row.actual, row.rate, row.points_due,
         row.points_got, row.reason, row.measures, row.department, _location(row.prov)]
        for n, row in enumerate(rows, start=1)))


def _category_points(indicator) -> float | None:
    """The points of the innermost category that states them (the category the indicator counts towards)."""
    return next((c.points for c in reversed(indicator.categories) if c.points is not None), None)


def _reminder(ind) -> str | None:
    """Given an indicator, return what a reader should know about it (加分, cut off), in Chinese."""
    notes = []
    if ind.bonus_points is not None:
        notes.append(f"另有加分 {ind.bonus_points:g} 分")
    if ind.possibly_cut:
        notes.append("原文在此中断，本项可能不完整")
    return "；".join(notes) or None


def check_rows(table: IndicatorTable) -> list[list]:
    """Given a table, return its self-check as rows: the 需复核 mark and reasons first, then each
    reconciliation (stated against extracted), rows without points, tables and rows skipped."""
    c = table.check
    rows: list[list] = [["需复核", None, "是" if table.needs_review else "否", None]]
    rows += [["原因", None, reason, None] for reason in table.review_reasons]

    def agree(stated, got) -> str | None:
        if stated is None or got is None:
            return None
        return "一致" if abs(stated - got) <= 1e-6 else "不符"

    rows.append(["总分", c.stated_total, c.extracted_total, agree(c.stated_total, c.extracted_total)])
    if c.bonus_total is not None:
        rows.append(["加分合计", None, c.bonus_total, None])
    if c.weight_total is not None:
        rows.append(["权重合计（各项自身的权重）", None, f"{c.weight_total:.0%}", None])
    rows += [[f"“{' ▸ '.join(k.path)}”的分值", k.stated, k.extracted, "一致" if k.ok else "不符"] for k in c.categories]
    rows.append(["没有分值也没有权重的项", None, c.rows_without_points, None])
    if c.margin is not None:
        rows.append(["列含义判断的把握（最佳读法领先次佳的比例）", None, f"{c.margin:.0%}", None])
    rows += [["跳过的表", f"表{t.table_no + 1}", t.reason, None] for t in c.tables_skipped]
    rows += [["跳过的行", None, r, None] for r in c.rows_skipped]
    return rows


def correction_note(c) -> str:
    """Given an applied correction, return one Chinese line: what changed from what, by whom and when."""
    from .corrections import SET_FIELDS

    what = SET_FIELDS.get(c.field or "", OP_ZH.get(c.op.value, c.op.value))
    change = f"{what}：原 {value_text(c.before) or '（空）'} → {value_text(c.value) or '（空）'}" \
        if c.op.value == "set" else what
    return f"{change}（{c.author} {c.created_at:%Y-%m-%d %H:%M}）"


def _correction_where(c) -> str | None:
    if c.table_no is not None:
        return f"表{c.table_no + 1}" + (f" 列{c.col + 1}" if c.col is not None else "")
    return c.field if c.op.value == "set" else (f"第{c.index + 1}条规则" if c.op.value == "atom" and c.index is not None
                                              else None)


def value_text(value) -> str | None:
    """Given an extracted or corrected value, return it as Chinese cell text: numbers without a trailing .0, a
    category path with ▸, a rule in words (每次扣分 2分/次，上限 3) — never JSON."""
    from .rules.bookcells import atom_text

    if value is None or isinstance(value, str):
        return value
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return " ▸ ".join(value_text(v) or "" for v in value)
    if isinstance(value, dict):
        return atom_text(value) if "kind" in value else "；".join(f"{k}：{value_text(v)}" for k, v in value.items())
    return str(value)


def _section_label(section) -> str | None:
    if section is None:
        return None
    role = labels.label(labels.SECTION_ROLE, section.role)
    prefix = f"附件{section.attachment} " if section.attachment else ""
    return f"{prefix}{section.title}（{role}）"


def _location(prov: dict) -> str | None:
    """Pick the most telling provenance (criteria, then name, then any) as a Chinese label."""
    for key in ("criteria", "name", "points", "points_got"):
        if key in prov:
            return prov[key].label()
    return next(iter(prov.values())).label() if prov else None


def _meta_rows(table: IndicatorTable):
    m = table.meta
    region = "".join(x for x in (m.region.province, m.region.city, m.region.district) if x)
    period = f"{m.period_start} 至 {m.period_end}" if m.period_start or m.period_end else None
    rows = [
        ("源文件", table.source.file),
        ("需复核", "；".join(table.review_reasons) if table.needs_review else "否"),
        ("标题", m.title),
        ("文号", m.doc_number),
        ("发文机关", m.issuer),
        ("主送", m.addressees),
        ("地区", region or None),
        ("年度", m.year),
        ("印发日期", str(m.issue_date) if m.issue_date else None),
        ("考评周期", period),
        ("考评对象", "、".join(m.assessed_units) or None),
        ("计分方式", labels.label(labels.SCORING_STYLE, m.scoring_style)),
        ("考评频次", labels.label(labels.FREQUENCY, m.frequency)),
        ("表格数", table.tables_found),
        ("指标数", len(table.indicators)),
        ("分值合计", "，".join(f"{k} {v:g}" for k, v in points_by_role(table).items()) or None),
    ]
    rows += [("备注", note) for note in table.notes]
    rows += [("警告", w) for w in table.warnings]
    return rows


def points_by_role(table: IndicatorTable) -> dict[str, float]:
    """Stated points summed per section role in Chinese (基础指标 100, 加分项目 20 …);
    base and bonus points never add up to one meaningful total."""
    roles = {s.id: labels.label(labels.SECTION_ROLE, s.role) for s in table.sections}
    sums: dict[str, float] = {}
    for ind in table.indicators:
        if ind.points is not None:
            role = roles.get(ind.section_id, "其他")
            sums[role] = round(sums.get(role, 0.0) + ind.points, 4)
    return sums
