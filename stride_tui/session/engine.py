"""The session engine: plays a plan against a clock, with pause, skip, back, jump and extend.

Time is never counted in ticks. The engine keeps, for the current segment, the clock
reading at which its elapsed time was zero (the anchor); pausing freezes the elapsed
time and resuming moves the anchor on by the time spent paused. Every ``update()``
reads the clock once and emits each scheduled event that has come due since the last
one, in order, crossing as many segment boundaries as needed: a boundary falls at the
anchor plus the segment's length, never at the moment the update happened to run, so
a late or missed update loses no time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from stride_tui.routine.plan import Plan, Segment, SegmentKind, Side
from stride_tui.session.clock import Clock, monotonic
from stride_tui.session.events import Event, EventKind
from stride_tui.session.outcome import Outcome, OutcomeKind
from stride_tui.session.schedule import CUE_ROTATION, Due, schedule

RESUME_COUNTDOWN = 3.0
"""Seconds of 3-2-1 before a paused hold restarts."""

BACK_RESTARTS_AFTER = 3.0
"""`back` within this many seconds of a segment's start goes to the previous segment."""


class State(StrEnum):
    """Where the session is."""

    NOT_STARTED = "not-started"
    RUNNING = "running"
    PAUSED = "paused"
    RESUMING = "resuming"
    """Counting 3-2-1 before a paused hold restarts; the hold's time stands still."""
    WAITING = "waiting"
    """A ready-gated step waits for the runner."""
    FINISHED = "finished"


class StepStatus(StrEnum):
    """What became of a step."""

    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class Snapshot:
    """All the display needs, computed from the clock at one moment."""

    state: State
    segment: Segment
    step_index: int
    step_name: str
    side: Side | None
    rep: int | None
    """The rep (or breath) under way, from 1; ``None`` for holds and rests."""
    reps: int | None
    phase: str | None
    phase_remaining: float | None
    """Seconds left of the tempo phase or breath part under way; ``None`` without one."""
    segment_elapsed: float
    segment_remaining: float
    segment_duration: float
    elapsed: float
    """Position on the routine's timeline, in seconds: what has been played."""
    remaining: float
    total: float
    """The planned total plus any time added (or minus any removed)."""
    cue: str
    next_up: str
    resume_in: float
    """Seconds left of the 3-2-1 before a hold restarts; 0 unless resuming."""

    @property
    def paused(self) -> bool:
        """Whether the clock is stopped for the runner (paused or counting back in)."""
        return self.state in (State.PAUSED, State.RESUMING)


class Engine:
    """Plays one plan. Controls take effect at the clock's reading when they are called.

    Call ``update()`` as often as the display redraws; it returns the events that fell
    due since the previous call (including those caused by controls), in order.
    """

    def __init__(self, plan: Plan, clock: Clock = monotonic, reminder: float = 0.0) -> None:
        if not plan.segments:
            raise ValueError("a plan with no segments cannot be played")
        self.plan = plan
        self.clock = clock
        self.reminder = reminder
        """Seconds between reminders while a step waits for the runner; 0 for none."""
        self._reminders = 0
        self.durations = [segment.duration for segment in plan.segments]
        self.added = 0.0
        self.state = State.NOT_STARTED
        self.index = 0
        self.visit = 0
        self.started_at: float | None = None
        self.finished_at: float | None = None
        self.paused_seconds = 0.0
        self.waited_seconds = 0.0
        self.outcome: Outcome | None = None
        """How the session ended; ``None`` until it has."""
        self._anchor = 0.0
        self._frozen = 0.0
        self._paused_at = 0.0
        self._resume_at = 0.0
        self._resume_ticks = 0
        self._due: list[Due] = []
        self._cursor = 0
        self._emitted: set[tuple[str, int, str]] = set()
        self._last_cue = ""
        self._queue: list[Event] = []
        self._last_due = -math.inf
        self._completed: set[int] = set()
        self._skipped: set[int] = set()

    # -- reading ---------------------------------------------------------------

    @property
    def total(self) -> float:
        """The planned total, moved by any time added or removed."""
        return self.plan.total + self.added

    def segment_start(self, index: int) -> float:
        """Where segment ``index`` starts on the current timeline."""
        return sum(self.durations[:index])

    def step_status(self, step: int) -> StepStatus:
        """Whether a plan step was done, skipped, or is still to come."""
        segments = [
            i
            for i in self.plan.steps[step].segments
            if self.plan.segments[i].kind is not SegmentKind.WAIT
        ]
        if segments and all(i in self._completed for i in segments):
            return StepStatus.DONE
        if any(i in self._skipped for i in self.plan.steps[step].segments):
            return StepStatus.SKIPPED
        if self.state is State.FINISHED:
            return StepStatus.SKIPPED if segments else StepStatus.DONE
        return StepStatus.PENDING

    def _segment_elapsed(self, now: float) -> float:
        duration = self.durations[self.index]
        if self.state is State.RUNNING:
            return min(max(now - self._anchor, 0.0), duration)
        if self.state is State.FINISHED:
            return duration
        if self.state in (State.PAUSED, State.RESUMING):
            return self._frozen
        return 0.0

    def next_due(self) -> float | None:
        """The clock reading at which the next event falls due, or ``None`` while stopped.

        A display redraws at its own pace; waking at this moment as well makes each chime
        land on its boundary instead of up to one redraw late.
        """
        if self.state is State.RESUMING:
            if self._resume_ticks > 0:
                return self._resume_at - self._resume_ticks
            return self._resume_at
        if self.state is State.WAITING and self.reminder > 0:
            return self._next_reminder()
        if self.state is not State.RUNNING:
            return None
        for due in self._due[self._cursor :]:
            if (due.kind.value, due.number, due.text) not in self._emitted:
                return self._anchor + due.offset
        return self._anchor + self.durations[self.index]

    def snapshot(self) -> Snapshot:
        """The state of the session now."""
        now = self.clock()
        segment = self.plan.segments[self.index]
        elapsed_in = self._segment_elapsed(now)
        duration = self.durations[self.index]
        position = self.segment_start(self.index) + elapsed_in
        rep, reps, phase, phase_remaining = self._beat_at(segment, elapsed_in)
        step = self.plan.steps[segment.step]
        later = self.plan.steps[segment.step + 1 :]
        return Snapshot(
            state=self.state,
            segment=segment,
            step_index=segment.step,
            step_name=step.name,
            side=segment.side,
            rep=rep,
            reps=reps,
            phase=phase,
            phase_remaining=phase_remaining,
            segment_elapsed=elapsed_in,
            segment_remaining=duration - elapsed_in,
            segment_duration=duration,
            elapsed=position,
            remaining=self.total - position,
            total=self.total,
            cue=self._cue(segment, elapsed_in),
            next_up=later[0].name if later else "Finish",
            resume_in=max(0.0, self._resume_at - now) if self.state is State.RESUMING else 0.0,
        )

    @staticmethod
    def _beat_at(
        segment: Segment, elapsed: float
    ) -> tuple[int | None, int | None, str | None, float | None]:
        """The rep (or breath) under way, their count, the phase and its seconds left."""
        beat = segment.beat
        if beat is None or segment.kind is not SegmentKind.WORK or beat.period <= 0:
            return None, None, None, None
        number = min(int(elapsed // beat.period), beat.count - 1)
        into = elapsed - number * beat.period
        phase, left = beat.phases[-1].name, 0.0
        for candidate in beat.phases:
            if into < candidate.seconds:
                phase, left = candidate.name, candidate.seconds - into
                break
            into -= candidate.seconds
        return number + 1, beat.count, phase, left

    def _cue(self, segment: Segment, elapsed: float) -> str:
        if self._last_cue:
            return self._last_cue
        if segment.kind is SegmentKind.SWITCH:
            return f"Switch to the {segment.side} side"
        if not segment.cues:
            return ""
        return segment.cues[int(elapsed // CUE_ROTATION) % len(segment.cues)]

    # -- time passing ----------------------------------------------------------

    def start(self) -> None:
        """Begin the session at the clock's current reading."""
        if self.state is not State.NOT_STARTED:
            return
        now = self.clock()
        self.started_at = now
        self._enter(0, now)

    def update(self) -> list[Event]:
        """Emit everything that fell due up to now, in order, and return it."""
        self._advance(self.clock())
        events, self._queue = self._queue, []
        return events

    def _emit(
        self, kind: EventKind, due: float, offset: float, number: int = 0, text: str = ""
    ) -> None:
        # An anchor plus an offset can land a rounding step past a clock reading taken
        # later (a pause's): events never go back in time, not even by that step.
        due = max(due, self._last_due)
        self._last_due = due
        index = self.index
        self._queue.append(
            Event(
                kind,
                index,
                self.plan.segments[index].step,
                self.segment_start(index) + offset,
                due,
                self.visit,
                number,
                text,
            )
        )

    def _enter(self, index: int, at: float) -> None:
        """Make segment ``index`` current, its elapsed time zero at clock reading ``at``."""
        self.index = index
        self.visit += 1
        self._anchor = at
        self._frozen = 0.0
        self._emitted = set()
        self._last_cue = ""
        segment = self.plan.segments[index]
        self._reschedule()
        if segment.kind is SegmentKind.WAIT:
            self.state = State.WAITING
            self._paused_at = at
            self._reminders = 0
            self._emit_due(0.0, at)
        elif self.state in (State.PAUSED, State.RESUMING):
            self.state = State.PAUSED
            self._paused_at = at
            self._emit_due(0.0, at)
        else:
            self.state = State.RUNNING

    def _reschedule(self) -> None:
        self._due = schedule(self.plan.segments[self.index], self.durations[self.index])
        self._cursor = 0

    def _emit_due(self, elapsed: float, anchor: float) -> None:
        """Emit the current segment's events due by ``elapsed``, each once per visit."""
        while self._cursor < len(self._due) and self._due[self._cursor].offset <= elapsed:
            due = self._due[self._cursor]
            self._cursor += 1
            key = (due.kind.value, due.number, due.text)
            if key in self._emitted:
                continue
            if due.kind is EventKind.CUE_SHOWN and self._last_cue:
                continue  # a mid-step cue has taken the cue line over
            self._emitted.add(key)
            if due.kind is EventKind.CUE:
                self._last_cue = due.text
            self._emit(due.kind, anchor + due.offset, due.offset, due.number, due.text)

    def _next_reminder(self) -> float:
        return self._paused_at + (self._reminders + 1) * self.reminder

    def _remind(self, now: float) -> None:
        """While a step waits, emit each reminder that fell due (one per interval)."""
        while self.reminder > 0 and self._next_reminder() <= now:
            due = self._next_reminder()
            self._reminders += 1
            self._emit(EventKind.WAIT_REMINDER, due, 0.0, self._reminders)

    def _advance(self, now: float) -> None:
        if self.state is State.WAITING:
            self._remind(now)
        if self.state is State.RESUMING:
            self._count_back_in(now)
        while self.state is State.RUNNING:
            duration = self.durations[self.index]
            self._emit_due(min(now - self._anchor, duration), self._anchor)
            if now - self._anchor < duration:
                return
            self._complete(self._anchor + duration)

    def _count_back_in(self, now: float) -> None:
        while self._resume_ticks > 0:
            tick_at = self._resume_at - self._resume_ticks
            if tick_at > now:
                return
            self._emit(EventKind.RESUME_TICK, tick_at, self._frozen, self._resume_ticks)
            self._resume_ticks -= 1
        if now >= self._resume_at:
            self._run_from(self._resume_at)

    def _run_from(self, at: float) -> None:
        """Restart the clock of a paused segment at clock reading ``at``."""
        self.paused_seconds += at - self._paused_at
        self._anchor = at - self._frozen
        self.state = State.RUNNING
        self._emit(EventKind.RESUMED, at, self._frozen)

    def _complete(self, end: float) -> None:
        """The current segment ran its full length, ending at clock reading ``end``."""
        index = self.index
        self._completed.add(index)
        segment = self.plan.segments[index]
        duration = self.durations[index]
        if index == self.plan.steps[segment.step].segments[-1]:
            self._emit(EventKind.STEP_FINISHED, end, duration)
        if index == len(self.plan.segments) - 1:
            self._finish(end, duration, early=False)
            return
        self._enter(index + 1, end)

    def _finish(self, at: float, offset: float, *, early: bool) -> None:
        """End the session; the event's ``text`` is the outcome, ``number`` the steps skipped."""
        step = self.plan.segments[self.index].step
        self.state = State.FINISHED
        self.finished_at = at
        steps = len(self.plan.steps)
        skipped = sum(self.step_status(i) is StepStatus.SKIPPED for i in range(steps))
        if early:
            outcome = Outcome(OutcomeKind.STOPPED, steps, at_step=step, skipped=skipped)
        elif skipped:
            outcome = Outcome(OutcomeKind.SKIPPED, steps, skipped=skipped)
        else:
            outcome = Outcome(OutcomeKind.COMPLETED, steps)
        self.outcome = outcome
        self._emit(EventKind.ROUTINE_FINISHED, at, offset, skipped, outcome.kind.value)

    # -- controls --------------------------------------------------------------

    def _now(self) -> float | None:
        """Catch up to now before a control; ``None`` when there is nothing to control."""
        now = self.clock()
        self._advance(now)
        if self.state in (State.NOT_STARTED, State.FINISHED):
            return None
        return now

    def _now_at(self, at: float) -> float | None:
        """Catch up to clock reading ``at`` (at most now), not beyond, before a control."""
        at = min(at, self.clock())
        if self.state is State.RUNNING:
            at = max(at, self._anchor)
        self._advance(at)
        if self.state in (State.NOT_STARTED, State.FINISHED):
            return None
        return at

    def pause(self, at: float | None = None) -> None:
        """Stop the clock; the segment's elapsed time stands still until `resume`.

        Args:
            at: A clock reading in the past at which the pause began (when the process
                was suspended), so the time since counts as paused; ``None`` for now.
        """
        now = self._now() if at is None else self._now_at(at)
        if now is None:
            return
        if self.state is State.RUNNING:
            self._frozen = now - self._anchor
            self._paused_at = now
        elif self.state is not State.RESUMING:
            return
        self.state = State.PAUSED
        self._emit(EventKind.PAUSED, now, self._frozen)

    def resume(self) -> None:
        """Restart the clock; a hold first counts 3-2-1 so the runner can settle."""
        now = self._now()
        if now is None or self.state is not State.PAUSED:
            return
        if self.plan.segments[self.index].kind is SegmentKind.WORK and self._frozen > 0:
            self.state = State.RESUMING
            self._resume_at = now + RESUME_COUNTDOWN
            self._resume_ticks = int(RESUME_COUNTDOWN)
            self._count_back_in(now)
        else:
            self._run_from(now)

    def toggle(self) -> None:
        """The space bar: ready when waiting, otherwise pause or resume."""
        if self.state is State.NOT_STARTED:
            self.start()
        elif self.state is State.WAITING:
            self.ready()
        elif self.state in (State.RUNNING, State.RESUMING):
            self.pause()
        else:
            self.resume()

    def ready(self) -> None:
        """Start a ready-gated step: the runner is in position."""
        now = self._now()
        if now is None or self.state is not State.WAITING:
            return
        self.waited_seconds += now - self._paused_at
        self._completed.add(self.index)
        self.state = State.RUNNING
        if self.index == len(self.plan.segments) - 1:
            self._finish(now, 0.0, early=False)
        else:
            self._enter(self.index + 1, now)

    def _leave(self, now: float) -> None:
        """Mark the current segment skipped if it did not run its course."""
        if self.index not in self._completed:
            self._skipped.add(self.index)
            self._emit(EventKind.SKIPPED, now, self._segment_elapsed(now))

    def _go(self, index: int, now: float) -> None:
        if self.state is State.WAITING:
            self.waited_seconds += now - self._paused_at
            self.state = State.RUNNING
        elif self.state is State.RESUMING:
            self.state = State.PAUSED
        if self.state is State.PAUSED:
            self.paused_seconds += now - self._paused_at
        self._enter(index, now)

    def skip(self) -> None:
        """Move on to the next segment now (finishing the routine from the last one).

        From a step that waits for the runner, moving on is saying ready: nothing is skipped.
        """
        now = self._now()
        if now is None:
            return
        if self.state is State.WAITING:
            self.ready()
            return
        self._leave(now)
        if self.index == len(self.plan.segments) - 1:
            self._finish(now, self._segment_elapsed(now), early=False)
            return
        self._go(self.index + 1, now)

    def back(self) -> None:
        """Restart the segment, or go to the previous one when pressed near its start."""
        now = self._now()
        if now is None:
            return
        near_start = self._segment_elapsed(now) < BACK_RESTARTS_AFTER
        target = self.index - 1 if near_start and self.index > 0 else self.index
        self._leave(now)
        self._skipped.discard(target)
        self._go(target, now)

    def jump(self, step: int) -> None:
        """Go to the start of plan step ``step``."""
        if not 0 <= step < len(self.plan.steps):
            raise IndexError(f"no step {step}; the plan has {len(self.plan.steps)}")
        now = self._now()
        if now is None:
            return
        self._leave(now)
        target = self.plan.steps[step].segments[0]
        self._skipped.discard(target)
        self._go(target, now)

    def extend(self, seconds: float) -> float:
        """Add (or with a negative value, remove) time from the current segment.

        Removing more than is left ends the segment now; a wait cannot be extended.

        Returns:
            The seconds added (negative: taken off); 0 when nothing changed.
        """
        now = self._now()
        if now is None or self.state is State.WAITING:
            return 0.0
        elapsed = self._segment_elapsed(now)
        old = self.durations[self.index]
        new = max(elapsed, old + seconds)
        self.durations[self.index] = new
        self.added += new - old
        self._reschedule()
        # What moved into the past (a nearer end's last-seconds ticks) has passed unheard;
        # everything due up to now was emitted before the change.
        while self._cursor < len(self._due) and self._due[self._cursor].offset < elapsed:
            self._cursor += 1
        self._advance(now)
        return new - old

    def finish(self) -> None:
        """End the session early; every step not done counts as skipped."""
        now = self._now()
        if now is None:
            return
        self._leave(now)
        if self.state is State.WAITING:
            self.waited_seconds += now - self._paused_at
        elif self.state in (State.PAUSED, State.RESUMING):
            self.paused_seconds += now - self._paused_at
        self._finish(now, self._segment_elapsed(now), early=True)
