"""``stride log`` and ``stride mark``: the training log shown or exported, and markers."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from stride_tui.commands.console import out, warn
from stride_tui.commands.lookup import open_log
from stride_tui.text import visible


def mark(args: argparse.Namespace) -> int:
    """Log a progress marker: hip extension, step length, cadence, ankle dorsiflexion."""
    from stride_tui.log.markers import parse_marker
    from stride_tui.log.store import now

    marker = parse_marker(args.kind, args.value, args.date, now())
    history = open_log()
    try:
        history.add_marker(
            marker.kind.name, marker.value, args.note, marker.recorded, side=args.side
        )
    finally:
        history.close()
    kind = marker.kind
    side = f" ({args.side})" if args.side else ""
    out(
        f"logged {kind.label}{side}: {kind.show(marker.value)} on"
        f" {marker.recorded.date().isoformat()}"
    )
    return 0


def show_log(args: argparse.Namespace) -> int:
    """Show the training log (this week, the streak, sessions, trends) or export it as CSV."""
    from stride_tui.coaching.report import render_log
    from stride_tui.log.export import export_csv
    from stride_tui.log.store import unreadable_note

    history = open_log()
    try:
        if args.csv:
            for path in export_csv(history, Path(args.csv), force=args.force):
                out(visible(str(path)))
            return 0
        from stride_tui.live.status import read_statuses

        running = {status.routine_id for status in read_statuses()}
        out(render_log(history, date.today(), running=running))
        skipped = unreadable_note(history)
        if skipped is not None:
            warn(skipped)
    finally:
        history.close()
    return 0
