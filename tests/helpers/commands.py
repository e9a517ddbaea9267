"""Running ``stride`` as a real process, with its environment changed, in bounded time."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT

LIMIT = 60.0
"""Seconds any command may take before the test says it hung."""


def run_stride(
    *argv: str,
    cwd: Path,
    env: Mapping[str, str | None] | None = None,
    stdout: int | None = subprocess.PIPE,
    prefix: Sequence[str] = (),
) -> subprocess.CompletedProcess[bytes]:
    """Run ``stride argv`` (``prefix`` first: another user, say) and return its result.

    Args:
        argv: The arguments.
        cwd: Where to run it.
        env: Variables to set; ``None`` as a value removes the variable.
        stdout: Where its output goes (captured by default).
        prefix: A command that runs ``stride`` (``setpriv --reuid ...``).
    """
    merged = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm"}
    for name, value in (env or {}).items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = value
    try:
        return subprocess.run(
            [*prefix, sys.executable, "-m", "stride_tui", *argv],
            cwd=cwd,
            env=merged,
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=LIMIT,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`stride {' '.join(argv)}` hung")


def assert_clean(result: subprocess.CompletedProcess[bytes]) -> str:
    """The command ended without a traceback or a bug report; its output and errors."""
    output = (result.stdout or b"").decode("utf-8", "replace") + result.stderr.decode(
        "utf-8", "replace"
    )
    assert "Traceback" not in output, output
    assert "this is a bug in stride" not in output, output
    assert result.returncode != 70, output
    return output
