"""The workbench application: routes, templates and the library it reads, assembled once per server."""
from __future__ import annotations

import getpass
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..library import Library
from .jobs import Jobs
from .security import Guard

HERE = Path(__file__).parent
HTMX = "vendor/htmx-2.0.11.min.js"
AUTHOR_COOKIE = "kp_author"


def _fmt(value, digits: int = 2) -> str:
    """Numbers as people write them: 10 not 10.0, 2.5, at most ``digits`` decimals; empty for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)):
        return f"{round(float(value), digits):g}"
    return str(value)


# Every value a template shows is escaped: document text and user input alike.
templates = Jinja2Templates(env=jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")),
                                                   autoescape=True))
templates.env.filters["num"] = _fmt
templates.env.globals["HTMX"] = HTMX


def page(request: Request, name: str, status_code: int = 200, **context) -> Response:
    """Render a template with what every page needs: the CSRF token for htmx and the author's name."""
    context.update(csrf=request.state.csrf, author=author_of(request))
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def author_of(request: Request) -> str:
    return (request.cookies.get(AUTHOR_COOKIE) or request.app.state.author or "未署名")[:40]


def library(request: Request) -> Library:
    return request.app.state.library


async def healthz(request: Request) -> Response:
    return PlainTextResponse("ok")


async def set_author(request: Request) -> Response:
    form = await request.form()
    name = str(form.get("author") or "").strip()[:40]
    response = PlainTextResponse(name or "未署名")
    response.set_cookie(AUTHOR_COOKIE, name, httponly=True, samesite="strict", max_age=3600 * 24 * 365)
    return response


async def not_found(request: Request, exc: HTTPException) -> Response:
    detail = exc.detail if isinstance(exc.detail, str) else "出错了"
    if not hasattr(request.state, "csrf"):
        return PlainTextResponse(detail, status_code=exc.status_code)
    return page(request, "error.html", status_code=exc.status_code, message=detail)


def create_app(db: Path, *, token: str | None = None, author: str | None = None) -> Starlette:
    """Given the archive database (created if missing), return the workbench; ``token`` guards every page."""
    from .views import compare, documents, review, rules, scoring

    routes = [Route("/healthz", healthz), Route("/author", set_author, methods=["POST"]),
              *documents.routes, *review.routes, *rules.routes, *scoring.routes, *compare.routes,
              Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")]
    app = Starlette(routes=routes, middleware=[Middleware(Guard, token=token)],
                    exception_handlers={HTTPException: not_found})
    app.state.library = Library(Path(db))
    app.state.author = author if author is not None else _login_name()
    app.state.jobs = Jobs(app.state.library)
    return app


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some service accounts
        return "未署名"
