"""What a record read again means for the event already stored: the one digest, the one carry-over rule, and each
feed's merge decision. Pure functions over plain records: the store loads what is stored, asks `decide` (feed
batches) or `revision` (any record), and writes what they say; every write path (articles, curation, attribution,
feed imports) goes through them.

  - `record_digest(record)`: whether a record says something new. The sha256 of its canonical JSON (orjson, sorted
    keys, UTF-8, shortest float form) without where it was read (`doc`, the evidence's `file` and `row`), so the
    same row in a newer export, or the same article under another file name, is the same record.
  - `carry_over(old, new)`: what later stages added to the stored record (`claimed_by` from attribution,
    `incident_id` from incidents) and an analyst's correction (`curated`) survive a reader's re-read.
  - `revision(stored, record)`: the two together; None when nothing is new (a no-op, never a new version).
  - `decide(feed, batch, stored, known)`: for a batch of feed rows, which events to insert, which to replace,
    which rows are duplicates. One event per row (ACLED, UCDP: the last row with an id wins), or rows merged into
    one event by the feed's `combine` (GDELT: rows already stored are found by their row ids, `known`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import orjson

from legation.ingest.feeds.common import FeedRecord

Combine = Callable[[dict | None, list], dict]


class StoredEvent(Protocol):
    """An event as the store holds it: its id, the digest it was stored with, and its record."""

    id: str
    digest: str

    @property
    def record(self) -> dict: ...


def record_digest(record: dict) -> str:
    """The digest of what a record says, not where it was read (see the module docstring): the one digest of the
    store's `digest` column."""
    view = dict(record)
    view["doc"] = None
    evidence = record.get("evidence")
    if evidence and (evidence.get("file") is not None or evidence.get("row") is not None):
        view["evidence"] = {**evidence, "file": None, "row": None}
    return hashlib.sha256(orjson.dumps(view, option=orjson.OPT_SORT_KEYS, default=str)).hexdigest()


def carry_over(old: dict, new: dict) -> dict:
    """`new` (a reader's record of an event already stored as `old`) with what later stages and analysts added to
    `old`: an analyst's correction (`curated`) wins over a machine's re-read whole; the claimants attribution
    linked (`claimed_by`) are kept beside any the reader found; the incident it was placed in stays."""
    if old.get("curated") and not new.get("curated"):
        return old
    claimed = old.get("claimed_by") or []
    if claimed and set(claimed) - set(new.get("claimed_by") or []):
        new = {**new, "claimed_by": sorted(set(claimed) | set(new.get("claimed_by") or []))}
    if old.get("incident_id") and not new.get("incident_id"):
        new = {**new, "incident_id": old["incident_id"]}
    return new


def revision(stored: StoredEvent | None, record: dict) -> tuple[dict, str] | None:
    """What to write for `record` over the stored event: (the record with `carry_over` applied, its digest), or
    None when it says nothing the stored one does not. The stored record is decoded only when the digests differ;
    one stored under an older digest rule is compared by content."""
    digest = record_digest(record)
    if stored is None:
        return record, digest
    if digest == stored.digest:
        return None
    previous = stored.record
    record = carry_over(previous, record)
    digest = record_digest(record)
    if digest == stored.digest or digest == record_digest(previous):
        return None
    return record, digest


@dataclass
class Feed:
    """How a feed's records are stored: `combine` merges rows of one event (GDELT), whose row ids are then kept
    to find re-imported rows. Feeds without `combine` keep one event per row (its id derived from the row's own
    id), the last version winning."""

    source: str
    combine: Combine | None = None
    changes_only: tuple[str, ...] | None = None  # the columns `combine` can change, when it is known


@dataclass
class Decision:
    """What a batch of feed rows comes to: events to insert (record, digest), events to replace (record, digest,
    stored), new row ids (row id, event id), and the rows' accounting."""

    inserts: list[tuple[dict, str]] = field(default_factory=list)
    changes: list[tuple[dict, str, StoredEvent]] = field(default_factory=list)
    new_rows: list[tuple[str, str]] = field(default_factory=list)
    imported: int = 0
    duplicates: int = 0
    revised: int = 0


def decide(feed: Feed, batch: list[FeedRecord], stored: Mapping[str, StoredEvent], known: set[str]) -> Decision:
    """Each row of the batch imported (new, revised, or a new report joining its event) or a duplicate; `stored`
    holds the batch's events already stored, `known` (combining feeds) the row ids already stored."""
    groups: dict[str, list[FeedRecord]] = {}
    for item in batch:
        groups.setdefault(item.event_id, []).append(item)
    decision = Decision()
    for event_id, items in groups.items():
        old = stored.get(event_id)
        outcome = _merge(feed, event_id, items, old, known, decision) if feed.combine else \
            _latest(items, old, decision)
        if outcome is None:
            continue
        record, digest = outcome
        if old is None:
            decision.inserts.append((record, digest))
        elif digest != old.digest:
            decision.changes.append((record, digest, old))
    return decision


def _latest(items: list[FeedRecord], old: StoredEvent | None, decision: Decision) -> tuple[dict, str] | None:
    """One row per event: the last row with this id wins; earlier ones, and a row that says nothing new over the
    stored event (`revision`), are duplicates."""
    decision.duplicates += len(items) - 1
    outcome = revision(old, items[-1].record)
    if outcome is None:
        decision.duplicates += 1
        return None
    decision.imported += 1
    decision.revised += old is not None
    return outcome


def _merge(feed: Feed, event_id: str, items: list[FeedRecord], old: StoredEvent | None, known: set[str],
           decision: Decision) -> tuple[dict, str] | None:
    """Rows reporting one event: rows already stored (by their feed row id) are duplicates; the rest join it."""
    fresh = []
    for item in items:
        if item.row_id in known:
            decision.duplicates += 1
            continue
        known.add(item.row_id)
        decision.new_rows.append((item.row_id, event_id))
        fresh.append(item.record)
    if not fresh:
        return None
    decision.imported += len(fresh)
    decision.revised += len(fresh) if old is not None else 0
    assert feed.combine is not None
    record = feed.combine(old.record if old is not None else None, fresh)
    return record, record_digest(record)
