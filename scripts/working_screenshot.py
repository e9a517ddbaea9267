"""Make docs/working.png: the history screen's "Is it working?" charts at 160x48.

A demo log of twelve weeks: mobility sessions, two runs a week written as FIT files and
imported as `stride runs import` does, the step at the same pace growing a little, and a
hip extension test on each side every few weeks. Rendered from the app's own SVG
screenshot by ``scripts.screenshots`` (needs ``rsvg-convert``, Debian's librsvg2-bin).

Usage: python scripts/working_screenshot.py [PNG]   (default: docs/working.png; run it
from a checkout, as it uses the tests' demo log and FIT writer)
"""

from __future__ import annotations

import contextlib
import io
import sys
from datetime import timedelta
from pathlib import Path

from scripts.screenshots import demo_png

SIZE = (160, 48)


def _demo_log(folder: Path) -> None:
    from stride_tui.cli import main
    from stride_tui.log import store
    from stride_tui.log.opening import open_training_log
    from tests.helpers.history import seed
    from tests.unit.test_runs_working import NOW, TODAY, write_season

    store.now = lambda: NOW  # the demo's own today
    write_season(folder, lambda week: 1.0 + 0.05 * week / 11)
    with contextlib.redirect_stdout(io.StringIO()):
        main(["runs", "import", str(folder)])
    history = open_training_log()
    seed(history, TODAY, weeks=12)
    for weeks, left, right in ((11, 11, 9), (9, 12, 10), (5, 14, 12), (2, 15, 14), (0, 16, 14)):
        when = NOW - timedelta(weeks=weeks, days=1)
        history.add_marker("hip-extension", left, recorded=when, side="left")
        history.add_marker("hip-extension", right, recorded=when, side="right")
    history.close()


async def _screenshot(folder: Path) -> str:
    from stride_tui.tui.history import HistoryScreen
    from tests.helpers.tui import app_on, settle
    from tests.unit.test_runs_working import TODAY

    _demo_log(folder)
    app, _ = app_on(None, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        while not isinstance(app.screen, HistoryScreen):
            await pilot.pause(0.05)
        await settle(pilot)
        while not app.screen.query("#working-title"):
            await pilot.pause(0.05)
        app.screen.query_one("#working-title").scroll_visible(top=True, animate=False)
        await settle(pilot)
        return app.export_screenshot(title="stride: is it working?")


def main(argv: list[str]) -> int:
    """Write the PNG and print where."""
    return demo_png(lambda home: _screenshot(home / "watch"), argv, "working.png")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
