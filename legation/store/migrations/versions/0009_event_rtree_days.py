"""SQLite: the events' R*Tree indexes days beside latitude and longitude.

"Events within 25 km of this base in the last 30 days" then finds only the events of those 30 days inside the box,
instead of every event the box ever held (thousands, near a busy base), each read to check its date.
Days count from 1970-01-01 (small enough for the R*Tree's 32-bit floats to hold exactly); an event whose date is
unknown or not a day spans all days, so the date filter of the query decides.

Revision ID: 0009_event_rtree_days
Revises: 0001_foundation
"""

from alembic import op

revision = "0009_event_rtree_days"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None

FIRST = "coalesce(julianday(substr({row}.date_start, 1, 10)) - 2440587.5, -1e7)"
LAST = "coalesce(julianday(substr(coalesce({row}.date_end, {row}.date_start), 1, 10)) - 2440587.5, 1e7)"


def entry(row: str) -> str:
    """The R*Tree values of an events row (`new`, or `events` in a SELECT)."""
    return (f"{row}.pk, {row}.lat, {row}.lat, {row}.lon, {row}.lon, {FIRST.format(row=row)}, "
            f"{LAST.format(row=row)}")


_UP = [
    "DROP TRIGGER IF EXISTS events_rtree_ai",
    "DROP TRIGGER IF EXISTS events_rtree_au",
    "DROP TRIGGER IF EXISTS events_rtree_ad",
    "DROP TABLE IF EXISTS event_rtree",
    "CREATE VIRTUAL TABLE event_rtree USING rtree(pk, min_lat, max_lat, min_lon, max_lon, min_day, max_day)",
    f"INSERT INTO event_rtree SELECT {entry('events')} FROM events WHERE lat IS NOT NULL",
    f"""CREATE TRIGGER events_rtree_ai AFTER INSERT ON events WHEN new.lat IS NOT NULL BEGIN
         INSERT INTO event_rtree VALUES ({entry('new')}); END""",
    f"""CREATE TRIGGER events_rtree_au AFTER UPDATE OF lat, lon, date_start, date_end ON events BEGIN
         DELETE FROM event_rtree WHERE pk = old.pk;
         INSERT INTO event_rtree SELECT {entry('new')} WHERE new.lat IS NOT NULL; END""",
    "CREATE TRIGGER events_rtree_ad AFTER DELETE ON events BEGIN DELETE FROM event_rtree WHERE pk = old.pk; END",
]

_DOWN = [
    "DROP TRIGGER IF EXISTS events_rtree_ai",
    "DROP TRIGGER IF EXISTS events_rtree_au",
    "DROP TRIGGER IF EXISTS events_rtree_ad",
    "DROP TABLE IF EXISTS event_rtree",
    "CREATE VIRTUAL TABLE event_rtree USING rtree(pk, min_lat, max_lat, min_lon, max_lon)",
    "INSERT INTO event_rtree SELECT pk, lat, lat, lon, lon FROM events WHERE lat IS NOT NULL",
    """CREATE TRIGGER events_rtree_ai AFTER INSERT ON events WHEN new.lat IS NOT NULL BEGIN
         INSERT INTO event_rtree VALUES (new.pk, new.lat, new.lat, new.lon, new.lon); END""",
    """CREATE TRIGGER events_rtree_au AFTER UPDATE OF lat, lon ON events BEGIN
         DELETE FROM event_rtree WHERE pk = old.pk;
         INSERT INTO event_rtree SELECT new.pk, new.lat, new.lat, new.lon, new.lon WHERE new.lat IS NOT NULL; END""",
    "CREATE TRIGGER events_rtree_ad AFTER DELETE ON events BEGIN DELETE FROM event_rtree WHERE pk = old.pk; END",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _DOWN:
            op.execute(statement)
