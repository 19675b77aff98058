"""Orders as a service over a real store, and the `legation orders` / `legation audit` commands."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from legation.act import orders as svc
from legation.act.authorities import hierarchy_from_data, load_hierarchy
from legation.act.supervision import load_measures_table, watch
from legation.domain.errors import Conflict, Forbidden, InputError, NotFound
from legation.domain.orders import Scope, Selector, invariant_violations
from legation.domain.records import Evidence, Party, Place, Report, TimeSpan
from legation.ingest.sites import example_sites_path, read_sites
from legation.store import audit
from legation.store.events import upsert_events
from legation.store.orders import order_versions
from legation.store.reports import upsert_report
from legation.store.sites import upsert_sites
from tests.conftest import run_legation
from tests.factories import make_event

T0 = dt.datetime(2023, 10, 25, 9, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)
MISSIONS = Scope(selectors=(Selector.parse("kind=diplomatic host_country=IRQ"),))


@pytest.fixture
def iraq():
    return load_hierarchy()


@pytest.fixture
def conn(store):
    with store.begin() as connection:
        upsert_sites(connection, read_sites(example_sites_path()).records)
        yield connection


def pm_order(conn, iraq, **overrides):
    fields = dict(recipients=["iq-moi"], scope=MISSIONS, measures=["tightened-security", "static-guard"],
                  valid_from=T0, valid_until=T0 + 30 * 24 * H, title="Protect diplomatic missions", at=T0)
    fields.update(overrides)
    return svc.draft_order(conn, iraq, "iq-pm", **fields)


def test_shipped_hierarchy_is_marked_illustrative_and_has_the_chain(iraq):
    assert iraq.illustrative
    assert iraq.ancestors("iq-dpd-iz-post-south") == ["iq-dpd-iz", "iq-moi-dpd", "iq-moi", "iq-pm"]
    assert not iraq.get("iq-nsa").commands


@pytest.mark.parametrize("data, words", [
    ({"authorities": []}, "non-empty list"),
    ({"authorities": [{"id": "a", "name": "A"}]}, r"authorities\[0\]: missing kind"),
    ({"authorities": [{"id": "a", "name": "A", "kind": "x", "boss": "b"}]}, "unknown key"),
    ({"authorities": [{"id": "a", "name": "A", "kind": "x", "jurisdiction": [{"near": {"lat": 1}}]}]},
     r"\(a\) jurisdiction\[0\]: near needs"),
    ({"authorities": [{"id": "a", "name": "A", "kind": "x"}, {"id": "b", "name": "B", "kind": "x"}]},
     "exactly one authority without a parent"),
])
def test_bad_hierarchy_files_name_the_problem(data, words):
    with pytest.raises(InputError, match=words):
        hierarchy_from_data(data, "my.yaml")


def test_hierarchy_file_that_is_not_yaml(tmp_path):
    bad = tmp_path / "h.yaml"
    bad.write_text("authorities: [unclosed\n")
    with pytest.raises(InputError, match="h.yaml: not valid YAML"):
        load_hierarchy(bad)


def test_every_step_is_stored_and_audited(conn, iraq):
    order = pm_order(conn, iraq)
    svc.issue_order(conn, iraq, "iq-pm", order.id, at=T0)
    svc.acknowledge_order(conn, iraq, "iq-moi", order.id, at=T0 + H, user="alice")
    done = svc.comply_order(conn, iraq, "iq-moi", order.id, "complied", at=T0 + 2 * H)
    assert done.state == "in-force" and done.acks["iq-moi"]["by"] == "alice"
    lifted = svc.lift_order(conn, iraq, "iq-pm", order.id, "calm restored", at=T0 + 3 * H)
    assert lifted.state == "lifted"
    actions = [e["action"] for e in audit.entries(conn, entity="order")]
    assert actions == ["order.draft", "order.issue", "order.acknowledge", "order.comply", "order.lift"]
    lift_entry = audit.entries(conn, action="order.lift")[0]
    assert (lift_entry["before"]["state"], lift_entry["after"]["state"]) == ("in-force", "lifted")
    assert audit.verify(conn)[1] is None


def test_refusals_leave_nothing_written(conn, iraq):
    order = pm_order(conn, iraq)
    count = len(audit.entries(conn))
    with pytest.raises(Forbidden, match="advises and supervises"):
        svc.draft_order(conn, iraq, "iq-nsa", recipients=["iq-moi"], scope=MISSIONS, measures=["patrol"], at=T0)
    with pytest.raises(Forbidden, match="outside the jurisdiction of iq-dpd-erbil"):
        svc.draft_order(conn, iraq, "iq-dpd-erbil", recipients=["iq-dpd-erbil-post-1"],
                        scope=Scope(sites=("usa-emb-baghdad",)), measures=["patrol"], at=T0)
    with pytest.raises(Forbidden, match="only the issuer iq-pm"):
        svc.issue_order(conn, iraq, "iq-moi", order.id, at=T0)
    with pytest.raises(Conflict, match="it is draft"):
        svc.acknowledge_order(conn, iraq, "iq-moi", order.id, at=T0)
    with pytest.raises(NotFound, match="no order ord-0099"):
        svc.acknowledge_order(conn, iraq, "iq-moi", "ord-0099", at=T0)
    assert len(audit.entries(conn)) == count


def test_amendment_supersedes_and_lifts_the_old_tasks(conn, iraq):
    order = pm_order(conn, iraq)
    svc.issue_order(conn, iraq, "iq-pm", order.id, at=T0)
    svc.acknowledge_order(conn, iraq, "iq-moi", order.id, at=T0 + H)
    tasks, _ = svc.split_order(conn, iraq, "iq-moi", order.id, ["iq-dpd-baghdad"], at=T0 + H)
    v2 = svc.amend_order(conn, iraq, "iq-pm", order.id, at=T0 + 2 * H,
                         measures=["tightened-security", "static-guard", "patrol"])
    assert (v2.ref, v2.state) == ("ord-0001@2", "draft")
    assert svc.resolve(conn, order.id).ref == "ord-0001@1"  # recipients still see the issued version
    with pytest.raises(Conflict, match="already has a newer version ord-0001@2"):
        svc.amend_order(conn, iraq, "iq-pm", "ord-0001@1", at=T0 + 2 * H, title="again")
    svc.issue_order(conn, iraq, "iq-pm", "ord-0001@2", at=T0 + 3 * H)
    states = [(o.ref, o.state) for o in order_versions(conn, order.id)]
    assert states == [("ord-0001@1", "superseded"), ("ord-0001@2", "issued")]
    task = svc.resolve(conn, tasks[0].id)
    assert task.state == "lifted" and "superseded by ord-0001@2" in task.close_reason
    assert all(invariant_violations(o) == [] for o in order_versions(conn, order.id))


def test_split_reports_sites_no_task_covers(conn, iraq):
    order = pm_order(conn, iraq)
    svc.issue_order(conn, iraq, "iq-pm", order.id, at=T0)
    svc.acknowledge_order(conn, iraq, "iq-moi", order.id, at=T0 + H)
    tasks, unassigned = svc.split_order(conn, iraq, "iq-moi", order.id, ["iq-dpd-baghdad", "iq-dpd-erbil"],
                                        at=T0 + H)
    assert [t.recipients[0] for t in tasks] == ["iq-dpd-baghdad", "iq-dpd-erbil"]
    assert sorted(unassigned) == ["irn-cg-basra", "usa-cg-basra"]
    assert all(t.state == "issued" and t.parent == "ord-0001@1" for t in tasks)
    # a unit splits its task for its posts, then a post reports compliance
    svc.acknowledge_order(conn, iraq, "iq-dpd-baghdad", tasks[0].id, at=T0 + 2 * H)
    posts, _ = svc.split_order(conn, iraq, "iq-dpd-baghdad", tasks[0].id, ["iq-dpd-baghdad-post-karkh"],
                               at=T0 + 2 * H)
    assert posts[0].sites == ["deu-emb-baghdad", "jor-emb-baghdad", "tur-emb-baghdad"]
    svc.acknowledge_order(conn, iraq, "iq-dpd-baghdad-post-karkh", posts[0].id, at=T0 + 3 * H)
    svc.comply_order(conn, iraq, "iq-dpd-baghdad-post-karkh", posts[0].id, "partial", ["static-guard"],
                     "two guards short at the Jordanian embassy", at=T0 + 4 * H)
    assert svc.order_view(conn, tasks[0].id, T0 + 5 * H)["tasks"] == [f"{posts[0].ref} → iq-dpd-baghdad-post-karkh: "
                                                                      "in-force, partial"]
    findings = watch(conn, load_measures_table(), T0 + 5 * H, levels={})
    assert [(f["kind"], f["order"], f["recipient"]) for f in findings if f["kind"] == "non-compliance"] == [
        ("non-compliance", posts[0].ref, "iq-dpd-baghdad-post-karkh")]
    # lifting the PM's order lifts the whole tree under it
    svc.lift_order(conn, iraq, "iq-pm", order.id, at=T0 + 6 * H)
    assert {svc.resolve(conn, t.id).state for t in [*tasks, *posts]} == {"lifted"}


def test_protect_event_from_an_article_proposes_a_draft(conn, iraq):
    report = Report(text="Sudani has issued orders to the interior ministry to protect the missions.",
                    source="test", title="PM orders protection", published="2023-10-25", doc="seed")
    upsert_report(conn, report)
    sentence = ("Iraqi Prime Minister Mohammed Shia al-Sudani has issued orders for Iraq's security forces to "
                "protect diplomatic missions and tighten security measures around their embassies")
    event = make_event(type="PROTECT", mode=["order", "guard"], report_id=report.id, doc="seed",
                       actors=[Party(text="Iraqi Prime Minister Mohammed Shia al-Sudani", kind="government",
                                     country="IRQ")],
                       recipients=[Party(text="Iraq's security forces", kind="police", country="IRQ"),
                                   Party(text="the interior ministry", kind="government", country="IRQ")],
                       location=Place(text="Iraq", name="Iraq", country="IRQ", precision="country"),
                       date=TimeSpan(start="2023-10-25", kind="reported"),
                       evidence=Evidence(sentence=sentence, start=0, end=len(sentence)))
    upsert_events(conn, [event])
    offered = [f for f in watch(conn, load_measures_table(), T0, levels={}) if f["kind"] == "from-the-news"]
    assert [(f["event"], f["report"]) for f in offered] == [(event.id, report.id)]
    assert f"legation orders propose --from-report {report.id}" in offered[0]["detail"]
    [draft] = svc.propose_from_report(conn, iraq, "iq-nsa", report.id, at=T0)
    assert not [f for f in watch(conn, load_measures_table(), T0, levels={}) if f["kind"] == "from-the-news"]
    assert (draft.state, draft.issuer, draft.recipients) == ("draft", "iq-pm", ["iq-moi"])
    assert draft.measures == ["static-guard", "tightened-security"]
    assert draft.evidence["events"] == [event.id] and draft.evidence["reports"] == [report.id]
    assert "usa-emb-baghdad" in [s.id for s in draft.scope.resolve(read_sites(example_sites_path()).records)]
    with pytest.raises(NotFound, match="no PROTECT event"):
        upsert_report(conn, Report(text="Nothing here.", source="test"))
        svc.propose_from_report(conn, iraq, "iq-pm", Report(text="Nothing here.", source="test").id, at=T0)


# ── the commands ─────────────────────────────────────────────────────────────────────────────────────────────

def test_orders_cli_round_trip(cli):
    assert cli("sites", "import", "--examples").exit_code == 0
    drafted = cli("--as", "iq-pm", "orders", "draft", "--to", "iq-moi", "--select", "kind=diplomatic city=Baghdad",
                  "--measure", "tightened-security,static-guard", "--priority", "flash", "--assessment",
                  "usa-emb-baghdad=5", "--format", "json")
    assert drafted.exit_code == 0, drafted.output
    assert json.loads(drafted.stdout)["evidence"]["assessment"] == {"site": "usa-emb-baghdad", "level": 5}
    assert cli("--as", "iq-pm", "orders", "issue", "ord-0001").exit_code == 0
    refused = cli("--as", "iq-dpd-iz", "orders", "lift", "ord-0001")
    assert refused.exit_code == 1 and "only iq-pm" in refused.stderr and "Traceback" not in refused.output
    nobody = cli("--as", "mallory", "orders", "ack", "ord-0001")
    assert nobody.exit_code == 1 and "acts for no authority" in nobody.stderr
    assert cli("--as", "iq-moi", "orders", "ack", "ord-0001").exit_code == 0
    split = cli("--as", "iq-moi", "orders", "split", "ord-0001", "--to", "iq-dpd-iz", "--format", "json")
    assert split.exit_code == 0 and json.loads(split.stdout)[0]["recipients"] == ["iq-dpd-iz"]
    listed = json.loads(cli("orders", "list", "--state", "issued", "--format", "json").stdout)
    assert [o["ref"] for o in listed] == ["ord-0002@1"]
    shown = json.loads(cli("orders", "show", "ord-0001", "--format", "json").stdout)
    assert shown["state"] == "in-force" and shown["tasks"] == ["ord-0002@1 → iq-dpd-iz: issued"]
    found = json.loads(cli("orders", "watch", "--at", "+3h", "--level", "usa-emb-baghdad=5", "--format",
                           "json").stdout)
    assert {(f["kind"], f.get("recipient") or f.get("site")) for f in found} == {
        ("unacknowledged", "iq-dpd-iz"), ("coverage-gap", "usa-emb-baghdad")}
    assert "iq-dpd-iz" in cli("orders", "authorities").stdout
    assert json.loads(cli("orders", "watch", "--format", "json").stdout) == []  # nothing late yet
    assert cli("audit", "show", "--since", "+1h", "--format", "json").stdout.strip() == "[]"
    shown_log = json.loads(cli("audit", "show", "--actor", "iq-moi", "--format", "json").stdout)
    assert [e["action"] for e in shown_log] == ["order.acknowledge", "order.split"]
    assert cli("audit", "show", "--action", "order", "--limit", "1", "--format", "json").exit_code == 0
    assert json.loads(cli("audit", "verify", "--format", "json").stdout)["ok"] is True


def test_bad_cli_input_is_refused_with_the_reason(cli):
    cli("sites", "import", "--examples")
    for args, words in [(("--select", "kind=castle"), "unknown site kind"), (("--site", "nowhere"), "nowhere"),
                        (("--site", "usa-emb-baghdad", "--measure", "moat"), "unknown protective"),
                        (("--site", "usa-emb-baghdad", "--until", "soon"), "not a date")]:
        result = cli("--as", "iq-pm", "orders", "draft", "--to", "iq-moi", *args,
                     *([] if "--measure" in args else ["--measure", "patrol"]))
        assert result.exit_code == 1 and words in result.stderr


def test_a_refusal_is_one_line_on_stderr(tmp_path):
    db = str(tmp_path / "x.db")
    result = run_legation("--db", db, "--as", "iq-nsa", "orders", "draft", "--to", "iq-moi", "--site", "x",
                          "--measure", "patrol")
    assert result.returncode == 1
    assert result.stderr.strip() == "legation: error: the order names site 'x', which is not in the sites registry"


@pytest.mark.parametrize("text, words", [("levels: {1: [moat]}", "unknown measure 'moat'"),
                                         ("levels: {9: [patrol]}", "level 9 is not on the 1–6 scale"),
                                         ("levels: {one: [patrol]}", "must be a number 1-6"),
                                         ("tiers: {}", "want a mapping `levels`")])
def test_a_bad_measures_table_names_the_file_and_the_problem(tmp_path, text, words):
    path = tmp_path / "table.yaml"
    path.write_text(text)
    with pytest.raises(InputError, match=words) as err:
        load_measures_table(path)
    assert "table.yaml" in err.value.message


def test_a_users_own_measures_table_and_hierarchy_are_used(cli, tmp_path):
    table = tmp_path / "table.json"
    table.write_text(json.dumps({"levels": {"1": [], "2": ["cordon"]}}))
    hierarchy = tmp_path / "h.json"
    hierarchy.write_text(json.dumps({"name": "Ruritania", "authorities": [
        {"id": "chief", "name": "Chief", "kind": "head", "users": ["ana"]},
        {"id": "guards", "name": "Guards", "kind": "unit", "parent": "chief"}]}))
    cli("sites", "import", "--examples")
    made = cli("--as", "ana", "orders", "draft", "--authorities", str(hierarchy), "--to", "guards", "--site",
               "gbr-emb-baghdad", "--measure", "patrol", "--format", "json")
    assert made.exit_code == 0 and json.loads(made.stdout)["issuer"] == "chief"
    found = json.loads(cli("orders", "watch", "--measures-table", str(table), "--level", "gbr-emb-baghdad=2",
                           "--format", "json").stdout)
    assert [(f["kind"], f["site"], f["missing"]) for f in found] == [("coverage-gap", "gbr-emb-baghdad", ["cordon"])]
    listed = json.loads(cli("orders", "authorities", "--authorities", str(hierarchy), "--format", "json").stdout)
    assert [a["id"] for a in listed] == ["chief", "guards"]


def test_only_reported_orders_are_offered_from_the_news(conn, iraq):
    report = Report(text="Base defences shot down a drone. The interior ministry deployed guards.", source="t")
    upsert_report(conn, report)
    place = Place(text="Baghdad", name="Baghdad", country="IRQ", lat=33.3, lon=44.4, precision="city")
    when = TimeSpan(start="2023-10-24", kind="exact")
    shot_down = make_event(type="PROTECT", mode=["counter-drone"], report_id=report.id, location=place, date=when,
                           actors=[Party(text="base defences", kind="military")], recipients=[])
    ministry = make_event(type="PROTECT", mode=["guard"], report_id=report.id, location=place, date=when,
                          actors=[Party(text="The interior ministry", kind="government")], recipients=[])
    upsert_events(conn, [shot_down, ministry])
    offered = watch(conn, load_measures_table(), T0, levels={}, hierarchy=iraq)
    assert [f["event"] for f in offered if f["kind"] == "from-the-news"] == [ministry.id]
    assert not [f for f in watch(conn, load_measures_table(), T0, levels={}) if f["kind"] == "from-the-news"]
