"""What several benchmarks do alike: time a call in wall and CPU seconds, and fill a database with events."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable

from legation.store.audit import acting_as
from legation.store.events import count_events, upsert_events


def timed(fn):
    """(fn(), wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def fill_events(store, events: Iterable, wanted: int, batch_size: int = 5000) -> None:
    """Write `events` in batches until the store holds `wanted` events (nothing when it already does)."""
    with store.connect() as conn:
        have = count_events(conn)
    if have >= wanted:
        return
    print(f"writing {wanted - have:,} events ...", file=sys.stderr)
    batch: list = []
    for event in events:
        batch.append(event)
        if len(batch) == batch_size:
            with store.begin() as conn, acting_as("bench"):
                upsert_events(conn, batch)
            batch.clear()
    if batch:
        with store.begin() as conn, acting_as("bench"):
            upsert_events(conn, batch)
