"""Bounded workers, outputs that never destroy inputs, the archive database's one-line errors, SQL
built from no user text, and LibreOffice with no network."""
from __future__ import annotations

import http.server
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.isolate import Limits, WorkerPool, run_one

ROOT = Path(__file__).resolve().parent.parent
WUJIN = ROOT / "corpus" / "docs" / "wujin-2021-jixiao.docx"
XLSX = ROOT / "corpus" / "variants" / "qiaocheng-2023-xize.xlsx"
TARGET = "tests.hostile.targets:misbehave"

# how the task misbehaves → (error code, words its message must contain)
MISBEHAVIOUR = [
    ("hang", "timeout", ["超过 2 秒", "--timeout"]),
    ("memory", "too_large", ["内存", "512 MB", "--max-memory"]),
    ("typed", "corrupt_file", ["坏了", "换一份"]),
    ("segfault", "worker_crashed", ["SIGSEGV"]),
    ("bug", "internal_error", ["KeyError"]),
]


def test_each_misbehaving_task_is_bounded_and_named_and_the_others_go_on():
    limits = Limits(timeout=2, max_memory=512 * 1024**2)
    tasks = [(how, (how,), f"{how}.docx") for how in ["ok", *[m[0] for m in MISBEHAVIOUR], "ok"]]
    started = time.monotonic()
    with WorkerPool(TARGET, workers=2, limits=limits) as pool:
        outcomes = list(pool.run(tasks))
    assert time.monotonic() - started < 30
    assert [key for key, _ in outcomes].count("ok") == 2
    assert all(o.value == {"answer": 42} for key, o in outcomes if key == "ok")
    got = {key: o.error for key, o in outcomes if key != "ok"}
    for how, code, words in MISBEHAVIOUR:
        assert got[how].code == code, (how, got[how].message())
        for word in [f"{how}.docx", *words]:
            assert word in got[how].message(), (how, got[how].message())


def test_run_one_raises_the_typed_error():
    with pytest.raises(Exception) as info:
        run_one(TARGET, ("typed",), "a.doc", Limits(timeout=20))
    assert info.value.code == "corrupt_file" and "a.doc" in info.value.message()


def test_timeout_kills_the_task_and_its_children(tmp_path, monkeypatch):
    pidfile = tmp_path / "pid"
    monkeypatch.setenv("KAOPING_TEST_PIDFILE", str(pidfile))
    with WorkerPool(TARGET, limits=Limits(timeout=2)) as pool:
        [(_, outcome)] = list(pool.run([("child", ("child",), "c.doc")]))
    assert outcome.error.code == "timeout"
    grandchild = int(pidfile.read_text())
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _alive(grandchild):
        time.sleep(0.1)
    assert not _alive(grandchild)


def _alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


# ---- outputs ----------------------------------------------------------------------------------


def _extract(*args: str):
    return CliRunner().invoke(cli, ["extract", *args, "--silent"])


def test_output_into_the_inputs_folder_never_overwrites_an_input(tmp_path):
    book = tmp_path / "考评细则.xlsx"
    book.write_bytes(XLSX.read_bytes())
    result = _extract(str(book), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert book.read_bytes() == XLSX.read_bytes()
    assert (tmp_path / "考评细则-指标表.xlsx").exists() and (tmp_path / "考评细则-指标表.json").exists()


def test_same_names_from_different_folders_get_distinct_outputs(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "方案.docx").write_bytes(WUJIN.read_bytes())
    result = _extract(str(tmp_path / "a" / "方案.docx"), str(tmp_path / "b" / "方案.docx"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").glob("*.xlsx"))) == 2 and len(list((tmp_path / "out").glob("*.json"))) == 2


def test_output_that_cannot_be_written_is_one_line(tmp_path):
    # As when Excel/WPS holds the workbook open: the target cannot be replaced.
    (tmp_path / "out" / "wujin-2021-jixiao.xlsx").mkdir(parents=True)
    result = _extract(str(WUJIN), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "无法写入" in result.output and "Excel/WPS" in result.output and "Traceback" not in result.output


def test_output_option_pointing_at_a_file_is_one_line(tmp_path):
    target = tmp_path / "not-a-folder.txt"
    target.write_text("x")
    result = _extract(str(WUJIN), "-o", str(target))
    assert result.exit_code == 1 and "是一个文件" in result.output and "Traceback" not in result.output


def test_no_indicator_anywhere_exits_non_zero(tmp_path):
    note = tmp_path / "通知.txt"
    note.write_text("关于召开会议的通知\n各单位：定于下周一召开会议。\n", encoding="utf-8")
    result = _extract(str(note), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "未找到指标表" in result.output


# ---- the archive database ---------------------------------------------------------------------


def _batch(*args: str):
    return CliRunner().invoke(cli, ["batch", *args, "--silent"])


def test_database_in_use_by_another_batch_says_so(tmp_path):
    db = tmp_path / "a.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = _batch(str(WUJIN), "--db", str(db))
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 1
    assert "正被另一个进程" in result.output and str(holder.pid) in result.output and "Traceback" not in result.output


def test_database_that_is_not_duckdb_is_left_alone(tmp_path):
    db = tmp_path / "notes.duckdb"
    db.write_text("这不是数据库" * 100, encoding="utf-8")
    before = db.read_bytes()
    result = _batch(str(WUJIN), "--db", str(db))
    assert result.exit_code == 1 and "不是" in result.output and "DuckDB" in result.output
    assert db.read_bytes() == before


def test_parquet_path_is_never_pasted_into_sql(tmp_path):
    evil = tmp_path / "out' (FORMAT CSV); COPY documents TO 'pwned.csv"
    result = _batch(str(WUJIN), "--db", str(tmp_path / "a.duckdb"), "--parquet", str(evil))
    assert result.exit_code == 0, result.output
    assert (evil / "indicators.parquet").exists()
    assert not list(tmp_path.rglob("pwned*")) and not Path("pwned.csv").exists()
    assert len(duckdb.read_parquet(str(evil / "indicators.parquet")).fetchall()) > 0


# ---- LibreOffice has no network ----------------------------------------------------------------


@pytest.fixture
def listener():
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        do_HEAD = do_GET

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/probe.png", hits
    server.shutdown()


@pytest.fixture
def linked_doc(tmp_path, listener):
    """A Word 97 .doc whose picture is linked to the listener, made by LibreOffice from HTML."""
    from extractors.docx import legacy

    if legacy.find_soffice() is None:
        pytest.fail("LibreOffice 未安装：make system-deps 会安装 libreoffice-writer-nogui")
    url, hits = listener
    page = tmp_path / "linked.html"
    page.write_text(f'<html><body><p>考评</p><img src="{url}" width="40" height="40"></body></html>')
    made = tmp_path / "made"
    # Made without a network namespace but with the locked-down profile, so the listener sees nothing yet.
    cmd = [legacy.find_soffice(), f"-env:UserInstallation={(tmp_path / 'mk').as_uri()}", "--headless",
           "--convert-to", "doc:MS Word 97", "--outdir", str(made), str(page)]
    (tmp_path / "mk" / "user").mkdir(parents=True)
    (tmp_path / "mk" / "user" / "registrymodifications.xcu").write_text(legacy._PROFILE, encoding="utf-8")
    subprocess.run(cmd, capture_output=True, timeout=180, check=True)
    doc = made / "linked.doc"
    assert url.encode() in doc.read_bytes() or url.encode("utf-16-le") in doc.read_bytes()
    hits.clear()
    return doc


def _convert(doc: Path, tmp_path: Path, name: str) -> None:
    from extractors.docx import legacy

    work = tmp_path / name
    work.mkdir()
    legacy.convert(doc, work, "docx")


def test_libreoffice_fetches_nothing_linked_in_a_document(linked_doc, listener, tmp_path, monkeypatch):
    from extractors.docx import legacy

    _, hits = listener
    assert legacy.network_namespace(), "unshare（用户与网络命名空间）在本机不可用"
    _convert(linked_doc, tmp_path, "sandboxed")
    assert hits == []
    # Where namespaces are not allowed, the profile alone keeps LibreOffice off the network.
    monkeypatch.setattr(legacy, "network_namespace", lambda: False)
    _convert(linked_doc, tmp_path, "profile-only")
    assert hits == []
    # The check has teeth: LibreOffice with neither fetches the linked picture.
    monkeypatch.setattr(legacy, "_PROFILE", '<?xml version="1.0"?><oor:items xmlns:oor="http://openoffice.org/2001/registry"/>')
    _convert(linked_doc, tmp_path, "unprotected")
    assert hits, "an unprotected LibreOffice should have fetched the linked picture"


def test_worker_environment_keeps_libreoffice_offline_in_extract(linked_doc, listener, tmp_path):
    _, hits = listener
    result = _extract(str(linked_doc), "-o", str(tmp_path / "out"))
    assert "Traceback" not in result.output
    assert hits == []


def test_pool_reports_each_files_cost():
    with WorkerPool(TARGET) as pool:
        [(_, outcome)] = list(pool.run([("ok", ("ok",), "x")]))
    assert outcome.ok and outcome.max_rss > 0 and outcome.seconds >= 0
