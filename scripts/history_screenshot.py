"""Make docs/history.png: the history screen at 160x48 over a demo log of four months.

Rendered from the app's own SVG screenshot by ``scripts.screenshots`` (needs
``rsvg-convert``, Debian's librsvg2-bin).

Usage: python scripts/history_screenshot.py [PNG]   (default: docs/history.png; run it
from a checkout, as it uses the tests' demo log)
"""

from __future__ import annotations

import sys

from scripts.screenshots import demo_png

SIZE = (160, 48)


async def _screenshot() -> str:
    from stride_tui.log.opening import open_training_log
    from stride_tui.tui.history import HistoryScreen
    from tests.helpers.coaching import TODAY, seed_months
    from tests.helpers.tui import app_on, settle

    seed_months(open_training_log())
    app, _ = app_on(None, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        while not isinstance(app.screen, HistoryScreen):
            await pilot.pause(0.05)
        await settle(pilot)
        return app.export_screenshot(title="stride: training log")


def main(argv: list[str]) -> int:
    """Write the PNG and print where."""
    return demo_png(lambda home: _screenshot(), argv, "history.png")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
