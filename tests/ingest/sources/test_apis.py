"""GDELT's update list with zipped exports, the ACLED API page by page, the UCDP GED API: each through the path of
`legation import`, against loopback servers; a cut-short download and a missing key land in the source's health."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from legation.store.events import count_events
from tests.ingest.feeds.conftest import acled_rows, gdelt_row
from tests.ingest.sources.conftest import Route, add, items, lastupdate, sources, zipped

UCDP_SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "ucdp" / "ged-hdx-new.csv"


def _events(store) -> int:
    with store.connect() as conn:
        return count_events(conn)


def _export(first_id: int, n: int, name: str) -> bytes:
    rows = [gdelt_row(first_id + i, actor2="USAMIL", lat=f"33.{30 + i}", lon="44.39") for i in range(n)]
    return zipped(name.removesuffix(".zip"), "\n".join(rows) + "\n")


def test_gdelt_imports_each_new_export_once(site, store, make_watcher):
    first = _export(1000, 3, "20231018060000.export.CSV.zip")
    url = lastupdate(site, [("20231018060000.export.CSV.zip", first)])
    source = add(store, "gdelt", url)
    watcher = make_watcher()
    [result] = watcher.run_due()
    assert (result.ok, result.new) == (True, 1), result.error
    assert result.counts["rows"] == 3 and _events(store) >= 1
    after_first = _events(store)
    watcher.clock.advance(900)
    [same] = watcher.run_due()
    assert same.ok and same.not_modified and _events(store) == after_first
    second = _export(2000, 2, "20231018061500.export.CSV.zip")
    lastupdate(site, [("20231018061500.export.CSV.zip", second)])
    watcher.clock.advance(900)
    [result] = watcher.run_due()
    assert (result.ok, result.new, result.counts["rows"]) == (True, 1, 2)
    assert [i["status"] for i in items(store, source.id)] == ["imported", "imported"]
    assert len(site.asked("/gdeltv2/20231018060000.export.CSV.zip")) == 1


def test_a_cut_short_gdelt_export_is_an_error_then_fetched_whole(site, store, make_watcher):
    whole = _export(3000, 4, "20231018063000.export.CSV.zip")
    url = lastupdate(site, [("20231018063000.export.CSV.zip", whole)])
    site.routes["/gdeltv2/20231018063000.export.CSV.zip"] = Route(whole[: len(whole) // 2],
                                                                  content_type="application/zip")
    source = add(store, "gdelt", url)
    watcher = make_watcher()
    [result] = watcher.run_due()
    assert not result.ok and "cut short" in result.error
    assert _events(store) == 0 and items(store, source.id) == []
    site.routes["/gdeltv2/20231018063000.export.CSV.zip"] = Route(whole, content_type="application/zip")
    watcher.clock.advance((sources(store)[source.id].next_run - watcher.clock.now()).total_seconds())
    [result] = watcher.run_due()
    assert (result.ok, result.new, result.counts["rows"]) == (True, 1, 4)
    assert sources(store)[source.id].failures == 0


def test_a_damaged_zip_that_the_list_vouches_for_is_an_error_not_a_crash(site, store, make_watcher):
    broken = b"PK\x03\x04 this is not a whole zip archive"
    url = lastupdate(site, [("20231018064500.export.CSV.zip", broken)])
    source = add(store, "gdelt", url)
    [result] = make_watcher().run_due()
    assert not result.ok and "zip" in result.error
    assert sources(store)[source.id].failures == 1


def _acled_api(rows: list[dict], seen: list[dict]):
    def answer(query: dict, headers: dict) -> Route:
        seen.append(query)
        if query.get("key") != "sesame":
            return Route(json.dumps({"success": False, "error": {"message": "bad key"}}).encode(), status=403,
                         content_type="application/json")
        since = int(query.get("timestamp", 0))
        fresh = [r for r in rows if int(r["timestamp"]) > since] if query.get("timestamp_where") == ">" else rows
        page, limit = int(query["page"]), int(query["limit"])
        data = fresh[(page - 1) * limit: page * limit]
        return Route(json.dumps({"status": 200, "success": True, "count": len(data), "data": data}).encode(),
                     content_type="application/json")

    return answer


def test_acled_api_pages_are_imported_and_the_next_run_asks_only_for_changes(site, store, make_watcher,
                                                                              monkeypatch):
    rows = acled_rows()
    for i, row in enumerate(rows):
        row["timestamp"] = str(1697600000 + i)
    seen: list[dict] = []
    site.apis["/acled/read"] = _acled_api(rows, seen)
    monkeypatch.setenv("TEST_ACLED_KEY", "sesame")
    source = add(store, "acled", site.url("/acled/read"),
                 params={"key_env": "TEST_ACLED_KEY", "countries": ["IRQ"], "limit": 10})
    watcher = make_watcher()
    [result] = watcher.run_due()
    assert (result.ok, result.new, result.counts["rows"]) == (True, 3, len(rows)), result.error
    assert _events(store) == len(rows)
    assert [q["page"] for q in seen] == ["1", "2", "3"] and {q["iso"] for q in seen} == {"368"}
    assert sources(store)[source.id].cursor["timestamp"] == 1697600000 + len(rows) - 1
    rows[0]["timestamp"], rows[0]["fatalities"] = "1697700000", "7"  # ACLED revised one event
    watcher.clock.advance(86_400)
    [result] = watcher.run_due()
    assert (result.ok, result.counts["rows"], result.counts["events_updated"]) == (True, 1, 1)
    assert seen[-1]["timestamp"] == str(1697600000 + len(rows) - 1) and _events(store) == len(rows)
    assert all("sesame" not in i["key"] for i in items(store, source.id))  # the key is never stored


def test_acled_without_its_key_says_so_in_the_health(site, store, make_watcher, monkeypatch):
    monkeypatch.delenv("NO_SUCH_ACLED_KEY", raising=False)
    source = add(store, "acled", site.url("/acled/read"), params={"key_env": "NO_SUCH_ACLED_KEY",
                                                                  "countries": ["IRQ"]})
    [result] = make_watcher().run_due()
    assert not result.ok
    assert "NO_SUCH_ACLED_KEY" in sources(store)[source.id].last_error and site.log == []


def test_ucdp_api_pages_are_followed_and_imported(site, store, make_watcher):
    with open(UCDP_SAMPLE, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if not r["id"].startswith("#") and r["id"]]
    half = max(1, len(rows) // 2)

    def answer(query: dict, headers: dict) -> Route:
        page = int(query.get("page", 0))
        chunk = rows[:half] if page == 0 else rows[half:]
        following = site.url(f"/api/gedevents/24.1?pagesize=1000&page={page + 1}") if page == 0 else ""
        body = {"TotalCount": len(rows), "TotalPages": 2, "NextPageUrl": following, "Result": chunk}
        return Route(json.dumps(body).encode(), content_type="application/json")

    site.apis["/api/gedevents/24.1"] = answer
    source = add(store, "ucdp", site.url("/api/gedevents/24.1"))
    [result] = make_watcher().run_due()
    assert (result.ok, result.new, result.counts["rows"]) == (True, 2, len(rows)), result.error
    assert _events(store) == result.counts["rows_imported"] > 0
    assert len(items(store, source.id)) == 2


def test_exports_missed_while_away_are_fetched_in_order_and_a_slot_never_published_is_skipped(site, store,
                                                                                             make_watcher):
    first = _export(4000, 1, "20231018060000.export.CSV.zip")
    url = lastupdate(site, [("20231018060000.export.CSV.zip", first)])
    source = add(store, "gdelt", url)
    watcher = make_watcher()
    watcher.run_due()
    missed = _export(4100, 1, "20231018061500.export.CSV.zip")
    site.put("/gdeltv2/20231018061500.export.CSV.zip", missed, content_type="application/zip")
    # 06:30 was never published (404); the list now names 06:45 only
    lastupdate(site, [("20231018064500.export.CSV.zip", _export(4200, 1, "20231018064500.export.CSV.zip"))])
    watcher.clock.advance(2700)
    [result] = watcher.run_due()
    assert (result.ok, result.new, result.rejected) == (True, 2, 1), result.error
    statuses = {i["key"].rsplit("/", 1)[1]: i["status"] for i in items(store, source.id)}
    assert statuses == {"20231018060000.export.CSV.zip": "imported", "20231018061500.export.CSV.zip": "imported",
                        "20231018063000.export.CSV.zip": "rejected", "20231018064500.export.CSV.zip": "imported"}
    assert sources(store)[source.id].cursor["last_export"].endswith("20231018064500.export.CSV.zip")


def test_feed_rows_from_the_watcher_move_the_sites_levels_as_of_today(site, store, make_watcher):
    """A live feed's new rows re-assess every site as of today (levels, and alerts on their changes, follow the
    feeds as they follow reports); the same rows again add nothing and re-assess nothing."""
    import datetime as dt

    from legation.store.assessments import current_status
    from legation.store.audit import acting_as
    from legation.store.sites import upsert_sites
    from tests.factories import make_site

    with store.begin() as conn, acting_as("test"):
        upsert_sites(conn, [make_site(id="ramadi-office", host_country="IRQ", lat=33.42, lon=43.31)])
    with open(UCDP_SAMPLE, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if not r["id"].startswith("#") and r["id"]]
    site.apis["/api/gedevents/24.1"] = lambda query, headers: Route(json.dumps(
        {"TotalCount": len(rows), "TotalPages": 1, "NextPageUrl": "", "Result": rows}).encode(),
        content_type="application/json")
    add(store, "ucdp", site.url("/api/gedevents/24.1"))
    watcher = make_watcher()
    [result] = watcher.run_due()
    assert result.ok and result.counts["events_added"] > 0, result.error
    assert "level_changes" in result.counts
    with store.connect() as conn:
        status = current_status(conn, "ramadi-office")
    assert status is not None and status.at == dt.datetime.now(dt.UTC).date().isoformat()
    watcher.clock.advance(86_400 * 30)
    [again] = watcher.run_due()
    assert again.ok and again.counts.get("events_added", 0) == 0 and "level_changes" not in again.counts
