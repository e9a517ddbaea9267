"""The one base of every failure stride expects, and how the command line reports one.

Anything that is the runner's to fix (a routine with problems, a missing routine, a log
that can't be opened, a folder that can't be written) derives from :class:`StrideError`:
``stride`` prints its message in a line or a few and exits with its code, never with a
traceback. Any other exception is a bug in stride, and is reported as one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXIT_PROBLEMS = 1
"""The exit status of a failure the runner can fix."""
EXIT_USAGE = 2
"""The exit status of a command line that doesn't parse (argparse's own)."""
EXIT_BUG = 70
"""The exit status of a bug in stride (``EX_SOFTWARE`` in ``sysexits.h``)."""


@dataclass(frozen=True)
class Location:
    """Where in a file a failure lies; line and column count from 1."""

    path: Path
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [str(self.path)]
        parts += [str(n) for n in (self.line, self.column) if n is not None]
        return ":".join(parts)


class StrideError(Exception):
    """A failure the runner can fix: its message says what happened and what to do.

    Args:
        message: What happened and what to do, in a sentence or a few lines.
        location: The file (and line, column) it concerns, when there is one; the message
            says it already, this is for code that wants it.
    """

    exit_code = EXIT_PROBLEMS

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return self.message


class CommandError(StrideError):
    """A command that cannot do what was asked (a bad argument, a missing editor)."""
