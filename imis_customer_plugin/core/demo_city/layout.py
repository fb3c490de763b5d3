"""One neighbourhood (a mesh cell) laid out into street blocks and parcels.

Works in a "frame": x along the long side of the blocks, y across, both in metres, with
the arterial roads on the frame's edges. Blocks hold two rows of parcels back to back,
each facing its street. Neighbouring parcels share their corner points, so the parcels of a
row tile it; shapes vary through slanted side boundaries, uneven frontages, splayed street
corners, battle-axe (panhandle) lots and whole-block parcels for schools and parks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

ARTERIAL_HALF_WIDTH_M = 12.0
STREET_WIDTH_M = 14.0
SPLAY_M = 3.0  # corner splay: the cut-off street corner of a corner erf
POLE_WIDTH_M = 3.5  # access strip of a battle-axe lot
STREET_POINT_OFFSET_M = 4.0  # a pothole or streetlight is this far out in the road


@dataclass(frozen=True)
class Zone:
    name: str
    depth: tuple[float, float]
    frontage: tuple[float, float]
    block_length: tuple[float, float]
    uses: tuple[tuple[str, float], ...]
    special_share: float  # blocks (or rows) given to a school, park, clinic...
    battle_axe_share: float
    priority: int  # default suburb priority (1 = served first)


ZONES = {
    zone.name: zone
    for zone in (
        Zone("cbd", (30, 42), (18, 34), (90, 140),
             (("business", 0.7), ("general_residential", 0.25), ("community", 0.05)),
             0.03, 0.0, 1),
        Zone("residential", (26, 34), (13, 20), (150, 220), (("residential", 1.0),),
             0.06, 0.08, 3),
        Zone("leafy", (35, 45), (20, 30), (180, 260), (("residential", 1.0),), 0.05, 0.12, 4),
        Zone("township", (17, 22), (9, 12.5), (110, 160), (("residential", 1.0),),
             0.04, 0.0, 2),
        Zone("industrial", (45, 70), (30, 60), (180, 280),
             (("industrial", 0.92), ("business", 0.05), ("utility", 0.03)), 0.0, 0.0, 2),
    )
}  # fmt: skip
SPECIAL_USES = (("education", 0.35), ("open_space", 0.4), ("community", 0.2), ("utility", 0.05))
ARTERIAL_USES = (("business", 0.12), ("general_residential", 0.06))


@dataclass
class CellLayout:
    """Parcels of one cell in frame coordinates, as parallel lists (one entry per parcel)."""

    rings: list[np.ndarray] = field(default_factory=list)
    bodies: list[np.ndarray] = field(default_factory=list)  # convex quad inside the parcel
    # Where the parcel meets its street, when that is not the front edge of its body.
    pole_fronts: dict[int, np.ndarray] = field(default_factory=dict)
    uses: list[str] = field(default_factory=list)
    # Address: (axis, line, parity, position); axis 0 = street along x, 1 = cross street.
    streets: list[tuple[int, int, int, float]] = field(default_factory=list)
    corner_streets: list[tuple[int, int, int, float] | None] = field(default_factory=list)
    rear_lot: list[bool] = field(default_factory=list)
    n_long: int = 1  # blocks along x: cross streets 0 and n_long are arterials
    n_short: int = 1  # blocks along y: streets 0 and n_short are arterials

    def __len__(self) -> int:
        return len(self.rings)


def _cuts(rng: np.random.Generator, lo: float, hi: float, count: int, jitter: float) -> np.ndarray:
    """count+1 positions from lo to hi splitting it evenly, inner ones moved a little."""
    cuts = np.linspace(lo, hi, count + 1)
    step = (hi - lo) / max(count, 1)
    cuts[1:-1] += rng.uniform(-jitter, jitter, count - 1) * step
    return cuts


def layout_cell(rng: np.random.Generator, lx: float, ly: float, zone: Zone) -> CellLayout:
    """Blocks and parcels of a frame lx by ly metres, arterials on its four edges."""
    usable_x = lx - 2 * ARTERIAL_HALF_WIDTH_M
    usable_y = ly - 2 * ARTERIAL_HALF_WIDTH_M
    block_length = rng.uniform(*zone.block_length)
    block_width = 2 * rng.uniform(*zone.depth)
    n_long = max(1, round((usable_x + STREET_WIDTH_M) / (block_length + STREET_WIDTH_M)))
    n_short = max(1, round((usable_y + STREET_WIDTH_M) / (block_width + STREET_WIDTH_M)))
    xs = _cuts(rng, ARTERIAL_HALF_WIDTH_M, lx - ARTERIAL_HALF_WIDTH_M, n_long, 0.12)
    ys = _cuts(rng, ARTERIAL_HALF_WIDTH_M, ly - ARTERIAL_HALF_WIDTH_M, n_short, 0.08)
    layout = CellLayout(n_long=n_long, n_short=n_short)
    half = STREET_WIDTH_M / 2
    for bx in range(n_long):
        x0 = xs[bx] + (half if bx > 0 else 0)
        x1 = xs[bx + 1] - (half if bx < n_long - 1 else 0)
        for by in range(n_short):
            y0 = ys[by] + (half if by > 0 else 0)
            y1 = ys[by + 1] - (half if by < n_short - 1 else 0)
            block = _Block(x0, x1, y0, y1, bx, by, by == 0 or by == n_short - 1)
            _layout_block(rng, layout, block, zone)
    return layout


@dataclass(frozen=True)
class _Block:
    x0: float
    x1: float
    y0: float
    y1: float
    bx: int  # cross streets bx (at x0) and bx + 1 (at x1)
    by: int  # streets by (at y0) and by + 1 (at y1)
    on_arterial: bool


@dataclass(frozen=True)
class _Row:
    x0: float
    x1: float
    y_street: float
    y_rear: float
    street: int  # line number of the street it faces
    parity: int  # 0: odd numbers (south side of the street), 1: even
    arterial: bool


def _layout_block(rng: np.random.Generator, layout: CellLayout, block: _Block, zone: Zone) -> None:
    height = block.y1 - block.y0
    special = rng.random() < zone.special_share
    if special and rng.random() < 0.4:  # the whole block is one school, park, ...
        _whole_block(rng, layout, block)
        return
    front_only = height < 1.8 * zone.depth[0]
    middle = block.y1 if front_only else block.y0 + height * rng.uniform(0.42, 0.58)
    rows = [_Row(block.x0, block.x1, block.y0, middle, block.by, 0, block.on_arterial)]
    if not front_only:
        rows.append(_Row(block.x0, block.x1, block.y1, middle, block.by + 1, 1, block.on_arterial))
    special_row = int(rng.integers(len(rows))) if special else -1
    for number, row in enumerate(rows):
        if number == special_row:
            _one_parcel_row(rng, layout, row, block)
        else:
            _parcel_row(rng, layout, row, block, zone)


def _divisions(
    rng: np.random.Generator, length: float, frontage: tuple[float, float]
) -> np.ndarray:
    """Frontage boundaries along a row, corner lots a third wider."""
    lo, hi = frontage
    widths = rng.uniform(lo, hi, int(length / lo) + 3)
    widths[0] *= 1.3
    total = np.cumsum(widths)
    count = int(np.searchsorted(total, length)) + 1
    if count > 1 and total[count - 1] - length > widths[count - 1] / 2:
        count -= 1  # the last lot would be squeezed: widen the others instead
    widths = widths[:count]
    widths[-1] = widths[0] * rng.uniform(0.9, 1.1) if count > 2 else widths[-1]
    return np.concatenate([[0.0], np.cumsum(widths / widths.sum() * length)])


def _parcel_row(
    rng: np.random.Generator, layout: CellLayout, row: _Row, block: _Block, zone: Zone
) -> None:
    cuts = row.x0 + _divisions(rng, row.x1 - row.x0, zone.frontage)
    count = len(cuts) - 1
    widths = np.diff(cuts)
    room = np.minimum(widths[:-1], widths[1:]) * 0.2  # keeps rear corners in order
    rear = cuts.copy()
    rear[1:-1] += np.clip(rng.normal(0, 0.1 * widths.mean(), count - 1), -room, room)
    street_y = np.full(count + 1, row.y_street)
    street_y[1:-1] += np.clip(rng.normal(0, 0.25, count - 1), -0.5, 0.5)
    quads = _row_quads(row, cuts, rear, street_y)
    uses = _pick_many(rng, zone.uses, count)
    if row.arterial:  # shops and flats line the main roads
        change = (uses == "residential") & (rng.random(count) < 0.25)
        uses[change] = _pick_many(rng, ARTERIAL_USES, int(change.sum()))
    axe = (widths >= zone.frontage[0] + 4) & (rng.random(count) < zone.battle_axe_share * 2)
    axe[[0, -1]] = False
    depth = abs(row.y_rear - row.y_street)
    middles = (cuts[:-1] + cuts[1:]) / 2
    for k in range(count):
        corner_low, corner_high = k == 0, k == count - 1
        address = (0, row.street, row.parity, float(middles[k]))
        if axe[k]:
            _battle_axe(rng, layout, quads[k], widths[k], str(uses[k]), address)
            continue
        ring = quads[k]
        if corner_low or corner_high:
            splay = _splay_sides(row, corner_low, corner_high)
            ring = _splayed(ring, splay, widths[k], depth)
        corner = _corner_street(row, block, corner_low, corner_high)
        _add(layout, ring, quads[k], str(uses[k]), address, corner)


def _pick_many(
    rng: np.random.Generator, choices: tuple[tuple[str, float], ...], count: int
) -> np.ndarray:
    weights = np.cumsum([w for _, w in choices])
    picked = np.searchsorted(weights, rng.random(count) * weights[-1], side="right")
    return np.array([c for c, _ in choices], dtype=object)[np.minimum(picked, len(choices) - 1)]


def _row_quads(row: _Row, cuts: np.ndarray, rear: np.ndarray, street_y: np.ndarray) -> np.ndarray:
    """Canonical quads [S0, S1, R1, R0] of a row: S0 -> S1 along the street, anticlockwise."""
    count = len(cuts) - 1
    quads = np.empty((count, 4, 2))
    low, high = slice(0, count), slice(1, count + 1)
    if row.y_rear < row.y_street:  # street on the north side: walk the row westwards
        low, high = high, low
    quads[:, 0, 0], quads[:, 0, 1] = cuts[low], street_y[low]
    quads[:, 1, 0], quads[:, 1, 1] = cuts[high], street_y[high]
    quads[:, 2, 0], quads[:, 2, 1] = rear[high], row.y_rear
    quads[:, 3, 0], quads[:, 3, 1] = rear[low], row.y_rear
    return quads


def _splay_sides(row: _Row, corner_low: bool, corner_high: bool) -> tuple[bool, bool]:
    """Which of S0 / S1 is a street corner (S0 is the low-x end on a south-facing row)."""
    south = row.y_rear > row.y_street
    return (corner_low, corner_high) if south else (corner_high, corner_low)


def _corner_street(
    row: _Row, block: _Block, corner_low: bool, corner_high: bool
) -> tuple[int, int, int, float] | None:
    if not (corner_low or corner_high):
        return None
    position = float((row.y_street + row.y_rear) / 2)
    if corner_low:
        return (1, block.bx, 0, position)
    return (1, block.bx + 1, 1, position)


def _bilinear(quad: np.ndarray, u: float, v: float) -> np.ndarray:
    weights = np.array([(1 - u) * (1 - v), u * (1 - v), u * v, (1 - u) * v])
    return weights @ quad


def _splayed(quad: np.ndarray, splay: tuple[bool, bool], width: float, depth: float) -> np.ndarray:
    du, dv = SPLAY_M / width, SPLAY_M / depth
    points: list[np.ndarray] = []
    if splay[0]:
        points += [_bilinear(quad, du, 0)]
    else:
        points += [quad[0]]
    if splay[1]:
        points += [_bilinear(quad, 1 - du, 0), _bilinear(quad, 1, dv)]
    else:
        points += [quad[1]]
    points += [quad[2], quad[3]]
    if splay[0]:
        points += [_bilinear(quad, 0, dv)]
    return np.array(points)


def _battle_axe(
    rng: np.random.Generator,
    layout: CellLayout,
    quad: np.ndarray,
    width: float,
    use: str,
    address: tuple[int, int, int, float],
) -> None:
    """A wide erf split into a front lot and a rear lot reached by a pole along one side."""
    pole, cut = POLE_WIDTH_M / width, rng.uniform(0.42, 0.55)

    def p(u: float, v: float) -> np.ndarray:
        return _bilinear(quad, u, v)

    rear_body = np.array([p(0, cut), p(1, cut), p(1, 1), p(0, 1)])
    if rng.random() < 0.5:  # pole on the S0 side
        front = np.array([p(pole, 0), p(1, 0), p(1, cut), p(pole, cut)])
        rear = np.array([p(0, 0), p(pole, 0), p(pole, cut), p(1, cut), p(1, 1), p(0, 1)])
        pole_front = (p(0, 0) + p(pole, 0)) / 2
    else:
        front = np.array([p(0, 0), p(1 - pole, 0), p(1 - pole, cut), p(0, cut)])
        rear = np.array([p(1 - pole, 0), p(1, 0), p(1, 1), p(0, 1), p(0, cut), p(1 - pole, cut)])
        pole_front = (p(1 - pole, 0) + p(1, 0)) / 2
    _add(layout, front, front, use, address, None)
    _add(layout, rear, rear_body, use, address, None, rear_lot=True, front=pole_front)


def _one_parcel_row(rng: np.random.Generator, layout: CellLayout, row: _Row, block: _Block) -> None:
    ends = np.array([row.x0, row.x1])
    quad = _row_quads(row, ends, ends, np.full(2, row.y_street))[0]
    ring = _splayed(quad, (True, True), row.x1 - row.x0, abs(row.y_rear - row.y_street))
    address = (0, row.street, row.parity, float((row.x0 + row.x1) / 2))
    _add(layout, ring, quad, str(_pick_many(rng, SPECIAL_USES, 1)[0]), address, None)


def _whole_block(rng: np.random.Generator, layout: CellLayout, block: _Block) -> None:
    x0, x1, y0, y1, d = block.x0, block.x1, block.y0, block.y1, SPLAY_M
    ring = np.array(
        [
            [x0 + d, y0],
            [x1 - d, y0],
            [x1, y0 + d],
            [x1, y1 - d],
            [x1 - d, y1],
            [x0 + d, y1],
            [x0, y1 - d],
            [x0, y0 + d],
        ]
    )
    quad = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    address = (0, block.by, 0, float((x0 + x1) / 2))
    _add(layout, ring, quad, str(_pick_many(rng, SPECIAL_USES, 1)[0]), address, None)


def _add(
    layout: CellLayout,
    ring: np.ndarray,
    body: np.ndarray,
    use: str,
    address: tuple[int, int, int, float],
    corner: tuple[int, int, int, float] | None,
    rear_lot: bool = False,
    front: np.ndarray | None = None,
) -> None:
    if front is not None:
        layout.pole_fronts[len(layout.rings)] = front
    layout.rings.append(ring)
    layout.bodies.append(body)
    layout.uses.append(use)
    layout.streets.append(address)
    layout.corner_streets.append(corner)
    layout.rear_lot.append(rear_lot)
