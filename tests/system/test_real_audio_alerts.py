"""Every kind of change, heard and seen: the real full-screen app, chimes through ALSA.

One real ``stride run`` in a tmux terminal of 100x30 plays a routine that makes each
kind of change happen within seconds. Its ALSA default device appends all it plays to a
file (the file plugin), so the test reads the screen for each change's flash word and
the capture for that change's own chime, in the order the changes come.
"""

from __future__ import annotations

import ctypes.util
import re
import shlex
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.components import require
from tests.helpers.sound import alsa_capture_config, find_in_order, pcm_of
from tests.helpers.terminal import STRIDE, Tmux

ROUTINE = Path(__file__).parent.parent / "fixtures" / "alerts.yaml"
SIZE = (100, 30)
WAIT = 15.0
"""Seconds a change may take to show after the one before; the longest gap is 7 s."""


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of change the runner must notice: the word it flashes, the chime it sounds."""

    name: str
    word: str
    chime: str
    key: str = ""
    """The key the runner presses to make the change; none for the routine's own."""


KINDS = [
    Kind("switch", "SWITCH", "switch"),
    Kind("mid-step cue", "NEW CUE", "cue"),
    Kind("halfway", "HALFWAY", "halfway"),
    Kind("last three", "3 · 2 · 1", "last-three"),
    Kind("work to set rest", "SET REST", "set-rest"),
    Kind("breath hold", "HOLD", "breathe-hold"),
    Kind("end of a rep step", "STEP DONE", "step-done"),
    Kind("a step that waits", "READY?", "ready"),
    Kind("still waiting", "WAITING", "reminder"),
    Kind("mute", "MUTED", "muted", key="m"),
    Kind("unmute", "SOUND ON", "unmuted", key="m"),
    Kind("ready: the hold starts", "GO", "start", key="space"),
    Kind("ten seconds more", "+10 s", "more-time", key="+"),
    Kind("ten seconds less", "\u221210 s", "less-time", key="-"),
]
"""In the order the routine brings them (the last three: the end of the 20 s hold), and
the runner's own keys after the routine has stopped to wait for them."""
REMINDER = 3
"""Seconds between the waiting step's reminders, set for the test (30 by default)."""


@dataclass
class Session:
    """The app in its terminal, and the file its sound device writes to."""

    terminal: Tmux
    capture: Path

    def flash_word(self) -> str:
        """The word flashing now: it stands at the right of the banner line, alone."""
        lines = self.terminal.screen().splitlines()
        parts = re.split(r"\s{2,}", lines[0].strip()) if lines else []
        return parts[1] if len(parts) == 2 else ""

    def captured(self) -> bytes:
        return self.capture.read_bytes() if self.capture.exists() else b""


def _until(check: Callable[[], bool], what: Callable[[], str], timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what()}")
        time.sleep(0.02)


@pytest.fixture
def session(tmp_path: Path, stride_home: Path) -> Iterator[Session]:
    """The alerts routine playing full screen, its sound captured, in isolated folders."""
    require(shutil.which("tmux") is not None, "tmux is not installed (tmux)")
    require(STRIDE.exists(), f"no installed stride at {STRIDE}")
    require(
        ctypes.util.find_library("asound") is not None,
        "ALSA's library is not installed (libasound2)",
    )
    config, capture = alsa_capture_config(tmp_path)
    (stride_home / "config").mkdir(parents=True)
    # At full volume each chime's samples reach the device unscaled.
    (stride_home / "config" / "config.toml").write_text(
        f"[sound]\nvolume = 1.0\nreminder = {REMINDER}\n"
    )
    home = tmp_path / "home"
    env = {
        "HOME": home,
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CACHE_HOME": home / ".cache",
        "STRIDE_HOME": stride_home,
        "ALSA_CONFIG_PATH": config,
        "TERM": "xterm-256color",
    }
    home.mkdir()
    variables = " ".join(f"{name}={shlex.quote(str(value))}" for name, value in env.items())
    command = f"env {variables} {shlex.quote(str(STRIDE))} run {shlex.quote(str(ROUTINE))}"
    terminal = Tmux(f"{command}; echo STRIDE-EXITED $?; sleep 30", *SIZE)
    try:
        yield Session(terminal, capture)
    finally:
        terminal.close()


def test_the_kinds_differ_in_word_and_in_chime() -> None:
    assert len({kind.word for kind in KINDS}) == len(KINDS)
    chimes = [pcm_of(kind.chime) for kind in KINDS]
    assert all(chimes), "a chime is empty"
    # find_in_order looks for a chime's opening 2048 bytes: those must differ.
    assert len({pcm[:2048] for pcm in chimes}) == len(KINDS), "two kinds open alike"


def _flashes(session: Session, kind: Kind) -> None:
    _until(
        lambda: session.flash_word() == kind.word,
        lambda: (
            f"the {kind.name} flash {kind.word!r}; the screen shows:\n{session.terminal.screen()}"
        ),
    )


def _sounds(session: Session, kind: Kind, before: list[Kind]) -> None:
    """Its own chime reaches the device, after the chimes of the kinds before it."""
    chimes = [earlier.chime for earlier in before] + [kind.chime]
    _until(
        lambda: find_in_order(session.captured(), chimes)[-1] >= 0,
        lambda: (
            f"the {kind.name} chime {kind.chime!r} after {chimes[:-1]} "
            f"(offsets {find_in_order(session.captured(), chimes)})"
        ),
    )


def test_each_kind_of_change_flashes_its_word_and_sounds_its_chime(session: Session) -> None:
    session.terminal.wait_for(lambda s: "GET READY" in s)
    for done, kind in enumerate(KINDS):
        if kind.key:
            # The flash before has ended: the next word shown is this key's own.
            _until(lambda: session.flash_word() == "", lambda: "the last flash to end")
            session.terminal.keys(kind.key)
        _flashes(session, kind)
        _sounds(session, kind, KINDS[:done])
    screen = session.terminal.screen()
    assert "MUTED" not in screen.splitlines()[0], "sound is on again: no MUTED mark"
