"""One correspondence in full: its fields, its SLA, its work (tasks, job cards, costs), its
timeline, the messages sent about it, the customer's and the parcel's other items ("one
voice"), and a button for each workflow action allowed now.

Reading and acting are single-row statements, so they run on the GUI thread; each one is its
own short transaction, never left open.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import Qgis, QgsApplication
from qgis.gui import QgsMapCanvas, QgsMessageBar, QgsPanelWidget
from qgis.PyQt import sip, uic
from qgis.PyQt.QtCore import QRect, Qt, QUrl, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor, QDesktopServices, QFontMetrics
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from ...core.costs import AllocationStatus, format_rand
from ...core.errors import ConflictError, ImisError
from ...core.routing import OPEN_TASK_STATUSES, TaskStatus
from ...core.workflow import (
    OPEN_STATUSES,
    RULES,
    Action,
    ActionInput,
    Classification,
    Field,
    Status,
    allowed_actions,
)
from ...db.connection import ConnectionSettings
from ...definitions import QT_TRANSLATE_NOOP
from ...layers.status_style import SLA_RINGS, SLA_STATE_COLOURS, STATUS_STYLES
from ...layouts.job_card import export_job_card_pdf
from ...services import costs, job_cards, outbox, reference, register, tasks
from ...services.costs import CostSummary, StoredAllocation
from ...services.job_cards import JobCard
from ...services.outbox import OutboxEntry
from ...services.search import Detail, ListRow, correspondence_detail
from ...services.tasks import TaskRow
from ..common import (
    NONE_SHOWN,
    bar_texts,
    busy,
    first_line,
    local_time,
    push_wrapped,
    sentence,
    translated,
)
from ..dialogs.action_dialog import ActionDialog, action_label
from ..dialogs.cost_dialog import CostDialog
from ..dialogs.job_card_dialog import JobCardDialog, card_status_label
from ..dialogs.task_dialog import kind_label

LOGGER = logging.getLogger(__name__)
FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))


_CONTEXT = "DetailPanel"
EVENT_LABELS = {
    "logged": QT_TRANSLATE_NOOP("DetailPanel", "Logged"),
    "located": QT_TRANSLATE_NOOP("DetailPanel", "Located"),
    "locate": QT_TRANSLATE_NOOP("DetailPanel", "Located"),
    "relocated": QT_TRANSLATE_NOOP("DetailPanel", "Moved"),
    "repeat_detected": QT_TRANSLATE_NOOP("DetailPanel", "Repeat found"),
    "note": QT_TRANSLATE_NOOP("DetailPanel", "Note"),
    "start": QT_TRANSLATE_NOOP("DetailPanel", "Started"),
    "pend": QT_TRANSLATE_NOOP("DetailPanel", "Pending"),
    "defer": QT_TRANSLATE_NOOP("DetailPanel", "Deferred"),
    "resume": QT_TRANSLATE_NOOP("DetailPanel", "Resumed"),
    "reforward": QT_TRANSLATE_NOOP("DetailPanel", "Re-forwarded"),
    "escalate": QT_TRANSLATE_NOOP("DetailPanel", "Escalated"),
    "resolve": QT_TRANSLATE_NOOP("DetailPanel", "Resolved"),
    "close": QT_TRANSLATE_NOOP("DetailPanel", "Closed"),
    "acknowledge": QT_TRANSLATE_NOOP("DetailPanel", "Acknowledged"),
    "reopen": QT_TRANSLATE_NOOP("DetailPanel", "Re-opened"),
    "sla_at_risk": QT_TRANSLATE_NOOP("DetailPanel", "SLA at risk"),
    "task": QT_TRANSLATE_NOOP("DetailPanel", "Task"),
    "reroute": QT_TRANSLATE_NOOP("DetailPanel", "Task re-routed"),
    "assign": QT_TRANSLATE_NOOP("DetailPanel", "Task assigned"),
    "job_card": QT_TRANSLATE_NOOP("DetailPanel", "Job card"),
    "asset_condition": QT_TRANSLATE_NOOP("DetailPanel", "Asset condition"),
    "allocate": QT_TRANSLATE_NOOP("DetailPanel", "Costs allocated"),
    "approve_costs": QT_TRANSLATE_NOOP("DetailPanel", "Costs approved"),
    "export_costs": QT_TRANSLATE_NOOP("DetailPanel", "Costs exported"),
}
TASK_STATUS_LABELS = {
    TaskStatus.OPEN: QT_TRANSLATE_NOOP("DetailPanel", "Open (no one assigned)"),
    TaskStatus.ASSIGNED: QT_TRANSLATE_NOOP("DetailPanel", "Assigned"),
    TaskStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("DetailPanel", "In progress"),
    TaskStatus.DONE: QT_TRANSLATE_NOOP("DetailPanel", "Done"),
    TaskStatus.CANCELLED: QT_TRANSLATE_NOOP("DetailPanel", "Cancelled"),
}
CLASSIFICATION_LABELS = {
    Classification.COMPLAINT: QT_TRANSLATE_NOOP("DetailPanel", "Complaint"),
    Classification.QUERY: QT_TRANSLATE_NOOP("DetailPanel", "Query"),
    Classification.DISPUTE: QT_TRANSLATE_NOOP("DetailPanel", "Dispute"),
    Classification.COMPLIMENT: QT_TRANSLATE_NOOP("DetailPanel", "Compliment"),
}
CHANNEL_LABELS = {
    "telephone": QT_TRANSLATE_NOOP("DetailPanel", "Telephone"),
    "walk_in": QT_TRANSLATE_NOOP("DetailPanel", "Walk-in"),
    "email": QT_TRANSLATE_NOOP("DetailPanel", "E-mail"),
    "web": QT_TRANSLATE_NOOP("DetailPanel", "Web"),
    "sms": QT_TRANSLATE_NOOP("DetailPanel", "SMS"),
    "social_media": QT_TRANSLATE_NOOP("DetailPanel", "Social media"),
    "internal": QT_TRANSLATE_NOOP("DetailPanel", "Internal"),
}
SLA_STATE_LABELS = {
    "on_time": QT_TRANSLATE_NOOP("DetailPanel", "On time"),
    "at_risk": QT_TRANSLATE_NOOP("DetailPanel", "At risk"),
    "breached": QT_TRANSLATE_NOOP("DetailPanel", "Breached"),
    "paused": QT_TRANSLATE_NOOP("DetailPanel", "Paused (waiting on others)"),
    "met": QT_TRANSLATE_NOOP("DetailPanel", "Met"),
    "missed": QT_TRANSLATE_NOOP("DetailPanel", "Missed"),
}
MESSAGE_KINDS = {
    "acknowledgement": QT_TRANSLATE_NOOP("DetailPanel", "Acknowledgement"),
    "status_change": QT_TRANSLATE_NOOP("DetailPanel", "Status change"),
    "resolution": QT_TRANSLATE_NOOP("DetailPanel", "Resolution"),
    "assignment": QT_TRANSLATE_NOOP("DetailPanel", "Assignment"),
    "at_risk": QT_TRANSLATE_NOOP("DetailPanel", "SLA at risk"),
    "escalation": QT_TRANSLATE_NOOP("DetailPanel", "Escalation"),
}
AUDIENCE_LABELS = {
    "customer": QT_TRANSLATE_NOOP("DetailPanel", "Customer"),
    "staff": QT_TRANSLATE_NOOP("DetailPanel", "Staff"),
}
FAILED_COLOUR = SLA_RINGS["breached"][1]
_BUTTON_COLUMNS = 2  # the dock is narrow
_LIST_ROWS = 4  # related items visible without scrolling the list
_TIMELINE_ROWS = 12  # timeline rows visible without scrolling the table
_WORK_ROWS = 8  # tasks and job cards visible without scrolling the tree


def _translated(labels: dict, key: object) -> str:
    return translated(_CONTEXT, labels, key)


def status_label(status: str | Status | None) -> str:
    """The translated, readable name of a status ('In progress'), as in the map legend."""
    return STATUS_STYLES[Status(status)].translated_label() if status else NONE_SHOWN


def _badge_colours(status: Status) -> tuple[str, str]:
    """The status's map colour behind black or white text, whichever reads better."""
    colour = STATUS_STYLES[status].color
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return colour, "#000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "#ffffff"


def _plain(value: object) -> str:
    return NONE_SHOWN if value is None or value == "" else str(value)


@dataclass(frozen=True)
class Work:
    """The item's tasks, their job cards, and its costs, as the Work group shows them."""

    tasks: list[TaskRow] = field(default_factory=list)
    cards: dict[int, list[JobCard]] = field(default_factory=dict)  # by task id
    assignees: dict[int, str] = field(default_factory=dict)  # staff id -> name
    departments: dict[str, str] = field(default_factory=dict)  # code -> name
    costs: CostSummary | None = None
    allocations: list[StoredAllocation] = field(default_factory=list)

    def card(self, card_id: int) -> JobCard | None:
        found = [c for cards in self.cards.values() for c in cards if c.id == card_id]
        return found[0] if found else None

    def task(self, task_id: int) -> TaskRow | None:
        found = [t for t in self.tasks if t.id == task_id]
        return found[0] if found else None


def read_work(connection, correspondence_id: int) -> Work:
    """Tasks, job cards, assignees' names and costs of one item, from the services."""
    item_tasks = tasks.tasks_of(connection, correspondence_id)
    assigned = {t.assigned_staff_id for t in item_tasks if t.assigned_staff_id is not None}
    return Work(
        tasks=item_tasks,
        cards=job_cards.cards_of_correspondence(connection, correspondence_id),
        assignees=reference.staff_names(connection, assigned),
        departments={c.code: c.name for c in reference.departments(connection)},
        costs=costs.costs_of(connection, correspondence_id),
        allocations=costs.allocations_of(connection, correspondence_id),
    )


class DetailPanel(QgsPanelWidget, FORM_CLASS):
    """Everything about one correspondence, and its workflow buttons.

    Signals: `open_requested(id)` when the user double-clicks a related item;
    `changed(id)` after an action was saved.
    """

    open_requested = pyqtSignal(int)
    changed = pyqtSignal(int)

    label_reference: QLabel
    label_status: QLabel
    button_reload: QToolButton
    label_summary: QLabel
    bar_messages: QgsMessageBar
    group_actions: QGroupBox
    label_actions_hint: QLabel
    layout_action_buttons: QGridLayout
    scroll_details: QScrollArea
    label_description: QLabel
    label_classification: QLabel
    label_category: QLabel
    label_channel: QLabel
    label_priority: QLabel
    label_department: QLabel
    label_escalation: QLabel
    label_repeat_of: QLabel
    label_customer: QLabel
    label_phone: QLabel
    label_email: QLabel
    label_account: QLabel
    label_location: QLabel
    label_erf: QLabel
    label_address: QLabel
    label_ward: QLabel
    label_suburb: QLabel
    label_point: QLabel
    label_status_reason: QLabel
    label_deferred_until: QLabel
    label_resolution: QLabel
    label_logged: QLabel
    label_response_due: QLabel
    label_resolution_due: QLabel
    label_resolved: QLabel
    label_closed: QLabel
    label_updated: QLabel
    group_sla: QGroupBox  # built here, not in the .ui: see _build_sla_group
    label_sla_policy: QLabel
    label_sla_state: QLabel
    label_responded: QLabel
    group_work: QGroupBox  # built here too: see _build_work_group
    tree_work: QTreeWidget
    button_new_job_card: QPushButton
    button_job_card: QPushButton
    button_print_job_card: QPushButton
    label_costs: QLabel
    button_costs: QPushButton
    group_messages: QGroupBox  # built here too: see _build_messages_group
    list_messages: QListWidget
    button_send_again: QPushButton
    table_events: QTableWidget
    group_same_customer: QGroupBox
    list_same_customer: QListWidget
    group_same_parcel: QGroupBox
    list_same_parcel: QListWidget

    def __init__(
        self,
        engine: Engine,
        correspondence_id: int,
        parent: QWidget | None = None,
        *,
        layer_settings: ConnectionSettings | None = None,
        canvas: QgsMapCanvas | None = None,
    ) -> None:
        """`layer_settings` (the map layers' connection) lets the panel print job cards;
        `canvas` lets the job card pick its asset on the map (default: QGIS's map)."""
        super().__init__(parent)
        self.setupUi(self)
        self._engine = engine
        self._id = correspondence_id
        self._layer_settings = layer_settings
        self._canvas = canvas if canvas is not None else _qgis_map_canvas()
        self.detail: Detail | None = None
        self.work = Work()
        self.dialogs: dict[tuple[str, int], QDialog] = {}  # open job card and cost dialogs
        self.action_buttons: dict[Action, QPushButton] = {}
        self._unsent: dict[Action, ActionInput] = {}  # typed but not saved, offered again
        self.setPanelTitle(self.tr("Correspondence"))
        font = self.label_reference.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.label_reference.setFont(font)
        self.button_reload.setIcon(QgsApplication.getThemeIcon("/mActionRefresh.svg"))
        self.table_events.horizontalHeaderItem(0).setToolTip(
            self.tr("South African Standard Time (Africa/Johannesburg), when it happened")
        )
        self._build_sla_group()
        self._build_work_group()
        self._build_messages_group()
        self.messages_shown: list[OutboxEntry] = []

        captions = [c for c in self.findChildren(QLabel) if c.objectName().endswith("_caption")]
        width = max(c.sizeHint().width() for c in captions)
        for caption in captions:  # one value column down the whole panel
            caption.setMinimumWidth(width)

        self._reason_rows: list[int] = []
        header = self.table_events.horizontalHeader()
        header.setSectionResizeMode(header.count() - 1, QHeaderView.Stretch)  # "By" fills up

        self.button_reload.clicked.connect(self.reload)
        header.sectionResized.connect(self._fit_reason_rows)
        for widget in (self.list_same_customer, self.list_same_parcel):
            widget.itemDoubleClicked.connect(self._open_related)
        self.reload()

    def _build_sla_group(self) -> None:
        """The SLA block, under the description: the due times and the escalation level move
        here from the .ui's Progress and Item groups, so each is shown once, beside its SLA."""
        self.group_sla = QGroupBox(self.tr("Service level (times in SAST)"), self.widget_details)
        self.group_sla.setObjectName("group_sla")
        form = QFormLayout(self.group_sla)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignLeft | Qt.AlignTop)

        def value_label(name: str) -> QLabel:
            label = QLabel(self.group_sla)
            label.setObjectName(name)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            return label

        def caption(name: str, text: str) -> QLabel:
            label = QLabel(text, self.group_sla)
            label.setObjectName(f"{name}_caption")  # widened with the .ui's captions
            return label

        def moved(layout: QFormLayout, value: QLabel) -> tuple[QWidget, QWidget]:
            taken = layout.takeRow(layout.getWidgetPosition(value)[0])
            return taken.labelItem.widget(), taken.fieldItem.widget()

        self.label_sla_policy = value_label("label_sla_policy")
        self.label_sla_state = value_label("label_sla_state")
        self.label_responded = value_label("label_responded")
        for row in (
            (caption("label_sla_policy", self.tr("Policy")), self.label_sla_policy),
            (caption("label_sla_state", self.tr("SLA")), self.label_sla_state),
            moved(self.layout_progress, self.label_response_due),
            (caption("label_responded", self.tr("Responded")), self.label_responded),
            moved(self.layout_progress, self.label_resolution_due),
            moved(self.layout_item, self.label_escalation),
        ):
            form.addRow(*row)
        layout = self.layout_details
        layout.insertWidget(layout.indexOf(self.group_description) + 1, self.group_sla)

    def _build_work_group(self) -> None:
        """The item's tasks with their job cards under them, and its costs; under the SLA."""
        self.group_work = QGroupBox(self.tr("Work"), self.widget_details)
        self.group_work.setObjectName("group_work")
        layout = QVBoxLayout(self.group_work)
        self.tree_work = QTreeWidget(self.group_work)
        self.tree_work.setObjectName("tree_work")
        self.tree_work.setHeaderHidden(True)
        self.tree_work.setColumnCount(1)
        self.tree_work.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.tree_work.setTextElideMode(Qt.ElideRight)
        self.tree_work.setIndentation(14)
        layout.addWidget(self.tree_work)

        buttons = QHBoxLayout()
        self.button_new_job_card = QPushButton(self.tr("New job card"), self.group_work)
        self.button_new_job_card.setObjectName("button_new_job_card")
        self.button_new_job_card.setToolTip(self.tr("Open a job card for the selected task"))
        self.button_job_card = QPushButton(self.tr("Job card…"), self.group_work)
        self.button_job_card.setObjectName("button_job_card")
        self.button_job_card.setToolTip(
            self.tr("Lines, asset, photos and completion of the selected job card")
        )
        self.button_print_job_card = QPushButton(self.tr("Print job card…"), self.group_work)
        self.button_print_job_card.setObjectName("button_print_job_card")
        for button in (self.button_new_job_card, self.button_job_card, self.button_print_job_card):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        costs_row = QHBoxLayout()
        self.label_costs = QLabel(self.group_work)
        self.label_costs.setObjectName("label_costs")
        self.label_costs.setWordWrap(True)
        self.label_costs.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.button_costs = QPushButton(self.tr("Costs…"), self.group_work)
        self.button_costs.setObjectName("button_costs")
        self.button_costs.setToolTip(self.tr("The costs by kind, and who pays them"))
        costs_row.addWidget(self.label_costs, 1)
        costs_row.addWidget(self.button_costs, 0, Qt.AlignTop)
        layout.addLayout(costs_row)

        details = self.layout_details
        details.insertWidget(details.indexOf(self.group_sla) + 1, self.group_work)
        self.tree_work.currentItemChanged.connect(self._enable_work_buttons)
        self.tree_work.itemDoubleClicked.connect(self._work_double_clicked)
        self.button_new_job_card.clicked.connect(self.new_job_card)
        self.button_job_card.clicked.connect(lambda _checked=False: self.open_job_card())
        self.button_print_job_card.clicked.connect(lambda _checked=False: self.print_job_card())
        self.button_costs.clicked.connect(self.open_costs)

    def _build_messages_group(self) -> None:
        """Messages about the item, under the timeline; a failed one can be sent again."""
        self.group_messages = QGroupBox(self.tr("Messages (times in SAST)"), self.widget_details)
        self.group_messages.setObjectName("group_messages")
        layout = QVBoxLayout(self.group_messages)
        self.list_messages = QListWidget(self.group_messages)
        self.list_messages.setObjectName("list_messages")
        self.list_messages.setAlternatingRowColors(True)
        # Lines do not wrap (the height then fits the rows): a long one ends in "…".
        self.list_messages.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.button_send_again = QPushButton(self.tr("Send again"), self.group_messages)
        self.button_send_again.setObjectName("button_send_again")
        self.button_send_again.setToolTip(
            self.tr(
                "Queue the selected failed message (in red) again, to the customer's current "
                "address: correct the address first if it was wrong"
            )
        )
        self.button_send_again.setEnabled(False)
        layout.addWidget(self.list_messages)
        layout.addWidget(self.button_send_again, 0, Qt.AlignRight)
        details = self.layout_details
        details.insertWidget(details.indexOf(self.group_timeline) + 1, self.group_messages)
        self.list_messages.currentItemChanged.connect(self._enable_send_again)
        self.button_send_again.clicked.connect(self.send_again)

    @property
    def correspondence_id(self) -> int:
        return self._id

    # Reading -----------------------------------------------------------------------------

    def reload(self) -> bool:
        """Reads the item again (after a change here, at another desk, or on NOTIFY)."""
        try:
            with busy(), self._engine.connect() as connection:
                detail = correspondence_detail(connection, self._id)
                messages = outbox.messages_for(connection, self._id)
                work = read_work(connection, self._id)
        except ImisError as error:
            self._push(str(error), Qgis.Critical)
            self._clear_actions()
            return False
        except SQLAlchemyError as error:
            LOGGER.exception("Reading correspondence %s failed", self._id)
            self._push(
                self.tr(
                    "Could not read the item from the database ({error}). "
                    "Check the connection, then press Reload."
                ).format(error=first_line(error)),
                Qgis.Critical,
            )
            return False
        self.detail = detail
        self._show(detail)
        self._show_messages(messages)
        self._show_work(work)
        return True

    def _show(self, detail: Detail) -> None:
        f = detail.fields
        status = detail.status
        self.setPanelTitle(f["reference"])
        self.label_reference.setText(f["reference"])
        background, foreground = _badge_colours(status)
        self.label_status.setText(status_label(status))
        self.label_status.setStyleSheet(
            f"QLabel {{ background: {background}; color: {foreground}; font-weight: bold; "
            "border-radius: 3px; padding: 2px 8px; }"
        )
        classification = _translated(CLASSIFICATION_LABELS, Classification(f["classification"]))
        self.label_summary.setText(f"{classification} · {f['category']} · {f['department']}")
        self.label_description.setText(_plain(f["description"]))
        self._show_item(f)
        self._show_customer(f)
        self._show_location(f)
        self._show_progress(f)
        self._show_sla(f, status)
        self._show_actions(detail)
        self._show_events(detail)
        self._show_related(detail)

    def _show_item(self, f: dict) -> None:
        self.label_classification.setText(
            _translated(CLASSIFICATION_LABELS, Classification(f["classification"]))
        )
        self.label_category.setText(f"{f['category']} ({f['category_code']})")
        self.label_channel.setText(_translated(CHANNEL_LABELS, f["channel"]))
        self.label_priority.setText(
            self.tr("{priority} (1 is the most urgent)").format(priority=f["priority"])
        )
        self.label_department.setText(f["department"])
        self.label_repeat_of.setText(_plain(f["repeat_of"]))

    def _show_customer(self, f: dict) -> None:
        if f["customer"]:
            name = f["customer"]
        elif f["is_internal"]:
            name = self.tr("Internal (no customer)")
        else:
            name = self.tr("Anonymous")
        self.label_customer.setText(name)
        self.label_phone.setText(_plain(f["phone"]))
        self.label_email.setText(_plain(f["email"]))
        self.label_account.setText(_plain(f["account_number"]))

    def _show_location(self, f: dict) -> None:
        kinds = {"parcel": self.tr("On a land parcel"), "point": self.tr("At a map point")}
        if f["location_kind"]:
            located = self.tr("{kind}, {time}").format(
                kind=kinds.get(f["location_kind"], f["location_kind"]),
                time=local_time(f["located_at"]),
            )
        else:
            located = self.tr("Not located yet")
        self.label_location.setText(located)
        self.label_erf.setText(_plain(f["erf_number"]))
        self.label_address.setText(_plain(f["address"]))
        self.label_ward.setText(_plain(f["ward"]))
        self.label_suburb.setText(_plain(f["suburb"]))
        point = NONE_SHOWN if f["x"] is None else f"{f['x']:.1f}, {f['y']:.1f}"
        self.label_point.setText(point)

    def _show_progress(self, f: dict) -> None:
        self.label_status_reason.setText(_plain(f["status_reason"]))
        until = f["deferred_until"]
        self.label_deferred_until.setText(f"{until:%Y-%m-%d}" if until else NONE_SHOWN)
        self.label_resolution.setText(_plain(f["resolution"]))
        self.label_logged.setText(self._time_by(f["logged_at"], f["logged_by"]))
        self.label_updated.setText(self._time_by(f["updated_at"], f["updated_by"]))
        self.label_resolved.setText(local_time(f["resolved_at"]))
        self.label_closed.setText(local_time(f["closed_at"]))

    def _show_sla(self, f: dict, status: Status) -> None:
        if f["sla_policy"]:
            policy = f["sla_policy"]
        elif f["located_at"] is None:
            policy = self.tr("Chosen when the item is located")
        else:
            policy = self.tr("No policy applies")
        self.label_sla_policy.setText(policy)
        state = f["sla_state"]
        self.label_sla_state.setText(_translated(SLA_STATE_LABELS, state) if state else NONE_SHOWN)
        colour = SLA_STATE_COLOURS.get(state)
        self.label_sla_state.setStyleSheet(
            f"QLabel {{ color: {colour}; font-weight: bold; }}" if colour else ""
        )
        now = dt.datetime.now(dt.timezone.utc)
        is_open = status in OPEN_STATUSES
        for label, due, done in (
            (self.label_response_due, f["response_due_at"], f["responded_at"]),
            (self.label_resolution_due, f["resolution_due_at"], f["resolved_at"]),
        ):
            text = local_time(due)
            if due is not None and done is None and due < now and is_open:
                text = self.tr("{time} (overdue)").format(time=text)
            label.setText(text)
        responded = f["responded_at"]
        self.label_responded.setText(
            self.tr("Yes, {time}").format(time=local_time(responded))
            if responded
            else self.tr("Not yet")
        )
        level, following = f["escalation_level"], f["next_escalation_at"]
        text = self.tr("Level {level}").format(level=level) if level else self.tr("Not escalated")
        if following is not None and is_open:
            text = self.tr("{level}; next escalation {time}").format(
                level=text, time=local_time(following)
            )
        self.label_escalation.setText(text)

    def _time_by(self, when: dt.datetime | None, who: str | None) -> str:
        if when is None:
            return NONE_SHOWN
        return self.tr("{time} by {user}").format(time=local_time(when), user=who or NONE_SHOWN)

    def _show_events(self, detail: Detail) -> None:
        """One row per event; its reason, if any, on a full-width row below (the dock is narrow)."""
        table = self.table_events
        table.clearSpans()
        table.setRowCount(sum(2 if e.reason else 1 for e in detail.events))
        reasons: dict[int, str] = {}
        row = 0
        for event in detail.events:
            change = ""
            if event.to_status:  # two short lines keep the column narrow
                before = status_label(event.from_status) + "\n" if event.from_status else ""
                change = f"{before}→ {status_label(event.to_status)}"
            cells = (
                local_time(event.occurred_at).replace(" ", "\n"),
                _translated(EVENT_LABELS, event.event_type),
                change,
                event.actor,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(row, column, item)
            row += 1
            if event.reason:
                reasons[row] = event.reason
                row += 1
        table.resizeColumnsToContents()  # before the reasons: they span, and must not widen
        table.resizeRowsToContents()
        for row, reason in reasons.items():
            item = QTableWidgetItem(reason)
            item.setToolTip(reason)
            font = item.font()
            font.setItalic(True)
            item.setFont(font)
            table.setItem(row, 0, item)
            table.setSpan(row, 0, 1, table.columnCount())
        self._reason_rows = list(reasons)
        self._fit_reason_rows()

    def _fit_reason_rows(self) -> None:
        """Reasons wrap over the table's full width (row heights ignore spans otherwise)."""
        table = self.table_events
        width = sum(table.columnWidth(c) for c in range(table.columnCount())) - 8
        for row in self._reason_rows:
            item = table.item(row, 0)
            bounds = QFontMetrics(item.font()).boundingRect(
                QRect(0, 0, max(width, 50), 100_000), Qt.TextWordWrap, item.text()
            )
            table.setRowHeight(row, bounds.height() + 8)
        _fit_height(table, _TIMELINE_ROWS)

    def _show_related(self, detail: Detail) -> None:
        customer, parcel = detail.fields["customer_id"], detail.fields["parcel_id"]
        self.group_same_customer.setTitle(
            self.tr("This customer's other correspondence ({count})").format(
                count=len(detail.same_customer)
            )
        )
        self.group_same_parcel.setTitle(
            self.tr("Other correspondence on this parcel ({count})").format(
                count=len(detail.same_parcel)
            )
        )
        self._fill_related(
            self.list_same_customer,
            detail.same_customer,
            self.tr("None.") if customer else self.tr("No customer recorded."),
        )
        self._fill_related(
            self.list_same_parcel,
            detail.same_parcel,
            self.tr("None.") if parcel else self.tr("Not located on a parcel."),
        )

    def _show_messages(self, messages: list[OutboxEntry]) -> None:
        self.messages_shown = messages
        failed = [m for m in messages if m.status == "failed"]
        title = self.tr("Messages ({count}, times in SAST)").format(count=len(messages))
        if failed:
            title = self.tr("Messages ({count}, {failed} failed, times in SAST)").format(
                count=len(messages), failed=len(failed)
            )
        self.group_messages.setTitle(title)
        widget = self.list_messages
        widget.clear()
        for message in messages:
            item = QListWidgetItem(self._message_text(message))
            item.setData(Qt.UserRole, message.id)
            text = "\n\n".join(t for t in (message.subject, message.body) if t)
            text = text or self.tr("Not written yet: the text is made when it is sent.")
            error = self.tr("Last error: {error}").format(error=message.last_error)
            item.setToolTip(f"{error}\n\n{text}" if message.last_error else text)
            if message.status == "failed":
                item.setIcon(QgsApplication.getThemeIcon("/mIconWarning.svg"))
                item.setForeground(QBrush(QColor(FAILED_COLOUR)))
            widget.addItem(item)
        if not messages:
            placeholder = QListWidgetItem(self.tr("None."))
            placeholder.setFlags(Qt.NoItemFlags)
            widget.addItem(placeholder)
        self._enable_send_again()
        _fit_height(widget, _LIST_ROWS)

    def _message_text(self, message: OutboxEntry) -> str:
        """Three lines: when and what, to whom, and how it went (the error in full in the
        tooltip)."""
        error = message.last_error or NONE_SHOWN
        if message.status == "sent":
            outcome = self.tr("Sent {time}").format(time=local_time(message.sent_at))
        elif message.status == "failed":
            outcome = self.tr("Failed: {error}").format(error=error)
        elif message.status == "sending":
            outcome = self.tr("Being sent")
        elif message.last_error:  # a passing failure: the worker tries again by itself
            outcome = self.tr("Trying again {time} ({error})").format(
                time=local_time(message.next_attempt_at), error=error
            )
        else:
            outcome = self.tr("Waiting to be sent")
        return (
            f"{local_time(message.created_at)} · {_translated(MESSAGE_KINDS, message.kind)}\n"
            f"{_translated(AUDIENCE_LABELS, message.audience)} · "
            f"{_translated(CHANNEL_LABELS, message.channel)} · {_plain(message.recipient)}\n"
            f"{outcome}"
        )

    def _selected_failed_message(self) -> OutboxEntry | None:
        item = self.list_messages.currentItem()
        message_id = item.data(Qt.UserRole) if item is not None else None
        found = [m for m in self.messages_shown if m.id == message_id and m.status == "failed"]
        return found[0] if found else None

    def _enable_send_again(self, *_args: object) -> None:
        self.button_send_again.setEnabled(self._selected_failed_message() is not None)

    def send_again(self) -> bool:
        """Queues the selected failed message again; True when it was queued."""
        message = self._selected_failed_message()
        if message is None:
            return False
        try:
            with busy(), self._engine.begin() as connection:
                outbox.retry_failed(connection, message.id)
        except ImisError as error:  # no valid address yet, or no longer failed
            self._push(
                self.tr("{problem} The message was not queued.").format(problem=sentence(error)),
                Qgis.Warning,
            )
            self.reload()
            return False
        except SQLAlchemyError as error:
            LOGGER.exception("Sending message %s again failed", message.id)
            self._push(
                self.tr(
                    "The database refused to queue the message again ({error}). Check the "
                    "connection and your rights, then try again."
                ).format(error=first_line(error)),
                Qgis.Critical,
            )
            return False
        self.bar_messages.clearWidgets()
        self.reload()
        self._push(
            self.tr("{kind} is queued to be sent again.").format(
                kind=_translated(MESSAGE_KINDS, message.kind)
            ),
            Qgis.Success,
            5,
        )
        return True

    def _fill_related(self, widget: QListWidget, rows: list[ListRow], empty: str) -> None:
        widget.clear()
        for row in rows:
            item = QListWidgetItem(
                f"{row.reference} · {status_label(row.status)}\n"
                f"{row.category} · {local_time(row.logged_at)}"
            )
            item.setData(Qt.UserRole, row.id)
            item.setToolTip(
                self.tr("Double-click to open {reference}").format(reference=row.reference)
            )
            widget.addItem(item)
        if not rows:
            placeholder = QListWidgetItem(empty)
            placeholder.setFlags(Qt.NoItemFlags)
            widget.addItem(placeholder)
        _fit_height(widget, _LIST_ROWS)

    def _open_related(self, item: QListWidgetItem) -> None:
        correspondence_id = item.data(Qt.UserRole)
        if correspondence_id is not None:
            self.open_requested.emit(int(correspondence_id))

    # Work: tasks, job cards, costs -------------------------------------------------------

    def _show_work(self, work: Work) -> None:
        """The tasks in step order, each with its job cards; the selection is kept."""
        selected = self._selected_work()
        self.work = work
        tree = self.tree_work
        tree.clear()
        current = None
        for task in work.tasks:
            task_item = QTreeWidgetItem(tree, [self._task_text(task)])
            task_item.setData(0, Qt.UserRole, ("task", task.id))
            task_item.setToolTip(0, task_item.text(0))
            if selected == ("task", task.id):
                current = task_item
            for card in work.cards.get(task.id, []):
                card_item = QTreeWidgetItem(task_item, [self._card_text(card)])
                card_item.setData(0, Qt.UserRole, ("card", card.id))
                card_item.setToolTip(
                    0,
                    self.tr("{text}\nDouble-click to open the job card").format(
                        text=card_item.text(0)
                    ),
                )
                if card.is_completed:
                    card_item.setForeground(0, QBrush(QColor("#1a7f37")))
                if selected == ("card", card.id):
                    current = card_item
        tree.expandAll()
        if not work.tasks:
            located = self.detail is not None and self.detail.fields["located_at"] is not None
            text = (
                self.tr("No tasks: this item needs no field work.")
                if located
                else self.tr("No tasks yet: locating the item routes its work.")
            )
            placeholder = QTreeWidgetItem(tree, [text])
            placeholder.setFlags(Qt.NoItemFlags)
        elif current is None:
            current = tree.topLevelItem(0)
        if current is not None:
            tree.setCurrentItem(current)
        self._fit_work_height()
        self.label_costs.setText(self._costs_text(work))
        self._enable_work_buttons()

    def _task_text(self, task: TaskRow) -> str:
        if task.assigned_staff_id is not None:
            who = self.work.assignees.get(task.assigned_staff_id) or self.tr(
                "staff member {id}"
            ).format(id=task.assigned_staff_id)
        elif task.assigned_team_id is not None:
            who = self.tr("team {id}").format(id=task.assigned_team_id)
        else:
            who = self.tr("no one yet")
        return self.tr("Step {step} · {kind} · {department}\n{status} · {assignee}").format(
            step=task.step,
            kind=kind_label(task.kind),
            department=self.work.departments.get(task.department, task.department),
            status=_translated(TASK_STATUS_LABELS, TaskStatus(task.status)),
            assignee=who,
        )

    def _card_text(self, card: JobCard) -> str:
        return self.tr("{number} · {status}\n{artisan} · {total}").format(
            number=card.card_number,
            status=card_status_label(card.status),
            artisan=card.artisan or self.tr("no artisan"),
            total=format_rand(card.totals.total),
        )

    def _costs_text(self, work: Work) -> str:
        summary = work.costs
        if summary is None:
            return NONE_SHOWN
        total = self.tr("Costs: {total}").format(total=format_rand(summary.total))
        if summary.open_job_cards:
            total += " " + self.tr("(+ {count} open job card(s), not counted yet)").format(
                count=summary.open_job_cards
            )
        stored = work.allocations
        allocated = sum((a.amount for a in stored), summary.total * 0)
        if not stored:
            status = (
                self.tr("nothing to allocate")
                if not summary.total
                else self.tr("not allocated yet")
            )
        elif any(a.status is AllocationStatus.EXPORTED for a in stored):
            status = self.tr("exported to finance")
        elif all(a.status is AllocationStatus.APPROVED for a in stored):
            status = self.tr("approved by finance")
        elif allocated != summary.total:
            status = self.tr("{allocated} allocated: allocate again").format(
                allocated=format_rand(allocated)
            )
        else:
            status = self.tr("allocated to {count} payer(s), awaiting approval by finance").format(
                count=len(stored)
            )
        return f"{total} · {status}"

    def _fit_work_height(self) -> None:
        """Tall enough for its rows (up to _WORK_ROWS), like the other lists of the panel."""
        tree = self.tree_work
        items: list[QTreeWidgetItem] = []
        for index in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(index)
            items.append(top)
            items.extend(top.child(c) for c in range(top.childCount()))
        spacing = tree.fontMetrics().lineSpacing()
        heights = [(i.text(0).count("\n") + 1) * spacing + 6 for i in items[:_WORK_ROWS]]
        tree.setFixedHeight(max(sum(heights), spacing) + 2 * tree.frameWidth() + 4)

    def _selected_work(self) -> tuple[str, int] | None:
        item = self.tree_work.currentItem()
        data = item.data(0, Qt.UserRole) if item is not None else None
        return (str(data[0]), int(data[1])) if data else None

    def selected_task(self) -> TaskRow | None:
        """The selected task, or the task of the selected job card."""
        selected = self._selected_work()
        if selected is None:
            return None
        if selected[0] == "task":
            return self.work.task(selected[1])
        card = self.work.card(selected[1])
        return self.work.task(card.task_id) if card is not None else None

    def selected_card(self) -> JobCard | None:
        selected = self._selected_work()
        return self.work.card(selected[1]) if selected and selected[0] == "card" else None

    def select_work(self, kind: str, work_id: int) -> bool:
        """Selects a task ('task') or job card ('card') in the Work group."""
        for item in self._work_items():
            if item.data(0, Qt.UserRole) == (kind, work_id):
                self.tree_work.setCurrentItem(item)
                return True
        return False

    def work_lines(self) -> list[str]:
        """The Work group as shown: tasks, and each job card indented under its task."""
        return [
            ("    " if item.parent() is not None else "") + item.text(0).replace("\n", " | ")
            for item in self._work_items()
        ]

    def _work_items(self) -> list[QTreeWidgetItem]:
        tree = self.tree_work
        found = []
        for index in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(index)
            found.append(top)
            found.extend(top.child(c) for c in range(top.childCount()))
        return found

    def _enable_work_buttons(self, *_args: object) -> None:
        task, card = self.selected_task(), self.selected_card()
        closed = self.detail is not None and self.detail.status is Status.CLOSED
        can_open = task is not None and TaskStatus(task.status) in OPEN_TASK_STATUSES
        self.button_new_job_card.setEnabled(can_open and not closed)
        if closed:
            why = self.tr("The item is closed: re-open it to open a job card")
        elif task is not None and not can_open:
            why = self.tr("The task is {status}: a job card needs an open task").format(
                status=_translated(TASK_STATUS_LABELS, TaskStatus(task.status)).lower()
            )
        else:
            why = self.tr("Open a job card for the selected task")
        self.button_new_job_card.setToolTip(why)
        self.button_job_card.setEnabled(card is not None)
        self.button_print_job_card.setEnabled(card is not None and self._layer_settings is not None)
        self.button_print_job_card.setToolTip(
            self.tr("The selected job card as a one-page A4 PDF, to print for the artisan")
            if self._layer_settings is not None
            else self.tr("Printing needs the map layers' connection: connect the database first")
        )

    def _work_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        data = item.data(0, Qt.UserRole)
        if data and data[0] == "card":
            self.open_job_card(int(data[1]))

    def new_job_card(self) -> JobCardDialog | None:
        """Opens a job card for the selected task, then the card itself."""
        task = self.selected_task()
        if task is None:
            return None
        try:
            with busy(), self._engine.begin() as connection:
                card = job_cards.open_job_card(connection, task.id)
        except ImisError as error:
            self._push(
                self.tr("{problem} No job card was opened.").format(problem=sentence(error)),
                Qgis.Warning,
            )
            self.reload()
            return None
        except SQLAlchemyError as error:
            LOGGER.exception("Opening a job card for task %s failed", task.id)
            self._push(
                self.tr(
                    "The database refused the job card ({error}). Check the connection and "
                    "your rights, then try again."
                ).format(error=first_line(error)),
                Qgis.Critical,
            )
            return None
        self.bar_messages.clearWidgets()
        self.reload()
        self.select_work("card", card.id)
        self.changed.emit(self._id)
        self._push(
            self.tr("Job card {number} opened for the {kind} task.").format(
                number=card.card_number, kind=kind_label(task.kind).lower()
            ),
            Qgis.Success,
            5,
        )
        return self.open_job_card(card.id)

    def open_job_card(self, card_id: int | None = None) -> JobCardDialog | None:
        """The job card dialog (one per card; shown again if it is open)."""
        if card_id is None:
            card = self.selected_card()
            if card is None:
                return None
            card_id = card.id
        key = ("card", card_id)
        dialog = self.dialogs.get(key)
        if dialog is None:
            dialog = JobCardDialog(self._engine, card_id, self.window(), canvas=self._canvas)
            self._keep_dialog(key, dialog)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def open_costs(self) -> CostDialog:
        key = ("costs", self._id)
        dialog = self.dialogs.get(key)
        if dialog is None:
            dialog = CostDialog(self._engine, self._id, self.window())
            self._keep_dialog(key, dialog)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _keep_dialog(self, key: tuple[str, int], dialog: QDialog) -> None:
        """Non-modal: the map and the panel stay usable. The panel follows what it saves."""
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.dialogs[key] = dialog
        dialog.changed.connect(self._after_work_change)
        dialog.finished.connect(lambda _result, k=key: self.dialogs.pop(k, None))

    def _after_work_change(self, *_args: object) -> None:
        if sip.isdeleted(self):  # the panel was closed; its dialog lives on
            return
        self.reload()
        self.changed.emit(self._id)

    def print_job_card(self) -> Path | None:
        """Asks where, writes the selected job card as a PDF, and opens it."""
        card = self.selected_card()
        if card is None or self._layer_settings is None:
            return None
        suggested = str(Path.home() / f"{card.card_number}.pdf")
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Print job card {number}").format(number=card.card_number),
            suggested,
            self.tr("PDF documents (*.pdf)"),
        )
        if not chosen:
            return None
        path = Path(chosen if chosen.lower().endswith(".pdf") else f"{chosen}.pdf")
        try:
            with busy():
                written = export_job_card_pdf(
                    self._layer_settings, card.id, path, engine=self._engine
                )
        except (ImisError, OSError) as error:
            self._push(
                self.tr("The job card could not be printed: {problem}").format(
                    problem=sentence(error)
                ),
                Qgis.Warning,
            )
            return None
        except SQLAlchemyError as error:
            LOGGER.exception("Printing job card %s failed", card.id)
            self._push(
                self.tr("Could not read the job card ({error}). Try again.").format(
                    error=first_line(error)
                ),
                Qgis.Critical,
            )
            return None
        self._push(
            self.tr("Job card {number} written to {path}.").format(
                number=card.card_number, path=str(written)
            ),
            Qgis.Success,
            8,
        )
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))
        return written

    # Acting ------------------------------------------------------------------------------

    def _clear_actions(self) -> None:
        for button in self.action_buttons.values():
            self.layout_action_buttons.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.action_buttons = {}

    def _show_actions(self, detail: Detail) -> None:
        self._clear_actions()
        classification = Classification(detail.fields["classification"])
        allowed = allowed_actions(classification, detail.status)
        shown = [a for a in allowed if a is not Action.LOCATE]
        for index, action in enumerate(shown):
            transition = RULES[classification][action]
            text = action_label(action)
            if transition.requires:
                text = self.tr("{action}…").format(action=text)
            button = QPushButton(text, self.group_actions)
            button.setObjectName(f"button_{action.value}")
            button.setToolTip(
                self.tr("{current} → {target}").format(
                    current=status_label(detail.status), target=status_label(transition.target)
                )
            )
            button.clicked.connect(lambda _checked=False, a=action: self.run_action(a))
            self.layout_action_buttons.addWidget(
                button, index // _BUTTON_COLUMNS, index % _BUTTON_COLUMNS
            )
            button.show()  # at once, not when the event loop next runs
            self.action_buttons[action] = button
        if Action.LOCATE in allowed:
            hint = self.tr("Not located yet: locate it on the map to route it to a department.")
        elif not shown:
            hint = self.tr("No action is possible while the item is {status}.").format(
                status=status_label(detail.status).lower()
            )
        else:
            hint = ""
        self.label_actions_hint.setText(hint)
        self.label_actions_hint.setVisible(bool(hint))

    def run_action(self, action: Action) -> bool:
        """Runs one workflow action, first asking for what it needs; True when it was saved."""
        if self.detail is None:
            return False
        classification = Classification(self.detail.fields["classification"])
        transition = RULES[classification].get(action)
        if transition is None:
            return False
        given = ActionInput()
        if transition.requires:
            given = self._ask(action, transition.requires, self._unsent.get(action))
            if given is None:
                return False
        return self._apply(action, given)

    def _ask(
        self,
        action: Action,
        requires: Collection[Field],
        given: ActionInput | None,
        note: str = "",
    ) -> ActionInput | None:
        departments: list[tuple[str, str]] = []
        if Field.DEPARTMENT in requires:
            departments = self._other_departments()
            if departments is None:
                return None
        dialog = ActionDialog(action, requires, departments, self, given=given)
        dialog.setWindowTitle(
            self.tr("{action} {reference}").format(
                action=action_label(action), reference=self.detail.fields["reference"]
            )
        )
        dialog.set_note(note)
        accepted = dialog.exec_() == QDialog.Accepted
        answer = dialog.action_input()
        dialog.deleteLater()
        if not accepted:
            self._unsent.pop(action, None)
            return None
        return answer

    def _other_departments(self) -> list[tuple[str, str]] | None:
        current = self.detail.fields["department_code"]
        try:
            with busy(), self._engine.connect() as connection:
                choices = reference.departments(connection)
        except SQLAlchemyError as error:
            LOGGER.exception("Reading departments failed")
            self._push(
                self.tr("Could not read the departments ({error}). Try again.").format(
                    error=first_line(error)
                ),
                Qgis.Critical,
            )
            return None
        return [(c.code, c.name) for c in choices if c.code != current]

    def _apply(self, action: Action, given: ActionInput) -> bool:
        version = self.detail.fields["row_version"]
        try:
            with busy(), self._engine.begin() as connection:
                state = register.apply_action(connection, self._id, version, action, given)
        except ConflictError as conflict:
            self._unsent[action] = given
            return self._after_conflict(action, given, conflict)
        except ImisError as error:  # WorkflowError, ValidationError, NotFoundError
            self._unsent[action] = given
            self._push(
                self.tr("{problem} Nothing was changed.").format(problem=sentence(error)),
                Qgis.Warning,
            )
            return False
        except SQLAlchemyError as error:
            LOGGER.exception("Action %s on correspondence %s failed", action.value, self._id)
            self._unsent[action] = given
            self._push(
                self.tr(
                    "The database refused the change ({error}). Nothing was changed; "
                    "check the connection and your rights, then try again."
                ).format(error=first_line(error)),
                Qgis.Critical,
            )
            return False
        self._unsent.pop(action, None)
        self.bar_messages.clearWidgets()
        self.reload()
        self.changed.emit(self._id)
        self._push(
            self.tr("{reference} is now {status}.").format(
                reference=state.reference, status=status_label(state.status).lower()
            ),
            Qgis.Success,
            5,
        )
        return True

    def _after_conflict(self, action: Action, given: ActionInput, conflict: ConflictError) -> bool:
        """Says who changed the item, reloads it, and offers what the user typed again."""
        self.bar_messages.clearWidgets()
        if not self.reload():
            return False
        classification = Classification(self.detail.fields["classification"])
        status = self.detail.status
        who = self._conflict_summary(conflict)
        if action not in allowed_actions(classification, status):
            then = self.tr("{action} is not possible now that the item is {status}.").format(
                action=action_label(action), status=status_label(status).lower()
            )
            self._push(f"{who} {then}", Qgis.Warning)
            return False
        requires = RULES[classification][action].requires
        if not requires:  # nothing typed to keep: the user looks, then presses again
            then = self.tr(
                "Nothing of yours was saved; check the item as it is now, then press "
                "{action} again if it still applies."
            ).format(action=action_label(action))
            self._push(f"{who} {then}", Qgis.Warning)
            return False
        then = self.tr("Nothing of yours was saved; what you typed is offered again.")
        self._push(f"{who} {then}", Qgis.Warning)
        note = self.tr(
            "{summary} Check what you typed against the item as it is now, "
            "then press {action} to save it."
        ).format(summary=who, action=action_label(action))
        answer = self._ask(action, requires, given, note)
        return False if answer is None else self._apply(action, answer)

    def _conflict_summary(self, conflict: ConflictError) -> str:
        """Who changed the item, when and what, in words a user reads."""
        changes = []
        for name, (old, new) in sorted(conflict.changes.items()):
            shown = (status_label(old), status_label(new)) if name == "status" else (old, new)
            label = name.removesuffix("_id").replace("_", " ")
            changes.append(f"{label}: {_short(shown[0])} → {_short(shown[1])}")
        when = self.tr(" at {time}").format(time=conflict.changed_at) if conflict.changed_at else ""
        return self.tr(
            "{reference} was changed by {user}{when} after you opened it ({changes})."
        ).format(
            reference=conflict.reference,
            user=conflict.changed_by,
            when=when,
            changes="; ".join(changes) or self.tr("details"),
        )

    def _push(self, text: str, level: Qgis.MessageLevel, duration: int = 0) -> None:
        push_wrapped(self.bar_messages, text, level, duration)

    def messages(self) -> list[str]:
        """The messages the panel shows now, newest first."""
        return bar_texts(self.bar_messages)


def _qgis_map_canvas() -> QgsMapCanvas | None:
    """QGIS's map, when the panel runs inside QGIS."""
    try:
        from qgis.utils import iface  # noqa: PLC0415 (None outside QGIS)
    except ImportError:
        return None
    canvas = getattr(iface, "mapCanvas", None) if iface is not None else None
    found = canvas() if callable(canvas) else None
    return found if isinstance(found, QgsMapCanvas) else None


def _fit_height(view: QAbstractItemView, max_rows: int) -> None:
    """Tall enough for its rows (up to `max_rows`): no list scrolls inside the scrolling panel."""
    rows = range(min(view.model().rowCount(), max_rows))
    if isinstance(view, QTableView):
        height = sum(view.rowHeight(r) for r in rows) + view.horizontalHeader().sizeHint().height()
    else:
        height = sum(view.sizeHintForRow(r) for r in rows)
    view.setFixedHeight(max(height, view.fontMetrics().height()) + 2 * view.frameWidth() + 2)


def _short(value: object, limit: int = 40) -> str:
    """A value from an audit row, short; timestamps in the municipality's zone."""
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        try:
            return local_time(dt.datetime.fromisoformat(value))
        except ValueError:
            pass
    text = _plain(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
