"""Fixtures for the web tests: a seeded store, a signed-in test client, and a live server with headless chromium.

The browser is Debian's chromium (`LEGATION_CHROMIUM`, default /usr/bin/chromium) driven by Playwright; the
browser tests skip with the reason when it is absent. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.factories import copy_database, seeded_template
from tests.web.seed import PASSWORD, seed

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def build_app(store, db_path):
    """The pages alone (the API's app mounts the same pages; tests/web/test_pages.py checks that)."""
    from legation.settings import Settings
    from legation.web import create_app

    return create_app(Settings(db=str(db_path)), store)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory):
    """One seeded database per session; each test gets a copy."""
    return seeded_template(tmp_path_factory, "web-template", seed)


@pytest.fixture
def seeded(tmp_path, template_db):
    from legation.store import open_store

    source, info = template_db
    db = copy_database(source, tmp_path / "web.db")
    store = open_store(db)
    yield store, db, info
    store.close()


@pytest.fixture
def client(seeded):
    """`client(username)`: a test client signed in as that seeded user (or anonymous with None)."""
    from fastapi.testclient import TestClient

    store, db, _ = seeded
    app = build_app(store, db)

    def make(username: str | None = None) -> TestClient:
        c = TestClient(app)
        if username:
            r = c.post("/login", data={"username": username, "password": PASSWORD, "next": "/map"},
                       follow_redirects=False)
            assert r.status_code == 303, r.text
        return c
    return make


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn serving an app on 127.0.0.1 in a background thread."""

    def __init__(self, app):
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def chromium_path() -> str:
    return os.environ.get("LEGATION_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not os.path.exists(path):
        pytest.skip(f"chromium is absent ({path}; set LEGATION_CHROMIUM); the browser tests need it")
    from legation.web.build_static import missing

    if missing():
        pytest.skip(f"the web pages' vendor files are not built ({', '.join(missing()[:3])}...); run make setup")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def live(seeded):
    store, db, info = seeded
    with LiveServer(build_app(store, db)) as server:
        server.store, server.info = store, info
        yield server


@pytest.fixture
def page_as(browser, live):
    """`page_as(username, width=1280, height=800)`: a fresh browser page signed in as that user."""
    contexts = []

    def open_page(username: str, width: int = 1280, height: int = 800):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{live.url}/login")
        page.get_by_label("User name").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/map")
        return page

    yield open_page
    for context in contexts:
        context.close()


def shot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
