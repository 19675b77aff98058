"""What every page shares: the store, the templates, who is signed in, and how errors become pages.

A session is an ordinary API token (`issue_token`) kept in an HttpOnly, SameSite=Strict cookie, so the pages and
the API agree on who someone is and revoking a token signs the browser out too. The cookie is Secure whenever the
request came over HTTPS: directly, or through a reverse proxy that uvicorn trusts (uvicorn takes the scheme from
`X-Forwarded-Proto` when the proxy's address is in `FORWARDED_ALLOW_IPS`, 127.0.0.1 by default). Forms are only
accepted from the same origin (the Origin header, when a browser sends one, must match the host; `Origin: null`,
which sandboxed frames and some redirects send, is refused).

A banner after an action ("ord-0002 issued") is a flash: a short-lived cookie signed with a key derived from the
session, set by the action and shown once by the next page. Nothing in a URL becomes a banner.

Every response carries the security headers (`SecurityHeaders`): a Content-Security-Policy that runs no inline
script and loads everything from this server, no framing, no MIME sniffing, no referrer to other sites. A page's
JSON error (a query parameter FastAPI refused, a body over the size limit) becomes an HTML page (`HtmlErrors`).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import inspect
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from legation.domain.errors import Forbidden, LegationError
from legation.domain.users import Unauthenticated, User, can

HERE = Path(__file__).parent
COOKIE = "legation_session"
FLASH_COOKIE = "legation_flash"
FLASH_SECONDS = 120  # a banner not shown within this long after its action is dropped
SESSION_DAYS = 1
# Each level colour carries white text at a contrast of at least 4.5:1 (WCAG AA).
LEVEL_COLOURS = {0: "#6b6b6b", 1: "#1a7f37", 2: "#4d7a12", 3: "#8a6a00", 4: "#b54f00", 5: "#c0262d", 6: "#6d0a0f"}


class LoginRequired(Exception):
    """Nobody (or an expired session) asked for a page: send them to the login page and back."""

    def __init__(self, next_url: str):
        self.next_url = next_url


class PageError(Exception):
    """A `LegationError` met while building a page: shown as an error page with its status."""

    def __init__(self, error: LegationError):
        self.error = error


@dataclass
class WebContext:
    settings: Any
    store: Any
    templates: Jinja2Templates

    def user(self, request: Request) -> User:
        """The signed-in user, or `LoginRequired`."""
        from legation.store.users import user_for_token

        token = request.cookies.get(COOKIE)
        if not token:
            raise LoginRequired(_here(request))
        try:
            with self.store.connect() as conn:
                return user_for_token(conn, token)
        except Unauthenticated:
            raise LoginRequired(_here(request)) from None

    def allowed(self, request: Request, action: str) -> User:
        """The signed-in user if their role allows `action`; `Forbidden` (a 403 page) otherwise."""
        user = self.user(request)
        if not can(user, action):
            raise PageError(Forbidden(f"your role ({user.role}) may not do this ({action})"))
        return user

    def shown(self, request: Request, action: str, page: Callable[..., Any], *args: Any) -> Any:
        """A page for a user whose role allows `action`: `page(ctx, request, user, *args, done=banner)`, with the
        banner the user's last action left."""
        return page(self, request, self.allowed(request, action), *args, done=flash(request))

    def render(self, request: Request, name: str, user: User | None, status: int = 200, **values: Any
               ) -> HTMLResponse:
        values.update(user=user, can=lambda action: can(user, action), tile_url=self.settings.tile_url)
        response = self.templates.TemplateResponse(request, name, values, status_code=status)
        if FLASH_COOKIE in request.cookies and request.method == "GET" and not request.headers.get("hx-request"):
            response.delete_cookie(FLASH_COOKIE, path="/")  # a flash is shown once, by the page after its action
        return response


def _here(request: Request) -> str:
    url = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return url if request.method == "GET" else "/map"


def same_origin(request: Request) -> None:
    """Refuse a form posted from another site (belt and braces beside the SameSite cookie). `Origin: null` (a
    sandboxed frame, a data: page, a cross-site redirect) is another site too, and so is a request the browser
    marks `Sec-Fetch-Site: cross-site` or `same-site` (a sibling host)."""
    origin = request.headers.get("origin")
    if origin is not None and (origin.strip().lower() == "null" or not origin.strip()
                               or urlsplit(origin).netloc != request.headers.get("host")):
        raise PageError(Forbidden("this form was posted from another site"))
    if request.headers.get("sec-fetch-site") in ("cross-site", "same-site"):  # what the browser itself says
        raise PageError(Forbidden("this form was posted from another site"))


def secure(request: Request) -> bool:
    """Whether cookies set in answer to `request` get the Secure flag: the request came over HTTPS (uvicorn sets
    the scheme from a trusted proxy's X-Forwarded-Proto)."""
    return request.url.scheme in ("https", "wss")


def session_key(request: Request, purpose: str) -> bytes | None:
    """A key for signing what this browser's session is shown and sends back (flashes, ingest drafts): derived
    from the session token, which only this browser and the server know. None without a session."""
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    return hashlib.sha256(f"legation-{purpose}\0{token}".encode()).digest()


def sign(key: bytes, payload: bytes) -> str:
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def set_flash(request: Request, response: Any, message: str) -> Any:
    """Have the next page this browser opens show `message` once, as a success banner."""
    key = session_key(request, "flash")
    if key is None:
        return response
    payload = json.dumps({"m": message, "exp": int(time.time()) + FLASH_SECONDS}, separators=(",", ":")).encode()
    value = base64.urlsafe_b64encode(payload).decode().rstrip("=") + "." + sign(key, payload)
    response.set_cookie(FLASH_COOKIE, value, max_age=FLASH_SECONDS, httponly=True, samesite="strict",
                        secure=secure(request), path="/")
    return response


def flash(request: Request) -> str | None:
    """The banner an action left for this session, if it is genuine and fresh; None otherwise."""
    value, key = request.cookies.get(FLASH_COOKIE), session_key(request, "flash")
    if not value or key is None or "." not in value:
        return None
    encoded, signature = value.rsplit(".", 1)
    try:
        payload = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except ValueError:
        return None
    if not hmac.compare_digest(sign(key, payload), signature):
        return None
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("m"), str) or int(data.get("exp", 0)) < time.time():
        return None
    return data["m"]


def pages(fn: Callable) -> Callable:
    """Decorate a page handler: a `LegationError` it raises becomes an error page with the error's status."""
    if inspect.iscoroutinefunction(fn):
        @functools.wraps(fn)
        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return await fn(*args, **kwargs)
            except LegationError as err:
                raise PageError(err) from None
        return async_wrapper

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except LegationError as err:
            raise PageError(err) from None
    return wrapper


def level_colour(level: int | None) -> str:
    return LEVEL_COLOURS.get(level or 0, LEVEL_COLOURS[0])


# --- Security headers and HTML errors: plain ASGI middleware, so they also wrap the answers other middleware
# (the API's body and rate limits) give before any route runs.

def content_security_policy(tile_url: str | None = None) -> str:
    """No inline script, no eval, everything from this server (images also from the optional tile server), no
    plugins, no framing, forms only to this server.

    Styles are `'self'` too: the pages colour levels and event types by attribute and class (`/web/colours.css`,
    built from the same tables as the map), and Leaflet, its cluster plugin and Swagger UI set styles through the
    DOM's style properties, which a CSP does not govern; so no `'unsafe-inline'` is needed anywhere."""
    images = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a").replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"))
        if parts.scheme in ("http", "https") and parts.netloc:
            host = parts.netloc if "{s}" not in tile_url.split("/")[2] else "*." + parts.netloc.split(".", 1)[-1]
            images += f" {parts.scheme}://{host}"
    return ("default-src 'self'; script-src 'self'; style-src 'self'; img-src " + images + "; "
            "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'")


class SecurityHeaders:
    """Adds the security headers to every response that does not already carry them."""

    def __init__(self, app: Any, tile_url: str | None = None):
        self.app = app
        self.headers = [(b"content-security-policy", content_security_policy(tile_url).encode()),
                        (b"x-frame-options", b"DENY"), (b"x-content-type-options", b"nosniff"),
                        # same-origin, not no-referrer: under no-referrer a browser sends `Origin: null` with this
                        # site's own form posts, which same_origin() refuses
                        (b"referrer-policy", b"same-origin"),
                        (b"cross-origin-opener-policy", b"same-origin")]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                have = {name.lower() for name, _ in message.get("headers") or []}
                extra = [(n, v) for n, v in self.headers if n not in have]
                if extra:
                    message = {**message, "headers": [*(message.get("headers") or []), *extra]}
            await send(message)

        return await self.app(scope, receive, with_headers)


def is_page_path(path: str) -> bool:
    """A web page's path (not the API, its OpenAPI document or its docs)."""
    return not (path.startswith("/api/") or path == "/api" or path.startswith("/openapi"))


@functools.lru_cache(maxsize=1)
def _error_templates() -> Any:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(default=True))
    env.globals.update(level_colour=level_colour)
    return env


def error_html(status: int, code: str, message: str, fragment: bool = False) -> bytes:
    """An error page (or the fragment htmx swaps in place) for an answer given outside any page handler."""
    template = _error_templates().get_template("error_fragment.html" if fragment else "error.html")
    return template.render(user=None, request=None, can=lambda action: False, message=message, code=code,
                           status=status).encode()


def _json_message(body: bytes) -> tuple[str, str]:
    """(code, message) of an API-shaped or FastAPI-shaped JSON error."""
    try:
        data = json.loads(body or b"null")
    except ValueError:
        return "error", "the request could not be handled"
    if isinstance(data, dict) and isinstance(data.get("error"), dict):
        err = data["error"]
        message = str(err.get("message") or "the request could not be handled")
        if err.get("field"):
            message = f"{err['field']}: {message}"
        return str(err.get("code") or "error"), message
    if isinstance(data, dict) and "detail" in data:
        detail = data["detail"]
        if isinstance(detail, list) and detail and isinstance(detail[0], dict):
            first = detail[0]
            where = ".".join(str(p) for p in first.get("loc", [])[1:])
            return "bad_input", f"{where}: {first.get('msg', 'invalid')}" if where else str(first.get("msg"))
        return "error", str(detail)
    return "error", "the request could not be handled"


class HtmlErrors:
    """On a page's path, turn a JSON error answer (a refused query parameter, a body over the size limit, an
    unknown path) into an HTML error page, or the fragment htmx swaps in place; the API keeps its JSON."""

    def __init__(self, app: Any, too_large: str | None = None, uploads: tuple[str, ...] = ("/read/",)):
        self.app, self.too_large, self.uploads = app, too_large, uploads  # too_large: what an upload's 413 says

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not is_page_path(scope.get("path", "")):
            return await self.app(scope, receive, send)
        fragment = any(name == b"hx-request" for name, _ in scope.get("headers") or [])
        held: dict[str, Any] = {}

        async def as_html(message):
            if message["type"] == "http.response.start":
                headers = dict((n.lower(), v) for n, v in message.get("headers") or [])
                if message["status"] >= 400 and headers.get(b"content-type", b"").startswith(b"application/json"):
                    held["start"], held["body"] = message, b""
                    return
                return await send(message)
            if message["type"] == "http.response.body" and "start" in held:
                held["body"] += message.get("body", b"")
                if message.get("more_body"):
                    return
                start = held.pop("start")
                status = start["status"]
                code, text = _json_message(held["body"])
                if status == 422:
                    code = "bad_input"
                if status == 404 and code == "error":
                    code, text = "not_found", "there is no such page"
                if status == 413 and self.too_large and scope.get("path", "").startswith(self.uploads):
                    text = self.too_large
                body = error_html(status, code, text, fragment)
                keep = [(n, v) for n, v in start.get("headers") or []
                        if n.lower() not in (b"content-type", b"content-length")]
                await send({**start, "headers": [*keep, (b"content-type", b"text/html; charset=utf-8"),
                                                 (b"content-length", str(len(body)).encode())]})
                return await send({"type": "http.response.body", "body": body})
            return await send(message)

        return await self.app(scope, receive, as_html)


def install(app: Any, settings: Any, store: Any) -> None:
    """Routes, static files, templates and the two exception handlers, on `app`."""
    from legation.web import ingest_page, live, login, map_page, orders_page, site_page

    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(level_colour=level_colour)
    ctx = WebContext(settings=settings, store=store, templates=templates)
    for module in (login, map_page, site_page, orders_page, ingest_page, live):
        app.include_router(module.router(ctx), include_in_schema=False)
    app.mount("/static/web", StaticFiles(directory=str(HERE / "static")), name="web-static")

    async def to_login(request: Request, exc: LoginRequired):
        if request.headers.get("hx-request"):  # htmx: a full-page redirect, not a login form in a fragment
            return HTMLResponse("", status_code=401, headers={"HX-Redirect": "/login"})
        return RedirectResponse(f"/login?next={quote(exc.next_url, safe='')}", status_code=303)

    async def error_page(request: Request, exc: PageError):
        err = exc.error
        try:
            user = ctx.user(request)
        except LoginRequired:
            user = None
        name = "error_fragment.html" if request.headers.get("hx-request") else "error.html"
        return ctx.render(request, name, user, status=err.status, message=err.message, code=err.code)

    app.add_exception_handler(LoginRequired, to_login)
    app.add_exception_handler(PageError, error_page)
    app.add_middleware(HtmlErrors)
    app.add_middleware(SecurityHeaders, tile_url=settings.tile_url)
