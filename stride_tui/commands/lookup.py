"""Finding what a command works on: a routine, the log, the routine as the log has it.

The YAML reader, the log and the coaching are imported by the functions that use them:
``stride run`` imports this module, and on a cached plan needs none of them.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from stride_tui import locations
from stride_tui.coaching.settings import Coaching, load_coaching
from stride_tui.commands.console import warn
from stride_tui.errors import CommandError
from stride_tui.routine.library import RoutineSource, resolve
from stride_tui.routine.model import Level, Routine
from stride_tui.text import visible

if TYPE_CHECKING:
    from stride_tui.coaching.coach import Coached
    from stride_tui.log.store import TrainingLog


def find_routine(query: str) -> tuple[RoutineSource, Routine]:
    """The routine an id, a unique prefix of one or a path names, loaded and checked.

    Raises:
        RoutineNotFound: Nothing (or more than one routine) matches.
        CommandError: The routine has problems; the message lists every one.
    """
    from stride_tui.routine.loader import load_routine
    from stride_tui.routine.problems import RoutineError

    source = resolve(query)
    try:
        return source, load_routine(source.path)
    except RoutineError as error:
        where = visible(str(source.path))
        raise CommandError(f"{error}\n{where} has problems; fix them and try again") from None


def open_log() -> TrainingLog:
    """The training log, saying so on stderr when a damaged one was moved aside.

    Raises:
        LogUnavailable: The log cannot be opened; the message says why.
    """
    from stride_tui.log.opening import open_training_log

    history = open_training_log()
    if history.moved_aside is not None:
        warn(
            f"the log was damaged: it was moved to {visible(str(history.moved_aside))}"
            " and a new one started"
        )
    return history


def coached_by_log(routine: Routine) -> bool:
    """Whether the log changes the routine's plan: only progressions and favoured sides do."""
    return any(s.progress is not None or s.favor is not None for s in routine.steps)


def coaching_settings() -> Coaching:
    """The coaching settings in force, their file's problems said on stderr."""
    loaded = load_coaching()
    for problem in loaded.problems:
        warn(problem.render(str(loaded.path)))
    return loaded.coaching


def coached(
    source: RoutineSource,
    routine: Routine,
    level: Level,
    *,
    say_why: bool,
    coaching: Coaching | None = None,
) -> Coached:
    """The routine as the log says to play it; as written when the log cannot be read.

    Args:
        source: Where the routine comes from (its id keys the log).
        routine: The routine as written.
        level: The level to play.
        say_why: Say on stderr why the log could not be read (``stride run`` leaves that
            to the log writer, which says it once).
        coaching: The coaching settings, when the caller has read them already.
    """
    import sqlite3

    from stride_tui.coaching.coach import coach_from_log
    from stride_tui.log.store import LogUnavailable

    settings = coaching if coaching is not None else coaching_settings()
    if not os.path.lexists(locations.history_file()):  # no log yet: nothing to coach from
        return coach_from_log(routine, source.id, level, None, settings)
    history = None
    try:
        history = open_log()
        return coach_from_log(routine, source.id, level, history, settings)
    except (LogUnavailable, sqlite3.Error) as error:
        if say_why:
            warn(f"{visible(str(error))}; showing the routine as written")
        return coach_from_log(routine, source.id, level, None, settings)
    finally:
        if history is not None:
            history.close()
