"""PDF extractor: ruled tables with spans, cross-page stitching, prose blocks, unruled tables, errors."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import docx
import pytest

from extractors.errors import CorruptFile, EmptyFile, EncryptedFile
from extractors.pdf.document import extract_pdf
from extractors.pdf.text import join_lines, join_words
from extractors.registry import source_info
from schemas.common import InputFormat

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
_CACHE: dict[str, object] = {}


def _extract(path: Path):
    """Extract a PDF once per test session (the corpus files take a second or more each)."""
    key = str(path)
    if key not in _CACHE:
        _CACHE[key] = extract_pdf(path, source_info(path, InputFormat.PDF))
    return _CACHE[key]


def _doc(name: str):
    folder = "variants" if "unruled" in name or "scan" in name else "docs"
    return _extract(CORPUS / folder / f"{name}.pdf")


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _grid_texts(table) -> list[list[str]]:
    return [[_norm(c.text) if c else "" for c in row] for row in table.grid()]


# ---------------------------------------------------------------- hand-made PDFs

def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def _pdf(content: bytes | list[bytes] | None, encrypt_password: str | None = None, pages: int = 1) -> bytes:
    """Build a small PDF of Helvetica pages showing ``content`` (one stream, or one per page).

    With ``encrypt_password`` the file gets a standard RC4-40 security handler.
    """
    streams = content if isinstance(content, list) else [content or b""] * pages
    pages = len(streams)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(pages))
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i in range(pages):
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {5 + 2 * i} 0 R "
                    f"/Resources << /Font << /F1 3 0 R >> >> >>".encode())
        objs.append(b"<< /Length %d >>\nstream\n" % len(streams[i]) + streams[i] + b"\nendstream")
    trailer = f"/Size {len(objs) + 1} /Root 1 0 R".encode()
    file_id = hashlib.md5(b"kaoping").digest()
    if encrypt_password is not None:
        owner_key = hashlib.md5((b"owner" + _PAD)[:32]).digest()[:5]
        user_padded = (encrypt_password.encode() + _PAD)[:32]
        o_value = _rc4(owner_key, user_padded)
        p_value = (-4).to_bytes(4, "little", signed=True)
        key = hashlib.md5(user_padded + o_value + p_value + file_id).digest()[:5]
        u_value = _rc4(key, _PAD)
        objs.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + o_value.hex().encode() + b"> /U <"
                    + u_value.hex().encode() + b"> /P -4 >>")
        trailer += f" /Encrypt {len(objs)} 0 R /Size {len(objs) + 1}".encode()
    trailer += b" /ID [<" + file_id.hex().encode() + b"> <" + file_id.hex().encode() + b">]"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _ruled_rows(rows: list[list[str]], top: float, widths=(80, 120, 200), height=28.0) -> bytes:
    """Draw a ruled table (one box per cell, text inside) with its top edge ``top`` points from the page top."""
    out = []
    for i, row in enumerate(rows):
        y = 842 - top - (i + 1) * height
        x = 60.0
        for width, text in zip(widths, row):
            out.append(f"{x} {y} {width} {height} re S BT /F1 10 Tf {x + 4} {y + 10} Td ({text}) Tj ET")
            x += width
    return " ".join(out).encode()


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- ruled tables

TABLE_SHAPES = [
    ("wujin-2021-jixiao", 1, [(26, 6, [2, 3, 4, 5])]),
    ("qiaocheng-2023-kaoping", 1, [(64, 6, [6, 7, 8, 9, 10])]),
    ("qiaokou-2020-zipingbiao", 1, [(71, 7, [1, 2, 3, 4, 5])]),
    ("songjiang-2021-kaoping", 14, [(9, 4, [5, 6]), (9, 4, [6, 7, 8]), (5, 4, [8, 9])]),
    ("jintan-2017-zhenggai", 0, []),
]


@pytest.mark.parametrize("name,count,shapes", TABLE_SHAPES)
def test_tables_are_stitched_into_one_per_logical_table(name, count, shapes):
    tables = _doc(name).tables
    assert len(tables) == count
    for table, (rows, cols, pages) in zip(tables, shapes):
        assert (table.num_rows, table.num_cols, table.pages) == (rows, cols, pages)


@pytest.mark.parametrize("name", ["wujin-2021-jixiao", "qiaocheng-2023-kaoping", "qiaokou-2020-zipingbiao",
                                  "songjiang-2021-kaoping"])
def test_grids_equal_the_docx_rendition(name):
    pdf_tables = _doc(name).tables
    word = docx.Document(str(CORPUS / "docs" / f"{name}.docx"))
    assert len(word.tables) == len(pdf_tables)
    for expected, table in zip(word.tables, pdf_tables):
        assert _grid_texts(table) == [[_norm(c.text) for c in row.cells] for row in expected.rows]


def test_wujin_header_spans_and_split_rows():
    table = _doc("wujin-2021-jixiao").tables[0]
    grid = table.grid()
    assert [c.text for c in grid[0]] == ["工作类别", "指标名称", "考核内容", "分值", "扣分标准", "责任部门"]
    assert all(c.column_header for c in grid[0]) and not any(c.column_header for c in grid[1])
    assert sum(1 for c in table.cells if c.text == "工作类别") == 1  # repeated headers dropped
    assert grid[1][0].row_span == 2 and grid[1][0].text == "政务信息和新闻宣传工作（15分）"
    # 公共法律服务体系 and 法服科 are merged cells cut by the page-2/3 break.
    assert grid[6][0] is grid[7][0] and grid[6][0].row_span == 2 and grid[6][0].prov.page_no == 2
    assert grid[6][5] is grid[7][5] and grid[6][5].text == "法服科"
    # The 扣分标准 cell split by the break is one cell again, the rest from page 3 joined on.
    assert grid[6][4].text.endswith("有一个网格未进扣 0.1分，最高扣 1分。")
    assert "最高扣 2分；\n2.督促村" in grid[6][4].text


def test_qiaocheng_long_merges_and_note_row():
    table = _doc("qiaocheng-2023-kaoping").tables[0]
    assert max(c.row_span for c in table.cells if c.col == 0) == 17
    note = next(c for c in table.cells if c.text == "备注")
    right = table.grid()[note.row][1]
    assert right.col_span == 5 and right.text.startswith("法治工作、基层工作")


def test_qiaokou_row_split_across_pages_is_rejoined():
    table = _doc("qiaokou-2020-zipingbiao").tables[0]
    texts = [_norm(c.text) for c in table.cells]
    assert "效益指标" in texts and "社会效益指标" in texts and "效益" not in texts
    assert table.grid()[-1][2].text.endswith("度保持执行。")


def test_songjiang_repeated_title_and_header_rows_are_dropped_and_flagged():
    for table in _doc("songjiang-2021-kaoping").tables[:10]:
        headers = [c for c in table.cells if c.column_header]
        assert {c.text for c in headers} >= {"评分标准", "分值"}
        assert sum(1 for c in table.cells if c.text == "评分标准") == 1


def test_every_cell_has_full_provenance():
    doc = _doc("songjiang-2021-kaoping")
    for table in doc.tables:
        for cell in table.cells:
            p = cell.prov
            assert p.file == "songjiang-2021-kaoping.pdf" and p.table_no == table.table_no
            assert (p.row, p.col) == (cell.row, cell.col) and p.page_no in table.pages and p.bbox is not None


def test_synthetic_table_continued_on_next_page(tmp_path):
    header = ["Name", "Score", "Rule"]
    page1 = _ruled_rows([header, ["alpha", "10", "minus 1 per case"], ["beta", "5", "minus 2 per case"]], 680)
    page2 = _ruled_rows([header, ["gamma", "3", "minus 1 per report"]], 72)
    path = _write(tmp_path, "grid.pdf", _pdf([page1, page2]))
    doc = extract_pdf(path, _source(path))
    [table] = doc.tables
    assert (table.num_rows, table.num_cols, table.pages) == (4, 3, [1, 2])
    assert [[c.text for c in row] for row in table.grid()][3] == ["gamma", "3", "minus 1 per report"]
    assert [c.column_header for c in table.cells] == [True] * 3 + [False] * 9
    assert table.cells[-1].prov.page_no == 2 and table.cells[-1].prov.row == 3


def test_a_frame_around_text_is_prose_not_a_table(tmp_path):
    stream = b"50 600 400 100 re S BT /F1 12 Tf 72 650 Td (Boxed note text) Tj ET"
    doc = extract_pdf(_write(tmp_path, "frame.pdf", _pdf(stream)), _source(tmp_path / "frame.pdf"))
    assert doc.tables == [] and [b.text for b in doc.blocks] == ["Boxed note text"]


def test_page_rotated_to_landscape_reads_upright(tmp_path):
    stream = b"q 0 1 -1 0 595 0 cm BT /F1 12 Tf 72 500 Td (Rotated page text) Tj ET Q"
    data = _pdf(stream).replace(b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 595 842] /Rotate 90")
    doc = extract_pdf(_write(tmp_path, "rot.pdf", data), _source(tmp_path / "rot.pdf"))
    assert doc.pages[0].orientation.value == "landscape" and doc.blocks[0].text == "Rotated page text"


# ---------------------------------------------------------------- text

JOIN_CASES = [
    (["最高扣2", "分"], "最高扣2分"),
    (["a long English", "sentence"], "a long English sentence"),
    (["1. 第一项；", "2. 第二项"], "1. 第一项；\n2. 第二项"),
    (["（一）组织", "领导"], "（一）组织领导"),
]


@pytest.mark.parametrize("lines,expected", JOIN_CASES)
def test_wrapped_lines_join_without_invented_spaces(lines, expected):
    assert join_lines(lines) == expected


def _word(text, x0, x1, size=10.0):
    return {"text": text, "x0": x0, "x1": x1, "top": 0, "bottom": size, "size": size}


WORD_CASES = [
    ([_word("满分为", 0, 30), _word("10分", 32.7, 50)], "满分为10分"),  # font switch, no space char
    ([_word("Word", 0, 20), _word("PDF", 23, 40)], "Word PDF"),
    ([_word("〔", 0, 10), _word("2021", 10, 30), _word("〕", 30, 40)], "〔2021〕"),
]


@pytest.mark.parametrize("words,expected", WORD_CASES)
def test_words_on_a_line_keep_only_real_latin_spaces(words, expected):
    assert join_words(words) == expected


@pytest.mark.parametrize("name", ["wujin-2021-jixiao", "jintan-2017-zhenggai", "songjiang-2021-kaoping"])
def test_page_numbers_are_not_content(name):
    doc = _doc(name)
    texts = [b.text for b in doc.blocks] + [c.text for t in doc.tables for c in t.cells]
    assert not [t for t in texts if re.fullmatch(r"[—\-－]\s*\d+\s*[—\-－]|第\s*\d+\s*页", t.strip())]


def test_prose_blocks_labels_and_paragraph_joining():
    doc = _doc("jintan-2017-zhenggai")
    blocks = doc.blocks
    assert blocks[1].label.value == "title" and blocks[1].text.startswith("关于印发《金坛区司法局")
    assert [b.label.value for b in blocks].count("title") == 1
    headings = [b.text for b in blocks if b.label.value == "heading"]
    assert "（一）公共法律服务：" in headings and "三、工作要求" in headings
    # A paragraph wrapped over several lines, and over the page 2/3 break, is one block.
    para = next(b for b in blocks if b.text.startswith("1、 律师执业监管"))
    assert para.label.value == "list_item" and para.text.endswith("目前正在推进中。")
    assert "\n" not in para.text and " " not in para.text.replace("1、 ", "")


def test_body_interleaves_text_and_tables_in_reading_order():
    body = _doc("wujin-2021-jixiao").body
    kinds = [item.type for item in body]
    assert kinds.index("table") > 0 and kinds.count("table") == 1
    assert body[kinds.index("table") - 1].text == "2021 年度基层司法行政高质量发展绩效监测评价办法"


def test_mixed_orientation_pages():
    pages = _doc("wujin-2021-jixiao").pages
    assert [p.orientation.value for p in pages] == ["portrait"] + ["landscape"] * 4


def test_fake_bold_doubled_glyphs_are_removed(tmp_path):
    stream = (b"BT /F1 14 Tf 72 700 Td (Heading Text) Tj ET BT /F1 14 Tf 72.4 700 Td (Heading Text) Tj ET "
              b"BT /F1 11 Tf 280 40 Td (- 2 -) Tj ET")
    doc = extract_pdf(_write(tmp_path, "bold.pdf", _pdf(stream)), _source(tmp_path / "bold.pdf"))
    assert [b.text for b in doc.blocks] == ["Heading Text"]


# ---------------------------------------------------------------- unruled tables

def test_unruled_form_becomes_a_table_close_to_the_ruled_one():
    unruled = _doc("qiaokou-2020-zipingbiao-unruled").tables
    ruled = _doc("qiaokou-2020-zipingbiao").tables[0]
    assert len(unruled) == 1 and (unruled[0].num_rows, unruled[0].num_cols) == (ruled.num_rows, ruled.num_cols)
    want, got = _grid_texts(ruled), _grid_texts(unruled[0])
    assert sum(1 for a, b in zip(want, got) if a == b) >= 0.9 * len(want)
    assert unruled[0].pages == [1, 2, 3, 4, 5]


def _text_rows(rows: list[list[str]], top: float, xs=(72, 200, 330), pitch=24.0) -> bytes:
    """Draw text in aligned columns, no ruling lines."""
    return " ".join(f"BT /F1 10 Tf {x} {842 - top - i * pitch} Td ({t}) Tj ET"
                    for i, row in enumerate(rows) for x, t in zip(xs, row) if t).encode()


def test_synthetic_text_aligned_table_is_found(tmp_path):
    rows = [["Item", "Points", "Owner"], ["reports", "10", "office"], ["training", "5", "staff"],
            ["visits", "8", "field team"]]
    stream = b"BT /F1 10 Tf 72 780 Td (A heading line above the table) Tj ET " + _text_rows(rows, 100)
    doc = extract_pdf(_write(tmp_path, "aligned.pdf", _pdf(stream)), _source(tmp_path / "aligned.pdf"))
    [table] = doc.tables
    assert [[c.text for c in row] for row in table.grid()] == rows
    assert doc.blocks[0].text == "A heading line above the table"


def test_prose_with_a_gappy_signature_line_stays_prose(tmp_path):
    prose = " ".join(f"BT /F1 10 Tf 72 {760 - 14 * i} Td (This is an ordinary line of running prose number {i}) Tj ET"
                     for i in range(12)).encode()
    stream = prose + b" " + _text_rows([["Name:", "Date:", "Signature:"]], 400)
    doc = extract_pdf(_write(tmp_path, "prose.pdf", _pdf(stream)), _source(tmp_path / "prose.pdf"))
    assert doc.tables == []


def test_prose_pages_stay_prose():
    assert _doc("jintan-2017-zhenggai").tables == []


# ---------------------------------------------------------------- broken inputs

def _source(path: Path):
    return source_info(path, InputFormat.PDF)


def test_a_page_with_only_a_drawing_is_blank_not_a_scan(tmp_path):
    # No text layer and no picture: nothing to read, so no OCR and no warning (scans: test_pdf_cases).
    path = _write(tmp_path, "box.pdf", _pdf([b"BT /F1 12 Tf 72 700 Td (Page one text) Tj ET",
                                             b"0 0 1 rg 100 100 200 200 re f"]))
    doc = extract_pdf(path, _source(path))
    assert len(doc.pages) == 2 and doc.warnings == [] and doc.blocks[0].text == "Page one text"


BROKEN = [
    ("truncated.pdf", lambda: (CORPUS / "docs" / "wujin-2021-jixiao.pdf").read_bytes()[:4000], CorruptFile,
     "损坏"),
    ("notes.pdf", lambda: "这不是PDF，只是文字。\n".encode() * 20, CorruptFile, "PDF"),
    ("locked.pdf", lambda: _pdf(b"BT /F1 12 Tf 72 700 Td (secret) Tj ET", encrypt_password="1234"),
     EncryptedFile, "需要密码"),
    ("nopages.pdf", lambda: _pdf(None, pages=0), EmptyFile, "没有任何页面"),
]


@pytest.mark.parametrize("name,make,error,words", BROKEN)
def test_broken_inputs_raise_typed_errors(tmp_path, name, make, error, words):
    path = _write(tmp_path, name, make())
    with pytest.raises(error) as info:
        extract_pdf(path, _source(path))
    assert words in str(info.value) and info.value.hint


def test_encrypted_error_tells_how_to_fix(tmp_path):
    path = _write(tmp_path, "locked.pdf", _pdf(b"", encrypt_password="1234"))
    with pytest.raises(EncryptedFile) as info:
        extract_pdf(path, _source(path))
    assert "未加密" in info.value.hint


def test_pages_keep_caches_bounded():
    """Reading page by page keeps no stream cached, a bounded number of other objects, and only the
    last page's fonts parsed."""
    import pdfplumber
    from pdfminer.pdftypes import PDFStream, resolve1

    from extractors.pdf.page import MAX_CACHED_OBJECTS, pages

    with pdfplumber.open(CORPUS / "docs" / "songjiang-2021-kaoping.pdf") as pdf:
        numbers = [page.page_number for page in pages(pdf, "x.pdf") if page.chars]
        cached = pdf.doc._cached_objs
        assert len(numbers) > 1 and len(cached) <= MAX_CACHED_OBJECTS
        assert not any(isinstance(obj, PDFStream) for obj, _ in cached.values())
        last_fonts = resolve1(pdf.pages[-1].page_obj.resources.get("Font")) or {}
        assert len(pdf.rsrcmgr._cached_fonts) <= len(last_fonts)


def test_lean_chars_are_pdfplumbers_chars():
    """The chars built directly are the dicts pdfplumber builds, key for key, on every corpus PDF page."""
    import pdfplumber

    from extractors.pdf.page import pages

    for path in sorted((CORPUS / "docs").glob("*.pdf"))[:3]:
        with pdfplumber.open(path) as pdf:
            ours = [page.chars for page in pages(pdf, path.name)]
        with pdfplumber.open(path) as pdf:
            assert ours == [page.chars for page in pdf.pages]
