"""``stride new`` and ``stride edit``: creating a routine and opening it in an editor."""

from __future__ import annotations

import argparse
import os
import subprocess

from stride_tui.commands.console import err, out
from stride_tui.errors import EXIT_PROBLEMS, CommandError
from stride_tui.routine.authoring import editable_copy, editor_command, new_routine
from stride_tui.routine.library import resolve
from stride_tui.routine.loader import load_routine
from stride_tui.routine.problems import RoutineError
from stride_tui.text import visible


def new(args: argparse.Namespace) -> int:
    """Create a routine in the user folder, from a template or a copy of another."""
    path = new_routine(args.name, args.source)
    out(f"created {visible(str(path))}")
    stem = visible(path.stem)
    out(f"edit it with `stride edit {stem}`; `stride check {stem}` checks it")
    return 0


def edit(args: argparse.Namespace) -> int:
    """Open a routine in $EDITOR (or in the app), copying a built-in to the user folder."""
    source = resolve(args.routine)
    if args.in_app:
        from stride_tui.commands.play import open_app

        return open_app(edit=source.id)
    path = editable_copy(source)
    shown = visible(str(path))
    if path != source.path:
        out(f"copied the built-in routine to {shown}; your copy overrides it")
    command = editor_command(os.environ)
    if command is None:
        raise CommandError(f"no editor found; set $EDITOR, or open {shown} yourself")
    try:
        subprocess.run([*command, str(path)], check=False)
    except OSError as error:
        name = visible(command[0])
        raise CommandError(f"cannot start the editor `{name}`: {error.strerror}") from None
    try:
        load_routine(path)
    except RoutineError as error:
        out(str(error))
        err(f"{shown} has problems; run `stride edit {visible(path.stem)}` again to fix them")
        return EXIT_PROBLEMS
    out(f"{shown}: ok")
    return 0
