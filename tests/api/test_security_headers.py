"""The whole app (API and pages) answers with the security headers, serves /api/docs from its own files, agrees
with the pages on over-long text, lets a page upload reach LEGATION_MAX_FILE_BYTES, and fails loudly when one of
its modules cannot be imported."""

from __future__ import annotations

import re
import sys

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import PASSWORD, settings_for


def check_headers(response) -> None:
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe" not in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] in ("same-origin", "no-referrer")


@pytest.mark.parametrize("method, path, role, status", [
    ("GET", "/api/v1/health", None, 200),
    ("GET", "/api/v1/sites", None, 401),
    ("GET", "/api/v1/sites", "admin", 200),
    ("GET", "/api/v1/sites/no-such-site", "admin", 404),
    ("GET", "/api/v1/events?limit=-1", "admin", 422),
    ("GET", "/api/v1/no-such-route", "admin", 404),
    ("GET", "/openapi.json", None, 200),
    ("GET", "/api/docs", None, 200),
    ("GET", "/login", None, 200),
    ("GET", "/map", None, 303),
])
def test_every_answer_carries_the_security_headers(api, method, path, role, status):
    r = api.call(method, path, role, follow_redirects=False)
    assert r.status_code == status
    check_headers(r)


def test_answers_from_the_limits_carry_them_too(api, tmp_path, seeded_store):
    from legation.api import create_app

    r = api.call("POST", "/api/v1/reports", "admin", content=b"{" + b" " * (3 * 1024 * 1024) + b"}",
                 headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    check_headers(r)
    limited = TestClient(create_app(settings_for(tmp_path / "api.db", rate=1, api_rate_burst=1), seeded_store))
    answers = [limited.get("/api/v1/health") for _ in range(3)]
    assert answers[-1].status_code == 429
    for r in answers:
        check_headers(r)


def test_the_api_docs_load_only_the_packages_own_files(api):
    from legation.web.build_static import missing

    page = api.get("/api/docs", None)
    assert page.headers["content-type"].startswith("text/html")
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert "/static/web/vendor/swagger-ui-bundle.js" in assets and "/static/web/api-docs.js" in assets
    assert not re.search(r"https?://", page.text)  # no CDN
    assert "<script>" not in page.text  # no inline script: the CSP would block it
    if missing():
        pytest.skip("the browser packages are not built (make setup)")
    for asset in assets:
        if not asset.startswith("data:"):
            assert api.get(asset, None).status_code == 200, asset


def web_client(api) -> TestClient:
    c = api.client
    r = c.post("/login", data={"username": "ana1", "password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 303
    return c


def test_the_api_and_the_ingest_page_refuse_the_same_over_long_text_alike(api, monkeypatch):
    from legation.web import sources

    monkeypatch.setattr(sources, "extractor", lambda: None)
    text = "Drones. " * 125_001  # 1,000,008 characters: over what the language model reads at once
    r = api.call("POST", "/api/v1/reports", "analyst", json={"text": text})
    assert r.status_code == 422
    page = web_client(api).post("/read/preview", data={"text": text},
                                files={"file": ("", b"", "application/octet-stream")})
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert "at most 1,000,000" in page.text


def test_a_page_upload_may_reach_the_file_limit_not_the_apis_body_limit(tmp_path, seeded_store, monkeypatch):
    """LEGATION_MAX_FILE_BYTES above LEGATION_API_MAX_BODY_BYTES (2 MiB): a 3 MiB upload is read; one over the
    file limit is an HTML page saying so; the API keeps its own limit."""
    from legation.api import create_app
    from legation.web import sources

    monkeypatch.setattr(sources, "extractor", lambda: None)
    settings = settings_for(tmp_path / "api.db", max_file_bytes=4 * 1024 * 1024)
    with TestClient(create_app(settings, seeded_store)) as c:
        assert c.post("/login", data={"username": "ana1", "password": PASSWORD}).status_code == 200
        words = b"The convoy passed the checkpoint without incident.\n" * 60_000  # 3.06 MB, 3.06M characters
        r = c.post("/read/preview", files={"file": ("big.txt", words, "text/plain")})
        assert r.status_code != 413 and "larger than" not in r.text  # read: refused only for its length, 422
        assert r.status_code == 422 and "at most 1,000,000" in r.text
        r = c.post("/read/preview", files={"file": ("huge.txt", words * 2, "text/plain")},
                   headers={"hx-request": "true"})
        assert r.status_code == 413 and r.headers["content-type"].startswith("text/html")
        assert "a file may have at most 4,194,304 bytes" in r.text and '<header class="top">' not in r.text
        check_headers(r)
        token = seeded_store.tokens["analyst"]
        r = c.post("/api/v1/reports", content=b'{"text": "' + words[:3_000_000] + b'"}',
                   headers={"content-type": "application/json", "authorization": f"Bearer {token}"})
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"


def test_a_router_that_cannot_be_imported_stops_the_app(tmp_path, seeded_store, monkeypatch):
    import legation.api.routers
    from legation.api import create_app

    monkeypatch.delattr(legation.api.routers, "audit", raising=False)
    monkeypatch.setitem(sys.modules, "legation.api.routers.audit", None)  # importing it now raises ImportError
    with pytest.raises(ImportError):
        create_app(settings_for(tmp_path / "api.db"), seeded_store)


def test_a_web_module_that_cannot_be_imported_stops_the_app(tmp_path, seeded_store, monkeypatch):
    import legation.web
    import legation.web.login  # noqa: F401
    from legation.api import create_app

    monkeypatch.delattr(legation.web, "login")
    monkeypatch.setitem(sys.modules, "legation.web.login", None)
    with pytest.raises(ImportError):
        create_app(settings_for(tmp_path / "api.db"), seeded_store)


def test_other_pages_keep_the_apis_body_limit_and_say_so_in_a_page(api):
    r = api.client.post("/login", content=b"username=" + b"a" * (3 * 1024 * 1024),
                        headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413 and r.headers["content-type"].startswith("text/html")
    assert "request body too large (the limit is 2,097,152 bytes)" in r.text and "upload" not in r.text
    check_headers(r)


def test_images_may_come_from_the_tile_server_only_when_one_is_set(tmp_path, seeded_store):
    from legation.api import create_app

    plain = TestClient(create_app(settings_for(tmp_path / "api.db"), seeded_store)).get("/login")
    assert "img-src 'self' data:;" in plain.headers["content-security-policy"]
    tiles = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    tiled = TestClient(create_app(settings_for(tmp_path / "api.db", tile_url=tiles), seeded_store)).get("/login")
    assert "img-src 'self' data: https://*.tiles.example.org;" in tiled.headers["content-security-policy"]
