"""Issue 6 benchmark: outbox delivery rate against a local SMTP server (aiosmtpd).

Ours: deliver_due() on queued e-mails (claim a batch, render, send, one short transaction per
outcome). Bare: smtplib sending the same number of messages over one connection to the same
server, in the same run. The rows it queues are deleted afterwards.
"""

from __future__ import annotations

import logging
import smtplib
import socket
import time
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.services.delivery import DeliveryConfig, deliver_due

from .common import Result

BATCH = 100
SENDER = "customer.relations@city.example"


class _CountingInbox:
    def __init__(self) -> None:
        self.received = 0

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        return "250 OK"


# Due long before anything real (year 2000), so deliver_due() claims these first and the
# bounded number of batches takes exactly them, not other messages waiting in the register.
_QUEUE = text(
    """
    INSERT INTO imis.outbox (correspondence_id, event_id, kind, audience, channel, recipient,
                             language, params, next_attempt_at, created_at)
    SELECT e.correspondence_id, e.id, 'acknowledgement', 'customer', 'email',
           'bench' || n || '@mail.example', 'en',
           jsonb_build_object('reference', 'CR2026-' || lpad(n::text, 6, '0'),
                              'classification', 'complaint', 'category', 'Burst pipe',
                              'department', 'Water and Sanitation',
                              'customer_name', 'Benchmark Customer ' || n),
           timestamptz '2000-01-01' + n * interval '1 microsecond', now()
      FROM (SELECT id, correspondence_id FROM imis.correspondence_event ORDER BY id LIMIT 1) AS e,
           generate_series(1, :count) AS n
    RETURNING id
    """
)
_STALE_CLAIMS = text(
    "SELECT count(*) FROM imis.outbox WHERE status = 'sending' AND claimed_until < now()"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _bare_rate(port: int, count: int) -> float:
    """Messages of the same shape over one smtplib connection: what SMTP alone costs."""
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
        for n in range(count):
            mail = EmailMessage()
            mail["From"] = SENDER
            mail["To"] = f"bare{n}@mail.example"
            mail["Subject"] = f"Your complaint CR2026-{n:06d} has been logged"
            mail["Message-ID"] = f"<bare-{n}@imis>"
            mail.set_content(f"Dear Benchmark Customer {n}\n\nReference CR2026-{n:06d}.")
            smtp.send_message(mail)
    return count / (time.perf_counter() - start)


def _our_rate(engine: Engine, port: int, count: int) -> float:
    config = DeliveryConfig(smtp_host="127.0.0.1", smtp_port=port, smtp_from=SENDER)
    with engine.connect() as connection:
        if connection.execute(_STALE_CLAIMS).scalar():
            raise RuntimeError("the register has expired outbox claims; this run would send them")
    with engine.begin() as connection:
        ids = list(connection.execute(_QUEUE, {"count": count}).scalars())
    if len(ids) != count:
        raise RuntimeError("the benchmark register needs at least one correspondence event")
    try:
        start = time.perf_counter()
        report = deliver_due(engine, config, batch=BATCH, max_batches=-(-count // BATCH))
        elapsed = time.perf_counter() - start
        with engine.connect() as connection:
            sent = connection.execute(
                text("SELECT count(*) FROM imis.outbox WHERE id = ANY(:ids) AND status = 'sent'"),
                {"ids": ids},
            ).scalar()
        if sent != count or report.sent != count:
            raise RuntimeError(f"{sent} of {count} benchmark messages sent ({report})")
    finally:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM imis.outbox WHERE id = ANY(:ids)"), {"ids": ids})
    return count / elapsed


def run(engine: Engine, count: int = 2000) -> list[Result]:
    inbox, port = _CountingInbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
    delivery_log = logging.getLogger("imis_customer_plugin.services.delivery")
    level = delivery_log.level
    delivery_log.setLevel(logging.ERROR)  # "no sms sender" is expected here
    try:
        _bare_rate(port, min(count, 200))  # warm both sides of the connection up
        bare = _bare_rate(port, count)
        ours = _our_rate(engine, port, count)
    finally:
        delivery_log.setLevel(level)
        controller.stop()
    return [Result("outbox_email_delivery", ours, "messages/s", bare)]
