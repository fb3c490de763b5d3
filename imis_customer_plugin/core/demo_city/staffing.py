"""Who does what: the people (and services) that appear as actors in the history."""

from __future__ import annotations

import numpy as np

from .reference import (
    DEPARTMENT_ID,
    DEPARTMENTS,
    INTAKE_ROLE,
    WORKER_ROLE,
    Staff,
    escalation_ladder,
)


class StaffPools:
    """Actor index k is staff id k + 1; the intake and the SLA worker come last."""

    def __init__(self, staff: list[Staff]) -> None:
        self.actors = np.array(
            [s.role_name for s in staff] + [INTAKE_ROLE, WORKER_ROLE], dtype=object
        )
        self.intake, self.sweeper = len(staff), len(staff) + 1
        codes = [d.code for d in DEPARTMENTS]

        def pool(department: str, *titles: str) -> np.ndarray:
            return np.array(
                [
                    k
                    for k, s in enumerate(staff)
                    if s.department == department and s.job_title in titles and s.is_active
                ]
            )

        self.workers = [pool(c, "Artisan", "Officer", "Call-centre agent") for c in codes]
        self.supervisors = [pool(c, "Supervisor") for c in codes]
        self.agents = pool("CUSTCARE", "Call-centre agent")
        self.counter = pool("CUSTCARE", "Walk-in centre officer")
        self.ladder = np.zeros((len(DEPARTMENTS) + 1, 4), dtype=np.int64)  # staff id or 0
        for code, level, _, staff_id in escalation_ladder(staff):
            self.ladder[DEPARTMENT_ID[code], level] = staff_id

    def pick(
        self, generator: np.random.Generator, pools: list[np.ndarray], department: np.ndarray
    ) -> np.ndarray:
        """An actor from each row's department pool (department ids are 1-based)."""
        chosen = np.full(len(department), -1)
        for number in np.unique(department):
            rows = np.flatnonzero(department == number)
            members = pools[number - 1]
            if len(members) == 0:  # a directorate: its only person
                members = (
                    self.supervisors[number - 1]
                    if len(self.supervisors[number - 1])
                    else self.agents
                )
            chosen[rows] = generator.choice(members, len(rows))
        return chosen

    def logger(
        self, generator: np.random.Generator, channel: np.ndarray, department: np.ndarray
    ) -> np.ndarray:
        """Who captured the item: the intake service, an agent, a counter officer, staff."""
        count = len(channel)
        actor = generator.choice(self.agents, count)
        walk_in = channel == "walk_in"
        actor[walk_in] = generator.choice(self.counter, int(walk_in.sum()))
        online = (channel == "email") | (channel == "web")
        actor[online] = self.intake
        internal = channel == "internal"
        actor[internal] = self.pick(generator, self.workers, department[internal])
        return actor
