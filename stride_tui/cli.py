"""The ``stride`` command.

Start-up time matters (``stride list`` should feel instant), so each subcommand imports
what it needs when it runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stride_tui.routine.library import RoutineSource, Summary
    from stride_tui.routine.model import Level, Routine
    from stride_tui.routine.plan import Plan
    from stride_tui.session.coaching import Coached
    from stride_tui.session.history import History
    from stride_tui.session.log_writer import LogWriter

LEVEL_CHOICES = ("beginner", "standard", "experienced")
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A failure to report in one line, without a traceback."""


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def cmd_list(args: argparse.Namespace) -> int:
    """List every routine with its kind, total time and where it comes from."""
    from stride_tui.routine.durations import clock
    from stride_tui.routine.library import discover, summaries
    from stride_tui.text import visible

    sources = discover()
    if args.ids:
        for rid in sources:
            _out(visible(rid))
        return 0
    found = summaries(sources)
    if args.level != "standard":
        found = {rid: _summary_at(sources[rid], args.level, s) for rid, s in found.items()}
    rows: list[tuple[str, ...]] = [("ID", "NAME", "KIND", "TIME", "SOURCE")]
    for rid, summary in found.items():
        time = clock(summary.total) if not summary.problems else "-"
        raw = (rid, summary.name, summary.kind, time, sources[rid].origin)
        rows.append(tuple(visible(cell) for cell in raw))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [
            cell.ljust(width) if i != 3 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        _out("  ".join(cells).rstrip())
    broken = {rid: s for rid, s in found.items() if s.problems}
    for rid, summary in broken.items():
        _out(
            f"\n{visible(rid)} has {summary.problem_count} problem"
            f"{'s' if summary.problem_count != 1 else ''}:"
        )
        for line in summary.problems:
            _out(f"  {line}")
        if summary.problem_count > len(summary.problems):
            _out(f"  ... (`stride check {visible(rid)}` shows all)")
    if not found:
        _out("No routines found.")
    return 0


def _summary_at(source: RoutineSource, level: Level, standard: Summary) -> Summary:
    import msgspec

    from stride_tui.routine.loader import load_routine
    from stride_tui.routine.plan import expand
    from stride_tui.routine.problems import RoutineError

    if standard.problems:
        return standard
    try:
        plan = expand(load_routine(source.path), level)
    except RoutineError:
        return standard
    return msgspec.structs.replace(standard, total=plan.total, steps=len(plan.steps))


def _load(query: str) -> tuple[RoutineSource, object]:
    from stride_tui.routine.library import RoutineNotFound, resolve
    from stride_tui.routine.loader import load_routine
    from stride_tui.routine.problems import RoutineError
    from stride_tui.text import visible

    try:
        source = resolve(query)
    except RoutineNotFound as error:
        raise CommandError(str(error)) from None
    try:
        return source, load_routine(source.path)
    except RoutineError as error:
        where = visible(str(source.path))
        raise CommandError(f"{error}\n{where} has problems; fix them and try again") from None


def cmd_show(args: argparse.Namespace) -> int:
    """Print every segment of a routine's plan with its start time, and the total."""
    from stride_tui.routine.model import Routine
    from stride_tui.routine.render import render_plan
    from stride_tui.text import visible

    try:
        source, routine = _load(args.routine)
    except CommandError as error:
        raise CommandError(visible(str(error), newlines=True)) from None
    assert isinstance(routine, Routine)
    coached = _coached(source, routine, args.level, say_why=True)
    _out(render_plan(coached.routine, coached.plan, source.origin, str(source.path)))
    notes = coached.notes()
    if notes:
        _out("\nFrom your training log (`stride progress " + visible(source.id) + "` explains):")
        for note in notes:
            _out("  " + visible(note))
    return 0


def _coached(source: RoutineSource, routine: Routine, level: Level, *, say_why: bool) -> Coached:
    """The routine as the log says to play it; as written when the log cannot be read."""
    import sqlite3

    from stride_tui import locations
    from stride_tui.coaching_settings import load_coaching
    from stride_tui.session.coaching import coach_from_log
    from stride_tui.session.history import HistoryUnavailable, open_history
    from stride_tui.text import visible

    loaded = load_coaching()
    for problem in loaded.problems:
        _err(f"stride: {problem.render(str(loaded.path))}")
    if not os.path.lexists(locations.history_file()):  # no log yet: nothing to coach from
        return coach_from_log(routine, source.id, level, None, loaded.coaching)
    history = None
    try:
        history = open_history()
        if history.moved_aside is not None:
            _err(
                f"stride: the log was damaged: it was moved to {visible(str(history.moved_aside))}"
                " and a new one started"
            )
        return coach_from_log(routine, source.id, level, history, loaded.coaching)
    except (HistoryUnavailable, sqlite3.Error) as error:
        if say_why:
            _err(f"stride: {visible(str(error))}; showing the routine as written")
        return coach_from_log(routine, source.id, level, None, loaded.coaching)
    finally:
        if history is not None:
            history.close()


def cmd_run(args: argparse.Namespace) -> int:
    """Play a routine: full screen in a terminal, or one line per event with --plain."""
    from stride_tui.routine.model import Routine
    from stride_tui.session.log_writer import LogWriter
    from stride_tui.session.notices import Notices

    source, routine = _load(args.routine)
    assert isinstance(routine, Routine)
    # The log's trouble, if any, is said once by the log writer below.
    plan = _coached(source, routine, args.level, say_why=False).plan
    plain = args.plain or not (sys.stdout.isatty() and sys.stdin.isatty())
    no_app = _why_no_app()
    if not plain and no_app is not None:
        _err(f"stride: {no_app}; playing in plain mode")
        plain = True
    log = LogWriter(Notices())
    try:
        if plain:
            return _run_plain(args, plan, source, log)
        from stride_tui.tui.app import StrideApp

        app = StrideApp(
            routine_id=source.id,
            level=args.level,
            plan=plan,
            voice=args.voice or None,
            mute=args.mute,
            routine_path=source.path,
            log=log,
        )
        app.run()
        return app.return_code or 0
    finally:
        log.close()
        for notice in log.notices.take():  # trouble with the last writes
            _err(f"stride: {notice}")


def _run_plain(args: argparse.Namespace, plan: Plan, source: RoutineSource, log: LogWriter) -> int:
    from stride_tui.plain import run_plain
    from stride_tui.session.driver import SessionDriver
    from stride_tui.signals import SessionStopped
    from stride_tui.sound.session import start_sound

    sound = start_sound(plan.sound, voice=args.voice or None)
    sound.player.muted = sound.player.muted or args.mute
    driver = SessionDriver(
        plan,
        sound=sound,
        log=log,
        routine_id=source.id,
        routine_path=source.path,
        notices=log.notices,
    )
    try:
        run_plain(driver)
    except SessionStopped as stopped:
        sound.close(drain=False)
        return stopped.exit_code
    sound.close()
    return 0


def _why_no_app() -> str | None:
    """Why this terminal cannot draw the app (TERM unset or ``dumb``); ``None`` if it can."""
    term = os.environ.get("TERM", "")
    if term in ("", "dumb"):
        return f"this terminal (TERM={term}) cannot show the full-screen app"
    return None


def cmd_app(args: argparse.Namespace) -> int:
    """Open the routine picker."""
    return _run_app(level=args.level)


def _run_app(level: Level = "standard", edit: str | None = None) -> int:
    """The full-screen app on the picker (or the editor), with the log open."""
    from stride_tui.session.log_writer import LogWriter
    from stride_tui.session.notices import Notices
    from stride_tui.tui.app import StrideApp

    no_app = _why_no_app()
    if no_app is not None:
        raise CommandError(
            f"{no_app}; `stride list` shows the routines and `stride run ID --plain` plays one"
        )
    log = LogWriter(Notices())
    try:
        app = StrideApp(level=level, edit=edit, log=log)
        app.run()
        return app.return_code or 0
    finally:
        log.close()


def cmd_check(args: argparse.Namespace) -> int:
    """Check routine files (or ids) and report every problem; exit 1 if any."""
    from stride_tui.routine.library import RoutineNotFound, discover, resolve
    from stride_tui.routine.loader import load_routine
    from stride_tui.routine.problems import RoutineError
    from stride_tui.text import visible

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
                _err(f"{visible(target)}: {error}")
                failed += 1
                continue
        try:
            load_routine(path)
        except RoutineError as error:
            _out(str(error))
            failed += 1
            problems += len(error.problems)
            continue
        if not args.quiet:
            _out(f"{visible(str(path))}: ok")
    count = len(args.files)
    if failed:
        _err(
            f"{failed} of {count} file{'s' if count != 1 else ''} failed ({problems} problem"
            f"{'s' if problems != 1 else ''})"
        )
        return EXIT_PROBLEMS
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of routine files, or write it for editors."""
    if args.write:
        from stride_tui.routine.authoring import export_schema

        _out(str(export_schema()))
        return 0
    import json

    from stride_tui.routine.schema import routine_schema

    sys.stdout.write(json.dumps(routine_schema(), indent=2) + "\n")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Create a routine in the user folder, from a template or a copy of another."""
    from stride_tui.routine.authoring import AuthoringError, new_routine

    try:
        path = new_routine(args.name, args.source)
    except AuthoringError as error:
        raise CommandError(str(error)) from None
    _out(f"created {path}")
    _out(f"edit it with `stride edit {path.stem}`; `stride check {path.stem}` checks it")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    """Open a routine in $EDITOR, copying a built-in to the user folder first."""
    import shlex
    import shutil
    import subprocess

    from stride_tui.routine.authoring import editable_copy
    from stride_tui.routine.library import RoutineNotFound, resolve
    from stride_tui.routine.loader import load_routine
    from stride_tui.routine.problems import RoutineError

    try:
        source = resolve(args.routine)
    except RoutineNotFound as error:
        raise CommandError(str(error)) from None
    if args.in_app:
        return _run_app(edit=source.id)
    path = editable_copy(source)
    if path != source.path:
        _out(f"copied the built-in routine to {path}; your copy overrides it")
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    command = shlex.split(editor) if editor else None
    if not command:
        fallback = next((n for n in ("sensible-editor", "nano", "vi") if shutil.which(n)), None)
        if fallback is None:
            raise CommandError(f"no editor found; set $EDITOR, or open {path} yourself")
        command = [fallback]
    try:
        subprocess.run([*command, str(path)], check=False)
    except OSError as error:
        raise CommandError(f"cannot start the editor `{command[0]}`: {error.strerror}") from None
    try:
        load_routine(path)
    except RoutineError as error:
        _out(str(error))
        _err(f"{path} has problems; run `stride edit {path.stem}` again to fix them")
        return EXIT_PROBLEMS
    _out(f"{path}: ok")
    return 0


def cmd_locate(args: argparse.Namespace) -> int:
    """Print where routines, sounds, settings and the training log live."""
    from stride_tui import locations

    rows = [
        ("built-in routines", locations.builtin_routines_dir()),
        ("your routines", locations.user_routines_dir()),
        ("built-in sounds", locations.builtin_sounds_dir()),
        ("your sounds", locations.user_sounds_dir()),
        ("settings", locations.config_file()),
        ("routine schema", locations.schema_file()),
        ("training log", locations.history_file()),
        ("cache", locations.cache_dir()),
    ]
    from stride_tui.sound.session import describe_sound, start_sound
    from stride_tui.sound.voice import describe_engine

    sound = start_sound()
    sound.player.wait_ready()
    lines: list[tuple[str, object]] = [*rows, ("sound", describe_sound(sound))]
    lines += [("  not used", failure) for failure in sound.player.failures]
    lines.append(("speech engine", describe_engine(sound.player.settings.voice_engine)))
    sound.close()
    width = max(len(label) for label, _ in lines)
    for label, value in lines:
        _out(f"{label.ljust(width)}  {value}")
    return 0


def _history() -> History:
    """The training log, with any notice about it on stderr; no log is an error here."""
    from stride_tui.session.history import HistoryUnavailable, open_history

    try:
        history = open_history()
    except HistoryUnavailable as error:
        raise CommandError(str(error)) from None
    if history.moved_aside is not None:
        _err(
            f"stride: the log was damaged: it was moved to {history.moved_aside} and a new "
            "one started"
        )
    return history


def cmd_mark(args: argparse.Namespace) -> int:
    """Log a progress marker: hip extension angle, stride length or cadence."""
    from datetime import date, datetime

    from stride_tui.session.history import now
    from stride_tui.session.markers import KINDS, check_day
    from stride_tui.text import visible

    kind = KINDS.get(args.kind)
    if kind is None:
        import difflib

        close = difflib.get_close_matches(args.kind, list(KINDS), n=1)
        hint = f"; did you mean `{close[0]}`?" if close else ""
        raise CommandError(
            f"`{visible(args.kind)}` is not a marker{hint} (choose {', '.join(KINDS)})"
        )
    try:
        value = float(args.value)
    except ValueError:
        raise CommandError(f"`{visible(args.value)}` is not a number; {kind.how}") from None
    problem = kind.check(value)
    if problem:
        raise CommandError(problem)
    recorded = now()
    if args.date:
        try:
            day = date.fromisoformat(args.date)
        except ValueError:
            raise CommandError(
                f"`{visible(args.date)}` is not a date; write it as 2026-11-21"
            ) from None
        future = check_day(day, recorded.date())
        if future:
            raise CommandError(future)
        recorded = datetime.combine(day, recorded.timetz())
    history = _history()
    history.add_marker(kind.name, value, args.note, recorded)
    _out(f"logged {kind.label}: {kind.show(value)} on {recorded.date().isoformat()}")
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    """Show the training log: this week, the streak, recent sessions and trends."""
    from datetime import date

    from stride_tui.logview import ExportRefused, export_csv, render_log
    from stride_tui.text import visible

    history = _history()
    if args.csv:
        try:
            written = export_csv(history, Path(args.csv), force=args.force)
        except ExportRefused as error:
            raise CommandError(str(error)) from None
        for path in written:
            _out(visible(str(path)))
        return 0
    _out(render_log(history, date.today()))
    return 0


def cmd_today(args: argparse.Namespace) -> int:
    """Say which session the weekly template has due today, and why."""
    from datetime import date, timedelta

    from stride_tui.coaching_settings import load_coaching
    from stride_tui.routine.durations import clock
    from stride_tui.routine.library import discover, summaries
    from stride_tui.session.today import RoutineChoice, suggest
    from stride_tui.text import visible

    loaded = load_coaching()
    for problem in loaded.problems:
        _err(f"stride: {problem.render(str(loaded.path))}")
    found = {rid: s for rid, s in summaries(discover()).items() if not s.problems}
    routines = [RoutineChoice(rid, s.name, s.kind) for rid, s in found.items()]
    history = _history()
    try:
        today = date.today()
        first = loaded.coaching.week_starts
        # Enough weeks back to see which routine the runner uses for each kind.
        sessions = history.sessions(since_day=(today - timedelta(weeks=8)).isoformat())
        suggestion = suggest(sessions, routines, today, first)
    finally:
        history.close()
    _out(f"Today, {today:%A %d %b}: {visible(suggestion.reason)}")
    if suggestion.routine_id is not None:
        chosen = found[suggestion.routine_id]
        _out(
            f"  stride run {visible(suggestion.routine_id)}"
            f"   ({visible(chosen.name)}, {clock(chosen.total)})"
        )
    _out("")
    _out("This week:")
    for slot in suggestion.slots:
        state = f"done {slot.done_on:%a}" if slot.done_on else "not yet"
        _out(f"  {slot.label:<18} {state}")
    extras = [
        f"before a run: stride run {visible(rid)}"
        for rid in (suggestion.before_run,)
        if rid is not None and rid != suggestion.routine_id
    ] + [
        f"after a run: stride run {visible(rid)}"
        for rid in (suggestion.after_run,)
        if rid is not None and rid != suggestion.routine_id
    ]
    if extras:
        _out("")
        _out("  " + "   ".join(extras))
    return 0


def cmd_progress(args: argparse.Namespace) -> int:
    """Explain each step's progression from the log, or start the routine's over."""
    from stride_tui.coaching_settings import load_coaching
    from stride_tui.routine.model import Routine
    from stride_tui.session.coaching import coach_from_log
    from stride_tui.text import visible

    source, routine = _load(args.routine)
    assert isinstance(routine, Routine)
    history = _history()
    try:
        if args.reset:
            history.reset_progress(source.id)
            _out(
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
    _out(f"{visible(routine.name)}: {count}{since}")
    if not coached.progress:
        _out(
            "  No step has `progress`; add e.g. `progress: {add: 5s, every: 2 sessions,"
            " up_to: 75s}` to a step (see docs/routines.md)"
        )
    for state in coached.progress:
        _out(f"  {visible(state.name)}: {visible(state.explain())}")
    for note in coached.notes()[len(coached.progress) :]:
        _out(f"  {visible(note)}")
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    """Show the settings file, its problems and the values in force; or an example."""
    from stride_tui.settings import EXAMPLE, load_settings

    if args.example:
        sys.stdout.write(EXAMPLE)
        return 0
    loaded = load_settings()
    state = "" if loaded.path.exists() else " (not there: defaults in force)"
    _out(f"{loaded.path}{state}")
    for problem in loaded.problems:
        _out(problem.render(str(loaded.path)))
    values = loaded.settings
    _out(
        f"volume {values.volume:g}, mute {str(values.mute).lower()}, profile {values.profile},"
        f" backend {values.backend}"
    )
    off = [name for name, on in values.events.items() if not on]
    _out("chimes off: " + (", ".join(off) if off else "none"))
    _out(
        f"voice {'on' if values.voice else 'off'} ({values.voice_engine}, "
        f"{values.voice_rate} words a minute)"
    )
    from stride_tui.sound.voice import describe_engine

    _out(f"speech engine: {describe_engine(values.voice_engine)}")
    return EXIT_PROBLEMS if loaded.problems else 0


_BASH_COMPLETION = """\
_stride() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        local commands="run list show check schema new edit locate log mark settings today"
        commands="$commands progress completion"
        COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        return
    fi
    case ${COMP_WORDS[1]} in
        run|show|edit|progress)
            COMPREPLY=($(compgen -W "$(stride list --ids 2>/dev/null)" -- "$cur")) ;;
        new) [ "${COMP_WORDS[COMP_CWORD-1]}" = --from ] &&
                COMPREPLY=($(compgen -W "$(stride list --ids 2>/dev/null)" -- "$cur")) ;;
        check) COMPREPLY=($(compgen -f -W "$(stride list --ids 2>/dev/null)" -- "$cur")) ;;
        completion) COMPREPLY=($(compgen -W "bash zsh" -- "$cur")) ;;
    esac
}
complete -F _stride stride
"""


def cmd_completion(args: argparse.Namespace) -> int:
    """Print a shell completion script (routine ids included)."""
    if args.shell == "zsh":
        _out("autoload -U +X bashcompinit && bashcompinit")
    sys.stdout.write(_BASH_COMPLETION)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="stride",
        description="A calm terminal coach for runners' mobility routines.",
        epilog="Routine files are YAML; see docs/routines.md. `stride locate` shows the folders.",
    )
    from stride_tui import __version__

    parser.add_argument("--version", action="version", version=f"stride-tui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(
        name: str, handler: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(handler=handler)
        return command

    listing = add("list", cmd_list, "list routines with kind, total time and source")
    listing.add_argument(
        "--level",
        choices=LEVEL_CHOICES,
        default="standard",
        help="totals at this level (default: standard)",
    )
    listing.add_argument("--ids", action="store_true", help="print only the ids")
    show = add("show", cmd_show, "print a routine's plan: every segment with its start time")
    show.add_argument("routine", help="routine id, unique prefix of one, or a file path")
    show.add_argument("--level", choices=LEVEL_CHOICES, default="standard")
    run = add("run", cmd_run, "play a routine (one line per event with --plain)")
    run.add_argument("routine", help="routine id, unique prefix of one, or a file path")
    run.add_argument("--level", choices=LEVEL_CHOICES, default="standard")
    run.add_argument(
        "--plain",
        action="store_true",
        help="no full screen: one line per event (automatic when piped)",
    )
    run.add_argument("--voice", action="store_true", help="speak step names and cues")
    run.add_argument("--mute", action="store_true", help="start with the chimes muted")
    check = add("check", cmd_check, "check routine files and report every problem")
    check.add_argument("files", nargs="+", metavar="FILE", help="routine files (or ids)")
    check.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    schema = add("schema", cmd_schema, "print the JSON Schema of routine files")
    schema.add_argument(
        "--write",
        action="store_true",
        help="write it to the config folder for editors, and print the path",
    )
    new = add("new", cmd_new, "create a routine in your folder")
    new.add_argument("name", help="the routine's name; its id is made from it")
    new.add_argument("--from", dest="source", metavar="ID", help="start from a copy of this one")
    edit = add("edit", cmd_edit, "open a routine in $EDITOR (a built-in is copied first)")
    edit.add_argument("routine", help="routine id or unique prefix")
    edit.add_argument(
        "--in-app",
        action="store_true",
        help="edit in the app, with live checking and a preview of the plan",
    )
    add("locate", cmd_locate, "show where routines, sounds, settings and the log live")
    mark = add("mark", cmd_mark, "log a progress marker (hip-extension, stride-length, cadence)")
    mark.add_argument("kind", help="hip-extension (degrees), stride-length (m), cadence (spm)")
    mark.add_argument("value", help="the measurement")
    mark.add_argument("--note", help="a note to keep with it")
    mark.add_argument("--date", help="the day it was measured (default: today)")
    log = add("log", cmd_log, "the training log: this week, streak, sessions, trends")
    log.add_argument(
        "--csv", metavar="FOLDER", help="write sessions.csv, steps.csv and markers.csv into FOLDER"
    )
    log.add_argument(
        "--force", action="store_true", help="with --csv: replace exports already in FOLDER"
    )
    add("today", cmd_today, "which session the weekly template has due today, and why")
    progress = add("progress", cmd_progress, "explain each step's progression from the log")
    progress.add_argument("routine", help="routine id, unique prefix of one, or a file path")
    progress.add_argument(
        "--reset", action="store_true", help="start the routine's progressions over"
    )
    settings = add("settings", cmd_settings, "show the sound and voice settings in force")
    settings.add_argument(
        "--example", action="store_true", help="print an example config.toml with every setting"
    )
    completion = add("completion", cmd_completion, "print a shell completion script")
    completion.add_argument("shell", choices=("bash", "zsh"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``stride`` command and return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        if not (sys.stdout.isatty() and sys.stdin.isatty()):
            parser.print_help()
            return 0
        args.level = "standard"
        handler = cmd_app
    try:
        return int(handler(args))
    except CommandError as error:
        _err(f"stride: {error}")
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`stride list | head`); leave quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
