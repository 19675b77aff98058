"""`legation serve`: a real server on loopback answers health, OpenAPI and a signed-in request."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import run_legation


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, token: str | None = None):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


@pytest.mark.slow
def test_serve_on_loopback(tmp_path):
    db = str(tmp_path / "serve.db")
    assert run_legation("--db", db, "users", "add", "ana", "--role", "analyst").returncode == 0
    issued = run_legation("--db", db, "users", "token", "ana", "--format", "json")
    token = json.loads(issued.stdout)["token"]
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "legation", "--db", db, "serve", "--port", str(port),
                               "--no-warm-up"],
                              env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                status, body = _get(f"{base}/api/v1/health")
                break
            except OSError:
                time.sleep(0.2)
        assert status == 200 and body["status"] == "ok"
        assert "/api/v1/orders" in _get(f"{base}/openapi.json")[1]["paths"]
        assert _get(f"{base}/api/v1/auth/me", token)[1]["username"] == "ana"
        status, body = _get(f"{base}/api/v1/sites")
        assert status == 401 and body["error"]["code"] == "unauthenticated"
    finally:
        server.terminate()
        server.wait(timeout=20)
