"""What the routers share: pagination parameters, the page envelope, documented error responses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import Query

from legation.api.schemas import MAX_OFFSET, MAX_PAGE, ErrorBody

_ERR = {"model": ErrorBody}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {**_ERR, "description": "bad input (the message says what and where)"},
    401: {**_ERR, "description": "no token, or a bad, expired or revoked one"},
    403: {**_ERR, "description": "the role does not allow this"},
    404: {**_ERR, "description": "no such thing (or not visible to this user)"},
    405: {**_ERR, "description": "method not allowed"},
    409: {**_ERR, "description": "the thing's state forbids this"},
    413: {**_ERR, "description": "request body too large"},
    422: {**_ERR, "description": "a field is invalid (`error.field` names it)"},
    429: {**_ERR, "description": "rate limit reached (see Retry-After)"},
    500: {**_ERR, "description": "unexpected error"},
    503: {**_ERR, "description": "database unavailable"},
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The documented error answers of a route (FastAPI's `responses=`), by status code."""
    return {code: ERRORS[code] for code in codes}


@dataclass
class Paging:
    limit: int
    offset: int

    def page(self, rows: Sequence[Any]) -> dict[str, Any]:
        """The envelope for rows fetched with `limit + 1` (one more tells whether there is a next page)."""
        more = len(rows) > self.limit
        return {"items": list(rows[:self.limit]), "limit": self.limit, "offset": self.offset,
                "next_offset": self.offset + self.limit if more else None}

    def slice(self, rows: Sequence[Any]) -> dict[str, Any]:
        """The envelope for a whole list held in memory."""
        return self.page(rows[self.offset:self.offset + self.limit + 1])


async def paging(limit: int = Query(50, ge=1, le=MAX_PAGE, description=f"page size (at most {MAX_PAGE})"),
           offset: int = Query(0, ge=0, le=MAX_OFFSET, description="how many to skip")) -> Paging:
    return Paging(limit, offset)
