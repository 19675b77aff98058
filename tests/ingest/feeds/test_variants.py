"""The files users have: delimiters, header case, NA, older ACLED layouts and dates, ACLED API pages, UCDP as
published on HDX, GDELT saved with another delimiter; a file whose every row fails is an error naming the cause.
Each on a small invented fixture shaped like the real variant."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from legation.domain.errors import InputError
from legation.ingest.base import Reject
from legation.ingest.feeds.acled import event_day, read_acled
from legation.ingest.feeds.cameo import load_cameo_map
from legation.ingest.feeds.common import BadField, FeedRecord, Notice
from legation.ingest.feeds.gdelt import read_gdelt
from legation.ingest.feeds.ucdp import read_ucdp
from tests.ingest.feeds.conftest import ACLED_SAMPLE, gdelt_row

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ACLED = FIXTURES / "acled"
UCDP = FIXTURES / "ucdp"


def _read(reader, path: Path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(reader(handle, path.name))


def _records(items) -> dict[str, dict]:
    return {i.row_id: i.record for i in items if isinstance(i, FeedRecord)}


def test_an_r_export_with_semicolons_upper_case_headers_and_na_reads_like_the_plain_file():
    r_export = _records(_read(read_acled, ACLED / "acled-r-export-semicolon.csv"))
    plain = _records(_read(read_acled, ACLED_SAMPLE))
    assert sorted(r_export) == ["LGT9000", "LGT9001", "LGT9002", "LGT9003"]
    for native, record in r_export.items():
        assert record["actors"] == plain[native]["actors"] and record["recipients"] == plain[native]["recipients"]
        assert record["location"] == plain[native]["location"] and record["date"] == plain[native]["date"]
    names = {p["text"] for r in r_export.values() for p in r["actors"] + r["recipients"]}
    assert "NA" not in names and r_export["LGT9000"]["location"]["admin1"] == "Baghdad"


def test_older_layout_day_first_dates_are_settled_by_the_year_column():
    items = _read(read_acled, ACLED / "acled-old-layout.csv")
    records = _records(items)
    assert records["LGO101"]["date"]["start"] == "2019-12-31"
    assert records["LGO102"]["date"]["start"] == "2013-03-05"
    (bad,) = [i for i in items if isinstance(i, Reject)]
    assert (bad.line, bad.column) == (5, "event_date") and "year 2016" in bad.reason
    assert event_day("18 October 2023", "") == "2023-10-18" and event_day("2023-10-18", "2023") == "2023-10-18"
    with pytest.raises(BadField, match="century"):
        event_day("31-12-19", "")


def test_disrupted_weapons_use_keeps_the_one_whose_weapon_it_was_as_actor():
    records = _records(_read(read_acled, ACLED / "acled-old-layout.csv"))
    defused = records["LGO102"]  # police (actor1, state forces) defused the group's device
    assert [p["text"] for p in defused["actors"]] == ["Unidentified Armed Group (Iraq)"]
    assert [p["text"] for p in defused["recipients"]] == ["Police Forces of Iraq (2006-)"]
    detonated = records["LGO103"]  # went off while being planted: actor1 is whose it was
    assert [p["text"] for p in detonated["actors"]] == ["Unidentified Armed Group (Iraq)"]
    sample = _records(_read(read_acled, ACLED_SAMPLE))["LGT9020"]  # state forces intercepted an IS drone
    assert [p["text"] for p in sample["actors"]] == ["Islamic State (Iraq)"]
    assert sample["mode"] == ["intercepted"]


def test_geo_precision_two_is_near_the_town_not_the_province():
    records = _records(_read(read_acled, ACLED / "acled-old-layout.csv"))
    near, exact = records["LGO102"], records["LGO101"]
    assert near["location"]["precision"] == "city" and near["source_codes"]["radius_km"] == 25
    assert exact["source_codes"]["radius_km"] == 10 and exact["confidence"] > near["confidence"]


def test_api_json_pages_give_the_same_events_as_the_csv(tmp_path):
    page = _records(_read(read_acled, ACLED / "acled-api-page.json"))
    plain = _records(_read(read_acled, ACLED_SAMPLE))
    assert sorted(page) == ["LGT9000", "LGT9001", "LGT9002"]
    for native, record in page.items():
        same = {k: v for k, v in plain[native].items() if k not in ("evidence", "doc")}
        assert {k: v for k, v in record.items() if k not in ("evidence", "doc")} == same
    lines = tmp_path / "pages.jsonl"  # one page per line, as a loop over the API saves them
    data = json.loads((ACLED / "acled-api-page.json").read_text())
    lines.write_text("\n".join(json.dumps({**data, "data": [row]}) for row in data["data"]) + "\n")
    assert sorted(_records(_read(read_acled, lines))) == sorted(page)
    error = tmp_path / "error.json"
    error.write_text(json.dumps({"success": False, "error": {"message": "Access denied"}, "data": []}))
    with pytest.raises(InputError, match="the API answered an error.*Access denied"):
        _read(read_acled, error)


def test_ucdp_hdx_extracts_of_two_ged_versions_read_with_floats_times_and_na():
    new = _records(_read(read_ucdp, UCDP / "ged-hdx-new.csv"))
    old = _records(_read(read_ucdp, UCDP / "ged-hdx-old.csv"))
    assert sorted(new) == ["900001", "900002", "900003"] and sorted(old) == ["800001", "800002"]
    assert new["900001"]["date"]["start"] == "2023-10-18" and new["900001"]["fatalities"] == 3
    assert new["900003"]["confidence"] < new["900001"]["confidence"]  # province-level and unclear
    fallujah = old["800001"]
    assert fallujah["fatalities"] == 8 and fallujah["location"]["precision"] == "city"
    assert fallujah["source_codes"]["where_prec"] == 1 and fallujah["date"]["precision"] == "days"
    assert old["800002"]["evidence"]["sentence"] == "Invented killing near Mosul"
    assert old["800002"]["location"]["admin1"] is None and old["800002"]["location"]["precision"] == "country"


def test_ucdp_names_in_one_notice_the_columns_it_could_not_find():
    text = ("id,type_of_violence,side_a,side_b,where_prec,latitude,longitude,date_prec,date_start,date_end,best,"
            "country,extra\n1,1,Government of Iraq,IS,1,33.3,44.4,1,2023-10-18,2023-10-18,2,Iraq,x\n")
    items = list(read_ucdp(io.StringIO(text), "thin.csv"))
    (notice,) = [i for i in items if isinstance(i, Notice)]
    assert notice.text == ("thin.csv: no column(s) source_headline, where_coordinates, adm_1, iso3, low, high, "
                           "event_clarity; read without them")
    assert len(_records(items)) == 1


def test_a_missing_column_names_it_and_how_the_header_was_read():
    with pytest.raises(InputError, match=r"missing column\(s\) .*event_type.*semicolon-separated"):
        list(read_acled(io.StringIO("event_id_cnty;event_date\nX;2023-10-01\n"), "h.csv"))


def test_gdelt_saved_with_semicolons_and_a_header_row_reads_as_published():
    cameo = load_cameo_map()
    rows = [gdelt_row(1, code="190"), gdelt_row(2, code="145", actor2="", name2="")]
    header = ";".join(["GLOBALEVENTID", "SQLDATE", *[f"c{i}" for i in range(59)]])
    tabbed = list(read_gdelt(io.StringIO("\n".join(rows) + "\n"), "g.CSV", cameo))
    semi = list(read_gdelt(io.StringIO("\n".join([header, *(r.replace("\t", ";") for r in rows)]) + "\n"),
                           "g.CSV", cameo))
    assert [i.record["id"] for i in semi] == [i.record["id"] for i in tabbed]
    assert [i.line for i in semi] == [2, 3]


def test_gdelt_confidence_follows_sources_mentions_and_the_root_flag():
    cameo = load_cameo_map()

    def record(**changes):
        fields = gdelt_row(7, code="190").split("\t")
        for index, value in changes.items():
            fields[int(index[1:])] = value
        (item,) = read_gdelt(io.StringIO("\t".join(fields) + "\n"), "g.CSV", cameo)
        return item.record

    lone = record(f25="0", f31="2", f32="1")  # one source, two mentions, not the root event
    rooted = record(f25="1", f31="2", f32="1")
    broad = record(f25="1", f31="40", f32="6")
    assert lone["confidence"] == 0.15 and rooted["confidence"] == 0.25 and broad["confidence"] == 0.75
    # a single-source, non-root row placed in a country neither actor belongs to: noise, down-weighted
    stray = record(f25="0", f32="1", f7="USA", f17="USA", f53="ZI", f52="Salisbury, Harare, Zimbabwe")
    assert stray["confidence"] == 0.05 and "ZWE" in stray["source_codes"]["noise"]
    assert "noise" not in record(f25="1", f7="USA", f17="USA", f53="ZI")["source_codes"]
    gaza = record(f25="0", f31="2", f32="1", f7="PSE", f17="PSE", f53="IS", f52="Gaza, Israel (general), Israel")
    assert "noise" not in gaza["source_codes"] and gaza["confidence"] == 0.15  # GDELT places Gaza in Israel


def test_a_file_whose_every_row_is_rejected_exits_1_naming_the_likely_cause(cli, tmp_path):
    rows = (ACLED / "acled-old-layout.csv").read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "all-bad.csv"
    broken.write_text("\n".join([rows[0], *(re.sub(r",[123],Legation", ",9,Legation", r) for r in rows[1:])]) + "\n")
    result = cli("import", "acled", str(broken), "--format", "json", "--rejects", str(tmp_path / "r.csv"))
    assert result.exit_code == 1
    last = result.stderr.strip().splitlines()[-1]
    assert "every row (4) was rejected" in last and "geo_precision must be 1, 2 or 3, not '9'" in last
    assert str(tmp_path / "r.csv") in last


@pytest.mark.parametrize("reader,path", [
    (read_acled, ACLED_SAMPLE), (read_acled, ACLED / "acled-old-layout.csv"),
    (read_acled, ACLED / "acled-r-export-semicolon.csv"), (read_acled, ACLED / "acled-api-page.json"),
    (read_ucdp, UCDP / "ged-hdx-new.csv"), (read_ucdp, UCDP / "ged-hdx-old.csv")])
def test_records_built_straight_from_rows_are_what_the_domain_event_gives(reader, path):
    from legation.domain import Event

    records = _records(_read(reader, path))
    assert records
    for record in records.values():
        assert Event.from_dict(record).to_dict() == record


def test_cameo_codes_map_to_the_types_and_means_the_codebooks_give():
    cameo = load_cameo_map()
    assert (cameo.lookup("201").type, cameo.lookup("201").mode) == ("COERCE", ("deport",))  # mass expulsion
    assert cameo.lookup("1952").mode == ("drone",) and cameo.lookup("195").mode == ("aerial",)
    assert cameo.lookup("194").mode == ("heavy-weapons",) and cameo.lookup("1831").mode == ("suicide-attack",)
    assert cameo.lookup("010").type is None  # a public statement: no PLOVER event


def test_acled_means_in_words_follow_the_sub_event_and_the_notes(tmp_path):
    from tests.ingest.feeds.conftest import acled_rows, write_acled

    rows = {r["sub_event_type"]: r for r in acled_rows()}
    shelling, strike = rows["Shelling/artillery/missile attack"], rows["Air/drone strike"]
    variants = [{**shelling, "event_id_cnty": "V1", "notes": "Militants fired three rockets at the base."},
                {**shelling, "event_id_cnty": "V2", "notes": "The town was shelled overnight."},
                {**strike, "event_id_cnty": "V3", "notes": "Jets struck a depot."},
                {**strike, "event_id_cnty": "V4", "notes": "A UAV struck a car."},
                {**rows["Peaceful protest"], "event_id_cnty": "V5"}]
    records = _records(_read(read_acled, write_acled(tmp_path / "means.csv", variants)))
    means = {native: (r["source_codes"].get("means"), r["mode"]) for native, r in records.items()}
    assert means == {"V1": ("rocket fire", ["heavy-weapons"]), "V2": ("shelling", ["heavy-weapons"]),
                     "V3": ("air strike", ["aerial"]), "V4": ("drone strike", ["aerial", "drone"]),
                     "V5": (None, ["demo"])}
