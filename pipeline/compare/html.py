"""A Report as one self-contained offline HTML file: inline CSS, inline SVG charts, no scripts."""
from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from .report import Chart, Marked, Report, Section, Table

# System fonts of the reader's machine (Windows, macOS, Linux with CJK fonts): nothing is fetched.
FONTS = ('"Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", '
         '"WenQuanYi Micro Hei", "SimSun", sans-serif')
SHORT = 12  # cells this short (labels, scores, 相近) never wrap
# Nine colours whose greys (0.299 R + 0.587 G + 0.114 B) are at least 20 apart, ordered so neighbouring
# segments jump between dark and light: a bar chart printed in grey still tells its domains apart. Past
# nine, the colours come back hatched.
PALETTE = ["#142850", "#a593d6", "#7a2222", "#eeaf48", "#24609a", "#b3e6ae", "#2e8b57", "#f3e6d0", "#d8693f"]


def grey(colour: str) -> float:
    """Given #rrggbb, return the grey level (0–255) it prints as."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def _fill(c: int) -> str:
    return PALETTE[c] if c < len(PALETTE) else f"url(#hatch{c % len(PALETTE)})"


def _hatches() -> str:
    """SVG patterns for colours used a second time: the colour with white diagonal stripes."""
    return "<defs>" + "".join(
        f'<pattern id="hatch{k}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{colour}"/><rect width="2" height="6" fill="#fff"/></pattern>'
        for k, colour in enumerate(PALETTE)) + "</defs>"

CSS = f"""
body {{ font-family: {FONTS}; color: #222; margin: 24px 32px; line-height: 1.55; font-size: 14px; }}
h1 {{ font-size: 24px; margin: 0 0 4px; }}
h2 {{ font-size: 19px; border-left: 5px solid #4e79a7; padding-left: 8px; margin-top: 32px; }}
h3 {{ font-size: 15px; margin: 18px 0 6px; }}
.sub {{ color: #666; margin-bottom: 16px; }}
.summary {{ background: #f4f7fb; border: 1px solid #d6e0ee; padding: 10px 18px; border-radius: 4px; }}
.summary li {{ margin: 3px 0; }}
table {{ border-collapse: collapse; margin: 6px 0 12px; width: 100%; }}
th, td {{ border: 1px solid #c9d3df; padding: 4px 8px; vertical-align: top; text-align: left; }}
th {{ background: #ddebf7; position: sticky; top: 0; }}
tr:nth-child(even) td {{ background: #fafcfe; }}
td.short {{ white-space: nowrap; }}
td.text {{ white-space: pre-wrap; max-width: 520px; min-width: 160px; }}
mark {{ background: #ffe08a; padding: 0 1px; }}
.note {{ color: #555; font-size: 12.5px; }}
details summary {{ cursor: pointer; color: #2b5d99; margin: 6px 0; }}
svg text {{ font-family: {FONTS}; }}
@media print {{ details {{ display: block; }} th {{ position: static; }} }}
"""


def _cell(value: Any) -> str:
    if isinstance(value, Marked):
        inner = "".join(f"<mark>{escape(t)}</mark>" if diff else escape(t) for t, diff in value.segments)
        return f'<td class="text">{inner}</td>'
    if value is None:
        return "<td></td>"
    if isinstance(value, float):
        value = f"{value:g}"
    text = str(value)
    if len(text) > 40:
        return f'<td class="text">{escape(text)}</td>'
    return f'<td class="short">{escape(text)}</td>' if len(text) <= SHORT else f"<td>{escape(text)}</td>"


def render_table(table: Table) -> str:
    """Given a table, return its HTML (inside <details> when collapsed)."""
    head = "".join(f"<th>{escape(h)}</th>" for h in table.headers)
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in table.rows)
    html = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>" if table.rows \
        else '<p class="note">（无）</p>'
    if table.note:
        html += f'<p class="note">{escape(table.note)}</p>'
    if table.collapsed:
        return f"<details><summary>{escape(table.title or '展开')}</summary>{html}</details>"
    return (f"<h3>{escape(table.title)}</h3>" if table.title else "") + html


def stacked_bars(chart: Chart) -> str:
    """Given shares per scheme and domain, return an SVG of horizontal 100% stacked bars with a legend."""
    label_w, bar_w, bar_h, gap = 150, 900, 30, 14
    legend_cols = 4
    legend_rows = (len(chart.cols) + legend_cols - 1) // legend_cols
    height = len(chart.rows) * (bar_h + gap) + 20 + legend_rows * 22
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 20}" height="{height}" '
             f'role="img" aria-label="各领域占比">', _hatches()]
    for r, (name, values) in enumerate(zip(chart.rows, chart.values)):
        y = r * (bar_h + gap) + 10
        parts.append(f'<text x="{label_w - 8}" y="{y + bar_h / 2 + 5}" text-anchor="end" font-size="13">'
                     f'{escape(name)}</text>')
        x = float(label_w)
        for c, share in enumerate(values):
            w = share * bar_w
            if w <= 0:
                continue
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{_fill(c)}" '
                         f'stroke="#fff" stroke-width="1"><title>{escape(chart.cols[c])} {share:.1%}</title></rect>')
            if w > 38:
                ink = "#fff" if grey(PALETTE[c % len(PALETTE)]) < 120 else "#111"
                parts.append(f'<text x="{x + w / 2:.1f}" y="{y + bar_h / 2 + 4}" text-anchor="middle" '
                             f'font-size="11" fill="{ink}">{share:.0%}</text>')
            x += w
    top = len(chart.rows) * (bar_h + gap) + 14
    for c, name in enumerate(chart.cols):
        lx = label_w + (c % legend_cols) * (bar_w / legend_cols)
        ly = top + (c // legend_cols) * 22
        parts.append(f'<rect x="{lx:.0f}" y="{ly}" width="14" height="14" fill="{_fill(c)}" stroke="#999"/>'
                     f'<text x="{lx + 20:.0f}" y="{ly + 12}" font-size="12">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _blue(t: float) -> str:
    """Given 0–1, return a colour from white to deep blue."""
    lo, hi = (255, 255, 255), (31, 78, 140)
    return "#%02x%02x%02x" % tuple(round(a + (b - a) * t) for a, b in zip(lo, hi))


def heatmap(chart: Chart) -> str:
    """Given shares per domain (rows) and scheme (columns), return an SVG heatmap with the values written in."""
    label_w, cell_w, cell_h, head_h = 190, 130, 26, 34
    top = max((v for row in chart.values for v in row), default=0) or 1
    width = label_w + cell_w * len(chart.cols) + 10
    height = head_h + cell_h * len(chart.rows) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="领域热力图">']
    for c, name in enumerate(chart.cols):
        parts.append(f'<text x="{label_w + c * cell_w + cell_w / 2}" y="{head_h - 10}" text-anchor="middle" '
                     f'font-size="13" font-weight="bold">{escape(name)}</text>')
    for r, (name, values) in enumerate(zip(chart.rows, chart.values)):
        y = head_h + r * cell_h
        parts.append(f'<text x="{label_w - 8}" y="{y + cell_h / 2 + 5}" text-anchor="end" font-size="13">'
                     f'{escape(name)}</text>')
        for c, v in enumerate(values):
            t = v / top
            parts.append(f'<rect x="{label_w + c * cell_w}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" '
                         f'fill="{_blue(t)}" stroke="#e3e8ef"/>')
            colour = "#fff" if t > 0.55 else "#222"
            text = f"{v:.1%}" if v else "—"
            parts.append(f'<text x="{label_w + c * cell_w + cell_w / 2 - 1}" y="{y + cell_h / 2 + 4}" '
                         f'text-anchor="middle" font-size="12" fill="{colour}">{text}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_section(section: Section) -> str:
    parts = [f"<h2>{escape(section.title)}</h2>"]
    if section.intro:
        parts.append(f'<p class="note">{escape(section.intro)}</p>')
    if section.chart is not None:
        parts.append(stacked_bars(section.chart) if section.chart.kind == "stacked" else heatmap(section.chart))
    parts += [render_table(t) for t in section.tables]
    return "\n".join(parts)


def render(report: Report) -> str:
    """Given a report, return the whole HTML document."""
    summary = "".join(f"<li>{escape(line)}</li>" for line in report.summary)
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{escape(report.title)}</title><style>{CSS}</style></head><body>"
            f"<h1>{escape(report.title)}</h1><div class=\"sub\">{escape(report.subtitle)} · 生成于 {stamp} · kaoping</div>"
            f'<h2>摘要</h2><ul class="summary">{summary}</ul>'
            + "\n".join(render_section(s) for s in report.sections)
            + "</body></html>\n")


def write_html(report: Report, path: Path) -> Path:
    """Write the report as a self-contained HTML file and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(report), encoding="utf-8")
    return path
