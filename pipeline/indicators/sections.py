"""Section cues: 附件 headings, section titles with their role and points, 责任科室 lines, forms."""
from __future__ import annotations

import re

from schemas.indicators import SectionRole
from schemas.raw import Table

from .columns import header_roles, row_cells
from .text import key, simplified, squash, stated_points

_ATTACHMENT = re.compile(r"^附件(\d{1,2})(?:[:：].{0,60})?$")
_DEPARTMENT = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．])?责任(?:科室|部门|单位|股室)[:：](.+)$")
_PLACEHOLDER = re.compile(r"^[（(][^（）()]*[）)]$")
MAX_TITLE_LEN = 40

# First match wins: a 特色工作申报表 is a form, not bonus indicators.
ROLE_WORDS: list[tuple[SectionRole, tuple[str, ...]]] = [
    (SectionRole.FORM, ("申报表", "登记表", "推荐表", "审批表")),
    (SectionRole.BOTTOM_LINE, ("突破底线", "底线扣分", "一票否决")),
    (SectionRole.BONUS, ("加分项目", "加分项", "加分事项", "加分指标", "附加分", "奖励加分", "奖励分", "獎勵分", "特色工作", "创新工作")),
    # Deductions outside the base table are scored like base items, but head a section of their own.
    (SectionRole.BASE, ("减分项", "扣分项", "减分指标", "扣分指标", "奖罚分", "奖惩分", "加减分")),
]
_CN_NUMBER = re.compile(r"^[一二三四五六七八九十]+[、.．]?$")
_CN_PAREN_NUMBER = re.compile(r"^[（(][一二三四五六七八九十]+[）)]$")


def attachment_number(text: str) -> int | None:
    """Given a block or title row ('附件 1', '附件2：…'), return the attachment number or None."""
    m = _ATTACHMENT.match(key(text))
    return int(m.group(1)) if m else None


def department_line(text: str) -> str | None:
    """Given '一、责任科室：办公室', return the 科室 ('办公室'), else None."""
    m = _DEPARTMENT.match(key(text))
    return squash(m.group(1)).strip() if m else None


def is_note(text: str) -> bool:
    """Tell whether a cell or row starts a 备注 / 说明 (remarks), which states rules rather than items."""
    k = key(text)
    return k.startswith(("备注", "注:", "注：", "说明:", "说明：", "填表说明")) or k in ("说明", "注")


def title_role(text: str) -> SectionRole | None:
    """Given a short title ('加分项目（20分）', '（特色工作）'), return the role its words name."""
    k = simplified(key(text))
    if len(k) > MAX_TITLE_LEN:
        return None
    for role, words in ROLE_WORDS:
        if any(w in k for w in words):
            return role
    return None


_DEPTHS = [
    (1, re.compile(r"^[一二三四五六七八九十]+[、.．]")),
    (2, re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    (3, re.compile(r"^\d{1,2}[、.．](?!\d)")),
    (4, re.compile(r"^[（(]\d{1,2}[）)]")),
]


def numbering_depth(text: str) -> int:
    """Given a heading, return its numbering depth: 0 none, 1 '一、', 2 '（一）', 3 '1.', 4 '（1）'."""
    k = key(text)
    return next((depth for depth, pattern in _DEPTHS if pattern.match(k)), 0)


def serial_depth(text: str) -> int:
    """Given a 序号 cell, return 1 for '一'/'一、', 2 for '（一）', 0 for anything else ('1', '1.')."""
    k = key(text)
    return 1 if _CN_NUMBER.match(k) else 2 if _CN_PAREN_NUMBER.match(k) else 0


def section_title(text: str) -> tuple[str, float | None] | None:
    """Given a short line that heads a block of items ('业务工作（60 分）'), return (title, points)."""
    clean = squash(text)
    if not clean or len(key(clean)) > MAX_TITLE_LEN or key(clean).endswith(("。", "；", ";")):
        return None  # a sentence, not a heading
    name, points = stated_points(clean)
    if points is None and title_role(clean) is None:
        return None
    name = re.sub(r"^[（(](.*)[）)]$", r"\1", name).strip()
    tail = re.search(r"[（(]([^（）()]+)[）)]$", name)
    if tail and title_role(tail.group(1)) is not None:
        name = tail.group(1).strip()
    return name or clean, points


def stated_total(title: str, prose: str) -> float | None:
    """Given a section title, find its total in the prose ('特色工作分值上限为10分' → 10)."""
    m = re.search(re.escape(key(title)) + r"(?:工作)?(?:分值)?(?:上限|满分)?为(\d+(?:\.\d+)?)分", key(prose))
    return float(m.group(1)) if m else None


def is_form_table(table: Table) -> bool:
    """Given a table, tell whether it is a blank form: label cells beside empty or '(300字以内)' cells."""
    grid = table.grid()
    if any(header_roles(row) for row in grid):
        return False
    filled = blank = 0
    for row in grid:
        texts = [key(c.text) for c in row_cells(row)]
        if not any(texts):
            continue
        filled += 1
        labels = [t for t in texts if t and not _PLACEHOLDER.match(t)]
        if len(labels) == 1 and len(labels[0]) <= 12 and len(texts) >= 2:
            blank += 1
    return filled > 0 and blank >= 0.6 * filled
