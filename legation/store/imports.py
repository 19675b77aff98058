"""Feed imports into the events table: batches, each its own transaction, every row accounted for. What each row
comes to (new, revised, joining its event, duplicate) is decided in `legation.ingest.feeds.merge`; this module
loads what is stored and writes what was decided.

For each row read, exactly one of: imported (a new event, a revised one, or a new report added to a collapsed
event), duplicate (already stored as it is), rejected (a bad row, written to the rejects file by the caller).
So imported + duplicates + rejected = read, always.

Resuming after a crash needs no bookkeeping: each batch commits whole or not at all, and a re-run finds the rows
already committed by their deterministic event ids (for collapsed GDELT events: by their row ids, kept in
`feed_rows`) and counts them as duplicates. `--strict` runs the whole import in one transaction and aborts on
the first bad row.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import sqlalchemy as sa

from legation.domain.errors import RowError
from legation.ingest.base import Reject
from legation.ingest.feeds.common import FeedRecord, Notice
from legation.ingest.feeds.merge import Feed, decide
from legation.store import audit
from legation.store.changes import cell_of, log_events
from legation.store.db import Store
from legation.store.events import ids_digest, insert_records, record_json, replace_records, stored_events
from legation.store.tables_imports import feed_rows

DEFAULT_BATCH = 10_000
_LOOKUP_CHUNK = 5000  # ids per IN (...) look-up


@dataclass
class ImportCounts:
    read: int = 0
    imported: int = 0
    duplicates: int = 0
    rejected: int = 0
    revised: int = 0  # of imported: rows that changed an event already stored
    events_added: int = 0
    events_updated: int = 0


def run_import(store: Store, items: Iterable[FeedRecord | Reject | Notice], feed: Feed, *, file: str,
               strict: bool = False, batch_size: int = DEFAULT_BATCH,
               on_reject: Callable[[Reject], None] | None = None,
               on_batch: Callable[[ImportCounts], None] | None = None,
               on_notice: Callable[[Notice], None] | None = None) -> ImportCounts:
    """Store a feed's records batch by batch (or, with `strict`, all in one transaction that a bad row aborts).
    A reader's `Notice` (about the whole file, not a row) goes to `on_notice` and is not counted."""
    counts = ImportCounts()
    batch: list[FeedRecord] = []

    def take(item: FeedRecord | Reject | Notice) -> None:
        if isinstance(item, Notice):
            if on_notice is not None:
                on_notice(item)
            return
        counts.read += 1
        if isinstance(item, Reject):
            if strict:
                raise RowError(item.reason, source=item.source, line=item.line, column=item.column)
            counts.rejected += 1
            if on_reject is not None:
                on_reject(item)
        else:
            batch.append(item)

    def flush(conn: sa.Connection) -> None:
        _tune(conn)
        _store_batch(conn, batch, feed, counts, file)
        batch.clear()
        if on_batch is not None:
            on_batch(counts)

    with _cycle_collector_paused():
        try:
            if strict:
                with store.begin() as conn:
                    for item in items:
                        take(item)
                        if len(batch) >= batch_size:
                            flush(conn)
                    flush(conn)
                return counts
            for item in items:
                take(item)
                if len(batch) >= batch_size:
                    with store.begin() as conn:
                        flush(conn)
            with store.begin() as conn:
                flush(conn)
        finally:
            _untune(store)
    return counts


@contextlib.contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off while importing. A batch holds hundreds of thousands of small dicts and lists,
    which the collector would walk again and again (measured: a third of the import's time); they form no
    cycles (measured: a GDELT import leaves no cyclic garbage), so reference counting frees them all the same and
    memory stays flat."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# SQLite settings of the import's connection. The write-ahead log is copied into the database (a checkpoint)
# whenever it passes `wal_autocheckpoint` pages: every 4 MiB by default, that is several times per batch, each
# time rewriting the same index pages (measured: a third of the import's CPU time). During an import it is copied
# every 128 MiB, and once at the end (`_untune`).
_IMPORT_PRAGMAS = {"cache_size": -131072, "wal_autocheckpoint": 32768}  # a 128 MiB page cache; 128 MiB of log
_DEFAULT_PRAGMAS = {"cache_size": -2000, "wal_autocheckpoint": 1000}  # SQLite's own defaults


def _tune(conn: sa.Connection) -> None:
    """The import's settings for this batch's connection (SQLite only; a pragma costs microseconds)."""
    if conn.dialect.name == "sqlite":
        for name, value in _IMPORT_PRAGMAS.items():
            conn.exec_driver_sql(f"PRAGMA {name}={value}")


def _untune(store: Store) -> None:
    """After an import: SQLite's usual settings back on the pooled connection, and the log copied in now rather
    than at someone else's next write."""
    if store.dialect != "sqlite":
        return
    with store.connect() as conn:
        for name, value in _DEFAULT_PRAGMAS.items():
            conn.exec_driver_sql(f"PRAGMA {name}={value}")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")


def _store_batch(conn: sa.Connection, batch: list[FeedRecord], feed: Feed, counts: ImportCounts, file: str) -> None:
    """Write one batch as `decide` says (ingest's rule), and append one audit entry for it."""
    if not batch:
        return
    stored = stored_events(conn, [item.event_id for item in batch])
    known = known_rows(conn, feed.source, [item.row_id for item in batch]) if feed.combine else set()
    decision = decide(feed, batch, stored, known)
    inserts = [(record, record_json(record), digest) for record, digest in decision.inserts]
    insert_records(conn, inserts)
    replace_records(conn, decision.changes, keep_versions=feed.combine is None, only=feed.changes_only)
    add_rows(conn, feed.source, decision.new_rows)
    counts.imported += decision.imported
    counts.duplicates += decision.duplicates
    counts.revised += decision.revised
    counts.events_added += len(inserts)
    counts.events_updated += len(decision.changes)
    touched = [r["id"] for r, _ in decision.inserts] + [r["id"] for r, _, _ in decision.changes]
    seq = audit.append(conn, f"import.{feed.source}", "event", None, after={
        "file": file, "rows": len(batch), "imported": decision.imported, "duplicates": decision.duplicates,
        "events_added": len(inserts), "events_updated": len(decision.changes),
        "ids_sha256": ids_digest(touched)})
    replaced = [] if feed.changes_only is not None and not _LOGGED_COLUMNS & set(feed.changes_only) else \
        [stored.record for _, _, stored in decision.changes]
    log_events(conn, seq, change_summary([r for r, _ in decision.inserts] + [r for r, _, _ in decision.changes]
                                         + replaced))  # legation/store/changes.py


_LOGGED_COLUMNS = {"lat", "lon", "type", "sentence", "date_start", "date_end"}  # what the change log says of an event


def change_summary(records: Iterable[dict]) -> list[dict]:
    """The records a batch wrote, folded for the change log: one record per grid cell and type, whose sentence is
    the distinct words of all their sentences and whose dates span all of theirs (none if one of them is undated).
    `log_events` writes the same rows for these as for the records themselves (one row per cell and type, with the
    mask of every word of their sentences and the span of their days): a word's bit does not depend on the words
    around it, and an ASCII sentence's words are its runs of letters and digits, whatever their case. It reads each
    word once, not every sentence (measured on ACLED's notes: 18 µs a row, 8 after). A test holds the rows equal to
    those of the records unfolded."""
    groups: dict[tuple[int | None, str | None], list] = {}
    for record in records:
        location, date = record.get("location") or {}, record.get("date") or {}
        lat, lon, kind = location.get("lat"), location.get("lon"), record.get("type")
        start = date.get("start")
        days = (str(start)[:10], str(date.get("end") or start)[:10]) if start else None
        key = (cell_of(lat, lon), kind)
        group = groups.get(key)
        if group is None:
            group = groups[key] = [{"type": kind, "location": {"lat": lat, "lon": lon}}, [], days]
        elif group[2] is not None:
            group[2] = None if days is None else (min(group[2][0], days[0]), max(group[2][1], days[1]))
        sentence = (record.get("evidence") or {}).get("sentence")
        if sentence:
            group[1].append(sentence)
    folded = []
    for record, sentences, days in groups.values():
        text = "\n".join(sentences)
        words = set(text.translate(_ASCII_WORDS).split()) if text.isascii() else set(text.split())
        record["evidence"] = {"sentence": " ".join(words)}
        if days is not None:
            record["date"] = {"start": days[0], "end": days[1]}
        folded.append(record)
    return folded


# ASCII letters lower-cased, every other ASCII character but digits a space: what is left are the words.
_ASCII_WORDS = str.maketrans({c: (c.lower() if c.isalnum() else " ") for c in map(chr, range(128))})


def known_rows(conn: sa.Connection, source: str, row_ids: list[str]) -> set[str]:
    """The row ids of this feed already stored (in a few indexed IN (...) look-ups)."""
    found: set[str] = set()
    unique = list(dict.fromkeys(row_ids))
    for i in range(0, len(unique), _LOOKUP_CHUNK):
        chunk = unique[i:i + _LOOKUP_CHUNK]
        if conn.dialect.name == "sqlite":  # plain SQL: SQLAlchemy's expanding IN costs more than the look-up
            rows = conn.exec_driver_sql(f"SELECT row_id FROM feed_rows WHERE source = ? AND row_id IN "
                                        f"({','.join('?' * len(chunk))})", (source, *chunk))
        else:
            rows = conn.execute(sa.select(feed_rows.c.row_id).where(feed_rows.c.source == source,
                                                                    feed_rows.c.row_id.in_(chunk)))
        found.update(r[0] for r in rows)
    return found


def add_rows(conn: sa.Connection, source: str, rows: list[tuple[str, str]]) -> None:
    """Record which event each new feed row went into (one executemany of plain tuples)."""
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("INSERT INTO feed_rows (source, row_id, event_id) VALUES (?, ?, ?)",
                             [(source, row_id, event_id) for row_id, event_id in rows])
    else:
        conn.execute(feed_rows.insert(), [{"source": source, "row_id": r, "event_id": e} for r, e in rows])


def rows_of_event(conn: sa.Connection, event_id: str) -> list[str]:
    """The feed row ids (GDELT GLOBALEVENTIDs) an event was made from, in the order they were stored.

    A scan of `feed_rows` (event_id is not indexed, see `tables_imports`): fine for showing one event."""
    return list(conn.execute(sa.select(feed_rows.c.row_id).where(feed_rows.c.event_id == event_id)
                             .order_by(sa.func.length(feed_rows.c.row_id), feed_rows.c.row_id)).scalars())
