"""The electronic job card (step 3): its cost lines, the asset worked on, photos and documents,
and the artisan's completion and sign-off, typed on the device or from the paper card.

Each button is one service call in its own transaction: it saves all of what it says or, when
the service refuses, nothing; the problem is shown in the dialog, the offending fields are
marked, and what the user typed stays where it was.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Optional

from qgis.core import QgsPointXY
from qgis.gui import QgsMapCanvas, QgsMapTool, QgsMapToolEmitPoint
from qgis.PyQt.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QStringListModel,
    Qt,
    QTime,
    pyqtSignal,
)
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from ...core.costs import format_rand
from ...core.errors import ConflictError, ImisError, ValidationError
from ...core.job_cards import CONDITIONS, CompletedCard, CostLine, LineKind, labour_line
from ...definitions import DISPLAY_TIMEZONE, QT_TRANSLATE_NOOP
from ...services import asset_register, assets, job_cards
from ...services.job_cards import Attachment, JobCard
from ..common import NONE_SHOWN, busy, first_line, local_time, sentence, translated
from .feedback import Notice, conflict_text, database_refused_text, problem_lines, refused_text

LOGGER = logging.getLogger(__name__)

_CONTEXT = "JobCardDialog"
_DATE_FORMAT = "yyyy-MM-dd HH:mm"
_SUGGESTED = 20  # asset numbers offered at most

KIND_LABELS = {
    LineKind.LABOUR.value: QT_TRANSLATE_NOOP("JobCardDialog", "Labour"),
    LineKind.MATERIAL.value: QT_TRANSLATE_NOOP("JobCardDialog", "Material"),
    LineKind.EQUIPMENT.value: QT_TRANSLATE_NOOP("JobCardDialog", "Equipment"),
    LineKind.CONTRACTOR.value: QT_TRANSLATE_NOOP("JobCardDialog", "Contractor"),
}
CARD_STATUS_LABELS = {
    "open": QT_TRANSLATE_NOOP("JobCardDialog", "Open"),
    "completed": QT_TRANSLATE_NOOP("JobCardDialog", "Completed"),
}


def card_status_label(status: str) -> str:
    """A card's state as the job card dialog and the panels name it."""
    return translated(_CONTEXT, CARD_STATUS_LABELS, status)


def line_kind_label(kind: str) -> str:
    """A cost line's kind as the job card and cost dialogs name it."""
    return translated(_CONTEXT, KIND_LABELS, kind)


CONDITION_LABELS = {
    1: QT_TRANSLATE_NOOP("JobCardDialog", "1 (very good)"),
    2: QT_TRANSLATE_NOOP("JobCardDialog", "2 (good)"),
    3: QT_TRANSLATE_NOOP("JobCardDialog", "3 (fair)"),
    4: QT_TRANSLATE_NOOP("JobCardDialog", "4 (poor)"),
    5: QT_TRANSLATE_NOOP("JobCardDialog", "5 (very poor)"),
}
# The services' field names as the form calls them.
FIELD_LABELS = {
    "kind": QT_TRANSLATE_NOOP("JobCardDialog", "Kind"),
    "description": QT_TRANSLATE_NOOP("JobCardDialog", "Description"),
    "quantity": QT_TRANSLATE_NOOP("JobCardDialog", "Quantity"),
    "unit": QT_TRANSLATE_NOOP("JobCardDialog", "Unit"),
    "unit_cost": QT_TRANSLATE_NOOP("JobCardDialog", "Unit cost"),
    "hours": QT_TRANSLATE_NOOP("JobCardDialog", "Hours"),
    "rate": QT_TRANSLATE_NOOP("JobCardDialog", "Rate"),
    "who": QT_TRANSLATE_NOOP("JobCardDialog", "Artisan"),
    "arrived_at": QT_TRANSLATE_NOOP("JobCardDialog", "Arrived"),
    "completed_at": QT_TRANSLATE_NOOP("JobCardDialog", "Completed"),
    "signed_off_at": QT_TRANSLATE_NOOP("JobCardDialog", "Signed off"),
    "work_performed": QT_TRANSLATE_NOOP("JobCardDialog", "Work performed"),
    "signed_off_by": QT_TRANSLATE_NOOP("JobCardDialog", "Signed off by"),
    "condition_before": QT_TRANSLATE_NOOP("JobCardDialog", "Condition before"),
    "condition_after": QT_TRANSLATE_NOOP("JobCardDialog", "Condition after"),
    "asset": QT_TRANSLATE_NOOP("JobCardDialog", "Asset"),
    "file": QT_TRANSLATE_NOOP("JobCardDialog", "File"),
    "file_name": QT_TRANSLATE_NOOP("JobCardDialog", "File name"),
    "job_card": QT_TRANSLATE_NOOP("JobCardDialog", "Job card"),
    "task": QT_TRANSLATE_NOOP("JobCardDialog", "Task"),
    "artisan": QT_TRANSLATE_NOOP("JobCardDialog", "Artisan"),
}


def quantity_text(value: Decimal) -> str:
    """2.500 as 2.5, 10 as 10: the quantity as the artisan wrote it."""
    return f"{Decimal(value).normalize():f}"


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} kB"
    return f"{size / 1024 / 1024:.1f} MB"


def _sast_edit(parent: QWidget, name: str) -> QDateTimeEdit:
    """A date and time as the municipality reads it (SAST, to the minute). The wall clock is
    held as UTC so that no local daylight-saving gap can refuse a South African time."""
    edit = QDateTimeEdit(parent)
    edit.setObjectName(name)
    edit.setTimeSpec(Qt.UTC)
    edit.setDisplayFormat(_DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setToolTip(
        QCoreApplication.translate(
            _CONTEXT, "South African Standard Time (Africa/Johannesburg), to the minute"
        )
    )
    return edit


def set_sast(edit: QDateTimeEdit, moment: dt.datetime) -> None:
    local = moment.astimezone(DISPLAY_TIMEZONE)
    day = QDate(local.year, local.month, local.day)
    edit.setDateTime(QDateTime(day, QTime(local.hour, local.minute), Qt.UTC))


def sast_of(edit: QDateTimeEdit) -> dt.datetime:
    value = edit.dateTime()
    day, time = value.date(), value.time()
    return dt.datetime(
        day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=DISPLAY_TIMEZONE
    )


class JobCardDialog(QDialog):
    """One job card. Non-modal, so that the asset can be picked on the map meanwhile.

    Signal `changed(card_id)` after anything was saved.
    """

    changed = pyqtSignal(int)

    def __init__(
        self,
        engine: Engine,
        card_id: int,
        parent: QWidget | None = None,
        canvas: QgsMapCanvas | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("JobCardDialog")
        self._engine = engine
        self._card_id = card_id
        self._canvas = canvas
        self._pick_tool: Optional[QgsMapToolEmitPoint] = None
        self._previous_tool: Optional[QgsMapTool] = None
        self.card: JobCard | None = None
        # The prefix last asked for, and whether the answer held every match (not cut off).
        self._suggested_for: Optional[tuple[str, bool]] = None
        self._build()
        self._connect()
        now = dt.datetime.now(DISPLAY_TIMEZONE).replace(second=0, microsecond=0)
        set_sast(self.date_arrived, now)
        set_sast(self.date_completed, now)
        self.reload()
        if self.card is not None:
            self.line_signed_off_by.setText(self.card.artisan or "")
            rate = self.card.artisan_hourly_rate  # the labour line's default
            if rate is not None:
                self.line_rate.setText(f"{Decimal(rate):.2f}")
        self.resize(1120, 700)

    @property
    def card_id(self) -> int:
        return self._card_id

    # Building ----------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.label_title = QLabel(self)
        self.label_title.setObjectName("label_title")
        font = self.label_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.label_title.setFont(font)
        self.label_title.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.label_summary = QLabel(self)
        self.label_summary.setObjectName("label_summary")
        self.label_summary.setWordWrap(True)
        self.label_summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.notice = Notice(self)
        outer.addWidget(self.label_title)
        outer.addWidget(self.label_summary)
        outer.addWidget(self.notice)

        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 5)
        columns.addLayout(right, 3)
        outer.addLayout(columns, 1)
        left.addWidget(self._build_lines(), 1)
        left.addWidget(self._build_attachments())
        right.addWidget(self._build_asset())
        right.addWidget(self._build_completion(), 1)

        self.button_box = QDialogButtonBox(QDialogButtonBox.Close, self)
        outer.addWidget(self.button_box)

    def _build_lines(self) -> QGroupBox:
        self.group_lines = QGroupBox(self.tr("Costs (Rand, excluding VAT)"), self)
        self.group_lines.setObjectName("group_lines")
        layout = QVBoxLayout(self.group_lines)
        self.table_lines = QTableWidget(0, 6, self.group_lines)
        self.table_lines.setObjectName("table_lines")
        self.table_lines.setHorizontalHeaderLabels(
            [
                self.tr("Kind"),
                self.tr("Description"),
                self.tr("Quantity"),
                self.tr("Unit"),
                self.tr("Unit cost"),
                self.tr("Amount"),
            ]
        )
        self.table_lines.verticalHeader().hide()
        self.table_lines.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table_lines.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table_lines.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table_lines.setAlternatingRowColors(True)
        header = self.table_lines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        layout.addWidget(self.table_lines, 1)
        self.label_totals = QLabel(self.group_lines)
        self.label_totals.setObjectName("label_totals")
        self.label_totals.setWordWrap(True)
        self.label_totals.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.label_totals)

        self.widget_entry = QWidget(self.group_lines)  # hidden once the card is completed
        self.widget_entry.setObjectName("widget_entry")
        entry = QGridLayout(self.widget_entry)
        entry.setContentsMargins(0, 0, 0, 0)
        self.combo_kind = QComboBox(self.group_lines)
        self.combo_kind.setObjectName("combo_kind")
        for kind in LineKind:
            self.combo_kind.addItem(line_kind_label(kind.value), kind.value)
        self.combo_kind.setCurrentIndex(self.combo_kind.findData(LineKind.MATERIAL.value))
        self.line_description = self._line_edit("line_description", self.tr("What it is for"))
        self.line_quantity = self._line_edit("line_quantity", self.tr("e.g. 2 or 1.5"))
        self.line_unit = self._line_edit("line_unit", "")
        self.line_unit.setText("each")
        self.line_unit_cost = self._line_edit("line_unit_cost", self.tr("Rand, e.g. 189.90"))
        self.button_add_line = QPushButton(self.tr("Add line"), self.group_lines)
        self.button_add_line.setObjectName("button_add_line")
        for column, (caption, widget) in enumerate(
            (
                (self.tr("Kind"), self.combo_kind),
                (self.tr("Description"), self.line_description),
                (self.tr("Quantity"), self.line_quantity),
                (self.tr("Unit"), self.line_unit),
                (self.tr("Unit cost"), self.line_unit_cost),
            )
        ):
            entry.addWidget(QLabel(caption, self.group_lines), 0, column)
            entry.addWidget(widget, 1, column)
        entry.addWidget(self.button_add_line, 1, 5)
        entry.setColumnStretch(1, 3)
        self._build_labour(entry)
        self.button_remove_line = QPushButton(self.tr("Remove line"), self.group_lines)
        self.button_remove_line.setObjectName("button_remove_line")
        self.button_remove_line.setToolTip(self.tr("Remove the selected line from the card"))
        self.button_remove_line.setEnabled(False)
        entry.addWidget(self.button_remove_line, 4, 5)
        for edit, width in (
            (self.line_quantity, 80),
            (self.line_unit, 60),
            (self.line_unit_cost, 100),
            (self.line_hours, 80),
            (self.line_rate, 100),
        ):
            edit.setMaximumWidth(width)
        layout.addWidget(self.widget_entry)
        return self.group_lines

    def _build_labour(self, entry: QGridLayout) -> None:
        """Hours at the artisan's rate, under the line entry."""
        self.line_hours = self._line_edit("line_hours", self.tr("e.g. 2.5"))
        self.line_rate = self._line_edit("line_rate", self.tr("Rand per hour"))
        self.line_rate.setToolTip(self.tr("The artisan's hourly rate; change it for another rate"))
        self.button_add_labour = QPushButton(self.tr("Add labour"), self.group_lines)
        self.button_add_labour.setObjectName("button_add_labour")
        self.label_labour_who = QLabel(self.group_lines)
        self.label_labour_who.setObjectName("label_labour_who")
        entry.addWidget(QLabel(self.tr("Labour"), self.group_lines), 2, 0)
        entry.addWidget(self.label_labour_who, 3, 0, 1, 2)
        entry.addWidget(QLabel(self.tr("Hours"), self.group_lines), 2, 2)
        entry.addWidget(self.line_hours, 3, 2)
        entry.addWidget(QLabel(self.tr("Rate (R/h)"), self.group_lines), 2, 4)
        entry.addWidget(self.line_rate, 3, 4)
        entry.addWidget(self.button_add_labour, 3, 5)

    def _line_edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _build_attachments(self) -> QGroupBox:
        self.group_attachments = QGroupBox(self.tr("Photos and documents"), self)
        self.group_attachments.setObjectName("group_attachments")
        layout = QVBoxLayout(self.group_attachments)
        self.list_attachments = QListWidget(self.group_attachments)
        self.list_attachments.setObjectName("list_attachments")
        self.list_attachments.setMaximumHeight(110)
        self.button_add_file = QPushButton(self.tr("Add file…"), self.group_attachments)
        self.button_add_file.setObjectName("button_add_file")
        self.button_add_file.setToolTip(
            self.tr("Attach photos (JPEG, PNG, HEIC…), a scan of the paper card (PDF) or documents")
        )
        layout.addWidget(self.list_attachments)
        layout.addWidget(self.button_add_file, 0, Qt.AlignRight)
        return self.group_attachments

    def _build_asset(self) -> QGroupBox:
        self.group_asset = QGroupBox(self.tr("Asset worked on"), self)
        self.group_asset.setObjectName("group_asset")
        layout = QVBoxLayout(self.group_asset)
        self.label_asset = QLabel(self.group_asset)
        self.label_asset.setObjectName("label_asset")
        self.label_asset.setWordWrap(True)
        self.label_asset.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.label_asset)
        row = QHBoxLayout()
        self.button_pick_asset = QPushButton(self.tr("Pick on map"), self.group_asset)
        self.button_pick_asset.setObjectName("button_pick_asset")
        self.button_pick_asset.setCheckable(True)
        self.button_clear_asset = QPushButton(self.tr("No asset"), self.group_asset)
        self.button_clear_asset.setObjectName("button_clear_asset")
        self.button_clear_asset.setToolTip(self.tr("The work was on no asset of the register"))
        row.addWidget(self.button_pick_asset)
        row.addWidget(self.button_clear_asset)
        row.addStretch(1)
        self.widget_asset_buttons = QWidget(self.group_asset)
        self.widget_asset_buttons.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.widget_asset_buttons)
        layout.addWidget(self._build_asset_lookup())
        self.label_asset_hint = QLabel(self.group_asset)
        self.label_asset_hint.setObjectName("label_asset_hint")
        self.label_asset_hint.setWordWrap(True)
        layout.addWidget(self.label_asset_hint)
        return self.group_asset

    def _build_asset_lookup(self) -> QWidget:
        """The asset's number with suggestions from the register, beside the map pick."""
        self.widget_asset_lookup = QWidget(self.group_asset)
        self.widget_asset_lookup.setObjectName("widget_asset_lookup")
        row = QHBoxLayout(self.widget_asset_lookup)
        row.setContentsMargins(0, 0, 0, 0)
        self.line_asset_number = self._line_edit(
            "line_asset_number", self.tr("Asset number, e.g. WV-000123")
        )
        self.line_asset_number.setClearButtonEnabled(True)
        self.asset_suggestions = QStringListModel(self)
        completer = QCompleter(self.asset_suggestions, self.line_asset_number)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setCompletionMode(QCompleter.PopupCompletion)
        self.line_asset_number.setCompleter(completer)
        self.button_find_asset = QPushButton(self.tr("Set by number"), self.group_asset)
        self.button_find_asset.setObjectName("button_find_asset")
        self.button_find_asset.setToolTip(
            self.tr("Look the asset up by its number in the register")
        )
        row.addWidget(self.line_asset_number, 1)
        row.addWidget(self.button_find_asset)
        return self.widget_asset_lookup

    def _build_completion(self) -> QGroupBox:
        self.group_completion = QGroupBox(self.tr("Completion (times in SAST)"), self)
        self.group_completion.setObjectName("group_completion")
        form = QFormLayout(self.group_completion)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.date_arrived = _sast_edit(self.group_completion, "date_arrived")
        self.date_completed = _sast_edit(self.group_completion, "date_completed")
        self.text_work = QPlainTextEdit(self.group_completion)
        self.text_work.setObjectName("text_work")
        self.text_work.setPlaceholderText(self.tr("What was found and what was done"))
        self.text_work.setTabChangesFocus(True)
        self.combo_condition_before = self._condition_combo("combo_condition_before")
        self.combo_condition_after = self._condition_combo("combo_condition_after")
        self.line_signed_off_by = self._line_edit("line_signed_off_by", self.tr("The artisan"))
        self.check_paper = QCheckBox(self.tr("Captured from the paper card"), self)
        self.check_paper.setObjectName("check_paper")
        self.check_paper.setToolTip(
            self.tr("Tick when you type in what the artisan wrote on the printed card")
        )
        self.button_complete = QPushButton(self.tr("Complete"), self.group_completion)
        self.button_complete.setObjectName("button_complete")
        self.label_completed = QLabel(self.group_completion)
        self.label_completed.setObjectName("label_completed")
        self.label_completed.setWordWrap(True)
        form.addRow(self.tr("Arrived"), self.date_arrived)
        form.addRow(self.tr("Completed"), self.date_completed)
        form.addRow(self.tr("Work performed"), self.text_work)
        form.addRow(self.tr("Condition before"), self.combo_condition_before)
        form.addRow(self.tr("Condition after"), self.combo_condition_after)
        form.addRow(self.tr("Signed off by"), self.line_signed_off_by)
        form.addRow("", self.check_paper)
        form.addRow(self.label_completed)
        form.addRow("", self.button_complete)
        return self.group_completion

    def _condition_combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.addItem(NONE_SHOWN, None)
        for value in sorted(CONDITIONS):
            combo.addItem(translated(_CONTEXT, CONDITION_LABELS, value), value)
        return combo

    def _connect(self) -> None:
        self.button_box.rejected.connect(self.reject)
        self.button_add_line.clicked.connect(self.add_line)
        self.button_add_labour.clicked.connect(self.add_labour)
        self.button_remove_line.clicked.connect(self.remove_line)
        self.table_lines.itemSelectionChanged.connect(self._enable)
        self.button_pick_asset.toggled.connect(self._pick_on_map)
        self.button_clear_asset.clicked.connect(self.clear_asset)
        self.line_asset_number.textEdited.connect(self._suggest_assets)
        self.line_asset_number.returnPressed.connect(self.set_asset_by_number)
        self.button_find_asset.clicked.connect(self.set_asset_by_number)
        self.button_add_file.clicked.connect(self.add_files)
        self.button_complete.clicked.connect(self.complete)
        self.line_description.returnPressed.connect(self.add_line)
        self.line_unit_cost.returnPressed.connect(self.add_line)
        self.line_hours.returnPressed.connect(self.add_labour)
        self.line_rate.returnPressed.connect(self.add_labour)

    # Reading -----------------------------------------------------------------------------

    def reload(self) -> bool:
        """Reads the card again; what the user typed into the entry fields stays."""
        try:
            with busy(), self._engine.connect() as connection:
                card = job_cards.job_card(connection, self._card_id)
        except ImisError as error:
            self.notice.error(sentence(str(error)))
            return False
        except SQLAlchemyError as error:
            LOGGER.exception("Reading job card %s failed", self._card_id)
            self.notice.error(
                self.tr(
                    "Could not read the job card ({error}). Check the connection and try again."
                ).format(error=first_line(error))
            )
            return False
        self.card = card
        self._show(card)
        return True

    def _show(self, card: JobCard) -> None:
        status = card_status_label(card.status)
        self.setWindowTitle(
            self.tr("Job card {number} · {reference}").format(
                number=card.card_number, reference=card.reference
            )
        )
        self.label_title.setText(
            self.tr("Job card {number} · {status}").format(number=card.card_number, status=status)
        )
        kind = card.task_kind.replace("_", " ")
        self.label_summary.setText(
            self.tr(
                "{reference} · {kind} task (step {step}) · {department} · artisan: {artisan} · "
                "due {due} SAST"
            ).format(
                reference=card.reference,
                kind=kind.capitalize(),
                step=card.task_step,
                department=card.department,
                artisan=card.artisan or self.tr("not named"),
                due=local_time(card.due_at),
            )
        )
        self.label_labour_who.setText(
            self.tr("for {artisan}").format(artisan=card.artisan or self.tr("the artisan"))
        )
        self._show_lines(card)
        self._show_asset(card)
        self._show_attachments(card.attachments)
        self._show_completion(card)
        self._enable()

    def _show_lines(self, card: JobCard) -> None:
        table = self.table_lines
        table.setRowCount(len(card.lines))
        for row, line in enumerate(card.lines):
            cells = (
                (line_kind_label(line.kind), False),
                (line.description, False),
                (quantity_text(line.quantity), True),
                (line.unit, False),
                (format_rand(line.unit_cost), True),
                (format_rand(line.amount), True),
            )
            for column, (text, right) in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if right:
                    item.setTextAlignment(int(Qt.AlignRight | Qt.AlignVCenter))
                if column == 0:
                    item.setData(Qt.UserRole, line.id)
                table.setItem(row, column, item)
        totals = card.totals
        parts = [
            f"{line_kind_label(kind)} {format_rand(amount)}"
            for kind, amount in totals.by_kind.items()
            if amount
        ]
        self.label_totals.setText(
            self.tr("Total {total}").format(total=format_rand(totals.total))
            + (f" ({', '.join(parts)})" if parts else "")
        )

    def _show_asset(self, card: JobCard) -> None:
        if card.asset_id is None:
            self.label_asset.setText(self.tr("No asset recorded."))
        else:
            self.label_asset.setText(
                f"{card.asset_number} ({(card.asset_type or '').replace('_', ' ')})"
            )
        if self._canvas is None:
            hint = self.tr(
                "Type the asset's number and press Set by number (picking on the map needs "
                "the QGIS map: open the card from the IMIS dock)."
            )
        else:
            hint = self.tr(
                "Pick on map, then click the asset's symbol; or type its number and press "
                "Set by number."
            )
        self.label_asset_hint.setText(hint)

    def _show_attachments(self, attachments: tuple[Attachment, ...]) -> None:
        widget = self.list_attachments
        widget.clear()
        for attachment in attachments:
            item = QListWidgetItem(
                f"{attachment.file_name} · {size_text(attachment.size_bytes)} · "
                f"sha256 {attachment.sha256[:12]}…"
            )
            item.setData(Qt.UserRole, attachment.id)
            item.setToolTip(
                self.tr("{media}, added by {user} on {time} SAST\nSHA-256 {sha256}").format(
                    media=attachment.media_type,
                    user=attachment.added_by,
                    time=local_time(attachment.added_at),
                    sha256=attachment.sha256,
                )
            )
            widget.addItem(item)
        if not attachments:
            placeholder = QListWidgetItem(self.tr("None yet."))
            placeholder.setFlags(Qt.NoItemFlags)
            widget.addItem(placeholder)

    def _show_completion(self, card: JobCard) -> None:
        if not card.is_completed:
            self.label_completed.setText("")
            self.label_completed.hide()
            return
        set_sast(self.date_arrived, card.arrived_at)
        set_sast(self.date_completed, card.completed_at)
        self.text_work.setPlainText(card.work_performed)
        for combo, value in (
            (self.combo_condition_before, card.condition_before),
            (self.combo_condition_after, card.condition_after),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.line_signed_off_by.setText(card.signed_off_by or "")
        self.check_paper.setChecked(card.captured_from_paper)
        paper = self.tr(" (captured from the paper card)") if card.captured_from_paper else ""
        self.label_completed.setText(
            self.tr("Completed {time} SAST, signed off by {name}{paper}.").format(
                time=local_time(card.completed_at), name=card.signed_off_by, paper=paper
            )
        )
        self.label_completed.show()

    def _enable(self) -> None:
        card = self.card
        editable = card is not None and not card.is_completed
        for widget in (
            self.combo_kind,
            self.line_description,
            self.line_quantity,
            self.line_unit,
            self.line_unit_cost,
            self.button_add_line,
            self.line_hours,
            self.line_rate,
            self.button_add_labour,
            self.button_clear_asset,
            self.date_arrived,
            self.date_completed,
            self.line_signed_off_by,
            self.check_paper,
            self.button_complete,
        ):
            widget.setEnabled(editable)
        self.text_work.setReadOnly(not editable)
        for widget in (
            self.widget_entry,
            self.widget_asset_buttons,
            self.widget_asset_lookup,
            self.label_asset_hint,
        ):
            widget.setVisible(editable)
        self.button_complete.setVisible(editable)
        self.button_remove_line.setEnabled(editable and bool(self.table_lines.selectedItems()))
        self.button_pick_asset.setEnabled(editable and self._canvas is not None)
        self.button_clear_asset.setEnabled(editable and card.asset_id is not None)
        has_asset = card is not None and card.asset_id is not None
        for combo in (self.combo_condition_before, self.combo_condition_after):
            combo.setEnabled(editable and has_asset)
            combo.setToolTip(
                ""
                if has_asset
                else self.tr("An asset's condition needs the asset: pick it on the map first")
            )
            if not has_asset:
                combo.setCurrentIndex(0)
        self.button_add_file.setEnabled(card is not None)

    # Saving ------------------------------------------------------------------------------

    def _run(
        self,
        button: str,
        operation: Callable[[Connection], object],
        fields: Mapping[str, QWidget],
        done: str | Callable[[], str],
    ) -> bool:
        """One service call in one transaction. On a refusal: the problem in the notice, the
        fields marked, the card shown as it is (nothing was saved), the typing kept."""
        self.notice.clear_all()
        try:
            with busy(), self._engine.begin() as connection:
                operation(connection)
        except ConflictError as conflict:
            self.reload()
            self.notice.error(conflict_text(conflict, button))
            return False
        except ValidationError as error:
            self.reload()
            lines = problem_lines(error, _CONTEXT, FIELD_LABELS)
            self.notice.error(refused_text(button, (text for _, text in lines)))
            for name, text in lines:
                widget = fields.get(name)
                if widget is not None:
                    self.notice.mark(widget, text)
            return False
        except ImisError as error:  # NotFoundError and the like
            self.reload()
            self.notice.error(
                self.tr("{problem} Nothing was changed.").format(problem=sentence(str(error)))
            )
            return False
        except SQLAlchemyError as error:
            LOGGER.exception("%s on job card %s failed", button, self._card_id)
            self.notice.error(database_refused_text(error))
            return False
        self.reload()
        self.notice.success(done() if callable(done) else done)
        self.changed.emit(self._card_id)
        return True

    def _version(self) -> int:
        return self.card.row_version if self.card is not None else -1

    def add_line(self) -> bool:
        line = CostLine(
            self.combo_kind.currentData(),
            self.line_description.text(),
            self.line_quantity.text(),
            self.line_unit.text(),
            self.line_unit_cost.text(),
        )
        version = self._version()
        saved = self._run(
            self.tr("Add line"),
            lambda c: job_cards.add_line(c, self._card_id, version, line),
            {
                "kind": self.combo_kind,
                "description": self.line_description,
                "quantity": self.line_quantity,
                "unit": self.line_unit,
                "unit_cost": self.line_unit_cost,
            },
            self.tr("Line added: {description}.").format(description=line.description.strip()),
        )
        if saved:
            for edit in (self.line_description, self.line_quantity, self.line_unit_cost):
                edit.clear()
            self.line_unit.setText("each")
            self.line_description.setFocus()
        return saved

    def add_labour(self) -> bool:
        who = (self.card.artisan if self.card else "") or ""
        hours, rate = self.line_hours.text(), self.line_rate.text()
        version = self._version()
        saved = self._run(
            self.tr("Add labour"),
            lambda c: job_cards.add_line(
                c, self._card_id, version, labour_line(hours, rate, who or self.tr("artisan"))
            ),
            {"hours": self.line_hours, "rate": self.line_rate},
            self.tr("Labour added: {hours} h.").format(hours=hours.strip()),
        )
        if saved:
            self.line_hours.clear()
        return saved

    def remove_line(self) -> bool:
        selected = self.table_lines.selectedItems()
        if not selected:
            return False
        row = selected[0].row()
        line_id = self.table_lines.item(row, 0).data(Qt.UserRole)
        description = self.table_lines.item(row, 1).text()
        version = self._version()
        return self._run(
            self.tr("Remove line"),
            lambda c: job_cards.remove_line(c, self._card_id, version, int(line_id)),
            {},
            self.tr("Line removed: {description}.").format(description=description),
        )

    def clear_asset(self) -> bool:
        version = self._version()
        return self._run(
            self.tr("No asset"),
            lambda c: job_cards.set_asset(c, self._card_id, version, None),
            {},
            self.tr("The card names no asset now."),
        )

    def _pick_on_map(self, checked: bool) -> None:
        canvas = self._canvas
        if canvas is None:
            return
        if not checked:
            self._stop_picking()
            return
        self._previous_tool = canvas.mapTool()
        self._pick_tool = QgsMapToolEmitPoint(canvas)
        self._pick_tool.canvasClicked.connect(self._picked)
        canvas.setMapTool(self._pick_tool)
        self.notice.clear_all()
        self.notice.info(self.tr("Click the asset on the map; press Pick on map again to stop."))

    def _stop_picking(self) -> None:
        canvas, tool = self._canvas, self._pick_tool
        self._pick_tool = None
        if canvas is not None and tool is not None:
            if canvas.mapTool() is tool:
                if self._previous_tool is not None:
                    canvas.setMapTool(self._previous_tool)
                else:
                    canvas.unsetMapTool(tool)
            tool.deleteLater()
        self._previous_tool = None
        self.button_pick_asset.blockSignals(True)
        self.button_pick_asset.setChecked(False)
        self.button_pick_asset.blockSignals(False)

    def _picked(self, point: QgsPointXY, _button: object) -> None:
        srid = int(self._canvas.mapSettings().destinationCrs().postgisSrid())
        self._stop_picking()
        self.raise_()
        self.activateWindow()
        self.pick_asset_at(point.x(), point.y(), srid)

    def pick_asset_at(self, x: float, y: float, srid: int) -> bool:
        """The asset nearest the clicked point becomes the card's asset."""
        version = self._version()
        found: list[str] = []

        def operation(connection: Connection) -> None:
            hit = assets.asset_at(connection, x, y, srid)
            if hit is None:
                raise ValidationError.single(
                    "asset",
                    self.tr(
                        "there is no asset near the click: zoom in and click on the asset's symbol"
                    ),
                )
            job_cards.set_asset(connection, self._card_id, version, hit.asset.id)
            found.append(hit.asset.label())

        return self._run(
            self.tr("Pick on map"),
            operation,
            {},
            lambda: self.tr("Asset set: {asset}.").format(asset=", ".join(found)),
        ) and bool(found)

    def _suggest_assets(self, typed: str) -> None:
        """Numbers of assets in service that start with what is typed (from the second
        character on). Typing on after a complete answer asks nothing: the completer narrows
        the numbers it holds itself."""
        prefix = typed.strip()
        if len(prefix) < 2:
            self._suggested_for = None
            return
        if self._suggested_for is not None:
            asked, complete = self._suggested_for
            if complete and prefix.lower().startswith(asked.lower()):
                return
        try:
            with self._engine.connect() as connection:
                found = asset_register.search_assets(
                    connection, prefix, limit=_SUGGESTED, in_service_only=True
                )
        except (ImisError, SQLAlchemyError):
            LOGGER.exception("Suggesting assets for %r failed", prefix)
            return  # suggestions are a help; Set by number says what is wrong
        self._suggested_for = (prefix, len(found) < _SUGGESTED)
        self.asset_suggestions.setStringList([a.asset_number for a in found])

    def set_asset_by_number(self, number: str | None = None) -> bool:
        """The asset with the typed number becomes the card's asset, as a map pick does."""
        wanted = (number if isinstance(number, str) else self.line_asset_number.text()).strip()
        version = self._version()
        found: list[str] = []

        def operation(connection: Connection) -> None:
            asset = asset_register.asset_by_number(connection, wanted)
            job_cards.set_asset(connection, self._card_id, version, asset.id)
            found.append(asset.label())

        saved = self._run(
            self.tr("Set by number"),
            operation,
            {"asset": self.line_asset_number},
            lambda: self.tr("Asset set: {asset}.").format(asset=", ".join(found)),
        ) and bool(found)
        if saved:
            self.line_asset_number.clear()
        return saved

    def add_files(self) -> bool:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Attach photos or documents"),
            "",
            self.tr(
                "Photos and documents (*.jpg *.jpeg *.png *.gif *.tif *.tiff *.webp *.heic "
                "*.heif *.pdf *.txt *.csv *.docx *.xlsx *.odt *.ods);;All files (*)"
            ),
        )
        return self.attach_files([Path(p) for p in paths]) if paths else False

    def attach_files(self, paths: list[Path]) -> bool:
        """Attaches the files together: all of them, or none when one is refused."""
        contents: list[tuple[str, bytes]] = []
        for path in paths:
            try:
                contents.append((path.name, path.read_bytes()))
            except OSError as error:
                self.notice.clear_all()
                self.notice.error(
                    self.tr("Could not read {file} ({error}). Nothing was attached.").format(
                        file=str(path), error=error.strerror or error
                    )
                )
                return False
        names = ", ".join(name for name, _ in contents)

        def operation(connection: Connection) -> None:
            for name, data in contents:
                job_cards.attach(connection, self._card_id, name, data)

        return self._run(
            self.tr("Add file"),
            operation,
            {},
            self.tr("Attached: {files}.").format(files=names),
        )

    def completed_card(self) -> CompletedCard:
        """The completion as typed."""
        return CompletedCard(
            arrived_at=sast_of(self.date_arrived),
            completed_at=sast_of(self.date_completed),
            work_performed=self.text_work.toPlainText(),
            signed_off_by=self.line_signed_off_by.text(),
            condition_before=self.combo_condition_before.currentData(),
            condition_after=self.combo_condition_after.currentData(),
        )

    def complete(self) -> bool:
        report = self.completed_card()
        paper = self.check_paper.isChecked()
        version = self._version()
        number = self.card.card_number if self.card else ""
        return self._run(
            self.tr("Complete"),
            lambda c: job_cards.complete_job_card(
                c, self._card_id, version, report, captured_from_paper=paper
            ),
            {
                "arrived_at": self.date_arrived,
                "completed_at": self.date_completed,
                "signed_off_at": self.date_completed,
                "work_performed": self.text_work,
                "signed_off_by": self.line_signed_off_by,
                "condition_before": self.combo_condition_before,
                "condition_after": self.combo_condition_after,
            },
            self.tr("Job card {number} is completed.").format(number=number),
        )

    def closeEvent(self, event) -> None:
        self._stop_picking()
        super().closeEvent(event)

    def reject(self) -> None:
        self._stop_picking()
        super().reject()
