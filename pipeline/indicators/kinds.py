"""Tables that hold no indicators, recognised by what fills them: document-control blocks, sign-off rows,
responsibility matrices (item × unit ticks), unit × item weight matrices, per-unit result columns,
blank record forms and work plans (tasks with dates). Each gives the reason it is skipped, in Chinese, for the self-check."""
from __future__ import annotations

import re

from schemas.raw import Table, TableCell

from .columns import row_cells
from .scoring import is_scoring
from .text import key, parse_points

_CONTROL = re.compile(r"^(?:文件编号|文件名称|文件类别|文件类型|版本号?|版次|页次|页码|共\d+页|第\d+页|份数|分发(?:路线|范围)?|"
                      r"发文部门|编制部门|主责部门|实施日期|生效日期|发布日期|修订(?:记录|日期)?|更改(?:记录|单编号|者签字|日期)|"
                      r"受控状态|密级|保存期限)")
SIGN = re.compile(r"^(?:编制|编写|拟制|校对|审核|审定|审批|批准|会签|归档|标准化|填表人?|制表人?|考核人|考评人|负责人|"
                   r"签字|签名|盖章|日期|时间)[:：]?(?:人|日期)?[:：]?$")
_TICK = re.compile(r"^(?:[√✓✔●○◎★☆▲△■□☑☐✗×]|是|否|完成|未完成|已完成|主责|配合|牵头|参与|负责)$")
_UNIT = re.compile(r"(?:科|室|局|办|委|部|中心|所|处|队|站|组|院|庭|公司|车间|分局|支队|大队|中队|街道|乡|镇|村|社区)$")
_FIELD_WORDS = re.compile(r"日期|时间|编号|名称|姓名|原因|地点|人数|金额|排名|单位|部门|备注|签字|型号|数量|号码|电话|情况")
_EVAL_WORDS = re.compile(r"得分|评分|打分|分值|考核|考评|评价|评估|标准|要求|权重|指标|扣|加分")
MAX_UNIT = 12


def _cells(grid) -> list[list[TableCell]]:
    return [row_cells(row) for row in grid]


def _filled(cells: list[TableCell]) -> list[str]:
    return [k for c in cells if (k := key(c.text))]


def _control_block(rows: list[list[TableCell]]) -> str | None:
    """A document-control block: file number, version, page count, distribution copies, sign-off."""
    texts = [t for row in rows for t in _filled(row)]
    hits = sum(1 for t in texts if _CONTROL.match(t) or SIGN.match(t))
    scoring = sum(1 for t in texts if len(t) > 8 and is_scoring(t))
    if hits >= 3 and scoring == 0 and any(_CONTROL.match(t) for t in texts):
        return "文件控制信息（文件编号、版次、分发份数、签批），不含考核指标"
    return None


def _sign_off(rows: list[list[TableCell]]) -> str | None:
    """A sign-off row or two: labels such as 编制/审核/批准 beside blanks."""
    texts = [t for row in rows for t in _filled(row)]
    if texts and len(rows) <= 3 and sum(1 for t in texts if SIGN.match(t)) >= max(1, 0.6 * len(texts)):
        return "签批栏（编制、审核、批准），不含考核指标"
    return None


def _matrix(rows: list[list[TableCell]]) -> str | None:
    """An item × unit matrix: a header row naming units, body cells holding ticks or numbers only."""
    if len(rows) < 3:
        return None
    for h, head in enumerate(rows[:3]):
        labels = _filled(head)
        units = [t for t in labels[1:] if len(t) <= MAX_UNIT and _UNIT.search(t)]
        if len(units) < 3 or len(units) < 0.6 * (len(labels) - 1):
            continue
        unit_cols = {c.col for c in head if key(c.text) in units}
        body = [c for row in rows[h + 1:] for c in row if c.col in unit_cols and key(c.text)]
        if not body:
            continue
        ticks = sum(1 for c in body if _TICK.match(key(c.text)))
        numbers = sum(1 for c in body if parse_points(c.text) is not None)
        if ticks >= 0.8 * len(body):
            return "责任分工或完成情况矩阵（每个单位一列，只有勾选/完成标记），不是指标表"
        if numbers >= 0.8 * len(body):
            return "单位×指标的分值/权重矩阵（每个单位一列），不是指标表"
    return None


def _unit_rows(rows: list[list[TableCell]]) -> str | None:
    """A unit × item matrix turned the other way: a unit on every row, numbers or ticks in every other cell."""
    body = rows[1:]
    if len(body) < 3:
        return None
    firsts = [_filled(r)[0] for r in body if _filled(r)]
    units = sum(1 for t in firsts if len(t) <= MAX_UNIT and _UNIT.search(t))
    rest = [key(c.text) for r in body for c in r[1:] if key(c.text)]
    if units < 0.8 * len(firsts) or not rest or len({t for t in firsts}) < len(firsts):
        return None
    if sum(1 for t in rest if parse_points(t) is not None or _TICK.match(t)) >= 0.9 * len(rest):
        return "单位×指标的分值/完成情况矩阵（每个单位一行），不是指标表"
    return None


def _blank_form(rows: list[list[TableCell]]) -> str | None:
    """A blank record form: a header of data fields, then rows with nothing but serial numbers."""
    for h, head in enumerate(rows[:4]):
        labels = _filled(head)
        if len(labels) < 3 or any(len(t) > 30 for t in labels):
            continue
        body = rows[h + 1:]
        if len(body) < 3:
            continue
        contents = [t for row in body for t in _filled(row) if not re.fullmatch(r"[（(]?\d{1,3}[）)]?|-|—|合计|小计|总计", t)]
        fields = sum(1 for t in labels if _FIELD_WORDS.search(t))
        evaluative = sum(1 for t in labels if _EVAL_WORDS.search(t))
        if len(contents) <= len(body) and fields >= max(2, evaluative):
            return "空白记录表单（只有栏目名，没有考核内容或分值）"
    return None


_FILL_IN = re.compile(r"签字|签名|盖章|[□☐]|_{2,}|[:：]$")
_SERIAL = re.compile(r"[（(]?\d{1,3}[）)]?[.、．]?")
MAX_LABEL = 12


def _labels_beside_blanks(rows: list[list[TableCell]]) -> str | None:
    """A form to fill under a header row: each row below names one field ('基础分', '考核组意见') beside blank
    cells or places to tick and sign; no row states content, points or a rule of its own."""
    body = rows[1:]
    if len(body) < 3 or len(_filled(rows[0])) < 2:
        return None
    for row in body:
        texts = _filled(row)
        texts = texts[1:] if len(texts) > 1 and _SERIAL.fullmatch(texts[0]) else texts
        if not texts or len(texts[0]) > MAX_LABEL or parse_points(texts[0]) is not None:
            return None
        if any(not _FILL_IN.search(t) or is_scoring(t) for t in texts[1:]):
            return None
    return "待填写的表单（每行只有栏目名，旁边是空白或签字、勾选处），不含考核指标"


_WHEN_HEAD = re.compile(r"^(?:时间|时限|完成时限|完成时间|时间节点|时间安排|进度安排|起止时间|实施时间|办结时限)$")
_WHEN = re.compile(r"\d{4}年|\d{1,2}月|[年月]底|[年月]前|季度|上半年|下半年|全年|长期|持续|常态")
_SCORE_HEAD = re.compile(r"分|权重|标准|指标|考核|考评|评价")
_SERIAL_HEAD = re.compile(r"^(?:序号|编号|序)$")


def _schedule(rows: list[list[TableCell]]) -> str | None:
    """A work plan: a column of dates or periods ('2023年6月—10月') beside tasks and the units doing them, and
    nowhere a point, a weight, a scoring rule or a column for them — what is due when, not what is scored."""
    for h, head in enumerate(rows[:3]):
        when = {c.col for c in head if _WHEN_HEAD.match(key(c.text))}
        serial = {c.col for c in head if _SERIAL_HEAD.match(key(c.text))}
        body = rows[h + 1:]
        if not when or len(body) < 2 or any(_SCORE_HEAD.search(t) for t in _filled(head)):
            continue
        dates = [key(c.text) for row in body for c in row if c.col in when and key(c.text)]
        others = [key(c.text) for row in body for c in row if c.col not in when | serial and key(c.text)]
        if len(dates) >= 0.8 * len(body) and all(_WHEN.search(t) for t in dates) \
                and not any(parse_points(t) is not None or is_scoring(t) for t in others):
            return "工作安排表（各阶段的任务、完成时间和责任单位，没有分值或评分标准），不含考核指标"
    return None


RECOGNISERS = (_control_block, _sign_off, _matrix, _unit_rows, _blank_form, _labels_beside_blanks, _schedule)


def skip_reason(table: Table) -> str | None:
    """Given a table, return why it holds no indicators, or None when it may hold some."""
    rows = [r for r in _cells(table.grid()) if _filled(r)]
    if not rows:
        return "空表"
    for recognise in RECOGNISERS:
        reason = recognise(rows)
        if reason:
            return reason
    return None
