"""The Demo City generator: deterministic, valid shapes, real-looking people, a register
whose every row and history the workflow allows, with seasons and hotspots."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter

import numpy as np
import pytest

from imis_customer_plugin.core import workflow
from imis_customer_plugin.core.demo_city import SIZES, DemoCity, DemoSize, demo_size
from imis_customer_plugin.core.demo_city.people import luhn_check_digits, sa_id_numbers
from imis_customer_plugin.core.demo_city.reference import CATEGORIES, CATEGORY_ID

try:  # validity as PostGIS sees it (GEOS), when a binding is installed
    from shapely import wkb as shapely_wkb
except ImportError:
    shapely_wkb = None
try:
    from osgeo import ogr
except ImportError:
    ogr = None

AS_OF = dt.datetime(2026, 11, 22, 10, 30, tzinfo=dt.timezone.utc)
TEST_SIZE = DemoSize("test", parcels=1500, customers=900, accounts=1100, correspondences=8000)


def _rows(city: DemoCity) -> dict[str, dict[str, np.ndarray]]:
    """Every table as whole columns (chunks joined)."""

    def array(values: object) -> np.ndarray:
        return values if isinstance(values, np.ndarray) else np.array(values, dtype=object)

    tables = {}
    for table in city.tables():
        chunks = list(table.chunks())
        tables[table.name] = {
            name: np.concatenate([array(chunk[name]) for chunk in chunks]) for name in chunks[0]
        }
    return tables


@pytest.fixture(scope="module")
def city() -> DemoCity:
    return DemoCity(TEST_SIZE, seed=7, as_of=AS_OF)


@pytest.fixture(scope="module")
def rows(city: DemoCity) -> dict[str, dict[str, np.ndarray]]:
    return _rows(city)


def _digest(city: DemoCity) -> str:
    digest = hashlib.sha256()
    for table in city.tables():
        for text in table.copy_lines():
            digest.update(text.encode())
    return digest.hexdigest()


def test_sizes() -> None:
    assert demo_size("small") is SIZES["small"]
    assert SIZES["city"].parcels == 500_000 and SIZES["city"].correspondences == 1_000_000
    assert SIZES["small"].wards == 6 and SIZES["city"].wards >= 100
    with pytest.raises(ValueError, match="Unknown demo size 'huge'"):
        demo_size("huge")
    with pytest.raises(ValueError):
        DemoSize("bad", parcels=1000, customers=10, accounts=5, correspondences=0)
    with pytest.raises(ValueError, match="timezone-aware"):
        DemoCity("small", as_of=dt.datetime(2026, 1, 1))


def test_same_seed_same_city_other_seed_other_city() -> None:
    tiny = DemoSize("tiny", parcels=300, customers=200, accounts=250, correspondences=400)
    first = _digest(DemoCity(tiny, seed=11, as_of=AS_OF))
    assert _digest(DemoCity(tiny, seed=11, as_of=AS_OF)) == first
    assert _digest(DemoCity(tiny, seed=12, as_of=AS_OF)) != first


def test_a_city_without_correspondence() -> None:
    quiet = DemoCity(DemoSize("quiet", 250, 50, 60, 0), seed=1, as_of=AS_OF)
    counts = {t.name: sum(x.count("\n") for x in t.copy_lines()) for t in quiet.tables()}
    assert counts["correspondence"] == counts["correspondence_event"] == 0
    assert counts["customer"] == 50 and counts["parcel"] > 200


def test_the_city_is_near_cape_town_in_utm_34s(city: DemoCity) -> None:
    centre = city.land.centre.mean(axis=0)
    assert 250_000 < centre[0] < 270_000 and 6_230_000 < centre[1] < 6_250_000
    assert abs(len(city.land) - TEST_SIZE.parcels) < 0.1 * TEST_SIZE.parcels


def _segments_cross(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> bool:
    def side(p: np.ndarray, q: np.ndarray, r: np.ndarray) -> float:
        return float((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]))

    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def _is_simple(ring: np.ndarray) -> bool:
    """No two non-adjacent edges cross, and the ring winds counter-clockwise."""
    n = len(ring)
    edges = [(ring[k], ring[(k + 1) % n]) for k in range(n)]
    for i in range(n):
        for j in range(i + 2, n):
            if i == 0 and j == n - 1:
                continue
            if _segments_cross(*edges[i], *edges[j]):
                return False
    x, y = ring[:, 0], ring[:, 1]
    return float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) > 0


def _area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2


def test_parcels_are_valid_and_look_like_erven(city: DemoCity, rows: dict) -> None:
    land = city.land
    rings = [land.ring(k) for k in range(len(land))]
    assert all(_is_simple(r) for r in rings)
    for text in rows["parcel"]["geom"][:: max(1, len(rings) // 400)]:
        assert _geos_valid(text) in (True, None)  # GEOS agrees, on the bytes to be loaded
    areas = np.array([_area(r) for r in rings])
    vertices = Counter(len(r) for r in rings)
    assert vertices[4] > 0.5 * len(rings) and vertices[5] > 0 and vertices[6] > 0  # splays, axes
    assert areas.std() / areas.mean() > 0.3  # not identical rectangles
    uses = Counter(rows["parcel"]["land_use"])
    assert uses["residential"] > 0.6 * len(rings)
    big = {u for u, a in zip(rows["parcel"]["land_use"], areas) if a > 4000}
    assert big & {"education", "open_space", "community", "industrial"}
    # Erf numbers are unique within a suburb, SG codes everywhere.
    erven = list(zip(rows["parcel"]["suburb_id"], rows["parcel"]["erf_number"]))
    assert len(set(erven)) == len(erven)
    sg = rows["parcel"]["sg_code"]
    assert len(set(sg)) == len(sg) and all(re.fullmatch(r"[A-Z][0-9A-Z]{25}", s) for s in sg)
    per_parcel = Counter(rows["parcel_address"]["parcel_id"])
    assert set(per_parcel) == set(rows["parcel"]["id"]) and set(per_parcel.values()) == {1, 2}


def _geos_valid(text: str) -> bool | None:
    """GEOS's opinion of a hex EWKB geometry (shapely, else GDAL), None without either."""
    raw = bytes.fromhex(text)
    if shapely_wkb is not None:
        return bool(shapely_wkb.loads(raw).is_valid)
    if ogr is not None:  # OGR reads ISO WKB: drop the SRID flag and value
        kind = int.from_bytes(raw[1:5], "little") & 0xFFFF
        return bool(
            ogr.CreateGeometryFromWkb(raw[:1] + kind.to_bytes(4, "little") + raw[9:]).IsValid()
        )
    return None


def _contains(ring: np.ndarray, point: np.ndarray) -> bool:
    x, y = ring[:, 0], ring[:, 1]
    x2, y2 = np.roll(x, -1), np.roll(y, -1)
    crosses = (y > point[1]) != (y2 > point[1])
    with np.errstate(divide="ignore", invalid="ignore"):
        at = x + (point[1] - y) * (x2 - x) / (y2 - y)
    return bool(np.count_nonzero(crosses & (point[0] < at)) % 2)


def test_wards_and_suburbs_tile_the_city(city: DemoCity) -> None:
    land = city.land
    assert len(land.wards) == TEST_SIZE.wards and len(land.suburbs) >= 6

    def total(polygons: list[list[np.ndarray]]) -> float:
        return sum(_area(p[0]) - sum(_area(h) for h in p[1:]) for p in polygons)

    city_area = total(land.boundary)
    assert sum(total(w.polygons) for w in land.wards) == pytest.approx(city_area)
    assert sum(total(s.polygons) for s in land.suburbs) == pytest.approx(city_area)
    assert {s.priority for s in land.suburbs} <= {1, 2, 3, 4, 5}
    assert len({s.name for s in land.suburbs}) == len(land.suburbs)
    for k in range(0, len(land), 97):  # each parcel lies in its own ward and suburb
        centre = land.centre[k]
        ward = land.wards[land.ward[k] - 1].polygons
        suburb = land.suburbs[land.suburb[k] - 1].polygons
        assert any(_contains(p[0], centre) for p in ward)
        assert any(_contains(p[0], centre) for p in suburb)


def _luhn_valid(number: str) -> bool:
    """The textbook check, independent of the generator's vectorised one."""
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char) * (2 if position % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


def test_customers_have_valid_south_african_details(rows: dict) -> None:
    assert luhn_check_digits(np.array([[int(c) for c in "800101500908"]]))[0] == 7
    customers = rows["customer"]
    ids = [i for i in customers["id_number"] if i is not None and re.fullmatch(r"\d{13}", i)]
    assert len(ids) > 0.8 * len(customers["id"]) and len(set(ids)) == len(ids)
    assert all(_luhn_valid(i) for i in ids)
    for number in ids[:200]:
        dt.date(int(number[:2]) + (1900 if number[:2] > "26" else 2000), int(number[2:4]),
                int(number[4:6]))  # fmt: skip
        assert number[10] in "01" and number[11] == "8"
    others = [i for i in customers["id_number"] if i is not None and i not in set(ids)]
    assert others and all(re.fullmatch(r"[0-9A-Z/-]{6,20}", i) for i in others)
    phones = [p for p in customers["phone"] if p is not None]
    assert all(re.fullmatch(r"\+27[0-9]{9}", p) for p in phones)
    emails = [e for e in customers["email"] if e is not None]
    assert 0.3 < len(emails) / len(customers["id"]) < 0.8
    assert all(re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", e) for e in emails)
    assert Counter(customers["consent_to_contact"].tolist())[True] > len(customers["id"]) / 2


def test_identity_numbers_stay_unique_when_many_share_a_birthday() -> None:
    generator = np.random.default_rng(1)
    birth = np.datetime64("1980-01-01") + generator.integers(0, 3, 20_000).astype("timedelta64[D]")
    male = generator.random(20_000) < 0.5
    numbers = [f"{n:013d}" for n in sa_id_numbers(generator, birth, male).tolist()]
    assert len(set(numbers)) == len(numbers) and all(_luhn_valid(n) for n in numbers)
    assert all(n[:6] in ("800101", "800102", "800103") for n in numbers)
    assert all((n[6] >= "5") == m for n, m in zip(numbers, male.tolist()))


def test_accounts_are_unique_and_mostly_on_homes(rows: dict) -> None:
    accounts, parcels = rows["account"], rows["parcel"]
    assert len(accounts["id"]) == TEST_SIZE.accounts
    assert len(set(accounts["account_number"])) == TEST_SIZE.accounts
    use = dict(zip(parcels["id"], parcels["land_use"]))
    homes = sum(use.get(p) in ("residential", "general_residential") for p in accounts["parcel_id"])
    assert homes > 0.7 * TEST_SIZE.accounts
    assert set(accounts["customer_id"]) <= set(rows["customer"]["id"])
    closed = accounts["status"] == "closed"
    assert closed.any() and all(accounts["row_version"][closed] == 2)


def test_register_rows_agree_with_the_workflow(city: DemoCity, rows: dict) -> None:
    register = rows["correspondence"]
    count = len(register["id"])
    assert count == TEST_SIZE.correspondences
    assert np.all(np.diff(register["id"].astype(np.int64)) == 1)
    references = register["reference"]
    assert len(set(references)) == count
    assert all(re.fullmatch(r"CR20\d\d-\d{6,}", r) for r in references)
    for k in range(count):
        status = workflow.Status(register["status"][k])
        kind = register["classification"][k]
        located = register["location_kind"][k] is not None
        if status is workflow.Status.CLOSED:
            assert not np.isnat(register["closed_at"][k]) and register["resolution"][k]
        else:
            assert np.isnat(register["closed_at"][k])
        if status is workflow.Status.DEFERRED:
            assert register["deferred_until"][k] > register["logged_at"][k].astype("datetime64[D]")
            assert kind != "dispute"
        if status is workflow.Status.LOGGED:
            assert not located
        elif status is not workflow.Status.CLOSED and kind != "compliment":
            assert located
        if register["location_kind"][k] == "parcel":
            assert register["parcel_id"][k] > 0
        assert register["logged_at"][k] <= np.datetime64(AS_OF.replace(tzinfo=None))
    statuses = Counter(register["status"])
    assert statuses["closed"] > 0.75 * count
    assert {"logged", "assigned", "in_progress", "pending"} <= set(statuses)
    classes = Counter(register["classification"])
    assert classes["complaint"] > classes["query"] > classes["dispute"] > classes["compliment"] > 0
    channels = Counter(register["channel"])
    assert channels["telephone"] == max(channels.values()) and len(channels) == 7


def test_history_replays_through_the_workflow(rows: dict) -> None:
    register, events = rows["correspondence"], rows["correspondence_event"]

    def detail_of(event: int) -> dict:
        return json.loads(events["detail"][event])

    by_item: dict[int, list[int]] = {}
    for k, item in enumerate(events["correspondence_id"]):
        by_item.setdefault(int(item), []).append(k)
    assert set(by_item) == set(register["id"].tolist())
    for k, item in enumerate(register["id"].tolist()):
        history = sorted(by_item[item], key=lambda e: events["occurred_at"][e])
        kind = workflow.Classification(register["classification"][k])
        assert events["event_type"][history[0]] == "logged"
        assert events["occurred_at"][history[0]] == register["logged_at"][k]
        status, transitions = workflow.Status.LOGGED, 0
        for e in history[1:]:
            if events["event_type"][e] == "repeat_detected":
                source = int(register["repeat_of_id"][k])
                assert events["reason"][e] == f"repeats {register['reference'][source - 1]}"
                assert detail_of(e) == {"repeat_of": register["reference"][source - 1]}
                continue
            action = workflow.Action(events["event_type"][e])
            assert events["from_status"][e] == status.value
            day = events["occurred_at"][e].astype("datetime64[D]").item()
            detail = detail_of(e)
            given = workflow.ActionInput(
                reason=events["reason"][e],
                until=dt.date.fromisoformat(detail["until"]) if "until" in detail else None,
                department=detail.get("to_department", ""),
                resolution=events["reason"][e],
            )
            status = workflow.plan_transition(kind, status, action, given, day)
            assert events["to_status"][e] == status.value
            transitions += 1
        assert status.value == register["status"][k]
        assert register["row_version"][k] == 1 + transitions
        assert events["occurred_at"][history[-1]] <= np.datetime64(AS_OF.replace(tzinfo=None))


def test_repeats_point_back_to_an_earlier_nearby_complaint(rows: dict) -> None:
    register = rows["correspondence"]
    index = {int(i): k for k, i in enumerate(register["id"])}
    repeats = np.flatnonzero(register["repeat_of_id"] > 0)
    assert len(repeats) > 0.02 * len(register["id"])
    for k in repeats:
        source = index[int(register["repeat_of_id"][k])]
        assert source < k and register["category_id"][source] == register["category_id"][k]
        gap = register["logged_at"][k] - register["logged_at"][source]
        assert np.timedelta64(0, "s") < gap <= np.timedelta64(30, "D")
        here, there = register["_xy"][k], register["_xy"][source]
        if register["location_kind"][k] == "parcel":
            assert register["parcel_id"][k] == register["parcel_id"][source]
        elif not np.isnan(here).any() and not np.isnan(there).any():
            assert np.hypot(*(here - there)) < 50


def test_located_points_lie_inside_their_parcel(city: DemoCity, rows: dict) -> None:
    register = rows["correspondence"]
    on_parcel = np.flatnonzero(register["location_kind"] == "parcel")
    assert len(on_parcel) > 0.3 * len(register["id"])
    for k in on_parcel[:: max(1, len(on_parcel) // 500)]:
        ring = city.land.ring(int(register["parcel_id"][k]) - 1)
        assert _contains(ring, register["_xy"][k])
    points = register["location_kind"] == "point"
    assert points.any() and (register["location_kind"] == None).any()  # noqa: E711


def test_winter_brings_burst_pipes_and_storms_bring_outages() -> None:
    city = DemoCity(DemoSize("year", 800, 500, 600, 40_000), seed=3, as_of=AS_OF)
    counts, storm = city.calendar.counts, city.calendar.storm
    month = (city.calendar.first_day + np.arange(len(counts))).astype("datetime64[M]")
    month = month.astype(np.int64) % 12 + 1
    burst = counts[:, CATEGORY_ID["WATER_BURST_PIPE"] - 1]
    winter, summer = (
        burst[np.isin(month, (6, 7, 8))].mean(),
        burst[np.isin(month, (12, 1, 2))].mean(),
    )
    assert winter > 1.5 * summer
    outages = counts[:, CATEGORY_ID["ELEC_OUTAGE"] - 1]
    assert outages[storm > 0.5].mean() > 2 * outages[storm == 0].mean()


def test_hotspots_stand_out(city: DemoCity, rows: dict) -> None:
    register = rows["correspondence"]
    xy = register["_xy"].astype(float)
    category = register["category_id"].astype(int) - 1
    area = sum(_area(p[0]) for p in city.land.boundary)
    for spot in city.places.hotspots:
        mine = (category == spot.category) & ~np.isnan(xy[:, 0])
        near = np.hypot(*(xy[mine] - spot.centre).T) < 150
        expected = mine.sum() * np.pi * 150**2 / area  # if complaints were spread evenly
        assert near.sum() > 2 * expected, CATEGORIES[spot.category].code
