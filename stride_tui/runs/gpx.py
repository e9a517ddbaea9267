"""Runs from GPX files, with cadence from Garmin's TrackPointExtension.

What a GPX file gives: track points with positions and times, and where the device
writes Garmin's TrackPointExtension (v1 or v2), ``cad``: cadence in strides per minute
as Garmin and Strava export it for runs, doubled here into steps (a file whose cadences
are mostly above 120 already counts steps, and is taken as it is). Distance comes from
the positions, speed from distance over time, and step length from distance over
steps. A track's ``type`` (``running``, ``cycling``, or Strava's numbers, ``9`` for a
run) says the sport; a file without one is taken as a run. The ``creator`` attribute is
the device. GPX has no moving time, step length or ground-contact balance of its own.
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET

from stride_tui.runs import units
from stride_tui.runs.model import RunSport
from stride_tui.runs.outcomes import Damaged, FileResult, Skipped
from stride_tui.runs.safe_xml import XmlRefused, local, parse
from stride_tui.runs.track import Point, number, parse_time, run_from_points

STEPS_ALREADY = 120.0
"""A median cadence above this is steps per minute already, not strides."""
_RUN_TYPES = {"running", "run", "trail_running", "treadmill_running", "9"}
_TRAIL_TYPES = {"trail_running"}


def _first(element: ET.Element, name: str) -> str | None:
    found = next((e for e in element.iter() if local(e.tag) == name), None)
    return found.text if found is not None else None


def read_gpx(data: bytes, sha256: str) -> FileResult:
    """Read a GPX file's tracks into one run, or say why it holds none."""
    try:
        root = parse(data)
    except XmlRefused as refused:
        return Damaged(refused.why)
    if local(root.tag) != "gpx":
        return Damaged("not a GPX file (its root element is not <gpx>)")
    tracks = [e for e in root if local(e.tag) == "trk"]
    kind = next(
        (
            t.text.strip().lower()
            for trk in tracks
            for t in trk
            if local(t.tag) == "type" and t.text
        ),
        None,
    )
    if kind is not None and kind not in _RUN_TYPES:
        if kind.isdigit():
            return Skipped(f"an activity of type {kind}")
        article = "an" if kind[:1] in "aeiou" else "a"
        return Skipped(f"{article} {kind.replace('_', ' ')} activity")
    raw: list[tuple[Point, float | None]] = []
    for point in (e for trk in tracks for e in trk.iter() if local(e.tag) == "trkpt"):
        moment = parse_time(_first(point, "time"))
        if moment is None:
            continue
        raw.append(
            (
                Point(
                    moment, latitude=number(point.get("lat")), longitude=number(point.get("lon"))
                ),
                number(_first(point, "cad")),
            )
        )
    if not raw:
        return Damaged("a GPX file with no timed track points")
    cadences = [c for _, c in raw if c]
    doubled = not cadences or statistics.median(cadences) <= STEPS_ALREADY
    points = [
        Point(
            p.time,
            latitude=p.latitude,
            longitude=p.longitude,
            cadence_spm=(units.strides_to_steps(c) if doubled else c) if c else None,
        )
        for p, c in raw
    ]
    points.sort(key=lambda p: p.time)
    return run_from_points(
        points,
        sport=RunSport.TRAIL if kind in _TRAIL_TYPES else RunSport.RUNNING,
        sub_sport=kind or "generic",
        device=(root.get("creator") or "").strip(),
        sha256=sha256,
    )
