"""Layouts for invented schemes (synth_schemes): a scheme's rows laid out as a table with merged cells,
then written the ways archives hold tables — tab or pipe text, one cell per line, space-aligned, run
together on one line, HTML, DOCX, XLSX — or as a numbered prose outline. Each layout returns the file's
suffix and bytes, and the expectation adjusted to what the layout shows."""
from __future__ import annotations

import io
import random
import unicodedata
from dataclasses import dataclass

from synth_schemes import Scheme, expected

HEADERS = {
    "serial": ["序号", "编号"],
    "cat1": ["考核项目", "类别", "一级指标", "工作类别", "考评项目"],
    "cat2": ["二级指标", "考核要素", "子项目"],
    "name": ["考核指标", "指标名称", "三级指标", "具体项目"],
    "content": ["考核内容", "考评内容", "工作内容", "考核要求"],
    "points": ["分值", "标准分", "分数", "考评分值"],
    "weight": ["权重"],
    "criteria": ["评分标准", "考核标准", "扣分标准", "评分细则", "计分办法"],
    "dept": ["责任部门", "责任单位", "考评科室", "牵头单位"],
    "score": ["得分", "自评分", "考核得分"],
    "note": ["备注"],
}
CN = "一二三四五六七八九十"
UP = object()  # a position covered by the merged cell above


@dataclass
class Shape:
    """Which columns a table has, in order, and how categories and points are shown."""

    cols: list[str]
    cat_points: bool = True  # category cells carry '（20分）'
    spanning: bool = False  # categories as full-width rows inside the table, not a column
    inline_points: bool = False  # no 分值 column: the name cell ends with '（5分）'
    total_row: bool = False


def header(shape: Shape, rng: random.Random) -> list[str]:
    names = []
    for c in shape.cols:
        pool = [h for h in HEADERS[c] if h not in names]
        names.append(rng.choice(pool))
    if "cat1" in shape.cols and "cat2" in shape.cols:
        names[shape.cols.index("cat1")], names[shape.cols.index("cat2")] = "一级指标", "二级指标"
        if "name" in shape.cols:
            names[shape.cols.index("name")] = "三级指标"
    return names


def table_rows(scheme: Scheme, shape: Shape, rng: random.Random) -> list[list]:
    """Given a scheme and a shape, return the table's rows: texts, UP under a merged cell, None for a
    position covered by a full-width cell (its text stands in the first column)."""
    rows: list[list] = [header(shape, rng)]
    serial = 0
    last_groups: list = []
    for n_group, g in enumerate(scheme.groups):
        if shape.spanning:
            label = f"{CN[n_group]}、{g.name}" + (f"（{g.points:g}分）" if shape.cat_points else "")
            rows.append([label] + [None] * (len(shape.cols) - 1))
    # leaves in order; categories merged over their items
        for path, it in [(p, i) for p, i in scheme.leaves() if p[0] is g]:
            serial += 1
            row = []
            for c in shape.cols:
                if c in ("cat1", "cat2"):
                    level = 0 if c == "cat1" else 1
                    grp = path[level] if level < len(path) else None
                    same = len(last_groups) > level and grp is last_groups[level]
                    label = grp.name + (f"（{grp.points:g}分）" if shape.cat_points and grp.points is not None else "")
                    row.append(UP if same else label)
                elif c == "serial":
                    row.append(str(serial))
                elif c == "name":
                    row.append(it.name + (f"（{it.points:g}分）" if shape.inline_points else ""))
                elif c == "content":
                    text = it.content
                    if shape.inline_points and "name" not in shape.cols:
                        text += f"（{it.points:g}分）"
                    row.append(text)
                elif c == "points":
                    row.append(f"{it.points:g}")
                elif c == "weight":
                    row.append(f"{it.points / scheme.total * 100:g}%")
                elif c == "criteria":
                    row.append(it.criteria)
                elif c == "dept":
                    row.append(it.department or "")
                else:
                    row.append("")
            rows.append(row)
            last_groups = path
    if shape.total_row and "points" in shape.cols:
        total = ["合计"] + [""] * (len(shape.cols) - 1)
        total[shape.cols.index("points")] = f"{scheme.total:g}"
        rows.append(total)
    return rows


def expect_for(scheme: Scheme, shape: Shape) -> list[dict]:
    name_field = "name" if "name" in shape.cols else ("content" if "content" in shape.cols else "criteria")
    out = expected(scheme, name_field=name_field, departments="dept" in shape.cols,
                   points="points" in shape.cols or shape.inline_points, weights="weight" in shape.cols,
                   categories="cat1" in shape.cols or shape.spanning)
    if name_field == "content" and shape.inline_points:
        for row, (_, it) in zip(out, scheme.leaves()):
            row["name"] = it.content
    return out


def _filled(rows: list[list], repeat: bool = False) -> list[list[str]]:
    """Given rows with UP marks, return plain texts: a merged cell blank below its first row (or repeated)."""
    out = []
    for r, row in enumerate(rows):
        line = []
        for c, cell in enumerate(row):
            if cell is UP:
                k = r
                while rows[k][c] is UP:
                    k -= 1
                line.append(rows[k][c] if repeat else "")
            else:
                line.append("" if cell is None else cell)
        out.append(line)
    return out


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def render_tab(rows, rng) -> str:
    return "\n".join("\t".join(r) for r in _filled(rows, repeat=rng.random() < 0.3))


def render_pipe(rows, rng) -> str:
    lines = ["| " + " | ".join(r) + " |" for r in _filled(rows)]
    lines.insert(1, "|" + "|".join("---" for _ in rows[0]) + "|")
    return "\n".join(lines)


def render_flat(rows, rng) -> str:
    """One cell per line; blank and merged cells are simply absent."""
    return "\n".join(cell for row in _filled(rows) for cell in row if cell.strip())


def render_aligned(rows, rng) -> str:
    filled = _filled(rows)
    widths = [max(_width(r[c]) for r in filled) for c in range(len(filled[0]))]
    return "\n".join("    ".join(cell + " " * (w - _width(cell)) for cell, w in zip(r, widths)).rstrip() for r in filled)


def render_runon(rows, rng) -> str:
    return " ".join(cell for row in _filled(rows) for cell in row if cell.strip())


def render_html(rows, rng) -> str:
    out = ["<html><body><table border='1'>"]
    for r, row in enumerate(rows):
        cells = []
        for c, cell in enumerate(row):
            if cell is UP or (cell is None):
                continue
            span = 1
            while r + span < len(rows) and rows[r + span][c] is UP:
                span += 1
            cols = 1
            while c + cols < len(row) and row[c + cols] is None:
                cols += 1
            attrs = (f" rowspan='{span}'" if span > 1 else "") + (f" colspan='{cols}'" if cols > 1 else "")
            cells.append(f"<td{attrs}>{cell}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table></body></html>")
    return "\n".join(out)


def write_docx(paragraphs_before: list[str], rows, paragraphs_after: list[str]) -> bytes:
    import docx

    doc = docx.Document()
    for p in paragraphs_before:
        doc.add_paragraph(p)
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is UP or cell is None:
                continue
            span = 1
            while r + span < len(rows) and rows[r + span][c] is UP:
                span += 1
            cols = 1
            while c + cols < len(row) and row[c + cols] is None:
                cols += 1
            target = table.cell(r, c)
            if span > 1 or cols > 1:
                target = target.merge(table.cell(r + span - 1, c + cols - 1))
            target.text = cell
    for p in paragraphs_after:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def write_xlsx(title: str, rows) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([title])
    for r, row in enumerate(rows, start=2):
        for c, cell in enumerate(row, start=1):
            if cell is UP or cell is None:
                continue
            ws.cell(row=r, column=c, value=cell)
            span = 1
            while r - 2 + span < len(rows) and rows[r - 2 + span][c - 1] is UP:
                span += 1
            cols = 1
            while c - 1 + cols < len(row) and row[c - 1 + cols] is None:
                cols += 1
            if span > 1 or cols > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r + span - 1, end_column=c + cols - 1)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def prose(scheme: Scheme, rng: random.Random, run_on: bool = False) -> tuple[str, list[dict]]:
    """Given a scheme, write it as a numbered outline with '（N分）' on categories and items."""
    lines = [scheme.title, PREFACE_LINE]
    if scheme.state_total:
        lines.append(f"考核实行百分制，满分{scheme.total:g}分。")
    lines.append("一、考核内容及评分标准")
    marks = ["（{}）", "{}."]
    for n, g in enumerate(scheme.groups):
        lines.append(marks[0].format(CN[n]) + f"{g.name}（{g.points:g}分）")
        k = 0
        for path, it in [(p, i) for p, i in scheme.leaves() if p[0] is g]:
            k += 1
            lines.append(f"{k}．{it.name}（{it.points:g}分）。{it.criteria}")
    lines.append("二、考核结果运用")
    lines.append("考核结果作为年度评先评优的重要依据。")
    text = ("".join(lines[:2]) + "\n" + "".join(lines[2:])) if run_on else "\n".join(lines)
    return text, expected(scheme, departments=False)


PREFACE_LINE = "为进一步加强工作考核，推动各项任务落实，结合工作实际，制定本细则。"


SHAPES = {
    "plain": Shape(["serial", "cat1", "name", "points", "criteria", "dept"]),
    "content-names": Shape(["cat1", "content", "points", "criteria"]),
    "two-levels": Shape(["cat1", "cat2", "name", "points", "criteria"]),
    "spanning": Shape(["serial", "name", "points", "criteria", "dept"], spanning=True),
    "inline-points": Shape(["cat1", "name", "criteria", "dept"], inline_points=True),
    "weights": Shape(["cat1", "name", "weight", "criteria"], cat_points=False),
    "blank-scores": Shape(["serial", "cat1", "name", "points", "criteria", "score", "note"], total_row=True),
    "name-and-content": Shape(["cat1", "name", "content", "points", "criteria", "dept"]),
}
TEXT_RENDERERS = {"tab": render_tab, "pipe": render_pipe, "flat": render_flat, "aligned": render_aligned,
                  "runon": render_runon}
FORMATS = [*TEXT_RENDERERS, "html", "docx", "xlsx"]


def build(shape_name: str, fmt: str, seed: int) -> tuple[str, bytes, list[dict]]:
    """Given a shape, a format and a seed, return (suffix, file bytes, expected rows) of an invented scheme."""
    rng = random.Random(f"{shape_name}/{fmt}/{seed}")
    if shape_name == "prose":
        scheme = random_scheme_for(rng, "plain")
        text, want = prose(scheme, rng, run_on=fmt == "runon")
        return ".txt", text.encode("utf-8"), want
    shape = SHAPES[shape_name]
    scheme = random_scheme_for(rng, shape_name)
    rows = table_rows(scheme, shape, rng)
    want = expect_for(scheme, shape)
    before = [scheme.title, PREFACE_LINE] + ([f"满分{scheme.total:g}分。"] if scheme.state_total else [])
    if fmt in TEXT_RENDERERS:
        text = "\n".join(before) + "\n" + TEXT_RENDERERS[fmt](rows, rng) + "\n"
        return ".txt", text.encode("utf-8"), want
    if fmt == "html":
        body = render_html(rows, rng).replace("<body>", "<body>" + "".join(f"<p>{p}</p>" for p in before))
        return ".html", body.encode("utf-8"), want
    if fmt == "docx":
        return ".docx", write_docx(before, rows, []), want
    return ".xlsx", write_xlsx(scheme.title, rows), want


def random_scheme_for(rng: random.Random, shape_name: str) -> Scheme:
    from synth_schemes import random_scheme

    return random_scheme(rng, levels=2 if shape_name == "two-levels" else 1,
                         departments=True, state_total=rng.random() < 0.6)
