"""The operations room in the browser: server-rendered pages (Jinja2, htmx, Leaflet) over the library functions.

`mount(app, settings, store)` adds the pages to a FastAPI app (the API's `create_app` calls it when this package is
installed): the map at `/map`, a site at `/site/{id}`, the orders board at `/board`, the ingest page at `/read`, and
`/login`. Every page signs in with the same users and tokens as the API and obeys the same roles
(`legation.domain.users.can` / `visible_site`): a liaison sees only the sites of their own mission.

The browser packages (Leaflet, htmx, the world-atlas country shapes) are served from `static/vendor/`, which the
set-up builds from npm (`python -m legation.web.build_static`): nothing is fetched from the internet at run time.
"""

from __future__ import annotations

from typing import Any


def mount(app: Any, settings: Any, store: Any) -> None:
    """Add the pages, their static files and their error handling to `app` (a FastAPI app)."""
    from legation.web.context import install

    install(app, settings, store)


def create_app(settings: Any, store: Any) -> Any:
    """A FastAPI app serving the pages only (the API's `create_app` serves both); for tests and the benchmark."""
    from fastapi import FastAPI

    app = FastAPI(title="Legation operations room", docs_url=None, redoc_url=None, openapi_url=None)
    mount(app, settings, store)
    return app
