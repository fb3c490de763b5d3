"""What a report is to cover and where it goes: the period (with the usual presets), the
departments, categories and wards (none ticked: all), the formats and the folder; for the
hotspot analysis also the hexagon size and "each category on its own".

The dialog only gathers a ReportRequest; the plugin runs it in a QgsTask.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from qgis.gui import QgsFileWidget
from qgis.PyQt.QtCore import QDate, QSettings, Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.reports import DEFAULT_CELL_SIZE, REPORT_TITLES, ReportFilter
from ...definitions import QT_TRANSLATE_NOOP, SETTINGS_GROUP
from ...reports.request import HotspotOptions, ReportRequest, Targets
from ...services.reference import Choice

_CONTEXT = "ReportDialog"
PRESETS = (
    ("last_month", QT_TRANSLATE_NOOP("ReportDialog", "Last month")),
    ("this_month", QT_TRANSLATE_NOOP("ReportDialog", "This month so far")),
    ("last_quarter", QT_TRANSLATE_NOOP("ReportDialog", "Last three months")),
    ("last_year", QT_TRANSLATE_NOOP("ReportDialog", "Last twelve months")),
    ("custom", QT_TRANSLATE_NOOP("ReportDialog", "Dates below")),
)
FOLDER_SETTING = f"{SETTINGS_GROUP}/reports/folder"


def preset_period(preset: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """[start, end) of a preset, whole months where the preset says months."""
    first = today.replace(day=1)
    if preset == "this_month":
        return first, today + dt.timedelta(days=1)
    if preset == "last_quarter":
        return _months_before(first, 3), first
    if preset == "last_year":
        return _months_before(first, 12), first
    return _months_before(first, 1), first


def _months_before(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


class ReportDialog(QDialog):
    def __init__(
        self,
        kind: str,
        departments: Sequence[Choice],
        categories: Sequence[Choice],
        wards: Sequence[Choice],
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.accepted_request: ReportRequest | None = None  # the request OK accepted
        self.today = today or dt.date.today()
        self.setWindowTitle(self.tr(REPORT_TITLES[kind]))
        self.setObjectName("ReportDialog")
        layout = QVBoxLayout(self)
        layout.addWidget(self._period_group())
        filters = QGroupBox(self.tr("Only these (none ticked: all)"), self)
        grid = QGridLayout(filters)
        self.list_departments = self._choices(departments, "list_departments")
        self.list_categories = self._choices(categories, "list_categories")
        self.list_wards = self._choices(wards, "list_wards")
        for column, (caption, widget) in enumerate(
            (
                (self.tr("Departments"), self.list_departments),
                (self.tr("Categories"), self.list_categories),
                (self.tr("Wards"), self.list_wards),
            )
        ):
            grid.addWidget(QLabel(caption, filters), 0, column)
            grid.addWidget(widget, 1, column)
        layout.addWidget(filters)
        if kind == "hotspots":
            layout.addWidget(self._hotspot_group())
        layout.addWidget(self._output_group())
        self.label_problem = QLabel(self)
        self.label_problem.setObjectName("label_problem")
        self.label_problem.setStyleSheet("color: #b00020")
        self.label_problem.setWordWrap(True)
        layout.addWidget(self.label_problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Make report"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._apply_preset()

    # -- parts ---------------------------------------------------------------------------

    def _period_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Items logged in"), self)
        form = QFormLayout(group)
        self.combo_preset = QComboBox(group)
        self.combo_preset.setObjectName("combo_preset")
        for key, label in PRESETS:
            self.combo_preset.addItem(self.tr(label), key)
        self.combo_preset.currentIndexChanged.connect(self._apply_preset)
        form.addRow(self.tr("Period"), self.combo_preset)
        row = QHBoxLayout()
        self.date_from = QDateEdit(group)
        self.date_to = QDateEdit(group)
        for name, edit in (("date_from", self.date_from), ("date_to", self.date_to)):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._dates_edited)
            row.addWidget(edit)
        row.insertWidget(1, QLabel(self.tr("to (included)"), group))
        form.addRow(self.tr("From"), row)
        return group

    def _choices(self, choices: Sequence[Choice], name: str) -> QListWidget:
        widget = QListWidget(self)
        widget.setObjectName(name)
        for choice in choices:
            item = QListWidgetItem(f"{choice.name} ({choice.code})", widget)
            item.setData(Qt.UserRole, choice.code)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
        widget.setMinimumHeight(140)
        return widget

    def _hotspot_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Hotspot analysis"), self)
        form = QFormLayout(group)
        self.spin_cell_size = QDoubleSpinBox(group)
        self.spin_cell_size.setObjectName("spin_cell_size")
        self.spin_cell_size.setRange(25.0, 20000.0)
        self.spin_cell_size.setDecimals(0)
        self.spin_cell_size.setSingleStep(50.0)
        self.spin_cell_size.setSuffix(" m")
        self.spin_cell_size.setValue(DEFAULT_CELL_SIZE)
        form.addRow(self.tr("Hexagon size (centre to corner)"), self.spin_cell_size)
        self.check_per_category = QCheckBox(self.tr("Analyse each category on its own"), group)
        self.check_per_category.setObjectName("check_per_category")
        form.addRow(self.check_per_category)
        return group

    def _output_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Output"), self)
        form = QFormLayout(group)
        row = QHBoxLayout()
        self.check_pdf = QCheckBox(self.tr("PDF"), group)
        self.check_xlsx = QCheckBox(self.tr("Excel (XLSX)"), group)
        self.check_csv = QCheckBox(self.tr("CSV files"), group)
        for name, box in (
            ("check_pdf", self.check_pdf),
            ("check_xlsx", self.check_xlsx),
            ("check_csv", self.check_csv),
        ):
            box.setObjectName(name)
            row.addWidget(box)
        self.check_pdf.setChecked(True)
        form.addRow(self.tr("Formats"), row)
        self.file_folder = QgsFileWidget(group)
        self.file_folder.setObjectName("file_folder")
        self.file_folder.setStorageMode(QgsFileWidget.GetDirectory)
        self.file_folder.setFilePath(QSettings().value(FOLDER_SETTING, str(Path.home()), str))
        form.addRow(self.tr("Folder"), self.file_folder)
        return group

    # -- behaviour --------------------------------------------------------------------------

    def _apply_preset(self) -> None:
        preset = self.combo_preset.currentData()
        if preset == "custom":
            return
        start, end = preset_period(preset, self.today)
        for edit, day in ((self.date_from, start), (self.date_to, end - dt.timedelta(days=1))):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _dates_edited(self) -> None:
        self.combo_preset.blockSignals(True)
        self.combo_preset.setCurrentIndex(self.combo_preset.findData("custom"))
        self.combo_preset.blockSignals(False)

    def request(self) -> ReportRequest:
        """The report asked for; raises ValueError with a sentence for the user."""
        start = self.date_from.date().toPyDate()
        end = self.date_to.date().toPyDate() + dt.timedelta(days=1)
        report_filter = ReportFilter(
            start,
            end,
            department_codes=_ticked(self.list_departments),
            category_codes=_ticked(self.list_categories),
            ward_codes=_ticked(self.list_wards),
        )
        formats = tuple(
            name
            for name, box in (
                ("pdf", self.check_pdf),
                ("xlsx", self.check_xlsx),
                ("csv", self.check_csv),
            )
            if box.isChecked()
        )
        if not formats and self.kind != "hotspots":
            raise ValueError(self.tr("Tick at least one format."))
        folder = self.file_folder.filePath().strip()
        if not folder or not Path(folder).is_dir():
            raise ValueError(self.tr("Choose a folder that exists for the report's files."))
        hotspot = HotspotOptions()
        if self.kind == "hotspots":
            hotspot = HotspotOptions(
                self.spin_cell_size.value(), self.check_per_category.isChecked()
            )
        targets = Targets.in_folder(Path(folder), self.kind, report_filter, formats)
        return ReportRequest(self.kind, report_filter, targets, hotspot)

    def accept(self) -> None:
        try:
            self.accepted_request = self.request()
        except ValueError as error:
            self.label_problem.setText(str(error))
            return
        QSettings().setValue(FOLDER_SETTING, self.file_folder.filePath().strip())
        super().accept()


def _ticked(widget: QListWidget) -> tuple[str, ...]:
    return tuple(
        widget.item(n).data(Qt.UserRole)
        for n in range(widget.count())
        if widget.item(n).checkState() == Qt.Checked
    )
