"""`kaoping batch PATH... --db archive.duckdb`: process an archive into a queryable database."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import fail, interactive, limit_options
from .zh import Command


@click.command("batch", cls=Command)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--db", type=click.Path(path_type=Path), default=Path("out/archive.duckdb"), show_default=True,
              help="DuckDB 数据库文件")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="并行进程数（每个文件在独立的受限进程中处理）")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="执行方式：本机进程池或 Dask 集群")
@click.option("--scheduler", help="Dask 调度器地址，如 tcp://127.0.0.1:8786（不填则在本机启动）")
@click.option("--parquet", "parquet_dir", type=click.Path(path_type=Path), help="同时导出 Parquet 到此目录")
@click.option("--retry-failed", is_flag=True, help="重新处理上次失败的文件")
@click.option("--abort-on-error", is_flag=True, help="遇到第一个失败的文件即停止")
@limit_options
@click.option("--silent", is_flag=True, help="不显示进度条")
def batch(paths, db, workers, executor, scheduler, parquet_dir, retry_failed, abort_on_error, timeout, max_memory,
          silent):
    """批量处理文件、文件夹或 zip 压缩包，结果写入 DuckDB（documents / indicators / rules / results / errors 表）。"""
    import duckdb

    from ..batch import run_batch
    from ..batch.store import DatabaseError
    from ..isolate import Limits

    bar = None
    if not silent and interactive():
        from tqdm import tqdm

        bar = tqdm(desc="批量处理", unit="个文件", file=sys.stderr)

    def on_progress(status: str, payload: dict | None) -> None:
        if bar is None:
            return
        bar.update(1)
        if payload:
            bar.pages = getattr(bar, "pages", 0) + (payload["document"].get("pages") or 0)
            bar.set_postfix_str(f"{bar.pages} 页")

    try:
        summary = run_batch(list(paths), db, workers=workers, executor=executor, scheduler=scheduler,
                            retry_failed=retry_failed, abort_on_error=abort_on_error,
                            parquet_dir=parquet_dir, on_progress=on_progress,
                            limits=Limits(timeout=timeout, max_memory=max_memory))
    except DatabaseError as exc:
        fail(str(exc))
    except (OSError, duckdb.Error) as exc:
        detail = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        fail(f"无法写入数据库 {db}（{detail}）；请检查磁盘空间与权限，已完成的文件已保存，重新运行会从中断处继续")
    finally:
        if bar is not None:
            bar.close()
    for message in summary.failures:
        click.echo(f"✗ {message}", err=True)
    click.echo(summary.message())
    click.echo(f"数据库：{db}")
