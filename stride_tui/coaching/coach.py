"""A routine as the log says to play it today: progressions in force, the tighter side favoured.

One place both front ends, ``stride show`` and the picker's preview go through, so what
is shown is what is played.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from stride_tui.coaching.balance import favors
from stride_tui.coaching.progression import StepProgress, apply_progress, progress_of
from stride_tui.coaching.settings import Coaching
from stride_tui.log.store import SessionRow, StepRecord, TrainingLog
from stride_tui.routine.model import Level, Routine
from stride_tui.routine.plan import Favor, Plan, expand


@dataclass(frozen=True, slots=True)
class Coached:
    """A routine's plan with the log's coaching applied.

    Attributes:
        routine: The routine with each progressing step's value in force.
        plan: Its plan at the level asked for, the tighter sides favoured.
        progress: Each progressing step's state.
        favor: The favoured side of each ``favor: tighter`` step, by file index.
    """

    routine: Routine
    plan: Plan
    progress: tuple[StepProgress, ...] = ()
    favor: dict[int, Favor] = field(default_factory=dict)

    def notes(self) -> list[str]:
        """One line per coached step: ``Couch stretch: 55s, progressed from 45s; next at 60s``."""
        lines = [f"{state.name}: {state.summary()}" for state in self.progress]
        for step in self.plan.steps:
            if step.favored is not None:
                lines.append(f"{step.name}: {step.favored.cue[0].lower()}{step.favored.cue[1:]}")
        return lines


def coach(
    routine: Routine,
    level: Level,
    records: Sequence[StepRecord],
    coaching: Coaching,
    reset: datetime | None = None,
) -> Coached:
    """Apply the log's coaching to ``routine`` (pure: the records are given).

    Args:
        routine: The routine as written.
        level: The level to play.
        records: The routine's logged steps, oldest first.
        coaching: The coaching settings (week start, how much the tighter side gets).
        reset: When the routine's progressions were last started over: only sessions
            after it count for them (the sides' answers all count).
    """
    since = [r for r in records if reset is None or r.started_at > reset]
    progress = tuple(progress_of(routine, since, coaching.week_starts))
    in_force = apply_progress(routine, progress)
    favor = favors(routine, records, coaching.favor_extra)
    return Coached(in_force, expand(in_force, level, favor), progress, favor)


@dataclass(frozen=True, slots=True)
class LogSnapshot:
    """What coaching reads from the log, read once (for a screen that shows many routines).

    Attributes:
        records: Every logged step, oldest session first.
        resets: When each routine's progressions were last started over.
        sessions: Sessions of the recent weeks, newest first.
    """

    records: tuple[StepRecord, ...] = ()
    resets: dict[str, datetime] = field(default_factory=dict)
    sessions: tuple[SessionRow, ...] = ()

    def coach(self, routine: Routine, routine_id: str, level: Level, coaching: Coaching) -> Coached:
        """:func:`coach_from_log`, from this snapshot."""
        mine = [r for r in self.records if r.routine_id == routine_id]
        return coach(routine, level, mine, coaching, self.resets.get(routine_id))


def read_snapshot(history: TrainingLog, since_day: str) -> LogSnapshot:
    """Read what coaching needs: every step record, the resets, sessions since ``since_day``."""
    return LogSnapshot(
        tuple(history.step_records()),
        history.progress_resets(),
        tuple(history.sessions(since_day=since_day)),
    )


def coach_from_log(
    routine: Routine,
    routine_id: str,
    level: Level,
    history: TrainingLog | None,
    coaching: Coaching,
) -> Coached:
    """:func:`coach` with the records read from ``history``; without a log, as written."""
    if history is None:
        return coach(routine, level, [], coaching)
    records = history.step_records(routine_id)
    return coach(routine, level, records, coaching, history.progress_reset(routine_id))
