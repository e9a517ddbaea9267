"""Creating and copying routine files in the user folder, with an editor schema modeline."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from stride_tui import locations
from stride_tui.errors import StrideError
from stride_tui.files import MAX_ROUTINE_BYTES, ReadFailure, make_folder, read_regular, write_atomic
from stride_tui.routine.library import RoutineNotFound, RoutineSource, discover, resolve
from stride_tui.text import visible

MODELINE_PREFIX = "# yaml-language-server: $schema="

TEMPLATE = """\
name: {name}
summary: What this routine is for, in a sentence.
kind: mobility          # warm-up | prelude | recovery | long-hold | dynamic | mobility
defaults:
  get_ready: 5s         # countdown before each step (0 for none)
  switch: 5s            # time to change sides
  tempo: 2s             # seconds per rep when a step gives reps without a tempo
steps:
  - name: Easy trot in place
    time: 1m            # 45, 45s, 1m30s or 1:30
    cues: [Tall posture, Easy breathing]

  - name: Leg swings, front to back
    reps: 15
    tempo: 1.5s         # or 3-1-1: seconds to lower, pause and return
    sides: both         # none | both | left | right
    cues:
      - Swing from the hip
      - at: 10s         # a cue that appears partway through
        say: Torso quiet

  - rest: 20s

  - name: Belly breathing
    breathe: {{in: 4s, hold: 0s, out: 6s, rounds: 5}}
"""


class AuthoringError(StrideError):
    """A routine file could not be created; the message says why and what to do."""


MAX_ID_CHARACTERS = 64
"""The longest id made from a name: its file name stays far below any system's limit."""


def slug(name: str) -> str:
    """Turn a routine's name into its id: ``Hip Flow #2`` becomes ``hip-flow-2``.

    Letters and digits of every script are kept (``Утренняя разминка`` becomes
    ``утренняя-разминка``), in their composed form; everything else, and the marks and
    controls that could hide in a name, becomes one hyphen.
    """
    folded = unicodedata.normalize("NFKC", name).casefold()
    kept = "".join(c if c.isalnum() or unicodedata.category(c) == "Mn" else "-" for c in folded)
    shortened = re.sub(r"-+", "-", kept).strip("-")[:MAX_ID_CHARACTERS]
    return unicodedata.normalize("NFC", shortened).strip("-")


def export_schema() -> Path:
    """Write the routine JSON Schema to the config folder; return its path."""
    from stride_tui.routine.schema import routine_schema

    path = locations.schema_file()
    make_folder(path.parent)
    write_atomic(path, (json.dumps(routine_schema(), indent=2) + "\n").encode("utf-8"))
    return path


def with_modeline(text: str) -> str:
    """Put a fresh schema modeline on the first line, replacing any old one."""
    lines = [line for line in text.splitlines() if not line.startswith(MODELINE_PREFIX)]
    modeline = MODELINE_PREFIX + export_schema().as_uri()
    return "\n".join([modeline, *lines]) + "\n"


def _rename(text: str, name: str) -> str:
    """Set the top-level ``name:`` in place, leaving comments and order as they were."""
    written = yaml_scalar(name)
    renamed, count = re.subn(r"(?m)^name:[^\n#]*", f"name: {written}", text, count=1)
    return renamed if count else f"name: {written}\n{text}"


def yaml_scalar(text: str) -> str:
    """Write ``text`` as a YAML value: plain when YAML reads it back unchanged, else quoted."""
    import yaml

    try:
        plain = yaml.safe_load(f"name: {text}") == {"name": text}
    except yaml.YAMLError:
        plain = False
    # A JSON string is a valid YAML double-quoted string.
    return text if plain and text == text.strip() else json.dumps(text, ensure_ascii=False)


def _read(path: Path) -> str:
    """A routine file's text, read as safely as the loader reads it."""
    try:
        return read_regular(path, MAX_ROUTINE_BYTES).decode("utf-8-sig")
    except ReadFailure as failure:
        raise AuthoringError(f"cannot read {visible(str(path))}: {failure}") from None
    except UnicodeDecodeError:
        raise AuthoringError(
            f"{visible(str(path))} is not UTF-8 text; save it as UTF-8 and try again"
        ) from None


def _write_new(path: Path, text: str) -> None:
    try:
        make_folder(path.parent)
        write_atomic(path, text.encode("utf-8"), exclusive=True)
    except FileExistsError:
        raise AuthoringError(
            f"{path} already exists; choose another name, or `stride edit {path.stem}`"
        ) from None
    except OSError as error:
        raise AuthoringError(f"cannot write {visible(str(path))}: {error.strerror}") from None


def new_routine(name: str, from_id: str | None = None) -> Path:
    """Create a routine called ``name`` in the user folder.

    Args:
        name: The routine's name; the file's id is made from it.
        from_id: Copy this routine (id or prefix) instead of starting from the template.

    Returns:
        The new file's path.

    Raises:
        AuthoringError: The name is unusable, the file exists, or the source is unknown.
    """
    rid = slug(name)
    if not rid:
        raise AuthoringError(f"`{visible(name)}` has no letters or digits to make an id from")
    if from_id is None:
        text = TEMPLATE.format(name=yaml_scalar(name))
    else:
        try:
            source = resolve(from_id)
        except RoutineNotFound as error:
            raise AuthoringError(str(error)) from None
        text = _rename(_read(source.path), name)
    existing = discover().get(rid)
    path = locations.user_routines_dir() / f"{rid}.yaml"
    if existing is not None and existing.builtin and from_id is None:
        raise AuthoringError(
            f"`{rid}` is a built-in routine's id; choose another name, or "
            f"`stride edit {rid}` to make your own version of it"
        )
    _write_new(path, with_modeline(text))
    return path


def editable_copy(source: RoutineSource) -> Path:
    """The file to edit for ``source``: a user file as is, a built-in copied to the user folder."""
    if not source.builtin:
        return source.path
    path = locations.user_routines_dir() / source.path.name
    _write_new(path, with_modeline(_read(source.path)))
    return path


FALLBACK_EDITORS = ("sensible-editor", "nano", "vi")
"""Editors tried, in order, when neither ``$VISUAL`` nor ``$EDITOR`` is set."""


def editor_command(environ: Mapping[str, str]) -> list[str] | None:
    """The command that opens a file for editing (the file goes last); ``None`` if none.

    ``$VISUAL``, then ``$EDITOR`` (split as a shell would: ``code --wait``), then
    the first of :data:`FALLBACK_EDITORS` on the ``PATH``.
    """
    chosen = environ.get("VISUAL") or environ.get("EDITOR")
    command = shlex.split(chosen) if chosen else []
    if command:
        return command
    fallback = next((name for name in FALLBACK_EDITORS if shutil.which(name)), None)
    return [fallback] if fallback else None
