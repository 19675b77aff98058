"""Publishing a bundle to a TAXII 2.1 collection (and reading one back), with taxii2-client.

A bundle larger than the server accepts in one request (its API root's `max_content_length`) goes in several
envelopes, each under the limit; the counts returned are the sums over them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import orjson

from legation.domain.errors import InputError, StoreError

DEFAULT_MAX_BYTES = 10_000_000  # when the API root does not say


def batches(objects: list[dict[str, Any]], max_bytes: int) -> Iterator[bytes]:
    """Envelopes (`{"objects": [...]}` as JSON bytes) of consecutive objects, each at most `max_bytes` long; an
    object too large for any envelope is a clear error."""
    head, tail = b'{"objects":[', b"]}"
    chunk: list[bytes] = []
    size = len(head) + len(tail)
    for obj in objects:
        data = orjson.dumps(obj)
        if len(head) + len(data) + len(tail) > max_bytes:
            raise InputError(f"STIX object {obj.get('id')} is {len(data):,} bytes, more than the TAXII server "
                             f"accepts in one request ({max_bytes:,})")
        if chunk and size + len(data) + 1 > max_bytes:
            yield head + b",".join(chunk) + tail
            chunk, size = [], len(head) + len(tail)
        size += len(data) + (1 if chunk else 0)
        chunk.append(data)
    if chunk:
        yield head + b",".join(chunk) + tail


def _max_bytes(collection_url: str, user: str | None, password: str | None) -> int:
    from taxii2client.v21 import ApiRoot

    root = collection_url.rstrip("/").rsplit("/collections/", 1)[0] + "/"
    try:
        limit = ApiRoot(root, user=user, password=password).max_content_length
    except Exception:  # a server that hides its API root still takes objects: fall back to a common limit
        return DEFAULT_MAX_BYTES
    return min(int(limit), DEFAULT_MAX_BYTES) if limit else DEFAULT_MAX_BYTES


def publish(bundle_json: str, collection_url: str, *, user: str | None = None, password: str | None = None,
            max_bytes: int | None = None) -> dict[str, Any]:
    """Add the bundle's objects to the collection, in as many requests as the server's size limit needs; returns
    the server's status summed over them (`status` is "complete" when every request completed)."""
    from taxii2client.exceptions import TAXIIServiceException
    from taxii2client.v21 import Collection

    objects = orjson.loads(bundle_json).get("objects") or []
    totals = {"status": "complete", "total": 0, "success": 0, "failure": 0, "requests": 0}
    try:
        collection = Collection(collection_url, user=user, password=password)
        if not collection.can_write:
            raise InputError(f"TAXII collection {collection_url} does not accept writes")
        for envelope in batches(objects, max_bytes or _max_bytes(collection_url, user, password)):
            status = collection.add_objects(envelope)
            totals["requests"] += 1
            totals["total"] += status.total_count
            totals["success"] += status.success_count
            totals["failure"] += status.failure_count
            if status.status != "complete":
                totals["status"] = status.status
    except TAXIIServiceException as err:
        raise StoreError(f"TAXII server refused: {err}") from None
    except Exception as err:  # requests' errors (OSErrors too) and the socket's: one clear line, not a traceback
        if getattr(err, "response", None) is not None:  # the server answered, with an HTTP error
            raise StoreError(f"TAXII request failed: {err}") from None
        if isinstance(err, OSError) or type(err).__module__.startswith("requests"):
            raise StoreError(f"TAXII server unreachable at {collection_url}: {err}") from None
        raise
    return totals


def fetch(collection_url: str, *, user: str | None = None, password: str | None = None,
          per_request: int = 100) -> list[dict[str, Any]]:
    """Every object of the collection, page by page."""
    from taxii2client.v21 import Collection, as_pages

    collection = Collection(collection_url, user=user, password=password)
    out: list[dict[str, Any]] = []
    for envelope in as_pages(collection.get_objects, per_request=per_request):
        data = envelope if isinstance(envelope, dict) else json.loads(envelope)
        out += data.get("objects", [])
    return out
