"""The picker with special files in the routines folder: listed as broken, never a hang.

The picker runs in a child process under a time limit, since a hang is the failure
tested for: it must list a FIFO, a link to ``/dev/zero``, a folder, a link loop and a
dangling link as broken routines with their reasons, and its live reload must pick up
a FIFO added while it runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from stride_tui import locations
from tests.helpers.paths import ROOT

LIMIT = 60.0

SCRIPT = """
import asyncio, os, sys, time
from pathlib import Path
from textual.widgets import OptionList, Static
from stride_tui import locations
from tests.helpers.tui import app_on

async def main() -> None:
    app, _ = app_on(None)
    async with app.run_test(size=(120, 40)) as pilot:
        routines = app.screen.query_one("#routines", OptionList)
        def ids():
            return [str(routines.get_option_at_index(i).id) for i in range(routines.option_count)]
        for rid in ("fifo", "zero", "folder", "loop", "dangling"):
            routines.highlighted = ids().index(rid)
            await pilot.pause()
            preview = str(app.screen.query_one("#preview", Static).render())
            print(rid, "|", preview.splitlines()[0])
        os.mkfifo(locations.user_routines_dir() / "late.yaml")
        deadline = time.monotonic() + 10
        while "late" not in ids() and time.monotonic() < deadline:
            await pilot.pause(0.1)
        print("late", "|", "listed" if "late" in ids() else "missing")

asyncio.run(main())
"""


def test_the_picker_lists_special_files_as_broken_and_reloads(tmp_path: Path) -> None:
    folder = locations.user_routines_dir()
    folder.mkdir(parents=True)
    os.mkfifo(folder / "fifo.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    (folder / "folder.yaml").mkdir()
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (folder / "dangling.yaml").symlink_to("gone.yaml")
    try:
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=LIMIT,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the picker hung for {LIMIT:g} s on special files")
    assert result.returncode == 0, result.stderr
    shown = dict(line.split(" | ", 1) for line in result.stdout.splitlines())
    reasons = {
        "fifo": "it is a named pipe (FIFO), not a file",
        "zero": "it is a device, not a file",
        "folder": "it is a folder, not a file",
        "loop": "it is a symbolic link loop",
        "dangling": "it is a symbolic link to gone.yaml, which does not exist",
    }
    for rid, reason in reasons.items():
        assert f"{rid}.yaml:1:1: cannot read the file: {reason}" in shown[rid]
    assert shown["late"] == "listed"
