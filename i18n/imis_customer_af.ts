<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/admin/record_editor.py" line="92"/>
        <source>Search by number (the first characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/admin/record_editor.py" line="139"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/admin/record_editor.py" line="391"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/admin/record_editor.py" line="193"/>
        <source>Could not read the list ({error}). Check the connection and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/admin/record_editor.py" line="251"/>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/admin/record_editor.py" line="251"/>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/admin/record_editor.py" line="372"/>
        <source>Editing: {row}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/admin/record_editor.py" line="372"/>
        <source>New: fill in the form and press Save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/admin/record_editor.py" line="383"/>
        <source>Added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/admin/record_editor.py" line="386"/>
        <source>Saved: {row}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/admin/record_editor.py" line="398"/>
        <source>{action}: {row}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/admin/record_editor.py" line="426"/>
        <source>{problem} Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/hotspots.py" line="68"/>
        <source>all categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/hotspots.py" line="69"/>
        <source>Hotspots, {what}, {size:g} m cells, {period}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/hotspots.py" line="103"/>
        <source>Hotspots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/hotspots.py" line="105"/>
        <source>The hotspot layer was written to {path} but its style was not: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/hotspots.py" line="165"/>
        <source>The hotspot cells could not be put on a layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/hotspots.py" line="190"/>
        <source>The hotspot layer could not be written to {path}: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/hotspots.py" line="197"/>
        <source>The GeoPackage {path} was written but cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/processing/algorithms.py" line="60"/>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/processing/algorithms.py" line="66"/>
        <source>Database: a pg_service name (e.g. imis) or a libpq connection string (host=... dbname=...); empty means the database chosen in the plugin&apos;s Database settings. Period: items logged from the start date up to and including the end date (South African time). Departments, categories and wards: codes separated by commas; empty means all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/processing/algorithms.py" line="84"/>
        <source>Database (pg_service name or connection string)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/processing/algorithms.py" line="89"/>
        <source>From (date)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/processing/algorithms.py" line="94"/>
        <source>To (date, included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/processing/algorithms.py" line="109"/>
        <source>Report (PDF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/processing/algorithms.py" line="109"/>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/processing/algorithms.py" line="114"/>
        <source>Tables (XLSX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/processing/algorithms.py" line="114"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/processing/algorithms.py" line="123"/>
        <source>Tables (CSV folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/processing/algorithms.py" line="174"/>
        <source>Give both dates of the period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/processing/algorithms.py" line="255"/>
        <source>Hexagon size (metres, centre to corner)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/processing/algorithms.py" line="264"/>
        <source>Analyse each category on its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/processing/algorithms.py" line="269"/>
        <source>Hot and cold spots</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <name>AdministrationDialog</name>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/admin/administration_dialog.py" line="26"/>
        <source>IMIS administration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/admin/spec.py" line="70"/>
        <source>Deactivate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/assign_dialog.py" line="63"/>
        <source>Assign {task}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/assign_dialog.py" line="64"/>
        <source>Assign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/assign_dialog.py" line="65"/>
        <source>Choose who does {task}. Beside each name: the tasks they have now, assigned but not started, and in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/assign_dialog.py" line="74"/>
        <source>Nobody else works in this department. Add staff to it, or re-route the task.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/assign_dialog.py" line="86"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/assign_dialog.py" line="86"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/assign_dialog.py" line="86"/>
        <source>Assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/assign_dialog.py" line="86"/>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/assign_dialog.py" line="97"/>
        <source>{name} (now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/assign_dialog.py" line="106"/>
        <source>The task is assigned to {name} now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/assign_dialog.ui" line="12"/>
        <source>IMIS Customer — Assign</source>
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
    <name>CostDialog</name>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="87"/>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="70"/>
        <source>Customer account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="71"/>
        <source>Third party / insurer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="72"/>
        <source>Contractor (warranty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="75"/>
        <source>Proposed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="76"/>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="77"/>
        <source>Exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="210"/>
        <source>Who pays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="88"/>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="89"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="90"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="91"/>
        <source>Allocations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="92"/>
        <source>Function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="93"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="94"/>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="95"/>
        <source>Fund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="96"/>
        <source>Costing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="97"/>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="105"/>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="608"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="156"/>
        <source>Replace the item&apos;s proposed allocations with these rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="634"/>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="163"/>
        <source>Finance approves the saved allocations (members of imis_finance only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="170"/>
        <source>Costs (Rand, excluding VAT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="179"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="191"/>
        <source>Allocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="210"/>
        <source>Payer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="210"/>
        <source>Amount (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="215"/>
        <source>The department, the account number to bill, or the party&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="218"/>
        <source>The mSCOA region comes from the ward the item lies in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="222"/>
        <source>Empty: the paying department&apos;s (else the item&apos;s department&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="241"/>
        <source>Add payer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="243"/>
        <source>Remove payer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="245"/>
        <source>Removes the selected row (click its number), else the last one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="269"/>
        <source>Could not read the costs ({error}). Check the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="283"/>
        <source>Costs of {reference}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="289"/>
        <source>From {count} completed job card(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="301"/>
        <source>Region {region}, from ward {ward}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="305"/>
        <source>The region is set from ward {ward} when you save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="307"/>
        <source>The item lies in no ward: its region cannot be derived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="316"/>
        <source>No costs yet: they come from completed job cards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="317"/>
        <source>Not allocated yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="319"/>
        <source>{status}: {party} {payer}, {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="329"/>
        <source>Exported to finance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="331"/>
        <source>Approved by {user} on {time} SAST.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="335"/>
        <source>Allocated by {user} on {time} SAST; awaiting approval by finance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="396"/>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="400"/>
        <source>ward {ward}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="403"/>
        <source>Derived from the item&apos;s ward when saved; not typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="434"/>
        <source>Account number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="438"/>
        <source>Name of the party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="490"/>
        <source>Allocated {allocated} of {total} · difference {difference}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="496"/>
        <source>row {rows}: not an amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="556"/>
        <source>{problem} Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="608"/>
        <source>Saved: {count} payer(s), {total}. Finance approves them next.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="624"/>
        <source>The rows were changed and not saved: Save them first, then approve. Finance approves what is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="634"/>
        <source>Approved: the allocations go to finance with the next export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/cost_dialog.py" line="293"/>
        <source>{count} open job card(s): counted once completed.</source>
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
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="99"/>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="100"/>
        <source>Deferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="103"/>
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
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="107"/>
        <source>Re-opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="241"/>
        <source>Located</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="95"/>
        <source>Moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="96"/>
        <source>Repeat found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="97"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="98"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="101"/>
        <source>Resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="102"/>
        <source>Re-forwarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="106"/>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="126"/>
        <source>Complaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="127"/>
        <source>Query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="128"/>
        <source>Dispute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="129"/>
        <source>Compliment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="132"/>
        <source>Telephone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="133"/>
        <source>Walk-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.ui" line="210"/>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="135"/>
        <source>Web</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="136"/>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="137"/>
        <source>Social media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="138"/>
        <source>Internal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="309"/>
        <source>Correspondence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="315"/>
        <source>South African Standard Time (Africa/Johannesburg), when it happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="474"/>
        <source>Could not read the item from the database ({error}). Check the connection, then press Reload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="517"/>
        <source>{priority} (1 is the most urgent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="593"/>
        <source>Level {level}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="593"/>
        <source>Not escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="527"/>
        <source>Internal (no customer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="529"/>
        <source>Anonymous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="536"/>
        <source>On a land parcel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="536"/>
        <source>At a map point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="538"/>
        <source>{kind}, {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="543"/>
        <source>Not located yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="584"/>
        <source>{time} (overdue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="603"/>
        <source>{time} by {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="658"/>
        <source>This customer&apos;s other correspondence ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="663"/>
        <source>Other correspondence on this parcel ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="702"/>
        <source>None.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="668"/>
        <source>No customer recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="673"/>
        <source>Not located on a parcel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="784"/>
        <source>Double-click to open {reference}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1127"/>
        <source>{action}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1130"/>
        <source>{current} → {target}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1142"/>
        <source>Not located yet: locate it on the map to route it to a department.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1144"/>
        <source>No action is possible while the item is {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1180"/>
        <source>{action} {reference}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1201"/>
        <source>Could not read the departments ({error}). Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1220"/>
        <source>{problem} Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1228"/>
        <source>The database refused the change ({error}). Nothing was changed; check the connection and your rights, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1240"/>
        <source>{reference} is now {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1258"/>
        <source>{action} is not possible now that the item is {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1265"/>
        <source>Nothing of yours was saved; check the item as it is now, then press {action} again if it still applies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1271"/>
        <source>Nothing of yours was saved; what you typed is offered again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1273"/>
        <source>{summary} Check what you typed against the item as it is now, then press {action} to save it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1287"/>
        <source> at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1288"/>
        <source>{reference} was changed by {user}{when} after you opened it ({changes}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1290"/>
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
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="141"/>
        <source>On time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="142"/>
        <source>At risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="143"/>
        <source>Breached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="144"/>
        <source>Paused (waiting on others)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="145"/>
        <source>Met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="146"/>
        <source>Missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="149"/>
        <source>Acknowledgement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="150"/>
        <source>Status change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="152"/>
        <source>Assignment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="153"/>
        <source>SLA at risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="158"/>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="341"/>
        <source>Service level (times in SAST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="366"/>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="366"/>
        <source>SLA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="366"/>
        <source>Responded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="431"/>
        <source>Messages (times in SAST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="439"/>
        <source>Send again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="441"/>
        <source>Queue the selected failed message (in red) again, to the customer&apos;s current address: correct the address first if it was wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="566"/>
        <source>Chosen when the item is located</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="568"/>
        <source>No policy applies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="587"/>
        <source>Yes, {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="587"/>
        <source>Not yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="595"/>
        <source>{level}; next escalation {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="682"/>
        <source>Messages ({count}, times in SAST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="684"/>
        <source>Messages ({count}, {failed} failed, times in SAST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="694"/>
        <source>Not written yet: the text is made when it is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="695"/>
        <source>Last error: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="713"/>
        <source>Sent {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="715"/>
        <source>Failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="717"/>
        <source>Being sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="719"/>
        <source>Trying again {time} ({error})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="723"/>
        <source>Waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="749"/>
        <source>{problem} The message was not queued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="757"/>
        <source>The database refused to queue the message again ({error}). Check the connection and your rights, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="767"/>
        <source>{kind} is queued to be sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="109"/>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="110"/>
        <source>Task re-routed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="111"/>
        <source>Task assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="112"/>
        <source>Job card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="113"/>
        <source>Asset condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="114"/>
        <source>Costs allocated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="115"/>
        <source>Costs approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="116"/>
        <source>Costs exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="119"/>
        <source>Open (no one assigned)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="120"/>
        <source>Assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="121"/>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="122"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="123"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="380"/>
        <source>Work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="393"/>
        <source>New job card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="968"/>
        <source>Open a job card for the selected task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="396"/>
        <source>Job card…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="398"/>
        <source>Lines, asset, photos and completion of the selected job card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="401"/>
        <source>Print job card…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="413"/>
        <source>Costs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="415"/>
        <source>The costs by kind, and who pays them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="817"/>
        <source>{text}
Double-click to open the job card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="830"/>
        <source>No tasks: this item needs no field work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="830"/>
        <source>No tasks yet: locating the item routes its work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="847"/>
        <source>staff member {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="851"/>
        <source>team {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="853"/>
        <source>no one yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="854"/>
        <source>Step {step} · {kind} · {department}
{status} · {assignee}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="863"/>
        <source>{number} · {status}
{artisan} · {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="863"/>
        <source>no artisan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="874"/>
        <source>Costs: {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="876"/>
        <source>(+ {count} open job card(s), not counted yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="882"/>
        <source>nothing to allocate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="882"/>
        <source>not allocated yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="888"/>
        <source>exported to finance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="890"/>
        <source>approved by finance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="892"/>
        <source>{allocated} allocated: allocate again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="896"/>
        <source>allocated to {count} payer(s), awaiting approval by finance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="962"/>
        <source>The item is closed: re-open it to open a job card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="964"/>
        <source>The task is {status}: a job card needs an open task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="972"/>
        <source>The selected job card as a one-page A4 PDF, to print for the artisan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="972"/>
        <source>Printing needs the map layers&apos; connection: connect the database first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="992"/>
        <source>{problem} No job card was opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1000"/>
        <source>The database refused the job card ({error}). Check the connection and your rights, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1012"/>
        <source>Job card {number} opened for the {kind} task.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1068"/>
        <source>Print job card {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1068"/>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1083"/>
        <source>The job card could not be printed: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1092"/>
        <source>Could not read the job card ({error}). Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/detail_panel.py" line="1099"/>
        <source>Job card {number} written to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DispatchPanel</name>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="68"/>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="68"/>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="68"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="68"/>
        <source>Assignee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="68"/>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="68"/>
        <source>Zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="68"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="68"/>
        <source>SLA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="68"/>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="80"/>
        <source>The item&apos;s priority: 1 is the most urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="81"/>
        <source>The suburb&apos;s priority: 1 is served first (3 outside every suburb)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="84"/>
        <source>When the item must be resolved, in South African Standard Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="89"/>
        <source>On time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="90"/>
        <source>At risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="91"/>
        <source>Breached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="92"/>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="93"/>
        <source>Met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="94"/>
        <source>Missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="247"/>
        <source>Dispatch board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="291"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="291"/>
        <source>Assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="291"/>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="294"/>
        <source>Tasks given to them, not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="295"/>
        <source>Tasks they are working on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="307"/>
        <source>Could not read the departments ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="376"/>
        <source>Could not read the board from the database ({error}). Check the connection, then press Reload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="399"/>
        <source>Could not read more of the board ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="414"/>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="443"/>
        <source>No open tasks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="445"/>
        <source>First {count} tasks shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="447"/>
        <source>{count} open tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="472"/>
        <source>Nobody works in this department yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="521"/>
        <source>Selected task: {task}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="521"/>
        <source>Selected task: none (click a row)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="574"/>
        <source>{task} is assigned to {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="586"/>
        <source>{task} is in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="602"/>
        <source>{task} is sent to {department}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="621"/>
        <source>{task} is split: {kinds} added after it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="640"/>
        <source>{task} is cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="681"/>
        <source>{problem} Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="692"/>
        <source>The database refused the change ({error}). Nothing was changed; check the connection and your rights, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="711"/>
        <source> at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="712"/>
        <source>{task} was changed by {user}{when} after the board showed it: nothing of yours was saved, and the board is reloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="719"/>
        <source>The task is no longer on this board.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="721"/>
        <source>Check the task as it is now, then press the button again: your choice is filled in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.py" line="727"/>
        <source>Check the task as it is now, then try again if it still applies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="17"/>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="30"/>
        <source>Read the board again from the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="31"/>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="42"/>
        <source>Open tasks in scheduling order (times in SAST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="50"/>
        <source>Most urgent first: priority, then the suburb&apos;s priority, then the due time. Double-click to open the correspondence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="71"/>
        <source>Load more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="81"/>
        <source>Selected task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="85"/>
        <source>Give the task to an artisan or a team of the department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="86"/>
        <source>Assign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="91"/>
        <source>The assignee begins the work (assigned → in progress)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="92"/>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="97"/>
        <source>Send the task to another department&apos;s board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="98"/>
        <source>Re-route…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="103"/>
        <source>Add tasks after this one (for example a repair after an inspection)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="104"/>
        <source>Split…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="109"/>
        <source>The work is not needed after all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="110"/>
        <source>Cancel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="115"/>
        <source>Add a layer of this department&apos;s open tasks to the map, coloured by priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="116"/>
        <source>Show on map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/panels/dispatch_panel.ui" line="127"/>
        <source>Load of the department&apos;s staff</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/feedback.py" line="94"/>
        <source>Not saved: {button} was refused. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/feedback.py" line="102"/>
        <source>The database refused it ({error}). Nothing was changed; check the connection and your rights, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/feedback.py" line="111"/>
        <source> at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/feedback.py" line="116"/>
        <source>{what} was changed by {user}{when} after you opened it. Nothing of yours was saved: it is shown as it is now and what you typed is kept. Check it, then press {button} again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HotspotClass</name>
    <message>
        <location filename="../imis_customer_plugin/core/hotspots.py" line="68"/>
        <source>Hot spot, 99 % confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/core/hotspots.py" line="69"/>
        <source>Hot spot, 95 % confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/core/hotspots.py" line="70"/>
        <source>Hot spot, 90 % confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/core/hotspots.py" line="71"/>
        <source>Not significant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/core/hotspots.py" line="72"/>
        <source>Cold spot, 90 % confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/core/hotspots.py" line="73"/>
        <source>Cold spot, 95 % confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/core/hotspots.py" line="74"/>
        <source>Cold spot, 99 % confidence</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImisCustomerPlugin</name>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="94"/>
        <source>IMIS Customer panel</source>
        <translation>IMIS Kliënt-paneel</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="97"/>
        <source>Connect to database</source>
        <translation>Koppel aan databasis</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="100"/>
        <source>Database settings…</source>
        <translation>Databasisinstellings…</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="150"/>
        <source>Connecting…</source>
        <translation>Koppel tans…</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="181"/>
        <source>Connected: {target}</source>
        <translation>Gekoppel: {target}</translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="103"/>
        <source>Add IMIS layers to the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="181"/>
        <source>Not ready: {target} (see the message bar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="380"/>
        <source>This item has no location yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="106"/>
        <source>Import data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="171"/>
        <source>Connect to the IMIS-customer database first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="107"/>
        <source>Dispatch board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="113"/>
        <source>Export approved costs to finance…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="292"/>
        <source>{layer}: the department&apos;s open tasks are on the map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="315"/>
        <source>Export approved costs to finance: choose finance&apos;s folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="332"/>
        <source>Costs were not exported: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="338"/>
        <source>The database refused the export ({error}). Nothing was exported; check the connection and your rights, then export again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="347"/>
        <source>An earlier export had been interrupted: its file is now published ({files}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="355"/>
        <source>Nothing to export: no approved cost allocations are waiting for finance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="360"/>
        <source>Export batch {batch} is ready for finance: {lines} cost lines of {items} items, {total} in all, in {file}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/plugin.py" line="110"/>
        <source>Administration…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImisLayerGroups</name>
    <message>
        <location filename="../imis_customer_plugin/layers/project.py" line="90"/>
        <source>IMIS Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/project.py" line="91"/>
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
    <name>JobCardDialog</name>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="331"/>
        <source>Labour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="74"/>
        <source>Material</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="75"/>
        <source>Equipment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="76"/>
        <source>Contractor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="79"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="440"/>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="95"/>
        <source>1 (very good)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="96"/>
        <source>2 (good)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="97"/>
        <source>3 (fair)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="98"/>
        <source>4 (poor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="99"/>
        <source>5 (very poor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="292"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="292"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="292"/>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="292"/>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="292"/>
        <source>Unit cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="333"/>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="109"/>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="123"/>
        <source>Artisan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="439"/>
        <source>Arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="113"/>
        <source>Signed off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="441"/>
        <source>Work performed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="444"/>
        <source>Signed off by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="442"/>
        <source>Condition before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="443"/>
        <source>Condition after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="118"/>
        <source>Asset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="119"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="120"/>
        <source>File name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="121"/>
        <source>Job card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="122"/>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="246"/>
        <source>Costs (Rand, excluding VAT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="251"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="285"/>
        <source>What it is for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="286"/>
        <source>e.g. 2 or 1.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="289"/>
        <source>Rand, e.g. 189.90</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="727"/>
        <source>Add line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="770"/>
        <source>Remove line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="308"/>
        <source>Remove the selected line from the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="324"/>
        <source>e.g. 2.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="325"/>
        <source>Rand per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="326"/>
        <source>The artisan&apos;s hourly rate; change it for another rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="750"/>
        <source>Add labour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="335"/>
        <source>Rate (R/h)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="346"/>
        <source>Photos and documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="352"/>
        <source>Add file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="354"/>
        <source>Attach photos (JPEG, PNG, HEIC…), a scan of the paper card (PDF) or documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="362"/>
        <source>Asset worked on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="839"/>
        <source>Pick on map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="779"/>
        <source>No asset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="376"/>
        <source>The work was on no asset of the register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="416"/>
        <source>Completion (times in SAST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="424"/>
        <source>What was found and what was done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="428"/>
        <source>The artisan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="429"/>
        <source>Captured from the paper card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="431"/>
        <source>Tick when you type in what the artisan wrote on the printed card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="945"/>
        <source>Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="488"/>
        <source>Could not read the job card ({error}). Check the connection and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="500"/>
        <source>Job card {number} · {reference}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="505"/>
        <source>Job card {number} · {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="509"/>
        <source>{reference} · {kind} task (step {step}) · {department} · artisan: {artisan} · due {due} SAST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="509"/>
        <source>not named</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="522"/>
        <source>for {artisan}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="522"/>
        <source>the artisan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="557"/>
        <source>Total {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="564"/>
        <source>No asset recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="590"/>
        <source>{media}, added by {user} on {time} SAST
SHA-256 {sha256}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="600"/>
        <source>None yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="619"/>
        <source> (captured from the paper card)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="620"/>
        <source>Completed {time} SAST, signed off by {name}{paper}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="663"/>
        <source>An asset&apos;s condition needs the asset: pick it on the map first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="702"/>
        <source>{problem} Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="727"/>
        <source>Line added: {description}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="750"/>
        <source>artisan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="750"/>
        <source>Labour added: {hours} h.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="770"/>
        <source>Line removed: {description}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="779"/>
        <source>The card names no asset now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="798"/>
        <source>Click the asset on the map; press Pick on map again to stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="830"/>
        <source>there is no asset near the click: zoom in and click on the asset&apos;s symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="880"/>
        <source>Asset set: {asset}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="891"/>
        <source>Attach photos or documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="891"/>
        <source>Photos and documents (*.jpg *.jpeg *.png *.gif *.tif *.tiff *.webp *.heic *.heif *.pdf *.txt *.csv *.docx *.xlsx *.odt *.ods);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="910"/>
        <source>Could not read {file} ({error}). Nothing was attached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="922"/>
        <source>Add file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="922"/>
        <source>Attached: {files}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="945"/>
        <source>Job card {number} is completed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="397"/>
        <source>Asset number, e.g. WV-000123</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="880"/>
        <source>Set by number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="408"/>
        <source>Look the asset up by its number in the register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="570"/>
        <source>Type the asset&apos;s number and press Set by number (picking on the map needs the QGIS map: open the card from the IMIS dock).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/job_card_dialog.py" line="575"/>
        <source>Pick on map, then click the asset&apos;s symbol; or type its number and press Set by number.</source>
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
    <name>OpenTasksLayer</name>
    <message>
        <location filename="../imis_customer_plugin/layers/tasks.py" line="48"/>
        <source>Priority 1 (most urgent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/tasks.py" line="49"/>
        <source>Priority {priority}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/tasks.py" line="65"/>
        <source>Other priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/tasks.py" line="79"/>
        <source>Open tasks: {department}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReferenceLayers</name>
    <message>
        <location filename="../imis_customer_plugin/layers/reference.py" line="54"/>
        <source>Parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/reference.py" line="61"/>
        <source>Suburbs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/reference.py" line="67"/>
        <source>Wards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/reference.py" line="72"/>
        <source>Municipal boundary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/reference.py" line="38"/>
        <source>Assets (points)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/layers/reference.py" line="38"/>
        <source>Assets (lines)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../imis_customer_plugin/core/reports.py" line="21"/>
        <source>Progress report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/core/reports.py" line="22"/>
        <source>Performance report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/core/reports.py" line="23"/>
        <source>Trend report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="151"/>
        <source>Hotspot analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="40"/>
        <source>Last month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="40"/>
        <source>This month so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="40"/>
        <source>Last three months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="40"/>
        <source>Last twelve months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="40"/>
        <source>Dates below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="85"/>
        <source>Only these (none ticked: all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="90"/>
        <source>Departments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="90"/>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="90"/>
        <source>Wards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="109"/>
        <source>Make report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="118"/>
        <source>Items logged in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="125"/>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="135"/>
        <source>to (included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="136"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="160"/>
        <source>Hexagon size (centre to corner)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="161"/>
        <source>Analyse each category on its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="167"/>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="170"/>
        <source>PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="171"/>
        <source>Excel (XLSX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="172"/>
        <source>CSV files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="181"/>
        <source>Formats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="186"/>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="227"/>
        <source>Tick at least one format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/report_dialog.py" line="230"/>
        <source>Choose a folder that exists for the report&apos;s files.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsMenu</name>
    <message>
        <location filename="../imis_customer_plugin/gui/reports_menu.py" line="46"/>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/reports_menu.py" line="60"/>
        <source>Connect to the IMIS-customer database first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/reports_menu.py" line="73"/>
        <source>The database did not answer ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/reports_menu.py" line="94"/>
        <source>{title} is being made; see the task bar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/reports_menu.py" line="114"/>
        <source>{title} is ready: {files}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/reports_menu.py" line="122"/>
        <source>The hotspot layer {source} could not be opened.</source>
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
    <name>TaskDialog</name>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="31"/>
        <source>Inspection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="32"/>
        <source>Repair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="33"/>
        <source>Replacement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="34"/>
        <source>Cleaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="35"/>
        <source>Investigation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="38"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="39"/>
        <source>Assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="40"/>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="41"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="42"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="100"/>
        <source>Keep the task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="133"/>
        <source>Re-route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="134"/>
        <source>Split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="135"/>
        <source>Cancel task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="140"/>
        <source>Send {task} to another department&apos;s board; it arrives there unassigned. Say why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="144"/>
        <source>Add tasks right after {task} (for example a repair after an inspection); later steps move down. Tick the kinds in the order the work is done, and say why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="149"/>
        <source>Cancel {task}: the work is not needed after all. It leaves the board and the assignee&apos;s load. Say why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="189"/>
        <source>Adds, in this order: {kinds}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.py" line="189"/>
        <source>Tick at least one kind of task to add.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.ui" line="12"/>
        <source>IMIS Customer — Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.ui" line="32"/>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.ui" line="38"/>
        <source>Choose a department…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.ui" line="43"/>
        <source>Add tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/gui/dialogs/task_dialog.ui" line="59"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Workflow</name>
    <message>
        <location filename="../imis_customer_plugin/core/workflow.py" line="125"/>
        <source>a reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/core/workflow.py" line="126"/>
        <source>a date to defer until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/core/workflow.py" line="127"/>
        <source>the department to re-forward to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imis_customer_plugin/core/workflow.py" line="128"/>
        <source>the resolution given to the customer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
