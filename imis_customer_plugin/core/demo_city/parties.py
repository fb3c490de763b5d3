"""Who writes in and where the problem is: the customer, the account, the parcel or point.

Property problems (no water, a blocked sewer, a bill) come from an account holder and lie on
the account's erf; street problems (potholes, streetlights) lie in the road in front of an
erf and come from residents, passers-by or nobody in particular. A few hotspots (a failing
main, a dumping site) draw many complaints of one category to a few hundred metres.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .land import USES, Land
from .people import Accounts
from .reference import CATEGORIES, CATEGORY_ID

HOTSPOT_CATEGORIES = (
    "WATER_BURST_PIPE", "SEWER_BLOCKAGE", "WASTE_DUMPING", "ELEC_STREETLIGHT", "ROADS_POTHOLE",
    "ELEC_OUTAGE", "WATER_NO_WATER", "SEWER_OVERFLOW",
)  # fmt: skip
HOTSPOT_SHARE = 0.3  # of a hotspot category's items
HOTSPOT_SIGMA_M = 150.0
_ZONE_WEIGHT = {"township": 1.6, "cbd": 1.2, "industrial": 0.8, "leafy": 0.8}


@dataclass(frozen=True)
class Hotspot:
    category: int  # index into CATEGORIES
    centre: np.ndarray  # (2,)
    parcels: np.ndarray  # candidate parcel indexes
    cumulative: np.ndarray  # their cumulative weights (Gaussian around the centre)


@dataclass
class Places:
    """Sampling tables built once for the whole year of correspondence."""

    land: Land
    accounts: Accounts
    homes: np.ndarray  # active accounts with an erf
    homes_cumulative: np.ndarray
    parcels_cumulative: np.ndarray
    active: np.ndarray  # every active account (billing items come from these)
    offices: np.ndarray  # parcels of walk-in centres and other community buildings
    callers: np.ndarray  # customers without an account: tenants, passers-by
    hotspots: list[Hotspot]


def build_places(generator: np.random.Generator, land: Land, accounts: Accounts) -> Places:
    zone = np.array([_ZONE_WEIGHT.get(z, 1.0) for z in land.cell_zone])[land.cell]
    homes = np.flatnonzero(accounts.active & (accounts.parcel >= 0))
    offices = np.flatnonzero(land.use == USES.index("community"))
    has_account = np.zeros(int(accounts.customer.max()) + 1, dtype=bool)
    has_account[accounts.customer] = True
    return Places(
        land=land,
        accounts=accounts,
        homes=homes,
        homes_cumulative=np.cumsum(zone[accounts.parcel[homes]]),
        parcels_cumulative=np.cumsum(zone),
        active=np.flatnonzero(accounts.active),
        offices=offices if len(offices) else np.arange(min(len(land), 5)),
        callers=np.flatnonzero(~has_account),
        hotspots=_hotspots(generator, land),
    )


def _hotspots(generator: np.random.Generator, land: Land) -> list[Hotspot]:
    count = max(3, round(len(land) / 20000))
    centres = land.centre
    residential = np.flatnonzero(land.use == USES.index("residential"))
    hotspots = []
    for number in range(count):
        category = CATEGORY_ID[HOTSPOT_CATEGORIES[number % len(HOTSPOT_CATEGORIES)]] - 1
        centre = centres[int(generator.choice(residential))]
        distance = np.hypot(*(centres - centre).T)
        near = np.flatnonzero(distance < 3 * HOTSPOT_SIGMA_M)
        weight = np.exp(-0.5 * (distance[near] / HOTSPOT_SIGMA_M) ** 2)
        hotspots.append(Hotspot(category, centre, near, np.cumsum(weight)))
    return hotspots


def _draw(generator: np.random.Generator, cumulative: np.ndarray, count: int) -> np.ndarray:
    picked = np.searchsorted(cumulative, generator.random(count) * cumulative[-1], side="right")
    return np.minimum(picked, len(cumulative) - 1)


@dataclass
class Located:
    """Per row: parcel (-1: none), point, customer and account (-1: none), 0-based."""

    parcel: np.ndarray
    xy: np.ndarray
    on_parcel: np.ndarray  # location_kind 'parcel' (else 'point' when xy is set)
    customer: np.ndarray
    account: np.ndarray
    hotspot: np.ndarray  # index into Places.hotspots, -1 elsewhere


def locate(
    generator: np.random.Generator, places: Places, category: np.ndarray, channel: np.ndarray
) -> Located:
    """Customer, account and place of each row (category index, channel value)."""
    count = len(category)
    where = np.array([c.location for c in CATEGORIES])[category]
    billing = np.array([c.department == "REVENUE" for c in CATEGORIES])[category]
    accounts = places.accounts
    account = np.full(count, -1)
    parcel = np.full(count, -1)

    rows = np.flatnonzero((where == "property") & ~billing)
    account[rows] = places.homes[_draw(generator, places.homes_cumulative, len(rows))]
    rows = np.flatnonzero(billing)
    account[rows] = generator.choice(places.active, len(rows))
    rows = np.flatnonzero(where == "street")
    parcel[rows] = _draw(generator, places.parcels_cumulative, len(rows))
    hotspot = _into_hotspots(generator, places, category, where, parcel, account)
    has_account = account >= 0
    parcel[has_account] = accounts.parcel[account[has_account]]
    offices = (where == "office") | (parcel < 0)
    parcel[offices] = generator.choice(places.offices, int(offices.sum()))

    customer = _customers(generator, places, where, account, parcel, channel)
    street = where == "street"
    xy = place_points(generator, places.land, parcel, street)
    return Located(parcel, xy, ~street, customer, account, hotspot)


def _into_hotspots(
    generator: np.random.Generator,
    places: Places,
    category: np.ndarray,
    where: np.ndarray,
    parcel: np.ndarray,
    account: np.ndarray,
) -> np.ndarray:
    """Moves a share of each hotspot category's rows to its hotspots."""
    hotspot = np.full(len(category), -1)
    for number, spot in enumerate(places.hotspots):
        same = sum(1 for s in places.hotspots if s.category == spot.category)
        rows = np.flatnonzero((category == spot.category) & (hotspot < 0))
        rows = rows[generator.random(len(rows)) < HOTSPOT_SHARE / same]
        picked = spot.parcels[_draw(generator, spot.cumulative, len(rows))]
        hotspot[rows] = number
        on_street = where[rows] == "street"
        parcel[rows[on_street]] = picked[on_street]
        home = places.accounts.parcel_account[picked[~on_street]]
        account[rows[~on_street]] = home  # -1 (no account there) falls back to the office
        parcel[rows[~on_street]] = np.where(home < 0, picked[~on_street], -1)
    return hotspot


def _customers(
    generator: np.random.Generator,
    places: Places,
    where: np.ndarray,
    account: np.ndarray,
    parcel: np.ndarray,
    channel: np.ndarray,
) -> np.ndarray:
    count = len(where)
    accounts = places.accounts
    customer = np.where(account >= 0, accounts.customer[np.maximum(account, 0)], -1)
    roll = generator.random(count)
    anyone = generator.integers(0, int(accounts.customer.max()) + 1, count)
    caller = generator.choice(places.callers, count) if len(places.callers) else anyone
    # Tenants report problems at the house they rent; the account stays the owner's.
    tenant = (where == "property") & (account >= 0) & (roll < 0.12)
    customer[tenant] = caller[tenant]
    street = where == "street"
    resident = accounts.parcel_account[np.maximum(parcel, 0)]
    customer[street] = np.where(
        (roll[street] < 0.55) & (resident[street] >= 0),
        accounts.customer[np.maximum(resident[street], 0)],
        np.where(roll[street] < 0.8, caller[street], -1),
    )
    office = (where == "office") & (account < 0)
    customer[office] = np.where(roll[office] < 0.7, anyone[office], caller[office])
    anonymous = ((channel == "social_media") & (roll < 0.3)) | (channel == "internal")
    customer[anonymous & (where != "property")] = -1
    return customer


def inside_points(generator: np.random.Generator, land: Land, parcel: np.ndarray) -> np.ndarray:
    """A point inside each parcel's body, never close to its edges (bodies are convex)."""
    u, v = generator.uniform(0.2, 0.8, (2, len(parcel)))
    weights = np.stack([(1 - u) * (1 - v), u * (1 - v), u * v, (1 - u) * v], axis=1)
    return np.einsum("nk,nkd->nd", weights, land.body[parcel])


def place_points(
    generator: np.random.Generator, land: Land, parcel: np.ndarray, street: np.ndarray
) -> np.ndarray:
    """Inside the parcel, or in the road in front of it (moved along the road, not across:
    the point stays on the parcel's side of the road, in its ward and suburb)."""
    front = land.street_point[parcel]
    along = front - land.centre[parcel]
    along = np.stack([-along[:, 1], along[:, 0]], axis=1) / np.hypot(*along.T)[:, None]
    kerb = front + generator.uniform(-4, 4, (len(parcel), 1)) * along
    return np.where(street[:, None], kerb, inside_points(generator, land, parcel))
