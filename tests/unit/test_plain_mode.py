"""``stride run --plain``: one line per event, in order, on time, in a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from textwrap import dedent

from stride_tui.plain import format_line, stamp
from tests.helpers.engine import engine_of
from tests.helpers.paths import FIXTURES
from tests.helpers.plain import LINE

EXPECTED = [
    ("Hold", "", "Get ready: Hold"),
    ("Hold", "", "1"),
    ("Hold", "LEFT", "Hold, left side"),
    ("Hold", "LEFT", "3"),  # at 1 s into the 4 s hold, with the cue
    ("Hold", "LEFT", "Keep ribs quiet"),
    ("Hold", "LEFT", "2"),
    ("Hold", "LEFT", "1"),
    ("Hold", "RIGHT", "Switch sides"),
    ("Hold", "RIGHT", "Switch to the right side"),
    ("Hold", "RIGHT", "Hold, right side"),
    ("Hold", "RIGHT", "3"),
    ("Hold", "RIGHT", "Keep ribs quiet"),
    ("Hold", "RIGHT", "2"),
    ("Hold", "RIGHT", "1"),
    ("Hold", "RIGHT", "Done: Hold"),
    ("Swings", "", "Get ready: Swings"),
    ("Swings", "", "1"),
    ("Swings", "", "Swings"),
    ("Swings", "", "Rep 1 of 2"),
    ("Swings", "", "Lower"),
    ("Swings", "", "Return"),
    ("Swings", "", "Rep 2 of 2"),
    ("Swings", "", "Lower"),
    ("Swings", "", "Return"),
    ("Swings", "", "Done: Swings"),
    ("Swings", "", "Routine finished. Well done"),
]


def test_plain_mode_prints_every_event_in_order_on_time(stride_home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "stride_tui", "run", str(FIXTURES / "tiny.yaml"), "--plain"],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        timeout=60,
        env={**os.environ, "STRIDE_HOME": str(stride_home)},
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Tiny · standard level · 0:13"
    assert lines[-1].strip() == "took 0:13"
    seen = []
    previous = 0.0
    for line in lines[1:-1]:
        match = LINE.match(line)
        assert match, f"not an event line: {line!r}"
        actual = int(match[1]) * 60 + float(match[2])
        planned = int(match[3]) * 60 + float(match[4])
        assert abs(actual - planned) <= 0.05, line
        assert planned >= previous, "out of order"
        previous = planned
        seen.append((match[5].strip(), match[6].strip(), match[7]))
    assert seen == EXPECTED
    planned_at = [m.group(3, 4) for m in map(LINE.match, lines[1:-1]) if m]
    assert planned_at[2] == ("0", "01.00")  # the hold starts after 1 s of get ready
    assert planned_at[-1] == ("0", "13.00")


def test_line_format() -> None:
    engine, _ = engine_of(
        dedent("""\
            name: T
            steps:
              - {name: Couch stretch, time: 30s, sides: left}
            """)
    )
    engine.start()
    event = engine.update()[0]
    step = "Couch stretch".ljust(28)
    assert format_line(event, engine.plan, 0.004) == (
        f" 0:00.00  plan  0:00.00  {step}         Get ready: Couch stretch"
    )
    assert stamp(75.456) == "1:15.46"


def test_plain_mode_prints_each_whole_step_cue_as_it_comes_up(
    stride_home: Path, tmp_path: Path
) -> None:
    routine = tmp_path / "squat.yaml"
    routine.write_text(
        dedent("""\
            name: Squat
            defaults: {get_ready: 0s}
            steps:
              - {name: Squat hold, time: 9s, cues: [Knees out, Chest up]}
            """)
    )
    result = subprocess.run(
        [sys.executable, "-m", "stride_tui", "run", str(routine), "--plain", "--mute"],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        timeout=60,
        env={**os.environ, "STRIDE_HOME": str(stride_home)},
    )
    assert result.returncode == 0, result.stderr
    cues = [
        (m[3] + ":" + m[4], m[7])
        for m in map(LINE.match, result.stdout.splitlines())
        if m and m[7] in ("Knees out", "Chest up")
    ]
    assert cues == [("0:00.00", "Knees out"), ("0:08.00", "Chest up")]
