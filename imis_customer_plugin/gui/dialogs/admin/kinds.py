"""The administration tabs, each described once: routing rules, teams, SLA policies, message
templates and assets. The services check everything; these only map a form to their calls.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Connection

from ....core.configuration import (
    PAUSE_STATUSES,
    PRIORITIES,
    PolicyInput,
    RuleInput,
    TeamInput,
    parse_kinds,
)
from ....core.job_cards import CONDITIONS
from ....core.messages import CHANNELS, LANGUAGES
from ....core.messages import KINDS as MESSAGE_KINDS
from ....core.sla import Clock
from ....core.workflow import CLASSIFICATIONS
from ....definitions import QT_TRANSLATE_NOOP
from ....services import (
    asset_register,
    assets,
    configuration,
    outbox,
    routing_rules,
    sla_policies,
    teams,
)
from .spec import Choices, EditorSpec, FieldSpec, Widget

_C = "AdministrationDialog"


def _listed(kind: str) -> Callable[[Connection], Choices]:
    """A value list of the services; inactive entries stay (a row may name one) but say so."""

    def choices(connection: Connection) -> Choices:
        return [
            (o.id, o.label if o.active else f"{o.label} — inactive")
            for o in configuration.options(connection, kind, active_only=False)
        ]

    return choices


def _fixed(values: tuple, labels: dict | None = None) -> Choices:
    """The values with their labels, else as words ("in_progress": "in progress")."""
    return [(v, (labels or {}).get(v, str(v).replace("_", " "))) for v in values]


_CATEGORY = FieldSpec(
    "category_id",
    QT_TRANSLATE_NOOP(_C, "Category"),
    Widget.CHOICE,
    _listed("categories"),
    problem="category",
)
_WARD = FieldSpec(
    "ward_id",
    QT_TRANSLATE_NOOP(_C, "Ward"),
    Widget.CHOICE,
    _listed("wards"),
    blank=QT_TRANSLATE_NOOP(_C, "any ward"),
    problem="ward",
)
_SUBURB = FieldSpec(
    "suburb_id",
    QT_TRANSLATE_NOOP(_C, "Suburb"),
    Widget.CHOICE,
    _listed("suburbs"),
    blank=QT_TRANSLATE_NOOP(_C, "any suburb"),
    problem="suburb",
)
_DEPARTMENT = FieldSpec(
    "department_id",
    QT_TRANSLATE_NOOP(_C, "Department"),
    Widget.CHOICE,
    _listed("departments"),
    problem="department",
)
_ACTIVE = FieldSpec("is_active", QT_TRANSLATE_NOOP(_C, "Active"), Widget.FLAG, default=True)

# ----------------------------------------------------------------------------- routing rules


def _rule_input(values: dict) -> RuleInput:
    return RuleInput(
        values["category_id"], values["department_id"], values["ward_id"], values["suburb_id"],
        values["default_staff_id"], values["default_team_id"],
        parse_kinds(str(values["task_kinds"] or "")), bool(values["is_active"]),
    )  # fmt: skip


ROUTING_RULES = EditorSpec(
    key="routing_rules",
    title=QT_TRANSLATE_NOOP(_C, "Routing rules"),
    fields=(
        _CATEGORY,
        _WARD,
        _SUBURB,
        _DEPARTMENT,
        FieldSpec(
            "default_staff_id",
            QT_TRANSLATE_NOOP(_C, "Default artisan"),
            Widget.CHOICE,
            _listed("staff"),
            blank=QT_TRANSLATE_NOOP(_C, "none"),
            problem="default_staff",
        ),
        FieldSpec(
            "default_team_id",
            QT_TRANSLATE_NOOP(_C, "Default team"),
            Widget.CHOICE,
            _listed("teams"),
            blank=QT_TRANSLATE_NOOP(_C, "none"),
            problem="default_team",
        ),
        FieldSpec(
            "task_kinds",
            QT_TRANSLATE_NOOP(_C, "Tasks, in order"),
            default="repair",
            tooltip=QT_TRANSLATE_NOOP(
                _C,
                "In order, e.g. inspection, repair. Kinds: "
                "inspection, repair, replacement, cleaning, "
                "investigation",
            ),
        ),
        _ACTIVE,
    ),
    load=lambda connection, _search: routing_rules.list_routing_rules(connection),
    values=lambda row: {**row.as_input().__dict__, "task_kinds": ", ".join(row.task_kinds)},
    create=lambda c, v: routing_rules.create_routing_rule(c, _rule_input(v)),
    update=lambda c, row, v: routing_rules.update_routing_rule(c, row.id, row, _rule_input(v)),
    retire=lambda c, row: routing_rules.deactivate_routing_rule(c, row.id, row),
    describe=lambda row: row.label,
    reload_when=("teams",),  # its default team is one of them
    note=QT_TRANSLATE_NOOP(
        _C,
        "A located item's tasks come from the most specific active rule for its category: a "
        "suburb's over a ward's over the whole municipality's. Without one, its department "
        "gets them.",
    ),
)

# ------------------------------------------------------------------------------------ teams


def _team_input(values: dict) -> TeamInput:
    return TeamInput(values["department_id"], str(values["name"]), tuple(values["member_ids"]))


TEAMS = EditorSpec(
    key="teams",
    title=QT_TRANSLATE_NOOP(_C, "Teams"),
    fields=(
        FieldSpec("name", QT_TRANSLATE_NOOP(_C, "Name")),
        _DEPARTMENT,
        FieldSpec(
            "member_ids",
            QT_TRANSLATE_NOOP(_C, "Members"),
            Widget.CHECKS,
            _listed("artisans"),
            problem="members",
            tooltip=QT_TRANSLATE_NOOP(_C, "Active artisans of the team's department"),
        ),
    ),
    load=lambda connection, _search: teams.list_teams(connection),
    values=lambda row: {
        "name": row.name,
        "department_id": row.department_id,
        "member_ids": row.member_ids,
    },
    create=lambda c, v: teams.create_team(c, _team_input(v)),
    update=lambda c, row, v: teams.update_team(c, row.id, row, _team_input(v)),
    retire=lambda c, row: teams.delete_team(c, row.id, row),
    retire_label=QT_TRANSLATE_NOOP(_C, "Delete"),
    describe=lambda row: row.label,
)

# ------------------------------------------------------------------------------ SLA policies


def _policy_input(values: dict) -> PolicyInput:
    return PolicyInput(
        **{
            **values,
            "name": str(values["name"]),
            "pause_statuses": tuple(values["pause_statuses"]),
            "reopen_restarts": bool(values["reopen_restarts"]),
            "is_active": bool(values["is_active"]),
            "at_risk_percent": values["at_risk_percent"] if values["at_risk_percent"] else 0,
            "escalate_every_minutes": values["escalate_every_minutes"] or 0,
        }
    )


def _minutes(name: str, label: str, default: object = None) -> FieldSpec:
    return FieldSpec(name, label, Widget.INTEGER, default=default)


SLA_POLICIES = EditorSpec(
    key="sla_policies",
    title=QT_TRANSLATE_NOOP(_C, "SLA policies"),
    fields=(
        FieldSpec("name", QT_TRANSLATE_NOOP(_C, "Name")),
        FieldSpec(
            "classification",
            QT_TRANSLATE_NOOP(_C, "Classification"),
            Widget.CHOICE,
            _fixed(CLASSIFICATIONS),
            blank=QT_TRANSLATE_NOOP(_C, "any"),
        ),
        FieldSpec(
            "category_id",
            QT_TRANSLATE_NOOP(_C, "Category"),
            Widget.CHOICE,
            _listed("categories"),
            blank=QT_TRANSLATE_NOOP(_C, "any category"),
            problem="category",
        ),
        FieldSpec(
            "priority",
            QT_TRANSLATE_NOOP(_C, "Priority"),
            Widget.CHOICE,
            _fixed(PRIORITIES),
            blank=QT_TRANSLATE_NOOP(_C, "any"),
        ),
        _WARD,
        _SUBURB,
        _minutes("response_minutes", QT_TRANSLATE_NOOP(_C, "Respond within (minutes)")),
        _minutes("resolution_minutes", QT_TRANSLATE_NOOP(_C, "Resolve within (minutes)")),
        FieldSpec(
            "clock",
            QT_TRANSLATE_NOOP(_C, "Clock"),
            Widget.CHOICE,
            _fixed(
                tuple(c.value for c in Clock),
                {Clock.BUSINESS.value: "business hours", Clock.CALENDAR.value: "calendar (24/7)"},
            ),
            default=Clock.BUSINESS.value,
        ),
        FieldSpec(
            "calendar_id",
            QT_TRANSLATE_NOOP(_C, "Business calendar"),
            Widget.CHOICE,
            _listed("calendars"),
            blank=QT_TRANSLATE_NOOP(_C, "none"),
            in_table=False,
            problem="calendar",
        ),
        _minutes("at_risk_percent", QT_TRANSLATE_NOOP(_C, "At risk at (% of the target)"), 75),
        FieldSpec(
            "pause_statuses",
            QT_TRANSLATE_NOOP(_C, "Clock paused while"),
            Widget.CHECKS,
            _fixed(PAUSE_STATUSES),
            in_table=False,
            default=("deferred",),
        ),
        FieldSpec(
            "reopen_restarts",
            QT_TRANSLATE_NOOP(_C, "Re-opening restarts the clock"),
            Widget.FLAG,
            in_table=False,
            default=True,
        ),
        _minutes(
            "escalate_every_minutes",
            QT_TRANSLATE_NOOP(_C, "After a breach, escalate every (minutes)"),
            480,
        ),
        _minutes("repeat_count", QT_TRANSLATE_NOOP(_C, "Repeats that escalate (count)")),
        _minutes("repeat_window_days", QT_TRANSLATE_NOOP(_C, "… within (days)")),
        _ACTIVE,
    ),
    load=lambda connection, _search: sla_policies.list_policies(connection),
    values=lambda row: row.as_input().__dict__,
    create=lambda c, v: sla_policies.create_policy(c, _policy_input(v)),
    update=lambda c, row, v: sla_policies.update_policy(c, row.id, row, _policy_input(v)),
    retire=lambda c, row: sla_policies.deactivate_policy(c, row.id, row),
    describe=lambda row: row.label,
    note=QT_TRANSLATE_NOOP(
        _C,
        "The most specific active policy applies. After a change the worker recomputes the "
        "due times of every open item.",
    ),
)

# ----------------------------------------------------------------------- message templates

_TEMPLATE_USE = ("kind", "classification", "language", "channel")


def _save_template(connection: Connection, values: dict, use: dict) -> object:
    template_id = outbox.save_template(
        connection, use["kind"], use["classification"], use["language"], use["channel"],
        str(values["subject"]), str(values["body"]),
    )  # fmt: skip
    return next(t for t in configuration.list_templates(connection) if t.id == template_id)


MESSAGE_TEMPLATES = EditorSpec(
    key="message_templates",
    title=QT_TRANSLATE_NOOP(_C, "Message templates"),
    fields=(
        FieldSpec(
            "kind",
            QT_TRANSLATE_NOOP(_C, "Message"),
            Widget.CHOICE,
            _fixed(MESSAGE_KINDS),
            new_only=True,
        ),
        FieldSpec(
            "classification",
            QT_TRANSLATE_NOOP(_C, "Classification"),
            Widget.CHOICE,
            _fixed(CLASSIFICATIONS),
            blank=QT_TRANSLATE_NOOP(_C, "any"),
            new_only=True,
        ),
        FieldSpec(
            "language",
            QT_TRANSLATE_NOOP(_C, "Language"),
            Widget.CHOICE,
            _fixed(LANGUAGES, {"en": "English", "af": "Afrikaans", "xh": "isiXhosa"}),
            new_only=True,
        ),
        FieldSpec(
            "channel",
            QT_TRANSLATE_NOOP(_C, "Channel"),
            Widget.CHOICE,
            _fixed(CHANNELS, {"email": "e-mail", "sms": "SMS"}),
            new_only=True,
        ),
        FieldSpec("subject", QT_TRANSLATE_NOOP(_C, "Subject")),
        FieldSpec(
            "body",
            QT_TRANSLATE_NOOP(_C, "Text"),
            Widget.MULTILINE,
            tooltip=QT_TRANSLATE_NOOP(
                _C, "$reference, $customer_name, $category, $status, $due, ... are filled in"
            ),
        ),
    ),
    load=lambda connection, _search: configuration.list_templates(connection),
    values=lambda row: row.__dict__,
    create=lambda c, v: _save_template(c, v, v),
    update=lambda c, row, v: _save_template(c, v, row.__dict__),
    describe=lambda row: " · ".join(
        str(part) for part in (row.kind, row.classification or "any", row.language, row.channel)
    ),
    note=QT_TRANSLATE_NOOP(
        _C,
        "Templates are replaced, not deleted: a message without a template could not be "
        "sent. A classification's own template wins over the general one.",
    ),
)

# ------------------------------------------------------------------------------------ assets


def _departments_by_code(connection: Connection) -> Choices:
    return [(o.group, o.label) for o in configuration.options(connection, "departments")]


def _asset_change(values: dict) -> asset_register.AssetChange:
    return asset_register.AssetChange(
        str(values["asset_type"]), str(values["asset_group"] or ""), values["department"],
        values["install_date"], values["condition"], values["failure_target"],
        values["failure_window_days"] if values["failure_window_days"] is not None else 0,
        values.get("retired_on"),
    )  # fmt: skip


def _create_asset(connection: Connection, values: dict) -> object:
    change = _asset_change(values)
    asset = assets.create_asset(
        connection,
        assets.NewAsset(
            str(values["asset_number"]), change.asset_type, str(values["geometry"] or ""),
            asset_register.municipal_srid(connection), change.asset_group,
            change.department_code, change.install_date, change.condition,
            change.failure_target, change.failure_window_days,
        ),
    )  # fmt: skip
    return asset_register.get_asset_row(connection, asset.id)


def _update_asset(connection: Connection, row: object, values: dict) -> object:
    saved = asset_register.update_asset(connection, row.id, row.row_version, _asset_change(values))
    return asset_register.get_asset_row(connection, saved.id)


ASSETS = EditorSpec(
    key="assets",
    title=QT_TRANSLATE_NOOP(_C, "Assets"),
    fields=(
        FieldSpec("asset_number", QT_TRANSLATE_NOOP(_C, "Number"), new_only=True),
        FieldSpec(
            "asset_type",
            QT_TRANSLATE_NOOP(_C, "Type"),
            tooltip=QT_TRANSLATE_NOOP(_C, "lower-case words joined by _, e.g. water_valve"),
        ),
        FieldSpec("asset_group", QT_TRANSLATE_NOOP(_C, "Group"), default=""),
        FieldSpec(
            "department",
            QT_TRANSLATE_NOOP(_C, "Department"),
            Widget.CHOICE,
            _departments_by_code,
            blank=QT_TRANSLATE_NOOP(_C, "none"),
        ),
        FieldSpec("install_date", QT_TRANSLATE_NOOP(_C, "Installed"), Widget.DATE),
        FieldSpec(
            "condition",
            QT_TRANSLATE_NOOP(_C, "Condition"),
            Widget.CHOICE,
            [(k, f"{k} ({v})") for k, v in sorted(CONDITIONS.items())],
            blank=QT_TRANSLATE_NOOP(_C, "not known"),
        ),
        FieldSpec("failure_target", QT_TRANSLATE_NOOP(_C, "Failures tolerated"), Widget.INTEGER),
        FieldSpec(
            "failure_window_days",
            QT_TRANSLATE_NOOP(_C, "… within (days)"),
            Widget.INTEGER,
            default=365,
        ),
        FieldSpec(
            "retired_on",
            QT_TRANSLATE_NOOP(_C, "Retired on"),
            Widget.DATE,
            edit_only=True,  # a new asset is in service
            tooltip=QT_TRANSLATE_NOOP(
                _C, "the day it left service; it then leaves the map and the pickers"
            ),
        ),
        FieldSpec(
            "geometry",
            QT_TRANSLATE_NOOP(_C, "Place (WKT, municipal CRS)"),
            new_only=True,
            in_table=False,
            tooltip=QT_TRANSLATE_NOOP(
                _C,
                "e.g. POINT(260045 6240060); the place of a registered asset is edited on the map",
            ),
        ),
    ),
    load=lambda connection, search: asset_register.search_assets(connection, search, limit=500),
    values=lambda row: {**row.__dict__, "geometry": ""},
    create=_create_asset,
    update=_update_asset,
    describe=lambda row: row.label(),
    searchable=True,
    note=QT_TRANSLATE_NOOP(
        _C,
        "Assets are not deleted: their history and the items about them refer to them.",
    ),
)

EDITORS = (ROUTING_RULES, TEAMS, SLA_POLICIES, MESSAGE_TEMPLATES, ASSETS)
