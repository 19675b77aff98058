"""The HTTP API: `create_app(settings, store)` builds a FastAPI app serving `/api/v1` (OpenAPI at /openapi.json).

Every route needs a bearer token except health and signing in; what a token may do is its user's role
(`legation.domain.users.PERMISSIONS`), and a liaison sees only their own organisation's sites. Every write goes
through the same library functions as the CLI, under `acting_as(user)`, so the audit log names who did it.
Errors, all of them, have one shape: `{"error": {"code", "message", "field"?}}`.
"""

from __future__ import annotations

from fastapi import FastAPI

from legation.api import errors
from legation.api.cache import Kept
from legation.api.limits import BodyLimit, RateLimit
from legation.api.routers.common import ERRORS
from legation.settings import Settings

PREFIX = "/api/v1"
DESCRIPTION = """Legation's HTTP API: protected sites, reports and events, incidents, actors, threat assessments,
protection orders and the audit trail.

Sign in with `POST /api/v1/auth/token` (username and password) or use a token from `legation users token NAME`;
send it as `Authorization: Bearer <token>`. Lists take `limit` (at most 500) and `offset` and return
`{"items", "limit", "offset", "next_offset"}`. Every error is `{"error": {"code", "message", "field"?}}`."""


def _routers():
    """The resource routers, in the order they appear in the OpenAPI document; those whose library is not
    installed yet are skipped."""
    import importlib

    for name in ("health", "auth", "sites", "reports", "events", "incidents", "actors", "assessments", "orders",
                 "audit"):
        try:
            module = importlib.import_module(f"legation.api.routers.{name}")
        except ModuleNotFoundError as err:
            missing = err.name or ""
            if missing == f"legation.api.routers.{name}" or (missing.startswith("legation.")
                                                             and not missing.startswith("legation.api")):
                continue  # no such router yet, or the library it calls is not installed
            raise
        yield module.router


def create_app(settings: Settings | None = None, store=None) -> FastAPI:
    """A configured app over `store` (opened from `settings.db` when not given)."""
    from legation.store import open_store

    settings = settings or Settings()
    store = store or open_store(settings.db)
    app = FastAPI(title="Legation", version=_version(), description=DESCRIPTION, docs_url="/api/docs",
                  redoc_url=None, openapi_url="/openapi.json")
    app.state.settings, app.state.store = settings, store
    size = settings.api_kept_answers
    app.state.answers = Kept(size) if size > 0 else None  # see legation/api/cache.py
    app.state.holders = Kept(max(size, 256))
    app.state.computing = {}  # answers being computed now, by key (api/cache.py)
    errors.install(app)
    for router in _routers():
        app.include_router(router, prefix=PREFIX, responses={500: ERRORS[500], 413: ERRORS[413]})
    try:  # the web pages, when installed (legation/web), mount themselves beside the API
        from legation.web import mount
        mount(app, settings, store)
    except ImportError:
        pass
    app.add_middleware(RateLimit, per_minute=settings.api_rate_per_minute, burst=settings.api_rate_burst)
    app.add_middleware(BodyLimit, max_bytes=settings.api_max_body_bytes)
    return app


def app_from_env() -> FastAPI:
    """For `uvicorn --factory` (several workers): settings from `LEGATION_*` variables; warmed up when
    `LEGATION_SERVE_WARM_UP` is 1 (set by `legation serve`)."""
    import os

    app = create_app()
    if os.environ.get("LEGATION_SERVE_WARM_UP") == "1":
        from legation.api.extraction import warm_up
        warm_up(app)
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("legation")
    except PackageNotFoundError:
        return "0"
