"""Who may talk to the workbench: an access token off loopback, CSRF tokens on every change, size limits,
and headers that keep pages from loading anything from elsewhere."""
from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlencode, urlsplit

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

SESSION_COOKIE, CSRF_COOKIE, CSRF_HEADER = "kp_session", "kp_csrf", "x-csrf-token"
MAX_REQUEST_BYTES = 200 * 1024 * 1024
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
OPEN_PATHS = {"/healthz"}
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def is_loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Guard(BaseHTTPMiddleware):
    """Every request passes here: token (when one is set), CSRF on changes, request size, response headers."""

    def __init__(self, app, token: str | None):
        super().__init__(app)
        self.token = token
        self.sessions: set[str] = set()

    async def dispatch(self, request: Request, call_next) -> Response:
        new_session = None
        if self.token and request.url.path not in OPEN_PATHS:
            given = request.query_params.get("token")
            if given is not None and hmac.compare_digest(given, self.token):
                # Once by URL, then a cookie: the token leaves the address bar and the history.
                new_session = secrets.token_urlsafe(24)
                self.sessions.add(new_session)
                query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
                response = RedirectResponse(request.url.path + (f"?{query}" if query else ""), status_code=303)
                return self._finish(request, response, new_session)
            if not (self._bearer(request) or request.cookies.get(SESSION_COOKIE) in self.sessions):
                return PlainTextResponse("需要访问令牌：请使用启动时显示的带 token 的地址打开工作台。", status_code=401,
                                         headers={"WWW-Authenticate": "Bearer"})
        if request.method not in SAFE_METHODS:
            refused = self._refuse_change(request)
            if refused is not None:
                return refused
        request.state.csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        return self._finish(request, await call_next(request), new_session)

    def _bearer(self, request: Request) -> bool:
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(value.strip(), self.token or "")

    def _refuse_change(self, request: Request) -> Response | None:
        """A change must come from a page of this workbench: same origin, and the session's CSRF token."""
        origin = request.headers.get("origin") or request.headers.get("referer")
        if origin and urlsplit(origin).netloc != request.headers.get("host"):
            return PlainTextResponse("拒绝：请求来自其他网站。", status_code=403)
        cookie, sent = request.cookies.get(CSRF_COOKIE), request.headers.get(CSRF_HEADER, "")
        if not cookie or not hmac.compare_digest(cookie, sent):
            return PlainTextResponse("拒绝：缺少或错误的表单校验码，请刷新页面后重试。", status_code=403)
        if int(request.headers.get("content-length") or 0) > MAX_REQUEST_BYTES:
            return PlainTextResponse(f"上传内容过大（上限 {MAX_REQUEST_BYTES // 2**20} MB）。", status_code=413)
        return None

    def _finish(self, request: Request, response: Response, session: str | None) -> Response:
        csrf = getattr(request.state, "csrf", None)
        if csrf and request.cookies.get(CSRF_COOKIE) != csrf:
            response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict")
        if session:
            response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict")
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response
