"""What the user is told when the database is missing, unreachable, refused or out of date."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from imis_customer_plugin.db import migrate
from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from imis_customer_plugin.services.database import DatabaseState, check_database


@pytest.fixture(scope="module")
def tcp_login(cluster) -> dict[str, str]:
    return cluster.create_login("right-password")


def test_ready_database(migrated_database) -> None:
    status = check_database(migrated_database)
    assert status.state is DatabaseState.READY
    assert status.current == status.head == migrate.head_revision()


def test_missing_database(server_settings) -> None:
    status = check_database(server_settings.with_database("imis_no_such_database"))
    assert status.state is DatabaseState.MISSING_DATABASE
    assert "does not exist" in status.message()


def test_unknown_service() -> None:
    status = check_database(ConnectionSettings.from_service("imis_no_such_service"))
    assert status.state is DatabaseState.UNKNOWN_SERVICE
    assert "imis_no_such_service" in status.message()


def test_unreachable_server() -> None:
    status = check_database(
        ConnectionSettings({"host": "127.0.0.1", "port": "1", "dbname": "imis"})
    )
    assert status.state is DatabaseState.UNREACHABLE
    assert "cannot be reached" in status.message()


def test_wrong_password(tcp_login, migrated_database) -> None:
    dbname = migrated_database.params["dbname"]
    wrong = ConnectionSettings({**tcp_login, "dbname": dbname, "password": "wrong-password"})
    status = check_database(wrong)
    assert status.state is DatabaseState.AUTH_FAILED
    assert "wrong-password" not in status.message()  # never echo a secret
    right = ConnectionSettings({**tcp_login, "dbname": dbname, "password": "right-password"})
    assert check_database(right).state is DatabaseState.NO_ACCESS  # logged in, no IMIS role


def test_empty_database_offers_installation(empty_database) -> None:
    status = check_database(empty_database)
    assert status.state is DatabaseState.EMPTY
    assert status.upgradable  # the developer's role may create schemas in its own database


def test_older_schema_is_offered_the_upgrade(empty_database) -> None:
    engine = create_db_engine(empty_database)
    migrate.upgrade(engine, "0001")
    engine.dispose()
    status = check_database(empty_database)
    assert migrate.head_revision() != "0001", "needs a second migration to be meaningful"
    assert status.state is DatabaseState.OLDER
    assert status.current == "0001"
    assert status.upgradable
    assert "Upgrade the database" in status.message()


def test_older_schema_not_upgradable_by_a_plain_user(tcp_login, empty_database) -> None:
    engine = create_db_engine(empty_database)
    migrate.upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text(f'GRANT USAGE ON SCHEMA imis TO "{tcp_login["user"]}"'))
    engine.dispose()
    dbname = empty_database.params["dbname"]
    desk = ConnectionSettings({**tcp_login, "dbname": dbname, "password": "right-password"})
    status = check_database(desk)
    assert status.state is DatabaseState.OLDER
    assert not status.upgradable


def test_role_without_access_to_the_schema(tcp_login, empty_database) -> None:
    engine = create_db_engine(empty_database)
    migrate.upgrade(engine, "0001")
    engine.dispose()
    dbname = empty_database.params["dbname"]
    desk = ConnectionSettings({**tcp_login, "dbname": dbname, "password": "right-password"})
    status = check_database(desk)
    assert status.state is DatabaseState.NO_ACCESS
    assert "administrator" in status.message()


def test_newer_schema_asks_for_a_plugin_update(empty_database) -> None:
    engine = create_db_engine(empty_database)
    migrate.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE imis.alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    status = check_database(empty_database)
    assert status.state is DatabaseState.NEWER
    assert not status.upgradable
    assert "Update the IMIS Customer plugin" in status.message()


def test_database_without_postgis(database_factory) -> None:
    assert check_database(database_factory(template="template0")).state is DatabaseState.NO_POSTGIS
