"""Who pays an item's costs (step 4): its costs from the completed job cards, the allocation
rows with their mSCOA segments, Save (allocate) and, for finance, Approve.

Save replaces the item's proposed allocations in one transaction, or changes nothing when the
service refuses them (they do not add up, an unknown account, ...): the problem is shown here,
the rows stay as typed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from ...core.costs import (
    LINE_KINDS,
    SEGMENT_NAMES,
    Allocation,
    AllocationStatus,
    FinanceRoleError,
    Party,
    Segments,
    format_rand,
    parse_amount,
)
from ...core.errors import ConflictError, FieldProblem, ImisError, ValidationError
from ...definitions import QT_TRANSLATE_NOOP
from ...services import costs, reference
from ...services.costs import CostSummary, StoredAllocation
from ...services.search import correspondence_detail
from ..common import NONE_SHOWN, busy, first_line, local_time, sentence, translated
from .feedback import (
    ERROR_COLOUR,
    SUCCESS_COLOUR,
    Notice,
    conflict_text,
    database_refused_text,
    refused_text,
)
from .job_card_dialog import line_kind_label

LOGGER = logging.getLogger(__name__)

_CONTEXT = "CostDialog"
ZERO = Decimal("0.00")
PARTY_LABELS = {
    Party.DEPARTMENT: QT_TRANSLATE_NOOP("CostDialog", "Department"),
    Party.CUSTOMER: QT_TRANSLATE_NOOP("CostDialog", "Customer account"),
    Party.THIRD_PARTY: QT_TRANSLATE_NOOP("CostDialog", "Third party / insurer"),
    Party.CONTRACTOR: QT_TRANSLATE_NOOP("CostDialog", "Contractor (warranty)"),
}
STATUS_LABELS = {
    AllocationStatus.PROPOSED: QT_TRANSLATE_NOOP("CostDialog", "Proposed"),
    AllocationStatus.APPROVED: QT_TRANSLATE_NOOP("CostDialog", "Approved"),
    AllocationStatus.EXPORTED: QT_TRANSLATE_NOOP("CostDialog", "Exported"),
}
# Columns of the allocation table.
COL_PARTY, COL_PAYER, COL_AMOUNT = 0, 1, 2
SEGMENT_COLUMNS = {name: 3 + index for index, name in enumerate(SEGMENT_NAMES)}
COL_REGION = SEGMENT_COLUMNS["region"]
_EDITABLE_SEGMENTS = tuple(name for name in SEGMENT_NAMES if name != "region")
_ROW_PROBLEM = re.compile(r"allocation (\d+): (\w+)")
FIELD_LABELS = {
    "party": QT_TRANSLATE_NOOP("CostDialog", "Who pays"),
    "department": QT_TRANSLATE_NOOP("CostDialog", "Department"),
    "account": QT_TRANSLATE_NOOP("CostDialog", "Account"),
    "party_name": QT_TRANSLATE_NOOP("CostDialog", "Name"),
    "amount": QT_TRANSLATE_NOOP("CostDialog", "Amount"),
    "allocations": QT_TRANSLATE_NOOP("CostDialog", "Allocations"),
    "mscoa_function": QT_TRANSLATE_NOOP("CostDialog", "Function"),
    "mscoa_item": QT_TRANSLATE_NOOP("CostDialog", "Item"),
    "mscoa_project": QT_TRANSLATE_NOOP("CostDialog", "Project"),
    "mscoa_fund": QT_TRANSLATE_NOOP("CostDialog", "Fund"),
    "mscoa_costing": QT_TRANSLATE_NOOP("CostDialog", "Costing"),
    "mscoa_region": QT_TRANSLATE_NOOP("CostDialog", "Region"),
}


def _field_label(name: str) -> str:
    """'allocation 2: amount' as 'Row 2, Amount'; a plain field by its label."""
    match = _ROW_PROBLEM.fullmatch(name)
    if match:
        return translated(_CONTEXT, {"row": QT_TRANSLATE_NOOP("CostDialog", "Row")}, "row") + (
            f" {match.group(1)}, {translated(_CONTEXT, FIELD_LABELS, match.group(2))}"
        )
    return translated(_CONTEXT, FIELD_LABELS, name)


class CostDialog(QDialog):
    """The item's costs and who pays them. Signal `changed(correspondence_id)` after a save
    or an approval."""

    changed = pyqtSignal(int)

    def __init__(self, engine: Engine, correspondence_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("CostDialog")
        self._engine = engine
        self._id = correspondence_id
        self.summary: CostSummary | None = None
        self.allocations: list[StoredAllocation] = []
        self.departments: list[tuple[str, str]] = []
        self._item: dict = {}
        self._dirty = False
        self._build()
        self.button_add_row.clicked.connect(lambda _checked=False: self.add_row())
        self.button_remove_row.clicked.connect(self.remove_row)
        self.button_save.clicked.connect(self.save)
        self.button_approve.clicked.connect(self.approve)
        self.button_box.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._enable)
        if self.reload():
            self._show_rows()
        self.resize(1200, 560)

    # Building ----------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.label_title = QLabel(self)
        self.label_title.setObjectName("label_title")
        font = self.label_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.label_title.setFont(font)
        self.notice = Notice(self)
        outer.addWidget(self.label_title)
        outer.addWidget(self.notice)
        outer.addLayout(self._build_summary())
        outer.addWidget(self._build_allocations(), 1)
        self.button_box = QDialogButtonBox(QDialogButtonBox.Close, self)
        self.button_save = self.button_box.addButton(self.tr("Save"), QDialogButtonBox.ActionRole)
        self.button_save.setObjectName("button_save")
        self.button_save.setToolTip(
            self.tr("Replace the item's proposed allocations with these rows")
        )
        self.button_approve = self.button_box.addButton(
            self.tr("Approve"), QDialogButtonBox.ActionRole
        )
        self.button_approve.setObjectName("button_approve")
        self.button_approve.setToolTip(
            self.tr("Finance approves the saved allocations (members of imis_finance only)")
        )
        outer.addWidget(self.button_box)

    def _build_summary(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.group_costs = QGroupBox(self.tr("Costs (Rand, excluding VAT)"), self)
        self.group_costs.setObjectName("group_costs")
        form = QFormLayout(self.group_costs)
        self.cost_labels: dict[str, QLabel] = {}
        for kind in (*LINE_KINDS, "total"):
            label = QLabel(self.group_costs)
            label.setObjectName(f"label_cost_{kind}")
            label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            caption = self.tr("Total") if kind == "total" else line_kind_label(kind)
            if kind == "total":
                bold = label.font()
                bold.setBold(True)
                label.setFont(bold)
            form.addRow(caption, label)
            self.cost_labels[kind] = label
        self.label_cards = QLabel(self.group_costs)
        self.label_cards.setObjectName("label_cards")
        form.addRow(self.label_cards)
        row.addWidget(self.group_costs)

        self.group_status = QGroupBox(self.tr("Allocation"), self)
        status_layout = QVBoxLayout(self.group_status)
        self.label_status = QLabel(self.group_status)
        self.label_status.setObjectName("label_status")
        self.label_status.setWordWrap(True)
        self.label_status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.label_region = QLabel(self.group_status)
        self.label_region.setObjectName("label_region")
        self.label_region.setWordWrap(True)
        status_layout.addWidget(self.label_status)
        status_layout.addWidget(self.label_region)
        status_layout.addStretch(1)
        row.addWidget(self.group_status, 1)
        return row

    def _build_allocations(self) -> QGroupBox:
        self.group_allocations = QGroupBox(self.tr("Who pays"), self)
        self.group_allocations.setObjectName("group_allocations")
        layout = QVBoxLayout(self.group_allocations)
        headers = [self.tr("Who pays"), self.tr("Payer"), self.tr("Amount (R)")]
        headers += [translated(_CONTEXT, FIELD_LABELS, f"mscoa_{n}") for n in SEGMENT_NAMES]
        self.table = QTableWidget(0, len(headers), self.group_allocations)
        self.table.setObjectName("table_allocations")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeaderItem(COL_PAYER).setToolTip(
            self.tr("The department, the account number to bill, or the party's name")
        )
        self.table.horizontalHeaderItem(COL_REGION).setToolTip(
            self.tr("The mSCOA region comes from the ward the item lies in")
        )
        for name in ("function", "costing"):
            self.table.horizontalHeaderItem(SEGMENT_COLUMNS[name]).setToolTip(
                self.tr("Empty: the paying department's (else the item's department's)")
            )
        self.table.verticalHeader().setVisible(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(COL_PAYER, QHeaderView.Stretch)
        self.table.setColumnWidth(COL_PARTY, 190)
        self.table.setColumnWidth(COL_AMOUNT, 120)
        for column in SEGMENT_COLUMNS.values():
            self.table.setColumnWidth(column, 80)
        self.table.setColumnWidth(COL_REGION, 100)
        layout.addWidget(self.table, 1)
        self.label_balance = QLabel(self.group_allocations)
        self.label_balance.setObjectName("label_balance")
        self.label_balance.setWordWrap(True)
        buttons = QHBoxLayout()
        self.button_add_row = QPushButton(self.tr("Add payer"), self.group_allocations)
        self.button_add_row.setObjectName("button_add_row")
        self.button_remove_row = QPushButton(self.tr("Remove payer"), self.group_allocations)
        self.button_remove_row.setObjectName("button_remove_row")
        self.button_remove_row.setToolTip(
            self.tr("Removes the selected row (click its number), else the last one")
        )
        buttons.addWidget(self.label_balance, 1)
        buttons.addWidget(self.button_add_row)
        buttons.addWidget(self.button_remove_row)
        layout.addLayout(buttons)
        return self.group_allocations

    # Reading -----------------------------------------------------------------------------

    def reload(self) -> bool:
        """Reads the costs and the stored allocations; the rows as typed stay."""
        try:
            with busy(), self._engine.connect() as connection:
                item = correspondence_detail(connection, self._id).fields
                summary = costs.costs_of(connection, self._id)
                stored = costs.allocations_of(connection, self._id)
                departments = [(c.code, c.name) for c in reference.departments(connection)]
        except ImisError as error:
            self.notice.error(sentence(str(error)))
            return False
        except SQLAlchemyError as error:
            LOGGER.exception("Reading the costs of %s failed", self._id)
            self.notice.error(
                self.tr("Could not read the costs ({error}). Check the connection.").format(
                    error=first_line(error)
                )
            )
            return False
        self._item, self.summary, self.allocations = item, summary, stored
        self.departments = departments
        self._show_costs()
        return True

    def _show_costs(self) -> None:
        summary = self.summary
        self.setWindowTitle(self.tr("Costs of {reference}").format(reference=summary.reference))
        self.label_title.setText(
            self.tr("Costs of {reference}").format(reference=summary.reference)
        )
        for kind in LINE_KINDS:
            self.cost_labels[kind].setText(format_rand(summary.by_kind.get(kind, ZERO)))
        self.cost_labels["total"].setText(format_rand(summary.total))
        cards = self.tr("From {count} completed job card(s).").format(
            count=summary.completed_job_cards
        )
        if summary.open_job_cards:
            cards += "\n" + self.tr("{count} open job card(s): counted once completed.").format(
                count=summary.open_job_cards
            )
        self.label_cards.setText(cards)
        self.label_status.setText(self._status_text())
        regions = sorted({a.segments.region for a in self.allocations if a.segments.region})
        ward = self._item.get("ward")
        if regions:
            region = self.tr("Region {region}, from ward {ward}.").format(
                region=", ".join(regions), ward=ward or NONE_SHOWN
            )
        elif ward:
            region = self.tr("The region is set from ward {ward} when you save.").format(ward=ward)
        else:
            region = self.tr("The item lies in no ward: its region cannot be derived.")
        self.label_region.setText(region)
        self._update_balance()
        self._enable()

    def _status_text(self) -> str:
        stored = self.allocations
        if not stored:
            if not self.summary.total:
                return self.tr("No costs yet: they come from completed job cards.")
            return self.tr("Not allocated yet.")
        lines = [
            self.tr("{status}: {party} {payer}, {amount}").format(
                status=translated(_CONTEXT, STATUS_LABELS, a.status),
                party=translated(_CONTEXT, PARTY_LABELS, a.party).lower(),
                payer=a.department_code or a.account_number or a.party_name,
                amount=format_rand(a.amount),
            )
            for a in stored
        ]
        latest = stored[-1]
        if any(a.status is AllocationStatus.EXPORTED for a in stored):
            said = self.tr("Exported to finance.")
        elif all(a.status is AllocationStatus.APPROVED for a in stored):
            said = self.tr("Approved by {user} on {time} SAST.").format(
                user=latest.approved_by, time=local_time(latest.approved_at)
            )
        else:
            said = self.tr(
                "Allocated by {user} on {time} SAST; awaiting approval by finance."
            ).format(user=latest.allocated_by, time=local_time(latest.allocated_at))
        return "\n".join([said, *lines])

    @property
    def frozen(self) -> bool:
        """Finance approved or exported the allocations: they cannot change here."""
        return any(a.status is not AllocationStatus.PROPOSED for a in self.allocations)

    def _show_rows(self) -> None:
        """The rows from the stored allocations; with none, the item's department pays all."""
        self.table.setRowCount(0)
        for allocation in self.allocations:
            self.add_row(
                allocation.party,
                allocation.department_code or allocation.account_number or allocation.party_name,
                allocation.amount,
                allocation.segments,
            )
        if not self.allocations and self.summary is not None and self.summary.total:
            department = self._item.get("department_code") or ""
            self.add_row(Party.DEPARTMENT, department, self.summary.total)
            self._dirty = True
        else:
            self._dirty = False
        self._update_balance()
        self._enable()

    # The rows ----------------------------------------------------------------------------

    def add_row(
        self,
        party: Party = Party.DEPARTMENT,
        payer: str = "",
        amount: Decimal | None = None,
        segments: Segments | None = None,
    ) -> int:
        table = self.table
        row = table.rowCount()
        table.insertRow(row)
        combo = QComboBox(table)
        combo.setObjectName(f"combo_party_{row}")
        for choice in Party:
            combo.addItem(translated(_CONTEXT, PARTY_LABELS, choice), choice.value)
        combo.setCurrentIndex(combo.findData(Party(party).value))
        table.setCellWidget(row, COL_PARTY, combo)
        self._set_payer(row, Party(party), payer)
        amount_edit = QLineEdit(table)
        amount_edit.setObjectName(f"line_amount_{row}")
        amount_edit.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        amount_edit.setPlaceholderText("0.00")
        if amount is not None:
            amount_edit.setText(f"{amount:.2f}")
        amount_edit.textEdited.connect(self._edited)
        table.setCellWidget(row, COL_AMOUNT, amount_edit)
        segments = segments or Segments()
        for name in _EDITABLE_SEGMENTS:
            edit = QLineEdit(getattr(segments, name), table)
            edit.setObjectName(f"line_{name}_{row}")
            if name in ("function", "costing"):
                edit.setPlaceholderText(self.tr("default"))
            edit.textEdited.connect(self._edited)
            table.setCellWidget(row, SEGMENT_COLUMNS[name], edit)
        ward = self._item.get("ward")
        derived = self.tr("ward {ward}").format(ward=ward) if ward else NONE_SHOWN
        region = QTableWidgetItem(segments.region or derived)
        region.setFlags(Qt.ItemIsEnabled)
        region.setToolTip(self.tr("Derived from the item's ward when saved; not typed"))
        table.setItem(row, COL_REGION, region)
        combo.currentIndexChanged.connect(lambda _i, c=combo: self._party_changed(c))
        self._dirty = True
        self._update_balance()
        self._enable()
        return row

    def _row_of(self, widget: QWidget) -> int:
        for row in range(self.table.rowCount()):
            if self.table.cellWidget(row, COL_PARTY) is widget:
                return row
        return -1

    def _party_changed(self, combo: QComboBox) -> None:
        row = self._row_of(combo)
        if row >= 0:
            self._set_payer(row, Party(combo.currentData()), "")
            self._edited()

    def _set_payer(self, row: int, party: Party, payer: str) -> None:
        table = self.table
        if party is Party.DEPARTMENT:
            widget = QComboBox(table)
            for code, name in self.departments:
                widget.addItem(f"{name} ({code})", code)
            widget.setCurrentIndex(widget.findData(payer) if payer else -1)
            widget.currentIndexChanged.connect(self._edited)
        else:
            widget = QLineEdit(payer, table)
            if party is Party.CUSTOMER:
                widget.setPlaceholderText(self.tr("Account number"))
                if not payer:
                    widget.setText(self._item.get("account_number") or "")
            else:
                widget.setPlaceholderText(self.tr("Name of the party"))
            widget.textEdited.connect(self._edited)
        widget.setObjectName(f"payer_{row}")
        table.setCellWidget(row, COL_PAYER, widget)

    def remove_row(self) -> None:
        """Removes the selected row (its number clicked), else the last one."""
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.rowCount():
            rows = [self.table.rowCount() - 1]
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self._edited()
            self._enable()

    def _edited(self, *_args: object) -> None:
        self._dirty = True
        self._update_balance()

    def row_values(self, row: int) -> tuple[Party, str, str, Segments]:
        """(party, payer, amount as typed, segments) of one row."""
        table = self.table
        party = Party(table.cellWidget(row, COL_PARTY).currentData())
        payer_widget = table.cellWidget(row, COL_PAYER)
        payer = (
            payer_widget.currentData() or ""
            if isinstance(payer_widget, QComboBox)
            else payer_widget.text()
        )
        amount = table.cellWidget(row, COL_AMOUNT).text()
        typed = {n: table.cellWidget(row, SEGMENT_COLUMNS[n]).text() for n in _EDITABLE_SEGMENTS}
        segments = Segments(**typed)
        return party, payer, amount, segments

    def _typed_amounts(self) -> tuple[Decimal, list[int]]:
        """The sum of the amounts that read as rand, and the rows whose amount does not."""
        total, bad = ZERO, []
        for row in range(self.table.rowCount()):
            text = self.row_values(row)[2]
            try:
                total += parse_amount(text)
            except ValidationError:
                bad.append(row)
        return total, bad

    def _update_balance(self) -> None:
        if self.summary is None:
            return
        allocated, bad = self._typed_amounts()
        total = self.summary.total
        difference = total - allocated
        text = self.tr("Allocated {allocated} of {total} · difference {difference}").format(
            allocated=format_rand(allocated),
            total=format_rand(total),
            difference=format_rand(difference),
        )
        if bad:
            text += " · " + self.tr("row {rows}: not an amount").format(
                rows=", ".join(str(r + 1) for r in bad)
            )
        colour = SUCCESS_COLOUR if not difference and not bad else ERROR_COLOUR
        self.label_balance.setText(text)
        self.label_balance.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: bold; }}")

    def _enable(self) -> None:
        editable = not self.frozen and self.summary is not None
        self.table.setEnabled(True)
        for row in range(self.table.rowCount()):
            for column in range(self.table.columnCount()):
                widget = self.table.cellWidget(row, column)
                if widget is not None:
                    widget.setEnabled(editable)
        self.button_add_row.setEnabled(editable)
        self.button_remove_row.setEnabled(editable and self.table.rowCount() > 0)
        self.button_save.setEnabled(editable)
        proposed = any(a.status is AllocationStatus.PROPOSED for a in self.allocations)
        self.button_approve.setEnabled(proposed)

    # Saving ------------------------------------------------------------------------------

    def typed_allocations(self) -> list[Allocation]:
        """The rows as Allocations; ValidationError names each amount that is no amount."""
        found: list[FieldProblem] = []
        allocations = []
        for row in range(self.table.rowCount()):
            party, payer, text, segments = self.row_values(row)
            try:
                amount = parse_amount(text)
            except ValidationError as error:
                field_name = f"allocation {row + 1}: amount"
                found.extend(FieldProblem(field_name, p.message) for p in error.problems)
                continue
            named = {
                Party.DEPARTMENT: {"department": payer},
                Party.CUSTOMER: {"account": payer},
            }.get(party, {"party_name": payer})
            allocations.append(Allocation(party, amount, segments=segments, **named))
        if found:
            raise ValidationError(found)
        return allocations

    def _run(self, button: str, operation: Callable[[Connection], object], done: str) -> bool:
        self.notice.clear_all()
        try:
            with busy(), self._engine.begin() as connection:
                operation(connection)
        except ConflictError as conflict:
            self.reload()
            self.notice.error(conflict_text(conflict, button))
            return False
        except ValidationError as error:
            self._show_problems(button, error.problems)
            return False
        except FinanceRoleError as error:
            self.notice.error(sentence(str(error)))
            return False
        except ImisError as error:
            self.notice.error(
                self.tr("{problem} Nothing was changed.").format(problem=sentence(str(error)))
            )
            return False
        except SQLAlchemyError as error:
            LOGGER.exception("%s of the costs of %s failed", button, self._id)
            self.notice.error(database_refused_text(error))
            return False
        self.reload()
        self.notice.success(done)
        self.changed.emit(self._id)
        return True

    def _show_problems(self, button: str, problems: Sequence[FieldProblem]) -> None:
        lines = [f"{_field_label(p.field)}: {p.message}" for p in problems]
        self.notice.error(refused_text(button, lines))
        for problem, text in zip(problems, lines):
            for widget in self._widgets_for(problem.field):
                self.notice.mark(widget, text)

    def _widgets_for(self, name: str) -> list[QWidget]:
        """The fields a problem is about: a row's cell, every row of a party, or the sum."""
        match = _ROW_PROBLEM.fullmatch(name)
        columns = {
            "party": COL_PARTY,
            "amount": COL_AMOUNT,
            **{f"mscoa_{n}": c for n, c in SEGMENT_COLUMNS.items() if n != "region"},
        }
        columns.update(department=COL_PAYER, account=COL_PAYER, party_name=COL_PAYER)
        if match:
            row, field = int(match.group(1)) - 1, match.group(2)
            widget = self.table.cellWidget(row, columns.get(field, COL_AMOUNT))
            return [widget] if widget is not None else []
        if name == "allocations":
            return [self.label_balance]
        parties = {"department": Party.DEPARTMENT, "account": Party.CUSTOMER}
        if name in parties:
            return [
                self.table.cellWidget(row, COL_PAYER)
                for row in range(self.table.rowCount())
                if self.row_values(row)[0] is parties[name]
            ]
        return []

    def save(self) -> bool:
        """Allocates the costs as the rows say (replacing the proposed ones)."""
        self.notice.clear_all()
        try:
            allocations = self.typed_allocations()
        except ValidationError as error:
            self._show_problems(self.tr("Save"), error.problems)
            return False
        saved = self._run(
            self.tr("Save"),
            lambda c: costs.allocate(c, self._id, allocations),
            self.tr("Saved: {count} payer(s), {total}. Finance approves them next.").format(
                count=len(allocations),
                total=format_rand(sum((a.amount for a in allocations), ZERO)),
            ),
        )
        if saved:
            self._show_rows()
        return saved

    def approve(self) -> bool:
        """Finance approves the saved allocations as this dialog shows them."""
        if self._dirty and not self.frozen:
            self.notice.clear_all()
            self.notice.error(
                self.tr(
                    "The rows were changed and not saved: Save them first, then approve. "
                    "Finance approves what is saved."
                )
            )
            return False
        expected = {
            a.id: a.row_version for a in self.allocations if a.status is AllocationStatus.PROPOSED
        }
        approved = self._run(
            self.tr("Approve"),
            lambda c: costs.approve(c, self._id, expected=expected),
            self.tr("Approved: the allocations go to finance with the next export."),
        )
        if approved:
            self._show_rows()
        return approved
