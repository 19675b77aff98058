"""An API over a fresh store holding one user (and token) of every role, sites of two missions and a few events."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from legation.domain.users import User
from legation.settings import Settings
from tests.factories import copy_database, make_event, make_site, seeded_template

PEOPLE = {
    "admin": User("admin1", "admin"),
    "commander": User("cmd1", "commander"),
    "operations-officer": User("ops1", "operations-officer"),
    "unit-commander": User("unit1", "unit-commander", unit="unit-a"),
    "analyst": User("ana1", "analyst"),
    "liaison": User("eu1", "liaison", organisation="EUU"),
}
PASSWORD = "a long passphrase"


class Api:
    """A test client plus the token of each role: `api.get(path, role)`; role None sends no token."""

    def __init__(self, client: TestClient, tokens: dict[str, str], store):
        self.client, self.tokens, self.store = client, tokens, store

    def headers(self, role: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"} if role else {}

    def call(self, method: str, path: str, role: str | None = "admin", **kwargs):
        return self.client.request(method, path, headers={**self.headers(role), **kwargs.pop("headers", {})},
                                   **kwargs)

    def get(self, path: str, role: str | None = "admin", **kwargs):
        return self.call("GET", path, role, **kwargs)


def seed(store) -> dict[str, str]:
    from legation.store.events import upsert_events
    from legation.store.sites import upsert_sites
    from legation.store.users import add_user, issue_token

    with store.begin() as conn:
        tokens = {}
        for role, user in PEOPLE.items():
            add_user(conn, user, password=PASSWORD)
            tokens[role] = issue_token(conn, user.username)
        upsert_sites(conn, [make_site(id="usa-emb", name="US Embassy", sending_state="USA", lat=33.298, lon=44.395),
                            make_site(id="eu-del", name="EU Delegation", sending_state="EUU", lat=33.31,
                                      lon=44.42)])
        upsert_events(conn, [make_event(location=_place(33.30, 44.40), date=_when("2023-10-20")),
                             make_event(location=_place(33.8, 42.44), date=_when("2023-10-18"))])
    return tokens


def _place(lat, lon):
    from legation.domain.records import Place
    return Place(text="Baghdad", name="Baghdad", country="IRQ", lat=lat, lon=lon, precision="city")


def _when(day):
    from legation.domain.records import TimeSpan
    return TimeSpan(start=day, end=day, precision="day", kind="exact")


def settings_for(path, **overrides) -> Settings:
    return Settings(db=str(path), api_rate_per_minute=overrides.pop("rate", 0), **overrides)


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory):
    """A seeded database built once; each test gets a copy of it."""
    return seeded_template(tmp_path_factory, "api", seed)


@pytest.fixture
def seeded_store(tmp_path, seeded_db):
    from legation.store import open_store

    template, tokens = seeded_db
    store = open_store(copy_database(template, tmp_path / "api.db"))
    store.tokens = tokens
    yield store
    store.close()


AUTHORITIES = Path(__file__).with_name("data") / "authorities.yaml"


@pytest.fixture(autouse=True)
def chain_of_command(monkeypatch):
    """The test chain of command: hq (cmd1, admin1) over ops-room (ops1) and unit-a (unit1's unit)."""
    monkeypatch.setenv("LEGATION_AUTHORITIES", str(AUTHORITIES))


@pytest.fixture
def api(tmp_path, seeded_store) -> Api:
    from legation.api import create_app

    app = create_app(settings_for(tmp_path / "api.db"), seeded_store)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Api(client, seeded_store.tokens, seeded_store)


def make_order(store, *, sites=("usa-emb",), state="issued") -> str:
    """An order from hq to unit-a over `sites`, taken through the library to `state` (draft, issued, acked)."""
    from legation.act.authorities import load_hierarchy
    from legation.act.orders import acknowledge_order, draft_order, issue_order
    from legation.domain.orders import Scope

    chain = load_hierarchy(AUTHORITIES)
    with store.begin() as conn:
        order = draft_order(conn, chain, "hq", recipients=["unit-a"], scope=Scope(sites=tuple(sites)),
                            measures=["cordon"], title="test order")
        if state in ("issued", "acked"):
            issue_order(conn, chain, "hq", order.ref)
        if state == "acked":
            acknowledge_order(conn, chain, "unit-a", order.id)
    return order.id if state != "draft" else order.ref
