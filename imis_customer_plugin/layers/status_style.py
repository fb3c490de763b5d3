"""How each status looks on the map: one rule per core.workflow.Status, with a legend label.

Colours follow what the status asks of the desk: cool for routed work, amber for waiting,
red for escalated, green for done, grey for closed. Shapes repeat the meaning (squares wait,
triangles need attention), so the legend still reads without colour vision.
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import QgsExpression, QgsRuleBasedRenderer, QgsSymbol
from qgis.PyQt.QtCore import QCoreApplication

from ..core.workflow import Status
from ..definitions import QT_TRANSLATE_NOOP
from . import scales
from .symbols import marker, ring

STATUS_FIELD = "status"


@dataclass(frozen=True)
class StatusStyle:
    label: str  # English; translated with the context "StatusStyle"
    color: str
    shape: str = "circle"
    size: float = 2.6
    level: int = 2  # symbol level: higher levels are drawn on top

    def translated_label(self) -> str:
        return QCoreApplication.translate("StatusStyle", self.label)


# Ordered as the legend lists them: the life of an item, from logged to closed.
STATUS_STYLES: dict[Status, StatusStyle] = {
    Status.LOGGED: StatusStyle(QT_TRANSLATE_NOOP("StatusStyle", "Logged"), "#7b3294"),
    Status.ASSIGNED: StatusStyle(QT_TRANSLATE_NOOP("StatusStyle", "Assigned"), "#2166ac"),
    Status.IN_PROGRESS: StatusStyle(QT_TRANSLATE_NOOP("StatusStyle", "In progress"), "#0aa5b5"),
    Status.PENDING: StatusStyle(
        QT_TRANSLATE_NOOP("StatusStyle", "Pending"), "#f2b701", "square", 2.4
    ),
    Status.DEFERRED: StatusStyle(
        QT_TRANSLATE_NOOP("StatusStyle", "Deferred"), "#a6761d", "square", 2.4
    ),
    Status.ESCALATED: StatusStyle(
        QT_TRANSLATE_NOOP("StatusStyle", "Escalated"), "#d7191c", "triangle", 3.4, 4
    ),
    Status.REOPENED: StatusStyle(
        QT_TRANSLATE_NOOP("StatusStyle", "Re-opened"), "#e7298a", "triangle", 3.0, 3
    ),
    Status.RESOLVED: StatusStyle(
        QT_TRANSLATE_NOOP("StatusStyle", "Resolved"), "#4dac26", size=2.4, level=1
    ),
    Status.CLOSED: StatusStyle(
        QT_TRANSLATE_NOOP("StatusStyle", "Closed"), "#9e9e9e", size=1.6, level=0
    ),
}

# Rings around the late SLA states; on time gets none, since most items are and the map
# must stay readable. Keys are core.sla.SlaState values.
SLA_RINGS = {
    "at_risk": (QT_TRANSLATE_NOOP("StatusStyle", "SLA at risk"), "#ff8c00"),
    "breached": (QT_TRANSLATE_NOOP("StatusStyle", "SLA breached"), "#b2001f"),
}
# The late states in their ring's colour, so the panels and the map say it alike.
SLA_STATE_COLOURS = {
    "at_risk": SLA_RINGS["at_risk"][1],
    "breached": SLA_RINGS["breached"][1],
    "missed": SLA_RINGS["breached"][1],
}


def status_filter(status: Status) -> str:
    return QgsExpression.createFieldEqualityExpression(STATUS_FIELD, status.value)


def _with_level(symbol: QgsSymbol, level: int) -> QgsSymbol:
    for index in range(symbol.symbolLayerCount()):
        symbol.symbolLayer(index).setRenderingPass(level)
    return symbol


def status_renderer(show_closed: bool = False) -> QgsRuleBasedRenderer:
    """One rule per status. Closed items are off unless asked for, and near in only.

    Every rule has a filter and there is no ELSE rule, so QGIS asks PostgreSQL only for the
    statuses switched on (the partial index on open items serves it).
    """
    root = QgsRuleBasedRenderer.Rule(None)
    for status, style in STATUS_STYLES.items():
        symbol = _with_level(marker(style.color, style.shape, style.size), style.level)
        if status is Status.CLOSED:
            symbol.setOpacity(0.6)
        rule = QgsRuleBasedRenderer.Rule(
            symbol, 0, 0, status_filter(status), style.translated_label()
        )
        rule.setRuleKey(f"status:{status.value}")  # stable keys: the GUI may toggle them
        if status is Status.CLOSED:
            rule.setMinimumScale(scales.CLOSED)
            rule.setActive(show_closed)
        root.appendChild(rule)
    renderer = QgsRuleBasedRenderer(root)
    renderer.setUsingSymbolLevels(True)
    return renderer


def add_sla_rules(renderer: QgsRuleBasedRenderer, sla_state: str) -> None:
    """Rings around open items whose SLA is at risk or breached, listed in the legend.

    `sla_state` is an expression (or a quoted field such as '"sla_state"') that yields
    'on_time', 'at_risk' or 'breached'. Computing it in the database keeps the rules'
    filters compilable to SQL; a client-side expression (now(), due dates) works but makes
    QGIS fetch every feature in view.
    """
    for state, (label, color) in SLA_RINGS.items():
        expression = f"({sla_state}) = '{state}' AND \"{STATUS_FIELD}\" <> '{Status.CLOSED.value}'"
        rule = QgsRuleBasedRenderer.Rule(
            _with_level(ring(color, 4.6), 5),
            0,
            0,
            expression,
            QCoreApplication.translate("StatusStyle", label),
        )
        rule.setRuleKey(f"sla:{state}")
        renderer.rootRule().appendChild(rule)
