"""Runs from TCX files (Garmin's Training Center XML).

What a TCX file gives: the activity's ``Sport`` (``Running``, ``Biking``, ``Other``), its
laps' ``TotalTimeSeconds`` (timer time) and ``DistanceMeters``, and track points with
``Time``, ``DistanceMeters``, positions and, in Garmin's ActivityExtension, ``Speed`` and
``RunCadence`` (strides per minute, doubled here into steps). ``Cadence`` on a point of a
run is taken the same way. The creator's ``Name`` is the device. TCX has no step length
or ground-contact balance of its own: step length is distance over steps.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from stride_tui.runs import units
from stride_tui.runs.model import RunSport
from stride_tui.runs.outcomes import Damaged, FileResult, Skipped
from stride_tui.runs.safe_xml import XmlRefused, local, parse
from stride_tui.runs.track import Point, number, parse_time, run_from_points

_SPORTS = {"biking": "a cycling activity"}


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((child for child in element if local(child.tag) == name), None)


def _text(element: ET.Element, name: str) -> str | None:
    found = _child(element, name)
    return found.text if found is not None else None


def _deep(element: ET.Element, name: str) -> str | None:
    found = next((e for e in element.iter() if local(e.tag) == name), None)
    return found.text if found is not None else None


def read_tcx(data: bytes, sha256: str) -> FileResult:
    """Read a TCX file's first activity into a run, or say why it holds none."""
    try:
        root = parse(data)
    except XmlRefused as refused:
        return Damaged(refused.why)
    activity = next((e for e in root.iter() if local(e.tag) == "Activity"), None)
    if activity is None:
        return Damaged("a TCX file with no activity in it")
    sport = (activity.get("Sport") or "").strip()
    if sport.lower() != "running":
        return Skipped(_SPORTS.get(sport.lower(), f"an activity of sport {sport or 'not given'}"))
    points: list[Point] = []
    laps = [lap for lap in activity if local(lap.tag) == "Lap"]
    for point in (e for lap in laps for e in lap.iter() if local(e.tag) == "Trackpoint"):
        moment = parse_time(_text(point, "Time"))
        if moment is None:
            continue
        position = _child(point, "Position")
        strides = number(_deep(point, "RunCadence")) or number(_text(point, "Cadence"))
        points.append(
            Point(
                time=moment,
                distance_m=number(_text(point, "DistanceMeters")),
                latitude=number(_text(position, "LatitudeDegrees"))
                if position is not None
                else None,
                longitude=number(_text(position, "LongitudeDegrees"))
                if position is not None
                else None,
                speed_mps=number(_deep(point, "Speed")),
                cadence_spm=units.strides_to_steps(strides) if strides else None,
            )
        )
    if not points:
        return Damaged("a TCX run with no timed track points")
    points.sort(key=lambda p: p.time)
    timer = [number(_text(lap, "TotalTimeSeconds")) for lap in laps]
    lengths = [number(_text(lap, "DistanceMeters")) for lap in laps]
    creator = _child(activity, "Creator")
    device = (_text(creator, "Name") or "").strip() if creator is not None else ""
    return run_from_points(
        points,
        sport=RunSport.RUNNING,
        sub_sport="generic",
        device=device,
        sha256=sha256,
        distance_m=sum(v for v in lengths if v is not None) if any(lengths) else None,
        moving_time_s=sum(v for v in timer if v is not None) if any(timer) else None,
    )
