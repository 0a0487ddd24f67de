"""Document metadata (title, 文号, issuer, region, dates, scoring style) from the text blocks."""
from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from schemas.indicators import DocumentMeta, Frequency, Region, ScoringStyle
from schemas.raw import TextBlock

from .text import fold, key, squash

_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔﹝［\[【(（]\s*((?:19|20)\d{2})\s*[〕﹞］\]】)）]\s*第?\s*\d{1,4}\s*号")
_CN_DIGITS = dict(zip("〇零○Ｏ一二三四五六七八九", [0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))
_DATE = re.compile(r"((?:19|20)\d{2}|[〇零○Ｏ一二三四五六七八九]{4})年([\d一二三四五六七八九十]{1,3}|元)月([\d一二三四五六七八九十]{1,3})日")
_PERIOD = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日(?:起)?(?:至|到|—|-|~)((?:19|20)\d{2})?年?(\d{1,2})月(\d{1,2})日")
_PERIOD_DOTTED = re.compile(r"((?:19|20)\d{2})[.．/](\d{1,2})[.．/](\d{1,2})(?:至|到|—+|-|~)((?:19|20)\d{2})[.．/](\d{1,2})[.．/](\d{1,2})")
# Month-only ranges: '2022年1月至2022年12月', '2022年1-12月'.
_PERIOD_MONTHS = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月?份?(?:起)?(?:至|到|—|-|~)((?:19|20)\d{2})?年?(\d{1,2})月份?")
_FROM = re.compile(r"自((?:19|20)\d{2})年(\d{1,2})月(?:份)?(?:(\d{1,2})日)?起")
_ORGAN = re.compile(r"(司法局|司法厅|人民政府|委员会|办公室|办公厅|办事处|管委会|局|厅|委|中心)$")
_TITLE_NOTICE = re.compile(r"印发《(.+?)》")
_TITLE_BARE_NOTICE = re.compile(r"印发([^《》，。：:]{4,40}?)的通知$")  # 印发 without book-title marks
_TITLE_ABOUT = re.compile(r"关于.{4,50}的(?:通知|意见|决定)$")
_TITLE_WORDS = ("方案", "办法", "细则", "规则", "自评表", "考评表", "考核表", "评分表", "评价表", "标准", "意见")
_PLACE_NAME = r"[^\s省市区县州盟旗，。、：:（）()]"
_UNIT_WORDS = ("机关科室", "司法所", "股室", "科室", "律师事务所", "公证处", "直属单位")
_DEDUCT = re.compile(r"扣(?:除)?[\d.]+(?:-[\d.]+)?分")
_ADD = re.compile(r"加[\d.]+(?:-[\d.]+)?分")


@lru_cache(maxsize=1)
def gazetteer() -> dict:
    """Load the shipped gazetteer (provinces → cities → districts, 直辖市)."""
    with open(Path(__file__).with_name("gazetteer.yaml"), encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def cn_number(text: str) -> int:
    """Given '28', '二十八', '十', '三', return the integer."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS[text]


def parse_date(text: str) -> date | None:
    """Given '2021年 7月 30日' or '二〇一七年三月二十八日', return the date, else None."""
    m = _DATE.search(key(text))
    if not m:
        return None
    year = m.group(1)
    year_no = int(year) if year.isdigit() else int("".join(str(_CN_DIGITS[c]) for c in year))
    try:
        month = 1 if m.group(2) == "元" else cn_number(m.group(2))  # 元月: January
        return date(year_no, month, cn_number(m.group(3)))
    except (ValueError, KeyError):
        return None


def parse_doc_number(text: str) -> str | None:
    """Given text holding a 文号 ('谯司〔2023〕1 号', '常武司字[2021]62号'), return it in the
    standard form (〔〕 around the year, no inner spaces), so one notice has one 文号 in every format."""
    m = _DOC_NUMBER.search(key(text))
    if not m:
        return None
    start, end = m.span(1)
    number = m.group(0)
    offset = m.start(0)
    return number[: start - offset - 1] + "〔" + m.group(1) + "〕" + number[end - offset + 1 :]


def parse_period(text: str) -> tuple[date | None, date | None]:
    """Given prose, return the assessment period ('2020年12月1日至2021年11月30日', '自2023年3月份起')."""
    k = key(text)
    m = _PERIOD.search(k) or _PERIOD_DOTTED.search(k)
    if m:
        y1, m1, d1, y2, m2, d2 = m.groups()
        return date(int(y1), int(m1), int(d1)), date(int(y2 or y1), int(m2), int(d2))
    m = _PERIOD_MONTHS.search(k)
    if m:
        y1, m1, y2, m2 = (int(g) if g else None for g in m.groups())
        try:
            end_year = y2 or y1
            return date(y1, m1, 1), date(end_year, m2, calendar.monthrange(end_year, m2)[1])
        except ValueError:
            pass
    m = _FROM.search(k)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)), None
    return None, None


def parse_region(organ: str, document_text: str) -> Region:
    """Given an issuer name, return its region; names only the gazetteer supplies must occur in the text."""
    gaz = gazetteer()
    k = key(organ)
    province = re.match(r"^(.{2,3}?(?:省|自治区))", k)
    rest = k[province.end():] if province else k
    city = re.match(r"^(.{1,4}?市)", rest)
    rest = rest[city.end():] if city else rest
    district = re.match(r"^(.{1,4}?(?:区|县))", rest)
    region = Region(
        province=province.group(1) if province else None,
        city=city.group(1) if city else None,
        district=district.group(1) if district else None,
    )
    if region.city in gaz["municipalities"]:
        return region.model_copy(update={"province": None})
    _written_parents(region, document_text)
    if region.district and not region.city:
        for prov, cities in gaz["provinces"].items():
            for cname, districts in (cities or {}).items():
                if region.district in (districts or []) and _stated(cname, document_text):
                    region.city = cname
        for muni, districts in gaz["municipality_districts"].items():
            if region.district in districts and _stated(muni, document_text):
                region.city = muni
    if region.city and not region.province:
        for prov, cities in gaz["provinces"].items():
            if region.city in (cities or {}) and _stated(prov, document_text):
                region.province = prov
    return region


# Where str.splitlines() breaks a line, and the white space inside a line (what key() drops).
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_INNER_BLANK = re.compile(r"[^\S\n]+")
_LINE_SLICE = 64 * 1024  # characters


def line_keys(text: str) -> str:
    """Given a document's text, return the key() of each of its lines, one line each.

    Taken a slice of whole lines at a time: line by line, a thousand-page document's lines and keys would
    all be held at once; in one pass over the whole, its copies and the substitutions' pieces would.
    """
    pieces, start = [], 0
    while start < len(text):
        end = text.find("\n", start + _LINE_SLICE)
        end = len(text) if end < 0 else end + 1  # a cut after '\n' splits no '\r\n' and no run of blanks
        pieces.append(_INNER_BLANK.sub("", _LINE_BREAK.sub("\n", fold(text[start:end]))))
        start = end
    return "".join(pieces)


def _written_parents(region: Region, document_text: str) -> None:
    """Given a region, fill its missing city/province from a fuller form the document writes ('河南省周口市郸城县').

    The city must start a line, follow a province or a non-CJK character, so that prose before it
    ('…各司法所常州市天宁区') is not read as part of its name.
    """
    if region.district and not region.city:
        start = r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=省)|(?<=自治区))"
        m = re.search(rf"{start}({_PLACE_NAME}{{1,5}}市){re.escape(region.district)}", document_text, re.M)
        region.city = m.group(1) if m else None
    lowest = region.city or region.district
    if lowest and not region.province:
        provinces = "|".join(map(re.escape, gazetteer()["provinces"]))
        m = re.search(rf"({provinces})(?:{_PLACE_NAME}{{1,5}}市)?{re.escape(lowest)}", document_text)
        region.province = m.group(1) if m else None


def _stated(name: str, document_text: str) -> bool:
    """Tell whether a place name, or its short form without 省/市, is written in the document."""
    short = re.sub(r"(省|市|自治区|壮族|回族|维吾尔)+$", "", name)
    document_text = document_text.replace("\n", "")  # a name may wrap over two lines
    return name in document_text or (len(short) >= 2 and short in document_text)


def find_title(blocks: list[TextBlock]) -> tuple[str, TextBlock] | None:
    """Given the leading blocks, return the scheme title: 印发《…》 first, else a title line."""
    joined, starts, owners = "", [], []  # each block's text starts at its offset in `joined`
    for block in blocks:
        text = squash(block.text)
        if text:
            starts.append(len(joined))
            owners.append(block)
            joined += text
    m = _TITLE_NOTICE.search(joined)
    if m:
        return m.group(1), owners[bisect_right(starts, m.start()) - 1]
    for block in blocks:
        m = _TITLE_BARE_NOTICE.search(squash(block.text))
        if m and len(key(block.text)) <= 80:
            return m.group(1), block
    for block in blocks:
        k = key(block.text)
        if re.match(r"^(?:附件|根据|\d{1,2}[.、．])", k):
            continue  # an attachment list item names an attachment, not the document
        if 4 < len(k) <= 60 and k.endswith(_TITLE_WORDS):
            return squash(block.text), block
        if len(k) <= 80 and _TITLE_ABOUT.search(k):
            return squash(block.text), block  # a notice that announces rather than issues a scheme
    return None


def find_issuer(blocks: list[TextBlock], prefix: bool = True) -> tuple[str, TextBlock] | None:
    """Given blocks, return the issuing organ: the signature above the date, 发文机关, an organ line,
    else (when ``prefix``) the organ a '…关于' title starts with."""
    for prev, block in zip(blocks, blocks[1:]):
        if is_date_line(block.text) and _is_organ(prev.text):
            return key(prev.text), prev
    for block in blocks:
        m = re.search(r"(?:单位名称|发文机关)[:：](\S+?司法局|\S+?局)", key(block.text))
        if m:
            return m.group(1), block
    for block in blocks:
        if _is_organ(block.text):
            return re.sub(r"文件$", "", key(block.text)), block
    for block in blocks if prefix else []:
        m = re.search(r"(?:^|《)((?:(?!关于)[^《》，。：]){2,20}?(?:司法局|人民政府|委员会|办公室|局))关于", key(block.text))
        if m:
            return m.group(1), block
    return None


def _is_organ(text: str) -> bool:
    """Tell whether a line is just an organ name ('常州市武进区司法局')."""
    k = re.sub(r"文件$", "", key(text))
    return 3 <= len(k) <= 25 and bool(_ORGAN.search(k)) and not re.search(r"关于|印发|通知|[，。：:]", k)


def is_date_line(text: str) -> bool:
    """Tell whether a line is only a date (a signature date, not a 印发 line)."""
    return bool(re.fullmatch(_DATE.pattern, key(text)))


def find_addressees(blocks: list[TextBlock]) -> tuple[str, TextBlock] | None:
    """Given the leading blocks, return the 主送 line ('各司法所，局各科（室、处）…：') without the colon."""
    for block in blocks[:20]:
        k = key(block.text)
        first = re.split(r"(?<=[:：])", k, maxsplit=1)[0]
        if first.endswith((":", "：")) and 3 < len(first) <= 60 and re.search(r"各|科室|单位|所|处", first) \
                and not first.startswith(("附件", "联系人", "单位名称")):
            return squash(block.text.strip().split("\n")[0]).rstrip(":："), block
    return None


def scoring_style(prose: str, criteria: list[str]) -> ScoringStyle:
    """Given the prose and the base criteria, name the scoring style: stated words first."""
    k = key(prose)
    if "加扣分制" in k or "加减分制" in k:
        return ScoringStyle.ADD_DEDUCT
    if "扣分制" in k:
        return ScoringStyle.DEDUCTION
    if "百分制" in k:
        return ScoringStyle.PERCENTAGE
    text = key("".join(criteria))
    deduct, add = bool(_DEDUCT.search(text)), bool(_ADD.search(text))
    if deduct and add:
        return ScoringStyle.ADD_DEDUCT
    return ScoringStyle.DEDUCTION if deduct else ScoringStyle.UNKNOWN


def frequency(prose: str) -> Frequency:
    """Given the prose, return how often units are assessed (月综合考评 → monthly …)."""
    k = key(prose)
    assess = r"(?:进行|开展|组织|实施)?(?:一次)?(?:综合)?(?:考评|考核|测评|评分)"
    if re.search(rf"(?:每月|按月|月度|逐月){assess}|月综合考评|月考评|月考核", k):
        return Frequency.MONTHLY
    if re.search(rf"(?:每季度?|按季度?|季度){assess}", k):
        return Frequency.QUARTERLY
    if re.search(r"年度|年终考评|年终考核", k):
        return Frequency.YEARLY
    return Frequency.UNKNOWN


def find_doc_number(blocks: list[TextBlock]) -> tuple[str, TextBlock] | None:
    """Given blocks, return the 文号 of the line that is (mostly) just a 文号, not one cited in prose."""
    for block in blocks:
        number = parse_doc_number(block.text)
        if number and len(key(block.text)) <= 40:
            return number, block
    return None


def find_issue_date(blocks: list[TextBlock]) -> tuple[date, TextBlock] | None:
    """Given blocks, return the date of the first date-only line, else of a '填报日期：' line."""
    dated = [b for b in blocks if is_date_line(b.text)] or [b for b in blocks if re.search(r"日期[:：]", key(b.text))]
    for block in dated:
        found = parse_date(block.text)
        if found:
            return found, block
    return None


FINDERS = {
    "title": find_title,
    "doc_number": find_doc_number,
    "issuer": find_issuer,
    "addressees": find_addressees,
    "issue_date": find_issue_date,
}


def build_meta(
    head: list[TextBlock], blocks: list[TextBlock], prose: str, base_criteria: list[str], all_text: str
) -> DocumentMeta:
    """Given the blocks before the first table, all blocks, the prose, the base criteria and all text
    (cells too), return DocumentMeta; a field the head lacks is looked for in every block."""
    meta = DocumentMeta()
    for field, finder in FINDERS.items():
        # A '…关于' title names the organ in short; a signature further down names it in full.
        found = (finder(head, prefix=False) if finder is find_issuer else finder(head)) or finder(blocks)
        if found:
            setattr(meta, field, found[0])
            meta.prov[field] = found[1].prov
    if meta.issuer:
        meta.region = parse_region(meta.issuer, line_keys(all_text))
    year = re.search(r"((?:19|20)\d{2})年", key(meta.title or ""))
    meta.year = int(year.group(1)) if year else (meta.issue_date.year if meta.issue_date else None)
    meta.period_start, meta.period_end = parse_period(prose)
    meta.assessed_units = [w for w in _UNIT_WORDS if w in key(meta.title or "")][:1]
    meta.scoring_style = scoring_style(prose, base_criteria)
    meta.frequency = frequency(prose)
    return meta
