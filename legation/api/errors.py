"""One JSON error shape for every error the API returns: `{"error": {"code", "message", "field"?}}`.

A `LegationError` keeps its status and code (400 bad_input, 401 unauthenticated, 403 forbidden, 404 not_found,
409 conflict, 503 store_unavailable); a validation failure is 422 naming the field (`query.limit`, `body.text`);
routing errors (404, 405) and anything unforeseen (500) take the same shape.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from legation.domain.errors import LegationError

log = logging.getLogger("legation.api")

CODES = {400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
         422: "invalid", 429: "rate_limited", 500: "internal", 503: "store_unavailable"}


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if field:
        error["field"] = field
    return {"error": error}


def error_response(status: int, message: str, *, code: str | None = None, field: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code or CODES.get(status, "error"), message, field), status_code=status,
                        headers=headers)


def _field(loc: tuple | list) -> str:
    return ".".join(str(part) for part in loc)


async def _legation_error(_request: Request, err: LegationError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if err.status == 401 else None
    return error_response(err.status, err.message, code=err.code, headers=headers)


async def _validation_error(_request: Request, err: RequestValidationError) -> JSONResponse:
    problems = err.errors()
    first = problems[0] if problems else {"loc": (), "msg": "invalid request"}
    field = _field(first.get("loc", ()))
    message = str(first.get("msg", "invalid value"))
    if len(problems) > 1:
        message += f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})"
    return error_response(422, f"{field}: {message}" if field else message, field=field or None)


async def _http_error(_request: Request, err: StarletteHTTPException) -> JSONResponse:
    message = err.detail if isinstance(err.detail, str) else CODES.get(err.status_code, "error")
    if err.status_code == 404 and message == "Not Found":
        message = "no such resource"
    return error_response(err.status_code, message, headers=getattr(err, "headers", None))


async def _unexpected(request: Request, err: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(500, "internal error: the request could not be completed (logged on the server)")


def install(app: FastAPI) -> None:
    app.add_exception_handler(LegationError, _legation_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
