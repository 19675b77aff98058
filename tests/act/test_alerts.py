import io
from collections import namedtuple

import pytest

from legation.act.alerts import dispatch, raise_alerts
from legation.domain import InputError, Party, Place
from legation.domain.alerts import Subscription, level_change_alerts
from legation.settings import Settings
from legation.store.alerts import add_subscription, list_alerts
from legation.store.events import upsert_events
from legation.store.sites import upsert_sites
from tests.act.receivers import SmtpReceiver, WebhookReceiver
from tests.factories import make_event, make_site

Change = namedtuple("Change", "site_id at old_level new_level")
EMBASSY = dict(id="usa-emb", name="US Embassy", lat=33.2985, lon=44.3956)


def _drone_strike(km_north: float, **kw):
    return make_event(location=Place(name="Baghdad", country="IRQ", lat=33.2985 + km_north / 111.0, lon=44.3956,
                                     precision="city"), **kw)


def test_radius_is_set_per_event_type(store):
    sub = Subscription(owner="rso", channel="console", target="-", event_radii={"ASSAULT": 10, "PROTEST": 2})
    with store.begin() as conn:
        upsert_sites(conn, [make_site(**EMBASSY)])
        add_subscription(conn, sub)
        near_attack, far_attack = _drone_strike(5), _drone_strike(30)
        demo_4km = _drone_strike(4, type="PROTEST", mode=["demo"])
        alerts = raise_alerts(conn, events=[near_attack, far_attack, demo_4km])
    assert [a.data["event"] for a in alerts] == [near_attack.id]
    assert alerts[0].title.startswith("ASSAULT (drone) 5 km from US Embassy")


def test_each_alert_is_raised_once(store):
    sub = Subscription(owner="rso", channel="console", target="-", event_radii={"ASSAULT": 10})
    event = _drone_strike(1)
    with store.begin() as conn:
        upsert_sites(conn, [make_site(**EMBASSY)])
        add_subscription(conn, sub)
        assert len(raise_alerts(conn, events=[event])) == 1
        assert raise_alerts(conn, events=[event]) == []
        assert len(list_alerts(conn)) == 1


def test_claims_by_chosen_actors():
    sub = Subscription(owner="analyst", channel="console", target="-", claim_actors=["Islamic Resistance in Iraq"])
    claim = make_event(type="CLAIM", mode=[], actors=[Party(text="The Islamic Resistance in Iraq",
                                                            kind="armed_group")])
    other = make_event(type="CLAIM", mode=[], actors=[Party(text="Saraya Awliya al-Dam", kind="armed_group")])
    from legation.domain.alerts import claim_alerts
    assert [a.data["event"] for a in claim_alerts(sub, [claim, other])] == [claim.id]


def test_level_changes_respect_sites_and_minimum_level():
    sub = Subscription(owner="eu", channel="console", target="-", sites=["euu-del"], min_level=4)
    changes = [Change("euu-del", "2023-10-27", 3, 4), Change("euu-del", "2023-10-20", 2, 3),
               Change("usa-emb", "2023-10-27", 3, 5)]
    alerts = level_change_alerts(sub, changes, {"euu-del": "EU Delegation"})
    assert [a.title for a in alerts] == ["EU Delegation: level raised to 4"]


def test_bad_subscriptions_are_refused():
    with pytest.raises(InputError, match="unknown channel 'sms'"):
        Subscription(owner="x", channel="sms", target="1")
    with pytest.raises(InputError, match="http"):
        Subscription(owner="x", channel="webhook", target="ftp://x")
    with pytest.raises(InputError, match="unknown event type 'BOMB'"):
        Subscription(owner="x", channel="console", target="-", event_radii={"BOMB": 5})


def test_dispatch_delivers_by_webhook_and_email_recording_every_attempt(store):
    with WebhookReceiver(fail_first=3) as hook, SmtpReceiver() as smtp:
        with store.begin() as conn:
            upsert_sites(conn, [make_site(**EMBASSY)])
            add_subscription(conn, Subscription(owner="ops", channel="webhook", target=hook.url, secret="k",
                                                event_radii={"ASSAULT": 10}))
            add_subscription(conn, Subscription(owner="rso", channel="email", target="rso@example.org",
                                                event_radii={"ASSAULT": 10}))
            event = _drone_strike(2)
            upsert_events(conn, [event])
            raise_alerts(conn, events=[event])
        settings = Settings(smtp_port=smtp.port, alert_tries=5, alert_backoff=0.01)
        result = dispatch(store, settings)
        assert (result.delivered, result.dead) == (2, 0)
        assert len(hook.requests) == 4 and len(smtp.messages) == 1
        again = dispatch(store, settings)  # nothing pending: nothing sent twice
        assert again.delivered == 0 and len(hook.requests) == 4
    with store.connect() as conn:
        rows = {r["channel"]: r for r in list_alerts(conn)}
    assert rows["webhook"]["attempts"] == 4 and rows["webhook"]["status"] == "delivered"
    assert rows["email"]["attempts"] == 1


def test_dead_letter_after_the_last_try(store):
    with WebhookReceiver(fail_first=99) as hook:
        with store.begin() as conn:
            upsert_sites(conn, [make_site(**EMBASSY)])
            add_subscription(conn, Subscription(owner="ops", channel="webhook", target=hook.url,
                                                event_radii={"ASSAULT": 10}))
            raise_alerts(conn, events=[_drone_strike(2)])
        result = dispatch(store, Settings(alert_tries=3, alert_backoff=0.0))
    assert (result.delivered, result.dead) == (0, 1)
    with store.connect() as conn:
        assert list_alerts(conn, status="dead")[0]["attempts"] == 3


def test_console_channel_prints(store):
    out = io.StringIO()
    with store.begin() as conn:
        upsert_sites(conn, [make_site(**EMBASSY)])
        add_subscription(conn, Subscription(owner="duty", channel="console", target="-",
                                            event_radii={"ASSAULT": 10}))
        raise_alerts(conn, events=[_drone_strike(2)])
    dispatch(store, Settings(), stream=out)
    assert out.getvalue().startswith("ALERT event: ASSAULT (drone) 2 km from US Embassy")


def test_two_dispatchers_at_once_deliver_each_alert_once(store):
    """Two API requests (or the CLI beside the server) dispatching together: every alert arrives exactly once."""
    import threading

    with WebhookReceiver() as hook:
        with store.begin() as conn:
            upsert_sites(conn, [make_site(**EMBASSY)])
            add_subscription(conn, Subscription(owner="ops", channel="webhook", target=hook.url,
                                                event_radii={"ASSAULT": 50}))
            events = [_drone_strike(km) for km in range(1, 21)]
            upsert_events(conn, events)
            assert len(raise_alerts(conn, events=events)) == 20
        results, errors = [], []

        def run():
            try:
                results.append(dispatch(store, Settings(alert_backoff=0.01)))
            except Exception as err:  # noqa: BLE001 - the test reports it
                errors.append(err)

        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert sum(r.delivered for r in results) == 20
        ids = [r["headers"]["X-Legation-Alert"] for r in hook.requests]
        assert len(ids) == 20 and len(set(ids)) == 20
    with store.connect() as conn:
        assert {r["status"] for r in list_alerts(conn)} == {"delivered"}
