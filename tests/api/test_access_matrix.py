"""Who may reach what: every route of the API (read from the app's own /openapi.json) and every web page (read from
the app's routes), called as every role and as nobody, each outcome checked against the tables below.

The tables are the specification of who may do what; they are written out by hand (not derived from the permission
table or the need-to-know rules in the code), so a change to either shows up here, and a route added without a row
fails `test_the_tables_cover_every_route`. `{...}` in a path is filled per call (a new id per role for creates).

Need to know: the liaison is the EU delegation's. Another mission's site, order, task, event, incident or report
is, to them, a thing that does not exist (404, not 403), and so is a draft; the last tests check that searches and
lists do not find them either.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.conftest import PASSWORD, PEOPLE, _place, _when, make_order

ROLES = ["admin", "commander", "operations-officer", "unit-commander", "analyst", "liaison", None]
SITE = {"name": "Test Mission", "kind": "embassy", "sending_state": "JPN", "host_country": "IRQ", "lat": 33.3,
        "lon": 44.4}
TASKS_CHAIN = Path(__file__).with_name("data") / "authorities-tasks.yaml"

# API route                                     admin cmdr  ops   unit  anal  liai  nobody
API = {
    "GET /api/v1/health":                        (200, 200, 200, 200, 200, 200, 200),
    "POST /api/v1/auth/token":                   (201, 201, 201, 201, 201, 201, 201),
    "GET /api/v1/auth/me":                       (200, 200, 200, 200, 200, 200, 401),
    "GET /api/v1/users":                         (200, 403, 403, 403, 403, 403, 401),
    "POST /api/v1/users":                        (201, 403, 403, 403, 403, 403, 401),
    "POST /api/v1/users/{username}/tokens":      (201, 403, 403, 403, 403, 403, 401),
    "DELETE /api/v1/users/{spare_user}":         (204, 403, 403, 403, 403, 403, 401),
    "GET /api/v1/tokens":                        (200, 403, 403, 403, 403, 403, 401),
    "DELETE /api/v1/tokens/{token_id}":          (204, 403, 403, 403, 403, 403, 401),
    "GET /api/v1/sites":                         (200, 200, 200, 200, 200, 200, 401),
    "GET /api/v1/sites/{site_id}":               (200, 200, 200, 200, 200, 404, 401),
    "GET /api/v1/sites/{own_site_id}":           (200, 200, 200, 200, 200, 200, 401),
    "PUT /api/v1/sites/{site_id}":               (200, 403, 200, 403, 403, 403, 401),
    "GET /api/v1/sites/{site_id}/status":        (200, 200, 200, 200, 200, 404, 401),
    "GET /api/v1/sites/{own_site_id}/status":    (200, 200, 200, 200, 200, 200, 401),
    "GET /api/v1/sites/{site_id}/events":        (200, 200, 200, 200, 200, 404, 401),
    "GET /api/v1/sites/{own_site_id}/events":    (200, 200, 200, 200, 200, 200, 401),
    "GET /api/v1/reports":                       (200, 200, 200, 200, 200, 200, 401),
    "POST /api/v1/reports":                      (201, 403, 403, 403, 201, 403, 401),
    # a report whose only event is some 190 km from the EU delegation, and one with an event beside it
    "GET /api/v1/reports/{report_id}":           (200, 200, 200, 200, 200, 404, 401),
    "GET /api/v1/reports/{own_report_id}":       (200, 200, 200, 200, 200, 200, 401),
    "GET /api/v1/events":                        (200, 200, 200, 200, 200, 200, 401),
    "POST /api/v1/events":                       (200, 403, 403, 403, 200, 403, 401),
    "GET /api/v1/events/{event_id}":             (200, 200, 200, 200, 200, 404, 401),
    "GET /api/v1/events/{own_event_id}":         (200, 200, 200, 200, 200, 200, 401),
    "GET /api/v1/orders":                        (200, 200, 200, 200, 200, 200, 401),
    "GET /api/v1/orders/{ref}":                  (200, 200, 200, 200, 200, 404, 401),
    "GET /api/v1/orders/{eu_ref}":               (200, 200, 200, 200, 200, 200, 401),
    "GET /api/v1/orders/{eu_draft}":             (200, 200, 200, 200, 200, 404, 401),
    "GET /api/v1/orders/{us_task}":              (200, 200, 200, 200, 200, 404, 401),
    "GET /api/v1/orders/{eu_task}":              (200, 200, 200, 200, 200, 200, 401),
    # drafting: ops1 drafts in hq's name; only hq (cmd1, admin1) may issue it
    "POST /api/v1/orders":                       (201, 201, 201, 403, 403, 403, 401),
    "POST /api/v1/orders/{draft}/issue":         (200, 200, 403, 403, 403, 403, 401),
    # only a recipient (unit-a, unit1's unit) acknowledges and reports; hq is no recipient
    "POST /api/v1/orders/{issued}/acknowledge":  (403, 403, 403, 200, 403, 403, 401),
    "POST /api/v1/orders/{acked}/compliance":    (403, 403, 403, 200, 403, 403, 401),
    # the issuer (hq) or a superior lifts; the operations room is neither
    "POST /api/v1/orders/{issued}/lift":         (200, 200, 403, 403, 403, 403, 401),
    "POST /api/v1/orders/{issued}/amend":        (200, 200, 403, 403, 403, 403, 401),
    # a recipient splits what it acknowledged; hq received nothing
    "POST /api/v1/orders/{acked}/split":         (403, 403, 403, 403, 403, 403, 401),
    # the report has no PROTECT event to propose from
    "POST /api/v1/orders/propose":               (404, 404, 404, 403, 403, 403, 401),
    "GET /api/v1/incidents":                     (200, 200, 200, 200, 200, 200, 401),
    "GET /api/v1/incidents/{incident_id}":       (200, 200, 200, 200, 200, 404, 401),
    "GET /api/v1/incidents/{own_incident_id}":   (200, 200, 200, 200, 200, 200, 401),
    # the role is checked before the thing: an analyst learns the incident is not there, others may not ask
    "POST /api/v1/incidents/{no_incident}/split": (404, 403, 403, 403, 404, 403, 401),
    "POST /api/v1/incidents/rebuild":            (200, 403, 403, 403, 200, 403, 401),
    "GET /api/v1/actors/resolve":                (200, 200, 200, 200, 200, 200, 401),
    "GET /api/v1/actors/{name}":                 (200, 200, 200, 200, 200, 200, 401),
    "GET /api/v1/assessments":                   (200, 200, 200, 200, 200, 200, 401),
    "POST /api/v1/assessments/run":              (200, 403, 200, 403, 200, 403, 401),
    "GET /api/v1/assessments/{site_id}/history": (200, 200, 200, 200, 200, 404, 401),
    "GET /api/v1/assessments/{own_site_id}/history": (200, 200, 200, 200, 200, 200, 401),
    "GET /api/v1/assessments/{site_id}/changes": (200, 200, 200, 200, 200, 404, 401),
    "GET /api/v1/audit":                         (200, 200, 200, 403, 403, 403, 401),
    "GET /api/v1/audit/verify":                  (200, 200, 200, 403, 403, 403, 401),
}
# Web page                                      admin cmdr  ops   unit  anal  liai  nobody
WEB = {
    "GET /":                                     (303, 303, 303, 303, 303, 303, 303),
    "GET /login":                                (200, 200, 200, 200, 200, 200, 200),
    # each role with its own password; nobody with a wrong one
    "POST /login":                               (303, 303, 303, 303, 303, 303, 401),
    "POST /logout":                              (303, 303, 303, 303, 303, 303, 303),
    "GET /openapi.json":                         (200, 200, 200, 200, 200, 200, 200),
    "GET /api/docs":                             (200, 200, 200, 200, 200, 200, 200),
    "GET /static/web/map.js":                    (200, 200, 200, 200, 200, 200, 200),
    "GET /web/colours.css":                      (200, 200, 200, 200, 200, 200, 200),
    "GET /map":                                  (200, 200, 200, 200, 200, 200, 303),
    "POST /map/assess":                          (303, 403, 303, 403, 303, 403, 303),
    "GET /map/event/{event_id}":                 (200, 200, 200, 200, 200, 404, 303),
    "GET /map/event/{own_event_id}":             (200, 200, 200, 200, 200, 200, 303),
    # the map's data, place names, a site's details beside the map and an incident's page (need to know as above)
    "GET /map/points":                           (200, 200, 200, 200, 200, 200, 303),
    "GET /map/places":                           (200, 200, 200, 200, 200, 200, 303),
    "GET /map/site/{site_id}":                   (200, 200, 200, 200, 200, 404, 303),
    "GET /map/site/{own_site_id}":               (200, 200, 200, 200, 200, 200, 303),
    "GET /map/incident/{incident_id}":           (200, 200, 200, 200, 200, 404, 303),
    "GET /map/incident/{own_incident_id}":       (200, 200, 200, 200, 200, 200, 303),
    "GET /site/{site_id}":                       (200, 200, 200, 200, 200, 404, 303),
    "GET /site/{own_site_id}":                   (200, 200, 200, 200, 200, 200, 303),
    "GET /board":                                (200, 200, 200, 200, 200, 200, 303),
    # ops1 acts for the operations room, which commands no unit (the API lets them draft in hq's name)
    "POST /board/orders":                        (303, 303, 403, 403, 403, 403, 303),
    "POST /board/orders/{draft}/issue":          (303, 303, 403, 403, 403, 403, 303),
    "POST /board/orders/{issued}/acknowledge":   (403, 403, 403, 303, 403, 403, 303),
    # an order's page: a liaison's 404 for another mission's order and for a draft
    "GET /board/orders/{ref}":                   (200, 200, 200, 200, 200, 404, 303),
    "GET /board/orders/{eu_ref}":                (200, 200, 200, 200, 200, 200, 303),
    "GET /board/orders/{eu_draft}":              (200, 200, 200, 200, 200, 404, 303),
    "GET /board/tasks":                          (200, 200, 200, 200, 200, 200, 303),
    # as the API: only the recipient (unit-a) reports; hq received nothing to split; the issuer (hq) lifts, amends
    "POST /board/orders/{acked}/comply":         (403, 403, 403, 303, 403, 403, 303),
    "POST /board/orders/{acked}/split":          (403, 403, 403, 403, 403, 403, 303),
    "POST /board/orders/{issued}/lift":          (303, 303, 403, 403, 403, 403, 303),
    "POST /board/orders/{issued}/amend":         (303, 303, 403, 403, 403, 403, 303),
    "GET /board/reports/{report_id}":            (200, 200, 200, 200, 200, 404, 303),
    "GET /board/reports/{own_report_id}":        (200, 200, 200, 200, 200, 200, 303),
    # the report has no PROTECT event to propose from
    "POST /board/reports/{report_id}/propose":   (404, 404, 404, 403, 403, 403, 303),
    "GET /read":                                 (200, 403, 403, 403, 200, 403, 303),
    # a preview of a text; a confirmation that no preview made is refused, as any role
    "POST /read/preview":                        (200, 403, 403, 403, 200, 403, 303),
    "POST /read/confirm":                        (403, 403, 403, 403, 403, 403, 303),
    # the live feed: everyone signed in, each their own (need to know inside); the stream answers nobody 401
    "GET /live":                                 (200, 200, 200, 200, 200, 200, 303),
    "GET /live/events":                          (200, 200, 200, 200, 200, 200, 401),
    "POST /live/read":                           (303, 303, 303, 303, 303, 303, 303),
}
QUERIES = {"GET /api/v1/actors/resolve": "?text=Kataib%20Hezbollah"}
# Rows that test the same route as another with other path values (need to know).
ALIASES = {"{own_site_id}": "{site_id}", "{spare_user}": "{username}", "{no_incident}": "{incident_id}",
           "{eu_ref}": "{ref}", "{draft}": "{ref}", "{issued}": "{ref}", "{acked}": "{ref}", "{eu_draft}": "{ref}",
           "{us_task}": "{ref}", "{eu_task}": "{ref}", "{own_report_id}": "{report_id}",
           "{own_event_id}": "{event_id}", "{own_incident_id}": "{incident_id}"}
FRESH = ("draft", "issued", "acked")  # a new order in this state for each call
MOUNTED = {"/static/web": "GET /static/web/map.js"}  # static folders: one file of each stands for it


def _fill(route: str, role: str | None, ids: dict[str, str], store) -> tuple[str, str, dict | None, dict | None]:
    method, path = route.split(" ", 1)
    for state in FRESH:
        if "{" + state + "}" in path:
            path = path.replace("{" + state + "}", make_order(store, state=state))
    tag = (role or "nobody").replace("-", "")
    if method == "PUT" and "{site_id}" in path:
        path = path.replace("{site_id}", f"new-{tag}")
    for key, value in ids.items():
        path = path.replace("{" + key + "}", value)
    person = PEOPLE[role or "admin"].username
    bodies = {
        "POST /api/v1/auth/token": {"username": person, "password": PASSWORD},
        "POST /api/v1/users": {"username": f"new-{tag}", "role": "analyst", "password": PASSWORD},
        "POST /api/v1/users/{username}/tokens": {"ttl_days": 1},
        "PUT /api/v1/sites/{site_id}": SITE,
        "POST /api/v1/reports": {"text": f"A report written by {tag}.", "published": "2023-10-25"},
        "POST /api/v1/orders": {"recipients": ["unit-a"], "sites": ["usa-emb"], "measures": ["cordon"],
                                "issuer": "hq", "title": f"drafted by {tag}"},
        "POST /api/v1/orders/{acked}/compliance": {"status": "complied", "note": "cordon in place"},
        "POST /api/v1/orders/{issued}/lift": {"reason": "threat receded"},
        "POST /api/v1/orders/{issued}/amend": {"measures": ["cordon", "patrol"]},
        "POST /api/v1/orders/{acked}/split": {"recipients": ["unit-a"]},
        "POST /api/v1/orders/propose": {"report": ids["report_id"]},
        "POST /api/v1/incidents/{no_incident}/split": {"events": ["abc"]},
        "POST /api/v1/assessments/run": {"at": "2023-10-25"},
        "POST /api/v1/events": {"doc": f"field-{tag}", "type": "PROTEST", "mode": ["demo"],
                                "evidence": {"sentence": f"Protest seen by {tag}."}},
    }
    forms = {
        "POST /login": {"username": person, "password": PASSWORD if role else "not the password", "next": "/map"},
        "POST /map/assess": {"at": "2023-10-25"},
        "POST /board/orders": {"title": f"from the board by {tag}", "recipients": "unit-a", "sites": "usa-emb",
                               "measures": "cordon", "priority": "priority"},
        "POST /read/preview": {"text": "Protesters gathered outside the embassy in Baghdad on Tuesday.",
                               "published": "2023-10-25"},
        "POST /read/confirm": {"draft": "not-a-draft"},
        "POST /board/orders/{acked}/comply": {"status": "complied", "note": "cordon in place"},
        "POST /board/orders/{acked}/split": {"recipients": "unit-a"},
        "POST /board/orders/{issued}/lift": {"reason": "threat receded"},
        "POST /board/orders/{issued}/amend": {"measures": ["cordon", "patrol"]},
    }
    return method, path + QUERIES.get(route, ""), bodies.get(route), forms.get(route)


@pytest.fixture
def ids(api) -> dict[str, str]:
    from legation.act.authorities import load_hierarchy
    from legation.act.orders import acknowledge_order, draft_order, issue_order, split_order
    from legation.domain.orders import Scope
    from legation.domain.records import Report
    from legation.domain.users import User
    from legation.store.events import query_events, upsert_events
    from legation.store.incidents import get_incident, list_incidents, rebuild_incidents
    from legation.store.reports import upsert_report
    from legation.store.users import add_user, issue_token, token_id
    from tests.factories import make_event

    chain = load_hierarchy(TASKS_CHAIN)
    with api.store.begin() as conn:
        add_user(conn, User("spare", "analyst"))
        spare = token_id(issue_token(conn, "spare"))
        far = Report(text="Rockets struck near the airport.", source="test")
        near = Report(text="Protesters gathered outside the EU delegation.", source="test")
        upsert_report(conn, far)
        upsert_report(conn, near)
        upsert_events(conn, [make_event(type="PROTEST", mode=["demo"], report_id=near.id, date=_when("2023-10-21"),
                                        location=_place(33.312, 44.421)),
                             make_event(report_id=far.id, date=_when("2023-10-17"), location=_place(33.79, 42.43))])
        rebuild_incidents(conn)
        placed = {get_incident(conn, i["id"])["lat"] > 33.5: i["id"] for i in list_incidents(conn)}
        by_day = {e.date.start: e.id for e in query_events(conn)}
        both = draft_order(conn, chain, "hq", recipients=["unit-a"], scope=Scope(sites=("usa-emb", "eu-del")),
                           measures=["cordon"], title="over both missions")
        issue_order(conn, chain, "hq", both.ref)
        acknowledge_order(conn, chain, "unit-a", both.id)
        tasks = {t.recipients[0]: t.ref for t in split_order(conn, chain, "unit-a", both.id, ["post-us", "post-eu"])[0]}
    return {"site_id": "usa-emb", "own_site_id": "eu-del", "username": "ana1", "spare_user": "spare",
            "token_id": spare, "report_id": far.id, "own_report_id": near.id, "event_id": by_day["2023-10-18"],
            "own_event_id": by_day["2023-10-20"], "ref": make_order(api.store),
            "eu_ref": make_order(api.store, sites=("eu-del",)),
            "eu_draft": make_order(api.store, sites=("eu-del",), state="draft"), "us_task": tasks["post-us"],
            "eu_task": tasks["post-eu"], "incident_id": placed[True], "own_incident_id": placed[False],
            "no_incident": "nope", "name": "kataib-hezbollah"}


def _routes(app) -> set[str]:
    """Every route the app answers ("METHOD /path"; a static folder as the row that stands for it)."""
    found = set()

    def walk(routes):
        for route in routes:
            contexts = getattr(route, "effective_route_contexts", None)
            if contexts is not None:  # FastAPI's included router
                walk(contexts() if callable(contexts) else contexts)
            elif getattr(route, "methods", None):
                found.update(f"{m} {route.path}" for m in route.methods if m != "HEAD")
            elif getattr(route, "path", None) in MOUNTED:
                found.add(MOUNTED[route.path])
            else:
                raise AssertionError(f"a route the access tables cannot name: {route!r}")
    walk(app.routes)
    return found


def _documented(app) -> set[str]:
    return {f"{method.upper()} {path}" for path, ops in app.openapi()["paths"].items() for method in ops}


def _route(row: str) -> str:
    for alias, name in ALIASES.items():
        row = row.replace(alias, name)
    return row


def test_the_tables_cover_every_route(api):
    """Every route the API documents has a row in API, every other route (pages, their assets) a row in WEB, and
    every row is a route: a new route without its row in the tables fails here."""
    app = api.client.app
    documented = _documented(app)
    assert len(documented) >= 40
    assert {_route(row) for row in API} == documented
    assert {_route(row) for row in WEB} == _routes(app) - documented


def _call(api, route: str, role: str | None, ids: dict[str, str]):
    method, path, body, form = _fill(route, role, ids, api.store)
    cookies = {"Cookie": f"legation_session={api.tokens[role]}"} if role and route in WEB else {}
    headers = api.headers(role) if route in API else {}
    return api.client.request(method, path, headers={**headers, **cookies}, json=body, data=form,
                              follow_redirects=False)


@pytest.mark.parametrize("route", list(API))
def test_every_role_gets_what_the_api_table_says(api, ids, route):
    seen, expected, said = {}, {}, {}
    for role, status in zip(ROLES, API[route], strict=True):
        response = _call(api, route, role, ids)
        seen[role], expected[role], said[role] = response.status_code, status, response.text[:300]
        if response.status_code >= 400:
            assert set(response.json()) == {"error"}
    assert seen == expected, {role: said[role] for role in seen if seen[role] != expected[role]}


@pytest.mark.parametrize("route", list(WEB))
def test_every_role_gets_what_the_web_table_says(api, ids, route):
    seen, expected, said = {}, {}, {}
    for role, status in zip(ROLES, WEB[route], strict=True):
        response = _call(api, route, role, ids)
        seen[role], expected[role], said[role] = response.status_code, status, response.text[:300]
        if status == 303 and role is None and route not in ("GET /", "POST /logout"):
            assert response.headers["location"].startswith("/login")
    assert seen == expected, {role: said[role] for role in seen if seen[role] != expected[role]}


# ── what a liaison finds of another mission's things by search ────────────────────────────────────────────────

def _items(api, path: str, role: str = "liaison") -> list[dict]:
    answer = api.get(path, role)
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


def test_a_liaison_lists_and_searches_only_their_own_missions_things(api, ids):
    def found(path: str, key: str = "id") -> tuple[set, set]:
        return ({i[key] for i in _items(api, path)}, {i[key] for i in _items(api, path, "commander")})

    assert found("/api/v1/sites") == ({"eu-del"}, {"eu-del", "usa-emb"})
    assert found("/api/v1/sites?sending_state=USA")[0] == set()
    far, near = ids["event_id"], ids["own_event_id"]
    for search in ("/api/v1/events", "/api/v1/events?country=IRQ", "/api/v1/events?type=ASSAULT",
                   "/api/v1/events?q=drones", "/api/v1/events?lat=33.8&lon=42.44&km=100",
                   "/api/v1/events?actor=militias", "/api/v1/events?since=2023-10-17"):
        liaison, commander = found(search)
        assert far in commander and far not in liaison, search
    assert near in found("/api/v1/events")[0]
    assert found("/api/v1/events?lat=33.8&lon=42.44&km=100")[0] == set()
    liaison, commander = found("/api/v1/incidents")
    assert ids["incident_id"] in commander and ids["incident_id"] not in liaison
    assert ids["own_incident_id"] in liaison and liaison < commander
    liaison, commander = found("/api/v1/reports")
    assert {ids["report_id"], ids["own_report_id"]} <= commander and liaison == {ids["own_report_id"]}


def test_a_liaison_pages_through_events_within_reach_in_date_order(api, ids):
    every = _items(api, "/api/v1/events?limit=50", "liaison")
    pages = [_items(api, f"/api/v1/events?limit=1&offset={n}", "liaison") for n in range(len(every) + 1)]
    assert [p[0]["id"] for p in pages if p] == [e["id"] for e in every] and pages[-1] == []
    days = [e["date"]["start"] for e in every]
    assert days == sorted(days, reverse=True) and len(every) >= 2


def test_a_liaison_sees_orders_naming_only_their_sites_and_tasks_and_no_drafts(api, ids):
    liaison = {r["ref"]: r for r in _items(api, "/api/v1/orders")}
    commander = {r["ref"]: r for r in _items(api, "/api/v1/orders", "commander")}
    parent = api.get(f"/api/v1/orders/{ids['us_task']}", "commander").json()["parent"]
    assert ids["eu_draft"] in commander and ids["eu_draft"] not in liaison
    assert ids["us_task"] in commander and ids["us_task"] not in liaison and ids["eu_task"] in liaison
    assert commander[parent]["sites"] == 2 and liaison[parent]["sites"] == 1
    assert all(row["state"] != "draft" for row in liaison.values())
    assert _items(api, "/api/v1/orders?state=draft") == [] and _items(api, "/api/v1/orders?state=draft", "commander")
    assert _items(api, "/api/v1/orders?recipient=post-us") == []
    shown = api.get(f"/api/v1/orders/{parent}", "liaison").json()
    assert shown["sites"] == ["eu-del"] and shown["scope"] == {"sites": ["eu-del"], "selectors": []}
    assert [t.split(" ")[0] for t in shown["tasks"]] == [ids["eu_task"]]
    full = api.get(f"/api/v1/orders/{parent}", "commander").json()
    assert sorted(full["sites"]) == ["eu-del", "usa-emb"] and len(full["tasks"]) == 2
    # the board, too: the same order with one site, the EU task, and nothing of the US embassy's
    board = api.client.get("/board", headers={"Cookie": f"legation_session={api.tokens['liaison']}"}).text
    assert ids["eu_task"] in board and parent in board
    for hidden in ("usa-emb", ids["us_task"], ids["eu_draft"], "2 sites"):
        assert hidden not in board, hidden


def test_an_actors_history_shows_a_liaison_only_what_happened_within_reach(api, ids):
    from legation.domain.records import Party
    from legation.store.events import upsert_events
    from tests.factories import make_event

    kh = [Party(text="Kataib Hezbollah", name="Kata'ib Hezbollah", kind="armed_group")]
    near, far = (make_event(actors=kh, location=_place(33.31, 44.41), date=_when("2023-10-22")),
                 make_event(actors=kh, location=_place(33.8, 42.44), date=_when("2023-10-23")))
    with api.store.begin() as conn:
        upsert_events(conn, [near, far])
    seen = {role: {e["id"] for e in api.get("/api/v1/actors/kataib-hezbollah", role).json()["recent_events"]}
            for role in ("liaison", "commander")}
    assert seen == {"liaison": {near.id}, "commander": {near.id, far.id}}


def test_the_map_carries_a_liaison_only_the_events_within_reach(api, ids):
    from itertools import accumulate

    from legation.store.map_points import event_id_at

    def carried(role: str) -> set[str]:  # the map's points carry events by row number
        data = api.client.get("/map/points", headers={"Cookie": f"legation_session={api.tokens[role]}"}).json()
        with api.store.connect() as conn:
            return {event_id_at(conn, pk) for pk in accumulate(data["events"]["pk"])}
    page, full = carried("liaison"), carried("commander")
    assert ids["own_event_id"] in page and ids["event_id"] not in page and ids["event_id"] in full


def test_a_briefing_for_a_liaison_lists_the_orders_in_force_by_the_same_rule(api, ids):
    from legation.act.orders import orders_for_briefing
    from tests.api.conftest import PEOPLE

    with api.store.connect() as conn:
        theirs = orders_for_briefing(conn, {"eu-del", "usa-emb"}, user=PEOPLE["liaison"])
        everyone = orders_for_briefing(conn, {"eu-del", "usa-emb"})
    assert {o["ref"] for o in theirs} < {o["ref"] for o in everyone}
    assert ids["eu_task"] in {o["ref"] for o in theirs} and ids["us_task"] not in {o["ref"] for o in theirs}
    assert all(o["sites"] == ["eu-del"] and o["status"] != "draft" for o in theirs)
