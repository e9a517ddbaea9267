"""The probe's child process: open one backend here and play 10 ms of silence.

Run as ``python -m stride_tui.sound.probe_child NAME`` by
:func:`stride_tui.sound.probe.prove_in_child`; nothing imports this module, so a crash
here takes down only the child.
"""

from __future__ import annotations

import sys

from stride_tui.sound.backends import probed
from stride_tui.sound.fallbacks import SimpleaudioBackend
from stride_tui.sound.interface import Backend, BackendName
from stride_tui.sound.mixer import Mixer
from stride_tui.sound.streaming import MiniaudioBackend


def play_probe(name: str) -> None:
    """Open backend ``name`` in this process and play the probe.

    Raises:
        Exception: Whatever the library or device raises.
    """
    mixer = Mixer()
    backend: Backend
    if name == BackendName.MINIAUDIO:
        backend = MiniaudioBackend(mixer)
    elif name == BackendName.SIMPLEAUDIO:
        backend = SimpleaudioBackend(in_child=True)
    else:
        raise ValueError(f"no need to prove {name} in a child process")
    probed(backend, mixer).close()


def main(argv: list[str]) -> int:
    """Play the probe with backend ``argv[1]``; a failure leaves through the exit status."""
    play_probe(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
