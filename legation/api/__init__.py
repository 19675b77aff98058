"""The HTTP API: `create_app(settings, store)` builds a FastAPI app serving `/api/v1` (OpenAPI at /openapi.json).

Every route needs a bearer token except health and signing in; what a token may do is its user's role
(`legation.domain.users.PERMISSIONS`), and a liaison sees only their own organisation's sites. Every write goes
through the same library functions as the CLI, under `acting_as(user)`, so the audit log names who did it.
Errors, all of them, have one shape: `{"error": {"code", "message", "field"?}}`.

Every response, API or page, carries the security headers (a strict Content-Security-Policy among them; see
`legation.web.context.SecurityHeaders`). `/api/docs` is Swagger UI from the package's own static files (built from
npm by `legation.web.build_static`), so it works offline. Request bodies are limited to `api_max_body_bytes` on the
API and the pages, and to `max_file_bytes` (plus room for the form around the file) on the ingest page; a page's
refusal is a page.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

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


ROUTERS = ("health", "auth", "sites", "reports", "events", "incidents", "actors", "assessments", "orders", "audit")
FORM_ROOM = 1024 * 1024  # a page's upload may be `max_file_bytes`, plus the form's other fields around it

DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Legation API</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/static/web/vendor/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui" data-openapi="/openapi.json"></div>
  <script src="/static/web/vendor/swagger-ui-bundle.js"></script>
  <script src="/static/web/api-docs.js"></script>
</body>
</html>
"""


def _routers():
    """The resource routers, in the order they appear in the OpenAPI document. A router that cannot be imported is
    an error, never a silent absence."""
    import importlib

    for name in ROUTERS:
        yield importlib.import_module(f"legation.api.routers.{name}").router


UPLOAD_PATHS = ("/read/",)  # the ingest page's preview and confirmation carry a whole article


class BodyLimits:
    """The API's body limit everywhere but on the ingest page, which may carry a file of up to `max_file_bytes`
    (a page's refusal becomes a page: `HtmlErrors`)."""

    def __init__(self, app, api_bytes: int, upload_bytes: int):
        self.api, self.uploads = BodyLimit(app, api_bytes), BodyLimit(app, upload_bytes)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope.get("path", "").startswith(UPLOAD_PATHS):
            return await self.uploads(scope, receive, send)
        return await self.api(scope, receive, send)


def create_app(settings: Settings | None = None, store=None) -> FastAPI:
    """A configured app over `store` (opened from `settings.db` when not given)."""
    from legation.store import open_store
    from legation.web import mount
    from legation.web.context import HtmlErrors, SecurityHeaders

    settings = settings or Settings()
    store = store or open_store(settings.db)

    app = FastAPI(title="Legation", version=_version(), description=DESCRIPTION, docs_url=None,
                  redoc_url=None, openapi_url="/openapi.json")
    app.state.settings, app.state.store = settings, store
    size = settings.api_kept_answers
    app.state.answers = Kept(size) if size > 0 else None  # see legation/api/cache.py
    app.state.holders = Kept(max(size, 256))
    app.state.computing = {}  # answers being computed now, by key (api/cache.py)
    errors.install(app)
    for router in _routers():
        app.include_router(router, prefix=PREFIX, responses={500: ERRORS[500], 413: ERRORS[413]})

    @app.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs() -> HTMLResponse:
        """Swagger UI over /openapi.json, from the package's static files (no CDN; no inline script)."""
        return HTMLResponse(DOCS_PAGE)

    mount(app, settings, store)  # the web pages beside the API (legation/web)
    app.add_middleware(RateLimit, per_minute=settings.api_rate_per_minute, burst=settings.api_rate_burst)
    app.add_middleware(BodyLimits, api_bytes=settings.api_max_body_bytes,
                       upload_bytes=max(settings.api_max_body_bytes, settings.max_file_bytes + FORM_ROOM))
    app.add_middleware(HtmlErrors, uploads=UPLOAD_PATHS,  # a page refused by a limit above is a page too
                       too_large=f"the upload is too large: a file may have at most {settings.max_file_bytes:,} "
                                 "bytes (LEGATION_MAX_FILE_BYTES)")
    app.add_middleware(SecurityHeaders, tile_url=settings.tile_url)  # outermost: on every answer
    return app


def app_from_env() -> FastAPI:
    """For `uvicorn --factory` (several workers): settings from `LEGATION_*` variables; warmed up when
    `Settings.serve_warm_up` (LEGATION_SERVE_WARM_UP, set by `legation serve`)."""
    from legation.settings import Settings

    settings = Settings()
    app = create_app(settings)
    if settings.serve_warm_up:
        from legation.api.extraction import warm_up
        warm_up(app)
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("legation")
    except PackageNotFoundError:
        return "0"
