"""The archive database (DuckDB): one transaction per document, so a killed run loses nothing
already stored and leaves no half-written document behind."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

# Column lists are the documented schema (README "批量处理"); order matters for inserts.
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("doc_id", "VARCHAR"), ("file", "VARCHAR"), ("status", "VARCHAR"), ("error_code", "VARCHAR"),
        ("error_message", "VARCHAR"), ("format", "VARCHAR"), ("size_bytes", "BIGINT"),
        ("encoding", "VARCHAR"), ("extractor_version", "VARCHAR"), ("pages", "INTEGER"),
        ("kind", "VARCHAR"), ("title", "VARCHAR"), ("doc_number", "VARCHAR"), ("issuer", "VARCHAR"),
        ("province", "VARCHAR"), ("city", "VARCHAR"), ("district", "VARCHAR"), ("year", "INTEGER"),
        ("issue_date", "DATE"), ("scoring_style", "VARCHAR"), ("frequency", "VARCHAR"),
        ("tables_found", "INTEGER"), ("n_indicators", "INTEGER"), ("n_results", "INTEGER"),
        ("base_points", "DOUBLE"), ("bonus_points", "DOUBLE"), ("warnings", "INTEGER"), ("seconds", "DOUBLE"),
        ("cpu_seconds", "DOUBLE"), ("peak_mb", "DOUBLE"),
        ("processed_at", "TIMESTAMP"),
    ],
    "files": [("path", "VARCHAR"), ("doc_id", "VARCHAR"), ("status", "VARCHAR"), ("seen_at", "TIMESTAMP")],
    "indicators": [
        ("doc_id", "VARCHAR"), ("indicator_id", "VARCHAR"), ("section", "VARCHAR"),
        ("section_role", "VARCHAR"), ("category_path", "VARCHAR"), ("category", "VARCHAR"),
        ("category_points", "DOUBLE"), ("number", "VARCHAR"), ("name", "VARCHAR"),
        ("content", "VARCHAR"), ("criteria", "VARCHAR"), ("points", "DOUBLE"),
        ("department", "VARCHAR"), ("timing", "VARCHAR"), ("location", "VARCHAR"),
        ("domain", "VARCHAR"), ("domain_confidence", "DOUBLE"), ("canonical_department", "VARCHAR"),
    ],
    "rules": [
        ("doc_id", "VARCHAR"), ("indicator_id", "VARCHAR"), ("atom_no", "INTEGER"), ("kind", "VARCHAR"),
        ("direction", "VARCHAR"), ("points", "DOUBLE"), ("per", "VARCHAR"), ("cap", "DOUBLE"),
        ("cap_item", "BOOLEAN"), ("range_min", "DOUBLE"), ("range_max", "DOUBLE"),
        ("metric", "VARCHAR"), ("text", "VARCHAR"),
    ],
    "results": [
        ("doc_id", "VARCHAR"), ("row_id", "VARCHAR"), ("grp", "VARCHAR"), ("group_points", "DOUBLE"),
        ("path", "VARCHAR"), ("name", "VARCHAR"), ("target", "VARCHAR"), ("actual", "VARCHAR"),
        ("points_due", "DOUBLE"), ("points_got", "DOUBLE"), ("reason", "VARCHAR"),
        ("department", "VARCHAR"),
    ],
    "errors": [
        ("doc_id", "VARCHAR"), ("file", "VARCHAR"), ("code", "VARCHAR"), ("message", "VARCHAR"),
        ("location", "VARCHAR"),
    ],
    # A person's corrections (pipeline/corrections.py): keyed by content hash and never replaced by a
    # new extraction, so they are applied again to whatever a newer kaoping reads.
    "corrections": [
        ("correction_id", "VARCHAR"), ("doc_id", "VARCHAR"), ("op", "VARCHAR"), ("target", "VARCHAR"),
        ("table_no", "INTEGER"), ("col", "INTEGER"), ("field", "VARCHAR"), ("position", "INTEGER"),
        ("value", "VARCHAR"), ("before_value", "VARCHAR"), ("author", "VARCHAR"), ("created_at", "TIMESTAMP"),
        ("kaoping_version", "VARCHAR"),
    ],
}

PER_DOCUMENT = ("indicators", "rules", "results", "errors")


class DatabaseError(Exception):
    """The archive database cannot be used; the message says why and what to do, in one line."""


def open_database(path: Path):
    """Given a database path, return a DuckDB connection, or raise DatabaseError naming the problem."""
    import re

    import duckdb

    if path.is_dir():
        raise DatabaseError(f"数据库位置 {path} 是一个文件夹；请用 --db 指定一个文件，如 out/archive.duckdb")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(str(path))
    except OSError as exc:
        raise DatabaseError(f"无法创建数据库 {path}（{exc.strerror or exc}）；请用 --db 指定一个可写的位置") from exc
    except duckdb.Error as exc:
        text = str(exc)
        if "lock" in text.lower():
            pid = re.search(r"PID (\d+)", text)
            who = f"另一个进程（PID {pid.group(1)}）" if pid else "另一个程序"
            raise DatabaseError(f"数据库 {path} 正被{who}使用；请等它结束后再运行，"
                                "或用 --db 指定另一个数据库文件") from exc
        if "not a valid DuckDB" in text or "version" in text.lower():
            raise DatabaseError(f"{path} 不是本程序可用的 DuckDB 数据库文件（可能是其他文件或由其他版本创建）；"
                                "请用 --db 指定另一个文件名，不要覆盖该文件") from exc
        raise DatabaseError(f"无法打开数据库 {path}（{text.splitlines()[0]}）；请用 --db 指定另一个数据库文件") from exc


class Store:
    def __init__(self, path: Path):
        self.path = path
        self.con = open_database(path)
        for name, cols in TABLES.items():
            body = ", ".join(f"{c} {t}" for c, t in cols)
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({body})")
            # A database made by an older kaoping gains the columns added since (as NULL).
            have = {row[0] for row in self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [name]).fetchall()}
            for column, kind in cols:
                if column not in have:
                    self.con.execute(f"ALTER TABLE {name} ADD COLUMN {column} {kind}")

    def known(self) -> dict[str, tuple[str, str]]:
        """doc_id → (status, extractor_version) of every stored document."""
        rows = self.con.execute("SELECT doc_id, status, extractor_version FROM documents").fetchall()
        return {doc_id: (status, version) for doc_id, status, version in rows}

    def save(self, entries: list[tuple[dict, list[str]]]) -> None:
        """Replace everything stored for these documents (payload, the paths it was seen at),
        in one transaction: a group is stored whole or not at all."""
        if not entries:
            return
        now = datetime.now()
        docs = [dict(payload["document"], processed_at=now) for payload, _ in entries]
        ids = [doc["doc_id"] for doc in docs]
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            marks = ", ".join("?" for _ in ids)
            for table in ("documents", *PER_DOCUMENT):
                con.execute(f"DELETE FROM {table} WHERE doc_id IN ({marks})", ids)
            self._insert("documents", docs)
            for table in PER_DOCUMENT:
                self._insert(table, [row for payload, _ in entries for row in payload.get(table) or []])
            self._record_paths([(paths, doc["doc_id"], doc["status"]) for doc, (_, paths) in zip(docs, entries)])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def record_paths(self, seen: list[tuple[list[str], str, str]]) -> None:
        """Record (paths, doc_id, status) for documents already stored (unchanged or duplicate)."""
        if not seen:
            return
        self.con.execute("BEGIN TRANSACTION")
        self._record_paths(seen)
        self.con.execute("COMMIT")

    def _record_paths(self, seen: list[tuple[list[str], str, str]]) -> None:
        now = datetime.now()
        rows = [{"path": p, "doc_id": doc_id, "status": status, "seen_at": now}
                for paths, doc_id, status in seen for p in paths]
        if not rows:
            return
        marks = ", ".join("?" for _ in rows)
        self.con.execute(f"DELETE FROM files WHERE path IN ({marks})", [r["path"] for r in rows])
        self._insert("files", rows)

    def _insert(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        import pandas as pd

        cols = [c for c, _ in TABLES[table]]
        # A columnar insert: executemany costs a round trip per row and dominated batch time.
        frame = pd.DataFrame.from_records([[row.get(c) for c in cols] for row in rows], columns=cols)
        self.con.register("_rows", frame)
        try:
            self.con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(cols)} FROM _rows")
        finally:
            self.con.unregister("_rows")

    def export_parquet(self, out_dir: Path) -> list[Path]:
        """Write every table to ``out_dir``/<table>.parquet; the user's path never enters SQL text."""
        if out_dir.exists() and not out_dir.is_dir():
            raise DatabaseError(f"Parquet 输出位置 {out_dir} 是一个文件；请用 --parquet 指定一个文件夹")
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"无法创建 Parquet 输出文件夹 {out_dir}（{exc.strerror or exc}）") from exc
        written = []
        for table in TABLES:
            target = out_dir / f"{table}.parquet"
            self.con.table(table).write_parquet(str(target))
            written.append(target)
        return written

    def close(self) -> None:
        self.con.close()
