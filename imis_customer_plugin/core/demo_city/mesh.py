"""The coarse plan of the city: a jittered quad mesh whose edges are the arterial roads.

Each selected cell is one neighbourhood, laid out into blocks and parcels elsewhere. Wards,
suburbs and the municipal boundary are unions of whole cells, so they tile the city exactly;
their outlines are traced here from the cell edges (no GIS library needed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

CELL_PITCH_M = 420.0
# Vertex jitter below a quarter of the pitch keeps every cell a convex quadrilateral.
VERTEX_JITTER = 0.14
# A first guess of parcels per cell; the city grows cell by cell until it has enough.
PARCELS_PER_CELL = 250.0

Ring = np.ndarray  # (n, 2) float64, counter-clockwise, not closed


@dataclass(frozen=True)
class Mesh:
    vertices: np.ndarray  # (ny + 1, nx + 1, 2) world coordinates
    ratio: np.ndarray  # (ny, nx) distance of the cell from the centre / the outline's radius
    selected: np.ndarray  # (ny, nx) bool: the cells inside the municipality
    centre: tuple[float, float]
    radius: float  # nominal radius of the city outline, metres

    def corners(self, j: int, i: int) -> np.ndarray:
        """The cell's corners, counter-clockwise from its south-west corner: (4, 2)."""
        v = self.vertices
        return np.array([v[j, i], v[j, i + 1], v[j + 1, i + 1], v[j + 1, i]])

    def cells(self) -> list[tuple[int, int]]:
        """Selected cells as (j, i), row by row from the south."""
        return [(int(j), int(i)) for j, i in np.argwhere(self.selected)]

    def by_distance(self) -> list[tuple[int, int]]:
        """Every cell of the grid, the middle of the city first."""
        order = np.argsort(self.ratio, axis=None, kind="stable")
        return [(int(j), int(i)) for j, i in zip(*np.unravel_index(order, self.ratio.shape))]

    def select(self, cells: list[tuple[int, int]]) -> Mesh:
        """This mesh with `cells` (plus whatever fills holes and pinches) as the city."""
        selected = np.zeros_like(self.selected)
        for j, i in cells:
            selected[j, i] = True
        return replace(self, selected=_tidy(selected))


def plan_mesh(
    rng: np.random.Generator, parcels: int, centre: tuple[float, float] = (260_000, 6_240_000)
) -> Mesh:
    """A grid of jittered cells, comfortably larger than a city of `parcels` needs."""
    cells_needed = max(4.0, parcels / PARCELS_PER_CELL)
    radius = float(np.sqrt(cells_needed / np.pi) * CELL_PITCH_M)
    half = int(np.ceil(2.2 * radius / CELL_PITCH_M)) + 2
    grid = (np.arange(2 * half + 1) - half) * CELL_PITCH_M
    vertices = np.stack(np.meshgrid(grid + centre[0], grid + centre[1]), axis=-1)
    vertices = vertices + rng.uniform(-VERTEX_JITTER, VERTEX_JITTER, vertices.shape) * CELL_PITCH_M
    middle = (vertices[:-1, :-1] + vertices[1:, 1:]) / 2
    ratio = _outline_ratio(rng, middle - np.array(centre), radius)
    return Mesh(vertices, ratio, np.zeros(ratio.shape, dtype=bool), centre, radius)


def _outline_ratio(rng: np.random.Generator, offsets: np.ndarray, radius: float) -> np.ndarray:
    """Distance over the radius of a star-shaped outline: a circle with smooth bulges."""
    angle = np.arctan2(offsets[..., 1], offsets[..., 0])
    wobble = np.ones_like(angle)
    for k, amplitude in ((2, 0.10), (3, 0.07), (5, 0.04)):
        wobble += amplitude * np.cos(k * angle + rng.uniform(0, 2 * np.pi))
    return np.hypot(offsets[..., 0], offsets[..., 1]) / (radius * wobble)


def _tidy(selected: np.ndarray) -> np.ndarray:
    """No holes and no cells touching only at a corner: outlines are then simple rings."""
    selected = selected.copy()
    while True:
        changed = _fill_holes(selected) | _fill_pinches(selected)
        if not changed:
            return selected


def _fill_holes(selected: np.ndarray) -> bool:
    ny, nx = selected.shape
    outside = np.zeros((ny + 2, nx + 2), dtype=bool)
    free = np.pad(~selected, 1, constant_values=True)
    stack = [(0, 0)]
    outside[0, 0] = True
    while stack:
        j, i = stack.pop()
        for dj, di in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            a, b = j + dj, i + di
            if 0 <= a < ny + 2 and 0 <= b < nx + 2 and free[a, b] and not outside[a, b]:
                outside[a, b] = True
                stack.append((a, b))
    holes = ~selected & ~outside[1:-1, 1:-1]
    selected |= holes
    return bool(holes.any())


def _fill_pinches(selected: np.ndarray) -> bool:
    a, b = selected[:-1, :-1], selected[:-1, 1:]
    c, d = selected[1:, :-1], selected[1:, 1:]
    rising = a & d & ~b & ~c  # south-west and north-east cells only
    falling = b & c & ~a & ~d
    for j, i in np.argwhere(rising):
        selected[j, i + 1] = True
    for j, i in np.argwhere(falling):
        selected[j, i] = True
    return bool(rising.any() or falling.any())


def band_order(selected: np.ndarray, band: int) -> list[tuple[int, int]]:
    """Selected cells in a snake through horizontal bands `band` rows high.

    Consecutive runs of this order are compact, so wards and suburbs made of runs look
    like wards and suburbs rather than long strips.
    """
    ny, nx = selected.shape
    order: list[tuple[int, int]] = []
    for number, j0 in enumerate(range(0, ny, band)):
        rows = list(range(j0, min(ny, j0 + band)))
        columns = range(nx) if number % 2 == 0 else range(nx - 1, -1, -1)
        for position, i in enumerate(columns):
            for j in rows if position % 2 == 0 else rows[::-1]:
                if selected[j, i]:
                    order.append((j, i))
    return order


def split_runs(order: Sequence[tuple[int, int]], weights: np.ndarray, groups: int) -> np.ndarray:
    """Group number per cell of `order`: consecutive runs of about equal total weight.

    Every group gets at least one cell (fewer groups only when there are fewer cells).
    """
    count = len(order)
    groups = max(1, min(groups, count))
    total = float(np.sum(weights))
    result = np.zeros(count, dtype=int)
    group, members, reached = 0, 0, 0.0
    for k in range(count):
        groups_after = groups - 1 - group
        full = reached >= total * (group + 1) / groups
        if members and groups_after and (full or count - k == groups_after):
            group, members = group + 1, 0
        result[k] = group
        members += 1
        reached += float(weights[k])
    return result


def group_polygons(mesh: Mesh, cells: Sequence[tuple[int, int]]) -> list[list[Ring]]:
    """Outline of a union of cells as polygons [shell, *holes], shells counter-clockwise.

    Where two cells of the union meet only at a corner the outline passes that corner twice;
    it is cut there into simple rings, which may touch at that point (valid in OGC terms).
    """
    nx1 = mesh.vertices.shape[1]
    boundary: set[tuple[int, int]] = set()
    for j, i in cells:
        ids = (j * nx1 + i, j * nx1 + i + 1, (j + 1) * nx1 + i + 1, (j + 1) * nx1 + i)
        for k in range(4):
            edge = (ids[k], ids[(k + 1) % 4])
            if (edge[1], edge[0]) in boundary:  # shared with a neighbour: inside the union
                boundary.remove((edge[1], edge[0]))
            else:
                boundary.add(edge)
    outgoing: dict[int, list[int]] = {}
    for start, end in sorted(boundary):
        outgoing.setdefault(start, []).append(end)
    flat = mesh.vertices.reshape(-1, 2)
    rings = [flat[loop] for circuit in _circuits(outgoing) for loop in _simple_loops(circuit)]
    shells = [r for r in rings if _signed_area(r) > 0]
    polygons = [[shell] for shell in shells]
    for hole in (r for r in rings if _signed_area(r) < 0):
        probe = (hole[0] + hole[1]) / 2  # on the hole's outline, so inside its shell
        inside = [k for k, shell in enumerate(shells) if _contains(shell, probe)]
        polygons[min(inside, key=lambda k: _signed_area(shells[k]))].append(hole)
    return polygons


def _circuits(outgoing: dict[int, list[int]]) -> list[list[int]]:
    """Closed walks using every boundary edge once (each vertex has as many in as out)."""
    circuits = []
    while outgoing:
        first = next(iter(outgoing))
        walk, current = [first], first
        while True:
            ends = outgoing[current]
            following = ends.pop()
            if not ends:
                del outgoing[current]
            if following == first:
                break
            walk.append(following)
            current = following
        circuits.append(walk)
    return circuits


def _simple_loops(walk: list[int]) -> list[list[int]]:
    """A closed walk cut at every vertex it visits twice."""
    loops, stack, seen = [], [], {}
    for vertex in walk:
        if vertex in seen:
            cut = seen[vertex]
            loops.append(stack[cut:])
            for dropped in stack[cut + 1 :]:
                del seen[dropped]
            del stack[cut + 1 :]
        else:
            seen[vertex] = len(stack)
            stack.append(vertex)
    loops.append(stack)
    return loops


def _signed_area(ring: Ring) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2


def _contains(ring: Ring, point: np.ndarray) -> bool:
    """Even-odd ray casting; `point` is never on the ring in our use."""
    x, y = ring[:, 0], ring[:, 1]
    x2, y2 = np.roll(x, -1), np.roll(y, -1)
    crosses = (y > point[1]) != (y2 > point[1])
    with np.errstate(divide="ignore", invalid="ignore"):
        at = x + (point[1] - y) * (x2 - x) / (y2 - y)
    return bool(np.count_nonzero(crosses & (point[0] < at)) % 2)
