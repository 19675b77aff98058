"""How fast orders move and supervision answers: N orders drafted, issued, acknowledged and split on SQLite,
then `watch` and `audit verify` over the result. Prints figures; not run by the test suite.

    .venv/bin/python bench/orders.py [N]
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from legation.act import orders as svc
from legation.act.authorities import load_hierarchy
from legation.act.supervision import load_measures_table, watch
from legation.domain.orders import Scope, Selector
from legation.ingest.sites import example_sites_path, read_sites
from legation.store import audit, open_store
from legation.store.sites import upsert_sites

T0 = dt.datetime(2023, 10, 25, 10, tzinfo=dt.UTC)


def main(n: int) -> None:
    iraq, table = load_hierarchy(), load_measures_table()
    store = open_store(Path(tempfile.mkdtemp()) / "bench.db")
    with store.begin() as conn:
        upsert_sites(conn, read_sites(example_sites_path()).records)
    scopes = [Scope(selectors=(Selector.parse(text),)) for text in
              ("kind=diplomatic city=Baghdad", "kind=diplomatic city=Erbil", "sending_state=USA host_country=IRQ")]
    started = time.perf_counter()
    with store.begin() as conn:
        for i in range(n):
            at = T0 + dt.timedelta(minutes=i)
            order = svc.draft_order(conn, iraq, "iq-pm", recipients=["iq-moi"], scope=scopes[i % 3],
                                    measures=["static-guard", "patrol"], valid_until=at + dt.timedelta(days=30),
                                    valid_from=at, at=at)
            svc.issue_order(conn, iraq, "iq-pm", order.id, at=at)
            svc.acknowledge_order(conn, iraq, "iq-moi", order.id, at=at)
            if i % 3 == 0:
                svc.split_order(conn, iraq, "iq-moi", order.id, ["iq-dpd-baghdad"], at=at)
    lifecycle = time.perf_counter() - started
    with store.connect() as conn:
        started = time.perf_counter()
        findings = watch(conn, table, T0 + dt.timedelta(days=2), levels={"usa-emb-baghdad": 5})
        watching = time.perf_counter() - started
        started = time.perf_counter()
        checked, bad, _ = audit.verify(conn)
        verifying = time.perf_counter() - started
    print(f"orders: {n} drafted+issued+acknowledged (+{(n + 2) // 3} split into tasks) in {lifecycle:.2f} s "
          f"= {1000 * lifecycle / n:.1f} ms per order")
    print(f"watch: {len(findings)} findings over {n + (n + 2) // 3} orders in {1000 * watching:.0f} ms")
    print(f"audit verify: {checked} entries in {1000 * verifying:.0f} ms ({'ok' if bad is None else bad})")


if __name__ == "__main__":
    from legation.store.audit import acting_as

    with acting_as("bench"):  # the audit log names who wrote
        import argparse

        parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
        parser.add_argument("n", nargs="?", type=int, default=300, help="orders to move through (default 300)")
        main(parser.parse_args().n)
