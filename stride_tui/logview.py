"""The training log as text: for ``stride log``, the history screen, and CSV export."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

from stride_tui.errors import StrideError
from stride_tui.routine.durations import clock
from stride_tui.routine.files import write_atomic
from stride_tui.session.history import History, SessionRow
from stride_tui.session.markers import KINDS
from stride_tui.session.progress import RATING_SCALE, sparkline, streak, this_week, week_start
from stride_tui.text import plural, spreadsheet_cell, visible

RECENT = 10
TREND_POINTS = 24
BALANCE_WEEKS = 4
"""How far back ``stride log`` compares sides."""


def _when(row: SessionRow) -> str:
    return row.started_at.strftime("%a %d %b %H:%M")


def week_lines(history: History, today: date, first_weekday: int = 0) -> Iterator[str]:
    """This week against the weekly template, and the streak."""
    monday = week_start(today, first_weekday)
    sessions = history.sessions(since_day=monday.isoformat())
    done = sum(s.outcome.completed for s in sessions)
    sunday = monday + timedelta(days=6)
    yield (
        f"This week ({monday:%a %d %b} to {sunday:%a %d %b}): {done} completed "
        f"session{'s' if done != 1 else ''}"
    )
    for slot in this_week(sessions, today, first_weekday):
        state = f"done ({slot.done_on:%a})" if slot.done_on else "not yet"
        yield f"  {slot.label:<18} {state}"
    days = streak(history.days_with_sessions(), today)
    yield f"Streak: {plural(days, 'day')}"


def recent_lines(history: History, limit: int = RECENT) -> Iterator[str]:
    """The latest sessions, one line each."""
    rows = history.sessions(limit=limit)
    if not rows:
        yield "No sessions yet: `stride run pre` starts the pre-run warm-up."
        return
    for row in rows:
        taken = clock(row.taken_seconds) if row.taken_seconds is not None else "-"
        ratings = ""
        if row.stiffness is not None or row.stride_feel is not None:
            ratings = f"  stiff {row.stiffness or '-'} feel {row.stride_feel or '-'}"
        # Standard is the usual level: name only the others, to keep a line within 80.
        shown = visible(row.routine_name)
        name = shown if row.level == "standard" else f"{shown} ({visible(row.level)})"
        yield f"  {_when(row)}  {name[:22]:<22} {taken:>5}  {row.outcome.brief()}{ratings}"


def trend_lines(history: History) -> Iterator[str]:
    """Sparklines of stiffness, stride feel and each marker, oldest to newest."""
    rated = list(reversed(history.sessions(limit=500)))
    for label, values in (
        ("stiffness", [r.stiffness for r in rated if r.stiffness is not None]),
        ("stride feel", [r.stride_feel for r in rated if r.stride_feel is not None]),
    ):
        recent = [float(v) for v in values][-TREND_POINTS:]
        if recent:
            line = sparkline(recent, RATING_SCALE)
            yield f"  {label:<14} {line:<{TREND_POINTS}}  {recent[-1]:g} of 5"
    for kind in KINDS.values():
        points = history.markers(kind.name)[-TREND_POINTS:]
        if points:
            line = sparkline([m.value for m in points])
            yield (
                f"  {kind.name:<14} {line:<{TREND_POINTS}}  {kind.show(points[-1].value)}"
                f" ({points[-1].day})"
            )


def balance_lines(history: History, today: date) -> Iterator[str]:
    """Per two-sided step, which side felt tighter over the last weeks."""
    from stride_tui.session.balance import balances
    from stride_tui.session.sides import Tighter

    since = (today - timedelta(weeks=BALANCE_WEEKS)).isoformat()
    for balance in balances(history.step_records(since_day=since, sides_only=True), since):
        tighter = balance.tighter
        verdict = "even" if tighter is Tighter.EVEN else f"{tighter.value} tighter"
        name = f"{visible(balance.step)} ({visible(balance.routine_id)})"
        counts = f"L {balance.left} · R {balance.right} · even {balance.even}"
        yield f"  {name[:36]:<36} {verdict:<13} {counts}"


def calendar_text(history: History, today: date, first_weekday: int = 0) -> list[str]:
    """The consistency calendar of the last weeks, as text."""
    from stride_tui.session.calendar import WEEKS, calendar, calendar_lines

    since = (week_start(today, first_weekday) - timedelta(weeks=WEEKS)).isoformat()
    cal = calendar(history.sessions(since_day=since), today, first_weekday)
    head = (
        f"Last {WEEKS} weeks: {plural(cal.sessions, 'session')} on {plural(cal.active_days, 'day')}"
    )
    return [head, *calendar_lines(cal)]


def render_log(
    history: History, today: date, first_weekday: int | None = None, *, calendar: bool = True
) -> str:
    """Everything ``stride log`` prints; weeks start on the day the coaching settings say.

    The history screen draws the calendar itself, and asks for the text without it.
    """
    if first_weekday is None:
        from stride_tui.coaching_settings import load_coaching

        first_weekday = load_coaching().coaching.week_starts
    lines = list(week_lines(history, today, first_weekday))
    lines += ["", "Recent sessions", *recent_lines(history)]
    trends = list(trend_lines(history))
    lines += ["", "Trends (oldest to newest; ratings on 1 to 5)", *trends] if trends else []
    sides = list(balance_lines(history, today))
    if sides:
        lines += ["", f"Sides, last {BALANCE_WEEKS} weeks: which felt tighter", *sides]
    if calendar:
        lines += ["", *calendar_text(history, today, first_weekday)]
    return "\n".join(lines)


EXPORTS = ("sessions.csv", "steps.csv", "markers.csv")
"""The files ``stride log --csv`` writes, in this order."""


class ExportRefused(StrideError):
    """The CSV export cannot write where it was asked; the message says why and what to do."""


def _export_folder(folder: Path, force: bool) -> None:
    """Check that ``folder`` can take the export before anything is written."""
    shown = visible(str(folder))
    if os.path.lexists(folder) and not folder.is_dir():
        raise ExportRefused(f"{shown} is a file, not a folder; give a folder to write the CSV into")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportRefused(f"cannot create the folder {shown}: {error.strerror}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportRefused(f"the folder {shown} is not writable; choose a folder you can write")
    existing = [name for name in EXPORTS if os.path.lexists(folder / name)]
    if existing and not force:
        raise ExportRefused(
            f"{shown} already holds {', '.join(existing)}; add --force to replace"
            " them, or choose another folder"
        )


def _csv(header: list[str], rows: Iterable[list[object]]) -> bytes:
    """A CSV file's bytes; text cells can never run as spreadsheet formulas."""
    buffer = io.StringIO(newline="")
    out = csv.writer(buffer)
    out.writerow(header)
    for row in rows:
        out.writerow([spreadsheet_cell(c) if isinstance(c, str) else c for c in row])
    return buffer.getvalue().encode("utf-8")


def export_csv(history: History, folder: Path, *, force: bool = False) -> list[Path]:
    """Write sessions, steps and markers as CSV files in ``folder``; return them.

    Each file is written whole or not at all. Text cells have their control characters
    made visible and a leading ``'`` where a spreadsheet would read a formula.

    Args:
        history: The log to export.
        folder: Where the three files go; created when missing.
        force: Replace exports already in ``folder``.

    Raises:
        ExportRefused: ``folder`` is a file, cannot be written, or already holds an
            export (without ``force``).
    """
    _export_folder(folder, force)
    sessions = list(reversed(history.sessions()))
    tables = {
        "sessions.csv": _csv(
            [
                "id",
                "routine_id",
                "routine",
                "kind",
                "level",
                "started_at",
                "day",
                "outcome",
                "stopped_at_step",
                "skipped_steps",
                "steps",
                "planned_seconds",
                "taken_seconds",
                "stiffness",
                "stride_feel",
                "notes",
            ],
            (
                [
                    s.id,
                    s.routine_id,
                    s.routine_name,
                    s.routine_kind,
                    s.level,
                    s.started_at.isoformat(),
                    s.day,
                    s.outcome.kind.value,
                    "" if s.outcome.at_step is None else s.outcome.at_step + 1,
                    s.outcome.skipped,
                    s.steps_total,
                    s.planned_seconds,
                    s.taken_seconds or "",
                    s.stiffness or "",
                    s.stride_feel or "",
                    s.notes or "",
                ]
                for s in sessions
            ),
        ),
        "steps.csv": _csv(
            ["session_id", "step", "name", "status", "seconds", "key_movement", "with_control"],
            (
                [
                    s.id,
                    step.index + 1,
                    step.name,
                    step.status.value,
                    "" if step.seconds is None else round(step.seconds, 2),
                    int(step.key_movement),
                    "" if step.with_control is None else int(step.with_control),
                ]
                for s in sessions
                for step in history.steps(s.id)
            ),
        ),
        "markers.csv": _csv(
            ["id", "kind", "value", "recorded_at", "day", "note"],
            (
                [
                    marker.id,
                    marker.kind,
                    marker.value,
                    marker.recorded_at.isoformat(),
                    marker.day,
                    marker.note or "",
                ]
                for marker in history.markers()
            ),
        ),
    }
    written: list[Path] = []
    for name, data in tables.items():
        path = folder / name
        try:
            write_atomic(path, data)
        except OSError as error:
            done = f" ({', '.join(p.name for p in written)} written)" if written else ""
            raise ExportRefused(
                f"cannot write {visible(str(path))}: {error.strerror}{done}"
            ) from None
        written.append(path)
    return written
