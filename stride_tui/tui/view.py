"""What the player shows, computed from an engine snapshot: plain data, no widgets.

The screen compares each new view with the last one and touches only the widgets whose
value changed, so an idle countdown redraws once a second: its number, and the bars with it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from stride_tui.routine.durations import clock
from stride_tui.routine.plan import BeatUnit, Plan, SegmentKind
from stride_tui.session.alerts import Alert
from stride_tui.session.describe import BREATH_WORDS
from stride_tui.session.engine import Snapshot, State


class ViewPhase(StrEnum):
    """What the runner is doing, as the screen colours it; the value names its CSS class."""

    GET_READY = "get-ready"
    WORK = "work"
    SWITCH = "switch"
    REST = "rest"
    BREATHE = "breathe"
    WAIT = "wait"


PHASES = tuple(ViewPhase)
"""Every phase, so the screen can take the last one's class off."""

FLASH_WORDS = {
    Alert.FINISH: "DONE",
    Alert.SWITCH: "SWITCH",
    Alert.SET_REST: "SET REST",
    Alert.BREATHE_IN: "BREATHE IN",
    Alert.BREATHE_HOLD: "HOLD",
    Alert.BREATHE_OUT: "BREATHE OUT",
    Alert.START: "GO",
    Alert.CUE: "NEW CUE",
    Alert.HALFWAY: "HALFWAY",
    Alert.LAST_THREE: "3 · 2 · 1",
    Alert.TICK: "READY",
    Alert.REP: "REP",
    Alert.PHASE: "TEMPO",
    Alert.READY: "READY?",
    Alert.STEP_DONE: "STEP DONE",
    Alert.REMINDER: "WAITING",
    Alert.MUTED: "MUTED",
    Alert.UNMUTED: "SOUND ON",
    Alert.MORE_TIME: "+10 s",
    Alert.LESS_TIME: "\u221210 s",
}
"""The word each alert flashes, the visual twin of its chime."""


@dataclass(frozen=True, slots=True)
class PlayerView:
    """Every value on the player screen."""

    phase: ViewPhase | None
    """Picks the colour; ``None`` before the first view."""
    banner: str
    step: str
    side: str
    count: str
    """The big figure: ``0:45``, ``7/15``, ``IN 4`` in a breath, or ``3`` before the
    work and while counting back in."""
    count_label: str
    """What the big figure counts, with the tempo phase or breath part under way and its
    own seconds left: ``to go``, ``rep · lower · 2``, ``breath · Breathe in · 3``."""
    cue: str
    next_up: str
    step_progress: float
    routine_progress: float
    remaining: str
    paused: bool
    waiting: bool


BREATH_FIGURES = {"in": "IN", "hold": "HOLD", "out": "OUT"}
"""The big figure's word for each part of a breath; the block font draws these letters."""

_BANNERS = {
    SegmentKind.GET_READY: "GET READY",
    SegmentKind.WORK: "WORK",
    SegmentKind.SWITCH: "SWITCH SIDES",
    SegmentKind.REST: "REST",
    SegmentKind.WAIT: "WHEN YOU'RE READY",
}


_PHASES = {
    SegmentKind.GET_READY: ViewPhase.GET_READY,
    SegmentKind.SWITCH: ViewPhase.SWITCH,
    SegmentKind.REST: ViewPhase.REST,
    SegmentKind.WAIT: ViewPhase.WAIT,
}
"""The phase of every segment but work, whose phase depends on its beat."""


def _step_position(snap: Snapshot, plan: Plan) -> tuple[float, float]:
    """Seconds played of the step under way, and the step's planned length."""
    step = plan.steps[snap.step_index]
    into = snap.segment.start - plan.step_start(step) + snap.segment_elapsed
    return into, plan.step_seconds(step)


def _seconds_left(seconds: float) -> str:
    return clock(max(0.0, seconds))


MUTED_MARK = " · MUTED"
"""Beside the phase for as long as the chimes are silenced: a bumped key shows."""


def build_view(snap: Snapshot, plan: Plan, *, muted: bool = False) -> PlayerView:
    """The player's content for one snapshot; ``muted`` marks the banner."""
    segment = snap.segment
    kind = segment.kind
    beat = segment.beat
    breathing = beat is not None and beat.unit is BeatUnit.BREATH
    phase = _PHASES.get(kind, ViewPhase.BREATHE if breathing else ViewPhase.WORK)
    count_label = "to go"
    if snap.state is State.RESUMING:
        count = str(max(1, math.ceil(snap.resume_in)))
        count_label = "resuming"
    elif kind is SegmentKind.WAIT:
        count = "--"
        count_label = "press space"
    elif breathing and kind is SegmentKind.WORK and snap.phase and snap.rep is not None:
        # From across the room the breath's part is what to follow: IN 4, HOLD 2, OUT 6.
        left = math.ceil(snap.phase_remaining or 0.0)
        count = f"{BREATH_FIGURES.get(snap.phase, snap.phase.upper())} {left}"
        count_label = f"breath {snap.rep} of {snap.reps} · {BREATH_WORDS.get(snap.phase, '')}"
    elif kind is SegmentKind.WORK and snap.rep is not None and snap.reps is not None:
        count = f"{snap.rep}/{snap.reps}"
        unit = beat.unit if beat is not None else BeatUnit.REP
        count_label = unit.value
        if beat is not None and len(beat.phases) > 1 and snap.phase:
            left = math.ceil(snap.phase_remaining or 0.0)
            count_label = f"{unit} · {snap.phase} · {left}"
    elif kind is SegmentKind.GET_READY and snap.segment_remaining < 60:
        count = str(max(1, math.ceil(snap.segment_remaining)))  # one large digit: 3, 2, 1
    else:
        count = _seconds_left(snap.segment_remaining)
    banner = {State.PAUSED: "PAUSED", State.RESUMING: "RESUMING"}.get(snap.state, _BANNERS[kind])
    if snap.state is State.FINISHED:
        banner = "DONE"
    if muted:
        banner += MUTED_MARK
    step = plan.steps[snap.step_index]
    side = (segment.side or "").upper()
    if kind is SegmentKind.SWITCH:
        side = f"NEXT: {side}"
    cue = snap.cue
    if kind is SegmentKind.WAIT:
        prompt = segment.cues[0] if segment.cues else "Get into position"
        cue = f"{prompt}. Press space when you're in position"
    elif kind is SegmentKind.GET_READY and not cue:
        cue = step.how
    into_step, step_length = _step_position(snap, plan)
    step_progress = min(1.0, into_step / (step_length or 1.0))
    number = f"Step {snap.step_index + 1} of {len(plan.steps)}"
    if segment.sets > 1 and kind is SegmentKind.WORK:
        number += f"  ·  Set {segment.set_number} of {segment.sets}"
    elif segment.sets > 1 and kind is SegmentKind.REST:
        number += f"  ·  Set {segment.set_number + 1} of {segment.sets} next"
    return PlayerView(
        phase=phase,
        banner=banner,
        step=f"{step.name}  ·  {number}"
        if kind is not SegmentKind.GET_READY
        else f"Next: {step.name}  ·  {number}",
        side=side,
        count=count,
        count_label=count_label,
        cue=cue,
        next_up=f"Then: {snap.next_up}",
        step_progress=step_progress,
        routine_progress=min(1.0, snap.elapsed / snap.total) if snap.total > 0 else 1.0,
        remaining=f"{_seconds_left(snap.remaining)} left of {clock(snap.total)}",
        paused=snap.paused,
        waiting=kind is SegmentKind.WAIT,
    )


BLANK = PlayerView(
    phase=None, banner="", step="", side="", count="", count_label="", cue="", next_up="",
    step_progress=0.0, routine_progress=0.0, remaining="", paused=False, waiting=False,
)  # fmt: skip
"""A view with nothing in it: what the screen shows before the first one."""


BAR_WAIT = 1.0
"""Longest a bar's next half cell waits for the figures' next change to be drawn with it."""


def _to_next_whole(seconds: float) -> float:
    """Time until a count shown rounded up to whole seconds changes, counting down."""
    part = seconds % 1.0
    return part if part > 1e-6 else 1.0


def _to_next_cell(fraction: float, cells: int, seconds_for_all: float) -> float:
    """Time until a bar of ``cells`` half cells, filling in ``seconds_for_all``, moves."""
    if cells <= 0 or seconds_for_all <= 0 or fraction >= 1.0:
        return math.inf
    at = fraction * cells
    step = math.floor(at + 0.5) + 0.5  # the bar rounds to the nearest half cell
    return (step - at) / cells * seconds_for_all


def next_change(snap: Snapshot, plan: Plan, step_cells: int, routine_cells: int) -> float | None:
    """Seconds until the view of ``snap`` should be drawn again, events aside.

    The player sleeps until then (or until the next event, whichever is sooner). The
    figures change on whole seconds, and the bars move with them: a half cell reached
    between two seconds shows at the next one, so a steady hold wakes once a second. A
    bar wakes the player on its own only when its half cell would otherwise wait more
    than `BAR_WAIT` (nothing else changes that soon).

    Args:
        snap: The session now.
        plan: Its plan.
        step_cells: Half cells in the step's progress bar.
        routine_cells: Half cells in the routine's progress bar.

    Returns:
        The delay, or ``None`` while nothing moves (paused, waiting, finished).
    """
    if snap.state is State.RESUMING:
        return _to_next_whole(snap.resume_in)
    if snap.state is not State.RUNNING:
        return None
    figures = [_to_next_whole(snap.segment_remaining), _to_next_whole(snap.remaining)]
    if snap.phase_remaining is not None:
        figures.append(_to_next_whole(snap.phase_remaining))
    bars = [
        _to_next_cell(snap.elapsed / snap.total if snap.total > 0 else 1.0, routine_cells,
                      snap.total),
    ]  # fmt: skip
    into_step, step_length = _step_position(snap, plan)
    if step_length > 0:
        bars.append(_to_next_cell(into_step / step_length, step_cells, step_length))
    soonest, bar = min(figures), min(bars)
    return bar if bar + BAR_WAIT < soonest else soonest
