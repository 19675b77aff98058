"""`legation events list|search|show` over imported feeds: filters and formats a user relies on."""

from __future__ import annotations

import json

import pytest

from tests.ingest.feeds.conftest import ACLED_SAMPLE, gdelt_row, parse_csv


@pytest.fixture
def loaded(cli, tmp_path):
    assert cli("import", "acled", str(ACLED_SAMPLE)).exit_code == 0
    gdelt = tmp_path / "g.export.CSV"
    gdelt.write_text("\n".join([gdelt_row(1, code="1952", date="20231018"),
                                gdelt_row(2, code="141", date="20231020", place="Basra, Basra, Iraq",
                                          lat="30.5085", lon="47.7804", feature="-1")]) + "\n")
    assert cli("import", "gdelt", str(gdelt)).exit_code == 0
    return cli


def _jsonl(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_list_filters_by_type_mode_source_and_dates(loaded):
    drones = _jsonl(loaded("events", "list", "--mode", "drone", "--format", "jsonl"))
    assert {e["source"] for e in drones} == {"acled", "gdelt"} and all("drone" in e["mode"] for e in drones)
    protests = _jsonl(loaded("events", "list", "--type", "protest", "--source", "gdelt", "--format", "jsonl"))
    assert [e["source_codes"]["cameo"] for e in protests] == ["141"]
    window = _jsonl(loaded("events", "list", "--since", "2023-10-05", "--until", "2023-10-06", "--format", "jsonl"))
    assert window and all(e["date"]["start"] <= "2023-10-06" and e["date"]["end"] >= "2023-10-05" for e in window)
    actors = _jsonl(loaded("events", "list", "--actor", "resistance", "--format", "jsonl"))
    assert actors and all(any("Resistance" in a["text"] for a in e["actors"]) for e in actors)


def test_within_km_of_a_point_and_of_a_site(loaded, tmp_path):
    near_basra = _jsonl(loaded("events", "list", "--point", "30.5,47.78", "--km", "5", "--format", "jsonl"))
    assert near_basra and all(e["location"]["name"].startswith("Basra") for e in near_basra)
    sites = tmp_path / "sites.csv"
    sites.write_text("id,name,kind,sending_state,host_country,lat,lon,radius_km\n"
                     "erbil-post,Erbil post,consulate,FRA,IRQ,36.19,44.01,3\n")
    assert loaded("sites", "import", str(sites)).exit_code == 0
    near_site = _jsonl(loaded("events", "list", "--site", "erbil-post", "--format", "jsonl"))
    assert near_site and {e["location"]["name"] for e in near_site} == {"Erbil"}


def test_search_is_full_text_over_evidence(loaded):
    found = _jsonl(loaded("events", "search", "intercepted drone", "--format", "jsonl"))
    assert [e["source_codes"]["sub_event_type"] for e in found] == ["Disrupted weapons use"]
    assert _jsonl(loaded("events", "search", "zeppelin", "--format", "jsonl")) == []


def test_csv_geojson_table_and_show(loaded):
    rows = parse_csv(loaded("events", "list", "--format", "csv").stdout)
    assert len(rows) == 27 and {"date", "type", "lat", "lon", "evidence"} <= set(rows[0])
    geo = json.loads(loaded("events", "list", "--format", "geojson").stdout)
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 27
    assert geo["features"][0]["geometry"]["type"] == "Point"
    table = loaded("events", "list", "--limit", "3")
    assert table.exit_code == 0 and "Events" in table.stdout
    event_id = rows[0]["id"]
    shown = json.loads(loaded("events", "show", event_id, "--format", "json").stdout)
    assert shown["id"] == event_id and shown["versions_kept"] == 0


def test_user_errors_are_one_line(loaded):
    from tests.conftest import run_legation

    for args, message in ((("events", "list", "--point", "33,44"), "--point needs --km"),
                          (("events", "list", "--since", "yesterday"), "--since wants a date"),
                          (("events", "show", "no-such-id"), "no event with id"),
                          (("events", "list", "--site", "nowhere"), "nowhere")):
        result = run_legation("--db", loaded.db, *args)
        assert result.returncode == 1 and message in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1
