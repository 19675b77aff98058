"""What each write changed, in terms a kept answer can test (migration 0014_changes).

Every write appends an audit entry (`legation.store.audit`), whose sequence number orders all writes. The writes
that kept answers care about most also append rows here, in the same transaction and under the same sequence
number, saying what they touched:

- an event written (new, revised, or a report joining it): its grid cell (`cell_of`: ~0.5° of latitude and
  longitude; none when it has no coordinates) and its type, before and after the write;
- an assessment stored: its site.

A kept answer (legation/api/cache.py) knows the cells, types and sites it was computed from and the sequence number
it was computed at; it is still fresh while no write since then touched any of them. An audit entry with no rows
here touches, for all a reader can tell, everything (a site moved, a user changed),
unless its entity is one no kept answer reads (`UNREAD_ENTITIES`). Every server process reads the same log, so all
of them agree on what is fresh.
"""

from __future__ import annotations

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


def log_events(conn: sa.Connection, seq: int, records: Iterable[dict], old: Iterable[object] = (),
               only: tuple[str, ...] | None = None) -> None:
    """Record that the write `seq` wrote these event records (dicts of the spec's shape), replacing the stored
    events `old` (each with a `.record`; not read when `only`, the columns changed, leaves place, type and
    sentence alone): their cells and types, and the words of their sentences by (cell, type)."""
    touched: dict[tuple[int | None, str | None], int] = {}
    replaced = list(old) if only is None or {"lat", "lon", "type", "sentence"} & set(only) else []
    for record in [*records, *(o.record for o in replaced)]:  # type: ignore[attr-defined]
        key = _point_and_type(record)
        touched[key] = touched.get(key, 0) | words_mask(_sentence(record))
    rows = [{"seq": seq, "kind": "event", "cell": cell, "type": kind, "words": words, "site_id": None}
            for (cell, kind), words in touched.items()]
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


@dataclass(frozen=True)
class Needs:
    """What an answer was computed from: events in these cells (None: anywhere, with or without coordinates) of
    these types (None: any) whose sentences share a bit with `words` (None: any sentence; see `words_mask`), and
    these sites' assessments. `everything`: any write at all makes it stale."""

    cells: frozenset[int] | None = None
    types: frozenset[str] | None = None
    words: int | None = None
    sites: frozenset[str] = frozenset()
    everything: bool = False


EVERYTHING = Needs(everything=True)


class Recent:
    """The latest write that touched each cell, type, (cell, type) and site, as read from the log by one process;
    `refresh(conn, head)` reads the writes since the last refresh (two indexed range queries)."""

    def __init__(self, start: int):
        self.seen = self.start = start
        self.all = self.events = 0  # the latest write touching everything / any event
        self.by_cell: dict[int | None, int] = {}
        self.by_type: dict[str | None, int] = {}
        self.by_pair: dict[tuple[int | None, str | None], int] = {}
        self.by_site: dict[str, int] = {}
        self.by_bit: dict[int, int] = {}
        self.lock = threading.Lock()

    def refresh(self, conn: sa.Connection, head: int) -> None:
        with self.lock:
            if head <= self.seen:
                return
            low = self.seen
            rows = conn.execute(sa.select(data_changes.c.seq, data_changes.c.kind, data_changes.c.cell,
                                          data_changes.c.type, data_changes.c.words, data_changes.c.site_id)
                                .where(data_changes.c.seq > low, data_changes.c.seq <= head)).all()
            described = {r.seq for r in rows}
            for seq, entity in conn.execute(sa.select(audit_log.c.seq, audit_log.c.entity)
                                            .where(audit_log.c.seq > low, audit_log.c.seq <= head)):
                if seq not in described and entity not in UNREAD_ENTITIES:
                    self.all = max(self.all, seq)
            for r in rows:
                if r.kind == "none":
                    continue
                if r.kind == "site":
                    self.by_site[r.site_id] = max(self.by_site.get(r.site_id, 0), r.seq)
                else:
                    self.events = max(self.events, r.seq)
                    self.by_cell[r.cell] = max(self.by_cell.get(r.cell, 0), r.seq)
                    self.by_type[r.type] = max(self.by_type.get(r.type, 0), r.seq)
                    self.by_pair[(r.cell, r.type)] = max(self.by_pair.get((r.cell, r.type), 0), r.seq)
                    words = (1 << WORD_BITS) - 1 if r.words is None else r.words
                    for bit in range(WORD_BITS):
                        if words >> bit & 1:
                            self.by_bit[bit] = max(self.by_bit.get(bit, 0), r.seq)
            self.seen = head

    def fresh(self, needs: Needs, version: int) -> bool:
        """Whether an answer computed at `version` from `needs` is untouched by every write read so far."""
        if version < self.start or self.all > version:
            return False
        if needs.everything:
            return self.seen <= version
        if any(self.by_site.get(s, 0) > version for s in needs.sites):
            return False
        if self.events <= version:
            return True
        if needs.words is not None and not any(self.by_bit.get(bit, 0) > version for bit in range(WORD_BITS)
                                               if needs.words >> bit & 1):
            return True  # no event changed since has a word the answer searched for
        return not self._touched(needs, version)

    def _touched(self, needs: Needs, version: int) -> bool:
        """Whether an event changed since `version` in the answer's cells with one of its types (the words are
        tested apart: an answer found touched by both tests may have been touched by neither alone, never the
        reverse, so it is at worst computed again for nothing)."""
        if needs.cells is None:
            return needs.types is None or any(self.by_type.get(t, 0) > version for t in needs.types)
        for cell in needs.cells:
            if self.by_cell.get(cell, 0) > version and (
                    needs.types is None or any(self.by_pair.get((cell, t), 0) > version for t in needs.types)):
                return True
        return False
