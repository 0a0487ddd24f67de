"""Load a rulebook: a rulebook workbook or YAML/JSON, an indicator-table JSON, or a scheme document to parse."""
from __future__ import annotations

import json
from pathlib import Path

import yaml
from pydantic import ValidationError

from schemas.rules import Rulebook

from .errors import ScoringError


def load_rulebook(path: Path) -> Rulebook:
    """Given a path, return its Rulebook; scheme documents are extracted and parsed on the way."""
    path = Path(path)
    if not path.exists():
        raise ScoringError("找不到规则手册或方案文件", "请检查路径", file=str(path))
    from pipeline.rules.bookio import BookError, is_rulebook, read_rulebook

    if is_rulebook(path):  # by content: an edited rulebook workbook must never be re-extracted as a scheme
        try:
            return read_rulebook(path)
        except BookError as exc:
            raise ScoringError(str(exc)) from exc
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml", ".json"):
        try:
            text = path.read_text(encoding="utf-8-sig")
            data = json.loads(text) if suffix == ".json" else yaml.safe_load(text)
        except (UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
            raise ScoringError(f"无法读取规则手册：{exc}", "请确认是 UTF-8 编码的 YAML 或 JSON", file=path.name) from exc
        if not isinstance(data, dict):
            raise ScoringError("规则手册应是一个映射（字典）", "请用 kaoping rules 生成规则手册", file=path.name)
        if data.get("schema_name") == "kaoping.IndicatorTable":
            from schemas.indicators import IndicatorTable

            return _build(IndicatorTable.model_validate(data), path)
        try:
            return Rulebook.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ScoringError(f"规则手册格式不符：{where}：{first['msg']}（共{exc.error_count()}处）",
                               "请对照 schemas/json/Rulebook.schema.json 修改", file=path.name) from exc
    from pipeline.extract import extract_table

    raw, table = extract_table(path)
    return _build(table, path, raw)


def _build(table, path: Path, raw=None) -> Rulebook:
    """Given an indicator table (and its raw document, whose prose holds scheme rules), return its rulebook."""
    try:
        from pipeline.rules.book import build_rulebook
    except ImportError as exc:
        raise ScoringError("规则解析模块（pipeline.rules.book）尚未就绪，无法从方案直接生成规则手册",
                           "请先用 kaoping rules 生成 YAML 规则手册，再用它计分", file=path.name) from exc
    from .forms import with_results

    return with_results(build_rulebook(table, raw), table)
