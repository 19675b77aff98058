"""Deterministic ids: uuid5 over canonical fields, so ingesting the same thing twice yields the same row."""

from __future__ import annotations

import hashlib
import uuid

NAMESPACE = uuid.UUID("6f1c9a52-3f0e-5b7e-9a55-1e6a7c0d2b41")


def stable_id(kind: str, *parts: object) -> str:
    """`kind` namespaces the id (report, event, site...); parts are joined canonically (None → empty)."""
    canonical = "\x1f".join("" if p is None else str(p).strip() for p in parts)
    return str(uuid.uuid5(NAMESPACE, f"{kind}\x1e{canonical}"))


def content_hash(text: str) -> str:
    """sha256 of the text as UTF-8: a report's identity is its content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
