"""The training log as text: for ``stride log``, the history screen, and CSV export."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from stride_tui.routine.durations import clock
from stride_tui.session.history import History, SessionRow
from stride_tui.session.markers import KINDS
from stride_tui.session.progress import sparkline, streak, this_week, week_start

RECENT = 10
TREND_POINTS = 24


def _when(row: SessionRow) -> str:
    return row.started_at.strftime("%a %d %b %H:%M")


def _outcome(row: SessionRow) -> str:
    if row.status == "completed":
        return "completed"
    at = (row.stopped_at_step or 0) + 1
    return f"stopped at {at}/{row.steps_total}"


def week_lines(history: History, today: date) -> Iterator[str]:
    """This week against the weekly template, and the streak."""
    monday = week_start(today)
    sessions = history.sessions(since_day=monday.isoformat())
    done = sum(s.status == "completed" for s in sessions)
    sunday = monday + timedelta(days=6)
    yield (
        f"This week ({monday:%a %d %b} to {sunday:%a %d %b}): {done} completed "
        f"session{'s' if done != 1 else ''}"
    )
    for slot in this_week(sessions, today):
        state = f"done ({slot.done_on:%a})" if slot.done_on else "not yet"
        yield f"  {slot.label:<18} {state}"
    days = streak(history.days_with_sessions(), today)
    yield f"Streak: {days} day{'s' if days != 1 else ''}"


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
        name = row.routine_name if row.level == "standard" else f"{row.routine_name} ({row.level})"
        yield f"  {_when(row)}  {name[:22]:<22} {taken:>5}  {_outcome(row)}{ratings}"


def trend_lines(history: History) -> Iterator[str]:
    """Sparklines of stiffness, stride feel and each marker, oldest to newest."""
    rated = list(reversed(history.sessions(limit=500)))
    for label, values in (
        ("stiffness", [r.stiffness for r in rated if r.stiffness is not None]),
        ("stride feel", [r.stride_feel for r in rated if r.stride_feel is not None]),
    ):
        recent = [float(v) for v in values][-TREND_POINTS:]
        if recent:
            yield f"  {label:<14} {sparkline(recent):<{TREND_POINTS}}  {recent[-1]:g} of 5"
    for kind in KINDS.values():
        points = history.markers(kind.name)[-TREND_POINTS:]
        if points:
            line = sparkline([m.value for m in points])
            yield (
                f"  {kind.name:<14} {line:<{TREND_POINTS}}  {kind.show(points[-1].value)}"
                f" ({points[-1].day})"
            )


def render_log(history: History, today: date) -> str:
    """Everything ``stride log`` prints."""
    lines = list(week_lines(history, today))
    lines += ["", "Recent sessions", *recent_lines(history)]
    trends = list(trend_lines(history))
    lines += ["", "Trends (oldest to newest)", *trends] if trends else []
    return "\n".join(lines)


def export_csv(history: History, folder: Path) -> list[Path]:
    """Write sessions, steps and markers as CSV files in ``folder``; return them."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    sessions = list(reversed(history.sessions()))
    path = folder / "sessions.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(
            [
                "id",
                "routine_id",
                "routine",
                "kind",
                "level",
                "started_at",
                "day",
                "status",
                "stopped_at_step",
                "steps",
                "planned_seconds",
                "taken_seconds",
                "stiffness",
                "stride_feel",
                "notes",
            ]
        )
        for s in sessions:
            out.writerow(
                [
                    s.id,
                    s.routine_id,
                    s.routine_name,
                    s.routine_kind,
                    s.level,
                    s.started_at.isoformat(),
                    s.day,
                    s.status,
                    "" if s.stopped_at_step is None else s.stopped_at_step + 1,
                    s.steps_total,
                    s.planned_seconds,
                    s.taken_seconds or "",
                    s.stiffness or "",
                    s.stride_feel or "",
                    s.notes or "",
                ]
            )
    written.append(path)
    path = folder / "steps.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["session_id", "step", "name", "status", "seconds", "key_movement", "with_control"]
        )
        for s in sessions:
            for index, name, status, seconds, key, control in history.steps(s.id):
                out.writerow(
                    [
                        s.id,
                        index + 1,
                        name,
                        status,
                        "" if seconds is None else round(seconds, 2),
                        int(key),
                        "" if control is None else int(control),
                    ]
                )
    written.append(path)
    path = folder / "markers.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "kind", "value", "recorded_at", "day", "note"])
        for marker in history.markers():
            out.writerow(
                [
                    marker.id,
                    marker.kind,
                    marker.value,
                    marker.recorded_at.isoformat(),
                    marker.day,
                    marker.note or "",
                ]
            )
    written.append(path)
    return written
