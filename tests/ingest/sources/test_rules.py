"""The pure rules of live sources: ids, schedule, back-off, what counts as quiet."""

from __future__ import annotations

import datetime as dt

import pytest

from legation.domain.errors import InputError
from legation.domain.sources import MAX_BACKOFF, Source, backoff, check_interval, check_url
from legation.ingest.sources.apis import Export, gdelt_backlog

NOW = dt.datetime(2023, 10, 18, 12, 0, tzinfo=dt.UTC)


def test_the_same_feed_is_the_same_source_and_a_key_name_does_not_change_an_api_source():
    a = Source(kind="rss", url="http://127.0.0.1/feed.xml", interval=30)
    b = Source(kind="rss", url="http://127.0.0.1/feed.xml", interval=300)
    c = Source(kind="atom", url="http://127.0.0.1/feed.xml", interval=30)
    assert a.id == b.id != c.id and len(a.id) == 12
    x = Source(kind="acled", url="http://127.0.0.1/read", interval=60, params={"key_env": "A", "countries": ["IRQ"]})
    y = Source(kind="acled", url="http://127.0.0.1/read", interval=60, params={"key_env": "B", "countries": ["IRQ"]})
    assert x.id == y.id


def test_errors_double_the_wait_within_the_cap_and_a_success_resets_it():
    source = Source(kind="rss", url="http://127.0.0.1/f", interval=30)
    assert source.due(NOW)
    waits = []
    for _ in range(12):
        source.failed(NOW, "HTTP 500")
        waits.append((source.next_run - NOW).total_seconds())
    assert waits[:4] == [60, 120, 240, 480] and max(waits) == MAX_BACKOFF and source.failures == 12
    assert not source.due(NOW) and source.due(source.next_run)
    source.succeeded(NOW)
    assert (source.failures, source.next_run, source.last_success) == (0, NOW + dt.timedelta(seconds=30), NOW)
    assert backoff(86_400, 3) == 86_400  # a daily source waits its interval, no more, no less


@pytest.mark.parametrize("bad", ["ftp://x/feed", "feed.xml", "http://a b/"])
def test_bad_urls_are_refused(bad):
    with pytest.raises(InputError):
        check_url(bad)


def test_too_short_an_interval_is_refused():
    with pytest.raises(InputError, match="at least 5 seconds"):
        check_interval(1)


def test_the_gdelt_backlog_names_the_missed_slots_oldest_first_and_at_most_a_day():
    listed = [Export("http://127.0.0.1/g/20231018120000.export.CSV.zip", 10, "ab")]
    backlog = gdelt_backlog(listed, "http://127.0.0.1/g/20231018111500.export.CSV.zip")
    assert [e.name[:12] for e in backlog] == ["202310181130", "202310181145", "202310181200"]
    assert gdelt_backlog(listed, None) == listed
    long_ago = gdelt_backlog(listed, "http://127.0.0.1/g/20231001000000.export.CSV.zip", most=4)
    assert [e.name[:12] for e in long_ago] == ["202310181100", "202310181115", "202310181130", "202310181145",
                                               "202310181200"]
