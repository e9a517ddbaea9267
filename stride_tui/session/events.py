"""What the engine announces as a session plays: every change a chime or cue may follow."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EventKind(StrEnum):
    """The kinds of events, each emitted once per crossing."""

    SEGMENT_STARTED = "segment-started"
    GET_READY_TICK = "get-ready-tick"
    """``number`` is 3, 2 or 1 seconds left before the work."""
    HALFWAY = "halfway"
    LAST_SECONDS = "last-seconds"
    """``number`` is 3, 2 or 1 seconds left in a hold or a rest."""
    REP = "rep"
    """``number`` is the rep starting, from 1."""
    PHASE = "phase"
    """A tempo phase starting: ``text`` names it, ``number`` is the rep."""
    BREATHE = "breathe"
    """``text`` is ``in``, ``hold`` or ``out``; ``number`` is the breath, from 1."""
    SWITCH_SIDES = "switch-sides"
    """``text`` is the side to switch to."""
    CUE = "cue"
    """A mid-step cue falls due; ``text`` says it."""
    CUE_SHOWN = "cue-shown"
    """A whole-step cue comes up (at the start, then in turn); ``text`` says it."""
    STEP_FINISHED = "step-finished"
    ROUTINE_FINISHED = "routine-finished"
    WAITING = "waiting"
    """A ready-gated step waits for the runner; ``text`` is the prompt."""
    WAIT_REMINDER = "wait-reminder"
    """Still waiting, a reminder's interval after the wait began (or the last reminder);
    ``number`` counts the reminders, from 1."""
    PAUSED = "paused"
    RESUME_TICK = "resume-tick"
    """``number`` is 3, 2 or 1 before a paused hold restarts."""
    RESUMED = "resumed"
    SKIPPED = "skipped"
    """The runner moved on from a segment before its end."""


@dataclass(frozen=True, slots=True)
class Event:
    """One thing that happened in a session.

    Attributes:
        kind: What happened.
        segment: Index of the plan segment it belongs to.
        step: Index of the plan step it belongs to.
        position: Where on the routine's timeline it falls due, in seconds; the same
            figure ``stride show`` prints, moved by any time added or removed.
        due: The clock reading at which it fell due. An update that comes late still
            reports the true ``due``, so late delivery never shifts time.
        visit: Counts entries into segments; an event repeats only in a new visit
            (after `back`, say).
        number: A count where the kind has one (rep, tick, breath).
        text: A word or cue where the kind has one.
    """

    kind: EventKind
    segment: int
    step: int
    position: float
    due: float
    visit: int
    number: int = 0
    text: str = ""

    @property
    def key(self) -> tuple[str, int, str]:
        """What makes this event unique within a visit to its segment."""
        return (self.kind.value, self.number, self.text)
