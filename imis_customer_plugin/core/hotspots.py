"""Hot and cold spots: Getis-Ord Gi* of counts on a hexagon grid, with an FDR correction.

The grid is PostGIS's ST_HexagonGrid(size, ...): flat-topped hexagons whose side (= the
distance from the centre to a corner) is `size`, anchored at the CRS origin. Cell (i, j) has
its centre at (1.5 * size * i, sqrt(3) * size * (j + 0.5 * (i mod 2))): odd columns sit half
a row higher. So a cell's six neighbours are (i, j +- 1) and, in the columns either side,
(i +- 1, j - 1) and (i +- 1, j) for an even i, (i +- 1, j) and (i +- 1, j + 1) for an odd i.
tests/db/test_hotspots.py checks this rule against ST_Touches on a real grid.

Statistic (Getis & Ord 1995, as ArcGIS's Hot Spot Analysis and PySAL's
esda.G_Local(star=True, transform="B") compute it): binary weights, a cell being its own
neighbour, so for n cells with counts x, mean X and S = sqrt(mean(x^2) - X^2),
W_i = 1 + number of neighbours and

    z_i = (sum_{j in N*(i)} x_j - X * W_i) / (S * sqrt((n * W_i - W_i^2) / (n - 1)))

p is two-sided, 2 * (1 - Phi(|z|)) (esda reports the one-sided half). Where z is undefined
(every cell has the same count, or a neighbourhood is the whole grid) it is NaN, p is NaN and
the cell is not significant.

Classes (what ArcGIS's Hot Spot Analysis writes as Gi_Bin with its FDR option): the
Benjamini-Hochberg step-up procedure is applied to all defined p-values; a cell is a 99 %
hot (cold) spot when its BH-adjusted p is <= 0.01 and z > 0 (z < 0), else 95 % when <= 0.05,
else 90 % when <= 0.10, else not significant. "Adjusted p <= alpha" is the same decision as
"p <= the BH critical p for alpha", which is how ArcGIS describes its correction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import IntEnum

import numpy as np
from scipy import sparse, stats

from ..definitions import QT_TRANSLATE_NOOP
from .errors import ValidationError

SQRT3 = math.sqrt(3.0)
MAX_CELLS = 200_000  # bigger grids take minutes and no map shows them legibly
MIN_CELLS = 30  # below this Gi* is not meaningful (ArcGIS asks for 30 features too)

# Neighbour offsets (di, dj) by the parity of the column i (see the module docstring).
_EVEN_COLUMN = ((0, -1), (0, 1), (-1, -1), (-1, 0), (1, -1), (1, 0))
_ODD_COLUMN = ((0, -1), (0, 1), (-1, 0), (-1, 1), (1, 0), (1, 1))


class HotspotClass(IntEnum):
    """Confidence class of a cell: sign = hot (+) or cold (-), size = confidence level."""

    HOT_99 = 3
    HOT_95 = 2
    HOT_90 = 1
    NOT_SIGNIFICANT = 0
    COLD_90 = -1
    COLD_95 = -2
    COLD_99 = -3

    @property
    def label(self) -> str:
        """English legend text; the GUI translates it (context "HotspotClass")."""
        return CLASS_LABELS[self]


# Ordered as a legend lists them: hottest first.
CLASS_LABELS: dict[HotspotClass, str] = {
    HotspotClass.HOT_99: QT_TRANSLATE_NOOP("HotspotClass", "Hot spot, 99 % confidence"),
    HotspotClass.HOT_95: QT_TRANSLATE_NOOP("HotspotClass", "Hot spot, 95 % confidence"),
    HotspotClass.HOT_90: QT_TRANSLATE_NOOP("HotspotClass", "Hot spot, 90 % confidence"),
    HotspotClass.NOT_SIGNIFICANT: QT_TRANSLATE_NOOP("HotspotClass", "Not significant"),
    HotspotClass.COLD_90: QT_TRANSLATE_NOOP("HotspotClass", "Cold spot, 90 % confidence"),
    HotspotClass.COLD_95: QT_TRANSLATE_NOOP("HotspotClass", "Cold spot, 95 % confidence"),
    HotspotClass.COLD_99: QT_TRANSLATE_NOOP("HotspotClass", "Cold spot, 99 % confidence"),
}

# (class level, FDR alpha), strictest first.
ALPHAS = ((3, 0.01), (2, 0.05), (1, 0.10))


@dataclass(frozen=True)
class GiStar:
    """Per cell, in the order of the counts given: z-score, p (two-sided), BH p, class."""

    z: np.ndarray
    p: np.ndarray
    p_fdr: np.ndarray
    classes: np.ndarray  # int8 values of HotspotClass

    @property
    def defined(self) -> bool:
        """False when the counts do not vary, so no cell can be hot or cold."""
        return bool(np.isfinite(self.z).any())


def hexagon_area(size: float) -> float:
    """Area (m^2) of a hexagon of side `size` (ST_HexagonGrid's size)."""
    return 1.5 * SQRT3 * size * size


def cell_neighbours(i: int, j: int) -> tuple[tuple[int, int], ...]:
    """The six cells that share an edge with cell (i, j) of ST_HexagonGrid."""
    offsets = _ODD_COLUMN if i % 2 else _EVEN_COLUMN
    return tuple((i + di, j + dj) for di, dj in offsets)


def neighbour_matrix(i: np.ndarray, j: np.ndarray) -> sparse.csr_matrix:
    """Binary, symmetric n x n adjacency of the given cells (no diagonal).

    Neighbours that are not among the cells (outside the grid) are left out.
    """
    i = np.asarray(i, dtype=np.int64)
    j = np.asarray(j, dtype=np.int64)
    n = len(i)
    if len(j) != n:
        raise ValueError("i and j must have the same length")
    if n == 0:
        return sparse.csr_matrix((0, 0), dtype=np.int8)
    # One integer key per cell, with a margin of one so neighbours' keys stay unique.
    i0, j0 = i.min() - 1, j.min() - 1
    height = int(j.max() - j0) + 2
    keys = (i - i0) * height + (j - j0)
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    if (np.diff(sorted_keys) == 0).any():
        raise ValueError("a cell is listed twice")
    odd = (i & 1).astype(bool)
    rows, cols = [], []
    for even_offset, odd_offset in zip(_EVEN_COLUMN, _ODD_COLUMN):
        di = np.where(odd, odd_offset[0], even_offset[0])
        dj = np.where(odd, odd_offset[1], even_offset[1])
        wanted = keys + di * height + dj
        at = np.searchsorted(sorted_keys, wanted)
        at_clipped = np.minimum(at, n - 1)
        found = sorted_keys[at_clipped] == wanted
        rows.append(np.nonzero(found)[0])
        cols.append(order[at_clipped[found]])
    row = np.concatenate(rows)
    col = np.concatenate(cols)
    data = np.ones(len(row), dtype=np.int8)
    return sparse.csr_matrix((data, (row, col)), shape=(n, n))


def gi_star(counts: np.ndarray, neighbours: sparse.spmatrix) -> tuple[np.ndarray, np.ndarray]:
    """Getis-Ord Gi* z-scores and two-sided p-values (binary weights, self included)."""
    x = np.asarray(counts, dtype=np.float64)
    n = len(x)
    if neighbours.shape != (n, n):
        raise ValueError("the neighbour matrix must be n x n for n counts")
    if n < 2:
        raise ValueError("Gi* needs at least two cells")
    mean = x.mean()
    spread = math.sqrt(max((x * x).mean() - mean * mean, 0.0))
    weights = np.asarray(neighbours.sum(axis=1)).ravel() + 1.0  # + the cell itself
    local_sum = neighbours @ x + x
    denominator = spread * np.sqrt((n * weights - weights * weights) / (n - 1))
    z = np.full(n, np.nan)
    defined = denominator > 1e-12 * max(1.0, spread)
    z[defined] = (local_sum[defined] - mean * weights[defined]) / denominator[defined]
    p = np.full(n, np.nan)
    p[defined] = 2.0 * stats.norm.sf(np.abs(z[defined]))
    return z, p


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """BH-adjusted p-values (step-up, capped at 1); NaN stays NaN and is not counted."""
    p = np.asarray(p, dtype=np.float64)
    adjusted = np.full(p.shape, np.nan)
    tested = np.nonzero(np.isfinite(p))[0]
    m = len(tested)
    if m == 0:
        return adjusted
    order = tested[np.argsort(p[tested], kind="stable")]
    scaled = p[order] * m / np.arange(1, m + 1)
    # The adjusted p of rank k is the smallest scaled p at rank k or above.
    adjusted[order] = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    return adjusted


def confidence_classes(z: np.ndarray, p_fdr: np.ndarray) -> np.ndarray:
    """HotspotClass value per cell from the z sign and the BH-adjusted p (see module doc)."""
    z = np.asarray(z, dtype=np.float64)
    p_fdr = np.asarray(p_fdr, dtype=np.float64)
    level = np.zeros(len(z), dtype=np.int8)
    tested = np.isfinite(p_fdr) & np.isfinite(z)
    for value, alpha in reversed(ALPHAS):  # loosest first, stricter levels overwrite
        level[tested & (p_fdr <= alpha)] = value
    return (level * np.sign(np.nan_to_num(z))).astype(np.int8)


def analyse(counts: np.ndarray, i: np.ndarray, j: np.ndarray) -> GiStar:
    """Gi*, p, BH p and class of every cell (i, j) of a grid with these counts."""
    z, p = gi_star(counts, neighbour_matrix(i, j))
    p_fdr = benjamini_hochberg(p)
    return GiStar(z=z, p=p, p_fdr=p_fdr, classes=confidence_classes(z, p_fdr))


def check_cell_size(size: float, area: float, max_cells: int = MAX_CELLS) -> int:
    """The grid's estimated number of cells over `area` m^2; refuses a size that will not do."""
    if not isinstance(size, (int, float)) or not math.isfinite(size) or size <= 0:
        raise ValidationError.single(
            "cell_size", f"The cell size must be a positive number of metres, not {size!r}."
        )
    estimate = math.ceil(area / hexagon_area(size))
    if estimate > max_cells:
        smallest = math.ceil(math.sqrt(area / (max_cells * hexagon_area(1.0))))
        raise ValidationError.single(
            "cell_size",
            f"Hexagons of {size:g} m would make about {estimate:,} cells over the municipality; "
            f"at most {max_cells:,} are allowed. Choose a cell size of at least {smallest} m.",
        )
    if estimate < MIN_CELLS:
        largest = math.floor(math.sqrt(area / (MIN_CELLS * hexagon_area(1.0))))
        raise ValidationError.single(
            "cell_size",
            f"Hexagons of {size:g} m would make only about {estimate} cells over the "
            f"municipality; hot spots need at least {MIN_CELLS}. Choose a cell size of at most "
            f"{largest} m.",
        )
    return estimate
