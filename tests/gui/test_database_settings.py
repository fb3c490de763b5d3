"""The database settings dialog and the messages the plugin gives on connecting."""

from __future__ import annotations

import time

import pytest
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsProviderRegistry, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QMessageBox, QPushButton

import imis_customer_plugin
from imis_customer_plugin.db import migrate
from imis_customer_plugin.db.connection import create_db_engine
from imis_customer_plugin.definitions import ConnectionKind
from imis_customer_plugin.gui.dialogs.database_settings_dialog import DatabaseSettingsDialog
from imis_customer_plugin.toolbelt.plugin_settings import (
    DatabaseChoice,
    load_database_choice,
    save_database_choice,
)

MASTER_PASSWORD = "test-master-password"


def _save_qgis_connection(name: str, uri: str) -> None:
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    metadata.saveConnection(metadata.createConnection(uri, {}), name)


def _store_basic_auth(user: str, password: str) -> str:
    manager = QgsApplication.authManager()
    assert manager.setMasterPassword(MASTER_PASSWORD, True)
    config = QgsAuthMethodConfig("Basic")
    config.setName(f"IMIS {user}")
    config.setConfig("username", user)
    config.setConfig("password", password)
    assert manager.storeAuthenticationConfig(config)
    return config.id()


@pytest.fixture()
def desk_login(cluster, migrated_database):
    """A password login of a desk user, with read access to the schema."""
    login = cluster.create_login("desk-secret")
    engine = create_db_engine(migrated_database)
    with engine.begin() as connection:
        connection.exec_driver_sql(f'GRANT imis_reader TO "{login["user"]}"')
    engine.dispose()
    return {**login, "dbname": migrated_database.params["dbname"]}


def _uri(login: dict[str, str], authcfg: str) -> str:
    return (
        f"host={login['host']} port={login['port']} dbname='{login['dbname']}' "
        f"authcfg={authcfg} sslmode=disable"
    )


def test_round_trip_of_a_service_choice(qgis_app, clean_settings) -> None:
    dialog = DatabaseSettingsDialog(load_database_choice())
    assert dialog.radio_service.isChecked()
    assert dialog.line_service.text() == "imis"
    dialog.line_service.setText("imis_shared")
    save_database_choice(dialog.choice())
    reopened = DatabaseSettingsDialog(load_database_choice())
    assert reopened.line_service.text() == "imis_shared"
    assert not reopened.radio_qgis_connection.isEnabled()  # no saved connection yet


def test_saved_qgis_connection_uses_the_auth_manager(qgis_app, clean_settings, desk_login):
    authcfg = _store_basic_auth(desk_login["user"], "desk-secret")
    _save_qgis_connection("City desk", _uri(desk_login, authcfg))
    dialog = DatabaseSettingsDialog(load_database_choice())
    assert dialog.combo_qgis_connection.findText("City desk") >= 0
    dialog.radio_qgis_connection.setChecked(True)
    dialog.combo_qgis_connection.setCurrentText("City desk")
    dialog.button_test.click()
    assert dialog.label_status.text().startswith("Connected to QGIS connection 'City desk'")

    save_database_choice(dialog.choice())
    assert load_database_choice() == DatabaseChoice(ConnectionKind.QGIS_CONNECTION, "City desk")
    reopened = DatabaseSettingsDialog(load_database_choice())
    assert reopened.radio_qgis_connection.isChecked()
    assert reopened.combo_qgis_connection.currentText() == "City desk"
    stored = QgsSettings()
    assert not any("desk-secret" in str(stored.value(key)) for key in stored.allKeys()), (
        "a password ended up in the QGIS settings"
    )


def test_wrong_password_is_named_as_such(qgis_app, clean_settings, desk_login) -> None:
    authcfg = _store_basic_auth(desk_login["user"], "not-the-password")
    _save_qgis_connection("Wrong", _uri(desk_login, authcfg))
    dialog = DatabaseSettingsDialog(DatabaseChoice(ConnectionKind.QGIS_CONNECTION, "Wrong"))
    dialog.button_test.click()
    assert "refused the user name or password" in dialog.label_status.text()
    assert "not-the-password" not in dialog.label_status.text()


def test_missing_database_is_named_as_such(qgis_app, clean_settings) -> None:
    dialog = DatabaseSettingsDialog(DatabaseChoice())
    _save_qgis_connection("Gone", "service='imis' dbname='imis_does_not_exist'")
    dialog = DatabaseSettingsDialog(DatabaseChoice(ConnectionKind.QGIS_CONNECTION, "Gone"))
    dialog.button_test.click()
    assert "does not exist" in dialog.label_status.text()


def _message_texts(iface) -> list[str]:
    return [item.text() for item in iface.messageBar().items()]


def test_plugin_offers_the_upgrade_of_an_older_schema(
    iface, clean_settings, empty_database, monkeypatch
) -> None:
    engine = create_db_engine(empty_database)
    migrate.upgrade(engine, "0001")
    engine.dispose()
    _save_qgis_connection("Old", f"service='imis' dbname='{empty_database.params['dbname']}'")
    save_database_choice(DatabaseChoice(ConnectionKind.QGIS_CONNECTION, "Old"))

    plugin = imis_customer_plugin.classFactory(iface)
    plugin.initGui()
    try:
        status = plugin.connection.check_now()
        assert status.current == "0001"
        assert any("Upgrade the database" in t for t in _message_texts(iface))
        assert "Not ready" in plugin.dock.contents.label_connection.text()

        button = iface.messageBar().findChild(QPushButton, "button_upgrade_database")
        asked: list[bool] = []
        monkeypatch.setattr(
            QMessageBox, "question", lambda *args: asked.append(True) or QMessageBox.Yes
        )
        button.click()
        deadline = time.monotonic() + 60  # the upgrade runs in a QgsTask
        while not plugin.connection.status.usable and time.monotonic() < deadline:
            QCoreApplication.processEvents()
        assert asked == [True], "the upgrade was not confirmed with the user"
        assert plugin.connection.status.usable
        assert plugin.connection.status.current == migrate.head_revision()
        assert "Connected" in plugin.dock.contents.label_connection.text()
    finally:
        plugin.unload()
