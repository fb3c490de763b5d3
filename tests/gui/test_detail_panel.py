"""The detail panel on real PostGIS: what it shows, each workflow button, and a stale edit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from qgis.PyQt.QtCore import QDate, Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QListWidget
from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.workflow import (
    Action,
    ActionInput,
    Classification,
    Field,
    Status,
    allowed_actions,
)
from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from imis_customer_plugin.gui.dialogs.action_dialog import ActionDialog
from imis_customer_plugin.gui.panels.detail_panel import EVENT_LABELS, DetailPanel
from imis_customer_plugin.services import locate, register

from ..municipality import ORIGIN_X, ORIGIN_Y

pytestmark = [pytest.mark.db, pytest.mark.qgis]

SAST = dt.timezone(dt.timedelta(hours=2))  # what Africa/Johannesburg is, all year round


def _log(engine: Engine, category: str = "BURST_PIPE", *, located: bool = True, **fields):
    request = NewCorrespondence(
        **{"category_code": category, "channel": "telephone", "description": "Water"} | fields
    )
    with engine.begin() as connection:
        state = register.log_correspondence(connection, request)
        if not located:
            return state
        return locate.locate_at_point(
            connection, state.id, state.row_version, ORIGIN_X + 50, ORIGIN_Y + 50, 32734
        ).state


def _row(engine: Engine, correspondence_id: int):
    with engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT c.status, c.status_reason, c.deferred_until, c.resolution, "
                "c.escalation_level, d.code AS department FROM imis.correspondence AS c "
                "JOIN imis.department AS d ON d.id = c.department_id WHERE c.id = :id"
            ),
            {"id": correspondence_id},
        ).one()


def _events(engine: Engine, correspondence_id: int) -> list[tuple[str, str, str]]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT event_type, reason, actor FROM imis.correspondence_event "
                "WHERE correspondence_id = :id AND event_type NOT IN ('repeat_detected', 'task') "
                "ORDER BY id"
            ),
            {"id": correspondence_id},
        ).all()
    return [tuple(r) for r in rows]


def _buttons(panel: DetailPanel) -> list[str]:
    """The action buttons a user sees, in reading order."""
    layout = panel.layout_action_buttons
    widgets = [layout.itemAt(i).widget() for i in range(layout.count())]
    return [w.objectName() for w in widgets if w.isVisibleTo(panel)]


def _expected_buttons(classification: Classification, status: Status) -> list[str]:
    allowed = allowed_actions(classification, status)
    return [f"button_{a.value}" for a in allowed if a is not Action.LOCATE]


def _timeline(panel: DetailPanel) -> list[tuple[str, str, str, str, str]]:
    """(time, event, from → to, by, reason) as the timeline shows them; a reason spans the
    row below its event."""
    table = panel.table_events
    events: list[list[str]] = []
    for row in range(table.rowCount()):
        if table.columnSpan(row, 0) == table.columnCount():
            events[-1][4] = table.item(row, 0).text()
        else:
            events.append([table.item(row, c).text() for c in range(table.columnCount())] + [""])
    return [tuple(e) for e in events]


def _messages(panel: DetailPanel) -> list[str]:
    """The panel's message bar, oldest first."""
    return list(reversed(panel.messages()))


def _open(engine: Engine, correspondence_id: int) -> DetailPanel:
    panel = DetailPanel(engine, correspondence_id)
    panel.resize(420, 800)
    panel.show()
    return panel


@dataclass
class Typing:
    """What the user types into the action dialog, widget by widget; then OK or Cancel."""

    reason: str | None = None
    days_ahead: int | None = None
    department: str | None = None
    resolution: str | None = None
    accept: bool = True


@dataclass
class SeenDialog:
    visible: set[Field]
    ok_enabled: bool
    reason: str
    until: dt.date
    departments: list[str]
    department: str | None
    resolution: str
    note: str
    panel_status: str
    panel_messages: list[str]


@dataclass
class DialogUser:
    """Stands in for the person at the action dialog: exec_() is answered from `answers`."""

    answers: list[Typing] = field(default_factory=list)
    seen: list[SeenDialog] = field(default_factory=list)
    panel: DetailPanel | None = None

    def exec_(self, dialog: ActionDialog) -> int:
        rows = {
            Field.REASON: dialog.line_reason,
            Field.UNTIL: dialog.date_until,
            Field.DEPARTMENT: dialog.combo_department,
            Field.RESOLUTION: dialog.text_resolution,
        }
        combo = dialog.combo_department
        ok = dialog.button_box.button(QDialogButtonBox.Ok)
        self.seen.append(
            SeenDialog(
                visible={f for f, widget in rows.items() if widget.isVisibleTo(dialog)},
                ok_enabled=ok.isEnabled(),
                reason=dialog.line_reason.text(),
                until=dialog.date_until.date().toPyDate(),
                departments=[combo.itemData(i) for i in range(combo.count())],
                department=combo.currentData(),
                resolution=dialog.text_resolution.toPlainText(),
                note=dialog.label_note.text() if dialog.label_note.isVisibleTo(dialog) else "",
                panel_status=self.panel.label_status.text() if self.panel else "",
                panel_messages=_messages(self.panel) if self.panel else [],
            )
        )
        if not self.answers:
            return QDialog.Rejected
        typing = self.answers.pop(0)
        if typing.reason is not None:
            dialog.line_reason.clear()
            QTest.keyClicks(dialog.line_reason, typing.reason)
        if typing.days_ahead is not None:
            dialog.date_until.setDate(QDate.currentDate().addDays(typing.days_ahead))
        if typing.department is not None:
            combo.setCurrentIndex(combo.findData(typing.department))
        if typing.resolution is not None:
            dialog.text_resolution.setPlainText(typing.resolution)
        if typing.accept:
            assert ok.isEnabled(), "OK stays disabled: a required field is empty"
            ok.click()
        else:
            dialog.button_box.button(QDialogButtonBox.Cancel).click()
        return dialog.result()


@pytest.fixture()
def user(monkeypatch) -> DialogUser:
    person = DialogUser()

    def exec_(dialog: ActionDialog) -> int:  # replaces the modal loop; the dialog is `self`
        return person.exec_(dialog)

    monkeypatch.setattr(ActionDialog, "exec_", exec_)
    return person


@pytest.fixture()
def second_desk(cluster, register_settings) -> Iterator[tuple[Engine, str]]:
    """Another operator, logged in as his own PostgreSQL role."""
    login = cluster.create_login("second-desk")
    admin = create_db_engine(register_settings)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'GRANT imis_operator TO "{login["user"]}"')
    admin.dispose()
    settings = ConnectionSettings(
        {
            **login,
            "password": "second-desk",
            "dbname": register_settings.params["dbname"],
            "sslmode": "disable",
        }
    )
    engine = create_db_engine(settings)
    yield engine, login["user"]
    engine.dispose()


def test_panel_shows_every_field_the_timeline_and_related_items(
    qgis_app,
    register_engine,
) -> None:
    state = _log(register_engine, account_number="400123456", description="Burst pipe on Main")
    other = _log(register_engine, "BILL_QUERY", located=False, account_number="400123456")
    neighbour = _log(register_engine, "POTHOLE", description="Pothole at the gate")
    panel = _open(register_engine, state.id)

    assert panel.panelTitle() == state.reference
    assert panel.label_reference.text() == state.reference
    assert panel.label_status.text() == "Assigned"
    assert panel.label_summary.text() == "Complaint · Burst pipe · Water and Sanitation"
    shown = {
        "description": "Burst pipe on Main",
        "classification": "Complaint",
        "category": "Burst pipe (BURST_PIPE)",
        "channel": "Telephone",
        "priority": "2 (1 is the most urgent)",
        "department": "Water and Sanitation",
        "escalation": "Not escalated",
        "customer": "Thandiwe Mokoena",
        "phone": "+27821234567",
        "email": "thandi@mail.example",
        "account": "400123456",
        "erf": "1001",
        "address": "11 Main Road, Mowbray",
        "ward": "7",
        "suburb": "Mowbray",
        "point": f"{ORIGIN_X + 50:.1f}, {ORIGIN_Y + 50:.1f}",
        "status_reason": "—",
        "deferred_until": "—",
        "resolution": "—",
        "closed": "—",
    }
    assert {name: getattr(panel, f"label_{name}").text() for name in shown} == shown
    with register_engine.connect() as connection:
        logged_at, logged_by, events = connection.execute(
            text(
                "SELECT c.logged_at, c.logged_by, array_agg(e.occurred_at ORDER BY e.id) "
                "FROM imis.correspondence AS c JOIN imis.correspondence_event AS e "
                "ON e.correspondence_id = c.id WHERE c.id = :id GROUP BY c.id"
            ),
            {"id": state.id},
        ).one()
    assert (
        panel.label_logged.text() == f"{logged_at.astimezone(SAST):%Y-%m-%d %H:%M} by {logged_by}"
    )
    assert panel.label_location.text().startswith("On a land parcel, ")

    timeline = _timeline(panel)
    assert len(timeline) == len(events)
    assert timeline[0] == (
        f"{events[0].astimezone(SAST):%Y-%m-%d\n%H:%M}",  # date over time: a narrow column
        "Logged",
        "→ Logged",
        logged_by,
        "",
    )
    assert timeline[1][1:3] == ("Located", "Logged\n→ Assigned")

    customer_ids = _related_ids(panel.list_same_customer)
    parcel_ids = _related_ids(panel.list_same_parcel)
    assert other.id in customer_ids
    assert neighbour.id not in customer_ids  # anonymous: not this customer's
    assert neighbour.id in parcel_ids
    assert other.id not in parcel_ids  # not located
    assert panel.group_same_parcel.title().endswith(f"({len(parcel_ids)})")

    opened: list[int] = []
    panel.open_requested.connect(opened.append)
    _double_click(panel.list_same_parcel, neighbour.id)
    assert opened == [neighbour.id]


def _related_ids(widget: QListWidget) -> list[int]:
    items = [widget.item(i) for i in range(widget.count())]
    return [item.data(Qt.UserRole) for item in items if item.data(Qt.UserRole) is not None]


def _double_click(widget: QListWidget, correspondence_id: int) -> None:
    row = _related_ids(widget).index(correspondence_id)
    rect = widget.visualItemRect(widget.item(row))
    QTest.mouseClick(widget.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())
    QTest.mouseDClick(widget.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())


def test_each_button_through_a_complaints_whole_life(
    qgis_app,
    register_engine,
    user,
) -> None:
    state = _log(register_engine)
    panel = _open(register_engine, state.id)
    user.panel = panel
    changed: list[int] = []
    panel.changed.connect(changed.append)
    steps: list[tuple[Action, Typing | None, Status]] = [
        (Action.START, None, Status.IN_PROGRESS),
        (Action.PEND, Typing(reason="Waiting for the gate to be opened"), Status.PENDING),
        (Action.RESUME, None, Status.IN_PROGRESS),
        (Action.DEFER, Typing(reason="Valve on order", days_ahead=7), Status.DEFERRED),
        (Action.REFORWARD, Typing(reason="It is a road", department="ROADS"), Status.ASSIGNED),
        (Action.ESCALATE, Typing(reason="Third call"), Status.ESCALATED),
        (Action.RESOLVE, Typing(resolution="Pipe replaced\nRoad patched"), Status.RESOLVED),
        (Action.CLOSE, None, Status.CLOSED),
        (Action.REOPEN, Typing(reason="Leaking again"), Status.REOPENED),
    ]
    status = Status.ASSIGNED
    for number, (action, typing, expected) in enumerate(steps, start=1):
        assert _buttons(panel) == _expected_buttons(Classification.COMPLAINT, status)
        if typing is not None:
            user.answers.append(typing)
        panel.action_buttons[action].click()
        status = expected
        assert _row(register_engine, state.id).status == expected.value, action
        assert changed == [state.id] * number
        assert _messages(panel)[-1] == f"{state.reference} is now {_words(expected)}."
    assert _buttons(panel) == _expected_buttons(Classification.COMPLAINT, Status.REOPENED)
    assert panel.label_status.text() == "Re-opened"

    asked = user.seen
    assert [sorted(f.value for f in s.visible) for s in asked] == [
        ["reason"],
        ["reason", "until"],
        ["department", "reason"],
        ["reason"],
        ["resolution"],
        ["reason"],
    ]
    assert not any(s.ok_enabled for s in asked)  # nothing typed yet: OK waits
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert asked[1].until == tomorrow
    assert asked[2].departments == ["REVENUE", "ROADS"]  # not the current one (WATER)
    assert asked[2].department is None

    row = _row(register_engine, state.id)
    assert (row.department, row.escalation_level) == ("ROADS", 1)
    assert row.resolution == "Pipe replaced\nRoad patched"
    assert row.status_reason == "Leaking again"
    history = _events(register_engine, state.id)
    assert [e[0] for e in history] == ["logged", "locate"] + [a.value for a, _, _ in steps]
    reasons = [e[1] for e in history[2:]]
    assert reasons[3] == "Valve on order"
    assert reasons[6] == "Pipe replaced\nRoad patched"
    task_label = EVENT_LABELS.get("task", "task")  # locating gave the item its task
    shown = [e for e in _timeline(panel) if e[1] not in ("Repeat found", task_label)]
    assert [e[1] for e in shown[2:]] == [
        "Started",
        "Pending",
        "Resumed",
        "Deferred",
        "Re-forwarded",
        "Escalated",
        "Resolved",
        "Closed",
        "Re-opened",
    ]
    assert [e[4] for e in shown[2:]] == reasons
    assert shown[5][2] == "In progress\n→ Deferred"
    assert panel.label_resolution.text() == "Pipe replaced\nRoad patched"


def _words(status: Status) -> str:
    return {
        Status.IN_PROGRESS: "in progress",
        Status.REOPENED: "re-opened",
    }.get(status, status.value)


def test_stale_edit_names_who_changed_it_reloads_and_keeps_the_typing(
    qgis_app,
    register_engine,
    second_desk,
    user,
) -> None:
    state = _log(register_engine)
    panel = _open(register_engine, state.id)
    user.panel = panel
    assert panel.label_status.text() == "Assigned"
    other_engine, other_user = second_desk
    with other_engine.begin() as connection:
        register.apply_action(
            connection,
            state.id,
            state.row_version,
            Action.PEND,
            ActionInput(reason="Waiting for the meter reader"),
        )

    user.answers += [Typing(reason="Valve on order", days_ahead=5), Typing()]  # type, confirm
    changed: list[int] = []
    panel.changed.connect(changed.append)
    panel.action_buttons[Action.DEFER].click()

    typed, again = user.seen
    assert typed.panel_status == "Assigned"
    assert again.panel_status == "Pending"  # reloaded before asking again
    assert (typed.reason, typed.note) == ("", "")
    assert (again.reason, again.until) == ("Valve on order", dt.date.today() + dt.timedelta(5))
    assert again.ok_enabled
    summary = f"{state.reference} was changed by {other_user} at "
    assert again.note.startswith(summary)
    assert "(status: Assigned → Pending; status reason: — → Waiting for the meter" in again.note
    assert again.note.endswith("then press Defer to save it.")
    [conflict] = again.panel_messages
    assert conflict.startswith(summary)
    assert conflict.endswith("Nothing of yours was saved; what you typed is offered again.")
    assert _messages(panel) == [f"{state.reference} is now deferred."]  # warning cleared

    row = _row(register_engine, state.id)
    assert (row.status, row.status_reason) == ("deferred", "Valve on order")
    assert row.deferred_until == dt.date.today() + dt.timedelta(days=5)
    history = _events(register_engine, state.id)
    assert [(e[0], e[2] == other_user) for e in history[-2:]] == [("pend", True), ("defer", False)]
    assert panel.label_status.text() == "Deferred"
    assert changed == [state.id]


def test_stale_edit_that_is_no_longer_possible_is_not_asked_again(
    qgis_app,
    register_engine,
    second_desk,
    user,
) -> None:
    state = _log(register_engine)
    panel = _open(register_engine, state.id)
    other_engine, other_user = second_desk
    with other_engine.begin() as connection:
        register.apply_action(
            connection, state.id, state.row_version, Action.RESOLVE, ActionInput(resolution="Done")
        )
    user.answers.append(Typing(reason="Customer away"))
    panel.action_buttons[Action.PEND].click()
    assert len(user.seen) == 1
    assert panel.label_status.text() == "Resolved"
    assert _buttons(panel) == ["button_close", "button_reopen"]
    [message] = _messages(panel)
    assert message.startswith(f"{state.reference} was changed by {other_user} at ")
    assert message.endswith("Pending is not possible now that the item is resolved.")
    assert _row(register_engine, state.id).status == "resolved"


@pytest.mark.parametrize(
    ("category", "located", "moves"),
    [
        ("COMPLIMENT", False, [(Action.ACKNOWLEDGE, None)]),
        ("BILL_QUERY", False, [(Action.CLOSE, Typing(resolution="Explained the tariff"))]),
        ("BILL_QUERY", True, [(Action.START, None), (Action.CLOSE, Typing(resolution="Paid"))]),
        (
            "METER_DISPUTE",
            True,
            [(Action.START, None), (Action.ESCALATE, Typing(reason="Meter re-read"))],
        ),
    ],
    ids=["compliment", "query-first-contact", "query", "dispute"],
)
def test_buttons_are_exactly_the_allowed_actions(
    qgis_app,
    register_engine,
    user,
    category,
    located,
    moves,
) -> None:
    state = _log(register_engine, category, located=located)
    panel = _open(register_engine, state.id)
    classification = state.classification
    for action, typing in moves:
        status = Status(_row(register_engine, state.id).status)
        assert _buttons(panel) == _expected_buttons(classification, status)
        if typing is not None:
            user.answers.append(typing)
        panel.action_buttons[action].click()
    status = Status(_row(register_engine, state.id).status)
    assert _buttons(panel) == _expected_buttons(classification, status)
    if classification is Classification.DISPUTE:
        assert "button_defer" not in _buttons(panel)  # a dispute's policy period keeps running
    if status is Status.CLOSED and classification is Classification.COMPLIMENT:
        assert panel.label_actions_hint.text() == "No action is possible while the item is closed."


def test_logged_item_points_to_locating_and_shows_readable_labels(
    qgis_app,
    register_engine,
) -> None:
    state = _log(register_engine, located=False)
    panel = _open(register_engine, state.id)
    assert _buttons(panel) == []
    assert "locate it on the map" in panel.label_actions_hint.text()
    assert panel.label_location.text() == "Not located yet"

    query = _log(register_engine, "BILL_QUERY")
    panel = _open(register_engine, query.id)
    labels = [panel.action_buttons[a].text() for a in panel.action_buttons]
    assert labels == [
        "Start work",
        "Pending…",
        "Defer…",
        "Re-forward…",
        "Escalate…",
        "Resolve…",
        "Close…",
    ]


def test_refused_action_says_why_changes_nothing_and_keeps_the_typing(
    qgis_app,
    register_engine,
    user,
) -> None:
    state = _log(register_engine)
    with register_engine.begin() as connection:
        connection.execute(
            text("UPDATE imis.correspondence SET escalation_level = 5 WHERE id = :id"),
            {"id": state.id},
        )
    panel = _open(register_engine, state.id)
    before = _events(register_engine, state.id)
    user.answers.append(Typing(reason="Fourth call"))
    panel.action_buttons[Action.ESCALATE].click()
    assert _messages(panel)[-1] == (
        f"escalation: {state.reference} is already at the top escalation level. "
        "Nothing was changed."
    )
    assert _row(register_engine, state.id).status == "assigned"
    assert _events(register_engine, state.id) == before
    assert panel.label_escalation.text() == "Level 5"

    panel.action_buttons[Action.ESCALATE].click()  # no answer: the user looks, then cancels
    assert user.seen[-1].reason == "Fourth call"


def test_cancel_changes_nothing(qgis_app, register_engine, user) -> None:
    state = _log(register_engine)
    panel = _open(register_engine, state.id)
    user.answers.append(Typing(reason="Not sure", accept=False))
    panel.action_buttons[Action.PEND].click()
    assert _row(register_engine, state.id).status == "assigned"
    assert panel.label_status.text() == "Assigned"
    assert _messages(panel) == []


def test_action_dialog_asks_exactly_for_what_is_required(qgis_app) -> None:
    tomorrow = QDate.currentDate().addDays(1)
    dialog = ActionDialog(Action.DEFER, {Field.REASON, Field.UNTIL}, [])
    ok = dialog.button_box.button(QDialogButtonBox.Ok)
    assert ok.text() == "Defer"
    assert not ok.isEnabled()
    assert dialog.date_until.date() == tomorrow
    dialog.date_until.setDate(QDate.currentDate())
    assert dialog.date_until.date() == tomorrow  # never today or earlier
    QTest.keyClicks(dialog.line_reason, "  ")
    assert not ok.isEnabled()  # blanks are not a reason
    QTest.keyClicks(dialog.line_reason, "Parts")
    assert ok.isEnabled()
    assert dialog.action_input() == ActionInput(reason="Parts", until=tomorrow.toPyDate())

    given = ActionInput(reason="It is a road", department="ROADS", resolution="ignored")
    departments = [("REVENUE", "Revenue"), ("ROADS", "Roads and Stormwater")]
    reforward = ActionDialog(Action.REFORWARD, {Field.REASON, Field.DEPARTMENT}, departments)
    reforward.set_action_input(given)
    assert reforward.combo_department.currentText() == "Roads and Stormwater"
    assert reforward.action_input() == ActionInput(reason="It is a road", department="ROADS")
    assert not reforward.text_resolution.isVisibleTo(reforward)


def test_reload_shows_a_change_made_at_another_desk(qgis_app, register_engine) -> None:
    state = _log(register_engine)
    panel = _open(register_engine, state.id)
    with register_engine.begin() as connection:
        register.apply_action(connection, state.id, state.row_version, Action.START, ActionInput())
    assert panel.label_status.text() == "Assigned"
    QTest.mouseClick(panel.button_reload, Qt.LeftButton)
    assert panel.label_status.text() == "In progress"
    assert _buttons(panel) == _expected_buttons(Classification.COMPLAINT, Status.IN_PROGRESS)


def _sast(value: dt.datetime | None) -> str:
    return f"{value.astimezone(SAST):%Y-%m-%d %H:%M}" if value else "—"


def _sla(panel: DetailPanel) -> dict[str, str]:
    names = ("sla_policy", "sla_state", "response_due", "responded", "resolution_due")
    return {name: getattr(panel, f"label_{name}").text() for name in (*names, "escalation")}


def _sla_row(engine: Engine, correspondence_id: int):
    with engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT p.name AS policy, c.sla_state, c.response_due_at, c.resolution_due_at, "
                "c.responded_at FROM imis.correspondence AS c "
                "LEFT JOIN imis.sla_policy AS p ON p.id = c.sla_policy_id WHERE c.id = :id"
            ),
            {"id": correspondence_id},
        ).one()


def test_sla_block_shows_policy_state_due_times_response_and_escalation(
    qgis_app, register_engine
) -> None:
    waiting = _log(register_engine, located=False)
    panel = _open(register_engine, waiting.id)
    assert _sla(panel) == {
        "sla_policy": "Chosen when the item is located",
        "sla_state": "—",
        "response_due": "—",
        "responded": "Not yet",
        "resolution_due": "—",
        "escalation": "Not escalated",
    }

    state = _log(register_engine)  # a complaint of priority 2, located
    panel = _open(register_engine, state.id)
    row = _sla_row(register_engine, state.id)
    assert row.sla_state == "on_time"
    assert _sla(panel) == {
        "sla_policy": row.policy,
        "sla_state": "On time",
        "response_due": _sast(row.response_due_at),
        "responded": "Not yet",
        "resolution_due": _sast(row.resolution_due_at),
        "escalation": "Not escalated",
    }
    assert row.policy.startswith("Complaints: 1 working day to respond")
    assert panel.group_sla.isVisibleTo(panel)
    assert not panel.group_progress.isAncestorOf(panel.label_response_due)  # shown once

    # Overdue, as the worker's sweeps leave it: breached, escalated, the next step planned.
    with register_engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE imis.correspondence SET sla_state = 'breached', escalation_level = 1, "
                "response_due_at = now() - interval '2 hours', "
                "next_escalation_at = now() + interval '8 hours' WHERE id = :id"
            ),
            {"id": state.id},
        )
    QTest.mouseClick(panel.button_reload, Qt.LeftButton)
    shown = _sla(panel)
    assert shown["sla_state"] == "Breached"
    assert "#b2001f" in panel.label_sla_state.styleSheet()  # the map's breached ring colour
    assert shown["response_due"].endswith(" (overdue)")
    assert shown["escalation"].startswith("Level 1; next escalation ")

    panel.action_buttons[Action.START].click()  # the first response to the customer
    row = _sla_row(register_engine, state.id)
    assert row.responded_at is not None
    assert panel.label_responded.text() == f"Yes, {_sast(row.responded_at)}"
    assert not panel.label_response_due.text().endswith("(overdue)")


def _message_lines(panel: DetailPanel) -> list[tuple[str, ...]]:
    widget = panel.list_messages
    return [tuple(widget.item(i).text().split("\n")) for i in range(widget.count())]


def _click(widget: QListWidget, row: int) -> None:
    rect = widget.visualItemRect(widget.item(row))
    QTest.mouseClick(widget.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())


def _outbox(engine: Engine, correspondence_id: int):
    with engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT id, kind, status, attempts, recipient, created_at FROM imis.outbox "
                "WHERE correspondence_id = :id ORDER BY id"
            ),
            {"id": correspondence_id},
        ).all()


def test_messages_show_who_was_told_what_and_a_failure_can_be_sent_again(
    qgis_app, register_engine
) -> None:
    state = _log(register_engine, account_number="400123456")  # the customer prefers SMS
    acknowledgement, assignment = _outbox(register_engine, state.id)
    panel = _open(register_engine, state.id)
    assert _message_lines(panel) == [
        (
            f"{_sast(acknowledgement.created_at)} · Acknowledgement",
            "Customer · SMS · +27821234567",
            "Waiting to be sent",
        ),
        (
            f"{_sast(assignment.created_at)} · Assignment",
            "Staff · E-mail · water@city.example",
            "Waiting to be sent",
        ),
    ]
    assert panel.group_messages.title() == "Messages (2, times in SAST)"
    assert not panel.button_send_again.isEnabled()

    # The worker gave up on the SMS.
    with register_engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE imis.outbox SET status = 'failed', attempts = 5, "
                "last_error = 'gateway: number unreachable' WHERE id = :id"
            ),
            {"id": acknowledgement.id},
        )
    QTest.mouseClick(panel.button_reload, Qt.LeftButton)
    failed, other = panel.list_messages.item(0), panel.list_messages.item(1)
    assert failed.text().endswith("\nFailed: gateway: number unreachable")
    assert failed.foreground().color().name() == "#b2001f"
    assert not failed.icon().isNull()
    assert other.foreground().color().name() != "#b2001f" and other.icon().isNull()
    assert panel.group_messages.title() == "Messages (2, 1 failed, times in SAST)"
    assert not panel.button_send_again.isEnabled()  # until a failed message is chosen
    _click(panel.list_messages, 1)
    assert not panel.button_send_again.isEnabled()  # only a failed message is sent again
    _click(panel.list_messages, 0)
    assert panel.button_send_again.isEnabled()

    QTest.mouseClick(panel.button_send_again, Qt.LeftButton)
    again = _outbox(register_engine, state.id)[0]
    assert (again.status, again.attempts, again.recipient) == ("pending", 0, "+27821234567")
    assert _message_lines(panel)[0][2].startswith(("Waiting to be sent", "Trying again "))
    assert panel.list_messages.item(0).icon().isNull()
    assert not panel.button_send_again.isEnabled()
    assert _messages(panel) == ["Acknowledgement is queued to be sent again."]


def test_a_message_without_an_address_fails_at_once_and_says_why_it_cannot_be_resent(
    qgis_app, register_engine
) -> None:
    with register_engine.begin() as connection:
        customer_id = connection.execute(
            text(
                "INSERT INTO imis.customer (full_name, preferred_channel) "
                "VALUES ('Sipho Ndlovu', 'sms') RETURNING id"
            )
        ).scalar_one()
    state = _log(register_engine, customer_id=customer_id)
    panel = _open(register_engine, state.id)
    lines = _message_lines(panel)
    assert lines[0][1:] == ("Customer · SMS · —", "Failed: no sms address for the customer")
    panel.list_messages.setCurrentRow(0)
    assert panel.button_send_again.isEnabled()
    assert not panel.send_again()
    assert _messages(panel) == [
        "recipient: no phone number to send to. The message was not queued."
    ]
    assert _outbox(register_engine, state.id)[0].status == "failed"
