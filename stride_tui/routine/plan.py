"""Expand a routine at a level into a plan: a timeline of segments with exact start times.

The plan is the single source of truth for timing. The session engine plays it; the
``stride show`` command and the app's preview print it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from stride_tui.routine.model import (
    Cue,
    Kind,
    Level,
    LevelScale,
    Routine,
    Sides,
    SoundProfile,
    Step,
)
from stride_tui.routine.rules import default_phase_names


class SegmentKind(StrEnum):
    """What the runner does during a segment."""

    GET_READY = "get-ready"
    WORK = "work"
    SWITCH = "switch"
    REST = "rest"
    WAIT = "wait"


class StepKind(StrEnum):
    """How a step's work is measured."""

    TIME = "time"
    """Held (or moved) for a time."""
    REPS = "reps"
    """Counted in reps at a tempo."""
    BREATHE = "breathe"
    """Paced breaths."""
    REST = "rest"
    """No work: a rest on its own."""


class BeatUnit(StrEnum):
    """What one repetition of a beat is."""

    REP = "rep"
    BREATH = "breath"


Side = Literal["left", "right"]


@dataclass(frozen=True, slots=True)
class Phase:
    """One named part of a repeated beat: a tempo phase (``lower``) or a breath (``in``)."""

    name: str
    seconds: float


@dataclass(frozen=True, slots=True)
class Beat:
    """A pattern of phases repeated ``count`` times: reps at a tempo, or breaths."""

    unit: BeatUnit
    phases: tuple[Phase, ...]
    count: int

    @property
    def period(self) -> float:
        """Seconds of one repetition of the pattern."""
        return sum(phase.seconds for phase in self.phases)


@dataclass(frozen=True, slots=True)
class TimedCue:
    """A cue due ``at`` seconds into a work segment."""

    at: float
    text: str


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of the timeline with one thing to do.

    A ``WAIT`` segment lasts until the runner says they are ready; its planned duration
    is 0 and it takes no time in the plan's totals.
    """

    index: int
    kind: SegmentKind
    step: int
    """Index into ``Plan.steps``."""
    start: float
    duration: float
    label: str
    side: Side | None = None
    """The side worked (or, for a switch, the side next); ``None`` for a one-sided step."""
    set_number: int = 1
    sets: int = 1
    beat: Beat | None = None
    cues: tuple[str, ...] = ()
    timed_cues: tuple[TimedCue, ...] = ()

    @property
    def end(self) -> float:
        """Planned end time, in seconds from the routine's start."""
        return self.start + self.duration


@dataclass(frozen=True, slots=True)
class Favor:
    """Extra work asked of one side of a two-sided step (``favor: tighter``).

    Attributes:
        side: The side that gets more.
        extra: How much more, as a fraction of the work (0.2 is 20% more).
        why: Why, in a few words after the amount: ``it has been tighter``.
    """

    side: Side
    extra: float
    why: str


@dataclass(frozen=True, slots=True)
class Favored:
    """How a favoured side is played: its work and the cue that says so."""

    side: Side
    work: float
    """Seconds of work for the favoured side (one set)."""
    reps: int | None
    cue: str
    """``Left gets 12 s more: it has been tighter``."""


@dataclass(frozen=True, slots=True)
class PlanStep:
    """A step as played at the plan's level."""

    index: int
    source_index: int
    """Index of the step in the routine file."""
    name: str
    how: str
    kind: StepKind
    sides: Sides
    sets: int
    work: float
    """Seconds of work for one side of one set."""
    reps: int | None
    checklist: bool
    segments: range = field(default_factory=lambda: range(0))
    favored: Favored | None = None
    measure: str | None = None
    """The marker kind a guided test asks for after this step, if any."""
    """The side that gets more work, when the step favours one."""


@dataclass(frozen=True, slots=True)
class Plan:
    """A routine expanded at one level: every segment with its planned start and the total."""

    name: str
    level: Level
    steps: tuple[PlanStep, ...]
    segments: tuple[Segment, ...]
    sound: SoundProfile = "standard"
    """The routine's sound profile."""
    kind: Kind = "mobility"
    """The routine's kind, which the weekly template counts."""

    @property
    def total(self) -> float:
        """Planned seconds from start to finish, waits for the runner not counted."""
        return self.segments[-1].end if self.segments else 0.0

    def step_start(self, step: PlanStep) -> float:
        """Where ``step`` starts on the timeline."""
        return self.segments[step.segments[0]].start if step.segments else 0.0

    def step_seconds(self, step: PlanStep) -> float:
        """Planned seconds of ``step``, from its first segment to the end of its last."""
        if not step.segments:
            return 0.0
        return self.segments[step.segments[-1]].end - self.step_start(step)


def _scale(routine: Routine, level: Level) -> LevelScale:
    if level == "beginner":
        return routine.levels.beginner
    if level == "experienced":
        return routine.levels.experienced
    return LevelScale()


def _scaled_time(seconds: float, factor: float) -> float:
    if factor == 1:
        return seconds
    value = seconds * factor
    # Round like a coach would: whole seconds, and to 5 s for anything half a minute or more.
    return float(round(value / 5) * 5) if value >= 30 else float(max(1, round(value)))


def _beat(routine: Routine, step: Step, reps: int | None) -> Beat | None:
    if step.breathe is not None:
        b = step.breathe
        breath = (
            Phase("in", b.in_),
            Phase("hold", b.hold),
            Phase("out", b.out),
            Phase("hold", b.hold_out),
        )
        return Beat(BeatUnit.BREATH, tuple(p for p in breath if p.seconds > 0), b.rounds)
    if reps is not None:
        tempo = step.tempo or routine.defaults.tempo
        names = tuple(step.phases) if step.phases else default_phase_names(len(tempo))
        phases = tuple(Phase(n, s) for n, s in zip(names, tempo, strict=True) if s > 0)
        return Beat(BeatUnit.REP, phases, reps)
    return None


class _Timeline:
    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.clock = 0.0

    def add(
        self,
        kind: SegmentKind,
        step: int,
        duration: float,
        label: str,
        *,
        side: Side | None = None,
        set_number: int = 1,
        sets: int = 1,
        beat: Beat | None = None,
        cues: tuple[str, ...] = (),
        timed_cues: tuple[TimedCue, ...] = (),
    ) -> None:
        self.segments.append(
            Segment(
                len(self.segments),
                kind,
                step,
                self.clock,
                duration,
                label,
                side,
                set_number,
                sets,
                beat,
                cues,
                timed_cues,
            )
        )
        self.clock += duration


def expand(
    routine: Routine, level: Level = "standard", favor: Mapping[int, Favor] | None = None
) -> Plan:
    """Expand ``routine`` at ``level`` into its plan.

    Args:
        routine: A checked routine.
        level: ``beginner`` (fewer reps, longer holds), ``standard`` (as written) or
            ``experienced`` (more reps, extra steps).
        favor: Extra work for one side, by the step's index in the file; only steps
            with ``sides: both`` take it.

    Returns:
        The plan, with every segment's start time and the total.
    """
    scale = _scale(routine, level)
    defaults = routine.defaults
    chosen = [(i, s) for i, s in enumerate(routine.steps) if s.levels is None or level in s.levels]
    timeline = _Timeline()
    steps: list[PlanStep] = []
    for number, (source_index, step) in enumerate(chosen):
        first = len(timeline.segments)
        last_step = number == len(chosen) - 1
        wanted = (favor or {}).get(source_index) if step.sides == "both" else None
        info = _play_step(timeline, routine, step, number, scale, favor=wanted)
        rest = step.rest if step.rest is not None else (defaults.rest if not last_step else 0.0)
        if rest > 0:
            label = (step.name or "Rest") if info.kind is StepKind.REST else "Rest"
            timeline.add(
                SegmentKind.REST,
                number,
                float(rest),
                label,
                cues=_plain_cues(step) if info.kind is StepKind.REST else (),
            )
        steps.append(
            PlanStep(
                number,
                source_index,
                info.name,
                step.how,
                info.kind,
                step.sides,
                step.sets,
                info.work,
                info.reps,
                step.checklist,
                range(first, len(timeline.segments)),
                info.favored,
                step.measure,
            )
        )
    return Plan(
        routine.name, level, tuple(steps), tuple(timeline.segments), routine.sound, routine.kind
    )


@dataclass(frozen=True, slots=True)
class _StepInfo:
    name: str
    kind: StepKind
    work: float
    reps: int | None
    favored: Favored | None = None


def _favored(favor: Favor, kind: StepKind, work: float, beat: Beat | None) -> Favored:
    """The favoured side's work: whole extra seconds for a hold, whole extra reps for reps."""
    side = favor.side.capitalize()
    if kind is StepKind.REPS and beat is not None:
        more = max(1, round(beat.count * favor.extra))
        cue = f"{side} gets {more} rep{'s' if more != 1 else ''} more: {favor.why}"
        return Favored(favor.side, beat.period * (beat.count + more), beat.count + more, cue)
    more = max(1, round(work * favor.extra))
    return Favored(favor.side, work + more, None, f"{side} gets {more} s more: {favor.why}")


_SIDES_PLAYED: dict[Sides, tuple[Side | None, ...]] = {
    "none": (None,),
    "both": ("left", "right"),
    "left": ("left",),
    "right": ("right",),
}
"""The sides a step's work is played on, in order."""


def _plain_cues(step: Step) -> tuple[str, ...]:
    return tuple(cue for cue in step.cues if isinstance(cue, str))


def _play_step(
    timeline: _Timeline,
    routine: Routine,
    step: Step,
    number: int,
    scale: LevelScale,
    *,
    favor: Favor | None = None,
) -> _StepInfo:
    defaults = routine.defaults
    name = step.name or "Rest"
    if step.wait:
        prompt = step.wait if isinstance(step.wait, str) else "Get into position"
        timeline.add(SegmentKind.WAIT, number, 0.0, name, cues=(prompt,))
    if step.time is None and step.reps is None and step.breathe is None:
        return _StepInfo(name, StepKind.REST, 0.0, None)
    reps = None
    if step.reps is not None:
        reps = max(1, round(step.reps * scale.reps)) if step.scale else step.reps
    beat = _beat(routine, step, reps)
    if step.time is not None:
        kind = StepKind.TIME
        work = _scaled_time(step.time, scale.time if step.scale else 1.0)
    else:
        assert beat is not None
        kind = StepKind.REPS if reps is not None else StepKind.BREATHE
        work = beat.period * beat.count
    get_ready = step.get_ready if step.get_ready is not None else defaults.get_ready
    if get_ready > 0:
        timeline.add(SegmentKind.GET_READY, number, float(get_ready), name, cues=_plain_cues(step))
    sides = _SIDES_PLAYED[step.sides]
    switch = step.switch if step.switch is not None else defaults.switch
    set_rest = step.set_rest if step.set_rest is not None else defaults.set_rest
    timed = tuple(TimedCue(c.at, c.say) for c in step.cues if isinstance(c, Cue) and c.at < work)
    favored = (
        _favored(favor, kind, work, beat)
        if favor is not None and kind is not StepKind.BREATHE
        else None
    )
    for set_number in range(1, step.sets + 1):
        for side_number, side in enumerate(sides):
            side_work, side_beat, side_cues = work, beat, timed
            if favored is not None and side == favored.side:
                side_work, side_cues = favored.work, (TimedCue(0.0, favored.cue), *timed)
                if favored.reps is not None and beat is not None:
                    side_beat = Beat(beat.unit, beat.phases, favored.reps)
            timeline.add(
                SegmentKind.WORK,
                number,
                side_work,
                name,
                side=side,
                set_number=set_number,
                sets=step.sets,
                beat=side_beat,
                cues=_plain_cues(step),
                timed_cues=side_cues,
            )
            if side_number < len(sides) - 1 and switch > 0:
                timeline.add(
                    SegmentKind.SWITCH,
                    number,
                    float(switch),
                    "Switch sides",
                    side=sides[side_number + 1],
                    set_number=set_number,
                    sets=step.sets,
                )
        if set_number < step.sets and set_rest > 0:
            timeline.add(
                SegmentKind.REST,
                number,
                float(set_rest),
                f"Rest, then set {set_number + 1} of {step.sets}",
                set_number=set_number,
                sets=step.sets,
            )
    return _StepInfo(name, kind, work, reps, favored)
