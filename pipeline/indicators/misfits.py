"""Rows that are not a scheme's items, for the self-check: a reading that took the wrong table (a grade
scale, a work plan, a ranking of units, a sign-off block) or the wrong column names its rows by grades,
dates, units or signatures, and a reading that took a 权重 column for points reads its points from there.

Each test looks at what the rows say, not at where they came from, so it holds for any layout; each
asks for several rows, since one odd name is a document's own wording more often than a misreading.
"""
from __future__ import annotations

import re

from schemas.indicators import Indicator, IndicatorTable
from schemas.raw import RawDocument

from .evidence import scoring_atoms
from .kinds import SIGN
from .outline import PINYIN
from .text import key, simplified

# A grade of a 考核等次 scale ('优秀：90分以上'): its number is a threshold, not an item's points.
_GRADE = re.compile(r"^(?:优秀|良好|较好|合格|基本合格|不合格|称职|基本称职|不称职|一般|较差|好|中|差|达标|不达标|"
                    r"[A-DＡ-Ｄ甲乙丙丁][级等档]?|[一二三四]等|[一二三四]档)(?:等次|等级|档次|级)?$")
# A date or a period: a work plan's 时间 column read as names.
_DATE = re.compile(r"^(?:\d{4}年)?(?:\d{1,2}月(?:\d{1,2}日)?|[上下]半年|第?[一二三四1-4]季度|年[初中底]|全年)"
                   r"(?:[—\-－~～至到](?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?)?(?:前|底|中旬|上旬|下旬)?$|^\d{4}年$")
# A unit or department standing alone (a ranking's or a matrix's rows), not something to score.
_UNIT = re.compile(r"(?:科|室|局|办|委|中心|所|处|队|站|院|庭|公司|分局|支队|大队|中队|街道|乡|镇|社区|县|区|市)$")
MAX_UNIT = 12
_WEIGHT_HEAD = re.compile(r"权重|比重|占比|權重")
_POINTS_WORD = re.compile(r"分")
_PERCENT = re.compile(r"^\d+(?:\.\d+)?[%％]$")
MIN_ROWS = 2
MIN_NAME = 4  # a shorter name is found anywhere, or is too short to place
UNIT_SHARE = 0.5


def _fold(text: str | None) -> str:
    return key(simplified(PINYIN.sub("", text or "")))


def _unit_like(name: str) -> bool:
    """Tell whether a name is a unit or department and nothing else ('广饶县交通运输局', '办公室')."""
    return len(name) <= MAX_UNIT and bool(_UNIT.search(name)) and not re.search(r"建设|管理|工作|制度|服务|落实", name)


def _named(inds: list[Indicator], test) -> list[Indicator]:
    return [i for i in inds if i.name and test(_fold(i.name))]


def misfit_reasons(table: IndicatorTable, raw: RawDocument) -> list[str]:
    """Given a reading and its document, return the reasons its rows look like another table's."""
    inds = table.indicators
    reasons = []
    grades = _named(inds, _GRADE.match)
    if len(grades) >= MIN_ROWS:
        reasons.append(f"{len(grades)} 项的名称是考核等次（如“{grades[0].name}”），其分值像是等次的分数线，"
                       f"这些行可能来自等次表而不是指标表，请核对并删去")
    dates = _named(inds, _DATE.match)
    if len(dates) >= MIN_ROWS:
        reasons.append(f"{len(dates)} 项的名称是日期或时段（如“{dates[0].name}”），这张表可能是工作安排表，"
                       f"或名称列认错了，请核对")
    units = _named(inds, _unit_like)
    if len(units) >= max(MIN_ROWS + 1, UNIT_SHARE * len(inds)):
        reasons.append(f"{len(units)} 项的名称是单位或部门（如“{units[0].name}”），这张表可能是排名、结果或分工表，"
                       f"或名称列认错了，请核对")
    signs = _named(inds, SIGN.match)
    if signs:
        reasons.append(f"{len(signs)} 项的名称是签批栏用词（如“{signs[0].name}”），签批栏可能被读成了指标，请删去这些行")
    weighed = _points_from_weights(inds, raw)
    if weighed and not any("权重同时作为分值" in w for w in table.warnings):
        reasons.append(f"{len(weighed)} 项的分值取自“权重”一栏（如“{weighed[0].name}”），权重可能被当作了分值，请核对")
    footers = _named(inds, _FOOTER_NAME.match)
    if footers:
        reasons.append(f"{len(footers)} 项的名称是合计用词（如“{footers[0].name}”），合计行可能被读成了指标，请删去这些行")
    totals = [i for i in _sums_as_items(inds) if i not in footers]
    if totals:
        reasons.append(f"“{totals[0].name}”{totals[0].points:g} 分等于它前面各项之和，像是合计行被读成了指标，请删去这一行")
    twice = _read_twice(inds)
    if twice:
        reasons.append(f"{len(twice)} 项与前面某项完全相同（名称、评分标准和分值都一样，如“{twice[0].name}”），"
                       f"可能同一行被读了两次，请删去重复的行")
    foreign = _names_not_in_document(inds, raw)
    if foreign:
        reasons.append(f"{len(foreign)} 项的名称在原文中找不到（如“{foreign[0].name}”），可能是相邻的文字被拼进了名称，"
                       f"请对照原文核对这些项的名称")
    unread = _unread_rows(inds, raw)
    if unread:
        n, r, text = unread[0]
        reasons.append(f"表{n + 1}有 {len(unread)} 行的分值或计分规则没有归入任何指标或类别（如第{r + 1}行的“{text}”），"
                       f"可能漏读了这些行，请对照原文核对")
    return reasons


_FOOTER_NAME = re.compile(r"^(?:合计|小计|总计|总分|合計|小計|總計|總分|得分合计|合计得分|总得分|分值合计)$")


def _sums_as_items(inds: list[Indicator]) -> list[Indicator]:
    """Given indicators in order, return the last of each section when, without a rule of its own, its points
    are the sum of all before it in that section."""
    out: list[Indicator] = []
    by_section: dict[str, list[Indicator]] = {}
    for ind in inds:
        by_section.setdefault(ind.section_id, []).append(ind)
    for members in by_section.values():
        *before, last = members
        if len(before) >= MIN_ROWS and last.points and not key(last.criteria or last.content or "") \
                and all(i.points is not None for i in before) \
                and abs(sum(i.points for i in before) - last.points) <= 1e-6:
            out.append(last)
    return out


def _read_twice(inds: list[Indicator]) -> list[Indicator]:
    """Given indicators in order, return those equal to the one just before in categories, name, criteria,
    points and the row these stand on (a document may repeat a whole table, but not one row twice in a row)."""
    out, last = [], None
    for ind in inds:
        # A name cell merged over several scored rows gives items alike but for the rows their points stand on.
        at = ind.prov.get("points")
        sig = (tuple(c.name for c in ind.categories), _fold(ind.name), _fold(ind.criteria), _fold(ind.content), ind.points,
               at.row if at is not None else None)
        if sig == last and sig[1]:
            out.append(ind)
        last = sig
    return out


_NOT_WORD = re.compile(r"[^\u3400-\u9fffA-Za-z0-9]")
_MARK_AND_POINTS = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|\d{1,3}|[a-zA-Z])(?=[\u3400-\u9fff])|\d+(?:\.\d+)?分$")


def _words(text: str | None) -> str:
    """Given text, keep its letters, digits and characters only (folded, no punctuation), to find a name in it."""
    return _NOT_WORD.sub("", _fold(text))


def _names_not_in_document(inds: list[Indicator], raw: RawDocument) -> list[Indicator]:
    """Given indicators and their document, return those whose name (its numbering and points aside) stands in
    none of the document's paragraphs or cells: words from two places glued into one name."""
    # Paragraphs run on (a line of a text dump may end mid-name), and so do the cells of a column (a cell
    # continued on the row below); cells side by side stay apart, so a name glued across columns is not found.
    columns = ["".join(_words(c.text) for c in sorted(t.cells, key=lambda c: (c.col, c.row))) for t in raw.tables]
    whole = "".join(_words(b.text) for b in raw.blocks) + "\n" + "\n".join(columns)
    out = []
    for ind in inds:
        name = _MARK_AND_POINTS.sub("", _words(ind.name))
        if len(name) >= MIN_NAME and name not in whole:
            out.append(ind)
    return out


_BARE_POINTS = re.compile(r"^\d+(?:\.\d+)?分?$")
_SET_APART = re.compile(r"合计|小计|总计|总分|合計|總計|總分|备注|說明|说明|注[:：]|加分|扣分|减分|奖励|否决")


def _unread_rows(inds: list[Indicator], raw: RawDocument) -> list[tuple[int, int, str]]:
    """Given indicators and their document, return (table, row, text) of the rows no item or category was read
    from that hold a number in the column the items' points came from, or a name and a rule of their own: a row
    lost between rows. Rows that total, note, add or deduct are set apart by their own words."""
    columns = {(p.table_no, p.col) for i in inds if i.points is not None
               and (p := i.prov.get("points")) is not None and p.table_no is not None}
    used = {(p.table_no, p.row) for i in inds for f, p in i.prov.items()
            if f != "category" and p is not None and p.table_no is not None and p.row is not None}
    # A category on a row of its own ('二、队伍建设' with its points) takes that row's number; one merged
    # down beside its items ('组织领导' over three rows) takes none.
    spans = {(t.table_no, c.row, c.col): c.row_span for t in raw.tables for c in t.cells}
    used |= {(c.prov.table_no, c.prov.row) for i in inds for c in i.categories
             if c.prov is not None and c.prov.table_no is not None and c.prov.row is not None
             and spans.get((c.prov.table_no, c.prov.row, c.prov.col), 1) == 1}
    out = []
    for t in raw.tables:
        rows: dict[int, list[str]] = {}
        for c in t.cells:
            for r in range(c.row, c.row + c.row_span):
                rows.setdefault(r, []).append(_fold(c.text))
        for c in t.cells:
            if (t.table_no, c.col) not in columns or not _BARE_POINTS.match(_fold(c.text)):
                continue
            spanned = range(c.row, c.row + c.row_span)
            if any((t.table_no, r) in used for r in spanned) or any(_SET_APART.search(x) for x in rows.get(c.row, [])):
                continue
            out.append((t.table_no, c.row, key(c.text)))
    # A row with a name of its own and a rule, below the first item of its table, that no item took.
    names = {(p.table_no, p.col) for i in inds if (p := i.prov.get("name")) is not None and p.table_no is not None}
    first = {}
    for n, r in sorted(used):
        first.setdefault(n, r)
    for t in raw.tables:
        starts: dict[int, list] = {}
        for c in t.cells:
            starts.setdefault(c.row, []).append(c)
        for r, cells in sorted(starts.items()):
            if t.table_no not in first or r <= first[t.table_no] or (t.table_no, r) in used \
                    or any(_SET_APART.search(_fold(c.text)) for c in cells) or (t.table_no, r) in {(n, x) for n, x, _ in out}:
                continue
            named = any((t.table_no, c.col) in names and key(c.text) for c in cells)
            ruled = next((c for c in cells if scoring_atoms(c.text)), None)
            if named and ruled is not None:
                out.append((t.table_no, r, key(ruled.text)[:20]))
    return out


def _points_from_weights(inds: list[Indicator], raw: RawDocument) -> list[Indicator]:
    """Given indicators, return those whose points were read from a column its header calls a weight
    ('权重', '占比') without calling it points, or from a cell holding a percentage and nothing else."""
    heads: dict[tuple[int, int], str] = {}
    for t in raw.tables:
        for c in sorted(t.cells, key=lambda c: c.row):
            # The first filled cell of a column from the top stands for its header.
            if (t.table_no, c.col) not in heads and key(c.text):
                heads[(t.table_no, c.col)] = _fold(c.text)
    cells = {(t.table_no, c.row, c.col): c.text for t in raw.tables for c in t.cells}
    out = []
    for ind in inds:
        at = ind.prov.get("points")
        if ind.points is None or at is None or at.table_no is None:
            continue
        head = heads.get((at.table_no, at.col), "")
        text = cells.get((at.table_no, at.row, at.col), "")
        if (_WEIGHT_HEAD.search(head) and not _POINTS_WORD.search(head)) or _PERCENT.match(_fold(text)):
            out.append(ind)
    return out
