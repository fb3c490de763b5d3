"""`python -m imis_customer_plugin worker --once`: sweep, escalate, deliver, end to end."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from imis_customer_plugin import cli
from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.sla_calendar import SAST
from imis_customer_plugin.db.connection import create_db_engine
from imis_customer_plugin.services import escalation, locate, outbox, register

from .conftest import ORIGIN_X, ORIGIN_Y
from .test_sla import _backdate


def _worker_once(settings, port: int, monkeypatch, capsys) -> str:
    monkeypatch.setenv("IMIS_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("IMIS_SMTP_PORT", str(port))
    monkeypatch.setenv("IMIS_SMTP_FROM", "noreply@city.example")
    assert cli.main(["--dsn", settings.dsn(), "worker", "--once"]) == cli.EXIT_OK
    return capsys.readouterr().out


def test_a_crash_between_escalation_and_delivery_loses_nothing(
    staffed_register, smtp_server, monkeypatch, capsys, request
) -> None:
    inbox, port = smtp_server
    settings = staffed_register
    engine = create_db_engine(settings)
    request.addfinalizer(engine.dispose)
    with engine.begin() as connection:
        connection.execute(text("UPDATE imis.customer SET preferred_channel = 'email'"))
        customer_id = connection.execute(text("SELECT min(id) FROM imis.customer")).scalar()
        item = register.log_correspondence(
            connection,
            NewCorrespondence("BURST_PIPE", "telephone", "Leak", customer_id=customer_id),
        )
        locate.place_at_point(connection, item, ORIGIN_X + 50, ORIGIN_Y + 50, 32734)
    _backdate(engine, item.id, dt.datetime(2026, 8, 7, 16, 0, tzinfo=SAST))
    assert escalation.sweep(engine.begin).counts["breached"] == 1  # escalation committed...
    with engine.begin() as connection:  # ...then a worker claims the messages and dies
        claimed = outbox.claim_due(connection, 100, dt.timedelta(minutes=5))
        connection.execute(
            text("UPDATE imis.outbox SET claimed_until = now() - interval '1 second'")
        )
    assert {m.kind for m in claimed} == {"acknowledgement", "assignment", "escalation"}

    printed = _worker_once(settings, port, monkeypatch, capsys)

    assert "messages:" in printed
    received = {m["To"]: m for m in inbox.messages}
    assert set(received) == {"thandi@mail.example", "water@city.example", "sup@city.example"}
    reference = item.reference
    assert reference in received["thandi@mail.example"]["Subject"]
    assert reference in received["thandi@mail.example"].get_content()
    assert "escalated to Supervisor" in received["sup@city.example"].get_content()
    _worker_once(settings, port, monkeypatch, capsys)  # again: nothing twice
    assert len(inbox.messages) == 3
