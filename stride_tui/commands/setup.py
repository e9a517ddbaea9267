"""``stride locate`` and ``stride settings``: where things live, and the settings in force."""

from __future__ import annotations

import argparse
import sys

from stride_tui.commands.console import out
from stride_tui.errors import EXIT_PROBLEMS
from stride_tui.text import table, visible


def locate(args: argparse.Namespace) -> int:
    """Print where routines, sounds, settings and the training log live, and the sound."""
    from stride_tui import locations
    from stride_tui.sound.session import describe_sound, start_sound
    from stride_tui.sound.voice import describe_engine

    rows: list[tuple[str, object]] = [
        ("built-in routines", locations.builtin_routines_dir()),
        ("your routines", locations.user_routines_dir()),
        ("built-in sounds", locations.builtin_sounds_dir()),
        ("your sounds", locations.user_sounds_dir()),
        ("settings", locations.config_file()),
        ("routine schema", locations.schema_file()),
        ("training log", locations.history_file()),
        ("cache", locations.cache_dir()),
        ("running sessions", locations.runtime_dir()),
    ]
    sound = start_sound()
    try:
        sound.player.wait_ready()
        rows.append(("sound", describe_sound(sound)))
        rows += [("  not used", failure) for failure in sound.player.failures]
        rows.append(("speech engine", describe_engine(sound.player.settings.voice_engine)))
    finally:
        sound.close()
    for line in table([(label, visible(str(value))) for label, value in rows]):
        out(line)
    return 0


def settings(args: argparse.Namespace) -> int:
    """Show the settings file, its problems and the values in force; or an example."""
    from stride_tui.settings import EXAMPLE, load_settings
    from stride_tui.sound.voice import describe_engine

    if args.example:
        sys.stdout.write(EXAMPLE)
        return 0
    loaded = load_settings()
    state = "" if loaded.path.exists() else " (not there: defaults in force)"
    out(f"{visible(str(loaded.path))}{state}")
    for problem in loaded.problems:
        out(problem.render(str(loaded.path)))
    values = loaded.settings
    out(
        f"volume {values.volume:g}, mute {str(values.mute).lower()}, profile {values.profile},"
        f" backend {values.backend}"
    )
    off = [name for name, on in values.events.items() if not on]
    out("chimes off: " + (", ".join(off) if off else "none"))
    out(
        f"voice {'on' if values.voice else 'off'} ({values.voice_engine}, "
        f"{values.voice_rate} words a minute)"
    )
    out(f"speech engine: {describe_engine(values.voice_engine)}")
    return EXIT_PROBLEMS if loaded.problems else 0
