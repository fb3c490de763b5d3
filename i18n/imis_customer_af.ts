<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
<context>
    <name>DatabaseConnection</name>
    <message>
        <location filename="../imis_customer_plugin/gui/database_connection.py" line="62" />
        <source>Checking the IMIS-customer database</source>
        <translation>Kontroleer die IMIS-kliënt-databasis</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/database_connection.py" line="85" />
        <source>Upgrade database</source>
        <translation>Gradeer databasis op</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/database_connection.py" line="98" />
        <source>Upgrade the schema of {target} from version {current} to {head}? Every user of this database will need this plugin version.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DatabaseSettingsDialog</name>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/database_settings_dialog.py" line="57" />
        <source>You have no saved PostgreSQL connection in the QGIS Browser.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/database_settings_dialog.ui" line="9" />
        <source>IMIS Customer — Database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/database_settings_dialog.ui" line="15" />
        <source>Choose the shared IMIS-customer database. You connect as your own PostgreSQL user; passwords stay in the QGIS authentication manager.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/database_settings_dialog.ui" line="24" />
        <source>PostgreSQL service (pg_service.conf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/database_settings_dialog.ui" line="30" />
        <source>imis</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/database_settings_dialog.ui" line="35" />
        <source>Saved QGIS PostgreSQL connection</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/database_settings_dialog.ui" line="47" />
        <source>Test connection</source>
        <translation>Toets verbinding</translation>
    </message>
</context>
<context>
    <name>DatabaseStatus</name>
    <message>
        <location filename="../imis_customer_plugin/services/database.py" line="36" />
        <source>Connected to {target}, schema version {current}.</source>
        <translation>Gekoppel aan {target}, skemaweergawe {current}.</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/services/database.py" line="84" />
        <source>Could not use the database {target}: {detail}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ImisCustomerPlugin</name>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="42" />
        <source>IMIS Customer panel</source>
        <translation>IMIS Kliënt-paneel</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="45" />
        <source>Connect to database</source>
        <translation>Koppel aan databasis</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="48" />
        <source>Database settings…</source>
        <translation>Databasisinstellings…</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="79" />
        <source>Connecting…</source>
        <translation>Koppel tans…</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="89" />
        <source>Connected: {target}</source>
        <translation>Gekoppel: {target}</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="89" />
        <source>Not connected: {target}</source>
        <translation>Nie gekoppel nie: {target}</translation>
    </message>
</context>
<context>
    <name>MainDockContents</name>
    <message>
        <location filename="../imis_customer_plugin/gui/docks/main_dock.py" line="33" />
        <source>Connect to the IMIS-customer database to work on the register.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/docks/main_dock.ui" line="10" />
        <source>Not connected.</source>
        <translation>Nie gekoppel nie.</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/docks/main_dock.ui" line="16" />
        <source>Connect</source>
        <translation>Koppel</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/docks/main_dock.ui" line="22" />
        <source>Database…</source>
        <translation>Databasis…</translation>
    </message>
</context>
<context>
    <name>Workflow</name>
    <message>
        <location filename="../imis_customer_plugin/core/workflow.py" line="122" />
        <source>a reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../imis_customer_plugin/core/workflow.py" line="123" />
        <source>a date to defer until</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../imis_customer_plugin/core/workflow.py" line="124" />
        <source>the department to re-forward to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../imis_customer_plugin/core/workflow.py" line="125" />
        <source>the resolution given to the customer</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>