"""Problems found in a routine file, each pinned to a line and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stride_tui.errors import Location, StrideError
from stride_tui.text import visible


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a routine file.

    Attributes:
        line: 1-based line of the offending text.
        column: 1-based column of the offending text.
        field: Dotted path of the field, such as ``steps[2].reps``; empty for the
            file as a whole.
        message: What is wrong and what would be right.
    """

    line: int
    column: int
    field: str
    message: str

    def render(self, path: str) -> str:
        """Format as ``path:line:col: field: message``, the form editors jump to."""
        where = f"{visible(path)}:{self.line}:{self.column}: "
        return where + (f"{self.field}: " if self.field else "") + visible(self.message)


class RoutineError(StrideError):
    """A routine file could not be loaded; carries every problem found."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        first = problems[0] if problems else None
        where = Location(Path(path), first.line, first.column) if first else Location(Path(path))
        super().__init__("\n".join(problem.render(path) for problem in problems), where)
        self.path = path
        self.problems = problems


def quote(value: object, limit: int = 40) -> str:
    """Show a value from the user's file inside a message: on one line, and not too long."""
    text = visible(str(value))
    return text if len(text) <= limit else text[: limit - 3] + "..."


def field_path(parts: tuple[str | int, ...]) -> str:
    """Join path parts into ``steps[2].cues[0].at`` form."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{quote(part)}" if text else quote(part)
    return text
