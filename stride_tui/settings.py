"""User settings from ``config.toml``: sound and voice.

A missing file means defaults. A broken one never stops a session: the problems are
reported (file, line, column, what to do) and the defaults stand in for what is wrong.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stride_tui.files import ReadFailure, Unusable, read_regular
from stride_tui.routine.problems import Problem, quote
from stride_tui.session.alerts import Alert

CHIMES = tuple(alert.value for alert in Alert)
"""Every chime, one for each kind of change (``[sound.events]`` turns one off)."""
PROFILES = ("auto", "standard", "calm", "silent")
BACKENDS = (
    "auto", "miniaudio", "simpleaudio", "paplay", "pw-play", "aplay", "afplay", "bell", "none"
)  # fmt: skip
VOICES = ("auto", "espeak-ng", "espeak", "say")
DEFAULT_THEME = "textual-dark"

EXAMPLE = """\
# stride-tui settings. Every key is optional.
[sound]
volume = 0.8          # 0.0 to 1.0
mute = false
profile = "auto"      # auto (the routine's own), standard, calm, silent
backend = "auto"      # auto, miniaudio, simpleaudio, paplay, pw-play, aplay, afplay,
                      # bell, none
metronome = true      # a tap (and a flash) as each tempo phase starts: lower, pause, return

[sound.events]        # turn single chimes off (all on by default)
rep = true            # finish, switch, set-rest, breathe-in, breathe-hold, breathe-out,
                      # start, cue, halfway, last-three, tick, rep, phase

[display]
theme = "textual-dark"  # any of the app's themes (Ctrl+P, then "theme"); remembered

[voice]
enabled = false       # speak step names, "switch sides", "halfway" and cues
engine = "auto"       # auto, espeak-ng, espeak, say (macOS)
rate = 170            # words per minute
"""


MAX_SETTINGS_BYTES = 1_000_000
"""Largest settings file read; an example with every setting is well under a kilobyte."""


@dataclass
class Settings:
    """Everything ``config.toml`` can set, with its defaults."""

    volume: float = 0.8
    mute: bool = False
    profile: str = "auto"
    backend: str = "auto"
    events: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(CHIMES, True))
    metronome: bool = True
    """Whether each tempo phase starting is a chime and a flash."""
    theme: str = DEFAULT_THEME
    voice: bool = False
    voice_engine: str = "auto"
    voice_rate: int = 170


@dataclass
class Loaded:
    """Settings and the problems found reading them."""

    settings: Settings
    problems: list[Problem]
    path: Path


def _where(text: str, section: str, key: str) -> tuple[int, int]:
    """Line and column of ``key`` in ``[section]`` (TOML parsers do not say)."""
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


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: list[Problem] = []

    def report(self, section: str, key: str, message: str) -> None:
        line, column = _where(self.text, section, key)
        name = f"{section}.{key}" if section else key
        self.problems.append(Problem(line, column, name, message))

    def take(
        self,
        table: dict[str, Any],
        section: str,
        key: str,
        kind: type,
        default: Any,
        *,
        choices: tuple[str, ...] = (),
        low: float | None = None,
        high: float | None = None,
    ) -> Any:
        if key not in table:
            return default
        value = table.pop(key)
        ok = isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value, ok = float(value), True
        if not ok:
            wanted = {
                bool: "true or false",
                float: "a number",
                int: "a whole number",
                str: "text in quotes",
            }[kind]
            self.report(
                section, key, f"expected {wanted}, found `{quote(value)}`; using {default!r}"
            )
            return default
        if choices and value not in choices:
            self.report(
                section,
                key,
                f"`{quote(value)}` is not one of {', '.join(choices)}; using {default!r}",
            )
            return default
        if (low is not None and value < low) or (high is not None and value > high):
            self.report(section, key, f"`{value}` is outside {low} to {high}; using {default!r}")
            return default
        return value

    def leftovers(self, table: dict[str, Any], section: str, known: tuple[str, ...]) -> None:
        import difflib

        for key in table:
            hint = difflib.get_close_matches(key, known, n=1)
            guess = f"; did you mean `{hint[0]}`?" if hint else ""
            self.report(section, key, f"unknown setting `{quote(key)}`{guess}")


MAX_TOML_DEPTH = 20
"""Deepest nesting of arrays and inline tables read; the settings need one level."""


def _too_deep(text: str) -> tuple[int, int] | None:
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


def parse_settings(text: str) -> tuple[Settings, list[Problem]]:
    """Read settings from TOML text; problems come back beside usable settings."""
    deep = _too_deep(text)
    if deep is not None:
        message = (
            f"nested more than {MAX_TOML_DEPTH} levels deep (settings need one);"
            " using the default settings"
        )
        return Settings(), [Problem(*deep, "", message)]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line, column = (int(found[1]), int(found[2])) if found else (1, 1)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        return Settings(), [
            Problem(line, column, "", f"not valid TOML: {message}; using the default settings")
        ]
    reader = _Reader(text)
    settings = Settings()
    sound = data.pop("sound", {})
    voice = data.pop("voice", {})
    display = data.pop("display", {})
    if isinstance(sound, dict):
        events = sound.pop("events", {})
        settings.volume = reader.take(sound, "sound", "volume", float, 0.8, low=0.0, high=1.0)
        settings.mute = reader.take(sound, "sound", "mute", bool, False)
        settings.profile = reader.take(sound, "sound", "profile", str, "auto", choices=PROFILES)
        settings.backend = reader.take(sound, "sound", "backend", str, "auto", choices=BACKENDS)
        settings.metronome = reader.take(sound, "sound", "metronome", bool, True)
        reader.leftovers(
            sound, "sound", ("volume", "mute", "profile", "backend", "metronome", "events")
        )
        if isinstance(events, dict):
            for name in CHIMES:
                settings.events[name] = reader.take(events, "sound.events", name, bool, True)
            reader.leftovers(events, "sound.events", CHIMES)
    if isinstance(voice, dict):
        settings.voice = reader.take(voice, "voice", "enabled", bool, False)
        settings.voice_engine = reader.take(voice, "voice", "engine", str, "auto", choices=VOICES)
        settings.voice_rate = reader.take(voice, "voice", "rate", int, 170, low=80, high=400)
        reader.leftovers(voice, "voice", ("enabled", "engine", "rate"))
    if isinstance(display, dict):
        settings.theme = reader.take(display, "display", "theme", str, DEFAULT_THEME)
        reader.leftovers(display, "display", ("theme",))
    reader.leftovers(data, "", ("sound", "voice", "display"))
    return settings, reader.problems


def load_settings(path: Path | None = None) -> Loaded:
    """Read ``config.toml`` (or ``path``); a missing file gives the defaults."""
    from stride_tui import locations

    path = path or locations.config_file()
    try:
        raw = read_regular(path, MAX_SETTINGS_BYTES)
    except ReadFailure as failure:
        if failure.why is Unusable.MISSING:
            return Loaded(Settings(), [], path)
        return Loaded(
            Settings(),
            [Problem(1, 1, "", f"cannot read the file: {failure}; using the default settings")],
            path,
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Loaded(Settings(), [Problem(1, 1, "", "not UTF-8 text; save it as UTF-8")], path)
    settings, problems = parse_settings(text)
    return Loaded(settings, problems, path)


def remember(section: str, key: str, value: str, path: Path | None = None) -> Path:
    """Set ``key = "value"`` in ``[section]`` of ``config.toml``, keeping everything else.

    The line is replaced where it stands (comments and order kept), or added to the
    section, or the section is added at the end. The file is written atomically.

    Raises:
        OSError: The file cannot be written.
    """
    import json

    from stride_tui import locations
    from stride_tui.files import write_atomic

    path = path or locations.config_file()
    try:
        text = read_regular(path, MAX_SETTINGS_BYTES).decode("utf-8-sig")
    except (ReadFailure, UnicodeDecodeError):
        text = ""
    entry = f"{key} = {json.dumps(value)}"  # a JSON string is a valid TOML basic string
    lines = text.splitlines()
    header = re.compile(rf"^\s*\[\s*{re.escape(section)}\s*\]\s*(#.*)?$")
    start = next((i for i, line in enumerate(lines) if header.match(line)), None)
    if start is None:
        lines += ([""] if lines else []) + [f"[{section}]", entry]
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")),
            len(lines),
        )
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        found = next((i for i in range(start + 1, end) if pattern.match(lines[i])), None)
        if found is None:
            lines.insert(start + 1, entry)
        else:
            lines[found] = entry
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))
