"""Customers' satisfaction ratings of resolved or closed items (imis.satisfaction_rating).

One rating per item. A second answer replaces the first: customers do call back to change
their verdict once the repair held (or did not), and the latest word is the one that counts.
Nothing is lost: the table's audit trigger keeps the replaced row in imis.audit_log.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Optional

import numpy as np
import psycopg2.extensions
from sqlalchemy import text
from sqlalchemy.engine import Connection

from ..core.demo_city.copytext import copy_text
from ..core.demo_city.ratings import ClosedItems, demo_ratings
from ..core.errors import FieldProblem, NotFoundError, ValidationError
from ..core.workflow import Channel, Status

MAX_COMMENT = 2000
RATEABLE = (Status.RESOLVED.value, Status.CLOSED.value)


@dataclass(frozen=True)
class Rating:
    correspondence_id: int
    reference: str
    score: int
    comment: str
    channel: str
    rated_at: dt.datetime
    recorded_by: str
    replaced_score: Optional[int] = None  # the score this rating replaced, if any


def rating_problems(score: object, comment: str, channel: str) -> list[FieldProblem]:
    problems = []
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        problems.append(FieldProblem("score", f"{score!r} is not a score: give 1 to 5"))
    if len(comment) > MAX_COMMENT:
        problems.append(
            FieldProblem("comment", f"{len(comment)} characters: shorten it to {MAX_COMMENT}")
        )
    if channel not in {c.value for c in Channel}:
        known = ", ".join(c.value for c in Channel)
        problems.append(FieldProblem("channel", f"unknown channel '{channel}': use {known}"))
    return problems


def record_rating(
    connection: Connection,
    correspondence_id: int,
    score: int,
    *,
    comment: str = "",
    channel: str = Channel.TELEPHONE.value,
) -> Rating:
    """Records the customer's rating (1-5) of a resolved or closed item, replacing an
    earlier one. NotFoundError for an unknown item, ValidationError (nothing written) for a
    score out of range, an over-long comment, an unknown channel or an item still open."""
    comment = comment.strip()
    problems = rating_problems(score, comment, channel)
    if problems:
        raise ValidationError(problems)
    item = connection.execute(
        text("SELECT reference, status FROM imis.correspondence WHERE id = :id FOR SHARE"),
        {"id": correspondence_id},
    ).one_or_none()
    if item is None:
        raise NotFoundError(f"There is no correspondence with id {correspondence_id}.")
    if item.status not in RATEABLE:
        raise ValidationError.single(
            "status",
            f"{item.reference} is {item.status.replace('_', ' ')}: a customer rates the "
            "service once the item is resolved or closed",
        )
    earlier = connection.execute(
        text("SELECT score FROM imis.satisfaction_rating WHERE correspondence_id = :id FOR UPDATE"),
        {"id": correspondence_id},
    ).scalar()
    row = connection.execute(
        text(
            """
            INSERT INTO imis.satisfaction_rating (correspondence_id, score, comment, channel)
            VALUES (:id, :score, :comment, :channel)
            ON CONFLICT (correspondence_id) DO UPDATE
               SET score = EXCLUDED.score, comment = EXCLUDED.comment,
                   channel = EXCLUDED.channel, rated_at = now(), recorded_by = session_user
            RETURNING score, comment, channel, rated_at, recorded_by
            """
        ),
        {"id": correspondence_id, "score": score, "comment": comment, "channel": channel},
    ).one()
    return Rating(correspondence_id, item.reference, *row, replaced_score=earlier)


def rating_of(connection: Connection, correspondence_id: int) -> Optional[Rating]:
    """The item's rating, or None when the customer has not rated it."""
    row = connection.execute(
        text(
            "SELECT r.correspondence_id, c.reference, r.score, r.comment, r.channel, "
            "r.rated_at, r.recorded_by FROM imis.satisfaction_rating AS r "
            "JOIN imis.correspondence AS c ON c.id = r.correspondence_id "
            "WHERE r.correspondence_id = :id"
        ),
        {"id": correspondence_id},
    ).one_or_none()
    return None if row is None else Rating(*row)


# ----------------------------------------------------------------------------------------------
# Demo City ratings


DEMO_COLUMNS = ("correspondence_id", "score", "comment", "channel", "rated_at", "recorded_by")


def add_demo_ratings(cursor: psycopg2.extensions.cursor, seed: int, as_of: dt.datetime) -> int:
    """Rates a share of the register's closed items as Demo City customers would
    (core.demo_city.ratings); returns how many.

    Runs inside the demo load's transaction, on the emptied table with its audit triggers
    paused by the load as for its own tables (demo data is nobody's change).
    """
    cursor.execute(
        """
        SELECT id, extract(epoch FROM closed_at)::bigint,
               resolution_due_at IS NULL
                   OR coalesce(resolved_at, closed_at) <= resolution_due_at,
               classification = 'compliment', logged_by
          FROM imis.correspondence WHERE status = 'closed' ORDER BY id
        """
    )
    rows = cursor.fetchall()
    ids, closed_at, in_time, compliment, logged_by = zip(*rows) if rows else ((),) * 5
    items = ClosedItems(
        np.array(ids, dtype=np.int64),
        np.array(closed_at, dtype=np.int64),
        np.array(in_time, dtype=bool),
        np.array(compliment, dtype=bool),
        np.array(logged_by, dtype=object),
    )
    columns = demo_ratings(seed, items, int(as_of.timestamp()))
    cursor.copy_expert(
        f"COPY imis.satisfaction_rating ({', '.join(DEMO_COLUMNS)}) FROM STDIN",
        io.StringIO(copy_text(DEMO_COLUMNS, columns)),
    )
    return len(columns["score"])
