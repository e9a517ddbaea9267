"""``stride status`` under hostile conditions: special files, wall-clock steps.

tmux runs ``stride status`` every second: it must never block, whatever sits in the
runtime folder, and its time left must not jump when the wall clock does.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from stride_tui.live.driver import SessionDriver
from stride_tui.live.status import StatusPublisher, read_status, status_file
from stride_tui.session.clock import ManualClock
from tests.helpers.commands import assert_clean, run_stride
from tests.helpers.engine import plan_of
from tests.helpers.paths import ROOT

ROUTINE = """\
name: Steps of the clock
steps:
  - {name: Couch stretch, time: 60s}
"""

WALL = 1_800_000_000.0


def test_a_fifo_named_like_a_status_file_does_not_block(tmp_path: Path) -> None:
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    os.mkfifo(status_file(os.getpid(), runtime))  # a live pid: it would be read
    (runtime / "session-1.json").mkdir()  # a folder too
    done = threading.Event()
    found: list[object] = []

    def read() -> None:
        found.append(read_status(runtime))
        done.set()

    threading.Thread(target=read, daemon=True).start()
    assert done.wait(10.0), "read_status blocked on a FIFO"
    assert found == [None]


def test_the_command_does_not_block_on_a_fifo(tmp_path: Path) -> None:
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    os.mkfifo(status_file(1, runtime))  # pid 1 is alive
    result = run_stride("status", cwd=tmp_path, env={"STRIDE_RUNTIME_DIR": str(runtime)})
    assert_clean(result)
    assert result.returncode == 0
    assert result.stdout == b""


@pytest.mark.parametrize("step", [-3600.0, 3600.0, -86400.0 * 365])
def test_a_wall_clock_step_does_not_change_the_time_left(tmp_path: Path, step: float) -> None:
    clock = ManualClock()
    wall = [WALL]
    steady = [500.0]
    publisher = StatusPublisher(
        "clock", folder=tmp_path, wall=lambda: wall[0], steady=lambda: steady[0]
    )
    driver = SessionDriver(plan_of(ROUTINE), clock=clock, status=publisher)
    driver.start()
    clock.advance(10.0)
    driver.update()  # into the work part: published with its planned end
    status = read_status(tmp_path)
    assert status is not None
    left = status.part_left_at(wall[0], steady[0])
    # Ten seconds later on the monotonic clock, the wall clock stepped (NTP, a resume).
    steady[0] += 10.0
    wall[0] += 10.0 + step
    assert status.part_left_at(wall[0], steady[0]) == pytest.approx(left - 10.0)
    assert status.routine_left_at(wall[0], steady[0]) == pytest.approx(status.routine_left - 10.0)


def test_the_bell_rings_only_a_terminal(tmp_path: Path) -> None:
    from stride_tui.sound.fallbacks import write_bell

    with (tmp_path / "errors.txt").open("wb") as file:
        write_bell(file.fileno())
    assert (tmp_path / "errors.txt").read_bytes() == b""
    reader, writer = os.pipe()
    try:
        write_bell(writer)
        os.set_blocking(reader, False)
        with pytest.raises(BlockingIOError):
            os.read(reader, 1)
    finally:
        os.close(reader)
        os.close(writer)
    leader, follower = os.openpty()
    try:
        write_bell(follower)
        assert os.read(leader, 1) == b"\a"
    finally:
        os.close(leader)
        os.close(follower)


# -- children: speech engines and players never outlive stride -------------------------


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with contextlib.suppress(OSError):
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        return state != "Z"
    return True


def _gone(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return not _alive(pid)


def test_a_hanging_engine_and_what_it_started_are_ended_at_the_deadline(
    tmp_path: Path,
) -> None:
    from stride_tui.processes import run_bounded

    pids = tmp_path / "pids"
    script = f"sleep 1000 & echo $! > {pids}.tmp; mv {pids}.tmp {pids}; wait"
    started = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired):
        run_bounded(["sh", "-c", script], input=b"", timeout=1.0)
    assert time.monotonic() - started < 10.0
    grandchild = int(pids.read_text())
    assert _gone(grandchild, 5.0), "the engine's own child outlived it"


def test_children_still_running_at_exit_are_ended(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    program = "\n".join(
        [
            "import os, time",
            "from stride_tui.processes import spawn",
            f"spawn(['sh', '-c', 'sleep 1000 & echo $! > {pids}.tmp; mv {pids}.tmp {pids}; wait'])",
            f"while not os.path.exists({str(pids)!r}):",
            "    time.sleep(0.02)",
        ]
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", program], env=env, timeout=30, check=True)
    assert _gone(int(pids.read_text()), 5.0), "a player outlived stride"


def test_a_failing_engines_message_is_made_safe_to_show() -> None:
    from stride_tui.processes import MESSAGE_LIMIT, last_line

    said = last_line(b"warming up\n\x1b]0;owned\x07 [/] [bold]broken\x1b[2J\n")
    assert "\x1b" not in said and "\x07" not in said
    assert said == "\\x1b]0;owned\\x07 [/] [bold]broken\\x1b[2J"
    assert len(last_line(b"x" * 10_000)) == MESSAGE_LIMIT
