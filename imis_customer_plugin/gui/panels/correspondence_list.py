"""The dock's home: the register, filtered and searched, one keyset page at a time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qgis.core import QgsApplication, QgsTask
from qgis.gui import QgsPanelWidget
from qgis.PyQt import sip, uic
from qgis.PyQt.QtCore import QDate, QModelIndex, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QWidget,
)
from sqlalchemy.engine import Engine

from ...core.workflow import OPEN_STATUSES, Classification
from ...layers.status_style import STATUS_STYLES
from ...services import reference, search
from ..correspondence_model import CorrespondenceModel

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))
OPEN = "open"


class CorrespondenceListPanel(QgsPanelWidget, FORM_CLASS):
    item_selected = pyqtSignal(int)
    item_opened = pyqtSignal(int)
    log_requested = pyqtSignal()
    search_finished = pyqtSignal()

    line_search: QLineEdit
    button_search: QToolButton
    combo_status: QComboBox
    combo_classification: QComboBox
    combo_category: QComboBox
    combo_department: QComboBox
    check_overdue: QCheckBox
    check_mine: QCheckBox
    date_from: QDateEdit
    date_to: QDateEdit
    table_results: QTableView
    label_count: QLabel
    button_log_new: QPushButton

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setupUi(self)
        self.setPanelTitle(self.tr("Correspondence"))
        self._engine = engine
        self._task: QgsTask | None = None
        self.model = CorrespondenceModel(self)
        self.table_results.setModel(self.model)
        self.table_results.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self._fill_filters()
        for combo in (
            self.combo_status,
            self.combo_classification,
            self.combo_category,
            self.combo_department,
        ):  # a narrow dock must not cut the filters off
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        self.button_search.clicked.connect(self.search_in_background)
        self.line_search.returnPressed.connect(self.search_in_background)
        self.table_results.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table_results.doubleClicked.connect(self._row_opened)
        self.table_results.activated.connect(self._row_opened)
        self.button_log_new.clicked.connect(self.log_requested)

    def _fill_filters(self) -> None:
        self.combo_status.addItem(self.tr("Open items"), OPEN)
        self.combo_status.addItem(self.tr("Any status"), "")
        for status, style in STATUS_STYLES.items():
            self.combo_status.addItem(style.translated_label(), status.value)
        self.combo_classification.addItem(self.tr("Any classification"), "")
        for classification in Classification:
            self.combo_classification.addItem(
                classification.value.capitalize(), classification.value
            )
        self.combo_category.addItem(self.tr("Any category"), "")
        self.combo_department.addItem(self.tr("Any department"), "")
        with self._engine.connect() as connection:
            for choice in reference.categories(connection):
                self.combo_category.addItem(choice.name, choice.code)
            for choice in reference.departments(connection):
                self.combo_department.addItem(choice.name, choice.code)
        today = QDate.currentDate()
        self.date_from.setDate(today.addYears(-1))
        self.date_to.setDate(today)

    def current_filter(self) -> search.SearchFilter:
        status = self.combo_status.currentData()
        statuses = (
            tuple(s.value for s in OPEN_STATUSES)
            if status == OPEN
            else ((status,) if status else ())
        )
        return search.SearchFilter(
            text=self.line_search.text(),
            statuses=statuses,
            classification=self.combo_classification.currentData(),
            category_code=self.combo_category.currentData(),
            department_code=self.combo_department.currentData(),
            logged_from=self.date_from.date().toPyDate(),
            logged_to=self.date_to.date().toPyDate(),
            overdue_only=self.check_overdue.isChecked(),
            mine_only=self.check_mine.isChecked(),
        )

    def _fetch(self, wanted: search.SearchFilter):
        def page(after: tuple[dt.datetime, int] | None) -> search.Page:
            with self._engine.connect() as connection:
                return search.search_correspondence(connection, wanted, after)

        return page

    def search_in_background(self) -> None:
        """The first page may scan much of the register: a QgsTask keeps QGIS responsive."""
        if self._task is not None:
            self._task.cancel()
        fetch = self._fetch(self.current_filter())
        self.label_count.setText(self.tr("Searching…"))
        task = QgsTask.fromFunction(
            self.tr("Searching the IMIS register"),
            lambda _task: fetch(None),
            on_finished=lambda error, page=None: self._show(task, error, page, fetch),
        )
        self._task = task
        QgsApplication.taskManager().addTask(task)

    def _show(
        self, task: QgsTask, error: BaseException | None, page: search.Page | None, fetch
    ) -> None:
        # A search replaced by a newer one, or a panel already closed, shows nothing.
        if sip.isdeleted(self) or task is not self._task:
            return
        self._task = None
        if error is not None or page is None:
            self.label_count.setText(self.tr("Search failed: {0}").format(error))
        else:
            self.model.reset_with(page, fetch)
            more = "+" if page.next_after else ""
            self.label_count.setText(self.tr("{0}{1} items").format(len(page.rows), more))
        self.search_finished.emit()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.item_selected.emit(self.model.row_at(current.row()).id)

    def _row_opened(self, index: QModelIndex) -> None:
        if index.isValid():
            self.item_opened.emit(self.model.row_at(index.row()).id)
