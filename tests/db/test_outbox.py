"""Delivering the outbox on real PostGIS, to a real SMTP server (aiosmtpd) and a real HTTP
SMS gateway (http.server), both on localhost.

The module has its own copy of the seeded register, and each test starts with an empty
outbox: deliver_due() takes every due message, so counts at the servers are exact.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ProgrammingError

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.errors import ImisError, ValidationError
from imis_customer_plugin.core.messages import MAX_ATTEMPTS
from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from imis_customer_plugin.services import outbox, register
from imis_customer_plugin.services.delivery import DeliveryConfig, deliver_due

from .. import municipality
from .conftest import free_port

LEASE = dt.timedelta(minutes=5)


@pytest.fixture(scope="module")
def settings(database_factory, template: str) -> ConnectionSettings:
    own = database_factory(template=template)
    engine = create_db_engine(own)
    municipality.seed_reference_data(engine)
    engine.dispose()
    return own


@pytest.fixture(scope="module")
def engine(settings: ConnectionSettings) -> Iterator[Engine]:
    own = create_db_engine(settings)
    yield own
    own.dispose()


@pytest.fixture(scope="module")
def desk(engine: Engine, settings: ConnectionSettings, cluster) -> Iterator[Engine]:
    """A desk's own login, an imis_operator, as the GUI connects."""
    login = cluster.create_login("desk-secret")
    with engine.begin() as connection:
        connection.exec_driver_sql(f'GRANT imis_operator TO "{login["user"]}"')
    dbname = settings.params["dbname"]
    operator = create_db_engine(
        ConnectionSettings({**login, "dbname": dbname, "password": "desk-secret"})
    )
    yield operator
    operator.dispose()


@pytest.fixture(autouse=True)
def empty_outbox(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM imis.outbox"))


class Gateway(ThreadingHTTPServer):
    """An SMS gateway: records each POST; answers with the next of `statuses`, else 200."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _GatewayHandler)
        self.requests: list[tuple[dict[str, str], dict]] = []
        self.statuses: list[int] = []
        self.delay = 0.0  # seconds before each answer
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/sms"


class _GatewayHandler(BaseHTTPRequestHandler):
    server: Gateway

    def do_POST(self) -> None:
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with self.server.lock:
            self.server.requests.append((dict(self.headers), payload))
            status = self.server.statuses.pop(0) if self.server.statuses else 200
        time.sleep(self.server.delay)
        answer = json.dumps({"ok": status == 200, "error": "" if status == 200 else "no"})
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(answer.encode())

    def log_message(self, format, *args) -> None:  # quiet test output
        pass


@pytest.fixture()
def gateway() -> Iterator[Gateway]:
    server = Gateway()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture()
def config(smtp_server, gateway) -> DeliveryConfig:
    return DeliveryConfig(
        smtp_host="127.0.0.1",
        smtp_port=smtp_server[1],
        smtp_from="customer.relations@city.example",
        smtp_timeout=5,
        sms_url=gateway.url,
        sms_token="test-token",
        sms_timeout=5,
    )


def _customer(
    engine: Engine,
    channel: str,
    language: str = "en",
    email_address: str | None = "zoe@mail.example",
    phone: str | None = "+27829876543",
    name: str = "Zoë Mokoena",
) -> int:
    with engine.begin() as connection:
        return connection.execute(
            text(
                "INSERT INTO imis.customer (full_name, phone, email, preferred_channel, "
                "language, consent_to_contact) VALUES (:name, :phone, :email, :channel, "
                ":language, true) RETURNING id"
            ),
            dict(name=name, phone=phone, email=email_address, channel=channel, language=language),
        ).scalar_one()


def _log(engine: Engine, customer_id: int, category: str = "BURST_PIPE"):
    request = NewCorrespondence(
        category, "telephone", "No water since Monday", customer_id=customer_id
    )
    with engine.begin() as connection:
        return register.log_correspondence(connection, request)


def _messages(engine: Engine, correspondence_id: int) -> list[outbox.OutboxEntry]:
    with engine.connect() as connection:
        return outbox.messages_for(connection, correspondence_id)


def _only(engine: Engine, correspondence_id: int) -> outbox.OutboxEntry:
    (message,) = _messages(engine, correspondence_id)
    return message


def _seconds_until_next_attempt(engine: Engine, message_id: int) -> float:
    with engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT extract(epoch FROM next_attempt_at - now()) FROM imis.outbox WHERE id = :id"
            ),
            {"id": message_id},
        ).scalar_one()


def _make_due(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE imis.outbox SET next_attempt_at = now() WHERE status = 'pending'")
        )


def test_the_customers_email_arrives_with_the_reference(engine, config, smtp_server) -> None:
    inbox, _ = smtp_server
    item = _log(engine, _customer(engine, "email"))
    queued = _only(engine, item.id)
    assert (queued.kind, queued.status, queued.recipient) == (
        "acknowledgement",
        "pending",
        "zoe@mail.example",
    )

    report = deliver_due(engine, config)

    assert (report.sent, report.retried, report.failed) == (1, 0, 0)
    (mail,) = inbox.messages
    assert mail["To"] == "zoe@mail.example"
    assert mail["From"] == "customer.relations@city.example"
    assert mail["Message-ID"] == f"<imis-outbox-{queued.id}@imis>"
    assert mail["Subject"] == f"Your complaint {item.reference} has been logged"
    assert mail.get_content_type() == "text/plain"
    assert mail.get_content_charset() == "utf-8"
    body = mail.get_content()
    assert item.reference in body and "Dear Zoë Mokoena" in body and '"Burst pipe"' in body
    sent = _only(engine, item.id)
    assert (sent.status, sent.attempts, sent.subject) == ("sent", 1, mail["Subject"])
    assert sent.sent_at is not None
    assert deliver_due(engine, config).sent == 0  # nothing twice


def test_the_sms_reaches_the_gateway_with_an_idempotency_key(engine, config, gateway) -> None:
    item = _log(engine, _customer(engine, "sms"))
    message_id = _only(engine, item.id).id

    assert deliver_due(engine, config).sent == 1

    ((headers, payload),) = gateway.requests
    assert payload["to"] == "+27829876543"
    assert payload["reference"] == f"imis-outbox-{message_id}"
    assert payload["message"] == (
        f"City: your complaint (Burst pipe) is logged as {item.reference}. "
        "Quote it when you contact us."
    )
    assert headers["Idempotency-Key"] == f"imis-outbox-{message_id}"
    assert headers["Authorization"] == "Bearer test-token"
    assert _only(engine, item.id).status == "sent"


def test_a_gateway_outage_is_retried_with_backoff_and_nothing_is_lost(
    engine, config, gateway
) -> None:
    item = _log(engine, _customer(engine, "sms"))
    gateway.statuses = [503, 502]

    report = deliver_due(engine, config)

    assert (report.sent, report.retried, report.failed) == (0, 1, 0)
    waiting = _only(engine, item.id)
    assert (waiting.status, waiting.attempts) == ("pending", 1)
    assert "503" in waiting.last_error
    assert 55 < _seconds_until_next_attempt(engine, waiting.id) <= 60  # 1 minute
    assert deliver_due(engine, config).sent == 0  # not due yet

    _make_due(engine)
    assert deliver_due(engine, config).retried == 1
    assert 115 < _seconds_until_next_attempt(engine, waiting.id) <= 120  # then 2 minutes

    _make_due(engine)
    assert deliver_due(engine, config).sent == 1
    delivered = _only(engine, item.id)
    assert (delivered.status, delivered.attempts, delivered.last_error) == ("sent", 3, "")
    keys = {headers["Idempotency-Key"] for headers, _ in gateway.requests}
    assert len(gateway.requests) == 3 and keys == {f"imis-outbox-{waiting.id}"}


def test_an_smtp_server_that_is_down_holds_the_whole_channel(engine, config, smtp_server) -> None:
    inbox, _ = smtp_server
    customer = _customer(engine, "email")
    items = [_log(engine, customer), _log(engine, customer)]
    down = dataclasses.replace(config, smtp_port=free_port())

    report = deliver_due(engine, down)

    # One attempt finds the server down; the other message is not even tried.
    assert (report.sent, report.retried, report.failed, report.skipped) == (0, 1, 0, 1)
    waiting = [_only(engine, item.id) for item in items]
    assert [m.status for m in waiting] == ["pending", "pending"]
    assert sorted(m.attempts for m in waiting) == [0, 1]
    assert "ConnectionRefusedError" in max(waiting, key=lambda m: m.attempts).last_error
    assert all(50 < _seconds_until_next_attempt(engine, m.id) <= 60 for m in waiting)

    _make_due(engine)
    assert deliver_due(engine, config).sent == 2
    assert sorted(inbox.message_ids().values()) == [1, 1]


def test_permanent_failures_fail_at_once_and_staff_see_them(
    engine, desk, config, smtp_server, gateway
) -> None:
    inbox, _ = smtp_server
    inbox.refuse["gone@mail.example"] = "550 5.1.1 <gone@mail.example>: mailbox unavailable"
    by_email = _log(engine, _customer(engine, "email", email_address="gone@mail.example"))
    by_sms = _log(engine, _customer(engine, "sms"))
    gateway.statuses = [400]

    report = deliver_due(engine, config)

    assert (report.sent, report.retried, report.failed) == (0, 0, 2)
    assert inbox.messages == []
    with engine.connect() as connection:
        failed = {m.correspondence_id: m for m in outbox.failed_messages(connection)}
        assert outbox.failed_messages(connection, by_sms.id) == [failed[by_sms.id]]
    assert failed.keys() == {by_email.id, by_sms.id}
    assert "550" in failed[by_email.id].last_error
    assert "mailbox unavailable" in failed[by_email.id].last_error
    assert failed[by_sms.id].last_error.startswith("SMS gateway 400")
    assert failed[by_email.id].reference == by_email.reference
    assert all(m.attempts == 1 and m.status == "failed" for m in failed.values())

    with desk.begin() as connection:  # a desk queues one again (the gateway had a bad day)
        outbox.retry_failed(connection, failed[by_sms.id].id)
    assert deliver_due(engine, config).sent == 1
    assert _only(engine, by_sms.id).status == "sent"


def test_transient_failures_give_up_after_the_last_attempt(engine, config, gateway) -> None:
    item = _log(engine, _customer(engine, "sms"))
    with engine.begin() as connection:
        connection.execute(text("UPDATE imis.outbox SET attempts = :n"), {"n": MAX_ATTEMPTS - 1})
    gateway.statuses = [429]

    assert deliver_due(engine, config).failed == 1

    message = _only(engine, item.id)
    assert (message.status, message.attempts) == ("failed", MAX_ATTEMPTS)
    assert "429" in message.last_error


def test_a_crash_after_claiming_loses_nothing_and_sends_once(engine, config, smtp_server) -> None:
    inbox, _ = smtp_server
    item = _log(engine, _customer(engine, "email"))
    with engine.begin() as connection:  # a worker claims, then dies before sending
        (claimed,) = outbox.claim_due(connection, 10, LEASE)

    assert deliver_due(engine, config).sent == 0  # still leased to the dead worker
    assert _only(engine, item.id).status == "sending"
    with engine.begin() as connection:  # the lease runs out
        connection.execute(
            text("UPDATE imis.outbox SET claimed_until = now() - interval '1 second'")
        )

    assert deliver_due(engine, config).sent == 1

    assert inbox.message_ids() == {f"<imis-outbox-{claimed.id}@imis>": 1}
    message = _only(engine, item.id)
    assert (message.status, message.attempts) == ("sent", 2)
    with engine.begin() as connection:  # the dead worker's claim no longer counts
        assert not outbox.mark_failed(connection, claimed, "late")
    assert _only(engine, item.id).status == "sent"


def test_a_message_exists_exactly_when_its_event_does(engine) -> None:
    customer = _customer(engine, "email")
    request = NewCorrespondence("BURST_PIPE", "telephone", "Leak", customer_id=customer)
    with engine.connect() as connection:
        transaction = connection.begin()
        item = register.log_correspondence(connection, request)
        assert len(outbox.messages_for(connection, item.id)) == 1
        transaction.rollback()  # the desk's Save failed: no event, so no message either
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM imis.outbox")).scalar() == 0


def test_two_workers_deliver_each_message_exactly_once(
    engine, config, smtp_server, gateway
) -> None:
    inbox, _ = smtp_server
    by_email, by_sms = _customer(engine, "email"), _customer(engine, "sms")
    for _ in range(20):
        _log(engine, by_email)
        _log(engine, by_sms)
    start = threading.Barrier(2)
    reports = []

    def worker() -> None:
        start.wait()
        reports.append(deliver_due(engine, config, batch=3))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert sum(r.sent for r in reports) == 40
    assert len(inbox.message_ids()) == 20 and set(inbox.message_ids().values()) == {1}
    keys = Counter(headers["Idempotency-Key"] for headers, _ in gateway.requests)
    assert len(keys) == 20 and set(keys.values()) == {1}
    with engine.connect() as connection:
        statuses = connection.execute(
            text("SELECT status, max(attempts) FROM imis.outbox GROUP BY status")
        ).all()
    assert statuses == [("sent", 1)]


def test_no_address_is_a_visible_failure_that_staff_can_retry(engine, config, smtp_server) -> None:
    inbox, _ = smtp_server
    customer = _customer(engine, "email", email_address=None)
    item = _log(engine, customer)
    with engine.connect() as connection:
        (failed,) = outbox.failed_messages(connection, item.id)
    assert failed.last_error == "no email address for the customer"
    assert failed.recipient is None

    with pytest.raises(ValidationError, match="no e-mail address"), engine.begin() as connection:
        outbox.retry_failed(connection, failed.id)
    with engine.begin() as connection:  # the desk adds the address, then retries
        connection.execute(
            text("UPDATE imis.customer SET email = 'zoe@new.example' WHERE id = :id"),
            {"id": customer},
        )
        outbox.retry_failed(connection, failed.id)
    assert _only(engine, item.id).status == "pending"
    with pytest.raises(ValidationError, match="not failed"), engine.begin() as connection:
        outbox.retry_failed(connection, failed.id)

    assert deliver_due(engine, config).sent == 1
    assert [m["To"] for m in inbox.messages] == ["zoe@new.example"]


def test_a_channel_without_a_sender_leaves_its_messages_pending(engine, config) -> None:
    item = _log(engine, _customer(engine, "sms"))
    email_only = dataclasses.replace(config, sms_url="")

    report = deliver_due(engine, email_only)

    assert (report.sent, report.failed, report.skipped) == (0, 0, 1)
    assert deliver_due(engine, DeliveryConfig()).skipped == 1
    waiting = _only(engine, item.id)
    assert (waiting.status, waiting.attempts) == ("pending", 0)


def test_a_worker_gives_back_what_it_cannot_send_within_its_lease(engine, config, gateway) -> None:
    customer = _customer(engine, "sms")
    items = [_log(engine, customer) for _ in range(3)]
    gateway.delay = 1.2  # a slow gateway: the lease of 2 s ends before the second SMS

    report = deliver_due(engine, config, lease=dt.timedelta(seconds=2))

    assert (report.sent, report.retried, report.failed) == (1, 0, 0)
    messages = [_only(engine, item.id) for item in items]
    assert [(m.status, m.attempts) for m in messages] == [
        ("sent", 1),
        ("pending", 0),
        ("pending", 0),
    ]
    assert len(gateway.requests) == 1


def test_an_smtp_login(engine, config, smtp_server) -> None:
    inbox, _ = smtp_server
    item = _log(engine, _customer(engine, "email"))
    wrong = dataclasses.replace(config, smtp_user="imis", smtp_password="guess")

    assert deliver_due(engine, wrong).retried == 1  # our mistake, not the message's: it waits
    refused = _only(engine, item.id)
    assert (refused.status, refused.attempts) == ("pending", 1)
    assert "535" in refused.last_error

    _make_due(engine)
    assert deliver_due(engine, dataclasses.replace(wrong, smtp_password="s3cret")).sent == 1
    assert len(inbox.messages) == 1


def test_delivery_settings_come_from_the_environment() -> None:
    config = DeliveryConfig.from_environment(
        {
            "IMIS_SMTP_HOST": "mail.city.example",
            "IMIS_SMTP_PORT": "587",
            "IMIS_SMTP_USER": "imis",
            "IMIS_SMTP_PASSWORD": "s3cret",
            "IMIS_SMTP_FROM": "customer.relations@city.example",
            "IMIS_SMTP_STARTTLS": "yes",
            "IMIS_SMS_URL": "https://sms.example/v1/send",
            "IMIS_SMS_TOKEN": "t0ken",
        }
    )
    assert (config.smtp_host, config.smtp_port, config.smtp_starttls) == (
        "mail.city.example",
        587,
        True,
    )
    assert (config.smtp_password, config.sms_token) == ("s3cret", "t0ken")
    assert "s3cret" not in repr(config) and "t0ken" not in repr(config)
    assert DeliveryConfig.from_environment({}) == DeliveryConfig()
    for wrong, named in (
        ({"IMIS_SMTP_PORT": "twenty-five"}, "IMIS_SMTP_PORT"),
        ({"IMIS_SMTP_HOST": "mail.city.example"}, "IMIS_SMTP_FROM"),
        ({"IMIS_SMS_URL": "file:///etc/passwd"}, "IMIS_SMS_URL"),
    ):
        with pytest.raises(ImisError, match=named):
            DeliveryConfig.from_environment(wrong)


@pytest.mark.parametrize(
    ("language", "category", "subject"),
    [
        ("en", "COMPLIMENT", "Thank you for your compliment"),  # the classification's own
        ("af", "BURST_PIPE", "U saak {reference} is aangeteken"),  # the customer's language
        ("af", "COMPLIMENT", "U saak {reference} is aangeteken"),  # language over classification
        ("xh", "BURST_PIPE", "Your complaint {reference} has been logged"),  # English fallback
    ],
)
def test_the_template_is_chosen_by_classification_and_language(
    engine, config, smtp_server, language, category, subject
) -> None:
    inbox, _ = smtp_server
    item = _log(engine, _customer(engine, "email", language=language), category)

    deliver_due(engine, config)

    assert [m["Subject"] for m in inbox.messages] == [subject.format(reference=item.reference)]


def test_an_administrator_edits_templates(engine, desk, config, smtp_server) -> None:
    inbox, _ = smtp_server
    template = {"kind": "acknowledgement", "classification": "query", "language": "en"}
    with engine.connect() as connection:
        before = connection.execute(text("SELECT count(*) FROM imis.message_template")).scalar()

    with pytest.raises(ValidationError, match=r"\$nmae") as refused, engine.begin() as connection:
        outbox.save_template(
            connection, **template, channel="email", subject="Query $reference", body="Dear $nmae"
        )
    assert "$customer_name" in str(refused.value)  # says what may be used
    denied = "permission denied for table message_template"  # only administrators edit them
    with pytest.raises(ProgrammingError, match=denied), desk.begin() as connection:
        outbox.save_template(connection, **template, channel="email", subject="x", body="y")

    with engine.begin() as connection:
        first = outbox.save_template(
            connection, **template, channel="email", subject="Query $reference", body="Hi"
        )
        again = outbox.save_template(
            connection,
            **template,
            channel="email",
            subject="Your query $reference",
            body="Dear $customer_name, we will answer within a day.",
        )
        after = connection.execute(text("SELECT count(*) FROM imis.message_template")).scalar()
    assert first == again and after == before + 1

    item = _log(engine, _customer(engine, "email"), "BILL_QUERY")
    deliver_due(engine, config)
    (mail,) = inbox.messages
    assert mail["Subject"] == f"Your query {item.reference}"
    assert mail.get_content().strip() == "Dear Zoë Mokoena, we will answer within a day."
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM imis.message_template WHERE id = :id"), {"id": first})
