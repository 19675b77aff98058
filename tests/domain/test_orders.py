"""The order lifecycle and the chain of command as pure rules: every transition, every refusal, with its reason."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legation.domain.authorities import Area, Authority, Hierarchy
from legation.domain.errors import Conflict, Forbidden, InputError, NotFound
from legation.domain.measures import MeasuresTable
from legation.domain.orders import (
    Order,
    Scope,
    Selector,
    acknowledge,
    amend,
    check_authority,
    invariant_violations,
    issue,
    lift,
    report_compliance,
    settle,
    split,
    supersede,
)
from tests.factories import make_site

T0 = dt.datetime(2023, 10, 25, 9, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)


def hierarchy() -> Hierarchy:
    return Hierarchy([
        Authority("pm", "Prime Minister", "head-of-government", jurisdiction=(Area(country="IRQ"),),
                  aliases=("prime minister", "Sudani")),
        Authority("nsa", "National Security Adviser", "adviser", parent="pm", commands=False),
        Authority("moi", "Ministry of Interior", "ministry", parent="pm", aliases=("interior ministry",),
                  users=("minister",)),
        Authority("bgd", "Baghdad unit", "unit", parent="moi", jurisdiction=(Area(city="Baghdad"),)),
        Authority("ebl", "Erbil unit", "unit", parent="moi", jurisdiction=(Area(city="Erbil"),)),
        Authority("bgd-post", "US embassy post", "post", parent="bgd", jurisdiction=(Area(sites=("usa-emb",)),)),
    ], name="test")


SITES = [make_site(id="usa-emb", city="Baghdad"), make_site(id="gbr-emb", city="Baghdad", sending_state="GBR"),
         make_site(id="usa-cg-erbil", kind="consulate", city="Erbil", lat=36.19, lon=43.96),
         make_site(id="base", kind="military-base", city="Anbar", lat=33.8, lon=42.44),
         make_site(id="syr", kind="embassy", city="Damascus", host_country="SYR", lat=33.5, lon=36.3)]
MISSIONS = Scope(selectors=(Selector.parse("kind=diplomatic host_country=IRQ"),))


def draft(**overrides) -> Order:
    fields = dict(id="ord-0001", issuer="pm", recipients=["moi"], scope=MISSIONS,
                  measures=["tightened-security", "static-guard"], valid_from=T0, valid_until=T0 + 30 * 24 * H,
                  supervisor="pm", created_at=T0)
    fields.update(overrides)
    return Order(**fields)


def issued(**overrides) -> Order:
    order = draft(**overrides)
    return issue(order, order.issuer, T0, hierarchy(), order.scope.resolve(SITES))


# ── scope and selectors ──────────────────────────────────────────────────────────────────────────────────────

def test_diplomatic_selector_covers_embassies_and_consulates_of_the_host_country_only():
    assert [s.id for s in MISSIONS.resolve(SITES)] == ["usa-emb", "gbr-emb", "usa-cg-erbil"]
    assert [s.id for s in Scope(selectors=(Selector.parse("sending_state=usa"),)).resolve(SITES)] == \
        ["usa-emb", "usa-cg-erbil", "base", "syr"]
    assert Selector.parse("kind=diplomatic city=Baghdad").text() == \
        "kind=embassy,consulate,mission-office,residence city=Baghdad"


@pytest.mark.parametrize("text, words", [("", "empty"), ("kind=castle", "unknown site kind 'castle'"),
                                         ("colour=red", "want key=value"), ("city", "want key=value")])
def test_bad_selectors_say_what_is_wrong(text, words):
    with pytest.raises(InputError, match=words):
        Selector.parse(text)


def test_a_named_site_that_is_not_registered_is_not_found():
    with pytest.raises(NotFound, match="nowhere"):
        Scope(sites=("nowhere",)).resolve(SITES)


# ── the hierarchy ────────────────────────────────────────────────────────────────────────────────────────────

def test_hierarchy_knows_command_chain_jurisdiction_and_users():
    h = hierarchy()
    assert h.ancestors("bgd-post") == ["bgd", "moi", "pm"]
    assert h.commands("pm", "bgd") and h.commands("moi", "bgd-post")
    assert not h.commands("bgd", "moi") and not h.commands("nsa", "moi") and not h.commands("bgd", "ebl")
    assert h.covers("moi", SITES[2]) and not h.covers("bgd", SITES[2]) and not h.covers("pm", SITES[4])
    assert h.authority_of("minister").id == "moi" and h.authority_of("pm").id == "pm"
    with pytest.raises(Forbidden, match="acts for no authority"):
        h.authority_of("cli:mallory")
    assert h.match("Iraqi Prime Minister Mohammed Shia al-Sudani").id == "pm"


@pytest.mark.parametrize("authorities, words", [
    ([Authority("a", "A", "x"), Authority("a", "A", "x")], "defined twice"),
    ([Authority("a", "A", "x", parent="ghost")], "unknown parent 'ghost'"),
    ([Authority("a", "A", "x", parent="b"), Authority("b", "B", "x", parent="a")], "cycle"),
])
def test_bad_hierarchies_are_refused(authorities, words):
    with pytest.raises(InputError, match=words):
        Hierarchy(authorities)


# ── transitions ──────────────────────────────────────────────────────────────────────────────────────────────

def test_full_lifecycle_draft_issued_acknowledged_in_force_lifted():
    h = hierarchy()
    order = draft(recipients=["moi", "bgd"], valid_from=T0 + 2 * H)
    assert order.state == "draft"
    order = issue(order, "pm", T0, h, order.scope.resolve(SITES))
    assert order.state == "issued" and order.sites == ["usa-emb", "gbr-emb", "usa-cg-erbil"]
    order = acknowledge(order, "moi", T0 + H)
    assert order.state == "issued" and order.unacknowledged() == ["bgd"]
    order = acknowledge(order, "bgd", T0 + H)
    assert order.state == "acknowledged"  # valid only from T0 + 2h
    assert settle(order, T0 + 3 * H).state == "in-force"
    order = report_compliance(settle(order, T0 + 3 * H), "bgd", T0 + 3 * H, "partial", ["static-guard"], "short")
    assert order.compliance[0]["status"] == "partial"
    order = lift(order, "pm", T0 + 4 * H, h, "threat passed")
    assert (order.state, order.close_reason) == ("lifted", "threat passed")
    assert invariant_violations(order) == []


def test_expiry_is_applied_by_time():
    order = issued(valid_until=T0 + 5 * H)
    assert settle(order, T0 + 4 * H).state == "issued"
    expired = settle(order, T0 + 5 * H)
    assert expired.state == "expired" and expired.closed_at == T0 + 5 * H
    with pytest.raises(Conflict, match="it is expired"):
        acknowledge(order, "moi", T0 + 6 * H)


def test_amendment_is_a_new_draft_version_and_supersedes_on_issue():
    h = hierarchy()
    v1 = acknowledge(issued(), "moi", T0 + H)
    v2 = amend(v1, "pm", T0 + 2 * H, h, measures=["tightened-security", "static-guard", "patrol"])
    assert (v2.version, v2.state, v2.acks, v2.measures[-1]) == (2, "draft", {}, "patrol")
    v2 = issue(v2, "pm", T0 + 3 * H, h, v2.scope.resolve(SITES))
    old = supersede(v1, v2, T0 + 3 * H)
    assert (old.state, old.superseded_by) == ("superseded", 2)
    with pytest.raises(Conflict, match="it is superseded"):
        lift(old, "pm", T0 + 4 * H, h)
    draft_v = amend(draft(), "pm", T0, h, title="new title")
    assert (draft_v.version, draft_v.title) == (1, "new title")  # a draft is amended in place


@pytest.mark.parametrize("step, error, words", [
    (lambda o, h: issue(o, "pm", T0, h, SITES[:1]), Conflict, "cannot issue ord-0001@1: it is issued"),
    (lambda o, h: acknowledge(o, "bgd", T0), Forbidden, "bgd is not a recipient"),
    (lambda o, h: acknowledge(acknowledge(o, "moi", T0), "moi", T0), Conflict, "already acknowledged"),
    (lambda o, h: report_compliance(o, "moi", T0, "complied"), Conflict, "must acknowledge"),
    (lambda o, h: report_compliance(acknowledge(o, "moi", T0), "moi", T0, "done"), InputError, "unknown compliance"),
    (lambda o, h: report_compliance(acknowledge(o, "moi", T0), "moi", T0, "partial", ["cordon"]), InputError,
     "does not order cordon"),
    (lambda o, h: lift(o, "moi", T0, h), Forbidden, "only pm .* may lift"),
    (lambda o, h: lift(o, "nsa", T0, h), Forbidden, "may lift"),
    (lambda o, h: lift(lift(o, "pm", T0, h), "pm", T0, h), Conflict, "it is lifted"),
    (lambda o, h: amend(o, "bgd", T0, h, title="x"), Forbidden, "may amend"),
    (lambda o, h: amend(o, "pm", T0, h, issuer="nsa"), InputError, "cannot amend issuer"),
    (lambda o, h: split(o, "moi", T0, h, SITES, ["bgd"], ["ord-9"]), Conflict, "acknowledge .* before splitting"),
    (lambda o, h: split(o, "bgd", T0, h, SITES, ["bgd-post"], ["ord-9"]), Forbidden, "not a recipient"),
])
def test_illegal_steps_on_an_issued_order_are_refused_with_the_reason(step, error, words):
    with pytest.raises(error, match=words):
        step(issued(), hierarchy())


@pytest.mark.parametrize("step, words", [
    (lambda o, h: acknowledge(o, "moi", T0), "cannot acknowledge ord-0001@1: it is draft"),
    (lambda o, h: lift(o, "pm", T0, h), "cannot lift ord-0001@1: it is draft"),
    (lambda o, h: report_compliance(o, "moi", T0, "complied"), "must acknowledge|it is draft"),
])
def test_a_draft_binds_nobody(step, words):
    with pytest.raises(Conflict, match=words):
        step(draft(), hierarchy())


@pytest.mark.parametrize("overrides, words", [
    (dict(issuer="nsa", recipients=["moi"]), "advises and supervises but does not give orders"),
    (dict(issuer="moi", recipients=["pm"]), "pm .* is not under the command of moi"),
    (dict(issuer="bgd", recipients=["ebl"]), "not under the command of bgd"),
    (dict(issuer="pm", recipients=["ghost"]), "no authority 'ghost'"),
    (dict(supervisor="ebl", issuer="bgd", recipients=["bgd-post"], scope=Scope(sites=("usa-emb",))),
     "supervisor ebl .* outside"),
    (dict(issuer="bgd", recipients=["bgd-post"], scope=MISSIONS, supervisor=None),
     "usa-cg-erbil .* outside the jurisdiction of bgd"),
    (dict(issuer="moi", recipients=["bgd"], scope=Scope(sites=("usa-cg-erbil",)), supervisor=None),
     "outside the jurisdiction of every recipient"),
    (dict(scope=Scope(sites=("syr",))), "syr .* outside the jurisdiction of pm"),
    (dict(scope=Scope(selectors=(Selector.parse("city=Atlantis"),))), "matches no registered site"),
])
def test_orders_beyond_the_issuers_authority_are_refused(overrides, words):
    order = draft(**overrides)
    with pytest.raises((Forbidden, InputError, NotFound), match=words):
        check_authority(order, hierarchy(), order.scope.resolve(SITES))


def test_only_the_issuer_issues_and_not_after_expiry():
    h = hierarchy()
    with pytest.raises(Forbidden, match="only the issuer pm"):
        issue(draft(), "moi", T0, h, SITES[:3])
    with pytest.raises(Conflict, match="already have expired"):
        issue(draft(valid_until=T0 + H), "pm", T0 + 2 * H, h, SITES[:3])


@pytest.mark.parametrize("overrides, words", [
    (dict(recipients=[]), "at least one recipient"), (dict(recipients=["moi", "moi"]), "named twice"),
    (dict(recipients=["pm"]), "cannot order itself"), (dict(measures=[]), "at least one measure"),
    (dict(measures=["moat"]), "unknown protective measure 'moat'"), (dict(priority="asap"), "unknown priority"),
    (dict(valid_until=T0 - H), "ends .* before it starts"), (dict(scope=Scope()), "needs a scope"),
])
def test_malformed_orders_are_input_errors(overrides, words):
    with pytest.raises(InputError, match=words):
        draft(**overrides)


def test_split_gives_each_unit_the_sites_in_its_jurisdiction_within_the_parent():
    h = hierarchy()
    parent = acknowledge(issued(), "moi", T0 + H)
    tasks = split(parent, "moi", T0 + 2 * H, h, SITES, ["bgd", "ebl"], ["ord-0002", "ord-0003"], ["static-guard"])
    assert [(t.id, t.recipients, list(t.scope.sites), t.measures, t.parent) for t in tasks] == [
        ("ord-0002", ["bgd"], ["usa-emb", "gbr-emb"], ["static-guard"], "ord-0001@1"),
        ("ord-0003", ["ebl"], ["usa-cg-erbil"], ["static-guard"], "ord-0001@1")]
    task = issue(tasks[0], "moi", T0 + 2 * H, h, tasks[0].scope.resolve(SITES), parent)
    assert task.state == "issued"
    wider = Order.from_dict({**tasks[0].to_dict(), "measures": ["cordon"]})
    with pytest.raises(Forbidden, match="measures ord-0001@1 does not"):
        issue(wider, "moi", T0 + 2 * H, h, wider.scope.resolve(SITES), parent)
    with pytest.raises(Conflict, match="no site of ord-0001@1 lies in the jurisdiction of bgd-post"):
        split(parent, "moi", T0, h, [SITES[1]], ["bgd-post"], ["ord-4"])


def test_a_task_is_never_issued_under_a_lifted_order():
    """Found by the property test: a task still a draft when its order was lifted could be issued afterwards."""
    h = hierarchy()
    parent = acknowledge(issued(), "moi", T0 + H)
    [task, _] = split(parent, "moi", T0 + 2 * H, h, SITES, ["bgd", "ebl"], ["ord-0002", "ord-0003"], ["static-guard"])
    lifted = lift(parent, parent.issuer, T0 + 3 * H, h, "stand down")
    with pytest.raises(Conflict, match="its order ord-0001@1 is lifted"):
        issue(task, "moi", T0 + 4 * H, h, task.scope.resolve(SITES), lifted)


def test_acknowledgement_deadline_follows_priority():
    assert issued(priority="flash").ack_deadline == T0 + H
    assert issued(priority="routine").ack_deadline == T0 + 72 * H
    assert issued(ack_within_hours=3).ack_deadline == T0 + 3 * H


def test_measures_table_coverage():
    table = MeasuresTable({1: (), 3: ("access-control", "static-guard"), 5: ("access-control", "static-guard",
                                                                                "patrol", "checkpoint")})
    assert table.for_level(4) == ("access-control", "static-guard")
    assert table.missing(5, ["static-guard", "access-control", "patrol"]) == ["checkpoint"]
    assert table.covered_level(["static-guard", "access-control"]) == 4
    assert table.covered_level([]) == 2
    with pytest.raises(InputError, match="level 7"):
        MeasuresTable({7: ()})
    with pytest.raises(InputError, match="unknown measure 'moat'"):
        MeasuresTable({2: ("moat",)})


def test_order_round_trips_through_its_dict():
    order = acknowledge(issued(), "moi", T0 + H)
    assert Order.from_dict(order.to_dict()) == order


# ── property: no sequence of operations reaches an invalid state ─────────────────────────────────────────────

ACTORS = ["pm", "nsa", "moi", "bgd", "ebl", "bgd-post"]
OPS = st.lists(st.tuples(st.sampled_from(["ack", "comply", "lift", "amend", "issue", "split", "wait"]),
                         st.sampled_from(ACTORS), st.integers(0, 30)), max_size=25)


@settings(max_examples=300, deadline=None)
@given(OPS, st.sampled_from([["moi"], ["moi", "bgd"], ["bgd", "ebl"]]), st.integers(1, 40))
def test_random_operations_never_reach_an_invalid_state(ops, recipients, hours_valid):
    h = hierarchy()
    order, at, finals = draft(recipients=recipients, valid_until=T0 + hours_valid * H), T0, {}
    for op, actor, hours in ops:
        at = at + hours * H / 4
        before = order.to_dict()
        try:
            if op == "ack":
                order = acknowledge(order, actor, at)
            elif op == "comply":
                order = report_compliance(order, actor, at, "complied")
            elif op == "lift":
                order = lift(order, actor, at, h)
            elif op == "amend":
                new = amend(order, actor, at, h, title=f"v{order.version + 1}")
                if new.version > order.version:
                    new = issue(new, new.issuer, at, h, new.scope.resolve(SITES))
                    finals[order.version] = supersede(order, new, at)
                order = new
            elif op == "issue":
                order = issue(order, actor, at, h, order.scope.resolve(SITES))
            elif op == "split":
                for task in split(order, actor, at, h, SITES, ["bgd", "ebl"], ["t1", "t2"]):
                    assert set(task.scope.sites) <= set(order.sites) and set(task.measures) <= set(order.measures)
            else:
                order = settle(order, at)
        except (Conflict, Forbidden) as err:
            assert err.message and order.to_dict() == before  # refused: nothing changed
        assert invariant_violations(order) == [], (op, actor, order.to_dict())
        if before["state"] in ("lifted", "expired", "superseded"):
            assert order.to_dict() == before  # a closed order never changes
    for old in finals.values():
        assert invariant_violations(old) == [] and old.state in ("superseded", "lifted", "expired")
