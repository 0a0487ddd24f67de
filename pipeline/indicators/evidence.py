"""Evidence a wrong reading leaves behind, for the self-check: scoring text that no indicator took in,
table cells read as prose, names that are not names, numbering with gaps, points that cannot be.

Each signal compares the reading with the document it came from, so it holds whatever the layout:
a reading that lost rows leaves their rules (扣2分, （3分）) outside every indicator; one that took a
category or a header for names repeats them; one that merged items swallows numbers.
"""
from __future__ import annotations

import re
from collections import Counter

from schemas.indicators import Indicator, IndicatorTable
from schemas.raw import RawDocument

from .outline import PINYIN
from .subitems import item_points
from .text import key, simplified

# A scoring atom: an allocation in brackets or an amount taken or given.
_ATOM = re.compile(
    r"[（(]\s*\d+(?:\.\d+)?\s*分[^（）()]{0,12}[）)]"
    r"|(?:扣|减|減|加|得|记|記|计|計)(?:除|去)?\s*\d+(?:\.\d+)?(?:\s*[-—－~～至]\s*\d+(?:\.\d+)?)?\s*分"
)
# Not an item's own score: grade bands, totals, caps and how the scheme as a whole is added up.
_NOT_ITEM = re.compile(r"以上|以下|以内|不足|满分|滿分|总分|總分|合计|合計|共计|共計|百分制|等次|优秀|優秀|良好|合格|"
                       r"最高|最多|封顶|封頂|累计|累計|上限|总得分|綜合得分|综合得分")
_RESULT_LEADS = {"应", "實", "实", "應"}
_CONTEXT = 6  # characters before an atom that place it in the text
MIN_CONTEXT = 3
_PLACE = 4
MIN_UNCOVERED = 2
UNCOVERED_SHARE = 0.25
_SENTENCE = re.compile(r"[。；;！!？?\n]")
_WORDS = re.compile(r"[^\u3400-\u9fffA-Za-z]")


def _fold(text: str | None) -> str:
    return key(simplified(PINYIN.sub("", text or "")))


def names_structure(name: str | None) -> bool:
    """Given an item's name, tell whether it names a column or a part of the scheme document ('计分办法',
    '考核方式') rather than something to score."""
    folded = _fold(name)
    return bool(folded) and bool(_HEADER_NAME.match(folded) or _DOCUMENT_HEADING.match(folded))


def _bare(text: str) -> str:
    """Given folded text, keep its words only (no digits, punctuation or spaces), to place a context in it."""
    return _WORDS.sub("", text)


def _taken_text(table: IndicatorTable) -> str:
    """Given a reading, return all the text it took in (names, contents, criteria, categories, titles, notes)."""
    parts: list[str] = []
    for ind in table.indicators:
        parts += [ind.name, ind.content, ind.criteria, ind.points_text, ind.department]
        parts += [c.name for c in ind.categories]
    parts += [s.title for s in table.sections] + list(table.notes)
    for r in table.results:
        parts += [r.name, r.group, r.reason, *r.path]
    return "\n".join(_bare(_fold(p)) for p in parts if p)


def _texts(raw: RawDocument, skipped: set[int]) -> list[str]:
    """Given a document, return its prose blocks and the cells of the tables not set aside."""
    out = [b.text for b in raw.blocks]
    out += [c.text for t in raw.tables if t.table_no not in skipped for c in t.cells]
    return out


def scoring_atoms(text: str) -> list[tuple[str, str]]:
    """Given a text, return its items' scoring atoms as (the few characters before it, the atom), leaving
    out grade bands, totals and caps."""
    out = []
    for sentence in _SENTENCE.split(_fold(text)):
        if not sentence:
            continue
        for m in _ATOM.finditer(sentence):
            clause = sentence[max(0, m.start() - 12): m.end() + 4]
            if _NOT_ITEM.search(clause) or sentence[max(0, m.start() - 1): m.start()] in _RESULT_LEADS:
                continue  # a cap, a band, a total; or what a results row was due or got ('应得5分')
            before = _bare(sentence[max(0, m.start() - 3 * _CONTEXT): m.start()])[-_CONTEXT:]
            out.append((before, m.group(0)))
    return out


def uncovered(table: IndicatorTable, raw: RawDocument, skipped: set[int]) -> tuple[int, list[str]]:
    """Given a reading and its document, return how many scoring atoms the document holds and the
    contexts of those that no indicator, category or note took in."""
    taken = _taken_text(table)
    total, missing = 0, []
    for text in _texts(raw, skipped):
        for before, atom in scoring_atoms(text):
            total += 1
            # The last few words before it: an outline marker ('一、') further back is no part of a name.
            if len(before) >= MIN_CONTEXT and before[-_PLACE:] not in taken:
                missing.append(before + atom)
    return total, missing


def coverage_reasons(table: IndicatorTable, raw: RawDocument, skipped: set[int]) -> list[str]:
    """Given a reading, return a reason when a fair share of the document's scoring text lies outside it."""
    total, missing = uncovered(table, raw, skipped)
    if len(missing) >= MIN_UNCOVERED and len(missing) >= UNCOVERED_SHARE * total:
        return [f"文中 {total} 处分值或计分规则有 {len(missing)} 处不在读出的指标里（如“{missing[0]}”），可能有指标没有读出，请对照原文补录"]
    return []


def name_counts(indicators: list[Indicator]) -> Counter:
    """Given indicators, count their names under each category path: the same name under two categories
    ('立法工作' in two systems of one scheme) is two items, the same name under one is a doubt."""
    return Counter((tuple(_fold(c.name) for c in i.categories), _fold(i.name)) for i in indicators if i.name)


_NAME_POINTS = re.compile(r"[（(](\d+(?:\.\d+)?)分[）)]$")
_SCORE_HEAD = re.compile(r"扣分|得分|实得|自评|考核分|评分$")  # what an assessor fills in, blank in a scheme
_SUB_ALLOCATION = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")
_POINTS_HEAD = re.compile(r"^(?:分值|分数|标准分|标准分值|考核分值|考评分值|满分|基本分|应得分)(?:[（(]分[）)])?$")
_BARE_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_POINTS_CELL = re.compile(r"^\d+(?:\.\d+)?分$")
_ONLY_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)?\s*分?\s*$")
_HEADER_NAME = re.compile(r"^(?:序号|编号|考核项目|考评项目|考核内容|考评内容|考核指标|指标名称|一级指标|二级指标|三级指标|"
                          r"分值|分数|标准分|权重|评分标准|考核标准|扣分标准|评分细则|计分办法|责任部门|责任单位|考评科室|"
                          r"得分|自评分|备注|项目|内容|指标|类别|姓名|日期|时间|地点|签字|签名|盖章|联系电话|单位名称|填表人)$")
_UNIT_MARK = re.compile(r"[（(](?:分|%|％|个|项|人|元|万元)[）)]$")  # '分值（分）', '权重(%)': a header's unit
# Headings of the scheme document itself, never an item to score.
_DOCUMENT_HEADING = re.compile(r"^(?:指导思想|基本原则|主要原则|工作原则|考核原则|考核对象|考核范围|适用范围|考核方式|考核方法|考核程序|"
                               r"考核步骤|考核时间|时间安排|结果运用|考核结果运用|考核结果|奖惩措施|工作要求|附则|背景依据|主要内容|"
                               r"目的意义|总体要求|.{0,16}(?:考核|考评|评分)(?:办法|细则|方案))$")
_HEADING_MARK = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]|[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]\s*$")
MIN_PART = 2
_SERIAL = re.compile(r"[0-9]{1,3}")


def _sub_total(ind: Indicator) -> float | None:
    """Given a table row, return the sum of the allocations its criteria list for its parts ('1.…（2分）2.…（3分）')."""
    if _from_prose(ind):
        return None  # a prose item's text holds its own allocation too
    for text in (ind.criteria, ind.content):
        found = [float(v) for v in _SUB_ALLOCATION.findall(simplified(text or ""))]
        if len(found) < MIN_PART:  # '1、…，计3分。2、…，计2分。': numbered parts allocating without brackets
            found = [i.points for i in item_points(text or "") or []]
        if len(found) >= MIN_PART:
            return round(sum(found), 6)
    return None


def _named_points(ind: Indicator) -> float | None:
    """Given an indicator, return the points its name states in brackets at its end ('建立台账（5分）')."""
    m = _NAME_POINTS.search(_fold(ind.name))
    return float(m.group(1)) if m else None


def _from_prose(ind: Indicator) -> bool:
    """Tell whether an indicator was read from prose (not from a table's cells)."""
    return ind.prov.get("name") is not None and ind.prov["name"].table_no is None


def _merged_names(inds: list[Indicator]) -> set[tuple]:
    """Given indicators, return the name cells (table, row, col) merged over several of them (one name, several
    scored rows); counted once, not per indicator, so the check stays linear in rows."""
    cells = Counter(_name_cell(i) for i in inds)
    return {cell for cell, n in cells.items() if cell is not None and n > 1}


def _name_cell(ind: Indicator) -> tuple | None:
    """Given an indicator, return the table cell its name was read from (None when read from prose)."""
    at = ind.prov.get("name")
    return (at.table_no, at.row, at.col) if at is not None and at.table_no is not None else None


def _example(ind: Indicator) -> str:
    return (ind.name or ind.criteria or "")[:20]


def stated_allocations(raw: RawDocument) -> int:
    """Given a document, count the points it allocates: '（5分）' in its text, '5分' cells in its tables and
    numbers under a 分值 heading."""
    texts = [b.text for b in raw.blocks] + [c.text for t in raw.tables for c in t.cells]
    count = sum(len(_SUB_ALLOCATION.findall(_fold(t))) + bool(_POINTS_CELL.match(_fold(t))) for t in texts)
    for t in raw.tables:
        heads = {c.col for c in t.cells if c.col_span == 1 and _POINTS_HEAD.match(_fold(c.text))}
        count += sum(1 for c in t.cells if c.col in heads and _BARE_NUMBER.match(_fold(c.text)))
    return count


def row_reasons(table: IndicatorTable, raw: RawDocument, ratings: set[int] = frozenset()) -> list[str]:
    """Given a reading and its document (and the tables read as rating sheets, whose points are blanks to
    fill), return the reasons its rows do not look like a scheme's items."""
    inds = table.indicators
    reasons: list[str] = []
    rated = [i for i in inds if (p := i.prov.get("name")) is None or p.table_no not in ratings]
    if rated and not any(i.points is not None or i.weight is not None for i in rated):
        # The categories' own allocations ('第一章…（12分）') head deduction items, which carry none.
        headed = {(c.name, c.points) for i in inds for c in i.categories if c.points is not None}
        allocations = stated_allocations(raw) - len(headed)
        if allocations >= max(MIN_PART, len(rated) / 2):
            reasons.append(f"文中写有 {allocations} 处分值，读出的 {len(rated)} 项却都没有分值，分值可能没有读出，请核对分值栏")
    bare = [i for i in inds if i.points is None and i.weight is None and not i.department
            and not key(i.criteria or "") and not key(i.content or "")]
    if bare and len(bare) == len(inds):
        reasons.append(f"读出的 {len(bare)} 项都只有名称，没有分值、权重、评分标准或责任部门，"
                       f"这张表可能是待填写的表单而不是指标表")
    parts = [(i, s) for i in inds if i.points is not None and (s := _sub_total(i)) is not None and abs(s - i.points) > 1e-6]
    if parts:
        i, s = parts[0]
        reasons.append(f"{len(parts)} 项的分值与其评分标准中各小项之和不符（如“{_example(i)}”{i.points:g} 分，小项合计 {s:g} 分），请核对这些项的分值")
    own = [(i, v) for i in inds if i.points is not None and (v := _named_points(i)) is not None and abs(v - i.points) > 1e-6]
    if own:
        i, v = own[0]
        reasons.append(f"{len(own)} 项的名称写明的分值与读出的分值不符（如“{_example(i)}”写 {v:g} 分，读出 {i.points:g} 分），请核对这些项的分值")
    heads = _categories_as_items(inds)
    if heads:
        reasons.append(f"{len(heads)} 项的分值等于其后几项之和，像是类别被读成了指标（如“{_example(heads[0])}”），请核对指标的层级")
    merged = _merged_names(inds)
    counts = name_counts([i for i in inds if _name_cell(i) not in merged])
    repeated = sum(n - 1 for n in counts.values() if n > 1)
    if repeated >= max(2, len(inds) / 5):
        (_, name), _ = counts.most_common(1)[0]
        reasons.append(f"{repeated} 项的名称与别的项重复（如“{name[:20]}”），名称列可能是类别，请核对哪一栏是指标名称")
    headers = [i for i in inds if i.name and _HEADER_NAME.match(_UNIT_MARK.sub("", _fold(i.name)))]
    if headers:
        reasons.append(f"{len(headers)} 项的名称是表头用词（如“{headers[0].name}”），表头可能被读成了指标，请删去表头行")
    structure = [i for i in inds if i.points is None and i.name and _DOCUMENT_HEADING.match(_fold(i.name))]
    if structure:
        reasons.append(f"{len(structure)} 项的名称像是文件的章节标题（如“{structure[0].name}”），不像指标，请核对是否应删去")
    numeric = [i for i in inds if i.name and _ONLY_NUMBER.match(_fold(i.name))]
    if numeric:
        reasons.append(f"{len(numeric)} 项的名称只是数字（如“{numeric[0].name}”），列可能错位，请核对各栏的对应")
    cells = [i for i in inds if _from_prose(i) and sum(1 for line in (i.criteria or "").split("\n") if _ONLY_NUMBER.match(line)) >= 1]
    if cells:
        reasons.append(f"{len(cells)} 项之下有只写着数字的行（如“{_example(cells[0])}”），可能是表格的单元格被当作了段落，请对照原文核对各项的名称和分值")
    astray = [(i, said) for i in inds if (said := _rule_names_other(i)) is not None]
    if len(astray) >= max(MIN_PART, ASTRAY_SHARE * len(inds)):
        i, said = astray[0]
        reasons.append(f"{len(astray)} 项的评分标准说的是别的名称（如“{_example(i)}”的评分标准说的是“{said}”），"
                       f"名称可能与相邻的栏粘连或错位，请核对这些项的名称")
    gaps = _numbering_breaks(inds)
    if gaps:
        reasons.append(f"序号不连续（{gaps[0]}），可能有行没有读出或几行被并成了一行，请对照原文核对各行")
    over = _over_points(table)
    if over:
        reasons.append(over)
    return reasons


_CATEGORY_POINTS = re.compile(r"[（(][^（）()]*[）)]|\d+(?:\.\d+)?分")
ASTRAY_SHARE = 0.1  # real rules repeat a name's tail now and then ('…整改落实'): one in ten rows is no accident
MIN_NAMED_IN_RULE = 4  # characters of a name a rule repeats to count as naming it
_JOINED = re.compile(r"[和及与與或、，,；;（(]|并|並")


def _rule_names_other(ind: Indicator) -> str | None:
    """Given an item, return what its rule names instead of it, when the rule repeats its category's name but not
    its own ('经费落实' under '推进安全检查' with '未推进安全检查的扣2分': the columns shifted), or only the end of
    its name ('创新举措配齐例会制度' with '配齐例会制度不规范的扣2分': another cell glued in front); else None."""
    name, rule = _fold(ind.name), _fold(ind.criteria)
    if not name or not rule or name in rule:
        return None
    for k in range(MIN_NAMED_IN_RULE, len(name) - MIN_NAMED_IN_RULE + 1):
        # A whole phrase in front ('创新举措'), not the verb or the first half of a pair ('严肃', '车辆管理和').
        # Words, not a figure ('100%' ending '安检到位率低于100%' is no phrase of another cell).
        if name[k:] in rule and not _JOINED.search(name[:k]) and len(_bare(name[k:])) >= MIN_NAMED_IN_RULE:
            return name[k:]
    cat = _CATEGORY_POINTS.sub("", _fold(ind.categories[-1].name)) if ind.categories else ""
    if len(cat) >= MIN_NAMED_IN_RULE and cat in rule and cat not in name and name not in cat:
        return cat
    return None


def _categories_as_items(inds: list[Indicator]) -> list[Indicator]:
    """Given indicators in order, return those whose points are the sum of the items right after them
    while they carry no rule of their own or a heading's marks: a category heading read as an item."""
    out = []
    for n, ind in enumerate(inds):
        if ind.points is None or ind.points <= 0:
            continue
        bare = not (ind.criteria or "").strip() and any((i.criteria or "").strip() for i in inds[n + 1:n + 3])
        if not (bare or _HEADING_MARK.search(_fold(ind.name))):
            continue
        acc = 0.0
        for k, nxt in enumerate(inds[n + 1:], start=1):
            if nxt.points is None:
                break
            acc += nxt.points
            if k >= MIN_PART and abs(acc - ind.points) <= 1e-6:
                out.append(ind)
                break
            if acc > ind.points:
                break
    return out


def _numbering_breaks(inds: list[Indicator]) -> list[str]:
    """Given indicators in order, return where their plain 序号 (1, 2, 3 …) neither go on by one nor
    start again at 1."""
    out = []
    prev = None
    for ind in inds:
        number = (ind.number or "").strip()
        number = "1" if number in ("l", "I") else number  # a letter typed or read for the digit 1
        if not _SERIAL.fullmatch(number):
            continue  # a category row's '二' or an unnumbered row: the numbering goes on below it
        value = int(number)
        if prev is not None and value not in (prev + 1, 1):
            out.append(f"{prev} 之后是 {value}")
        prev = value
    return out


def _over_points(table: IndicatorTable) -> str | None:
    """Given a reading, say when an item is worth more than its category or the whole scheme."""
    cap = table.check.stated_total
    for ind in table.indicators:
        if ind.points is None:
            continue
        inner = next((c for c in reversed(ind.categories) if c.points is not None), None)
        if inner is not None and ind.points > inner.points + 1e-6 and inner.points > 0:
            return f"“{_example(ind)}”{ind.points:g} 分，超过其类别“{inner.name}”的 {inner.points:g} 分，请核对其分值和类别"
        if cap is not None and ind.points > cap + 1e-6:
            return f"“{_example(ind)}”{ind.points:g} 分，超过文件所述总分 {cap:g} 分，请核对其分值"
    return None


MIN_HEADER_WORDS = 3
HEADER_SHARE = 0.75
_HEADER_SPLIT = re.compile(r"[\s|｜]+")


def header_line(text: str) -> bool:
    """Tell whether a line of text is a table's header row written out ('序号 考核项目 考核内容 分值 考核方法'):
    three words or more, nearly all of them names of columns."""
    words = [w for w in map(_fold, _HEADER_SPLIT.split(text.strip())) if w]
    return len(words) >= MIN_HEADER_WORDS and sum(1 for w in words if _HEADER_NAME.match(w)) >= HEADER_SHARE * len(words)


def flattened_table_reasons(table: IndicatorTable, raw: RawDocument) -> list[str]:
    """Given a reading whose items all came from prose, return a reason when the text writes out a table's
    header row: the rows under it were read as paragraphs, their cells glued into a few items."""
    if not table.indicators or not all(_from_prose(i) for i in table.indicators):
        return []
    line = next((b.text.strip() for b in raw.blocks if header_line(b.text)), None)
    if line is None:
        return []
    return [f"文中有一行是表头（“{line[:30]}”），其下的表格却被当作段落读取，请对照原文核对各项的名称和分值"]


def empty_column_reasons(table: IndicatorTable, raw: RawDocument) -> list[str]:
    """Given a reading and its document, return a reason for each table that gave indicators while a column
    its header names for content (类别, 指标, 分值, 评分标准, 部门 …) stayed empty on every row: the text
    of that column went into a neighbour's."""
    from .columns import Role, header_roles

    used = {p.table_no for i in table.indicators for p in i.prov.values() if p.table_no is not None}
    wanted = {Role.CATEGORY, Role.NAME, Role.CONTENT, Role.CRITERIA, Role.POINTS, Role.DEPARTMENT, Role.WEIGHT}
    out = []
    for t in raw.tables:
        if t.table_no not in used:
            continue
        grid = t.grid()
        head = next((r for r, row in enumerate(grid) if header_roles(row)), None)
        if head is None or head + 2 >= len(grid):
            continue
        body = [row for row in grid[head + 1:] if any(c is not None and key(c.text) for c in row)]
        for col, role in header_roles(grid[head]).items():
            cell = grid[head][col]
            if role in wanted and cell is not None and not _SCORE_HEAD.search(key(cell.text)) and cell.col_span == 1 and len(body) >= MIN_PART and not any(
                    row[col] is not None and row[col].row > head and key(row[col].text) for row in body):
                out.append(f"表{t.table_no + 1}的“{key(cell.text)}”一栏在各行都是空的，其内容可能并进了相邻的栏，请核对各栏的对应")
                break
    return out
