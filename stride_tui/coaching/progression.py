"""Holds that lengthen and reps that grow, from the log, as a step's ``progress`` asks.

A step with ``progress: {add, every, up_to}`` steps up by ``add`` after every ``every``
counted sessions (or weeks) of its routine, never past ``up_to``. A session counts for
a step when it reached its end (completed, or finished with other steps skipped) and the
step was played to its end. It is held back, and does not count, when its review marked
the step not done with control or rated stiffness 4 or 5: gains come from control, not
from chasing range. A step its review did not ask about (the review skipped, or the
checklist left as it was) is "not known": it counts as played, never as done with
control. Steps are matched to the log by name (and, for a name used twice, by order),
since the log records what was played, not the file's layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import msgspec

from stride_tui.coaching.weeks import week_start
from stride_tui.log.store import StepRecord
from stride_tui.routine.durations import compact
from stride_tui.routine.every import describe_every
from stride_tui.routine.model import Progress, Routine, Step
from stride_tui.session.outcome import OutcomeKind

STIFF_FROM = 4
"""A stiffness rating from this up holds every progression of the session back."""


class Unit(StrEnum):
    """What a progression changes."""

    SECONDS = "seconds"
    REPS = "reps"


class Hold(StrEnum):
    """Why the latest session did not move a step on."""

    NOT_CONTROLLED = "not-controlled"
    STIFF = "stiff"


@dataclass(frozen=True, slots=True)
class StepProgress:
    """One step's progression, as the log stands.

    Attributes:
        index: The step's index in the routine file.
        name: The step's name.
        unit: Seconds of a hold, or reps.
        written: The value the file writes.
        value: The value in force.
        rule: The step's ``progress``.
        counted: Sessions (or weeks) counted so far.
        held: Why the latest session held it back, if it did.
        control: Whether the latest session's review said the step was done with
            control; ``None`` when it is not known (no review, or not asked).
    """

    index: int
    name: str
    unit: Unit
    written: float
    value: float
    rule: Progress
    counted: int
    held: Hold | None
    control: bool | None = None

    @property
    def capped(self) -> bool:
        """Whether the value has reached ``up_to``."""
        return self.value >= self.rule.up_to

    @property
    def next_value(self) -> float | None:
        """The value after the next step up; ``None`` at the limit."""
        return None if self.capped else min(self.value + self.rule.add, self.rule.up_to)

    @property
    def to_next(self) -> int:
        """Counted sessions (or weeks) still needed for the next step up."""
        every = self.rule.every.count
        return every - self.counted % every

    def show(self, value: float) -> str:
        """A value in the step's unit: ``45s`` or ``12 reps``."""
        return compact(value) if self.unit is Unit.SECONDS else f"{value:g} reps"

    def summary(self) -> str:
        """``55s, progressed from 45s; next at 60s`` (what ``stride show`` prints)."""
        text = self.show(self.value)
        if self.value != self.written:
            text += f", progressed from {self.show(self.written)}"
        else:
            text += " as written"
        nxt = self.next_value
        text += f"; next at {self.show(nxt)}" if nxt is not None else "; at its limit"
        return text

    def explain(self) -> str:
        """Every part of the state, for ``stride progress``."""
        every = self.rule.every
        rule = (
            f"+{self.show(self.rule.add)} {describe_every(every.count, every.unit)},"
            f" up to {self.show(self.rule.up_to)}"
        )
        unit = every.unit + ("s" if self.counted != 1 else "")
        lines = [f"{self.summary()} ({rule}); {self.counted} {unit} counted"]
        if self.next_value is not None:
            more = self.to_next
            lines.append(f"next step up after {more} more {every.unit}{'s' if more != 1 else ''}")
        if self.held is Hold.NOT_CONTROLLED:
            lines.append("held back: the latest review marked it not done with control")
        elif self.held is Hold.STIFF:
            lines.append(f"held back: the latest review rated stiffness {STIFF_FROM} or more")
        if self.counted and self.control is None:
            lines.append("control in the latest session: not known")
        elif self.control:
            lines.append("the latest session was done with control")
        return "; ".join(lines)


def _occurrences(steps: Sequence[Step]) -> list[int]:
    """For each step, how many earlier steps share its name."""
    seen: dict[str, int] = {}
    result = []
    for step in steps:
        name = step.name or "Rest"
        result.append(seen.get(name, 0))
        seen[name] = seen.get(name, 0) + 1
    return result


def _sessions(records: Sequence[StepRecord]) -> list[list[StepRecord]]:
    """Records grouped by session, in the order given (oldest first)."""
    grouped: dict[int, list[StepRecord]] = {}
    for record in records:
        grouped.setdefault(record.session_id, []).append(record)
    return list(grouped.values())


def _find(session: Sequence[StepRecord], name: str, occurrence: int) -> StepRecord | None:
    matches = [r for r in session if r.name == name]
    return matches[occurrence] if occurrence < len(matches) else None


def progress_of(
    routine: Routine, records: Sequence[StepRecord], first_weekday: int = 0
) -> list[StepProgress]:
    """Each progressing step's state from the routine's logged steps.

    Args:
        routine: The routine as written.
        records: Its logged steps since any reset, oldest session first.
        first_weekday: The day a week starts, for ``every: week``.

    Returns:
        One entry per step with ``progress``, in file order.
    """
    sessions = _sessions(records)
    result = []
    for index, (step, occurrence) in enumerate(
        zip(routine.steps, _occurrences(routine.steps), strict=True)
    ):
        rule = step.progress
        if rule is None or (step.time is None and step.reps is None):
            continue
        name = step.name or "Rest"
        counted_sessions = 0
        weeks: set[date] = set()
        held: Hold | None = None
        control: bool | None = None
        for session in sessions:
            record = _find(session, name, occurrence)
            if record is None or record.outcome is OutcomeKind.STOPPED or not record.done:
                continue
            control = record.with_control
            if record.with_control is False:
                held = Hold.NOT_CONTROLLED
            elif record.stiffness is not None and record.stiffness >= STIFF_FROM:
                held = Hold.STIFF
            else:
                held = None
                counted_sessions += 1
                weeks.add(week_start(date.fromisoformat(record.day), first_weekday))
        counted = len(weeks) if rule.every.unit == "week" else counted_sessions
        unit = Unit.REPS if step.reps is not None else Unit.SECONDS
        written = float(step.reps if step.reps is not None else step.time or 0.0)
        steps_up = counted // rule.every.count
        value = min(written + steps_up * rule.add, max(rule.up_to, written))
        result.append(StepProgress(index, name, unit, written, value, rule, counted, held, control))
    return result


def apply_progress(routine: Routine, progress: Sequence[StepProgress]) -> Routine:
    """The routine with each progressing step's value in force in place of the written one."""
    steps = list(routine.steps)
    for state in progress:
        step = steps[state.index]
        if state.unit is Unit.REPS:
            steps[state.index] = msgspec.structs.replace(step, reps=round(state.value))
        else:
            steps[state.index] = msgspec.structs.replace(step, time=state.value)
    return msgspec.structs.replace(routine, steps=steps)
