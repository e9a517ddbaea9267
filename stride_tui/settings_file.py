"""Reading and writing a settings file in TOML: ``config.toml`` and ``coaching.toml`` alike.

One reader for both: a missing file means defaults; a file that cannot be read, is not
UTF-8, nests too deep or is not TOML gives one located problem and the defaults. Each
file's own module checks the keys, reporting where each stands (:func:`where`). Writing
one setting goes through tomlkit, so the runner's comments and order stay.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stride_tui.files import ReadFailure, Unusable, make_folder, read_regular, write_atomic
from stride_tui.routine.problems import Problem

MAX_TOML_DEPTH = 20
"""Deepest nesting of arrays and inline tables read; the settings need one level."""


@dataclass(frozen=True, slots=True)
class SettingsText:
    """A settings file as read: its tables, its text, and what stopped it being read.

    Attributes:
        data: The parsed tables; ``None`` when the file is missing or unusable.
        text: The file's text (for locating keys), empty when there is none.
        problems: Why the file gave no tables (at most one problem); the defaults stand.
    """

    data: dict[str, Any] | None
    text: str = ""
    problems: list[Problem] = field(default_factory=list)


def where(text: str, section: str, key: str) -> tuple[int, int]:
    """Line and column of ``key`` in ``[section]`` (``""``: the top level), as TOML won't say."""
    lines = text.splitlines()
    start = 0
    if section:
        header = re.compile(rf"^\s*\[\s*{re.escape(section)}\s*\]")
        start = next((i + 1 for i, line in enumerate(lines) if header.match(line)), 0)
    pattern = re.compile(rf"^(\s*)[\"']?{re.escape(key)}[\"']?\s*=")
    for number in range(start, len(lines)):
        if number > start and lines[number].lstrip().startswith("["):
            break
        found = pattern.match(lines[number])
        if found:
            return number + 1, len(found.group(1)) + 1
    return (start or 1), 1


def too_deep(text: str) -> tuple[int, int] | None:
    """Line and column where brackets nest deeper than ``MAX_TOML_DEPTH``, if they do.

    ``tomllib`` recurses once per level and ends in ``RecursionError`` some hundreds
    deep, so the nesting is measured first; strings and comments are skipped.
    """
    depth = 0
    line, start = 1, 0
    index, size = 0, len(text)
    while index < size:
        char = text[index]
        if char == "\n":
            line, start = line + 1, index + 1
        elif char == "#":
            end = text.find("\n", index)
            index = size if end < 0 else end
            continue
        elif char in "\"'":
            quotes = char * 3 if text.startswith(char * 3, index) else char
            index += len(quotes)
            while index < size and not text.startswith(quotes, index):
                if text[index] == "\\" and char == '"':
                    index += 1
                elif text[index] == "\n":
                    if len(quotes) == 1:
                        break
                    line, start = line + 1, index + 1
                index += 1
            index += len(quotes)
            continue
        elif char in "[{":
            depth += 1
            if depth > MAX_TOML_DEPTH:
                return line, index - start + 1
        elif char in "]}":
            depth = max(0, depth - 1)
        index += 1
    return None


def parse_toml(text: str, fallback: str) -> SettingsText:
    """Parse settings ``text``; a problem (and no tables) when it nests too deep or is not TOML.

    Args:
        text: The file's text.
        fallback: What stands in when the file is refused, for the message
            ("the default settings").
    """
    deep = too_deep(text)
    if deep is not None:
        message = f"nested more than {MAX_TOML_DEPTH} levels deep (settings need one)"
        return SettingsText(None, text, [Problem(*deep, "", f"{message}; using {fallback}")])
    try:
        return SettingsText(tomllib.loads(text), text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line, column = (int(found[1]), int(found[2])) if found else (1, 1)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        problem = Problem(line, column, "", f"not valid TOML: {message}; using {fallback}")
        return SettingsText(None, text, [problem])


def read_settings_file(path: Path, limit: int, fallback: str) -> SettingsText:
    """Read and parse the settings file at ``path`` (at most ``limit`` bytes).

    Args:
        path: The file; a missing one gives no tables and no problem.
        limit: The largest file read.
        fallback: What stands in when the file is refused, for the message.
    """
    try:
        raw = read_regular(path, limit)
    except ReadFailure as failure:
        if failure.why is Unusable.MISSING:
            return SettingsText(None)
        problem = Problem(1, 1, "", f"cannot read the file: {failure}; using {fallback}")
        return SettingsText(None, "", [problem])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return SettingsText(None, "", [Problem(1, 1, "", "not UTF-8 text; save it as UTF-8")])
    return parse_toml(text, fallback)


class NotToml(ValueError):
    """A settings file that is not TOML is not written into: the runner's text stays."""


def write_setting(path: Path, section: str, key: str, value: str, limit: int) -> Path:
    """Set ``key = "value"`` in ``[section]`` of the file at ``path``, keeping everything else.

    The value is replaced where it stands (a comment on the old value's line goes with
    it), or added to the section, or the section is added at the end; every other
    line, comments and order included, stays as it was. The file is written atomically.

    Raises:
        OSError: The file cannot be written.
        NotToml: The file is not TOML (or nests too deep); it is left as it is.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError
    from tomlkit.items import Item, Table

    try:
        text = read_regular(path, limit).decode("utf-8-sig")
    except (ReadFailure, UnicodeDecodeError):
        text = ""
    if too_deep(text) is not None:
        raise NotToml(f"{path} nests too deep to be a settings file; fix it first")
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as error:
        raise NotToml(f"{path} is not valid TOML ({error}); fix it first") from None
    table = document.get(section)
    if not isinstance(table, Table):
        if section in document:
            raise NotToml(f"{path}: `{section}` is not a table; fix it first")
        table = tomlkit.table()
        document.add(section, table)
    table[key] = value
    item = table.item(key)
    if isinstance(item, Item):  # a comment that described the old value goes with it
        item.trivia.comment = item.trivia.comment_ws = ""
    make_folder(path.parent)
    return write_atomic(path, tomlkit.dumps(document).encode("utf-8"))
