"""Self-check: a document's reconciliation (stated totals against extracted points, category sums, weights,
rows without points, rows and tables skipped) and the 需复核 mark with its reasons when it does not
reconcile or when a reading was unsure."""
from __future__ import annotations

import re
from collections import defaultdict

from schemas.common import InputFormat
from schemas.indicators import CategoryCheck, DocumentKind, Indicator, IndicatorTable, SectionRole, SelfCheck, SkippedTable
from schemas.raw import RawDocument, Table, TextBlock

from ..results.lines import BUDGET_HEADER, GOAL_HEADER
from .evidence import coverage_reasons, empty_column_reasons, flattened_table_reasons, row_reasons
from .misfits import misfit_reasons
from .outline import PINYIN
from .reconcile import CATEGORY, SECTION, TOTAL, table_checks
from .text import fold, key, simplified

_TOTAL = re.compile(r"(?:总分|满分|總分|滿分|总分值|基础分|基本分|基础总分)(?:为|是|設|设|共)?\s*(\d+(?:\.\d+)?)\s*分")
_HUNDRED = re.compile(r"百分制")
_PART = re.compile(r"(?:工作|项目|項目|指标|指標|部分|类|類|项|項|科室|单位|單位)[^，,。；;]*$")
PART_WINDOW = 8
_END = re.compile(r"[。；;！!？?）)」”\"】\]…．.:：%％分]\s*$")
_ASSESSMENT = re.compile(r"考核|考评|评分|评价|自评|绩效|细则")
_ASSESSMENT_WORD = re.compile(r"指标|考核|考评|评分|得分")
_VETO = re.compile(r"一票否决|否决")
RULE = re.compile(r"(?:扣|减|加|得)\s*\d+(?:\.\d+)?(?:\s*[-—－~～至]\s*\d+(?:\.\d+)?)?\s*分")
_ALLOCATION = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]")
_BLANK_ALLOCATION = re.compile(r"_{2,}\s*分")  # a template's points left to fill ('为__分')
TOLERANCE = 1e-6
MIN_OPEN_SENTENCE = 20
MIN_HIDDEN_RULES = 3  # paragraphs with rules under one prose item: items of their own, unnumbered
MIN_RULES_UNREAD = 3
MIN_ASSESSMENT_WORDS = 3  # scoring rules in a text that gave no indicator: something was missed
MIN_MARGIN = 0.15  # a reading that leads its runner-up by less than this is a guess
MAX_NAME = 60  # a name longer than this is criteria read as a name
MAX_TITLE = 40
DEDUCTING_SHARE = 2 / 3


def stated_total(raw: RawDocument, sections) -> float | None:
    """Given a document, return the total it states for the whole scheme: '考核满分100分', '总分为100分',
    '实行百分制'; a part's maximum ('业务工作满分为60分') or an item's ('1．案件质量（满分10分）') is not the document's."""
    texts = [key(PINYIN.sub("", fold(b.text))) for b in raw.blocks]
    for text in texts:
        # Each paragraph on its own: a title above ('…工作考核细则') is no part named before its total.
        for m in _TOTAL.finditer(text):
            if not _PART.search(text[max(0, m.start() - PART_WINDOW):m.start()]) and not _own_maximum(text, m):
                return float(m.group(1))
    if any(_HUNDRED.search(text) for text in texts):
        return 100.0
    return None


_ITEM_MARK = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,3}[、.．]|[①-⑳])")


def _own_maximum(text: str, m: re.Match) -> bool:
    """Tell whether a total stands in brackets in a numbered item or heading ('2．案件质量（满分10分）'): the
    item's maximum, not the scheme's."""
    return bool(_ITEM_MARK.match(text)) and text[m.start() - 1:m.start()] in ("（", "(")


def _sum(values) -> float:
    return round(sum(values), 6)


def category_checks(table: IndicatorTable, open_ids: frozenset[str] = frozenset()) -> list[CategoryCheck]:
    """Given a table, return each section's and category's stated points against its rows' sum, where
    every row under it states points (reconcile.table_checks). A category still open where the text was
    cut off (``open_ids`` holds its last item) may fall short: only a sum above its points is a mismatch."""
    open_scopes: set[tuple] = set()
    whole = table
    if open_ids:
        # The cut item's missing points leave the rest checkable: summed without it, its categories may only fall short.
        open_scopes = {(c.kind, c.scope) for c in table_checks(table) if open_ids & set(c.indicator_ids)}
        whole = table.model_copy(update={"indicators": [i for i in table.indicators if i.id not in open_ids]})
    return [CategoryCheck(path=c.scope.split(" ▸ "), stated=c.stated, extracted=c.computed, ok=bool(c.ok))
            for c in table_checks(whole) if c.kind in (SECTION, CATEGORY) and c.ok is not None
            and not ((c.kind, c.scope) in open_scopes and c.computed <= c.stated + TOLERANCE)]


def is_cut_off(raw: RawDocument) -> bool:
    """Tell whether a text dump stops mid-sentence (a page opening saved from a site, cut at a length): the
    extractor says so (a block or a recovered table cut short), or the last text has no closing mark."""
    if raw.source.format is not InputFormat.TEXT or not raw.body:
        return False
    last = raw.body[-1]
    if isinstance(last, TextBlock) and last.cut or _cut_in_recovered_grid(raw):
        return True
    # Without the extractor's word, only a sentence left open at the very end says so: a table cell or
    # a signature line ('2021年8月5日') closes without a mark.
    return isinstance(last, TextBlock) and len(key(last.text)) >= MIN_OPEN_SENTENCE and not _END.search(last.text.strip())


def run_check(table: IndicatorTable, raw: RawDocument, skipped: list[SkippedTable], margins: list[tuple[int, float]],
              skipped_rows: list[str], ratings: set[int] = frozenset()) -> None:
    """Given an indicator table and what the builder met on the way, fill its self-check and 需复核 mark."""
    roles = {s.id: s.role for s in table.sections}
    base = [i for i in table.indicators if roles.get(i.section_id) is SectionRole.BASE]
    bonus = [i for i in table.indicators if roles.get(i.section_id) is SectionRole.BONUS]
    cut = is_cut_off(raw)
    if cut and (table.indicators or table.results):
        (table.indicators or table.results)[-1].possibly_cut = True
    # The item the text breaks off in is incomplete by nature: what it lacks is the text's, not the reading's.
    open_ids = frozenset(i.id for i in table.indicators if i.possibly_cut)
    check = SelfCheck(tables_skipped=skipped, rows_skipped=skipped_rows)
    check.stated_total = table.stated_total if table.stated_total is not None else stated_total(raw, table.sections)
    pointed = [i for i in base if i.points is not None]
    held = _held_by_category(base)
    titles = {s.id: s.title for s in table.sections}
    check.extracted_total = _accounted_total(base, held, titles) if pointed else None
    check.bonus_total = _sum(i.points for i in bonus if i.points is not None) if bonus else None
    own_weights = [i.weight for i in table.indicators if i.weight is not None and not _inherited(i)]
    check.weight_total = _sum(own_weights) if own_weights else None
    check.categories = category_checks(table, open_ids)
    check.rows_without_points = sum(1 for i in base if i.points is None and i.weight is None and not _veto(i)
                                    and not _adjustment(i, titles.get(i.section_id, ""))
                                    and i.id not in open_ids and i.id not in held)
    check.margin = min((m for _, m in margins), default=None)
    table.check = check
    reasons: list[str] = []
    if table.indicators:
        reasons += _reconciliation(table, check, base, pointed, cut, margins)
        reasons += _unpriced_bonus(bonus)
        reasons += _readings(table, margins)
        reasons += row_reasons(table, raw, ratings)
        reasons += empty_column_reasons(table, raw)
        reasons += flattened_table_reasons(table, raw)
        reasons += misfit_reasons(table, raw)
        reasons += coverage_reasons(table, raw, {s.table_no for s in skipped})
    elif table.meta.kind is DocumentKind.RESULTS and not table.results:
        if raw.tables or any(_scored_line(b.text) or _results_header(b.text) for b in raw.blocks):
            reasons.append("像是自评表，但没有读出结果行，请对照原文确认表格是否在文件中、各栏是否读对")
        else:
            # Instructions for filling a form, or a ranking with one score per unit: no row states both the
            # points due and the points got, so there was no results row to read.
            table.warnings.append("像是自评表或结果通报，但文中没有表格，也没有同时写有分值和得分的行，没有可读的结果行")
    elif table.results:
        reasons += coverage_reasons(table, raw, {s.table_no for s in skipped})
        reasons += [f"各行实得分合计 {c.computed:g} 分，与表中总分 {c.stated:g} 分不符，请核对各行得分"
                    for c in table_checks(table) if c.kind == TOTAL and c.ok is False]
    elif not table.results:
        unread = [t for t in raw.tables if t.table_no not in {s.table_no for s in skipped} and any(key(c.text) for c in t.cells)]
        if unread:
            reasons.append(f"有 {len(unread)} 个表格既未读出指标，也未认出是什么表，请查看这些表格是否含有考核指标")
        title = _title(table, raw)
        notice = bool(title and _NOTICE.search(simplified(key(title))))
        elsewhere = _standards_elsewhere(raw) if notice else None
        rules = _rule_count(raw)
        if elsewhere:
            # A notice saying where the scoring table is: no table here is what it announces, not a misreading
            # (a scheme itself, '…考核细则', without its table stays doubted).
            table.warnings.append(f"文中说明评分标准另行下发（“{elsewhere}”），本文件不含考核指标")
        elif notice and not rules and not raw.tables and check.stated_total is None and not _annexed_standards(raw):
            # A notice about the assessment work (who, when, how) with not one point, rule, total ('百分制') or
            # table in it and no scoring annex named: nothing was there to read.
            table.warnings.append("本文件是关于考核工作的通知，文中没有分值、计分规则或表格，也没有附上评分标准，不含考核指标")
        elif title and _ASSESSMENT.search(simplified(title)):
            # Whatever the prose looks like: a text titled as a scheme that gives nothing was misread or is not whole.
            reasons.append(f"标题“{title}”是考评文件，却没有读出指标或结果，请对照原文确认指标表是否在文件中")
        elif not skipped and not any(w.endswith("像是制度条文") for w in table.warnings) \
                and _assessment_words(raw) >= MIN_ASSESSMENT_WORDS:
            reasons.append("文中多处说到指标、考核或得分，却没有读出指标或结果，请对照原文确认是否有漏读的指标")
        if rules >= MIN_RULES_UNREAD:
            reasons.append(f"文中有 {rules} 处分值或计分规则（（N分）、扣/加…分），却没有读出指标，请对照原文补录指标")
    if cut:
        # A fact about the text, not a doubt about the reading: said beside the table, and the reading of
        # what is visible is checked like any other (its open category and total may fall short).
        table.warnings.append("文本在结尾处中断（可能只是原文的一部分），最后一项可能不完整")
        if table.indicators and _cut_in_recovered_grid(raw) and not any(c.ok for c in check.categories) \
                and not _settled(table, margins, open_ids):
            # A grid rebuilt from a text dump is itself a guess; cut short, with no category sum to confirm its
            # columns, it is one guess on another.
            reasons.append("文本在一个由文字还原的表格中间中断，没有类别合计可以印证各栏的读法，请对照原文核对各栏")
    # One category under two parts is checked once per part: the same words twice tell a person nothing more.
    table.review_reasons = list(dict.fromkeys(reasons))
    table.needs_review = bool(reasons)


def _settled(table: IndicatorTable, margins: list[tuple[int, float]], open_ids: frozenset[str]) -> bool:
    """Tell whether the tables that gave items were each read one way only (their header's words left no other
    reading of the columns) and every item but the one cut off states its points or weight."""
    lead: dict[int, float] = {}
    for n, m in margins:
        lead[n] = min(m, lead.get(n, 1.0))
    used = {p.table_no for i in table.indicators for p in i.prov.values() if p.table_no is not None}
    return bool(used) and all(lead.get(n, 0.0) >= 1.0 for n in used) and all(
        i.points is not None or i.weight is not None for i in table.indicators if i.id not in open_ids)


_NOTICE = re.compile(r"^(?!.*(?:印发|转发|下发)).*通知$")  # a notice of its own, not one wrapping a scheme
_ELSEWHERE = re.compile(r"(?:评分|考核|考评|计分|评价)(?:标准|细则|办法|指标)[^。；;]{0,6}另(?:行|文)?(?:印发|下发|制定|发布|通知)")


def _standards_elsewhere(raw: RawDocument) -> str | None:
    """Given a document, return its words saying the scoring standards are issued separately ('具体评分标准另行印发')."""
    m = next((m for b in raw.blocks if (m := _ELSEWHERE.search(simplified(key(b.text))))), None)
    return m.group(0) if m else None


_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]*\s*[年月日号])")
_LEADING_SERIAL = re.compile(r"^\s*[（(]?\d{1,3}[）)]?[、.．\s]")


def _scored_line(text: str) -> bool:
    """Tell whether a line could be a results row: two numbers or more after its serial (分值 and 得分),
    dates aside."""
    return len(_NUMBER.findall(_LEADING_SERIAL.sub("", fold(text)))) >= 2


def _results_header(text: str) -> bool:
    """Tell whether a line is a results table's header (budget or goal columns): rows were there to read, and
    their loss is a doubt, not the nothing an instruction text holds."""
    line = re.sub(r"\s+", "", fold(text))
    return bool(BUDGET_HEADER.search(line) or GOAL_HEADER.search(line))


_ANNEX = re.compile(r"附件[^。]*?(?:细则|标准|指标|评分|办法|方案|自评表|考核表|评价表)")
_SENT_APART = re.compile(r"另发|另行")


def _annexed_standards(raw: RawDocument) -> bool:
    """Tell whether a document names a scoring annex it should carry ('附件：考核评分细则'), not one sent apart ('另发')."""
    return any((m := _ANNEX.search(t)) and not _SENT_APART.search(t[m.start():])
               for t in (simplified(key(b.text)) for b in raw.blocks))


def _cut_in_recovered_grid(raw: RawDocument) -> bool:
    """Tell whether a text dump stops inside a table its layout recovery rebuilt (the extractor's cut row)."""
    last = raw.body[-1] if raw.body else None
    return isinstance(last, Table) and last.recovery is not None and last.recovery.cut_row is not None


def _rule_count(raw: RawDocument) -> int:
    """Given a document, count the allocations ('（3分）', a template's '__分') and scoring rules with an amount
    ('扣2分', '扣1-5分') in its text and cells."""
    texts = [b.text for b in raw.blocks] + [c.text for t in raw.tables for c in t.cells]
    return sum(len(RULE.findall(t)) + len(_ALLOCATION.findall(t)) + len(_BLANK_ALLOCATION.findall(t))
               for t in map(lambda x: simplified(PINYIN.sub("", x)), texts))


def _title(table: IndicatorTable, raw: RawDocument) -> str | None:
    """Given a document, return its title, or the short line it opens with when no title was recognised
    (a saved page's file name, '…绩效自评表.xls')."""
    if table.meta.title:
        return table.meta.title
    first = next((b.text.strip() for b in raw.blocks if b.text.strip()), "")
    return first if 0 < len(key(first)) <= MAX_TITLE else None


def _assessment_words(raw: RawDocument) -> int:
    """Given a document, count the words of assessment in its text (指标, 考核, 考评, 评分, 得分)."""
    return sum(len(_ASSESSMENT_WORD.findall(simplified(b.text))) for b in raw.blocks)


def _veto(ind: Indicator) -> bool:
    """Tell whether an item is a veto (一票否决): it carries no points by nature."""
    return any(_VETO.search(simplified(t or "")) for t in (ind.name, ind.criteria, ind.points_text))


_ADJUSTMENTS = re.compile(r"加分|扣分|减分|加减分|奖罚|奖惩|奖扣")


def _adjustment(ind: Indicator, section_title: str) -> bool:
    """Tell whether an item stands under a heading of additions or deductions ('加分和扣分项目', '奖罚分'):
    an event scored when it happens ('每发生1宗扣5分'), outside the allocation, carries no points by nature."""
    return any(_ADJUSTMENTS.search(simplified(t or "")) for t in [section_title, *(c.name for c in ind.categories)])


_DEDUCTION = re.compile(r"(?:扣|减|減)(?:除|去)?\s*\d+(?:\.\d+)?(?:\s*[-—－~～至]\s*\d+(?:\.\d+)?)?\s*分")


def _held_by_category(base: list[Indicator]) -> set[str]:
    """Given the base items, return those whose category's stated points stand for theirs: the category states
    its points, no item under it states its own, and it has one item only or most state a deduction with an
    amount ('达不到的扣2分'; one may be garbled) — points to take from, not points lost from the items."""
    groups: dict[tuple, list[Indicator]] = defaultdict(list)
    for ind in base:
        if ind.categories and ind.categories[-1].points is not None:
            groups[(ind.section_id, tuple(c.name for c in ind.categories))].append(ind)
    return {i.id for members in groups.values()
            if all(i.points is None for i in members) and (len(members) == 1 or sum(
                1 for i in members if _DEDUCTION.search(simplified(i.criteria or ""))) >= DEDUCTING_SHARE * len(members))
            for i in members}


def _accounted_total(base: list[Indicator], held: set[str], titles: dict[str, str]) -> float:
    """Given the base items, return the points they account for: each item's own, a category's once for the
    items it holds (their deductions come out of it), and nothing for events scored outside the allocation
    (items under '加分和扣分项目', which a scheme counts apart: '加分和扣分项目另计')."""
    own = [i.points for i in base if i.points is not None and not _outside(i, titles.get(i.section_id, ""))]
    # In a table with a points column, or when an item's text states its own allocation, a category's items
    # without points may be points lost, not points held: the total stays theirs to check.
    scored = {p.table_no for i in base if i.points is not None and (p := i.prov.get("points")) is not None}
    holders = {(i.section_id, tuple(c.name for c in i.categories)): i.categories[-1].points for i in base
               if i.id in held and ((p := i.prov.get("name")) is None or p.table_no is None or p.table_no not in scored)
               and not _ALLOCATION.search(simplified(f"{i.name or ''}{i.criteria or ''}"))}
    return _sum([*own, *holders.values()])


def _outside(ind: Indicator, section_title: str) -> bool:
    """Tell whether an item stands under a heading of additions or deductions that allocates no points of its
    own ('加分和扣分项目'), unlike a scored part named so ('考核奖惩（10分）')."""
    return _adjustment(ind, section_title) and all(c.points is None for c in ind.categories)


def _parallel(base: list[Indicator], stated: float) -> bool:
    """Tell whether the items fall into several top-level categories that each come to the stated total: one
    scheme per kind of unit ('县(市)考评指标体系' and '机关单位考评指标体系', each of 100 分), not one of 200."""
    groups: dict[str, list[Indicator]] = defaultdict(list)
    for ind in base:
        groups[ind.categories[0].name if ind.categories else ""].append(ind)
    if len(groups) < 2 or "" in groups:
        return False
    worth = [members[0].categories[0].points if members[0].categories[0].points is not None
             else _sum(i.points or 0.0 for i in members) for members in groups.values()]
    return all(abs(w - stated) <= TOLERANCE for w in worth)


def _inherited(ind: Indicator) -> bool:
    """Tell whether an indicator's weight is its category's, filled down, not its own."""
    return any(c.weight is not None and abs(c.weight - (ind.weight or 0)) <= TOLERANCE for c in ind.categories)


def _reconciliation(table: IndicatorTable, check: SelfCheck, base: list[Indicator], pointed: list[Indicator],
                    cut: bool = False, margins: list[tuple[int, float]] = ()) -> list[str]:
    """Given the filled self-check, return the reasons the points or weights do not reconcile (a text cut
    off may fall short of its stated total, never go over it)."""
    reasons = []
    parts = {i.section_id for i in base}
    if check.stated_total is not None and check.extracted_total is not None and not check.rows_without_points \
            and len(parts) == 1 and abs(check.stated_total - check.extracted_total) > TOLERANCE \
            and not (cut and check.extracted_total < check.stated_total) and not _parallel(base, check.stated_total):
        reasons.append(f"各项分值合计 {check.extracted_total:g} 分，与文件所述总分 {check.stated_total:g} 分不符，请核对是否有漏读、多读的指标或读错的分值")
    # One item worth the whole document beside other scored items is the total restated ('满分100分'), not an item.
    whole = [i for i in pointed if check.stated_total is not None and len(pointed) > 1
             and abs(i.points - check.stated_total) <= TOLERANCE]
    if whole:
        reasons.append(f"“{whole[0].name}”的分值 {whole[0].points:g} 分等于文件所述总分，可能是总分被读成了一项，请核对后删去")
    for c in check.categories:
        if not c.ok:
            reasons.append(f"“{c.path[-1]}”标明 {c.stated:g} 分，其下各项合计 {c.extracted:g} 分，请核对该类别下的指标和分值（也可能是原文本身不符）")
    if pointed and check.rows_without_points:
        reasons.append(f"{check.rows_without_points} 项没有分值（其余 {len(pointed)} 项有），请补上分值或确认这些项不计分")
    if check.weight_total is not None and not any(i.points is not None for i in table.indicators):
        levels = _weight_levels(table.indicators)
        if levels and all(abs(t - 1) > 0.005 for t in levels):
            reasons.append(f"权重合计 {levels[0]:.0%}，不是 100%，请核对各项权重")
    long_names = sum(1 for i in table.indicators if i.name and len(key(i.name)) > MAX_NAME)
    if long_names > len(table.indicators) / 2:
        reasons.append(f"{long_names} 项的名称是整段文字，名称列可能没有认对，请核对哪一栏是指标名称")
    # A table read one way only whose categories all add up names its rows by their rules itself: the
    # document has no other column to name them ('考核内容及评分标准' beside merged categories).
    confirmed = bool(check.categories) and all(c.ok for c in check.categories) and _settled(table, margins, frozenset())
    ruled = 0 if confirmed else sum(1 for i in table.indicators if i.name and RULE.search(i.name))
    if ruled > len(table.indicators) / 2:
        reasons.append(f"{ruled} 项的名称是评分标准（含扣分/加分规则），名称列可能没有认对，请核对哪一栏是指标名称")
    # An item read from prose whose paragraphs hold several rules of their own may hide the items under it.
    hiding = [i for i in table.indicators if i.prov.get("name") is not None and i.prov["name"].table_no is None
              and sum(1 for line in (i.criteria or "").split("\n") if RULE.search(line)) >= MIN_HIDDEN_RULES]
    if hiding:
        reasons.append(f"{len(hiding)} 项之下有多段各自的计分规则，其下的条目可能没有读出（如“{hiding[0].name}”），请核对是否应拆成几项")
    unnamed = [i for i in table.indicators if not i.name]
    # A row whose points its category's sum needs is a real item: the empty name is the document's own gap.
    confirmed = {n for c in table_checks(table) if c.ok for n in c.indicator_ids}
    gaps = [i for i in unnamed if i.points is not None and i.id in confirmed]
    if gaps:
        table.warnings.append(f"{len(gaps)} 项在原文中没有名称（其分值与所在类别的合计相符），请补上名称")
    if len(unnamed) > len(gaps):
        reasons.append(f"{len(unnamed) - len(gaps)} 项没有名称，请对照原文补上名称或删去多出的行")
    return reasons


# A bonus item that says how much it adds at most ('最高加3分') states its points; an open-ended '每篇加1分',
# or a cap on several rules ('上限为3分'), may be left without.
_BONUS_CAP = re.compile(r"(?:最高|最多)(?:可)?加\s*\d+(?:\.\d+)?\s*分")


def _unpriced_bonus(bonus: list[Indicator]) -> list[str]:
    """Given the bonus items, return a reason when some state their cap ('最高加3分') but were read
    with neither points nor weight (their amount went unread, and no total can show it)."""
    unpriced = [i for i in bonus if i.points is None and i.weight is None
                and _BONUS_CAP.search(simplified(" ".join(t for t in (i.name, i.criteria, i.points_text) if t)))]
    if not unpriced:
        return []
    return [f"{len(unpriced)} 个加分项写明了加分，却没有读出分值（如“{unpriced[0].name}”），请核对这些加分项的分值"]


def _weight_levels(indicators: list[Indicator]) -> list[float]:
    """Given indicators, return the totals of their own weights per parent category (one total per group)."""
    groups: dict[tuple[str, ...], float] = defaultdict(float)
    for ind in indicators:
        if ind.weight is not None and not _inherited(ind):
            groups[tuple(c.name for c in ind.categories)] += ind.weight
    if not groups:
        return []
    if len(groups) > 1:
        return [sum(groups.values())]
    return list(groups.values())


def _readings(table: IndicatorTable, margins: list[tuple[int, float]]) -> list[str]:
    """Given the margins of the tables' chosen readings, return a reason for each unsure one that gave items."""
    used = {p.table_no for i in table.indicators for p in i.prov.values() if p.table_no is not None}
    unsure = sorted({n for n, m in margins if m < MIN_MARGIN and n in used})
    return [f"表{n + 1}的列含义有两种读法，得分接近，已取较合理的一种，请核对该表哪一栏是名称、分值和评分标准" for n in unsure]
