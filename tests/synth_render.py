"""Layouts for invented schemes (synth_schemes): a scheme's rows laid out as a table with merged cells,
then written the ways archives hold tables — tab or pipe text, one cell per line, space-aligned, run
together on one line, HTML, DOCX, XLSX — or as a numbered prose outline. `build` returns the file's
suffix and bytes with the expectation adjusted to what the layout shows."""
from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from synth_files import write_docx, write_xlsx
from synth_schemes import Scheme, expected, random_scheme

HEADERS = {
    "serial": ["序号", "编号"],
    "cat1": ["考核项目", "类别", "工作类别", "考评项目"],
    "cat2": ["考核内容", "子项目", "考核要素"],
    "cat3": ["考核要素", "具体事项"],
    "name": ["考核指标", "指标名称", "具体项目"],
    "content": ["考核内容", "考评内容", "工作内容", "考核要求"],
    "points": ["分值", "标准分", "分数", "考评分值"],
    "weight": ["权重"],
    "criteria": ["评分标准", "考核标准", "扣分标准", "评分细则", "计分办法"],
    "dept": ["责任部门", "责任单位", "考评科室", "牵头单位"],
    "score": ["得分", "自评分", "考核得分"],
    "note": ["备注"],
}
LEVELED = {2: ["一级指标", "二级指标"], 3: ["一级指标", "二级指标", "三级指标"]}
CN = "一二三四五六七八九十"
UP = object()  # a position covered by the merged cell above
PREFACE_LINE = "为进一步加强工作考核，推动各项任务落实，结合工作实际，制定本细则。"


@dataclass
class Shape:
    """Which columns a table has, in order, and how categories, names and points are shown."""

    cols: list[str]
    levels: int = 1
    cat_points: bool = True  # category cells carry '（20分）'
    spanning: bool = False  # categories as full-width rows inside the table, not a column
    inline_points: bool = False  # no 分值 column: the name (or content) cell ends with '（5分）'
    total_row: bool = False
    numbered_names: bool = False  # '1.2建立工作台账': the item's number glued to its name


def header(shape: Shape, rng: random.Random) -> list[str]:
    names = []
    cats = [c for c in shape.cols if c.startswith("cat")]
    leveled = rng.random() < 0.5 and len(cats) >= 2 and "name" in shape.cols
    for c in shape.cols:
        if leveled and c in cats:
            names.append(LEVELED[len(cats)][cats.index(c)] if len(cats) in LEVELED else c)
            continue
        pool = [h for h in HEADERS[c] if h not in names]
        names.append(rng.choice(pool))
    if leveled and "name" in shape.cols and len(cats) == 2:
        names[shape.cols.index("name")] = "三级指标"
    return names


def table_rows(scheme: Scheme, shape: Shape, rng: random.Random) -> list[list]:
    """Given a scheme and a shape, return the table's rows: texts, UP under a merged cell, None for a
    position covered by a full-width cell (its text stands in the first column)."""
    rows: list[list] = [header(shape, rng)]
    serial = 0
    last: list = []
    leaves = list(scheme.leaves())
    for n_group, g in enumerate(scheme.groups):
        if shape.spanning:
            label = f"{CN[n_group]}、{g.name}" + (f"（{g.points:g}分）" if shape.cat_points else "")
            rows.append([label] + [None] * (len(shape.cols) - 1))
        k = 0
        for path, it in [(p, i) for p, i in leaves if p[0] is g]:
            serial += 1
            k += 1
            row = []
            for c in shape.cols:
                if c.startswith("cat"):
                    level = int(c[3]) - 1
                    grp = path[level] if level < len(path) else None
                    same = len(last) > level and grp is last[level] and all(a is b for a, b in zip(path[:level], last))
                    label = grp.name + (f"（{grp.points:g}分）" if shape.cat_points and grp.points is not None else "")
                    row.append(UP if same else label)
                elif c == "serial":
                    row.append(str(serial))
                elif c == "name":
                    number = f"{n_group + 1}.{k}" if shape.numbered_names else ""
                    row.append(number + it.name + (f"（{it.points:g}分）" if shape.inline_points else ""))
                elif c == "content":
                    inline = shape.inline_points and "name" not in shape.cols
                    row.append(it.content + (f"（{it.points:g}分）" if inline else ""))
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
            last = path
    if shape.total_row and "points" in shape.cols:
        total = ["合计"] + [""] * (len(shape.cols) - 1)
        total[shape.cols.index("points")] = f"{scheme.total:g}"
        rows.append(total)
    return rows


def expect_for(scheme: Scheme, shape: Shape) -> list[dict]:
    name_field = "name" if "name" in shape.cols else ("content" if "content" in shape.cols else "criteria")
    return expected(scheme, name_field=name_field, departments="dept" in shape.cols,
                    points="points" in shape.cols or shape.inline_points, weights="weight" in shape.cols,
                    categories=any(c.startswith("cat") for c in shape.cols) or shape.spanning)


def filled(rows: list[list], repeat: bool = False) -> list[list[str]]:
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


def render_tab(rows, rng) -> list[str]:
    return ["\t".join(r) for r in filled(rows, repeat=rng.random() < 0.3)]


def render_pipe(rows, rng) -> list[str]:
    lines = ["| " + " | ".join(r) + " |" for r in filled(rows)]
    lines.insert(1, "|" + "|".join("---" for _ in rows[0]) + "|")
    return lines


def render_flat(rows, rng) -> list[str]:
    """One cell per line; blank and merged cells are simply absent."""
    return [cell for row in filled(rows) for cell in row if cell.strip()]


def render_aligned(rows, rng) -> list[str]:
    texts = filled(rows)
    widths = [max(_width(r[c]) for r in texts) for c in range(len(texts[0]))]
    return ["    ".join(cell + " " * (w - _width(cell)) for cell, w in zip(r, widths)).rstrip() for r in texts]


def render_runon(rows, rng) -> list[str]:
    return [" ".join(cell for row in filled(rows) for cell in row if cell.strip())]


def render_html(rows, rng) -> list[str]:
    out = ["<table border='1'>"]
    for r, row in enumerate(rows):
        cells = []
        for c, cell in enumerate(row):
            if cell is UP or cell is None:
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
    out.append("</table>")
    return out


TEXT_RENDERERS = {"tab": render_tab, "pipe": render_pipe, "flat": render_flat, "aligned": render_aligned,
                  "runon": render_runon}
FORMATS = [*TEXT_RENDERERS, "html", "docx", "xlsx"]


def prose(scheme: Scheme, rng: random.Random, *, run_on: bool = False, item_points: bool = True,
          style: int = 0) -> tuple[list[str], list[dict]]:
    """Given a scheme, write it as a numbered outline: categories with '（N分）', items with their own points
    ('（5分）' or '…，计5分') or, for a deduction scheme, with their rules only."""
    lines = ["一、考核内容及评分标准"]
    heads = [("（{}）", CN), ("{}、", CN)][style % 2]
    for n, g in enumerate(scheme.groups):
        lines.append(heads[0].format(heads[1][n]) + f"{g.name}（{g.points:g}分）")
        for k, (path, it) in enumerate([(p, i) for p, i in scheme.leaves() if p[0] is g], 1):
            if not item_points:
                lines.append(f"{k}．{it.name}。{it.criteria}")
            elif style % 3 == 2:
                lines.append(f"{k}、{it.name}，计{it.points:g}分。{it.criteria}")
            else:
                lines.append(f"{k}．{it.name}（{it.points:g}分）。{it.criteria}")
    lines += ["二、考核结果运用", "考核结果作为年度评先评优的重要依据。"]
    want = expected(scheme, departments=False, points=item_points)
    return (["".join(lines)] if run_on else lines), want


SHAPES = {
    "plain": Shape(["serial", "cat1", "name", "points", "criteria", "dept"]),
    "content-names": Shape(["cat1", "content", "points", "criteria"]),
    "two-levels": Shape(["cat1", "cat2", "name", "points", "criteria"], levels=2),
    "three-levels": Shape(["cat1", "cat2", "cat3", "name", "points", "criteria"], levels=3, cat_points=False),
    "spanning": Shape(["serial", "name", "points", "criteria", "dept"], spanning=True),
    "inline-points": Shape(["cat1", "name", "criteria", "dept"], inline_points=True),
    "inline-in-content": Shape(["cat1", "content", "criteria"], inline_points=True),
    "weights": Shape(["cat1", "name", "weight", "criteria"], cat_points=False),
    "blank-scores": Shape(["serial", "cat1", "name", "points", "criteria", "score", "note"], total_row=True),
    "name-and-content": Shape(["cat1", "name", "content", "points", "criteria", "dept"]),
    "numbered-names": Shape(["cat1", "name", "points", "criteria"], numbered_names=True),
    "dept-first": Shape(["serial", "cat1", "name", "dept", "criteria", "points"]),
}
PROSE = {"prose": {}, "prose-runon": {"run_on": True}, "prose-deduction": {"item_points": False},
         "prose-styles": {"style": 1}, "prose-counted": {"style": 2}}


def build(shape_name: str, fmt: str, seed: int, *, traditional: bool = False,
          pages: bool = False) -> tuple[str, bytes, list[dict]]:
    """Given a shape (or prose style), a format and a seed, return (suffix, file bytes, expected rows).

    ``traditional`` writes the text in traditional characters; ``pages`` breaks a text table over pages,
    repeating its header under a page footer."""
    rng = random.Random(f"{shape_name}/{fmt}/{seed}/{traditional}/{pages}")
    shape = SHAPES.get(shape_name, SHAPES["plain"])
    scheme = random_scheme(rng, levels=shape.levels, state_total=rng.random() < 0.6)
    before = [scheme.title, PREFACE_LINE] + ([f"考核实行百分制，满分{scheme.total:g}分。"] if scheme.state_total else [])
    if shape_name in PROSE:
        body, want = prose(scheme, rng, **PROSE[shape_name])
        return ".txt", _text(before + body, traditional), want
    rows = table_rows(scheme, shape, rng)
    want = expect_for(scheme, shape)
    if fmt in TEXT_RENDERERS:
        if pages and fmt != "runon":
            cut = max(2, len(rows) // 2)
            lines = TEXT_RENDERERS[fmt](rows[:cut], rng) + ["", "— 2 —", ""] + TEXT_RENDERERS[fmt]([rows[0]] + rows[cut:], rng)
        else:
            lines = TEXT_RENDERERS[fmt](rows, rng)
        return ".txt", _text(before + lines + ["", "附：考核结果分为优秀、良好、合格、不合格四个等次。"], traditional), want
    if fmt == "html":
        page = "<html><body>" + "".join(f"<p>{p}</p>" for p in before) + "\n".join(render_html(rows, rng)) + "</body></html>"
        return ".html", page.encode("utf-8"), want
    if fmt == "docx":
        return ".docx", write_docx(before, rows, UP), want
    return ".xlsx", write_xlsx(scheme.title, rows, UP), want


def _text(lines: list[str], traditional: bool) -> bytes:
    text = "\n".join(lines) + "\n"
    if traditional:
        import zhconv

        text = zhconv.convert(text, "zh-hant")
    return text.encode("utf-8")
