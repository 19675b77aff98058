"""The pages' defences over HTTP (no browser): security headers, no inline script or style in any page, forms from
another origin (`Origin: null` included) refused, banners only from a signed flash, clear pages for bad input and
over-long text, the ingest confirmation bound to its preview, and the session cookie's Secure flag behind a proxy."""

from __future__ import annotations

import html as html_lib
import json
import re
import threading
import time

import httpx
import pytest

from legation.domain import Event, Evidence, Place, TimeSpan
from tests.web.seed import PASSWORD

PAGES = {  # path → who opens it
    "/map": "ops1", "/map?all_sites=true": "ops1", "/site/usa-emb-baghdad": "ops1", "/board": "iq-moi",
    "/read": "analyst1", "/login": None, "/site/no-such-site": "ops1", "/map?all_sites=maybe": "ops1",
    "/no-such-page": "ops1", "/static/web/web.css": None, "/web/colours.css": None,
}


def check_headers(response) -> None:
    csp = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe" not in csp  # neither unsafe-inline nor unsafe-eval, for scripts or styles
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] in ("same-origin", "no-referrer")


@pytest.mark.parametrize("path", sorted(PAGES))
def test_every_page_answer_carries_the_security_headers(client, path):
    r = client(PAGES[path]).get(path, follow_redirects=False)
    check_headers(r)


def test_an_anonymous_redirect_and_a_form_refusal_carry_them_too(client):
    check_headers(client().get("/map", follow_redirects=False))
    check_headers(client("ops1").post("/map/assess", headers={"origin": "null"}))


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE_ATTR = re.compile(r"<[^>]+\sstyle\s*=", re.I)


@pytest.mark.parametrize("path", ["/map", "/site/usa-emb-baghdad", "/board", "/read", "/login", "/site/nope"])
def test_no_page_needs_inline_script_or_style(client, path):
    """The CSP forbids them, so a page that used one would break: none does."""
    user = PAGES.get(path, "ops1")
    html = client(user).get(path).text
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html).group(0)
    assert not HANDLER.search(html), HANDLER.search(html).group(0)
    assert not STYLE_ATTR.search(html), STYLE_ATTR.search(html).group(0)
    assert "javascript:" not in html.lower() and "hx-on" not in html


def test_the_colour_rules_cover_every_level_and_type(client):
    from legation.web.context import LEVEL_COLOURS
    from legation.web.map_page import TYPE_COLOURS

    css = client().get("/web/colours.css")
    assert css.headers["content-type"].startswith("text/css")
    for level, colour in LEVEL_COLOURS.items():
        assert f'[data-lv="{level}"] {{ background: {colour}; }}' in css.text
    for kind, colour in TYPE_COLOURS.items():
        assert f".ty-{kind} {{ background: {colour}; }}" in css.text


# ── forms from another origin ────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("origin", ["null", "Null", "http://elsewhere.example", "http://testserver.evil"])
def test_a_form_from_another_origin_is_refused(client, origin):
    anonymous = client()
    r = anonymous.post("/login", data={"username": "ops1", "password": PASSWORD}, headers={"origin": origin},
                       follow_redirects=False)
    assert r.status_code == 403 and "another site" in r.text
    assert "legation_session" not in r.headers.get("set-cookie", "")
    r = client("iq-moi").post("/board/orders", data={"recipients": ["iq-moi-dpd"], "sites": ["usa-emb-baghdad"],
                                                      "measures": ["patrol"]}, headers={"origin": origin})
    assert r.status_code == 403 and "another site" in r.text


@pytest.mark.parametrize("fetch_site", ["cross-site", "same-site"])
def test_a_form_the_browser_marks_as_from_another_site_is_refused(client, fetch_site):
    r = client().post("/login", data={"username": "ops1", "password": PASSWORD},
                      headers={"sec-fetch-site": fetch_site}, follow_redirects=False)
    assert r.status_code == 403 and "another site" in r.text


def test_a_form_from_this_origin_is_accepted(client):
    r = client().post("/login", data={"username": "ops1", "password": PASSWORD},
                      headers={"origin": "http://testserver", "sec-fetch-site": "same-origin"},
                      follow_redirects=False)
    assert r.status_code == 303 and "legation_session=" in r.headers["set-cookie"]


# ── banners ──────────────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("path", ["/board", "/map"])
def test_a_banner_never_comes_from_the_url(client, path):
    html = client("iq-moi").get(path, params={"done": "ord-0002 lifted — stand down"}).text
    assert "stand down" not in html and 'data-testid="done"' not in html


def test_an_action_leaves_its_banner_for_the_next_page_once(client):
    c = client("iq-moi")
    r = c.post("/board/orders", data={"recipients": ["iq-moi-dpd"], "sites": ["usa-emb-baghdad"],
                                      "measures": ["patrol"], "issue_now": "1", "title": "Guard the embassy"},
               follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/board"  # nothing in the URL
    page = c.get("/board").text
    assert re.search(r'data-testid="done">ord-0001@1 issued to iq-moi-dpd</p>', page)
    assert 'data-testid="done"' not in c.get("/board").text  # shown once


def test_a_flash_cookie_from_another_session_or_forged_shows_nothing(client):
    c = client("iq-moi")
    c.post("/board/orders", data={"recipients": ["iq-moi-dpd"], "sites": ["usa-emb-baghdad"],
                                  "measures": ["patrol"], "issue_now": "1"}, follow_redirects=False)
    stolen = c.cookies.get("legation_flash")
    assert stolen
    other = client("iq-moi")  # the same person in another browser: another session, another key
    other.cookies.set("legation_flash", stolen)
    assert 'data-testid="done"' not in other.get("/board").text
    payload, signature = stolen.rsplit(".", 1)
    import base64
    forged = base64.urlsafe_b64encode(json.dumps({"m": "stand down", "exp": 2 ** 40}).encode()).decode()
    c.cookies.set("legation_flash", forged.rstrip("=") + "." + signature)
    assert "stand down" not in c.get("/board").text


# ── bad input is one clear page ──────────────────────────────────────────────────────────────────────────────


def test_a_yes_or_no_parameter_that_is_neither_is_a_400_page(client):
    r = client("ops1").get("/map?all_sites=maybe")
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
    assert "all_sites must be true or false" in r.text and '<header class="top">' in r.text
    assert client("ops1").get("/map?all_sites=1").status_code == 200


def test_an_unknown_page_is_a_page_not_json(client):
    r = client().get("/no-such-page")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "there is no such page" in r.text and not r.text.lstrip().startswith("{")


OVER = 1_000_001


@pytest.mark.parametrize("htmx", [False, True])
def test_a_paste_over_the_models_limit_is_a_422_page(client, monkeypatch, htmx):
    from legation.web import sources

    monkeypatch.setattr(sources, "extractor", lambda: None)
    headers = {"hx-request": "true"} if htmx else {}
    r = client("analyst1").post("/read/preview", data={"text": "Drones. " * (OVER // 8 + 1)},
                                files={"file": ("", b"", "application/octet-stream")}, headers=headers)
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    assert "the language model reads at most 1,000,000 at once" in r.text
    assert ('<header class="top">' in r.text) is not htmx  # in place under htmx, a whole page otherwise


def test_an_arabic_paste_near_the_limit_is_read_not_refused_by_the_form_parser(client, monkeypatch):
    """900,000 two-byte characters: 1.8 MB in one form field, over Starlette's 1 MiB default per field."""
    from legation.web import sources

    monkeypatch.setattr(sources, "extractor", lambda: None)
    text = "هجوم بطائرة مسيرة. " * 47_000
    r = client("analyst1").post("/read/preview", data={"text": text},
                                files={"file": ("", b"", "application/octet-stream")})
    assert r.status_code == 200 and 'data-testid="preview"' in r.text


def test_an_upload_whose_text_is_over_the_models_limit_is_a_422_page(client, monkeypatch):
    from legation.web import sources

    monkeypatch.setattr(sources, "extractor", lambda: None)
    body = ("Drones attacked the base. " * (OVER // 26 + 2)).encode()
    r = client("analyst1").post("/read/preview", files={"file": ("long.txt", body, "text/plain")})
    assert r.status_code == 422 and "at most 1,000,000" in r.text and r.headers["content-type"].startswith("text/html")


# ── the ingest confirmation is bound to its preview ──────────────────────────────────────────────────────────


class DroneExtractor:
    """One ASSAULT event on each sentence that mentions drones (a stand-in for the extractor stage)."""

    def extract(self, report):
        out = []
        for match in re.finditer(r"[^.\n]*drones[^.\n]*\.", report.text):
            out.append(Event(doc=report.doc, report_id=report.id, type="ASSAULT", mode=["drone"],
                             location=Place(text="Ain al-Asad", name="Ain al-Asad", country="IRQ", lat=33.8,
                                            lon=42.44, precision="site"),
                             date=TimeSpan(start="2023-10-18", end="2023-10-18", kind="exact"),
                             evidence=Evidence(sentence=match.group(0).strip(), start=match.start(),
                                               end=match.end())))
        return out


@pytest.fixture
def quiet_ingest(monkeypatch):
    """The stand-in extractor, and no re-assessment or incident work after storing (not what these tests test)."""
    import legation.act.alerts
    import legation.store.incidents
    from legation.web import sources

    monkeypatch.setattr(sources, "extractor", lambda: DroneExtractor())
    monkeypatch.setattr(legation.act.alerts, "after_ingest", lambda *a, **k: {})
    monkeypatch.setattr(legation.store.incidents, "refresh_after", lambda *a, **k: None)


def preview_form(c, text: str) -> dict:
    """The confirmation form a preview of `text` gives, as a browser would post it back."""
    page = c.post("/read/preview", data={"text": text, "published": "2023-10-18"},
                  files={"file": ("", b"", "application/octet-stream")}).text
    form = page.split('action="/read/confirm"', 1)[1].split("</form>", 1)[0]
    fields: dict = {"record": []}
    for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form):
        value = html_lib.unescape(value)
        if name == "record":
            fields["record"].append(value)
        else:
            fields[name] = value
    for i, _ in enumerate(fields["record"]):
        fields[f"keep_{i}"] = "on"
        fields[f"type_{i}"] = "ASSAULT"
        fields[f"mode_{i}"] = "drone"
        fields[f"place_{i}"] = "Ain al-Asad"
    return fields


ARTICLE = "Drones hit a base\n\nTwo drones attacked Ain al-Asad air base on Wednesday. Nobody was hurt."
OTHER = "Drones again\n\nThree drones attacked the base at dawn on Wednesday. Officials confirmed it."


def stored_events(store) -> dict[str, Event]:
    from legation.store.events import query_events

    with store.connect() as conn:
        return {e.id: e for e in query_events(conn)}


def test_a_genuine_confirmation_stores_the_corrected_events_and_audits_their_ids(client, seeded, quiet_ingest):
    from legation.store.audit import entries

    c = client("analyst1")
    form = preview_form(c, ARTICLE)
    form["mode_0"] = "drone, explosives"  # a correction the form offers
    done = c.post("/read/confirm", data=form)
    assert done.status_code == 200 and "1 new event" in done.text
    event_id = json.loads(form["record"][0])["id"]
    assert stored_events(seeded[0])[event_id].mode == ["drone", "explosives"]
    with seeded[0].connect() as conn:
        audit = entries(conn, action="report.confirm")
    assert len(audit) == 1 and audit[0]["actor"] == "analyst1" and audit[0]["after"]["events"] == [event_id]


def tamper(form: dict, **changes) -> dict:
    record = json.loads(form["record"][0])
    record.update(changes)
    return {**form, "record": [json.dumps(record)]}


def test_a_tampered_confirmation_is_refused_and_stores_nothing(client, seeded, quiet_ingest):
    from legation.store.reports import count_reports

    before = stored_events(seeded[0])
    victim_id, victim = next(iter(before.items()))  # an event another report made
    c = client("analyst1")
    form = preview_form(c, ARTICLE)
    attempts = {
        "another report's event id": tamper(form, id=victim_id),
        "moved evidence": tamper(form, evidence={"sentence": "Nothing happened.", "start": 0, "end": 17}),
        "another report": tamper(form, report_id="0" * 32),
        "changed text": {**form, "text": form["text"].replace("Two drones", "Ten drones")},
        "changed title": {**form, "title": "Something else"},
        "no signature": {k: v for k, v in form.items() if k != "draft"},
        "an extra record": {**form, "record": form["record"] * 2, "keep_1": "on"},
    }
    other = preview_form(c, OTHER)
    attempts["another preview's record"] = {**form, "record": other["record"]}
    attempts["another preview's signature"] = {**form, "draft": other["draft"]}
    for what, data in attempts.items():
        r = c.post("/read/confirm", data=data)
        assert r.status_code == 403, what
        assert "does not match the preview" in r.text, what
    assert stored_events(seeded[0]) == before and stored_events(seeded[0])[victim_id] == victim
    with seeded[0].connect() as conn:
        assert count_reports(conn) == 0


def test_a_preview_cannot_be_confirmed_from_another_session(client, seeded, quiet_ingest):
    form = preview_form(client("analyst1"), ARTICLE)
    r = client("analyst1").post("/read/confirm", data=form)  # the same user, another session
    assert r.status_code == 403


# ── the session cookie behind a proxy ─────────────────────────────────────────────────────────────────────────


class Served:
    """uvicorn on loopback trusting `forwarded_allow_ips` for X-Forwarded-Proto (uvicorn's own setting)."""

    def __init__(self, app, forwarded_allow_ips: str):
        import uvicorn

        from tests.web.conftest import free_port

        self.url = f"http://127.0.0.1:{free_port()}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=int(self.url.rsplit(":", 1)[1]),
                                                    log_level="warning", proxy_headers=True,
                                                    forwarded_allow_ips=forwarded_allow_ips))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline and self.thread.is_alive(), "uvicorn did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.mark.parametrize("trusted, proto, secure", [("127.0.0.1", "https", True), ("127.0.0.1", None, False),
                                                      ("10.9.9.9", "https", False)])
def test_the_session_cookie_is_secure_over_https_through_a_trusted_proxy(seeded, trusted, proto, secure):
    from tests.web.conftest import build_app

    store, db, _ = seeded
    with Served(build_app(store, db), trusted) as served:
        headers = {"x-forwarded-proto": proto} if proto else {}
        r = httpx.post(f"{served.url}/login", data={"username": "ops1", "password": PASSWORD}, headers=headers)
    assert r.status_code == 303
    cookie = r.headers["set-cookie"]
    assert cookie.startswith("legation_session=") and "httponly" in cookie.lower()
    assert ("; secure" in cookie.lower()) is secure
