"""``stride run`` and ``stride`` alone: a routine played, full screen or plain, and the picker."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date

from stride_tui import locations
from stride_tui.commands.console import warn
from stride_tui.commands.lookup import coached_by_log, coaching_settings
from stride_tui.errors import CommandError
from stride_tui.files import file_stamp
from stride_tui.live.services import Services, build_services
from stride_tui.routine.library import RoutineSource, resolve
from stride_tui.routine.model import Level, Routine
from stride_tui.routine.plan import Plan
from stride_tui.serve import served_by_browser
from stride_tui.text import visible


def why_no_app() -> str | None:
    """Why this terminal cannot draw the app (TERM unset or ``dumb``); ``None`` if it can.

    A browser draws it whatever TERM the server was started with.
    """
    if served_by_browser():
        return None
    term = os.environ.get("TERM", "")
    if term in ("", "dumb"):
        return f"this terminal (TERM={term}) cannot show the full-screen app"
    return None


def run(args: argparse.Namespace) -> int:
    """Play a routine: full screen in a terminal, or one line per event with --plain."""
    source = resolve(args.routine)
    plan = plan_to_play(source, args.level)
    plain = args.plain or not (sys.stdout.isatty() and sys.stdin.isatty())
    no_app = why_no_app()
    if not plain and no_app is not None:
        warn(f"{no_app}; playing in plain mode")
        plain = True
    services = build_services(voice=args.voice or None, mute=args.mute)
    services.sound.use_profile(plan.sound)
    try:
        if plain:
            return _run_plain(services, plan, source)
        from stride_tui.terminal import kept_modes
        from stride_tui.tui.app import StrideApp

        app = StrideApp(services, plan, source, level=args.level)
        with kept_modes():
            app.run()
        return app.return_code or 0
    finally:
        services.close()
        for notice in services.notices.take():  # trouble with the last writes
            warn(notice)


def plan_to_play(source: RoutineSource, level: Level) -> Plan:
    """The plan to play: the routine as the log coaches it.

    From the cache when nothing it depends on has changed since it was made: then no
    YAML is read, nothing checked, and the log not opened before the first frame.

    Raises:
        CommandError: The routine has problems; the message lists every one.
    """
    from stride_tui.routine.plan_cache import PlanCache
    from stride_tui.routine.problems import RoutineError

    def coach(routine: Routine) -> Plan:
        from stride_tui.commands.lookup import coached  # only when the plan is made anew

        # The log's trouble, if any, is said once by the log writer.
        return coached(source, routine, level, say_why=False, coaching=coaching).plan

    coaching = coaching_settings()
    cache = PlanCache()
    try:
        routine = cache.routine(source.path)
        # Only progressions and favoured sides read the log; without them the plan is
        # the file's at this level, whatever the log holds.
        context = _coaching_context() if coached_by_log(routine) else ""
        return cache.plan(source.path, level, coach, context=context)
    except RoutineError as error:
        where = visible(str(source.path))
        raise CommandError(f"{error}\n{where} has problems; fix them and try again") from None


def _coaching_context() -> str:
    """What a coached plan depends on besides its file and level, as one string.

    The log (and its write-ahead file), the coaching settings, and the day (progressions
    count weeks).
    """
    from stride_tui.coaching.settings import coaching_file

    log = locations.history_file()
    files = (log, log.with_name(log.name + "-wal"), coaching_file())
    return "|".join([*(str(file_stamp(path)) for path in files), date.today().isoformat()])


def _run_plain(services: Services, plan: Plan, source: RoutineSource) -> int:
    from stride_tui.live.driver import SessionDriver
    from stride_tui.live.signals import SessionStopped
    from stride_tui.plain import run_plain

    driver = SessionDriver(
        plan,
        sound=services.sound,
        log=services.log,
        routine_id=source.id,
        routine_path=source.path,
        notices=services.notices,
    )
    try:
        run_plain(driver)
    except SessionStopped as stopped:
        services.sound.close(drain=False)
        return stopped.exit_code
    return 0


def app(args: argparse.Namespace) -> int:
    """Open the routine picker."""
    return open_app(level=args.level)


def open_app(level: Level = "standard", edit: str | None = None) -> int:
    """The full-screen app on the picker (or the editor), with the log open.

    Raises:
        CommandError: The terminal cannot show the app.
    """
    no_app = why_no_app()
    if no_app is not None:
        raise CommandError(
            f"{no_app}; `stride list` shows the routines and `stride run ID --plain` plays one"
        )
    from stride_tui.terminal import kept_modes
    from stride_tui.tui.app import StrideApp

    services = build_services()
    try:
        stride = StrideApp(services, None, level=level, edit=edit)
        with kept_modes():
            stride.run()
        return stride.return_code or 0
    finally:
        services.close()
