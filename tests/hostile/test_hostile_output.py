"""No command lets a routine or the log steer the terminal: every control is shown escaped.

The user folder holds a routine full of control sequences (in its text and in its file
name) and a valid routine whose file name carries them; the log holds sessions, steps,
notes and markers carrying them too. Every command is run as a real process and its
output, taken as bytes, must hold no ESC, no other control but the line break, no C1
control and no BiDi control.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from textwrap import dedent

import pytest

from stride_tui import locations
from stride_tui.log.opening import open_training_log
from stride_tui.session.engine import StepStatus

UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
LIMIT = 60.0

ESCAPES = "\x1b]0;owned\x07\x1b[2J\x1b[?1049h\x1b[?1000h\x1b]52;c;b3duZWQ=\x07\x9b31m\u202e"
"""Set the title, clear, switch screens, track the mouse, write the clipboard, C1, BiDi."""

HOSTILE = """\
name: "Warm\\e]0;owned\\a-up\\u202e"
summary: "\\e[2J\\e[3J\\e[H"
steps:
  - name: "Hip \\e[?1049hcircles"
    how: "\\e]52;c;b3duZWQ=\\a"
    time: 30s
    cues: ["\\e[?1000h", "\\x9b31m", {at: 5s, say: "\\u202eevil"}]
    phases: ["\\e[8m"]
  - name: "\\x1b[31mRed"
    reps: 5
"""


@pytest.fixture
def hostile_home(stride_home: Path) -> Path:
    """A user folder and a log full of control sequences."""
    routines = locations.user_routines_dir()
    routines.mkdir(parents=True)
    (routines / f"full{ESCAPES}.yaml").write_text(HOSTILE, encoding="utf-8")
    (routines / f"calm{ESCAPES}.yaml").write_text(
        dedent("""\
            name: Calm
            steps:
              - {name: Breathe, time: 1s}
            """),
        encoding="utf-8",
    )
    history = open_training_log()
    session = history.start_session(
        routine_id=f"id{ESCAPES}",
        routine_name=f"Name{ESCAPES}",
        routine_kind=f"kind{ESCAPES}",
        content_hash="x",
        level=f"level{ESCAPES}",
        steps=[(f"Step{ESCAPES}", True)],
        planned_seconds=30.0,
        started=datetime.now(UTC),
    )
    history.record_step(session, 0, StepStatus.DONE, 30.0, 0)
    history.add_marker("cadence", 170, f'=HYPERLINK("x"){ESCAPES}', datetime.now(UTC))
    history.close()
    return stride_home


def _stride(*argv: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            [sys.executable, "-m", "stride_tui", *argv],
            cwd=cwd,
            env={**os.environ, "PYTHONPATH": str(Path.cwd()), "TERM": "xterm"},
            capture_output=True,
            timeout=LIMIT,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`stride {' '.join(argv)}` hung")


def _assert_safe(result: subprocess.CompletedProcess[bytes]) -> str:
    output = (result.stdout + result.stderr).decode("utf-8")
    assert "Traceback" not in output
    found = UNSAFE.search(output)
    assert found is None, f"{found.group()!r} reached the terminal in:\n{output!r}"
    return output


@pytest.mark.parametrize(
    "argv",
    [
        ("list",),
        ("list", "--ids"),
        ("list", "--level", "beginner"),
        ("show", "full"),
        ("show", "calm"),
        ("check", "full", "calm"),
        ("log",),
    ],
    ids=" ".join,
)
def test_no_command_prints_a_control_character(
    argv: tuple[str, ...], hostile_home: Path, tmp_path: Path
) -> None:
    output = _assert_safe(_stride(*argv, cwd=tmp_path))
    assert "\\x1b" in output  # shown, escaped


def test_check_locates_every_control_sequence(hostile_home: Path, tmp_path: Path) -> None:
    routines = locations.user_routines_dir()
    result = _stride("check", str(routines / f"full{ESCAPES}.yaml"), cwd=tmp_path)
    output = _assert_safe(result)
    where = [line.split(": ", 1)[0].rsplit(":", 2)[1:] for line in output.splitlines()[:-1]]
    spots = [(int(line), int(column)) for line, column in where]
    assert spots == [
        (1, 12),
        (2, 11),
        (4, 16),
        (5, 11),
        (7, 13),
        (7, 26),
        (7, 51),
        (8, 15),
        (9, 12),
    ]
    lines = HOSTILE.splitlines()
    assert all(lines[line - 1][column - 1] == "\\" for line, column in spots)  # each escape
    assert result.returncode == 1


@pytest.mark.parametrize(
    "routine",
    [
        "full",
        "calm",
    ],
)
def test_plain_mode_prints_no_control_character(
    routine: str, hostile_home: Path, tmp_path: Path
) -> None:
    path = locations.user_routines_dir() / f"{routine}{ESCAPES}.yaml"
    _assert_safe(_stride("run", "--plain", "--mute", str(path), cwd=tmp_path))


def test_csv_export_shows_controls_and_neutralises_formulas(
    hostile_home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    _assert_safe(_stride("log", "--csv", str(folder), cwd=tmp_path))
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.csv")))
    assert UNSAFE.search(text) is None
    with (folder / "markers.csv").open(encoding="utf-8", newline="") as handle:
        note = next(iter(csv.DictReader(handle)))["note"]
    assert note.startswith("'=HYPERLINK")
    assert "\\x1b]0;owned\\x07" in note
