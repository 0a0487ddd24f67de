"""`kaoping serve [--db PATH] [--host 127.0.0.1] [--port 8765] [--token T]`: the 考评工作台 in a browser."""
from __future__ import annotations

from pathlib import Path

import click

from .common import fail
from .zh import Command


@click.command("serve", cls=Command)
@click.option("--db", type=click.Path(path_type=Path, dir_okay=False), default=Path("out/archive.duckdb"),
              show_default=True, help="档案数据库（与 kaoping batch 相同；不存在则新建）")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；非本机地址（如 0.0.0.0）必须使用访问令牌")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True, help="端口")
@click.option("--token", help="访问令牌；在局域网中提供服务时不给则自动生成并显示")
@click.option("--author", help="更正记录中的默认更正人（默认为当前登录名）")
def serve(db: Path, host: str, port: int, token: str | None, author: str | None) -> None:
    """启动考评工作台：在浏览器中复核、更正、计分和比较。"""
    import uvicorn

    from ..web import create_app
    from ..web.security import is_loopback, new_token

    if not is_loopback(host) and not token:
        token = new_token()
    try:
        app = create_app(db, token=token, author=author)
    except OSError as exc:
        fail(f"无法打开数据库 {db}：{exc}")
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    click.echo(f"考评工作台：{url}")
    if token:
        click.echo(f"访问令牌：{token}（浏览器打开上面的地址一次即可；接口请求用 Authorization: Bearer 令牌）")
    click.echo(f"数据库：{db}；按 Ctrl+C 停止")
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    finally:
        app.state.jobs.stop()
        app.state.library.close()
