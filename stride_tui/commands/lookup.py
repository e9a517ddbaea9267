"""Finding what a command works on: a routine, the log, the routine as the log has it."""

from __future__ import annotations

import os
import sqlite3

from stride_tui import locations
from stride_tui.commands.console import warn
from stride_tui.errors import CommandError
from stride_tui.routine.library import RoutineSource, resolve
from stride_tui.routine.loader import load_routine
from stride_tui.routine.model import Level, Routine
from stride_tui.routine.problems import RoutineError
from stride_tui.session.coaching import Coached, coach_from_log
from stride_tui.session.history import History, HistoryUnavailable, open_history
from stride_tui.text import visible


def find_routine(query: str) -> tuple[RoutineSource, Routine]:
    """The routine an id, a unique prefix of one or a path names, loaded and checked.

    Raises:
        RoutineNotFound: Nothing (or more than one routine) matches.
        CommandError: The routine has problems; the message lists every one.
    """
    source = resolve(query)
    try:
        return source, load_routine(source.path)
    except RoutineError as error:
        where = visible(str(source.path))
        raise CommandError(f"{error}\n{where} has problems; fix them and try again") from None


def open_log() -> History:
    """The training log, saying so on stderr when a damaged one was moved aside.

    Raises:
        HistoryUnavailable: The log cannot be opened; the message says why.
    """
    history = open_history()
    if history.moved_aside is not None:
        warn(
            f"the log was damaged: it was moved to {visible(str(history.moved_aside))}"
            " and a new one started"
        )
    return history


def coached(source: RoutineSource, routine: Routine, level: Level, *, say_why: bool) -> Coached:
    """The routine as the log says to play it; as written when the log cannot be read.

    Args:
        source: Where the routine comes from (its id keys the log).
        routine: The routine as written.
        level: The level to play.
        say_why: Say on stderr why the log could not be read (``stride run`` leaves that
            to the log writer, which says it once).
    """
    from stride_tui.coaching_settings import load_coaching

    loaded = load_coaching()
    for problem in loaded.problems:
        warn(problem.render(str(loaded.path)))
    if not os.path.lexists(locations.history_file()):  # no log yet: nothing to coach from
        return coach_from_log(routine, source.id, level, None, loaded.coaching)
    history = None
    try:
        history = open_log()
        return coach_from_log(routine, source.id, level, history, loaded.coaching)
    except (HistoryUnavailable, sqlite3.Error) as error:
        if say_why:
            warn(f"{visible(str(error))}; showing the routine as written")
        return coach_from_log(routine, source.id, level, None, loaded.coaching)
    finally:
        if history is not None:
            history.close()
