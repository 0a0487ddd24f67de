"""The workbench in-process (Starlette's test client) and as a served process: access token off loopback,
CSRF on every change, upload limits, escaping, rule edits, exports carrying extracted and corrected values."""
from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from openpyxl import load_workbook
from starlette.testclient import TestClient

from pipeline.web import create_app
from web_support import ROOT, Server, free_port

WUJIN = ROOT / "corpus" / "docs" / "wujin-2021-jixiao.docx"


def _client(db: Path, **kw) -> TestClient:
    client = TestClient(create_app(db, author="测试员", **kw))
    client.get("/healthz")
    return client


def _close(client: TestClient) -> None:
    client.app.state.jobs.stop()
    client.app.state.library.close()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """A workbench with 武进 uploaded and processed; (client, doc_id, csrf headers)."""
    client = _client(tmp_path_factory.mktemp("web") / "archive.duckdb")
    client.get("/")
    headers = {"X-CSRF-Token": client.cookies.get("kp_csrf")}
    answer = client.post("/upload", files=[("files", ("武进.docx", WUJIN.read_bytes()))], headers=headers)
    job = re.search(r"/jobs/(\w+)", answer.text).group(1)
    deadline = time.monotonic() + 120
    while "hx-trigger" in (text := client.get(f"/jobs/{job}").text) and time.monotonic() < deadline:
        time.sleep(0.3)
    doc_id = re.search(r"/doc/([0-9a-f]{64})", text).group(1)
    yield client, doc_id, headers
    _close(client)


def test_healthz_and_pages_answer(loaded):
    client, doc_id, _ = loaded
    assert client.get("/healthz").text == "ok"
    for path in ["/", f"/doc/{doc_id}", f"/doc/{doc_id}/rules", f"/doc/{doc_id}/score", "/compare", "/?q=武进",
                 "/?review=1&status=FAILED"]:
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert "Content-Security-Policy" in answer.headers
    assert client.get("/doc/" + "0" * 64).status_code == 404
    assert client.get("/doc/../../etc/passwd").status_code == 404


def test_cross_site_and_tokenless_posts_are_refused(loaded):
    client, doc_id, headers = loaded
    data = {"op": "set", "target": "x", "points": "1"}
    assert client.post(f"/doc/{doc_id}/correct", data=data).status_code == 403  # no CSRF token
    evil = {**headers, "Origin": "http://evil.example"}
    answer = client.post(f"/doc/{doc_id}/correct", data=data, headers=evil)
    assert answer.status_code == 403 and "其他网站" in answer.text
    assert client.post(f"/doc/{doc_id}/correct", data=data, headers={"X-CSRF-Token": "guess"}).status_code == 403


def test_uploads_are_limited_and_stored_by_hash(loaded, tmp_path):
    client, _, headers = loaded
    answer = client.post("/upload", headers=headers, files=[
        ("files", ("../../evil.exe", b"MZ")), ("files", ("空.docx", b""))])
    assert "不支持的文件类型" in answer.text and "空文件" in answer.text
    lib = client.app.state.library
    kept = lib.keep_file(b"hello", "../../../x/evil.txt")
    assert kept.parent == lib.files / "uploads" and re.fullmatch(r"[0-9a-f]{64}\.txt", kept.name)


def test_document_text_is_escaped(tmp_path):
    page = tmp_path / "方案.html"
    page.write_text("<html><body><p>&lt;script&gt;alert(1)&lt;/script&gt;考评办法</p><table><tr><th>指标</th><th>分值</th>"
                    "<th>评分标准</th></tr><tr><td>&lt;img src=x onerror=alert(1)&gt;</td><td>5</td>"
                    "<td>发现一起扣1分</td></tr></table></body></html>", encoding="utf-8")
    client = _client(tmp_path / "a.duckdb")
    try:
        lib = client.app.state.library
        path = lib.keep_file(page.read_bytes(), page.name)
        lib.ingest([path], {path: "<b>方案</b>.html"})
        doc_id = path.name[:64]
        for url in ["/", f"/doc/{doc_id}"]:
            text = client.get(url).text
            assert "<script>alert" not in text and "<img src=x" not in text and "<b>方案</b>" not in text
            assert "&lt;" in text
    finally:
        _close(client)


def test_rule_edit_is_validated_and_used(loaded):
    client, doc_id, headers = loaded
    rules = client.get(f"/doc/{doc_id}/rules").text
    target = re.search(r'name="target" value="([^"]+)"', rules).group(1)
    bad = client.post(f"/doc/{doc_id}/rules/atom", headers=headers,
                      data={"target": target, "index": "0", "kind": "按次扣分", "points": "一分"})
    assert "未保存" in bad.text and "分值" in bad.text and "数字" in bad.text
    good = client.post(f"/doc/{doc_id}/rules/atom", headers=headers,
                       data={"target": target, "index": "0", "kind": "按次扣分", "direction": "扣分", "points": "0.5",
                             "per": "次", "cap": "3"})
    assert "未保存" not in good.text
    book = client.app.state.library.read(doc_id)[2]
    atom = book.items[0].atoms[0]
    assert (atom.kind.value, atom.points, atom.cap) == ("deduct_per", 0.5, 3.0)
    assert atom.text  # the clause text is kept from the atom it replaced


def test_export_carries_extracted_and_corrected_values(loaded):
    client, doc_id, headers = loaded
    review = client.get(f"/doc/{doc_id}").text
    target = re.findall(r'value="set"><input type="hidden" name="target" value="([^"]+)"', review)[1]
    client.post(f"/doc/{doc_id}/correct", headers=headers, data={"op": "set", "target": target, "department": "法制科"})
    table = client.get(f"/doc/{doc_id}/export.json").json()
    change = next(c for c in table["corrections"] if c["field"] == "department")
    assert (change["before"], change["value"], change["author"], change["status"]) == ("普法科", "法制科", "测试员", "applied")
    answer = client.get(f"/doc/{doc_id}/export.xlsx")
    path = Path(client.app.state.library.files) / "export-test.xlsx"
    path.write_bytes(answer.content)
    wb = load_workbook(path)
    rows = list(wb["更正记录"].iter_rows(values_only=True))
    assert any(r[4] == "普法科" and r[5] == "法制科" for r in rows)
    indicators = list(wb["指标"].iter_rows(values_only=True))
    assert indicators[0][-1] == "人工更正（原提取值）"
    dept = indicators[0].index("责任部门")
    assert any(r[dept] == "法制科" and "原 普法科 → 法制科" in (r[-1] or "") for r in indicators[1:])


def test_lan_server_needs_the_token(tmp_path):
    """Bound to every interface (a LAN), the server makes up a token and refuses requests without it; the test
    talks to it over loopback only."""
    server = Server(tmp_path / "a.duckdb", free_port(), "--host", "0.0.0.0").start()
    try:
        token = re.search(r"访问令牌：(\S+?)（", server.read_until("访问令牌")).group(1)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(server.url + "/", timeout=10)
        assert refused.value.code == 401
        request = urllib.request.Request(server.url + "/", headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.status == 200 and "文档库" in answer.read().decode("utf-8")
        with urllib.request.urlopen(server.url + "/healthz", timeout=10) as answer:
            assert answer.read() == b"ok"
    finally:
        server.stop()
    client = _client(tmp_path / "b.duckdb", token=token)
    try:
        assert client.get("/").status_code == 401
        assert client.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
        first = client.get(f"/?token={token}", follow_redirects=False)
        assert first.status_code == 303 and "token" not in first.headers["location"]
        assert client.get("/").status_code == 200  # the session cookie now stands for the token
    finally:
        _close(client)
