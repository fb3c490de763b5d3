"""The outbox in the database: claiming due messages, recording outcomes, templates, and what
staff see of messages that could not be delivered.

imis.enqueue_messages() queues a message in the transaction that records its event, so
nothing is lost before delivery. A worker claims messages for a lease (status 'sending',
claimed_until); if it dies, the lease runs out and another claim takes them again. The
attempt count doubles as the claim's token: an outcome is recorded only by the worker that
holds the newest claim.

Every function takes an open Connection; the caller decides the transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ..core.errors import FieldProblem, NotFoundError, ValidationError
from ..core.messages import (
    CHANNELS,
    FALLBACK_LANGUAGE,
    address_problem,
    retry_delay,
    template_problems,
    use_problems,
)


@dataclass(frozen=True)
class ClaimedMessage:
    """A message this worker holds until its lease ends, with the template chosen for it."""

    id: int
    correspondence_id: int
    kind: str
    audience: str
    channel: str
    recipient: str | None
    language: str
    params: dict
    attempts: int  # including this claim
    template_subject: str | None  # None: no template for this kind and channel
    template_body: str | None

    @property
    def reference(self) -> str:
        return str(self.params.get("reference", ""))


@dataclass(frozen=True)
class OutboxEntry:
    """One queued message as staff see it."""

    id: int
    correspondence_id: int
    reference: str
    kind: str
    audience: str
    channel: str
    recipient: str | None
    status: str
    attempts: int
    last_error: str
    created_at: dt.datetime
    next_attempt_at: dt.datetime
    sent_at: dt.datetime | None
    subject: str | None  # as sent (or last tried)
    body: str | None


# Expired leases first (their message has waited longest), then pending messages by due time.
# The template: the customer's language over English, then the classification's own over the
# general one; a message the customer can read matters more than a more specific one.
_CLAIM = text(
    """
    WITH expired AS (
        SELECT id FROM imis.outbox
         WHERE status = 'sending' AND claimed_until < now() AND channel = ANY(:channels)
         ORDER BY claimed_until LIMIT :batch
           FOR UPDATE SKIP LOCKED
    ), due AS (
        SELECT id FROM imis.outbox
         WHERE status = 'pending' AND next_attempt_at <= now() AND channel = ANY(:channels)
         ORDER BY next_attempt_at LIMIT :batch
           FOR UPDATE SKIP LOCKED
    ), chosen AS (
        (SELECT id FROM expired) UNION ALL (SELECT id FROM due) LIMIT :batch
    ), claimed AS (
        UPDATE imis.outbox AS o
           SET status = 'sending', attempts = o.attempts + 1,
               claimed_until = now() + :lease * interval '1 second'
          FROM chosen WHERE o.id = chosen.id
        RETURNING o.id, o.correspondence_id, o.kind, o.audience, o.channel, o.recipient,
                  o.language, o.params, o.attempts
    )
    SELECT c.*, t.subject AS template_subject, t.body AS template_body
      FROM claimed AS c
      LEFT JOIN LATERAL (
        SELECT t.subject, t.body FROM imis.message_template AS t
         WHERE t.kind = c.kind AND t.channel = c.channel AND t.language IN (c.language, :fallback)
           AND (t.classification IS NULL OR t.classification = c.params ->> 'classification')
         ORDER BY t.language = c.language DESC, t.classification IS NOT NULL DESC
         LIMIT 1
      ) AS t ON true
     ORDER BY c.id
    """
)


def claim_due(
    connection: Connection,
    batch: int,
    lease: dt.timedelta,
    channels: Sequence[str] = CHANNELS,
) -> list[ClaimedMessage]:
    """Claims up to `batch` due messages for `lease`; other workers skip them meanwhile.

    Due: pending with next_attempt_at passed, or 'sending' with an expired lease (a worker
    died mid-send). Commit soon after, so the claim is seen and the locks are let go.
    """
    rows = connection.execute(
        _CLAIM,
        {
            "channels": list(channels),
            "batch": batch,
            "lease": lease.total_seconds(),
            "fallback": FALLBACK_LANGUAGE,  # when no template speaks the customer's language
        },
    ).all()
    return [ClaimedMessage(**row._mapping) for row in rows]


_OUTCOME = """
    UPDATE imis.outbox SET {changes}, claimed_until = NULL, subject = :subject, body = :body
     WHERE id = :id AND status = 'sending' AND attempts = :attempts
"""
_SENT = text(_OUTCOME.format(changes="status = 'sent', sent_at = now(), last_error = ''"))
_RETRY = text(
    _OUTCOME.format(
        changes="status = 'pending', last_error = :error, "
        "next_attempt_at = now() + :delay * interval '1 second'"
    )
)
_FAILED = text(_OUTCOME.format(changes="status = 'failed', last_error = :error"))


def _record(connection: Connection, statement, message: ClaimedMessage, **values) -> bool:
    """True when the claim was still ours (no other worker took the message after a lease
    ran out); the outcome is recorded only then."""
    values = {"subject": None, "body": None, **values}
    result = connection.execute(
        statement, {"id": message.id, "attempts": message.attempts, **values}
    )
    return result.rowcount == 1


def mark_sent(
    connection: Connection, message: ClaimedMessage, subject: str = "", body: str = ""
) -> bool:
    return _record(connection, _SENT, message, subject=subject, body=body)


def mark_retry(
    connection: Connection,
    message: ClaimedMessage,
    error: str,
    delay: dt.timedelta | None = None,
    subject: str | None = None,
    body: str | None = None,
) -> bool:
    """Back to pending, due again after the backoff for its attempt count (or `delay`)."""
    wait = retry_delay(message.attempts) if delay is None else delay
    return _record(
        connection,
        _RETRY,
        message,
        error=error,
        delay=wait.total_seconds(),
        subject=subject,
        body=body,
    )


def mark_failed(
    connection: Connection,
    message: ClaimedMessage,
    error: str,
    subject: str | None = None,
    body: str | None = None,
) -> bool:
    """Given up: staff see it, with the error, in failed_messages()."""
    return _record(connection, _FAILED, message, error=error, subject=subject, body=body)


_RELEASE = text(
    """
    UPDATE imis.outbox
       SET status = 'pending', attempts = attempts - 1, claimed_until = NULL,
           next_attempt_at = now() + :delay * interval '1 second'
     WHERE id = :id AND status = 'sending' AND attempts = :attempts
    """
)


def release(
    connection: Connection,
    messages: Sequence[ClaimedMessage],
    delay: dt.timedelta = dt.timedelta(0),
) -> None:
    """Gives back claimed messages that were not tried; the claim does not count as an
    attempt."""
    if messages:
        connection.execute(
            _RELEASE,
            [
                {"id": m.id, "attempts": m.attempts, "delay": delay.total_seconds()}
                for m in messages
            ],
        )


_ENTRIES = """
    SELECT o.id, o.correspondence_id, c.reference, o.kind, o.audience, o.channel, o.recipient,
           o.status, o.attempts, o.last_error, o.created_at, o.next_attempt_at, o.sent_at,
           o.subject, o.body
      FROM imis.outbox AS o JOIN imis.correspondence AS c ON c.id = o.correspondence_id
"""


def failed_messages(
    connection: Connection, correspondence_id: int | None = None, limit: int = 500
) -> list[OutboxEntry]:
    """Messages given up on, newest first: staff fix the address and retry, or call."""
    rows = connection.execute(
        text(
            _ENTRIES + " WHERE o.status = 'failed' "
            "AND (CAST(:cid AS bigint) IS NULL OR o.correspondence_id = :cid) "
            "ORDER BY o.created_at DESC, o.id DESC LIMIT :limit"
        ),
        {"cid": correspondence_id, "limit": limit},
    ).all()
    return [OutboxEntry(**row._mapping) for row in rows]


def messages_for(connection: Connection, correspondence_id: int) -> list[OutboxEntry]:
    """Every message about one item, oldest first, whatever its status."""
    rows = connection.execute(
        text(_ENTRIES + " WHERE o.correspondence_id = :cid ORDER BY o.id"),
        {"cid": correspondence_id},
    ).all()
    return [OutboxEntry(**row._mapping) for row in rows]


# A customer's address is read again: staff usually retry after correcting it.
_FAILED_WITH_ADDRESS = text(
    """
    SELECT o.status, o.channel, o.recipient,
           coalesce(CASE WHEN o.audience = 'customer' THEN
                         CASE o.channel WHEN 'email' THEN cu.email ELSE cu.phone END
                    END, o.recipient) AS current_address
      FROM imis.outbox AS o
      JOIN imis.correspondence AS c ON c.id = o.correspondence_id
      LEFT JOIN imis.customer AS cu ON cu.id = c.customer_id
     WHERE o.id = :id
       FOR UPDATE OF o
    """
)
# Only the columns a desk may change (column grants to imis_operator, migration 0005).
_REQUEUE = "UPDATE imis.outbox SET status = 'pending', attempts = 0, next_attempt_at = now(){}"
_REQUEUE_AS_BEFORE = text(_REQUEUE.format(" WHERE id = :id"))
_REQUEUE_TO = text(_REQUEUE.format(", recipient = :recipient WHERE id = :id"))


def retry_failed(connection: Connection, message_id: int, recipient: str | None = None) -> None:
    """Puts a failed message back in the queue: due at once, with a fresh count of attempts.

    `recipient` overrides the address; otherwise a customer's current address is used.
    """
    row = connection.execute(_FAILED_WITH_ADDRESS, {"id": message_id}).one_or_none()
    if row is None:
        raise NotFoundError(f"There is no message with id {message_id}.")
    if row.status != "failed":
        raise ValidationError.single("status", f"message {message_id} is {row.status}, not failed")
    address = (recipient or "").strip() or row.current_address
    problem = address_problem(row.channel, address)
    if problem:
        raise ValidationError.single("recipient", problem)
    statement = _REQUEUE_AS_BEFORE if address == row.recipient else _REQUEUE_TO
    connection.execute(statement, {"id": message_id, "recipient": address})


_SAVE_TEMPLATE = text(
    """
    INSERT INTO imis.message_template (kind, classification, language, channel, subject, body)
    VALUES (:kind, :classification, :language, :channel, :subject, :body)
    ON CONFLICT ON CONSTRAINT one_template_per_use
    DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body
    RETURNING id
    """
)


def save_template(
    connection: Connection,
    kind: str,
    classification: str | None,
    language: str,
    channel: str,
    subject: str,
    body: str,
) -> int:
    """Creates or replaces the template for this use (administrators only, by grant)."""
    problems: list[FieldProblem] = use_problems(kind, classification, language, channel)
    problems += [p for p in template_problems(subject, body, channel) if p.field != "channel"]
    if problems:
        raise ValidationError(problems)
    return connection.execute(
        _SAVE_TEMPLATE,
        {
            "kind": kind,
            "classification": classification,
            "language": language,
            "channel": channel,
            "subject": subject.strip() if channel == "email" else "",
            "body": body.strip(),
        },
    ).scalar_one()
