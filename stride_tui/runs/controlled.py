"""A controlled-run figure that pace can't fake: step length and cadence at one pace.

Step length grows with speed, so a run's average says more about how fast it was than
about the stride. Each run's figure is taken at the runner's reference pace instead:

1. The samples that count are those after the first :data:`WARMUP_S` seconds, at least
   :data:`AFTER_STOP_S` seconds after any stop (slower than :data:`STOPPED_MPS`), with
   cadence, and within ±:data:`WINDOW` of the reference pace (edges included).
2. With less than :data:`MIN_TIME_S` of them, the run gives
   :class:`TooLittleNearPace`, never a number.
3. Otherwise step length is fitted against speed over those samples, a straight line
   weighted by each sample's time, and read off at the reference speed. The slope is
   pulled towards a typical one (step length rising 0.6 % for each 1 % of speed) as
   much as a 1 % spread of speed would weigh, so a run held at one steady speed a little
   off the reference still lands on it, and a run with plenty of spread follows its own
   slope. Cadence at the reference pace follows: speed over step length.

Why a fit, not the plain average of the stretches near the pace: within ±8 % the pace
still moves step length by several percent, so an average depends on whether the run sat
at the slow or the fast side of the window. The fit removes that, and the window keeps it
from reaching far (it interpolates, never extrapolates beyond 8 %).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from stride_tui.runs import units
from stride_tui.runs.model import Run

WINDOW = 0.08
"""How far from the reference pace a sample may be, as a share of it (both ways)."""
WARMUP_S = 180.0
"""The first seconds of a run, left out (the legs and the watch's pace settle)."""
AFTER_STOP_S = 10.0
"""Seconds left out after a stop, while the runner gets back to pace."""
STOPPED_MPS = 0.5
"""Slower than this counts as stopped."""
MIN_TIME_S = 300.0
"""The least time within the window that gives a figure."""
LONGEST_SAMPLE_S = 10.0
"""A sample counts for the time since the one before, at most this long (a gap is not
time at pace)."""
TYPICAL_ELASTICITY = 0.6
"""Percent of step length gained per percent of speed, the slope a fit leans towards."""
PRIOR_SPREAD = 0.01
"""How much the typical slope weighs: as much as samples spread by 1 % of speed."""
REFERENCE_WEEKS = 12
"""The default reference pace is the median over this many weeks of runs."""


@dataclass(frozen=True, slots=True)
class AtReferencePace:
    """A run's step length and cadence at the reference pace.

    Attributes:
        step_length_m: Step length at the reference pace, in metres.
        cadence_spm: Cadence at the reference pace, in steps per minute.
        reference_pace_s_per_km: The pace they are taken at.
        seconds_used: Time within the window that the fit rests on.
        slope_m_per_mps: How step length rose with speed in the fit (metres per m/s).
    """

    step_length_m: float
    cadence_spm: float
    reference_pace_s_per_km: float
    seconds_used: float
    slope_m_per_mps: float

    def words(self) -> str:
        """``1.05 m, 171 spm at 5:30/km``."""
        return (
            f"{units.step_length(self.step_length_m)}, {units.cadence(self.cadence_spm)}"
            f" at {units.pace(self.reference_pace_s_per_km)}"
        )


@dataclass(frozen=True, slots=True)
class TooLittleNearPace:
    """A run with too little time near the reference pace to give a figure.

    Attributes:
        seconds_near: Time within the window that counted.
        reference_pace_s_per_km: The reference pace.
    """

    seconds_near: float
    reference_pace_s_per_km: float

    def words(self) -> str:
        """``too little time near the reference pace (2 min within ±8% of 5:30/km; …)``."""
        return (
            f"too little time near the reference pace ({self.seconds_near / 60:.0f} min"
            f" within ±{WINDOW:.0%} of {units.pace(self.reference_pace_s_per_km)};"
            f" {MIN_TIME_S / 60:.0f} min needed)"
        )


@dataclass(frozen=True, slots=True)
class NoCadence:
    """A run whose file has no cadence: no step figure can be taken from it."""

    def words(self) -> str:
        """``no cadence in this file``."""
        return "no cadence in this file"


Figure = AtReferencePace | TooLittleNearPace | NoCadence
"""What a run gives at the reference pace."""


def in_window(pace_s_per_km: float, reference_s_per_km: float, window: float = WINDOW) -> bool:
    """Whether a pace is within ``window`` (a share) of the reference, edges included."""
    return abs(pace_s_per_km - reference_s_per_km) <= reference_s_per_km * window + 1e-9


def at_reference_pace(run: Run, reference_s_per_km: float) -> Figure:
    """A run's step length and cadence at ``reference_s_per_km`` (see the module's notes).

    Args:
        run: The run, with its samples.
        reference_s_per_km: The reference pace in seconds per kilometre.
    """
    samples = run.samples
    times, speeds = samples.time_s, samples.speed_mps
    cadences, steps = samples.cadence_spm, samples.step_length_m
    if run.cadence_spm is None or not any(c > 0 for c in cadences):
        return NoCadence()
    low_speed = 1000 / (reference_s_per_km * (1 + WINDOW) + 1e-9)
    high_speed = 1000 / (reference_s_per_km * (1 - WINDOW) - 1e-9)
    moving_from = -math.inf
    stopped = False
    previous = None
    sw = swx = swy = swxx = swxy = 0.0
    for t, v, c, step in zip(times, speeds, cadences, steps, strict=True):
        dt = 1.0 if previous is None else min(max(t - previous, 0.0), LONGEST_SAMPLE_S)
        previous = t
        if not v >= STOPPED_MPS:  # also NaN
            stopped = True
            continue
        if stopped:  # moving again: the next seconds are left out too
            moving_from = t + AFTER_STOP_S
            stopped = False
        if t < WARMUP_S or t < moving_from or not c > 0 or not step > 0:
            continue
        if not low_speed <= v <= high_speed or not in_window(1000 / v, reference_s_per_km):
            continue
        sw += dt
        swx += dt * v
        swy += dt * step
        swxx += dt * v * v
        swxy += dt * v * step
    if sw < MIN_TIME_S:
        return TooLittleNearPace(sw, reference_s_per_km)
    mean_v, mean_step = swx / sw, swy / sw
    sxx = max(swxx - sw * mean_v * mean_v, 0.0)
    sxy = swxy - sw * mean_v * mean_step
    reference_speed = 1000 / reference_s_per_km
    prior = TYPICAL_ELASTICITY * mean_step / mean_v
    weight = sw * (PRIOR_SPREAD * reference_speed) ** 2
    slope = (sxy + weight * prior) / (sxx + weight)
    step_at = mean_step + slope * (reference_speed - mean_v)
    return AtReferencePace(
        step_length_m=step_at,
        cadence_spm=reference_speed / step_at * 60,
        reference_pace_s_per_km=reference_s_per_km,
        seconds_used=sw,
        slope_m_per_mps=slope,
    )


def reference_pace(
    runs: Iterable[Run], now: datetime, weeks: int = REFERENCE_WEEKS
) -> float | None:
    """The default reference pace: the median pace of the runs in the last ``weeks``.

    Args:
        runs: Runs, in any order.
        now: The time now (aware); runs that start after it are left out.
        weeks: How far back to look.

    Returns:
        Seconds per kilometre, or ``None`` with no run in that time.
    """
    since = now - timedelta(weeks=weeks)
    paces = [
        pace for run in runs if since < run.start <= now and (pace := run.pace_s_per_km) is not None
    ]
    return statistics.median(paces) if paces else None
