"""Re-importing anything unchanged is a no-op: import, let attribution link a claim to an attack, import again —
every row is a duplicate, no event gets a new version, and the attack keeps its `claimed_by`. For each feed and
for articles (one digest and one carry-over rule behind every write path)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from legation.domain import Event, Evidence, Party, Place, TimeSpan
from legation.store import open_store
from legation.store.events import carry_over, get_event, record_digest, upsert_events
from legation.store.incidents import attribute_claims
from legation.store.tables import event_versions
from legation.store.tables import events as ev
from tests.factories import make_event

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FEEDS = [("acled", FIXTURES / "acled" / "acled-sample.csv"),
         ("gdelt", FIXTURES / "gdelt" / "sample.export.CSV"),
         ("ucdp", FIXTURES / "ucdp" / "ged-hdx-old.csv"),
         ("ucdp", FIXTURES / "ucdp" / "ged-hdx-new.csv")]


def _claim_an_attack(db: str, source: str) -> str:
    """Store a claim covering one stored attack of `source` (same place and day), run attribution; the attack's id."""
    store = open_store(db)
    try:
        with store.begin() as conn:
            row = conn.execute(sa.select(ev.c.id).where(ev.c.source == source, ev.c.type == "ASSAULT",
                                                        ev.c.precision.in_(["city", "admin1"]))
                               .order_by(ev.c.pk)).first()
            attack = get_event(conn, row.id)
            loc = attack.location
            claim = Event(doc="claim-wire", type="CLAIM", actors=[Party(text="Invented Front", kind="armed_group")],
                          location=Place(name=loc.name, country=loc.country, lat=loc.lat, lon=loc.lon,
                                         precision="city"),
                          date=TimeSpan(start=attack.date.end, end=attack.date.end, kind="exact"),
                          evidence=Evidence(sentence="The Invented Front claimed the attack.", start=0, end=10))
            upsert_events(conn, [claim])
            assert attribute_claims(conn)["links"] >= 1
            assert get_event(conn, attack.id).claimed_by == ["Invented Front"]
        return attack.id
    finally:
        store.close()


def _state(db: str, attack_id: str) -> tuple[list[str], int]:
    store = open_store(db)
    try:
        with store.connect() as conn:
            versions = conn.execute(sa.select(sa.func.count()).select_from(event_versions)).scalar_one()
            return get_event(conn, attack_id).claimed_by, versions
    finally:
        store.close()


@pytest.mark.parametrize("feed,path", FEEDS, ids=[p.name for _, p in FEEDS])
def test_a_feed_imported_again_after_attribution_is_all_duplicates_and_keeps_claims(cli, feed, path, tmp_path):
    rejects = str(tmp_path / "rejects.csv")
    first = cli("import", feed, str(path), "--format", "json", "--rejects", rejects)
    assert first.exit_code == 0, first.output
    counts = json.loads(first.stdout)
    assert counts["imported"] > 0
    attack = _claim_an_attack(cli.db, feed)
    before = _state(cli.db, attack)  # attribution's own write kept the attack's earlier version
    again = cli("import", feed, str(path), "--format", "json", "--rejects", rejects)
    assert again.exit_code == 0, again.output
    second = json.loads(again.stdout)
    assert (second["imported"], second["revised"], second["events_updated"]) == (0, 0, 0)
    assert second["duplicates"] == counts["read"] - counts["rejected"]
    assert _state(cli.db, attack) == before and before[0] == ["Invented Front"]


def test_an_article_read_again_after_attribution_keeps_its_claims(store):
    """The article path's write (`legation ingest` stores an article's events with this call): reading the same
    article again, after attribution linked a claim from another report, changes nothing."""
    attack = make_event(doc="2023-10-18-wire", location=Place(text="Ramadi", name="Ramādī", country="IRQ",
                                                              lat=33.42, lon=43.31, precision="city"))
    claim = make_event(doc="claim-wire", type="CLAIM", mode=[], recipients=[], location=attack.location,
                       actors=[Party(text="Invented Front", kind="armed_group")])
    with store.begin() as conn:
        assert upsert_events(conn, [attack], audit_action="events.extract").inserted == 1
        upsert_events(conn, [claim], audit_action="events.extract")
        assert attribute_claims(conn)["links"] == 1
        again = upsert_events(conn, [attack], audit_action="events.extract")
        kept = get_event(conn, attack.id).claimed_by
        versions = conn.execute(sa.select(sa.func.count()).select_from(event_versions)).scalar_one()
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 1)
    assert kept == ["Invented Front"] and versions == 1  # the one version is attribution's own write


def test_an_analysts_correction_survives_the_article_read_again(store):
    event = make_event(doc="wire-7")
    corrected = Event.from_dict({**event.to_dict(), "type": "PROTEST", "mode": ["demo"]})
    with store.begin() as conn:
        upsert_events(conn, [event], audit_action="events.extract")
        assert upsert_events(conn, [corrected], audit_action="event.curate").updated == 1
        again = upsert_events(conn, [event], audit_action="events.extract")
        stored = get_event(conn, event.id)
    assert again.unchanged == 1 and stored.type == "PROTEST"


def test_the_digest_ignores_where_a_record_was_read_and_agrees_on_text_and_floats():
    record = {"id": "e1", "type": "ASSAULT", "doc": "export-1", "location": {"name": "Al-Anbār", "lat": 1e-7},
              "evidence": {"sentence": "s", "file": "a.csv", "row": 3}}
    elsewhere = {**record, "doc": "export-2", "evidence": {"sentence": "s", "file": "b.csv", "row": 9}}
    assert record_digest(record) == record_digest(elsewhere)
    assert record_digest(record) == record_digest(json.loads(json.dumps(record)))  # after a round trip
    assert record_digest(record) != record_digest({**record, "location": {"name": "Al-Anbar", "lat": 1e-7}})


def test_carry_over_keeps_what_later_stages_and_analysts_added():
    old = {"id": "e1", "claimed_by": ["A"], "incident_id": "inc-1"}
    assert carry_over(old, {"id": "e1", "claimed_by": []}) == {"id": "e1", "claimed_by": ["A"],
                                                               "incident_id": "inc-1"}
    assert carry_over(old, {"id": "e1", "claimed_by": ["B"]})["claimed_by"] == ["A", "B"]
    curated = {"id": "e1", "type": "PROTEST", "curated": True}
    assert carry_over(curated, {"id": "e1", "type": "ASSAULT"}) is curated
    assert carry_over(curated, {"id": "e1", "type": "COERCE", "curated": True})["type"] == "COERCE"
