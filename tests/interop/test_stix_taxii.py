"""STIX bundles validate, and reach a real TAXII 2.1 server (medallion, on loopback) and come back."""

import json
import shutil
import socket
import subprocess
import sys
import time

import httpx
import pytest

from legation.domain import Evidence, InputError, Party, Place
from legation.interop.stix import EXTENSION_ID, bundle, to_json, validate
from legation.interop.taxii import batches, fetch, publish
from legation.store.events import upsert_events
from legation.store.sites import upsert_sites
from tests.factories import make_event, make_site

COLLECTION = "365fed99-08fa-fdcd-a1b3-fb247eb41d01"


def _events():
    attack = make_event(claimed_by=["Islamic Resistance in Iraq"])
    condemn = make_event(type="ACCUSE", mode=["disapprove"],
                         actors=[Party(text="Sudani", name="Mohammed Shia al-Sudani", kind="person", country="IRQ")],
                         recipients=[], location=Place(name="Iraq", country="IRQ", lat=33.0, lon=44.0,
                                                       precision="country"))
    denied = make_event(negated=True)
    return attack, condemn, denied


def test_bundle_is_valid_stix_and_maps_events_to_the_right_objects():
    attack, condemn, denied = _events()
    text = to_json(bundle([attack, condemn, denied], [make_site(id="usa-emb")]))
    assert validate(text) == []
    objects = json.loads(text)["objects"]
    by_id = {o["id"]: o for o in objects}
    kinds = sorted(o["type"] for o in objects)
    assert kinds.count("incident") == 1 and kinds.count("note") == 1
    incident = next(o for o in objects if o["type"] == "incident")
    assert incident["extensions"][EXTENSION_ID]["event_id"] == attack.id
    rels = {(o["relationship_type"], by_id[o["source_ref"]]["name"], by_id[o["target_ref"]]["name"],
             o.get("description")) for o in objects if o["type"] == "relationship"}
    assert ("related-to", incident["name"], "Islamic Resistance in Iraq", "claimed responsibility") in rels
    assert ("related-to", incident["name"], "United States Armed Forces", "target") in rels
    assert ("targets", "Iran-backed militias", "United States Armed Forces", None) in rels
    assert any(o["type"] == "threat-actor" and o["name"] == "Iran-backed militias" for o in objects)
    ext = [o.get("extensions", {}).get(EXTENSION_ID, {}) for o in objects]
    assert any(e.get("site_id") == "usa-emb" for e in ext)
    assert not any(e.get("event_id") == denied.id for e in ext)
    # the same events give the same ids: re-publishing is idempotent
    assert {o["id"] for o in bundle([attack, condemn], [make_site(id="usa-emb")])["objects"]} == set(by_id)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def taxii_server(tmp_path, request):
    """A medallion server on loopback with one writable collection; its URL. Parametrise (indirect) with the API
    root's max_content_length to make it take small requests only."""
    if shutil.which("medallion", path=str(__import__("pathlib").Path(sys.executable).parent)) is None:
        pytest.skip("medallion is not installed in this environment")
    port = _free_port()
    root = f"http://127.0.0.1:{port}/legation/"
    data = {"/discovery": {"title": "test", "default": root, "api_roots": [root]},
            "legation": {"information": {"title": "Legation test root",
                                         "versions": ["application/taxii+json;version=2.1"],
                                         "max_content_length": getattr(request, "param", 10485760)},
                         "status": [],
                         "collections": [{"id": COLLECTION, "title": "events", "can_read": True, "can_write": True,
                                          "media_types": ["application/stix+json;version=2.1"], "objects": [],
                                          "manifest": []}]}}
    (tmp_path / "data.json").write_text(json.dumps(data))
    (tmp_path / "config.json").write_text(json.dumps({
        "backend": {"module": "medallion.backends.memory_backend", "module_class": "MemoryBackend",
                    "filename": str(tmp_path / "data.json")},
        "users": {"analyst": "s3cret"}, "taxii": {"max_page_size": 100}}))
    proc = subprocess.Popen([str(__import__("pathlib").Path(sys.executable).parent / "medallion"), "--port",
                             str(port), str(tmp_path / "config.json")], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"{root}collections/{COLLECTION}/"
    for _ in range(100):
        try:
            httpx.get(f"http://127.0.0.1:{port}/taxii2/", timeout=0.5)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def test_publish_to_a_real_taxii_server_and_read_back(store, taxii_server):
    attack, condemn, _ = _events()
    with store.begin() as conn:
        upsert_events(conn, [attack, condemn])
        upsert_sites(conn, [make_site(id="usa-emb")])
    text = to_json(bundle([attack, condemn], [make_site(id="usa-emb")]))
    status = publish(text, taxii_server, user="analyst", password="s3cret")
    sent = json.loads(text)["objects"]
    assert status["success"] == len(sent) and status["failure"] == 0
    back = fetch(taxii_server, user="analyst", password="s3cret")
    assert {o["id"] for o in back} == {o["id"] for o in sent}
    again = publish(text, taxii_server, user="analyst", password="s3cret")
    assert again["success"] == 0  # same ids and versions: nothing new


def test_wrong_password_is_one_clear_error(taxii_server):
    from legation.domain import StoreError

    text = to_json(bundle(_events()[:1]))
    with pytest.raises(StoreError, match="TAXII"):
        publish(text, taxii_server, user="analyst", password="wrong")


def test_cli_exports_a_valid_bundle(cli, tmp_path):
    cli("sites", "import", "--examples")
    result = cli("stix", "export")
    assert result.exit_code == 0, result.output
    assert validate(result.stdout) == []
    sites = [o for o in json.loads(result.stdout)["objects"] if "site_id" in o.get("extensions", {}).get(
        EXTENSION_ID, {})]
    assert len(sites) == 20 and all(len(o["country"]) == 2 for o in sites)


def test_the_validator_rejects_a_broken_bundle():
    broken = bundle(_events()[:1])
    incident = next(o for o in broken["objects"] if o["type"] == "incident")
    del incident["name"]
    assert validate(json.dumps(broken))


def test_cli_publishes_to_a_real_taxii_server(cli, taxii_server, monkeypatch):
    cli("sites", "import", "--examples")
    monkeypatch.setenv("LEGATION_TAXII_PASSWORD", "s3cret")
    result = cli("stix", "publish", taxii_server, "--user", "analyst")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "TAXII: 22 of 22 objects accepted (0 refused)"  # 20 sites, producer, extension
    back = fetch(taxii_server, user="analyst", password="s3cret")
    assert sorted(o["type"] for o in back).count("location") == 20


@pytest.mark.parametrize("taxii_server", [20_000], indirect=True)
def test_a_bundle_larger_than_the_server_takes_goes_in_several_requests(taxii_server):
    events = [make_event(evidence=Evidence(sentence=f"Attack {n} on the base. " * 8, start=n, end=n + 5))
              for n in range(40)]
    text = to_json(bundle(events))
    assert len(text) > 3 * 20_000
    status = publish(text, taxii_server, user="analyst", password="s3cret")
    sent = json.loads(text)["objects"]
    assert status["requests"] >= 4 and status["success"] == len(sent) and status["failure"] == 0
    assert sorted(o["id"] for o in fetch(taxii_server, user="analyst", password="s3cret", per_request=50)) == sorted(
        o["id"] for o in sent)


def test_envelopes_stay_under_the_limit_and_keep_every_object_in_order():
    objects = [{"id": f"note--{n}", "content": "x" * (n * 37 % 500)} for n in range(300)]
    envelopes = list(batches(objects, 5_000))
    assert len(envelopes) > 1 and all(len(e) <= 5_000 for e in envelopes)
    assert [o for e in envelopes for o in json.loads(e)["objects"]] == objects
    with pytest.raises(InputError, match="more than the TAXII server accepts"):
        list(batches([{"id": "note--big", "content": "x" * 6_000}], 5_000))


def test_an_unreachable_server_is_one_clear_error():
    from legation.domain import StoreError

    url = f"http://127.0.0.1:{_free_port()}/legation/collections/{COLLECTION}/"
    with pytest.raises(StoreError, match="TAXII server unreachable"):
        publish(to_json(bundle(_events()[:1])), url, user="analyst", password="s3cret")
