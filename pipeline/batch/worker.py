"""The unit of batch work: one file in, one picklable payload of table rows out.

Runs in worker processes (local pool or Dask workers), so it takes and returns plain data.
"""
from __future__ import annotations

import time
import traceback
from pathlib import Path

SUCCESS, PARTIAL, FAILED, SKIPPED = "SUCCESS", "PARTIAL", "FAILED", "SKIPPED"
NEEDS_REVIEW = "needs_review"  # the code of an error row holding one of the self-check's reasons


def process_file(path: str, sha256: str, display: str) -> dict:
    """Given a file, return {'document': row, 'indicators': [...], 'rules': [...], 'results': [...],
    'errors': [...]} ready for the store; never raises for a bad document."""
    from extractors.errors import ExtractionError

    from ..extract import extract_table, no_indicator_reason

    started = time.perf_counter()
    doc = {"doc_id": sha256, "file": display, "status": FAILED, "pages": 0}
    payload = {"document": doc, "indicators": [], "rules": [], "results": [], "errors": []}
    try:
        raw, table = extract_table(Path(path))
    except ExtractionError as exc:
        payload["errors"].append(_error_row(sha256, display, exc.code, exc.message(), exc.location))
        doc.update(error_code=exc.code, error_message=exc.message())
        return _finish(payload, started)
    except Exception as exc:  # an unforeseen bug must not stop a batch of thousands
        message = f"{display}：内部错误 {type(exc).__name__}: {exc}"
        payload["errors"].append(_error_row(sha256, display, "internal_error", message, _last_frame()))
        doc.update(error_code="internal_error", error_message=message)
        return _finish(payload, started)

    doc.update(_document_row(raw, table))
    book = _rulebook(table, raw, payload["errors"], sha256, display)
    domains = _domains(table, book, payload["errors"], sha256, display)
    payload["indicators"] = [dict(_indicator_row(sha256, i, table), **domains.get(i.id, {})) for i in table.indicators]
    payload["results"] = [_result_row(sha256, r) for r in table.results]
    payload["rules"] = _rule_rows(sha256, book)
    for warning in table.warnings:
        payload["errors"].append(_error_row(sha256, display, "warning", warning, None))
    # The self-check's doubts travel with the document: the archive and the workbench's library list it for
    # review by these rows, as `extract` prints them.
    for reason in table.review_reasons:
        payload["errors"].append(_error_row(sha256, display, NEEDS_REVIEW, f"需复核：{reason}", None))
    # PARTIAL means part of the file could not be read (pages skipped, OCR, nothing found); the
    # builder's warnings about the document's own content do not make a reading partial.
    missing = no_indicator_reason(raw, table)
    doc["status"] = SUCCESS if missing is None and not raw.warnings else PARTIAL
    if missing is not None:
        message = f"{display}：{missing}"
        doc.update(error_code="no_indicator_table", error_message=message)
        payload["errors"].append(_error_row(sha256, display, "no_indicator_table", message, None))
    return _finish(payload, started)


def failure_payload(doc_id: str, display: str, code: str, message: str, location, status: str = FAILED,
                    seconds: float = 0.0) -> dict:
    """The rows of a file that could not be processed (or was skipped), with its reason."""
    doc = {"doc_id": doc_id, "file": display, "status": status, "error_code": code,
           "error_message": message, "pages": 0, "seconds": round(seconds, 4)}
    return {"document": doc, "indicators": [], "rules": [], "results": [],
            "errors": [_error_row(doc_id, display, code, message, location)]}


def outcome_payload(outcome, doc_id: str, display: str) -> dict:
    """Given a bounded worker's Outcome for process_file, return the payload to store, with what the
    file cost its worker (so heavy files can be found, and budgets checked)."""
    if outcome.ok:
        payload = outcome.value
    else:
        err = outcome.error
        payload = failure_payload(doc_id, display, err.code, err.message(), err.location, seconds=outcome.seconds)
    payload["document"]["peak_mb"] = round(outcome.max_rss / 1024**2, 1)
    payload["document"]["cpu_seconds"] = round(outcome.cpu_seconds, 3)
    return payload


def warm_up(segmenter: bool = True) -> None:
    """Load the extractors, the rule parser and (with ``segmenter``) its segmenter once; the files
    forked from a warm worker inherit them instead of each paying seconds of start-up."""
    from ..extract import warm_up as warm_extractors

    warm_extractors()
    try:
        from ..rules import parse_clause
        from ..rules.nlp import get_nlp
    except ImportError:
        return
    parse_clause("发现一起扣1分")
    if segmenter:
        get_nlp()


def _finish(payload: dict, started: float) -> dict:
    payload["document"]["seconds"] = round(time.perf_counter() - started, 4)
    return payload


def _document_row(raw, table) -> dict:
    from ..export import points_by_role

    m = table.meta
    totals = points_by_role(table)
    return {
        "format": raw.source.format.value,
        "size_bytes": raw.source.size_bytes,
        "encoding": raw.source.encoding,
        "extractor_version": raw.source.extractor_version,
        "pages": len(raw.pages),
        "kind": m.kind.value,
        "title": m.title,
        "doc_number": m.doc_number,
        "issuer": m.issuer,
        "province": m.region.province,
        "city": m.region.city,
        "district": m.region.district,
        "year": m.year,
        "issue_date": m.issue_date,
        "scoring_style": m.scoring_style.value,
        "frequency": m.frequency.value,
        "tables_found": table.tables_found,
        "n_indicators": len(table.indicators),
        "n_results": len(table.results),
        "base_points": totals.get("基础指标"),
        "bonus_points": totals.get("加分项目"),
        "warnings": len(table.warnings),
    }


def _indicator_row(doc_id: str, ind, table) -> dict:
    section = next((s for s in table.sections if s.id == ind.section_id), None)
    prov = ind.prov.get("criteria") or ind.prov.get("name") or next(iter(ind.prov.values()), None)
    return {
        "doc_id": doc_id,
        "indicator_id": ind.id,
        "section": section.title if section else None,
        "section_role": section.role.value if section else None,
        "category_path": " ▸ ".join(ind.category_path),
        "category": ind.category_path[0] if ind.category_path else None,
        "category_points": ind.categories[0].points if ind.categories else None,
        "number": ind.number,
        "name": ind.name,
        "content": ind.content,
        "criteria": ind.criteria,
        "points": ind.points,
        "department": ind.department,
        "timing": ind.timing,
        "location": prov.label() if prov else None,
    }


def _rulebook(table, raw, errors: list, doc_id: str, display: str):
    """The document's rulebook, or None (with the reason recorded) when building it fails."""
    from ..rules.book import build_rulebook

    try:
        return build_rulebook(table, raw)
    except Exception as exc:  # rules are a later stage: keep the document, record the failure
        errors.append(_error_row(doc_id, display, "rules_error", f"规则生成失败：{exc}", _last_frame()))
        return None


def _domains(table, book, errors: list, doc_id: str, display: str) -> dict[str, dict]:
    """Indicator id → its taxonomy domain and canonical department, for cross-district queries."""
    from ..normalize.scheme import normalize_table

    try:
        scheme = normalize_table(table, book=book)
    except Exception as exc:  # normalizing is an extra: keep the document, record why it is missing
        errors.append(_error_row(doc_id, display, "normalize_error", f"领域归类失败：{exc}", _last_frame()))
        return {}
    return {
        ind.id: {
            "domain": ind.domain.name,
            "domain_confidence": round(ind.domain.confidence, 3),
            "canonical_department": "、".join(ind.department.names) if ind.department else None,
        }
        for ind in scheme.indicators
    }


def _result_row(doc_id: str, row) -> dict:
    return {
        "doc_id": doc_id,
        "row_id": row.id,
        "grp": row.group,
        "group_points": row.group_points,
        "path": " ▸ ".join(row.path),
        "name": row.name,
        "target": row.target,
        "actual": row.actual,
        "points_due": row.points_due,
        "points_got": row.points_got,
        "reason": row.reason,
        "department": row.department,
    }


def _rule_rows(doc_id: str, book) -> list[dict]:
    if book is None:
        return []
    rows = []
    for item in book.items:
        for n, atom in enumerate(item.atoms):
            rows.append({
                "doc_id": doc_id,
                "indicator_id": item.indicator_id,
                "atom_no": n,
                "kind": atom.kind.value,
                "direction": atom.direction.value if atom.direction else None,
                "points": atom.points,
                "per": atom.per,
                "cap": None if atom.cap in (None, "item") else float(atom.cap),
                "cap_item": atom.cap == "item",
                "range_min": atom.range[0] if atom.range else None,
                "range_max": atom.range[1] if atom.range else None,
                "metric": atom.metric,
                "text": atom.text,
            })
    return rows


def _error_row(doc_id: str, file: str, code: str, message: str, location) -> dict:
    return {"doc_id": doc_id, "file": file, "code": code, "message": message, "location": location}


def _last_frame() -> str:
    frames = traceback.extract_tb(__import__("sys").exc_info()[2])
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""
