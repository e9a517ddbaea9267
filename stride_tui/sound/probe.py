"""Prove a sound library in a child process before the app loads it.

A library written in C can take the whole interpreter down (simpleaudio 1.0.4 does on
Python 3.12 and later). So before one is loaded into the app, a child Python imports
it and plays 10 ms of silence; if the child crashes, fails or hangs, the library is
not used and the next backend is tried. The child runs :mod:`stride_tui.sound.probe_child`.
"""

from __future__ import annotations

import signal
import subprocess
import sys

from stride_tui.processes import last_line, run_bounded

CHILD_TIMEOUT = 10.0
"""Seconds the child may take to import the library and play the probe."""


def prove_in_child(name: str) -> None:
    """Play the probe with backend ``name`` in a child process.

    Raises:
        OSError: The child crashed, failed or did not finish; the message says which.
    """
    try:
        result = run_bounded(
            [sys.executable, "-m", "stride_tui.sound.probe_child", name], timeout=CHILD_TIMEOUT
        )
    except subprocess.TimeoutExpired:
        raise OSError(f"a test process did not finish within {CHILD_TIMEOUT:g} s") from None
    if result.returncode < 0:
        try:
            how = signal.Signals(-result.returncode).name
        except ValueError:
            how = f"signal {-result.returncode}"
        raise OSError(f"crashed a test process ({how}) playing 10 ms of silence")
    if result.returncode != 0:
        raise OSError(last_line(result.stderr) or f"a test process failed ({result.returncode})")
