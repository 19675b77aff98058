"""`legation serve --watch`: the server also reads the live sources as they come due, as `legation watch` does."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from legation.store import open_store
from legation.store.reports import count_reports
from tests.ingest.sources.conftest import START, page, rss, story


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _reports(db: str) -> int:
    store = open_store(db)
    try:
        with store.connect() as conn:
            return count_reports(conn)
    finally:
        store.close()


@pytest.mark.slow
def test_serve_with_watch_answers_and_ingests_the_feed(site, cli):
    entries = []
    for n in (401, 402):
        headline, body = story(n)
        entries.append((headline, site.put(f"/news/{n}.html", page(headline, body)), START))
    assert cli("sources", "add", "rss", site.put("/feed.xml", rss(entries), content_type="application/rss+xml")
               ).exit_code == 0
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "legation", "--db", cli.db, "serve", "--port", str(port),
                               "--no-warm-up", "--watch"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline, health, stored = time.monotonic() + 180, None, 0
        while time.monotonic() < deadline and (health != 200 or stored < 2):
            time.sleep(0.5)
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2).status_code
            except httpx.HTTPError:
                health = None
            stored = _reports(cli.db)
        assert (health, stored) == (200, 2)
    finally:
        os.kill(server.pid, signal.SIGINT)
        _, err = server.communicate(timeout=60)
    assert "reading the live sources" in err
    assert len(site.asked("/news/401.html")) == 1
