"""DOCX extractor: body order, table grid (spans, gridBefore, nesting, sdt), labels, broken inputs."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from extractors.docx.document import extract_docx
from extractors.errors import CorruptFile, EmptyFile, EncryptedFile, ExtractionError, UnsafeArchive
from extractors.registry import source_info
from schemas.common import InputFormat
from schemas.raw import BlockLabel, Table, TextBlock

DOCS = Path(__file__).resolve().parent.parent / "corpus" / "docs"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def run(path: Path):
    return extract_docx(path, source_info(path, InputFormat.DOCX))


def p(text: str, ppr: str = "", rpr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def tc(content: str, tcpr: str = "") -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{content or p('')}</w:tc>"


def tr(*cells: str, trpr: str = "") -> str:
    return f"<w:tr><w:trPr>{trpr}</w:trPr>{''.join(cells)}</w:tr>"


def tbl(*rows: str) -> str:
    return f"<w:tbl><w:tblPr/>{''.join(rows)}</w:tbl>"


def make_docx(tmp_path: Path, fragment: str, name: str = "t.docx") -> Path:
    """Build a real DOCX with python-docx and splice raw body XML in before the section properties."""
    doc = Document()
    body = doc.element.body
    sect = body[-1]
    for el in etree.fromstring(f"<root xmlns:w='{W_NS}'>{fragment}</root>"):
        sect.addprevious(el)
    path = tmp_path / name
    doc.save(str(path))
    return path


def cells_of(table: Table) -> dict[tuple[int, int], tuple[str, int, int]]:
    return {(c.row, c.col): (c.text, c.row_span, c.col_span) for c in table.cells}


# --- fixtures built from raw XML -------------------------------------------------------------

def test_body_order_and_provenance(tmp_path):
    path = make_docx(tmp_path, p("前言") + tbl(tr(tc(p("甲")), tc(p("乙")))) + p("") + p("结尾"))
    doc = run(path)
    kinds = [(type(item).__name__, getattr(item, "text", None)) for item in doc.body]
    assert kinds == [("TextBlock", "前言"), ("Table", None), ("TextBlock", "结尾")]
    for i, item in enumerate(doc.body):
        assert item.prov.paragraph_no == i
    cell = doc.tables[0].cells[1]
    assert (cell.prov.table_no, cell.prov.row, cell.prov.col, cell.text) == (0, 0, 1, "乙")


def test_vmerge_and_gridspan(tmp_path):
    restart, cont = "<w:vMerge w:val='restart'/>", "<w:vMerge/>"
    path = make_docx(tmp_path, tbl(
        tr(tc(p("类别"), restart), tc(p("表头宽"), "<w:gridSpan w:val='2'/>")),
        tr(tc("", cont), tc(p("a")), tc(p("b"))),
        tr(tc("", cont), tc(p("c")), tc(p("d"))),
        tr(tc(p("备注"), "<w:gridSpan w:val='3'/>")),
    ))
    table = run(path).tables[0]
    assert (table.num_rows, table.num_cols) == (4, 3)
    got = cells_of(table)
    assert got[(0, 0)] == ("类别", 3, 1)
    assert got[(0, 1)] == ("表头宽", 1, 2)
    assert got[(3, 0)] == ("备注", 1, 3)
    assert (1, 0) not in got and (2, 0) not in got
    assert table.grid()[2][0].text == "类别"


def test_hmerge_legacy(tmp_path):
    path = make_docx(tmp_path, tbl(
        tr(tc(p("合并"), "<w:hMerge w:val='restart'/>"), tc("", "<w:hMerge/>"), tc(p("x"))),
    ))
    assert cells_of(run(path).tables[0]) == {(0, 0): ("合并", 1, 2), (0, 2): ("x", 1, 1)}


def test_grid_before_and_after_shift_columns(tmp_path):
    path = make_docx(tmp_path, tbl(
        tr(tc(p("a")), tc(p("b")), tc(p("c"))),
        tr(tc(p("d")), tc(p("e")), trpr="<w:gridBefore w:val='1'/>"),
        tr(tc(p("f")), trpr="<w:gridAfter w:val='2'/>"),
    ))
    table = run(path).tables[0]
    got = cells_of(table)
    assert got[(1, 1)][0] == "d" and got[(1, 2)][0] == "e" and (1, 0) not in got
    assert table.num_cols == 3


def test_nested_table_follows_parent_and_stays_out_of_its_text(tmp_path):
    inner = tbl(tr(tc(p("内1")), tc(p("内2"))))
    path = make_docx(tmp_path, tbl(tr(tc(p("外") + inner + p("")), tc(p("右")))) + p("后文"))
    doc = run(path)
    outer, nested = doc.tables
    assert [type(i).__name__ for i in doc.body] == ["Table", "Table", "TextBlock"]
    assert (outer.table_no, nested.table_no) == (0, 1)
    assert cells_of(outer)[(0, 0)][0] == "外"
    assert [c.text for c in nested.cells] == ["内1", "内2"]


def test_content_controls_in_body_row_and_cell(tmp_path):
    sdt = lambda inner: f"<w:sdt><w:sdtPr/><w:sdtContent>{inner}</w:sdtContent></w:sdt>"
    path = make_docx(tmp_path, sdt(p("控件段落")) + tbl(
        tr(tc(p("a")), sdt(tc(p("b")))),
        sdt(tr(tc(sdt(p("c"))), tc(p("d")))),
    ))
    doc = run(path)
    assert doc.blocks[0].text == "控件段落"
    assert cells_of(doc.tables[0]) == {
        (0, 0): ("a", 1, 1), (0, 1): ("b", 1, 1), (1, 0): ("c", 1, 1), (1, 1): ("d", 1, 1),
    }


def test_header_rows_are_flagged(tmp_path):
    hdr = "<w:tblHeader/>"
    path = make_docx(tmp_path, tbl(
        tr(tc(p("标题行")), tc(p("x")), trpr=hdr),
        tr(tc(p("序号")), tc(p("内容")), trpr="<w:tblHeader w:val='true'/>"),
        tr(tc(p("1")), tc(p("y")), trpr="<w:tblHeader w:val='0'/>"),
    ))
    flags = {c.row: c.column_header for c in run(path).tables[0].cells}
    assert flags == {0: True, 1: True, 2: False}


def test_cell_and_run_text(tmp_path):
    rich = (
        "<w:p><w:bookmarkStart w:id='0' w:name='_GoBack'/><w:r><w:t>一</w:t><w:br/><w:t>二</w:t>"
        "<w:tab/><w:t>三</w:t></w:r><w:del w:id='1'><w:r><w:delText>删掉</w:delText></w:r></w:del>"
        "<w:ins w:id='2'><w:r><w:t>插入</w:t></w:r></w:ins><w:bookmarkEnd w:id='0'/></w:p>"
    )
    path = make_docx(tmp_path, tbl(tr(tc(p("第一段") + p("") + p("第二段")), tc(p("右")))) + rich)
    doc = run(path)
    assert doc.tables[0].cells[0].text == "第一段\n第二段"
    assert doc.blocks[0].text == "一\n二\t三插入"


def test_tab_stops_in_paragraph_properties_are_not_text(tmp_path):
    ppr = "<w:tabs><w:tab w:val='right' w:pos='8000'/></w:tabs>"
    path = make_docx(tmp_path, p("联系人", ppr=ppr))
    assert run(path).blocks[0].text == "联系人"


BIG_BOLD_CENTER = ("<w:jc w:val='center'/>", "<w:b/><w:sz w:val='44'/>")
LABEL_CASES = [
    (p("关于印发《考评办法》的通知", *BIG_BOLD_CENTER), BlockLabel.TITLE, None),
    (p("某某区司法局", "<w:jc w:val='center'/>", "<w:b/><w:color w:val='FF0000'/><w:sz w:val='72'/>"),
     BlockLabel.PARAGRAPH, None),
    (p("一、组织领导"), BlockLabel.HEADING, 1),
    (p("（二）考评方法："), BlockLabel.HEADING, 2),
    (p("（一）加强学习。深入学习贯彻各项要求，按时参加学习。"), BlockLabel.PARAGRAPH, None),
    (p("1.各科室要切实负起责任。"), BlockLabel.LIST_ITEM, None),
    (p("条目", "<w:numPr><w:ilvl w:val='1'/><w:numId w:val='3'/></w:numPr>"), BlockLabel.LIST_ITEM, 2),
    (p("大纲标题", "<w:outlineLvl w:val='0'/>"), BlockLabel.HEADING, 1),
    (p("队伍建设（20分）", "<w:jc w:val='center'/>", "<w:b/><w:sz w:val='30'/>"), BlockLabel.HEADING, None),
    (p("普通正文。"), BlockLabel.PARAGRAPH, None),
]


@pytest.mark.parametrize("xml,label,level", LABEL_CASES)
def test_labels_from_text_shape(tmp_path, xml, label, level):
    block = run(make_docx(tmp_path, xml)).blocks[0]
    assert (block.label, block.level) == (label, level)


def test_labels_from_styles(tmp_path):
    doc = Document()
    doc.add_heading("总则", level=2)
    doc.add_paragraph("文档标题", style="Title")
    doc.add_paragraph("列表项", style="List Bullet")
    path = tmp_path / "styled.docx"
    doc.save(str(path))
    got = [(b.label, b.level, b.text) for b in run(path).blocks]
    assert got[0] == (BlockLabel.HEADING, 2, "总则")
    assert got[1][0] == BlockLabel.TITLE
    assert got[2][0] == BlockLabel.LIST_ITEM


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    path = make_docx(tmp_path, p("正文"))
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    head, rest = xml.split("?>", 1)
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    parts["word/document.xml"] = (head + "?>" + doctype + rest.replace("正文", "正文&xxe;")).encode("utf-8")
    evil = tmp_path / "evil.docx"
    with zipfile.ZipFile(evil, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    # Office never writes a DTD: a part that declares one is refused before any entity is looked at.
    with pytest.raises(UnsafeArchive) as info:
        run(evil)
    assert "DTD" in info.value.message() and "机密" not in info.value.message()


def _rewrite(path: Path, out: Path, edit) -> Path:
    """Copy a package, letting ``edit`` change {name: bytes} in between."""
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    edit(parts)
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return out


def test_main_part_found_through_package_relationships(tmp_path):
    def rename(parts):
        parts["word/document2.xml"] = parts.pop("word/document.xml")
        parts["word/_rels/document2.xml.rels"] = parts.pop("word/_rels/document.xml.rels")
        for name in ("_rels/.rels", "[Content_Types].xml"):
            parts[name] = parts[name].replace(b"word/document.xml", b"word/document2.xml")

    path = _rewrite(make_docx(tmp_path, p("一、总则") + tbl(tr(tc(p("甲")), tc(p("乙"))))), tmp_path / "doc2.docx", rename)
    doc = run(path)
    assert doc.blocks[0].text == "一、总则" and doc.tables[0].cells[0].text == "甲"


def test_strict_ooxml_namespace(tmp_path):
    def to_strict(parts):
        parts["word/document.xml"] = parts["word/document.xml"].replace(
            W_NS.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main")

    path = _rewrite(make_docx(tmp_path, p("严格格式")), tmp_path / "strict.docx", to_strict)
    assert run(path).blocks[0].text == "严格格式"


# --- broken inputs ---------------------------------------------------------------------------

def _not_zip(tmp_path):
    path = tmp_path / "坏文件.docx"
    path.write_text("这不是 Word 文件", encoding="utf-8")
    return path


def _empty(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    return path


def _no_document_part(tmp_path):
    path = tmp_path / "nodoc.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    return path


def _encrypted(tmp_path):
    path = tmp_path / "locked.docx"
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    path.write_bytes(header + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512)
    return path


def _bomb(tmp_path):
    path = make_docx(tmp_path, p("正文"), "bomb.docx")
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/zeros.bin", b"\x00" * (4 * 1024 * 1024))
    return path


def _bad_xml(tmp_path):
    path = tmp_path / "badxml.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document><w:body>")
    return path


BROKEN = [
    (_not_zip, CorruptFile, ["坏文件.docx", "DOCX", "不是有效"]),
    (_empty, EmptyFile, ["为空"]),
    (_no_document_part, CorruptFile, ["word/document.xml", "缺少"]),
    (_encrypted, EncryptedFile, ["密码"]),
    (_bomb, UnsafeArchive, ["压缩"]),
    (_bad_xml, CorruptFile, ["XML"]),
]


@pytest.mark.parametrize("build,error,words", BROKEN)
def test_broken_inputs(tmp_path, build, error, words):
    path = build(tmp_path)
    with pytest.raises(error) as info:
        run(path)
    assert isinstance(info.value, ExtractionError) and info.value.hint
    for word in words:
        assert word in info.value.message()


# --- corpus ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_docs():
    return {path.stem.split("-")[0]: run(path) for path in sorted(DOCS.glob("*.docx"))}


CORPUS_COUNTS = [("wujin", 1), ("qiaocheng", 1), ("songjiang", 14), ("qiaokou", 1), ("jintan", 0)]


@pytest.mark.parametrize("name,tables", CORPUS_COUNTS)
def test_corpus_table_counts(corpus_docs, name, tables):
    assert len(corpus_docs[name].tables) == tables


def test_wujin_category_cells_span_rows(corpus_docs):
    table = corpus_docs["wujin"].tables[0]
    assert table.num_cols == 6
    header = [c.text for c in table.cells if c.row == 0]
    assert header == ["工作类别", "指标名称", "考核内容", "分值", "扣分标准", "责任部门"]
    assert all(c.column_header for c in table.cells if c.row == 0)
    assert not any(c.column_header for c in table.cells if c.row > 0)
    first = next(c for c in table.cells if c.row == 1 and c.col == 0)
    assert first.text.startswith("政务信息和新闻宣传工作") and first.row_span == 2
    assert sum(1 for c in table.cells if c.col == 0 and c.row_span > 1) >= 5


def test_qiaocheng_matters_and_note_row(corpus_docs):
    table = corpus_docs["qiaocheng"].tables[0]
    col0 = [c for c in table.cells if c.col == 0 and c.row > 0]
    assert max(c.row_span for c in col0) == 17
    assert any(c.text == "普法宣传工作(40 分)" for c in col0)
    note = [c for c in table.cells if c.col_span == 5]
    assert len(note) == 1 and note[0].row == table.num_rows - 1


def test_songjiang_red_header_blocks_in_order(corpus_docs):
    texts = [b.text for b in corpus_docs["songjiang"].blocks]
    order = [
        texts.index("上海市松江区司法局"),
        texts.index("沪松司发〔2021〕19号"),
        next(i for i, t in enumerate(texts) if t.startswith("松江区司法局关于印发")),
        texts.index("局机关各科室、区法律援助中心："),
        texts.index("2021 年 8 月 5 日"),
    ]
    assert order == sorted(order)
    title = corpus_docs["songjiang"].blocks[order[2]]
    assert title.label == BlockLabel.TITLE


def test_songjiang_cells_keep_paragraph_breaks(corpus_docs):
    assert any("\n" in c.text for t in corpus_docs["songjiang"].tables for c in t.cells)


def test_jintan_is_prose_with_numbered_headings(corpus_docs):
    doc = corpus_docs["jintan"]
    assert all(isinstance(i, TextBlock) for i in doc.body)
    headings = [b.text for b in doc.blocks if b.label == BlockLabel.HEADING]
    assert "三、工作要求" in headings and "（一）公共法律服务：" in headings


# --- automatic numbering ---------------------------------------------------------------------

NUMBERING_XML = (
    "<w:abstractNum w:abstractNumId='90'>"
    "<w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='chineseCounting'/><w:lvlText w:val='%1、'/></w:lvl>"
    "<w:lvl w:ilvl='1'><w:start w:val='1'/><w:numFmt w:val='chineseCounting'/><w:lvlText w:val='（%2）'/></w:lvl>"
    "<w:lvl w:ilvl='2'><w:start w:val='1'/><w:numFmt w:val='decimal'/><w:lvlText w:val='%3.'/></w:lvl>"
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId='91'><w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='bullet'/>"
    "<w:lvlText w:val='•'/></w:lvl></w:abstractNum>"
    "<w:num w:numId='90'><w:abstractNumId w:val='90'/></w:num>"
    "<w:num w:numId='91'><w:abstractNumId w:val='91'/></w:num>"
)


def numbered(text: str, ilvl: int, num_id: int = 90) -> str:
    return p(text, f"<w:numPr><w:ilvl w:val='{ilvl}'/><w:numId w:val='{num_id}'/></w:numPr>")


def test_automatic_numbering_is_rendered(tmp_path):
    doc = Document()
    numbering = doc.part.numbering_part.element
    for el in etree.fromstring(f"<root xmlns:w='{W_NS}'>{NUMBERING_XML}</root>"):
        # abstractNum must precede num elements in numbering.xml
        (numbering.insert(0, el) if el.tag.endswith("abstractNum") else numbering.append(el))
    body = doc.element.body
    fragment = (
        numbered("总则", 0) + numbered("目的", 1) + numbered("依据", 1) + numbered("第一点", 2)
        + numbered("考评内容", 0) + numbered("范围", 1) + numbered("要点", 0, 91)
        + tbl(tr(tc(numbered("", 2)), tc(p("甲"))), tr(tc(numbered("", 2)), tc(p("乙"))))
    )
    for el in etree.fromstring(f"<root xmlns:w='{W_NS}'>{fragment}</root>"):
        body[-1].addprevious(el)
    path = tmp_path / "numbered.docx"
    doc.save(str(path))
    result = run(path)
    got = [(b.text, b.label, b.level) for b in result.blocks]
    assert got == [
        ("一、总则", BlockLabel.HEADING, 1),
        ("（一）目的", BlockLabel.HEADING, 2),
        ("（二）依据", BlockLabel.HEADING, 2),
        ("1.第一点", BlockLabel.LIST_ITEM, 3),
        ("二、考评内容", BlockLabel.HEADING, 1),
        ("（一）范围", BlockLabel.HEADING, 2),
        ("要点", BlockLabel.LIST_ITEM, 1),
    ]
    assert [c.text for c in result.tables[0].cells if c.col == 0] == ["1.", "2."]


CHINESE_NUMBERS = [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (105, "一百零五"), (110, "一百一十"), (1010, "一千零一十")]


@pytest.mark.parametrize("n,text", CHINESE_NUMBERS)
def test_chinese_counting(n, text):
    from extractors.docx.numbering import chinese_number

    assert chinese_number(n) == text


def test_encrypted_docx_is_reported_through_the_registry(tmp_path):
    from extractors.registry import extract

    with pytest.raises(EncryptedFile) as info:
        extract(_encrypted(tmp_path))
    assert "密码" in info.value.message()


def test_one_cell_table_is_read_as_body_text(tmp_path):
    inner = tbl(tr(tc(p("序号")), tc(p("内容"))))
    path = make_docx(tmp_path, tbl(tr(tc(p("抄送：区委办") + p("一、说明") + inner))))
    doc = run(path)
    assert [type(i).__name__ for i in doc.body] == ["TextBlock", "TextBlock", "Table"]
    assert doc.blocks[1].label == BlockLabel.HEADING
    assert doc.tables[0].table_no == 0 and doc.tables[0].num_cols == 2


def test_content_control_placeholders_are_not_text(tmp_path):
    placeholder = "<w:sdtPr><w:showingPlcHdr/></w:sdtPr>"
    inline = f"<w:p><w:r><w:t>申报单位：</w:t></w:r><w:sdt>{placeholder}<w:sdtContent><w:r><w:t>单击此处输入文字。</w:t></w:r></w:sdtContent></w:sdt></w:p>"
    block = f"<w:sdt>{placeholder}<w:sdtContent>{p('单击或点击此处输入日期。')}</w:sdtContent></w:sdt>"
    doc = run(make_docx(tmp_path, inline + block + p("正文")))
    assert [b.text for b in doc.blocks] == ["申报单位：", "正文"]
