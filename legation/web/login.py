"""Signing in and out: a password checked by `authenticate`, a session token from `issue_token` in a cookie."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from legation.domain.users import Unauthenticated
from legation.web.context import COOKIE, FLASH_COOKIE, SESSION_DAYS, LoginRequired, WebContext, same_origin, secure


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never `//elsewhere` or a full URL): no open redirect through the login form."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/map"


def router(ctx: WebContext) -> APIRouter:
    r = APIRouter()

    @r.get("/")
    def home():
        return RedirectResponse("/map", status_code=303)

    @r.get("/login")
    def login_form(request: Request, next: str = "/map"):
        return ctx.render(request, "login.html", None, next=_safe_next(next), error=None, username="")

    @r.post("/login")
    def login(request: Request, username: str = Form(""), password: str = Form(""), next: str = Form("/map")):
        from legation.store.audit import acting_as
        from legation.store.users import authenticate, issue_token

        same_origin(request)
        username = username.strip().lower()
        try:
            with ctx.store.begin() as conn:
                user = authenticate(conn, username, password, client=request.client.host if request.client else None)
                with acting_as(user.username):
                    token = issue_token(conn, user.username, ttl_days=SESSION_DAYS)
        except Unauthenticated as err:  # TooManyAttempts too: 429, with the seconds to wait
            page = ctx.render(request, "login.html", None, status=err.status, next=_safe_next(next),
                              error=err.message, username=username)
            if hasattr(err, "retry_after"):
                page.headers["Retry-After"] = str(err.retry_after)
            return page
        response = RedirectResponse(_safe_next(next), status_code=303)
        response.set_cookie(COOKIE, token, max_age=SESSION_DAYS * 86400, httponly=True, samesite="strict",
                            secure=secure(request), path="/")
        return response

    @r.post("/logout")
    def logout(request: Request):
        from legation.store.audit import acting_as
        from legation.store.users import revoke_token, token_id

        same_origin(request)
        token = request.cookies.get(COOKIE)
        try:
            user = ctx.user(request)
        except LoginRequired:
            user = None
        if token and user and token_id(token):
            with ctx.store.begin() as conn, acting_as(user.username):
                revoke_token(conn, token_id(token))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        response.delete_cookie(FLASH_COOKIE, path="/")
        return response

    return r
