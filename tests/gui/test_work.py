"""The desk side of steps 3 and 4 on real QGIS and PostGIS: the detail panel's Work group, the
electronic job card, the cost allocation dialog and the printed job card."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsPointXY
from qgis.gui import QgsMapCanvas, QgsMapToolEmitPoint
from qgis.PyQt.QtCore import Qt, QUrl
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDialogButtonBox
from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.costs import AllocationStatus, Party
from imis_customer_plugin.core.job_cards import CompletedCard, CostLine
from imis_customer_plugin.core.workflow import Action
from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from imis_customer_plugin.gui.dialogs.action_dialog import ActionDialog
from imis_customer_plugin.gui.dialogs.cost_dialog import CostDialog
from imis_customer_plugin.gui.dialogs.job_card_dialog import JobCardDialog, set_sast
from imis_customer_plugin.gui.panels import detail_panel
from imis_customer_plugin.gui.panels.detail_panel import DetailPanel
from imis_customer_plugin.services import assets, costs, job_cards, locate, register, tasks

from .. import municipality
from ..municipality import ORIGIN_X, ORIGIN_Y

pytestmark = [pytest.mark.db, pytest.mark.qgis]

SAST = dt.timezone(dt.timedelta(hours=2))
ARTISAN = "Sipho Dlamini"
# A 1 x 1 PNG: an attachment is known by its content.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)


@pytest.fixture(scope="module")
def settings(database_factory, template: str) -> ConnectionSettings:
    """A seeded register of this module's own: its Water department and ward carry mSCOA codes."""
    settings = database_factory(template=template)
    engine = create_db_engine(settings)
    municipality.seed_reference_data(engine)
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE imis.department SET mscoa_function = 'FW.01', mscoa_costing = 'C100' "
                "WHERE code = 'WATER';"
                "UPDATE imis.ward SET mscoa_region = 'R07' WHERE code = '7';"
                "INSERT INTO imis.staff (role_name, full_name, department_id, is_artisan, "
                "hourly_rate) SELECT 'sipho', :name, id, true, 385.50 FROM imis.department "
                "WHERE code = 'WATER'"
            ),
            {"name": ARTISAN},
        )
    engine.dispose()
    return settings


@pytest.fixture(scope="module")
def engine(settings: ConnectionSettings) -> Iterator[Engine]:
    engine = create_db_engine(settings)
    yield engine
    engine.dispose()


def _login(cluster, settings: ConnectionSettings, group: str) -> Engine:
    """A user's own login in `group`, connected to this module's register."""
    login = cluster.create_login("desk-secret")
    owner = create_db_engine(settings)
    with owner.begin() as connection:
        connection.exec_driver_sql(f'GRANT {group} TO "{login["user"]}"')
    owner.dispose()
    return create_db_engine(
        ConnectionSettings(
            {**login, "dbname": settings.params["dbname"], "password": "desk-secret"}
        )
    )


@pytest.fixture(scope="module")
def desk(cluster, settings: ConnectionSettings) -> Iterator[Engine]:
    """An operator at another desk: he allocates but may not approve."""
    engine = _login(cluster, settings, "imis_operator")
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def finance(cluster, settings: ConnectionSettings) -> Iterator[Engine]:
    """A finance officer: a member of imis_finance only."""
    engine = _login(cluster, settings, "imis_finance")
    yield engine
    engine.dispose()


def _assigned_item(engine: Engine) -> tuple[int, int]:
    """A burst pipe logged and located (its repair task comes by itself), the task assigned to
    the artisan; (item id, task id)."""
    with engine.begin() as connection:
        state = register.log_correspondence(
            connection,
            NewCorrespondence(
                "BURST_PIPE", "telephone", "Water in the street", account_number="400123456"
            ),
        )
        locate.locate_at_point(
            connection, state.id, state.row_version, ORIGIN_X + 40, ORIGIN_Y + 60, 32734
        )
        (task,) = tasks.tasks_of(connection, state.id)
        artisan = connection.execute(
            text("SELECT id FROM imis.staff WHERE role_name = 'sipho'")
        ).scalar_one()
        tasks.assign(connection, task.id, task.row_version, staff_id=artisan)
    return state.id, task.id


def _completed_item(engine: Engine) -> tuple[int, int]:
    """An item whose repair card is completed with R 1 488.15 of costs; (item id, card id)."""
    item_id, task_id = _assigned_item(engine)
    now = dt.datetime.now(dt.timezone.utc)
    with engine.begin() as connection:
        card = job_cards.open_job_card(connection, task_id)
        for line in (
            CostLine("material", "110 mm coupling", "2", "each", "189.90"),
            CostLine("material", "110 mm pipe", "1.5", "m", "96.40"),
            CostLine("labour", "Labour: Sipho Dlamini", "2.5", "h", "385.50"),
        ):
            card = job_cards.add_line(connection, card.id, card.row_version, line)
        job_cards.complete_job_card(
            connection,
            card.id,
            card.row_version,
            CompletedCard(now - dt.timedelta(hours=3), now, "Replaced the coupling", ARTISAN),
        )
    return item_id, card.id


def _open(engine: Engine, item_id: int, settings: ConnectionSettings | None = None):
    panel = DetailPanel(engine, item_id, layer_settings=settings)
    panel.resize(420, 900)
    panel.show()
    return panel


def _card_row(engine: Engine, card_id: int):
    with engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT j.status, j.work_performed, t.status AS task_status, "
                "(SELECT count(*) FROM imis.job_card_line WHERE job_card_id = j.id) AS lines "
                "FROM imis.job_card AS j JOIN imis.task AS t ON t.id = j.task_id "
                "WHERE j.id = :id"
            ),
            {"id": card_id},
        ).one()


def _type(edit, value: str) -> None:
    edit.clear()
    QTest.keyClicks(edit, value)


def _table(dialog: JobCardDialog) -> list[tuple[str, ...]]:
    table = dialog.table_lines
    return [
        tuple(table.item(r, c).text() for c in range(table.columnCount()))
        for r in range(table.rowCount())
    ]


def test_work_group_shows_the_routed_task_and_its_assignee(qgis_app, engine) -> None:
    item_id, _task_id = _assigned_item(engine)
    panel = _open(engine, item_id)

    assert panel.work_lines() == [f"Step 1 · Repair · Water and Sanitation | Assigned · {ARTISAN}"]
    assert panel.label_costs.text() == "Costs: R 0.00 · nothing to allocate"
    assert panel.button_new_job_card.isEnabled()  # the task is selected
    assert not panel.button_job_card.isEnabled()  # no card yet
    assert not panel.button_print_job_card.isEnabled()
    shown = {panel.layout_details.itemAt(i).widget() for i in range(3)}
    assert panel.group_work in shown  # near the top: under the description and the SLA


def test_job_card_lines_refusals_and_completion(qgis_app, engine, tmp_path) -> None:
    item_id, _task_id = _assigned_item(engine)
    panel = _open(engine, item_id)

    dialog = panel.new_job_card()
    assert isinstance(dialog, JobCardDialog) and dialog.isVisible()
    card_id = dialog.card_id
    number = dialog.card.card_number
    assert panel.work_lines()[1] == f"    {number} · Open | {ARTISAN} · R 0.00"
    assert panel.selected_card().id == card_id

    # A line as typed.
    dialog.combo_kind.setCurrentIndex(dialog.combo_kind.findData("material"))
    _type(dialog.line_description, "110 mm coupling")
    _type(dialog.line_quantity, "2")
    _type(dialog.line_unit_cost, "189.90")
    dialog.button_add_line.click()
    assert _table(dialog) == [("Material", "110 mm coupling", "2", "each", "R 189.90", "R 379.80")]
    assert dialog.line_description.text() == ""  # saved: ready for the next line

    # A negative quantity: the problem is shown, the field marked, nothing saved or lost.
    _type(dialog.line_description, "110 mm pipe")
    _type(dialog.line_quantity, "-1.5")
    _type(dialog.line_unit, "m")
    _type(dialog.line_unit_cost, "96.40")
    dialog.button_add_line.click()
    assert dialog.notice.isVisible() and dialog.notice.is_error
    assert "Quantity: the quantity must be more than 0 (got -1.5)" in dialog.notice.text()
    assert "Nothing was changed" in dialog.notice.text()
    assert dialog.notice.marked == [dialog.line_quantity]
    assert "more than 0" in dialog.line_quantity.toolTip()
    assert _card_row(engine, card_id).lines == 1
    assert len(_table(dialog)) == 1
    assert (dialog.line_description.text(), dialog.line_quantity.text()) == ("110 mm pipe", "-1.5")
    assert (dialog.line_unit.text(), dialog.line_unit_cost.text()) == ("m", "96.40")

    _type(dialog.line_quantity, "1.5")
    dialog.button_add_line.click()
    assert not dialog.notice.is_error and dialog.notice.marked == []
    assert _table(dialog)[1] == ("Material", "110 mm pipe", "1.5", "m", "R 96.40", "R 144.60")

    # Labour: hours at the artisan's rate.
    if not dialog.line_rate.text():  # until the card says the artisan's rate
        _type(dialog.line_rate, "385.50")
    _type(dialog.line_hours, "2.5")
    dialog.button_add_labour.click()
    assert _table(dialog)[2] == (
        "Labour",
        f"Labour: {ARTISAN}",
        "2.5",
        "h",
        "R 385.50",
        "R 963.75",
    )
    assert dialog.label_totals.text().startswith("Total R 1 488.15")

    # Remove a line, and add it again.
    dialog.table_lines.selectRow(1)
    dialog.button_remove_line.click()
    assert [r[1] for r in _table(dialog)] == ["110 mm coupling", f"Labour: {ARTISAN}"]
    _type(dialog.line_description, "110 mm pipe")
    _type(dialog.line_quantity, "1.5")
    _type(dialog.line_unit, "m")
    _type(dialog.line_unit_cost, "96.40")
    dialog.button_add_line.click()
    assert _card_row(engine, card_id).lines == 3

    # A photo of the work.
    photo = tmp_path / "burst.png"
    photo.write_bytes(PNG)
    assert dialog.attach_files([photo])
    (shown,) = [
        dialog.list_attachments.item(i).text() for i in range(dialog.list_attachments.count())
    ]
    assert shown.startswith(f"burst.png · {len(PNG)} B · sha256 ")
    assert not dialog.attach_files([photo])  # the same file twice
    assert "attached to job card" in dialog.notice.text()

    # No asset: the conditions cannot be given.
    assert not dialog.combo_condition_before.isEnabled()
    assert not dialog.combo_condition_after.isEnabled()

    # Completion before arrival: refused with the message, nothing saved, the typing kept.
    now = dt.datetime.now(SAST).replace(second=0, microsecond=0)
    set_sast(dialog.date_arrived, now - dt.timedelta(hours=1))
    set_sast(dialog.date_completed, now - dt.timedelta(hours=2))
    dialog.text_work.setPlainText("Cut out the split; fitted two couplings")
    assert dialog.line_signed_off_by.text() == ARTISAN  # the artisan by default
    dialog.check_paper.setChecked(True)
    dialog.button_complete.click()
    text_shown = dialog.notice.text()
    assert "Completed: completion (" in text_shown and ") is before arrival (" in text_shown
    assert dialog.notice.marked == [dialog.date_completed]
    row = _card_row(engine, card_id)
    assert (row.status, row.work_performed, row.task_status) == ("open", "", "assigned")
    assert dialog.text_work.toPlainText() == "Cut out the split; fitted two couplings"
    assert dialog.check_paper.isChecked()

    set_sast(dialog.date_completed, now - dt.timedelta(minutes=10))
    dialog.button_complete.click()
    assert not dialog.notice.is_error, dialog.notice.text()
    assert dialog.notice.text() == f"Job card {number} is completed."
    row = _card_row(engine, card_id)
    assert (row.status, row.task_status) == ("completed", "done")
    assert not dialog.button_complete.isEnabled() and not dialog.button_add_line.isEnabled()
    assert dialog.label_completed.text().startswith("Completed ")
    assert "(captured from the paper card)" in dialog.label_completed.text()

    # The panel followed each save.
    assert panel.work_lines() == [
        f"Step 1 · Repair · Water and Sanitation | Done · {ARTISAN}",
        f"    {number} · Completed | {ARTISAN} · R 1 488.15",
    ]
    assert panel.label_costs.text() == "Costs: R 1 488.15 · not allocated yet"
    assert not panel.button_new_job_card.isEnabled()  # the task is done
    assert "Job card" in [e[1] for e in _timeline(panel)]
    dialog.close()
    assert panel.dialogs == {}


def _timeline(panel: DetailPanel) -> list[tuple[str, ...]]:
    table = panel.table_events
    return [
        tuple(table.item(r, c).text() if table.item(r, c) else "" for c in range(4))
        for r in range(table.rowCount())
        if table.columnSpan(r, 0) == 1
    ]


def test_a_card_changed_at_another_desk_is_shown_and_the_typing_kept(qgis_app, engine) -> None:
    _item_id, task_id = _assigned_item(engine)
    with engine.begin() as connection:
        card = job_cards.open_job_card(connection, task_id)
    dialog = JobCardDialog(engine, card.id)
    with engine.begin() as connection:  # meanwhile, at another desk
        job_cards.add_line(
            connection, card.id, card.row_version, CostLine("material", "Clamp", "1", "each", "50")
        )
    _type(dialog.line_description, "Coupling")
    _type(dialog.line_quantity, "2")
    _type(dialog.line_unit_cost, "189.90")
    dialog.button_add_line.click()

    said = dialog.notice.text()
    assert said.startswith(f"Job card {card.card_number} was changed by ")
    assert "Nothing of yours was saved" in said and "press Add line again" in said
    assert [r[1] for r in _table(dialog)] == ["Clamp"]  # the card as it is now
    assert dialog.line_description.text() == "Coupling"  # the typing, kept
    dialog.button_add_line.click()  # again, now on the current version
    assert [r[1] for r in _table(dialog)] == ["Clamp", "Coupling"]
    dialog.close()


def _set_row(dialog: CostDialog, row: int, party: Party, payer: str, amount: str) -> None:
    combo = dialog.table.cellWidget(row, 0)
    combo.setCurrentIndex(combo.findData(party.value))
    payer_widget = dialog.table.cellWidget(row, 1)
    if party is Party.DEPARTMENT:
        payer_widget.setCurrentIndex(payer_widget.findData(payer))
    else:
        _type(payer_widget, payer)
    _type(dialog.table.cellWidget(row, 2), amount)


def _allocations(engine: Engine, item_id: int):
    with engine.connect() as connection:
        return costs.allocations_of(connection, item_id)


def test_cost_dialog_allocates_shares_that_add_up_and_refuses_others(
    qgis_app, engine, desk, finance
) -> None:
    item_id, _card_id = _completed_item(engine)
    panel = _open(engine, item_id)
    assert panel.label_costs.text() == "Costs: R 1 488.15 · not allocated yet"
    dialog = panel.open_costs()
    assert isinstance(dialog, CostDialog)
    assert dialog.cost_labels["material"].text() == "R 524.40"
    assert dialog.cost_labels["labour"].text() == "R 963.75"
    assert dialog.cost_labels["total"].text() == "R 1 488.15"
    # By default the item's department pays all of it.
    assert dialog.row_values(0)[:3] == (Party.DEPARTMENT, "WATER", "1488.15")
    assert dialog.label_balance.text() == ("Allocated R 1 488.15 of R 1 488.15 · difference R 0.00")

    # Department and customer shares that do not add up: refused, nothing stored or lost.
    _set_row(dialog, 0, Party.DEPARTMENT, "WATER", "1000")
    row = dialog.add_row(Party.CUSTOMER)
    assert dialog.row_values(row)[1] == "400123456"  # the item's account
    _set_row(dialog, row, Party.CUSTOMER, "400123456", "400,00")
    _type(dialog.table.cellWidget(row, 4), "IE001")  # mSCOA item
    assert dialog.label_balance.text() == (
        "Allocated R 1 400.00 of R 1 488.15 · difference R 88.15"
    )
    assert not dialog.save()
    said = dialog.notice.text()
    assert "Allocations: the allocations add up to R 1 400.00 but the costs are R 1 488.15" in said
    assert "R 88.15 is not allocated" in said and "Nothing was changed" in said
    assert dialog.notice.marked == [dialog.label_balance]
    assert _allocations(engine, item_id) == []
    assert dialog.row_values(row)[1:3] == ("400123456", "400,00")

    # An amount that is no amount is named by its row.
    _type(dialog.table.cellWidget(row, 2), "lots")
    assert not dialog.save()
    assert "Row 2, Amount: 'lots' is not an amount of rand" in dialog.notice.text()
    assert dialog.notice.marked == [dialog.table.cellWidget(row, 2)]

    _type(dialog.table.cellWidget(row, 2), "488.15")
    assert dialog.save(), dialog.notice.text()
    stored = _allocations(engine, item_id)
    assert [(a.party, a.department_code or a.account_number, a.amount) for a in stored] == [
        (Party.DEPARTMENT, "WATER", Decimal("1000.00")),
        (Party.CUSTOMER, "400123456", Decimal("488.15")),
    ]
    assert {a.segments.region for a in stored} == {"R07"}  # from the item's ward
    assert stored[0].segments.function == "FW.01" and stored[1].segments.item == "IE001"
    assert dialog.table.item(0, 8).text() == "R07"  # shown, read-only
    assert dialog.label_region.text() == "Region R07, from ward 7."
    assert panel.label_costs.text() == (
        "Costs: R 1 488.15 · allocated to 2 payer(s), awaiting approval by finance"
    )

    # A desk may not approve: it is told so, and nothing changes.
    other = CostDialog(desk, item_id)
    assert not other.approve()
    assert other.notice.text().startswith("Only finance approves cost allocations, and ")
    assert {a.status for a in _allocations(engine, item_id)} == {AllocationStatus.PROPOSED}
    other.close()
    dialog.close()

    # Finance approves; the rows are frozen then.
    approving = CostDialog(finance, item_id)
    assert approving.approve(), approving.notice.text()
    assert {a.status for a in _allocations(engine, item_id)} == {AllocationStatus.APPROVED}
    assert not approving.button_save.isEnabled()
    assert not approving.table.cellWidget(0, 2).isEnabled()
    assert approving.label_status.text().startswith("Approved by ")
    approving.close()
    panel.reload()
    assert panel.label_costs.text() == "Costs: R 1 488.15 · approved by finance"


def test_print_button_writes_the_job_card_as_pdf_and_opens_it(
    qgis_app, engine, settings, tmp_path, monkeypatch
) -> None:
    item_id, card_id = _completed_item(engine)
    panel = _open(engine, item_id, settings)
    assert panel.select_work("card", card_id)
    assert panel.button_print_job_card.isEnabled()
    asked: list[str] = []
    opened: list[QUrl] = []

    def save_name(_parent, _title, suggested, _filter):
        asked.append(suggested)
        return str(tmp_path / "printed" / "card"), "PDF documents (*.pdf)"

    monkeypatch.setattr(detail_panel.QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(detail_panel.QDesktopServices, "openUrl", opened.append)
    panel.button_print_job_card.click()

    pdf = tmp_path / "printed" / "card.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert Path(asked[0]).name == f"{panel.selected_card().card_number}.pdf"
    assert [url.toLocalFile() for url in opened] == [str(pdf)]
    assert panel.messages()[0] == (
        f"Job card {panel.selected_card().card_number} written to {pdf}."
    )


def test_print_needs_the_layer_connection(qgis_app, engine) -> None:
    item_id, card_id = _completed_item(engine)
    panel = _open(engine, item_id)  # no layer settings given
    panel.select_work("card", card_id)
    assert not panel.button_print_job_card.isEnabled()
    assert "connect the database" in panel.button_print_job_card.toolTip()


def test_asset_picked_on_the_map_and_its_condition(qgis_app, engine) -> None:
    item_id, task_id = _assigned_item(engine)
    with engine.begin() as connection:
        card = job_cards.open_job_card(connection, task_id)
        valve = assets.create_asset(
            connection,
            assets.NewAsset(
                f"V-{item_id}", "valve", f"POINT({ORIGIN_X + 45} {ORIGIN_Y + 60})", 32734
            ),
        )
    canvas = QgsMapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:32734"))
    dialog = JobCardDialog(engine, card.id, canvas=canvas)
    assert dialog.label_asset.text() == "No asset recorded."
    assert not dialog.combo_condition_after.isEnabled()

    # A click far from any asset: said so, nothing set.
    assert not dialog.pick_asset_at(ORIGIN_X + 900, ORIGIN_Y + 900, 32734)
    assert "there is no asset near the click" in dialog.notice.text()

    # Pick on map: the map tool reports the click, the nearest asset is set.
    previous = canvas.mapTool()
    dialog.button_pick_asset.click()
    tool = canvas.mapTool()
    assert isinstance(tool, QgsMapToolEmitPoint)
    tool.canvasClicked.emit(QgsPointXY(ORIGIN_X + 47, ORIGIN_Y + 61), Qt.LeftButton)
    assert canvas.mapTool() is previous and not dialog.button_pick_asset.isChecked()
    assert dialog.label_asset.text() == f"V-{item_id} (valve)"
    assert dialog.notice.text() == f"Asset set: valve V-{item_id}."
    assert dialog.combo_condition_after.isEnabled()

    # With an asset, its condition after the work is needed.
    dialog.text_work.setPlainText("Replaced the valve's spindle")
    now = dt.datetime.now(SAST)
    set_sast(dialog.date_arrived, now - dt.timedelta(hours=2))
    set_sast(dialog.date_completed, now - dt.timedelta(hours=1))
    dialog.button_complete.click()
    assert "Condition after: say the asset's condition after the work" in dialog.notice.text()
    assert dialog.notice.marked == [dialog.combo_condition_after]
    assert _card_row(engine, card.id).status == "open"

    dialog.combo_condition_before.setCurrentIndex(dialog.combo_condition_before.findData(4))
    dialog.combo_condition_after.setCurrentIndex(dialog.combo_condition_after.findData(2))
    dialog.button_complete.click()
    assert not dialog.notice.is_error, dialog.notice.text()
    with engine.connect() as connection:
        assert assets.get_asset(connection, valve.id).condition == 2
    dialog.close()


def test_the_desk_takes_one_complaint_from_its_task_to_finance_and_closure(
    qgis_app, engine, finance, monkeypatch, tmp_path
) -> None:
    """The process through the desk's own windows, after the call centre logged and located
    the item and the dispatcher assigned its task (each tested on its own panel): the job
    card, the resolution, the costs, finance's approval and export, and the closure."""
    resolution = "The split main was cut out and two couplings fitted."

    def answer(dialog: ActionDialog) -> int:  # the person at the action dialog
        if dialog.text_resolution.isVisibleTo(dialog):
            dialog.text_resolution.setPlainText(resolution)
        dialog.button_box.button(QDialogButtonBox.Ok).click()
        return dialog.result()

    monkeypatch.setattr(ActionDialog, "exec_", answer)
    item_id, _task_id = _assigned_item(engine)
    panel = _open(engine, item_id)

    card = panel.new_job_card()
    card.combo_kind.setCurrentIndex(card.combo_kind.findData("material"))
    _type(card.line_description, "110 mm coupling")
    _type(card.line_quantity, "2")
    _type(card.line_unit_cost, "189.90")
    card.button_add_line.click()
    now = dt.datetime.now(SAST).replace(second=0, microsecond=0)
    set_sast(card.date_arrived, now - dt.timedelta(hours=2))
    set_sast(card.date_completed, now - dt.timedelta(minutes=10))
    card.text_work.setPlainText("Cut out the split; fitted two couplings")
    card.button_complete.click()
    assert not card.notice.is_error, card.notice.text()
    card.close()

    for action in (Action.START, Action.RESOLVE):
        panel.action_buttons[action].click()
    assert panel.label_status.text() == "Resolved"

    costs_dialog = panel.open_costs()  # the item's department pays all by default
    assert costs_dialog.save(), costs_dialog.notice.text()
    costs_dialog.close()
    approving = CostDialog(finance, item_id)
    assert approving.approve(), approving.notice.text()
    approving.close()
    exported = costs.run_export(finance, tmp_path).result
    with engine.connect() as connection:
        reference = connection.execute(
            text("SELECT reference FROM imis.correspondence WHERE id = :id"), {"id": item_id}
        ).scalar_one()
    lines = exported.path.read_text(encoding="utf-8").splitlines()
    assert [line.count("R07") for line in lines if reference in line] == [1]  # one payer

    panel.reload()
    panel.action_buttons[Action.CLOSE].click()
    assert panel.label_status.text() == "Closed"
    with engine.connect() as connection:
        history = set(
            connection.execute(
                text(
                    "SELECT event_type FROM imis.correspondence_event WHERE correspondence_id = :id"
                ),
                {"id": item_id},
            ).scalars()
        )
    assert {"logged", "locate", "task", "assign", "job_card", "start", "resolve", "allocate",
            "approve_costs", "export_costs", "close"} <= history  # fmt: skip
