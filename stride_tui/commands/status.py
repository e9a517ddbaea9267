"""``stride status``: one line per session under way, for tmux and shell prompts.

It reads what the running session publishes (see :mod:`stride_tui.live.status`) and
nothing else: no log, no lock, no routine file, so it is cheap enough to run every few
seconds. No session under way prints nothing and exits 0.
"""

from __future__ import annotations

import argparse
import re
import string
import sys
import time

from stride_tui.errors import CommandError
from stride_tui.live.status import Activity, SessionStatus, read_statuses
from stride_tui.routine.durations import clock
from stride_tui.routine.plan import SegmentKind
from stride_tui.text import visible

MAX_WIDTH = 500
"""The widest field (and longest precision) a status line may ask for."""
_SIZES = re.compile(r"\d+")
"""Every number in a format spec: its width and its precision (a fill digit too)."""

FIELDS = {
    "routine": "the routine's name",
    "id": "the routine's id",
    "step": "the step's name",
    "number": "the step's position, from 1",
    "steps": "how many steps the routine has",
    "side": "left, right, or empty",
    "part": "get ready, work, switch, rest or wait",
    "state": "running, paused or waiting",
    "left": "time left of the part under way, as 0:12",
    "total": "time left of the routine, as 6:40",
}
"""The fields ``--format`` can name, each with what it holds."""


def run(args: argparse.Namespace) -> int:
    """Print one line about the session under way; nothing when there is none.

    Raises:
        CommandError: ``--format`` names a field that doesn't exist, or doesn't parse.
    """
    template = getattr(args, "format", None)
    if template is not None:
        check_format(template)
    now, steady = time.time(), time.monotonic()
    # Every session under way, one line each: the one that changed last first.
    for status in read_statuses():
        line = (
            status_line(status, now, steady)
            if template is None
            else template.format_map(fields(status, now, steady))
        )
        sys.stdout.write(line + "\n")
    return 0


def fields(status: SessionStatus, now: float, steady: float | None = None) -> dict[str, str]:
    """Every ``--format`` field for ``status`` at wall-clock time ``now``, made visible.

    ``steady`` is the monotonic clock now: time left is measured on it when given.
    """
    values = {
        "routine": status.routine,
        "id": status.routine_id,
        "step": status.step,
        "number": str(status.number),
        "steps": str(status.steps),
        "side": status.side or "",
        "part": status.part.value.replace("-", " "),  # "get ready", "work", ...
        "state": status.activity.value,
        "left": clock(status.part_left_at(now, steady)),
        "total": clock(status.routine_left_at(now, steady)),
    }
    return {name: visible(value) for name, value in values.items()}


def status_line(status: SessionStatus, now: float, steady: float | None = None) -> str:
    """The default line: routine · step n/N · side · part and time left.

    For example ``Pre-run warm-up · Hip circles 2/10 · left · 0:12 left``, or
    ``... · paused, get ready 0:04 left``, or ``... · waiting for you``.
    """
    values = fields(status, now, steady)
    parts = [values["routine"], f"{values['step']} {values['number']}/{values['steps']}"]
    if values["side"]:
        parts.append(values["side"])
    if status.activity is Activity.WAITING:
        parts.append("waiting for you")
        return " · ".join(parts)
    what = "" if status.part is SegmentKind.WORK else values["part"] + " "
    paused = "paused, " if status.activity is Activity.PAUSED else ""
    parts.append(f"{paused}{what}{values['left']} left")
    return " · ".join(parts)


def check_format(template: str) -> None:
    """Refuse a ``--format`` text that would not print, before anything is read.

    Raises:
        CommandError: A field that doesn't exist, an attribute or index, or broken braces.
    """
    names = ", ".join(FIELDS)
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        raise CommandError(
            f"--format: {error} (write {{{{ and }}}} for braces); fields: {names}"
        ) from None
    for _, field, given_spec, conversion in parsed:
        if field is None:
            continue
        spec = given_spec or ""
        if conversion not in (None, "s", "r", "a"):
            raise CommandError(f"--format: `!{visible(conversion)}` is not a conversion")
        if field not in FIELDS:
            shown = visible(field) or "{}"
            raise CommandError(f"--format: no field `{shown}`; fields: {names}")
        if "{" in spec:
            raise CommandError(f"--format: `{visible(spec)}` nests a field; fields: {names}")
        if any(int(n) > MAX_WIDTH for n in _SIZES.findall(spec)):
            raise CommandError(
                f"--format: {{{field}:{visible(spec)}}}: widths and precisions are at most"
                f" {MAX_WIDTH}"
            )
        try:
            format("", spec)
        except ValueError as error:
            raise CommandError(f"--format: {{{field}:{visible(spec)}}}: {error}") from None
