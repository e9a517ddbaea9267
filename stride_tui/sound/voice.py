"""Spoken cues: the system's speech engine renders each to audio, the player plays it.

Speech goes through the same mixer as the chimes, at the same volume: newer speech
cuts older speech, and of several cues waiting only the newest is said (a stale cue is
worse than none). The text goes to the engine on standard input, never as an
argument, so a cue such as "-5 degrees" is spoken rather than read as an option.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from stride_tui.processes import last_line, run_bounded
from stride_tui.sound.pcm import Clip, wav_clip

RENDER_LIMIT = 10.0
"""Seconds an engine may take to render one cue."""


class Output(Enum):
    """Where an engine writes the WAV it renders."""

    STDOUT = "stdout"
    FILE = "file"


@dataclass(frozen=True, slots=True)
class Engine:
    """A speech engine that can render text to a WAV.

    Attributes:
        name: The command's name.
        arguments: The command line for a speaking rate (words a minute) and, for
            engines that write files, the file to write.
        output: Where the WAV comes out.
    """

    name: str
    arguments: Callable[[int, Path], list[str]]
    output: Output


ENGINES = {
    "espeak-ng": Engine(
        "espeak-ng", lambda rate, _: ["espeak-ng", "--stdout", "-s", str(rate)], Output.STDOUT
    ),
    "espeak": Engine(
        "espeak", lambda rate, _: ["espeak", "--stdout", "-s", str(rate)], Output.STDOUT
    ),
    "say": Engine(
        "say",
        lambda rate, out: [
            *("say", "-r", str(rate), "--file-format=WAVE", "--data-format=LEI16@22050"),
            *("-o", str(out)),
        ],
        Output.FILE,
    ),
}
"""Engines that can render to a buffer, in the order they are looked for."""


def find_engine(preference: str = "auto") -> str | None:
    """The first speech engine on ``PATH`` (the preferred one first)."""
    names = list(ENGINES)
    if preference in names:
        names.remove(preference)
        names.insert(0, preference)
    return next((name for name in names if shutil.which(name)), None)


def describe_engine(preference: str = "auto") -> str:
    """The speech engine in use, in words, for ``stride settings`` and ``stride locate``."""
    engine = find_engine(preference)
    if engine is None:
        return "none found (install espeak-ng; macOS has say); cues are shown, not spoken"
    if preference not in ("auto", engine):
        return f"{engine} ({preference} was not found)"
    return engine


def render(engine: str, rate: int, text: str) -> Clip:
    """Render ``text`` with ``engine`` at ``rate`` words a minute.

    Raises:
        OSError: The engine could not be run, failed or took too long.
        ValueError: What it wrote is not a 16-bit WAV.
    """
    spec = ENGINES[engine]
    with tempfile.TemporaryDirectory(prefix="stride-voice-") as folder:
        out = Path(folder) / "speech.wav"
        try:
            done = run_bounded(spec.arguments(rate, out), input=text.encode(), timeout=RENDER_LIMIT)
        except subprocess.TimeoutExpired:
            raise OSError(f"{engine} took over {RENDER_LIMIT:g} s") from None
        if done.returncode != 0:
            raise OSError(f"{engine} failed: {last_line(done.stderr) or done.returncode}")
        data = done.stdout if spec.output is Output.STDOUT else out.read_bytes()
    return wav_clip("speech", data)


class Speaker:
    """Renders one cue at a time and hands it to the player, newest first.

    Args:
        engine: A name from ``ENGINES``.
        rate: Words a minute.
        play: Where rendered speech goes (the player's ``speak``).
    """

    def __init__(self, engine: str, rate: int, play: Callable[[Clip], None]) -> None:
        self.engine = engine
        self.rate = rate
        self.problems: list[str] = []
        self._play = play
        self._lock = threading.Condition()
        self._pending: str | None = None
        self._rendering = False
        self._closed = False
        self._thread = threading.Thread(target=self._work, name="stride-voice", daemon=True)
        self._thread.start()

    @property
    def rendering(self) -> bool:
        """Whether the engine is rendering a cue right now."""
        with self._lock:
            return self._rendering

    def say(self, text: str) -> None:
        """Announce ``text`` as soon as possible; returns at once."""
        with self._lock:
            self._pending = text
            self._lock.notify_all()

    def close(self, drain: bool = True) -> None:
        """End the worker; with ``drain``, first hand the last cue to the player."""
        with self._lock:
            if drain:
                self._lock.wait_for(
                    lambda: self._pending is None and not self._rendering, RENDER_LIMIT
                )
            self._closed = True
            self._pending = None
            self._lock.notify_all()
        self._thread.join(timeout=RENDER_LIMIT if drain else 0.5)

    def _work(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._pending is not None or self._closed)
                if self._closed:
                    return
                text, self._pending = self._pending, None
                self._rendering = True
            assert text is not None
            try:
                clip: Clip | None = render(self.engine, self.rate, text)
            except Exception as error:  # whatever the engine does, the session goes on
                self.problems.append(str(error))
                clip = None
            with self._lock:
                self._rendering = False
                stale = self._pending is not None or self._closed
                self._lock.notify_all()
            if clip is not None and not stale:
                self._play(clip)
