"""`legation assess`: one object per site with the contract keys, recorded with level changes."""

from __future__ import annotations

import json

from legation.domain import Party, Place, TimeSpan
from legation.store import open_store
from legation.store.assessments import current_assessments, level_changes
from legation.store.events import upsert_events
from tests.factories import make_event


def _rockets_at_baghdad_airport(db: str, days=(21, 23, 25)) -> None:
    store = open_store(db)
    place = Place(text="Baghdad airport", name="Baghdad International Airport", country="IRQ", lat=33.2625,
                  lon=44.2346, precision="site")
    events = [make_event(mode=["heavy-weapons"], location=place, date=TimeSpan(start=f"2023-10-{d}",
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
    assert airport["drivers"][0]["text"].startswith("3 rocket attacks within 25 km in the last 7 days")
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
