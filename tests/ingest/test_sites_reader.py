import json

import pytest

from legation.domain import InputError
from legation.ingest.sites import example_sites_path, read_sites, sites_to_csv, sites_to_geojson

HEADER = "id,name,kind,sending_state,host_country,lat,lon\n"


def test_example_sites_read_cleanly_and_cover_the_watch_list():
    result = read_sites(example_sites_path())
    assert result.rejects == []
    ids = {s.id for s in result.records}
    assert {"usa-emb-baghdad", "euu-del-baghdad", "ain-al-asad", "erbil-air-base", "harir-air-base",
            "baghdad-airport-base", "al-tanf", "usa-cg-erbil", "usa-cg-basra"} <= ids
    assert all(s.approximate for s in result.records)
    assert next(s for s in result.records if s.id == "al-tanf").host_country == "SYR"


@pytest.mark.parametrize("row, line, reason", [
    ("a,A,embassy,USA,IRQ,33,44\nb,B,palace,USA,IRQ,33,44\n", 3, "unknown site kind 'palace'"),
    ("a,A,embassy,XXX,IRQ,33,44\n", 2, "country code 'XXX'"),
    ("a,A,embassy,USA,IRQ,95,44\n", 2, "latitude out of range"),
    ("a,A,embassy,USA,IRQ,33,east\n", 2, "lon is not a number"),
    ("a,A,embassy,USA,IRQ,33,44\na,A,embassy,USA,IRQ,33,44\n", 3, "duplicate id 'a'"),
    ("a,,embassy,USA,IRQ,33,44\n", 2, "missing name"),
    ("a,A,embassy,USA,IRQ,33,44,extra\n", 2, "8 fields, the header has 7"),
])
def test_each_bad_row_is_named_with_its_line_and_reason(tmp_path, row, line, reason):
    path = tmp_path / "sites.csv"
    path.write_text(HEADER + row)
    result = read_sites(path)
    assert len(result.rejects) == 1
    assert result.rejects[0].line == line
    assert reason in result.rejects[0].reason


def test_missing_columns_and_bad_bytes_are_one_clear_error(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text("id,name\na,A\n")
    with pytest.raises(InputError, match="missing columns: kind, sending_state, host_country, lat, lon"):
        read_sites(path)
    path.write_bytes(HEADER.encode() + b"a,Caf\xe9,embassy,USA,IRQ,33,44\n")
    with pytest.raises(InputError, match=r"sites.csv:2: not UTF-8"):
        read_sites(path)
    path.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(InputError, match="binary"):
        read_sites(path)


def test_geojson_features_are_read_and_bad_ones_named_by_index(tmp_path):
    good = read_sites(example_sites_path()).records
    collection = sites_to_geojson(good)
    collection["features"].append({"type": "Feature", "geometry": {"type": "LineString", "coordinates": []},
                                   "properties": {"id": "x"}})
    path = tmp_path / "sites.geojson"
    path.write_text(json.dumps(collection))
    result = read_sites(path)
    assert [s.to_dict() for s in result.records] == [s.to_dict() for s in good]
    assert [(r.line, r.reason) for r in result.rejects] == [(len(good), "geometry must be a Point with [lon, lat]")]


def test_csv_export_reads_back_identically(tmp_path):
    good = read_sites(example_sites_path()).records
    path = tmp_path / "export.csv"
    path.write_text(sites_to_csv(good))
    assert [s.to_dict() for s in read_sites(path).records] == [s.to_dict() for s in good]


def test_a_site_in_kosovo_takes_its_user_assigned_code(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text(HEADER + "kfor,Camp Bondsteel,military-base,USA,XKX,42.36,21.25\n", encoding="utf-8")
    result = read_sites(path)
    assert result.rejects == [] and result.records[0].host_country == "XKX"
