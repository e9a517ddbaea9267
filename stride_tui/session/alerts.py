"""Which change a batch of events is for the runner: the one thing to hear and to see.

Every change the runner must notice is an :class:`Alert`. The sound plays a chime for
it and the screen flashes a word for it, so the two stay twins: both front ends and the
sound take the alert from here, and nothing else decides what a batch means.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from stride_tui.routine.plan import Plan, SegmentKind
from stride_tui.session.events import Event, EventKind


class Alert(StrEnum):
    """A change worth a chime and a flash; the values name the chimes' sound files."""

    FINISH = "finish"
    SWITCH = "switch"
    SET_REST = "set-rest"
    READY = "ready"
    """A step waits for the runner to say they are in position."""
    BREATHE_IN = "breathe-in"
    BREATHE_HOLD = "breathe-hold"
    BREATHE_OUT = "breathe-out"
    START = "start"
    STEP_DONE = "step-done"
    """The last rep (or breath) of a step is done: what the last seconds are to a hold."""
    CUE = "cue"
    HALFWAY = "halfway"
    LAST_THREE = "last-three"
    TICK = "tick"
    REP = "rep"
    PHASE = "phase"
    """A tempo phase (lower, pause, return) starting: the metronome."""
    REMINDER = "reminder"
    """A step still waits for the runner: a soft reminder."""
    MUTED = "muted"
    """The runner silenced the chimes (the last one heard until they turn sound on)."""
    UNMUTED = "unmuted"
    MORE_TIME = "more-time"
    """The runner added time (+10 s)."""
    LESS_TIME = "less-time"
    """The runner took time off (-10 s)."""


PRIORITY = tuple(Alert)
"""When several alerts fall due together, the first in this order is the one given."""

_BY_KIND = {
    EventKind.GET_READY_TICK: Alert.TICK,
    EventKind.RESUME_TICK: Alert.TICK,
    EventKind.LAST_SECONDS: Alert.LAST_THREE,
    EventKind.HALFWAY: Alert.HALFWAY,
    EventKind.REP: Alert.REP,
    EventKind.SWITCH_SIDES: Alert.SWITCH,
    EventKind.ROUTINE_FINISHED: Alert.FINISH,
    EventKind.CUE: Alert.CUE,
    EventKind.WAITING: Alert.READY,
    EventKind.WAIT_REMINDER: Alert.REMINDER,
}
_BREATHS = {"in": Alert.BREATHE_IN, "hold": Alert.BREATHE_HOLD, "out": Alert.BREATHE_OUT}


def alert_for(event: Event, plan: Plan, *, metronome: bool = True) -> Alert | None:
    """The alert one event gives, if any.

    Args:
        event: What happened.
        plan: The plan it happened in.
        metronome: Whether each tempo phase starting is an alert.
    """
    if event.kind is EventKind.SEGMENT_STARTED:
        segment = plan.segments[event.segment]
        if segment.kind is SegmentKind.WORK:
            return Alert.START
        if segment.kind is SegmentKind.REST and segment.sets > 1:
            return Alert.SET_REST  # work into the rest between two sets
        return Alert.STEP_DONE if _after_counted_work(event.segment, plan) else None
    if event.kind is EventKind.BREATHE:
        return _BREATHS.get(event.text)
    if event.kind is EventKind.PHASE:
        return Alert.PHASE if metronome else None
    return _BY_KIND.get(event.kind)


def _after_counted_work(index: int, plan: Plan) -> bool:
    """Whether segment ``index`` follows work counted in reps or breaths.

    No countdown announces the end of such work, as a hold's last seconds do.
    """
    if index == 0:
        return False
    before = plan.segments[index - 1]
    return before.kind is SegmentKind.WORK and before.beat is not None


def control_alert(seconds: float) -> Alert:
    """The alert for time added (``seconds`` > 0) or taken off by the runner."""
    return Alert.MORE_TIME if seconds > 0 else Alert.LESS_TIME


def alert_for_batch(events: Iterable[Event], plan: Plan, *, metronome: bool = True) -> Alert | None:
    """The one alert for events that fell due together: the most important of theirs."""
    alerts = {alert_for(event, plan, metronome=metronome) for event in events} - {None}
    return min(alerts, key=PRIORITY.index) if alerts else None
