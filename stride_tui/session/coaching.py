"""A routine as the log says to play it today: progressions in force, the tighter side favoured.

One place both front ends, ``stride show`` and the picker's preview go through, so what
is shown is what is played.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stride_tui.coaching_settings import Coaching
from stride_tui.routine.model import Level, Routine
from stride_tui.routine.plan import Favor, Plan, expand
from stride_tui.session.balance import favors
from stride_tui.session.history import History, StepRecord
from stride_tui.session.progression import StepProgress, apply_progress, progress_of


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
    records: list[StepRecord],
    coaching: Coaching,
) -> Coached:
    """Apply the log's coaching to ``routine`` (pure: the records are given).

    Args:
        routine: The routine as written.
        level: The level to play.
        records: The routine's logged steps since its last progression reset, oldest first.
        coaching: The coaching settings (week start, how much the tighter side gets).
    """
    progress = tuple(progress_of(routine, records, coaching.week_starts))
    in_force = apply_progress(routine, progress)
    favor = favors(routine, records, coaching.favor_extra)
    return Coached(in_force, expand(in_force, level, favor), progress, favor)


def coach_from_log(
    routine: Routine,
    routine_id: str,
    level: Level,
    history: History | None,
    coaching: Coaching,
) -> Coached:
    """:func:`coach` with the records read from ``history``; without a log, as written."""
    if history is None:
        return coach(routine, level, [], coaching)
    since = history.progress_reset(routine_id)
    progress_records = history.step_records(routine_id, since)
    favor_records = history.step_records(routine_id)
    progress = tuple(progress_of(routine, progress_records, coaching.week_starts))
    in_force = apply_progress(routine, progress)
    favor = favors(routine, favor_records, coaching.favor_extra)
    return Coached(in_force, expand(in_force, level, favor), progress, favor)
