"""`legation assess`: one object per site with the contract keys, recorded with level changes."""

from __future__ import annotations

import datetime as dt
import json

from legation.domain import Evidence, Party, Place, TimeSpan
from legation.store import open_store
from legation.store.assessments import current_assessments, level_changes
from legation.store.events import upsert_events
from tests.factories import make_event


def _rockets_at_baghdad_airport(db: str, days=(21, 23, 25)) -> None:
    store = open_store(db)
    place = Place(text="Baghdad airport", name="Baghdad International Airport", country="IRQ", lat=33.2625,
                  lon=44.2346, precision="site")
    said = Evidence(sentence="Rockets struck the airport.", start=0, end=26)
    events = [make_event(mode=["heavy-weapons"], evidence=said, location=place, date=TimeSpan(start=f"2023-10-{d}",
                                                                               end=f"2023-10-{d}", kind="exact"),
                         recipients=[Party(text="US forces", kind="military", country="USA")]) for d in days]
    with store.begin() as conn:
        upsert_events(conn, events)
    store.close()


def test_assess_prints_and_records_the_threat_picture(cli):
    assert cli("sites", "import", "--examples").exit_code == 0
    _rockets_at_baghdad_airport(cli.db)
    result = cli("assess", "--at", "2023-10-27", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["site"]: r for r in json.loads(result.stdout)}
    assert len(rows) == 20
    tanf = rows.pop("al-tanf")  # in Syria, 450 km from anything reported: unknown, not low
    assert tanf["level"] is None and tanf["probability"] is None and tanf["coverage"]["status"] == "unknown"
    assert tanf["level_name"] == "Unknown — no coverage: no source has reported from here"
    for row in rows.values():
        assert {"site", "name", "level", "level_name", "probability", "drivers", "coverage"} <= set(row)
        assert 1 <= row["level"] <= 6 and 0 <= row["probability"] <= 1
        assert row["coverage"]["status"] == "covered"
        assert row["coverage"]["sources"][0]["last"] == "2023-10-25"
    airport, erbil = rows["baghdad-airport-base"], rows["gbr-cg-erbil"]
    assert airport["level"] > erbil["level"] and airport["probability"] > erbil["probability"]
    nearby = next(d for d in airport["drivers"] if d["kind"] == "nearby")
    assert nearby["text"].startswith("3 rocket attacks within 25 km in the last 7 days") and nearby["weight"] > 0
    assert {d["kind"] for d in airport["drivers"][:2]} <= {"nearby", "history"}
    assert rows["usa-emb-baghdad"]["probability"] > rows["deu-emb-baghdad"]["probability"]  # attacks on US forces

    store = open_store(cli.db)
    with store.connect() as conn:
        assert len(level_changes(conn)) == 19  # every site's first level; an unknown one is none
        assert len(current_assessments(conn)) == 20
    again = cli("assess", "--at", "2023-10-27", "--site", "baghdad-airport-base", "--format", "jsonl")
    assert again.exit_code == 0 and len(again.stdout.strip().splitlines()) == 1
    with store.connect() as conn:
        assert len(level_changes(conn)) == 19  # nothing changed, nothing new
    store.close()


def test_assess_errors_are_one_line(cli):
    assert cli("sites", "import", "--examples").exit_code == 0
    bad = cli("assess", "--at", "27/10/2023")
    assert bad.exit_code == 1 and "--at: not a date" in bad.output
    missing = cli("assess", "--site", "nowhere")
    assert missing.exit_code == 1 and "no site with id 'nowhere'" in missing.output
    ancient = cli("assess", "--at", "0001-01-05")  # once a traceback: 400 days back is before the calendar
    assert ancient.exit_code == 1 and "the first date is 1900-01-01" in ancient.output
    assert "Traceback" not in ancient.output


def test_a_report_published_after_the_date_is_not_seen_replaying_it(store):
    """An attack on the 25th reported on the 30th: replaying the 27th does not see it, the 30th does."""
    from legation.assess.service import assess_sites
    from legation.domain import Report
    from legation.ingest.sites import example_sites_path, read_sites
    from legation.store.reports import upsert_report
    from legation.store.sites import upsert_sites

    late = Report(text="Rockets hit the airport on Wednesday.", source="wire", published="2023-10-30T08:00:00")
    place = Place(text="Baghdad airport", name="Baghdad International Airport", country="IRQ", lat=33.2625,
                  lon=44.2346, precision="site")
    with store.begin() as conn:
        upsert_sites(conn, read_sites(example_sites_path()).records)
        upsert_report(conn, late)
        upsert_events(conn, [make_event(location=place, report_id=late.id,
                                        date=TimeSpan(start="2023-10-25", end="2023-10-25", kind="exact")),
                             make_event(type="PROTEST", mode=["demo"], actors=[], recipients=[],
                                        location=Place(text="Basra", country="IRQ", lat=30.5, lon=47.8,
                                                       precision="city"),
                                        date=TimeSpan(start="2023-10-20", end="2023-10-20", kind="exact"))])
    with store.connect() as conn:
        before = {a.site_id: a for a in assess_sites(conn, "2023-10-27", ["baghdad-airport-base"])}
        after = {a.site_id: a for a in assess_sites(conn, "2023-10-30", ["baghdad-airport-base"])}
    assert not any(d.kind == "nearby" for d in before["baghdad-airport-base"].drivers)
    assert any(d.kind == "nearby" for d in after["baghdad-airport-base"].drivers)


def test_the_api_shows_an_unknown_level_with_its_coverage(cli):
    """The status a site's API answer carries, and the assessment schema, accept and show 'unknown'."""
    from legation.api.schemas import AssessmentOut
    from legation.api.status import site_status
    from legation.store.sites import get_site

    assert cli("sites", "import", "--examples").exit_code == 0
    _rockets_at_baghdad_airport(cli.db)
    assert cli("assess", "--at", "2023-10-27").exit_code == 0
    table = cli("assess", "--at", "2023-10-27", "--site", "al-tanf", "--no-record")
    assert "Unknown — no coverage" in table.stdout and "unknown" in table.stdout
    store = open_store(cli.db)
    with store.connect() as conn:
        status = site_status(conn, get_site(conn, "al-tanf"), at=dt.date(2023, 10, 27))
    store.close()
    shown = AssessmentOut.model_validate(status["assessment"]).model_dump()
    assert shown["level"] is None and shown["probability"] is None
    assert shown["coverage"]["status"] == "unknown" and shown["coverage"]["since"] is None
