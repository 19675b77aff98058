"""Signing in (password → token), who am I, and user and token management for administrators."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from legation.api.auth import current_user, get_store, require
from legation.api.errors import error_response
from legation.api.routers.common import Paging, errors, paging
from legation.api.schemas import LoginIn, Page, TokenIn, TokenInfo, TokenOut, UserIn, UserListItem, UserOut
from legation.domain.users import TooManyAttempts, User
from legation.store.audit import acting_as

router = APIRouter(tags=["users"])
_E = errors(400, 401, 403, 404, 409, 413, 422, 429)


@router.post("/auth/token", response_model=TokenOut, status_code=201, responses=_E)
def sign_in(body: LoginIn, request: Request, store=Depends(get_store)) -> Any:
    """Exchange a username and password for an API token (shown once; default lifetime one day). After a few
    failed attempts by one name or from one address, each next try must wait (429 with Retry-After, doubling);
    many failures lock the name out for an hour (audited)."""
    from legation.store.users import authenticate, issue_token, token_id

    client = request.client.host if request.client else None
    try:
        with store.begin() as conn:
            user = authenticate(conn, body.username, body.password, client=client)
            with acting_as(user.username):
                ttl = body.ttl_days or request.app.state.settings.api_token_ttl_days
                token = issue_token(conn, user.username, ttl_days=ttl)
    except TooManyAttempts as err:
        return error_response(429, err.message, code=err.code, headers={"Retry-After": str(err.retry_after)})
    return {"username": user.username, "id": token_id(token), "token": token, "ttl_days": ttl}


@router.get("/auth/me", response_model=UserOut, responses=_E)
def me(user: User = Depends(current_user)) -> dict:
    """Who this token belongs to: username, role, organisation, unit."""
    return user.to_dict()


@router.get("/users", response_model=Page[UserListItem], responses=_E)
def list_users(page: Paging = Depends(paging), _: User = Depends(require("users.manage")),
               store=Depends(get_store)) -> dict:
    """Every user, with their role and how many live tokens they hold (administrators)."""
    from legation.store.users import list_users as list_all

    with store.connect() as conn:
        return page.slice(list_all(conn))


@router.post("/users", response_model=UserOut, status_code=201, responses=_E)
def add_user(body: UserIn, user: User = Depends(require("users.manage")), store=Depends(get_store)) -> dict:
    """Add a user (administrators). Without a password the user signs in by token only."""
    from legation.store.users import add_user as add

    new = User(username=body.username, role=body.role, organisation=body.organisation, unit=body.unit)
    with store.begin() as conn, acting_as(user.username):
        add(conn, new, password=body.password)
    return new.to_dict()


@router.post("/users/{username}/tokens", response_model=TokenOut, status_code=201, responses=_E)
def issue(username: str, body: TokenIn, user: User = Depends(require("users.manage")),
          store=Depends(get_store)) -> dict:
    """Issue an API token for a user (administrators); shown this once."""
    from legation.store.users import issue_token, token_id

    with store.begin() as conn, acting_as(user.username):
        token = issue_token(conn, username, ttl_days=body.ttl_days)
    return {"username": username, "id": token_id(token), "token": token, "ttl_days": body.ttl_days}


@router.get("/tokens", response_model=Page[TokenInfo], responses=_E)
def list_tokens(page: Paging = Depends(paging), _: User = Depends(require("users.manage")),
                store=Depends(get_store)) -> dict:
    """Every API token's id, owner and expiry (never the secret)."""
    from legation.store.users import list_tokens as list_all

    with store.connect() as conn:
        return page.slice(list_all(conn))


@router.delete("/tokens/{token_id}", status_code=204, responses=_E)
def revoke(token_id: str, user: User = Depends(require("users.manage")), store=Depends(get_store)) -> None:
    """Revoke an API token by its id (administrators)."""
    from legation.store.users import revoke_token

    with store.begin() as conn, acting_as(user.username):
        revoke_token(conn, token_id)


@router.delete("/users/{username}", status_code=204, responses=_E)
def deactivate(username: str, user: User = Depends(require("users.manage")), store=Depends(get_store)) -> None:
    """Deactivate a user who left (administrators): they cannot sign in, and every token of theirs is revoked."""
    from legation.store.users import deactivate_user

    with store.begin() as conn, acting_as(user.username):
        deactivate_user(conn, username)
