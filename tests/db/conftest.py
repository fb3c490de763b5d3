"""Database tests: fixtures in tests/conftest.py, seed data in tests/municipality.py, and the
fixtures several database test modules share: a register with an escalation ladder, and a
real SMTP server."""

from __future__ import annotations

import email
import email.policy
import socket
from collections import Counter
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from sqlalchemy import text

from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine

from .. import municipality
from ..municipality import ORIGIN_X, ORIGIN_Y, PARCELS

__all__ = ["ORIGIN_X", "ORIGIN_Y", "PARCELS"]


LOGIN_PASSWORD = "desk-secret"


def _login_in(cluster, group: str) -> dict[str, str]:
    login = cluster.create_login(LOGIN_PASSWORD)
    owner = create_db_engine(cluster.server)
    with owner.begin() as connection:
        connection.exec_driver_sql(f'GRANT {group} TO "{login["user"]}"')
    owner.dispose()
    return login


@pytest.fixture(scope="session")
def finance_login(cluster) -> dict[str, str]:
    """A finance officer's own login: a member of imis_finance only."""
    return _login_in(cluster, "imis_finance")


@pytest.fixture(scope="session")
def desk_login(cluster) -> dict[str, str]:
    """A desk's own login: an imis_operator, who allocates but may not approve."""
    return _login_in(cluster, "imis_operator")


def login_settings(login: dict[str, str], settings: ConnectionSettings) -> ConnectionSettings:
    """`login`'s connection to the database of `settings`."""
    return ConnectionSettings(
        {**login, "dbname": settings.params["dbname"], "password": LOGIN_PASSWORD}
    )


@pytest.fixture()
def staffed_register(database_factory, template: str) -> ConnectionSettings:
    """The seeded register of its own, with the Water department's escalation ladder."""
    settings = database_factory(template=template)
    engine = create_db_engine(settings)
    municipality.seed_reference_data(engine)
    with engine.begin() as connection:
        connection.execute(
            text(
                """
                INSERT INTO imis.staff (role_name, full_name, email, department_id)
                SELECT v.role, v.name, v.email, d.id
                  FROM (VALUES ('sup', 'Sam Supervisor', 'sup@city.example'),
                               ('mgr', 'Mandla Manager', 'mgr@city.example'),
                               ('dir', 'Dineo Director', 'dir@city.example'))
                       AS v (role, name, email),
                       imis.department AS d WHERE d.code = 'WATER';
                INSERT INTO imis.escalation_level (department_id, level, title, staff_id)
                SELECT s.department_id, v.level, v.title, s.id
                  FROM (VALUES (1, 'Supervisor', 'sup'), (2, 'Manager', 'mgr'),
                               (3, 'Director', 'dir')) AS v (level, title, role)
                  JOIN imis.staff AS s ON s.role_name = v.role;
                """
            )
        )
    engine.dispose()
    return settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """aiosmtpd handler: keeps every message it accepts; refuses the addresses in `refuse`."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.refuse: dict[str, str] = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"

    def message_ids(self) -> Counter:
        return Counter(m["Message-ID"] for m in self.messages)


def _only_imis_with_password(server, session, envelope, mechanism, auth_data) -> AuthResult:
    valid = (auth_data.login, auth_data.password) == (b"imis", b"s3cret")
    return AuthResult(success=valid, handled=False)


@pytest.fixture()
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    """Takes mail with or without a login; a login must be imis / s3cret."""
    inbox, port = Inbox(), free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=_only_imis_with_password,
        auth_require_tls=False,
    )
    controller.start()
    yield inbox, port
    controller.stop()
