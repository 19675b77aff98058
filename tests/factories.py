"""Small factories for records: a valid default, every field overridable."""

from __future__ import annotations

import itertools

from legation.domain import Event, Evidence, Party, Place, Site, TimeSpan

_n = itertools.count(1)


def make_event(**overrides) -> Event:
    n = next(_n)
    fields = dict(doc=f"doc-{n}", type="ASSAULT", mode=["drone"],
                  actors=[Party(text="Iran-backed militias", kind="armed_group", sponsor="IRN")],
                  recipients=[Party(text="US forces", name="United States Armed Forces", kind="military",
                                    country="USA")],
                  location=Place(text="Ain al-Asad", name="Ain al-Asad Air Base", country="IRQ", lat=33.8,
                                 lon=42.44, precision="site"),
                  date=TimeSpan(start="2023-10-18", end="2023-10-18", precision="day", kind="exact",
                                text="on Wednesday"),
                  evidence=Evidence(sentence=f"Two drones attacked the base ({n}).", start=0, end=40),
                  confidence=0.8)
    fields.update(overrides)
    return Event(**fields)


def make_site(**overrides) -> Site:
    n = next(_n)
    fields = dict(id=f"site-{n}", name=f"Site {n}", kind="embassy", sending_state="USA", host_country="IRQ",
                  city="Baghdad", lat=33.3, lon=44.39)
    fields.update(overrides)
    return Site(**fields)
