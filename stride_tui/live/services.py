"""What a session runs on, built once by the command and handed to whoever plays it.

The settings, the sound, the training log's writer, the notices they share, and the
clock: ``stride run`` builds them before the app (or plain mode) starts, tests build them
the same way with their own settings and clock, and whoever built them closes them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from stride_tui.log.writer import LogWriter
from stride_tui.session.clock import Clock, monotonic
from stride_tui.session.notices import Notices
from stride_tui.settings import Settings, load_settings
from stride_tui.sound.fallbacks import write_bell
from stride_tui.sound.session import SessionSound, start_sound


@dataclass
class Bell:
    """The terminal bell, rung by the sound's thread when nothing else can sound.

    The sound is started before anything draws, so the bell is settled later: plain
    mode leaves the sound's own (BEL on stderr); the full-screen app sets ``ring`` to
    ring through Textual, as a raw BEL under it would go astray.
    """

    ring: Callable[[], None] | None = None

    def __call__(self) -> None:
        """Ring it."""
        (self.ring or write_bell)()


@dataclass
class Services:
    """The parts a session runs on.

    Attributes:
        settings: The settings in force.
        sound: Chimes and speech (the backend is chosen in the background).
        log: The training log's writer; ``None`` plays without a log.
        notices: One-line messages for the runner, from all of the above.
        clock: The engine's clock; tests pass a manual one.
        bell: The terminal bell the sound falls back to.
        remember: Whether choices made in the app (the theme) are written back to
            ``config.toml``; off when the settings did not come from it.
    """

    settings: Settings
    sound: SessionSound
    log: LogWriter | None
    notices: Notices
    clock: Clock = monotonic
    bell: Bell = field(default_factory=Bell)
    remember: bool = True

    def close(self, drain: bool = True) -> None:
        """Stop the sound (with ``drain``, after the last chime) and flush and close the log."""
        self.sound.close(drain=drain)
        if self.log is not None:
            self.log.close()


def build_services(
    *,
    voice: bool | None = None,
    mute: bool = False,
    settings: Settings | None = None,
    log: bool = True,
    clock: Clock = monotonic,
) -> Services:
    """Start the sound and the log writer from the runner's settings.

    Args:
        voice: Speak cues (``--voice``); ``None`` follows the settings.
        mute: Start with the chimes muted.
        settings: Settings to use instead of reading ``config.toml`` (then nothing is
            written back to it either).
        log: Open the training log (in the background); ``False`` plays without one.
        clock: The engine's clock.
    """
    notices = Notices()
    remember = settings is None
    problems: list[str] = []
    if settings is None:
        loaded = load_settings()
        settings = loaded.settings
        problems = [problem.render(str(loaded.path)) for problem in loaded.problems]
    bell = Bell()
    sound = start_sound(voice=voice, ring=bell, settings=settings)
    sound.notices[:0] = problems
    sound.player.muted = sound.player.muted or mute
    writer = LogWriter(notices) if log else None
    return Services(settings, sound, writer, notices, clock, bell, remember)
