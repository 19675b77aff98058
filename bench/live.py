"""The live feed's cost (legation/web/live.py): what one open stream costs the server each second, over the
benchmark's load of sites and events (tests/web/seed.py `bulk`: half the sites assessed twice, so a level change
each in the feed).

Printed, as medians of repeated runs in this process:
- an idle poll (nothing written to what the feed shows): the audit head and the user's marker, two reads by key;
- the look every OVERDUE_EVERY seconds for acknowledgements that fell due (the orders only);
- a poll after a write that the feed shows (an assessment), the sites kept by the stream;
- the whole feed read afresh (a new stream, or /live), for an operations officer and for a liaison;
with the ratio of each to the idle poll.

    .venv/bin/python bench/live.py [--sites 1000] [--events 20000] [--repeat 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)

    from legation.acting import acting_as
    from legation.domain.users import User
    from legation.store import open_store
    from legation.store.audit import head_seq
    from legation.store.feed import seen_at, touched
    from legation.store.sites import list_sites
    from legation.web import sources
    from legation.web.live import FEED_ENTITIES, feed, overdue_items
    from tests.web.seed import bulk

    ops, liaison = User("ops1", "operations-officer"), User("eu-liaison", "liaison", organisation="EUU")
    with tempfile.TemporaryDirectory() as tmp, acting_as("bench"):
        store = open_store(f"{tmp}/live.db")
        start = time.perf_counter()
        bulk(store, args.sites, args.events)
        print(f"load: {args.sites:,} sites, {args.events:,} events in {time.perf_counter() - start:.1f} s")
        epoch = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
        with store.connect() as conn:
            head = head_seq(conn)
            registry = list_sites(conn)

            def idle():
                head_seq(conn), seen_at(conn, "ops1"), touched(conn, head, FEED_ENTITIES)

            recent = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=60)
            now = dt.datetime.now(dt.UTC)
            rows = [("idle poll", median_ms(idle, args.repeat * 10)),
                    ("the clock's look (orders only)", median_ms(
                        lambda: overdue_items(sources.orders_visible(conn, ops, now, registry), now), args.repeat)),
                    ("poll after a write it shows", median_ms(
                        lambda: feed(conn, ops, recent, every_overdue=True, registry=registry), args.repeat)),
                    ("whole feed, operations officer", median_ms(lambda: feed(conn, ops, epoch), args.repeat)),
                    ("whole feed, liaison", median_ms(lambda: feed(conn, liaison, epoch), args.repeat))]
            items = (len(feed(conn, ops, epoch)), len(feed(conn, liaison, epoch)))
        store.close()
    print(f"feed items: operations officer {items[0]}, liaison {items[1]}")
    base = rows[0][1]
    for name, ms in rows:
        print(f"{name:34s} {ms:9.2f} ms   {ms / base:8.1f}x the idle poll")
    return 0


if __name__ == "__main__":
    sys.exit(main())
