"""User settings from ``config.toml``: sound and voice.

A missing file means defaults. A broken one never stops a session: the problems are
reported (file, line, column, what to do) and the defaults stand in for what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stride_tui.routine.problems import Problem, quote
from stride_tui.session.alerts import Alert
from stride_tui.settings_file import (
    SettingsText,
    parse_toml,
    read_settings_file,
    where,
    write_setting,
)

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
reminder = 30         # seconds between soft chimes while a step waits for you; 0 for none

[sound.events]        # turn single chimes off (all on by default)
rep = true            # finish, switch, set-rest, ready, breathe-in, breathe-hold,
                      # breathe-out, start, step-done, cue, halfway, last-three, tick,
                      # rep, phase, reminder, muted, unmuted, more-time, less-time

[display]
theme = "textual-dark"  # any of the app's themes (Ctrl+P, then "theme"); remembered

[serve]
sessions = 4          # browser tabs `stride serve` runs at once (1 to 32); more are refused

[voice]
enabled = false       # speak step names, "switch sides", "halfway" and cues
engine = "auto"       # auto, espeak-ng, espeak, say (macOS)
rate = 170            # words per minute
"""


FALLBACK = "the default settings"
"""What stands in for a file that cannot be used."""

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
    reminder: int = 30
    """Seconds between soft reminders while a step waits for the runner; 0 for none.

    The calm profile (the recovery routines') plays none."""
    theme: str = DEFAULT_THEME
    voice: bool = False
    voice_engine: str = "auto"
    voice_rate: int = 170
    serve_sessions: int = 4
    """How many browser tabs ``stride serve`` runs at once; one more is refused."""


@dataclass
class Loaded:
    """Settings and the problems found reading them."""

    settings: Settings
    problems: list[Problem]
    path: Path


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: list[Problem] = []

    def report(self, section: str, key: str, message: str) -> None:
        line, column = where(self.text, section, key)
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
        from stride_tui.suggest import did_you_mean

        for key in table:
            self.report(section, key, f"unknown setting `{quote(key)}`{did_you_mean(key, known)}")


def parse_settings(text: str) -> tuple[Settings, list[Problem]]:
    """Read settings from TOML text; problems come back beside usable settings."""
    return _settings_from(parse_toml(text, FALLBACK))


def _settings_from(read: SettingsText) -> tuple[Settings, list[Problem]]:
    """Settings from a file as read: the defaults when it gave no tables."""
    if read.data is None:
        return Settings(), read.problems
    data, text = read.data, read.text
    reader = _Reader(text)
    settings = Settings()
    sound = data.pop("sound", {})
    voice = data.pop("voice", {})
    display = data.pop("display", {})
    serve = data.pop("serve", {})
    if isinstance(serve, dict):
        settings.serve_sessions = reader.take(serve, "serve", "sessions", int, 4, low=1, high=32)
        reader.leftovers(serve, "serve", ("sessions",))
    if isinstance(sound, dict):
        events = sound.pop("events", {})
        settings.volume = reader.take(sound, "sound", "volume", float, 0.8, low=0.0, high=1.0)
        settings.mute = reader.take(sound, "sound", "mute", bool, False)
        settings.profile = reader.take(sound, "sound", "profile", str, "auto", choices=PROFILES)
        settings.backend = reader.take(sound, "sound", "backend", str, "auto", choices=BACKENDS)
        settings.metronome = reader.take(sound, "sound", "metronome", bool, True)
        settings.reminder = reader.take(sound, "sound", "reminder", int, 30, low=0, high=600)
        reader.leftovers(
            sound,
            "sound",
            ("volume", "mute", "profile", "backend", "metronome", "reminder", "events"),
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
    reader.leftovers(data, "", ("sound", "voice", "display", "serve"))
    return settings, reader.problems


def load_settings(path: Path | None = None) -> Loaded:
    """Read ``config.toml`` (or ``path``); a missing file gives the defaults."""
    from stride_tui import locations

    path = path or locations.config_file()
    settings, problems = _settings_from(read_settings_file(path, MAX_SETTINGS_BYTES, FALLBACK))
    return Loaded(settings, problems, path)


def remember(section: str, key: str, value: str, path: Path | None = None) -> Path:
    """Set ``key = "value"`` in ``[section]`` of ``config.toml``, keeping everything else.

    Comments and order stay (see :func:`stride_tui.settings_file.write_setting`).

    Raises:
        OSError: The file cannot be written.
        NotToml: The file is not TOML; it is left as it is.
    """
    from stride_tui import locations

    return write_setting(path or locations.config_file(), section, key, value, MAX_SETTINGS_BYTES)
