"""Hotspot statistics (core.hotspots): the hexagon neighbour rule, Gi* worked by hand and
against PySAL's esda, the Benjamini-Hochberg correction worked by hand, the classes, and
the cell size check."""

from __future__ import annotations

import math
import warnings

import esda  # test-only dependency (requirements-dev.txt): the reference Gi*
import numpy as np
import pytest
from libpysal.weights import W

from imis_customer_plugin.core import hotspots
from imis_customer_plugin.core.errors import ValidationError
from imis_customer_plugin.core.hotspots import HotspotClass


def _lattice(columns: range, rows: range) -> tuple[np.ndarray, np.ndarray]:
    i, j = np.meshgrid(np.array(columns), np.array(rows), indexing="ij")
    return i.ravel(), j.ravel()


def _centres(i: np.ndarray, j: np.ndarray, size: float) -> np.ndarray:
    """ST_HexagonGrid's cell centres (core.hotspots' module docstring)."""
    return np.column_stack((1.5 * size * i, math.sqrt(3) * size * (j + 0.5 * (i % 2))))


# --- neighbours -------------------------------------------------------------------------


def test_an_even_column_cell_borders_the_rows_below_in_the_columns_beside_it() -> None:
    assert set(hotspots.cell_neighbours(2, 5)) == {
        (2, 4), (2, 6), (1, 4), (1, 5), (3, 4), (3, 5),
    }  # fmt: skip


def test_an_odd_column_cell_borders_the_rows_above_in_the_columns_beside_it() -> None:
    assert set(hotspots.cell_neighbours(3, 5)) == {
        (3, 4), (3, 6), (2, 5), (2, 6), (4, 5), (4, 6),
    }  # fmt: skip


def test_negative_odd_columns_are_odd_too() -> None:
    assert set(hotspots.cell_neighbours(-1, 0)) == {
        (-1, -1), (-1, 1), (-2, 0), (-2, 1), (0, 0), (0, 1),
    }  # fmt: skip


def test_neighbours_are_exactly_the_centres_one_hexagon_width_away() -> None:
    """Independent of the offset rule: adjacent hexagons' centres are sqrt(3) * size apart,
    the next ring's at least 3 * size."""
    i, j = _lattice(range(-4, 7), range(-3, 6))
    matrix = hotspots.neighbour_matrix(i, j).toarray()
    centres = _centres(i, j, 10.0)
    distance = np.linalg.norm(centres[:, None, :] - centres[None, :, :], axis=2)
    expected = np.isclose(distance, math.sqrt(3) * 10.0)
    assert (matrix.astype(bool) == expected).all()


def test_the_neighbour_matrix_is_symmetric_and_leaves_out_cells_off_the_grid() -> None:
    i, j = _lattice(range(5), range(5))
    matrix = hotspots.neighbour_matrix(i, j)
    assert (matrix != matrix.T).nnz == 0
    degrees = dict(zip(zip(i.tolist(), j.tolist()), np.asarray(matrix.sum(axis=1)).ravel()))
    assert degrees[(2, 2)] == 6  # inside
    assert degrees[(0, 0)] == 2  # a corner: (0, 1) and (1, 0)
    assert degrees[(1, 4)] == 3  # odd column on the top row: (1, 3), (0, 4), (2, 4)


def test_a_cell_listed_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        hotspots.neighbour_matrix(np.array([0, 1, 0]), np.array([0, 0, 0]))


# --- Gi* worked by hand -------------------------------------------------------------------


def test_gi_star_of_one_busy_cell_in_a_3_by_3_grid_worked_by_hand() -> None:
    """Counts 9 in cell (1, 1), 0 elsewhere: n = 9, mean 1, S = sqrt(81/9 - 1) = sqrt(8).

    (1, 1) has its 6 neighbours (1,0) (1,2) (0,1) (0,2) (2,1) (2,2) in the grid, so W = 7:
    z = (9 - 7) / (sqrt(8) * sqrt((9*7 - 49) / 8)) = 2 / sqrt(14).
    Corner (0, 0) has (0, 1) and (1, 0), W = 3, sum 0:
    z = (0 - 3) / (sqrt(8) * sqrt((27 - 9) / 8)) = -3 / sqrt(18).
    Cell (0, 1) has (0,0) (0,2) (1,0) (1,1): W = 5, sum 9:
    z = (9 - 5) / (sqrt(8) * sqrt((45 - 25) / 8)) = 4 / sqrt(20).
    """
    i, j = _lattice(range(3), range(3))
    counts = np.where((i == 1) & (j == 1), 9, 0)
    z, p = hotspots.gi_star(counts, hotspots.neighbour_matrix(i, j))
    at = {(a, b): k for k, (a, b) in enumerate(zip(i.tolist(), j.tolist()))}
    assert z[at[(1, 1)]] == pytest.approx(2 / math.sqrt(14), abs=1e-12)
    assert z[at[(0, 0)]] == pytest.approx(-3 / math.sqrt(18), abs=1e-12)
    assert z[at[(0, 1)]] == pytest.approx(4 / math.sqrt(20), abs=1e-12)
    # two-sided: 2 * (1 - Phi(|z|)) = 1 - erf(|z| / sqrt(2))
    assert p[at[(1, 1)]] == pytest.approx(1 - math.erf(2 / math.sqrt(14) / math.sqrt(2)))


def test_counts_that_do_not_vary_have_no_hot_or_cold_spots() -> None:
    i, j = _lattice(range(6), range(6))
    result = hotspots.analyse(np.full(36, 4), i, j)
    assert not result.defined
    assert np.isnan(result.z).all() and np.isnan(result.p_fdr).all()
    assert (result.classes == HotspotClass.NOT_SIGNIFICANT).all()


# --- Gi* against PySAL ----------------------------------------------------------------------


def _esda_gi_star(counts: np.ndarray, matrix) -> object:
    """esda's Gi* on the same binary neighbours: transform 'B' (esda's default 'R' would
    row-standardise) and star=True, which puts 1 on the diagonal of binary weights: the same
    weights as ours. permutations=0: the analytical (normal) moments only."""
    neighbours = {k: matrix[k].indices.tolist() for k in range(matrix.shape[0])}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # islands and disconnected parts are intended here
        weights = W(neighbours, silence_warnings=True)
        return esda.G_Local(counts, weights, transform="B", star=True, permutations=0)


@pytest.mark.parametrize("seed", [1, 7, 2026])
def test_gi_star_equals_esda_g_local_star_on_random_counts(seed: int) -> None:
    """Random Poisson counts (many zeros) on a hex lattice with a ragged edge and holes."""
    rng = np.random.default_rng(seed)
    i, j = _lattice(range(-6, 24), range(-4, 18))
    keep = rng.random(len(i)) > 0.15
    i, j = i[keep], j[keep]
    counts = rng.poisson(rng.gamma(0.6, 4.0, len(i)))
    counts[rng.random(len(i)) < 0.05] += 40  # a few busy cells
    matrix = hotspots.neighbour_matrix(i, j)
    ours = hotspots.analyse(counts, i, j)
    theirs = _esda_gi_star(counts.astype(float), matrix)
    assert np.abs(ours.z - theirs.Zs).max() < 1e-6
    # esda's p_norm is one-sided: the upper tail of |z|
    assert np.abs(ours.p - 2 * theirs.p_norm).max() < 1e-6


def test_a_planted_cluster_is_hot_and_its_emptiness_around_is_not() -> None:
    rng = np.random.default_rng(3)
    i, j = _lattice(range(30), range(30))
    counts = rng.poisson(2.0, len(i))
    cluster = (np.abs(i - 15) <= 1) & (np.abs(j - 15) <= 1)
    counts[cluster] += 25
    result = hotspots.analyse(counts, i, j)
    centre = int(np.nonzero((i == 15) & (j == 15))[0][0])
    assert result.classes[centre] == HotspotClass.HOT_99
    far = (np.abs(i - 15) > 4) | (np.abs(j - 15) > 4)
    assert (result.classes[far] <= 0).all()


# --- Benjamini-Hochberg -------------------------------------------------------------------


def test_bh_adjusted_p_values_worked_by_hand() -> None:
    """m = 5. Sorted: 0.005 0.01 0.03 0.04 0.20; times m / rank: 0.025 0.025 0.05 0.05 0.20;
    the running minimum from the largest rank down leaves them as they are."""
    adjusted = hotspots.benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.005, 0.20]))
    assert adjusted == pytest.approx([0.025, 0.05, 0.05, 0.025, 0.20])


def test_bh_is_a_step_up_procedure() -> None:
    """m = 3: 0.01 * 3 = 0.03, 0.02 * 3/2 = 0.03, 0.021 * 3/3 = 0.021: the smallest p's
    adjusted value is pulled down to the larger ranks' 0.021 (monotone), and capped at 1."""
    adjusted = hotspots.benjamini_hochberg(np.array([0.02, 0.01, 0.021]))
    assert adjusted == pytest.approx([0.021, 0.021, 0.021])
    assert hotspots.benjamini_hochberg(np.array([0.9, 0.8]))[0] == pytest.approx(0.9)
    assert hotspots.benjamini_hochberg(np.array([1.0, 1.0])).max() <= 1.0


def test_bh_leaves_undefined_p_values_out_of_the_count() -> None:
    adjusted = hotspots.benjamini_hochberg(np.array([0.01, np.nan, 0.04]))
    assert np.isnan(adjusted[1])
    assert adjusted[[0, 2]] == pytest.approx([0.02, 0.04])  # m = 2, not 3


# --- classes ---------------------------------------------------------------------------------


def test_classes_follow_the_fdr_adjusted_p_and_the_sign_of_z() -> None:
    z = np.array([4.0, 2.5, 1.8, 1.0, -1.8, -2.5, -4.0, np.nan])
    p_fdr = np.array([0.001, 0.03, 0.08, 0.2, 0.10, 0.05, 0.01, np.nan])
    assert hotspots.confidence_classes(z, p_fdr).tolist() == [3, 2, 1, 0, -1, -2, -3, 0]


def test_every_class_has_a_legend_label_hottest_first() -> None:
    assert list(hotspots.CLASS_LABELS) == sorted(HotspotClass, reverse=True)
    assert HotspotClass.COLD_95.label == "Cold spot, 95 % confidence"


# --- cell size ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, -50, math.nan, math.inf, "200"])
def test_a_cell_size_that_is_not_a_positive_number_is_refused(size) -> None:
    with pytest.raises(ValidationError, match="positive number of metres"):
        hotspots.check_cell_size(size, 9e6)


def test_a_grid_of_too_many_cells_is_refused_with_the_smallest_size_that_will_do() -> None:
    area = 2.5e9  # about Cape Town
    with pytest.raises(ValidationError) as refused:
        hotspots.check_cell_size(50, area)
    message = str(refused.value)
    smallest = math.ceil(math.sqrt(area / (hotspots.MAX_CELLS * hotspots.hexagon_area(1))))
    assert f"about {math.ceil(area / hotspots.hexagon_area(50)):,} cells" in message
    assert "at most 200,000" in message
    assert f"at least {smallest} m" in message
    assert hotspots.check_cell_size(smallest, area) <= hotspots.MAX_CELLS


def test_a_grid_of_too_few_cells_is_refused() -> None:
    with pytest.raises(ValidationError, match="at least 30"):
        hotspots.check_cell_size(2000, 9e6)


def test_the_hexagon_area_is_three_halves_root_three_side_squared() -> None:
    assert hotspots.hexagon_area(100) == pytest.approx(25_980.76, abs=0.01)
    assert hotspots.check_cell_size(100, 9e6) == math.ceil(9e6 / hotspots.hexagon_area(100))
