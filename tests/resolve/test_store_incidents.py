"""Incidents and attribution in the store: rebuild, split (and the split sticks on re-ingest), claims, CLI."""

import json

import pytest

from legation.domain import Event, Evidence, Party, TimeSpan
from legation.resolve.actors import resolve_party
from legation.resolve.places import resolve_place
from legation.store.audit import acting_as
from legation.store.events import get_event, upsert_events
from legation.store.incidents import (attribute_claims, get_incident, list_incidents, rebuild_incidents,
                                      split_incident)
from tests.resolve.test_incidents import AIN_AL_ASAD, HARIR, REPORTS


def _incident_of(conn, event_id):
    return next(i for i in list_incidents(conn) if event_id in {r["event_id"] for r in get_incident(conn, i["id"])
                                                               ["records"]})


def test_rebuild_groups_the_reports_and_sets_incident_ids(store):
    with store.begin() as conn:
        upsert_events(conn, REPORTS)
        counts = rebuild_incidents(conn)
        assert counts["incidents"] == 3
        shown = get_incident(conn, _incident_of(conn, AIN_AL_ASAD[0].id)["id"])
    assert shown["events"] == 4 and shown["place"] == "Ain al-Asad Air Base"
    assert {r["doc"] for r in shown["records"]} == {e.doc for e in AIN_AL_ASAD}


def test_a_split_sticks_when_the_same_reports_are_ingested_again(store):
    with store.begin() as conn, acting_as("analyst"):
        upsert_events(conn, REPORTS)
        rebuild_incidents(conn)
        incident = _incident_of(conn, HARIR[0].id)
        result = split_incident(conn, incident["id"], [HARIR[2].id[:12]], note="a different attack")
        assert result["incidents"] == 4
    with store.begin() as conn:  # re-ingest the same reports, rebuild: still apart
        upsert_events(conn, REPORTS)
        rebuild_incidents(conn)
        kept = _incident_of(conn, HARIR[0].id)
        moved = _incident_of(conn, HARIR[2].id)
    assert kept["id"] == incident["id"] and moved["id"] != kept["id"]
    assert kept["events"] == 2 and moved["events"] == 1


def test_a_claim_marks_the_attacks_it_claims(store):
    claim = Event(doc="wire-claim", type="CLAIM",
                  actors=[Party(text="Islamic Resistance in Iraq", name="Islamic Resistance in Iraq",
                                id="islamic-resistance-in-iraq", kind="armed_group", country="IRQ", sponsor="IRN")],
                  recipients=[Party(text="US troops", name="United States Armed Forces", id="usa-military",
                                    kind="military", country="USA")],
                  location=resolve_place("Ain al-Asad"),
                  date=TimeSpan(start="2023-10-18", end="2023-10-25", kind="range"),
                  evidence=Evidence(sentence="The Islamic Resistance in Iraq claimed the attacks.", start=0, end=5))
    with store.begin() as conn:
        upsert_events(conn, [*REPORTS, claim])
        result = attribute_claims(conn)
        attack = get_event(conn, AIN_AL_ASAD[0].id)
        elsewhere = get_event(conn, HARIR[0].id)
    assert result["links"] == len(AIN_AL_ASAD)
    assert attack.claimed_by == ["Islamic Resistance in Iraq"]
    assert elsewhere.claimed_by == []  # another report, another base: not this claim's


def test_a_vague_claim_covers_the_attacks_of_its_own_report_only():
    from legation.resolve.attribution import link_claims

    claim = Event(doc="wire-1", type="CLAIM", actors=[resolve_party("Islamic Resistance in Iraq")],
                  recipients=[resolve_party("US troops")], location=resolve_place("Iraq"),
                  date=TimeSpan(start="2023-10-18", end="2023-10-25", kind="range"),
                  evidence=Evidence(sentence="It claimed most of the attacks.", start=50, end=60))
    changed, links = link_claims([*AIN_AL_ASAD, claim])
    assert [e.doc for e in changed] == ["wire-1"]
    assert [link.reason.split(";")[-1].strip() for link in links] == ["same report, same country (IRQ)"]


def test_cli_resolve_and_incidents(cli, tmp_path):
    out = cli("places", "resolve", "Irbil", "--format", "json")
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["name"] == "Erbil"
    out = cli("actors", "resolve", "Iran-backed militias", "--country", "IRQ", "--format", "json")
    assert json.loads(out.output)["sponsor"] == "IRN"
    out = cli("incidents", "show", "no-such-incident")
    assert out.exit_code == 1
    out = cli("incidents", "list", "--format", "json")
    assert out.exit_code == 0 and json.loads(out.output) == []


@pytest.mark.postgres
def test_incidents_on_postgresql(pg_store):
    with pg_store.begin() as conn:
        upsert_events(conn, REPORTS)
        assert rebuild_incidents(conn)["incidents"] == 3
        incident = _incident_of(conn, HARIR[0].id)
        split_incident(conn, incident["id"], [HARIR[1].id])
        assert rebuild_incidents(conn)["incidents"] == 4


def test_cli_rebuild_show_split_list(cli):
    from legation.store import open_store

    store = open_store(cli.db)
    with store.begin() as conn:
        upsert_events(conn, REPORTS)
    store.close()
    assert json.loads(cli("incidents", "rebuild", "--format", "json").output)["incidents"] == 3
    listed = json.loads(cli("incidents", "list", "--merged", "--format", "json").output)
    harir = next(i for i in listed if i["events"] == 3)
    shown = json.loads(cli("incidents", "show", harir["id"], "--format", "json").output)
    assert {r["doc"] for r in shown["records"]} == {e.doc for e in HARIR}
    out = cli("--as", "analyst", "incidents", "split", harir["id"], HARIR[2].id, "--note", "another attack",
              "--format", "json")
    assert out.exit_code == 0, out.output
    assert json.loads(cli("incidents", "rebuild", "--format", "json").output)["incidents"] == 4
    out = cli("incidents", "split", harir["id"], "not-a-record")
    assert out.exit_code == 1 and "not a record of this incident" in out.output


def test_cli_actors_show_lists_aliases_relations_events_and_claims(cli):
    from legation.store import open_store

    claim = Event(doc="wire-1", type="CLAIM", actors=[resolve_party("Islamic Resistance in Iraq")],
                  recipients=[resolve_party("US troops")], location=resolve_place("Ain al-Asad"),
                  date=TimeSpan(start="2023-10-18", end="2023-10-19", kind="range"),
                  evidence=Evidence(sentence="The Islamic Resistance in Iraq claimed the attack.", start=70, end=90))
    store = open_store(cli.db)
    with store.begin() as conn:
        upsert_events(conn, [*REPORTS, claim])
    store.close()
    assert cli("incidents", "rebuild").exit_code == 0
    out = cli("actors", "show", "IRI", "--format", "json")
    assert out.exit_code == 0, out.output
    shown = json.loads(out.output)
    assert shown["id"] == "islamic-resistance-in-iraq" and "IRI" in shown["aliases"]
    assert "has_member Kata'ib Hezbollah" in shown["relations"]
    assert {e["type"] for e in shown["recent_events"]} >= {"ASSAULT", "CLAIM"}
    assert {c["attack_id"] for c in shown["claims"]} == {e.id for e in AIN_AL_ASAD}
    assert cli("actors", "show", "Frobnicators of Zed").exit_code == 1


def test_cli_actors_list_filters_the_knowledge_base(cli):
    out = cli("actors", "list", "--kind", "armed_group", "--country", "IRQ", "--format", "json")
    assert out.exit_code == 0, out.output
    ids = {row["id"] for row in json.loads(out.output)}
    assert {"kataib-hezbollah", "islamic-resistance-in-iraq", "pmf"} <= ids and "hamas" not in ids
