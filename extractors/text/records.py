"""Tables stored as data: a JSON / JavaScript array of records ("[{"pingfenbiaozhun": "…", "zongfen": 3}, …]").

Systems that score units keep a flat table as an array of objects whose keys are machine names (often
pinyin, never the column titles a reader saw). The keys say nothing a reader can trust, so each column's
part is read from its values: whole numbers that are 1…N once each number the rows (and give their
order, since such arrays are often stored sorted by an id); other numbers are the points; text with
scoring verbs (扣/加/得分) is the criteria, the first other text the content. Identifiers (GUIDs, a value
shared by every record) and flags are machine bookkeeping and are left out. Records that nest lists or
objects are a tree, not a table: the outline reader reads those as prose; records with many number
fields are measurements (one row per unit, one field per indicator), not indicators.
"""
from __future__ import annotations

import json
import re

from ..hanzi import HANZI
from .grid import Cell, Found, Grid

_OPEN = re.compile(r"\[\s*(?=\{|$)")
_CJK = re.compile(f"[{HANZI}]")
_IDENT = re.compile(r"^[{(]?[0-9A-Fa-f]{8}(?:-?[0-9A-Fa-f]{4}){3}-?[0-9A-Fa-f]{12}[})]?$|^[0-9a-f]{16,}$")
_SCORING = re.compile(r"扣|加\s*\d|得\s*\d|不得分|计\s*\d|记\s*\d")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_MIN_RECORDS = 3
_MAX_CHARS = 2_000_000
_FIRST_SPAN = 64
_CRITERIA_SHARE = 0.5
_MAX_NUMBER_COLUMNS = 3


def _close(text: str, at: int, objects: list[int]) -> int | None:
    """Given text and the index of an opening '[', return the index just past its matching ']'
    (appending to ``objects`` where each of its objects opens); None when it does not close, -1 when its
    objects nest lists or objects (a tree, never a flat table)."""
    depth, quote, i = 0, "", at
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'`":
            quote = ch
        elif ch in "[{":
            if depth >= 2:
                return -1
            if ch == "{":
                objects.append(i)
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


_JS_TOKEN = re.compile(
    r"""(?P<str>"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|(?P<comment>//[^\n]*|/\*.*?\*/)"""
    r"""|(?P<key>[A-Za-z_$][\w$]*)(?=\s*:)|(?P<comma>,)(?=\s*[}\]])""",
    re.S,
)


def _as_json(js: str) -> str:
    """Given a JavaScript array literal, return it as JSON: keys quoted, single quotes turned into
    double, comments and trailing commas dropped."""
    def swap(m: re.Match) -> str:
        if m.group("str") is not None:
            s = m.group("str")
            return s if s[0] == '"' else json.dumps(s[1:-1].replace("\\'", "'"), ensure_ascii=False)
        if m.group("key") is not None:
            return f'"{m.group("key")}"'
        return ""

    return _JS_TOKEN.sub(swap, js)


def parse_records(text: str) -> list[dict] | None:
    """Given the text of an array literal, return its records when it is a flat array of objects."""
    for source in (text, _as_json(text)):
        try:
            data = json.loads(source)
            break
        except (ValueError, RecursionError):
            continue
    else:
        return None
    if not isinstance(data, list) or len(data) < _MIN_RECORDS or not all(isinstance(r, dict) for r in data):
        return None
    if any(isinstance(v, (list, dict)) for r in data for v in r.values()):
        return None
    return data


def _is_serial(values: list) -> bool:
    """Given a column's values, tell whether they number the records 1…N once each."""
    ints = [int(float(v)) for v in values
            if not isinstance(v, bool) and isinstance(v, (int, float, str)) and _NUMBER.match(str(v)) and float(v) % 1 == 0]
    return len(ints) == len(values) and sorted(ints) == list(range(1, len(values) + 1))


def _is_number(values: list) -> bool:
    """Given a column's values, tell whether all that are present are numbers."""
    present = [v for v in values if v not in (None, "")]
    return bool(present) and all(not isinstance(v, bool) and _NUMBER.match(str(v).strip()) for v in present)


def _is_machine(values: list) -> bool:
    """Given a column's values, tell whether it is bookkeeping: flags, identifiers, one value for all."""
    present = [v for v in values if v not in (None, "")]
    if not present or all(isinstance(v, bool) for v in present):
        return True
    if len({json.dumps(v, ensure_ascii=False) for v in values}) == 1:
        return True
    return all(isinstance(v, str) and _IDENT.match(v.strip()) for v in present)


def read_columns(records: list[dict]) -> tuple[list[tuple[str, str]], list[dict]] | None:
    """Given records, return the kept columns as (key, header name) and the records in row order."""
    keys: list[str] = []
    for r in records:
        keys += [k for k in r if k not in keys]
    values = {k: [r.get(k) for r in records] for k in keys}
    serial = next((k for k in keys if _is_serial(values[k])), None)
    kept = [k for k in keys if k == serial or not _is_machine(values[k])]
    texts = [k for k in kept if k != serial and any(isinstance(v, str) and _CJK.search(v) for v in values[k])]
    if not texts:
        return None
    numbers = [k for k in kept if k != serial and _is_number(values[k])]
    if len(numbers) > _MAX_NUMBER_COLUMNS:
        return None
    points = numbers[0] if numbers else None
    criteria = next((k for k in texts if len(texts) > 1 and sum(
        bool(isinstance(v, str) and _SCORING.search(v)) for v in values[k]) >= _CRITERIA_SHARE * len(records)), None)
    content = next(k for k in texts if k != criteria)
    names = {serial: "序号", content: "考核内容", points: "分值", criteria: "评分标准"}
    columns = [(k, names.get(k, k)) for k in kept if k in names or k in texts]
    if serial is not None:
        records = sorted(records, key=lambda r: float(r[serial]))
    return columns, records


def _text(value) -> str:
    """Given a record value, return it as cell text."""
    return "" if value is None else str(value).strip()


def find_records_table(lines: list[str], start: int) -> Found | None:
    """Given lines and an index, return the table held by an array of records that opens on that line."""
    opened = _OPEN.search(lines[start])
    if opened is None:
        return None
    if not lines[start][opened.end():].strip():  # '[' ends the line: the next line must open an object
        following = next((line.strip() for line in lines[start + 1:start + 50] if line.strip()), "")
        if not following.startswith("{"):
            return None
    span, end = _FIRST_SPAN, None
    while end is None:  # widen the window until the array closes (most close within a few lines)
        text = "\n".join(lines[start:start + span])
        objects: list[int] = []
        end = _close(text, opened.start(), objects)
        if end is None and (start + span >= len(lines) or len(text) > _MAX_CHARS):
            return None
        span *= 4
    if end < 0 or not objects:
        return None
    records = parse_records(text[opened.start():end])
    read = read_columns(records) if records else None
    if read is None:
        return None
    columns, order = read
    line_of = {id(r): start + 1 + text.count("\n", 0, at) for r, at in zip(records, objects)}
    last = text.count("\n", 0, end)
    cells = [Cell(0, c, name, start + 1, header=True) for c, (_, name) in enumerate(columns)]
    for r, record in enumerate(order, start=1):
        cells += [Cell(r, c, _text(record.get(k)), line_of[id(record)]) for c, (k, _) in enumerate(columns)]
    grid = Grid(cells=cells, num_rows=len(order) + 1, num_cols=len(columns), line=start + 1, closed=True)
    lead = lines[start][: opened.start()]
    tail = text[end:].split("\n", 1)[0]
    return Found([grid], start + last + 1, lead=lead if _CJK.search(lead) else "",
                 tail=tail if _CJK.search(tail) else "")


def array_lines(lines: list[str]) -> set[int]:
    """Given source lines, return the indexes of the lines inside arrays of records (kept as written)."""
    inside: set[int] = set()
    i = 0
    while i < len(lines):
        found = find_records_table(lines, i) if "[" in lines[i] else None
        if found is None:
            i += 1
            continue
        inside.update(range(i, found.end))
        i = found.end
    return inside
