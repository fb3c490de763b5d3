"""Loads the plugin's translations. Strings are marked with self.tr() (context = class name)
or QT_TRANSLATE_NOOP(context, text), the two forms pylupdate5 extracts."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"


def install_translator() -> QTranslator | None:
    """Loads i18n/imis_customer_<lang>.qm for QGIS's UI language, when we have one."""
    locale = QgsSettings().value("locale/userLocale", QLocale().name()) or "en"
    translator = QTranslator()
    for name in (f"imis_customer_{locale}", f"imis_customer_{locale[:2]}"):
        if (I18N_DIR / f"{name}.qm").exists() and translator.load(name, str(I18N_DIR)):
            QCoreApplication.installTranslator(translator)
            return translator
    return None
