"""The one workbook writer every command uses, and the cell reading that undoes what it writes.

Workbooks are streamed (xlsxwriter in constant-memory mode: each row goes to disk as it is written), so a
sheet of a million rows costs no more memory than one of ten; one a caller knows to be small can be built in
memory instead (a shared string table: faster to write, a smaller file). Every cell is typed by its column: text is always
written as text, so a cell starting with = + - @ (or a tab or CR) is never a formula, whatever the document
said; numbers are numbers, percentages percent-formatted numbers, and nothing is ever JSON. Formats are created
once per workbook and shared; widths are fitted to the header and a bounded sample of rows.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.utility import xl_col_to_name

KINDS = ("text", "int", "number", "percent", "quantity", "code")
SAMPLE_ROWS = 200  # widths come from the header and these first rows: a million rows cost no more
MAX_CELL = 32767  # Excel's limit on the characters of one cell
EXCEL_ROWS = 1_048_576  # Excel's limit on the rows of one sheet: xlsxwriter would drop the rest without a word
CUT_MARK = "…（已截断）"
RISKY_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would take for a formula
EDIT_ROWS = 500  # drop-downs and input hints also cover this many empty rows below the data, for new rows
HEADER_COLOUR = "#DDEBF7"
HEAT_COLOURS = ("#FFFFFF", "#1F4E8C")
FLAG_COLOUR = "#F8CBAD"
MARK_COLOUR = "#C00000"
SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_NUMBER = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*(%|％)?\s*$")
_QUANTITY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([\u4e00-\u9fff]{1,3}|%|％)\s*$")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def csv_text(value: Any) -> Any:
    """Given a CSV cell, quote text a spreadsheet would run as a formula with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(RISKY_START):
        return "'" + value
    return value


def csv_plain(value: Any) -> Any:
    """Given a CSV cell read back, drop the apostrophe `csv_text` put before a risky start."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(RISKY_START):
        return value[1:]
    return value


@dataclass(frozen=True)
class Column:
    """One column: its Chinese header and how its cells are typed.

    kind: text (wrapped), int, number, percent (fractions shown as 12.5%), quantity ("520场", "95%" and "7000"
    become numbers that keep their unit on screen; other text stays text), code (一 stays text, 12 becomes 12).
    """

    header: str
    kind: str = "text"
    width: float | None = None  # fixed width in Excel characters; None = fitted to the sample
    choices: tuple[str, ...] = ()  # a drop-down of allowed values (Excel refuses others)
    hint: str | None = None  # shown when the cell is selected: how to fill it in
    heat: bool = False  # a colour scale over the column (heatmaps)
    hidden: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


class WorkbookError(OSError):
    """The workbook file could not be written (a folder missing, no permission, the file open in Excel)."""


def display_width(text: str) -> int:
    """Given a string, return about its width in Excel character units (CJK counts double).

    Counted from its UTF-8 length (1 byte → 1, 3 bytes → 2), which runs at C speed on long texts."""
    return (len(text.encode("utf-8", "replace")) + len(text)) // 2


def safe_sheet_name(title: str, taken: set[str]) -> str:
    """Given a wished-for title and the names taken (lower-cased), return a valid unique sheet name."""
    base = SHEET_BAD.sub("_", title).strip("'")[:31] or "表"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f"-{n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def read_cell(value: Any) -> Any:
    """Given a value openpyxl read, return what was written: Excel's _xHHHH_ escapes undone, '' as None.

    openpyxl undoes the escapes of shared strings (Excel's own files) but not of inline strings (streamed books),
    so only what a writer escapes is undone here: an escaped underscore and characters XML cannot hold. A literal
    `_x0041_` that openpyxl has already unescaped is left as it is instead of becoming `A`."""
    if isinstance(value, str):
        if "_x" in value:
            value = _ESCAPED.sub(_unescape, value)
        return value if value != "" else None
    return value


def _unescape(match: re.Match) -> str:
    code = int(match.group(1), 16)
    xml_cannot_hold = code < 0x20 or 0xD800 <= code < 0xE000 or code >= 0xFFFE
    return chr(code) if xml_cannot_hold or code == 0x5F else match.group(0)


def as_stored(value: Any) -> Any:
    """Given a value about to be written, return what reading the cell back gives (numbers keep 16 digits)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None if value == "" else value
    if isinstance(value, float) and not math.isfinite(value):
        return None
    number = float(f"{value:.16G}")
    return int(number) if number.is_integer() else number


class Book:
    """A workbook being written: add sheets one after another, then close (or use as a context manager).

    ``streamed=False`` keeps every cell until close, for a workbook the caller knows to be small."""

    def __init__(self, path: Path, streamed: bool = True) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkbookError(exc.errno, exc.strerror, str(self.path.parent)) from exc
        self._wb = xlsxwriter.Workbook(str(self.path), {
            "constant_memory": streamed, "strings_to_formulas": False, "strings_to_numbers": False,
            "strings_to_urls": False,
        })
        self._taken: set[str] = set()
        self._formats: dict[tuple, Any] = {}

    def __enter__(self) -> "Book":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is None:
            self.close()

    def close(self) -> Path:
        try:
            self._wb.close()
        except FileCreateError as exc:
            raise WorkbookError(13, f"无法写入 {self.path}（文件可能正在 Excel/WPS 中打开，或没有写权限）",
                                str(self.path)) from exc
        return self.path

    def fmt(self, key: str, num_format: str | None = None, quote: bool = False):
        """Given a named style (and a number format), return the shared format object."""
        cache = (key, num_format, quote)
        if cache not in self._formats:
            props = dict(_STYLES[key])
            if num_format:
                props["num_format"] = num_format
            if quote:
                props["quote_prefix"] = True
            self._formats[cache] = self._wb.add_format(props)
        return self._formats[cache]

    def sheet(self, name: str, columns: Sequence[Column | str], rows: Iterable[Sequence[Any]], *,
              title: str | None = None, notes: Sequence[str] = (), hidden: bool = False,
              flag: tuple[str, str] | None = None, freeze_cols: int = 0, max_width: int = 60,
              overflow: str = "") -> str:
        """Write one sheet: optional title and note lines, a bold frozen header with a filter, then the rows.

        ``flag`` = (header, value) colours every row whose cell under that header equals the value.
        Rows beyond Excel's limit are not written: the sheet's last row says how many were left out and
        where they are (``overflow``, e.g. the JSON written beside the workbook); ``rows`` is still read to
        its end, as a caller may write other files from it as it goes.
        Returns the sheet's name (made valid and unique).
        """
        cols = [c if isinstance(c, Column) else Column(c) for c in columns]
        name = safe_sheet_name(name, self._taken)
        ws = self._wb.add_worksheet(name)
        head = 0
        if title:
            ws.write_string(head, 0, _cut(title), self.fmt("title"))
            head += 1
        for line in notes:
            ws.write_string(head, 0, _cut(line), self.fmt("note"))
            head += 1
        for c, col in enumerate(cols):
            ws.write_string(head, c, col.header, self.fmt("header"))
        writers = [self._writer(ws, col) for col in cols]
        widths = [display_width(col.header) + 2 for col in cols]
        rows, last = iter(rows), head
        for r, row in enumerate(rows, start=head + 1):
            if r == EXCEL_ROWS - 1:  # the sheet's last row is kept for saying what did not fit
                left = 1 + sum(1 for _ in rows)
                ws.write_string(r, 0, f"…… 以下 {left:,} 行超出 Excel 每张表 {EXCEL_ROWS:,} 行的上限，未列入本表"
                                + (f"，完整内容见 {overflow}" if overflow else ""), self.fmt("mark"))
                break
            last = r
            sample = r - head <= SAMPLE_ROWS
            for c, value in enumerate(row):
                if value is None or c >= len(cols):
                    continue
                shown = writers[c](r, c, value)
                if sample and shown:
                    widths[c] = max(widths[c], _longest_line(shown) + 2)
        for c, col in enumerate(cols):
            width = col.width if col.width is not None else max(6, min(max_width, widths[c]))
            ws.set_column(c, c, width, None, {"hidden": True} if col.hidden else None)
        self._decorate(ws, cols, head, last, flag)
        ws.freeze_panes(head + 1, freeze_cols)
        ws.autofilter(head, 0, max(last, head), len(cols) - 1)
        if hidden:
            ws.hide()
        return name

    def _decorate(self, ws, cols: list[Column], head: int, last: int, flag) -> None:
        """Drop-downs, input hints, colour scales and flagged rows over the data range."""
        first = head + 1
        for c, col in enumerate(cols):
            if col.choices:
                source = list(col.choices)
                if len(",".join(source)) > 255:
                    raise ValueError(f"drop-down of {col.header} too long for an inline list")
                ws.data_validation(first, c, min(last + EDIT_ROWS, EXCEL_ROWS - 1), c, {
                    "validate": "list", "source": source, "error_title": "无效的值",
                    "error_message": f"「{col.header}」请从下拉列表中选择：" + "、".join(source)[:200],
                    **({"input_title": col.header[:32], "input_message": col.hint[:255]} if col.hint else {})})
            elif col.hint:
                ws.data_validation(first, c, min(last + EDIT_ROWS, EXCEL_ROWS - 1), c, {
                    "validate": "any", "input_title": col.header[:32], "input_message": col.hint[:255]})
            if col.heat and last >= first:
                ws.conditional_format(first, c, last, c, {"type": "2_color_scale", "min_color": HEAT_COLOURS[0],
                                                          "max_color": HEAT_COLOURS[1]})
        if flag and last >= first:
            index = [col.header for col in cols].index(flag[0])
            letter = xl_col_to_name(index)
            wanted = flag[1].replace('"', '""')
            ws.conditional_format(first, 0, last, len(cols) - 1, {
                "type": "formula", "criteria": f'=${letter}{first + 1}="{wanted}"', "format": self.fmt("flag")})

    def _writer(self, ws, col: Column):
        """Given a column, return a function (row, col, value) → text shown (for widths) that writes a cell."""
        text_fmt, text_quote = self.fmt("text"), self.fmt("text", quote=True)
        number_fmt = self.fmt("number")

        def text(r: int, c: int, value: Any) -> str:
            if isinstance(value, (list, tuple)):
                value = " ▸ ".join(str(v) for v in value if v not in (None, ""))
            elif hasattr(value, "segments"):
                return rich(r, c, value)
            elif isinstance(value, bool):
                value = "是" if value else "否"
            elif isinstance(value, dict):
                raise TypeError(f"{col.header}: a mapping cannot be a cell")
            elif isinstance(value, (int, float)):
                return number(r, c, value)
            value = _cut(str(value))
            if not value:
                return ""
            ws.write_string(r, c, value, text_quote if value.startswith(RISKY_START) else text_fmt)
            return value

        def rich(r: int, c: int, value) -> str:
            parts = [(t, marked) for t, marked in value.segments if t]
            plain = "".join(t for t, _ in parts)
            if len(parts) < 2 or len(plain) > MAX_CELL:
                return text(r, c, plain)
            fragments = []
            for piece, marked in parts:
                fragments += [self.fmt("mark"), piece] if marked else [piece]
            ws.write_rich_string(r, c, *fragments, text_quote if plain.startswith(RISKY_START) else text_fmt)
            return plain

        def number(r: int, c: int, value: Any, fmt=None) -> str:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return text(r, c, value)
            if not math.isfinite(value):
                return ""
            ws.write_number(r, c, value, fmt or number_fmt)
            return f"{value:g}"

        if col.kind == "text":
            return text
        if col.kind == "int":
            int_fmt = self.fmt("number", "0")
            return lambda r, c, v: number(r, c, _parsed(v), int_fmt)
        if col.kind == "number":
            return lambda r, c, v: number(r, c, _parsed(v))
        if col.kind == "percent":
            pct = self.fmt("number", "0.0%")

            def percent(r: int, c: int, value: Any) -> str:
                value = _parsed(value)
                if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
                    ws.write_number(r, c, value, pct)
                    return f"{value:.1%}"
                return text(r, c, value)
            return percent
        if col.kind == "code":
            return lambda r, c, v: number(r, c, int(v)) if isinstance(v, str) and _is_plain_int(v) \
                else (text(r, c, v) if isinstance(v, str) else number(r, c, v))

        def quantity(r: int, c: int, value: Any) -> str:
            if not isinstance(value, str):
                return number(r, c, value)
            m = _QUANTITY.match(value) or _NUMBER.match(value)
            if not m:
                return text(r, c, value)
            amount, unit = float(m.group(1)), m.group(2)
            decimals = len(m.group(1).partition(".")[2])
            digits = "0" + ("." + "0" * decimals if decimals else "")
            if unit in ("%", "％"):
                ws.write_number(r, c, amount / 100, self.fmt("number", digits + "%"))
            else:
                spaced = " " if re.search(r"\d\s+\D", value) else ""
                ws.write_number(r, c, amount, self.fmt("number", f'{digits}"{spaced}{unit}"' if unit else digits))
            return value.strip()
        return quantity


_STYLES: dict[str, dict] = {
    "title": {"bold": True, "font_size": 14},
    "note": {"italic": True, "font_color": "#444444"},
    "header": {"bold": True, "bg_color": HEADER_COLOUR, "text_wrap": True, "valign": "vcenter", "bottom": 1},
    "text": {"text_wrap": True, "valign": "top"},
    "number": {"valign": "top"},
    "mark": {"bold": True, "font_color": MARK_COLOUR},
    "flag": {"bg_color": FLAG_COLOUR},
}


def _cut(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - len(CUT_MARK)] + CUT_MARK


def _longest_line(text: str) -> int:
    return max(display_width(line) for line in text.split("\n")) if "\n" in text else display_width(text)


def _parsed(value: Any) -> Any:
    """Given a cell value for a numeric column, return a number when it is plainly one ('12', '95%')."""
    if isinstance(value, str) and (m := _NUMBER.match(value)):
        number = float(m.group(1))
        return number / 100 if m.group(2) else number
    return value


def _is_plain_int(text: str) -> bool:
    return text.isascii() and text.isdigit() and (text == "0" or not text.startswith("0")) and len(text) < 16
