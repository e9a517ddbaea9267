"""``stride today`` and ``stride progress``: the weekly template and progressions."""

from __future__ import annotations

import argparse
from datetime import date, timedelta

from stride_tui.coaching.settings import load_coaching
from stride_tui.commands.console import out, warn
from stride_tui.commands.lookup import find_routine, open_log
from stride_tui.text import visible

HISTORY_WEEKS = 8
"""Weeks of sessions read to see which routine the runner uses for each kind."""


def today(args: argparse.Namespace) -> int:
    """Say which session the weekly template has due today, and why."""
    from stride_tui.coaching.today import RoutineChoice, suggest
    from stride_tui.log.runs import run_rows
    from stride_tui.log.store import unreadable_note
    from stride_tui.routine.durations import clock
    from stride_tui.routine.library import discover, summaries

    loaded = load_coaching()
    for problem in loaded.problems:
        warn(problem.render(str(loaded.path)))
    found = {rid: s for rid, s in summaries(discover()).items() if not s.problems}
    routines = [RoutineChoice(rid, s.name, s.kind) for rid, s in found.items()]
    day = date.today()
    history = open_log()
    try:
        sessions = history.sessions(since_day=(day - timedelta(weeks=HISTORY_WEEKS)).isoformat())
        ran = run_rows(history, since_day=day.isoformat())
        skipped = unreadable_note(history)
    finally:
        history.close()
    if skipped is not None:
        warn(skipped)
    ran_at = max((r.started_at for r in ran if r.day == day.isoformat()), default=None)
    suggestion = suggest(sessions, routines, day, loaded.coaching.week_starts, ran_at=ran_at)
    out(f"Today, {day:%A %d %b}: {visible(suggestion.reason)}")
    if suggestion.routine_id is not None:
        chosen = found[suggestion.routine_id]
        out(
            f"  stride run {visible(suggestion.routine_id)}"
            f"   ({visible(chosen.name)}, {clock(chosen.total)})"
        )
    out("")
    out("This week:")
    for slot in suggestion.slots:
        state = f"done {slot.done_on:%a}" if slot.done_on else "not yet"
        out(f"  {slot.label:<18} {state}")
    extras = [
        f"{when}: stride run {visible(rid)}"
        for when, rid in (
            ("before a run", suggestion.before_run),
            ("after a run", suggestion.after_run),
        )
        if rid is not None and rid != suggestion.routine_id
    ]
    if extras:
        out("")
        out("  " + "   ".join(extras))
    return 0


def progress(args: argparse.Namespace) -> int:
    """Explain each step's progression from the log, or start the routine's over."""
    from stride_tui.coaching.coach import coach_from_log

    source, routine = find_routine(args.routine)
    history = open_log()
    try:
        if args.reset:
            history.reset_progress(source.id)
            out(
                f"{visible(routine.name)}: progressions start over; every step plays as"
                " written until new sessions count"
            )
            return 0
        reset = history.progress_reset(source.id)
        coached = coach_from_log(routine, source.id, "standard", history, load_coaching().coaching)
        sessions = {r.session_id for r in history.step_records(source.id, reset)}
    finally:
        history.close()
    since = f", since the reset on {reset:%a %d %b %Y}" if reset is not None else ""
    count = f"{len(sessions)} logged session{'s' if len(sessions) != 1 else ''}"
    out(f"{visible(routine.name)}: {count}{since}")
    if not coached.progress:
        out(
            "  No step has `progress`; add e.g. `progress: {add: 5s, every: 2 sessions,"
            " up_to: 75s}` to a step (see docs/routines.md)"
        )
    for state in coached.progress:
        out(f"  {visible(state.name)}: {visible(state.explain())}")
    for note in coached.notes()[len(coached.progress) :]:
        out(f"  {visible(note)}")
    return 0
