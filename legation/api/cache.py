"""Answers kept until the data they were computed from changes: who holds a token, and the JSON of hot reads (site
status, event search).

Every write to the store appends an entry to the audit chain, so the chain's head sequence number
(`legation.store.audit.head_seq`, read with the token on every request) orders all writes. A kept answer holds the
sequence number it was computed at and what it was computed from (`legation.store.changes.Needs`: the grid cells,
event types, words and days it reads, the sites whose assessment it shows). The writes that matter most (events,
feed imports, assessments) log what they touched in `data_changes`, in the same transaction; each server process
reads the log past the head it last saw (`Recent`, once per new head, not per request), and serves a kept answer
again, byte for byte, while no write since it was computed touched its needs. A new event near one site thus makes
that site's status and the searches that could contain it stale, and no other answer. A write that logs nothing (a
site moved, a user changed) makes every answer stale. Several processes, on one host or several, read the same log,
so none serves an answer older than the last write it should reflect.

Kept answers are per user (a liaison's answers never reach another user) and per request URL. A token's holder is
kept also only until the token expires: revoking a token or deactivating a user is a write, so it is seen at once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import anyio
import anyio.to_thread
import orjson
from fastapi import Request, Response
from pydantic import TypeAdapter
from starlette.concurrency import run_in_threadpool

from legation.domain.users import User
from legation.store.changes import EVERYTHING, Needs, Recent


class Kept:
    """A bounded map of answers by key, the least recently used dropped first; safe across threads."""

    def __init__(self, size: int):
        self.size, self._items, self._lock = size, OrderedDict(), threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def token_holder(kept: Kept, conn, token: str, version: int) -> User:
    """The user holding `token`: from `kept` when looked up at this data version and not yet expired."""
    from legation.store.users import token_holder as look_up

    key = (hashlib.sha256(token.encode()).digest(), version)
    found = kept.get(key)
    if found is not None and found[1] > dt.datetime.now(dt.UTC):
        return found[0]
    user, expires = look_up(conn, token)
    kept.put(key, (user, expires))
    return user


_ADAPTERS: dict[Any, TypeAdapter] = {}


class AsStored:
    """A route's response model whose answers are made of records already in its shape: stored event records, a
    site's and its assessment's `to_dict`, as every write stores them. They are dumped as they are, not validated
    again: pydantic took 0.2 ms to validate a page of 20 events that orjson dumps in 0.012 ms, into the same JSON.
    tests/api/test_answers_as_stored.py holds records from every source (each feed, a curated event, the seed)
    to that."""

    def __init__(self, model: Any):
        self.model = model


def _json(model: Any, compute: Callable[[], Any]) -> bytes:
    """What `compute()` returns as the JSON the route's response model gives: validated and dumped by pydantic, as
    FastAPI would, or (`AsStored`) dumped as it is."""
    if isinstance(model, AsStored):
        return orjson.dumps(compute())
    adapter = _ADAPTERS.get(model)
    if adapter is None:
        adapter = _ADAPTERS[model] = TypeAdapter(model)
    return adapter.dump_json(adapter.validate_python(compute()))


async def answer(request: Request, user: User, model: Any, compute: Callable[[], Any],
                 needs: Callable[[], Needs] | None = None) -> Response:
    """The JSON answer to this GET for this user: kept from an earlier identical request while no write since
    touched what it was computed from, else `compute()`d (it reads the database: `_computing`), dumped
    through `model` and kept. `needs()` (called after `compute`, where it ran, so it may use what compute read)
    says what the answer was computed from; without it, any write makes the answer stale.

    Identical requests arriving while the first is computed wait for its answer instead of computing it again.
    Sends an ETag; a matching If-None-Match gets 304 with no body. The date is part of the key, for answers whose
    default is "as of today". `compute` may raise (a 404, say): nothing is kept, and every waiter gets the error.
    """
    kept: Kept | None = request.app.state.answers
    if kept is None:  # keeping answers is turned off (settings.api_kept_answers = 0)
        return Response(content=await _computing(request.app.state.store, _json, model, compute),
                        media_type="application/json")
    version: int | None = getattr(request.state, "data_version", None)  # read with the token by `current_user`
    if version is None:
        version = await run_in_threadpool(_read_version, request.app.state.store)
    recent = await _recent(request.app.state, version)
    today = dt.date.today()
    key = (user.username, request.url.path, request.url.query, today)
    found = kept.get(key)  # (version computed or last found fresh at, needs, body, etag)
    checked = recent.seen  # read before the test: writes read after it are tested too, or again next time
    if found is not None and not recent.fresh(found[1], found[0]):
        found = None
    elif found is not None and found[0] < checked:
        found = (checked, *found[1:])  # fresh at `checked`: the next test reads only the writes after it
        kept.put(key, found)
    if found is None:
        def make() -> tuple[bytes, Needs]:
            body = _json(model, compute)
            return body, (needs() if needs is not None else EVERYTHING)

        body, wanted = await _computed_once(request.app.state, (*key, version), make)
        tag = hashlib.sha1(f"{user.username} {request.url} {today}".encode()).hexdigest()[:16]
        found = (version, wanted, body, f'W/"{version}-{tag}"')
        kept.put(key, found)
    etag = found[3]
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(content=found[2], media_type="application/json", headers={"ETag": etag})


async def _recent(state: Any, head: int) -> Recent:
    """This process's summary of the change log, read up to `head` (a database read only when `head` is new)."""
    recent: Recent | None = getattr(state, "recent_changes", None)
    if recent is None:
        recent = state.recent_changes = Recent(start=head)  # answers kept from now on are computed at >= head
    if head > recent.seen:
        await run_in_threadpool(_refresh, state.store, recent, head)
    return recent


def _refresh(store, recent: Recent, head: int) -> None:
    with store.connect() as conn:
        recent.refresh(conn, head)


async def _computed_once(state: Any, key: Hashable, make: Callable[[], Any]) -> Any:
    """`make()` (`_computing`), once for all the requests that ask for `key` at the same time."""
    computing = state.computing
    if key in computing:
        return await asyncio.shield(computing[key])
    future = computing[key] = asyncio.get_running_loop().create_future()
    try:
        body = await _computing(state.store, make)
    except BaseException as err:
        future.set_exception(err)
        future.exception()  # retrieved here, so an error nobody else waited for is not logged as lost
        raise
    finally:
        del computing[key]
    future.set_result(body)
    return body


COMPUTING_AT_ONCE = 2
_LIMITERS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter] = weakref.WeakKeyDictionary()


async def _computing(store: Any, func: Callable[..., Any], *args: Any) -> Any:
    """`func(*args)`, which reads the database. On SQLite, on the event loop itself, as the token's holder is read:
    a cold answer is a few indexed reads (under a millisecond of CPU), and a worker thread would only take turns
    with the loop at the GIL, once for every row the driver steps through. Measured with bench/api.py: 3.1 → 2.2 ms
    of server CPU per request with nothing kept, and with a live feed writing (`--writes 10 --write-days latest`)
    a p99 of 1.5-1.7× the reads-only one against 3.0-3.6× in worker threads, in the same conditions.

    On PostgreSQL the reads wait on the network, so they run in worker threads, at most COMPUTING_AT_ONCE at a time
    in this process (one limit per event loop): more threads at once only take turns at the GIL."""
    if store.dialect == "sqlite":
        return func(*args)
    loop = asyncio.get_running_loop()
    limiter = _LIMITERS.get(loop)
    if limiter is None:
        limiter = _LIMITERS[loop] = anyio.CapacityLimiter(COMPUTING_AT_ONCE)
    return await anyio.to_thread.run_sync(func, *args, limiter=limiter)


def _read_version(store) -> int:
    from legation.store.audit import head_seq

    with store.connect() as conn:
        return head_seq(conn)
