"""Guided tests: after a step that says ``measure:``, ask for the value, per side, and log it.

Both faces of a session use this: :class:`MeasureWatch` says which asks fall due as steps
end (a two-sided step asks for the left, then the right), :class:`NumberEntry` is the
number being typed, key by key, so the player and plain mode read it without ever
blocking: the session's timing never waits on an answer. A value is logged as a marker
with its side through the session's log writer, so it is written like every other row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stride_tui.log.markers import KINDS, MarkerKind
from stride_tui.routine.plan import Plan
from stride_tui.session.engine import Engine, StepStatus

ENTER = "\r"
ESCAPE = "\x1b"
BACKSPACE = ("\x7f", "\b")
MAX_CHARS = 8
"""The longest number typed (``-12.5`` needs five)."""


@dataclass(frozen=True, slots=True)
class Ask:
    """One value to ask for: the marker's kind, the side, and the step it follows."""

    step: int
    kind: MarkerKind
    side: str | None

    @property
    def what(self) -> str:
        """``Hip extension angle, left``."""
        label = self.kind.label[0].upper() + self.kind.label[1:]
        return f"{label}, {self.side}" if self.side else label

    @property
    def unit_and_range(self) -> str:
        """``° (-30 to 90)``, ``cm (0 to 25)``."""
        kind = self.kind
        return f"{kind.unit} ({kind.low:g} to {kind.high:g})"

    def prompt(self) -> str:
        """``Hip extension angle, left in ° (-30 to 90); Enter records, Esc skips: ``."""
        return f"{self.what} in {self.unit_and_range}; Enter records, Esc skips: "


def asks_for(plan: Plan, step: int) -> list[Ask]:
    """The asks a step makes when it ends: none, one, or left then right."""
    planned = plan.steps[step]
    kind = KINDS.get(planned.measure or "")
    if kind is None:
        return []
    if planned.sides == "both":
        return [Ask(step, kind, "left"), Ask(step, kind, "right")]
    side = planned.sides if planned.sides in ("left", "right") else None
    return [Ask(step, kind, side)]


@dataclass
class MeasureWatch:
    """Which guided tests have ended and not yet been asked about.

    Attributes:
        plan: The plan played.
        asked: Steps whose asks have been handed out.
    """

    plan: Plan
    asked: set[int] = field(default_factory=set)

    def due(self, engine: Engine) -> list[Ask]:
        """Asks for measured steps that ended (done or skipped) since the last call."""
        found: list[Ask] = []
        for planned in self.plan.steps:
            if planned.measure is None or planned.index in self.asked:
                continue
            if engine.step_status(planned.index) is StepStatus.PENDING:
                continue
            self.asked.add(planned.index)
            found += asks_for(self.plan, planned.index)
        return found


@dataclass(frozen=True, slots=True)
class Recorded:
    """A value typed and accepted."""

    value: float


@dataclass(frozen=True, slots=True)
class Skipped:
    """The ask was skipped (Esc)."""


@dataclass(frozen=True, slots=True)
class Refused:
    """Enter on a value that is not a plausible number; the entry stays open."""

    why: str


Answer = Recorded | Skipped | Refused


@dataclass
class NumberEntry:
    """A number typed key by key for one ask.

    Attributes:
        ask: What is asked for.
        text: What has been typed so far.
    """

    ask: Ask
    text: str = ""

    def check(self) -> Answer:
        """What Enter would do with the text now."""
        try:
            value = float(self.text)
        except ValueError:
            return Refused(f"`{self.text}` is not a number" if self.text else "type a number")
        problem = self.ask.kind.check(value)
        return Refused(problem) if problem else Recorded(value)

    def key(self, key: str) -> Answer | None:
        """Take one key: a digit, ``.``, ``-``, backspace, Enter or Esc.

        Returns:
            The answer on Enter or Esc; ``None`` while typing (other keys are ignored).
        """
        if key in (ENTER, "\n"):
            return self.check()
        if key == ESCAPE:
            return Skipped()
        if key in BACKSPACE:
            self.text = self.text[:-1]
        elif len(self.text) < MAX_CHARS and (
            (key.isdigit() and key.isascii()) or (key in ".," and "." not in self.text)
        ):
            self.text += "." if key == "," else key
        elif key == "-" and not self.text:
            self.text = "-"
        return None
