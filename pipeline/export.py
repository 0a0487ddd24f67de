"""Write an IndicatorTable as JSON and as an Excel workbook a 政治处 can open."""
from __future__ import annotations

from pathlib import Path

from schemas.indicators import IndicatorTable

from .excel import add_sheet, new_workbook, save

SECTION_ROLE_ZH = {
    "base": "基础指标",
    "bonus": "加分项目",
    "bottom_line": "突破底线扣分",
    "form": "表单",
    "results": "结果",
    "note": "备注",
}

INDICATOR_HEADERS = [
    "序", "部分", "类别路径", "类别分值", "编号", "指标名称", "考核内容", "评分标准",
    "分值", "权重", "责任部门", "考评时间", "来源位置", "提醒", "人工更正（原提取值）",
]
CHECK_HEADERS = ["项目", "文件所述", "提取结果", "核对"]

CORRECTION_HEADERS = ["序", "操作", "指标", "字段/位置", "提取值", "更正值", "更正人", "时间", "状态", "说明"]
OP_ZH = {"set": "修改", "split": "拆分", "merge": "与下一行合并", "column_role": "列的作用",
         "not_indicator_table": "不是指标表", "atom": "规则"}

RESULT_HEADERS = [
    "序", "分组", "分组分值", "指标层级", "指标", "目标值/应得依据", "实际值", "执行率",
    "应得分", "实得分", "失分原因", "整改措施", "责任部门", "来源位置",
]


def write_json(table: IndicatorTable, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(table.model_dump_json(indent=2), encoding="utf-8")
    return path


def write_xlsx(table: IndicatorTable, path: Path) -> Path:
    """One row per indicator with its category path, points, criteria, department and source."""
    from .corrections import corrections_by_indicator

    sections = {s.id: s for s in table.sections}
    changed = corrections_by_indicator(table)
    wb = new_workbook()
    if table.indicators or not table.results:
        add_sheet(wb, "指标", INDICATOR_HEADERS, (
            [
                n,
                _section_label(sections.get(ind.section_id)),
                ind.category_path,
                " / ".join(_fmt(c.points) for c in ind.categories if c.points is not None) or None,
                ind.number,
                ind.name,
                ind.content,
                ind.criteria,
                ind.points,
                f"{ind.weight:.0%}" if ind.weight is not None else None,
                ind.department,
                ind.timing,
                _location(ind.prov),
                _reminder(ind),
                "\n".join(correction_note(c) for c in changed.get(ind.id, [])) or None,
            ]
            for n, ind in enumerate(table.indicators, start=1)
        ))
    if table.results:
        add_sheet(wb, "结果", RESULT_HEADERS, (
            [
                n, row.group, row.group_points, row.path, row.name, row.target, row.actual,
                row.rate, row.points_due, row.points_got, row.reason, row.measures,
                row.department, _location(row.prov),
            ]
            for n, row in enumerate(table.results, start=1)
        ))
    if table.corrections:
        add_sheet(wb, "更正记录", CORRECTION_HEADERS, (
            [n, OP_ZH.get(c.op.value, c.op.value), c.target, _correction_where(c), _json_text(c.before),
             _json_text(c.value), c.author, c.created_at.strftime("%Y-%m-%d %H:%M"),
             "已应用" if c.status.value == "applied" else "未应用", c.note]
            for n, c in enumerate(table.corrections, start=1)
        ))
    add_sheet(wb, "自检", CHECK_HEADERS, check_rows(table), max_width=80)
    add_sheet(wb, "文档信息", ["项目", "内容"], _meta_rows(table), max_width=80)
    return save(wb, path)


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
    change = f"{what}：原 {_json_text(c.before) or '（空）'} → {_json_text(c.value) or '（空）'}" \
        if c.op.value == "set" else what
    return f"{change}（{c.author} {c.created_at:%Y-%m-%d %H:%M}）"


def _correction_where(c) -> str | None:
    if c.table_no is not None:
        return f"表{c.table_no + 1}" + (f" 列{c.col + 1}" if c.col is not None else "")
    return c.field if c.op.value == "set" else (f"第{c.index + 1}条规则" if c.op.value == "atom" and c.index is not None
                                              else None)


def _json_text(value) -> str | None:
    """Given a JSON value, return it as cell text (numbers without a trailing .0, structures as JSON)."""
    if value is None:
        return None
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (dict, list)):
        import json

        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _section_label(section) -> str | None:
    if section is None:
        return None
    role = SECTION_ROLE_ZH.get(section.role.value, section.role.value)
    prefix = f"附件{section.attachment} " if section.attachment else ""
    return f"{prefix}{section.title}（{role}）"


def _location(prov: dict) -> str | None:
    """Pick the most telling provenance (criteria, then name, then any) as a Chinese label."""
    for key in ("criteria", "name", "points", "points_got"):
        if key in prov:
            return prov[key].label()
    return next(iter(prov.values())).label() if prov else None


def _fmt(value: float) -> str:
    return f"{value:g}"


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
        ("计分方式", {"deduction": "扣分制", "add_deduct": "加扣分制", "percentage": "百分制"}.get(m.scoring_style.value)),
        ("考评频次", {"monthly": "月度", "quarterly": "季度", "yearly": "年度"}.get(m.frequency.value)),
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
    roles = {s.id: SECTION_ROLE_ZH.get(s.role.value, s.role.value) for s in table.sections}
    sums: dict[str, float] = {}
    for ind in table.indicators:
        if ind.points is not None:
            role = roles.get(ind.section_id, "其他")
            sums[role] = round(sums.get(role, 0.0) + ind.points, 4)
    return sums
