"""One complaint through the whole IMIS-customer process, on real PostGIS, as the desks,
the artisan and finance would do it: log → locate → task routed → assigned → job card with
lines → asset condition updated → costs allocated → approved → exported → closed. Every step
is in the item's history and in the audit log."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

from sqlalchemy import text

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.costs import Allocation, Party
from imis_customer_plugin.core.job_cards import CompletedCard, CostLine, labour_line
from imis_customer_plugin.core.workflow import Action, ActionInput
from imis_customer_plugin.db.connection import create_db_engine
from imis_customer_plugin.services import assets, costs, job_cards, locate, register, tasks

from .conftest import ORIGIN_X, ORIGIN_Y, login_settings

SAST = dt.timezone(dt.timedelta(hours=2))


def _setting_up_the_water_department(engine) -> tuple[int, int]:
    """An artisan, a routing rule (burst pipes in ward 7: inspection then repair, to the
    artisan) and a valve on erf 1001; what an administrator sets up once."""
    with engine.begin() as connection:
        artisan = connection.execute(
            text(
                "INSERT INTO imis.staff (role_name, full_name, email, department_id, is_artisan, "
                "hourly_rate) SELECT 'art', 'Andile Artisan', 'andile@city.example', id, true, "
                "250 FROM imis.department WHERE code = 'WATER' RETURNING id"
            )
        ).scalar_one()
        connection.execute(
            text(
                "INSERT INTO imis.routing_rule (category_id, ward_id, department_id, "
                "default_staff_id, task_kinds) SELECT c.id, 1, c.department_id, :artisan, "
                "'{inspection,repair}' FROM imis.category AS c WHERE c.code = 'BURST_PIPE';"
                "UPDATE imis.department SET mscoa_function = 'FW.01', mscoa_costing = 'C100' "
                "WHERE code = 'WATER'; UPDATE imis.ward SET mscoa_region = 'R07'"
            ),
            {"artisan": artisan},
        )
        valve = assets.create_asset(
            connection,
            assets.NewAsset(
                "V-1001", "valve", f"POINT({ORIGIN_X + 40} {ORIGIN_Y + 40})", 32734,
                department_code="WATER", condition=3,
            ),
        )  # fmt: skip
    return artisan, valve.id


def test_one_complaint_from_the_call_to_finance_and_closure(
    staffed_register, finance_login, tmp_path
) -> None:
    engine = create_db_engine(staffed_register)
    finance = create_db_engine(login_settings(finance_login, staffed_register))
    try:
        artisan, valve = _setting_up_the_water_department(engine)
        customer = _customer(engine)

        # 1. Log and locate: the call centre.
        with engine.begin() as connection:
            logged = register.log_correspondence(
                connection,
                NewCorrespondence("BURST_PIPE", "telephone", "Water pouring from the valve",
                                  customer_id=customer),
            )  # fmt: skip
            located = locate.place_at_point(
                connection, logged, ORIGIN_X + 50, ORIGIN_Y + 50, 32734
            ).state
            linked = assets.link_asset(connection, located.id, located.row_version, valve)
        item = linked.state

        # 2. Task: routed by the rule, inspection then repair, the repair to the artisan.
        with engine.connect() as connection:
            inspection, repair = tasks.tasks_of(connection, item.id)
        assert (inspection.kind, repair.kind) == ("inspection", "repair")
        assert repair.status == "assigned" and repair.assigned_staff_id == artisan
        with engine.begin() as connection:
            tasks.cancel(connection, inspection.id, inspection.row_version,
                         "The supervisor saw it on the call: no inspection needed")  # fmt: skip

        # 3. Job card: the artisan's work in the field, the valve's condition updated.
        with engine.begin() as connection:
            card = job_cards.open_job_card(connection, repair.id)
            card = job_cards.add_line(
                connection, card.id, card.row_version, labour_line("2.5", "250", "Andile")
            )
            card = job_cards.add_line(
                connection, card.id, card.row_version,
                CostLine("material", "Valve seal kit", "1", "each", "480.00"),
            )  # fmt: skip
            card = job_cards.set_asset(connection, card.id, card.row_version, valve)
            now = dt.datetime.now(SAST)
            card = job_cards.complete_job_card(
                connection, card.id, card.row_version,
                CompletedCard(now - dt.timedelta(hours=3), now - dt.timedelta(minutes=5),
                              "Replaced the valve seal; no more leak", "Andile Artisan",
                              condition_before=4, condition_after=2),
            )  # fmt: skip
        with engine.connect() as connection:
            assert tasks.task(connection, repair.id).status == "done"
            assert assets.get_asset(connection, valve).condition == 2

        # The desk resolves the item for the customer.
        with engine.begin() as connection:
            state = register.lock_for_update(connection, item.id, _version(engine, item.id))
            state = register.apply_action(connection, item.id, state.row_version, Action.START,
                                          ActionInput())  # fmt: skip
            state = register.apply_action(
                connection, item.id, state.row_version, Action.RESOLVE,
                ActionInput(resolution="The valve seal was replaced."),
            )  # fmt: skip

        # 4. Financial report: 625.00 labour + 480.00 material = 1,105.00; the department
        # pays the labour, the customer's account is billed for the part.
        with engine.connect() as connection:
            assert costs.costs_of(connection, item.id).total == Decimal("1105.00")
        with engine.begin() as connection:
            costs.allocate(
                connection, item.id,
                [Allocation(Party.DEPARTMENT, Decimal("625.00"), department="WATER"),
                 Allocation(Party.CUSTOMER, Decimal("480.00"), account="400123456")],
            )  # fmt: skip
        with finance.begin() as connection:
            costs.approve(connection, item.id)
        with finance.begin() as connection:
            exported = costs.export_batch(connection, tmp_path)
        exported.publish()
        with finance.begin() as connection:
            assert costs.export_batch(connection, tmp_path) is None  # never twice
        with exported.path.open(encoding="utf-8", newline="") as file:
            rows = list(csv.reader(file))
        assert sum(1 for row in rows if item.reference in row) == 2
        assert all("R07" in row for row in rows if item.reference in row)

        # Closed.
        with engine.begin() as connection:
            register.apply_action(connection, item.id, _version(engine, item.id), Action.CLOSE,
                                  ActionInput())  # fmt: skip

        with engine.connect() as connection:
            history = connection.execute(
                text(
                    "SELECT event_type FROM imis.correspondence_event "
                    "WHERE correspondence_id = :id ORDER BY id"
                ),
                {"id": item.id},
            ).scalars().all()  # fmt: skip
            audited = set(
                connection.execute(text("SELECT DISTINCT table_name FROM imis.audit_log")).scalars()
            )
            status = connection.execute(
                text("SELECT status, sla_state FROM imis.correspondence WHERE id = :id"),
                {"id": item.id},
            ).one()
        for step in (
            "logged",
            "locate",
            "task",
            "assign",
            "job_card",
            "asset_condition",
            "resolve",
            "allocate",
            "approve_costs",
            "export_costs",
            "close",
        ):
            assert step in history, f"no '{step}' event in {history}"  # fmt: skip
        assert {"correspondence", "task", "job_card", "job_card_line", "asset",
                "cost_allocation"} <= audited  # fmt: skip
        assert status.status == "closed" and status.sla_state in ("met", "missed")
    finally:
        engine.dispose()
        finance.dispose()


def _customer(engine) -> int:
    with engine.begin() as connection:
        customer = connection.execute(text("SELECT min(id) FROM imis.customer")).scalar_one()
        connection.execute(
            text(
                "INSERT INTO imis.account (account_number, customer_id, parcel_id) "
                "SELECT '400123456', :customer, min(id) FROM imis.parcel "
                "ON CONFLICT (account_number) DO NOTHING"
            ),
            {"customer": customer},
        )
    return customer


def _version(engine, item_id: int) -> int:
    with engine.connect() as connection:
        return connection.execute(
            text("SELECT row_version FROM imis.correspondence WHERE id = :id"), {"id": item_id}
        ).scalar_one()
