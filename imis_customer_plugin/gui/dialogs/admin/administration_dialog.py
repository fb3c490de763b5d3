"""The administrators' window: one tab per kind of configuration, each a table of its rows
with a form to add, edit and deactivate them (routing rules, teams, SLA policies, message
templates, assets)."""

from __future__ import annotations

from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget
from sqlalchemy.engine import Engine

from .kinds import EDITORS
from .record_editor import RecordEditor, label
from .spec import EditorSpec


class AdministrationDialog(QDialog):
    """Non-modal: one tab per editor spec."""

    def __init__(
        self,
        engine: Engine,
        parent: QWidget | None = None,
        editors: tuple[EditorSpec, ...] = EDITORS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AdministrationDialog")
        self.setWindowTitle(self.tr("IMIS administration"))
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.editors: dict[str, RecordEditor] = {}
        for spec in editors:
            editor = RecordEditor(engine, spec, self.tabs)
            editor.saved.connect(self._saved)
            self.editors[spec.key] = editor
            self.tabs.addTab(editor, label(spec.title))
        layout.addWidget(self.tabs, 1)
        self.button_box = QDialogButtonBox(QDialogButtonBox.Close, self)
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)
        self.resize(1100, 720)

    def _saved(self, key: str) -> None:
        # A tab whose value lists come from the saved one (EditorSpec.reload_when, e.g. the
        # routing rules list the teams) reads them again; the others are unaffected.
        for editor in self.editors.values():
            if key in editor.spec.reload_when:
                editor.reload()

    def show_tab(self, key: str) -> RecordEditor:
        editor = self.editors[key]
        self.tabs.setCurrentWidget(editor)
        return editor
