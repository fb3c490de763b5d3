"""The land of the Demo City: parcels with erf numbers, SG codes and addresses, wards and
suburbs, all in the municipality CRS (EPSG:32734, metres), held in memory as arrays.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from . import layout, mesh, names
from .streams import Stream, rng

SRID = 32734
USES = (
    "residential", "general_residential", "business", "industrial", "education",
    "open_space", "community", "utility",
)  # fmt: skip
CORRIDOR_HALF_WIDTH_M = 20.0
SG_MAJOR_REGION = "C0160"  # Western Cape, a made-up registration division


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    priority: int
    polygons: list[list[np.ndarray]]  # [shell, *holes] each


@dataclass
class Land:
    ring_offsets: np.ndarray  # (n + 1,) into ring_xy
    ring_xy: np.ndarray  # (vertices, 2), each ring counter-clockwise, not closed
    body: np.ndarray  # (n, 4, 2): a convex quad inside each parcel
    street_point: np.ndarray  # (n, 2): a point in the street in front of the parcel
    use: np.ndarray  # (n,) index into USES
    cell: np.ndarray  # (n,) index into cell_zone
    ward: np.ndarray  # (n,) ward id (1-based)
    suburb: np.ndarray  # (n,) suburb id (1-based)
    erf: np.ndarray  # (n,) erf number, unique within a suburb
    street1: np.ndarray  # (n,) index into street_names
    number1: list[str]
    street2: np.ndarray  # (n,) index into street_names or -1: the side street of a corner erf
    number2: list[str]
    street_names: list[str]
    cell_zone: list[str]
    wards: list[Area]
    suburbs: list[Area]
    boundary: list[list[np.ndarray]]

    def __len__(self) -> int:
        return len(self.use)

    @property
    def centre(self) -> np.ndarray:
        return self.body.mean(axis=1)

    def ring(self, index: int) -> np.ndarray:
        return self.ring_xy[self.ring_offsets[index] : self.ring_offsets[index + 1]]

    def sg_codes(self, indexes: np.ndarray) -> list[str]:
        return [
            f"{SG_MAJOR_REGION}{suburb:04d}{erf:08d}000000000"
            for suburb, erf in zip(self.suburb[indexes].tolist(), self.erf[indexes].tolist())
        ]


def build_land(seed: int, parcels: int, wards: int, suburbs: int) -> Land:
    """Cells are laid out from the middle outwards until the city has `parcels` parcels."""
    plan = mesh.plan_mesh(rng(seed, Stream.MESH), parcels)
    zones = _zones(rng(seed, Stream.MESH, 1), plan)
    builder = _Builder(seed, plan)
    taken: list[tuple[int, int]] = []
    for j, i in plan.by_distance():
        if builder.count >= parcels:
            break
        builder.add_cell(j, i, layout.ZONES[zones[j, i]])
        taken.append((j, i))
    plan = plan.select(taken)
    for j, i in plan.cells():
        if (j, i) not in builder.cells:  # filled in to close a hole or a pinch
            builder.add_cell(j, i, layout.ZONES[zones[j, i]])
    return builder.finish(plan, zones, wards, suburbs)


def _zones(generator: np.random.Generator, plan: mesh.Mesh) -> np.ndarray:
    """cbd in the middle, wedges of industry, townships and leafy suburbs, the rest between."""
    offset = (plan.vertices[:-1, :-1] + plan.vertices[1:, 1:]) / 2 - np.array(plan.centre)
    angle = np.arctan2(offset[..., 1], offset[..., 0])
    rho = plan.ratio
    industrial, township, leafy = generator.uniform(-np.pi, np.pi, 3)

    def wedge(start: float, width: float) -> np.ndarray:
        return (angle - start) % (2 * np.pi) < width

    zones = np.full(rho.shape, "residential", dtype=object)
    zones[wedge(leafy, 2.2) & (rho > 0.5)] = "leafy"
    zones[wedge(township, 1.4) & (rho > 0.4)] = "township"
    zones[wedge(industrial, 0.8) & (rho > 0.3) & (rho < 0.95)] = "industrial"
    zones[rho < 0.16] = "cbd"
    zones[np.unravel_index(np.argmin(rho), rho.shape)] = "cbd"
    return zones


class _Builder:
    """Collects the parcels of every cell, then names, numbers and groups them."""

    def __init__(self, seed: int, plan: mesh.Mesh) -> None:
        self.seed, self.plan = seed, plan
        self.parts: list[dict[str, object]] = []
        self.cells: dict[tuple[int, int], int] = {}  # (j, i) -> cell number
        self.count = 0
        self.street_keys: dict[tuple[object, ...], int] = {}

    def add_cell(self, j: int, i: int, zone: layout.Zone) -> None:
        index = self.cells.setdefault((j, i), len(self.cells))
        generator = rng(self.seed, Stream.CELL, j, i)
        corners = self.plan.corners(j, i)
        ls = (np.hypot(*(corners[1] - corners[0])) + np.hypot(*(corners[2] - corners[3]))) / 2
        lt = (np.hypot(*(corners[3] - corners[0])) + np.hypot(*(corners[2] - corners[1]))) / 2
        rotated = bool(generator.random() < 0.5)
        lx, ly = (lt, ls) if rotated else (ls, lt)
        cell = layout.layout_cell(generator, lx, ly, zone)

        def to_world(points: np.ndarray) -> np.ndarray:
            x, y = points[:, 0], points[:, 1]
            a, b = (ls - y, x) if rotated else (x, y)
            s, t = (a / ls)[:, None], (b / lt)[:, None]
            c0, c1, c2, c3 = corners
            return (1 - s) * (1 - t) * c0 + s * (1 - t) * c1 + s * t * c2 + (1 - s) * t * c3

        lengths = np.array([len(r) for r in cell.rings])
        rings = to_world(np.concatenate(cell.rings))
        bodies = to_world(np.concatenate(cell.bodies)).reshape(-1, 4, 2)
        local_fronts = (np.array(cell.bodies)[:, 0] + np.array(cell.bodies)[:, 1]) / 2
        for k, front in cell.pole_fronts.items():
            local_fronts[k] = front
        fronts = to_world(local_fronts)
        outward = fronts - (bodies[:, 2] + bodies[:, 3]) / 2
        outward /= np.hypot(outward[:, 0], outward[:, 1])[:, None]
        keep = self._clear_of_corridors(rings, lengths)
        street1, number1 = self._addresses(index, j, i, rotated, cell, cell.streets)
        street2, number2 = self._addresses(index, j, i, rotated, cell, cell.corner_streets)
        self.count += int(keep.sum())
        self.parts.append(
            {
                "lengths": lengths[keep],
                "rings": rings[np.repeat(keep, lengths)],
                "body": bodies[keep],
                "street_point": (fronts + layout.STREET_POINT_OFFSET_M * outward)[keep],
                "use": np.array([USES.index(u) for u in cell.uses], dtype=np.int8)[keep],
                "cell": np.full(int(keep.sum()), index, dtype=np.int32),
                "street1": street1[keep],
                "number1": [n for n, k in zip(number1, keep) if k],
                "street2": street2[keep],
                "number2": [n for n, k in zip(number2, keep) if k],
            }
        )

    def _clear_of_corridors(self, rings: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """False for parcels crossing the diagonal freeway or the ring road."""
        centre, radius = np.array(self.plan.centre), self.plan.radius
        direction = np.array([np.cos(0.6), np.sin(0.6)])
        offset = rings - centre
        signed = [offset @ np.array([-direction[1], direction[0]]) - 0.25 * radius]
        if radius > 3 * mesh.CELL_PITCH_M:
            signed.append(np.hypot(offset[:, 0], offset[:, 1]) - 0.55 * radius)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        keep = np.ones(len(lengths), dtype=bool)
        for distance in signed:
            low = np.minimum.reduceat(distance, starts)
            high = np.maximum.reduceat(distance, starts)
            near = np.minimum.reduceat(np.abs(distance), starts) < CORRIDOR_HALF_WIDTH_M
            keep &= ~(near | ((low < 0) & (high > 0)))
        return keep

    def _street(
        self,
        index: int,
        j: int,
        i: int,
        rotated: bool,
        cell: layout.CellLayout,
        axis: int,
        line: int,
    ) -> tuple[int, int, int]:
        """(street id, house number base, parity override or -1) of a frame street line."""
        last = cell.n_short if axis == 0 else cell.n_long
        if line not in (0, last):
            return self._street_id(("local", index, axis, line)), 0, -1
        high = line == last
        # Frame edge -> mesh line: ("h", j) runs west-east, ("v", i) south-north.
        if axis == 0:
            edge = ("v", i + 1 - int(high)) if rotated else ("h", j + int(high))
        else:
            edge = ("h", j + int(high)) if rotated else ("v", i + int(high))
        # Odd numbers on the north / east side of an arterial, even on the other.
        is_start_side = edge[1] == (j if edge[0] == "h" else i)
        base = 200 * (i if edge[0] == "h" else j)
        return self._street_id(("arterial", *edge)), base, 0 if is_start_side else 1

    def _street_id(self, key: tuple[object, ...]) -> int:
        return self.street_keys.setdefault(key, len(self.street_keys))

    def _addresses(
        self,
        index: int,
        j: int,
        i: int,
        rotated: bool,
        cell: layout.CellLayout,
        streets: list[tuple[int, int, int, float] | None],
    ) -> tuple[np.ndarray, list[str]]:
        """Street id and house number per parcel: odd one side, even the other, in order."""
        ids = np.full(len(streets), -1, dtype=np.int32)
        numbers = [""] * len(streets)
        groups: dict[tuple[int, int], list[tuple[float, int]]] = defaultdict(list)
        bases: dict[int, int] = {}
        for k, street in enumerate(streets):
            if street is None or cell.rear_lot[k]:
                continue
            axis, line, parity, position = street
            street_id, base, forced = self._street(index, j, i, rotated, cell, axis, line)
            ids[k], bases[street_id] = street_id, base
            groups[(street_id, parity if forced < 0 else forced)].append((position, k))
        for (street_id, parity), members in groups.items():
            for rank, (_, k) in enumerate(sorted(members)):
                numbers[k] = str(bases[street_id] + 2 * rank + 1 + parity)
        for k, street in enumerate(streets):
            if street is not None and cell.rear_lot[k]:  # battle-axe: "12A" behind "12"
                ids[k], numbers[k] = ids[k - 1], numbers[k - 1] + "A"
        return ids, numbers

    def finish(self, plan: mesh.Mesh, zones: np.ndarray, wards: int, suburbs: int) -> Land:
        self.plan, parts = plan, self.parts
        lengths = np.concatenate([p["lengths"] for p in parts])
        cell = np.concatenate([p["cell"] for p in parts])
        cells = list(self.cells)  # in cell-number order
        per_cell = np.bincount(cell, minlength=len(cells))
        cell_zones = [str(zones[j, i]) for j, i in cells]
        ward_of_cell, ward_areas = self._areas(cells, per_cell, wards, "ward", cell_zones)
        suburb_of_cell, suburb_areas = self._areas(cells, per_cell, suburbs, "suburb", cell_zones)
        suburb = suburb_of_cell[cell] + 1
        return Land(
            ring_offsets=np.concatenate([[0], np.cumsum(lengths)]),
            ring_xy=np.concatenate([p["rings"] for p in parts]),
            body=np.concatenate([p["body"] for p in parts]),
            street_point=np.concatenate([p["street_point"] for p in parts]),
            use=np.concatenate([p["use"] for p in parts]),
            cell=cell,
            ward=ward_of_cell[cell] + 1,
            suburb=suburb,
            erf=self._erven(suburb, len(suburb_areas)),
            street1=np.concatenate([p["street1"] for p in parts]),
            number1=[n for p in parts for n in p["number1"]],
            street2=np.concatenate([p["street2"] for p in parts]),
            number2=[n for p in parts for n in p["number2"]],
            street_names=self._street_names(),
            cell_zone=cell_zones,
            wards=ward_areas,
            suburbs=suburb_areas,
            boundary=mesh.group_polygons(plan, cells),
        )

    def _areas(
        self,
        cells: list[tuple[int, int]],
        per_cell: np.ndarray,
        count: int,
        kind: str,
        zones: list[str],
    ) -> tuple[np.ndarray, list[Area]]:
        """Cells grouped into `count` compact runs of about equal numbers of parcels."""
        band = max(1, round(np.sqrt(len(cells) / count)))
        order = mesh.band_order(self.plan.selected, band)
        position = {ji: k for k, ji in enumerate(cells)}
        cell_index = np.array([position[ji] for ji in order])
        groups = mesh.split_runs(order, per_cell[cell_index].astype(float), count)
        of_cell = np.empty(len(cells), dtype=int)
        of_cell[cell_index] = groups
        generator = rng(self.seed, Stream.NAMES, 1 if kind == "ward" else 2)
        suburb_names = _suburb_names(generator, int(groups.max()) + 1)
        areas = []
        for number in range(int(groups.max()) + 1):
            members = [order[k] for k in np.flatnonzero(groups == number)]
            polygons = mesh.group_polygons(self.plan, members)
            if kind == "ward":
                areas.append(Area(f"99900{number + 1:03d}", f"Ward {number + 1}", 3, polygons))
                continue
            zone_counts = defaultdict(int)
            for k in np.flatnonzero(groups == number):
                zone_counts[zones[cell_index[k]]] += 1
            zone = max(zone_counts, key=zone_counts.get)
            priority = layout.ZONES[zone].priority + int(generator.choice([-1, 0, 0, 0, 1]))
            priority = min(5, max(1, priority))
            areas.append(Area(f"{number + 1}", suburb_names[number], priority, polygons))
        return of_cell, areas

    def _erven(self, suburb: np.ndarray, suburbs: int) -> np.ndarray:
        """Erf numbers run on within each suburb (the SG numbers erven per township)."""
        generator = rng(self.seed, Stream.NAMES, 3)
        starts = generator.integers(100, 9000, suburbs + 1)
        order = np.argsort(suburb, kind="stable")
        sorted_suburbs = suburb[order]
        first = np.searchsorted(sorted_suburbs, sorted_suburbs, side="left")
        erf = np.empty(len(suburb), dtype=np.int64)
        erf[order] = starts[sorted_suburbs] + np.arange(len(suburb)) - first
        return erf

    def _street_names(self) -> list[str]:
        generator = rng(self.seed, Stream.NAMES, 4)
        kinds = dict.fromkeys(names.ARTERIAL_KINDS)
        arterials = [f"{n} {k}" for n in names.ARTERIAL_NAMES for k in kinds]
        arterials = [arterials[k] for k in generator.permutation(len(arterials))]
        themes: dict[int, list[str]] = {}
        result = []
        for key, street_id in self.street_keys.items():
            if key[0] == "arterial":
                result.append(arterials.pop() if arterials else f"Arterial {street_id}")
                continue
            cell_index = int(key[1])
            if cell_index not in themes:
                theme = names.STREET_THEMES[int(generator.integers(len(names.STREET_THEMES)))]
                kinds = generator.choice(names.STREET_KINDS, len(theme))
                themes[cell_index] = [
                    f"{theme[k]} {kind}"
                    for k, kind in zip(generator.permutation(len(theme)), kinds)
                ]
            pool = themes[cell_index]
            result.append(pool.pop() if pool else f"Street {street_id}")
        return result


def _suburb_names(generator: np.random.Generator, count: int) -> list[str]:
    combos = [p + s for p in names.SUBURB_PREFIXES for s in names.SUBURB_SUFFIXES]
    chosen: list[str] = []
    seen: set[str] = set()
    for k in generator.permutation(len(combos)):
        name = combos[k]
        if generator.random() < 0.15:
            name += " " + str(generator.choice(names.SUBURB_QUALIFIERS))
        if name not in seen:
            seen.add(name)
            chosen.append(name)
        if len(chosen) == count:
            return chosen
    chosen += [f"Extension {k}" for k in range(1, count - len(chosen) + 1)]
    return chosen
