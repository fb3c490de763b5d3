"""The Demo City's field work: routing rules, teams, and the assets in its streets.

Pure data and numpy: services.demo_work turns it into rows (through the services that check
them) on a database that holds the same Demo City. Assets stand where the land says the
streets are (each parcel's street point, EPSG:32734): valves, hydrants, manholes, lights and
inlets beside the road in front of an erf, mains along the street between neighbouring erven,
traffic signals at corner erven.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

import numpy as np

from .land import Land
from .streams import Stream, rng

MAIN_MAX_M = 90.0  # neighbours' street points further apart are not on one stretch of main
JITTER_M = 3.0  # assets of several kinds in front of one erf stand apart


def work_rng(seed: int, part: int) -> np.random.Generator:
    return rng(seed, Stream.WORK, part)


@dataclass(frozen=True)
class AssetKind:
    asset_type: str
    prefix: str  # of the asset number: WV-000123
    department: str
    categories: tuple[str, ...]  # correspondence about this kind of asset
    share: float  # of the parcels (corner parcels for "corner") that get one
    where: str  # "street": the street point; "corner": a corner erf's; "main": a line
    failure_target: Optional[int]
    failure_window_days: int
    life_years: int  # an asset this old is in very poor condition
    grouped_by: str = ""  # "zone": the suburb's water zone; "street": the street's circuit


ASSET_KINDS = (
    AssetKind("water_valve", "WV", "WATER",
              ("WATER_BURST_PIPE", "WATER_NO_WATER", "WATER_LOW_PRESSURE"), 0.08, "street",
              2, 365, 40, "zone"),
    AssetKind("fire_hydrant", "FH", "WATER", ("WATER_LOW_PRESSURE",), 0.04, "street", 3, 365,
              50, "zone"),
    AssetKind("water_main", "WM", "WATER", ("WATER_BURST_PIPE", "WATER_NO_WATER"), 0.12,
              "main", 3, 365, 60, "zone"),
    AssetKind("sewer_manhole", "SM", "WATER", ("SEWER_BLOCKAGE", "SEWER_OVERFLOW"), 0.08,
              "street", 3, 365, 50),
    AssetKind("streetlight", "SL", "ELEC", ("ELEC_STREETLIGHT", "ELEC_CABLE"), 0.2, "street",
              2, 180, 25, "street"),
    AssetKind("traffic_signal", "TS", "ROADS", ("ROADS_TRAFFIC_SIGNAL",), 0.15, "corner", 2,
              90, 20),
    AssetKind("stormwater_inlet", "SW", "ROADS", ("ROADS_BLOCKED_DRAIN",), 0.05, "street", 3,
              365, 40),
)  # fmt: skip


@dataclass(frozen=True)
class TeamPlan:
    department: str
    name: str
    first_artisan: int  # members: the department's active artisans from this one on ...
    artisans: int  # ... this many (fewer when the department has fewer)


TEAMS = (
    TeamPlan("WATER", "Leak crew", 0, 2),
    TeamPlan("WATER", "Sewer crew", 1, 2),
    TeamPlan("ELEC", "Streetlight crew", 0, 2),
    TeamPlan("ROADS", "Pothole crew", 0, 3),
    TeamPlan("WASTE", "Clean-up crew", 0, 3),
    TeamPlan("PARKS", "Tree crew", 0, 2),
)


@dataclass(frozen=True)
class RulePlan:
    """A routing rule; ward and suburb are the Demo City's numbers (1-based), None: all."""

    category: str
    department: str
    kinds: tuple[str, ...]
    ward: Optional[int] = None
    suburb: Optional[int] = None
    team: Optional[str] = None  # a TEAMS name of the department
    first_artisan: bool = False  # the department's first active artisan is the default


# City-wide rules for the field categories, and a few for one ward or suburb, where a crew
# of its own takes the work or an inspection comes first.
RULES = (
    RulePlan("WATER_BURST_PIPE", "WATER", ("repair",)),
    RulePlan("WATER_BURST_PIPE", "WATER", ("inspection", "repair"), ward=1, team="Leak crew"),
    RulePlan("WATER_NO_WATER", "WATER", ("investigation", "repair")),
    RulePlan("WATER_METER_LEAK", "WATER", ("replacement",), first_artisan=True),
    RulePlan("WATER_LOW_PRESSURE", "WATER", ("inspection",)),
    RulePlan("SEWER_BLOCKAGE", "WATER", ("cleaning",), team="Sewer crew"),
    RulePlan("SEWER_OVERFLOW", "WATER", ("cleaning", "repair"), team="Sewer crew"),
    RulePlan("ELEC_OUTAGE", "ELEC", ("investigation", "repair")),
    RulePlan("ELEC_STREETLIGHT", "ELEC", ("repair",), team="Streetlight crew"),
    RulePlan("ELEC_STREETLIGHT", "ELEC", ("inspection", "replacement"), suburb=2),
    RulePlan("ELEC_PREPAID", "ELEC", ("inspection",)),
    RulePlan("ELEC_CABLE", "ELEC", ("inspection", "repair")),
    RulePlan("ROADS_POTHOLE", "ROADS", ("repair",), team="Pothole crew"),
    RulePlan("ROADS_POTHOLE", "ROADS", ("inspection", "repair"), ward=2),
    RulePlan("ROADS_BLOCKED_DRAIN", "ROADS", ("cleaning",)),
    RulePlan("ROADS_TRAFFIC_SIGNAL", "ROADS", ("repair",), first_artisan=True),
    RulePlan("ROADS_SIGN", "ROADS", ("replacement",)),
    RulePlan("WASTE_MISSED", "WASTE", ("investigation",)),
    RulePlan("WASTE_MISSED", "WASTE", ("investigation",), suburb=3, first_artisan=True),
    RulePlan("WASTE_DUMPING", "WASTE", ("cleaning",), team="Clean-up crew"),
    RulePlan("WASTE_BIN", "WASTE", ("replacement",)),
    RulePlan("PARKS_TREE", "PARKS", ("inspection", "cleaning"), team="Tree crew"),
    RulePlan("PARKS_VERGE", "PARKS", ("cleaning",), team="Tree crew"),
)

HOURLY_RATES = {"WATER": "412.50", "ELEC": "455.00", "ROADS": "385.00", "WASTE": "310.00",
                "PARKS": "325.00"}  # fmt: skip
# What a finished job card of each kind of task typically holds: (work, material, unit cost).
WORK_DONE = {
    "inspection": ("Inspected on site; findings photographed and reported", None, None),
    "repair": ("Repaired and tested; site left clean", "Repair clamp and fittings", "845.00"),
    "replacement": ("Replaced the faulty unit and tested it", "Replacement unit", "1650.00"),
    "cleaning": ("Cleared and flushed; area cleaned", "Disinfectant", "120.00"),
    "investigation": ("Investigated and reported to the customer", None, None),
}


@dataclass
class AssetColumns:
    """Assets to register, as columns; x2/y2 are NaN for points."""

    number: list[str]
    asset_type: list[str]
    group: list[str]
    department: list[str]
    install_date: list[dt.date]
    condition: np.ndarray
    failure_target: list[Optional[int]]
    failure_window_days: np.ndarray
    x1: np.ndarray
    y1: np.ndarray
    x2: np.ndarray
    y2: np.ndarray

    def __len__(self) -> int:
        return len(self.number)

    def wkt(self, k: int) -> str:
        if np.isnan(self.x2[k]):
            return f"POINT({self.x1[k]:.2f} {self.y1[k]:.2f})"
        return f"LINESTRING({self.x1[k]:.2f} {self.y1[k]:.2f}, {self.x2[k]:.2f} {self.y2[k]:.2f})"


def build_assets(seed: int, land: Land, today: dt.date) -> AssetColumns:
    """Every kind of ASSET_KINDS, placed by the land; the same seed gives the same assets."""
    parts = [_kind_assets(work_rng(seed, n), land, kind, today) for n, kind in
             enumerate(ASSET_KINDS)]  # fmt: skip
    return AssetColumns(
        number=[v for p in parts for v in p.number],
        asset_type=[v for p in parts for v in p.asset_type],
        group=[v for p in parts for v in p.group],
        department=[v for p in parts for v in p.department],
        install_date=[v for p in parts for v in p.install_date],
        condition=np.concatenate([p.condition for p in parts]),
        failure_target=[v for p in parts for v in p.failure_target],
        failure_window_days=np.concatenate([p.failure_window_days for p in parts]),
        x1=np.concatenate([p.x1 for p in parts]),
        y1=np.concatenate([p.y1 for p in parts]),
        x2=np.concatenate([p.x2 for p in parts]),
        y2=np.concatenate([p.y2 for p in parts]),
    )


def _kind_assets(
    generator: np.random.Generator, land: Land, kind: AssetKind, today: dt.date
) -> AssetColumns:
    count = len(land)
    chosen = generator.random(count) < kind.share
    start = land.street_point
    end = np.full_like(start, np.nan)
    if kind.where == "corner":
        chosen &= land.street2 >= 0
    elif kind.where == "main":
        following = np.roll(start, -1, axis=0)
        along = np.hypot(*(following - start).T)
        same_street = (land.street1 == np.roll(land.street1, -1)) & (land.street1 >= 0)
        chosen &= same_street & (along > 5) & (along < MAIN_MAX_M)
        chosen[-1] = False
        end = following
    parcels = np.flatnonzero(chosen)
    n = len(parcels)
    shift = generator.uniform(-JITTER_M, JITTER_M, (n, 2))
    if kind.where == "main":  # both ends move alike: the stretch keeps its length
        x2, y2 = (end[parcels] + shift).T
    else:
        x2 = y2 = np.full(n, np.nan)
    x1, y1 = (start[parcels] + shift).T
    age_years = generator.uniform(0.5, kind.life_years * 1.1, n)
    wear = 1 + 4 * age_years / kind.life_years + generator.normal(0, 0.6, n)
    installed = [today - dt.timedelta(days=int(a * 365.25)) for a in age_years]
    return AssetColumns(
        number=[f"{kind.prefix}-{k + 1:06d}" for k in range(n)],
        asset_type=[kind.asset_type] * n,
        group=[_group(land, kind, p) for p in parcels.tolist()],
        department=[kind.department] * n,
        install_date=installed,
        condition=np.clip(np.floor(wear), 1, 5).astype(int),
        failure_target=[kind.failure_target] * n,
        failure_window_days=np.full(n, kind.failure_window_days),
        x1=x1,
        y1=y1,
        x2=x2,
        y2=y2,
    )


def _group(land: Land, kind: AssetKind, parcel: int) -> str:
    if kind.grouped_by == "zone":
        return f"{land.suburbs[land.suburb[parcel] - 1].name} water zone"
    if kind.grouped_by == "street" and land.street1[parcel] >= 0:
        return f"{land.street_names[land.street1[parcel]]} lights"
    return ""


def category_asset_types() -> dict[str, list[str]]:
    """Which kinds of asset an item of each category may be about."""
    types: dict[str, list[str]] = {}
    for kind in ASSET_KINDS:
        for category in kind.categories:
            types.setdefault(category, []).append(kind.asset_type)
    return types


def team_members(plan: TeamPlan, artisans: list[int]) -> list[int]:
    """The team's staff ids from the department's active artisans (in id order)."""
    if not artisans:
        return []
    first = min(plan.first_artisan, len(artisans) - 1)
    return artisans[first : first + plan.artisans]


def pick(generator: np.random.Generator, choices: list[int]) -> Optional[int]:
    return int(generator.choice(choices)) if choices else None
