"""Every route, called as every role and as nobody: each outcome checked against the table below.

The table is the specification of who may do what over HTTP; it is written out by hand (not derived from the
permission table in the code), so a change to either shows up here. `{...}` in a path is filled per call (a new
id per role for creates). A liaison (of the EU delegation) gets 404 for another mission's site: to them it does not
exist.
"""

from __future__ import annotations

import pytest

from tests.api.conftest import PASSWORD, PEOPLE

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
    "GET /api/v1/reports/{report_id}":           (200, 200, 200, 200, 200, 200, 401),
    "GET /api/v1/events":                        (200, 200, 200, 200, 200, 200, 401),
    "POST /api/v1/events":                       (200, 403, 403, 403, 200, 403, 401),
    "GET /api/v1/events/{event_id}":             (200, 200, 200, 200, 200, 200, 401),
    "GET /api/v1/audit":                         (200, 200, 200, 403, 403, 403, 401),
    "GET /api/v1/audit/verify":                  (200, 200, 200, 403, 403, 403, 401),
}
# Rows that test the same route as another with other path values (need to know).
ALIASES = {"{own_site_id}": "{site_id}"}


def _fill(route: str, role: str | None, ids: dict[str, str]) -> tuple[str, str, dict | None]:
    method, path = route.split(" ", 1)
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
        "POST /api/v1/events": {"doc": f"field-{tag}", "type": "PROTEST", "mode": ["demo"],
                                "evidence": {"sentence": f"Protest seen by {tag}."}},
    }
    return method, path, bodies.get(route)


@pytest.fixture
def ids(api) -> dict[str, str]:
    from legation.domain.users import User
    from legation.store.reports import upsert_report
    from legation.domain.records import Report
    from legation.store.users import add_user, issue_token, token_id

    with api.store.begin() as conn:
        add_user(conn, User("spare", "analyst"))
        spare = token_id(issue_token(conn, "spare"))
        report = Report(text="Rockets struck near the airport.", source="test")
        upsert_report(conn, report)
    event = api.get("/api/v1/events?limit=1").json()["items"][0]["id"]
    return {"site_id": "usa-emb", "own_site_id": "eu-del", "username": "ana1", "token_id": spare,
            "report_id": report.id, "event_id": event}


def test_table_covers_every_route(api):
    documented = {f"{method.upper()} {path}" for path, ops in api.client.app.openapi()["paths"].items()
                  for method in ops}
    tabled = set()
    for route in TABLE:
        for alias, name in ALIASES.items():
            route = route.replace(alias, name)
        tabled.add(route)
    assert documented == tabled


@pytest.mark.parametrize("route", list(TABLE))
def test_every_role_gets_what_the_table_says(api, ids, route):
    seen, expected = {}, {}
    for role, status in zip(ROLES, TABLE[route]):
        method, path, body = _fill(route, role, ids)
        response = api.call(method, path, role, json=body)
        seen[role], expected[role] = response.status_code, status
        if response.status_code >= 400:
            assert set(response.json()) == {"error"}
    assert seen == expected
