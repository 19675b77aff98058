import datetime as dt
import shutil
import subprocess

import pytest

from legation.act.briefings import build, write
from legation.domain import Evidence, InputError, Party, Place, TimeSpan
from legation.store.events import upsert_events
from legation.store.sites import upsert_sites
from tests.factories import make_event, make_site

AT = dt.date(2023, 10, 27)


def _seed(store):
    with store.begin() as conn:
        upsert_sites(conn, [make_site(id="euu-del", name="EU Delegation", sending_state="EUU", lat=33.3012,
                                      lon=44.3901, kind="mission-office"),
                            make_site(id="usa-emb", name="US Embassy", lat=33.2985, lon=44.3956)])
        upsert_events(conn, [
            make_event(date=TimeSpan(start="2023-10-24", end="2023-10-24", kind="exact"),
                       location=Place(name="Baghdad", country="IRQ", lat=33.30, lon=44.39, precision="city")),
            make_event(type="CLAIM", mode=[], date=TimeSpan(start="2023-10-25", end="2023-10-25", kind="exact"),
                       actors=[Party(text="Islamic Resistance in Iraq", kind="armed_group", sponsor="IRN")],
                       location=Place(name="Baghdad", country="IRQ", lat=33.31, lon=44.37, precision="city"),
                       evidence=Evidence(sentence="The Islamic Resistance in Iraq claimed the attack.")),
            # far from every EU site (Basra, ~450 km): not the EU delegation's to read (legation.domain.users)
            make_event(type="CLAIM", mode=[], date=TimeSpan(start="2023-10-25", end="2023-10-25", kind="exact"),
                       actors=[Party(text="Saraya Awliya al-Dam", kind="armed_group")],
                       location=Place(name="Basra", country="IRQ", lat=30.51, lon=47.78, precision="city"),
                       evidence=Evidence(sentence="Saraya Awliya al-Dam claimed the attack in Basra.")),
        ])


def test_briefing_for_an_organisation_covers_its_own_sites(store):
    _seed(store)
    with store.connect() as conn:
        b = build(conn, "EUU", at=AT)
    assert [s["id"] for s in b.sites] == ["euu-del"]
    assert b.trend_days[-4] == ("2023-10-24", 1)
    assert [c["by"] for c in b.claims] == ["Islamic Resistance in Iraq"]
    assert b.trend_png.startswith(b"\x89PNG")


def test_markdown_and_html_say_the_same_things(store, tmp_path):
    _seed(store)
    with store.connect() as conn:
        b = build(conn, "USA", at=AT)
    md = write(b, "md", tmp_path / "b.md").read_text()
    html = write(b, "html", tmp_path / "b.html").read_text()
    for text in ("Situation report for USA", "US Embassy", "Claims of responsibility", "Islamic Resistance in Iraq"):
        assert text in md and text in html
    assert (tmp_path / "b.trend.png").exists()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_renders_and_its_text_reads_back(store, tmp_path):
    _seed(store)
    with store.connect() as conn:
        b = build(conn, "EUU", at=AT)
    pdf = write(b, "pdf", tmp_path / "b.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Situation report for EUU" in text
    assert "EU Delegation" in text
    assert "Islamic Resistance in Iraq" in text


def test_no_sites_is_a_clear_error(store):
    with store.connect() as conn, pytest.raises(InputError, match="no sites to brief on"):
        build(conn, "EUU", at=AT)


def _record_level(store, site_id, level):
    from legation.domain.assessment import LEVELS, Assessment, Driver
    from legation.store.assessments import record_assessments

    with store.begin() as conn:
        record_assessments(conn, [Assessment(site_id=site_id, name=site_id, level=level, level_name=LEVELS[level],
                                             probability=0.3, model="test", at=AT.isoformat(),
                                             drivers=[Driver("nearby", "3 drone attacks within 25 km in 7 days",
                                                             0.8)])])


def test_an_assurance_of_no_threat_contradicted_by_a_level_4_site_is_flagged(store, tmp_path):
    _seed(store)
    _record_level(store, "euu-del", 4)
    with store.connect() as conn:
        b = build(conn, "EUU", at=AT, assurance="There is no threat to the missions' security inside Iraq.")
    assert len(b.warnings) == 1
    assert "no threat" in b.warnings[0] and "EU Delegation at level 4 (Substantial)" in b.warnings[0]
    assert b.sites[0]["drivers"] == ["3 drone attacks within 25 km in 7 days"]
    html = write(b, "html", tmp_path / "b.html").read_text()
    assert 'class="warning"' in html and "Assurance contradicted by the evidence" in html


def test_a_reported_assurance_is_checked_too_and_calm_sites_raise_nothing(store):
    _seed(store)
    said = make_event(type="CONSULT", mode=["visit"], date=TimeSpan(start="2023-10-25", end="2023-10-25",
                                                                   kind="exact"),
                      actors=[Party(text="Qasim al-Araji", kind="person", country="IRQ")],
                      location=Place(name="Baghdad", country="IRQ", lat=33.31, lon=44.39, precision="city"),
                      evidence=Evidence(sentence="Araji said there is \u201cno threat\u201d to their security."))
    with store.begin() as conn:
        upsert_events(conn, [said])
    _record_level(store, "euu-del", 2)
    with store.connect() as conn:
        assert build(conn, "EUU", at=AT).warnings == []
    _record_level(store, "euu-del", 5)
    with store.connect() as conn:
        warnings = build(conn, "EUU", at=AT).warnings
    assert len(warnings) == 1 and warnings[0].startswith("Assurance contradicted by the evidence — Qasim al-Araji")


def _record_unknown(store, site_id, since="2018-12-25"):
    from legation.domain.assessment import Assessment, Driver
    from legation.store.assessments import record_assessments

    coverage = {"status": "unknown", "since": since, "text": f"no coverage since {since}", "sources": []}
    with store.begin() as conn:
        record_assessments(conn, [Assessment(site_id=site_id, name=site_id, level=None,
                                             level_name=f"Unknown — no coverage since {since}", probability=None,
                                             model="test", at=AT.isoformat(), coverage=coverage,
                                             drivers=[Driver("coverage", "unknown — no coverage", 0.0)])])


def test_an_assurance_never_passes_where_nothing_covers_a_site(store, tmp_path):
    """The seed's failure made by software: "no threat" while nothing reports from the area must not pass."""
    _seed(store)
    _record_unknown(store, "euu-del")
    with store.connect() as conn:
        given = build(conn, "EUU", at=AT, assurance="There is no threat to the missions.")
        silent = build(conn, "EUU", at=AT)
    assert given.warnings[0] == ("Assurance not supported by any evidence — this briefing: \u201cno threat\u201d, "
                                 "while the level is unknown at EU Delegation (no coverage since 2018-12-25): "
                                 "silence is not safety.")
    assert silent.warnings == ["Level unknown at EU Delegation (no coverage since 2018-12-25): no report from "
                               "there is no evidence of calm."]
    md = write(given, "md", tmp_path / "b.md").read_text()
    assert "Unknown — no coverage since 2018-12-25" in md and "Assurance not supported" in md
    _record_level(store, "euu-del", 1)  # a later assessment with coverage: the assurance is no longer flagged
    with store.connect() as conn:
        assert build(conn, "EUU", at=AT, assurance="There is no threat.").warnings == []


@pytest.fixture(autouse=True)
def acting_as_a_test_user():
    """Writes made directly through the store here are made by a named test user (the audit log names everyone)."""
    from legation.store.audit import acting_as

    with acting_as("test:act"):
        yield
