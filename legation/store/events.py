"""Events: upsert by id (a revised record keeps its earlier version), spatial and full-text queries.

Every write of an event record goes through one rule, whichever path it comes by (an article's events, an analyst's
curation, attribution's claims, a feed import's bulk batches): `record_digest`, `carry_over` and `revision` of
`legation.ingest.feeds.merge` (re-exported here), then `insert_records` / `replace_records`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
import sqlalchemy as sa

from legation.domain.errors import NotFound
from legation.domain.geo import bbox, haversine_km
from legation.domain.records import Event
from legation.ingest.feeds.merge import StoredEvent, carry_over, record_digest, revision  # noqa: F401 (re-exported)
from legation.store import audit
from legation.store.changes import log_events
from legation.store.tables import event_versions
from legation.store.tables import events as t

BATCH = 500
# Audit actions whose records are an analyst's own corrections: a reader's later re-read never overwrites them.
CURATING_ACTIONS = frozenset({"event.curate", "events.confirm"})


@dataclass
class EventCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: EventCounts) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged


def upsert_events(conn: sa.Connection, events: Iterable[Event], *, audit_action: str = "events.upsert",
                  curated: bool | None = None) -> EventCounts:
    """Insert new events, update revised ones (keeping the earlier version), skip identical ones; through the
    same `revision`, `insert_records` and `replace_records` as feed imports. `curated` (default: the audit action
    is a curation) marks the records as an analyst's correction, which later machine re-reads leave as it is.

    One audit entry per call (a batch), naming the counts and the ids touched.
    """
    curated = audit_action in CURATING_ACTIONS if curated is None else curated
    counts = EventCounts()
    touched: list[str] = []
    pending: list[dict] = []
    written: tuple[list, list] = ([], [])  # new records, stored ones replaced: for the change log

    def flush() -> None:
        existing = stored_events(conn, [r["id"] for r in pending])
        inserts, changes, seen = [], [], set()
        for record in pending:
            if record["id"] in seen:
                counts.unchanged += 1
                continue
            seen.add(record["id"])
            old = existing.get(record["id"])
            outcome = revision(old, record)
            if outcome is None:
                counts.unchanged += 1
                continue
            record, digest_ = outcome
            touched.append(record["id"])
            if old is None:
                inserts.append((record, record_json(record), digest_))
            else:
                changes.append((record, digest_, old))
        insert_records(conn, inserts)
        replace_records(conn, changes)
        written[0].extend(r for r, *_ in inserts + changes)
        written[1].extend(old for *_, old in changes)
        counts.inserted += len(inserts)
        counts.updated += len(changes)
        pending.clear()

    for event in events:
        record = event.to_dict()
        if curated:
            record["curated"] = True
        pending.append(record)
        if len(pending) >= BATCH:
            flush()
    if pending:
        flush()
    if counts.inserted or counts.updated:
        seq = audit.append(conn, audit_action, "event", None,
                           after={"inserted": counts.inserted, "updated": counts.updated,
                                  "ids_sha256": ids_digest(touched)})
        log_events(conn, seq, *written)  # what kept answers test (legation/store/changes.py)
    return counts

def ids_digest(ids: Iterable[str]) -> str:
    """The `ids_sha256` of an event write's audit entry: the events it touched, in that order (after_ingest
    recognises its own batch by it)."""
    return hashlib.sha256("\n".join(ids).encode()).hexdigest()


def get_event(conn: sa.Connection, event_id: str) -> Event:
    row = conn.execute(sa.select(t.c.record).where(t.c.id == event_id)).first()
    if row is None:
        raise NotFound(f"no event with id {event_id!r}")
    return _shown(row.record, records=False)


def event_versions_of(conn: sa.Connection, event_id: str) -> list[dict]:
    rows = conn.execute(sa.select(event_versions).where(event_versions.c.event_id == event_id)
                        .order_by(event_versions.c.version))
    return [{"version": r.version, "replaced_at": r.replaced_at, "record": r.record} for r in rows]


def count_events(conn: sa.Connection) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()


# The R*Tree's events in the box around a circle, in the date window (it holds days too, migration 0009)
_BOX = ("event_rtree WHERE min_lat >= :a AND max_lat <= :b AND min_lon >= :c AND max_lon <= :d "
        "AND max_day >= :e AND min_day <= :f")


def _box(lat: float, lon: float, km: float, since: str | None, until: str | None) -> dict[str, float]:
    """`_BOX`'s bounds."""
    min_lat, max_lat, min_lon, max_lon = bbox(lat, lon, km)
    return {"a": min_lat, "b": max_lat, "c": min_lon, "d": max_lon, "e": _epoch_day(since, -1e7),
            "f": _epoch_day(until, 1e7)}


def _epoch_day(day: str | None, otherwise: float) -> float:
    """Days from 1970-01-01 to an ISO date, as the R*Tree holds them; `otherwise` when there is none."""
    if not day:
        return otherwise
    return float((dt.date.fromisoformat(day[:10]) - dt.date(1970, 1, 1)).days)


def query_events(conn: sa.Connection, *, types: Sequence[str] | None = None, mode: str | None = None,
                 actor: str | None = None, country: str | None = None, near: tuple[float, float, float] | None = None,
                 since: str | None = None, until: str | None = None, text: str | None = None,
                 include_negated: bool = False, limit: int | None = None, offset: int = 0,
                 sources: Sequence[str] | None = None, records: bool = False) -> list[Any]:
    """Events matching every filter given, newest first. `near` is (lat, lon, km); `text` is full-text search;
    `sources` keeps events from these sources only (article, acled, gdelt, ucdp...). With `records`, each is its
    stored record (the spec's JSON shape, as `Event.to_dict` wrote it) instead of an `Event`: what a page or an
    answer shows, without building the Event only to turn it back into the same dict.

    Plain SQL with bound values, the same text for the same filters (so the driver's statement cache keeps it
    prepared): an answer the API computes again reads a handful of rows, and building the statement with
    SQLAlchemy's expression language cost several times the query itself."""
    where, params = _filters(types=types, mode=mode, actor=actor, country=country, since=since, until=until,
                             include_negated=include_negated, sources=sources)
    dialect = conn.dialect.name
    source, order = "events AS e", "e.date_start DESC, e.pk DESC"
    if text and dialect == "sqlite":  # start from the words' matches, newest first, and stop at the page
        source, order = _fts_hits(text, until, params), "h.key DESC"
        if near:
            where.append(f"(h.key & {PK_MASK}) IN (SELECT pk FROM {_BOX})")
            params.update(_box(*near, since, until))
    elif near and dialect == "sqlite":
        return _newest_in_box(conn, where, params, near, since, until, limit, offset, records)
    elif text:
        where.append("to_tsvector('english', e.sentence) @@ plainto_tsquery('english', :q)")
        params["q"] = text
    if near and dialect == "postgresql":
        where.append("ST_DWithin(ST_SetSRID(ST_MakePoint(e.lon, e.lat), 4326)::geography, "
                     "ST_SetSRID(ST_MakePoint(:wlon, :wlat), 4326)::geography, :wm)")
        params.update(wlat=near[0], wlon=near[1], wm=near[2] * 1000.0)
    elif near and dialect != "sqlite":
        where.append("e.lat BETWEEN :a AND :b AND e.lon BETWEEN :c AND :d")
        params.update(_box(*near, since, until))
    sql = f"SELECT e.lat, e.lon, CAST(e.record AS TEXT) FROM {source}{_where(where)} ORDER BY {order}"
    if near is not None and dialect != "postgresql":
        return _inside_circle(_rows(conn, sql, params), near, limit, offset, records)
    if limit is not None:
        sql += " LIMIT :limit OFFSET :offset"
        params.update(limit=limit, offset=offset)
    return [_shown(raw, records) for _, _, raw in _rows(conn, sql, params)]


def _filters(*, types: Sequence[str] | None, mode: str | None, actor: str | None, country: str | None,
             since: str | None, until: str | None, include_negated: bool,
             sources: Sequence[str] | None) -> tuple[list[str], dict[str, Any]]:
    """`query_events`' filters on the events table (as `e`): SQL conditions and their bound values."""
    where: list[str] = []
    params: dict[str, Any] = {}
    for column, values in (("source", sources), ("type", types)):
        if values:
            names = [f"{column}_{i}" for i in range(len(values))]
            where.append(f"e.{column} IN ({', '.join(':' + n for n in names)})")
            params.update(zip(names, values, strict=True))
    if mode:
        where.append(r"e.modes LIKE :mode ESCAPE '/'")
        params["mode"] = f"%{_like_escaped(f'|{mode}|')}%"
    if actor:
        where.append(r"e.actor_names LIKE :actor ESCAPE '/'")
        params["actor"] = f"%{_like_escaped(actor.lower())}%"
    if country:
        where.append("e.country = :country")
        params["country"] = country.upper()
    if since:
        where.append("coalesce(e.date_end, e.date_start) >= :since")
        params["since"] = since[:10]
    if until:
        where.append("e.date_start <= :until")
        params["until"] = until[:10]
    if not include_negated:
        where.append("NOT e.negated AND NOT e.hypothetical")
    return where, params


def _like_escaped(value: str) -> str:
    """`value` matched literally inside a LIKE pattern with ESCAPE '/'."""
    return value.replace("/", "//").replace("%", "/%").replace("_", "/_")


def _where(conditions: list[str]) -> str:
    return f" WHERE {' AND '.join(conditions)}" if conditions else ""


def _rows(conn: sa.Connection, sql: str, params: dict[str, Any]) -> Iterable[tuple]:
    """The rows of `sql` as plain tuples. SQLite: straight from the driver's cursor (lazily, so a caller may stop
    early); elsewhere through SQLAlchemy, which turns :name into the driver's own style."""
    if conn.dialect.name == "sqlite":
        driver = conn.connection.driver_connection
        assert driver is not None  # an open connection's sqlite3 connection
        return driver.execute(sql, params)
    return conn.execute(_statement(sql), params).tuples()


@functools.lru_cache(maxsize=256)
def _statement(sql: str) -> sa.TextClause:
    return sa.text(sql)


def _shown(record: Any, records: bool) -> Any:
    """A stored record as a dict (`records`) or as an Event."""
    if isinstance(record, (str, bytes)):
        record = orjson.loads(record)
    return record if records else Event.from_dict(record)


def event_columns(conn: sa.Connection, *, types: Sequence[str], since: str, until: str) -> list[sa.Row]:
    """What the threat model reads of every event in a window, as columns (id, type, modes, lat, lon, precision,
    date_start, date_end, negated, hypothetical) plus `record`, the stored record as JSON text, to decode only
    when an event is looked at. Same events and order as `query_events(types=, since=, until=)`."""
    query = (sa.select(t.c.id, t.c.type, t.c.modes, t.c.lat, t.c.lon, t.c.precision, t.c.date_start, t.c.date_end,
                       t.c.negated, t.c.hypothetical, sa.cast(t.c.record, sa.Text).label("record"))
             .where(t.c.type.in_(list(types)), sa.func.coalesce(t.c.date_end, t.c.date_start) >= since[:10],
                    t.c.date_start <= until[:10], t.c.negated == sa.false(), t.c.hypothetical == sa.false())
             .order_by(t.c.date_start.desc(), t.c.pk.desc()))
    return list(conn.execute(query))


def _inside_circle(rows: Iterable[tuple], near: tuple[float, float, float], limit: int | None, offset: int,
                   records: bool) -> list[Any]:
    """Walk (lat, lon, record text) rows of a box newest first, keep those inside the circle, stop at the page's
    end, and decode only the page's records (a box can hold thousands of events)."""
    lat, lon, km = near
    wanted = None if limit is None else offset + limit
    inside: list[Any] = []
    for row_lat, row_lon, raw in rows:
        if haversine_km(lat, lon, row_lat, row_lon) <= km:
            inside.append(raw)
            if wanted is not None and len(inside) >= wanted:
                break
    return [_shown(raw, records) for raw in inside[offset:wanted]]


def _newest_in_box(conn: sa.Connection, where: list[str], params: dict[str, Any], near: tuple[float, float, float],
                   since: str | None, until: str | None, limit: int | None, offset: int, records: bool) -> list[Any]:
    """SQLite, near a point with no words: the R*Tree ranks the box's events newest first by its own days (the day
    of `date_start`, migration 0009; an undated event's is below every other) and hands them over a step at a
    time, each step's rows read in the same statement; those that pass the filters and lie inside the circle are
    kept until the page is full. (Sorting the rows themselves meant reading every row in the box: 2 ms for 500
    events near a busy base.)"""
    lat, lon, km = near
    wanted = None if limit is None else offset + limit
    # a box is 4/π of its circle, so one step of four times the page nearly always fills it
    step = _LOOKUP_CHUNK if wanted is None else min(4 * wanted + 16, _LOOKUP_CHUNK)
    passes = f"CASE WHEN {' AND '.join(where)} THEN CAST(e.record AS TEXT) END" if where else \
        "CAST(e.record AS TEXT)"
    sql = (f"SELECT e.lat, e.lon, {passes} FROM (SELECT pk, min_day FROM {_BOX} ORDER BY min_day DESC, pk DESC "
           "LIMIT :step OFFSET :read) AS b JOIN events AS e ON e.pk = b.pk ORDER BY b.min_day DESC, b.pk DESC")
    bounds = {**params, **_box(lat, lon, km, since, until), "step": step}
    inside: list[Any] = []
    read = 0
    while wanted is None or len(inside) < wanted:
        chunk = list(_rows(conn, sql, {**bounds, "read": read}))
        read += len(chunk)
        inside.extend(raw for row_lat, row_lon, raw in chunk
                      if raw is not None and haversine_km(lat, lon, row_lat, row_lon) <= km)
        if len(chunk) < step:
            break
    return [_shown(raw, records) for raw in inside[offset:wanted]]


def events_near(conn: sa.Connection, lat: float, lon: float, km: float, since: str | None = None,
                **filters) -> list[Event]:
    """Events within `km` of a point since a date (the question every threat model asks)."""
    return query_events(conn, near=(lat, lon, km), since=since, **filters)


# SQLite's full-text index keys each event by its day and pk (migration 0016_event_fts_by_day): its order is the
# order searches show, newest first, so a search reads only as many matches as its page needs.
DAY_OFFSET = 1_000_000  # keeps days before 1970 positive; 0 is an undated event's day, after every dated one
PK_MASK = (1 << 32) - 1


def fts_key(date_start: str | None, pk: int) -> int:
    """An event's row id in `event_fts`: the same as the migration's SQL expression."""
    try:
        day = (dt.date.fromisoformat((date_start or "")[:10]) - dt.date(1970, 1, 1)).days + DAY_OFFSET
    except ValueError:
        day = 0
    return (day << 32) | pk


def _fts_hits(text: str, until: str | None, params: dict[str, Any]) -> str:
    """The full-text matches of `text` as a subquery `h` of keys (column `key`), newest first, none after `until`,
    joined to their events (`e`); its bound values go into `params`."""
    sql = "SELECT rowid AS key FROM event_fts WHERE event_fts MATCH :q"
    params["q"] = _fts_query(text)
    if until:
        sql += " AND rowid < :below"
        params["below"] = fts_key((dt.date.fromisoformat(until[:10]) + dt.timedelta(days=1)).isoformat(), 0)
    return f"({sql} ORDER BY rowid DESC) AS h JOIN events AS e ON e.pk = (h.key & {PK_MASK})"


def _fts_query(text: str) -> str:
    """User words → an FTS5 query of quoted terms (so punctuation in the input cannot break the syntax)."""
    words = [w.replace('"', '""') for w in text.split() if w.strip()]
    return " ".join(f'"{w}"' for w in words) or '""'


# ---- Bulk path for feed imports (millions of rows): plain tuples, one JSON encoding per record, batch look-ups ----

_BULK_COLUMNS = ("id", "report_id", "doc", "source", "type", "modes", "actor_names", "negated", "hypothetical",
                 "country", "lat", "lon", "precision", "date_start", "date_end", "date_kind", "sentence",
                 "confidence", "fatalities", "incident_id", "digest", "record", "created_at", "updated_at")
_LOOKUP_CHUNK = 5000  # ids per IN (...) query: well under SQLite's limit on bound parameters


@dataclass
class Stored:
    """An event as stored, for the bulk path: its digest and its record (parsed only when asked for)."""

    id: str
    digest: str
    raw: object

    @functools.cached_property
    def record(self) -> dict:
        return orjson.loads(self.raw) if isinstance(self.raw, (str, bytes)) else dict(self.raw)  # type: ignore[call-overload]


def encode_record(record: dict) -> tuple[str, str]:
    """(canonical JSON text of the whole record, its `record_digest`): what a bulk insert writes."""
    return record_json(record), record_digest(record)


def record_json(record: dict) -> str:
    return orjson.dumps(record, option=orjson.OPT_SORT_KEYS, default=str).decode("utf-8")


def record_values(record: dict, digest_: str) -> dict:
    """The table columns of an event record (a dict of the spec's shape): the whole record is the `record` column;
    these are the columns queries filter on."""
    loc, date, modes = record.get("location") or {}, record.get("date") or {}, record.get("mode") or []
    actors = record.get("actors") or []
    names = {(p.get("name") or p.get("text") or "").lower() for p in actors} | {(p.get("text") or "").lower()
                                                                                for p in actors}
    start = (date.get("start") or "")[:10] or None
    return {
        "id": record["id"], "report_id": record.get("report_id"), "doc": record.get("doc"),
        "source": record.get("source") or "article", "type": record["type"],
        "modes": "|" + "|".join(modes) + "|" if modes else "", "actor_names": "|".join(sorted(names)),
        "negated": bool(record.get("negated")), "hypothetical": bool(record.get("hypothetical")),
        "country": loc.get("country"), "lat": loc.get("lat"), "lon": loc.get("lon"),
        "precision": loc.get("precision"), "date_start": start,
        "date_end": (date.get("end") or date.get("start") or "")[:10] or None, "date_kind": date.get("kind"),
        "sentence": (record.get("evidence") or {}).get("sentence") or "",
        "confidence": record.get("confidence", 1.0), "fatalities": record.get("fatalities"),
        "incident_id": record.get("incident_id"), "digest": digest_,
    }


def stored_events(conn: sa.Connection, ids: Sequence[str]) -> dict[str, Stored]:
    """The stored digest and record of each id that exists, in a few IN (...) queries."""
    found: dict[str, Stored] = {}
    ids = list(dict.fromkeys(ids))
    for i in range(0, len(ids), _LOOKUP_CHUNK):
        chunk = ids[i:i + _LOOKUP_CHUNK]
        if conn.dialect.name == "sqlite":
            rows = conn.exec_driver_sql(f"SELECT id, digest, record FROM events WHERE id IN "
                                        f"({','.join('?' * len(chunk))})", tuple(chunk))
        else:
            rows = conn.execute(sa.select(t.c.id, t.c.digest, t.c.record).where(t.c.id.in_(chunk)))
        for row in rows:
            found[row[0]] = Stored(row[0], row[1], row[2])
    return found


def insert_records(conn: sa.Connection, records: Sequence[tuple[dict, str, str]]) -> None:
    """Insert new events given as (record, JSON text, digest), with one executemany of plain tuples on SQLite."""
    if not records:
        return
    now = dt.datetime.now(dt.UTC)
    if conn.dialect.name != "sqlite":
        if not _copy_records(conn, records, now):
            conn.execute(t.insert(), [{**record_values(r, d), "record": r, "created_at": now, "updated_at": now}
                                      for r, _, d in records])
        return
    stamp = _sqlite_stamp(conn, t.c.created_at, now)
    rows = []
    for record, text, digest_ in records:
        values = record_values(record, digest_)
        values["negated"], values["hypothetical"] = int(values["negated"]), int(values["hypothetical"])
        rows.append((*values.values(), text, stamp, stamp))
    with _index_after_insert(conn, enabled=len(rows) >= _DEFER_INDEXING_FROM):
        conn.exec_driver_sql(f"INSERT INTO events ({', '.join(_BULK_COLUMNS)}) VALUES "
                             f"({', '.join('?' * len(_BULK_COLUMNS))})", rows)


def _copy_records(conn: sa.Connection, records: Sequence[tuple[dict, str, str]], now: dt.datetime) -> bool:
    """PostgreSQL through psycopg: the rows as one COPY (the record's JSON text as encoded once), in the batch's
    transaction. False when the driver has no COPY (the caller then inserts)."""
    cursor_of = getattr(conn.connection.driver_connection, "cursor", None)
    if conn.dialect.driver != "psycopg" or cursor_of is None:
        return False
    with cursor_of() as cursor, cursor.copy(f"COPY events ({', '.join(_BULK_COLUMNS)}) FROM STDIN") as copy:
        for record, text, digest_ in records:
            copy.write_row((*record_values(record, digest_).values(), text, now, now))
    return True


# SQLite: the R*Tree and FTS5 rows of a large batch are written set-based after it, not row by row by triggers
# (measured: about half the cost of the insert). The triggers are dropped and re-created inside the batch's own
# transaction, so no other connection ever sees them missing, and a crash rolls the whole thing back.
_DEFER_INDEXING_FROM = 500
_INDEX_TRIGGERS = {
    "events_rtree_ai": "INSERT INTO event_rtree SELECT pk, lat, lat, lon, lon, "  # days: as migration 0009
                       "coalesce(julianday(substr(date_start, 1, 10)) - 2440587.5, -1e7), "
                       "coalesce(julianday(substr(coalesce(date_end, date_start), 1, 10)) - 2440587.5, 1e7) "
                       "FROM events WHERE pk > ? AND lat IS NOT NULL",
    "events_fts_ai": "INSERT INTO event_fts(rowid, sentence) SELECT ((coalesce(CAST(julianday(substr(date_start, "
                     "1, 10)) - 2440587.5 AS INTEGER) + 1000000, 0) << 32) | pk), sentence FROM events WHERE pk > ?",
                     # the key: fts_key, as migration 0016 writes it in SQL
}


@contextlib.contextmanager
def _index_after_insert(conn: sa.Connection, *, enabled: bool):
    if not enabled:
        yield
        return
    conn.exec_driver_sql("UPDATE events SET pk = pk WHERE 0")  # makes the driver open the transaction now
    if not getattr(conn.connection.driver_connection, "in_transaction", False):
        yield  # not inside a transaction: dropping triggers would not be undone on failure, so keep them
        return
    triggers = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events' AND name IN "
        f"({', '.join(repr(n) for n in _INDEX_TRIGGERS)})").all()
    for name, _ in triggers:
        conn.exec_driver_sql(f"DROP TRIGGER {name}")
    last_pk = conn.exec_driver_sql("SELECT coalesce(max(pk), 0) FROM events").scalar_one()
    yield
    for name, sql in triggers:
        conn.exec_driver_sql(_INDEX_TRIGGERS[name], (last_pk,))
        conn.exec_driver_sql(sql)


def replace_records(conn: sa.Connection, changes: Sequence[tuple[dict, str, StoredEvent]], *,
                    keep_versions: bool = True, only: tuple[str, ...] | None = None) -> None:
    """Update events given as (new record, digest, stored), keeping each stored record as a version (unless
    `keep_versions` is False: a GDELT report joining its event is an addition, not a revision).

    Only the columns that changed are set (`only` names them when the caller knows, saving the comparison), so
    the R*Tree and full-text triggers fire only when the place or the evidence changed; rows changing the same
    columns go in one executemany.
    """
    if not changes:
        return
    now = dt.datetime.now(dt.UTC)
    if keep_versions:
        ids = [stored.id for _, _, stored in changes]
        latest: dict[str, int] = {row[0]: row[1] for row in conn.execute(
            sa.select(event_versions.c.event_id, sa.func.max(event_versions.c.version))
            .where(event_versions.c.event_id.in_(ids)).group_by(event_versions.c.event_id))}
        conn.execute(event_versions.insert(), [
            {"event_id": stored.id, "version": (latest.get(stored.id) or 0) + 1, "record": stored.record,
             "replaced_at": now} for _, _, stored in changes])
    sqlite = conn.dialect.name == "sqlite"
    stamp = _sqlite_stamp(conn, t.c.updated_at, now) if sqlite else now
    groups: dict[tuple[str, ...], list[tuple]] = {}
    for record, digest_, stored in changes:
        new = record_values(record, digest_)
        if only is not None:
            changed = only
        else:
            old = record_values(stored.record, stored.digest)
            changed = tuple(c for c in new if c != "id" and new[c] != old[c])
        values = [int(new[c]) if sqlite and isinstance(new[c], bool) else new[c] for c in changed]
        encoded = record_json(record) if sqlite else record
        groups.setdefault(changed, []).append((*values, encoded, stamp, stored.id))
    for changed, rows in groups.items():
        columns = (*changed, "record", "updated_at")
        if sqlite:
            conn.exec_driver_sql(f"UPDATE events SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?", rows)
        else:
            statement = t.update().where(t.c.id == sa.bindparam("_id")).values(
                {c: sa.bindparam(f"_{c}") for c in columns})
            conn.execute(statement, [{**{f"_{c}": v for c, v in zip(columns, row[:-1], strict=True)}, "_id": row[-1]}
                                     for row in rows])


def _sqlite_stamp(conn: sa.Connection, column: sa.Column, now: dt.datetime) -> Any:
    """`now` as SQLite's DateTime type binds it, worked out once for a whole batch of rows."""
    bind = column.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    return bind(now) if bind is not None else now
