"""Running the sources that are due: each run a bounded job (a deadline over all its requests), its outcome written
to the source's health, its schedule moved on (or backed off after an error).

What is stored, and how, is the `Sink`'s business (the path `legation ingest` and `legation import` take); where
the sources and the items already seen are kept is the `Book`'s. An item is recorded by the sink in the same
transaction as what it stored, so a watch killed mid-run ingests nothing twice when started again. A feed's
validators (ETag, Last-Modified) are kept only when every entry of the answer was finished: otherwise the next
request must bring the unfinished entries again, not a 304.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from legation.domain.errors import InputError, LegationError
from legation.domain.records import Report
from legation.domain.sources import Source
from legation.ingest.sources import apis
from legation.ingest.sources.clock import Clock
from legation.ingest.sources.feeds import Entry, parse_feed
from legation.ingest.sources.fetch import Fetched, Fetcher, FetchError
from legation.ingest.sources.pages import read_page

DEFAULT_JOB_SECONDS = 120.0  # one source's run: every request it makes must end within this
DEFAULT_PAGE_BYTES = 1_000_000  # an article page larger than this is refused (spaCy's own limit on a text)
MAX_ENTRIES_PER_RUN = 200  # a feed's entries fetched in one run; the rest wait for the next


@dataclass
class Item:
    """An item finished by a run: recorded with what it stored, in one transaction."""

    source_id: str
    key: str
    at: dt.datetime
    status: str = "ingested"
    digest: str | None = None
    language: str | None = None
    detail: str | None = None


class Book(Protocol):
    """Where sources and their items are kept (`legation.store.sources` behind it)."""

    def due(self, now: dt.datetime) -> list[Source]: ...

    def save(self, source: Source) -> None: ...

    def seen_keys(self, source_id: str, keys: list[str]) -> set[str]: ...

    def seen_digest(self, digest: str) -> bool: ...

    def record(self, item: Item) -> None: ...


class Sink(Protocol):
    """What a new item goes through: the article path of `legation ingest` (extract unless not English, store,
    re-assess, alert), or the feed path of `legation import KIND`. Each records `item` with what it stored."""

    def ingest(self, report: Report, item: Item, *, extract: bool) -> dict[str, int]: ...

    def import_feed(self, kind: str, stream: IO[str], name: str, item: Item) -> dict[str, int]: ...


@dataclass
class RunResult:
    source: str
    kind: str
    ok: bool
    new: int = 0
    duplicates: int = 0
    rejected: int = 0
    not_modified: bool = False
    error: str | None = None
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, counts: dict[str, int]) -> None:
        for key, value in counts.items():
            if isinstance(value, int):
                self.counts[key] = self.counts.get(key, 0) + value


class Watcher:
    """Runs due sources with one fetcher (its per-host pauses shared by all) on one clock."""

    def __init__(self, book: Book, sink: Sink, fetcher: Fetcher, clock: Clock, *,
                 job_seconds: float = DEFAULT_JOB_SECONDS, page_bytes: int = DEFAULT_PAGE_BYTES,
                 english_only: bool = True):
        self.book, self.sink, self.fetcher, self.clock = book, sink, fetcher, clock
        self.job_seconds, self.page_bytes, self.english_only = job_seconds, page_bytes, english_only

    # ------------------------------------------------------------------------------------------------ scheduling
    def run_due(self) -> list[RunResult]:
        """Run every source that is due now, one after the other."""
        return [self.run(source) for source in self.book.due(self.clock.now())]

    def run(self, source: Source) -> RunResult:
        """One run of one source; its health and schedule are saved whatever happens."""
        result = RunResult(source.id, source.kind, ok=True)
        started = self.clock.now()
        deadline = self.clock.monotonic() + self.job_seconds
        retry_after = None
        try:
            READERS[source.kind](self, source, result, deadline)
        except LegationError as err:
            result.ok, result.error = False, err.message
            retry_after = getattr(err, "retry_after", None)
        except Exception as err:  # noqa: BLE001 - a reader's bug must not stop the other sources
            result.ok, result.error = False, f"{type(err).__name__}: {err}"
        if result.ok:
            source.succeeded(self.clock.now(), started)
        else:
            source.failed(self.clock.now(), result.error or "failed", retry_after)
        self.book.save(source)
        return result

    def next_due(self, sources: list[Source]) -> dt.datetime | None:
        return min((s.next_run or self.clock.now() for s in sources), default=None)

    def loop(self, stop: threading.Event, *, list_sources: Callable[[], list[Source]], idle: float = 5.0,
             on_run: Callable[[RunResult], None] | None = None,
             on_error: Callable[[str], None] | None = None) -> None:
        """Run due sources until `stop` is set, sleeping until the next one is due (at most `idle` seconds, so that
        sources added meanwhile are seen). A store that cannot be read for a moment (locked, restarting) is
        reported to `on_error` and tried again after `idle` seconds; it does not end the loop."""
        while not stop.is_set():
            upcoming = None
            try:
                for source in self.book.due(self.clock.now()):
                    result = self.run(source)
                    if on_run is not None:
                        on_run(result)
                    if stop.is_set():
                        return
                upcoming = self.next_due(list_sources())
            except LegationError as err:
                if on_error is not None:
                    on_error(err.message)
            wait = idle if upcoming is None else (upcoming - self.clock.now()).total_seconds()
            stop.wait(max(0.05, min(idle, wait)))

    # --------------------------------------------------------------------------------------------------- readers
    def _changed(self, source: Source, result: RunResult, deadline: float) -> Fetched | None:
        """The source's page, or None (and the result says so) when it has not changed since the last run."""
        fetched = self.fetcher.get(source.url, etag=source.etag, last_modified=source.last_modified,
                                   deadline=deadline)
        if fetched.not_modified:
            result.not_modified = True
            return None
        return fetched

    def _feed(self, source: Source, result: RunResult, deadline: float) -> None:
        fetched = self._changed(source, result, deadline)
        if fetched is None:
            return
        entries = parse_feed(fetched.body, source.url)
        seen = self.book.seen_keys(source.id, [e.key for e in entries])
        fresh = [e for e in entries if e.key not in seen]
        unfinished = len(fresh) > MAX_ENTRIES_PER_RUN
        errors: list[str] = []
        for entry in fresh[:MAX_ENTRIES_PER_RUN]:
            try:
                self._entry(source, entry, result, deadline)
            except FetchError as err:  # no answer, a 5xx, out of time: left unrecorded, tried again next run
                errors.append(err.message)
                unfinished = True
                if self.clock.monotonic() >= deadline:
                    break
        if not unfinished:
            source.etag, source.last_modified = fetched.etag, fetched.last_modified
        if errors:
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            raise FetchError(f"{len(errors)} of {len(fresh)} new entries not fetched: {errors[0]}{more}")

    def _entry(self, source: Source, entry: Entry, result: RunResult, deadline: float) -> None:
        now = self.clock.now()
        if not entry.link:
            self._reject(Item(source.id, entry.key, now), "the entry has no link", result)
            return
        try:
            fetched = self.fetcher.get(entry.link, deadline=deadline, max_bytes=self.page_bytes)
        except FetchError as err:
            if _permanent(err.message):
                self._reject(Item(source.id, entry.key, now), err.message, result)
                return
            raise
        try:
            page = read_page(fetched, entry)
        except InputError as err:
            self._reject(Item(source.id, entry.key, now), err.message, result)
            return
        report = page.report
        item = Item(source.id, entry.key, now, digest=report.hash, language=page.language)
        if self.book.seen_digest(report.hash):  # the same text under another link (or from another feed)
            item.status, item.detail = "duplicate", "the same text came before"
            self.book.record(item)
            result.duplicates += 1
            return
        english = page.language == "en" or not self.english_only
        if not english:
            item.status, item.detail = "foreign", f"language {page.language}: stored, not extracted"
        result.add(self.sink.ingest(report, item, extract=english))
        result.new += 1

    def _reject(self, item: Item, reason: str, result: RunResult) -> None:
        item.status, item.detail = "rejected", reason
        self.book.record(item)
        result.rejected += 1

    def _gdelt(self, source: Source, result: RunResult, deadline: float) -> None:
        listing = self._changed(source, result, deadline)
        if listing is None:
            return
        exports = apis.gdelt_backlog(apis.gdelt_exports(listing.text(), source.url),
                                     source.cursor.get("last_export"))
        seen = self.book.seen_keys(source.id, [e.url for e in exports])
        done = source.cursor.get("last_export")
        try:
            for export in exports:
                if export.url not in seen:
                    self._export(source, export, result, deadline)
                done = export.url
        finally:  # the exports after a failed one wait for the next run, in order
            source.cursor = {**source.cursor, "last_export": done}
        source.etag, source.last_modified = listing.etag, listing.last_modified

    def _export(self, source: Source, export: apis.Export, result: RunResult, deadline: float) -> None:
        from legation.ingest.feeds.common import open_feed

        try:
            body = self.fetcher.get(export.url, deadline=deadline).body
        except FetchError as err:
            if export.md5 is None and _permanent(err.message):  # a missed slot GDELT never published
                self._reject(Item(source.id, export.url, self.clock.now()), err.message, result)
                return
            raise
        apis.check_export(export, body)
        with tempfile.TemporaryDirectory(prefix="legation-gdelt-") as folder:
            path = Path(folder) / export.name
            path.write_bytes(body)
            with open_feed(path) as opened:
                item = Item(source.id, export.url, self.clock.now(), status="imported", digest=export.md5)
                result.add(self.sink.import_feed("gdelt", opened.stream, export.name, item))
        result.new += 1

    def _acled(self, source: Source, result: RunResult, deadline: float) -> None:
        key = apis.api_key(source.params.get("key_env"))
        since = int(source.cursor.get("timestamp") or 0)
        latest = since
        limit = int(source.params.get("limit") or 5000)
        for country in source.params.get("countries") or [None]:
            page = 1
            while True:
                query: dict[str, Any] = {"page": page, "limit": limit}
                if key:
                    query["key"] = key
                if source.params.get("email"):
                    query["email"] = source.params["email"]
                if country:
                    query["iso"] = _iso_numeric(country)
                if since:
                    query.update({"timestamp": since, "timestamp_where": ">"})
                fetched = self.fetcher.get(source.url, params=query, deadline=deadline)
                rows = apis.acled_page(apis.json_body(fetched.body, source.url), source.url)
                if not rows:
                    break
                latest = max([latest] + [int(r["timestamp"]) for r in rows if str(r.get("timestamp", "")).isdigit()])
                name = f"acled-{country or 'all'}-{since}-p{page}"
                page_key = _query_key(source.url, {k: v for k, v in query.items() if k not in ("key", "email")})
                if page_key not in self.book.seen_keys(source.id, [page_key]):
                    item = Item(source.id, page_key, self.clock.now(), status="imported")
                    page_json = json.dumps({"data": rows})  # `import acled` reads the API's pages as they come
                    result.add(self.sink.import_feed("acled", _text(page_json), name, item))
                    result.new += 1
                if len(rows) < limit:
                    break
                page += 1
        source.cursor = {**source.cursor, "timestamp": latest}

    def _ucdp(self, source: Source, result: RunResult, deadline: float) -> None:
        key = apis.api_key(source.params.get("key_env"))
        headers = {"x-ucdp-access-token": key} if key else None
        query = {"pagesize": int(source.params.get("pagesize") or 1000), "page": 0,
                 **(source.params.get("query") or {})}
        url: str | None = source.url
        params: dict | None = query
        number = 0
        while url:
            number += 1
            fetched = self.fetcher.get(url, params=params, headers=headers, deadline=deadline)
            rows, following = apis.ucdp_page(apis.json_body(fetched.body, url), url)
            page_key = _query_key(url, params or {})
            if rows and page_key not in self.book.seen_keys(source.id, [page_key]):
                item = Item(source.id, page_key, self.clock.now(), status="imported")
                name = f"ucdp-p{number}"
                result.add(self.sink.import_feed("ucdp", _text(apis.rows_as_csv(rows)), name, item))
                result.new += 1
            url, params = (following, None) if following and rows else (None, None)


def _permanent(message: str) -> bool:
    """An entry's page that will not get better by asking again: gone, forbidden, over the size limit."""
    return "too large" in message or any(f"HTTP {code}" in message for code in (400, 401, 403, 404, 410, 451))


def _text(value: str) -> IO[str]:
    import io

    return io.StringIO(value)


def _query_key(url: str, params: dict) -> str:
    return url + ("?" + urllib.parse.urlencode(sorted((k, str(v)) for k, v in params.items())) if params else "")


def _iso_numeric(alpha3: str) -> int:
    import pycountry

    country = pycountry.countries.get(alpha_3=alpha3.upper())
    if country is None:
        raise InputError(f"unknown ISO 3166 alpha-3 country code {alpha3!r}")
    return int(country.numeric)


READERS: dict[str, Callable[[Watcher, Source, RunResult, float], None]] = {
    "rss": Watcher._feed, "atom": Watcher._feed, "gdelt": Watcher._gdelt, "acled": Watcher._acled,
    "ucdp": Watcher._ucdp,
}
