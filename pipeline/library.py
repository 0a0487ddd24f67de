"""The archive database as a library of documents: list and search them, keep uploaded files by content hash,
process uploads through batch, and read a document's extraction with a person's corrections applied.

The workbench (pipeline/web) is a view over these functions; `kaoping batch` writes the same database.
"""
from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Callable

from schemas.corrections import Correction
from schemas.indicators import IndicatorTable
from schemas.raw import RawDocument
from schemas.rules import Rulebook

from .batch.store import Store
from .corrections import corrected_rulebook, corrected_table, delete_correction, load_corrections, save_correction

# Suffixes a stored upload may keep (extractors read by content; the suffix only helps a person browsing).
KEPT_SUFFIXES = {".pdf", ".docx", ".doc", ".wps", ".xlsx", ".xls", ".html", ".htm", ".txt", ".zip", ".csv",
                 ".jsonl", ".json"}
CACHED_DOCUMENTS = 16
_HASH = re.compile(r"^[0-9a-f]{64}$")
LIST_COLUMNS = ["doc_id", "file", "status", "error_code", "error_message", "format", "pages", "kind", "title",
                "doc_number", "issuer", "province", "city", "district", "year", "n_indicators", "n_results",
                "base_points", "bonus_points", "warnings", "processed_at"]


class Library:
    def __init__(self, db: Path):
        self.db = Path(db)
        self.store = Store(self.db)  # creates the tables, or adds those a newer kaoping needs
        self.con = self.store.con
        self.files = self.db.parent / f"{self.db.stem}.files"
        self.lock = threading.RLock()
        self._cache: OrderedDict[str, tuple] = OrderedDict()

    def close(self) -> None:
        self.store.close()

    # -- the list -------------------------------------------------------------------------------
    def documents(self, query: str = "", status: str = "", review_only: bool = False) -> list[dict]:
        """Given a search text and filters, return the matching documents, each with its review reasons."""
        where, args = [], []
        if query:
            like = f"%{query}%"
            where.append("(file ILIKE ? OR title ILIKE ? OR doc_number ILIKE ? OR issuer ILIKE ? OR district ILIKE ? "
                         "OR city ILIKE ? OR province ILIKE ? OR CAST(year AS VARCHAR) = ?)")
            args += [like] * 7 + [query]
        if status:
            where.append("status = ?")
            args.append(status)
        sql = f"SELECT {', '.join(LIST_COLUMNS)} FROM documents"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY processed_at DESC, file"
        with self.lock:
            rows = [dict(zip(LIST_COLUMNS, r)) for r in self.con.execute(sql, args).fetchall()]
            reasons = self._reasons([r["doc_id"] for r in rows])
            edited = dict(self.con.execute("SELECT doc_id, count(*) FROM corrections GROUP BY doc_id").fetchall())
        for r in rows:
            r["reasons"] = reasons.get(r["doc_id"], [])
            r["review"] = r["status"] != "SUCCESS" or bool(r["reasons"])
            r["corrections"] = edited.get(r["doc_id"], 0)
        return [r for r in rows if r["review"]] if review_only else rows

    def _reasons(self, ids: list[str]) -> dict[str, list[str]]:
        """Given document ids, return the messages (errors and warnings) that make each one need review."""
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        out: dict[str, list[str]] = {}
        for doc_id, message in self.con.execute(
                f"SELECT doc_id, message FROM errors WHERE doc_id IN ({marks}) ORDER BY doc_id", ids).fetchall():
            out.setdefault(doc_id, []).append(message)
        return out

    def document(self, doc_id: str) -> dict | None:
        """Given a content hash, return the document's row with its review reasons, or None."""
        if not _HASH.match(doc_id or ""):
            return None
        with self.lock:
            row = self.con.execute(f"SELECT {', '.join(LIST_COLUMNS)} FROM documents WHERE doc_id = ?",
                                   [doc_id]).fetchone()
            if row is None:
                return None
            doc = dict(zip(LIST_COLUMNS, row))
            doc["reasons"] = self._reasons([doc_id]).get(doc_id, [])
        doc["review"] = doc["status"] != "SUCCESS" or bool(doc["reasons"])
        return doc

    def totals(self) -> dict:
        """Counts of documents by status, for the library's head line."""
        with self.lock:
            return dict(self.con.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall())

    # -- files ----------------------------------------------------------------------------------
    def keep_file(self, data: bytes, name: str, kind: str = "uploads") -> Path:
        """Given uploaded bytes and the name the client gave, store them under their content hash (the name
        lends only a known suffix) and return the stored path."""
        sha = hashlib.sha256(data).hexdigest()
        suffix = Path(name).suffix.lower()
        folder = self.files / kind
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / (sha + (suffix if suffix in KEPT_SUFFIXES else ""))
        if not path.exists():
            tmp = path.with_name(path.name + ".part")
            tmp.write_bytes(data)
            tmp.replace(path)
        return path

    def source_path(self, doc_id: str) -> Path | None:
        """Given a content hash, return a readable file with exactly these bytes: an upload, a path batch
        recorded, or a member batch unpacked from a zip."""
        from .batch.discover import extract_member, file_sha256

        if not _HASH.match(doc_id or ""):
            return None
        candidates = sorted((self.files / "uploads").glob(doc_id + "*"))
        with self.lock:
            paths = [r[0] for r in self.con.execute("SELECT path FROM files WHERE doc_id = ?", [doc_id]).fetchall()]
        for p in paths:
            if "!/" in p:
                # Batch removes its unpack folder when it ends; bring the member back from its archive.
                member = extract_member(p, self.files / "members" / doc_id)
                candidates += [member] if member is not None else []
            else:
                candidates.append(Path(p))
        for path in candidates:
            if path.is_file() and not path.name.endswith(".part") and file_sha256(path) == doc_id:
                return path
        return None

    def ingest(self, paths: list[Path], names: dict[Path, str],
               on_progress: Callable[[str, dict | None], None] | None = None):
        """Given stored uploads and the names people know them by, process them into the archive through
        batch's workers (a file that crashes or hangs its worker fails alone) and return the summary.
        The one place the library calls batch."""
        from .batch import run_batch

        summary = run_batch(paths, self.db, workers=1, on_progress=on_progress)
        with self.lock:
            for path, name in names.items():
                # Batch knows the stored path (and zip members under it); people know the name they uploaded.
                for table in ("documents", "errors"):
                    self.con.execute(f"UPDATE {table} SET file = ? || substr(file, ?) WHERE starts_with(file, ?)",
                                     [name, len(str(path)) + 1, str(path)])
        return summary

    # -- one document ---------------------------------------------------------------------------
    def extraction(self, doc_id: str) -> RawDocument:
        """Given a content hash, return the document's RawDocument (kept on disk per extractor version)."""
        from extractors.registry import EXTRACTOR_VERSION

        cached = self.files / "raw" / f"{doc_id}.{EXTRACTOR_VERSION}.json"
        if cached.exists():
            return RawDocument.model_validate_json(cached.read_bytes())
        path = self.source_path(doc_id)
        if path is None:
            raise LookupError(f"找不到文档 {doc_id[:12]} 的原文件：请重新上传或重新运行 kaoping batch")
        from .extract import extract_raw

        raw = extract_raw(path)
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(raw.model_dump_json(), encoding="utf-8")
        return raw

    def corrections(self, doc_id: str) -> list[Correction]:
        with self.lock:
            return load_corrections(self.con, doc_id)

    def correct(self, correction: Correction) -> None:
        """Store a correction; the next read of the document applies it."""
        with self.lock:
            save_correction(self.con, correction)
            self._cache.pop(correction.doc_id, None)

    def withdraw(self, doc_id: str, correction_id: str) -> None:
        with self.lock:
            delete_correction(self.con, doc_id, correction_id)
            self._cache.pop(doc_id, None)

    def read(self, doc_id: str) -> tuple[RawDocument, IndicatorTable, Rulebook]:
        """Given a content hash, return the raw document, the corrected table and the corrected rulebook."""
        with self.lock:
            if doc_id in self._cache:
                self._cache.move_to_end(doc_id)
                return self._cache[doc_id]
        raw = self.extraction(doc_id)
        table = corrected_table(raw, self.corrections(doc_id))
        entry = (raw, table, corrected_rulebook(table, raw))
        with self.lock:
            self._cache[doc_id] = entry
            while len(self._cache) > CACHED_DOCUMENTS:
                self._cache.popitem(last=False)
        return entry
