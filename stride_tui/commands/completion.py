"""``stride completion SHELL [--install]``: print a shell's completion script, or install it.

Installed, each script goes where its shell looks without being told: bash-completion's
user folder, fish's completions folder, and for zsh a folder of completion functions
that only needs to be on ``fpath`` (stride says the line to add; it never edits
``.zshrc``). A file there that stride did not write is never replaced.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

from stride_tui.commands.console import out
from stride_tui.completion import Shell, is_ours, script
from stride_tui.errors import CommandError
from stride_tui.files import ReadFailure, Unusable, make_folder, read_regular, write_atomic
from stride_tui.parser import build_parser
from stride_tui.text import visible

_LARGEST_SCRIPT = 1 << 20
"""More than any completion script; a larger file there is certainly not ours."""


def _xdg(variable: str, default: str) -> Path:
    """An XDG base folder; the spec says to ignore one that is not absolute."""
    value = os.environ.get(variable, "")
    return Path(value) if os.path.isabs(value) else Path.home() / default


def install_path(shell: Shell) -> Path:
    """Where ``shell`` finds a completion script for ``stride`` by itself.

    Args:
        shell: The shell.

    Returns:
        bash: ``$BASH_COMPLETION_USER_DIR/completions/stride`` (default
        ``$XDG_DATA_HOME/bash-completion/completions/stride``); fish:
        ``$XDG_CONFIG_HOME/fish/completions/stride.fish``; zsh:
        ``$XDG_DATA_HOME/zsh/site-functions/_stride``.
    """
    if shell is Shell.BASH:
        user_dir = os.environ.get("BASH_COMPLETION_USER_DIR", "")
        base = (
            Path(user_dir)
            if os.path.isabs(user_dir)
            else _xdg("XDG_DATA_HOME", ".local/share") / "bash-completion"
        )
        return base / "completions" / "stride"
    if shell is Shell.FISH:
        return _xdg("XDG_CONFIG_HOME", ".config") / "fish" / "completions" / "stride.fish"
    return _xdg("XDG_DATA_HOME", ".local/share") / "zsh" / "site-functions" / "_stride"


def _check_replaceable(path: Path) -> None:
    """Refuse to replace a file there that stride did not write.

    Raises:
        CommandError: The path holds something else, or cannot be read.
    """
    shown = visible(str(path))
    try:
        existing = read_regular(path, _LARGEST_SCRIPT)
    except ReadFailure as failure:
        if failure.why is Unusable.MISSING:
            return
        raise CommandError(f"cannot install the completion at {shown}: {failure}") from None
    if not is_ours(existing.decode("utf-8", errors="replace")):
        raise CommandError(
            f"{shown} exists and was not written by stride, so it is left as it is; "
            "move it away and run this again"
        )


def install(shell: Shell, text: str) -> Path:
    """Write ``text`` where ``shell`` looks, replacing only stride's own earlier file.

    Args:
        shell: The shell.
        text: The completion script.

    Returns:
        The path written.

    Raises:
        CommandError: A file of someone else's is there, or the folder cannot be written.
    """
    path = install_path(shell)
    _check_replaceable(path)
    try:
        make_folder(path.parent)
        write_atomic(path, text.encode())
    except OSError as error:
        reason = error.strerror or str(error)
        shown = visible(str(path))
        raise CommandError(f"cannot write the completion to {shown}: {reason}") from None
    return path


def _on_fpath(folder: Path) -> bool:
    """Whether zsh's ``fpath`` has ``folder``, as far as the environment tells."""
    # fpath is a shell variable; it is only seen here when FPATH was exported.
    entries = os.environ.get("FPATH", "").split(":")
    return any(entry and Path(entry) == folder for entry in entries)


def _how_it_loads(shell: Shell, path: Path) -> list[str]:
    """What the runner needs to know (or do) for the shell to use the installed script."""
    if shell is Shell.BASH:
        return [
            "New bash shells with bash-completion load it; without bash-completion, add "
            f"to ~/.bashrc: source {visible(shlex.quote(str(path)))}"
        ]
    if shell is Shell.FISH:
        return ["New fish shells load it."]
    if _on_fpath(path.parent):
        return ["New zsh shells load it."]
    folder = visible(shlex.quote(str(path.parent)))
    return [
        "zsh loads it once this folder is on fpath; unless it already is, add this line "
        "to ~/.zshrc, before compinit:",
        f"  fpath=({folder} $fpath)",
    ]


def run(args: argparse.Namespace) -> int:
    """Print the completion script for ``args.shell``, or install it with ``--install``.

    Args:
        args: ``shell`` (bash, zsh or fish) and ``install``.

    Returns:
        0; a failure to install raises :class:`CommandError` with the reason.
    """
    shell = Shell(args.shell)
    text = script(build_parser(), shell)
    if not args.install:
        sys.stdout.write(text)
        return 0
    path = install(shell, text)
    out(f"wrote {visible(str(path))}")
    for line in _how_it_loads(shell, path):
        out(line)
    return 0
