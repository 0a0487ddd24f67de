"""`kaoping query "SQL"`: ask the archive database a question and see the answer as a table.

The database is opened read-only with file access turned off and locked (no COPY, ATTACH, read_csv or
extension downloads), so a query can read the archive's tables and nothing else, and can change nothing."""
from __future__ import annotations

from pathlib import Path

import click

from .common import fail, user_errors
from .zh import Command

CELL_WIDTH = 40  # longer values are cut on screen (the -o workbook keeps them whole)
LOCKED = {"enable_external_access": False, "autoinstall_known_extensions": False,
          "autoload_known_extensions": False}


# A query may start with an SQL comment (-- …): it is the query, not an option.
@click.command("query", cls=Command, context_settings={"ignore_unknown_options": True,
                                                       "help_option_names": ["-h", "--help"]})
@click.argument("sql")
@click.option("--db", type=click.Path(path_type=Path), default=Path("out/archive.duckdb"), show_default=True,
              help="kaoping batch 写出的 DuckDB 数据库")
@click.option("--limit", type=int, default=200, show_default=True, help="屏幕上最多显示多少行")
@click.option("-o", "--out", type=click.Path(path_type=Path), help="把全部结果另存为 Excel（.xlsx）")
def query(sql: str, db: Path, limit: int, out: Path | None) -> None:
    """对档案数据库执行一条只读 SQL 查询，把结果显示为表格。

    \b
    表：documents、files、indicators、rules、results、errors（列见 README“批量处理与数据库”）。
    例：kaoping query "SELECT district, year, n_indicators FROM documents WHERE status = 'SUCCESS'"
    """
    import duckdb

    if out is not None and out.suffix.lower() != ".xlsx":
        fail(f"不支持的输出格式：{out.suffix or '（无扩展名）'}。请用 .xlsx。")
    if not db.is_file():
        fail(f"找不到数据库 {db}。请先运行 kaoping batch 文件夹 --db {db}，或用 --db 指定数据库。")
    try:
        con = duckdb.connect(str(db), read_only=True, config=LOCKED)
    except duckdb.Error as exc:
        fail(f"无法打开数据库 {db}（{_first_line(exc)}）。若 kaoping batch 正在写入，请等它结束后再查询。")
    try:
        con.execute("SET lock_configuration = true")
        cursor = con.execute(sql)
        if cursor is None or cursor.description is None:
            fail("这条语句没有返回结果。kaoping query 只执行查询（SELECT）。")
        headers = [d[0] for d in cursor.description]
        rows = cursor.fetchall() if out is not None else cursor.fetchmany(limit + 1)
    except duckdb.Error as exc:
        fail(f"查询出错：{_first_line(exc)}")
    finally:
        con.close()
    from ..results.report import text_table

    shown = rows[:limit]
    click.echo(text_table(headers, [[_shown(v) for v in row] for row in shown]) if shown else "（没有结果）")
    more = len(rows) - len(shown)
    if out is not None:
        with user_errors():
            _save(out, headers, rows)
    tail = f"；另有 {more} 行未显示（--limit 可调整）" if more > 0 and out is None else ""
    saved = f"；全部 {len(rows)} 行已存入 {out}" if out is not None else ""
    click.echo(f"共显示 {len(shown)} 行{tail}{saved}")


def _shown(value) -> str:
    if value is None:
        return ""
    text = f"{value:g}" if isinstance(value, float) else str(_cell(value))
    text = text.replace("\n", " ")
    return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"


def _save(path: Path, headers: list[str], rows: list[tuple]) -> None:
    from ..excel import Book, Column

    numeric = [bool(rows) and all(isinstance(r[i], (int, float)) or r[i] is None for r in rows)
               for i in range(len(headers))]
    columns = [Column(h, "number" if n else "text") for h, n in zip(headers, numeric)]
    with Book(path) as book:
        book.sheet("查询结果", columns, ([_cell(v) for v in row] for row in rows))


def _cell(value):
    """A value as a cell: lists and records as plain Chinese text, never JSON."""
    if value is None or isinstance(value, (int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return "、".join(str(_cell(v)) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}：{_cell(v)}" for k, v in value.items())
    return str(value)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
