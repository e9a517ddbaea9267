"""Real audio: chimes and speech captured through ALSA's file plugin, and no device at all.

Each scenario is a real ``stride run --plain`` process. They start together (they spend
their time waiting on the clock) and each test checks one of them. The default backend
(miniaudio) is what a plain ``pip install`` plays with; speech is the real espeak-ng.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from stride_tui.settings import CHIMES
from stride_tui.sound.voice import render
from tests.helpers.components import require
from tests.helpers.paths import FIXTURES
from tests.helpers.sound import (
    CRASHING_MINIAUDIO,
    alsa_broken_config,
    alsa_capture_config,
    expected_chimes,
    find_in_order,
    heard_part,
    most_bytes,
)

SPOKEN = """\
name: Spoken
defaults: {get_ready: 1s, switch: 1s}
steps:
  - name: Hold
    time: 4s
    sides: both
    cues: [{at: 1s, say: "-5 degrees"}]
  - name: Swings
    reps: 2
    tempo: 0.5-0.5
"""
SAID = [
    "Next: Hold", "Hold, left side", "-5 degrees", "Switch sides", "Hold, right side",
    "-5 degrees", "Next: Swings", "Swings", "Well done",
]  # fmt: skip
SETTLED = 2.0
"""Seconds into a session from which every sound must be heard. Sounds that fall due
while the backend is still being proved (in a child process: on a loaded machine that
can take a second) wait, and of those only the newest is played: the rest are stale."""
SAID_FROM_SETTLED = SAID[2:]
"""What is said from ``SETTLED`` on (the first two fall due at 0 s and 1 s)."""
QUIET_CHIMES = "[sound.events]\n" + "".join(f"{name} = false\n" for name in CHIMES)
HAVE_SIMPLEAUDIO = importlib.util.find_spec("simpleaudio") is not None


@dataclass
class Run:
    process: subprocess.Popen[str]
    folder: Path
    capture: Path | None = None
    out: str = ""
    err: str = ""

    def finish(self) -> Run:
        if self.process.returncode is None:
            self.out, self.err = self.process.communicate(timeout=120)
        return self

    def captured(self) -> bytes:
        assert self.capture is not None
        return self.capture.read_bytes() if self.capture.exists() else b""


def _start(
    folder: Path, routine: Path, alsa: Path, settings: str, *extra: str, env: dict[str, str]
) -> subprocess.Popen[str]:
    home = folder / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text(settings)
    return subprocess.Popen(
        [sys.executable, "-m", "stride_tui", "run", str(routine), "--plain", *extra],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env, "STRIDE_HOME": str(home), "ALSA_CONFIG_PATH": str(alsa)},
    )


def _capturing(
    factory: pytest.TempPathFactory, name: str, routine: Path, settings: str, *extra: str
) -> Run:
    folder = factory.mktemp(name)
    config, capture = alsa_capture_config(folder)
    env: dict[str, str] = {}
    if name == "crash":
        (folder / "lib").mkdir()
        (folder / "lib" / "miniaudio.py").write_text(CRASHING_MINIAUDIO)
        env["PYTHONPATH"] = str(folder / "lib")
    return Run(_start(folder, routine, config, settings, *extra, env=env), folder, capture)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Run]]:
    loud = "[sound]\nvolume = 1.0\n"
    tiny, chimes = FIXTURES / "tiny.yaml", FIXTURES / "chimes.yaml"
    spoken = tmp_path_factory.mktemp("routine") / "spoken.yaml"
    spoken.write_text(SPOKEN)
    factory = tmp_path_factory
    started = {
        "miniaudio": _capturing(factory, "miniaudio", chimes, loud),
        "voice": _capturing(factory, "voice", spoken, loud + QUIET_CHIMES, "--voice"),
        "crash": _capturing(factory, "crash", tiny, loud),
    }
    if shutil.which("aplay"):
        aplay = loud + "backend = 'aplay'\n"
        started["aplay"] = _capturing(factory, "aplay", tiny, aplay)
    if HAVE_SIMPLEAUDIO and sys.version_info < (3, 12):
        simpleaudio = loud + "backend = 'simpleaudio'\n"
        started["simpleaudio"] = _capturing(factory, "simpleaudio", tiny, simpleaudio)
    folder = tmp_path_factory.mktemp("no-device")
    started["no-device"] = Run(_start(folder, tiny, alsa_broken_config(folder), "", env={}), folder)
    yield started
    for run in started.values():
        if run.process.poll() is None:
            run.process.kill()


def _chimes_in_order(run: Run, routine: Path) -> None:
    names = [name for due, name in expected_chimes(routine) if due >= SETTLED]
    offsets = find_in_order(run.captured(), names)
    missing = [name for name, at in zip(names, offsets, strict=True) if at < 0]
    assert not missing, f"not found in order: {missing} (offsets {offsets})"


def test_every_chime_reaches_the_device_in_order(runs: dict[str, Run]) -> None:
    run = runs["miniaudio"].finish()
    assert run.process.returncode == 0, run.err
    assert "stride:" not in run.err  # no notice: the default backend was heard
    names = {name for _, name in expected_chimes(FIXTURES / "chimes.yaml")}
    assert names >= {"tick", "start", "last-three", "switch", "halfway", "rep", "breathe-in",
                     "breathe-out", "finish"}  # fmt: skip
    _chimes_in_order(run, FIXTURES / "chimes.yaml")
    # The device is paced and closed when idle: never a flood of silence.
    finish = expected_chimes(FIXTURES / "chimes.yaml")[-1][0]
    assert len(run.captured()) < most_bytes(finish)


def test_speech_is_rendered_and_played_through_the_same_device(runs: dict[str, Run]) -> None:
    require(shutil.which("espeak-ng") is not None, "espeak-ng is not installed (espeak-ng)")
    run = runs["voice"].finish()
    assert run.process.returncode == 0, run.err
    captured = run.captured()
    parts = [heard_part(render("espeak-ng", 170, text)) for text in SAID_FROM_SETTLED]
    at, order = 0, []
    for text, part in zip(SAID_FROM_SETTLED, parts, strict=True):
        found = captured.find(part, at)
        order.append((text, found))
        at = found + len(part) if found >= 0 else at
    assert all(found >= 0 for _, found in order), order
    # "-5 degrees" was said as "minus five degrees", not read as an option.
    assert heard_part(render("espeak-ng", 170, "5 degrees")) not in captured


def test_a_crashing_sound_library_never_takes_the_session_down(runs: dict[str, Run]) -> None:
    require("aplay" in runs, "aplay is not installed (alsa-utils)")
    run = runs["crash"].finish()
    assert run.process.returncode == 0, run.err
    assert run.out.splitlines()[-1].strip() == "took 0:13"
    _chimes_in_order(run, FIXTURES / "tiny.yaml")  # through the next backend that works


def test_the_system_player_is_a_working_backend(runs: dict[str, Run]) -> None:
    require("aplay" in runs, "aplay is not installed (alsa-utils)")
    run = runs["aplay"].finish()
    assert run.process.returncode == 0, run.err
    _chimes_in_order(run, FIXTURES / "tiny.yaml")


def test_simpleaudio_is_a_working_backend_where_it_installs(runs: dict[str, Run]) -> None:
    if sys.version_info >= (3, 12):
        assert not HAVE_SIMPLEAUDIO, "the extra's marker keeps simpleaudio off Python 3.12+"
        return
    require(
        HAVE_SIMPLEAUDIO,
        "simpleaudio is not installed (the `simpleaudio` extra: needs gcc, python3-dev "
        "and libasound2-dev)",
    )
    run = runs["simpleaudio"].finish()
    assert run.process.returncode == 0, run.err
    assert "stride:" not in run.err
    _chimes_in_order(run, FIXTURES / "tiny.yaml")


def test_no_audio_device_still_plays_to_the_end_with_one_notice(runs: dict[str, Run]) -> None:
    run = runs["no-device"].finish()
    assert run.process.returncode == 0
    notices = [line for line in run.err.splitlines() if "stride:" in line]
    assert notices == ["stride: No audio device answered: the terminal bell marks the big changes"]
    assert "ALSA" not in run.err  # the library's own complaints stay off the screen
    assert run.out.splitlines()[-1].strip() == "took 0:13"
    assert "Routine finished. Well done" in run.out


def test_no_device_falls_back_in_order(tmp_path: Path) -> None:
    config = alsa_broken_config(tmp_path)
    env = {**os.environ, "ALSA_CONFIG_PATH": str(config), "STRIDE_HOME": str(tmp_path / "h")}
    located = subprocess.run(
        [sys.executable, "-m", "stride_tui", "locate"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sound = next(line for line in located.splitlines() if line.startswith("sound "))
    assert sound.split()[1].rstrip(",") == "bell"
    tried = [line.split()[2].rstrip(":") for line in located.splitlines() if "not used" in line]
    assert tried == ["miniaudio", "simpleaudio", "paplay", "pw-play", "aplay", "afplay"]


def test_settings_and_locate_name_the_speech_engine(tmp_path: Path) -> None:
    require(shutil.which("espeak-ng") is not None, "espeak-ng is not installed (espeak-ng)")
    env = {**os.environ, "STRIDE_HOME": str(tmp_path / "h")}
    env["ALSA_CONFIG_PATH"] = str(alsa_broken_config(tmp_path))
    for command, line in (("locate", "speech engine      espeak-ng"),
                          ("settings", "speech engine: espeak-ng")):  # fmt: skip
        shown = subprocess.run(
            [sys.executable, "-m", "stride_tui", command],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert line in shown.splitlines(), shown
