"""The editor on the longest routine: keystroke to echo, and keystroke to problems shown.

``stride edit long --in-app`` runs in a detached 120x40 tmux pane on a routine of 200
two-sided steps (the most a routine may have; about 1,000 lines, 400 sides to play).
Keys go in with ``tmux send-keys`` and the pane is read until the change shows, so each
figure is what a user would see, tmux's own round trip included:

- echo: a key typed while nothing else happens, until the character is on the screen;
- echo during a check: a key typed while the check of the previous key is running;
- problems: from a key that breaks (or mends) the file until the problem list (or "No
  problems." and the preview) says so; the check waits for a pause in typing first.

Run: python -m bench.bench_editor [runs]
"""

from __future__ import annotations

import shutil
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from bench.bench_app import BIN, close_server, quiet_home, tmux
from bench.stats import Figure

FRAME_MS = 1000 / 60
"""One frame at Textual's 60 frames a second: the echo target."""
STEPS = 200
"""The most steps a routine may have."""


def long_routine() -> str:
    """200 two-sided steps: holds with cues, reps with a tempo."""
    steps = []
    for number in range(STEPS):
        if number % 2:
            steps.append(
                f"  - name: Hold {number + 1}\n    time: 30s\n    sides: both\n"
                "    cues: [Tall posture, Easy breathing]\n"
                "    how: Keep the pelvis square and breathe low\n"
            )
        else:
            steps.append(
                f"  - name: Swing {number + 1}\n    reps: 10\n    tempo: 1.5s\n"
                "    sides: both\n    cues: [Swing from the hip]\n"
            )
    return "name: Long routine\nkind: mobility\nsteps:\n" + "".join(steps)


class Pane:
    """The editor in a tmux pane."""

    def __init__(self, command: str, ready: str) -> None:
        self.socket = f"bench-{uuid.uuid4().hex[:8]}"
        tmux(self.socket, "new-session", "-d", "-x", "120", "-y", "40", f"exec {command}")
        self.wait(lambda screen: ready in screen, 30)

    def screen(self) -> str:
        return tmux(self.socket, "capture-pane", "-p")

    def wait(self, shown: Callable[[str], bool], limit: float = 10) -> float:
        """Milliseconds until ``shown`` holds for the screen (from now)."""
        start = time.monotonic()
        while not shown(self.screen()):
            if time.monotonic() - start > limit:
                raise RuntimeError("the editor never showed what was typed")
            time.sleep(0.001)
        return (time.monotonic() - start) * 1000

    def key(self, key: str) -> float:
        """Send one key; the moment it was sent."""
        tmux(self.socket, "send-keys", key)
        return time.monotonic()

    def since(self, sent: float, shown: Callable[[str], bool]) -> float:
        """Milliseconds from ``sent`` until ``shown`` holds."""
        self.wait(shown)
        return (time.monotonic() - sent) * 1000

    def close(self) -> None:
        close_server(self.socket)


def one_round(pane: Pane, rows: dict[str, list[float]]) -> None:
    """Break the first line and mend it, twice: once alone, once typing during the check."""
    from stride_tui.tui.editor import CHECK_AFTER

    sent = pane.key("x")  # `xname:` is an unknown key
    rows["echo"].append(pane.since(sent, lambda s: "xname:" in s))
    rows["problems"].append(pane.since(sent, lambda s: "problem(s)" in s))
    sent = pane.key("BSpace")
    rows["echo"].append(pane.since(sent, lambda s: "xname:" not in s))
    rows["problems"].append(pane.since(sent, lambda s: "No problems." in s))
    pane.key("y")
    time.sleep(CHECK_AFTER + 0.01)  # the check of `yname:` is under way now
    sent = pane.key("z")
    rows["echo_during_check"].append(pane.since(sent, lambda s: "yzname:" in s))
    pane.wait(lambda s: "problem(s)" in s)
    pane.key("BSpace")
    pane.key("BSpace")
    pane.wait(lambda s: "No problems." in s and "name:" in s)


def bare_round(pane: Pane, rows: dict[str, list[float]]) -> None:
    """The same keys in a bare Textual TextArea: its echo is Textual's own cost."""
    sent = pane.key("x")
    rows["echo_bare_textual"].append(pane.since(sent, lambda s: "xname:" in s))
    sent = pane.key("BSpace")
    rows["echo_bare_textual"].append(pane.since(sent, lambda s: "xname:" not in s))


def run(runs: int = 7) -> dict[str, Figure]:
    """Medians over ``runs`` rounds after a warm-up round, in one editor."""
    if shutil.which("tmux") is None:
        raise SystemExit("needs tmux")
    home = quiet_home()
    routines = Path(home, "config", "routines")
    routines.mkdir(parents=True)
    routine = Path(routines, "long.yaml")
    routine.write_text(long_routine())
    rows: dict[str, list[float]] = {
        "echo": [], "echo_during_check": [], "problems": [], "echo_bare_textual": []
    }  # fmt: skip
    stride = f"env STRIDE_HOME={home} {BIN / 'stride'} edit long --in-app"
    bare = f"{sys.executable} -m bench.bare_editor {routine}"
    try:
        for command, ready, measure in (
            (stride, "No problems.", one_round),
            (bare, "name: Long routine", bare_round),
        ):
            pane = Pane(command, ready)
            try:
                measure(pane, {key: [] for key in rows})  # warm-up
                for _ in range(runs):
                    measure(pane, rows)
            finally:
                pane.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return {f"editor_{key}_ms": Figure.of(values) for key, values in rows.items()}


if __name__ == "__main__":
    for key, figure in run(int(sys.argv[1]) if len(sys.argv) > 1 else 7).items():
        print(f"{key:28} {figure}")
