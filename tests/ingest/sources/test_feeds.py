"""RSS and Atom sources against a loopback news site: each new entry's page read (main text only), ingested once
through the path of `legation ingest`; conditional requests; faults kept in the source's health."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from legation.store.events import count_events
from legation.store.reports import count_reports
from tests.ingest.sources.conftest import START, add, atom, items, page, rss, sources, story


def _publish(site, numbers: list[int], *, feed: str = "/feed.xml", kind: str = "rss") -> str:
    entries = []
    for n in numbers:
        headline, body = story(n)
        link = site.put(f"/news/story-{n}.html", page(headline, body))
        entries.append((headline, link, START + dt.timedelta(minutes=n)))
    return site.put(feed, (rss if kind == "rss" else atom)(entries), content_type="application/rss+xml")


def _counts(store) -> tuple[int, int]:
    with store.connect() as conn:
        return count_reports(conn), count_events(conn)


def _event_sentences(store) -> list[str]:
    from legation.store.tables import events

    with store.connect() as conn:
        return [r[0]["evidence"]["sentence"] for r in conn.execute(sa.select(events.c.record))]


def test_rss_entries_are_read_and_ingested_once_with_their_events(site, store, make_watcher):
    url = _publish(site, [0, 1, 2])
    source = add(store, "rss", url)
    watcher = make_watcher()
    [result] = watcher.run_due()
    assert (result.ok, result.new, result.rejected) == (True, 3, 0)
    reports, events = _counts(store)
    assert reports == 3 and events >= 3
    sentences = _event_sentences(store)
    assert any("Erbil air base" in s for s in sentences)
    assert not any("embassy" in s or "consulate" in s for s in sentences)  # menus, related links, footer
    assert [i["status"] for i in items(store, source.id)] == ["ingested"] * 3
    health = sources(store)[source.id]
    assert (health.last_success, health.failures, health.last_error) == (START, 0, None)
    assert health.next_run == START + dt.timedelta(seconds=30)


def test_a_feed_that_repeats_old_items_brings_only_the_new_ones(site, store, make_watcher):
    _publish(site, [0, 1])
    source = add(store, "rss", site.url("/feed.xml"))
    watcher = make_watcher()
    watcher.run_due()
    _publish(site, [0, 1, 2])  # the old entries again, one new
    watcher.clock.advance(30)
    [result] = watcher.run_due()
    assert (result.new, result.duplicates) == (1, 0)
    assert _counts(store)[0] == 3
    assert len(site.asked("/news/story-0.html")) == 1  # an old entry's page is not fetched again
    assert len(items(store, source.id)) == 3


def test_the_same_text_under_another_link_is_a_duplicate(site, store, make_watcher):
    headline, body = story(4)
    first = site.put("/a.html", page(headline, body))
    again = site.put("/b.html", page(headline, body))
    site.put("/feed.xml", rss([(headline, first, START), (headline, again, START + dt.timedelta(minutes=1))]))
    source = add(store, "rss", site.url("/feed.xml"))
    [result] = make_watcher().run_due()
    assert (result.new, result.duplicates) == (1, 1)
    assert sorted(i["status"] for i in items(store, source.id)) == ["duplicate", "ingested"]
    assert _counts(store)[0] == 1


def test_an_unchanged_feed_is_asked_conditionally_and_answers_304(site, store, make_watcher):
    _publish(site, [0])
    add(store, "rss", site.url("/feed.xml"))
    watcher = make_watcher()
    watcher.run_due()
    watcher.clock.advance(30)
    [result] = watcher.run_due()
    assert result.ok and result.not_modified and result.new == 0
    first, second = site.asked("/feed.xml")
    assert "if-none-match" not in first and second["if-none-match"].startswith('"')


def test_atom_feeds_are_read_the_same_way(site, store, make_watcher):
    url = _publish(site, [5, 6], feed="/atom.xml", kind="atom")
    source = add(store, "atom", url)
    [result] = make_watcher().run_due()
    assert (result.ok, result.new) == (True, 2)
    assert {i["key"] for i in items(store, source.id)} == {site.url("/news/story-5.html"),
                                                            site.url("/news/story-6.html")}


def test_a_page_in_another_language_is_stored_and_marked_not_extracted(site, store, make_watcher):
    arabic = ("بغداد - قال مسؤول أمني إن طائرتين مسيرتين هاجمتا قاعدة عين الأسد الجوية في محافظة الأنبار يوم "
              "الأربعاء، ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن. وأضاف أن الأضرار كانت محدودة.")
    link = site.put("/ar/1.html", page("هجوم بطائرات مسيرة", arabic, lang="ar"))
    site.put("/feed.xml", rss([("هجوم", link, START)]))
    source = add(store, "rss", site.url("/feed.xml"))
    [result] = make_watcher().run_due()
    assert (result.ok, result.new) == (True, 1)
    assert _counts(store) == (1, 0)
    [item] = items(store, source.id)
    assert (item["status"], item["language"]) == ("foreign", "ar")


def test_a_page_over_the_size_limit_is_rejected_and_the_rest_ingested(site, store, make_watcher):
    _publish(site, [0, 1])
    headline, body = story(0)
    site.put("/news/story-0.html", page(headline, body + "\n\n" + "Filler text of the page. " * 2000))
    source = add(store, "rss", site.url("/feed.xml"))
    [result] = make_watcher(page_bytes=20_000).run_due()
    assert (result.ok, result.new, result.rejected) == (True, 1, 1)
    rejected = [i for i in items(store, source.id) if i["status"] == "rejected"]
    assert len(rejected) == 1 and "too large" in rejected[0]["detail"]


def test_malformed_xml_is_an_error_in_the_health_and_backs_off(site, store, make_watcher):
    site.put("/feed.xml", "<rss><channel><item><title>Broken <link>http://x</channel>", content_type="text/xml")
    source = add(store, "rss", site.url("/feed.xml"))
    [result] = make_watcher().run_due()
    assert not result.ok and "not a readable RSS or Atom feed" in result.error
    health = sources(store)[source.id]
    assert health.failures == 1 and "feed" in health.last_error and health.last_success is None
    assert health.next_run == START + dt.timedelta(seconds=60)


def test_server_errors_back_off_exponentially_and_a_success_puts_the_source_back_on_schedule(site, store,
                                                                                              make_watcher):
    site.put("/feed.xml", "oops", status=500)
    source = add(store, "rss", site.url("/feed.xml"))
    watcher = make_watcher()
    waits = []
    for _ in range(4):
        watcher.run_due()
        health = sources(store)[source.id]
        waits.append((health.next_run - watcher.clock.now()).total_seconds())
        watcher.clock.advance(waits[-1])
    assert waits == [60, 120, 240, 480]
    assert "HTTP 500" in sources(store)[source.id].last_error
    _publish(site, [3])
    [result] = watcher.run_due()
    health = sources(store)[source.id]
    assert result.ok and health.failures == 0 and health.last_success == watcher.clock.now()
    assert health.next_run == watcher.clock.now() + dt.timedelta(seconds=30)
    assert health.last_error is not None  # the last error stays in view, with its time, until the next one


def test_a_slow_answer_times_out_and_its_entries_are_fetched_next_time(site, store, make_watcher):
    _publish(site, [0, 1])
    site.routes["/news/story-1.html"].delay = 1.5
    source = add(store, "rss", site.url("/feed.xml"))
    watcher = make_watcher(timeout=0.3)
    [result] = watcher.run_due()
    assert not result.ok and "no answer within" in result.error and result.new == 1
    site.routes["/news/story-1.html"].delay = 0
    watcher.clock.advance(60)
    [result] = watcher.run_due()
    assert (result.ok, result.new, result.not_modified) == (True, 1, False)  # not a 304: story 1 was pending
    assert len(items(store, source.id)) == 2 and _counts(store)[0] == 2


def test_a_killed_watch_resumes_and_ingests_nothing_twice(site, store, make_watcher):
    _publish(site, [0, 1, 2, 3])
    source = add(store, "rss", site.url("/feed.xml"))
    watcher = make_watcher()
    real = watcher.sink.ingest
    calls = []

    def dies_on_the_third(report, item, *, extract):
        calls.append(item.key)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the process is stopped in the middle of an item
        return real(report, item, extract=extract)

    watcher.sink.ingest = dies_on_the_third
    with pytest.raises(KeyboardInterrupt):
        watcher.run_due()
    assert _counts(store)[0] == 2
    again = make_watcher()  # a new process: state only from the store
    [result] = again.run_due()
    assert result.ok and result.new == 2
    assert _counts(store)[0] == 4
    assert sorted(i["key"] for i in items(store, source.id)) == sorted(site.url(f"/news/story-{n}.html")
                                                                      for n in range(4))


def test_requests_to_one_host_are_spaced_and_a_run_stops_at_its_deadline(site, store, make_watcher):
    _publish(site, [0, 1, 2, 3])
    source = add(store, "rss", site.url("/feed.xml"))
    watcher = make_watcher(host_pause=2.0, job_seconds=5.0)  # the manual clock moves by the pauses only
    [result] = watcher.run_due()
    # feed at 0 s, pages at 2 and 4 s; the next would start at 6 s, past the run's 5 s
    assert watcher.clock.monotonic() >= 4.0 and result.new == 2
    assert not result.ok and "ran out of time" in result.error
    watcher.clock.advance(60)
    [result] = make_watcher(host_pause=2.0, job_seconds=60.0, clock=watcher.clock).run_due()
    assert (result.ok, result.new) == (True, 2)
    assert len(items(store, source.id)) == 4


def test_a_server_that_asks_to_wait_is_left_alone_that_long(site, store, make_watcher):
    site.put("/feed.xml", "busy", status=503, headers={"Retry-After": "900"})
    source = add(store, "rss", site.url("/feed.xml"))
    [result] = make_watcher().run_due()
    assert not result.ok and "asked to wait 900 s" in result.error
    assert sources(store)[source.id].next_run == START + dt.timedelta(seconds=900)


def test_the_loop_outlives_a_store_that_is_busy_for_a_moment(site, store, make_watcher):
    import threading

    from legation.domain.errors import StoreError

    _publish(site, [7])
    add(store, "rss", site.url("/feed.xml"))
    watcher = make_watcher()
    real_due, calls, errors, runs = watcher.book.due, [], [], []

    def busy_once(now):
        calls.append(now)
        if len(calls) == 1:
            raise StoreError("database is locked")
        return real_due(now)

    watcher.book.due = busy_once
    stop = threading.Event()

    def ran(result):
        runs.append(result)
        stop.set()

    watcher.loop(stop, list_sources=watcher.book.all, idle=0.05, on_run=ran, on_error=errors.append)
    assert errors == ["database is locked"]
    assert [(r.ok, r.new) for r in runs] == [(True, 1)]
