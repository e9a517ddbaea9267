"""``stride runs``: runs from the watch imported, listed and exported."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from stride_tui.commands.console import out
from stride_tui.commands.lookup import coaching_settings, open_log
from stride_tui.text import visible

if TYPE_CHECKING:
    from stride_tui.log.runs import RunRow


def reference_pace(setting: float | None, rows: list[RunRow], now: datetime) -> float | None:
    """The reference pace: the setting, else the median of the last 12 weeks of runs."""
    from stride_tui.log.runs import median_pace

    return setting if setting is not None else median_pace(rows, now)


def reference_words(setting: float | None, pace: float | None) -> str:
    """``Reference pace: 5:30/km (reference_pace in coaching.toml)`` and the like."""
    from stride_tui.runs import units

    if pace is None:
        return "Reference pace: none yet (no runs in the last 12 weeks)"
    source = (
        "reference_pace in coaching.toml"
        if setting is not None
        else "the median of your runs over the last 12 weeks"
    )
    return f"Reference pace: {units.pace(pace)} ({source})"


def import_runs(args: argparse.Namespace) -> int:
    """Import runs from files and folders: one line per file; each run stored as it comes."""
    from stride_tui.log.runs import add_run, known_run_keys, run_rows
    from stride_tui.log.store import now
    from stride_tui.runs.controlled import REFERENCE_WEEKS, at_reference_pace
    from stride_tui.runs.importing import import_paths
    from stride_tui.runs.outcomes import Status

    setting = coaching_settings().reference_pace_s_per_km
    history = open_log()
    imported = 0
    try:
        moment = now()
        # The paces of the last weeks' runs, kept as numbers: the default reference pace
        # follows the runs of this import as they are stored.
        from datetime import timedelta

        since = moment - timedelta(weeks=REFERENCE_WEEKS)
        paces = [
            pace
            for row in run_rows(history)
            if since < row.started_at <= moment and (pace := row.pace_s_per_km)
        ]
        counts = {status: 0 for status in Status}
        for outcome in import_paths([Path(p) for p in args.paths], known_run_keys(history)):
            counts[outcome.status] += 1
            run = outcome.run
            if outcome.status is Status.IMPORTED and run is not None:
                own = run.pace_s_per_km
                recent = own is not None and since < run.start <= moment
                if recent:
                    paces.append(own)  # type: ignore[arg-type]
                pace = setting if setting is not None else _median(paces) or own
                figure = None if pace is None else at_reference_pace(run, pace)
                if add_run(history, run, figure) is None:
                    counts[Status.IMPORTED] -= 1
                    counts[Status.DUPLICATE] += 1
                    out(f"{visible(str(outcome.path))}: already imported; nothing added")
                    continue
                imported += 1
            out(outcome.line())
    finally:
        history.close()
    out(
        f"{imported} imported, {counts[Status.DUPLICATE]} already there,"
        f" {counts[Status.SKIPPED]} skipped, {counts[Status.DAMAGED]} damaged"
    )
    return 0 if counts[Status.DAMAGED] == 0 else 1


def _median(values: list[float]) -> float | None:
    import statistics

    return statistics.median(values) if values else None


def run_line(row: RunRow) -> str:
    """One run in the list: day, kind, distance, pace, cadence, step length, the figure."""
    from stride_tui.runs import units

    parts = [
        row.started_at.strftime("%Y-%m-%d %H:%M"),
        row.sport,
        units.distance(row.distance_m),
    ]
    pace = row.pace_s_per_km
    if pace is not None:
        parts.append(units.pace(pace))
    if row.cadence_spm is None:
        parts.append("no cadence")
    else:
        parts.append(units.cadence(row.cadence_spm))
        if row.step_length_m is not None:
            parts.append(f"{units.STEP_LENGTH_LABEL} {units.step_length(row.step_length_m)}")
    if row.ref_words:
        parts.append(visible(row.ref_words))
    if row.device:
        parts.append(visible(row.device))
    return "  ".join(parts)


def list_runs(args: argparse.Namespace) -> int:
    """List the runs with the reference pace, or export them with ``--csv``."""
    from stride_tui.log.runs import run_rows
    from stride_tui.log.runs_export import export_runs_csv
    from stride_tui.log.store import now

    history = open_log()
    try:
        if args.csv:
            out(visible(str(export_runs_csv(history, Path(args.csv), force=args.force))))
            return 0
        rows = run_rows(history)
    finally:
        history.close()
    setting = coaching_settings().reference_pace_s_per_km
    out(reference_words(setting, reference_pace(setting, rows, now())))
    if not rows:
        out("No runs yet: `stride runs import FOLDER` reads the FIT, TCX and GPX files in it.")
        return 0
    for row in rows:
        out(run_line(row))
    return 0
