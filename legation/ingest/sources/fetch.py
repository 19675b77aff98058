"""Polite HTTP: conditional requests (ETag / If-Modified-Since), timeouts, a size limit, one request at a time per
host with a pause between them, and every failure as one `FetchError` naming the URL and what went wrong."""

from __future__ import annotations

import time
import urllib.parse
from dataclasses import dataclass, field

import httpx

from legation.domain.errors import LegationError
from legation.ingest.sources.clock import Clock, SystemClock

USER_AGENT = "Legation/1.0 (threat monitoring for diplomatic missions)"
DEFAULT_TIMEOUT = 20.0  # seconds for one request, connect to last byte
DEFAULT_HOST_PAUSE = 1.0  # seconds between two requests to the same host
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
KEPT_HEADERS = ("etag", "last-modified", "content-type")  # what a run needs of an answer's headers


class FetchError(LegationError):
    """A request that brought nothing usable: no answer, an error status, a body over the limit."""

    code = "fetch_failed"
    status = 502

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after  # seconds the server asked us to wait (Retry-After), if it did


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: a number of seconds, or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        import email.utils

        when = email.utils.parsedate_to_datetime(value)
        import datetime as dt

        return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


@dataclass
class Fetched:
    """One answer: where it came from (after redirects), its status, body and headers (names in lower case)."""

    url: str
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        charset = "utf-8"
        if self.content_type and "charset=" in self.content_type:
            charset = self.content_type.split("charset=", 1)[1].split(";")[0].strip() or "utf-8"
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


class Fetcher:
    """GETs with the house rules. `deadline` (on the clock's monotonic scale) bounds a whole job of requests."""

    def __init__(self, clock: Clock | None = None, *, timeout: float = DEFAULT_TIMEOUT,
                 max_bytes: int = DEFAULT_MAX_BYTES, host_pause: float = DEFAULT_HOST_PAUSE,
                 client: httpx.Client | None = None):
        self.clock = clock or SystemClock()
        self.timeout, self.max_bytes, self.host_pause = timeout, max_bytes, host_pause
        self.client = client or httpx.Client(follow_redirects=True, headers={"User-Agent": USER_AGENT},
                                             trust_env=False)
        self._last: dict[str, float] = {}  # host → when its last request ended (clock.monotonic)
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def _wait_for_host(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self.host_pause - (self.clock.monotonic() - last)
            if wait > 0:
                self.clock.sleep(wait)

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            params: dict | None = None, headers: dict | None = None, deadline: float | None = None,
            max_bytes: int | None = None) -> Fetched:
        """The answer to one GET (304 when the validators still hold), or a `FetchError`."""
        limit = max_bytes or self.max_bytes
        host = urllib.parse.urlsplit(url).netloc
        self._wait_for_host(host)
        timeout = self.timeout
        if deadline is not None:
            timeout = min(timeout, deadline - self.clock.monotonic())
            if timeout <= 0:
                raise FetchError(f"{url}: the job ran out of time before this request")
        sent = dict(headers or {})
        if etag:
            sent["If-None-Match"] = etag
        if last_modified:
            sent["If-Modified-Since"] = last_modified
        started = time.monotonic()
        self.requests += 1
        try:
            with self.client.stream("GET", url, params=params, headers=sent, timeout=timeout) as answer:
                if answer.status_code == 304:
                    return Fetched(str(answer.url), 304, b"", _validators(etag, last_modified))
                if answer.status_code >= 400:
                    wait = _retry_after(answer.headers.get("retry-after"))
                    raise FetchError(f"{url}: HTTP {answer.status_code}"
                                     + (f" (asked to wait {wait:.0f} s)" if wait else ""), retry_after=wait)
                declared = answer.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise FetchError(f"{url}: too large ({int(declared):,} bytes; the limit is {limit:,})")
                chunks, size = [], 0
                for chunk in answer.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(f"{url}: too large (over the limit of {limit:,} bytes)")
                    if time.monotonic() - started > timeout:
                        raise FetchError(f"{url}: no complete answer within {timeout:.0f} s")
                    chunks.append(chunk)
                return Fetched(str(answer.url), answer.status_code, b"".join(chunks),
                               {k: answer.headers[k] for k in KEPT_HEADERS if k in answer.headers})
        except httpx.TimeoutException:
            raise FetchError(f"{url}: no answer within {timeout:.0f} s") from None
        except httpx.HTTPError as err:
            raise FetchError(f"{url}: {type(err).__name__}: {err}") from None
        finally:
            self._last[host] = self.clock.monotonic()


def _validators(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """A 304 answer keeps the validators the request sent (the page they stand for has not changed)."""
    return {k: v for k, v in (("etag", etag), ("last-modified", last_modified)) if v}
