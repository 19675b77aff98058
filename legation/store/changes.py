"""What each write changed, in terms a kept answer can test (migration 0014_changes).

Every write appends an audit entry (`legation.store.audit`), whose sequence number orders all writes. The writes
that kept answers care about most also append rows here, in the same transaction and under the same sequence number,
saying what they touched:

- an event written (new, revised, or a report joining it): its grid cell (`cell_of`: ~0.5° of latitude and
  longitude; none when it has no coordinates) and its type, before and after the write, with the words of its
  sentence and its days (migration 0015_site_status);
- an assessment stored: its site.

A kept answer (legation/api/cache.py) knows the cells, types, words, days and sites it was computed from and the
sequence number it was computed at; it is still fresh while no write since then touched any of them. An audit entry
with no rows here touches, for all a reader can tell, everything (a site moved, a user changed), unless its entity
is one no kept answer reads (`UNREAD_ENTITIES`). Every server process reads the same log, so all of them agree on
what is fresh.
"""

from __future__ import annotations

import bisect
import math
import re
import threading
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from legation.domain.geo import bbox
from legation.store.tables import audit_log, metadata

KEEP_WRITES = 100_000  # rows of older writes are deleted (every PRUNE_EVERY writes): see `_prune`
PRUNE_EVERY = 1000
CELL_DEGREES = 0.5
MAX_CELLS = 1024  # a wider area than this many cells depends on every cell
# Audit entities whose writes no kept answer (site status, event search) reads: alerts, orders, subscriptions,
# advisories, sources, reports (an event's record is written as an event), incidents (they set the events'
# `incident_id` column, not their records; a record they revise is written as an event), tokens (a token's holder
# is looked up again on every write, legation/api/cache.py `token_holder`).
UNREAD_ENTITIES = frozenset({"alert", "order", "subscription", "advisory", "source", "report", "incident", "token"})

data_changes = sa.Table(
    "data_changes", metadata,
    sa.Column("seq", sa.Integer, nullable=False, index=True),  # the write's audit entry
    sa.Column("kind", sa.String(8), nullable=False),  # "event" (cell, type), "site" (site_id) or "none"
    sa.Column("cell", sa.Integer),  # `cell_of` the event's point; NULL: no coordinates
    sa.Column("type", sa.String(16)),
    sa.Column("words", sa.BigInteger),  # `words_mask` of the events' sentences (kind "event")
    sa.Column("site_id", sa.String(64)),
    sa.Column("day_from", sa.String(10)),  # the events' first day (migration 0015_site_status); NULL: unknown
    sa.Column("day_to", sa.String(10)),  # their last day (the end of one that has an end)
)


def cell_of(lat: float | None, lon: float | None) -> int | None:
    """The grid cell of a point: rows of CELL_DEGREES from the south pole times 1000, plus columns from -180°."""
    if lat is None or lon is None:
        return None
    row = int(math.floor((float(lat) + 90.0) / CELL_DEGREES))
    col = int(math.floor((float(lon) + 180.0) / CELL_DEGREES))
    return row * 1000 + col


def cells_around(lat: float, lon: float, km: float) -> frozenset[int] | None:
    """Every cell the circle of `km` around a point overlaps (through its enclosing box); None (every cell) when
    that is more than MAX_CELLS or the box crosses the antimeridian or a pole."""
    min_lat, max_lat, min_lon, max_lon = bbox(lat, lon, km)
    if min_lat < -90 or max_lat > 90 or min_lon < -180 or max_lon > 180:
        return None
    low, high = cell_of(min_lat, min_lon), cell_of(max_lat, max_lon)
    assert low is not None and high is not None
    rows, cols = range(low // 1000, high // 1000 + 1), range(low % 1000, high % 1000 + 1)
    if len(rows) * len(cols) > MAX_CELLS:
        return None
    return frozenset(r * 1000 + c for r in rows for c in cols)


_WORD = re.compile(r"[^\W_]+")
WORD_BITS = 63


def words_mask(text: str | None) -> int:
    """The words of a text as a 63-bit mask, one bit per word's first two letters (lowercased, accents dropped).

    Full-text search matches words whole (SQLite FTS5) or by their English stem (PostgreSQL), and a stem keeps a
    word's first two letters, so an event a search for some words can find shares a bit with those words' mask
    (the converse need not hold: a shared bit only says the search may have changed)."""
    plain = unicodedata.normalize("NFKD", text or "").casefold()
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    mask = 0
    for word in _WORD.findall(plain):
        mask |= 1 << (zlib.crc32(word[:2].encode()) % WORD_BITS)
    return mask


def _point_and_type(record: dict) -> tuple[int | None, str | None]:
    loc = record.get("location") or {}
    return cell_of(loc.get("lat"), loc.get("lon")), record.get("type")


def _sentence(record: dict) -> str | None:
    return (record.get("evidence") or {}).get("sentence")


def start_day(record: dict) -> str | None:
    """The day an event record starts, as the events' `date_start` column holds it; None: undated."""
    start = (record.get("date") or {}).get("start")
    return str(start)[:10] if start else None


def _days(record: dict) -> tuple[str, str] | None:
    """The first and last day of an event (its start, and its end or else its start); None when it has no start
    (or a record folded for the log without dates: `legation.store.imports.change_summary`)."""
    date = record.get("date") or {}
    start = date.get("start")
    if not start:
        return None
    return str(start)[:10], str(date.get("end") or start)[:10]


_EVENT_COLUMNS = {"lat", "lon", "type", "sentence", "date_start", "date_end"}  # what a row says of an event


def log_events(conn: sa.Connection, seq: int, records: Iterable[dict], old: Iterable[object] = (),
               only: tuple[str, ...] | None = None) -> None:
    """Record that the write `seq` wrote these event records (dicts of the spec's shape), replacing the stored
    events `old` (each with a `.record`; not read when `only`, the columns changed, leaves place, type, sentence
    and dates alone): their cells and types, and by (cell, type) the words of their sentences and the span of their
    days (unknown, NULL, when one of them has no date)."""
    touched: dict[tuple[int | None, str | None], list] = {}
    replaced = list(old) if only is None or _EVENT_COLUMNS & set(only) else []
    for record in [*records, *(o.record for o in replaced)]:  # type: ignore[attr-defined]
        key = _point_and_type(record)
        days = _days(record)
        group = touched.get(key)
        if group is None:
            touched[key] = [words_mask(_sentence(record)), days]
            continue
        group[0] |= words_mask(_sentence(record))
        group[1] = None if days is None or group[1] is None else (min(group[1][0], days[0]),
                                                                  max(group[1][1], days[1]))
    rows = [{"seq": seq, "kind": "event", "cell": cell, "type": kind, "words": words, "site_id": None,
             "day_from": days[0] if days else None, "day_to": days[1] if days else None}
            for (cell, kind), (words, days) in touched.items()]
    # a write that touched no event (a batch of duplicates) still says so: described, it stales nothing
    conn.execute(data_changes.insert(), rows or [{"seq": seq, "kind": "none"}])
    _prune(conn, seq)


def log_sites(conn: sa.Connection, seq: int, site_ids: Iterable[str]) -> None:
    """Record that the write `seq` changed what is known of these sites (their assessment)."""
    rows = [{"seq": seq, "kind": "site", "cell": None, "type": None, "words": None, "site_id": s}
            for s in sorted(set(site_ids))]
    if rows:
        conn.execute(data_changes.insert(), rows)
    _prune(conn, seq)


def _prune(conn: sa.Connection, seq: int) -> None:
    """Now and then, the rows of writes more than KEEP_WRITES ago deleted, all of a write's rows at once. A process
    that reads the log from before that (idle since) finds those writes undescribed, so takes them as touching
    everything: pruning can make answers computed again, never kept too long."""
    if seq % PRUNE_EVERY == 0 and seq > KEEP_WRITES:
        conn.execute(data_changes.delete().where(data_changes.c.seq < seq - KEEP_WRITES))


@dataclass(frozen=True, slots=True)
class Touch:
    """One row of the log as a reader holds it: a write touched events in `cell` of `type`, whose sentences have
    the words `words` (None: any) and whose days span `day_from`..`day_to` (None: unknown); or a site's
    assessment (`site_id`)."""

    cell: int | None
    type: str | None
    words: int | None
    day_from: str | None
    day_to: str | None
    site_id: str | None = None

    @classmethod
    def assessment(cls, site_id: str) -> Touch:
        """A write of a site's assessment."""
        return cls(None, None, None, None, None, site_id)


@dataclass(frozen=True)
class Needs:
    """What an answer was computed from: events in these cells (None: anywhere, with or without coordinates) of
    these types (None: any) whose sentences share a bit with `words` (None: any sentence; see `words_mask`), and
    these sites' assessments. `everything`: any write at all makes it stale.

    Days narrow it further: an answer reads no event that ended before `since` or started after `until`; and a
    page that had more after it (`below`, the start day of its last item) cannot change for an event that starts
    before that day, since the event sorts (newest first) after the page's last item."""

    cells: frozenset[int] | None = None
    types: frozenset[str] | None = None
    words: int | None = None
    sites: frozenset[str] = frozenset()
    everything: bool = False
    since: str | None = None
    until: str | None = None
    below: str | None = None

    def touched_by(self, t: Touch) -> bool:
        if t.site_id is not None:
            return t.site_id in self.sites
        if self.cells is not None and t.cell not in self.cells:
            return False
        if self.types is not None and t.type not in self.types:
            return False
        if self.words is not None and t.words is not None and not t.words & self.words:
            return False
        if t.day_from is None or t.day_to is None:  # days unknown: any day
            return True
        if self.until is not None and t.day_from > self.until:
            return False
        if self.since is not None and t.day_to < self.since:
            return False
        return self.below is None or t.day_to >= self.below


EVERYTHING = Needs(everything=True)
HELD_WRITES = 20_000  # a reader holds the rows of this many recent writes; an answer older than them is stale


class Recent:
    """What the writes since `start` touched, as read from the log by one process, newest last; `refresh(conn,
    head)` reads the writes since the last refresh (two indexed range queries). `fresh(needs, version)` tests an
    answer against the writes after `version` only, so an answer checked again at each new head is tested against
    the few writes since its last check (legation/api/cache.py keeps that)."""

    def __init__(self, start: int, held: int = HELD_WRITES):
        self.seen = self.start = self.floor = start  # writes after `floor` are held in `writes`
        self.all = 0  # the latest write touching everything
        self.held = held
        self.writes: list[tuple[int, tuple[Touch, ...]]] = []
        self.lock = threading.Lock()

    def refresh(self, conn: sa.Connection, head: int) -> None:
        with self.lock:
            if head <= self.seen:
                return
            low = self.seen
            c = data_changes.c
            rows = conn.execute(sa.select(c.seq, c.kind, c.cell, c.type, c.words, c.site_id, c.day_from, c.day_to)
                                .where(c.seq > low, c.seq <= head).order_by(c.seq)).all()
            described = {r.seq for r in rows}
            for seq, entity in conn.execute(sa.select(audit_log.c.seq, audit_log.c.entity)
                                            .where(audit_log.c.seq > low, audit_log.c.seq <= head)):
                if seq not in described and entity not in UNREAD_ENTITIES:
                    self.all = max(self.all, seq)
            by_seq: dict[int, list[Touch]] = {}
            for r in rows:
                if r.kind == "site":
                    by_seq.setdefault(r.seq, []).append(Touch.assessment(r.site_id))
                elif r.kind != "none":
                    by_seq.setdefault(r.seq, []).append(Touch(r.cell, r.type, r.words, r.day_from, r.day_to))
            writes = self.writes + [(seq, tuple(touches)) for seq, touches in sorted(by_seq.items())]
            if len(writes) > self.held:  # the oldest half let go: answers computed before them are stale
                cut = len(writes) - self.held // 2
                self.floor = writes[cut - 1][0]
                writes = writes[cut:]
            self.writes = writes  # one assignment: a reader sees the old list or the new, whole
            self.seen = head

    def fresh(self, needs: Needs, version: int) -> bool:
        """Whether an answer computed (or last found fresh) at `version` from `needs` is untouched by every write
        read so far."""
        if version < self.start or self.all > version:
            return False
        if needs.everything:
            return self.seen <= version
        if version < self.floor:
            return False
        writes = self.writes
        for i in range(bisect.bisect_right(writes, version, key=_seq), len(writes)):
            if any(needs.touched_by(t) for t in writes[i][1]):
                return False
        return True


def _seq(write: tuple[int, tuple[Touch, ...]]) -> int:
    return write[0]
