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

from stride_tui.routine.problems import Problem, quote

CHIMES = ("start", "tick", "halfway", "last-three", "switch", "rep", "breathe-in",
          "breathe-out", "finish")  # fmt: skip
PROFILES = ("auto", "standard", "calm", "silent")
BACKENDS = ("auto", "simpleaudio", "paplay", "pw-play", "aplay", "afplay", "bell", "none")
VOICES = ("auto", "espeak-ng", "espeak", "spd-say", "say")

EXAMPLE = """\
# stride-tui settings. Every key is optional.
[sound]
volume = 0.8          # 0.0 to 1.0
mute = false
profile = "auto"      # auto (the routine's own), standard, calm, silent
backend = "auto"      # auto, simpleaudio, paplay, pw-play, aplay, afplay, bell, none

[sound.events]        # turn single chimes off (all on by default)
rep = true            # start, tick, halfway, last-three, switch, rep,
                      # breathe-in, breathe-out, finish

[voice]
enabled = false       # speak step names, "switch sides", "halfway" and cues
engine = "auto"       # auto, espeak-ng, espeak, spd-say, say
rate = 170            # words per minute
"""


@dataclass
class Settings:
    """Everything ``config.toml`` can set, with its defaults."""

    volume: float = 0.8
    mute: bool = False
    profile: str = "auto"
    backend: str = "auto"
    events: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(CHIMES, True))
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


def parse_settings(text: str) -> tuple[Settings, list[Problem]]:
    """Read settings from TOML text; problems come back beside usable settings."""
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
    if isinstance(sound, dict):
        events = sound.pop("events", {})
        settings.volume = reader.take(sound, "sound", "volume", float, 0.8, low=0.0, high=1.0)
        settings.mute = reader.take(sound, "sound", "mute", bool, False)
        settings.profile = reader.take(sound, "sound", "profile", str, "auto", choices=PROFILES)
        settings.backend = reader.take(sound, "sound", "backend", str, "auto", choices=BACKENDS)
        reader.leftovers(sound, "sound", ("volume", "mute", "profile", "backend", "events"))
        if isinstance(events, dict):
            for name in CHIMES:
                settings.events[name] = reader.take(events, "sound.events", name, bool, True)
            reader.leftovers(events, "sound.events", CHIMES)
    if isinstance(voice, dict):
        settings.voice = reader.take(voice, "voice", "enabled", bool, False)
        settings.voice_engine = reader.take(voice, "voice", "engine", str, "auto", choices=VOICES)
        settings.voice_rate = reader.take(voice, "voice", "rate", int, 170, low=80, high=400)
        reader.leftovers(voice, "voice", ("enabled", "engine", "rate"))
    reader.leftovers(data, "", ("sound", "voice"))
    return settings, reader.problems


def load_settings(path: Path | None = None) -> Loaded:
    """Read ``config.toml`` (or ``path``); a missing file gives the defaults."""
    from stride_tui import locations

    path = path or locations.config_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Loaded(Settings(), [], path)
    except OSError as error:
        return Loaded(
            Settings(),
            [
                Problem(
                    1, 1, "", f"cannot read the file: {error.strerror}; using the default settings"
                )
            ],
            path,
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Loaded(Settings(), [Problem(1, 1, "", "not UTF-8 text; save it as UTF-8")], path)
    settings, problems = parse_settings(text)
    return Loaded(settings, problems, path)
