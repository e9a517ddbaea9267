"""A run from a list of track points, as TCX and GPX files give them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime

from stride_tui.runs.model import Run, RunIdentity, RunSport, Samples

EARTH_RADIUS_M = 6_371_008.8
"""The mean Earth radius, for distances between positions."""
STOPPED_MPS = 0.5
"""Slower than this (1.8 km/h) counts as stopped."""
GAP_S = 60.0
"""A gap between points longer than this is a pause, not time moving."""


@dataclass(frozen=True, slots=True)
class Point:
    """One track point; any figure may be missing.

    Attributes:
        time: When, aware.
        distance_m: Distance since the start, where the file gives it.
        latitude: Degrees north, where given.
        longitude: Degrees east, where given.
        speed_mps: Speed, where given.
        cadence_spm: Cadence in steps per minute, where given.
    """

    time: datetime
    distance_m: float | None = None
    latitude: float | None = None
    longitude: float | None = None
    speed_mps: float | None = None
    cadence_spm: float | None = None


def haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The distance in metres between two (latitude, longitude) positions."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, h)))


def _distances(points: list[Point]) -> list[float | None]:
    if all(p.distance_m is not None for p in points):
        return [p.distance_m for p in points]
    total = 0.0
    out: list[float | None] = []
    previous: tuple[float, float] | None = None
    for p in points:
        here = (p.latitude, p.longitude)
        if here[0] is None or here[1] is None:
            out.append(None)
            continue
        position = (here[0], here[1])
        if previous is not None:
            total += haversine(previous, position)
        previous = position
        out.append(total)
    return out


def run_from_points(
    points: list[Point],
    *,
    sport: RunSport,
    sub_sport: str,
    device: str,
    sha256: str,
    distance_m: float | None = None,
    moving_time_s: float | None = None,
) -> Run:
    """A run from its track points (sorted by time, at least one).

    Distance comes from the points' own distances, else from their positions; speed
    from the points' own, else from distance over time between points; moving time
    from the file where given, else the time between points moving faster than
    :data:`STOPPED_MPS` with no gap over :data:`GAP_S`. Step length is distance over
    steps, counted from cadence over the moving time.
    """
    start = points[0].time.astimezone(UTC)
    distances = _distances(points)
    samples = Samples()
    moving = 0.0
    steps = 0.0
    cadences: list[float] = []
    covered = 0.0
    for index, point in enumerate(points):
        t = (point.time - points[0].time).total_seconds()
        speed = point.speed_mps
        if index:
            dt = (point.time - points[index - 1].time).total_seconds()
            here, before = distances[index], distances[index - 1]
            delta = here - before if here is not None and before is not None else None
            if speed is None and delta is not None and dt > 0:
                speed = delta / dt
            if 0 < dt <= GAP_S and speed is not None and speed >= STOPPED_MPS:
                moving += dt
                covered += delta or 0.0
                if point.cadence_spm:
                    steps += point.cadence_spm / 60 * dt
        cadence = point.cadence_spm or None
        if cadence and (speed is None or speed >= STOPPED_MPS):
            cadences.append(cadence)
        step = speed / (cadence / 60) if cadence and speed is not None else None
        samples.append(t, distances[index], speed, cadence, step)
    last = next((d for d in reversed(distances) if d is not None), 0.0)
    distance = distance_m if distance_m is not None else last
    cadence_avg = sum(cadences) / len(cadences) if cadences else None
    step_avg = covered / steps if cadence_avg is not None and steps > 0 else None
    return Run(
        start=start,
        sport=sport,
        sub_sport=sub_sport,
        distance_m=distance,
        moving_time_s=moving_time_s if moving_time_s is not None else moving,
        cadence_spm=cadence_avg,
        step_length_m=step_avg,
        gct_balance_left_pct=None,
        device=device,
        identity=RunIdentity(sha256, start, f"creator:{device}"),
        samples=samples,
    )


def parse_time(text: str | None) -> datetime | None:
    """An ISO 8601 time (``2026-11-14T07:13:20Z``) as an aware datetime; else ``None``.

    A time with no zone is taken as UTC, as GPX and TCX say times are.
    """
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def number(text: str | None) -> float | None:
    """A finite number from an element's text; else ``None``."""
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
