"""How a session ended: one type used by the engine, the log, the log view and the CSV."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class OutcomeKind(StrEnum):
    """The three ways a session can end; the values are what the log stores."""

    COMPLETED = "completed"
    """Every step was played."""
    STOPPED = "stopped"
    """The runner (or a signal, a closed terminal, a crash) ended it before the end."""
    SKIPPED = "skipped"
    """It reached its end, but some steps were skipped on the way."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a session ended, with the counts that make it honest.

    Attributes:
        kind: Completed, stopped, or finished with steps skipped.
        steps: How many steps the plan has.
        at_step: For a stopped session, the step (from 0) it stopped at.
        skipped: How many steps were not played to their end.
    """

    kind: OutcomeKind
    steps: int
    at_step: int | None = None
    skipped: int = 0

    @property
    def completed(self) -> bool:
        """Whether every step was played."""
        return self.kind is OutcomeKind.COMPLETED

    def describe(self) -> str:
        """``completed``, ``stopped at step 3 of 8`` or ``finished with 2 skipped``."""
        if self.kind is OutcomeKind.COMPLETED:
            return "completed"
        if self.kind is OutcomeKind.STOPPED:
            return f"stopped at step {(self.at_step or 0) + 1} of {self.steps}"
        return f"finished with {self.skipped} skipped"

    def brief(self) -> str:
        """The same in a table's width: ``completed``, ``stopped at 3/8``, ``skipped 2/8``."""
        if self.kind is OutcomeKind.COMPLETED:
            return "completed"
        if self.kind is OutcomeKind.STOPPED:
            return f"stopped at {(self.at_step or 0) + 1}/{self.steps}"
        return f"skipped {self.skipped}/{self.steps}"
