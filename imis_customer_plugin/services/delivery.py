"""Delivering the outbox: e-mail over SMTP, SMS through an HTTP gateway, retries with backoff.

How a message is neither lost nor sent twice, and where that promise ends:

* It is queued in the transaction that records its event, so it exists once the event does.
* deliver_due() claims a batch in one short transaction (status 'sending' with a lease) and
  records each outcome in a transaction of its own. If the worker dies after claiming, the
  lease runs out and the next run claims the messages again: nothing is lost.
* The one gap is a worker that dies (or loses the database) after the server accepted a
  message and before its outcome was committed: that message is sent again after the lease.
  Exactly-once delivery over SMTP or a plain HTTP gateway cannot be had; at most the one
  message in flight at the crash is repeated, and it carries the same
  `Message-ID: <imis-outbox-{id}@imis>` or `Idempotency-Key: imis-outbox-{id}`, so a
  receiver that keeps them drops the duplicate.
* A worker that outlives its lease (a hung server) stops before the lease ends and gives back
  what it has not tried; a late outcome of a message someone else re-claimed is not recorded.

Transient failures (connection refused, timeouts, SMTP 4xx, HTTP 5xx, 408, 429) are retried
with backoff (core.messages.retry_delay) up to MAX_ATTEMPTS; permanent ones (SMTP 5xx for the
message, HTTP 4xx) fail at once. Failed messages stay in the outbox for staff to see.
Secrets come from the environment, never from the database.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
import os
import smtplib
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.client import HTTPException
from typing import Optional, Protocol

from sqlalchemy import text
from sqlalchemy.engine import Engine

from ..core.errors import ImisError
from ..core.messages import (
    MAX_ATTEMPTS,
    permanent_http_status,
    permanent_smtp_code,
    render,
    retry_delay,
)
from .outbox import ClaimedMessage, claim_due, mark_failed, mark_retry, mark_sent, release

log = logging.getLogger(__name__)

DEFAULT_BATCH = 100
DEFAULT_LEASE = dt.timedelta(minutes=5)
MAX_BATCHES = 50  # per call; a worker calls again on its next tick
_TRUE = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class DeliveryConfig:
    """Where messages go. An empty host or URL leaves that channel's messages pending."""

    smtp_host: str = ""
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = field(default="", repr=False)
    smtp_from: str = ""
    smtp_starttls: bool = False
    smtp_timeout: float = 30.0
    sms_url: str = ""
    sms_token: str = field(default="", repr=False)
    sms_timeout: float = 10.0

    def __post_init__(self) -> None:
        if self.smtp_host and not self.smtp_from:
            raise ImisError("IMIS_SMTP_FROM: set the sender address for e-mail.")
        if self.sms_url and not self.sms_url.startswith(("http://", "https://")):
            raise ImisError(f"IMIS_SMS_URL: '{self.sms_url}' is not an http(s) address.")

    @classmethod
    def from_environment(cls, env: Mapping[str, str] = os.environ) -> DeliveryConfig:
        """IMIS_SMTP_HOST, _PORT, _USER, _PASSWORD, _FROM, _STARTTLS, _TIMEOUT; IMIS_SMS_URL,
        _TOKEN, _TIMEOUT."""
        return cls(
            smtp_host=env.get("IMIS_SMTP_HOST", "").strip(),
            smtp_port=_number(env, "IMIS_SMTP_PORT", 25, int),
            smtp_user=env.get("IMIS_SMTP_USER", ""),
            smtp_password=env.get("IMIS_SMTP_PASSWORD", ""),
            smtp_from=env.get("IMIS_SMTP_FROM", "").strip(),
            smtp_starttls=env.get("IMIS_SMTP_STARTTLS", "").strip().lower() in _TRUE,
            smtp_timeout=_number(env, "IMIS_SMTP_TIMEOUT", 30.0, float),
            sms_url=env.get("IMIS_SMS_URL", "").strip(),
            sms_token=env.get("IMIS_SMS_TOKEN", ""),
            sms_timeout=_number(env, "IMIS_SMS_TIMEOUT", 10.0, float),
        )


def _number(env: Mapping[str, str], name: str, default, kind):
    value = env.get(name, "").strip()
    if not value:
        return default
    try:
        return kind(value)
    except ValueError:
        raise ImisError(f"{name}: '{value}' is not a number.") from None


class DeliveryError(Exception):
    """A message was not delivered. `channel_down`: the server itself failed (unreachable,
    refusing us), so the rest of its channel waits rather than fail one by one."""

    def __init__(self, message: str, *, permanent: bool, channel_down: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.channel_down = channel_down


class Sender(Protocol):
    channel: str
    timeout: float

    def send(self, message: ClaimedMessage, subject: str, body: str) -> None: ...

    def close(self) -> None: ...


def delivery_key(message_id: int) -> str:
    """The same on every attempt, so a receiver can recognise a repeat."""
    return f"imis-outbox-{message_id}"


class SmtpSender:
    """One SMTP connection, opened on the first message and reused until close()."""

    channel = "email"

    def __init__(self, config: DeliveryConfig) -> None:
        self.config = config
        self.timeout = config.smtp_timeout
        self._smtp: Optional[smtplib.SMTP] = None

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            c = self.config
            try:
                smtp = smtplib.SMTP(c.smtp_host, c.smtp_port, timeout=c.smtp_timeout)
                try:
                    if c.smtp_starttls:
                        smtp.starttls(context=ssl.create_default_context())
                    if c.smtp_user:
                        smtp.login(c.smtp_user, c.smtp_password)
                except BaseException:
                    smtp.close()
                    raise
            except (smtplib.SMTPException, OSError) as error:
                # Not this message's fault: wrong host, server down, login refused.
                raise DeliveryError(
                    f"SMTP server {c.smtp_host}:{c.smtp_port}: {_smtp_text(error)}",
                    permanent=False,
                    channel_down=True,
                ) from error
            self._smtp = smtp
        return self._smtp

    def send(self, message: ClaimedMessage, subject: str, body: str) -> None:
        mail = EmailMessage()
        try:
            mail["From"] = self.config.smtp_from
            mail["To"] = message.recipient
            mail["Subject"] = subject
        except ValueError as error:  # a line break in an address: no server would take it
            raise DeliveryError(f"cannot write this e-mail: {error}", permanent=True) from error
        mail["Date"] = email.utils.formatdate(localtime=True)
        mail["Message-ID"] = f"<{delivery_key(message.id)}@imis>"
        mail.set_content(body, charset="utf-8")  # text/plain
        smtp = self._connection()
        try:
            smtp.send_message(mail)
        except smtplib.SMTPRecipientsRefused as error:
            # smtplib has reset the session: the connection stays usable.
            codes = [code for code, _ in error.recipients.values()]
            raise DeliveryError(
                _smtp_text(error), permanent=all(permanent_smtp_code(c) for c in codes)
            ) from error
        except (smtplib.SMTPDataError, smtplib.SMTPNotSupportedError) as error:
            self.close()
            permanent = not isinstance(error, smtplib.SMTPDataError) or permanent_smtp_code(
                error.smtp_code
            )
            raise DeliveryError(_smtp_text(error), permanent=permanent) from error
        except (smtplib.SMTPException, OSError) as error:
            # Sender refused, a dropped connection, a timeout: retry, on a new connection.
            self.close()
            raise DeliveryError(_smtp_text(error), permanent=False) from error

    def close(self) -> None:
        if self._smtp is not None:
            smtp, self._smtp = self._smtp, None
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()


def _smtp_text(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address} refused: {code} {_decoded(reply)}"
            for address, (code, reply) in error.recipients.items()
        )
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_decoded(error.smtp_error)}"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _decoded(reply: object) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


class HttpSmsSender:
    """POSTs {"to", "message", "reference"} as JSON to the gateway, one request per SMS."""

    channel = "sms"

    def __init__(self, config: DeliveryConfig) -> None:
        self.config = config
        self.timeout = config.sms_timeout

    def send(self, message: ClaimedMessage, subject: str, body: str) -> None:
        key = delivery_key(message.id)
        payload = {"to": message.recipient, "message": body, "reference": key}
        headers = {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": key}
        if self.config.sms_token:
            headers["Authorization"] = f"Bearer {self.config.sms_token}"
        request = urllib.request.Request(
            self.config.sms_url,
            data=json.dumps(payload).encode("utf-8"),
            headers=headers,
            method="POST",
        )
        try:
            # The scheme is checked in DeliveryConfig: only http(s), never file:.
            with urllib.request.urlopen(request, timeout=self.config.sms_timeout) as response:
                response.read()
        except urllib.error.HTTPError as error:
            reply = _reply_text(error)
            what = f"SMS gateway {error.code} {error.reason}" + (f": {reply}" if reply else "")
            # A refused token refuses every SMS: wait for the fix rather than fail them all.
            refused_us = error.code in (401, 403)
            raise DeliveryError(
                what,
                permanent=permanent_http_status(error.code) and not refused_us,
                channel_down=refused_us or error.code >= 500,
            ) from error
        except (urllib.error.URLError, HTTPException, OSError) as error:
            reason = getattr(error, "reason", error)
            raise DeliveryError(
                f"SMS gateway {self.config.sms_url}: {reason}", permanent=False, channel_down=True
            ) from error

    def close(self) -> None:
        pass


def _reply_text(error: urllib.error.HTTPError) -> str:
    try:
        return error.read(300).decode("utf-8", "replace").strip()
    except (OSError, HTTPException, AttributeError):  # no body, or it broke off
        return ""


def senders_for(config: DeliveryConfig) -> dict[str, Sender]:
    senders: dict[str, Sender] = {}
    if config.smtp_host:
        senders["email"] = SmtpSender(config)
    if config.sms_url:
        senders["sms"] = HttpSmsSender(config)
    return senders


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0  # due, but not tried: no sender configured, or its server is down

    def __str__(self) -> str:
        return (
            f"sent {self.sent}, to retry {self.retried}, failed {self.failed}, "
            f"waiting for a sender {self.skipped}"
        )


_warned_unconfigured: set[str] = set()

_DUE_ELSEWHERE = text(
    "SELECT count(*) FROM imis.outbox WHERE status = 'pending' AND next_attempt_at <= now() "
    "AND NOT channel = ANY(:channels)"
)


def deliver_due(
    engine: Engine,
    config: DeliveryConfig,
    batch: int = DEFAULT_BATCH,
    lease: dt.timedelta = DEFAULT_LEASE,
    *,
    max_batches: int = MAX_BATCHES,
) -> DeliveryReport:
    """Delivers due messages, batch by batch, until none is due (or `max_batches`).

    Each batch is claimed in one short transaction and each outcome recorded in its own, so
    a crash loses nothing and repeats at most the message in flight (see the module's
    docstring). Safe to run in several workers at once: claims skip each other's messages.
    """
    senders = senders_for(config)
    report = DeliveryReport()
    with engine.connect() as connection:
        report.skipped = connection.execute(_DUE_ELSEWHERE, {"channels": list(senders)}).scalar()
    for channel in ("email", "sms"):
        if channel not in senders and report.skipped and channel not in _warned_unconfigured:
            _warned_unconfigured.add(channel)
            log.warning("No %s sender is configured: %s messages stay pending.", channel, channel)
    if not senders:
        return report
    # Stop trying a batch early enough that no send runs past the lease.
    margin = min(max(s.timeout for s in senders.values()) * 2 + 5, lease.total_seconds() / 2)
    down: dict[str, dt.timedelta] = {}
    try:
        for _ in range(max_batches):
            with engine.begin() as connection:
                claimed = claim_due(connection, batch, lease, tuple(senders))
            deadline = time.monotonic() + lease.total_seconds() - margin
            _deliver_batch(engine, claimed, senders, report, down, deadline)
            if len(claimed) < batch:
                break
    finally:
        for sender in senders.values():
            sender.close()
    return report


def _deliver_batch(
    engine: Engine,
    claimed: list[ClaimedMessage],
    senders: Mapping[str, Sender],
    report: DeliveryReport,
    down: dict[str, dt.timedelta],
    deadline: float,
) -> None:
    remaining = list(claimed)
    try:
        while remaining and time.monotonic() < deadline:
            # Off the list before it is tried: if anything fails from here on, this message
            # waits for its lease to run out, and the attempt counts.
            message = remaining.pop(0)
            if message.channel in down:  # not tried: its server failed a moment ago
                with engine.begin() as connection:
                    release(connection, [message], down[message.channel])
                report.skipped += 1
            else:
                _deliver_one(engine, message, senders[message.channel], report, down)
    finally:
        # Not tried: given back at once, uncounted, to this or another worker.
        if remaining:
            try:
                with engine.begin() as connection:
                    release(connection, remaining)
            except Exception:  # the lease will run out instead
                log.exception("Could not give back %d claimed messages", len(remaining))


def _deliver_one(
    engine: Engine,
    message: ClaimedMessage,
    sender: Sender,
    report: DeliveryReport,
    down: dict[str, dt.timedelta],
) -> None:
    if message.attempts > MAX_ATTEMPTS:  # claimed again and again: a worker died each time
        error = f"gave up after {MAX_ATTEMPTS} attempts; the worker stopped while sending it"
        _failed(engine, message, error, report)
        return
    if message.template_body is None:
        error = f"no {message.channel} template for '{message.kind}' messages"
        _failed(engine, message, error, report)
        return
    if not message.recipient:
        _failed(engine, message, f"no {message.channel} address for the {message.audience}", report)
        return
    subject, body = render(message.template_subject or "", message.template_body, message.params)
    try:
        sender.send(message, subject, body)
    except DeliveryError as error:
        log.info("%s %s to %s: %s", message.reference, message.kind, message.channel, error)
        if error.permanent or message.attempts >= MAX_ATTEMPTS:
            _failed(engine, message, str(error), report, subject, body)
            return
        with engine.begin() as connection:
            mark_retry(connection, message, str(error), subject=subject, body=body)
        report.retried += 1
        if error.channel_down:
            down[message.channel] = retry_delay(message.attempts)
        return
    with engine.begin() as connection:
        if not mark_sent(connection, message, subject, body):
            log.warning("%s: sent after its lease ran out; another worker had it", message.id)
    report.sent += 1


def _failed(
    engine: Engine,
    message: ClaimedMessage,
    error: str,
    report: DeliveryReport,
    subject: str | None = None,
    body: str | None = None,
) -> None:
    with engine.begin() as connection:
        mark_failed(connection, message, error, subject, body)
    report.failed += 1
