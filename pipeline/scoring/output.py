"""Write a score report: JSON (the full trail), XLSX (ranking, issues, a sheet per unit), readable lines."""
from __future__ import annotations

import json
from pathlib import Path

from .. import labels
from ..excel import Book, Column
from .periods import period_label

METHODS = {"id": "指标编号", "name": "指标名称", "text": "文字相似", "metric": "度量名称", "rater": "测评主体",
           "scheme": "方案条款"}
MAPPING_RULES = {"category_cap": "类别封顶", "bonus_cap": "加分上限", "base_points": "满分", "unit_scope": "单位对应科室"}
MAPPING_STATUS = {"mapped": "已对应", "ambiguous": "不明确", "unmapped": "未找到"}
ISSUE_KINDS = {"unreadable": "无法读取", "unmatched": "无法对应规则", "ambiguous": "对应不明确",
               "needs_person": "需人工判断", "out_of_range": "超出范围", "duplicate_measure": "度量重复"}
UNIT_COLUMNS = [Column("期间"), Column("类别"), Column("指标"), Column("规则类型"), Column("分值", "number"),
                Column("封顶前", "number"), Column("暂定"), Column("说明"), Column("事件行号"), Column("匹配方式"),
                Column("置信度", "number")]


def write_json(report: dict, path: Path) -> Path:
    """Write the report as UTF-8 JSON (compact when large: the trail of a million events is big)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    indent = 2 if report.get("events_read", 0) <= 20000 else None
    path.write_text(json.dumps(report, ensure_ascii=False, indent=indent), encoding="utf-8")
    return path


def _range(row: dict) -> str:
    return f"{row['low']:g}–{row['high']:g}" if row["provisional"] and row["low"] != row["high"] else ""


def write_xlsx(report: dict, path: Path) -> Path:
    """Write 排名 (totals, grades, rewards, vetoes, with the run's warnings above), 待处理 (issues),
    规则对应 and one sheet per unit."""
    periods = report["periods"]
    with Book(path) as book:
        book.sheet("排名", [Column("名次", "int"), Column("单位"), Column("总分", "number"), Column("暂定"),
                           Column("可能范围"), Column("等次"), Column("奖励"), Column("一票否决"), Column("等次说明"),
                           Column("扣分合计", "number"), Column("加分合计", "number"),
                           *(Column(period_label(p), "number") for p in periods)],
                   ([u["rank"], u["unit"], round(u["total"], 4), "是" if u["provisional"] else None, _range(u),
                     u["grade"], "、".join(u["reward"]), "\n".join(u["vetoes"]), "\n".join(u["grade_notes"]),
                     round(u["deductions"], 4), round(u["additions"], 4), *[u["periods"].get(p) for p in periods]]
                    for u in report["units"]),
                   title=f"{report.get('title') or '考评'}：排名", notes=[f"⚠ {w}" for w in report.get("warnings", [])])
        book.sheet("待处理", [Column("类型"), Column("文件"), Column("行号", "int"), Column("单位"), Column("期间"),
                            Column("内容"), Column("原因"), Column("可能的规则")],
                   ([ISSUE_KINDS.get(i["kind"], i["kind"]), i["file"], i["line"], i["unit"],
                     i["period"] and period_label(i["period"]), i["text"], i["reason"], "\n".join(i["candidates"])]
                    for i in report["issues"]))
        if report.get("scheme_mappings"):
            book.sheet("规则对应", [Column("规则"), Column("名称"), Column("对应到"), Column("状态"), Column("方式"),
                                  Column("置信度", "number"), Column("期间"), Column("期间来源"), Column("候选"),
                                  Column("原文")],
                       ([MAPPING_RULES.get(m["rule"], m["rule"]), m["name"], "、".join(m["mapped_to"]),
                         MAPPING_STATUS.get(m["status"], m["status"]), m["method"], m["confidence"],
                         labels.label(labels.PERIOD_EACH, m["period"]),
                         {"sentence": "条款写明", "scheme": "按方案计分期间"}.get(m["period_source"] or ""),
                         "、".join(m["candidates"]), m["text"]] for m in report["scheme_mappings"]))
        by_unit: dict[str, list[dict]] = {}
        for cell in report["period_scores"]:
            by_unit.setdefault(cell["unit"], []).append(cell)
        for unit in (u["unit"] for u in report["units"]):
            book.sheet(unit, UNIT_COLUMNS, _unit_rows(by_unit.get(unit, [])))
    return path


def _unit_rows(cells: list[dict]):
    """Every deduction and bonus of a unit, then caps, components and the period total."""
    for cell in cells:
        period = period_label(cell["period"])
        for entry in cell["indicators"]:
            for a in entry["applied"]:
                yield [period, entry["path"][:-1], entry["name"], labels.label(labels.KIND, a["kind"]),
                       round(a["points"], 4), round(a["raw"], 4), "是" if a["provisional"] else None, a["explanation"],
                       _lines(a["events"]), METHODS.get(a["match"]["method"], ""), a["match"]["confidence"]]
        for cap in cell["caps"]:
            yield [period, cap["scope"], "", "封顶", round(cap["capped"] - cap["raw"], 4), round(cap["raw"], 4),
                   "", cap["explanation"], "", "", None]
        for name, value in cell["components"].items():
            yield [period, "", name, "测评", round(value, 4), None, "", f"{name}加权得分 {value:g}", "", "", None]
        yield [period, "", "本期合计", "", round(cell["total"], 4), None, "是" if cell["provisional"] else "",
               f"第{cell['rank']}名" + ("；一票否决：" + "；".join(cell["vetoes"]) if cell["vetoes"] else ""),
               "", "", None]


def _lines(lines: list[int]) -> int | str | None:
    """Event line numbers: one is a number, several a list (the first 50)."""
    if len(lines) <= 1:
        return lines[0] if lines else None
    return "、".join(str(n) for n in lines[:50]) + (f" 等{len(lines)}行" if len(lines) > 50 else "")


def iter_lines(report: dict):
    """Given a report, yield the lines to read aloud: each unit's standing, then every point with its reason."""
    for warning in report.get("warnings", []):
        yield f"【注意】{warning}"
    by_unit: dict[str, list[dict]] = {}
    for cell in report["period_scores"]:
        by_unit.setdefault(cell["unit"], []).append(cell)
    for u in report["units"]:
        head = f"【{u['unit']}】第{u['rank']}名，总分{u['total']:g}"
        if u["provisional"]:
            head += f"（暂定，可能为{u['low']:g}–{u['high']:g}）"
        if u["grade"]:
            head += f"，等次：{u['grade']}"
        if u["reward"]:
            head += f"，奖励：{'、'.join(u['reward'])}"
        yield head
        for v in u["vetoes"]:
            yield "  一票否决：" + v
        for n in u["grade_notes"]:
            yield "  " + n
        for cell in by_unit.get(u["unit"], ()):
            prefix = "  " + cell["period"] + " "
            for entry in cell["indicators"]:
                for a in entry["applied"]:  # plain concatenation: a million of these must stay cheap
                    yield prefix + a["explanation"]
            for cap in cell["caps"]:
                yield "  " + cap["explanation"]
        for cap in u["caps"]:
            yield "  " + cap["explanation"]
    if report["issues"]:
        yield f"【待处理】共{len(report['issues'])}条"
        for i in report["issues"]:
            where = f"{i['file'] or ''} 第{i['line']}行 " if i["line"] else ""
            yield f"  {ISSUE_KINDS.get(i['kind'], i['kind'])}：{where}{i['reason']}"


def explanation_lines(report: dict) -> list[str]:
    """Given a report, return the lines to read aloud (see iter_lines)."""
    return list(iter_lines(report))


def write_lines(report: dict, path: Path, chunk: int = 65536) -> int:
    """Stream the explanation lines into ``path`` in large chunks; return how many lines were written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8", buffering=1 << 20) as handle:
        batch: list[str] = []
        for line in iter_lines(report):
            batch.append(line)
            if len(batch) >= chunk:
                handle.write("\n".join(batch) + "\n")
                n += len(batch)
                batch.clear()
        if batch:
            handle.write("\n".join(batch) + "\n")
            n += len(batch)
    return n


def write_all(report: dict, out_dir: Path, stem: str = "score") -> list[Path]:
    """Write <stem>.json, <stem>.xlsx and <stem>.说明.txt into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    text = out_dir / f"{stem}.说明.txt"
    write_lines(report, text)
    return [write_json(report, out_dir / f"{stem}.json"), write_xlsx(report, out_dir / f"{stem}.xlsx"), text]
