"""RSS and Atom feeds (feedparser): each entry's link, id, title and date, oldest first."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from legation.ingest.sources.fetch import FetchError


@dataclass
class Entry:
    key: str  # what identifies the entry across fetches: its link, else its id
    link: str | None
    title: str | None
    published: str | None  # ISO date, when the feed gives one
    summary: str | None


def _date(entry) -> str | None:
    for name in ("published_parsed", "updated_parsed"):
        value = entry.get(name)
        if value:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC).date().isoformat()
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def parse_feed(body: bytes, url: str) -> list[Entry]:
    """The entries of a feed, oldest first. A body feedparser cannot read as a feed (malformed XML with no entry,
    an HTML page) is a `FetchError`; a damaged feed whose entries can still be read gives those; a feed that is
    well formed but empty has no entries."""
    import feedparser

    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    entries = []
    for raw in parsed.entries:
        link = (raw.get("link") or "").strip() or None
        key = link or (raw.get("id") or "").strip()
        if not key:
            continue
        entries.append(Entry(key=key, link=link, title=(raw.get("title") or "").strip() or None,
                             published=_date(raw), summary=(raw.get("summary") or "").strip() or None))
    if parsed.bozo and not entries:  # malformed XML that yields no usable entry
        reason = getattr(parsed.get("bozo_exception"), "getMessage", None)
        detail = reason() if callable(reason) else str(parsed.get("bozo_exception") or "not a feed")
        raise FetchError(f"{url}: not a readable RSS or Atom feed ({detail})")
    if not parsed.get("version") and not entries:
        raise FetchError(f"{url}: not an RSS or Atom feed")
    entries.sort(key=lambda e: e.published or "")  # oldest first: items are recorded in the order they appeared
    return entries
