import hashlib
import hmac
import io

from legation.act.notifiers import ConsoleNotifier, EmailNotifier, WebhookNotifier, deliver
from tests.act.receivers import SmtpReceiver, WebhookReceiver

PAYLOAD = {"id": "a1", "kind": "level_change", "title": "US embassy: level raised to 4", "text": "From 3 to 4.",
           "data": {"site": "usa-emb-baghdad"}}


def test_webhook_is_signed_and_retried_until_it_lands():
    waits = []
    with WebhookReceiver(fail_first=3) as receiver:
        attempts = deliver(WebhookNotifier(receiver.url, secret="s3cret"), PAYLOAD, tries=5, backoff=0.1,
                           sleep=waits.append)
    assert [a.ok for a in attempts] == [False, False, False, True]
    assert attempts[0].detail == "HTTP 503"
    assert waits == [0.1, 0.2, 0.4]  # exponential backoff
    last = receiver.requests[-1]
    expected = "sha256=" + hmac.new(b"s3cret", last["body"], hashlib.sha256).hexdigest()
    assert last["headers"]["X-Legation-Signature"] == expected
    assert receiver.payloads()[-1]["title"] == PAYLOAD["title"]


def test_webhook_is_dead_lettered_after_the_last_try():
    with WebhookReceiver(fail_first=10) as receiver:
        attempts = deliver(WebhookNotifier(receiver.url), PAYLOAD, tries=3, backoff=0, sleep=lambda s: None)
    assert [a.ok for a in attempts] == [False, False, False]
    assert len(receiver.requests) == 3


def test_unreachable_webhook_fails_with_the_reason():
    with WebhookReceiver() as receiver:
        url = receiver.url
    attempts = deliver(WebhookNotifier(url, timeout=1), PAYLOAD, tries=1)
    assert not attempts[0].ok and "Connect" in attempts[0].detail


def test_email_reaches_a_real_smtp_server():
    with SmtpReceiver() as smtp:
        attempts = deliver(EmailNotifier("rso@embassy.example", port=smtp.port), PAYLOAD, tries=1)
    assert attempts[-1].ok
    sender, rcpts, content = smtp.messages[0]
    assert rcpts == ["rso@embassy.example"]
    assert "Subject: [Legation] US embassy: level raised to 4" in content


def test_console_prints_one_line():
    out = io.StringIO()
    deliver(ConsoleNotifier(out), PAYLOAD, tries=1)
    assert out.getvalue() == "ALERT level_change: US embassy: level raised to 4 — From 3 to 4.\n"
