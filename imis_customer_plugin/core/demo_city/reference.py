"""Departments, their staff and escalation ladder, and the categories of correspondence."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..workflow import Classification
from . import names

EMAIL_DOMAIN = "democity.gov.za"
INTAKE_ROLE = "imis_intake"  # the headless e-mail / Open311 intake logs web and e-mail items
WORKER_ROLE = "imis_worker"  # the SLA sweep escalates overdue items


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    parent: str | None = None  # the directorate it reports to


DEPARTMENTS = (
    Department("INFRA", "Infrastructure Services"),
    Department("COMMUNITY", "Community Services"),
    Department("FINANCE", "Finance"),
    Department("CORPORATE", "Corporate Services"),
    Department("WATER", "Water & Sanitation", "INFRA"),
    Department("ELEC", "Electricity", "INFRA"),
    Department("ROADS", "Roads & Stormwater", "INFRA"),
    Department("WASTE", "Solid Waste", "COMMUNITY"),
    Department("PARKS", "Parks & Recreation", "COMMUNITY"),
    Department("REVENUE", "Revenue & Billing", "FINANCE"),
    Department("CUSTCARE", "Customer Care", "CORPORATE"),
)
DEPARTMENT_ID = {d.code: number for number, d in enumerate(DEPARTMENTS, start=1)}
ESCALATION_TITLES = ("Supervisor", "Manager", "Director")


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    classification: Classification
    department: str
    priority: int  # 1 = emergency
    location: str  # "property" (the customer's erf), "street" (a point in the road), "office"
    share: float  # of all correspondence in a year
    peak_month: int = 0  # 0: no seasonal swing
    swing: float = 0.0  # +/- share of the mean at the peak / trough
    storm: float = 1.0  # multiplier on storm days
    resolve_hours: float = 48.0  # median time from start to resolution
    billing_cycle: bool = False  # follows the monthly statement and the July tariff increase
    holidays: bool = False  # piles up after public holidays


_C = Classification
CATEGORIES = (
    Category("WATER_BURST_PIPE", "Burst pipe", _C.COMPLAINT, "WATER", 1, "street", 0.09,
             7, 0.45, 1.4, 10),
    Category("WATER_NO_WATER", "No water supply", _C.COMPLAINT, "WATER", 1, "property", 0.06,
             1, 0.35, 1.0, 8),
    Category("WATER_METER_LEAK", "Leaking water meter", _C.COMPLAINT, "WATER", 3, "property",
             0.06, 7, 0.2, 1.0, 72),
    Category("WATER_LOW_PRESSURE", "Low water pressure", _C.COMPLAINT, "WATER", 3, "property",
             0.03, 1, 0.4, 1.0, 96),
    Category("SEWER_BLOCKAGE", "Sewer blockage", _C.COMPLAINT, "WATER", 2, "property", 0.07,
             7, 0.3, 1.6, 24),
    Category("SEWER_OVERFLOW", "Sewer overflow", _C.COMPLAINT, "WATER", 1, "street", 0.025,
             7, 0.35, 2.5, 12),
    Category("ELEC_OUTAGE", "Power outage", _C.COMPLAINT, "ELEC", 1, "property", 0.10,
             7, 0.3, 5.0, 6),
    Category("ELEC_STREETLIGHT", "Streetlight out", _C.COMPLAINT, "ELEC", 3, "street", 0.07,
             6, 0.3, 1.3, 120),
    Category("ELEC_PREPAID", "Prepaid meter fault", _C.COMPLAINT, "ELEC", 2, "property", 0.035,
             resolve_hours=48),
    Category("ELEC_CABLE", "Exposed or stolen cable", _C.COMPLAINT, "ELEC", 1, "street", 0.015,
             6, 0.2, 1.5, 24),
    Category("ROADS_POTHOLE", "Pothole", _C.COMPLAINT, "ROADS", 3, "street", 0.05,
             8, 0.5, 1.5, 240),
    Category("ROADS_BLOCKED_DRAIN", "Blocked stormwater drain", _C.COMPLAINT, "ROADS", 2,
             "street", 0.03, 6, 0.6, 4.0, 48),
    Category("ROADS_TRAFFIC_SIGNAL", "Traffic signal fault", _C.COMPLAINT, "ROADS", 1, "street",
             0.01, storm=2.5, resolve_hours=8),
    Category("ROADS_SIGN", "Damaged road sign", _C.COMPLAINT, "ROADS", 4, "street", 0.008,
             resolve_hours=240),
    Category("WASTE_MISSED", "Missed refuse collection", _C.COMPLAINT, "WASTE", 3, "property",
             0.07, 12, 0.15, resolve_hours=48, holidays=True),
    Category("WASTE_DUMPING", "Illegal dumping", _C.COMPLAINT, "WASTE", 2, "street", 0.045,
             12, 0.25, resolve_hours=120),
    Category("WASTE_BIN", "Replacement wheelie bin", _C.QUERY, "WASTE", 4, "property", 0.02,
             resolve_hours=120),
    Category("PARKS_TREE", "Fallen or dangerous tree", _C.COMPLAINT, "PARKS", 3, "street",
             0.015, 7, 0.3, 4.0, 168),
    Category("PARKS_VERGE", "Overgrown verge or park", _C.COMPLAINT, "PARKS", 4, "street",
             0.012, 11, 0.5, resolve_hours=336),
    Category("BILL_QUERY", "Billing query", _C.QUERY, "REVENUE", 3, "property", 0.07,
             resolve_hours=72, billing_cycle=True),
    Category("BILL_METER_DISPUTE", "Meter reading dispute", _C.DISPUTE, "REVENUE", 3,
             "property", 0.03, resolve_hours=240, billing_cycle=True),
    Category("BILL_CHARGE_DISPUTE", "Disputed charge or tariff", _C.DISPUTE, "REVENUE", 3,
             "property", 0.02, resolve_hours=240, billing_cycle=True),
    Category("BILL_INDIGENT", "Indigent relief application", _C.QUERY, "REVENUE", 4,
             "property", 0.01, resolve_hours=72),
    Category("CC_GENERAL", "General enquiry", _C.QUERY, "CUSTCARE", 4, "office", 0.04,
             resolve_hours=24),
    Category("CC_STAFF_CONDUCT", "Staff conduct", _C.COMPLAINT, "CUSTCARE", 3, "office", 0.008,
             resolve_hours=120),
    Category("CC_COMPLIMENT", "Compliment", _C.COMPLIMENT, "CUSTCARE", 4, "office", 0.02),
)  # fmt: skip
CATEGORY_ID = {c.code: number for number, c in enumerate(CATEGORIES, start=1)}


@dataclass(frozen=True)
class Staff:
    role_name: str
    full_name: str
    email: str
    phone: str
    department: str
    job_title: str
    is_active: bool


def _job_titles(department: Department, per_department: int) -> list[str]:
    if department.parent is None:
        return ["Executive Director"]
    workers = max(3, per_department - 6)
    if department.code == "CUSTCARE":
        return [
            *ESCALATION_TITLES[::-1],
            "Manager",
            *["Supervisor"] * 2,
            *["Call-centre agent"] * (2 * workers),
            *["Walk-in centre officer"] * 2,
        ]
    worker = "Officer" if department.code == "REVENUE" else "Artisan"
    return [*ESCALATION_TITLES[::-1], "Manager", *["Supervisor"] * 2, *[worker] * workers]


def build_staff(rng: np.random.Generator, per_department: int) -> list[Staff]:
    """Everyone a correspondence can be assigned or escalated to, plus the call centre."""
    staff: list[Staff] = []
    taken: set[str] = set()
    for department in DEPARTMENTS:
        for title in _job_titles(department, per_department):
            female = bool(rng.random() < 0.5)
            first = str(rng.choice(names.FEMALE_FIRST_NAMES if female else names.MALE_FIRST_NAMES))
            surname = str(rng.choice(names.SURNAMES))
            base = (first[0] + surname).lower().replace(" ", "")
            role, number = base, 1
            while role in taken:
                number += 1
                role = f"{base}{number}"
            taken.add(role)
            staff.append(
                Staff(
                    role_name=role,
                    full_name=f"{first} {surname}",
                    email=f"{role}@{EMAIL_DOMAIN}",
                    phone=f"+2721{int(rng.integers(4000000, 4999999))}",
                    department=department.code,
                    job_title=title,
                    # Former staff stay in the register; leaders are all in post.
                    is_active=title not in ("Artisan", "Officer", "Call-centre agent")
                    or bool(rng.random() < 0.96),
                )
            )
    return staff


def escalation_ladder(staff: list[Staff]) -> list[tuple[str, int, str, int]]:
    """(department, level, title, staff id): supervisor, manager, director per department."""
    ladder = []
    for department in DEPARTMENTS:
        if department.parent is None:
            continue
        for level, title in enumerate(ESCALATION_TITLES, start=1):
            staff_id = next(
                number
                for number, person in enumerate(staff, start=1)
                if person.department == department.code and person.job_title == title
            )
            ladder.append((department.code, level, title, staff_id))
    return ladder
