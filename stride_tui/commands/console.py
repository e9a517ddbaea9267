"""Writing a command's output and its warnings."""

from __future__ import annotations

import sys


def out(text: str = "") -> None:
    """Print a line of the command's output."""
    sys.stdout.write(text + "\n")


def warn(text: str) -> None:
    """Print a warning on stderr, prefixed as stride's."""
    sys.stderr.write(f"stride: {text}\n")


def err(text: str) -> None:
    """Print a line on stderr as it is (a summary, a problem with its location)."""
    sys.stderr.write(text + "\n")
