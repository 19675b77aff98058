"""Request limits as plain ASGI middleware: body size (413), a per-token rate limit (429), and no NUL bytes in
URLs (400, before any database sees them). Each answers in the API's one error shape."""

from __future__ import annotations

import hashlib
import json
import time

from legation.api.errors import error_body

_HEAVY = (b"POST", b"PUT", b"PATCH", b"DELETE")


async def _send_error(send, status: int, code: str, message: str, headers: list | None = None) -> None:
    body = json.dumps(error_body(code, message)).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


def _encodable(body: bytes) -> bool:
    """False when JSON text decodes to strings no database can store (lone surrogates such as "\\ud800");
    anything else, including invalid JSON (the app answers that with a 422), passes."""
    if b"\\u" not in body:
        return True
    try:
        json.dumps(json.loads(body), ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    except ValueError:
        return True
    return True


class BodyLimit:
    """Refuse bodies over `max_bytes`: by Content-Length up front, or while reading a chunked body (buffered, then
    replayed to the app, so the app never sees a truncated body)."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if b"%00" in scope.get("raw_path", b"") or b"%00" in scope.get("query_string", b"") \
                or "\x00" in scope.get("path", ""):
            return await _send_error(send, 400, "bad_request", "NUL bytes are not allowed in URLs")
        if scope["method"].encode() not in _HEAVY:
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        too_big = f"request body too large (the limit is {self.max_bytes:,} bytes)"
        if length is not None:
            if not length.isdigit():
                return await _send_error(send, 400, "bad_request", "Content-Length is not a number")
            if int(length) > self.max_bytes:
                return await _send_error(send, 413, "too_large", too_big)
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return await _send_error(send, 413, "too_large", too_big)
            chunks.append(chunk)
            more = message.get("more_body", False)
        body, replayed = b"".join(chunks), False
        if body and b"json" in headers.get(b"content-type", b"") and not _encodable(body):
            return await _send_error(send, 400, "bad_request", "the JSON body holds text that is not valid "
                                                               "Unicode (an unpaired surrogate escape)")

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        return await self.app(scope, replay, send)


class RateLimit:
    """A token bucket per API token (per client address without one): `per_minute` sustained, `burst` at once.

    Buckets live in this process; a server with several workers allows each worker its share.
    """

    MAX_BUCKETS = 50_000

    def __init__(self, app, per_minute: int, burst: int):
        self.app, self.rate, self.burst = app, per_minute / 60.0, float(max(1, burst))
        self.buckets: dict[str, tuple[float, float]] = {}

    def _key(self, scope) -> str:
        """The token sent, else the client's address. Signing in is always counted by address, so that inventing
        a new Authorization header per guess does not buy a new allowance of password guesses."""
        client = scope.get("client") or ("?", 0)
        if not scope.get("path", "").endswith("/auth/token"):
            for name, value in scope.get("headers") or []:
                if name == b"authorization":
                    return "t:" + hashlib.sha256(value).hexdigest()
        return f"a:{client[0]}"

    def _take(self, key: str) -> float:
        """0 when allowed; otherwise seconds until the next request would be."""
        now = time.monotonic()
        tokens, last = self.buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens >= 1:
            self.buckets[key] = (tokens - 1, now)
            return 0.0
        self.buckets[key] = (tokens, now)
        return (1 - tokens) / self.rate if self.rate > 0 else 60.0

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or self.rate <= 0:
            return await self.app(scope, receive, send)
        if len(self.buckets) > self.MAX_BUCKETS:
            self.buckets.clear()
        wait = self._take(self._key(scope))
        if wait:
            seconds = max(1, int(wait + 0.999))
            return await _send_error(send, 429, "rate_limited",
                                     f"too many requests: try again in {seconds} s",
                                     [(b"retry-after", str(seconds).encode())])
        return await self.app(scope, receive, send)
