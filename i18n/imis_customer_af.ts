<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="28"/>
        <source>Locate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="29"/>
        <source>Start work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="30"/>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="31"/>
        <source>Defer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="32"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="33"/>
        <source>Re-forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="34"/>
        <source>Escalate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="35"/>
        <source>Resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="36"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="37"/>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="38"/>
        <source>Re-open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="101"/>
        <source>Put the item on hold while it waits for the customer or a third party. Say what it is waiting for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="105"/>
        <source>Postpone the work until a later date, and say why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="106"/>
        <source>Send the item to another department; it arrives there as newly assigned. Say why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="109"/>
        <source>Raise the item to the next escalation level, and say why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="110"/>
        <source>Record what was done. The item then waits to be closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="111"/>
        <source>Close the item with the answer the customer was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="112"/>
        <source>Open the item again, and say why (for example: the fault came back).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.py" line="116"/>
        <source>Confirm: {action}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.ui" line="12"/>
        <source>IMIS Customer — Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.ui" line="32"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.ui" line="43"/>
        <source>Defer until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.ui" line="50"/>
        <source>yyyy-MM-dd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.ui" line="55"/>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.ui" line="61"/>
        <source>Choose a department…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.ui" line="66"/>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/action_dialog.ui" line="73"/>
        <source>What was done, as the customer will be told</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrespondenceLayer</name>
    <message>
        <location filename="../imis_customer_plugin/layers/correspondence.py" line="30"/>
        <source>IMIS correspondence</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrespondenceListPanel</name>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/correspondence_list.py" line="58"/>
        <source>Correspondence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/correspondence_list.py" line="81"/>
        <source>Open items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/correspondence_list.py" line="82"/>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/correspondence_list.py" line="85"/>
        <source>Any classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/correspondence_list.py" line="90"/>
        <source>Any category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/correspondence_list.py" line="91"/>
        <source>Any department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/correspondence_list.py" line="132"/>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/correspondence_list.py" line="133"/>
        <source>Searching the IMIS register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/correspondence_list.py" line="149"/>
        <source>Search failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/correspondence_list.py" line="153"/>
        <source>{0}{1} items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/correspondence_list.ui" line="8"/>
        <source>Reference, account, erf, phone, ID or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/correspondence_list.ui" line="9"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/correspondence_list.ui" line="18"/>
        <source>Overdue only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/correspondence_list.ui" line="19"/>
        <source>My items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/correspondence_list.ui" line="20"/>
        <source>Logged from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/correspondence_list.ui" line="21"/>
        <source>yyyy-MM-dd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/correspondence_list.ui" line="21"/>
        <source>Logged until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/correspondence_list.ui" line="26"/>
        <source>Log new correspondence…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/customer_dialog.ui" line="5"/>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/customer_dialog.ui" line="9"/>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/customer_dialog.ui" line="11"/>
        <source>ID / registration number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/customer_dialog.ui" line="13"/>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/customer_dialog.ui" line="15"/>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/customer_dialog.ui" line="17"/>
        <source>Agrees to be contacted about this and future correspondence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/customer_dialog.ui" line="20"/>
        <source>color: #b00020;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatabaseConnection</name>
    <message>
        <location filename="../imis_customer_plugin/gui/database_connection.py" line="70"/>
        <source>Checking the IMIS-customer database</source>
        <translation>Kontroleer die IMIS-kliënt-databasis</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/database_connection.py" line="111"/>
        <source>Upgrade database</source>
        <translation>Gradeer databasis op</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/database_connection.py" line="124"/>
        <source>Upgrade the schema of {target} from version {current} to {head}? Every user of this database will need this plugin version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/database_connection.py" line="140"/>
        <source>Upgrading the database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/database_connection.py" line="143"/>
        <source>Upgrading the IMIS-customer database</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatabaseSettingsDialog</name>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/database_settings_dialog.py" line="57"/>
        <source>You have no saved PostgreSQL connection in the QGIS Browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/database_settings_dialog.ui" line="9"/>
        <source>IMIS Customer — Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/database_settings_dialog.ui" line="15"/>
        <source>Choose the shared IMIS-customer database. You connect as your own PostgreSQL user; passwords stay in the QGIS authentication manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/database_settings_dialog.ui" line="24"/>
        <source>PostgreSQL service (pg_service.conf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/database_settings_dialog.ui" line="30"/>
        <source>imis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/database_settings_dialog.ui" line="35"/>
        <source>Saved QGIS PostgreSQL connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/database_settings_dialog.ui" line="47"/>
        <source>Test connection</source>
        <translation>Toets verbinding</translation>
    </message>
</context>
<context>
    <name>DatabaseStatus</name>
    <message>
        <location filename="../imis_customer_plugin/services/database.py" line="36"/>
        <source>Connected to {target}, schema version {current}.</source>
        <translation>Gekoppel aan {target}, skemaweergawe {current}.</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/services/database.py" line="84"/>
        <source>Could not use the database {target}: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="349"/>
        <source>Logged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="78"/>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="79"/>
        <source>Deferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="82"/>
        <source>Escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="382"/>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="393"/>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="86"/>
        <source>Re-opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="241"/>
        <source>Located</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="74"/>
        <source>Moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="75"/>
        <source>Repeat found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="76"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="77"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="80"/>
        <source>Resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="81"/>
        <source>Re-forwarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="85"/>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="89"/>
        <source>Complaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="90"/>
        <source>Query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="91"/>
        <source>Dispute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="92"/>
        <source>Compliment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="95"/>
        <source>Telephone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="96"/>
        <source>Walk-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="210"/>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="98"/>
        <source>Web</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="99"/>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="100"/>
        <source>Social media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="101"/>
        <source>Internal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="240"/>
        <source>Correspondence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="246"/>
        <source>South African Standard Time (Africa/Johannesburg), when it happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="352"/>
        <source>Could not read the item from the database ({error}). Check the connection, then press Reload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="394"/>
        <source>{priority} (1 is the most urgent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="470"/>
        <source>Level {level}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="470"/>
        <source>Not escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="404"/>
        <source>Internal (no customer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="406"/>
        <source>Anonymous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="413"/>
        <source>On a land parcel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="413"/>
        <source>At a map point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="415"/>
        <source>{kind}, {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="420"/>
        <source>Not located yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="461"/>
        <source>{time} (overdue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="480"/>
        <source>{time} by {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="535"/>
        <source>This customer&apos;s other correspondence ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="540"/>
        <source>Other correspondence on this parcel ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="579"/>
        <source>None.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="545"/>
        <source>No customer recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="550"/>
        <source>Not located on a parcel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="661"/>
        <source>Double-click to open {reference}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="694"/>
        <source>{action}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="697"/>
        <source>{current} → {target}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="709"/>
        <source>Not located yet: locate it on the map to route it to a department.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="711"/>
        <source>No action is possible while the item is {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="747"/>
        <source>{action} {reference}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="768"/>
        <source>Could not read the departments ({error}). Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="787"/>
        <source>{problem} Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="795"/>
        <source>The database refused the change ({error}). Nothing was changed; check the connection and your rights, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="807"/>
        <source>{reference} is now {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="825"/>
        <source>{action} is not possible now that the item is {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="832"/>
        <source>Nothing of yours was saved; check the item as it is now, then press {action} again if it still applies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="838"/>
        <source>Nothing of yours was saved; what you typed is offered again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="840"/>
        <source>{summary} Check what you typed against the item as it is now, then press {action} to save it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="854"/>
        <source> at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="855"/>
        <source>{reference} was changed by {user}{when} after you opened it ({changes}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="857"/>
        <source>details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="28"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="40"/>
        <source>Reload this item from the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="41"/>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="57"/>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="83"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="96"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="102"/>
        <source>Classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="113"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="124"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="135"/>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="146"/>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="157"/>
        <source>Escalation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="168"/>
        <source>Repeat of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="182"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="188"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="199"/>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="221"/>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="235"/>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="252"/>
        <source>Erf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="263"/>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="274"/>
        <source>Ward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="285"/>
        <source>Suburb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="296"/>
        <source>Point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="310"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="316"/>
        <source>Status reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="327"/>
        <source>Deferred until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="338"/>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="360"/>
        <source>Response due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="371"/>
        <source>Resolution due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="404"/>
        <source>Last updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="418"/>
        <source>Timeline (times in SAST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="429"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="430"/>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="431"/>
        <source>From → to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="432"/>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="440"/>
        <source>This customer&apos;s other correspondence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="458"/>
        <source>Double-click to open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="454"/>
        <source>Other correspondence on this parcel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="104"/>
        <source>On time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="105"/>
        <source>At risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="106"/>
        <source>Breached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="107"/>
        <source>Paused (waiting on others)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="108"/>
        <source>Met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="109"/>
        <source>Missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="118"/>
        <source>Acknowledgement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="119"/>
        <source>Status change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="121"/>
        <source>Assignment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="122"/>
        <source>SLA at risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="127"/>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="271"/>
        <source>Service level (times in SAST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="296"/>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="296"/>
        <source>SLA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="296"/>
        <source>Responded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="310"/>
        <source>Messages (times in SAST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="318"/>
        <source>Send again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="320"/>
        <source>Queue the selected failed message (in red) again, to the customer&apos;s current address: correct the address first if it was wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="443"/>
        <source>Chosen when the item is located</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="445"/>
        <source>No policy applies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="464"/>
        <source>Yes, {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="464"/>
        <source>Not yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="472"/>
        <source>{level}; next escalation {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="559"/>
        <source>Messages ({count}, times in SAST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="561"/>
        <source>Messages ({count}, {failed} failed, times in SAST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="571"/>
        <source>Not written yet: the text is made when it is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="572"/>
        <source>Last error: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="590"/>
        <source>Sent {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="592"/>
        <source>Failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="594"/>
        <source>Being sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="596"/>
        <source>Trying again {time} ({error})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="600"/>
        <source>Waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="626"/>
        <source>{problem} The message was not queued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="634"/>
        <source>The database refused to queue the message again ({error}). Check the connection and your rights, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="644"/>
        <source>{kind} is queued to be sent again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImisCustomerPlugin</name>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="65"/>
        <source>IMIS Customer panel</source>
        <translation>IMIS Kliënt-paneel</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="68"/>
        <source>Connect to database</source>
        <translation>Koppel aan databasis</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="71"/>
        <source>Database settings…</source>
        <translation>Databasisinstellings…</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="106"/>
        <source>Connecting…</source>
        <translation>Koppel tans…</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="131"/>
        <source>Connected: {target}</source>
        <translation>Gekoppel: {target}</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="74"/>
        <source>Add IMIS layers to the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="131"/>
        <source>Not ready: {target} (see the message bar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="199"/>
        <source>This item has no location yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="77"/>
        <source>Import data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="118"/>
        <source>Connect to the IMIS-customer database first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImisLayerGroups</name>
    <message>
        <location filename="../imis_customer_plugin/layers/project.py" line="85"/>
        <source>IMIS Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/project.py" line="86"/>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="82"/>
        <source>None (use the file&apos;s own CRS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="92"/>
        <source>Wards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="92"/>
        <source>Suburbs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="92"/>
        <source>Municipal boundary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="92"/>
        <source>Land parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="92"/>
        <source>Customers (CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="92"/>
        <source>Accounts (CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="126"/>
        <source>Map layers (*.gpkg *.shp *.geojson *.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="126"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="126"/>
        <source>Shapefile (*.shp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="126"/>
        <source>GeoJSON (*.geojson *.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="139"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="137"/>
        <source>Choose the map layer to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="139"/>
        <source>CSV files (*.csv *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="142"/>
        <source>Choose the CSV file to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="161"/>
        <source>Importing {0} from {1}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="162"/>
        <source>Importing {0} into IMIS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="174"/>
        <source>Choose the file to import first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="176"/>
        <source>There is no file {0}; choose the file again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="178"/>
        <source>The CRS chosen for a file without one has no EPSG code; choose an EPSG CRS or none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="202"/>
        <source>Cancelling the import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="238"/>
        <source>Import cancelled; nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="242"/>
        <source>The import failed and nothing was imported: {0}
Check the connection to the database, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="255"/>
        <source>Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.py" line="260"/>
        <source>Nothing was imported. Fix these problems in the file and import again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.ui" line="9"/>
        <source>IMIS Customer — Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.ui" line="15"/>
        <source>Import map layers or customer lists into the register. A file with any problem is refused as a whole: nothing is written until every row is right, so you can fix the file and import it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.ui" line="24"/>
        <source>What to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.ui" line="33"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.ui" line="43"/>
        <source>Map layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.ui" line="47"/>
        <source>Layer in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.ui" line="53"/>
        <source>The file&apos;s only (or first) layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.ui" line="58"/>
        <source>CRS when the file names none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.ui" line="63"/>
        <source>Used only for a file without a coordinate reference system (e.g. a Shapefile without its .prj). A CRS the file names always wins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.ui" line="68"/>
        <source>Repair invalid geometries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.ui" line="69"/>
        <source>Self-intersecting or otherwise invalid shapes are made valid (and counted in the result) instead of refusing the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.ui" line="79"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.ui" line="91"/>
        <source>Cancel import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/import_dialog.ui" line="101"/>
        <source>The result of the import shows here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogPanel</name>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.py" line="63"/>
        <source>Log correspondence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.py" line="98"/>
        <source>Anonymous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.py" line="88"/>
        <source>As the category says</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.py" line="104"/>
        <source>No customer found; the item can be anonymous.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.py" line="145"/>
        <source>Free point at {x:.1f}, {y:.1f} ({crs})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.py" line="155"/>
        <source>No parcel there. Click on a parcel, or tick &apos;Free point&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.py" line="175"/>
        <source>Parcel: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.py" line="171"/>
        <source>Nothing matches &apos;{0}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.py" line="195"/>
        <source>Not saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.py" line="205"/>
        <source>Logged {0}. Read this reference back to the caller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.py" line="209"/>
        <source>It repeats {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.ui" line="8"/>
        <source>1. Who and what</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.ui" line="10"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.ui" line="13"/>
        <source>Phone, account, ID number or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.ui" line="44"/>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.ui" line="19"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.ui" line="21"/>
        <source>Classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.ui" line="23"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.ui" line="25"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.ui" line="26"/>
        <source>What the customer reports, in his words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.ui" line="32"/>
        <source>2. Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.ui" line="36"/>
        <source>Pick on map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.ui" line="37"/>
        <source>Free point (no parcel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.ui" line="43"/>
        <source>Erf number, street address or account number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.ui" line="48"/>
        <source>Not located yet (it can be located later).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.ui" line="52"/>
        <source>Save and give the reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.ui" line="15"/>
        <source>New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.ui" line="15"/>
        <source>Register a new customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/log_panel.py" line="199"/>
        <source>Not saved: the database refused it: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainDockContents</name>
    <message>
        <location filename="../imis_customer_plugin/gui/docks/main_dock.py" line="33"/>
        <source>Connect to the IMIS-customer database to work on the register.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/docks/main_dock.ui" line="10"/>
        <source>Not connected.</source>
        <translation>Nie gekoppel nie.</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/docks/main_dock.ui" line="16"/>
        <source>Connect</source>
        <translation>Koppel</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/docks/main_dock.ui" line="22"/>
        <source>Database…</source>
        <translation>Databasis…</translation>
    </message>
</context>
<context>
    <name>OpenItemsLayers</name>
    <message>
        <location filename="../imis_customer_plugin/layers/open_items.py" line="65"/>
        <source>{lower} or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/open_items.py" line="69"/>
        <source>{lower}–{upper}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/open_items.py" line="86"/>
        <source>Parcels with open items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/open_items.py" line="98"/>
        <source>Open items per ward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/open_items.py" line="106"/>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReferenceLayers</name>
    <message>
        <location filename="../imis_customer_plugin/layers/reference.py" line="33"/>
        <source>Parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/reference.py" line="40"/>
        <source>Suburbs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/reference.py" line="46"/>
        <source>Wards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/reference.py" line="51"/>
        <source>Municipal boundary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusStyle</name>
    <message>
        <location filename="../imis_customer_plugin/layers/status_style.py" line="37"/>
        <source>Logged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/status_style.py" line="38"/>
        <source>Assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/status_style.py" line="39"/>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/status_style.py" line="40"/>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/status_style.py" line="43"/>
        <source>Deferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/status_style.py" line="46"/>
        <source>Escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/status_style.py" line="49"/>
        <source>Re-opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/status_style.py" line="52"/>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/status_style.py" line="55"/>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/status_style.py" line="63"/>
        <source>SLA at risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/status_style.py" line="64"/>
        <source>SLA breached</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Workflow</name>
    <message>
        <location filename="../imis_customer_plugin/core/workflow.py" line="122"/>
        <source>a reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/core/workflow.py" line="123"/>
        <source>a date to defer until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/core/workflow.py" line="124"/>
        <source>the department to re-forward to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/core/workflow.py" line="125"/>
        <source>the resolution given to the customer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
