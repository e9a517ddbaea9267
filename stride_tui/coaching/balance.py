"""Sides compared: which side felt tighter per two-sided step, and which one a step favours.

The review asks, after each two-sided step, which side felt tighter. Over the last
weeks that shows the balance per step; a step with ``favor: tighter`` gives the side
that has been tighter in its latest answers extra work, until the two even out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from stride_tui.log.sides import Tighter
from stride_tui.log.store import StepRecord
from stride_tui.routine.model import Routine
from stride_tui.routine.plan import Favor

RECENT_ANSWERS = 5
"""How many of a step's latest answers decide which side it favours."""


@dataclass(frozen=True, slots=True)
class Balance:
    """The answers for one step of one routine over a period."""

    routine_id: str
    step: str
    left: int
    right: int
    even: int

    @property
    def answers(self) -> int:
        """How many reviews answered for this step."""
        return self.left + self.right + self.even

    @property
    def tighter(self) -> Tighter:
        """The side that was tighter more often, or ``EVEN`` when neither was."""
        if self.left > self.right:
            return Tighter.LEFT
        if self.right > self.left:
            return Tighter.RIGHT
        return Tighter.EVEN

    def describe(self) -> str:
        """``left tighter 3, right 1, even 2``."""
        return f"left tighter {self.left}, right {self.right}, even {self.even}"


def balances(records: Sequence[StepRecord], since_day: str | None = None) -> list[Balance]:
    """Per routine and step, how often each side felt tighter (from ``since_day`` on)."""
    counts: dict[tuple[str, str], dict[Tighter, int]] = {}
    for record in records:
        if record.tighter is None or (since_day is not None and record.day < since_day):
            continue
        tally = counts.setdefault((record.routine_id, record.name), dict.fromkeys(Tighter, 0))
        tally[record.tighter] += 1
    return [
        Balance(routine, step, t[Tighter.LEFT], t[Tighter.RIGHT], t[Tighter.EVEN])
        for (routine, step), t in counts.items()
    ]


def recent_balance(records: Sequence[StepRecord], step: str, last: int = RECENT_ANSWERS) -> Balance:
    """The latest ``last`` answers for one step (records of one routine, oldest first)."""
    answers = [r for r in records if r.name == step and r.tighter is not None][-last:]
    routine = answers[0].routine_id if answers else ""
    return balances(answers)[0] if answers else Balance(routine, step, 0, 0, 0)


def favors(routine: Routine, records: Sequence[StepRecord], extra: float) -> dict[int, Favor]:
    """Extra work for the tighter side of each ``favor: tighter`` step, by file index.

    Args:
        routine: The routine as written.
        records: Its logged steps, oldest session first.
        extra: How much more the tighter side gets, as a fraction (0.2 is 20%).
    """
    result: dict[int, Favor] = {}
    if extra <= 0:
        return result
    for index, step in enumerate(routine.steps):
        if step.favor != "tighter" or step.sides != "both" or step.name is None:
            continue
        recent = recent_balance(records, step.name)
        side = recent.tighter
        if side is Tighter.EVEN:
            continue
        times = recent.left if side is Tighter.LEFT else recent.right
        why = f"it has been tighter ({times} of the last {recent.answers})"
        result[index] = Favor("left" if side is Tighter.LEFT else "right", extra, why)
    return result
