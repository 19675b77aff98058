"""What every page shares: the store, the templates, who is signed in, and how errors become pages.

A session is an ordinary API token (`issue_token`) kept in an HttpOnly, SameSite=Strict cookie, so the pages and
the API agree on who someone is and revoking a token signs the browser out too. Forms are only accepted from the
same origin (the Origin header, when a browser sends one, must match the host).
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from legation.domain.errors import Forbidden, LegationError
from legation.domain.users import Unauthenticated, User, can

HERE = Path(__file__).parent
COOKIE = "legation_session"
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

    def render(self, request: Request, name: str, user: User | None, status: int = 200, **values: Any
               ) -> HTMLResponse:
        values.update(user=user, can=lambda action: can(user, action), tile_url=self.settings.tile_url)
        return self.templates.TemplateResponse(request, name, values, status_code=status)


def _here(request: Request) -> str:
    url = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return url if request.method == "GET" else "/map"


def same_origin(request: Request) -> None:
    """Refuse a form posted from another site (belt and braces beside the SameSite cookie)."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        raise PageError(Forbidden("this form was posted from another site"))


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


def install(app: Any, settings: Any, store: Any) -> None:
    """Routes, static files, templates and the two exception handlers, on `app`."""
    from legation.web import ingest_page, login, map_page, orders_page, site_page

    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(level_colour=level_colour)
    ctx = WebContext(settings=settings, store=store, templates=templates)
    for module in (login, map_page, site_page, orders_page, ingest_page):
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
