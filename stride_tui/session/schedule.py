"""When, within a segment, each event falls due: a pure function of the segment and its length.

The engine asks again whenever a segment's length changes (+/-10 s), so halfway and the
last-seconds ticks always follow the current end.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from stride_tui.routine.plan import BeatUnit, Segment, SegmentKind
from stride_tui.session.events import EventKind

HALFWAY_FROM = 20.0
"""Holds at least this long get a halfway chime."""

COUNTDOWN = (3, 2, 1)
CUE_ROTATION = 8.0
"""Seconds each whole-step cue shows before the next one, when a step has several."""
_ORDER = {kind: rank for rank, kind in enumerate(EventKind)}


@dataclass(frozen=True, slots=True)
class Due:
    """An event due ``offset`` seconds into its segment."""

    offset: float
    kind: EventKind
    number: int = 0
    text: str = ""


def _is_hold(segment: Segment) -> bool:
    return segment.kind is SegmentKind.WORK and segment.beat is None


def _cues_in_turn(segment: Segment, duration: float) -> list[Due]:
    """Whole-step cues, each as it comes up in turn (just the first, if there is one)."""
    cues = segment.cues
    if not cues:
        return []
    turns = max(1, math.ceil(duration / CUE_ROTATION)) if len(cues) > 1 else 1
    return [
        Due(turn * CUE_ROTATION, EventKind.CUE_SHOWN, turn, cues[turn % len(cues)])
        for turn in range(turns)
    ]


def schedule(segment: Segment, duration: float) -> list[Due]:
    """Every event inside ``segment`` when it lasts ``duration`` seconds, in order.

    Events fall strictly before the end, except the start of an empty segment; what
    happens at the end (step or routine finished) belongs to the boundary, not here.
    """
    due = [Due(0.0, EventKind.SEGMENT_STARTED)]
    if segment.kind is SegmentKind.WAIT:
        prompt = segment.cues[0] if segment.cues else ""
        return [*due, Due(0.0, EventKind.WAITING, text=prompt)]
    if segment.kind is SegmentKind.SWITCH:
        due.append(Due(0.0, EventKind.SWITCH_SIDES, text=segment.side or ""))
    ticks = None
    if segment.kind is SegmentKind.GET_READY:
        ticks = EventKind.GET_READY_TICK
    elif _is_hold(segment) or (segment.kind is SegmentKind.REST and duration > 3):
        ticks = EventKind.LAST_SECONDS
    if ticks is not None:
        due += [Due(duration - n, ticks, n) for n in COUNTDOWN if duration - n >= 0]
    if _is_hold(segment) and duration >= HALFWAY_FROM:
        due.append(Due(duration / 2, EventKind.HALFWAY))
    if segment.kind is SegmentKind.WORK:
        due += [Due(cue.at, EventKind.CUE, text=cue.text) for cue in segment.timed_cues]
        due += _cues_in_turn(segment, duration)
    beat = segment.beat
    if beat is not None and beat.period > 0:
        for count in range(beat.count):
            start = count * beat.period
            if start >= duration:
                break
            if beat.unit is BeatUnit.REP:
                due.append(Due(start, EventKind.REP, count + 1))
            offset = start
            for phase in beat.phases:
                if offset < duration and (beat.unit is BeatUnit.BREATH or len(beat.phases) > 1):
                    kind = EventKind.BREATHE if beat.unit is BeatUnit.BREATH else EventKind.PHASE
                    due.append(Due(offset, kind, count + 1, phase.name))
                offset += phase.seconds
    due = [d for d in due if d.offset < duration or d.offset == 0]
    return sorted(due, key=lambda d: (d.offset, _ORDER[d.kind]))
