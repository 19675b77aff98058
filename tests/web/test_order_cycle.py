"""The order cycle in the browser's pages: an order's own page, propose from a report, issue, acknowledge, split,
report compliance, amend, lift, and a unit's task list; each step by the role that owns it, and a refusal by one
that does not (over HTTP with the test client; one walk-through in chromium)."""

from __future__ import annotations

import re

import pytest

from tests.web.seed import PASSWORD

SENTENCE = ("Prime Minister Mohammed Shia al-Sudani ordered the interior ministry to protect diplomatic missions "
            "and tighten security around embassies, and said he would supervise it personally.")
# who acts for whom in the shipped example chain of command (legation/act/data/iraq-authorities.yaml)
EXTRA_USERS = (("iq-pm", "commander", None),  # the prime minister's office: issues the PM's orders
               ("moi-duty", "unit-commander", "iq-moi"),  # the ministry's duty officer: acknowledges, reports
               ("iz-chief", "unit-commander", "iq-dpd-iz"))


@pytest.fixture
def chain(seeded):
    """The seeded store plus the users who act for the prime minister, the ministry and the IZ unit, and a stored
    report (the seed article's order) with its PROTECT event; returns the report's id."""
    from legation.domain import Evidence, Party, Place, TimeSpan
    from legation.domain.records import Report
    from legation.domain.users import User
    from legation.store.events import upsert_events
    from legation.store.reports import upsert_report
    from legation.store.users import add_user
    from tests.factories import make_event

    store = seeded[0]
    report = Report(text=f"BAGHDAD, Oct. 25, 2023 - {SENTENCE}", source="test", title="PM orders <b>protection</b>",
                    published="2023-10-25", doc="seed-like")
    event = make_event(type="PROTECT", mode=["guard"], report_id=None, doc="seed-like",
                       actors=[Party(text="Prime Minister Mohammed Shia al-Sudani", kind="government")],
                       recipients=[Party(text="the interior ministry", kind="government")],
                       location=Place(text="Baghdad", name="Baghdad", country="IRQ", lat=33.34, lon=44.40,
                                      precision="city"),
                       date=TimeSpan(start="2023-10-25", end="2023-10-25", precision="day", kind="exact"),
                       evidence=Evidence(sentence=SENTENCE, start=25, end=25 + len(SENTENCE)))
    with store.begin() as conn:
        upsert_report(conn, report)
        event.report_id = report.id
        upsert_events(conn, [event])
        for name, role, unit in EXTRA_USERS:
            add_user(conn, User(name, role, unit=unit), password=PASSWORD)
    return report.id


def order(store, *, issuer="iq-moi", recipients=("iq-moi-dpd",), sites=("usa-emb-baghdad",), state="issued",
          title="Guard the embassy"):
    """An order taken through the library to `state` (draft, issued, acked)."""
    from legation.act.authorities import load_hierarchy
    from legation.act.orders import acknowledge_order, draft_order, issue_order
    from legation.domain.orders import Scope
    from legation.store.audit import acting_as

    chain = load_hierarchy()
    with store.begin() as conn, acting_as("test"):
        made = draft_order(conn, chain, issuer, recipients=list(recipients), scope=Scope(sites=tuple(sites)),
                           measures=["static-guard", "patrol"], title=title)
        if state in ("issued", "acked"):
            made = issue_order(conn, chain, issuer, made.ref)
        if state == "acked":
            for r in recipients:
                made = acknowledge_order(conn, chain, r, made.ref)
    return made.ref


def state_of(html: str) -> str:
    return re.search(r'data-testid="order-state" data-state="([^"]+)"', html).group(1)


def test_propose_from_a_report_then_issue_acknowledge_split_and_comply(client, chain):
    pm = client("iq-pm")
    board = pm.get("/board").text
    assert "Propose from a report" in board and "PM orders &lt;b&gt;protection&lt;/b&gt;" in board
    r = pm.post(f"/board/reports/{chain}/propose")
    assert r.status_code == 200 and "drafted ord-0001@1 from the report" in r.text
    assert "Prime Minister of Iraq" in r.text and state_of(r.text) == "draft"
    assert "tightened-security" in r.text and "kind=embassy,consulate,mission-office,residence" in r.text
    # its evidence: the sentence, the event and a link to its report
    assert f'href="/board/reports/{chain}"' in r.text and "supervise it personally" in r.text
    r = pm.post("/board/orders/ord-0001@1/issue", data={"back": "order"})
    assert "ord-0001@1 issued" in r.text and state_of(r.text) == "issued"
    assert "order.draft" in r.text and "order.issue" in r.text  # the audit trail (a commander reads it)

    duty = client("moi-duty")
    tasks = duty.get("/board/tasks").text
    assert "Tasks of iq-moi (Ministry of Interior)" in tasks and "Acknowledge ord-0001@1" in tasks
    r = duty.post("/board/orders/ord-0001@1/acknowledge", data={"back": "tasks"})
    assert "ord-0001@1 acknowledged by iq-moi" in r.text and "Report compliance with ord-0001@1" in r.text

    ministry = client("iq-moi")  # the ministry's commander tasks its directorate
    page = ministry.get("/board/orders/ord-0001@1").text
    assert "Split ord-0001@1" in page and 'value="iq-moi-dpd"' in page and 'value="iq-moi-fp"' in page
    r = ministry.post("/board/orders/ord-0001@1/split", data={"recipients": ["iq-moi-dpd"]})
    assert "split into ord-0002@1 (iq-moi-dpd)" in r.text
    assert 'href="/board/orders/ord-0002@1"' in r.text

    unit = client("dpd-chief")
    r = unit.post("/board/orders/ord-0002@1/acknowledge", data={"back": "order"})
    assert state_of(r.text) in ("acknowledged", "in-force")
    r = unit.post("/board/orders/ord-0002@1/comply", data={"status": "partial", "measures": ["static-guard"],
                                                          "note": "guards posted at <script>x</script> gates"})
    assert "ord-0002@1: iq-moi-dpd reported partial" in r.text
    assert "guards posted at &lt;script&gt;x&lt;/script&gt; gates" in r.text and "<script>x" not in r.text
    assert 'href="/board/orders/ord-0001@1"' in r.text  # the task names its parent
    r = duty.post("/board/orders/ord-0001@1/comply", data={"status": "complied", "back": "tasks"})
    assert "ord-0001@1: iq-moi reported complied" in r.text and "last report: complied" in r.text


def test_roles_that_may_not_take_a_step_are_refused(client, chain, seeded):
    store = seeded[0]
    draft = order(store, state="draft")
    # only the issuer's own authority issues; an operations officer has no authority here
    r = client("iq-pm").post(f"/board/orders/{draft}/issue", data={"back": "order"})
    assert r.status_code == 403 and "only the issuer iq-moi (Ministry of Interior)" in r.text
    assert 'data-testid="refused"' in r.text and state_of(r.text) == "draft"
    assert client("dpd-chief").post(f"/board/orders/{draft}/issue").status_code == 403
    issued = order(store)
    # a unit commander acknowledges only what is addressed to their unit; the issuer cannot
    r = client("iz-chief").post(f"/board/orders/{issued}/acknowledge", data={"back": "order"})
    assert r.status_code == 403 and "not a recipient" in r.text
    assert client("iq-moi").post(f"/board/orders/{issued}/acknowledge").status_code == 403
    # compliance before acknowledging is a conflict, shown on the page
    r = client("dpd-chief").post(f"/board/orders/{issued}/comply", data={"status": "complied"})
    assert r.status_code == 409 and "must acknowledge" in r.text and state_of(r.text) == "issued"
    assert client("analyst1").post(f"/board/orders/{issued}/comply", data={"status": "complied"}).status_code == 403
    # splitting needs the role to issue, and a recipient that acknowledged
    assert client("dpd-chief").post(f"/board/orders/{issued}/split",
                                    data={"recipients": ["iq-dpd-iz"]}).status_code == 403
    r = client("iq-moi").post(f"/board/orders/{issued}/split", data={"recipients": ["iq-dpd-iz"]})
    assert r.status_code == 403 and "not a recipient" in r.text
    # lifting and amending are the issuer's or a superior's
    r = client("iq-pm").post(f"/board/orders/{issued}/lift", data={"reason": "over"})
    assert "lifted" in r.text and state_of(r.text) == "lifted"  # the prime minister commands the ministry
    again = order(store)
    assert client("ops1").post(f"/board/orders/{again}/lift", data={"reason": "x"}).status_code == 400
    assert client("dpd-chief").post(f"/board/orders/{again}/lift").status_code == 403
    assert client("dpd-chief").post(f"/board/orders/{again}/amend", data={"title": "x"}).status_code == 403
    assert client("analyst1").post(f"/board/reports/{chain}/propose").status_code == 403


def test_amend_drafts_a_new_version_that_supersedes_the_old_once_issued(client, chain, seeded):
    ref = order(seeded[0], state="acked")
    moi = client("iq-moi")
    page = moi.get(f"/board/orders/{ref}").text
    assert "Amend ord-0001@1" in page and "Lift ord-0001@1" in page
    r = moi.post(f"/board/orders/{ref}/amend", data={"title": "Guard and cordon",
                                                     "measures": ["static-guard", "cordon"]})
    assert "ord-0001@2 drafted" in r.text and state_of(r.text) == "draft" and "static-guard, cordon" in r.text
    assert re.search(r"ord-0001@1</a> (in-force|acknowledged)", r.text)
    r = moi.post("/board/orders/ord-0001@2/issue", data={"back": "order"})
    assert state_of(r.text) == "issued" and re.search(r"ord-0001@1</a> superseded", r.text)
    assert "Amend ord-0001@1" not in moi.get("/board/orders/ord-0001@1").text
    r = moi.post("/board/orders/ord-0001@1/amend", data={"title": "again"})
    assert r.status_code == 409 and "already has a newer version ord-0001@2 (issued)" in r.text


def test_lift_by_the_issuer_closes_the_order_and_its_tasks(client, chain, seeded):
    ref = order(seeded[0], recipients=("iq-moi-dpd",), state="acked")
    from legation.act.authorities import load_hierarchy
    from legation.act.orders import split_order
    from legation.store.audit import acting_as

    with seeded[0].begin() as conn, acting_as("test"):
        (task,), _ = split_order(conn, load_hierarchy(), "iq-moi-dpd", ref, ["iq-dpd-iz"])
    r = client("iq-moi").post(f"/board/orders/{ref}/lift", data={"reason": "the threat <i>receded</i>"})
    assert "ord-0001@1 lifted" in r.text and "the threat &lt;i&gt;receded&lt;/i&gt;" in r.text
    assert re.search(rf"{task.ref}</a> → iq-dpd-iz: lifted", r.text)
    assert client("iq-moi").post(f"/board/orders/{ref}/lift").status_code == 409


def test_the_order_page_is_404_for_what_a_liaison_may_not_see(client, chain, seeded):
    store = seeded[0]
    draft = order(store, sites=("euu-del-baghdad",), state="draft")
    us = order(store, sites=("usa-emb-baghdad",))
    eu = order(store, sites=("euu-del-baghdad", "usa-emb-baghdad"), title="Both missions")
    liaison = client("eu-liaison")
    assert liaison.get(f"/board/orders/{draft}").status_code == 404
    assert liaison.get(f"/board/orders/{us}").status_code == 404
    page = liaison.get(f"/board/orders/{eu}")
    assert page.status_code == 200 and "euu-del-baghdad" in page.text and "usa-emb-baghdad" not in page.text
    assert "Audit trail" not in page.text and "Actions" not in page.text
    report = liaison.get(f"/board/reports/{chain}")  # its event is in Baghdad, within reach of the delegation
    assert report.status_code == 200 and "Propose orders" not in report.text
    assert client("ops1").get("/board/orders/ord-0099").status_code == 404
    assert client("ops1").get("/board/orders/<script>").status_code in (404, 422)
    assert "Audit trail" in client("ops1").get(f"/board/orders/{eu}").text


def test_a_unit_commander_sees_its_tasks_and_nobody_elses(client, chain, seeded):
    mine = order(seeded[0], recipients=("iq-moi-dpd",), title="For the directorate")
    order(seeded[0], recipients=("iq-moi-fp",), sites=("usa-emb-baghdad",), title="For the police")
    html = client("dpd-chief").get("/board/tasks").text
    assert f'data-ref="{mine}"' in html and "For the directorate" in html and "For the police" not in html
    assert client("iz-chief").get("/board/tasks").text.count('data-testid="no-tasks"') == 1
    assert "acts for no authority" in client("ops1").get("/board/tasks").text.replace("You act", "acts")


def test_a_report_page_shows_its_text_and_protect_events_as_text(client, chain):
    html = client("iq-pm").get(f"/board/reports/{chain}").text
    assert "PM orders &lt;b&gt;protection&lt;/b&gt;" in html and "Propose orders from this report" in html
    assert "supervise it personally" in html
    assert "Propose orders" not in client("analyst1").get(f"/board/reports/{chain}").text
    assert client("ops1").get("/board/reports/nope").status_code == 404


@pytest.mark.browser
@pytest.mark.slow
def test_propose_issue_acknowledge_split_comply_in_chromium(page_as, live, chain):
    """The seed's order, each step by the role that owns it: the prime minister's office proposes and issues it,
    the ministry's duty officer acknowledges it, the ministry splits it to its directorate, the duty officer and
    the directorate report compliance."""
    from tests.web.conftest import shot

    def signed_in(username):
        page = page_as(username, height=900)  # conftest's sign-in; its context is closed here or at teardown
        return page.context, page

    context, pm = signed_in("iq-pm")
    try:
        pm.goto(f"{live.url}/board")
        pm.get_by_role("link", name="PM orders <b>protection</b>").click()
        pm.get_by_role("button", name="Propose orders from this report").click()
        pm.wait_for_url("**/board/orders/ord-0001@1")
        assert "drafted ord-0001@1" in pm.get_by_test_id("done").inner_text()
        assert pm.get_by_test_id("order-title").inner_text().endswith("PM orders <b>protection</b>")  # as text
        shot(pm, "order-cycle-1-proposed")
        pm.get_by_role("button", name="Issue ord-0001@1").click()
        assert pm.get_by_test_id("order-state").get_attribute("data-state") == "issued"
        shot(pm, "order-cycle-2-issued")
    finally:
        context.close()
    context, duty = signed_in("moi-duty")
    try:
        duty.goto(f"{live.url}/board/tasks")
        duty.get_by_role("button", name="Acknowledge ord-0001@1").click()
        assert "acknowledged by iq-moi" in duty.get_by_test_id("done").inner_text()
        duty.get_by_role("link", name="ord-0001@1").click()
        duty.get_by_label("Status").select_option("complied")
        duty.get_by_label("Note").fill("guards doubled at every mission")
        duty.get_by_role("button", name="Report compliance").click()
        assert "reported complied" in duty.get_by_test_id("done").inner_text()
        assert "guards doubled at every mission" in duty.get_by_test_id("compliance").inner_text()
        shot(duty, "order-cycle-3-complied")
    finally:
        context.close()
    context, ministry = signed_in("iq-moi")
    try:
        ministry.goto(f"{live.url}/board/orders/ord-0001@1")
        ministry.get_by_label("iq-moi-dpd — Diplomatic Protection Directorate").check()
        ministry.get_by_role("button", name="Split ord-0001@1").click()
        assert "split into ord-0002@1 (iq-moi-dpd)" in ministry.get_by_test_id("done").inner_text()
        shot(ministry, "order-cycle-4-split")
    finally:
        context.close()
    context, unit = signed_in("dpd-chief")
    try:
        unit.goto(f"{live.url}/board/tasks")
        unit.get_by_role("button", name="Acknowledge ord-0002@1").click()
        unit.get_by_label("Compliance of ord-0002@1").select_option("partial")
        unit.get_by_label("Note").fill("two posts of four manned")
        unit.get_by_role("button", name="Report compliance with ord-0002@1").click()
        assert "iq-moi-dpd reported partial" in unit.get_by_test_id("done").inner_text()
        assert "last report: partial" in unit.get_by_test_id("task-list").inner_text()
        shot(unit, "order-cycle-5-task-list")
    finally:
        context.close()


def test_bad_input_gets_one_clear_error_on_the_page_never_a_500(client, chain, seeded):
    ref = order(seeded[0], state="acked")
    moi, unit = client("iq-moi"), client("dpd-chief")
    for who, action, form in ((moi, "amend", {"valid_until": "not a date"}),
                              (moi, "amend", {"valid_until": "1999-01-01"}),
                              (moi, "amend", {"measures": ["teleportation"]}),
                              (unit, "comply", {"status": "done-ish"}),
                              (unit, "comply", {"status": "partial", "measures": ["cordon"]}),
                              (unit, "comply", {"status": "partial", "note": "x" * 5000}),
                              (moi, "lift", {"reason": "y" * 5000})):
        r = who.post(f"/board/orders/{ref}/{action}", data=form)
        assert 400 <= r.status_code < 500, (action, form, r.status_code)
        assert 'data-testid="refused"' in r.text and state_of(r.text) in ("acknowledged", "in-force"), (action, form)
    r = client("iq-pm").post("/board/orders/ord-0001@1/split", data={"recipients": ["nobody-here"]})
    assert r.status_code == 403  # the prime minister's office received nothing to split
