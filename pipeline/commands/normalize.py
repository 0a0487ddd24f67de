"""`kaoping normalize`: indicators → taxonomy domains, one JSON object per indicator.

A documented interface other tools call. In: one JSON object per line with `name` and optionally `category`,
`criteria`, `content`, `department`. Out: one JSON object per line, in input order, always with the keys of
OUTPUT_KEYS: `domain` (a taxonomy code, or `other`), `name` (the domain's Chinese name), `confidence` (0–1,
an estimated probability of being right), `review` (a person should check) with `reason`, `field` (for
`other`: the field outside the taxonomy when clear, e.g. 河长制与水利) and `evidence` (every word that spoke:
source, word, domain, field, weight, generic). Codes are stable; a renamed code stays readable as an alias.
"""
from __future__ import annotations

import json
import sys

import click

from .common import fail
from .zh import Command

INPUT_KEYS = ("name", "category", "criteria", "content", "department")
OUTPUT_KEYS = ("domain", "name", "confidence", "review", "reason", "field", "evidence")


def assignment_json(a) -> dict:
    """Given a DomainAssignment, return its stable JSON object."""
    return {"domain": a.code, "name": a.name, "confidence": a.confidence, "review": a.review, "reason": a.reason,
            "field": a.field, "evidence": [e.model_dump(mode="json") for e in a.evidence]}


def _read(number: int, raw: bytes) -> tuple[dict | None, str | None]:
    """Given an input line, return its fields, or the Chinese reason it cannot be read."""
    text = raw.decode("utf-8", errors="replace").strip().lstrip("\ufeff")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, f"第 {number} 行不是 JSON（{exc.msg}，第 {exc.colno} 列）"
    if not isinstance(data, dict):
        return None, f"第 {number} 行不是 JSON 对象"
    fields = {k: data.get(k) for k in INPUT_KEYS}
    if any(v is not None and not isinstance(v, str) for v in fields.values()):
        return None, f"第 {number} 行的 {'、'.join(k for k, v in fields.items() if v is not None and not isinstance(v, str))} 不是文本"
    if not (fields["name"] or "").strip():
        return None, f"第 {number} 行缺少指标名称 name"
    return fields, None


def _unread(reason: str) -> dict:
    from ..normalize.taxonomy import OTHER, load_taxonomy

    return {"domain": OTHER, "name": load_taxonomy().domain(OTHER).name, "confidence": 0.0, "review": True,
            "reason": reason, "field": None, "evidence": []}


def _prepared(fields: dict) -> tuple[dict, str | None]:
    """Given one indicator's fields as read from a line, return them for the classifier and the department hint."""
    from ..normalize.departments import department_fields

    hint, text = department_fields(fields.get("department"))
    return {**fields, "department": text}, hint


def classify_fields(fields: dict):
    """Given one indicator's fields as read from a line, return its DomainAssignment."""
    from ..normalize.classify import classify

    prepared, hint = _prepared(fields)
    return classify(prepared, department_domain=hint)


@click.command("normalize", cls=Command)
@click.argument("name", required=False)
@click.option("--category", default=None, help="类别（多级用空格或 ▸ 连接）")
@click.option("--criteria", default=None, help="评分标准")
@click.option("--department", default=None, help="责任部门")
@click.option("--stdin", "from_stdin", is_flag=True, help="从标准输入逐行读取 JSON，每行输出一个 JSON")
@click.option("--scheme", is_flag=True, help="与 --stdin 同用：各行同属一个方案，其他行的归类作为每一行的参考")
@click.option("--title", default=None, help="与 --scheme 同用：方案标题（如“某县社区矫正工作考核细则”），同样作为参考")
def normalize(name: str | None, category: str | None, criteria: str | None, department: str | None,
              from_stdin: bool, scheme: bool, title: str | None) -> None:
    """把指标归入统一领域分类（或“其他”，并说明所属的其他领域），输出 JSON。

    \b
    kaoping normalize "律师管理" --category 法治建设类
    kaoping normalize --stdin < 指标.jsonl            每行 {"category","name","criteria","department"}
    kaoping normalize --stdin --scheme --title 方案标题 < 方案.jsonl   整个方案一起读
    """
    if from_stdin == (name is not None):
        fail("请给出一个指标名称，或使用 --stdin 从标准输入逐行读取 JSON（两者只能选一）。")
    if scheme and not from_stdin:
        fail("--scheme 只能与 --stdin 同用。")
    if title is not None and not scheme:
        fail("--title 只能与 --scheme 同用。")
    if not from_stdin:
        fields = {"name": name, "category": category, "criteria": criteria, "department": department}
        click.echo(json.dumps(assignment_json(classify_fields(fields)), ensure_ascii=False, indent=1))
        return
    lines = list(enumerate(sys.stdin.buffer, start=1)) if scheme else enumerate(sys.stdin.buffer, start=1)
    out = sys.stdout.buffer  # bytes out: UTF-8 whatever the console code page
    if scheme:
        for obj in _scheme([(n, raw) for n, raw in lines if raw.strip()], title):
            out.write((json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8"))
        return
    for number, raw in lines:
        if not raw.strip():
            continue
        fields, problem = _read(number, raw)
        if problem:
            click.echo(f"错误：{problem}，已输出为需复核的“其他”。", err=True)
        obj = _unread(problem) if problem else assignment_json(classify_fields(fields))
        out.write((json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8"))
        out.flush()


def _scheme(lines: list[tuple[int, bytes]], title: str | None) -> list[dict]:
    """Given a whole scheme's lines and its title, return their objects, each row read with the others and the
    title as what its scheme is about."""
    from ..normalize.context import classify_scheme
    from ..normalize.scheme import group_key

    read = [_read(n, raw) for n, raw in lines]
    for fields, problem in read:
        if problem:
            click.echo(f"错误：{problem}，已输出为需复核的“其他”。", err=True)
    rows = [(group_key(f), *_prepared(f)) for f, problem in read if not problem]
    done = iter(classify_scheme(rows, title=title) if rows else [])
    return [_unread(problem) if problem else assignment_json(next(done)) for _, problem in read]
