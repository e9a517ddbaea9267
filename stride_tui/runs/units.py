"""How runs' figures are written: pace as m:ss per kilometre, step length in metres."""

from __future__ import annotations

STEP_LENGTH_LABEL = "step length"
"""The name of the distance per step everywhere in stride (watches say "stride length")."""


def pace(seconds_per_km: float) -> str:
    """``5:30/km`` from 330 seconds per kilometre (rounded to the second)."""
    whole = round(seconds_per_km)
    return f"{whole // 60}:{whole % 60:02d}/km"


def step_length(metres: float) -> str:
    """``1.05 m``: a step length to the centimetre."""
    return f"{metres:.2f} m"


def cadence(steps_per_minute: float) -> str:
    """``172 spm``: a cadence in steps per minute, to the step."""
    return f"{steps_per_minute:.0f} spm"


def distance(metres: float) -> str:
    """``10.80 km``."""
    return f"{metres / 1000:.2f} km"


def strides_to_steps(strides_per_minute: float, fractional: float | None = None) -> float:
    """Steps per minute from FIT's running cadence.

    FIT stores running cadence as strides (one per pair of steps) per minute in whole
    numbers, with the fraction in a separate field; a step cadence is twice their sum.

    Args:
        strides_per_minute: FIT's ``cadence`` (or ``avg_cadence``).
        fractional: FIT's ``fractional_cadence`` (or ``avg_fractional_cadence``), if any.
    """
    return 2 * (strides_per_minute + (fractional or 0.0))
