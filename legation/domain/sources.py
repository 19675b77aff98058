"""Live sources as records: what to read (an RSS/Atom feed, GDELT's 15-minute exports, the ACLED or UCDP API), how
often, and how it has gone (its health). Pure rules, no I/O: the schedule, exponential back-off after errors, and
the source's deterministic id.

A source runs when its `next_run` has come. A success schedules the next run one `interval` after the run began
and clears the failure count; an error doubles the wait each time (`interval * 2**failures`, at most
`MAX_BACKOFF`, never less than the interval), so a dead server is asked less and less often, and one good answer
puts it back on schedule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from legation.domain.errors import InputError
from legation.domain.ids import stable_id

KINDS = ("rss", "atom", "gdelt", "acled", "ucdp")
# Seconds between runs when the source's own schedule is not given. A news feed is read every 30 s so that an item
# is seen within a minute of appearing; GDELT publishes every 15 minutes; ACLED and UCDP revise daily at most.
DEFAULT_INTERVAL = {"rss": 30, "atom": 30, "gdelt": 900, "acled": 86_400, "ucdp": 86_400}
DEFAULT_URL = {"gdelt": "http://data.gdeltproject.org/gdeltv2/lastupdate.txt",
               "acled": "https://api.acleddata.com/acled/read",
               "ucdp": "https://ucdpapi.pcr.uu.se/api/gedevents/24.1"}
MIN_INTERVAL = 5
MAX_BACKOFF = 6 * 3600  # the longest wait after repeated errors (unless the interval itself is longer)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise InputError(f"unknown source kind {kind!r}: use one of {', '.join(KINDS)}")
    return kind


def check_url(url: str) -> str:
    if not url.startswith(("http://", "https://")) or len(url) < 10 or " " in url:
        raise InputError(f"not an http(s) URL: {url!r}")
    return url


def check_interval(seconds: int) -> int:
    if seconds < MIN_INTERVAL:
        raise InputError(f"the interval must be at least {MIN_INTERVAL} seconds, not {seconds}")
    return seconds


def source_id(kind: str, url: str, params: dict[str, Any]) -> str:
    """Deterministic: the same feed (or the same API query) added twice is one source."""
    key = "|".join([kind, url] + [f"{k}={params[k]}" for k in sorted(params) if k != "key_env"])
    return stable_id("source", key).replace("-", "")[:12]


@dataclass
class Source:
    """One source and its health. `cursor` is what the source's reader keeps between runs (ACLED's last timestamp,
    GDELT's last export); `etag` and `last_modified` make the next request conditional."""

    kind: str
    url: str
    interval: int
    params: dict[str, Any] = field(default_factory=dict)
    id: str = ""
    name: str | None = None
    added_at: dt.datetime | None = None
    next_run: dt.datetime | None = None  # None: due now
    last_run: dt.datetime | None = None
    last_success: dt.datetime | None = None
    last_error: str | None = None
    last_error_at: dt.datetime | None = None
    failures: int = 0  # consecutive errors
    etag: str | None = None
    last_modified: str | None = None
    cursor: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_kind(self.kind)
        if not self.id:
            self.id = source_id(self.kind, self.url, self.params)

    def due(self, now: dt.datetime) -> bool:
        return self.next_run is None or self.next_run <= now

    def succeeded(self, now: dt.datetime, started: dt.datetime | None = None) -> None:
        """A run that began at `started` ended well at `now`: the next one is due an interval after the start (at
        once, if this run took longer than the interval), so a long run does not push the schedule back."""
        self.last_run = self.last_success = now
        self.failures = 0
        self.next_run = (started or now) + dt.timedelta(seconds=self.interval)

    def failed(self, now: dt.datetime, error: str, retry_after: float | None = None) -> None:
        """A run ended in `error`: wait longer each time, and at least as long as the server asked (Retry-After,
        within the back-off cap)."""
        self.last_run = self.last_error_at = now
        self.last_error = error[:500]
        self.failures += 1
        wait = backoff(self.interval, self.failures)
        if retry_after:
            wait = max(wait, min(retry_after, max(MAX_BACKOFF, self.interval)))
        self.next_run = now + dt.timedelta(seconds=wait)


def backoff(interval: int, failures: int) -> float:
    """Seconds to wait after `failures` consecutive errors: the interval doubled for each, within the cap."""
    if failures <= 0:
        return float(interval)
    return float(min(interval * 2 ** min(failures, 30), max(MAX_BACKOFF, interval)))


def fresh_item(key: str | None, digest: str, seen_keys: set[str], seen_digests: set[str]) -> bool:
    """An item is new unless its URL (or feed id) or its content was seen before."""
    return not ((key is not None and key in seen_keys) or digest in seen_digests)
