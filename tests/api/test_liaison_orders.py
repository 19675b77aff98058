"""A liaison's list of orders: only issued orders covering their own mission's sites, counting only those."""

from __future__ import annotations

from tests.api.conftest import make_order


def _rows(api, role):
    answer = api.get("/api/v1/orders", role)
    assert answer.status_code == 200, answer.text
    return {r["ref"]: r for r in answer.json()["items"]}


def _ref(api, order_id: str) -> str:
    return api.get(f"/api/v1/orders/{order_id}", "commander").json()["ref"]


def test_a_liaison_sees_only_their_sites_of_issued_orders(api):
    both = _ref(api, make_order(api.store, sites=("usa-emb", "eu-del")))
    us_only = _ref(api, make_order(api.store, sites=("usa-emb",)))
    draft = make_order(api.store, sites=("eu-del",), state="draft")
    everyone = _rows(api, "commander")
    assert everyone[both]["sites"] == 2 and us_only in everyone and draft in everyone
    liaison = _rows(api, "liaison")
    assert set(liaison) == {both}
    assert liaison[both]["sites"] == 1
