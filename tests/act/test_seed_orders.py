"""The seed played end to end: the prime minister's order over all diplomatic missions, the ministry's tasks to two
units, one unit late to acknowledge, and a coverage gap at the US embassy after the attack surge — then closed by an
amendment."""

from __future__ import annotations

import datetime as dt

import pytest

from legation.act import orders as svc
from legation.act.authorities import load_hierarchy
from legation.act.supervision import load_measures_table, site_levels, watch
from legation.domain.records import Evidence, Party, Place, Report, TimeSpan
from legation.ingest.sites import example_sites_path, read_sites
from legation.store import audit
from legation.store.events import upsert_events
from legation.store.reports import upsert_report
from legation.store.sites import get_site, upsert_sites
from tests.factories import make_event

T0 = dt.datetime(2023, 10, 25, 10, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)
SENTENCE = ("Iraqi Prime Minister Mohammed Shia al-Sudani has issued orders for Iraq's security forces to protect "
            "diplomatic missions and tighten security measures around their embassies")


def _protect_report(conn) -> Report:
    report = Report(text=SENTENCE + ".", source="seed", title="Iraqi PM issued orders to protect diplomatic missions",
                    published="2023-10-25", doc="seed-2023-10-25")
    upsert_report(conn, report)
    upsert_events(conn, [make_event(
        type="PROTECT", mode=["order"], doc=report.doc, report_id=report.id,
        actors=[Party(text="Mohammed Shia al-Sudani", kind="government", country="IRQ")],
        recipients=[Party(text="Iraq's security forces", kind="police", country="IRQ")],
        location=Place(text="Iraq", name="Iraq", country="IRQ", precision="country"),
        date=TimeSpan(start="2023-10-25", kind="reported"), evidence=Evidence(sentence=SENTENCE, start=0,
                                                                                 end=len(SENTENCE)))])
    return report


def _surge_near(conn, site_id: str) -> list[str]:
    """Rocket and drone attacks within a few km of the site over three days."""
    site = get_site(conn, site_id)
    events = [make_event(type="ASSAULT", mode=[mode], doc=f"surge-{i}",
                         location=Place(text="Baghdad", name="International Zone", country="IRQ",
                                        lat=site.lat + 0.004 * i, lon=site.lon - 0.003 * i, precision="site"),
                         date=TimeSpan(start=day, end=day, kind="exact", precision="day"),
                         recipients=[Party(text="the US embassy", kind="state", country="USA")])
              for i, (day, mode) in enumerate([("2023-10-25", "heavy-weapons"), ("2023-10-26", "drone"),
                                               ("2023-10-26", "heavy-weapons"), ("2023-10-27", "drone")])]
    upsert_events(conn, events)
    return [e.id for e in events]


def _record_level(conn, site_id: str, level: int, event_ids: list[str]) -> dict:
    """The threat model's stored assessment when it is installed (its store contract), else levels to pass."""
    try:
        from legation.domain.assessment import LEVELS, Assessment, Driver
        from legation.store.assessments import record_assessments
    except ImportError:
        return {site_id: level}
    site = get_site(conn, site_id)
    record_assessments(conn, [Assessment(site_id=site_id, name=site.name, level=level, level_name=LEVELS[level],
                                         probability=0.62, model="recorded", at="2023-10-27",
                                         drivers=[Driver("surge", "4 rocket and drone attacks within 3 km in 3 days",
                                                         1.0, event_ids)])])
    return site_levels(conn)


def test_seed_end_to_end(store):
    iraq, table = load_hierarchy(), load_measures_table()
    with store.begin() as conn:
        upsert_sites(conn, read_sites(example_sites_path()).records)
        report = _protect_report(conn)
        # the news proposes the order; the prime minister issues it and supervises it himself
        with audit.acting_as("nsa-staff"):
            [order] = svc.propose_from_report(conn, iraq, "iq-nsa", report.id, at=T0)
        assert (order.issuer, order.recipients, order.supervisor) == ("iq-pm", ["iq-moi"], "iq-pm")
        assert order.evidence["reports"] == [report.id]
        order = svc.amend_order(conn, iraq, "iq-pm", order.id, at=T0, valid_from=T0,
                                valid_until=T0 + 30 * 24 * H, measures=["tightened-security", "static-guard"])
        with audit.acting_as("iq-pm"):
            order = svc.issue_order(conn, iraq, "iq-pm", order.id, at=T0)
        assert order.state == "issued" and len(order.sites) == 12  # every embassy and consulate in Iraq
        assert order.ack_deadline == T0 + 6 * H  # immediate
        # the ministry acknowledges and tasks two units; Baghdad acknowledges, Erbil does not
        with audit.acting_as("iq-moi"):
            svc.acknowledge_order(conn, iraq, "iq-moi", order.id, at=T0 + H)
            tasks, unassigned = svc.split_order(conn, iraq, "iq-moi", order.id, ["iq-dpd-baghdad", "iq-dpd-erbil"],
                                                at=T0 + 2 * H)
        assert sorted(unassigned) == ["irn-cg-basra", "usa-cg-basra"]
        baghdad, erbil = tasks
        svc.acknowledge_order(conn, iraq, "iq-dpd-baghdad", baghdad.id, at=T0 + 3 * H)
        # the attack surge raises the US embassy to High
        levels = _record_level(conn, "usa-emb-baghdad", 5, _surge_near(conn, "usa-emb-baghdad"))

        findings = watch(conn, table, T0 + 12 * H, levels=levels)
        late = [f for f in findings if f["kind"] == "unacknowledged"]
        assert [(f["order"], f["recipient"], f["supervisor"]) for f in late] == [
            (erbil.ref, "iq-dpd-erbil", "iq-moi")]
        gaps = {f["site"]: f for f in findings if f["kind"] == "coverage-gap"}
        assert list(gaps) == ["usa-emb-baghdad"]
        assert (gaps["usa-emb-baghdad"]["level"], gaps["usa-emb-baghdad"]["covered_level"],
                gaps["usa-emb-baghdad"]["missing"]) == (5, 3, ["patrol", "checkpoint"])
        assert order.ref in gaps["usa-emb-baghdad"]["orders"]
        assert not [f for f in findings if f["kind"] == "expiring"]
        expiring = [f for f in watch(conn, table, T0 + 29 * 24 * H, levels={}) if f["kind"] == "expiring"]
        assert order.ref in [f["order"] for f in expiring]

        # the prime minister amends the order; once issued and acknowledged, the gap closes
        svc.amend_order(conn, iraq, "iq-pm", order.id, at=T0 + 13 * H,
                        measures=["tightened-security", "static-guard", "patrol", "checkpoint"])
        v2 = svc.issue_order(conn, iraq, "iq-pm", order.id, at=T0 + 13 * H)
        assert svc.resolve(conn, f"{order.id}@1").state == "superseded"
        assert svc.resolve(conn, erbil.id).state == "lifted"  # the old tasks go with the old version
        svc.acknowledge_order(conn, iraq, "iq-moi", v2.ref, at=T0 + 14 * H)
        after = watch(conn, table, T0 + 15 * H, levels=levels)
        assert not [f for f in after if f["kind"] in ("coverage-gap", "unacknowledged")]

        checked, bad, _ = audit.verify(conn)
        assert bad is None and checked > 10
        pm_actions = [e["action"] for e in audit.entries(conn, actor="iq-pm")]
        assert pm_actions == ["order.issue"]


def test_threat_model_levels_drive_coverage(store):
    """With the real threat model installed, the surge's assessed level is what the coverage check compares."""
    try:
        from legation.assess.model import assess, load_parameters
        params = load_parameters()
    except (ImportError, OSError) as err:
        pytest.skip(f"the threat model is not available here: {err}")
    from legation.store.events import events_near

    table = load_measures_table()
    with store.begin() as conn:
        upsert_sites(conn, read_sites(example_sites_path()).records)
        site = get_site(conn, "usa-emb-baghdad")
        unknown = assess(site, [], "2023-10-27", params).level  # nothing reported from Iraq: no level, not a low one
        _surge_near(conn, site.id)
        assessed = assess(site, events_near(conn, site.lat, site.lon, 50), "2023-10-27", params)
        assert unknown is None and assessed.level >= 1
        gaps = [f for f in watch(conn, table, T0, levels={site.id: assessed.level}) if f["kind"] == "coverage-gap"]
        assert bool(gaps) == bool(table.missing(assessed.level, site.posture))


@pytest.mark.slow
def test_seed_article_proposes_the_prime_ministers_order(store, shared):
    """The extractor reads the founding article; its PROTECT event proposes the PM's order to the ministry."""
    pytest.importorskip("legation.extract.pipeline")
    text = (shared / "corpus" / "seed-2023-10-25.txt").read_text(encoding="utf-8")
    report = Report(text=text, source="seed", published="2023-10-25", doc="seed-2023-10-25")
    with store.begin() as conn:
        upsert_sites(conn, read_sites(example_sites_path()).records)
        upsert_report(conn, report)
        drafts = svc.propose_from_report(conn, load_hierarchy(), "iq-nsa", report.id, at=T0)
    assert drafts and drafts[0].issuer == "iq-pm" and drafts[0].recipients == ["iq-moi"]
    assert "tightened-security" in drafts[0].measures and drafts[0].evidence["reports"] == [report.id]
    assert "usa-emb-baghdad" in [s.id for s in drafts[0].scope.resolve(read_sites(example_sites_path()).records)]
