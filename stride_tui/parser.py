"""The ``stride`` command line: every subcommand, its arguments and its help.

Each subcommand names the function that runs it as ``module:function`` under
``stride_tui.commands``; nothing here imports them, so building the parser (for
``--help`` or for shell completion) costs no more than argparse.
"""

from __future__ import annotations

import argparse

from stride_tui import __version__
from stride_tui.routine.model import LEVELS
from stride_tui.text import visible

HANDLER = "handler"
"""The parsed arguments' attribute that names the subcommand's function."""


def _level(text: str) -> str:
    """A level's name; a close miss is told what it may have meant."""
    if text in LEVELS:
        return text
    from stride_tui.suggest import did_you_mean

    raise argparse.ArgumentTypeError(
        f"`{visible(text)}` is not a level{did_you_mean(text, LEVELS)} (choose {', '.join(LEVELS)})"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="stride",
        description="A calm terminal coach for runners' mobility routines.",
        epilog="Routine files are YAML; see docs/routines.md. `stride locate` shows the folders.",
    )
    parser.add_argument("--version", action="version", version=f"stride-tui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, handler: str, help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(**{HANDLER: handler})
        return command

    def level(command: argparse.ArgumentParser, help_text: str = "play at this level") -> None:
        command.add_argument(
            "--level",
            type=_level,
            choices=LEVELS,
            default="standard",
            help=f"{help_text} (default: standard)",
        )

    def routine(command: argparse.ArgumentParser) -> None:
        command.add_argument("routine", help="routine id, unique prefix of one, or a file path")

    listing = add(
        "list", "routines:list_routines", "list routines with kind, total time and source"
    )
    level(listing, "totals at this level")
    listing.add_argument("--ids", action="store_true", help="print only the ids")
    show = add("show", "routines:show", "print a routine's plan: every segment with its start time")
    routine(show)
    level(show, "the plan at this level")
    run = add("run", "play:run", "play a routine (one line per event with --plain)")
    routine(run)
    level(run)
    run.add_argument(
        "--plain",
        action="store_true",
        help="no full screen: one line per event (automatic when piped)",
    )
    run.add_argument("--voice", action="store_true", help="speak step names and cues")
    run.add_argument("--mute", action="store_true", help="start with the chimes muted")
    check = add("check", "routines:check", "check routine files and report every problem")
    check.add_argument("files", nargs="+", metavar="FILE", help="routine files (or ids)")
    check.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    schema = add("schema", "routines:schema", "print the JSON Schema of routine files")
    schema.add_argument(
        "--write",
        action="store_true",
        help="write it to the config folder for editors, and print the path",
    )
    new = add("new", "authoring:new", "create a routine in your folder")
    new.add_argument("name", help="the routine's name; its id is made from it")
    new.add_argument("--from", dest="source", metavar="ID", help="start from a copy of this one")
    edit = add("edit", "authoring:edit", "open a routine in $EDITOR (a built-in is copied first)")
    edit.add_argument("routine", help="routine id or unique prefix")
    edit.add_argument(
        "--in-app",
        action="store_true",
        help="edit in the app, with live checking and a preview of the plan",
    )
    add("locate", "setup:locate", "show where routines, sounds, settings and the log live")
    mark = add(
        "mark",
        "log:mark",
        "log a progress marker (hip-extension, stride-length, cadence, ankle-dorsiflexion)",
    )
    mark.add_argument(
        "kind",
        help="hip-extension (degrees), stride-length (step length, m), cadence (spm),"
        " ankle-dorsiflexion (cm)",
    )
    mark.add_argument("value", help="the measurement")
    mark.add_argument("--note", help="a note to keep with it")
    mark.add_argument("--date", help="the day it was measured (default: today)")
    mark.add_argument("--side", choices=("left", "right"), help="the side measured, if one")
    log = add("log", "log:show_log", "the training log: this week, streak, sessions, trends")
    log.add_argument(
        "--csv",
        metavar="FOLDER",
        help="write sessions.csv, steps.csv, markers.csv and runs.csv into FOLDER",
    )
    log.add_argument(
        "--force", action="store_true", help="with --csv: replace exports already in FOLDER"
    )
    runs = add("runs", "runs:list_runs", "runs from the watch, with the reference pace")
    runs.add_argument(
        "--csv", metavar="FOLDER", help="write runs.csv into FOLDER instead of listing the runs"
    )
    runs.add_argument(
        "--force", action="store_true", help="with --csv: replace a runs.csv already in FOLDER"
    )
    runs_sub = runs.add_subparsers(dest="runs_command", metavar="ACTION")
    runs_import = runs_sub.add_parser(
        "import",
        help="import FIT, TCX and GPX runs from files and folders (folders recursively)",
        description="import FIT, TCX and GPX runs from files and folders (folders recursively)",
    )
    runs_import.set_defaults(**{HANDLER: "runs:import_runs"})
    runs_import.add_argument("paths", nargs="+", metavar="PATH", help="run files or folders")
    add("today", "coaching:today", "which session the weekly template has due today, and why")
    progress = add("progress", "coaching:progress", "explain each step's progression from the log")
    routine(progress)
    progress.add_argument(
        "--reset", action="store_true", help="start the routine's progressions over"
    )
    settings = add("settings", "setup:settings", "show the sound and voice settings in force")
    settings.add_argument(
        "--example", action="store_true", help="print an example config.toml with every setting"
    )
    completion = add("completion", "completion:run", "print (or install) a shell completion script")
    completion.add_argument("shell", choices=("bash", "zsh", "fish"))
    completion.add_argument(
        "--install", action="store_true", help="write it where the shell looks for it"
    )
    serve = add("serve", "serve:run", "serve the app to a browser (a phone or tablet by the mat)")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only)",
    )
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument(
        "--no-token",
        action="store_true",
        help="on 127.0.0.1 only: open without the token (anyone on this machine could)",
    )
    level(serve, "the level the picker starts on")
    status = add("status", "status:run", "one line about the session under way (tmux, prompts)")
    status.add_argument(
        "--format",
        metavar="TEXT",
        help="the line from fields: {routine} {id} {step} {number} {steps} {side} {part}"
        " {state} {left} {total}",
    )
    return parser
