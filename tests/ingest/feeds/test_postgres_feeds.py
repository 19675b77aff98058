"""The bulk import path on PostgreSQL/PostGIS: same accounting, same idempotence, revisions versioned."""

from __future__ import annotations

import io

import pytest

from legation.ingest.feeds.acled import read_acled
from legation.ingest.feeds.cameo import load_own
from legation.ingest.feeds.gdelt import STORE_AS, read_gdelt
from legation.store.events import count_events, event_versions_of, query_events
from legation.store.imports import Feed, run_import
from tests.ingest.feeds.conftest import ACLED_SAMPLE, acled_rows, gdelt_row, write_acled


@pytest.mark.postgres
def test_feeds_import_into_postgres(pg_store, tmp_path):
    def acled(path):
        with open(path, encoding="utf-8", newline="") as handle:
            return run_import(pg_store, read_acled(handle, str(path)), Feed("acled"), file=str(path), batch_size=10)

    assert acled(ACLED_SAMPLE).imported == 25
    assert acled(ACLED_SAMPLE).duplicates == 25
    rows = acled_rows()
    rows[3] = {**rows[3], "fatalities": "9"}
    assert acled(write_acled(tmp_path / "v2.csv", rows)).revised == 1

    def gdelt(text):
        return run_import(pg_store, read_gdelt(io.StringIO(text), "g.CSV", load_own()), Feed(**STORE_AS),
                          file="g.CSV", batch_size=2)

    first = gdelt("\n".join(gdelt_row(n) for n in range(1, 6)) + "\n")
    assert (first.imported, first.events_added) == (5, 1)
    assert gdelt(gdelt_row(3) + "\n").duplicates == 1
    with pg_store.connect() as conn:
        assert count_events(conn) == 26
        (event,) = query_events(conn, sources=["gdelt"])
        assert event.source_codes["reports"] == 5
        assert len(query_events(conn, near=(33.3152, 44.3661, 5), sources=["acled"])) > 0
        changed = [e for e in query_events(conn, sources=["acled"]) if e.fatalities == 9]
        assert len(changed) == 1 and len(event_versions_of(conn, changed[0].id)) == 1
