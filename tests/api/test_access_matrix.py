"""Every route, called as every role and as nobody: each outcome checked against the table below.

The table is the specification of who may do what over HTTP; it is written out by hand (not derived from the
permission table in the code), so a change to either shows up here. `{...}` in a path is filled per call (a new
id per role for creates). A liaison (of the EU delegation) gets 404 for another mission's site: to them it does not
exist.
"""

from __future__ import annotations

import pytest

from tests.api.conftest import PASSWORD, PEOPLE, make_order

ROLES = ["admin", "commander", "operations-officer", "unit-commander", "analyst", "liaison", None]
SITE = {"name": "Test Mission", "kind": "embassy", "sending_state": "JPN", "host_country": "IRQ", "lat": 33.3,
        "lon": 44.4}

# route                                         admin cmdr  ops   unit  anal  liai  nobody
TABLE = {
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
    "GET /api/v1/reports":                       (200, 200, 200, 200, 200, 200, 401),
    "POST /api/v1/reports":                      (201, 403, 403, 403, 201, 403, 401),
    # the report has no event within reach of the EU delegation: to its liaison, it does not exist
    "GET /api/v1/reports/{report_id}":           (200, 200, 200, 200, 200, 404, 401),
    "GET /api/v1/events":                        (200, 200, 200, 200, 200, 200, 401),
    "POST /api/v1/events":                       (200, 403, 403, 403, 200, 403, 401),
    "GET /api/v1/events/{event_id}":             (200, 200, 200, 200, 200, 200, 401),
    "GET /api/v1/orders":                        (200, 200, 200, 200, 200, 200, 401),
    "GET /api/v1/orders/{ref}":                  (200, 200, 200, 200, 200, 404, 401),
    "GET /api/v1/orders/{eu_ref}":               (200, 200, 200, 200, 200, 200, 401),
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
    "GET /api/v1/incidents/{incident_id}":       (200, 200, 200, 200, 200, 200, 401),
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
# Rows that test the same route as another with other path values (need to know).
QUERIES = {"GET /api/v1/actors/resolve": "?text=Kataib%20Hezbollah"}
ALIASES = {"{own_site_id}": "{site_id}", "{spare_user}": "{username}", "{no_incident}": "{incident_id}", "{eu_ref}": "{ref}", "{draft}": "{ref}", "{issued}": "{ref}",
           "{acked}": "{ref}"}
FRESH = ("draft", "issued", "acked")  # a new order in this state for each call


def _fill(route: str, role: str | None, ids: dict[str, str], store) -> tuple[str, str, dict | None]:
    method, path = route.split(" ", 1)
    for state in FRESH:
        if "{" + state + "}" in path:
            path = path.replace("{" + state + "}", make_order(store, state=state))
    tag = (role or "nobody").replace("-", "")
    if method == "PUT" and "{site_id}" in path:
        path = path.replace("{site_id}", f"new-{tag}")
    for key, value in ids.items():
        path = path.replace("{" + key + "}", value)
    bodies = {
        "POST /api/v1/auth/token": {"username": PEOPLE[role or "admin"].username, "password": PASSWORD},
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
    return method, path + QUERIES.get(route, ""), bodies.get(route)


@pytest.fixture
def ids(api) -> dict[str, str]:
    from legation.domain.users import User
    from legation.store.reports import upsert_report
    from legation.domain.records import Report
    from legation.store.incidents import list_incidents, rebuild_incidents
    from legation.store.users import add_user, issue_token, token_id

    with api.store.begin() as conn:
        add_user(conn, User("spare", "analyst"))
        spare = token_id(issue_token(conn, "spare"))
        report = Report(text="Rockets struck near the airport.", source="test")
        upsert_report(conn, report)
        rebuild_incidents(conn)
        incident = list_incidents(conn)[0]["id"]
    event = api.get("/api/v1/events?limit=1").json()["items"][0]["id"]
    return {"site_id": "usa-emb", "own_site_id": "eu-del", "username": "ana1", "spare_user": "spare", "token_id": spare,
            "report_id": report.id, "event_id": event, "ref": make_order(api.store),
            "eu_ref": make_order(api.store, sites=("eu-del",)), "incident_id": incident, "no_incident": "nope",
            "name": "kataib-hezbollah"}


def _documented(app) -> set[str]:
    return {f"{method.upper()} {path}" for path, ops in app.openapi()["paths"].items() for method in ops}


def _route(row: str) -> str:
    for alias, name in ALIASES.items():
        row = row.replace(alias, name)
    return row


def test_table_covers_every_route(api):
    """Every route the API documents has a row (a router whose library is not installed has no routes)."""
    assert _documented(api.client.app) <= {_route(row) for row in TABLE}
    assert len(_documented(api.client.app)) >= 20


@pytest.mark.parametrize("route", list(TABLE))
def test_every_role_gets_what_the_table_says(api, ids, route):
    if _route(route) not in _documented(api.client.app):
        pytest.skip(f"{route}: its library is not installed")
    seen, expected = {}, {}
    api.last = {}
    for role, status in zip(ROLES, TABLE[route]):
        method, path, body = _fill(route, role, ids, api.store)
        response = api.call(method, path, role, json=body)
        seen[role], expected[role] = response.status_code, status
        api.last[role] = response.text[:300]
        if response.status_code >= 400:
            assert set(response.json()) == {"error"}
    assert seen == expected, {role: api.last.get(role) for role in seen if seen[role] != expected[role]}
