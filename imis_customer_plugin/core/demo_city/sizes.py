"""How big a Demo City is: presets for the demo and for city-scale benchmarks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoSize:
    """Target counts. Parcels are approximate (the street layout decides), the rest exact."""

    name: str
    parcels: int
    customers: int
    accounts: int
    correspondences: int

    def __post_init__(self) -> None:
        if self.parcels < 200:
            raise ValueError("A Demo City needs at least 200 parcels.")
        if not 1 <= self.customers <= self.accounts:
            raise ValueError("A Demo City needs 1 <= customers <= accounts.")
        if self.correspondences < 0:
            raise ValueError("The number of correspondences cannot be negative.")

    @property
    def wards(self) -> int:
        # Wards have roughly equal numbers of voters: about 4,300 erven each at city scale.
        return max(6, round(self.parcels / 4300))

    @property
    def suburbs(self) -> int:
        return max(8, round(self.parcels / 1500))

    @property
    def staff_per_department(self) -> int:
        return max(6, self.correspondences // 10_000)


SIZES = {
    "small": DemoSize("small", 4_000, 3_000, 3_500, 3_000),
    "city": DemoSize("city", 500_000, 800_000, 900_000, 1_000_000),
}


def demo_size(size: str | DemoSize) -> DemoSize:
    """A preset by name ("small", "city") or the given DemoSize itself."""
    if isinstance(size, DemoSize):
        return size
    try:
        return SIZES[size]
    except KeyError:
        known = ", ".join(sorted(SIZES))
        raise ValueError(f"Unknown demo size '{size}'; choose one of: {known}.") from None
