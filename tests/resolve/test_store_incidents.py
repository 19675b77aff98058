"""Incidents and attribution in the store: rebuild, split (and the split sticks on re-ingest), claims, CLI."""

import json

import pytest

from legation.domain import Event, Evidence, Party, TimeSpan
from legation.resolve.actors import resolve_party
from legation.resolve.places import resolve_place
from legation.store.audit import acting_as
from legation.store.events import get_event, upsert_events
from legation.store.incidents import (
    attribute_claims,
    get_incident,
    list_incidents,
    rebuild_incidents,
    refresh,
    split_incident,
    update_incidents,
)
from tests.resolve.test_incidents import AIN_AL_ASAD, BAGHDAD_AIRPORT, HARIR, REPORTS, report


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


def _partition(conn):
    return sorted(sorted(r["doc"] for r in get_incident(conn, i["id"])["records"]) for i in list_incidents(conn))


def test_an_update_places_new_records_and_leaves_the_other_incidents_alone(store):
    with store.begin() as conn:
        upsert_events(conn, AIN_AL_ASAD + BAGHDAD_AIRPORT)
        rebuild_incidents(conn)
        before = {i["id"]: i for i in list_incidents(conn)}
        upsert_events(conn, HARIR + AIN_AL_ASAD[:1])  # a new attack's reports, and one report stored again
        counts = update_incidents(conn, [e.id for e in HARIR + AIN_AL_ASAD[:1]])
        after = {i["id"]: i for i in list_incidents(conn)}
        harir = _incident_of(conn, HARIR[0].id)
        partition = _partition(conn)
    assert (counts["records"], counts["new_incidents"], counts["incidents"]) == (3, 1, 1)
    assert harir["events"] == 3 and harir["id"] not in before
    assert {k: v for k, v in after.items() if k in before} == before  # untouched
    with store.begin() as conn:  # the same as clustering everything at once
        rebuild_incidents(conn)
        assert _partition(conn) == partition


def test_a_late_report_joins_the_incident_it_agrees_with(store):
    late = report("radio-12", ["Kataib Hezbollah"], ["US soldiers"], "Ain al-Asad airbase", "2023-10-18")
    with store.begin() as conn:
        upsert_events(conn, REPORTS)
        rebuild_incidents(conn)
        incident = _incident_of(conn, AIN_AL_ASAD[0].id)
        upsert_events(conn, [late])
        counts = refresh(conn, [late.id])
        grown = get_incident(conn, incident["id"])
    assert (counts["new_incidents"], counts["incidents"]) == (0, 1)
    assert grown["events"] == 5 and late.id in {r["event_id"] for r in grown["records"]}
    assert "same type ASSAULT" in next(r["rule"] for r in grown["records"] if r["event_id"] == late.id)


def test_an_update_honours_a_split(store):
    from legation.store.tables_incidents import incident_members, incidents

    with store.begin() as conn, acting_as("analyst"):
        upsert_events(conn, REPORTS)
        rebuild_incidents(conn)
        incident = _incident_of(conn, HARIR[0].id)
        split_incident(conn, incident["id"], [HARIR[2].id], note="a different attack")
        moved = _incident_of(conn, HARIR[2].id)
        conn.execute(incident_members.delete().where(incident_members.c.event_id == HARIR[2].id))
        conn.execute(incidents.delete().where(incidents.c.id == moved["id"]))
        counts = update_incidents(conn)  # every record not yet placed: the split-off one
        kept, placed = _incident_of(conn, HARIR[0].id), _incident_of(conn, HARIR[2].id)
    assert (counts["records"], counts["new_incidents"]) == (1, 1)
    assert kept["events"] == 2 and placed["events"] == 1 and placed["id"] != kept["id"]


def test_a_claim_ingested_after_its_attacks_marks_them_and_nothing_far_off(store):
    claim = Event(doc="wire-claim", type="CLAIM", actors=[resolve_party("Islamic Resistance in Iraq")],
                  recipients=[resolve_party("US troops")], location=resolve_place("Ain al-Asad"),
                  date=TimeSpan(start="2023-10-19", end="2023-10-19", kind="exact"),
                  evidence=Evidence(sentence="The Islamic Resistance in Iraq claimed the attack.", start=0, end=5))
    far = report("wire-99", [], ["US forces"], "Ain al-Asad", "2023-06-01")
    with store.begin() as conn:
        upsert_events(conn, [*REPORTS, far])
        refresh(conn)
        upsert_events(conn, [claim])
        counts = refresh(conn, [claim.id])
        claimed = [get_event(conn, e.id).claimed_by for e in AIN_AL_ASAD]
        untouched = get_event(conn, far.id).claimed_by
    assert counts["claims_links"] == len(AIN_AL_ASAD)
    assert claimed == [["Islamic Resistance in Iraq"]] * len(AIN_AL_ASAD) and untouched == []


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


def test_cli_update_places_what_an_import_left_unplaced(cli):
    from legation.store import open_store

    store = open_store(cli.db)
    with store.begin() as conn:  # as a feed import leaves them: stored, in no incident
        upsert_events(conn, REPORTS)
    store.close()
    first = json.loads(cli("incidents", "update", "--format", "json").output)
    assert (first["records"], first["new_incidents"], first["incidents"]) == (len(REPORTS), 3, 3)
    again = json.loads(cli("incidents", "update", "--format", "json").output)
    assert again["records"] == 0
    assert len(json.loads(cli("incidents", "list", "--format", "json").output)) == 3


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


def test_incidents_update_after_an_acled_import_merges_no_two_rows(cli, tmp_path):
    """Distinct rows of one ACLED export on the same day and place are distinct events (the coders made them so):
    `incidents update` places each in its own incident, however alike they look."""
    from pathlib import Path

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "acled"
    for name in ("acled-sample.csv", "acled-old-layout.csv"):
        assert cli("import", "acled", str(fixtures / name), "--format", "json",
                   "--rejects", str(tmp_path / f"{name}.rejects.csv")).exit_code == 0
    result = cli("incidents", "update", "--format", "json")
    assert result.exit_code == 0, result.output
    placed = json.loads(result.stdout)
    assert placed["records"] > 20 and placed["merged_incidents"] == 0
    assert placed["new_incidents"] == placed["records"]
