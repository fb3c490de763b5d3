"""The Demo City as tables: what to load, in which order, in chunks of rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from . import copytext, people
from .calendar import Calendar, build_calendar
from .correspondence import Register
from .history import event_columns
from .land import SRID, USES, Land, build_land
from .parties import Places, build_places
from .reference import (
    CATEGORIES,
    DEPARTMENT_ID,
    DEPARTMENTS,
    EMAIL_DOMAIN,
    Staff,
    build_staff,
    escalation_ladder,
)
from .sizes import DemoSize, demo_size
from .streams import Stream, rng

MUNICIPALITY = "Demo City"
PARCEL_CHUNK = 25_000
PEOPLE_CHUNK = 50_000


@dataclass(frozen=True)
class Table:
    """One table of schema imis: its COPY columns and a maker of its chunks of rows."""

    name: str
    columns: tuple[str, ...]
    chunks: Callable[[], Iterator[dict[str, object]]]
    identity: bool = True  # an "id" identity column whose sequence must be moved on

    def copy_lines(self) -> Iterator[str]:
        return copytext.copy_lines(self.columns, self.chunks())


class DemoCity:
    """A deterministic Demo City: the same size, seed and as_of give the same rows."""

    def __init__(
        self, size: str | DemoSize = "small", seed: int = 2026, as_of: dt.datetime | None = None
    ) -> None:
        self.size = demo_size(size)
        self.seed = seed
        moment = as_of or dt.datetime.now(dt.timezone.utc)
        if moment.tzinfo is None:
            raise ValueError("as_of must be timezone-aware.")
        self.as_of = moment.astimezone(dt.timezone.utc).replace(microsecond=0)

    @property
    def today(self) -> dt.date:
        return self.as_of.date()

    @cached_property
    def land(self) -> Land:
        return build_land(self.seed, self.size.parcels, self.size.wards, self.size.suburbs)

    @cached_property
    def staff(self) -> list[Staff]:
        return build_staff(rng(self.seed, Stream.STAFF), self.size.staff_per_department)

    @cached_property
    def accounts(self) -> people.Accounts:
        size = self.size
        return people.build_accounts(
            self.seed, self.land, size.customers, size.accounts, self.today
        )

    @cached_property
    def customers(self) -> people.Customers:
        return people.build_customers(
            self.seed, self.land, self.accounts, self.size.customers, self.today
        )

    @cached_property
    def calendar(self) -> Calendar:
        return build_calendar(self.seed, self.as_of, self.size.correspondences)

    @cached_property
    def places(self) -> Places:
        return build_places(rng(self.seed, Stream.HOTSPOTS), self.land, self.accounts)

    @cached_property
    def register(self) -> Register:
        return Register(self.seed, self.calendar, self.places, self.staff)

    def tables(self) -> list[Table]:
        """Every table, parents before children: the order to load them in."""
        return [
            Table("municipal_boundary", ("id", "name", "geom"), self._boundary),
            Table("ward", ("id", "code", "name", "geom"), self._wards),
            Table("suburb", ("id", "name", "priority", "geom"), self._suburbs),
            Table("parcel", ("id", "erf_number", "sg_code", "land_use", "ward_id", "suburb_id",
                             "geom"), self._parcels),
            Table("parcel_address", ("id", "parcel_id", "street_number", "street_name",
                                     "suburb_name"), self._addresses),
            Table("department", ("id", "code", "name", "email", "parent_id"), self._departments),
            Table("staff", ("id", "role_name", "full_name", "email", "phone", "department_id",
                            "job_title", "is_active"), self._staff),
            Table("escalation_level", ("department_id", "level", "title", "staff_id"),
                  self._ladder, identity=False),
            Table("category", ("id", "code", "name", "default_classification", "department_id",
                               "default_priority", "is_active"), self._categories),
            Table("customer", ("id", "full_name", "id_number", "phone", "email",
                               "preferred_channel", "consent_to_contact", "created_at",
                               "row_version"), self._customers),
            Table("account", ("id", "account_number", "customer_id", "parcel_id", "status",
                              "opened_on", "row_version", "updated_at", "updated_by"),
                  self._accounts),
            Table("correspondence", CORRESPONDENCE_COLUMNS, self._correspondence),
            Table("correspondence_event", ("id", "correspondence_id", "event_type",
                                           "from_status", "to_status", "reason", "detail",
                                           "actor", "occurred_at"), self._events),
        ]  # fmt: skip

    def _boundary(self) -> Iterator[dict[str, object]]:
        geom = copytext.ewkb_multipolygon(self.land.boundary, SRID)
        yield {"id": np.array([1]), "name": [MUNICIPALITY], "geom": [geom]}

    def _wards(self) -> Iterator[dict[str, object]]:
        wards = self.land.wards
        yield {
            "id": np.arange(1, len(wards) + 1),
            "code": [w.code for w in wards],
            "name": [w.name for w in wards],
            "geom": [copytext.ewkb_multipolygon(w.polygons, SRID) for w in wards],
        }

    def _suburbs(self) -> Iterator[dict[str, object]]:
        suburbs = self.land.suburbs
        yield {
            "id": np.arange(1, len(suburbs) + 1),
            "name": [s.name for s in suburbs],
            "priority": np.array([s.priority for s in suburbs]),
            "geom": [copytext.ewkb_multipolygon(s.polygons, SRID) for s in suburbs],
        }

    def _parcels(self) -> Iterator[dict[str, object]]:
        land = self.land
        uses = np.array(USES, dtype=object)
        for start in range(0, len(land), PARCEL_CHUNK):
            part = np.arange(start, min(len(land), start + PARCEL_CHUNK))
            offsets = land.ring_offsets[start : part[-1] + 2]
            yield {
                "id": part + 1,
                "erf_number": land.erf[part].astype(str).tolist(),
                "sg_code": land.sg_codes(part),
                "land_use": uses[land.use[part]],
                "ward_id": land.ward[part],
                "suburb_id": land.suburb[part],
                "geom": copytext.ewkb_parcels(land.ring_xy, offsets, SRID),
            }

    def _addresses(self) -> Iterator[dict[str, object]]:
        land = self.land
        names = np.array(land.street_names, dtype=object)
        suburbs = np.array([s.name for s in land.suburbs], dtype=object)
        next_id = 1
        for start in range(0, len(land), PARCEL_CHUNK):
            part = np.arange(start, min(len(land), start + PARCEL_CHUNK))
            corner = part[land.street2[part] >= 0]
            parcel = np.concatenate([part, corner])
            order = np.argsort(parcel, kind="stable")  # a parcel's addresses side by side
            parcel = parcel[order]
            street = np.concatenate([land.street1[part], land.street2[corner]])[order]
            number = np.array(
                [land.number1[k] for k in part] + [land.number2[k] for k in corner], dtype=object
            )[order]
            yield {
                "id": np.arange(next_id, next_id + len(parcel)),
                "parcel_id": parcel + 1,
                "street_number": number,
                "street_name": names[street],
                "suburb_name": suburbs[land.suburb[parcel] - 1],
            }
            next_id += len(parcel)

    def _departments(self) -> Iterator[dict[str, object]]:
        yield {
            "id": np.arange(1, len(DEPARTMENTS) + 1),
            "code": [d.code for d in DEPARTMENTS],
            "name": [d.name for d in DEPARTMENTS],
            "email": [f"{d.code.lower()}@{EMAIL_DOMAIN}" for d in DEPARTMENTS],
            "parent_id": np.array(
                [DEPARTMENT_ID[d.parent] if d.parent else -1 for d in DEPARTMENTS]
            ),
        }

    def _staff(self) -> Iterator[dict[str, object]]:
        staff = self.staff
        yield {
            "id": np.arange(1, len(staff) + 1),
            "role_name": [s.role_name for s in staff],
            "full_name": [s.full_name for s in staff],
            "email": [s.email for s in staff],
            "phone": [s.phone for s in staff],
            "department_id": np.array([DEPARTMENT_ID[s.department] for s in staff]),
            "job_title": [s.job_title for s in staff],
            "is_active": np.array([s.is_active for s in staff]),
        }

    def _ladder(self) -> Iterator[dict[str, object]]:
        ladder = escalation_ladder(self.staff)
        yield {
            "department_id": np.array([DEPARTMENT_ID[code] for code, *_ in ladder]),
            "level": np.array([level for _, level, _, _ in ladder]),
            "title": [title for _, _, title, _ in ladder],
            "staff_id": np.array([staff_id for *_, staff_id in ladder]),
        }

    def _categories(self) -> Iterator[dict[str, object]]:
        yield {
            "id": np.arange(1, len(CATEGORIES) + 1),
            "code": [c.code for c in CATEGORIES],
            "name": [c.name for c in CATEGORIES],
            "default_classification": [c.classification.value for c in CATEGORIES],
            "department_id": np.array([DEPARTMENT_ID[c.department] for c in CATEGORIES]),
            "default_priority": np.array([c.priority for c in CATEGORIES]),
            "is_active": np.ones(len(CATEGORIES), dtype=bool),
        }

    def _customers(self) -> Iterator[dict[str, object]]:
        count = self.size.customers
        for start in range(0, count, PEOPLE_CHUNK):
            stop = min(count, start + PEOPLE_CHUNK)
            yield people.customer_columns(self.seed, self.customers, start, stop)

    def _accounts(self) -> Iterator[dict[str, object]]:
        count = self.size.accounts
        for start in range(0, count, 2 * PEOPLE_CHUNK):
            yield people.account_columns(self.accounts, start, min(count, start + 2 * PEOPLE_CHUNK))

    def _correspondence(self) -> Iterator[dict[str, object]]:
        for columns in self.register.chunks():
            columns["_xy"] = columns["geom"]
            columns["geom"] = copytext.ewkb_points(columns["geom"], SRID)
            yield columns

    def _events(self) -> Iterator[dict[str, object]]:
        if not self.register.complete:  # the history is made along with the register
            for _ in self.register.chunks():
                pass
        next_id = 1
        for history in self.register.histories:
            yield event_columns(history, next_id, self.register.staff.actors)
            next_id += len(history)


CORRESPONDENCE_COLUMNS = (
    "id", "reference", "classification", "is_internal", "category_id", "channel",
    "customer_id", "account_id", "description", "priority", "status", "department_id",
    "assigned_staff_id", "escalation_level", "location_kind", "parcel_id", "geom", "ward_id",
    "suburb_id", "repeat_of_id", "deferred_until", "status_reason", "resolution", "logged_by",
    "logged_at", "located_at", "resolved_at", "closed_at", "response_due_at",
    "resolution_due_at", "row_version", "updated_at", "updated_by",
)  # fmt: skip
