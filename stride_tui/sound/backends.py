"""Choosing a backend: the first that works, in the order of ``ORDER``.

Each backend is probed before it is chosen (10 ms of silence is played), so a missing
or broken audio device is found at start-up, not in the middle of a hold. A library
that could crash the interpreter is first proved in a child process (see
:mod:`stride_tui.sound.probe`, which runs :mod:`stride_tui.sound.probe_child`). Every
backend plays what the :class:`Mixer` holds.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from stride_tui.sound.fallbacks import (
    COMMANDS,
    BellBackend,
    CommandBackend,
    SilentBackend,
    SimpleaudioBackend,
)
from stride_tui.sound.interface import ORDER, PROBE, Backend, BackendName
from stride_tui.sound.mixer import Mixer, Track
from stride_tui.sound.probe import prove_in_child
from stride_tui.sound.streaming import MiniaudioBackend

PROBE_LIMIT = 2.0
"""Seconds a device may take to play the probe."""


def probed(backend: Backend, mixer: Mixer) -> Backend:
    """``backend`` once it has played the probe to its end (its device closed again).

    Raises:
        OSError: The device took nothing (it opened, but never asked for sound).
        Exception: Whatever the library or device raised.
    """
    try:
        mixer.pulled = backend.pulls
        mixer.add(Track.CHIME, PROBE)
        backend.play(mixer, PROBE)
        deadline = time.monotonic() + PROBE_LIMIT
        while mixer.playing():
            if time.monotonic() > deadline:
                raise OSError(f"the device took no sound within {PROBE_LIMIT:g} s")
            time.sleep(0.005)
        backend.wait_done(0.0 if backend.pulls else PROBE_LIMIT)
    finally:
        backend.close()
    return backend


def _make(name: BackendName, mixer: Mixer, ring: Callable[[], None] | None) -> Backend:
    if name is BackendName.MINIAUDIO:
        prove_in_child(name)
        return probed(MiniaudioBackend(mixer), mixer)
    if name is BackendName.SIMPLEAUDIO:
        return probed(SimpleaudioBackend(), mixer)
    if name in COMMANDS:
        command = CommandBackend(name)
        try:
            command.probe()
        except Exception:
            command.close()
            raise
        return command
    if name is BackendName.BELL:
        return BellBackend(ring)
    return SilentBackend()


def choose_backend(
    preference: str = "auto", ring: Callable[[], None] | None = None, mixer: Mixer | None = None
) -> tuple[Backend, list[str]]:
    """The first backend that works, in ``ORDER`` (or the preferred one, falling back).

    Args:
        preference: A backend's name to try first, or ``auto``.
        ring: How to ring the terminal bell.
        mixer: The mixer the backend will play; its ``pulled`` is set to match.

    Returns:
        The backend, and one line for each backend that was tried and failed.
    """
    mixer = mixer or Mixer()
    order = list(ORDER)
    if preference in order:
        chosen = BackendName(preference)
        order.remove(chosen)
        order.insert(0, chosen)
    failures: list[str] = []
    backend: Backend = SilentBackend()
    for name in order:
        try:
            backend = _make(name, mixer, ring)
            break
        except Exception as error:  # any failure means: try the next one
            failures.append(f"{name}: {type(error).__name__}: {error}".strip())
    mixer.clear()
    mixer.pulled = backend.pulls
    return backend, failures
