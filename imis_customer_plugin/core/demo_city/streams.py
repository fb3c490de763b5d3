"""Independent, reproducible random streams: one per purpose and chunk.

Every part of the city draws from its own stream, so generating one table (or one chunk)
never shifts the numbers of another, and chunks can be made in any order.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np


class Stream(IntEnum):
    MESH = 1
    CELL = 2
    PEOPLE = 3
    CUSTOMER_CHUNK = 4
    ACCOUNTS = 5
    STAFF = 6
    CALENDAR = 7
    CORRESPONDENCE_CHUNK = 8
    NAMES = 9
    HOTSPOTS = 10
    WORK = 100
    RATINGS = 101


def rng(seed: int, stream: Stream, *keys: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(int(stream), *keys)))
