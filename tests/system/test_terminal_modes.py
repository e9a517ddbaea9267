"""The terminal's modes after the full-screen app ends, however it ends: ``stty -a``.

A lone SIGCONT, or SIGSTOP then SIGCONT (a suspend from outside), used to leave the
terminal with ``-echo -icanon -isig -icrnl`` after the app quit: typing was invisible
until ``reset``. Each case runs stride under tmux, ends it, and reads ``stty -a`` from
the same terminal.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers.components import require
from tests.helpers.paths import FIXTURES
from tests.helpers.terminal import STRIDE, Tmux
from tests.system.test_real_terminal import _stride_pid

MODES = ("echo", "icanon", "isig", "icrnl")


@pytest.fixture
def session(stride_home: Path, tmp_path: Path) -> Iterator[tuple[Tmux, Path]]:
    require(shutil.which("tmux") is not None, "tmux is not installed")
    require(STRIDE.exists(), f"no installed stride at {STRIDE}")
    modes = tmp_path / "stty.txt"
    command = (
        f"env STRIDE_HOME={stride_home} TERM=xterm-256color {STRIDE} run"
        f" {FIXTURES / 'short.yaml'}; stty -a > {modes}; echo STRIDE-EXITED $?; sleep 30"
    )
    opened = Tmux(command, width=100)
    try:
        yield opened, modes
    finally:
        opened.close()


def _stopped(pid: int) -> bool:
    state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    return state in ("T", "t")


def _until(check: Callable[[], bool], what: str, deadline: float = 10.0) -> None:
    give_up = time.monotonic() + deadline
    while not check():
        assert time.monotonic() < give_up, f"never: {what}"
        time.sleep(0.02)


def _modes(path: Path, deadline: float = 15.0) -> set[str]:
    give_up = time.monotonic() + deadline
    while not (path.exists() and path.read_text().strip()):
        assert time.monotonic() < give_up, "stty -a never ran"
        time.sleep(0.05)
    return set(path.read_text().replace(";", " ").split())


@pytest.mark.parametrize("signals", [("CONT",), ("STOP", "CONT"), ("TSTP", "CONT")], ids="-".join)
def test_the_terminal_is_restored_after_a_stop_and_continue(
    session: tuple[Tmux, Path], signals: tuple[str, ...]
) -> None:
    tmux, modes = session
    tmux.wait_for(lambda s: "GET READY" in s or "Get ready" in s)
    pid = _stride_pid(tmux)
    for name in signals:
        os.kill(pid, getattr(signal, f"SIG{name}"))
        if name == "STOP":  # (SIGTSTP, the app's own suspend, is the player's to test)
            _until(lambda: _stopped(pid), "stopped by SIGSTOP")
        elif name == "CONT":
            _until(lambda: not _stopped(pid), "running again after SIGCONT")
    tmux.wait_for(lambda s: "Get ready" in s or "GET READY" in s or "Couch" in s)
    os.kill(pid, signal.SIGTERM)
    tmux.wait_for(lambda s: "STRIDE-EXITED" in s)
    found = _modes(modes)
    missing = [mode for mode in MODES if mode not in found]
    assert not missing, f"left off: {missing}"
