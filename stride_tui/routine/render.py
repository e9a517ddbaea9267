"""Plain-text rendering of a plan, for ``stride show``."""

from __future__ import annotations

from stride_tui.routine.durations import clock, compact
from stride_tui.routine.model import Routine
from stride_tui.routine.plan import Plan, Segment, SegmentKind
from stride_tui.text import plural, visible


def describe_segment(segment: Segment) -> str:
    """One line saying what a segment asks of the runner."""
    if segment.kind is SegmentKind.GET_READY:
        return f"Get ready: {segment.label}"
    if segment.kind is SegmentKind.SWITCH:
        return f"Switch sides, to the {segment.side}"
    if segment.kind is SegmentKind.WAIT:
        prompt = segment.cues[0] if segment.cues else "Get into position"
        return f"Wait: {prompt} (press space when ready)"
    if segment.kind is SegmentKind.REST:
        return segment.label
    parts = [segment.label]
    if segment.side:
        parts.append(segment.side)
    if segment.sets > 1:
        parts.append(f"set {segment.set_number} of {segment.sets}")
    beat = segment.beat
    if beat is not None:
        pattern = (
            compact(beat.period)
            if len(beat.phases) == 1
            else "-".join(f"{phase.seconds:g}" for phase in beat.phases)
        )
        names = "/".join(phase.name for phase in beat.phases)
        unit = beat.unit + ("s" if beat.count != 1 else "")
        phases = f" ({names})" if len(beat.phases) > 1 else ""
        parts.append(f"{beat.count} {unit} at {pattern}{phases}")
    return " · ".join(parts)


def render_plan(routine: Routine, plan: Plan, origin: str, path: str) -> str:
    """The whole plan as text: a header, one line per segment, and the total.

    Every line has its control characters made visible (see :func:`visible`).
    """
    waits = sum(1 for s in plan.segments if s.kind is SegmentKind.WAIT)
    lines = [
        f"{routine.name}  ({routine.kind}, {plan.level} level, {origin})",
        f"  {path}",
    ]
    if routine.summary:
        lines.append(f"  {routine.summary}")
    lines += ["", " START  LENGTH  WHAT"]
    for segment in plan.segments:
        length = "-" if segment.kind is SegmentKind.WAIT else clock(segment.duration)
        lines.append(f"{clock(segment.start):>6}  {length:>6}  {describe_segment(segment)}")
        if (
            segment.kind is SegmentKind.WORK
            and segment.cues
            and (segment.side in (None, "left") and segment.set_number == 1)
        ):
            lines.append(f"{'':16}cues: {' · '.join(segment.cues)}")
        if segment.kind is SegmentKind.WORK:
            for cue in segment.timed_cues:
                lines.append(f"{'':16}at {clock(cue.at)}: {cue.text}")
    lines.append(f"{clock(plan.total):>6}          Finish")
    total = f"Total {clock(plan.total)} in {plural(len(plan.steps), 'step')}"
    if waits:
        total += f", plus {waits} wait{'s' if waits != 1 else ''} for you to get in position"
    lines += ["", total]
    # Names, cues and the path come from files: nothing in them may reach the terminal raw.
    return "\n".join(visible(line) for line in lines)
