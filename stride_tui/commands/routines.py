"""``stride list``, ``show``, ``check`` and ``schema``: routines as files and plans."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import msgspec

from stride_tui.commands.console import err, out
from stride_tui.errors import EXIT_PROBLEMS
from stride_tui.routine.library import (
    RoutineNotFound,
    RoutineSource,
    Summary,
    discover,
    resolve,
    summaries,
    summary_at,
)
from stride_tui.routine.model import Level
from stride_tui.text import table, visible

TIME_COLUMN = 3


def list_routines(args: argparse.Namespace) -> int:
    """List every routine with its kind, total time and where it comes from."""
    from stride_tui.routine.durations import clock

    sources = discover()
    if args.ids:
        for rid in sources:
            out(visible(rid))
        return 0
    found = {rid: _as_played(sources[rid], args.level, s) for rid, s in summaries(sources).items()}
    rows: list[tuple[str, ...]] = [("ID", "NAME", "KIND", "TIME", "SOURCE")]
    for rid, summary in found.items():
        time = clock(summary.total) if not summary.problems else "-"
        raw = (rid, summary.name, summary.kind, time, sources[rid].origin)
        rows.append(tuple(visible(cell) for cell in raw))
    for line in table(rows, right=frozenset({TIME_COLUMN})):
        out(line)
    for rid, summary in found.items():
        if not summary.problems:
            continue
        count = summary.problem_count
        out(f"\n{visible(rid)} has {count} problem{'s' if count != 1 else ''}:")
        for line in summary.problems:
            out(f"  {line}")
        if count > len(summary.problems):
            out(f"  ... (`stride check {visible(rid)}` shows all)")
    if not found:
        out("No routines found.")
    return 0


def _as_played(source: RoutineSource, level: Level, standard: Summary) -> Summary:
    """``standard`` with the total of the plan ``stride run`` would play at ``level``.

    A routine whose steps progress or favour a side is coached from the log, as
    :func:`~stride_tui.commands.play.plan_to_play` coaches it; the others are the file's
    plan at the level.
    """
    if standard.problems:
        return standard
    from stride_tui.commands.lookup import coached, coached_by_log
    from stride_tui.routine.plan_cache import PlanCache
    from stride_tui.routine.problems import RoutineError

    try:
        routine = PlanCache().routine(source.path)
    except RoutineError:
        return summary_at(source, level, standard)
    if not coached_by_log(routine):
        return summary_at(source, level, standard)
    plan = coached(source, routine, level, say_why=False).plan
    return msgspec.structs.replace(standard, total=plan.total, steps=len(plan.steps))


def show(args: argparse.Namespace) -> int:
    """Print every segment of a routine's plan with its start time, and the total."""
    from stride_tui.commands.lookup import coached, find_routine
    from stride_tui.routine.render import render_plan

    source, routine = find_routine(args.routine)
    played = coached(source, routine, args.level, say_why=True)
    out(render_plan(played.routine, played.plan, source.origin, str(source.path)))
    notes = played.notes()
    if notes:
        out("\nFrom your training log (`stride progress " + visible(source.id) + "` explains):")
        for note in notes:
            out("  " + visible(note))
    return 0


def check(args: argparse.Namespace) -> int:
    """Check routine files (or ids) and report every problem; exit 1 if any."""
    from stride_tui.routine.loader import load_routine
    from stride_tui.routine.problems import RoutineError

    sources = None
    failed = 0
    problems = 0
    for target in args.files:
        path = Path(target)
        if not os.path.lexists(path) and os.sep not in target:
            sources = discover() if sources is None else sources
            try:
                path = resolve(target, sources).path
            except RoutineNotFound as error:
                err(f"{visible(target)}: {error}")
                failed += 1
                continue
        try:
            load_routine(path)
        except RoutineError as error:
            out(str(error))
            failed += 1
            problems += len(error.problems)
            continue
        if not args.quiet:
            out(f"{visible(str(path))}: ok")
    count = len(args.files)
    if failed:
        err(
            f"{failed} of {count} file{'s' if count != 1 else ''} failed ({problems} problem"
            f"{'s' if problems != 1 else ''})"
        )
        return EXIT_PROBLEMS
    return 0


def schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of routine files, or write it for editors."""
    if args.write:
        from stride_tui.routine.authoring import export_schema

        out(visible(str(export_schema())))
        return 0
    from stride_tui.routine.schema import routine_schema

    sys.stdout.write(json.dumps(routine_schema(), indent=2) + "\n")
    return 0
