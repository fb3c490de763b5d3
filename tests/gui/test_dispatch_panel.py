"""The dispatch board on real PostGIS: the scheduling order and paging, assigning through the
dialog with the artisans' load, the other task actions, a stale edit, the department's map
layer, and finance's export from the menu."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProject,
    QgsProviderRegistry,
    QgsRectangle,
)
from qgis.PyQt.QtWidgets import QDialog, QFileDialog
from sqlalchemy import text
from sqlalchemy.engine import Engine

import imis_customer_plugin
from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.routing import SchedulingKey, TaskStatus, in_scheduling_order
from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from imis_customer_plugin.definitions import ConnectionKind
from imis_customer_plugin.gui.dialogs.assign_dialog import STAFF, TEAM, AssignDialog
from imis_customer_plugin.gui.dialogs.task_dialog import TaskChange, TaskDialog, TaskInput
from imis_customer_plugin.gui.panels import dispatch_panel
from imis_customer_plugin.gui.panels.dispatch_panel import DispatchPanel
from imis_customer_plugin.layers import add_open_tasks_layer, open_source
from imis_customer_plugin.services import locate, register, tasks
from imis_customer_plugin.toolbelt.plugin_settings import DatabaseChoice, save_database_choice

from .. import municipality
from ..municipality import ORIGIN_X, ORIGIN_Y, _square

pytestmark = [pytest.mark.db, pytest.mark.qgis]

ON_1001 = (ORIGIN_X + 50, ORIGIN_Y + 50)  # parcel erf 1001 in Mowbray (zone 2)
IN_OBSERVATORY = (ORIGIN_X - 700, ORIGIN_Y - 700)  # free point in Observatory (zone 1)
NOWHERE = (ORIGIN_X - 700, ORIGIN_Y + 1500)  # free point in no suburb (zone 3)

_PEOPLE = """
INSERT INTO imis.staff (role_name, full_name, email, department_id, job_title, is_artisan)
SELECT v.role, v.name, v.email, d.id, v.title, v.artisan
  FROM (VALUES ('ayanda', 'Ayanda Dlamini', 'ayanda@city.example', 'WATER', 'Plumber', true),
               ('bongani', 'Bongani Zulu', 'bongani@city.example', 'WATER', 'Plumber', true),
               ('sam', 'Sam Supervisor', 'sam@city.example', 'WATER', 'Supervisor', false),
               ('rosa', 'Rosa Adams', 'rosa@city.example', 'ROADS', 'Foreman', true))
       AS v (role, name, email, department, title, artisan)
  JOIN imis.department AS d ON d.code = v.department;
INSERT INTO imis.team (department_id, name)
SELECT id, 'Leak crew' FROM imis.department WHERE code = 'WATER';
"""


@pytest.fixture()
def settings(database_factory, template: str) -> ConnectionSettings:
    """A seeded register of its own, with artisans, a team and a zone-1 suburb."""
    settings = database_factory(template=template)
    engine = create_db_engine(settings)
    municipality.seed_reference_data(engine)
    with engine.begin() as connection:
        connection.execute(text(_PEOPLE))
        connection.execute(
            text("INSERT INTO imis.suburb (name, priority, geom) VALUES ('Observatory', 1, :g)"),
            {"g": _square(ORIGIN_X - 950, ORIGIN_Y - 950, 400)},
        )
    engine.dispose()
    return settings


@pytest.fixture()
def engine(settings: ConnectionSettings) -> Iterator[Engine]:
    engine = create_db_engine(settings)
    yield engine
    engine.dispose()


def _located(
    engine: Engine, category: str = "BURST_PIPE", at: tuple[float, float] = ON_1001, **fields
) -> str:
    """Logs and locates an item (locating gives it its tasks); returns its reference."""
    request = NewCorrespondence(
        **{"category_code": category, "channel": "telephone", "description": "Water"} | fields
    )
    with engine.begin() as connection:
        state = register.log_correspondence(connection, request)
        locate.place_at_point(connection, state, *at, 32734, free_point=at != ON_1001)
        return state.reference


def _task(engine: Engine, reference: str) -> tasks.TaskRow:
    """The item's first task."""
    with engine.connect() as connection:
        item_id = connection.execute(
            text("SELECT id FROM imis.correspondence WHERE reference = :r"), {"r": reference}
        ).scalar_one()
        return tasks.tasks_of(connection, item_id)[0]


def _staff(engine: Engine, role: str) -> int:
    with engine.connect() as connection:
        return connection.execute(
            text("SELECT id FROM imis.staff WHERE role_name = :r"), {"r": role}
        ).scalar_one()


def _board(panel: DispatchPanel) -> list[str]:
    return [row.reference for row in panel.model.rows()]


def _load_table(panel: DispatchPanel) -> dict[str, tuple[str, str]]:
    table = panel.table_load
    return {
        table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
    }


def _open(engine: Engine, department: str = "WATER") -> DispatchPanel:
    panel = DispatchPanel(engine, department)
    panel.resize(460, 820)
    panel.show()
    return panel


class _Answers(list):
    """Answers for a dialog's exec_(), taken in turn; what each dialog showed, in `seen`."""

    seen: list[dict]


@pytest.fixture()
def assign_answers(monkeypatch) -> _Answers:
    """Stands in for the person at the assign dialog: each answer is (kind, id) to pick,
    or None to close the dialog."""
    answers = _Answers()
    answers.seen = []

    def exec_(dialog: AssignDialog) -> int:
        chosen = dialog.chosen()
        answers.seen.append(
            {
                "choices": {
                    c.name: (c.assigned, c.in_progress, c.is_current) for c in dialog.choices
                },
                "note": dialog.label_note.text() if not dialog.label_note.isHidden() else "",
                "preselected": chosen.name if chosen else None,
            }
        )
        answer = answers.pop(0)
        if answer is None:
            return QDialog.Rejected
        assert dialog.select(*answer)
        return QDialog.Accepted

    monkeypatch.setattr(AssignDialog, "exec_", exec_)
    return answers


@pytest.fixture()
def task_answers(monkeypatch) -> _Answers:
    """The same for the re-route, split and cancel dialog: answers are TaskInput or None."""
    answers = _Answers()
    answers.seen = []

    def exec_(dialog: TaskDialog) -> int:
        answers.seen.append(
            {
                "change": dialog.change,
                "given": dialog.task_input(),
                "departments": [
                    dialog.combo_department.itemData(i)
                    for i in range(dialog.combo_department.count())
                ],
                "note": dialog.label_note.text() if not dialog.label_note.isHidden() else "",
            }
        )
        answer = answers.pop(0)
        if answer is None:
            return QDialog.Rejected
        dialog.set_task_input(answer)
        assert dialog.button_box.button(dialog.button_box.Ok).isEnabled()
        return QDialog.Accepted

    monkeypatch.setattr(TaskDialog, "exec_", exec_)
    return answers


# ------------------------------------------------------------------------------------ board


def test_the_board_lists_the_departments_tasks_in_scheduling_order(engine, monkeypatch) -> None:
    late_low = _located(engine, priority=3)  # zone 2 (Mowbray)
    urgent = _located(engine, at=NOWHERE, priority=1)  # zone 3, but priority 1
    observatory = _located(engine, at=IN_OBSERVATORY, priority=3)  # zone 1 beats zone 2
    high = _located(engine, priority=2)
    roads = _located(engine, "POTHOLE", priority=1)  # another department's board

    panel = _open(engine)
    assert panel.department_code == "WATER"
    assert _board(panel) == [urgent, high, observatory, late_low]
    keys = [
        SchedulingKey(r.priority, r.zone_priority, r.due_at, r.task_id) for r in panel.model.rows()
    ]
    assert keys == in_scheduling_order(keys)
    first = panel.model.rows()[0]
    assert [panel.model.text(first, c) for c in ("task", "status", "assignee")] == [
        "1 · Repair",
        "Open",
        "(nobody yet)",
    ]
    assert panel.model.text(panel.model.rows()[1], "place") == "Erf 1001, 11 Main Road, Mowbray"
    assert panel.label_count.text() == "4 open tasks"
    assert not panel.button_more.isEnabled()
    assert _load_table(panel) == {
        "Ayanda Dlamini": ("0", "0"),
        "Bongani Zulu": ("0", "0"),
        "Sam Supervisor": ("0", "0"),
        "Leak crew": ("0", "0"),
    }
    assert not panel.button_assign.isEnabled()  # nothing selected yet

    panel.set_department("ROADS")
    assert _board(panel) == [roads]
    assert list(_load_table(panel)) == ["Rosa Adams"]

    # Keyset pages of two: "Load more" walks the rest, in the same order.
    monkeypatch.setattr(dispatch_panel, "PAGE", 2)
    panel.set_department("WATER")
    assert _board(panel) == [urgent, high]
    assert panel.label_count.text() == "First 2 tasks shown"
    assert panel.button_more.isEnabled()
    panel.button_more.click()
    assert _board(panel) == [urgent, high, observatory, late_low]
    assert not panel.button_more.isEnabled()


def test_selecting_a_task_names_its_item(engine) -> None:
    reference = _located(engine)
    panel = _open(engine)
    selected: list[int] = []
    panel.item_selected.connect(selected.append)
    panel.table_board.selectRow(0)
    assert selected == [_task(engine, reference).correspondence_id]
    assert panel.group_actions.title().startswith(f"Selected task: {reference} task 1")
    assert panel.button_assign.isEnabled()
    assert not panel.button_start.isEnabled()  # open: assign it first


def test_assigning_through_the_dialog_shows_the_artisans_load(engine, assign_answers) -> None:
    reference = _located(engine)
    other = _located(engine, priority=4)
    ayanda = _staff(engine, "ayanda")
    panel = _open(engine)
    changed: list[int] = []
    panel.changed.connect(changed.append)

    task = _task(engine, reference)
    assert panel.select_task(task.id)
    assign_answers.append((STAFF, ayanda))
    assert panel.assign_selected()
    offered = assign_answers.seen[0]["choices"]
    assert offered["Ayanda Dlamini"] == (0, 0, False)
    assert set(offered) == {"Ayanda Dlamini", "Bongani Zulu", "Sam Supervisor", "Leak crew"}

    now = _task(engine, reference)
    assert (now.status, now.assigned_staff_id) == (TaskStatus.ASSIGNED, ayanda)
    assert changed == [task.id]
    assert panel.messages()[0] == f"{reference} task 1 (Repair) is assigned to Ayanda Dlamini."
    row = panel.model.row_at(panel.model.row_of_task(task.id))
    assert (row.assignee, panel.model.text(row, "status")) == ("Ayanda Dlamini", "Assigned")
    assert _load_table(panel)["Ayanda Dlamini"] == ("1", "0")
    assert panel.selected_row().task_id == task.id  # the selection survives the reload
    assert panel.button_start.isEnabled()

    panel.button_start.click()
    assert _task(engine, reference).status is TaskStatus.IN_PROGRESS
    assert _load_table(panel)["Ayanda Dlamini"] == ("0", "1")

    # The next task's dialog shows her load, and she is "now" on the first one only.
    assert panel.select_task(_task(engine, other).id)
    assign_answers.append(None)  # the user closes the dialog: nothing happens
    assert not panel.assign_selected()
    assert assign_answers.seen[1]["choices"]["Ayanda Dlamini"] == (0, 1, False)
    assert _task(engine, other).status is TaskStatus.OPEN


def test_a_team_is_offered_beside_the_staff_with_its_load(engine, assign_answers) -> None:
    reference = _located(engine)
    with engine.connect() as connection:
        crew = connection.execute(text("SELECT id FROM imis.team WHERE name = 'Leak crew'")).one()
    panel = _open(engine)
    assert _load_table(panel)["Leak crew"] == ("0", "0")
    task = _task(engine, reference)
    panel.select_task(task.id)
    assign_answers.append((TEAM, crew.id))
    assert panel.assign_selected()
    assert "Leak crew" in assign_answers.seen[0]["choices"]
    now = _task(engine, reference)
    assert (now.assigned_team_id, now.assigned_staff_id) == (crew.id, None)
    assert panel.model.row_at(0).assignee == "Leak crew"


def test_a_stale_edit_says_who_changed_the_task_and_reloads(engine, assign_answers) -> None:
    reference = _located(engine)
    ayanda, bongani = _staff(engine, "ayanda"), _staff(engine, "bongani")
    panel = _open(engine)
    task = _task(engine, reference)
    panel.select_task(task.id)

    with engine.begin() as connection:  # another desk, after the board was read
        tasks.assign(connection, task.id, task.row_version, staff_id=bongani)

    assign_answers.append((STAFF, ayanda))
    assert not panel.assign_selected()
    assert _task(engine, reference).assigned_staff_id == bongani  # ours was not saved
    message = panel.messages()[0]
    assert message.startswith(f"{reference} task 1 (Repair) was changed by ")
    assert "the board is reloaded" in message
    row = panel.model.row_at(panel.model.row_of_task(task.id))
    assert row.assignee == "Bongani Zulu"  # reloaded
    assert _load_table(panel)["Bongani Zulu"] == ("1", "0")

    # Pressing Assign again offers the choice once more, with the reason why.
    assign_answers.append((STAFF, ayanda))
    assert panel.assign_selected()
    again = assign_answers.seen[1]
    assert again["preselected"] == "Ayanda Dlamini"
    assert "was changed by" in again["note"]
    assert again["choices"]["Bongani Zulu"][2]  # the assignee now, not offered
    assert _task(engine, reference).assigned_staff_id == ayanda


def test_a_stale_cancel_keeps_the_reason_typed(engine, task_answers) -> None:
    reference = _located(engine)
    panel = _open(engine)
    task = _task(engine, reference)
    panel.select_task(task.id)
    with engine.begin() as connection:
        tasks.assign(connection, task.id, task.row_version, staff_id=_staff(engine, "bongani"))

    task_answers.append(TaskInput(reason="Duplicate of another call"))
    assert not panel.cancel_selected()
    assert "was changed by" in panel.messages()[0]
    assert _task(engine, reference).status is TaskStatus.ASSIGNED

    task_answers.append(TaskInput(reason="Duplicate of another call"))
    assert panel.cancel_selected()
    assert task_answers.seen[1]["given"].reason == "Duplicate of another call"
    assert "was changed by" in task_answers.seen[1]["note"]
    assert _task(engine, reference).status is TaskStatus.CANCELLED
    assert _board(panel) == []
    assert panel.label_count.text() == "No open tasks."


def test_refused_changes_say_why_and_change_nothing(engine, assign_answers) -> None:
    reference = _located(engine)
    panel = _open(engine)
    panel.select_task(_task(engine, reference).id)
    with engine.begin() as connection:  # she left after the board was read
        connection.execute(
            text("UPDATE imis.staff SET is_active = false WHERE role_name = 'ayanda'")
        )
    assign_answers.append((STAFF, _staff(engine, "ayanda")))
    assert not panel.assign_selected()
    assert panel.messages()[0] == (
        "Staff: Ayanda Dlamini is no longer active. Nothing was changed."
    )
    assert _task(engine, reference).status is TaskStatus.OPEN


def test_reroute_and_split_through_their_dialogs(engine, task_answers) -> None:
    first = _located(engine, priority=1)
    second = _located(engine, priority=2)
    panel = _open(engine)

    panel.select_task(_task(engine, first).id)
    task_answers.append(TaskInput(reason="An inspection first", kinds=("inspection", "repair")))
    assert panel.split_selected()
    assert task_answers.seen[0]["change"] is TaskChange.SPLIT
    assert panel.messages()[0].endswith("is split: Inspection → Repair added after it.")
    assert [(r.reference, r.step, r.kind) for r in panel.model.rows()][:3] == [
        (first, 1, "repair"),
        (first, 2, "inspection"),
        (first, 3, "repair"),
    ]

    panel.select_task(_task(engine, second).id)
    task_answers.append(TaskInput(reason="It is a road matter", department="ROADS"))
    assert panel.reroute_selected()
    assert task_answers.seen[1]["departments"] == ["REVENUE", "ROADS"]  # not WATER itself
    assert second not in _board(panel)
    assert panel.messages()[0] == f"{second} task 1 (Repair) is sent to Roads and Stormwater."
    panel.set_department("ROADS")
    assert _board(panel) == [second]


# -------------------------------------------------------------------------------------- map


def test_the_map_layer_shows_only_the_departments_open_tasks(settings, engine) -> None:
    water = {_located(engine), _located(engine, at=IN_OBSERVATORY)}
    _located(engine, "POTHOLE")
    done = _located(engine)
    with engine.begin() as connection:
        task = _task(engine, done)
        tasks.cancel(connection, task.id, task.row_version, "Not needed")

    project = QgsProject.instance()
    try:
        layer = add_open_tasks_layer(
            project, open_source(settings), "WATER", "Water and Sanitation"
        )
        assert layer.isValid()
        assert layer.name() == "Open tasks: Water and Sanitation"
        assert {f["reference"] for f in layer.getFeatures()} == water
        assert {f["department"] for f in layer.getFeatures()} == {"WATER"}
        assert layer.refreshOnNotifyMessage() == "task"
        legend = [item.label() for item in layer.renderer().legendSymbolItems()]
        assert legend[0] == "Priority 1 (most urgent)"

        again = add_open_tasks_layer(project, open_source(settings), "WATER")  # replaces it
        roads = add_open_tasks_layer(project, open_source(settings), "ROADS")
        shown = {lyr.id() for lyr in project.mapLayers().values()}
        assert shown == {again.id(), roads.id()}
        assert roads.featureCount() == 1
    finally:
        project.removeAllMapLayers()


# ----------------------------------------------------------------------------- the plugin


@pytest.fixture()
def plugin(iface, clean_settings, settings, qgis_new_project):
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = f"service='imis' dbname='{settings.params['dbname']}'"
    metadata.saveConnection(metadata.createConnection(uri, {}), "Dispatch")
    save_database_choice(DatabaseChoice(ConnectionKind.QGIS_CONNECTION, "Dispatch"))
    plugin = imis_customer_plugin.classFactory(iface)
    plugin.initGui()
    try:
        yield plugin
    finally:
        plugin.unload()
        QgsProject.instance().removeAllMapLayers()


def _bar(iface) -> list[str]:
    return [item.text() for item in iface.messageBar().items()]


def test_the_menu_opens_the_board_pans_to_a_task_and_maps_the_department(
    iface, plugin, engine
) -> None:
    reference = _located(engine, at=IN_OBSERVATORY)
    _located(engine, "POTHOLE")
    menu = {a.objectName(): a for a in plugin.menu.actions()}

    menu["ImisCustomerAction_dispatch"].trigger()  # not connected yet
    assert _bar(iface)[0] == "Connect to the IMIS-customer database first."

    assert plugin.connection.check_now().usable
    menu["ImisCustomerAction_dispatch"].trigger()
    panel = plugin.dock.contents.panel_stack.currentPanel()
    assert isinstance(panel, DispatchPanel)
    panel.set_department("WATER")
    assert _board(panel) == [reference]

    canvas = iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:32734"))
    canvas.resize(400, 400)
    canvas.setExtent(QgsRectangle(ORIGIN_X, ORIGIN_Y, ORIGIN_X + 200, ORIGIN_Y + 200))
    panel.table_board.selectRow(0)
    assert canvas.center().distance(*IN_OBSERVATORY) < 1

    panel.button_map.click()
    layers = QgsProject.instance().mapLayersByName("Open tasks: Water and Sanitation")
    assert len(layers) == 1
    assert [f["reference"] for f in layers[0].getFeatures()] == [reference]

    menu["ImisCustomerAction_dispatch"].trigger()  # the board is open: no second one
    assert plugin.dock.contents.panel_stack.currentPanel() is panel


def test_finance_export_with_nothing_approved_says_so(
    iface, plugin, tmp_path: Path, monkeypatch
) -> None:
    assert plugin.connection.check_now().usable
    asked: list[str] = []

    def choose(_parent, caption, _folder):
        asked.append(caption)
        return str(tmp_path)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    iface.messageBar().clearWidgets()
    export = next(a for a in plugin.menu.actions() if a.objectName().endswith("export_costs"))
    export.trigger()
    assert asked
    assert _bar(iface)[0] == (
        "Nothing to export: no approved cost allocations are waiting for finance."
    )
    assert list(tmp_path.iterdir()) == []

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: "")
    iface.messageBar().clearWidgets()
    export.trigger()  # the user closed the folder dialog
    assert _bar(iface) == []
