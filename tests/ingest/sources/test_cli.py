"""`legation sources ...` and `legation watch --once` as a user runs them, against a loopback news site."""

from __future__ import annotations

import datetime as dt
import json

from tests.ingest.sources.conftest import START, page, rss, story


def _json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _site_with(site, numbers):
    entries = []
    for n in numbers:
        headline, body = story(n)
        entries.append((headline, site.put(f"/news/{n}.html", page(headline, body)), START))
    return site.put("/feed.xml", rss(entries), content_type="application/rss+xml")


def test_add_watch_once_list_items_and_remove(site, cli):
    url = _site_with(site, [1, 2])
    added = _json(cli("sources", "add", "rss", url, "--name", "Invented Wire", "--format", "json"))
    assert (added["kind"], added["url"], added["interval"]) == ("rss", url, 30)
    again = cli("sources", "add", "rss", url)
    assert again.exit_code == 1 and "already there" in again.stderr and len(again.stderr.splitlines()) == 1

    ran = _json(cli("watch", "--once", "--host-pause", "0", "--format", "json"))
    assert [(r["source"], r["ok"], r["new"], r["error"]) for r in ran] == [(added["id"], True, 2, None)]
    assert ran[0]["events"] >= 2
    [row] = _json(cli("sources", "list", "--format", "json"))
    assert row["last_success"] and row["last_error"] is None and row["items_last_day"] == 2
    assert row["quiet"] is False and row["name"] == "Invented Wire"
    listed = _json(cli("sources", "items", added["id"][:6], "--format", "json"))
    assert sorted(i["status"] for i in listed) == ["ingested", "ingested"]
    assert _json(cli("watch", "--once", "--format", "json")) == []  # nothing is due yet
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    [rerun] = _json(cli("watch", "--once", "--at", later, "--host-pause", "0", "--format", "json"))
    assert (rerun["ok"], rerun["new"], rerun["not_modified"]) == (True, 0, True)
    reports = _json(cli("reports", "list", "--format", "json"))
    assert len(reports) == 2

    removed = _json(cli("sources", "remove", added["id"], "--format", "json"))
    assert removed["removed"] == added["id"]
    assert _json(cli("sources", "list", "--format", "json")) == []
    idle = cli("watch")
    assert idle.exit_code == 1 and "no sources to watch" in idle.stderr


def test_a_failing_source_is_one_line_on_stderr_and_its_error_in_the_list(site, cli):
    site.put("/feed.xml", "down", status=503)
    cli("sources", "add", "atom", site.url("/feed.xml"))
    result = cli("watch", "--once", "--host-pause", "0", "--format", "json")
    assert result.exit_code == 0
    assert "HTTP 503" in result.stderr
    [row] = _json(cli("sources", "list", "--format", "json"))
    assert "HTTP 503" in row["last_error"] and row["failures"] == 1 and row["last_success"] is None


def test_bad_source_options_are_one_line_errors(cli):
    for args, message in [(("sources", "add", "rss", "feed.xml"), "not an http(s) URL"),
                          (("sources", "add", "acled", "--key-env", "K", "--country", "IRAQ"), "alpha-3"),
                          (("sources", "add", "rss", "http://127.0.0.1:1/f", "--every", "1"), "at least 5"),
                          (("sources", "add", "ucdp", "--url", "http://127.0.0.1:1/g", "--param", "Country"),
                           "NAME=VALUE"),
                          (("sources", "remove", "nope"), "no source"),
                          (("watch", "--at", "2023-10-18T06:00"), "--at goes with --once")]:
        result = cli(*args)
        assert result.exit_code == 1, (args, result.output)
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
