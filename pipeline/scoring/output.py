"""Write a score report: JSON (the full trail), XLSX (ranking, issues, 明细, a sheet per unit for a few units),
readable lines; one pass over the units, so a large run is rendered and written a unit at a time."""
from __future__ import annotations

from functools import lru_cache
from itertools import chain, islice
from pathlib import Path

from .. import excel, labels
from ..excel import Book, Column
from .periods import period_label
from .render import gc_paused

METHODS = {"id": "指标编号", "name": "指标名称", "text": "文字相似", "metric": "度量名称", "rater": "测评主体",
           "scheme": "方案条款"}
MAPPING_RULES = {"category_cap": "类别封顶", "bonus_cap": "加分上限", "base_points": "满分", "unit_scope": "单位对应科室"}
MAPPING_STATUS = {"mapped": "已对应", "ambiguous": "不明确", "unmapped": "未找到"}
ISSUE_KINDS = {"unreadable": "无法读取", "unmatched": "无法对应规则", "ambiguous": "对应不明确",
               "needs_person": "需人工判断", "out_of_range": "超出范围", "duplicate_measure": "度量重复"}
UNIT_COLUMNS = [Column("期间"), Column("类别"), Column("指标"), Column("规则类型"), Column("分值", "number"),
                Column("封顶前", "number"), Column("暂定"), Column("说明"), Column("事件行号"), Column("匹配方式"),
                Column("置信度", "number")]
# Up to this many units the workbook also has one sheet per unit, period by period (a district's 司法所 or
# 科室, each printed on its own). Beyond it a tab per unit is no longer navigable and costs minutes to write:
# the 明细 sheet, one row per unit and indicator with a filter on every column, does the same job (its size
# follows units × indicators, not the number of events).
UNIT_SHEETS = 30
# A workbook up to this many cells is built in memory and written once, with a shared string table: faster
# (a cell is not escaped and copied to disk on its own) and a third smaller, as units, indicators and clauses
# repeat row after row. A larger one streams row by row, in constant memory.
IN_MEMORY_CELLS = 600_000
DETAIL_COLUMNS = [Column("单位"), Column("类别"), Column("指标"), Column("全年得分变化", "number"), Column("各期"),
                  Column("依据（条款与出处）"), Column("事件行号")]


class _JsonStream:
    """The report as UTF-8 JSON, written as it goes: every key but the period scores first, then the period
    scores a unit at a time (the trail of a million events is hundreds of megabytes: never one string)."""

    def __init__(self, report: dict, path: Path):
        import orjson

        self.orjson = orjson
        small = report.get("events_read", 0) <= 20000  # small enough to read: indented
        self.option = orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY | (orjson.OPT_INDENT_2 if small else 0)
        # A cell's keys are text: without OPT_NON_STR_KEYS orjson writes the trail about 40 % faster.
        self.text_keys = self.option & ~orjson.OPT_NON_STR_KEYS
        path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = path.open("wb")
        self.handle.write(b"{")
        for key, value in report.items():
            if key != "period_scores":
                self.handle.write(self._dump(key) + b": " + self._dump(value) + b",\n")
        self.handle.write(b'"period_scores": [')
        self.first = True

    def _dump(self, value, option: int | None = None) -> bytes:
        return self.orjson.dumps(value, default=_plain, option=self.option if option is None else option)

    def cells(self, cells: list[dict]) -> None:
        for cell in cells:
            try:
                data = self._dump(cell, self.text_keys)
            except self.orjson.JSONEncodeError:  # a key that is not text after all
                data = self._dump(cell)
            self.handle.write((b"\n" if self.first else b",\n") + data)
            self.first = False

    def close(self) -> None:
        self.handle.write(b"]}\n")
        self.handle.close()


def _plain(value):
    """What orjson does not know itself (a float subclass, a set): the nearest plain value."""
    if isinstance(value, float):
        return float(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def write_json(report: dict, path: Path) -> Path:
    """Write a (rendered) report as JSON, streamed."""
    stream = _JsonStream(report, path)
    try:
        for _, cells in by_unit(report):
            stream.cells(cells)
    finally:
        stream.close()
    return path


def by_unit(report: dict, renderer=None, release: bool = False):
    """Yield each unit (ranked first) with its period cells; with a ``renderer`` the cells are filled just
    before and, with ``release``, emptied just after, so one unit's trail is in memory at a time."""
    positions: dict[str, list[int]] = {}
    for c, cell in enumerate(report["period_scores"]):
        positions.setdefault(cell["unit"], []).append(c)
    for unit in report["units"]:
        which = positions.get(unit["unit"], [])
        if renderer is not None:
            renderer.fill(which)
        yield unit, [report["period_scores"][c] for c in which]
        if renderer is not None and release:
            renderer.release(which)


def _range(row: dict) -> str:
    return f"{row['low']:g}–{row['high']:g}" if row["provisional"] and row["low"] != row["high"] else ""


def write_xlsx(report: dict, path: Path, units=None) -> Path:
    """Write 排名 (totals, grades, rewards, vetoes, with the run's warnings above), 待处理 (issues), 规则对应,
    明细 (every unit's points by indicator, period by period, with the clauses they come from) and, for up
    to UNIT_SHEETS units, one sheet per unit. ``units``: (unit, cells) pairs, by default from the report.

    A sheet longer than Excel allows ends with a line saying how many rows it left out and where all of them
    are: the JSON (and for 待处理 the 说明 text) written beside the workbook by write_all."""
    periods = report["periods"]
    everything = path.with_suffix(".json").name
    issues, kept = report["issues"], []
    few = len(report["units"]) <= UNIT_SHEETS

    def detail():
        for unit, cells in units if units is not None else by_unit(report):
            if few:
                kept.append((unit, cells))
            yield from _detail_rows(unit, cells)

    # 明细 is computed first (its rows, at most a budget of them, held) to know how large the workbook is.
    rows = detail()
    held = list(islice(rows, IN_MEMORY_CELLS // len(DETAIL_COLUMNS)))
    size = (len(DETAIL_COLUMNS) * len(held) + 8 * len(issues) + (11 + len(periods)) * len(report["units"])
            + len(UNIT_COLUMNS) * sum(_unit_row_count(own) for _, own in kept))
    with Book(path, streamed=size > IN_MEMORY_CELLS) as book:
        book.sheet("排名", [Column("名次", "int"), Column("单位"), Column("总分", "number"), Column("暂定"),
                           Column("可能范围"), Column("等次"), Column("奖励"), Column("一票否决"), Column("等次说明"),
                           Column("扣分合计", "number"), Column("加分合计", "number"),
                           *(Column(period_label(p), "number") for p in periods)],
                   ([u["rank"], u["unit"], round(u["total"], 4), "是" if u["provisional"] else None, _range(u),
                     u["grade"], "、".join(u["reward"]), "\n".join(u["vetoes"]), "\n".join(u["grade_notes"]),
                     round(u["deductions"], 4), round(u["additions"], 4), *[u["periods"].get(p) for p in periods]]
                    for u in report["units"]),
                   title=f"{report.get('title') or '考评'}：排名", notes=[f"⚠ {w}" for w in report.get("warnings", [])])
        # Their number is known before writing (a file of a million bad rows makes a million issues): said on top.
        cut = len(issues) > excel.EXCEL_ROWS - 3  # one note line, the header and the closing line
        book.sheet("待处理", [Column("类型"), Column("文件"), Column("行号", "int"), Column("单位"), Column("期间"),
                            Column("内容"), Column("原因"), Column("可能的规则")],
                   ([ISSUE_KINDS.get(i["kind"], i["kind"]), i["file"], i["line"], i["unit"],
                     i["period"] and period_label(i["period"]), i["text"], i["reason"], "\n".join(i["candidates"])]
                    for i in issues),
                   notes=[f"⚠ 共 {len(issues):,} 条，超出 Excel 一张表的行数上限：本表只列出前面的部分，"
                          f"全部见 {everything} 的 issues 与 {path.stem}.说明.txt"] if cut else [],
                   overflow=f"{everything} 的 issues")
        if report.get("scheme_mappings"):
            book.sheet("规则对应", [Column("规则"), Column("名称"), Column("对应到"), Column("状态"), Column("方式"),
                                  Column("置信度", "number"), Column("期间"), Column("期间来源"), Column("候选"),
                                  Column("原文")],
                       ([MAPPING_RULES.get(m["rule"], m["rule"]), m["name"], "、".join(m["mapped_to"]),
                         MAPPING_STATUS.get(m["status"], m["status"]), m["method"], m["confidence"],
                         labels.label(labels.PERIOD_EACH, m["period"]),
                         {"sentence": "条款写明", "scheme": "按方案计分期间"}.get(m["period_source"] or ""),
                         "、".join(m["candidates"]), m["text"]] for m in report["scheme_mappings"]))
        book.sheet("明细", DETAIL_COLUMNS, chain(held, rows), overflow=f"{everything} 的 period_scores")
        for unit, cells in kept:
            book.sheet(unit["unit"], UNIT_COLUMNS, _unit_rows(cells), overflow=f"{everything} 的 period_scores")
    return path


def _detail_rows(unit: dict, cells: list[dict]):
    """One row per indicator that moved a unit's score (and per cap and rating component): its amount in each
    period and the clauses, with their places in the scheme, that gave the points."""
    rows: dict[tuple, tuple[list, dict, dict, list]] = {}  # key → (head, amount by period, clauses, event lines)

    def add(key: tuple, head, period: str, points: float) -> tuple[list, dict, dict, list]:
        row = rows.get(key)
        if row is None:
            row = rows[key] = (head(), {}, {}, [])
        row[1][period] = row[1].get(period, 0.0) + points
        return row

    for cell in cells:
        period = cell["period"]
        for entry in cell["indicators"]:
            if applied := entry["applied"]:
                _, _, clauses, lines = add(("item", entry["indicator_id"]),
                                           lambda: ["/".join(entry["path"][:-1]), entry["name"]], period,
                                           entry["final"] - entry["start"])
                # Hundreds of thousands of applied rules in a large run, a few hundred distinct clauses.
                for a in applied:
                    clauses[_clause(a["kind"], a["text"], a["location"])] = None
                    lines += a["events"]
        for cap in cell["caps"]:
            add(("cap", cap["scope"]), lambda: [cap["scope"], "（封顶）"], period,
                cap["capped"] - cap["raw"])[2][cap["explanation"]] = None
        for name, value in cell["components"].items():
            add(("component", name), lambda: ["", f"{name}（测评）"], period, value)[2][f"{name}加权得分"] = None
    for head, amounts, clauses, lines in rows.values():
        listed = "；".join(f"{period_label(p)} {v:+g}" for p, v in sorted(amounts.items()) if round(v, 4))
        yield [unit["unit"], *head, round(sum(amounts.values()), 4), listed, "\n".join(clauses), _lines(lines)]


@lru_cache(maxsize=4096)
def _clause(kind: str, text: str, location: str) -> str:
    kind = labels.label(labels.KIND, kind)
    return f"{kind}：‘{text}’（{location}）" if text else f"{kind}：{location}"


def _unit_row_count(cells: list[dict]) -> int:
    """How many rows _unit_rows gives for these cells."""
    return sum(sum(len(e["applied"]) for e in c["indicators"]) + len(c["caps"]) + len(c["components"]) + 1
               for c in cells)


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
    return "、".join(map(str, lines[:50])) + (f" 等{len(lines)}行" if len(lines) > 50 else "")


def iter_lines(report: dict):
    """Given a report, yield the lines to read aloud: each unit's standing, then every point with its reason."""
    yield from warning_lines(report)
    for unit, cells in by_unit(report):
        yield from unit_lines(unit, cells)
    yield from issue_lines(report)


def unit_lines(u: dict, cells: list[dict]):
    """Given a unit's result and its period cells, yield its standing, then every point with its reason."""
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
    for cell in cells:
        prefix = "  " + cell["period"] + " "
        for entry in cell["indicators"]:
            for a in entry["applied"]:  # plain concatenation: a million of these must stay cheap
                yield prefix + a["explanation"]
        for cap in cell["caps"]:
            yield "  " + cap["explanation"]
    for cap in u["caps"]:
        yield "  " + cap["explanation"]


def warning_lines(report: dict):
    """Given a report, yield what the whole run must be read with (periods fitted, a missing base score …)."""
    for warning in report.get("warnings", []):
        yield f"【注意】{warning}"


def issue_lines(report: dict):
    """Given a report, yield the 待处理 lines: every row that could not be read, matched or decided."""
    if report["issues"]:
        yield f"【待处理】共{len(report['issues'])}条"
        for i in report["issues"]:
            where = f"{i['file'] or ''} 第{i['line']}行 " if i["line"] else ""
            yield f"  {ISSUE_KINDS.get(i['kind'], i['kind'])}：{where}{i['reason']}"


def explanation_lines(report: dict) -> list[str]:
    """Given a report, return the lines to read aloud (see iter_lines)."""
    return list(iter_lines(report))


class _LineStream:
    """A text file written in large chunks of lines."""

    def __init__(self, path: Path, chunk: int = 65536):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = path.open("w", encoding="utf-8", buffering=1 << 20)
        self.chunk, self.batch, self.count = chunk, [], 0

    def write(self, lines) -> None:
        for line in lines:
            self.batch.append(line)
            if len(self.batch) >= self.chunk:
                self.flush()

    def flush(self) -> None:
        if self.batch:
            self.handle.write("\n".join(self.batch) + "\n")
            self.count += len(self.batch)
            self.batch.clear()

    def close(self) -> int:
        self.flush()
        self.handle.close()
        return self.count


def write_lines(report: dict, path: Path, chunk: int = 65536) -> int:
    """Stream the explanation lines into ``path`` in chunks of ``chunk`` lines; return how many were written."""
    stream = _LineStream(path, chunk)
    try:
        stream.write(iter_lines(report))
    finally:
        count = stream.close()
    return count


def write_all(report: dict, out_dir: Path, stem: str = "score", renderer=None) -> list[Path]:
    """Write <stem>.json, <stem>.xlsx and <stem>.说明.txt into ``out_dir`` in one pass over the units.

    With a ``renderer`` (render.Renderer) the report's cells are not filled yet: each unit's are filled,
    written to all three files and dropped before the next unit, so a million events never sit in
    memory as a million rendered rules at once.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / f"{stem}.json", out_dir / f"{stem}.xlsx", out_dir / f"{stem}.说明.txt"]
    json_out, lines_out = _JsonStream(report, paths[0]), _LineStream(paths[2])
    release = len(report["units"]) > UNIT_SHEETS  # per-unit sheets are written after the 明细 sheet
    lines_out.write(warning_lines(report))

    def units():
        for unit, cells in by_unit(report, renderer, release):
            json_out.cells(cells)
            lines_out.write(unit_lines(unit, cells))
            yield unit, cells

    try:
        # The trail is acyclic: the cycle collector would only rescan it, again and again.
        with gc_paused():
            write_xlsx(report, paths[1], units())
            lines_out.write(issue_lines(report))
    finally:
        json_out.close()
        lines_out.close()
    return paths
