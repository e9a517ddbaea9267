"""Words for what happens in a session: one short line per event, for screens, logs and voices."""

from __future__ import annotations

from stride_tui.routine.plan import Plan, Segment, SegmentKind
from stride_tui.session.events import Event, EventKind
from stride_tui.session.outcome import OutcomeKind

BREATH_WORDS = {"in": "Breathe in", "hold": "Hold", "out": "Breathe out"}
"""What to say (or show) for each part of a breath."""


def segment_title(segment: Segment) -> str:
    """What a segment asks for, in a few words: ``Hip circles, left side``."""
    if segment.kind is SegmentKind.GET_READY:
        return f"Get ready: {segment.label}"
    if segment.kind is SegmentKind.SWITCH:
        return "Switch sides"
    if segment.kind is SegmentKind.WAIT:
        return f"{segment.label}: get into position"
    parts = [segment.label]
    if segment.side and segment.kind is SegmentKind.WORK:
        parts.append(f"{segment.side} side")
    if segment.sets > 1 and segment.kind is SegmentKind.WORK:
        parts.append(f"set {segment.set_number} of {segment.sets}")
    return ", ".join(parts)


def describe_event(event: Event, plan: Plan) -> str:
    """One line for an event, such as ``Rep 4 of 10`` or ``Switch to the right side``."""
    segment = plan.segments[event.segment]
    kind = event.kind
    if kind is EventKind.SEGMENT_STARTED:
        return segment_title(segment)
    if kind in (EventKind.GET_READY_TICK, EventKind.LAST_SECONDS):
        return str(event.number)
    if kind is EventKind.HALFWAY:
        return "Halfway"
    if kind is EventKind.REP:
        count = segment.beat.count if segment.beat else event.number
        return f"Rep {event.number} of {count}"
    if kind is EventKind.PHASE:
        return event.text.capitalize()
    if kind is EventKind.BREATHE:
        return BREATH_WORDS.get(event.text, event.text.capitalize())
    if kind is EventKind.SWITCH_SIDES:
        return f"Switch to the {event.text} side"
    if kind in (EventKind.CUE, EventKind.CUE_SHOWN):
        return event.text
    if kind is EventKind.STEP_FINISHED:
        return f"Done: {plan.steps[event.step].name}"
    if kind is EventKind.ROUTINE_FINISHED:
        if event.text == OutcomeKind.STOPPED:
            return "Stopped early"
        if event.text == OutcomeKind.SKIPPED:
            return f"Finished with {event.number} skipped"
        return "Routine finished. Well done"
    if kind is EventKind.WAITING:
        return f"{event.text}. Press space when you're in position"
    if kind is EventKind.RESUME_TICK:
        return f"Resuming in {event.number}"
    return {EventKind.PAUSED: "Paused", EventKind.RESUMED: "Go", EventKind.SKIPPED: "Skipped"}[kind]
