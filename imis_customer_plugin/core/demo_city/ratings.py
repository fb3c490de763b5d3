"""Customers' satisfaction ratings of the Demo City's closed items.

The resolution message asks the customer to rate the service; about a third answer, most
by SMS, within a day or two. Scores follow whether the item was resolved within its SLA
resolution target: in time mostly 4-5, late mostly 1-3. Compliments are acknowledged, not
resolved, and are never rated. Ratings that would come after `as_of` have not come yet.

Made from the closed items as they are in the register (ids, times, SLA outcome), so the
same function rates a freshly generated city and an existing copy of one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .reference import INTAKE_ROLE
from .streams import Stream, rng

RATED_SHARE = 0.35
SCORES = np.arange(1, 6)
SCORE_WEIGHTS_IN_TIME = np.array([0.03, 0.05, 0.14, 0.38, 0.40])
SCORE_WEIGHTS_LATE = np.array([0.22, 0.26, 0.25, 0.17, 0.10])
CHANNELS = np.array(["sms", "telephone", "email", "web"], dtype=object)
CHANNEL_WEIGHTS = np.array([0.50, 0.25, 0.15, 0.10])
REPLY_MEDIAN_HOURS = 20.0
COMMENTS = {  # by score; most customers leave none
    1: ("Nobody came back to me.", "Took far too long.", "Still not fixed properly."),
    2: ("Slow, and I had to phone twice.", "Fixed, but only after many calls."),
    3: ("It was sorted in the end.", "Fair service."),
    4: ("Thank you, sorted quickly.", "Good service from the team."),
    5: ("Excellent, fixed the same day!", "Very friendly and quick, thank you."),
}
COMMENT_SHARE = 0.4


@dataclass(frozen=True)
class ClosedItems:
    """The register's closed items, one array entry each."""

    ids: np.ndarray  # int64
    closed_at: np.ndarray  # int64 epoch seconds
    in_time: np.ndarray  # bool: resolved by the resolution target (or had none)
    compliment: np.ndarray  # bool
    logged_by: np.ndarray  # object: who takes a telephone rating at the desk


def demo_ratings(seed: int, items: ClosedItems, as_of: int) -> dict[str, object]:
    """COPY columns of imis.satisfaction_rating for a share of `items` (as_of: epoch s)."""
    generator = rng(seed, Stream.RATINGS)
    count = len(items.ids)
    asked = ~items.compliment & (generator.random(count) < RATED_SHARE)
    delay = REPLY_MEDIAN_HOURS * 3600 * np.exp(generator.normal(0.0, 0.8, count))
    rated_at = items.closed_at + delay.astype(np.int64) + 60
    chosen = np.flatnonzero(asked & (rated_at <= as_of))
    in_time = items.in_time[chosen]
    score = np.where(
        in_time,
        generator.choice(SCORES, len(chosen), p=SCORE_WEIGHTS_IN_TIME),
        generator.choice(SCORES, len(chosen), p=SCORE_WEIGHTS_LATE),
    )
    channel = CHANNELS[generator.choice(len(CHANNELS), len(chosen), p=CHANNEL_WEIGHTS)]
    commented = generator.random(len(chosen)) < COMMENT_SHARE
    pick = generator.random(len(chosen))
    comment = [
        COMMENTS[s][int(u * len(COMMENTS[s]))] if c else ""
        for s, u, c in zip(score.tolist(), pick.tolist(), commented.tolist())
    ]
    desk = channel == "telephone"
    return {
        "correspondence_id": items.ids[chosen],
        "score": score,
        "comment": comment,
        "channel": channel,
        "rated_at": rated_at[chosen].astype("datetime64[s]"),
        # Replies by SMS, e-mail and the web come in through the intake.
        "recorded_by": np.where(desk, items.logged_by[chosen], INTAKE_ROLE),
    }
