"""Load a routine from bytes or a file: decode, parse, check, and build the model."""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

import msgspec

from stride_tui.files import MAX_ROUTINE_BYTES, ReadFailure, Unusable, read_regular
from stride_tui.routine.model import Defaults, Routine, Step
from stride_tui.routine.problems import Problem, RoutineError, field_path
from stride_tui.routine.rules import Doubt, check_rules
from stride_tui.routine.validate import Walker
from stride_tui.routine.yaml_nodes import YamlProblem, compose

_ROUTINE_TYPE = msgspec.inspect.type_info(Routine)
_MSGSPEC_PATH = re.compile(r"at `\$(.*)`$")


_TOO_LARGE = "the file is {size} bytes; a routine file is at most {limit}"
_SAVE_AS_UTF8 = "save the file as UTF-8"
_WIDE = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _decode(data: bytes) -> str:
    if len(data) > MAX_ROUTINE_BYTES:
        raise _single(_TOO_LARGE.format(size=f"{len(data):,}", limit=f"{MAX_ROUTINE_BYTES:,}"))
    encoding = _wide_encoding(data)
    if encoding:
        raise _single(f"the file is {encoding} text; {_SAVE_AS_UTF8}")
    if b"\x00" in data:
        return _locate_binary(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _line_and_column(data, error.start)
        raise RoutineError("", [Problem(line, column, "", _not_utf8(data, error.start))]) from None


def _line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    """The line and column (both from 1, the column in characters) of byte ``offset``."""
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1


def _wide_encoding(data: bytes) -> str | None:
    """``UTF-16`` or ``UTF-32`` when the bytes are text in one of those, else ``None``."""
    for mark, name in _WIDE:
        if data.startswith(mark):
            return name
    # Without a byte order mark, ASCII text in UTF-16 has a NUL in every other byte.
    sample = data[:200]
    if len(sample) >= 4:
        for zeros, text in ((sample[0::2], sample[1::2]), (sample[1::2], sample[0::2])):
            if zeros.count(0) == len(zeros) and text.isascii() and _printable(text):
                return "UTF-16"
    return None


def _printable(ascii_bytes: bytes) -> bool:
    return all(32 <= byte < 127 or byte in b"\t\r\n" for byte in ascii_bytes)


def _not_utf8(data: bytes, start: int) -> str:
    byte = f"byte 0x{data[start]:02x} is not UTF-8 text"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return f"{byte}; {_SAVE_AS_UTF8}"
    if all(char.isprintable() or char.isspace() for char in text):
        return f"{byte}: the file looks like Latin-1 (Windows-1252); {_SAVE_AS_UTF8}"
    return f"{byte}; {_SAVE_AS_UTF8}"


def _locate_binary(data: bytes) -> str:
    line, column = _line_and_column(data, data.index(b"\x00"))
    raise RoutineError(
        "",
        [
            Problem(
                line,
                column,
                "",
                "a NUL byte: this looks like a binary file, not a routine (YAML text)",
            )
        ],
    )


def _single(message: str) -> RoutineError:
    return RoutineError("", [Problem(1, 1, "", message)])


def parse_routine(data: bytes | str, path: str = "<routine>") -> Routine:
    """Read a routine from a file's content.

    Args:
        data: The file's bytes (or text).
        path: How to name the file in problems.

    Returns:
        The routine, fully checked.

    Raises:
        RoutineError: Every problem found, each with line and column.
    """
    try:
        text = data if isinstance(data, str) else _decode(data)
        root = compose(text)
    except RoutineError as error:
        raise RoutineError(path, error.problems) from None
    except YamlProblem as error:
        raise RoutineError(path, [error.problem]) from None
    if root is None:
        raise RoutineError(
            path,
            [Problem(1, 1, "", "the file is empty; a routine needs at least `name` and `steps`")],
        )
    walker = Walker()
    plain = walker.check(root, _ROUTINE_TYPE, ())
    if walker.problems:
        problems = walker.problems + _rules_on_sound_fields(plain, walker)
        raise RoutineError(path, sorted(problems, key=lambda p: (p.line, p.column)))
    try:
        routine = msgspec.convert(plain, Routine)
    except msgspec.ValidationError as error:  # the walker should have caught it; stay located
        raise RoutineError(path, [_from_msgspec(str(error), walker.positions)]) from None
    problems = check_rules(routine, walker.positions, walker.key_positions)
    if problems:
        raise RoutineError(path, problems)
    return routine


def _rules_on_sound_fields(plain: object, walker: Walker) -> list[Problem]:
    """Apply the cross-field rules to what is sound in a file that has type errors.

    Every step takes part, a step with a bad field too: its sound fields are checked, and
    a rule that would read a field with a problem of its own is left out (that field's
    problem is already reported), so one check run names every problem in the file.
    """
    if not isinstance(plain, dict):
        return []
    try:
        defaults = msgspec.convert(plain.get("defaults", {}), Defaults)
        defaults_sound = walker.clean(("defaults",))
    except msgspec.ValidationError:
        defaults, defaults_sound = Defaults(), False
    steps: list[Step] = []
    indices: list[int] = []
    doubts: dict[int, Doubt] = {}
    raw_steps = plain.get("steps")
    for index, raw in enumerate(raw_steps if isinstance(raw_steps, list) else []):
        if not isinstance(raw, dict):
            continue
        path = ("steps", index)
        sound, doubtful = _sound_fields(raw, path, walker)
        if not defaults_sound and "tempo" not in sound:
            doubtful.add("tempo")  # the step's reps would be paced by a tempo with a problem
        try:
            steps.append(msgspec.convert(sound, Step))
        except msgspec.ValidationError:
            continue
        indices.append(index)
        doubts[index] = Doubt(frozenset(doubtful), path in walker.unknown_keys)
    partial = Routine(name="-", defaults=defaults, steps=steps)
    return check_rules(partial, walker.positions, walker.key_positions, indices, doubts)


_UNTIMED_CUE = "-"
"""Stands in for a cue with a problem: an untimed cue, which no rule reads."""


def _sound_fields(
    raw: dict[str, object], path: tuple[str | int, ...], walker: Walker
) -> tuple[dict[str, object], set[str]]:
    """A step's fields without a problem, and the names of those written with one."""
    written = {str(key[-1]) for key in walker.key_positions if key[:-1] == path}
    sound: dict[str, object] = {}
    for key, value in raw.items():
        if walker.clean((*path, key)):
            sound[key] = value
        elif key == "cues" and isinstance(value, list):
            sound[key] = [
                cue if walker.clean((*path, key, i)) else _UNTIMED_CUE
                for i, cue in enumerate(value)
            ]
    return sound, written - set(sound)


def _from_msgspec(message: str, positions: dict[tuple[str | int, ...], tuple[int, int]]) -> Problem:
    match = _MSGSPEC_PATH.search(message)
    parts: list[str | int] = []
    if match:
        for token in re.findall(r"\.(\w+)|\[(\d+)\]", match.group(1)):
            parts.append(token[0] if token[0] else int(token[1]))
    line, column = positions.get(tuple(parts), (1, 1))
    text = _MSGSPEC_PATH.sub("", message).rstrip(" -")
    return Problem(line, column, field_path(tuple(parts)), text)


def load_routine(path: str | os.PathLike[str]) -> Routine:
    """Read and check the routine file at ``path``.

    Only a regular file (after following links) of at most ``MAX_ROUTINE_BYTES`` is read; a
    FIFO, a device, a folder or a link loop is a problem, never a hang.

    Raises:
        RoutineError: The file cannot be read, or has problems; each is located.
    """
    shown = str(path)
    try:
        data = read_regular(Path(path), MAX_ROUTINE_BYTES)
    except ReadFailure as failure:
        if failure.why is Unusable.TOO_LARGE:
            message = _TOO_LARGE.format(**failure.detail)
        else:
            message = f"cannot read the file: {failure}"
        raise RoutineError(shown, [Problem(1, 1, "", message)]) from None
    return parse_routine(data, shown)
