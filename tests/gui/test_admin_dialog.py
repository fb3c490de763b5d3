"""The administrators' window on real QGIS and PostGIS: routing rules and teams added and
edited through the forms, bad values refused with nothing saved; and the job card's asset
set by its number."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from qgis.PyQt.QtCore import Qt
from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from imis_customer_plugin.gui.dialogs.admin import AdministrationDialog
from imis_customer_plugin.gui.dialogs.job_card_dialog import JobCardDialog
from imis_customer_plugin.services import (
    asset_register,
    assets,
    job_cards,
    locate,
    register,
    tasks,
)

from .. import municipality
from ..municipality import ORIGIN_X, ORIGIN_Y

pytestmark = [pytest.mark.db, pytest.mark.qgis]


@pytest.fixture(scope="module")
def engine(database_factory, template: str) -> Iterator[Engine]:
    settings: ConnectionSettings = database_factory(template=template)
    engine = create_db_engine(settings)
    municipality.seed_reference_data(engine)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO imis.staff (role_name, full_name, department_id, job_title, "
                "is_artisan) SELECT v.role, v.name, d.id, 'Plumber', true FROM (VALUES "
                "('sipho', 'Sipho Dlamini', 'WATER'), ('rosa', 'Rosa Adams', 'ROADS')) "
                "AS v (role, name, code) JOIN imis.department AS d ON d.code = v.code"
            )
        )
    yield engine
    engine.dispose()


def _ids(engine: Engine, table: str, column: str) -> dict[str, int]:
    with engine.connect() as connection:
        return dict(connection.execute(text(f"SELECT {column}, id FROM imis.{table}")).all())


def _rules(engine: Engine) -> list[tuple]:
    with engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT c.code, d.code, r.task_kinds, r.default_team_id, r.is_active "
                "FROM imis.routing_rule AS r JOIN imis.category AS c ON c.id = r.category_id "
                "JOIN imis.department AS d ON d.id = r.department_id ORDER BY r.id"
            )
        ).all()


def _choose(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered"
    combo.setCurrentIndex(index)


def _table_texts(editor) -> list[list[str]]:
    table = editor.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_a_routing_rule_is_added_and_edited_through_the_form(qgis_app, engine) -> None:
    categories = _ids(engine, "category", "code")
    departments = _ids(engine, "department", "code")
    dialog = AdministrationDialog(engine)
    editor = dialog.show_tab("routing_rules")
    assert editor.table.rowCount() == 0
    # The combo boxes offer the register's own categories and departments.
    assert editor.inputs["category_id"].findText("Burst pipe (BURST_PIPE)") >= 0
    assert editor.inputs["ward_id"].itemText(0) == "any ward"

    editor.button_new.click()
    _choose(editor.inputs["category_id"], categories["POTHOLE"])
    _choose(editor.inputs["department_id"], departments["ROADS"])
    editor.inputs["task_kinds"].setText("inspection, repair")
    editor.button_save.click()
    assert not editor.notice.is_error, editor.notice.text()
    assert editor.notice.text() == "Added."
    assert _rules(engine) == [("POTHOLE", "ROADS", ["inspection", "repair"], None, True)]
    assert editor.table.rowCount() == 1
    assert "inspection, repair" in _table_texts(editor)[0]

    # Edited: the row is selected, the form shows it, Save changes it.
    editor.table.selectRow(0)
    assert editor.inputs["task_kinds"].text() == "inspection, repair"
    assert editor.label_form.text().startswith("Editing: Routing rule")
    editor.inputs["task_kinds"].setText("repair")
    editor.button_save.click()
    assert not editor.notice.is_error, editor.notice.text()
    assert _rules(engine)[0][2] == ["repair"]
    assert _table_texts(editor)[0][6] == "repair"

    # Deactivated.
    editor.button_retire.click()
    assert not editor.notice.is_error, editor.notice.text()
    assert _rules(engine)[0][4] is False
    assert _table_texts(editor)[0][7] == "No"
    dialog.close()


def test_a_bad_value_is_refused_with_its_message_and_nothing_is_saved(qgis_app, engine) -> None:
    categories = _ids(engine, "category", "code")
    departments = _ids(engine, "department", "code")
    before = _rules(engine)
    dialog = AdministrationDialog(engine)
    editor = dialog.show_tab("routing_rules")
    editor.button_new.click()
    _choose(editor.inputs["category_id"], categories["BILL_QUERY"])
    _choose(editor.inputs["department_id"], departments["REVENUE"])
    kinds = editor.inputs["task_kinds"]
    kinds.setText("investigation, dig")
    editor.button_save.click()
    assert editor.notice.is_error
    assert "Not saved: Save was refused. Nothing was changed." in editor.notice.text()
    assert "Tasks, in order: unknown task kind 'dig'" in editor.notice.text()
    assert editor.notice.marked == [kinds]
    assert kinds.text() == "investigation, dig"  # the typing is kept
    assert _rules(engine) == before

    # An artisan of another department: named, nothing saved.
    kinds.setText("investigation")
    _choose(editor.inputs["default_staff_id"], _ids(engine, "staff", "role_name")["sipho"])
    editor.button_save.click()
    assert "Default artisan: Sipho Dlamini works in WATER" in editor.notice.text()
    assert editor.notice.marked == [editor.inputs["default_staff_id"]]
    assert _rules(engine) == before
    dialog.close()


def test_a_team_made_here_is_offered_to_the_routing_rules(qgis_app, engine) -> None:
    departments = _ids(engine, "department", "code")
    rosa = _ids(engine, "staff", "role_name")["rosa"]
    dialog = AdministrationDialog(engine)
    teams_tab = dialog.show_tab("teams")
    teams_tab.button_new.click()
    teams_tab.inputs["name"].setText("Road crew")
    _choose(teams_tab.inputs["department_id"], departments["ROADS"])
    members = teams_tab.inputs["member_ids"]
    for k in range(members.count()):
        if members.item(k).data(Qt.UserRole) == rosa:
            members.item(k).setCheckState(Qt.Checked)
    teams_tab.button_save.click()
    assert not teams_tab.notice.is_error, teams_tab.notice.text()
    assert _table_texts(teams_tab) == [
        ["Road crew", "Roads and Stormwater (ROADS)", "Rosa Adams (ROADS)"]
    ]
    rules_tab = dialog.editors["routing_rules"]
    assert rules_tab.inputs["default_team_id"].findText("Road crew (ROADS)") >= 0

    # A second team of that name: refused, the name field marked.
    teams_tab.button_new.click()
    teams_tab.inputs["name"].setText("road crew")
    _choose(teams_tab.inputs["department_id"], departments["ROADS"])
    teams_tab.button_save.click()
    assert "ROADS has a team called road crew already" in teams_tab.notice.text()
    assert teams_tab.notice.marked == [teams_tab.inputs["name"]]
    assert teams_tab.table.rowCount() == 1
    dialog.close()


def test_a_policy_number_that_is_no_number_is_refused(qgis_app, engine) -> None:
    dialog = AdministrationDialog(engine)
    editor = dialog.show_tab("sla_policies")
    before = editor.table.rowCount()
    editor.button_new.click()
    editor.inputs["name"].setText("Potholes")
    editor.inputs["response_minutes"].setText("two hours")
    editor.inputs["resolution_minutes"].setText("600")
    editor.button_save.click()
    assert "Respond within (minutes): 'two hours' is not a whole number" in editor.notice.text()
    assert editor.notice.marked == [editor.inputs["response_minutes"]]
    editor.reload()
    assert editor.table.rowCount() == before
    dialog.close()


def test_the_job_card_asset_is_set_by_its_number(qgis_app, engine) -> None:
    with engine.begin() as connection:
        state = register.log_correspondence(
            connection, NewCorrespondence("BURST_PIPE", "telephone", "Water in the street")
        )
        locate.locate_at_point(
            connection, state.id, state.row_version, ORIGIN_X + 40, ORIGIN_Y + 60, 32734
        )
        (task,) = tasks.tasks_of(connection, state.id)
        card = job_cards.open_job_card(connection, task.id)
        valve = assets.create_asset(
            connection,
            assets.NewAsset(
                f"WV-{state.id:05d}", "water_valve", f"POINT({ORIGIN_X} {ORIGIN_Y})", 32734
            ),
        )
    dialog = JobCardDialog(engine, card.id)  # no map canvas: the number is the way
    assert not dialog.widget_asset_lookup.isHidden()
    assert "type the asset's number" in dialog.label_asset_hint.text().lower()

    # Suggestions come from the register as the number is typed.
    dialog.line_asset_number.setText("wv-")
    dialog.line_asset_number.textEdited.emit("wv-")
    assert valve.asset_number in dialog.asset_suggestions.stringList()

    # An unknown number: said so, nothing set.
    dialog.line_asset_number.setText("WV-NOPE")
    dialog.button_find_asset.click()
    assert dialog.notice.is_error and "no asset numbered 'WV-NOPE'" in dialog.notice.text()
    assert dialog.label_asset.text() == "No asset recorded."

    dialog.line_asset_number.setText(valve.asset_number.lower())
    dialog.button_find_asset.click()
    assert not dialog.notice.is_error, dialog.notice.text()
    assert dialog.notice.text() == f"Asset set: water valve {valve.asset_number}."
    assert dialog.label_asset.text() == f"{valve.asset_number} (water valve)"
    assert dialog.combo_condition_after.isEnabled()
    with engine.connect() as connection:
        assert job_cards.job_card(connection, card.id).asset_id == valve.id
        item_asset = connection.execute(
            text("SELECT asset_id FROM imis.correspondence WHERE id = :id"), {"id": state.id}
        ).scalar_one()
    assert item_asset == valve.id  # linked as a map pick links it
    dialog.close()


def test_a_retirement_date_is_set_on_a_saved_asset_only(qgis_app, engine) -> None:
    """A new asset is in service: its form offers no retirement date (it would be dropped);
    once saved, the date can be set."""
    dialog = AdministrationDialog(engine)
    editor = dialog.show_tab("assets")
    retired = editor.inputs["retired_on"]
    editor.button_new.click()
    assert not retired.isEnabled()
    assert retired.text() == ""

    editor.inputs["asset_number"].setText("HY-RETIRE-1")
    editor.inputs["asset_type"].setText("fire_hydrant")
    editor.inputs["geometry"].setText(f"POINT({ORIGIN_X + 15} {ORIGIN_Y + 15})")
    editor.button_save.click()
    assert not editor.notice.is_error, editor.notice.text()
    assert editor.notice.text() == "Added."
    assert retired.isEnabled()  # the saved asset stays in the form
    assert retired.text() == ""

    retired.setText(dt.date.today().isoformat())
    editor.button_save.click()
    assert not editor.notice.is_error, editor.notice.text()
    with engine.connect() as connection:
        assert assets.get_asset(connection, editor.current.id).retired_on == dt.date.today()

    # Another new asset: the saved one's date is not carried over.
    assert retired.text() == dt.date.today().isoformat()
    editor.button_new.click()
    assert not retired.isEnabled()
    assert retired.text() == ""
    dialog.close()


def test_the_job_card_suggests_assets_in_service_asking_once_per_complete_answer(
    qgis_app, engine, monkeypatch
) -> None:
    with engine.begin() as connection:
        state = register.log_correspondence(
            connection, NewCorrespondence("BURST_PIPE", "telephone", "Valve leaking")
        )
        locate.locate_at_point(
            connection, state.id, state.row_version, ORIGIN_X + 45, ORIGIN_Y + 65, 32734
        )
        (task,) = tasks.tasks_of(connection, state.id)
        card = job_cards.open_job_card(connection, task.id)
        for number in ("SV-0001", "SV-0002"):
            assets.create_asset(
                connection,
                assets.NewAsset(number, "sluice_valve", f"POINT({ORIGIN_X} {ORIGIN_Y})", 32734),
            )
        connection.execute(
            text("UPDATE imis.asset SET retired_on = current_date WHERE asset_number = 'SV-0002'")
        )
    asked: list[str] = []
    search = asset_register.search_assets

    def counted(connection, prefix, **options):
        asked.append(prefix)
        return search(connection, prefix, **options)

    monkeypatch.setattr(asset_register, "search_assets", counted)
    dialog = JobCardDialog(engine, card.id)
    for typed in ("sv", "sv-", "sv-0"):
        dialog.line_asset_number.setText(typed)
        dialog.line_asset_number.textEdited.emit(typed)
    # The retired valve is not offered; typing on within a complete answer asks nothing.
    assert dialog.asset_suggestions.stringList() == ["SV-0001"]
    assert asked == ["sv"]
    dialog.line_asset_number.setText("sx")
    dialog.line_asset_number.textEdited.emit("sx")
    assert asked == ["sv", "sx"]
    assert dialog.asset_suggestions.stringList() == []
    dialog.close()
