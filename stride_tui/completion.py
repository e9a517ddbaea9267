"""Shell completion scripts for ``stride``, generated from its argument parser.

shtab writes the bash, zsh and fish scripts from the parser itself, so subcommands,
options and choices (levels, shells) never drift from what ``stride`` accepts. What the
parser cannot say by itself is attached here by walking it: an argument whose
destination is ``routine`` or ``files`` completes routine ids (asked of ``stride list
--ids`` at completion time) and routine files; an option shown as ``ID`` completes ids;
one shown as ``FOLDER`` completes folders. The parser needs no completion knowledge.
"""

from __future__ import annotations

import argparse
import enum
from collections.abc import Iterator

import shtab

MARKER = "# stride-tui shell completion, written by `stride completion`; safe to replace"
"""The comment that marks a completion file as stride's own (first line, or second in zsh)."""


class Shell(enum.Enum):
    """A shell stride writes completion for."""

    BASH = "bash"
    ZSH = "zsh"
    FISH = "fish"


class Completer(enum.Enum):
    """What an argument completes, beyond the choices the parser lists."""

    ROUTINE = "routine ids, routine files and folders"
    ROUTINE_ID = "routine ids"
    FOLDER = "folders"
    PATH = "files and folders"


# Routine ids are read line by line and matched as plain text, never handed to
# `compgen -W`, which expands `$(...)` in its words: an id comes from a file name.
# The function with a routine file in it is named `*_files` on purpose: shtab's bash
# script turns on `compopt -o filenames` for completers with that in their name, so a
# folder gets its slash and no space, and can be descended.
_BASH_FUNCTIONS = r"""
_stride_routine_ids() {  # $1: the word being completed
  local id
  while IFS= read -r id; do
    [[ $id == "$1"* ]] && printf '%s\n' "$id"
  done < <(command stride list --ids 2>/dev/null)
}

_stride_routine_files() {  # $1: the word being completed
  _stride_routine_ids "$1"
  compgen -f -X '!*.yaml' -- "$1"
  compgen -f -X '!*.yml' -- "$1"
  compgen -d -- "$1"
}
"""

# Sourced from .zshrc before compinit ran, `compdef` (which registers the completion)
# does not exist yet; the completion system is started here instead of failing.
_ZSH_FUNCTIONS = r"""
_stride_routine_ids() {
  local -a ids
  ids=(${(f)"$(command stride list --ids 2>/dev/null)"})
  _wanted routines expl 'routine id' compadd -a ids
}

_stride_routine_files() {
  _alternative \
    'routines:routine id:_stride_routine_ids' \
    'files:routine file:_files -g "*.(yaml|yml)(-.)"'
}

if (( ! $+functions[compdef] )); then
  autoload -Uz compinit && compinit
fi
"""

_FISH_FUNCTIONS = r"""
function _stride_routine_ids
  command stride list --ids 2>/dev/null
end

function _stride_routine_files
  _stride_routine_ids
  for candidate in (__fish_complete_path (commandline -ct))
    set -l path (string split -m1 \t -- $candidate)[1]
    string match -q -r -- '(\.ya?ml|/)$' $path; and printf '%s\n' $candidate
  end
end
"""

# shtab registers the zsh function only when the script is run by `eval`, and calls it
# outside any completion otherwise; `source` (a file) must register it too.
_ZSH_SOURCED = "if [[ $zsh_eval_context[-1] == eval ]]; then"
_ZSH_SOURCED_TOO = "if [[ $zsh_eval_context[-1] == (eval|file) ]]; then"

_PREAMBLES = {Shell.BASH: _BASH_FUNCTIONS, Shell.ZSH: _ZSH_FUNCTIONS, Shell.FISH: _FISH_FUNCTIONS}

_PATTERNS: dict[Completer, dict[str, str]] = {
    Completer.ROUTINE: {
        "bash": "_stride_routine_files",
        "zsh": "_stride_routine_files",
        "fish": "(_stride_routine_files)",
    },
    Completer.ROUTINE_ID: {
        "bash": "_stride_routine_ids",
        "zsh": "_stride_routine_ids",
        "fish": "(_stride_routine_ids)",
    },
    Completer.PATH: {
        "bash": str(shtab.FILE["bash"]),
        "zsh": str(shtab.FILE["zsh"]),
        "fish": "(__fish_complete_path (commandline -ct))",
    },
    Completer.FOLDER: {
        "bash": str(shtab.DIRECTORY["bash"]),
        "zsh": str(shtab.DIRECTORY["zsh"]),
        # shtab's fish folders ignore the word typed so far; this one completes it.
        "fish": "(__fish_complete_directories (commandline -ct))",
    },
}


def completer_for(action: argparse.Action) -> Completer | None:
    """What an argument of the parser completes, by its destination or metavar.

    Args:
        action: One argument of a (sub)parser.

    Returns:
        The completer, or ``None`` when its choices (or nothing) say it all.
    """
    if action.dest in ("routine", "files"):
        return Completer.ROUTINE
    if action.metavar == "ID":
        return Completer.ROUTINE_ID
    if action.metavar == "FOLDER":
        return Completer.FOLDER
    if action.metavar == "PATH":
        return Completer.PATH
    return None


def _actions(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    """Every argument of ``parser`` and of its subcommands, depth first."""
    for action in parser._actions:
        yield action
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _actions(sub)


def attach_completers(parser: argparse.ArgumentParser) -> None:
    """Tell shtab what each argument completes, in place (its ``complete`` attribute).

    Args:
        parser: The ``stride`` parser; only arguments :func:`completer_for` knows change.
    """
    for action in _actions(parser):
        completer = completer_for(action)
        if completer is not None:
            setattr(action, "complete", _PATTERNS[completer])  # noqa: B010 (shtab's attribute)


def script(parser: argparse.ArgumentParser, shell: Shell) -> str:
    """The completion script for ``shell``, marked as stride's own.

    Args:
        parser: The ``stride`` parser; completers are attached to it first.
        shell: Which shell's script.

    Returns:
        The script's text, ending with a newline. Its first line is :data:`MARKER`, but
        in zsh, whose first line must be ``#compdef stride``, it is the second.
    """
    attach_completers(parser)
    text = shtab.complete(parser, shell=shell.value, preamble=_PREAMBLES[shell])
    text = text if text.endswith("\n") else text + "\n"
    if shell is Shell.ZSH:
        text = text.replace(_ZSH_SOURCED, _ZSH_SOURCED_TOO)
        first, _, rest = text.partition("\n")
        return f"{first}\n{MARKER}\n{rest}"
    return f"{MARKER}\n{text}"


def is_ours(text: str) -> bool:
    """Whether a completion file's text was written by stride (carries the marker).

    Args:
        text: The file's text, or its beginning.
    """
    return MARKER in text.splitlines()[:2]
