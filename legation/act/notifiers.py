"""Notifiers: how an alert reaches a person or a system. Each is a small class with `send(payload)`;
`deliver` adds retries with exponential backoff and reports every attempt.

- webhook: JSON POST, signed with HMAC-SHA256 over the body (header `X-Legation-Signature: sha256=<hex>`)
- email: one message over SMTP
- console: a line on a stream (for a duty officer's terminal, and for tests of the rest)
"""

from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any, Protocol, TextIO

import httpx


class DeliveryFailed(Exception):
    """One attempt failed; the message says why (status code, refused connection, SMTP error)."""


class Notifier(Protocol):
    def send(self, payload: dict[str, Any]) -> str:
        """Deliver once; return a short receipt; raise DeliveryFailed on failure."""


_CLIENT: httpx.Client | None = None


def _client() -> httpx.Client:
    """One HTTP client for every webhook of this process: its TLS set-up (tens of milliseconds) and connections
    are made once, not per alert. httpx clients are safe to share between threads."""
    global _CLIENT
    if _CLIENT is None:
        _CLIENT = httpx.Client()
    return _CLIENT


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


@dataclass
class WebhookNotifier:
    url: str
    secret: str | None = None
    timeout: float = 5.0

    def send(self, payload: dict[str, Any]) -> str:
        body = json.dumps(payload, sort_keys=True, default=str).encode("utf-8")
        headers = {"Content-Type": "application/json", "X-Legation-Alert": str(payload.get("id", ""))}
        if self.secret:
            headers["X-Legation-Signature"] = sign(self.secret, body)
        try:
            response = _client().post(self.url, content=body, headers=headers, timeout=self.timeout)
        except httpx.HTTPError as err:
            raise DeliveryFailed(f"{type(err).__name__}: {err}") from None
        if response.status_code >= 300:
            raise DeliveryFailed(f"HTTP {response.status_code}")
        return f"HTTP {response.status_code}"


@dataclass
class EmailNotifier:
    to: str
    host: str = "127.0.0.1"
    port: int = 25
    sender: str = "legation@localhost"
    timeout: float = 10.0

    def send(self, payload: dict[str, Any]) -> str:
        message = EmailMessage()
        message["From"], message["To"] = self.sender, self.to
        message["Subject"] = f"[Legation] {payload.get('title', 'alert')}"
        message["X-Legation-Alert"] = str(payload.get("id", ""))
        message.set_content(f"{payload.get('text', '')}\n\n{json.dumps(payload.get('data', {}), default=str)}\n")
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as err:
            raise DeliveryFailed(f"SMTP: {err}") from None
        return f"mail to {self.to}"


@dataclass
class ConsoleNotifier:
    stream: TextIO = sys.stdout

    def send(self, payload: dict[str, Any]) -> str:
        print(f"ALERT {payload.get('kind')}: {payload.get('title')} — {payload.get('text')}", file=self.stream)
        return "printed"


@dataclass
class Attempt:
    number: int
    ok: bool
    detail: str


def deliver(notifier: Notifier, payload: dict[str, Any], *, tries: int = 5, backoff: float = 0.5,
            sleep: Callable[[float], None] = time.sleep) -> list[Attempt]:
    """Try up to `tries` times, waiting backoff, 2×backoff, 4×backoff… between tries. Returns every attempt;
    the last one tells whether it was delivered (ok) or is dead-lettered."""
    attempts: list[Attempt] = []
    for number in range(1, tries + 1):
        try:
            attempts.append(Attempt(number, True, notifier.send(payload)))
            return attempts
        except DeliveryFailed as err:
            attempts.append(Attempt(number, False, str(err)))
        if number < tries:
            sleep(backoff * 2 ** (number - 1))
    return attempts


def notifier_for(channel: str, target: str, secret: str | None = None, *, smtp_host: str = "127.0.0.1",
                 smtp_port: int = 25, stream: TextIO | None = None) -> Notifier:
    if channel == "webhook":
        return WebhookNotifier(target, secret)
    if channel == "email":
        return EmailNotifier(target, host=smtp_host, port=smtp_port)
    return ConsoleNotifier(stream or sys.stdout)
