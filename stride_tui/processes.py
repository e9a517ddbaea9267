"""Child processes that never outlive stride: speech engines, sound players, probes.

Each child starts in a process group of its own, so ending it ends whatever it started
too (a shell script's ``aplay``, say); each has a deadline; and any still running when
stride exits is ended then. Platform differences live here alone.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import subprocess
import threading
from collections.abc import Sequence

from stride_tui.text import visible

_GRACE = 1.0
"""Seconds a child has to end after SIGTERM before SIGKILL."""

_LIVE: set[subprocess.Popen[bytes]] = set()
_LOCK = threading.Lock()


def spawn(
    argv: Sequence[str],
    *,
    stdin: int | None = subprocess.DEVNULL,
    stdout: int | None = subprocess.DEVNULL,
    stderr: int | None = subprocess.DEVNULL,
) -> subprocess.Popen[bytes]:
    """Start ``argv`` in a process group of its own, remembered until it is ended.

    Raises:
        OSError: It cannot be started.
    """
    process = subprocess.Popen(
        list(argv),
        stdin=stdin,
        stdout=stdout,
        stderr=stderr,
        start_new_session=os.name == "posix",
    )
    with _LOCK:
        _LIVE.add(process)
    return process


def end(process: subprocess.Popen[bytes], grace: float = _GRACE) -> None:
    """End ``process`` and its group: SIGTERM, then SIGKILL after ``grace`` seconds."""
    try:
        if process.poll() is None:
            _signal_group(process, signal.SIGTERM)
            try:
                process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                _signal_group(process, getattr(signal, "SIGKILL", signal.SIGTERM))
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=grace)
        else:
            # The leader is gone; what it started may not be.
            _signal_group(process, getattr(signal, "SIGKILL", signal.SIGTERM))
    finally:
        with _LOCK:
            _LIVE.discard(process)


def _signal_group(process: subprocess.Popen[bytes], number: signal.Signals) -> None:
    with contextlib.suppress(OSError):
        if os.name == "posix":
            os.killpg(process.pid, number)
        else:
            process.send_signal(number)


def run_bounded(
    argv: Sequence[str], *, input: bytes | None = None, timeout: float
) -> subprocess.CompletedProcess[bytes]:
    """Run ``argv`` to its end in a group of its own, capturing its output, within ``timeout``.

    Raises:
        OSError: It cannot be started.
        subprocess.TimeoutExpired: It took longer; it and its group have been ended.
    """
    process = spawn(
        argv,
        stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        out, err = process.communicate(input, timeout=timeout)
    finally:
        end(process)
    return subprocess.CompletedProcess(list(argv), process.returncode, out, err)


MESSAGE_LIMIT = 200
"""The most of a failing child's message shown."""


def last_line(stderr: bytes) -> str:
    """A child's last line of errors, made safe to show: escapes visible, bounded."""
    lines = stderr.decode(errors="replace").strip().splitlines()
    shown = visible(lines[-1].strip()) if lines else ""
    return shown if len(shown) <= MESSAGE_LIMIT else shown[: MESSAGE_LIMIT - 3] + "..."


def end_all() -> None:
    """End every child still running (at exit)."""
    with _LOCK:
        live = list(_LIVE)
    for process in live:
        end(process, grace=0.2)


atexit.register(end_all)
