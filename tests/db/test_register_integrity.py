"""What the database itself guarantees, whoever writes: stale edits, constraints, history, audit."""

from __future__ import annotations

import select

import psycopg2
import pytest
from psycopg2 import errors
from sqlalchemy import text

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.errors import ConflictError
from imis_customer_plugin.core.workflow import Action, ActionInput, Status
from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from imis_customer_plugin.services import locate, register

from .conftest import ORIGIN_X, ORIGIN_Y


def _logged_and_located(engine) -> register.CorrespondenceState:
    with engine.begin() as connection:
        state = register.log_correspondence(
            connection, NewCorrespondence("POTHOLE", "web", "Pothole outside number 11")
        )
        return locate.locate_at_point(
            connection, state.id, state.row_version, ORIGIN_X + 50, ORIGIN_Y + 50, 32734
        ).state


def test_stale_update_from_a_second_desk_is_refused_and_says_who(register_settings) -> None:
    desk_a = create_db_engine(register_settings)
    desk_b = create_db_engine(register_settings)
    try:
        item = _logged_and_located(desk_a)
        # Both desks read version N; desk B saves first.
        with desk_b.begin() as connection:
            saved_by_b = register.apply_action(
                connection, item.id, item.row_version, Action.START, ActionInput()
            )
        with pytest.raises(ConflictError) as conflict, desk_a.begin() as connection:
            register.apply_action(
                connection, item.id, item.row_version, Action.PEND, ActionInput(reason="Gate shut")
            )
        error = conflict.value
        with desk_a.connect() as connection:
            me = connection.execute(text("SELECT session_user")).scalar()
        assert error.changed_by == me
        assert error.changes["status"] == ("assigned", "in_progress")
        assert "Your changes were not saved" in str(error)
        with desk_a.connect() as connection:
            status, version = connection.execute(
                text("SELECT status, row_version FROM imis.correspondence WHERE id = :id"),
                {"id": item.id},
            ).one()
        # Desk B's save stands as it left it; desk A's stale save changed nothing.
        assert (status, version) == (Status.IN_PROGRESS.value, saved_by_b.row_version)
    finally:
        desk_a.dispose()
        desk_b.dispose()


def test_an_operator_is_told_who_overwrote_his_edit(register_settings, cluster) -> None:
    """Operators may not read the audit log; the conflict message must still name the user."""
    login = cluster.create_login("operator-secret")
    admin = create_db_engine(register_settings)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'GRANT imis_operator TO "{login["user"]}"')
    dbname = register_settings.params["dbname"]
    operator = create_db_engine(
        ConnectionSettings({**login, "dbname": dbname, "password": "operator-secret"})
    )
    try:
        item = _logged_and_located(operator)
        with admin.begin() as connection:  # a supervisor's desk saves first
            register.apply_action(
                connection, item.id, item.row_version, Action.START, ActionInput()
            )
        with pytest.raises(ConflictError) as conflict, operator.begin() as connection:
            register.apply_action(
                connection, item.id, item.row_version, Action.PEND, ActionInput(reason="Gate")
            )
        with admin.connect() as connection:
            supervisor = connection.execute(text("SELECT session_user")).scalar()
        assert conflict.value.changed_by == supervisor
        assert conflict.value.changed_at.endswith("SAST")
    finally:
        operator.dispose()
        admin.dispose()


def test_concurrent_writers_serialise_on_the_row(register_settings) -> None:
    """Desk A holds the row lock; desk B waits, then sees A's version and is refused."""
    engine = create_db_engine(register_settings)
    item = _logged_and_located(engine)
    first = psycopg2.connect(register_settings.dsn())
    second = psycopg2.connect(register_settings.dsn())
    try:
        with first.cursor() as cursor:
            cursor.execute(
                "UPDATE imis.correspondence SET status = 'in_progress', row_version = %s "
                "WHERE id = %s",
                (item.row_version, item.id),
            )
        second.autocommit = False
        with second.cursor() as cursor:
            cursor.execute("SET lock_timeout = '200ms'")
            with pytest.raises(errors.LockNotAvailable):
                cursor.execute(
                    "UPDATE imis.correspondence SET description = 'B', row_version = %s "
                    "WHERE id = %s",
                    (item.row_version, item.id),
                )
        second.rollback()
        first.commit()
        with second.cursor() as cursor, pytest.raises(errors.SerializationFailure, match="stale"):
            cursor.execute(
                "UPDATE imis.correspondence SET description = 'B', row_version = %s WHERE id = %s",
                (item.row_version, item.id),
            )
    finally:
        first.close()
        second.close()
        engine.dispose()


@pytest.fixture()
def raw(register_settings):
    connection = psycopg2.connect(register_settings.dsn())
    yield connection
    connection.rollback()
    connection.close()


@pytest.mark.parametrize(
    ("statement", "error"),
    [
        ("UPDATE imis.correspondence SET status = 'lost' WHERE id = {id}", errors.CheckViolation),
        ("UPDATE imis.correspondence SET description = '' WHERE id = {id}", errors.CheckViolation),
        (
            "UPDATE imis.correspondence SET category_id = 999 WHERE id = {id}",
            errors.ForeignKeyViolation,
        ),
        (
            "UPDATE imis.correspondence SET status = 'deferred' WHERE id = {id}",
            errors.CheckViolation,
        ),
        ("UPDATE imis.correspondence SET geom = NULL WHERE id = {id}", errors.CheckViolation),
        (
            "UPDATE imis.correspondence SET reference = (SELECT min(reference) FROM "
            "imis.correspondence) WHERE id = {id}",
            errors.UniqueViolation,
        ),
        (
            "UPDATE imis.correspondence_event SET reason = 'x' WHERE correspondence_id = {id}",
            errors.InsufficientPrivilege,
        ),
        (
            "DELETE FROM imis.correspondence_event WHERE correspondence_id = {id}",
            errors.InsufficientPrivilege,
        ),
        ("DELETE FROM imis.audit_log", errors.InsufficientPrivilege),
        (
            "UPDATE imis.parcel SET geom = 'SRID=32734;MULTIPOLYGON(((0 0,10 10,10 0,0 10,0 0)))' "
            "WHERE id = 1",
            errors.CheckViolation,
        ),
        (
            "UPDATE imis.parcel SET geom = 'SRID=4326;MULTIPOLYGON(((0 0,1 0,1 1,0 0)))' "
            "WHERE id = 1",
            errors.InvalidParameterValue,
        ),
    ],
    ids=[
        "status",
        "description",
        "category",
        "deferred-without-date",
        "unlocated",
        "duplicate-reference",
        "rewrite-history",
        "delete-history",
        "delete-audit",
        "bow-tie-parcel",
        "wrong-srid",
    ],
)
def test_database_refuses_corruption_from_any_tool(register_engine, raw, statement, error) -> None:
    item = _logged_and_located(register_engine)
    with raw.cursor() as cursor, pytest.raises(error):
        cursor.execute(statement.format(id=item.id))


def test_every_change_is_audited_with_the_session_user(register_engine, raw) -> None:
    item = _logged_and_located(register_engine)
    with raw.cursor() as cursor:
        cursor.execute(
            "UPDATE imis.correspondence SET priority = 1 WHERE id = %s", (item.id,)
        )  # as from a QGIS attribute table: no version named, still counted
        cursor.execute(
            "SELECT operation, actor = session_user, old_row->>'priority', new_row->>'priority',"
            " (new_row->>'row_version')::int FROM imis.audit_log "
            "WHERE table_name = 'correspondence' AND row_id = %s ORDER BY id DESC LIMIT 1",
            (item.id,),
        )
        assert cursor.fetchone() == ("UPDATE", True, "3", "1", item.row_version + 1)
    raw.commit()


def test_register_changes_notify_qgis(register_settings, register_engine) -> None:
    listener = psycopg2.connect(register_settings.dsn())
    listener.autocommit = True
    try:
        with listener.cursor() as cursor:
            cursor.execute("LISTEN qgis")
        _logged_and_located(register_engine)
        payloads: set[str] = set()
        for _ in range(20):
            if select.select([listener], [], [], 0.5) != ([], [], []):
                listener.poll()
                payloads |= {n.payload for n in listener.notifies}
            if {"correspondence", "correspondence_event"} <= payloads:
                break
        assert {"correspondence", "correspondence_event"} <= payloads
    finally:
        listener.close()
