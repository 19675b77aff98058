"""An import's change-log rows (what kept answers test, legation/store/changes.py) are written from the batch's
records folded by cell and type (`legation.store.imports.change_summary`): the rows must be the very ones the
records themselves give, whatever the sentences hold (case, punctuation, accents, other scripts) and whatever
the records lack (coordinates, dates, a sentence)."""

from __future__ import annotations

import copy

import sqlalchemy as sa

from legation.ingest.feeds.acled import read_acled
from legation.ingest.feeds.common import FeedRecord, open_feed
from legation.store import open_store
from legation.store.changes import data_changes, log_events
from legation.store.imports import change_summary
from tests.ingest.feeds.conftest import ACLED_SAMPLE


def _records() -> list[dict]:
    with open_feed(ACLED_SAMPLE) as opened:
        records = [item.record for item in read_acled(opened.stream, opened.name) if isinstance(item, FeedRecord)]
    first = records[0]

    def variant(sentence, **changes):
        record = copy.deepcopy(first)
        record["evidence"]["sentence"] = sentence
        for key, value in changes.items():
            record[key] = value
        return record

    place = first["location"]
    records += [
        variant("Protesters STORMED the Gate; police (500 of them) fired tear-gas_canisters..."),
        variant("Des manifestants ont incendié l'ambassade à Bamako — Ça brûle."),
        variant("Cafe\u0301 re\u0301sume\u0301 ﬁnal: ＡＢＣ ½ Straße"),  # combining accents, a ligature, full width
        variant("قصف صاروخي على السفارة"),
        variant(""),
        variant("Undated shelling near the base.", date={"start": None, "end": None}),
        variant("Shelling with no place given.", location={**place, "lat": None, "lon": None}),
        variant("A later day in the same cell.", date={**first["date"], "start": "2030-01-02", "end": "2030-01-09"}),
        variant("An earlier day, another type.", type="PROTEST",
                date={**first["date"], "start": "1999-05-01", "end": None}),
    ]
    del records[-2]["evidence"]["sentence"]
    return records


def _rows(conn, seq: int) -> list[tuple]:
    columns = [c for c in data_changes.c if c.name != "seq"]
    return sorted((tuple(r) for r in conn.execute(sa.select(*columns).where(data_changes.c.seq == seq))), key=repr)


def test_the_folded_records_log_the_same_rows_as_the_records_themselves(tmp_path):
    records = _records()
    store = open_store(tmp_path / "log.db")
    with store.begin() as conn:
        log_events(conn, 11, records)
        log_events(conn, 12, change_summary(records))
        unfolded, folded = _rows(conn, 11), _rows(conn, 12)
    store.close()
    assert len(unfolded) > 5  # several cells and types, with and without coordinates and dates
    assert folded == unfolded

