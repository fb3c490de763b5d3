"""Scale bands of the map (scale denominators): what is drawn how far out.

The Demo City fits the screen at about 1:9,000, the benchmark city at about 1:60,000. Beyond
POINTS the open items are summed per ward instead: a million points drawn at city scale
would be slow and unreadable.
"""

from __future__ import annotations

POINTS = 25_000  # correspondence points and parcels with open items, from here inwards
PARCELS = 15_000  # parcel outlines
# Labels cost about 2 ms each to draw (measured, 2-CPU VM): only near in, where they are few.
STREET = 3_000  # references beside the points, from the 1:2,500 preset inwards
ERF_NUMBERS = 1_500  # erf numbers inside the parcels, from the 1:1,000 preset inwards
CLOSED = 10_000  # closed items, when the user shows them
SUBURB_NAMES = 30_000
