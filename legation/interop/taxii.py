"""Publishing a bundle to a TAXII 2.1 collection (and reading one back), with taxii2-client."""

from __future__ import annotations

import json
from typing import Any

from legation.domain.errors import InputError, StoreError


def publish(bundle_json: str, collection_url: str, *, user: str | None = None, password: str | None = None
            ) -> dict[str, Any]:
    """Add the bundle's objects to the collection; returns the server's status (success/failure counts)."""
    from taxii2client.exceptions import TAXIIServiceException
    from taxii2client.v21 import Collection

    try:
        collection = Collection(collection_url, user=user, password=password)
        if not collection.can_write:
            raise InputError(f"TAXII collection {collection_url} does not accept writes")
        status = collection.add_objects(bundle_json)
    except TAXIIServiceException as err:
        raise StoreError(f"TAXII server refused: {err}") from None
    except OSError as err:
        raise StoreError(f"TAXII server unreachable at {collection_url}: {err}") from None
    except Exception as err:  # requests' HTTPError and friends: one clear line, not a traceback
        if type(err).__module__.startswith("requests"):
            raise StoreError(f"TAXII request failed: {err}") from None
        raise
    return {"status": status.status, "total": status.total_count, "success": status.success_count,
            "failure": status.failure_count}


def fetch(collection_url: str, *, user: str | None = None, password: str | None = None) -> list[dict[str, Any]]:
    from taxii2client.v21 import Collection

    envelope = Collection(collection_url, user=user, password=password).get_objects()
    data = envelope if isinstance(envelope, dict) else json.loads(envelope)
    return data.get("objects", [])
