"""Small factories for records: a valid default, every field overridable."""

from __future__ import annotations

import itertools

from legation.domain import Event, Evidence, Party, Place, Site, TimeSpan

_n = itertools.count(1)


def make_event(**overrides) -> Event:
    n = next(_n)
    fields = dict(doc=f"doc-{n}", type="ASSAULT", mode=["drone"],
                  actors=[Party(text="Iran-backed militias", kind="armed_group", sponsor="IRN")],
                  recipients=[Party(text="US forces", name="United States Armed Forces", kind="military",
                                    country="USA")],
                  location=Place(text="Ain al-Asad", name="Ain al-Asad Air Base", country="IRQ", lat=33.8,
                                 lon=42.44, precision="site"),
                  date=TimeSpan(start="2023-10-18", end="2023-10-18", precision="day", kind="exact",
                                text="on Wednesday"),
                  evidence=Evidence(sentence=f"Two drones attacked the base ({n}).", start=0, end=40),
                  confidence=0.8)
    fields.update(overrides)
    return Event(**fields)


def make_site(**overrides) -> Site:
    n = next(_n)
    fields = dict(id=f"site-{n}", name=f"Site {n}", kind="embassy", sending_state="USA", host_country="IRQ",
                  city="Baghdad", lat=33.3, lon=44.39)
    fields.update(overrides)
    return Site(**fields)


def seeded_template(tmp_path_factory, name: str, seed):
    """Build a database once per session with `seed(store)` (password hashing is slow by design); returns
    (path, what seed returned). Tests take copies of it with `copy_database`."""
    from legation.store import open_store

    path = tmp_path_factory.mktemp(name) / f"{name}.db"
    store = open_store(path)
    info = seed(store)
    store.close()
    return path, info


def copy_database(template, target):
    """A copy of an SQLite database, with its write-ahead log and shared-memory files when present."""
    import shutil
    from pathlib import Path

    for suffix in ("", "-wal", "-shm"):
        if Path(f"{template}{suffix}").exists():
            shutil.copyfile(f"{template}{suffix}", f"{target}{suffix}")
    return target



def rewind_to_before_0015(conn) -> None:
    """Take an SQLite database back to before migration 0015_site_status, its history kept: no status table, no days
    in the change log, and the version table as 0014 left it (0015 had covered 0005_assess)."""
    conn.exec_driver_sql("DROP TABLE site_status")
    conn.exec_driver_sql("ALTER TABLE data_changes DROP COLUMN day_to")
    conn.exec_driver_sql("ALTER TABLE data_changes DROP COLUMN day_from")
    conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0014_changes' "
                         "WHERE version_num = '0015_site_status'")
    if not conn.exec_driver_sql("SELECT 1 FROM alembic_version WHERE version_num = '0005_assess'").first():
        conn.exec_driver_sql("INSERT INTO alembic_version VALUES ('0005_assess')")
