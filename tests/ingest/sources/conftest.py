"""Loopback servers for the live-source tests, and the feeds, pages and exports they serve (all written here).

`site` is an HTTP server on 127.0.0.1 (a random port, threads, stopped after the test) that answers each path from a
table the test edits while it runs: a body, a status, a delay, headers. It honours If-None-Match with a 304, and
logs every request so a test can check what was asked.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import hashlib
import io
import threading
import time
import urllib.parse
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

import pytest

START = dt.datetime(2023, 10, 18, 6, 0, tzinfo=dt.UTC)


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0
    etag: str | None = None  # default: a hash of the body
    headers: dict[str, str] = field(default_factory=dict)


class LoopSite:
    """The server's table of routes and its request log."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.apis: dict[str, Callable[[dict[str, str], dict[str, str]], Route]] = {}  # path → f(query, headers)
        self.log: list[tuple[str, dict[str, str]]] = []
        self.answered: dict[str, float] = {}  # path → when it was last answered (time.perf_counter), for bench/
        self._lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, body: bytes | str, **kwargs) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, **kwargs)
        return self.url(path)

    def asked(self, path: str) -> list[dict[str, str]]:
        """The headers of every request for `path` (without its query)."""
        with self._lock:
            return [h for p, h in self.log if p.split("?", 1)[0] == path]


def _handler(site: LoopSite):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            with site._lock:
                site.log.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            path, _, query = self.path.partition("?")
            route = site.routes.get(self.path) or site.routes.get(path)
            if route is None and path in site.apis:
                headers = {k.lower(): v for k, v in self.headers.items()}
                route = site.apis[path](dict(urllib.parse.parse_qsl(query)), headers)
            if route is None:
                self.send_error(404)
                return
            if route.delay:
                time.sleep(route.delay)
            etag = route.etag or '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
            if route.status == 200 and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            if route.status == 200:
                self.send_header("ETag", etag)
            for key, value in route.headers.items():
                self.send_header(key, value)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)
            site.answered[path] = time.perf_counter()

    return Handler


@pytest.fixture
def site():
    loop = LoopSite()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(loop))
    server.daemon_threads = True
    loop.server = server
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield loop
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


# --------------------------------------------------------------------------------------------------- content
PLACES = [("BAGHDAD", "the Baghdad International Airport complex"), ("ERBIL", "Erbil air base"),
          ("BAGHDAD", "Ain al-Asad air base in Anbar province"), ("ERBIL", "the Harir base"),
          ("BAGHDAD", "Victory Base near Baghdad airport"), ("BAGHDAD", "a checkpoint near Kirkuk"),
          ("BAGHDAD", "Balad air base north of Baghdad"), ("ERBIL", "a base near Erbil airport")]
WEAPONS = ["Two drones", "Three rockets", "A drone", "Two rockets", "Several rockets", "Four drones"]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def story(n: int, day: dt.date = dt.date(2023, 10, 18)) -> tuple[str, str]:
    """(headline, body) of the n-th invented wire report: an attack on a base, dated `day`."""
    city, target = PLACES[n % len(PLACES)]
    weapon = WEAPONS[(n // len(PLACES)) % len(WEAPONS)]
    dateline = f"{city}, {MONTHS[day.month - 1]} {day.day}, {day.year}"
    headline = f"{weapon} hit {target.split(' in ')[0].split(' near ')[0].replace('the ', '')} (report {n})"
    body = (f"{dateline} (Agency) - {weapon} struck {target} on {day.strftime('%A')}, a security official said, "
            f"in the {n + 1}th attack of its kind reported by the agency.\n\n"
            f"No group immediately claimed the attack. Damage was described as limited, the official said, "
            f"and the base's defences were on alert afterwards.")
    return headline, body


BOILERPLATE_NAV = ("<header><nav class='menu'><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li>"
                   "<li><a href='/breaking'>Militants storm the US embassy in Baghdad</a></li>"
                   "<li><a href='/live'>Live: rockets fired at the Green Zone</a></li></ul></nav></header>")
BOILERPLATE_RELATED = ("<aside class='related'><h3>Related stories</h3><ul>"
                       "<li><a href='/r1'>Gunmen attack the French embassy in Baghdad</a></li>"
                       "<li><a href='/r2'>Car bomb kills soldiers at a Kirkuk checkpoint</a></li>"
                       "<li><a href='/r3'>Drone strikes Erbil airport, officials say</a></li></ul></aside>")
BOILERPLATE_FOOTER = ("<footer><p>Most read: Insurgents shell the British consulate in Basra.</p>"
                      "<p>&copy; 2023 The Invented Wire. All rights reserved.</p>"
                      "<ul><li><a href='/about'>About us</a></li><li><a href='/contact'>Contact</a></li></ul>"
                      "</footer>")


def page(headline: str, body: str, *, published: str | None = "2023-10-18", lang: str = "en",
         boilerplate: bool = True) -> str:
    """An article page as a news site serves it: menus, the article, related links, a footer."""
    meta = f'<meta property="article:published_time" content="{published}T08:00:00Z">' if published else ""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
    parts = [f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{escape(headline)} | "
             f"The Invented Wire</title>{meta}<script>var ads = 'Rebels attack convoy';</script></head><body>"]
    if boilerplate:
        parts.append(BOILERPLATE_NAV)
    parts.append(f"<main><article><h1>{escape(headline)}</h1>{paragraphs}</article>")
    if boilerplate:
        parts.append(BOILERPLATE_RELATED)
    parts.append("</main>")
    if boilerplate:
        parts.append(BOILERPLATE_FOOTER)
    parts.append("</body></html>")
    return "".join(parts)


def _rfc822(when: dt.datetime) -> str:
    return email.utils.format_datetime(when)


def rss(items: list[tuple[str, str, dt.datetime]], title: str = "The Invented Wire") -> str:
    """An RSS 2.0 feed of (title, link, published) items."""
    entries = "".join(f"<item><title>{escape(t)}</title><link>{escape(link)}</link><guid>{escape(link)}</guid>"
                      f"<pubDate>{_rfc822(when)}</pubDate><description>{escape(t)}</description></item>"
                      for t, link, when in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>http://127.0.0.1/</link><description>Wire</description>{entries}</channel></rss>")


def atom(items: list[tuple[str, str, dt.datetime]], title: str = "The Invented Wire") -> str:
    entries = "".join(f'<entry><title>{escape(t)}</title><link href="{escape(link)}"/><id>{escape(link)}</id>'
                      f"<updated>{when.isoformat()}</updated><summary>{escape(t)}</summary></entry>"
                      for t, link, when in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>'
            f"{escape(title)}</title><id>urn:wire</id><updated>2023-10-18T00:00:00Z</updated>{entries}</feed>")


def zipped(name: str, text: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, text)
    return out.getvalue()


def lastupdate(site: LoopSite, exports: list[tuple[str, bytes]], *, announce: dict[str, bytes] | None = None
               ) -> str:
    """Serve zipped exports and the update list naming them (`announce` overrides what the list says of one)."""
    lines = []
    for name, data in exports:
        site.put(f"/gdeltv2/{name}", data, content_type="application/zip")
        said = (announce or {}).get(name, data)
        lines.append(f"{len(said)} {hashlib.md5(said).hexdigest()} {site.url('/gdeltv2/' + name)}")
    lines.append(f"100 0123456789abcdef0123456789abcdef {site.url('/gdeltv2/x.mentions.CSV.zip')}")
    return site.put("/gdeltv2/lastupdate.txt", "\n".join(lines) + "\n", content_type="text/plain")


# ---------------------------------------------------------------------------------------------- the watcher
@pytest.fixture(scope="session")
def extractor():
    from legation.extract.pipeline import Extractor

    return Extractor.load()


@pytest.fixture
def make_watcher(store, extractor):
    """A watcher over the test's store on a manual clock (starting at START): tests advance it."""
    from legation.cli.watch import make_watcher as build
    from legation.ingest.sources.clock import ManualClock

    made = []

    def build_one(**kwargs):
        clock = kwargs.pop("clock", None) or ManualClock(START)
        kwargs.setdefault("timeout", 2.0)
        kwargs.setdefault("host_pause", 0.0)
        watcher = build(store, "test", clock=clock, extractor=extractor, **kwargs)
        made.append(watcher)
        return watcher

    yield build_one
    for watcher in made:
        watcher.fetcher.close()


def add(store, kind: str, url: str, *, interval: int | None = None, params: dict | None = None):
    from legation.domain.sources import DEFAULT_INTERVAL, Source
    from legation.store.sources import add_source

    source = Source(kind=kind, url=url, interval=interval or DEFAULT_INTERVAL[kind], params=params or {})
    with store.begin() as conn:
        add_source(conn, source, START)
    return source


def sources(store) -> dict:
    from legation.store.sources import list_sources

    with store.connect() as conn:
        return {s.id: s for s in list_sources(conn)}


def items(store, source_id: str) -> list[dict]:
    from legation.store.sources import list_items

    with store.connect() as conn:
        return list_items(conn, source_id, limit=10_000)
