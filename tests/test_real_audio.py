"""Real audio: chimes captured through ALSA's file plugin, no device at all, and speech.

Each scenario is a real ``stride run --plain`` process. They start together (they spend
their time waiting on the clock) and each test checks one of them.
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

from tests.conftest import require
from tests.sound_helpers import (
    alsa_broken_config,
    alsa_capture_config,
    expected_chimes,
    find_in_order,
)

FIXTURES = Path(__file__).parent / "fixtures"
FAKE_SPEECH = """#!/bin/sh
# A stand-in speech engine: logs when it starts, ends or is cut short.
log="$STRIDE_SPEECH_LOG"
eval "text=\\${$#}"
echo "start $(date +%s.%N) $text" >> "$log"
trap 'echo "cut $(date +%s.%N)" >> "$log"; exit 0' TERM
sleep 1.6 &
wait $!
echo "end $(date +%s.%N)" >> "$log"
"""


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


def _start(
    folder: Path, routine: str, alsa: Path, settings: str, *extra: str, path_prefix: str = ""
) -> subprocess.Popen[str]:
    home = folder / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text(settings)
    env = {
        **os.environ,
        "STRIDE_HOME": str(home),
        "ALSA_CONFIG_PATH": str(alsa),
        "STRIDE_SPEECH_LOG": str(folder / "speech.log"),
    }
    if path_prefix:
        env["PATH"] = f"{path_prefix}:{env['PATH']}"
    return subprocess.Popen(
        [sys.executable, "-m", "stride_tui", "run", str(FIXTURES / routine), "--plain", *extra],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Run]]:
    require(
        importlib.util.find_spec("simpleaudio") is not None,
        "simpleaudio is not installed (the `sound` extra; needs libasound2-dev)",
    )
    started: dict[str, Run] = {}

    folder = tmp_path_factory.mktemp("simpleaudio")
    config, capture = alsa_capture_config(folder)
    started["simpleaudio"] = Run(
        _start(folder, "chimes.yaml", config, "[sound]\nvolume = 1.0\n"), folder, capture
    )

    if shutil.which("aplay"):
        folder = tmp_path_factory.mktemp("aplay")
        config, capture = alsa_capture_config(folder)
        settings = "[sound]\nvolume = 1.0\nbackend = 'aplay'\n"
        started["aplay"] = Run(_start(folder, "tiny.yaml", config, settings), folder, capture)

    folder = tmp_path_factory.mktemp("no-device")
    started["no-device"] = Run(_start(folder, "tiny.yaml", alsa_broken_config(folder), ""), folder)

    folder = tmp_path_factory.mktemp("voice")
    engine = folder / "bin" / "espeak-ng"
    engine.parent.mkdir()
    engine.write_text(FAKE_SPEECH)
    engine.chmod(0o755)
    started["voice"] = Run(
        _start(
            folder,
            "tiny.yaml",
            alsa_broken_config(folder),
            "[sound]\nbackend = 'none'\n",
            "--voice",
            path_prefix=str(engine.parent),
        ),
        folder,
    )
    yield started
    for run in started.values():
        if run.process.poll() is None:
            run.process.kill()


def test_every_chime_reaches_the_device_in_order(runs: dict[str, Run]) -> None:
    run = runs["simpleaudio"].finish()
    assert run.process.returncode == 0, run.err
    assert "No audio device" not in run.err and "No sound" not in run.err
    assert run.capture is not None
    captured = run.capture.read_bytes()
    names = [name for _, name in expected_chimes(FIXTURES / "chimes.yaml")]
    assert set(names) == {
        "tick",
        "start",
        "last-three",
        "switch",
        "halfway",
        "rep",
        "breathe-in",
        "breathe-out",
        "finish",
    }
    offsets = find_in_order(captured, names)
    missing = [name for name, at in zip(names, offsets, strict=True) if at < 0]
    assert not missing, f"not found in order: {missing} (offsets {offsets})"


def test_the_system_player_is_a_working_backend(runs: dict[str, Run]) -> None:
    require("aplay" in runs, "aplay is not installed (alsa-utils)")
    run = runs["aplay"].finish()
    assert run.process.returncode == 0, run.err
    assert run.capture is not None
    names = [name for _, name in expected_chimes(FIXTURES / "tiny.yaml")]
    offsets = find_in_order(run.capture.read_bytes(), names)
    assert all(at >= 0 for at in offsets), list(zip(names, offsets, strict=True))


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
    assert tried == ["simpleaudio", "paplay", "pw-play", "aplay", "afplay"]


def test_spoken_cues_are_announced_without_overlap(runs: dict[str, Run]) -> None:
    run = runs["voice"].finish()
    assert run.process.returncode == 0, run.err
    log = (run.folder / "speech.log").read_text().splitlines()
    said = [line.split(" ", 2)[2] for line in log if line.startswith("start")]
    assert said == [
        "Next: Hold", "Hold, left side", "Keep ribs quiet", "Switch sides",
        "Hold, right side", "Keep ribs quiet", "Next: Swings", "Swings", "Well done",
    ]  # fmt: skip
    # Each utterance ends (or is cut) before the next starts: never two voices at once.
    speaking_since: float | None = None
    for line in log:
        kind, stamp = line.split(" ")[:2]
        if kind == "start":
            assert speaking_since is None, f"overlap at {line}"
            speaking_since = float(stamp)
        else:
            assert speaking_since is not None
            speaking_since = None
    assert any(line.startswith("cut") for line in log), "a newer cue should cut a stale one"
