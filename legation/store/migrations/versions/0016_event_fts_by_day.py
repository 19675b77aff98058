"""SQLite: the full-text index of evidence sentences keys each event by its day, so "newest first" is its own order.

An FTS5 row's id was the event's `pk`, the order events were stored in. A search for a word in a third of 100,000
events therefore fetched every match and sorted them by date (about 5 ms), before it could show the newest 20. Now
the row id is `(day + 1,000,000) << 32 | pk`, the day counted from 1970-01-01 of the event's `date_start`, and 0 for
an undated event, so that it sorts after every dated one, as `ORDER BY date_start DESC` puts NULLs last. FTS5 walks
its match lists in row-id order, newest first, and a search stops at the page's end (0.1 ms for the same word).
`legation.store.events.fts_key` says the same in Python. The text still lives once, in `events`: the index's content
is the view `event_text`, which gives each sentence its key.

Revision ID: 0016_event_fts_by_day
Revises: 0001_foundation
"""

from alembic import op

revision = "0016_event_fts_by_day"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None

KEY = ("((coalesce(CAST(julianday(substr({row}.date_start, 1, 10)) - 2440587.5 AS INTEGER) + 1000000, 0) << 32) "
       "| {row}.pk)")


def key(row: str) -> str:
    return KEY.format(row=row)


_DROP = [
    "DROP TRIGGER IF EXISTS events_fts_ai",
    "DROP TRIGGER IF EXISTS events_fts_ad",
    "DROP TRIGGER IF EXISTS events_fts_au",
    "DROP TABLE IF EXISTS event_fts",
]

_UP = [
    *_DROP,
    f"CREATE VIEW event_text AS SELECT {key('events')} AS key, sentence FROM events",
    "CREATE VIRTUAL TABLE event_fts USING fts5(sentence, content='event_text', content_rowid='key')",
    "INSERT INTO event_fts(event_fts) VALUES ('rebuild')",
    f"""CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN
         INSERT INTO event_fts(rowid, sentence) VALUES ({key('new')}, new.sentence); END""",
    f"""CREATE TRIGGER events_fts_ad AFTER DELETE ON events BEGIN
         INSERT INTO event_fts(event_fts, rowid, sentence) VALUES ('delete', {key('old')}, old.sentence); END""",
    f"""CREATE TRIGGER events_fts_au AFTER UPDATE OF sentence, date_start ON events BEGIN
         INSERT INTO event_fts(event_fts, rowid, sentence) VALUES ('delete', {key('old')}, old.sentence);
         INSERT INTO event_fts(rowid, sentence) VALUES ({key('new')}, new.sentence); END""",
]

_DOWN = [
    *_DROP,
    "DROP VIEW IF EXISTS event_text",
    "CREATE VIRTUAL TABLE event_fts USING fts5(sentence, content='events', content_rowid='pk')",
    "INSERT INTO event_fts(event_fts) VALUES ('rebuild')",
    """CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN
         INSERT INTO event_fts(rowid, sentence) VALUES (new.pk, new.sentence); END""",
    """CREATE TRIGGER events_fts_ad AFTER DELETE ON events BEGIN
         INSERT INTO event_fts(event_fts, rowid, sentence) VALUES ('delete', old.pk, old.sentence); END""",
    """CREATE TRIGGER events_fts_au AFTER UPDATE OF sentence ON events BEGIN
         INSERT INTO event_fts(event_fts, rowid, sentence) VALUES ('delete', old.pk, old.sentence);
         INSERT INTO event_fts(rowid, sentence) VALUES (new.pk, new.sentence); END""",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _DOWN:
            op.execute(statement)
