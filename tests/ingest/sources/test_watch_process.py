"""`legation watch` as a process: killed (SIGKILL) while it works and started again, it ingests every item once;
Ctrl-C (SIGINT) stops it cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from legation.store import open_store
from legation.store.reports import count_reports
from legation.store.sources import list_items, list_sources
from tests.ingest.sources.conftest import START, page, rss, story

ITEMS = 6


def _recorded(db: str) -> int:
    store = open_store(db)
    try:
        with store.connect() as conn:
            return sum(len(list_items(conn, s.id, 1000)) for s in list_sources(conn))
    finally:
        store.close()


# `python -m legation ...` with Ctrl-C as a terminal gives it. A suite started in the background by a non-interactive
# shell (as CI may be) has SIGINT ignored, its children inherit that, and Python then never turns SIGINT into
# KeyboardInterrupt: the test would measure how it was launched, not the watch.
_WITH_CTRL_C = ("import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
                "sys.argv = ['legation', *sys.argv[1:]]; runpy.run_module('legation', run_name='__main__')")


def _start(db: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", _WITH_CTRL_C, "--db", db, "watch", "--host-pause", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(db: str, at_least: int, limit: float) -> int:
    deadline = time.monotonic() + limit
    seen = _recorded(db)
    while seen < at_least and time.monotonic() < deadline:
        time.sleep(0.2)
        seen = _recorded(db)
    return seen


@pytest.mark.slow
def test_a_killed_watch_started_again_ingests_every_item_once(site, cli, tmp_path):
    entries = []
    for n in range(ITEMS):
        headline, body = story(200 + n)
        link = site.put(f"/news/{n}.html", page(headline, body))
        entries.append((headline, link, START))
        site.routes[f"/news/{n}.html"].delay = 0.3  # slow enough that the kill lands mid-run
    site.put("/feed.xml", rss(entries), content_type="application/rss+xml")
    assert cli("sources", "add", "rss", site.url("/feed.xml")).exit_code == 0

    first = _start(cli.db)
    try:
        assert _wait_for(cli.db, 1, 120) >= 1, "the first watch recorded nothing in 2 minutes"
    finally:
        os.kill(first.pid, signal.SIGKILL)
        first.communicate(timeout=30)
    second = _start(cli.db)
    try:
        assert _wait_for(cli.db, ITEMS, 120) == ITEMS
    finally:
        os.kill(second.pid, signal.SIGINT)
        _, err = second.communicate(timeout=30)
    assert (second.returncode, "stopped" in err) == (0, True) or (second.returncode, "interrupted" in err) == (130,
                                                                                                            True)
    store = open_store(cli.db)
    with store.connect() as conn:
        assert count_reports(conn) == ITEMS
    store.close()
    assert all(len(site.asked(f"/news/{n}.html")) <= 2 for n in range(ITEMS))
