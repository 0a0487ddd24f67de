"""Batch processing: statuses, bad inputs, dedupe, skip, resume after SIGKILL, Dask = local."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from pipeline.batch import run_batch
from pipeline.cli import cli
from pipeline.library import Library

BAD = Path(__file__).resolve().parent.parent / "corpus" / "bad"

SCHEME = "谯城区司法局考评细则\n事项\t序号\t考评内容\t扣分标准\t分值\n{cat}\t1\t{item}\t少一条扣{n}分\t10\n\t2\t台账规范\t缺一项扣1分\t5\n"

# bad-input file → (status, words its message must contain)
BAD_CASES = [
    ("empty.pdf", "FAILED", ["为空"]),
    ("truncated.pdf", "FAILED", ["损坏"]),
    ("encrypted.pdf", "FAILED", ["密码"]),
    ("not-a-zip.docx", "FAILED", ["DOCX"]),
    ("unknown.bin", "FAILED", ["不支持"]),
    ("zip-bomb.zip", "FAILED", ["压缩炸弹"]),
    ("path-escape.zip", "FAILED", ["解压目录之外"]),
]


def make_archive(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        enc = "gbk" if i % 2 else "utf-8"
        text = SCHEME.format(cat=f"信息工作{i}", item=f"网页信息更新{i}", n=i % 5 + 1)
        (folder / f"scheme-{i:03d}.txt").write_bytes(text.encode(enc))
    return folder


def table(db: Path, sql: str):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory):
    db = tmp_path_factory.mktemp("bad") / "archive.duckdb"
    summary = run_batch([BAD], db, workers=0)
    return db, summary


@pytest.mark.parametrize("name,status,words", BAD_CASES)
def test_every_bad_input_gets_status_and_message(bad_batch, name, status, words):
    db, _ = bad_batch
    rows = table(db, f"SELECT status, error_message FROM documents WHERE file LIKE '%{name}'")
    assert rows, f"{name} not recorded"
    got_status, message = rows[0]
    assert got_status == status
    for word in words:
        assert word in message
    assert name in message


def test_bad_batch_finishes_and_keeps_good_files(bad_batch):
    db, summary = bad_batch
    assert "处理" in summary.message() and "失败" in summary.message()
    good = table(db, "SELECT file, status FROM documents WHERE status IN ('SUCCESS', 'PARTIAL')")
    names = {f for f, _ in good}
    assert any(f.endswith("good-archive.zip!/武进/wujin-2021-jixiao.docx") for f in names)
    assert any(f.endswith("gbk-scheme.txt") for f in names)
    assert table(db, "SELECT count(*) FROM errors")[0][0] >= len(BAD_CASES)


def test_nothing_written_outside_unpack_folder(bad_batch):
    db, _ = bad_batch
    assert not (db.parent.parent / "evil.txt").exists()
    assert not list(db.parent.rglob("evil.txt"))


def test_duplicates_processed_once_and_unchanged_skipped(tmp_path):
    folder = make_archive(tmp_path / "a", 4)
    shutil.copy(folder / "scheme-000.txt", folder / "copy-of-000.txt")
    db = tmp_path / "a.duckdb"
    first = run_batch([folder], db, workers=0)
    assert first.counts["SKIPPED"] == 1 and first.total == 5
    assert table(db, "SELECT count(*) FROM documents")[0][0] == 4
    assert table(db, "SELECT count(*) FROM files")[0][0] == 5
    second = run_batch([folder], db, workers=0)
    assert second.counts["SKIPPED"] == 5
    assert table(db, "SELECT count(*) FROM indicators")[0][0] == 8


def test_new_extractor_version_reprocesses(tmp_path, monkeypatch):
    folder = make_archive(tmp_path / "a", 2)
    db = tmp_path / "a.duckdb"
    run_batch([folder], db, workers=0)
    from extractors import registry

    monkeypatch.setattr(registry, "EXTRACTOR_VERSION", "999.0.0")
    again = run_batch([folder], db, workers=0)
    assert again.counts["SKIPPED"] == 0
    assert table(db, "SELECT count(*) FROM indicators")[0][0] == 4


def test_resume_after_sigkill_loses_and_duplicates_nothing(tmp_path):
    folder = make_archive(tmp_path / "big", 300)
    clean_db = tmp_path / "clean.duckdb"

    def cmd(db):
        return [sys.executable, "-m", "pipeline.cli", "batch", str(folder), "--db", str(db), "--silent", "--workers", "1"]

    # The kill moments are fractions of a clean run's length, so the test holds on fast and slow machines.
    started = time.monotonic()
    subprocess.run(cmd(clean_db), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    length = time.monotonic() - started
    expected = table(clean_db, "SELECT count(*) FROM indicators")[0][0]

    db = tmp_path / "killed.duckdb"
    # Documents are committed in groups; find a moment between the first and the last commit.
    for share in (0.6, 0.75, 0.45, 0.85, 0.35, 0.9, 0.25):
        if db.exists():
            db.unlink()
        proc = subprocess.Popen(cmd(db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(share * length)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        done = table(db, "SELECT count(*) FROM documents")[0][0] if db.exists() else 0
        if 0 < done < 300:
            break
    else:
        pytest.fail("could not kill the batch mid-way")
    subprocess.run(cmd(db), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert table(db, "SELECT count(*) FROM documents")[0][0] == 300
    assert table(db, "SELECT count(*) FROM indicators")[0][0] == expected
    dupes = table(db, "SELECT doc_id, indicator_id, count(*) c FROM indicators GROUP BY 1, 2 HAVING c > 1")
    assert dupes == []


def test_dask_local_cluster_equals_local_executor(tmp_path):
    folder = make_archive(tmp_path / "d", 4)
    local_db, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    run_batch([folder], local_db, workers=2)
    run_batch([folder], dask_db, workers=2, executor="dask")
    query = "SELECT doc_id, indicator_id, name, points, criteria FROM indicators ORDER BY 1, 2"
    assert table(local_db, query) == table(dask_db, query)


def test_cli_batch_summary_and_parquet(tmp_path):
    folder = make_archive(tmp_path / "c", 3)
    db, pq = tmp_path / "c.duckdb", tmp_path / "pq"
    result = CliRunner().invoke(cli, ["batch", str(folder), "--db", str(db), "--parquet", str(pq), "--silent"])
    assert result.exit_code == 0, result.output
    assert "处理 3 个文件：成功 3，部分成功 0，失败 0，跳过 0" in result.output
    assert (pq / "indicators.parquet").exists()


def test_older_database_gains_new_columns(tmp_path):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE indicators (doc_id VARCHAR, indicator_id VARCHAR, name VARCHAR)")
    con.close()
    folder = make_archive(tmp_path / "o", 1)
    run_batch([folder], db, workers=0)
    rows = table(db, "SELECT name, domain FROM indicators ORDER BY name")
    assert len(rows) == 2 and all(domain for _, domain in rows)


def test_workers_get_their_share_of_the_cores_for_ocr(monkeypatch):
    """While a batch runs, each worker's OCR engine runs on cores / workers threads; a user's own setting wins."""
    import os

    from extractors.ocr import THREADS_VARIABLE
    from extractors.ocr.pages import ocr_threads
    from pipeline.batch.runner import _threads_per_worker

    monkeypatch.delenv(THREADS_VARIABLE, raising=False)
    with _threads_per_worker(2):
        assert ocr_threads() == max(1, (os.cpu_count() or 1) // 2)
    assert THREADS_VARIABLE not in os.environ and ocr_threads() == (os.cpu_count() or 1)
    monkeypatch.setenv(THREADS_VARIABLE, "1")
    with _threads_per_worker(1):
        assert ocr_threads() == 1


def test_warm_up_loads_the_segmenter_once_for_every_worker():
    """Forked workers inherit the warmed-up parent: the segmenter is built once, not once per worker."""
    from pipeline.batch.worker import warm_up
    from pipeline.rules.nlp import get_nlp

    warm_up()
    warm_up()
    assert get_nlp.cache_info().currsize == 1 and get_nlp.cache_info().misses <= 1


SCHEME_HEAD = "某区司法所考评细则\n"
SCHEME_ROWS = ("序号\t考评内容\t分值\t评分标准\n1\t矛盾纠纷排查\t10\t未按月排查的扣2分\n"
               "2\t社区矫正衔接\t10\t脱管一人扣5分\n3\t法治宣传教育\t10\t未开展的扣3分\n")


def test_self_check_doubts_reach_the_archive_and_the_library(tmp_path):
    # a stated total its rows do not reach is a doubt the archive must keep, as `extract` prints it
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "doubt.txt").write_text(SCHEME_HEAD + "本细则总分为100分。\n" + SCHEME_ROWS, encoding="utf-8")
    (folder / "clean.txt").write_text(SCHEME_HEAD + SCHEME_ROWS, encoding="utf-8")
    db = tmp_path / "r.duckdb"
    run_batch([folder], db, workers=1)
    rows = table(db, "SELECT d.file, e.message FROM errors e JOIN documents d USING (doc_id) WHERE e.code = 'needs_review'")
    assert [(Path(f).name, m) for f, m in rows] == [("doubt.txt", "需复核：各项分值合计 30 分，与文件所述总分 100 分不符，请核对是否有漏读、多读的指标或读错的分值")]
    review = {Path(d["file"]).name: d["review"] for d in Library(db).documents()}
    assert review == {"doubt.txt": True, "clean.txt": False}
