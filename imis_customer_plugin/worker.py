"""The headless worker: SLA sweeps and message delivery, in a loop or once (for cron).

`python -m imis_customer_plugin worker [--once] [--interval 60]`. Several workers may run at
once against one database (the sweeps and the outbox take rows with SKIP LOCKED).
"""

from __future__ import annotations

import logging
import signal
import threading
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from .services import escalation
from .services.delivery import DeliveryConfig, DeliveryReport, deliver_due

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class CycleReport:
    sweep: escalation.SweepReport
    delivery: DeliveryReport

    def __str__(self) -> str:
        return f"SLA: {self.sweep}; messages: {self.delivery}"


def run_cycle(engine: Engine, config: DeliveryConfig) -> CycleReport:
    """One sweep, then delivery of what it (and the desks) queued."""
    return CycleReport(escalation.sweep(engine.begin), deliver_due(engine, config))


def run_forever(engine: Engine, config: DeliveryConfig, interval: float) -> None:
    """Cycles every `interval` seconds until SIGTERM or SIGINT; a failed cycle is logged and
    retried at the next one (the database keeps every step that committed)."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    while not stop.is_set():
        try:
            LOGGER.info("%s", run_cycle(engine, config))
        except Exception:  # a worker outlives one bad cycle (database restart, ...)
            LOGGER.exception("Worker cycle failed; retrying in %.0f s", interval)
        stop.wait(interval)
